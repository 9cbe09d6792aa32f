/* test-signature.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A drawn signature as data: strokes point by point or whole, times, the
 * box the points live in, undo and clear, and what is announced when.
 */

#include "consult-config.h"

#include <math.h>

#include "consult-signature.h"
#include "consult-test-utils.h"

typedef struct {
  guint changed;
  guint n_strokes;
  guint is_empty;
  guint signer_name;
  guint signed_at;
} Counts;

static void
changed_cb (ConsultSignature *signature,
            Counts           *counts)
{
  counts->changed++;
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           Counts     *counts)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "n-strokes"))
    counts->n_strokes++;
  else if (g_str_equal (name, "is-empty"))
    counts->is_empty++;
  else if (g_str_equal (name, "signer-name"))
    counts->signer_name++;
  else if (g_str_equal (name, "signed-at"))
    counts->signed_at++;
}

static ConsultSignature *
signature_new_counted (Counts *counts)
{
  ConsultSignature *signature = consult_signature_new ();

  g_signal_connect (signature, "changed", G_CALLBACK (changed_cb), counts);
  g_signal_connect (signature, "notify", G_CALLBACK (notify_cb), counts);

  return signature;
}

/* Counts the criticals of the signature's log domain instead of letting
 * G_DEBUG=fatal-warnings abort on them. */
static guint n_criticals;

static void
count_critical_cb (const char     *domain,
                   GLogLevelFlags  level,
                   const char     *message,
                   gpointer        data)
{
  n_criticals++;
}

static void
expect_criticals (void)
{
  n_criticals = 0;
  g_log_set_always_fatal (G_LOG_FATAL_MASK);
  g_log_set_handler ("consult-signature", G_LOG_LEVEL_CRITICAL, count_critical_cb, NULL);
}

static const ConsultSignaturePoint *
stroke_at (ConsultSignature *signature,
           guint             index,
           gsize             expected_points)
{
  const ConsultSignaturePoint *points;
  gsize n_points = 0;

  points = consult_signature_get_stroke (signature, index, &n_points);
  ck_assert_ptr_nonnull (points);
  ck_assert_uint_eq (n_points, expected_points);

  return points;
}

START_TEST (test_new_is_empty)
{
  g_autoptr(ConsultSignature) signature = consult_signature_new ();
  double x = 1, y = 1, w = 1, h = 1;
  guint n_strokes;
  gboolean is_empty;

  ck_assert (consult_signature_is_empty (signature));
  ck_assert_uint_eq (consult_signature_get_n_strokes (signature), 0);
  ck_assert (!consult_signature_get_bounds (signature, &x, &y, &w, &h));
  ck_assert (x == 0 && y == 0 && w == 0 && h == 0);
  ck_assert (!consult_signature_is_signed (signature));
  ck_assert (!consult_signature_is_drawing (signature));
  ck_assert_ptr_null (consult_signature_get_signer_name (signature));
  ck_assert_ptr_null (consult_signature_get_signed_at (signature));

  g_object_get (signature, "n-strokes", &n_strokes, "is-empty", &is_empty, NULL);
  ck_assert_uint_eq (n_strokes, 0);
  ck_assert (is_empty);
}
END_TEST

/* Points arrive one by one; times count from the signature's first point;
 * "changed" comes once, at the end of the stroke. */
START_TEST (test_draw_strokes)
{
  Counts counts = { 0 };
  g_autoptr(ConsultSignature) signature = signature_new_counted (&counts);
  const ConsultSignaturePoint *points;

  consult_signature_begin_stroke (signature);
  ck_assert (consult_signature_is_drawing (signature));
  ck_assert_uint_eq (consult_signature_get_n_strokes (signature), 0);

  consult_signature_add_point (signature, 10, 20, 0.5, 100000);
  ck_assert_uint_eq (consult_signature_get_n_strokes (signature), 1);
  ck_assert (!consult_signature_is_empty (signature));
  ck_assert_uint_eq (counts.n_strokes, 1);
  ck_assert_uint_eq (counts.is_empty, 1);

  consult_signature_add_point (signature, 11, 22, 0.6, 100010);
  consult_signature_add_point (signature, 13, 25, 0.7, 100030);
  ck_assert_uint_eq (counts.changed, 0);
  ck_assert_uint_eq (counts.n_strokes, 1);

  consult_signature_end_stroke (signature);
  ck_assert (!consult_signature_is_drawing (signature));
  ck_assert_uint_eq (counts.changed, 1);

  points = stroke_at (signature, 0, 3);
  ck_assert_double_eq (points[0].x, 10);
  ck_assert_double_eq (points[0].y, 20);
  ck_assert_double_eq (points[0].pressure, 0.5);
  ck_assert_int_eq (points[0].time_ms, 0);
  ck_assert_int_eq (points[1].time_ms, 10);
  ck_assert_int_eq (points[2].time_ms, 30);

  /* The second stroke keeps the same clock. */
  consult_signature_begin_stroke (signature);
  consult_signature_add_point (signature, 100, 50, 1, 100500);
  consult_signature_end_stroke (signature);
  ck_assert_uint_eq (consult_signature_get_n_strokes (signature), 2);
  ck_assert_int_eq (stroke_at (signature, 1, 1)[0].time_ms, 500);
  ck_assert_uint_eq (counts.changed, 2);
  ck_assert_uint_eq (counts.n_strokes, 2);
  ck_assert_uint_eq (counts.is_empty, 1);
}
END_TEST

