/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Profiles: several learners on one computer, and deleting one completely. */
#define _GNU_SOURCE
#include "config.h"

#include <string.h>

#include "store-test-util.h"

static void
count_signal (SigStore *store,
              guint    *count)
{
  (*count)++;
}

static void
test_create_rename_choose (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autoptr(SigStore) store = st_open (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigProfile) anna = NULL;
  g_autoptr(SigProfile) bram = NULL;
  g_autoptr(SigProfile) again = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *current = NULL;
  guint changes = 0;
  char *property = NULL;

  g_signal_connect (store, "profiles-changed", G_CALLBACK (count_signal), &changes);
  anna = sig_store_create_profile (store, "  Anna ", "Anna de Vries", "hair-beauty", "nl", &error);
  assert_non_null (anna);
  assert_true (st_is_uuid_v4 (sig_profile_get_id (anna)));
  assert_string_equal (sig_profile_get_name (anna), "Anna");
  assert_string_equal (sig_profile_get_certificate_name (anna), "Anna de Vries");
  assert_string_equal (sig_profile_get_sector (anna), "hair-beauty");
  assert_string_equal (sig_profile_get_language (anna), "nl");
  bram = sig_store_create_profile (store, "Bram", NULL, NULL, "en", &error);
  assert_non_null (bram);
  assert_string_equal (sig_profile_get_certificate_name (bram), "Bram");
  assert_string_equal (sig_profile_get_sector (bram), "general");
  assert_int_equal (changes, 2);

  /* Names are unique on the computer. */
  assert_null (sig_store_create_profile (store, "Anna", NULL, NULL, NULL, &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_EXISTS));
  assert_non_null (strstr (error->message, "Choose another name"));
  g_clear_error (&error);
  assert_false (sig_store_rename_profile (store, sig_profile_get_id (bram), "Anna", &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_EXISTS));
  g_clear_error (&error);

  /* Bad fields */
  assert_null (sig_store_create_profile (store, "   ", NULL, NULL, NULL, &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_INVALID));
  g_clear_error (&error);
  assert_null (sig_store_create_profile (store, "Cas", NULL, "plumbing", NULL, &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_INVALID));
  g_clear_error (&error);
  assert_null (sig_store_create_profile (store, "Cas", NULL, NULL, "de", &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_INVALID));
  g_clear_error (&error);

  /* Rename and update */
  assert_true (sig_store_rename_profile (store, sig_profile_get_id (bram), "Bram K.", &error));
  assert_true (sig_store_update_profile (store, sig_profile_get_id (bram), "Bram Kok", "sport-community", NULL, &error));
  again = sig_store_find_profile (store, "Bram K.", &error);
  assert_non_null (again);
  assert_string_equal (sig_profile_get_id (again), sig_profile_get_id (bram));
  assert_string_equal (sig_profile_get_certificate_name (again), "Bram Kok");
  assert_string_equal (sig_profile_get_sector (again), "sport-community");
  assert_string_equal (sig_profile_get_language (again), "en");
  assert_null (sig_store_find_profile (store, "Bram", &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_FOUND));
  g_clear_error (&error);

  list = sig_store_list_profiles (store, &error);
  assert_int_equal (list->len, 2);
  assert_string_equal (sig_profile_get_name (list->pdata[0]), "Anna");
  assert_string_equal (sig_profile_get_name (list->pdata[1]), "Bram K.");

  /* The current profile is a setting in the database: another program sees it. */
  current = sig_store_get_current_profile (store);
  assert_null (current);
  assert_true (sig_store_set_current_profile (store, sig_profile_get_id (anna), &error));
  g_object_get (store, "current-profile", &property, NULL);
  assert_string_equal (property, sig_profile_get_id (anna));
  g_free (property);
  {
    g_autoptr(SigStore) other = st_open (fixture);
    g_autofree char *seen = sig_store_get_current_profile (other);

    assert_string_equal (seen, sig_profile_get_id (anna));
  }
  assert_false (sig_store_set_current_profile (store, "00000000-0000-4000-8000-000000000000", &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_FOUND));

  g_clear_object (&store);
  st_fixture_free (fixture);
}

