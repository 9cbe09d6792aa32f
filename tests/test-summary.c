/* test-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The printable consent summary, headless: consultations in each state
 * (signed, deferred, not suitable, an unsigned draft) built through the
 * ConsultConsultation API with the shipped content, exported to PDF and
 * read back with poppler's tools (pdftotext, pdfinfo, pdffonts); the
 * layout model checked through its private accessors; pages rendered to
 * image surfaces to look for ink where there must be some (a signature)
 * and where there must be none (the margins).
 */

#include "consult-config.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <pango/pangocairo.h>

#include "consult-content-loader.h"
#include "consult-summary-pdf.h"
#include "consult-summary-private.h"
#include "consult-test-utils.h"

#define CLINIC_NAME    "Riverside Skin Clinic"
#define CLINIC_ADDRESS "12 Mill Lane\nBristol BS1 4AB"
#define CLIENT_NAME    "Ada Lovelace"
#define MARGIN         (18.0 * 72.0 / 25.4)

/* Building consultations */

static ConsultContent *
load_default (void)
{
  g_autoptr(GError) error = NULL;
  ConsultContent *content = consult_content_load_default (&error);

  ck_assert_msg (content != NULL, "%s", error ? error->message : "");
  return content;
}

static void
fill_client (ConsultConsultation *c)
{
  GPtrArray *areas = consult_content_get_areas (consult_consultation_get_content (c));

  ck_assert (consult_consultation_set_consultation_date (c, "2026-11-29"));
  ck_assert (consult_consultation_set_client_name (c, CLIENT_NAME));
  ck_assert (consult_consultation_set_client_birth_date (c, "1990-05-17"));
  ck_assert (consult_consultation_set_client_contact (c, "ada@example.org, 07700 900123"));
  ck_assert (consult_consultation_set_practitioner_name (c, "Grace Hopper"));
  for (guint i = 0; i < MIN (areas->len, 2); i++)
    {
      const ConsultArea *area = g_ptr_array_index (areas, i);

      ck_assert (consult_consultation_set_area_selected (c, area->id, TRUE));
    }
}

static void
discuss_all (ConsultConsultation *c)
{
  for (guint i = 0; i < CONSULT_N_EXPLANATIONS; i++)
    ck_assert (consult_consultation_set_discussed (c, i, TRUE));
}

/* Answers every question "no", except @yes_id (may be NULL) "yes" with
 * @note. */
static void
answer_all (ConsultConsultation *c,
            const char          *yes_id,
            const char          *note)
{
  GPtrArray *questions = consult_content_get_questions (consult_consultation_get_content (c));

  for (guint i = 0; i < questions->len; i++)
    {
      const ConsultQuestion *question = g_ptr_array_index (questions, i);
      gboolean yes = g_strcmp0 (question->id, yes_id) == 0;

      ck_assert (consult_consultation_set_answer (c, question->id,
                                                  yes ? CONSULT_ANSWER_YES : CONSULT_ANSWER_NO));
      if (yes && note != NULL)
        ck_assert (consult_consultation_set_note (c, question->id, note));
    }
}

static void
tick_statements (ConsultConsultation *c,
                 gboolean             optional_too)
{
  GPtrArray *statements = consult_content_get_statements (consult_consultation_get_content (c));

  for (guint i = 0; i < statements->len; i++)
    {
      const ConsultStatement *statement = g_ptr_array_index (statements, i);

      if (statement->required || optional_too)
        ck_assert (consult_consultation_set_statement_accepted (c, statement->id, TRUE));
    }
}

/* A signature drawn as the pad would: a looping line, then an underline,
 * with the pressure rising and falling. */
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

  consult_signature_begin_stroke (signature);
  for (double x = 60; x <= 500; x += 20)
    consult_signature_add_point (signature, x, 165 - x / 40, 0.8, t += 10);
  consult_signature_end_stroke (signature);
}

static void
sign (ConsultConsultation *c,
      ConsultSigner        signer,
      const char          *name)
{
  g_autoptr(GError) error = NULL;

  draw_signature (consult_consultation_get_signature (c, signer), signer * 1.3);
  ck_assert_msg (consult_consultation_sign (c, signer, name, &error), "%s",
                 error ? error->message : "");
}

/* Complete, one precaution, photography agreed, signed by both. */
static ConsultConsultation *
new_signed (ConsultContent *content)
{
  ConsultConsultation *c = consult_consultation_new (content);

  fill_client (c);
  discuss_all (c);
  answer_all (c, "cold-sore-history",
              "Last cold sore 2024. Aciclovir from 2 days before treatment, prescribed by GP.");
  tick_statements (c, TRUE);
  ck_assert (consult_consultation_set_general_notes (c, "Client prefers morning appointments."));
  sign (c, CONSULT_SIGNER_CLIENT, CLIENT_NAME);
  sign (c, CONSULT_SIGNER_PRACTITIONER, "Grace Hopper");
  ck_assert (consult_consultation_get_locked (c));

  return c;
}

static ConsultConsultation *
new_with_outcome (ConsultContent *content,
                  const char     *yes_id,
                  ConsultOutcome  outcome)
{
  ConsultConsultation *c = consult_consultation_new (content);

  fill_client (c);
  discuss_all (c);
  answer_all (c, yes_id, "Reported by the client today.");
  ck_assert_int_eq (consult_consultation_get_outcome (c), outcome);

  return c;
}

/* Ready to sign, but nobody has: statements ticked, nothing signed. */
static ConsultConsultation *
new_draft (ConsultContent *content)
{
  ConsultConsultation *c = consult_consultation_new (content);

  fill_client (c);
  discuss_all (c);
  answer_all (c, NULL, NULL);
  tick_statements (c, FALSE);
  /* Drawn but not signed: a draft never shows it. */
  draw_signature (consult_consultation_get_signature (c, CONSULT_SIGNER_CLIENT), 0);

  return c;
}

