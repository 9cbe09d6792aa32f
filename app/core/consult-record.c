/* consult-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "consult-record"

#include "consult-config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "consult-content-loader-private.h"
#include "consult-content-private.h"
#include "consult-record-private.h"
#include "consult-xml.h"

G_DEFINE_QUARK (consult-record-error-quark, consult_record_error)

/* The consultation has no field for the record it amends: the record
 * keeps it on the object, under this key. */
#define AMENDS_KEY "consult-record-amends"

/* Decimals kept for the coordinates and the pressure of a point. */
#define XY_DECIMALS       2
#define PRESSURE_DECIMALS 3

static const char *const signer_names[CONSULT_N_SIGNERS] = { "client", "practitioner" };

static const struct {
  ConsultExplanation explanation;
  const char *name;
} explanations[CONSULT_N_EXPLANATIONS] = {
  { CONSULT_EXPLANATION_PROCEDURE, "procedure" },
  { CONSULT_EXPLANATION_BENEFITS, "benefits" },
  { CONSULT_EXPLANATION_SIDE_EFFECTS, "side-effects" },
};

/* Text */

/* Whether @c may appear in an XML 1.0 document. */
static inline gboolean
is_xml_char (gunichar c)
{
  return c == 0x9 || c == 0xA || c == 0xD ||
         (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

#define REPLACEMENT_CHARACTER "\xEF\xBF\xBD"

/* @text as the record holds it: valid UTF-8, with every character that
 * XML 1.0 cannot carry (most control characters) replaced by U+FFFD. The
 * digest sees the same text, so a record read back still matches it. */
static char *
normalize_text (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *p;

  if (text == NULL)
    return g_strdup ("");

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!is_xml_char (g_utf8_get_char (p)))
      break;
  if (*p == '\0')
    return g_strdup (text);

  out = g_string_sized_new (strlen (text) + 8);
  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_xml_char (c))
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      else
        g_string_append (out, REPLACEMENT_CHARACTER);
    }

  return g_string_free (out, FALSE);
}

/* Appends normalized @text escaped for XML. In an attribute, tabs and
 * line feeds are escaped too, since a parser turns them into spaces; a
 * carriage return is escaped everywhere, since a parser drops it. */
static void
append_escaped (GString    *out,
                const char *text,
                gboolean    attribute)
{
  g_autofree char *normalized = normalize_text (text);

  for (const char *p = normalized; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          g_string_append (out, attribute ? "&quot;" : "\"");
          break;
        case '\r':
          g_string_append (out, "&#13;");
          break;
        case '\t':
          g_string_append (out, attribute ? "&#9;" : "\t");
          break;
        case '\n':
          g_string_append (out, attribute ? "&#10;" : "\n");
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
}

/* Whether @entity (between '&' and ';') may be copied into XML as is. */
static gboolean
is_safe_entity (const char *entity,
                gsize       length)
{
  static const char *const names[] = { "amp", "lt", "gt", "quot", "apos" };
  guint64 value;
  const char *digits;
  guint base;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (length == strlen (names[i]) && strncmp (entity, names[i], length) == 0)
      return TRUE;

  if (length < 2 || entity[0] != '#')
    return FALSE;

  base = (entity[1] == 'x') ? 16 : 10;
  digits = entity + (base == 16 ? 2 : 1);
  if (digits >= entity + length || digits + 8 < entity + length)
    return FALSE;
  for (const char *d = digits; d < entity + length; d++)
    if (base == 16 ? !g_ascii_isxdigit (*d) : !g_ascii_isdigit (*d))
      return FALSE;

  value = g_ascii_strtoull (digits, NULL, base);
  return value <= G_MAXUINT32 && is_xml_char ((gunichar) value);
}

/* Appends a content text, given as its Pango markup (escaped text with
 * <i> for emphasis), as record XML (the same, with <em>). Anything else
 * in the markup, which the content loader never produces, is escaped. */
static void
append_markup (GString           *out,
               const ConsultText *text)
{
  g_autofree char *markup = normalize_text (text->markup);

  for (const char *p = markup; *p != '\0';)
    {
      if (g_str_has_prefix (p, "<i>"))
        {
          g_string_append (out, "<em>");
          p += 3;
        }
      else if (g_str_has_prefix (p, "</i>"))
        {
          g_string_append (out, "</em>");
          p += 4;
        }
      else if (*p == '&')
        {
          const char *semicolon = strchr (p, ';');

          if (semicolon != NULL && is_safe_entity (p + 1, semicolon - p - 1))
            {
              g_string_append_len (out, p, semicolon - p + 1);
              p = semicolon + 1;
            }
          else
            {
              g_string_append (out, "&amp;");
              p++;
            }
        }
      else
        {
          /* Text up to the next tag or entity: whole characters, never a
           * byte of one (append_escaped() would take a lone byte of a
           * multi-byte character for invalid UTF-8). */
          gsize run = MAX (strcspn (p, "<&"), 1);
          g_autofree char *chunk = g_strndup (p, run);

          append_escaped (out, chunk, FALSE);
          p += run;
        }
    }
}

/* Numbers */

static void
append_int (GString *out,
            gint64   value)
{
  char buffer[24];
  guint64 magnitude;
  int n = 0;

  if (value < 0)
    {
      g_string_append_c (out, '-');
      magnitude = (guint64) (-(value + 1)) + 1;
    }
  else
    magnitude = (guint64) value;

  do
    {
      buffer[n++] = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);

  while (n > 0)
    g_string_append_c (out, buffer[--n]);
}

static const gint64 scales[] = { 1, 10, 100, 1000 };

/* Appends @value rounded to @decimals decimals, with '.' whatever the
 * locale, no exponent and no trailing zeros: fast, exact and the same
 * everywhere, which the digest needs. */
static void
append_fixed (GString *out,
              double   value,
              guint    decimals)
{
  gint64 scale = scales[decimals];
  gint64 q, whole, fraction;

  if (!isfinite (value))
    value = 0.0;

  q = (gint64) llround (value * (double) scale);
  if (q < 0)
    {
      g_string_append_c (out, '-');
      q = -q;
    }

  whole = q / scale;
  fraction = q % scale;
  append_int (out, whole);

  if (fraction != 0)
    {
      char digits[4];
      guint n = decimals;

      for (guint i = decimals; i > 0; i--)
        {
          digits[i - 1] = (char) ('0' + fraction % 10);
          fraction /= 10;
        }
      while (n > 0 && digits[n - 1] == '0')
        n--;
      g_string_append_c (out, '.');
      g_string_append_len (out, digits, n);
    }
}

/* The points of a stroke as the points attribute holds them. */
static void
append_points (GString                     *out,
               const ConsultSignaturePoint *points,
               gsize                        n_points)
{
  for (gsize i = 0; i < n_points; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      append_fixed (out, points[i].x, XY_DECIMALS);
      g_string_append_c (out, ',');
      append_fixed (out, points[i].y, XY_DECIMALS);
      g_string_append_c (out, ',');
      append_fixed (out, points[i].pressure, PRESSURE_DECIMALS);
      g_string_append_c (out, ',');
      append_int (out, points[i].time_ms);
    }
}

/* Parses a number written by append_fixed() (or append_int() when
 * @decimals is 0) at *@p, moving *@p past it. A sign is taken only with
 * @allow_sign; at most 12 digits before the point and @decimals after. */
static gboolean
parse_fixed (const char **p,
             guint        decimals,
             gboolean     allow_sign,
             gint64      *scaled)
{
  const char *s = *p;
  gboolean negative = FALSE;
  gint64 whole = 0, fraction = 0;
  guint n_whole = 0, n_fraction = 0;

  if (allow_sign && *s == '-')
    {
      negative = TRUE;
      s++;
    }

  while (g_ascii_isdigit (*s))
    {
      if (++n_whole > 12)
        return FALSE;
      whole = whole * 10 + (*s++ - '0');
    }
  if (n_whole == 0)
    return FALSE;

  if (*s == '.' && decimals > 0)
    {
      s++;
      while (g_ascii_isdigit (*s))
        {
          if (++n_fraction > decimals)
            return FALSE;
          fraction = fraction * 10 + (*s++ - '0');
        }
      if (n_fraction == 0)
        return FALSE;
      for (guint i = n_fraction; i < decimals; i++)
        fraction *= 10;
    }

  *scaled = whole * scales[decimals] + fraction;
  if (negative)
    *scaled = -*scaled;
  *p = s;

  return TRUE;
}

/* Times: whole seconds with the offset, as the schema asks. */
static char *
format_time (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");
}

/* Amends */

const char *
consult_record_get_amends (ConsultConsultation *consultation)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (consultation), NULL);

  return g_object_get_data (G_OBJECT (consultation), AMENDS_KEY);
}

