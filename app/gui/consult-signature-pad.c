/* consult-signature-pad.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "consult-signature-pad"

#include "consult-config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "consult-signature-pad-private.h"

/* Space kept between the widget's edge and the signature's box, in pixels. */
#define PAD_MARGIN 6.0

/* The ink, in box units: the width at full pressure, and the share of it
 * that remains at none, so that a light touch still shows. */
#define INK_WIDTH     4.0
#define INK_MIN_SHARE 0.35

/* Where the line to sign on sits, in box units. */
#define BASELINE_Y     (CONSULT_SIGNATURE_HEIGHT * 0.72)
#define BASELINE_START 24.0

/* Which input is drawing the current stroke. A stylus event reaches both
 * gestures: the drag gesture leaves events that carry a device tool to the
 * stylus gesture, which knows the pressure, so no point is recorded twice. */
typedef enum {
  INPUT_NONE,
  INPUT_POINTER,
  INPUT_STYLUS,
  INPUT_KEYBOARD,
} Input;

/* How far an arrow key moves the keyboard pen, in box units. */
#define KEY_STEP      12.0
#define KEY_FINE_STEP 3.0

struct _ConsultSignaturePad
{
  GtkWidget parent_instance;

  ConsultSignature *signature;
  GSignalGroup *signature_signals;
  gboolean editable;

  Input input;
  double last_x;   /* the newest point of the stroke, widget coordinates */
  double last_y;

  /* The keyboard pen, for signing without a pointer: where it is (box
   * units) and whether it has been used since the pad got the focus. */
  double key_x;
  double key_y;
  gboolean key_pen_shown;
};

G_DEFINE_FINAL_TYPE (ConsultSignaturePad, consult_signature_pad, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SIGNATURE,
  PROP_EDITABLE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
consult_signature_pad_new (ConsultSignature *signature)
{
  g_return_val_if_fail (signature == NULL || CONSULT_IS_SIGNATURE (signature), NULL);

  return g_object_new (CONSULT_TYPE_SIGNATURE_PAD, "signature", signature, NULL);
}

/* TRUE when input may change the signature. Changing a signed signature is
 * a programmer error in ConsultSignature, so the pad never tries. */
static gboolean
can_edit (ConsultSignaturePad *self)
{
  return self->editable &&
         self->signature != NULL &&
         !consult_signature_is_signed (self->signature);
}

static void
update_actions (ConsultSignaturePad *self)
{
  gboolean has_strokes = self->signature != NULL && !consult_signature_is_empty (self->signature);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signature-pad.undo",
                                 can_edit (self) && has_strokes);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signature-pad.clear",
                                 can_edit (self) && has_strokes);
}

static void
update_state (ConsultSignaturePad *self)
{
  g_autofree char *strokes = NULL;
  g_autofree char *description = NULL;
  const char *how;
  guint n_strokes = 0;

  if (self->signature != NULL)
    n_strokes = consult_signature_get_n_strokes (self->signature);

  if (n_strokes == 0)
    strokes = g_strdup (_("Empty."));
  else
    /* Translators: the state of the signature pad, read by screen readers. */
    strokes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u stroke drawn.",
                                            "%u strokes drawn.", n_strokes),
                               n_strokes);

  if (self->signature != NULL && consult_signature_is_signed (self->signature))
    how = _("Signed; it cannot be changed.");
  else if (can_edit (self))
    how = _("Draw the signature with a mouse, a finger or a stylus, or with the "
            "keyboard: the arrow keys move the pen, Space puts it down and lifts it. "
            "Ctrl+Z removes the last stroke, Delete clears the pad.");
  else
    how = _("Read only.");

  description = g_strdup_printf ("%s %s", how, strokes);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);

  if (can_edit (self))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "read-only");
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "read-only");
      gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
    }

  update_actions (self);
}

/* Forgets a stroke in progress, ending it on the signature if it is still
 * being drawn there. */
static void
finish_stroke (ConsultSignaturePad *self)
{
  if (self->input == INPUT_NONE)
    return;

  self->input = INPUT_NONE;
  if (self->signature != NULL && consult_signature_is_drawing (self->signature))
    consult_signature_end_stroke (self->signature);
}

/* The scale and offset that put the signature's box, aspect ratio kept,
 * in the middle of the widget. */
