/* test-consultation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One consultation as the pages drive it: client details, explanations,
 * screening answers and notes, consent and signatures, on real content
 * (tests/data/content/peel.xml and the shipped micro-needling content).
 * What is refused and when, which derived properties are notified, and
 * the state of each step.
 */

#include "consult-config.h"

#include <string.h>

#include "consult-consultation.h"
#include "consult-content-loader.h"
#include "consult-test-utils.h"

/* peel.xml: questions broken-skin (defer), pregnancy (exclude),
 * cold-sore-history (caution), isotretinoin (defer); statements
 * consent-to-treat and explained (required), photography (optional);
 * areas face, neck, hands. */

static ConsultContent *
load_peel (void)
{
  g_autofree char *path = consult_test_data_path ("content", "peel.xml", NULL);
  g_autoptr(GError) error = NULL;
  ConsultContent *content = consult_content_loader_load_file (path, &error);

  ck_assert_msg (content != NULL, "%s", error ? error->message : "");
  return content;
}

static ConsultConsultation *
new_peel_consultation (void)
{
  g_autoptr(ConsultContent) content = load_peel ();

  return consult_consultation_new (content);
}

/* Counts "changed" and the notifications of each property. */
typedef struct {
  guint changed;
  GHashTable *notified; /* name -> count */
} Counter;

static void
counter_changed_cb (ConsultConsultation *consultation,
                    Counter             *counter)
{
  counter->changed++;
}

static void
counter_notify_cb (GObject    *object,
                   GParamSpec *pspec,
                   Counter    *counter)
{
  const char *name = g_param_spec_get_name (pspec);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counter->notified, name));

  g_hash_table_insert (counter->notified, (gpointer) name, GUINT_TO_POINTER (count + 1));
}

static void
counter_watch (Counter             *counter,
               ConsultConsultation *consultation)
{
  counter->changed = 0;
  counter->notified = g_hash_table_new (g_str_hash, g_str_equal);
  g_signal_connect (consultation, "changed", G_CALLBACK (counter_changed_cb), counter);
  g_signal_connect (consultation, "notify", G_CALLBACK (counter_notify_cb), counter);
}

static void
counter_reset (Counter *counter)
{
  counter->changed = 0;
  g_hash_table_remove_all (counter->notified);
}

static guint
notified (Counter    *counter,
          const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counter->notified, name));
}

static void
counter_unwatch (Counter             *counter,
                 ConsultConsultation *consultation)
{
  g_signal_handlers_disconnect_by_data (consultation, counter);
  g_clear_pointer (&counter->notified, g_hash_table_unref);
}

/* Counts the criticals of the consultation's log domain instead of
 * letting G_DEBUG=fatal-warnings abort on them. */
static guint n_criticals;

static void
count_critical_cb (const char     *domain,
                   GLogLevelFlags  level,
                   const char     *message,
                   gpointer        data)
{
  n_criticals++;
}

static void
expect_criticals (void)
{
  n_criticals = 0;
  g_log_set_always_fatal (G_LOG_FATAL_MASK);
  g_log_set_handler ("consult-consultation", G_LOG_LEVEL_CRITICAL, count_critical_cb, NULL);
}

/* Steps of a consultation, as the pages take them. */

static void
fill_client (ConsultConsultation *c)
{
  ck_assert (consult_consultation_set_consultation_date (c, "2026-11-29"));
  ck_assert (consult_consultation_set_client_name (c, "Ada Lovelace"));
  ck_assert (consult_consultation_set_client_birth_date (c, "1990-05-17"));
  ck_assert (consult_consultation_set_client_contact (c, "ada@example.org"));
  ck_assert (consult_consultation_set_area_selected (c, "face", TRUE));
  ck_assert (consult_consultation_set_practitioner_name (c, "Dr Grace Hopper"));
}

static void
discuss_all (ConsultConsultation *c)
{
  for (guint i = 0; i < CONSULT_N_EXPLANATIONS; i++)
    ck_assert (consult_consultation_set_discussed (c, i, TRUE));
}

static void
answer_all (ConsultConsultation *c,
            ConsultAnswer        answer)
{
  GPtrArray *questions = consult_content_get_questions (consult_consultation_get_content (c));

  for (guint i = 0; i < questions->len; i++)
    {
      const ConsultQuestion *question = g_ptr_array_index (questions, i);

      ck_assert (consult_consultation_set_answer (c, question->id, answer));
    }
}

static void
tick_required (ConsultConsultation *c)
{
  GPtrArray *statements =
    consult_content_get_statements (consult_consultation_get_content (c));

  for (guint i = 0; i < statements->len; i++)
    {
      const ConsultStatement *statement = g_ptr_array_index (statements, i);

      if (statement->required)
        ck_assert (consult_consultation_set_statement_accepted (c, statement->id, TRUE));
    }
}

static void
draw (ConsultConsultation *c,
      ConsultSigner        signer)
{
  ConsultSignature *signature = consult_consultation_get_signature (c, signer);
  const ConsultSignaturePoint stroke[] = {
    { 10, 100, 1, 0 }, { 80, 60, 1, 40 }, { 150, 120, 1, 90 },
  };

  consult_signature_add_stroke (signature, stroke, G_N_ELEMENTS (stroke));
}

/* Everything up to signing, with every screening answer "no". */
static void
ready_to_sign (ConsultConsultation *c)
{
  fill_client (c);
  discuss_all (c);
  answer_all (c, CONSULT_ANSWER_NO);
  tick_required (c);
  draw (c, CONSULT_SIGNER_CLIENT);
  draw (c, CONSULT_SIGNER_PRACTITIONER);
}

static void
sign_both (ConsultConsultation *c)
{
  g_autoptr(GError) error = NULL;

  ck_assert_msg (consult_consultation_sign (c, CONSULT_SIGNER_CLIENT, "Ada Lovelace", &error),
                 "%s", error ? error->message : "");
  ck_assert_msg (consult_consultation_sign (c, CONSULT_SIGNER_PRACTITIONER, "Grace Hopper",
                                            &error),
                 "%s", error ? error->message : "");
}

