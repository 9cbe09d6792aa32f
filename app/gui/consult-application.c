/* consult-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "consult-application"

#include "consult-config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtkunixprint.h>

#include "consult-application.h"
#include "consult-content-loader.h"
#include "consult-metainfo.h"
#include "consult-preferences-window.h"
#include "consult-print.h"
#include "consult-record.h"
#include "consult-summary-pdf.h"
#include "consult-validate.h"
#include "consult-window-private.h"
#include "consult-window.h"
#include "consult-xml.h"

struct _ConsultApplication
{
  AdwApplication parent_instance;

  GSettings *settings;

  ConsultContent *content;
  GError *content_error;

  /* Whether handle-local-options ran, which tells a command line that
   * could not be parsed from one that was answered. */
  gboolean options_handled;

  /* The records named on the command line of the primary instance, opened
   * when it activates. */
  GPtrArray *files_to_open;
};

G_DEFINE_FINAL_TYPE (ConsultApplication, consult_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { "content", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the procedure content in FILE instead of the shipped one"), N_("FILE") },
  { "export-pdf", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Render the summary of the saved consultation RECORD to the PDF file OUT, "
       "with no display, and exit"), N_("OUT") },
  { "validate", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Check each FILE, print its problems and exit"), NULL },
  { "print", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the summary of each saved consultation RECORD, with no dialog, and exit"), NULL },
  { "printer", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --print, print to the printer NAME instead of the default one"), N_("NAME") },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[FILE…]") },
  { NULL }
};

ConsultApplication *
consult_application_new (void)
{
  return g_object_new (CONSULT_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", RESOURCE_BASE,
                       /* consult RECORD... and the file manager open records. */
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

GSettings *
consult_application_get_settings (ConsultApplication *self)
{
  g_return_val_if_fail (CONSULT_IS_APPLICATION (self), NULL);

  return self->settings;
}

ConsultContent *
consult_application_get_content (ConsultApplication *self)
{
  g_return_val_if_fail (CONSULT_IS_APPLICATION (self), NULL);

  return self->content;
}

const GError *
consult_application_get_content_error (ConsultApplication *self)
{
  g_return_val_if_fail (CONSULT_IS_APPLICATION (self), NULL);

  return self->content_error;
}

/* A missing or broken content file (--content) is reported, never fatal:
 * the window shows the error, and stderr has it for whoever started the
 * app. */
static void
load_content (ConsultApplication *self,
              const char         *path)
{
  g_clear_object (&self->content);
  g_clear_error (&self->content_error);

  self->content = consult_content_loader_load_file (path, &self->content_error);
  if (self->content == NULL)
    g_printerr ("%s\n", self->content_error->message);
}

typedef struct {
  char *resource;
  GError *error;
} ContentLoad;

static gpointer
load_content_thread (gpointer data)
{
  ContentLoad *load = data;

  return consult_content_loader_load_resource (load->resource, &load->error);
}

static int
usage_error (const char *message)
{
  g_printerr ("%s: %s\n", g_get_prgname (), message);
  /* Translators: %s is the program name. */
  g_printerr (_("Run “%s --help” to see the options.\n"), g_get_prgname ());
  return 2;
}

/* consult --validate FILE...: like a compiler, silent on success, one
 * FILE:LINE:COLUMN: message line per problem on stderr. */
static int
validate_files (const char * const *files)
{
  int status = 0;

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) problems = consult_problems_new ();

      if (!consult_validate_file (files[i], problems))
        {
          g_autofree char *text = consult_problems_to_string (problems);

          g_printerr ("%s\n", text);
          status = 1;
        }
    }

  return status;
}

/* The preferences, when the settings schema is installed: --export-pdf
 * must work where it is not. */
static GSettings *
dup_settings_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

/* consult --export-pdf OUT RECORD: the same drawing as the print dialog,
 * written with no display. */
static int
export_pdf (const char *out,
            const char *record)
{
  g_autoptr(ConsultConsultation) consultation = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(ConsultPrintOptions) options = { 0 };

  consultation = consult_record_load_file (record, NULL, &error);
  if (consultation == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  settings = dup_settings_if_installed ();
  consult_print_options_init (&options, settings);

  if (!consult_summary_export_pdf (consultation, &options.options, out, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  return 0;
}

/* consult --print RECORD... [--printer NAME]: each summary is rendered to a
 * private temporary PDF, as --export-pdf does, and that file is sent to the
 * printer with GtkPrintJob. A GtkPrintOperation with
 * GTK_PRINT_OPERATION_ACTION_PRINT would be the obvious way, but GTK 4.8
 * frees the printer it looks up while still using it. */

typedef struct {
  const char *name;
  GtkPrinter *printer;
} FindPrinter;

static gboolean
find_printer_cb (GtkPrinter *printer,
                 gpointer    user_data)
{
  FindPrinter *find = user_data;
  gboolean match;

  if (find->name != NULL)
    match = g_strcmp0 (gtk_printer_get_name (printer), find->name) == 0;
  else
    match = gtk_printer_is_default (printer);

  if (match)
    g_set_object (&find->printer, printer);

  return match;
}

/* The named printer, or the default one; NULL when there is none. */
static GtkPrinter *
find_printer (const char *name)
{
  FindPrinter find = { name, NULL };

  gtk_enumerate_printers (find_printer_cb, &find, NULL, TRUE);

  return find.printer;
}

typedef struct {
  GMainLoop *loop;
  gboolean sent;
  GError *error;
} SendJob;

static void
job_sent_cb (GtkPrintJob  *job,
             gpointer      user_data,
             const GError *error)
{
  SendJob *send = user_data;

  send->sent = TRUE;
  if (error != NULL)
    send->error = g_error_copy (error);
  g_main_loop_quit (send->loop);
}

/* Renders @record to @pdf_path and sends it to @printer; FALSE with a
 * message on stderr when the record cannot be read or the job was not
 * accepted. */
static gboolean
print_record (const char       *record,
              const char       *pdf_path,
              GtkPrinter       *printer,
              GtkPrintSettings *print_settings,
              GtkPageSetup     *page_setup,
              GSettings        *settings)
{
  g_autoptr(ConsultConsultation) consultation = NULL;
  g_autoptr(ConsultSummary) summary = NULL;
  g_autoptr(GtkPrintJob) job = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(ConsultPrintOptions) options = { 0 };
  g_autofree char *title = NULL;
  SendJob send = { NULL, FALSE, NULL };
  ConsultPaper page;

  consultation = consult_record_load_file (record, NULL, &error);
  if (consultation == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }

  /* On the paper of the page setup the job goes out with, as the print
   * dialog would lay it out. */
  consult_print_options_init (&options, settings);
  consult_print_summary_page (page_setup, &page);
  if (!consult_summary_export_pdf_on_page (consultation, &options.options, &page, pdf_path,
                                           &error))
    {
      /* Translators: the first %s is a record file, the second why it
       * could not be printed. */
      g_printerr (_("%s: cannot print: %s\n"), record, error->message);
      return FALSE;
    }

  summary = consult_summary_new (consultation, &options.options);
  title = consult_summary_dup_title (summary);
  job = gtk_print_job_new (title, printer, print_settings, page_setup);
  if (!gtk_print_job_set_source_file (job, pdf_path, &error))
    {
      g_printerr (_("%s: cannot print: %s\n"), record, error->message);
      return FALSE;
    }

  loop = g_main_loop_new (NULL, FALSE);
  send.loop = loop;
  gtk_print_job_send (job, job_sent_cb, &send, NULL);
  if (!send.sent)
    g_main_loop_run (loop);

  if (send.error != NULL)
    {
      /* Translators: the first %s is a record file, the second a printer,
       * the third the printer's answer. */
      g_printerr (_("%s: the printer “%s” did not accept the job: %s\n"),
                  record, gtk_printer_get_name (printer), send.error->message);
      g_error_free (send.error);
      return FALSE;
    }

  return TRUE;
}

static int
print_records (const char * const *records,
               const char         *printer_name)
{
  g_autoptr(GtkPrinter) printer = NULL;
  g_autoptr(GtkPrintSettings) print_settings = NULL;
  g_autoptr(GtkPageSetup) page_setup = NULL;
  g_autoptr(GSettings) settings = NULL;
  int status = 0;

  /* GTK finds printers through its print backends, which GTK 4.8 only
   * loads once it has opened a display. */
  if (!gtk_init_check ())
    {
      g_printerr ("%s: %s\n", g_get_prgname (),
                  _("--print needs a graphical session: no display could be opened"));
      return 1;
    }

  printer = find_printer (printer_name);
  if (printer == NULL)
    {
      if (printer_name != NULL)
        /* Translators: %s is a printer name. */
        g_printerr (_("%s: there is no printer “%s”\n"), g_get_prgname (), printer_name);
      else
        g_printerr (_("%s: there is no default printer; name one with --printer\n"),
                    g_get_prgname ());
      return 1;
    }

  settings = dup_settings_if_installed ();
  /* The paper and settings last chosen in the print dialog, if any. */
  consult_print_batch_setup (gtk_printer_get_name (printer), &print_settings, &page_setup);

  for (guint i = 0; records[i] != NULL; i++)
    {
      g_autofree char *pdf_path = NULL;
      g_autoptr(GError) error = NULL;
      int fd;

      /* Readable by its owner only: a summary is health data. */
      fd = g_file_open_tmp ("consult-print-XXXXXX.pdf", &pdf_path, &error);
      if (fd < 0)
        {
          g_printerr (_("%s: cannot print: %s\n"), records[i], error->message);
          status = 1;
          continue;
        }
      g_close (fd, NULL);

      if (!print_record (records[i], pdf_path, printer, print_settings, page_setup, settings))
        status = 1;

      g_unlink (pdf_path);
    }

  return status;
}

/* consult RECORD...: the G_OPTION_REMAINING entry takes the files out of
 * the arguments GApplication would otherwise pass to open, so they are
 * opened here: in the instance already running if there is one, else
 * once this one activates. */
static int
open_files (ConsultApplication  *self,
            const char * const  *paths)
{
  GApplication *app = G_APPLICATION (self);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; paths[i] != NULL; i++)
    g_ptr_array_add (files, g_file_new_for_commandline_arg (paths[i]));

  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (g_application_get_is_remote (app))
    {
      g_application_open (app, (GFile **) files->pdata, (int) files->len, "");
      return 0;
    }

  g_clear_pointer (&self->files_to_open, g_ptr_array_unref);
  self->files_to_open = g_steal_pointer (&files);
  return -1;
}

/* Options that open no window are answered here, in the launching process,
 * before anything connects to a display or a bus. */
static int
consult_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  ConsultApplication *self = CONSULT_APPLICATION (app);
  g_autofree const char **files = NULL;
  const char *content_path = NULL;
  const char *export_path = NULL;
  const char *printer_name = NULL;
  gboolean validate;
  gboolean print;

  self->options_handled = TRUE;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("consult %s\n", PACKAGE_VERSION);
      return 0;
    }

  validate = g_variant_dict_contains (options, "validate");
  print = g_variant_dict_contains (options, "print");
  g_variant_dict_lookup (options, "printer", "&s", &printer_name);
  g_variant_dict_lookup (options, "content", "^&ay", &content_path);
  g_variant_dict_lookup (options, "export-pdf", "^&ay", &export_path);
  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files);

  if (validate && content_path != NULL)
    return usage_error (_("--validate and --content cannot be used together"));

  if (export_path != NULL && (validate || content_path != NULL))
    return usage_error (_("--export-pdf cannot be used with --validate or --content"));

  if (printer_name != NULL && !print)
    return usage_error (_("--printer needs --print"));

  if (print && (validate || export_path != NULL || content_path != NULL))
    return usage_error (_("--print cannot be used with --validate, --export-pdf or --content"));

  if (print)
    {
      if (files == NULL || files[0] == NULL)
        return usage_error (_("--print needs at least one RECORD"));
      return print_records (files, printer_name);
    }

  if (export_path != NULL)
    {
      if (files == NULL || files[0] == NULL || files[1] != NULL)
        return usage_error (_("--export-pdf needs the PDF to write and one RECORD"));
      return export_pdf (export_path, files[0]);
    }

  if (validate)
    {
      if (files == NULL || files[0] == NULL)
        return usage_error (_("--validate needs at least one FILE"));
      return validate_files (files);
    }

  if (content_path != NULL)
    {
      /* The file applies to this process, not to one already running. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
      load_content (self, content_path);
    }

  if (files != NULL && files[0] != NULL)
    return open_files (self, files);

  return -1;
}

/* GApplication answers a command line it cannot parse (an unknown option,
 * a missing argument) with status 1; a usage error is 2 here, so that
 * scripts can tell it from an invalid file. */
static gboolean
consult_application_local_command_line (GApplication   *app,
                                        char         ***arguments,
                                        int            *exit_status)
{
  ConsultApplication *self = CONSULT_APPLICATION (app);
  gboolean handled;

  self->options_handled = FALSE;
  handled = G_APPLICATION_CLASS (consult_application_parent_class)->local_command_line (app,
                                                                                       arguments,
                                                                                       exit_status);
  if (handled && *exit_status == 1 && !self->options_handled)
    *exit_status = 2;

  return handled;
}

static void
consult_application_activate (GApplication *app)
{
  ConsultApplication *self = CONSULT_APPLICATION (app);
  g_autoptr(GPtrArray) files = g_steal_pointer (&self->files_to_open);
  GtkWindow *window;

  if (files != NULL)
    {
      g_application_open (app, (GFile **) files->pdata, (int) files->len, "");
      return;
    }

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = GTK_WINDOW (consult_window_new (self));

  gtk_window_present (window);
}

/* Opens each record in a window of its own, showing its summary. A file
 * that is not a valid record opens nothing: why is said on stderr and in
 * a dialog, since a double-click in a file manager has no terminal. */
static void
consult_application_open (GApplication  *app,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  ConsultApplication *self = CONSULT_APPLICATION (app);
  g_autoptr(GString) problems = g_string_new (NULL);
  GtkWindow *first = NULL;
  AdwMessageDialog *dialog;
  guint n_failed = 0;

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      g_autoptr(GError) error = NULL;
      ConsultWindow *window;

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (files[i]);

          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("%s: only local files can be opened"), uri);
        }
      else
        {
          window = consult_window_new (self);
          if (_consult_window_open_record (window, path, &error))
            {
              gtk_window_present (GTK_WINDOW (window));
              if (first == NULL)
                first = GTK_WINDOW (window);
              continue;
            }
          gtk_window_destroy (GTK_WINDOW (window));
        }

      n_failed++;
      g_printerr ("%s\n", error->message);
      g_string_append_printf (problems, "%s%s", problems->len ? "\n\n" : "", error->message);
    }

  if (problems->len == 0)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (first,
                                                       g_dngettext (GETTEXT_PACKAGE,
                                                                    "This File Cannot Be Opened",
                                                                    "These Files Cannot Be Opened",
                                                                    n_failed),
                                                       problems->str));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  /* With no window of its own, the dialog keeps the application running
   * until it is read. */
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  /* Ask each window to close, so that one with unsaved work can object. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
}

static void
preferences_activated_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  ConsultApplication *self = CONSULT_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  ConsultPreferencesWindow *preferences;

  preferences = consult_preferences_window_new (self->settings);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  ConsultApplication *self = CONSULT_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(ConsultMetainfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  AdwAboutWindow *about;

  bytes = g_resources_lookup_data (RESOURCE_BASE "/metainfo.xml",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes != NULL)
    info = consult_metainfo_load_bytes (bytes, "metainfo.xml", &error);
  if (info == NULL)
    g_warning ("Cannot read the bundled metainfo: %s", error->message);

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_icon (about, APPLICATION_ID);
  adw_about_window_set_application_name (about, info ? info->name : PACKAGE_NAME);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  /* Translators: Replace "translator-credits" with your name(s), one per line. */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  if (info != NULL)
    {
      adw_about_window_set_comments (about, info->summary);
      adw_about_window_set_developer_name (about, info->developer_name);
      adw_about_window_set_website (about, info->homepage);
      adw_about_window_set_issue_url (about, info->bugtracker);
      if (info->release_notes != NULL && g_strcmp0 (info->version, PACKAGE_VERSION) == 0)
        {
          adw_about_window_set_release_notes_version (about, info->version);
          adw_about_window_set_release_notes (about, info->release_notes);
        }
    }
  adw_about_window_set_copyright (about, "© 2026 The Consult developers");

  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated_cb },
  { "preferences", preferences_activated_cb },
  { "about", about_activated_cb },
};

