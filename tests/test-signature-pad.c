/* test-signature-pad.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The signature pad: strokes drawn on it land in its ConsultSignature in
 * the signature's own coordinates, with their pressure; Undo, Clear, a pad
 * that is not editable and a signed signature.
 *
 * GTK 4.8 cannot synthesize pointer events, so the strokes go through the
 * functions that the pad's gesture handlers call with widget coordinates.
 */

#include "consult-config.h"

#include <math.h>
#include <adwaita.h>

#include "consult-signature-pad-private.h"
#include "consult-test-utils.h"

typedef struct {
  GtkWindow *window;
  ConsultSignaturePad *pad;
  ConsultSignature *signature;
} Fixture;

static Fixture fixture;

static void
setup (void)
{
  consult_test_setup_gtk ();

  fixture.signature = consult_signature_new ();
  fixture.pad = CONSULT_SIGNATURE_PAD (consult_signature_pad_new (fixture.signature));
  fixture.window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture.window, 640, 300);
  gtk_window_set_child (fixture.window, GTK_WIDGET (fixture.pad));
  gtk_window_present (fixture.window);
  consult_test_wait_for_frame (fixture.pad);
}

static void
teardown (void)
{
  gtk_window_destroy (fixture.window);
  consult_test_flush ();
  g_clear_object (&fixture.signature);
}

/* Fails unless @widget's accessible @property is @value. */
#define ck_assert_accessible_property(widget, property, value)                          \
  G_STMT_START {                                                                        \
    g_autofree char *mismatch_ = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), \
                                                                     (property), (value)); \
    ck_assert_msg (mismatch_ == NULL, "accessible property %d: %s", (property), mismatch_); \
  } G_STMT_END

#define HOW_TO_SIGN "Draw the signature with a mouse, a finger or a stylus, or with the " \
                    "keyboard: the arrow keys move the pen, Space puts it down and lifts it. " \
                    "Ctrl+Z removes the last stroke, Delete clears the pad."

static void
count_cb (gpointer  object,
          guint    *count)
{
  (*count)++;
}

static void
count_notify_cb (gpointer    object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* Draws a stroke of @n points along a line, widget coordinates. */
static void
draw_line (double x0,
           double y0,
           double x1,
           double y1,
           guint  n,
           double pressure)
{
  static gint64 time_ms = 1000;

  ck_assert (_consult_signature_pad_begin_stroke_at (fixture.pad, x0, y0, pressure, time_ms));
  for (guint i = 1; i + 1 < n; i++)
    {
      double t = (double) i / (n - 1);

      time_ms += 8;
      _consult_signature_pad_extend_stroke_at (fixture.pad, x0 + t * (x1 - x0), y0 + t * (y1 - y0),
                                               pressure, time_ms);
    }
  time_ms += 8;
  _consult_signature_pad_end_stroke_at (fixture.pad, x1, y1, pressure, time_ms);
}

START_TEST (test_pad_smoke)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *pad = consult_signature_pad_new (NULL);
  gpointer weak = pad;
  int minimum, natural;

  g_object_add_weak_pointer (G_OBJECT (pad), &weak);
  gtk_window_set_child (GTK_WINDOW (window), pad);
  gtk_window_present (GTK_WINDOW (window));
  consult_test_wait_for_frame (pad);

  ck_assert (gtk_widget_get_focusable (pad));
  ck_assert (gtk_widget_get_hexpand (pad));
  ck_assert_int_eq (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (pad)),
                    GTK_ACCESSIBLE_ROLE_IMG);
  ck_assert_accessible_property (pad, GTK_ACCESSIBLE_PROPERTY_LABEL, "Signature pad");
  ck_assert_ptr_null (consult_signature_pad_get_signature (CONSULT_SIGNATURE_PAD (pad)));
  ck_assert (consult_signature_pad_get_editable (CONSULT_SIGNATURE_PAD (pad)));

  /* Room to sign, yet narrow enough for a phone; as tall as the box's
   * aspect ratio asks. */
  gtk_widget_measure (pad, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  ck_assert_int_le (minimum, 300);
  ck_assert_int_ge (natural, 400);
  gtk_widget_measure (pad, GTK_ORIENTATION_VERTICAL, 450, &minimum, &natural, NULL, NULL);
  ck_assert_int_ge (natural, 140);
  ck_assert_int_le (natural, 170);

  /* Without a signature, input does nothing. */
  ck_assert (!_consult_signature_pad_begin_stroke_at (CONSULT_SIGNATURE_PAD (pad), 10, 10, 1, 0));

  gtk_window_destroy (GTK_WINDOW (window));
  consult_test_flush ();
  ck_assert_msg (weak == NULL, "the pad was not finalized");
}
END_TEST

