/* consult-explanation-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The three explanation steps share one page: what differs is which part
 * of the content is read out, and the lists vary from one procedure to
 * the next, so the sections are built in code. Every word about the
 * procedure comes from the content; the page only adds headings.
 */

#define G_LOG_DOMAIN "consult-explanation-page"

#include "consult-config.h"

#include <glib/gi18n.h>

#include "consult-explanation-page.h"
#include "consult-page-utils.h"

struct _ConsultExplanationPage
{
  AdwBin parent_instance;

  ConsultConsultation *consultation;
  ConsultExplanation explanation;

  /* Set while the page writes to the check itself. */
  gboolean updating;

  GtkBox *content_box;
  AdwActionRow *discussed_row;
  GtkCheckButton *discussed_check;
};

G_DEFINE_FINAL_TYPE (ConsultExplanationPage, consult_explanation_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONSULTATION,
  PROP_EXPLANATION,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* Building blocks */

static void
append (ConsultExplanationPage *self,
        GtkWidget              *widget)
{
  gtk_box_append (self->content_box, widget);
}

/* The page heading: a large title, and an optional line under it. */
static void
append_heading (ConsultExplanationPage *self,
                const char             *title_markup,
                const char             *subtitle_markup)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = consult_page_heading_new (title_markup);

  gtk_box_append (GTK_BOX (box), title);

  if (subtitle_markup != NULL && *subtitle_markup != '\0')
    {
      GtkWidget *subtitle = consult_page_label_new (subtitle_markup, TRUE);

      gtk_widget_add_css_class (subtitle, "dim-label");
      gtk_widget_add_css_class (subtitle, "client-text");
      gtk_box_append (GTK_BOX (box), subtitle);
    }

  append (self, box);
}

/* A section holding one boxed list of content items. Returns the list,
 * or NULL (and adds nothing) when @items is empty. */
static GtkWidget *
append_item_section (ConsultExplanationPage *self,
                     const char             *title,
                     GPtrArray              *items)
{
  GtkWidget *group;
  GtkWidget *list;

  if (items == NULL || items->len == 0)
    return NULL;

  group = consult_page_group_new (title, NULL);
  list = consult_page_list_new ();
  for (guint i = 0; i < items->len; i++)
    {
      const ConsultItem *item = g_ptr_array_index (items, i);

      consult_page_list_append (list, consult_page_content_label_new (&item->text));
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  append (self, group);

  return list;
}

/* A heading line and a text line, for a row: a device, a milestone. */
static GtkWidget *
new_titled_text (const ConsultText *title,
                 const ConsultText *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label = consult_page_content_label_new (title);

  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  if (*text->plain != '\0')
    gtk_box_append (GTK_BOX (box), consult_page_content_label_new (text));

  return box;
}

/* The procedure */

static char *
format_duration (guint min,
                 guint max)
{
  if (max == 0)
    return NULL;
  if (min == max || min == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Takes about %u minute",
                                         "Takes about %u minutes", max),
                            max);

  /* Translators: how long the procedure takes, a range in minutes. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Takes about %u to %u minute",
                                       "Takes about %u to %u minutes", max),
                          min, max);
}

static GtkWidget *
new_step (guint              number,
          const ConsultStep *step)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *number_text = g_strdup_printf ("%u", number);
  GtkWidget *number_label = gtk_label_new (number_text);
  GtkWidget *text = consult_page_content_label_new (&step->text);

  gtk_widget_set_valign (number_label, GTK_ALIGN_START);
  gtk_widget_add_css_class (number_label, "procedure-step-number");
  gtk_widget_add_css_class (number_label, "numeric");
  gtk_box_append (GTK_BOX (box), number_label);

  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_widget_set_valign (text_box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (text_box), text);
  if (step->rare)
    {
      /* Translators: a tag on a step of the procedure that is rarely or
       * only sometimes done. */
      GtkWidget *tag = gtk_label_new (C_("procedure step", "Rarely"));

      gtk_widget_set_halign (tag, GTK_ALIGN_START);
      gtk_widget_add_css_class (tag, "procedure-step-tag");
      gtk_widget_add_css_class (tag, "caption");
      gtk_widget_add_css_class (tag, "dim-label");
      gtk_box_append (GTK_BOX (text_box), tag);
    }
  gtk_box_append (GTK_BOX (box), text_box);

  return box;
}

