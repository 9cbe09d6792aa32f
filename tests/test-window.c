/* test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window and the application around it: created, painted,
 * destroyed and finalized; its actions and shortcuts; preferences stored in
 * GSettings; the About window built from the metainfo.
 */

#include "consult-config.h"

#include <adwaita.h>

#include "consult-application.h"
#include "consult-preferences-window.h"
#include "consult-test-utils.h"
#include "consult-window.h"

static ConsultApplication *
new_registered_application (void)
{
  g_autoptr(GError) error = NULL;
  ConsultApplication *app = consult_application_new ();

  /* Non-unique: no bus, no hand-over to another instance. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  ck_assert_msg (g_application_register (G_APPLICATION (app), NULL, &error),
                 "register: %s", error ? error->message : "");

  return app;
}

static GtkWindow *
find_toplevel_of_type (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

START_TEST (test_window_smoke)
{
  g_autoptr(ConsultApplication) app = new_registered_application ();
  ConsultWindow *window = consult_window_new (app);
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_present (GTK_WINDOW (window));
  consult_test_wait_for_frame (window);

  ck_assert (gtk_widget_get_mapped (GTK_WIDGET (window)));
  ck_assert_str_eq (gtk_window_get_title (GTK_WINDOW (window)), "Consult");
  ck_assert_ptr_eq (gtk_window_get_application (GTK_WINDOW (window)), GTK_APPLICATION (app));

  gtk_window_destroy (GTK_WINDOW (window));
  consult_test_flush ();
  ck_assert_msg (weak == NULL, "the window was not finalized");
}
END_TEST

/* The visible shortcuts window among the toplevels, if any. */
static GtkWindow *
shortcuts_window_shown (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_SHORTCUTS_WINDOW (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }
  return NULL;
}

/* How many GtkShortcutsShortcuts under @widget, and how many of them show
 * no keys. */
static void
count_shortcuts (GtkWidget *widget,
                 guint     *n_shortcuts,
                 guint     *n_without_keys)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accelerator = NULL;

      g_object_get (widget, "accelerator", &accelerator, NULL);
      (*n_shortcuts)++;
      if (accelerator == NULL || *accelerator == '\0')
        (*n_without_keys)++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_shortcuts (child, n_shortcuts, n_without_keys);
}

