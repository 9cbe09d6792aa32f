/* test-consent-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The consent page: why consent cannot be taken yet; the statements,
 * required and optional; signing, refused with the reason shown until the
 * statements are ticked, then locking the consultation; Amend, through its
 * confirmation, clearing both signatures.
 */

#include "consult-config.h"

#include <string.h>
#include <adwaita.h>

#include "consult-consent-page.h"
#include "consult-content-loader.h"
#include "consult-signature-pad-private.h"
#include "consult-test-utils.h"

typedef struct {
  GtkWindow *window;
  GtkWidget *page;
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

static void
open_page (const char *content_file,
           gboolean    ready)
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

  /* Every earlier step done, every answer No. */
  if (ready)
    {
      GPtrArray *questions = consult_content_get_questions (fixture.content);
      const ConsultArea *area = g_ptr_array_index (consult_content_get_areas (fixture.content), 0);

      consult_consultation_set_client_name (fixture.consultation, "Grace Hopper");
      consult_consultation_set_client_birth_date (fixture.consultation, "1980-12-09");
      consult_consultation_set_practitioner_name (fixture.consultation, "Dr Ada Byron");
      consult_consultation_set_area_selected (fixture.consultation, area->id, TRUE);
      for (guint i = 0; i < CONSULT_N_EXPLANATIONS; i++)
        consult_consultation_set_discussed (fixture.consultation, i, TRUE);
      for (guint i = 0; i < questions->len; i++)
        {
          const ConsultQuestion *question = g_ptr_array_index (questions, i);

          consult_consultation_set_answer (fixture.consultation, question->id, CONSULT_ANSWER_NO);
        }
      ck_assert (consult_consultation_can_consent (fixture.consultation));
    }

  fixture.page = consult_consent_page_new (fixture.consultation);
  fixture.window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture.window, 1000, 800);
  gtk_window_set_child (fixture.window, fixture.page);
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

static gpointer
get_child (const char *id)
{
  GObject *child = gtk_widget_get_template_child (fixture.page, CONSULT_TYPE_CONSENT_PAGE, id);

  ck_assert_msg (child != NULL, "no template child %s", id);

  return child;
}