static void
consult_application_startup (GApplication *app)
{
  ConsultApplication *self = CONSULT_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  g_autofree char *records = NULL;
  ContentLoad load = { NULL, NULL };
  GThread *content_thread = NULL;

  /* --content loaded its file already, in handle-local-options. The
   * shipped content is read and validated on the other core while GTK
   * opens the display: it is ready before the first window is made, and
   * costs the start-up nothing. The resource is chosen here, since it
   * depends on the locale. */
  if (self->content == NULL && self->content_error == NULL)
    {
      load.resource = consult_content_get_default_resource ();
      content_thread = g_thread_new ("consult-content", load_content_thread, &load);
    }

  G_APPLICATION_CLASS (consult_application_parent_class)->startup (app);

  if (content_thread != NULL)
    {
      self->content = g_thread_join (content_thread);
      self->content_error = load.error;
      g_free (load.resource);
      if (self->content == NULL)
        g_printerr ("%s\n", self->content_error->message);
    }

  gtk_window_set_default_icon_name (APPLICATION_ID);

  self->settings = g_settings_new (APPLICATION_ID);

  /* A save interrupted by a crash or a kill leaves a full copy of a record
   * under a temporary name: health data nobody would see or remove. */
  records = consult_record_default_folder ();
  consult_record_clean_leftovers (records);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         shortcuts_accels);
}

static void
consult_application_dispose (GObject *object)
{
  ConsultApplication *self = CONSULT_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->files_to_open, g_ptr_array_unref);
  g_clear_object (&self->content);
  g_clear_error (&self->content_error);

  G_OBJECT_CLASS (consult_application_parent_class)->dispose (object);
}

static void
consult_application_class_init (ConsultApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = consult_application_dispose;

  app_class->local_command_line = consult_application_local_command_line;
  app_class->handle_local_options = consult_application_handle_local_options;
  app_class->startup = consult_application_startup;
  app_class->activate = consult_application_activate;
  app_class->open = consult_application_open;
}

static void
consult_application_init (ConsultApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Guide a client through a treatment consultation "
                                              "and informed consent."));
  g_application_set_option_context_description (G_APPLICATION (self),
                                                _("--validate prints each problem as "
                                                  "FILE:LINE:COLUMN: message and exits with 0 when "
                                                  "every FILE is valid, 1 when one is not, and 2 "
                                                  "on a usage error."));
}