static gboolean
anyone_signed (ConsultConsultation *consultation)
{
  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    if (consult_consultation_is_signed (consultation, i))
      return TRUE;

  return FALSE;
}

gboolean
consult_record_set_amends (ConsultConsultation *consultation,
                           const char          *record_id)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (consultation), FALSE);
  g_return_val_if_fail (record_id == NULL || g_uuid_string_is_valid (record_id), FALSE);

  if (g_strcmp0 (consult_record_get_amends (consultation), record_id) == 0)
    return TRUE;

  /* The signatures cover it: changing it would falsify them. */
  if (anyone_signed (consultation))
    return FALSE;

  g_object_set_data_full (G_OBJECT (consultation), AMENDS_KEY,
                          g_ascii_strdown (record_id, -1), g_free);
  consult_consultation_set_modified (consultation, TRUE);
  g_signal_emit_by_name (consultation, "changed");

  return TRUE;
}

/* The digest */

static void
digest_field (GChecksum  *checksum,
              const char *name,
              const char *value,
              gsize       length)
{
  char head[64];
  int n;

  n = g_snprintf (head, sizeof head, "%s %" G_GSIZE_FORMAT ":", name, length);
  g_checksum_update (checksum, (const guchar *) head, n);
  g_checksum_update (checksum, (const guchar *) value, length);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
}

static void
digest_text (GChecksum  *checksum,
             const char *name,
             const char *text)
{
  g_autofree char *normalized = normalize_text (text);

  digest_field (checksum, name, normalized, strlen (normalized));
}

static void
digest_time (GChecksum  *checksum,
             const char *name,
             GDateTime  *time)
{
  g_autofree char *text = format_time (time);

  digest_text (checksum, name, text);
}

static const char *
boolean_to_string (gboolean value)
{
  return value ? "true" : "false";
}

static const char *
statement_kind_to_string (ConsultStatementKind kind)
{
  return kind == CONSULT_STATEMENT_PHOTOGRAPHY ? "photography" : "treatment";
}

char *
consult_record_compute_digest (ConsultConsultation *consultation)
{
  g_autoptr(GChecksum) checksum = NULL;
  g_autoptr(ConsultScreeningResult) screening = NULL;
  g_autoptr(GString) points = NULL;
  g_auto(GStrv) areas = NULL;
  ConsultContent *content;
  GPtrArray *questions, *statements, *snapshot_areas, *alternatives, *aftercare;
  const char *amends;

  g_return_val_if_fail (CONSULT_IS_CONSULTATION (consultation), NULL);

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  content = consult_consultation_get_content (consultation);
  questions = consult_content_get_questions (content);
  statements = consult_content_get_statements (content);
  snapshot_areas = consult_content_get_areas (content);
  alternatives = consult_content_get_alternatives (content);
  aftercare = consult_content_get_aftercare (content);
  amends = consult_record_get_amends (consultation);

  digest_text (checksum, "consult-record-digest", "1");
  digest_text (checksum, "record-id", consult_consultation_get_record_id (consultation));
  digest_time (checksum, "created", consult_consultation_get_created (consultation));
  digest_text (checksum, "amends", amends != NULL ? amends : "");

  digest_text (checksum, "content-id", consult_content_get_id (content));
  digest_text (checksum, "content-version", consult_content_get_version (content));
  digest_text (checksum, "content-reviewed", consult_content_get_reviewed (content));
  digest_text (checksum, "content-sha256", consult_content_get_sha256 (content));
  digest_text (checksum, "content-lang", consult_content_get_language (content));
  digest_text (checksum, "content-title", consult_content_get_title (content)->markup);

  for (guint i = 0; i < snapshot_areas->len; i++)
    {
      const ConsultArea *area = g_ptr_array_index (snapshot_areas, i);

      digest_text (checksum, "area", area->id);
      digest_text (checksum, "area-label", area->label.markup);
    }

  for (guint i = 0; i < questions->len; i++)
    {
      const ConsultQuestion *question = g_ptr_array_index (questions, i);

      digest_text (checksum, "question", question->id);
      digest_text (checksum, "rule", consult_rule_to_string (question->rule));
      digest_text (checksum, "label", question->label.markup);
      digest_text (checksum, "ask", question->question.markup);
      digest_text (checksum, "action", question->action.markup);
    }

  for (guint i = 0; i < statements->len; i++)
    {
      const ConsultStatement *statement = g_ptr_array_index (statements, i);

      digest_text (checksum, "statement", statement->id);
      digest_text (checksum, "kind", statement_kind_to_string (statement->kind));
      digest_text (checksum, "required", boolean_to_string (statement->required));
      digest_text (checksum, "text", statement->text.markup);
    }

  for (guint i = 0; i < alternatives->len; i++)
    {
      const ConsultItem *alternative = g_ptr_array_index (alternatives, i);

      digest_text (checksum, "alternative", alternative->id);
      digest_text (checksum, "text", alternative->text.markup);
    }

  for (guint i = 0; i < aftercare->len; i++)
    {
      const ConsultAftercareWindow *window = g_ptr_array_index (aftercare, i);

      digest_text (checksum, "window", window->id);
      digest_text (checksum, "window-label", window->label.markup);
      for (guint j = 0; j < window->instructions->len; j++)
        {
          const ConsultItem *instruction = g_ptr_array_index (window->instructions, j);

          digest_text (checksum, "instruction", instruction->id);
          digest_text (checksum, "text", instruction->text.markup);
        }
    }

  digest_text (checksum, "client-name", consult_consultation_get_client_name (consultation));
  digest_text (checksum, "client-birth-date",
               consult_consultation_get_client_birth_date (consultation));
  digest_text (checksum, "client-contact", consult_consultation_get_client_contact (consultation));
  areas = consult_consultation_get_selected_areas (consultation);
  for (guint i = 0; areas[i] != NULL; i++)
    digest_text (checksum, "client-area", areas[i]);
  digest_text (checksum, "practitioner-name",
               consult_consultation_get_practitioner_name (consultation));
  digest_text (checksum, "date", consult_consultation_get_consultation_date (consultation));

  for (guint i = 0; i < CONSULT_N_EXPLANATIONS; i++)
    {
      g_autofree char *name = g_strconcat ("discussed-", explanations[i].name, NULL);

      digest_text (checksum, name,
                   boolean_to_string (consult_consultation_get_discussed (
                     consultation, explanations[i].explanation)));
    }

  for (guint i = 0; i < questions->len; i++)
    {
      const ConsultQuestion *question = g_ptr_array_index (questions, i);

      digest_text (checksum, "answer", question->id);
      digest_text (checksum, "value",
                   consult_answer_to_string (consult_consultation_get_answer (consultation,
                                                                              question->id)));
      digest_text (checksum, "note", consult_consultation_get_note (consultation, question->id));
    }

  screening = consult_consultation_dup_screening (consultation);
  digest_text (checksum, "outcome", consult_outcome_to_string (screening->outcome));
  for (guint i = 0; i < screening->reasons->len; i++)
    {
      const ConsultScreeningReason *reason = g_ptr_array_index (screening->reasons, i);

      digest_text (checksum, "reason", reason->question_id);
    }

  digest_text (checksum, "notes", consult_consultation_get_general_notes (consultation));

  for (guint i = 0; i < statements->len; i++)
    {
      const ConsultStatement *statement = g_ptr_array_index (statements, i);

      if (consult_consultation_get_statement_accepted (consultation, statement->id))
        digest_text (checksum, "accepted", statement->id);
    }

  points = g_string_new (NULL);
  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    {
      ConsultSignature *signature = consult_consultation_get_signature (consultation, i);
      guint n_strokes;

      if (!consult_signature_is_signed (signature))
        continue;

      digest_text (checksum, "signature", signer_names[i]);
      digest_text (checksum, "name", consult_signature_get_signer_name (signature));
      digest_time (checksum, "signed-at", consult_signature_get_signed_at (signature));

      n_strokes = consult_signature_get_n_strokes (signature);
      for (guint j = 0; j < n_strokes; j++)
        {
          const ConsultSignaturePoint *stroke;
          gsize n_points;

          stroke = consult_signature_get_stroke (signature, j, &n_points);
          g_string_truncate (points, 0);
          append_points (points, stroke, n_points);
          digest_field (checksum, "stroke", points->str, points->len);
        }
    }

  return g_strdup (g_checksum_get_string (checksum));
}

/* Writing */

static void
indent (GString *out,
        guint    level)
{
  for (guint i = 0; i < level; i++)
    g_string_append (out, "  ");
}

