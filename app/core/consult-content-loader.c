/* consult-content-loader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "consult-content-loader"

#include "consult-config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "consult-i18n.h"
#include "consult-content-loader-private.h"
#include "consult-content-private.h"
#include "consult-xml.h"

/* One use of a reference id in a refs attribute, resolved once every
 * reference has been seen (they come last in the document). */
typedef struct {
  xmlNode *node;
  char *id;
} RefUse;

static void
ref_use_free (RefUse *use)
{
  g_free (use->id);
  g_free (use);
}

typedef struct {
  GBytes *bytes;
  const char *name;
  GPtrArray *problems;
  ConsultContent *content;
  GHashTable *ids;            /* id -> the first xmlNode that has it */
  GHashTable *reference_ids;  /* id -> its <reference> xmlNode */
  GPtrArray *ref_uses;        /* RefUse */
} Loader;

static void report (Loader     *self,
                    xmlNode    *node,
                    const char *format,
                    ...) G_GNUC_PRINTF (3, 4);

/* Adds a problem at @node's start tag. */
static void
report (Loader     *self,
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
  return consult_xml_is (node, CONSULT_CONTENT_NAMESPACE, name);
}

/* Text */

/* Builds a ConsultText from runs of text: whitespace runs become one space,
 * leading and trailing whitespace goes, and emphasised runs are remembered
 * as byte ranges of the plain text. */
typedef struct {
  GString *plain;
  GArray *spans;          /* gsize pairs: start, end */
  gsize span_start;
  gboolean in_span;
  gboolean pending_space;
} TextBuilder;

static inline gboolean
is_xml_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void
text_builder_append (TextBuilder *b,
                     const char  *run,
                     gboolean     emphasis)
{
  for (const char *p = run; *p != '\0'; p++)
    {
      if (is_xml_space (*p))
        {
          b->pending_space = b->plain->len > 0;
          continue;
        }

      /* A space at the edge of an emphasis stays outside it. */
      if (emphasis && !b->in_span)
        {
          if (b->pending_space)
            g_string_append_c (b->plain, ' ');
          b->span_start = b->plain->len;
          b->in_span = TRUE;
        }
      else if (!emphasis && b->in_span)
        {
          gsize span[2] = { b->span_start, b->plain->len };

          g_array_append_vals (b->spans, span, 2);
          b->in_span = FALSE;
          if (b->pending_space)
            g_string_append_c (b->plain, ' ');
        }
      else if (b->pending_space)
        g_string_append_c (b->plain, ' ');

      b->pending_space = FALSE;
      g_string_append_c (b->plain, *p);
    }
}

static void
text_builder_collect (TextBuilder *b,
                      xmlNode     *node,
                      gboolean     emphasis)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        text_builder_append (b, (const char *) child->content, emphasis);
      else if (child->type == XML_ELEMENT_NODE)
        text_builder_collect (b, child, emphasis || is (child, "em"));
    }
}

static void
append_escaped (GString    *str,
                const char *text,
                gssize      length)
{
  g_autofree char *escaped = NULL;

  if (length == 0)
    return;

  escaped = g_markup_escape_text (text, length);
  g_string_append (str, escaped);
}

/* Fills @text from @node's content; an absent @node gives "". */
static void
load_text (ConsultText *text,
           xmlNode     *node)
{
  TextBuilder b = { 0 };
  GString *markup;
  gsize done = 0;

  if (node == NULL)
    {
      _consult_text_clear (text);
      return;
    }

  b.plain = g_string_new (NULL);
  b.spans = g_array_new (FALSE, FALSE, sizeof (gsize));
  text_builder_collect (&b, node, FALSE);
  if (b.in_span)
    {
      gsize span[2] = { b.span_start, b.plain->len };

      g_array_append_vals (b.spans, span, 2);
    }

  markup = g_string_new (NULL);
  for (guint i = 0; i + 1 < b.spans->len; i += 2)
    {
      gsize start = g_array_index (b.spans, gsize, i);
      gsize end = g_array_index (b.spans, gsize, i + 1);

      append_escaped (markup, b.plain->str + done, start - done);
      g_string_append (markup, "<i>");
      append_escaped (markup, b.plain->str + start, end - start);
      g_string_append (markup, "</i>");
      done = end;
    }
  append_escaped (markup, b.plain->str + done, b.plain->len - done);

  g_array_unref (b.spans);
  _consult_text_take (text,
                      g_string_free (b.plain, FALSE),
                      g_string_free (markup, FALSE));
}

