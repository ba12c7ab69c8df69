/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fold and its projections.
 *
 * - Thousands of random event sequences: the state kept incrementally (after
 *   every event written out as the projection rows are, read back, and the
 *   next event folded into that) is the same as folding the whole sequence at
 *   once, as a rebuild does. The seed is printed; SIGNAAL_FOLD_SEED=N repeats
 *   a run.
 * - A real store, driven through its API at random: the projection rows it
 *   kept are those sig_store_projection_rebuild() makes from its log.
 * - The learner rules that live in the fold: a pass is never lowered by a
 *   later attempt, and a renewal states the course's score. */
#include "config.h"

#include <stdlib.h>

#include "store-test-util.h"
#include "sig-store-projection.h"

static const char *modules[] = { "m1", "m2", "m3" };
static const char *items[] = { "a", "b", "c", "d" };

typedef struct {
  GRand *rand;
  GStringChunk *strings;
  GPtrArray *registrations;
  gint64 id;
  gint64 time;
} Generator;

static const char *
pick (Generator   *gen,
      const char **from,
      guint        n)
{
  return from[g_rand_int_range (gen->rand, 0, n)];
}

static void
random_event (Generator     *gen,
              SigStoreEvent *event)
{
  SigStoreEvent fresh = SIG_STORE_EVENT_INIT;
  guint roll = g_rand_int_range (gen->rand, 0, 100);

  *event = fresh;
  event->id = gen->id += g_rand_int_range (gen->rand, 1, 3);
  event->time = gen->time += g_rand_int_range (gen->rand, 0, 5000000);
  event->statement_id = g_string_chunk_insert (gen->strings, "00000000-0000-4000-8000-000000000000");
  event->course_version = g_rand_int_range (gen->rand, 0, 20) == 0 ? "2.0.0" : "1.0.0";
  event->module_id = pick (gen, modules, G_N_ELEMENTS (modules));
  event->item_id = pick (gen, items, G_N_ELEMENTS (items));

  if (gen->registrations->len == 0 || roll < 4)
    {
      g_autofree char *name = g_strdup_printf ("r%u", gen->registrations->len);
      char *registration = g_string_chunk_insert (gen->strings, name);

      g_ptr_array_add (gen->registrations, registration);
      event->kind = SIG_STORE_EVENT_STARTED;
      event->module_id = event->item_id = NULL;
      /* Sometimes a log that lost its "started" (a recovered one). */
      if (g_rand_int_range (gen->rand, 0, 10) == 0)
        event->kind = SIG_STORE_EVENT_ANSWERED;
    }
  else if (roll < 34)
    {
      guint phase = g_rand_int_range (gen->rand, 0, 10);

      event->kind = SIG_STORE_EVENT_ANSWERED;
      event->response = g_rand_boolean (gen->rand) ? "true" : "a,b";
      event->correct = g_rand_boolean (gen->rand);
      event->has_points = TRUE;
      event->max_points = g_rand_int_range (gen->rand, 1, 4);
      event->points = g_rand_int_range (gen->rand, 0, (int) event->max_points + 1);
      if (phase < 2)
        {
          event->phase = phase == 0 ? "pre" : "post";
          event->module_id = NULL;
        }
    }
  else if (roll < 50)
    event->kind = SIG_STORE_EVENT_PAGE_VIEWED;
  else if (roll < 60)
    {
      g_autofree char *engine_state = g_strdup_printf ("{\"node\":\"n%d\"}", g_rand_int_range (gen->rand, 0, 9));

      event->kind = SIG_STORE_EVENT_SCENARIO_CHOICE;
      event->node_id = "n1";
      event->response = "c1";
      event->state = g_string_chunk_insert (gen->strings, engine_state);
    }
  else if (roll < 66)
    {
      event->kind = SIG_STORE_EVENT_SCENARIO_ENDED;
      event->response = "e1";
      event->has_points = TRUE;
      event->points = g_rand_int_range (gen->rand, 0, 101);
      event->max_points = 100;
    }
  else if (roll < 71)
    {
      event->kind = SIG_STORE_EVENT_MODULE_COMPLETED;
      event->item_id = NULL;
      event->has_points = TRUE;
      event->points = 1;
      event->max_points = 2;
    }
  else if (roll < 83)
    {
      static const SigStoreEventKind results[] = { SIG_STORE_EVENT_PASSED, SIG_STORE_EVENT_FAILED, SIG_STORE_EVENT_COMPLETED };

      event->kind = results[g_rand_int_range (gen->rand, 0, 3)];
      event->module_id = event->item_id = NULL;
      if (event->kind != SIG_STORE_EVENT_COMPLETED)
        {
          event->has_points = TRUE;
          event->max_points = 12;
          event->points = g_rand_int_range (gen->rand, 0, 13);
          event->correct = event->kind == SIG_STORE_EVENT_PASSED;
        }
    }
  else if (roll < 95)
    {
      static const SigStoreEventKind refreshers[] = { SIG_STORE_EVENT_REFRESHER_STARTED, SIG_STORE_EVENT_REFRESHER_STARTED,
                                                      SIG_STORE_EVENT_REFRESHER_PASSED, SIG_STORE_EVENT_REFRESHER_FAILED };

      event->kind = refreshers[g_rand_int_range (gen->rand, 0, 4)];
      event->item_id = NULL;
      event->has_points = event->kind != SIG_STORE_EVENT_REFRESHER_STARTED && g_rand_boolean (gen->rand);
      event->max_points = 2;
      event->points = g_rand_int_range (gen->rand, 0, 3);
    }
  else
    event->kind = SIG_STORE_EVENT_PAGE_VIEWED;

  /* Mostly the latest attempt; now and then an older one. */
  if (event->registration == NULL && gen->registrations->len > 0)
    event->registration = g_rand_int_range (gen->rand, 0, 20) == 0
                          ? gen->registrations->pdata[g_rand_int_range (gen->rand, 0, gen->registrations->len)]
                          : gen->registrations->pdata[gen->registrations->len - 1];
  if (event->registration == NULL)
    event->registration = "r-lost";
}

