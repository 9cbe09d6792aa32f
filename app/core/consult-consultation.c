/* consult-consultation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "consult-consultation"

#include "consult-config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "consult-consultation.h"

/* The derived values as last notified, kept only to tell which of them a
 * change altered. The getters compute them afresh. */
typedef struct {
  ConsultOutcome outcome;
  int age;
  gboolean is_minor;
  gboolean can_consent;
  gboolean locked;
} Derived;

struct _ConsultConsultation
{
  GObject parent_instance;

  ConsultContent *content;
  char *record_id;
  GDateTime *created;

  /* Never NULL; "" when unset. */
  char *client_name;
  char *client_birth_date;
  char *client_contact;
  char *practitioner_name;
  char *consultation_date;
  char *general_notes;

  /* Keys are the ids inside the content, which outlives them. */
  GHashTable *areas;              /* set of area ids */
  GHashTable *answers;            /* question id -> GINT_TO_POINTER (ConsultAnswer), no UNANSWERED */
  GHashTable *notes;              /* question id -> char *, never "" */
  GHashTable *statements;         /* set of accepted statement ids */
  gboolean discussed[CONSULT_N_EXPLANATIONS];

  ConsultSignature *signatures[CONSULT_N_SIGNERS];

  gboolean modified;

  /* Above 0 while the consultation is changing itself: the signatures'
   * "changed" signals are then part of that change. */
  guint change_depth;
  Derived derived;
};

G_DEFINE_FINAL_TYPE (ConsultConsultation, consult_consultation, G_TYPE_OBJECT)

G_DEFINE_QUARK (consult-consultation-error-quark, consult_consultation_error)

enum {
  PROP_0,
  PROP_CONTENT,
  PROP_RECORD_ID,
  PROP_CREATED,
  PROP_CLIENT_NAME,
  PROP_CLIENT_BIRTH_DATE,
  PROP_CLIENT_CONTACT,
  PROP_PRACTITIONER_NAME,
  PROP_CONSULTATION_DATE,
  PROP_GENERAL_NOTES,
  PROP_SELECTED_AREAS,
  PROP_OUTCOME,
  PROP_AGE,
  PROP_IS_MINOR,
  PROP_CAN_CONSENT,
  PROP_LOCKED,
  PROP_MODIFIED,
  N_PROPS,
};

enum {
  CHANGED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Dates */

gboolean
consult_date_from_iso (const char *text,
                       GDate      *date)
{
  guint year = 0, month = 0, day = 0;

  if (text == NULL || strlen (text) != 10)
    return FALSE;

  for (guint i = 0; i < 10; i++)
    {
      if (i == 4 || i == 7)
        {
          if (text[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }

  for (guint i = 0; i < 4; i++)
    year = year * 10 + (text[i] - '0');
  month = (text[5] - '0') * 10 + (text[6] - '0');
  day = (text[8] - '0') * 10 + (text[9] - '0');

  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  if (date != NULL)
    g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);

  return TRUE;
}

char *
consult_date_to_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

int
consult_date_age_on (const GDate *birth,
                     const GDate *on)
{
  int age;

  g_return_val_if_fail (birth != NULL && g_date_valid (birth), -1);
  g_return_val_if_fail (on != NULL && g_date_valid (on), -1);

  if (g_date_compare (birth, on) > 0)
    return -1;

  age = g_date_get_year (on) - g_date_get_year (birth);
  if (g_date_get_month (on) < g_date_get_month (birth) ||
      (g_date_get_month (on) == g_date_get_month (birth) &&
       g_date_get_day (on) < g_date_get_day (birth)))
    age--;

  return age;
}

/* Derived state */

/* Whether @text has something other than white space, as the screening
 * judges notes. */
static gboolean
has_text (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return TRUE;

  return FALSE;
}

static int
compute_age (ConsultConsultation *self)
{
  GDate birth, on;

  if (!consult_date_from_iso (self->client_birth_date, &birth) ||
      !consult_date_from_iso (self->consultation_date, &on))
    return -1;

  return consult_date_age_on (&birth, &on);
}

static gboolean
is_minor_age (int age)
{
  return age >= 0 && age < CONSULT_AGE_OF_MAJORITY;
}

static gboolean
client_details_complete (ConsultConsultation *self)
{
  return has_text (self->client_name) &&
         compute_age (self) >= 0 &&
         g_hash_table_size (self->areas) > 0 &&
         has_text (self->practitioner_name);
}

static gboolean
explanations_discussed (ConsultConsultation *self)
{
  for (guint i = 0; i < CONSULT_N_EXPLANATIONS; i++)
    if (!self->discussed[i])
      return FALSE;

  return TRUE;
}

static gboolean
compute_can_consent (ConsultConsultation *self,
                     ConsultOutcome       outcome)
{
  return client_details_complete (self) &&
         explanations_discussed (self) &&
         consult_outcome_allows_treatment (outcome);
}

static gboolean
compute_locked (ConsultConsultation *self)
{
  return consult_signature_is_signed (self->signatures[CONSULT_SIGNER_CLIENT]) &&
         consult_signature_is_signed (self->signatures[CONSULT_SIGNER_PRACTITIONER]);
}

static Derived
compute_derived (ConsultConsultation *self)
{
  g_autoptr(ConsultScreeningResult) screening = consult_consultation_dup_screening (self);
  Derived derived;

  derived.outcome = screening->outcome;
  derived.age = compute_age (self);
  derived.is_minor = is_minor_age (derived.age);
  derived.can_consent = compute_can_consent (self, screening->outcome);
  derived.locked = compute_locked (self);

  return derived;
}

/* Notifies the derived properties whose value changed. */
static void
update_derived (ConsultConsultation *self)
{
  Derived old = self->derived;

  self->derived = compute_derived (self);

  if (old.outcome != self->derived.outcome)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTCOME]);
  if (old.age != self->derived.age)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGE]);
  if (old.is_minor != self->derived.is_minor)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_MINOR]);
  if (old.can_consent != self->derived.can_consent)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_CONSENT]);
  if (old.locked != self->derived.locked)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

