/* consult-content-loader-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loader's entry point for a document that is already parsed, so that
 * consult --validate, which parses first to see what kind of document it
 * has, does not parse twice.
 */

#pragma once

#include <libxml/tree.h>

#include "consult-content-loader.h"

G_BEGIN_DECLS

/* Validates @doc (parsed from @bytes) against the content schema, runs the
 * checks the schema cannot express and builds the content. Returns NULL,
 * with every problem added to @problems, when the document is not valid. */
ConsultContent *_consult_content_loader_load_doc (xmlDoc     *doc,
                                                  GBytes     *bytes,
                                                  const char *display_name,
                                                  GPtrArray  *problems);

/* @error from consult_xml_read_file() as a problem of @display_name: its
 * message without the path it starts with. */
void            _consult_problems_add_read_error (GPtrArray    *problems,
                                                  const char   *path,
                                                  const char   *display_name,
                                                  const GError *error);

G_END_DECLS
