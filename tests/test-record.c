/* test-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Records: a consultation saved and read back is the same consultation,
 * strokes included; files are owner-only and never half-written, even when
 * the writer is killed, the folder is read-only or the disk is "full"; a
 * record changed after signing is refused as modified; broken and hostile
 * records are refused quickly, naming the file, and are never changed by
 * the attempt; leftovers of interrupted saves are removed, and nothing else.
 *
 * The example records in tests/data/records were written by the generator
 * below: CONSULT_WRITE_RECORD_DATA=DIR makes test_examples_generate write
 * them to DIR.
 */

#include "consult-config.h"

#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "consult-content-loader.h"
#include "consult-record-private.h"
#include "consult-summary-pdf.h"
#include "consult-test-utils.h"
#include "consult-validate.h"
#include "consult-xml.h"

/* Building consultations */

static ConsultContent *
load_shipped (void)
{
  g_autoptr(GError) error = NULL;
  ConsultContent *content = consult_content_load_default (&error);

  ck_assert_msg (content != NULL, "%s", error ? error->message : "");
  return content;
}

static GDateTime *
utc (int year,
     int month,
     int day,
     int hour,
     int minute,
     int second)
{
  return g_date_time_new_utc (year, month, day, hour, minute, second);
}

static ConsultConsultation *
new_consultation (ConsultContent *content,
                  const char     *record_id,
                  GDateTime      *created)
{
  return g_object_new (CONSULT_TYPE_CONSULTATION,
                       "content", content,
                       "record-id", record_id,
                       "created", created,
                       NULL);
}

static double
quantize (double value,
          double scale)
{
  return round (value * scale) / scale;
}

/* Handwriting of a sort: each stroke a run of loops (a trochoid) drifting
 * right along a slanted baseline, each loop of its own height and width as
 * letters are, with the pressure rising and falling as a pen's does,
 * sampled every 8 ms or so. A loop starts and ends on the baseline, so its
 * size can change there without a jump. @on_grid keeps the values on the
 * record's grid, so that a round trip compares exactly. */
static void
draw_cursive (ConsultSignature *signature,
              guint             seed,
              guint             n_strokes,
              guint             n_points,
              gboolean          on_grid)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree ConsultSignaturePoint *points = g_new0 (ConsultSignaturePoint, n_points);
  double width = (CONSULT_SIGNATURE_WIDTH - 80.0) / MAX (n_strokes, 1);
  gint64 time_ms = 0;

  for (guint s = 0; s < n_strokes; s++)
    {
      double x0 = 40.0 + s * width;
      double baseline = 120.0 + g_rand_double_range (rand, -10.0, 10.0);
      double loops = g_rand_double_range (rand, 2.0, 4.0);
      double heights[8], widths[8];

      for (guint k = 0; k < G_N_ELEMENTS (heights); k++)
        {
          heights[k] = g_rand_double_range (rand, 8.0, 34.0);
          widths[k] = g_rand_double_range (rand, 6.0, 14.0);
        }

      for (guint i = 0; i < n_points; i++)
        {
          double t = (double) i / MAX (n_points - 1, 1);
          double angle = t * loops * 2.0 * G_PI;
          guint loop = MIN ((guint) (angle / (2.0 * G_PI)), G_N_ELEMENTS (heights) - 1);
          double x = x0 + t * width * 0.9 - widths[loop] * sin (angle);
          double y = baseline - t * 8.0 - heights[loop] * (1.0 - cos (angle));
          double pressure = 0.45 + 0.35 * sin (t * G_PI) + g_rand_double_range (rand, -0.05, 0.05);

          points[i].x = on_grid ? quantize (x, 100.0) : x;
          points[i].y = on_grid ? quantize (CLAMP (y, 0.0, CONSULT_SIGNATURE_HEIGHT), 100.0) : y;
          points[i].pressure = on_grid ? quantize (CLAMP (pressure, 0.0, 1.0), 1000.0) : pressure;
          points[i].time_ms = time_ms;
          time_ms += 7 + g_rand_int_range (rand, 0, 3);
        }
      time_ms += 150 + g_rand_int_range (rand, 0, 200);

      consult_signature_add_stroke (signature, points, n_points);
    }
}

/* Signs as a record reader restores a signature: strokes, name, then the
 * time, so that the examples have fixed signing times. */
static void
sign_at (ConsultConsultation *c,
         ConsultSigner        signer,
         const char          *name,
         GDateTime           *when)
{
  ConsultSignature *signature = consult_consultation_get_signature (c, signer);

  ck_assert (consult_consultation_can_consent (c));
  ck_assert (consult_consultation_get_statements_complete (c));
  consult_signature_set_signer_name (signature, name);
  consult_signature_set_signed_at (signature, when);
}

static void
answer_all (ConsultConsultation *c,
            ConsultAnswer        answer)
{
  GPtrArray *questions = consult_content_get_questions (consult_consultation_get_content (c));

  for (guint i = 0; i < questions->len; i++)
    ck_assert (consult_consultation_set_answer (
      c, ((ConsultQuestion *) g_ptr_array_index (questions, i))->id, answer));
}

static void
tick_all (ConsultConsultation *c,
          gboolean             optional_too)
{
  GPtrArray *statements = consult_content_get_statements (consult_consultation_get_content (c));

  for (guint i = 0; i < statements->len; i++)
    {
      const ConsultStatement *statement = g_ptr_array_index (statements, i);

      if (statement->required || optional_too)
        ck_assert (consult_consultation_set_statement_accepted (c, statement->id, TRUE));
    }
}

static void
discuss_all (ConsultConsultation *c)
{
  for (guint i = 0; i < CONSULT_N_EXPLANATIONS; i++)
    ck_assert (consult_consultation_set_discussed (c, i, TRUE));
}

/* The complete, signed example: Jane Example, suitable with precautions
 * (a history of cold sores, with the precaution noted). */
static ConsultConsultation *
make_complete (ConsultContent *content)
{
  g_autoptr(GDateTime) created = utc (2026, 3, 2, 10, 5, 0);
  g_autoptr(GDateTime) client_signed = utc (2026, 3, 2, 10, 38, 12);
  g_autoptr(GDateTime) practitioner_signed = utc (2026, 3, 2, 10, 39, 47);
  ConsultConsultation *c;

  c = new_consultation (content, "6f1c2a9e-3b7d-4c58-9e21-0d4b8a7c5e13", created);
  ck_assert (consult_consultation_set_consultation_date (c, "2026-03-02"));
  ck_assert (consult_consultation_set_client_name (c, "Jane Example"));
  ck_assert (consult_consultation_set_client_birth_date (c, "1988-04-12"));
  ck_assert (consult_consultation_set_client_contact (c, "jane.example@example.org, 01632 960001"));
  ck_assert (consult_consultation_set_area_selected (c, "face", TRUE));
  ck_assert (consult_consultation_set_area_selected (c, "neck", TRUE));
  ck_assert (consult_consultation_set_practitioner_name (c, "Alex Morgan"));
  discuss_all (c);
  answer_all (c, CONSULT_ANSWER_NO);
  ck_assert (consult_consultation_set_answer (c, "cold-sore-history", CONSULT_ANSWER_YES));
  ck_assert (consult_consultation_set_note (c, "cold-sore-history",
                                            "Last outbreak two years ago. Antiviral cover "
                                            "arranged with her GP, starting two days before "
                                            "treatment."));
  ck_assert (consult_consultation_set_general_notes (c,
                                                     "First course of three sessions planned, "
                                                     "four weeks apart. Patch test done on "
                                                     "2026-02-23, no reaction."));
  ck_assert_int_eq (consult_consultation_get_outcome (c),
                    CONSULT_OUTCOME_SUITABLE_WITH_PRECAUTIONS);
  tick_all (c, TRUE);

  draw_cursive (consult_consultation_get_signature (c, CONSULT_SIGNER_CLIENT), 7, 4, 64, TRUE);
  sign_at (c, CONSULT_SIGNER_CLIENT, "Jane Example", client_signed);
  draw_cursive (consult_consultation_get_signature (c, CONSULT_SIGNER_PRACTITIONER), 11, 3, 52,
                TRUE);
  sign_at (c, CONSULT_SIGNER_PRACTITIONER, "Alex Morgan", practitioner_signed);
  ck_assert (consult_consultation_get_locked (c));

  return c;
}