/* Changes */

/* Every change is bracketed by begin_change() and end_change(), so that
 * the notifications go out together, after the change is complete, and
 * "changed" follows them once. */
static void
begin_change (ConsultConsultation *self)
{
  self->change_depth++;
  g_object_freeze_notify (G_OBJECT (self));
}

/* A signature given over what has just changed no longer matches it. */
static void
drop_partial_signatures (ConsultConsultation *self)
{
  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    {
      if (consult_signature_is_signed (self->signatures[i]))
        {
          g_debug ("A signed detail changed: clearing the %s signature",
                   i == CONSULT_SIGNER_CLIENT ? "client" : "practitioner");
          consult_signature_clear (self->signatures[i]);
        }
    }
}

static void
end_change (ConsultConsultation *self,
            gboolean             alters_signed)
{
  g_assert (self->change_depth > 0);

  if (alters_signed)
    drop_partial_signatures (self);

  update_derived (self);

  if (!self->modified)
    {
      self->modified = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }

  self->change_depth--;
  g_object_thaw_notify (G_OBJECT (self));

  if (self->change_depth == 0)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
signature_changed_cb (ConsultSignature    *signature,
                      ConsultConsultation *self)
{
  /* Part of a change the consultation is making itself. */
  if (self->change_depth > 0)
    return;

  begin_change (self);
  end_change (self, FALSE);
}

/* Sets one of the string fields. */
static gboolean
set_string (ConsultConsultation  *self,
            char                **field,
            const char           *value,
            guint                 prop_id)
{
  if (value == NULL)
    value = "";

  if (g_str_equal (*field, value))
    return TRUE;

  if (consult_consultation_get_locked (self))
    {
      g_debug ("Locked: not changing %s", properties[prop_id]->name);
      return FALSE;
    }

  begin_change (self);
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  end_change (self, TRUE);

  return TRUE;
}

/* GObject */

static void
consult_consultation_constructed (GObject *object)
{
  ConsultConsultation *self = CONSULT_CONSULTATION (object);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  G_OBJECT_CLASS (consult_consultation_parent_class)->constructed (object);

  g_assert (CONSULT_IS_CONTENT (self->content));

  if (self->record_id == NULL)
    self->record_id = g_uuid_string_random ();
  if (self->created == NULL)
    self->created = g_date_time_ref (now);
  self->consultation_date = g_date_time_format (now, "%Y-%m-%d");

  self->derived = compute_derived (self);
}

static void
consult_consultation_dispose (GObject *object)
{
  ConsultConsultation *self = CONSULT_CONSULTATION (object);

  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    {
      if (self->signatures[i] != NULL)
        g_signal_handlers_disconnect_by_data (self->signatures[i], self);
      g_clear_object (&self->signatures[i]);
    }

  G_OBJECT_CLASS (consult_consultation_parent_class)->dispose (object);
}

static void
consult_consultation_finalize (GObject *object)
{
  ConsultConsultation *self = CONSULT_CONSULTATION (object);

  /* The hash tables borrow their keys from the content: free them first. */
  g_clear_pointer (&self->areas, g_hash_table_unref);
  g_clear_pointer (&self->answers, g_hash_table_unref);
  g_clear_pointer (&self->notes, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_object (&self->content);

  g_clear_pointer (&self->record_id, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->client_name, g_free);
  g_clear_pointer (&self->client_birth_date, g_free);
  g_clear_pointer (&self->client_contact, g_free);
  g_clear_pointer (&self->practitioner_name, g_free);
  g_clear_pointer (&self->consultation_date, g_free);
  g_clear_pointer (&self->general_notes, g_free);

  G_OBJECT_CLASS (consult_consultation_parent_class)->finalize (object);
}

static void
consult_consultation_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ConsultConsultation *self = CONSULT_CONSULTATION (object);

  switch (prop_id)
    {
    case PROP_CONTENT:
      g_value_set_object (value, self->content);
      break;
    case PROP_RECORD_ID:
      g_value_set_string (value, self->record_id);
      break;
    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;
    case PROP_CLIENT_NAME:
      g_value_set_string (value, self->client_name);
      break;
    case PROP_CLIENT_BIRTH_DATE:
      g_value_set_string (value, self->client_birth_date);
      break;
    case PROP_CLIENT_CONTACT:
      g_value_set_string (value, self->client_contact);
      break;
    case PROP_PRACTITIONER_NAME:
      g_value_set_string (value, self->practitioner_name);
      break;
    case PROP_CONSULTATION_DATE:
      g_value_set_string (value, self->consultation_date);
      break;
    case PROP_GENERAL_NOTES:
      g_value_set_string (value, self->general_notes);
      break;
    case PROP_SELECTED_AREAS:
      g_value_take_boxed (value, consult_consultation_get_selected_areas (self));
      break;
    case PROP_OUTCOME:
      g_value_set_enum (value, consult_consultation_get_outcome (self));
      break;
    case PROP_AGE:
      g_value_set_int (value, consult_consultation_get_age (self));
      break;
    case PROP_IS_MINOR:
      g_value_set_boolean (value, consult_consultation_get_is_minor (self));
      break;
    case PROP_CAN_CONSENT:
      g_value_set_boolean (value, consult_consultation_can_consent (self));
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, consult_consultation_get_locked (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consult_consultation_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ConsultConsultation *self = CONSULT_CONSULTATION (object);

  switch (prop_id)
    {
    case PROP_CONTENT:
      self->content = g_value_dup_object (value);
      break;
    case PROP_RECORD_ID:
      self->record_id = g_value_dup_string (value);
      break;
    case PROP_CREATED:
      self->created = g_value_dup_boxed (value);
      break;
    case PROP_CLIENT_NAME:
      consult_consultation_set_client_name (self, g_value_get_string (value));
      break;
    case PROP_CLIENT_BIRTH_DATE:
      consult_consultation_set_client_birth_date (self, g_value_get_string (value));
      break;
    case PROP_CLIENT_CONTACT:
      consult_consultation_set_client_contact (self, g_value_get_string (value));
      break;
    case PROP_PRACTITIONER_NAME:
      consult_consultation_set_practitioner_name (self, g_value_get_string (value));
      break;
    case PROP_CONSULTATION_DATE:
      consult_consultation_set_consultation_date (self, g_value_get_string (value));
      break;
    case PROP_GENERAL_NOTES:
      consult_consultation_set_general_notes (self, g_value_get_string (value));
      break;
    case PROP_MODIFIED:
      consult_consultation_set_modified (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consult_consultation_class_init (ConsultConsultationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY;

  object_class->constructed = consult_consultation_constructed;
  object_class->dispose = consult_consultation_dispose;
  object_class->finalize = consult_consultation_finalize;
  object_class->get_property = consult_consultation_get_property;
  object_class->set_property = consult_consultation_set_property;

  properties[PROP_CONTENT] =
    g_param_spec_object ("content", NULL, NULL, CONSULT_TYPE_CONTENT, co);
  properties[PROP_RECORD_ID] =
    g_param_spec_string ("record-id", NULL, NULL, NULL, co);
  properties[PROP_CREATED] =
    g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, co);

  properties[PROP_CLIENT_NAME] =
    g_param_spec_string ("client-name", NULL, NULL, "", rw);
  properties[PROP_CLIENT_BIRTH_DATE] =
    g_param_spec_string ("client-birth-date", NULL, NULL, "", rw);
  properties[PROP_CLIENT_CONTACT] =
    g_param_spec_string ("client-contact", NULL, NULL, "", rw);
  properties[PROP_PRACTITIONER_NAME] =
    g_param_spec_string ("practitioner-name", NULL, NULL, "", rw);
  properties[PROP_CONSULTATION_DATE] =
    g_param_spec_string ("consultation-date", NULL, NULL, NULL, rw);
  properties[PROP_GENERAL_NOTES] =
    g_param_spec_string ("general-notes", NULL, NULL, "", rw);

  properties[PROP_SELECTED_AREAS] =
    g_param_spec_boxed ("selected-areas", NULL, NULL, G_TYPE_STRV, ro);

  properties[PROP_OUTCOME] =
    g_param_spec_enum ("outcome", NULL, NULL,
                       CONSULT_TYPE_OUTCOME, CONSULT_OUTCOME_INCOMPLETE, ro);
  properties[PROP_AGE] =
    g_param_spec_int ("age", NULL, NULL, -1, G_MAXINT, -1, ro);
  properties[PROP_IS_MINOR] =
    g_param_spec_boolean ("is-minor", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_CONSENT] =
    g_param_spec_boolean ("can-consent", NULL, NULL, FALSE, ro);
  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, FALSE, ro);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
consult_consultation_init (ConsultConsultation *self)
{
  self->client_name = g_strdup ("");
  self->client_birth_date = g_strdup ("");
  self->client_contact = g_strdup ("");
  self->practitioner_name = g_strdup ("");
  self->general_notes = g_strdup ("");

  self->areas = g_hash_table_new (g_str_hash, g_str_equal);
  self->answers = g_hash_table_new (g_str_hash, g_str_equal);
  self->notes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->statements = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    {
      self->signatures[i] = consult_signature_new ();
      g_signal_connect (self->signatures[i], "changed",
                        G_CALLBACK (signature_changed_cb), self);
    }
}

ConsultConsultation *
consult_consultation_new (ConsultContent *content)
{
  g_return_val_if_fail (CONSULT_IS_CONTENT (content), NULL);

  return g_object_new (CONSULT_TYPE_CONSULTATION, "content", content, NULL);
}

ConsultContent *
consult_consultation_get_content (ConsultConsultation *self)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), NULL);

  return self->content;
}

const char *
consult_consultation_get_record_id (ConsultConsultation *self)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), NULL);

  return self->record_id;
}

