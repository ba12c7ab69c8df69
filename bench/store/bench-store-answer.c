/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What committing one answer costs, and whether that grows with the attempt:
 * sig_store_record_answer() (one write transaction: the answer, the rules
 * that may complete a module, the projection, and the sync at COMMIT) beside
 * a bare INSERT in its own transaction into a table of the same database,
 * with the same settings (WAL, synchronous=FULL), interleaved one for one.
 * Both sync to the disk at every commit, so the difference is the store's own
 * work. All answers go to one attempt; the table gives answers 1-500,
 * 501-1000, 3001-6000 and 5001-10000 (those the run reaches).
 *
 *   bench-store-answer [N]   (N answers; default 10000)
 * The temporary database is made under $TMPDIR (default /tmp): its disk decides
 * the numbers, the ratios are what to compare. */
#include "config.h"

#include <stdio.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "sig-loader.h"
#include "sig-store-private.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *times,
        guint   from,
        guint   to)
{
  g_autoptr(GArray) part = g_array_new (FALSE, FALSE, sizeof (double));

  g_array_append_vals (part, &g_array_index (times, double, from), to - from);
  g_array_sort (part, compare_doubles);
  return g_array_index (part, double, part->len / 2);
}

static double
mean (GArray *times,
      guint   from,
      guint   to)
{
  double sum = 0;

  for (guint i = from; i < to; i++)
    sum += g_array_index (times, double, i);
  return sum / (to - from);
}

static char *
pragma_text (sqlite3    *db,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value ? value : g_strdup ("?");
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 10000;
  g_autofree char *tmp = g_dir_make_tmp ("signaal-bench-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (tmp, "progress.db", NULL);
  g_autofree char *course_path = g_build_filename (SOURCE_DIR, "tests", "fixtures", "valid", "example-course", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStore) store = NULL;
  g_autoptr(SigCourse) course = NULL;
  g_autoptr(SigProfile) profile = NULL;
  g_autoptr(GArray) store_times = NULL;
  g_autoptr(GArray) bare_times = NULL;
  static const char *answers[][3] = {
    { "m-see", "q-tf", "true" },
    { "m-see", "q-tf", "false" },
    { "m-act", "q-order", "s1,s2,s3" },
  };
  static const guint windows[][2] = { { 1, 500 }, { 501, 1000 }, { 3001, 6000 }, { 5001, 10000 } };
  sqlite3_stmt *insert = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *synchronous = NULL;
  double first = 0;

  /* Sized up front: the benchmark's own memory does not grow while it measures. */
  store_times = g_array_sized_new (FALSE, FALSE, sizeof (double), n);
  bare_times = g_array_sized_new (FALSE, FALSE, sizeof (double), n);
  if ((course = sig_loader_load_course (course_path, &error)) == NULL ||
      (store = sig_store_open (db_path, SIG_STORE_OPEN_DEFAULT, &error)) == NULL ||
      (profile = sig_store_create_profile (store, "Bench", NULL, NULL, NULL, &error)) == NULL)
    {
      fprintf (stderr, "bench-store-answer: %s\n", error->message);
      return 1;
    }
  sqlite3_exec (store->db, "CREATE TABLE bare (id INTEGER PRIMARY KEY, profile_id TEXT, item_id TEXT, response TEXT, time INTEGER)",
                NULL, NULL, NULL);
  sqlite3_prepare_v2 (store->db, "INSERT INTO bare (profile_id, item_id, response, time) VALUES (?, ?, ?, ?)", -1, &insert, NULL);
  mode = pragma_text (store->db, "PRAGMA journal_mode");
  synchronous = pragma_text (store->db, "PRAGMA synchronous");
  printf ("database %s: journal_mode %s, synchronous %s (2 = FULL), both writers on the same connection\n",
          db_path, mode, synchronous);

  /* Interleaved, so both see the same disk at the same time. */
  for (guint i = 0; i < n; i++)
    {
      const char **a = answers[i % G_N_ELEMENTS (answers)];
      gint64 start = g_get_monotonic_time ();
      double ms;

      if (!sig_store_record_answer (store, sig_profile_get_id (profile), course, a[0], a[1], a[2], NULL, &error))
        {
          fprintf (stderr, "bench-store-answer: %s\n", error->message);
          return 1;
        }
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (store_times, ms);

      start = g_get_monotonic_time ();
      sqlite3_reset (insert);
      sqlite3_bind_text (insert, 1, sig_profile_get_id (profile), -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 2, a[1], -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, a[2], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (insert, 4, g_get_real_time ());
      if (sqlite3_step (insert) != SQLITE_DONE)
        {
          fprintf (stderr, "bench-store-answer: %s\n", sqlite3_errmsg (store->db));
          return 1;
        }
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (bare_times, ms);
    }
  sqlite3_finalize (insert);

  printf ("\n%-14s %10s %10s %10s %10s %12s %14s\n", "answers", "answer ms", "(median)", "INSERT ms", "(median)",
          "answer/INSERT", "vs answers 1-500");
  for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
    {
      guint from = windows[w][0] - 1, to = windows[w][1];
      g_autofree char *label = NULL;
      double answer, bare;

      if (to > n)
        continue;
      answer = mean (store_times, from, to);
      bare = mean (bare_times, from, to);
      if (w == 0)
        first = answer;
      label = g_strdup_printf ("%u-%u", from + 1, to);
      printf ("%-14s %10.3f %10.3f %10.3f %10.3f %12.2fx %13.2fx\n", label, answer, median (store_times, from, to),
              bare, median (bare_times, from, to), answer / bare, answer / first);
    }
  printf ("(ratios of means; the same answers and INSERTs, interleaved, in one run)\n");
  g_clear_object (&store);
  remove_tree (tmp);
  return 0;
}