/* A tap with no motion draws nothing; a new stroke ends an open one. */
START_TEST (test_empty_and_open_strokes)
{
  Counts counts = { 0 };
  g_autoptr(ConsultSignature) signature = signature_new_counted (&counts);

  consult_signature_begin_stroke (signature);
  consult_signature_end_stroke (signature);
  ck_assert (consult_signature_is_empty (signature));
  ck_assert_uint_eq (counts.changed, 0);
  ck_assert_uint_eq (counts.n_strokes, 0);

  /* Ending twice is harmless. */
  consult_signature_end_stroke (signature);

  consult_signature_begin_stroke (signature);
  consult_signature_add_point (signature, 1, 1, 1, 0);
  consult_signature_begin_stroke (signature);
  ck_assert_uint_eq (counts.changed, 1);
  consult_signature_add_point (signature, 2, 2, 1, 5);
  consult_signature_end_stroke (signature);
  ck_assert_uint_eq (consult_signature_get_n_strokes (signature), 2);
  ck_assert_uint_eq (counts.changed, 2);
}
END_TEST

START_TEST (test_points_clamped)
{
  g_autoptr(ConsultSignature) signature = consult_signature_new ();
  const ConsultSignaturePoint *points;

  consult_signature_begin_stroke (signature);
  consult_signature_add_point (signature, -5, -1, -0.5, 0);
  consult_signature_add_point (signature, 700, 250, 3, 1);
  consult_signature_add_point (signature, NAN, NAN, NAN, 2);
  consult_signature_add_point (signature, CONSULT_SIGNATURE_WIDTH, CONSULT_SIGNATURE_HEIGHT,
                               0.25, 3);
  consult_signature_end_stroke (signature);

  points = stroke_at (signature, 0, 4);
  ck_assert_double_eq (points[0].x, 0);
  ck_assert_double_eq (points[0].y, 0);
  ck_assert_double_eq (points[0].pressure, 0);
  ck_assert_double_eq (points[1].x, CONSULT_SIGNATURE_WIDTH);
  ck_assert_double_eq (points[1].y, CONSULT_SIGNATURE_HEIGHT);
  ck_assert_double_eq (points[1].pressure, 1);
  ck_assert_double_eq (points[2].x, 0);
  ck_assert_double_eq (points[2].y, 0);
  ck_assert_double_eq (points[2].pressure, 1);
  ck_assert_double_eq (points[3].x, 600);
  ck_assert_double_eq (points[3].y, 200);
  ck_assert_double_eq (points[3].pressure, 0.25);
}
END_TEST

START_TEST (test_bounds)
{
  g_autoptr(ConsultSignature) signature = consult_signature_new ();
  const ConsultSignaturePoint dot[] = { { 50, 60, 1, 0 } };
  const ConsultSignaturePoint line[] = { { 40, 80, 1, 10 }, { 300, 70, 1, 20 } };
  double x, y, w, h;

  consult_signature_add_stroke (signature, dot, G_N_ELEMENTS (dot));
  ck_assert (consult_signature_get_bounds (signature, &x, &y, &w, &h));
  ck_assert (x == 50 && y == 60 && w == 0 && h == 0);

  consult_signature_add_stroke (signature, line, G_N_ELEMENTS (line));
  ck_assert (consult_signature_get_bounds (signature, &x, &y, &w, &h));
  ck_assert_double_eq (x, 40);
  ck_assert_double_eq (y, 60);
  ck_assert_double_eq (w, 260);
  ck_assert_double_eq (h, 20);

  /* Every out parameter is optional. */
  ck_assert (consult_signature_get_bounds (signature, NULL, NULL, NULL, NULL));
}
END_TEST

