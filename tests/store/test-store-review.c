/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Spaced review in the store: a completed module fills the deck (once), cards
 * come due when FSRS says, the daily limit, the settings, the review history
 * rebuilt into the same cards for random review sequences (the seed is
 * printed; SIGNAAL_REVIEW_SEED=N repeats a run), and a deleted profile takes
 * its history with it. Every check reads a real SQLite file. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sig-export.h"
#include "sig-review-fold.h"
#include "sig-store-projection.h"
#include "sig-store-review.h"
#include "store-test-util.h"

#define COURSE "example-salon-basics"
#define SCENARIO COURSE "/example-salon-case"
#define DAY_USEC ((gint64) 24 * 3600 * G_USEC_PER_SEC)
#define HOUR_USEC ((gint64) 3600 * G_USEC_PER_SEC)

/* 2026-03-02T08:00:00Z: the module is completed then. */
#define T0 ((gint64) 1772438400 * G_USEC_PER_SEC)

typedef struct {
  StoreFixture *fixture;
  SigStore *store;
  SigCourse *course;
  char *profile_id;
  guint reviews_changed;
} Ctx;

static void
on_reviews_changed (SigStore   *store,
                    const char *profile_id,
                    Ctx        *ctx)
{
  ctx->reviews_changed++;
}

static int
setup (void **state)
{
  Ctx *ctx = g_new0 (Ctx, 1);
  g_autofree char *packed = NULL;
  g_autoptr(SigProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  ctx->fixture = st_fixture_new ();
  packed = st_pack_example (ctx->fixture->dir, NULL, "1.2.0");
  ctx->course = st_load (packed);
  ctx->store = st_open (ctx->fixture);
  profile = sig_store_create_profile (ctx->store, "Anna", "Anna de Vries", "hair-beauty", "nl", &error);
  assert_non_null (profile);
  ctx->profile_id = g_strdup (sig_profile_get_id (profile));
  g_signal_connect (ctx->store, "reviews-changed", G_CALLBACK (on_reviews_changed), ctx);
  sig_store_set_time_for_tests (T0);
  *state = ctx;
  return 0;
}

static int
teardown (void **state)
{
  Ctx *ctx = *state;

  sig_store_set_time_for_tests (0);
  g_clear_object (&ctx->store);
  sig_course_unref (ctx->course);
  st_fixture_free (ctx->fixture);
  g_free (ctx->profile_id);
  g_free (ctx);
  return 0;
}

static GDateTime *
at (gint64 usec)
{
  return g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
}

static gint64
count (Ctx        *ctx,
       const char *sql)
{
  return st_count (ctx->fixture->db_path, sql);
}

/* The item ids of @cards, joined by spaces. */
static char *
ids_of (GPtrArray *cards)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < cards->len; i++)
    g_string_append_printf (ids, "%s%s", i ? " " : "", ((SigStoreReviewCard *) cards->pdata[i])->item_id);
  return g_string_free (ids, FALSE);
}

static GPtrArray *
due_at (Ctx    *ctx,
        gint64  usec,
        guint   limit)
{
  g_autoptr(GDateTime) now = at (usec);
  g_autoptr(GError) error = NULL;
  GPtrArray *due = sig_store_list_due_reviews (ctx->store, ctx->profile_id, now, limit, &error);

  if (due == NULL)
    fail_msg ("due: %s", error->message);
  return due;
}

static SigStoreReviewCard *
review (Ctx            *ctx,
        const char     *item_id,
        SigReviewGrade  grade,
        SigFsrsRating   rating,
        gint64          usec)
{
  g_autoptr(GDateTime) now = at (usec);
  g_autoptr(GError) error = NULL;
  SigStoreReviewCard *card = sig_store_record_review (ctx->store, ctx->profile_id, COURSE, item_id, "a",
                                                      grade, rating, now, &error);

  if (card == NULL)
    fail_msg ("review %s: %s", item_id, error->message);
  return card;
}

/* Completing a module adds its review items to the deck, in the transaction
 * of the completion, once; completing it again (a new attempt) adds nothing. */
