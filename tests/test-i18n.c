/* test-i18n.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Translations: which content language goes with which UI language, the
 * translated content merged at build time, German summaries, and records
 * that keep the language they were signed in.
 *
 * The German cases need the de_DE.UTF-8 locale (./test generates it) and
 * the catalogues compiled in the build tree (CONSULT_LOCALEDIR).
 */

#include "consult-config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "consult-consultation.h"
#include "consult-content-loader.h"
#include "consult-i18n.h"
#include "consult-record.h"
#include "consult-summary-pdf.h"
#include "consult-test-utils.h"

#define GERMAN_LOCALE "de_DE.UTF-8"

/* Helpers */

static char *
strv_join (char **strv)
{
  return g_strjoinv (",", strv);
}

static void
assert_languages (const char         *lc_messages,
                  const char * const *names,
                  const char         *expected)
{
  g_auto(GStrv) languages = consult_i18n_content_languages_for (lc_messages, names);
  g_autofree char *joined = strv_join (languages);

  ck_assert_msg (g_strcmp0 (joined, expected) == 0,
                 "LC_MESSAGES=%s: got \"%s\", expected \"%s\"",
                 lc_messages ? lc_messages : "(null)", joined, expected);
}

/* Switches this (forked) test process to @lc_all and @language, as a user's
 * environment would, and rebinds the catalogues. */
static void
use_locale (const char *lc_all,
            const char *language)
{
  g_setenv ("LC_ALL", lc_all, TRUE);
  g_setenv ("LANGUAGE", language, TRUE);
  consult_i18n_init (NULL);
  if (strcmp (lc_all, "C") != 0)
    ck_assert_msg (g_strcmp0 (setlocale (LC_MESSAGES, NULL), lc_all) == 0,
                   "the %s locale is not installed (Debian: enable it in "
                   "/etc/locale.gen and run locale-gen)", lc_all);
}

/* The text of a PDF, white space squeezed. */
static char *
pdf_text (const char *path)
{
  g_autofree char *text = consult_test_pdf_text (path);

  return consult_test_squeeze_spaces (text);
}

static ConsultContent *
load_resource (const char *path)
{
  g_autoptr(GError) error = NULL;
  ConsultContent *content = consult_content_loader_load_resource (path, &error);

  ck_assert_msg (content != NULL, "%s: %s", path, error ? error->message : "");
  return content;
}

static ConsultContent *
load_translated (const char *lang)
{
  g_autofree char *path = g_strdup_printf (CONSULT_CONTENT_TRANSLATED_RESOURCE_FORMAT, lang);

  return load_resource (path);
}

static void
sign (ConsultConsultation *c,
      ConsultSigner        signer,
      const char          *name)
{
  ConsultSignature *signature = consult_consultation_get_signature (c, signer);
  g_autoptr(GError) error = NULL;
  gint64 t = 1000;

  consult_signature_begin_stroke (signature);
  for (double x = 40; x <= 520; x += 8)
    consult_signature_add_point (signature, x, 95 + 40 * sin (x / 14 + signer), 0.7, t += 12);
  consult_signature_end_stroke (signature);
  ck_assert_msg (consult_consultation_sign (c, signer, name, &error), "%s",
                 error ? error->message : "");
}

/* A complete consultation in @content's language: every question "no",
 * every statement ticked, signed by both. */
static ConsultConsultation *
new_signed (ConsultContent *content)
{
  ConsultConsultation *c = consult_consultation_new (content);
  GPtrArray *questions = consult_content_get_questions (content);
  GPtrArray *statements = consult_content_get_statements (content);
  const ConsultArea *area = g_ptr_array_index (consult_content_get_areas (content), 0);

  ck_assert (consult_consultation_set_consultation_date (c, "2026-11-29"));
  ck_assert (consult_consultation_set_client_name (c, "Clara Schumann"));
  ck_assert (consult_consultation_set_client_birth_date (c, "1990-09-13"));
  ck_assert (consult_consultation_set_practitioner_name (c, "Lise Meitner"));
  ck_assert (consult_consultation_set_area_selected (c, area->id, TRUE));
  for (guint i = 0; i < CONSULT_N_EXPLANATIONS; i++)
    ck_assert (consult_consultation_set_discussed (c, i, TRUE));
  for (guint i = 0; i < questions->len; i++)
    {
      const ConsultQuestion *question = g_ptr_array_index (questions, i);

      ck_assert (consult_consultation_set_answer (c, question->id, CONSULT_ANSWER_NO));
    }
  for (guint i = 0; i < statements->len; i++)
    {
      const ConsultStatement *statement = g_ptr_array_index (statements, i);

      ck_assert (consult_consultation_set_statement_accepted (c, statement->id, TRUE));
    }
  sign (c, CONSULT_SIGNER_CLIENT, "Clara Schumann");
  sign (c, CONSULT_SIGNER_PRACTITIONER, "Lise Meitner");
  ck_assert (consult_consultation_get_locked (c));

  return c;
}

static char *
export (ConsultConsultation *c)
{
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "summary.pdf", NULL);

  ck_assert_msg (consult_summary_export_pdf (c, NULL, path, &error), "%s",
                 error ? error->message : "");
  return path;
}

