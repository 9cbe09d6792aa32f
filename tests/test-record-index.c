/* test-record-index.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The record index: the example records listed newest first with what a
 * list shows of them; broken, hostile and foreign files skipped, counted
 * and left exactly as they were; records saved, copied or removed later
 * followed through the folder monitor, one row at a time; searching by
 * name and by date.
 */

#include "consult-config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "consult-record-index.h"
#include "consult-i18n.h"
#include "consult-test-utils.h"

/* Long enough for the monitor's delay and a scan, however busy the
 * machine. */
#define WAIT_MS 10000

/* Helpers */

static char *
read_data (const char *path,
           gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  ck_assert_msg (g_file_get_contents (path, &data, length, &error),
                 "cannot read %s: %s", path, error ? error->message : "");

  return data;
}

/* Writes @data to @folder/@name as a save does: a temporary file beside
 * it, renamed over it. */
static char *
write_file (const char *folder,
            const char *name,
            const char *data,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (folder, name, NULL);

  ck_assert_msg (g_file_set_contents (path, data, length, &error),
                 "cannot write %s: %s", path, error ? error->message : "");

  return path;
}

/* Copies tests/data/records/@source (a path under it) to @folder/@name. */
static char *
copy_record (const char *folder,
             const char *source,
             const char *name)
{
  g_autofree char *source_path = consult_test_data_path ("records", source, NULL);
  g_autofree char *data = NULL;
  gsize length;

  data = read_data (source_path, &length);

  return write_file (folder, name, data, length);
}

static gboolean
loaded_cb (gpointer data)
{
  return consult_record_index_get_loaded (data);
}

static ConsultRecordIndex *
load_index (const char *folder)
{
  ConsultRecordIndex *index = consult_record_index_new (folder);

  ck_assert_msg (consult_test_wait_until (loaded_cb, index, WAIT_MS), "the first scan never ended");

  return index;
}

static gboolean
has_skipped_cb (gpointer data)
{
  return consult_record_index_get_n_skipped (data) > 0;
}

typedef struct {
  ConsultRecordIndex *index;
  guint n_items;
} WaitForCount;

static gboolean
count_reached_cb (gpointer data)
{
  WaitForCount *wait = data;

  return g_list_model_get_n_items (G_LIST_MODEL (wait->index)) == wait->n_items;
}

static void
wait_for_count (ConsultRecordIndex *index,
                guint               n_items)
{
  WaitForCount wait = { index, n_items };

  ck_assert_msg (consult_test_wait_until (count_reached_cb, &wait, WAIT_MS),
                 "expected %u records, the index has %u", n_items,
                 g_list_model_get_n_items (G_LIST_MODEL (index)));
}

static ConsultRecordInfo *
get_info (ConsultRecordIndex *index,
          guint               position)
{
  g_autoptr(ConsultRecordInfo) info = g_list_model_get_item (G_LIST_MODEL (index), position);

  ck_assert_msg (info != NULL, "no record at %u", position);

  /* The index holds its own reference. */
  return info;
}

/* The info of @folder/@name in @index. */
static ConsultRecordInfo *
find_info (ConsultRecordIndex *index,
           const char         *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (index)); i++)
    {
      ConsultRecordInfo *info = get_info (index, i);
      g_autofree char *base = g_path_get_basename (consult_record_info_get_path (info));

      if (strcmp (base, name) == 0)
        return info;
    }

  ck_abort_msg ("%s is not listed", name);
  return NULL;
}

static gboolean
is_null_cb (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Drops the last reference to @index and checks that it goes, once a
 * scan still running (which holds it) has ended. */
static void
unref_and_check (ConsultRecordIndex *index)
{
  gpointer weak = index;

  g_object_add_weak_pointer (G_OBJECT (index), &weak);
  g_object_unref (index);
  ck_assert_msg (consult_test_wait_until (is_null_cb, &weak, WAIT_MS),
                 "the index was not finalized");
}

typedef struct {
  guint n_signals;
  guint position;
  guint removed;
  guint added;
} ItemsChanged;

static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *changed)
{
  changed->n_signals++;
  changed->position = position;
  changed->removed = removed;
  changed->added = added;
}

/* The example records */

