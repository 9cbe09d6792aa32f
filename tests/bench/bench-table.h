/* bench-table.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the benchmarks share: medians, and the rows of the one table they
 * all print (Markdown, so that the README can take it as it is).
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

double bench_median         (GArray     *values);
double bench_percentile     (GArray     *values,
                             guint       percent);
double bench_elapsed_ms     (gint64      start);

void   bench_table_header   (void);
void   bench_table_row      (const char *benchmark,
                             const char *figure,
                             const char *measured,
                             const char *reference,
                             const char *ratio,
                             const char *target,
                             int         met);

G_END_DECLS
