/* consult-xml.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "consult-xml"

#include "consult-config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "consult-xml.h"

G_DEFINE_QUARK (consult-xml-error-quark, consult_xml_error)

ConsultProblem *
consult_problem_new (const char *file,
                     int         line,
                     int         column,
                     const char *message)
{
  ConsultProblem *problem = g_new0 (ConsultProblem, 1);

  problem->file = g_strdup (file);
  problem->line = line;
  problem->column = column;
  problem->message = g_strdup (message);

  return problem;
}

void
consult_problem_free (ConsultProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->file);
  g_free (problem->message);
  g_free (problem);
}

char *
consult_problem_to_string (const ConsultProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);

  if (problem->line <= 0)
    return g_strdup_printf ("%s: %s", problem->file, problem->message);

  return g_strdup_printf ("%s:%d:%d: %s", problem->file, problem->line,
                          MAX (problem->column, 1), problem->message);
}

GPtrArray *
consult_problems_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) consult_problem_free);
}

void
consult_problems_add (GPtrArray  *problems,
                      const char *file,
                      int         line,
                      int         column,
                      const char *format,
                      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  g_return_if_fail (problems != NULL);

  if (problems->len > CONSULT_XML_MAX_PROBLEMS)
    return;

  if (problems->len == CONSULT_XML_MAX_PROBLEMS)
    {
      g_ptr_array_add (problems,
                       consult_problem_new (file, 0, 0,
                                            _("too many problems; the rest are not shown")));
      return;
    }

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (problems, consult_problem_new (file, line, column, message));
}

char *
consult_problems_to_string (GPtrArray *problems)
{
  g_autoptr(GString) str = NULL;

  if (problems == NULL || problems->len == 0)
    return NULL;

  str = g_string_new (NULL);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = consult_problem_to_string (g_ptr_array_index (problems, i));

      if (i > 0)
        g_string_append_c (str, '\n');
      g_string_append (str, line);
    }

  return g_string_free (g_steal_pointer (&str), FALSE);
}

void
consult_problems_propagate (GPtrArray  *problems,
                            int         code,
                            GError    **error)
{
  g_autofree char *text = consult_problems_to_string (problems);

  if (text != NULL)
    g_set_error_literal (error, CONSULT_XML_ERROR, code, text);
}

/* Nothing outside the file being read may ever be loaded: not a DTD, not an
 * entity, not a schema import. The loader is process-wide in libxml2. */
static xmlParserInputPtr
deny_external_entity_loader (const char       *url,
                             const char       *id,
                             xmlParserCtxtPtr  ctxt)
{
  return NULL;
}

void
consult_xml_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      xmlSetExternalEntityLoader (deny_external_entity_loader);
      g_once_init_leave (&initialized, 1);
    }
}

GBytes *
consult_xml_read_file (const char *path,
                       gsize       max_size,
                       GError    **error)
{
  g_autofree char *data = NULL;
  struct stat st;
  gsize length = 0;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  /* O_NONBLOCK so that a FIFO cannot hang us before fstat tells what it is. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, CONSULT_XML_ERROR, CONSULT_XML_ERROR_IO,
                   "%s: %s", path, g_strerror (saved_errno));
      return NULL;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, CONSULT_XML_ERROR, CONSULT_XML_ERROR_IO,
                   _("%s: not a regular file"), path);
      close (fd);
      return NULL;
    }

  if ((guint64) st.st_size > max_size)
    {
      g_autofree char *size_text = g_format_size ((guint64) st.st_size);
      g_autofree char *limit_text = g_format_size (max_size);

      g_set_error (error, CONSULT_XML_ERROR, CONSULT_XML_ERROR_TOO_LARGE,
                   /* Translators: the sizes are such as “12.3 MB”. */
                   _("%s: the file is too large (%s; the limit is %s)"),
                   path, size_text, limit_text);
      close (fd);
      return NULL;
    }

  /* The file may grow while it is read: never read more than the cap + 1. */
  data = g_malloc (max_size + 1);
  while (length <= max_size)
    {
      gssize n = read (fd, data + length, max_size + 1 - length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, CONSULT_XML_ERROR, CONSULT_XML_ERROR_IO,
                       "%s: %s", path, g_strerror (saved_errno));
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      length += n;
    }
  close (fd);

  if (length > max_size)
    {
      g_autofree char *limit_text = g_format_size (max_size);

      g_set_error (error, CONSULT_XML_ERROR, CONSULT_XML_ERROR_TOO_LARGE,
                   /* Translators: the size is such as “12.3 MB”. */
                   _("%s: the file is too large (the limit is %s)"),
                   path, limit_text);
      return NULL;
    }

  return g_bytes_new_take (g_realloc (g_steal_pointer (&data), MAX (length, 1)), length);
}

