/* consult-summary-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "Summary" step: the consultation as it stands, in plain words.
 */

#pragma once

#include <adwaita.h>

#include "consult-consultation.h"

G_BEGIN_DECLS

#define CONSULT_TYPE_SUMMARY_PAGE (consult_summary_page_get_type ())
G_DECLARE_FINAL_TYPE (ConsultSummaryPage, consult_summary_page, CONSULT, SUMMARY_PAGE, AdwBin)

GtkWidget           *consult_summary_page_new              (ConsultConsultation *consultation);

ConsultConsultation *consult_summary_page_get_consultation (ConsultSummaryPage  *self);

G_END_DECLS
