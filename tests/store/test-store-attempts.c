/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Attempts as the learner sees them: the answers of the latest attempt, for
 * review, and taking back a new attempt ("take the course again", undone). */
#include "config.h"

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

/* The latest answer of each question of the latest attempt. */
static void
test_answers_for_review (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) none = NULL;
  g_autoptr(GHashTable) answers = NULL;
  g_autoptr(GHashTable) fresh = NULL;

  none = sig_store_get_answers (ctx->store, ctx->profile_id, ctx->course->id, &error);
  assert_non_null (none);
  assert_int_equal (g_hash_table_size (none), 0);

  assert_true (sig_store_record_answer (ctx->store, ctx->profile_id, ctx->course, "m-see", "q-tf", "false", NULL, &error));
  assert_true (sig_store_record_answer (ctx->store, ctx->profile_id, ctx->course, "m-see", "q-tf", "true", NULL, &error));
  answers = sig_store_get_answers (ctx->store, ctx->profile_id, ctx->course->id, &error);
  assert_non_null (answers);
  assert_string_equal (g_hash_table_lookup (answers, "q-tf"), "true");

  /* A new attempt starts with no answers. */
  assert_true (sig_store_record_started (ctx->store, ctx->profile_id, ctx->course, TRUE, NULL, &error));
  fresh = sig_store_get_answers (ctx->store, ctx->profile_id, ctx->course->id, &error);
  assert_non_null (fresh);
  assert_null (g_hash_table_lookup (fresh, "q-tf"));
}

/* A new attempt after a pass is taken back: the pass is the latest again. */
static void
test_discard_new_attempt (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *registration = NULL;
  g_autofree char *other_registration = NULL;
  SigCourseProgress *progress;
  gint64 attempts;

  for (guint i = 0; i < ctx->course->modules->len; i++)
    {
      SigModule *module = ctx->course->modules->pdata[i];

      if (module->required)
        {
          st_answer_module (ctx->store, ctx->profile_id, ctx->course, module->id, TRUE);
          st_play_scenarios (ctx->store, ctx->profile_id, ctx->course, module->id);
        }
    }
  progress = sig_store_get_progress (ctx->store, ctx->profile_id, NULL, ctx->course, &error);
  assert_int_equal (progress->status, SIG_PROGRESS_PASSED);
  sig_course_progress_free (progress);
  attempts = st_count (ctx->fixture->db_path, "SELECT count(*) FROM attempts");

  assert_true (sig_store_record_started (ctx->store, ctx->profile_id, ctx->course, TRUE, &registration, &error));
  assert_int_equal (st_count (ctx->fixture->db_path, "SELECT count(*) FROM attempts"), attempts + 1);

  /* Not another learner's, not another course's. */
  assert_false (sig_store_discard_attempt (ctx->store, "nobody", ctx->course->id, registration, &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_INVALID));
  g_clear_error (&error);
  assert_false (sig_store_discard_attempt (ctx->store, ctx->profile_id, "other-course", registration, &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_INVALID));
  g_clear_error (&error);

  assert_true (sig_store_discard_attempt (ctx->store, ctx->profile_id, ctx->course->id, registration, &error));
  assert_null (error);
  assert_int_equal (st_count (ctx->fixture->db_path, "SELECT count(*) FROM attempts"), attempts);
  progress = sig_store_get_progress (ctx->store, ctx->profile_id, NULL, ctx->course, &error);
  assert_int_equal (progress->status, SIG_PROGRESS_PASSED);
  sig_course_progress_free (progress);

  /* Once it holds an answer, it is the learner's work: it stays. */
  assert_true (sig_store_record_started (ctx->store, ctx->profile_id, ctx->course, TRUE, &other_registration, &error));
  assert_true (sig_store_record_answer (ctx->store, ctx->profile_id, ctx->course, "m-see", "q-tf", "true", NULL, &error));
  assert_false (sig_store_discard_attempt (ctx->store, ctx->profile_id, ctx->course->id, other_registration, &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_INVALID));
  assert_int_equal (st_count (ctx->fixture->db_path, "SELECT count(*) FROM attempts"), attempts + 1);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_answers_for_review, setup, teardown),
    cmocka_unit_test_setup_teardown (test_discard_new_attempt, setup, teardown),
  };

  st_isolate ();
  return cmocka_run_group_tests (tests, NULL, NULL);
}