static gboolean
get_transform (ConsultSignaturePad *self,
               double              *scale,
               double              *offset_x,
               double              *offset_y)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double s;

  s = MIN ((width - 2 * PAD_MARGIN) / CONSULT_SIGNATURE_WIDTH,
           (height - 2 * PAD_MARGIN) / CONSULT_SIGNATURE_HEIGHT);
  if (!(s > 0.0))
    return FALSE;

  *scale = s;
  *offset_x = (width - CONSULT_SIGNATURE_WIDTH * s) / 2.0;
  *offset_y = (height - CONSULT_SIGNATURE_HEIGHT * s) / 2.0;

  return TRUE;
}

gboolean
_consult_signature_pad_widget_to_box (ConsultSignaturePad *self,
                                      double               x,
                                      double               y,
                                      double              *box_x,
                                      double              *box_y)
{
  double scale, offset_x, offset_y;

  g_return_val_if_fail (CONSULT_IS_SIGNATURE_PAD (self), FALSE);

  if (!get_transform (self, &scale, &offset_x, &offset_y))
    return FALSE;

  /* The signature clamps what falls outside its box. */
  *box_x = (x - offset_x) / scale;
  *box_y = (y - offset_y) / scale;

  return TRUE;
}

gboolean
_consult_signature_pad_box_to_widget (ConsultSignaturePad *self,
                                      double               box_x,
                                      double               box_y,
                                      double              *x,
                                      double              *y)
{
  double scale, offset_x, offset_y;

  g_return_val_if_fail (CONSULT_IS_SIGNATURE_PAD (self), FALSE);

  if (!get_transform (self, &scale, &offset_x, &offset_y))
    return FALSE;

  *x = offset_x + box_x * scale;
  *y = offset_y + box_y * scale;

  return TRUE;
}

