/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Certificates in the progress store: recorded and signed with the pass, none
 * for a fail, expiry states at a given moment, refreshers that renew (and one
 * below the pass mark that does not), the issuer, the report's "valid until",
 * and a pass while the issuer key cannot be made: kept, and certified later. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sig-engine.h"
#include "sig-scoring.h"
#include "store-test-util.h"

typedef struct {
  StoreFixture *fixture;
  SigStore *store;
  SigCourse *course;
  char *packed;
  char *anna;     /* passes */
  char *bram;     /* fails */
} Ctx;

/* 2025-03-12T10:00:00Z, in µs */
static gint64
t0 (void)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (2025, 3, 12, 10, 0, 0);

  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

static GDateTime *
utc_at (gint64 usec)
{
  return g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
}

static char *
iso (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static int
setup (void **state)
{
  Ctx *ctx = g_new0 (Ctx, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigProfile) anna = NULL;
  g_autoptr(SigProfile) bram = NULL;

  ctx->fixture = st_fixture_new ();
  ctx->packed = st_pack_example (ctx->fixture->dir, NULL, "1.2.0");
  ctx->store = st_open (ctx->fixture);
  assert_true (sig_store_import_course (ctx->store, ctx->packed, NULL, NULL, &error));
  ctx->course = sig_store_load_course (ctx->store, "example-salon-basics", &error);
  assert_non_null (ctx->course);
  anna = sig_store_create_profile (ctx->store, "Anna", "Anna de\nVries", "hair-beauty", "en", &error);
  bram = sig_store_create_profile (ctx->store, "Bram", "Bram Bakker", "dental", "nl", &error);
  ctx->anna = g_strdup (sig_profile_get_id (anna));
  ctx->bram = g_strdup (sig_profile_get_id (bram));
  sig_store_set_time_for_tests (t0 ());
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
  g_free (ctx->packed);
  g_free (ctx->anna);
  g_free (ctx->bram);
  g_free (ctx);
  return 0;
}

static void
pass_course (Ctx        *ctx,
             const char *profile_id)
{
  st_answer_module (ctx->store, profile_id, ctx->course, "m-see", TRUE);
  st_answer_module (ctx->store, profile_id, ctx->course, "m-act", TRUE);
  st_play_scenarios (ctx->store, profile_id, ctx->course, "m-act");
}

static gint64
count (Ctx        *ctx,
       const char *sql)
{
  return st_count (ctx->fixture->db_path, sql);
}

static SigStoreCertificate *
latest_certificate (Ctx        *ctx,
                    const char *profile_id)
{
  g_autoptr(GError) error = NULL;
  SigStoreCertificate *latest = NULL;
  SigStoreCertificateState state;

  if (!sig_store_get_certificate_state (ctx->store, profile_id, "example-salon-basics", NULL, &state, &latest, NULL, &error))
    fail_msg ("state: %s", error->message);
  return latest;
}

/* A pass records a certificate in the same transaction and signs it at once. */
static void
test_pass_records_certificate (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStoreCertificate) certificate = NULL;
  g_autoptr(SigStoreCertificate) again = NULL;
  g_autoptr(SigVerification) verification = NULL;
  g_autoptr(GDateTime) day_after = NULL;
  g_autofree char *completed = NULL;
  g_autofree char *valid_until = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *key = NULL;
  g_autofree char *db_dir = g_path_get_dirname (ctx->fixture->db_path);
  const SigCertificateClaims *claims;

  pass_course (ctx, ctx->anna);
  /* As soon as the answer that passed returned, another program sees it signed. */
  {
    sqlite3 *other = st_db_open (ctx->fixture->db_path);

    assert_int_equal (st_db_int (other, "SELECT count(*) FROM events WHERE kind = 'passed'"), 1);
    assert_int_equal (st_db_int (other, "SELECT count(*) FROM certificates c JOIN events e ON e.statement_id = c.event_id "
                                        "WHERE e.kind = 'passed' AND c.kind = 'course' AND c.credential IS NOT NULL"), 1);
    stored = st_db_text (other, "SELECT credential FROM certificates");
    sqlite3_close (other);
  }
  /* The installation key is made beside the database. */
  key = g_build_filename (db_dir, "issuer-key", NULL);
  assert_true (g_file_test (key, G_FILE_TEST_IS_REGULAR));

  certificate = sig_store_get_certificate (ctx->store, ctx->anna, "example-salon-basics", &error);
  if (certificate == NULL)
    fail_msg ("certificate: %s", error->message);
  assert_true (sig_store_certificate_get_issued (certificate));
  assert_int_equal (sig_store_certificate_get_kind (certificate), SIG_STORE_CERTIFICATE_COURSE);
  assert_string_equal (sig_store_certificate_get_course_version (certificate), "1.2.0");
  assert_true (g_str_has_prefix (sig_store_certificate_get_id (certificate), "urn:uuid:"));
  assert_true (st_is_uuid_v4 (sig_store_certificate_get_id (certificate) + strlen ("urn:uuid:")));
  completed = iso (sig_store_certificate_get_completed (certificate));
  valid_until = iso (sig_store_certificate_get_valid_until (certificate));
  assert_string_equal (completed, "2025-03-12T10:00:00Z");
  assert_string_equal (valid_until, "2027-03-12T10:00:00Z");   /* validity-months="24" */
  assert_true (sig_store_certificate_get_score (certificate) == 100.0);
  /* Exactly the credential recorded with the pass. */
  assert_string_equal (sig_store_certificate_get_credential (certificate), stored);

  /* What it says: the learner's certificate name on one line, in her language. */
  claims = sig_store_certificate_get_claims (certificate);
  assert_string_equal (claims->learner_name, "Anna de Vries");
  assert_string_equal (claims->language, "en");
  assert_string_equal (claims->course_title, "Noticing in the salon: the basics");
  assert_string_equal (claims->publisher_name, "Example Hairdressers' Association");
  assert_non_null (claims->publisher_logo);
  assert_int_equal (claims->accreditation_points, 1);
  assert_string_equal (claims->accreditation_register, "Example quality register");
  assert_int_equal (g_strv_length (claims->objectives), 2);
  assert_string_equal (claims->objectives[0], "You recognise signs of control in what a client says.");
  assert_int_equal (claims->pass_mark_percent, 70);

  /* Anyone can check it. */
  day_after = g_date_time_add_days (sig_store_certificate_get_completed (certificate), 1);
  verification = sig_credential_verify (sig_store_certificate_get_credential (certificate), -1, NULL, day_after);
  assert_int_equal (verification->status, SIG_VERIFICATION_VALID);
  assert_string_equal (verification->learner_name, "Anna de Vries");
  assert_string_equal (verification->achievement_name, "Noticing in the salon: the basics");
  assert_string_equal (verification->course_id, "example-salon-basics");
  assert_string_equal (verification->course_version, "1.2.0");
  assert_string_equal (verification->score, "100");
  assert_true (g_date_time_equal (verification->valid_from, sig_store_certificate_get_completed (certificate)));
  assert_true (g_date_time_equal (verification->valid_until, sig_store_certificate_get_valid_until (certificate)));
  assert_string_equal (verification->code, sig_store_certificate_get_verification_code (certificate));
  assert_string_equal (verification->issuer_did, sig_store_certificate_get_issuer_did (certificate));
  assert_string_equal (verification->credential_id, sig_store_certificate_get_id (certificate));

  /* Asked again (later, by a new store): the same credential, byte for byte. */
  sig_store_set_time_for_tests (t0 () + 40 * G_TIME_SPAN_DAY);
  g_clear_object (&ctx->store);
  ctx->store = st_open (ctx->fixture);
  again = sig_store_get_certificate (ctx->store, ctx->anna, "example-salon-basics", &error);
  assert_non_null (again);
  assert_string_equal (sig_store_certificate_get_credential (again), sig_store_certificate_get_credential (certificate));
  assert_int_equal (count (ctx, "SELECT count(*) FROM certificates"), 1);
  /* Recorded certificates are never changed. */
  {
    sqlite3 *other = st_db_open (ctx->fixture->db_path);

    assert_int_not_equal (sqlite3_exec (other, "UPDATE certificates SET valid_until = '2099-01-01T00:00:00Z'", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close (other);
  }
}

/* A fail records nothing, and says so. */
/* A save that fails names the folder and why, not the temporary file. */
static void
test_save_error_names_folder (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStoreCertificate) certificate = NULL;
  g_autofree char *db_dir = g_path_get_dirname (ctx->fixture->db_path);
  g_autofree char *folder = g_build_filename (db_dir, "no-such-folder", NULL);
  g_autofree char *pdf = g_build_filename (folder, "certificate.pdf", NULL);
  g_autofree char *json = g_build_filename (folder, "certificate.json", NULL);

  pass_course (ctx, ctx->anna);
  certificate = sig_store_get_certificate (ctx->store, ctx->anna, "example-salon-basics", &error);
  assert_non_null (certificate);
  assert_false (sig_store_certificate_write (certificate, pdf, NULL, &error));
  assert_non_null (error);
  assert_non_null (strstr (error->message, folder));
  assert_non_null (strstr (error->message, "does not exist"));
  assert_null (strstr (error->message, "certificate.pdf"));
  g_clear_error (&error);
  assert_false (sig_store_certificate_write (certificate, NULL, json, &error));
  assert_non_null (strstr (error->message, folder));
  assert_null (strstr (error->message, "certificate.json"));
}

static void
test_fail_no_certificate (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStoreCertificate) latest = NULL;
  g_autoptr(GPtrArray) list = NULL;
  SigStoreCertificateState certificate_state = SIG_STORE_CERTIFICATE_VALID;
  gboolean refresher = TRUE;

  st_answer_module (ctx->store, ctx->bram, ctx->course, "m-see", FALSE);
  st_answer_module (ctx->store, ctx->bram, ctx->course, "m-act", FALSE);
  st_play_scenarios (ctx->store, ctx->bram, ctx->course, "m-act");
  assert_int_equal (count (ctx, "SELECT count(*) FROM events WHERE kind = 'failed'"), 1);
  assert_int_equal (count (ctx, "SELECT count(*) FROM certificates"), 0);

  assert_null (sig_store_get_certificate (ctx->store, ctx->bram, "example-salon-basics", &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_PASSED));
  assert_non_null (strstr (error->message, "Bram has not passed"));
  g_clear_error (&error);
  assert_true (sig_store_get_certificate_state (ctx->store, ctx->bram, "example-salon-basics", NULL,
                                                &certificate_state, &latest, &refresher, &error));
  assert_int_equal (certificate_state, SIG_STORE_CERTIFICATE_NONE);
  assert_null (latest);
  assert_false (refresher);
  list = sig_store_list_certificates (ctx->store, ctx->bram, &error);
  assert_int_equal (list->len, 0);
  /* No refresher without a certificate. */
  assert_false (sig_store_record_refresher_started (ctx->store, ctx->bram, ctx->course, &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_PASSED));
  g_clear_error (&error);
  /* A learner that does not exist is not "not passed". */
  assert_null (sig_store_get_certificate (ctx->store, "00000000-0000-4000-8000-000000000000", "example-salon-basics", &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_FOUND));
}

