/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Faults: a killed writer, two writers at once, a folder that cannot be
 * written, a full disk, and a damaged database file. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store-test-util.h"

static char *
integrity (const char *db_path)
{
  sqlite3 *db = st_db_open (db_path);
  char *result = st_db_text (db, "PRAGMA integrity_check");

  sqlite3_close (db);
  return result;
}

static gint64
answers_of (const char *db_path,
            const char *profile_name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM events e JOIN profiles p ON p.id = e.profile_id "
                                          "WHERE p.name = '%s' AND e.kind = 'answered'", profile_name);

  return st_count (db_path, sql);
}

/* The last "ack N" in @path, 0 when none; *@ready when "ready" was printed. */
static guint64
last_ack (const char *path,
          gboolean   *ready)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint64 ack = 0;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return 0;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_equal (lines[i], "ready") && ready)
        *ready = TRUE;
      /* only whole lines: the last one may be cut off by the kill */
      if (lines[i + 1] != NULL && g_str_has_prefix (lines[i], "ack "))
        ack = g_ascii_strtoull (lines[i] + 4, NULL, 10);
    }
  return ack;
}

static GSubprocess *
spawn_writer (const char *db_path,
              const char *course,
              const char *profile,
              const char *count,
              const char *out_path)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autofree char *writer = st_writer_path ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_set_stdout_file_path (launcher, out_path);
  process = g_subprocess_launcher_spawn (launcher, &error, writer, db_path, course, profile, count, NULL);
  if (process == NULL)
    fail_msg ("spawn %s: %s", writer, error->message);
  return process;
}

/* kill -9 at random moments: the database stays sound and every
 * acknowledged answer is in it. */
static void
test_kill_never_loses_an_acknowledged_answer (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autofree char *course = st_pack_example (fixture->dir, NULL, "1.2.0");
  g_autofree char *out = g_build_filename (fixture->dir, "writer.out", NULL);
  const char *seed_env = g_getenv ("STORE_KILL_SEED");
  guint32 seed = seed_env ? (guint32) g_ascii_strtoull (seed_env, NULL, 10) : (guint32) g_get_real_time ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint64 total_acked = 0;
  const guint runs = 16;

  g_print ("kill test: seed %u (set STORE_KILL_SEED to repeat)\n", seed);
  /* Make the database once, so the runs kill writers, not the first set-up. */
  {
    g_autoptr(SigStore) store = st_open (fixture);
  }
  for (guint run = 0; run < runs; run++)
    {
      g_autofree char *profile = g_strdup_printf ("run-%u", run);
      g_autoptr(GSubprocess) writer = NULL;
      g_autofree char *check = NULL;
      gboolean ready = FALSE;
      guint64 acked;
      gint64 stored;
      gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

      g_unlink (out);
      writer = spawn_writer (fixture->db_path, course, profile, "0", out);
      /* Some runs are killed at once (during open); the others a while after "ready". */
      if (run % 4 != 0)
        {
          while (!ready && g_get_monotonic_time () < deadline)
            {
              last_ack (out, &ready);
              g_usleep (2000);
            }
          assert_true (ready);
          g_usleep (g_rand_int_range (rand, 5000, 250000));
        }
      else
        g_usleep (g_rand_int_range (rand, 0, 20000));
      g_subprocess_send_signal (writer, SIGKILL);
      g_subprocess_wait (writer, NULL, NULL);
      assert_true (g_subprocess_get_if_signaled (writer));

      acked = last_ack (out, NULL);
      check = integrity (fixture->db_path);
      assert_string_equal (check, "ok");
      stored = run % 4 == 0 && acked == 0 ? 0 : answers_of (fixture->db_path, profile);
      if (run % 4 != 0 || acked > 0)
        {
          /* every acknowledged answer; at most one more (committed, not yet acknowledged) */
          if (stored < (gint64) acked || stored > (gint64) acked + 1)
            fail_msg ("run %u: %" G_GUINT64_FORMAT " acknowledged, %" G_GINT64_FORMAT " stored", run, acked, stored);
        }
      total_acked += acked;
    }
  g_print ("kill test: %u runs, %" G_GUINT64_FORMAT " acknowledged answers, all present\n", runs, total_acked);
  assert_true (total_acked > 20);

  /* The store opens normally afterwards: no recovery was needed. */
  {
    g_autoptr(SigStore) store = st_open (fixture);

    assert_null (sig_store_get_recovery (store));
    assert_true (sig_store_check_integrity (store, NULL));
  }
  st_fixture_free (fixture);
}

