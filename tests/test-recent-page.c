/* test-recent-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The recent consultations page: the example records listed newest first,
 * with their date, procedure and state; searching by name and by date;
 * the empty and no-results states; a row opening its record through
 * "win.open-record"; the keyboard path from the search to the list and
 * back; files the index skipped are mentioned.
 */

#include "consult-config.h"

#include <string.h>
#include <adwaita.h>

#include "consult-recent-page.h"
#include "consult-record-index.h"
#include "consult-i18n.h"
#include "consult-test-utils.h"

#define WAIT_MS 10000

/* Helpers */

static char *
copy_record (const char *folder,
             const char *source,
             const char *name)
{
  g_autofree char *source_path = consult_test_data_path ("records", source, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (folder, name, NULL);
  gsize length;

  ck_assert_msg (g_file_get_contents (source_path, &data, &length, &error), "%s",
                 error ? error->message : "");
  ck_assert_msg (g_file_set_contents (path, data, length, &error), "%s",
                 error ? error->message : "");

  return path;
}

/* A folder holding the four example records. */
static char *
make_examples_folder (void)
{
  char *folder = consult_test_make_tmpdir ();
  const char *names[] = {
    "complete.xml", "deferred.xml", "not-suitable.xml", "unsigned-draft.xml",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_free (copy_record (folder, names[i], names[i]));

  return folder;
}

static gboolean
loaded_cb (gpointer data)
{
  return consult_record_index_get_loaded (data);
}

static ConsultRecordIndex *
load_index (const char *folder)
{
  ConsultRecordIndex *index = consult_record_index_new (folder);

  ck_assert_msg (consult_test_wait_until (loaded_cb, index, WAIT_MS), "the first scan never ended");

  return index;
}

static GtkWindow *
present (GtkWidget *page,
         int        width,
         int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  consult_test_wait_for_frame (page);

  return window;
}

static void
destroy_and_check (GtkWindow *window,
                   GtkWidget *page)
{
  gpointer weak = page;

  g_object_add_weak_pointer (G_OBJECT (page), &weak);
  gtk_window_destroy (window);
  consult_test_flush ();
  ck_assert_msg (weak == NULL, "the page was not finalized");
}

static gpointer
child (GtkWidget  *page,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (page, CONSULT_TYPE_RECENT_PAGE, name);

  ck_assert_msg (object != NULL, "no template child %s", name);

  return object;
}

static guint
count_rows (GtkWidget *page)
{
  GtkListBox *list = child (page, "list_box");
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;

  return n;
}

static AdwActionRow *
get_row (GtkWidget *page,
         guint      position)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (child (page, "list_box"), position);

  ck_assert_msg (ADW_IS_ACTION_ROW (row), "no row at %u", position);

  return ADW_ACTION_ROW (row);
}

static const char *
row_title (GtkWidget *page,
           guint      position)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (get_row (page, position)));
}

/* The text of the labels under @root, joined by "|". */
static void
collect_labels (GtkWidget *root,
                GString   *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root))
    g_string_append_printf (text, "%s|", gtk_label_get_text (GTK_LABEL (root)));

  for (GtkWidget *w = gtk_widget_get_first_child (root);
       w != NULL;
       w = gtk_widget_get_next_sibling (w))
    collect_labels (w, text);
}

static char *
row_labels (GtkWidget *page,
            guint      position)
{
  GString *text = g_string_new (NULL);

  collect_labels (GTK_WIDGET (get_row (page, position)), text);

  return g_string_free (text, FALSE);
}

static const char *
visible_page (GtkWidget  *page,
              const char *stack)
{
  return gtk_stack_get_visible_child_name (child (page, stack));
}

typedef struct {
  GtkWidget *page;
  guint n_rows;
} WaitForRows;

static gboolean
rows_reached_cb (gpointer data)
{
  WaitForRows *wait = data;

  return count_rows (wait->page) == wait->n_rows;
}

/* Types @text in the search and waits for the list to show @n_rows. */
static void
search (GtkWidget  *page,
        const char *text,
        guint       n_rows)
{
  WaitForRows wait = { page, n_rows };

  gtk_editable_set_text (GTK_EDITABLE (child (page, "search_entry")), text);
  ck_assert_msg (consult_test_wait_until (rows_reached_cb, &wait, WAIT_MS),
                 "searching “%s”: expected %u rows, got %u", text, n_rows, count_rows (page));
}

static char *
locale_date (int year,
             int month,
             int day)
{
  g_autoptr(GDateTime) date = g_date_time_new_local (year, month, day, 0, 0, 0);

  return consult_format_date (date);
}

/* Smoke */

