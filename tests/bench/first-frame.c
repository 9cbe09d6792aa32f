/* first-frame.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An LD_PRELOAD helper for bench-startup: it notes when the first frame
 * of a toplevel window has been painted and the X server has it, writes
 * that time and the renderer's type to a file descriptor, and ends the
 * process. It needs no code in the program it watches.
 *
 * GTK is linked with -Bsymbolic, so its own call to gsk_renderer_render()
 * cannot be interposed. Instead this installs emission hooks, from a
 * constructor, on two GDK signals every frame goes through: a surface's
 * "render" (the window's widgets draw through the renderer) and then the
 * frame clock's "after-paint" (the renderer has presented the frame).
 * gdk_display_sync() then waits until the X server has processed the
 * drawing.
 *
 * CONSULT_BENCH_FIRST_FRAME_FD names the descriptor to write to: one
 * line, "SECONDS RENDERER", SECONDS on CLOCK_MONOTONIC. Without it the
 * helper does nothing.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <gtk/gtk.h>

/* The toplevel whose frame is being painted, between its "render" and
 * the frame clock's "after-paint". */
static GdkSurface *rendering;
static int result_fd = -1;

static gboolean
render_hook (GSignalInvocationHint *hint,
             guint                  n_values,
             const GValue          *values,
             gpointer               data)
{
  GdkSurface *surface = g_value_get_object (&values[0]);

  /* The main window, not a popover, a tooltip or GTK's 1x1 leader. */
  if (rendering == NULL && GDK_IS_TOPLEVEL (surface) &&
      gdk_surface_get_width (surface) > 1 && gdk_surface_get_height (surface) > 1)
    rendering = surface;

  return TRUE;
}

static gboolean
after_paint_hook (GSignalInvocationHint *hint,
                  guint                  n_values,
                  const GValue          *values,
                  gpointer               data)
{
  GdkFrameClock *clock = g_value_get_object (&values[0]);
  GtkNative *native;
  GskRenderer *renderer;
  struct timespec now;
  char line[256];
  int length;

  if (rendering == NULL || gdk_surface_get_frame_clock (rendering) != clock)
    return TRUE;

  gdk_display_sync (gdk_surface_get_display (rendering));
  clock_gettime (CLOCK_MONOTONIC, &now);

  native = gtk_native_get_for_surface (rendering);
  renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;
  length = snprintf (line, sizeof line, "%lld.%09ld %s\n",
                     (long long) now.tv_sec, now.tv_nsec,
                     renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "unknown");
  while (write (result_fd, line, length) < 0 && errno == EINTR)
    ;

  /* Nothing after the first frame belongs to the measurement, and
   * exiting here keeps the peak memory to what it took to get there. */
  _exit (0);
}

__attribute__((constructor)) static void
first_frame_init (void)
{
  const char *fd = getenv ("CONSULT_BENCH_FIRST_FRAME_FD");
  GTypeClass *surface_class, *clock_class;

  if (fd == NULL || *fd == '\0')
    return;
  result_fd = atoi (fd);
  /* Not for the programs this one might start. */
  unsetenv ("CONSULT_BENCH_FIRST_FRAME_FD");
  unsetenv ("LD_PRELOAD");

  surface_class = g_type_class_ref (GDK_TYPE_SURFACE);
  clock_class = g_type_class_ref (GDK_TYPE_FRAME_CLOCK);
  g_signal_add_emission_hook (g_signal_lookup ("render", GDK_TYPE_SURFACE), 0,
                              render_hook, NULL, NULL);
  g_signal_add_emission_hook (g_signal_lookup ("after-paint", GDK_TYPE_FRAME_CLOCK), 0,
                              after_paint_hook, NULL, NULL);
  g_type_class_unref (surface_class);
  g_type_class_unref (clock_class);
}
