/* consult-client-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "Client" step: who the client is, where they are treated, who
 * treats them and when.
 */

#pragma once

#include <adwaita.h>

#include "consult-consultation.h"

G_BEGIN_DECLS

#define CONSULT_TYPE_CLIENT_PAGE (consult_client_page_get_type ())
G_DECLARE_FINAL_TYPE (ConsultClientPage, consult_client_page, CONSULT, CLIENT_PAGE, AdwBin)

GtkWidget           *consult_client_page_new              (ConsultConsultation *consultation);

ConsultConsultation *consult_client_page_get_consultation (ConsultClientPage   *self);

G_END_DECLS