GDateTime *
consult_consultation_get_created (ConsultConsultation *self)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), NULL);

  return self->created;
}

/* Client details */

const char *
consult_consultation_get_client_name (ConsultConsultation *self)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), NULL);

  return self->client_name;
}

gboolean
consult_consultation_set_client_name (ConsultConsultation *self,
                                      const char          *name)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), FALSE);
  g_return_val_if_fail (name == NULL || g_utf8_validate (name, -1, NULL), FALSE);

  return set_string (self, &self->client_name, name, PROP_CLIENT_NAME);
}

const char *
consult_consultation_get_client_birth_date (ConsultConsultation *self)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), NULL);

  return self->client_birth_date;
}

gboolean
consult_consultation_set_client_birth_date (ConsultConsultation *self,
                                            const char          *date)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), FALSE);
  g_return_val_if_fail (date == NULL || *date == '\0' || consult_date_from_iso (date, NULL),
                        FALSE);

  return set_string (self, &self->client_birth_date, date, PROP_CLIENT_BIRTH_DATE);
}

const char *
consult_consultation_get_client_contact (ConsultConsultation *self)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), NULL);

  return self->client_contact;
}

gboolean
consult_consultation_set_client_contact (ConsultConsultation *self,
                                         const char          *contact)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), FALSE);
  g_return_val_if_fail (contact == NULL || g_utf8_validate (contact, -1, NULL), FALSE);

  return set_string (self, &self->client_contact, contact, PROP_CLIENT_CONTACT);
}

