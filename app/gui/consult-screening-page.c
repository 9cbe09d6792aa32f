/* consult-screening-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page only shows the consultation and forwards what is done to it:
 * the outcome and its reasons come from consult_consultation_dup_screening()
 * each time the consultation changes, so the banner cannot disagree with
 * the answers, whoever changed them.
 */

#define G_LOG_DOMAIN "consult-screening-page"

#include "consult-config.h"

#include <glib/gi18n.h>

#include "consult-screening-page.h"

typedef struct _QuestionCard QuestionCard;

struct _ConsultScreeningPage
{
  AdwBin parent_instance;

  ConsultConsultation *consultation;
  GPtrArray *cards;            /* of QuestionCard, content order */

  /* Set while the page hands a change to the consultation: the control
   * that made the change already shows it. */
  gboolean updating_model;
  /* Set while the page copies the consultation into its controls, so that
   * their signals are not taken for the user's changes. */
  gboolean updating_controls;

  GtkScrolledWindow *scrolled_window;
  GtkLabel *locked_label;
  GtkBox *outcome_banner;
  GtkImage *outcome_icon;
  GtkLabel *outcome_title_label;
  GtkLabel *outcome_subtitle_label;
  GtkBox *outcome_reasons_box;
  GtkBox *questions_box;
};

/* The widgets of one question. The card only points to them: they belong
 * to the widget tree. */
struct _QuestionCard
{
  ConsultScreeningPage *page;
  const ConsultQuestion *question;

  GtkWidget *card;
  GtkToggleButton *yes_button;
  GtkToggleButton *no_button;
  GtkRevealer *revealer;
  GtkLabel *guidance_label;
  GtkEntry *note_entry;
};

G_DEFINE_FINAL_TYPE (ConsultScreeningPage, consult_screening_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONSULTATION,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void refresh (ConsultScreeningPage *self);

GtkWidget *
consult_screening_page_new (ConsultConsultation *consultation)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (consultation), NULL);

  return g_object_new (CONSULT_TYPE_SCREENING_PAGE, "consultation", consultation, NULL);
}

ConsultConsultation *
consult_screening_page_get_consultation (ConsultScreeningPage *self)
{
  g_return_val_if_fail (CONSULT_IS_SCREENING_PAGE (self), NULL);

  return self->consultation;
}

/* What the content says to do on a "yes", as markup, never empty. */
static char *
dup_action_markup (const ConsultQuestion *question)
{
  if (question->action.markup[0] != '\0')
    return g_strdup (question->action.markup);

  switch (question->rule)
    {
    case CONSULT_RULE_EXCLUDE:
      return g_markup_escape_text (_("Do not treat."), -1);
    case CONSULT_RULE_DEFER:
      return g_markup_escape_text (_("Do not treat today."), -1);
    case CONSULT_RULE_CAUTION:
    default:
      return g_markup_escape_text (_("Take the precaution needed, and record it."), -1);
    }
}

/* Editing */

static void
on_answer_toggled_cb (GtkToggleButton *button,
                      QuestionCard    *card)
{
  ConsultScreeningPage *self = card->page;
  ConsultAnswer answer;
  gboolean accepted;

  /* Only the button that became active speaks for the pair. */
  if (self->updating_controls || !gtk_toggle_button_get_active (button))
    return;

  answer = button == card->yes_button ? CONSULT_ANSWER_YES : CONSULT_ANSWER_NO;

  self->updating_model = TRUE;
  accepted = consult_consultation_set_answer (self->consultation, card->question->id, answer);
  self->updating_model = FALSE;

  /* Refused (locked): put the controls back as the consultation has them. */
  if (!accepted)
    refresh (self);
}

static void
on_note_changed_cb (GtkEditable  *editable,
                    QuestionCard *card)
{
  ConsultScreeningPage *self = card->page;
  gboolean accepted;

  if (self->updating_controls)
    return;

  self->updating_model = TRUE;
  accepted = consult_consultation_set_note (self->consultation, card->question->id,
                                            gtk_editable_get_text (editable));
  self->updating_model = FALSE;

  if (!accepted)
    refresh (self);
}

/* Building the cards */

