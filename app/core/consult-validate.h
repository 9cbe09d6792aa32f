/* consult-validate.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What consult --validate does for one file: read it safely, parse it, and
 * check it as the kind of document its root element says it is.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Checks the file at @path, adding each problem found to @problems (of
 * ConsultProblem, named by @path). Returns TRUE when there was none. */
gboolean consult_validate_file  (const char *path,
                                 GPtrArray  *problems);

/* The same for a file already in memory, named @display_name. */
gboolean consult_validate_bytes (GBytes     *bytes,
                                 const char *display_name,
                                 GPtrArray  *problems);

G_END_DECLS
