/* consult-content.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The procedure content: everything that is said to the client on the
 * explanation, screening and consent steps. A ConsultContent is built by the
 * loader (consult-content-loader.h) and never changes afterwards, so it can be
 * shared freely between the window, the consultation and the summary.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  CONSULT_FREQUENCY_COMMON,
  CONSULT_FREQUENCY_UNCOMMON,
  CONSULT_FREQUENCY_RARE,
} ConsultFrequency;

/* What a "yes" answer to a screening question means. The order matters:
 * a larger value never wins over a smaller one when outcomes are combined
 * (see consult-screening.h). */
typedef enum {
  CONSULT_RULE_EXCLUDE,
  CONSULT_RULE_DEFER,
  CONSULT_RULE_CAUTION,
} ConsultRule;

typedef enum {
  CONSULT_STATEMENT_TREATMENT,
  CONSULT_STATEMENT_PHOTOGRAPHY,
} ConsultStatementKind;

/* A run of text from the content. It may carry emphasis: @plain has the
 * text alone, @markup the same text as escaped Pango markup (emphasis as
 * <i>). Both are never NULL; an absent optional text is "". */
typedef struct {
  char *plain;
  char *markup;
} ConsultText;

/* A simple item: an indication, a benefit, an alternative, an aftercare
 * instruction, another name for the procedure, a paragraph. @refs holds the
 * ids of the references it cites (never NULL, may be empty). */
typedef struct {
  char *id;
  ConsultText text;
  char **refs;
} ConsultItem;

typedef struct {
  char *id;
  ConsultText label;
} ConsultArea;

typedef struct {
  char *id;
  ConsultText name;
  ConsultText description;
} ConsultDevice;

typedef struct {
  char *id;
  ConsultText text;
  gboolean rare;           /* a rare or optional step */
  char **refs;
} ConsultStep;

typedef struct {
  char *id;
  ConsultText when;        /* "Within a few weeks" */
  ConsultText text;
} ConsultMilestone;

typedef struct {
  char *id;
  ConsultFrequency frequency;
  ConsultText text;
  ConsultText duration;    /* how long it is expected to last */
  char **refs;
} ConsultSideEffect;

typedef struct {
  char *id;
  ConsultText label;       /* "First 48 hours" */
  GPtrArray *instructions; /* of ConsultItem */
} ConsultAftercareWindow;

typedef struct {
  char *id;
  ConsultRule rule;
  ConsultText question;    /* as asked to the client */
  ConsultText label;       /* short label for the summary */
  ConsultText note;        /* for the practitioner only; may be "" */
  ConsultText action;      /* what to do on "yes"; may be "" for exclude */
  char **refs;
} ConsultQuestion;

typedef struct {
  char *id;
  ConsultStatementKind kind;
  gboolean required;
  ConsultText text;
  char **refs;
} ConsultStatement;

typedef struct {
  char *id;
  char *kind;              /* "pub", "regulator", "form", "clinic", "seed" */
  ConsultText citation;
  char *href;              /* may be NULL */
} ConsultReference;

#define CONSULT_TYPE_CONTENT (consult_content_get_type ())
G_DECLARE_FINAL_TYPE (ConsultContent, consult_content, CONSULT, CONTENT, GObject)

/* Identity */
const char  *consult_content_get_id               (ConsultContent *self);
const char  *consult_content_get_version          (ConsultContent *self);
const char  *consult_content_get_language         (ConsultContent *self);
const char  *consult_content_get_reviewed         (ConsultContent *self); /* YYYY-MM-DD */
const char  *consult_content_get_sha256           (ConsultContent *self); /* of the file's bytes */
const char  *consult_content_get_source_name      (ConsultContent *self); /* file name or resource */

/* Overview */
const ConsultText *consult_content_get_title      (ConsultContent *self);
const ConsultText *consult_content_get_summary    (ConsultContent *self);
GPtrArray   *consult_content_get_description      (ConsultContent *self); /* ConsultItem, paragraphs */
GPtrArray   *consult_content_get_other_names      (ConsultContent *self); /* ConsultItem */
GPtrArray   *consult_content_get_devices          (ConsultContent *self); /* ConsultDevice */

GPtrArray   *consult_content_get_indications      (ConsultContent *self); /* ConsultItem */
GPtrArray   *consult_content_get_areas            (ConsultContent *self); /* ConsultArea */

/* The procedure itself; durations in minutes */
GPtrArray   *consult_content_get_steps            (ConsultContent *self); /* ConsultStep */
guint        consult_content_get_duration_min     (ConsultContent *self);
guint        consult_content_get_duration_max     (ConsultContent *self);

/* Results and course */
GPtrArray   *consult_content_get_milestones       (ConsultContent *self); /* ConsultMilestone */
guint        consult_content_get_sessions_min     (ConsultContent *self);
guint        consult_content_get_sessions_max     (ConsultContent *self);
guint        consult_content_get_interval_min     (ConsultContent *self); /* weeks */
guint        consult_content_get_interval_max     (ConsultContent *self); /* weeks */
const ConsultText *consult_content_get_course_note (ConsultContent *self); /* may be "" */

GPtrArray   *consult_content_get_benefits         (ConsultContent *self); /* ConsultItem */
GPtrArray   *consult_content_get_side_effects     (ConsultContent *self); /* ConsultSideEffect */
GPtrArray   *consult_content_get_aftercare        (ConsultContent *self); /* ConsultAftercareWindow */
GPtrArray   *consult_content_get_alternatives     (ConsultContent *self); /* ConsultItem */
GPtrArray   *consult_content_get_questions        (ConsultContent *self); /* ConsultQuestion */
GPtrArray   *consult_content_get_statements       (ConsultContent *self); /* ConsultStatement */
GPtrArray   *consult_content_get_references       (ConsultContent *self); /* ConsultReference */

const ConsultArea       *consult_content_find_area      (ConsultContent *self, const char *id);
const ConsultQuestion   *consult_content_find_question  (ConsultContent *self, const char *id);
const ConsultStatement  *consult_content_find_statement (ConsultContent *self, const char *id);
const ConsultReference  *consult_content_find_reference (ConsultContent *self, const char *id);

const char  *consult_frequency_to_string (ConsultFrequency frequency); /* "common", ... */
const char  *consult_rule_to_string      (ConsultRule      rule);      /* "exclude", ... */
/* The reverse of consult_rule_to_string(); FALSE for an unknown string. */
gboolean     consult_rule_from_string    (const char      *string,
                                          ConsultRule     *rule);

G_END_DECLS