/* <name>text</name> on a line of its own. */
static void
append_text_element (GString    *out,
                     guint       level,
                     const char *name,
                     const char *text)
{
  indent (out, level);
  g_string_append_printf (out, "<%s>", name);
  append_escaped (out, text, FALSE);
  g_string_append_printf (out, "</%s>\n", name);
}

static void
append_markup_element (GString           *out,
                       guint              level,
                       const char        *name,
                       const ConsultText *text)
{
  indent (out, level);
  g_string_append_printf (out, "<%s>", name);
  append_markup (out, text);
  g_string_append_printf (out, "</%s>\n", name);
}

/* Appends ` name="value"`. */
static void
append_attribute (GString    *out,
                  const char *name,
                  const char *value)
{
  g_string_append_printf (out, " %s=\"", name);
  append_escaped (out, value, TRUE);
  g_string_append_c (out, '"');
}

/* <name id="id">text</name> on a line of its own, the text as markup. */
static void
append_id_markup_element (GString           *out,
                          guint              level,
                          const char        *name,
                          const char        *id,
                          const ConsultText *text)
{
  indent (out, level);
  g_string_append_printf (out, "<%s", name);
  append_attribute (out, "id", id);
  g_string_append_c (out, '>');
  append_markup (out, text);
  g_string_append_printf (out, "</%s>\n", name);
}

static void
append_time_attribute (GString    *out,
                       const char *name,
                       GDateTime  *time)
{
  g_autofree char *text = format_time (time);

  append_attribute (out, name, text);
}

static void
write_snapshot (GString        *out,
                ConsultContent *content)
{
  GPtrArray *areas = consult_content_get_areas (content);
  GPtrArray *questions = consult_content_get_questions (content);
  GPtrArray *statements = consult_content_get_statements (content);
  GPtrArray *alternatives = consult_content_get_alternatives (content);
  GPtrArray *aftercare = consult_content_get_aftercare (content);

  indent (out, 1);
  g_string_append (out, "<content");
  append_attribute (out, "id", consult_content_get_id (content));
  append_attribute (out, "version", consult_content_get_version (content));
  append_attribute (out, "reviewed", consult_content_get_reviewed (content));
  append_attribute (out, "sha256", consult_content_get_sha256 (content));
  append_attribute (out, "xml:lang", consult_content_get_language (content));
  g_string_append (out, ">\n");

  append_markup_element (out, 2, "title", consult_content_get_title (content));

  indent (out, 2);
  g_string_append (out, "<areas>\n");
  for (guint i = 0; i < areas->len; i++)
    {
      const ConsultArea *area = g_ptr_array_index (areas, i);

      append_id_markup_element (out, 3, "area", area->id, &area->label);
    }
  indent (out, 2);
  g_string_append (out, "</areas>\n");

  indent (out, 2);
  g_string_append (out, "<questions>\n");
  for (guint i = 0; i < questions->len; i++)
    {
      const ConsultQuestion *question = g_ptr_array_index (questions, i);

      indent (out, 3);
      g_string_append (out, "<question");
      append_attribute (out, "id", question->id);
      append_attribute (out, "rule", consult_rule_to_string (question->rule));
      g_string_append (out, ">\n");
      append_markup_element (out, 4, "label", &question->label);
      append_markup_element (out, 4, "ask", &question->question);
      append_markup_element (out, 4, "action", &question->action);
      indent (out, 3);
      g_string_append (out, "</question>\n");
    }
  indent (out, 2);
  g_string_append (out, "</questions>\n");

  indent (out, 2);
  g_string_append (out, "<statements>\n");
  for (guint i = 0; i < statements->len; i++)
    {
      const ConsultStatement *statement = g_ptr_array_index (statements, i);

      indent (out, 3);
      g_string_append (out, "<statement");
      append_attribute (out, "id", statement->id);
      append_attribute (out, "kind", statement_kind_to_string (statement->kind));
      append_attribute (out, "required", boolean_to_string (statement->required));
      g_string_append_c (out, '>');
      append_markup (out, &statement->text);
      g_string_append (out, "</statement>\n");
    }
  indent (out, 2);
  g_string_append (out, "</statements>\n");

  indent (out, 2);
  g_string_append (out, "<alternatives>\n");
  for (guint i = 0; i < alternatives->len; i++)
    {
      const ConsultItem *alternative = g_ptr_array_index (alternatives, i);

      append_id_markup_element (out, 3, "alternative", alternative->id, &alternative->text);
    }
  indent (out, 2);
  g_string_append (out, "</alternatives>\n");

  indent (out, 2);
  g_string_append (out, "<aftercare>\n");
  for (guint i = 0; i < aftercare->len; i++)
    {
      const ConsultAftercareWindow *window = g_ptr_array_index (aftercare, i);

      indent (out, 3);
      g_string_append (out, "<window");
      append_attribute (out, "id", window->id);
      g_string_append (out, ">\n");
      append_markup_element (out, 4, "label", &window->label);
      for (guint j = 0; j < window->instructions->len; j++)
        {
          const ConsultItem *instruction = g_ptr_array_index (window->instructions, j);

          append_id_markup_element (out, 4, "instruction", instruction->id, &instruction->text);
        }
      indent (out, 3);
      g_string_append (out, "</window>\n");
    }
  indent (out, 2);
  g_string_append (out, "</aftercare>\n");

  indent (out, 1);
  g_string_append (out, "</content>\n");
}

static void
write_client (GString             *out,
              ConsultConsultation *consultation)
{
  g_auto(GStrv) areas = consult_consultation_get_selected_areas (consultation);

  indent (out, 1);
  g_string_append (out, "<client>\n");
  append_text_element (out, 2, "name", consult_consultation_get_client_name (consultation));
  append_text_element (out, 2, "birth-date",
                       consult_consultation_get_client_birth_date (consultation));
  append_text_element (out, 2, "contact", consult_consultation_get_client_contact (consultation));
  indent (out, 2);
  if (areas[0] == NULL)
    g_string_append (out, "<areas/>\n");
  else
    {
      g_string_append (out, "<areas>\n");
      for (guint i = 0; areas[i] != NULL; i++)
        {
          indent (out, 3);
          g_string_append (out, "<area");
          append_attribute (out, "ref", areas[i]);
          g_string_append (out, "/>\n");
        }
      indent (out, 2);
      g_string_append (out, "</areas>\n");
    }
  indent (out, 1);
  g_string_append (out, "</client>\n");

  indent (out, 1);
  g_string_append (out, "<practitioner>\n");
  append_text_element (out, 2, "name", consult_consultation_get_practitioner_name (consultation));
  indent (out, 1);
  g_string_append (out, "</practitioner>\n");

  append_text_element (out, 1, "date", consult_consultation_get_consultation_date (consultation));

  indent (out, 1);
  g_string_append (out, "<discussed");
  for (guint i = 0; i < CONSULT_N_EXPLANATIONS; i++)
    append_attribute (out, explanations[i].name,
                      boolean_to_string (consult_consultation_get_discussed (
                        consultation, explanations[i].explanation)));
  g_string_append (out, "/>\n");
}

static void
write_screening (GString             *out,
                 ConsultConsultation *consultation)
{
  GPtrArray *questions = consult_content_get_questions (consult_consultation_get_content (consultation));
  g_autoptr(ConsultScreeningResult) screening = consult_consultation_dup_screening (consultation);

  indent (out, 1);
  g_string_append (out, "<screening");
  append_attribute (out, "outcome", consult_outcome_to_string (screening->outcome));
  g_string_append (out, ">\n");

  for (guint i = 0; i < questions->len; i++)
    {
      const ConsultQuestion *question = g_ptr_array_index (questions, i);
      ConsultAnswer answer = consult_consultation_get_answer (consultation, question->id);
      const char *note = consult_consultation_get_note (consultation, question->id);

      indent (out, 2);
      g_string_append (out, "<answer");
      append_attribute (out, "question", question->id);
      append_attribute (out, "value", consult_answer_to_string (answer));
      if (*note == '\0')
        g_string_append (out, "/>\n");
      else
        {
          g_string_append (out, ">\n");
          append_text_element (out, 3, "note", note);
          indent (out, 2);
          g_string_append (out, "</answer>\n");
        }
    }

  for (guint i = 0; i < screening->reasons->len; i++)
    {
      const ConsultScreeningReason *reason = g_ptr_array_index (screening->reasons, i);

      indent (out, 2);
      g_string_append (out, "<reason");
      append_attribute (out, "question", reason->question_id);
      g_string_append (out, "/>\n");
    }

  indent (out, 1);
  g_string_append (out, "</screening>\n");
}

