/* consult-summary.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The printable consent summary: lays a consultation out as pages with
 * cairo and pango, for any page size and margins. The print dialog and the
 * headless PDF export (consult-summary-pdf.h) both draw with it, so what is
 * printed is what was exported.
 *
 *   summary = consult_summary_new (consultation, &options);
 *   n_pages = consult_summary_paginate (summary, context, width, height,
 *                                       top, right, bottom, left);
 *   for (page = 0; page < n_pages; page++)
 *     consult_summary_draw_page (summary, cr, page);
 *
 * Units: every length is in points (1/72 inch), and the cairo context that
 * is drawn on must use points as its user unit: a plain PDF or image
 * surface does by default (scale an image surface for more pixels); a
 * GtkPrintOperation does with gtk_print_operation_set_unit (GTK_UNIT_POINTS).
 * The summary sets up its own Pango context at 72 dpi from the font map of
 * the one it is given, with metrics hinting off, so the same text breaks
 * the same way on every surface.
 *
 * Page geometry: @page_width and @page_height are the size of the area that
 * starts at the cairo context's origin, and the margins are kept blank
 * inside it. When the origin is the corner of the paper (a PDF surface),
 * pass the paper size and the app's margins. When it is the corner of the
 * printable area (a GtkPrintContext), pass the context's width and height
 * and margins of 0: the page setup's margins are already outside it. The
 * footer ("Page N of M", the record id, the date) sits inside that area,
 * at its bottom, so nothing is ever drawn in the margins.
 *
 * The summary reads the consultation when it paginates: what is drawn is
 * the consultation as it was then, signatures included, until the next
 * consult_summary_paginate().
 *
 * A consultation that is not locked (not signed by both) prints as a draft:
 * a "NOT SIGNED — DRAFT" watermark on every page and a banner at the top.
 * The exception is a complete screening whose outcome is Defer or Not
 * suitable: no consent can be given then, so the summary is the final
 * record of the screening and its reasons, with no consent section and no
 * draft marking.
 */

#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "consult-consultation.h"

G_BEGIN_DECLS

/* Which parts of the summary to lay out. */
typedef enum {
  /* The record (client, procedure, explanations, screening, outcome,
   * consent, signatures), then the aftercare client copy on a page of its
   * own. The client copy is left out when the outcome is Defer or Not
   * suitable: there is no treatment to look after. */
  CONSULT_SUMMARY_PARTS_FULL,
  /* The record alone. */
  CONSULT_SUMMARY_PARTS_RECORD,
  /* The aftercare client copy alone, to hand to the client. */
  CONSULT_SUMMARY_PARTS_CLIENT_COPY,
} ConsultSummaryParts;

/* What the summary needs besides the consultation, usually from the
 * preferences. The strings and the time are copied by
 * consult_summary_new(); every pointer may be NULL. */
typedef struct {
  const char *clinic_name;        /* printed at the top; also the PDF author */
  const char *clinic_address;     /* may span several lines */
  const char *practitioner_name;  /* used when the consultation names none */
  ConsultSummaryParts parts;
  GDateTime *printed_at;          /* the date in the footer; NULL for now */
} ConsultSummaryOptions;

#define CONSULT_TYPE_SUMMARY (consult_summary_get_type ())
G_DECLARE_FINAL_TYPE (ConsultSummary, consult_summary, CONSULT, SUMMARY, GObject)

/* @options may be NULL: no clinic, the full summary, printed now. */
ConsultSummary *consult_summary_new          (ConsultConsultation         *consultation,
                                              const ConsultSummaryOptions *options);

ConsultConsultation *consult_summary_get_consultation (ConsultSummary *self);

/* Reads the consultation, lays it out for the page geometry (see above) and
 * returns the number of pages, at least 1. @context gives the font map and
 * the language; NULL uses pango-cairo's default font map. */
guint       consult_summary_paginate         (ConsultSummary *self,
                                              PangoContext   *context,
                                              double          page_width,
                                              double          page_height,
                                              double          margin_top,
                                              double          margin_right,
                                              double          margin_bottom,
                                              double          margin_left);

/* The number of pages of the last consult_summary_paginate(); 0 before. */
guint       consult_summary_get_n_pages      (ConsultSummary *self);

/* Draws page @page_nr (from 0) with its origin at the origin of @cr. The
 * context's state is saved and restored; its current path is cleared.
 * Needs consult_summary_paginate(). */
void        consult_summary_draw_page        (ConsultSummary *self,
                                              cairo_t        *cr,
                                              guint           page_nr);

/* A title for the document, such as "Consent summary — Ada Lovelace":
 * for the PDF metadata and the print job. */
char       *consult_summary_dup_title        (ConsultSummary *self);

/* TRUE when the summary prints as a draft (see above). */
gboolean    consult_summary_get_is_draft     (ConsultSummary *self);

/* The same for @consultation as it is now, without making a summary: for
 * a window that warns before printing a draft. */
gboolean    consult_summary_consultation_is_draft (ConsultConsultation *consultation);

G_END_DECLS