static GtkWidget *
make_label (const char *markup,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static GtkToggleButton *
make_answer_button (const char *label,
                    const char *name)
{
  GtkWidget *button = gtk_toggle_button_new_with_label (label);

  gtk_widget_set_name (button, name);
  gtk_widget_set_size_request (button, 88, -1);

  return GTK_TOGGLE_BUTTON (button);
}

static QuestionCard *
build_card (ConsultScreeningPage  *self,
            const ConsultQuestion *question)
{
  QuestionCard *card = g_new0 (QuestionCard, 1);
  g_autofree char *name = g_strdup_printf ("question-%s", question->id);
  g_autofree char *yes_name = g_strdup_printf ("question-%s-yes", question->id);
  g_autofree char *no_name = g_strdup_printf ("question-%s-no", question->id);
  g_autofree char *note_name = g_strdup_printf ("question-%s-note", question->id);
  GtkWidget *box;
  GtkWidget *question_label;
  GtkWidget *answers;
  GtkWidget *answers_box;
  GtkWidget *reveal_box;
  GtkWidget *note_label;

  card->page = self;
  card->question = question;

  card->card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_name (card->card, name);
  gtk_widget_add_css_class (card->card, "card");
  gtk_widget_add_css_class (card->card, "screening-question");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_box_append (GTK_BOX (card->card), box);

  /* The question as it is asked, large enough to read across a desk. */
  question_label = make_label (question->question.markup, "client-text");
  gtk_box_append (GTK_BOX (box), question_label);

  if (question->note.markup[0] != '\0')
    {
      g_autofree char *prefix = g_markup_escape_text (_("For the practitioner:"), -1);
      g_autofree char *markup = g_strdup_printf ("<b>%s</b> %s", prefix, question->note.markup);

      gtk_box_append (GTK_BOX (box), make_label (markup, "caption"));
      gtk_widget_add_css_class (gtk_widget_get_last_child (box), "dim-label");
    }

  /* Yes and No as a pair, neither active until the client answers. The
   * box is a group (GtkBox's role) named after the question, so that a
   * screen reader says which question "Yes" answers. */
  answers = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_halign (answers, GTK_ALIGN_START);
  gtk_widget_add_css_class (answers, "linked");
  card->yes_button = make_answer_button (C_("answer", "Yes"), yes_name);
  card->no_button = make_answer_button (C_("answer", "No"), no_name);
  gtk_toggle_button_set_group (card->no_button, card->yes_button);
  gtk_box_append (GTK_BOX (answers), GTK_WIDGET (card->yes_button));
  gtk_box_append (GTK_BOX (answers), GTK_WIDGET (card->no_button));
  gtk_accessible_update_property (GTK_ACCESSIBLE (answers),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, question->question.plain,
                                  -1);
  answers_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (answers_box), answers);
  gtk_box_append (GTK_BOX (box), answers_box);
  g_signal_connect (card->yes_button, "toggled", G_CALLBACK (on_answer_toggled_cb), card);
  g_signal_connect (card->no_button, "toggled", G_CALLBACK (on_answer_toggled_cb), card);

  /* On "yes": what the content says to do, and the practitioner's note. */
  card->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (card->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_box_append (GTK_BOX (answers_box), GTK_WIDGET (card->revealer));

  /* Its own top margin, not the card's spacing: a hidden note takes no room. */
  reveal_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (reveal_box, 12);
  gtk_revealer_set_child (card->revealer, reveal_box);

  card->guidance_label = GTK_LABEL (make_label ("", NULL));
  gtk_box_append (GTK_BOX (reveal_box), GTK_WIDGET (card->guidance_label));

  note_label = make_label ("", "heading");
  gtk_widget_set_margin_top (note_label, 6);
  gtk_label_set_text (GTK_LABEL (note_label),
                      question->rule == CONSULT_RULE_CAUTION
                      ? _("Precaution taken (required)")
                      : _("Notes (optional)"));
  gtk_box_append (GTK_BOX (reveal_box), note_label);

  card->note_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_name (GTK_WIDGET (card->note_entry), note_name);
  gtk_widget_set_hexpand (GTK_WIDGET (card->note_entry), TRUE);
  if (question->rule == CONSULT_RULE_CAUTION)
    gtk_entry_set_placeholder_text (card->note_entry, _("What was done, for the record"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (note_label), GTK_WIDGET (card->note_entry));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (card->note_entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, note_label, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, card->guidance_label, NULL,
                                  -1);
  gtk_box_append (GTK_BOX (reveal_box), GTK_WIDGET (card->note_entry));
  g_signal_connect (card->note_entry, "changed", G_CALLBACK (on_note_changed_cb), card);

  gtk_box_append (self->questions_box, card->card);

  return card;
}

/* Showing the consultation */

static void
update_guidance (QuestionCard *card,
                 gboolean      missing_note)
{
  g_autofree char *action = dup_action_markup (card->question);
  g_autofree char *heading = NULL;
  g_autofree char *markup = NULL;
  const char *css_class;

  switch (card->question->rule)
    {
    case CONSULT_RULE_EXCLUDE:
      heading = g_markup_escape_text (_("Not suitable."), -1);
      css_class = "error";
      break;
    case CONSULT_RULE_DEFER:
      heading = g_markup_escape_text (_("Defer."), -1);
      css_class = "warning";
      break;
    case CONSULT_RULE_CAUTION:
    default:
      heading = g_markup_escape_text (_("Precaution needed."), -1);
      css_class = "warning";
      break;
    }

  markup = g_strdup_printf ("<b>%s</b> %s", heading, action);
  gtk_label_set_markup (card->guidance_label, markup);
  gtk_widget_set_css_classes (GTK_WIDGET (card->guidance_label),
                              (const char *[]) { css_class, NULL });

  if (missing_note)
    {
      gtk_widget_add_css_class (card->card, "needs-note");
      gtk_widget_add_css_class (GTK_WIDGET (card->note_entry), "warning");
    }
  else
    {
      gtk_widget_remove_css_class (card->card, "needs-note");
      gtk_widget_remove_css_class (GTK_WIDGET (card->note_entry), "warning");
    }
}

static void
update_card (ConsultScreeningPage         *self,
             QuestionCard                 *card,
             const ConsultScreeningResult *result)
{
  const char *id = card->question->id;
  ConsultAnswer answer = consult_consultation_get_answer (self->consultation, id);
  const char *note = consult_consultation_get_note (self->consultation, id);

  if (!self->updating_model)
    {
      self->updating_controls = TRUE;
      /* Both inactive while unanswered: a grouped button can be unset
       * from code, though not by clicking it. */
      gtk_toggle_button_set_active (card->yes_button, answer == CONSULT_ANSWER_YES);
      gtk_toggle_button_set_active (card->no_button, answer == CONSULT_ANSWER_NO);
      if (!g_str_equal (gtk_editable_get_text (GTK_EDITABLE (card->note_entry)), note))
        gtk_editable_set_text (GTK_EDITABLE (card->note_entry), note);
      self->updating_controls = FALSE;
    }

  gtk_revealer_set_reveal_child (card->revealer, answer == CONSULT_ANSWER_YES);
  update_guidance (card, consult_screening_result_is_missing_note (result, id));
}

/* One line of the banner for a "yes" that matters: the question's label
 * and what the content says to do, then the note or that it is missing. */
static void
add_reason (ConsultScreeningPage         *self,
            const ConsultScreeningReason *reason,
            const ConsultScreeningResult *result,
            GString                      *plain)
{
  g_autofree char *label = g_markup_escape_text (reason->question->label.plain, -1);
  g_autofree char *action = dup_action_markup (reason->question);
  g_autoptr(GString) markup = g_string_new (NULL);
  GtkWidget *widget;

  g_string_append_printf (markup, "<b>%s</b>: %s", label, action);

  if (consult_screening_result_is_missing_note (result, reason->question_id))
    {
      g_autofree char *missing = g_markup_escape_text (_("Record the precaution taken (required)."), -1);

      g_string_append_printf (markup, " <b>%s</b>", missing);
    }
  else if (reason->note != NULL && reason->rule == CONSULT_RULE_CAUTION)
    {
      g_autofree char *note = g_markup_printf_escaped (_("Precaution taken: %s"), reason->note);

      g_string_append_printf (markup, "\n<i>%s</i>", note);
    }

  widget = make_label (markup->str, NULL);
  gtk_box_append (self->outcome_reasons_box, widget);

  g_string_append_printf (plain, "%s%s", plain->len > 0 ? "\n" : "",
                          gtk_label_get_text (GTK_LABEL (widget)));
}

static void
update_banner (ConsultScreeningPage         *self,
               const ConsultScreeningResult *result)
{
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GString) plain = g_string_new (NULL);
  const char *subtitle = NULL;
  const char *style;
  const char *icon;
  ConsultOutcome shown;
  GtkWidget *child;

  /* While incomplete, an exclusion or a deferral shows already: nobody
   * should go through the rest of the questions without knowing. */
  shown = result->outcome;
  if (shown == CONSULT_OUTCOME_INCOMPLETE &&
      (result->provisional == CONSULT_OUTCOME_DEFER ||
       result->provisional == CONSULT_OUTCOME_NOT_SUITABLE))
    shown = result->provisional;

  switch (shown)
    {
    case CONSULT_OUTCOME_SUITABLE:
      style = "success";
      icon = "emblem-ok-symbolic";
      subtitle = _("Nothing in the answers prevents treatment.");
      break;
    case CONSULT_OUTCOME_SUITABLE_WITH_PRECAUTIONS:
      style = "warning";
      icon = "dialog-warning-symbolic";
      subtitle = _("Treatment can go ahead with these precautions.");
      break;
    case CONSULT_OUTCOME_DEFER:
      style = "warning";
      icon = "appointment-soon-symbolic";
      subtitle = _("Do not treat today.");
      break;
    case CONSULT_OUTCOME_NOT_SUITABLE:
      style = "error";
      icon = "action-unavailable-symbolic";
      subtitle = _("Do not treat.");
      break;
    case CONSULT_OUTCOME_INCOMPLETE:
    default:
      style = result->missing_notes ? "warning" : "dim";
      icon = result->missing_notes ? "dialog-warning-symbolic" : "dialog-question-symbolic";
      break;
    }

  if (result->outcome != CONSULT_OUTCOME_INCOMPLETE)
    title = g_strdup (consult_outcome_get_label (result->outcome));
  else if (result->n_answered < result->n_questions)
    title = g_strdup_printf (_("Screening incomplete: %u of %u answered"),
                             result->n_answered, result->n_questions);
  else
    {
      guint n_missing = result->missing_notes_ids->len;

      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Screening incomplete: %u precaution note is missing",
                                            "Screening incomplete: %u precaution notes are missing",
                                            n_missing),
                               n_missing);
    }

  if (result->outcome == CONSULT_OUTCOME_INCOMPLETE)
    {
      if (shown != CONSULT_OUTCOME_INCOMPLETE)
        subtitle = shown == CONSULT_OUTCOME_NOT_SUITABLE
                   ? _("So far: not suitable. Do not treat.")
                   : _("So far: defer. Do not treat today.");
      else if (result->n_answered < result->n_questions)
        subtitle = NULL;
      else
        subtitle = _("Record the precaution taken for each question marked below.");
    }

  gtk_widget_set_css_classes (GTK_WIDGET (self->outcome_banner),
                              (const char *[]) { "outcome-banner", style, NULL });
  gtk_image_set_from_icon_name (self->outcome_icon, icon);
  gtk_label_set_text (self->outcome_title_label, title);
  gtk_label_set_text (self->outcome_subtitle_label, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->outcome_subtitle_label), subtitle != NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->outcome_reasons_box))) != NULL)
    gtk_box_remove (self->outcome_reasons_box, child);

  for (guint i = 0; i < result->reasons->len; i++)
    add_reason (self, g_ptr_array_index (result->reasons, i), result, plain);

  if (result->other_reasons->len > 0)
    {
      GtkWidget *heading = make_label ("", "heading");

      gtk_label_set_text (GTK_LABEL (heading), _("Also"));
      gtk_widget_set_margin_top (heading, 6);
      gtk_box_append (self->outcome_reasons_box, heading);
      for (guint i = 0; i < result->other_reasons->len; i++)
        add_reason (self, g_ptr_array_index (result->other_reasons, i), result, plain);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->outcome_reasons_box),
                          gtk_widget_get_first_child (GTK_WIDGET (self->outcome_reasons_box)) != NULL);

  /* GTK 4.8 has no live regions nor announcements: the banner is a status
   * whose name and description follow the outcome. */
  description = g_strjoin ("\n", subtitle != NULL ? subtitle : "", plain->str, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->outcome_banner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, g_strstrip (description),
                                  -1);
}

