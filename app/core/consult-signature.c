/* consult-signature.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "consult-signature"

#include "consult-config.h"

#include <math.h>

#include "consult-signature.h"

struct _ConsultSignature
{
  GObject parent_instance;

  GPtrArray *strokes;        /* of GArray of ConsultSignaturePoint, none empty */
  char *signer_name;
  GDateTime *signed_at;

  /* Between begin_stroke() and end_stroke(); @stroke_started once the
   * stroke has its first point, and so is the last of @strokes. */
  gboolean drawing;
  gboolean stroke_started;

  /* The caller's clock at the signature's time 0; valid when @has_origin. */
  gint64 origin_ms;
  gboolean has_origin;
};

G_DEFINE_FINAL_TYPE (ConsultSignature, consult_signature, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SIGNER_NAME,
  PROP_SIGNED_AT,
  PROP_N_STROKES,
  PROP_IS_EMPTY,
  N_PROPS,
};

enum {
  CHANGED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
consult_signature_finalize (GObject *object)
{
  ConsultSignature *self = CONSULT_SIGNATURE (object);

  g_clear_pointer (&self->strokes, g_ptr_array_unref);
  g_clear_pointer (&self->signer_name, g_free);
  g_clear_pointer (&self->signed_at, g_date_time_unref);

  G_OBJECT_CLASS (consult_signature_parent_class)->finalize (object);
}

static void
consult_signature_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ConsultSignature *self = CONSULT_SIGNATURE (object);