static void
assert_sign_fails (ConsultConsultation *c,
                   ConsultSigner        signer,
                   const char          *name,
                   int                  code)
{
  g_autoptr(GError) error = NULL;
  gboolean was_signed = consult_consultation_is_signed (c, signer);
  gboolean was_modified = consult_consultation_get_modified (c);

  ck_assert (!consult_consultation_sign (c, signer, name, &error));
  ck_assert_error (error, CONSULT_CONSULTATION_ERROR, code);
  /* A refusal changes nothing. */
  ck_assert_int_eq (consult_consultation_is_signed (c, signer), was_signed);
  ck_assert_int_eq (consult_consultation_get_modified (c), was_modified);
}

/* Tests */

START_TEST (test_new)
{
  g_autoptr(ConsultContent) content = load_peel ();
  g_autoptr(ConsultConsultation) c = consult_consultation_new (content);
  g_autoptr(ConsultConsultation) other = consult_consultation_new (content);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_auto(GStrv) areas = consult_consultation_get_selected_areas (c);

  ck_assert_ptr_eq (consult_consultation_get_content (c), content);
  ck_assert (g_uuid_string_is_valid (consult_consultation_get_record_id (c)));
  ck_assert_str_ne (consult_consultation_get_record_id (c),
                    consult_consultation_get_record_id (other));
  ck_assert_int_lt (g_date_time_difference (now, consult_consultation_get_created (c)),
                    10 * G_TIME_SPAN_SECOND);
  ck_assert_str_eq (consult_consultation_get_consultation_date (c), today);

  ck_assert_str_eq (consult_consultation_get_client_name (c), "");
  ck_assert_str_eq (consult_consultation_get_client_birth_date (c), "");
  ck_assert_str_eq (consult_consultation_get_general_notes (c), "");
  ck_assert_str_eq (consult_consultation_get_note (c, "pregnancy"), "");
  ck_assert_int_eq (consult_consultation_get_answer (c, "pregnancy"), CONSULT_ANSWER_UNANSWERED);
  ck_assert_ptr_nonnull (areas);
  ck_assert_ptr_null (areas[0]);

  ck_assert_int_eq (consult_consultation_get_outcome (c), CONSULT_OUTCOME_INCOMPLETE);
  ck_assert_int_eq (consult_consultation_get_age (c), -1);
  ck_assert (!consult_consultation_get_is_minor (c));
  ck_assert (!consult_consultation_can_consent (c));
  ck_assert (!consult_consultation_get_locked (c));
  ck_assert (!consult_consultation_get_modified (c));

  ck_assert_int_eq (consult_consultation_get_step_state (c, CONSULT_FLOW_STEP_CLIENT),
                    CONSULT_STEP_STATE_TODO);
  ck_assert_int_eq (consult_consultation_get_step_state (c, CONSULT_FLOW_STEP_PROCEDURE),
                    CONSULT_STEP_STATE_TODO);
  ck_assert_int_eq (consult_consultation_get_step_state (c, CONSULT_FLOW_STEP_SCREENING),
                    CONSULT_STEP_STATE_TODO);
  ck_assert_int_eq (consult_consultation_get_step_state (c, CONSULT_FLOW_STEP_CONSENT),
                    CONSULT_STEP_STATE_BLOCKED);
  ck_assert_int_eq (consult_consultation_get_step_state (c, CONSULT_FLOW_STEP_SUMMARY),
                    CONSULT_STEP_STATE_TODO);

  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    {
      ck_assert (consult_signature_is_empty (consult_consultation_get_signature (c, i)));
      ck_assert (!consult_consultation_is_signed (c, i));
    }
}
END_TEST

/* A record reader restores the identity of a saved consultation. */
START_TEST (test_restore_identity)
{
  g_autoptr(ConsultContent) content = load_peel ();
  g_autoptr(GDateTime) created = g_date_time_new_utc (2025, 3, 4, 9, 15, 0);
  g_autoptr(ConsultConsultation) c = NULL;
  g_autoptr(ConsultContent) read_content = NULL;

  c = g_object_new (CONSULT_TYPE_CONSULTATION,
                    "content", content,
                    "record-id", "3f2b8c1e-6a4d-4e0f-9b7a-2c5d8e1f0a3b",
                    "created", created,
                    NULL);

  ck_assert_str_eq (consult_consultation_get_record_id (c),
                    "3f2b8c1e-6a4d-4e0f-9b7a-2c5d8e1f0a3b");
  ck_assert (g_date_time_equal (consult_consultation_get_created (c), created));
  g_object_get (c, "content", &read_content, NULL);
  ck_assert_ptr_eq (read_content, content);
}
END_TEST

/* A record reader restores a signed consultation: everything else first,
 * then the signatures directly, then "modified" cleared. */
START_TEST (test_restore_signed)
{
  g_autoptr(ConsultConsultation) c = new_peel_consultation ();
  g_autoptr(GDateTime) signed_at = g_date_time_new_utc (2026, 11, 29, 10, 0, 0);
  Counter counter;

  fill_client (c);
  discuss_all (c);
  answer_all (c, CONSULT_ANSWER_NO);
  tick_required (c);

  counter_watch (&counter, c);
  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    {
      ConsultSignature *signature = consult_consultation_get_signature (c, i);

      draw (c, i);
      consult_signature_set_signer_name (signature, i == CONSULT_SIGNER_CLIENT ? "Ada" : "Grace");
      consult_signature_set_signed_at (signature, signed_at);
    }
  consult_consultation_set_modified (c, FALSE);

  ck_assert (consult_consultation_get_locked (c));
  ck_assert_uint_eq (notified (&counter, "locked"), 1);
  ck_assert (!consult_consultation_get_modified (c));
  ck_assert (!consult_consultation_set_client_name (c, "Eve"));
  ck_assert_int_eq (consult_consultation_get_step_state (c, CONSULT_FLOW_STEP_CONSENT),
                    CONSULT_STEP_STATE_DONE);

  counter_unwatch (&counter, c);
}
END_TEST

