/* consult-client-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page follows the consultation both ways: what is typed goes through
 * the consultation's setters, and a change made elsewhere (a record read
 * back, another page) comes back through its notifications. A widget is
 * only written to when it disagrees with the consultation, and never while
 * its own change is being stored, so neither side echoes the other.
 */

#define G_LOG_DOMAIN "consult-client-page"

#include "consult-config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "consult-client-page.h"
#include "consult-i18n.h"

struct _ConsultClientPage
{
  AdwBin parent_instance;

  ConsultConsultation *consultation;

  /* Area id (owned by the content) -> its GtkCheckButton. */
  GHashTable *area_checks;
  GPtrArray *area_rows;

  /* Set while the page itself writes to a widget or to the consultation. */
  gboolean updating;

  AdwEntryRow *name_row;
  GtkLabel *name_required_label;
  AdwEntryRow *birth_date_row;
  GtkMenuButton *birth_date_button;
  GtkPopover *birth_date_popover;
  GtkCalendar *birth_date_calendar;
  AdwActionRow *age_row;
  GtkImage *age_warning_icon;
  GtkLabel *age_label;
  AdwEntryRow *contact_row;
  AdwPreferencesGroup *areas_group;
  GtkLabel *areas_hint_label;
  AdwEntryRow *practitioner_row;
  AdwActionRow *consultation_date_row;
  GtkMenuButton *consultation_date_button;
  GtkPopover *consultation_date_popover;
  GtkCalendar *consultation_date_calendar;
};

G_DEFINE_FINAL_TYPE (ConsultClientPage, consult_client_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONSULTATION,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* Dates as typed */

static gboolean
parse_number (const char *text,
              gsize       min_digits,
              gsize       max_digits,
              int        *value)
{
  gsize len = strlen (text);

  if (len < min_digits || len > max_digits)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;

  *value = atoi (text);
  return TRUE;
}

/* Whether the user's locale writes dates month first (11/29/2026), as its
 * short date format says. The C locale's "%x" is month first too, but it is
 * nobody's convention: day first there, as in most of the world. */
static gboolean
locale_writes_month_first (void)
{
  g_autoptr(GDateTime) sample = NULL;
  g_autofree char *text = NULL;
  const char *day, *month;

  if (consult_i18n_time_is_c_locale ())
    return FALSE;

  sample = g_date_time_new_utc (2003, 11, 22, 0, 0, 0);
  text = g_date_time_format (sample, "%x");
  if (text == NULL)
    return FALSE;
  day = strstr (text, "22");
  month = strstr (text, "11");

  return day != NULL && month != NULL && month < day;
}

/* Reads a date as "YYYY-MM-DD", "DD.MM.YYYY", or with slashes in the
 * order of the user's locale ("DD/MM/YYYY", or "MM/DD/YYYY" where the
 * locale writes the month first), with surrounding spaces, into @iso.
 * Returns FALSE for anything else, including dates that do not exist. */
static gboolean
parse_date (const char  *text,
            char       **iso)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_auto(GStrv) parts = NULL;
  gboolean month_first = FALSE;
  int day, month, year;
  GDate date;

  if (consult_date_from_iso (trimmed, &date))
    {
      *iso = consult_date_to_iso (&date);
      return TRUE;
    }

  if (strchr (trimmed, '/') != NULL)
    {
      parts = g_strsplit (trimmed, "/", -1);
      month_first = locale_writes_month_first ();
    }
  else if (strchr (trimmed, '.') != NULL)
    parts = g_strsplit (trimmed, ".", -1);
  else
    return FALSE;

  if (g_strv_length (parts) != 3 ||
      !parse_number (parts[month_first ? 1 : 0], 1, 2, &day) ||
      !parse_number (parts[month_first ? 0 : 1], 1, 2, &month) ||
      !parse_number (parts[2], 4, 4, &year) ||
      year < 1 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  *iso = consult_date_to_iso (&date);

  return TRUE;
}

/* What the entry takes, in the user's order. */
static const char *
date_formats_hint (void)
{
  if (locale_writes_month_first ())
    return _("Enter the date as YYYY-MM-DD, MM/DD/YYYY or DD.MM.YYYY");
  return _("Enter the date as YYYY-MM-DD, DD/MM/YYYY or DD.MM.YYYY");
}

static GDateTime *
date_time_from_iso (const char *iso)
{
  GDate date;

  if (!consult_date_from_iso (iso, &date))
    return NULL;

  return g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 0, 0, 0);
}