static SigStoreCertificateState
state_at (Ctx        *ctx,
          GDateTime  *now,
          gboolean   *refresher)
{
  g_autoptr(GError) error = NULL;
  SigStoreCertificateState result;

  if (!sig_store_get_certificate_state (ctx->store, ctx->anna, "example-salon-basics", now, &result, NULL, refresher, &error))
    fail_msg ("state: %s", error->message);
  return result;
}

static void
test_expiry_states (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GDateTime) until = NULL;
  g_autoptr(GDateTime) at_61 = NULL;
  g_autoptr(GDateTime) at_59 = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(SigStoreCertificate) latest = NULL;
  gboolean refresher = FALSE;

  pass_course (ctx, ctx->anna);
  latest = latest_certificate (ctx, ctx->anna);
  until = g_date_time_ref (sig_store_certificate_get_valid_until (latest));
  at_61 = g_date_time_add_days (until, -61);
  at_59 = g_date_time_add_days (until, -59);
  after = g_date_time_add_days (until, 1);

  assert_int_equal (state_at (ctx, at_61, &refresher), SIG_STORE_CERTIFICATE_VALID);
  assert_true (refresher);   /* the course names m-refresh */
  assert_int_equal (state_at (ctx, at_59, NULL), SIG_STORE_CERTIFICATE_EXPIRING);
  assert_int_equal (state_at (ctx, until, NULL), SIG_STORE_CERTIFICATE_EXPIRED);
  assert_int_equal (state_at (ctx, after, &refresher), SIG_STORE_CERTIFICATE_EXPIRED);
  assert_true (refresher);
  /* The record says the same. */
  assert_int_equal (sig_store_certificate_get_state (latest, at_59), SIG_STORE_CERTIFICATE_EXPIRING);
  assert_string_equal (sig_store_certificate_state_to_string (SIG_STORE_CERTIFICATE_EXPIRING), "expiring");
  /* "now" by default: the store's clock (two months after the pass). */
  sig_store_set_time_for_tests (t0 () + 61 * G_TIME_SPAN_DAY);
  assert_int_equal (state_at (ctx, NULL, NULL), SIG_STORE_CERTIFICATE_VALID);
}