  switch (prop_id)
    {
    case PROP_SIGNER_NAME:
      g_value_set_string (value, self->signer_name);
      break;
    case PROP_SIGNED_AT:
      g_value_set_boxed (value, self->signed_at);
      break;
    case PROP_N_STROKES:
      g_value_set_uint (value, self->strokes->len);
      break;
    case PROP_IS_EMPTY:
      g_value_set_boolean (value, self->strokes->len == 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consult_signature_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ConsultSignature *self = CONSULT_SIGNATURE (object);

  switch (prop_id)
    {
    case PROP_SIGNER_NAME:
      consult_signature_set_signer_name (self, g_value_get_string (value));
      break;
    case PROP_SIGNED_AT:
      consult_signature_set_signed_at (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consult_signature_class_init (ConsultSignatureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = consult_signature_finalize;
  object_class->get_property = consult_signature_get_property;
  object_class->set_property = consult_signature_set_property;

  properties[PROP_SIGNER_NAME] =
    g_param_spec_string ("signer-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SIGNED_AT] =
    g_param_spec_boxed ("signed-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_N_STROKES] =
    g_param_spec_uint ("n-strokes", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_IS_EMPTY] =
    g_param_spec_boolean ("is-empty", NULL, NULL,
                          TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
consult_signature_init (ConsultSignature *self)
{
  self->strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
}

ConsultSignature *
consult_signature_new (void)
{
  return g_object_new (CONSULT_TYPE_SIGNATURE, NULL);
}

/* Notifies what follows from the number of strokes going from @old_len. */
static void
notify_n_strokes (ConsultSignature *self,
                  guint             old_len)
{
  if (old_len == self->strokes->len)
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STROKES]);
  if (old_len == 0 || self->strokes->len == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_EMPTY]);
}

static ConsultSignaturePoint
make_point (double x,
            double y,
            double pressure,
            gint64 time_ms)
{
  ConsultSignaturePoint point;

  /* NaN fails every comparison, so it lands on the fallback. */
  point.x = x >= 0.0 ? MIN (x, CONSULT_SIGNATURE_WIDTH) : 0.0;
  point.y = y >= 0.0 ? MIN (y, CONSULT_SIGNATURE_HEIGHT) : 0.0;
  point.pressure = pressure >= 0.0 ? MIN (pressure, 1.0) : (isnan (pressure) ? 1.0 : 0.0);
  point.time_ms = time_ms;

  return point;
}

/* The setters without the "changed" signal, so that clear() emits it once.
 * Each returns TRUE when something changed. */
static gboolean
update_signer_name (ConsultSignature *self,
                    const char       *signer_name)
{
  if (g_strcmp0 (self->signer_name, signer_name) == 0)
    return FALSE;

  g_free (self->signer_name);
  self->signer_name = g_strdup (signer_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNER_NAME]);

  return TRUE;
}

static gboolean
update_signed_at (ConsultSignature *self,
                  GDateTime        *signed_at)
{
  if (self->signed_at == signed_at ||
      (self->signed_at != NULL && signed_at != NULL &&
       g_date_time_equal (self->signed_at, signed_at)))
    return FALSE;

  g_clear_pointer (&self->signed_at, g_date_time_unref);
  if (signed_at != NULL)
    self->signed_at = g_date_time_ref (signed_at);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNED_AT]);

  return TRUE;
}

/* The time of the newest point, 0 when there is none. */
static gint64
get_last_time (ConsultSignature *self)
{
  GArray *stroke;

  if (self->strokes->len == 0)
    return 0;

  stroke = g_ptr_array_index (self->strokes, self->strokes->len - 1);
  return g_array_index (stroke, ConsultSignaturePoint, stroke->len - 1).time_ms;
}

void
consult_signature_begin_stroke (ConsultSignature *self)
{
  g_return_if_fail (CONSULT_IS_SIGNATURE (self));
  g_return_if_fail (self->signed_at == NULL);

  /* A stroke left open (a grab lost) ends here. */
  if (self->drawing)
    consult_signature_end_stroke (self);

  self->drawing = TRUE;
  self->stroke_started = FALSE;
}

void
consult_signature_add_point (ConsultSignature *self,
                             double            x,
                             double            y,
                             double            pressure,
                             gint64            time_ms)
{
  ConsultSignaturePoint point;
  GArray *stroke;
  guint old_len;

  g_return_if_fail (CONSULT_IS_SIGNATURE (self));
  g_return_if_fail (self->drawing);
  g_return_if_fail (self->signed_at == NULL);

  old_len = self->strokes->len;

  /* Time 0 is the signature's first point. Strokes read from a record
   * already have their times: go on from the newest. */
  if (!self->has_origin)
    {
      self->origin_ms = time_ms - get_last_time (self);
      self->has_origin = TRUE;
    }

  point = make_point (x, y, pressure, time_ms - self->origin_ms);

  if (!self->stroke_started)
    {
      stroke = g_array_new (FALSE, FALSE, sizeof (ConsultSignaturePoint));
      g_ptr_array_add (self->strokes, stroke);
      self->stroke_started = TRUE;
    }
  else
    stroke = g_ptr_array_index (self->strokes, self->strokes->len - 1);

  g_array_append_val (stroke, point);

  notify_n_strokes (self, old_len);
}

void
consult_signature_end_stroke (ConsultSignature *self)
{
  gboolean started;

  g_return_if_fail (CONSULT_IS_SIGNATURE (self));

  if (!self->drawing)
    return;

  started = self->stroke_started;
  self->drawing = FALSE;
  self->stroke_started = FALSE;

  if (started)
    g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
consult_signature_is_drawing (ConsultSignature *self)
{
  g_return_val_if_fail (CONSULT_IS_SIGNATURE (self), FALSE);

  return self->drawing;
}

void
consult_signature_add_stroke (ConsultSignature            *self,
                              const ConsultSignaturePoint *points,
                              gsize                        n_points)
{
  GArray *stroke;
  guint old_len;

  g_return_if_fail (CONSULT_IS_SIGNATURE (self));
  g_return_if_fail (points != NULL || n_points == 0);
  g_return_if_fail (!self->drawing);
  g_return_if_fail (self->signed_at == NULL);

  if (n_points == 0)
    return;

  old_len = self->strokes->len;
  stroke = g_array_sized_new (FALSE, FALSE, sizeof (ConsultSignaturePoint), n_points);
  for (gsize i = 0; i < n_points; i++)
    {
      ConsultSignaturePoint point = make_point (points[i].x, points[i].y,
                                                points[i].pressure, points[i].time_ms);

      g_array_append_val (stroke, point);
    }
  g_ptr_array_add (self->strokes, stroke);

  notify_n_strokes (self, old_len);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
consult_signature_undo_last_stroke (ConsultSignature *self)
{
  guint old_len;
  gboolean was_drawing;

  g_return_val_if_fail (CONSULT_IS_SIGNATURE (self), FALSE);
  g_return_val_if_fail (self->signed_at == NULL, FALSE);

  was_drawing = self->drawing;
  self->drawing = FALSE;
  self->stroke_started = FALSE;

  old_len = self->strokes->len;
  if (old_len == 0)
    return FALSE;

  g_ptr_array_remove_index (self->strokes, old_len - 1);
  if (self->strokes->len == 0)
    self->has_origin = FALSE;

  notify_n_strokes (self, old_len);
  /* A stroke being drawn had not been announced yet; drop it quietly. */
  if (!was_drawing)
    g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

void
consult_signature_clear (ConsultSignature *self)
{
  guint old_len;
  gboolean changed;

  g_return_if_fail (CONSULT_IS_SIGNATURE (self));

  old_len = self->strokes->len;
  changed = old_len > 0 || self->signer_name != NULL || self->signed_at != NULL;

  self->drawing = FALSE;
  self->stroke_started = FALSE;
  self->has_origin = FALSE;

  if (!changed)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  g_ptr_array_set_size (self->strokes, 0);
  notify_n_strokes (self, old_len);
  update_signed_at (self, NULL);
  update_signer_name (self, NULL);

  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
consult_signature_is_empty (ConsultSignature *self)
{
  g_return_val_if_fail (CONSULT_IS_SIGNATURE (self), TRUE);

  return self->strokes->len == 0;
}

guint
consult_signature_get_n_strokes (ConsultSignature *self)
{
  g_return_val_if_fail (CONSULT_IS_SIGNATURE (self), 0);

  return self->strokes->len;
}

const ConsultSignaturePoint *
consult_signature_get_stroke (ConsultSignature *self,
                              guint             index,
                              gsize            *n_points)
{
  GArray *stroke;

  g_return_val_if_fail (CONSULT_IS_SIGNATURE (self), NULL);
  g_return_val_if_fail (index < self->strokes->len, NULL);

  stroke = g_ptr_array_index (self->strokes, index);
  if (n_points != NULL)
    *n_points = stroke->len;

  return (const ConsultSignaturePoint *) (gpointer) stroke->data;
}

gboolean
consult_signature_get_bounds (ConsultSignature *self,
                              double           *x,
                              double           *y,
                              double           *width,
                              double           *height)
{
  double x1 = G_MAXDOUBLE, y1 = G_MAXDOUBLE;
  double x2 = -G_MAXDOUBLE, y2 = -G_MAXDOUBLE;
  gboolean empty;

  g_return_val_if_fail (CONSULT_IS_SIGNATURE (self), FALSE);

  for (guint i = 0; i < self->strokes->len; i++)
    {
      GArray *stroke = g_ptr_array_index (self->strokes, i);

      for (guint j = 0; j < stroke->len; j++)
        {
          const ConsultSignaturePoint *point = &g_array_index (stroke, ConsultSignaturePoint, j);

          x1 = MIN (x1, point->x);
          y1 = MIN (y1, point->y);
          x2 = MAX (x2, point->x);
          y2 = MAX (y2, point->y);
        }
    }

  empty = self->strokes->len == 0;
  if (x != NULL)
    *x = empty ? 0.0 : x1;
  if (y != NULL)
    *y = empty ? 0.0 : y1;
  if (width != NULL)
    *width = empty ? 0.0 : x2 - x1;
  if (height != NULL)
    *height = empty ? 0.0 : y2 - y1;

  return !empty;
}

const char *
consult_signature_get_signer_name (ConsultSignature *self)
{
  g_return_val_if_fail (CONSULT_IS_SIGNATURE (self), NULL);

  return self->signer_name;
}

void
consult_signature_set_signer_name (ConsultSignature *self,
                                   const char       *signer_name)
{
  g_return_if_fail (CONSULT_IS_SIGNATURE (self));

  if (g_strcmp0 (self->signer_name, signer_name) == 0)
    return;

  g_return_if_fail (self->signed_at == NULL);

  if (update_signer_name (self, signer_name))
    g_signal_emit (self, signals[CHANGED], 0);
}

GDateTime *
consult_signature_get_signed_at (ConsultSignature *self)
{
  g_return_val_if_fail (CONSULT_IS_SIGNATURE (self), NULL);

  return self->signed_at;
}

void
consult_signature_set_signed_at (ConsultSignature *self,
                                 GDateTime        *signed_at)
{
  g_return_if_fail (CONSULT_IS_SIGNATURE (self));
  g_return_if_fail (signed_at == NULL || !self->drawing);

  if (update_signed_at (self, signed_at))
    g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
consult_signature_is_signed (ConsultSignature *self)
{
  g_return_val_if_fail (CONSULT_IS_SIGNATURE (self), FALSE);

  return self->signed_at != NULL;
}
