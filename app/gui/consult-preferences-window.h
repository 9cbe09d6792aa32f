/* consult-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CONSULT_TYPE_PREFERENCES_WINDOW (consult_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (ConsultPreferencesWindow, consult_preferences_window,
                      CONSULT, PREFERENCES_WINDOW, AdwPreferencesWindow)

ConsultPreferencesWindow *consult_preferences_window_new (GSettings *settings);

G_END_DECLS
