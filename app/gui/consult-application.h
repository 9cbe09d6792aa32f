/* consult-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CONSULT_TYPE_APPLICATION (consult_application_get_type ())
G_DECLARE_FINAL_TYPE (ConsultApplication, consult_application, CONSULT, APPLICATION, AdwApplication)

ConsultApplication *consult_application_new          (void);
GSettings          *consult_application_get_settings (ConsultApplication *self);

G_END_DECLS
