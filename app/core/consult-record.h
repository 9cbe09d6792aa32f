/* consult-record.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A consultation saved as a record: an XML file (content/record.xsd,
 * namespace urn:consult:record:1) holding everything the consultation
 * holds, plus a snapshot of the wording the client was shown and given (the
 * title, the treatment areas, every screening question and consent
 * statement as displayed, the alternatives discussed and the aftercare
 * instructions of the client copy, and the content's id, version, language
 * and SHA-256). A record therefore stands on its own: it is read back,
 * shown and printed without the content file, which may have changed
 * since.
 *
 * Records are health data. They are written atomically: the bytes go to a
 * temporary file (NAME.XXXXXX, mode 0600) beside the target, which is
 * flushed to disk and renamed over it, so that the target is always either
 * the previous record or the new one, never half of one. Folders made for
 * records are 0700. A crash can leave the temporary file behind, holding
 * patient data: consult_record_clean_leftovers() removes such files.
 *
 * Reading goes through the same safe parse as the content (consult-xml.h:
 * no DTD, no entities, no network, a size cap), then the schema, then the
 * checks the schema cannot express. A file that fails is reported, every
 * problem as FILE:LINE:COLUMN: message, and left exactly as it was: reading
 * never writes, moves or deletes anything.
 *
 * The integrity digest
 * --------------------
 * Once anyone has signed, the record carries <integrity sha256="..."/>:
 * the SHA-256 of the canonical form below, computed from the consultation
 * when the record is written. Reading recomputes it from what was read;
 * a difference means the file was changed after signing, and the record is
 * refused ("the record was modified after it was signed").
 *
 * Partial signatures: the digest is written as soon as one signature is
 * given, not only when both are. A consultation drops a lone signature as
 * soon as anything it covers changes (consult-consultation.h), so a record
 * written by Consult with one signature always matches it; a file edited by
 * hand does not. Strokes drawn but not yet signed are not covered: they are
 * not a signature yet. A draft no one has signed has no digest.
 *
 * The canonical form (version 1) is a sequence of fields, each written as
 *   NAME SPACE LENGTH ":" VALUE LINEFEED
 * where LENGTH is the byte length of VALUE in decimal. The length prefix
 * makes the form unambiguous whatever the values hold. Text values are
 * UTF-8 with the characters XML 1.0 cannot hold replaced by U+FFFD, as the
 * record holds them; wording from the content is its Pango markup (<i> for
 * emphasis). Times are as written in the record (whole seconds, with the
 * offset); numbers in points as in the record. The fields, in this order:
 *   "consult-record-digest" "1"
 *   "record-id", "created", "amends" ("" when none)
 *   "content-id", "content-version", "content-reviewed", "content-sha256",
 *   "content-lang", "content-title"
 *   per snapshot area, in content order: "area" id, "area-label"
 *   per snapshot question: "question" id, "rule", "label", "ask", "action"
 *   per snapshot statement: "statement" id, "kind", "required"
 *     ("true"/"false"), "text"
 *   per snapshot alternative: "alternative" id, "text"
 *   per snapshot aftercare window: "window" id, "window-label", then per
 *     instruction in it: "instruction" id, "text"
 *   "client-name", "client-birth-date", "client-contact"
 *   per selected area, in content order: "client-area" id
 *   "practitioner-name", "date"
 *   "discussed-procedure", "discussed-benefits", "discussed-side-effects"
 *   per question: "answer" id, "value" (unanswered/no/yes), "note"
 *   "outcome", then per deciding question: "reason" id
 *   "notes"
 *   per statement ticked, in content order: "accepted" id
 *   per signed signature, client first: "signature" signer, "name",
 *     "signed-at", then per stroke: "stroke" points
 * The record's modified time and app version are not covered: writing a
 * signed record again, or with a newer Consult, does not change what was
 * signed.
 *
 * The digest detects changes; it is not a cryptographic signature, and it
 * does not stop someone who recomputes it after a change.
 */

#pragma once

#include <gio/gio.h>

#include "consult-consultation.h"

G_BEGIN_DECLS

/* The namespace of a record document. */
#define CONSULT_RECORD_NAMESPACE "urn:consult:record:1"

/* Where the schema lives in the GResource. */
#define CONSULT_RECORD_SCHEMA_RESOURCE "/io/github/consult/Consult/content/record.xsd"