typedef struct {
  const char *display_name;
  GPtrArray *problems;
  gboolean refused;
} ParseState;

static char *
clean_message (const char *message)
{
  g_autofree char *stripped = g_strstrip (g_strdup (message ? message : ""));
  GString *str = g_string_new (NULL);
  const char *p = stripped;

  /* Schema messages name elements as {namespace}name: keep the name only.
   * Braces around anything else, such as the set of allowed values in
   * "not an element of the set {'a', 'b'}", stay. A message is one line:
   * libxml2 puts details ("Bytes: 0xFF ...") on a line of their own. */
  while (*p != '\0')
    {
      if (*p == '{')
        {
          const char *close = strchr (p, '}');

          if (close != NULL && strcspn (p, " \t\n'\"") > (gsize) (close - p))
            {
              p = close + 1;
              continue;
            }
        }
      if (*p == '\n' || *p == '\r')
        {
          if (str->len > 0 && str->str[str->len - 1] != ' ')
            g_string_append_c (str, ' ');
        }
      else
        g_string_append_c (str, *p);
      p++;
    }

  return g_string_free (str, FALSE);
}

static void
parse_structured_error_cb (void        *user_data,
                           xmlErrorPtr  error)
{
  xmlParserCtxtPtr ctxt = user_data;
  ParseState *state = ctxt->_private;
  g_autofree char *message = NULL;

  /* Once a DOCTYPE was refused, what follows is only noise. */
  if (state->refused)
    return;

  if (error->level == XML_ERR_WARNING)
    return;

  message = clean_message (error->message);
  consult_problems_add (state->problems, state->display_name,
                        error->line, error->int2, "%s", message);
}

static void
refuse_internal_subset_cb (void          *user_data,
                           const xmlChar *name,
                           const xmlChar *external_id,
                           const xmlChar *system_id)
{
  xmlParserCtxtPtr ctxt = user_data;
  ParseState *state = ctxt->_private;

  if (!state->refused)
    consult_problems_add (state->problems, state->display_name,
                          xmlSAX2GetLineNumber (ctxt), xmlSAX2GetColumnNumber (ctxt),
                          _("a document type declaration (DOCTYPE) is not allowed"));
  state->refused = TRUE;

  /* xmlStopParser alone still hands back a document: mark it broken too. */
  xmlStopParser (ctxt);
  ctxt->wellFormed = 0;
}

xmlDoc *
consult_xml_parse (GBytes     *bytes,
                   const char *display_name,
                   GPtrArray  *problems)
{
  ParseState state = { display_name, problems, FALSE };
  xmlParserCtxtPtr ctxt;
  xmlDocPtr doc;
  const char *data;
  gsize length;
  guint problems_before;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  consult_xml_init ();

  problems_before = problems->len;
  data = g_bytes_get_data (bytes, &length);

  if (length == 0)
    {
      consult_problems_add (problems, display_name, 0, 0, _("the file is empty"));
      return NULL;
    }

  if (length > CONSULT_XML_MAX_FILE_SIZE || length > G_MAXINT)
    {
      consult_problems_add (problems, display_name, 0, 0,
                            _("the file is too large (the limit is %d bytes)"),
                            CONSULT_XML_MAX_FILE_SIZE);
      return NULL;
    }

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      consult_problems_add (problems, display_name, 0, 0, _("out of memory"));
      return NULL;
    }

  ctxt->_private = &state;
  ctxt->sax->internalSubset = refuse_internal_subset_cb;
  ctxt->sax->externalSubset = NULL;
  ctxt->sax->serror = parse_structured_error_cb;
  ctxt->vctxt.error = NULL;
  ctxt->vctxt.warning = NULL;

  doc = xmlCtxtReadMemory (ctxt, data, (int) length, display_name, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR |
                           XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);

  if (doc != NULL && (!ctxt->wellFormed || state.refused))
    g_clear_pointer (&doc, xmlFreeDoc);

  if (doc != NULL && (doc->intSubset != NULL || doc->extSubset != NULL))
    {
      consult_problems_add (problems, display_name, 1, 1,
                            _("a document type declaration (DOCTYPE) is not allowed"));
      g_clear_pointer (&doc, xmlFreeDoc);
    }

  if (doc != NULL && xmlDocGetRootElement (doc) == NULL)
    {
      consult_problems_add (problems, display_name, 1, 1, _("the document has no root element"));
      g_clear_pointer (&doc, xmlFreeDoc);
    }

  if (doc == NULL && problems->len == problems_before)
    consult_problems_add (problems, display_name, 0, 0, _("not a well-formed XML document"));

  ctxt->_private = NULL;
  xmlFreeParserCtxt (ctxt);

  return doc;
}

