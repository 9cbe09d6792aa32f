/* consult-consultation.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One consultation: who the client is, what was explained, the screening
 * answers and notes, the consent statements and the two signatures. It is
 * the single source of truth: the step pages bind to its properties and
 * change it only through this API; the record and the summary read it.
 *
 * Derived state (the screening outcome, the age, whether consent may be
 * given, the state of each step) is computed from the stored state on
 * demand and never stored, so it cannot go stale; the derived properties
 * are notified whenever their inputs change.
 *
 * Editing and signing:
 *   - Every setter returns early, emitting nothing, when the value does not
 *     change. Otherwise it notifies the property, then the derived ones
 *     that changed, sets "modified", and emits "changed" once.
 *   - Once both have signed, the consultation is "locked": the setters
 *     refuse every change and return FALSE (a setter called with the value
 *     already held still returns TRUE). consult_consultation_amend() clears
 *     both signatures to allow changes again.
 *   - While only one has signed, a change to what was signed (any setter)
 *     clears that signature: it no longer matches what it signed, and the
 *     signer signs again.
 *   - Ticking a statement and signing need consult_consultation_can_consent().
 *
 * Strings are never NULL: "" means unset, and setting NULL is setting "".
 * Dates are "YYYY-MM-DD" strings (see consult_date_from_iso()).
 */

#pragma once

#include <gio/gio.h>

#include "consult-content.h"
#include "consult-screening.h"
#include "consult-signature.h"
#include "consult-types.h"

G_BEGIN_DECLS

/* Below this age the client is flagged as a minor. */
#define CONSULT_AGE_OF_MAJORITY 18

#define CONSULT_CONSULTATION_ERROR (consult_consultation_error_quark ())

/* Why consult_consultation_sign() refused. The messages are translated and
 * meant to be shown. */
typedef enum {
  CONSULT_CONSULTATION_ERROR_LOCKED,           /* both have signed already */
  CONSULT_CONSULTATION_ERROR_ALREADY_SIGNED,   /* this signer has signed */
  CONSULT_CONSULTATION_ERROR_NOT_ALLOWED,      /* consult_consultation_can_consent() is FALSE */
  CONSULT_CONSULTATION_ERROR_STATEMENTS,       /* a required statement is not ticked */
  CONSULT_CONSULTATION_ERROR_EMPTY_SIGNATURE,  /* nothing drawn */
  CONSULT_CONSULTATION_ERROR_NO_NAME,          /* the typed name is empty */
} ConsultConsultationError;

GQuark consult_consultation_error_quark (void);

#define CONSULT_TYPE_CONSULTATION (consult_consultation_get_type ())
G_DECLARE_FINAL_TYPE (ConsultConsultation, consult_consultation, CONSULT, CONSULTATION, GObject)

/* Properties:
 *   "content"            ConsultContent, construct-only
 *   "record-id"          string, construct-only: a random UUID when not given
 *   "created"            GDateTime, construct-only: now when not given
 *   "client-name", "client-birth-date", "client-contact",
 *   "practitioner-name", "consultation-date" (today by default),
 *   "general-notes"      string, read-write
 *   "selected-areas"     GStrv, read-only, content order
 *   "outcome"            ConsultOutcome, read-only
 *   "age"                int, read-only: whole years on the consultation
 *                        date; -1 when the birth date is unset or later
 *   "is-minor"           boolean, read-only
 *   "can-consent"        boolean, read-only
 *   "locked"             boolean, read-only
 *   "modified"           boolean: set by any change; cleared after a save
 *
 * Signal "changed": emitted once after any change, the signatures' strokes
 * included, after the property notifications (for autosave). */

/* "record-id" and "created" are passed to g_object_new() by a record
 * reader restoring a saved consultation. */
ConsultConsultation *consult_consultation_new (ConsultContent *content);

ConsultContent *consult_consultation_get_content   (ConsultConsultation *self);
const char     *consult_consultation_get_record_id (ConsultConsultation *self);
GDateTime      *consult_consultation_get_created   (ConsultConsultation *self);

/* Client details. The date setters take "" or a valid "YYYY-MM-DD"
 * (anything else is a programmer error); the consultation date cannot be
 * unset. */
const char *consult_consultation_get_client_name         (ConsultConsultation *self);
gboolean    consult_consultation_set_client_name         (ConsultConsultation *self,
                                                          const char          *name);
const char *consult_consultation_get_client_birth_date   (ConsultConsultation *self);
gboolean    consult_consultation_set_client_birth_date   (ConsultConsultation *self,
                                                          const char          *date);
const char *consult_consultation_get_client_contact      (ConsultConsultation *self);
gboolean    consult_consultation_set_client_contact      (ConsultConsultation *self,
                                                          const char          *contact);
const char *consult_consultation_get_practitioner_name   (ConsultConsultation *self);
gboolean    consult_consultation_set_practitioner_name   (ConsultConsultation *self,
                                                          const char          *name);
const char *consult_consultation_get_consultation_date   (ConsultConsultation *self);
gboolean    consult_consultation_set_consultation_date   (ConsultConsultation *self,
                                                          const char          *date);
const char *consult_consultation_get_general_notes       (ConsultConsultation *self);
gboolean    consult_consultation_set_general_notes       (ConsultConsultation *self,
                                                          const char          *notes);

/* Treatment areas, by the content's area ids (an unknown id is a
 * programmer error). get_selected_areas() returns a new array, in
 * content order. */
gboolean    consult_consultation_set_area_selected       (ConsultConsultation *self,
                                                          const char          *area_id,
                                                          gboolean             selected);
gboolean    consult_consultation_is_area_selected        (ConsultConsultation *self,
                                                          const char          *area_id);