/* Deferred: recent sun exposure; no consent, no signature. */
static ConsultConsultation *
make_deferred (ConsultContent *content)
{
  g_autoptr(GDateTime) created = utc (2026, 3, 4, 14, 30, 0);
  ConsultConsultation *c;

  c = new_consultation (content, "b2d4f6a8-1c3e-4a5b-8d7f-9e0a1b2c3d4e", created);
  ck_assert (consult_consultation_set_consultation_date (c, "2026-03-04"));
  ck_assert (consult_consultation_set_client_name (c, "John Sample"));
  ck_assert (consult_consultation_set_client_birth_date (c, "1979-11-30"));
  ck_assert (consult_consultation_set_client_contact (c, "01632 960002"));
  ck_assert (consult_consultation_set_area_selected (c, "chest", TRUE));
  ck_assert (consult_consultation_set_practitioner_name (c, "Alex Morgan"));
  discuss_all (c);
  answer_all (c, CONSULT_ANSWER_NO);
  ck_assert (consult_consultation_set_answer (c, "recent-sun", CONSULT_ANSWER_YES));
  ck_assert (consult_consultation_set_note (c, "recent-sun", "Sunburn from a skiing holiday, "
                                            "back nine days ago."));
  ck_assert (consult_consultation_set_general_notes (c, "Rebooked for 2026-03-25."));
  ck_assert_int_eq (consult_consultation_get_outcome (c), CONSULT_OUTCOME_DEFER);

  return c;
}

/* Not suitable: a bleeding disorder. */
static ConsultConsultation *
make_not_suitable (ConsultContent *content)
{
  g_autoptr(GDateTime) created = utc (2026, 3, 5, 9, 0, 0);
  ConsultConsultation *c;

  c = new_consultation (content, "c3e5a7b9-2d4f-4b6c-9e8a-0f1b2c3d4e5f", created);
  ck_assert (consult_consultation_set_consultation_date (c, "2026-03-05"));
  ck_assert (consult_consultation_set_client_name (c, "Sam Placeholder"));
  ck_assert (consult_consultation_set_client_birth_date (c, "1965-06-01"));
  ck_assert (consult_consultation_set_client_contact (c, "sam@example.net"));
  ck_assert (consult_consultation_set_area_selected (c, "hands", TRUE));
  ck_assert (consult_consultation_set_practitioner_name (c, "Alex Morgan"));
  discuss_all (c);
  answer_all (c, CONSULT_ANSWER_NO);
  ck_assert (consult_consultation_set_answer (c, "bleeding-disorder", CONSULT_ANSWER_YES));
  ck_assert (consult_consultation_set_note (c, "bleeding-disorder", "Von Willebrand disease."));
  ck_assert (consult_consultation_set_general_notes (c, "Alternatives discussed; client to "
                                                     "speak to her haematologist."));
  ck_assert_int_eq (consult_consultation_get_outcome (c), CONSULT_OUTCOME_NOT_SUITABLE);

  return c;
}

/* A draft: the client step done and the screening begun. */
static ConsultConsultation *
make_unsigned_draft (ConsultContent *content)
{
  g_autoptr(GDateTime) created = utc (2026, 3, 6, 16, 45, 0);
  GPtrArray *questions = consult_content_get_questions (content);
  ConsultConsultation *c;

  c = new_consultation (content, "d4f6b8c0-3e5a-4c7d-8f9b-1a2b3c4d5e6f", created);
  ck_assert (consult_consultation_set_consultation_date (c, "2026-03-06"));
  ck_assert (consult_consultation_set_client_name (c, "Robin Draft"));
  ck_assert (consult_consultation_set_client_birth_date (c, "1992-02-29"));
  ck_assert (consult_consultation_set_area_selected (c, "face", TRUE));
  ck_assert (consult_consultation_set_practitioner_name (c, "Alex Morgan"));
  ck_assert (consult_consultation_set_discussed (c, CONSULT_EXPLANATION_PROCEDURE, TRUE));
  for (guint i = 0; i < 5; i++)
    ck_assert (consult_consultation_set_answer (
      c, ((ConsultQuestion *) g_ptr_array_index (questions, i))->id, CONSULT_ANSWER_NO));
  ck_assert_int_eq (consult_consultation_get_outcome (c), CONSULT_OUTCOME_INCOMPLETE);

  return c;
}

typedef ConsultConsultation *(*MakeFunc) (ConsultContent *content);

static const struct {
  const char *name;
  MakeFunc make;
} examples[] = {
  { "complete.xml", make_complete },
  { "deferred.xml", make_deferred },
  { "not-suitable.xml", make_not_suitable },
  { "unsigned-draft.xml", make_unsigned_draft },
};

/* Every example was last written at this time. */
static GDateTime *
examples_modified (void)
{
  return utc (2026, 3, 6, 17, 0, 0);
}

/* Helpers */

static char *
record_path (const char *name)
{
  return consult_test_data_path ("records", name, NULL);
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  ck_assert_msg (g_file_get_contents (path, &text, NULL, &error), "%s",
                 error ? error->message : "");
  return text;
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  ck_assert_msg (g_file_set_contents (path, text, -1, &error), "%s",
                 error ? error->message : "");
}

/* @text with the first @old replaced by @new, which must be found. */
static char *
replace_once (const char *text,
              const char *old,
              const char *new)
{
  const char *at = strstr (text, old);

  ck_assert_msg (at != NULL, "“%s” not found", old);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, new, at + strlen (old));
}

static ConsultConsultation *
load_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  ConsultConsultation *c = consult_record_load_file (path, NULL, &error);

  ck_assert_msg (c != NULL, "%s", error ? error->message : "");
  return c;
}

static mode_t
file_mode (const char *path)
{
  GStatBuf st;

  ck_assert_int_eq (g_stat (path, &st), 0);
  return st.st_mode & 07777;
}

