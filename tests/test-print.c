/* test-print.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Printing and exporting the summary from the window: the print operation
 * writing a PDF with no dialog, the exported PDF's metadata, the export
 * running in a worker thread while the window stays responsive, the
 * warning before a draft goes out, and the page setup kept between runs
 * and used by consult --print.
 */

#include "consult-config.h"

#include <string.h>
#include <sys/stat.h>
#include <adwaita.h>

#include "consult-application.h"
#include "consult-consultation.h"
#include "consult-content-loader.h"
#include "consult-print.h"
#include "consult-test-utils.h"
#include "consult-window-private.h"

#define CLIENT_NAME "Jane Example"
#define CLINIC_NAME "Harbour Skin Clinic"

typedef struct {
  ConsultApplication *app;
  ConsultWindow *window;
  ConsultConsultation *consultation;
  GSettings *settings;
  char *tmpdir;
} Fixture;

static Fixture fx;

static void
print_setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsultContent) content = NULL;

  /* The fixture gives the test a user data folder of its own, where the
   * page setup is saved and restored. */
  consult_test_setup_gtk ();
  fx.tmpdir = consult_test_make_tmpdir ();

  fx.app = consult_application_new ();
  g_application_set_flags (G_APPLICATION (fx.app),
                           g_application_get_flags (G_APPLICATION (fx.app)) | G_APPLICATION_NON_UNIQUE);
  ck_assert (g_application_register (G_APPLICATION (fx.app), NULL, &error));
  fx.settings = consult_application_get_settings (fx.app);
  g_settings_set_string (fx.settings, "clinic-name", CLINIC_NAME);

  content = consult_content_load_default (&error);
  ck_assert_msg (content != NULL, "%s", error ? error->message : "");

  fx.window = g_object_new (CONSULT_TYPE_WINDOW,
                            "application", fx.app,
                            "settings", fx.settings,
                            "content", content,
                            NULL);
  gtk_window_set_default_size (GTK_WINDOW (fx.window), 1024, 768);
  gtk_window_present (GTK_WINDOW (fx.window));
  consult_test_wait_for_frame (fx.window);
  fx.consultation = consult_window_get_consultation (fx.window);
  ck_assert_ptr_nonnull (fx.consultation);
  ck_assert (consult_consultation_set_client_name (fx.consultation, CLIENT_NAME));
}

static void
print_teardown (void)
{
  if (fx.consultation != NULL)
    consult_consultation_set_modified (fx.consultation, FALSE);
  if (fx.window != NULL)
    gtk_window_destroy (GTK_WINDOW (fx.window));
  g_clear_object (&fx.app);
  g_free (fx.tmpdir);
  memset (&fx, 0, sizeof fx);
}

/* The standard output of @tool run on @path. */
static char *
run_tool (const char *tool,
          const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *quoted = g_shell_quote (path);
  g_autofree char *command = NULL;
  char *out = NULL;
  int status = 0;

  if (strcmp (tool, "pdftotext") == 0)
    command = g_strdup_printf ("pdftotext -enc UTF-8 %s -", quoted);
  else
    command = g_strdup_printf ("%s %s", tool, quoted);

  ck_assert_msg (g_spawn_command_line_sync (command, &out, NULL, &status, &error),
                 "%s: %s", command, error ? error->message : "");
  ck_assert_msg (g_spawn_check_wait_status (status, NULL), "%s failed", command);

  return out;
}

/* The value of @field ("Pages", "Title", ...) in pdfinfo's output. */
static char *
pdfinfo_field (const char *info,
               const char *field)
{
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);
  g_autofree char *prefix = g_strconcat (field, ":", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strstrip (g_strdup (lines[i] + strlen (prefix)));

  ck_abort_msg ("no %s in pdfinfo's output:\n%s", field, info);
  return NULL;
}