START_TEST (test_window_accels)
{
  g_autoptr(ConsultApplication) app = new_registered_application ();
  GtkWindow *shortcuts;
  guint n_shortcuts = 0, n_without_keys = 0;
  const struct { const char *action; const char *accel; } expected[] = {
    { "app.quit", "<Control>q" },
    { "app.preferences", "<Control>comma" },
    { "window.close", "<Control>w" },
    { "win.show-help-overlay", "<Control>question" },
  };
  ConsultWindow *window = consult_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  consult_test_wait_for_frame (window);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                    expected[i].action);
      ck_assert_msg (accels != NULL && accels[0] != NULL, "no accel for %s", expected[i].action);
      ck_assert_str_eq (accels[0], expected[i].accel);
    }

  /* The shortcuts window is made when first asked for, once, and shows the
   * app's own shortcuts. */
  ck_assert (!shortcuts_window_shown ());
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  consult_test_flush ();
  shortcuts = shortcuts_window_shown ();
  ck_assert_ptr_nonnull (shortcuts);
  ck_assert_ptr_eq (gtk_window_get_transient_for (shortcuts), GTK_WINDOW (window));
  ck_assert (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  count_shortcuts (GTK_WIDGET (shortcuts), &n_shortcuts, &n_without_keys);
  ck_assert_uint_ge (n_shortcuts, 12);
  ck_assert_uint_eq (n_without_keys, 0);
  gtk_window_close (shortcuts);
  consult_test_flush ();
  ck_assert (!gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  consult_test_flush ();
  ck_assert_ptr_eq (shortcuts_window_shown (), shortcuts);

  gtk_window_destroy (GTK_WINDOW (window));
  consult_test_flush ();
  ck_assert_ptr_null (shortcuts_window_shown ());
}
END_TEST

START_TEST (test_window_size_remembered)
{
  g_autoptr(ConsultApplication) app = new_registered_application ();
  GSettings *settings = consult_application_get_settings (app);
  ConsultWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 640);

  window = consult_window_new (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  ck_assert_int_eq (width, 900);
  ck_assert_int_eq (height, 640);

  gtk_window_present (GTK_WINDOW (window));
  consult_test_wait_for_frame (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_close (GTK_WINDOW (window));
  consult_test_flush ();

  ck_assert_int_eq (g_settings_get_int (settings, "window-width"), 1000);
  ck_assert_int_eq (g_settings_get_int (settings, "window-height"), 700);
}
END_TEST

START_TEST (test_quit_closes_windows)
{
  g_autoptr(ConsultApplication) app = new_registered_application ();
  ConsultWindow *window = consult_window_new (app);
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_present (GTK_WINDOW (window));
  consult_test_wait_for_frame (window);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  consult_test_flush ();

  ck_assert_msg (weak == NULL, "app.quit left the window open");
  ck_assert_ptr_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}
END_TEST

START_TEST (test_preferences_bound_to_settings)
{
  g_autoptr(ConsultApplication) app = new_registered_application ();
  GSettings *settings = consult_application_get_settings (app);
  ConsultWindow *window = consult_window_new (app);
  ConsultPreferencesWindow *preferences;
  g_autofree char *clinic = NULL;
  g_autofree char *practitioner = NULL;
  GObject *row;

  gtk_window_present (GTK_WINDOW (window));
  consult_test_wait_for_frame (window);

  g_settings_set_string (settings, "practitioner-name", "Dr Ada Byron");

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = CONSULT_PREFERENCES_WINDOW (find_toplevel_of_type (CONSULT_TYPE_PREFERENCES_WINDOW));
  ck_assert_ptr_nonnull (preferences);
  ck_assert_ptr_eq (gtk_window_get_transient_for (GTK_WINDOW (preferences)), GTK_WINDOW (window));
  consult_test_wait_for_frame (preferences);

  /* Settings reach the rows... */
  row = gtk_widget_get_template_child (GTK_WIDGET (preferences), CONSULT_TYPE_PREFERENCES_WINDOW,
                                       "practitioner_name_row");
  ck_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (row)), "Dr Ada Byron");

  /* ...and what is typed reaches the settings. */
  row = gtk_widget_get_template_child (GTK_WIDGET (preferences), CONSULT_TYPE_PREFERENCES_WINDOW,
                                       "clinic_name_row");
  gtk_editable_set_text (GTK_EDITABLE (row), "Harbour Skin Clinic");
  clinic = g_settings_get_string (settings, "clinic-name");
  ck_assert_str_eq (clinic, "Harbour Skin Clinic");

  row = gtk_widget_get_template_child (GTK_WIDGET (preferences), CONSULT_TYPE_PREFERENCES_WINDOW,
                                       "clinic_address_view");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (row)),
                            "1 Quay Street\nPortsmouth", -1);
  clinic = (g_free (clinic), g_settings_get_string (settings, "clinic-address"));
  ck_assert_str_eq (clinic, "1 Quay Street\nPortsmouth");

  practitioner = g_settings_get_string (settings, "practitioner-name");
  ck_assert_str_eq (practitioner, "Dr Ada Byron");

  gtk_window_destroy (GTK_WINDOW (preferences));
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

START_TEST (test_about_from_metainfo)
{
  g_autoptr(ConsultApplication) app = new_registered_application ();
  ConsultWindow *window = consult_window_new (app);
  AdwAboutWindow *about;

  gtk_window_present (GTK_WINDOW (window));
  consult_test_wait_for_frame (window);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = ADW_ABOUT_WINDOW (find_toplevel_of_type (ADW_TYPE_ABOUT_WINDOW));
  ck_assert_ptr_nonnull (about);

  ck_assert_str_eq (adw_about_window_get_application_name (about), "Consult");
  ck_assert_str_eq (adw_about_window_get_version (about), PACKAGE_VERSION);
  ck_assert_str_eq (adw_about_window_get_application_icon (about), APPLICATION_ID);
  ck_assert_str_eq (adw_about_window_get_developer_name (about), "The Consult developers");
  ck_assert_str_eq (adw_about_window_get_comments (about),
                    "Guide a client through a treatment consultation");
  ck_assert_int_eq (adw_about_window_get_license_type (about), GTK_LICENSE_GPL_3_0);
  ck_assert_ptr_nonnull (adw_about_window_get_website (about));
  ck_assert_ptr_nonnull (adw_about_window_get_issue_url (about));
  ck_assert_str_eq (adw_about_window_get_release_notes_version (about), PACKAGE_VERSION);
  ck_assert_ptr_nonnull (strstr (adw_about_window_get_release_notes (about), "<p>"));

  gtk_window_destroy (GTK_WINDOW (about));
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

static Suite *
window_suite (void)
{
  Suite *s = suite_create ("window");
  TCase *tc = tcase_create ("window");

  tcase_add_checked_fixture (tc, consult_test_setup_gtk, NULL);
  tcase_set_timeout (tc, 30);
  tcase_add_test (tc, test_window_smoke);
  tcase_add_test (tc, test_window_accels);
  tcase_add_test (tc, test_window_size_remembered);
  tcase_add_test (tc, test_quit_closes_windows);
  tcase_add_test (tc, test_preferences_bound_to_settings);
  tcase_add_test (tc, test_about_from_metainfo);
  suite_add_tcase (s, tc);

  return s;
}

int
main (void)
{
  return consult_test_run_suite (window_suite (), TRUE);
}
