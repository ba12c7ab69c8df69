/* SPDX-License-Identifier: GPL-3.0-or-later */
/* signaal-course certificate and the certificate in progress: exit 1 for a
 * learner who has not passed, the same signed credential every time (it
 * verifies with signaal-course verify), a PDF that names the learner and the
 * course, and a certificate that could not be signed at the pass signed later. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "store-test-util.h"

static const char *
course_tool (void)
{
  const char *path = g_getenv ("SIGNAAL_COURSE");

  if (path == NULL)
    fail_msg ("SIGNAAL_COURSE is not set: run the tests with meson test");
  return path;
}

/* Runs signaal-course with the arguments after @err (NULL-terminated); @key_file
 * (optional) is put in SIGNAAL_ISSUER_KEY_FILE. Returns the exit status. */
static int
run (const char  *key_file,
     char       **out,
     char       **err,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  va_list ap;
  const char *arg;

  g_ptr_array_add (args, (gpointer) course_tool ());
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  if (key_file != NULL)
    g_subprocess_launcher_setenv (launcher, "SIGNAAL_ISSUER_KEY_FILE", key_file, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "SIGNAAL_ISSUER_KEY_FILE");
  return st_run_tool (launcher, (const char * const *) args->pdata, NULL, out, err);
}

static char *
pdf_text (const char *pdf)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;
  const char *argv[] = { NULL, "-q", pdf, "-", NULL };

  if (pdftotext == NULL)
    fail_msg ("pdftotext (poppler-utils) is needed to read the PDF certificate; install it");
  argv[0] = pdftotext;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &text, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, NULL))
    fail_msg ("pdftotext %s failed", pdf);
  return g_steal_pointer (&text);
}

static char *
read_file (const char *path,
           gsize      *length)
{
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, length, NULL))
    fail_msg ("cannot read %s", path);
  return contents;
}

typedef struct {
  StoreFixture *fixture;
  char *packed;
} Ctx;

/* Anna (certificate name "Anna de Vries", English) passes, Bram fails, Cas
 * never starts; in a store opened here and closed again. */
static int
setup (void **state)
{
  Ctx *ctx = g_new0 (Ctx, 1);
  g_autoptr(SigStore) store = NULL;
  g_autoptr(SigCourse) course = NULL;
  g_autoptr(SigProfile) anna = NULL;
  g_autoptr(SigProfile) bram = NULL;
  g_autoptr(SigProfile) cas = NULL;
  g_autoptr(GError) error = NULL;

  ctx->fixture = st_fixture_new ();
  ctx->packed = st_pack_example (ctx->fixture->dir, NULL, "1.2.0");
  store = st_open (ctx->fixture);
  assert_true (sig_store_import_course (store, ctx->packed, NULL, NULL, &error));
  course = sig_store_load_course (store, "example-salon-basics", &error);
  anna = sig_store_create_profile (store, "Anna", "Anna de Vries", "hair-beauty", "en", &error);
  bram = sig_store_create_profile (store, "Bram", NULL, NULL, "en", &error);
  cas = sig_store_create_profile (store, "Cas", NULL, NULL, "en", &error);
  st_answer_module (store, sig_profile_get_id (anna), course, "m-see", TRUE);
  st_answer_module (store, sig_profile_get_id (anna), course, "m-act", TRUE);
  st_play_scenarios (store, sig_profile_get_id (anna), course, "m-act");
  st_answer_module (store, sig_profile_get_id (bram), course, "m-see", FALSE);
  st_answer_module (store, sig_profile_get_id (bram), course, "m-act", FALSE);
  st_play_scenarios (store, sig_profile_get_id (bram), course, "m-act");
  *state = ctx;
  return 0;
}

static int
teardown (void **state)
{
  Ctx *ctx = *state;

  st_fixture_free (ctx->fixture);
  g_free (ctx->packed);
  g_free (ctx);
  return 0;
}

static void
test_not_passed (void **state)
{
  Ctx *ctx = *state;
  g_autofree char *json = g_build_filename (ctx->fixture->dir, "bram.json", NULL);
  g_autofree char *pdf = g_build_filename (ctx->fixture->dir, "bram.pdf", NULL);
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;

  assert_int_equal (run (NULL, NULL, &err, "certificate", "--db", ctx->fixture->db_path, "--profile", "Bram",
                         "--course", "example-salon-basics", "--pdf", pdf, "--json", json, NULL), 1);
  assert_non_null (strstr (err, "Bram has not passed the course “example-salon-basics”"));
  assert_false (g_file_test (json, G_FILE_TEST_EXISTS));
  assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  /* Never started, or a course not in the library: not passed either. */
  assert_int_equal (run (NULL, NULL, &err2, "certificate", "--db", ctx->fixture->db_path, "--profile", "Cas",
                         "--course", "example-salon-basics", "--json", json, NULL), 1);
  assert_non_null (strstr (err2, "Cas has not passed"));
  assert_int_equal (run (NULL, NULL, NULL, "certificate", "--db", ctx->fixture->db_path, "--profile", "Anna",
                         "--course", "no-such-course", "--json", json, NULL), 1);
}

