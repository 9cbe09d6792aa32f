/* consult-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The consultation window: the list of steps beside the current step's page,
 * Back and Next below it. The window opens on its start page; the
 * consultation view (ui/consult-window-flow.ui) is built the first time a
 * consultation is shown, and each step's page the first time that step is
 * shown, so opening the window costs the start page alone.
 */

#define G_LOG_DOMAIN "consult-window"

#include "consult-config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "consult-autosave.h"
#include "consult-client-page.h"
#include "consult-consent-page.h"
#include "consult-explanation-page.h"
#include "consult-page-utils.h"
#include "consult-print.h"
#include "consult-recent-page.h"
#include "consult-record-index.h"
#include "consult-record.h"
#include "consult-screening-page.h"
#include "consult-screening.h"
#include "consult-summary-page.h"
#include "consult-summary-pdf.h"
#include "consult-window-private.h"

/* Something to do once the user agreed, or once a save went through. */
typedef void (*ConfirmedFunc) (ConsultWindow *self);

struct _ConsultWindow
{
  AdwApplicationWindow parent_instance;

  /* The keyboard shortcuts window, made the first time it is asked for. */
  GtkWindow *shortcuts_window;
  GSettings *settings;
  ConsultContent *content;
  ConsultConsultation *consultation;
  ConsultFlowStep current_step;

  /* The record file the consultation was last saved to or opened from
   * (NULL until then), and whether it was signed there: a signed record on
   * disk is never written again, and amending it starts a new record. */
  char *record_path;
  gboolean record_signed;

  /* Writes the consultation in progress to a draft a moment after each
   * change, so that a crash loses nothing; the draft goes once the
   * consultation is saved or deliberately dropped. */
  ConsultAutosave *autosave;
  /* Whether the last draft could not be written: the failure is shown
   * once, not at every change, until a draft is written again. */
  gboolean autosave_failing;
  /* The saved records, for the start page. */
  ConsultRecordIndex *index;

  /* Drafts left by an earlier run, still to offer for restoring. */
  GPtrArray *drafts_to_offer;

  /* A record to open once unsaved work has been dealt with. */
  char *pending_open_path;
  /* What to do once Save As has saved, e.g. close the window. */
  ConfirmedFunc after_save;

  /* Whether a PDF export is running in a worker thread (Export PDF waits
   * for it), and the toast that says so. */
  gboolean exporting;
  AdwToast *export_toast;
  /* The application, held while an export runs (the window may be gone
   * by the time it ends). */
  GApplication *export_app;

  /* The consultation view, built by ensure_flow_view(): all NULL until a
   * consultation is first shown. Per step: the row in the step list and
   * its parts. */
  GtkListBoxRow *rows[CONSULT_N_FLOW_STEPS];
  GtkImage *row_icons[CONSULT_N_FLOW_STEPS];
  GtkLabel *row_numbers[CONSULT_N_FLOW_STEPS];
  GtkLabel *row_states[CONSULT_N_FLOW_STEPS];
  AdwLeaflet *leaflet;
  AdwWindowTitle *sidebar_title;
  GtkListBox *step_list;
  AdwWindowTitle *step_title;
  GtkStack *page_stack;
  GtkWidget *back_button;
  GtkWidget *next_button;
  AdwButtonContent *next_button_content;

  AdwToastOverlay *toast_overlay;
  GtkStack *main_stack;
  GMenuModel *primary_menu;
  AdwStatusPage *error_page;
  GtkWidget *start_new_button;
  GtkWidget *continue_button;
  AdwBin *recent_bin;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (ConsultWindow, consult_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_CONTENT,
  PROP_CONSULTATION,
  PROP_CURRENT_STEP,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *name;
  const char *title;
} steps[CONSULT_N_FLOW_STEPS] = {
  [CONSULT_FLOW_STEP_CLIENT] = { "client", N_("Client") },
  [CONSULT_FLOW_STEP_PROCEDURE] = { "procedure", N_("The Procedure") },
  [CONSULT_FLOW_STEP_BENEFITS] = { "benefits", N_("Benefits and Results") },
  [CONSULT_FLOW_STEP_SIDE_EFFECTS] = { "side-effects", N_("Side Effects and Aftercare") },
  [CONSULT_FLOW_STEP_SCREENING] = { "screening", N_("Screening") },
  [CONSULT_FLOW_STEP_CONSENT] = { "consent", N_("Consent") },
  [CONSULT_FLOW_STEP_SUMMARY] = { "summary", N_("Summary") },
};

ConsultWindow *
consult_window_new (ConsultApplication *application)
{
  g_return_val_if_fail (CONSULT_IS_APPLICATION (application), NULL);

  return g_object_new (CONSULT_TYPE_WINDOW,
                       "application", application,
                       "settings", consult_application_get_settings (application),
                       "content", consult_application_get_content (application),
                       NULL);
}

ConsultConsultation *
consult_window_get_consultation (ConsultWindow *self)
{
  g_return_val_if_fail (CONSULT_IS_WINDOW (self), NULL);

  return self->consultation;
}

ConsultFlowStep
consult_window_get_current_step (ConsultWindow *self)
{
  g_return_val_if_fail (CONSULT_IS_WINDOW (self), CONSULT_FLOW_STEP_CLIENT);

  return self->current_step;
}

GtkWidget *
consult_window_get_page (ConsultWindow   *self,
                         ConsultFlowStep  step)
{
  g_return_val_if_fail (CONSULT_IS_WINDOW (self), NULL);
  g_return_val_if_fail (step < CONSULT_N_FLOW_STEPS, NULL);

  if (self->page_stack == NULL)
    return NULL;

  return gtk_stack_get_child_by_name (self->page_stack, steps[step].name);
}

static GtkWidget *
create_page (ConsultWindow   *self,
             ConsultFlowStep  step)
{
  switch (step)
    {
    case CONSULT_FLOW_STEP_CLIENT:
      return consult_client_page_new (self->consultation);
    case CONSULT_FLOW_STEP_PROCEDURE:
      return consult_explanation_page_new (self->consultation, CONSULT_EXPLANATION_PROCEDURE);
    case CONSULT_FLOW_STEP_BENEFITS:
      return consult_explanation_page_new (self->consultation, CONSULT_EXPLANATION_BENEFITS);
    case CONSULT_FLOW_STEP_SIDE_EFFECTS:
      return consult_explanation_page_new (self->consultation, CONSULT_EXPLANATION_SIDE_EFFECTS);
    case CONSULT_FLOW_STEP_SCREENING:
      return consult_screening_page_new (self->consultation);
    case CONSULT_FLOW_STEP_CONSENT:
      return consult_consent_page_new (self->consultation);
    case CONSULT_FLOW_STEP_SUMMARY:
      return consult_summary_page_new (self->consultation);
    default:
      g_assert_not_reached ();
    }
}

/* Whether treatment is off the table: the flow then skips consent. */
static gboolean
outcome_stops_treatment (ConsultWindow *self)
{
  ConsultOutcome outcome = consult_consultation_get_outcome (self->consultation);

  return outcome == CONSULT_OUTCOME_DEFER || outcome == CONSULT_OUTCOME_NOT_SUITABLE;
}

static ConsultFlowStep
next_step_of (ConsultWindow   *self,
              ConsultFlowStep  step)
{
  if (step == CONSULT_FLOW_STEP_SCREENING && outcome_stops_treatment (self))
    return CONSULT_FLOW_STEP_SUMMARY;

  return MIN (step + 1, CONSULT_FLOW_STEP_SUMMARY);
}

static ConsultFlowStep
previous_step_of (ConsultWindow   *self,
                  ConsultFlowStep  step)
{
  if (step == CONSULT_FLOW_STEP_SUMMARY && !consult_consultation_can_consent (self->consultation))
    return CONSULT_FLOW_STEP_SCREENING;

  return step == CONSULT_FLOW_STEP_CLIENT ? step : step - 1;
}

static const char *
state_text (ConsultStepState state)
{
  switch (state)
    {
    case CONSULT_STEP_STATE_TODO:
      return C_("step state", "To do");
    case CONSULT_STEP_STATE_DONE:
      return C_("step state", "Done");
    case CONSULT_STEP_STATE_ATTENTION:
      return C_("step state", "Needs attention");
    case CONSULT_STEP_STATE_BLOCKED:
      return C_("step state", "Not available");
    default:
      g_assert_not_reached ();
    }
}

static void
update_step_rows (ConsultWindow *self)
{
  /* Brought up to date when the view is built. */
  if (self->step_list == NULL)
    return;

  for (guint i = 0; i < CONSULT_N_FLOW_STEPS; i++)
    {
      ConsultStepState state = consult_consultation_get_step_state (self->consultation, i);
      GtkWidget *icon = GTK_WIDGET (self->row_icons[i]);
      GtkWidget *number = GTK_WIDGET (self->row_numbers[i]);
      g_autofree char *description = NULL;

      gtk_widget_remove_css_class (icon, "success");
      gtk_widget_remove_css_class (icon, "warning");
      gtk_widget_remove_css_class (icon, "dim-label");

      switch (state)
        {
        case CONSULT_STEP_STATE_DONE:
          gtk_image_set_from_icon_name (self->row_icons[i], "object-select-symbolic");
          gtk_widget_add_css_class (icon, "success");
          break;
        case CONSULT_STEP_STATE_ATTENTION:
          gtk_image_set_from_icon_name (self->row_icons[i], "dialog-warning-symbolic");
          gtk_widget_add_css_class (icon, "warning");
          break;
        case CONSULT_STEP_STATE_BLOCKED:
          gtk_image_set_from_icon_name (self->row_icons[i], "changes-prevent-symbolic");
          gtk_widget_add_css_class (icon, "dim-label");
          break;
        case CONSULT_STEP_STATE_TODO:
        default:
          break;
        }

      /* A step still to do shows its number; the others an icon. */
      gtk_widget_set_visible (icon, state != CONSULT_STEP_STATE_TODO);
      gtk_widget_set_visible (number, state == CONSULT_STEP_STATE_TODO);
      gtk_label_set_text (self->row_states[i], state_text (state));
      gtk_widget_set_sensitive (GTK_WIDGET (self->rows[i]), state != CONSULT_STEP_STATE_BLOCKED);

      /* Translators: the accessible description of a step in the step list,
       * e.g. "Step 3 of 7, Done". */
      description = g_strdup_printf (_("Step %u of %u, %s"), i + 1, (guint) CONSULT_N_FLOW_STEPS,
                                     state_text (state));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->rows[i]),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
    }
}