const char *
consult_consultation_get_practitioner_name (ConsultConsultation *self)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), NULL);

  return self->practitioner_name;
}

gboolean
consult_consultation_set_practitioner_name (ConsultConsultation *self,
                                            const char          *name)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), FALSE);
  g_return_val_if_fail (name == NULL || g_utf8_validate (name, -1, NULL), FALSE);

  return set_string (self, &self->practitioner_name, name, PROP_PRACTITIONER_NAME);
}

const char *
consult_consultation_get_consultation_date (ConsultConsultation *self)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), NULL);

  return self->consultation_date;
}

gboolean
consult_consultation_set_consultation_date (ConsultConsultation *self,
                                            const char          *date)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), FALSE);
  g_return_val_if_fail (consult_date_from_iso (date, NULL), FALSE);

  return set_string (self, &self->consultation_date, date, PROP_CONSULTATION_DATE);
}

const char *
consult_consultation_get_general_notes (ConsultConsultation *self)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), NULL);

  return self->general_notes;
}

gboolean
consult_consultation_set_general_notes (ConsultConsultation *self,
                                        const char          *notes)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), FALSE);
  g_return_val_if_fail (notes == NULL || g_utf8_validate (notes, -1, NULL), FALSE);

  return set_string (self, &self->general_notes, notes, PROP_GENERAL_NOTES);
}