/* Answers m-refresh, and checks what the store made of it. */
static void
answer_refresher (Ctx        *ctx,
                  const char *profile_id,
                  gboolean    right)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SigResumePoint) point = NULL;
  SigModule *module;

  point = sig_store_get_resume_point (ctx->store, profile_id, ctx->course, &error);
  assert_non_null (point);
  assert_int_equal (point->kind, SIG_RESUME_ITEM);
  module = ctx->course->modules->pdata[point->module_index];
  assert_string_equal (module->id, "m-refresh");
  assert_int_equal (point->item_index, 0);   /* p-refresh */
  assert_true (sig_store_record_page_viewed (ctx->store, profile_id, ctx->course, "m-refresh", "p-refresh", &error));
  g_clear_pointer (&point, sig_resume_point_free);
  point = sig_store_get_resume_point (ctx->store, profile_id, ctx->course, &error);
  assert_int_equal (point->kind, SIG_RESUME_ITEM);
  assert_int_equal (point->item_index, 1);   /* q-refresh */
  assert_true (sig_store_record_answer (ctx->store, profile_id, ctx->course, "m-refresh", "q-refresh",
                                        right ? "true" : "false", NULL, &error));
}

static void
test_refresher_renews (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStoreCertificate) first = NULL;
  g_autoptr(SigStoreCertificate) renewed = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(SigCourseProgress) progress = NULL;
  g_autoptr(SigVerification) verification = NULL;
  g_autoptr(GDateTime) t1 = NULL;
  g_autoptr(GDateTime) expected = NULL;
  g_autofree char *xapi = NULL;
  gint64 t1_usec = t0 () + 700 * G_TIME_SPAN_DAY;   /* 23 months on: expiring */
  gboolean open = TRUE;

  pass_course (ctx, ctx->anna);
  /* Doing the refresher module straight after, as an optional module, renews nothing. */
  st_answer_module (ctx->store, ctx->anna, ctx->course, "m-refresh", TRUE);
  assert_int_equal (count (ctx, "SELECT count(*) FROM certificates"), 1);
  assert_int_equal (count (ctx, "SELECT count(*) FROM events WHERE kind LIKE 'refresher-%'"), 0);
  first = latest_certificate (ctx, ctx->anna);

  sig_store_set_time_for_tests (t1_usec);
  t1 = utc_at (t1_usec);
  assert_int_equal (state_at (ctx, t1, NULL), SIG_STORE_CERTIFICATE_EXPIRING);
  assert_true (sig_store_record_refresher_started (ctx->store, ctx->anna, ctx->course, &error));
  assert_true (sig_store_get_refresher_open (ctx->store, ctx->anna, "example-salon-basics", &open, &error));
  assert_true (open);
  /* Started twice: still one refresher. */
  assert_true (sig_store_record_refresher_started (ctx->store, ctx->anna, ctx->course, &error));
  assert_int_equal (count (ctx, "SELECT count(*) FROM events WHERE kind = 'refresher-started'"), 1);
  answer_refresher (ctx, ctx->anna, TRUE);

  assert_int_equal (count (ctx, "SELECT count(*) FROM events WHERE kind = 'refresher-passed' AND points = 1 AND max_points = 1"), 1);
  assert_true (sig_store_get_refresher_open (ctx->store, ctx->anna, "example-salon-basics", &open, &error));
  assert_false (open);
  renewed = sig_store_get_certificate (ctx->store, ctx->anna, "example-salon-basics", &error);
  if (renewed == NULL)
    fail_msg ("renewed: %s", error->message);
  assert_int_equal (sig_store_certificate_get_kind (renewed), SIG_STORE_CERTIFICATE_REFRESHER);
  assert_string_not_equal (sig_store_certificate_get_id (renewed), sig_store_certificate_get_id (first));
  assert_true (g_date_time_equal (sig_store_certificate_get_completed (renewed), t1));
  expected = g_date_time_add_months (t1, 24);
  assert_true (g_date_time_equal (sig_store_certificate_get_valid_until (renewed), expected));
  assert_true (g_date_time_compare (sig_store_certificate_get_valid_until (renewed),
                                    sig_store_certificate_get_valid_until (first)) > 0);
  assert_int_equal (state_at (ctx, t1, NULL), SIG_STORE_CERTIFICATE_VALID);
  verification = sig_credential_verify (sig_store_certificate_get_credential (renewed), -1, NULL, t1);
  assert_int_equal (verification->status, SIG_VERIFICATION_VALID);
  assert_string_equal (verification->learner_name, "Anna de Vries");

  /* Both are kept, newest first; the attempt's result is as it was. */
  list = sig_store_list_certificates (ctx->store, ctx->anna, &error);
  assert_int_equal (list->len, 2);
  assert_string_equal (sig_store_certificate_get_id (list->pdata[0]), sig_store_certificate_get_id (renewed));
  assert_string_equal (sig_store_certificate_get_id (list->pdata[1]), sig_store_certificate_get_id (first));
  progress = sig_store_get_progress (ctx->store, ctx->anna, NULL, ctx->course, &error);
  assert_int_equal (progress->status, SIG_PROGRESS_PASSED);
  assert_int_equal (progress->attempts, 1);
  /* With the refresher closed, the resume point is the attempt's again. */
  {
    g_autoptr(SigResumePoint) point = sig_store_get_resume_point (ctx->store, ctx->anna, ctx->course, &error);

    assert_int_not_equal (point->kind, SIG_RESUME_ITEM);
  }

  /* xAPI: the refresher is passed as a module of the course. */
  xapi = sig_store_export_xapi (ctx->store, ctx->anna, &error);
  assert_non_null (xapi);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *statements;
    guint found = 0;

    assert_true (json_parser_load_from_data (parser, xapi, -1, NULL));
    statements = json_node_get_array (json_parser_get_root (parser));
    for (guint i = 0; i < json_array_get_length (statements); i++)
      {
        JsonObject *statement = json_array_get_object_element (statements, i);
        const char *verb = json_object_get_string_member (json_object_get_object_member (statement, "verb"), "id");
        const char *object = json_object_get_string_member (json_object_get_object_member (statement, "object"), "id");

        if (g_str_equal (verb, "http://adlnet.gov/expapi/verbs/passed") && g_str_has_suffix (object, "/module/m-refresh"))
          {
            JsonObject *result = json_object_get_object_member (statement, "result");

            assert_true (json_object_get_boolean_member (result, "success"));
            found++;
          }
      }
    assert_int_equal (found, 1);
  }
}

