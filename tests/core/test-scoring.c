/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scoring of every question type of the worked example. */
#include "config.h"

#include "sig-scoring.h"
#include "sig-test-util.h"

static int
setup (void **state)
{
  g_autofree char *dir = sig_test_example_dir ();
  g_autoptr(GError) error = NULL;

  *state = sig_loader_load_course (dir, &error);
  return *state == NULL ? -1 : 0;
}

static int
teardown (void **state)
{
  sig_course_unref (*state);
  return 0;
}

static void
expect_score (SigCourse  *course,
              const char *question_id,
              const char *response,
              double      points,
              gboolean    correct)
{
  SigQuestion *question = sig_course_find_question (course, question_id);
  g_autoptr(GError) error = NULL;
  SigScore score = { 0 };

  assert_non_null (question);
  if (!sig_question_score (question, response, &score, &error))
    fail_msg ("%s: %s", response, error->message);
  if (score.points < points - 1e-9 || score.points > points + 1e-9 || score.correct != correct)
    fail_msg ("%s “%s”: expected %.3f (%d), got %.3f (%d)", question_id, response, points, correct, score.points, score.correct);
  assert_int_equal ((int) score.max, question->points);
}

static void
expect_invalid (SigCourse  *course,
                const char *question_id,
                const char *response)
{
  g_autoptr(GError) error = NULL;
  SigScore score = { 0 };

  assert_false (sig_question_score (sig_course_find_question (course, question_id), response, &score, &error));
  assert_non_null (error);
  assert_non_null (strstr (error->message, question_id));
}

static void
test_single (void **state)
{
  expect_score (*state, "q-single", "a", 2, TRUE);
  expect_score (*state, "q-single", "b", 0, FALSE);
  expect_invalid (*state, "q-single", "a,b");
  expect_invalid (*state, "q-single", "z");
  expect_invalid (*state, "q-single", "");
}

static void
test_multiple (void **state)
{
  /* two correct options (a, b), one distractor (c), 2 points */
  expect_score (*state, "q-multiple", "a,b", 2, TRUE);
  expect_score (*state, "q-multiple", "b, a", 2, TRUE);
  expect_score (*state, "q-multiple", "a", 1, FALSE);
  expect_score (*state, "q-multiple", "a,b,c", 1, FALSE);
  expect_score (*state, "q-multiple", "a,c", 0, FALSE);
  expect_score (*state, "q-multiple", "c", 0, FALSE);
  expect_score (*state, "q-multiple", "", 0, FALSE);
  expect_invalid (*state, "q-multiple", "a,a");
}

static void
test_true_false (void **state)
{
  expect_score (*state, "q-tf", "true", 1, TRUE);
  expect_score (*state, "q-tf", "false", 0, FALSE);
  expect_invalid (*state, "q-tf", "maybe");
}

static void
test_ordering (void **state)
{
  /* three items, 3 points: one point per item in its place */
  expect_score (*state, "q-order", "s1,s2,s3", 3, TRUE);
  expect_score (*state, "q-order", "s1,s3,s2", 1, FALSE);
  expect_score (*state, "q-order", "s3,s1,s2", 0, FALSE);
  expect_invalid (*state, "q-order", "s1,s2");
  expect_invalid (*state, "q-order", "s1,s2,s9");
}

static void
test_matching (void **state)
{
  expect_score (*state, "q-match", "p1=p1,p2=p2", 2, TRUE);
  expect_score (*state, "q-match", "p2=p2,p1=p1", 2, TRUE);
  expect_score (*state, "q-match", "p1=p2,p2=p1", 0, FALSE);
  expect_invalid (*state, "q-match", "p1=p1,p2=p1");
  expect_invalid (*state, "q-match", "p1=p1");
  expect_invalid (*state, "q-match", "p1-p1,p2=p2");
}

static void
test_spot_signals (void **state)
{
  /* two signals (x1, x2), one distractor (x3), 2 points */
  expect_score (*state, "q-spot", "x1,x2", 2, TRUE);
  expect_score (*state, "q-spot", "x2", 1, FALSE);
  expect_score (*state, "q-spot", "x1,x2,x3", 1, FALSE);
  expect_score (*state, "q-spot", "x3", 0, FALSE);
  expect_invalid (*state, "q-spot", "x7");
}

static void
test_best_response_earns_everything (void **state)
{
  SigCourse *course = *state;
  const char *ids[] = { "q-single", "q-multiple", "q-tf", "q-order", "q-match", "q-spot", "kc-1" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      SigQuestion *question = sig_course_find_question (course, ids[i]);
      g_autofree char *best = sig_question_best_response (question);
      SigScore score;

      assert_true (sig_question_score (question, best, &score, NULL));
      assert_true (score.correct);
      assert_true (score.points == question->points);
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_single),
    cmocka_unit_test (test_multiple),
    cmocka_unit_test (test_true_false),
    cmocka_unit_test (test_ordering),
    cmocka_unit_test (test_matching),
    cmocka_unit_test (test_spot_signals),
    cmocka_unit_test (test_best_response_earns_everything),
  };

  return cmocka_run_group_tests (tests, setup, teardown);
}
