/* consult-summary-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An overview of the consultation, read back from it: the client, what was
 * explained, the screening and, when treatment may go ahead, the consent
 * and its signatures. It only reads; the one action is starting a new
 * consultation, which the window provides as "win.new".
 *
 * The overview is rebuilt whole on every change: it is small, changes come
 * one at a time (a signature reports a stroke once it is drawn), and a
 * rebuild cannot leave a stale line behind.
 */

#define G_LOG_DOMAIN "consult-summary-page"

#include "consult-config.h"

#include <glib/gi18n.h>

#include "consult-i18n.h"
#include "consult-page-utils.h"
#include "consult-summary-page.h"

struct _ConsultSummaryPage
{
  AdwBin parent_instance;

  ConsultConsultation *consultation;

  GtkBox *content_box;
  GtkButton *new_button;
};

G_DEFINE_FINAL_TYPE (ConsultSummaryPage, consult_summary_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONSULTATION,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* Building blocks */

static GtkWidget *
append_section (ConsultSummaryPage *self,
                const char         *title)
{
  GtkWidget *group = consult_page_group_new (title, NULL);
  GtkWidget *list = consult_page_list_new ();

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  gtk_box_append (self->content_box, group);

  return list;
}

/* A row naming a detail above its value. @value is markup; NULL or ""
 * shows @missing, dimmed. Returns the box of the two, for more lines. */
static GtkWidget *
append_field (GtkWidget  *list,
              const char *name,
              const char *value,
              const char *missing)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name_label = consult_page_label_new (name, FALSE);
  GtkWidget *value_label;

  gtk_widget_add_css_class (name_label, "caption");
  gtk_widget_add_css_class (name_label, "dim-label");
  gtk_box_append (GTK_BOX (box), name_label);

  if (value != NULL && *value != '\0')
    value_label = consult_page_label_new (value, TRUE);
  else
    {
      value_label = consult_page_label_new (missing, FALSE);
      gtk_widget_add_css_class (value_label, "dim-label");
    }
  gtk_box_append (GTK_BOX (box), value_label);

  consult_page_list_append (list, box);

  return box;
}

/* A row with a status icon in front of a text and a status line: an
 * explanation discussed, a statement agreed. @text is markup. */
static void
append_status (GtkWidget  *list,
               gboolean    done,
               const char *text,
               const char *done_text,
               const char *not_done_text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = consult_page_decoration_new (done ? "object-select-symbolic"
                                                      : "window-close-symbolic",
                                                 NULL);
  GtkWidget *status = consult_page_label_new (done ? done_text : not_done_text, FALSE);

  gtk_widget_add_css_class (icon, done ? "success" : "dim-label");
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), icon);

  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_box_append (GTK_BOX (text_box), consult_page_label_new (text, TRUE));
  gtk_widget_add_css_class (status, "caption");
  gtk_widget_add_css_class (status, done ? "success" : "dim-label");
  gtk_box_append (GTK_BOX (text_box), status);
  gtk_box_append (GTK_BOX (box), text_box);

  consult_page_list_append (list, box);
}

static char *
format_iso_date (const char *iso)
{
  GDate date;
  g_autoptr(GDateTime) date_time = NULL;

  if (!consult_date_from_iso (iso, &date))
    return NULL;

  date_time = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                     g_date_get_day (&date), 0, 0, 0);

  /* The date in the user's locale. */
  return consult_format_date (date_time);
}

/* Sections */

static void
build_client (ConsultSummaryPage *self)
{
  ConsultConsultation *c = self->consultation;
  g_autofree char *name = g_markup_escape_text (consult_consultation_get_client_name (c), -1);
  g_autofree char *contact = g_markup_escape_text (consult_consultation_get_client_contact (c), -1);
  g_autofree char *practitioner =
    g_markup_escape_text (consult_consultation_get_practitioner_name (c), -1);
  g_autofree char *birth_date = format_iso_date (consult_consultation_get_client_birth_date (c));
  g_autofree char *consultation_date =
    format_iso_date (consult_consultation_get_consultation_date (c));
  g_auto(GStrv) area_ids = consult_consultation_get_selected_areas (c);
  g_autofree char *areas = consult_page_join_area_labels (consult_consultation_get_content (c),
                                                          area_ids);
  g_autofree char *birth = NULL;
  const char *notes = consult_consultation_get_general_notes (c);
  int age = consult_consultation_get_age (c);
  GtkWidget *list;
  GtkWidget *box;

  if (birth_date != NULL && age >= 0)
    {
      g_autofree char *years =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year", "%d years", age), age);
      g_autofree char *text = NULL;

      /* Translators: a date of birth, then the age, as "1 May 1990 (35 years)". */
      text = g_strdup_printf (C_("date of birth", "%s (%s)"), birth_date, years);
      birth = g_markup_escape_text (text, -1);
    }
  else if (birth_date != NULL)
    birth = g_markup_escape_text (birth_date, -1);

  list = append_section (self, _("Client"));
  append_field (list, _("Full Name"), name, _("Not given"));
  box = append_field (list, _("Date of Birth"), birth, _("Not given"));
  if (consult_consultation_get_is_minor (c))
    {
      GtkWidget *warning =
        consult_page_label_new (_("Under 18: check guardian consent and local rules"), FALSE);

      gtk_widget_add_css_class (warning, "warning");
      gtk_box_append (GTK_BOX (box), warning);
    }
  append_field (list, _("Contact Details"), contact, _("Not given"));
  append_field (list, _("Treatment Areas"), areas, _("None chosen"));
  append_field (list, _("Practitioner"), practitioner, _("Not given"));
  append_field (list, _("Consultation Date"), consultation_date, _("Not given"));

  if (*notes != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (notes, -1);

      append_field (list, _("Notes"), escaped, NULL);
    }
}

