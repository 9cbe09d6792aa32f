/* consult-consent-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The consultation decides what may be ticked and signed; the page asks it
 * and shows its answer, including its error message when signing is
 * refused, and follows its "changed" signal to stay in step.
 */

#define G_LOG_DOMAIN "consult-consent-page"

#include "consult-config.h"

#include <glib/gi18n.h>

#include "consult-consent-page.h"
#include "consult-i18n.h"
#include "consult-signature-pad.h"

typedef struct {
  ConsultConsentPage *page;
  const ConsultStatement *statement;
  GtkWidget *row;
  GtkCheckButton *check;
} StatementRow;

/* One signer's part of the page. */
typedef struct {
  AdwEntryRow *name_row;
  ConsultSignaturePad *pad;
  GtkButton *undo_button;
  GtkButton *clear_button;
  GtkButton *sign_button;
  GtkLabel *status_label;
  GtkLabel *error_label;

  /* The name the page put in the row, to tell it from one typed there. */
  char *proposed_name;
} SignerSection;

struct _ConsultConsentPage
{
  AdwBin parent_instance;

  ConsultConsultation *consultation;
  GPtrArray *statements;       /* of StatementRow */
  SignerSection signers[CONSULT_N_SIGNERS];

  /* Set while the page copies the consultation into its controls. */
  gboolean updating_controls;

  GtkStack *stack;
  AdwStatusPage *blocked_page;
  GtkScrolledWindow *scrolled_window;
  GtkBox *locked_banner;
  GtkButton *amend_button;
  GtkLabel *outcome_label;
  AdwPreferencesGroup *required_group;
  AdwPreferencesGroup *optional_group;
};

G_DEFINE_FINAL_TYPE (ConsultConsentPage, consult_consent_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONSULTATION,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void refresh (ConsultConsentPage *self);

GtkWidget *
consult_consent_page_new (ConsultConsultation *consultation)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (consultation), NULL);

  return g_object_new (CONSULT_TYPE_CONSENT_PAGE, "consultation", consultation, NULL);
}

ConsultConsultation *
consult_consent_page_get_consultation (ConsultConsentPage *self)
{
  g_return_val_if_fail (CONSULT_IS_CONSENT_PAGE (self), NULL);

  return self->consultation;
}

/* Statements */

static void
on_statement_toggled_cb (GtkCheckButton *check,
                         StatementRow   *row)
{
  ConsultConsentPage *self = row->page;

  if (self->updating_controls)
    return;

  /* Refused (locked, or consent may not be given): show what holds. */
  if (!consult_consultation_set_statement_accepted (self->consultation, row->statement->id,
                                                    gtk_check_button_get_active (check)))
    refresh (self);
}

static StatementRow *
build_statement_row (ConsultConsentPage     *self,
                     const ConsultStatement *statement)
{
  StatementRow *row = g_new0 (StatementRow, 1);
  g_autofree char *name = g_strdup_printf ("statement-%s", statement->id);
  g_autofree char *check_name = g_strdup_printf ("statement-%s-check", statement->id);

  row->page = self;
  row->statement = statement;

  /* The statement is the row's title, wrapped in full: it is what the
   * client agrees to, so it is never cut short. */
  row->row = adw_action_row_new ();
  gtk_widget_set_name (row->row, name);
  gtk_widget_add_css_class (row->row, "client-text");
  gtk_widget_add_css_class (row->row, "consent-statement");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->row), TRUE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), statement->text.markup);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row->row), 0);

  row->check = GTK_CHECK_BUTTON (gtk_check_button_new ());
  gtk_widget_set_name (GTK_WIDGET (row->check), check_name);
  gtk_widget_set_valign (GTK_WIDGET (row->check), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, statement->text.plain,
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row->row), GTK_WIDGET (row->check));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row->row), GTK_WIDGET (row->check));
  /* One Tab stop per statement, on its check; a click on the row still
   * ticks it. */
  gtk_widget_set_focusable (row->row, FALSE);
  g_signal_connect (row->check, "toggled", G_CALLBACK (on_statement_toggled_cb), row);

  adw_preferences_group_add (statement->required ? self->required_group : self->optional_group,
                             row->row);

  return row;
}