static const ConsultSummaryOptions default_options = {
  CLINIC_NAME, CLINIC_ADDRESS, "Dr Preferences", CONSULT_SUMMARY_PARTS_FULL, NULL,
};

/* Running poppler */

static char *
run_tool (const char *tool,
          const char *arg,
          const char *path)
{
  const char *argv[] = { tool, arg, path, arg != NULL ? "-" : NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  if (arg == NULL)
    {
      argv[1] = path;
      argv[2] = NULL;
    }
  ck_assert_msg (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error),
                 "cannot run %s (apt-get install poppler-utils): %s", tool,
                 error ? error->message : "");
  ck_assert_msg (g_spawn_check_wait_status (status, &error), "%s failed: %s\n%s", tool,
                 error ? error->message : "", err);

  return out;
}

/* TRUE when the words of @needle appear in @haystack in order, starting at
 * *@from, which moves past the last word. Wrapping in a table column puts
 * the other columns between the lines of a cell; the order stays. */
static gboolean
words_in_order (const char  *haystack,
                const char  *needle,
                const char **from)
{
  g_autofree char *flat = consult_test_squeeze_spaces (needle);
  g_auto(GStrv) words = g_strsplit (flat, " ", -1);
  const char *at = *from;

  for (guint i = 0; words[i] != NULL; i++)
    {
      at = strstr (at, words[i]);
      if (at == NULL)
        return FALSE;
      at += strlen (words[i]);
    }
  *from = at;

  return TRUE;
}

/* The first @n words of @text, as one string. */
static char *
first_words (const char *text,
             guint       n)
{
  g_autofree char *flat = consult_test_squeeze_spaces (text);
  g_auto(GStrv) words = g_strsplit (flat, " ", n + 1);

  if (g_strv_length (words) > n)
    g_clear_pointer (&words[n], g_free);
  return g_strjoinv (" ", words);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint count = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    count++;

  return count;
}

static guint
pdf_pages (const char *info)
{
  const char *line = strstr (info, "\nPages:");

  ck_assert_ptr_nonnull (line);
  return (guint) strtoul (line + strlen ("\nPages:"), NULL, 10);
}

static char *
export (ConsultConsultation         *c,
        const ConsultSummaryOptions *options,
        const char                  *name)
{
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  ck_assert_msg (consult_summary_export_pdf (c, options, path, &error), "%s",
                 error ? error->message : "");
  return path;
}

/* Every screening question, as asked, in content order. */
static void
assert_questions (ConsultContent *content,
                  const char     *text)
{
  GPtrArray *questions = consult_content_get_questions (content);
  const char *from = text;

  for (guint i = 0; i < questions->len; i++)
    {
      const ConsultQuestion *question = g_ptr_array_index (questions, i);
      g_autofree char *prefix = first_words (question->question.plain, 3);

      ck_assert_msg (strstr (text, prefix) != NULL, "question %s: “%s” not found",
                     question->id, prefix);
      ck_assert_msg (words_in_order (text, question->question.plain, &from),
                     "question %s is not there as asked, in order", question->id);
    }
}

static void
assert_statements (ConsultContent *content,
                   const char     *text,
                   gboolean        present)
{
  GPtrArray *statements = consult_content_get_statements (content);

  for (guint i = 0; i < statements->len; i++)
    {
      const ConsultStatement *statement = g_ptr_array_index (statements, i);
      g_autofree char *prefix = first_words (statement->text.plain, 6);
      const char *from = text;

      if (present)
        ck_assert_msg (words_in_order (text, statement->text.plain, &from),
                       "statement %s is missing", statement->id);
      else
        ck_assert_msg (strstr (text, prefix) == NULL, "statement %s is printed", statement->id);
    }
}

static void
assert_fonts_embedded (const char *path)
{
  g_autofree char *fonts = run_tool ("pdffonts", NULL, path);
  g_auto(GStrv) lines = g_strsplit (fonts, "\n", -1);
  gboolean table = FALSE;
  guint n_fonts = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      const char *words[32];
      guint n;

      if (g_str_has_prefix (lines[i], "----"))
        {
          table = TRUE;
          continue;
        }
      if (!table || *lines[i] == '\0')
        continue;

      /* name type encoding emb sub uni object-id: the type may hold
       * spaces, so count from the end. */
      fields = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      n = 0;
      for (guint j = 0; fields[j] != NULL; j++)
        if (*fields[j] != '\0' && n < G_N_ELEMENTS (words))
          words[n++] = fields[j];
      ck_assert_uint_ge (n, 5);
      ck_assert_msg (g_str_equal (words[n - 5], "yes"), "not embedded: %s", lines[i]);
      n_fonts++;
    }
  ck_assert_uint_ge (n_fonts, 1);
}

/* Rendering pages to images */

static ConsultSummary *
paginate_a4 (ConsultConsultation         *c,
             const ConsultSummaryOptions *options)
{
  ConsultSummary *summary = consult_summary_new (c, options);
  double width, height;

  consult_paper_size_for_locale ("C", &width, &height);
  ck_assert_uint_ge (consult_summary_paginate (summary, NULL, width, height,
                                               MARGIN, MARGIN, MARGIN, MARGIN), 1);
  return summary;
}

#define RENDER_SCALE 2.0

