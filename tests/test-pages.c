/* test-pages.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The client, explanation and summary pages, each in a window of its own:
 * built from the shipped content and from a second procedure, painted,
 * destroyed and finalized; what is typed reaching the consultation and
 * changes to the consultation reaching the widgets.
 */

#include "consult-config.h"

#include <locale.h>
#include <string.h>
#include <adwaita.h>

#include "consult-client-page.h"
#include "consult-consultation.h"
#include "consult-content-loader.h"
#include "consult-explanation-page.h"
#include "consult-summary-page.h"
#include "consult-i18n.h"
#include "consult-test-utils.h"

/* Helpers */

static ConsultContent *
load_content (const char *file)
{
  g_autoptr(GError) error = NULL;
  ConsultContent *content;

  if (file != NULL)
    {
      g_autofree char *path = consult_test_data_path ("content", file, NULL);

      content = consult_content_loader_load_file (path, &error);
    }
  else
    content = consult_content_load_default (&error);

  ck_assert_msg (content != NULL, "cannot load %s: %s", file ? file : "the default content",
                 error ? error->message : "");

  return content;
}

static ConsultConsultation *
new_consultation (const char *file)
{
  g_autoptr(ConsultContent) content = load_content (file);

  return consult_consultation_new (content);
}

static GtkWindow *
present (GtkWidget *page)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 800, 700);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  consult_test_wait_for_frame (page);

  return window;
}

/* Destroys @window and checks that @page, inside it, went with it. */
static void
destroy_and_check (GtkWindow *window,
                   GtkWidget *page)
{
  gpointer weak = page;

  g_object_add_weak_pointer (G_OBJECT (page), &weak);
  gtk_window_destroy (window);
  consult_test_flush ();
  ck_assert_msg (weak == NULL, "the %s was not finalized", G_OBJECT_TYPE_NAME (page));
}

static GObject *
child (GtkWidget  *page,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (page, type, name);

  ck_assert_msg (object != NULL, "no template child %s", name);

  return object;
}

/* Collects the widgets under @root (itself included) that are of @type. */
static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);

  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL; w = gtk_widget_get_next_sibling (w))
    collect (w, type, found);
}

/* The labels under @root whose text is exactly @text. */
static guint
count_labels (GtkWidget  *root,
              const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint n = 0;

  collect (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)), text) == 0)
      n++;

  return n;
}

/* The labels under @root that carry the CSS class @css_class. */
static guint
count_labels_with_class (GtkWidget  *root,
                         const char *css_class)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint n = 0;

  collect (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (labels, i), css_class))
      n++;

  return n;
}

static char *
iso_years_ago (int years)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_years (now, -years);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* Answers every screening question "no", then "yes" to @yes_id if given. */
static void
answer_all_no (ConsultConsultation *consultation,
               const char          *yes_id)
{
  GPtrArray *questions = consult_content_get_questions (consult_consultation_get_content (consultation));

  for (guint i = 0; i < questions->len; i++)
    {
      const ConsultQuestion *question = g_ptr_array_index (questions, i);

      consult_consultation_set_answer (consultation, question->id,
                                       g_strcmp0 (question->id, yes_id) == 0
                                         ? CONSULT_ANSWER_YES : CONSULT_ANSWER_NO);
    }
}

static void
fill_client (ConsultConsultation *consultation)
{
  g_autofree char *birth = iso_years_ago (40);
  GPtrArray *areas = consult_content_get_areas (consult_consultation_get_content (consultation));
  const ConsultArea *area = g_ptr_array_index (areas, 0);

  ck_assert (consult_consultation_set_client_name (consultation, "Ada Lovelace"));
  ck_assert (consult_consultation_set_client_birth_date (consultation, birth));
  ck_assert (consult_consultation_set_area_selected (consultation, area->id, TRUE));
  ck_assert (consult_consultation_set_practitioner_name (consultation, "Dr Mary Somerville"));
  for (guint i = 0; i < CONSULT_N_EXPLANATIONS; i++)
    ck_assert (consult_consultation_set_discussed (consultation, i, TRUE));
}