/* A later attempt never lowers a recorded pass, and a renewal states the
 * score the course was passed with; the refresher's own score is kept apart. */
static void
test_pass_kept_and_renewal_score (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigCourseProgress) progress = NULL;
  g_autoptr(SigStoreCertificate) first = NULL;
  g_autoptr(SigStoreCertificate) renewed = NULL;
  double passed_with;

  /* 11 of 12 points: one question wrong. */
  st_answer_module (ctx->store, ctx->anna, ctx->course, "m-see", TRUE);
  assert_true (sig_store_record_answer (ctx->store, ctx->anna, ctx->course, "m-see", "q-tf", "false", NULL, &error));
  st_answer_module (ctx->store, ctx->anna, ctx->course, "m-act", TRUE);
  st_play_scenarios (ctx->store, ctx->anna, ctx->course, "m-act");
  progress = sig_store_get_progress (ctx->store, ctx->anna, NULL, ctx->course, &error);
  assert_int_equal (progress->status, SIG_PROGRESS_PASSED);
  passed_with = progress->score;
  assert_true (passed_with > ctx->course->pass_mark && passed_with < 100);
  first = latest_certificate (ctx, ctx->anna);
  assert_float_equal (sig_store_certificate_get_score (first), passed_with, 0.001);
  g_clear_pointer (&progress, sig_course_progress_free);

  /* A new attempt with one wrong answer: still passed, with that score. */
  assert_true (sig_store_record_started (ctx->store, ctx->anna, ctx->course, TRUE, NULL, &error));
  assert_true (sig_store_record_answer (ctx->store, ctx->anna, ctx->course, "m-see", "q-single", "a", NULL, &error));
  progress = sig_store_get_progress (ctx->store, ctx->anna, NULL, ctx->course, &error);
  assert_int_equal (progress->status, SIG_PROGRESS_PASSED);
  assert_true (progress->has_score);
  assert_float_equal (progress->score, passed_with, 0.001);
  assert_true (progress->ever_passed);
  assert_int_equal (progress->attempts, 2);
  assert_int_equal (progress->attempt_status, SIG_PROGRESS_IN_PROGRESS);
  assert_true (progress->attempt_score < passed_with);
  g_clear_pointer (&progress, sig_course_progress_free);
  /* The list of courses (without the course loaded) says the same. */
  {
    g_autoptr(GPtrArray) list = sig_store_list_progress (ctx->store, ctx->anna, &error);
    gboolean found = FALSE;

    for (guint i = 0; list != NULL && i < list->len; i++)
      {
        SigCourseProgress *item = list->pdata[i];

        if (g_str_equal (item->course_id, "example-salon-basics"))
          {
            found = TRUE;
            assert_int_equal (item->status, SIG_PROGRESS_PASSED);
            assert_float_equal (item->score, passed_with, 0.001);
          }
      }
    assert_true (found);
  }

  /* The refresher, all right (100 %): the renewal still says the course's score. */
  sig_store_set_time_for_tests (t0 () + 700 * G_TIME_SPAN_DAY);
  assert_true (sig_store_record_refresher_started (ctx->store, ctx->anna, ctx->course, &error));
  answer_refresher (ctx, ctx->anna, TRUE);
  renewed = sig_store_get_certificate (ctx->store, ctx->anna, "example-salon-basics", &error);
  if (renewed == NULL)
    fail_msg ("renewed: %s", error->message);
  assert_int_equal (sig_store_certificate_get_kind (renewed), SIG_STORE_CERTIFICATE_REFRESHER);
  assert_float_equal (sig_store_certificate_get_score (renewed), passed_with, 0.001);
  assert_float_equal (sig_store_certificate_get_claims (renewed)->score_percent, passed_with, 0.001);
  progress = sig_store_get_progress (ctx->store, ctx->anna, NULL, ctx->course, &error);
  assert_int_equal (progress->refresher_status, SIG_PROGRESS_PASSED);
  assert_float_equal (progress->refresher_score, 100, 0.001);
  assert_true (progress->refresher_at > 0);
  assert_float_equal (progress->score, passed_with, 0.001);
}

