/* fuzz-metainfo.c: libFuzzer target for the AppStream metainfo reader.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The metainfo is bundled, but it goes through the same XML reader as any
 * outside file, and a translation merged into it is outside input too.
 */

#include "fuzz-common.h"

#include "consult-metainfo.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsultMetainfo) info = NULL;

  info = consult_metainfo_load_bytes (bytes, "metainfo.xml", &error);
  g_assert ((info == NULL) != (error == NULL));

  return 0;
}