static void
write_consent (GString             *out,
               ConsultConsultation *consultation)
{
  GPtrArray *statements = consult_content_get_statements (consult_consultation_get_content (consultation));
  gboolean any = FALSE;

  for (guint i = 0; i < statements->len; i++)
    {
      const ConsultStatement *statement = g_ptr_array_index (statements, i);

      if (!consult_consultation_get_statement_accepted (consultation, statement->id))
        continue;

      if (!any)
        {
          indent (out, 1);
          g_string_append (out, "<consent>\n");
          any = TRUE;
        }
      indent (out, 2);
      g_string_append (out, "<accepted");
      append_attribute (out, "statement", statement->id);
      g_string_append (out, "/>\n");
    }

  indent (out, 1);
  g_string_append (out, any ? "</consent>\n" : "<consent/>\n");
}

static gboolean
signature_is_blank (ConsultSignature *signature)
{
  return consult_signature_is_empty (signature) &&
         !consult_signature_is_signed (signature) &&
         consult_signature_get_signer_name (signature) == NULL;
}

static void
write_signatures (GString             *out,
                  ConsultConsultation *consultation)
{
  gboolean any = FALSE;

  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    {
      ConsultSignature *signature = consult_consultation_get_signature (consultation, i);
      const char *name = consult_signature_get_signer_name (signature);
      GDateTime *signed_at = consult_signature_get_signed_at (signature);
      guint n_strokes = consult_signature_get_n_strokes (signature);

      if (signature_is_blank (signature))
        continue;

      if (!any)
        {
          indent (out, 1);
          g_string_append (out, "<signatures>\n");
          any = TRUE;
        }

      indent (out, 2);
      g_string_append (out, "<signature");
      append_attribute (out, "signer", signer_names[i]);
      if (signed_at != NULL)
        append_time_attribute (out, "signed-at", signed_at);
      g_string_append (out, ">\n");

      if (name != NULL)
        append_text_element (out, 3, "name", name);

      for (guint j = 0; j < n_strokes; j++)
        {
          const ConsultSignaturePoint *stroke;
          gsize n_points;

          stroke = consult_signature_get_stroke (signature, j, &n_points);
          indent (out, 3);
          g_string_append (out, "<stroke points=\"");
          append_points (out, stroke, n_points);
          g_string_append (out, "\"/>\n");
        }

      indent (out, 2);
      g_string_append (out, "</signature>\n");
    }

  indent (out, 1);
  g_string_append (out, any ? "</signatures>\n" : "<signatures/>\n");
}

/* About what a record takes, so that the string grows at most once or
 * twice: the wording, then some 25 bytes a point. */
static gsize
estimate_size (ConsultConsultation *consultation)
{
  gsize size = 64 * 1024;

  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    {
      ConsultSignature *signature = consult_consultation_get_signature (consultation, i);
      guint n_strokes = consult_signature_get_n_strokes (signature);

      for (guint j = 0; j < n_strokes; j++)
        {
          gsize n_points;

          consult_signature_get_stroke (signature, j, &n_points);
          size += 32 + n_points * 25;
        }
    }

  return size;
}

char *
_consult_record_serialize_at (ConsultConsultation  *consultation,
                              GDateTime            *modified,
                              gsize                *len,
                              GError              **error)
{
  g_autoptr(GDateTime) now = NULL;
  GString *out;
  const char *amends;
  const char *notes;

  g_return_val_if_fail (CONSULT_IS_CONSULTATION (consultation), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (modified == NULL)
    modified = now = g_date_time_new_now_local ();

  out = g_string_sized_new (estimate_size (consultation));
  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_string_append (out, "<consultation xmlns=\"" CONSULT_RECORD_NAMESPACE "\"");
  append_attribute (out, "record-id", consult_consultation_get_record_id (consultation));
  append_attribute (out, "app-version", PACKAGE_VERSION);
  append_time_attribute (out, "created", consult_consultation_get_created (consultation));
  append_time_attribute (out, "modified", modified);
  g_string_append (out, ">\n");

  amends = consult_record_get_amends (consultation);
  if (amends != NULL)
    {
      indent (out, 1);
      g_string_append (out, "<amends");
      append_attribute (out, "record-id", amends);
      g_string_append (out, "/>\n");
    }

  write_snapshot (out, consult_consultation_get_content (consultation));
  write_client (out, consultation);
  write_screening (out, consultation);

  notes = consult_consultation_get_general_notes (consultation);
  if (*notes != '\0')
    append_text_element (out, 1, "notes", notes);

  write_consent (out, consultation);
  write_signatures (out, consultation);

  if (anyone_signed (consultation))
    {
      g_autofree char *digest = consult_record_compute_digest (consultation);

      indent (out, 1);
      g_string_append (out, "<integrity");
      append_attribute (out, "sha256", digest);
      g_string_append (out, "/>\n");
    }

  g_string_append (out, "</consultation>\n");

  if (len != NULL)
    *len = out->len;

  return g_string_free (out, FALSE);
}

char *
consult_record_serialize (ConsultConsultation  *consultation,
                          gsize                *len,
                          GError              **error)
{
  return _consult_record_serialize_at (consultation, NULL, len, error);
}

/* Folders */

char *
consult_record_default_folder (void)
{
  return g_build_filename (g_get_user_data_dir (), "consult", "records", NULL);
}

static gboolean
make_folder (const char  *folder,
             GError     **error)
{
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display_name = g_filename_display_name (folder);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   /* Translators: the first %s is a folder, the second why it failed. */
                   _("Cannot make the folder “%s”: %s"), display_name,
                   g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

gboolean
consult_record_ensure_folder (const char  *folder,
                              GError     **error)
{
  g_autofree char *default_folder = NULL;
  GStatBuf st;

  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_stat (folder, &st) != 0)
    return make_folder (folder, error);

  if (!S_ISDIR (st.st_mode))
    {
      g_autofree char *display_name = g_filename_display_name (folder);

      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR,
                   _("Cannot use “%s” for records: it is not a folder"), display_name);
      return FALSE;
    }

  /* Our own folder holds nothing but health data: nobody else may look in.
   * A folder the user chose is theirs to set. */
  default_folder = consult_record_default_folder ();
  if ((st.st_mode & 0077) != 0 && st.st_uid == getuid () &&
      g_strcmp0 (folder, default_folder) == 0 &&
      g_chmod (folder, 0700) != 0)
    g_warning ("Cannot make %s private: %s", folder, g_strerror (errno));

  return TRUE;
}

gboolean
consult_record_check_folder_writable (const char  *folder,
                                      GError     **error)
{
  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!consult_record_ensure_folder (folder, error))
    return FALSE;

  if (g_access (folder, W_OK | X_OK) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display_name = g_filename_display_name (folder);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   /* Translators: the first %s is a folder, the second why. */
                   _("Records cannot be saved in the folder “%s”: %s"), display_name,
                   g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* Whether @name is that of a temporary file left by an interrupted save
 * of a record: NAME.xml followed by a dot and six letters or digits, as
 * g_file_set_contents_full() makes them. */
static gboolean
is_leftover_name (const char *name)
{
  gsize length = strlen (name);
  gsize suffix = strlen (CONSULT_RECORD_SUFFIX);
  const char *tail;

  if (length < 1 + suffix + 7)
    return FALSE;

  tail = name + length - 7;
  if (tail[0] != '.')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isalnum (tail[i]))
      return FALSE;

  return strncmp (tail - suffix, CONSULT_RECORD_SUFFIX, suffix) == 0;
}

guint
consult_record_clean_leftovers (const char *folder)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint removed = 0;

  g_return_val_if_fail (folder != NULL, 0);

  dir = g_dir_open (folder, 0, NULL);
  if (dir == NULL)
    return 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!is_leftover_name (name))
        continue;

      /* lstat: a link is never followed, nor removed. */
      path = g_build_filename (folder, name, NULL);
      if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode) || st.st_uid != getuid ())
        continue;

      if (g_unlink (path) == 0)
        {
          g_debug ("Removed %s, left by an interrupted save", path);
          removed++;
        }
      else
        g_warning ("Cannot remove %s, left by an interrupted save: %s",
                   path, g_strerror (errno));
    }

  return removed;
}

/* Saving */