static const char *
first_statement_text (ConsultContent *content)
{
  const ConsultStatement *statement = g_ptr_array_index (consult_content_get_statements (content), 0);

  return statement->text.plain;
}

/* Choosing the content language */

START_TEST (test_languages_follow_messages_locale)
{
  const char *german[] = { "de_DE.UTF-8", "de_DE", "de.UTF-8", "de", "C", NULL };
  const char *swiss[] = { "de_CH", "de", "en", "C", NULL };
  const char *language_only[] = { "de", "C", NULL };
  const char *english[] = { "en_US.UTF-8", "en_US", "en.UTF-8", "en", "C", NULL };
  const char *odd[] = { "de/../../x", "", "de@euro", "fr", "C", "de", NULL };

  assert_languages ("de_DE.UTF-8", german, "de_DE,de");
  assert_languages ("de_CH.UTF-8", swiss, "de_CH,de,en");
  assert_languages ("en_US.UTF-8", english, "en_US,en");
  /* LANGUAGE=de with the C.UTF-8 locale: glibc translates, so do we. */
  assert_languages ("C.UTF-8", language_only, "de");
  /* LANGUAGE=de with LANG=C, or a locale that is not installed (setlocale
   * falls back to C): glibc shows English, and so must the content. */
  assert_languages ("C", language_only, "");
  assert_languages ("POSIX", language_only, "");
  assert_languages (NULL, language_only, "");
  /* Nothing that could leave the resource folder, nothing after "C". */
  assert_languages ("fr_FR.UTF-8", odd, "fr");
}
END_TEST

START_TEST (test_default_content_follows_ui)
{
  g_autoptr(ConsultContent) content = NULL;
  g_autofree char *path = NULL;

  use_locale (GERMAN_LOCALE, "");
  content = consult_content_load_default (NULL);
  ck_assert_ptr_nonnull (content);
  ck_assert_str_eq (consult_content_get_language (content), "de");
  /* The UI is German too: the same catalogue. */
  ck_assert_str_ne (_("Page %u of %u"), "Page %u of %u");
  g_clear_object (&content);

  /* LANGUAGE=de on the C.UTF-8 locale: gettext translates. */
  use_locale ("C.UTF-8", "de");
  content = consult_content_load_default (NULL);
  ck_assert_str_eq (consult_content_get_language (content), "de");
  g_clear_object (&content);

  /* LANGUAGE=de on the C locale: gettext does not, and the content stays
   * English with it. */
  use_locale ("C", "de");
  ck_assert_str_eq (_("Page %u of %u"), "Page %u of %u");
  path = consult_content_get_default_resource ();
  ck_assert_str_eq (path, CONSULT_CONTENT_DEFAULT_RESOURCE);
  content = consult_content_load_default (NULL);
  ck_assert_str_eq (consult_content_get_language (content), "en");
  g_clear_object (&content);

  /* A language with no translation: English. */
  use_locale ("C.UTF-8", "fr");
  content = consult_content_load_default (NULL);
  ck_assert_str_eq (consult_content_get_language (content), "en");
}
END_TEST

/* The translated content */

/* Each language of LINGUAS: the merged file loads (schema and loader
 * checks), says its language, and has every question and statement of the
 * English one, under the same ids, in the same order. */
START_TEST (test_translated_content_validates)
{
  g_auto(GStrv) linguas = g_strsplit (CONSULT_TEST_LINGUAS, " ", -1);
  g_autoptr(ConsultContent) english = load_resource (CONSULT_CONTENT_DEFAULT_RESOURCE);
  GPtrArray *en_questions = consult_content_get_questions (english);
  GPtrArray *en_statements = consult_content_get_statements (english);
  guint n_languages = 0;

  for (guint l = 0; linguas[l] != NULL; l++)
    {
      g_autoptr(ConsultContent) content = NULL;
      GPtrArray *questions;
      GPtrArray *statements;

      if (*linguas[l] == '\0')
        continue;
      n_languages++;
      content = load_translated (linguas[l]);
      ck_assert_str_eq (consult_content_get_language (content), linguas[l]);
      ck_assert_str_eq (consult_content_get_id (content), consult_content_get_id (english));
      ck_assert_str_eq (consult_content_get_version (content), consult_content_get_version (english));
      ck_assert_str_ne (consult_content_get_title (content)->plain,
                        consult_content_get_title (english)->plain);

      questions = consult_content_get_questions (content);
      statements = consult_content_get_statements (content);
      ck_assert_uint_eq (questions->len, en_questions->len);
      ck_assert_uint_eq (statements->len, en_statements->len);
      for (guint i = 0; i < questions->len; i++)
        {
          const ConsultQuestion *q = g_ptr_array_index (questions, i);
          const ConsultQuestion *en = g_ptr_array_index (en_questions, i);

          ck_assert_str_eq (q->id, en->id);
          ck_assert_int_eq (q->rule, en->rule);
        }
      for (guint i = 0; i < statements->len; i++)
        {
          const ConsultStatement *s = g_ptr_array_index (statements, i);
          const ConsultStatement *en = g_ptr_array_index (en_statements, i);

          ck_assert_str_eq (s->id, en->id);
          ck_assert_int_eq (s->required, en->required);
        }
    }
  /* LINGUAS lists German at least. */
  ck_assert_uint_ge (n_languages, 1);
}
END_TEST

