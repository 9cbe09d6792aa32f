/* consult-validate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "consult-validate"

#include "consult-config.h"

#include <glib/gi18n.h>

#include "consult-content-loader-private.h"
#include "consult-record-private.h"
#include "consult-validate.h"
#include "consult-xml.h"

typedef gboolean (*CheckDocFunc) (xmlDoc     *doc,
                                  GBytes     *bytes,
                                  const char *display_name,
                                  GPtrArray  *problems);

static gboolean
check_procedure (xmlDoc     *doc,
                 GBytes     *bytes,
                 const char *display_name,
                 GPtrArray  *problems)
{
  g_autoptr(ConsultContent) content = NULL;

  content = _consult_content_loader_load_doc (doc, bytes, display_name, problems);

  return content != NULL;
}

static gboolean
check_record (xmlDoc     *doc,
              GBytes     *bytes,
              const char *display_name,
              GPtrArray  *problems)
{
  g_autoptr(ConsultConsultation) consultation = NULL;

  consultation = _consult_record_load_doc (doc, bytes, display_name, problems, NULL);

  return consultation != NULL;
}

/* The kinds of document Consult reads, told apart by their root element.
 * Another kind is one more line here with its own check function. */
static const struct {
  const char *ns;
  const char *name;
  CheckDocFunc check;
} document_types[] = {
  { CONSULT_CONTENT_NAMESPACE, "procedure", check_procedure },
  { CONSULT_RECORD_NAMESPACE, "consultation", check_record },
};

gboolean
consult_validate_bytes (GBytes     *bytes,
                        const char *display_name,
                        GPtrArray  *problems)
{
  xmlDoc *doc;
  xmlNode *root;
  guint problems_before;
  gboolean known = FALSE;

  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (display_name != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  problems_before = problems->len;

  doc = consult_xml_parse (bytes, display_name, problems);
  if (doc == NULL)
    return FALSE;

  root = xmlDocGetRootElement (doc);
  for (guint i = 0; i < G_N_ELEMENTS (document_types); i++)
    {
      if (consult_xml_is (root, document_types[i].ns, document_types[i].name))
        {
          known = TRUE;
          document_types[i].check (doc, bytes, display_name, problems);
          break;
        }
    }

  if (!known)
    {
      const char *ns = root->ns != NULL ? (const char *) root->ns->href : NULL;

      if (ns != NULL)
        consult_problems_add (problems, display_name, (int) xmlGetLineNo (root),
                              consult_xml_node_column (bytes, root),
                              /* Translators: the first %s is an element name, the second a URI. */
                              _("unknown document type: root element <%s> in the namespace %s"),
                              (const char *) root->name, ns);
      else
        consult_problems_add (problems, display_name, (int) xmlGetLineNo (root),
                              consult_xml_node_column (bytes, root),
                              /* Translators: %s is an element name. */
                              _("unknown document type: root element <%s>"),
                              (const char *) root->name);
    }

  xmlFreeDoc (doc);

  return problems->len == problems_before;
}

gboolean
consult_validate_file (const char *path,
                       GPtrArray  *problems)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  bytes = consult_xml_read_file (path, CONSULT_XML_MAX_FILE_SIZE, &error);
  if (bytes == NULL)
    {
      _consult_problems_add_read_error (problems, path, path, error);
      return FALSE;
    }

  return consult_validate_bytes (bytes, path, problems);
}
