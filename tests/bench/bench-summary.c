/* bench-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How long the PDF export of a signed consultation takes (the shipped
 * content, every screening answer, both signatures, the client copy),
 * against a plain cairo + pango document with the same number of pages:
 * same page size and margins, a heading and a few wrapped paragraphs per
 * page, written and synced the same way. The ratio is the cost of the
 * summary's own work (reading the consultation, building and measuring
 * the blocks, flowing them, drawing tables and strokes). The target is
 * 1.5 to 2 times the plain document.
 */

#include "consult-config.h"

#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "consult-content-loader.h"
#include "consult-i18n.h"
#include "consult-summary-pdf.h"

#define TARGET_RATIO 2.0
#define DEFAULT_RUNS 30
#define MARGIN       (18.0 * 72.0 / 25.4)

static const char paragraph[] =
  "Micro-needling is a skin treatment in which a device with many fine, short needles "
  "makes tiny punctures in the top layers of the skin. The skin responds by repairing "
  "itself, and over the following weeks this can make it look smoother and firmer. "
  "Most people have some redness for a day or two, like mild sunburn, and the skin may "
  "feel tight or dry while it heals.";

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return (da > db) - (da < db);
}

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

static void
draw_signature (ConsultSignature *signature,
                double            phase)
{
  gint64 t = 1000;

  consult_signature_begin_stroke (signature);
  for (double x = 40; x <= 520; x += 6)
    consult_signature_add_point (signature, x + 18 * cos (x / 14 + phase),
                                 95 + 45 * sin (x / 14 + phase) - x / 20,
                                 0.3 + 0.7 * fabs (sin (x / 60)), t += 12);
  consult_signature_end_stroke (signature);
}

/* The signed example of tests/test-summary.c. */
static ConsultConsultation *
new_signed (ConsultContent  *content,
            GError         **error)
{
  g_autoptr(ConsultConsultation) c = consult_consultation_new (content);
  GPtrArray *questions = consult_content_get_questions (content);
  GPtrArray *statements = consult_content_get_statements (content);
  GPtrArray *areas = consult_content_get_areas (content);

  consult_consultation_set_consultation_date (c, "2026-11-29");
  consult_consultation_set_client_name (c, "Ada Lovelace");
  consult_consultation_set_client_birth_date (c, "1990-05-17");
  consult_consultation_set_client_contact (c, "ada@example.org");
  consult_consultation_set_practitioner_name (c, "Grace Hopper");
  consult_consultation_set_area_selected (c, ((ConsultArea *) areas->pdata[0])->id, TRUE);
  for (guint i = 0; i < CONSULT_N_EXPLANATIONS; i++)
    consult_consultation_set_discussed (c, i, TRUE);
  for (guint i = 0; i < questions->len; i++)
    {
      const ConsultQuestion *question = g_ptr_array_index (questions, i);
      gboolean yes = g_str_equal (question->id, "cold-sore-history");

      consult_consultation_set_answer (c, question->id,
                                       yes ? CONSULT_ANSWER_YES : CONSULT_ANSWER_NO);
      if (yes)
        consult_consultation_set_note (c, question->id, "Aciclovir from 2 days before.");
    }
  for (guint i = 0; i < statements->len; i++)
    consult_consultation_set_statement_accepted (c, ((ConsultStatement *) statements->pdata[i])->id,
                                                 TRUE);
  draw_signature (consult_consultation_get_signature (c, CONSULT_SIGNER_CLIENT), 0);
  draw_signature (consult_consultation_get_signature (c, CONSULT_SIGNER_PRACTITIONER), 1.3);
  if (!consult_consultation_sign (c, CONSULT_SIGNER_CLIENT, "Ada Lovelace", error) ||
      !consult_consultation_sign (c, CONSULT_SIGNER_PRACTITIONER, "Grace Hopper", error))
    return NULL;

  return g_steal_pointer (&c);
}

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  int fd = GPOINTER_TO_INT (closure);

  return write (fd, data, length) == (ssize_t) length
         ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* The plain document: @n_pages pages of a heading and four paragraphs,
 * written to a temporary file, synced and renamed as the export is. */
static gboolean
write_plain (const char *path,
             guint       n_pages,
             double      width,
             double      height)
{
  g_autofree char *tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  int fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  PangoFontDescription *body, *heading;
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
  body = pango_font_description_from_string ("Cantarell, DejaVu Sans, sans 10");
  heading = pango_font_description_from_string ("Cantarell, DejaVu Sans, sans Bold 13");

  for (guint page = 0; page < n_pages; page++)
    {
      double y = MARGIN;

      for (guint i = 0; i < 5; i++)
        {
          g_autoptr(PangoLayout) layout = pango_layout_new (context);
          int layout_height;

          pango_layout_set_font_description (layout, i == 0 ? heading : body);
          pango_layout_set_width (layout, pango_units_from_double (width - 2 * MARGIN));
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_text (layout, i == 0 ? "Micro-needling" : paragraph, -1);
          cairo_move_to (cr, MARGIN, y);
          pango_cairo_show_layout (cr, layout);
          pango_layout_get_size (layout, NULL, &layout_height);
          y += pango_units_to_double (layout_height) + 8;
        }
      cairo_show_page (cr);
    }

  pango_font_description_free (body);
  pango_font_description_free (heading);
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
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsultContent) content = NULL;
  g_autoptr(ConsultConsultation) consultation = NULL;
  g_autoptr(ConsultSummary) summary = NULL;
  g_autoptr(GArray) export_times = NULL;
  g_autoptr(GArray) plain_times = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *export_path = NULL;
  g_autofree char *plain_path = NULL;
  guint runs = DEFAULT_RUNS;
  guint n_pages;
  double width, height, first_ms, export_median, plain_median;
  gint64 start;

  consult_i18n_init ("C.UTF-8");
  if (argc > 1)
    runs = MAX (1, (guint) strtoul (argv[1], NULL, 10));

  content = consult_content_load_default (&error);
  if (content != NULL)
    consultation = new_signed (content, &error);
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
  start = g_get_monotonic_time ();
  if (!consult_summary_export_pdf (consultation, &options, export_path, &error) ||
      !write_plain (plain_path, n_pages, width, height))
    {
      g_printerr ("%s\n", error != NULL ? error->message : "cannot write the plain PDF");
      return 1;
    }
  first_ms = elapsed_ms (start);

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
      ms = elapsed_ms (start);
      g_array_append_val (export_times, ms);

      start = g_get_monotonic_time ();
      if (!write_plain (plain_path, n_pages, width, height))
        {
          g_printerr ("cannot write the plain PDF\n");
          return 1;
        }
      ms = elapsed_ms (start);
      g_array_append_val (plain_times, ms);
    }

  export_median = median (export_times);
  plain_median = median (plain_times);

  g_print ("%-16s %6s %6s %12s %12s %12s %8s %8s\n",
           "benchmark", "pages", "runs", "median", "plain", "first run", "ratio", "target");
  g_print ("%-16s %6u %6u %9.2f ms %9.2f ms %9.2f ms %7.2fx %7.1fx\n",
           "summary-export", n_pages, runs, export_median, plain_median, first_ms,
           export_median / plain_median, TARGET_RATIO);

  g_unlink (export_path);
  g_unlink (plain_path);
  g_rmdir (dir);

  return 0;
}