START_TEST (test_print_operation_exports_summary)
{
  g_autoptr(ConsultPrintOperation) operation = NULL;
  g_autoptr(ConsultSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fx.tmpdir, "printed.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autofree char *pages = NULL;
  g_autofree char *expected = NULL;
  GtkPageSetup *page_setup;
  GtkPrintOperationResult result;
  guint n_pages;

  operation = consult_print_operation_new (fx.consultation, fx.settings);
  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), path);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                                    GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  ck_assert_msg (result == GTK_PRINT_OPERATION_RESULT_APPLY, "%s",
                 error ? error->message : "not applied");
  ck_assert (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  text = run_tool ("pdftotext", path);
  ck_assert_msg (strstr (text, CLIENT_NAME) != NULL, "no client name in:\n%s", text);
  ck_assert_msg (strstr (text, "Page 1 of") != NULL, "no page footer in:\n%s", text);

  /* As many pages as the summary lays out on the printable area of the
   * same page setup. */
  page_setup = gtk_print_operation_get_default_page_setup (GTK_PRINT_OPERATION (operation));
  summary = consult_summary_new (fx.consultation, NULL);
  n_pages = consult_summary_paginate (summary, NULL,
                                      gtk_page_setup_get_page_width (page_setup, GTK_UNIT_POINTS),
                                      gtk_page_setup_get_page_height (page_setup, GTK_UNIT_POINTS),
                                      0, 0, 0, 0);
  ck_assert_uint_eq (consult_summary_get_n_pages (summary), n_pages);
  ck_assert_uint_eq (consult_summary_get_n_pages (consult_print_operation_get_summary (operation)),
                     n_pages);
  info = run_tool ("pdfinfo", path);
  pages = pdfinfo_field (info, "Pages");
  expected = g_strdup_printf ("%u", n_pages);
  ck_assert_str_eq (pages, expected);
}
END_TEST

START_TEST (test_print_default_page_setup)
{
  g_autoptr(ConsultPrintOperation) operation = NULL;
  GtkPageSetup *page_setup;

  /* Nothing saved yet: the locale's paper (A4 for C.UTF-8), with the
   * app's margins. */
  operation = consult_print_operation_new (fx.consultation, fx.settings);
  page_setup = gtk_print_operation_get_default_page_setup (GTK_PRINT_OPERATION (operation));
  ck_assert_ptr_nonnull (page_setup);
  ck_assert_str_eq (gtk_paper_size_get_name (gtk_page_setup_get_paper_size (page_setup)),
                    GTK_PAPER_NAME_A4);
  ck_assert_double_eq_tol (gtk_page_setup_get_top_margin (page_setup, GTK_UNIT_MM),
                           CONSULT_PRINT_MIN_MARGIN_MM, 0.01);
  ck_assert_double_eq_tol (gtk_page_setup_get_left_margin (page_setup, GTK_UNIT_MM),
                           CONSULT_PRINT_MIN_MARGIN_MM, 0.01);
}
END_TEST

START_TEST (test_print_page_setup_persists)
{
  g_autoptr(ConsultPrintOperation) operation = NULL;
  g_autoptr(ConsultPrintOperation) again = NULL;
  g_autoptr(GtkPageSetup) page_setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (GTK_PAPER_NAME_LETTER);
  g_autoptr(GtkPrintSettings) print_settings = gtk_print_settings_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "consult", NULL);
  g_autofree char *setup_file = g_build_filename (dir, "page-setup.ini", NULL);
  g_autofree char *settings_file = g_build_filename (dir, "print-settings.ini", NULL);
  GtkPageSetup *restored;
  GtkPrintSettings *restored_settings;
  struct stat st;

  operation = consult_print_operation_new (fx.consultation, fx.settings);
  gtk_page_setup_set_paper_size (page_setup, paper);
  gtk_page_setup_set_orientation (page_setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (operation), page_setup);
  gtk_print_settings_set_n_copies (print_settings, 3);
  gtk_print_operation_set_print_settings (GTK_PRINT_OPERATION (operation), print_settings);
  ck_assert_msg (consult_print_operation_save (operation, &error), "%s",
                 error ? error->message : "");

  ck_assert (g_file_test (setup_file, G_FILE_TEST_IS_REGULAR));
  ck_assert (g_file_test (settings_file, G_FILE_TEST_IS_REGULAR));
  ck_assert_int_eq (stat (dir, &st), 0);
  ck_assert_int_eq (st.st_mode & 0777, 0700);

  again = consult_print_operation_new (fx.consultation, fx.settings);
  restored = gtk_print_operation_get_default_page_setup (GTK_PRINT_OPERATION (again));
  ck_assert_ptr_nonnull (restored);
  ck_assert_str_eq (gtk_paper_size_get_name (gtk_page_setup_get_paper_size (restored)),
                    GTK_PAPER_NAME_LETTER);
  ck_assert_int_eq (gtk_page_setup_get_orientation (restored), GTK_PAGE_ORIENTATION_LANDSCAPE);
  restored_settings = gtk_print_operation_get_print_settings (GTK_PRINT_OPERATION (again));
  ck_assert_ptr_nonnull (restored_settings);
  ck_assert_int_eq (gtk_print_settings_get_n_copies (restored_settings), 3);
}
END_TEST

