/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sig-engine.h"
#include "sig-package.h"
#include "sig-package-signature.h"
#include "sig-scoring.h"
#include "store-test-util.h"

static char *isolated_home;

static void
remove_isolated_home (void)
{
  if (isolated_home != NULL && g_getenv ("SIGNAAL_KEEP_TEST_DIR") == NULL)
    sig_test_remove_tree (isolated_home);
}

void
st_isolate (void)
{
  static const char *vars[] = { "HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };
  char *home = g_dir_make_tmp ("signaal-home-XXXXXX", NULL);

  assert_non_null (home);
  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      g_autofree char *dir = i == 0 ? g_strdup (home) : g_build_filename (home, vars[i] + 4, NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (vars[i], dir, TRUE);
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  isolated_home = home;
  atexit (remove_isolated_home);
}

char *
st_writer_path (void)
{
  const char *build = g_getenv ("BUILD_DIR");

  return g_build_filename (build ? build : ".", "tests", "store", "store-writer", NULL);
}

StoreFixture *
st_fixture_new (void)
{
  StoreFixture *fixture = g_new0 (StoreFixture, 1);
  g_autofree char *courses = NULL;
  g_autofree char *helplines_from = g_build_filename (SOURCE_DIR, "content", "helplines.xml", NULL);
  g_autofree char *helplines_to = NULL;
  g_autofree char *scenarios_from = g_build_filename (SOURCE_DIR, "scenarios", NULL);
  g_autofree char *scenarios_to = NULL;

  fixture->dir = g_dir_make_tmp ("signaal-store-XXXXXX", NULL);
  assert_non_null (fixture->dir);
  fixture->db_path = g_build_filename (fixture->dir, "data", "signaal", "progress.db", NULL);
  fixture->data_dir = g_build_filename (fixture->dir, "install", NULL);
  courses = g_build_filename (fixture->data_dir, "courses", NULL);
  assert_int_equal (g_mkdir_with_parents (courses, 0700), 0);
  helplines_to = g_build_filename (fixture->data_dir, "helplines.xml", NULL);
  scenarios_to = g_build_filename (fixture->data_dir, "scenarios", NULL);
  assert_int_equal (symlink (helplines_from, helplines_to), 0);
  assert_int_equal (symlink (scenarios_from, scenarios_to), 0);
  g_setenv ("SIGNAAL_DATA_DIR", fixture->data_dir, TRUE);
  /* The project's publisher key, as an installation has it. */
  {
    g_autoptr(SigIssuer) project = st_project_key ();
    g_autofree char *publishers = g_build_filename (fixture->data_dir, "publishers", NULL);
    g_autofree char *file = g_build_filename (publishers, SIG_PROJECT_PUBLISHER_FILE, NULL);
    g_autofree char *text = g_strdup_printf ("[Publisher]\nId=%s\nName=Signaal\n", sig_issuer_get_did (project));

    assert_int_equal (g_mkdir_with_parents (publishers, 0700), 0);
    assert_true (g_file_set_contents (file, text, -1, NULL));
    sig_publisher_reset_trust ();
  }
  return fixture;
}

SigIssuer *
st_project_key (void)
{
  guint8 seed[SIG_ED25519_SEED_BYTES];

  memset (seed, 7, sizeof seed);
  return sig_issuer_new_from_seed (seed, SIG_ISSUER_KIND_ORGANISATION, "Signaal");
}

void
st_sign_as_project (const char *path,
                    const char *course_id,
                    const char *version)
{
  g_autoptr(SigIssuer) project = st_project_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) signed_bytes = NULL;
  g_autoptr(GBytes) content = NULL;
  char *data = NULL;
  gsize length = 0;

  assert_true (g_file_get_contents (path, &data, &length, NULL));
  content = g_bytes_new_take (data, length);
  signed_bytes = sig_package_sign (content, course_id, version, project, NULL, NULL, &error);
  if (signed_bytes == NULL)
    fail_msg ("sign: %s", error->message);
  assert_true (g_file_set_contents (path, g_bytes_get_data (signed_bytes, NULL),
                                    (gssize) g_bytes_get_size (signed_bytes), NULL));
}

void
st_fixture_free (StoreFixture *fixture)
{
  if (g_getenv ("SIGNAAL_KEEP_TEST_DIR") == NULL)
    sig_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->data_dir);
  g_free (fixture);
}