START_TEST (test_index_examples)
{
  g_autofree char *folder = consult_test_make_tmpdir ();
  g_autofree char *complete = copy_record (folder, "complete.xml", "complete.xml");
  g_autofree char *deferred = copy_record (folder, "deferred.xml", "deferred.xml");
  g_autofree char *draft = copy_record (folder, "unsigned-draft.xml", "unsigned-draft.xml");
  g_autofree char *broken = copy_record (folder, "bad/truncated.xml", "broken.xml");
  g_autofree char *broken_source = consult_test_data_path ("records", "bad", "truncated.xml", NULL);
  g_autofree char *broken_before = NULL;
  g_autofree char *broken_after = NULL;
  g_autofree char *path = NULL;
  g_autofree char *date = NULL;
  g_autoptr(GDateTime) modified = NULL;
  const char *names[] = { "Robin Draft", "John Sample", "Jane Example" };
  const char *dates[] = { "2026-03-06", "2026-03-04", "2026-03-02" };
  const char *outcomes[] = { "incomplete", "defer", "suitable-with-precautions" };
  const char *paths[] = { draft, deferred, complete };
  ConsultRecordIndex *index;
  gsize before_length, after_length;
  gboolean is_signed;
  struct stat before, after;

  broken_before = read_data (broken, &before_length);
  ck_assert_int_eq (g_stat (broken, &before), 0);

  index = load_index (folder);
  ck_assert_str_eq (consult_record_index_get_folder (index), folder);
  ck_assert (g_list_model_get_item_type (G_LIST_MODEL (index)) == CONSULT_TYPE_RECORD_INFO);
  ck_assert_uint_eq (g_list_model_get_n_items (G_LIST_MODEL (index)), 3);
  ck_assert_uint_eq (consult_record_index_get_n_skipped (index), 1);
  ck_assert_ptr_null (g_list_model_get_item (G_LIST_MODEL (index), 3));

  /* All three were written at the same moment: the newest consultation
   * comes first. */
  for (guint i = 0; i < 3; i++)
    {
      ConsultRecordInfo *info = get_info (index, i);
      g_autoptr(GDateTime) expected_modified = g_date_time_new_utc (2026, 3, 6, 17, 0, 0);

      ck_assert_str_eq (consult_record_info_get_client_name (info), names[i]);
      ck_assert_str_eq (consult_record_info_get_consultation_date (info), dates[i]);
      ck_assert_str_eq (consult_record_info_get_outcome (info), outcomes[i]);
      ck_assert_str_eq (consult_record_info_get_path (info), paths[i]);
      ck_assert_str_eq (consult_record_info_get_procedure_title (info), "Micro-needling");
      ck_assert_int_eq (strlen (consult_record_info_get_record_id (info)), 36);
      ck_assert (g_date_time_equal (consult_record_info_get_modified (info), expected_modified));
      ck_assert (consult_record_info_get_signed (info) == (i == 2));
    }

  /* The same through the properties. */
  g_object_get (get_info (index, 2),
                "path", &path,
                "consultation-date", &date,
                "modified", &modified,
                "signed", &is_signed,
                NULL);
  ck_assert_str_eq (path, complete);
  ck_assert_str_eq (date, "2026-03-02");
  ck_assert_int_eq (g_date_time_get_day_of_month (modified), 6);
  ck_assert (is_signed);

  /* The broken file is still there, exactly as it was. */
  broken_after = read_data (broken, &after_length);
  ck_assert_uint_eq (before_length, after_length);
  ck_assert (memcmp (broken_before, broken_after, before_length) == 0);
  ck_assert_int_eq (g_stat (broken, &after), 0);
  ck_assert_int_eq (before.st_mtim.tv_sec, after.st_mtim.tv_sec);
  ck_assert_int_eq (before.st_mtim.tv_nsec, after.st_mtim.tv_nsec);
  ck_assert_int_eq (before.st_mode, after.st_mode);
  g_free (broken_after);
  broken_after = read_data (broken_source, &after_length);
  ck_assert (memcmp (broken_before, broken_after, before_length) == 0);

  unref_and_check (index);
}
END_TEST

/* Following the folder */

