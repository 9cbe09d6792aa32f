/* consult-i18n.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "consult-config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "consult-i18n.h"

void
consult_i18n_init (const char *locale)
{
  const char *localedir = g_getenv ("CONSULT_LOCALEDIR");

  setlocale (LC_ALL, locale ? locale : "");

  /* ./run points this at the translations compiled in the build tree. */
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* glibc's gettext ignores LANGUAGE when LC_MESSAGES is the "C" locale,
 * which is also what setlocale() falls back to when the user's locale is
 * not installed; GLib's g_get_language_names() does not know that and
 * would still list LANGUAGE's entries. Following it would show German
 * content in an English UI: a consent the practitioner cannot check. */
char **
consult_i18n_content_languages_for (const char         *lc_messages,
                                    const char * const *language_names)
{
  GPtrArray *languages = g_ptr_array_new ();

  if (lc_messages == NULL
      || strcmp (lc_messages, "C") == 0
      || strcmp (lc_messages, "POSIX") == 0
      || language_names == NULL)
    {
      g_ptr_array_add (languages, NULL);
      return (char **) g_ptr_array_free (languages, FALSE);
    }

  for (gsize i = 0; language_names[i] != NULL; i++)
    {
      const char *name = language_names[i];

      if (strcmp (name, "C") == 0 || strcmp (name, "POSIX") == 0)
        break;
      /* "de_DE.UTF-8" and "de_DE@euro" come with "de_DE" and "de" after
       * them; content files are named by language and territory only. */
      if (strchr (name, '.') != NULL || strchr (name, '@') != NULL)
        continue;
      /* Names end up in a resource path: keep them to what a language
       * tag can hold. */
      if (*name == '\0' || strspn (name, "abcdefghijklmnopqrstuvwxyz"
                                         "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                         "0123456789_-") != strlen (name))
        continue;
      if (!g_ptr_array_find_with_equal_func (languages, name, g_str_equal, NULL))
        g_ptr_array_add (languages, g_strdup (name));
    }

  g_ptr_array_add (languages, NULL);
  return (char **) g_ptr_array_free (languages, FALSE);
}

gboolean
consult_i18n_time_is_c_locale (void)
{
  const char *name = setlocale (LC_TIME, NULL);

  return name == NULL || g_str_equal (name, "C") || g_str_equal (name, "POSIX") ||
         g_str_has_prefix (name, "C.");
}

char *
consult_format_date (GDateTime *time)
{
  return g_date_time_format (time, consult_i18n_time_is_c_locale () ? "%Y-%m-%d" : "%x");
}

char *
consult_format_time (GDateTime *time)
{
  return g_date_time_format (time, consult_i18n_time_is_c_locale () ? "%H:%M:%S" : "%X");
}

char **
consult_i18n_get_content_languages (void)
{
  return consult_i18n_content_languages_for (setlocale (LC_MESSAGES, NULL),
                                             g_get_language_names ());
}
