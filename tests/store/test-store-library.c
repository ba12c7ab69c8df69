/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The course library: importing, versions, removing, and the index that spares
 * start-up from parsing unchanged files. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <utime.h>

#include "sig-package-signature.h"
#include "store-test-util.h"

static char *
installed_path (SigStore   *store,
                const char *version)
{
  g_autofree char *name = g_strdup_printf ("example-salon-basics-%s.signaal", version);

  return g_build_filename (sig_store_get_courses_dir (store), name, NULL);
}

static void
test_import_versions (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autoptr(SigStore) store = st_open (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *v120 = st_pack_example (fixture->dir, NULL, "1.2.0");
  g_autofree char *v130 = st_pack_example (fixture->dir, NULL, "1.3.0");
  g_autofree char *v1100 = st_pack_example (fixture->dir, NULL, "1.10.0");
  g_autofree char *path120 = installed_path (store, "1.2.0");
  g_autofree char *path130 = installed_path (store, "1.3.0");
  g_autofree char *path1100 = installed_path (store, "1.10.0");
  g_autoptr(SigLibraryCourse) entry = NULL;
  g_autoptr(SigProfile) profile = NULL;
  g_autoptr(SigCourse) course = NULL;
  g_autoptr(SigCourseProgress) progress = NULL;
  g_autoptr(GPtrArray) library = NULL;
  SigImportResult result = -1;

  assert_true (sig_store_import_course (store, v120, &result, &entry, &error));
  assert_int_equal (result, SIG_IMPORT_INSTALLED);
  assert_string_equal (sig_library_course_get_version (entry), "1.2.0");
  assert_string_equal (sig_library_course_get_path (entry), path120);
  assert_false (sig_library_course_get_bundled (entry));
  assert_true (g_file_test (path120, G_FILE_TEST_IS_REGULAR));
  g_clear_object (&entry);

  /* The same id and version again: nothing happens. */
  assert_true (sig_store_import_course (store, v120, &result, &entry, &error));
  assert_int_equal (result, SIG_IMPORT_UNCHANGED);
  g_clear_object (&entry);

  /* Progress in 1.2.0 ... */
  profile = sig_store_create_profile (store, "Anna", NULL, NULL, NULL, &error);
  course = sig_store_load_course (store, "example-salon-basics", &error);
  assert_non_null (course);
  st_answer_module (store, sig_profile_get_id (profile), course, "m-see", TRUE);
  g_clear_pointer (&course, sig_course_unref);

  /* ... carries on in 1.3.0, which replaces it. */
  assert_true (sig_store_import_course (store, v130, &result, &entry, &error));
  assert_int_equal (result, SIG_IMPORT_UPDATED);
  assert_string_equal (sig_library_course_get_version (entry), "1.3.0");
  assert_false (g_file_test (path120, G_FILE_TEST_EXISTS));
  assert_true (g_file_test (path130, G_FILE_TEST_IS_REGULAR));
  course = sig_store_load_course (store, "example-salon-basics", &error);
  assert_string_equal (course->version, "1.3.0");
  progress = sig_store_get_progress (store, sig_profile_get_id (profile), NULL, course, &error);
  assert_int_equal (((SigModuleProgress *) progress->modules->pdata[0])->answered, 3);
  assert_true (((SigModuleProgress *) progress->modules->pdata[0])->completed);

  /* Versions compare as numbers: 1.10.0 is newer than 1.3.0. */
  assert_true (sig_store_import_course (store, v1100, &result, NULL, &error));
  assert_int_equal (result, SIG_IMPORT_UPDATED);
  assert_true (g_file_test (path1100, G_FILE_TEST_IS_REGULAR));

  /* An older version is refused, saying why. */
  assert_false (sig_store_import_course (store, v130, &result, NULL, &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_OLDER_VERSION));
  assert_non_null (strstr (error->message, "1.3.0"));
  assert_non_null (strstr (error->message, "1.10.0"));
  assert_non_null (strstr (error->message, "older version cannot replace a newer one"));
  assert_true (g_file_test (path1100, G_FILE_TEST_IS_REGULAR));
  assert_false (g_file_test (path130, G_FILE_TEST_EXISTS));

  library = sig_store_list_library (store, &error);
  assert_int_equal (library->len, 1);
  assert_string_equal (sig_library_course_get_version (library->pdata[0]), "1.10.0");

  g_clear_object (&store);
  st_fixture_free (fixture);
}

static void
test_import_refuses_bad_courses (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autoptr(SigStore) store = st_open (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *not_xml = g_build_filename (fixture->dir, "broken.signaal", NULL);
  g_autofree char *lint_error = NULL;
  g_autofree char *folder = sig_test_copy_example ();
  g_autoptr(GPtrArray) library = NULL;

  sig_test_write (not_xml, "this is not a course");
  assert_false (sig_store_import_course (store, not_xml, NULL, NULL, &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_COURSE_INVALID));
  assert_non_null (strstr (error->message, "broken.signaal"));
  g_clear_error (&error);

  /* Loads, but lint finds an error: refused, with the problem in the message. */
  lint_error = st_pack_example_patched (fixture->dir, "lint.signaal",
                                        "<helpline ref=\"veilig-thuis\"/>\n      </body>\n      <body xml:lang=\"en\">",
                                        "<helpline ref=\"no-such-line\"/>\n      </body>\n      <body xml:lang=\"en\">");
  assert_false (sig_store_import_course (store, lint_error, NULL, NULL, &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_COURSE_INVALID));
  assert_non_null (strstr (error->message, "no-such-line"));
  assert_non_null (strstr (error->message, "1 error"));
  g_clear_error (&error);

  /* An authoring folder is not a packed course. */
  assert_false (sig_store_import_course (store, folder, NULL, NULL, &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_COURSE_INVALID));
  assert_non_null (strstr (error->message, "signaal-course pack"));
  g_clear_error (&error);

  library = sig_store_list_library (store, &error);
  assert_int_equal (library->len, 0);
  {
    /* Nothing was copied. */
    g_autoptr(GDir) dir = g_dir_open (sig_store_get_courses_dir (store), 0, NULL);
    assert_true (dir == NULL || g_dir_read_name (dir) == NULL);
  }
  g_clear_object (&store);
  {
    g_autofree char *tmp = g_path_get_dirname (folder);
    sig_test_remove_tree (tmp);
  }
  st_fixture_free (fixture);
}

static void
test_remove_keeps_progress (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autoptr(SigStore) store = st_open (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *packed = st_pack_example (fixture->dir, NULL, "1.2.0");
  g_autofree char *bundled_dir = g_build_filename (fixture->data_dir, "courses", NULL);
  g_autofree char *bundled = st_pack_example (bundled_dir, "bundled-course", "1.0.0");
  g_autoptr(SigProfile) profile = NULL;
  g_autoptr(SigCourse) course = NULL;
  g_autoptr(SigCourseProgress) progress = NULL;
  g_autoptr(GPtrArray) library = NULL;

  st_sign_as_project (bundled, "bundled-course", "1.0.0");
  assert_true (sig_store_import_course (store, packed, NULL, NULL, &error));
  profile = sig_store_create_profile (store, "Anna", NULL, NULL, NULL, &error);
  course = st_load (packed);
  st_answer_module (store, sig_profile_get_id (profile), course, "m-see", TRUE);

  assert_true (sig_store_remove_course (store, "example-salon-basics", &error));
  library = sig_store_list_library (store, &error);
  assert_int_equal (library->len, 1);
  assert_string_equal (sig_library_course_get_id (library->pdata[0]), "bundled-course");
  assert_true (sig_library_course_get_bundled (library->pdata[0]));
  {
    g_autofree char *path = installed_path (store, "1.2.0");
    assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  /* The progress stays, and shows without the course. */
  progress = sig_store_get_progress (store, sig_profile_get_id (profile), "example-salon-basics", NULL, &error);
  assert_int_equal (progress->status, SIG_PROGRESS_IN_PROGRESS);
  assert_string_equal (progress->course_version, "1.2.0");
  assert_true (st_count (fixture->db_path, "SELECT count(*) FROM events WHERE kind = 'answered'") == 3);

  assert_false (sig_store_remove_course (store, "example-salon-basics", &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_FOUND));
  g_clear_error (&error);
  assert_false (sig_store_remove_course (store, "bundled-course", &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_BUNDLED));
  assert_true (g_file_test (bundled, G_FILE_TEST_IS_REGULAR));

  /* The learner may delete the progress of a course. */
  assert_true (sig_store_delete_course_progress (store, sig_profile_get_id (profile), "example-salon-basics", &error));
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM events"), 0);
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM attempts"), 0);
  g_clear_object (&store);
  st_fixture_free (fixture);
}

static void
set_mtime (const char *path,
           time_t      when)
{
  struct utimbuf times = { when, when };

  assert_int_equal (utime (path, &times), 0);
}

/* The bundled packages are signed by the project at build time: a changed
 * byte, an unsigned file or another key and the course is left out. */
static void
test_bundled_packages_are_signed (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *bundled_dir = g_build_filename (fixture->data_dir, "courses", NULL);
  g_autofree char *good = st_pack_example (bundled_dir, "course-good", "1.0.0");
  g_autofree char *changed = st_pack_example (bundled_dir, "course-changed", "1.0.0");
  g_autofree char *unsigned_path = st_pack_example (bundled_dir, "course-unsigned", "1.0.0");
  g_autofree char *other = st_pack_example (bundled_dir, "course-other", "1.0.0");
  g_autoptr(SigStore) store = NULL;
  g_autoptr(GPtrArray) library = NULL;
  g_autofree char *line = NULL;

  st_sign_as_project (good, "course-good", "1.0.0");
  st_sign_as_project (changed, "course-changed", "1.0.0");
  sig_test_patch_file (changed, "Signaleren in de salon", "Signaleren in de salin");
  {
    guint8 seed[SIG_ED25519_SEED_BYTES];
    g_autoptr(SigIssuer) key = NULL;
    g_autofree char *data = NULL;
    gsize length;
    g_autoptr(GBytes) signed_bytes = NULL;
    g_autoptr(GBytes) content = NULL;

    memset (seed, 9, sizeof seed);
    key = sig_issuer_new_from_seed (seed, SIG_ISSUER_KIND_ORGANISATION, "Signaal");
    assert_true (g_file_get_contents (other, &data, &length, NULL));
    content = g_bytes_new_take (g_steal_pointer (&data), length);
    signed_bytes = sig_package_sign (content, "course-other", "1.0.0", key, NULL, NULL, &error);
    assert_non_null (signed_bytes);
    assert_true (g_file_set_contents (other, g_bytes_get_data (signed_bytes, NULL), (gssize) g_bytes_get_size (signed_bytes), NULL));
  }

  store = st_open (fixture);
  library = sig_store_list_library (store, &error);
  assert_non_null (library);
  assert_int_equal (library->len, 1);
  assert_string_equal (sig_library_course_get_id (library->pdata[0]), "course-good");
  assert_true (sig_library_course_get_bundled (library->pdata[0]));
  assert_int_equal (sig_library_course_get_publisher_state (library->pdata[0]), SIG_PUBLISHER_VERIFIED);
  line = sig_library_course_dup_publisher_line (library->pdata[0], "en");
  assert_string_equal (line, "Published by Signaal — verified");
  g_clear_pointer (&library, g_ptr_array_unref);
  g_clear_object (&store);

  st_fixture_free (fixture);
}

static void
test_index_spares_parsing (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *bundled_dir = g_build_filename (fixture->data_dir, "courses", NULL);
  g_autofree char *folder = sig_test_copy_example ();
  g_autofree char *folder_link = g_build_filename (bundled_dir, "example-folder", NULL);
  g_autofree char *a = st_pack_example (bundled_dir, "course-a", "1.0.0");
  g_autofree char *b = st_pack_example (bundled_dir, "course-b", "2.1.0");
  g_autoptr(SigStore) store = NULL;
  g_autoptr(GPtrArray) library = NULL;
  SigLibraryCourse *entry;

  /* A bundled authoring folder, as in a build tree: courses/ID/course.xml */
  assert_int_equal (g_rename (folder, folder_link), 0);
  st_sign_as_project (a, "course-a", "1.0.0");
  st_sign_as_project (b, "course-b", "2.1.0");

  store = st_open (fixture);
  assert_true (sig_store_refresh_library (store, &error));
  assert_int_equal (sig_store_get_library_parses (store), 3);
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM library"), 3);
  g_clear_object (&store);

  /* Start-up again: everything from the index, nothing parsed. */
  store = st_open (fixture);
  library = sig_store_list_library (store, &error);
  assert_int_equal (sig_store_get_library_parses (store), 0);
  assert_int_equal (library->len, 3);
  entry = library->pdata[0];
  assert_string_equal (sig_library_course_get_id (entry), "course-a");
  assert_string_equal (sig_library_course_get_title (entry, "nl"), "Signaleren in de salon: de basis");
  assert_string_equal (sig_library_course_get_title (entry, "en"), "Noticing in the salon: the basics");
  assert_string_equal (sig_library_course_get_title (entry, "fr"), "Noticing in the salon: the basics");
  assert_non_null (sig_library_course_get_summary (entry, "nl"));
  assert_string_equal (sig_library_course_get_publisher (entry, "en"), "Example Hairdressers' Association");
  assert_true (g_strv_contains (sig_library_course_get_sectors (entry), "hair-beauty"));
  assert_true (g_strv_contains (sig_library_course_get_themes (entry), "coercive-control"));
  assert_true (g_strv_contains (sig_library_course_get_languages (entry), "nl"));
  assert_int_equal (sig_library_course_get_minutes (entry), 20);
  assert_int_equal (sig_library_course_get_n_modules (entry), 3);
  assert_int_equal (sig_library_course_get_n_pages (entry), 2);
  assert_int_equal (sig_library_course_get_n_questions (entry), 7);
  assert_int_equal (sig_library_course_get_n_scenarios (entry), 1);
  assert_int_equal (sig_library_course_get_pass_mark (entry), 70);
  assert_int_equal (sig_library_course_get_validity_months (entry), 24);
  assert_true (sig_library_course_get_has_knowledge_check (entry));
  assert_true (sig_library_course_get_bundled (entry));
  assert_string_equal (sig_library_course_get_id (library->pdata[2]), "example-salon-basics");
  g_clear_pointer (&library, g_ptr_array_unref);

  /* Touched but not changed: the hash matches, still nothing parsed, and the
   * index row has the new time. */
  {
    gint64 before = st_count (fixture->db_path, "SELECT mtime FROM library WHERE course_id = 'course-a'");

    g_usleep (20000);
    set_mtime (a, 1000000000);
    assert_true (sig_store_refresh_library (store, &error));
    assert_int_equal (sig_store_get_library_parses (store), 0);
    assert_true (st_count (fixture->db_path, "SELECT mtime FROM library WHERE course_id = 'course-a'") > before);
  }

  /* Changed: parsed again, the new version shows. */
  {
    g_autofree char *tmp = g_dir_make_tmp ("signaal-repack-XXXXXX", NULL);
    g_autofree char *newer = st_pack_example (tmp, "course-a", "1.1.0");
    g_autofree char *contents = NULL;
    gsize length;

    st_sign_as_project (newer, "course-a", "1.1.0");
    assert_true (g_file_get_contents (newer, &contents, &length, NULL));
    assert_true (g_file_set_contents (a, contents, length, NULL));
    /* Same size (1.0.0 -> 1.1.0) and the mtime set back: the ctime still moved. */
    set_mtime (a, 1000000000);
    sig_test_remove_tree (tmp);
  }
  assert_true (sig_store_refresh_library (store, &error));
  assert_int_equal (sig_store_get_library_parses (store), 1);
  {
    g_autoptr(SigLibraryCourse) a_entry = sig_store_get_library_course (store, "course-a", &error);
    assert_string_equal (sig_library_course_get_version (a_entry), "1.1.0");
  }

  /* Gone: out of the index. */
  assert_int_equal (g_unlink (b), 0);
  assert_true (sig_store_refresh_library (store, &error));
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM library"), 2);
  assert_null (sig_store_get_library_course (store, "course-b", &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_FOUND));

  g_clear_object (&store);
  st_fixture_free (fixture);
}

static void
imported (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GMainLoop *loop = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigLibraryCourse) entry = NULL;
  SigImportResult outcome;

  assert_true (sig_store_import_course_finish (SIG_STORE (source), result, &outcome, &entry, &error));
  assert_int_equal (outcome, SIG_IMPORT_INSTALLED);
  assert_string_equal (sig_library_course_get_id (entry), "example-salon-basics");
  g_main_loop_quit (loop);
}

static void
test_import_async (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autoptr(SigStore) store = st_open (fixture);
  g_autofree char *packed = st_pack_example (fixture->dir, NULL, "1.2.0");
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *path = installed_path (store, "1.2.0");

  sig_store_import_course_async (store, packed, NULL, imported, loop);
  g_main_loop_run (loop);
  assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_clear_object (&store);
  st_fixture_free (fixture);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_import_versions),
    cmocka_unit_test (test_import_refuses_bad_courses),
    cmocka_unit_test (test_bundled_packages_are_signed),
    cmocka_unit_test (test_remove_keeps_progress),
    cmocka_unit_test (test_index_spares_parsing),
    cmocka_unit_test (test_import_async),
  };

  st_isolate ();
  return cmocka_run_group_tests (tests, NULL, NULL);
}