/* Signatures */

static ConsultSigner
find_signer (ConsultConsentPage *self,
             GtkButton          *button)
{
  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    {
      SignerSection *section = &self->signers[i];

      if (button == section->undo_button ||
          button == section->clear_button ||
          button == section->sign_button)
        return (ConsultSigner) i;
    }

  g_assert_not_reached ();
}

static void
on_undo_clicked_cb (ConsultConsentPage *self,
                    GtkButton          *button)
{
  SignerSection *section = &self->signers[find_signer (self, button)];

  gtk_widget_activate_action (GTK_WIDGET (section->pad), "signature-pad.undo", NULL);
}

static void
on_clear_clicked_cb (ConsultConsentPage *self,
                     GtkButton          *button)
{
  /* Through the consultation: a signer who signed too soon clears their
   * signature this way and signs again. */
  consult_consultation_clear_signature (self->consultation, find_signer (self, button));
}

static void
on_sign_clicked_cb (ConsultConsentPage *self,
                    GtkButton          *button)
{
  ConsultSigner signer = find_signer (self, button);
  SignerSection *section = &self->signers[signer];
  g_autoptr(GError) error = NULL;
  GtkRoot *root;

  if (!consult_consultation_sign (self->consultation, signer,
                                  gtk_editable_get_text (GTK_EDITABLE (section->name_row)),
                                  &error))
    {
      gtk_label_set_text (section->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (section->error_label), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (section->sign_button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message,
                                      -1);
      return;
    }

  /* The Sign button just went insensitive and would drop the focus: hand
   * it on to the pad of whoever signs next, or to Amend once both have. Only where
   * someone is typing: an inactive window has no keyboard focus to keep. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (!GTK_IS_WINDOW (root) || !gtk_window_is_active (GTK_WINDOW (root)))
    return;
  if (signer == CONSULT_SIGNER_CLIENT &&
      !consult_consultation_is_signed (self->consultation, CONSULT_SIGNER_PRACTITIONER))
    gtk_widget_grab_focus (GTK_WIDGET (self->signers[CONSULT_SIGNER_PRACTITIONER].pad));
  else if (consult_consultation_get_locked (self->consultation))
    gtk_widget_grab_focus (GTK_WIDGET (self->amend_button));
}

static char *
format_signed (ConsultSignature *signature)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (consult_signature_get_signed_at (signature));
  g_autofree char *date = consult_format_date (local);
  g_autofree char *time = consult_format_time (local);

  /* Translators: who signed, then the date and the time, in the locale's
   * formats. */
  return g_strdup_printf (_("Signed by %s on %s at %s"),
                          consult_signature_get_signer_name (signature), date, time);
}

static void
update_signer (ConsultConsentPage *self,
               ConsultSigner       signer)
{
  SignerSection *section = &self->signers[signer];
  ConsultSignature *signature = consult_consultation_get_signature (self->consultation, signer);
  gboolean locked = consult_consultation_get_locked (self->consultation);
  gboolean is_signed = consult_signature_is_signed (signature);
  gboolean has_strokes = !consult_signature_is_empty (signature);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (section->name_row));
  const char *name;

  self->updating_controls = TRUE;

  if (is_signed)
    {
      g_autofree char *status = format_signed (signature);

      name = consult_signature_get_signer_name (signature);
      if (!g_str_equal (text, name))
        gtk_editable_set_text (GTK_EDITABLE (section->name_row), name);
      gtk_label_set_text (section->status_label, status);
    }
  else
    {
      /* Propose the name on record, unless another one was typed. */
      name = signer == CONSULT_SIGNER_CLIENT
             ? consult_consultation_get_client_name (self->consultation)
             : consult_consultation_get_practitioner_name (self->consultation);
      if ((*text == '\0' || g_strcmp0 (text, section->proposed_name) == 0) &&
          !g_str_equal (text, name))
        gtk_editable_set_text (GTK_EDITABLE (section->name_row), name);
      g_free (section->proposed_name);
      section->proposed_name = g_strdup (name);
    }

  self->updating_controls = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (section->status_label), is_signed);
  gtk_widget_set_sensitive (GTK_WIDGET (section->name_row), !is_signed && !locked);
  consult_signature_pad_set_signature (section->pad, signature);
  consult_signature_pad_set_editable (section->pad, !is_signed && !locked);
  gtk_widget_set_sensitive (GTK_WIDGET (section->undo_button), !is_signed && !locked && has_strokes);
  gtk_widget_set_sensitive (GTK_WIDGET (section->clear_button), !locked && (has_strokes || is_signed));
  gtk_widget_set_sensitive (GTK_WIDGET (section->sign_button), !is_signed && !locked);
}

