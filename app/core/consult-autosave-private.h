/* consult-autosave-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the tests look at: which thread wrote the last draft, whether a
 * write is still under way, and hooks run in the writing thread.
 */

#pragma once

#include "consult-autosave.h"

G_BEGIN_DECLS

typedef void (*ConsultAutosaveWriteHook) (gpointer data);

/* The thread that wrote the last draft reported by "saved" or "failed",
 * or NULL before any. Only to compare with g_thread_self(). */
GThread *_consult_autosave_get_last_writer (ConsultAutosave          *self);

/* TRUE while a write is running or waiting for one. */
gboolean _consult_autosave_is_busy         (ConsultAutosave          *self);

/* Runs @before (@data) in the writing thread just before each write that
 * starts from now on, to hold a write in flight, and @after there once
 * the write is done, just before the task completes. Either may be
 * NULL. */
void     _consult_autosave_set_write_hooks (ConsultAutosave          *self,
                                            ConsultAutosaveWriteHook  before,
                                            ConsultAutosaveWriteHook  after,
                                            gpointer                  data);

G_END_DECLS