gboolean
consult_record_save (ConsultConsultation  *consultation,
                     const char           *path,
                     GError              **error)
{
  g_autofree char *data = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  g_return_val_if_fail (CONSULT_IS_CONSULTATION (consultation), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  folder = g_path_get_dirname (path);
  if (!g_file_test (folder, G_FILE_TEST_EXISTS) && !make_folder (folder, error))
    return FALSE;

  data = consult_record_serialize (consultation, &length, error);
  if (data == NULL)
    return FALSE;

  /* A temporary file beside the target, 0600 from its creation, flushed
   * to disk, then renamed over the target: the target is never half
   * written, and never readable by others, even for a moment. */
  if (!g_file_set_contents_full (path, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_autofree char *display_name = g_filename_display_name (path);

      g_set_error (error, local_error->domain, local_error->code,
                   /* Translators: the first %s is a file name, the second why it failed. */
                   _("Cannot save the record “%s”: %s"), display_name, local_error->message);
      return FALSE;
    }

  consult_consultation_set_modified (consultation, FALSE);

  return TRUE;
}

/* Reading */

typedef struct {
  gboolean present;
  xmlNode *node;
  char *name;               /* NULL when absent */
  GDateTime *signed_at;     /* NULL when not signed */
  GPtrArray *strokes;       /* of GArray of ConsultSignaturePoint */
} SignatureData;

typedef struct {
  xmlNode *node;
  char *question_id;
  ConsultAnswer value;
  char *note;
} AnswerData;

static void
answer_data_free (AnswerData *answer)
{
  g_free (answer->question_id);
  g_free (answer->note);
  g_free (answer);
}

typedef struct {
  GBytes *bytes;
  const char *name;
  GPtrArray *problems;

  /* Snapshot ids -> their xmlNode, to find duplicates and check refs. */
  GHashTable *ids;

  char *record_id;
  GDateTime *created;
  char *amends;
  ConsultContent *content;

  char *client_name;
  char *birth_date;
  char *contact;
  GPtrArray *areas;         /* of char *, area ids */
  char *practitioner;
  char *date;
  gboolean discussed[CONSULT_N_EXPLANATIONS];

  xmlNode *screening_node;
  char *outcome;
  GPtrArray *answers;       /* of AnswerData */
  GPtrArray *reasons;       /* of char *, question ids */
  char *notes;
  GPtrArray *accepted;      /* of char *, statement ids */

  SignatureData signatures[CONSULT_N_SIGNERS];

  char *digest;             /* NULL when absent */
} Reader;

static void
reader_clear (Reader *self)
{
  g_clear_pointer (&self->ids, g_hash_table_unref);
  g_clear_pointer (&self->record_id, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->amends, g_free);
  g_clear_object (&self->content);
  g_clear_pointer (&self->client_name, g_free);
  g_clear_pointer (&self->birth_date, g_free);
  g_clear_pointer (&self->contact, g_free);
  g_clear_pointer (&self->areas, g_ptr_array_unref);
  g_clear_pointer (&self->practitioner, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->outcome, g_free);
  g_clear_pointer (&self->answers, g_ptr_array_unref);
  g_clear_pointer (&self->reasons, g_ptr_array_unref);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->accepted, g_ptr_array_unref);
  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    {
      g_clear_pointer (&self->signatures[i].name, g_free);
      g_clear_pointer (&self->signatures[i].signed_at, g_date_time_unref);
      g_clear_pointer (&self->signatures[i].strokes, g_ptr_array_unref);
    }
  g_clear_pointer (&self->digest, g_free);
}

static void report (Reader     *self,
                    xmlNode    *node,
                    const char *format,
                    ...) G_GNUC_PRINTF (3, 4);

/* Adds a problem at @node's start tag. */
static void
report (Reader     *self,
        xmlNode    *node,
        const char *format,
        ...)
{
  va_list args;

  va_start (args, format);
  consult_xml_report_valist (self->problems, self->name, self->bytes, node, format, args);
  va_end (args);
}

static gboolean
is (xmlNode    *node,
    const char *name)
{
  return consult_xml_is (node, CONSULT_RECORD_NAMESPACE, name);
}

/* The first child element of @node called @name, or NULL. */
static xmlNode *
child_named (xmlNode    *node,
             const char *name)
{
  return consult_xml_child (node, CONSULT_RECORD_NAMESPACE, name);
}

/* The text of @node, exactly as written (no trimming): "" for NULL. */
static char *
get_text (xmlNode *node)
{
  return node != NULL ? consult_xml_get_text (node) : g_strdup ("");
}

/* Reads a content text written by append_markup(): the plain text, and
 * the same escaped, with <i> for each em, as the content loader makes it. */
static void
load_markup (ConsultText *text,
             xmlNode     *node)
{
  GString *plain = g_string_new (NULL);
  GString *markup = g_string_new (NULL);

  for (xmlNode *child = node ? node->children : NULL; child != NULL; child = child->next)
    {
      g_autofree char *run = NULL;
      g_autofree char *escaped = NULL;

      if (child->type == XML_TEXT_NODE)
        run = g_strdup ((const char *) child->content);
      else if (is (child, "em"))
        run = consult_xml_get_text (child);
      else
        continue;

      escaped = g_markup_escape_text (run, -1);
      g_string_append (plain, run);
      if (child->type == XML_ELEMENT_NODE)
        g_string_append_printf (markup, "<i>%s</i>", escaped);
      else
        g_string_append (markup, escaped);
    }

  _consult_text_take (text, g_string_free (plain, FALSE), g_string_free (markup, FALSE));
}

static char *
load_id (Reader  *self,
         xmlNode *node)
{
  char *id = consult_xml_get_prop (node, "id");
  xmlNode *first;

  if (id == NULL)
    return g_strdup ("");

  first = g_hash_table_lookup (self->ids, id);
  if (first != NULL)
    report (self, node,
            /* Translators: %s is an id; %ld a line number. */
            _("duplicate id “%s”: it is already used on line %ld"),
            id, xmlGetLineNo (first));
  else
    g_hash_table_insert (self->ids, g_strdup (id), node);

  return id;
}

/* An alternative or an aftercare instruction: an id and a text. The
 * snapshot keeps no references, so its refs are empty. */
static ConsultItem *
load_item (Reader  *self,
           xmlNode *node)
{
  ConsultItem *item = _consult_item_new ();

  item->id = load_id (self, node);
  load_markup (&item->text, node);
  return item;
}

/* An xs:boolean attribute, as the schema has checked it. */
static gboolean
get_boolean (xmlNode    *node,
             const char *name)
{
  g_autofree char *value = consult_xml_get_prop (node, name);

  if (value == NULL)
    return FALSE;

  g_strstrip (value);
  return g_str_equal (value, "true") || g_str_equal (value, "1");
}

/* A time attribute as a GDateTime, or NULL (reported) when it is not one. */
static GDateTime *
load_time (Reader     *self,
           xmlNode    *node,
           const char *name)
{
  g_autofree char *value = consult_xml_get_prop (node, name);
  GDateTime *time;

  if (value == NULL)
    return NULL;

  time = g_date_time_new_from_iso8601 (value, NULL);
  if (time == NULL)
    report (self, node,
            /* Translators: the first %s is an attribute name, the second its value. */
            _("%s “%s” is not a valid date and time"), name, value);

  return time;
}

static void
load_snapshot (Reader  *self,
               xmlNode *node)
{
  ConsultContent *content = _consult_content_new ();
  xmlChar *lang;

  self->content = content;

#define SET_FIELD(field, value) G_STMT_START { \
    char *v_ = (value);                         \
    g_free (content->field);                    \
    content->field = v_ ? v_ : g_strdup ("");   \
  } G_STMT_END
  SET_FIELD (id, consult_xml_get_prop (node, "id"));
  SET_FIELD (version, consult_xml_get_prop (node, "version"));
  SET_FIELD (reviewed, consult_xml_get_prop (node, "reviewed"));
  SET_FIELD (sha256, consult_xml_get_prop (node, "sha256"));
  SET_FIELD (source_name, g_strdup (self->name));
#undef SET_FIELD

  lang = xmlGetNsProp (node, (const xmlChar *) "lang", XML_XML_NAMESPACE);
  if (lang == NULL)
    report (self, node, _("the <content> element has no xml:lang attribute"));
  else if (!consult_xml_is_language_tag ((const char *) lang))
    report (self, node,
            /* Translators: %s is the value found; keep xml:lang as is. */
            _("xml:lang “%s” is not a language tag such as “en” or “de-CH”"),
            (const char *) lang);
  else
    {
      g_free (content->language);
      content->language = g_strdup ((const char *) lang);
    }
  xmlFree (lang);

  load_markup (&content->title, child_named (node, "title"));

  for (xmlNode *child = child_named (child_named (node, "areas"), "area");
       child != NULL; child = child->next)
    {
      ConsultArea *area;

      if (!is (child, "area"))
        continue;

      area = _consult_area_new ();
      area->id = load_id (self, child);
      load_markup (&area->label, child);
      g_ptr_array_add (content->areas, area);
    }

  for (xmlNode *child = child_named (child_named (node, "questions"), "question");
       child != NULL; child = child->next)
    {
      g_autofree char *rule = NULL;
      ConsultQuestion *question;

      if (!is (child, "question"))
        continue;

      question = _consult_question_new ();
      question->id = load_id (self, child);
      rule = consult_xml_get_prop (child, "rule");
      if (!consult_rule_from_string (rule, &question->rule))
        question->rule = CONSULT_RULE_EXCLUDE; /* the schema reports it */
      load_markup (&question->label, child_named (child, "label"));
      load_markup (&question->question, child_named (child, "ask"));
      load_markup (&question->action, child_named (child, "action"));
      g_ptr_array_add (content->questions, question);
    }

  for (xmlNode *child = child_named (child_named (node, "statements"), "statement");
       child != NULL; child = child->next)
    {
      g_autofree char *kind = NULL;
      ConsultStatement *statement;

      if (!is (child, "statement"))
        continue;

      statement = _consult_statement_new ();
      statement->id = load_id (self, child);
      kind = consult_xml_get_prop (child, "kind");
      statement->kind = g_strcmp0 (kind, "photography") == 0
        ? CONSULT_STATEMENT_PHOTOGRAPHY : CONSULT_STATEMENT_TREATMENT;
      statement->required = get_boolean (child, "required");
      load_markup (&statement->text, child);
      g_ptr_array_add (content->statements, statement);
    }

  for (xmlNode *child = child_named (child_named (node, "alternatives"), "alternative");
       child != NULL; child = child->next)
    if (is (child, "alternative"))
      g_ptr_array_add (content->alternatives, load_item (self, child));

  for (xmlNode *child = child_named (child_named (node, "aftercare"), "window");
       child != NULL; child = child->next)
    {
      ConsultAftercareWindow *window;

      if (!is (child, "window"))
        continue;

      window = _consult_aftercare_window_new ();
      window->id = load_id (self, child);
      load_markup (&window->label, child_named (child, "label"));
      for (xmlNode *instruction = child_named (child, "instruction");
           instruction != NULL; instruction = instruction->next)
        if (is (instruction, "instruction"))
          g_ptr_array_add (window->instructions, load_item (self, instruction));
      g_ptr_array_add (content->aftercare, window);
    }
}

