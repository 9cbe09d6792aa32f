/* consult-signature.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A drawn signature as data: the strokes of the pen, who signed and when.
 * The signature pad (app/gui) feeds it points; the record keeps it; the
 * summary draws it. No widget is involved, so it is tested headless.
 *
 * Coordinates are in a fixed box of CONSULT_SIGNATURE_WIDTH by
 * CONSULT_SIGNATURE_HEIGHT units, origin top left, y downwards, whatever
 * the size of the pad on screen: the pad scales its widget coordinates into
 * the box (keeping the 3:1 aspect ratio), and whoever draws the signature
 * scales the box to the space it has. Points outside the box are clamped to
 * its edge.
 *
 * Once signed (a signed-at time is set), the strokes and the signer name
 * are fixed: changing them is a programmer error until consult_signature_clear().
 * A record reader therefore restores the strokes and the name first, then
 * the time. Signing itself goes through consult_consultation_sign(), which
 * checks that consent may be given.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CONSULT_SIGNATURE_WIDTH  600.0
#define CONSULT_SIGNATURE_HEIGHT 200.0

typedef struct {
  double x;        /* 0 .. CONSULT_SIGNATURE_WIDTH */
  double y;        /* 0 .. CONSULT_SIGNATURE_HEIGHT */
  double pressure; /* 0 .. 1; 1 when the device reports none */
  gint64 time_ms;  /* since the first point of the signature */
} ConsultSignaturePoint;

#define CONSULT_TYPE_SIGNATURE (consult_signature_get_type ())
G_DECLARE_FINAL_TYPE (ConsultSignature, consult_signature, CONSULT, SIGNATURE, GObject)

/* Properties: "signer-name" (string), "signed-at" (GDateTime), "n-strokes"
 * (uint, read-only), "is-empty" (boolean, read-only).
 *
 * Signal "changed": emitted after the strokes, the signer name or the time
 * changed. While a stroke is being drawn it is emitted once, at the end of
 * the stroke, not for every point: the pad that feeds the points redraws
 * them itself. "n-strokes" and "is-empty" are notified at the first point. */

ConsultSignature *consult_signature_new          (void);

/* Drawing, point by point: begin_stroke(), add_point() for each pointer
 * motion, end_stroke(). A stroke exists from its first point on; a stroke
 * without points is dropped. @time_ms is any millisecond clock, such as
 * gdk_event_get_time(); the signature counts from its first point.
 * @pressure is clamped to 0..1; pass 1 when the device has none. */
void      consult_signature_begin_stroke         (ConsultSignature *self);
void      consult_signature_add_point            (ConsultSignature *self,
                                                  double            x,
                                                  double            y,
                                                  double            pressure,
                                                  gint64            time_ms);
void      consult_signature_end_stroke           (ConsultSignature *self);
/* TRUE between begin_stroke() and end_stroke(). */
gboolean  consult_signature_is_drawing           (ConsultSignature *self);

/* Adds a whole stroke at once (a record being read, a test). The points
 * are copied as they are, times included (clamped to the box). Ignored
 * when @n_points is 0. Not while drawing. */
void      consult_signature_add_stroke           (ConsultSignature            *self,
                                                  const ConsultSignaturePoint *points,
                                                  gsize                        n_points);

/* Removes the newest stroke (also one being drawn). Returns FALSE when
 * there was none. */
gboolean  consult_signature_undo_last_stroke     (ConsultSignature *self);

/* Removes every stroke, the signer name and the signed-at time. */
void      consult_signature_clear                (ConsultSignature *self);

gboolean  consult_signature_is_empty             (ConsultSignature *self);
guint     consult_signature_get_n_strokes        (ConsultSignature *self);

/* The points of stroke @index (0 is the oldest), owned by @self and valid
 * until the next change. @n_points receives their number (at least 1). */
const ConsultSignaturePoint *
          consult_signature_get_stroke           (ConsultSignature *self,
                                                  guint             index,
                                                  gsize            *n_points);

/* The smallest rectangle holding every point, in box units. Returns FALSE
 * (and sets all four to 0) when the signature is empty. A single point
 * gives a rectangle of size 0. Every out parameter may be NULL. */
gboolean  consult_signature_get_bounds           (ConsultSignature *self,
                                                  double           *x,
                                                  double           *y,
                                                  double           *width,
                                                  double           *height);

/* The name typed by the signer; NULL until signed. */
const char *consult_signature_get_signer_name    (ConsultSignature *self);
void      consult_signature_set_signer_name      (ConsultSignature *self,
                                                  const char       *signer_name);

/* When the signature was given; NULL while unsigned. */
GDateTime *consult_signature_get_signed_at       (ConsultSignature *self);
void      consult_signature_set_signed_at        (ConsultSignature *self,
                                                  GDateTime        *signed_at);
/* TRUE when a signed-at time is set. */
gboolean  consult_signature_is_signed            (ConsultSignature *self);

G_END_DECLS