/* What the store does between two writes: the course row and the attempt row
 * written out and read back. */
static SigStoreCourseState *
through_rows (SigStoreCourseState *state)
{
  g_autofree char *course_row = sig_store_course_state_to_json (state, FALSE);
  g_autoptr(JsonNode) attempt_row = state->attempt ? sig_store_attempt_to_json (state->attempt) : NULL;
  g_autofree char *attempt_text = attempt_row ? json_to_string (attempt_row, FALSE) : NULL;
  SigStoreCourseState *back = sig_store_course_state_from_json (course_row);

  assert_non_null (back);
  back->last_event = state->last_event;
  if (attempt_text != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      assert_true (json_parser_load_from_data (parser, attempt_text, -1, NULL));
      back->attempt = sig_store_attempt_from_json (json_parser_get_root (parser));
      assert_non_null (back->attempt);
    }
  sig_store_course_state_free (state);
  return back;
}

static void
test_rebuild_equals_incremental (void **state)
{
  const char *seed_text = g_getenv ("SIGNAAL_FOLD_SEED");
  guint32 seed = seed_text ? (guint32) strtoul (seed_text, NULL, 10) : g_random_int ();
  guint sequences = 2000, events_folded = 0, passes = 0;

  g_print ("fold: seed %u (SIGNAAL_FOLD_SEED=%u repeats this run)\n", seed, seed);
  for (guint s = 0; s < sequences; s++)
    {
      Generator gen = { 0 };
      g_autoptr(SigStoreCourseState) incremental = sig_store_course_state_new ();
      g_autoptr(SigStoreCourseState) rebuilt = sig_store_course_state_new ();
      g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (SigStoreEvent));
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      guint length;

      gen.rand = g_rand_new_with_seed (seed + s);
      gen.strings = g_string_chunk_new (256);
      gen.registrations = g_ptr_array_new ();
      length = g_rand_int_range (gen.rand, 1, 100);
      for (guint i = 0; i < length; i++)
        {
          SigStoreEvent event;
          SigStoreFoldChange change;

          random_event (&gen, &event);
          g_array_append_val (events, event);
          incremental = through_rows (incremental);
          sig_store_fold (incremental, &event, &change);
          passes += change.passed;
        }
      for (guint i = 0; i < events->len; i++)
        sig_store_fold (rebuilt, &g_array_index (events, SigStoreEvent, i), NULL);
      events_folded += events->len;

      a = sig_store_course_state_to_json (incremental, TRUE);
      b = sig_store_course_state_to_json (rebuilt, TRUE);
      if (g_strcmp0 (a, b) != 0)
        fail_msg ("sequence %u of seed %u: incremental\n%s\nrebuilt\n%s", s, seed, a, b);
      assert_int_equal (incremental->last_event, rebuilt->last_event);

      g_ptr_array_unref (gen.registrations);
      g_string_chunk_free (gen.strings);
      g_rand_free (gen.rand);
    }
  g_print ("fold: %u sequences, %u events, %u passes: rebuilt == incremental\n", sequences, events_folded, passes);
  assert_true (passes > 0);
}