static void
test_refresher_below_pass_mark (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStoreCertificate) latest = NULL;
  gboolean open = TRUE;

  pass_course (ctx, ctx->anna);
  sig_store_set_time_for_tests (t0 () + 800 * G_TIME_SPAN_DAY);   /* expired */
  assert_true (sig_store_record_refresher_started (ctx->store, ctx->anna, ctx->course, &error));
  answer_refresher (ctx, ctx->anna, FALSE);

  assert_int_equal (count (ctx, "SELECT count(*) FROM events WHERE kind = 'refresher-failed' AND points = 0"), 1);
  assert_int_equal (count (ctx, "SELECT count(*) FROM certificates"), 1);
  latest = latest_certificate (ctx, ctx->anna);
  assert_int_equal (sig_store_certificate_get_kind (latest), SIG_STORE_CERTIFICATE_COURSE);
  assert_int_equal (state_at (ctx, NULL, NULL), SIG_STORE_CERTIFICATE_EXPIRED);
  assert_true (sig_store_get_refresher_open (ctx->store, ctx->anna, "example-salon-basics", &open, &error));
  assert_false (open);

  /* Another go, right this time: renewed. */
  assert_true (sig_store_record_refresher_started (ctx->store, ctx->anna, ctx->course, &error));
  answer_refresher (ctx, ctx->anna, TRUE);
  assert_int_equal (count (ctx, "SELECT count(*) FROM certificates WHERE kind = 'refresher'"), 1);
  assert_int_equal (state_at (ctx, NULL, NULL), SIG_STORE_CERTIFICATE_VALID);
}

/* A damaged database is copied into a fresh one: its certificates too. */
static void
test_recovery_keeps_certificates (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *recovered = NULL;
  SigStoreRecovery recovery = { 0 };
  sqlite3 *fresh = NULL;

  pass_course (ctx, ctx->anna);
  g_clear_object (&ctx->store);
  {
    sqlite3 *db = st_db_open (ctx->fixture->db_path);

    stored = st_db_text (db, "SELECT credential FROM certificates");
    sqlite3_close (db);
  }
  assert_non_null (stored);

  assert_int_equal (sqlite3_open (":memory:", &fresh), SQLITE_OK);
  for (int v = 1; v <= SIG_STORE_SCHEMA_VERSION; v++)
    assert_int_equal (sqlite3_exec (fresh, sig_store_schema_migration (v), NULL, NULL, NULL), SQLITE_OK);
  assert_true (sig_store_recover_into (fresh, ctx->fixture->db_path, &recovery, &error));
  recovered = st_db_text (fresh, "SELECT credential FROM certificates");
  assert_non_null (recovered);
  assert_string_equal (recovered, stored);
  assert_int_equal (st_db_int (fresh, "SELECT count(*) FROM certificates c JOIN profiles p ON p.id = c.profile_id"), 1);
  sqlite3_close (fresh);
  ctx->store = st_open (ctx->fixture);
}

/* Deleting a learner's progress in a course deletes its certificates too. */
static void
test_delete_course_progress (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;

  pass_course (ctx, ctx->anna);
  pass_course (ctx, ctx->bram);
  assert_int_equal (count (ctx, "SELECT count(*) FROM certificates"), 2);
  assert_true (sig_store_delete_course_progress (ctx->store, ctx->anna, "example-salon-basics", &error));
  assert_int_equal (count (ctx, "SELECT count(*) FROM certificates"), 1);
  assert_null (sig_store_get_certificate (ctx->store, ctx->anna, "example-salon-basics", &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_PASSED));
  g_clear_error (&error);
  /* Bram's stays. */
  {
    g_autoptr(SigStoreCertificate) kept = sig_store_get_certificate (ctx->store, ctx->bram, "example-salon-basics", &error);

    assert_non_null (kept);
  }
}

/* A course without a refresher module has none to start. */
static void
test_no_refresher_module (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *packed = st_pack_example_patched (ctx->fixture->dir, "plain.signaal",
                                                     " refresher=\"m-refresh\"", "");
  g_autoptr(SigCourse) plain = st_load (packed);
  SigStoreCertificateState certificate_state;
  gboolean refresher = TRUE;

  assert_null (plain->refresher_module);
  st_answer_module (ctx->store, ctx->anna, plain, "m-see", TRUE);
  st_answer_module (ctx->store, ctx->anna, plain, "m-act", TRUE);
  st_play_scenarios (ctx->store, ctx->anna, plain, "m-act");
  assert_false (sig_store_record_refresher_started (ctx->store, ctx->anna, plain, &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_INVALID));
  g_clear_error (&error);
  /* The library's copy of the course does name one: put the plain one in its place. */
  assert_true (sig_store_remove_course (ctx->store, "example-salon-basics", &error));
  assert_true (sig_store_import_course (ctx->store, packed, NULL, NULL, &error));
  assert_true (sig_store_get_certificate_state (ctx->store, ctx->anna, "example-salon-basics", NULL,
                                                &certificate_state, NULL, &refresher, &error));
  assert_int_equal (certificate_state, SIG_STORE_CERTIFICATE_VALID);
  assert_false (refresher);
}

/* An organisation's key, given to the store. */
static void
test_explicit_issuer (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigIssuer) issuer = NULL;
  g_autoptr(SigStoreCertificate) certificate = NULL;
  g_autoptr(SigVerification) verification = NULL;
  g_autoptr(GDateTime) later = g_date_time_new_utc (2025, 4, 1, 0, 0, 0);
  guint8 seed[SIG_ED25519_SEED_BYTES];

  for (guint i = 0; i < sizeof seed; i++)
    seed[i] = (guint8) (7 * i + 3);
  issuer = sig_issuer_new_from_seed (seed, SIG_ISSUER_KIND_ORGANISATION, "Voorbeeldschool");
  sig_store_set_issuer (ctx->store, issuer);
  assert_true (sig_store_get_issuer (ctx->store, &error) == issuer);
  pass_course (ctx, ctx->bram);
  certificate = sig_store_get_certificate (ctx->store, ctx->bram, "example-salon-basics", &error);
  assert_non_null (certificate);
  assert_string_equal (sig_store_certificate_get_issuer_did (certificate), sig_issuer_get_did (issuer));
  verification = sig_credential_verify (sig_store_certificate_get_credential (certificate), -1,
                                        sig_issuer_get_did (issuer), later);
  assert_int_equal (verification->status, SIG_VERIFICATION_VALID);
  assert_string_equal (verification->issuer_name, "Voorbeeldschool");
  assert_string_equal (verification->learner_name, "Bram Bakker");
  assert_string_equal (verification->language, "nl");
  assert_string_equal (verification->achievement_name, "Signaleren in de salon: de basis");
}

