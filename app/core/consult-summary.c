/* consult-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout model: paginate() turns the consultation into a list of
 * blocks (a heading, a paragraph, a row of a table, the signatures...),
 * each made of Pango layouts measured at the width of the page, then flows
 * the blocks onto pages:
 *   - a block that asks to stay with the next one (a heading, a table
 *     header) moves to a new page with at least the start of it, so no page
 *     ends with a heading;
 *   - a table row never splits; on a new page the table's header is
 *     repeated above it;
 *   - a long paragraph may split between lines, leaving at least two lines
 *     on each side; any block taller than a whole page splits between
 *     lines too, rather than run off the page;
 *   - the signature block never splits;
 *   - a page break starts the client copy on a page of its own.
 * Drawing a page then replays its placements. The layouts are measured
 * once and drawn line by line, so what was measured is what is drawn; a
 * piece of text that recurs (a tick box, a bullet, an answer) is laid out
 * once and its layout shared by every cell that shows it.
 */

#define G_LOG_DOMAIN "consult-summary"

#include "consult-config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "consult-summary.h"
#include "consult-summary-private.h"
#include "consult-i18n.h"

/* Type: a clear hierarchy in one sans family; Cantarell has no ballot
 * boxes, so the ticks come from DejaVu Sans. */
#define FONT_FAMILY   "Cantarell, DejaVu Sans, sans"
#define MONO_FAMILY   "DejaVu Sans Mono, monospace"
#define SYMBOL_FAMILY "DejaVu Sans, sans"

#define TITLE_SIZE      18.0
#define HEADING_SIZE    13.0
#define SUBHEADING_SIZE 10.5
#define BODY_SIZE       10.0
#define SMALL_SIZE       8.0
#define SYMBOL_SIZE     11.0
#define WATERMARK_SIZE  72.0

/* Spacing, in points. */
#define SECTION_GAP      18.0  /* above a heading */
#define SUBSECTION_GAP   10.0  /* above a subheading */
#define HEADING_GAP       6.0  /* from a heading's rule to what follows */
#define PARAGRAPH_GAP     6.0
#define ROW_GAP           3.0  /* between key-value rows, ticks, bullets */
#define ROW_PADDING       3.5  /* inside a table row, above and below */
#define CELL_PADDING      4.0  /* inside a table cell, left and right */
#define LABEL_WIDTH     132.0  /* the key column of key-value rows */
#define INDENT           18.0  /* text after a tick or a bullet */
#define BANNER_PADDING    8.0
#define FOOTER_GAP       10.0  /* between the body and the footer */
#define SIGNATURE_GAP    28.0  /* between the two signatures */
#define SIGNATURE_MAX_H  80.0  /* the stroke area's height, at most; 3 times as wide */
#define SIGNATURE_PEN     1.6  /* the pen at full pressure in a stroke area 200 pt wide */

/* The body is never narrower than this (nor lower than half of it),
 * whatever the margins a caller passes. */
#define MIN_BODY_WIDTH   72.0

typedef struct {
  double r, g, b;
} Rgb;

static const Rgb ink = { 0.10, 0.10, 0.10 };
static const Rgb grey = { 0.38, 0.38, 0.38 };
static const Rgb rule_grey = { 0.72, 0.72, 0.72 };
static const Rgb header_fill = { 0.92, 0.92, 0.92 };
static const Rgb yes_fill = { 1.00, 0.93, 0.76 };      /* light amber */
static const Rgb banner_fill = { 0.99, 0.90, 0.89 };
static const Rgb banner_ink = { 0.64, 0.08, 0.08 };
static const Rgb watermark_ink = { 0.80, 0.80, 0.80 };

typedef enum {
  FONT_TITLE,
  FONT_HEADING,
  FONT_SUBHEADING,
  FONT_BODY,
  FONT_BODY_BOLD,
  FONT_BODY_ITALIC,
  FONT_SMALL,
  FONT_SMALL_BOLD,
  FONT_MONO,
  FONT_SYMBOL,
  FONT_WATERMARK,
  N_FONTS,
} FontId;

/* One line of a cell, from the top of the cell. */
typedef struct {
  double top;
  double bottom;
  double baseline;
  double x;
} Line;

/* A layout placed in a block. */
typedef struct {
  PangoLayout *layout;
  double x;
  double y;
  const Rgb *colour;
  GArray *lines;       /* of Line */
} Cell;

typedef enum {
  SPLIT_NEVER,         /* moves whole to the next page (unless taller than a page) */
  SPLIT_LINES,         /* may split between lines, two at least on each side */
} SplitPolicy;

typedef enum {
  STYLE_FILL         = 1 << 0,  /* a background of @fill */
  STYLE_FRAME        = 1 << 1,  /* a frame of @rule_colour (the banner) */
  STYLE_RULE_BELOW   = 1 << 2,  /* a rule at the bottom of the block */
} Style;

typedef struct {
  ConsultSummaryBlockKind kind;
  double space_before;
  double height;
  gboolean keep_with_next;
  SplitPolicy split;
  Style style;
  const Rgb *fill;
  const Rgb *rule_colour;
  double rule_width;
  double rule_y;       /* a rule inside the block (a heading's), or < 0 */
  int header;          /* a table row's header block, or -1 */
  double min_first;    /* SPLIT_LINES: the least height of a first part */
  double min_rest;     /* SPLIT_LINES: the least height of a last part */
  GPtrArray *cells;    /* of Cell */
} Block;

/* A block, or a part of one, on a page. */
typedef struct {
  guint block;
  double y;            /* from the top of the body */
  double from;         /* the part of the block: from..to, in block coordinates */
  double to;
} Placement;

struct _ConsultSummary
{
  GObject parent_instance;

  ConsultConsultation *consultation;
  char *clinic_name;
  char *clinic_address;
  char *practitioner_name;
  ConsultSummaryParts parts;
  GDateTime *printed_at;

  /* Set by consult_summary_paginate(). */
  PangoContext *context;
  PangoFontDescription *fonts[N_FONTS];
  GHashTable *layouts;            /* shared pieces of text: key -> PangoLayout */
  double margin_top;
  double margin_left;
  double body_width;
  double body_height;
  double printable_height;
  gboolean draft;
  char *footer_text;
  PangoLayout *footer_layout;     /* footer_text, the same on every page */
  PangoLayout *watermark_layout;  /* NULL unless draft */
  GPtrArray *blocks;   /* of Block */
  GPtrArray *pages;    /* of GArray of Placement */

  /* The signatures as they were when paginated: strokes (GArray of
   * ConsultSignaturePoint) of each signed signature, NULL when unsigned. */
  GPtrArray *strokes[CONSULT_N_SIGNERS];
  guint signature_block;          /* G_MAXUINT when there is none */
  double signature_x[CONSULT_N_SIGNERS];
  double signature_y;
  double signature_width;
  double signature_height;
};

G_DEFINE_FINAL_TYPE (ConsultSummary, consult_summary, G_TYPE_OBJECT)

/* Blocks and cells */

static void
cell_free (gpointer data)
{
  Cell *cell = data;

  g_clear_object (&cell->layout);
  g_clear_pointer (&cell->lines, g_array_unref);
  g_free (cell);
}

static void
block_free (gpointer data)
{
  Block *block = data;

  g_clear_pointer (&block->cells, g_ptr_array_unref);
  g_free (block);
}

static Block *
add_block (ConsultSummary          *self,
           ConsultSummaryBlockKind  kind,
           double                   space_before)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->space_before = space_before;
  block->split = SPLIT_NEVER;
  block->rule_y = -1;
  block->header = -1;
  block->cells = g_ptr_array_new_with_free_func (cell_free);
  g_ptr_array_add (self->blocks, block);

  return block;
}

/* A layout of its own, for a caller that goes on to change it (its
 * alignment, its width); cells take theirs from get_layout(). */
static PangoLayout *
new_layout (ConsultSummary *self,
            FontId          font,
            double          width,
            const char     *text,
            gboolean        markup)
{
  PangoLayout *layout = pango_layout_new (self->context);

  pango_layout_set_font_description (layout, self->fonts[font]);
  /* Long unbroken strings (an e-mail address, a hash) break anywhere
   * rather than run past the margin. */
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    pango_layout_set_width (layout, pango_units_from_double (width));
  /* Markup without a tag or an entity is plain text: it need not be
   * parsed. */
  if (markup && strpbrk (text, "<&") != NULL)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);

  return layout;
}

/* The key of a shared layout: what new_layout() makes it from. */
typedef struct {
  FontId font;
  gboolean markup;
  double width;
  char *text;
} PieceKey;

static guint
piece_key_hash (gconstpointer data)
{
  const PieceKey *key = data;

  return g_str_hash (key->text) ^ g_double_hash (&key->width) ^
         ((guint) key->font << 1) ^ (guint) key->markup;
}