static void
test_completion_fills_deck (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;

  /* Two of the three questions: the module is not completed, nothing is added. */
  assert_true (sig_store_record_answer (ctx->store, ctx->profile_id, ctx->course, "m-see", "q-tf", "true", NULL, &error));
  assert_int_equal (count (ctx, "SELECT count(*) FROM review_events"), 0);
  st_answer_module (ctx->store, ctx->profile_id, ctx->course, "m-see", TRUE);
  assert_int_equal (count (ctx, "SELECT count(*) FROM events WHERE kind = 'module-completed'"), 1);
  assert_int_equal (count (ctx, "SELECT count(*) FROM review_events WHERE kind = 'added'"), 3);
  /* Appended with the completion: the same time, the course version, one card each. */
  assert_int_equal (count (ctx, "SELECT count(*) FROM review_events r JOIN events e ON e.kind = 'module-completed' "
                                "AND e.time = r.time AND e.profile_id = r.profile_id "
                                "WHERE r.course_version = '1.2.0' AND r.rating IS NULL AND r.grade IS NULL"), 3);
  assert_int_equal (count (ctx, "SELECT count(*) FROM review_cards"), 3);
  assert_int_equal (ctx->reviews_changed, 1);

  cards = sig_store_list_review_cards (ctx->store, ctx->profile_id, &error);
  assert_non_null (cards);
  ids = ids_of (cards);
  assert_string_equal (ids, COURSE "/q-multiple " COURSE "/q-single " COURSE "/q-tf");
  for (guint i = 0; i < cards->len; i++)
    {
      SigStoreReviewCard *card = cards->pdata[i];

      assert_string_equal (card->course_id, COURSE);
      assert_string_equal (card->course_version, "1.2.0");
      assert_int_equal (card->card.state, SIG_FSRS_STATE_NEW);
      assert_int_equal (card->card.due, T0 / 1000 + SIG_REVIEW_FIRST_DUE_MS);
    }

  /* The second module brings its signal question and the scenario's decisions. */
  st_answer_module (ctx->store, ctx->profile_id, ctx->course, "m-act", TRUE);
  assert_int_equal (count (ctx, "SELECT count(*) FROM review_cards"), 3);
  st_play_scenarios (ctx->store, ctx->profile_id, ctx->course, "m-act");
  assert_int_equal (count (ctx, "SELECT count(*) FROM review_cards"), 6);
  assert_int_equal (count (ctx, "SELECT count(*) FROM review_cards WHERE item_id IN ('" COURSE "/q-spot', '"
                                SCENARIO "/n-chair', '" SCENARIO "/n-open')"), 3);

  /* Again, in a new attempt: nothing twice. */
  sig_store_set_time_for_tests (T0 + 2 * DAY_USEC);
  assert_true (sig_store_record_started (ctx->store, ctx->profile_id, ctx->course, TRUE, NULL, &error));
  st_answer_module (ctx->store, ctx->profile_id, ctx->course, "m-see", TRUE);
  assert_int_equal (count (ctx, "SELECT count(*) FROM events WHERE kind = 'module-completed' AND module_id = 'm-see'"), 2);
  assert_int_equal (count (ctx, "SELECT count(*) FROM review_events"), 6);
  assert_int_equal (count (ctx, "SELECT count(*) FROM review_cards"), 6);
}

/* A card comes due a day after it was added, then when FSRS schedules it. */
static void
test_due_when_fsrs_says (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(SigStoreReviewCard) first = NULL;
  g_autoptr(SigStoreReviewCard) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *ids = NULL;
  SigFsrsParams params;
  SigFsrsCard expected;
  gint64 t1 = T0 + DAY_USEC, t2;
  gboolean has_next;
  gint64 next;

  st_answer_module (ctx->store, ctx->profile_id, ctx->course, "m-see", TRUE);
  before = due_at (ctx, T0 + DAY_USEC - 1000, 0);
  assert_int_equal (before->len, 0);
  now = at (T0);
  assert_true (sig_store_get_next_review (ctx->store, ctx->profile_id, now, &has_next, &next, &error));
  assert_true (has_next);
  assert_int_equal (next, (T0 + DAY_USEC) / 1000);

  due = due_at (ctx, t1, 0);
  ids = ids_of (due);
  assert_string_equal (ids, COURSE "/q-multiple " COURSE "/q-single " COURSE "/q-tf");

  /* Good on a new card: the first learning step; then Good again graduates it. */
  sig_fsrs_params_init_default (&params);
  sig_fsrs_card_init (&expected, t1 / 1000);
  sig_fsrs_review (&params, &expected, t1 / 1000, SIG_FSRS_GOOD);
  first = review (ctx, COURSE "/q-tf", SIG_REVIEW_RIGHT, SIG_FSRS_GOOD, t1);
  assert_int_equal (first->card.state, SIG_FSRS_STATE_LEARNING);
  assert_int_equal (first->card.due, expected.due);
  assert_int_equal (first->card.due, t1 / 1000 + 10 * 60 * 1000);
  assert_int_equal (count (ctx, "SELECT count(*) FROM review_events WHERE kind = 'reviewed' AND grade = 'right' AND rating = 3"), 1);

  t2 = first->card.due * 1000;
  sig_fsrs_review (&params, &expected, t2 / 1000, SIG_FSRS_GOOD);
  second = review (ctx, COURSE "/q-tf", SIG_REVIEW_RIGHT, SIG_FSRS_GOOD, t2);
  assert_int_equal (second->card.state, SIG_FSRS_STATE_REVIEW);
  assert_int_equal (second->card.due, expected.due);
  assert_true (second->card.due >= t2 / 1000 + 24 * 3600 * 1000);
  assert_int_equal (count (ctx, "SELECT count(*) FROM review_cards WHERE item_id = '" COURSE "/q-tf' AND due = "
                                "(SELECT json_extract (card, '$.due') FROM review_cards WHERE item_id = '" COURSE "/q-tf')"), 1);

  /* Not due a millisecond before its due time; due at it. */
  g_clear_pointer (&due, g_ptr_array_unref);
  due = due_at (ctx, second->card.due * 1000 - 1000, 0);
  for (guint i = 0; i < due->len; i++)
    assert_string_not_equal (((SigStoreReviewCard *) due->pdata[i])->item_id, COURSE "/q-tf");
  g_clear_pointer (&due, g_ptr_array_unref);
  due = due_at (ctx, second->card.due * 1000, 0);
  assert_int_equal (due->len, 3);
}