/* An attempt played by a tool (play --best) passes without answers from the
 * learner: with an organisation's key in place it still gets no certificate,
 * not now and not when one is asked for later, and progress and every export
 * mark it automated. */
static void
test_automated_attempt_no_certificate (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigIssuer) issuer = NULL;
  g_autoptr(SigStoreCertificate) certificate = NULL;
  g_autoptr(SigCourseProgress) progress = NULL;
  g_autofree char *registration = NULL;
  g_autofree char *xapi = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *my_data = NULL;
  guint8 seed[SIG_ED25519_SEED_BYTES];

  for (guint i = 0; i < sizeof seed; i++)
    seed[i] = (guint8) (5 * i + 1);
  issuer = sig_issuer_new_from_seed (seed, SIG_ISSUER_KIND_ORGANISATION, "Voorbeeldschool");
  sig_store_set_issuer (ctx->store, issuer);

  assert_true (sig_store_record_started (ctx->store, ctx->bram, ctx->course, FALSE, &registration, &error));
  assert_true (sig_store_mark_attempt_automated (ctx->store, registration, &error));
  pass_course (ctx, ctx->bram);
  assert_int_equal (count (ctx, "SELECT count(*) FROM events WHERE kind = 'passed'"), 1);
  assert_int_equal (count (ctx, "SELECT count(*) FROM attempts WHERE automated = 1"), 1);
  assert_int_equal (count (ctx, "SELECT count(*) FROM certificates"), 0);

  certificate = sig_store_get_certificate (ctx->store, ctx->bram, "example-salon-basics", &error);
  assert_null (certificate);
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_PASSED));
  assert_non_null (strstr (error->message, "automated"));
  g_clear_error (&error);
  assert_int_equal (count (ctx, "SELECT count(*) FROM certificates"), 0);

  progress = sig_store_get_progress (ctx->store, ctx->bram, NULL, ctx->course, &error);
  assert_non_null (progress);
  assert_true (progress->automated);
  assert_int_equal (progress->status, SIG_PROGRESS_PASSED);

  xapi = sig_store_export_xapi (ctx->store, ctx->bram, &error);
  assert_non_null (strstr (xapi, "\"https://signaal.invalid/xapi/extension/automated\" : true"));
  csv = sig_store_export_csv (ctx->store, ctx->bram, &error);
  assert_non_null (strstr (csv, ",automated\r\n"));
  assert_non_null (strstr (csv, ",yes\r\n"));
  my_data = sig_store_export_my_data (ctx->store, ctx->bram, &error);
  assert_non_null (strstr (my_data, "\"automated\" : true"));

  /* Unknown attempts are refused. */
  assert_false (sig_store_mark_attempt_automated (ctx->store, "no-such-attempt", &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_FOUND));
}

/* The report's "valid until" is the certificate's, renewed by a refresher;
 * a learner's own data holds the certificates. */
static void
test_report_and_my_data (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStoreCertificate) renewed = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *csv = NULL;
  g_autofree char *row = NULL;
  g_autofree char *until = NULL;
  g_autofree char *my_data = NULL;
  JsonArray *certificates;

  pass_course (ctx, ctx->anna);
  sig_store_set_time_for_tests (t0 () + 300 * G_TIME_SPAN_DAY);
  assert_true (sig_store_record_refresher_started (ctx->store, ctx->anna, ctx->course, &error));
  answer_refresher (ctx, ctx->anna, TRUE);
  renewed = latest_certificate (ctx, ctx->anna);
  assert_int_equal (sig_store_certificate_get_kind (renewed), SIG_STORE_CERTIFICATE_REFRESHER);
  local = g_date_time_to_local (sig_store_certificate_get_valid_until (renewed));
  until = g_date_time_format (local, "%Y-%m-%d");
  /* 300 days after the pass, plus 24 months: not the pass's 2027-03-12. */
  assert_true (g_str_has_prefix (until, "2028-01-0"));

  csv = sig_store_export_csv (ctx->store, ctx->anna, &error);
  row = g_strdup_printf (",%s,no\r\n", until);
  if (strstr (csv, row) == NULL)
    fail_msg ("no %s in:\n%s", until, csv);

  my_data = sig_store_export_my_data (ctx->store, ctx->anna, &error);
  assert_true (json_parser_load_from_data (parser, my_data, -1, NULL));
  certificates = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "certificates");
  assert_int_equal (json_array_get_length (certificates), 2);
  {
    JsonObject *newest = json_array_get_object_element (certificates, 0);

    assert_string_equal (json_object_get_string_member (newest, "kind"), "refresher");
    assert_string_equal (json_object_get_string_member (newest, "credential"), sig_store_certificate_get_credential (renewed));
    assert_string_equal (json_object_get_string_member (json_object_get_object_member (newest, "claims"), "learner_name"),
                         "Anna de Vries");
  }
}