static void
build_procedure (ConsultExplanationPage *self,
                 ConsultContent         *content)
{
  GPtrArray *description = consult_content_get_description (content);
  GPtrArray *other_names = consult_content_get_other_names (content);
  GPtrArray *devices = consult_content_get_devices (content);
  GPtrArray *steps = consult_content_get_steps (content);
  g_autofree char *duration = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  GtkWidget *box;
  GtkWidget *group;
  GtkWidget *list;

  for (guint i = 0; i < other_names->len; i++)
    {
      const ConsultItem *name = g_ptr_array_index (other_names, i);

      if (names->len > 0)
        g_string_append (names, C_("list separator", ", "));
      g_string_append (names, name->text.markup);
    }
  if (names->len > 0)
    {
      g_autofree char *prefix =
        /* Translators: followed by the procedure's other names, separated
         * by commas. */
        g_markup_escape_text (_("Also known as:"), -1);

      g_string_prepend (names, " ");
      g_string_prepend (names, prefix);
    }
  append_heading (self, consult_content_get_title (content)->markup, names->str);

  /* The summary, then the description, as running text. */
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), consult_page_content_label_new (consult_content_get_summary (content)));
  for (guint i = 0; i < description->len; i++)
    {
      const ConsultItem *para = g_ptr_array_index (description, i);

      gtk_box_append (GTK_BOX (box), consult_page_content_label_new (&para->text));
    }
  append (self, box);

  if (devices->len > 0)
    {
      group = consult_page_group_new (C_("heading", "What Is Used"), NULL);
      list = consult_page_list_new ();
      for (guint i = 0; i < devices->len; i++)
        {
          const ConsultDevice *device = g_ptr_array_index (devices, i);

          consult_page_list_append (list, new_titled_text (&device->name, &device->description));
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
      append (self, group);
    }

  if (steps->len > 0)
    {
      duration = format_duration (consult_content_get_duration_min (content),
                                  consult_content_get_duration_max (content));
      group = consult_page_group_new (C_("heading", "What Happens"), NULL);
      if (duration != NULL)
        {
          GtkWidget *label = consult_page_label_new (duration, FALSE);

          gtk_widget_add_css_class (label, "client-text");
          gtk_widget_set_margin_bottom (label, 12);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
        }

      list = consult_page_list_new ();
      gtk_widget_add_css_class (list, "steps");
      for (guint i = 0; i < steps->len; i++)
        consult_page_list_append (list, new_step (i + 1, g_ptr_array_index (steps, i)));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
      append (self, group);
    }
}

/* Benefits and results */

static char *
format_sessions (guint min,
                 guint max)
{
  if (max == 0)
    return NULL;
  if (min == max || min == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "A course of %u session",
                                         "A course of %u sessions", max),
                            max);

  /* Translators: the usual number of treatment sessions, a range. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "A course of %u to %u session",
                                       "A course of %u to %u sessions", max),
                          min, max);
}

static char *
format_interval (guint min,
                 guint max)
{
  if (max == 0)
    return NULL;
  if (min == max || min == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Sessions %u week apart",
                                         "Sessions %u weeks apart", max),
                            max);

  /* Translators: the time between two sessions, a range in weeks. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Sessions %u to %u week apart",
                                       "Sessions %u to %u weeks apart", max),
                          min, max);
}

static void
append_plain_row (GtkWidget  *list,
                  const char *icon_name,
                  const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = consult_page_decoration_new (icon_name, NULL);
  GtkWidget *label = consult_page_label_new (text, FALSE);

  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_widget_add_css_class (label, "client-text");
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  consult_page_list_append (list, box);
}

static void
build_benefits (ConsultExplanationPage *self,
                ConsultContent         *content)
{
  GPtrArray *milestones = consult_content_get_milestones (content);
  const ConsultText *course_note = consult_content_get_course_note (content);
  guint sessions_max = consult_content_get_sessions_max (content);
  g_autofree char *sessions = NULL;
  g_autofree char *interval = NULL;
  GtkWidget *group;
  GtkWidget *list;

  append_heading (self, _("Benefits and Results"), consult_content_get_title (content)->markup);

  append_item_section (self, C_("heading", "It Can Help With"),
                       consult_content_get_indications (content));
  append_item_section (self, C_("heading", "Benefits"), consult_content_get_benefits (content));

  if (milestones->len > 0)
    {
      group = consult_page_group_new (C_("heading", "Results Over Time"), NULL);
      list = consult_page_list_new ();
      for (guint i = 0; i < milestones->len; i++)
        {
          const ConsultMilestone *milestone = g_ptr_array_index (milestones, i);

          consult_page_list_append (list, new_titled_text (&milestone->when, &milestone->text));
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
      append (self, group);
    }

  sessions = format_sessions (consult_content_get_sessions_min (content), sessions_max);
  if (sessions_max > 1)
    interval = format_interval (consult_content_get_interval_min (content),
                                consult_content_get_interval_max (content));
  if (sessions != NULL || interval != NULL || *course_note->plain != '\0')
    {
      group = consult_page_group_new (C_("heading", "Course of Treatment"), NULL);
      list = consult_page_list_new ();
      if (sessions != NULL)
        append_plain_row (list, "view-list-symbolic", sessions);
      if (interval != NULL)
        append_plain_row (list, "x-office-calendar-symbolic", interval);
      if (*course_note->plain != '\0')
        consult_page_list_append (list, consult_page_content_label_new (course_note));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
      append (self, group);
    }
}

/* Side effects, aftercare and alternatives */

