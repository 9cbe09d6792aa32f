/* test-screening.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The screening rules: every combination of answers and notes over small
 * question sets, checked against an oracle that counts instead of sorting,
 * then the cases the consultation pages rely on, by name.
 */

#include "consult-config.h"

#include "consult-screening.h"
#include "consult-test-utils.h"

static void
text_init (ConsultText *text,
           const char  *plain)
{
  text->plain = g_strdup (plain);
  text->markup = g_markup_escape_text (plain, -1);
}

static void
text_clear (ConsultText *text)
{
  g_free (text->plain);
  g_free (text->markup);
}

static void
question_free (gpointer data)
{
  ConsultQuestion *question = data;

  g_free (question->id);
  text_clear (&question->question);
  text_clear (&question->label);
  text_clear (&question->note);
  text_clear (&question->action);
  g_strfreev (question->refs);
  g_free (question);
}

/* Content as the loader would make it, without a file: an array of
 * questions that frees them. */
static GPtrArray *
questions_new (void)
{
  return g_ptr_array_new_with_free_func (question_free);
}

static ConsultQuestion *
add_question (GPtrArray   *questions,
              const char  *id,
              ConsultRule  rule)
{
  ConsultQuestion *question = g_new0 (ConsultQuestion, 1);
  g_autofree char *asked = g_strdup_printf ("Have you %s?", id);
  g_autofree char *action = g_strdup_printf ("Do something about %s.", id);

  question->id = g_strdup (id);
  question->rule = rule;
  text_init (&question->question, asked);
  text_init (&question->label, id);
  text_init (&question->note, "");
  text_init (&question->action, rule == CONSULT_RULE_EXCLUDE ? "" : action);
  question->refs = g_new0 (char *, 1);
  g_ptr_array_add (questions, question);

  return question;
}

static GHashTable *
answers_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static GHashTable *
notes_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
answer (GHashTable    *answers,
        const char    *id,
        ConsultAnswer  value)
{
  g_hash_table_insert (answers, g_strdup (id), GINT_TO_POINTER (value));
}

static void
note (GHashTable *notes,
      const char *id,
      const char *text)
{
  g_hash_table_insert (notes, g_strdup (id), g_strdup (text));
}

static const ConsultScreeningReason *
reason_at (GPtrArray *reasons,
           guint      index)
{
  ck_assert_uint_lt (index, reasons->len);
  return g_ptr_array_index (reasons, index);
}

/* Exhaustive combinations.
 *
 * Each question is in one of nine states: its answer (none, no, yes) times
 * its note (none, blank, written). A state number is read in base 9, one
 * digit per question. */

enum { NOTE_NONE, NOTE_BLANK, NOTE_WRITTEN, N_NOTE_STATES };

static const ConsultAnswer answer_states[] = {
  CONSULT_ANSWER_UNANSWERED, CONSULT_ANSWER_NO, CONSULT_ANSWER_YES,
};

#define N_STATES (G_N_ELEMENTS (answer_states) * N_NOTE_STATES)

/* The oracle: counts, per rule, the answers and the missing notes, and
 * reads the outcome off the counts. It shares no code with the screening. */
typedef struct {
  guint unanswered;
  guint yes[3];                /* by ConsultRule */
  guint missing_notes;
  ConsultOutcome provisional;
  ConsultOutcome outcome;
} Expected;

static Expected
oracle (GPtrArray *questions,
        guint      state)
{
  Expected e = { 0 };

  for (guint i = 0; i < questions->len; i++, state /= N_STATES)
    {
      const ConsultQuestion *question = g_ptr_array_index (questions, i);
      ConsultAnswer a = answer_states[(state % N_STATES) / N_NOTE_STATES];
      guint n = state % N_NOTE_STATES;

      if (a == CONSULT_ANSWER_UNANSWERED)
        e.unanswered++;
      if (a == CONSULT_ANSWER_YES)
        e.yes[question->rule]++;
      if (a == CONSULT_ANSWER_YES && question->rule == CONSULT_RULE_CAUTION && n != NOTE_WRITTEN)
        e.missing_notes++;
    }

  if (e.yes[CONSULT_RULE_EXCLUDE] > 0)
    e.provisional = CONSULT_OUTCOME_NOT_SUITABLE;
  else if (e.yes[CONSULT_RULE_DEFER] > 0)
    e.provisional = CONSULT_OUTCOME_DEFER;
  else if (e.yes[CONSULT_RULE_CAUTION] > 0)
    e.provisional = CONSULT_OUTCOME_SUITABLE_WITH_PRECAUTIONS;
  else
    e.provisional = CONSULT_OUTCOME_SUITABLE;

  e.outcome = (e.unanswered > 0 || e.missing_notes > 0) ? CONSULT_OUTCOME_INCOMPLETE
                                                         : e.provisional;
  return e;
}

