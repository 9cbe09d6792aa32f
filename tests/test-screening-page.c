/* test-screening-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The screening page, driven through its Yes and No buttons and note
 * entries: the outcome reaches the consultation and the banner says it,
 * naming the answers that led there; a precaution without its note holds
 * the screening back; changes made elsewhere show; a signed consultation
 * cannot be changed here.
 */

#include "consult-config.h"

#include <string.h>
#include <adwaita.h>

#include "consult-consent-page.h"
#include "consult-content-loader.h"
#include "consult-screening-page.h"
#include "consult-test-utils.h"

typedef struct {
  GtkWindow *window;
  ConsultScreeningPage *page;
  ConsultConsultation *consultation;
  ConsultContent *content;
} Fixture;

static Fixture fixture;

/* Fails unless @widget's accessible @property is @value. */
#define ck_assert_accessible_property(widget, property, value)                          \
  G_STMT_START {                                                                        \
    g_autofree char *mismatch_ = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), \
                                                                     (property), (value)); \
    ck_assert_msg (mismatch_ == NULL, "accessible property %d: %s", (property), mismatch_); \
  } G_STMT_END

/* Opens the page on a new consultation of @content_file in tests/data, or
 * of the shipped content when NULL. */
static void
open_page (const char *content_file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsultContent) content = NULL;

  if (content_file != NULL)
    {
      g_autofree char *path = consult_test_data_path ("content", content_file, NULL);

      content = consult_content_loader_load_file (path, &error);
    }
  else
    content = consult_content_load_default (&error);
  ck_assert_msg (content != NULL, "%s", error ? error->message : "");

  fixture.consultation = consult_consultation_new (content);
  fixture.content = consult_consultation_get_content (fixture.consultation);
  fixture.page = CONSULT_SCREENING_PAGE (consult_screening_page_new (fixture.consultation));
  fixture.window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture.window, 1000, 800);
  gtk_window_set_child (fixture.window, GTK_WIDGET (fixture.page));
  gtk_window_present (fixture.window);
  consult_test_wait_for_frame (fixture.page);
}

static void
teardown (void)
{
  if (fixture.window != NULL)
    gtk_window_destroy (fixture.window);
  consult_test_flush ();
  g_clear_object (&fixture.consultation);
  memset (&fixture, 0, sizeof fixture);
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  GtkWidget *found = NULL;

  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL && found == NULL;
       child = gtk_widget_get_next_sibling (child))
    found = find_named (child, name);

  return found;
}

static GtkWidget *
find_question_widget (const char *question_id,
                      const char *part)
{
  g_autofree char *name = part != NULL
                          ? g_strdup_printf ("question-%s-%s", question_id, part)
                          : g_strdup_printf ("question-%s", question_id);
  GtkWidget *widget = find_named (GTK_WIDGET (fixture.page), name);

  ck_assert_msg (widget != NULL, "no widget named %s", name);

  return widget;
}

