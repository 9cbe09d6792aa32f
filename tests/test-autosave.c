/* test-autosave.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Autosave: a change is written to a draft shortly after it is made, once
 * for a burst of changes and even during steady typing, in a worker
 * thread, one write at a time; the draft reads back as the consultation
 * it was, marked modified. flush() writes at once, discard() removes the
 * draft, and failures are reported with the file's name. A process killed
 * after a draft was written leaves that draft, whole, to restore; a bad
 * draft is reported and left where it is; only drafts are listed, and the
 * leftovers of interrupted writes are removed.
 *
 * The delay is 50 ms here, so the tests run the main loop for a few
 * hundred milliseconds at most.
 */

#include "consult-config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>
#include <glib/gstdio.h>

#include "consult-autosave-private.h"
#include "consult-content-loader.h"
#include "consult-record.h"
#include "consult-test-utils.h"

#define DELAY_MS 50

/* Long enough for anything that should happen to have happened. */
#define WAIT_MS 5000

#define NAME     "Jane Example"
#define QUESTION "cold-sore-history"
#define NOTE     "Cold sores twice a year; antiviral taken as prescribed."

/* Helpers */

static ConsultContent *
load_shipped (void)
{
  g_autoptr(GError) error = NULL;
  ConsultContent *content = consult_content_load_default (&error);

  ck_assert_msg (content != NULL, "%s", error ? error->message : "");
  return content;
}

/* A name, an answer and a note: three changes. */
static gboolean
fill_in (ConsultConsultation *c)
{
  return consult_consultation_set_client_name (c, NAME) &&
         consult_consultation_set_answer (c, QUESTION, CONSULT_ANSWER_YES) &&
         consult_consultation_set_note (c, QUESTION, NOTE);
}

typedef struct {
  guint saved;
  guint failed;
  guint want;
  char *last_path;
  GError *last_error;
  gint64 saved_at;
} Events;

static void
saved_cb (ConsultAutosave *autosave,
          const char      *path,
          Events          *events)
{
  events->saved++;
  events->saved_at = g_get_monotonic_time ();
  g_free (events->last_path);
  events->last_path = g_strdup (path);
}

static void
failed_cb (ConsultAutosave *autosave,
           const GError    *error,
           Events          *events)
{
  events->failed++;
  g_clear_error (&events->last_error);
  events->last_error = g_error_copy (error);
}