/* Takes the consultation to both signatures: it is then locked. */
static void
sign_both (ConsultConsultation *consultation)
{
  const ConsultSignaturePoint stroke[] = {
    { 10, 10, 1, 0 }, { 200, 120, 1, 40 }, { 400, 60, 1, 80 },
  };
  GPtrArray *statements =
    consult_content_get_statements (consult_consultation_get_content (consultation));
  g_autoptr(GError) error = NULL;

  fill_client (consultation);
  answer_all_no (consultation, NULL);
  for (guint i = 0; i < statements->len; i++)
    {
      const ConsultStatement *statement = g_ptr_array_index (statements, i);

      if (statement->required)
        ck_assert (consult_consultation_set_statement_accepted (consultation, statement->id, TRUE));
    }

  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    {
      consult_signature_add_stroke (consult_consultation_get_signature (consultation, i),
                                    stroke, G_N_ELEMENTS (stroke));
      ck_assert_msg (consult_consultation_sign (consultation, i,
                                                i == CONSULT_SIGNER_CLIENT ? "Ada Lovelace"
                                                                           : "Dr Mary Somerville",
                                                &error),
                     "sign: %s", error ? error->message : "");
    }
  ck_assert (consult_consultation_get_locked (consultation));
}

/* Smoke: every page, with both contents */

static const char *contents[] = { NULL, "peel.xml" };

enum {
  PAGE_CLIENT,
  PAGE_PROCEDURE,
  PAGE_BENEFITS,
  PAGE_SIDE_EFFECTS,
  PAGE_SUMMARY,
  N_PAGES,
};

static GtkWidget *
new_page (ConsultConsultation *consultation,
          int                  kind)
{
  switch (kind)
    {
    case PAGE_CLIENT:
      return consult_client_page_new (consultation);
    case PAGE_PROCEDURE:
      return consult_explanation_page_new (consultation, CONSULT_EXPLANATION_PROCEDURE);
    case PAGE_BENEFITS:
      return consult_explanation_page_new (consultation, CONSULT_EXPLANATION_BENEFITS);
    case PAGE_SIDE_EFFECTS:
      return consult_explanation_page_new (consultation, CONSULT_EXPLANATION_SIDE_EFFECTS);
    case PAGE_SUMMARY:
      return consult_summary_page_new (consultation);
    default:
      g_assert_not_reached ();
    }
}

START_TEST (test_page_smoke)
{
  g_autoptr(ConsultConsultation) consultation = new_consultation (contents[_i / N_PAGES]);
  GtkWidget *page = new_page (consultation, _i % N_PAGES);
  GtkWindow *window;

  ck_assert (ADW_IS_BIN (page));
  window = present (page);
  ck_assert (gtk_widget_get_mapped (page));

  /* A change after the first frame is followed without complaint. */
  fill_client (consultation);
  consult_test_wait_for_frame (page);

  destroy_and_check (window, page);
}
END_TEST

START_TEST (test_page_narrow)
{
  g_autoptr(ConsultConsultation) consultation = new_consultation (contents[_i / N_PAGES]);
  GtkWidget *page = new_page (consultation, _i % N_PAGES);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  int width;

  gtk_window_set_default_size (window, 360, 640);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  consult_test_wait_for_frame (page);

  /* The page fits a phone-sized window without forcing it wider. */
  gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &width, NULL, NULL, NULL);
  ck_assert_int_le (width, 360);

  destroy_and_check (window, page);
}
END_TEST

START_TEST (test_page_properties)
{
  g_autoptr(ConsultConsultation) consultation = new_consultation (NULL);
  g_autoptr(GtkWidget) client = g_object_ref_sink (consult_client_page_new (consultation));
  g_autoptr(GtkWidget) summary = g_object_ref_sink (consult_summary_page_new (consultation));
  g_autoptr(GtkWidget) explanation =
    g_object_ref_sink (consult_explanation_page_new (consultation, CONSULT_EXPLANATION_SIDE_EFFECTS));
  ConsultConsultation *got = NULL;
  ConsultExplanation kind;

  ck_assert_ptr_eq (consult_client_page_get_consultation (CONSULT_CLIENT_PAGE (client)), consultation);
  ck_assert_ptr_eq (consult_summary_page_get_consultation (CONSULT_SUMMARY_PAGE (summary)),
                    consultation);
  ck_assert_ptr_eq (consult_explanation_page_get_consultation (CONSULT_EXPLANATION_PAGE (explanation)),
                    consultation);
  ck_assert_int_eq (consult_explanation_page_get_explanation (CONSULT_EXPLANATION_PAGE (explanation)),
                    CONSULT_EXPLANATION_SIDE_EFFECTS);

  g_object_get (explanation, "consultation", &got, "explanation", &kind, NULL);
  ck_assert_ptr_eq (got, consultation);
  ck_assert_int_eq (kind, CONSULT_EXPLANATION_SIDE_EFFECTS);
  g_object_unref (got);
}
END_TEST