typedef enum {
  REF_AREA,
  REF_QUESTION,
  REF_STATEMENT,
} RefKind;

/* Whether @id names an entry of the snapshot of kind @kind; reports it
 * when it does not. */
static gboolean
check_ref (Reader     *self,
           xmlNode    *node,
           const char *id,
           RefKind     kind)
{
  switch (kind)
    {
    case REF_AREA:
      if (consult_content_find_area (self->content, id) != NULL)
        return TRUE;
      /* Translators: %s is an id. */
      report (self, node, _("“%s” is not a treatment area of the record’s content snapshot"), id);
      return FALSE;

    case REF_QUESTION:
      if (consult_content_find_question (self->content, id) != NULL)
        return TRUE;
      /* Translators: %s is an id. */
      report (self, node, _("“%s” is not a question of the record’s content snapshot"), id);
      return FALSE;

    case REF_STATEMENT:
      if (consult_content_find_statement (self->content, id) != NULL)
        return TRUE;
      /* Translators: %s is an id. */
      report (self, node,
              _("“%s” is not a consent statement of the record’s content snapshot"), id);
      return FALSE;

    default:
      g_assert_not_reached ();
    }
}

static void
load_client (Reader  *self,
             xmlNode *client)
{
  xmlNode *birth = child_named (client, "birth-date");
  GHashTable *seen = g_hash_table_new (g_str_hash, g_str_equal);

  self->client_name = get_text (child_named (client, "name"));
  self->birth_date = get_text (birth);
  self->contact = get_text (child_named (client, "contact"));

  if (*self->birth_date != '\0' && !consult_date_from_iso (self->birth_date, NULL))
    report (self, birth,
            /* Translators: %s is what was found. */
            _("the birth date “%s” is not a date"), self->birth_date);

  for (xmlNode *node = child_named (child_named (client, "areas"), "area");
       node != NULL; node = node->next)
    {
      char *ref;

      if (!is (node, "area"))
        continue;

      ref = consult_xml_get_prop (node, "ref");
      if (ref == NULL)
        continue;

      if (!check_ref (self, node, ref, REF_AREA))
        g_free (ref);
      else if (g_hash_table_contains (seen, ref))
        {
          report (self, node, _("the area “%s” is listed twice"), ref);
          g_free (ref);
        }
      else
        {
          g_hash_table_add (seen, ref);
          g_ptr_array_add (self->areas, ref);
        }
    }

  g_hash_table_unref (seen);
}

static void
load_screening (Reader  *self,
                xmlNode *screening)
{
  GHashTable *answered = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *questions = self->content->questions;

  self->screening_node = screening;
  self->outcome = consult_xml_get_prop (screening, "outcome");

  for (xmlNode *node = screening->children; node != NULL; node = node->next)
    {
      if (is (node, "answer"))
        {
          AnswerData *answer;
          g_autofree char *value = consult_xml_get_prop (node, "value");
          char *id = consult_xml_get_prop (node, "question");
          xmlNode *note = child_named (node, "note");

          if (id == NULL || !check_ref (self, node, id, REF_QUESTION))
            {
              g_free (id);
              continue;
            }
          if (g_hash_table_contains (answered, id))
            {
              report (self, node, _("the question “%s” is answered twice"), id);
              g_free (id);
              continue;
            }

          answer = g_new0 (AnswerData, 1);
          answer->node = node;
          answer->question_id = id;
          if (!consult_answer_from_string (value, &answer->value))
            answer->value = CONSULT_ANSWER_UNANSWERED; /* the schema reports it */
          answer->note = get_text (note);
          g_hash_table_add (answered, answer->question_id);
          g_ptr_array_add (self->answers, answer);
        }
      else if (is (node, "reason"))
        {
          char *id = consult_xml_get_prop (node, "question");

          if (id != NULL && check_ref (self, node, id, REF_QUESTION))
            g_ptr_array_add (self->reasons, id);
          else
            g_free (id);
        }
    }

  for (guint i = 0; i < questions->len; i++)
    {
      const ConsultQuestion *question = g_ptr_array_index (questions, i);

      if (!g_hash_table_contains (answered, question->id))
        report (self, screening,
                /* Translators: %s is a question id. */
                _("the question “%s” has no answer"), question->id);
    }

  g_hash_table_unref (answered);
}

static void
load_consent (Reader  *self,
              xmlNode *consent)
{
  GHashTable *seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (xmlNode *node = consent->children; node != NULL; node = node->next)
    {
      char *id;

      if (!is (node, "accepted"))
        continue;

      id = consult_xml_get_prop (node, "statement");
      if (id == NULL || !check_ref (self, node, id, REF_STATEMENT))
        g_free (id);
      else if (g_hash_table_contains (seen, id))
        {
          report (self, node, _("the statement “%s” is accepted twice"), id);
          g_free (id);
        }
      else
        {
          g_hash_table_add (seen, id);
          g_ptr_array_add (self->accepted, id);
        }
    }

  g_hash_table_unref (seen);
}

/* Parses a points attribute into @points; FALSE (reported) when it is not
 * one. */
static gboolean
load_points (Reader     *self,
             xmlNode    *node,
             const char *text,
             GArray     *points)
{
  const char *p = text;
  guint index = 0;

  while (*p != '\0')
    {
      ConsultSignaturePoint point;
      gint64 x, y, pressure, time_ms;

      index++;
      if (!parse_fixed (&p, XY_DECIMALS, FALSE, &x) || *p++ != ',' ||
          !parse_fixed (&p, XY_DECIMALS, FALSE, &y) || *p++ != ',' ||
          !parse_fixed (&p, PRESSURE_DECIMALS, FALSE, &pressure) || *p++ != ',' ||
          !parse_fixed (&p, 0, TRUE, &time_ms) ||
          (*p != '\0' && *p != ' '))
        {
          report (self, node,
                  /* Translators: %u is a number; keep x,y,pressure,time as is. */
                  _("point %u of the stroke is not written as x,y,pressure,time"), index);
          return FALSE;
        }

      point.x = x / (double) scales[XY_DECIMALS];
      point.y = y / (double) scales[XY_DECIMALS];
      point.pressure = pressure / (double) scales[PRESSURE_DECIMALS];
      point.time_ms = time_ms;

      if (point.x > CONSULT_SIGNATURE_WIDTH || point.y > CONSULT_SIGNATURE_HEIGHT ||
          point.pressure > 1.0)
        {
          report (self, node,
                  /* Translators: %u is a number. */
                  _("point %u of the stroke is outside the signature box"), index);
          return FALSE;
        }

      g_array_append_val (points, point);

      if (*p == ' ')
        {
          p++;
          if (*p == '\0' || *p == ' ')
            {
              report (self, node, _("the points of the stroke are not separated by single spaces"));
              return FALSE;
            }
        }
    }

  if (points->len == 0)
    {
      report (self, node, _("the stroke has no point"));
      return FALSE;
    }

  return TRUE;
}