static void
events_clear (Events *events)
{
  g_clear_pointer (&events->last_path, g_free);
  g_clear_error (&events->last_error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Events, events_clear)

static ConsultAutosave *
new_autosave (const char *folder,
              Events     *events)
{
  ConsultAutosave *autosave = consult_autosave_new (folder);

  consult_autosave_set_delay_ms (autosave, DELAY_MS);
  g_signal_connect (autosave, "saved", G_CALLBACK (saved_cb), events);
  g_signal_connect (autosave, "failed", G_CALLBACK (failed_cb), events);

  return autosave;
}

static gboolean
saved_enough (gpointer data)
{
  Events *events = data;

  return events->saved >= events->want;
}

static gboolean
has_failed (gpointer data)
{
  return ((Events *) data)->failed > 0;
}

static void
wait_saved (Events *events,
            guint   n)
{
  events->want = n;
  ck_assert_msg (consult_test_wait_until (saved_enough, events, WAIT_MS),
                 "%u drafts saved, expected %u (%s)", events->saved, n,
                 events->last_error ? events->last_error->message : "no failure");
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* Runs the main loop for @ms. */
static void
spin (guint ms)
{
  consult_test_wait_until (never, NULL, ms);
}

static gboolean
is_idle (gpointer data)
{
  return !_consult_autosave_is_busy (data);
}

static void
wait_idle (ConsultAutosave *autosave)
{
  ck_assert (consult_test_wait_until (is_idle, autosave, WAIT_MS));
  consult_test_flush ();
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  ck_assert_int_eq (g_stat (path, &st), 0);
  return st.st_mode & 07777;
}

static guint
count_entries (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  ck_assert_ptr_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  ck_assert_msg (g_file_get_contents (path, &text, NULL, &error), "%s",
                 error ? error->message : "");
  return text;
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  ck_assert_msg (g_file_set_contents (path, text, -1, &error), "%s",
                 error ? error->message : "");
}

/* The draft at @path holds what fill_in() entered, and @notes. */
static void
assert_draft (const char          *path,
              ConsultConsultation *original,
              const char          *notes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsultConsultation) read = consult_autosave_load_draft (path, &error);

  ck_assert_msg (read != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (consult_consultation_get_record_id (read),
                    consult_consultation_get_record_id (original));
  ck_assert_str_eq (consult_consultation_get_client_name (read), NAME);
  ck_assert_int_eq (consult_consultation_get_answer (read, QUESTION), CONSULT_ANSWER_YES);
  ck_assert_str_eq (consult_consultation_get_note (read, QUESTION), NOTE);
  ck_assert_str_eq (consult_consultation_get_general_notes (read), notes);
  /* Never saved as a record. */
  ck_assert (consult_consultation_get_modified (read));
}

/* A writer held at the gate until the test opens it. */
typedef struct {
  GMutex mutex;
  GCond cond;
  gboolean open;
  guint entered;
  GThread *thread;
} Gate;

static void
gate_init (Gate *gate)
{
  g_mutex_init (&gate->mutex);
  g_cond_init (&gate->cond);
}

static void
gate_hook (gpointer data)
{
  Gate *gate = data;

  g_mutex_lock (&gate->mutex);
  gate->entered++;
  gate->thread = g_thread_self ();
  /* The main loop may be waiting for this. */
  g_main_context_wakeup (NULL);
  while (!gate->open)
    g_cond_wait (&gate->cond, &gate->mutex);
  g_mutex_unlock (&gate->mutex);
}

static void
gate_clear (Gate *gate)
{
  g_mutex_clear (&gate->mutex);
  g_cond_clear (&gate->cond);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Gate, gate_clear)

static guint
gate_entered (Gate *gate)
{
  guint entered;

  g_mutex_lock (&gate->mutex);
  entered = gate->entered;
  g_mutex_unlock (&gate->mutex);

  return entered;
}

static gboolean
gate_reached (gpointer data)
{
  return gate_entered (data) > 0;
}

static void
gate_open (Gate *gate)
{
  g_mutex_lock (&gate->mutex);
  gate->open = TRUE;
  g_cond_broadcast (&gate->cond);
  g_mutex_unlock (&gate->mutex);
}

static gpointer
open_later (gpointer data)
{
  g_usleep (100 * 1000);
  gate_open (data);
  return NULL;
}

/* A hook that lets the writer through at once, noting its thread. */
static void
note_thread_hook (gpointer data)
{
  *(GThread **) data = g_thread_self ();
}

/* Writing */

START_TEST (test_draft_after_delay)
{
  g_autoptr(ConsultContent) content = load_shipped ();
  g_autoptr(ConsultConsultation) c = consult_consultation_new (content);
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *outer = g_build_filename (dir, "new", NULL);
  g_autofree char *folder = g_build_filename (outer, "drafts", NULL);
  g_autofree char *name = g_strconcat (consult_consultation_get_record_id (c), ".xml", NULL);
  g_autofree char *expected = g_build_filename (folder, name, NULL);
  g_auto(Events) events = { 0 };
  ConsultAutosave *autosave = new_autosave (folder, &events);
  gint64 changed_at;

  ck_assert_str_eq (consult_autosave_get_drafts_folder (autosave), folder);
  ck_assert_uint_eq (consult_autosave_get_delay_ms (autosave), DELAY_MS);
  ck_assert_ptr_null (consult_autosave_get_draft_path (autosave));

  consult_autosave_watch (autosave, c);
  ck_assert_ptr_eq (consult_autosave_get_consultation (autosave), c);
  ck_assert_str_eq (consult_autosave_get_draft_path (autosave), expected);

  /* Watching writes nothing. */
  spin (3 * DELAY_MS);
  ck_assert_uint_eq (events.saved, 0);
  ck_assert (!g_file_test (folder, G_FILE_TEST_EXISTS));

  ck_assert (fill_in (c));
  changed_at = g_get_monotonic_time ();
  ck_assert (!g_file_test (expected, G_FILE_TEST_EXISTS));

  wait_saved (&events, 1);
  ck_assert_uint_eq (events.failed, 0);
  ck_assert_str_eq (events.last_path, expected);
  /* Not before the delay (less a little for the timer's rounding). */
  ck_assert_int_ge (events.saved_at - changed_at, (DELAY_MS - 5) * 1000);

  ck_assert_int_eq (file_mode (expected), 0600);
  ck_assert_int_eq (file_mode (folder), 0700);
  ck_assert_int_eq (file_mode (outer), 0700);
  assert_draft (expected, c, "");

  /* The next change rewrites the same draft. */
  ck_assert (consult_consultation_set_general_notes (c, "Second visit."));
  wait_saved (&events, 2);
  ck_assert_uint_eq (count_entries (folder), 1);
  assert_draft (expected, c, "Second visit.");

  /* Nothing is left running that would keep it alive. */
  wait_idle (autosave);
  g_object_add_weak_pointer (G_OBJECT (autosave), (gpointer *) &autosave);
  g_object_unref (autosave);
  ck_assert_ptr_null (autosave);
}
END_TEST

START_TEST (test_one_write_per_burst)
{
  g_autoptr(ConsultContent) content = load_shipped ();
  g_autoptr(ConsultConsultation) c = consult_consultation_new (content);
  g_autofree char *folder = consult_test_make_tmpdir ();
  g_auto(Events) events = { 0 };
  g_autoptr(ConsultAutosave) autosave = new_autosave (folder, &events);

  consult_autosave_watch (autosave, c);

  /* Twenty changes as fast as they come. */
  ck_assert (fill_in (c));
  for (guint i = 0; i < 17; i++)
    {
      g_autofree char *notes = g_strdup_printf ("Note %u", i);

      ck_assert (consult_consultation_set_general_notes (c, notes));
    }

  wait_saved (&events, 1);
  spin (4 * DELAY_MS);
  ck_assert_uint_eq (events.saved, 1);
  assert_draft (consult_autosave_get_draft_path (autosave), c, "Note 16");
}
END_TEST

START_TEST (test_steady_typing)
{
  g_autoptr(ConsultContent) content = load_shipped ();
  g_autoptr(ConsultConsultation) c = consult_consultation_new (content);
  g_autofree char *folder = consult_test_make_tmpdir ();
  g_auto(Events) events = { 0 };
  g_autoptr(ConsultAutosave) autosave = new_autosave (folder, &events);
  g_autoptr(GString) notes = g_string_new (NULL);
  gint64 start;

  consult_autosave_watch (autosave, c);
  ck_assert (fill_in (c));

  /* A key every 20 ms, each within the delay of the one before, for 15
   * delays: a draft is still written while the typing goes on. */
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 15 * DELAY_MS * 1000)
    {
      g_string_append_c (notes, 'a');
      ck_assert (consult_consultation_set_general_notes (c, notes->str));
      spin (20);
    }

  ck_assert_uint_ge (events.saved, 2);
  ck_assert_uint_eq (events.failed, 0);
}
END_TEST

START_TEST (test_off_main_thread)
{
  g_autoptr(ConsultContent) content = load_shipped ();
  g_autoptr(ConsultConsultation) c = consult_consultation_new (content);
  g_autofree char *folder = consult_test_make_tmpdir ();
  g_auto(Events) events = { 0 };
  g_autoptr(ConsultAutosave) autosave = new_autosave (folder, &events);
  GThread *hooked = NULL;
  GThread *writer;

  _consult_autosave_set_write_hooks (autosave, note_thread_hook, NULL, &hooked);
  consult_autosave_watch (autosave, c);
  ck_assert_ptr_null (_consult_autosave_get_last_writer (autosave));

  ck_assert (fill_in (c));
  wait_saved (&events, 1);
  writer = _consult_autosave_get_last_writer (autosave);
  ck_assert_ptr_nonnull (writer);
  ck_assert_ptr_ne (writer, g_thread_self ());
  ck_assert_ptr_eq (writer, hooked);

  /* flush() writes on the caller's thread. */
  ck_assert (consult_consultation_set_general_notes (c, "Flushed."));
  ck_assert (consult_autosave_flush (autosave));
  ck_assert_ptr_eq (_consult_autosave_get_last_writer (autosave), g_thread_self ());
  ck_assert_ptr_eq (hooked, g_thread_self ());
}
END_TEST

START_TEST (test_one_write_at_a_time)
{
  g_autoptr(ConsultContent) content = load_shipped ();
  g_autoptr(ConsultConsultation) c = consult_consultation_new (content);
  g_autofree char *folder = consult_test_make_tmpdir ();
  g_auto(Events) events = { 0 };
  g_autoptr(ConsultAutosave) autosave = new_autosave (folder, &events);
  g_auto(Gate) gate = { 0 };

  gate_init (&gate);
  _consult_autosave_set_write_hooks (autosave, gate_hook, NULL, &gate);
  consult_autosave_watch (autosave, c);

  ck_assert (fill_in (c));
  ck_assert (consult_test_wait_until (gate_reached, &gate, WAIT_MS));

  /* Two more drafts fall due while the first is being written: neither
   * starts, and the newer replaces the older. */
  ck_assert (consult_consultation_set_general_notes (c, "Two."));
  spin (3 * DELAY_MS);
  ck_assert (consult_consultation_set_general_notes (c, "Three."));
  spin (3 * DELAY_MS);
  ck_assert_uint_eq (gate_entered (&gate), 1);
  ck_assert_uint_eq (events.saved, 0);
  ck_assert (_consult_autosave_is_busy (autosave));

  gate_open (&gate);
  wait_saved (&events, 2);
  wait_idle (autosave);
  spin (3 * DELAY_MS);
  ck_assert_uint_eq (events.saved, 2);
  ck_assert_uint_eq (gate_entered (&gate), 2);
  ck_assert_uint_eq (events.failed, 0);
  assert_draft (consult_autosave_get_draft_path (autosave), c, "Three.");
}
END_TEST

START_TEST (test_flush)
{
  g_autoptr(ConsultContent) content = load_shipped ();
  g_autoptr(ConsultConsultation) c = consult_consultation_new (content);
  g_autofree char *folder = consult_test_make_tmpdir ();
  g_auto(Events) events = { 0 };
  g_autoptr(ConsultAutosave) autosave = new_autosave (folder, &events);
  const char *path;

  consult_autosave_watch (autosave, c);
  path = consult_autosave_get_draft_path (autosave);

  /* Nothing pending: nothing written. */
  ck_assert (consult_autosave_flush (autosave));
  ck_assert_uint_eq (events.saved, 0);
  ck_assert (!g_file_test (path, G_FILE_TEST_EXISTS));

  /* Written before it returns, and not again when the delay is over. */
  ck_assert (fill_in (c));
  ck_assert (consult_autosave_flush (autosave));
  ck_assert_uint_eq (events.saved, 1);
  ck_assert_str_eq (events.last_path, path);
  assert_draft (path, c, "");
  spin (4 * DELAY_MS);
  ck_assert_uint_eq (events.saved, 1);
}
END_TEST

START_TEST (test_flush_waits_for_write)
{
  g_autoptr(ConsultContent) content = load_shipped ();
  g_autoptr(ConsultConsultation) c = consult_consultation_new (content);
  g_autofree char *folder = consult_test_make_tmpdir ();
  g_auto(Events) events = { 0 };
  g_autoptr(ConsultAutosave) autosave = new_autosave (folder, &events);
  g_auto(Gate) gate = { 0 };
  GThread *opener;

  gate_init (&gate);
  _consult_autosave_set_write_hooks (autosave, gate_hook, NULL, &gate);
  consult_autosave_watch (autosave, c);

  ck_assert (fill_in (c));
  ck_assert (consult_test_wait_until (gate_reached, &gate, WAIT_MS));
  ck_assert (consult_consultation_set_general_notes (c, "Quitting."));

  /* flush() waits for the write in flight, then writes the newer draft
   * itself: the gate opens from another thread a little later. */
  opener = g_thread_new ("opener", open_later, &gate);
  ck_assert (consult_autosave_flush (autosave));
  g_thread_join (opener);
  ck_assert_uint_eq (events.saved, 2);
  ck_assert_uint_eq (gate_entered (&gate), 2);
  ck_assert_ptr_eq (_consult_autosave_get_last_writer (autosave), g_thread_self ());
  ck_assert (!_consult_autosave_is_busy (autosave));
  assert_draft (consult_autosave_get_draft_path (autosave), c, "Quitting.");

  /* The first write is not reported twice. */
  spin (4 * DELAY_MS);
  ck_assert_uint_eq (events.saved, 2);
  ck_assert_uint_eq (events.failed, 0);
}
END_TEST

/* Holds the writer just before its task completes. Were the autosave the
 * task's source object, the writer and the main thread would then race to
 * drop the last reference to it, and the writer often wins: this makes
 * the test below likely, not certain, to catch that. */
static void
linger_hook (gpointer data)
{
  g_usleep (4 * DELAY_MS * 1000);
}

static void
finalized_cb (gpointer  data,
              GObject  *where_the_object_was)
{
  g_atomic_pointer_set ((GThread **) data, g_thread_self ());
  g_main_context_wakeup (NULL);
}

static gboolean
is_set (gpointer data)
{
  return g_atomic_pointer_get ((GThread **) data) != NULL;
}

START_TEST (test_dropped_while_writing)
{
  g_autoptr(ConsultContent) content = load_shipped ();
  g_autoptr(ConsultConsultation) c = consult_consultation_new (content);
  g_autofree char *folder = consult_test_make_tmpdir ();
  g_autofree char *path = NULL;
  g_auto(Events) events = { 0 };
  g_auto(Gate) gate = { 0 };
  ConsultAutosave *autosave = new_autosave (folder, &events);
  GThread *finalized_in = NULL;

  gate_init (&gate);
  _consult_autosave_set_write_hooks (autosave, gate_hook, linger_hook, &gate);
  consult_autosave_watch (autosave, c);
  path = g_strdup (consult_autosave_get_draft_path (autosave));

  ck_assert (fill_in (c));
  ck_assert (consult_test_wait_until (gate_reached, &gate, WAIT_MS));

  /* Dropped while a write runs: the write completes and is reported,
   * and the object goes afterwards, on the main thread, where it was
   * used (it disconnects from the consultation). */
  g_object_weak_ref (G_OBJECT (autosave), finalized_cb, &finalized_in);
  g_object_unref (autosave);
  ck_assert (!is_set (&finalized_in));
  gate_open (&gate);

  ck_assert (consult_test_wait_until (is_set, &finalized_in, WAIT_MS));
  ck_assert_ptr_eq (finalized_in, g_thread_self ());
  ck_assert_uint_eq (events.saved, 1);
  assert_draft (path, c, "");

  /* The consultation is no longer watched. */
  ck_assert (consult_consultation_set_general_notes (c, "Unwatched."));
  spin (4 * DELAY_MS);
  ck_assert_uint_eq (events.saved, 1);
}
END_TEST

/* Discarding */

START_TEST (test_discard)
{
  g_autoptr(ConsultContent) content = load_shipped ();
  g_autoptr(ConsultConsultation) c = consult_consultation_new (content);
  g_autofree char *folder = consult_test_make_tmpdir ();
  g_autofree char *record = g_build_filename (folder, "records", "r.xml", NULL);
  g_auto(Events) events = { 0 };
  g_autoptr(ConsultAutosave) autosave = new_autosave (folder, &events);
  const char *path;

  /* Nothing watched: nothing to do. */
  consult_autosave_discard (autosave);

  consult_autosave_watch (autosave, c);
  path = consult_autosave_get_draft_path (autosave);

  ck_assert (fill_in (c));
  wait_saved (&events, 1);
  ck_assert (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  consult_autosave_discard (autosave);
  ck_assert (!g_file_test (path, G_FILE_TEST_EXISTS));

  /* A change not written yet is dropped with the draft. */
  ck_assert (consult_consultation_set_general_notes (c, "Dropped."));
  consult_autosave_discard (autosave);
  spin (4 * DELAY_MS);
  ck_assert_uint_eq (events.saved, 1);
  ck_assert (!g_file_test (path, G_FILE_TEST_EXISTS));

  /* Still watching. */
  ck_assert (consult_consultation_set_general_notes (c, "Kept."));
  wait_saved (&events, 2);
  assert_draft (path, c, "Kept.");
  consult_autosave_discard (autosave);

  /* Saved as a record before the delay: no draft. */
  ck_assert (consult_consultation_set_general_notes (c, "Saved."));
  ck_assert (consult_record_save (c, record, NULL));
  spin (4 * DELAY_MS);
  ck_assert_uint_eq (events.saved, 2);
  ck_assert (!g_file_test (path, G_FILE_TEST_EXISTS));
  ck_assert_uint_eq (events.failed, 0);
}
END_TEST

START_TEST (test_discard_during_write)
{
  g_autoptr(ConsultContent) content = load_shipped ();
  g_autoptr(ConsultConsultation) c = consult_consultation_new (content);
  g_autofree char *folder = consult_test_make_tmpdir ();
  g_auto(Events) events = { 0 };
  g_autoptr(ConsultAutosave) autosave = new_autosave (folder, &events);
  g_auto(Gate) gate = { 0 };
  const char *path;

  gate_init (&gate);
  _consult_autosave_set_write_hooks (autosave, gate_hook, NULL, &gate);
  consult_autosave_watch (autosave, c);
  path = consult_autosave_get_draft_path (autosave);

  ck_assert (fill_in (c));
  ck_assert (consult_test_wait_until (gate_reached, &gate, WAIT_MS));
  consult_autosave_discard (autosave);
  gate_open (&gate);
  wait_idle (autosave);

  /* Written after the discard, then removed: no draft, no "saved". */
  ck_assert (!g_file_test (path, G_FILE_TEST_EXISTS));
  ck_assert_uint_eq (events.saved, 0);
  ck_assert_uint_eq (events.failed, 0);
  ck_assert_uint_eq (count_entries (folder), 0);

  /* A change after that is a draft again. */
  ck_assert (consult_consultation_set_general_notes (c, "After."));
  wait_saved (&events, 1);
  assert_draft (path, c, "After.");
}
END_TEST

START_TEST (test_watch_another)
{
  g_autoptr(ConsultContent) content = load_shipped ();
  g_autoptr(ConsultConsultation) a = consult_consultation_new (content);
  g_autoptr(ConsultConsultation) b = consult_consultation_new (content);
  g_autofree char *folder = consult_test_make_tmpdir ();
  g_auto(Events) events = { 0 };
  g_autoptr(ConsultAutosave) autosave = new_autosave (folder, &events);
  g_autoptr(ConsultConsultation) watched = NULL;
  g_autofree char *path_a = NULL;
  g_autofree char *path_b = NULL;

  consult_autosave_watch (autosave, a);
  path_a = g_strdup (consult_autosave_get_draft_path (autosave));
  ck_assert (fill_in (a));

  /* Left with a change pending: written all the same. */
  g_object_set (autosave, "consultation", b, NULL);
  g_object_get (autosave, "consultation", &watched, NULL);
  ck_assert_ptr_eq (watched, b);
  path_b = g_strdup (consult_autosave_get_draft_path (autosave));
  ck_assert_str_ne (path_a, path_b);
  wait_saved (&events, 1);
  ck_assert_str_eq (events.last_path, path_a);
  assert_draft (path_a, a, "");

  /* Changes to the one left are not watched. */
  ck_assert (consult_consultation_set_general_notes (a, "Unwatched."));
  ck_assert (fill_in (b));
  wait_saved (&events, 2);
  ck_assert_str_eq (events.last_path, path_b);
  assert_draft (path_b, b, "");
  assert_draft (path_a, a, "");

  /* NULL stops watching. */
  consult_autosave_watch (autosave, NULL);
  ck_assert_ptr_null (consult_autosave_get_draft_path (autosave));
  ck_assert (consult_consultation_set_general_notes (b, "Unwatched."));
  spin (4 * DELAY_MS);
  ck_assert_uint_eq (events.saved, 2);
  assert_draft (path_b, b, "");
}
END_TEST

START_TEST (test_default_folder)
{
  g_autoptr(ConsultContent) content = load_shipped ();
  g_autoptr(ConsultConsultation) c = consult_consultation_new (content);
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *expected = g_build_filename (dir, "consult", "drafts", NULL);
  g_autofree char *folder = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_auto(Events) events = { 0 };
  g_autoptr(ConsultAutosave) autosave = NULL;

  /* g_get_user_data_dir() reads the variable once: this test is forked. */
  g_setenv ("XDG_DATA_HOME", dir, TRUE);
  folder = consult_autosave_default_folder ();
  ck_assert_str_eq (folder, expected);

  autosave = new_autosave (NULL, &events);
  ck_assert_str_eq (consult_autosave_get_drafts_folder (autosave), expected);
  consult_autosave_watch (autosave, c);
  ck_assert (fill_in (c));
  wait_saved (&events, 1);
  ck_assert_int_eq (file_mode (expected), 0700);

  /* Opened up by someone: closed again at the next write. */
  ck_assert_int_eq (g_chmod (expected, 0755), 0);
  ck_assert (consult_consultation_set_general_notes (c, "Again."));
  wait_saved (&events, 2);
  ck_assert_int_eq (file_mode (expected), 0700);

  drafts = consult_autosave_find_drafts (NULL);
  ck_assert_uint_eq (drafts->len, 1);
  ck_assert_str_eq (g_ptr_array_index (drafts, 0), consult_autosave_get_draft_path (autosave));
}
END_TEST

/* Failures */

/* In the child: with the folder read-only, the write fails, is reported
 * and names the draft; so does flush(). */
static void
autosave_must_fail (gpointer data)
{
  const char *folder = data;
  g_autoptr(ConsultContent) content = consult_content_load_default (NULL);
  g_autoptr(ConsultConsultation) c = NULL;
  g_autoptr(ConsultAutosave) autosave = NULL;
  g_auto(Events) events = { 0 };
  const char *path;

  if (content == NULL)
    _exit (10);
  if (g_chmod (folder, 0500) != 0)
    _exit (11);

  c = consult_consultation_new (content);
  autosave = new_autosave (folder, &events);
  consult_autosave_watch (autosave, c);
  path = consult_autosave_get_draft_path (autosave);

  if (!fill_in (c))
    _exit (12);
  if (!consult_test_wait_until (has_failed, &events, WAIT_MS))
    _exit (13);
  if (events.saved != 0)
    _exit (14);
  if (!g_error_matches (events.last_error, G_FILE_ERROR, G_FILE_ERROR_ACCES) ||
      strstr (events.last_error->message, path) == NULL)
    {
      g_printerr ("%s\n", events.last_error->message);
      _exit (15);
    }

  if (!consult_consultation_set_general_notes (c, "Quitting."))
    _exit (16);
  if (consult_autosave_flush (autosave))
    _exit (17);
  if (events.failed != 2 || strstr (events.last_error->message, path) == NULL)
    _exit (18);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    _exit (19);
}

START_TEST (test_read_only_folder)
{
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *folder = g_build_filename (dir, "drafts", NULL);
  const char *owned[] = { folder, NULL };

  ck_assert_int_eq (g_mkdir (folder, 0700), 0);
  ck_assert_int_eq (g_chmod (dir, 0711), 0);

  ck_assert_int_eq (consult_test_run_unprivileged (autosave_must_fail, folder, owned), 0);
  ck_assert_uint_eq (count_entries (folder), 0);
}
END_TEST

START_TEST (test_remove_failure)
{
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *folder = g_build_filename (dir, "not-a-draft.xml", NULL);
  g_autofree char *inside = g_build_filename (folder, "x", NULL);
  g_autoptr(GError) error = NULL;

  /* A folder, not empty: it cannot be unlinked, and that is said. */
  ck_assert_int_eq (g_mkdir (folder, 0700), 0);
  write_text (inside, "x");
  ck_assert (!consult_autosave_remove_draft (folder, &error));
  ck_assert_ptr_nonnull (error);
  ck_assert_int_eq (error->domain, G_FILE_ERROR);
  ck_assert_msg (strstr (error->message, folder) != NULL, "%s", error->message);
  ck_assert (g_file_test (inside, G_FILE_TEST_IS_REGULAR));
}
END_TEST

/* Restoring */

/* In the child: a consultation filled in, its draft written, then killed
 * before anything else happens. */
static void
write_and_die (const char *folder)
{
  g_autoptr(ConsultContent) content = consult_content_load_default (NULL);
  g_autoptr(ConsultConsultation) c = NULL;
  g_autoptr(ConsultAutosave) autosave = NULL;
  g_auto(Events) events = { 0 };

  if (content == NULL)
    _exit (10);

  c = consult_consultation_new (content);
  autosave = new_autosave (folder, &events);
  consult_autosave_watch (autosave, c);
  if (!fill_in (c) || !consult_consultation_set_general_notes (c, "Before the crash."))
    _exit (11);

  events.want = 1;
  if (!consult_test_wait_until (saved_enough, &events, WAIT_MS))
    _exit (12);

  raise (SIGKILL);
  _exit (13);
}

START_TEST (test_restore_after_kill)
{
  g_autofree char *folder = consult_test_make_tmpdir ();
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(ConsultConsultation) restored = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  pid_t pid;

  pid = fork ();
  ck_assert_int_ge (pid, 0);
  if (pid == 0)
    write_and_die (folder);

  ck_assert_int_eq (waitpid (pid, &status, 0), pid);
  ck_assert_msg (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL,
                 "the child exited with %d", WIFEXITED (status) ? WEXITSTATUS (status) : -1);

  drafts = consult_autosave_find_drafts (folder);
  ck_assert_uint_eq (drafts->len, 1);
  restored = consult_autosave_load_draft (g_ptr_array_index (drafts, 0), &error);
  ck_assert_msg (restored != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (consult_consultation_get_client_name (restored), NAME);
  ck_assert_int_eq (consult_consultation_get_answer (restored, QUESTION), CONSULT_ANSWER_YES);
  ck_assert_str_eq (consult_consultation_get_note (restored, QUESTION), NOTE);
  ck_assert_str_eq (consult_consultation_get_general_notes (restored), "Before the crash.");
  ck_assert (consult_consultation_get_modified (restored));
}
END_TEST

/* In the child: changes and writes as fast as it can until killed. */
static void
write_until_killed (const char *folder)
{
  g_autoptr(ConsultContent) content = consult_content_load_default (NULL);
  g_autoptr(ConsultConsultation) c = NULL;
  g_autoptr(ConsultAutosave) autosave = NULL;
  g_auto(Events) events = { 0 };

  if (content == NULL)
    _exit (10);

  c = consult_consultation_new (content);
  autosave = new_autosave (folder, &events);
  consult_autosave_set_delay_ms (autosave, 0);
  consult_autosave_watch (autosave, c);
  if (!fill_in (c))
    _exit (11);

  for (guint i = 0;; i++)
    {
      g_autofree char *notes = g_strdup_printf ("Change %u", i);

      consult_consultation_set_general_notes (c, notes);
      g_main_context_iteration (NULL, FALSE);
      if (events.failed > 0)
        _exit (12);
    }
}

START_TEST (test_kill_while_writing)
{
  g_autofree char *folder = consult_test_make_tmpdir ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260302);
  guint restored = 0;

  for (guint round = 0; round < 12; round++)
    {
      g_autoptr(GPtrArray) drafts = NULL;
      int status;
      pid_t pid;

      pid = fork ();
      ck_assert_int_ge (pid, 0);
      if (pid == 0)
        write_until_killed (folder);

      g_usleep (g_rand_int_range (rand, 20000, 120000));
      ck_assert_int_eq (kill (pid, SIGKILL), 0);
      ck_assert_int_eq (waitpid (pid, &status, 0), pid);
      ck_assert_msg (WIFSIGNALED (status), "the child exited with %d",
                     WIFEXITED (status) ? WEXITSTATUS (status) : -1);

      /* Every draft reads; no temporary file is left. */
      drafts = consult_autosave_find_drafts (folder);
      ck_assert_uint_eq (count_entries (folder), drafts->len);
      for (guint i = 0; i < drafts->len; i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(ConsultConsultation) c =
            consult_autosave_load_draft (g_ptr_array_index (drafts, i), &error);

          ck_assert_msg (c != NULL, "round %u: %s", round, error ? error->message : "");
          ck_assert_str_eq (consult_consultation_get_client_name (c), NAME);
          ck_assert (consult_autosave_remove_draft (g_ptr_array_index (drafts, i), NULL));
          restored++;
        }
    }

  ck_assert_uint_gt (restored, 0);
}
END_TEST

START_TEST (test_bad_draft_kept)
{
  g_autofree char *folder = consult_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (folder, "6f1c2a9e-3b7d-4c58-9e21-0d4b8a7c5e13.xml",
                                            NULL);
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsultConsultation) c = NULL;
  const char *broken = "<?xml version=\"1.0\"?>\n<consultation xmlns=\"urn:consult:record:1\"";
  const char *invalid = "<?xml version=\"1.0\"?>\n<consultation xmlns=\"urn:consult:record:1\"/>\n";
  const char *texts[] = { broken, invalid };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      write_text (path, texts[i]);
      ck_assert_int_eq (g_chmod (path, 0600), 0);

      c = consult_autosave_load_draft (path, &error);
      ck_assert_ptr_null (c);
      ck_assert_ptr_nonnull (error);
      ck_assert_msg (strstr (error->message, path) != NULL, "%s", error->message);
      g_clear_error (&error);

      /* Left exactly as it was, and still offered. */
      after = read_text (path);
      ck_assert_str_eq (after, texts[i]);
      g_clear_pointer (&after, g_free);
      drafts = consult_autosave_find_drafts (folder);
      ck_assert_uint_eq (drafts->len, 1);
      ck_assert_str_eq (g_ptr_array_index (drafts, 0), path);
      g_clear_pointer (&drafts, g_ptr_array_unref);
    }

  /* Until the user discards it; gone is gone. */
  ck_assert (consult_autosave_remove_draft (path, &error));
  ck_assert (!g_file_test (path, G_FILE_TEST_EXISTS));
  ck_assert (consult_autosave_remove_draft (path, &error));
  ck_assert_ptr_null (error);
}
END_TEST