static guint
count_entries (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  ck_assert_ptr_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
assert_same_text (const ConsultText *a,
                  const ConsultText *b)
{
  ck_assert_str_eq (a->plain, b->plain);
  ck_assert_str_eq (a->markup, b->markup);
}

static void
assert_same_item (const ConsultItem *a,
                  const ConsultItem *b)
{
  ck_assert_str_eq (a->id, b->id);
  assert_same_text (&a->text, &b->text);
}

/* The alternatives and the aftercare of @b's content are @a's, in order,
 * every text with its markup. */
static void
assert_same_alternatives_and_aftercare (ConsultContent *a,
                                        ConsultContent *b)
{
  GPtrArray *alternatives = consult_content_get_alternatives (a);
  GPtrArray *aftercare = consult_content_get_aftercare (a);

  ck_assert_uint_gt (alternatives->len, 0);
  ck_assert_uint_eq (consult_content_get_alternatives (b)->len, alternatives->len);
  for (guint i = 0; i < alternatives->len; i++)
    assert_same_item (g_ptr_array_index (alternatives, i),
                      g_ptr_array_index (consult_content_get_alternatives (b), i));

  ck_assert_uint_gt (aftercare->len, 0);
  ck_assert_uint_eq (consult_content_get_aftercare (b)->len, aftercare->len);
  for (guint i = 0; i < aftercare->len; i++)
    {
      const ConsultAftercareWindow *x = g_ptr_array_index (aftercare, i);
      const ConsultAftercareWindow *y = g_ptr_array_index (consult_content_get_aftercare (b), i);

      ck_assert_str_eq (x->id, y->id);
      assert_same_text (&x->label, &y->label);
      ck_assert_uint_gt (x->instructions->len, 0);
      ck_assert_uint_eq (y->instructions->len, x->instructions->len);
      for (guint j = 0; j < x->instructions->len; j++)
        assert_same_item (g_ptr_array_index (x->instructions, j),
                          g_ptr_array_index (y->instructions, j));
    }
}

static void
assert_same_signature (ConsultSignature *a,
                       ConsultSignature *b,
                       double            tolerance)
{
  guint n = consult_signature_get_n_strokes (a);

  ck_assert_str_eq (consult_signature_get_signer_name (a) ? consult_signature_get_signer_name (a)
                                                          : "(none)",
                    consult_signature_get_signer_name (b) ? consult_signature_get_signer_name (b)
                                                          : "(none)");
  ck_assert_int_eq (consult_signature_is_signed (a), consult_signature_is_signed (b));
  if (consult_signature_is_signed (a))
    ck_assert (g_date_time_equal (consult_signature_get_signed_at (a),
                                  consult_signature_get_signed_at (b)));

  ck_assert_uint_eq (consult_signature_get_n_strokes (b), n);
  for (guint i = 0; i < n; i++)
    {
      const ConsultSignaturePoint *pa, *pb;
      gsize na, nb;

      pa = consult_signature_get_stroke (a, i, &na);
      pb = consult_signature_get_stroke (b, i, &nb);
      ck_assert_uint_eq (na, nb);
      for (gsize j = 0; j < na; j++)
        {
          if (tolerance == 0.0)
            {
              ck_assert_msg (pa[j].x == pb[j].x && pa[j].y == pb[j].y &&
                             pa[j].pressure == pb[j].pressure,
                             "stroke %u point %" G_GSIZE_FORMAT ": (%g, %g, %g) != (%g, %g, %g)",
                             i, j, pa[j].x, pa[j].y, pa[j].pressure,
                             pb[j].x, pb[j].y, pb[j].pressure);
            }
          else
            {
              ck_assert_double_le (fabs (pa[j].x - pb[j].x), tolerance);
              ck_assert_double_le (fabs (pa[j].y - pb[j].y), tolerance);
              ck_assert_double_le (fabs (pa[j].pressure - pb[j].pressure), tolerance / 10);
            }
          ck_assert_int_eq (pa[j].time_ms, pb[j].time_ms);
        }
    }
}

/* Every field of @b equals @a's; @b's content is a snapshot of @a's. */
static void
assert_same_consultation (ConsultConsultation *a,
                          ConsultConsultation *b,
                          double               tolerance)
{
  ConsultContent *ca = consult_consultation_get_content (a);
  ConsultContent *cb = consult_consultation_get_content (b);
  GPtrArray *questions = consult_content_get_questions (ca);
  GPtrArray *statements = consult_content_get_statements (ca);
  GPtrArray *areas = consult_content_get_areas (ca);
  g_autoptr(ConsultScreeningResult) ra = consult_consultation_dup_screening (a);
  g_autoptr(ConsultScreeningResult) rb = consult_consultation_dup_screening (b);
  g_autofree char *digest_a = consult_record_compute_digest (a);
  g_autofree char *digest_b = consult_record_compute_digest (b);
  g_autofree char *created_a = g_date_time_format (consult_consultation_get_created (a), "%FT%T%:z");
  g_autofree char *created_b = g_date_time_format (consult_consultation_get_created (b), "%FT%T%:z");

  /* The record */
  ck_assert_str_eq (consult_consultation_get_record_id (a), consult_consultation_get_record_id (b));
  ck_assert_str_eq (created_a, created_b);
  ck_assert_str_eq (consult_record_get_amends (a) ? consult_record_get_amends (a) : "(none)",
                    consult_record_get_amends (b) ? consult_record_get_amends (b) : "(none)");

  /* The snapshot */
  ck_assert_str_eq (consult_content_get_id (ca), consult_content_get_id (cb));
  ck_assert_str_eq (consult_content_get_version (ca), consult_content_get_version (cb));
  ck_assert_str_eq (consult_content_get_language (ca), consult_content_get_language (cb));
  ck_assert_str_eq (consult_content_get_reviewed (ca), consult_content_get_reviewed (cb));
  ck_assert_str_eq (consult_content_get_sha256 (ca), consult_content_get_sha256 (cb));
  assert_same_text (consult_content_get_title (ca), consult_content_get_title (cb));

  ck_assert_uint_eq (consult_content_get_areas (cb)->len, areas->len);
  for (guint i = 0; i < areas->len; i++)
    {
      const ConsultArea *x = g_ptr_array_index (areas, i);
      const ConsultArea *y = g_ptr_array_index (consult_content_get_areas (cb), i);

      ck_assert_str_eq (x->id, y->id);
      assert_same_text (&x->label, &y->label);
      ck_assert_int_eq (consult_consultation_is_area_selected (a, x->id),
                        consult_consultation_is_area_selected (b, y->id));
    }

  ck_assert_uint_eq (consult_content_get_questions (cb)->len, questions->len);
  for (guint i = 0; i < questions->len; i++)
    {
      const ConsultQuestion *x = g_ptr_array_index (questions, i);
      const ConsultQuestion *y = g_ptr_array_index (consult_content_get_questions (cb), i);

      ck_assert_str_eq (x->id, y->id);
      ck_assert_int_eq (x->rule, y->rule);
      assert_same_text (&x->label, &y->label);
      assert_same_text (&x->question, &y->question);
      assert_same_text (&x->action, &y->action);
      ck_assert_int_eq (consult_consultation_get_answer (a, x->id),
                        consult_consultation_get_answer (b, x->id));
      ck_assert_str_eq (consult_consultation_get_note (a, x->id),
                        consult_consultation_get_note (b, x->id));
    }

  ck_assert_uint_eq (consult_content_get_statements (cb)->len, statements->len);
  for (guint i = 0; i < statements->len; i++)
    {
      const ConsultStatement *x = g_ptr_array_index (statements, i);
      const ConsultStatement *y = g_ptr_array_index (consult_content_get_statements (cb), i);

      ck_assert_str_eq (x->id, y->id);
      ck_assert_int_eq (x->kind, y->kind);
      ck_assert_int_eq (x->required, y->required);
      assert_same_text (&x->text, &y->text);
      ck_assert_int_eq (consult_consultation_get_statement_accepted (a, x->id),
                        consult_consultation_get_statement_accepted (b, x->id));
    }

  assert_same_alternatives_and_aftercare (ca, cb);

  /* The consultation */
  ck_assert_str_eq (consult_consultation_get_client_name (a),
                    consult_consultation_get_client_name (b));
  ck_assert_str_eq (consult_consultation_get_client_birth_date (a),
                    consult_consultation_get_client_birth_date (b));
  ck_assert_str_eq (consult_consultation_get_client_contact (a),
                    consult_consultation_get_client_contact (b));
  ck_assert_str_eq (consult_consultation_get_practitioner_name (a),
                    consult_consultation_get_practitioner_name (b));
  ck_assert_str_eq (consult_consultation_get_consultation_date (a),
                    consult_consultation_get_consultation_date (b));
  ck_assert_str_eq (consult_consultation_get_general_notes (a),
                    consult_consultation_get_general_notes (b));
  for (guint i = 0; i < CONSULT_N_EXPLANATIONS; i++)
    ck_assert_int_eq (consult_consultation_get_discussed (a, i),
                      consult_consultation_get_discussed (b, i));
  ck_assert_int_eq (ra->outcome, rb->outcome);
  ck_assert_uint_eq (ra->reasons->len, rb->reasons->len);
  ck_assert_int_eq (consult_consultation_get_locked (a), consult_consultation_get_locked (b));

  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    assert_same_signature (consult_consultation_get_signature (a, i),
                           consult_consultation_get_signature (b, i), tolerance);

  ck_assert_str_eq (digest_a, digest_b);
}

/* Round trips */

START_TEST (test_round_trip)
{
  g_autoptr(ConsultContent) content = load_shipped ();
  g_autoptr(ConsultConsultation) c = NULL;
  g_autoptr(ConsultConsultation) read = NULL;
  g_autoptr(ConsultContent) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) created = g_date_time_new_now_local ();
  g_autoptr(GDateTime) modified = utc (2026, 5, 1, 12, 0, 0);
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "records", "2026", "round-trip.xml", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  const char *awkward = "Ünïcødé & <tags> \"quotes\" 'apostrophes'\r\nline\ttab  ";

  c = new_consultation (content, "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", created);
  ck_assert (consult_record_set_amends (c, "FFEEDDCC-BBAA-4988-8776-655443322110"));
  ck_assert (consult_consultation_set_consultation_date (c, "2026-04-30"));
  ck_assert (consult_consultation_set_client_name (c, "Zoë O’Brien-Łukasiewicz"));
  ck_assert (consult_consultation_set_client_birth_date (c, "1990-01-31"));
  ck_assert (consult_consultation_set_client_contact (c, awkward));
  ck_assert (consult_consultation_set_area_selected (c, "face", TRUE));
  ck_assert (consult_consultation_set_area_selected (c, "back", TRUE));
  ck_assert (consult_consultation_set_practitioner_name (c, "Dr. P. <Practitioner>"));
  ck_assert (consult_consultation_set_general_notes (c, "  Leading and trailing space.\n\n"
                                                     "Second paragraph & more.  "));
  discuss_all (c);
  answer_all (c, CONSULT_ANSWER_NO);
  ck_assert (consult_consultation_set_answer (c, "skin-type-iv-vi", CONSULT_ANSWER_YES));
  ck_assert (consult_consultation_set_note (c, "skin-type-iv-vi", "Fitzpatrick V: shallower "
                                            "needle depth, pre-treatment with tyrosinase "
                                            "inhibitor."));
  ck_assert (consult_consultation_set_answer (c, "blood-thinners", CONSULT_ANSWER_YES));
  ck_assert (consult_consultation_set_note (c, "blood-thinners", awkward));
  /* A note on a "no" answer is kept too. */
  ck_assert (consult_consultation_set_note (c, "pregnancy", "Asked twice; sure."));
  tick_all (c, TRUE);
  draw_cursive (consult_consultation_get_signature (c, CONSULT_SIGNER_CLIENT), 1, 3, 60, TRUE);
  draw_cursive (consult_consultation_get_signature (c, CONSULT_SIGNER_PRACTITIONER), 2, 2, 45,
                TRUE);
  ck_assert_msg (consult_consultation_sign (c, CONSULT_SIGNER_CLIENT, "Zoë", &error), "%s",
                 error ? error->message : "");
  ck_assert_msg (consult_consultation_sign (c, CONSULT_SIGNER_PRACTITIONER, "P.", &error), "%s",
                 error ? error->message : "");
  ck_assert (consult_consultation_get_locked (c));
  ck_assert (consult_consultation_get_modified (c));

  ck_assert_msg (consult_record_save (c, path, &error), "%s", error ? error->message : "");
  ck_assert (!consult_consultation_get_modified (c));

  read = consult_record_load_file (path, &snapshot, &error);
  ck_assert_msg (read != NULL, "%s", error ? error->message : "");
  ck_assert_ptr_eq (snapshot, consult_consultation_get_content (read));
  ck_assert_str_eq (consult_content_get_source_name (snapshot), path);
  ck_assert (!consult_consultation_get_modified (read));
  ck_assert (consult_consultation_get_locked (read));
  ck_assert_str_eq (consult_consultation_get_client_contact (read), awkward);
  ck_assert_str_eq (consult_record_get_amends (read), "ffeeddcc-bbaa-4988-8776-655443322110");
  assert_same_consultation (c, read, 0.0);

  /* Written again, byte for byte the same. */
  first = _consult_record_serialize_at (c, modified, NULL, &error);
  second = _consult_record_serialize_at (read, modified, NULL, &error);
  ck_assert_str_eq (first, second);
}
END_TEST

