/* test-flow.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The whole consultation flow in a real window: the step list, Back and
 * Next, the screening deciding whether consent can be reached, signing,
 * Amend, unsaved work, the narrow layout; with the shipped content and with
 * a second procedure.
 */

#include "consult-config.h"

#include <string.h>
#include <adwaita.h>

#include "consult-application.h"
#include "consult-consultation.h"
#include "consult-content-loader.h"
#include "consult-test-utils.h"
#include "consult-window.h"

typedef struct {
  ConsultApplication *app;
  ConsultWindow *window;
  ConsultConsultation *consultation;
  ConsultContent *content;
} Flow;

static Flow flow;

static void
flow_open (const char *content_file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsultContent) content = NULL;

  flow.app = consult_application_new ();
  g_application_set_flags (G_APPLICATION (flow.app),
                           g_application_get_flags (G_APPLICATION (flow.app)) | G_APPLICATION_NON_UNIQUE);
  ck_assert (g_application_register (G_APPLICATION (flow.app), NULL, &error));

  if (content_file != NULL)
    {
      g_autofree char *path = consult_test_data_path ("content", content_file, NULL);

      content = consult_content_loader_load_file (path, &error);
    }
  else
    content = consult_content_load_default (&error);
  ck_assert_msg (content != NULL, "%s", error ? error->message : "");

  flow.window = g_object_new (CONSULT_TYPE_WINDOW,
                              "application", flow.app,
                              "settings", consult_application_get_settings (flow.app),
                              "content", content,
                              NULL);
  flow.content = consult_consultation_get_content (consult_window_get_consultation (flow.window));
  gtk_window_set_default_size (GTK_WINDOW (flow.window), 1280, 800);
  gtk_window_present (GTK_WINDOW (flow.window));
  consult_test_wait_for_frame (flow.window);

  /* The window opens on the start page; New Consultation starts one. */
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (flow.window), "win.new", NULL));
  consult_test_flush ();
  flow.consultation = consult_window_get_consultation (flow.window);
  ck_assert_ptr_nonnull (flow.consultation);
}

static void
flow_setup (void)
{
  consult_test_setup_gtk ();
  flow_open (NULL);
}

static void
flow_setup_peel (void)
{
  consult_test_setup_gtk ();
  flow_open ("peel.xml");
}

static void
flow_teardown (void)
{
  if (flow.consultation != NULL)
    consult_consultation_set_modified (flow.consultation, FALSE);
  if (flow.window != NULL)
    gtk_window_destroy (GTK_WINDOW (flow.window));
  g_clear_object (&flow.app);
  memset (&flow, 0, sizeof flow);
}

static void
activate (const char *action)
{
  ck_assert_msg (gtk_widget_activate_action (GTK_WIDGET (flow.window), action, NULL),
                 "no action %s", action);
  consult_test_flush ();
}

static ConsultFlowStep
current_step (void)
{
  return consult_window_get_current_step (flow.window);
}

static void
fill_client (void)
{
  GPtrArray *areas = consult_content_get_areas (flow.content);
  const ConsultArea *area = g_ptr_array_index (areas, 0);

  ck_assert (consult_consultation_set_client_name (flow.consultation, "Jane Example"));
  ck_assert (consult_consultation_set_client_birth_date (flow.consultation, "1990-04-12"));
  ck_assert (consult_consultation_set_practitioner_name (flow.consultation, "Dr Ada Byron"));
  ck_assert (consult_consultation_set_area_selected (flow.consultation, area->id, TRUE));
}

static void
discuss_all (void)
{
  /* Each explanation is discussed on its own page, reached with Next. */
  for (ConsultExplanation e = 0; e < CONSULT_N_EXPLANATIONS; e++)
    {
      activate ("win.next-step");
      ck_assert_int_eq (current_step (), CONSULT_FLOW_STEP_PROCEDURE + e);
      ck_assert_ptr_nonnull (consult_window_get_page (flow.window, current_step ()));
      ck_assert (consult_consultation_set_discussed (flow.consultation, e, TRUE));
    }
}

