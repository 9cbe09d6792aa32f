/* render-icon.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: render-icon SVG SIZE OUT.png
 *
 * Renders the application icon to a PNG of SIZE x SIZE pixels, at build
 * time. The window icon GTK gives the X server is a list of bitmaps; with
 * only an SVG at hand it would load the SVG renderer (librsvg, several
 * megabytes) into every start of the application to make them.
 */

#include <stdlib.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  int size;

  if (argc != 4 || (size = atoi (argv[2])) <= 0)
    {
      g_printerr ("Usage: %s SVG SIZE OUT.png\n", argv[0]);
      return 2;
    }

  pixbuf = gdk_pixbuf_new_from_file_at_size (argv[1], size, size, &error);
  if (pixbuf == NULL || !gdk_pixbuf_save (pixbuf, argv[3], "png", &error, NULL))
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 1;
    }

  return 0;
}