/* All "no": suitable; consent is possible once everything else is done,
 * and each refusal of signing says why. */
START_TEST (test_all_no_then_sign)
{
  g_autoptr(ConsultConsultation) c = new_peel_consultation ();
  g_autoptr(GDateTime) before = g_date_time_new_now_local ();
  g_autoptr(GDateTime) a_second_before = g_date_time_add_seconds (before, -1);
  ConsultSignature *client_signature;

  answer_all (c, CONSULT_ANSWER_NO);
  ck_assert_int_eq (consult_consultation_get_outcome (c), CONSULT_OUTCOME_SUITABLE);
  ck_assert_int_eq (consult_consultation_get_step_state (c, CONSULT_FLOW_STEP_SCREENING),
                    CONSULT_STEP_STATE_DONE);
  /* Suitable, but the other steps are not done. */
  ck_assert (!consult_consultation_can_consent (c));
  ck_assert_int_eq (consult_consultation_get_step_state (c, CONSULT_FLOW_STEP_CONSENT),
                    CONSULT_STEP_STATE_BLOCKED);
  draw (c, CONSULT_SIGNER_CLIENT);
  assert_sign_fails (c, CONSULT_SIGNER_CLIENT, "Ada", CONSULT_CONSULTATION_ERROR_NOT_ALLOWED);

  fill_client (c);
  ck_assert (!consult_consultation_can_consent (c));
  discuss_all (c);
  ck_assert (consult_consultation_can_consent (c));
  for (ConsultFlowStep step = CONSULT_FLOW_STEP_CLIENT; step <= CONSULT_FLOW_STEP_SCREENING; step++)
    ck_assert_int_eq (consult_consultation_get_step_state (c, step), CONSULT_STEP_STATE_DONE);
  ck_assert_int_eq (consult_consultation_get_step_state (c, CONSULT_FLOW_STEP_CONSENT),
                    CONSULT_STEP_STATE_TODO);

  assert_sign_fails (c, CONSULT_SIGNER_CLIENT, "Ada", CONSULT_CONSULTATION_ERROR_STATEMENTS);
  ck_assert (!consult_consultation_get_statements_complete (c));
  ck_assert (consult_consultation_set_statement_accepted (c, "consent-to-treat", TRUE));
  assert_sign_fails (c, CONSULT_SIGNER_CLIENT, "Ada", CONSULT_CONSULTATION_ERROR_STATEMENTS);
  ck_assert (consult_consultation_set_statement_accepted (c, "explained", TRUE));
  /* The photography statement is optional. */
  ck_assert (consult_consultation_get_statements_complete (c));
  ck_assert (!consult_consultation_get_statement_accepted (c, "photography"));

  assert_sign_fails (c, CONSULT_SIGNER_PRACTITIONER, "Grace",
                     CONSULT_CONSULTATION_ERROR_EMPTY_SIGNATURE);
  assert_sign_fails (c, CONSULT_SIGNER_CLIENT, " \t ", CONSULT_CONSULTATION_ERROR_NO_NAME);
  assert_sign_fails (c, CONSULT_SIGNER_CLIENT, NULL, CONSULT_CONSULTATION_ERROR_NO_NAME);

  ck_assert (consult_consultation_sign (c, CONSULT_SIGNER_CLIENT, "  Ada Lovelace ", NULL));
  client_signature = consult_consultation_get_signature (c, CONSULT_SIGNER_CLIENT);
  ck_assert (consult_consultation_is_signed (c, CONSULT_SIGNER_CLIENT));
  ck_assert_str_eq (consult_signature_get_signer_name (client_signature), "Ada Lovelace");
  ck_assert_int_ge (g_date_time_compare (consult_signature_get_signed_at (client_signature),
                                         a_second_before), 0);
  ck_assert_int_eq (g_date_time_get_microsecond (consult_signature_get_signed_at (client_signature)),
                    0);
  ck_assert (!consult_consultation_get_locked (c));
  assert_sign_fails (c, CONSULT_SIGNER_CLIENT, "Ada", CONSULT_CONSULTATION_ERROR_ALREADY_SIGNED);
  ck_assert (consult_consultation_is_signed (c, CONSULT_SIGNER_CLIENT));

  draw (c, CONSULT_SIGNER_PRACTITIONER);
  ck_assert (consult_consultation_sign (c, CONSULT_SIGNER_PRACTITIONER, "Grace Hopper", NULL));
  ck_assert (consult_consultation_get_locked (c));
  ck_assert_int_eq (consult_consultation_get_step_state (c, CONSULT_FLOW_STEP_CONSENT),
                    CONSULT_STEP_STATE_DONE);
  ck_assert_int_eq (consult_consultation_get_step_state (c, CONSULT_FLOW_STEP_SUMMARY),
                    CONSULT_STEP_STATE_DONE);
  assert_sign_fails (c, CONSULT_SIGNER_PRACTITIONER, "Grace", CONSULT_CONSULTATION_ERROR_LOCKED);
  ck_assert (consult_consultation_is_signed (c, CONSULT_SIGNER_PRACTITIONER));
}
END_TEST