/* Whether a note says something: a character other than white space. */
static gboolean
is_written (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return TRUE;

  return FALSE;
}

/* The rule whose "yes" answers are the main reasons of @outcome. */
static int
deciding_rule (ConsultOutcome outcome)
{
  switch (outcome)
    {
    case CONSULT_OUTCOME_NOT_SUITABLE:
      return CONSULT_RULE_EXCLUDE;
    case CONSULT_OUTCOME_DEFER:
      return CONSULT_RULE_DEFER;
    case CONSULT_OUTCOME_SUITABLE_WITH_PRECAUTIONS:
      return CONSULT_RULE_CAUTION;
    default:
      return -1;
    }
}

/* Checks that @reasons are in order of rule severity, then of content,
 * and that each has its question's id, rule and trimmed note. */
static void
check_reason_order (GPtrArray  *questions,
                    GPtrArray  *reasons,
                    GHashTable *notes)
{
  guint last_rule = 0;
  guint last_index = 0;

  for (guint i = 0; i < reasons->len; i++)
    {
      const ConsultScreeningReason *reason = reason_at (reasons, i);
      const char *written;
      guint index;

      ck_assert (g_ptr_array_find (questions, reason->question, &index));
      ck_assert_str_eq (reason->question_id, reason->question->id);
      ck_assert_int_eq (reason->rule, reason->question->rule);
      if (i > 0)
        ck_assert (reason->rule > last_rule ||
                   (reason->rule == last_rule && index > last_index));
      last_rule = reason->rule;
      last_index = index;

      written = g_hash_table_lookup (notes, reason->question_id);
      if (is_written (written))
        {
          g_autofree char *trimmed = g_strstrip (g_strdup (written));

          ck_assert_str_eq (reason->note, trimmed);
        }
      else
        ck_assert_ptr_null (reason->note);
    }
}