static void
add_point (ConsultSignaturePad *self,
           double               x,
           double               y,
           double               pressure,
           gint64               time_ms)
{
  double box_x, box_y;

  if (!_consult_signature_pad_widget_to_box (self, x, y, &box_x, &box_y))
    return;

  consult_signature_add_point (self->signature, box_x, box_y, pressure, time_ms);
  self->last_x = x;
  self->last_y = y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
begin_stroke (ConsultSignaturePad *self,
              Input                input,
              double               x,
              double               y,
              double               pressure,
              gint64               time_ms)
{
  double box_x, box_y;

  finish_stroke (self);

  if (!can_edit (self) || !_consult_signature_pad_widget_to_box (self, x, y, &box_x, &box_y))
    return FALSE;

  self->input = input;
  consult_signature_begin_stroke (self->signature);
  add_point (self, x, y, pressure, time_ms);

  return TRUE;
}

/* FALSE when the stroke went away under the pad: the signature was
 * replaced, cleared, undone or signed while it was being drawn. */
static gboolean
check_stroke (ConsultSignaturePad *self,
              Input                input)
{
  if (self->input != input)
    return FALSE;

  if (!can_edit (self) || !consult_signature_is_drawing (self->signature))
    {
      finish_stroke (self);
      return FALSE;
    }

  return TRUE;
}

static void
extend_stroke (ConsultSignaturePad *self,
               Input                input,
               double               x,
               double               y,
               double               pressure,
               gint64               time_ms)
{
  if (check_stroke (self, input))
    add_point (self, x, y, pressure, time_ms);
}

static void
end_stroke (ConsultSignaturePad *self,
            Input                input,
            double               x,
            double               y,
            double               pressure,
            gint64               time_ms)
{
  if (!check_stroke (self, input))
    return;

  if (x != self->last_x || y != self->last_y)
    add_point (self, x, y, pressure, time_ms);
  finish_stroke (self);
}

gboolean
_consult_signature_pad_begin_stroke_at (ConsultSignaturePad *self,
                                        double               x,
                                        double               y,
                                        double               pressure,
                                        gint64               time_ms)
{
  g_return_val_if_fail (CONSULT_IS_SIGNATURE_PAD (self), FALSE);

  return begin_stroke (self, INPUT_POINTER, x, y, pressure, time_ms);
}

void
_consult_signature_pad_extend_stroke_at (ConsultSignaturePad *self,
                                         double               x,
                                         double               y,
                                         double               pressure,
                                         gint64               time_ms)
{
  g_return_if_fail (CONSULT_IS_SIGNATURE_PAD (self));

  extend_stroke (self, INPUT_POINTER, x, y, pressure, time_ms);
}

void
_consult_signature_pad_end_stroke_at (ConsultSignaturePad *self,
                                      double               x,
                                      double               y,
                                      double               pressure,
                                      gint64               time_ms)
{
  g_return_if_fail (CONSULT_IS_SIGNATURE_PAD (self));

  end_stroke (self, INPUT_POINTER, x, y, pressure, time_ms);
}

/* Mouse and touch */

static const GdkEvent *
get_gesture_event (GtkGesture *gesture)
{
  GdkEventSequence *sequence = gtk_gesture_single_get_current_sequence (GTK_GESTURE_SINGLE (gesture));

  return gtk_gesture_get_last_event (gesture, sequence);
}

/* The pressure of a pointer event, 1 when the device reports none. */
static double
get_event_pressure (const GdkEvent *event)
{
  double pressure;

  if (event != NULL && gdk_event_get_axis ((GdkEvent *) event, GDK_AXIS_PRESSURE, &pressure))
    return pressure;

  return 1.0;
}

static gint64
get_event_time (const GdkEvent *event)
{
  return event != NULL ? (gint64) gdk_event_get_time ((GdkEvent *) event) : g_get_monotonic_time () / 1000;
}

static void
on_drag_begin_cb (GtkGestureDrag      *gesture,
                  double               start_x,
                  double               start_y,
                  ConsultSignaturePad *self)
{
  const GdkEvent *event = get_gesture_event (GTK_GESTURE (gesture));

  /* A stylus: the stylus gesture records it, with its pressure. */
  if (event != NULL && gdk_event_get_device_tool ((GdkEvent *) event) != NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  if (!begin_stroke (self, INPUT_POINTER, start_x, start_y,
                     get_event_pressure (event), get_event_time (event)))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_drag_update_cb (GtkGestureDrag      *gesture,
                   double               offset_x,
                   double               offset_y,
                   ConsultSignaturePad *self)
{
  const GdkEvent *event = get_gesture_event (GTK_GESTURE (gesture));
  double start_x, start_y;

  if (self->input != INPUT_POINTER || !gtk_gesture_drag_get_start_point (gesture, &start_x, &start_y))
    return;

  extend_stroke (self, INPUT_POINTER, start_x + offset_x, start_y + offset_y,
                 get_event_pressure (event), get_event_time (event));
}

static void
on_drag_end_cb (GtkGestureDrag      *gesture,
                double               offset_x,
                double               offset_y,
                ConsultSignaturePad *self)
{
  const GdkEvent *event = get_gesture_event (GTK_GESTURE (gesture));
  double start_x, start_y;

  if (self->input != INPUT_POINTER || !gtk_gesture_drag_get_start_point (gesture, &start_x, &start_y))
    return;

  end_stroke (self, INPUT_POINTER, start_x + offset_x, start_y + offset_y,
              get_event_pressure (event), get_event_time (event));
}

static void
on_gesture_cancel_cb (GtkGesture          *gesture,
                      GdkEventSequence    *sequence,
                      ConsultSignaturePad *self)
{
  /* Keep what was drawn up to the grab being lost. */
  finish_stroke (self);
}

/* Stylus */

static double
get_stylus_pressure (GtkGestureStylus *gesture)
{
  double pressure;

  if (gtk_gesture_stylus_get_axis (gesture, GDK_AXIS_PRESSURE, &pressure))
    return pressure;

  return 1.0;
}

static void
on_stylus_down_cb (GtkGestureStylus    *gesture,
                   double               x,
                   double               y,
                   ConsultSignaturePad *self)
{
  const GdkEvent *event = get_gesture_event (GTK_GESTURE (gesture));

  if (!begin_stroke (self, INPUT_STYLUS, x, y, get_stylus_pressure (gesture), get_event_time (event)))
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_stylus_motion_cb (GtkGestureStylus    *gesture,
                     double               x,
                     double               y,
                     ConsultSignaturePad *self)
{
  const GdkEvent *event = get_gesture_event (GTK_GESTURE (gesture));
  g_autofree GdkTimeCoord *backlog = NULL;
  guint n_backlog = 0;

  if (self->input != INPUT_STYLUS)
    return;

  /* GTK merges motion events; the backlog holds the positions in between,
   * which a fast signature needs to keep its shape. */
  if (gtk_gesture_stylus_get_backlog (gesture, &backlog, &n_backlog))
    {
      for (guint i = 0; i < n_backlog; i++)
        {
          double pressure = 1.0;

          if (backlog[i].flags & GDK_AXIS_FLAG_PRESSURE)
            pressure = backlog[i].axes[GDK_AXIS_PRESSURE];
          extend_stroke (self, INPUT_STYLUS, backlog[i].axes[GDK_AXIS_X],
                         backlog[i].axes[GDK_AXIS_Y], pressure, backlog[i].time);
        }
    }

  extend_stroke (self, INPUT_STYLUS, x, y, get_stylus_pressure (gesture), get_event_time (event));
}

static void
on_stylus_up_cb (GtkGestureStylus    *gesture,
                 double               x,
                 double               y,
                 ConsultSignaturePad *self)
{
  const GdkEvent *event = get_gesture_event (GTK_GESTURE (gesture));

  end_stroke (self, INPUT_STYLUS, x, y, get_stylus_pressure (gesture), get_event_time (event));
}

/* Drawing */

/* Draws a stroke's pieces as few paths as it can: a new path starts only
 * where the width changes, so that a stroke of even pressure (a mouse, a
 * finger) is a single path without seams. */
typedef struct {
  cairo_t *cr;
  double width;   /* of the path being built; 0 before the first piece */
} Pen;

/* Keyboard */

static void
keyboard_pen_at (ConsultSignaturePad *self,
                 double              *x,
                 double              *y)
{
  if (!_consult_signature_pad_box_to_widget (self, self->key_x, self->key_y, x, y))
    *x = *y = 0;
}

static void
pen_move_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ConsultSignaturePad *self = CONSULT_SIGNATURE_PAD (widget);
  double dx, dy, x, y;

  if (!can_edit (self))
    return;

  g_variant_get (parameter, "(dd)", &dx, &dy);
  self->key_x = CLAMP (self->key_x + dx, 0, CONSULT_SIGNATURE_WIDTH);
  self->key_y = CLAMP (self->key_y + dy, 0, CONSULT_SIGNATURE_HEIGHT);
  self->key_pen_shown = TRUE;

  keyboard_pen_at (self, &x, &y);
  extend_stroke (self, INPUT_KEYBOARD, x, y, 1.0, g_get_monotonic_time () / 1000);
  gtk_widget_queue_draw (widget);
}

static void
pen_toggle_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ConsultSignaturePad *self = CONSULT_SIGNATURE_PAD (widget);
  gint64 now = g_get_monotonic_time () / 1000;
  double x, y;

  if (!can_edit (self))
    return;

  keyboard_pen_at (self, &x, &y);
  if (self->input == INPUT_KEYBOARD)
    end_stroke (self, INPUT_KEYBOARD, x, y, 1.0, now);
  else
    begin_stroke (self, INPUT_KEYBOARD, x, y, 1.0, now);

  self->key_pen_shown = TRUE;
  gtk_widget_queue_draw (widget);
}

static void
on_focus_notify_cb (ConsultSignaturePad *self,
                    GParamSpec          *pspec,
                    gpointer             user_data)
{
  /* The keyboard pen lifts when the focus leaves, and hides until used. */
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    {
      if (self->input == INPUT_KEYBOARD)
        finish_stroke (self);
      self->key_pen_shown = FALSE;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static double
ink_width (double pressure)
{
  double width = INK_WIDTH * (INK_MIN_SHARE + (1.0 - INK_MIN_SHARE) * CLAMP (pressure, 0.0, 1.0));

  /* In steps too small to see, so that pressure noise does not split the
   * path at every point. */
  return round (width * 8.0) / 8.0;
}

/* Adds a quadratic curve from (@x0, @y0) to (@x2, @y2), pulled towards
 * (@x1, @y1), as the cubic that cairo draws. */
static void
pen_piece (Pen    *pen,
           double  x0,
           double  y0,
           double  x1,
           double  y1,
           double  x2,
           double  y2,
           double  width)
{
  if (width != pen->width)
    {
      if (pen->width > 0.0)
        cairo_stroke (pen->cr);
      cairo_set_line_width (pen->cr, width);
      cairo_move_to (pen->cr, x0, y0);
      pen->width = width;
    }

  cairo_curve_to (pen->cr,
                  x0 + 2.0 / 3.0 * (x1 - x0), y0 + 2.0 / 3.0 * (y1 - y0),
                  x2 + 2.0 / 3.0 * (x1 - x2), y2 + 2.0 / 3.0 * (y1 - y2),
                  x2, y2);
}

/* Draws one stroke in box units. Sampled pointer motion leaves corners at
 * every point; joining the midpoints between points with curves that bend
 * towards the points smooths them away. Each piece takes the width of the
 * pressure at its point, and round caps hide the joins. */
static void
draw_stroke (cairo_t                     *cr,
             const ConsultSignaturePoint *points,
             gsize                        n_points)
{
  Pen pen = { cr, 0.0 };
  double mid_x, mid_y;

  if (n_points == 1)
    {
      cairo_arc (cr, points[0].x, points[0].y, ink_width (points[0].pressure) / 2.0, 0, 2 * G_PI);
      cairo_fill (cr);
      return;
    }

  /* From the first point straight to the first midpoint... */
  mid_x = (points[0].x + points[1].x) / 2.0;
  mid_y = (points[0].y + points[1].y) / 2.0;
  pen_piece (&pen, points[0].x, points[0].y, points[0].x, points[0].y, mid_x, mid_y,
             ink_width (points[0].pressure));

  /* ...curving through each point between midpoints... */
  for (gsize i = 1; i + 1 < n_points; i++)
    {
      double next_x = (points[i].x + points[i + 1].x) / 2.0;
      double next_y = (points[i].y + points[i + 1].y) / 2.0;

      pen_piece (&pen, mid_x, mid_y, points[i].x, points[i].y, next_x, next_y,
                 ink_width (points[i].pressure));
      mid_x = next_x;
      mid_y = next_y;
    }

  /* ...and straight on to the last point. */
  pen_piece (&pen, mid_x, mid_y, mid_x, mid_y, points[n_points - 1].x, points[n_points - 1].y,
             ink_width (points[n_points - 1].pressure));
  cairo_stroke (cr);
}

static void
consult_signature_pad_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  ConsultSignaturePad *self = CONSULT_SIGNATURE_PAD (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double scale, offset_x, offset_y;
  gboolean empty;
  GdkRGBA color;
  cairo_t *cr;

  if (!get_transform (self, &scale, &offset_x, &offset_y))
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  empty = self->signature == NULL || consult_signature_is_empty (self->signature);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* The line to sign on, and the cross that marks its start. */
  cairo_save (cr);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.3);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, round (offset_x + BASELINE_START * scale),
                 round (offset_y + BASELINE_Y * scale) + 0.5);
  cairo_line_to (cr, round (offset_x + (CONSULT_SIGNATURE_WIDTH - BASELINE_START) * scale),
                 round (offset_y + BASELINE_Y * scale) + 0.5);
  cairo_stroke (cr);
  cairo_restore (cr);

  if (empty)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, _("Sign here"));
      int text_width, text_height;

      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      cairo_save (cr);
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.45);
      cairo_move_to (cr, round (offset_x + BASELINE_START * scale),
                     round (offset_y + BASELINE_Y * scale) - text_height - 4);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
    }
  else
    {
      guint n_strokes = consult_signature_get_n_strokes (self->signature);

      /* Opaque ink in a group, then the group at the colour's alpha:
       * where pieces and strokes overlap, translucent ink would show
       * darker beads. */
      cairo_save (cr);
      cairo_push_group (cr);
      cairo_translate (cr, offset_x, offset_y);
      cairo_scale (cr, scale, scale);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_source_rgb (cr, color.red, color.green, color.blue);

      for (guint i = 0; i < n_strokes; i++)
        {
          const ConsultSignaturePoint *points;
          gsize n_points;

          points = consult_signature_get_stroke (self->signature, i, &n_points);
          draw_stroke (cr, points, n_points);
        }
      cairo_pop_group_to_source (cr);
      cairo_paint_with_alpha (cr, color.alpha);
      cairo_restore (cr);
    }

  /* The keyboard pen: a ring when lifted, a dot when down. */
  if (self->key_pen_shown && can_edit (self) && gtk_widget_has_focus (widget))
    {
      double x, y;

      keyboard_pen_at (self, &x, &y);
      cairo_save (cr);
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.8);
      cairo_arc (cr, x, y, self->input == INPUT_KEYBOARD ? 3.5 : 6.0, 0, 2 * G_PI);
      if (self->input == INPUT_KEYBOARD)
        cairo_fill (cr);
      else
        {
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
      cairo_restore (cr);
    }

  cairo_destroy (cr);
}