static void
update_actions (ConsultWindow *self)
{
  gboolean have = self->consultation != NULL;
  ConsultFlowStep step = self->current_step;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-step",
                                 have && step != CONSULT_FLOW_STEP_CLIENT);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-step",
                                 have && step != CONSULT_FLOW_STEP_SUMMARY);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new", have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-start", have);
  /* Something to go back to from the start page: work in progress, or an
   * open record. */
  gtk_widget_set_visible (self->continue_button,
                          have && (consult_consultation_get_modified (self->consultation) ||
                                   self->record_path != NULL));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open", self->content != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-record", self->content != NULL);
  /* A signed record on disk is not written again. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", have && !self->record_signed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-pdf",
                                 have && !self->exporting);

  if (self->next_button_content == NULL)
    return;
  if (have && step == CONSULT_FLOW_STEP_SCREENING && outcome_stops_treatment (self))
    adw_button_content_set_label (self->next_button_content, _("_Summary"));
  else
    adw_button_content_set_label (self->next_button_content, C_("navigation", "_Next"));
}

static void
update_titles (ConsultWindow *self)
{
  const char *client;
  g_autofree char *subtitle = NULL;

  if (self->consultation == NULL || self->step_title == NULL)
    return;

  adw_window_title_set_title (self->step_title, _(steps[self->current_step].title));
  client = consult_consultation_get_client_name (self->consultation);
  /* Translators: the subtitle of a step, e.g. "Step 2 of 7". */
  subtitle = g_strdup_printf (_("Step %u of %u"), (guint) self->current_step + 1,
                              (guint) CONSULT_N_FLOW_STEPS);
  adw_window_title_set_subtitle (self->step_title, subtitle);
  adw_window_title_set_subtitle (self->sidebar_title,
                                 client != NULL && *client != '\0'
                                   ? client
                                   : consult_content_get_title (consult_consultation_get_content (self->consultation))->plain);
}

static void
show_toast (ConsultWindow *self,
            const char    *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* With the keyboard, the focus follows the step shown: into the first
 * field of a page to fill in, or onto Next on a page to read (its first
 * control is at its foot, and focusing it would scroll past the text).
 * A step chosen in the step list keeps the focus there. */
static void move_focus_to_page (ConsultWindow   *self,
                                ConsultFlowStep  step,
                                GtkWidget       *page);

static void
page_mapped_cb (GtkWidget     *page,
                ConsultWindow *self)
{
  g_signal_handlers_disconnect_by_func (page, page_mapped_cb, self);
  if (consult_window_get_page (self, self->current_step) == page)
    move_focus_to_page (self, self->current_step, page);
}

static void
move_focus_to_page (ConsultWindow   *self,
                    ConsultFlowStep  step,
                    GtkWidget       *page)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->step_list)))
    return;

  /* A page shown for the first time has no focusable widgets until it is
   * mapped: come back then. */
  if (!gtk_widget_get_mapped (page))
    {
      g_signal_handlers_disconnect_by_func (page, page_mapped_cb, self);
      g_signal_connect_object (page, "map", G_CALLBACK (page_mapped_cb), self, 0);
      return;
    }

  switch (step)
    {
    case CONSULT_FLOW_STEP_CLIENT:
    case CONSULT_FLOW_STEP_SCREENING:
    case CONSULT_FLOW_STEP_CONSENT:
      /* From nowhere, so that Tab forward lands on the page's first
       * field even when GTK already moved the focus into the page. */
      gtk_root_set_focus (GTK_ROOT (self), NULL);
      if (gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD))
        return;
      break;
    default:
      break;
    }

  gtk_widget_grab_focus (step == CONSULT_FLOW_STEP_SUMMARY ? self->back_button
                                                           : self->next_button);
}