START_TEST (test_pad_strokes_kept)
{
  const ConsultSignaturePoint *points;
  double box_x, box_y, x0, y0, x1, y1;
  guint changed = 0;
  gsize n_points;

  g_signal_connect (fixture.signature, "changed", G_CALLBACK (count_cb), &changed);
  ck_assert_accessible_property (fixture.pad, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                 HOW_TO_SIGN " Empty.");

  /* The box keeps its 3:1 shape inside the widget, whatever its size. */
  ck_assert (_consult_signature_pad_box_to_widget (fixture.pad, 0, 0, &x0, &y0));
  ck_assert (_consult_signature_pad_box_to_widget (fixture.pad, CONSULT_SIGNATURE_WIDTH,
                                                   CONSULT_SIGNATURE_HEIGHT, &x1, &y1));
  ck_assert (x1 - x0 > 100);
  ck_assert_double_eq_tol ((x1 - x0) / (y1 - y0), 3.0, 0.01);
  ck_assert (x0 >= 0 && y0 >= 0);
  ck_assert (x1 <= gtk_widget_get_width (GTK_WIDGET (fixture.pad)));
  ck_assert (y1 <= gtk_widget_get_height (GTK_WIDGET (fixture.pad)));

  /* A stroke from the box's top left quarter to its middle. */
  ck_assert (_consult_signature_pad_box_to_widget (fixture.pad, 150, 50, &x0, &y0));
  ck_assert (_consult_signature_pad_box_to_widget (fixture.pad, 300, 100, &x1, &y1));
  ck_assert (_consult_signature_pad_begin_stroke_at (fixture.pad, x0, y0, 0.25, 5000));
  _consult_signature_pad_extend_stroke_at (fixture.pad, (x0 + x1) / 2, (y0 + y1) / 2, 0.5, 5010);
  ck_assert_uint_eq (consult_signature_get_n_strokes (fixture.signature), 1);
  ck_assert_uint_eq (changed, 0);
  _consult_signature_pad_end_stroke_at (fixture.pad, x1, y1, 0.75, 5020);
  ck_assert_uint_eq (changed, 1);
  /* Screen readers hear what the pad holds. */
  ck_assert_accessible_property (fixture.pad, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                 HOW_TO_SIGN " 1 stroke drawn.");

  points = consult_signature_get_stroke (fixture.signature, 0, &n_points);
  ck_assert_uint_eq (n_points, 3);
  ck_assert_double_eq_tol (points[0].x, 150, 0.01);
  ck_assert_double_eq_tol (points[0].y, 50, 0.01);
  ck_assert_double_eq_tol (points[1].x, 225, 0.01);
  ck_assert_double_eq_tol (points[1].y, 75, 0.01);
  ck_assert_double_eq_tol (points[2].x, 300, 0.01);
  ck_assert_double_eq_tol (points[2].y, 100, 0.01);
  ck_assert_double_eq_tol (points[0].pressure, 0.25, 1e-9);
  ck_assert_double_eq_tol (points[1].pressure, 0.5, 1e-9);
  ck_assert_double_eq_tol (points[2].pressure, 0.75, 1e-9);
  ck_assert_int_eq (points[0].time_ms, 0);
  ck_assert_int_eq (points[2].time_ms, 20);

  /* The mapping is the one the gesture handlers use. */
  ck_assert (_consult_signature_pad_widget_to_box (fixture.pad, x1, y1, &box_x, &box_y));
  ck_assert_double_eq_tol (box_x, 300, 0.01);
  ck_assert_double_eq_tol (box_y, 100, 0.01);

  /* Ending on the last point adds no second copy of it; a tap is a dot. */
  ck_assert (_consult_signature_pad_begin_stroke_at (fixture.pad, x0, y0, 1.0, 6000));
  _consult_signature_pad_end_stroke_at (fixture.pad, x0, y0, 1.0, 6000);
  ck_assert_uint_eq (consult_signature_get_n_strokes (fixture.signature), 2);
  consult_signature_get_stroke (fixture.signature, 1, &n_points);
  ck_assert_uint_eq (n_points, 1);

  /* Points outside the box are kept on its edge. */
  draw_line (-50, -50, 5000, 5000, 3, 1.0);
  points = consult_signature_get_stroke (fixture.signature, 2, &n_points);
  ck_assert_double_eq (points[0].x, 0);
  ck_assert_double_eq (points[0].y, 0);
  ck_assert_double_eq (points[n_points - 1].x, CONSULT_SIGNATURE_WIDTH);
  ck_assert_double_eq (points[n_points - 1].y, CONSULT_SIGNATURE_HEIGHT);

  /* Input after the end of a stroke starts nothing. */
  _consult_signature_pad_extend_stroke_at (fixture.pad, x0, y0, 1.0, 7000);
  _consult_signature_pad_end_stroke_at (fixture.pad, x0, y0, 1.0, 7000);
  ck_assert_uint_eq (consult_signature_get_n_strokes (fixture.signature), 3);

  /* What was drawn is painted without complaint. */
  consult_test_wait_for_frame (fixture.pad);
}
END_TEST

