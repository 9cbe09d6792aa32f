/* fuzz-record.c: libFuzzer target for the record reader.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Records are read back from disk, where anything may have changed them;
 * the reader (safe parse, schema, rules, integrity digest) must survive
 * any bytes. A record that loads is also written out again, since a
 * consultation built from hostile input must serialize cleanly too.
 */

#include "fuzz-common.h"

#include "consult-record.h"
#include "consult-xml.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsultContent) content = NULL;
  g_autoptr(ConsultConsultation) consultation = NULL;
  g_autoptr(GPtrArray) problems = consult_problems_new ();

  consultation = consult_record_load_bytes (bytes, "fuzz.xml", &content, &error);
  g_assert ((consultation == NULL) != (error == NULL));
  if (consultation != NULL)
    {
      g_autoptr(GError) write_error = NULL;
      g_autofree char *xml = consult_record_serialize (consultation, NULL, &write_error);
      g_autofree char *digest = consult_record_compute_digest (consultation);

      g_assert (digest != NULL);
      (void) xml;
    }

  consult_record_check_bytes (bytes, "fuzz.xml", problems);

  return 0;
}