/* Content wording beyond ASCII, with and without emphasis (any
 * translation has it): kept character for character in the snapshot,
 * and the digest still matches when the record is read back. */
START_TEST (test_round_trip_non_ascii_content)
{
  g_autoptr(GBytes) shipped = g_resources_lookup_data (CONSULT_CONTENT_DEFAULT_RESOURCE,
                                                       G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autofree char *text = g_strndup (g_bytes_get_data (shipped, NULL), g_bytes_get_size (shipped));
  g_autofree char *step1 = replace_once (text, "Do <em>not</em> pick at flaking skin",
                                         "Zupfen Sie <em>nicht</em> an schuppender Haut – "
                                         "„lösen“ ☺ &amp; ß");
  g_autofree char *step2 = replace_once (step1, "I consent to micro-needling",
                                         "Ich willige in das Microneedling ein – naïve "
                                         "‘tram-track’ Ünïcødé");
  g_autoptr(GBytes) bytes = g_bytes_new (step2, strlen (step2));
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsultContent) content = consult_content_loader_load_bytes (bytes, "unicode.xml",
                                                                          &error);
  g_autoptr(ConsultConsultation) c = NULL;
  g_autoptr(ConsultConsultation) read = NULL;
  g_autoptr(ConsultContent) snapshot = NULL;
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "unicode.consult.xml", NULL);
  g_autofree char *saved = NULL;
  const ConsultStatement *statement;

  ck_assert_msg (content != NULL, "%s", error ? error->message : "");
  c = make_complete (content);
  ck_assert_msg (consult_record_save (c, path, &error), "%s", error ? error->message : "");

  read = consult_record_load_file (path, &snapshot, &error);
  ck_assert_msg (read != NULL, "%s", error ? error->message : "");
  statement = g_ptr_array_index (consult_content_get_statements (snapshot), 0);
  ck_assert_str_eq (statement->text.plain, "Ich willige in das Microneedling ein – naïve "
                    "‘tram-track’ Ünïcødé of the area or areas recorded in this consultation.");
  saved = read_text (path);
  ck_assert_ptr_null (strstr (saved, "\xef\xbf\xbd"));
  ck_assert_ptr_nonnull (strstr (saved, "Zupfen Sie <em>nicht</em> an schuppender "
                                 "Haut – „lösen“ ☺ &amp; ß"));
  assert_same_consultation (c, read, 0.0);
}
END_TEST

/* Values off the record's grid: rounded on the way, and the digest,
 * computed on the rounded values, still matches. */
START_TEST (test_round_trip_rounding)
{
  g_autoptr(ConsultContent) content = load_shipped ();
  g_autoptr(ConsultConsultation) c = make_complete (content);
  g_autoptr(ConsultConsultation) draft = make_unsigned_draft (content);
  g_autoptr(ConsultConsultation) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "r.xml", NULL);
  g_autofree char *text = NULL;
  ConsultSignature *signature;

  consult_consultation_amend (c);
  signature = consult_consultation_get_signature (c, CONSULT_SIGNER_CLIENT);
  draw_cursive (signature, 99, 3, 70, FALSE);
  ck_assert (consult_consultation_sign (c, CONSULT_SIGNER_CLIENT, "Jane Example", NULL));
  ck_assert (consult_record_save (c, path, &error));
  read = consult_record_load_file (path, NULL, &error);
  ck_assert_msg (read != NULL, "%s", error ? error->message : "");
  ck_assert (!consult_consultation_get_locked (read));
  ck_assert (consult_consultation_is_signed (read, CONSULT_SIGNER_CLIENT));
  assert_same_consultation (c, read, 0.005);
  g_clear_object (&read);

  /* Strokes drawn, not signed yet: kept, and not covered by the digest. */
  draw_cursive (consult_consultation_get_signature (draft, CONSULT_SIGNER_CLIENT), 5, 1, 30, FALSE);
  ck_assert (consult_record_save (draft, path, &error));
  read = consult_record_load_file (path, NULL, &error);
  ck_assert_msg (read != NULL, "%s", error ? error->message : "");
  ck_assert (!consult_consultation_is_signed (read, CONSULT_SIGNER_CLIENT));
  assert_same_consultation (draft, read, 0.005);
  text = read_text (path);
  ck_assert_ptr_null (strstr (text, "<integrity"));
}
END_TEST

/* Characters XML cannot hold become U+FFFD, on the page and in the digest
 * alike; ticks made while consent was possible survive an answer that
 * since took it away. */
START_TEST (test_round_trip_draft_oddities)
{
  g_autoptr(ConsultContent) content = load_shipped ();
  g_autoptr(ConsultConsultation) c = make_complete (content);
  g_autoptr(ConsultConsultation) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "r.xml", NULL);
  g_autofree char *digest = NULL;
  g_autofree char *read_digest = NULL;

  consult_consultation_amend (c);
  ck_assert (consult_consultation_set_answer (c, "bleeding-disorder", CONSULT_ANSWER_YES));
  ck_assert (consult_consultation_set_client_birth_date (c, ""));
  ck_assert (consult_consultation_set_discussed (c, CONSULT_EXPLANATION_BENEFITS, FALSE));
  ck_assert (consult_consultation_set_general_notes (c, "bell\x07 and form feed\x0c."));
  ck_assert (!consult_consultation_can_consent (c));
  ck_assert (consult_consultation_get_statement_accepted (c, "photography"));
  digest = consult_record_compute_digest (c);

  ck_assert (consult_record_save (c, path, &error));
  read = consult_record_load_file (path, NULL, &error);
  ck_assert_msg (read != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (consult_consultation_get_general_notes (read),
                    "bell\xEF\xBF\xBD and form feed\xEF\xBF\xBD.");
  ck_assert (consult_consultation_get_statement_accepted (read, "photography"));
  ck_assert (consult_consultation_get_statements_complete (read));
  ck_assert (!consult_consultation_can_consent (read));
  ck_assert_str_eq (consult_consultation_get_client_birth_date (read), "");
  ck_assert_int_eq (consult_consultation_get_outcome (read), CONSULT_OUTCOME_NOT_SUITABLE);
  read_digest = consult_record_compute_digest (read);
  ck_assert_str_eq (read_digest, digest);
}
END_TEST

/* The same consultation gives the same bytes, however it was built. */
START_TEST (test_deterministic)
{
  g_autoptr(ConsultContent) content = load_shipped ();
  g_autoptr(ConsultConsultation) a = make_deferred (content);
  g_autoptr(ConsultConsultation) b = NULL;
  g_autoptr(GDateTime) modified = examples_modified ();
  g_autoptr(GDateTime) created = utc (2026, 3, 4, 14, 30, 0);
  GPtrArray *questions = consult_content_get_questions (content);
  g_autofree char *xa = NULL;
  g_autofree char *xb = NULL;
  gsize la, lb;

  /* The same answers, set in the reverse order, with detours. */
  b = new_consultation (content, "b2d4f6a8-1c3e-4a5b-8d7f-9e0a1b2c3d4e", created);
  for (guint i = questions->len; i > 0; i--)
    {
      const char *id = ((ConsultQuestion *) g_ptr_array_index (questions, i - 1))->id;

      ck_assert (consult_consultation_set_answer (b, id, CONSULT_ANSWER_YES));
      ck_assert (consult_consultation_set_answer (b, id, g_str_equal (id, "recent-sun")
                                                  ? CONSULT_ANSWER_YES : CONSULT_ANSWER_NO));
    }
  ck_assert (consult_consultation_set_note (b, "recent-sun", "Sunburn from a skiing holiday, "
                                            "back nine days ago."));
  ck_assert (consult_consultation_set_general_notes (b, "Rebooked for 2026-03-25."));
  ck_assert (consult_consultation_set_practitioner_name (b, "Alex Morgan"));
  ck_assert (consult_consultation_set_area_selected (b, "hands", TRUE));
  ck_assert (consult_consultation_set_area_selected (b, "chest", TRUE));
  ck_assert (consult_consultation_set_area_selected (b, "hands", FALSE));
  for (guint i = CONSULT_N_EXPLANATIONS; i > 0; i--)
    ck_assert (consult_consultation_set_discussed (b, i - 1, TRUE));
  ck_assert (consult_consultation_set_client_contact (b, "01632 960002"));
  ck_assert (consult_consultation_set_client_birth_date (b, "1979-11-30"));
  ck_assert (consult_consultation_set_client_name (b, "John Sample"));
  ck_assert (consult_consultation_set_consultation_date (b, "2026-03-04"));

  xa = _consult_record_serialize_at (a, modified, &la, NULL);
  xb = _consult_record_serialize_at (b, modified, &lb, NULL);
  ck_assert_uint_eq (la, strlen (xa));
  ck_assert_uint_eq (la, lb);
  ck_assert_str_eq (xa, xb);
}
END_TEST