static void
set_age (const char *path,
         int         seconds)
{
  struct utimbuf times;

  times.actime = times.modtime = time (NULL) - seconds;
  ck_assert_int_eq (g_utime (path, &times), 0);
}

START_TEST (test_find_drafts)
{
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *folder = g_build_filename (dir, "drafts", NULL);
  const char *drafts_by_age[] = { "new.xml", "middle.xml", "old.xml" };
  const int ages[] = { 0, 60, 3600 };
  const char *leftovers[] = { "new.xml.Ab12Cd", "gone.xml.ZZZZZZ" };
  const char *others[] = { "notes.txt", "new.xml~", ".xml", "new.XML", "new.xml.bak" };
  g_autofree char *link = g_build_filename (folder, "link.xml", NULL);
  g_autofree char *subfolder = g_build_filename (folder, "folder.xml", NULL);
  g_autofree char *foreign = g_build_filename (folder, "foreign.xml", NULL);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) none = NULL;
  guint n_entries;

  /* A folder that does not exist has no drafts. */
  none = consult_autosave_find_drafts (folder);
  ck_assert_ptr_nonnull (none);
  ck_assert_uint_eq (none->len, 0);

  ck_assert_int_eq (g_mkdir (folder, 0700), 0);
  /* Written newest first, so that the order is not that of creation. */
  for (guint i = 0; i < G_N_ELEMENTS (drafts_by_age); i++)
    {
      g_autofree char *path = g_build_filename (folder, drafts_by_age[i], NULL);

      write_text (path, "<consultation/>");
      set_age (path, ages[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (leftovers); i++)
    {
      g_autofree char *path = g_build_filename (folder, leftovers[i], NULL);

      write_text (path, "<consultation/>");
    }
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autofree char *path = g_build_filename (folder, others[i], NULL);

      write_text (path, "keep me");
    }
  ck_assert_int_eq (symlink ("new.xml", link), 0);
  ck_assert_int_eq (g_mkdir (subfolder, 0700), 0);
  write_text (foreign, "someone else's");
  /* Only root can give a file away; otherwise there is no such file. */
  if (getuid () == 0)
    ck_assert_int_eq (chown (foreign, CONSULT_TEST_NOBODY, CONSULT_TEST_NOBODY), 0);
  else
    ck_assert_int_eq (g_unlink (foreign), 0);
  n_entries = count_entries (folder);

  drafts = consult_autosave_find_drafts (folder);
  ck_assert_uint_eq (drafts->len, G_N_ELEMENTS (drafts_by_age));
  for (guint i = 0; i < G_N_ELEMENTS (drafts_by_age); i++)
    {
      g_autofree char *path = g_build_filename (folder, drafts_by_age[i], NULL);

      ck_assert_str_eq (g_ptr_array_index (drafts, i), path);
    }

  /* The leftovers went, and nothing else. */
  ck_assert_uint_eq (count_entries (folder), n_entries - G_N_ELEMENTS (leftovers));
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autofree char *path = g_build_filename (folder, others[i], NULL);
      g_autofree char *text = read_text (path);

      ck_assert_str_eq (text, "keep me");
    }
  ck_assert (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  ck_assert (g_file_test (subfolder, G_FILE_TEST_IS_DIR));
}
END_TEST

