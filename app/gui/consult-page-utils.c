/* consult-page-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "consult-config.h"

#include <glib/gi18n.h>

#include "consult-page-utils.h"

static GtkWidget *
new_label (GtkAccessibleRole  role,
           const char        *text,
           gboolean           use_markup)
{
  return g_object_new (GTK_TYPE_LABEL,
                       "accessible-role", role,
                       "label", text != NULL ? text : "",
                       "use-markup", use_markup,
                       "wrap", TRUE,
                       "wrap-mode", PANGO_WRAP_WORD_CHAR,
                       "xalign", 0.0f,
                       "selectable", FALSE,
                       "halign", GTK_ALIGN_FILL,
                       NULL);
}

GtkWidget *
consult_page_label_new (const char *text,
                        gboolean    use_markup)
{
  return new_label (GTK_ACCESSIBLE_ROLE_LABEL, text, use_markup);
}

GtkWidget *
consult_page_heading_new (const char *markup)
{
  GtkWidget *label = new_label (GTK_ACCESSIBLE_ROLE_HEADING, markup, TRUE);

  gtk_widget_add_css_class (label, "title-1");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, 1,
                                  -1);

  return label;
}

GtkWidget *
consult_page_decoration_new (const char *icon_name,
                             const char *text)
{
  GtkWidget *widget;

  if (icon_name != NULL)
    widget = g_object_new (GTK_TYPE_IMAGE,
                           "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                           "icon-name", icon_name,
                           NULL);
  else
    widget = g_object_new (GTK_TYPE_LABEL,
                           "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                           "label", text,
                           NULL);

  gtk_widget_set_valign (widget, GTK_ALIGN_START);

  return widget;
}

GtkWidget *
consult_page_content_label_new (const ConsultText *text)
{
  GtkWidget *label;

  g_return_val_if_fail (text != NULL, NULL);

  label = consult_page_label_new (text->markup, TRUE);
  gtk_widget_add_css_class (label, "client-text");

  return label;
}

GtkWidget *
consult_page_group_new (const char *title,
                        const char *description)
{
  return g_object_new (ADW_TYPE_PREFERENCES_GROUP,
                       "title", title,
                       "description", description,
                       NULL);
}

GtkWidget *
consult_page_list_new (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  return list;
}

GtkWidget *
consult_page_list_append (GtkWidget *list,
                          GtkWidget *child)
{
  GtkWidget *row = gtk_list_box_row_new ();

  g_return_val_if_fail (GTK_IS_LIST_BOX (list), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (child), NULL);

  gtk_widget_set_margin_top (child, 12);
  gtk_widget_set_margin_bottom (child, 12);
  gtk_widget_set_margin_start (child, 12);
  gtk_widget_set_margin_end (child, 12);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  /* Text to read, not a control: Tab goes past it to the next control
   * instead of stopping on every line of the page. */
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), child);
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  return row;
}

void
consult_page_box_remove_all (GtkBox *box)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_BOX (box));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

char *
consult_page_join_area_labels (ConsultContent  *content,
                               char           **area_ids)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  g_return_val_if_fail (CONSULT_IS_CONTENT (content), NULL);

  for (guint i = 0; area_ids != NULL && area_ids[i] != NULL; i++)
    {
      const ConsultArea *area = consult_content_find_area (content, area_ids[i]);
      g_autofree char *escaped = NULL;

      if (joined->len > 0)
        /* Translators: between the items of a list on one line. */
        g_string_append (joined, C_("list separator", ", "));
      if (area != NULL)
        g_string_append (joined, area->label.markup);
      else
        {
          escaped = g_markup_escape_text (area_ids[i], -1);
          g_string_append (joined, escaped);
        }
    }

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

static gboolean
list_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkListBox            *list)
{
  GtkWidget *focus;

  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return GDK_EVENT_PROPAGATE;
  if ((state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return GDK_EVENT_PROPAGATE;

  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (list)));
  if (!GTK_IS_LIST_BOX_ROW (focus) || gtk_widget_get_parent (focus) != GTK_WIDGET (list))
    return GDK_EVENT_PROPAGATE;

  return gtk_widget_activate (focus);
}

void
consult_list_box_activate_on_enter (GtkListBox *list)
{
  GtkEventController *controller;

  g_return_if_fail (GTK_IS_LIST_BOX (list));

  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (list_key_pressed_cb), list, 0);
  gtk_widget_add_controller (GTK_WIDGET (list), controller);
}
