/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "consult-config.h"

#include <gtk/gtk.h>

#include "consult-application.h"
#include "consult-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ConsultApplication) app = NULL;

  consult_i18n_init ("");
  /* The locale is set, once, above: GTK setting it again while it starts
   * up would race with the thread that loads the content meanwhile. */
  gtk_disable_setlocale ();

  app = consult_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
