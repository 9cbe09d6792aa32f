/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "consult-config.h"

#include "consult-application.h"
#include "consult-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ConsultApplication) app = NULL;

  consult_i18n_init ("");

  app = consult_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
