/* consult-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "consult-application.h"

G_BEGIN_DECLS

#define CONSULT_TYPE_WINDOW (consult_window_get_type ())
G_DECLARE_FINAL_TYPE (ConsultWindow, consult_window, CONSULT, WINDOW, AdwApplicationWindow)

ConsultWindow *consult_window_new (ConsultApplication *application);

G_END_DECLS
