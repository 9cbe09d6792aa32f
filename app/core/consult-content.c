/* consult-content.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "consult-content"

#include "consult-config.h"

#include "consult-content-private.h"

G_DEFINE_FINAL_TYPE (ConsultContent, consult_content, G_TYPE_OBJECT)

/* Texts are never NULL, so that callers need no checks. */
static void
text_init (ConsultText *text)
{
  text->plain = g_strdup ("");
  text->markup = g_strdup ("");
}

void
_consult_text_clear (ConsultText *text)
{
  g_clear_pointer (&text->plain, g_free);
  g_clear_pointer (&text->markup, g_free);
  text_init (text);
}

void
_consult_text_take (ConsultText *text,
                    char        *plain,
                    char        *markup)
{
  g_assert (plain != NULL && markup != NULL);

  g_free (text->plain);
  g_free (text->markup);
  text->plain = plain;
  text->markup = markup;
}

static void
text_free (ConsultText *text)
{
  g_clear_pointer (&text->plain, g_free);
  g_clear_pointer (&text->markup, g_free);
}

static char **
empty_strv (void)
{
  return g_new0 (char *, 1);
}

ConsultItem *
_consult_item_new (void)
{
  ConsultItem *item = g_new0 (ConsultItem, 1);

  text_init (&item->text);
  item->refs = empty_strv ();
  return item;
}

void
_consult_item_free (ConsultItem *item)
{
  if (item == NULL)
    return;

  g_free (item->id);
  text_free (&item->text);
  g_strfreev (item->refs);
  g_free (item);
}

ConsultArea *
_consult_area_new (void)
{
  ConsultArea *area = g_new0 (ConsultArea, 1);

  text_init (&area->label);
  return area;
}

void
_consult_area_free (ConsultArea *area)
{
  if (area == NULL)
    return;

  g_free (area->id);
  text_free (&area->label);
  g_free (area);
}

ConsultDevice *
_consult_device_new (void)
{
  ConsultDevice *device = g_new0 (ConsultDevice, 1);

  text_init (&device->name);
  text_init (&device->description);
  return device;
}

void
_consult_device_free (ConsultDevice *device)
{
  if (device == NULL)
    return;

  g_free (device->id);
  text_free (&device->name);
  text_free (&device->description);
  g_free (device);
}

ConsultStep *
_consult_step_new (void)
{
  ConsultStep *step = g_new0 (ConsultStep, 1);

  text_init (&step->text);
  step->refs = empty_strv ();
  return step;
}

void
_consult_step_free (ConsultStep *step)
{
  if (step == NULL)
    return;

  g_free (step->id);
  text_free (&step->text);
  g_strfreev (step->refs);
  g_free (step);
}

ConsultMilestone *
_consult_milestone_new (void)
{
  ConsultMilestone *milestone = g_new0 (ConsultMilestone, 1);

  text_init (&milestone->when);
  text_init (&milestone->text);
  return milestone;
}

void
_consult_milestone_free (ConsultMilestone *milestone)
{
  if (milestone == NULL)
    return;

  g_free (milestone->id);
  text_free (&milestone->when);
  text_free (&milestone->text);
  g_free (milestone);
}

ConsultSideEffect *
_consult_side_effect_new (void)
{
  ConsultSideEffect *side_effect = g_new0 (ConsultSideEffect, 1);

  text_init (&side_effect->text);
  text_init (&side_effect->duration);
  side_effect->refs = empty_strv ();
  return side_effect;
}

void
_consult_side_effect_free (ConsultSideEffect *side_effect)
{
  if (side_effect == NULL)
    return;

  g_free (side_effect->id);
  text_free (&side_effect->text);
  text_free (&side_effect->duration);
  g_strfreev (side_effect->refs);
  g_free (side_effect);
}

ConsultAftercareWindow *
_consult_aftercare_window_new (void)
{
  ConsultAftercareWindow *window = g_new0 (ConsultAftercareWindow, 1);

  text_init (&window->label);
  window->instructions = g_ptr_array_new_with_free_func ((GDestroyNotify) _consult_item_free);
  return window;
}

void
_consult_aftercare_window_free (ConsultAftercareWindow *window)
{
  if (window == NULL)
    return;

  g_free (window->id);
  text_free (&window->label);
  g_clear_pointer (&window->instructions, g_ptr_array_unref);
  g_free (window);
}

