/* consult-screening.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "consult-screening"

#include "consult-config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "consult-screening.h"

static void
reason_free (gpointer data)
{
  ConsultScreeningReason *reason = data;

  g_free (reason->note);
  g_free (reason);
}

void
consult_screening_result_free (ConsultScreeningResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->reasons, g_ptr_array_unref);
  g_clear_pointer (&result->other_reasons, g_ptr_array_unref);
  g_clear_pointer (&result->unanswered, g_ptr_array_unref);
  g_clear_pointer (&result->missing_notes_ids, g_ptr_array_unref);
  g_clear_pointer (&result->questions, g_ptr_array_unref);
  g_free (result);
}

static ConsultAnswer
lookup_answer (GHashTable *answers,
               const char *id)
{
  int value;

  if (answers == NULL)
    return CONSULT_ANSWER_UNANSWERED;

  value = GPOINTER_TO_INT (g_hash_table_lookup (answers, id));
  if (value == CONSULT_ANSWER_NO || value == CONSULT_ANSWER_YES)
    return value;

  return CONSULT_ANSWER_UNANSWERED;
}

/* The note, trimmed, or NULL when there is none worth the name. */
static char *
lookup_note (GHashTable *notes,
             const char *id)
{
  const char *note;
  char *trimmed;

  if (notes == NULL || (note = g_hash_table_lookup (notes, id)) == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (note));
  if (*trimmed == '\0')
    g_clear_pointer (&trimmed, g_free);

  return trimmed;
}

/* The verdict that a "yes" to a question of @rule leads to. */
static ConsultOutcome
outcome_for_rule (ConsultRule rule)
{
  switch (rule)
    {
    case CONSULT_RULE_EXCLUDE:
      return CONSULT_OUTCOME_NOT_SUITABLE;
    case CONSULT_RULE_DEFER:
      return CONSULT_OUTCOME_DEFER;
    case CONSULT_RULE_CAUTION:
      return CONSULT_OUTCOME_SUITABLE_WITH_PRECAUTIONS;
    default:
      g_assert_not_reached ();
    }
}

ConsultScreeningResult *
consult_screening_evaluate (GPtrArray  *questions,
                            GHashTable *answers,
                            GHashTable *notes)
{
  g_autoptr(ConsultScreeningResult) result = NULL;
  /* The "yes" answers of each rule, in content order. */
  g_autoptr(GPtrArray) yes_exclude = g_ptr_array_new_with_free_func (reason_free);
  g_autoptr(GPtrArray) yes_defer = g_ptr_array_new_with_free_func (reason_free);
  g_autoptr(GPtrArray) yes_caution = g_ptr_array_new_with_free_func (reason_free);
  GPtrArray *by_rule[] = { yes_exclude, yes_defer, yes_caution };

  g_return_val_if_fail (questions != NULL, NULL);

  result = g_new0 (ConsultScreeningResult, 1);
  result->questions = g_ptr_array_ref (questions);
  result->reasons = g_ptr_array_new_with_free_func (reason_free);
  result->other_reasons = g_ptr_array_new_with_free_func (reason_free);
  result->unanswered = g_ptr_array_new_with_free_func (g_free);
  result->missing_notes_ids = g_ptr_array_new_with_free_func (g_free);
  result->n_questions = questions->len;

  for (guint i = 0; i < questions->len; i++)
    {
      const ConsultQuestion *question = g_ptr_array_index (questions, i);
      ConsultScreeningReason *reason;

      g_return_val_if_fail (question->rule <= CONSULT_RULE_CAUTION, NULL);

      switch (lookup_answer (answers, question->id))
        {
        case CONSULT_ANSWER_UNANSWERED:
          g_ptr_array_add (result->unanswered, g_strdup (question->id));
          continue;
        case CONSULT_ANSWER_NO:
          result->n_answered++;
          continue;
        case CONSULT_ANSWER_YES:
          result->n_answered++;
          break;
        default:
          g_assert_not_reached ();
        }

      reason = g_new0 (ConsultScreeningReason, 1);
      reason->question = question;
      reason->question_id = question->id;
      reason->rule = question->rule;
      reason->note = lookup_note (notes, question->id);
      g_ptr_array_add (by_rule[question->rule], reason);

      if (question->rule == CONSULT_RULE_CAUTION && reason->note == NULL)
        g_ptr_array_add (result->missing_notes_ids, g_strdup (question->id));
    }

  /* The most severe rule with a "yes" decides; the lesser ones follow as
   * other reasons, most severe first. */
  result->provisional = CONSULT_OUTCOME_SUITABLE;
  for (guint rule = CONSULT_RULE_EXCLUDE; rule <= CONSULT_RULE_CAUTION; rule++)
    {
      GPtrArray *target;

      if (by_rule[rule]->len == 0)
        continue;

      if (result->provisional == CONSULT_OUTCOME_SUITABLE)
        {
          result->provisional = outcome_for_rule (rule);
          target = result->reasons;
        }
      else
        target = result->other_reasons;

      /* Move the reasons over: @target frees them from now on. */
      g_ptr_array_extend (target, by_rule[rule], NULL, NULL);
      g_ptr_array_set_free_func (by_rule[rule], NULL);
    }

  result->missing_notes = result->missing_notes_ids->len > 0;
  if (result->unanswered->len > 0 || result->missing_notes)
    result->outcome = CONSULT_OUTCOME_INCOMPLETE;
  else
    result->outcome = result->provisional;

  return g_steal_pointer (&result);
}

