/* consult-recent-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A search entry above a boxed list of the records in the index, filtered
 * as the practitioner types. The list follows the index: rows come and go
 * as records are saved or removed, without the page doing anything.
 *
 * Keyboard: Ctrl+F focuses the search from anywhere in the window; typing
 * in the list goes to the search too; Down in the search moves to the
 * first row, and Up on the first row back to the search; Enter opens the
 * record; Escape clears the search.
 */

#define G_LOG_DOMAIN "consult-recent-page"

#include "consult-config.h"

#include <glib/gi18n.h>

#include "consult-consultation.h"
#include "consult-i18n.h"
#include "consult-page-utils.h"
#include "consult-recent-page.h"

struct _ConsultRecentPage
{
  AdwBin parent_instance;

  ConsultRecordIndex *index;
  GtkCustomFilter *filter;
  GtkFilterListModel *filter_model;
  char *query;

  GtkStack *stack;
  AdwStatusPage *empty_page;
  GtkSearchEntry *search_entry;
  GtkStack *results_stack;
  GtkListBox *list_box;
  GtkLabel *skipped_label;
};

G_DEFINE_FINAL_TYPE (ConsultRecentPage, consult_recent_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_INDEX,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* Rows */

static char *
format_date (const char *iso)
{
  g_autoptr(GDateTime) date_time = NULL;
  GDate date;

  if (iso == NULL || !consult_date_from_iso (iso, &date))
    return NULL;

  date_time = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                     g_date_get_day (&date), 0, 0, 0);

  /* The date in the user's locale, as the summary shows it and as it can
   * be searched for. */
  return consult_format_date (date_time);
}

/* The tag at the end of a row, and its style: signed records are final;
 * a consultation that ended in no treatment has nothing to sign, so it
 * says how it ended rather than passing for an unfinished draft. */
static const char *
describe_state (ConsultRecordInfo  *info,
                const char        **style)
{
  ConsultOutcome outcome = CONSULT_OUTCOME_INCOMPLETE;

  if (consult_record_info_get_signed (info))
    {
      *style = "success";
      return C_("record state", "Signed");
    }

  consult_outcome_from_string (consult_record_info_get_outcome (info), &outcome);
  switch (outcome)
    {
    case CONSULT_OUTCOME_DEFER:
      *style = "warning";
      /* Translators: a record whose treatment was postponed. */
      return C_("record state", "Deferred");
    case CONSULT_OUTCOME_NOT_SUITABLE:
      *style = "error";
      /* Translators: a record where the client could not be treated. */
      return C_("record state", "Not Suitable");
    case CONSULT_OUTCOME_INCOMPLETE:
    case CONSULT_OUTCOME_SUITABLE:
    case CONSULT_OUTCOME_SUITABLE_WITH_PRECAUTIONS:
    default:
      *style = "dim-label";
      /* Translators: a record not signed yet. */
      return C_("record state", "Draft");
    }
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  ConsultRecordInfo *info = CONSULT_RECORD_INFO (item);
  const char *name = consult_record_info_get_client_name (info);
  const char *title = consult_record_info_get_procedure_title (info);
  g_autofree char *date = format_date (consult_record_info_get_consultation_date (info));
  g_autofree char *subtitle = NULL;
  g_autofree char *description = NULL;
  const char *state_style = NULL;
  const char *state = describe_state (info, &state_style);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *tag = gtk_label_new (state);
  GtkWidget *arrow = consult_page_decoration_new ("go-next-symbolic", NULL);

  if (date == NULL)
    date = g_strdup (_("No date"));

  if (*title != '\0')
    /* Translators: a record's consultation date, then its procedure, as
     * "03/02/26 · Micro-needling". */
    subtitle = g_strdup_printf (C_("record row", "%s · %s"), date, title);
  else
    subtitle = g_strdup (date);

  /* Names come from files: plain text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 *name != '\0' ? name : _("Unnamed Client"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (tag, "caption");
  gtk_widget_add_css_class (tag, "record-tag");
  gtk_widget_add_css_class (tag, state_style);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);

  gtk_widget_set_valign (arrow, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);

  /* Translators: what a screen reader says of a record row after the
   * client's name: the date and procedure, then its tag ("Signed",
   * "Draft"...), which it would not read otherwise. */
  description = g_strdup_printf (C_("record row", "%s, %s"), subtitle, state);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);

  return row;
}

/* State */

static void
update_state (ConsultRecentPage *self)
{
  guint n_records = g_list_model_get_n_items (G_LIST_MODEL (self->index));
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint n_skipped = consult_record_index_get_n_skipped (self->index);
  g_autofree char *skipped = NULL;

  if (n_skipped > 0)
    skipped = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            /* Translators: files in the records folder
                                             * left out of the list because they are not
                                             * records that can be read. */
                                            "%u file in the records folder could not be read",
                                            "%u files in the records folder could not be read",
                                            n_skipped),
                               n_skipped);

  gtk_label_set_label (self->skipped_label, skipped);
  gtk_widget_set_visible (GTK_WIDGET (self->skipped_label), skipped != NULL);
  adw_status_page_set_description (self->empty_page,
                                   skipped != NULL ? skipped
                                                   : _("Saved consultations will be listed here"));

  if (n_records == 0 && !consult_record_index_get_loaded (self->index))
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else if (n_records == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "records");

  gtk_stack_set_visible_child_name (self->results_stack, n_shown > 0 ? "list" : "no-results");
}

