/* consult-print.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The print operation of the consent summary. The summary does the layout
 * and the drawing; this file only feeds it the print context and keeps the
 * user's print settings and page setup between runs, as GNOME Text Editor
 * does.
 */

#define G_LOG_DOMAIN "consult-print"

#include "consult-config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "consult-print.h"
#include "consult-summary-pdf.h"

#define PRINT_SETTINGS_FILE "print-settings.ini"
#define PAGE_SETUP_FILE "page-setup.ini"

struct _ConsultPrintOperation
{
  GtkPrintOperation parent_instance;

  ConsultConsultation *consultation;
  GSettings *settings;
  ConsultSummary *summary;
};

G_DEFINE_FINAL_TYPE (ConsultPrintOperation, consult_print_operation, GTK_TYPE_PRINT_OPERATION)

enum {
  PROP_0,
  PROP_CONSULTATION,
  PROP_SETTINGS,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

ConsultPrintOperation *
consult_print_operation_new (ConsultConsultation *consultation,
                             GSettings           *settings)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (consultation), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (CONSULT_TYPE_PRINT_OPERATION,
                       "consultation", consultation,
                       "settings", settings,
                       NULL);
}

ConsultConsultation *
consult_print_operation_get_consultation (ConsultPrintOperation *self)
{
  g_return_val_if_fail (CONSULT_IS_PRINT_OPERATION (self), NULL);

  return self->consultation;
}

ConsultSummary *
consult_print_operation_get_summary (ConsultPrintOperation *self)
{
  g_return_val_if_fail (CONSULT_IS_PRINT_OPERATION (self), NULL);

  return self->summary;
}

static char *
config_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "consult", NULL);
}

static char *
config_path (const char *name)
{
  return g_build_filename (g_get_user_data_dir (), "consult", name, NULL);
}

gboolean
consult_print_operation_save (ConsultPrintOperation  *self,
                              GError                **error)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);
  GtkPrintSettings *print_settings;
  GtkPageSetup *page_setup;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (CONSULT_IS_PRINT_OPERATION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  dir = config_dir ();
  /* The print settings can name printers and files: the user's alone. */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  print_settings = gtk_print_operation_get_print_settings (operation);
  if (print_settings != NULL)
    {
      g_autofree char *path = config_path (PRINT_SETTINGS_FILE);

      if (!gtk_print_settings_to_file (print_settings, path, error))
        return FALSE;
    }

  page_setup = gtk_print_operation_get_default_page_setup (operation);
  if (page_setup != NULL)
    {
      g_autofree char *path = config_path (PAGE_SETUP_FILE);

      if (!gtk_page_setup_to_file (page_setup, path, error))
        return FALSE;
    }

  return TRUE;
}

/* A missing file is the first run, not an error. */
static void
report_load_error (const char   *path,
                   const GError *error)
{
  if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    return;

  g_message ("Could not read “%s”, using the defaults: %s", path, error->message);
}

