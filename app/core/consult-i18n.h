/* consult-i18n.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets the locale (NULL or "" for the user's) and binds the text domain.
 * main() passes the user's locale; tests pass "C.UTF-8". */
void consult_i18n_init (const char *locale);

G_END_DECLS
