/* bench-startup.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Start-up of Consult to the first painted frame of its window, with the
 * shipped content, against a floor: bench-floor, a minimal AdwApplication
 * window (a header bar and a few rows) of the same size.
 *
 * Usage: bench-startup CONSULT FLOOR FIRST_FRAME_SO [PAIRS]
 *
 * Each run is a fresh process, started with first-frame.so preloaded: it
 * reports when the first frame reached the X server and exits there.
 * The time runs from just before fork() to that moment, so it includes
 * exec, dynamic linking, GTK's start-up and the first frame; the peak
 * memory is wait4()'s ru_maxrss. Consult and the floor run alternately,
 * the order swapped every pair so that neither always runs on warmer
 * caches; after one warm-up pair, the ratio of each pair is taken and
 * the median of those ratios is reported, with the medians of the times
 * and of the peaks.
 *
 * Each renderer runs in turn: cairo with GDK_DEBUG=gl-disable (GTK then
 * does not probe OpenGL at all), cairo with the OpenGL probe, and GL.
 * The targets, 1.2 times the floor for time and peak memory, apply to
 * the first. A renderer that cannot run (no OpenGL under this X server)
 * is reported as such.
 *
 * The display: a private Xvfb when there is one, otherwise $DISPLAY,
 * otherwise the benchmark is skipped (exit status 77). The programs get
 * empty XDG data, config and state folders, in-memory settings and no
 * session bus: no saved records or drafts, nothing to hand over to.
 */

#define _GNU_SOURCE  /* pipe2() */

#include "consult-config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "bench-table.h"

#define DEFAULT_PAIRS 15
#define TARGET_RATIO  1.2
#define RUN_TIMEOUT_MS 60000

typedef struct {
  const char *name;        /* as printed */
  const char *gsk_renderer;
  const char *gdk_debug;   /* NULL: unset */
  gboolean has_target;
} Config;

static const Config configs[] = {
  { "cairo, GDK_DEBUG=gl-disable", "cairo", "gl-disable", TRUE },
  { "cairo, OpenGL probed", "cairo", NULL, FALSE },
  { "GL", "gl", NULL, FALSE },
};

typedef struct {
  double ms;
  double peak_mib;
  char *renderer;
} Run;

static double
monotonic_s (void)
{
  struct timespec now;

  clock_gettime (CLOCK_MONOTONIC, &now);
  return now.tv_sec + now.tv_nsec / 1e9;
}

/* Starts @program with @envp and first-frame.so watching it; fills @run.
 * Returns FALSE, with the reason in @run->renderer, when it exited or was
 * killed before painting a frame. */
