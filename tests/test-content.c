/* test-content.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The content loader: the shipped content and a second procedure load with
 * what they hold; every kind of schema and semantic error is reported at its
 * line; hostile and broken files are refused quickly, naming the file, and
 * nothing outside the file is ever read.
 */

#include "consult-config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "consult-content-loader.h"
#include "consult-test-utils.h"
#include "consult-validate.h"
#include "consult-xml.h"

/* A complete, valid procedure with a few holes, for documents built in the
 * tests. Holes, in order: xml:lang, the title's content, duration-min. */
#define MINIMAL_PROCEDURE \
  "<?xml version='1.0' encoding='UTF-8'?>\n" \
  "<procedure xmlns='urn:consult:procedure:1' id='t' version='1' xml:lang='%s'" \
  " reviewed='2026-01-01'>\n" \
  "  <title>%s</title>\n" \
  "  <summary>S</summary>\n" \
  "  <overview><description><para id='p'>P</para></description>\n" \
  "    <devices><device id='d'><name>D</name><description>DD</description></device>" \
  "</devices></overview>\n" \
  "  <indications><indication id='i'>I</indication></indications>\n" \
  "  <areas><area id='a'>A</area></areas>\n" \
  "  <steps duration-min='%s' duration-max='60'><step id='s'>S</step></steps>\n" \
  "  <results sessions-min='1' sessions-max='3' interval-min='4' interval-max='6'>" \
  "<milestone id='m'><when>W</when><text>T</text></milestone></results>\n" \
  "  <benefits><benefit id='b'>B</benefit></benefits>\n" \
  "  <side-effects><side-effect id='se' frequency='common'><text>T</text></side-effect>" \
  "</side-effects>\n" \
  "  <aftercare><window id='w'><label>L</label><instruction id='in'>I</instruction></window>" \
  "</aftercare>\n" \
  "  <alternatives><alternative id='al'>A</alternative></alternatives>\n" \
  "  <screening><question id='q' rule='exclude'><ask>Q?</ask><label>Q</label></question>" \
  "</screening>\n" \
  "  <consent><statement id='st' required='true'>I agree.</statement></consent>\n" \
  "  <references><reference id='r' kind='seed'>R</reference></references>\n" \
  "</procedure>\n"

static ConsultContent *
load_string (const char  *text,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return consult_content_loader_load_bytes (bytes, "test.xml", error);
}

static ConsultContent *
load_minimal (const char  *lang,
              const char  *title,
              const char  *duration_min,
              GError     **error)
{
  g_autofree char *text = g_strdup_printf (MINIMAL_PROCEDURE, lang, title, duration_min);

  return load_string (text, error);
}

static char *
content_path (const char *name)
{
  return g_build_filename (g_getenv ("CONSULT_TEST_SRCDIR"), "..", "content", name, NULL);
}

static gboolean
any_line_has_prefix (const char *text,
                     const char *prefix,
                     const char *word)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix) && (word == NULL || strstr (lines[i], word) != NULL))
      return TRUE;

  return FALSE;
}

/* The shipped content */

