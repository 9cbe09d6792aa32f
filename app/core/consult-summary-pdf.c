/* consult-summary-pdf.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "consult-summary"

/* newlocale() and nl_langinfo (_NL_PAPER_WIDTH) on glibc. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include "consult-config.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>
#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "consult-summary-pdf.h"

#define POINTS_PER_MM (72.0 / 25.4)

/* Exactly, rather than from whole millimetres. */
#define A4_WIDTH       (210.0 * POINTS_PER_MM)
#define A4_HEIGHT      (297.0 * POINTS_PER_MM)
#define LETTER_WIDTH   612.0
#define LETTER_HEIGHT  792.0

/* The territories whose glibc locales use US Letter. */
static const char * const letter_territories[] = {
  "US", "CA", "MX", "BO", "CL", "CO", "CR", "GT", "NI", "PA", "PR", "SV", "VE", "PH",
};

/* "en_US.UTF-8@euro" -> TRUE when the territory (US) uses Letter. */
static gboolean
territory_uses_letter (const char *locale)
{
  const char *underscore = locale != NULL ? strchr (locale, '_') : NULL;
  gsize length;

  if (underscore == NULL)
    return FALSE;

  length = strcspn (underscore + 1, ".@");
  for (guint i = 0; i < G_N_ELEMENTS (letter_territories); i++)
    if (length == strlen (letter_territories[i]) &&
        strncmp (underscore + 1, letter_territories[i], length) == 0)
      return TRUE;

  return FALSE;
}

static void
set_size (gboolean  letter,
          double   *width,
          double   *height)
{
  *width = letter ? LETTER_WIDTH : A4_WIDTH;
  *height = letter ? LETTER_HEIGHT : A4_HEIGHT;
}

/* glibc gives the paper size in whole millimetres: Letter is 216 x 279. */
static void
set_size_mm (unsigned int  width_mm,
             unsigned int  height_mm,
             double       *width,
             double       *height)
{
  if (width_mm == 216 && height_mm == 279)
    set_size (TRUE, width, height);
  else if ((width_mm == 210 && height_mm == 297) || width_mm == 0 || height_mm == 0)
    set_size (FALSE, width, height);
  else
    {
      *width = width_mm * POINTS_PER_MM;
      *height = height_mm * POINTS_PER_MM;
    }
}

void
consult_paper_size_for_locale (const char *locale,
                               double     *width,
                               double     *height)
{
  const char *name = locale;

  g_return_if_fail (width != NULL && height != NULL);

#if defined (__GLIBC__) && defined (LC_PAPER_MASK)
  {
    /* The value is an integer in the pointer, as GTK reads it too. */
    union { unsigned int word; char *string; } w, h;

    if (locale == NULL)
      {
        w.string = nl_langinfo (_NL_PAPER_WIDTH);
        h.string = nl_langinfo (_NL_PAPER_HEIGHT);
        set_size_mm (w.word, h.word, width, height);
        return;
      }
    else
      {
        locale_t loc = newlocale (LC_PAPER_MASK, locale, (locale_t) 0);

        if (loc != (locale_t) 0)
          {
            w.string = nl_langinfo_l (_NL_PAPER_WIDTH, loc);
            h.string = nl_langinfo_l (_NL_PAPER_HEIGHT, loc);
            set_size_mm (w.word, h.word, width, height);
            freelocale (loc);
            return;
          }
      }
  }
#endif

  if (name == NULL)
    {
#ifdef LC_PAPER
      name = setlocale (LC_PAPER, NULL);
#else
      name = setlocale (LC_CTYPE, NULL);
#endif
    }
  set_size (territory_uses_letter (name), width, height);
}

/* Writing */

typedef struct {
  int fd;
  int saved_errno;
} Sink;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  Sink *sink = closure;

  while (length > 0)
    {
      ssize_t written = write (sink->fd, data, length);

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          sink->saved_errno = errno;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += written;
      length -= (unsigned int) written;
    }

  return CAIRO_STATUS_SUCCESS;
}

