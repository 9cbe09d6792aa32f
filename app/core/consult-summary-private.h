/* consult-summary-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The summary's layout model, opened up for the tests: which blocks each
 * page holds, and where things were put. Not for the app.
 */

#pragma once

#include "consult-summary.h"

G_BEGIN_DECLS

/* The kinds of block a summary is built from, in the order of the layout
 * model: each is measured at the page width, then flowed onto pages. */
typedef enum {
  CONSULT_SUMMARY_BLOCK_HEADER,       /* clinic and practitioner */
  CONSULT_SUMMARY_BLOCK_TITLE,
  CONSULT_SUMMARY_BLOCK_BANNER,       /* "NOT SIGNED — DRAFT" */
  CONSULT_SUMMARY_BLOCK_HEADING,
  CONSULT_SUMMARY_BLOCK_SUBHEADING,
  CONSULT_SUMMARY_BLOCK_PARAGRAPH,
  CONSULT_SUMMARY_BLOCK_KEY_VALUE,
  CONSULT_SUMMARY_BLOCK_CHECK,        /* a tick box and its text */
  CONSULT_SUMMARY_BLOCK_BULLET,
  CONSULT_SUMMARY_BLOCK_TABLE_HEADER,
  CONSULT_SUMMARY_BLOCK_TABLE_ROW,
  CONSULT_SUMMARY_BLOCK_SIGNATURES,
  CONSULT_SUMMARY_BLOCK_PAGE_BREAK,
} ConsultSummaryBlockKind;

/* How many blocks (or parts of blocks) page @page_nr holds, top to
 * bottom, and the kind of each. A table header repeated on a new page
 * counts as a block of that page. */
guint     _consult_summary_get_n_placements   (ConsultSummary *self,
                                               guint           page_nr);
ConsultSummaryBlockKind
          _consult_summary_get_placement_kind (ConsultSummary *self,
                                               guint           page_nr,
                                               guint           index);
/* TRUE when placement @index of page @page_nr is a part of a block split
 * across pages (a long paragraph). */
gboolean  _consult_summary_get_placement_is_part (ConsultSummary *self,
                                                  guint           page_nr,
                                                  guint           index);

/* The area strokes of @signer's signature are drawn in, in page
 * coordinates; FALSE when the summary has no signature block. */
gboolean  _consult_summary_get_signature_rect (ConsultSummary    *self,
                                               ConsultSigner      signer,
                                               guint             *page_nr,
                                               cairo_rectangle_t *rect);

/* The area inside the margins, in page coordinates: the body and, at its
 * bottom, the footer. Nothing is drawn outside it. */
void      _consult_summary_get_printable_rect (ConsultSummary    *self,
                                               cairo_rectangle_t *rect);

G_END_DECLS
