/* consult-record-index.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The records in a folder, for listing: who, when, which procedure, and
 * whether both have signed, read from each record's header fields. The
 * index follows the folder: a change to it (a record saved, removed or
 * renamed) reloads the list shortly after.
 *
 * Listing is not reading: a record is not validated here, only parsed with
 * the safe reader (consult-xml.h: no DTD, no entities, no network, a size
 * cap). A file that cannot be read, is not well-formed XML or is not a
 * Consult record is left out of the list and counted in "n-skipped"; it
 * is reported in full when someone opens it. The index only ever reads:
 * it never writes, moves or deletes a file.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CONSULT_TYPE_RECORD_INFO (consult_record_info_get_type ())
G_DECLARE_FINAL_TYPE (ConsultRecordInfo, consult_record_info, CONSULT, RECORD_INFO, GObject)

/* One record, as listed. Immutable: a changed file gives a new info. */

/* The file, as given to consult_record_load_file(). */
const char *consult_record_info_get_path              (ConsultRecordInfo *self);
/* The record's UUID; "" when the file has none. */
const char *consult_record_info_get_record_id         (ConsultRecordInfo *self);
/* The client's name on one line; "" when not given yet. */
const char *consult_record_info_get_client_name       (ConsultRecordInfo *self);
/* The date of the consultation as YYYY-MM-DD, or NULL when the file has
 * no real date. */
const char *consult_record_info_get_consultation_date (ConsultRecordInfo *self);
/* When the record was last written: its "modified" time, or the file's
 * modification time when the record has no valid one. */
GDateTime  *consult_record_info_get_modified          (ConsultRecordInfo *self);
/* Whether both the client and the practitioner have signed. */
gboolean    consult_record_info_get_signed            (ConsultRecordInfo *self);
/* The screening outcome as written ("suitable", "defer", ... see
 * consult_outcome_from_string()); "" when the file has none. */
const char *consult_record_info_get_outcome           (ConsultRecordInfo *self);
/* The procedure's title, plain text on one line; "" when missing. */
const char *consult_record_info_get_procedure_title   (ConsultRecordInfo *self);

/* Whether @self matches what was typed in a search: @query (trimmed) is
 * empty, or found in the client's name (ignoring case and accents), or in
 * the consultation date written as YYYY-MM-DD or in the locale's short
 * form (strftime's %x). */
gboolean    consult_record_info_matches               (ConsultRecordInfo *self,
                                                       const char        *query);

#define CONSULT_TYPE_RECORD_INDEX (consult_record_index_get_type ())
G_DECLARE_FINAL_TYPE (ConsultRecordIndex, consult_record_index, CONSULT, RECORD_INDEX, GObject)

/* The records (*.xml regular files, hidden ones aside) directly in
 * @folder, as a GListModel of ConsultRecordInfo, most recently modified
 * first. The first scan starts at once and the folder is watched from
 * then on; until the first scan ends the list is empty and "loaded" is
 * FALSE. A folder that does not exist is an empty list. */
ConsultRecordIndex *consult_record_index_new           (const char          *folder);

const char         *consult_record_index_get_folder    (ConsultRecordIndex  *self);
/* Whether a scan has completed, so that an empty list means no records. */
gboolean            consult_record_index_get_loaded    (ConsultRecordIndex  *self);
/* How many *.xml files the last scan left out as unreadable. */
guint               consult_record_index_get_n_skipped (ConsultRecordIndex  *self);

/* Scans the folder again, in a thread, and updates the list. Only files
 * changed since the last scan are read again. Fails when the folder
 * exists but cannot be listed; the list is then left as it was. */
void                consult_record_index_reload_async  (ConsultRecordIndex  *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean            consult_record_index_reload_finish (ConsultRecordIndex  *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

G_END_DECLS
