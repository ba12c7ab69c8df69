/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Events, progress, pass/fail, resume, versions and the knowledge check. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "sig-engine.h"
#include "sig-scoring.h"
#include "store-test-util.h"

typedef struct {
  StoreFixture *fixture;
  SigStore *store;
  SigCourse *course;
  char *profile_id;
} Ctx;

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
  *state = ctx;
  return 0;
}

static int
teardown (void **state)
{
  Ctx *ctx = *state;

  g_clear_object (&ctx->store);
  sig_course_unref (ctx->course);
  st_fixture_free (ctx->fixture);
  g_free (ctx->profile_id);
  g_free (ctx);
  return 0;
}

static SigCourseProgress *
progress_of (Ctx *ctx)
{
  g_autoptr(GError) error = NULL;
  SigCourseProgress *progress = sig_store_get_progress (ctx->store, ctx->profile_id, NULL, ctx->course, &error);

  assert_non_null (progress);
  return progress;
}

/* The call returns only after COMMIT: another connection sees the answer at once. */
static void
test_answer_is_committed_on_return (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;
  SigScore score = { 0 };
  sqlite3 *other;

  assert_true (sig_store_record_answer (ctx->store, ctx->profile_id, ctx->course, "m-see", "q-tf", "true", &score, &error));
  assert_true (score.correct);
  other = st_db_open (ctx->fixture->db_path);
  assert_int_equal (st_db_int (other, "SELECT count(*) FROM events WHERE kind = 'answered' AND item_id = 'q-tf' "
                                      "AND response = 'true' AND correct = 1 AND points = 1"), 1);
  /* The first event started an attempt. */
  assert_int_equal (st_db_int (other, "SELECT count(*) FROM events WHERE kind = 'started'"), 1);
  assert_int_equal (st_db_int (other, "SELECT count(*) FROM attempts"), 1);
  sqlite3_close (other);
}

static void
test_pass (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(SigCourseProgress) progress = NULL;
  g_autoptr(SigResumePoint) point = NULL;
  g_autoptr(GError) error = NULL;

  st_answer_module (ctx->store, ctx->profile_id, ctx->course, "m-see", TRUE);
  progress = progress_of (ctx);
  assert_int_equal (progress->status, SIG_PROGRESS_IN_PROGRESS);
  assert_true (((SigModuleProgress *) progress->modules->pdata[0])->completed);
  assert_false (((SigModuleProgress *) progress->modules->pdata[1])->completed);
  /* 5 of the 12 required points so far */
  assert_float_equal (progress->score, 100.0 * 5 / 12, 0.01);
  g_clear_pointer (&progress, sig_course_progress_free);

  st_answer_module (ctx->store, ctx->profile_id, ctx->course, "m-act", TRUE);
  progress = progress_of (ctx);
  /* The scenario of m-act has not ended: not complete yet. */
  assert_int_equal (progress->status, SIG_PROGRESS_IN_PROGRESS);
  assert_false (progress->completed);
  g_clear_pointer (&progress, sig_course_progress_free);

  st_play_scenarios (ctx->store, ctx->profile_id, ctx->course, "m-act");
  progress = progress_of (ctx);
  assert_int_equal (progress->status, SIG_PROGRESS_PASSED);
  assert_true (progress->completed);
  assert_true (progress->ever_passed);
  assert_float_equal (progress->score, 100.0, 0.001);
  assert_float_equal (progress->best_score, 100.0, 0.001);
  assert_true (progress->completed_at > 0);
  assert_int_equal (progress->attempts, 1);
  assert_string_equal (progress->course_version, "1.2.0");
  /* Per objective: obj-refer also has the question of the optional module. */
  assert_int_equal (progress->objectives->len, 2);
  for (guint i = 0; i < progress->objectives->len; i++)
    {
      SigObjectiveProgress *objective = progress->objectives->pdata[i];

      if (g_str_equal (objective->objective_id, "obj-signals"))
        {
          assert_int_equal (objective->n_questions, 2);
          assert_int_equal (objective->answered, 2);
          assert_float_equal (objective->points, 4, 0.001);
        }
      else
        {
          assert_string_equal (objective->objective_id, "obj-refer");
          assert_int_equal (objective->n_questions, 5);
          assert_int_equal (objective->answered, 4);
          assert_float_equal (objective->points, 8, 0.001);
          assert_float_equal (objective->max_points, 9, 0.001);
        }
    }
  /* The optional module is still to do. */
  point = sig_store_get_resume_point (ctx->store, ctx->profile_id, ctx->course, &error);
  assert_non_null (point);
  assert_int_equal (point->kind, SIG_RESUME_POST_CHECK);
  assert_int_equal (st_count (ctx->fixture->db_path, "SELECT count(*) FROM events WHERE kind = 'passed'"), 1);
  assert_int_equal (st_count (ctx->fixture->db_path, "SELECT count(*) FROM events WHERE kind = 'module-completed'"), 2);
  assert_int_equal (st_count (ctx->fixture->db_path, "SELECT count(*) FROM events WHERE kind = 'scenario-ended'"), 1);
}