/* A wrong answer is rated Again whatever the learner said; the event keeps
 * the rating FSRS got. */
static void
test_wrong_forces_again (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(SigStoreReviewCard) card = NULL;
  g_autoptr(SigStoreReviewCard) partly = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = at (T0 + DAY_USEC);
  SigStoreReviewCard *refused;

  st_answer_module (ctx->store, ctx->profile_id, ctx->course, "m-see", TRUE);
  card = review (ctx, COURSE "/q-single", SIG_REVIEW_WRONG, SIG_FSRS_EASY, T0 + DAY_USEC);
  assert_int_equal (card->card.state, SIG_FSRS_STATE_LEARNING);
  assert_int_equal (card->card.due, (T0 + DAY_USEC) / 1000 + 60 * 1000);
  assert_int_equal (count (ctx, "SELECT rating FROM review_events WHERE kind = 'reviewed' AND grade = 'wrong'"), 1);
  partly = review (ctx, COURSE "/q-multiple", SIG_REVIEW_PARTLY, SIG_FSRS_HARD, T0 + DAY_USEC);
  assert_int_equal (count (ctx, "SELECT rating FROM review_events WHERE kind = 'reviewed' AND grade = 'partly'"), 2);

  /* Refused: a rating out of range, an item not in the deck. Nothing recorded. */
  refused = sig_store_record_review (ctx->store, ctx->profile_id, COURSE, COURSE "/q-tf", NULL,
                                     SIG_REVIEW_RIGHT, (SigFsrsRating) 5, now, &error);
  assert_null (refused);
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_INVALID));
  g_clear_error (&error);
  refused = sig_store_record_review (ctx->store, ctx->profile_id, COURSE, COURSE "/q-spot", NULL,
                                     SIG_REVIEW_RIGHT, SIG_FSRS_GOOD, now, &error);
  assert_null (refused);
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_FOUND));
  assert_int_equal (count (ctx, "SELECT count(*) FROM review_events WHERE kind = 'reviewed'"), 2);
}

/* A session offers at most the daily limit minus the items reviewed today
 * (the local day); the next day the limit is whole again. */
