/* consult-content-loader.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Turns a procedure content file into a ConsultContent: the safe parse of
 * consult-xml.h (no DTD, no entities, no network, no XInclude, a size cap),
 * validation against content/procedure.xsd, then the checks a schema cannot
 * express (ids unique, references resolve, ranges ordered, a language tag,
 * at least one screening question and one required consent statement).
 *
 * Every problem in a file is reported, each as FILE:LINE:COLUMN: message,
 * one per line of the GError's message (domain CONSULT_XML_ERROR).
 */

#pragma once

#include <gio/gio.h>

#include "consult-content.h"

G_BEGIN_DECLS

/* The namespace of a procedure content document. */
#define CONSULT_CONTENT_NAMESPACE "urn:consult:procedure:1"

/* Where the schema and the shipped content live in the GResource. */
#define CONSULT_CONTENT_SCHEMA_RESOURCE  "/io/github/consult/Consult/content/procedure.xsd"
#define CONSULT_CONTENT_DEFAULT_RESOURCE "/io/github/consult/Consult/content/microneedling.xml"

ConsultContent *consult_content_loader_load_file     (const char  *path,
                                                      GError     **error);
ConsultContent *consult_content_loader_load_bytes    (GBytes      *bytes,
                                                      const char  *display_name,
                                                      GError     **error);
ConsultContent *consult_content_loader_load_resource (const char  *resource_path,
                                                      GError     **error);

/* The shipped content translated into LANG, for printf with the language. */
#define CONSULT_CONTENT_TRANSLATED_RESOURCE_FORMAT \
  "/io/github/consult/Consult/content/microneedling.%s.xml"

/* The resource path of the content shipped with the app, in the language
 * of the UI when there is a translation for it (see
 * consult_i18n_get_content_languages()), in English otherwise. */
char           *consult_content_get_default_resource (void);

/* The content shipped with the app, in the UI's language. */
ConsultContent *consult_content_load_default         (GError     **error);

/* Checks @bytes as the loader would, adding every problem found to
 * @problems (of ConsultProblem). Returns TRUE when there was none. */
gboolean        consult_content_loader_check_bytes   (GBytes      *bytes,
                                                      const char  *display_name,
                                                      GPtrArray   *problems);

G_END_DECLS