static void
test_fail_then_new_attempt (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(SigCourseProgress) progress = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  assert_true (sig_store_record_started (ctx->store, ctx->profile_id, ctx->course, FALSE, &first, &error));
  st_answer_module (ctx->store, ctx->profile_id, ctx->course, "m-see", FALSE);
  st_answer_module (ctx->store, ctx->profile_id, ctx->course, "m-act", TRUE);
  st_play_scenarios (ctx->store, ctx->profile_id, ctx->course, "m-act");
  progress = progress_of (ctx);
  /* 7 of 12 points: 58 % < 70 % */
  assert_int_equal (progress->status, SIG_PROGRESS_FAILED);
  assert_true (progress->completed);
  assert_false (progress->ever_passed);
  assert_float_equal (progress->score, 100.0 * 7 / 12, 0.01);
  g_clear_pointer (&progress, sig_course_progress_free);

  /* A later answer in the finished attempt does not change its result. */
  assert_true (sig_store_record_answer (ctx->store, ctx->profile_id, ctx->course, "m-see", "q-tf", "true", NULL, &error));
  progress = progress_of (ctx);
  assert_int_equal (progress->status, SIG_PROGRESS_FAILED);
  g_clear_pointer (&progress, sig_course_progress_free);

  /* Continuing does not reopen a finished attempt; a new one starts. */
  assert_true (sig_store_record_started (ctx->store, ctx->profile_id, ctx->course, FALSE, &second, &error));
  assert_string_not_equal (first, second);
  st_answer_module (ctx->store, ctx->profile_id, ctx->course, "m-see", TRUE);
  progress = progress_of (ctx);
  assert_int_equal (progress->status, SIG_PROGRESS_IN_PROGRESS);
  assert_int_equal (progress->attempts, 2);
  assert_string_equal (progress->registration, second);
  assert_float_equal (progress->best_score, 100.0 * 7 / 12, 0.01);
  g_clear_pointer (&progress, sig_course_progress_free);

  st_answer_module (ctx->store, ctx->profile_id, ctx->course, "m-act", TRUE);
  st_play_scenarios (ctx->store, ctx->profile_id, ctx->course, "m-act");
  progress = progress_of (ctx);
  assert_int_equal (progress->status, SIG_PROGRESS_PASSED);
  assert_float_equal (progress->best_score, 100.0, 0.01);
  assert_true (progress->ever_passed);
}

/* The score counts the latest answer per question. */
static void
test_latest_answer_counts (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(SigCourseProgress) progress = NULL;
  g_autoptr(GError) error = NULL;

  {
    SigQuestion *question = sig_course_find_question (ctx->course, "q-order");
    g_autofree char *wrong = st_wrong_response (question);
    g_autofree char *best = sig_question_best_response (question);

    assert_true (sig_store_record_answer (ctx->store, ctx->profile_id, ctx->course, "m-act", "q-order", best, NULL, &error));
    assert_true (sig_store_record_answer (ctx->store, ctx->profile_id, ctx->course, "m-act", "q-order", wrong, NULL, &error));
  }
  progress = progress_of (ctx);
  {
    SigModuleProgress *module = progress->modules->pdata[1];
    SigScore score;
    SigQuestion *question = sig_course_find_question (ctx->course, "q-order");
    g_autofree char *wrong = st_wrong_response (question);

    assert_true (sig_question_score (question, wrong, &score, NULL));
    assert_int_equal (module->answered, 1);
    assert_float_equal (module->points, score.points, 0.001);
    assert_true (score.points < 3);
  }
}

