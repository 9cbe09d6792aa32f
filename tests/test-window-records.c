/* test-window-records.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saving and opening records from the window: owner-only files, a signed
 * record that opens read-only and is never written again, Amend starting a
 * new record, a bad record refused without harm, and Save offered before
 * unsaved work is dropped.
 */

#include "consult-config.h"

#include <string.h>
#include <sys/stat.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "consult-application.h"
#include "consult-content-loader.h"
#include "consult-record.h"
#include "consult-test-utils.h"
#include "consult-window-private.h"
#include "consult-window.h"

static ConsultApplication *app;
static ConsultWindow *window;
static char *dir;

static void
setup (void)
{
  g_autoptr(GError) error = NULL;

  /* The fixture gives each test its own data folder. */
  consult_test_setup_gtk ();
  dir = g_strdup (g_get_user_data_dir ());

  app = consult_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  ck_assert (g_application_register (G_APPLICATION (app), NULL, &error));
  window = consult_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  consult_test_wait_for_frame (window);
}

static void
teardown (void)
{
  ConsultConsultation *c = consult_window_get_consultation (window);

  if (c != NULL)
    consult_consultation_set_modified (c, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  g_clear_pointer (&dir, g_free);
}

static char *
copy_example (const char *name)
{
  g_autofree char *source = consult_test_data_path ("records", name, NULL);
  g_autofree char *data = NULL;
  char *target = g_build_filename (dir, name, NULL);
  gsize length;

  ck_assert (g_file_get_contents (source, &data, &length, NULL));
  ck_assert (g_file_set_contents (target, data, length, NULL));
  return target;
}

static char *
read_file (const char *path)
{
  char *data = NULL;

  ck_assert_msg (g_file_get_contents (path, &data, NULL, NULL), "cannot read %s", path);
  return data;
}

START_TEST (test_save_and_open)
{
  ConsultConsultation *c = consult_window_get_consultation (window);
  g_autofree char *path = g_build_filename (dir, "records", "jane.xml", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  consult_consultation_set_client_name (c, "Jane Example");
  consult_consultation_set_client_contact (c, "jane@example.org");
  ck_assert (consult_consultation_get_modified (c));

  ck_assert_msg (_consult_window_save_to (window, path, &error), "%s",
                 error ? error->message : "");
  ck_assert (!consult_consultation_get_modified (c));
  ck_assert_int_eq (g_stat (path, &st), 0);
  ck_assert_int_eq (st.st_mode & 0777, 0600);

  /* A new consultation, then the saved one again: its summary is shown. */
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));
  consult_test_flush ();
  ck_assert_ptr_ne (consult_window_get_consultation (window), c);

  ck_assert_msg (_consult_window_open_record (window, path, &error), "%s",
                 error ? error->message : "");
  c = consult_window_get_consultation (window);
  ck_assert_str_eq (consult_consultation_get_client_name (c), "Jane Example");
  ck_assert_str_eq (consult_consultation_get_client_contact (c), "jane@example.org");
  ck_assert_int_eq (consult_window_get_current_step (window), CONSULT_FLOW_STEP_SUMMARY);
  ck_assert (!consult_consultation_get_modified (c));

  /* An unsigned record can be changed and saved again in place. */
  consult_consultation_set_client_contact (c, "01632 960001");
  ck_assert (_consult_window_save_to (window, path, &error));
}
END_TEST

static gboolean
consultation_replaced (gpointer data)
{
  return consult_window_get_consultation (window) != data;
}

START_TEST (test_signed_record_read_only_and_amend)
{
  g_autofree char *path = copy_example ("complete.xml");
  g_autofree char *before = read_file (path);
  g_autofree char *after = NULL;
  g_autofree char *original_id = NULL;
  g_autoptr(GError) error = NULL;
  ConsultConsultation *c;
  ConsultConsultation *amendment;

  ck_assert_msg (_consult_window_open_record (window, path, &error), "%s",
                 error ? error->message : "");
  c = consult_window_get_consultation (window);
  original_id = g_strdup (consult_consultation_get_record_id (c));
  ck_assert (consult_consultation_get_locked (c));
  ck_assert_int_eq (consult_window_get_current_step (window), CONSULT_FLOW_STEP_SUMMARY);

  /* A signed record is never written again. */
  ck_assert (!_consult_window_save_to (window, path, &error));
  ck_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* Amend carries on in a new record that points back to the signed one. */
  consult_consultation_amend (c);
  ck_assert (consult_test_wait_until (consultation_replaced, c, 2000));
  amendment = consult_window_get_consultation (window);
  ck_assert_str_ne (consult_consultation_get_record_id (amendment), original_id);
  ck_assert_str_eq (consult_record_get_amends (amendment), original_id);
  ck_assert (!consult_consultation_get_locked (amendment));
  ck_assert (consult_consultation_get_modified (amendment));
  ck_assert_int_eq (consult_window_get_current_step (window), CONSULT_FLOW_STEP_CONSENT);

  after = read_file (path);
  ck_assert_str_eq (after, before);
}
END_TEST

