/* consult-explanation-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One of the three explanation steps (the procedure, its benefits, its
 * side effects), shown from the content and ticked off once discussed.
 */

#pragma once

#include <adwaita.h>

#include "consult-consultation.h"

G_BEGIN_DECLS

#define CONSULT_TYPE_EXPLANATION_PAGE (consult_explanation_page_get_type ())
G_DECLARE_FINAL_TYPE (ConsultExplanationPage, consult_explanation_page,
                      CONSULT, EXPLANATION_PAGE, AdwBin)

GtkWidget           *consult_explanation_page_new              (ConsultConsultation    *consultation,
                                                                ConsultExplanation      explanation);

ConsultConsultation *consult_explanation_page_get_consultation (ConsultExplanationPage *self);
ConsultExplanation   consult_explanation_page_get_explanation  (ConsultExplanationPage *self);

G_END_DECLS