START_TEST (test_default_loads)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsultContent) content = consult_content_load_default (&error);

  ck_assert_msg (content != NULL, "%s", error ? error->message : "");

  ck_assert_str_eq (consult_content_get_id (content), "microneedling");
  ck_assert_str_eq (consult_content_get_version (content), "1.0");
  ck_assert_str_eq (consult_content_get_language (content), "en");
  ck_assert_str_eq (consult_content_get_reviewed (content), "2026-11-01");
  ck_assert_str_eq (consult_content_get_source_name (content),
                    "resource://" CONSULT_CONTENT_DEFAULT_RESOURCE);
  ck_assert_str_eq (consult_content_get_title (content)->plain, "Micro-needling");
  ck_assert_str_eq (consult_content_get_title (content)->markup, "Micro-needling");
  ck_assert (g_str_has_prefix (consult_content_get_summary (content)->plain,
                               "Micro-needling is a skin treatment in which"));

  /* Each list, counted in content/microneedling.xml: one item gone missing
   * (a question silently dropped, say) fails here. */
  ck_assert_uint_eq (consult_content_get_description (content)->len, 7);
  ck_assert_uint_eq (consult_content_get_other_names (content)->len, 2);
  ck_assert_uint_eq (consult_content_get_devices (content)->len, 2);
  ck_assert_uint_eq (consult_content_get_indications (content)->len, 7);
  ck_assert_uint_eq (consult_content_get_areas (content)->len, 5);
  ck_assert_uint_eq (consult_content_get_steps (content)->len, 7);
  ck_assert_uint_eq (consult_content_get_milestones (content)->len, 2);
  ck_assert_uint_eq (consult_content_get_benefits (content)->len, 9);
  ck_assert_uint_eq (consult_content_get_side_effects (content)->len, 21);
  ck_assert_uint_eq (consult_content_get_aftercare (content)->len, 5);
  ck_assert_uint_eq (consult_content_get_alternatives (content)->len, 2);
  ck_assert_uint_eq (consult_content_get_questions (content)->len, 33);
  ck_assert_uint_eq (consult_content_get_statements (content)->len, 13);
  ck_assert_uint_eq (consult_content_get_references (content)->len, 16);
}
END_TEST

START_TEST (test_default_details)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsultContent) content = consult_content_load_default (&error);
  GPtrArray *questions, *statements, *aftercare;
  guint instructions = 0, required = 0, photography = 0;
  guint rules[3] = { 0 };

  ck_assert_msg (content != NULL, "%s", error ? error->message : "");

  ck_assert_uint_eq (consult_content_get_duration_min (content), 10);
  ck_assert_uint_eq (consult_content_get_duration_max (content), 60);
  ck_assert_uint_eq (consult_content_get_sessions_min (content), 1);
  ck_assert_uint_eq (consult_content_get_sessions_max (content), 6);
  ck_assert_uint_eq (consult_content_get_interval_min (content), 2);
  ck_assert_uint_eq (consult_content_get_interval_max (content), 6);
  ck_assert_str_ne (consult_content_get_course_note (content)->plain, "");

  aftercare = consult_content_get_aftercare (content);
  for (guint i = 0; i < aftercare->len; i++)
    instructions += ((ConsultAftercareWindow *) g_ptr_array_index (aftercare, i))->instructions->len;
  ck_assert_uint_eq (instructions, 11);

  questions = consult_content_get_questions (content);
  for (guint i = 0; i < questions->len; i++)
    {
      const ConsultQuestion *question = g_ptr_array_index (questions, i);

      rules[question->rule]++;
      ck_assert_str_ne (question->question.plain, "");
      ck_assert_str_ne (question->label.plain, "");
      if (question->rule != CONSULT_RULE_EXCLUDE)
        ck_assert_str_ne (question->action.plain, "");
      ck_assert_ptr_eq (consult_content_find_question (content, question->id), question);
    }
  ck_assert_uint_eq (rules[CONSULT_RULE_EXCLUDE], 18);
  ck_assert_uint_eq (rules[CONSULT_RULE_DEFER], 9);
  ck_assert_uint_eq (rules[CONSULT_RULE_CAUTION], 6);

  statements = consult_content_get_statements (content);
  for (guint i = 0; i < statements->len; i++)
    {
      const ConsultStatement *statement = g_ptr_array_index (statements, i);

      required += statement->required;
      photography += statement->kind == CONSULT_STATEMENT_PHOTOGRAPHY;
      ck_assert_ptr_eq (consult_content_find_statement (content, statement->id), statement);
    }
  ck_assert_uint_eq (required, 12);
  ck_assert_uint_eq (photography, 1);

  ck_assert_ptr_nonnull (consult_content_find_reference (content, "seed"));
  ck_assert_str_eq (consult_content_find_reference (content, "seed")->kind, "seed");
  ck_assert_ptr_null (consult_content_find_reference (content, "no-such-reference"));
  ck_assert_ptr_null (consult_content_find_question (content, "no-such-question"));
  ck_assert_ptr_null (consult_content_find_area (content, "no-such-area"));
  ck_assert_ptr_nonnull (consult_content_find_area (content,
                                                    ((ConsultArea *) g_ptr_array_index (
                                                      consult_content_get_areas (content), 0))->id));
}
END_TEST