static void
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno,
                 const char  *detail)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               /* Translators: %s is a file name, then the reason. */
               _("Could not write the consent summary to “%s”: %s"), display,
               detail != NULL ? detail : g_strerror (saved_errno));
}

/* Lays the summary out on @surface and draws every page. */
static cairo_status_t
render (ConsultSummary           *summary,
        cairo_surface_t          *surface,
        const ConsultPaper       *page)
{
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);
  cairo_status_t status;
  guint n_pages;

  pango_cairo_context_set_resolution (context, 72);
  n_pages = consult_summary_paginate (summary, context, page->width, page->height,
                                      page->margin_top, page->margin_right,
                                      page->margin_bottom, page->margin_left);
  for (guint i = 0; i < n_pages; i++)
    {
      consult_summary_draw_page (summary, cr, i);
      cairo_show_page (cr);
    }

  status = cairo_status (cr);
  g_object_unref (context);
  cairo_destroy (cr);

  return status;
}

gboolean
consult_summary_export_pdf (ConsultConsultation         *consultation,
                            const ConsultSummaryOptions *options,
                            const char                  *path,
                            GError                     **error)
{
  double margin = CONSULT_SUMMARY_PDF_MARGIN_MM * POINTS_PER_MM;
  ConsultPaper page = { 0, 0, margin, margin, margin, margin };

  consult_paper_size_for_locale (NULL, &page.width, &page.height);

  return consult_summary_export_pdf_on_page (consultation, options, &page, path, error);
}

gboolean
consult_summary_export_pdf_on_page (ConsultConsultation         *consultation,
                                    const ConsultSummaryOptions *options,
                                    const ConsultPaper          *page,
                                    const char                  *path,
                                    GError                     **error)
{
  g_autoptr(ConsultSummary) summary = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *title = NULL;
  g_autofree char *created = NULL;
  ConsultContent *content;
  cairo_surface_t *surface;
  cairo_status_t status;
  Sink sink = { -1, 0 };

  g_return_val_if_fail (CONSULT_IS_CONSULTATION (consultation), FALSE);
  g_return_val_if_fail (page != NULL && page->width > 0 && page->height > 0, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  summary = consult_summary_new (consultation, options);
  content = consult_consultation_get_content (consultation);

  /* Beside the final file, so that the rename stays on one file system. */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp_path = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  sink.fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (sink.fd < 0)
    {
      set_write_error (error, path, errno, NULL);
      return FALSE;
    }

  surface = cairo_pdf_surface_create_for_stream (write_cb, &sink, page->width, page->height);

  title = consult_summary_dup_title (summary);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  if (options != NULL && options->clinic_name != NULL && *options->clinic_name != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, options->clinic_name);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT,
                                  consult_content_get_title (content)->plain);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  PACKAGE_NAME " " PACKAGE_VERSION);
  now = g_date_time_new_now_local ();
  created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);

  status = render (summary, surface, page);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      if (sink.saved_errno != 0)
        set_write_error (error, path, sink.saved_errno, NULL);
      else
        set_write_error (error, path, EIO, cairo_status_to_string (status));
      close (sink.fd);
      g_unlink (tmp_path);
      return FALSE;
    }

  /* On disk before it takes the final name. */
  if (fsync (sink.fd) != 0)
    {
      int saved_errno = errno;

      close (sink.fd);
      set_write_error (error, path, saved_errno, NULL);
      g_unlink (tmp_path);
      return FALSE;
    }
  if (close (sink.fd) != 0)
    {
      int saved_errno = errno;

      set_write_error (error, path, saved_errno, NULL);
      g_unlink (tmp_path);
      return FALSE;
    }

  if (g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;

      set_write_error (error, path, saved_errno, NULL);
      g_unlink (tmp_path);
      return FALSE;
    }

  return TRUE;
}