/* The file name suffix of a record. */
#define CONSULT_RECORD_SUFFIX ".xml"

#define CONSULT_RECORD_ERROR (consult_record_error_quark ())

/* Errors of this module. Problems with a file's contents (not readable,
 * not well-formed, invalid) are CONSULT_XML_ERROR; writing fails with the
 * G_FILE_ERROR of the system call. */
typedef enum {
  CONSULT_RECORD_ERROR_MODIFIED, /* signed, and changed since: the digest does not match */
} ConsultRecordError;

GQuark consult_record_error_quark (void);

/* The record as XML: UTF-8, deterministic (the same consultation gives
 * the same bytes, but for the modified time, which is now). Returns NULL
 * with @error set if the consultation cannot be written. @len may be NULL. */
char                *consult_record_serialize       (ConsultConsultation  *consultation,
                                                     gsize                *len,
                                                     GError              **error);

/* Writes the record to @path atomically (see above), mode 0600, making
 * the folder (0700) when it is missing. On success clears the
 * consultation's "modified"; on failure the file at @path, if any, is as
 * it was. */
gboolean             consult_record_save            (ConsultConsultation  *consultation,
                                                     const char           *path,
                                                     GError              **error);

/* Reads the record at @path into a new consultation, built on a content
 * made from the record's snapshot (also its "content" property); every
 * field is restored, and a record both have signed loads locked. The
 * consultation is not "modified". @out_content (nullable) receives a
 * reference to that snapshot content. On failure, returns NULL with
 * @error holding every problem, one FILE:LINE:COLUMN: message a line;
 * the file is never changed. */
ConsultConsultation *consult_record_load_file       (const char           *path,
                                                     ConsultContent      **out_content,
                                                     GError              **error);

/* The same for a record in memory, named @display_name in messages. */
ConsultConsultation *consult_record_load_bytes      (GBytes               *bytes,
                                                     const char           *display_name,
                                                     ConsultContent      **out_content,
                                                     GError              **error);

/* Checks @bytes as the reader would, adding every problem found to
 * @problems (of ConsultProblem). Returns TRUE when there was none. */
gboolean             consult_record_check_bytes     (GBytes               *bytes,
                                                     const char           *display_name,
                                                     GPtrArray            *problems);

/* The SHA-256, in lower-case hex, of the canonical form of what
 * @consultation holds (see above), whether or not anyone has signed. */
char                *consult_record_compute_digest  (ConsultConsultation  *consultation);

/* The record this consultation amends: the record id of an earlier
 * record it corrects, or NULL. Setting it is refused (FALSE) once anyone
 * has signed, since the signatures cover it; @record_id must be a UUID or
 * NULL. */
const char          *consult_record_get_amends      (ConsultConsultation  *consultation);
/* A new, unsigned consultation that amends @original (usually a signed
 * record opened read-only): the same content snapshot, client, answers,
 * notes and ticks, a new record id and creation time, "amends" set to
 * the original's id, no signatures. The original is not changed. */
ConsultConsultation *consult_record_new_amendment   (ConsultConsultation  *original,
                                                     GError              **error);
gboolean             consult_record_set_amends      (ConsultConsultation  *consultation,
                                                     const char           *record_id);

/* Removes, from @folder alone, the temporary files an interrupted save
 * left behind: regular files owned by the user, named like a record
 * followed by a dot and six letters or digits (NAME.xml.XXXXXX). Nothing
 * else is touched: no other file, no link, no folder. Call it before
 * saving anything in @folder (at start-up), not while a save may be
 * running. Returns how many files were removed. */
guint                consult_record_clean_leftovers (const char           *folder);

/* The folder records go to by default: $XDG_DATA_HOME/consult/records. */
char                *consult_record_default_folder  (void);

/* Makes @folder (and its missing parents) with mode 0700 if it does not
 * exist. An existing folder is left as it is, except the default folder,
 * which is set to 0700 if anyone else could read it. */
gboolean             consult_record_ensure_folder   (const char           *folder,
                                                     GError              **error);

/* Makes @folder as consult_record_ensure_folder() does, then checks that
 * records can be written in it: FALSE, with a message that names it, for
 * a folder that cannot be made or written (a read-only home or file
 * system, a folder owned by someone else). */
gboolean             consult_record_check_folder_writable (const char     *folder,
                                                           GError        **error);

G_END_DECLS