static void
test_usage (void **state)
{
  Ctx *ctx = *state;
  g_autofree char *json = g_build_filename (ctx->fixture->dir, "x.json", NULL);
  g_autofree char *nowhere = g_build_filename (ctx->fixture->dir, "no-such-folder", "x.json", NULL);
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;

  assert_int_equal (run (NULL, NULL, &err, "certificate", "--db", ctx->fixture->db_path, "--profile", "Anna",
                         "--course", "example-salon-basics", NULL), 2);
  assert_non_null (strstr (err, "--pdf FILE, --json FILE or both"));
  assert_int_equal (run (NULL, NULL, NULL, "certificate", "--db", ctx->fixture->db_path, "--profile", "Anna",
                         "--json", json, NULL), 2);
  assert_int_equal (run (NULL, NULL, NULL, "certificate", "--db", ctx->fixture->db_path, "--profile", "Nobody",
                         "--course", "example-salon-basics", "--json", json, NULL), 2);
  assert_int_equal (run (NULL, NULL, &err2, "certificate", "--db", ctx->fixture->db_path, "--profile", "Anna",
                         "--course", "example-salon-basics", "--json", nowhere, NULL), 2);
  assert_non_null (strstr (err2, "The certificate could not be saved in the folder"));
  assert_non_null (strstr (err2, "it does not exist"));
  assert_false (g_file_test (json, G_FILE_TEST_EXISTS));
}