static void
test_daily_limit (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GPtrArray) two = NULL;
  g_autoptr(GPtrArray) one = NULL;
  g_autoptr(GPtrArray) capped = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) tomorrow = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(SigStoreReviewCard) done = NULL;
  g_autoptr(SigStoreReviewCard) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = at (T0 + DAY_USEC + HOUR_USEC);
  gint64 t1 = T0 + DAY_USEC;
  SigStoreReviewCount *course_count;
  guint due = 99, limit = 0;

  st_answer_module (ctx->store, ctx->profile_id, ctx->course, "m-see", TRUE);
  st_answer_module (ctx->store, ctx->profile_id, ctx->course, "m-act", TRUE);
  st_play_scenarios (ctx->store, ctx->profile_id, ctx->course, "m-act");
  assert_true (sig_store_get_review_daily_limit (ctx->store, ctx->profile_id, &limit, &error));
  assert_int_equal (limit, 20);
  assert_true (sig_store_count_due_reviews (ctx->store, ctx->profile_id, now, &due, &error));
  assert_int_equal (due, 6);

  assert_true (sig_store_set_review_daily_limit (ctx->store, ctx->profile_id, 2, &error));
  two = due_at (ctx, t1, 0);
  assert_int_equal (two->len, 2);
  capped = due_at (ctx, t1, 1);
  assert_int_equal (capped->len, 1);
  done = review (ctx, ((SigStoreReviewCard *) two->pdata[0])->item_id, SIG_REVIEW_RIGHT, SIG_FSRS_GOOD, t1);
  one = due_at (ctx, t1 + HOUR_USEC, 0);
  assert_int_equal (one->len, 1);
  assert_true (sig_store_count_due_reviews (ctx->store, ctx->profile_id, now, &due, &error));
  assert_int_equal (due, 1);
  /* The same item again (its learning step) does not use the limit up twice. */
  again = review (ctx, ((SigStoreReviewCard *) two->pdata[0])->item_id, SIG_REVIEW_RIGHT, SIG_FSRS_GOOD, t1 + HOUR_USEC);
  assert_true (sig_store_count_due_reviews (ctx->store, ctx->profile_id, now, &due, &error));
  assert_int_equal (due, 1);
  sig_store_review_card_free (review (ctx, ((SigStoreReviewCard *) one->pdata[0])->item_id, SIG_REVIEW_RIGHT,
                                      SIG_FSRS_GOOD, t1 + HOUR_USEC));
  none = due_at (ctx, t1 + 2 * HOUR_USEC, 0);
  assert_int_equal (none->len, 0);
  tomorrow = due_at (ctx, t1 + DAY_USEC, 0);
  assert_int_equal (tomorrow->len, 2);

  counts = sig_store_list_review_counts (ctx->store, ctx->profile_id, now, &error);
  assert_non_null (counts);
  assert_int_equal (counts->len, 1);
  course_count = counts->pdata[0];
  assert_string_equal (course_count->course_id, COURSE);
  assert_int_equal (course_count->cards, 6);
  assert_int_equal (course_count->due, 4);
  assert_int_equal (course_count->reviews, 3);

  /* A limit of 0 pauses reviews. */
  assert_true (sig_store_set_review_daily_limit (ctx->store, ctx->profile_id, 0, &error));
  assert_true (sig_store_count_due_reviews (ctx->store, ctx->profile_id, now, &due, &error));
  assert_int_equal (due, 0);
}

static void
test_settings (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;
  SigFsrsParams params;
  double retention = 0;
  guint limit = 0;

  assert_true (sig_store_get_review_retention (ctx->store, ctx->profile_id, &retention, &error));
  assert_true (retention == 0.9);
  assert_false (sig_store_set_review_retention (ctx->store, ctx->profile_id, 0.5, &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_INVALID));
  g_clear_error (&error);
  assert_false (sig_store_set_review_retention (ctx->store, ctx->profile_id, 0.98, &error));
  g_clear_error (&error);
  assert_false (sig_store_set_review_daily_limit (ctx->store, ctx->profile_id, 501, &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_INVALID));
  g_clear_error (&error);
  assert_false (sig_store_set_review_daily_limit (ctx->store, "no-such-profile", 5, &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_FOUND));
  g_clear_error (&error);
  assert_int_equal (count (ctx, "SELECT count(*) FROM profile_settings"), 0);

  assert_true (sig_store_set_review_retention (ctx->store, ctx->profile_id, 0.7, &error));
  assert_true (sig_store_set_review_retention (ctx->store, ctx->profile_id, 0.97, &error));
  assert_true (sig_store_set_review_daily_limit (ctx->store, ctx->profile_id, 35, &error));
  assert_int_equal (count (ctx, "SELECT count(*) FROM profile_settings WHERE key = 'review.retention' AND value = '0.97'"), 1);
  assert_int_equal (count (ctx, "SELECT count(*) FROM profile_settings WHERE key = 'review.daily-limit' AND value = '35'"), 1);
  g_clear_object (&ctx->store);
  ctx->store = st_open (ctx->fixture);
  assert_true (sig_store_get_review_retention (ctx->store, ctx->profile_id, &retention, &error));
  assert_true (retention == 0.97);
  assert_true (sig_store_get_review_daily_limit (ctx->store, ctx->profile_id, &limit, &error));
  assert_int_equal (limit, 35);
  assert_true (sig_store_get_review_params (ctx->store, ctx->profile_id, &params, &error));
  assert_true (params.desired_retention == 0.97);
}

/* The cards as the table holds them, one line each. */
static char *
cards_table (const char *db_path)
{
  sqlite3 *db = st_db_open (db_path);
  char *text = st_db_text (db, "SELECT group_concat (line, char (10)) FROM (SELECT profile_id || ' ' || course_id || ' ' "
                               "|| item_id || ' ' || due || ' ' || card AS line FROM review_cards "
                               "ORDER BY profile_id, course_id, item_id)");

  sqlite3_close (db);
  return text ? text : g_strdup ("");
}

