/* fuzz-content.c: libFuzzer target for the procedure content loader.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every content file Consult opens comes from outside (--content FILE), so
 * the whole loader (safe parse, schema, the rules after it) must survive
 * any bytes: no crash, no leak, no hang. See build-aux/fuzz.sh.
 */

#include "fuzz-common.h"

#include "consult-content-loader.h"
#include "consult-xml.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = consult_problems_new ();
  ConsultContent *content;

  content = consult_content_loader_load_bytes (bytes, "fuzz.xml", &error);
  g_assert ((content == NULL) != (error == NULL));
  g_clear_object (&content);

  consult_content_loader_check_bytes (bytes, "fuzz.xml", problems);

  return 0;
}