static gboolean
run_once (const char  *program,
          char       **envp,
          Run         *run)
{
  char *argv[] = { (char *) program, NULL };
  char buffer[256];
  struct rusage usage;
  struct pollfd pfd;
  gsize length = 0;
  double start, reported;
  int fds[2], status;
  pid_t pid;
  ssize_t n;

  if (pipe2 (fds, O_CLOEXEC) != 0)
    g_error ("pipe: %s", g_strerror (errno));

  start = monotonic_s ();
  pid = fork ();
  if (pid < 0)
    g_error ("fork: %s", g_strerror (errno));
  if (pid == 0)
    {
      int null = open ("/dev/null", O_RDWR | O_CLOEXEC);

      /* dup2() clears close-on-exec on the copy. */
      if (dup2 (fds[1], 3) < 0 || (null >= 0 && dup2 (null, STDOUT_FILENO) < 0))
        _exit (127);
      execve (program, argv, envp);
      _exit (127);
    }
  close (fds[1]);

  pfd.fd = fds[0];
  pfd.events = POLLIN;
  for (;;)
    {
      int ready = poll (&pfd, 1, RUN_TIMEOUT_MS);

      if (ready < 0 && errno == EINTR)
        continue;
      if (ready <= 0)
        {
          kill (pid, SIGKILL);
          break;
        }
      n = read (fds[0], buffer + length, sizeof buffer - 1 - length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      length += n;
      if (length == sizeof buffer - 1)
        break;
    }
  buffer[length] = '\0';
  close (fds[0]);

  while (wait4 (pid, &status, 0, &usage) < 0)
    if (errno != EINTR)
      g_error ("wait4: %s", g_strerror (errno));

  g_free (run->renderer);
  if (length == 0 || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      if (WIFSIGNALED (status))
        run->renderer = g_strdup_printf ("killed by signal %d before its first frame",
                                         WTERMSIG (status));
      else
        run->renderer = g_strdup_printf ("exited with %d before its first frame",
                                         WEXITSTATUS (status));
      return FALSE;
    }

  {
    g_auto(GStrv) fields = g_strsplit (g_strstrip (buffer), " ", 2);

    reported = g_ascii_strtod (fields[0], NULL);
    run->renderer = g_strdup (fields[1] != NULL ? fields[1] : "unknown");
  }
  run->ms = (reported - start) * 1000.0;
  run->peak_mib = usage.ru_maxrss / 1024.0;

  return TRUE;
}

static char *
start_xvfb (GPid *pid)
{
  g_autofree char *xvfb = g_find_program_in_path ("Xvfb");
  g_autofree char *fd_arg = NULL;
  char buffer[32];
  struct pollfd pfd;
  gsize length = 0;
  int fds[2];
  pid_t child;

  if (xvfb == NULL)
    return NULL;

  if (pipe2 (fds, O_CLOEXEC) != 0)
    return NULL;
  child = fork ();
  if (child < 0)
    return NULL;
  if (child == 0)
    {
      int null = open ("/dev/null", O_RDWR);

      if (dup2 (fds[1], 3) < 0 || dup2 (null, STDOUT_FILENO) < 0 ||
          dup2 (null, STDERR_FILENO) < 0)
        _exit (127);
      execl (xvfb, "Xvfb", "-displayfd", "3", "-screen", "0", "1280x1024x24",
             "-nolisten", "tcp", "-noreset", (char *) NULL);
      _exit (127);
    }
  close (fds[1]);
  *pid = child;

  pfd.fd = fds[0];
  pfd.events = POLLIN;
  while (length < sizeof buffer - 1 && poll (&pfd, 1, 10000) > 0)
    {
      ssize_t n = read (fds[0], buffer + length, sizeof buffer - 1 - length);

      if (n <= 0)
        break;
      length += n;
      if (memchr (buffer, '\n', length) != NULL)
        break;
    }
  close (fds[0]);
  buffer[length] = '\0';
  g_strstrip (buffer);
  if (*buffer == '\0')
    {
      kill (child, SIGTERM);
      waitpid (child, NULL, 0);
      *pid = 0;
      return NULL;
    }

  return g_strdup_printf (":%s", buffer);
}

/* What the programs left in the temporary folders, then the folders. */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static char **
config_environ (char       **base,
                const Config *config)
{
  char **envp = g_strdupv (base);

  envp = g_environ_setenv (envp, "GSK_RENDERER", config->gsk_renderer, TRUE);
  if (config->gdk_debug != NULL)
    envp = g_environ_setenv (envp, "GDK_DEBUG", config->gdk_debug, TRUE);
  else
    envp = g_environ_unsetenv (envp, "GDK_DEBUG");

  return envp;
}

static char *
format_ms (double ms)
{
  return g_strdup_printf ("%.0f ms", ms);
}

static char *
format_mib (double mib)
{
  return g_strdup_printf ("%.1f MiB", mib);
}

/* Runs @config; prints its rows. Returns FALSE when it could not run. */
static gboolean
bench_config (const Config  *config,
              char         **base_envp,
              const char    *consult,
              const char    *floor_program,
              guint          pairs,
              char         **renderer_out,
              char         **failure_out)
{
  g_auto(GStrv) envp = config_environ (base_envp, config);
  g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) app_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) app_mib = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_mib = g_array_new (FALSE, FALSE, sizeof (double));
  Run app = { 0 }, floor_run = { 0 };
  g_autofree char *name = NULL;
  g_autofree char *a = NULL, *f = NULL, *r = NULL, *t = NULL;
  double time_ratio, mem_ratio, app_peak, floor_peak;
  gboolean ok = TRUE;

  /* Pair 0 warms the caches and is not counted. */
  for (guint i = 0; i <= pairs && ok; i++)
    {
      if (i % 2 == 0)
        ok = run_once (consult, envp, &app) && run_once (floor_program, envp, &floor_run);
      else
        ok = run_once (floor_program, envp, &floor_run) && run_once (consult, envp, &app);
      if (!ok || i == 0)
        continue;

      g_array_append_vals (ratios, &(double) { app.ms / floor_run.ms }, 1);
      g_array_append_val (app_ms, app.ms);
      g_array_append_val (floor_ms, floor_run.ms);
      g_array_append_val (app_mib, app.peak_mib);
      g_array_append_val (floor_mib, floor_run.peak_mib);
    }

  if (!ok)
    {
      *failure_out = g_strdup (app.renderer != NULL && floor_run.renderer == NULL
                               ? app.renderer : floor_run.renderer);
      if (*failure_out == NULL)
        *failure_out = g_strdup (app.renderer);
      g_free (app.renderer);
      g_free (floor_run.renderer);
      return FALSE;
    }

  *renderer_out = g_strdup (app.renderer);
  time_ratio = bench_median (ratios);
  app_peak = bench_median (app_mib);
  floor_peak = bench_median (floor_mib);
  mem_ratio = app_peak / floor_peak;

  name = g_strdup_printf ("start-up, %s", config->name);
  a = format_ms (bench_median (app_ms));
  f = g_strdup_printf ("floor %.0f ms", bench_median (floor_ms));
  r = g_strdup_printf ("%.2fx", time_ratio);
  t = g_strdup_printf ("<= %.1fx", TARGET_RATIO);
  bench_table_row (name, "to first frame", a, f, r, config->has_target ? t : NULL,
                   config->has_target ? time_ratio <= TARGET_RATIO : -1);
  g_free (a);
  g_free (f);
  g_free (r);
  a = format_mib (app_peak);
  f = g_strdup_printf ("floor %.1f MiB", floor_peak);
  r = g_strdup_printf ("%.2fx", mem_ratio);
  bench_table_row (name, "peak memory", a, f, r, config->has_target ? t : NULL,
                   config->has_target ? mem_ratio <= TARGET_RATIO : -1);

  g_free (app.renderer);
  g_free (floor_run.renderer);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *display = NULL;
  g_autofree char *home = NULL;
  g_auto(GStrv) base_envp = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);
  const char *consult, *floor_program, *preload;
  guint pairs = DEFAULT_PAIRS;
  GPid xvfb = 0;

  if (argc < 4)
    {
      g_printerr ("Usage: %s CONSULT FLOOR FIRST_FRAME_SO [PAIRS]\n", argv[0]);
      return 2;
    }
  consult = argv[1];
  floor_program = argv[2];
  preload = argv[3];
  if (argc > 4)
    pairs = MAX (1, (guint) strtoul (argv[4], NULL, 10));

  display = start_xvfb (&xvfb);
  if (display != NULL)
    g_string_append_printf (notes, "display: a private Xvfb (%s, 1280x1024x24, no window manager)",
                            display);
  else if (g_getenv ("DISPLAY") != NULL && *g_getenv ("DISPLAY") != '\0')
    {
      display = g_strdup (g_getenv ("DISPLAY"));
      g_string_append_printf (notes, "display: $DISPLAY (%s)", display);
    }
  else
    {
      g_print ("SKIP: no Xvfb and no DISPLAY\n");
      return 77;
    }

  home = g_dir_make_tmp ("consult-bench-startup-XXXXXX", NULL);
  if (home == NULL)
    g_error ("cannot make a temporary folder");

  base_envp = g_get_environ ();
  base_envp = g_environ_setenv (base_envp, "DISPLAY", display, TRUE);
  base_envp = g_environ_unsetenv (base_envp, "WAYLAND_DISPLAY");
  base_envp = g_environ_setenv (base_envp, "GDK_BACKEND", "x11", TRUE);
  base_envp = g_environ_setenv (base_envp, "GTK_A11Y", "none", TRUE);
  base_envp = g_environ_setenv (base_envp, "DBUS_SESSION_BUS_ADDRESS",
                                "unix:path=/nonexistent/consult-bench-bus", TRUE);
  base_envp = g_environ_setenv (base_envp, "GSETTINGS_BACKEND", "memory", TRUE);
  base_envp = g_environ_setenv (base_envp, "LD_PRELOAD", preload, TRUE);
  base_envp = g_environ_setenv (base_envp, "CONSULT_BENCH_FIRST_FRAME_FD", "3", TRUE);
  /* Empty folders: no records to list, no drafts to offer. */
  for (guint i = 0; i < 3; i++)
    {
      static const char *const vars[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME" };
      g_autofree char *dir = g_build_filename (home, vars[i], NULL);

      g_mkdir (dir, 0700);
      base_envp = g_environ_setenv (base_envp, vars[i], dir, TRUE);
    }

  bench_table_header ();
  for (guint i = 0; i < G_N_ELEMENTS (configs); i++)
    {
      g_autofree char *renderer = NULL;
      g_autofree char *failure = NULL;

      if (bench_config (&configs[i], base_envp, consult, floor_program, pairs,
                        &renderer, &failure))
        g_string_append_printf (notes, "\nstart-up, %s: GSK_RENDERER=%s, renderer used: %s",
                                configs[i].name, configs[i].gsk_renderer, renderer);
      else
        g_string_append_printf (notes, "\nstart-up, %s: did not run (%s)",
                                configs[i].name, failure);
    }
  g_print ("\n%s\nstart-up: median of %u pairs after one warm-up pair; "
           "ratio: median of the per-pair ratios\n", notes->str, pairs);

  if (xvfb != 0)
    {
      kill (xvfb, SIGTERM);
      waitpid (xvfb, NULL, 0);
    }
  remove_tree (home);

  return 0;
}