/* Widgets from the consultation */

static void
set_editable_text (ConsultClientPage *self,
                   AdwEntryRow       *row,
                   const char        *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text) == 0)
    return;

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  self->updating = FALSE;
}

static void
update_name_hint (ConsultClientPage *self)
{
  const char *name = consult_consultation_get_client_name (self->consultation);
  g_autofree char *trimmed = g_strstrip (g_strdup (name));

  gtk_widget_set_visible (GTK_WIDGET (self->name_required_label), *trimmed == '\0');
}

static void
update_birth_date_error (ConsultClientPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->birth_date_row));
  g_autofree char *iso = NULL;
  gboolean empty = TRUE;
  gboolean valid;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      empty = FALSE;

  valid = empty || parse_date (text, &iso);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->birth_date_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->birth_date_row), "error");
}

static void
update_age (ConsultClientPage *self)
{
  const char *birth_date = consult_consultation_get_client_birth_date (self->consultation);
  gboolean invalid = gtk_widget_has_css_class (GTK_WIDGET (self->birth_date_row), "error");
  int age = consult_consultation_get_age (self->consultation);
  gboolean minor = consult_consultation_get_is_minor (self->consultation);
  gboolean attention = FALSE;
  g_autofree char *value = NULL;
  const char *subtitle = NULL;

  if (invalid)
    subtitle = date_formats_hint ();
  else if (*birth_date == '\0')
    subtitle = _("Worked out from the date of birth");
  else if (age < 0)
    {
      subtitle = _("The date of birth is after the consultation date");
      attention = TRUE;
    }
  else if (minor)
    {
      subtitle = _("Under 18: check guardian consent and local rules");
      attention = TRUE;
    }

  if (!invalid && age >= 0)
    value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year", "%d years", age), age);

  adw_action_row_set_subtitle (self->age_row, subtitle != NULL ? subtitle : "");
  gtk_label_set_label (self->age_label, value != NULL ? value : "");
  gtk_widget_set_visible (GTK_WIDGET (self->age_warning_icon), attention);
  if (attention)
    gtk_widget_add_css_class (GTK_WIDGET (self->age_row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->age_row), "warning");
}

static void
sync_birth_date (ConsultClientPage *self)
{
  const char *stored = consult_consultation_get_client_birth_date (self->consultation);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->birth_date_row));
  g_autofree char *typed = NULL;

  /* Rewrite the entry only when what it says is not what is stored: a
   * date typed as 01/02/1990 stays as typed, and a half-typed date is
   * left alone while nothing is stored. */
  if (!parse_date (text, &typed))
    typed = g_strdup ("");
  if (g_strcmp0 (typed, stored) != 0)
    set_editable_text (self, self->birth_date_row, stored);

  update_birth_date_error (self);
  update_age (self);
}

static void
sync_consultation_date (ConsultClientPage *self)
{
  const char *iso = consult_consultation_get_consultation_date (self->consultation);
  g_autoptr(GDateTime) date_time = date_time_from_iso (iso);
  g_autofree char *text = NULL;

  if (date_time != NULL)
    /* The date in the user's locale. */
    text = consult_format_date (date_time);

  adw_action_row_set_subtitle (self->consultation_date_row, text != NULL ? text : iso);
}

static void
sync_areas (ConsultClientPage *self)
{
  GHashTableIter iter;
  gpointer key, value;
  gboolean any = FALSE;

  self->updating = TRUE;
  g_hash_table_iter_init (&iter, self->area_checks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gboolean selected = consult_consultation_is_area_selected (self->consultation, key);

      gtk_check_button_set_active (value, selected);
      any |= selected;
    }
  self->updating = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->areas_hint_label), !any);
}

static void
sync_locked (ConsultClientPage *self)
{
  gboolean editable = !consult_consultation_get_locked (self->consultation);
  GtkWidget *inputs[] = {
    GTK_WIDGET (self->name_row),
    GTK_WIDGET (self->birth_date_row),
    GTK_WIDGET (self->contact_row),
    GTK_WIDGET (self->practitioner_row),
    GTK_WIDGET (self->consultation_date_row),
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    gtk_widget_set_sensitive (inputs[i], editable);
  for (guint i = 0; i < self->area_rows->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->area_rows, i), editable);
}