START_TEST (test_exclude_blocks_consent)
{
  g_autoptr(ConsultConsultation) c = new_peel_consultation ();
  g_autoptr(ConsultScreeningResult) screening = NULL;
  g_autoptr(GError) error = NULL;

  fill_client (c);
  discuss_all (c);
  answer_all (c, CONSULT_ANSWER_NO);
  ck_assert (consult_consultation_can_consent (c));
  tick_required (c);
  draw (c, CONSULT_SIGNER_CLIENT);

  ck_assert (consult_consultation_set_answer (c, "pregnancy", CONSULT_ANSWER_YES));
  ck_assert_int_eq (consult_consultation_get_outcome (c), CONSULT_OUTCOME_NOT_SUITABLE);
  ck_assert (!consult_consultation_can_consent (c));
  ck_assert_int_eq (consult_consultation_get_step_state (c, CONSULT_FLOW_STEP_SCREENING),
                    CONSULT_STEP_STATE_ATTENTION);
  ck_assert_int_eq (consult_consultation_get_step_state (c, CONSULT_FLOW_STEP_CONSENT),
                    CONSULT_STEP_STATE_BLOCKED);

  screening = consult_consultation_dup_screening (c);
  ck_assert_uint_eq (screening->reasons->len, 1);
  ck_assert_str_eq (((ConsultScreeningReason *) g_ptr_array_index (screening->reasons, 0))
                    ->question_id, "pregnancy");

  /* The ticks given before stay, but no more can be given, and nobody can
   * sign. */
  ck_assert (consult_consultation_get_statement_accepted (c, "explained"));
  ck_assert (!consult_consultation_set_statement_accepted (c, "photography", TRUE));
  ck_assert (consult_consultation_set_statement_accepted (c, "explained", FALSE));
  ck_assert (!consult_consultation_sign (c, CONSULT_SIGNER_CLIENT, "Ada", &error));
  ck_assert_error (error, CONSULT_CONSULTATION_ERROR, CONSULT_CONSULTATION_ERROR_NOT_ALLOWED);
  ck_assert_ptr_nonnull (strstr (error->message, "Not suitable"));
  ck_assert (!consult_consultation_is_signed (c, CONSULT_SIGNER_CLIENT));
}
END_TEST

START_TEST (test_defer)
{
  g_autoptr(ConsultConsultation) c = new_peel_consultation ();

  fill_client (c);
  discuss_all (c);
  answer_all (c, CONSULT_ANSWER_NO);
  ck_assert (consult_consultation_set_answer (c, "isotretinoin", CONSULT_ANSWER_YES));

  ck_assert_int_eq (consult_consultation_get_outcome (c), CONSULT_OUTCOME_DEFER);
  ck_assert (!consult_consultation_can_consent (c));
  ck_assert_int_eq (consult_consultation_get_step_state (c, CONSULT_FLOW_STEP_SCREENING),
                    CONSULT_STEP_STATE_ATTENTION);
  ck_assert_int_eq (consult_consultation_get_step_state (c, CONSULT_FLOW_STEP_CONSENT),
                    CONSULT_STEP_STATE_BLOCKED);
  ck_assert (!consult_consultation_set_statement_accepted (c, "consent-to-treat", TRUE));
}
END_TEST

/* An exclusion shows on the screening step before every question is
 * answered. */
START_TEST (test_attention_before_complete)
{
  g_autoptr(ConsultConsultation) c = new_peel_consultation ();

  ck_assert (consult_consultation_set_answer (c, "pregnancy", CONSULT_ANSWER_YES));
  ck_assert_int_eq (consult_consultation_get_outcome (c), CONSULT_OUTCOME_INCOMPLETE);
  ck_assert_int_eq (consult_consultation_get_step_state (c, CONSULT_FLOW_STEP_SCREENING),
                    CONSULT_STEP_STATE_ATTENTION);

  ck_assert (consult_consultation_set_answer (c, "pregnancy", CONSULT_ANSWER_NO));
  ck_assert_int_eq (consult_consultation_get_step_state (c, CONSULT_FLOW_STEP_SCREENING),
                    CONSULT_STEP_STATE_TODO);
}
END_TEST

/* A caution "yes" needs a note before the screening is complete. */
START_TEST (test_caution_note)
{
  g_autoptr(ConsultConsultation) c = new_peel_consultation ();
  ConsultScreeningResult *screening;

  fill_client (c);
  discuss_all (c);
  answer_all (c, CONSULT_ANSWER_NO);
  ck_assert (consult_consultation_set_answer (c, "cold-sore-history", CONSULT_ANSWER_YES));

  ck_assert_int_eq (consult_consultation_get_outcome (c), CONSULT_OUTCOME_INCOMPLETE);
  screening = consult_consultation_dup_screening (c);
  ck_assert (screening->missing_notes);
  ck_assert (consult_screening_result_is_missing_note (screening, "cold-sore-history"));
  ck_assert_uint_eq (screening->unanswered->len, 0);
  consult_screening_result_free (screening);
  ck_assert_int_eq (consult_consultation_get_step_state (c, CONSULT_FLOW_STEP_SCREENING),
                    CONSULT_STEP_STATE_ATTENTION);
  ck_assert (!consult_consultation_can_consent (c));

  ck_assert (consult_consultation_set_note (c, "cold-sore-history", "   "));
  ck_assert_int_eq (consult_consultation_get_outcome (c), CONSULT_OUTCOME_INCOMPLETE);

  ck_assert (consult_consultation_set_note (c, "cold-sore-history", "Antiviral prescribed."));
  ck_assert_str_eq (consult_consultation_get_note (c, "cold-sore-history"),
                    "Antiviral prescribed.");
  ck_assert_int_eq (consult_consultation_get_outcome (c),
                    CONSULT_OUTCOME_SUITABLE_WITH_PRECAUTIONS);
  ck_assert_int_eq (consult_consultation_get_step_state (c, CONSULT_FLOW_STEP_SCREENING),
                    CONSULT_STEP_STATE_DONE);
  ck_assert (consult_consultation_can_consent (c));

  screening = consult_consultation_dup_screening (c);
  ck_assert_uint_eq (screening->reasons->len, 1);
  ck_assert_str_eq (((ConsultScreeningReason *) g_ptr_array_index (screening->reasons, 0))->note,
                    "Antiviral prescribed.");
  consult_screening_result_free (screening);

  /* NULL and "" both mean no note. */
  ck_assert (consult_consultation_set_note (c, "cold-sore-history", NULL));
  ck_assert_str_eq (consult_consultation_get_note (c, "cold-sore-history"), "");
  ck_assert_int_eq (consult_consultation_get_outcome (c), CONSULT_OUTCOME_INCOMPLETE);
}
END_TEST

/* A setter notifies its property once and emits "changed" once; the same
 * value again emits nothing. */
