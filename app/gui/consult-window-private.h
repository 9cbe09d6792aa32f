/* consult-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the tests reach past the file chooser with.
 */

#pragma once

#include "consult-window.h"

G_BEGIN_DECLS

/* Writes the summary of the window's consultation to @path as PDF, with
 * the clinic from the preferences: what Export PDF does once a file has
 * been chosen. */
gboolean _consult_window_export_pdf_to (ConsultWindow *self,
                                        const char    *path,
                                        GError       **error);

G_END_DECLS
