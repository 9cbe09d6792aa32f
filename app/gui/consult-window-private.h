/* consult-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the tests reach past the file chooser with.
 */

#pragma once

#include "consult-autosave.h"
#include "consult-window.h"

G_BEGIN_DECLS

/* Starts writing the summary of the window's consultation to @path as
 * PDF, with the clinic from the preferences: what Export PDF does once a
 * file has been chosen. The consultation is copied at once; the PDF is
 * laid out and written in a worker thread, and the window says when it
 * is done, or why it failed. Not while another export is running. */
void     _consult_window_export_pdf_start (ConsultWindow *self,
                                           const char    *path);

/* Whether an export started by the above is still running. */
gboolean _consult_window_is_exporting     (ConsultWindow *self);

/* Saves the window's consultation as a record at @path: what Save and
 * Save As do once they know where. A signed record on disk is refused. */
gboolean _consult_window_save_to     (ConsultWindow *self,
                                      const char    *path,
                                      GError       **error);

/* Opens the record at @path in the window, showing its summary: what Open
 * does once a file has been chosen, without asking about unsaved work. */
gboolean _consult_window_open_record (ConsultWindow *self,
                                      const char    *path,
                                      GError       **error);

/* The window's autosave, so that tests can shorten its delay. */
ConsultAutosave *_consult_window_get_autosave (ConsultWindow *self);

G_END_DECLS