START_TEST (test_notify_counts)
{
  g_autoptr(ConsultConsultation) c = new_peel_consultation ();
  Counter counter;

  counter_watch (&counter, c);

  ck_assert (consult_consultation_set_client_name (c, "Ada"));
  ck_assert_uint_eq (notified (&counter, "client-name"), 1);
  ck_assert_uint_eq (notified (&counter, "modified"), 1);
  ck_assert_uint_eq (counter.changed, 1);
  ck_assert (consult_consultation_get_modified (c));

  counter_reset (&counter);
  ck_assert (consult_consultation_set_client_name (c, "Ada"));
  g_object_set (c, "client-name", "Ada", NULL);
  ck_assert (consult_consultation_set_client_contact (c, NULL));
  ck_assert (consult_consultation_set_general_notes (c, ""));
  ck_assert (consult_consultation_set_area_selected (c, "neck", FALSE));
  ck_assert (consult_consultation_set_discussed (c, CONSULT_EXPLANATION_BENEFITS, FALSE));
  ck_assert (consult_consultation_set_answer (c, "pregnancy", CONSULT_ANSWER_UNANSWERED));
  ck_assert (consult_consultation_set_note (c, "pregnancy", NULL));
  ck_assert (consult_consultation_set_statement_accepted (c, "photography", FALSE));
  ck_assert (consult_consultation_clear_signature (c, CONSULT_SIGNER_CLIENT));
  consult_consultation_amend (c);
  ck_assert_uint_eq (counter.changed, 0);
  ck_assert_uint_eq (g_hash_table_size (counter.notified), 0);

  /* Saving clears "modified" without being a change itself. */
  consult_consultation_set_modified (c, FALSE);
  consult_consultation_set_modified (c, FALSE);
  ck_assert_uint_eq (notified (&counter, "modified"), 1);
  ck_assert_uint_eq (counter.changed, 0);

  counter_reset (&counter);
  g_object_set (c, "general-notes", "Prefers mornings.", NULL);
  ck_assert_str_eq (consult_consultation_get_general_notes (c), "Prefers mornings.");
  ck_assert_uint_eq (notified (&counter, "general-notes"), 1);
  ck_assert_uint_eq (notified (&counter, "modified"), 1);
  ck_assert_uint_eq (counter.changed, 1);

  /* Keyed changes have no property of their own, but do emit "changed". */
  counter_reset (&counter);
  ck_assert (consult_consultation_set_discussed (c, CONSULT_EXPLANATION_BENEFITS, TRUE));
  ck_assert (consult_consultation_get_discussed (c, CONSULT_EXPLANATION_BENEFITS));
  ck_assert (consult_consultation_set_note (c, "pregnancy", "Asked twice."));
  ck_assert_uint_eq (counter.changed, 2);
  ck_assert_uint_eq (notified (&counter, "modified"), 0);

  counter_unwatch (&counter, c);
}
END_TEST

/* "outcome" is notified when an answer changes the outcome, and only then. */
START_TEST (test_outcome_notify)
{
  g_autoptr(ConsultConsultation) c = new_peel_consultation ();
  Counter counter;
  ConsultOutcome outcome;

  counter_watch (&counter, c);

  ck_assert (consult_consultation_set_answer (c, "broken-skin", CONSULT_ANSWER_NO));
  ck_assert (consult_consultation_set_answer (c, "pregnancy", CONSULT_ANSWER_NO));
  ck_assert (consult_consultation_set_answer (c, "cold-sore-history", CONSULT_ANSWER_NO));
  ck_assert_uint_eq (notified (&counter, "outcome"), 0);
  ck_assert_uint_eq (counter.changed, 3);

  ck_assert (consult_consultation_set_answer (c, "isotretinoin", CONSULT_ANSWER_NO));
  ck_assert_uint_eq (notified (&counter, "outcome"), 1);
  g_object_get (c, "outcome", &outcome, NULL);
  ck_assert_int_eq (outcome, CONSULT_OUTCOME_SUITABLE);

  ck_assert (consult_consultation_set_answer (c, "isotretinoin", CONSULT_ANSWER_YES));
  ck_assert_uint_eq (notified (&counter, "outcome"), 2);
  ck_assert_int_eq (consult_consultation_get_outcome (c), CONSULT_OUTCOME_DEFER);

  /* A second deferral does not change the outcome. */
  ck_assert (consult_consultation_set_answer (c, "broken-skin", CONSULT_ANSWER_YES));
  ck_assert_uint_eq (notified (&counter, "outcome"), 2);

  ck_assert (consult_consultation_set_answer (c, "pregnancy", CONSULT_ANSWER_YES));
  ck_assert_uint_eq (notified (&counter, "outcome"), 3);
  ck_assert_int_eq (consult_consultation_get_outcome (c), CONSULT_OUTCOME_NOT_SUITABLE);

  /* Back to unanswered: incomplete. */
  ck_assert (consult_consultation_set_answer (c, "pregnancy", CONSULT_ANSWER_UNANSWERED));
  ck_assert_uint_eq (notified (&counter, "outcome"), 4);
  ck_assert_int_eq (consult_consultation_get_outcome (c), CONSULT_OUTCOME_INCOMPLETE);

  counter_unwatch (&counter, c);
}
END_TEST

/* "can-consent" follows the steps it depends on. */
START_TEST (test_can_consent_notify)
{
  g_autoptr(ConsultConsultation) c = new_peel_consultation ();
  Counter counter;

  fill_client (c);
  answer_all (c, CONSULT_ANSWER_NO);
  ck_assert (consult_consultation_set_discussed (c, CONSULT_EXPLANATION_PROCEDURE, TRUE));
  ck_assert (consult_consultation_set_discussed (c, CONSULT_EXPLANATION_BENEFITS, TRUE));

  counter_watch (&counter, c);
  ck_assert (consult_consultation_set_discussed (c, CONSULT_EXPLANATION_SIDE_EFFECTS, TRUE));
  ck_assert_uint_eq (notified (&counter, "can-consent"), 1);
  ck_assert (consult_consultation_can_consent (c));

  ck_assert (consult_consultation_set_client_name (c, "  "));
  ck_assert_uint_eq (notified (&counter, "can-consent"), 2);
  ck_assert (!consult_consultation_can_consent (c));
  ck_assert_int_eq (consult_consultation_get_step_state (c, CONSULT_FLOW_STEP_CLIENT),
                    CONSULT_STEP_STATE_TODO);

  counter_unwatch (&counter, c);
}
END_TEST

