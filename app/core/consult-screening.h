/* consult-screening.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The screening rules, as a pure function: the content's questions, the
 * client's answers and the practitioner's notes go in, an outcome and its
 * reasons come out. Nothing is stored: the consultation calls this whenever
 * it needs the outcome, so the outcome can never disagree with the answers.
 *
 * How answers combine:
 *   - while a question is unanswered, or a caution question is answered
 *     "yes" without a note recording the precaution taken (a note that is
 *     empty once trimmed does not count), the outcome is INCOMPLETE;
 *   - otherwise any "yes" to an exclude question gives NOT_SUITABLE,
 *   - else any "yes" to a defer question gives DEFER,
 *   - else any "yes" to a caution question gives SUITABLE_WITH_PRECAUTIONS,
 *   - else SUITABLE (also when there are no questions at all).
 * A missing note makes the screening INCOMPLETE even when an exclude "yes"
 * already decides the verdict: the record must say what was done about
 * every precaution. @provisional gives the verdict of the answers so far.
 */

#pragma once

#include <glib.h>

#include "consult-content.h"
#include "consult-types.h"

G_BEGIN_DECLS

/* One "yes" that matters. Every pointer lives as long as the result. */
typedef struct {
  const ConsultQuestion *question; /* in the content: label, question, action */
  const char *question_id;         /* question->id */
  ConsultRule rule;                /* question->rule */
  char *note;                      /* the practitioner's note, trimmed; NULL when none */
} ConsultScreeningReason;

typedef struct {
  /* The outcome: INCOMPLETE until every question is answered and every
   * caution "yes" has its note. */
  ConsultOutcome outcome;

  /* The verdict of the answers given so far, as if nothing were missing:
   * never INCOMPLETE. Equal to @outcome once the screening is complete.
   * Lets the screening page warn about an exclusion before the end. */
  ConsultOutcome provisional;

  /* TRUE when at least one caution "yes" has no note; see @missing_notes_ids. */
  gboolean missing_notes;

  /* The "yes" answers that decide @provisional, in content order: every
   * exclude "yes" for NOT_SUITABLE, every defer "yes" for DEFER, every
   * caution "yes" for SUITABLE_WITH_PRECAUTIONS; empty for SUITABLE. */
  GPtrArray *reasons;              /* of ConsultScreeningReason */

  /* Every other "yes", of the lesser rules: for NOT_SUITABLE the defer
   * then the caution ones, for DEFER the caution ones; each rule's in
   * content order. They still matter (a precaution to take later). */
  GPtrArray *other_reasons;        /* of ConsultScreeningReason */

  GPtrArray *unanswered;           /* of char *, question ids in content order */
  GPtrArray *missing_notes_ids;    /* of char *, caution "yes" ids without a note */

  guint n_questions;
  guint n_answered;

  /*< private >*/
  GPtrArray *questions;            /* a reference that keeps the pointers valid */
} ConsultScreeningResult;

/* Evaluates the screening.
 * @questions: of ConsultQuestion, in content order. The result keeps a
 *   reference on the array, and points into its elements.
 * @answers: (nullable): question id (char *) -> GINT_TO_POINTER (ConsultAnswer);
 *   an id that is absent, or any other value, counts as unanswered.
 * @notes: (nullable): question id (char *) -> note (char *, may be NULL).
 * Returns: (transfer full): the result; free with consult_screening_result_free(). */
ConsultScreeningResult *consult_screening_evaluate   (GPtrArray              *questions,
                                                      GHashTable             *answers,
                                                      GHashTable             *notes);

void         consult_screening_result_free           (ConsultScreeningResult *result);

/* TRUE when @question_id is among the result's caution "yes" answers
 * without a note. */
gboolean     consult_screening_result_is_missing_note (const ConsultScreeningResult *result,
                                                       const char                   *question_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConsultScreeningResult, consult_screening_result_free)

/* TRUE for the outcomes that allow treatment to go ahead: SUITABLE and
 * SUITABLE_WITH_PRECAUTIONS. */
gboolean     consult_outcome_allows_treatment (ConsultOutcome  outcome);

/* The stable identifier written to records: "incomplete", "suitable",
 * "suitable-with-precautions", "defer", "not-suitable". */
const char  *consult_outcome_to_string        (ConsultOutcome  outcome);

/* The reverse of consult_outcome_to_string(). Returns FALSE (and leaves
 * @outcome alone) when @string is not one of them. */
gboolean     consult_outcome_from_string      (const char     *string,
                                               ConsultOutcome *outcome);

/* The outcome as shown to people, translated: "Suitable", "Defer", ... */
const char  *consult_outcome_get_label        (ConsultOutcome  outcome);

/* The stable identifier written to records: "unanswered", "no", "yes". */
const char  *consult_answer_to_string         (ConsultAnswer   answer);

/* The reverse of consult_answer_to_string(); FALSE when unknown. */
gboolean     consult_answer_from_string       (const char     *string,
                                               ConsultAnswer  *answer);

G_END_DECLS