ConsultQuestion *
_consult_question_new (void)
{
  ConsultQuestion *question = g_new0 (ConsultQuestion, 1);

  text_init (&question->question);
  text_init (&question->label);
  text_init (&question->note);
  text_init (&question->action);
  question->refs = empty_strv ();
  return question;
}

void
_consult_question_free (ConsultQuestion *question)
{
  if (question == NULL)
    return;

  g_free (question->id);
  text_free (&question->question);
  text_free (&question->label);
  text_free (&question->note);
  text_free (&question->action);
  g_strfreev (question->refs);
  g_free (question);
}

ConsultStatement *
_consult_statement_new (void)
{
  ConsultStatement *statement = g_new0 (ConsultStatement, 1);

  text_init (&statement->text);
  statement->refs = empty_strv ();
  return statement;
}

void
_consult_statement_free (ConsultStatement *statement)
{
  if (statement == NULL)
    return;

  g_free (statement->id);
  text_free (&statement->text);
  g_strfreev (statement->refs);
  g_free (statement);
}

ConsultReference *
_consult_reference_new (void)
{
  ConsultReference *reference = g_new0 (ConsultReference, 1);

  text_init (&reference->citation);
  return reference;
}

void
_consult_reference_free (ConsultReference *reference)
{
  if (reference == NULL)
    return;

  g_free (reference->id);
  g_free (reference->kind);
  text_free (&reference->citation);
  g_free (reference->href);
  g_free (reference);
}

ConsultContent *
_consult_content_new (void)
{
  return g_object_new (CONSULT_TYPE_CONTENT, NULL);
}

static void
consult_content_finalize (GObject *object)
{
  ConsultContent *self = CONSULT_CONTENT (object);

  g_free (self->id);
  g_free (self->version);
  g_free (self->language);
  g_free (self->reviewed);
  g_free (self->sha256);
  g_free (self->source_name);

  text_free (&self->title);
  text_free (&self->summary);
  text_free (&self->course_note);

  g_ptr_array_unref (self->description);
  g_ptr_array_unref (self->other_names);
  g_ptr_array_unref (self->devices);
  g_ptr_array_unref (self->indications);
  g_ptr_array_unref (self->areas);
  g_ptr_array_unref (self->steps);
  g_ptr_array_unref (self->milestones);
  g_ptr_array_unref (self->benefits);
  g_ptr_array_unref (self->side_effects);
  g_ptr_array_unref (self->aftercare);
  g_ptr_array_unref (self->alternatives);
  g_ptr_array_unref (self->questions);
  g_ptr_array_unref (self->statements);
  g_ptr_array_unref (self->references);

  G_OBJECT_CLASS (consult_content_parent_class)->finalize (object);
}

static void
consult_content_class_init (ConsultContentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = consult_content_finalize;
}

static void
consult_content_init (ConsultContent *self)
{
  self->id = g_strdup ("");
  self->version = g_strdup ("");
  self->language = g_strdup ("");
  self->reviewed = g_strdup ("");
  self->sha256 = g_strdup ("");
  self->source_name = g_strdup ("");

  text_init (&self->title);
  text_init (&self->summary);
  text_init (&self->course_note);

#define ITEMS(free_func) g_ptr_array_new_with_free_func ((GDestroyNotify) (free_func))
  self->description = ITEMS (_consult_item_free);
  self->other_names = ITEMS (_consult_item_free);
  self->devices = ITEMS (_consult_device_free);
  self->indications = ITEMS (_consult_item_free);
  self->areas = ITEMS (_consult_area_free);
  self->steps = ITEMS (_consult_step_free);
  self->milestones = ITEMS (_consult_milestone_free);
  self->benefits = ITEMS (_consult_item_free);
  self->side_effects = ITEMS (_consult_side_effect_free);
  self->aftercare = ITEMS (_consult_aftercare_window_free);
  self->alternatives = ITEMS (_consult_item_free);
  self->questions = ITEMS (_consult_question_free);
  self->statements = ITEMS (_consult_statement_free);
  self->references = ITEMS (_consult_reference_free);
#undef ITEMS
}

/* Identity */

const char *
consult_content_get_id (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), NULL);
  return self->id;
}

const char *
consult_content_get_version (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), NULL);
  return self->version;
}

const char *
consult_content_get_language (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), NULL);
  return self->language;
}

const char *
consult_content_get_reviewed (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), NULL);
  return self->reviewed;
}

const char *
consult_content_get_sha256 (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), NULL);
  return self->sha256;
}