/* Once both have signed, nothing changes until amended. */
START_TEST (test_locked)
{
  g_autoptr(ConsultConsultation) c = new_peel_consultation ();
  g_auto(GStrv) areas = NULL;
  Counter counter;

  ready_to_sign (c);
  ck_assert (consult_consultation_set_note (c, "pregnancy", "Not pregnant."));

  counter_watch (&counter, c);
  sign_both (c);
  ck_assert (consult_consultation_get_locked (c));
  ck_assert_uint_eq (notified (&counter, "locked"), 1);

  counter_reset (&counter);
  ck_assert (!consult_consultation_set_client_name (c, "Eve"));
  ck_assert (!consult_consultation_set_client_birth_date (c, "2001-01-01"));
  ck_assert (!consult_consultation_set_client_contact (c, "eve@example.org"));
  ck_assert (!consult_consultation_set_practitioner_name (c, "Mallory"));
  ck_assert (!consult_consultation_set_consultation_date (c, "2026-12-01"));
  ck_assert (!consult_consultation_set_general_notes (c, "Changed afterwards."));
  ck_assert (!consult_consultation_set_area_selected (c, "neck", TRUE));
  ck_assert (!consult_consultation_set_area_selected (c, "face", FALSE));
  ck_assert (!consult_consultation_set_discussed (c, CONSULT_EXPLANATION_PROCEDURE, FALSE));
  ck_assert (!consult_consultation_set_answer (c, "pregnancy", CONSULT_ANSWER_YES));
  ck_assert (!consult_consultation_set_note (c, "pregnancy", "Changed."));
  ck_assert (!consult_consultation_set_note (c, "pregnancy", NULL));
  ck_assert (!consult_consultation_set_statement_accepted (c, "explained", FALSE));
  ck_assert (!consult_consultation_set_statement_accepted (c, "photography", TRUE));
  ck_assert (!consult_consultation_clear_signature (c, CONSULT_SIGNER_CLIENT));
  g_object_set (c, "client-name", "Eve", NULL);

  /* The value already held is accepted: bindings may echo it back. */
  ck_assert (consult_consultation_set_client_name (c, "Ada Lovelace"));
  ck_assert (consult_consultation_set_answer (c, "pregnancy", CONSULT_ANSWER_NO));

  ck_assert_uint_eq (counter.changed, 0);
  ck_assert_uint_eq (g_hash_table_size (counter.notified), 0);
  ck_assert_str_eq (consult_consultation_get_client_name (c), "Ada Lovelace");
  ck_assert_str_eq (consult_consultation_get_client_birth_date (c), "1990-05-17");
  ck_assert_str_eq (consult_consultation_get_consultation_date (c), "2026-11-29");
  ck_assert_str_eq (consult_consultation_get_note (c, "pregnancy"), "Not pregnant.");
  ck_assert_int_eq (consult_consultation_get_answer (c, "pregnancy"), CONSULT_ANSWER_NO);
  ck_assert (consult_consultation_get_statement_accepted (c, "explained"));
  ck_assert (!consult_consultation_get_statement_accepted (c, "photography"));
  ck_assert (consult_consultation_get_discussed (c, CONSULT_EXPLANATION_PROCEDURE));
  areas = consult_consultation_get_selected_areas (c);
  ck_assert_uint_eq (g_strv_length (areas), 1);
  ck_assert (consult_consultation_is_signed (c, CONSULT_SIGNER_CLIENT));

  /* Amending clears both signatures and unlocks. */
  consult_consultation_amend (c);
  ck_assert (!consult_consultation_get_locked (c));
  ck_assert_uint_eq (notified (&counter, "locked"), 1);
  ck_assert_uint_eq (counter.changed, 1);
  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    {
      ConsultSignature *signature = consult_consultation_get_signature (c, i);

      ck_assert (!consult_consultation_is_signed (c, i));
      ck_assert_ptr_null (consult_signature_get_signed_at (signature));
      ck_assert_ptr_null (consult_signature_get_signer_name (signature));
      ck_assert (consult_signature_is_empty (signature));
    }
  ck_assert_int_eq (consult_consultation_get_step_state (c, CONSULT_FLOW_STEP_CONSENT),
                    CONSULT_STEP_STATE_TODO);

  /* Everything else is kept, and can change again. */
  ck_assert (consult_consultation_get_statement_accepted (c, "explained"));
  ck_assert (consult_consultation_set_client_contact (c, "ada@example.com"));
  ck_assert_str_eq (consult_consultation_get_client_contact (c), "ada@example.com");

  /* And can be signed again. */
  draw (c, CONSULT_SIGNER_CLIENT);
  draw (c, CONSULT_SIGNER_PRACTITIONER);
  sign_both (c);
  ck_assert (consult_consultation_get_locked (c));
  ck_assert_uint_eq (notified (&counter, "locked"), 2);

  counter_unwatch (&counter, c);
}
END_TEST

/* A change after one signature clears it: it no longer covers what is
 * there. */
START_TEST (test_change_clears_partial_signature)
{
  g_autoptr(ConsultConsultation) c = new_peel_consultation ();
  ConsultSignature *signature;

  ready_to_sign (c);
  ck_assert (consult_consultation_sign (c, CONSULT_SIGNER_CLIENT, "Ada Lovelace", NULL));
  signature = consult_consultation_get_signature (c, CONSULT_SIGNER_CLIENT);

  ck_assert (consult_consultation_set_statement_accepted (c, "photography", TRUE));
  ck_assert (!consult_consultation_is_signed (c, CONSULT_SIGNER_CLIENT));
  ck_assert (consult_signature_is_empty (signature));

  /* The practitioner's drawing is not a change to what was signed. */
  draw (c, CONSULT_SIGNER_CLIENT);
  ck_assert (consult_consultation_sign (c, CONSULT_SIGNER_CLIENT, "Ada Lovelace", NULL));
  consult_signature_undo_last_stroke (consult_consultation_get_signature (c,
                                        CONSULT_SIGNER_PRACTITIONER));
  draw (c, CONSULT_SIGNER_PRACTITIONER);
  ck_assert (consult_consultation_is_signed (c, CONSULT_SIGNER_CLIENT));

  /* A signer may start again before the other has signed. */
  ck_assert (consult_consultation_clear_signature (c, CONSULT_SIGNER_CLIENT));
  ck_assert (!consult_consultation_is_signed (c, CONSULT_SIGNER_CLIENT));
  ck_assert (consult_signature_is_empty (signature));
}
END_TEST