static void ensure_flow_view (ConsultWindow *self);

gboolean
consult_window_go_to_step (ConsultWindow   *self,
                           ConsultFlowStep  step)
{
  GtkWidget *page;

  g_return_val_if_fail (CONSULT_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (step < CONSULT_N_FLOW_STEPS, FALSE);

  if (self->consultation == NULL)
    return FALSE;

  if (step == CONSULT_FLOW_STEP_CONSENT && !consult_consultation_can_consent (self->consultation))
    {
      if (outcome_stops_treatment (self))
        show_toast (self, _("Consent is not available: the screening does not allow treatment"));
      else
        show_toast (self, _("Consent is available once the earlier steps are complete"));
      return FALSE;
    }

  ensure_flow_view (self);
  page = consult_window_get_page (self, step);
  if (page == NULL)
    {
      page = create_page (self, step);
      gtk_stack_add_named (self->page_stack, page, steps[step].name);
    }

  gtk_stack_set_visible_child (self->page_stack, page);
  gtk_stack_set_visible_child_name (self->main_stack, "flow");
  move_focus_to_page (self, step, page);
  gtk_list_box_select_row (self->step_list, self->rows[step]);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);

  if (self->current_step != step)
    {
      self->current_step = step;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_STEP]);
    }

  update_titles (self);
  update_actions (self);

  return TRUE;
}

static void
consultation_changed_cb (ConsultWindow       *self,
                         ConsultConsultation *consultation)
{
  update_step_rows (self);
  update_titles (self);
  update_actions (self);
}

/* Ready to type: a consultation on its client step starts in the client's
 * name. */
static void
focus_first_field (ConsultWindow *self)
{
  const char *shown = gtk_stack_get_visible_child_name (self->main_stack);

  if (g_strcmp0 (shown, "start") == 0)
    gtk_widget_grab_focus (self->start_new_button);
  else if (self->consultation != NULL && self->current_step == CONSULT_FLOW_STEP_CLIENT &&
           g_strcmp0 (shown, "flow") == 0)
    gtk_widget_child_focus (consult_window_get_page (self, CONSULT_FLOW_STEP_CLIENT),
                            GTK_DIR_TAB_FORWARD);
}

static void locked_notify_cb (ConsultWindow       *self,
                              GParamSpec          *pspec,
                              ConsultConsultation *consultation);

/* Makes @consultation the window's, on @step. With @show, the step is
 * shown at once; otherwise its page is made only when it is first shown
 * (Continue, a step chosen), which keeps it out of the start-up. */
static void
set_consultation_full (ConsultWindow       *self,
                       ConsultConsultation *consultation,
                       ConsultFlowStep      step,
                       gboolean             show)
{
  GtkWidget *child;

  if (self->consultation != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->consultation, consultation_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->consultation, locked_notify_cb, self);
    }
  g_clear_pointer (&self->record_path, g_free);
  self->record_signed = FALSE;

  /* The consultation being replaced was saved, or the user chose to drop
   * it: its draft has nothing left to protect. */
  if (self->autosave != NULL)
    {
      consult_autosave_discard (self->autosave);
      consult_autosave_watch (self->autosave, consultation);
    }

  /* The pages belong to the old consultation. */
  while (self->page_stack != NULL &&
         (child = gtk_widget_get_first_child (GTK_WIDGET (self->page_stack))) != NULL)
    gtk_stack_remove (self->page_stack, child);

  g_set_object (&self->consultation, consultation);
  g_signal_connect_object (consultation, "changed",
                           G_CALLBACK (consultation_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (consultation, "notify::locked",
                           G_CALLBACK (locked_notify_cb), self, G_CONNECT_SWAPPED);

  /* Different from @step, so that the notify in go_to_step fires. */
  self->current_step = step == CONSULT_FLOW_STEP_CLIENT ? CONSULT_FLOW_STEP_SUMMARY
                                                          : CONSULT_FLOW_STEP_CLIENT;
  update_step_rows (self);
  if (!show)
    {
      self->current_step = step;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_STEP]);
      update_titles (self);
      update_actions (self);
    }
  else if (!consult_window_go_to_step (self, step))
    consult_window_go_to_step (self, CONSULT_FLOW_STEP_CLIENT);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSULTATION]);
}

static void
set_consultation (ConsultWindow       *self,
                  ConsultConsultation *consultation,
                  ConsultFlowStep      step)
{
  set_consultation_full (self, consultation, step, TRUE);
}

static ConsultConsultation *
new_consultation (ConsultWindow *self)
{
  ConsultConsultation *consultation = consult_consultation_new (self->content);

  if (self->settings != NULL)
    {
      g_autofree char *practitioner = g_settings_get_string (self->settings, "practitioner-name");

      consult_consultation_set_practitioner_name (consultation, practitioner);
    }

  /* A fresh consultation has nothing to lose yet. */
  consult_consultation_set_modified (consultation, FALSE);

  return consultation;
}

static void
start_new_consultation (ConsultWindow *self)
{
  g_autoptr(ConsultConsultation) consultation = new_consultation (self);

  set_consultation (self, consultation, CONSULT_FLOW_STEP_CLIENT);
}

static gboolean
has_unsaved_work (ConsultWindow *self)
{
  return self->consultation != NULL && consult_consultation_get_modified (self->consultation);
}

typedef struct {
  ConsultWindow *self;
  ConfirmedFunc func;
  gboolean save_first;
} Confirmed;

static void save_then (ConsultWindow *self,
                       ConfirmedFunc  after);

static gboolean
run_confirmed_cb (gpointer data)
{
  Confirmed *confirmed = data;

  if (confirmed->save_first)
    save_then (confirmed->self, confirmed->func);
  else
    confirmed->func (confirmed->self);
  g_object_unref (confirmed->self);
  g_free (confirmed);

  return G_SOURCE_REMOVE;
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     ConsultWindow    *self)
{
  Confirmed *confirmed;

  if (g_strcmp0 (response, "discard") != 0 && g_strcmp0 (response, "save") != 0)
    return;

  /* Run once the dialog has closed: closing the window while its dialog
   * still watches it leaves libadwaita 1.2 with a dangling parent. */
  confirmed = g_new0 (Confirmed, 1);
  confirmed->self = g_object_ref (self);
  confirmed->func = g_object_get_data (G_OBJECT (dialog), "confirmed-func");
  confirmed->save_first = g_strcmp0 (response, "save") == 0;
  g_idle_add (run_confirmed_cb, confirmed);
}

/* Asks before @func throws away unsaved work; runs it at once when there
 * is none. */