START_TEST (test_bad_record_refused)
{
  g_autofree char *path = g_build_filename (dir, "broken.xml", NULL);
  ConsultConsultation *c = consult_window_get_consultation (window);
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  const char *broken = "<consultation xmlns='urn:consult:record:1'><client>";

  ck_assert (g_file_set_contents (path, broken, -1, NULL));
  ck_assert (!_consult_window_open_record (window, path, &error));
  ck_assert (g_str_has_prefix (error->message, path));

  /* Nothing changed: the window keeps its consultation, the file its bytes. */
  ck_assert_ptr_eq (consult_window_get_consultation (window), c);
  after = read_file (path);
  ck_assert_str_eq (after, broken);
}
END_TEST

static gboolean
find_dialog (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        {
          *(AdwMessageDialog **) data = ADW_MESSAGE_DIALOG (w);
          return TRUE;
        }
    }

  return FALSE;
}

START_TEST (test_save_offered_before_discarding)
{
  ConsultConsultation *c = consult_window_get_consultation (window);
  g_autofree char *path = g_build_filename (dir, "offered.xml", NULL);
  g_autoptr(ConsultConsultation) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog = NULL;

  consult_consultation_set_client_name (c, "Jane Example");
  ck_assert (_consult_window_save_to (window, path, &error));
  consult_consultation_set_client_contact (c, "typed after saving");

  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));
  ck_assert (consult_test_wait_until (find_dialog, &dialog, 2000));
  ck_assert_str_eq (adw_message_dialog_get_default_response (dialog), "save");

  /* What clicking Save does: respond, close; the save and the new
   * consultation follow. */
  adw_message_dialog_response (dialog, "save");
  gtk_window_close (GTK_WINDOW (dialog));
  ck_assert (consult_test_wait_until (consultation_replaced, c, 2000));

  reloaded = consult_record_load_file (path, NULL, &error);
  ck_assert_msg (reloaded != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (consult_consultation_get_client_contact (reloaded), "typed after saving");
}
END_TEST

/* A save killed half-way leaves NAME.xml.XXXXXX beside the record; the
 * next start removes it, and nothing else. */
