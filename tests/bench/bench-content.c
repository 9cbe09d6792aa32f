/* bench-content.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How long the shipped content takes to load: safe parse, schema
 * validation, the loader's own checks and building the ConsultContent.
 * The schema is compiled once per process; that cost is shown apart.
 * The target is 2 ms per load on a 2-core machine.
 */

#include "consult-config.h"

#include <stdlib.h>

#include <gio/gio.h>

#include "consult-content-loader.h"
#include "consult-i18n.h"
#include "consult-xml.h"

#define TARGET_MS 2.0
#define DEFAULT_RUNS 500

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return (da > db) - (da < db);
}

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) times = NULL;
  g_autoptr(ConsultContent) warm = NULL;
  guint runs = DEFAULT_RUNS;
  double schema_ms, first_ms, median, p95;
  gint64 start;

  consult_i18n_init ("C.UTF-8");
  consult_xml_init ();

  if (argc > 1)
    runs = MAX (1, (guint) strtoul (argv[1], NULL, 10));

  bytes = g_resources_lookup_data (CONSULT_CONTENT_DEFAULT_RESOURCE,
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  start = g_get_monotonic_time ();
  if (consult_xml_get_schema (CONSULT_CONTENT_SCHEMA_RESOURCE, &error) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  schema_ms = elapsed_ms (start);

  /* The warm-up: the first load also pays for first-touch allocations. */
  start = g_get_monotonic_time ();
  warm = consult_content_loader_load_bytes (bytes, "microneedling.xml", &error);
  first_ms = elapsed_ms (start);
  if (warm == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  times = g_array_sized_new (FALSE, FALSE, sizeof (double), runs);
  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(ConsultContent) content = NULL;
      double ms;

      start = g_get_monotonic_time ();
      content = consult_content_loader_load_bytes (bytes, "microneedling.xml", NULL);
      ms = elapsed_ms (start);
      g_assert (content != NULL);
      g_array_append_val (times, ms);
    }

  g_array_sort (times, compare_doubles);
  median = g_array_index (times, double, runs / 2);
  p95 = g_array_index (times, double, MIN (runs - 1, (guint) (runs * 0.95)));

  g_print ("%-14s %8s %10s %10s %10s %12s %14s %10s\n",
           "benchmark", "bytes", "runs", "median", "p95", "first load", "schema compile",
           "target");
  g_print ("%-14s %8" G_GSIZE_FORMAT " %10u %7.3f ms %7.3f ms %9.3f ms %11.3f ms %7.1f ms\n",
           "content-load", g_bytes_get_size (bytes), runs, median, p95, first_ms, schema_ms,
           TARGET_MS);

  return 0;
}