static void
load_signatures (Reader  *self,
                 xmlNode *signatures)
{
  for (xmlNode *node = signatures->children; node != NULL; node = node->next)
    {
      g_autofree char *signer = NULL;
      SignatureData *data = NULL;
      xmlNode *name;

      if (!is (node, "signature"))
        continue;

      signer = consult_xml_get_prop (node, "signer");
      for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
        if (g_strcmp0 (signer, signer_names[i]) == 0)
          data = &self->signatures[i];

      /* An unknown or repeated signer is the schema's to report. */
      if (data == NULL || data->present)
        continue;

      data->present = TRUE;
      data->node = node;
      name = child_named (node, "name");
      data->name = name != NULL ? get_text (name) : NULL;
      data->signed_at = load_time (self, node, "signed-at");
      data->strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

      for (xmlNode *child = node->children; child != NULL; child = child->next)
        {
          g_autofree char *points_text = NULL;
          GArray *points;

          if (!is (child, "stroke"))
            continue;

          points_text = consult_xml_get_prop (child, "points");
          points = g_array_new (FALSE, FALSE, sizeof (ConsultSignaturePoint));
          if (points_text != NULL && load_points (self, child, points_text, points))
            g_ptr_array_add (data->strokes, points);
          else
            g_array_unref (points);
        }

      /* consult_consultation_sign() asks for both. */
      if (data->signed_at != NULL)
        {
          g_autofree char *trimmed = g_strstrip (g_strdup (data->name ? data->name : ""));

          if (*trimmed == '\0')
            report (self, node, _("the signature has a signing time but no name"));
          if (data->strokes->len == 0)
            report (self, node, _("the signature has a signing time but no stroke"));
        }
    }
}

/* The whole document, into @self; problems go to @self->problems. */
static void
load_document (Reader  *self,
               xmlNode *root)
{
  xmlNode *node;

  self->record_id = consult_xml_get_prop (root, "record-id");
  self->created = load_time (self, root, "created");

  node = child_named (root, "amends");
  if (node != NULL)
    self->amends = consult_xml_get_prop (node, "record-id");

  load_snapshot (self, child_named (root, "content"));
  load_client (self, child_named (root, "client"));
  self->practitioner = get_text (child_named (child_named (root, "practitioner"), "name"));

  node = child_named (root, "date");
  self->date = get_text (node);
  if (!consult_date_from_iso (self->date, NULL))
    report (self, node,
            /* Translators: %s is what was found. */
            _("the consultation date “%s” is not a date"), self->date);

  node = child_named (root, "discussed");
  for (guint i = 0; i < CONSULT_N_EXPLANATIONS; i++)
    self->discussed[explanations[i].explanation] = get_boolean (node, explanations[i].name);

  load_screening (self, child_named (root, "screening"));
  node = child_named (root, "notes");
  self->notes = get_text (node);
  load_consent (self, child_named (root, "consent"));
  load_signatures (self, child_named (root, "signatures"));

  node = child_named (root, "integrity");
  if (node != NULL)
    self->digest = consult_xml_get_prop (node, "sha256");
}

/* Restoring */

/* Everything but the consent statements and the signatures, through the
 * consultation's own API, so that it stays the one judge of its state. */
static void
restore_fields (Reader              *self,
                ConsultConsultation *consultation)
{
  GPtrArray *areas = self->content->areas;

  consult_consultation_set_client_name (consultation, self->client_name);
  consult_consultation_set_client_birth_date (consultation, self->birth_date);
  consult_consultation_set_client_contact (consultation, self->contact);
  consult_consultation_set_practitioner_name (consultation, self->practitioner);
  consult_consultation_set_consultation_date (consultation, self->date);
  consult_consultation_set_general_notes (consultation, self->notes);

  for (guint i = 0; i < areas->len; i++)
    {
      const ConsultArea *area = g_ptr_array_index (areas, i);
      gboolean selected = FALSE;

      for (guint j = 0; j < self->areas->len && !selected; j++)
        selected = g_str_equal (area->id, g_ptr_array_index (self->areas, j));
      consult_consultation_set_area_selected (consultation, area->id, selected);
    }

  for (guint i = 0; i < CONSULT_N_EXPLANATIONS; i++)
    consult_consultation_set_discussed (consultation, i, self->discussed[i]);

  for (guint i = 0; i < self->answers->len; i++)
    {
      AnswerData *answer = g_ptr_array_index (self->answers, i);

      consult_consultation_set_answer (consultation, answer->question_id, answer->value);
      consult_consultation_set_note (consultation, answer->question_id, answer->note);
    }
}

static gboolean
has_text (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return TRUE;

  return FALSE;
}

/* The consultation only lets a statement be ticked while consent may be
 * given; a draft can hold ticks made before, say, an answer changed. To
 * restore such ticks, the fields that decide it are given values that
 * allow consent for a moment, then their own again. */
static void
allow_consent (Reader              *self,
               ConsultConsultation *consultation)
{
  GPtrArray *questions = self->content->questions;
  g_auto(GStrv) areas = consult_consultation_get_selected_areas (consultation);

  if (!has_text (consult_consultation_get_client_name (consultation)))
    consult_consultation_set_client_name (consultation, "-");
  if (consult_consultation_get_age (consultation) < 0)
    consult_consultation_set_client_birth_date (
      consultation, consult_consultation_get_consultation_date (consultation));
  if (!has_text (consult_consultation_get_practitioner_name (consultation)))
    consult_consultation_set_practitioner_name (consultation, "-");
  if (areas[0] == NULL && self->content->areas->len > 0)
    consult_consultation_set_area_selected (
      consultation, ((ConsultArea *) g_ptr_array_index (self->content->areas, 0))->id, TRUE);
  for (guint i = 0; i < CONSULT_N_EXPLANATIONS; i++)
    consult_consultation_set_discussed (consultation, i, TRUE);
  for (guint i = 0; i < questions->len; i++)
    consult_consultation_set_answer (consultation,
                                     ((ConsultQuestion *) g_ptr_array_index (questions, i))->id,
                                     CONSULT_ANSWER_NO);
}

static void
restore_statements (Reader              *self,
                    ConsultConsultation *consultation)
{
  gboolean refused = FALSE;

  for (guint i = 0; i < self->accepted->len; i++)
    refused |= !consult_consultation_set_statement_accepted (
      consultation, g_ptr_array_index (self->accepted, i), TRUE);

  if (!refused)
    return;

  allow_consent (self, consultation);
  for (guint i = 0; i < self->accepted->len; i++)
    consult_consultation_set_statement_accepted (consultation,
                                                 g_ptr_array_index (self->accepted, i), TRUE);
  restore_fields (self, consultation);
}

/* The strokes and the name first: a signature with a time is fixed. */
static void
restore_signatures (Reader              *self,
                    ConsultConsultation *consultation)
{
  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    {
      SignatureData *data = &self->signatures[i];
      ConsultSignature *signature = consult_consultation_get_signature (consultation, i);

      if (!data->present)
        continue;

      for (guint j = 0; j < data->strokes->len; j++)
        {
          GArray *points = g_ptr_array_index (data->strokes, j);

          consult_signature_add_stroke (signature, (ConsultSignaturePoint *) points->data,
                                        points->len);
        }
      if (data->name != NULL)
        consult_signature_set_signer_name (signature, data->name);
      if (data->signed_at != NULL)
        consult_signature_set_signed_at (signature, data->signed_at);
    }
}

static ConsultConsultation *
restore (Reader *self)
{
  ConsultConsultation *consultation;

  consultation = g_object_new (CONSULT_TYPE_CONSULTATION,
                               "content", self->content,
                               "record-id", self->record_id,
                               "created", self->created,
                               NULL);

  if (self->amends != NULL)
    g_object_set_data_full (G_OBJECT (consultation), AMENDS_KEY,
                            g_ascii_strdown (self->amends, -1), g_free);

  restore_fields (self, consultation);
  restore_statements (self, consultation);
  restore_signatures (self, consultation);

  return consultation;
}

/* What can only be told once the consultation is rebuilt: the outcome
 * its answers give, whether consent could be given, the digest. */