/* A signer's widget: get_signer_child (CLIENT, "pad") is "client_pad". */
static gpointer
get_signer_child (ConsultSigner  signer,
                  const char    *part)
{
  g_autofree char *id = g_strdup_printf ("%s_%s",
                                         signer == CONSULT_SIGNER_CLIENT ? "client" : "practitioner",
                                         part);

  return get_child (id);
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

static GtkCheckButton *
find_statement_check (const char *statement_id)
{
  g_autofree char *name = g_strdup_printf ("statement-%s-check", statement_id);
  GtkWidget *check = find_named (fixture.page, name);

  ck_assert_msg (check != NULL, "no check for statement %s", statement_id);

  return GTK_CHECK_BUTTON (check);
}

static void
tick_required_statements (void)
{
  GPtrArray *statements = consult_content_get_statements (fixture.content);

  for (guint i = 0; i < statements->len; i++)
    {
      const ConsultStatement *statement = g_ptr_array_index (statements, i);

      if (statement->required)
        gtk_widget_activate (GTK_WIDGET (find_statement_check (statement->id)));
    }
  ck_assert (consult_consultation_get_statements_complete (fixture.consultation));
}

/* Draws a stroke on @signer's pad, in widget coordinates. */
static void
draw_on_pad (ConsultSigner signer,
             double        pressure)
{
  ConsultSignaturePad *pad = get_signer_child (signer, "pad");
  int width = gtk_widget_get_width (GTK_WIDGET (pad));
  int height = gtk_widget_get_height (GTK_WIDGET (pad));

  ck_assert (_consult_signature_pad_begin_stroke_at (pad, width * 0.2, height * 0.6, pressure, 100));
  _consult_signature_pad_extend_stroke_at (pad, width * 0.4, height * 0.3, pressure, 120);
  _consult_signature_pad_extend_stroke_at (pad, width * 0.6, height * 0.7, pressure, 140);
  _consult_signature_pad_end_stroke_at (pad, width * 0.8, height * 0.4, pressure, 160);
}

static void
click (gpointer button)
{
  /* What a click ends in ("activate" would wait for the pressed look). */
  ck_assert (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static const char *
visible_text (gpointer label)
{
  return gtk_widget_get_visible (label) ? gtk_label_get_text (label) : "";
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

START_TEST (test_consent_page_smoke)
{
  GtkWidget *window = gtk_window_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsultContent) content = consult_content_load_default (&error);
  g_autoptr(ConsultConsultation) consultation = consult_consultation_new (content);
  GtkWidget *page = consult_consent_page_new (consultation);
  gpointer weak = page;

  g_object_add_weak_pointer (G_OBJECT (page), &weak);
  ck_assert_ptr_eq (consult_consent_page_get_consultation (CONSULT_CONSENT_PAGE (page)),
                    consultation);

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  consult_test_wait_for_frame (page);

  gtk_window_destroy (GTK_WINDOW (window));
  consult_test_flush ();
  ck_assert_msg (weak == NULL, "the page was not finalized");
  consult_consultation_set_client_name (consultation, "Grace Hopper");
}
END_TEST

START_TEST (test_consent_page_blocked)
{
  const char *description;

  open_page (NULL, FALSE);

  /* Nothing done: the page says what is missing, and offers nothing. */
  ck_assert_str_eq (gtk_stack_get_visible_child_name (get_child ("stack")), "blocked");
  description = adw_status_page_get_description (get_child ("blocked_page"));
  ck_assert_ptr_nonnull (strstr (description, "The client’s name"));
  ck_assert_ptr_nonnull (strstr (description, "Discussing the side effects"));
  ck_assert_ptr_nonnull (strstr (description, "A complete screening"));

  consult_consultation_set_client_name (fixture.consultation, "Grace Hopper");
  description = adw_status_page_get_description (get_child ("blocked_page"));
  ck_assert_ptr_null (strstr (description, "The client’s name"));
}
END_TEST

START_TEST (test_consent_page_blocked_by_outcome)
{
  open_page ("peel.xml", TRUE);

  /* An exclusion: consent is out of reach, and the page says why. */
  consult_consultation_set_answer (fixture.consultation, "pregnancy", CONSULT_ANSWER_YES);
  ck_assert_str_eq (gtk_stack_get_visible_child_name (get_child ("stack")), "blocked");
  ck_assert_ptr_nonnull (strstr (adw_status_page_get_description (get_child ("blocked_page")),
                                 "Not suitable"));

  consult_consultation_set_answer (fixture.consultation, "pregnancy", CONSULT_ANSWER_NO);
  ck_assert_str_eq (gtk_stack_get_visible_child_name (get_child ("stack")), "consent");
}
END_TEST

START_TEST (test_consent_page_statements)
{
  GtkCheckButton *photography;

  open_page ("peel.xml", TRUE);
  ck_assert_str_eq (gtk_stack_get_visible_child_name (get_child ("stack")), "consent");

  /* Required statements in one group, the optional one apart. */
  ck_assert_ptr_eq (gtk_widget_get_ancestor (GTK_WIDGET (find_statement_check ("consent-to-treat")),
                                             ADW_TYPE_PREFERENCES_GROUP),
                    get_child ("required_group"));
  ck_assert_ptr_eq (gtk_widget_get_ancestor (GTK_WIDGET (find_statement_check ("explained")),
                                             ADW_TYPE_PREFERENCES_GROUP),
                    get_child ("required_group"));
  photography = find_statement_check ("photography");
  ck_assert_ptr_eq (gtk_widget_get_ancestor (GTK_WIDGET (photography), ADW_TYPE_PREFERENCES_GROUP),
                    get_child ("optional_group"));

  /* Ticking reaches the consultation; the optional one is not needed. */
  tick_required_statements ();
  ck_assert (!consult_consultation_get_statement_accepted (fixture.consultation, "photography"));
  gtk_widget_activate (GTK_WIDGET (photography));
  ck_assert (consult_consultation_get_statement_accepted (fixture.consultation, "photography"));
  gtk_widget_activate (GTK_WIDGET (photography));
  ck_assert (!consult_consultation_get_statement_accepted (fixture.consultation, "photography"));

  /* Changes made elsewhere show. */
  consult_consultation_set_statement_accepted (fixture.consultation, "explained", FALSE);
  ck_assert (!gtk_check_button_get_active (find_statement_check ("explained")));
}
END_TEST

START_TEST (test_consent_page_sign_and_amend)
{
  ConsultSignature *signatures[CONSULT_N_SIGNERS];
  AdwMessageDialog *dialog;

  open_page ("peel.xml", TRUE);
  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    signatures[i] = consult_consultation_get_signature (fixture.consultation, i);

  /* The names on record are proposed. */
  ck_assert_str_eq (gtk_editable_get_text (get_signer_child (CONSULT_SIGNER_CLIENT, "name_row")),
                    "Grace Hopper");
  ck_assert_str_eq (gtk_editable_get_text (get_signer_child (CONSULT_SIGNER_PRACTITIONER, "name_row")),
                    "Dr Ada Byron");
  ck_assert (!gtk_widget_is_sensitive (get_signer_child (CONSULT_SIGNER_CLIENT, "undo_button")));

  /* The two pads are told apart by name. */
  ck_assert_accessible_property (get_signer_child (CONSULT_SIGNER_CLIENT, "pad"),
                                 GTK_ACCESSIBLE_PROPERTY_LABEL, "Client’s signature");
  ck_assert_accessible_property (get_signer_child (CONSULT_SIGNER_PRACTITIONER, "pad"),
                                 GTK_ACCESSIBLE_PROPERTY_LABEL, "Practitioner’s signature");

  /* Drawn strokes are kept on the consultation's signatures. */
  draw_on_pad (CONSULT_SIGNER_CLIENT, 0.6);
  draw_on_pad (CONSULT_SIGNER_CLIENT, 0.4);
  ck_assert_uint_eq (consult_signature_get_n_strokes (signatures[CONSULT_SIGNER_CLIENT]), 2);
  ck_assert_uint_eq (consult_signature_get_n_strokes (signatures[CONSULT_SIGNER_PRACTITIONER]), 0);
  ck_assert_double_eq_tol (consult_signature_get_stroke (signatures[CONSULT_SIGNER_CLIENT], 1,
                                                         NULL)[0].pressure, 0.4, 1e-9);

  /* Undo Last Stroke and Clear. */
  click (get_signer_child (CONSULT_SIGNER_CLIENT, "undo_button"));
  ck_assert_uint_eq (consult_signature_get_n_strokes (signatures[CONSULT_SIGNER_CLIENT]), 1);
  click (get_signer_child (CONSULT_SIGNER_CLIENT, "clear_button"));
  ck_assert (consult_signature_is_empty (signatures[CONSULT_SIGNER_CLIENT]));
  ck_assert (!gtk_widget_is_sensitive (get_signer_child (CONSULT_SIGNER_CLIENT, "undo_button")));
  draw_on_pad (CONSULT_SIGNER_CLIENT, 1.0);

  /* Before the statements are ticked, signing is refused, and says why. */
  click (get_signer_child (CONSULT_SIGNER_CLIENT, "sign_button"));
  ck_assert (!consult_consultation_is_signed (fixture.consultation, CONSULT_SIGNER_CLIENT));
  ck_assert_str_eq (visible_text (get_signer_child (CONSULT_SIGNER_CLIENT, "error_label")),
                    "Every required consent statement must be ticked before signing.");

  tick_required_statements ();
  ck_assert_str_eq (visible_text (get_signer_child (CONSULT_SIGNER_CLIENT, "error_label")), "");

  /* A name is needed too. */
  gtk_editable_set_text (get_signer_child (CONSULT_SIGNER_CLIENT, "name_row"), " ");
  click (get_signer_child (CONSULT_SIGNER_CLIENT, "sign_button"));
  ck_assert (!consult_consultation_is_signed (fixture.consultation, CONSULT_SIGNER_CLIENT));
  ck_assert_str_ne (visible_text (get_signer_child (CONSULT_SIGNER_CLIENT, "error_label")), "");
  gtk_editable_set_text (get_signer_child (CONSULT_SIGNER_CLIENT, "name_row"), "Grace B. Hopper");

  /* The client signs: their pad no longer takes input. */
  click (get_signer_child (CONSULT_SIGNER_CLIENT, "sign_button"));
  ck_assert (consult_consultation_is_signed (fixture.consultation, CONSULT_SIGNER_CLIENT));
  ck_assert_str_eq (consult_signature_get_signer_name (signatures[CONSULT_SIGNER_CLIENT]),
                    "Grace B. Hopper");
  ck_assert (g_str_has_prefix (visible_text (get_signer_child (CONSULT_SIGNER_CLIENT, "status_label")),
                               "Signed by Grace B. Hopper on "));
  ck_assert (!consult_signature_pad_get_editable (get_signer_child (CONSULT_SIGNER_CLIENT, "pad")));
  ck_assert (!gtk_widget_is_sensitive (get_signer_child (CONSULT_SIGNER_CLIENT, "sign_button")));
  ck_assert (!consult_consultation_get_locked (fixture.consultation));

  /* The practitioner signs: both signed, the consultation is locked. */
  draw_on_pad (CONSULT_SIGNER_PRACTITIONER, 0.8);
  click (get_signer_child (CONSULT_SIGNER_PRACTITIONER, "sign_button"));
  ck_assert (consult_consultation_is_signed (fixture.consultation, CONSULT_SIGNER_PRACTITIONER));
  ck_assert (consult_consultation_get_locked (fixture.consultation));
  ck_assert_uint_eq (consult_signature_get_n_strokes (signatures[CONSULT_SIGNER_CLIENT]), 1);
  ck_assert_uint_eq (consult_signature_get_n_strokes (signatures[CONSULT_SIGNER_PRACTITIONER]), 1);
  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    {
      ck_assert (!consult_signature_pad_get_editable (get_signer_child (i, "pad")));
      ck_assert (!gtk_widget_is_sensitive (get_signer_child (i, "clear_button")));
      ck_assert (!gtk_widget_is_sensitive (get_signer_child (i, "name_row")));
    }
  ck_assert (!gtk_widget_is_sensitive (GTK_WIDGET (find_statement_check ("explained"))));
  ck_assert (gtk_widget_get_visible (get_child ("locked_banner")));
  ck_assert (gtk_widget_is_sensitive (get_child ("amend_button")));
  consult_test_wait_for_frame (fixture.page);

  /* Amend asks first; cancelling changes nothing. */
  ck_assert (gtk_widget_activate_action (fixture.page, "consent.amend", NULL));
  dialog = find_message_dialog ();
  ck_assert_ptr_nonnull (dialog);
  ck_assert_ptr_eq (gtk_window_get_transient_for (GTK_WINDOW (dialog)), fixture.window);
  ck_assert_str_eq (adw_message_dialog_get_heading (dialog), "Amend the consultation?");
  adw_message_dialog_response (dialog, "cancel");
  consult_test_flush ();
  ck_assert (consult_consultation_get_locked (fixture.consultation));

  /* Confirmed, it clears both signatures and unlocks the answers. */
  gtk_widget_activate_action (fixture.page, "consent.amend", NULL);
  dialog = find_message_dialog ();
  ck_assert_ptr_nonnull (dialog);
  adw_message_dialog_response (dialog, "amend");
  consult_test_flush ();
  ck_assert (!consult_consultation_get_locked (fixture.consultation));
  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    {
      ck_assert (!consult_consultation_is_signed (fixture.consultation, i));
      ck_assert (consult_signature_is_empty (signatures[i]));
      ck_assert (consult_signature_pad_get_editable (get_signer_child (i, "pad")));
      ck_assert (gtk_widget_is_sensitive (get_signer_child (i, "sign_button")));
      ck_assert (!gtk_widget_get_visible (get_signer_child (i, "status_label")));
    }
  ck_assert (!gtk_widget_get_visible (get_child ("locked_banner")));
  ck_assert (gtk_widget_is_sensitive (GTK_WIDGET (find_statement_check ("explained"))));
  ck_assert (consult_consultation_get_statements_complete (fixture.consultation));
}
END_TEST

START_TEST (test_consent_page_clear_signed)
{
  g_autoptr(GError) error = NULL;

  open_page ("peel.xml", TRUE);
  tick_required_statements ();
  draw_on_pad (CONSULT_SIGNER_CLIENT, 1.0);
  click (get_signer_child (CONSULT_SIGNER_CLIENT, "sign_button"));
  ck_assert (consult_consultation_is_signed (fixture.consultation, CONSULT_SIGNER_CLIENT));

  /* Until both have signed, a signer can take their signature back. */
  click (get_signer_child (CONSULT_SIGNER_CLIENT, "clear_button"));
  ck_assert (!consult_consultation_is_signed (fixture.consultation, CONSULT_SIGNER_CLIENT));
  ck_assert (consult_signature_pad_get_editable (get_signer_child (CONSULT_SIGNER_CLIENT, "pad")));
  ck_assert (gtk_widget_is_sensitive (get_signer_child (CONSULT_SIGNER_CLIENT, "sign_button")));
}
END_TEST

static Suite *
consent_page_suite (void)
{
  Suite *s = suite_create ("consent-page");
  TCase *tc = tcase_create ("consent-page");

  tcase_add_checked_fixture (tc, consult_test_setup_gtk, teardown);
  tcase_set_timeout (tc, 30);
  tcase_add_test (tc, test_consent_page_smoke);
  tcase_add_test (tc, test_consent_page_blocked);
  tcase_add_test (tc, test_consent_page_blocked_by_outcome);
  tcase_add_test (tc, test_consent_page_statements);
  tcase_add_test (tc, test_consent_page_sign_and_amend);
  tcase_add_test (tc, test_consent_page_clear_signed);
  suite_add_tcase (s, tc);

  return s;
}

int
main (void)
{
  /* The accessible properties are only kept with the test backend (the
   * shared test environment turns accessibility off). */
  g_setenv ("GTK_A11Y", "test", TRUE);

  return consult_test_run_suite (consent_page_suite (), TRUE);
}
