/* consult-autosave.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Autosave of the consultation in progress to a draft, so that a crash or
 * a kill loses at most the last few seconds of typing, and the next start
 * can offer to restore what was being done.
 *
 * A draft is a record (consult-record.h) of the consultation as it stood,
 * written to DRAFTS/RECORD-ID.xml, where DRAFTS is the drafts folder
 * ($XDG_DATA_HOME/consult/drafts by default, made 0700) and RECORD-ID the
 * consultation's "record-id". It is written as a record is: atomically,
 * mode 0600, flushed to disk, so a draft file is always a whole draft.
 *
 * When drafts are written:
 *   - Each "changed" of the watched consultation (re)starts a timer of
 *     "delay-ms" (2000 by default); when it fires, the draft is written.
 *     A burst of changes therefore gives one write. So that steady typing
 *     cannot put the write off for ever, the timer never runs past twice
 *     "delay-ms" after the first change not yet written.
 *   - The consultation is serialized on the main thread (it is not
 *     thread-safe); the bytes are written in a worker thread, so a slow
 *     disk never blocks the interface. Writes are done one at a time: a
 *     draft due while a write is running waits for it, and only its newest
 *     bytes are kept.
 *   - Nothing is written while the consultation is not "modified" (for
 *     instance once it was saved as a record before the timer fired).
 *   - Watching another consultation (or NULL) while a change is pending
 *     writes the pending change first, in the background.
 *   - The timer belongs to the object: a change still pending when it is
 *     finalized is lost. Call consult_autosave_flush() before quitting.
 *     A write already under way completes; the object lives until then,
 *     and is finalized on the main thread all the same.
 *
 * Signals:
 *   "saved" (const char *path): a draft was written.
 *   "failed" (GError *error): a draft could not be written or removed; the
 *     message is translated, names the file and says why, and is meant to
 *     be shown. The next change tries again.
 *
 * The draft and the record: a draft holds what was not saved as a record.
 * Once the consultation is saved as a record, closed on purpose, or
 * replaced by a new one after the user confirmed, the window calls
 * consult_autosave_discard(), which removes its draft. A draft found at
 * start-up whose record id is also that of a saved record is the window's
 * to handle (it is newer than the record, or it would have been removed).
 *
 * Restoring: at start-up, before autosaving anything, the window lists the
 * drafts with consult_autosave_find_drafts() and offers to restore them
 * with consult_autosave_load_draft(). A draft that cannot be read is
 * reported and never deleted by Consult on its own: the user decides,
 * through consult_autosave_remove_draft().
 */

#pragma once

#include <gio/gio.h>

#include "consult-consultation.h"

G_BEGIN_DECLS

#define CONSULT_TYPE_AUTOSAVE (consult_autosave_get_type ())
G_DECLARE_FINAL_TYPE (ConsultAutosave, consult_autosave, CONSULT, AUTOSAVE, GObject)

/* Properties:
 *   "drafts-folder"  string, construct-only: where drafts go; the default
 *                    folder when NULL
 *   "delay-ms"       uint: how long after a change the draft is written
 *   "consultation"   ConsultConsultation: the one watched, or NULL; setting
 *                    it is consult_autosave_watch() */

/* A new autosave writing to @drafts_folder, or to the default folder when
 * NULL. The folder is made (0700) when the first draft is written. */
ConsultAutosave     *consult_autosave_new               (const char           *drafts_folder);

const char          *consult_autosave_get_drafts_folder (ConsultAutosave      *self);

guint                consult_autosave_get_delay_ms      (ConsultAutosave      *self);
void                 consult_autosave_set_delay_ms      (ConsultAutosave      *self,
                                                         guint                 delay_ms);

/* Starts watching @consultation (NULL to stop), in place of the one
 * watched before. Watching writes nothing by itself: the first draft is
 * written after the first change. */
void                 consult_autosave_watch             (ConsultAutosave      *self,
                                                         ConsultConsultation  *consultation);
ConsultConsultation *consult_autosave_get_consultation  (ConsultAutosave      *self);

/* The draft of the watched consultation (whether it exists yet or not),
 * or NULL when none is watched. */
const char          *consult_autosave_get_draft_path    (ConsultAutosave      *self);

/* Writes, now and on this thread, whatever is not on disk yet: the
 * pending change of the watched consultation, and drafts waiting for or
 * in the middle of a write (which it waits for). Emits "saved" or
 * "failed" for each before it returns. Returns FALSE when a write failed.
 * Call it before quitting. */
gboolean             consult_autosave_flush             (ConsultAutosave      *self);

/* Cancels the pending change of the watched consultation and removes its
 * draft (a write in flight is removed once done). Emits "failed" when the
 * draft exists but cannot be removed. Keeps watching: a later change
 * writes a new draft. */
void                 consult_autosave_discard           (ConsultAutosave      *self);

/* Where drafts go by default: $XDG_DATA_HOME/consult/drafts. */
char                *consult_autosave_default_folder    (void);

/* The drafts in @drafts_folder (the default folder when NULL): the paths
 * of the regular files named *.xml that the user owns, newest first.
 * Links, folders and other files are ignored; a missing folder has none.
 * First removes the temporary files interrupted writes left there
 * (consult_record_clean_leftovers()): call it at start-up, before anything
 * autosaves into that folder. */
GPtrArray           *consult_autosave_find_drafts       (const char           *drafts_folder);

/* Reads the draft at @path. The consultation is "modified": it was never
 * saved as a record. On failure, returns NULL with @error holding every
 * problem (as consult_record_load_file() does); the file is left as it
 * was. */
ConsultConsultation *consult_autosave_load_draft        (const char           *path,
                                                         GError              **error);

/* Removes the draft at @path, when the user chose to discard it. A draft
 * that is already gone is not an error. */
gboolean             consult_autosave_remove_draft      (const char           *path,
                                                         GError              **error);

G_END_DECLS
