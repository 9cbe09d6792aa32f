/* consult-print.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Printing the consent summary: a GtkPrintOperation that lays out and
 * draws the summary of one consultation with ConsultSummary, so what is
 * printed matches the exported PDF. The print settings and page setup
 * chosen in the print dialog are remembered between runs, in files under
 * the user data folder.
 */

#pragma once

#include <gtk/gtk.h>

#include "consult-consultation.h"
#include "consult-summary.h"
#include "consult-summary-pdf.h"

G_BEGIN_DECLS

/* The smallest margin, on every side, that the summary is printed with,
 * whatever the printer reports: cups-pdf, for one, reports none. */
#define CONSULT_PRINT_MIN_MARGIN_MM 18.0

/* The summary options the preferences give: the clinic's name and address
 * and the practitioner, with the strings they point to. */
typedef struct {
  ConsultSummaryOptions options;
  char *clinic_name;
  char *clinic_address;
  char *practitioner_name;
} ConsultPrintOptions;

/* Fills @self from @settings (NULL leaves the strings unset), for the
 * whole summary. */
void consult_print_options_init  (ConsultPrintOptions *self,
                                  GSettings           *settings);
void consult_print_options_clear (ConsultPrintOptions *self);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ConsultPrintOptions, consult_print_options_clear)

/* What a print with no dialog (consult --print) to the printer
 * @printer_name gets: the print settings and page setup last chosen in
 * the print dialog, when they were saved, with that printer, every page
 * and one copy, upright; otherwise the locale's paper. */
void consult_print_batch_setup   (const char          *printer_name,
                                  GtkPrintSettings   **print_settings,
                                  GtkPageSetup       **page_setup);

/* The page the summary is laid out on for @page_setup: its paper, as it
 * is held, and its margins, but never less than
 * CONSULT_PRINT_MIN_MARGIN_MM. */
void consult_print_summary_page  (GtkPageSetup        *page_setup,
                                  ConsultPaper        *page);

#define CONSULT_TYPE_PRINT_OPERATION (consult_print_operation_get_type ())
G_DECLARE_FINAL_TYPE (ConsultPrintOperation, consult_print_operation,
                      CONSULT, PRINT_OPERATION, GtkPrintOperation)

/* @settings gives the clinic name and address and the practitioner; it
 * may be NULL. The saved print settings and page setup are restored. */
ConsultPrintOperation *consult_print_operation_new            (ConsultConsultation   *consultation,
                                                               GSettings             *settings);

ConsultConsultation   *consult_print_operation_get_consultation (ConsultPrintOperation *self);

/* The summary being printed; paginated once printing has begun. */
ConsultSummary        *consult_print_operation_get_summary    (ConsultPrintOperation *self);

/* Writes the current print settings and default page setup to the user
 * data folder, for the next run. Call it after a print has been applied. */
gboolean               consult_print_operation_save           (ConsultPrintOperation *self,
                                                               GError               **error);

G_END_DECLS