START_TEST (test_index_follows_folder)
{
  g_autofree char *folder = consult_test_make_tmpdir ();
  g_autofree char *complete = copy_record (folder, "complete.xml", "complete.xml");
  g_autofree char *deferred = copy_record (folder, "deferred.xml", "deferred.xml");
  g_autofree char *draft = copy_record (folder, "unsigned-draft.xml", "unsigned-draft.xml");
  g_autofree char *added = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *data = NULL;
  ItemsChanged changed = { 0 };
  ConsultRecordIndex *index = load_index (folder);
  ConsultRecordInfo *first = get_info (index, 0);
  ConsultRecordInfo *last = get_info (index, 2);
  gsize length;

  g_signal_connect (index, "items-changed", G_CALLBACK (items_changed_cb), &changed);

  /* A record saved later (2026-03-05) appears in its place, as one new
   * row; the rows of the others stay the same objects. */
  added = copy_record (folder, "not-suitable.xml", "not-suitable.xml");
  wait_for_count (index, 4);
  ck_assert_str_eq (consult_record_info_get_client_name (get_info (index, 1)), "Sam Placeholder");
  ck_assert_ptr_eq (get_info (index, 0), first);
  ck_assert_ptr_eq (get_info (index, 3), last);
  ck_assert_uint_eq (changed.n_signals, 1);
  ck_assert_uint_eq (changed.position, 1);
  ck_assert_uint_eq (changed.removed, 0);
  ck_assert_uint_eq (changed.added, 1);

  /* A broken file is counted, not listed. */
  data = read_data (complete, &length);
  broken = write_file (folder, "broken.xml", data, length / 2);
  ck_assert (consult_test_wait_until (has_skipped_cb, index, WAIT_MS));
  ck_assert_uint_eq (consult_record_index_get_n_skipped (index), 1);
  ck_assert_uint_eq (g_list_model_get_n_items (G_LIST_MODEL (index)), 4);

  /* Mended, it is listed. */
  g_free (broken);
  broken = write_file (folder, "broken.xml", data, length);
  wait_for_count (index, 5);
  ck_assert_uint_eq (consult_record_index_get_n_skipped (index), 0);

  /* A record removed goes. */
  ck_assert_int_eq (g_unlink (added), 0);
  ck_assert_int_eq (g_unlink (broken), 0);
  wait_for_count (index, 3);
  ck_assert_ptr_eq (get_info (index, 0), first);
  ck_assert_ptr_eq (get_info (index, 2), last);

  g_signal_handlers_disconnect_by_data (index, &changed);
  unref_and_check (index);
}
END_TEST

typedef struct {
  gboolean done;
  gboolean ok;
  GError *error;
} Reload;

static void
reload_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Reload *reload = user_data;

  reload->ok = consult_record_index_reload_finish (CONSULT_RECORD_INDEX (object), result,
                                                   &reload->error);
  reload->done = TRUE;
}

static gboolean
reload_done (gpointer data)
{
  return ((Reload *) data)->done;
}

/* Reloads @index and waits for it; returns the error, if any. */
static GError *
reload (ConsultRecordIndex *index,
        GCancellable       *cancellable)
{
  Reload result = { FALSE, FALSE, NULL };

  consult_record_index_reload_async (index, cancellable, reload_done_cb, &result);
  ck_assert_msg (consult_test_wait_until (reload_done, &result, WAIT_MS), "the reload never ended");
  ck_assert (result.ok == (result.error == NULL));

  return result.error;
}

START_TEST (test_index_reload)
{
  g_autofree char *folder = consult_test_make_tmpdir ();
  g_autofree char *path = copy_record (folder, "complete.xml", "record.xml");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  ConsultRecordIndex *index = load_index (folder);
  ConsultRecordInfo *info = get_info (index, 0);

  /* An unchanged file is not read again: the same info. */
  ck_assert_ptr_null (reload (index, NULL));
  ck_assert_uint_eq (g_list_model_get_n_items (G_LIST_MODEL (index)), 1);
  ck_assert_ptr_eq (get_info (index, 0), info);

  /* A file replaced is. */
  g_free (copy_record (folder, "deferred.xml", "record.xml"));
  ck_assert_ptr_null (reload (index, NULL));
  ck_assert_uint_eq (g_list_model_get_n_items (G_LIST_MODEL (index)), 1);
  ck_assert_str_eq (consult_record_info_get_client_name (get_info (index, 0)), "John Sample");
  ck_assert_str_eq (consult_record_info_get_path (get_info (index, 0)), path);

  /* A cancelled reload says so and changes nothing. */
  info = get_info (index, 0);
  g_cancellable_cancel (cancellable);
  error = reload (index, cancellable);
  ck_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  ck_assert_ptr_eq (get_info (index, 0), info);

  unref_and_check (index);
}
END_TEST

/* A folder that is not there yet: no records, and the first one saved
 * appears once the folder is made. */