/* Drawing on a signature is a change: autosave hears of it. */
START_TEST (test_signature_strokes_are_changes)
{
  g_autoptr(ConsultConsultation) c = new_peel_consultation ();
  ConsultSignature *signature = consult_consultation_get_signature (c, CONSULT_SIGNER_CLIENT);
  Counter counter;

  counter_watch (&counter, c);
  consult_signature_begin_stroke (signature);
  consult_signature_add_point (signature, 1, 1, 1, 10);
  consult_signature_add_point (signature, 2, 2, 1, 20);
  ck_assert_uint_eq (counter.changed, 0);
  consult_signature_end_stroke (signature);
  ck_assert_uint_eq (counter.changed, 1);
  ck_assert (consult_consultation_get_modified (c));
  ck_assert_uint_eq (notified (&counter, "modified"), 1);

  counter_unwatch (&counter, c);
}
END_TEST

START_TEST (test_minor)
{
  g_autoptr(ConsultConsultation) c = new_peel_consultation ();
  Counter counter;
  int age;
  gboolean is_minor;

  ready_to_sign (c);
  counter_watch (&counter, c);

  /* Eighteen on the day of the consultation. */
  ck_assert (consult_consultation_set_client_birth_date (c, "2008-11-29"));
  ck_assert_int_eq (consult_consultation_get_age (c), 18);
  ck_assert (!consult_consultation_get_is_minor (c));
  ck_assert_int_eq (consult_consultation_get_step_state (c, CONSULT_FLOW_STEP_CLIENT),
                    CONSULT_STEP_STATE_DONE);
  ck_assert_uint_eq (notified (&counter, "age"), 1);
  ck_assert_uint_eq (notified (&counter, "is-minor"), 0);

  /* Eighteen tomorrow. */
  ck_assert (consult_consultation_set_client_birth_date (c, "2008-11-30"));
  g_object_get (c, "age", &age, "is-minor", &is_minor, NULL);
  ck_assert_int_eq (age, 17);
  ck_assert (is_minor);
  ck_assert_uint_eq (notified (&counter, "age"), 2);
  ck_assert_uint_eq (notified (&counter, "is-minor"), 1);
  ck_assert_int_eq (consult_consultation_get_step_state (c, CONSULT_FLOW_STEP_CLIENT),
                    CONSULT_STEP_STATE_ATTENTION);
  /* Flagged, not blocked. */
  ck_assert (consult_consultation_can_consent (c));

  /* The age is counted on the consultation date. */
  ck_assert (consult_consultation_set_consultation_date (c, "2026-11-30"));
  ck_assert_int_eq (consult_consultation_get_age (c), 18);
  ck_assert (!consult_consultation_get_is_minor (c));
  ck_assert_uint_eq (notified (&counter, "is-minor"), 2);

  /* Born after the consultation: no age, and the client step says so. */
  ck_assert (consult_consultation_set_client_birth_date (c, "2027-01-01"));
  ck_assert_int_eq (consult_consultation_get_age (c), -1);
  ck_assert (!consult_consultation_get_is_minor (c));
  ck_assert_int_eq (consult_consultation_get_step_state (c, CONSULT_FLOW_STEP_CLIENT),
                    CONSULT_STEP_STATE_ATTENTION);
  ck_assert (!consult_consultation_can_consent (c));

  /* No birth date: the client step is not done. */
  ck_assert (consult_consultation_set_client_birth_date (c, NULL));
  ck_assert_int_eq (consult_consultation_get_age (c), -1);
  ck_assert_int_eq (consult_consultation_get_step_state (c, CONSULT_FLOW_STEP_CLIENT),
                    CONSULT_STEP_STATE_TODO);
  ck_assert (!consult_consultation_can_consent (c));

  counter_unwatch (&counter, c);
}
END_TEST

START_TEST (test_dates)
{
  static const char * const bad[] = {
    "", "2026-02-30", "2026-13-01", "2026-00-10", "2026-1-01", "26-01-01", "2026/01/01",
    "2026-01-01x", " 2026-01-01", "0000-01-01", "abcd-ef-gh", "2025-02-29", "2026-01-1\xc3\xa9",
  };
  GDate date, birth, on;
  g_autofree char *iso = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    ck_assert_msg (!consult_date_from_iso (bad[i], NULL), "accepted \"%s\"", bad[i]);
  ck_assert (!consult_date_from_iso (NULL, NULL));

  ck_assert (consult_date_from_iso ("2024-02-29", &date));
  ck_assert_uint_eq (g_date_get_day (&date), 29);
  ck_assert_uint_eq (g_date_get_month (&date), 2);
  ck_assert_uint_eq (g_date_get_year (&date), 2024);
  iso = consult_date_to_iso (&date);
  ck_assert_str_eq (iso, "2024-02-29");

  /* A leap-day birthday is reached on 1 March in other years. */
  g_date_set_dmy (&birth, 29, 2, 2008);
  g_date_set_dmy (&on, 28, 2, 2026);
  ck_assert_int_eq (consult_date_age_on (&birth, &on), 17);
  g_date_set_dmy (&on, 1, 3, 2026);
  ck_assert_int_eq (consult_date_age_on (&birth, &on), 18);
  g_date_set_dmy (&on, 29, 2, 2028);
  ck_assert_int_eq (consult_date_age_on (&birth, &on), 20);
  g_date_set_dmy (&on, 29, 2, 2008);
  ck_assert_int_eq (consult_date_age_on (&birth, &on), 0);
  g_date_set_dmy (&on, 28, 2, 2008);
  ck_assert_int_eq (consult_date_age_on (&birth, &on), -1);
}
END_TEST