/* Answers as the practitioner does: clicking the button. */
static void
answer (const char    *question_id,
        ConsultAnswer  value)
{
  GtkWidget *button = find_question_widget (question_id, value == CONSULT_ANSWER_YES ? "yes" : "no");

  /* What a click ends in ("activate" would wait for the pressed look). */
  ck_assert (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  ck_assert (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
}

/* Answers every question No, except @yes_id (may be NULL) Yes. */
static void
answer_all_no_but (const char *yes_id)
{
  GPtrArray *questions = consult_content_get_questions (fixture.content);

  for (guint i = 0; i < questions->len; i++)
    {
      const ConsultQuestion *question = g_ptr_array_index (questions, i);

      answer (question->id, g_strcmp0 (question->id, yes_id) == 0 ? CONSULT_ANSWER_YES
                                                                    : CONSULT_ANSWER_NO);
    }
}

static void
type_note (const char *question_id,
           const char *text)
{
  GtkWidget *entry = find_question_widget (question_id, "note");

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static const char *
get_banner_title (void)
{
  GObject *label = gtk_widget_get_template_child (GTK_WIDGET (fixture.page),
                                                  CONSULT_TYPE_SCREENING_PAGE,
                                                  "outcome_title_label");

  return gtk_label_get_text (GTK_LABEL (label));
}

static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

/* Everything the banner says, one label a line. */
static char *
dup_banner_text (void)
{
  GObject *banner = gtk_widget_get_template_child (GTK_WIDGET (fixture.page),
                                                   CONSULT_TYPE_SCREENING_PAGE, "outcome_banner");
  GString *text = g_string_new (NULL);

  collect_text (GTK_WIDGET (banner), text);

  return g_string_free (text, FALSE);
}

static gboolean
banner_has_class (const char *css_class)
{
  GObject *banner = gtk_widget_get_template_child (GTK_WIDGET (fixture.page),
                                                   CONSULT_TYPE_SCREENING_PAGE, "outcome_banner");

  return gtk_widget_has_css_class (GTK_WIDGET (banner), css_class);
}

#define ck_assert_banner_mentions(needle)                                         \
  G_STMT_START {                                                                  \
    g_autofree char *banner_text_ = dup_banner_text ();                           \
    ck_assert_msg (strstr (banner_text_, (needle)) != NULL,                       \
                   "the banner does not mention \"%s\":\n%s", (needle), banner_text_); \
  } G_STMT_END

/* Completes every other step, so that only the screening decides. */
static void
complete_other_steps (void)
{
  GPtrArray *areas = consult_content_get_areas (fixture.content);
  const ConsultArea *area = g_ptr_array_index (areas, 0);

  consult_consultation_set_client_name (fixture.consultation, "Grace Hopper");
  consult_consultation_set_client_birth_date (fixture.consultation, "1980-12-09");
  consult_consultation_set_practitioner_name (fixture.consultation, "Dr Ada Byron");
  consult_consultation_set_area_selected (fixture.consultation, area->id, TRUE);
  consult_consultation_set_discussed (fixture.consultation, CONSULT_EXPLANATION_PROCEDURE, TRUE);
  consult_consultation_set_discussed (fixture.consultation, CONSULT_EXPLANATION_BENEFITS, TRUE);
  consult_consultation_set_discussed (fixture.consultation, CONSULT_EXPLANATION_SIDE_EFFECTS, TRUE);
}

/* Shows the consent page for the consultation; TRUE when it offers
 * consent rather than saying why it cannot. */
static gboolean
consent_page_opens (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = consult_consent_page_new (fixture.consultation);
  GObject *stack;
  gboolean opens;

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  consult_test_wait_for_frame (page);

  stack = gtk_widget_get_template_child (page, CONSULT_TYPE_CONSENT_PAGE, "stack");
  opens = g_str_equal (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "consent");

  gtk_window_destroy (GTK_WINDOW (window));

  return opens;
}

START_TEST (test_screening_page_smoke)
{
  ConsultScreeningPage *page;
  GtkWidget *window = gtk_window_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsultContent) content = consult_content_load_default (&error);
  g_autoptr(ConsultConsultation) consultation = consult_consultation_new (content);
  gpointer weak;

  page = CONSULT_SCREENING_PAGE (consult_screening_page_new (consultation));
  weak = page;
  g_object_add_weak_pointer (G_OBJECT (page), &weak);
  ck_assert_ptr_eq (consult_screening_page_get_consultation (page), consultation);

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  consult_test_wait_for_frame (page);

  gtk_window_destroy (GTK_WINDOW (window));
  consult_test_flush ();
  ck_assert_msg (weak == NULL, "the page was not finalized");

  /* The consultation outlives the page, and changing it is harmless. */
  consult_consultation_set_client_name (consultation, "Grace Hopper");
}
END_TEST

START_TEST (test_screening_page_cards)
{
  GPtrArray *questions;
  g_autofree char *title = NULL;

  open_page (NULL);
  questions = consult_content_get_questions (fixture.content);

  /* A card for each question, in content order; neither answer chosen. */
  for (guint i = 0; i < questions->len; i++)
    {
      const ConsultQuestion *question = g_ptr_array_index (questions, i);
      GtkWidget *card = find_question_widget (question->id, NULL);
      GtkWidget *yes = find_question_widget (question->id, "yes");
      GtkWidget *no = find_question_widget (question->id, "no");

      ck_assert (gtk_widget_has_css_class (card, "card"));
      ck_assert (!gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (yes)));
      ck_assert (!gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (no)));
      ck_assert (gtk_widget_get_focusable (yes) && gtk_widget_get_focusable (no));
      /* "Yes" is heard with the question it answers. */
      ck_assert_accessible_property (gtk_widget_get_parent (yes), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                     question->question.plain);
      if (i > 0)
        {
          const ConsultQuestion *previous = g_ptr_array_index (questions, i - 1);

          ck_assert_ptr_eq (gtk_widget_get_prev_sibling (card),
                            find_question_widget (previous->id, NULL));
        }
    }

  title = g_strdup_printf ("Screening incomplete: 0 of %u answered", questions->len);
  ck_assert_str_eq (get_banner_title (), title);
  ck_assert (banner_has_class ("dim"));
  ck_assert_accessible_property (gtk_widget_get_template_child (GTK_WIDGET (fixture.page),
                                                                CONSULT_TYPE_SCREENING_PAGE,
                                                                "outcome_banner"),
                                 GTK_ACCESSIBLE_PROPERTY_LABEL, title);
  ck_assert_int_eq (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (
                      gtk_widget_get_template_child (GTK_WIDGET (fixture.page),
                                                     CONSULT_TYPE_SCREENING_PAGE,
                                                     "outcome_banner"))),
                    GTK_ACCESSIBLE_ROLE_STATUS);

  answer ("pregnancy", CONSULT_ANSWER_NO);
  title = (g_free (title), g_strdup_printf ("Screening incomplete: 1 of %u answered", questions->len));
  ck_assert_str_eq (get_banner_title (), title);
}
END_TEST