static void
refresh (ConsultScreeningPage *self)
{
  g_autoptr(ConsultScreeningResult) result = consult_consultation_dup_screening (self->consultation);
  gboolean locked = consult_consultation_get_locked (self->consultation);

  for (guint i = 0; i < self->cards->len; i++)
    update_card (self, g_ptr_array_index (self->cards, i), result);

  update_banner (self, result);

  gtk_widget_set_sensitive (GTK_WIDGET (self->questions_box), !locked);
  gtk_widget_set_visible (GTK_WIDGET (self->locked_label), locked);
}

static void
on_consultation_changed_cb (ConsultScreeningPage *self)
{
  refresh (self);
}

/* GObject */

static void
consult_screening_page_constructed (GObject *object)
{
  ConsultScreeningPage *self = CONSULT_SCREENING_PAGE (object);
  GPtrArray *questions;

  G_OBJECT_CLASS (consult_screening_page_parent_class)->constructed (object);

  g_return_if_fail (self->consultation != NULL);

  questions = consult_content_get_questions (consult_consultation_get_content (self->consultation));
  for (guint i = 0; i < questions->len; i++)
    g_ptr_array_add (self->cards, build_card (self, g_ptr_array_index (questions, i)));

  g_signal_connect_object (self->consultation, "changed",
                           G_CALLBACK (on_consultation_changed_cb), self, G_CONNECT_SWAPPED);
  refresh (self);
}

