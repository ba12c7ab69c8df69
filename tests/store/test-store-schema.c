/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The database file: settings of the connection, the schema version and the
 * migrations, each run on a fixture file of the version before. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sig-scoring.h"
#include "store-test-util.h"
#include "sig-store-projection.h"

static char *
fixture_path (const char *name)
{
  return g_build_filename (SOURCE_DIR, "tests", "fixtures", "store", name, NULL);
}

/* Copies a committed fixture to where the store will open it. */
static void
install_fixture (StoreFixture *fixture,
                 const char   *name)
{
  g_autofree char *from = fixture_path (name);
  g_autofree char *dir = g_path_get_dirname (fixture->db_path);
  g_autofree char *contents = NULL;
  gsize length;

  assert_int_equal (g_mkdir_with_parents (dir, 0700), 0);
  assert_true (g_file_get_contents (from, &contents, &length, NULL));
  assert_true (g_file_set_contents (fixture->db_path, contents, length, NULL));
}

static gint64
pragma (SigStore   *store,
        const char *name)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s", name);

  return st_db_int (store->db, sql);
}

static gpointer
release_lock_later (gpointer data)
{
  sqlite3 *other = data;

  g_usleep (300 * 1000);
  assert_int_equal (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
  return NULL;
}

/* While another program holds the write lock, a write waits for it instead of failing. */
static void
test_waits_for_another_writer (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autoptr(SigStore) store = st_open (fixture);
  g_autoptr(SigProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *other = st_db_open (fixture->db_path);
  GThread *thread;
  gint64 start;

  sqlite3_busy_timeout (other, 0);
  assert_int_equal (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
  thread = g_thread_new ("holder", release_lock_later, other);
  start = g_get_monotonic_time ();
  profile = sig_store_create_profile (store, "Wachtend", NULL, NULL, "nl", &error);
  if (profile == NULL)
    fail_msg ("%s", error->message);
  assert_true (g_get_monotonic_time () - start >= 250 * 1000);
  g_thread_join (thread);
  sqlite3_close (other);
  g_clear_object (&store);
  st_fixture_free (fixture);
}

static void
test_connection_settings (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autoptr(SigStore) store = st_open (fixture);
  g_autofree char *mode = st_db_text (store->db, "PRAGMA journal_mode");

  assert_string_equal (mode, "wal");
  assert_int_equal (pragma (store, "foreign_keys"), 1);
  assert_int_equal (pragma (store, "synchronous"), 2);   /* FULL */
  assert_int_equal (pragma (store, "secure_delete"), 1);
  assert_int_equal (pragma (store, "user_version"), SIG_STORE_SCHEMA_VERSION);
  assert_int_equal (sig_store_get_schema_version (store), SIG_STORE_SCHEMA_VERSION);
  assert_false (sig_store_get_read_only (store));
  assert_null (sig_store_get_recovery (store));
  /* WAL is a property of the file: another connection sees it too. */
  {
    sqlite3 *other = st_db_open (fixture->db_path);
    g_autofree char *other_mode = st_db_text (other, "PRAGMA journal_mode");

    assert_string_equal (other_mode, "wal");
    sqlite3_close (other);
  }
  assert_true (st_is_uuid_v4 (sig_store_get_installation_id (store)));
  g_clear_object (&store);
  st_fixture_free (fixture);
}

static void
test_default_path (void **state)
{
  g_autofree char *expected = g_build_filename (g_getenv ("XDG_DATA_HOME"), "signaal", "progress.db", NULL);
  g_autofree char *path = sig_store_default_path ();
  g_autofree char *courses = sig_store_default_courses_dir ();
  g_autofree char *expected_courses = g_build_filename (g_getenv ("XDG_DATA_HOME"), "signaal", "courses", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStore) store = NULL;

  assert_string_equal (path, expected);
  assert_string_equal (courses, expected_courses);
  store = sig_store_open (NULL, SIG_STORE_OPEN_DEFAULT, &error);
  assert_non_null (store);
  assert_string_equal (sig_store_get_path (store), expected);
  assert_string_equal (sig_store_get_courses_dir (store), expected_courses);
  assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
}

/* The installation id is made once and kept. */
static void
test_installation_id_is_stable (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autoptr(SigStore) first = st_open (fixture);
  g_autofree char *id = g_strdup (sig_store_get_installation_id (first));
  g_autoptr(SigStore) second = NULL;

  g_clear_object (&first);
  second = st_open (fixture);
  assert_string_equal (sig_store_get_installation_id (second), id);
  g_clear_object (&second);
  st_fixture_free (fixture);
}

/* The committed fixture of @version was made with exactly the DDL the code
 * runs for versions 1 to @version. */
static void
check_fixture_matches_code (const char *name,
                            int         version)
{
  g_autofree char *path = fixture_path (name);
  /* immutable: reading leaves no -shm or -wal file in the source tree */
  g_autofree char *uri = g_strconcat ("file:", path, "?immutable=1", NULL);
  sqlite3 *fixture_db = NULL;
  sqlite3 *fresh = NULL;
  const char *sql = "SELECT group_concat (type || ' ' || name || ': ' || sql, '\n') FROM "
                    "(SELECT * FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name)";
  g_autofree char *from_fixture = NULL;
  g_autofree char *from_code = NULL;

  assert_int_equal (sqlite3_open_v2 (uri, &fixture_db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), SQLITE_OK);
  assert_int_equal (sqlite3_open (":memory:", &fresh), SQLITE_OK);
  for (int v = 1; v <= version; v++)
    assert_int_equal (sqlite3_exec (fresh, sig_store_schema_migration (v), NULL, NULL, NULL), SQLITE_OK);
  from_fixture = st_db_text (fixture_db, sql);
  from_code = st_db_text (fresh, sql);
  assert_non_null (from_fixture);
  assert_string_equal (from_fixture, from_code);
  assert_int_equal (st_db_int (fixture_db, "PRAGMA user_version"), version);
  sqlite3_close (fixture_db);
  sqlite3_close (fresh);
}

static void
test_v1_fixture_matches_code (void **state)
{
  check_fixture_matches_code ("progress-v1.db", 1);
}

static void
test_v2_fixture_matches_code (void **state)
{
  check_fixture_matches_code ("progress-v2.db", 2);
}

static void
test_v3_fixture_matches_code (void **state)
{
  check_fixture_matches_code ("progress-v3.db", 3);
}

/* Version 4: the projections, made by folding the events of the file again.
 * What the learner sees follows from them: the pass (11 of 12) is kept while
 * a new attempt is in progress, the refresher's own result beside it. */
static void
test_migrate_from_v3 (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autoptr(SigStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigProfile) femke = NULL;
  g_autoptr(SigCourse) course = NULL;
  g_autoptr(SigCourseProgress) progress = NULL;
  g_autoptr(SigResumePoint) point = NULL;
  g_autofree char *packed = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *rebuilt = NULL;
  const char *rows_sql = "SELECT group_concat (r, char (10)) FROM (SELECT course_id || ' ' || registration || ' ' || attempts || ' ' || "
                         "standing || ' ' || score || ' ' || state AS r FROM course_projection UNION ALL "
                         "SELECT registration || ' ' || result || ' ' || coalesce (score, '-') || ' ' || state FROM attempt_projection ORDER BY 1)";
  gboolean open = TRUE;

  install_fixture (fixture, "progress-v3.db");
  store = st_open (fixture);
  assert_int_equal (sig_store_get_schema_version (store), SIG_STORE_SCHEMA_VERSION);
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM events"), 20);
  /* Femke (two attempts) and Sam (one). */
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM course_projection"), 2);
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM attempt_projection"), 3);
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM attempt_projection WHERE result = 'passed' AND finished = 1"), 1);
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM settings WHERE key = 'projection'"), 1);

  packed = st_pack_example (fixture->dir, NULL, "1.2.0");
  course = st_load (packed);
  femke = sig_store_find_profile (store, "Femke", &error);
  assert_non_null (femke);
  progress = sig_store_get_progress (store, sig_profile_get_id (femke), NULL, course, &error);
  assert_non_null (progress);
  assert_int_equal (progress->status, SIG_PROGRESS_PASSED);
  assert_float_equal (progress->score, 100.0 * 11 / 12, 0.001);
  assert_int_equal (progress->attempts, 2);
  assert_string_equal (progress->registration, "b7c8d9e0-f1a2-4b3c-8d4e-5f6a7b8c9d0e");
  assert_int_equal (progress->attempt_status, SIG_PROGRESS_IN_PROGRESS);
  assert_float_equal (progress->attempt_score, 0, 0.001);
  assert_int_equal (((SigModuleProgress *) progress->modules->pdata[0])->answered, 1);
  assert_int_equal (progress->refresher_status, SIG_PROGRESS_PASSED);
  assert_float_equal (progress->refresher_score, 100, 0.001);
  assert_true (sig_store_get_refresher_open (store, sig_profile_get_id (femke), "example-salon-basics", &open, &error));
  assert_false (open);
  point = sig_store_get_resume_point (store, sig_profile_get_id (femke), course, &error);
  assert_int_equal (point->kind, SIG_RESUME_ITEM);
  assert_string_equal (point->registration, "b7c8d9e0-f1a2-4b3c-8d4e-5f6a7b8c9d0e");

  /* Going on adds to the projection as a rebuild would make it. */
  assert_true (sig_store_record_answer (store, sig_profile_get_id (femke), course, "m-see", "q-tf", "true", NULL, &error));
  {
    sqlite3 *db = st_db_open (fixture->db_path);

    rows = st_db_text (db, rows_sql);
    sqlite3_close (db);
  }
  assert_true (sig_store_projection_rebuild (store, &error));
  {
    sqlite3 *db = st_db_open (fixture->db_path);

    rebuilt = st_db_text (db, rows_sql);
    sqlite3_close (db);
  }
  assert_string_equal (rows, rebuilt);
  g_clear_object (&store);
  st_fixture_free (fixture);
}

static void
test_migrate_from_v1 (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autoptr(SigStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigProfile) femke = NULL;
  g_autoptr(SigCourse) course = NULL;
  g_autoptr(SigCourseProgress) progress = NULL;
  g_autoptr(SigResumePoint) point = NULL;
  g_autofree char *packed = NULL;
  g_autofree char *current = NULL;
  sqlite3 *other;

  install_fixture (fixture, "progress-v1.db");
  store = st_open (fixture);
  assert_int_equal (sig_store_get_schema_version (store), SIG_STORE_SCHEMA_VERSION);
  /* The data of version 1 is all there. */
  assert_string_equal (sig_store_get_installation_id (store), "6b1f3c2e-8d4a-4f0e-9a7b-2c5d8e1f0a3b");
  current = sig_store_get_current_profile (store);
  assert_string_equal (current, "0d6c1b2a-3e4f-4a5b-8c7d-9e0f1a2b3c4d");
  femke = sig_store_find_profile (store, "Femke", &error);
  assert_non_null (femke);
  assert_string_equal (sig_profile_get_certificate_name (femke), "Femke Jansen");
  assert_string_equal (sig_profile_get_sector (femke), "hair-beauty");

  /* Version 2 added the library index and the phase of answers. */
  other = st_db_open (fixture->db_path);
  assert_int_equal (st_db_int (other, "SELECT count(*) FROM events"), 4);
  assert_int_equal (st_db_int (other, "SELECT count(*) FROM events WHERE phase IS NULL"), 4);
  assert_int_equal (st_db_int (other, "SELECT count(*) FROM library"), 0);
  assert_int_equal (st_db_int (other, "SELECT count(*) FROM events WHERE statement_id = '33333333-3333-4333-8333-333333333333'"), 1);
  sqlite3_close (other);

  /* Progress goes on from the migrated events. */
  packed = st_pack_example (fixture->dir, NULL, "1.2.0");
  course = st_load (packed);
  progress = sig_store_get_progress (store, sig_profile_get_id (femke), NULL, course, &error);
  assert_non_null (progress);
  assert_int_equal (progress->status, SIG_PROGRESS_IN_PROGRESS);
  assert_int_equal (((SigModuleProgress *) progress->modules->pdata[0])->answered, 2);
  point = sig_store_get_resume_point (store, sig_profile_get_id (femke), course, &error);
  assert_int_equal (point->kind, SIG_RESUME_ITEM);
  assert_string_equal (((SigModuleItem *) ((SigModule *) course->modules->pdata[0])->items->pdata[point->item_index])->question->id,
                       "q-multiple");
  assert_true (sig_store_record_check_answer (store, sig_profile_get_id (femke), course, SIG_CHECK_POST, "kc-1", "false", NULL, &error));
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM events WHERE phase = 'post'"), 1);
  g_clear_object (&store);
  st_fixture_free (fixture);
}

/* Version 3: the events table rebuilt (for the refresher kinds) with every
 * row, id and the id sequence; certificates; the library index emptied. A
 * pass from before certificates were recorded gets its certificate. */
static void
test_migrate_from_v2 (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autoptr(SigStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigProfile) femke = NULL;
  g_autoptr(SigProfile) sam = NULL;
  g_autoptr(SigCourse) course = NULL;
  g_autoptr(SigStoreCertificate) latest = NULL;
  g_autoptr(SigStoreCertificate) issued = NULL;
  g_autoptr(SigVerification) verification = NULL;
  g_autoptr(GDateTime) june = g_date_time_new_utc (2024, 6, 1, 12, 0, 0);
  g_autofree char *packed = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *until = NULL;
  SigStoreCertificateState certificate_state = SIG_STORE_CERTIFICATE_NONE;
  sqlite3 *other;

  install_fixture (fixture, "progress-v2.db");
  store = st_open (fixture);
  assert_int_equal (sig_store_get_schema_version (store), SIG_STORE_SCHEMA_VERSION);

  other = st_db_open (fixture->db_path);
  /* Every event, with its id, statement id and phase; the sequence goes on after the deleted 16. */
  ids = st_db_text (other, "SELECT group_concat (id, ',') FROM (SELECT id FROM events ORDER BY id)");
  assert_string_equal (ids, "1,2,3,4,5,6,7,8,9,10,11,12,14,15");
  assert_int_equal (st_db_int (other, "SELECT seq FROM sqlite_sequence WHERE name = 'events'"), 16);
  assert_int_equal (st_db_int (other, "SELECT count(*) FROM sqlite_sequence WHERE name = 'events_v3'"), 0);
  assert_int_equal (st_db_int (other, "SELECT count(*) FROM events WHERE phase = 'pre' AND statement_id = '22222222-2222-4222-8222-222222222222'"), 1);
  assert_int_equal (st_db_int (other, "SELECT count(*) FROM events WHERE kind = 'passed' AND points = 11 AND max_points = 12"), 1);
  /* Still append-only, and the indexes are back. */
  assert_int_not_equal (sqlite3_exec (other, "UPDATE events SET kind = 'failed' WHERE id = 12", NULL, NULL, NULL), SQLITE_OK);
  assert_int_equal (st_db_int (other, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN "
                                      "('events_by_attempt', 'events_by_profile', 'events_for_certificates')"), 3);
  assert_int_equal (st_db_int (other, "SELECT count(*) FROM library"), 0);
  assert_int_equal (st_db_int (other, "SELECT count(*) FROM certificates"), 0);
  assert_int_equal (st_db_int (other, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
  sqlite3_close (other);

  /* Events go on with the next id, never 13 or 16 again. */
  packed = st_pack_example (fixture->dir, NULL, "1.2.0");
  assert_true (sig_store_import_course (store, packed, NULL, NULL, &error));
  course = sig_store_load_course (store, "example-salon-basics", &error);
  assert_non_null (course);
  sam = sig_store_find_profile (store, "Sam", &error);
  assert_true (sig_store_record_answer (store, sig_profile_get_id (sam), course, "m-see", "q-multiple", "a", NULL, &error));
  assert_int_equal (st_count (fixture->db_path, "SELECT max (id) FROM events"), 17);

  /* Femke passed under format 2: her certificate is recorded when asked for. */
  femke = sig_store_find_profile (store, "Femke", &error);
  assert_true (sig_store_get_certificate_state (store, sig_profile_get_id (femke), "example-salon-basics", june,
                                                &certificate_state, &latest, NULL, &error));
  assert_int_equal (certificate_state, SIG_STORE_CERTIFICATE_VALID);
  assert_non_null (latest);
  until = g_date_time_format_iso8601 (sig_store_certificate_get_valid_until (latest));
  assert_string_equal (until, "2026-05-01T10:00:00Z");
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM certificates WHERE event_id = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc'"), 1);
  issued = sig_store_get_certificate (store, sig_profile_get_id (femke), "example-salon-basics", &error);
  if (issued == NULL)
    fail_msg ("certificate: %s", error->message);
  verification = sig_credential_verify (sig_store_certificate_get_credential (issued), -1, NULL, june);
  assert_int_equal (verification->status, SIG_VERIFICATION_VALID);
  assert_string_equal (verification->learner_name, "Femke Jansen");
  assert_string_equal (verification->course_version, "1.2.0");
  assert_string_equal (verification->language, "nl");
  assert_string_equal (verification->score, "91.7");
  g_clear_object (&store);
  st_fixture_free (fixture);
}

static void
test_v4_fixture_matches_code (void **state)
{
  check_fixture_matches_code ("progress-v4.db", 4);
}

/* Version 5: per-learner settings, the outbox and spaced review start empty;
 * every attempt of before is a learner's own (not automated); the learner's
 * progress is what it was; and each new table goes with its learner. */
static void
test_migrate_from_v4 (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autoptr(SigStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigProfile) femke = NULL;
  g_autoptr(SigCourse) course = NULL;
  g_autoptr(SigCourseProgress) progress = NULL;
  g_autofree char *packed = NULL;
  sqlite3 *db;

  install_fixture (fixture, "progress-v4.db");
  store = st_open (fixture);
  assert_int_equal (sig_store_get_schema_version (store), SIG_STORE_SCHEMA_VERSION);
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM attempts"), 3);
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM attempts WHERE automated = 0"), 3);
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM profile_settings"), 0);
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM outbox"), 0);
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM review_events"), 0);
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM review_cards"), 0);
  /* The empty projections of the file were folded again. */
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM course_projection"), 2);
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM attempt_projection"), 3);

  packed = st_pack_example (fixture->dir, NULL, "1.2.0");
  course = st_load (packed);
  femke = sig_store_find_profile (store, "Femke", &error);
  assert_non_null (femke);
  progress = sig_store_get_progress (store, sig_profile_get_id (femke), NULL, course, &error);
  assert_non_null (progress);
  assert_int_equal (progress->status, SIG_PROGRESS_PASSED);
  assert_float_equal (progress->score, 100.0 * 11 / 12, 0.001);

  /* The review history is append-only like the events. */
  db = st_db_open (fixture->db_path);
  assert_int_equal (sqlite3_exec (db,
                                  "INSERT INTO profile_settings VALUES ('0d6c1b2a-3e4f-4a5b-8c7d-9e0f1a2b3c4d', 'review.daily-limit', '20');"
                                  "INSERT INTO outbox (statement_id, profile_id, statement, created) VALUES "
                                  "  ('99999999-9999-4999-8999-999999999999', '0d6c1b2a-3e4f-4a5b-8c7d-9e0f1a2b3c4d', '{}', 1);"
                                  "INSERT INTO review_events (statement_id, profile_id, course_id, course_version, item_id, kind, time) VALUES "
                                  "  ('88888888-8888-4888-8888-888888888888', '0d6c1b2a-3e4f-4a5b-8c7d-9e0f1a2b3c4d', "
                                  "   'example-salon-basics', '1.2.0', 'q-single', 'added', 1);"
                                  "INSERT INTO review_cards VALUES ('0d6c1b2a-3e4f-4a5b-8c7d-9e0f1a2b3c4d', 'example-salon-basics', 'q-single', 1, '{}');",
                                  NULL, NULL, NULL), SQLITE_OK);
  assert_int_not_equal (sqlite3_exec (db, "UPDATE review_events SET rating = 4", NULL, NULL, NULL), SQLITE_OK);
  assert_int_not_equal (sqlite3_exec (db, "UPDATE review_events SET grade = 'perfect'", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);
  assert_true (sig_store_delete_profile (store, sig_profile_get_id (femke), &error));
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM profile_settings"), 0);
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM outbox"), 0);
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM review_events"), 0);
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM review_cards"), 0);
  g_clear_object (&store);
  st_fixture_free (fixture);
}

/* A migration runs in one transaction: when it fails, nothing of it stays. */
static void
test_failed_migration_changes_nothing (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStore) store = NULL;
  sqlite3 *db;

  install_fixture (fixture, "progress-v1.db");
  /* Make step 2 fail half-way: its index name is taken. */
  db = st_db_open (fixture->db_path);
  assert_int_equal (sqlite3_exec (db, "CREATE TABLE library_by_course (x)", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);

  store = sig_store_open (fixture->db_path, SIG_STORE_OPEN_DEFAULT, &error);
  assert_null (store);
  assert_non_null (error);
  assert_non_null (strstr (error->message, "new format"));
  db = st_db_open (fixture->db_path);
  assert_int_equal (st_db_int (db, "PRAGMA user_version"), 1);
  assert_int_equal (st_db_int (db, "SELECT count(*) FROM sqlite_master WHERE name = 'library'"), 0);
  assert_int_equal (st_db_int (db, "SELECT count(*) FROM pragma_table_info ('events') WHERE name = 'phase'"), 0);
  assert_int_equal (st_db_int (db, "SELECT count(*) FROM events"), 4);
  sqlite3_close (db);
  st_fixture_free (fixture);
}

static void
test_too_new_is_refused (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;

  install_fixture (fixture, "progress-v99.db");
  assert_true (g_file_get_contents (fixture->db_path, &before, &before_length, NULL));
  store = sig_store_open (fixture->db_path, SIG_STORE_OPEN_DEFAULT, &error);
  assert_null (store);
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_TOO_NEW));
  assert_non_null (strstr (error->message, "newer version of Signaal"));
  assert_true (g_file_get_contents (fixture->db_path, &after, &after_length, NULL));
  assert_int_equal (before_length, after_length);
  assert_memory_equal (before, after, before_length);
  st_fixture_free (fixture);
}

/* Read-only on an older file: a migrated copy in memory; the file is not touched. */
static void
test_read_only_old_file (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStore) store = NULL;
  g_autoptr(GPtrArray) profiles = NULL;

  install_fixture (fixture, "progress-v1.db");
  store = sig_store_open (fixture->db_path, SIG_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    fail_msg ("read-only open: %s", error->message);
  assert_true (sig_store_get_read_only (store));
  assert_int_equal (sig_store_get_schema_version (store), SIG_STORE_SCHEMA_VERSION);
  profiles = sig_store_list_profiles (store, &error);
  assert_int_equal (profiles->len, 2);
  assert_null (sig_store_create_profile (store, "Noor", NULL, NULL, NULL, &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_READ_ONLY));
  g_clear_object (&store);
  assert_int_equal (st_count (fixture->db_path, "PRAGMA user_version"), 1);
  st_fixture_free (fixture);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_connection_settings),
    cmocka_unit_test (test_waits_for_another_writer),
    cmocka_unit_test (test_default_path),
    cmocka_unit_test (test_installation_id_is_stable),
    cmocka_unit_test (test_v1_fixture_matches_code),
    cmocka_unit_test (test_v2_fixture_matches_code),
    cmocka_unit_test (test_migrate_from_v1),
    cmocka_unit_test (test_migrate_from_v2),
    cmocka_unit_test (test_v3_fixture_matches_code),
    cmocka_unit_test (test_migrate_from_v3),
    cmocka_unit_test (test_v4_fixture_matches_code),
    cmocka_unit_test (test_migrate_from_v4),
    cmocka_unit_test (test_failed_migration_changes_nothing),
    cmocka_unit_test (test_too_new_is_refused),
    cmocka_unit_test (test_read_only_old_file),
  };

  st_isolate ();
  return cmocka_run_group_tests (tests, NULL, NULL);
}