static void
consultation_notify_cb (ConsultClientPage *self,
                        GParamSpec        *pspec)
{
  const char *name = g_param_spec_get_name (pspec);

  if (self->updating)
    {
      /* Our own change: the widget already shows it, only what derives
       * from it needs showing. */
      if (g_str_equal (name, "age") || g_str_equal (name, "is-minor"))
        update_age (self);
      else if (g_str_equal (name, "locked"))
        sync_locked (self);
      return;
    }

  if (g_str_equal (name, "client-name"))
    {
      set_editable_text (self, self->name_row,
                         consult_consultation_get_client_name (self->consultation));
      update_name_hint (self);
    }
  else if (g_str_equal (name, "client-birth-date"))
    sync_birth_date (self);
  else if (g_str_equal (name, "age") || g_str_equal (name, "is-minor"))
    update_age (self);
  else if (g_str_equal (name, "client-contact"))
    set_editable_text (self, self->contact_row,
                       consult_consultation_get_client_contact (self->consultation));
  else if (g_str_equal (name, "practitioner-name"))
    set_editable_text (self, self->practitioner_row,
                       consult_consultation_get_practitioner_name (self->consultation));
  else if (g_str_equal (name, "consultation-date"))
    sync_consultation_date (self);
  else if (g_str_equal (name, "selected-areas"))
    sync_areas (self);
  else if (g_str_equal (name, "locked"))
    sync_locked (self);
}

/* The consultation from widgets */

static void
on_name_row_changed_cb (ConsultClientPage *self)
{
  if (self->updating)
    return;

  self->updating = TRUE;
  consult_consultation_set_client_name (self->consultation,
                                        gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  self->updating = FALSE;

  update_name_hint (self);
}

static void
on_birth_date_row_changed_cb (ConsultClientPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->birth_date_row));
  g_autofree char *iso = NULL;

  if (self->updating)
    return;

  /* What cannot be read as a date is not stored: the record never keeps a
   * date that the page no longer shows. */
  if (!parse_date (text, &iso))
    iso = g_strdup ("");

  self->updating = TRUE;
  consult_consultation_set_client_birth_date (self->consultation, iso);
  self->updating = FALSE;

  update_birth_date_error (self);
  update_age (self);
}

static void
on_contact_row_changed_cb (ConsultClientPage *self)
{
  if (self->updating)
    return;

  self->updating = TRUE;
  consult_consultation_set_client_contact (self->consultation,
                                           gtk_editable_get_text (GTK_EDITABLE (self->contact_row)));
  self->updating = FALSE;
}

static void
on_practitioner_row_changed_cb (ConsultClientPage *self)
{
  if (self->updating)
    return;

  self->updating = TRUE;
  consult_consultation_set_practitioner_name (self->consultation,
                                              gtk_editable_get_text (GTK_EDITABLE (self->practitioner_row)));
  self->updating = FALSE;
}

static void
area_check_toggled_cb (GtkCheckButton    *check,
                       ConsultClientPage *self)
{
  const char *area_id = g_object_get_data (G_OBJECT (check), "consult-area-id");

  if (self->updating)
    return;

  self->updating = TRUE;
  consult_consultation_set_area_selected (self->consultation, area_id,
                                          gtk_check_button_get_active (check));
  self->updating = FALSE;

  /* Refused when locked: show what is stored. */
  sync_areas (self);
}

/* Calendars
 *
 * A date is taken when a day is clicked (also the day already selected,
 * which the calendar does not report: after paging to another year the
 * same day of the month is still selected), selected with the keyboard, or
 * confirmed with Enter. Paging through months and years takes nothing. */

static void
show_date_in_calendar (ConsultClientPage *self,
                       GtkCalendar       *calendar,
                       const char        *iso)
{
  g_autoptr(GDateTime) date_time = date_time_from_iso (iso);

  if (date_time == NULL)
    date_time = g_date_time_new_now_local ();

  self->updating = TRUE;
  gtk_calendar_select_day (calendar, date_time);
  self->updating = FALSE;
}