static cairo_surface_t *
render_page (ConsultSummary *summary,
             guint           page_nr)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;

  consult_paper_size_for_locale ("C", &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (width * RENDER_SCALE),
                                        (int) ceil (height * RENDER_SCALE));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, RENDER_SCALE, RENDER_SCALE);
  consult_summary_draw_page (summary, cr, page_nr);
  ck_assert_int_eq (cairo_status (cr), CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return ((const guint32 *) (data + y * stride))[x] & 0xffffff;
}

/* Pixels darker than mid grey inside @rect (in points), shrunk by a pixel. */
static guint
count_dark (cairo_surface_t         *surface,
            const cairo_rectangle_t *rect)
{
  int x0 = (int) ceil (rect->x * RENDER_SCALE) + 1;
  int y0 = (int) ceil (rect->y * RENDER_SCALE) + 1;
  int x1 = (int) floor ((rect->x + rect->width) * RENDER_SCALE) - 1;
  int y1 = (int) floor ((rect->y + rect->height) * RENDER_SCALE) - 1;
  guint count = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint32 p = pixel_at (surface, x, y);
        guint luma = (((p >> 16) & 0xff) * 3 + ((p >> 8) & 0xff) * 6 + (p & 0xff)) / 10;

        if (luma < 128)
          count++;
      }

  return count;
}

/* The first non-white pixel outside @rect (in points, grown by a pixel
 * for anti-aliasing), or FALSE. */
static gboolean
find_ink_outside (cairo_surface_t         *surface,
                  const cairo_rectangle_t *rect,
                  int                     *ink_x,
                  int                     *ink_y)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int x0 = (int) floor (rect->x * RENDER_SCALE) - 1;
  int y0 = (int) floor (rect->y * RENDER_SCALE) - 1;
  int x1 = (int) ceil ((rect->x + rect->width) * RENDER_SCALE) + 1;
  int y1 = (int) ceil ((rect->y + rect->height) * RENDER_SCALE) + 1;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        if (x >= x0 && x < x1 && y >= y0 && y < y1)
          continue;
        if (pixel_at (surface, x, y) != 0xffffff)
          {
            *ink_x = x;
            *ink_y = y;
            return TRUE;
          }
      }

  return FALSE;
}

static gboolean
is_heading_kind (ConsultSummaryBlockKind kind)
{
  return kind == CONSULT_SUMMARY_BLOCK_HEADING || kind == CONSULT_SUMMARY_BLOCK_SUBHEADING ||
         kind == CONSULT_SUMMARY_BLOCK_TITLE || kind == CONSULT_SUMMARY_BLOCK_TABLE_HEADER;
}

/* No page ends with a heading (or a table header), and every page that
 * holds screening rows shows the table's header above them. Returns the
 * number of pages with rows. */
static guint
assert_page_structure (ConsultSummary *summary)
{
  guint n_pages = consult_summary_get_n_pages (summary);
  guint pages_with_rows = 0;

  for (guint page = 0; page < n_pages; page++)
    {
      guint n = _consult_summary_get_n_placements (summary, page);
      gboolean header_seen = FALSE, rows = FALSE;

      ck_assert_uint_ge (n, 1);
      ck_assert_msg (!is_heading_kind (_consult_summary_get_placement_kind (summary, page, n - 1)),
                     "page %u of %u ends with a heading", page + 1, n_pages);
      for (guint i = 0; i < n; i++)
        {
          ConsultSummaryBlockKind kind = _consult_summary_get_placement_kind (summary, page, i);

          ck_assert_int_ne (kind, CONSULT_SUMMARY_BLOCK_PAGE_BREAK);
          if (kind == CONSULT_SUMMARY_BLOCK_TABLE_HEADER)
            header_seen = TRUE;
          if (kind == CONSULT_SUMMARY_BLOCK_TABLE_ROW)
            {
              ck_assert_msg (header_seen, "page %u: rows without the table header", page + 1);
              ck_assert_msg (!_consult_summary_get_placement_is_part (summary, page, i),
                             "page %u: a table row was split", page + 1);
              rows = TRUE;
            }
          if (kind == CONSULT_SUMMARY_BLOCK_SIGNATURES)
            ck_assert (!_consult_summary_get_placement_is_part (summary, page, i));
        }
      if (rows)
        pages_with_rows++;
    }

  return pages_with_rows;
}

/* The watermark crosses the middle of every page of a draft, in light
 * grey, and no other page. */
static void
assert_watermark (ConsultSummary *summary,
                  gboolean        expected)
{
  for (guint page = 0; page < consult_summary_get_n_pages (summary); page++)
    {
      cairo_surface_t *surface = render_page (summary, page);
      int width = cairo_image_surface_get_width (surface);
      int height = cairo_image_surface_get_height (surface);
      guint light = 0;

      /* A band along the diagonal, over the middle third of the page. */
      for (int x = width / 3; x < 2 * width / 3; x++)
        for (int dy = -40; dy <= 40; dy++)
          {
            int y = height - x * height / width + dy;
            guint32 p;

            if (y < 0 || y >= height)
              continue;
            p = pixel_at (surface, x, y);
            if (p != 0xffffff && (p & 0xff) >= 0xc4 && (p & 0xff) <= 0xd4 &&
                (p & 0xff) == ((p >> 8) & 0xff) && (p & 0xff) == ((p >> 16) & 0xff))
              light++;
          }
      cairo_surface_destroy (surface);

      if (expected)
        ck_assert_msg (light > 3000, "page %u: no watermark (%u light pixels)", page + 1, light);
      else
        ck_assert_msg (light < 3000, "page %u: a watermark (%u light pixels)", page + 1, light);
    }
}

/* Tests */

