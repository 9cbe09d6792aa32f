/* bench-table.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "bench-table.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return (da > db) - (da < db);
}

/* Sorts @values (doubles) in place. */
double
bench_percentile (GArray *values,
                  guint   percent)
{
  g_return_val_if_fail (values != NULL && values->len > 0, 0);

  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, MIN (values->len - 1, values->len * percent / 100));
}

/* The middle value, or the mean of the two middle ones. Sorts @values. */
double
bench_median (GArray *values)
{
  guint n;

  g_return_val_if_fail (values != NULL && values->len > 0, 0);

  g_array_sort (values, compare_doubles);
  n = values->len;
  if (n % 2 == 1)
    return g_array_index (values, double, n / 2);
  return (g_array_index (values, double, n / 2 - 1) + g_array_index (values, double, n / 2)) / 2;
}

double
bench_elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

void
bench_table_header (void)
{
  g_print ("\n| %-40s | %-26s | %-10s | %-17s | %-7s | %-8s | %-4s |\n",
           "benchmark", "figure", "measured", "reference", "ratio", "target", "met");
  g_print ("|%s|%s|%s|%s|%s|%s|%s|\n",
           "------------------------------------------", "----------------------------",
           "-----------:", "-------------------", "--------:", "----------", "------");
}

/* @met: 1 yes, 0 no, -1 no target. */
void
bench_table_row (const char *benchmark,
                 const char *figure,
                 const char *measured,
                 const char *reference,
                 const char *ratio,
                 const char *target,
                 int         met)
{
  g_print ("| %-40s | %-26s | %10s | %-17s | %7s | %-8s | %-4s |\n",
           benchmark, figure, measured, reference ? reference : "",
           ratio ? ratio : "", target ? target : "",
           met < 0 ? "" : met ? "yes" : "no");
}
