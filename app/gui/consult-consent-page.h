/* consult-consent-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The consent step: the statements the client agrees to, then the client's
 * and the practitioner's signatures. Once both have signed, the answers are
 * locked until someone amends the consultation.
 */

#pragma once

#include <adwaita.h>

#include "consult-consultation.h"

G_BEGIN_DECLS

#define CONSULT_TYPE_CONSENT_PAGE (consult_consent_page_get_type ())
G_DECLARE_FINAL_TYPE (ConsultConsentPage, consult_consent_page, CONSULT, CONSENT_PAGE, AdwBin)

/* Property "consultation": construct-only.
 *
 * Action "consent.amend": enabled while the consultation is locked; asks
 * for confirmation, then calls consult_consultation_amend(). */
GtkWidget           *consult_consent_page_new              (ConsultConsultation *consultation);

ConsultConsultation *consult_consent_page_get_consultation (ConsultConsentPage  *self);

G_END_DECLS
