/* test-validate-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * consult --validate and consult --content, run as a user would run them,
 * with no display: --validate must never need one, and a bad --content
 * file must never crash the app.
 */

#include "consult-config.h"

#include <string.h>
#include <sys/wait.h>

#include "consult-test-utils.h"

typedef struct {
  gboolean exited;
  int status;        /* the exit status, or the signal when !exited */
  char *out;
  char *err;
} RunResult;

static void
run_result_clear (RunResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RunResult, run_result_clear)

/* Runs consult with @args (NULL-terminated, without the program name) in
 * an environment with no display at all. */
static void
run_consult (RunResult   *result,
             const char **args)
{
  const char *exe = g_getenv ("CONSULT_EXE");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  int wait_status;

  ck_assert_msg (exe != NULL, "CONSULT_EXE is not set");

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  /* GTK warns when it finds no display; that warning must not abort. */
  envp = g_environ_unsetenv (envp, "G_DEBUG");

  g_ptr_array_add (argv, (gpointer) exe);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  ck_assert_msg (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &result->out, &result->err, &wait_status, &error),
                 "spawn: %s", error ? error->message : "");
  result->exited = WIFEXITED (wait_status);
  result->status = result->exited ? WEXITSTATUS (wait_status) : WTERMSIG (wait_status);
}

static void
assert_exit (RunResult *result,
             int        status)
{
  ck_assert_msg (result->exited, "consult was killed by signal %d; stderr:\n%s",
                 result->status, result->err);
  ck_assert_msg (result->status == status, "exit status %d, expected %d; stderr:\n%s",
                 result->status, status, result->err);
}

static char *
shipped_content (void)
{
  return g_build_filename (g_getenv ("CONSULT_TEST_SRCDIR"), "..", "content",
                           "microneedling.xml", NULL);
}

START_TEST (test_validate_shipped)
{
  g_auto(RunResult) result = { 0 };
  g_autofree char *path = shipped_content ();
  g_autofree char *peel = consult_test_data_path ("content", "peel.xml", NULL);
  const char *args[] = { "--validate", path, peel, NULL };

  run_consult (&result, args);
  assert_exit (&result, 0);
  /* Silent on success, as a compiler is. */
  ck_assert_str_eq (result.out, "");
  ck_assert_str_eq (result.err, "");
}
END_TEST

START_TEST (test_validate_bad)
{
  g_auto(RunResult) result = { 0 };
  g_autofree char *good = shipped_content ();
  g_autofree char *bad = consult_test_data_path ("content", "bad", "duplicate-id.xml", NULL);
  g_autofree char *expected = g_strdup_printf ("%s:58:5: ", bad);
  const char *args[] = { "--validate", good, bad, NULL };

  run_consult (&result, args);
  assert_exit (&result, 1);
  ck_assert_msg (g_str_has_prefix (result.err, expected), "%s", result.err);
  ck_assert_ptr_nonnull (strstr (result.err, "duplicate id"));
  /* The valid file says nothing. */
  ck_assert_ptr_null (strstr (result.err, good));
  ck_assert_str_eq (result.out, "");
}
END_TEST

START_TEST (test_validate_several_problems)
{
  g_auto(RunResult) result = { 0 };
  g_autofree char *path = consult_test_data_path ("content", "several-problems.xml", NULL);
  const char *args[] = { "--validate", path, NULL };
  g_auto(GStrv) lines = NULL;

  run_consult (&result, args);
  assert_exit (&result, 1);
  lines = g_strsplit (result.err, "\n", -1);
  /* Three problems, one line each, then the final newline. */
  ck_assert_uint_eq (g_strv_length (lines), 4);
  for (guint i = 0; i < 3; i++)
    ck_assert (g_str_has_prefix (lines[i], path));
}
END_TEST

START_TEST (test_validate_hostile)
{
  g_autofree char *dir_path = consult_test_data_path ("content", "hostile", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  ck_assert_ptr_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_auto(RunResult) result = { 0 };
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *prefix = g_strconcat (path, ":", NULL);
      const char *args[] = { "--validate", path, NULL };
      gint64 start = g_get_monotonic_time ();

      run_consult (&result, args);
      ck_assert_int_lt (g_get_monotonic_time () - start, G_USEC_PER_SEC);
      assert_exit (&result, 1);
      ck_assert_msg (g_str_has_prefix (result.err, prefix), "%s: %s", name, result.err);
      ck_assert_ptr_null (strstr (result.err, "root:x:0:0"));
      n++;
    }
  ck_assert_uint_gt (n, 0);
}
END_TEST