static void
build_explained (ConsultSummaryPage *self)
{
  const char *titles[CONSULT_N_EXPLANATIONS] = {
    [CONSULT_EXPLANATION_PROCEDURE] = N_("The procedure"),
    [CONSULT_EXPLANATION_BENEFITS] = N_("Benefits and results"),
    [CONSULT_EXPLANATION_SIDE_EFFECTS] = N_("Side effects and aftercare"),
  };
  GtkWidget *list = append_section (self, _("Explained"));

  for (guint i = 0; i < CONSULT_N_EXPLANATIONS; i++)
    {
      g_autofree char *title = g_markup_escape_text (_(titles[i]), -1);

      append_status (list, consult_consultation_get_discussed (self->consultation, i), title,
                     _("Discussed with the client"), _("Not discussed yet"));
    }
}

static void
append_reasons (ConsultSummaryPage *self,
                const char         *title,
                GPtrArray          *reasons)
{
  GtkWidget *list;

  if (reasons->len == 0)
    return;

  list = append_section (self, title);
  for (guint i = 0; i < reasons->len; i++)
    {
      const ConsultScreeningReason *reason = g_ptr_array_index (reasons, i);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *label = consult_page_label_new (reason->question->label.markup, TRUE);

      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (GTK_BOX (box), label);
      if (*reason->question->action.plain != '\0')
        gtk_box_append (GTK_BOX (box),
                        consult_page_label_new (reason->question->action.markup, TRUE));
      if (reason->note != NULL)
        {
          /* Translators: the practitioner's note on a screening answer. */
          g_autofree char *note = g_strdup_printf (_("Note: %s"), reason->note);

          label = consult_page_label_new (note, FALSE);
          gtk_widget_add_css_class (label, "dim-label");
          gtk_box_append (GTK_BOX (box), label);
        }
      consult_page_list_append (list, box);
    }
}

static const char *
outcome_style (ConsultOutcome outcome)
{
  switch (outcome)
    {
    case CONSULT_OUTCOME_SUITABLE:
      return "success";
    case CONSULT_OUTCOME_SUITABLE_WITH_PRECAUTIONS:
    case CONSULT_OUTCOME_DEFER:
      return "warning";
    case CONSULT_OUTCOME_NOT_SUITABLE:
      return "error";
    case CONSULT_OUTCOME_INCOMPLETE:
    default:
      return "dim-label";
    }
}

static void
build_screening (ConsultSummaryPage     *self,
                 ConsultScreeningResult *screening)
{
  GtkWidget *list = append_section (self, _("Screening"));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label = consult_page_label_new (consult_outcome_get_label (screening->outcome), FALSE);

  gtk_widget_add_css_class (label, "title-4");
  gtk_widget_add_css_class (label, outcome_style (screening->outcome));
  gtk_box_append (GTK_BOX (box), label);

  if (screening->outcome == CONSULT_OUTCOME_INCOMPLETE)
    {
      g_autofree char *answered =
        /* Translators: how many screening questions have an answer. */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u of %u question answered",
                                      "%u of %u questions answered",
                                      screening->n_questions),
                         screening->n_answered, screening->n_questions);

      label = consult_page_label_new (answered, FALSE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);

      if (screening->missing_notes)
        {
          label = consult_page_label_new (_("A precaution is not yet recorded"), FALSE);
          gtk_widget_add_css_class (label, "dim-label");
          gtk_box_append (GTK_BOX (box), label);
        }

      if (!consult_outcome_allows_treatment (screening->provisional))
        {
          /* Translators: the screening verdict from the answers so far. */
          g_autofree char *so_far = g_strdup_printf (_("So far: %s"),
                                                     consult_outcome_get_label (screening->provisional));

          label = consult_page_label_new (so_far, FALSE);
          gtk_widget_add_css_class (label, outcome_style (screening->provisional));
          gtk_box_append (GTK_BOX (box), label);
        }
    }
  else if (!consult_outcome_allows_treatment (screening->outcome))
    {
      label = consult_page_label_new (_("No consent is taken: the screening does not allow "
                                        "treatment"), FALSE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }
  consult_page_list_append (list, box);

  append_reasons (self,
                  screening->provisional == CONSULT_OUTCOME_SUITABLE_WITH_PRECAUTIONS
                    ? _("Precautions") : _("Reasons"),
                  screening->reasons);
  append_reasons (self, _("Also Noted"), screening->other_reasons);
}