static gboolean
match_cb (gpointer item,
          gpointer user_data)
{
  ConsultRecentPage *self = CONSULT_RECENT_PAGE (user_data);

  return consult_record_info_matches (CONSULT_RECORD_INFO (item), self->query);
}

/* Callbacks */

static void
on_search_entry_search_changed_cb (ConsultRecentPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (g_strcmp0 (self->query, text) == 0)
    return;

  g_free (self->query);
  self->query = g_strdup (text);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_search_entry_stop_search_cb (ConsultRecentPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* Through the list's own keyboard navigation, so that the row becomes its
 * cursor row too: Enter activates the cursor row, not the focused one. The
 * first row shown, not the first row, as a search may hide some. */
static gboolean
focus_first_row (ConsultRecentPage *self)
{
  return gtk_widget_child_focus (GTK_WIDGET (self->list_box), GTK_DIR_TAB_FORWARD);
}

static gboolean
on_search_entry_key_pressed_cb (ConsultRecentPage *self,
                                guint              keyval,
                                guint              keycode,
                                GdkModifierType    state)
{
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) &&
      (state & gtk_accelerator_get_default_mod_mask ()) == 0)
    return focus_first_row (self);

  return GDK_EVENT_PROPAGATE;
}

static gboolean
on_list_box_keynav_failed_cb (ConsultRecentPage *self,
                              GtkDirectionType   direction)
{
  if (direction != GTK_DIR_UP)
    return GDK_EVENT_PROPAGATE;

  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_list_box_row_activated_cb (ConsultRecentPage *self,
                              GtkListBoxRow     *row)
{
  int position = gtk_list_box_row_get_index (row);
  g_autoptr(ConsultRecordInfo) info = NULL;

  if (position < 0)
    return;

  info = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);
  g_return_if_fail (info != NULL);

  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-record", "s",
                              consult_record_info_get_path (info));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ConsultRecentPage *self = CONSULT_RECENT_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Construction */

static void
consult_recent_page_constructed (GObject *object)
{
  ConsultRecentPage *self = CONSULT_RECENT_PAGE (object);

  G_OBJECT_CLASS (consult_recent_page_parent_class)->constructed (object);

  g_return_if_fail (CONSULT_IS_RECORD_INDEX (self->index));

  self->filter = gtk_custom_filter_new (match_cb, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->index)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->filter_model),
                           create_row_cb, self, NULL);
  consult_list_box_activate_on_enter (self->list_box);

  g_signal_connect_object (self->index, "items-changed",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->index, "notify::loaded",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->index, "notify::n-skipped",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  update_state (self);
}

GtkWidget *
consult_recent_page_new (ConsultRecordIndex *index)
{
  g_return_val_if_fail (CONSULT_IS_RECORD_INDEX (index), NULL);

  return g_object_new (CONSULT_TYPE_RECENT_PAGE, "index", index, NULL);
}

ConsultRecordIndex *
consult_recent_page_get_index (ConsultRecentPage *self)
{
  g_return_val_if_fail (CONSULT_IS_RECENT_PAGE (self), NULL);

  return self->index;
}

static void
consult_recent_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ConsultRecentPage *self = CONSULT_RECENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_object (value, self->index);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consult_recent_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ConsultRecentPage *self = CONSULT_RECENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      g_set_object (&self->index, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consult_recent_page_dispose (GObject *object)
{
  ConsultRecentPage *self = CONSULT_RECENT_PAGE (object);

  if (self->index != NULL)
    g_signal_handlers_disconnect_by_data (self->index, self);
  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_data (self->filter_model, self);

  /* AdwBin unparents its child itself: let it go first, or the template
   * would unparent it behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONSULT_TYPE_RECENT_PAGE);

  /* The filter may outlive the page in a model someone still holds. */
  if (self->filter != NULL)
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->index);

  G_OBJECT_CLASS (consult_recent_page_parent_class)->dispose (object);
}

static void
consult_recent_page_finalize (GObject *object)
{
  ConsultRecentPage *self = CONSULT_RECENT_PAGE (object);

  g_free (self->query);

  G_OBJECT_CLASS (consult_recent_page_parent_class)->finalize (object);
}

static void
consult_recent_page_class_init (ConsultRecentPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = consult_recent_page_constructed;
  object_class->dispose = consult_recent_page_dispose;
  object_class->finalize = consult_recent_page_finalize;
  object_class->get_property = consult_recent_page_get_property;
  object_class->set_property = consult_recent_page_set_property;

  properties[PROP_INDEX] =
    g_param_spec_object ("index", NULL, NULL,
                         CONSULT_TYPE_RECORD_INDEX,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "recent.search", NULL, search_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/consult-recent-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConsultRecentPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ConsultRecentPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ConsultRecentPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ConsultRecentPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, ConsultRecentPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, ConsultRecentPage, skipped_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_box_keynav_failed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_box_row_activated_cb);
}

static void
consult_recent_page_init (ConsultRecentPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Typing anywhere in the page searches. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}