static void
check_restored (Reader              *self,
                ConsultConsultation *consultation,
                guint                problems_before,
                gboolean            *modified)
{
  g_autoptr(ConsultScreeningResult) screening = consult_consultation_dup_screening (consultation);
  const char *outcome = consult_outcome_to_string (screening->outcome);
  gboolean signed_any = anyone_signed (consultation);
  gboolean same_reasons;

  if (g_strcmp0 (self->outcome, outcome) != 0)
    report (self, self->screening_node,
            /* Translators: both %s are outcomes such as “defer”. */
            _("the outcome “%s” is not the one the answers give (“%s”)"),
            self->outcome, outcome);

  same_reasons = screening->reasons->len == self->reasons->len;
  for (guint i = 0; same_reasons && i < self->reasons->len; i++)
    same_reasons = g_str_equal (g_ptr_array_index (self->reasons, i),
                                ((ConsultScreeningReason *)
                                 g_ptr_array_index (screening->reasons, i))->question_id);
  if (!same_reasons)
    report (self, self->screening_node,
            _("the reasons given for the outcome are not those the answers give"));

  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    if (consult_consultation_is_signed (consultation, i) &&
        (!consult_consultation_can_consent (consultation) ||
         !consult_consultation_get_statements_complete (consultation)))
      report (self, self->signatures[i].node,
              _("the signature was given although consent could not be given"));

  if (signed_any || self->digest != NULL)
    {
      g_autofree char *digest = consult_record_compute_digest (consultation);
      const char *message = NULL;

      if (self->digest == NULL)
        message = _("the record was modified after it was signed "
                    "(its integrity digest is missing)");
      else if (!g_str_equal (self->digest, digest))
        message = _("the record was modified after it was signed "
                    "(its integrity digest does not match)");

      /* The headline: first, before what follows from it. */
      if (message != NULL)
        {
          g_ptr_array_insert (self->problems, problems_before,
                              consult_problem_new (self->name, 0, 0, message));
          *modified = TRUE;
        }
    }
}

/* Turns what the reader read into a new, unsigned record that amends it:
 * a new id and creation time, a reference to the original, no signatures
 * and no digest. */
static void
make_amendment (Reader *self)
{
  g_free (self->amends);
  self->amends = g_steal_pointer (&self->record_id);
  self->record_id = g_uuid_string_random ();
  g_clear_pointer (&self->created, g_date_time_unref);
  self->created = g_date_time_new_now_local ();
  g_clear_pointer (&self->digest, g_free);
  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    self->signatures[i].present = FALSE;
}

static ConsultConsultation *
load_doc (xmlDoc     *doc,
          GBytes     *bytes,
          const char *display_name,
          GPtrArray  *problems,
          gboolean   *modified,
          gboolean    amendment)
{
  g_autoptr(ConsultConsultation) consultation = NULL;
  g_autoptr(GError) error = NULL;
  gboolean was_modified = FALSE;
  Reader self = { 0 };
  xmlSchema *schema;
  xmlNode *root;
  guint problems_before;

  g_return_val_if_fail (doc != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  if (modified != NULL)
    *modified = FALSE;

  problems_before = problems->len;
  root = xmlDocGetRootElement (doc);

  if (!is (root, "consultation"))
    {
      consult_problems_add (problems, display_name, (int) xmlGetLineNo (root),
                            consult_xml_node_column (bytes, root),
                            /* Translators: keep <consultation> as is; %s is a URI. */
                            _("expected a <consultation> element in the namespace %s"),
                            CONSULT_RECORD_NAMESPACE);
      return NULL;
    }

  schema = consult_xml_get_schema (CONSULT_RECORD_SCHEMA_RESOURCE, &error);
  if (schema == NULL)
    {
      /* Our own build is broken: say so rather than blame the file. */
      consult_problems_add (problems, display_name, 0, 0,
                            _("cannot load the record schema: %s"), error->message);
      return NULL;
    }

  /* Unlike the content loader, stop at the schema: what follows restores
   * a consultation, and only trusts a document of the right shape. */
  if (!consult_xml_validate (doc, bytes, schema, display_name, problems))
    return NULL;

  self.bytes = bytes;
  self.name = display_name;
  self.problems = problems;
  self.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self.areas = g_ptr_array_new_with_free_func (g_free);
  self.answers = g_ptr_array_new_with_free_func ((GDestroyNotify) answer_data_free);
  self.reasons = g_ptr_array_new_with_free_func (g_free);
  self.accepted = g_ptr_array_new_with_free_func (g_free);

  load_document (&self, root);
  if (amendment && problems->len == problems_before)
    make_amendment (&self);

  if (problems->len == problems_before)
    {
      consultation = restore (&self);
      check_restored (&self, consultation, problems_before, &was_modified);
    }

  reader_clear (&self);

  if (modified != NULL)
    *modified = was_modified;

  if (problems->len > problems_before)
    return NULL;

  /* An amendment has never been saved. */
  consult_consultation_set_modified (consultation, amendment);

  return g_steal_pointer (&consultation);
}

ConsultConsultation *
_consult_record_load_doc (xmlDoc     *doc,
                          GBytes     *bytes,
                          const char *display_name,
                          GPtrArray  *problems,
                          gboolean   *modified)
{
  return load_doc (doc, bytes, display_name, problems, modified, FALSE);
}

ConsultConsultation *
consult_record_new_amendment (ConsultConsultation  *original,
                              GError              **error)
{
  g_autoptr(GPtrArray) problems = consult_problems_new ();
  g_autoptr(GBytes) bytes = NULL;
  ConsultConsultation *amendment;
  char *text;
  gsize length;
  xmlDoc *doc;

  g_return_val_if_fail (CONSULT_IS_CONSULTATION (original), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Through the record format, so that the copy is exactly what a saved
   * record would give back, snapshot included. */
  text = consult_record_serialize (original, &length, error);
  if (text == NULL)
    return NULL;
  bytes = g_bytes_new_take (text, length);

  doc = consult_xml_parse (bytes, consult_consultation_get_record_id (original), problems);
  amendment = doc != NULL
    ? load_doc (doc, bytes, consult_consultation_get_record_id (original), problems, NULL, TRUE)
    : NULL;
  g_clear_pointer (&doc, xmlFreeDoc);

  if (amendment == NULL)
    consult_problems_propagate (problems, CONSULT_XML_ERROR_INVALID, error);

  return amendment;
}

ConsultConsultation *
consult_record_load_bytes (GBytes          *bytes,
                           const char      *display_name,
                           ConsultContent **out_content,
                           GError         **error)
{
  g_autoptr(GPtrArray) problems = consult_problems_new ();
  ConsultConsultation *consultation;
  gboolean modified = FALSE;
  xmlDoc *doc;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_content != NULL)
    *out_content = NULL;

  doc = consult_xml_parse (bytes, display_name, problems);
  if (doc == NULL)
    {
      consult_problems_propagate (problems, CONSULT_XML_ERROR_MALFORMED, error);
      return NULL;
    }

  consultation = _consult_record_load_doc (doc, bytes, display_name, problems, &modified);
  xmlFreeDoc (doc);

  if (consultation == NULL)
    {
      if (modified)
        {
          g_autofree char *text = consult_problems_to_string (problems);

          g_set_error_literal (error, CONSULT_RECORD_ERROR, CONSULT_RECORD_ERROR_MODIFIED, text);
        }
      else
        consult_problems_propagate (problems, CONSULT_XML_ERROR_INVALID, error);
      return NULL;
    }

  if (out_content != NULL)
    *out_content = g_object_ref (consult_consultation_get_content (consultation));

  return consultation;
}

ConsultConsultation *
consult_record_load_file (const char      *path,
                          ConsultContent **out_content,
                          GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) read_error = NULL;
  g_autofree char *display_name = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_content != NULL)
    *out_content = NULL;

  /* Messages are UTF-8 even when the file name is not. */
  display_name = g_filename_display_name (path);

  /* Read-only, once: whatever is wrong with the file, it stays as it is. */
  bytes = consult_xml_read_file (path, CONSULT_XML_MAX_FILE_SIZE, &read_error);
  if (bytes == NULL)
    {
      g_autoptr(GPtrArray) problems = consult_problems_new ();

      _consult_problems_add_read_error (problems, path, display_name, read_error);
      consult_problems_propagate (problems, read_error->code, error);
      return NULL;
    }

  return consult_record_load_bytes (bytes, display_name, out_content, error);
}

gboolean
consult_record_check_bytes (GBytes     *bytes,
                            const char *display_name,
                            GPtrArray  *problems)
{
  g_autoptr(ConsultConsultation) consultation = NULL;
  xmlDoc *doc;

  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (display_name != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  doc = consult_xml_parse (bytes, display_name, problems);
  if (doc == NULL)
    return FALSE;

  consultation = _consult_record_load_doc (doc, bytes, display_name, problems, NULL);
  xmlFreeDoc (doc);

  return consultation != NULL;
}