/* Every table and column that holds text: nothing may hold @needle. */
static gint64
occurrences (const char *db_path,
             const char *needle)
{
  sqlite3 *db = st_db_open (db_path);
  sqlite3_stmt *tables = NULL;
  gint64 found = 0;

  assert_int_equal (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table'", -1, &tables, NULL), SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (tables, 0);
      g_autofree char *info = g_strdup_printf ("SELECT name FROM pragma_table_info ('%s')", table);
      sqlite3_stmt *columns = NULL;

      assert_int_equal (sqlite3_prepare_v2 (db, info, -1, &columns, NULL), SQLITE_OK);
      while (sqlite3_step (columns) == SQLITE_ROW)
        {
          g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\" WHERE instr (CAST (\"%s\" AS TEXT), '%s') > 0",
                                                  table, (const char *) sqlite3_column_text (columns, 0), needle);
          found += st_db_int (db, sql);
        }
      sqlite3_finalize (columns);
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);
  return found;
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

static void
test_delete_leaves_nothing (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autoptr(SigStore) store = st_open (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigProfile) anna = NULL;
  g_autoptr(SigProfile) bram = NULL;
  g_autofree char *packed = st_pack_example (fixture->dir, NULL, "1.2.0");
  g_autoptr(SigCourse) course = st_load (packed);
  g_autofree char *anna_id = NULL;
  g_autofree char *wal = g_strconcat (fixture->db_path, "-wal", NULL);
  g_autofree char *current = NULL;

  anna = sig_store_create_profile (store, "Anna Zwaneveld", "Anna Q. Zwaneveld", "healthcare", "nl", &error);
  bram = sig_store_create_profile (store, "Bram", NULL, NULL, NULL, &error);
  anna_id = g_strdup (sig_profile_get_id (anna));
  assert_true (sig_store_set_current_profile (store, anna_id, &error));
  st_answer_module (store, anna_id, course, "m-see", TRUE);
  st_answer_module (store, anna_id, course, "m-act", TRUE);
  st_play_scenarios (store, anna_id, course, "m-act");
  assert_true (sig_store_record_check_answer (store, anna_id, course, SIG_CHECK_PRE, "kc-1", "true", NULL, &error));
  /* She passed, and renewed her certificate with the refresher: two signed certificates. */
  assert_true (sig_store_record_refresher_started (store, anna_id, course, &error));
  st_answer_module (store, anna_id, course, "m-refresh", TRUE);
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM certificates WHERE credential LIKE '%Anna Q. Zwaneveld%'"), 2);
  st_answer_module (store, sig_profile_get_id (bram), course, "m-see", TRUE);
  assert_true (occurrences (fixture->db_path, anna_id) > 10);

  assert_true (sig_store_delete_profile (store, anna_id, &error));
  assert_int_equal (occurrences (fixture->db_path, anna_id), 0);
  assert_int_equal (occurrences (fixture->db_path, "Zwaneveld"), 0);
  current = sig_store_get_current_profile (store);
  assert_null (current);
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM certificates"), 0);
  /* Bram's progress is untouched. */
  assert_true (st_count (fixture->db_path, "SELECT count(*) FROM events") >= 5);
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM profiles"), 1);
  assert_false (sig_store_delete_profile (store, anna_id, &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_FOUND));

  /* Not even in the bytes of the files: deleted rows are overwritten
   * (secure_delete) and the WAL is checkpointed and truncated. */
  g_clear_object (&store);
  assert_false (file_contains (fixture->db_path, anna_id));
  assert_false (file_contains (fixture->db_path, "Zwaneveld"));
  assert_false (file_contains (wal, anna_id));
  st_fixture_free (fixture);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_create_rename_choose),
    cmocka_unit_test (test_delete_leaves_nothing),
  };

  st_isolate ();
  return cmocka_run_group_tests (tests, NULL, NULL);
}