static GMutex schema_mutex;
static GHashTable *schemas;

static void
schema_parse_error_cb (void        *user_data,
                       xmlErrorPtr  error)
{
  GString *str = user_data;

  if (error->level != XML_ERR_WARNING && error->message != NULL)
    g_string_append_printf (str, "%s%s", str->len ? "; " : "", error->message);
}

xmlSchema *
consult_xml_get_schema (const char *resource_path,
                        GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) errors = NULL;
  xmlSchemaParserCtxtPtr pctxt;
  xmlSchemaPtr schema;
  const char *data;
  gsize length;

  g_return_val_if_fail (resource_path != NULL, NULL);

  consult_xml_init ();

  g_mutex_lock (&schema_mutex);

  if (schemas == NULL)
    schemas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  schema = g_hash_table_lookup (schemas, resource_path);
  if (schema != NULL)
    {
      g_mutex_unlock (&schema_mutex);
      return schema;
    }

  bytes = g_resources_lookup_data (resource_path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    {
      g_mutex_unlock (&schema_mutex);
      return NULL;
    }

  /* Compiled from memory: with the deny-all loader, a path would not load. */
  data = g_bytes_get_data (bytes, &length);
  errors = g_string_new (NULL);
  pctxt = xmlSchemaNewMemParserCtxt (data, (int) length);
  xmlSchemaSetParserStructuredErrors (pctxt, schema_parse_error_cb, errors);
  schema = xmlSchemaParse (pctxt);
  xmlSchemaFreeParserCtxt (pctxt);

  if (schema == NULL)
    {
      g_set_error (error, CONSULT_XML_ERROR, CONSULT_XML_ERROR_INVALID,
                   "%s: %s", resource_path, errors->str);
      g_mutex_unlock (&schema_mutex);
      return NULL;
    }

  /* Kept for the life of the process: schemas are few and small. */
  g_hash_table_insert (schemas, g_strdup (resource_path), schema);
  g_mutex_unlock (&schema_mutex);

  return schema;
}

typedef struct {
  const char *display_name;
  GPtrArray *problems;
  GBytes *bytes;
} ValidateState;

static void
validate_structured_error_cb (void        *user_data,
                              xmlErrorPtr  error)
{
  ValidateState *state = user_data;
  g_autofree char *message = NULL;
  int column = 1;

  if (error->level == XML_ERR_WARNING)
    return;

  if (error->node != NULL && ((xmlNode *) error->node)->type == XML_ELEMENT_NODE)
    column = consult_xml_node_column (state->bytes, error->node);

  message = clean_message (error->message);
  consult_problems_add (state->problems, state->display_name, error->line, column, "%s", message);
}