START_TEST (test_paper_size)
{
  double width, height;

  consult_paper_size_for_locale ("C", &width, &height);
  ck_assert_double_eq_tol (width, 595.276, 0.001);
  ck_assert_double_eq_tol (height, 841.890, 0.001);

  /* Installed or not, these locales' territories decide. */
  consult_paper_size_for_locale ("en_GB.UTF-8", &width, &height);
  ck_assert_double_eq_tol (width, 595.276, 0.001);
  consult_paper_size_for_locale ("de_DE.UTF-8@euro", &width, &height);
  ck_assert_double_eq_tol (width, 595.276, 0.001);
  consult_paper_size_for_locale ("en_US.UTF-8", &width, &height);
  ck_assert_double_eq (width, 612);
  ck_assert_double_eq (height, 792);
  consult_paper_size_for_locale ("fr_CA", &width, &height);
  ck_assert_double_eq (width, 612);
  consult_paper_size_for_locale ("es_MX.UTF-8", &width, &height);
  ck_assert_double_eq (width, 612);
  consult_paper_size_for_locale ("en_USA", &width, &height);
  ck_assert_double_eq_tol (width, 595.276, 0.001);

  /* The tests run in C.UTF-8: A4. */
  consult_paper_size_for_locale (NULL, &width, &height);
  ck_assert_double_eq_tol (width, 595.276, 0.001);
  ck_assert_double_eq_tol (height, 841.890, 0.001);
}
END_TEST

/* A real en_US locale, compiled for the test: the export follows LC_PAPER. */
START_TEST (test_letter_export)
{
  g_autofree char *locales = consult_test_make_tmpdir ();
  g_autofree char *target = g_build_filename (locales, "en_US.UTF-8", NULL);
  const char *argv[] = { "localedef", "-i", "en_US", "-f", "UTF-8", target, NULL };
  g_autoptr(ConsultContent) content = load_default ();
  g_autoptr(ConsultConsultation) c = new_draft (content);
  g_autofree char *path = NULL;
  g_autofree char *info = NULL;
  int status = -1;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      g_printerr ("localedef cannot build en_US.UTF-8: Letter export not tested\n");
      return;
    }

  g_setenv ("LOCPATH", locales, TRUE);
  ck_assert_ptr_nonnull (setlocale (LC_PAPER, "en_US.UTF-8"));

  path = export (c, &default_options, "letter.pdf");
  info = run_tool ("pdfinfo", NULL, path);

  /* Back to the tests' locale, for CK_FORK=no. */
  setlocale (LC_PAPER, "C.UTF-8");
  g_unsetenv ("LOCPATH");

  ck_assert_msg (strstr (info, "612 x 792 pts (letter)") != NULL, "%s", info);
}
END_TEST

START_TEST (test_signed)
{
  g_autoptr(ConsultContent) content = load_default ();
  g_autoptr(ConsultConsultation) c = new_signed (content);
  g_autoptr(ConsultSummary) summary = NULL;
  g_autofree char *path = export (c, &default_options, "signed.pdf");
  g_autofree char *layout_text = run_tool ("pdftotext", "-layout", path);
  g_autofree char *text = consult_test_squeeze_spaces (layout_text);
  g_autofree char *info = run_tool ("pdfinfo", NULL, path);
  g_autofree char *page_1 = NULL;
  g_autofree char *last_page = NULL;
  GPtrArray *aftercare = consult_content_get_aftercare (content);
  cairo_surface_t *surface;
  cairo_rectangle_t rect;
  struct stat st;
  guint n_pages, page;

  /* Metadata, page size, page count. */
  ck_assert_msg (strstr (info, "Title:           Consent summary — " CLIENT_NAME "\n") != NULL,
                 "%s", info);
  ck_assert_msg (strstr (info, "Author:          " CLINIC_NAME "\n") != NULL, "%s", info);
  ck_assert_msg (strstr (info, "Subject:         Micro-needling\n") != NULL, "%s", info);
  ck_assert_msg (strstr (info, "CreationDate:") != NULL, "%s", info);
  ck_assert_msg (strstr (info, "Page size:       595.276 x 841.89 pts (A4)") != NULL, "%s", info);
  n_pages = pdf_pages (info);
  ck_assert_uint_ge (n_pages, 3);
  page_1 = g_strdup_printf ("Page 1 of %u", n_pages);
  last_page = g_strdup_printf ("Page %u of %u", n_pages, n_pages);
  ck_assert_msg (strstr (text, page_1) != NULL, "no “%s”", page_1);
  ck_assert_msg (strstr (text, last_page) != NULL, "no “%s”", last_page);

  /* Health data: the owner only. */
  ck_assert_int_eq (g_stat (path, &st), 0);
  ck_assert_int_eq (st.st_mode & 0777, 0600);

  /* What the record says. */
  ck_assert (strstr (text, CLINIC_NAME) != NULL);
  ck_assert (strstr (text, "12 Mill Lane") != NULL);
  ck_assert (strstr (text, CLIENT_NAME) != NULL);
  ck_assert (strstr (text, "1990-05-17 (aged 36)") != NULL);
  ck_assert (strstr (text, "2026-11-29") != NULL);
  ck_assert (strstr (text, "Grace Hopper") != NULL);
  /* The record names its practitioner: the preferences' is not used. */
  ck_assert (strstr (text, "Dr Preferences") == NULL);
  ck_assert (strstr (text, consult_consultation_get_record_id (c)) != NULL);
  ck_assert (strstr (text, consult_content_get_sha256 (content)) != NULL);
  ck_assert (strstr (text, "microneedling, version 1.0") != NULL);
  assert_questions (content, text);
  ck_assert (strstr (text, "Screening outcome: Suitable with precautions") != NULL);
  ck_assert (strstr (text, "History of cold sores") != NULL);
  ck_assert (strstr (text, "Aciclovir from 2 days before treatment") != NULL);
  ck_assert (strstr (text, "Client prefers morning appointments.") != NULL);
  assert_statements (content, text, TRUE);
  ck_assert (strstr (text, "Optional consent") != NULL);
  ck_assert (strstr (text, "Agreed") != NULL);
  ck_assert (strstr (text, "Not agreed") == NULL);
  ck_assert (strstr (text, "☑") != NULL);
  ck_assert (strstr (text, "☐") == NULL);
  ck_assert (strstr (text, "Client’s signature") != NULL);
  ck_assert (strstr (text, "Practitioner’s signature") != NULL);
  ck_assert (strstr (text, "Signed 20") != NULL);
  ck_assert (strstr (text, "Not signed") == NULL);
  ck_assert (strstr (text, "NOT SIGNED") == NULL);
  ck_assert (strstr (text, "DRAFT") == NULL);

  /* The client copy, last, with every instruction. */
  ck_assert (strstr (text, "Aftercare — client copy") != NULL);
  for (guint i = 0; i < aftercare->len; i++)
    {
      const ConsultAftercareWindow *window = g_ptr_array_index (aftercare, i);
      const char *from = strstr (text, "Aftercare — client copy");

      ck_assert (words_in_order (text, window->label.plain, &from));
      for (guint j = 0; j < window->instructions->len; j++)
        {
          const ConsultItem *item = g_ptr_array_index (window->instructions, j);

          ck_assert_msg (words_in_order (text, item->text.plain, &from), "instruction %s",
                         item->id);
        }
    }

  assert_fonts_embedded (path);

  /* The signatures are drawn, inside their boxes. */
  summary = paginate_a4 (c, &default_options);
  ck_assert_uint_eq (consult_summary_get_n_pages (summary), n_pages);
  ck_assert (!consult_summary_get_is_draft (summary));
  assert_page_structure (summary);
  assert_watermark (summary, FALSE);
  for (ConsultSigner signer = 0; signer < CONSULT_N_SIGNERS; signer++)
    {
      guint dark;

      ck_assert (_consult_summary_get_signature_rect (summary, signer, &page, &rect));
      ck_assert_double_ge (rect.width, 150);
      ck_assert_double_eq_tol (rect.width, rect.height * 3, 0.01);
      surface = render_page (summary, page);
      dark = count_dark (surface, &rect);
      cairo_surface_destroy (surface);
      ck_assert_msg (dark > 300, "signature %d: only %u dark pixels", signer, dark);
    }
}
END_TEST

