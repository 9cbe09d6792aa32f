/* consult-summary-pdf.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The consent summary as a PDF file, with no display: the same drawing as
 * the print dialog (consult-summary.h) on a cairo PDF surface, on the
 * paper size of the user's locale with 18 mm margins.
 */

#pragma once

#include <gio/gio.h>

#include "consult-summary.h"

G_BEGIN_DECLS

/* The margins of an exported summary, on every side. */
#define CONSULT_SUMMARY_PDF_MARGIN_MM 18.0

/* The paper size of @locale, in points, portrait: US Letter where the
 * locale's paper is Letter (the US, Canada, Mexico and a few more), A4
 * everywhere else. @locale is a locale name such as "en_US.UTF-8"; NULL
 * means the current LC_PAPER locale. On glibc the locale's own paper size
 * is read (nl_langinfo (_NL_PAPER_WIDTH)); a locale that is not installed,
 * or another C library, falls back to the territory in its name. */
void     consult_paper_size_for_locale (const char *locale,
                                        double     *width,
                                        double     *height);

/* Writes the summary of @consultation to @path as PDF, with its title
 * ("Consent summary — CLIENT"), author (the clinic), subject (the
 * procedure) and creation date. The file is written beside @path under a
 * temporary name, readable by its owner only (a summary is health data),
 * then renamed over @path: a half-written PDF never appears under the
 * final name, and an existing file is replaced whole or not at all.
 * On failure, @error names the file and nothing is left behind. */
gboolean consult_summary_export_pdf    (ConsultConsultation         *consultation,
                                        const ConsultSummaryOptions *options,
                                        const char                  *path,
                                        GError                     **error);

/* The page an exported summary is laid out on: the paper's size as it is
 * held (landscape is wider than high) and the margins from its edges, all
 * in points. */
typedef struct {
  double width;
  double height;
  double margin_top;
  double margin_right;
  double margin_bottom;
  double margin_left;
} ConsultPaper;

/* Like consult_summary_export_pdf(), on @page instead of the locale's
 * paper with CONSULT_SUMMARY_PDF_MARGIN_MM margins. */
gboolean consult_summary_export_pdf_on_page (ConsultConsultation         *consultation,
                                             const ConsultSummaryOptions *options,
                                             const ConsultPaper          *page,
                                             const char                  *path,
                                             GError                     **error);

G_END_DECLS
