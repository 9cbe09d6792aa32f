/* test-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The consult executable's command line, run as a user would run it, with
 * no display: options that open no window must never need one.
 */

#include "consult-config.h"

#include <string.h>

#include "consult-test-utils.h"

typedef struct {
  int status;
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

/* Runs consult with @argv (NULL-terminated, without the program name) in an
 * environment with no display at all. */
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

  g_ptr_array_add (argv, (gpointer) exe);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  ck_assert_msg (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &result->out, &result->err, &wait_status, &error),
                 "spawn: %s", error ? error->message : "");
  ck_assert_msg (WIFEXITED (wait_status), "consult did not exit normally");
  result->status = WEXITSTATUS (wait_status);
}

START_TEST (test_version)
{
  g_auto(RunResult) result = { 0 };
  const char *args[] = { "--version", NULL };

  run_consult (&result, args);
  ck_assert_int_eq (result.status, 0);
  ck_assert_str_eq (result.out, "consult " PACKAGE_VERSION "\n");
  ck_assert_str_eq (result.err, "");
}
END_TEST

START_TEST (test_help)
{
  g_auto(RunResult) result = { 0 };
  const char *args[] = { "--help", NULL };

  run_consult (&result, args);
  ck_assert_int_eq (result.status, 0);
  ck_assert_ptr_nonnull (strstr (result.out, "--version"));
  ck_assert_ptr_nonnull (strstr (result.out, "treatment consultation"));
}
END_TEST

START_TEST (test_unknown_option)
{
  g_auto(RunResult) result = { 0 };
  const char *args[] = { "--no-such-option", NULL };

  run_consult (&result, args);
  ck_assert_int_ne (result.status, 0);
  ck_assert_ptr_nonnull (strstr (result.err, "no-such-option"));
}
END_TEST

START_TEST (test_export_pdf_examples)
{
  const char *examples[] = { "complete.xml", "deferred.xml", "not-suitable.xml",
                             "unsigned-draft.xml" };
  g_autofree char *dir = consult_test_make_tmpdir ();

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_auto(RunResult) result = { 0 };
      g_autofree char *record = consult_test_data_path ("records", examples[i], NULL);
      g_autofree char *pdf = g_strdup_printf ("%s/%u.pdf", dir, i);
      g_autofree char *text = NULL;
      const char *args[] = { "--export-pdf", pdf, record, NULL };

      run_consult (&result, args);
      ck_assert_msg (result.status == 0, "%s: exit %d: %s", examples[i], result.status,
                     result.err);
      text = consult_test_pdf_text (pdf);
      ck_assert_msg (strstr (text, "Page 1 of") != NULL, "%s: no page numbers", examples[i]);
      ck_assert_msg (strstr (text, "Consent summary") != NULL, "%s: no title", examples[i]);
    }
}
END_TEST

START_TEST (test_export_pdf_complete_names_client)
{
  g_auto(RunResult) result = { 0 };
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *record = consult_test_data_path ("records", "complete.xml", NULL);
  g_autofree char *pdf = g_build_filename (dir, "complete.pdf", NULL);
  g_autofree char *text = NULL;
  const char *args[] = { "--export-pdf", pdf, record, NULL };

  run_consult (&result, args);
  ck_assert_int_eq (result.status, 0);
  text = consult_test_pdf_text (pdf);
  ck_assert_ptr_nonnull (strstr (text, "Jane Example"));
  /* Signed: no draft marking. */
  ck_assert_ptr_null (strstr (text, "NOT SIGNED"));
}
END_TEST

START_TEST (test_export_pdf_bad_record)
{
  g_auto(RunResult) result = { 0 };
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *record = consult_test_data_path ("records", "bad", "tampered.xml", NULL);
  g_autofree char *pdf = g_build_filename (dir, "out.pdf", NULL);
  const char *args[] = { "--export-pdf", pdf, record, NULL };

  run_consult (&result, args);
  ck_assert_int_eq (result.status, 1);
  ck_assert_msg (g_str_has_prefix (result.err, record), "got: %s", result.err);
  ck_assert_ptr_nonnull (strstr (result.err, "modified"));
  /* Nothing is written for a record that cannot be trusted. */
  ck_assert (!g_file_test (pdf, G_FILE_TEST_EXISTS));
}
END_TEST

START_TEST (test_export_pdf_usage)
{
  g_auto(RunResult) result = { 0 };
  const char *no_record[] = { "--export-pdf", "out.pdf", NULL };
  const char *two_records[] = { "--export-pdf", "out.pdf", "a.xml", "b.xml", NULL };

  run_consult (&result, no_record);
  ck_assert_int_eq (result.status, 2);
  run_result_clear (&result);
  run_consult (&result, two_records);
  ck_assert_int_eq (result.status, 2);
}
END_TEST

START_TEST (test_print_usage)
{
  const char *no_record[] = { "--print", NULL };
  const char *printer_alone[] = { "--printer", "office", "a.xml", NULL };
  const char *with_validate[] = { "--print", "--validate", "a.xml", NULL };
  const char *with_export[] = { "--print", "--export-pdf", "out.pdf", "a.xml", NULL };
  const char *with_content[] = { "--print", "--content", "c.xml", "a.xml", NULL };
  const char **cases[] = { no_record, printer_alone, with_validate, with_export, with_content };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(RunResult) result = { 0 };

      run_consult (&result, cases[i]);
      ck_assert_msg (result.status == 2, "case %u: exit %d: %s", i, result.status, result.err);
      ck_assert_ptr_nonnull (strstr (result.err, "--help"));
    }
}
END_TEST

/* Printers are found through GTK, which needs a display: without one,
 * --print says so rather than crashing. */
START_TEST (test_print_needs_display)
{
  g_auto(RunResult) result = { 0 };
  g_autofree char *record = consult_test_data_path ("records", "complete.xml", NULL);
  const char *args[] = { "--print", record, NULL };

  run_consult (&result, args);
  ck_assert_int_eq (result.status, 1);
  ck_assert_msg (strstr (result.err, "graphical session") != NULL, "got: %s", result.err);
}
END_TEST

static Suite *
cli_suite (void)
{
  Suite *s = suite_create ("cli");
  TCase *tc = tcase_create ("options");

  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_test (tc, test_version);
  tcase_add_test (tc, test_help);
  tcase_add_test (tc, test_unknown_option);
  tcase_add_test (tc, test_export_pdf_examples);
  tcase_add_test (tc, test_export_pdf_complete_names_client);
  tcase_add_test (tc, test_export_pdf_bad_record);
  tcase_add_test (tc, test_export_pdf_usage);
  tcase_add_test (tc, test_print_usage);
  tcase_add_test (tc, test_print_needs_display);
  suite_add_tcase (s, tc);

  return s;
}

int
main (void)
{
  return consult_test_run_suite (cli_suite (), FALSE);
}