gboolean
consult_screening_result_is_missing_note (const ConsultScreeningResult *result,
                                          const char                   *question_id)
{
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (question_id != NULL, FALSE);

  for (guint i = 0; i < result->missing_notes_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (result->missing_notes_ids, i), question_id))
      return TRUE;

  return FALSE;
}

gboolean
consult_outcome_allows_treatment (ConsultOutcome outcome)
{
  return outcome == CONSULT_OUTCOME_SUITABLE ||
         outcome == CONSULT_OUTCOME_SUITABLE_WITH_PRECAUTIONS;
}

/* Indexed by ConsultOutcome. */
static const char * const outcome_ids[] = {
  "incomplete",
  "suitable",
  "suitable-with-precautions",
  "defer",
  "not-suitable",
};

const char *
consult_outcome_to_string (ConsultOutcome outcome)
{
  g_return_val_if_fail (outcome <= CONSULT_OUTCOME_NOT_SUITABLE, NULL);

  return outcome_ids[outcome];
}

gboolean
consult_outcome_from_string (const char     *string,
                             ConsultOutcome *outcome)
{
  g_return_val_if_fail (outcome != NULL, FALSE);

  for (guint i = 0; string != NULL && i < G_N_ELEMENTS (outcome_ids); i++)
    {
      if (g_str_equal (string, outcome_ids[i]))
        {
          *outcome = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
consult_outcome_get_label (ConsultOutcome outcome)
{
  switch (outcome)
    {
    case CONSULT_OUTCOME_INCOMPLETE:
      /* Translators: the outcome of a screening that is not finished. */
      return C_("screening outcome", "Incomplete");
    case CONSULT_OUTCOME_SUITABLE:
      /* Translators: the client may be treated. */
      return C_("screening outcome", "Suitable");
    case CONSULT_OUTCOME_SUITABLE_WITH_PRECAUTIONS:
      /* Translators: the client may be treated, taking the precautions noted. */
      return C_("screening outcome", "Suitable with precautions");
    case CONSULT_OUTCOME_DEFER:
      /* Translators: an outcome, not a command: treatment is postponed. */
      return C_("screening outcome", "Defer");
    case CONSULT_OUTCOME_NOT_SUITABLE:
      /* Translators: the client must not be treated. */
      return C_("screening outcome", "Not suitable");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Indexed by ConsultAnswer. */
static const char * const answer_ids[] = {
  "unanswered",
  "no",
  "yes",
};

const char *
consult_answer_to_string (ConsultAnswer answer)
{
  g_return_val_if_fail (answer <= CONSULT_ANSWER_YES, NULL);

  return answer_ids[answer];
}

gboolean
consult_answer_from_string (const char    *string,
                            ConsultAnswer *answer)
{
  g_return_val_if_fail (answer != NULL, FALSE);

  for (guint i = 0; string != NULL && i < G_N_ELEMENTS (answer_ids); i++)
    {
      if (g_str_equal (string, answer_ids[i]))
        {
          *answer = i;
          return TRUE;
        }
    }

  return FALSE;
}