START_TEST (test_areas)
{
  g_autoptr(ConsultConsultation) c = new_peel_consultation ();
  g_auto(GStrv) areas = NULL;
  g_auto(GStrv) from_property = NULL;
  Counter counter;

  counter_watch (&counter, c);
  ck_assert (consult_consultation_set_area_selected (c, "hands", TRUE));
  ck_assert (consult_consultation_set_area_selected (c, "face", TRUE));
  ck_assert_uint_eq (notified (&counter, "selected-areas"), 2);
  ck_assert (consult_consultation_is_area_selected (c, "hands"));
  ck_assert (!consult_consultation_is_area_selected (c, "neck"));

  /* In content order, whatever the order of selection. */
  areas = consult_consultation_get_selected_areas (c);
  ck_assert_uint_eq (g_strv_length (areas), 2);
  ck_assert_str_eq (areas[0], "face");
  ck_assert_str_eq (areas[1], "hands");
  g_object_get (c, "selected-areas", &from_property, NULL);
  ck_assert (g_strv_equal ((const char * const *) areas, (const char * const *) from_property));

  ck_assert (consult_consultation_set_area_selected (c, "hands", FALSE));
  ck_assert (!consult_consultation_is_area_selected (c, "hands"));
  ck_assert_uint_eq (notified (&counter, "selected-areas"), 3);

  /* Ids that the content does not have are programmer errors. */
  expect_criticals ();
  ck_assert (!consult_consultation_set_area_selected (c, "elbow", TRUE));
  ck_assert (!consult_consultation_set_answer (c, "no-such-question", CONSULT_ANSWER_YES));
  ck_assert (!consult_consultation_set_note (c, "no-such-question", "x"));
  ck_assert (!consult_consultation_set_statement_accepted (c, "no-such-statement", FALSE));
  ck_assert (!consult_consultation_set_client_birth_date (c, "17/05/1990"));
  ck_assert (!consult_consultation_set_consultation_date (c, ""));
  ck_assert_uint_eq (n_criticals, 6);
  ck_assert (!consult_consultation_is_area_selected (c, "elbow"));
  ck_assert_uint_eq (notified (&counter, "selected-areas"), 3);

  counter_unwatch (&counter, c);
}
END_TEST

/* The shipped content, from first step to both signatures. */
START_TEST (test_shipped_content)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsultContent) content = consult_content_load_default (&error);
  g_autoptr(ConsultConsultation) c = NULL;

  ck_assert_msg (content != NULL, "%s", error ? error->message : "");
  c = consult_consultation_new (content);

  ready_to_sign (c);
  ck_assert_int_eq (consult_consultation_get_outcome (c), CONSULT_OUTCOME_SUITABLE);
  ck_assert (consult_consultation_set_answer (c, "blood-thinners", CONSULT_ANSWER_YES));
  ck_assert (!consult_consultation_can_consent (c));
  ck_assert (consult_consultation_set_note (c, "blood-thinners",
                                            "Pressure held longer; client informed."));
  ck_assert_int_eq (consult_consultation_get_outcome (c),
                    CONSULT_OUTCOME_SUITABLE_WITH_PRECAUTIONS);
  ck_assert (consult_consultation_can_consent (c));
  sign_both (c);
  ck_assert (consult_consultation_get_locked (c));
  for (ConsultFlowStep step = CONSULT_FLOW_STEP_CLIENT; step < CONSULT_N_FLOW_STEPS; step++)
    ck_assert_int_eq (consult_consultation_get_step_state (c, step), CONSULT_STEP_STATE_DONE);
}
END_TEST

START_TEST (test_finalize)
{
  ConsultContent *content = load_peel ();
  ConsultConsultation *c = consult_consultation_new (content);
  gpointer weak_consultation = c;
  gpointer weak_signature = consult_consultation_get_signature (c, CONSULT_SIGNER_CLIENT);
  gpointer weak_content = content;

  g_object_add_weak_pointer (G_OBJECT (c), &weak_consultation);
  g_object_add_weak_pointer (weak_signature, &weak_signature);
  g_object_add_weak_pointer (G_OBJECT (content), &weak_content);
  g_object_unref (content);

  ready_to_sign (c);
  sign_both (c);
  g_object_unref (c);

  ck_assert_ptr_null (weak_consultation);
  ck_assert_ptr_null (weak_signature);
  ck_assert_ptr_null (weak_content);
}
END_TEST

static Suite *
consultation_suite (void)
{
  Suite *s = suite_create ("consultation");
  TCase *tc;

  tc = tcase_create ("flow");
  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_test (tc, test_new);
  tcase_add_test (tc, test_restore_identity);
  tcase_add_test (tc, test_restore_signed);
  tcase_add_test (tc, test_all_no_then_sign);
  tcase_add_test (tc, test_exclude_blocks_consent);
  tcase_add_test (tc, test_defer);
  tcase_add_test (tc, test_attention_before_complete);
  tcase_add_test (tc, test_caution_note);
  tcase_add_test (tc, test_shipped_content);
  suite_add_tcase (s, tc);

  tc = tcase_create ("changes");
  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_test (tc, test_notify_counts);
  tcase_add_test (tc, test_outcome_notify);
  tcase_add_test (tc, test_can_consent_notify);
  tcase_add_test (tc, test_locked);
  tcase_add_test (tc, test_change_clears_partial_signature);
  tcase_add_test (tc, test_signature_strokes_are_changes);
  tcase_add_test (tc, test_areas);
  tcase_add_test (tc, test_finalize);
  suite_add_tcase (s, tc);

  tc = tcase_create ("age");
  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_test (tc, test_minor);
  tcase_add_test (tc, test_dates);
  suite_add_tcase (s, tc);

  return s;
}

int
main (void)
{
  return consult_test_run_suite (consultation_suite (), FALSE);
}