static void
answer_all (ConsultAnswer answer)
{
  GPtrArray *questions = consult_content_get_questions (flow.content);

  for (guint i = 0; i < questions->len; i++)
    {
      const ConsultQuestion *q = g_ptr_array_index (questions, i);

      ck_assert (consult_consultation_set_answer (flow.consultation, q->id, answer));
    }
}

static const ConsultQuestion *
first_question_with_rule (ConsultRule rule)
{
  GPtrArray *questions = consult_content_get_questions (flow.content);

  for (guint i = 0; i < questions->len; i++)
    {
      const ConsultQuestion *q = g_ptr_array_index (questions, i);

      if (q->rule == rule)
        return q;
    }

  ck_abort_msg ("the content has no question with rule %s", consult_rule_to_string (rule));
  return NULL;
}

/* Client, the three explanations, then the screening page. */
static void
walk_to_screening (void)
{
  ck_assert_int_eq (current_step (), CONSULT_FLOW_STEP_CLIENT);
  fill_client ();
  ck_assert_int_eq (consult_consultation_get_step_state (flow.consultation,
                                                         CONSULT_FLOW_STEP_CLIENT),
                    CONSULT_STEP_STATE_DONE);
  discuss_all ();
  activate ("win.next-step");
  ck_assert_int_eq (current_step (), CONSULT_FLOW_STEP_SCREENING);
}

static void
draw_something (ConsultSigner signer)
{
  ConsultSignature *signature = consult_consultation_get_signature (flow.consultation, signer);

  consult_signature_begin_stroke (signature);
  consult_signature_add_point (signature, 40, 150, 0.5, 1000);
  consult_signature_add_point (signature, 200, 60, 0.8, 1040);
  consult_signature_add_point (signature, 380, 140, 1.0, 1090);
  consult_signature_end_stroke (signature);
}

static void
tick_required_statements (void)
{
  GPtrArray *statements = consult_content_get_statements (flow.content);

  for (guint i = 0; i < statements->len; i++)
    {
      const ConsultStatement *s = g_ptr_array_index (statements, i);

      if (s->required)
        ck_assert (consult_consultation_set_statement_accepted (flow.consultation, s->id, TRUE));
    }
}

static void
check_full_consent_flow (void)
{
  g_autoptr(GError) error = NULL;

  walk_to_screening ();
  answer_all (CONSULT_ANSWER_NO);
  ck_assert_int_eq (consult_consultation_get_outcome (flow.consultation),
                    CONSULT_OUTCOME_SUITABLE);
  ck_assert (consult_consultation_can_consent (flow.consultation));

  /* Next leads from the screening to consent. */
  activate ("win.next-step");
  ck_assert_int_eq (current_step (), CONSULT_FLOW_STEP_CONSENT);
  ck_assert_ptr_nonnull (consult_window_get_page (flow.window, CONSULT_FLOW_STEP_CONSENT));

  /* Nobody signs before every required statement is ticked. */
  draw_something (CONSULT_SIGNER_CLIENT);
  ck_assert (!consult_consultation_sign (flow.consultation, CONSULT_SIGNER_CLIENT,
                                         "Jane Example", &error));
  ck_assert_error (error, CONSULT_CONSULTATION_ERROR, CONSULT_CONSULTATION_ERROR_STATEMENTS);
  g_clear_error (&error);

  tick_required_statements ();
  ck_assert (consult_consultation_sign (flow.consultation, CONSULT_SIGNER_CLIENT,
                                        "Jane Example", &error));
  draw_something (CONSULT_SIGNER_PRACTITIONER);
  ck_assert (consult_consultation_sign (flow.consultation, CONSULT_SIGNER_PRACTITIONER,
                                        "Dr Ada Byron", &error));

  ck_assert (consult_consultation_get_locked (flow.consultation));
  ck_assert_int_eq (consult_consultation_get_step_state (flow.consultation,
                                                         CONSULT_FLOW_STEP_CONSENT),
                    CONSULT_STEP_STATE_DONE);
  /* Signed answers are locked. */
  ck_assert (!consult_consultation_set_answer (flow.consultation,
                                               first_question_with_rule (CONSULT_RULE_EXCLUDE)->id,
                                               CONSULT_ANSWER_YES));
  ck_assert_int_eq (consult_consultation_get_outcome (flow.consultation),
                    CONSULT_OUTCOME_SUITABLE);

  activate ("win.next-step");
  ck_assert_int_eq (current_step (), CONSULT_FLOW_STEP_SUMMARY);

  /* Amend unlocks and clears both signatures. */
  consult_consultation_amend (flow.consultation);
  ck_assert (!consult_consultation_get_locked (flow.consultation));
  ck_assert (consult_signature_is_empty (
               consult_consultation_get_signature (flow.consultation, CONSULT_SIGNER_CLIENT)));
  ck_assert (consult_signature_is_empty (
               consult_consultation_get_signature (flow.consultation,
                                                   CONSULT_SIGNER_PRACTITIONER)));
}