/* The GResource holds the file byte for byte: the SHA-256 stored in records
 * is that of content/microneedling.xml as shipped. */
START_TEST (test_default_matches_file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsultContent) shipped = consult_content_load_default (&error);
  g_autofree char *path = content_path ("microneedling.xml");
  g_autoptr(ConsultContent) from_file = NULL;
  g_autofree char *data = NULL;
  g_autofree char *sha256 = NULL;
  gsize length;

  ck_assert_msg (shipped != NULL, "%s", error ? error->message : "");
  from_file = consult_content_loader_load_file (path, &error);
  ck_assert_msg (from_file != NULL, "%s", error ? error->message : "");

  ck_assert (g_file_get_contents (path, &data, &length, NULL));
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
  ck_assert_str_eq (consult_content_get_sha256 (shipped), sha256);
  ck_assert_str_eq (consult_content_get_sha256 (from_file), sha256);
  ck_assert_uint_eq (strlen (sha256), 64);
  ck_assert_str_eq (consult_content_get_source_name (from_file), path);
}
END_TEST

START_TEST (test_check_bytes_shipped)
{
  g_autoptr(GPtrArray) problems = consult_problems_new ();
  g_autoptr(GBytes) bytes = g_resources_lookup_data (CONSULT_CONTENT_DEFAULT_RESOURCE, 0, NULL);

  ck_assert_ptr_nonnull (bytes);
  ck_assert (consult_content_loader_check_bytes (bytes, "microneedling.xml", problems));
  ck_assert_uint_eq (problems->len, 0);
}
END_TEST

/* The app is driven by its content: another procedure loads through the
 * same code and gives other answers. */
START_TEST (test_second_procedure)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = consult_test_data_path ("content", "peel.xml", NULL);
  g_autoptr(ConsultContent) content = consult_content_loader_load_file (path, &error);

  ck_assert_msg (content != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (consult_content_get_id (content), "superficial-peel");
  ck_assert_str_eq (consult_content_get_title (content)->plain, "Superficial chemical peel");
  ck_assert_uint_eq (consult_content_get_areas (content)->len, 3);
  ck_assert_uint_eq (consult_content_get_steps (content)->len, 4);
  ck_assert_uint_eq (consult_content_get_side_effects (content)->len, 5);
  ck_assert_uint_eq (consult_content_get_questions (content)->len, 4);
  ck_assert_uint_eq (consult_content_get_statements (content)->len, 3);
  ck_assert_uint_eq (consult_content_get_references (content)->len, 3);
}
END_TEST

START_TEST (test_content_finalized)
{
  g_autoptr(GError) error = NULL;
  ConsultContent *content = consult_content_load_default (&error);
  gpointer weak = content;

  ck_assert_ptr_nonnull (content);
  g_object_add_weak_pointer (G_OBJECT (content), &weak);
  g_object_unref (content);
  ck_assert_ptr_null (weak);
}
END_TEST

START_TEST (test_missing_resource)
{
  g_autoptr(GError) error = NULL;

  ck_assert_ptr_null (consult_content_loader_load_resource ("/no/such/content.xml", &error));
  ck_assert_error (error, G_RESOURCE_ERROR, G_RESOURCE_ERROR_NOT_FOUND);
}
END_TEST

/* Text */

START_TEST (test_text_markup)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsultContent) content = NULL;
  const ConsultText *title;

  content = load_minimal ("en",
                          "\n    Fish &amp; <em>chips</em>,\n\t &lt;b&gt;not bold&lt;/b&gt;"
                          " <em> and </em>  <em>peas </em>  ",
                          "10", &error);
  ck_assert_msg (content != NULL, "%s", error ? error->message : "");

  title = consult_content_get_title (content);
  ck_assert_str_eq (title->plain, "Fish & chips, <b>not bold</b> and peas");
  /* Emphasis becomes Pango's <i>; everything else is escaped, and spaces
   * at the edges of an emphasis stay outside it. */
  ck_assert_str_eq (title->markup,
                    "Fish &amp; <i>chips</i>, &lt;b&gt;not bold&lt;/b&gt; <i>and peas</i>");
}
END_TEST