static GtkSizeRequestMode
consult_signature_pad_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* Wide enough to sign comfortably, narrow enough for a phone; as tall as
 * the box's aspect ratio asks, within limits. */
#define MIN_WIDTH     240
#define NATURAL_WIDTH 450
#define MIN_HEIGHT    120
#define MAX_HEIGHT    260

static void
consult_signature_pad_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN_WIDTH;
      *natural = NATURAL_WIDTH;
    }
  else
    {
      int width = for_size >= 0 ? for_size : NATURAL_WIDTH;
      int height = (int) ((width - 2 * PAD_MARGIN) * CONSULT_SIGNATURE_HEIGHT /
                          CONSULT_SIGNATURE_WIDTH + 2 * PAD_MARGIN);

      *minimum = *natural = CLAMP (height, MIN_HEIGHT, MAX_HEIGHT);
    }
}

/* Signature and actions */

static void
on_signature_changed_cb (ConsultSignaturePad *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_state (self);
}

static void
on_signature_strokes_notify_cb (ConsultSignaturePad *self)
{
  /* The number of strokes changes at a stroke's first point, before the
   * signature says "changed" at its end. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_state (self);
}

static void
on_signature_signed_at_notify_cb (ConsultSignaturePad *self)
{
  if (!can_edit (self))
    finish_stroke (self);
  update_state (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ConsultSignaturePad *self = CONSULT_SIGNATURE_PAD (widget);

  if (!can_edit (self))
    return;

  self->input = INPUT_NONE;
  consult_signature_undo_last_stroke (self->signature);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ConsultSignaturePad *self = CONSULT_SIGNATURE_PAD (widget);

  if (!can_edit (self))
    return;

  self->input = INPUT_NONE;
  consult_signature_clear (self->signature);
}

ConsultSignature *
consult_signature_pad_get_signature (ConsultSignaturePad *self)
{
  g_return_val_if_fail (CONSULT_IS_SIGNATURE_PAD (self), NULL);

  return self->signature;
}

void
consult_signature_pad_set_signature (ConsultSignaturePad *self,
                                     ConsultSignature    *signature)
{
  g_return_if_fail (CONSULT_IS_SIGNATURE_PAD (self));
  g_return_if_fail (signature == NULL || CONSULT_IS_SIGNATURE (signature));

  if (self->signature == signature)
    return;

  finish_stroke (self);
  g_set_object (&self->signature, signature);
  g_signal_group_set_target (self->signature_signals, signature);

  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNATURE]);
}

gboolean
consult_signature_pad_get_editable (ConsultSignaturePad *self)
{
  g_return_val_if_fail (CONSULT_IS_SIGNATURE_PAD (self), FALSE);

  return self->editable;
}

void
consult_signature_pad_set_editable (ConsultSignaturePad *self,
                                    gboolean             editable)
{
  g_return_if_fail (CONSULT_IS_SIGNATURE_PAD (self));

  editable = !!editable;
  if (self->editable == editable)
    return;

  self->editable = editable;
  if (!editable)
    finish_stroke (self);

  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
}

static void
consult_signature_pad_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ConsultSignaturePad *self = CONSULT_SIGNATURE_PAD (object);

  switch (prop_id)
    {
    case PROP_SIGNATURE:
      g_value_set_object (value, self->signature);
      break;
    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consult_signature_pad_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ConsultSignaturePad *self = CONSULT_SIGNATURE_PAD (object);

  switch (prop_id)
    {
    case PROP_SIGNATURE:
      consult_signature_pad_set_signature (self, g_value_get_object (value));
      break;
    case PROP_EDITABLE:
      consult_signature_pad_set_editable (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consult_signature_pad_dispose (GObject *object)
{
  ConsultSignaturePad *self = CONSULT_SIGNATURE_PAD (object);

  finish_stroke (self);
  if (self->signature_signals != NULL)
    g_signal_group_set_target (self->signature_signals, NULL);
  g_clear_object (&self->signature_signals);
  g_clear_object (&self->signature);

  G_OBJECT_CLASS (consult_signature_pad_parent_class)->dispose (object);
}

static void
consult_signature_pad_class_init (ConsultSignaturePadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = consult_signature_pad_dispose;
  object_class->get_property = consult_signature_pad_get_property;
  object_class->set_property = consult_signature_pad_set_property;

  widget_class->snapshot = consult_signature_pad_snapshot;
  widget_class->measure = consult_signature_pad_measure;
  widget_class->get_request_mode = consult_signature_pad_get_request_mode;

  properties[PROP_SIGNATURE] =
    g_param_spec_object ("signature", NULL, NULL,
                         CONSULT_TYPE_SIGNATURE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "signature-pad.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "signature-pad.clear", NULL, clear_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "signature-pad.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0,
                                       "signature-pad.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "signature-pad.clear", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0,
                                       "signature-pad.clear", NULL);

  /* Signing with the keyboard alone: arrows move the pen (Shift for fine
   * steps), Space or Return puts it down and lifts it. */
  gtk_widget_class_install_action (widget_class, "signature-pad.pen-move", "(dd)",
                                   pen_move_action);
  gtk_widget_class_install_action (widget_class, "signature-pad.pen-toggle", NULL,
                                   pen_toggle_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0,
                                       "signature-pad.pen-toggle", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0,
                                       "signature-pad.pen-toggle", NULL);
  {
    static const struct { guint key; double dx, dy; } moves[] = {
      { GDK_KEY_Left, -1, 0 }, { GDK_KEY_Right, 1, 0 },
      { GDK_KEY_Up, 0, -1 }, { GDK_KEY_Down, 0, 1 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
      {
        gtk_widget_class_add_binding_action (widget_class, moves[i].key, 0,
                                             "signature-pad.pen-move", "(dd)",
                                             moves[i].dx * KEY_STEP, moves[i].dy * KEY_STEP);
        gtk_widget_class_add_binding_action (widget_class, moves[i].key, GDK_SHIFT_MASK,
                                             "signature-pad.pen-move", "(dd)",
                                             moves[i].dx * KEY_FINE_STEP,
                                             moves[i].dy * KEY_FINE_STEP);
      }
  }

  gtk_widget_class_set_css_name (widget_class, "signaturepad");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
consult_signature_pad_init (ConsultSignaturePad *self)
{
  GtkGesture *gesture;

  self->editable = TRUE;
  self->key_x = BASELINE_START + 24.0;
  self->key_y = BASELINE_Y - 40.0;
  g_signal_connect (self, "notify::has-focus", G_CALLBACK (on_focus_notify_cb), NULL);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  g_signal_connect (gesture, "cancel", G_CALLBACK (on_gesture_cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_stylus_new ();
  g_signal_connect (gesture, "down", G_CALLBACK (on_stylus_down_cb), self);
  g_signal_connect (gesture, "motion", G_CALLBACK (on_stylus_motion_cb), self);
  g_signal_connect (gesture, "up", G_CALLBACK (on_stylus_up_cb), self);
  g_signal_connect (gesture, "cancel", G_CALLBACK (on_gesture_cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  self->signature_signals = g_signal_group_new (CONSULT_TYPE_SIGNATURE);
  g_signal_group_connect_swapped (self->signature_signals, "changed",
                                  G_CALLBACK (on_signature_changed_cb), self);
  g_signal_group_connect_swapped (self->signature_signals, "notify::n-strokes",
                                  G_CALLBACK (on_signature_strokes_notify_cb), self);
  g_signal_group_connect_swapped (self->signature_signals, "notify::signed-at",
                                  G_CALLBACK (on_signature_signed_at_notify_cb), self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Signature pad"),
                                  -1);
  update_state (self);
}