/* Random review sequences for two learners (one with another retention),
 * recorded through the API: the cards kept along the way are the cards
 * rebuilt from the history. */
static void
test_rebuild_equivalence (void **state)
{
  Ctx *ctx = *state;
  const char *seed_text = g_getenv ("SIGNAAL_REVIEW_SEED");
  guint32 seed = seed_text ? (guint32) strtoul (seed_text, NULL, 10) : g_random_int ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(SigProfile) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(SigCatalog) catalog = sig_catalog_new ();
  g_autofree char *kept = NULL;
  g_autofree char *rebuilt = NULL;
  g_autofree char *one_rebuilt = NULL;
  const char *profiles[2];
  gint64 time = T0;

  g_print ("review: seed %u (SIGNAAL_REVIEW_SEED=%u repeats this run)\n", seed, seed);
  other = sig_store_create_profile (ctx->store, "Bram", NULL, NULL, "en", &error);
  assert_non_null (other);
  profiles[0] = ctx->profile_id;
  profiles[1] = sig_profile_get_id (other);
  assert_true (sig_store_set_review_retention (ctx->store, profiles[1], 0.8, &error));
  items = sig_review_items_for_course (ctx->course, catalog, &error);
  assert_non_null (items);
  for (guint p = 0; p < 2; p++)
    for (guint m = 0; m < ctx->course->modules->len; m++)
      assert_true (sig_store_add_review_items (ctx->store, profiles[p], ctx->course, ctx->course->modules->pdata[m],
                                               NULL, &error));
  assert_int_equal (count (ctx, "SELECT count(*) FROM review_cards"), 2 * items->len);

  for (guint i = 0; i < 400; i++)
    {
      const SigReviewItem *item = items->pdata[g_rand_int_range (rand, 0, items->len)];
      const char *profile = profiles[g_rand_int_range (rand, 0, 2)];
      g_autoptr(SigStoreReviewCard) card = NULL;
      g_autoptr(GDateTime) now = NULL;
      guint gap = g_rand_int_range (rand, 0, 4);

      /* Minutes, hours or days apart, sometimes the same moment. */
      time += gap == 0 ? 0 : gap == 1 ? g_rand_int_range (rand, 1, 30) * 60 * G_USEC_PER_SEC
              : gap == 2 ? g_rand_int_range (rand, 1, 20) * HOUR_USEC
              : g_rand_int_range (rand, 1, 40) * DAY_USEC;
      now = at (time);
      card = sig_store_record_review (ctx->store, profile, COURSE, item->id, NULL,
                                      (SigReviewGrade) g_rand_int_range (rand, SIG_REVIEW_RIGHT, SIG_REVIEW_WRONG + 1),
                                      (SigFsrsRating) g_rand_int_range (rand, SIG_FSRS_AGAIN, SIG_FSRS_EASY + 1),
                                      now, &error);
      if (card == NULL)
        fail_msg ("seed %u, review %u: %s", seed, i, error->message);
    }

  kept = cards_table (ctx->fixture->db_path);
  assert_true (sig_store_rebuild_review_cards (ctx->store, NULL, &error));
  rebuilt = cards_table (ctx->fixture->db_path);
  if (g_strcmp0 (kept, rebuilt) != 0)
    fail_msg ("seed %u: kept\n%s\nrebuilt\n%s", seed, kept, rebuilt);
  assert_int_equal (count (ctx, "SELECT count(*) FROM review_events WHERE kind = 'reviewed'"), 400);
  /* One learner's cards alone, after they were lost. */
  {
    sqlite3 *db = st_db_open (ctx->fixture->db_path);

    assert_int_equal (sqlite3_exec (db, "DELETE FROM review_cards", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close (db);
  }
  assert_true (sig_store_rebuild_review_cards (ctx->store, profiles[0], &error));
  assert_int_equal (count (ctx, "SELECT count(*) FROM review_cards"), items->len);
  assert_true (sig_store_rebuild_review_cards (ctx->store, profiles[1], &error));
  one_rebuilt = cards_table (ctx->fixture->db_path);
  assert_string_equal (one_rebuilt, kept);

  /* Rebuilding every projection (after a recovery or a new fold) makes the cards too. */
  {
    sqlite3 *db = st_db_open (ctx->fixture->db_path);
    g_autofree char *after = NULL;

    assert_int_equal (sqlite3_exec (db, "DELETE FROM review_cards", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close (db);
    assert_true (sig_store_projection_rebuild (ctx->store, &error));
    after = cards_table (ctx->fixture->db_path);
    assert_string_equal (after, kept);
  }
}

/* Deleting a profile deletes its review history, cards and settings; another
 * learner's stay. */
static void
test_profile_deletion (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(SigProfile) other = NULL;
  g_autoptr(SigStoreReviewCard) card = NULL;
  g_autoptr(GError) error = NULL;

  other = sig_store_create_profile (ctx->store, "Bram", NULL, NULL, "en", &error);
  st_answer_module (ctx->store, ctx->profile_id, ctx->course, "m-see", TRUE);
  st_answer_module (ctx->store, sig_profile_get_id (other), ctx->course, "m-see", TRUE);
  card = review (ctx, COURSE "/q-tf", SIG_REVIEW_RIGHT, SIG_FSRS_GOOD, T0 + DAY_USEC);
  assert_true (sig_store_set_review_daily_limit (ctx->store, ctx->profile_id, 5, &error));
  assert_true (sig_store_set_review_daily_limit (ctx->store, sig_profile_get_id (other), 7, &error));
  assert_int_equal (count (ctx, "SELECT count(*) FROM review_events"), 7);

  assert_true (sig_store_delete_profile (ctx->store, ctx->profile_id, &error));
  assert_int_equal (count (ctx, "SELECT count(*) FROM review_events"), 3);
  assert_int_equal (count (ctx, "SELECT count(*) FROM review_cards"), 3);
  assert_int_equal (count (ctx, "SELECT count(*) FROM profile_settings"), 1);
  assert_int_equal (count (ctx, "SELECT count(*) FROM review_events WHERE kind = 'reviewed'"), 0);
  assert_int_equal (count (ctx, "SELECT count(*) FROM profile_settings WHERE value = '7'"), 1);
}

/* The foreign keys alone (as another program deleting the row would) remove
 * the history too. */
static void
test_profile_deletion_cascades (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(SigStoreReviewCard) card = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  st_answer_module (ctx->store, ctx->profile_id, ctx->course, "m-see", TRUE);
  card = review (ctx, COURSE "/q-tf", SIG_REVIEW_RIGHT, SIG_FSRS_GOOD, T0 + DAY_USEC);
  assert_true (sig_store_set_review_retention (ctx->store, ctx->profile_id, 0.85, &error));
  g_clear_object (&ctx->store);
  db = st_db_open (ctx->fixture->db_path);
  assert_int_equal (sqlite3_exec (db, "PRAGMA foreign_keys = ON; DELETE FROM profiles", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);
  assert_int_equal (count (ctx, "SELECT count(*) FROM review_events"), 0);
  assert_int_equal (count (ctx, "SELECT count(*) FROM review_cards"), 0);
  assert_int_equal (count (ctx, "SELECT count(*) FROM profile_settings"), 0);
  ctx->store = st_open (ctx->fixture);
}

/* The reviews leave in "my data" (settings, history, cards) and as xAPI
 * statements: "answered" a review item of the course, with the grade as
 * success and score and the FSRS rating as an extension. */
static void
test_exports (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(SigStoreReviewCard) right = NULL;
  g_autoptr(SigStoreReviewCard) wrong = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) data_parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *xapi = NULL;
  g_autofree char *data = NULL;
  g_autofree char *right_id = NULL;
  JsonArray *statements;
  JsonObject *review_data, *first_card;
  g_autofree char *packed = st_pack_example (ctx->fixture->dir, NULL, "1.2.0");
  guint reviews = 0;

  /* In the library, so that the export can name the questions. */
  assert_true (sig_store_import_course (ctx->store, packed, NULL, NULL, &error));
  st_answer_module (ctx->store, ctx->profile_id, ctx->course, "m-see", TRUE);
  st_answer_module (ctx->store, ctx->profile_id, ctx->course, "m-act", TRUE);
  st_play_scenarios (ctx->store, ctx->profile_id, ctx->course, "m-act");
  assert_true (sig_store_set_review_daily_limit (ctx->store, ctx->profile_id, 12, &error));
  right = review (ctx, COURSE "/q-multiple", SIG_REVIEW_RIGHT, SIG_FSRS_EASY, T0 + DAY_USEC);
  {
    g_autoptr(GDateTime) now = at (T0 + DAY_USEC + 60 * G_USEC_PER_SEC);

    wrong = sig_store_record_review (ctx->store, ctx->profile_id, COURSE, SCENARIO "/n-chair", "c-chat",
                                     SIG_REVIEW_WRONG, SIG_FSRS_GOOD, now, &error);
    assert_non_null (wrong);
  }
  {
    sqlite3 *db = st_db_open (ctx->fixture->db_path);

    right_id = st_db_text (db, "SELECT statement_id FROM review_events WHERE grade = 'right'");
    sqlite3_close (db);
  }

  xapi = sig_store_export_xapi (ctx->store, ctx->profile_id, &error);
  assert_non_null (xapi);
  assert_true (json_parser_load_from_data (parser, xapi, -1, NULL));
  statements = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (statements); i++)
    {
      JsonObject *statement = json_array_get_object_element (statements, i);
      JsonObject *object = json_object_get_object_member (statement, "object");
      const char *object_id = json_object_get_string_member (object, "id");
      JsonObject *result, *extensions, *context, *score;

      if (strstr (object_id, "/review/") == NULL)
        continue;
      reviews++;
      assert_string_equal (json_object_get_string_member (json_object_get_object_member (statement, "verb"), "id"),
                           "http://adlnet.gov/expapi/verbs/answered");
      assert_string_equal (json_object_get_string_member (json_object_get_object_member (object, "definition"), "type"),
                           "http://adlnet.gov/expapi/activities/cmi.interaction");
      result = json_object_get_object_member (statement, "result");
      extensions = json_object_get_object_member (result, "extensions");
      score = json_object_get_object_member (result, "score");
      context = json_object_get_object_member (statement, "context");
      assert_string_equal (json_object_get_string_member (context, "revision"), "1.2.0");
      assert_string_equal (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (
                             json_object_get_object_member (context, "contextActivities"), "grouping"), 0), "id"),
                           "https://signaal.invalid/xapi/course/" COURSE "/1.2.0");
      assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z$",
                                         json_object_get_string_member (statement, "timestamp"), 0, 0));
      if (json_object_get_boolean_member (result, "success"))
        {
          assert_string_equal (json_object_get_string_member (statement, "id"), right_id);
          assert_string_equal (object_id, "https://signaal.invalid/xapi/course/" COURSE "/1.2.0/review/q-multiple");
          assert_float_equal (json_object_get_double_member (score, "scaled"), 1, 1e-9);
          assert_int_equal (json_object_get_int_member (extensions, "https://signaal.invalid/xapi/extension/fsrs-rating"), 4);
          assert_string_equal (json_object_get_string_member (extensions, "https://signaal.invalid/xapi/extension/review-grade"), "right");
          assert_string_equal (json_object_get_string_member (json_object_get_object_member (
                                 json_object_get_object_member (object, "definition"), "name"), "en"), "Which remarks can be signs of control?");
        }
      else
        {
          assert_string_equal (object_id, "https://signaal.invalid/xapi/course/" COURSE "/1.2.0/review/example-salon-case/node/n-chair");
          assert_float_equal (json_object_get_double_member (score, "scaled"), 0, 1e-9);
          assert_int_equal (json_object_get_int_member (extensions, "https://signaal.invalid/xapi/extension/fsrs-rating"), 1);
          assert_string_equal (json_object_get_string_member (result, "response"), "c-chat");
        }
    }
  assert_int_equal (reviews, 2);

  data = sig_store_export_my_data (ctx->store, ctx->profile_id, &error);
  assert_non_null (data);
  assert_true (json_parser_load_from_data (data_parser, data, -1, NULL));
  review_data = json_object_get_object_member (json_node_get_object (json_parser_get_root (data_parser)), "review");
  assert_non_null (review_data);
  assert_int_equal (json_object_get_int_member (json_object_get_object_member (review_data, "settings"), "review.daily-limit"), 12);
  assert_int_equal (json_array_get_length (json_object_get_array_member (review_data, "history")), 6 + 2);
  assert_int_equal (json_array_get_length (json_object_get_array_member (review_data, "cards")), 6);
  assert_string_equal (json_object_get_string_member (json_array_get_object_element (
                         json_object_get_array_member (review_data, "history"), 7), "grade"), "wrong");
  first_card = json_array_get_object_element (json_object_get_array_member (review_data, "cards"), 0);
  assert_string_equal (json_object_get_string_member (first_card, "item_id"), SCENARIO "/n-chair");
  assert_string_equal (json_object_get_string_member (first_card, "state"), "learning");
  assert_int_equal (json_object_get_int_member (first_card, "reps"), 1);
}