START_TEST (test_text_absent_is_empty)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsultContent) content = load_minimal ("en", "T", "10", &error);
  const ConsultQuestion *question;

  ck_assert_msg (content != NULL, "%s", error ? error->message : "");
  question = consult_content_find_question (content, "q");
  ck_assert_ptr_nonnull (question);
  ck_assert_str_eq (question->note.plain, "");
  ck_assert_str_eq (question->note.markup, "");
  ck_assert_str_eq (question->action.plain, "");
  ck_assert_ptr_nonnull (question->refs);
  ck_assert_ptr_null (question->refs[0]);
  ck_assert_str_eq (consult_content_get_course_note (content)->plain, "");
  ck_assert_uint_eq (consult_content_get_other_names (content)->len, 0);
}
END_TEST

/* Semantic checks */

START_TEST (test_language_tags)
{
  const char *good[] = { "en", "de-CH", "zh-Hant-TW", "sr-Latn", "fil" };
  const char *bad[] = { "english", "e", "en_GB", "en-", "-en", "en-toolongsubtag", "12" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ConsultContent) content = load_minimal (good[i], "T", "10", &error);

      ck_assert_msg (content != NULL, "%s: %s", good[i], error ? error->message : "");
      ck_assert_str_eq (consult_content_get_language (content), good[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ConsultContent) content = load_minimal (bad[i], "T", "10", &error);

      ck_assert_msg (content == NULL, "%s was taken for a language tag", bad[i]);
      ck_assert_error (error, CONSULT_XML_ERROR, CONSULT_XML_ERROR_INVALID);
      ck_assert_msg (g_str_has_prefix (error->message, "test.xml:2:1: xml:lang"),
                     "%s", error->message);
    }
}
END_TEST

START_TEST (test_number_too_large)
{
  g_autoptr(GError) error = NULL;

  /* Valid as an xs:positiveInteger, but no session lasts that long. */
  ck_assert_ptr_null (load_minimal ("en", "T", "99999999999999999999", &error));
  ck_assert_error (error, CONSULT_XML_ERROR, CONSULT_XML_ERROR_INVALID);
  ck_assert_msg (strstr (error->message, "duration-min is too large") != NULL,
                 "%s", error->message);
}
END_TEST

START_TEST (test_several_problems)
{
  g_autofree char *path = consult_test_data_path ("content", "several-problems.xml", NULL);
  g_autoptr(GPtrArray) problems = consult_problems_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  const struct { int line; const char *word; } expected[] = {
    { 29, "sessions-min" },
    { 39, "missing-source" },
    { 57, "duplicate" },
  };

  ck_assert (!consult_validate_file (path, problems));
  ck_assert_uint_eq (problems->len, G_N_ELEMENTS (expected));
  /* In the order of the file, each at its element. */
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      ConsultProblem *problem = g_ptr_array_index (problems, i);

      ck_assert_str_eq (problem->file, path);
      ck_assert_int_eq (problem->line, expected[i].line);
      ck_assert_int_gt (problem->column, 1);
      ck_assert_msg (strstr (problem->message, expected[i].word) != NULL, "%s", problem->message);
    }

  /* The loader's error holds the same lines. */
  ck_assert_ptr_null (consult_content_loader_load_file (path, &error));
  ck_assert_error (error, CONSULT_XML_ERROR, CONSULT_XML_ERROR_INVALID);
  lines = g_strsplit (error->message, "\n", -1);
  ck_assert_uint_eq (g_strv_length (lines), 3);
}
END_TEST

START_TEST (test_enumeration_names_values)
{
  g_autofree char *path = consult_test_data_path ("content", "bad", "bad-frequency.xml", NULL);
  g_autoptr(GError) error = NULL;

  /* libxml2 lists the allowed values in braces; they must survive. */
  ck_assert_ptr_null (consult_content_loader_load_file (path, &error));
  ck_assert_msg (strstr (error->message, "'common', 'uncommon', 'rare'") != NULL,
                 "%s", error->message);
}
END_TEST