/* With the keyboard alone: Space puts the pen down, arrows draw, Space
 * lifts it again. */
START_TEST (test_pad_keyboard_drawing)
{
  const ConsultSignaturePoint *points;
  gsize n_points;

  gtk_widget_grab_focus (GTK_WIDGET (fixture.pad));
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (fixture.pad),
                                         "signature-pad.pen-move", "(dd)", 10.0, 0.0));
  ck_assert (consult_signature_is_empty (fixture.signature));

  ck_assert (gtk_widget_activate_action (GTK_WIDGET (fixture.pad), "signature-pad.pen-toggle",
                                         NULL));
  for (guint i = 0; i < 5; i++)
    gtk_widget_activate_action (GTK_WIDGET (fixture.pad), "signature-pad.pen-move", "(dd)",
                                12.0, i % 2 ? -12.0 : 12.0);
  gtk_widget_activate_action (GTK_WIDGET (fixture.pad), "signature-pad.pen-toggle", NULL);

  ck_assert_uint_eq (consult_signature_get_n_strokes (fixture.signature), 1);
  points = consult_signature_get_stroke (fixture.signature, 0, &n_points);
  ck_assert_uint_eq (n_points, 6);
  /* Each step moved the pen 12 units right, zig-zagging. */
  ck_assert_double_eq_tol (points[5].x - points[0].x, 60.0, 0.5);
  ck_assert_double_eq_tol (points[1].y - points[0].y, 12.0, 0.5);

  /* Lifted, the pen moves without drawing. */
  gtk_widget_activate_action (GTK_WIDGET (fixture.pad), "signature-pad.pen-move", "(dd)",
                              50.0, 0.0);
  ck_assert_uint_eq (consult_signature_get_n_strokes (fixture.signature), 1);

  /* A read-only pad ignores the keyboard too. */
  consult_signature_pad_set_editable (fixture.pad, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (fixture.pad), "signature-pad.pen-toggle", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture.pad), "signature-pad.pen-move", "(dd)",
                              12.0, 0.0);
  gtk_widget_activate_action (GTK_WIDGET (fixture.pad), "signature-pad.pen-toggle", NULL);
  ck_assert_uint_eq (consult_signature_get_n_strokes (fixture.signature), 1);
}
END_TEST