static void
take_calendar_date (ConsultClientPage *self,
                    GtkCalendar       *calendar)
{
  g_autoptr(GDateTime) date_time = gtk_calendar_get_date (calendar);
  g_autofree char *iso = g_date_time_format (date_time, "%Y-%m-%d");

  if (calendar == self->birth_date_calendar)
    {
      /* Through the entry, so that it shows the date taken. */
      gtk_editable_set_text (GTK_EDITABLE (self->birth_date_row), iso);
      gtk_popover_popdown (self->birth_date_popover);
    }
  else
    {
      consult_consultation_set_consultation_date (self->consultation, iso);
      gtk_popover_popdown (self->consultation_date_popover);
    }
}

static void
on_calendar_day_selected_cb (ConsultClientPage *self,
                             GtkCalendar       *calendar)
{
  if (!self->updating)
    take_calendar_date (self, calendar);
}

static void
on_calendar_click_released_cb (GtkGestureClick   *gesture,
                               int                n_press,
                               double             x,
                               double             y,
                               ConsultClientPage *self)
{
  GtkWidget *calendar = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *picked = gtk_widget_pick (calendar, x, y, GTK_PICK_DEFAULT);

  if (picked != NULL && gtk_widget_has_css_class (picked, "day-number"))
    take_calendar_date (self, GTK_CALENDAR (calendar));
}

static gboolean
on_calendar_key_pressed_cb (GtkEventControllerKey *controller,
                            guint                  keyval,
                            guint                  keycode,
                            GdkModifierType        state,
                            ConsultClientPage     *self)
{
  GtkWidget *calendar = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return GDK_EVENT_PROPAGATE;

  take_calendar_date (self, GTK_CALENDAR (calendar));
  return GDK_EVENT_STOP;
}

/* A menu button does not open its popover when activated as a row's
 * activatable widget, so the row opens it. */
static void
on_consultation_date_row_activated_cb (ConsultClientPage *self)
{
  gtk_menu_button_popup (self->consultation_date_button);
}

static void
on_birth_date_popover_show_cb (ConsultClientPage *self)
{
  show_date_in_calendar (self, self->birth_date_calendar,
                         consult_consultation_get_client_birth_date (self->consultation));
}

static void
on_consultation_date_popover_show_cb (ConsultClientPage *self)
{
  show_date_in_calendar (self, self->consultation_date_calendar,
                         consult_consultation_get_consultation_date (self->consultation));
}

/* Construction */

static void
add_area_rows (ConsultClientPage *self)
{
  GPtrArray *areas = consult_content_get_areas (consult_consultation_get_content (self->consultation));

  for (guint i = 0; i < areas->len; i++)
    {
      const ConsultArea *area = g_ptr_array_index (areas, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), TRUE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), area->label.markup);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                      -1);
      g_object_set_data (G_OBJECT (check), "consult-area-id", area->id);
      g_signal_connect (check, "toggled", G_CALLBACK (area_check_toggled_cb), self);

      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      /* One Tab stop per area, on the check, which says what it is and
       * whether it is ticked; a click anywhere on the row still ticks it. */
      gtk_widget_set_focusable (row, FALSE);
      adw_preferences_group_add (self->areas_group, row);

      g_hash_table_insert (self->area_checks, area->id, check);
      g_ptr_array_add (self->area_rows, row);
    }
}

static void
consult_client_page_constructed (GObject *object)
{
  ConsultClientPage *self = CONSULT_CLIENT_PAGE (object);
  const char *names[] = {
    "client-name", "client-birth-date", "client-contact", "practitioner-name",
    "consultation-date", "selected-areas", "age", "is-minor", "locked",
  };

  G_OBJECT_CLASS (consult_client_page_parent_class)->constructed (object);

  g_return_if_fail (CONSULT_IS_CONSULTATION (self->consultation));

  add_area_rows (self);

  set_editable_text (self, self->name_row,
                     consult_consultation_get_client_name (self->consultation));
  set_editable_text (self, self->contact_row,
                     consult_consultation_get_client_contact (self->consultation));
  set_editable_text (self, self->practitioner_row,
                     consult_consultation_get_practitioner_name (self->consultation));
  update_name_hint (self);
  sync_birth_date (self);
  sync_consultation_date (self);
  sync_areas (self);
  sync_locked (self);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *signal = g_strconcat ("notify::", names[i], NULL);

      g_signal_connect_object (self->consultation, signal,
                               G_CALLBACK (consultation_notify_cb), self,
                               G_CONNECT_SWAPPED);
    }
}