static void
confirm_discard (ConsultWindow *self,
                 const char    *heading,
                 ConfirmedFunc  func)
{
  AdwMessageDialog *dialog;

  if (!has_unsaved_work (self))
    {
      func (self);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, NULL));
  adw_message_dialog_set_body (dialog,
                               _("The consultation in progress has not been saved. "
                                 "If you continue, what was entered will be lost."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "confirmed-func", func);
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
draft_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   ConsultWindow    *self)
{
  Confirmed *confirmed;

  if (g_strcmp0 (response, "draft") != 0)
    return;

  /* As in discard_response_cb(): run once the dialog has closed, or the
   * print dialog would be made transient for a closing window. */
  confirmed = g_new0 (Confirmed, 1);
  confirmed->self = g_object_ref (self);
  confirmed->func = g_object_get_data (G_OBJECT (dialog), "confirmed-func");
  g_idle_add (run_confirmed_cb, confirmed);
}

/* Warns before @func prints or exports a consultation that is not signed;
 * runs it at once when the consultation is final. */
static void
confirm_draft (ConsultWindow *self,
               const char    *heading,
               const char    *action_label,
               ConfirmedFunc  func)
{
  AdwMessageDialog *dialog;

  if (!consult_summary_consultation_is_draft (self->consultation))
    {
      func (self);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, NULL));
  adw_message_dialog_set_body (dialog,
                               _("This consultation is not signed. "
                                 "The summary will be marked NOT SIGNED — DRAFT."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "draft", action_label,
                                    NULL);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "confirmed-func", func);
  g_signal_connect_object (dialog, "response", G_CALLBACK (draft_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_error (ConsultWindow *self,
            const char    *heading,
            const char    *message)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               ConsultWindow           *self)
{
  g_autoptr(GError) error = NULL;

  g_object_set_data (G_OBJECT (operation), "consult-done", GINT_TO_POINTER (TRUE));

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      show_error (self, _("Could Not Print the Summary"),
                  error != NULL ? error->message : NULL);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      /* Remember the printer and paper for next time. Printing went
       * through, so this is only worth a note in the log. */
      if (!consult_print_operation_save (CONSULT_PRINT_OPERATION (operation), &error))
        g_message ("Could not save the print settings: %s", error->message);
    }
}

static void
run_print (ConsultWindow *self)
{
  g_autoptr(ConsultPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  operation = consult_print_operation_new (self->consultation, self->settings);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);

  /* The operation runs on asynchronously and GTK keeps it alive until
   * "done"; errors are reported there, unless it never started. */
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                                    GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR
      && g_object_get_data (G_OBJECT (operation), "consult-done") == NULL)
    show_error (self, _("Could Not Print the Summary"), error != NULL ? error->message : NULL);
}

/* What an export's worker thread needs, taken on the main thread: the
 * consultation as a record in memory (the worker reads its own copy and
 * never touches the window's), the clinic from the preferences and where
 * to write. */
typedef struct {
  GBytes *record;
  ConsultPrintOptions options;
  char *path;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_bytes_unref (job->record);
  consult_print_options_clear (&job->options);
  g_free (job->path);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(ConsultConsultation) consultation = NULL;
  g_autoptr(GError) error = NULL;

  consultation = consult_record_load_bytes (job->record, job->path, NULL, &error);
  if (consultation != NULL &&
      consult_summary_export_pdf (consultation, &job->options.options, job->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));

  /* Pango made this thread a font map of its own, with its own fontconfig
   * set-up; the pool keeps the thread, so drop the font map now rather
   * than hold it for the rest of the run. */
  pango_cairo_font_map_set_default (NULL);
}

static void
export_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ConsultWindow) self = user_data;
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GApplication) app = g_steal_pointer (&self->export_app);
  g_autoptr(GError) error = NULL;
  gboolean exported = g_task_propagate_boolean (G_TASK (result), &error);

  self->exporting = FALSE;
  if (self->export_toast != NULL)
    adw_toast_dismiss (self->export_toast);
  g_clear_object (&self->export_toast);
  if (app != NULL)
    g_application_release (app);

  /* Closed meanwhile: there is no window left to tell. */
  if (self->toast_overlay == NULL)
    {
      if (!exported)
        g_message ("Could not export the summary: %s", error->message);
      return;
    }

  if (exported)
    {
      g_autofree char *basename = g_path_get_basename (job->path);
      /* Translators: a toast; %s is the name of the exported file. */
      g_autofree char *message = g_strdup_printf (_("Exported to %s"), basename);

      show_toast (self, message);
    }
  else
    show_error (self, _("Could Not Export the Summary"), error->message);

  update_actions (self);
}

void
_consult_window_export_pdf_start (ConsultWindow *self,
                                  const char    *path)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  GtkApplication *app;
  ExportJob *job;
  char *data;
  gsize length = 0;

  g_return_if_fail (CONSULT_IS_WINDOW (self));
  g_return_if_fail (self->consultation != NULL);
  g_return_if_fail (path != NULL);
  g_return_if_fail (!self->exporting);

  /* The consultation is not thread-safe: the worker gets a snapshot, the
   * same in-memory record the drafts are written from. */
  data = consult_record_serialize (self->consultation, &length, &error);
  if (data == NULL)
    {
      g_prefix_error (&error, "%s: ", path);
      show_error (self, _("Could Not Export the Summary"), error->message);
      return;
    }

  job = g_new0 (ExportJob, 1);
  job->record = g_bytes_new_take (data, length);
  consult_print_options_init (&job->options, self->settings);
  job->path = g_strdup (path);

  /* No source object: the task may be finalized in the worker, and the
   * window must only ever be released on the main thread, by the
   * callback. */
  task = g_task_new (NULL, NULL, export_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, _consult_window_export_pdf_start);
  g_task_set_name (task, "[consult] export PDF");
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);

  /* Quitting now would cut the file short: the application waits. */
  app = gtk_window_get_application (GTK_WINDOW (self));
  if (app != NULL)
    {
      self->export_app = G_APPLICATION (g_object_ref (app));
      g_application_hold (self->export_app);
    }

  self->exporting = TRUE;
  update_actions (self);
  self->export_toast = adw_toast_new (_("Exporting the summary…"));
  adw_toast_set_timeout (self->export_toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (self->export_toast));
}

gboolean
_consult_window_is_exporting (ConsultWindow *self)
{
  g_return_val_if_fail (CONSULT_IS_WINDOW (self), FALSE);

  return self->exporting;
}

static char *safe_client_name (ConsultWindow *self);

/* "Consent summary - Jane Example - 2024-05-01.pdf", with nothing in it
 * that a file system or a file manager would stumble on. */