static void
build_statements (ConsultSummaryPage *self,
                  const char         *title,
                  gboolean            required)
{
  GPtrArray *statements =
    consult_content_get_statements (consult_consultation_get_content (self->consultation));
  GtkWidget *list = NULL;

  for (guint i = 0; i < statements->len; i++)
    {
      const ConsultStatement *statement = g_ptr_array_index (statements, i);

      if (statement->required != required)
        continue;

      if (list == NULL)
        list = append_section (self, title);
      append_status (list,
                     consult_consultation_get_statement_accepted (self->consultation, statement->id),
                     statement->text.markup, _("Agreed"), _("Not agreed"));
    }
}

static char *
describe_signature (ConsultSignature *signature)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  if (!consult_signature_is_signed (signature))
    return NULL;

  local = g_date_time_to_local (consult_signature_get_signed_at (signature));
  date = consult_format_date (local);
  time = consult_format_time (local);

  /* Translators: who signed, then the date and the time, in the locale's
   * formats. */
  return g_markup_printf_escaped (_("Signed by %s on %s at %s"),
                                  consult_signature_get_signer_name (signature), date, time);
}

static void
build_signatures (ConsultSummaryPage *self)
{
  GtkWidget *list = append_section (self, _("Signatures"));
  g_autofree char *client =
    describe_signature (consult_consultation_get_signature (self->consultation,
                                                            CONSULT_SIGNER_CLIENT));
  g_autofree char *practitioner =
    describe_signature (consult_consultation_get_signature (self->consultation,
                                                            CONSULT_SIGNER_PRACTITIONER));

  append_field (list, C_("signer", "Client"), client, _("Not signed"));
  append_field (list, C_("signer", "Practitioner"), practitioner, _("Not signed"));
}

static void
rebuild (ConsultSummaryPage *self)
{
  g_autoptr(ConsultScreeningResult) screening = consult_consultation_dup_screening (self->consultation);
  ConsultContent *content = consult_consultation_get_content (self->consultation);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label;

  consult_page_box_remove_all (self->content_box);

  gtk_box_append (GTK_BOX (heading), consult_page_heading_new (_("Consultation Summary")));
  label = consult_page_label_new (consult_content_get_title (content)->markup, TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "client-text");
  gtk_box_append (GTK_BOX (heading), label);
  gtk_box_append (self->content_box, heading);

  build_client (self);
  build_explained (self);
  build_screening (self, screening);

  /* Consent is only taken when the screening allows treatment: a deferred
   * or refused treatment is recorded with its reasons alone. */
  if (consult_outcome_allows_treatment (screening->provisional))
    {
      build_statements (self, _("Consent"), TRUE);
      build_statements (self, _("Optional Consent"), FALSE);
      build_signatures (self);
    }
}

/* Construction */

static void
consult_summary_page_constructed (GObject *object)
{
  ConsultSummaryPage *self = CONSULT_SUMMARY_PAGE (object);

  G_OBJECT_CLASS (consult_summary_page_parent_class)->constructed (object);

  g_return_if_fail (CONSULT_IS_CONSULTATION (self->consultation));

  rebuild (self);
  g_signal_connect_object (self->consultation, "changed",
                           G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
}

ConsultConsultation *
consult_summary_page_get_consultation (ConsultSummaryPage *self)
{
  g_return_val_if_fail (CONSULT_IS_SUMMARY_PAGE (self), NULL);

  return self->consultation;
}

GtkWidget *
consult_summary_page_new (ConsultConsultation *consultation)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (consultation), NULL);

  return g_object_new (CONSULT_TYPE_SUMMARY_PAGE, "consultation", consultation, NULL);
}

static void
consult_summary_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ConsultSummaryPage *self = CONSULT_SUMMARY_PAGE (object);

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
consult_summary_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ConsultSummaryPage *self = CONSULT_SUMMARY_PAGE (object);

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
consult_summary_page_dispose (GObject *object)
{
  ConsultSummaryPage *self = CONSULT_SUMMARY_PAGE (object);

  if (self->consultation != NULL)
    g_signal_handlers_disconnect_by_data (self->consultation, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONSULT_TYPE_SUMMARY_PAGE);
  g_clear_object (&self->consultation);

  G_OBJECT_CLASS (consult_summary_page_parent_class)->dispose (object);
}

static void
consult_summary_page_class_init (ConsultSummaryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = consult_summary_page_constructed;
  object_class->dispose = consult_summary_page_dispose;
  object_class->get_property = consult_summary_page_get_property;
  object_class->set_property = consult_summary_page_set_property;

  properties[PROP_CONSULTATION] =
    g_param_spec_object ("consultation", NULL, NULL,
                         CONSULT_TYPE_CONSULTATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/consult-summary-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConsultSummaryPage, content_box);
  gtk_widget_class_bind_template_child (widget_class, ConsultSummaryPage, new_button);
}

static void
consult_summary_page_init (ConsultSummaryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