static GtkPageSetup *
default_page_setup (void)
{
  GtkPageSetup *page_setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  double width, height;

  consult_paper_size_for_locale (NULL, &width, &height);
  /* US Letter is 612 points wide, A4 595. */
  paper = gtk_paper_size_new (fabs (width - 612.0) < 1.0 ? GTK_PAPER_NAME_LETTER
                                                         : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size (page_setup, paper);
  gtk_page_setup_set_orientation (page_setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_page_setup_set_top_margin (page_setup, CONSULT_PRINT_MIN_MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (page_setup, CONSULT_PRINT_MIN_MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (page_setup, CONSULT_PRINT_MIN_MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (page_setup, CONSULT_PRINT_MIN_MARGIN_MM, GTK_UNIT_MM);

  return page_setup;
}

/* The print settings saved from the dialog (NULL when there are none)
 * and the page setup (the locale's paper when none was saved). */
static void
load_saved (GtkPrintSettings **print_settings,
            GtkPageSetup     **page_setup)
{
  g_autofree char *settings_path = config_path (PRINT_SETTINGS_FILE);
  g_autofree char *setup_path = config_path (PAGE_SETUP_FILE);
  g_autoptr(GError) error = NULL;

  *print_settings = gtk_print_settings_new_from_file (settings_path, &error);
  if (*print_settings == NULL)
    report_load_error (settings_path, error);
  g_clear_error (&error);

  *page_setup = gtk_page_setup_new_from_file (setup_path, &error);
  if (*page_setup == NULL)
    {
      report_load_error (setup_path, error);
      *page_setup = default_page_setup ();
    }
}

static void
restore_settings (ConsultPrintOperation *self)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);
  g_autoptr(GtkPrintSettings) print_settings = NULL;
  g_autoptr(GtkPageSetup) page_setup = NULL;

  load_saved (&print_settings, &page_setup);
  if (print_settings != NULL)
    gtk_print_operation_set_print_settings (operation, print_settings);
  gtk_print_operation_set_default_page_setup (operation, page_setup);
}

void
consult_print_batch_setup (const char        *printer_name,
                           GtkPrintSettings **print_settings,
                           GtkPageSetup     **page_setup)
{
  g_return_if_fail (printer_name != NULL);
  g_return_if_fail (print_settings != NULL && page_setup != NULL);

  load_saved (print_settings, page_setup);
  if (*print_settings == NULL)
    *print_settings = gtk_print_settings_new ();

  /* Which printer is the command line's to say; the page range and the
   * copies were those of one print from the dialog, not of every
   * record. The rest (duplex, quality, tray, colour...) stays. */
  gtk_print_settings_set_printer (*print_settings, printer_name);
  gtk_print_settings_set_print_pages (*print_settings, GTK_PRINT_PAGES_ALL);
  gtk_print_settings_unset (*print_settings, GTK_PRINT_SETTINGS_PAGE_RANGES);
  gtk_print_settings_set_n_copies (*print_settings, 1);
  /* The paper is the page setup's, upright. The PDF handed to CUPS has
   * the pages as they are to come out: a landscape page setup saved from
   * the dialog made landscape pages, which CUPS then shrank onto upright
   * paper, in small print. A consent summary is an upright document; the
   * dialog, which turns the pages itself, can still print it sideways. */
  gtk_page_setup_set_orientation (*page_setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_settings_set_paper_size (*print_settings,
                                     gtk_page_setup_get_paper_size (*page_setup));
  gtk_print_settings_set_orientation (*print_settings, GTK_PAGE_ORIENTATION_PORTRAIT);
}

void
consult_print_summary_page (GtkPageSetup       *page_setup,
                            ConsultPaper       *page)
{
  double min_margin = CONSULT_PRINT_MIN_MARGIN_MM * 72.0 / 25.4;

  g_return_if_fail (GTK_IS_PAGE_SETUP (page_setup));
  g_return_if_fail (page != NULL);

  page->width = gtk_page_setup_get_paper_width (page_setup, GTK_UNIT_POINTS);
  page->height = gtk_page_setup_get_paper_height (page_setup, GTK_UNIT_POINTS);
  page->margin_top = MAX (min_margin, gtk_page_setup_get_top_margin (page_setup, GTK_UNIT_POINTS));
  page->margin_right = MAX (min_margin,
                            gtk_page_setup_get_right_margin (page_setup, GTK_UNIT_POINTS));
  page->margin_bottom = MAX (min_margin,
                             gtk_page_setup_get_bottom_margin (page_setup, GTK_UNIT_POINTS));
  page->margin_left = MAX (min_margin,
                           gtk_page_setup_get_left_margin (page_setup, GTK_UNIT_POINTS));
}

/* What to add inside the printable area for a margin of at least
 * CONSULT_PRINT_MIN_MARGIN_MM from the edge of the paper. */
static double
extra_margin (double page_setup_margin)
{
  return MAX (0.0, CONSULT_PRINT_MIN_MARGIN_MM * 72.0 / 25.4 - page_setup_margin);
}

static void
consult_print_operation_begin_print (GtkPrintOperation *operation,
                                     GtkPrintContext   *context)
{
  ConsultPrintOperation *self = CONSULT_PRINT_OPERATION (operation);
  GtkPageSetup *page_setup = gtk_print_context_get_page_setup (context);
  PangoContext *pango_context = gtk_print_context_create_pango_context (context);
  guint n_pages;

  /* The context's origin is already inside the page setup's margins, so
   * those count as margins of 0 here. The dialog may have picked a paper
   * or printer with smaller margins than the app's, though: add the rest. */
  n_pages = consult_summary_paginate (
    self->summary, pango_context,
    gtk_print_context_get_width (context),
    gtk_print_context_get_height (context),
    extra_margin (gtk_page_setup_get_top_margin (page_setup, GTK_UNIT_POINTS)),
    extra_margin (gtk_page_setup_get_right_margin (page_setup, GTK_UNIT_POINTS)),
    extra_margin (gtk_page_setup_get_bottom_margin (page_setup, GTK_UNIT_POINTS)),
    extra_margin (gtk_page_setup_get_left_margin (page_setup, GTK_UNIT_POINTS)));

  g_object_unref (pango_context);
  gtk_print_operation_set_n_pages (operation, (int) n_pages);
}

static void
consult_print_operation_draw_page (GtkPrintOperation *operation,
                                   GtkPrintContext   *context,
                                   int                page_nr)
{
  ConsultPrintOperation *self = CONSULT_PRINT_OPERATION (operation);

  consult_summary_draw_page (self->summary, gtk_print_context_get_cairo_context (context),
                             (guint) page_nr);
}

void
consult_print_options_init (ConsultPrintOptions *self,
                            GSettings           *settings)
{
  g_return_if_fail (self != NULL);

  memset (self, 0, sizeof *self);
  if (settings != NULL)
    {
      self->clinic_name = g_settings_get_string (settings, "clinic-name");
      self->clinic_address = g_settings_get_string (settings, "clinic-address");
      self->practitioner_name = g_settings_get_string (settings, "practitioner-name");
    }
  self->options.clinic_name = self->clinic_name;
  self->options.clinic_address = self->clinic_address;
  self->options.practitioner_name = self->practitioner_name;
  self->options.parts = CONSULT_SUMMARY_PARTS_FULL;
}

void
consult_print_options_clear (ConsultPrintOptions *self)
{
  g_clear_pointer (&self->clinic_name, g_free);
  g_clear_pointer (&self->clinic_address, g_free);
  g_clear_pointer (&self->practitioner_name, g_free);
  memset (&self->options, 0, sizeof self->options);
}

static void
consult_print_operation_constructed (GObject *object)
{
  ConsultPrintOperation *self = CONSULT_PRINT_OPERATION (object);
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);
  g_auto(ConsultPrintOptions) options = { 0 };
  g_autofree char *title = NULL;

  G_OBJECT_CLASS (consult_print_operation_parent_class)->constructed (object);

  g_assert (self->consultation != NULL);

  consult_print_options_init (&options, self->settings);
  self->summary = consult_summary_new (self->consultation, &options.options);

  title = consult_summary_dup_title (self->summary);
  gtk_print_operation_set_job_name (operation, title);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_show_progress (operation, TRUE);

  restore_settings (self);
}

static void
consult_print_operation_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ConsultPrintOperation *self = CONSULT_PRINT_OPERATION (object);

  switch (prop_id)
    {
    case PROP_CONSULTATION:
      g_value_set_object (value, self->consultation);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consult_print_operation_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  ConsultPrintOperation *self = CONSULT_PRINT_OPERATION (object);

  switch (prop_id)
    {
    case PROP_CONSULTATION:
      g_set_object (&self->consultation, g_value_get_object (value));
      break;
    case PROP_SETTINGS:
      g_set_object (&self->settings, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consult_print_operation_dispose (GObject *object)
{
  ConsultPrintOperation *self = CONSULT_PRINT_OPERATION (object);

  g_clear_object (&self->summary);
  g_clear_object (&self->consultation);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (consult_print_operation_parent_class)->dispose (object);
}

static void
consult_print_operation_class_init (ConsultPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->constructed = consult_print_operation_constructed;
  object_class->dispose = consult_print_operation_dispose;
  object_class->get_property = consult_print_operation_get_property;
  object_class->set_property = consult_print_operation_set_property;

  operation_class->begin_print = consult_print_operation_begin_print;
  operation_class->draw_page = consult_print_operation_draw_page;

  properties[PROP_CONSULTATION] =
    g_param_spec_object ("consultation", NULL, NULL,
                         CONSULT_TYPE_CONSULTATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
consult_print_operation_init (ConsultPrintOperation *self)
{
}