/* A card row that cannot be read is made again from the history. */
static void
test_unreadable_card_repaired (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(SigStoreReviewCard) reviewed = NULL;
  g_autoptr(SigStoreReviewCard) again = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GError) error = NULL;
  SigStoreReviewCard *listed = NULL;
  sqlite3 *db;

  st_answer_module (ctx->store, ctx->profile_id, ctx->course, "m-see", TRUE);
  reviewed = review (ctx, COURSE "/q-tf", SIG_REVIEW_RIGHT, SIG_FSRS_GOOD, T0 + DAY_USEC);
  db = st_db_open (ctx->fixture->db_path);
  assert_int_equal (sqlite3_exec (db, "UPDATE review_cards SET card = '{\"state\":' WHERE item_id = '" COURSE "/q-tf'",
                                  NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);
  cards = sig_store_list_review_cards (ctx->store, ctx->profile_id, &error);
  assert_non_null (cards);
  for (guint i = 0; i < cards->len; i++)
    if (g_str_equal (((SigStoreReviewCard *) cards->pdata[i])->item_id, COURSE "/q-tf"))
      listed = cards->pdata[i];
  assert_non_null (listed);
  assert_string_equal (listed->course_version, "1.2.0");
  assert_int_equal (listed->card.due, reviewed->card.due);
  assert_int_equal (listed->card.reps, 1);
  again = review (ctx, COURSE "/q-tf", SIG_REVIEW_RIGHT, SIG_FSRS_GOOD, reviewed->card.due * 1000);
  assert_int_equal (again->card.reps, 2);
  assert_int_equal (again->card.state, SIG_FSRS_STATE_REVIEW);
}

