/* consult-i18n.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "consult-config.h"

#include <locale.h>
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