/* Two programs writing at once (the app and signaal-course). */
static void
test_two_writers_at_once (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autofree char *course = st_pack_example (fixture->dir, NULL, "1.2.0");
  g_autofree char *out_a = g_build_filename (fixture->dir, "a.out", NULL);
  g_autofree char *out_b = g_build_filename (fixture->dir, "b.out", NULL);
  g_autoptr(GSubprocess) a = NULL;
  g_autoptr(GSubprocess) b = NULL;
  g_autofree char *check = NULL;

  /* Both start on a database that does not exist yet: both may try to make it. */
  a = spawn_writer (fixture->db_path, course, "writer-a", "400", out_a);
  b = spawn_writer (fixture->db_path, course, "writer-b", "400", out_b);
  assert_true (g_subprocess_wait_check (a, NULL, NULL));
  assert_true (g_subprocess_wait_check (b, NULL, NULL));
  assert_int_equal (last_ack (out_a, NULL), 400);
  assert_int_equal (last_ack (out_b, NULL), 400);
  check = integrity (fixture->db_path);
  assert_string_equal (check, "ok");
  assert_int_equal (answers_of (fixture->db_path, "writer-a"), 400);
  assert_int_equal (answers_of (fixture->db_path, "writer-b"), 400);
  /* one attempt each, not one per process race */
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM attempts"), 2);
  assert_int_equal (st_count (fixture->db_path, "SELECT count(DISTINCT value) FROM settings WHERE key = 'installation-id'"), 1);
  st_fixture_free (fixture);
}

/* ---- A folder that cannot be written ------------------------------------------ */

static void
make_some_progress (StoreFixture *fixture,
                    const char   *course_path)
{
  g_autoptr(SigStore) store = st_open (fixture);
  g_autoptr(SigCourse) course = st_load (course_path);
  g_autoptr(SigProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  profile = sig_store_create_profile (store, "Anna", NULL, NULL, NULL, &error);
  st_answer_module (store, sig_profile_get_id (profile), course, "m-see", TRUE);
}

/* The checks shared by every way of making the store read-only: reads work,
 * writes fail with READ_ONLY and a clear message, nothing is lost. Returns
 * a description of the first failure, or NULL. Runs in a child process too,
 * so it does not use cmocka. */
static char *
check_read_only_store (SigStore   *store,
                       const char *course_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(SigCourse) course = sig_loader_load_course (course_path, NULL);
  g_autoptr(SigCourseProgress) progress = NULL;
  g_autofree char *xapi = NULL;

  if (!sig_store_get_read_only (store))
    return g_strdup ("the store is not read-only");
  if (sig_store_get_read_only_reason (store) == NULL)
    return g_strdup ("no reason is given");
  profiles = sig_store_list_profiles (store, &error);
  if (profiles == NULL || profiles->len != 1)
    return g_strdup ("the profiles cannot be read");
  progress = sig_store_get_progress (store, sig_profile_get_id (profiles->pdata[0]), NULL, course, &error);
  if (progress == NULL || ((SigModuleProgress *) progress->modules->pdata[0])->answered != 3)
    return g_strdup ("the progress cannot be read");
  if ((xapi = sig_store_export_xapi (store, NULL, &error)) == NULL)
    return g_strdup ("the export fails");
  if (sig_store_record_answer (store, sig_profile_get_id (profiles->pdata[0]), course, "m-act", "q-order", "s1,s2,s3", NULL, &error))
    return g_strdup ("an answer was recorded");
  if (!g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_READ_ONLY))
    return g_strdup_printf ("wrong error: %s", error ? error->message : "none");
  if (strstr (error->message, "cannot be saved") == NULL)
    return g_strdup_printf ("unclear message: %s", error->message);
  g_clear_error (&error);
  if (sig_store_create_profile (store, "Bram", NULL, NULL, NULL, &error) != NULL)
    return g_strdup ("a profile was made");
  return NULL;
}