static char *
export_file_name (ConsultWindow *self)
{
  GDateTime *created = consult_consultation_get_created (self->consultation);
  g_autofree char *date = g_date_time_format (created, "%Y-%m-%d");
  g_autofree char *safe_client = safe_client_name (self);

  if (*safe_client != '\0')
    /* Translators: the file name of an exported summary: the client's
     * name, then the date of the consultation. Keep “.pdf”. */
    return g_strdup_printf (_("Consent summary - %s - %s.pdf"), safe_client, date);

  /* Translators: the file name of an exported summary when the client
   * has no name yet: the date of the consultation. Keep “.pdf”. */
  return g_strdup_printf (_("Consent summary - %s.pdf"), date);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    ConsultWindow   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);

  /* The chooser is modal, but an export may have started before it was
   * shown: one at a time. */
  if (path != NULL && self->consultation != NULL && !self->exporting)
    _consult_window_export_pdf_start (self, path);
  else if (path != NULL && self->exporting)
    show_toast (self, _("The summary is still being exported"));
  else if (file != NULL && path == NULL)
    show_error (self, _("Could Not Export the Summary"),
                _("The summary can only be exported to a local folder."));

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
run_export (ConsultWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = export_file_name (self);
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autoptr(GFile) folder = g_file_new_for_path (documents != NULL ? documents
                                                                    : g_get_home_dir ());

  chooser = gtk_file_chooser_native_new (_("Export PDF"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (filter, _("PDF Documents"));
  gtk_file_filter_add_pattern (filter, "*.pdf");
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  /* The chooser's reference is dropped in export_response_cb(). */
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Records */

static char *
safe_client_name (ConsultWindow *self)
{
  const char *client = consult_consultation_get_client_name (self->consultation);
  GString *s = g_string_new (NULL);
  char *safe;

  for (const char *p = client ? client : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || strchr ("/\\:*?\"<>|", (int) c) != NULL)
        g_string_append_c (s, '_');
      else
        g_string_append_unichar (s, c);
    }
  safe = g_strstrip (g_string_free (s, FALSE));
  /* No hidden files. */
  for (char *p = safe; *p == '.'; p++)
    *p = '_';

  return safe;
}

/* "Jane Example - 2026-11-29.xml" */
static char *
record_file_name (ConsultWindow *self)
{
  g_autofree char *client = safe_client_name (self);
  const char *date = consult_consultation_get_consultation_date (self->consultation);

  if (*client != '\0')
    /* Translators: the file name of a saved consultation: the client's
     * name, then the date of the consultation. Keep “.consult.xml”, which
     * tells file managers to open it with Consult. */
    return g_strdup_printf (_("%s - %s.consult.xml"), client, date);

  /* Translators: the file name of a saved consultation when the client has
   * no name yet: the date of the consultation. Keep “.consult.xml”. */
  return g_strdup_printf (_("Consultation - %s.consult.xml"), date);
}

static void
set_record_path (ConsultWindow *self,
                 const char    *path)
{
  if (self->record_path != path)
    {
      g_free (self->record_path);
      self->record_path = g_strdup (path);
    }
  self->record_signed = consult_consultation_get_locked (self->consultation);
  update_titles (self);
  update_actions (self);
}

gboolean
_consult_window_save_to (ConsultWindow  *self,
                         const char     *path,
                         GError        **error)
{
  g_return_val_if_fail (CONSULT_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->consultation != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* A signed record on disk stays as it was signed. */
  if (self->record_signed && g_strcmp0 (path, self->record_path) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
                   _("%s: a signed record cannot be changed; amend it to make a new one"),
                   path);
      return FALSE;
    }

  if (!consult_record_save (self->consultation, path, error))
    return FALSE;

  /* Saved as a record: the draft is no longer needed. */
  if (self->autosave != NULL)
    consult_autosave_discard (self->autosave);
  set_record_path (self, path);

  /* The folder monitor would notice too, but only every few seconds for a
   * folder that was just created. */
  if (self->index != NULL)
    consult_record_index_reload_async (self->index, NULL, NULL, NULL);
  return TRUE;
}

static gboolean
save_or_report (ConsultWindow *self,
                const char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *message = NULL;

  if (!_consult_window_save_to (self, path, &error))
    {
      show_error (self, _("Could Not Save the Consultation"), error->message);
      return FALSE;
    }

  /* Translators: a toast; %s is the name of the saved file. */
  message = g_strdup_printf (_("Saved as %s"), basename);
  show_toast (self, message);
  return TRUE;
}

static void
save_as_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     ConsultWindow   *self)
{
  ConfirmedFunc after = self->after_save;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  self->after_save = NULL;
  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);

  if (path != NULL && self->consultation != NULL)
    {
      if (save_or_report (self, path) && after != NULL)
        after (self);
    }
  else if (file != NULL)
    show_error (self, _("Could Not Save the Consultation"),
                _("Records can only be saved to a local folder."));

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static GtkFileFilter *
record_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Consultation Records"));
  gtk_file_filter_add_pattern (filter, "*.xml");
  return filter;
}

/* The default records folder, made owner-only if need be; NULL when it
 * cannot be made, or written @for_saving (a read-only home, said when the
 * window opened): the chooser then starts where it likes. */
static GFile *
records_folder (ConsultWindow *self,
                gboolean       for_saving)
{
  g_autofree char *folder = consult_record_default_folder ();
  g_autoptr(GError) error = NULL;

  if (for_saving ? !consult_record_check_folder_writable (folder, &error)
                 : !consult_record_ensure_folder (folder, &error))
    {
      g_debug ("%s", error->message);
      return NULL;
    }

  return g_file_new_for_path (folder);
}

