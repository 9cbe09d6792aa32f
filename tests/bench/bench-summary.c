/* bench-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How long the PDF export of tests/data/records/complete.xml takes (a
 * signed consultation on the shipped content: every screening answer,
 * both signatures, the client copy), against a plain cairo + pango
 * document with the same number of pages, in the same fonts: on each
 * page a heading, a line of the symbols the summary uses, a monospace
 * digest and wrapped paragraphs, written and synced the same way. The
 * fonts matter: each face the PDF embeds is subset, and that is a good
 * part of the work. The ratio is then the cost of the summary's own work
 * (reading the consultation, building and measuring the blocks, flowing
 * them, drawing tables and strokes). The target is 1.5 times the plain
 * document.
 *
 * Usage: bench-summary [RUNS]; the record is found through
 * $CONSULT_TEST_SRCDIR (tests/), as the test suites find their data.
 */

#include "consult-config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "consult-i18n.h"
#include "consult-record.h"
#include "consult-summary-pdf.h"

#include "bench-table.h"

#define TARGET_RATIO 1.5
#define DEFAULT_RUNS 30
#define MARGIN       (18.0 * 72.0 / 25.4)

static const char paragraph[] =
  "Micro-needling is a skin treatment in which a device with many fine, short needles "
  "makes tiny punctures in the top layers of the skin. The skin responds by repairing "
  "itself, and over the following weeks this can make it look smoother and firmer. "
  "Most people have some redness for a day or two, like mild sunburn, and the skin may "
  "feel tight or dry while it heals.";

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  int fd = GPOINTER_TO_INT (closure);

  return write (fd, data, length) == (ssize_t) length
         ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* What goes on each page of the plain document, in which font. */
static const struct {
  const char *font;
  const char *text;
} plain_lines[] = {
  { "Cantarell, DejaVu Sans, sans Bold 13", "Micro-needling: consent summary" },
  { "Cantarell, DejaVu Sans, sans 10",
    "Riverside Skin Clinic · 12 Mill Lane — the client’s copy • page" },
  { "DejaVu Sans, sans 10", "☑ ☑ ☑ ☑" },
  { "DejaVu Sans Mono, monospace 8",
    "SHA-256 3f5a9c0e4b7d21e8a6c9f0b1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1" },
  { "Cantarell, DejaVu Sans, sans Bold 10", "What the procedure involves" },
  { "Cantarell, DejaVu Sans, sans 10", paragraph },
  { "Cantarell, DejaVu Sans, sans 10", paragraph },
  { "Cantarell, DejaVu Sans, sans 10", paragraph },
  { "Cantarell, DejaVu Sans, sans 10", paragraph },
};

/* The plain document: @n_pages pages of plain_lines, written to a
 * temporary file, synced and renamed as the export is. */
static gboolean
write_plain (const char *path,
             guint       n_pages,
             double      width,
             double      height)
{
  g_autofree char *tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  int fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  PangoFontDescription *fonts[G_N_ELEMENTS (plain_lines)];
  cairo_surface_t *surface;
  PangoContext *context;
  cairo_t *cr;
  gboolean ok;

  if (fd < 0)
    return FALSE;

  surface = cairo_pdf_surface_create_for_stream (write_cb, GINT_TO_POINTER (fd), width, height);
  cr = cairo_create (surface);
  context = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (context, 72);
  for (guint i = 0; i < G_N_ELEMENTS (plain_lines); i++)
    fonts[i] = pango_font_description_from_string (plain_lines[i].font);

  for (guint page = 0; page < n_pages; page++)
    {
      double y = MARGIN;

      for (guint i = 0; i < G_N_ELEMENTS (plain_lines); i++)
        {
          g_autoptr(PangoLayout) layout = pango_layout_new (context);
          int layout_height;

          pango_layout_set_font_description (layout, fonts[i]);
          pango_layout_set_width (layout, pango_units_from_double (width - 2 * MARGIN));
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_text (layout, plain_lines[i].text, -1);
          cairo_move_to (cr, MARGIN, y);
          pango_cairo_show_layout (cr, layout);
          pango_layout_get_size (layout, NULL, &layout_height);
          y += pango_units_to_double (layout_height) + 8;
        }
      cairo_show_page (cr);
    }

  for (guint i = 0; i < G_N_ELEMENTS (plain_lines); i++)
    pango_font_description_free (fonts[i]);
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS;
  cairo_surface_destroy (surface);
  ok = fsync (fd) == 0 && ok;
  ok = close (fd) == 0 && ok;
  ok = ok && g_rename (tmp_path, path) == 0;

  return ok;
}