static char *
read_only_folder_checks (StoreFixture *fixture,
                         const char   *course_path)
{
  g_autofree char *dir = g_path_get_dirname (fixture->db_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStore) store = NULL;
  char *problem;

  if (g_chmod (dir, 0500) != 0)
    return g_strdup_printf ("chmod: %s", g_strerror (errno));
  /* Make sure the file system really refuses us (not so for root). */
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
  store = sig_store_open (fixture->db_path, SIG_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return g_strdup_printf ("open failed: %s", error->message);
  if ((problem = check_read_only_store (store, course_path)) != NULL)
    return problem;
  g_clear_object (&store);

  /* Writable again: everything is still there, and writing works. */
  g_chmod (dir, 0700);
  store = sig_store_open (fixture->db_path, SIG_STORE_OPEN_DEFAULT, &error);
  if (store == NULL || sig_store_get_read_only (store))
    return g_strdup ("not writable after chmod 0700");
  {
    g_autoptr(SigCourse) course = sig_loader_load_course (course_path, NULL);
    g_autoptr(SigProfile) anna = sig_store_find_profile (store, "Anna", NULL);

    if (anna == NULL ||
        !sig_store_record_answer (store, sig_profile_get_id (anna), course, "m-act", "q-order", "s1,s2,s3", NULL, &error))
      return g_strdup ("cannot write after chmod 0700");
  }
  return NULL;
}

typedef char *(*FolderChecks) (StoreFixture *fixture,
                                const char   *course_path);

/* Runs @checks on a chmod 0500 data folder. As root, chmod stops nothing, so
 * the checks run in a child process that has given up root (uid/gid 65534,
 * "nobody") on a copy owned by that user: the kernel then refuses the writes
 * for real. Returns the problem found, or NULL. */
static char *
in_read_only_folder (StoreFixture *fixture,
                     const char   *course,
                     FolderChecks  checks)
{
  char *problem = NULL;
  int pipe_fds[2];
  pid_t child;
  int status = 0;
  char buffer[1024] = "";
  ssize_t n;

  if (geteuid () != 0)
    return checks (fixture, course);

  g_print ("running as root: the read-only folder checks run as uid 65534\n");
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
        child_problem = checks (fixture, course);
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
  st_chown_tree (fixture->dir, 0, 0);
  return problem;
}

/* A chmod 0500 data folder: readable, not writable, nothing lost. */
static void
test_read_only_folder (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autofree char *course = st_pack_example (fixture->dir, NULL, "1.2.0");
  g_autofree char *problem = NULL;

  make_some_progress (fixture, course);
  problem = in_read_only_folder (fixture, course, read_only_folder_checks);
  if (problem != NULL)
    fail_msg ("%s", problem);
  assert_int_equal (answers_of (fixture->db_path, "Anna"), 4);
  st_fixture_free (fixture);
}

static char *
wal_without_shm_checks (StoreFixture *fixture,
                        const char   *course_path)
{
  g_autofree char *dir = g_path_get_dirname (fixture->db_path);
  g_autofree char *wal = g_strconcat (fixture->db_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->db_path, "-shm", NULL);
  g_autofree char *wal_before = NULL;
  g_autofree char *wal_after = NULL;
  gsize wal_length = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStore) store = NULL;
  const char *notice;
  char *problem;

  if (g_chmod (dir, 0500) != 0)
    return g_strdup_printf ("chmod: %s", g_strerror (errno));
  if (!g_file_get_contents (wal, &wal_before, &wal_length, NULL))
    return g_strdup ("no WAL to start from");
  store = sig_store_open (fixture->db_path, SIG_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return g_strdup_printf ("open failed: %s", error->message);
  /* The answers that are only in the WAL are read, and the learner is told why
   * nothing can be saved. */
  if ((problem = check_read_only_store (store, course_path)) != NULL)
    return problem;
  notice = sig_store_get_copy_notice (store);
  if (notice == NULL || strstr (notice, "copy") == NULL)
    return g_strdup_printf ("no notice of the copy: %s", notice ? notice : "(none)");
  if (g_strcmp0 (sig_store_get_read_only_reason (store), notice) != 0)
    return g_strdup ("the read-only reason is not the notice");
  g_clear_object (&store);
  /* The explicitly read-only open (signaal-course progress) reads it too. */
  store = sig_store_open (fixture->db_path, SIG_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL || sig_store_get_copy_notice (store) == NULL)
    return g_strdup_printf ("read-only open: %s", error ? error->message : "no notice");
  g_clear_object (&store);
  /* The files in the folder are as they were. */
  if (!g_file_get_contents (wal, &wal_after, NULL, NULL) || memcmp (wal_before, wal_after, wal_length) != 0)
    return g_strdup ("the WAL changed");
  if (g_file_test (shm, G_FILE_TEST_EXISTS))
    return g_strdup ("a -shm file appeared");
  g_chmod (dir, 0700);
  return NULL;
}

/* A read-only folder holding progress.db-wal but no -shm (left by a crash,
 * or a copy of the folder): SQLite cannot read that WAL in place, and opened
 * as immutable it would ignore it, and with it the latest answers. */
static void
test_read_only_folder_wal_without_shm (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autofree char *course_path = st_pack_example (fixture->dir, NULL, "1.2.0");
  g_autofree char *elsewhere = g_build_filename (fixture->dir, "elsewhere", NULL);
  g_autofree char *problem = NULL;
  g_autoptr(SigCourse) course = st_load (course_path);

  /* Made while the store is open, so the answers are in its WAL. */
  {
    g_autoptr(SigStore) store = st_open (fixture);
    g_autoptr(SigProfile) profile = sig_store_create_profile (store, "Anna", NULL, NULL, NULL, NULL);
    const char *suffixes[] = { "", "-wal" };

    st_answer_module (store, sig_profile_get_id (profile), course, "m-see", TRUE);
    g_mkdir_with_parents (elsewhere, 0700);
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *from = g_strconcat (fixture->db_path, suffixes[i], NULL);
        g_autofree char *to = g_strconcat (elsewhere, "/progress.db", suffixes[i], NULL);
        g_autofree char *contents = NULL;
        gsize length;

        assert_true (g_file_get_contents (from, &contents, &length, NULL));
        assert_true (g_file_set_contents (to, contents, length, NULL));
      }
  }
  /* The folder as the crash left it: the database and its WAL, no -shm. */
  {
    g_autofree char *dir = g_path_get_dirname (fixture->db_path);
    g_autofree char *copy = g_build_filename (elsewhere, "progress.db", NULL);
    g_autofree char *copy_wal = g_build_filename (elsewhere, "progress.db-wal", NULL);
    g_autofree char *wal = g_strconcat (fixture->db_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (fixture->db_path, "-shm", NULL);

    g_unlink (shm);
    assert_int_equal (g_rename (copy, fixture->db_path), 0);
    assert_int_equal (g_rename (copy_wal, wal), 0);
    assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
    {
      GStatBuf info;

      assert_int_equal (g_stat (wal, &info), 0);
      assert_true (info.st_size > 0);
    }
    (void) dir;
  }
  problem = in_read_only_folder (fixture, course_path, wal_without_shm_checks);
  if (problem != NULL)
    fail_msg ("%s", problem);
  /* Writable again: nothing was lost. */
  assert_int_equal (answers_of (fixture->db_path, "Anna"), 3);
  st_fixture_free (fixture);
}

/* Opened read-only on purpose (SQLITE_OPEN_READONLY): the same guarantees. */
static void
test_read_only_flag (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autofree char *course = st_pack_example (fixture->dir, NULL, "1.2.0");
  g_autoptr(SigStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;

  make_some_progress (fixture, course);
  assert_true (g_file_get_contents (fixture->db_path, &before, &before_length, NULL));
  store = sig_store_open (fixture->db_path, SIG_STORE_OPEN_READ_ONLY, &error);
  assert_non_null (store);
  problem = check_read_only_store (store, course);
  if (problem != NULL)
    fail_msg ("%s", problem);
  assert_false (sig_store_reopen_writable (store, &error));
  g_clear_object (&store);
  assert_true (g_file_get_contents (fixture->db_path, &after, &after_length, NULL));
  assert_int_equal (before_length, after_length);
  assert_memory_equal (before, after, before_length);
  st_fixture_free (fixture);
}

/* ---- A full disk --------------------------------------------------------------- */

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* The disk fills up: SQLite's own limit on the database size (max_page_count)
 * gives the same SQLITE_FULL a full file system gives. */
static void
test_disk_full (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autofree char *course_path = st_pack_example (fixture->dir, NULL, "1.2.0");
  g_autoptr(SigCourse) course = st_load (course_path);
  g_autoptr(SigStore) store = st_open (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigProfile) profile = NULL;
  g_autoptr(SigCourseProgress) progress = NULL;
  guint acknowledged = 0;
  guint notified = 0;
  gint64 pages;
  gboolean full = FALSE;

  profile = sig_store_create_profile (store, "Anna", NULL, NULL, NULL, &error);
  g_signal_connect (store, "notify::read-only", G_CALLBACK (count_notify), &notified);
  pages = st_db_int (store->db, "PRAGMA page_count");
  assert_true (sig_store_set_max_pages (store, pages + 2, &error));

  for (guint i = 0; i < 2000 && !full; i++)
    {
      if (sig_store_record_answer (store, sig_profile_get_id (profile), course, "m-act", "q-order", "s1,s2,s3", NULL, &error))
        acknowledged++;
      else
        full = TRUE;
    }
  assert_true (full);
  assert_true (acknowledged > 0);
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_DISK_FULL));
  assert_non_null (strstr (error->message, "the disk is full"));
  assert_non_null (strstr (error->message, "Nothing was lost"));
  g_clear_error (&error);
  assert_true (sig_store_get_read_only (store));
  assert_int_equal (notified, 1);
  assert_non_null (strstr (sig_store_get_read_only_reason (store), "full"));

  /* Still readable; further writes are refused up front. */
  progress = sig_store_get_progress (store, sig_profile_get_id (profile), NULL, course, &error);
  assert_non_null (progress);
  assert_false (sig_store_record_answer (store, sig_profile_get_id (profile), course, "m-act", "q-order", "s1,s2,s3", NULL, &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_READ_ONLY));
  g_clear_error (&error);
  assert_int_equal (answers_of (fixture->db_path, "Anna"), acknowledged);
  {
    g_autofree char *check = integrity (fixture->db_path);
    assert_string_equal (check, "ok");
  }

  /* Space again: writable again, and nothing was lost. */
  assert_true (sig_store_reopen_writable (store, &error));
  assert_false (sig_store_get_read_only (store));
  assert_true (sig_store_record_answer (store, sig_profile_get_id (profile), course, "m-act", "q-order", "s1,s2,s3", NULL, &error));
  assert_int_equal (answers_of (fixture->db_path, "Anna"), acknowledged + 1);
  g_clear_object (&store);
  st_fixture_free (fixture);
}