static void
run_save_as (ConsultWindow *self,
             ConfirmedFunc  after)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = record_filter ();
  g_autoptr(GFile) folder = records_folder (self, TRUE);
  g_autofree char *name = record_file_name (self);

  chooser = gtk_file_chooser_native_new (_("Save Consultation"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  self->after_save = after;
  /* The chooser's reference is dropped in save_as_response_cb(). */
  g_signal_connect_object (chooser, "response", G_CALLBACK (save_as_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Saves where the consultation was saved before, or asks where; runs
 * @after once it is saved. */
static void
save_then (ConsultWindow *self,
           ConfirmedFunc  after)
{
  if (self->record_path != NULL && !self->record_signed)
    {
      if (save_or_report (self, self->record_path) && after != NULL)
        after (self);
    }
  else
    run_save_as (self, after);
}

gboolean
_consult_window_open_record (ConsultWindow  *self,
                             const char     *path,
                             GError        **error)
{
  g_autoptr(ConsultConsultation) consultation = NULL;

  g_return_val_if_fail (CONSULT_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  consultation = consult_record_load_file (path, NULL, error);
  if (consultation == NULL)
    return FALSE;

  /* Opening a record shows its summary. */
  set_consultation (self, consultation, CONSULT_FLOW_STEP_SUMMARY);
  set_record_path (self, path);

  if (self->record_signed)
    show_toast (self, _("This record is signed and opens read-only; "
                        "Amend on the Consent step starts a new record"));

  return TRUE;
}

static void
open_pending (ConsultWindow *self)
{
  g_autofree char *path = g_steal_pointer (&self->pending_open_path);
  g_autoptr(GError) error = NULL;

  if (path != NULL && !_consult_window_open_record (self, path, &error))
    show_error (self, _("Could Not Open the Record"), error->message);
}

static void
open_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  ConsultWindow   *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file != NULL)
    {
      g_free (self->pending_open_path);
      self->pending_open_path = g_file_get_path (file);
      if (self->pending_open_path != NULL)
        open_pending (self);
      else
        show_error (self, _("Could Not Open the Record"),
                    _("Records can only be opened from a local folder."));
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
run_open_chooser (ConsultWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = record_filter ();
  g_autoptr(GFile) folder = records_folder (self, FALSE);

  chooser = gtk_file_chooser_native_new (_("Open Consultation"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);

  g_signal_connect_object (chooser, "response", G_CALLBACK (open_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
switch_to_amendment_cb (gpointer data)
{
  ConsultWindow *self = data;
  g_autoptr(ConsultConsultation) amendment = g_object_steal_data (G_OBJECT (self),
                                                                  "consult-amendment");

  if (amendment != NULL)
    {
      set_consultation (self, amendment, CONSULT_FLOW_STEP_CONSENT);
      show_toast (self, _("Amending: this is a new record; the signed one stays as it was"));
    }

  return G_SOURCE_REMOVE;
}

/* Amending a consultation that is signed on disk must not rewrite that
 * record: once it is unlocked, carry on in a new record that amends it. */
static void
locked_notify_cb (ConsultWindow       *self,
                  GParamSpec          *pspec,
                  ConsultConsultation *consultation)
{
  g_autoptr(ConsultConsultation) amendment = NULL;
  g_autoptr(GError) error = NULL;

  if (consult_consultation_get_locked (consultation) || !self->record_signed ||
      consultation != self->consultation)
    return;

  amendment = consult_record_new_amendment (consultation, &error);
  if (amendment == NULL)
    {
      show_error (self, _("Could Not Amend the Record"), error->message);
      return;
    }

  /* The consent page that asked for the amendment is still running its
   * handler: replace the pages once it has returned. */
  g_object_set_data_full (G_OBJECT (self), "consult-amendment",
                          g_steal_pointer (&amendment), g_object_unref);
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, switch_to_amendment_cb, g_object_ref (self),
                   g_object_unref);
}

static void
close_now (ConsultWindow *self)
{
  /* Nothing left to protect: let the close go through this time. */
  if (self->autosave != NULL)
    consult_autosave_discard (self->autosave);
  consult_consultation_set_modified (self->consultation, FALSE);
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_window_state (ConsultWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);
}

static gboolean
consult_window_close_request (GtkWindow *window)
{
  ConsultWindow *self = CONSULT_WINDOW (window);

  if (has_unsaved_work (self))
    {
      /* The session may end while the question waits: keep the draft
       * current first. */
      if (self->autosave != NULL)
        consult_autosave_flush (self->autosave);
      confirm_discard (self, _("Close Without Saving?"), close_now);
      return TRUE;
    }

  save_window_state (self);

  return GTK_WINDOW_CLASS (consult_window_parent_class)->close_request (window);
}

static void
new_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ConsultWindow *self = CONSULT_WINDOW (widget);

  confirm_discard (self, _("Start a New Consultation?"), start_new_consultation);
}

static void
show_start_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ConsultWindow *self = CONSULT_WINDOW (widget);

  update_actions (self);
  gtk_stack_set_visible_child_name (self->main_stack, "start");
  gtk_widget_grab_focus (gtk_widget_get_visible (self->continue_button) ? self->continue_button
                                                                         : self->start_new_button);
}

static void
continue_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ConsultWindow *self = CONSULT_WINDOW (widget);

  consult_window_go_to_step (self, self->current_step);
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  save_then (CONSULT_WINDOW (widget), NULL);
}

static void
save_as_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  run_save_as (CONSULT_WINDOW (widget), NULL);
}

static void
open_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ConsultWindow *self = CONSULT_WINDOW (widget);

  confirm_discard (self, _("Open Another Consultation?"), run_open_chooser);
}

static void
open_record_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ConsultWindow *self = CONSULT_WINDOW (widget);

  g_free (self->pending_open_path);
  self->pending_open_path = g_variant_dup_string (parameter, NULL);
  confirm_discard (self, _("Open Another Consultation?"), open_pending);
}

static void
print_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ConsultWindow *self = CONSULT_WINDOW (widget);

  confirm_draft (self, _("Print a Draft?"), _("_Print Draft"), run_print);
}

static void
export_pdf_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ConsultWindow *self = CONSULT_WINDOW (widget);

  confirm_draft (self, _("Export a Draft?"), _("_Export Draft"), run_export);
}

static void
next_step_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ConsultWindow *self = CONSULT_WINDOW (widget);

  if (self->current_step < CONSULT_FLOW_STEP_SUMMARY)
    consult_window_go_to_step (self, next_step_of (self, self->current_step));
}

static void
previous_step_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  ConsultWindow *self = CONSULT_WINDOW (widget);

  if (self->current_step > CONSULT_FLOW_STEP_CLIENT)
    consult_window_go_to_step (self, previous_step_of (self, self->current_step));
}

static void
go_to_step_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ConsultWindow *self = CONSULT_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < CONSULT_N_FLOW_STEPS; i++)
    if (g_strcmp0 (steps[i].name, name) == 0)
      {
        consult_window_go_to_step (self, i);
        return;
      }

  g_warning ("No step named “%s”", name);
}

static void
show_steps_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ConsultWindow *self = CONSULT_WINDOW (widget);

  /* No steps to show before a consultation was. */
  if (self->leaflet == NULL)
    return;

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->step_list));
}

static void
step_row_activated_cb (GtkListBox    *list,
                       GtkListBoxRow *row,
                       ConsultWindow *self)
{
  int index = gtk_list_box_row_get_index (row);

  if (!consult_window_go_to_step (self, index))
    gtk_list_box_select_row (self->step_list, self->rows[self->current_step]);
}

static void
build_step_list (ConsultWindow *self)
{
  for (guint i = 0; i < CONSULT_N_FLOW_STEPS; i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *badge = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *title = gtk_label_new (_(steps[i].title));
      GtkWidget *state = gtk_label_new (NULL);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);

      self->rows[i] = GTK_LIST_BOX_ROW (row);
      self->row_icons[i] = GTK_IMAGE (gtk_image_new ());
      self->row_numbers[i] = GTK_LABEL (gtk_label_new (number));
      self->row_states[i] = GTK_LABEL (state);

      gtk_widget_add_css_class (badge, "step-badge");
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_set_hexpand (badge, FALSE);
      gtk_widget_set_halign (badge, GTK_ALIGN_CENTER);
      gtk_box_set_homogeneous (GTK_BOX (badge), FALSE);
      gtk_widget_set_halign (GTK_WIDGET (self->row_numbers[i]), GTK_ALIGN_CENTER);
      gtk_widget_set_size_request (GTK_WIDGET (self->row_numbers[i]), 24, 24);
      gtk_widget_add_css_class (GTK_WIDGET (self->row_numbers[i]), "step-number");
      gtk_widget_set_size_request (GTK_WIDGET (self->row_icons[i]), 24, 24);
      gtk_box_append (GTK_BOX (badge), GTK_WIDGET (self->row_numbers[i]));
      gtk_box_append (GTK_BOX (badge), GTK_WIDGET (self->row_icons[i]));

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_label_set_xalign (GTK_LABEL (state), 0);
      gtk_widget_add_css_class (state, "caption");
      gtk_widget_add_css_class (state, "dim-label");
      gtk_box_append (GTK_BOX (labels), title);
      gtk_box_append (GTK_BOX (labels), state);
      gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
      gtk_widget_set_hexpand (labels, TRUE);

      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_box_append (GTK_BOX (box), badge);
      gtk_box_append (GTK_BOX (box), labels);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(steps[i].title),
                                      -1);
      gtk_list_box_append (self->step_list, row);
    }
}

