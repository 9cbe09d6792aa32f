/* test-fuzz-corpus.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Replays the fuzzing inputs through the readers they were found with:
 * every file of tests/fuzz/regressions/TARGET/ (an input that once crashed,
 * leaked or hung, kept once fixed) and of the seed corpus tests/fuzz/TARGET/.
 * Each must be read or refused cleanly: a result or an error, never both,
 * never neither. Run under the sanitize setup or valgrind, this also proves
 * them free of memory errors and leaks, with no clang needed.
 */

#include "consult-config.h"

#include <gio/gio.h>

#include "consult-content-loader.h"
#include "consult-metainfo.h"
#include "consult-record.h"
#include "consult-test-utils.h"
#include "consult-xml.h"

typedef void (*ReplayFunc) (GBytes *bytes, const char *name);

static void
replay_content (GBytes     *bytes,
                const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = consult_problems_new ();
  g_autoptr(ConsultContent) content = consult_content_loader_load_bytes (bytes, name, &error);

  ck_assert_msg ((content == NULL) != (error == NULL), "%s: result and error disagree", name);
  ck_assert_msg (consult_content_loader_check_bytes (bytes, name, problems) == (content != NULL),
                 "%s: the check and the loader disagree", name);
}

static void
replay_record (GBytes     *bytes,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsultContent) content = NULL;
  g_autoptr(GPtrArray) problems = consult_problems_new ();
  g_autoptr(ConsultConsultation) consultation =
    consult_record_load_bytes (bytes, name, &content, &error);

  ck_assert_msg ((consultation == NULL) != (error == NULL), "%s: result and error disagree", name);
  if (consultation != NULL)
    {
      g_autofree char *xml = consult_record_serialize (consultation, NULL, NULL);
      g_autofree char *digest = consult_record_compute_digest (consultation);

      ck_assert_ptr_nonnull (content);
      ck_assert_ptr_nonnull (digest);
      (void) xml;
    }
  consult_record_check_bytes (bytes, name, problems);
}

static void
replay_metainfo (GBytes     *bytes,
                 const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsultMetainfo) info = consult_metainfo_load_bytes (bytes, name, &error);

  ck_assert_msg ((info == NULL) != (error == NULL), "%s: result and error disagree", name);
}

/* Replays every regular file in tests/fuzz/DIR; returns how many. */
static guint
replay_folder (const char *dir,
               ReplayFunc  replay)
{
  const char *srcdir = g_getenv ("CONSULT_TEST_SRCDIR");
  g_autofree char *path = NULL;
  g_autoptr(GDir) folder = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint count = 0;

  ck_assert_ptr_nonnull (srcdir);
  path = g_build_filename (srcdir, "fuzz", dir, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return 0;

  folder = g_dir_open (path, 0, &error);
  ck_assert_msg (folder != NULL, "%s", error ? error->message : path);
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *contents = NULL;
      gsize len;

      if (!g_file_test (file, G_FILE_TEST_IS_REGULAR) || name[0] == '.')
        continue;
      ck_assert_msg (g_file_get_contents (file, &contents, &len, NULL), "cannot read %s", file);
      bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
      replay (bytes, file);
      count++;
    }

  return count;
}

START_TEST (test_content)
{
  ck_assert_uint_gt (replay_folder ("content", replay_content), 0);
  replay_folder ("regressions/content", replay_content);
}
END_TEST

START_TEST (test_record)
{
  ck_assert_uint_gt (replay_folder ("record", replay_record), 0);
  replay_folder ("regressions/record", replay_record);
}
END_TEST

START_TEST (test_metainfo)
{
  ck_assert_uint_gt (replay_folder ("metainfo", replay_metainfo), 0);
  replay_folder ("regressions/metainfo", replay_metainfo);
}
END_TEST

static Suite *
fuzz_corpus_suite (void)
{
  Suite *s = suite_create ("fuzz-corpus");
  TCase *tc = tcase_create ("replay");

  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_test (tc, test_content);
  tcase_add_test (tc, test_record);
  tcase_add_test (tc, test_metainfo);
  suite_add_tcase (s, tc);

  return s;
}

int
main (void)
{
  return consult_test_run_suite (fuzz_corpus_suite (), FALSE);
}