START_TEST (test_flow_suitable_to_signed)
{
  check_full_consent_flow ();
}
END_TEST

START_TEST (test_flow_exclude_blocks_consent)
{
  const ConsultQuestion *q;

  walk_to_screening ();
  answer_all (CONSULT_ANSWER_NO);
  q = first_question_with_rule (CONSULT_RULE_EXCLUDE);
  consult_consultation_set_answer (flow.consultation, q->id, CONSULT_ANSWER_YES);

  ck_assert_int_eq (consult_consultation_get_outcome (flow.consultation),
                    CONSULT_OUTCOME_NOT_SUITABLE);
  ck_assert_int_eq (consult_consultation_get_step_state (flow.consultation,
                                                         CONSULT_FLOW_STEP_CONSENT),
                    CONSULT_STEP_STATE_BLOCKED);

  /* Consent cannot be reached, directly or through the step list... */
  ck_assert (!consult_window_go_to_step (flow.window, CONSULT_FLOW_STEP_CONSENT));
  ck_assert_int_eq (current_step (), CONSULT_FLOW_STEP_SCREENING);
  ck_assert_ptr_null (consult_window_get_page (flow.window, CONSULT_FLOW_STEP_CONSENT));

  /* ...and Next goes from the screening straight to the summary. */
  activate ("win.next-step");
  ck_assert_int_eq (current_step (), CONSULT_FLOW_STEP_SUMMARY);
  activate ("win.previous-step");
  ck_assert_int_eq (current_step (), CONSULT_FLOW_STEP_SCREENING);
  ck_assert_ptr_null (consult_window_get_page (flow.window, CONSULT_FLOW_STEP_CONSENT));
}
END_TEST

START_TEST (test_flow_defer)
{
  walk_to_screening ();
  answer_all (CONSULT_ANSWER_NO);
  consult_consultation_set_answer (flow.consultation,
                                   first_question_with_rule (CONSULT_RULE_DEFER)->id,
                                   CONSULT_ANSWER_YES);

  ck_assert_int_eq (consult_consultation_get_outcome (flow.consultation), CONSULT_OUTCOME_DEFER);
  ck_assert (!consult_consultation_can_consent (flow.consultation));
  activate ("win.next-step");
  ck_assert_int_eq (current_step (), CONSULT_FLOW_STEP_SUMMARY);
}
END_TEST

START_TEST (test_flow_caution_needs_note)
{
  const ConsultQuestion *q;

  walk_to_screening ();
  answer_all (CONSULT_ANSWER_NO);
  q = first_question_with_rule (CONSULT_RULE_CAUTION);
  consult_consultation_set_answer (flow.consultation, q->id, CONSULT_ANSWER_YES);

  /* Without a note, the screening is not complete and consent is blocked. */
  ck_assert_int_ne (consult_consultation_get_outcome (flow.consultation),
                    CONSULT_OUTCOME_SUITABLE_WITH_PRECAUTIONS);
  ck_assert_int_eq (consult_consultation_get_step_state (flow.consultation,
                                                         CONSULT_FLOW_STEP_SCREENING),
                    CONSULT_STEP_STATE_ATTENTION);
  ck_assert (!consult_window_go_to_step (flow.window, CONSULT_FLOW_STEP_CONSENT));

  consult_consultation_set_note (flow.consultation, q->id, "Precaution discussed and taken.");
  ck_assert_int_eq (consult_consultation_get_outcome (flow.consultation),
                    CONSULT_OUTCOME_SUITABLE_WITH_PRECAUTIONS);
  ck_assert (consult_window_go_to_step (flow.window, CONSULT_FLOW_STEP_CONSENT));
}
END_TEST