static void
check_every_combination (GPtrArray *questions)
{
  guint n_combinations = 1;

  for (guint i = 0; i < questions->len; i++)
    n_combinations *= N_STATES;

  for (guint state = 0; state < n_combinations; state++)
    {
      g_autoptr(GHashTable) answers = answers_new ();
      g_autoptr(GHashTable) notes = notes_new ();
      g_autoptr(ConsultScreeningResult) result = NULL;
      Expected e = oracle (questions, state);
      guint rest = state;
      guint n_main, n_other;
      int decider;

      for (guint i = 0; i < questions->len; i++, rest /= N_STATES)
        {
          const ConsultQuestion *question = g_ptr_array_index (questions, i);
          ConsultAnswer a = answer_states[(rest % N_STATES) / N_NOTE_STATES];

          /* Unanswered is the absence of an answer. */
          if (a != CONSULT_ANSWER_UNANSWERED)
            answer (answers, question->id, a);
          if (rest % N_NOTE_STATES == NOTE_BLANK)
            note (notes, question->id, " \t\n ");
          else if (rest % N_NOTE_STATES == NOTE_WRITTEN)
            note (notes, question->id, "  Patch test done. ");
        }

      result = consult_screening_evaluate (questions, answers, notes);

      ck_assert_msg (result->outcome == e.outcome, "state %u: outcome %s, expected %s",
                     state, consult_outcome_to_string (result->outcome),
                     consult_outcome_to_string (e.outcome));
      ck_assert_int_eq (result->provisional, e.provisional);
      ck_assert_int_eq (result->missing_notes, e.missing_notes > 0);
      ck_assert_uint_eq (result->missing_notes_ids->len, e.missing_notes);
      ck_assert_uint_eq (result->unanswered->len, e.unanswered);
      ck_assert_uint_eq (result->n_questions, questions->len);
      ck_assert_uint_eq (result->n_answered, questions->len - e.unanswered);

      /* The deciding rule's answers are the reasons, the lesser rules'
       * answers the other reasons, and no "yes" is lost. */
      decider = deciding_rule (e.provisional);
      n_main = decider < 0 ? 0 : e.yes[decider];
      n_other = 0;
      for (int rule = decider + 1; decider >= 0 && rule <= CONSULT_RULE_CAUTION; rule++)
        n_other += e.yes[rule];
      ck_assert_uint_eq (result->reasons->len, n_main);
      ck_assert_uint_eq (result->other_reasons->len, n_other);
      ck_assert_uint_eq (n_main + n_other,
                         e.yes[0] + e.yes[1] + e.yes[2]);
      for (guint i = 0; i < result->reasons->len; i++)
        ck_assert_int_eq (reason_at (result->reasons, i)->rule, decider);
      for (guint i = 0; i < result->other_reasons->len; i++)
        ck_assert_int_gt (reason_at (result->other_reasons, i)->rule, decider);
      check_reason_order (questions, result->reasons, notes);
      check_reason_order (questions, result->other_reasons, notes);

      /* The unanswered and the missing notes, in content order. */
      for (guint i = 0, u = 0, m = 0; i < questions->len; i++)
        {
          const ConsultQuestion *question = g_ptr_array_index (questions, i);
          ConsultAnswer a = GPOINTER_TO_INT (g_hash_table_lookup (answers, question->id));
          const char *written = g_hash_table_lookup (notes, question->id);

          if (a == CONSULT_ANSWER_UNANSWERED)
            ck_assert_str_eq (g_ptr_array_index (result->unanswered, u++), question->id);
          if (a == CONSULT_ANSWER_YES && question->rule == CONSULT_RULE_CAUTION &&
              !is_written (written))
            {
              ck_assert_str_eq (g_ptr_array_index (result->missing_notes_ids, m++),
                                question->id);
              ck_assert (consult_screening_result_is_missing_note (result, question->id));
            }
          else
            ck_assert (!consult_screening_result_is_missing_note (result, question->id));
        }
    }
}

/* One question of each rule, in an order unlike the severity order, plus
 * two more of the rule under test. */
START_TEST (test_every_combination)
{
  ConsultRule extra = _i;
  g_autoptr(GPtrArray) questions = questions_new ();

  add_question (questions, "caution-1", CONSULT_RULE_CAUTION);
  add_question (questions, "extra-1", extra);
  add_question (questions, "exclude-1", CONSULT_RULE_EXCLUDE);
  add_question (questions, "defer-1", CONSULT_RULE_DEFER);
  add_question (questions, "extra-2", extra);

  check_every_combination (questions);
}
END_TEST

/* Named cases. */

START_TEST (test_no_questions)
{
  g_autoptr(GPtrArray) questions = questions_new ();
  g_autoptr(ConsultScreeningResult) result = consult_screening_evaluate (questions, NULL, NULL);

  ck_assert_int_eq (result->outcome, CONSULT_OUTCOME_SUITABLE);
  ck_assert_uint_eq (result->reasons->len, 0);
  ck_assert_uint_eq (result->n_questions, 0);
}
END_TEST

START_TEST (test_nothing_answered)
{
  g_autoptr(GPtrArray) questions = questions_new ();
  g_autoptr(ConsultScreeningResult) result = NULL;

  add_question (questions, "a", CONSULT_RULE_EXCLUDE);
  add_question (questions, "b", CONSULT_RULE_CAUTION);
  result = consult_screening_evaluate (questions, NULL, NULL);

  ck_assert_int_eq (result->outcome, CONSULT_OUTCOME_INCOMPLETE);
  ck_assert_int_eq (result->provisional, CONSULT_OUTCOME_SUITABLE);
  ck_assert (!result->missing_notes);
  ck_assert_uint_eq (result->unanswered->len, 2);
  ck_assert_str_eq (g_ptr_array_index (result->unanswered, 0), "a");
  ck_assert_str_eq (g_ptr_array_index (result->unanswered, 1), "b");
  ck_assert_uint_eq (result->n_answered, 0);
}
END_TEST