/* The examples */

/* Builds the examples and checks each reads back as it was; with
 * CONSULT_WRITE_RECORD_DATA=DIR, writes them to DIR. */
START_TEST (test_examples_generate)
{
  g_autoptr(ConsultContent) content = load_shipped ();
  g_autoptr(GDateTime) modified = examples_modified ();
  const char *out_dir = g_getenv ("CONSULT_WRITE_RECORD_DATA");

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autoptr(ConsultConsultation) c = examples[i].make (content);
      g_autoptr(ConsultConsultation) read = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      gsize length;

      text = _consult_record_serialize_at (c, modified, &length, &error);
      ck_assert_ptr_nonnull (text);
      bytes = g_bytes_new (text, length);
      read = consult_record_load_bytes (bytes, examples[i].name, NULL, &error);
      ck_assert_msg (read != NULL, "%s", error ? error->message : "");
      assert_same_consultation (c, read, 0.0);

      if (out_dir != NULL)
        {
          g_autofree char *path = g_build_filename (out_dir, examples[i].name, NULL);

          ck_assert_msg (g_file_set_contents (path, text, length, &error), "%s",
                         error ? error->message : "");
        }
    }
}
END_TEST

/* The committed examples load as what they are, and a record read and
 * written again is the same file, byte for byte: nothing is lost or
 * reordered on the way, even once the shipped content has changed. */
START_TEST (test_examples_load)
{
  static const struct {
    const char *name;
    ConsultOutcome outcome;
    gboolean locked;
    const char *client;
  } expected[] = {
    { "complete.xml", CONSULT_OUTCOME_SUITABLE_WITH_PRECAUTIONS, TRUE, "Jane Example" },
    { "deferred.xml", CONSULT_OUTCOME_DEFER, FALSE, "John Sample" },
    { "not-suitable.xml", CONSULT_OUTCOME_NOT_SUITABLE, FALSE, "Sam Placeholder" },
    { "unsigned-draft.xml", CONSULT_OUTCOME_INCOMPLETE, FALSE, "Robin Draft" },
  };
  g_autoptr(GDateTime) modified = examples_modified ();

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *path = record_path (expected[i].name);
      g_autofree char *original = read_text (path);
      g_autoptr(ConsultConsultation) c = load_ok (path);
      g_autofree char *again = _consult_record_serialize_at (c, modified, NULL, NULL);
      g_autoptr(GPtrArray) problems = consult_problems_new ();

      ck_assert_str_eq (consult_consultation_get_client_name (c), expected[i].client);
      ck_assert_int_eq (consult_consultation_get_outcome (c), expected[i].outcome);
      ck_assert_int_eq (consult_consultation_get_locked (c), expected[i].locked);
      ck_assert (!consult_consultation_get_modified (c));
      ck_assert_str_eq (consult_content_get_id (consult_consultation_get_content (c)),
                        "microneedling");
      ck_assert_msg (g_str_equal (original, again), "%s changed on a round trip", path);

      ck_assert_msg (consult_validate_file (path, problems), "%s",
                     consult_problems_to_string (problems));
    }
}
END_TEST

/* The complete example has what the brief promised: strokes that look
 * like handwriting, and every statement. */
START_TEST (test_example_complete)
{
  g_autofree char *path = record_path ("complete.xml");
  g_autoptr(ConsultConsultation) c = load_ok (path);

  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    {
      ConsultSignature *signature = consult_consultation_get_signature (c, i);
      double width = 0;

      ck_assert (consult_signature_is_signed (signature));
      ck_assert_uint_ge (consult_signature_get_n_strokes (signature), 3);
      for (guint j = 0; j < consult_signature_get_n_strokes (signature); j++)
        {
          gsize n;

          consult_signature_get_stroke (signature, j, &n);
          ck_assert_uint_ge (n, 40);
          ck_assert_uint_le (n, 80);
        }
      ck_assert (consult_signature_get_bounds (signature, NULL, NULL, &width, NULL));
      ck_assert_double_gt (width, 300.0);
    }
  ck_assert (consult_consultation_get_statements_complete (c));
  ck_assert (consult_consultation_get_statement_accepted (c, "photography"));
  ck_assert (!consult_consultation_set_client_name (c, "Someone Else"));
}
END_TEST

/* A saved record prints what the client was given without the content
 * file: the alternatives discussed, and an aftercare client copy with
 * every instruction, the wording read from the record's own snapshot. */
START_TEST (test_example_complete_prints_aftercare)
{
  g_autoptr(ConsultContent) shipped = load_shipped ();
  g_autofree char *record = record_path ("complete.xml");
  g_autoptr(ConsultConsultation) c = load_ok (record);
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "complete.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *layout_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *no_treatment = NULL;
  g_autofree char *first_instruction = NULL;
  g_autofree char *last_page = NULL;
  g_auto(GStrv) pages = NULL;
  guint n_pages;
  GPtrArray *alternatives = consult_content_get_alternatives (shipped);
  GPtrArray *aftercare = consult_content_get_aftercare (shipped);
  const ConsultAftercareWindow *first_window;
  const char *copy, *from;
  gboolean emphasis = FALSE;

  /* The record's snapshot holds the shipped wording, emphasis included. */
  assert_same_alternatives_and_aftercare (shipped, consult_consultation_get_content (c));
  for (guint i = 0; i < aftercare->len; i++)
    {
      const ConsultAftercareWindow *window = g_ptr_array_index (aftercare, i);

      for (guint j = 0; j < window->instructions->len; j++)
        {
          const ConsultItem *item = g_ptr_array_index (window->instructions, j);

          emphasis |= strstr (item->text.markup, "<i>") != NULL;
        }
    }
  ck_assert_msg (emphasis, "no aftercare instruction has emphasis: markup is not tested");

  ck_assert_msg (consult_summary_export_pdf (c, NULL, pdf, &error), "%s",
                 error ? error->message : "");
  layout_text = consult_test_pdf_text (pdf);
  text = consult_test_squeeze_spaces (layout_text);

  /* The alternatives, no treatment first, on the record's pages. */
  ck_assert_str_eq (((ConsultItem *) g_ptr_array_index (alternatives, 0))->id, "no-treatment");
  no_treatment = consult_test_squeeze_spaces (((ConsultItem *) g_ptr_array_index (alternatives, 0))->text.plain);
  copy = strstr (text, "Aftercare — client copy");
  ck_assert_msg (copy != NULL, "no aftercare client copy:\n%s", layout_text);
  from = strstr (text, "Alternatives discussed");
  ck_assert_msg (from != NULL && from < copy, "no alternatives before the client copy:\n%s",
                 layout_text);
  from = strstr (from, no_treatment);
  ck_assert_msg (from != NULL && from < copy, "“%s” is not among the alternatives:\n%s",
                 no_treatment, layout_text);

  /* The client copy, on the last page (pdftotext ends every page with a
   * form feed): every window and instruction, in order, the first
   * instruction above all. */
  pages = g_strsplit (layout_text, "\f", -1);
  n_pages = g_strv_length (pages);
  while (n_pages > 0 && *g_strstrip (pages[n_pages - 1]) == '\0')
    n_pages--;
  ck_assert_uint_ge (n_pages, 2);
  last_page = consult_test_squeeze_spaces (pages[n_pages - 1]);
  ck_assert_msg (strstr (last_page, "Aftercare — client copy") != NULL,
                 "the client copy is not the last page:\n%s", layout_text);
  copy = last_page;
  first_window = g_ptr_array_index (aftercare, 0);
  first_instruction = consult_test_squeeze_spaces (
    ((ConsultItem *) g_ptr_array_index (first_window->instructions, 0))->text.plain);
  ck_assert_msg (strstr (copy, first_instruction) != NULL,
                 "the client copy lacks “%s”:\n%s", first_instruction, copy);

  from = copy;
  for (guint i = 0; i < aftercare->len; i++)
    {
      const ConsultAftercareWindow *window = g_ptr_array_index (aftercare, i);
      g_autofree char *label = consult_test_squeeze_spaces (window->label.plain);

      from = strstr (from, label);
      ck_assert_msg (from != NULL, "the client copy lacks “%s” in its place:\n%s", label, copy);
      for (guint j = 0; j < window->instructions->len; j++)
        {
          const ConsultItem *item = g_ptr_array_index (window->instructions, j);
          g_autofree char *instruction = consult_test_squeeze_spaces (item->text.plain);

          from = strstr (from, instruction);
          ck_assert_msg (from != NULL, "the client copy lacks “%s” in its place:\n%s",
                         instruction, copy);
        }
    }
}
END_TEST

/* Files and folders */