START_TEST (test_index_missing_folder)
{
  g_autofree char *parent = consult_test_make_tmpdir ();
  g_autofree char *folder = g_build_filename (parent, "records", NULL);
  g_autofree char *record = NULL;
  ConsultRecordIndex *index = load_index (folder);

  ck_assert_uint_eq (g_list_model_get_n_items (G_LIST_MODEL (index)), 0);
  ck_assert_uint_eq (consult_record_index_get_n_skipped (index), 0);

  ck_assert_int_eq (g_mkdir (folder, 0700), 0);
  record = copy_record (folder, "complete.xml", "complete.xml");
  wait_for_count (index, 1);

  unref_and_check (index);
}
END_TEST

/* What is not a record */

START_TEST (test_index_not_records)
{
  g_autofree char *folder = consult_test_make_tmpdir ();
  g_autofree char *sub = g_build_filename (folder, "folder.xml", NULL);
  g_autofree char *fifo = g_build_filename (folder, "fifo.xml", NULL);
  g_autofree char *link = g_build_filename (folder, "link.xml", NULL);
  g_autofree char *huge_path = NULL;
  g_autofree char *huge = NULL;
  const char *hostile[] = {
    "xxe.xml", "billion-laughs.xml", "wrong-root.xml", "wrong-namespace.xml", "truncated.xml",
  };
  const char *ignored[] = { ".hidden.xml", "complete.xml.A1b2C3", "complete.txt", "complete.XML" };
  ConsultRecordIndex *index;
  gint64 start;

  g_free (copy_record (folder, "complete.xml", "complete.xml"));
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *source = g_build_filename ("bad", hostile[i], NULL);

      g_free (copy_record (folder, source, hostile[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (ignored); i++)
    g_free (copy_record (folder, "deferred.xml", ignored[i]));

  /* Not regular files: never opened, so a FIFO cannot hang the scan, and
   * a link cannot list a file from elsewhere. */
  ck_assert_int_eq (g_mkdir (sub, 0700), 0);
  ck_assert_int_eq (mkfifo (fifo, 0600), 0);
  ck_assert_int_eq (symlink ("complete.xml", link), 0);

  /* Over the size cap: refused without being parsed. */
  huge = g_malloc (5 * 1024 * 1024);
  memset (huge, ' ', 5 * 1024 * 1024);
  huge_path = write_file (folder, "huge.xml", huge, 5 * 1024 * 1024);

  start = g_get_monotonic_time ();
  index = load_index (folder);
  ck_assert_int_lt (g_get_monotonic_time () - start, 5 * G_USEC_PER_SEC);

  ck_assert_uint_eq (g_list_model_get_n_items (G_LIST_MODEL (index)), 1);
  ck_assert_str_eq (consult_record_info_get_client_name (get_info (index, 0)), "Jane Example");
  ck_assert_uint_eq (consult_record_index_get_n_skipped (index), G_N_ELEMENTS (hostile) + 1);

  unref_and_check (index);
}
END_TEST

/* Untrusted values */

static char *
replace (const char *text,
         const char *old,
         const char *new)
{
  g_auto(GStrv) parts = g_strsplit (text, old, 2);

  ck_assert_msg (parts[0] != NULL && parts[1] != NULL, "“%s” not found", old);

  return g_strconcat (parts[0], new, parts[1], NULL);
}

START_TEST (test_index_odd_values)
{
  g_autofree char *folder = consult_test_make_tmpdir ();
  g_autofree char *source = consult_test_data_path ("records", "complete.xml", NULL);
  g_autofree char *original = read_data (source, NULL);
  g_autofree char *step1 = NULL;
  g_autofree char *step2 = NULL;
  g_autofree char *step3 = NULL;
  g_autofree char *step4 = NULL;
  g_autofree char *long_name = NULL;
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(GDateTime) expected = NULL;
  ConsultRecordIndex *index;
  ConsultRecordInfo *info;
  GStatBuf st;

  /* A name over lines with markup in it, a date that is no date, a
   * modified time without an offset, a signature without a time. */
  step1 = replace (original, "<name>Jane Example</name>",
                   "<name>\n  Zoë &lt;b&gt;O’Brien\t</name>");
  step2 = replace (step1, "<date>2026-03-02</date>", "<date>2026-02-30</date>");
  step3 = replace (step2, "modified=\"2026-03-06T17:00:00+00:00\"",
                   "modified=\"2026-03-06T17:00:00\"");
  step4 = replace (step3, "signed-at=\"2026-03-02T10:38:12+00:00\"", "");
  g_free (write_file (folder, "odd.xml", step4, -1));

  /* A name far too long for a row. */
  for (guint i = 0; i < 1000; i++)
    g_string_append (name, "Jane ");
  long_name = g_strdup_printf ("<name>%s</name>", name->str);
  g_free (step1);
  step1 = replace (original, "<name>Jane Example</name>", long_name);
  g_free (write_file (folder, "long.xml", step1, -1));

  index = load_index (folder);
  ck_assert_uint_eq (g_list_model_get_n_items (G_LIST_MODEL (index)), 2);

  info = find_info (index, "long.xml");
  ck_assert_int_le (g_utf8_strlen (consult_record_info_get_client_name (info), -1), 257);
  ck_assert (g_str_has_suffix (consult_record_info_get_client_name (info), "…"));
  ck_assert (consult_record_info_get_signed (info));

  info = find_info (index, "odd.xml");
  ck_assert_str_eq (consult_record_info_get_client_name (info), "Zoë <b>O’Brien");
  ck_assert_ptr_null (consult_record_info_get_consultation_date (info));
  ck_assert (!consult_record_info_get_signed (info));
  /* The file's time stands in for the unusable one. */
  ck_assert_int_eq (g_stat (consult_record_info_get_path (info), &st), 0);
  expected = g_date_time_new_from_unix_utc (st.st_mtime);
  ck_assert_int_eq (g_date_time_to_unix (consult_record_info_get_modified (info)),
                    g_date_time_to_unix (expected));

  unref_and_check (index);
}
END_TEST

/* Searching */

START_TEST (test_info_matches)
{
  g_autofree char *folder = consult_test_make_tmpdir ();
  g_autofree char *source = consult_test_data_path ("records", "complete.xml", NULL);
  g_autofree char *original = read_data (source, NULL);
  g_autofree char *accented = replace (original, "<name>Jane Example</name>",
                                       "<name>Zoë Ångström</name>");
  g_autoptr(GDateTime) date = g_date_time_new_local (2026, 3, 2, 0, 0, 0);
  g_autofree char *locale_date = consult_format_date (date);
  ConsultRecordIndex *index;
  ConsultRecordInfo *jane;
  ConsultRecordInfo *zoe;
  const char *jane_matches[] = {
    NULL, "", "  ", "jane", "JANE", "Jane Example", " jane   example ", "ampl", "2026-03-02",
    "2026-03", "03-02", locale_date,
  };
  const char *jane_misses[] = { "john", "2026-03-04", "Micro", "janeexample", "2025" };
  const char *zoe_matches[] = { "zoe", "ZOË", "angstrom", "zoë ång" };

  g_free (copy_record (folder, "complete.xml", "jane.xml"));
  g_free (write_file (folder, "zoe.xml", accented, -1));
  index = load_index (folder);
  ck_assert_uint_eq (g_list_model_get_n_items (G_LIST_MODEL (index)), 2);
  jane = find_info (index, "jane.xml");
  zoe = find_info (index, "zoe.xml");

  for (guint i = 0; i < G_N_ELEMENTS (jane_matches); i++)
    ck_assert_msg (consult_record_info_matches (jane, jane_matches[i]),
                   "“%s” does not find Jane", jane_matches[i]);
  for (guint i = 0; i < G_N_ELEMENTS (jane_misses); i++)
    ck_assert_msg (!consult_record_info_matches (jane, jane_misses[i]),
                   "“%s” finds Jane", jane_misses[i]);
  for (guint i = 0; i < G_N_ELEMENTS (zoe_matches); i++)
    ck_assert_msg (consult_record_info_matches (zoe, zoe_matches[i]),
                   "“%s” does not find Zoë", zoe_matches[i]);
  ck_assert (!consult_record_info_matches (zoe, "jane"));

  unref_and_check (index);
}
END_TEST

static Suite *
record_index_suite (void)
{
  Suite *s = suite_create ("record-index");
  TCase *tc;

  tc = tcase_create ("index");
  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_index_examples);
  tcase_add_test (tc, test_index_follows_folder);
  tcase_add_test (tc, test_index_reload);
  tcase_add_test (tc, test_index_missing_folder);
  tcase_add_test (tc, test_index_not_records);
  tcase_add_test (tc, test_index_odd_values);
  suite_add_tcase (s, tc);

  tc = tcase_create ("search");
  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_test (tc, test_info_matches);
  suite_add_tcase (s, tc);

  return s;
}

int
main (void)
{
  return consult_test_run_suite (record_index_suite (), FALSE);
}
