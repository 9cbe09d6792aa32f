/* test-xml.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The safe XML reader every file goes through: what it refuses, and how it
 * reports problems (FILE:LINE:COLUMN: message).
 */

#include "consult-config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "consult-metainfo.h"
#include "consult-test-utils.h"
#include "consult-xml.h"

static xmlDoc *
parse_string (const char *text,
              GPtrArray  *problems)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return consult_xml_parse (bytes, "test.xml", problems);
}

static const char *
first_message (GPtrArray *problems)
{
  ck_assert_uint_gt (problems->len, 0);
  return ((ConsultProblem *) g_ptr_array_index (problems, 0))->message;
}

START_TEST (test_parse_good)
{
  g_autoptr(GPtrArray) problems = consult_problems_new ();
  xmlDoc *doc = parse_string ("<?xml version='1.0'?>\n<a x='1'><b>text <em>here</em></b></a>\n",
                              problems);

  ck_assert_ptr_nonnull (doc);
  ck_assert_uint_eq (problems->len, 0);
  ck_assert (consult_xml_is (xmlDocGetRootElement (doc), NULL, "a"));
  xmlFreeDoc (doc);
}
END_TEST

START_TEST (test_problem_format)
{
  g_autoptr(GPtrArray) problems = consult_problems_new ();
  g_autofree char *text = NULL;
  xmlDoc *doc = parse_string ("<a>\n  <b>\n</a>\n", problems);

  ck_assert_ptr_null (doc);
  text = consult_problems_to_string (problems);
  /* The mismatched end tag is on line 3. */
  ck_assert_msg (g_str_has_prefix (text, "test.xml:3:"), "got: %s", text);
  ck_assert_ptr_nonnull (strstr (text, "mismatch"));
}
END_TEST

START_TEST (test_doctype_refused)
{
  g_autoptr(GPtrArray) problems = consult_problems_new ();
  xmlDoc *doc = parse_string ("<?xml version='1.0'?>\n"
                              "<!DOCTYPE a [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>\n"
                              "<a>&e;</a>\n", problems);

  ck_assert_ptr_null (doc);
  ck_assert_uint_eq (problems->len, 1);
  ck_assert_ptr_nonnull (strstr (first_message (problems), "DOCTYPE"));
  ck_assert_int_eq (((ConsultProblem *) g_ptr_array_index (problems, 0))->line, 2);
}
END_TEST

START_TEST (test_undeclared_entity_refused)
{
  g_autoptr(GPtrArray) problems = consult_problems_new ();
  xmlDoc *doc = parse_string ("<a>&secret;</a>", problems);

  ck_assert_ptr_null (doc);
  ck_assert_ptr_nonnull (strstr (first_message (problems), "secret"));
}
END_TEST

START_TEST (test_empty_refused)
{
  g_autoptr(GPtrArray) problems = consult_problems_new ();
  g_autofree char *text = NULL;

  ck_assert_ptr_null (parse_string ("", problems));
  text = consult_problems_to_string (problems);
  ck_assert_str_eq (text, "test.xml: the file is empty");
}
END_TEST

START_TEST (test_invalid_utf8_refused)
{
  g_autoptr(GPtrArray) problems = consult_problems_new ();

  ck_assert_ptr_null (parse_string ("<a>caf\xff\xfe</a>", problems));
  ck_assert_ptr_nonnull (strstr (first_message (problems), "UTF-8"));
}
END_TEST

START_TEST (test_deep_nesting_refused)
{
  g_autoptr(GPtrArray) problems = consult_problems_new ();
  GString *str = g_string_new (NULL);
  gint64 start;

  for (int i = 0; i < 100000; i++)
    g_string_append (str, "<a>");
  for (int i = 0; i < 100000; i++)
    g_string_append (str, "</a>");

  start = g_get_monotonic_time ();
  ck_assert_ptr_null (parse_string (str->str, problems));
  ck_assert_int_lt (g_get_monotonic_time () - start, G_USEC_PER_SEC);
  ck_assert_ptr_nonnull (strstr (first_message (problems), "depth"));
  g_string_free (str, TRUE);
}
END_TEST

