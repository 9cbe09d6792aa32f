/* consult-types.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Enumerations shared by the consultation model, the screening rules and
 * the pages that show them. Each has a GType, so it can be the type of a
 * GObject property; the nicks are stable and may be written to records.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The client's answer to one screening question. */
typedef enum {
  CONSULT_ANSWER_UNANSWERED,
  CONSULT_ANSWER_NO,
  CONSULT_ANSWER_YES,
} ConsultAnswer;

/* What the screening answers say about going ahead (consult-screening.h).
 * INCOMPLETE while a question is unanswered or a precaution is not yet
 * recorded; the others are ordered from best to worst. */
typedef enum {
  CONSULT_OUTCOME_INCOMPLETE,
  CONSULT_OUTCOME_SUITABLE,
  CONSULT_OUTCOME_SUITABLE_WITH_PRECAUTIONS,
  CONSULT_OUTCOME_DEFER,
  CONSULT_OUTCOME_NOT_SUITABLE,
} ConsultOutcome;

/* The three explanation steps, each ticked off once it has been discussed
 * with the client. */
typedef enum {
  CONSULT_EXPLANATION_PROCEDURE,
  CONSULT_EXPLANATION_BENEFITS,
  CONSULT_EXPLANATION_SIDE_EFFECTS,
} ConsultExplanation;

#define CONSULT_N_EXPLANATIONS (CONSULT_EXPLANATION_SIDE_EFFECTS + 1)

/* Who signs the consent. */
typedef enum {
  CONSULT_SIGNER_CLIENT,
  CONSULT_SIGNER_PRACTITIONER,
} ConsultSigner;

#define CONSULT_N_SIGNERS (CONSULT_SIGNER_PRACTITIONER + 1)

/* The steps of a consultation, in the order they are taken. (ConsultStep is
 * a step of the procedure itself, in consult-content.h.) */
typedef enum {
  CONSULT_FLOW_STEP_CLIENT,
  CONSULT_FLOW_STEP_PROCEDURE,
  CONSULT_FLOW_STEP_BENEFITS,
  CONSULT_FLOW_STEP_SIDE_EFFECTS,
  CONSULT_FLOW_STEP_SCREENING,
  CONSULT_FLOW_STEP_CONSENT,
  CONSULT_FLOW_STEP_SUMMARY,
} ConsultFlowStep;

#define CONSULT_N_FLOW_STEPS (CONSULT_FLOW_STEP_SUMMARY + 1)

/* Where a step stands, for the step list. ATTENTION means "look here before
 * going on" (a minor, a precaution without its note, a screening that does
 * not allow treatment); BLOCKED means the step cannot be taken yet. */
typedef enum {
  CONSULT_STEP_STATE_TODO,
  CONSULT_STEP_STATE_DONE,
  CONSULT_STEP_STATE_ATTENTION,
  CONSULT_STEP_STATE_BLOCKED,
} ConsultStepState;

#define CONSULT_TYPE_ANSWER      (consult_answer_get_type ())
#define CONSULT_TYPE_OUTCOME     (consult_outcome_get_type ())
#define CONSULT_TYPE_EXPLANATION (consult_explanation_get_type ())
#define CONSULT_TYPE_SIGNER      (consult_signer_get_type ())
#define CONSULT_TYPE_FLOW_STEP   (consult_flow_step_get_type ())
#define CONSULT_TYPE_STEP_STATE  (consult_step_state_get_type ())

GType consult_answer_get_type      (void) G_GNUC_CONST;
GType consult_outcome_get_type     (void) G_GNUC_CONST;
GType consult_explanation_get_type (void) G_GNUC_CONST;
GType consult_signer_get_type      (void) G_GNUC_CONST;
GType consult_flow_step_get_type   (void) G_GNUC_CONST;
GType consult_step_state_get_type  (void) G_GNUC_CONST;

G_END_DECLS