static void
test_passed (void **state)
{
  Ctx *ctx = *state;
  g_autofree char *json = g_build_filename (ctx->fixture->dir, "anna.json", NULL);
  g_autofree char *json2 = g_build_filename (ctx->fixture->dir, "anna-again.json", NULL);
  g_autofree char *pdf = g_build_filename (ctx->fixture->dir, "anna.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *verified = NULL;
  g_autofree char *text = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *stored = NULL;
  gsize first_length, second_length;
  sqlite3 *db;

  assert_int_equal (run (NULL, &out, NULL, "certificate", "--db", ctx->fixture->db_path, "--profile", "Anna",
                         "--course", "example-salon-basics", "--pdf", pdf, "--json", json, NULL), 0);
  assert_non_null (strstr (out, "Certificate of Anna de Vries for example-salon-basics 1.2.0"));

  /* The credential as recorded with the pass, byte for byte, every time. */
  first = read_file (json, &first_length);
  db = st_db_open (ctx->fixture->db_path);
  stored = st_db_text (db, "SELECT credential FROM certificates");
  sqlite3_close (db);
  assert_non_null (stored);
  assert_int_equal (first_length, strlen (stored));
  assert_memory_equal (first, stored, first_length);
  assert_int_equal (run (NULL, NULL, NULL, "certificate", "--db", ctx->fixture->db_path, "--profile", "Anna",
                         "--course", "example-salon-basics", "--json", json2, NULL), 0);
  second = read_file (json2, &second_length);
  assert_int_equal (first_length, second_length);
  assert_memory_equal (first, second, first_length);

  /* Anyone can check it. */
  assert_int_equal (run (NULL, &verified, NULL, "verify", json, NULL), 0);
  assert_non_null (strstr (verified, "VALID: "));
  assert_non_null (strstr (verified, "Anna de Vries"));
  assert_non_null (strstr (verified, "example-salon-basics 1.2.0"));

  /* The paper says the same. */
  text = pdf_text (pdf);
  assert_non_null (strstr (text, "Anna de Vries"));
  assert_non_null (strstr (text, "Noticing in the salon: the basics"));
}

static JsonObject *
course_entry (JsonParser *parser,
              const char *progress_json,
              const char *course_id)
{
  JsonArray *profiles;
  JsonArray *courses;

  if (!json_parser_load_from_data (parser, progress_json, -1, NULL))
    fail_msg ("not JSON: %s", progress_json);
  profiles = json_node_get_array (json_parser_get_root (parser));
  assert_int_equal (json_array_get_length (profiles), 1);
  courses = json_object_get_array_member (json_array_get_object_element (profiles, 0), "courses");
  for (guint i = 0; i < json_array_get_length (courses); i++)
    {
      JsonObject *course = json_array_get_object_element (courses, i);

      if (g_str_equal (json_object_get_string_member (course, "id"), course_id))
        return course;
    }
  fail_msg ("no %s in the progress", course_id);
  return NULL;
}

static void
test_progress_shows_certificate (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(JsonParser) anna_parser = json_parser_new ();
  g_autoptr(JsonParser) bram_parser = json_parser_new ();
  g_autoptr(JsonParser) credential_parser = json_parser_new ();
  g_autoptr(GDateTime) shown = NULL;
  g_autoptr(GDateTime) signed_until = NULL;
  g_autofree char *anna = NULL;
  g_autofree char *bram = NULL;
  g_autofree char *text = NULL;
  g_autofree char *stored = NULL;
  JsonObject *entry;
  sqlite3 *db;

  assert_int_equal (run (NULL, &anna, NULL, "progress", "--db", ctx->fixture->db_path, "--profile", "Anna", "--json", NULL), 0);
  entry = course_entry (anna_parser, anna, "example-salon-basics");
  assert_string_equal (json_object_get_string_member (entry, "certificate_state"), "valid");
  db = st_db_open (ctx->fixture->db_path);
  stored = st_db_text (db, "SELECT credential FROM certificates");
  sqlite3_close (db);
  assert_true (json_parser_load_from_data (credential_parser, stored, -1, NULL));
  signed_until = g_date_time_new_from_iso8601 (json_object_get_string_member (json_node_get_object (json_parser_get_root (credential_parser)), "validUntil"), NULL);
  shown = g_date_time_new_from_iso8601 (json_object_get_string_member (entry, "certificate_valid_until"), NULL);
  assert_non_null (shown);
  assert_true (g_date_time_equal (shown, signed_until));

  assert_int_equal (run (NULL, &bram, NULL, "progress", "--db", ctx->fixture->db_path, "--profile", "Bram", "--json", NULL), 0);
  entry = course_entry (bram_parser, bram, "example-salon-basics");
  assert_string_equal (json_object_get_string_member (entry, "certificate_state"), "none");
  assert_true (json_object_get_null_member (entry, "certificate_valid_until"));

  assert_int_equal (run (NULL, &text, NULL, "progress", "--db", ctx->fixture->db_path, "--profile", "Anna", NULL), 0);
  assert_non_null (strstr (text, "certificate valid until"));
}

/* The key named by SIGNAAL_ISSUER_KEY_FILE is missing at the pass: the pass
 * is kept, and the certificate is signed by the first export that has a key. */
static void
test_signed_later (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(SigStore) store = NULL;
  g_autoptr(SigCourse) course = NULL;
  g_autoptr(SigProfile) eva = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigVerification) verification = NULL;
  g_autofree char *missing = g_build_filename (ctx->fixture->dir, "no-such-key", NULL);
  g_autofree char *json = g_build_filename (ctx->fixture->dir, "eva.json", NULL);
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;

  g_setenv ("SIGNAAL_ISSUER_KEY_FILE", missing, TRUE);
  store = st_open (ctx->fixture);
  course = sig_store_load_course (store, "example-salon-basics", &error);
  eva = sig_store_create_profile (store, "Eva", "Eva Visser", NULL, "nl", &error);
  st_answer_module (store, sig_profile_get_id (eva), course, "m-see", TRUE);
  st_answer_module (store, sig_profile_get_id (eva), course, "m-act", TRUE);
  st_play_scenarios (store, sig_profile_get_id (eva), course, "m-act");
  g_clear_object (&store);
  g_unsetenv ("SIGNAAL_ISSUER_KEY_FILE");
  assert_int_equal (st_count (ctx->fixture->db_path, "SELECT count(*) FROM events e JOIN profiles p ON p.id = e.profile_id "
                                                     "WHERE p.name = 'Eva' AND e.kind = 'passed'"), 1);
  assert_int_equal (st_count (ctx->fixture->db_path, "SELECT count(*) FROM certificates c JOIN profiles p ON p.id = c.profile_id "
                                                     "WHERE p.name = 'Eva' AND c.credential IS NULL"), 1);

  /* Still no key: a clear message, status 2, no file. */
  assert_int_equal (run (missing, NULL, &err, "certificate", "--db", ctx->fixture->db_path, "--profile", "Eva",
                         "--course", "example-salon-basics", "--json", json, NULL), 2);
  assert_non_null (strstr (err, "cannot be signed now"));
  assert_non_null (strstr (err, missing));
  assert_false (g_file_test (json, G_FILE_TEST_EXISTS));

  /* With a key: signed now, and it verifies. */
  assert_int_equal (run (NULL, NULL, NULL, "certificate", "--db", ctx->fixture->db_path, "--profile", "Eva",
                         "--course", "example-salon-basics", "--json", json, NULL), 0);
  contents = read_file (json, NULL);
  verification = sig_credential_verify (contents, -1, NULL, NULL);
  assert_int_equal (verification->status, SIG_VERIFICATION_VALID);
  assert_string_equal (verification->learner_name, "Eva Visser");
  assert_int_equal (st_count (ctx->fixture->db_path, "SELECT count(*) FROM certificates WHERE credential IS NULL"), 0);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_not_passed, setup, teardown),
    cmocka_unit_test_setup_teardown (test_usage, setup, teardown),
    cmocka_unit_test_setup_teardown (test_passed, setup, teardown),
    cmocka_unit_test_setup_teardown (test_progress_shows_certificate, setup, teardown),
    cmocka_unit_test_setup_teardown (test_signed_later, setup, teardown),
  };

  st_isolate ();
  return cmocka_run_group_tests (tests, NULL, NULL);
}