static void
check_no_consent (const char     *yes_id,
                  ConsultOutcome  outcome,
                  const char     *label,
                  const char     *reason)
{
  g_autoptr(ConsultContent) content = load_default ();
  g_autoptr(ConsultConsultation) c = new_with_outcome (content, yes_id, outcome);
  g_autoptr(ConsultSummary) summary = paginate_a4 (c, &default_options);
  g_autofree char *path = export (c, &default_options, "outcome.pdf");
  g_autofree char *layout_text = run_tool ("pdftotext", "-layout", path);
  g_autofree char *text = consult_test_squeeze_spaces (layout_text);
  g_autofree char *outcome_line = g_strdup_printf ("Screening outcome: %s", label);
  g_autofree char *info = run_tool ("pdfinfo", NULL, path);
  g_autofree char *page_1 = g_strdup_printf ("Page 1 of %u", pdf_pages (info));
  guint page;
  cairo_rectangle_t rect;

  ck_assert (strstr (text, CLIENT_NAME) != NULL);
  ck_assert (strstr (text, page_1) != NULL);
  assert_questions (content, text);
  ck_assert_msg (strstr (text, outcome_line) != NULL, "no “%s”", outcome_line);
  ck_assert (strstr (text, "Reasons") != NULL);
  ck_assert_msg (strstr (text, reason) != NULL, "no reason “%s”", reason);
  ck_assert (strstr (text, "Reported by the client today.") != NULL);
  ck_assert (strstr (text, "No consent was taken") != NULL);

  /* No consent section, no signatures, no aftercare: nothing to sign or
   * look after. */
  assert_statements (content, text, FALSE);
  ck_assert (strstr (text, "Optional consent") == NULL);
  ck_assert (strstr (text, "signature") == NULL);
  ck_assert (strstr (text, "Aftercare") == NULL);
  ck_assert (!_consult_summary_get_signature_rect (summary, CONSULT_SIGNER_CLIENT, &page, &rect));

  /* A final record of the screening, not a draft of a consent. */
  ck_assert (!consult_summary_get_is_draft (summary));
  ck_assert (strstr (text, "NOT SIGNED") == NULL);

  assert_fonts_embedded (path);
  assert_page_structure (summary);
}

START_TEST (test_deferred)
{
  check_no_consent ("isotretinoin", CONSULT_OUTCOME_DEFER, "Defer",
                    "Isotretinoin (last 12 months)");
}
END_TEST

START_TEST (test_not_suitable)
{
  check_no_consent ("pregnancy", CONSULT_OUTCOME_NOT_SUITABLE, "Not suitable",
                    "Pregnancy");
}
END_TEST