START_TEST (test_page_smoke)
{
  g_autofree char *folder = make_examples_folder ();
  g_autoptr(ConsultRecordIndex) index = load_index (folder);
  GtkWidget *page = consult_recent_page_new (index);
  ConsultRecordIndex *got = NULL;
  GtkWindow *window;

  ck_assert (ADW_IS_BIN (page));
  ck_assert_ptr_eq (consult_recent_page_get_index (CONSULT_RECENT_PAGE (page)), index);
  g_object_get (page, "index", &got, NULL);
  ck_assert_ptr_eq (got, index);
  g_object_unref (got);

  window = present (page, 800, 700);
  ck_assert_str_eq (visible_page (page, "stack"), "records");
  destroy_and_check (window, page);
}
END_TEST

START_TEST (test_page_narrow)
{
  g_autofree char *folder = make_examples_folder ();
  g_autoptr(ConsultRecordIndex) index = load_index (folder);
  GtkWidget *page = consult_recent_page_new (index);
  GtkWindow *window = present (page, 360, 640);
  int width;

  /* The page fits a phone-sized window without forcing it wider. */
  gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &width, NULL, NULL, NULL);
  ck_assert_int_le (width, 360);

  destroy_and_check (window, page);
}
END_TEST

/* The list */

START_TEST (test_page_rows)
{
  g_autofree char *folder = make_examples_folder ();
  g_autoptr(ConsultRecordIndex) index = load_index (folder);
  GtkWidget *page = consult_recent_page_new (index);
  GtkWindow *window = present (page, 800, 700);
  g_autofree char *jane_date = locale_date (2026, 3, 2);
  g_autofree char *labels = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *placeholder = NULL;
  const char *names[] = { "Robin Draft", "Sam Placeholder", "John Sample", "Jane Example" };
  const char *states[] = { "Draft", "Not Suitable", "Deferred", "Signed" };

  ck_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (child (page, "search_entry"))), "");
  g_object_get (child (page, "search_entry"), "placeholder-text", &placeholder, NULL);
  ck_assert_str_eq (placeholder, "Search by client name or date");
  ck_assert_uint_eq (count_rows (page), 4);
  ck_assert_str_eq (visible_page (page, "results_stack"), "list");
  ck_assert (!gtk_widget_get_visible (child (page, "skipped_label")));

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *row = row_labels (page, i);

      ck_assert_str_eq (row_title (page, i), names[i]);
      ck_assert_msg (strstr (row, states[i]) != NULL, "row %u: %s", i, row);
      ck_assert (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (get_row (page, i))));
    }

  /* The date in the locale's form, then the procedure. */
  expected = g_strdup_printf ("%s · Micro-needling", jane_date);
  ck_assert_str_eq (adw_action_row_get_subtitle (get_row (page, 3)), expected);
  labels = row_labels (page, 3);
  ck_assert_msg (strstr (labels, "Signed") != NULL, "%s", labels);

  destroy_and_check (window, page);
}
END_TEST

/* Searching */

START_TEST (test_page_search_name)
{
  g_autofree char *folder = make_examples_folder ();
  g_autoptr(ConsultRecordIndex) index = load_index (folder);
  GtkWidget *page = consult_recent_page_new (index);
  GtkWindow *window = present (page, 800, 700);
  GtkWidget *status;

  search (page, "jane", 1);
  ck_assert_str_eq (row_title (page, 0), "Jane Example");
  ck_assert_str_eq (visible_page (page, "results_stack"), "list");

  /* Anywhere in the name: "sam" is in Sam Placeholder and John Sample. */
  search (page, "sam", 2);

  search (page, "PLACEHOLDER", 1);
  ck_assert_str_eq (row_title (page, 0), "Sam Placeholder");

  /* Nothing found: said so, the search stays. */
  search (page, "nobody", 0);
  ck_assert_str_eq (visible_page (page, "stack"), "records");
  ck_assert_str_eq (visible_page (page, "results_stack"), "no-results");
  status = gtk_stack_get_visible_child (child (page, "results_stack"));
  ck_assert_str_eq (adw_status_page_get_title (ADW_STATUS_PAGE (status)), "No Results");

  /* Escape clears it. */
  g_signal_emit_by_name (child (page, "search_entry"), "stop-search");
  search (page, "", 4);
  ck_assert_str_eq (visible_page (page, "results_stack"), "list");

  destroy_and_check (window, page);
}
END_TEST