static void
on_strokes_notify_cb (ConsultConsentPage *self)
{
  /* Undo and Clear follow the pad while a stroke is drawn, before the
   * consultation says it changed at the stroke's end. */
  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    update_signer (self, (ConsultSigner) i);
}

/* The page as a whole */

/* Why consent cannot be taken, one item a line. */
static char *
dup_blocked_reasons (ConsultConsultation *consultation)
{
  ConsultOutcome outcome = consult_consultation_get_outcome (consultation);
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_auto(GStrv) areas = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (outcome == CONSULT_OUTCOME_DEFER || outcome == CONSULT_OUTCOME_NOT_SUITABLE)
    /* Translators: %s is a screening outcome such as "Not suitable". */
    return g_strdup_printf (_("The screening outcome is “%s”, so treatment cannot go ahead "
                              "and consent cannot be taken."),
                            consult_outcome_get_label (outcome));

  areas = consult_consultation_get_selected_areas (consultation);
  if (*consult_consultation_get_client_name (consultation) == '\0')
    g_ptr_array_add (missing, _("The client’s name"));
  if (*consult_consultation_get_client_birth_date (consultation) == '\0')
    g_ptr_array_add (missing, _("The client’s date of birth"));
  else if (consult_consultation_get_age (consultation) < 0)
    g_ptr_array_add (missing, _("A date of birth before the consultation date"));
  if (areas == NULL || areas[0] == NULL)
    g_ptr_array_add (missing, _("At least one treatment area"));
  if (*consult_consultation_get_practitioner_name (consultation) == '\0')
    g_ptr_array_add (missing, _("The practitioner’s name"));
  if (!consult_consultation_get_discussed (consultation, CONSULT_EXPLANATION_PROCEDURE))
    g_ptr_array_add (missing, _("Discussing the procedure"));
  if (!consult_consultation_get_discussed (consultation, CONSULT_EXPLANATION_BENEFITS))
    g_ptr_array_add (missing, _("Discussing the benefits"));
  if (!consult_consultation_get_discussed (consultation, CONSULT_EXPLANATION_SIDE_EFFECTS))
    g_ptr_array_add (missing, _("Discussing the side effects"));
  if (outcome == CONSULT_OUTCOME_INCOMPLETE)
    g_ptr_array_add (missing, _("A complete screening"));

  g_string_append (text, _("Complete the earlier steps first. Still needed:"));
  for (guint i = 0; i < missing->len; i++)
    g_string_append_printf (text, "\n• %s", (const char *) g_ptr_array_index (missing, i));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
refresh (ConsultConsentPage *self)
{
  gboolean locked = consult_consultation_get_locked (self->consultation);
  gboolean can_consent = consult_consultation_can_consent (self->consultation);
  gboolean any_signed = FALSE;

  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    any_signed |= consult_consultation_is_signed (self->consultation, (ConsultSigner) i);

  /* The window keeps this step out of reach until consent may be given,
   * but the page stands on its own and says why. */
  if (can_consent || locked || any_signed)
    gtk_stack_set_visible_child_name (self->stack, "consent");
  else
    {
      g_autofree char *reasons = dup_blocked_reasons (self->consultation);
      g_autofree char *markup = g_markup_escape_text (reasons, -1);

      adw_status_page_set_description (self->blocked_page, markup);
      gtk_stack_set_visible_child_name (self->stack, "blocked");
    }

  if (consult_consultation_get_outcome (self->consultation) == CONSULT_OUTCOME_SUITABLE_WITH_PRECAUTIONS)
    {
      gtk_label_set_text (self->outcome_label,
                          _("Screening: suitable with precautions. Make sure the client "
                            "knows which precautions are taken, and why."));
      gtk_widget_set_visible (GTK_WIDGET (self->outcome_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->outcome_label), FALSE);

  self->updating_controls = TRUE;
  for (guint i = 0; i < self->statements->len; i++)
    {
      StatementRow *row = g_ptr_array_index (self->statements, i);

      gtk_check_button_set_active (row->check,
                                   consult_consultation_get_statement_accepted (self->consultation,
                                                                                row->statement->id));
      gtk_widget_set_sensitive (row->row, !locked);
    }
  self->updating_controls = FALSE;

  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    update_signer (self, (ConsultSigner) i);

  gtk_widget_set_visible (GTK_WIDGET (self->locked_banner), locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consent.amend", locked);
}

static void
on_consultation_changed_cb (ConsultConsentPage *self)
{
  /* A refusal no longer holds once something changed. */
  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->signers[i].error_label), FALSE);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->signers[i].sign_button),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }

  refresh (self);
}

