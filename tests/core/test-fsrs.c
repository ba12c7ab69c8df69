/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The FSRS-6 scheduler, step by step through a card's life, and the review-log
 * reader. The expected values are those of the reference implementation
 * (ts-fsrs 5.4.2, fuzz off); tests/review/check-fsrs-reference.sh compares
 * thousands of random logs with it. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sig-review-log.h"
#include "sig-test-util.h"

#define MINUTE ((gint64) 60 * 1000)
#define DAY ((gint64) 24 * 60 * MINUTE)
/* 2026-01-01T08:00:00Z */
#define START ((gint64) 1767225600000 + 8 * 60 * MINUTE)

static void
expect_card (const SigFsrsCard *card,
             SigFsrsState       state,
             double             stability,
             double             difficulty,
             gint64             due,
             guint              reps,
             guint              lapses)
{
  g_autofree char *due_text = sig_review_format_time (card->due);
  g_autofree char *expected_due = sig_review_format_time (due);

  assert_string_equal (sig_fsrs_state_to_string (card->state), sig_fsrs_state_to_string (state));
  if (fabs (card->stability - stability) > 1e-8 || fabs (card->difficulty - difficulty) > 1e-8)
    fail_msg ("stability %.8f difficulty %.8f, expected %.8f and %.8f",
              card->stability, card->difficulty, stability, difficulty);
  assert_string_equal (due_text, expected_due);
  assert_int_equal (card->reps, reps);
  assert_int_equal (card->lapses, lapses);
}

static void
test_learning_review_lapse (void **state)
{
  SigFsrsParams params;
  SigFsrsCard card;
  gint64 now = START;

  sig_fsrs_params_init_default (&params);
  sig_fsrs_card_init (&card, now);

  /* New → the second learning step, 10 minutes. */
  sig_fsrs_review (&params, &card, now, SIG_FSRS_GOOD);
  expect_card (&card, SIG_FSRS_STATE_LEARNING, 2.3065, 2.11810397, now + 10 * MINUTE, 1, 0);
  assert_int_equal (card.step, 1);

  /* Past the last step → review, in two days. */
  now += 10 * MINUTE;
  sig_fsrs_review (&params, &card, now, SIG_FSRS_GOOD);
  expect_card (&card, SIG_FSRS_STATE_REVIEW, 2.3065, 2.11121424, now + 2 * DAY, 2, 0);

  /* Forgotten when due → relearning, one lapse, back in 10 minutes. */
  now = card.due;
  sig_fsrs_review (&params, &card, now, SIG_FSRS_AGAIN);
  expect_card (&card, SIG_FSRS_STATE_RELEARNING, 0.60770166, 7.39223814, now + 10 * MINUTE, 3, 1);

  now += 10 * MINUTE;
  sig_fsrs_review (&params, &card, now, SIG_FSRS_GOOD);
  expect_card (&card, SIG_FSRS_STATE_REVIEW, 0.65979762, 7.38007427, now + 1 * DAY, 4, 1);

  /* Recall is 90 % one stability after the review, by the curve's definition. */
  assert_true (fabs (sig_fsrs_retrievability (&params, &card, now) - 1.0) < 1e-9);
  assert_true (fabs (sig_fsrs_retrievability (&params, &card, now + (gint64) (card.stability * DAY)) - 0.9) < 1e-6);
}

static void
test_easy_and_long_term (void **state)
{
  SigFsrsParams params;
  SigFsrsCard card;

  sig_fsrs_params_init_default (&params);
  sig_fsrs_card_init (&card, 0);
  sig_fsrs_review (&params, &card, START - 8 * 60 * MINUTE, SIG_FSRS_EASY);
  expect_card (&card, SIG_FSRS_STATE_REVIEW, 8.2956, 1.0, START - 8 * 60 * MINUTE + 8 * DAY, 1, 0);

  params.short_term = FALSE;
  sig_fsrs_card_init (&card, 0);
  sig_fsrs_review (&params, &card, START - 8 * 60 * MINUTE, SIG_FSRS_GOOD);
  expect_card (&card, SIG_FSRS_STATE_REVIEW, 2.3065, 2.11810397, START - 8 * 60 * MINUTE + 3 * DAY, 1, 0);
}