static void
build_side_effects (ConsultExplanationPage *self,
                    ConsultContent         *content)
{
  const struct {
    ConsultFrequency frequency;
    const char *title;
  } frequencies[] = {
    { CONSULT_FREQUENCY_COMMON, N_("Common Side Effects") },
    { CONSULT_FREQUENCY_UNCOMMON, N_("Uncommon Side Effects") },
    { CONSULT_FREQUENCY_RARE, N_("Rare Side Effects") },
  };
  GPtrArray *side_effects = consult_content_get_side_effects (content);
  GPtrArray *aftercare = consult_content_get_aftercare (content);
  GtkWidget *group;
  GtkWidget *list;

  append_heading (self, _("Side Effects and Aftercare"), consult_content_get_title (content)->markup);

  for (guint f = 0; f < G_N_ELEMENTS (frequencies); f++)
    {
      list = NULL;
      for (guint i = 0; i < side_effects->len; i++)
        {
          const ConsultSideEffect *effect = g_ptr_array_index (side_effects, i);
          GtkWidget *box;

          if (effect->frequency != frequencies[f].frequency)
            continue;

          if (list == NULL)
            list = consult_page_list_new ();

          box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
          gtk_box_append (GTK_BOX (box), consult_page_content_label_new (&effect->text));
          if (*effect->duration.plain != '\0')
            {
              GtkWidget *duration = consult_page_content_label_new (&effect->duration);

              gtk_widget_add_css_class (duration, "dim-label");
              gtk_widget_add_css_class (duration, "side-effect-duration");
              gtk_box_append (GTK_BOX (box), duration);
            }
          consult_page_list_append (list, box);
        }

      if (list != NULL)
        {
          group = consult_page_group_new (_(frequencies[f].title), NULL);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
          append (self, group);
        }
    }

  if (aftercare->len > 0)
    {
      group = consult_page_group_new (C_("heading", "Aftercare"), NULL);
      list = consult_page_list_new ();
      for (guint i = 0; i < aftercare->len; i++)
        {
          const ConsultAftercareWindow *window = g_ptr_array_index (aftercare, i);
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
          GtkWidget *label = consult_page_content_label_new (&window->label);

          gtk_widget_add_css_class (label, "heading");
          gtk_box_append (GTK_BOX (box), label);
          for (guint j = 0; j < window->instructions->len; j++)
            {
              const ConsultItem *instruction = g_ptr_array_index (window->instructions, j);
              GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
              GtkWidget *bullet = consult_page_decoration_new (NULL, "•");

              gtk_widget_add_css_class (bullet, "client-text");
              gtk_widget_add_css_class (bullet, "dim-label");
              label = consult_page_content_label_new (&instruction->text);
              gtk_widget_set_hexpand (label, TRUE);
              gtk_box_append (GTK_BOX (line), bullet);
              gtk_box_append (GTK_BOX (line), label);
              gtk_box_append (GTK_BOX (box), line);
            }
          consult_page_list_append (list, box);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
      append (self, group);
    }

  append_item_section (self, C_("heading", "Alternatives"),
                       consult_content_get_alternatives (content));
}

/* Following the consultation */

static void
sync_discussed (ConsultExplanationPage *self)
{
  self->updating = TRUE;
  gtk_check_button_set_active (self->discussed_check,
                               consult_consultation_get_discussed (self->consultation,
                                                                   self->explanation));
  self->updating = FALSE;
}

static void
sync_locked (ConsultExplanationPage *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->discussed_row),
                            !consult_consultation_get_locked (self->consultation));
}