START_TEST (test_screening_page_all_no)
{
  open_page (NULL);

  answer_all_no_but (NULL);

  ck_assert_int_eq (consult_consultation_get_outcome (fixture.consultation),
                    CONSULT_OUTCOME_SUITABLE);
  ck_assert_str_eq (get_banner_title (), "Suitable");
  ck_assert (banner_has_class ("success"));

  /* With the other steps done, consent opens. */
  ck_assert (!consent_page_opens ());
  complete_other_steps ();
  ck_assert (consult_consultation_can_consent (fixture.consultation));
  ck_assert (consent_page_opens ());
}
END_TEST

START_TEST (test_screening_page_exclude)
{
  const ConsultQuestion *question;

  open_page (NULL);
  question = consult_content_find_question (fixture.content, "pregnancy");
  ck_assert_int_eq (question->rule, CONSULT_RULE_EXCLUDE);

  complete_other_steps ();
  answer_all_no_but ("pregnancy");

  ck_assert_int_eq (consult_consultation_get_answer (fixture.consultation, "pregnancy"),
                    CONSULT_ANSWER_YES);
  ck_assert_int_eq (consult_consultation_get_outcome (fixture.consultation),
                    CONSULT_OUTCOME_NOT_SUITABLE);
  ck_assert_str_eq (get_banner_title (), "Not suitable");
  ck_assert (banner_has_class ("error"));
  /* The banner names the answer and what the content says to do. */
  ck_assert_banner_mentions (question->label.plain);
  ck_assert_banner_mentions (question->action.plain);

  ck_assert (!consult_consultation_can_consent (fixture.consultation));
  ck_assert (!consent_page_opens ());

  /* Changing the answer back puts things right. */
  answer ("pregnancy", CONSULT_ANSWER_NO);
  ck_assert_str_eq (get_banner_title (), "Suitable");
  ck_assert (consult_consultation_can_consent (fixture.consultation));
}
END_TEST