/* Broken files: each names the line where it is broken and a word the
 * message must hold, in a comment <!-- expect: LINE:word -->, so that a new
 * file in tests/data/content/bad is a new case. */

static GPtrArray *bad_files;
static GPtrArray *hostile_files;

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
list_files (const char *dir_name)
{
  /* Called from main, where check's asserts (in consult_test_data_path)
   * cannot be used. */
  const char *srcdir = g_getenv ("CONSULT_TEST_SRCDIR");
  g_autofree char *dir_path = g_build_filename (srcdir ? srcdir : ".", "data", "content",
                                                dir_name, NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (files, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (files, compare_paths);

  return files;
}

static gboolean
parse_expectation (const char  *path,
                   int         *line,
                   char       **word)
{
  g_autofree char *data = NULL;
  g_autofree char *expectation = NULL;
  g_auto(GStrv) parts = NULL;
  const char *start, *end;

  if (!g_file_get_contents (path, &data, NULL, NULL))
    return FALSE;

  start = strstr (data, "<!-- expect: ");
  if (start == NULL)
    return FALSE;
  start += strlen ("<!-- expect: ");
  end = strstr (start, " -->");
  if (end == NULL)
    return FALSE;

  expectation = g_strndup (start, end - start);
  parts = g_strsplit (expectation, ":", 2);
  if (g_strv_length (parts) != 2)
    return FALSE;

  *line = atoi (parts[0]);
  *word = g_strdup (parts[1]);
  return *line > 0 && **word != '\0';
}

START_TEST (test_bad_file)
{
  const char *path = g_ptr_array_index (bad_files, _i);
  g_autoptr(GPtrArray) problems = consult_problems_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsultContent) content = NULL;
  g_autofree char *word = NULL;
  g_autofree char *prefix = NULL;
  gboolean found = FALSE;
  int line = 0;

  ck_assert_msg (parse_expectation (path, &line, &word),
                 "%s has no <!-- expect: LINE:word --> comment", path);

  /* The loader, as the app uses it. */
  content = consult_content_loader_load_file (path, &error);
  ck_assert_msg (content == NULL, "%s was accepted", path);
  ck_assert_ptr_nonnull (error);
  ck_assert (error->domain == CONSULT_XML_ERROR);
  prefix = g_strdup_printf ("%s:%d:", path, line);
  /* A root element that is not a procedure is the validator's to name;
   * the loader only says that it expected one. */
  ck_assert_msg (any_line_has_prefix (error->message, prefix, NULL),
                 "%s: expected a problem at line %d, got:\n%s", path, line, error->message);

  /* consult --validate, with the word. */
  ck_assert (!consult_validate_file (path, problems));
  for (guint i = 0; i < problems->len; i++)
    {
      ConsultProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *text = consult_problem_to_string (problem);

      ck_assert_str_eq (problem->file, path);
      if (problem->line == line && strstr (problem->message, word) != NULL)
        {
          ck_assert (g_str_has_prefix (text, prefix));
          found = TRUE;
        }
    }
  ck_assert_msg (found, "%s: no problem at line %d with “%s”, got:\n%s", path, line, word,
                 consult_problems_to_string (problems));
}
END_TEST

/* Hostile files: refused fast, naming the file. */

START_TEST (test_hostile_file)
{
  const char *path = g_ptr_array_index (hostile_files, _i);
  g_autoptr(GPtrArray) problems = consult_problems_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsultContent) content = NULL;
  gint64 start;

  start = g_get_monotonic_time ();
  content = consult_content_loader_load_file (path, &error);
  ck_assert_msg (g_get_monotonic_time () - start < G_USEC_PER_SEC / 2,
                 "%s took %" G_GINT64_FORMAT " µs", path, g_get_monotonic_time () - start);
  ck_assert_msg (content == NULL, "%s was accepted", path);
  ck_assert_ptr_nonnull (error);
  ck_assert_msg (g_str_has_prefix (error->message, path), "%s", error->message);
  ck_assert_ptr_null (strstr (error->message, "root:x:0:0"));

  start = g_get_monotonic_time ();
  ck_assert (!consult_validate_file (path, problems));
  ck_assert_int_lt (g_get_monotonic_time () - start, G_USEC_PER_SEC / 2);
  ck_assert_uint_gt (problems->len, 0);
  for (guint i = 0; i < problems->len; i++)
    ck_assert_str_eq (((ConsultProblem *) g_ptr_array_index (problems, i))->file, path);
}
END_TEST