/* ---- The learner rules in the fold ------------------------------------------------ */

static void
fold_one (SigStoreCourseState *state,
          SigStoreEventKind    kind,
          const char          *registration,
          double               points,
          double               max,
          SigStoreFoldChange  *change)
{
  SigStoreEvent event = SIG_STORE_EVENT_INIT;

  event.id = state->last_event + 1;
  event.kind = kind;
  event.registration = registration;
  event.course_version = "1.0.0";
  event.time = event.id * G_USEC_PER_SEC;
  event.has_points = max > 0;
  event.points = points;
  event.max_points = max;
  event.module_id = kind == SIG_STORE_EVENT_ANSWERED || kind == SIG_STORE_EVENT_REFRESHER_STARTED ? "m1" : NULL;
  event.item_id = kind == SIG_STORE_EVENT_ANSWERED ? "a" : NULL;
  sig_store_fold (state, &event, change);
}

static void
test_pass_is_kept (void **unused)
{
  g_autoptr(SigStoreCourseState) state = sig_store_course_state_new ();
  SigStoreFoldChange change;

  fold_one (state, SIG_STORE_EVENT_STARTED, "r1", 0, 0, &change);
  assert_true (change.new_attempt);
  fold_one (state, SIG_STORE_EVENT_PASSED, "r1", 8.76, 12, &change);
  assert_true (change.passed);
  assert_false (change.refresher);
  assert_float_equal (change.certificate_score, 73, 0.001);
  assert_int_equal (state->standing, SIG_PROGRESS_PASSED);

  /* A new attempt, in progress, then failed: the course stays passed at 73 %. */
  fold_one (state, SIG_STORE_EVENT_STARTED, "r2", 0, 0, &change);
  fold_one (state, SIG_STORE_EVENT_ANSWERED, "r2", 0, 2, &change);
  assert_int_equal (state->standing, SIG_PROGRESS_PASSED);
  assert_float_equal (state->standing_score, 73, 0.001);
  assert_false (state->attempt->finished);
  fold_one (state, SIG_STORE_EVENT_FAILED, "r2", 4.44, 12, &change);
  assert_false (change.passed);
  assert_int_equal (state->standing, SIG_PROGRESS_PASSED);
  assert_float_equal (state->standing_score, 73, 0.001);
  assert_int_equal (state->attempt->result, SIG_PROGRESS_FAILED);
  assert_int_equal (state->attempts, 2);

  /* A better pass raises it; a worse one does not lower it. */
  fold_one (state, SIG_STORE_EVENT_STARTED, "r3", 0, 0, &change);
  fold_one (state, SIG_STORE_EVENT_PASSED, "r3", 10.8, 12, &change);
  assert_float_equal (state->standing_score, 90, 0.001);
  fold_one (state, SIG_STORE_EVENT_STARTED, "r4", 0, 0, &change);
  fold_one (state, SIG_STORE_EVENT_PASSED, "r4", 9, 12, &change);
  assert_float_equal (state->standing_score, 90, 0.001);
  assert_float_equal (state->best_score, 90, 0.001);
}

