/* consult-i18n.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets the locale (NULL or "" for the user's) and binds the text domain.
 * main() passes the user's locale; tests pass "C.UTF-8". */
void   consult_i18n_init                   (const char *locale);

/* The languages to look for translated procedure content in, best first,
 * as names such as "de_DE" and "de" (never "C"). Empty when the UI itself
 * is not translated, so that the content always speaks the UI's language.
 * Free with g_strfreev(). */
char **consult_i18n_get_content_languages  (void);

/* The same, from an LC_MESSAGES locale name (setlocale (LC_MESSAGES, NULL))
 * and a list such as g_get_language_names() gives; for tests. */
char **consult_i18n_content_languages_for  (const char         *lc_messages,
                                            const char * const *language_names);

/* TRUE when dates and times are in the C locale (LC_TIME is C, POSIX or
 * C.UTF-8), whose "%x" is a month-first date with a two-digit year. */
gboolean consult_i18n_time_is_c_locale (void);

/* A date, or a time of day, the way the user's locale writes it ("%x",
 * "%X"). In the C locale, which is nobody's convention, ISO 8601 instead:
 * a health record wants a year that cannot be misread. */
char    *consult_format_date            (GDateTime *time);
char    *consult_format_time            (GDateTime *time);

G_END_DECLS