/* A real full file system, where one can be made: a 1 MiB tmpfs (mounting
 * needs root; elsewhere this test is reported as skipped, and only the
 * max_page_count test above ran). */
static void
test_full_file_system (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autofree char *course_path = st_pack_example (fixture->dir, NULL, "1.2.0");
  g_autoptr(SigCourse) course = st_load (course_path);
  g_autofree char *mount_point = g_build_filename (fixture->dir, "tiny", NULL);
  g_autofree char *db_path = g_build_filename (mount_point, "signaal", "progress.db", NULL);
  g_autofree char *filler = g_build_filename (mount_point, "filler", NULL);
  g_autofree char *mount_error = NULL;
  g_autoptr(SigStore) store = NULL;
  g_autoptr(SigProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *check = NULL;
  guint acknowledged = 0;
  int status = -1;

  g_mkdir_with_parents (mount_point, 0700);
  if (geteuid () != 0 ||
      !g_spawn_sync (NULL, (char *[]) { "mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount_point, NULL },
                     NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &mount_error, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      g_print ("no tmpfs can be mounted here (%s): a real full file system is not tried\n",
               mount_error && *mount_error ? g_strstrip (mount_error) : "not root");
      st_fixture_free (fixture);
      skip ();
    }

  /* Leave room to free later: enough for SQLite to copy the whole database
   * out of its WAL (a checkpoint) before it writes anew. */
  {
    g_autofree char *zeros = g_malloc0 (192 * 1024);
    assert_true (g_file_set_contents (filler, zeros, 192 * 1024, NULL));
  }
  store = sig_store_open (db_path, SIG_STORE_OPEN_DEFAULT, &error);
  assert_non_null (store);
  profile = sig_store_create_profile (store, "Anna", NULL, NULL, NULL, &error);
  assert_non_null (profile);
  for (guint i = 0; i < 100000; i++)
    {
      if (!sig_store_record_answer (store, sig_profile_get_id (profile), course, "m-act", "q-order", "s1,s2,s3", NULL, &error))
        break;
      acknowledged++;
    }
  g_print ("full file system after %u answers: %s\n", acknowledged, error ? error->message : "(no error)");
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_DISK_FULL));
  g_clear_error (&error);
  assert_true (sig_store_get_read_only (store));
  assert_true (acknowledged > 0);
  assert_int_equal (answers_of (db_path, "Anna"), acknowledged);
  check = integrity (db_path);
  assert_string_equal (check, "ok");

  /* Space again */
  assert_int_equal (g_unlink (filler), 0);
  assert_true (sig_store_reopen_writable (store, &error));
  assert_true (sig_store_record_answer (store, sig_profile_get_id (profile), course, "m-act", "q-order", "s1,s2,s3", NULL, &error));
  assert_int_equal (answers_of (db_path, "Anna"), acknowledged + 1);
  g_clear_object (&store);

  assert_true (g_spawn_sync (NULL, (char *[]) { "umount", mount_point, NULL }, NULL, G_SPAWN_SEARCH_PATH,
                             NULL, NULL, NULL, NULL, &status, NULL));
  st_fixture_free (fixture);
}

/* Fills the file system of @dir to the last byte. */
static void
fill_up (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "filler", NULL);
  g_autofree char *block = g_malloc0 (4096);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  assert_true (fd >= 0);
  while (write (fd, block, 4096) > 0)
    ;
  while (write (fd, block, 1) > 0)
    ;
  close (fd);
}