static void
on_discussed_check_toggled_cb (ConsultExplanationPage *self)
{
  if (self->updating)
    return;

  consult_consultation_set_discussed (self->consultation, self->explanation,
                                      gtk_check_button_get_active (self->discussed_check));

  /* Refused when locked: show what is stored. */
  sync_discussed (self);
}

/* Construction */

static void
consult_explanation_page_constructed (GObject *object)
{
  ConsultExplanationPage *self = CONSULT_EXPLANATION_PAGE (object);
  ConsultContent *content;

  G_OBJECT_CLASS (consult_explanation_page_parent_class)->constructed (object);

  g_return_if_fail (CONSULT_IS_CONSULTATION (self->consultation));

  content = consult_consultation_get_content (self->consultation);
  switch (self->explanation)
    {
    case CONSULT_EXPLANATION_PROCEDURE:
      build_procedure (self, content);
      break;
    case CONSULT_EXPLANATION_BENEFITS:
      build_benefits (self, content);
      break;
    case CONSULT_EXPLANATION_SIDE_EFFECTS:
      build_side_effects (self, content);
      break;
    default:
      g_assert_not_reached ();
    }

  sync_discussed (self);
  sync_locked (self);

  /* Whether a step was discussed has no property of its own. */
  g_signal_connect_object (self->consultation, "changed",
                           G_CALLBACK (sync_discussed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->consultation, "notify::locked",
                           G_CALLBACK (sync_locked), self, G_CONNECT_SWAPPED);
}

ConsultConsultation *
consult_explanation_page_get_consultation (ConsultExplanationPage *self)
{
  g_return_val_if_fail (CONSULT_IS_EXPLANATION_PAGE (self), NULL);

  return self->consultation;
}

ConsultExplanation
consult_explanation_page_get_explanation (ConsultExplanationPage *self)
{
  g_return_val_if_fail (CONSULT_IS_EXPLANATION_PAGE (self), CONSULT_EXPLANATION_PROCEDURE);

  return self->explanation;
}

GtkWidget *
consult_explanation_page_new (ConsultConsultation *consultation,
                              ConsultExplanation   explanation)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (consultation), NULL);
  g_return_val_if_fail (explanation <= CONSULT_EXPLANATION_SIDE_EFFECTS, NULL);

  return g_object_new (CONSULT_TYPE_EXPLANATION_PAGE,
                       "consultation", consultation,
                       "explanation", explanation,
                       NULL);
}

static void
consult_explanation_page_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  ConsultExplanationPage *self = CONSULT_EXPLANATION_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONSULTATION:
      g_value_set_object (value, self->consultation);
      break;
    case PROP_EXPLANATION:
      g_value_set_enum (value, self->explanation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consult_explanation_page_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  ConsultExplanationPage *self = CONSULT_EXPLANATION_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONSULTATION:
      g_set_object (&self->consultation, g_value_get_object (value));
      break;
    case PROP_EXPLANATION:
      self->explanation = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consult_explanation_page_dispose (GObject *object)
{
  ConsultExplanationPage *self = CONSULT_EXPLANATION_PAGE (object);

  if (self->consultation != NULL)
    g_signal_handlers_disconnect_by_data (self->consultation, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONSULT_TYPE_EXPLANATION_PAGE);
  g_clear_object (&self->consultation);

  G_OBJECT_CLASS (consult_explanation_page_parent_class)->dispose (object);
}

static void
consult_explanation_page_class_init (ConsultExplanationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = consult_explanation_page_constructed;
  object_class->dispose = consult_explanation_page_dispose;
  object_class->get_property = consult_explanation_page_get_property;
  object_class->set_property = consult_explanation_page_set_property;

  properties[PROP_CONSULTATION] =
    g_param_spec_object ("consultation", NULL, NULL,
                         CONSULT_TYPE_CONSULTATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPLANATION] =
    g_param_spec_enum ("explanation", NULL, NULL,
                       CONSULT_TYPE_EXPLANATION, CONSULT_EXPLANATION_PROCEDURE,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/consult-explanation-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConsultExplanationPage, content_box);
  gtk_widget_class_bind_template_child (widget_class, ConsultExplanationPage, discussed_row);
  gtk_widget_class_bind_template_child (widget_class, ConsultExplanationPage, discussed_check);
  gtk_widget_class_bind_template_callback (widget_class, on_discussed_check_toggled_cb);
}

static void
consult_explanation_page_init (ConsultExplanationPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