START_TEST (test_permissions)
{
  g_autoptr(ConsultContent) content = load_shipped ();
  g_autoptr(ConsultConsultation) c = make_deferred (content);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *outer = g_build_filename (dir, "new", NULL);
  g_autofree char *folder = g_build_filename (outer, "records", NULL);
  g_autofree char *path = g_build_filename (folder, "r.xml", NULL);
  g_autofree char *existing = g_build_filename (dir, "existing.xml", NULL);
  mode_t old_umask;

  /* Even with a umask that lets everyone read. */
  old_umask = umask (0);
  ck_assert_msg (consult_record_save (c, path, &error), "%s", error ? error->message : "");
  ck_assert_int_eq (file_mode (path), 0600);
  ck_assert_int_eq (file_mode (folder), 0700);
  ck_assert_int_eq (file_mode (outer), 0700);

  /* A file that was readable by all is replaced by a private one. */
  ck_assert (g_file_set_contents (existing, "old", -1, NULL));
  ck_assert_int_eq (g_chmod (existing, 0644), 0);
  ck_assert (consult_record_save (c, existing, &error));
  ck_assert_int_eq (file_mode (existing), 0600);
  umask (old_umask);
}
END_TEST

START_TEST (test_default_folder)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *folder = NULL;
  g_autofree char *expected = g_build_filename (dir, "consult", "records", NULL);
  g_autofree char *file = g_build_filename (dir, "a-file", NULL);

  /* g_get_user_data_dir() reads the variable once: this test is forked. */
  g_setenv ("XDG_DATA_HOME", dir, TRUE);
  folder = consult_record_default_folder ();
  ck_assert_str_eq (folder, expected);
  ck_assert (!g_file_test (folder, G_FILE_TEST_EXISTS));

  ck_assert_msg (consult_record_ensure_folder (folder, &error), "%s",
                 error ? error->message : "");
  ck_assert_int_eq (file_mode (folder), 0700);

  /* Opened up by someone: closed again. */
  ck_assert_int_eq (g_chmod (folder, 0755), 0);
  ck_assert (consult_record_ensure_folder (folder, &error));
  ck_assert_int_eq (file_mode (folder), 0700);

  /* A folder the user chose is theirs to set. */
  ck_assert_int_eq (g_chmod (dir, 0755), 0);
  ck_assert (consult_record_ensure_folder (dir, &error));
  ck_assert_int_eq (file_mode (dir), 0755);

  ck_assert (g_file_set_contents (file, "", 0, NULL));
  ck_assert (!consult_record_ensure_folder (file, &error));
  ck_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
}
END_TEST

/* A record of 2 signatures of 150 strokes of 60 points: some 400 KB, so
 * that a save takes long enough to be killed in the middle. */
static ConsultConsultation *
make_large (ConsultContent *content)
{
  ConsultConsultation *c = make_complete (content);

  consult_consultation_amend (c);
  for (guint i = 0; i < CONSULT_N_SIGNERS; i++)
    {
      draw_cursive (consult_consultation_get_signature (c, i), 100 + i, 150, 60, FALSE);
      ck_assert (consult_consultation_sign (c, i, i == 0 ? "Jane Example" : "Alex Morgan", NULL));
    }

  return c;
}

START_TEST (test_kill_during_save)
{
  g_autoptr(ConsultContent) content = load_shipped ();
  g_autoptr(ConsultConsultation) c = make_large (content);
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "large.xml", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260302);
  gsize expected_length = 0;
  guint complete = 0, absent = 0, leftovers = 0;
  gint64 start;

  /* How long one save takes here, to spread the kills over it. */
  g_free (consult_record_serialize (c, &expected_length, NULL));
  start = g_get_monotonic_time ();
  ck_assert (consult_record_save (c, path, NULL));
  start = g_get_monotonic_time () - start;
  ck_assert_int_eq (g_unlink (path), 0);

  for (guint round = 0; round < 30; round++)
    {
      g_autoptr(GError) error = NULL;
      int status;
      pid_t pid;

      pid = fork ();
      ck_assert_int_ge (pid, 0);
      if (pid == 0)
        {
          for (;;)
            consult_record_save (c, path, NULL);
        }

      g_usleep (g_rand_int_range (rand, 0, (gint32) MAX (start * 3, 2000)));
      ck_assert_int_eq (kill (pid, SIGKILL), 0);
      ck_assert_int_eq (waitpid (pid, &status, 0), pid);
      ck_assert (WIFSIGNALED (status));

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        absent++;
      else
        {
          g_autoptr(ConsultConsultation) read = consult_record_load_file (path, NULL, &error);

          ck_assert_msg (read != NULL, "round %u: %s", round, error ? error->message : "");
          ck_assert_int_eq (file_mode (path), 0600);
          ck_assert (consult_consultation_get_locked (read));
          complete++;
        }

      leftovers += consult_record_clean_leftovers (dir);
      /* Nothing but the record is left. */
      ck_assert_uint_le (count_entries (dir), 1);
    }

  g_print ("kill -9 during saves: %u complete, %u not yet written, %u leftovers cleaned "
           "(one save: %" G_GINT64_FORMAT " µs)\n", complete, absent, leftovers, start);
  ck_assert_uint_eq (complete + absent, 30);
  ck_assert_uint_gt (complete, 0);
}
END_TEST

typedef struct {
  ConsultConsultation *c;
  const char *path;
  const char *folder;
} SaveJob;

/* In the child: the save fails, says why, and names the file. */
static void
save_must_fail (gpointer data)
{
  SaveJob *job = data;
  g_autoptr(GError) error = NULL;

  if (job->folder != NULL && g_chmod (job->folder, 0500) != 0)
    _exit (92);
  if (consult_record_save (job->c, job->path, &error))
    _exit (93);
  if (error == NULL || strstr (error->message, job->path) == NULL)
    _exit (94);
  if (!consult_consultation_get_modified (job->c))
    _exit (95);
}

START_TEST (test_read_only_folder)
{
  g_autoptr(ConsultContent) content = load_shipped ();
  g_autoptr(ConsultConsultation) c = make_deferred (content);
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *folder = g_build_filename (dir, "records", NULL);
  g_autofree char *path = g_build_filename (folder, "r.xml", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *owned[] = { folder, path, NULL };
  SaveJob job = { c, path, folder };

  ck_assert (consult_record_save (c, path, NULL));
  before = read_text (path);
  ck_assert (consult_consultation_set_general_notes (c, "Changed."));
  ck_assert_int_eq (g_chmod (dir, 0711), 0);

  ck_assert_int_eq (consult_test_run_unprivileged (save_must_fail, &job, owned), 0);

  after = read_text (path);
  ck_assert_str_eq (before, after);
  ck_assert_uint_eq (count_entries (folder), 1);
}
END_TEST

static void
save_over_size_limit (gpointer data)
{
  struct rlimit limit = { 4096, 4096 };

  /* Past the limit, write() fails with EFBIG instead of the signal. */
  signal (SIGXFSZ, SIG_IGN);
  if (setrlimit (RLIMIT_FSIZE, &limit) != 0)
    _exit (96);
  save_must_fail (data);
}

START_TEST (test_file_size_limit)
{
  g_autoptr(ConsultContent) content = load_shipped ();
  g_autoptr(ConsultConsultation) c = make_deferred (content);
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "r.xml", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *owned[] = { NULL };
  SaveJob job = { c, path, NULL };

  ck_assert (consult_record_save (c, path, NULL));
  before = read_text (path);
  ck_assert_uint_gt (strlen (before), 4096);
  ck_assert (consult_consultation_set_general_notes (c, "Changed."));

  ck_assert_int_eq (consult_test_run_unprivileged (save_over_size_limit, &job, owned), 0);

  after = read_text (path);
  ck_assert_str_eq (before, after);
  /* The temporary file went with the failure. */
  ck_assert_uint_eq (count_entries (dir), 1);
}
END_TEST

START_TEST (test_clean_leftovers)
{
  g_autofree char *dir = consult_test_make_tmpdir ();
  const char *removed[] = { "r.xml.AbC123", "Jane Example 2026-03-02.xml.x1Y2z3" };
  const char *kept[] = {
    "r.xml", "r.xml.AbC12", "r.xml.AbC1234", "r.xml.AbC-12", "notes.txt.AbC123",
    ".xml.AbC123", "r.xml~", "r.XML.AbC123", "r.xml.AbC123.bak",
  };
  g_autofree char *target = g_build_filename (dir, "target.txt", NULL);
  g_autofree char *link = g_build_filename (dir, "link.xml.QwErTy", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.xml.ZxCvBn", NULL);
  g_autofree char *foreign = g_build_filename (dir, "foreign.xml.PoIuYt", NULL);
  guint n_entries;

  for (guint i = 0; i < G_N_ELEMENTS (removed); i++)
    {
      g_autofree char *path = g_build_filename (dir, removed[i], NULL);

      write_text (path, "<consultation/>");
    }
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autofree char *path = g_build_filename (dir, kept[i], NULL);

      write_text (path, "keep me");
    }
  write_text (target, "the target of a link");
  ck_assert_int_eq (symlink (target, link), 0);
  ck_assert_int_eq (g_mkdir (folder, 0700), 0);
  write_text (foreign, "someone else's");
  /* Only root can give a file away; otherwise there is no such file. */
  if (getuid () == 0)
    ck_assert_int_eq (chown (foreign, CONSULT_TEST_NOBODY, CONSULT_TEST_NOBODY), 0);
  else
    ck_assert_int_eq (g_unlink (foreign), 0);
  n_entries = count_entries (dir);

  ck_assert_uint_eq (consult_record_clean_leftovers (dir), G_N_ELEMENTS (removed));
  ck_assert_uint_eq (count_entries (dir), n_entries - G_N_ELEMENTS (removed));
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autofree char *path = g_build_filename (dir, kept[i], NULL);
      g_autofree char *text = read_text (path);

      ck_assert_str_eq (text, "keep me");
    }
  ck_assert (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  ck_assert (g_file_test (target, G_FILE_TEST_IS_REGULAR));
  ck_assert (g_file_test (folder, G_FILE_TEST_IS_DIR));

  /* Nothing more the second time; a missing folder is no error. */
  ck_assert_uint_eq (consult_record_clean_leftovers (dir), 0);
  ck_assert_uint_eq (consult_record_clean_leftovers ("/nonexistent/consult"), 0);
}
END_TEST

/* Integrity */

static void
assert_modified (const char *path,
                 guint       edit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsultConsultation) c = consult_record_load_file (path, NULL, &error);
  g_autofree char *expected = g_strdup_printf ("%s: the record was modified after it was signed",
                                               path);

  ck_assert_msg (c == NULL, "edit %u: %s was accepted", edit, path);
  ck_assert_msg (error->domain == CONSULT_RECORD_ERROR &&
                 error->code == CONSULT_RECORD_ERROR_MODIFIED, "edit %u: %s", edit, error->message);
  ck_assert_msg (g_str_has_prefix (error->message, expected), "edit %u: %s", edit, error->message);
}

