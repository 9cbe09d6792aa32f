/* consult-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "consult-preferences"

#include "consult-config.h"

#include <glib/gi18n.h>

#include "consult-preferences-window.h"

struct _ConsultPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;

  AdwEntryRow *clinic_name_row;
  GtkTextView *clinic_address_view;
  AdwEntryRow *practitioner_name_row;
};

G_DEFINE_FINAL_TYPE (ConsultPreferencesWindow, consult_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

ConsultPreferencesWindow *
consult_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (CONSULT_TYPE_PREFERENCES_WINDOW, "settings", settings, NULL);
}

static void
consult_preferences_window_constructed (GObject *object)
{
  ConsultPreferencesWindow *self = CONSULT_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (consult_preferences_window_parent_class)->constructed (object);

  g_return_if_fail (self->settings != NULL);

  /* Each change is stored as it is typed: there is nothing to apply. */
  g_settings_bind (self->settings, "clinic-name",
                   self->clinic_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "clinic-address",
                   gtk_text_view_get_buffer (self->clinic_address_view), "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "practitioner-name",
                   self->practitioner_name_row, "text", G_SETTINGS_BIND_DEFAULT);
}

static void
consult_preferences_window_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  ConsultPreferencesWindow *self = CONSULT_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consult_preferences_window_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  ConsultPreferencesWindow *self = CONSULT_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_set_object (&self->settings, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consult_preferences_window_dispose (GObject *object)
{
  ConsultPreferencesWindow *self = CONSULT_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONSULT_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (consult_preferences_window_parent_class)->dispose (object);
}

static void
consult_preferences_window_class_init (ConsultPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = consult_preferences_window_constructed;
  object_class->dispose = consult_preferences_window_dispose;
  object_class->get_property = consult_preferences_window_get_property;
  object_class->set_property = consult_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/consult-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ConsultPreferencesWindow, clinic_name_row);
  gtk_widget_class_bind_template_child (widget_class, ConsultPreferencesWindow,
                                        clinic_address_view);
  gtk_widget_class_bind_template_child (widget_class, ConsultPreferencesWindow,
                                        practitioner_name_row);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
consult_preferences_window_init (ConsultPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