int
main (int   argc,
      char *argv[])
{
  const ConsultSummaryOptions options = {
    "Riverside Skin Clinic", "12 Mill Lane\nBristol BS1 4AB", NULL,
    CONSULT_SUMMARY_PARTS_FULL, NULL,
  };
  const char *srcdir = g_getenv ("CONSULT_TEST_SRCDIR");
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsultConsultation) consultation = NULL;
  g_autoptr(ConsultSummary) summary = NULL;
  g_autoptr(GArray) export_times = NULL;
  g_autoptr(GArray) plain_times = NULL;
  g_autofree char *record = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *export_path = NULL;
  g_autofree char *plain_path = NULL;
  g_autofree char *figure = NULL, *measured = NULL, *reference = NULL;
  g_autofree char *ratio_text = NULL, *target = NULL;
  guint runs = DEFAULT_RUNS;
  guint n_pages;
  double width, height, export_median, plain_median, ratio;
  gint64 start;

  consult_i18n_init ("C.UTF-8");
  if (argc > 1)
    runs = MAX (1, (guint) strtoul (argv[1], NULL, 10));

  record = g_build_filename (srcdir != NULL ? srcdir : "tests", "data", "records",
                             "complete.xml", NULL);
  consultation = consult_record_load_file (record, NULL, &error);
  if (consultation == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  dir = g_dir_make_tmp ("consult-bench-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  export_path = g_build_filename (dir, "summary.pdf", NULL);
  plain_path = g_build_filename (dir, "plain.pdf", NULL);

  consult_paper_size_for_locale (NULL, &width, &height);
  summary = consult_summary_new (consultation, &options);
  n_pages = consult_summary_paginate (summary, NULL, width, height,
                                      MARGIN, MARGIN, MARGIN, MARGIN);

  /* The warm-up: the first export also loads the fonts. */
  if (!consult_summary_export_pdf (consultation, &options, export_path, &error) ||
      !write_plain (plain_path, n_pages, width, height))
    {
      g_printerr ("%s\n", error != NULL ? error->message : "cannot write the plain PDF");
      return 1;
    }

  export_times = g_array_sized_new (FALSE, FALSE, sizeof (double), runs);
  plain_times = g_array_sized_new (FALSE, FALSE, sizeof (double), runs);
  for (guint i = 0; i < runs; i++)
    {
      double ms;

      /* Interleaved, so that a slow moment of the machine falls on both. */
      start = g_get_monotonic_time ();
      if (!consult_summary_export_pdf (consultation, &options, export_path, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      ms = bench_elapsed_ms (start);
      g_array_append_val (export_times, ms);

      start = g_get_monotonic_time ();
      if (!write_plain (plain_path, n_pages, width, height))
        {
          g_printerr ("cannot write the plain PDF\n");
          return 1;
        }
      ms = bench_elapsed_ms (start);
      g_array_append_val (plain_times, ms);
    }

  export_median = bench_median (export_times);
  plain_median = bench_median (plain_times);
  ratio = export_median / plain_median;

  figure = g_strdup_printf ("%u pages, median of %u", n_pages, runs);
  measured = g_strdup_printf ("%.1f ms", export_median);
  reference = g_strdup_printf ("plain %.1f ms", plain_median);
  ratio_text = g_strdup_printf ("%.2fx", ratio);
  target = g_strdup_printf ("<= %.1fx", TARGET_RATIO);
  bench_table_header ();
  bench_table_row ("summary PDF export, complete.xml", figure, measured, reference,
                   ratio_text, target, ratio <= TARGET_RATIO);

  g_unlink (export_path);
  g_unlink (plain_path);
  g_rmdir (dir);

  return 0;
}