char *
st_pack_example (const char *dir,
                 const char *id,
                 const char *version)
{
  g_autofree char *copy = sig_test_copy_example ();
  g_autofree char *course_xml = g_build_filename (copy, "course.xml", NULL);
  g_autofree char *name = g_strdup_printf ("%s-%s.signaal", id ? id : "example", version);
  g_autofree char *tmp_root = g_path_get_dirname (copy);
  g_autoptr(SigCatalog) catalog = sig_catalog_new ();
  g_autoptr(GError) error = NULL;
  char *output = g_build_filename (dir, name, NULL);

  if (!g_str_equal (version, "1.2.0"))
    {
      g_autofree char *attribute = g_strdup_printf ("version=\"%s\" languages=", version);
      sig_test_patch_file (course_xml, "version=\"1.2.0\" languages=", attribute);
    }
  if (id != NULL)
    {
      g_autofree char *attribute = g_strdup_printf ("id=\"%s\"", id);
      sig_test_patch_file (course_xml, "id=\"example-salon-basics\"", attribute);
    }
  if (!sig_package_pack (copy, output, catalog, &error))
    fail_msg ("pack: %s", error->message);
  sig_test_remove_tree (tmp_root);
  return output;
}

char *
st_pack_example_patched (const char *dir,
                         const char *file_name,
                         const char *old_text,
                         const char *new_text)
{
  g_autofree char *copy = sig_test_copy_example ();
  g_autofree char *course_xml = g_build_filename (copy, "course.xml", NULL);
  g_autofree char *tmp_root = g_path_get_dirname (copy);
  g_autoptr(SigCatalog) catalog = sig_catalog_new ();
  g_autoptr(GError) error = NULL;
  char *output = g_build_filename (dir, file_name, NULL);

  sig_test_patch_file (course_xml, old_text, new_text);
  if (!sig_package_pack (copy, output, catalog, &error))
    fail_msg ("pack: %s", error->message);
  sig_test_remove_tree (tmp_root);
  return output;
}

SigCourse *
st_load (const char *path)
{
  g_autoptr(GError) error = NULL;
  SigCourse *course = sig_loader_load_course (path, &error);

  if (course == NULL)
    fail_msg ("load %s: %s", path, error->message);
  return course;
}

SigStore *
st_open (StoreFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  SigStore *store = sig_store_open (fixture->db_path, SIG_STORE_OPEN_DEFAULT, &error);

  if (store == NULL)
    fail_msg ("open: %s", error->message);
  return store;
}

