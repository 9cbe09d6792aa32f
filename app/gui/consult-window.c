/* consult-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "consult-window"

#include "consult-config.h"

#include <glib/gi18n.h>

#include "consult-window.h"

struct _ConsultWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;

  AdwHeaderBar *header_bar;
  AdwToastOverlay *toast_overlay;
  AdwStatusPage *status_page;
};

G_DEFINE_FINAL_TYPE (ConsultWindow, consult_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

ConsultWindow *
consult_window_new (ConsultApplication *application)
{
  g_return_val_if_fail (CONSULT_IS_APPLICATION (application), NULL);

  return g_object_new (CONSULT_TYPE_WINDOW,
                       "application", application,
                       "settings", consult_application_get_settings (application),
                       NULL);
}

static void
save_window_state (ConsultWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);
}

static gboolean
consult_window_close_request (GtkWindow *window)
{
  save_window_state (CONSULT_WINDOW (window));

  return GTK_WINDOW_CLASS (consult_window_parent_class)->close_request (window);
}

static void
consult_window_constructed (GObject *object)
{
  ConsultWindow *self = CONSULT_WINDOW (object);

  G_OBJECT_CLASS (consult_window_parent_class)->constructed (object);

  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
}

static void
consult_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ConsultWindow *self = CONSULT_WINDOW (object);

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
consult_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ConsultWindow *self = CONSULT_WINDOW (object);

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
consult_window_dispose (GObject *object)
{
  ConsultWindow *self = CONSULT_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONSULT_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (consult_window_parent_class)->dispose (object);
}

static void
consult_window_class_init (ConsultWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = consult_window_constructed;
  object_class->dispose = consult_window_dispose;
  object_class->get_property = consult_window_get_property;
  object_class->set_property = consult_window_set_property;

  window_class->close_request = consult_window_close_request;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/consult-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ConsultWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, ConsultWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ConsultWindow, status_page);
}

static void
consult_window_init (ConsultWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