/* The first child element of @node called @name, or NULL. */
static xmlNode *
child_named (xmlNode    *node,
             const char *name)
{
  return consult_xml_child (node, CONSULT_CONTENT_NAMESPACE, name);
}

/* Attributes */

/* Registers @node's id, which must be unique in the whole document: records
 * refer to questions and statements by it, and one namespace for all ids
 * keeps "which one was meant" from ever being a question. */
static char *
load_id (Loader  *self,
         xmlNode *node)
{
  char *id = consult_xml_get_prop (node, "id");
  xmlNode *first;

  /* A missing id is the schema's to report. */
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

/* The ids in @node's refs attribute, remembered to be resolved later. */
static char **
load_refs (Loader  *self,
           xmlNode *node)
{
  g_autofree char *value = consult_xml_get_prop (node, "refs");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  if (value != NULL)
    {
      parts = g_strsplit_set (value, " \t\r\n", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          RefUse *use;

          if (parts[i][0] == '\0')
            continue;

          g_strv_builder_add (builder, parts[i]);
          use = g_new0 (RefUse, 1);
          use->node = node;
          use->id = g_strdup (parts[i]);
          g_ptr_array_add (self->ref_uses, use);
        }
    }

  return g_strv_builder_end (builder);
}

/* An xs:positiveInteger attribute as a guint. A malformed value is the
 * schema's to report; one too large for a guint is ours. */
static guint
load_uint (Loader     *self,
           xmlNode    *node,
           const char *name)
{
  g_autofree char *value = consult_xml_get_prop (node, name);
  guint64 number = 0;
  const char *digits;

  if (value == NULL)
    return 0;

  g_strstrip (value);
  digits = value[0] == '+' ? value + 1 : value;
  if (digits[0] == '\0' || strspn (digits, "0123456789") != strlen (digits))
    return 0;

  if (!g_ascii_string_to_unsigned (digits, 10, 0, G_MAXUINT, &number, NULL))
    {
      report (self, node,
              /* Translators: the first %s is an attribute name, the second its value. */
              _("%s is too large (%s)"), name, value);
      return 0;
    }

  return (guint) number;
}

/* An xs:boolean attribute; @default_value when it is absent. */
static gboolean
load_boolean (xmlNode    *node,
              const char *name,
              gboolean    default_value)
{
  g_autofree char *value = consult_xml_get_prop (node, name);

  if (value == NULL)
    return default_value;

  g_strstrip (value);
  return g_str_equal (value, "true") || g_str_equal (value, "1");
}

/* Elements */

/* Any element holding an id, optional refs and text. */
static ConsultItem *
load_item (Loader  *self,
           xmlNode *node)
{
  ConsultItem *item = _consult_item_new ();

  item->id = load_id (self, node);
  g_strfreev (item->refs);
  item->refs = load_refs (self, node);
  load_text (&item->text, node);

  return item;
}

static void
load_items (Loader     *self,
            xmlNode    *parent,
            const char *name,
            GPtrArray  *items)
{
  if (parent == NULL)
    return;

  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    if (is (child, name))
      g_ptr_array_add (items, load_item (self, child));
}

static void
load_overview (Loader  *self,
               xmlNode *overview)
{
  ConsultContent *content = self->content;
  xmlNode *devices = child_named (overview, "devices");

  load_items (self, child_named (overview, "description"), "para", content->description);
  load_items (self, child_named (overview, "other-names"), "name", content->other_names);

  for (xmlNode *node = devices ? devices->children : NULL; node != NULL; node = node->next)
    {
      ConsultDevice *device;

      if (!is (node, "device"))
        continue;

      device = _consult_device_new ();
      device->id = load_id (self, node);
      load_text (&device->name, child_named (node, "name"));
      load_text (&device->description, child_named (node, "description"));
      g_ptr_array_add (content->devices, device);
    }
}

static void
load_areas (Loader  *self,
            xmlNode *areas)
{
  for (xmlNode *node = areas->children; node != NULL; node = node->next)
    {
      ConsultArea *area;

      if (!is (node, "area"))
        continue;

      area = _consult_area_new ();
      area->id = load_id (self, node);
      load_text (&area->label, node);
      g_ptr_array_add (self->content->areas, area);
    }
}

/* @min_name must not exceed @max_name, two attributes of @node. */
static void
check_range (Loader     *self,
             xmlNode    *node,
             const char *min_name,
             guint       min,
             const char *max_name,
             guint       max)
{
  if (min > max)
    report (self, node,
            /* Translators: %s are attribute names, %u their values. */
            _("%s (%u) is greater than %s (%u)"), min_name, min, max_name, max);
}

static void
load_steps (Loader  *self,
            xmlNode *steps)
{
  ConsultContent *content = self->content;

  content->duration_min = load_uint (self, steps, "duration-min");
  content->duration_max = load_uint (self, steps, "duration-max");
  check_range (self, steps, "duration-min", content->duration_min,
               "duration-max", content->duration_max);

  for (xmlNode *node = steps->children; node != NULL; node = node->next)
    {
      ConsultStep *step;

      if (!is (node, "step"))
        continue;

      step = _consult_step_new ();
      step->id = load_id (self, node);
      step->rare = load_boolean (node, "rare", FALSE);
      g_strfreev (step->refs);
      step->refs = load_refs (self, node);
      load_text (&step->text, node);
      g_ptr_array_add (content->steps, step);
    }
}

static void
load_results (Loader  *self,
              xmlNode *results)
{
  ConsultContent *content = self->content;

  content->sessions_min = load_uint (self, results, "sessions-min");
  content->sessions_max = load_uint (self, results, "sessions-max");
  content->interval_min = load_uint (self, results, "interval-min");
  content->interval_max = load_uint (self, results, "interval-max");
  check_range (self, results, "sessions-min", content->sessions_min,
               "sessions-max", content->sessions_max);
  check_range (self, results, "interval-min", content->interval_min,
               "interval-max", content->interval_max);

  for (xmlNode *node = results->children; node != NULL; node = node->next)
    {
      if (is (node, "milestone"))
        {
          ConsultMilestone *milestone = _consult_milestone_new ();

          milestone->id = load_id (self, node);
          load_text (&milestone->when, child_named (node, "when"));
          load_text (&milestone->text, child_named (node, "text"));
          g_ptr_array_add (content->milestones, milestone);
        }
      else if (is (node, "course-note"))
        {
          /* The model keeps no refs for the note, but they must resolve. */
          g_strfreev (load_refs (self, node));
          load_text (&content->course_note, node);
        }
    }
}

static gboolean
parse_frequency (const char       *value,
                 ConsultFrequency *frequency)
{
  static const char *names[] = { "common", "uncommon", "rare" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (value, names[i]) == 0)
      {
        *frequency = (ConsultFrequency) i;
        return TRUE;
      }

  return FALSE;
}

static void
load_side_effects (Loader  *self,
                   xmlNode *side_effects)
{
  for (xmlNode *node = side_effects->children; node != NULL; node = node->next)
    {
      g_autofree char *frequency = NULL;
      ConsultSideEffect *side_effect;

      if (!is (node, "side-effect"))
        continue;

      side_effect = _consult_side_effect_new ();
      side_effect->id = load_id (self, node);
      frequency = consult_xml_get_prop (node, "frequency");
      if (!parse_frequency (frequency, &side_effect->frequency))
        side_effect->frequency = CONSULT_FREQUENCY_COMMON; /* the schema reports it */
      g_strfreev (side_effect->refs);
      side_effect->refs = load_refs (self, node);
      load_text (&side_effect->text, child_named (node, "text"));
      load_text (&side_effect->duration, child_named (node, "duration"));
      g_ptr_array_add (self->content->side_effects, side_effect);
    }
}

static void
load_aftercare (Loader  *self,
                xmlNode *aftercare)
{
  for (xmlNode *node = aftercare->children; node != NULL; node = node->next)
    {
      ConsultAftercareWindow *window;

      if (!is (node, "window"))
        continue;

      window = _consult_aftercare_window_new ();
      window->id = load_id (self, node);
      load_text (&window->label, child_named (node, "label"));
      load_items (self, node, "instruction", window->instructions);
      g_ptr_array_add (self->content->aftercare, window);
    }
}

static void
load_screening (Loader  *self,
                xmlNode *screening)
{
  for (xmlNode *node = screening->children; node != NULL; node = node->next)
    {
      g_autofree char *rule = NULL;
      ConsultQuestion *question;
      xmlNode *action;

      if (!is (node, "question"))
        continue;

      question = _consult_question_new ();
      question->id = load_id (self, node);
      g_strfreev (question->refs);
      question->refs = load_refs (self, node);
      load_text (&question->question, child_named (node, "ask"));
      load_text (&question->label, child_named (node, "label"));
      load_text (&question->note, child_named (node, "note"));
      action = child_named (node, "action");
      load_text (&question->action, action);

      rule = consult_xml_get_prop (node, "rule");
      if (!consult_rule_from_string (rule, &question->rule))
        question->rule = CONSULT_RULE_EXCLUDE; /* the schema reports it */
      else if (question->rule != CONSULT_RULE_EXCLUDE && question->action.plain[0] == '\0')
        report (self, action ? action : node,
                /* Translators: %s is a rule name such as “defer”; keep <action> as is. */
                _("question “%s” has rule “%s” but no <action> saying what to do on “yes”"),
                question->id, rule);

      g_ptr_array_add (self->content->questions, question);
    }

  if (self->content->questions->len == 0)
    report (self, screening, _("the screening has no question"));
}

static void
load_consent (Loader  *self,
              xmlNode *consent)
{
  gboolean any_required = FALSE;

  for (xmlNode *node = consent->children; node != NULL; node = node->next)
    {
      g_autofree char *kind = NULL;
      ConsultStatement *statement;

      if (!is (node, "statement"))
        continue;

      statement = _consult_statement_new ();
      statement->id = load_id (self, node);
      statement->required = load_boolean (node, "required", FALSE);
      kind = consult_xml_get_prop (node, "kind");
      statement->kind = g_strcmp0 (kind, "photography") == 0
        ? CONSULT_STATEMENT_PHOTOGRAPHY : CONSULT_STATEMENT_TREATMENT;
      g_strfreev (statement->refs);
      statement->refs = load_refs (self, node);
      load_text (&statement->text, node);
      g_ptr_array_add (self->content->statements, statement);

      any_required |= statement->required;
    }

  if (!any_required)
    report (self, consent,
            _("no consent statement is required: at least one needs required=\"true\""));
}

static void
load_references (Loader  *self,
                 xmlNode *references)
{
  for (xmlNode *node = references->children; node != NULL; node = node->next)
    {
      ConsultReference *reference;

      if (!is (node, "reference"))
        continue;

      reference = _consult_reference_new ();
      reference->id = load_id (self, node);
      reference->kind = consult_xml_get_prop (node, "kind");
      if (reference->kind == NULL)
        reference->kind = g_strdup ("");
      reference->href = consult_xml_get_prop (node, "href");
      if (reference->href != NULL)
        g_strstrip (reference->href);
      load_text (&reference->citation, node);
      g_ptr_array_add (self->content->references, reference);

      if (!g_hash_table_contains (self->reference_ids, reference->id))
        g_hash_table_insert (self->reference_ids, reference->id, node);
    }
}

static void
resolve_refs (Loader *self)
{
  for (guint i = 0; i < self->ref_uses->len; i++)
    {
      RefUse *use = g_ptr_array_index (self->ref_uses, i);

      if (!g_hash_table_contains (self->reference_ids, use->id))
        report (self, use->node,
                /* Translators: %s is an id; keep refs and <reference> as they are. */
                _("refs names “%s”, which is not the id of any <reference>"), use->id);
    }
}

static void
load_procedure (Loader  *self,
                xmlNode *root)
{
  ConsultContent *content = self->content;
  xmlChar *lang;

  /* The procedure's own id names the content, not a part of it: it is not
   * one of the ids that must be unique within the document. */
  g_free (content->id);
  content->id = consult_xml_get_prop (root, "id");
  if (content->id == NULL)
    content->id = g_strdup ("");
  g_free (content->version);
  content->version = consult_xml_get_prop (root, "version");
  g_free (content->reviewed);
  content->reviewed = consult_xml_get_prop (root, "reviewed");
  if (content->version == NULL)
    content->version = g_strdup ("");
  if (content->reviewed == NULL)
    content->reviewed = g_strdup ("");
  g_strstrip (content->version);
  g_strstrip (content->reviewed);

  lang = xmlGetNsProp (root, (const xmlChar *) "lang", XML_XML_NAMESPACE);
  if (lang == NULL)
    report (self, root, _("the <procedure> element has no xml:lang attribute"));
  else if (!consult_xml_is_language_tag ((const char *) lang))
    report (self, root,
            /* Translators: %s is the value found; keep xml:lang as is. */
            _("xml:lang “%s” is not a language tag such as “en” or “de-CH”"),
            (const char *) lang);
  else
    {
      g_free (content->language);
      content->language = g_strdup ((const char *) lang);
    }
  xmlFree (lang);

  for (xmlNode *node = root->children; node != NULL; node = node->next)
    {
      if (is (node, "title"))
        load_text (&content->title, node);
      else if (is (node, "summary"))
        load_text (&content->summary, node);
      else if (is (node, "overview"))
        load_overview (self, node);
      else if (is (node, "indications"))
        load_items (self, node, "indication", content->indications);
      else if (is (node, "areas"))
        load_areas (self, node);
      else if (is (node, "steps"))
        load_steps (self, node);
      else if (is (node, "results"))
        load_results (self, node);
      else if (is (node, "benefits"))
        load_items (self, node, "benefit", content->benefits);
      else if (is (node, "side-effects"))
        load_side_effects (self, node);
      else if (is (node, "aftercare"))
        load_aftercare (self, node);
      else if (is (node, "alternatives"))
        load_items (self, node, "alternative", content->alternatives);
      else if (is (node, "screening"))
        load_screening (self, node);
      else if (is (node, "consent"))
        load_consent (self, node);
      else if (is (node, "references"))
        load_references (self, node);
    }

  resolve_refs (self);
}

/* By line, then column; problems about the whole file (line 0) last. */
static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const ConsultProblem *pa = *(ConsultProblem * const *) a;
  const ConsultProblem *pb = *(ConsultProblem * const *) b;
  guint la = pa->line > 0 ? (guint) pa->line : G_MAXUINT;
  guint lb = pb->line > 0 ? (guint) pb->line : G_MAXUINT;

  if (la != lb)
    return la < lb ? -1 : 1;

  return pa->column - pb->column;
}

