/* consult-screening-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The screening step: every question of the content with Yes and No, a
 * note where the practitioner records what was done, and a banner that
 * shows the outcome as the answers come in.
 */

#pragma once

#include <adwaita.h>

#include "consult-consultation.h"

G_BEGIN_DECLS

#define CONSULT_TYPE_SCREENING_PAGE (consult_screening_page_get_type ())
G_DECLARE_FINAL_TYPE (ConsultScreeningPage, consult_screening_page,
                      CONSULT, SCREENING_PAGE, AdwBin)

/* Property "consultation": construct-only; the page shows its answers and
 * changes them through the consultation's API. */
GtkWidget           *consult_screening_page_new              (ConsultConsultation  *consultation);

ConsultConsultation *consult_screening_page_get_consultation (ConsultScreeningPage *self);

G_END_DECLS