START_TEST (test_pad_undo_and_clear)
{
  GtkWidget *pad = GTK_WIDGET (fixture.pad);

  draw_line (20, 20, 200, 80, 5, 1.0);
  draw_line (40, 100, 300, 60, 5, 0.5);
  draw_line (60, 60, 400, 120, 5, 0.8);
  ck_assert_uint_eq (consult_signature_get_n_strokes (fixture.signature), 3);

  ck_assert (gtk_widget_activate_action (pad, "signature-pad.undo", NULL));
  ck_assert_uint_eq (consult_signature_get_n_strokes (fixture.signature), 2);
  /* The newest went: the oldest remain. */
  ck_assert_double_eq_tol (consult_signature_get_stroke (fixture.signature, 1, NULL)[0].pressure,
                           0.5, 1e-9);

  ck_assert (gtk_widget_activate_action (pad, "signature-pad.clear", NULL));
  ck_assert (consult_signature_is_empty (fixture.signature));

  /* Nothing left to undo: the actions are disabled and do nothing. */
  gtk_widget_activate_action (pad, "signature-pad.undo", NULL);
  ck_assert (consult_signature_is_empty (fixture.signature));

  /* Undo during a stroke drops that stroke, and the pad lets go of it. */
  ck_assert (_consult_signature_pad_begin_stroke_at (fixture.pad, 30, 30, 1.0, 100));
  _consult_signature_pad_extend_stroke_at (fixture.pad, 60, 40, 1.0, 110);
  consult_signature_undo_last_stroke (fixture.signature);
  _consult_signature_pad_extend_stroke_at (fixture.pad, 90, 50, 1.0, 120);
  _consult_signature_pad_end_stroke_at (fixture.pad, 120, 60, 1.0, 130);
  ck_assert (consult_signature_is_empty (fixture.signature));
  ck_assert (!consult_signature_is_drawing (fixture.signature));
}
END_TEST

START_TEST (test_pad_not_editable)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint notified = 0;

  draw_line (20, 20, 200, 80, 4, 1.0);

  g_signal_connect (fixture.pad, "notify::editable", G_CALLBACK (count_notify_cb), &notified);
  consult_signature_pad_set_editable (fixture.pad, FALSE);
  consult_signature_pad_set_editable (fixture.pad, FALSE);
  ck_assert_uint_eq (notified, 1);
  ck_assert (!consult_signature_pad_get_editable (fixture.pad));

  /* Input is ignored, and so are Undo and Clear. */
  ck_assert (!_consult_signature_pad_begin_stroke_at (fixture.pad, 50, 50, 1.0, 0));
  _consult_signature_pad_extend_stroke_at (fixture.pad, 60, 60, 1.0, 10);
  _consult_signature_pad_end_stroke_at (fixture.pad, 70, 70, 1.0, 20);
  gtk_widget_activate_action (GTK_WIDGET (fixture.pad), "signature-pad.undo", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture.pad), "signature-pad.clear", NULL);
  ck_assert_uint_eq (consult_signature_get_n_strokes (fixture.signature), 1);
  ck_assert_accessible_property (fixture.pad, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                 "Read only. 1 stroke drawn.");

  /* Made editable in the middle of nothing, it draws again. */
  consult_signature_pad_set_editable (fixture.pad, TRUE);
  draw_line (20, 100, 200, 100, 3, 1.0);
  ck_assert_uint_eq (consult_signature_get_n_strokes (fixture.signature), 2);

  /* Taken away while drawing, the stroke ends with what it had. */
  ck_assert (_consult_signature_pad_begin_stroke_at (fixture.pad, 30, 30, 1.0, 100));
  consult_signature_pad_set_editable (fixture.pad, FALSE);
  ck_assert (!consult_signature_is_drawing (fixture.signature));
  _consult_signature_pad_extend_stroke_at (fixture.pad, 60, 40, 1.0, 110);
  ck_assert_uint_eq (consult_signature_get_n_strokes (fixture.signature), 3);
  consult_signature_pad_set_editable (fixture.pad, TRUE);

  /* A signed signature is never changed, even on an editable pad (doing
   * so would be a programmer error in ConsultSignature). */
  consult_signature_set_signer_name (fixture.signature, "Ada Byron");
  consult_signature_set_signed_at (fixture.signature, now);
  ck_assert (consult_signature_pad_get_editable (fixture.pad));
  ck_assert (!_consult_signature_pad_begin_stroke_at (fixture.pad, 50, 50, 1.0, 0));
  gtk_widget_activate_action (GTK_WIDGET (fixture.pad), "signature-pad.undo", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture.pad), "signature-pad.clear", NULL);
  ck_assert_uint_eq (consult_signature_get_n_strokes (fixture.signature), 3);
  ck_assert (consult_signature_is_signed (fixture.signature));
  ck_assert_accessible_property (fixture.pad, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                 "Signed; it cannot be changed. 3 strokes drawn.");
  consult_test_wait_for_frame (fixture.pad);
}
END_TEST

