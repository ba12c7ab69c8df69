/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fold of review events into a card (pure, as the store uses it): adding
 * is idempotent and makes a card due a day later, reviews are FSRS reviews at
 * the event's time, a wrong answer is rated Again, and the card's JSON keeps
 * every bit of the state. */
#include "config.h"

#include "sig-review-fold.h"
#include "sig-test-util.h"

/* 2026-01-01T08:00:00Z in µs */
#define START ((gint64) 1767254400 * G_USEC_PER_SEC)
#define DAY_MS ((gint64) 24 * 3600 * 1000)

static void
test_added_once (void **state)
{
  SigFsrsParams params;
  SigFsrsCard card = { 0 }, before;
  SigReviewEvent added = { SIG_REVIEW_EVENT_ADDED, START, 0 };
  SigReviewEvent again = { SIG_REVIEW_EVENT_ADDED, START + 5 * DAY_MS * 1000, 0 };

  sig_fsrs_params_init_default (&params);
  assert_true (sig_review_fold (&params, FALSE, &card, &added));
  assert_int_equal (card.state, SIG_FSRS_STATE_NEW);
  assert_int_equal (card.due, START / 1000 + DAY_MS);
  before = card;
  assert_true (sig_review_fold (&params, TRUE, &card, &again));
  assert_memory_equal (&card, &before, sizeof card);
}

static void
test_reviews_are_fsrs (void **state)
{
  SigFsrsParams params;
  SigFsrsCard card = { 0 }, expected;
  SigReviewEvent added = { SIG_REVIEW_EVENT_ADDED, START, 0 };
  SigReviewEvent good = { SIG_REVIEW_EVENT_REVIEWED, START + DAY_MS * 1000, SIG_FSRS_GOOD };
  SigReviewEvent earlier = { SIG_REVIEW_EVENT_REVIEWED, START, SIG_FSRS_EASY };

  sig_fsrs_params_init_default (&params);
  sig_review_fold (&params, FALSE, &card, &added);
  sig_review_fold (&params, TRUE, &card, &good);
  sig_fsrs_card_init (&expected, 0);
  sig_fsrs_review (&params, &expected, good.time / 1000, SIG_FSRS_GOOD);
  assert_memory_equal (&card, &expected, sizeof card);

  /* A time before the last review counts as that time. */
  sig_review_fold (&params, TRUE, &card, &earlier);
  sig_fsrs_review (&params, &expected, good.time / 1000, SIG_FSRS_EASY);
  assert_memory_equal (&card, &expected, sizeof card);

  /* Reviewed without being added: added at that moment, then reviewed. */
  memset (&card, 0, sizeof card);
  assert_true (sig_review_fold (&params, FALSE, &card, &good));
  assert_int_equal (card.reps, 1);
}

static void
test_rating_for_grade (void **state)
{
  assert_int_equal (sig_review_rating_for_grade (SIG_REVIEW_WRONG, SIG_FSRS_EASY), SIG_FSRS_AGAIN);
  assert_int_equal (sig_review_rating_for_grade (SIG_REVIEW_WRONG, SIG_FSRS_GOOD), SIG_FSRS_AGAIN);
  assert_int_equal (sig_review_rating_for_grade (SIG_REVIEW_PARTLY, SIG_FSRS_EASY), SIG_FSRS_EASY);
  assert_int_equal (sig_review_rating_for_grade (SIG_REVIEW_RIGHT, SIG_FSRS_HARD), SIG_FSRS_HARD);
  assert_int_equal (sig_review_rating_for_grade (SIG_REVIEW_RIGHT, SIG_FSRS_AGAIN), SIG_FSRS_AGAIN);
}

/* Random cards survive JSON exactly; malformed texts are refused. */
static void
test_json (void **state)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (14);
  static const char *bad[] = {
    "", "[]", "{}", "{\"state\":\"new\"}", "not json",
    "{\"difficulty\":1,\"due\":1,\"lapses\":-1,\"last-review\":0,\"reps\":0,\"scheduled-days\":0,\"stability\":1,\"state\":\"new\",\"step\":0}",
    "{\"difficulty\":1,\"due\":1,\"lapses\":0,\"last-review\":0,\"reps\":0,\"scheduled-days\":0,\"stability\":1,\"state\":\"old\",\"step\":0}",
    "{\"difficulty\":\"1\",\"due\":1,\"lapses\":0,\"last-review\":0,\"reps\":0,\"scheduled-days\":0,\"stability\":1,\"state\":\"new\",\"step\":0}",
  };

  for (guint i = 0; i < 2000; i++)
    {
      SigFsrsCard card = { 0 }, back = { 0 };
      g_autofree char *text = NULL;

      card.state = (SigFsrsState) g_rand_int_range (rand, 0, 4);
      card.stability = g_rand_double_range (rand, 0, 40000);
      card.difficulty = g_rand_double_range (rand, 1, 10);
      card.reps = g_rand_int_range (rand, 0, 1000);
      card.lapses = g_rand_int_range (rand, 0, 100);
      card.step = g_rand_int_range (rand, 0, 3);
      card.scheduled_days = g_rand_int_range (rand, 0, 36500);
      card.due = (gint64) g_rand_double_range (rand, 0, 4e12);
      card.last_review = (gint64) g_rand_double_range (rand, 0, 4e12);
      text = sig_review_card_state_to_json (&card);
      assert_true (sig_review_card_state_from_json (text, &back));
      assert_memory_equal (&card, &back, sizeof card);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      SigFsrsCard card = { 0 };

      assert_false (sig_review_card_state_from_json (bad[i], &card));
    }
  assert_false (sig_review_card_state_from_json (NULL, &(SigFsrsCard) { 0 }));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_added_once),
    cmocka_unit_test (test_reviews_are_fsrs),
    cmocka_unit_test (test_rating_for_grade),
    cmocka_unit_test (test_json),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