static void
test_retention (void **state)
{
  SigFsrsParams params;
  SigFsrsCard high, low;

  sig_fsrs_params_init_default (&params);
  assert_false (sig_fsrs_params_set_retention (&params, 0.0));
  assert_false (sig_fsrs_params_set_retention (&params, 1.5));
  assert_true (params.desired_retention == 0.9);

  /* A lower desired retention schedules further apart. */
  params.short_term = FALSE;
  sig_fsrs_card_init (&high, START);
  sig_fsrs_review (&params, &high, START, SIG_FSRS_GOOD);
  assert_true (sig_fsrs_params_set_retention (&params, 0.7));
  sig_fsrs_card_init (&low, START);
  sig_fsrs_review (&params, &low, START, SIG_FSRS_GOOD);
  assert_true (low.scheduled_days > high.scheduled_days);
}

static void
test_log_replay (void **state)
{
  SigFsrsParams params;
  g_autoptr(GError) error = NULL;
  const char *log =
    "item_id,review_time,rating\n"
    "\n"
    "signals-1,2026-01-01T08:00:00Z,3\n"
    "decision-2,2026-01-01T08:00:00+01:00,4\n"
    "signals-1,2026-01-01T08:10:00Z,3\n";
  g_autoptr(GPtrArray) items = NULL;
  SigReviewLogItem *first;

  sig_fsrs_params_init_default (&params);
  items = sig_review_log_replay (&params, log, strlen (log), "log.csv", &error);
  assert_null (error);
  assert_int_equal (items->len, 2);
  first = g_ptr_array_index (items, 0);
  assert_string_equal (first->item, "signals-1");
  expect_card (&first->card, SIG_FSRS_STATE_REVIEW, 2.3065, 2.11121424, START + 10 * MINUTE + 2 * DAY, 2, 0);
  assert_string_equal (((SigReviewLogItem *) g_ptr_array_index (items, 1))->item, "decision-2");
}

static void
expect_log_error (const char *log,
                  const char *where,
                  const char *what)
{
  SigFsrsParams params;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;

  sig_fsrs_params_init_default (&params);
  items = sig_review_log_replay (&params, log, strlen (log), "log.csv", &error);
  assert_null (items);
  assert_non_null (error);
  if (!g_str_has_prefix (error->message, where) || strstr (error->message, what) == NULL)
    fail_msg ("“%s” does not start with %s and name %s", error->message, where, what);
}

static void
test_log_errors (void **state)
{
  expect_log_error ("a,2026-01-01T08:00:00Z\n", "log.csv:1:", "three fields");
  expect_log_error ("a,2026-01-01T08:00:00Z,3\na,yesterday,3\n", "log.csv:2:", "ISO 8601");
  expect_log_error ("a,2026-01-01T08:00:00,3\n", "log.csv:1:", "ISO 8601");
  expect_log_error ("a,2026-01-01T08:00:00Z,5\n", "log.csv:1:", "rating");
  expect_log_error ("a,2026-01-01T08:00:00Z,0\n", "log.csv:1:", "rating");
  expect_log_error ("a,2026-01-02T08:00:00Z,3\na,2026-01-01T08:00:00Z,3\n", "log.csv:2:", "time order");
  expect_log_error ("\x1b[2Ja,2026-01-01T08:00:00Z,3\n", "log.csv:1:", "control characters");
  expect_log_error (",2026-01-01T08:00:00Z,3\n", "log.csv:1:", "item id");
  expect_log_error ("a,2026-01-01T08:00:00Z,3\n\xff\n", "log.csv:1:", "UTF-8");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_learning_review_lapse),
    cmocka_unit_test (test_easy_and_long_term),
    cmocka_unit_test (test_retention),
    cmocka_unit_test (test_log_replay),
    cmocka_unit_test (test_log_errors),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