/* consult --print: the paper and settings last chosen in the dialog,
 * with the printer it was told, every page, one copy, and the app's
 * margins at least. */
START_TEST (test_batch_uses_saved_setup)
{
  g_autoptr(ConsultPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) page_setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (GTK_PAPER_NAME_LETTER);
  g_autoptr(GtkPrintSettings) print_settings = gtk_print_settings_new ();
  g_autoptr(GtkPrintSettings) batch_settings = NULL;
  g_autoptr(GtkPageSetup) batch_setup = NULL;
  g_autoptr(GtkPaperSize) settings_paper = NULL;
  g_autoptr(GError) error = NULL;
  GtkPageRange range = { 1, 1 };
  ConsultPaper page;

  /* Nothing saved: the locale's paper. */
  consult_print_batch_setup ("Front-Desk", &batch_settings, &batch_setup);
  ck_assert_str_eq (gtk_print_settings_get_printer (batch_settings), "Front-Desk");
  ck_assert_str_eq (gtk_paper_size_get_name (gtk_page_setup_get_paper_size (batch_setup)),
                    GTK_PAPER_NAME_A4);
  g_clear_object (&batch_settings);
  g_clear_object (&batch_setup);

  /* What a print from the dialog leaves. */
  operation = consult_print_operation_new (fx.consultation, fx.settings);
  gtk_page_setup_set_paper_size (page_setup, paper);
  gtk_page_setup_set_top_margin (page_setup, 30.0, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (page_setup, 5.0, GTK_UNIT_MM);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (operation), page_setup);
  gtk_print_settings_set_printer (print_settings, "Back-Office");
  gtk_print_settings_set_duplex (print_settings, GTK_PRINT_DUPLEX_VERTICAL);
  gtk_print_settings_set_n_copies (print_settings, 3);
  gtk_print_settings_set_print_pages (print_settings, GTK_PRINT_PAGES_RANGES);
  gtk_print_settings_set_page_ranges (print_settings, &range, 1);
  gtk_print_operation_set_print_settings (GTK_PRINT_OPERATION (operation), print_settings);
  ck_assert_msg (consult_print_operation_save (operation, &error), "%s",
                 error ? error->message : "");

  consult_print_batch_setup ("Front-Desk", &batch_settings, &batch_setup);
  ck_assert_str_eq (gtk_paper_size_get_name (gtk_page_setup_get_paper_size (batch_setup)),
                    GTK_PAPER_NAME_LETTER);
  settings_paper = gtk_print_settings_get_paper_size (batch_settings);
  ck_assert_str_eq (gtk_paper_size_get_name (settings_paper), GTK_PAPER_NAME_LETTER);
  ck_assert_str_eq (gtk_print_settings_get_printer (batch_settings), "Front-Desk");
  ck_assert_int_eq (gtk_print_settings_get_duplex (batch_settings), GTK_PRINT_DUPLEX_VERTICAL);
  ck_assert_int_eq (gtk_print_settings_get_n_copies (batch_settings), 1);
  ck_assert_int_eq (gtk_print_settings_get_print_pages (batch_settings), GTK_PRINT_PAGES_ALL);
  ck_assert_ptr_null (gtk_print_settings_get (batch_settings, GTK_PRINT_SETTINGS_PAGE_RANGES));

  /* The summary is laid out on that paper: the wider margin kept, the
   * narrower one widened to the app's. */
  consult_print_summary_page (batch_setup, &page);
  ck_assert_double_eq_tol (page.width, 612.0, 0.5);
  ck_assert_double_eq_tol (page.height, 792.0, 0.5);
  ck_assert_double_eq_tol (page.margin_top, 30.0 * 72.0 / 25.4, 0.1);
  ck_assert_double_eq_tol (page.margin_left, CONSULT_PRINT_MIN_MARGIN_MM * 72.0 / 25.4, 0.1);
}
END_TEST

static GtkWindow *find_toplevel (GType type);
static gboolean message_dialog_shown (gpointer data);
static gboolean message_dialog_gone (gpointer data);

