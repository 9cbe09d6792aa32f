/* bench-floor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The floor that bench-startup measures Consult against: the least an
 * AdwApplication window can be, a header bar over a preferences page
 * with a few rows, at the size Consult's window opens at (its
 * window-width and window-height defaults). Nothing of Consult is
 * linked in.
 */

#include "consult-config.h"

#include <adwaita.h>

static void
activate_cb (GApplication *app)
{
  static const char *const titles[] = { "Client", "Procedure", "Screening", "Consent" };
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();

  gtk_window_set_title (GTK_WINDOW (window), "Floor");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new ("Floor", NULL));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), "Steps");
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), titles[i]);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), "To do");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  gtk_widget_set_vexpand (page, TRUE);

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), page);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.consult.BenchFloor",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