START_TEST (test_screening_page_exclude_shows_early)
{
  GtkWidget *revealer;

  open_page (NULL);

  /* One exclusion is enough to know, before the rest are answered. */
  answer ("pregnancy", CONSULT_ANSWER_YES);
  ck_assert_int_eq (consult_consultation_get_outcome (fixture.consultation),
                    CONSULT_OUTCOME_INCOMPLETE);
  ck_assert (g_str_has_prefix (get_banner_title (), "Screening incomplete: 1 of "));
  ck_assert (banner_has_class ("error"));
  ck_assert_banner_mentions ("Pregnancy or breastfeeding");

  /* The card shows it too, with an optional note. */
  revealer = gtk_widget_get_ancestor (find_question_widget ("pregnancy", "note"), GTK_TYPE_REVEALER);
  ck_assert (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
}
END_TEST

START_TEST (test_screening_page_defer)
{
  const ConsultQuestion *question;

  open_page ("peel.xml");
  question = consult_content_find_question (fixture.content, "broken-skin");
  ck_assert_int_eq (question->rule, CONSULT_RULE_DEFER);

  answer_all_no_but ("broken-skin");

  ck_assert_int_eq (consult_consultation_get_outcome (fixture.consultation),
                    CONSULT_OUTCOME_DEFER);
  ck_assert_str_eq (get_banner_title (), "Defer");
  ck_assert (banner_has_class ("warning"));
  ck_assert_banner_mentions ("Sunburn, broken skin or cold sore");
  ck_assert_banner_mentions ("Rebook once the skin has healed.");

  /* A note is optional here: it is stored, and the outcome holds. */
  type_note ("broken-skin", "Sunburn on the left cheek");
  ck_assert_str_eq (consult_consultation_get_note (fixture.consultation, "broken-skin"),
                    "Sunburn on the left cheek");
  ck_assert_str_eq (get_banner_title (), "Defer");
}
END_TEST

START_TEST (test_screening_page_caution_needs_note)
{
  GtkWidget *card;

  open_page ("peel.xml");
  answer_all_no_but ("cold-sore-history");
  card = find_question_widget ("cold-sore-history", NULL);

  /* Without a note, the screening is not complete, and says why. */
  ck_assert_int_eq (consult_consultation_get_outcome (fixture.consultation),
                    CONSULT_OUTCOME_INCOMPLETE);
  ck_assert_str_eq (get_banner_title (), "Screening incomplete: 1 precaution note is missing");
  ck_assert (banner_has_class ("warning"));
  ck_assert_banner_mentions ("History of cold sores");
  ck_assert_banner_mentions ("Arrange antiviral prophylaxis around the peel");
  ck_assert_banner_mentions ("Record the precaution taken (required).");
  ck_assert (gtk_widget_has_css_class (card, "needs-note"));

  /* Blank is no note. */
  type_note ("cold-sore-history", "   ");
  ck_assert_int_eq (consult_consultation_get_outcome (fixture.consultation),
                    CONSULT_OUTCOME_INCOMPLETE);

  type_note ("cold-sore-history", "Aciclovir from two days before");
  ck_assert_str_eq (consult_consultation_get_note (fixture.consultation, "cold-sore-history"),
                    "Aciclovir from two days before");
  ck_assert_int_eq (consult_consultation_get_outcome (fixture.consultation),
                    CONSULT_OUTCOME_SUITABLE_WITH_PRECAUTIONS);
  ck_assert_str_eq (get_banner_title (), "Suitable with precautions");
  ck_assert_banner_mentions ("History of cold sores");
  ck_assert_banner_mentions ("Aciclovir from two days before");
  ck_assert (!gtk_widget_has_css_class (card, "needs-note"));
}
END_TEST

START_TEST (test_screening_page_follows_consultation)
{
  GtkWidget *yes, *no, *entry;

  open_page ("peel.xml");
  yes = find_question_widget ("cold-sore-history", "yes");
  no = find_question_widget ("cold-sore-history", "no");
  entry = find_question_widget ("cold-sore-history", "note");

  /* Changes made elsewhere (a record read back) show on the page. */
  consult_consultation_set_answer (fixture.consultation, "cold-sore-history", CONSULT_ANSWER_YES);
  consult_consultation_set_note (fixture.consultation, "cold-sore-history", "Valaciclovir");
  ck_assert (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (yes)));
  ck_assert (!gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (no)));
  ck_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (entry)), "Valaciclovir");

  consult_consultation_set_answer (fixture.consultation, "cold-sore-history", CONSULT_ANSWER_NO);
  ck_assert (!gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (yes)));
  ck_assert (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (no)));

  /* Unanswered again: neither button is active. */
  consult_consultation_set_answer (fixture.consultation, "cold-sore-history",
                                   CONSULT_ANSWER_UNANSWERED);
  ck_assert (!gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (yes)));
  ck_assert (!gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (no)));
  ck_assert_int_eq (consult_consultation_get_answer (fixture.consultation, "cold-sore-history"),
                    CONSULT_ANSWER_UNANSWERED);

  /* Typing keeps what is typed, trailing space included. */
  answer ("cold-sore-history", CONSULT_ANSWER_YES);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Aciclovir ");
  ck_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (entry)), "Aciclovir ");
  ck_assert_str_eq (consult_consultation_get_note (fixture.consultation, "cold-sore-history"),
                    "Aciclovir ");
}
END_TEST