/* Whole strokes, as a record reader adds them: copied as they are; drawing
 * afterwards goes on from the newest time. */
START_TEST (test_add_stroke)
{
  Counts counts = { 0 };
  g_autoptr(ConsultSignature) signature = signature_new_counted (&counts);
  ConsultSignaturePoint stroke[] = { { 1, 2, 0.5, 0 }, { 3, 4, 0.75, 40 } };
  const ConsultSignaturePoint *points;

  consult_signature_add_stroke (signature, stroke, 0);
  ck_assert_uint_eq (counts.changed, 0);

  consult_signature_add_stroke (signature, stroke, G_N_ELEMENTS (stroke));
  ck_assert_uint_eq (counts.changed, 1);
  ck_assert_uint_eq (counts.n_strokes, 1);
  stroke[1].x = 99;

  points = stroke_at (signature, 0, 2);
  ck_assert_double_eq (points[1].x, 3);
  ck_assert_double_eq (points[1].pressure, 0.75);
  ck_assert_int_eq (points[1].time_ms, 40);

  consult_signature_begin_stroke (signature);
  consult_signature_add_point (signature, 5, 5, 1, 7000);
  consult_signature_add_point (signature, 6, 6, 1, 7025);
  consult_signature_end_stroke (signature);
  points = stroke_at (signature, 1, 2);
  ck_assert_int_eq (points[0].time_ms, 40);
  ck_assert_int_eq (points[1].time_ms, 65);
}
END_TEST

START_TEST (test_undo)
{
  Counts counts = { 0 };
  g_autoptr(ConsultSignature) signature = signature_new_counted (&counts);
  const ConsultSignaturePoint stroke[] = { { 1, 2, 1, 0 } };

  ck_assert (!consult_signature_undo_last_stroke (signature));
  ck_assert_uint_eq (counts.changed, 0);

  consult_signature_add_stroke (signature, stroke, 1);
  consult_signature_add_stroke (signature, stroke, 1);
  counts = (Counts) { 0 };

  ck_assert (consult_signature_undo_last_stroke (signature));
  ck_assert_uint_eq (consult_signature_get_n_strokes (signature), 1);
  ck_assert_uint_eq (counts.changed, 1);
  ck_assert_uint_eq (counts.n_strokes, 1);
  ck_assert_uint_eq (counts.is_empty, 0);

  ck_assert (consult_signature_undo_last_stroke (signature));
  ck_assert (consult_signature_is_empty (signature));
  ck_assert_uint_eq (counts.changed, 2);
  ck_assert_uint_eq (counts.is_empty, 1);

  /* Empty again: the clock starts again at the next point. */
  consult_signature_begin_stroke (signature);
  consult_signature_add_point (signature, 1, 1, 1, 123456);
  ck_assert_int_eq (stroke_at (signature, 0, 1)[0].time_ms, 0);

  /* Undoing the stroke being drawn drops it without a "changed": it was
   * never announced. */
  ck_assert (consult_signature_undo_last_stroke (signature));
  ck_assert (!consult_signature_is_drawing (signature));
  ck_assert (consult_signature_is_empty (signature));
  ck_assert_uint_eq (counts.changed, 2);
}
END_TEST

START_TEST (test_signer_and_time)
{
  Counts counts = { 0 };
  g_autoptr(ConsultSignature) signature = signature_new_counted (&counts);
  g_autoptr(GDateTime) at = g_date_time_new_utc (2026, 11, 29, 10, 30, 0);
  g_autoptr(GDateTime) same = g_date_time_new_utc (2026, 11, 29, 10, 30, 0);
  g_autoptr(GDateTime) read_back = NULL;
  g_autofree char *name = NULL;

  consult_signature_set_signer_name (signature, "Ada Lovelace");
  consult_signature_set_signer_name (signature, "Ada Lovelace");
  ck_assert_uint_eq (counts.signer_name, 1);
  ck_assert_uint_eq (counts.changed, 1);

  consult_signature_set_signed_at (signature, at);
  consult_signature_set_signed_at (signature, same);
  ck_assert_uint_eq (counts.signed_at, 1);
  ck_assert_uint_eq (counts.changed, 2);
  ck_assert (consult_signature_is_signed (signature));

  g_object_get (signature, "signer-name", &name, "signed-at", &read_back, NULL);
  ck_assert_str_eq (name, "Ada Lovelace");
  ck_assert (g_date_time_equal (read_back, at));

  /* Unsigning is allowed; then the name may change again. */
  consult_signature_set_signed_at (signature, NULL);
  ck_assert (!consult_signature_is_signed (signature));
  g_object_set (signature, "signer-name", "A. Lovelace", NULL);
  ck_assert_str_eq (consult_signature_get_signer_name (signature), "A. Lovelace");
  ck_assert_uint_eq (counts.signer_name, 2);
  ck_assert_uint_eq (counts.signed_at, 2);
}
END_TEST