gboolean
consult_xml_validate (xmlDoc     *doc,
                      GBytes     *bytes,
                      xmlSchema  *schema,
                      const char *display_name,
                      GPtrArray  *problems)
{
  ValidateState state = { display_name, problems, bytes };
  xmlSchemaValidCtxtPtr vctxt;
  guint problems_before;
  int ret;

  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (schema != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  problems_before = problems->len;

  vctxt = xmlSchemaNewValidCtxt (schema);
  xmlSchemaSetValidStructuredErrors (vctxt, validate_structured_error_cb, &state);
  ret = xmlSchemaValidateDoc (vctxt, doc);
  xmlSchemaFreeValidCtxt (vctxt);

  if (ret != 0 && problems->len == problems_before)
    consult_problems_add (problems, display_name, 0, 0,
                          _("the document does not match its schema"));

  return ret == 0;
}

int
consult_xml_node_column (GBytes  *bytes,
                         xmlNode *node)
{
  const char *data, *end, *line_start, *p;
  g_autofree char *needle = NULL;
  gsize length;
  long line;

  if (bytes == NULL || node == NULL || node->name == NULL)
    return 1;

  line = xmlGetLineNo (node);
  if (line <= 0)
    return 1;

  data = g_bytes_get_data (bytes, &length);
  end = data + length;
  line_start = data;

  for (long i = 1; i < line && line_start < end; i++)
    {
      const char *nl = memchr (line_start, '\n', end - line_start);

      if (nl == NULL)
        return 1;
      line_start = nl + 1;
    }

  needle = (node->ns && node->ns->prefix)
    ? g_strdup_printf ("<%s:%s", node->ns->prefix, node->name)
    : g_strdup_printf ("<%s", node->name);

  /* The start tag may begin on an earlier line than libxml2 reports when it
   * spans lines; then the first match on the line is the best guess. */
  for (p = line_start; p < end && *p != '\n'; p++)
    {
      gsize n = strlen (needle);

      if ((gsize) (end - p) > n && memcmp (p, needle, n) == 0 &&
          (p[n] == ' ' || p[n] == '>' || p[n] == '/' || p[n] == '\t' ||
           p[n] == '\r' || p[n] == '\n'))
        {
          /* Columns count characters, not bytes. */
          if (!g_utf8_validate (line_start, p - line_start, NULL))
            return (int) (p - line_start) + 1;
          return (int) g_utf8_strlen (line_start, p - line_start) + 1;
        }
    }

  return 1;
}

gboolean
consult_xml_is (xmlNode    *node,
                const char *ns,
                const char *name)
{
  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return FALSE;

  if (g_strcmp0 ((const char *) node->name, name) != 0)
    return FALSE;

  if (ns == NULL)
    return node->ns == NULL;

  return node->ns != NULL && g_strcmp0 ((const char *) node->ns->href, ns) == 0;
}

void
consult_xml_report_valist (GPtrArray  *problems,
                           const char *display_name,
                           GBytes     *bytes,
                           xmlNode    *node,
                           const char *format,
                           va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  consult_problems_add (problems, display_name, (int) xmlGetLineNo (node),
                        consult_xml_node_column (bytes, node), "%s", message);
}

xmlNode *
consult_xml_child (xmlNode    *node,
                   const char *ns,
                   const char *name)
{
  for (xmlNode *child = node ? node->children : NULL; child != NULL; child = child->next)
    if (consult_xml_is (child, ns, name))
      return child;

  return NULL;
}

gboolean
consult_xml_is_language_tag (const char *tag)
{
  g_auto(GStrv) subtags = NULL;
  gsize length;

  if (tag == NULL)
    return FALSE;

  subtags = g_strsplit (tag, "-", -1);
  length = strlen (subtags[0] ? subtags[0] : "");
  if (length < 2 || length > 3)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalpha (subtags[0][i]))
      return FALSE;

  for (guint i = 1; subtags[i] != NULL; i++)
    {
      length = strlen (subtags[i]);
      if (length < 1 || length > 8)
        return FALSE;
      for (gsize j = 0; j < length; j++)
        if (!g_ascii_isalnum (subtags[i][j]))
          return FALSE;
    }

  return TRUE;
}

char *
consult_xml_get_prop (xmlNode    *node,
                      const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *ret = g_strdup ((const char *) value);

  xmlFree (value);
  return ret;
}

char *
consult_xml_get_text (xmlNode *node)
{
  xmlChar *value = xmlNodeGetContent (node);
  char *ret = g_strdup (value ? (const char *) value : "");

  xmlFree (value);
  return ret;
}