static void
test_resume_question_and_scenario (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigResumePoint) point = NULL;
  g_autoptr(SigEngine) engine = NULL;
  g_autoptr(SigEngine) resumed = NULL;
  g_autofree char *key = NULL;
  g_autofree char *resumed_key = NULL;
  SigScenario *scenario = sig_course_find_scenario (ctx->course, "example-salon-case");
  SigModule *act = sig_course_find_module (ctx->course, "m-act");
  guint scenario_index = G_MAXUINT;

  /* Nothing done, and the course has a knowledge check: that comes first. */
  point = sig_store_get_resume_point (ctx->store, ctx->profile_id, ctx->course, &error);
  assert_int_equal (point->kind, SIG_RESUME_PRE_CHECK);
  assert_int_equal (point->question_index, 0);
  g_clear_pointer (&point, sig_resume_point_free);

  assert_true (sig_store_record_check_answer (ctx->store, ctx->profile_id, ctx->course, SIG_CHECK_PRE, "kc-1", "true", NULL, &error));
  point = sig_store_get_resume_point (ctx->store, ctx->profile_id, ctx->course, &error);
  assert_int_equal (point->kind, SIG_RESUME_ITEM);
  assert_int_equal (point->module_index, 0);
  assert_int_equal (point->item_index, 0);
  g_clear_pointer (&point, sig_resume_point_free);

  assert_true (sig_store_record_page_viewed (ctx->store, ctx->profile_id, ctx->course, "m-see", "p-intro", &error));
  {
    g_autofree char *best = sig_question_best_response (sig_course_find_question (ctx->course, "q-single"));

    assert_true (sig_store_record_answer (ctx->store, ctx->profile_id, ctx->course, "m-see", "q-single", best, NULL, &error));
  }
  point = sig_store_get_resume_point (ctx->store, ctx->profile_id, ctx->course, &error);
  assert_int_equal (point->kind, SIG_RESUME_ITEM);
  assert_int_equal (point->module_index, 0);
  {
    SigModule *see = ctx->course->modules->pdata[0];
    SigModuleItem *item = see->items->pdata[point->item_index];

    assert_int_equal (item->kind, SIG_ITEM_QUESTION);
    assert_string_equal (item->question->id, "q-multiple");
  }
  g_clear_pointer (&point, sig_resume_point_free);

  st_answer_module (ctx->store, ctx->profile_id, ctx->course, "m-see", TRUE);
  st_answer_module (ctx->store, ctx->profile_id, ctx->course, "m-act", TRUE);

  /* Two decisions into the scenario, then stop. */
  engine = sig_engine_new (scenario, "daan", &error);
  for (guint step = 0; step < 2; step++)
    {
      g_autoptr(GPtrArray) choices = sig_engine_get_choices (engine);
      g_autofree char *node = g_strdup (sig_engine_get_node (engine)->id);
      /* c-chat, then c-notice: at n-colleague, still deciding */
      SigChoice *choice = choices->pdata[step == 0 ? choices->len - 1 : 0];

      assert_true (sig_engine_choose (engine, choice->id, &error));
      if (sig_engine_get_status (engine) != SIG_ENGINE_AT_DECISION)
        break;
      assert_true (sig_store_record_choice (ctx->store, ctx->profile_id, ctx->course, "m-act", node, choice->id, engine, &error));
    }
  assert_int_equal (sig_engine_get_status (engine), SIG_ENGINE_AT_DECISION);
  key = sig_engine_state_key (engine);

  for (guint i = 0; i < act->items->len; i++)
    if (((SigModuleItem *) act->items->pdata[i])->kind == SIG_ITEM_SCENARIO)
      scenario_index = i;
  point = sig_store_get_resume_point (ctx->store, ctx->profile_id, ctx->course, &error);
  assert_int_equal (point->kind, SIG_RESUME_ITEM);
  assert_int_equal (point->module_index, 1);
  assert_int_equal (point->item_index, scenario_index);
  assert_non_null (point->scenario_state);
  resumed = sig_engine_deserialize (scenario, point->scenario_state, &error);
  assert_non_null (resumed);
  resumed_key = sig_engine_state_key (resumed);
  assert_string_equal (key, resumed_key);
  assert_string_equal (sig_engine_get_persona (resumed)->id, "daan");
}