START_TEST (test_flow_pages_created_when_shown)
{
  /* Only the first page exists until others are shown. */
  ck_assert_ptr_nonnull (consult_window_get_page (flow.window, CONSULT_FLOW_STEP_CLIENT));
  for (ConsultFlowStep s = CONSULT_FLOW_STEP_PROCEDURE; s < CONSULT_N_FLOW_STEPS; s++)
    ck_assert_ptr_null (consult_window_get_page (flow.window, s));

  ck_assert (gtk_widget_activate_action (GTK_WIDGET (flow.window), "win.go-to-step", "s",
                                         "side-effects"));
  ck_assert_int_eq (current_step (), CONSULT_FLOW_STEP_SIDE_EFFECTS);
  ck_assert_ptr_nonnull (consult_window_get_page (flow.window, CONSULT_FLOW_STEP_SIDE_EFFECTS));
  ck_assert_ptr_null (consult_window_get_page (flow.window, CONSULT_FLOW_STEP_BENEFITS));

  /* Back and Next stop at the ends. */
  ck_assert (consult_window_go_to_step (flow.window, CONSULT_FLOW_STEP_CLIENT));
  activate ("win.previous-step");
  ck_assert_int_eq (current_step (), CONSULT_FLOW_STEP_CLIENT);
}
END_TEST

static gboolean
has_message_dialog (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          if (data != NULL)
            *(AdwMessageDialog **) data = ADW_MESSAGE_DIALOG (window);
          return TRUE;
        }
    }

  return FALSE;
}

/* What clicking a response button does: respond, then close the dialog. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  consult_test_flush ();
}

START_TEST (test_flow_new_asks_before_discarding)
{
  ConsultConsultation *old = flow.consultation;
  AdwMessageDialog *dialog = NULL;
  gpointer window;

  /* Nothing typed yet: a new consultation starts at once. */
  activate ("win.new");
  ck_assert (!has_message_dialog (NULL));
  ck_assert_ptr_ne (consult_window_get_consultation (flow.window), old);

  flow.consultation = consult_window_get_consultation (flow.window);
  consult_consultation_set_client_name (flow.consultation, "Jane Example");
  old = flow.consultation;

  activate ("win.new");
  ck_assert (consult_test_wait_until (has_message_dialog, &dialog, 2000));
  ck_assert_ptr_eq (consult_window_get_consultation (flow.window), old);

  /* Cancel keeps the work... */
  respond (dialog, "cancel");
  ck_assert_ptr_eq (consult_window_get_consultation (flow.window), old);
  ck_assert_str_eq (consult_consultation_get_client_name (old), "Jane Example");

  /* ...and closing the window asks as well. */
  gtk_window_close (GTK_WINDOW (flow.window));
  consult_test_flush ();
  dialog = NULL;
  ck_assert (consult_test_wait_until (has_message_dialog, &dialog, 2000));
  ck_assert (gtk_widget_get_visible (GTK_WIDGET (flow.window)));

  /* Discard does what was asked: the window closes. */
  window = flow.window;
  g_object_add_weak_pointer (G_OBJECT (window), &window);
  respond (dialog, "discard");
  ck_assert_msg (gtk_application_get_windows (GTK_APPLICATION (flow.app)) == NULL,
                 "the window did not close");
  ck_assert_msg (window == NULL, "the window was not finalized");
  flow.window = NULL;
  flow.consultation = NULL;
}
END_TEST

