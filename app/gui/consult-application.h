/* consult-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "consult-content.h"

G_BEGIN_DECLS

#define CONSULT_TYPE_APPLICATION (consult_application_get_type ())
G_DECLARE_FINAL_TYPE (ConsultApplication, consult_application, CONSULT, APPLICATION, AdwApplication)

ConsultApplication *consult_application_new          (void);
GSettings          *consult_application_get_settings (ConsultApplication *self);

/* The procedure content the windows show: the shipped one, or the file given
 * with --content. Loaded before the first window opens. When it could not
 * be loaded, the content is NULL and the error says why, one
 * FILE:LINE:COLUMN: message per line; it is never a reason to crash. */
ConsultContent     *consult_application_get_content       (ConsultApplication *self);
const GError       *consult_application_get_content_error (ConsultApplication *self);

G_END_DECLS