/* The schema and the checks after it each report in their own order: put
 * the problems of one file in the order of the file, as a compiler does.
 * The sort is stable, so problems on one line keep their order. */
static void
sort_problems (GPtrArray *problems,
               guint      from)
{
  g_autoptr(GPtrArray) tail = NULL;

  if (problems->len - from < 2)
    return;

  tail = g_ptr_array_new ();
  for (guint i = from; i < problems->len; i++)
    g_ptr_array_add (tail, g_ptr_array_index (problems, i));
  g_ptr_array_sort (tail, compare_problems);
  for (guint i = 0; i < tail->len; i++)
    problems->pdata[from + i] = g_ptr_array_index (tail, i);
}

ConsultContent *
_consult_content_loader_load_doc (xmlDoc     *doc,
                                  GBytes     *bytes,
                                  const char *display_name,
                                  GPtrArray  *problems)
{
  g_autoptr(ConsultContent) content = NULL;
  g_autoptr(GError) error = NULL;
  xmlSchema *schema;
  xmlNode *root;
  Loader self = { 0 };
  guint problems_before;

  g_return_val_if_fail (doc != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  problems_before = problems->len;
  root = xmlDocGetRootElement (doc);

  if (!is (root, "procedure"))
    {
      consult_problems_add (problems, display_name, (int) xmlGetLineNo (root),
                            consult_xml_node_column (bytes, root),
                            /* Translators: keep <procedure> as is; %s is a URI. */
                            _("expected a <procedure> element in the namespace %s"),
                            CONSULT_CONTENT_NAMESPACE);
      return NULL;
    }

  schema = consult_xml_get_schema (CONSULT_CONTENT_SCHEMA_RESOURCE, &error);
  if (schema == NULL)
    {
      /* Our own build is broken: say so rather than blame the file. */
      consult_problems_add (problems, display_name, 0, 0,
                            _("cannot load the content schema: %s"), error->message);
      return NULL;
    }

  consult_xml_validate (doc, bytes, schema, display_name, problems);

  /* The checks below run even when the schema found problems, so that one
   * pass over a file shows all that is wrong with it. They only trust what
   * they test themselves. */
  content = _consult_content_new ();
  self.bytes = bytes;
  self.name = display_name;
  self.problems = problems;
  self.content = content;
  self.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self.reference_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self.ref_uses = g_ptr_array_new_with_free_func ((GDestroyNotify) ref_use_free);

  load_procedure (&self, root);

  g_hash_table_unref (self.ids);
  g_hash_table_unref (self.reference_ids);
  g_ptr_array_unref (self.ref_uses);

  if (problems->len > problems_before)
    {
      sort_problems (problems, problems_before);
      return NULL;
    }

  g_free (content->source_name);
  content->source_name = g_strdup (display_name);
  g_free (content->sha256);
  content->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  return g_steal_pointer (&content);
}

/* Parses and loads; @parsed tells whether the bytes were well-formed. */
static ConsultContent *
load_bytes (GBytes     *bytes,
            const char *display_name,
            GPtrArray  *problems,
            gboolean   *parsed)
{
  ConsultContent *content;
  xmlDoc *doc;

  doc = consult_xml_parse (bytes, display_name, problems);
  *parsed = doc != NULL;
  if (doc == NULL)
    return NULL;

  content = _consult_content_loader_load_doc (doc, bytes, display_name, problems);
  xmlFreeDoc (doc);

  return content;
}

ConsultContent *
consult_content_loader_load_bytes (GBytes      *bytes,
                                   const char  *display_name,
                                   GError     **error)
{
  g_autoptr(GPtrArray) problems = consult_problems_new ();
  ConsultContent *content;
  gboolean parsed;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  content = load_bytes (bytes, display_name, problems, &parsed);
  if (content == NULL)
    consult_problems_propagate (problems,
                                parsed ? CONSULT_XML_ERROR_INVALID : CONSULT_XML_ERROR_MALFORMED,
                                error);

  return content;
}

gboolean
consult_content_loader_check_bytes (GBytes     *bytes,
                                    const char *display_name,
                                    GPtrArray  *problems)
{
  g_autoptr(ConsultContent) content = NULL;
  gboolean parsed;

  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (display_name != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  content = load_bytes (bytes, display_name, problems, &parsed);

  return content != NULL;
}

void
_consult_problems_add_read_error (GPtrArray    *problems,
                                  const char   *path,
                                  const char   *display_name,
                                  const GError *error)
{
  const char *message = error->message;
  gsize length = strlen (path);

  if (strncmp (message, path, length) == 0 && strncmp (message + length, ": ", 2) == 0)
    message += length + 2;

  consult_problems_add (problems, display_name, 0, 0, "%s", message);
}

ConsultContent *
consult_content_loader_load_file (const char  *path,
                                  GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) read_error = NULL;
  g_autofree char *display_name = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Messages are UTF-8 even when the file name is not. */
  display_name = g_filename_display_name (path);

  bytes = consult_xml_read_file (path, CONSULT_XML_MAX_FILE_SIZE, &read_error);
  if (bytes == NULL)
    {
      g_autoptr(GPtrArray) problems = consult_problems_new ();

      _consult_problems_add_read_error (problems, path, display_name, read_error);
      consult_problems_propagate (problems, read_error->code, error);
      return NULL;
    }

  return consult_content_loader_load_bytes (bytes, display_name, error);
}

ConsultContent *
consult_content_loader_load_resource (const char  *resource_path,
                                      GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *display_name = NULL;

  g_return_val_if_fail (resource_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_resources_lookup_data (resource_path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  display_name = g_strconcat ("resource://", resource_path, NULL);
  return consult_content_loader_load_bytes (bytes, display_name, error);
}

char *
consult_content_get_default_resource (void)
{
  g_auto(GStrv) languages = consult_i18n_get_content_languages ();

  /* The translations merged at build time sit beside the English file as
   * NAME.LANG.xml (content/meson.build). */
  for (gsize i = 0; languages[i] != NULL; i++)
    {
      g_autofree char *path = g_strdup_printf (CONSULT_CONTENT_TRANSLATED_RESOURCE_FORMAT,
                                               languages[i]);

      if (g_resources_get_info (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL))
        return g_steal_pointer (&path);
    }

  return g_strdup (CONSULT_CONTENT_DEFAULT_RESOURCE);
}

ConsultContent *
consult_content_load_default (GError **error)
{
  g_autofree char *path = consult_content_get_default_resource ();

  return consult_content_loader_load_resource (path, error);
}