static Suite *
autosave_suite (void)
{
  Suite *s = suite_create ("autosave");
  TCase *tc;

  tc = tcase_create ("writing");
  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_test (tc, test_draft_after_delay);
  tcase_add_test (tc, test_one_write_per_burst);
  tcase_add_test (tc, test_steady_typing);
  tcase_add_test (tc, test_off_main_thread);
  tcase_add_test (tc, test_one_write_at_a_time);
  tcase_add_test (tc, test_flush);
  tcase_add_test (tc, test_flush_waits_for_write);
  tcase_add_test (tc, test_dropped_while_writing);
  tcase_add_test (tc, test_watch_another);
  tcase_add_test (tc, test_default_folder);
  suite_add_tcase (s, tc);

  tc = tcase_create ("discarding");
  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_test (tc, test_discard);
  tcase_add_test (tc, test_discard_during_write);
  suite_add_tcase (s, tc);

  tc = tcase_create ("failures");
  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_test (tc, test_read_only_folder);
  tcase_add_test (tc, test_remove_failure);
  suite_add_tcase (s, tc);

  tc = tcase_create ("restoring");
  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_test (tc, test_restore_after_kill);
  tcase_add_test (tc, test_kill_while_writing);
  tcase_add_test (tc, test_bad_draft_kept);
  tcase_add_test (tc, test_find_drafts);
  tcase_set_timeout (tc, 120);
  suite_add_tcase (s, tc);

  return s;
}

int
main (void)
{
  return consult_test_run_suite (autosave_suite (), FALSE);
}