/* Builds the consultation view the first time a consultation is shown:
 * most starts show only the start page, and building the step list, the
 * leaflet and its bars would otherwise be most of the window's start-up. */
static void
ensure_flow_view (ConsultWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *separator;

  if (self->leaflet != NULL)
    return;

  builder = gtk_builder_new ();
  /* As in a template, the window is the bindings' "this": with none,
   * GTK 4.8 warns "g_object_weak_unref: couldn't find weak ref" when the
   * view's <binding>s are torn down with the window. */
  gtk_builder_set_current_object (builder, G_OBJECT (self));
  gtk_builder_expose_object (builder, "primary_menu", G_OBJECT (self->primary_menu));
  /* Compiled into the program: failing to build it is as broken as a
   * template that does not build. */
  if (!gtk_builder_add_from_resource (builder, RESOURCE_BASE "/ui/consult-window-flow.ui", &error))
    g_error ("Cannot build the consultation view: %s", error->message);

  self->leaflet = ADW_LEAFLET (gtk_builder_get_object (builder, "leaflet"));
  self->sidebar_title = ADW_WINDOW_TITLE (gtk_builder_get_object (builder, "sidebar_title"));
  self->step_list = GTK_LIST_BOX (gtk_builder_get_object (builder, "step_list"));
  self->step_title = ADW_WINDOW_TITLE (gtk_builder_get_object (builder, "step_title"));
  self->page_stack = GTK_STACK (gtk_builder_get_object (builder, "page_stack"));
  self->back_button = GTK_WIDGET (gtk_builder_get_object (builder, "back_button"));
  self->next_button = GTK_WIDGET (gtk_builder_get_object (builder, "next_button"));
  self->next_button_content = ADW_BUTTON_CONTENT (gtk_builder_get_object (builder,
                                                                          "next_button_content"));
  separator = GTK_WIDGET (gtk_builder_get_object (builder, "sidebar_separator"));

  /* The stack holds the view from now on; the builder's references go
   * with it. */
  gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->leaflet), "flow");

  g_signal_connect_object (self->step_list, "row-activated",
                           G_CALLBACK (step_row_activated_cb), self, 0);
  consult_list_box_activate_on_enter (self->step_list);
  /* Swiping or Back never stops on the separator between the two panes. */
  adw_leaflet_page_set_navigatable (adw_leaflet_get_page (self->leaflet, separator), FALSE);

  build_step_list (self);
  update_step_rows (self);
  update_titles (self);
  update_actions (self);
}

/* The view goes with the template's widgets: nothing may reach it after. */
static void
forget_flow_view (ConsultWindow *self)
{
  memset (self->rows, 0, sizeof self->rows);
  memset (self->row_icons, 0, sizeof self->row_icons);
  memset (self->row_numbers, 0, sizeof self->row_numbers);
  memset (self->row_states, 0, sizeof self->row_states);
  self->leaflet = NULL;
  self->sidebar_title = NULL;
  self->step_list = NULL;
  self->step_title = NULL;
  self->page_stack = NULL;
  self->back_button = NULL;
  self->next_button = NULL;
  self->next_button_content = NULL;
}

static void
show_content_error (ConsultWindow *self)
{
  ConsultApplication *app = CONSULT_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  const GError *error = app ? consult_application_get_content_error (app) : NULL;

  adw_status_page_set_icon_name (self->error_page, "dialog-error-symbolic");
  gtk_label_set_text (self->error_label,
                      error ? error->message : _("No procedure content was given."));
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  update_actions (self);
}

/* Drafts */

ConsultAutosave *
_consult_window_get_autosave (ConsultWindow *self)
{
  g_return_val_if_fail (CONSULT_IS_WINDOW (self), NULL);

  return self->autosave;
}

static void
autosave_failed_cb (ConsultWindow *self,
                    GError        *error)
{
  g_autofree char *message = NULL;

  /* Once: a drafts folder that cannot be written fails at every change. */
  if (self->autosave_failing)
    return;
  self->autosave_failing = TRUE;

  /* Translators: a toast; %s says which file and why. */
  message = g_strdup_printf (_("Could not keep a safety copy: %s"), error->message);
  show_toast (self, message);
}

static void
autosave_saved_cb (ConsultWindow *self)
{
  self->autosave_failing = FALSE;
}

/* A data folder that cannot be written (a read-only home) is said once
 * per run, when the first window opens: the consultation can still be
 * filled in and saved elsewhere, but not where Save would put it. */
static void
check_records_folder_on_map_cb (ConsultWindow *self)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autofree char *folder = consult_record_default_folder ();
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  g_signal_handlers_disconnect_by_func (self, check_records_folder_on_map_cb, NULL);
  if (app == NULL || g_object_get_data (G_OBJECT (app), "consult-folder-checked") != NULL)
    return;
  g_object_set_data (G_OBJECT (app), "consult-folder-checked", GINT_TO_POINTER (TRUE));

  if (consult_record_check_folder_writable (folder, &error))
    return;

  /* Translators: %s says which folder and why it cannot be written. */
  body = g_strdup_printf (_("%s\n\nConsultations can still be filled in and saved to another "
                            "folder with Save As, but nothing is saved here, and no safety "
                            "copy of unsaved work can be kept."),
                          error->message);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Records Cannot Be Saved"), body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void offer_next_draft (ConsultWindow *self);

static void
restore_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   ConsultWindow    *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "draft-path");
  ConsultConsultation *draft = g_object_get_data (G_OBJECT (dialog), "draft");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "restore") == 0 && draft != NULL)
    {
      set_consultation (self, draft, CONSULT_FLOW_STEP_CLIENT);
      show_toast (self, _("The unsaved consultation was restored"));
      /* One at a time: the others are offered at the next start. */
      return;
    }

  if (g_strcmp0 (response, "discard") == 0 && !consult_autosave_remove_draft (path, &error))
    show_error (self, _("Could Not Remove the Safety Copy"), error->message);

  offer_next_draft (self);
}