START_TEST (test_draft)
{
  g_autoptr(ConsultContent) content = load_default ();
  g_autoptr(ConsultConsultation) c = new_draft (content);
  g_autoptr(ConsultSummary) summary = paginate_a4 (c, &default_options);
  g_autofree char *path = export (c, &default_options, "draft.pdf");
  g_autofree char *layout_text = run_tool ("pdftotext", "-layout", path);
  g_autofree char *text = consult_test_squeeze_spaces (layout_text);
  g_autofree char *info = run_tool ("pdfinfo", NULL, path);
  g_autofree char *page_1 = g_strdup_printf ("Page 1 of %u", pdf_pages (info));
  cairo_surface_t *surface;
  cairo_rectangle_t rect;
  guint page;

  ck_assert (consult_summary_get_is_draft (summary));
  /* The banner says it in words; the watermark, drawn as outlines, is not
   * text (see assert_watermark). */
  ck_assert_uint_eq (count_occurrences (text, "NOT SIGNED — DRAFT"), 1);
  ck_assert (strstr (text, "It is not a record of consent") != NULL);
  assert_watermark (summary, TRUE);
  ck_assert (strstr (text, page_1) != NULL);
  ck_assert (strstr (text, "Screening outcome: Suitable") != NULL);
  assert_questions (content, text);
  assert_statements (content, text, TRUE);
  ck_assert (strstr (text, "Not agreed") != NULL);
  ck_assert (strstr (text, "Not signed") != NULL);
  ck_assert (strstr (text, "Signed 20") == NULL);
  assert_fonts_embedded (path);
  assert_page_structure (summary);

  /* Drawn but never signed: the box stays empty. */
  ck_assert (_consult_summary_get_signature_rect (summary, CONSULT_SIGNER_CLIENT, &page, &rect));
  surface = render_page (summary, page);
  ck_assert_uint_eq (count_dark (surface, &rect), 0);
  cairo_surface_destroy (surface);
}
END_TEST

START_TEST (test_incomplete)
{
  g_autoptr(ConsultContent) content = load_default ();
  g_autoptr(ConsultConsultation) c = consult_consultation_new (content);
  g_autofree char *path = NULL;
  g_autofree char *layout_text = NULL;
  g_autofree char *text = NULL;
  GPtrArray *questions = consult_content_get_questions (content);

  /* A first question answered, nothing else: no client, no practitioner,
   * no clinic. It still prints, as a draft. */
  ck_assert (consult_consultation_set_answer (c, ((ConsultQuestion *) questions->pdata[0])->id,
                                              CONSULT_ANSWER_NO));
  path = export (c, NULL, "incomplete.pdf");
  layout_text = run_tool ("pdftotext", "-layout", path);
  text = consult_test_squeeze_spaces (layout_text);

  ck_assert (strstr (text, "NOT SIGNED — DRAFT") != NULL);
  ck_assert (strstr (text, "The screening is incomplete: 1 of 33 questions answered.") != NULL);
  ck_assert (strstr (text, "Screening outcome: Incomplete") != NULL);
  ck_assert (strstr (text, "Not answered") != NULL);
  ck_assert (strstr (text, "Not recorded") != NULL);
  assert_questions (content, text);
}
END_TEST

START_TEST (test_client_copy_only)
{
  g_autoptr(ConsultContent) content = load_default ();
  g_autoptr(ConsultConsultation) c = new_signed (content);
  ConsultSummaryOptions options = default_options;
  g_autoptr(ConsultSummary) summary = NULL;
  g_autofree char *path = NULL;
  g_autofree char *layout_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;

  options.parts = CONSULT_SUMMARY_PARTS_CLIENT_COPY;
  path = export (c, &options, "client-copy.pdf");
  layout_text = run_tool ("pdftotext", "-layout", path);
  text = consult_test_squeeze_spaces (layout_text);
  info = run_tool ("pdfinfo", NULL, path);

  ck_assert_uint_eq (pdf_pages (info), 1);
  ck_assert (strstr (info, "Title:           Aftercare — " CLIENT_NAME "\n") != NULL);
  ck_assert (strstr (text, "Page 1 of 1") != NULL);
  ck_assert (strstr (text, "Aftercare — client copy") != NULL);
  ck_assert (strstr (text, "Micro-needling for " CLIENT_NAME) != NULL);
  ck_assert (strstr (text, "contact " CLINIC_NAME) != NULL);
  ck_assert (strstr (text, "Screening") == NULL);
  ck_assert (strstr (text, "signature") == NULL);

  /* The record alone has no client copy. */
  options.parts = CONSULT_SUMMARY_PARTS_RECORD;
  summary = paginate_a4 (c, &options);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&layout_text, g_free);
  g_clear_pointer (&text, g_free);
  path = export (c, &options, "record.pdf");
  layout_text = run_tool ("pdftotext", "-layout", path);
  text = consult_test_squeeze_spaces (layout_text);
  ck_assert (strstr (text, "Aftercare") == NULL);
  ck_assert (strstr (text, "Client’s signature") != NULL);
}
END_TEST

/* A procedure with 60 screening questions: peel.xml with its screening
 * replaced, written to a temporary file. */
static ConsultContent *
load_sixty_questions (void)
{
  g_autofree char *peel_path = consult_test_data_path ("content", "peel.xml", NULL);
  g_autofree char *peel = NULL;
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "sixty.xml", NULL);
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  static const char * const rules[] = { "caution", "defer", "exclude" };
  const char *start, *end;
  ConsultContent *content;

  ck_assert (g_file_get_contents (peel_path, &peel, NULL, &error));
  start = strstr (peel, "<screening>");
  end = strstr (peel, "</screening>");
  ck_assert (start != NULL && end != NULL);

  g_string_append_len (xml, peel, start - peel);
  g_string_append (xml, "<screening>\n");
  for (guint i = 1; i <= 60; i++)
    {
      const char *rule = rules[i % 3];

      g_string_append_printf (xml, "    <question id='q%u' rule='%s'>\n      <ask>", i, rule);
      /* Question %u opens each one, for the tests to find; the length
       * varies from one line to five. */
      g_string_append_printf (xml, "Question %u: have you ever had condition number %u", i, i);
      for (guint j = 0; j < (i * 7) % 11; j++)
        g_string_append (xml, ", or any related problem that a practitioner ought to know about");
      g_string_append (xml, "?</ask>\n");
      g_string_append_printf (xml, "      <label>Condition %u</label>\n", i);
      if (!g_str_equal (rule, "exclude"))
        g_string_append (xml, "      <action>Record it and take the usual precaution.</action>\n");
      g_string_append (xml, "    </question>\n");
    }
  g_string_append (xml, "  ");
  g_string_append (xml, end);

  ck_assert (g_file_set_contents (path, xml->str, xml->len, &error));
  content = consult_content_loader_load_file (path, &error);
  ck_assert_msg (content != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (consult_content_get_questions (content)->len, 60);

  return content;
}