/* From an authoring folder (as bundled courses are): the logo comes from its media folder. */
static void
test_authoring_folder_logo (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = sig_test_copy_example ();
  g_autofree char *course_xml = g_build_filename (copy, "course.xml", NULL);
  g_autofree char *tmp_root = g_path_get_dirname (copy);
  g_autoptr(SigCourse) folder = st_load (course_xml);
  g_autoptr(SigStoreCertificate) certificate = NULL;
  g_autofree char *logo = NULL;
  gsize logo_length;
  g_autofree char *scenario_xml = g_build_filename (copy, "scenarios", "example-salon-case.xml", NULL);
  g_autoptr(SigScenario) scenario = sig_loader_load_scenario (scenario_xml, &error);
  g_autoptr(SigEngine) engine = NULL;

  assert_non_null (folder->base_dir);
  assert_false (folder->packed);
  assert_non_null (scenario);
  st_answer_module (ctx->store, ctx->anna, folder, "m-see", TRUE);
  st_answer_module (ctx->store, ctx->anna, folder, "m-act", TRUE);
  /* The scenario is a file of the folder, not inline. */
  engine = sig_engine_new (scenario, NULL, &error);
  while (sig_engine_get_status (engine) == SIG_ENGINE_AT_DECISION)
    {
      g_autoptr(GPtrArray) choices = sig_engine_get_choices (engine);
      g_autofree char *node_id = g_strdup (sig_engine_get_node (engine)->id);
      SigChoice *chosen = choices->pdata[0];

      for (guint c = 0; c < choices->len; c++)
        if (((SigChoice *) choices->pdata[c])->recommended)
          chosen = choices->pdata[c];
      assert_true (sig_engine_choose (engine, chosen->id, &error));
      assert_true (sig_store_record_choice (ctx->store, ctx->anna, folder, "m-act", node_id, chosen->id, engine, &error));
    }
  assert_int_equal (count (ctx, "SELECT count(*) FROM events WHERE kind = 'passed'"), 1);
  certificate = sig_store_get_certificate (ctx->store, ctx->anna, "example-salon-basics", &error);
  assert_non_null (certificate);
  assert_true (g_file_get_contents (SOURCE_DIR "/tests/fixtures/valid/example-course/media/logo.png", &logo, &logo_length, NULL));
  assert_non_null (sig_store_certificate_get_claims (certificate)->publisher_logo);
  assert_int_equal (g_bytes_get_size (sig_store_certificate_get_claims (certificate)->publisher_logo), logo_length);
  assert_memory_equal (g_bytes_get_data (sig_store_certificate_get_claims (certificate)->publisher_logo, NULL), logo, logo_length);
  sig_test_remove_tree (tmp_root);
}

/* ---- A pass while no issuer key can be made -------------------------------------- */

/* Best answers and recommended choices, without cmocka (it may run in a child). */
static char *
pass_quietly (SigStore   *store,
              const char *profile_id,
              SigCourse  *course)
{
  const char *modules[] = { "m-see", "m-act" };

  for (guint m = 0; m < G_N_ELEMENTS (modules); m++)
    {
      SigModule *module = sig_course_find_module (course, modules[m]);

      for (guint i = 0; i < module->items->len; i++)
        {
          SigModuleItem *item = module->items->pdata[i];
          g_autoptr(GError) error = NULL;

          if (item->kind == SIG_ITEM_PAGE)
            {
              if (!sig_store_record_page_viewed (store, profile_id, course, module->id, item->page->id, &error))
                return g_strdup_printf ("page: %s", error->message);
            }
          else if (item->kind == SIG_ITEM_QUESTION)
            {
              g_autofree char *best = sig_question_best_response (item->question);

              if (!sig_store_record_answer (store, profile_id, course, module->id, item->question->id, best, NULL, &error))
                return g_strdup_printf ("answer: %s", error->message);
            }
          else
            {
              SigScenario *scenario = sig_course_find_scenario (course, item->scenario_ref);
              g_autoptr(SigEngine) engine = sig_engine_new (scenario, NULL, &error);

              while (engine != NULL && sig_engine_get_status (engine) == SIG_ENGINE_AT_DECISION)
                {
                  g_autoptr(GPtrArray) choices = sig_engine_get_choices (engine);
                  g_autofree char *node_id = g_strdup (sig_engine_get_node (engine)->id);
                  SigChoice *chosen = choices->pdata[0];

                  for (guint c = 0; c < choices->len; c++)
                    if (((SigChoice *) choices->pdata[c])->recommended)
                      chosen = choices->pdata[c];
                  if (!sig_engine_choose (engine, chosen->id, &error) ||
                      !sig_store_record_choice (store, profile_id, course, module->id, node_id, chosen->id, engine, &error))
                    return g_strdup_printf ("choice: %s", error->message);
                }
            }
        }
    }
  return NULL;
}