/* The client page */

START_TEST (test_client_name)
{
  g_autoptr(ConsultConsultation) consultation = new_consultation (NULL);
  GtkWidget *page = consult_client_page_new (consultation);
  GtkWindow *window = present (page);
  GObject *row = child (page, CONSULT_TYPE_CLIENT_PAGE, "name_row");
  GObject *required = child (page, CONSULT_TYPE_CLIENT_PAGE, "name_required_label");

  ck_assert (gtk_widget_get_visible (GTK_WIDGET (required)));

  gtk_editable_set_text (GTK_EDITABLE (row), "Ada Lovelace");
  ck_assert_str_eq (consult_consultation_get_client_name (consultation), "Ada Lovelace");
  ck_assert (!gtk_widget_get_visible (GTK_WIDGET (required)));

  /* A change from elsewhere (a record read back) reaches the entry. */
  consult_consultation_set_client_name (consultation, "Augusta Ada King");
  ck_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (row)), "Augusta Ada King");

  /* Clearing it shows the hint again. */
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  ck_assert_str_eq (consult_consultation_get_client_name (consultation), "");
  ck_assert (gtk_widget_get_visible (GTK_WIDGET (required)));

  destroy_and_check (window, page);
}
END_TEST

START_TEST (test_client_other_fields)
{
  g_autoptr(ConsultConsultation) consultation = new_consultation (NULL);
  GtkWidget *page;
  GtkWindow *window;
  GObject *row;

  /* The window sets the practitioner before it creates the page. */
  consult_consultation_set_practitioner_name (consultation, "Dr Mary Somerville");
  page = consult_client_page_new (consultation);
  window = present (page);

  row = child (page, CONSULT_TYPE_CLIENT_PAGE, "practitioner_row");
  ck_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (row)), "Dr Mary Somerville");
  gtk_editable_set_text (GTK_EDITABLE (row), "Dr Caroline Herschel");
  ck_assert_str_eq (consult_consultation_get_practitioner_name (consultation),
                    "Dr Caroline Herschel");

  row = child (page, CONSULT_TYPE_CLIENT_PAGE, "contact_row");
  gtk_editable_set_text (GTK_EDITABLE (row), "ada@example.org");
  ck_assert_str_eq (consult_consultation_get_client_contact (consultation), "ada@example.org");

  /* The consultation date, in the locale's format (ISO 8601 in C). */
  row = child (page, CONSULT_TYPE_CLIENT_PAGE, "consultation_date_row");
  consult_consultation_set_consultation_date (consultation, "2026-03-09");
  ck_assert_str_eq (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "2026-03-09");

  destroy_and_check (window, page);
}
END_TEST