/* Every caution question "yes" with a long note, the others "no": a draft
 * with a long table, stand-out rows and notes. */
static ConsultConsultation *
new_sixty_draft (ConsultContent *content)
{
  ConsultConsultation *c = consult_consultation_new (content);
  GPtrArray *questions = consult_content_get_questions (content);

  fill_client (c);
  discuss_all (c);
  for (guint i = 0; i < questions->len; i++)
    {
      const ConsultQuestion *question = g_ptr_array_index (questions, i);
      gboolean yes = question->rule == CONSULT_RULE_CAUTION && i % 4 == 2;

      ck_assert (consult_consultation_set_answer (c, question->id,
                                                  yes ? CONSULT_ANSWER_YES : CONSULT_ANSWER_NO));
      if (question->rule == CONSULT_RULE_CAUTION)
        ck_assert (consult_consultation_set_note (c, question->id,
                                                  "Discussed with the client; the precaution "
                                                  "is recorded on the treatment sheet."));
    }
  ck_assert_int_eq (consult_consultation_get_outcome (c),
                    CONSULT_OUTCOME_SUITABLE_WITH_PRECAUTIONS);

  return c;
}

START_TEST (test_long_screening)
{
  g_autoptr(ConsultContent) content = load_sixty_questions ();
  g_autoptr(ConsultConsultation) c = new_sixty_draft (content);
  g_autoptr(ConsultSummary) summary = paginate_a4 (c, &default_options);
  g_autofree char *path = export (c, &default_options, "sixty.pdf");
  g_autofree char *layout_text = run_tool ("pdftotext", "-layout", path);
  g_autofree char *text = consult_test_squeeze_spaces (layout_text);
  guint n_pages = consult_summary_get_n_pages (summary);
  cairo_rectangle_t printable;
  guint pages_with_rows;

  ck_assert_uint_ge (n_pages, 4);
  assert_questions (content, text);

  /* The table breaks between rows and repeats its header: once per page
   * with rows, in the model and on paper. */
  pages_with_rows = assert_page_structure (summary);
  ck_assert_uint_ge (pages_with_rows, 3);
  ck_assert_uint_eq (count_occurrences (text, "Question as asked"), pages_with_rows);

  /* Nothing in the margins, on any page: not the watermark, not the
   * footer, not a long row. */
  _consult_summary_get_printable_rect (summary, &printable);
  ck_assert_double_eq_tol (printable.x, MARGIN, 0.001);
  ck_assert_double_eq_tol (printable.y, MARGIN, 0.001);
  for (guint page = 0; page < n_pages; page++)
    {
      cairo_surface_t *surface = render_page (summary, page);
      int x, y;
      gboolean ink = find_ink_outside (surface, &printable, &x, &y);

      cairo_surface_destroy (surface);
      ck_assert_msg (!ink, "page %u: ink in the margin at %.1f, %.1f pt", page + 1,
                     x / RENDER_SCALE, y / RENDER_SCALE);
    }
}
END_TEST

/* A paragraph longer than a page (the general notes) splits between lines
 * and loses none of them. */
START_TEST (test_long_notes)
{
  g_autoptr(ConsultContent) content = load_default ();
  g_autoptr(ConsultConsultation) c = new_draft (content);
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(ConsultSummary) summary = NULL;
  g_autofree char *path = NULL;
  g_autofree char *layout_text = NULL;
  g_autofree char *text = NULL;
  guint parts = 0;

  for (guint i = 1; i <= 150; i++)
    g_string_append_printf (notes, "Sentence %u of the notes, long enough to fill a line. ", i);
  ck_assert (consult_consultation_set_general_notes (c, notes->str));

  summary = paginate_a4 (c, &default_options);
  assert_page_structure (summary);
  for (guint page = 0; page < consult_summary_get_n_pages (summary); page++)
    for (guint i = 0; i < _consult_summary_get_n_placements (summary, page); i++)
      if (_consult_summary_get_placement_is_part (summary, page, i))
        parts++;
  ck_assert_uint_ge (parts, 2);

  path = export (c, &default_options, "notes.pdf");
  layout_text = run_tool ("pdftotext", "-layout", path);
  text = consult_test_squeeze_spaces (layout_text);
  for (guint i = 1; i <= 150; i++)
    {
      g_autofree char *sentence = g_strdup_printf ("Sentence %u of the notes", i);

      ck_assert_msg (strstr (text, sentence) != NULL, "“%s” is lost", sentence);
    }
}
END_TEST

/* The print path: the origin at the printable area, margins 0. The same
 * pages as the PDF path's, moved by the margins. */