static void
consult_screening_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ConsultScreeningPage *self = CONSULT_SCREENING_PAGE (object);

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
consult_screening_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  ConsultScreeningPage *self = CONSULT_SCREENING_PAGE (object);

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
consult_screening_page_dispose (GObject *object)
{
  ConsultScreeningPage *self = CONSULT_SCREENING_PAGE (object);

  /* AdwBin unparents its child itself: let it go first, or the template
   * would unparent it behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONSULT_TYPE_SCREENING_PAGE);
  g_clear_object (&self->consultation);

  G_OBJECT_CLASS (consult_screening_page_parent_class)->dispose (object);
}

static void
consult_screening_page_finalize (GObject *object)
{
  ConsultScreeningPage *self = CONSULT_SCREENING_PAGE (object);

  /* Last: the cards' widgets may run their handlers until disposed. */
  g_clear_pointer (&self->cards, g_ptr_array_unref);

  G_OBJECT_CLASS (consult_screening_page_parent_class)->finalize (object);
}

static void
consult_screening_page_class_init (ConsultScreeningPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = consult_screening_page_constructed;
  object_class->dispose = consult_screening_page_dispose;
  object_class->finalize = consult_screening_page_finalize;
  object_class->get_property = consult_screening_page_get_property;
  object_class->set_property = consult_screening_page_set_property;

  properties[PROP_CONSULTATION] =
    g_param_spec_object ("consultation", NULL, NULL,
                         CONSULT_TYPE_CONSULTATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/consult-screening-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConsultScreeningPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, ConsultScreeningPage, locked_label);
  gtk_widget_class_bind_template_child (widget_class, ConsultScreeningPage, outcome_banner);
  gtk_widget_class_bind_template_child (widget_class, ConsultScreeningPage, outcome_icon);
  gtk_widget_class_bind_template_child (widget_class, ConsultScreeningPage, outcome_title_label);
  gtk_widget_class_bind_template_child (widget_class, ConsultScreeningPage, outcome_subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, ConsultScreeningPage, outcome_reasons_box);
  gtk_widget_class_bind_template_child (widget_class, ConsultScreeningPage, questions_box);
}

static void
consult_screening_page_init (ConsultScreeningPage *self)
{
  self->cards = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
}
