/* SPDX-License-Identifier: GPL-3.0-or-later */
/* signaal-course and the store: play --db records and resumes, profiles,
 * progress --json, export, import; a killed play; the CLI writing while
 * another program writes. */
#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include <json-glib/json-glib.h>
#include <signal.h>
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

/* Runs signaal-course with @input on standard input. */
static int
run (const char  *input,
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
  return st_run_tool (launcher, (const char * const *) args->pdata, input, out, err);
}

static void
test_play_records_and_resumes (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autofree char *course = st_pack_example (fixture->dir, NULL, "1.2.0");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  int status;

  /* The knowledge check (2 = false), the page, then q-single; then standard input ends. */
  status = run ("2\n1\n", &out, &err, "play", "--db", fixture->db_path, "--profile", "Anna", "--lang", "en", course, NULL);
  assert_int_equal (status, 2);
  assert_non_null (strstr (out, "[saved check kc-1]"));
  assert_non_null (strstr (out, "[saved page p-intro]"));
  assert_non_null (strstr (out, "[saved answer q-single]"));
  assert_non_null (strstr (out, "Run the same command again"));
  /* Saved before the feedback was shown. */
  assert_true (strstr (out, "[saved answer q-single]") < strstr (out, "✔ Correct (2.0 of 2.0 points)"));
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM profiles WHERE name = 'Anna'"), 1);
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM events WHERE kind = 'answered' AND phase IS NULL"), 1);
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM events WHERE kind = 'answered' AND phase = 'pre' AND correct = 1"), 1);

  /* Again: it goes on at q-multiple, not at the start. */
  status = run (NULL, &out2, &err2, "play", "--db", fixture->db_path, "--profile", "Anna", "--lang", "en", "--best", course, NULL);
  if (status != 0)
    fail_msg ("play failed: %s", err2);
  assert_non_null (strstr (out2, "Continuing where you left off"));
  assert_null (strstr (out2, "[saved answer q-single]"));
  assert_null (strstr (out2, "Knowledge check before"));
  assert_non_null (strstr (out2, "[saved answer q-multiple]"));
  assert_non_null (strstr (out2, "Knowledge check after"));
  assert_non_null (strstr (out2, "the pass mark is 70%: passed"));
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM events WHERE kind = 'passed'"), 1);
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM attempts"), 1);

  /* Once more: everything is done, so a new attempt starts at the beginning. */
  g_clear_pointer (&out2, g_free);
  status = run (NULL, &out2, NULL, "play", "--db", fixture->db_path, "--profile", "Anna", "--lang", "en", "--best", course, NULL);
  assert_int_equal (status, 0);
  assert_non_null (strstr (out2, "new attempt"));
  assert_non_null (strstr (out2, "[saved answer q-single]"));
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM attempts"), 2);
  st_fixture_free (fixture);
}

static void
test_resume_inside_scenario (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autofree char *course = st_pack_example (fixture->dir, NULL, "1.2.0");
  g_autofree char *out = NULL;
  g_autofree char *out2 = NULL;
  const char *answers = "2\n1\n1,2\n1\n1,2,3\nA=1,B=2\n1\n";

  /* Every question, then the first decision of the scenario (--choices 2), then the end of input. */
  assert_int_equal (run (answers, &out, NULL, "play", "--db", fixture->db_path, "--profile", "Anna", "--lang", "en",
                         "--choices", "2", course, NULL), 2);
  assert_non_null (strstr (out, "[saved choice c-chat]"));
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM events WHERE kind = 'scenario-choice' AND state IS NOT NULL"), 1);

  assert_int_equal (run (NULL, &out2, NULL, "play", "--db", fixture->db_path, "--profile", "Anna", "--lang", "en", "--best", course, NULL), 0);
  /* The scenario goes on at the till (after c-chat), not at the chair. */
  assert_null (strstr (out2, "Sanne is in the chair"));
  assert_non_null (strstr (out2, "At the till"));
  assert_non_null (strstr (out2, "[saved choice c-notice]"));
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM events WHERE kind = 'scenario-ended'"), 1);
  st_fixture_free (fixture);
}