static gboolean
piece_key_equal (gconstpointer a,
                 gconstpointer b)
{
  const PieceKey *key_a = a, *key_b = b;

  return key_a->font == key_b->font && key_a->markup == key_b->markup &&
         key_a->width == key_b->width && strcmp (key_a->text, key_b->text) == 0;
}

static void
piece_key_free (gpointer data)
{
  PieceKey *key = data;

  g_free (key->text);
  g_free (key);
}

/* A layout of @text in @font at @width, as new_layout() makes it, with a
 * reference for the caller, who must not change it. A summary repeats
 * many small pieces (each tick box and bullet, the answer “No”, an empty
 * note): each is laid out and shaped once and shared by the cells that
 * show it. */
static PangoLayout *
get_layout (ConsultSummary *self,
            FontId          font,
            double          width,
            const char     *text,
            gboolean        markup)
{
  PieceKey lookup = { font, markup, width, (char *) text };
  PangoLayout *layout = g_hash_table_lookup (self->layouts, &lookup);

  if (layout == NULL)
    {
      PieceKey *key = g_new (PieceKey, 1);

      *key = (PieceKey) { font, markup, width, g_strdup (text) };
      layout = new_layout (self, font, width, text, markup);
      g_hash_table_insert (self->layouts, key, layout);
    }

  return g_object_ref (layout);
}

/* Adds @layout (taken) to @block at @x, @y and measures its lines. */
static Cell *
add_cell (Block       *block,
          PangoLayout *layout,
          double       x,
          double       y,
          const Rgb   *colour)
{
  Cell *cell = g_new0 (Cell, 1);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  cell->layout = layout;
  cell->x = x;
  cell->y = y;
  cell->colour = colour;
  cell->lines = g_array_new (FALSE, FALSE, sizeof (Line));

  do
    {
      PangoRectangle logical;
      Line line;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line.top = pango_units_to_double (logical.y);
      line.bottom = pango_units_to_double (logical.y + logical.height);
      line.baseline = pango_units_to_double (pango_layout_iter_get_baseline (iter));
      line.x = pango_units_to_double (logical.x);
      g_array_append_val (cell->lines, line);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  g_ptr_array_add (block->cells, cell);

  return cell;
}

static double
cell_height (const Cell *cell)
{
  return g_array_index (cell->lines, Line, cell->lines->len - 1).bottom;
}

static double
cell_first_baseline (const Cell *cell)
{
  return g_array_index (cell->lines, Line, 0).baseline;
}

/* The bottom of the lowest cell. */
static double
cells_bottom (const Block *block)
{
  double bottom = 0;

  for (guint i = 0; i < block->cells->len; i++)
    {
      const Cell *cell = g_ptr_array_index (block->cells, i);

      bottom = MAX (bottom, cell->y + cell_height (cell));
    }

  return bottom;
}

/* Moves @cell down so that its first baseline meets @other's. */
static void
align_baselines (Cell       *cell,
                 const Cell *other)
{
  cell->y = other->y + cell_first_baseline (other) - cell_first_baseline (cell);
}

/* Text helpers */

static gboolean
has_text (const char *text)
{
  if (text == NULL)
    return FALSE;

  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return TRUE;

  return FALSE;
}

static char *
format_date_time (GDateTime *time)
{
  g_autofree char *date = consult_format_date (time);
  g_autofree char *clock = consult_format_time (time);
  g_autofree char *offset = g_date_time_format (time, "%:z");

  /* Translators: when a signature was given: the date, the time, and the
   * offset from UTC such as “+01:00”. */
  return g_strdup_printf (_("%s %s (UTC%s)"), date, clock, offset);
}

/* An ISO date from the consultation, in the user's format; "" stays "". */
static char *
format_iso_date (const char *iso)
{
  g_autoptr(GDateTime) time = NULL;
  GDate date;

  if (!consult_date_from_iso (iso, &date))
    return g_strdup (iso != NULL ? iso : "");

  time = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 0, 0, 0);
  return consult_format_date (time);
}

static char *
escape (const char *text)
{
  return g_markup_escape_text (text != NULL ? text : "", -1);
}

/* Builders for each kind of block */

static void
add_heading (ConsultSummary *self,
             const char     *text)
{
  Block *block = add_block (self, CONSULT_SUMMARY_BLOCK_HEADING, SECTION_GAP);
  Cell *cell = add_cell (block, get_layout (self, FONT_HEADING, self->body_width, text, FALSE),
                         0, 0, &ink);

  block->keep_with_next = TRUE;
  block->rule_y = cell_height (cell) + 2.5;
  block->rule_width = 0.75;
  block->rule_colour = &ink;
  block->height = block->rule_y + HEADING_GAP;
}

static void
add_subheading (ConsultSummary *self,
                const char     *text)
{
  Block *block = add_block (self, CONSULT_SUMMARY_BLOCK_SUBHEADING, SUBSECTION_GAP);

  add_cell (block, get_layout (self, FONT_SUBHEADING, self->body_width, text, FALSE), 0, 0, &ink);
  block->keep_with_next = TRUE;
  block->height = cells_bottom (block) + 3;
}

static Block *
add_paragraph (ConsultSummary *self,
               FontId          font,
               const Rgb      *colour,
               const char     *text,
               gboolean        markup,
               double          space_before)
{
  Block *block = add_block (self, CONSULT_SUMMARY_BLOCK_PARAGRAPH, space_before);
  Cell *cell = add_cell (block, get_layout (self, font, self->body_width, text, markup),
                         0, 0, colour);
  guint n_lines = cell->lines->len;

  block->height = cells_bottom (block);
  /* Split only with two lines at least on each side. */
  if (n_lines >= 4)
    {
      block->split = SPLIT_LINES;
      block->min_first = g_array_index (cell->lines, Line, 1).bottom;
      block->min_rest = block->height - g_array_index (cell->lines, Line, n_lines - 2).top;
    }

  return block;
}

/* A line or two in grey that introduces what follows, and stays with it. */
static void
add_intro (ConsultSummary *self,
           const char     *text)
{
  Block *block = add_paragraph (self, FONT_BODY, &grey, text, FALSE, 0);

  block->split = SPLIT_NEVER;
  block->keep_with_next = TRUE;
}

/* @value is markup when @value_markup. An empty value prints "Not recorded". */
static void
add_key_value (ConsultSummary *self,
               const char     *key,
               const char     *value,
               gboolean        value_markup,
               FontId          value_font)
{
  Block *block = add_block (self, CONSULT_SUMMARY_BLOCK_KEY_VALUE, ROW_GAP);
  double label_width = MIN (LABEL_WIDTH, self->body_width / 3);
  Cell *key_cell, *value_cell;

  key_cell = add_cell (block, get_layout (self, FONT_BODY, label_width - 8, key, FALSE),
                       0, 0, &grey);
  if (has_text (value))
    value_cell = add_cell (block, get_layout (self, value_font, self->body_width - label_width,
                                              value, value_markup),
                           label_width, 0, &ink);
  else
    value_cell = add_cell (block, get_layout (self, FONT_BODY_ITALIC,
                                              self->body_width - label_width,
                                              _("Not recorded"), FALSE),
                           label_width, 0, &grey);
  align_baselines (value_cell, key_cell);
  if (value_cell->y < 0)
    {
      key_cell->y -= value_cell->y;
      value_cell->y = 0;
    }
  block->height = cells_bottom (block);
}

/* A tick box, then @markup. */
static void
add_check (ConsultSummary *self,
           gboolean        ticked,
           const char     *markup,
           double          space_before)
{
  Block *block = add_block (self, CONSULT_SUMMARY_BLOCK_CHECK, space_before);
  Cell *text_cell, *box_cell;

  text_cell = add_cell (block, get_layout (self, FONT_BODY, self->body_width - INDENT,
                                           markup, TRUE),
                        INDENT, 0, &ink);
  /* U+2611 BALLOT BOX WITH CHECK, U+2610 BALLOT BOX */
  box_cell = add_cell (block, get_layout (self, FONT_SYMBOL, INDENT, ticked ? "☑" : "☐", FALSE),
                       0, 0, &ink);
  align_baselines (box_cell, text_cell);
  if (box_cell->y < 0)
    {
      text_cell->y -= box_cell->y;
      box_cell->y = 0;
    }
  block->height = cells_bottom (block);
}

static void
add_bullet (ConsultSummary *self,
            const char     *markup,
            double          space_before)
{
  Block *block = add_block (self, CONSULT_SUMMARY_BLOCK_BULLET, space_before);
  Cell *text_cell, *bullet_cell;

  text_cell = add_cell (block, get_layout (self, FONT_BODY, self->body_width - INDENT,
                                           markup, TRUE),
                        INDENT, 0, &ink);
  bullet_cell = add_cell (block, get_layout (self, FONT_BODY, INDENT, "•", FALSE), 5, 0, &ink);
  align_baselines (bullet_cell, text_cell);
  block->height = cells_bottom (block);
}

/* Tables: the columns as widths; a cell's text is markup. */