START_TEST (test_origin_at_printable_area)
{
  g_autoptr(ConsultContent) content = load_default ();
  g_autoptr(ConsultConsultation) c = new_signed (content);
  g_autoptr(ConsultSummary) paper = paginate_a4 (c, &default_options);
  g_autoptr(ConsultSummary) printable = consult_summary_new (c, &default_options);
  cairo_rectangle_t paper_rect, printable_rect;
  double width, height;
  guint paper_page, printable_page;

  consult_paper_size_for_locale ("C", &width, &height);
  ck_assert_uint_eq (consult_summary_paginate (printable, NULL, width - 2 * MARGIN,
                                               height - 2 * MARGIN, 0, 0, 0, 0),
                     consult_summary_get_n_pages (paper));
  for (guint page = 0; page < consult_summary_get_n_pages (paper); page++)
    {
      guint n = _consult_summary_get_n_placements (paper, page);

      ck_assert_uint_eq (_consult_summary_get_n_placements (printable, page), n);
      for (guint i = 0; i < n; i++)
        ck_assert_int_eq (_consult_summary_get_placement_kind (printable, page, i),
                          _consult_summary_get_placement_kind (paper, page, i));
    }

  ck_assert (_consult_summary_get_signature_rect (paper, CONSULT_SIGNER_CLIENT, &paper_page,
                                                  &paper_rect));
  ck_assert (_consult_summary_get_signature_rect (printable, CONSULT_SIGNER_CLIENT,
                                                  &printable_page, &printable_rect));
  ck_assert_uint_eq (paper_page, printable_page);
  ck_assert_double_eq_tol (paper_rect.x, printable_rect.x + MARGIN, 0.001);
  ck_assert_double_eq_tol (paper_rect.y, printable_rect.y + MARGIN, 0.001);

  /* Small paper still works: more pages, same rules. */
  ck_assert_uint_gt (consult_summary_paginate (printable, NULL, 300, 420, 20, 20, 20, 20),
                     consult_summary_get_n_pages (paper));
  assert_page_structure (printable);
}
END_TEST

START_TEST (test_export_errors)
{
  g_autoptr(ConsultContent) content = load_default ();
  g_autoptr(ConsultConsultation) c = new_draft (content);
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "out.pdf", NULL);
  g_autofree char *path = g_build_filename (dir, "out.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  gsize length;

  ck_assert (!consult_summary_export_pdf (c, NULL, missing, &error));
  ck_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  ck_assert_msg (strstr (error->message, missing) != NULL, "%s", error->message);
  g_clear_error (&error);

  /* A file already there is replaced whole. */
  ck_assert (g_file_set_contents (path, "old", -1, NULL));
  ck_assert (consult_summary_export_pdf (c, NULL, path, &error));
  ck_assert (g_file_get_contents (path, &contents, &length, NULL));
  ck_assert (g_str_has_prefix (contents, "%PDF-"));
  ck_assert (g_strstr_len (contents + length - 8, 8, "%%EOF") != NULL);

  /* No temporary file is left beside it. */
  listing = g_dir_open (dir, 0, NULL);
  for (const char *name = g_dir_read_name (listing); name != NULL;
       name = g_dir_read_name (listing))
    ck_assert_msg (g_str_equal (name, "out.pdf"), "left behind: %s", name);

  /* A read-only folder: refused, naming the file. */
  if (geteuid () != 0)
    {
      ck_assert_int_eq (g_chmod (dir, 0500), 0);
      ck_assert (!consult_summary_export_pdf (c, NULL, path, &error));
      ck_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
      ck_assert (strstr (error->message, path) != NULL);
      ck_assert_int_eq (g_chmod (dir, 0700), 0);
    }
}
END_TEST

/* Paginating again reads the consultation again; drawing before is a
 * programmer error, and a summary outlives nothing it should not. */
START_TEST (test_repaginate)
{
  g_autoptr(ConsultContent) content = load_default ();
  g_autoptr(ConsultConsultation) c = new_draft (content);
  g_autoptr(ConsultSummary) summary = consult_summary_new (c, &default_options);
  g_autofree char *title = NULL;
  guint first;

  ck_assert_uint_eq (consult_summary_get_n_pages (summary), 0);
  ck_assert (consult_summary_get_is_draft (summary));
  title = consult_summary_dup_title (summary);
  ck_assert_str_eq (title, "Consent summary — " CLIENT_NAME);

  first = consult_summary_paginate (summary, NULL, 595, 842, 51, 51, 51, 51);
  ck_assert (consult_summary_get_is_draft (summary));
  sign (c, CONSULT_SIGNER_CLIENT, CLIENT_NAME);
  sign (c, CONSULT_SIGNER_PRACTITIONER, "Grace Hopper");
  ck_assert_uint_eq (consult_summary_paginate (summary, NULL, 595, 842, 51, 51, 51, 51), first);
  ck_assert (!consult_summary_get_is_draft (summary));
}
END_TEST

static Suite *
summary_suite (void)
{
  Suite *suite = suite_create ("summary");
  TCase *tc;

  tc = tcase_create ("paper");
  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_test (tc, test_paper_size);
  tcase_add_test (tc, test_letter_export);
  suite_add_tcase (suite, tc);

  tc = tcase_create ("pdf");
  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_test (tc, test_signed);
  tcase_add_test (tc, test_deferred);
  tcase_add_test (tc, test_not_suitable);
  tcase_add_test (tc, test_draft);
  tcase_add_test (tc, test_incomplete);
  tcase_add_test (tc, test_client_copy_only);
  tcase_add_test (tc, test_export_errors);
  suite_add_tcase (suite, tc);

  tc = tcase_create ("layout");
  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_test (tc, test_long_screening);
  tcase_add_test (tc, test_long_notes);
  tcase_add_test (tc, test_origin_at_printable_area);
  tcase_add_test (tc, test_repaginate);
  suite_add_tcase (suite, tc);

  return suite;
}

int
main (void)
{
  return consult_test_run_suite (summary_suite (), FALSE);
}