/* A learner who completed modules before the store kept a deck gets their
 * cards once, from the courses in the library. */
static void
test_catch_up (void **state)
{
  Ctx *ctx = *state;
  g_autofree char *packed = st_pack_example (ctx->fixture->dir, NULL, "1.2.0");
  g_autoptr(GError) error = NULL;
  guint added = 99;
  sqlite3 *db;

  assert_true (sig_store_import_course (ctx->store, packed, NULL, NULL, &error));
  st_answer_module (ctx->store, ctx->profile_id, ctx->course, "m-see", TRUE);
  st_answer_module (ctx->store, ctx->profile_id, ctx->course, "m-act", TRUE);
  st_play_scenarios (ctx->store, ctx->profile_id, ctx->course, "m-act");
  /* As a database of format 4 migrated: the completions, no deck. */
  db = st_db_open (ctx->fixture->db_path);
  assert_int_equal (sqlite3_exec (db, "DELETE FROM review_cards; DELETE FROM review_events; DELETE FROM profile_settings",
                                  NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);

  sig_store_set_time_for_tests (T0 + 30 * DAY_USEC);
  assert_true (sig_store_catch_up_review_deck (ctx->store, ctx->profile_id, &added, &error));
  assert_int_equal (added, 6);
  assert_int_equal (count (ctx, "SELECT count(*) FROM review_cards"), 6);
  assert_int_equal (count (ctx, "SELECT count(*) FROM review_events WHERE kind = 'added'"), 6);
  assert_int_equal (count (ctx, "SELECT count(*) FROM review_cards WHERE due = (1772438400 + 31 * 86400) * 1000"), 6);
  /* Once: later calls add nothing, even when cards were lost. */
  db = st_db_open (ctx->fixture->db_path);
  assert_int_equal (sqlite3_exec (db, "DELETE FROM review_cards WHERE item_id LIKE '%q-tf'", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);
  assert_true (sig_store_catch_up_review_deck (ctx->store, ctx->profile_id, &added, &error));
  assert_int_equal (added, 0);
  assert_int_equal (count (ctx, "SELECT count(*) FROM review_events"), 6);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_completion_fills_deck, setup, teardown),
    cmocka_unit_test_setup_teardown (test_due_when_fsrs_says, setup, teardown),
    cmocka_unit_test_setup_teardown (test_wrong_forces_again, setup, teardown),
    cmocka_unit_test_setup_teardown (test_daily_limit, setup, teardown),
    cmocka_unit_test_setup_teardown (test_settings, setup, teardown),
    cmocka_unit_test_setup_teardown (test_rebuild_equivalence, setup, teardown),
    cmocka_unit_test_setup_teardown (test_profile_deletion, setup, teardown),
    cmocka_unit_test_setup_teardown (test_profile_deletion_cascades, setup, teardown),
    cmocka_unit_test_setup_teardown (test_exports, setup, teardown),
    cmocka_unit_test_setup_teardown (test_unreadable_card_repaired, setup, teardown),
    cmocka_unit_test_setup_teardown (test_catch_up, setup, teardown),
  };

  /* "Today" is the local day: make it the UTC day for these tests. */
  g_setenv ("TZ", "UTC", TRUE);
  tzset ();
  st_isolate ();
  return cmocka_run_group_tests (tests, NULL, NULL);
}