typedef struct {
  double x;
  double width;
} Column;

static void
add_table_cells (ConsultSummary     *self,
                 Block              *block,
                 const Column       *columns,
                 guint               n_columns,
                 const char * const *texts,
                 FontId              font)
{
  for (guint i = 0; i < n_columns; i++)
    add_cell (block, get_layout (self, font, columns[i].width - 2 * CELL_PADDING,
                                 texts[i], TRUE),
              columns[i].x + CELL_PADDING, ROW_PADDING, &ink);
  block->height = cells_bottom (block) + ROW_PADDING;
  block->style |= STYLE_RULE_BELOW;
  block->rule_colour = &rule_grey;
  block->rule_width = 0.5;
}

static guint
add_table_header (ConsultSummary     *self,
                  const Column       *columns,
                  guint               n_columns,
                  const char * const *texts)
{
  Block *block = add_block (self, CONSULT_SUMMARY_BLOCK_TABLE_HEADER, PARAGRAPH_GAP);

  add_table_cells (self, block, columns, n_columns, texts, FONT_SMALL_BOLD);
  block->keep_with_next = TRUE;
  block->style |= STYLE_FILL;
  block->fill = &header_fill;
  block->rule_colour = &grey;
  block->rule_width = 0.75;

  return self->blocks->len - 1;
}

static void
add_table_row (ConsultSummary     *self,
               guint               header,
               const Column       *columns,
               guint               n_columns,
               const char * const *texts,
               gboolean            stand_out)
{
  Block *block = add_block (self, CONSULT_SUMMARY_BLOCK_TABLE_ROW, 0);

  add_table_cells (self, block, columns, n_columns, texts,
                   stand_out ? FONT_BODY_BOLD : FONT_BODY);
  block->header = header;
  if (stand_out)
    {
      block->style |= STYLE_FILL;
      block->fill = &yes_fill;
    }
}

static void
add_page_break (ConsultSummary *self)
{
  add_block (self, CONSULT_SUMMARY_BLOCK_PAGE_BREAK, 0);
}

/* The parts of the summary */

static const char *
get_practitioner (ConsultSummary *self)
{
  const char *name = consult_consultation_get_practitioner_name (self->consultation);

  return has_text (name) ? name : self->practitioner_name;
}

/* The clinic on the left, the practitioner on the right, a rule below. */
static void
add_header (ConsultSummary *self)
{
  Block *block = add_block (self, CONSULT_SUMMARY_BLOCK_HEADER, 0);
  double half = self->body_width / 2;
  double right_width = MAX (half - 48, half / 2);
  double y = 0;
  PangoLayout *layout;
  Cell *cell;

  if (has_text (self->clinic_name))
    {
      cell = add_cell (block, get_layout (self, FONT_HEADING, self->body_width - right_width - 8,
                                          self->clinic_name, FALSE),
                       0, y, &ink);
      y += cell_height (cell) + 1;
    }
  if (has_text (self->clinic_address))
    add_cell (block, get_layout (self, FONT_SMALL, self->body_width - right_width - 8,
                                 self->clinic_address, FALSE),
              0, y, &grey);

  if (has_text (get_practitioner (self)))
    {
      layout = new_layout (self, FONT_SMALL, right_width, _("Practitioner"), FALSE);
      pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      cell = add_cell (block, layout, self->body_width - right_width, 2, &grey);
      layout = new_layout (self, FONT_BODY, right_width, get_practitioner (self), FALSE);
      pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      add_cell (block, layout, self->body_width - right_width, cell->y + cell_height (cell) + 1,
                &ink);
    }

  if (block->cells->len == 0)
    {
      /* Nothing to show: keep the block, for the page structure, but
       * make it take no room. */
      block->height = 0;
      return;
    }

  block->style |= STYLE_RULE_BELOW;
  block->rule_colour = &ink;
  block->rule_width = 1.0;
  block->height = cells_bottom (block) + 6;
}

static void
add_title (ConsultSummary *self,
           const char     *title,
           const char     *subtitle)
{
  Block *block = add_block (self, CONSULT_SUMMARY_BLOCK_TITLE, 14);
  Cell *cell;

  cell = add_cell (block, get_layout (self, FONT_TITLE, self->body_width, title, FALSE),
                   0, 0, &ink);
  if (has_text (subtitle))
    add_cell (block, get_layout (self, FONT_BODY, self->body_width, subtitle, FALSE),
              0, cell_height (cell) + 2, &grey);
  block->height = cells_bottom (block);
  block->keep_with_next = TRUE;
}

static void
add_banner (ConsultSummary         *self,
            ConsultScreeningResult *screening)
{
  Block *block = add_block (self, CONSULT_SUMMARY_BLOCK_BANNER, 12);
  double width = self->body_width - 2 * BANNER_PADDING;
  g_autoptr(GString) text = g_string_new (NULL);
  Cell *cell;

  cell = add_cell (block, get_layout (self, FONT_HEADING, width, _("NOT SIGNED — DRAFT"), FALSE),
                   BANNER_PADDING, BANNER_PADDING, &banner_ink);

  g_string_append (text, _("This summary has not been signed by both the client and the "
                           "practitioner. It is not a record of consent."));
  if (screening->outcome == CONSULT_OUTCOME_INCOMPLETE)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text,
                              /* Translators: in the draft banner of the consent summary. */
                              g_dngettext (GETTEXT_PACKAGE,
                                           "The screening is incomplete: %u of %u question "
                                           "answered.",
                                           "The screening is incomplete: %u of %u questions "
                                           "answered.",
                                           screening->n_questions),
                              screening->n_answered, screening->n_questions);
    }
  add_cell (block, get_layout (self, FONT_BODY, width, text->str, FALSE),
            BANNER_PADDING, BANNER_PADDING + cell_height (cell) + 2, &ink);

  block->height = cells_bottom (block) + BANNER_PADDING;
  block->style |= STYLE_FILL | STYLE_FRAME;
  block->fill = &banner_fill;
  block->rule_colour = &banner_ink;
  block->rule_width = 1.0;
}

static void
add_client_section (ConsultSummary *self)
{
  ConsultConsultation *c = self->consultation;
  ConsultContent *content = consult_consultation_get_content (c);
  g_auto(GStrv) areas = consult_consultation_get_selected_areas (c);
  g_autoptr(GString) area_labels = g_string_new (NULL);
  g_autofree char *birth = format_iso_date (consult_consultation_get_client_birth_date (c));
  g_autofree char *date = format_iso_date (consult_consultation_get_consultation_date (c));
  int age = consult_consultation_get_age (c);

  add_heading (self, _("Client"));
  add_key_value (self, _("Name"), consult_consultation_get_client_name (c), FALSE, FONT_BODY_BOLD);

  if (age >= 0)
    {
      g_autofree char *with_age = NULL;

      /* Translators: a date of birth and the age on the day of the
       * consultation, e.g. “1990-05-17 (aged 36)”. */
      with_age = g_strdup_printf (_("%s (aged %d)"), birth, age);
      if (consult_consultation_get_is_minor (c))
        {
          g_autofree char *minor = NULL;

          /* Translators: after the date of birth of a client under 18. */
          minor = g_strdup_printf (_("%s — a minor: a parent or guardian consents as well"),
                                   with_age);
          g_free (with_age);
          with_age = g_steal_pointer (&minor);
        }
      add_key_value (self, _("Date of birth"), with_age, FALSE, FONT_BODY);
    }
  else
    add_key_value (self, _("Date of birth"), birth, FALSE, FONT_BODY);

  add_key_value (self, _("Contact"), consult_consultation_get_client_contact (c), FALSE,
                 FONT_BODY);
  add_key_value (self, _("Consultation date"), date, FALSE, FONT_BODY);
  add_key_value (self, _("Practitioner"), get_practitioner (self), FALSE, FONT_BODY);

  for (guint i = 0; areas[i] != NULL; i++)
    {
      const ConsultArea *area = consult_content_find_area (content, areas[i]);

      if (area == NULL)
        continue;
      if (area_labels->len > 0)
        /* Translators: the separator between treatment areas in a list. */
        g_string_append (area_labels, _(", "));
      g_string_append (area_labels, area->label.markup);
    }
  add_key_value (self, _("Treatment areas"), area_labels->str, TRUE, FONT_BODY);
}

static void
add_procedure_section (ConsultSummary *self)
{
  ConsultContent *content = consult_consultation_get_content (self->consultation);
  g_autofree char *version = NULL;
  g_autofree char *reviewed = format_iso_date (consult_content_get_reviewed (content));

  add_heading (self, _("Procedure"));
  add_key_value (self, _("Procedure"), consult_content_get_title (content)->markup, TRUE,
                 FONT_BODY_BOLD);
  /* Translators: the content the consultation followed: its id, version
   * and review date, e.g. “microneedling, version 1.0, reviewed 2026-11-01”. */
  version = g_strdup_printf (_("%s, version %s, reviewed %s"), consult_content_get_id (content),
                             consult_content_get_version (content), reviewed);
  add_key_value (self, _("Content"), version, FALSE, FONT_BODY);
  add_key_value (self, _("Content SHA-256"), consult_content_get_sha256 (content), FALSE,
                 FONT_MONO);
}