/* Areas */

gboolean
consult_consultation_set_area_selected (ConsultConsultation *self,
                                        const char          *area_id,
                                        gboolean             selected)
{
  const ConsultArea *area;

  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), FALSE);
  g_return_val_if_fail (area_id != NULL, FALSE);
  area = consult_content_find_area (self->content, area_id);
  g_return_val_if_fail (area != NULL, FALSE);

  selected = !!selected;
  if (g_hash_table_contains (self->areas, area->id) == selected)
    return TRUE;

  if (consult_consultation_get_locked (self))
    return FALSE;

  begin_change (self);
  if (selected)
    g_hash_table_add (self->areas, area->id);
  else
    g_hash_table_remove (self->areas, area->id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_AREAS]);
  end_change (self, TRUE);

  return TRUE;
}

gboolean
consult_consultation_is_area_selected (ConsultConsultation *self,
                                       const char          *area_id)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), FALSE);
  g_return_val_if_fail (area_id != NULL, FALSE);

  return g_hash_table_contains (self->areas, area_id);
}

char **
consult_consultation_get_selected_areas (ConsultConsultation *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  GPtrArray *areas;

  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), NULL);

  builder = g_strv_builder_new ();
  areas = consult_content_get_areas (self->content);
  for (guint i = 0; i < areas->len; i++)
    {
      const ConsultArea *area = g_ptr_array_index (areas, i);

      if (g_hash_table_contains (self->areas, area->id))
        g_strv_builder_add (builder, area->id);
    }

  return g_strv_builder_end (builder);
}

/* Explanations */

gboolean
consult_consultation_set_discussed (ConsultConsultation *self,
                                    ConsultExplanation   explanation,
                                    gboolean             discussed)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), FALSE);
  g_return_val_if_fail ((guint) explanation < CONSULT_N_EXPLANATIONS, FALSE);

  discussed = !!discussed;
  if (self->discussed[explanation] == discussed)
    return TRUE;

  if (consult_consultation_get_locked (self))
    return FALSE;

  begin_change (self);
  self->discussed[explanation] = discussed;
  end_change (self, TRUE);

  return TRUE;
}

gboolean
consult_consultation_get_discussed (ConsultConsultation *self,
                                    ConsultExplanation   explanation)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), FALSE);
  g_return_val_if_fail ((guint) explanation < CONSULT_N_EXPLANATIONS, FALSE);

  return self->discussed[explanation];
}

/* Screening */

gboolean
consult_consultation_set_answer (ConsultConsultation *self,
                                 const char          *question_id,
                                 ConsultAnswer        answer)
{
  const ConsultQuestion *question;

  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), FALSE);
  g_return_val_if_fail (question_id != NULL, FALSE);
  g_return_val_if_fail ((guint) answer <= CONSULT_ANSWER_YES, FALSE);
  question = consult_content_find_question (self->content, question_id);
  g_return_val_if_fail (question != NULL, FALSE);

  if (consult_consultation_get_answer (self, question_id) == answer)
    return TRUE;

  if (consult_consultation_get_locked (self))
    return FALSE;

  begin_change (self);
  if (answer == CONSULT_ANSWER_UNANSWERED)
    g_hash_table_remove (self->answers, question->id);
  else
    g_hash_table_insert (self->answers, question->id, GINT_TO_POINTER (answer));
  end_change (self, TRUE);

  return TRUE;
}