const char *
consult_content_get_source_name (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), NULL);
  return self->source_name;
}

/* Overview */

const ConsultText *
consult_content_get_title (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), NULL);
  return &self->title;
}

const ConsultText *
consult_content_get_summary (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), NULL);
  return &self->summary;
}

GPtrArray *
consult_content_get_description (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), NULL);
  return self->description;
}

GPtrArray *
consult_content_get_other_names (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), NULL);
  return self->other_names;
}

GPtrArray *
consult_content_get_devices (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), NULL);
  return self->devices;
}

GPtrArray *
consult_content_get_indications (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), NULL);
  return self->indications;
}

GPtrArray *
consult_content_get_areas (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), NULL);
  return self->areas;
}

/* The procedure itself */

GPtrArray *
consult_content_get_steps (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), NULL);
  return self->steps;
}

guint
consult_content_get_duration_min (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), 0);
  return self->duration_min;
}

guint
consult_content_get_duration_max (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), 0);
  return self->duration_max;
}

/* Results and course */

GPtrArray *
consult_content_get_milestones (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), NULL);
  return self->milestones;
}

guint
consult_content_get_sessions_min (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), 0);
  return self->sessions_min;
}

guint
consult_content_get_sessions_max (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), 0);
  return self->sessions_max;
}

guint
consult_content_get_interval_min (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), 0);
  return self->interval_min;
}

guint
consult_content_get_interval_max (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), 0);
  return self->interval_max;
}

const ConsultText *
consult_content_get_course_note (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), NULL);
  return &self->course_note;
}

GPtrArray *
consult_content_get_benefits (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), NULL);
  return self->benefits;
}

GPtrArray *
consult_content_get_side_effects (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), NULL);
  return self->side_effects;
}

GPtrArray *
consult_content_get_aftercare (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), NULL);
  return self->aftercare;
}

GPtrArray *
consult_content_get_alternatives (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), NULL);
  return self->alternatives;
}

GPtrArray *
consult_content_get_questions (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), NULL);
  return self->questions;
}

GPtrArray *
consult_content_get_statements (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), NULL);
  return self->statements;
}

GPtrArray *
consult_content_get_references (ConsultContent *self)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), NULL);
  return self->references;
}

/* Look-ups. The lists are short (tens of entries), and a linear search
 * keeps the object free of any index that would need building. Every kind
 * of entry starts with its id, which is what the cast relies on. */

typedef struct {
  char *id;
} Identified;

static gconstpointer
find_by_id (GPtrArray  *array,
            const char *id)
{
  for (guint i = 0; i < array->len; i++)
    {
      const Identified *entry = g_ptr_array_index (array, i);

      if (g_strcmp0 (entry->id, id) == 0)
        return entry;
    }

  return NULL;
}

const ConsultArea *
consult_content_find_area (ConsultContent *self,
                           const char     *id)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return find_by_id (self->areas, id);
}

const ConsultQuestion *
consult_content_find_question (ConsultContent *self,
                               const char     *id)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return find_by_id (self->questions, id);
}

const ConsultStatement *
consult_content_find_statement (ConsultContent *self,
                                const char     *id)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return find_by_id (self->statements, id);
}

const ConsultReference *
consult_content_find_reference (ConsultContent *self,
                                const char     *id)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return find_by_id (self->references, id);
}

const char *
consult_frequency_to_string (ConsultFrequency frequency)
{
  switch (frequency)
    {
    case CONSULT_FREQUENCY_COMMON:
      return "common";
    case CONSULT_FREQUENCY_UNCOMMON:
      return "uncommon";
    case CONSULT_FREQUENCY_RARE:
      return "rare";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
consult_rule_from_string (const char  *string,
                          ConsultRule *rule)
{
  for (ConsultRule r = CONSULT_RULE_EXCLUDE; r <= CONSULT_RULE_CAUTION; r++)
    if (g_strcmp0 (string, consult_rule_to_string (r)) == 0)
      {
        *rule = r;
        return TRUE;
      }

  return FALSE;
}

const char *
consult_rule_to_string (ConsultRule rule)
{
  switch (rule)
    {
    case CONSULT_RULE_EXCLUDE:
      return "exclude";
    case CONSULT_RULE_DEFER:
      return "defer";
    case CONSULT_RULE_CAUTION:
      return "caution";
    default:
      g_return_val_if_reached (NULL);
    }
}