static void
add_explanation_section (ConsultSummary *self)
{
  ConsultConsultation *c = self->consultation;
  ConsultContent *content = consult_consultation_get_content (c);
  GPtrArray *alternatives = consult_content_get_alternatives (content);
  static const struct {
    ConsultExplanation explanation;
    const char *label;
  } explanations[] = {
    { CONSULT_EXPLANATION_PROCEDURE, N_("What the procedure involves") },
    { CONSULT_EXPLANATION_BENEFITS, N_("Its benefits and the results to expect") },
    { CONSULT_EXPLANATION_SIDE_EFFECTS, N_("Its side effects and risks") },
  };

  add_heading (self, _("Explanation"));
  add_intro (self, _("Ticked when discussed with the client."));
  for (guint i = 0; i < G_N_ELEMENTS (explanations); i++)
    {
      g_autofree char *label = escape (_(explanations[i].label));

      add_check (self, consult_consultation_get_discussed (c, explanations[i].explanation),
                 label, i == 0 ? PARAGRAPH_GAP : ROW_GAP);
    }

  if (alternatives->len > 0)
    {
      add_subheading (self, _("Alternatives discussed"));
      for (guint i = 0; i < alternatives->len; i++)
        {
          const ConsultItem *item = g_ptr_array_index (alternatives, i);

          add_bullet (self, item->text.markup, i == 0 ? 0 : ROW_GAP);
        }
    }
}

static void
add_screening_section (ConsultSummary         *self,
                       ConsultScreeningResult *screening)
{
  ConsultConsultation *c = self->consultation;
  GPtrArray *questions = consult_content_get_questions (consult_consultation_get_content (c));
  double number_width = 24;
  double answer_width = 52;
  double rest = MAX (self->body_width - number_width - answer_width, MIN_BODY_WIDTH);
  double question_width = floor (rest * 0.6);
  Column columns[4];
  char *header_texts[4];
  g_autofree char *intro = NULL;
  guint header;

  columns[0] = (Column) { 0, number_width };
  columns[1] = (Column) { number_width, question_width };
  columns[2] = (Column) { number_width + question_width, answer_width };
  columns[3] = (Column) { number_width + question_width + answer_width,
                          self->body_width - number_width - question_width - answer_width };

  add_heading (self, _("Screening"));
  intro = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u question, as asked. Yes answers are highlighted.",
                                        "%u questions, as asked. Yes answers are highlighted.",
                                        screening->n_questions),
                           screening->n_questions);
  add_intro (self, intro);

  /* Translators: the column headers of the screening table. “#” numbers
   * the questions. */
  header_texts[0] = escape (C_("screening table", "#"));
  header_texts[1] = escape (C_("screening table", "Question as asked"));
  header_texts[2] = escape (C_("screening table", "Answer"));
  header_texts[3] = escape (C_("screening table", "Notes"));
  header = add_table_header (self, columns, G_N_ELEMENTS (columns),
                             (const char * const *) header_texts);
  for (guint i = 0; i < G_N_ELEMENTS (header_texts); i++)
    g_free (header_texts[i]);

  for (guint i = 0; i < questions->len; i++)
    {
      const ConsultQuestion *question = g_ptr_array_index (questions, i);
      ConsultAnswer answer = consult_consultation_get_answer (c, question->id);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *note = escape (consult_consultation_get_note (c, question->id));
      g_autofree char *answer_text = NULL;
      const char *texts[4];

      switch (answer)
        {
        case CONSULT_ANSWER_YES:
          answer_text = escape (C_("screening answer", "Yes"));
          break;
        case CONSULT_ANSWER_NO:
          answer_text = escape (C_("screening answer", "No"));
          break;
        case CONSULT_ANSWER_UNANSWERED:
        default:
          answer_text = g_strdup_printf ("<i>%s</i>", _("Not answered"));
          break;
        }

      texts[0] = number;
      texts[1] = question->question.markup;
      texts[2] = answer_text;
      texts[3] = note;
      add_table_row (self, header, columns, G_N_ELEMENTS (columns), texts,
                     answer == CONSULT_ANSWER_YES);
    }
}

static void
add_reasons (ConsultSummary *self,
             GPtrArray      *reasons)
{
  for (guint i = 0; i < reasons->len; i++)
    {
      const ConsultScreeningReason *reason = g_ptr_array_index (reasons, i);
      g_autoptr(GString) markup = g_string_new (NULL);

      g_string_append_printf (markup, "<b>%s</b>", reason->question->label.markup);
      if (has_text (reason->question->action.plain))
        g_string_append_printf (markup, " — %s", reason->question->action.markup);
      if (reason->note != NULL)
        {
          g_autofree char *note = escape (reason->note);

          /* Translators: the practitioner's note on a screening answer, in
           * the outcome's reasons. */
          g_string_append_printf (markup, "\n%s %s", _("Note:"), note);
        }
      add_bullet (self, markup->str, i == 0 ? PARAGRAPH_GAP : ROW_GAP);
    }
}

static void
add_outcome_section (ConsultSummary         *self,
                     ConsultScreeningResult *screening)
{
  ConsultOutcome outcome = screening->outcome;
  g_autofree char *label = escape (consult_outcome_get_label (outcome));
  g_autofree char *markup = NULL;
  Block *block;

  add_heading (self, _("Outcome"));
  /* Translators: the screening outcome, in bold, such as “Suitable”. */
  markup = g_strdup_printf (_("Screening outcome: <b>%s</b>"), label);
  block = add_paragraph (self, FONT_SUBHEADING, &ink, markup, TRUE, 0);
  block->keep_with_next = screening->reasons->len > 0 || outcome != CONSULT_OUTCOME_SUITABLE;

  switch (outcome)
    {
    case CONSULT_OUTCOME_INCOMPLETE:
      {
        g_autofree char *text = NULL;

        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u of %u question answered.",
                                             "%u of %u questions answered.",
                                             screening->n_questions),
                                screening->n_answered, screening->n_questions);
        if (screening->missing_notes)
          {
            g_autofree char *more = g_strconcat (text, " ",
                                                 _("A precaution is not yet recorded in a note."),
                                                 NULL);
            g_free (text);
            text = g_steal_pointer (&more);
          }
        add_paragraph (self, FONT_BODY, &ink, text, FALSE, PARAGRAPH_GAP);
        if (screening->reasons->len > 0)
          {
            /* Translators: a heading above the “yes” answers so far, when
             * the screening is not finished. */
            add_subheading (self, _("So far"));
            add_reasons (self, screening->reasons);
          }
      }
      break;

    case CONSULT_OUTCOME_SUITABLE:
      add_paragraph (self, FONT_BODY, &ink,
                     _("No answer in the screening prevents or limits treatment."), FALSE,
                     PARAGRAPH_GAP);
      break;

    case CONSULT_OUTCOME_SUITABLE_WITH_PRECAUTIONS:
      add_subheading (self, _("Precautions"));
      add_reasons (self, screening->reasons);
      break;

    case CONSULT_OUTCOME_DEFER:
    case CONSULT_OUTCOME_NOT_SUITABLE:
      add_paragraph (self, FONT_BODY, &ink,
                     outcome == CONSULT_OUTCOME_DEFER
                     ? _("Treatment is postponed. No consent was taken; the client is "
                         "screened again before any treatment.")
                     : _("The client is not suitable for this treatment. No consent "
                         "was taken."),
                     FALSE, PARAGRAPH_GAP);
      add_subheading (self, _("Reasons"));
      add_reasons (self, screening->reasons);
      break;

    default:
      g_assert_not_reached ();
    }

  if (screening->other_reasons->len > 0)
    {
      /* Translators: a heading above “yes” answers that do not decide the
       * outcome but still matter, such as a precaution for a later visit. */
      add_subheading (self, _("Also noted"));
      add_reasons (self, screening->other_reasons);
    }
}

static void
add_notes_section (ConsultSummary *self)
{
  const char *notes = consult_consultation_get_general_notes (self->consultation);

  if (!has_text (notes))
    return;

  add_heading (self, _("Notes"));
  add_paragraph (self, FONT_BODY, &ink, notes, FALSE, 0);
}