ConsultAnswer
consult_consultation_get_answer (ConsultConsultation *self,
                                 const char          *question_id)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), CONSULT_ANSWER_UNANSWERED);
  g_return_val_if_fail (question_id != NULL, CONSULT_ANSWER_UNANSWERED);

  return GPOINTER_TO_INT (g_hash_table_lookup (self->answers, question_id));
}

gboolean
consult_consultation_set_note (ConsultConsultation *self,
                               const char          *question_id,
                               const char          *note)
{
  const ConsultQuestion *question;

  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), FALSE);
  g_return_val_if_fail (question_id != NULL, FALSE);
  g_return_val_if_fail (note == NULL || g_utf8_validate (note, -1, NULL), FALSE);
  question = consult_content_find_question (self->content, question_id);
  g_return_val_if_fail (question != NULL, FALSE);

  if (note == NULL)
    note = "";

  if (g_str_equal (consult_consultation_get_note (self, question_id), note))
    return TRUE;

  if (consult_consultation_get_locked (self))
    return FALSE;

  begin_change (self);
  if (*note == '\0')
    g_hash_table_remove (self->notes, question->id);
  else
    g_hash_table_insert (self->notes, question->id, g_strdup (note));
  end_change (self, TRUE);

  return TRUE;
}

const char *
consult_consultation_get_note (ConsultConsultation *self,
                               const char          *question_id)
{
  const char *note;

  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), NULL);
  g_return_val_if_fail (question_id != NULL, NULL);

  note = g_hash_table_lookup (self->notes, question_id);

  return note != NULL ? note : "";
}

ConsultScreeningResult *
consult_consultation_dup_screening (ConsultConsultation *self)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), NULL);

  return consult_screening_evaluate (consult_content_get_questions (self->content),
                                     self->answers, self->notes);
}

ConsultOutcome
consult_consultation_get_outcome (ConsultConsultation *self)
{
  g_autoptr(ConsultScreeningResult) screening = NULL;

  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), CONSULT_OUTCOME_INCOMPLETE);

  screening = consult_consultation_dup_screening (self);

  return screening->outcome;
}

int
consult_consultation_get_age (ConsultConsultation *self)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), -1);

  return compute_age (self);
}

gboolean
consult_consultation_get_is_minor (ConsultConsultation *self)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), FALSE);

  return is_minor_age (compute_age (self));
}

/* Consent */

gboolean
consult_consultation_set_statement_accepted (ConsultConsultation *self,
                                             const char          *statement_id,
                                             gboolean             accepted)
{
  const ConsultStatement *statement;

  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), FALSE);
  g_return_val_if_fail (statement_id != NULL, FALSE);
  statement = consult_content_find_statement (self->content, statement_id);
  g_return_val_if_fail (statement != NULL, FALSE);

  accepted = !!accepted;
  if (g_hash_table_contains (self->statements, statement->id) == accepted)
    return TRUE;

  if (consult_consultation_get_locked (self))
    return FALSE;
  if (accepted && !consult_consultation_can_consent (self))
    return FALSE;

  begin_change (self);
  if (accepted)
    g_hash_table_add (self->statements, statement->id);
  else
    g_hash_table_remove (self->statements, statement->id);
  end_change (self, TRUE);

  return TRUE;
}

gboolean
consult_consultation_get_statement_accepted (ConsultConsultation *self,
                                             const char          *statement_id)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), FALSE);
  g_return_val_if_fail (statement_id != NULL, FALSE);

  return g_hash_table_contains (self->statements, statement_id);
}

gboolean
consult_consultation_get_statements_complete (ConsultConsultation *self)
{
  GPtrArray *statements;

  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), FALSE);

  statements = consult_content_get_statements (self->content);
  for (guint i = 0; i < statements->len; i++)
    {
      const ConsultStatement *statement = g_ptr_array_index (statements, i);

      if (statement->required && !g_hash_table_contains (self->statements, statement->id))
        return FALSE;
    }

  return TRUE;
}