static void
test_progress_json_export_import (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autofree char *course = st_pack_example (fixture->dir, NULL, "1.2.0");
  g_autofree char *older = st_pack_example (fixture->dir, NULL, "1.1.0");
  g_autofree char *broken = g_build_filename (fixture->dir, "broken.signaal", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *csv_path = g_build_filename (fixture->dir, "report.csv", NULL);
  g_autofree char *csv = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *entry;
  JsonObject *course_progress;

  sig_test_write (broken, "<course/>");
  assert_int_equal (run (NULL, &out, &err, "import", "--db", fixture->db_path, course, NULL), 0);
  assert_non_null (strstr (out, "Installed example-salon-basics 1.2.0"));
  g_clear_pointer (&out, g_free);
  assert_int_equal (run (NULL, &out, &err, "import", "--db", fixture->db_path, course, NULL), 0);
  assert_non_null (strstr (out, "already installed"));
  g_clear_pointer (&err, g_free);
  assert_int_equal (run (NULL, NULL, &err, "import", "--db", fixture->db_path, older, NULL), 1);
  assert_non_null (strstr (err, "older version cannot replace a newer one"));
  g_clear_pointer (&err, g_free);
  assert_int_equal (run (NULL, NULL, &err, "import", "--db", fixture->db_path, broken, NULL), 1);
  assert_non_null (strstr (err, "was not imported"));

  assert_int_equal (run (NULL, NULL, NULL, "play", "--db", fixture->db_path, "--profile", "Anna", "--best", course, NULL), 0);
  assert_int_equal (run ("1\n", NULL, NULL, "play", "--db", fixture->db_path, "--profile", "Bram", course, NULL), 2);

  g_clear_pointer (&out, g_free);
  assert_int_equal (run (NULL, &out, NULL, "profiles", "--db", fixture->db_path, NULL), 0);
  assert_non_null (strstr (out, "Anna"));
  assert_non_null (strstr (out, "Bram"));

  g_clear_pointer (&out, g_free);
  assert_int_equal (run (NULL, &out, NULL, "progress", "--db", fixture->db_path, "--json", NULL), 0);
  assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  assert_int_equal (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), 2);
  entry = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  assert_string_equal (json_object_get_string_member (entry, "profile"), "Anna");
  course_progress = json_array_get_object_element (json_object_get_array_member (entry, "courses"), 0);
  assert_string_equal (json_object_get_string_member (course_progress, "id"), "example-salon-basics");
  assert_string_equal (json_object_get_string_member (course_progress, "version"), "1.2.0");
  assert_string_equal (json_object_get_string_member (course_progress, "status"), "passed");
  assert_true (json_object_get_boolean_member (course_progress, "completed"));
  assert_float_equal (json_object_get_double_member (course_progress, "score"), 100, 0.001);
  assert_string_equal (json_object_get_string_member (course_progress, "attempt_status"), "passed");
  assert_float_equal (json_object_get_double_member (course_progress, "attempt_score"), 100, 0.001);
  assert_int_equal (json_array_get_length (json_object_get_array_member (course_progress, "modules")), 3);
  entry = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 1);
  course_progress = json_array_get_object_element (json_object_get_array_member (entry, "courses"), 0);
  assert_string_equal (json_object_get_string_member (course_progress, "status"), "in-progress");
  assert_false (json_object_get_boolean_member (course_progress, "completed"));
  assert_string_equal (json_object_get_string_member (course_progress, "attempt_status"), "in-progress");

  /* --profile */
  g_clear_pointer (&out, g_free);
  assert_int_equal (run (NULL, &out, NULL, "progress", "--db", fixture->db_path, "--profile", "Bram", "--json", NULL), 0);
  assert_null (strstr (out, "Anna"));
  assert_non_null (strstr (out, "in-progress"));
  g_clear_pointer (&err, g_free);
  assert_int_equal (run (NULL, NULL, &err, "progress", "--db", fixture->db_path, "--profile", "Nobody", NULL), 2);
  assert_non_null (strstr (err, "There is no profile"));

  /* export: xAPI to standard output, CSV to a file, my data */
  g_clear_pointer (&out, g_free);
  assert_int_equal (run (NULL, &out, NULL, "export", "--db", fixture->db_path, "--format", "xapi", NULL), 0);
  assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  /* Anna's pass: started, the page, 10 answers (the knowledge check twice and two
   * decisions among them), 3 completions, passed, terminated; the optional
   * refresher module is not part of the first run. Bram's start comes on top. */
  assert_true (json_array_get_length (json_node_get_array (json_parser_get_root (parser))) >= 17);
  assert_int_equal (run (NULL, NULL, NULL, "export", "--db", fixture->db_path, "--format", "csv", "-o", csv_path, NULL), 0);
  assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  assert_true (g_str_has_prefix (csv, "name,course,version,status,score,completed,valid_until,automated\r\n"));
  assert_non_null (strstr (csv, "Anna,example-salon-basics,1.2.0,passed,100.0,"));
  assert_non_null (strstr (csv, "Bram,example-salon-basics,1.2.0,in-progress,"));
  g_clear_pointer (&out, g_free);
  assert_int_equal (run (NULL, &out, NULL, "export", "--db", fixture->db_path, "--format", "mydata", "--profile", "Bram", NULL), 0);
  assert_non_null (strstr (out, "\"signaal-my-data-1\""));
  assert_null (strstr (out, "Anna"));
  assert_int_equal (run (NULL, NULL, NULL, "export", "--db", fixture->db_path, "--format", "mydata", NULL), 2);
  assert_int_equal (run (NULL, NULL, NULL, "export", "--db", fixture->db_path, "--format", "pdf", NULL), 2);
  g_clear_pointer (&out, g_free);
  assert_int_equal (run (NULL, &out, NULL, "export", "--db", fixture->db_path, "--format", "aggregate", NULL), 0);
  assert_non_null (strstr (out, "\"learners_both\" : 1"));
  st_fixture_free (fixture);
}