static void
add_signature_block (ConsultSummary *self)
{
  Block *block = add_block (self, CONSULT_SUMMARY_BLOCK_SIGNATURES, PARAGRAPH_GAP);
  double column_width = (self->body_width - SIGNATURE_GAP) / 2;
  double area_y = 0;

  self->signature_height = MIN (column_width / 3, SIGNATURE_MAX_H);
  self->signature_width = self->signature_height * 3;
  self->signature_block = self->blocks->len - 1;

  for (guint signer = 0; signer < CONSULT_N_SIGNERS; signer++)
    {
      ConsultSignature *signature = consult_consultation_get_signature (self->consultation, signer);
      double x = signer * (column_width + SIGNATURE_GAP);
      Cell *caption;
      double y;

      caption = add_cell (block, get_layout (self, FONT_SMALL_BOLD, column_width,
                                             signer == CONSULT_SIGNER_CLIENT
                                             ? _("Client’s signature")
                                             : _("Practitioner’s signature"), FALSE),
                          x, 0, &grey);
      area_y = cell_height (caption) + 4;
      self->signature_x[signer] = x;
      y = area_y + self->signature_height + 4;

      if (consult_signature_is_signed (signature))
        {
          g_autofree char *when = format_date_time (consult_signature_get_signed_at (signature));
          g_autofree char *signed_text = NULL;
          Cell *name;

          name = add_cell (block, get_layout (self, FONT_BODY_BOLD, column_width,
                                              consult_signature_get_signer_name (signature), FALSE),
                           x, y, &ink);
          /* Translators: under a signature: when it was given. */
          signed_text = g_strdup_printf (_("Signed %s"), when);
          add_cell (block, get_layout (self, FONT_SMALL, column_width, signed_text, FALSE),
                    x, y + cell_height (name) + 1, &grey);

          self->strokes[signer] = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
          for (guint i = 0; i < consult_signature_get_n_strokes (signature); i++)
            {
              const ConsultSignaturePoint *points;
              gsize n_points;
              GArray *stroke;

              points = consult_signature_get_stroke (signature, i, &n_points);
              stroke = g_array_sized_new (FALSE, FALSE, sizeof (ConsultSignaturePoint), n_points);
              g_array_append_vals (stroke, points, n_points);
              g_ptr_array_add (self->strokes[signer], stroke);
            }
        }
      else
        add_cell (block, get_layout (self, FONT_BODY_ITALIC, column_width, _("Not signed"),
                                     FALSE),
                  x, y, &grey);
    }

  self->signature_y = area_y;
  block->height = cells_bottom (block);
}

static void
add_consent_section (ConsultSummary *self)
{
  ConsultConsultation *c = self->consultation;
  GPtrArray *statements = consult_content_get_statements (consult_consultation_get_content (c));
  gboolean first = TRUE;
  guint n_optional = 0;
  Block *block;

  add_heading (self, _("Consent"));
  add_intro (self, _("The client confirmed each ticked statement."));
  for (guint i = 0; i < statements->len; i++)
    {
      const ConsultStatement *statement = g_ptr_array_index (statements, i);

      if (!statement->required)
        {
          n_optional++;
          continue;
        }
      add_check (self, consult_consultation_get_statement_accepted (c, statement->id),
                 statement->text.markup, first ? PARAGRAPH_GAP : ROW_GAP + 1);
      first = FALSE;
    }

  if (n_optional > 0)
    {
      add_subheading (self, _("Optional consent"));
      add_intro (self, _("Not needed for the treatment; the client may say no."));
      first = TRUE;
      for (guint i = 0; i < statements->len; i++)
        {
          const ConsultStatement *statement = g_ptr_array_index (statements, i);
          gboolean accepted = consult_consultation_get_statement_accepted (c, statement->id);
          g_autofree char *markup = NULL;

          if (statement->required)
            continue;
          markup = g_strdup_printf ("%s\n<b>%s</b>", statement->text.markup,
                                    accepted ? _("Agreed") : _("Not agreed"));
          add_check (self, accepted, markup, first ? PARAGRAPH_GAP : ROW_GAP + 1);
          first = FALSE;
        }
    }

  /* The signatures never start a page of their own: the last statement
   * goes with them, so that nobody signs under a blank page. */
  block = g_ptr_array_index (self->blocks, self->blocks->len - 1);
  block->keep_with_next = TRUE;

  add_heading (self, _("Signatures"));
  add_intro (self, _("The client signs to confirm the consent ticked above; the practitioner "
                      "signs to confirm the consultation as recorded."));
  add_signature_block (self);
}

static void
add_client_copy (ConsultSummary *self)
{
  ConsultConsultation *c = self->consultation;
  ConsultContent *content = consult_consultation_get_content (c);
  GPtrArray *aftercare = consult_content_get_aftercare (content);
  g_autofree char *date = format_iso_date (consult_consultation_get_consultation_date (c));
  g_autofree char *subtitle = NULL;
  const char *client = consult_consultation_get_client_name (c);

  add_header (self);
  if (has_text (client))
    /* Translators: under the title of the aftercare client copy: the
     * procedure, the client's name and the date of the consultation. */
    subtitle = g_strdup_printf (_("%s for %s, %s"), consult_content_get_title (content)->plain,
                                client, date);
  else
    subtitle = g_strdup_printf ("%s, %s", consult_content_get_title (content)->plain, date);
  add_title (self, _("Aftercare — client copy"), subtitle);
  add_paragraph (self, FONT_BODY, &ink,
                 _("Please keep this page. It tells you how to look after the treated area "
                   "in the days and weeks after your treatment."),
                 FALSE, 10);

  for (guint i = 0; i < aftercare->len; i++)
    {
      const ConsultAftercareWindow *window = g_ptr_array_index (aftercare, i);

      add_heading (self, window->label.plain);
      for (guint j = 0; j < window->instructions->len; j++)
        {
          const ConsultItem *item = g_ptr_array_index (window->instructions, j);

          add_bullet (self, item->text.markup, j == 0 ? 0 : ROW_GAP + 1);
        }
    }

  if (has_text (self->clinic_name))
    {
      g_autofree char *text = NULL;

      /* Translators: at the end of the aftercare client copy; %s is the
       * clinic's name. */
      text = g_strdup_printf (_("If you are worried about how your skin is healing, or notice "
                                "anything unexpected, contact %s."), self->clinic_name);
      add_paragraph (self, FONT_BODY_BOLD, &ink, text, FALSE, SECTION_GAP);
    }
  else
    add_paragraph (self, FONT_BODY_BOLD, &ink,
                   _("If you are worried about how your skin is healing, or notice anything "
                     "unexpected, contact the clinic."),
                   FALSE, SECTION_GAP);
}

static gboolean
outcome_refuses_consent (ConsultOutcome outcome)
{
  return outcome == CONSULT_OUTCOME_DEFER || outcome == CONSULT_OUTCOME_NOT_SUITABLE;
}

static void
build_blocks (ConsultSummary *self)
{
  ConsultConsultation *c = self->consultation;
  ConsultContent *content = consult_consultation_get_content (c);
  g_autoptr(ConsultScreeningResult) screening = consult_consultation_dup_screening (c);
  gboolean record = self->parts != CONSULT_SUMMARY_PARTS_CLIENT_COPY;
  gboolean client_copy = self->parts == CONSULT_SUMMARY_PARTS_CLIENT_COPY ||
                         (self->parts == CONSULT_SUMMARY_PARTS_FULL &&
                          !outcome_refuses_consent (screening->outcome));

  self->draft = consult_summary_consultation_is_draft (c);

  if (record)
    {
      const char *client = consult_consultation_get_client_name (c);
      g_autofree char *subtitle = NULL;

      add_header (self);
      if (has_text (client))
        subtitle = g_strdup_printf ("%s — %s", consult_content_get_title (content)->plain, client);
      add_title (self, _("Consent summary"),
                 subtitle != NULL ? subtitle : consult_content_get_title (content)->plain);
      if (self->draft)
        add_banner (self, screening);

      add_client_section (self);
      add_procedure_section (self);
      add_explanation_section (self);
      add_screening_section (self, screening);
      add_outcome_section (self, screening);
      add_notes_section (self);
      if (!outcome_refuses_consent (screening->outcome))
        add_consent_section (self);
    }

  if (client_copy)
    {
      if (record)
        add_page_break (self);
      add_client_copy (self);
    }
}

/* Flowing the blocks onto pages */

typedef struct {
  ConsultSummary *self;
  GArray *page;        /* the page being filled */
  double y;            /* where the next block goes */
  gboolean fresh;      /* nothing but a repeated header on the page yet */
} Flow;

static void
flow_new_page (Flow *flow)
{
  flow->page = g_array_new (FALSE, FALSE, sizeof (Placement));
  g_ptr_array_add (flow->self->pages, flow->page);
  flow->y = 0;
  flow->fresh = TRUE;
}

static void
flow_place (Flow   *flow,
            guint   index,
            double  from,
            double  to)
{
  Placement placement = { index, flow->y, from, to };

  g_array_append_val (flow->page, placement);
  flow->y += to - from;
}

/* Starts a new page for block @index; above a table row, repeats its
 * table's header. */
static void
flow_break (Flow  *flow,
            guint  index)
{
  Block *block = g_ptr_array_index (flow->self->blocks, index);

  flow_new_page (flow);
  if (block->kind == CONSULT_SUMMARY_BLOCK_TABLE_ROW && block->header >= 0)
    {
      Block *header = g_ptr_array_index (flow->self->blocks, block->header);

      flow_place (flow, block->header, 0, header->height);
    }
}