/* German summaries */

/* tests/data/records/complete.xml, exported by the app itself under a
 * German locale: German headings and page numbers. */
START_TEST (test_export_complete_record_in_german)
{
  g_autofree char *record = consult_test_data_path ("records", "complete.xml", NULL);
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "complete.pdf", NULL);
  g_auto(GStrv) env = g_get_environ ();
  const char *argv[] = { g_getenv ("CONSULT_EXE"), "--export-pdf", pdf, record, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autofree char *page_one = NULL;
  int status;
  guint pages;

  env = g_environ_setenv (env, "LC_ALL", GERMAN_LOCALE, TRUE);
  env = g_environ_unsetenv (env, "LANGUAGE");
  ck_assert_msg (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error), "%s",
                 error ? error->message : "");
  ck_assert_msg (g_spawn_check_wait_status (status, NULL), "consult --export-pdf: %s", err);

  pages = consult_test_pdf_pages (pdf);
  ck_assert_uint_ge (pages, 2);
  text = pdf_text (pdf);
  page_one = g_strdup_printf ("Seite 1 von %u", pages);
  ck_assert_msg (strstr (text, page_one) != NULL, "no \"%s\" in:\n%.1500s", page_one, text);
  ck_assert_ptr_null (strstr (text, "Page 1 of"));
  /* Headings of the summary, in German. */
  for (const char * const *h = (const char * const[]) { "Einwilligung", "Gesundheitsfragen",
                                                        "Unterschriften", NULL }; *h; h++)
    ck_assert_msg (strstr (text, *h) != NULL, "no heading \"%s\" in:\n%.1500s", *h, text);
  /* The record is English: its wording stays as signed. */
  ck_assert_ptr_nonnull (strstr (text, "I consent to micro-needling"));
}
END_TEST

/* Records keep the language they were signed in */

/* Signed in German, saved, then opened and printed on an English desktop:
 * the headings follow the desktop, the wording is the German that was
 * signed. */
START_TEST (test_german_record_on_english_desktop)
{
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *record = g_build_filename (dir, "signed-de.consult.xml", NULL);
  g_autoptr(ConsultContent) german = NULL;
  g_autoptr(ConsultContent) english = NULL;
  g_autoptr(ConsultConsultation) signed_de = NULL;
  g_autoptr(ConsultConsultation) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *german_statement = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  char *cut;

  use_locale (GERMAN_LOCALE, "");
  german = consult_content_load_default (NULL);
  ck_assert_str_eq (consult_content_get_language (german), "de");
  signed_de = new_signed (german);
  ck_assert_msg (consult_record_save (signed_de, record, &error), "%s",
                 error ? error->message : "");
  german_statement = g_strdup (first_statement_text (german));

  /* Now an English desktop, with English content loaded. */
  use_locale ("C.UTF-8", "");
  english = consult_content_load_default (NULL);
  ck_assert_str_eq (consult_content_get_language (english), "en");

  reopened = consult_record_load_file (record, NULL, &error);
  ck_assert_msg (reopened != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (consult_content_get_language (consult_consultation_get_content (reopened)),
                    "de");
  ck_assert_str_eq (first_statement_text (consult_consultation_get_content (reopened)),
                    german_statement);

  pdf = export (reopened);
  text = pdf_text (pdf);
  expected = g_strdup_printf ("Page 1 of %u", consult_test_pdf_pages (pdf));
  ck_assert_msg (strstr (text, expected) != NULL, "no \"%s\" in:\n%.1500s", expected, text);
  ck_assert_ptr_null (strstr (text, "Seite 1 von"));
  /* The first words of the German statement, as signed (the PDF wraps the
   * rest). */
  cut = g_utf8_offset_to_pointer (german_statement, MIN (30, g_utf8_strlen (german_statement, -1)));
  *cut = '\0';
  ck_assert_msg (strstr (text, german_statement) != NULL, "no \"%s\" in:\n%.1500s",
                 german_statement, text);
  ck_assert_ptr_null (strstr (text, first_statement_text (english)));
}
END_TEST

static Suite *
i18n_suite (void)
{
  Suite *s = suite_create ("i18n");
  TCase *tc;

  tc = tcase_create ("languages");
  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_test (tc, test_languages_follow_messages_locale);
  tcase_add_test (tc, test_default_content_follows_ui);
  suite_add_tcase (s, tc);

  tc = tcase_create ("content");
  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_test (tc, test_translated_content_validates);
  suite_add_tcase (s, tc);

  tc = tcase_create ("summary");
  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_export_complete_record_in_german);
  tcase_add_test (tc, test_german_record_on_english_desktop);
  suite_add_tcase (s, tc);

  return s;
}

int
main (void)
{
  return consult_test_run_suite (i18n_suite (), FALSE);
}