START_TEST (test_all_no_is_suitable)
{
  g_autoptr(GPtrArray) questions = questions_new ();
  g_autoptr(GHashTable) answers = answers_new ();
  g_autoptr(ConsultScreeningResult) result = NULL;

  add_question (questions, "a", CONSULT_RULE_EXCLUDE);
  add_question (questions, "b", CONSULT_RULE_DEFER);
  add_question (questions, "c", CONSULT_RULE_CAUTION);
  answer (answers, "a", CONSULT_ANSWER_NO);
  answer (answers, "b", CONSULT_ANSWER_NO);
  answer (answers, "c", CONSULT_ANSWER_NO);
  result = consult_screening_evaluate (questions, answers, NULL);

  ck_assert_int_eq (result->outcome, CONSULT_OUTCOME_SUITABLE);
  ck_assert (consult_outcome_allows_treatment (result->outcome));
  ck_assert_uint_eq (result->reasons->len, 0);
  ck_assert_uint_eq (result->other_reasons->len, 0);
  ck_assert_uint_eq (result->n_answered, 3);
}
END_TEST

/* The exclusion decides; the defer and the caution are kept, most severe
 * first, whatever their order in the content. */
START_TEST (test_exclude_keeps_lesser_reasons)
{
  g_autoptr(GPtrArray) questions = questions_new ();
  g_autoptr(GHashTable) answers = answers_new ();
  g_autoptr(GHashTable) notes = notes_new ();
  g_autoptr(ConsultScreeningResult) result = NULL;
  const ConsultQuestion *exclude;

  add_question (questions, "c", CONSULT_RULE_CAUTION);
  add_question (questions, "d", CONSULT_RULE_DEFER);
  exclude = add_question (questions, "e", CONSULT_RULE_EXCLUDE);
  answer (answers, "c", CONSULT_ANSWER_YES);
  answer (answers, "d", CONSULT_ANSWER_YES);
  answer (answers, "e", CONSULT_ANSWER_YES);
  note (notes, "c", "Test patch");
  result = consult_screening_evaluate (questions, answers, notes);

  ck_assert_int_eq (result->outcome, CONSULT_OUTCOME_NOT_SUITABLE);
  ck_assert (!consult_outcome_allows_treatment (result->outcome));
  ck_assert_uint_eq (result->reasons->len, 1);
  ck_assert_ptr_eq (reason_at (result->reasons, 0)->question, exclude);
  ck_assert_str_eq (reason_at (result->reasons, 0)->question->label.plain, "e");
  ck_assert_uint_eq (result->other_reasons->len, 2);
  ck_assert_str_eq (reason_at (result->other_reasons, 0)->question_id, "d");
  ck_assert_str_eq (reason_at (result->other_reasons, 1)->question_id, "c");
  ck_assert_str_eq (reason_at (result->other_reasons, 1)->note, "Test patch");
  ck_assert_str_eq (reason_at (result->other_reasons, 1)->question->action.plain,
                    "Do something about c.");
}
END_TEST

START_TEST (test_defer)
{
  g_autoptr(GPtrArray) questions = questions_new ();
  g_autoptr(GHashTable) answers = answers_new ();
  g_autoptr(ConsultScreeningResult) result = NULL;

  add_question (questions, "e", CONSULT_RULE_EXCLUDE);
  add_question (questions, "d1", CONSULT_RULE_DEFER);
  add_question (questions, "d2", CONSULT_RULE_DEFER);
  answer (answers, "e", CONSULT_ANSWER_NO);
  answer (answers, "d1", CONSULT_ANSWER_YES);
  answer (answers, "d2", CONSULT_ANSWER_YES);
  result = consult_screening_evaluate (questions, answers, NULL);

  ck_assert_int_eq (result->outcome, CONSULT_OUTCOME_DEFER);
  ck_assert (!consult_outcome_allows_treatment (result->outcome));
  ck_assert_uint_eq (result->reasons->len, 2);
  ck_assert_str_eq (reason_at (result->reasons, 0)->question_id, "d1");
  ck_assert_str_eq (reason_at (result->reasons, 1)->question_id, "d2");
  ck_assert_uint_eq (result->other_reasons->len, 0);
}
END_TEST