START_TEST (test_client_calendars)
{
  g_autoptr(ConsultConsultation) consultation = new_consultation (NULL);
  GtkWidget *page = consult_client_page_new (consultation);
  GtkWindow *window = present (page);
  GObject *row = child (page, CONSULT_TYPE_CLIENT_PAGE, "birth_date_row");
  GObject *calendar = child (page, CONSULT_TYPE_CLIENT_PAGE, "birth_date_calendar");
  GObject *date_row = child (page, CONSULT_TYPE_CLIENT_PAGE, "consultation_date_row");
  GObject *popover = child (page, CONSULT_TYPE_CLIENT_PAGE, "consultation_date_popover");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* A day of the month other than today's: the calendar reports only a
   * change of day. */
  int day = g_date_time_get_day_of_month (now) == 12 ? 13 : 12;
  g_autoptr(GDateTime) birth = g_date_time_new_local (1985, 4, day, 0, 0, 0);
  g_autoptr(GDateTime) visit = g_date_time_new_local (2026, 3, day, 0, 0, 0);
  g_autofree char *birth_iso = g_date_time_format (birth, "%Y-%m-%d");
  g_autofree char *visit_iso = g_date_time_format (visit, "%Y-%m-%d");
  g_autofree char *visit_text = consult_format_date (visit);
  g_autoptr(GDateTime) shown = NULL;

  /* A day picked in the birth date calendar fills the entry. */
  gtk_calendar_select_day (GTK_CALENDAR (calendar), birth);
  ck_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (row)), birth_iso);
  ck_assert_str_eq (consult_consultation_get_client_birth_date (consultation), birth_iso);

  /* Activating the consultation date row opens its calendar... */
  gtk_widget_activate (GTK_WIDGET (date_row));
  consult_test_flush ();
  ck_assert (gtk_widget_get_visible (GTK_WIDGET (popover)));

  /* ...which shows the consultation date and changes it. */
  calendar = child (page, CONSULT_TYPE_CLIENT_PAGE, "consultation_date_calendar");
  shown = gtk_calendar_get_date (GTK_CALENDAR (calendar));
  ck_assert_int_eq (g_date_time_get_day_of_month (shown), g_date_time_get_day_of_month (now));
  gtk_calendar_select_day (GTK_CALENDAR (calendar), visit);
  ck_assert_str_eq (consult_consultation_get_consultation_date (consultation), visit_iso);
  ck_assert_str_eq (adw_action_row_get_subtitle (ADW_ACTION_ROW (date_row)), visit_text);
  consult_test_flush ();
  ck_assert (!gtk_widget_get_visible (GTK_WIDGET (popover)));

  destroy_and_check (window, page);
}
END_TEST

START_TEST (test_client_birth_date_invalid)
{
  const char *invalid[] = { "31/02/1990", "1990-13-01", "next Tuesday", "1/1/90", "12.12.12345" };
  g_autoptr(ConsultConsultation) consultation = new_consultation (NULL);
  GtkWidget *page = consult_client_page_new (consultation);
  GtkWindow *window = present (page);
  GObject *row = child (page, CONSULT_TYPE_CLIENT_PAGE, "birth_date_row");

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (row), invalid[i]);
      ck_assert_msg (gtk_widget_has_css_class (GTK_WIDGET (row), "error"),
                     "%s is shown as valid", invalid[i]);
      ck_assert_str_eq (consult_consultation_get_client_birth_date (consultation), "");
      /* What is typed stays, to be corrected. */
      ck_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (row)), invalid[i]);
    }

  /* Empty is not an error: the field is simply not filled in yet. */
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  ck_assert (!gtk_widget_has_css_class (GTK_WIDGET (row), "error"));

  destroy_and_check (window, page);
}
END_TEST

/* Slashes follow the locale's order: month first in the United States,
 * day first in Germany; dots are always day first. */
START_TEST (test_client_birth_date_locale_order)
{
  const struct { const char *locale; const char *typed; const char *stored; } cases[] = {
    { "en_US.UTF-8", "05/17/1990", "1990-05-17" },
    { "en_US.UTF-8", "17.05.1990", "1990-05-17" },
    { "en_US.UTF-8", "17/05/1990", "" },
    { "de_DE.UTF-8", "17/05/1990", "1990-05-17" },
    { "de_DE.UTF-8", "05/17/1990", "" },
  };
  g_autoptr(ConsultConsultation) consultation = new_consultation (NULL);
  GtkWidget *page = consult_client_page_new (consultation);
  GtkWindow *window = present (page);
  GObject *row = child (page, CONSULT_TYPE_CLIENT_PAGE, "birth_date_row");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ck_assert_msg (setlocale (LC_TIME, cases[i].locale) != NULL,
                     "the %s locale is not installed (./test generates it)", cases[i].locale);
      gtk_editable_set_text (GTK_EDITABLE (row), "");
      gtk_editable_set_text (GTK_EDITABLE (row), cases[i].typed);
      ck_assert_msg (g_strcmp0 (consult_consultation_get_client_birth_date (consultation),
                                cases[i].stored) == 0,
                     "%s in %s: stored \"%s\", expected \"%s\"", cases[i].typed,
                     cases[i].locale, consult_consultation_get_client_birth_date (consultation),
                     cases[i].stored);
      ck_assert_int_eq (gtk_widget_has_css_class (GTK_WIDGET (row), "error"),
                        *cases[i].stored == '\0');
    }
  setlocale (LC_TIME, "C.UTF-8");

  destroy_and_check (window, page);
}
END_TEST