gboolean
consult_consultation_can_consent (ConsultConsultation *self)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), FALSE);

  return compute_can_consent (self, consult_consultation_get_outcome (self));
}

ConsultStepState
consult_consultation_get_step_state (ConsultConsultation *self,
                                     ConsultFlowStep      step)
{
  g_autoptr(ConsultScreeningResult) screening = NULL;

  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), CONSULT_STEP_STATE_TODO);
  g_return_val_if_fail ((guint) step < CONSULT_N_FLOW_STEPS, CONSULT_STEP_STATE_TODO);

  switch (step)
    {
    case CONSULT_FLOW_STEP_CLIENT:
      /* A minor, or a birth date after the consultation date. */
      if (consult_consultation_get_is_minor (self) ||
          (*self->client_birth_date != '\0' && compute_age (self) < 0))
        return CONSULT_STEP_STATE_ATTENTION;
      return client_details_complete (self) ? CONSULT_STEP_STATE_DONE : CONSULT_STEP_STATE_TODO;

    case CONSULT_FLOW_STEP_PROCEDURE:
      return self->discussed[CONSULT_EXPLANATION_PROCEDURE] ? CONSULT_STEP_STATE_DONE
                                                            : CONSULT_STEP_STATE_TODO;
    case CONSULT_FLOW_STEP_BENEFITS:
      return self->discussed[CONSULT_EXPLANATION_BENEFITS] ? CONSULT_STEP_STATE_DONE
                                                           : CONSULT_STEP_STATE_TODO;
    case CONSULT_FLOW_STEP_SIDE_EFFECTS:
      return self->discussed[CONSULT_EXPLANATION_SIDE_EFFECTS] ? CONSULT_STEP_STATE_DONE
                                                               : CONSULT_STEP_STATE_TODO;

    case CONSULT_FLOW_STEP_SCREENING:
      screening = consult_consultation_dup_screening (self);
      if (screening->missing_notes ||
          screening->provisional == CONSULT_OUTCOME_DEFER ||
          screening->provisional == CONSULT_OUTCOME_NOT_SUITABLE)
        return CONSULT_STEP_STATE_ATTENTION;
      return screening->outcome == CONSULT_OUTCOME_INCOMPLETE ? CONSULT_STEP_STATE_TODO
                                                              : CONSULT_STEP_STATE_DONE;

    case CONSULT_FLOW_STEP_CONSENT:
      if (compute_locked (self))
        return CONSULT_STEP_STATE_DONE;
      return consult_consultation_can_consent (self) ? CONSULT_STEP_STATE_TODO
                                                     : CONSULT_STEP_STATE_BLOCKED;

    case CONSULT_FLOW_STEP_SUMMARY:
      return compute_locked (self) ? CONSULT_STEP_STATE_DONE : CONSULT_STEP_STATE_TODO;

    default:
      g_return_val_if_reached (CONSULT_STEP_STATE_TODO);
    }
}

/* Signatures */

ConsultSignature *
consult_consultation_get_signature (ConsultConsultation *self,
                                    ConsultSigner        signer)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), NULL);
  g_return_val_if_fail ((guint) signer < CONSULT_N_SIGNERS, NULL);

  return self->signatures[signer];
}