START_TEST (test_deep_nesting)
{
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "deep.xml", NULL);
  g_autoptr(GString) str = g_string_new ("<procedure xmlns='urn:consult:procedure:1'>");
  g_autoptr(GError) error = NULL;
  gint64 start;

  for (int i = 0; i < 100000; i++)
    g_string_append (str, "<title>");
  for (int i = 0; i < 100000; i++)
    g_string_append (str, "</title>");
  g_string_append (str, "</procedure>\n");
  ck_assert (g_file_set_contents (path, str->str, str->len, NULL));

  start = g_get_monotonic_time ();
  ck_assert_ptr_null (consult_content_loader_load_file (path, &error));
  ck_assert_int_lt (g_get_monotonic_time () - start, G_USEC_PER_SEC / 2);
  ck_assert_error (error, CONSULT_XML_ERROR, CONSULT_XML_ERROR_MALFORMED);
  ck_assert_msg (g_str_has_prefix (error->message, path), "%s", error->message);
  ck_assert_msg (strstr (error->message, "depth") != NULL, "%s", error->message);
}
END_TEST

START_TEST (test_huge_file)
{
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "huge.xml", NULL);
  g_autoptr(GPtrArray) problems = consult_problems_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const gsize size = 40 * 1024 * 1024;
  const char head[] = "<procedure xmlns='urn:consult:procedure:1'><title>";
  char *data;
  gint64 start;

  /* A well-formed start, then 40 MB of text: the size alone refuses it. */
  data = g_malloc (size);
  memset (data, 'a', size);
  memcpy (data, head, strlen (head));
  bytes = g_bytes_new_take (data, size);
  ck_assert (g_file_set_contents (path, data, size, NULL));

  start = g_get_monotonic_time ();
  ck_assert_ptr_null (consult_content_loader_load_file (path, &error));
  ck_assert_int_lt (g_get_monotonic_time () - start, G_USEC_PER_SEC / 2);
  ck_assert_error (error, CONSULT_XML_ERROR, CONSULT_XML_ERROR_TOO_LARGE);
  ck_assert_msg (g_str_has_prefix (error->message, path), "%s", error->message);
  ck_assert_ptr_nonnull (strstr (error->message, "too large"));
  g_clear_error (&error);

  ck_assert (!consult_validate_file (path, problems));
  ck_assert_uint_eq (problems->len, 1);
  ck_assert_ptr_nonnull (strstr (((ConsultProblem *) g_ptr_array_index (problems, 0))->message,
                                 "too large"));

  /* Already in memory, it is refused all the same. */
  start = g_get_monotonic_time ();
  ck_assert_ptr_null (consult_content_loader_load_bytes (bytes, "huge.xml", &error));
  ck_assert_int_lt (g_get_monotonic_time () - start, G_USEC_PER_SEC / 2);
  ck_assert (g_str_has_prefix (error->message, "huge.xml: "));
}
END_TEST

/* Nothing outside the file: a DTD, an external entity and an XInclude all
 * point at a file holding a marker. The marker must appear nowhere; the same
 * references to a FIFO with no writer would hang any attempt to read it. */