/* Amending a signed record makes a new, unsigned record that points back
 * to it; the signed one is left exactly as it was. */
START_TEST (test_amendment)
{
  g_autofree char *path = consult_test_data_path ("records", "complete.xml", NULL);
  g_autoptr(ConsultConsultation) original = NULL;
  g_autoptr(ConsultConsultation) amendment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *saved = g_build_filename (dir, "amended.xml", NULL);
  g_autoptr(ConsultConsultation) reloaded = NULL;
  GPtrArray *questions;

  original = consult_record_load_file (path, NULL, &error);
  ck_assert_msg (original != NULL, "%s", error ? error->message : "");
  ck_assert (consult_consultation_get_locked (original));

  amendment = consult_record_new_amendment (original, &error);
  ck_assert_msg (amendment != NULL, "%s", error ? error->message : "");

  ck_assert_str_ne (consult_consultation_get_record_id (amendment),
                    consult_consultation_get_record_id (original));
  ck_assert_str_eq (consult_record_get_amends (amendment),
                    consult_consultation_get_record_id (original));
  ck_assert (!consult_consultation_get_locked (amendment));
  ck_assert (!consult_consultation_is_signed (amendment, CONSULT_SIGNER_CLIENT));
  ck_assert (!consult_consultation_is_signed (amendment, CONSULT_SIGNER_PRACTITIONER));
  ck_assert (consult_signature_is_empty (consult_consultation_get_signature (amendment,
                                                                            CONSULT_SIGNER_CLIENT)));
  ck_assert (consult_consultation_get_modified (amendment));
  ck_assert_str_eq (consult_consultation_get_client_name (amendment),
                    consult_consultation_get_client_name (original));

  questions = consult_content_get_questions (consult_consultation_get_content (amendment));
  for (guint i = 0; i < questions->len; i++)
    {
      const ConsultQuestion *q = g_ptr_array_index (questions, i);

      ck_assert_int_eq (consult_consultation_get_answer (amendment, q->id),
                        consult_consultation_get_answer (original, q->id));
    }

  /* The original is untouched, and the amendment saves and reads back. */
  ck_assert (consult_consultation_get_locked (original));
  ck_assert (consult_record_save (amendment, saved, &error));
  reloaded = consult_record_load_file (saved, NULL, &error);
  ck_assert_msg (reloaded != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (consult_record_get_amends (reloaded),
                    consult_consultation_get_record_id (original));
}
END_TEST

START_TEST (test_tamper)
{
  g_autofree char *complete = record_path ("complete.xml");
  g_autofree char *original = read_text (complete);
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "tampered.xml", NULL);
  /* An answer, a note, the client, the wording signed, a point of a
   * stroke, a signing time, the snapshot's identity, a statement unticked,
   * the date; the aftercare and the alternatives the client was given: an
   * instruction's text, its emphasis, its id, a window's label, an
   * alternative. */
  const struct {
    const char *old;
    const char *new;
  } edits[] = {
    { "question=\"pregnancy\" value=\"no\"", "question=\"pregnancy\" value=\"yes\"" },
    { "Last outbreak two years ago.", "Last outbreak two weeks ago." },
    { "<name>Jane Example</name>", "<name>Jane Exemple</name>" },
    { "I consent", "I do not consent" },
    { "points=\"4", "points=\"5" },
    { "signed-at=\"2026-03-02T10:38:12+00:00\"", "signed-at=\"2026-03-02T10:38:13+00:00\"" },
    { "version=\"1.0\" reviewed", "version=\"1.1\" reviewed" },
    { "<accepted statement=\"photography\"/>", "" },
    { "<date>2026-03-02</date>", "<date>2026-03-03</date>" },
    { "Wash the area with a gentle cleanser only.", "Wash the area with any soap." },
    { "Do <em>not</em> pick", "Do not pick" },
    { "<instruction id=\"no-make-up\">", "<instruction id=\"no-make-up-today\">" },
    { "<label>First 24 to 48 hours</label>", "<label>First 12 hours</label>" },
    { "You can choose to have no treatment at all.", "You cannot choose no treatment." },
  };
  const char *start, *end;
  char *digit;

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *text = replace_once (original, edits[i].old, edits[i].new);

      write_text (path, text);
      assert_modified (path, i);
    }

  /* The practitioner's signature taken away. */
  {
    g_autofree char *text = NULL;

    start = strstr (original, "    <signature signer=\"practitioner\"");
    end = strstr (original, "  </signatures>");
    ck_assert (start != NULL && end != NULL);
    text = g_strdup_printf ("%.*s%s", (int) (start - original), original, end);
    write_text (path, text);
    assert_modified (path, 100);
  }

  /* The digest itself: one digit changed. */
  {
    g_autofree char *text = g_strdup (original);

    digit = strstr (text, "<integrity sha256=\"") + strlen ("<integrity sha256=\"");
    *digit = *digit == '0' ? '1' : '0';
    write_text (path, text);
    assert_modified (path, 101);
  }

  /* The digest gone. */
  {
    g_autofree char *text = NULL;

    start = strstr (original, "  <integrity");
    end = strstr (start, "/>\n") + 3;
    text = g_strdup_printf ("%.*s%s", (int) (start - original), original, end);
    write_text (path, text);
    assert_modified (path, 102);
  }
}
END_TEST

/* The digest does not depend on how the XML is laid out. */
START_TEST (test_reformatted_still_valid)
{
  g_autofree char *complete = record_path ("complete.xml");
  g_autofree char *original = read_text (complete);
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "reformatted.xml", NULL);
  g_autofree char *step1 = NULL;
  g_autofree char *step2 = NULL;
  g_autofree char *step3 = NULL;
  g_autofree char *text = NULL;
  g_autoptr(ConsultConsultation) c = NULL;

  /* Another prefix, single quotes, comments, other indentation, and the
   * modified time and app version changed. */
  step1 = replace_once (original, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                        "<?xml version='1.0'?>\n<!-- reformatted by hand -->\n");
  step2 = replace_once (step1, "  <client>\n    <name>", "<client>\n\n\t<name>");
  step3 = replace_once (step2, "app-version=\"0.1.0\"", "app-version='9.9'");
  text = replace_once (step3, "modified=\"2026-03-06T17:00:00+00:00\"",
                       "modified=\"2026-03-07T01:00:00+08:00\"");
  write_text (path, text);

  c = load_ok (path);
  ck_assert (consult_consultation_get_locked (c));
}
END_TEST

/* consult --validate on records, in process and as a user runs it. */
START_TEST (test_validate_records)
{
  g_autofree char *complete = record_path ("complete.xml");
  g_autofree char *tampered = consult_test_data_path ("records", "bad", "tampered.xml", NULL);
  g_autoptr(GPtrArray) problems = consult_problems_new ();
  g_autofree char *expected = g_strdup_printf ("%s: the record was modified after it was signed "
                                               "(its integrity digest does not match)", tampered);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  g_autofree char *data = NULL;
  gsize length;

  ck_assert (consult_validate_file (complete, problems));
  ck_assert_uint_eq (problems->len, 0);

  ck_assert (!consult_validate_file (tampered, problems));
  text = consult_problems_to_string (problems);
  ck_assert_msg (g_str_has_prefix (text, expected), "%s", text);

  g_ptr_array_set_size (problems, 0);
  data = read_text (complete);
  length = strlen (data);
  bytes = g_bytes_new_take (g_steal_pointer (&data), length);
  ck_assert (consult_record_check_bytes (bytes, "complete.xml", problems));
}
END_TEST