START_TEST (test_page_search_date)
{
  g_autofree char *folder = make_examples_folder ();
  g_autoptr(ConsultRecordIndex) index = load_index (folder);
  GtkWidget *page = consult_recent_page_new (index);
  GtkWindow *window = present (page, 800, 700);
  g_autofree char *john_date = locale_date (2026, 3, 4);

  search (page, "2026-03-02", 1);
  ck_assert_str_eq (row_title (page, 0), "Jane Example");

  search (page, john_date, 1);
  ck_assert_str_eq (row_title (page, 0), "John Sample");

  /* Part of a date: the month. */
  search (page, "2026-03", 4);
  search (page, "2026-04", 0);

  destroy_and_check (window, page);
}
END_TEST

/* States */

START_TEST (test_page_empty)
{
  g_autofree char *folder = consult_test_make_tmpdir ();
  g_autoptr(ConsultRecordIndex) index = load_index (folder);
  GtkWidget *page = consult_recent_page_new (index);
  GtkWindow *window = present (page, 800, 700);
  WaitForRows wait = { page, 1 };

  ck_assert_str_eq (visible_page (page, "stack"), "empty");
  ck_assert_str_eq (adw_status_page_get_title (child (page, "empty_page")),
                    "No Consultations Yet");

  /* The first record saved shows up by itself. */
  g_free (copy_record (folder, "complete.xml", "complete.xml"));
  ck_assert (consult_test_wait_until (rows_reached_cb, &wait, WAIT_MS));
  ck_assert_str_eq (visible_page (page, "stack"), "records");
  ck_assert_str_eq (row_title (page, 0), "Jane Example");

  destroy_and_check (window, page);
}
END_TEST

START_TEST (test_page_loading)
{
  g_autofree char *folder = make_examples_folder ();
  g_autoptr(ConsultRecordIndex) index = consult_record_index_new (folder);
  GtkWidget *page = consult_recent_page_new (index);
  GtkWindow *window;

  /* Before the first scan ends, not "No Consultations Yet". */
  ck_assert (!consult_record_index_get_loaded (index));
  ck_assert_str_eq (visible_page (page, "stack"), "loading");

  window = present (page, 800, 700);
  ck_assert (consult_test_wait_until (loaded_cb, index, WAIT_MS));
  ck_assert_str_eq (visible_page (page, "stack"), "records");
  ck_assert_uint_eq (count_rows (page), 4);

  destroy_and_check (window, page);
}
END_TEST

START_TEST (test_page_skipped)
{
  g_autofree char *folder = make_examples_folder ();
  g_autoptr(ConsultRecordIndex) index = NULL;
  GtkWidget *page;
  GtkWindow *window;
  GtkLabel *label;

  g_free (copy_record (folder, "bad/truncated.xml", "broken.xml"));
  index = load_index (folder);
  page = consult_recent_page_new (index);
  window = present (page, 800, 700);
  label = child (page, "skipped_label");

  ck_assert_uint_eq (count_rows (page), 4);
  ck_assert (gtk_widget_get_visible (GTK_WIDGET (label)));
  ck_assert_str_eq (gtk_label_get_text (label), "1 file in the records folder could not be read");

  destroy_and_check (window, page);
}
END_TEST

/* Opening a record */

typedef struct {
  guint n_activations;
  char *path;
} Opened;

static void
open_record_cb (GSimpleAction *action,
                GVariant      *parameter,
                Opened        *opened)
{
  opened->n_activations++;
  g_free (opened->path);
  opened->path = g_variant_dup_string (parameter, NULL);
}

/* The window's "win" actions, played by a group on the test window. */
static void
add_open_record_action (GtkWindow *window,
                        Opened    *opened)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("open-record", G_VARIANT_TYPE_STRING);

  g_signal_connect (action, "activate", G_CALLBACK (open_record_cb), opened);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (GTK_WIDGET (window), "win", G_ACTION_GROUP (group));
}

START_TEST (test_page_open_record)
{
  g_autofree char *folder = make_examples_folder ();
  g_autofree char *deferred = g_build_filename (folder, "deferred.xml", NULL);
  g_autofree char *complete = g_build_filename (folder, "complete.xml", NULL);
  g_autoptr(ConsultRecordIndex) index = load_index (folder);
  GtkWidget *page = consult_recent_page_new (index);
  GtkWindow *window = present (page, 800, 700);
  Opened opened = { 0, NULL };

  add_open_record_action (window, &opened);

  /* John Sample, third. */
  gtk_widget_activate (GTK_WIDGET (get_row (page, 2)));
  ck_assert_uint_eq (opened.n_activations, 1);
  ck_assert_str_eq (opened.path, deferred);

  /* In a filtered list, the row found. */
  search (page, "jane", 1);
  gtk_widget_activate (GTK_WIDGET (get_row (page, 0)));
  ck_assert_uint_eq (opened.n_activations, 2);
  ck_assert_str_eq (opened.path, complete);

  destroy_and_check (window, page);
  g_free (opened.path);
}
END_TEST