static void
offer_next_draft (ConsultWindow *self)
{
  g_autoptr(ConsultConsultation) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  AdwMessageDialog *dialog;

  if (self->drafts_to_offer == NULL || self->drafts_to_offer->len == 0)
    return;

  path = g_ptr_array_steal_index (self->drafts_to_offer, 0);
  draft = consult_autosave_load_draft (path, &error);

  if (draft != NULL)
    {
      const char *client = consult_consultation_get_client_name (draft);
      g_autofree char *body = NULL;

      if (*client != '\0')
        /* Translators: %s is the client's name, %s the consultation date. */
        body = g_strdup_printf (_("The consultation with %s on %s was not saved when Consult "
                                  "last closed. Restore it to carry on where it stopped."),
                                client, consult_consultation_get_consultation_date (draft));
      else
        body = g_strdup (_("A consultation was not saved when Consult last closed. "
                           "Restore it to carry on where it stopped."));

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("Restore Unsaved Consultation?"),
                                                           body));
      adw_message_dialog_add_responses (dialog,
                                        "discard", _("_Discard"),
                                        "restore", _("_Restore"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "restore");
      adw_message_dialog_set_close_response (dialog, "keep");
      g_object_set_data_full (G_OBJECT (dialog), "draft", g_steal_pointer (&draft),
                              g_object_unref);
    }
  else
    {
      /* Never deleted behind the user's back: they decide. */
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("A Safety Copy Could Not Be Read"),
                                                           error->message));
      adw_message_dialog_add_responses (dialog,
                                        "keep", _("_Keep It"),
                                        "discard", _("_Delete It"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "keep");
      adw_message_dialog_set_close_response (dialog, "keep");
    }

  g_object_set_data_full (G_OBJECT (dialog), "draft-path", g_steal_pointer (&path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
offer_drafts_on_map_cb (ConsultWindow *self)
{
  g_signal_handlers_disconnect_by_func (self, offer_drafts_on_map_cb, NULL);
  offer_next_draft (self);
}

static void
consult_window_constructed (GObject *object)
{
  ConsultWindow *self = CONSULT_WINDOW (object);

  G_OBJECT_CLASS (consult_window_parent_class)->constructed (object);

  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  if (self->content == NULL)
    {
      show_content_error (self);
      return;
    }

  self->autosave = consult_autosave_new (NULL);
  g_signal_connect_object (self->autosave, "failed", G_CALLBACK (autosave_failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->autosave, "saved", G_CALLBACK (autosave_saved_cb), self,
                           G_CONNECT_SWAPPED);
  /* What an earlier run left unsaved is offered once the window shows. */
  self->drafts_to_offer = consult_autosave_find_drafts (
                            consult_autosave_get_drafts_folder (self->autosave));

  /* The window opens on the start page: a new consultation, or one of
   * the recent ones. The new consultation's first page is made when it
   * is first shown. */
  {
    g_autoptr(ConsultConsultation) consultation = new_consultation (self);
    g_autofree char *folder = consult_record_default_folder ();

    set_consultation_full (self, consultation, CONSULT_FLOW_STEP_CLIENT, FALSE);

    self->index = consult_record_index_new (folder);
    adw_bin_set_child (self->recent_bin, consult_recent_page_new (self->index));
  }
  gtk_stack_set_visible_child_name (self->main_stack, "start");
  g_signal_connect (self, "map", G_CALLBACK (focus_first_field), NULL);

  if (self->drafts_to_offer->len > 0)
    g_signal_connect (self, "map", G_CALLBACK (offer_drafts_on_map_cb), NULL);
  g_signal_connect (self, "map", G_CALLBACK (check_records_folder_on_map_cb), NULL);
}

static void
consult_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ConsultWindow *self = CONSULT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_CONTENT:
      g_value_set_object (value, self->content);
      break;
    case PROP_CONSULTATION:
      g_value_set_object (value, self->consultation);
      break;
    case PROP_CURRENT_STEP:
      g_value_set_enum (value, self->current_step);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consult_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ConsultWindow *self = CONSULT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_set_object (&self->settings, g_value_get_object (value));
      break;
    case PROP_CONTENT:
      g_set_object (&self->content, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consult_window_dispose (GObject *object)
{
  ConsultWindow *self = CONSULT_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONSULT_TYPE_WINDOW);
  /* A running export finds the window gone by this. */
  self->toast_overlay = NULL;
  g_clear_object (&self->export_toast);
  forget_flow_view (self);
  g_clear_object (&self->consultation);
  g_clear_object (&self->content);
  /* Whatever is still pending reaches the draft before the window goes:
   * a background write could be cut short by the process exiting. */
  if (self->autosave != NULL)
    {
      consult_autosave_flush (self->autosave);
      consult_autosave_watch (self->autosave, NULL);
    }
  g_clear_object (&self->autosave);
  g_clear_object (&self->index);
  g_clear_pointer (&self->drafts_to_offer, g_ptr_array_unref);
  g_clear_pointer (&self->record_path, g_free);
  g_clear_pointer (&self->pending_open_path, g_free);
  g_clear_object (&self->settings);
  if (self->shortcuts_window != NULL)
    gtk_window_destroy (g_steal_pointer (&self->shortcuts_window));

  G_OBJECT_CLASS (consult_window_parent_class)->dispose (object);
}

/* Keyboard Shortcuts (Ctrl+?). The window is built when first asked for,
 * not with every main window as GTK does with gtk/help-overlay.ui: a
 * shortcuts window is a few hundred widgets nobody sees at start-up. */
static void
show_help_overlay_action_cb (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  ConsultWindow *self = CONSULT_WINDOW (widget);

  if (self->shortcuts_window == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource (RESOURCE_BASE "/ui/shortcuts-window.ui");

      /* A toplevel: GTK holds it until it is destroyed, in dispose. */
      self->shortcuts_window = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_window_set_transient_for (self->shortcuts_window, GTK_WINDOW (self));
      gtk_window_set_hide_on_close (self->shortcuts_window, TRUE);
    }

  gtk_window_present (self->shortcuts_window);
}

static void
consult_window_class_init (ConsultWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = consult_window_constructed;
  object_class->dispose = consult_window_dispose;
  object_class->get_property = consult_window_get_property;
  object_class->set_property = consult_window_set_property;

  window_class->close_request = consult_window_close_request;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTENT] =
    g_param_spec_object ("content", NULL, NULL,
                         CONSULT_TYPE_CONTENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONSULTATION] =
    g_param_spec_object ("consultation", NULL, NULL,
                         CONSULT_TYPE_CONSULTATION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_STEP] =
    g_param_spec_enum ("current-step", NULL, NULL,
                       CONSULT_TYPE_FLOW_STEP, CONSULT_FLOW_STEP_CLIENT,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action_cb);
  gtk_widget_class_install_action (widget_class, "win.next-step", NULL, next_step_action_cb);
  gtk_widget_class_install_action (widget_class, "win.previous-step", NULL,
                                   previous_step_action_cb);
  gtk_widget_class_install_action (widget_class, "win.go-to-step", "s", go_to_step_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-steps", NULL, show_steps_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-start", NULL, show_start_action_cb);
  gtk_widget_class_install_action (widget_class, "win.continue", NULL, continue_action_cb);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action_cb);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action_cb);
  gtk_widget_class_install_action (widget_class, "win.open-record", "s", open_record_action_cb);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action_cb);
  gtk_widget_class_install_action (widget_class, "win.export-pdf", NULL, export_pdf_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "win.next-step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.previous-step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       "win.next-step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       "win.previous-step", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/consult-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ConsultWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ConsultWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, ConsultWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, ConsultWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, ConsultWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, ConsultWindow, start_new_button);
  gtk_widget_class_bind_template_child (widget_class, ConsultWindow, continue_button);
  gtk_widget_class_bind_template_child (widget_class, ConsultWindow, recent_bin);
}

static void
consult_window_init (ConsultWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