START_TEST (test_client_birth_date_valid)
{
  const struct { const char *typed; const char *stored; } valid[] = {
    { "1990-05-17", "1990-05-17" },
    { "17/05/1990", "1990-05-17" },
    { "17.05.1990", "1990-05-17" },
    { " 7/5/1991 ", "1991-05-07" },
    { "29.02.2000", "2000-02-29" },
  };
  g_autoptr(ConsultConsultation) consultation = new_consultation (NULL);
  GtkWidget *page = consult_client_page_new (consultation);
  GtkWindow *window = present (page);
  GObject *row = child (page, CONSULT_TYPE_CLIENT_PAGE, "birth_date_row");
  GObject *age_row = child (page, CONSULT_TYPE_CLIENT_PAGE, "age_row");
  GObject *age_label = child (page, CONSULT_TYPE_CLIENT_PAGE, "age_label");
  GObject *warning = child (page, CONSULT_TYPE_CLIENT_PAGE, "age_warning_icon");
  g_autofree char *minor = iso_years_ago (10);
  g_autofree char *adult = iso_years_ago (40);
  g_auto(GStrv) parts = NULL;
  g_autofree char *typed = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (row), "not yet");
      gtk_editable_set_text (GTK_EDITABLE (row), valid[i].typed);
      ck_assert_msg (!gtk_widget_has_css_class (GTK_WIDGET (row), "error"),
                     "%s is shown as invalid", valid[i].typed);
      ck_assert_str_eq (consult_consultation_get_client_birth_date (consultation), valid[i].stored);
      /* The entry keeps the date as it was typed. */
      ck_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (row)), valid[i].typed);
      ck_assert (!gtk_widget_has_css_class (GTK_WIDGET (age_row), "warning"));
    }

  /* Ten years ago, typed the European way: a minor. */
  parts = g_strsplit (minor, "-", 3);
  typed = g_strdup_printf ("%s/%s/%s", parts[2], parts[1], parts[0]);
  gtk_editable_set_text (GTK_EDITABLE (row), typed);
  ck_assert_str_eq (consult_consultation_get_client_birth_date (consultation), minor);
  ck_assert (consult_consultation_get_is_minor (consultation));
  ck_assert (gtk_widget_has_css_class (GTK_WIDGET (age_row), "warning"));
  ck_assert (gtk_widget_get_visible (GTK_WIDGET (warning)));
  ck_assert_str_eq (gtk_label_get_text (GTK_LABEL (age_label)), "10 years");
  ck_assert_ptr_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (age_row)), "Under 18"));

  /* A birth date set elsewhere replaces what was typed, in ISO form. */
  consult_consultation_set_client_birth_date (consultation, adult);
  ck_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (row)), adult);
  ck_assert (!gtk_widget_has_css_class (GTK_WIDGET (age_row), "warning"));
  ck_assert (!gtk_widget_get_visible (GTK_WIDGET (warning)));
  ck_assert_str_eq (gtk_label_get_text (GTK_LABEL (age_label)), "40 years");

  /* An invalid edit drops the stored date rather than keep one that is
   * no longer shown. */
  gtk_editable_set_text (GTK_EDITABLE (row), "1990-02-30");
  ck_assert_str_eq (consult_consultation_get_client_birth_date (consultation), "");
  ck_assert_str_eq (gtk_label_get_text (GTK_LABEL (age_label)), "");

  destroy_and_check (window, page);
}
END_TEST