static void
test_renewal_keeps_course_score (void **unused)
{
  g_autoptr(SigStoreCourseState) state = sig_store_course_state_new ();
  SigStoreFoldChange change;

  fold_one (state, SIG_STORE_EVENT_STARTED, "r1", 0, 0, &change);
  fold_one (state, SIG_STORE_EVENT_PASSED, "r1", 8.76, 12, &change);
  fold_one (state, SIG_STORE_EVENT_REFRESHER_STARTED, "r1", 0, 0, &change);
  assert_true (state->refresher_since > 0);
  assert_non_null (state->refresher);
  fold_one (state, SIG_STORE_EVENT_ANSWERED, "r1", 1, 1, &change);
  assert_int_equal (g_hash_table_size (state->refresher->answers), 1);
  fold_one (state, SIG_STORE_EVENT_REFRESHER_PASSED, "r1", 1, 1, &change);
  assert_true (change.passed);
  assert_true (change.refresher);
  /* The renewal states 73 %, the score the course was passed with ... */
  assert_float_equal (change.certificate_score, 73, 0.001);
  /* ... and the refresher's own 100 % is kept beside it. */
  assert_int_equal (state->refresher_result, SIG_PROGRESS_PASSED);
  assert_float_equal (state->refresher_score, 100, 0.001);
  assert_int_equal (state->refresher_since, 0);
  assert_null (state->refresher);
  assert_float_equal (state->standing_score, 73, 0.001);
}

/* ---- A real store ------------------------------------------------------------------- */

static char *
projection_rows (const char *db_path)
{
  sqlite3 *db = st_db_open (db_path);
  char *rows = st_db_text (db,
                           "SELECT coalesce ((SELECT group_concat (r, char (10)) FROM (SELECT profile_id || ' ' || course_id || ' ' || "
                           "  coalesce (registration, '-') || ' ' || attempts || ' ' || standing || ' ' || coalesce (score, '-') || ' ' || "
                           "  coalesce (best_score, '-') || ' ' || coalesce (completed_at, '-') || ' ' || refresher_since || ' ' || state AS r "
                           "  FROM course_projection ORDER BY profile_id, course_id)), '') || char (10) || "
                           "coalesce ((SELECT group_concat (r, char (10)) FROM (SELECT registration || ' ' || profile_id || ' ' || course_id || ' ' || "
                           "  finished || ' ' || result || ' ' || coalesce (score, '-') || ' ' || coalesce (finished_at, '-') || ' ' || "
                           "  item_events || ' ' || state AS r FROM attempt_projection ORDER BY registration)), '')");

  sqlite3_close (db);
  return rows;
}