/* The lowest place at most @limit (in block coordinates) where @block can
 * be cut without cutting through a line of text. */
static double
find_cut (Block  *block,
          double  limit)
{
  double cut = limit;
  gboolean moved = TRUE;

  while (moved)
    {
      moved = FALSE;
      for (guint i = 0; i < block->cells->len; i++)
        {
          const Cell *cell = g_ptr_array_index (block->cells, i);

          for (guint j = 0; j < cell->lines->len; j++)
            {
              const Line *line = &g_array_index (cell->lines, Line, j);
              double top = cell->y + line->top;
              double bottom = cell->y + line->bottom;

              if (top < cut - 0.01 && bottom > cut + 0.01)
                {
                  cut = top;
                  moved = TRUE;
                }
            }
        }
    }

  return cut;
}

/* The least height of @block that must fit where it starts. */
static double
first_part_height (Block *block)
{
  return block->split == SPLIT_LINES ? block->min_first : block->height;
}

/* The height block @index needs where it starts: its own, plus that of
 * the blocks it keeps with. */
static double
chain_height (ConsultSummary *self,
              guint           index)
{
  Block *block = g_ptr_array_index (self->blocks, index);
  double height = block->keep_with_next ? block->height : first_part_height (block);

  while (block->keep_with_next && index + 1 < self->blocks->len)
    {
      Block *next = g_ptr_array_index (self->blocks, index + 1);

      if (next->kind == CONSULT_SUMMARY_BLOCK_PAGE_BREAK)
        break;
      index++;
      height += next->space_before +
                (next->keep_with_next ? next->height : first_part_height (next));
      block = next;
    }

  return height;
}

static void
flow_blocks (ConsultSummary *self)
{
  double available = self->body_height;
  Flow flow = { self, NULL, 0, TRUE };

  flow_new_page (&flow);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      double space, from = 0;

      if (block->kind == CONSULT_SUMMARY_BLOCK_PAGE_BREAK)
        {
          if (!flow.fresh)
            flow_new_page (&flow);
          continue;
        }
      if (block->height <= 0)
        continue;

      space = flow.y > 0 ? block->space_before : 0;

      if (!flow.fresh && flow.y + space + chain_height (self, i) > available)
        {
          /* It does not fit, with what it keeps with. A paragraph that
           * keeps with nothing leaves what fits of it here. */
          double cut = -1;

          if (block->split == SPLIT_LINES && !block->keep_with_next)
            {
              cut = find_cut (block, available - flow.y - space);
              if (cut < block->min_first || block->height - cut < block->min_rest)
                cut = -1;
            }

          if (cut > 0)
            {
              flow.y += space;
              flow_place (&flow, i, 0, cut);
              from = cut;
            }
          flow_break (&flow, i);
          space = 0;
        }

      flow.y += space;
      flow.fresh = FALSE;

      /* Whatever is left of a block taller than a page goes on as many
       * pages as it takes, cut between lines. */
      while (block->height - from > available - flow.y + 0.01)
        {
          double cut = find_cut (block, from + available - flow.y);

          if (cut <= from + 0.01)
            cut = from + available - flow.y;  /* a single line taller than the page */
          flow_place (&flow, i, from, cut);
          from = cut;
          flow_break (&flow, i);
          flow.fresh = FALSE;
        }

      flow_place (&flow, i, from, block->height);
    }
}

/* Drawing */

static void
set_colour (cairo_t   *cr,
            const Rgb *colour)
{
  cairo_set_source_rgb (cr, colour->r, colour->g, colour->b);
}

/* The lines of @cell inside from..to of its block, with the block's
 * @from at @y. */
static void
draw_cell (cairo_t    *cr,
           const Cell *cell,
           double      x,
           double      y,
           double      from,
           double      to)
{
  set_colour (cr, cell->colour);
  for (guint i = 0; i < cell->lines->len; i++)
    {
      const Line *line = &g_array_index (cell->lines, Line, i);

      if (cell->y + line->top < from - 0.01 || cell->y + line->bottom > to + 0.01)
        continue;
      cairo_move_to (cr, x + cell->x + line->x, y + cell->y + line->baseline - from);
      pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (cell->layout, (int) i));
    }
}

/* Pen widths are drawn in steps of this many points (0.02 mm): far below
 * what a printer or an eye can tell apart, and it lets a run of segments of
 * one width go out as one path. */
#define PEN_WIDTH_STEP 0.05

static double
segment_width (const ConsultSignaturePoint *a,
               const ConsultSignaturePoint *b,
               double                       pen)
{
  double pressure = (a->pressure + b->pressure) / 2;

  return MAX (1, round (pen * (0.35 + 0.65 * pressure) / PEN_WIDTH_STEP)) * PEN_WIDTH_STEP;
}

/* A stroke as segments whose width follows the pressure. Consecutive
 * segments of the same width are one polyline: with round joins and caps it
 * covers exactly what the segments drawn one by one would, in one PDF
 * operation instead of one per segment. */
static void
draw_stroke (cairo_t *cr,
             GArray  *stroke,
             double   x,
             double   y,
             double   scale,
             double   pen)
{
  const ConsultSignaturePoint *points = (const ConsultSignaturePoint *) stroke->data;
  guint start = 0;

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  if (stroke->len == 1)
    {
      cairo_arc (cr, x + points[0].x * scale, y + points[0].y * scale,
                 pen * (0.35 + 0.65 * points[0].pressure) / 2, 0, 2 * G_PI);
      cairo_fill (cr);
      return;
    }

  while (start + 1 < stroke->len)
    {
      double width = segment_width (&points[start], &points[start + 1], pen);
      guint end = start + 1;

      while (end + 1 < stroke->len
             && segment_width (&points[end], &points[end + 1], pen) == width)
        end++;

      cairo_set_line_width (cr, width);
      cairo_move_to (cr, x + points[start].x * scale, y + points[start].y * scale);
      for (guint i = start + 1; i <= end; i++)
        cairo_line_to (cr, x + points[i].x * scale, y + points[i].y * scale);
      cairo_stroke (cr);
      start = end;
    }
}

static void
draw_signatures (ConsultSummary *self,
                 cairo_t        *cr,
                 double          x,
                 double          y)
{
  double scale = self->signature_width / CONSULT_SIGNATURE_WIDTH;
  double pen = SIGNATURE_PEN * self->signature_width / 200.0;

  for (guint signer = 0; signer < CONSULT_N_SIGNERS; signer++)
    {
      double left = x + self->signature_x[signer];
      double top = y + self->signature_y;
      double line_y = top + self->signature_height + 1.5;

      /* The line to sign on, across the column. */
      set_colour (cr, &grey);
      cairo_set_line_width (cr, 0.75);
      cairo_move_to (cr, left, line_y);
      cairo_line_to (cr, left + (self->body_width - SIGNATURE_GAP) / 2, line_y);
      cairo_stroke (cr);

      if (self->strokes[signer] == NULL)
        continue;

      cairo_save (cr);
      cairo_rectangle (cr, left, top, self->signature_width, self->signature_height);
      cairo_clip (cr);
      cairo_set_source_rgb (cr, 0.05, 0.10, 0.35);  /* a dark blue pen */
      for (guint i = 0; i < self->strokes[signer]->len; i++)
        draw_stroke (cr, g_ptr_array_index (self->strokes[signer], i), left, top, scale, pen);
      cairo_restore (cr);
    }
}

static void
draw_placement (ConsultSummary  *self,
                cairo_t         *cr,
                const Placement *placement)
{
  Block *block = g_ptr_array_index (self->blocks, placement->block);
  double x = self->margin_left;
  double y = self->margin_top + placement->y;
  double height = placement->to - placement->from;

  if (block->style & STYLE_FILL)
    {
      set_colour (cr, block->fill);
      cairo_rectangle (cr, x, y, self->body_width, height);
      cairo_fill (cr);
    }
  if (block->style & STYLE_FRAME)
    {
      double inset = block->rule_width / 2;

      set_colour (cr, block->rule_colour);
      cairo_set_line_width (cr, block->rule_width);
      cairo_rectangle (cr, x + inset, y + inset, self->body_width - 2 * inset, height - 2 * inset);
      cairo_stroke (cr);
    }

  for (guint i = 0; i < block->cells->len; i++)
    draw_cell (cr, g_ptr_array_index (block->cells, i), x, y, placement->from, placement->to);

  if (block->rule_y >= placement->from && block->rule_y <= placement->to)
    {
      set_colour (cr, block->rule_colour);
      cairo_set_line_width (cr, block->rule_width);
      cairo_move_to (cr, x, y + block->rule_y - placement->from);
      cairo_line_to (cr, x + self->body_width, y + block->rule_y - placement->from);
      cairo_stroke (cr);
    }
  if ((block->style & STYLE_RULE_BELOW) && placement->to >= block->height - 0.01)
    {
      double rule_y = y + height - block->rule_width / 2;

      set_colour (cr, block->rule_colour);
      cairo_set_line_width (cr, block->rule_width);
      cairo_move_to (cr, x, rule_y);
      cairo_line_to (cr, x + self->body_width, rule_y);
      cairo_stroke (cr);
    }

  if (block->kind == CONSULT_SUMMARY_BLOCK_SIGNATURES)
    draw_signatures (self, cr, x, y);
}