static int
run_consult (const char *const *args,
             char             **err)
{
  const char *exe = g_getenv ("CONSULT_EXE");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int wait_status;

  ck_assert_msg (exe != NULL, "CONSULT_EXE is not set");
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_unsetenv (envp, "G_DEBUG");

  g_ptr_array_add (argv, (gpointer) exe);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  ck_assert_msg (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, err, &wait_status, &error),
                 "spawn: %s", error ? error->message : "");
  ck_assert_msg (WIFEXITED (wait_status), "consult was killed by a signal");
  return WEXITSTATUS (wait_status);
}

START_TEST (test_validate_cli)
{
  g_autofree char *complete = record_path ("complete.xml");
  g_autofree char *draft = record_path ("unsigned-draft.xml");
  g_autofree char *tampered = consult_test_data_path ("records", "bad", "tampered.xml", NULL);
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;
  const char *good[] = { "--validate", complete, draft, NULL };
  const char *bad[] = { "--validate", complete, tampered, NULL };

  ck_assert_int_eq (run_consult (good, &err), 0);
  ck_assert_str_eq (err, "");

  ck_assert_int_eq (run_consult (bad, &err2), 1);
  ck_assert_msg (g_str_has_prefix (err2, tampered), "%s", err2);
  ck_assert_msg (strstr (err2, "modified") != NULL, "%s", err2);
  ck_assert_ptr_null (strstr (err2, complete));
}
END_TEST

/* Broken and hostile records: each names the line where it is broken and
 * a word the message must hold, in a comment <!-- expect: LINE:word -->
 * (line 0: a problem of the whole file). */

static GPtrArray *bad_files;

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
list_bad_files (void)
{
  /* Called from main, where check's asserts cannot be used. */
  const char *srcdir = g_getenv ("CONSULT_TEST_SRCDIR");
  g_autofree char *dir_path = g_build_filename (srcdir ? srcdir : ".", "data", "records", "bad",
                                                NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (files, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (files, compare_paths);

  return files;
}

static gboolean
parse_expectation (const char  *path,
                   int         *line,
                   char       **word)
{
  g_autofree char *data = NULL;
  g_autofree char *expectation = NULL;
  const char *start, *end, *colon;

  if (!g_file_get_contents (path, &data, NULL, NULL))
    return FALSE;

  start = strstr (data, "<!-- expect: ");
  if (start == NULL)
    return FALSE;
  start += strlen ("<!-- expect: ");
  end = strstr (start, " -->");
  if (end == NULL)
    return FALSE;

  expectation = g_strndup (start, end - start);
  colon = strchr (expectation, ':');
  if (colon == NULL || colon[1] == '\0')
    return FALSE;

  *line = atoi (expectation);
  *word = g_strdup (colon + 1);
  return *line >= 0;
}

typedef struct {
  char *data;
  gsize length;
  struct timespec mtime;
  mode_t mode;
} Snapshot;

static void
take_snapshot (const char *path,
               Snapshot   *snapshot)
{
  struct stat st;

  ck_assert (g_file_get_contents (path, &snapshot->data, &snapshot->length, NULL));
  ck_assert_int_eq (stat (path, &st), 0);
  snapshot->mtime = st.st_mtim;
  snapshot->mode = st.st_mode;
}

START_TEST (test_bad_file)
{
  const char *source = g_ptr_array_index (bad_files, _i);
  g_autofree char *dir = consult_test_make_tmpdir ();
  g_autofree char *base = g_path_get_basename (source);
  g_autofree char *path = g_build_filename (dir, base, NULL);
  g_autoptr(GPtrArray) problems = consult_problems_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsultConsultation) c = NULL;
  g_autoptr(ConsultContent) content = NULL;
  g_autofree char *word = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *data = NULL;
  Snapshot before, after;
  gboolean found = FALSE;
  gint64 start;
  gsize length;
  int line = 0;

  ck_assert_msg (parse_expectation (source, &line, &word),
                 "%s has no <!-- expect: LINE:word --> comment", source);

  /* A copy, old and read-only to its owner's group, so that any change to
   * it (content, time, mode) shows. */
  ck_assert (g_file_get_contents (source, &data, &length, NULL));
  ck_assert (g_file_set_contents (path, data, length, NULL));
  ck_assert_int_eq (g_chmod (path, 0640), 0);
  {
    struct timespec times[2] = { { 1000000000, 0 }, { 1000000000, 0 } };

    ck_assert_int_eq (utimensat (AT_FDCWD, path, times, 0), 0);
  }
  take_snapshot (path, &before);

  start = g_get_monotonic_time ();
  c = consult_record_load_file (path, &content, &error);
  ck_assert_msg (g_get_monotonic_time () - start < G_USEC_PER_SEC,
                 "%s took %" G_GINT64_FORMAT " µs", path, g_get_monotonic_time () - start);
  ck_assert_msg (c == NULL, "%s was accepted", path);
  ck_assert_ptr_null (content);
  ck_assert_ptr_nonnull (error);
  ck_assert_msg (g_str_has_prefix (error->message, path), "%s", error->message);
  ck_assert_ptr_null (strstr (error->message, "root:x:0:0"));

  /* consult --validate: the problem at its line, with the word. */
  start = g_get_monotonic_time ();
  ck_assert (!consult_validate_file (path, problems));
  ck_assert_int_lt (g_get_monotonic_time () - start, G_USEC_PER_SEC);
  prefix = line > 0 ? g_strdup_printf ("%s:%d:", path, line) : g_strdup_printf ("%s: ", path);
  for (guint i = 0; i < problems->len; i++)
    {
      ConsultProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *text = consult_problem_to_string (problem);

      ck_assert_str_eq (problem->file, path);
      if (g_str_has_prefix (text, prefix) && strstr (problem->message, word) != NULL)
        found = TRUE;
    }
  ck_assert_msg (found, "%s: no problem at line %d with “%s”, got:\n%s", path, line, word,
                 consult_problems_to_string (problems));
  /* The loader says the same. */
  ck_assert_msg (strstr (error->message, prefix) != NULL, "%s", error->message);

  /* Neither changed the file, nor left anything beside it. */
  take_snapshot (path, &after);
  ck_assert_uint_eq (before.length, after.length);
  ck_assert (memcmp (before.data, after.data, before.length) == 0);
  ck_assert_int_eq (before.mtime.tv_sec, after.mtime.tv_sec);
  ck_assert_int_eq (before.mtime.tv_nsec, after.mtime.tv_nsec);
  ck_assert_int_eq (before.mode, after.mode);
  ck_assert_uint_eq (count_entries (dir), 1);
  g_free (before.data);
  g_free (after.data);
}
END_TEST

static Suite *
record_suite (void)
{
  Suite *s = suite_create ("record");
  TCase *tc;

  tc = tcase_create ("round-trip");
  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_test (tc, test_round_trip);
  tcase_add_test (tc, test_round_trip_non_ascii_content);
  tcase_add_test (tc, test_round_trip_rounding);
  tcase_add_test (tc, test_round_trip_draft_oddities);
  tcase_add_test (tc, test_deterministic);
  suite_add_tcase (s, tc);

  tc = tcase_create ("examples");
  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_test (tc, test_examples_generate);
  tcase_add_test (tc, test_examples_load);
  tcase_add_test (tc, test_example_complete);
  tcase_add_test (tc, test_example_complete_prints_aftercare);
  suite_add_tcase (s, tc);

  tc = tcase_create ("files");
  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_test (tc, test_permissions);
  tcase_add_test (tc, test_default_folder);
  tcase_add_test (tc, test_kill_during_save);
  tcase_add_test (tc, test_read_only_folder);
  tcase_add_test (tc, test_file_size_limit);
  tcase_add_test (tc, test_clean_leftovers);
  tcase_set_timeout (tc, 120);
  suite_add_tcase (s, tc);

  tc = tcase_create ("integrity");
  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_test (tc, test_amendment);
  tcase_add_test (tc, test_tamper);
  tcase_add_test (tc, test_reformatted_still_valid);
  tcase_add_test (tc, test_validate_records);
  tcase_add_test (tc, test_validate_cli);
  suite_add_tcase (s, tc);

  tc = tcase_create ("bad");
  tcase_add_checked_fixture (tc, consult_test_setup_core, NULL);
  tcase_add_loop_test (tc, test_bad_file, 0, bad_files->len);
  suite_add_tcase (s, tc);

  return s;
}

int
main (void)
{
  bad_files = list_bad_files ();
  if (bad_files->len == 0)
    {
      g_printerr ("tests/data/records/bad is empty\n");
      return 1;
    }

  return consult_test_run_suite (record_suite (), FALSE);
}