gboolean
consult_consultation_sign (ConsultConsultation  *self,
                           ConsultSigner         signer,
                           const char           *typed_name,
                           GError              **error)
{
  ConsultSignature *signature;
  ConsultOutcome outcome;
  g_autofree char *name = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) signed_at = NULL;

  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), FALSE);
  g_return_val_if_fail ((guint) signer < CONSULT_N_SIGNERS, FALSE);
  g_return_val_if_fail (typed_name == NULL || g_utf8_validate (typed_name, -1, NULL), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  signature = self->signatures[signer];
  name = g_strstrip (g_strdup (typed_name != NULL ? typed_name : ""));
  outcome = consult_consultation_get_outcome (self);

  if (compute_locked (self))
    {
      g_set_error_literal (error, CONSULT_CONSULTATION_ERROR, CONSULT_CONSULTATION_ERROR_LOCKED,
                           _("The consultation is already signed. Amend it to make changes."));
      return FALSE;
    }

  if (consult_signature_is_signed (signature))
    {
      g_set_error_literal (error, CONSULT_CONSULTATION_ERROR,
                           CONSULT_CONSULTATION_ERROR_ALREADY_SIGNED,
                           signer == CONSULT_SIGNER_CLIENT
                           ? _("The client has already signed.")
                           : _("The practitioner has already signed."));
      return FALSE;
    }

  if (!consult_outcome_allows_treatment (outcome) && outcome != CONSULT_OUTCOME_INCOMPLETE)
    {
      g_set_error (error, CONSULT_CONSULTATION_ERROR, CONSULT_CONSULTATION_ERROR_NOT_ALLOWED,
                   /* Translators: %s is a screening outcome, such as “Not suitable”. */
                   _("Consent cannot be given: the screening outcome is “%s”."),
                   consult_outcome_get_label (outcome));
      return FALSE;
    }

  if (!compute_can_consent (self, outcome))
    {
      g_set_error_literal (error, CONSULT_CONSULTATION_ERROR,
                           CONSULT_CONSULTATION_ERROR_NOT_ALLOWED,
                           _("Consent cannot be given yet: complete the client details, "
                             "the explanations and the screening first."));
      return FALSE;
    }

  if (!consult_consultation_get_statements_complete (self))
    {
      g_set_error_literal (error, CONSULT_CONSULTATION_ERROR,
                           CONSULT_CONSULTATION_ERROR_STATEMENTS,
                           _("Every required consent statement must be ticked before signing."));
      return FALSE;
    }

  if (consult_signature_is_empty (signature))
    {
      g_set_error_literal (error, CONSULT_CONSULTATION_ERROR,
                           CONSULT_CONSULTATION_ERROR_EMPTY_SIGNATURE,
                           _("Draw the signature before signing."));
      return FALSE;
    }

  if (*name == '\0')
    {
      g_set_error_literal (error, CONSULT_CONSULTATION_ERROR, CONSULT_CONSULTATION_ERROR_NO_NAME,
                           _("Type the signer’s name before signing."));
      return FALSE;
    }

  /* Records keep whole seconds; so does the signature, so that a record
   * read back compares equal. */
  now = g_date_time_new_now_local ();
  signed_at = g_date_time_add (now, -g_date_time_get_microsecond (now));

  begin_change (self);
  consult_signature_end_stroke (signature);
  consult_signature_set_signer_name (signature, name);
  consult_signature_set_signed_at (signature, signed_at);
  end_change (self, FALSE);

  return TRUE;
}

gboolean
consult_consultation_is_signed (ConsultConsultation *self,
                                ConsultSigner        signer)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), FALSE);
  g_return_val_if_fail ((guint) signer < CONSULT_N_SIGNERS, FALSE);

  return consult_signature_is_signed (self->signatures[signer]);
}

static gboolean
signature_is_blank (ConsultSignature *signature)
{
  return consult_signature_is_empty (signature) &&
         !consult_signature_is_signed (signature) &&
         consult_signature_get_signer_name (signature) == NULL;
}

gboolean
consult_consultation_clear_signature (ConsultConsultation *self,
                                      ConsultSigner        signer)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), FALSE);
  g_return_val_if_fail ((guint) signer < CONSULT_N_SIGNERS, FALSE);

  if (signature_is_blank (self->signatures[signer]))
    return TRUE;

  if (compute_locked (self))
    return FALSE;

  begin_change (self);
  consult_signature_clear (self->signatures[signer]);
  end_change (self, FALSE);

  return TRUE;
}

gboolean
consult_consultation_get_locked (ConsultConsultation *self)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), FALSE);

  return compute_locked (self);
}

void
consult_consultation_amend (ConsultConsultation *self)
{
  g_return_if_fail (CONSULT_IS_CONSULTATION (self));

  if (signature_is_blank (self->signatures[CONSULT_SIGNER_CLIENT]) &&
      signature_is_blank (self->signatures[CONSULT_SIGNER_PRACTITIONER]))
    return;

  begin_change (self);
  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    consult_signature_clear (self->signatures[i]);
  end_change (self, FALSE);
}

gboolean
consult_consultation_get_modified (ConsultConsultation *self)
{
  g_return_val_if_fail (CONSULT_IS_CONSULTATION (self), FALSE);

  return self->modified;
}

void
consult_consultation_set_modified (ConsultConsultation *self,
                                   gboolean             modified)
{
  g_return_if_fail (CONSULT_IS_CONSULTATION (self));

  modified = !!modified;
  if (self->modified == modified)
    return;

  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}