static void
on_amend_response_cb (ConsultConsentPage *self)
{
  if (consult_consultation_get_locked (self->consultation))
    consult_consultation_amend (self->consultation);
}

static void
amend_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ConsultConsentPage *self = CONSULT_CONSENT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Amend the consultation?"),
                                   _("Both signatures will be cleared and must be given again."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "amend", _("_Amend"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "amend",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response::amend",
                           G_CALLBACK (on_amend_response_cb), self, G_CONNECT_SWAPPED);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static void
consult_consent_page_constructed (GObject *object)
{
  ConsultConsentPage *self = CONSULT_CONSENT_PAGE (object);
  GPtrArray *statements;
  gboolean has_optional = FALSE;

  G_OBJECT_CLASS (consult_consent_page_parent_class)->constructed (object);

  g_return_if_fail (self->consultation != NULL);

  statements = consult_content_get_statements (consult_consultation_get_content (self->consultation));
  for (guint i = 0; i < statements->len; i++)
    {
      const ConsultStatement *statement = g_ptr_array_index (statements, i);

      g_ptr_array_add (self->statements, build_statement_row (self, statement));
      has_optional |= !statement->required;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->optional_group), has_optional);

  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    g_signal_connect_object (consult_consultation_get_signature (self->consultation, (ConsultSigner) i),
                             "notify::n-strokes",
                             G_CALLBACK (on_strokes_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->consultation, "changed",
                           G_CALLBACK (on_consultation_changed_cb), self, G_CONNECT_SWAPPED);

  refresh (self);
}

static void
consult_consent_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ConsultConsentPage *self = CONSULT_CONSENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONSULTATION:
      g_value_set_object (value, self->consultation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consult_consent_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ConsultConsentPage *self = CONSULT_CONSENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONSULTATION:
      g_set_object (&self->consultation, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consult_consent_page_dispose (GObject *object)
{
  ConsultConsentPage *self = CONSULT_CONSENT_PAGE (object);

  /* AdwBin unparents its child itself: let it go first, or the template
   * would unparent it behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONSULT_TYPE_CONSENT_PAGE);
  g_clear_object (&self->consultation);

  G_OBJECT_CLASS (consult_consent_page_parent_class)->dispose (object);
}

static void
consult_consent_page_finalize (GObject *object)
{
  ConsultConsentPage *self = CONSULT_CONSENT_PAGE (object);

  g_clear_pointer (&self->statements, g_ptr_array_unref);
  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    g_clear_pointer (&self->signers[i].proposed_name, g_free);

  G_OBJECT_CLASS (consult_consent_page_parent_class)->finalize (object);
}

#define BIND_SIGNER(prefix, signer, field)                                            \
  gtk_widget_class_bind_template_child_full (widget_class, prefix "_" #field, FALSE, \
                                             G_STRUCT_OFFSET (ConsultConsentPage,     \
                                                              signers[signer].field))

static void
consult_consent_page_class_init (ConsultConsentPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = consult_consent_page_constructed;
  object_class->dispose = consult_consent_page_dispose;
  object_class->finalize = consult_consent_page_finalize;
  object_class->get_property = consult_consent_page_get_property;
  object_class->set_property = consult_consent_page_set_property;

  properties[PROP_CONSULTATION] =
    g_param_spec_object ("consultation", NULL, NULL,
                         CONSULT_TYPE_CONSULTATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "consent.amend", NULL, amend_action);

  g_type_ensure (CONSULT_TYPE_SIGNATURE_PAD);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/consult-consent-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConsultConsentPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ConsultConsentPage, blocked_page);
  gtk_widget_class_bind_template_child (widget_class, ConsultConsentPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, ConsultConsentPage, locked_banner);
  gtk_widget_class_bind_template_child (widget_class, ConsultConsentPage, amend_button);
  gtk_widget_class_bind_template_child (widget_class, ConsultConsentPage, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, ConsultConsentPage, required_group);
  gtk_widget_class_bind_template_child (widget_class, ConsultConsentPage, optional_group);

  BIND_SIGNER ("client", CONSULT_SIGNER_CLIENT, name_row);
  BIND_SIGNER ("client", CONSULT_SIGNER_CLIENT, pad);
  BIND_SIGNER ("client", CONSULT_SIGNER_CLIENT, undo_button);
  BIND_SIGNER ("client", CONSULT_SIGNER_CLIENT, clear_button);
  BIND_SIGNER ("client", CONSULT_SIGNER_CLIENT, sign_button);
  BIND_SIGNER ("client", CONSULT_SIGNER_CLIENT, status_label);
  BIND_SIGNER ("client", CONSULT_SIGNER_CLIENT, error_label);
  BIND_SIGNER ("practitioner", CONSULT_SIGNER_PRACTITIONER, name_row);
  BIND_SIGNER ("practitioner", CONSULT_SIGNER_PRACTITIONER, pad);
  BIND_SIGNER ("practitioner", CONSULT_SIGNER_PRACTITIONER, undo_button);
  BIND_SIGNER ("practitioner", CONSULT_SIGNER_PRACTITIONER, clear_button);
  BIND_SIGNER ("practitioner", CONSULT_SIGNER_PRACTITIONER, sign_button);
  BIND_SIGNER ("practitioner", CONSULT_SIGNER_PRACTITIONER, status_label);
  BIND_SIGNER ("practitioner", CONSULT_SIGNER_PRACTITIONER, error_label);

  gtk_widget_class_bind_template_callback (widget_class, on_undo_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_clicked_cb);
}

static void
consult_consent_page_init (ConsultConsentPage *self)
{
  self->statements = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    {
      /* The pads are told apart by their names, for screen readers. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->signers[i].pad),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      i == CONSULT_SIGNER_CLIENT ? _("Client’s signature")
                                                                 : _("Practitioner’s signature"),
                                      -1);
    }
}