START_TEST (test_pad_follows_signature)
{
  g_autoptr(ConsultSignature) other = consult_signature_new ();
  const ConsultSignaturePoint stroke[] = {
    { 10, 10, 1, 0 }, { 300, 150, 0.5, 40 }, { 590, 20, 0.2, 80 },
  };
  guint notified = 0;

  /* Strokes from elsewhere (a record being read) are shown. */
  consult_signature_add_stroke (fixture.signature, stroke, G_N_ELEMENTS (stroke));
  consult_test_wait_for_frame (fixture.pad);

  g_signal_connect (fixture.pad, "notify::signature", G_CALLBACK (count_notify_cb), &notified);
  g_object_set (fixture.pad, "signature", other, NULL);
  consult_signature_pad_set_signature (fixture.pad, other);
  ck_assert_uint_eq (notified, 1);
  ck_assert_ptr_eq (consult_signature_pad_get_signature (fixture.pad), other);

  /* Drawing now goes to the new signature only. */
  draw_line (20, 20, 200, 80, 4, 1.0);
  ck_assert_uint_eq (consult_signature_get_n_strokes (other), 1);
  ck_assert_uint_eq (consult_signature_get_n_strokes (fixture.signature), 1);

  /* Replaced in the middle of a stroke, the old signature's stroke ends. */
  ck_assert (_consult_signature_pad_begin_stroke_at (fixture.pad, 30, 30, 1.0, 100));
  consult_signature_pad_set_signature (fixture.pad, fixture.signature);
  ck_assert (!consult_signature_is_drawing (other));
  ck_assert_uint_eq (consult_signature_get_n_strokes (other), 2);
  _consult_signature_pad_extend_stroke_at (fixture.pad, 60, 40, 1.0, 110);
  ck_assert_uint_eq (consult_signature_get_n_strokes (fixture.signature), 1);

  consult_signature_pad_set_signature (fixture.pad, NULL);
  ck_assert (!_consult_signature_pad_begin_stroke_at (fixture.pad, 30, 30, 1.0, 100));
  consult_test_wait_for_frame (fixture.pad);
}
END_TEST

static Suite *
signature_pad_suite (void)
{
  Suite *s = suite_create ("signature-pad");
  TCase *tc;

  tc = tcase_create ("smoke");
  tcase_add_checked_fixture (tc, consult_test_setup_gtk, NULL);
  tcase_set_timeout (tc, 30);
  tcase_add_test (tc, test_pad_smoke);
  suite_add_tcase (s, tc);

  tc = tcase_create ("drawing");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 30);
  tcase_add_test (tc, test_pad_strokes_kept);
  tcase_add_test (tc, test_pad_keyboard_drawing);
  tcase_add_test (tc, test_pad_undo_and_clear);
  tcase_add_test (tc, test_pad_not_editable);
  tcase_add_test (tc, test_pad_follows_signature);
  suite_add_tcase (s, tc);

  return s;
}

int
main (void)
{
  /* The accessible properties are only kept with the test backend (the
   * shared test environment turns accessibility off). */
  g_setenv ("GTK_A11Y", "test", TRUE);

  return consult_test_run_suite (signature_pad_suite (), TRUE);
}