char      **consult_consultation_get_selected_areas      (ConsultConsultation *self);

/* The explanation steps, ticked once discussed with the client. */
gboolean    consult_consultation_set_discussed           (ConsultConsultation *self,
                                                          ConsultExplanation   explanation,
                                                          gboolean             discussed);
gboolean    consult_consultation_get_discussed           (ConsultConsultation *self,
                                                          ConsultExplanation   explanation);

/* Screening answers and the practitioner's note on each question, by the
 * content's question ids (an unknown id is a programmer error). A caution
 * "yes" needs a note saying which precaution is taken. */
gboolean       consult_consultation_set_answer           (ConsultConsultation *self,
                                                          const char          *question_id,
                                                          ConsultAnswer        answer);
ConsultAnswer  consult_consultation_get_answer           (ConsultConsultation *self,
                                                          const char          *question_id);
gboolean       consult_consultation_set_note             (ConsultConsultation *self,
                                                          const char          *question_id,
                                                          const char          *note);
const char    *consult_consultation_get_note             (ConsultConsultation *self,
                                                          const char          *question_id);

/* The screening as it stands: outcome, reasons, what is missing. A new
 * result each time; free it with consult_screening_result_free(). */
ConsultScreeningResult *consult_consultation_dup_screening (ConsultConsultation *self);
ConsultOutcome consult_consultation_get_outcome          (ConsultConsultation *self);

int         consult_consultation_get_age                 (ConsultConsultation *self);
gboolean    consult_consultation_get_is_minor            (ConsultConsultation *self);

/* Consent statements, by the content's statement ids. Ticking one is
 * refused (FALSE) unless consent may be given; unticking is always allowed
 * until locked. */
gboolean    consult_consultation_set_statement_accepted  (ConsultConsultation *self,
                                                          const char          *statement_id,
                                                          gboolean             accepted);
gboolean    consult_consultation_get_statement_accepted  (ConsultConsultation *self,
                                                          const char          *statement_id);
/* TRUE when every required statement is ticked. */
gboolean    consult_consultation_get_statements_complete (ConsultConsultation *self);

/* TRUE when the client details are complete, the three explanations have
 * been discussed and the screening is complete with an outcome that allows
 * treatment. A minor does not prevent consent; the client step shows
 * ATTENTION instead. */
gboolean    consult_consultation_can_consent             (ConsultConsultation *self);

/* Where each step stands:
 *   CLIENT:       ATTENTION for a minor or a birth date after the
 *                 consultation date; DONE with a name, a birth date, at
 *                 least one area and the practitioner; TODO otherwise.
 *   PROCEDURE, BENEFITS, SIDE_EFFECTS: DONE once discussed, else TODO.
 *   SCREENING:    ATTENTION when a caution note is missing or the answers
 *                 so far defer or exclude treatment; DONE when complete;
 *                 TODO otherwise.
 *   CONSENT:      DONE when both have signed; BLOCKED unless
 *                 consult_consultation_can_consent(); TODO otherwise.
 *   SUMMARY:      DONE when both have signed, TODO otherwise. */
ConsultStepState consult_consultation_get_step_state     (ConsultConsultation *self,
                                                          ConsultFlowStep      step);

/* The signatures, owned by the consultation. The pad draws into them;
 * signing goes through consult_consultation_sign(), and undoing a
 * signature through consult_consultation_clear_signature() or
 * consult_consultation_amend(), which respect the lock.
 *
 * A record reader restoring a saved consultation sets everything else
 * first, then fills in the signatures directly (strokes, signer name, then
 * signed-at: see consult-signature.h), and finally clears "modified". A
 * signed-at time set that way is taken as it is, without the checks of
 * consult_consultation_sign(). */
ConsultSignature *consult_consultation_get_signature     (ConsultConsultation *self,
                                                          ConsultSigner        signer);

/* Signs for @signer: records @typed_name (trimmed) and the time now on the
 * signature. Fails, changing nothing, with a CONSULT_CONSULTATION_ERROR
 * when the consultation is locked, @signer has signed already, consent may
 * not be given, a required statement is not ticked, nothing is drawn or
 * @typed_name is empty. */
gboolean    consult_consultation_sign                    (ConsultConsultation *self,
                                                          ConsultSigner        signer,
                                                          const char          *typed_name,
                                                          GError             **error);
gboolean    consult_consultation_is_signed               (ConsultConsultation *self,
                                                          ConsultSigner        signer);

/* Clears one signature (strokes, name and time) so it can be drawn again.
 * Refused (FALSE) when locked. */
gboolean    consult_consultation_clear_signature         (ConsultConsultation *self,
                                                          ConsultSigner        signer);

/* TRUE once both have signed. */
gboolean    consult_consultation_get_locked              (ConsultConsultation *self);

/* Unlocks a signed consultation for corrections by clearing both
 * signatures. Everything else is kept; both sign again afterwards. */
void        consult_consultation_amend                   (ConsultConsultation *self);

gboolean    consult_consultation_get_modified            (ConsultConsultation *self);
void        consult_consultation_set_modified            (ConsultConsultation *self,
                                                          gboolean             modified);

/* Dates. consult_date_from_iso() accepts exactly "YYYY-MM-DD", a real
 * calendar date (year 1 to 9999); @date may be NULL to only check. */
gboolean    consult_date_from_iso                        (const char          *text,
                                                          GDate               *date);
char       *consult_date_to_iso                          (const GDate         *date);

/* Whole years from @birth to @on; -1 when @birth is later than @on. A
 * birthday on 29 February is reached on 1 March in other years. */
int         consult_date_age_on                          (const GDate         *birth,
                                                          const GDate         *on);

G_END_DECLS