static char *
read_only_key_checks (StoreFixture *fixture,
                      const char   *course_path)
{
  g_autofree char *dir = g_path_get_dirname (fixture->db_path);
  g_autofree char *key = g_build_filename (dir, "issuer-key", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStore) store = NULL;
  g_autoptr(SigCourse) course = sig_loader_load_course (course_path, NULL);
  g_autoptr(SigProfile) profile = NULL;
  g_autoptr(SigCourseProgress) progress = NULL;
  g_autoptr(SigStoreCertificate) pending = NULL;
  g_autoptr(SigStoreCertificate) issued = NULL;
  g_autoptr(SigVerification) verification = NULL;
  SigStoreCertificateState state;
  char *problem;

  store = sig_store_open (fixture->db_path, SIG_STORE_OPEN_DEFAULT, &error);
  if (store == NULL || sig_store_get_read_only (store))
    return g_strdup ("the store cannot be opened for writing");
  profile = sig_store_create_profile (store, "Noor", "Noor El Idrissi", NULL, "nl", &error);
  if (profile == NULL || course == NULL)
    return g_strdup ("no profile or course");

  /* The database is open (its WAL too); the folder where the key would go is closed. */
  if (g_chmod (dir, 0500) != 0)
    return g_strdup_printf ("chmod: %s", g_strerror (errno));
  {
    g_autofree char *probe = g_build_filename (dir, "probe", NULL);
    int fd = open (probe, O_CREAT | O_WRONLY, 0600);

    if (fd >= 0)
      {
        close (fd);
        g_unlink (probe);
        return g_strdup ("the folder is still writable: the check would prove nothing");
      }
  }
  if ((problem = pass_quietly (store, sig_profile_get_id (profile), course)) != NULL)
    return problem;

  /* The pass stands; its certificate is recorded, not signed. */
  progress = sig_store_get_progress (store, sig_profile_get_id (profile), NULL, course, &error);
  if (progress == NULL || progress->status != SIG_PROGRESS_PASSED)
    return g_strdup ("the pass was not kept");
  if (g_file_test (key, G_FILE_TEST_EXISTS))
    return g_strdup ("a key was made in a read-only folder");
  if (!sig_store_get_certificate_state (store, sig_profile_get_id (profile), course->id, NULL, &state, &pending, NULL, &error) ||
      pending == NULL || state != SIG_STORE_CERTIFICATE_VALID)
    return g_strdup ("no certificate was recorded with the pass");
  if (sig_store_certificate_get_issued (pending) || sig_store_certificate_get_credential (pending) != NULL)
    return g_strdup ("the certificate claims to be signed");
  if (sig_store_get_certificate (store, sig_profile_get_id (profile), course->id, &error) != NULL)
    return g_strdup ("a certificate was signed without a key");
  if (!g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_ISSUED) ||
      strstr (error->message, "issuer key") == NULL || strstr (error->message, "denied. Your result is kept") == NULL)
    return g_strdup_printf ("unclear error: %s", error->message);
  g_clear_error (&error);
  {
    g_autofree char *exported = g_build_filename (fixture->dir, "pending.json", NULL);

    if (sig_store_certificate_write (pending, NULL, exported, &error) ||
        !g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_ISSUED))
      return g_strdup ("an unsigned certificate was written");
    g_clear_error (&error);
  }

  /* Writable again: the same certificate is signed when asked for. */
  g_chmod (dir, 0700);
  issued = sig_store_get_certificate (store, sig_profile_get_id (profile), course->id, &error);
  if (issued == NULL)
    return g_strdup_printf ("not issued later: %s", error->message);
  if (g_strcmp0 (sig_store_certificate_get_id (issued), sig_store_certificate_get_id (pending)) != 0)
    return g_strdup ("another certificate was made instead of the recorded one");
  verification = sig_credential_verify (sig_store_certificate_get_credential (issued), -1, NULL,
                                        sig_store_certificate_get_completed (issued));
  if (verification->status != SIG_VERIFICATION_VALID || g_strcmp0 (verification->learner_name, "Noor El Idrissi") != 0)
    return g_strdup_printf ("the late certificate does not verify: %s", verification->message);
  if (!g_file_test (key, G_FILE_TEST_IS_REGULAR))
    return g_strdup ("no key beside the database");
  return NULL;
}

/* As root, chmod stops nothing: the checks run in a child that gave up root
 * (uid/gid 65534) on a copy owned by that user, as test-store-faults does. */
static void
test_read_only_key_folder (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autofree char *course = st_pack_example (fixture->dir, NULL, "1.2.0");
  g_autofree char *dir = g_path_get_dirname (fixture->db_path);
  g_autofree char *problem = NULL;

  assert_int_equal (g_mkdir_with_parents (dir, 0700), 0);
  if (geteuid () != 0)
    problem = read_only_key_checks (fixture, course);
  else
    {
      int pipe_fds[2];
      pid_t child;
      int status = 0;
      char buffer[1024] = "";
      ssize_t n;

      st_chown_tree (fixture->dir, 65534, 65534);
      assert_int_equal (pipe (pipe_fds), 0);
      child = fork ();
      assert_true (child >= 0);
      if (child == 0)
        {
          g_autofree char *child_problem = NULL;

          close (pipe_fds[0]);
          if (setgroups (0, NULL) != 0 || setgid (65534) != 0 || setuid (65534) != 0 || geteuid () == 0)
            child_problem = g_strdup_printf ("cannot drop root: %s", g_strerror (errno));
          else
            child_problem = read_only_key_checks (fixture, course);
          if (child_problem != NULL && write (pipe_fds[1], child_problem, strlen (child_problem)) < 0)
            _exit (3);
          _exit (child_problem != NULL ? 1 : 0);
        }
      close (pipe_fds[1]);
      n = read (pipe_fds[0], buffer, sizeof buffer - 1);
      close (pipe_fds[0]);
      assert_int_equal (waitpid (child, &status, 0), child);
      if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
        problem = g_strdup_printf ("child (uid 65534): %s", n > 0 ? buffer : "crashed");
      g_chmod (dir, 0700);
      st_chown_tree (fixture->dir, 0, 0);
    }
  if (problem != NULL)
    fail_msg ("%s", problem);
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM certificates WHERE credential IS NOT NULL"), 1);
  st_fixture_free (fixture);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_pass_records_certificate, setup, teardown),
    cmocka_unit_test_setup_teardown (test_save_error_names_folder, setup, teardown),
    cmocka_unit_test_setup_teardown (test_fail_no_certificate, setup, teardown),
    cmocka_unit_test_setup_teardown (test_expiry_states, setup, teardown),
    cmocka_unit_test_setup_teardown (test_refresher_renews, setup, teardown),
    cmocka_unit_test_setup_teardown (test_pass_kept_and_renewal_score, setup, teardown),
    cmocka_unit_test_setup_teardown (test_refresher_below_pass_mark, setup, teardown),
    cmocka_unit_test_setup_teardown (test_recovery_keeps_certificates, setup, teardown),
    cmocka_unit_test_setup_teardown (test_delete_course_progress, setup, teardown),
    cmocka_unit_test_setup_teardown (test_no_refresher_module, setup, teardown),
    cmocka_unit_test_setup_teardown (test_explicit_issuer, setup, teardown),
    cmocka_unit_test_setup_teardown (test_automated_attempt_no_certificate, setup, teardown),
    cmocka_unit_test_setup_teardown (test_report_and_my_data, setup, teardown),
    cmocka_unit_test_setup_teardown (test_authoring_folder_logo, setup, teardown),
    cmocka_unit_test (test_read_only_key_folder),
  };

  st_isolate ();
  return cmocka_run_group_tests (tests, NULL, NULL);
}
