/* consult-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "consult-application"

#include "consult-config.h"

#include <glib/gi18n.h>

#include "consult-application.h"
#include "consult-metainfo.h"
#include "consult-preferences-window.h"
#include "consult-window.h"

struct _ConsultApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (ConsultApplication, consult_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { NULL }
};

ConsultApplication *
consult_application_new (void)
{
  return g_object_new (CONSULT_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", RESOURCE_BASE,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

GSettings *
consult_application_get_settings (ConsultApplication *self)
{
  g_return_val_if_fail (CONSULT_IS_APPLICATION (self), NULL);

  return self->settings;
}

/* Options that open no window are answered here, in the launching process,
 * before anything connects to a display or a bus. */
static int
consult_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("consult %s\n", PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

static void
consult_application_activate (GApplication *app)
{
  ConsultApplication *self = CONSULT_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = GTK_WINDOW (consult_window_new (self));

  gtk_window_present (window);
}

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  /* Ask each window to close, so that one with unsaved work can object. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
}

static void
preferences_activated_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  ConsultApplication *self = CONSULT_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  ConsultPreferencesWindow *preferences;

  preferences = consult_preferences_window_new (self->settings);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  ConsultApplication *self = CONSULT_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(ConsultMetainfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  AdwAboutWindow *about;

  bytes = g_resources_lookup_data (RESOURCE_BASE "/metainfo.xml",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes != NULL)
    info = consult_metainfo_load_bytes (bytes, "metainfo.xml", &error);
  if (info == NULL)
    g_warning ("Cannot read the bundled metainfo: %s", error->message);

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_icon (about, APPLICATION_ID);
  adw_about_window_set_application_name (about, info ? info->name : PACKAGE_NAME);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  /* Translators: Replace "translator-credits" with your name(s), one per line. */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  if (info != NULL)
    {
      adw_about_window_set_comments (about, info->summary);
      adw_about_window_set_developer_name (about, info->developer_name);
      adw_about_window_set_website (about, info->homepage);
      adw_about_window_set_issue_url (about, info->bugtracker);
      if (info->release_notes != NULL && g_strcmp0 (info->version, PACKAGE_VERSION) == 0)
        {
          adw_about_window_set_release_notes_version (about, info->version);
          adw_about_window_set_release_notes (about, info->release_notes);
        }
    }
  adw_about_window_set_copyright (about, "© 2026 The Consult developers");

  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated_cb },
  { "preferences", preferences_activated_cb },
  { "about", about_activated_cb },
};

static void
consult_application_startup (GApplication *app)
{
  ConsultApplication *self = CONSULT_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (consult_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APPLICATION_ID);

  self->settings = g_settings_new (APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
}

static void
consult_application_dispose (GObject *object)
{
  ConsultApplication *self = CONSULT_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (consult_application_parent_class)->dispose (object);
}

static void
consult_application_class_init (ConsultApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = consult_application_dispose;

  app_class->handle_local_options = consult_application_handle_local_options;
  app_class->startup = consult_application_startup;
  app_class->activate = consult_application_activate;
}

static void
consult_application_init (ConsultApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Guide a client through a treatment consultation "
                                              "and informed consent."));
}