static void
test_store_rebuild_equals_incremental (void **unused)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autofree char *packed = st_pack_example (fixture->dir, NULL, "1.2.0");
  g_autoptr(SigStore) store = st_open (fixture);
  g_autoptr(SigCourse) course = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *rebuilt = NULL;
  const char *profiles[2];
  g_autoptr(SigProfile) anna = NULL;
  g_autoptr(SigProfile) bram = NULL;
  guint32 seed = g_random_int ();
  guint passed = 0;

  g_print ("store: seed %u\n", seed);
  rand = g_rand_new_with_seed (seed);
  assert_true (sig_store_import_course (store, packed, NULL, NULL, &error));
  course = sig_store_load_course (store, "example-salon-basics", &error);
  assert_non_null (course);
  anna = sig_store_create_profile (store, "Anna", NULL, NULL, NULL, &error);
  bram = sig_store_create_profile (store, "Bram", NULL, NULL, NULL, &error);
  profiles[0] = sig_profile_get_id (anna);
  profiles[1] = sig_profile_get_id (bram);
  /* Speed over durability for this test only: the rows are what is compared. */
  assert_true (sig_store_exec (store, "PRAGMA synchronous = OFF", &error));

  for (guint i = 0; i < 400; i++)
    {
      const char *profile = profiles[g_rand_int_range (rand, 0, 2)];
      SigModule *module = course->modules->pdata[g_rand_int_range (rand, 0, course->modules->len)];
      SigModuleItem *item = module->items->pdata[g_rand_int_range (rand, 0, module->items->len)];
      guint roll = g_rand_int_range (rand, 0, 100);

      if (roll < 4)
        assert_true (sig_store_record_started (store, profile, course, TRUE, NULL, &error));
      else if (roll < 8)
        {
          g_autoptr(GError) refused = NULL;

          if (!sig_store_record_refresher_started (store, profile, course, &refused))
            assert_true (g_error_matches (refused, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_PASSED));
        }
      else if (roll < 14 && course->knowledge_check != NULL && course->knowledge_check->len > 0)
        {
          SigQuestion *question = course->knowledge_check->pdata[g_rand_int_range (rand, 0, course->knowledge_check->len)];
          g_autofree char *wrong = st_wrong_response (question);

          assert_true (sig_store_record_check_answer (store, profile, course, g_rand_boolean (rand) ? SIG_CHECK_PRE : SIG_CHECK_POST,
                                                      question->id, wrong, NULL, &error));
        }
      else if (roll < 20)
        st_play_scenarios (store, profile, course, module->id);
      else if (roll < 30)
        st_answer_module (store, profile, course, module->id, g_rand_int_range (rand, 0, 4) != 0);
      else if (item->kind == SIG_ITEM_PAGE)
        assert_true (sig_store_record_page_viewed (store, profile, course, module->id, item->page->id, &error));
      else if (item->kind == SIG_ITEM_QUESTION)
        {
          g_autofree char *wrong = st_wrong_response (item->question);
          g_autofree char *best = sig_question_best_response (item->question);

          assert_true (sig_store_record_answer (store, profile, course, module->id, item->question->id,
                                                g_rand_boolean (rand) ? wrong : best, NULL, &error));
        }
    }
  passed = st_count (fixture->db_path, "SELECT count(*) FROM events WHERE kind IN ('passed', 'refresher-passed')");
  g_print ("store: %" G_GINT64_FORMAT " events, %u passes\n", (gint64) st_count (fixture->db_path, "SELECT count(*) FROM events"), passed);

  kept = projection_rows (fixture->db_path);
  assert_true (strlen (kept) > 10);
  assert_true (sig_store_projection_rebuild (store, &error));
  rebuilt = projection_rows (fixture->db_path);
  assert_string_equal (kept, rebuilt);

  /* Emptied by hand (as a migration leaves them): the next open rebuilds them. */
  g_clear_object (&store);
  {
    sqlite3 *db = st_db_open (fixture->db_path);

    assert_int_equal (sqlite3_exec (db, "DELETE FROM course_projection; DELETE FROM attempt_projection; "
                                        "DELETE FROM settings WHERE key = 'projection'", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close (db);
  }
  store = st_open (fixture);
  g_free (rebuilt);
  rebuilt = projection_rows (fixture->db_path);
  assert_string_equal (kept, rebuilt);
  g_clear_object (&store);
  st_fixture_free (fixture);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_rebuild_equals_incremental),
    cmocka_unit_test (test_pass_is_kept),
    cmocka_unit_test (test_renewal_keeps_course_score),
    cmocka_unit_test (test_store_rebuild_equals_incremental),
  };

  st_isolate ();
  return cmocka_run_group_tests (tests, NULL, NULL);
}