/* A caution "yes" needs a note that says something. */
START_TEST (test_caution_needs_note)
{
  g_autoptr(GPtrArray) questions = questions_new ();
  g_autoptr(GHashTable) answers = answers_new ();
  g_autoptr(GHashTable) notes = notes_new ();
  ConsultScreeningResult *result;

  add_question (questions, "e", CONSULT_RULE_EXCLUDE);
  add_question (questions, "c", CONSULT_RULE_CAUTION);
  answer (answers, "e", CONSULT_ANSWER_NO);
  answer (answers, "c", CONSULT_ANSWER_YES);

  result = consult_screening_evaluate (questions, answers, notes);
  ck_assert_int_eq (result->outcome, CONSULT_OUTCOME_INCOMPLETE);
  ck_assert_int_eq (result->provisional, CONSULT_OUTCOME_SUITABLE_WITH_PRECAUTIONS);
  ck_assert (result->missing_notes);
  ck_assert_uint_eq (result->unanswered->len, 0);
  ck_assert_str_eq (g_ptr_array_index (result->missing_notes_ids, 0), "c");
  consult_screening_result_free (result);

  g_hash_table_insert (notes, g_strdup ("c"), NULL);
  result = consult_screening_evaluate (questions, answers, notes);
  ck_assert (result->missing_notes);
  consult_screening_result_free (result);

  note (notes, "c", "\t \n");
  result = consult_screening_evaluate (questions, answers, notes);
  ck_assert_int_eq (result->outcome, CONSULT_OUTCOME_INCOMPLETE);
  ck_assert (result->missing_notes);
  consult_screening_result_free (result);

  note (notes, "c", "  Anticoagulant: pressure applied longer.\n");
  result = consult_screening_evaluate (questions, answers, notes);
  ck_assert_int_eq (result->outcome, CONSULT_OUTCOME_SUITABLE_WITH_PRECAUTIONS);
  ck_assert (consult_outcome_allows_treatment (result->outcome));
  ck_assert (!result->missing_notes);
  ck_assert_uint_eq (result->reasons->len, 1);
  ck_assert_str_eq (reason_at (result->reasons, 0)->note,
                    "Anticoagulant: pressure applied longer.");
  consult_screening_result_free (result);
}
END_TEST

/* The verdict is known before the end, but the record is not complete
 * until every precaution is written down. */
START_TEST (test_missing_note_with_exclusion)
{
  g_autoptr(GPtrArray) questions = questions_new ();
  g_autoptr(GHashTable) answers = answers_new ();
  g_autoptr(ConsultScreeningResult) result = NULL;

  add_question (questions, "e", CONSULT_RULE_EXCLUDE);
  add_question (questions, "c", CONSULT_RULE_CAUTION);
  answer (answers, "e", CONSULT_ANSWER_YES);
  answer (answers, "c", CONSULT_ANSWER_YES);
  result = consult_screening_evaluate (questions, answers, NULL);

  ck_assert_int_eq (result->outcome, CONSULT_OUTCOME_INCOMPLETE);
  ck_assert_int_eq (result->provisional, CONSULT_OUTCOME_NOT_SUITABLE);
  ck_assert (result->missing_notes);
}
END_TEST

/* Only NO and YES count as answers. */
START_TEST (test_odd_answer_values)
{
  g_autoptr(GPtrArray) questions = questions_new ();
  g_autoptr(GHashTable) answers = answers_new ();
  g_autoptr(ConsultScreeningResult) result = NULL;

  add_question (questions, "a", CONSULT_RULE_EXCLUDE);
  add_question (questions, "b", CONSULT_RULE_EXCLUDE);
  add_question (questions, "c", CONSULT_RULE_EXCLUDE);
  answer (answers, "a", CONSULT_ANSWER_UNANSWERED);
  answer (answers, "b", 42);
  answer (answers, "c", -1);
  answer (answers, "not-a-question", CONSULT_ANSWER_YES);
  result = consult_screening_evaluate (questions, answers, NULL);

  ck_assert_int_eq (result->outcome, CONSULT_OUTCOME_INCOMPLETE);
  ck_assert_uint_eq (result->unanswered->len, 3);
  ck_assert_uint_eq (result->n_answered, 0);
  ck_assert_uint_eq (result->reasons->len, 0);
}
END_TEST

