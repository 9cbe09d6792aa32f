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

static Suite *
cli_suite (void)
{
  Suite *s = suite_create ("cli");
  TCase *tc = tcase_create ("options");

  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_test (tc, test_version);
  tcase_add_test (tc, test_help);
  tcase_add_test (tc, test_unknown_option);
  suite_add_tcase (s, tc);

  return s;
}

int
main (void)
{
  return consult_test_run_suite (cli_suite (), FALSE);
}
