/* consult-content-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The inside of a ConsultContent, for the loader alone: it fills a fresh
 * object field by field, then hands it out, after which nothing changes it.
 */

#pragma once

#include "consult-content.h"

G_BEGIN_DECLS

struct _ConsultContent
{
  GObject parent_instance;

  char *id;
  char *version;
  char *language;
  char *reviewed;
  char *sha256;
  char *source_name;

  ConsultText title;
  ConsultText summary;
  GPtrArray *description;   /* ConsultItem */
  GPtrArray *other_names;   /* ConsultItem */
  GPtrArray *devices;       /* ConsultDevice */
  GPtrArray *indications;   /* ConsultItem */
  GPtrArray *areas;         /* ConsultArea */

  GPtrArray *steps;         /* ConsultStep */
  guint duration_min;
  guint duration_max;

  GPtrArray *milestones;    /* ConsultMilestone */
  guint sessions_min;
  guint sessions_max;
  guint interval_min;
  guint interval_max;
  ConsultText course_note;

  GPtrArray *benefits;      /* ConsultItem */
  GPtrArray *side_effects;  /* ConsultSideEffect */
  GPtrArray *aftercare;     /* ConsultAftercareWindow */
  GPtrArray *alternatives;  /* ConsultItem */
  GPtrArray *questions;     /* ConsultQuestion */
  GPtrArray *statements;    /* ConsultStatement */
  GPtrArray *references;    /* ConsultReference */
};

/* Every array is empty and every text "" until the loader fills them. */
ConsultContent *_consult_content_new (void);

/* Frees what @text holds and sets both strings to "". */
void _consult_text_clear                  (ConsultText            *text);
/* Takes ownership of @plain and @markup. */
void _consult_text_take                   (ConsultText            *text,
                                           char                   *plain,
                                           char                   *markup);

ConsultItem            *_consult_item_new             (void);
ConsultArea            *_consult_area_new             (void);
ConsultDevice          *_consult_device_new           (void);
ConsultStep            *_consult_step_new             (void);
ConsultMilestone       *_consult_milestone_new        (void);
ConsultSideEffect      *_consult_side_effect_new      (void);
ConsultAftercareWindow *_consult_aftercare_window_new (void);
ConsultQuestion        *_consult_question_new         (void);
ConsultStatement       *_consult_statement_new        (void);
ConsultReference       *_consult_reference_new        (void);

void _consult_item_free             (ConsultItem            *item);
void _consult_area_free             (ConsultArea            *area);
void _consult_device_free           (ConsultDevice          *device);
void _consult_step_free             (ConsultStep            *step);
void _consult_milestone_free        (ConsultMilestone       *milestone);
void _consult_side_effect_free      (ConsultSideEffect      *side_effect);
void _consult_aftercare_window_free (ConsultAftercareWindow *window);
void _consult_question_free         (ConsultQuestion        *question);
void _consult_statement_free        (ConsultStatement       *statement);
void _consult_reference_free        (ConsultReference       *reference);

G_END_DECLS