START_TEST (test_nothing_read_from_outside)
{
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *secret = g_build_filename (dir, "secret.txt", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo.txt", NULL);
  const char *marker = "CONSULT-SECRET-MARKER-7f3a9c";
  const char *targets[] = { secret, fifo };

  ck_assert (g_file_set_contents (secret, marker, -1, NULL));
  ck_assert_int_eq (mkfifo (fifo, 0600), 0);

  for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
    {
      g_autofree char *uri = g_filename_to_uri (targets[t], NULL, NULL);
      g_autofree char *entity = g_strdup_printf (
        "<?xml version='1.0'?>\n"
        "<!DOCTYPE procedure [<!ENTITY e SYSTEM '%s'>]>\n"
        "<procedure xmlns='urn:consult:procedure:1'><title>&e;</title></procedure>\n", uri);
      g_autofree char *parameter = g_strdup_printf (
        "<?xml version='1.0'?>\n"
        "<!DOCTYPE procedure [<!ENTITY %% p SYSTEM '%s'> %%p;]>\n"
        "<procedure xmlns='urn:consult:procedure:1'/>\n", uri);
      g_autofree char *external_dtd = g_strdup_printf (
        "<?xml version='1.0'?>\n"
        "<!DOCTYPE procedure SYSTEM '%s'>\n"
        "<procedure xmlns='urn:consult:procedure:1'/>\n", uri);
      g_autofree char *include = g_strdup_printf (
        "<xi:include xmlns:xi='http://www.w3.org/2001/XInclude' parse='text' href='%s'/>", uri);
      g_autofree char *xinclude_doc = g_strdup_printf (MINIMAL_PROCEDURE, "en", include, "10");
      const char *docs[4];

      docs[0] = entity;
      docs[1] = parameter;
      docs[2] = external_dtd;
      docs[3] = xinclude_doc;

      for (guint d = 0; d < G_N_ELEMENTS (docs); d++)
        {
          g_autofree char *path = g_strdup_printf ("%s/doc-%u-%u.xml", dir, t, d);
          g_autoptr(GPtrArray) problems = consult_problems_new ();
          g_autoptr(GError) error = NULL;
          g_autofree char *text = NULL;
          gint64 start;

          ck_assert (g_file_set_contents (path, docs[d], -1, NULL));

          start = g_get_monotonic_time ();
          ck_assert_ptr_null (consult_content_loader_load_file (path, &error));
          ck_assert_int_lt (g_get_monotonic_time () - start, G_USEC_PER_SEC / 2);
          ck_assert_ptr_nonnull (error);
          ck_assert_msg (strstr (error->message, marker) == NULL, "%s", error->message);
          ck_assert (g_str_has_prefix (error->message, path));

          ck_assert (!consult_validate_file (path, problems));
          text = consult_problems_to_string (problems);
          ck_assert_msg (strstr (text, marker) == NULL, "%s", text);
        }
    }
}
END_TEST

static Suite *
content_suite (void)
{
  Suite *s = suite_create ("content");
  TCase *tc;

  tc = tcase_create ("shipped");
  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_test (tc, test_default_loads);
  tcase_add_test (tc, test_default_details);
  tcase_add_test (tc, test_default_matches_file);
  tcase_add_test (tc, test_check_bytes_shipped);
  tcase_add_test (tc, test_second_procedure);
  tcase_add_test (tc, test_content_finalized);
  tcase_add_test (tc, test_missing_resource);
  suite_add_tcase (s, tc);

  tc = tcase_create ("text");
  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_test (tc, test_text_markup);
  tcase_add_test (tc, test_text_absent_is_empty);
  suite_add_tcase (s, tc);

  tc = tcase_create ("semantic");
  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_test (tc, test_language_tags);
  tcase_add_test (tc, test_number_too_large);
  tcase_add_test (tc, test_several_problems);
  tcase_add_test (tc, test_enumeration_names_values);
  suite_add_tcase (s, tc);

  tc = tcase_create ("bad");
  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_loop_test (tc, test_bad_file, 0, bad_files->len);
  suite_add_tcase (s, tc);

  tc = tcase_create ("hostile");
  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_loop_test (tc, test_hostile_file, 0, hostile_files->len);
  tcase_add_test (tc, test_deep_nesting);
  tcase_add_test (tc, test_huge_file);
  /* A read of the FIFO would block: fail fast instead of after a minute. */
  tcase_add_test (tc, test_nothing_read_from_outside);
  tcase_set_timeout (tc, 20);
  suite_add_tcase (s, tc);

  return s;
}

int
main (void)
{
  Suite *suite;

  bad_files = list_files ("bad");
  hostile_files = list_files ("hostile");
  if (bad_files->len == 0 || hostile_files->len == 0)
    {
      g_printerr ("tests/data/content/bad or hostile is empty\n");
      return 1;
    }

  suite = content_suite ();
  return consult_test_run_suite (suite, FALSE);
}