static gboolean
mount_tmpfs (const char *mount_point,
             const char *size)
{
  g_autofree char *options = g_strconcat ("size=", size, NULL);
  g_autofree char *mount_error = NULL;
  int status = -1;

  g_mkdir_with_parents (mount_point, 0700);
  if (geteuid () != 0 ||
      !g_spawn_sync (NULL, (char *[]) { "mount", "-t", "tmpfs", "-o", options, "tmpfs", (char *) mount_point, NULL },
                     NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &mount_error, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      g_print ("no tmpfs can be mounted here (%s): a real full file system is not tried\n",
               mount_error && *mount_error ? g_strstrip (mount_error) : "not root");
      return FALSE;
    }
  return TRUE;
}

static void
unmount (const char *mount_point)
{
  int status = -1;

  assert_true (g_spawn_sync (NULL, (char *[]) { "umount", (char *) mount_point, NULL }, NULL, G_SPAWN_SEARCH_PATH,
                             NULL, NULL, NULL, NULL, &status, NULL));
}

/* The disk is already full when the store opens (a new database, and one
 * with progress whose WAL index cannot be made): the learner is told the disk
 * is full and what to do, not "disk I/O error"; what was saved can be read. */
static void
test_disk_full_at_open (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autofree char *course_path = st_pack_example (fixture->dir, NULL, "1.2.0");
  g_autoptr(SigCourse) course = st_load (course_path);
  g_autofree char *mount_point = g_build_filename (fixture->dir, "full", NULL);
  g_autofree char *fresh = g_build_filename (mount_point, "new", "progress.db", NULL);
  g_autofree char *kept = g_build_filename (mount_point, "kept", "progress.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStore) store = NULL;
  const char *reason;

  if (!mount_tmpfs (mount_point, "2m"))
    {
      st_fixture_free (fixture);
      skip ();
    }
  /* Progress saved while there was room. */
  store = sig_store_open (kept, SIG_STORE_OPEN_DEFAULT, &error);
  assert_non_null (store);
  {
    g_autoptr(SigProfile) anna = sig_store_create_profile (store, "Anna", NULL, NULL, NULL, &error);

    st_answer_module (store, sig_profile_get_id (anna), course, "m-see", TRUE);
  }
  g_clear_object (&store);
  {
    g_autofree char *shm = g_strconcat (kept, "-shm", NULL);

    g_unlink (shm);
  }
  fill_up (mount_point);

  for (guint i = 0; i < 2; i++)
    {
      const char *path = i == 0 ? kept : fresh;

      store = sig_store_open (path, SIG_STORE_OPEN_DEFAULT, &error);
      if (store == NULL)
        fail_msg ("%s: %s", path, error->message);
      assert_true (sig_store_get_read_only (store));
      reason = sig_store_get_read_only_reason (store);
      g_print ("full at open (%s): %s\n", i == 0 ? "with progress" : "new", reason);
      assert_non_null (strstr (reason, "is full"));
      assert_non_null (strstr (reason, "free some space"));
      assert_null (strstr (reason, "I/O"));
      if (i == 0)
        {
          g_autoptr(SigProfile) anna = sig_store_find_profile (store, "Anna", &error);
          g_autoptr(SigCourseProgress) progress = NULL;

          assert_non_null (anna);
          progress = sig_store_get_progress (store, sig_profile_get_id (anna), NULL, course, &error);
          assert_int_equal (((SigModuleProgress *) progress->modules->pdata[0])->answered, 3);
        }
      g_clear_object (&store);
    }
  unmount (mount_point);
  st_fixture_free (fixture);
}

/* A new progress.db (and its WAL) is for the learner alone. */
static void
test_created_private (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autoptr(SigStore) store = NULL;
  g_autofree char *wal = g_strconcat (fixture->db_path, "-wal", NULL);
  mode_t old_umask = umask (022);
  GStatBuf info;

  store = st_open (fixture);
  umask (old_umask);
  assert_int_equal (g_stat (fixture->db_path, &info), 0);
  assert_int_equal (info.st_mode & 0777, 0600);
  assert_int_equal (g_stat (wal, &info), 0);
  assert_int_equal (info.st_mode & 0777, 0600);
  g_clear_object (&store);
  st_fixture_free (fixture);
}

/* ---- A damaged file ---------------------------------------------------------------- */

static gint64
fill_events (StoreFixture *fixture,
             const char   *course_path,
             guint         answers)
{
  g_autoptr(SigStore) store = st_open (fixture);
  g_autoptr(SigCourse) course = st_load (course_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigProfile) anna = sig_store_create_profile (store, "Anna", NULL, NULL, NULL, &error);
  g_autoptr(SigProfile) bram = sig_store_create_profile (store, "Bram", NULL, NULL, NULL, &error);

  assert_true (sig_store_set_current_profile (store, sig_profile_get_id (anna), &error));
  for (guint i = 0; i < answers; i++)
    assert_true (sig_store_record_answer (store, sig_profile_get_id (i % 2 ? anna : bram), course,
                                          "m-act", "q-order", i % 3 ? "s1,s2,s3" : "s3,s2,s1", NULL, &error));
  g_clear_object (&store);
  return st_count (fixture->db_path, "SELECT count(*) FROM events");
}

static void
overwrite (const char *path,
           goffset     offset,
           gsize       length)
{
  int fd = open (path, O_WRONLY);
  g_autofree guchar *garbage = g_malloc (length);

  for (gsize i = 0; i < length; i++)
    garbage[i] = (guchar) (0x5a ^ (i * 31));
  assert_true (fd >= 0);
  assert_int_equal (pwrite (fd, garbage, length, offset), (ssize_t) length);
  close (fd);
}

static void
test_damaged_page_is_recovered (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autofree char *course_path = st_pack_example (fixture->dir, NULL, "1.2.0");
  gint64 events = fill_events (fixture, course_path, 600);
  g_autoptr(SigStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *moved = NULL;
  gsize damaged_length, moved_length;
  const SigStoreRecovery *recovery;
  gint64 page, leaves;
  gint64 recovered;

  /* A leaf page of the events table in the middle, overwritten. */
  {
    sqlite3 *db = st_db_open (fixture->db_path);

    /* A learner's setting: its table has no rowid, and comes along too. */
    assert_int_equal (sqlite3_exec (db, "INSERT INTO profile_settings SELECT id, 'review.daily-limit', '7' FROM profiles WHERE name = 'Anna'",
                                    NULL, NULL, NULL), SQLITE_OK);

    leaves = st_db_int (db, "SELECT count(*) FROM dbstat WHERE name = 'events' AND pagetype = 'leaf'");
    page = st_db_int (db, "SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'leaf' "
                          "ORDER BY pageno LIMIT 1 OFFSET (SELECT count(*) / 2 FROM dbstat WHERE name = 'events' AND pagetype = 'leaf')");
    sqlite3_close (db);
  }
  assert_true (leaves >= 5);
  overwrite (fixture->db_path, (page - 1) * 4096, 4096);
  assert_true (g_file_get_contents (fixture->db_path, &damaged, &damaged_length, NULL));

  store = sig_store_open (fixture->db_path, SIG_STORE_OPEN_DEFAULT, &error);
  assert_non_null (store);
  assert_false (sig_store_get_read_only (store));
  recovery = sig_store_get_recovery (store);
  assert_non_null (recovery);
  /* Moved aside with a timestamp, never deleted: the same bytes. */
  assert_non_null (recovery->moved_to);
  assert_true (g_str_has_prefix (recovery->moved_to, fixture->db_path));
  assert_true (g_regex_match_simple ("\\.corrupt-[0-9]{8}-[0-9]{6}$", recovery->moved_to, 0, 0));
  assert_true (g_file_get_contents (recovery->moved_to, &moved, &moved_length, NULL));
  assert_int_equal (moved_length, damaged_length);
  assert_memory_equal (moved, damaged, damaged_length);
  assert_non_null (recovery->detected);
  assert_non_null (strstr (recovery->message, recovery->moved_to));
  assert_true (recovery->rows_lost > 0);

  /* The fresh database is sound and holds all but the damaged page. */
  assert_true (sig_store_check_integrity (store, &error));
  recovered = st_count (fixture->db_path, "SELECT count(*) FROM events");
  g_print ("page %" G_GINT64_FORMAT " damaged (one of %" G_GINT64_FORMAT " leaf pages of events): %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " events recovered\n",
           page, leaves, recovered, events);
  assert_true (recovered < events);
  assert_true (recovered >= events - 2 * events / leaves);
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM profiles"), 2);
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM events WHERE id > 550"), events - 550);
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
  assert_int_equal (st_count (fixture->db_path, "SELECT value FROM profile_settings WHERE key = 'review.daily-limit'"), 7);
  {
    g_autofree char *current = sig_store_get_current_profile (store);
    g_autoptr(SigProfile) anna = sig_store_find_profile (store, "Anna", &error);

    assert_string_equal (current, sig_profile_get_id (anna));
  }
  /* And it works. */
  {
    g_autoptr(SigProfile) cas = sig_store_create_profile (store, "Cas", NULL, NULL, NULL, &error);
    assert_non_null (cas);
  }
  g_clear_object (&store);

  /* Opening again: nothing more to recover. */
  store = st_open (fixture);
  assert_null (sig_store_get_recovery (store));
  g_clear_object (&store);
  st_fixture_free (fixture);
}

static void
test_destroyed_header (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autofree char *course_path = st_pack_example (fixture->dir, NULL, "1.2.0");
  g_autoptr(SigStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const SigStoreRecovery *recovery;

  fill_events (fixture, course_path, 20);
  overwrite (fixture->db_path, 0, 100);

  store = sig_store_open (fixture->db_path, SIG_STORE_OPEN_DEFAULT, &error);
  assert_non_null (store);
  recovery = sig_store_get_recovery (store);
  assert_non_null (recovery);
  assert_true (g_file_test (recovery->moved_to, G_FILE_TEST_IS_REGULAR));
  assert_non_null (strstr (recovery->message, "damaged"));
  assert_true (sig_store_check_integrity (store, &error));
  assert_int_equal (sig_store_get_schema_version (store), SIG_STORE_SCHEMA_VERSION);
  {
    g_autoptr(SigProfile) anna = sig_store_create_profile (store, "Anna", NULL, NULL, NULL, &error);
    assert_non_null (anna);
  }
  g_clear_object (&store);
  st_fixture_free (fixture);
}

/* Events whose profile row was on a lost page keep their answers under a
 * placeholder profile. */
static void
test_lost_profile_gets_placeholder (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autofree char *course_path = st_pack_example (fixture->dir, NULL, "1.2.0");
  gint64 events = fill_events (fixture, course_path, 200);
  g_autoptr(SigStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  gint64 page;

  {
    sqlite3 *db = st_db_open (fixture->db_path);

    page = st_db_int (db, "SELECT pageno FROM dbstat WHERE name = 'profiles'");
    sqlite3_close (db);
  }
  overwrite (fixture->db_path, (page - 1) * 4096, 4096);
  store = sig_store_open (fixture->db_path, SIG_STORE_OPEN_DEFAULT, &error);
  assert_non_null (store);
  assert_non_null (sig_store_get_recovery (store));
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM events"), events);
  profiles = sig_store_list_profiles (store, &error);
  assert_int_equal (profiles->len, 2);
  assert_true (g_str_has_prefix (sig_profile_get_name (profiles->pdata[0]), "Recovered learner"));
  assert_int_equal (st_count (fixture->db_path, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
  g_clear_object (&store);
  st_fixture_free (fixture);
}

/* A read-only command (signaal-course progress) on a damaged database: it
 * shows what can be read and says the file is damaged and when it is
 * repaired; it does not claim the folder cannot be written, and changes
 * nothing. */
static void
test_damaged_read_only_command (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autofree char *course_path = st_pack_example (fixture->dir, NULL, "1.2.0");
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->db_path);
  g_autoptr(GDir) listing = NULL;
  const char *tool = g_getenv ("SIGNAAL_COURSE");
  const char *name;
  gsize length;
  gint64 page;

  fill_events (fixture, course_path, 300);
  {
    sqlite3 *db = st_db_open (fixture->db_path);

    page = st_db_int (db, "SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 2");
    sqlite3_close (db);
  }
  overwrite (fixture->db_path, (page - 1) * 4096, 4096);
  assert_true (g_file_get_contents (fixture->db_path, &before, &length, NULL));

  assert_non_null (tool);
  assert_int_equal (st_run_tool (launcher, (const char *[]) { tool, "progress", "--db", fixture->db_path, "--json", NULL },
                                 NULL, &out, &err), 0);
  g_print ("signaal-course progress on a damaged database said: %s", err);
  assert_non_null (strstr (err, "damaged"));
  assert_non_null (strstr (err, "repaired the next time"));
  assert_null (strstr (err, "cannot be written"));
  assert_non_null (strstr (out, "example-salon-basics"));
  /* Nothing was changed or moved. */
  assert_true (g_file_get_contents (fixture->db_path, &after, NULL, NULL));
  assert_memory_equal (before, after, length);
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    assert_null (strstr (name, ".corrupt-"));
  st_fixture_free (fixture);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_kill_never_loses_an_acknowledged_answer),
    cmocka_unit_test (test_two_writers_at_once),
    cmocka_unit_test (test_read_only_folder),
    cmocka_unit_test (test_read_only_folder_wal_without_shm),
    cmocka_unit_test (test_read_only_flag),
    cmocka_unit_test (test_disk_full),
    cmocka_unit_test (test_full_file_system),
    cmocka_unit_test (test_disk_full_at_open),
    cmocka_unit_test (test_created_private),
    cmocka_unit_test (test_damaged_page_is_recovered),
    cmocka_unit_test (test_destroyed_header),
    cmocka_unit_test (test_lost_profile_gets_placeholder),
    cmocka_unit_test (test_damaged_read_only_command),
  };

  st_isolate ();
  return cmocka_run_group_tests (tests, NULL, NULL);
}