/* "NOT SIGNED — DRAFT" across the body, light enough to read through. It
 * is drawn as outlines, not text: as text its letters would land in the
 * middle of the words it crosses when the PDF is searched, copied or read
 * aloud. The banner on the first page says the same as text. */
static void
draw_watermark (ConsultSummary *self,
                cairo_t        *cr)
{
  PangoRectangle ink_rect;
  double angle, diagonal, scale;

  if (self->watermark_layout == NULL)
    self->watermark_layout = new_layout (self, FONT_WATERMARK, -1, _("NOT SIGNED — DRAFT"),
                                         FALSE);
  pango_layout_get_extents (self->watermark_layout, &ink_rect, NULL);

  cairo_save (cr);
  cairo_rectangle (cr, self->margin_left, self->margin_top, self->body_width, self->body_height);
  cairo_clip (cr);

  angle = atan2 (self->body_height, self->body_width);
  diagonal = hypot (self->body_width, self->body_height);
  scale = 0.8 * diagonal / pango_units_to_double (ink_rect.width);
  /* The text's height also has to fit across the narrow side. */
  scale = MIN (scale, 0.25 * MIN (self->body_width, self->body_height) /
                      pango_units_to_double (ink_rect.height));

  cairo_translate (cr, self->margin_left + self->body_width / 2,
                   self->margin_top + self->body_height / 2);
  cairo_rotate (cr, -angle);
  cairo_scale (cr, scale, scale);
  cairo_move_to (cr, -pango_units_to_double (ink_rect.x + ink_rect.width / 2),
                 -pango_units_to_double (ink_rect.y + ink_rect.height / 2));
  set_colour (cr, &watermark_ink);
  pango_cairo_layout_path (cr, self->watermark_layout);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
draw_footer (ConsultSummary *self,
             cairo_t        *cr,
             guint           page_nr)
{
  g_autoptr(PangoLayout) right = NULL;
  g_autofree char *page = NULL;
  double x = self->margin_left;
  double right_width, text_top;
  PangoRectangle logical;

  /* Translators: in the footer of every page of the consent summary: the
   * page number, then the number of pages. */
  page = g_strdup_printf (_("Page %u of %u"), page_nr + 1, self->pages->len);
  right = new_layout (self, FONT_SMALL, -1, page, FALSE);
  pango_layout_get_extents (right, NULL, &logical);
  right_width = pango_units_to_double (logical.width);
  text_top = self->margin_top + self->printable_height - pango_units_to_double (logical.height);

  /* Both in the same font: their baselines meet. A long name is
   * shortened in the middle rather than run into the page number. The
   * text is the same on every page: it is laid out again only when the
   * page number takes another width. */
  if (self->footer_layout == NULL)
    {
      self->footer_layout = new_layout (self, FONT_SMALL, -1, self->footer_text, FALSE);
      pango_layout_set_ellipsize (self->footer_layout, PANGO_ELLIPSIZE_MIDDLE);
    }
  pango_layout_set_width (self->footer_layout,
                          pango_units_from_double (MAX (self->body_width - right_width - 12, 10)));

  set_colour (cr, &rule_grey);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, x, text_top - 3.25);
  cairo_line_to (cr, x + self->body_width, text_top - 3.25);
  cairo_stroke (cr);

  set_colour (cr, &grey);
  cairo_move_to (cr, x, text_top);
  pango_cairo_show_layout (cr, self->footer_layout);
  cairo_move_to (cr, x + self->body_width - right_width, text_top);
  pango_cairo_show_layout (cr, right);
}

/* The footer's height, rule included. */
static double
footer_height (ConsultSummary *self)
{
  g_autoptr(PangoLayout) layout = new_layout (self, FONT_SMALL, -1, "Page", FALSE);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return pango_units_to_double (logical.height) + 3.5;
}

/* GObject */

static void
clear_layout (ConsultSummary *self)
{
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    g_clear_pointer (&self->strokes[i], g_ptr_array_unref);
  for (guint i = 0; i < N_FONTS; i++)
    g_clear_pointer (&self->fonts[i], pango_font_description_free);
  g_clear_pointer (&self->footer_text, g_free);
  g_clear_object (&self->footer_layout);
  g_clear_object (&self->watermark_layout);
  g_clear_pointer (&self->layouts, g_hash_table_unref);
  g_clear_object (&self->context);
  self->signature_block = G_MAXUINT;
}

static void
consult_summary_dispose (GObject *object)
{
  ConsultSummary *self = CONSULT_SUMMARY (object);

  clear_layout (self);
  g_clear_object (&self->consultation);

  G_OBJECT_CLASS (consult_summary_parent_class)->dispose (object);
}

static void
consult_summary_finalize (GObject *object)
{
  ConsultSummary *self = CONSULT_SUMMARY (object);

  g_free (self->clinic_name);
  g_free (self->clinic_address);
  g_free (self->practitioner_name);
  g_clear_pointer (&self->printed_at, g_date_time_unref);

  G_OBJECT_CLASS (consult_summary_parent_class)->finalize (object);
}

static void
consult_summary_class_init (ConsultSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = consult_summary_dispose;
  object_class->finalize = consult_summary_finalize;
}

static void
consult_summary_init (ConsultSummary *self)
{
  self->signature_block = G_MAXUINT;
}

ConsultSummary *
consult_summary_new (ConsultConsultation         *consultation,
                     const ConsultSummaryOptions *options)
{
  ConsultSummary *self;

  g_return_val_if_fail (CONSULT_IS_CONSULTATION (consultation), NULL);
  g_return_val_if_fail (options == NULL ||
                        (guint) options->parts <= CONSULT_SUMMARY_PARTS_CLIENT_COPY, NULL);

  self = g_object_new (CONSULT_TYPE_SUMMARY, NULL);
  self->consultation = g_object_ref (consultation);
  if (options != NULL)
    {
      self->clinic_name = g_strstrip (g_strdup (options->clinic_name != NULL
                                                ? options->clinic_name : ""));
      self->clinic_address = g_strstrip (g_strdup (options->clinic_address != NULL
                                                   ? options->clinic_address : ""));
      self->practitioner_name = g_strstrip (g_strdup (options->practitioner_name != NULL
                                                      ? options->practitioner_name : ""));
      self->parts = options->parts;
      if (options->printed_at != NULL)
        self->printed_at = g_date_time_ref (options->printed_at);
    }
  else
    {
      self->clinic_name = g_strdup ("");
      self->clinic_address = g_strdup ("");
      self->practitioner_name = g_strdup ("");
      self->parts = CONSULT_SUMMARY_PARTS_FULL;
    }

  return self;
}

ConsultConsultation *
consult_summary_get_consultation (ConsultSummary *self)
{
  g_return_val_if_fail (CONSULT_IS_SUMMARY (self), NULL);

  return self->consultation;
}

static PangoFontDescription *
new_font (const char  *family,
          double       size,
          PangoWeight  weight,
          PangoStyle   style)
{
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, family);
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, weight);
  pango_font_description_set_style (font, style);

  return font;
}

/* A context of our own at 72 dpi and with unhinted metrics: the same text
 * breaks the same way in a PDF, on a printer and on an image surface. */
static PangoContext *
create_context (PangoContext *caller)
{
  PangoFontMap *font_map = caller != NULL ? pango_context_get_font_map (caller) : NULL;
  PangoContext *context;
  cairo_font_options_t *options;

  if (font_map == NULL)
    font_map = pango_cairo_font_map_get_default ();

  context = pango_font_map_create_context (font_map);
  if (caller != NULL)
    pango_context_set_language (context, pango_context_get_language (caller));
  pango_cairo_context_set_resolution (context, 72);
  pango_context_set_round_glyph_positions (context, FALSE);

  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  return context;
}