START_TEST (test_client_areas)
{
  g_autoptr(ConsultConsultation) consultation = new_consultation (contents[_i]);
  GPtrArray *areas = consult_content_get_areas (consult_consultation_get_content (consultation));
  GtkWidget *page = consult_client_page_new (consultation);
  GtkWindow *window = present (page);
  GObject *group = child (page, CONSULT_TYPE_CLIENT_PAGE, "areas_group");
  GObject *hint = child (page, CONSULT_TYPE_CLIENT_PAGE, "areas_hint_label");
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  const ConsultArea *first = g_ptr_array_index (areas, 0);
  const ConsultArea *last = g_ptr_array_index (areas, areas->len - 1);

  collect (GTK_WIDGET (group), GTK_TYPE_CHECK_BUTTON, checks);
  ck_assert_uint_eq (checks->len, areas->len);
  ck_assert (gtk_widget_get_visible (GTK_WIDGET (hint)));
  for (guint i = 0; i < checks->len; i++)
    ck_assert (gtk_widget_get_focusable (g_ptr_array_index (checks, i)));

  /* Each area shows its label from the content. */
  ck_assert_uint_eq (count_labels (GTK_WIDGET (group), first->label.plain), 1);

  gtk_check_button_set_active (g_ptr_array_index (checks, 0), TRUE);
  ck_assert (consult_consultation_is_area_selected (consultation, first->id));
  ck_assert (!gtk_widget_get_visible (GTK_WIDGET (hint)));

  /* Activating the row toggles its check. */
  gtk_widget_activate (gtk_widget_get_ancestor (g_ptr_array_index (checks, checks->len - 1),
                                                ADW_TYPE_ACTION_ROW));
  ck_assert (consult_consultation_is_area_selected (consultation, last->id));

  /* And the consultation changing reaches the checks. */
  consult_consultation_set_area_selected (consultation, first->id, FALSE);
  consult_consultation_set_area_selected (consultation, last->id, FALSE);
  ck_assert (!gtk_check_button_get_active (g_ptr_array_index (checks, 0)));
  ck_assert (!gtk_check_button_get_active (g_ptr_array_index (checks, checks->len - 1)));
  ck_assert (gtk_widget_get_visible (GTK_WIDGET (hint)));

  destroy_and_check (window, page);
}
END_TEST

START_TEST (test_client_locked)
{
  g_autoptr(ConsultConsultation) consultation = new_consultation ("peel.xml");
  GtkWidget *page = consult_client_page_new (consultation);
  GtkWindow *window = present (page);
  const char *inputs[] = { "name_row", "birth_date_row", "contact_row", "practitioner_row",
                           "consultation_date_row" };
  GObject *row = child (page, CONSULT_TYPE_CLIENT_PAGE, "name_row");

  sign_both (consultation);
  ck_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (row)), "Ada Lovelace");
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    ck_assert_msg (!gtk_widget_is_sensitive (GTK_WIDGET (child (page, CONSULT_TYPE_CLIENT_PAGE,
                                                                inputs[i]))),
                   "%s is editable once signed", inputs[i]);

  consult_consultation_amend (consultation);
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    ck_assert (gtk_widget_is_sensitive (GTK_WIDGET (child (page, CONSULT_TYPE_CLIENT_PAGE,
                                                           inputs[i]))));

  destroy_and_check (window, page);
}
END_TEST

/* The explanation pages */