START_TEST (test_screening_page_locked)
{
  ConsultSignaturePoint stroke[] = { { 10, 10, 1, 0 }, { 100, 50, 1, 10 } };
  GtkWidget *yes;
  GPtrArray *statements;
  GObject *locked_label;

  open_page ("peel.xml");
  complete_other_steps ();
  answer_all_no_but (NULL);

  statements = consult_content_get_statements (fixture.content);
  for (guint i = 0; i < statements->len; i++)
    {
      const ConsultStatement *statement = g_ptr_array_index (statements, i);

      ck_assert (consult_consultation_set_statement_accepted (fixture.consultation,
                                                              statement->id, TRUE));
    }
  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    {
      g_autoptr(GError) error = NULL;

      consult_signature_add_stroke (consult_consultation_get_signature (fixture.consultation, i),
                                    stroke, G_N_ELEMENTS (stroke));
      ck_assert_msg (consult_consultation_sign (fixture.consultation, i, "Someone", &error),
                     "%s", error ? error->message : "");
    }
  ck_assert (consult_consultation_get_locked (fixture.consultation));

  /* Signed: the answers cannot be changed from here. */
  yes = find_question_widget ("pregnancy", "yes");
  ck_assert (!gtk_widget_is_sensitive (yes));
  locked_label = gtk_widget_get_template_child (GTK_WIDGET (fixture.page),
                                                CONSULT_TYPE_SCREENING_PAGE, "locked_label");
  ck_assert (gtk_widget_get_visible (GTK_WIDGET (locked_label)));

  consult_consultation_amend (fixture.consultation);
  ck_assert (gtk_widget_is_sensitive (yes));
  ck_assert (!gtk_widget_get_visible (GTK_WIDGET (locked_label)));
}
END_TEST

static Suite *
screening_page_suite (void)
{
  Suite *s = suite_create ("screening-page");
  TCase *tc = tcase_create ("screening-page");

  tcase_add_checked_fixture (tc, consult_test_setup_gtk, teardown);
  tcase_set_timeout (tc, 30);
  tcase_add_test (tc, test_screening_page_smoke);
  tcase_add_test (tc, test_screening_page_cards);
  tcase_add_test (tc, test_screening_page_all_no);
  tcase_add_test (tc, test_screening_page_exclude);
  tcase_add_test (tc, test_screening_page_exclude_shows_early);
  tcase_add_test (tc, test_screening_page_defer);
  tcase_add_test (tc, test_screening_page_caution_needs_note);
  tcase_add_test (tc, test_screening_page_follows_consultation);
  tcase_add_test (tc, test_screening_page_locked);
  suite_add_tcase (s, tc);

  return s;
}

int
main (void)
{
  /* The accessible properties are only kept with the test backend (the
   * shared test environment turns accessibility off). */
  g_setenv ("GTK_A11Y", "test", TRUE);

  return consult_test_run_suite (screening_page_suite (), TRUE);
}