static gboolean
export_finished (gpointer data)
{
  return !_consult_window_is_exporting (fx.window);
}

/* Counts the main loop's iterations while an export runs. */
typedef struct {
  guint ticks;
} Ticks;

static gboolean
tick_cb (gpointer data)
{
  Ticks *ticks = data;

  if (_consult_window_is_exporting (fx.window))
    ticks->ticks++;
  return G_SOURCE_CONTINUE;
}

/* What Export PDF does once the file is chosen, then waits for the
 * worker to finish. */
static void
export_and_wait (const char *path)
{
  _consult_window_export_pdf_start (fx.window, path);
  /* Nothing was written on the main thread: the export is under way
   * when the call returns, and only the main loop can end it. */
  ck_assert (_consult_window_is_exporting (fx.window));
  ck_assert_msg (consult_test_wait_until (export_finished, NULL, 30000),
                 "the export did not finish");
  consult_test_flush ();
}

START_TEST (test_export_pdf_metadata)
{
  g_autofree char *path = g_build_filename (fx.tmpdir, "exported.pdf", NULL);
  g_autofree char *info = NULL;
  g_autofree char *title = NULL;
  g_autofree char *author = NULL;
  g_autofree char *text = NULL;

  export_and_wait (path);
  ck_assert_ptr_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  info = run_tool ("pdfinfo", path);
  title = pdfinfo_field (info, "Title");
  author = pdfinfo_field (info, "Author");
  ck_assert_msg (strstr (title, CLIENT_NAME) != NULL, "title “%s”", title);
  ck_assert_str_eq (author, CLINIC_NAME);

  /* Not signed: the draft marking is in the file. */
  text = run_tool ("pdftotext", path);
  ck_assert_msg (strstr (text, "DRAFT") != NULL, "no draft marking in:\n%s", text);
}
END_TEST

/* The button on @widget or below that activates @action. */
static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_ACTIONABLE (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        return child;
      if ((found = find_actionable (child, action)) != NULL)
        return found;
    }

  return NULL;
}

/* A summary long enough to take a while to lay out, with its last words
 * at its very end. */
static void
lengthen_summary (void)
{
  g_autoptr(GString) notes = g_string_new (NULL);

  for (guint i = 0; i < 120; i++)
    g_string_append_printf (notes, "Paragraph %u of the practitioner's notes: the client asked "
                            "about the aftercare, the number of sessions and the interval "
                            "between them, and was given the leaflet.\n\n", i + 1);
  g_string_append (notes, "End of the notes.");
  ck_assert (consult_consultation_set_general_notes (fx.consultation, notes->str));
}

/* Export PDF renders in a worker: while it runs, the main loop goes on,
 * Export PDF is unavailable, and the consultation can be changed without
 * the file being affected; the file is whole once it is done. */