START_TEST (test_explanation_discussed)
{
  g_autoptr(ConsultConsultation) consultation = new_consultation (NULL);
  ConsultExplanation kind = _i;
  GtkWidget *page = consult_explanation_page_new (consultation, kind);
  GtkWindow *window = present (page);
  GObject *check = child (page, CONSULT_TYPE_EXPLANATION_PAGE, "discussed_check");

  ck_assert (gtk_widget_get_focusable (GTK_WIDGET (check)));
  ck_assert (!gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  ck_assert (consult_consultation_get_discussed (consultation, kind));
  for (guint i = 0; i < CONSULT_N_EXPLANATIONS; i++)
    if (i != kind)
      ck_assert (!consult_consultation_get_discussed (consultation, i));

  consult_consultation_set_discussed (consultation, kind, FALSE);
  ck_assert (!gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  consult_consultation_set_discussed (consultation, kind, TRUE);
  ck_assert (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));

  /* Once both have signed, the tick cannot be taken back. */
  sign_both (consultation);
  ck_assert (!gtk_widget_is_sensitive (GTK_WIDGET (check)));

  destroy_and_check (window, page);
}
END_TEST

START_TEST (test_procedure_steps)
{
  g_autoptr(ConsultConsultation) consultation = new_consultation (contents[_i]);
  ConsultContent *content = consult_consultation_get_content (consultation);
  GPtrArray *steps = consult_content_get_steps (content);
  GtkWidget *page = consult_explanation_page_new (consultation, CONSULT_EXPLANATION_PROCEDURE);
  GtkWindow *window = present (page);
  guint rare = 0;

  ck_assert_uint_ge (count_labels (page, consult_content_get_title (content)->plain), 1);
  for (guint i = 0; i < steps->len; i++)
    {
      const ConsultStep *step = g_ptr_array_index (steps, i);

      ck_assert_msg (count_labels (page, step->text.plain) == 1, "step %s is not shown", step->id);
      rare += step->rare ? 1 : 0;
    }

  /* Numbered in order, the rare ones tagged. */
  ck_assert_uint_eq (count_labels_with_class (page, "procedure-step-number"), steps->len);
  ck_assert_uint_eq (count_labels (page, "1"), 1);
  ck_assert_uint_eq (count_labels_with_class (page, "procedure-step-tag"), rare);

  destroy_and_check (window, page);
}
END_TEST

START_TEST (test_procedure_wording)
{
  g_autoptr(ConsultConsultation) consultation = new_consultation ("peel.xml");
  GtkWidget *page = consult_explanation_page_new (consultation, CONSULT_EXPLANATION_PROCEDURE);
  GtkWindow *window = present (page);

  ck_assert_uint_eq (count_labels (page, "Takes about 15 to 30 minutes"), 1);
  ck_assert_uint_eq (count_labels (page, "Also known as: Light peel"), 1);
  ck_assert_uint_eq (count_labels (page, "Peel solution"), 1);

  destroy_and_check (window, page);
}
END_TEST

START_TEST (test_benefits_and_side_effects)
{
  g_autoptr(ConsultConsultation) consultation = new_consultation ("peel.xml");
  GtkWidget *benefits = consult_explanation_page_new (consultation, CONSULT_EXPLANATION_BENEFITS);
  GtkWidget *side_effects = consult_explanation_page_new (consultation,
                                                          CONSULT_EXPLANATION_SIDE_EFFECTS);
  GtkWindow *window = present (benefits);
  GtkWindow *window2 = present (side_effects);

  ck_assert_uint_eq (count_labels (benefits, "Uneven skin tone"), 1);
  ck_assert_uint_eq (count_labels (benefits, "Within a week"), 1);
  ck_assert_uint_eq (count_labels (benefits, "A course of 3 to 6 sessions"), 1);
  ck_assert_uint_eq (count_labels (benefits, "Sessions 2 to 4 weeks apart"), 1);

  ck_assert_uint_eq (count_labels (side_effects, "Common Side Effects"), 1);
  ck_assert_uint_eq (count_labels (side_effects, "Uncommon Side Effects"), 1);
  ck_assert_uint_eq (count_labels (side_effects, "Rare Side Effects"), 1);
  ck_assert_uint_eq (count_labels (side_effects, "Redness."), 1);
  ck_assert_uint_eq (count_labels (side_effects, "Usually a few hours to a day."), 1);
  ck_assert_uint_eq (count_labels (side_effects, "First week"), 1);
  /* Emphasis from the content is kept as markup. */
  ck_assert_uint_eq (count_labels (side_effects, "Do not pick or peel flaking skin."), 1);
  ck_assert_uint_eq (count_labels (side_effects, "Micro-needling."), 1);

  destroy_and_check (window, benefits);
  destroy_and_check (window2, side_effects);
}
END_TEST

/* The summary page */

START_TEST (test_summary_client)
{
  g_autoptr(ConsultConsultation) consultation = new_consultation (contents[_i]);
  GtkWidget *page = consult_summary_page_new (consultation);
  GtkWindow *window = present (page);
  GObject *button = child (page, CONSULT_TYPE_SUMMARY_PAGE, "new_button");

  ck_assert_str_eq (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), "win.new");
  ck_assert_uint_eq (count_labels (page, "Ada Lovelace"), 0);
  ck_assert_uint_ge (count_labels (page, "Not discussed yet"), CONSULT_N_EXPLANATIONS);

  consult_consultation_set_client_name (consultation, "Ada Lovelace");
  consult_test_flush ();
  ck_assert_uint_eq (count_labels (page, "Ada Lovelace"), 1);

  consult_consultation_set_discussed (consultation, CONSULT_EXPLANATION_BENEFITS, TRUE);
  ck_assert_uint_eq (count_labels (page, "Not discussed yet"), CONSULT_N_EXPLANATIONS - 1);
  consult_test_wait_for_frame (page);

  destroy_and_check (window, page);
}
END_TEST