START_TEST (test_leftovers_removed_at_start)
{
  g_autofree char *folder = g_build_filename (dir, "consult", "records", NULL);
  g_autofree char *leftover = g_build_filename (folder, "jane.xml.Ab12Cd", NULL);
  g_autofree char *record = g_build_filename (folder, "jane.xml", NULL);
  g_autofree char *other = g_build_filename (folder, "notes.txt", NULL);
  g_autoptr(ConsultApplication) second = consult_application_new ();
  g_autoptr(GError) error = NULL;

  ck_assert (consult_record_ensure_folder (folder, NULL));
  ck_assert (g_file_set_contents (leftover, "<consultation", -1, NULL));
  ck_assert (g_file_set_contents (record, "<consultation/>", -1, NULL));
  ck_assert (g_file_set_contents (other, "notes", -1, NULL));

  g_application_set_flags (G_APPLICATION (second),
                           g_application_get_flags (G_APPLICATION (second)) | G_APPLICATION_NON_UNIQUE);
  ck_assert (g_application_register (G_APPLICATION (second), NULL, &error));

  ck_assert (!g_file_test (leftover, G_FILE_TEST_EXISTS));
  ck_assert (g_file_test (record, G_FILE_TEST_EXISTS));
  ck_assert (g_file_test (other, G_FILE_TEST_EXISTS));
}
END_TEST

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
file_missing (gpointer path)
{
  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

/* The path of the draft of the window's consultation. */
static char *
draft_path (void)
{
  ConsultConsultation *c = consult_window_get_consultation (window);
  ConsultAutosave *autosave = _consult_window_get_autosave (window);
  g_autofree char *name = g_strconcat (consult_consultation_get_record_id (c), ".xml", NULL);

  return g_build_filename (consult_autosave_get_drafts_folder (autosave), name, NULL);
}

/* Typing leaves a draft a moment later; a window that goes away without
 * closing (a crash) leaves it behind, and the next window offers it. */
static void
type_and_crash (char **out_draft)
{
  ConsultConsultation *c = consult_window_get_consultation (window);
  g_autofree char *draft = draft_path ();

  consult_autosave_set_delay_ms (_consult_window_get_autosave (window), 50);
  consult_consultation_set_client_name (c, "Jane Example");
  consult_consultation_set_client_contact (c, "typed before the crash");
  ck_assert_msg (consult_test_wait_until (file_exists, draft, 3000), "no draft at %s", draft);

  /* Gone without close-request, as in a crash: nothing is cleaned up. */
  consult_consultation_set_modified (c, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  consult_test_flush ();
  ck_assert (g_file_test (draft, G_FILE_TEST_EXISTS));

  window = consult_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  consult_test_wait_for_frame (window);
  *out_draft = g_steal_pointer (&draft);
}

START_TEST (test_restore_after_crash)
{
  g_autofree char *draft = NULL;
  AdwMessageDialog *dialog = NULL;
  ConsultConsultation *c;

  type_and_crash (&draft);

  ck_assert (consult_test_wait_until (find_dialog, &dialog, 2000));
  ck_assert_str_eq (adw_message_dialog_get_heading (dialog), "Restore Unsaved Consultation?");
  ck_assert_ptr_nonnull (strstr (adw_message_dialog_get_body (dialog), "Jane Example"));
  adw_message_dialog_response (dialog, "restore");
  gtk_window_close (GTK_WINDOW (dialog));
  consult_test_flush ();

  c = consult_window_get_consultation (window);
  ck_assert_str_eq (consult_consultation_get_client_name (c), "Jane Example");
  ck_assert_str_eq (consult_consultation_get_client_contact (c), "typed before the crash");
  /* Restored, not saved: closing would still ask. */
  ck_assert (consult_consultation_get_modified (c));

  /* Saving it as a record removes the draft. */
  {
    g_autofree char *path = g_build_filename (dir, "restored.xml", NULL);
    g_autoptr(GError) error = NULL;

    ck_assert (_consult_window_save_to (window, path, &error));
    ck_assert (consult_test_wait_until (file_missing, draft, 2000));
  }
}
END_TEST

START_TEST (test_discard_draft)
{
  g_autofree char *draft = NULL;
  AdwMessageDialog *dialog = NULL;

  type_and_crash (&draft);

  ck_assert (consult_test_wait_until (find_dialog, &dialog, 2000));
  adw_message_dialog_response (dialog, "discard");
  gtk_window_close (GTK_WINDOW (dialog));
  consult_test_flush ();

  ck_assert (!g_file_test (draft, G_FILE_TEST_EXISTS));
  ck_assert_str_eq (consult_consultation_get_client_name (consult_window_get_consultation (window)),
                    "");
}
END_TEST

START_TEST (test_corrupt_draft_kept)
{
  ConsultAutosave *autosave = _consult_window_get_autosave (window);
  g_autofree char *folder = g_strdup (consult_autosave_get_drafts_folder (autosave));
  g_autofree char *draft = g_build_filename (folder, "0b6e9e4c-4c1e-4a53-9a53-2f8f1b3c9d10.xml",
                                             NULL);
  AdwMessageDialog *dialog = NULL;

  ck_assert (consult_record_ensure_folder (folder, NULL));
  ck_assert (g_file_set_contents (draft, "<consultation", -1, NULL));

  consult_consultation_set_modified (consult_window_get_consultation (window), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  window = consult_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  consult_test_wait_for_frame (window);

  ck_assert (consult_test_wait_until (find_dialog, &dialog, 2000));
  ck_assert_ptr_nonnull (strstr (adw_message_dialog_get_body (dialog), draft));
  ck_assert_str_eq (adw_message_dialog_get_default_response (dialog), "keep");
  adw_message_dialog_response (dialog, "keep");
  gtk_window_close (GTK_WINDOW (dialog));
  consult_test_flush ();

  /* Never removed without the user's say. */
  ck_assert (g_file_test (draft, G_FILE_TEST_EXISTS));
}
END_TEST

/* Asked whether to close, the draft is already up to date: the session
 * may end while the question waits. */
START_TEST (test_close_flushes_draft)
{
  ConsultConsultation *c = consult_window_get_consultation (window);
  g_autofree char *draft = draft_path ();
  g_autoptr(ConsultConsultation) loaded = NULL;
  AdwMessageDialog *dialog = NULL;

  consult_autosave_set_delay_ms (_consult_window_get_autosave (window), 600000);
  consult_consultation_set_client_name (c, "Jane Example");
  ck_assert (!g_file_test (draft, G_FILE_TEST_EXISTS));

  gtk_window_close (GTK_WINDOW (window));
  ck_assert (consult_test_wait_until (find_dialog, &dialog, 2000));
  ck_assert (g_file_test (draft, G_FILE_TEST_EXISTS));
  loaded = consult_autosave_load_draft (draft, NULL);
  ck_assert_ptr_nonnull (loaded);
  ck_assert_str_eq (consult_consultation_get_client_name (loaded), "Jane Example");

  adw_message_dialog_response (dialog, "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  consult_test_flush ();
}
END_TEST

/* What a row of the recent list does: open that record, showing its
 * summary. */
START_TEST (test_open_record_action)
{
  g_autofree char *path = copy_example ("deferred.xml");
  ConsultConsultation *c;

  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "s", path));
  consult_test_flush ();

  c = consult_window_get_consultation (window);
  ck_assert_int_eq (consult_consultation_get_outcome (c), CONSULT_OUTCOME_DEFER);
  ck_assert_int_eq (consult_window_get_current_step (window), CONSULT_FLOW_STEP_SUMMARY);
}
END_TEST

/* consult RECORD... or a double-click: each record in a window showing its
 * summary; a file that is not one opens nothing and is named in a dialog. */
START_TEST (test_application_open)
{
  g_autofree char *good = copy_example ("complete.xml");
  g_autofree char *bad = g_build_filename (dir, "not-a-record.xml", NULL);
  GFile *files[2];
  AdwMessageDialog *dialog = NULL;
  ConsultWindow *opened = NULL;
  guint n_windows = 0;

  ck_assert (g_file_set_contents (bad, "<procedure/>", -1, NULL));
  files[0] = g_file_new_for_path (good);
  files[1] = g_file_new_for_path (bad);

  g_application_open (G_APPLICATION (app), files, 2, "");
  consult_test_flush ();

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (CONSULT_IS_WINDOW (l->data) && l->data != (gpointer) window)
      {
        opened = l->data;
        n_windows++;
      }
  ck_assert_uint_eq (n_windows, 1);
  ck_assert_str_eq (consult_consultation_get_client_name (consult_window_get_consultation (opened)),
                    "Jane Example");
  ck_assert_int_eq (consult_window_get_current_step (opened), CONSULT_FLOW_STEP_SUMMARY);

  ck_assert (consult_test_wait_until (find_dialog, &dialog, 2000));
  ck_assert_ptr_nonnull (strstr (adw_message_dialog_get_body (dialog), bad));
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (opened));

  g_object_unref (files[0]);
  g_object_unref (files[1]);
}
END_TEST

/* Faults: the records folder vanishing between two saves, and a folder
 * that cannot be written. Each gives a clear message and loses nothing. */
START_TEST (test_records_folder_vanishes)
{
  ConsultConsultation *c = consult_window_get_consultation (window);
  g_autofree char *folder = g_build_filename (dir, "consult", "records", NULL);
  g_autofree char *path = g_build_filename (folder, "jane.consult.xml", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  consult_consultation_set_client_name (c, "Jane Example");
  ck_assert (_consult_window_save_to (window, path, &error));

  /* Someone removes the whole folder; the next save puts it back, private. */
  ck_assert_int_eq (g_unlink (path), 0);
  ck_assert_int_eq (g_rmdir (folder), 0);
  consult_consultation_set_client_contact (c, "after the folder went");
  ck_assert_msg (_consult_window_save_to (window, path, &error), "%s",
                 error ? error->message : "");
  ck_assert_int_eq (g_stat (folder, &st), 0);
  ck_assert_int_eq (st.st_mode & 0777, 0700);
}
END_TEST

START_TEST (test_unwritable_folder)
{
  ConsultConsultation *c = consult_window_get_consultation (window);
  g_autofree char *blocker = g_build_filename (dir, "not-a-folder", NULL);
  g_autofree char *path = g_build_filename (blocker, "jane.consult.xml", NULL);
  g_autoptr(GError) error = NULL;

  /* A file where the folder should be: no save can go there, whoever runs
   * the test (root can write to read-only folders). */
  ck_assert (g_file_set_contents (blocker, "", 0, NULL));
  consult_consultation_set_client_name (c, "Jane Example");

  ck_assert (!_consult_window_save_to (window, path, &error));
  ck_assert_ptr_nonnull (strstr (error->message, "not-a-folder"));
  /* Nothing lost: the consultation is still there, still unsaved. */
  ck_assert_str_eq (consult_consultation_get_client_name (c), "Jane Example");
  ck_assert (consult_consultation_get_modified (c));
  ck_assert_ptr_eq (consult_window_get_consultation (window), c);
}
END_TEST

/* The content file the window was started with changes, then disappears:
 * the window keeps the content it read, and what is saved carries the
 * wording that was shown. */
START_TEST (test_content_file_changes)
{
  g_autofree char *source = consult_test_data_path ("content", "peel.xml", NULL);
  g_autofree char *copy = g_build_filename (dir, "peel.xml", NULL);
  g_autofree char *record = g_build_filename (dir, "peel.consult.xml", NULL);
  g_autofree char *data = NULL;
  g_autoptr(ConsultContent) content = NULL;
  g_autoptr(ConsultConsultation) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  ConsultWindow *peel_window;
  ConsultConsultation *c;
  gsize length;

  ck_assert (g_file_get_contents (source, &data, &length, NULL));
  ck_assert (g_file_set_contents (copy, data, length, NULL));
  content = consult_content_loader_load_file (copy, &error);
  ck_assert_msg (content != NULL, "%s", error ? error->message : "");

  peel_window = g_object_new (CONSULT_TYPE_WINDOW,
                              "application", app,
                              "settings", consult_application_get_settings (app),
                              "content", content,
                              NULL);
  gtk_window_present (GTK_WINDOW (peel_window));
  consult_test_wait_for_frame (peel_window);

  ck_assert (g_file_set_contents (copy, "<procedure>changed", -1, NULL));
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (peel_window), "win.new", NULL));
  ck_assert_int_eq (g_unlink (copy), 0);

  c = consult_window_get_consultation (peel_window);
  consult_consultation_set_client_name (c, "Jane Example");
  ck_assert (consult_window_go_to_step (peel_window, CONSULT_FLOW_STEP_SCREENING));
  ck_assert_msg (_consult_window_save_to (peel_window, record, &error), "%s",
                 error ? error->message : "");

  reloaded = consult_record_load_file (record, NULL, &error);
  ck_assert_msg (reloaded != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (consult_content_get_id (consult_consultation_get_content (reloaded)),
                    "superficial-peel");

  consult_consultation_set_modified (c, FALSE);
  gtk_window_destroy (GTK_WINDOW (peel_window));
}
END_TEST

static Suite *
window_records_suite (void)
{
  Suite *s = suite_create ("window-records");
  TCase *tc = tcase_create ("records");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 30);
  tcase_add_test (tc, test_save_and_open);
  tcase_add_test (tc, test_signed_record_read_only_and_amend);
  tcase_add_test (tc, test_bad_record_refused);
  tcase_add_test (tc, test_save_offered_before_discarding);
  tcase_add_test (tc, test_leftovers_removed_at_start);
  tcase_add_test (tc, test_restore_after_crash);
  tcase_add_test (tc, test_discard_draft);
  tcase_add_test (tc, test_corrupt_draft_kept);
  tcase_add_test (tc, test_close_flushes_draft);
  tcase_add_test (tc, test_open_record_action);
  tcase_add_test (tc, test_application_open);
  tcase_add_test (tc, test_records_folder_vanishes);
  tcase_add_test (tc, test_unwritable_folder);
  tcase_add_test (tc, test_content_file_changes);
  suite_add_tcase (s, tc);

  return s;
}

int
main (void)
{
  return consult_test_run_suite (window_records_suite (), TRUE);
}
