/* consult-signature-pad-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pad's input path below the gestures. The gesture handlers call these
 * with widget coordinates; GTK 4.8 has no public way to synthesize pointer
 * events, so the tests call them too, and so go through the same mapping
 * into the signature's box.
 */

#pragma once

#include "consult-signature-pad.h"

G_BEGIN_DECLS

/* Starts a stroke at (@x, @y) in widget coordinates. Returns FALSE, doing
 * nothing, when the pad may not edit (not editable, no signature, signed)
 * or has no size yet. @time_ms is any millisecond clock (event times). */
gboolean _consult_signature_pad_begin_stroke_at  (ConsultSignaturePad *self,
                                                  double               x,
                                                  double               y,
                                                  double               pressure,
                                                  gint64               time_ms);
/* Adds a point to the stroke being drawn; ignored when there is none. */
void     _consult_signature_pad_extend_stroke_at (ConsultSignaturePad *self,
                                                  double               x,
                                                  double               y,
                                                  double               pressure,
                                                  gint64               time_ms);
/* Adds the last point (unless it repeats the previous one) and ends the
 * stroke; ignored when there is none. */
void     _consult_signature_pad_end_stroke_at    (ConsultSignaturePad *self,
                                                  double               x,
                                                  double               y,
                                                  double               pressure,
                                                  gint64               time_ms);

/* Maps widget coordinates into the signature's box, and back. FALSE while
 * the pad has no size. */
gboolean _consult_signature_pad_widget_to_box    (ConsultSignaturePad *self,
                                                  double               x,
                                                  double               y,
                                                  double              *box_x,
                                                  double              *box_y);
gboolean _consult_signature_pad_box_to_widget    (ConsultSignaturePad *self,
                                                  double               box_x,
                                                  double               box_y,
                                                  double              *x,
                                                  double              *y);

G_END_DECLS