START_TEST (test_export_pdf_in_background)
{
  g_autofree char *path = g_build_filename (fx.tmpdir, "long.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *squeezed = NULL;
  GtkWidget *export_button;
  Ticks ticks = { 0 };
  guint id;

  /* The summary step's Export PDF button, followed from the client
   * step: no long summary to lay out on screen on the main thread. */
  ck_assert (consult_window_go_to_step (fx.window, CONSULT_FLOW_STEP_SUMMARY));
  consult_test_wait_for_frame (fx.window);
  export_button = find_actionable (consult_window_get_page (fx.window, CONSULT_FLOW_STEP_SUMMARY),
                                   "win.export-pdf");
  ck_assert_ptr_nonnull (export_button);
  ck_assert (gtk_widget_get_sensitive (export_button));
  ck_assert (consult_window_go_to_step (fx.window, CONSULT_FLOW_STEP_CLIENT));
  consult_test_wait_for_frame (fx.window);
  lengthen_summary ();
  consult_test_flush ();

  id = g_timeout_add (1, tick_cb, &ticks);
  _consult_window_export_pdf_start (fx.window, path);
  ck_assert (_consult_window_is_exporting (fx.window));
  ck_assert_msg (!gtk_widget_get_sensitive (export_button),
                 "Export PDF is available while an export runs");

  /* The window's consultation is its own: a change now is not in the
   * file being written. */
  ck_assert (consult_consultation_set_client_name (fx.consultation, "Changed Meanwhile"));

  ck_assert_msg (consult_test_wait_until (export_finished, NULL, 30000),
                 "the export did not finish");
  g_source_remove (id);
  consult_test_flush ();

  ck_assert_msg (ticks.ticks >= 2, "the main loop ran %u times during the export", ticks.ticks);
  ck_assert (gtk_widget_get_sensitive (export_button));
  ck_assert_ptr_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* Whole, and as the consultation was when the export started. */
  ck_assert_uint_gt (consult_test_pdf_pages (path), 2);
  text = consult_test_pdf_text (path);
  squeezed = consult_test_squeeze_spaces (text);
  ck_assert_msg (strstr (squeezed, "End of the notes.") != NULL, "the notes' end is missing");
  ck_assert_ptr_nonnull (strstr (squeezed, CLIENT_NAME));
  ck_assert_ptr_null (strstr (squeezed, "Changed Meanwhile"));

  /* Only the finished file: no temporary file is left beside it. */
  {
    g_autoptr(GDir) dir = g_dir_open (fx.tmpdir, 0, NULL);
    const char *name;
    guint n = 0;

    while ((name = g_dir_read_name (dir)) != NULL)
      if (g_str_has_prefix (name, "long.pdf"))
        n++;
    ck_assert_uint_eq (n, 1);
  }
}
END_TEST

/* A failed export says so in a dialog that names the file, and Export PDF
 * is available again. */
START_TEST (test_export_pdf_failure)
{
  g_autofree char *path = g_build_filename (fx.tmpdir, "no-such-folder", "summary.pdf", NULL);
  AdwMessageDialog *dialog;

  export_and_wait (path);
  ck_assert_msg (consult_test_wait_until (message_dialog_shown, NULL, 5000),
                 "no error dialog");
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  ck_assert_str_eq (adw_message_dialog_get_heading (dialog), "Could Not Export the Summary");
  ck_assert_msg (strstr (adw_message_dialog_get_body (dialog), path) != NULL,
                 "the error does not name the file: %s", adw_message_dialog_get_body (dialog));
  ck_assert (!g_file_test (path, G_FILE_TEST_EXISTS));
  ck_assert (!_consult_window_is_exporting (fx.window));

  adw_message_dialog_response (dialog, "close");
  gtk_window_close (GTK_WINDOW (dialog));
  ck_assert (consult_test_wait_until (message_dialog_gone, NULL, 5000));
}
END_TEST

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
message_dialog_gone (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

static void
check_draft_warning (const char *action,
                     const char *heading)
{
  AdwMessageDialog *dialog;

  ck_assert (gtk_widget_activate_action (GTK_WIDGET (fx.window), action, NULL));
  ck_assert_msg (consult_test_wait_until (message_dialog_shown, NULL, 5000),
                 "no warning before %s", action);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  ck_assert_str_eq (adw_message_dialog_get_heading (dialog), heading);
  ck_assert_ptr_nonnull (strstr (adw_message_dialog_get_body (dialog), "NOT SIGNED"));
  ck_assert (adw_message_dialog_has_response (dialog, "draft"));
  ck_assert_str_eq (adw_message_dialog_get_default_response (dialog), "cancel");

  /* What a click on Cancel does. */
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  ck_assert (consult_test_wait_until (message_dialog_gone, NULL, 5000));
  consult_test_flush ();
}

START_TEST (test_draft_warning)
{
  ck_assert (gtk_widget_is_sensitive (GTK_WIDGET (fx.window)));
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.next-step", NULL));
  check_draft_warning ("win.export-pdf", "Export a Draft?");
  check_draft_warning ("win.print", "Print a Draft?");
}
END_TEST

static Suite *
print_suite (void)
{
  Suite *s = suite_create ("print");
  TCase *tc = tcase_create ("print");

  tcase_add_checked_fixture (tc, print_setup, print_teardown);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_print_operation_exports_summary);
  tcase_add_test (tc, test_print_default_page_setup);
  tcase_add_test (tc, test_print_page_setup_persists);
  tcase_add_test (tc, test_batch_uses_saved_setup);
  tcase_add_test (tc, test_export_pdf_metadata);
  tcase_add_test (tc, test_export_pdf_in_background);
  tcase_add_test (tc, test_export_pdf_failure);
  tcase_add_test (tc, test_draft_warning);
  suite_add_tcase (s, tc);

  return s;
}

int
main (void)
{
  return consult_test_run_suite (print_suite (), TRUE);
}