/* The result keeps the questions alive on its own. */
START_TEST (test_result_outlives_caller)
{
  GPtrArray *questions = questions_new ();
  g_autoptr(GHashTable) answers = answers_new ();
  g_autoptr(ConsultScreeningResult) result = NULL;

  add_question (questions, "e", CONSULT_RULE_EXCLUDE);
  answer (answers, "e", CONSULT_ANSWER_YES);
  result = consult_screening_evaluate (questions, answers, NULL);
  g_ptr_array_unref (questions);
  g_clear_pointer (&answers, g_hash_table_unref);

  ck_assert_str_eq (reason_at (result->reasons, 0)->question->question.plain, "Have you e?");
}
END_TEST

START_TEST (test_outcome_strings)
{
  static const struct {
    ConsultOutcome outcome;
    const char *id;
    const char *label;
    gboolean allows;
  } table[] = {
    { CONSULT_OUTCOME_INCOMPLETE, "incomplete", "Incomplete", FALSE },
    { CONSULT_OUTCOME_SUITABLE, "suitable", "Suitable", TRUE },
    { CONSULT_OUTCOME_SUITABLE_WITH_PRECAUTIONS, "suitable-with-precautions",
      "Suitable with precautions", TRUE },
    { CONSULT_OUTCOME_DEFER, "defer", "Defer", FALSE },
    { CONSULT_OUTCOME_NOT_SUITABLE, "not-suitable", "Not suitable", FALSE },
  };
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (CONSULT_TYPE_OUTCOME);
  ConsultOutcome parsed;

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      ck_assert_str_eq (consult_outcome_to_string (table[i].outcome), table[i].id);
      ck_assert (consult_outcome_from_string (table[i].id, &parsed));
      ck_assert_int_eq (parsed, table[i].outcome);
      ck_assert_str_eq (consult_outcome_get_label (table[i].outcome), table[i].label);
      ck_assert_int_eq (consult_outcome_allows_treatment (table[i].outcome), table[i].allows);
      /* The GType's nicks are the same identifiers. */
      ck_assert_str_eq (g_enum_get_value (enum_class, table[i].outcome)->value_nick,
                        table[i].id);
    }
  ck_assert_uint_eq (enum_class->n_values, G_N_ELEMENTS (table));

  parsed = CONSULT_OUTCOME_DEFER;
  ck_assert (!consult_outcome_from_string ("Suitable", &parsed));
  ck_assert (!consult_outcome_from_string ("", &parsed));
  ck_assert (!consult_outcome_from_string (NULL, &parsed));
  ck_assert_int_eq (parsed, CONSULT_OUTCOME_DEFER);
}
END_TEST

START_TEST (test_answer_strings)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (CONSULT_TYPE_ANSWER);
  ConsultAnswer parsed;

  for (ConsultAnswer a = CONSULT_ANSWER_UNANSWERED; a <= CONSULT_ANSWER_YES; a++)
    {
      const char *id = consult_answer_to_string (a);

      ck_assert_str_eq (id, g_enum_get_value (enum_class, a)->value_nick);
      ck_assert (consult_answer_from_string (id, &parsed));
      ck_assert_int_eq (parsed, a);
    }
  ck_assert_str_eq (consult_answer_to_string (CONSULT_ANSWER_YES), "yes");
  ck_assert (!consult_answer_from_string ("YES", &parsed));
  ck_assert (!consult_answer_from_string (NULL, &parsed));
}
END_TEST

static Suite *
screening_suite (void)
{
  Suite *s = suite_create ("screening");
  TCase *tc;

  tc = tcase_create ("combinations");
  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_loop_test (tc, test_every_combination, CONSULT_RULE_EXCLUDE, CONSULT_RULE_CAUTION + 1);
  suite_add_tcase (s, tc);

  tc = tcase_create ("cases");
  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_test (tc, test_no_questions);
  tcase_add_test (tc, test_nothing_answered);
  tcase_add_test (tc, test_all_no_is_suitable);
  tcase_add_test (tc, test_exclude_keeps_lesser_reasons);
  tcase_add_test (tc, test_defer);
  tcase_add_test (tc, test_caution_needs_note);
  tcase_add_test (tc, test_missing_note_with_exclusion);
  tcase_add_test (tc, test_odd_answer_values);
  tcase_add_test (tc, test_result_outlives_caller);
  tcase_add_test (tc, test_outcome_strings);
  tcase_add_test (tc, test_answer_strings);
  suite_add_tcase (s, tc);

  return s;
}

int
main (void)
{
  return consult_test_run_suite (screening_suite (), FALSE);
}