/* A newer version of the course: progress carries on by id, each event keeps its version. */
static void
test_new_version_carries_on (void **state)
{
  Ctx *ctx = *state;
  g_autofree char *packed = st_pack_example (ctx->fixture->dir, NULL, "1.3.0");
  g_autoptr(SigCourse) newer = st_load (packed);
  g_autoptr(SigCourseProgress) progress = NULL;
  g_autoptr(GError) error = NULL;

  st_answer_module (ctx->store, ctx->profile_id, ctx->course, "m-see", TRUE);
  st_answer_module (ctx->store, ctx->profile_id, newer, "m-act", TRUE);
  st_play_scenarios (ctx->store, ctx->profile_id, newer, "m-act");

  progress = sig_store_get_progress (ctx->store, ctx->profile_id, NULL, newer, &error);
  assert_int_equal (progress->status, SIG_PROGRESS_PASSED);
  assert_int_equal (progress->attempts, 1);
  assert_string_equal (progress->course_version, "1.3.0");
  assert_int_equal (st_count (ctx->fixture->db_path,
                              "SELECT count(*) FROM events WHERE course_version = '1.2.0' AND kind = 'answered'"), 3);
  assert_int_equal (st_count (ctx->fixture->db_path,
                              "SELECT count(*) FROM events WHERE course_version = '1.3.0' AND kind = 'answered'"), 3);
}

static void
test_knowledge_check_gain_and_aggregate (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(SigCourseProgress) progress = NULL;
  g_autoptr(SigResumePoint) point = NULL;
  g_autoptr(SigProfile) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *aggregate = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *course;
  JsonObject *question;
  g_autofree char *installed = NULL;

  /* The aggregate reads the course from the library. */
  {
    g_autofree char *packed = st_pack_example (ctx->fixture->dir, NULL, "1.2.0");
    assert_true (sig_store_import_course (ctx->store, packed, NULL, NULL, &error));
  }

  /* Anna: wrong before, right after: gain 100. */
  assert_true (sig_store_record_check_answer (ctx->store, ctx->profile_id, ctx->course, SIG_CHECK_PRE, "kc-1", "true", NULL, &error));
  st_answer_module (ctx->store, ctx->profile_id, ctx->course, "m-see", TRUE);
  st_answer_module (ctx->store, ctx->profile_id, ctx->course, "m-act", TRUE);
  st_play_scenarios (ctx->store, ctx->profile_id, ctx->course, "m-act");
  point = sig_store_get_resume_point (ctx->store, ctx->profile_id, ctx->course, &error);
  assert_int_equal (point->kind, SIG_RESUME_POST_CHECK);
  assert_true (sig_store_record_check_answer (ctx->store, ctx->profile_id, ctx->course, SIG_CHECK_POST, "kc-1", "false", NULL, &error));
  g_clear_pointer (&point, sig_resume_point_free);
  point = sig_store_get_resume_point (ctx->store, ctx->profile_id, ctx->course, &error);
  /* Only the optional refresher module is left, and it is not part of the
   * first run: the attempt is done. */
  assert_int_equal (point->kind, SIG_RESUME_DONE);

  progress = progress_of (ctx);
  assert_true (progress->has_knowledge_check);
  assert_float_equal (progress->pre_score, 0, 0.001);
  assert_float_equal (progress->post_score, 100, 0.001);
  assert_float_equal (progress->gain, 100, 0.001);
  /* Knowledge-check answers do not count for the course score. */
  assert_int_equal (progress->status, SIG_PROGRESS_PASSED);

  /* Bram: right before, right after: gain 0. A second pre answer does not replace the first. */
  other = sig_store_create_profile (ctx->store, "Bram", NULL, "dental", "en", &error);
  assert_true (sig_store_record_check_answer (ctx->store, sig_profile_get_id (other), ctx->course, SIG_CHECK_PRE, "kc-1", "false", NULL, &error));
  assert_true (sig_store_record_check_answer (ctx->store, sig_profile_get_id (other), ctx->course, SIG_CHECK_PRE, "kc-1", "true", NULL, &error));
  assert_true (sig_store_record_check_answer (ctx->store, sig_profile_get_id (other), ctx->course, SIG_CHECK_POST, "kc-1", "false", NULL, &error));

  aggregate = sig_store_export_knowledge_aggregate (ctx->store, &error);
  assert_non_null (aggregate);
  /* Anonymous: no names, no profile ids, no attempt ids. */
  assert_null (strstr (aggregate, "Anna"));
  assert_null (strstr (aggregate, "Bram"));
  assert_null (strstr (aggregate, ctx->profile_id));
  assert_null (strstr (aggregate, sig_profile_get_id (other)));
  assert_null (strstr (aggregate, sig_store_get_installation_id (ctx->store)));

  assert_true (json_parser_load_from_data (parser, aggregate, -1, NULL));
  course = json_array_get_object_element (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "courses"), 0);
  assert_string_equal (json_object_get_string_member (course, "course_id"), "example-salon-basics");
  assert_int_equal (json_object_get_int_member (course, "learners_both"), 2);
  assert_float_equal (json_object_get_double_member (course, "mean_pre"), 50, 0.001);
  assert_float_equal (json_object_get_double_member (course, "mean_post"), 100, 0.001);
  assert_float_equal (json_object_get_double_member (course, "mean_gain"), 50, 0.001);
  question = json_array_get_object_element (json_object_get_array_member (course, "questions"), 0);
  assert_string_equal (json_object_get_string_member (question, "question_id"), "kc-1");
  assert_int_equal (json_object_get_int_member (question, "n_both"), 2);
  assert_float_equal (json_object_get_double_member (question, "mean_gain"), 50, 0.001);
  (void) installed;
}