/* The window's main page: "start", "flow" or "error". */
static const char *
shown_page (void)
{
  GObject *stack = gtk_widget_get_template_child (GTK_WIDGET (flow.window), CONSULT_TYPE_WINDOW,
                                                  "main_stack");

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

START_TEST (test_flow_start_page)
{
  ck_assert (consult_window_go_to_step (flow.window, CONSULT_FLOW_STEP_BENEFITS));
  consult_consultation_set_client_name (flow.consultation, "Jane Example");

  ck_assert_str_eq (shown_page (), "flow");

  /* Home shows the start page... */
  activate ("win.show-start");
  ck_assert_str_eq (shown_page (), "start");

  /* ...and Continue goes back to where the consultation was. */
  activate ("win.continue");
  ck_assert_str_eq (shown_page (), "flow");
  ck_assert_int_eq (current_step (), CONSULT_FLOW_STEP_BENEFITS);
  ck_assert_ptr_eq (consult_window_get_consultation (flow.window), flow.consultation);
  ck_assert_str_eq (consult_consultation_get_client_name (flow.consultation), "Jane Example");
}
END_TEST

/* The step list: the list in the consultation view's sidebar, built
 * when the first consultation was shown. */
static GtkWidget *
find_step_list (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LIST_BOX (child) && gtk_widget_has_css_class (child, "navigation-sidebar"))
        return child;
      if ((found = find_step_list (child)) != NULL)
        return found;
    }

  return NULL;
}

/* Enter on a focused step activates it, as Space does. GTK 4.8 cannot
 * synthesize a key press, so the list's key controller gets the event the
 * way GTK would hand it over. */
START_TEST (test_flow_step_list_enter)
{
  GtkWidget *list = find_step_list (GTK_WIDGET (flow.window));
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list),
                                                      CONSULT_FLOW_STEP_SCREENING);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (list));
  gboolean handled = FALSE;

  ck_assert_ptr_nonnull (list);
  ck_assert (gtk_widget_grab_focus (GTK_WIDGET (row)));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Return, 36, 0, &handled);
    }

  ck_assert (handled);
  consult_test_flush ();
  ck_assert_int_eq (current_step (), CONSULT_FLOW_STEP_SCREENING);
}
END_TEST

static gboolean
is_folded (gpointer data)
{
  return adw_leaflet_get_folded (ADW_LEAFLET (data));
}

static AdwLeaflet *
find_leaflet (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwLeaflet *found;

      if (ADW_IS_LEAFLET (child))
        return ADW_LEAFLET (child);
      if ((found = find_leaflet (child)) != NULL)
        return found;
    }

  return NULL;
}

START_TEST (test_flow_narrow_folds_sidebar)
{
  AdwLeaflet *leaflet = find_leaflet (GTK_WIDGET (flow.window));

  ck_assert_ptr_nonnull (leaflet);
  ck_assert (!adw_leaflet_get_folded (leaflet));

  gtk_window_set_default_size (GTK_WINDOW (flow.window), 360, 720);
  ck_assert (consult_test_wait_until (is_folded, leaflet, 3000));
  consult_test_wait_for_frame (flow.window);

  /* Folded, the page is shown and the step list is one button away. */
  ck_assert_int_le (gtk_widget_get_width (GTK_WIDGET (flow.window)), 400);
  activate ("win.show-steps");
  activate ("win.next-step");
  ck_assert_int_eq (current_step (), CONSULT_FLOW_STEP_PROCEDURE);
}
END_TEST

START_TEST (test_flow_second_procedure)
{
  ck_assert_str_eq (consult_content_get_id (flow.content), "superficial-peel");
  check_full_consent_flow ();
}
END_TEST

static Suite *
flow_suite (void)
{
  Suite *s = suite_create ("flow");
  TCase *tc = tcase_create ("micro-needling");
  TCase *peel = tcase_create ("second procedure");

  tcase_add_checked_fixture (tc, flow_setup, flow_teardown);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_flow_suitable_to_signed);
  tcase_add_test (tc, test_flow_exclude_blocks_consent);
  tcase_add_test (tc, test_flow_defer);
  tcase_add_test (tc, test_flow_caution_needs_note);
  tcase_add_test (tc, test_flow_pages_created_when_shown);
  tcase_add_test (tc, test_flow_new_asks_before_discarding);
  tcase_add_test (tc, test_flow_narrow_folds_sidebar);
  tcase_add_test (tc, test_flow_start_page);
  tcase_add_test (tc, test_flow_step_list_enter);
  suite_add_tcase (s, tc);

  tcase_add_checked_fixture (peel, flow_setup_peel, flow_teardown);
  tcase_set_timeout (peel, 60);
  tcase_add_test (peel, test_flow_second_procedure);
  suite_add_tcase (s, peel);

  return s;
}

int
main (void)
{
  return consult_test_run_suite (flow_suite (), TRUE);
}