START_TEST (test_clear)
{
  Counts counts = { 0 };
  g_autoptr(ConsultSignature) signature = signature_new_counted (&counts);
  g_autoptr(GDateTime) at = g_date_time_new_now_local ();
  const ConsultSignaturePoint stroke[] = { { 1, 2, 1, 0 } };

  consult_signature_clear (signature);
  ck_assert_uint_eq (counts.changed, 0);

  consult_signature_add_stroke (signature, stroke, 1);
  consult_signature_set_signer_name (signature, "Ada");
  consult_signature_set_signed_at (signature, at);
  counts = (Counts) { 0 };

  consult_signature_clear (signature);
  ck_assert (consult_signature_is_empty (signature));
  ck_assert (!consult_signature_is_signed (signature));
  ck_assert_ptr_null (consult_signature_get_signer_name (signature));
  ck_assert_uint_eq (counts.changed, 1);
  ck_assert_uint_eq (counts.n_strokes, 1);
  ck_assert_uint_eq (counts.is_empty, 1);
  ck_assert_uint_eq (counts.signer_name, 1);
  ck_assert_uint_eq (counts.signed_at, 1);
}
END_TEST

/* Once signed, the strokes and the name are fixed until cleared. */
START_TEST (test_signed_is_fixed)
{
  g_autoptr(ConsultSignature) signature = consult_signature_new ();
  g_autoptr(GDateTime) at = g_date_time_new_now_local ();
  const ConsultSignaturePoint stroke[] = { { 1, 2, 1, 0 } };

  consult_signature_add_stroke (signature, stroke, 1);
  consult_signature_set_signer_name (signature, "Ada");
  consult_signature_set_signed_at (signature, at);

  expect_criticals ();
  consult_signature_begin_stroke (signature);
  consult_signature_add_stroke (signature, stroke, 1);
  ck_assert (!consult_signature_undo_last_stroke (signature));
  consult_signature_set_signer_name (signature, "Eve");
  ck_assert_uint_eq (n_criticals, 4);
  ck_assert_uint_eq (consult_signature_get_n_strokes (signature), 1);
  ck_assert_str_eq (consult_signature_get_signer_name (signature), "Ada");
  ck_assert (!consult_signature_is_drawing (signature));

  consult_signature_clear (signature);
  consult_signature_add_stroke (signature, stroke, 1);
  ck_assert_uint_eq (n_criticals, 4);
  ck_assert_uint_eq (consult_signature_get_n_strokes (signature), 1);
}
END_TEST

START_TEST (test_finalize)
{
  ConsultSignature *signature = consult_signature_new ();
  gpointer weak = signature;
  const ConsultSignaturePoint stroke[] = { { 1, 2, 1, 0 } };

  g_object_add_weak_pointer (G_OBJECT (signature), &weak);
  consult_signature_add_stroke (signature, stroke, 1);
  consult_signature_begin_stroke (signature);
  consult_signature_add_point (signature, 3, 3, 1, 0);
  g_object_unref (signature);
  ck_assert_ptr_null (weak);
}
END_TEST

static Suite *
signature_suite (void)
{
  Suite *s = suite_create ("signature");
  TCase *tc = tcase_create ("signature");

  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_test (tc, test_new_is_empty);
  tcase_add_test (tc, test_draw_strokes);
  tcase_add_test (tc, test_empty_and_open_strokes);
  tcase_add_test (tc, test_points_clamped);
  tcase_add_test (tc, test_bounds);
  tcase_add_test (tc, test_add_stroke);
  tcase_add_test (tc, test_undo);
  tcase_add_test (tc, test_signer_and_time);
  tcase_add_test (tc, test_clear);
  tcase_add_test (tc, test_signed_is_fixed);
  tcase_add_test (tc, test_finalize);
  suite_add_tcase (s, tc);

  return s;
}

int
main (void)
{
  return consult_test_run_suite (signature_suite (), FALSE);
}