static void
test_refusals (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;
  sqlite3 *other;
  char *message = NULL;

  assert_false (sig_store_record_answer (ctx->store, ctx->profile_id, ctx->course, "m-see", "q-single", "no-such-option", NULL, &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_INVALID));
  g_clear_error (&error);
  assert_false (sig_store_record_answer (ctx->store, ctx->profile_id, ctx->course, "m-see", "q-order", "s1", NULL, &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_FOUND));
  g_clear_error (&error);
  assert_false (sig_store_record_answer (ctx->store, "00000000-0000-4000-8000-000000000000", ctx->course, "m-see", "q-tf", "true", NULL, &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_FOUND));
  g_clear_error (&error);
  assert_false (sig_store_record_check_answer (ctx->store, ctx->profile_id, ctx->course, SIG_CHECK_PRE, "q-tf", "true", NULL, &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_FOUND));
  g_clear_error (&error);
  /* Nothing was written by a refused call. */
  assert_int_equal (st_count (ctx->fixture->db_path, "SELECT count(*) FROM events"), 0);

  /* Events are append-only, even for another program. */
  assert_true (sig_store_record_answer (ctx->store, ctx->profile_id, ctx->course, "m-see", "q-tf", "true", NULL, &error));
  other = st_db_open (ctx->fixture->db_path);
  assert_int_not_equal (sqlite3_exec (other, "UPDATE events SET points = 0", NULL, NULL, &message), SQLITE_OK);
  assert_non_null (strstr (message, "append-only"));
  sqlite3_free (message);
  sqlite3_close (other);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_answer_is_committed_on_return, setup, teardown),
    cmocka_unit_test_setup_teardown (test_pass, setup, teardown),
    cmocka_unit_test_setup_teardown (test_fail_then_new_attempt, setup, teardown),
    cmocka_unit_test_setup_teardown (test_latest_answer_counts, setup, teardown),
    cmocka_unit_test_setup_teardown (test_resume_question_and_scenario, setup, teardown),
    cmocka_unit_test_setup_teardown (test_new_version_carries_on, setup, teardown),
    cmocka_unit_test_setup_teardown (test_knowledge_check_gain_and_aggregate, setup, teardown),
    cmocka_unit_test_setup_teardown (test_refusals, setup, teardown),
  };

  st_isolate ();
  return cmocka_run_group_tests (tests, NULL, NULL);
}