START_TEST (test_validate_missing_file)
{
  g_auto(RunResult) result = { 0 };
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "missing.xml", NULL);
  g_autofree char *expected = g_strdup_printf ("%s: ", path);
  const char *args[] = { "--validate", path, NULL };

  run_consult (&result, args);
  assert_exit (&result, 1);
  ck_assert_msg (g_str_has_prefix (result.err, expected), "%s", result.err);
}
END_TEST

START_TEST (test_validate_record_not_supported)
{
  g_auto(RunResult) result = { 0 };
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "other.xml", NULL);
  const char *args[] = { "--validate", path, NULL };

  ck_assert (g_file_set_contents (path, "<?xml version='1.0'?>\n<consultation/>\n", -1, NULL));
  run_consult (&result, args);
  assert_exit (&result, 1);
  ck_assert_msg (strstr (result.err, ":2:1: unknown document type: root element <consultation>")
                 != NULL, "%s", result.err);
}
END_TEST

START_TEST (test_usage_errors)
{
  g_autofree char *path = shipped_content ();
  const char *no_files[] = { "--validate", NULL };
  const char *unknown[] = { "--validate", "--no-such-option", path, NULL };
  const char *both[] = { "--validate", "--content", path, path, NULL };
  const char *no_content_file[] = { "--content", NULL };
  struct { const char **args; const char *says; } cases[] = {
    { no_files, "--validate needs at least one FILE" },
    { unknown, "no-such-option" },
    { both, "cannot be used together" },
    { no_content_file, "--content" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(RunResult) result = { 0 };

      run_consult (&result, cases[i].args);
      assert_exit (&result, 2);
      ck_assert_msg (strstr (result.err, cases[i].says) != NULL, "case %u: %s", i, result.err);
      ck_assert_str_eq (result.out, "");
    }
}
END_TEST

START_TEST (test_help_lists_options)
{
  g_auto(RunResult) result = { 0 };
  const char *args[] = { "--help", NULL };

  run_consult (&result, args);
  assert_exit (&result, 0);
  ck_assert_ptr_nonnull (strstr (result.out, "--validate"));
  ck_assert_ptr_nonnull (strstr (result.out, "--content=FILE"));
  ck_assert_ptr_nonnull (strstr (result.out, "[FILE…]"));
}
END_TEST

/* With no display the window cannot open, but the problems are on stderr
 * first, and the app ends with a status, not a signal. */
START_TEST (test_content_bad_file_no_crash)
{
  const char *names[] = { "bad/unknown-ref.xml", "hostile/noise.bin", "hostile/billion-laughs.xml" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_auto(RunResult) result = { 0 };
      g_autofree char *path = consult_test_data_path ("content", names[i], NULL);
      g_autofree char *prefix = g_strconcat (path, ":", NULL);
      const char *args[] = { "--content", path, NULL };

      run_consult (&result, args);
      ck_assert_msg (result.exited, "%s: consult was killed by signal %d; stderr:\n%s",
                     names[i], result.status, result.err);
      ck_assert_msg (g_str_has_prefix (result.err, prefix), "%s", result.err);
    }
}
END_TEST

static Suite *
validate_cli_suite (void)
{
  Suite *s = suite_create ("validate-cli");
  TCase *tc = tcase_create ("validate");

  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_test (tc, test_validate_shipped);
  tcase_add_test (tc, test_validate_bad);
  tcase_add_test (tc, test_validate_several_problems);
  tcase_add_test (tc, test_validate_hostile);
  tcase_add_test (tc, test_validate_missing_file);
  tcase_add_test (tc, test_validate_record_not_supported);
  tcase_add_test (tc, test_usage_errors);
  tcase_add_test (tc, test_help_lists_options);
  tcase_add_test (tc, test_content_bad_file_no_crash);
  suite_add_tcase (s, tc);

  return s;
}

int
main (void)
{
  return consult_test_run_suite (validate_cli_suite (), FALSE);
}