START_TEST (test_summary_consent)
{
  g_autoptr(ConsultConsultation) consultation = new_consultation ("peel.xml");
  GtkWidget *page = consult_summary_page_new (consultation);
  GtkWindow *window = present (page);

  ck_assert_uint_eq (count_labels (page, "Incomplete"), 1);

  sign_both (consultation);
  ck_assert_uint_eq (count_labels (page, "Suitable"), 1);
  ck_assert_uint_eq (count_labels (page, "Consent"), 1);
  ck_assert_uint_eq (count_labels (page, "Optional Consent"), 1);
  /* The two required statements ticked, the photography one not. */
  ck_assert_uint_eq (count_labels (page, "Agreed"), 2);
  ck_assert_uint_eq (count_labels (page, "Not agreed"), 1);
  ck_assert_uint_eq (count_labels (page, "Not signed"), 0);
  consult_test_wait_for_frame (page);

  destroy_and_check (window, page);
}
END_TEST

START_TEST (test_summary_deferred)
{
  g_autoptr(ConsultConsultation) consultation = new_consultation ("peel.xml");
  GtkWidget *page = consult_summary_page_new (consultation);
  GtkWindow *window = present (page);

  fill_client (consultation);
  answer_all_no (consultation, "broken-skin");
  ck_assert_int_eq (consult_consultation_get_outcome (consultation), CONSULT_OUTCOME_DEFER);

  /* The screening and its reason are recorded, with no consent. */
  ck_assert_uint_eq (count_labels (page, "Sunburn, broken skin or cold sore"), 1);
  ck_assert_uint_eq (count_labels (page, "Do not treat today. Rebook once the skin has healed."),
                     1);
  ck_assert_uint_eq (count_labels (page, "Consent"), 0);
  ck_assert_uint_eq (count_labels (page, "Signatures"), 0);
  consult_test_wait_for_frame (page);

  /* Answered "no" after all: consent is back. */
  consult_consultation_set_answer (consultation, "broken-skin", CONSULT_ANSWER_NO);
  ck_assert_uint_eq (count_labels (page, "Sunburn, broken skin or cold sore"), 0);
  ck_assert_uint_eq (count_labels (page, "Consent"), 1);
  ck_assert_uint_eq (count_labels (page, "Not signed"), 2);

  destroy_and_check (window, page);
}
END_TEST

static Suite *
pages_suite (void)
{
  Suite *s = suite_create ("pages");
  TCase *tc;

  tc = tcase_create ("smoke");
  tcase_add_checked_fixture (tc, consult_test_setup_gtk, NULL);
  tcase_set_timeout (tc, 60);
  tcase_add_loop_test (tc, test_page_smoke, 0, G_N_ELEMENTS (contents) * N_PAGES);
  tcase_add_loop_test (tc, test_page_narrow, 0, G_N_ELEMENTS (contents) * N_PAGES);
  tcase_add_test (tc, test_page_properties);
  suite_add_tcase (s, tc);

  tc = tcase_create ("client");
  tcase_add_checked_fixture (tc, consult_test_setup_gtk, NULL);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_client_name);
  tcase_add_test (tc, test_client_other_fields);
  tcase_add_test (tc, test_client_calendars);
  tcase_add_test (tc, test_client_birth_date_invalid);
  tcase_add_test (tc, test_client_birth_date_valid);
  tcase_add_test (tc, test_client_birth_date_locale_order);
  tcase_add_loop_test (tc, test_client_areas, 0, G_N_ELEMENTS (contents));
  tcase_add_test (tc, test_client_locked);
  suite_add_tcase (s, tc);

  tc = tcase_create ("explanation");
  tcase_add_checked_fixture (tc, consult_test_setup_gtk, NULL);
  tcase_set_timeout (tc, 60);
  tcase_add_loop_test (tc, test_explanation_discussed, 0, CONSULT_N_EXPLANATIONS);
  tcase_add_loop_test (tc, test_procedure_steps, 0, G_N_ELEMENTS (contents));
  tcase_add_test (tc, test_procedure_wording);
  tcase_add_test (tc, test_benefits_and_side_effects);
  suite_add_tcase (s, tc);

  tc = tcase_create ("summary");
  tcase_add_checked_fixture (tc, consult_test_setup_gtk, NULL);
  tcase_set_timeout (tc, 60);
  tcase_add_loop_test (tc, test_summary_client, 0, G_N_ELEMENTS (contents));
  tcase_add_test (tc, test_summary_consent);
  tcase_add_test (tc, test_summary_deferred);
  suite_add_tcase (s, tc);

  return s;
}

int
main (void)
{
  return consult_test_run_suite (pages_suite (), TRUE);
}
