/* consult-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "consult-config.h"

#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "consult-i18n.h"
#include "consult-test-utils.h"

int
consult_test_run_suite (Suite    *suite,
                        gboolean  needs_display)
{
  SRunner *runner;
  int failed;

  if (needs_display && g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("No display: skipping (./test runs this under Xvfb)\n");
      srunner_free (srunner_create (suite));
      return 77;
    }

  runner = srunner_create (suite);
  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);

  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

void
consult_test_setup_core (void)
{
  consult_i18n_init ("C.UTF-8");
}

/* Records, drafts and print settings of each test go to a folder of its
 * own, never to the home of whoever runs the tests. GLib keeps the first
 * answer to g_get_user_data_dir(), so this comes before anything asks. */
static void
isolate_user_data (void)
{
  g_autofree char *dir = consult_test_make_tmpdir ();

  g_setenv ("XDG_DATA_HOME", dir, TRUE);
}

void
consult_test_setup_gtk (void)
{
  isolate_user_data ();
  consult_i18n_init ("C.UTF-8");

  if (!gtk_init_check ())
    ck_abort_msg ("cannot open the display %s", g_getenv ("DISPLAY"));
  adw_init ();

  /* No transitions: a test's result never depends on how far an animation
   * got, and a window torn down mid-transition does not leave libadwaita
   * holding the render nodes of its snapshot. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
consult_test_wait_for_frame (gpointer widget)
{
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gboolean timed_out = FALSE;
  gulong handler;
  guint timeout;

  ck_assert (GTK_IS_WIDGET (widget));

  while (!gtk_widget_get_mapped (widget) && !timed_out)
    {
      timeout = g_timeout_add (5000, timeout_cb, &timed_out);
      g_main_context_iteration (NULL, TRUE);
      if (!timed_out)
        g_source_remove (timeout);
    }
  ck_assert_msg (gtk_widget_get_mapped (widget), "the widget was never mapped");

  clock = gtk_widget_get_frame_clock (widget);
  ck_assert_ptr_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);

  timeout = g_timeout_add (5000, timeout_cb, &timed_out);
  while (!painted && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);

  g_signal_handler_disconnect (clock, handler);
  ck_assert_msg (painted, "no frame was painted within 5 s");
}

gboolean
consult_test_wait_until (gboolean (*condition) (gpointer data),
                         gpointer   data,
                         guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);

  return condition (data);
}

void
consult_test_flush (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

char *
consult_test_data_path (const char *first_element,
                        ...)
{
  const char *srcdir = g_getenv ("CONSULT_TEST_SRCDIR");
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *element;
  va_list args;

  ck_assert_msg (srcdir != NULL, "CONSULT_TEST_SRCDIR is not set");

  g_ptr_array_add (parts, (gpointer) srcdir);
  g_ptr_array_add (parts, (gpointer) "data");
  va_start (args, first_element);
  for (element = first_element; element != NULL; element = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) element);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **) parts->pdata);
}

static GPtrArray *tmpdirs;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
              !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            {
              g_chmod (child, 0700);
              remove_tree (child);
            }
          else
            g_unlink (child);
        }
    }
  g_rmdir (path);
}

static void
remove_tmpdirs (void)
{
  for (guint i = 0; tmpdirs != NULL && i < tmpdirs->len; i++)
    {
      g_chmod (g_ptr_array_index (tmpdirs, i), 0700);
      remove_tree (g_ptr_array_index (tmpdirs, i));
    }
}

char *
consult_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp ("consult-test-XXXXXX", &error);

  ck_assert_msg (path != NULL, "cannot make a temporary directory: %s",
                 error ? error->message : "");

  if (tmpdirs == NULL)
    {
      tmpdirs = g_ptr_array_new_with_free_func (g_free);
      atexit (remove_tmpdirs);
    }
  g_ptr_array_add (tmpdirs, g_strdup (path));

  return path;
}

char *
consult_test_run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  ck_assert_msg (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error),
                 "cannot run %s (./test installs it): %s", argv[0],
                 error ? error->message : "");
  ck_assert_msg (g_spawn_check_wait_status (status, &error), "%s failed: %s\n%s", argv[0],
                 error ? error->message : "", err);
  return out;
}

char *
consult_test_squeeze_spaces (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (g_unichar_isspace (ch))
        space = out->len > 0;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_unichar (out, ch);
        }
    }

  return g_string_free (out, FALSE);
}

char *
consult_test_pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL };

  return consult_test_run_tool (argv);
}

guint
consult_test_pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = consult_test_run_tool (argv);
  const char *line = strstr (info, "\nPages:");

  ck_assert_msg (line != NULL, "pdfinfo says no page count for %s:\n%s", path, info);
  return (guint) strtoul (line + strlen ("\nPages:"), NULL, 10);
}

int
consult_test_run_unprivileged (void             (*func) (gpointer data),
                               gpointer            data,
                               const char * const *owned)
{
  int status;
  pid_t pid;

  pid = fork ();
  ck_assert_int_ge (pid, 0);
  if (pid == 0)
    {
      if (getuid () == 0)
        {
          for (guint i = 0; owned != NULL && owned[i] != NULL; i++)
            if (chown (owned[i], CONSULT_TEST_NOBODY, CONSULT_TEST_NOBODY) != 0)
              _exit (90);
          if (setgroups (0, NULL) != 0 || setgid (CONSULT_TEST_NOBODY) != 0 ||
              setuid (CONSULT_TEST_NOBODY) != 0)
            _exit (91);
        }
      func (data);
      _exit (0);
    }

  ck_assert_int_eq (waitpid (pid, &status, 0), pid);
  ck_assert_msg (WIFEXITED (status), "the child was killed by signal %d", WTERMSIG (status));
  return WEXITSTATUS (status);
}