/* Kill play --db after some acknowledgements: each acknowledged answer is saved. */
static void
test_killed_play_keeps_acknowledged (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autofree char *course = st_pack_example (fixture->dir, NULL, "1.2.0");
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) g_get_real_time ());

  for (guint round = 0; round < 6; round++)
    {
      g_autoptr(GSubprocess) play = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GDataInputStream) lines = NULL;
      g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *check = NULL;
      guint stop_after = g_rand_int_range (rand, 1, 5);
      GOutputStream *in;
      char *line;

      play = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                               course_tool (), "play", "--db", fixture->db_path, "--profile", "Kees", "--lang", "en", course, NULL);
      assert_non_null (play);
      in = g_subprocess_get_stdin_pipe (play);
      /* Answers for whatever comes: "1" fits every question the example asks first. */
      for (guint i = 0; i < 10; i++)
        g_output_stream_write_all (in, "1\n", 2, NULL, NULL, NULL);
      g_output_stream_close (in, NULL, NULL);
      lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (play));
      while (saved->len < stop_after && (line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, NULL)) != NULL)
        {
          if (g_str_has_prefix (line, "[saved "))
            g_ptr_array_add (saved, line);
          else
            g_free (line);
        }
      g_subprocess_send_signal (play, SIGKILL);
      g_subprocess_wait (play, NULL, NULL);

      {
        sqlite3 *db = st_db_open (fixture->db_path);

        check = st_db_text (db, "PRAGMA integrity_check");
        assert_string_equal (check, "ok");
        for (guint i = 0; i < saved->len; i++)
          {
            g_auto(GStrv) parts = g_strsplit ((char *) saved->pdata[i] + 7, " ", 2);
            g_autofree char *id = g_strndup (parts[1], strlen (parts[1]) - 1);
            g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM events WHERE item_id = '%s' OR response = '%s'", id, id);

            if (st_db_int (db, sql) < 1)
              fail_msg ("round %u: acknowledged but not saved: %s", round, (char *) saved->pdata[i]);
          }
        sqlite3_close (db);
      }
    }
  /* After all that, the course can be finished. */
  assert_int_equal (run (NULL, NULL, NULL, "play", "--db", fixture->db_path, "--profile", "Kees", "--best", course, NULL), 0);
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM events WHERE kind IN ('passed', 'failed')"), 1);
  st_fixture_free (fixture);
}

static void
writer_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* The app and the CLI at once: here a writer program stands in for the app. */
static void
test_cli_beside_another_writer (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autofree char *course = st_pack_example (fixture->dir, NULL, "1.2.0");
  g_autofree char *writer_path = st_writer_path ();
  g_autofree char *writer_out = g_build_filename (fixture->dir, "writer.out", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *check = NULL;
  guint plays = 0;
  gboolean done = FALSE;

  {
    g_autoptr(SigStore) store = st_open (fixture);
  }
  g_subprocess_launcher_set_stdout_file_path (launcher, writer_out);
  writer = g_subprocess_launcher_spawn (launcher, &error, writer_path, fixture->db_path, course, "app-user", "1500", NULL);
  assert_non_null (writer);
  g_subprocess_wait_async (writer, NULL, writer_done, &done);
  while (!done || plays < 3)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      if (run (NULL, &out, &err, "play", "--db", fixture->db_path, "--profile", "cli-user", "--best", course, NULL) != 0)
        fail_msg ("play failed beside the writer: %s", err);
      plays++;
      assert_true (plays < 500);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  assert_true (g_subprocess_wait_check (writer, NULL, &error));
  {
    sqlite3 *db = st_db_open (fixture->db_path);
    g_autofree char *count_app = g_strdup ("SELECT count(*) FROM events e JOIN profiles p ON p.id = e.profile_id WHERE p.name = 'app-user' AND kind = 'answered'");

    check = st_db_text (db, "PRAGMA integrity_check");
    assert_string_equal (check, "ok");
    assert_int_equal (st_db_int (db, count_app), 1500);
    /* every CLI play: 9 answers (with the knowledge check twice the first time: 1 pre + 1 post) */
    assert_int_equal (st_db_int (db, "SELECT count(*) FROM attempts a JOIN profiles p ON p.id = a.profile_id WHERE p.name = 'cli-user'"), plays);
    assert_int_equal (st_db_int (db, "SELECT count(*) FROM events e JOIN profiles p ON p.id = e.profile_id "
                                     "WHERE p.name = 'cli-user' AND kind = 'passed'"), plays);
    sqlite3_close (db);
  }
  g_print ("%u CLI plays beside 1500 answers of another program\n", plays);
  st_fixture_free (fixture);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_play_records_and_resumes),
    cmocka_unit_test (test_resume_inside_scenario),
    cmocka_unit_test (test_progress_json_export_import),
    cmocka_unit_test (test_killed_play_keeps_acknowledged),
    cmocka_unit_test (test_cli_beside_another_writer),
  };

  st_isolate ();
  return cmocka_run_group_tests (tests, NULL, NULL);
}