ConsultConsultation *
consult_client_page_get_consultation (ConsultClientPage *self)
{
  g_return_val_if_fail (CONSULT_IS_CLIENT_PAGE (self), NULL);

  return self->consultation;
}

GtkWidget *
consult_client_page_new (ConsultConsultation *consultation)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (consultation), NULL);

  return g_object_new (CONSULT_TYPE_CLIENT_PAGE, "consultation", consultation, NULL);
}

static void
consult_client_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ConsultClientPage *self = CONSULT_CLIENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONSULTATION:
      g_value_set_object (value, self->consultation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consult_client_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ConsultClientPage *self = CONSULT_CLIENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONSULTATION:
      g_set_object (&self->consultation, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consult_client_page_dispose (GObject *object)
{
  ConsultClientPage *self = CONSULT_CLIENT_PAGE (object);

  if (self->consultation != NULL)
    g_signal_handlers_disconnect_by_data (self->consultation, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONSULT_TYPE_CLIENT_PAGE);
  g_clear_pointer (&self->area_checks, g_hash_table_unref);
  g_clear_pointer (&self->area_rows, g_ptr_array_unref);
  g_clear_object (&self->consultation);

  G_OBJECT_CLASS (consult_client_page_parent_class)->dispose (object);
}

static void
consult_client_page_class_init (ConsultClientPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = consult_client_page_constructed;
  object_class->dispose = consult_client_page_dispose;
  object_class->get_property = consult_client_page_get_property;
  object_class->set_property = consult_client_page_set_property;

  properties[PROP_CONSULTATION] =
    g_param_spec_object ("consultation", NULL, NULL,
                         CONSULT_TYPE_CONSULTATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/consult-client-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConsultClientPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, ConsultClientPage, name_required_label);
  gtk_widget_class_bind_template_child (widget_class, ConsultClientPage, birth_date_row);
  gtk_widget_class_bind_template_child (widget_class, ConsultClientPage, birth_date_button);
  gtk_widget_class_bind_template_child (widget_class, ConsultClientPage, birth_date_popover);
  gtk_widget_class_bind_template_child (widget_class, ConsultClientPage, birth_date_calendar);
  gtk_widget_class_bind_template_child (widget_class, ConsultClientPage, age_row);
  gtk_widget_class_bind_template_child (widget_class, ConsultClientPage, age_warning_icon);
  gtk_widget_class_bind_template_child (widget_class, ConsultClientPage, age_label);
  gtk_widget_class_bind_template_child (widget_class, ConsultClientPage, contact_row);
  gtk_widget_class_bind_template_child (widget_class, ConsultClientPage, areas_group);
  gtk_widget_class_bind_template_child (widget_class, ConsultClientPage, areas_hint_label);
  gtk_widget_class_bind_template_child (widget_class, ConsultClientPage, practitioner_row);
  gtk_widget_class_bind_template_child (widget_class, ConsultClientPage, consultation_date_row);
  gtk_widget_class_bind_template_child (widget_class, ConsultClientPage, consultation_date_button);
  gtk_widget_class_bind_template_child (widget_class, ConsultClientPage, consultation_date_popover);
  gtk_widget_class_bind_template_child (widget_class, ConsultClientPage, consultation_date_calendar);
  gtk_widget_class_bind_template_callback (widget_class, on_name_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_birth_date_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_contact_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_practitioner_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_birth_date_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_consultation_date_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_consultation_date_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_click_released_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_key_pressed_cb);
}

static void
consult_client_page_init (ConsultClientPage *self)
{
  g_autofree char *birth_date_description = NULL;

  self->area_checks = g_hash_table_new (g_str_hash, g_str_equal);
  self->area_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Translators: the sentence after it says how to write a date. */
  birth_date_description = g_strdup_printf ("%s %s", _("Required."), date_formats_hint ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->birth_date_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, birth_date_description,
                                  -1);
}