/* The keyboard */

static GtkEventController *
find_key_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        return controller;
    }

  ck_abort_msg ("no key controller on the %s", G_OBJECT_TYPE_NAME (widget));
  return NULL;
}

/* Whether @widget has a shortcut from @trigger to @action that the window
 * handles wherever the focus is. */
static gboolean
has_managed_shortcut (GtkWidget  *widget,
                      const char *trigger,
                      const char *action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      GListModel *shortcuts;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller)) !=
            GTK_SHORTCUT_SCOPE_MANAGED)
        continue;

      shortcuts = G_LIST_MODEL (controller);
      for (guint j = 0; j < g_list_model_get_n_items (shortcuts); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (shortcuts, j);
          g_autofree char *shortcut_trigger =
            gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          g_autofree char *shortcut_action =
            gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut));

          if (g_strcmp0 (shortcut_trigger, trigger) == 0 &&
              g_strcmp0 (shortcut_action, action) == 0)
            return TRUE;
        }
    }

  return FALSE;
}

static gboolean
focus_within (GtkWindow *window,
              GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

START_TEST (test_page_keyboard)
{
  g_autofree char *folder = make_examples_folder ();
  g_autoptr(ConsultRecordIndex) index = load_index (folder);
  GtkWidget *page = consult_recent_page_new (index);
  GtkWindow *window = present (page, 800, 700);
  GtkWidget *entry = child (page, "search_entry");
  GtkWidget *first_row = GTK_WIDGET (get_row (page, 0));
  GtkWidget *button = gtk_button_new_with_label ("Elsewhere");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gboolean handled = FALSE;

  /* Ctrl+F is a shortcut of the page, handled by the window wherever the
   * focus is. */
  g_object_ref (page);
  gtk_window_set_child (window, NULL);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), page);
  g_object_unref (page);
  gtk_window_set_child (window, box);
  consult_test_wait_for_frame (page);
  gtk_widget_grab_focus (button);
  ck_assert (!focus_within (window, entry));

  ck_assert_msg (has_managed_shortcut (page, "<Control>f", "action(recent.search)"),
                 "no Ctrl+F shortcut to recent.search");

  ck_assert (gtk_widget_activate_action (page, "recent.search", NULL));
  ck_assert (focus_within (window, entry));

  /* Down goes to the first row... */
  g_signal_emit_by_name (find_key_controller (entry), "key-pressed",
                         GDK_KEY_Down, 0, (GdkModifierType) 0, &handled);
  ck_assert (handled);
  ck_assert (focus_within (window, first_row));

  /* ...and Up from there back to the search. */
  handled = FALSE;
  g_signal_emit_by_name (child (page, "list_box"), "keynav-failed", GTK_DIR_UP, &handled);
  ck_assert (handled);
  ck_assert (focus_within (window, entry));

  /* Down with a modifier is left to others. */
  handled = TRUE;
  g_signal_emit_by_name (find_key_controller (entry), "key-pressed",
                         GDK_KEY_Down, 0, GDK_SHIFT_MASK, &handled);
  ck_assert (!handled);

  /* With nothing found, Down stays in the search. */
  search (page, "nobody", 0);
  handled = TRUE;
  g_signal_emit_by_name (find_key_controller (entry), "key-pressed",
                         GDK_KEY_Down, 0, (GdkModifierType) 0, &handled);
  ck_assert (!handled);

  destroy_and_check (window, page);
}
END_TEST

static Suite *
recent_page_suite (void)
{
  Suite *s = suite_create ("recent-page");
  TCase *tc;

  tc = tcase_create ("page");
  tcase_add_checked_fixture (tc, consult_test_setup_gtk, NULL);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_page_smoke);
  tcase_add_test (tc, test_page_narrow);
  tcase_add_test (tc, test_page_rows);
  tcase_add_test (tc, test_page_empty);
  tcase_add_test (tc, test_page_loading);
  tcase_add_test (tc, test_page_skipped);
  suite_add_tcase (s, tc);

  tc = tcase_create ("search");
  tcase_add_checked_fixture (tc, consult_test_setup_gtk, NULL);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_page_search_name);
  tcase_add_test (tc, test_page_search_date);
  suite_add_tcase (s, tc);

  tc = tcase_create ("activate");
  tcase_add_checked_fixture (tc, consult_test_setup_gtk, NULL);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_page_open_record);
  tcase_add_test (tc, test_page_keyboard);
  suite_add_tcase (s, tc);

  return s;
}

int
main (void)
{
  return consult_test_run_suite (recent_page_suite (), TRUE);
}
