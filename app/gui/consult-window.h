/* consult-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "consult-application.h"
#include "consult-consultation.h"
#include "consult-content.h"

G_BEGIN_DECLS

#define CONSULT_TYPE_WINDOW (consult_window_get_type ())
G_DECLARE_FINAL_TYPE (ConsultWindow, consult_window, CONSULT, WINDOW, AdwApplicationWindow)

ConsultWindow       *consult_window_new              (ConsultApplication *application);

/* The consultation on screen; NULL when the content could not be loaded. */
ConsultConsultation *consult_window_get_consultation (ConsultWindow      *self);
ConsultFlowStep      consult_window_get_current_step (ConsultWindow      *self);

/* Shows @step if it can be reached now; returns FALSE (and says why in a
 * toast) when it cannot, e.g. consent while the screening forbids it. */
gboolean             consult_window_go_to_step       (ConsultWindow      *self,
                                                      ConsultFlowStep     step);

/* The page of @step, or NULL when it has not been shown yet: pages are
 * created the first time they are needed. */
GtkWidget           *consult_window_get_page         (ConsultWindow      *self,
                                                      ConsultFlowStep     step);

G_END_DECLS