guint
consult_summary_paginate (ConsultSummary *self,
                          PangoContext   *context,
                          double          page_width,
                          double          page_height,
                          double          margin_top,
                          double          margin_right,
                          double          margin_bottom,
                          double          margin_left)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *date = NULL;
  GDateTime *printed_at;
  const char *client;

  g_return_val_if_fail (CONSULT_IS_SUMMARY (self), 0);
  g_return_val_if_fail (context == NULL || PANGO_IS_CONTEXT (context), 0);
  g_return_val_if_fail (margin_top >= 0 && margin_right >= 0 &&
                        margin_bottom >= 0 && margin_left >= 0, 0);

  clear_layout (self);

  self->context = create_context (context);
  self->fonts[FONT_TITLE] = new_font (FONT_FAMILY, TITLE_SIZE, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
  self->fonts[FONT_HEADING] = new_font (FONT_FAMILY, HEADING_SIZE, PANGO_WEIGHT_BOLD,
                                        PANGO_STYLE_NORMAL);
  self->fonts[FONT_SUBHEADING] = new_font (FONT_FAMILY, SUBHEADING_SIZE, PANGO_WEIGHT_BOLD,
                                           PANGO_STYLE_NORMAL);
  self->fonts[FONT_BODY] = new_font (FONT_FAMILY, BODY_SIZE, PANGO_WEIGHT_NORMAL,
                                     PANGO_STYLE_NORMAL);
  self->fonts[FONT_BODY_BOLD] = new_font (FONT_FAMILY, BODY_SIZE, PANGO_WEIGHT_BOLD,
                                          PANGO_STYLE_NORMAL);
  self->fonts[FONT_BODY_ITALIC] = new_font (FONT_FAMILY, BODY_SIZE, PANGO_WEIGHT_NORMAL,
                                            PANGO_STYLE_ITALIC);
  self->fonts[FONT_SMALL] = new_font (FONT_FAMILY, SMALL_SIZE, PANGO_WEIGHT_NORMAL,
                                      PANGO_STYLE_NORMAL);
  self->fonts[FONT_SMALL_BOLD] = new_font (FONT_FAMILY, SMALL_SIZE, PANGO_WEIGHT_BOLD,
                                           PANGO_STYLE_NORMAL);
  self->fonts[FONT_MONO] = new_font (MONO_FAMILY, SMALL_SIZE, PANGO_WEIGHT_NORMAL,
                                     PANGO_STYLE_NORMAL);
  self->fonts[FONT_SYMBOL] = new_font (SYMBOL_FAMILY, SYMBOL_SIZE, PANGO_WEIGHT_NORMAL,
                                       PANGO_STYLE_NORMAL);
  self->fonts[FONT_WATERMARK] = new_font (FONT_FAMILY, WATERMARK_SIZE, PANGO_WEIGHT_BOLD,
                                          PANGO_STYLE_NORMAL);

  self->margin_top = margin_top;
  self->margin_left = margin_left;
  self->body_width = MAX (page_width - margin_left - margin_right, MIN_BODY_WIDTH);
  self->printable_height = MAX (page_height - margin_top - margin_bottom, MIN_BODY_WIDTH);
  self->body_height = MAX (self->printable_height - footer_height (self) - FOOTER_GAP,
                           MIN_BODY_WIDTH / 2);

  if (self->printed_at != NULL)
    printed_at = self->printed_at;
  else
    printed_at = now = g_date_time_new_now_local ();
  date = consult_format_date (printed_at);
  client = consult_consultation_get_client_name (self->consultation);
  if (has_text (client))
    /* Translators: the footer of every page of the consent summary: the
     * client's name, the record's id and the date it was printed. */
    self->footer_text = g_strdup_printf (_("%s · Record %s · Printed %s"), client,
                                         consult_consultation_get_record_id (self->consultation),
                                         date);
  else
    /* Translators: the footer of every page of the consent summary: the
     * record's id and the date it was printed. */
    self->footer_text = g_strdup_printf (_("Record %s · Printed %s"),
                                         consult_consultation_get_record_id (self->consultation),
                                         date);

  self->layouts = g_hash_table_new_full (piece_key_hash, piece_key_equal, piece_key_free,
                                         g_object_unref);
  self->blocks = g_ptr_array_new_with_free_func (block_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  build_blocks (self);
  flow_blocks (self);

  return self->pages->len;
}

guint
consult_summary_get_n_pages (ConsultSummary *self)
{
  g_return_val_if_fail (CONSULT_IS_SUMMARY (self), 0);

  return self->pages != NULL ? self->pages->len : 0;
}

void
consult_summary_draw_page (ConsultSummary *self,
                           cairo_t        *cr,
                           guint           page_nr)
{
  GArray *page;

  g_return_if_fail (CONSULT_IS_SUMMARY (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (self->pages != NULL);
  g_return_if_fail (page_nr < self->pages->len);

  page = g_ptr_array_index (self->pages, page_nr);

  cairo_save (cr);
  cairo_new_path (cr);
  if (self->draft)
    draw_watermark (self, cr);
  for (guint i = 0; i < page->len; i++)
    draw_placement (self, cr, &g_array_index (page, Placement, i));
  draw_footer (self, cr, page_nr);
  cairo_restore (cr);
}

char *
consult_summary_dup_title (ConsultSummary *self)
{
  const char *client;

  g_return_val_if_fail (CONSULT_IS_SUMMARY (self), NULL);

  client = consult_consultation_get_client_name (self->consultation);
  if (self->parts == CONSULT_SUMMARY_PARTS_CLIENT_COPY)
    return has_text (client)
           /* Translators: the title of the aftercare client copy as a
            * document (PDF title, print job); %s is the client's name. */
           ? g_strdup_printf (_("Aftercare — %s"), client)
           : g_strdup (_("Aftercare"));

  return has_text (client)
         /* Translators: the title of the consent summary as a document
          * (PDF title, print job); %s is the client's name. */
         ? g_strdup_printf (_("Consent summary — %s"), client)
         : g_strdup (_("Consent summary"));
}

gboolean
consult_summary_get_is_draft (ConsultSummary *self)
{
  g_return_val_if_fail (CONSULT_IS_SUMMARY (self), FALSE);

  if (self->pages != NULL)
    return self->draft;

  return consult_summary_consultation_is_draft (self->consultation);
}

gboolean
consult_summary_consultation_is_draft (ConsultConsultation *consultation)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (consultation), FALSE);

  return !consult_consultation_get_locked (consultation) &&
         !outcome_refuses_consent (consult_consultation_get_outcome (consultation));
}

/* For the tests */

static const Placement *
get_placement (ConsultSummary *self,
               guint           page_nr,
               guint           index)
{
  GArray *page;

  g_return_val_if_fail (self->pages != NULL && page_nr < self->pages->len, NULL);
  page = g_ptr_array_index (self->pages, page_nr);
  g_return_val_if_fail (index < page->len, NULL);

  return &g_array_index (page, Placement, index);
}

guint
_consult_summary_get_n_placements (ConsultSummary *self,
                                   guint           page_nr)
{
  g_return_val_if_fail (CONSULT_IS_SUMMARY (self), 0);
  g_return_val_if_fail (self->pages != NULL && page_nr < self->pages->len, 0);

  return ((GArray *) g_ptr_array_index (self->pages, page_nr))->len;
}

ConsultSummaryBlockKind
_consult_summary_get_placement_kind (ConsultSummary *self,
                                     guint           page_nr,
                                     guint           index)
{
  const Placement *placement = get_placement (self, page_nr, index);
  Block *block;

  g_return_val_if_fail (placement != NULL, CONSULT_SUMMARY_BLOCK_PAGE_BREAK);
  block = g_ptr_array_index (self->blocks, placement->block);

  return block->kind;
}

gboolean
_consult_summary_get_placement_is_part (ConsultSummary *self,
                                        guint           page_nr,
                                        guint           index)
{
  const Placement *placement = get_placement (self, page_nr, index);
  Block *block;

  g_return_val_if_fail (placement != NULL, FALSE);
  block = g_ptr_array_index (self->blocks, placement->block);

  return placement->from > 0 || placement->to < block->height;
}

gboolean
_consult_summary_get_signature_rect (ConsultSummary    *self,
                                     ConsultSigner      signer,
                                     guint             *page_nr,
                                     cairo_rectangle_t *rect)
{
  g_return_val_if_fail (CONSULT_IS_SUMMARY (self), FALSE);
  g_return_val_if_fail ((guint) signer < CONSULT_N_SIGNERS, FALSE);

  if (self->pages == NULL || self->signature_block == G_MAXUINT)
    return FALSE;

  for (guint i = 0; i < self->pages->len; i++)
    {
      GArray *page = g_ptr_array_index (self->pages, i);

      for (guint j = 0; j < page->len; j++)
        {
          const Placement *placement = &g_array_index (page, Placement, j);

          if (placement->block != self->signature_block)
            continue;
          *page_nr = i;
          rect->x = self->margin_left + self->signature_x[signer];
          rect->y = self->margin_top + placement->y + self->signature_y;
          rect->width = self->signature_width;
          rect->height = self->signature_height;
          return TRUE;
        }
    }

  return FALSE;
}

void
_consult_summary_get_printable_rect (ConsultSummary    *self,
                                     cairo_rectangle_t *rect)
{
  g_return_if_fail (CONSULT_IS_SUMMARY (self));

  rect->x = self->margin_left;
  rect->y = self->margin_top;
  rect->width = self->body_width;
  rect->height = self->printable_height;
}
