/* consult-record-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The record reader's entry point for a document that is already parsed
 * (consult --validate parses first to see what kind of document it has),
 * and a serializer with a fixed modified time, so that tests and the
 * example records are reproducible byte for byte.
 */

#pragma once

#include <libxml/tree.h>

#include "consult-record.h"

G_BEGIN_DECLS

/* Validates @doc (parsed from @bytes) as a record and restores it.
 * Returns NULL, with every problem added to @problems, when it is not a
 * valid record; @modified (nullable) is then set to TRUE when one of the
 * problems is that the record was changed after it was signed. */
ConsultConsultation *_consult_record_load_doc     (xmlDoc               *doc,
                                                   GBytes               *bytes,
                                                   const char           *display_name,
                                                   GPtrArray            *problems,
                                                   gboolean             *modified);

/* consult_record_serialize() with @modified as the record's modified
 * time (now when NULL). */
char                *_consult_record_serialize_at (ConsultConsultation  *consultation,
                                                   GDateTime            *modified,
                                                   gsize                *len,
                                                   GError              **error);

G_END_DECLS
