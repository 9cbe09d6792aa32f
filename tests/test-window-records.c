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
#include <unistd.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "consult-application.h"
#include "consult-content-loader.h"
#include "consult-i18n.h"
#include "consult-record-index.h"
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

/* A home, and so a data folder, that cannot be written: the window says
 * so when it opens, the saved records still list and open, Save fails
 * with the folder named and loses nothing, Save As elsewhere works, and
 * the failing safety copy is shown once, not at every change. Root
 * writes to read-only folders, so the window runs in a child that is
 * nobody. */

typedef struct {
  const char *home;
  const char *data;
  const char *record;
  const char *elsewhere;
} ReadOnlyHome;

/* In the child: a failed check is said on stderr, with status 1. */
#define child_check(cond, ...)                                          \
  G_STMT_START {                                                        \
    if (!(cond))                                                        \
      {                                                                 \
        g_printerr ("read-only home, line %d: %s: ", __LINE__, #cond);  \
        g_printerr (__VA_ARGS__);                                       \
        g_printerr ("\n");                                              \
        _exit (1);                                                      \
      }                                                                 \
  } G_STMT_END

static guint n_draft_failures;

static void
draft_failed_cb (ConsultAutosave *autosave,
                 GError          *error)
{
  n_draft_failures++;
}

static gboolean
enough_draft_failures (gpointer data)
{
  return n_draft_failures >= GPOINTER_TO_UINT (data);
}

/* The toasts the window shows. */
static void
collect_toasts (GtkWidget  *widget,
                GPtrArray  *found)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget"))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_toasts (child, found);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static char *
toast_text (GtkWidget *toast)
{
  GtkWidget *label = find_descendant (toast, GTK_TYPE_LABEL);

  return g_strdup (label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : "");
}

static gboolean
index_loaded (gpointer data)
{
  return consult_record_index_get_loaded (data);
}

/* GTK's own list of recent files lives in the home too, and GTK warns
 * that it cannot write it after Save As: GTK's to say, not a fault of
 * the window. Warnings are not fatal in the child, so that this one
 * passes; any other is counted, and fails the test. */
static guint n_other_warnings;

static GLogWriterOutput
count_warnings_writer (GLogLevelFlags   log_level,
                       const GLogField *fields,
                       gsize            n_fields,
                       gpointer         user_data)
{
  if (log_level & (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL))
    {
      const char *domain = NULL;
      const char *message = NULL;

      for (gsize i = 0; i < n_fields; i++)
        if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
          domain = fields[i].value;
        else if (g_str_equal (fields[i].key, "MESSAGE"))
          message = fields[i].value;

      if (!(g_strcmp0 (domain, "Gtk") == 0 && message != NULL &&
            strstr (message, "recently-used.xbel") != NULL))
        n_other_warnings++;
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static const char *chosen_path;

static gboolean
chooser_chose (gpointer chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);

  return file != NULL && g_strcmp0 (g_file_peek_path (file), chosen_path) == 0;
}

static void
read_only_home_child (gpointer data)
{
  const ReadOnlyHome *paths = data;
  g_autofree char *folder = g_build_filename (paths->data, "consult", "records", NULL);
  g_autofree char *elsewhere = g_build_filename (paths->elsewhere, "jane.consult.xml", NULL);
  g_autoptr(ConsultRecordIndex) records = NULL;
  g_autoptr(ConsultConsultation) reloaded = NULL;
  g_autoptr(GPtrArray) toasts = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  AdwMessageDialog *dialog = NULL;
  ConsultConsultation *c;
  GtkWidget *close_button;

  g_setenv ("HOME", paths->home, TRUE);
  g_setenv ("XDG_DATA_HOME", paths->data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", paths->data, TRUE);
  g_setenv ("XDG_CACHE_HOME", paths->data, TRUE);
  g_setenv ("XDG_STATE_HOME", paths->data, TRUE);
  child_check (access (paths->data, W_OK) != 0, "the data folder is writable");

  consult_i18n_init ("C.UTF-8");
  /* As g_application_run() would: the file chooser names the app. */
  g_set_prgname ("consult");
  child_check (gtk_init_check (), "cannot open the display %s as nobody", g_getenv ("DISPLAY"));
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_log_set_writer_func (count_warnings_writer, NULL, NULL);

  app = consult_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  child_check (g_application_register (G_APPLICATION (app), NULL, &error), "%s",
               error ? error->message : "");
  window = consult_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  consult_test_wait_for_frame (window);

  /* Said at once, with the folder and the way out. */
  child_check (consult_test_wait_until (find_dialog, &dialog, 2000), "no message at start");
  child_check (strstr (adw_message_dialog_get_body (dialog), folder) != NULL, "%s",
               adw_message_dialog_get_body (dialog));
  child_check (strstr (adw_message_dialog_get_body (dialog), "Save As") != NULL, "%s",
               adw_message_dialog_get_body (dialog));
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  consult_test_flush ();

  /* What is saved is still there to see. */
  records = consult_record_index_new (folder);
  child_check (consult_test_wait_until (index_loaded, records, 5000), "the records never listed");
  child_check (g_list_model_get_n_items (G_LIST_MODEL (records)) == 1, "%u records listed",
               g_list_model_get_n_items (G_LIST_MODEL (records)));
  child_check (_consult_window_open_record (window, paths->record, &error), "%s",
               error ? error->message : "");
  c = consult_window_get_consultation (window);

  /* Each change fails to leave a draft: one toast says so, not one each. */
  consult_autosave_set_delay_ms (_consult_window_get_autosave (window), 20);
  g_signal_connect (_consult_window_get_autosave (window), "failed",
                    G_CALLBACK (draft_failed_cb), NULL);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *contact = g_strdup_printf ("change %u", i);

      consult_consultation_set_client_contact (c, contact);
      child_check (consult_test_wait_until (enough_draft_failures, GUINT_TO_POINTER (i + 1), 3000),
                   "draft %u did not fail", i);
    }
  collect_toasts (GTK_WIDGET (window), toasts);
  child_check (toasts->len == 1, "%u toasts", toasts->len);
  text = toast_text (g_ptr_array_index (toasts, 0));
  child_check (strstr (text, "safety copy") != NULL, "the toast says “%s”", text);
  /* Closed, no other takes its place. */
  close_button = find_descendant (g_ptr_array_index (toasts, 0), GTK_TYPE_BUTTON);
  while (close_button != NULL && !gtk_widget_get_visible (close_button))
    close_button = gtk_widget_get_next_sibling (close_button);
  child_check (close_button != NULL, "the toast has no close button");
  g_signal_emit_by_name (close_button, "clicked");
  consult_test_flush ();
  g_ptr_array_set_size (toasts, 0);
  collect_toasts (GTK_WIDGET (window), toasts);
  child_check (toasts->len == 0, "%u toasts after closing the first", toasts->len);

  /* Save in place fails, naming the record; nothing is lost. */
  child_check (!_consult_window_save_to (window, paths->record, &error), "saved in place");
  child_check (strstr (error->message, paths->record) != NULL, "%s", error->message);
  g_clear_error (&error);
  child_check (consult_consultation_get_modified (c), "no longer modified");
  child_check (g_str_equal (consult_consultation_get_client_contact (c), "change 2"), "%s",
               consult_consultation_get_client_contact (c));

  /* Save As, through the real chooser, to a folder that can be written. */
  child_check (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-as", NULL),
               "no Save As");
  {
    GtkWidget *chooser = NULL;
    g_autoptr(GFile) folder_file = g_file_new_for_path (paths->elsewhere);
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < 50 && chooser == NULL; i++)
      {
        consult_test_flush ();
        for (guint j = 0; j < g_list_model_get_n_items (toplevels); j++)
          {
            g_autoptr(GObject) w = g_list_model_get_item (toplevels, j);

            if (GTK_IS_FILE_CHOOSER (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
              chooser = GTK_WIDGET (w);
          }
        if (chooser == NULL)
          g_usleep (20000);
      }
    child_check (chooser != NULL, "no file chooser");
    /* Not in the records folder, which cannot be written. */
    {
      g_autoptr(GFile) start = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GFile) records_file = g_file_new_for_path (folder);

      child_check (start == NULL || !g_file_equal (start, records_file),
                   "Save As starts in the read-only %s", folder);
    }
    chosen_path = elsewhere;
    child_check (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder_file,
                                                      &error), "%s", error ? error->message : "");
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "jane.consult.xml");
    /* The chooser changes folder once it has loaded it. */
    child_check (consult_test_wait_until (chooser_chose, chooser, 3000), "the chooser is in %s",
                 g_file_peek_path (gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser))));
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
    consult_test_flush ();
  }
  child_check (consult_test_wait_until (file_exists, elsewhere, 3000), "nothing at %s", elsewhere);
  child_check (!consult_consultation_get_modified (c), "still modified after Save As");
  reloaded = consult_record_load_file (elsewhere, NULL, &error);
  child_check (reloaded != NULL, "%s", error ? error->message : "");
  child_check (g_str_equal (consult_consultation_get_client_contact (reloaded), "change 2"), "%s",
               consult_consultation_get_client_contact (reloaded));

  /* Let GTK write (or fail to write) its recent files. */
  g_usleep (300000);
  consult_test_flush ();
  child_check (n_other_warnings == 0, "%u warnings", n_other_warnings);

  _exit (0);
}