sqlite3 *
st_db_open (const char *path)
{
  sqlite3 *db = NULL;

  assert_int_equal (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  return db;
}

gint64
st_db_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    fail_msg ("%s: %s", sql, sqlite3_errmsg (db));
  assert_int_equal (sqlite3_step (stmt), SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

char *
st_db_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    fail_msg ("%s: %s", sql, sqlite3_errmsg (db));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

gint64
st_count (const char *db_path,
          const char *sql)
{
  sqlite3 *db = st_db_open (db_path);
  gint64 value = st_db_int (db, sql);

  sqlite3_close (db);
  return value;
}

char *
st_wrong_response (SigQuestion *question)
{
  g_autofree char *best = sig_question_best_response (question);

  switch (question->type)
    {
    case SIG_QUESTION_TRUE_FALSE:
      return g_strdup (g_str_equal (best, "true") ? "false" : "true");
    case SIG_QUESTION_SINGLE:
    case SIG_QUESTION_MULTIPLE:
      for (guint i = 0; i < question->options->len; i++)
        {
          SigOption *option = question->options->pdata[i];

          if (!option->correct)
            return g_strdup (option->id);
        }
      break;
    case SIG_QUESTION_ORDERING:
      {
        GString *reversed = g_string_new (NULL);

        for (guint i = question->options->len; i > 0; i--)
          g_string_append_printf (reversed, "%s%s", reversed->len ? "," : "",
                                  ((SigOption *) question->options->pdata[i - 1])->id);
        return g_string_free (reversed, FALSE);
      }
    case SIG_QUESTION_MATCHING:
      {
        GString *shifted = g_string_new (NULL);
        guint n = question->pairs->len;

        for (guint i = 0; i < n; i++)
          g_string_append_printf (shifted, "%s%s=%s", shifted->len ? "," : "",
                                  ((SigPair *) question->pairs->pdata[i])->id,
                                  ((SigPair *) question->pairs->pdata[(i + 1) % n])->id);
        return g_string_free (shifted, FALSE);
      }
    case SIG_QUESTION_SPOT_SIGNALS:
      for (guint i = 0; i < question->spans->len; i++)
        {
          SigSpan *span = question->spans->pdata[i];

          if (!span->signal)
            return g_strdup (span->id);
        }
      break;
    default:
      break;
    }
  return g_strdup ("");
}

void
st_answer_module (SigStore   *store,
                  const char *profile_id,
                  SigCourse  *course,
                  const char *module_id,
                  gboolean    best)
{
  SigModule *module = sig_course_find_module (course, module_id);

  assert_non_null (module);
  for (guint i = 0; i < module->items->len; i++)
    {
      SigModuleItem *item = module->items->pdata[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *response = NULL;
      SigScore score;

      if (item->kind == SIG_ITEM_PAGE)
        {
          if (!sig_store_record_page_viewed (store, profile_id, course, module_id, item->page->id, &error))
            fail_msg ("page: %s", error->message);
          continue;
        }
      if (item->kind != SIG_ITEM_QUESTION)
        continue;
      response = best ? sig_question_best_response (item->question) : st_wrong_response (item->question);
      if (!sig_store_record_answer (store, profile_id, course, module_id, item->question->id, response, &score, &error))
        fail_msg ("answer %s: %s", item->question->id, error->message);
      assert_int_equal (score.correct, best);
    }
}

void
st_play_scenarios (SigStore   *store,
                   const char *profile_id,
                   SigCourse  *course,
                   const char *module_id)
{
  SigModule *module = sig_course_find_module (course, module_id);

  for (guint i = 0; i < module->items->len; i++)
    {
      SigModuleItem *item = module->items->pdata[i];
      SigScenario *scenario;
      g_autoptr(SigEngine) engine = NULL;
      g_autoptr(GError) error = NULL;

      if (item->kind != SIG_ITEM_SCENARIO)
        continue;
      scenario = sig_course_find_scenario (course, item->scenario_ref);
      assert_non_null (scenario);
      engine = sig_engine_new (scenario, NULL, &error);
      assert_non_null (engine);
      while (sig_engine_get_status (engine) == SIG_ENGINE_AT_DECISION)
        {
          g_autoptr(GPtrArray) choices = sig_engine_get_choices (engine);
          g_autofree char *node_id = g_strdup (sig_engine_get_node (engine)->id);
          SigChoice *chosen = choices->pdata[0];

          for (guint c = 0; c < choices->len; c++)
            if (((SigChoice *) choices->pdata[c])->recommended)
              {
                chosen = choices->pdata[c];
                break;
              }
          assert_true (sig_engine_choose (engine, chosen->id, &error));
          if (!sig_store_record_choice (store, profile_id, course, module_id, node_id, chosen->id, engine, &error))
            fail_msg ("choice: %s", error->message);
        }
      assert_int_equal (sig_engine_get_status (engine), SIG_ENGINE_ENDED);
    }
}

gboolean
st_is_uuid_v4 (const char *text)
{
  return text != NULL &&
         g_regex_match_simple ("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", text, 0, 0);
}

int
st_run_tool (GSubprocessLauncher *launcher,
             const char * const  *argv,
             const char          *input,
             char               **out,
             char               **err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *dir = g_dir_make_tmp ("signaal-run-XXXXXX", NULL);
  g_autofree char *in_path = g_build_filename (dir, "in", NULL);
  g_autofree char *out_path = g_build_filename (dir, "out", NULL);
  g_autofree char *err_path = g_build_filename (dir, "err", NULL);

  assert_non_null (dir);
  assert_true (g_file_set_contents (in_path, input != NULL ? input : "", -1, NULL));
  g_subprocess_launcher_set_stdin_file_path (launcher, in_path);
  g_subprocess_launcher_set_stdout_file_path (launcher, out_path);
  g_subprocess_launcher_set_stderr_file_path (launcher, err_path);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (process == NULL)
    fail_msg ("%s", error->message);
  assert_true (g_subprocess_wait (process, NULL, &error));
  /* *out and *err may hold the text of an earlier run: replace it */
  if (out != NULL)
    {
      g_clear_pointer (out, g_free);
      assert_true (g_file_get_contents (out_path, out, NULL, NULL));
    }
  if (err != NULL)
    {
      g_clear_pointer (err, g_free);
      assert_true (g_file_get_contents (err_path, err, NULL, NULL));
    }
  g_unlink (in_path);
  g_unlink (out_path);
  g_unlink (err_path);
  g_rmdir (dir);
  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

void
st_chown_tree (const char *path,
               uid_t       uid,
               gid_t       gid)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  assert_int_equal (lchown (path, uid, gid), 0);
  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    return;
  dir = g_dir_open (path, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      st_chown_tree (child, uid, gid);
    }
}
