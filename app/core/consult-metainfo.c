/* consult-metainfo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "consult-metainfo"

#include "consult-config.h"

#include <glib/gi18n.h>
#include <libxml/xmlsave.h>

#include "consult-metainfo.h"
#include "consult-xml.h"

void
consult_metainfo_free (ConsultMetainfo *info)
{
  if (info == NULL)
    return;

  g_free (info->name);
  g_free (info->summary);
  g_free (info->developer_name);
  g_free (info->homepage);
  g_free (info->bugtracker);
  g_free (info->project_license);
  g_free (info->version);
  g_free (info->release_date);
  g_free (info->release_notes);
  g_free (info);
}

/* The untranslated element: merged metainfo files hold one copy per
 * language, told apart by xml:lang. */
static gboolean
is_untranslated (xmlNode *node)
{
  xmlChar *lang = xmlNodeGetLang (node);
  gboolean ret = (lang == NULL || *lang == '\0');

  xmlFree (lang);
  return ret;
}

static char *
serialize_children (xmlDoc  *doc,
                    xmlNode *parent)
{
  g_autoptr(GString) str = g_string_new (NULL);

  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    {
      xmlBufferPtr buf;

      if (child->type != XML_ELEMENT_NODE || !is_untranslated (child))
        continue;

      buf = xmlBufferCreate ();
      xmlNodeDump (buf, doc, child, 0, 0);
      g_string_append (str, (const char *) xmlBufferContent (buf));
      g_string_append_c (str, '\n');
      xmlBufferFree (buf);
    }

  return g_string_free (g_steal_pointer (&str), FALSE);
}

ConsultMetainfo *
consult_metainfo_load_bytes (GBytes      *bytes,
                             const char  *display_name,
                             GError     **error)
{
  g_autoptr(GPtrArray) problems = consult_problems_new ();
  g_autoptr(ConsultMetainfo) info = NULL;
  xmlDoc *doc;
  xmlNode *root;

  g_return_val_if_fail (bytes != NULL, NULL);

  doc = consult_xml_parse (bytes, display_name, problems);
  if (doc == NULL)
    {
      consult_problems_propagate (problems, CONSULT_XML_ERROR_MALFORMED, error);
      return NULL;
    }

  root = xmlDocGetRootElement (doc);
  if (!consult_xml_is (root, NULL, "component"))
    {
      g_set_error (error, CONSULT_XML_ERROR, CONSULT_XML_ERROR_INVALID,
                   _("%s:%ld:1: expected a <component> element"),
                   display_name, xmlGetLineNo (root));
      xmlFreeDoc (doc);
      return NULL;
    }

  info = g_new0 (ConsultMetainfo, 1);

  for (xmlNode *node = root->children; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE || !is_untranslated (node))
        continue;

      if (consult_xml_is (node, NULL, "name") && info->name == NULL)
        info->name = consult_xml_get_text (node);
      else if (consult_xml_is (node, NULL, "summary") && info->summary == NULL)
        info->summary = consult_xml_get_text (node);
      else if (consult_xml_is (node, NULL, "developer_name") && info->developer_name == NULL)
        info->developer_name = consult_xml_get_text (node);
      else if (consult_xml_is (node, NULL, "project_license"))
        {
          g_free (info->project_license);
          info->project_license = consult_xml_get_text (node);
        }
      else if (consult_xml_is (node, NULL, "url"))
        {
          g_autofree char *type = consult_xml_get_prop (node, "type");

          if (g_strcmp0 (type, "homepage") == 0 && info->homepage == NULL)
            info->homepage = consult_xml_get_text (node);
          else if (g_strcmp0 (type, "bugtracker") == 0 && info->bugtracker == NULL)
            info->bugtracker = consult_xml_get_text (node);
        }
      else if (consult_xml_is (node, NULL, "releases") && info->version == NULL)
        {
          /* Releases are listed newest first. */
          for (xmlNode *release = node->children; release != NULL; release = release->next)
            {
              if (!consult_xml_is (release, NULL, "release"))
                continue;

              info->version = consult_xml_get_prop (release, "version");
              info->release_date = consult_xml_get_prop (release, "date");
              /* The first untranslated description: a second one (only
               * a broken file has it) must not replace, and leak, the
               * first. */
              for (xmlNode *child = release->children; child != NULL; child = child->next)
                if (consult_xml_is (child, NULL, "description") && is_untranslated (child)
                    && info->release_notes == NULL)
                  info->release_notes = serialize_children (doc, child);
              break;
            }
        }
    }

  xmlFreeDoc (doc);

  if (info->name == NULL)
    {
      g_set_error (error, CONSULT_XML_ERROR, CONSULT_XML_ERROR_INVALID,
                   _("%s: the component has no name"), display_name);
      return NULL;
    }

  return g_steal_pointer (&info);
}