START_TEST (test_problems_capped)
{
  g_autoptr(GPtrArray) problems = consult_problems_new ();

  for (int i = 0; i < 500; i++)
    consult_problems_add (problems, "f.xml", i + 1, 1, "problem %d", i);
  ck_assert_uint_eq (problems->len, CONSULT_XML_MAX_PROBLEMS + 1);
}
END_TEST

START_TEST (test_read_file_cap)
{
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "big.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *data = g_malloc0 (4096);

  ck_assert (g_file_set_contents (path, data, 4096, NULL));

  bytes = consult_xml_read_file (path, 1024, &error);
  ck_assert_ptr_null (bytes);
  ck_assert_error (error, CONSULT_XML_ERROR, CONSULT_XML_ERROR_TOO_LARGE);
  ck_assert (g_str_has_prefix (error->message, path));
  g_clear_error (&error);

  bytes = consult_xml_read_file (path, 4096, &error);
  ck_assert_ptr_nonnull (bytes);
  ck_assert_uint_eq (g_bytes_get_size (bytes), 4096);
}
END_TEST

START_TEST (test_read_file_refuses_fifo_and_missing)
{
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *fifo = g_build_filename (dir, "pipe.xml", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.xml", NULL);
  g_autoptr(GError) error = NULL;

  ck_assert_int_eq (mkfifo (fifo, 0600), 0);
  /* A FIFO with no writer would block a plain read forever. */
  ck_assert_ptr_null (consult_xml_read_file (fifo, 1024, &error));
  ck_assert_error (error, CONSULT_XML_ERROR, CONSULT_XML_ERROR_IO);
  ck_assert_ptr_nonnull (strstr (error->message, "not a regular file"));
  g_clear_error (&error);

  ck_assert_ptr_null (consult_xml_read_file (missing, 1024, &error));
  ck_assert (g_str_has_prefix (error->message, missing));
}
END_TEST

START_TEST (test_metainfo_bundled)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsultMetainfo) info = NULL;

  bytes = g_resources_lookup_data (RESOURCE_BASE "/metainfo.xml", 0, &error);
  ck_assert_ptr_nonnull (bytes);
  info = consult_metainfo_load_bytes (bytes, "metainfo.xml", &error);
  ck_assert_msg (info != NULL, "%s", error ? error->message : "");

  ck_assert_str_eq (info->name, "Consult");
  ck_assert_str_eq (info->project_license, "GPL-3.0-or-later");
  /* The newest release in the metainfo is the version being built. */
  ck_assert_str_eq (info->version, PACKAGE_VERSION);
  ck_assert_ptr_nonnull (info->release_notes);
  ck_assert_ptr_nonnull (info->homepage);
  ck_assert_ptr_nonnull (info->bugtracker);
}
END_TEST

START_TEST (test_metainfo_bad)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("<other/>", 8);

  ck_assert_ptr_null (consult_metainfo_load_bytes (bytes, "x.xml", &error));
  ck_assert_error (error, CONSULT_XML_ERROR, CONSULT_XML_ERROR_INVALID);
  ck_assert (g_str_has_prefix (error->message, "x.xml:1:"));
}
END_TEST

static Suite *
xml_suite (void)
{
  Suite *s = suite_create ("xml");
  TCase *tc = tcase_create ("parse");

  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_test (tc, test_parse_good);
  tcase_add_test (tc, test_problem_format);
  tcase_add_test (tc, test_doctype_refused);
  tcase_add_test (tc, test_undeclared_entity_refused);
  tcase_add_test (tc, test_empty_refused);
  tcase_add_test (tc, test_invalid_utf8_refused);
  tcase_add_test (tc, test_deep_nesting_refused);
  tcase_add_test (tc, test_problems_capped);
  tcase_add_test (tc, test_read_file_cap);
  tcase_add_test (tc, test_read_file_refuses_fifo_and_missing);
  tcase_add_test (tc, test_metainfo_bundled);
  tcase_add_test (tc, test_metainfo_bad);
  suite_add_tcase (s, tc);

  return s;
}

int
main (void)
{
  return consult_test_run_suite (xml_suite (), FALSE);
}
