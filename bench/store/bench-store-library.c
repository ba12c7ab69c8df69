/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Start-up with a library of many courses: reading the library from the index
 * against parsing every course file again.
 *
 *   bench-store-library [COURSE-FOLDER] [N]
 * packs COURSE-FOLDER (default: the bundled content/recognising-gbv) once and
 * writes N copies (default 200) with other course ids as installed courses.
 * Then it times: the first start (every file parsed into the index), a start
 * with the index (nothing parsed), a start after one file changed, and a full
 * re-parse of every file with the loader. Median of 5 runs each. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sig-loader.h"
#include "sig-package.h"
#include "sig-store-private.h"

#define RUNS 5

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), (int (*) (const void *, const void *)) compare_doubles);
  return values[n / 2];
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

/* Opens the store and reads the library, as the app does at start-up. */
static double
start_up (const char *db_path,
          guint      *parsed,
          guint      *listed)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStore) store = sig_store_open (db_path, SIG_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GPtrArray) library = NULL;
  double ms;

  if (store == NULL || (library = sig_store_list_library (store, &error)) == NULL)
    {
      fprintf (stderr, "bench-store-library: %s\n", error->message);
      exit (1);
    }
  ms = (g_get_monotonic_time () - start) / 1000.0;
  *parsed = sig_store_get_library_parses (store);
  *listed = library->len;
  return ms;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *folder = argc > 1 ? g_strdup (argv[1]) : g_build_filename (SOURCE_DIR, "content", "recognising-gbv", NULL);
  guint n = argc > 2 ? (guint) atoi (argv[2]) : 200;
  g_autofree char *tmp = g_dir_make_tmp ("signaal-bench-XXXXXX", NULL);
  g_autofree char *packed = g_build_filename (tmp, "course.signaal", NULL);
  g_autofree char *courses = g_build_filename (tmp, "courses", NULL);
  g_autofree char *db_path = g_build_filename (tmp, "progress.db", NULL);
  g_autofree char *data_dir = g_build_filename (tmp, "no-bundled-courses", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *old_id = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SigCatalog) catalog = sig_catalog_new ();
  g_autoptr(SigCourse) original = NULL;
  g_autoptr(GError) error = NULL;
  double first[RUNS], indexed[RUNS], one_changed[RUNS], reparse[RUNS];
  guint parsed = 0, listed = 0;
  gsize length;

  if (!sig_package_pack (folder, packed, catalog, &error) ||
      (original = sig_loader_load_course (packed, &error)) == NULL ||
      !g_file_get_contents (packed, &contents, &length, &error))
    {
      fprintf (stderr, "bench-store-library: %s\n", error->message);
      return 1;
    }
  /* Only the N copies in the library: no bundled courses. */
  g_mkdir_with_parents (data_dir, 0700);
  g_setenv ("SIGNAAL_DATA_DIR", data_dir, TRUE);
  g_mkdir_with_parents (courses, 0700);
  old_id = g_strdup_printf ("id=\"%s\"", original->id);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *new_id = g_strdup_printf ("id=\"%s-%03u\"", original->id, i);
      const char *at = strstr (contents, old_id);
      g_autoptr(GString) copy = g_string_new_len (contents, at - contents);
      g_autofree char *name = g_strdup_printf ("%s-%03u-%s.signaal", original->id, i, original->version);
      char *path = g_build_filename (courses, name, NULL);

      g_string_append (copy, new_id);
      g_string_append (copy, at + strlen (old_id));
      g_file_set_contents (path, copy->str, copy->len, NULL);
      g_ptr_array_add (paths, path);
    }
  printf ("%u copies of %s (%s, %" G_GSIZE_FORMAT " bytes each)\n", n, original->id, folder, length);

  for (guint run = 0; run < RUNS; run++)
    {
      g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

      g_remove (db_path);
      g_remove (wal);
      g_remove (shm);
      first[run] = start_up (db_path, &parsed, &listed);
      if (parsed != n || listed != n)
        fprintf (stderr, "first start: %u parsed, %u listed\n", parsed, listed);
      indexed[run] = start_up (db_path, &parsed, &listed);
      if (parsed != 0 || listed != n)
        fprintf (stderr, "indexed start: %u parsed, %u listed\n", parsed, listed);
      /* one file rewritten with the same content: hashed, not parsed */
      {
        g_autofree char *same = NULL;
        gsize same_length;

        g_file_get_contents (paths->pdata[run], &same, &same_length, NULL);
        g_file_set_contents (paths->pdata[run], same, same_length, NULL);
      }
      one_changed[run] = start_up (db_path, &parsed, &listed);
      if (parsed != 0)
        fprintf (stderr, "touched start: %u parsed\n", parsed);

      {
        gint64 start = g_get_monotonic_time ();

        for (guint i = 0; i < paths->len; i++)
          {
            g_autoptr(SigCourse) course = sig_loader_load_course (paths->pdata[i], NULL);

            if (course == NULL)
              fprintf (stderr, "%s does not load\n", (char *) paths->pdata[i]);
          }
        reparse[run] = (g_get_monotonic_time () - start) / 1000.0;
      }
    }

  printf ("%-52s %10s\n", "start-up with the library", "median ms");
  printf ("%-52s %10.1f\n", "first start: every file parsed into the index", median (first, RUNS));
  printf ("%-52s %10.1f\n", "next start: read from the index", median (indexed, RUNS));
  printf ("%-52s %10.1f\n", "next start, one file rewritten (hashed, not parsed)", median (one_changed, RUNS));
  printf ("%-52s %10.1f\n", "full re-parse of every file (sig_loader_load_course)", median (reparse, RUNS));
  remove_tree (tmp);
  return 0;
}
