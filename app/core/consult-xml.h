/* consult-xml.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Safe reading of untrusted XML: every file Consult opens (content, records,
 * its own metainfo) goes through here. No DTD, no entities, no network, no
 * XInclude, a size cap, and every problem reported as FILE:LINE:COLUMN.
 */

#pragma once

#include <glib.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

G_BEGIN_DECLS

/* Content and records are tens of kilobytes; a few MiB is plenty and keeps
 * a hostile file from costing more than a few milliseconds. */
#define CONSULT_XML_MAX_FILE_SIZE (4 * 1024 * 1024)

/* Past this many problems in one file, the rest are summarised. */
#define CONSULT_XML_MAX_PROBLEMS 100

#define CONSULT_XML_ERROR (consult_xml_error_quark ())

typedef enum {
  CONSULT_XML_ERROR_IO,        /* the file could not be read */
  CONSULT_XML_ERROR_TOO_LARGE, /* over the size cap */
  CONSULT_XML_ERROR_MALFORMED, /* not well-formed, or forbidden constructs */
  CONSULT_XML_ERROR_INVALID,   /* well-formed, but the schema or a rule says no */
} ConsultXmlError;

GQuark consult_xml_error_quark (void);

typedef struct {
  char *file;
  int line;      /* 0 when the problem concerns the whole file */
  int column;
  char *message;
} ConsultProblem;

ConsultProblem *consult_problem_new       (const char           *file,
                                           int                   line,
                                           int                   column,
                                           const char           *message);
void            consult_problem_free      (ConsultProblem       *problem);
char           *consult_problem_to_string (const ConsultProblem *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConsultProblem, consult_problem_free)

/* A list of ConsultProblem, owning them. */
GPtrArray      *consult_problems_new       (void);
void            consult_problems_add       (GPtrArray  *problems,
                                            const char *file,
                                            int         line,
                                            int         column,
                                            const char *format,
                                            ...) G_GNUC_PRINTF (5, 6);
/* One line per problem, joined by newlines; NULL when there are none. */
char           *consult_problems_to_string (GPtrArray  *problems);
/* Sets @error to every problem (one per line), with @code. */
void            consult_problems_propagate (GPtrArray  *problems,
                                            int         code,
                                            GError    **error);

/* Installs the process-wide deny-all external entity loader. Idempotent. */
void      consult_xml_init          (void);

/* Reads a regular file of at most @max_size bytes. The error names @path. */
GBytes   *consult_xml_read_file     (const char *path,
                                     gsize       max_size,
                                     GError    **error);

/* Parses @bytes without DTD, entities, network or XInclude. Returns NULL
 * (with at least one problem added) when the bytes are not acceptable. */
xmlDoc   *consult_xml_parse         (GBytes     *bytes,
                                     const char *display_name,
                                     GPtrArray  *problems);

/* The schema at @resource_path in the GResource, compiled once per process. */
xmlSchema *consult_xml_get_schema   (const char *resource_path,
                                     GError    **error);

/* Validates @doc; adds one problem per violation. @bytes (may be NULL) is
 * the source, used to find the column of the offending element. */
gboolean  consult_xml_validate      (xmlDoc     *doc,
                                     GBytes     *bytes,
                                     xmlSchema  *schema,
                                     const char *display_name,
                                     GPtrArray  *problems);

/* The 1-based column where @node's start tag begins on its line, found in
 * the source @bytes; 1 when it cannot be found. */
int       consult_xml_node_column   (GBytes     *bytes,
                                     xmlNode    *node);

/* Adds a problem at @node's start tag: its line, and the column found in
 * the source @bytes (see consult_xml_node_column()). */
void      consult_xml_report_valist (GPtrArray  *problems,
                                     const char *display_name,
                                     GBytes     *bytes,
                                     xmlNode    *node,
                                     const char *format,
                                     va_list     args) G_GNUC_PRINTF (5, 0);

/* Helpers for walking a parsed tree. */
gboolean  consult_xml_is            (xmlNode    *node,
                                     const char *ns,
                                     const char *name);
/* The first child element of @node (may be NULL) named @name in @ns. */
xmlNode  *consult_xml_child         (xmlNode    *node,
                                     const char *ns,
                                     const char *name);
/* The value of @node's unqualified attribute @name, or NULL. */
char     *consult_xml_get_prop      (xmlNode    *node,
                                     const char *name);
char     *consult_xml_get_text      (xmlNode    *node);

/* Whether @tag looks like a BCP 47 language tag ("en", "de-CH", "en-GB"). */
gboolean  consult_xml_is_language_tag (const char *tag);

G_END_DECLS