START_TEST (test_read_only_home)
{
  g_autofree char *base = consult_test_make_tmpdir ();
  g_autofree char *home = g_build_filename (base, "home", NULL);
  g_autofree char *data = g_build_filename (home, ".local", "share", NULL);
  g_autofree char *folder = g_build_filename (data, "consult", "records", NULL);
  g_autofree char *record = g_build_filename (folder, "jane.consult.xml", NULL);
  g_autofree char *elsewhere = g_build_filename (base, "elsewhere", NULL);
  g_autofree char *source = consult_test_data_path ("records", "unsigned-draft.xml", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ReadOnlyHome paths = { home, data, record, elsewhere };
  const char *owned[] = { record, elsewhere, NULL };
  int status;

  /* The home and its data folder hold a saved record, which the user may
   * read but not write: as root, the folders stay root's and the window
   * runs as nobody; as anyone else, they are made read-only. */
  before = read_file (source);
  ck_assert_int_eq (g_mkdir_with_parents (folder, 0755), 0);
  ck_assert (g_file_set_contents (record, before, -1, NULL));
  ck_assert_int_eq (g_mkdir (elsewhere, 0700), 0);
  ck_assert_int_eq (g_chmod (base, 0711), 0);
  if (getuid () == 0)
    ck_assert_int_eq (g_chmod (record, 0600), 0);
  else
    ck_assert_int_eq (g_chmod (record, 0400), 0);
  {
    g_autofree char *parent = g_strdup (folder);

    /* Every level from the home down, read-only for whoever is not root. */
    while (strlen (parent) > strlen (base))
      {
        char *slash;

        if (getuid () != 0)
          ck_assert_int_eq (g_chmod (parent, 0555), 0);
        slash = strrchr (parent, G_DIR_SEPARATOR);
        *slash = '\0';
      }
  }

  /* As root, the record and the other folder become nobody's in the child. */
  status = consult_test_run_unprivileged (read_only_home_child, &paths, owned);
  ck_assert_msg (status == 0, "the window run as nobody failed with %d: see stderr", status);

  /* Nothing saved was touched, nothing was left beside it. */
  after = read_file (record);
  ck_assert_str_eq (after, before);
  {
    g_autoptr(GDir) listing = g_dir_open (folder, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (listing) != NULL)
      n++;
    ck_assert_uint_eq (n, 1);
  }
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

  /* Its own process, display and data folder: no fixture. */
  tc = tcase_create ("read-only-home");
  tcase_set_timeout (tc, 30);
  tcase_add_test (tc, test_read_only_home);
  suite_add_tcase (s, tc);

  return s;
}

int
main (void)
{
  return consult_test_run_suite (window_records_suite (), TRUE);
}
