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

#include "bench-table.h"

#define TARGET_MS 2.0
#define DEFAULT_RUNS 500

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) times = NULL;
  g_autoptr(ConsultContent) warm = NULL;
  g_autofree char *figure = NULL, *measured = NULL, *reference = NULL, *target = NULL;
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
  schema_ms = bench_elapsed_ms (start);

  /* The warm-up: the first load also pays for first-touch allocations. */
  start = g_get_monotonic_time ();
  warm = consult_content_loader_load_bytes (bytes, "microneedling.xml", &error);
  first_ms = bench_elapsed_ms (start);
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
      ms = bench_elapsed_ms (start);
      g_assert (content != NULL);
      g_array_append_val (times, ms);
    }

  median = bench_median (times);
  p95 = bench_percentile (times, 95);

  figure = g_strdup_printf ("median of %u, p95 %.2f ms", runs, p95);
  measured = g_strdup_printf ("%.2f ms", median);
  reference = g_strdup_printf ("first %.2f ms", first_ms);
  target = g_strdup_printf ("< %.0f ms", TARGET_MS);
  bench_table_header ();
  bench_table_row ("content load + validate", figure, measured, reference, NULL, target,
                   median < TARGET_MS);
  g_print ("\ncontent: %" G_GSIZE_FORMAT " bytes; the schema compiles once per process, "
           "in %.2f ms, not counted above\n", g_bytes_get_size (bytes), schema_ms);

  return 0;
}
