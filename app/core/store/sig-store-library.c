/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The course library: bundled courses (sig_data_dir()/courses), imported
 * courses (a "courses" folder beside the database), and the index that lets
 * start-up skip re-parsing files that did not change.
 *
 * A file is unchanged when its path, size and modification time (the later of
 * mtime and ctime) match the index; when size or time differ but the SHA-256
 * of its content matches, only the index row is brought up to date. Anything
 * else is parsed again. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "sig-catalog.h"
#include "sig-diagnostic.h"
#include "sig-file.h"
#include "sig-helplines.h"
#include "sig-lint.h"
#include "sig-loader.h"
#include "sig-store-private.h"

typedef struct {
  char *path;
  gboolean bundled;
} CourseFile;

static void
course_file_free (CourseFile *file)
{
  g_free (file->path);
  g_free (file);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static void
add_course_files (GPtrArray  *files,
                  const char *dir,
                  gboolean    bundled)
{
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (gdir == NULL)
    return;
  while ((name = g_dir_read_name (gdir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      CourseFile *file;

      if (g_str_has_suffix (names->pdata[i], ".signaal") && g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          file = g_new0 (CourseFile, 1);
          file->path = g_steal_pointer (&path);
          file->bundled = bundled;
          g_ptr_array_add (files, file);
        }
      else if (bundled && g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *course_xml = g_build_filename (path, "course.xml", NULL);

          if (g_file_test (course_xml, G_FILE_TEST_IS_REGULAR))
            {
              file = g_new0 (CourseFile, 1);
              file->path = g_steal_pointer (&course_xml);
              file->bundled = TRUE;
              g_ptr_array_add (files, file);
            }
        }
    }
}

static char *
hash_file (const char  *path,
           GError     **error)
{
  /* A file larger than a packed course may be is not one. */
  g_autoptr(GBytes) bytes = sig_file_read_bytes (path, SIG_LIMIT_PACKED_SIZE, error);

  if (bytes == NULL)
    return NULL;
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* The later of the modification and status-change times, in µs: a program
 * can set a file's mtime back (tar, cp -p, touch -d), but every write also
 * moves the ctime, which cannot be set. */
static gint64
stat_mtime (const struct stat *st)
{
  gint64 mtime = (gint64) st->st_mtim.tv_sec * G_USEC_PER_SEC + st->st_mtim.tv_nsec / 1000;
  gint64 ctime = (gint64) st->st_ctim.tv_sec * G_USEC_PER_SEC + st->st_ctim.tv_nsec / 1000;

  return MAX (mtime, ctime);
}

static gboolean
write_index_row (SigStore    *store,
                 const char  *path,
                 gint64       size,
                 gint64       mtime,
                 const char  *hash,
                 gboolean     bundled,
                 const char  *course_id,
                 const char  *version,
                 const char  *info,
                 GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = sig_store_prepare (store,
                            "INSERT OR REPLACE INTO library (path, size, mtime, hash, bundled, course_id, version, info, indexed) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, size);
  sqlite3_bind_int64 (stmt, 3, mtime);
  sqlite3_bind_text (stmt, 4, hash, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, bundled);
  sqlite3_bind_text (stmt, 6, course_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, version, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, info, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 9, sig_store_now ());
  return sig_store_step_done (store, stmt, error);
}

static gboolean
delete_index_row (SigStore    *store,
                  const char  *path,
                  GError     **error)
{
  sqlite3_stmt *stmt = sig_store_prepare (store, "DELETE FROM library WHERE path = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_STATIC);
  return sig_store_step_done (store, stmt, error);
}

/* Index one file; returns its entry, or NULL when it does not load. */
static SigLibraryCourse *
index_file (SigStore   *store,
            CourseFile *file,
            gboolean    writable,
            GError    **error)
{
  struct stat st;
  sqlite3_stmt *stmt;
  g_autofree char *old_hash = NULL;
  g_autofree char *old_info = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *info = NULL;
  g_autoptr(GError) load_error = NULL;
  g_autoptr(SigCourse) course = NULL;
  gint64 old_size = -1, old_mtime = -1;
  gboolean old_bundled = FALSE;

  if (g_stat (file->path, &st) != 0)
    return NULL;

  stmt = sig_store_prepare (store, "SELECT size, mtime, hash, info, bundled FROM library WHERE path = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, file->path, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      old_size = sqlite3_column_int64 (stmt, 0);
      old_mtime = sqlite3_column_int64 (stmt, 1);
      old_hash = g_strdup (sig_store_column_text (stmt, 2));
      old_info = g_strdup (sig_store_column_text (stmt, 3));
      old_bundled = sqlite3_column_int (stmt, 4);
    }
  sqlite3_reset (stmt);

  if (old_info != NULL && old_size == st.st_size && old_mtime == stat_mtime (&st) && old_bundled == file->bundled)
    return sig_library_course_new_from_info (file->path, file->bundled, old_info);

  if ((hash = hash_file (file->path, NULL)) == NULL)
    return NULL;
  if (old_info != NULL && g_strcmp0 (old_hash, hash) == 0 && old_bundled == file->bundled)
    {
      g_autoptr(SigLibraryCourse) entry = sig_library_course_new_from_info (file->path, file->bundled, old_info);

      if (entry != NULL && writable &&
          !write_index_row (store, file->path, st.st_size, stat_mtime (&st), hash, file->bundled,
                            sig_library_course_get_id (entry), sig_library_course_get_version (entry),
                            old_info, error))
        return NULL;
      return g_steal_pointer (&entry);
    }

  store->library_parses++;
  course = sig_loader_load_course (file->path, &load_error);
  if (course == NULL)
    {
      g_message ("Library: %s is left out: %s", file->path, load_error->message);
      if (old_info != NULL && writable)
        delete_index_row (store, file->path, NULL);
      return NULL;
    }
  info = sig_library_course_info_from_course (course);
  if (writable &&
      !write_index_row (store, file->path, st.st_size, stat_mtime (&st), hash, file->bundled,
                        course->id, course->version, info, error))
    return NULL;
  return sig_library_course_new_from_info (file->path, file->bundled, info);
}

static char *
bundled_courses_dir (void)
{
  return g_build_filename (sig_data_dir (), "courses", NULL);
}

gboolean
sig_store_refresh_library (SigStore  *store,
                           GError   **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) course_file_free);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *bundled_dir = bundled_courses_dir ();
  gboolean writable = !store->read_only;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);

  add_course_files (files, bundled_dir, TRUE);
  add_course_files (files, store->courses_dir, FALSE);

  /* One transaction for the whole refresh: one sync, not one per course. */
  if (writable && !sig_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < files->len; i++)
    {
      CourseFile *file = files->pdata[i];
      g_autoptr(GError) local_error = NULL;
      SigLibraryCourse *entry = index_file (store, file, writable, &local_error);

      g_hash_table_add (seen, file->path);
      if (local_error != NULL)
        {
          if (writable)
            sig_store_rollback (store);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (entry != NULL)
        g_ptr_array_add (entries, entry);
    }

  if (writable)
    {
      int rc;

      stmt = sig_store_prepare (store, "SELECT path FROM library", error);
      if (stmt == NULL)
        {
          sig_store_rollback (store);
          return FALSE;
        }
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        if (!g_hash_table_contains (seen, sig_store_column_text (stmt, 0)))
          g_ptr_array_add (stale, g_strdup (sig_store_column_text (stmt, 0)));
      sqlite3_reset (stmt);
      for (guint i = 0; i < stale->len; i++)
        if (!delete_index_row (store, stale->pdata[i], error))
          {
            sig_store_rollback (store);
            return FALSE;
          }
      if (!sig_store_commit (store, error))
        return FALSE;
    }

  g_clear_pointer (&store->library, g_ptr_array_unref);
  store->library = g_steal_pointer (&entries);
  sig_store_emit_library_changed (store);
  return TRUE;
}

static gboolean
ensure_library (SigStore  *store,
                GError   **error)
{
  return store->library != NULL || sig_store_refresh_library (store, error);
}

/* The entry shown for @course_id: the newest version; a user-installed copy
 * wins over a bundled one of the same version. */
static SigLibraryCourse *
best_entry (SigStore   *store,
            const char *course_id)
{
  SigLibraryCourse *best = NULL;

  for (guint i = 0; i < store->library->len; i++)
    {
      SigLibraryCourse *entry = store->library->pdata[i];
      int cmp;

      if (!g_str_equal (sig_library_course_get_id (entry), course_id))
        continue;
      if (best == NULL)
        {
          best = entry;
          continue;
        }
      cmp = sig_version_compare (sig_library_course_get_version (entry), sig_library_course_get_version (best));
      if (cmp > 0 || (cmp == 0 && sig_library_course_get_bundled (best) && !sig_library_course_get_bundled (entry)))
        best = entry;
    }
  return best;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  SigLibraryCourse *ea = *(SigLibraryCourse **) a;
  SigLibraryCourse *eb = *(SigLibraryCourse **) b;

  return g_strcmp0 (sig_library_course_get_id (ea), sig_library_course_get_id (eb));
}

GPtrArray *
sig_store_list_library (SigStore  *store,
                        GError   **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (SIG_IS_STORE (store), NULL);

  if (!ensure_library (store, error))
    return NULL;
  for (guint i = 0; i < store->library->len; i++)
    {
      const char *id = sig_library_course_get_id (store->library->pdata[i]);

      if (g_hash_table_contains (done, id))
        continue;
      g_hash_table_add (done, (gpointer) id);
      g_ptr_array_add (list, g_object_ref (best_entry (store, id)));
    }
  g_ptr_array_sort (list, compare_entries);
  return g_steal_pointer (&list);
}

SigLibraryCourse *
sig_store_get_library_course (SigStore    *store,
                              const char  *course_id,
                              GError     **error)
{
  SigLibraryCourse *entry;

  g_return_val_if_fail (SIG_IS_STORE (store), NULL);
  g_return_val_if_fail (course_id != NULL, NULL);

  if (!ensure_library (store, error))
    return NULL;
  entry = best_entry (store, course_id);
  if (entry == NULL)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_FOUND,
                   _("The course “%s” is not in the library. Import its .signaal file first."), course_id);
      return NULL;
    }
  return g_object_ref (entry);
}

SigCourse *
sig_store_load_course (SigStore    *store,
                       const char  *course_id,
                       GError     **error)
{
  g_autoptr(SigLibraryCourse) entry = sig_store_get_library_course (store, course_id, error);

  if (entry == NULL)
    return NULL;
  return sig_loader_load_course (sig_library_course_get_path (entry), error);
}

/* ---- Import ---------------------------------------------------------------- */

/* The part of an import that needs no database: load and lint. Thread-safe. */
static SigCourse *
validate_course (const char  *path,
                 GError     **error)
{
  g_autoptr(GError) load_error = NULL;
  g_autoptr(SigCourse) course = NULL;
  g_autoptr(SigCatalog) catalog = NULL;
  g_autoptr(SigHelplines) helplines = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autofree char *helplines_path = sig_helplines_default_path ();
  g_autoptr(GString) problems = g_string_new (NULL);
  guint n_errors = 0;

  course = sig_loader_load_course (path, &load_error);
  if (course == NULL)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_COURSE_INVALID,
                   _("The course was not imported: %s"), load_error->message);
      return NULL;
    }
  if (!course->packed)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_COURSE_INVALID,
                   _("The course was not imported: %s is not a packed course. Pack it with “signaal-course pack” and import the .signaal file."),
                   path);
      return NULL;
    }
  catalog = sig_catalog_new ();
  helplines = sig_helplines_load (helplines_path, NULL);
  diagnostics = sig_lint_course (course, catalog, helplines);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      SigDiagnostic *diagnostic = diagnostics->pdata[i];
      g_autofree char *line = NULL;

      if (diagnostic->severity != SIG_SEVERITY_ERROR)
        continue;
      line = sig_diagnostic_format (diagnostic);
      g_string_append_printf (problems, "\n%s", line);
      n_errors++;
    }
  if (n_errors > 0)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_COURSE_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The course was not imported: it has %u error. Ask its publisher for a corrected file.%s",
                                "The course was not imported: it has %u errors. Ask its publisher for a corrected file.%s",
                                n_errors),
                   n_errors, problems->str);
      return NULL;
    }
  return g_steal_pointer (&course);
}

static gboolean
install_course (SigStore          *store,
                const char        *source,
                SigCourse         *course,
                SigImportResult   *result,
                SigLibraryCourse **installed,
                GError           **error)
{
  g_autofree char *file_name = NULL;
  g_autofree char *target = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) replaced = g_ptr_array_new_with_free_func (g_free);
  SigLibraryCourse *existing;
  SigImportResult outcome = SIG_IMPORT_INSTALLED;
  gsize length = 0;
  g_autoptr(GError) read_error = NULL;

  if (!sig_store_require_writable (store, error) || !sig_store_refresh_library (store, error))
    return FALSE;

  existing = best_entry (store, course->id);
  if (existing != NULL)
    {
      int cmp = sig_version_compare (course->version, sig_library_course_get_version (existing));

      if (cmp == 0)
        {
          if (result)
            *result = SIG_IMPORT_UNCHANGED;
          if (installed)
            *installed = g_object_ref (existing);
          return TRUE;
        }
      if (cmp < 0)
        {
          g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_OLDER_VERSION,
                       _("“%s” version %s was not imported: version %s is already installed, and an older version cannot replace a newer one (progress is kept with the newer version). To go back, remove the course first."),
                       course->id, course->version, sig_library_course_get_version (existing));
          return FALSE;
        }
      outcome = SIG_IMPORT_UPDATED;
    }

  for (guint i = 0; i < store->library->len; i++)
    {
      SigLibraryCourse *entry = store->library->pdata[i];

      if (!sig_library_course_get_bundled (entry) && g_str_equal (sig_library_course_get_id (entry), course->id))
        g_ptr_array_add (replaced, g_strdup (sig_library_course_get_path (entry)));
    }

  if (g_mkdir_with_parents (store->courses_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_READ_ONLY,
                   _("The course was not imported: the folder %s cannot be made (%s)."),
                   store->courses_dir, g_strerror (saved_errno));
      return FALSE;
    }
  file_name = g_strdup_printf ("%s-%s.signaal", course->id, course->version);
  target = g_build_filename (store->courses_dir, file_name, NULL);
  if ((contents = sig_file_read (source, SIG_LIMIT_PACKED_SIZE, &length, &read_error)) == NULL)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_COURSE_INVALID,
                   _("The course was not imported: %s: %s"), source, read_error->message);
      return FALSE;
    }
  {
    g_autoptr(GError) write_error = NULL;

    if (!g_file_set_contents_full (target, contents, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, &write_error))
      {
        g_set_error (error, SIG_STORE_ERROR,
                     g_error_matches (write_error, G_FILE_ERROR, G_FILE_ERROR_NOSPC) ? SIG_STORE_ERROR_DISK_FULL : SIG_STORE_ERROR_READ_ONLY,
                     _("The course was not imported: %s. Free some space or check the permissions of %s."),
                     write_error->message, store->courses_dir);
        return FALSE;
      }
  }
  for (guint i = 0; i < replaced->len; i++)
    if (!g_str_equal (replaced->pdata[i], target) && g_unlink (replaced->pdata[i]) != 0)
      g_warning ("Could not remove the older course file %s: %s", (char *) replaced->pdata[i], g_strerror (errno));

  if (!sig_store_refresh_library (store, error))
    return FALSE;
  if (result)
    *result = outcome;
  if (installed)
    *installed = sig_store_get_library_course (store, course->id, NULL);
  return TRUE;
}

gboolean
sig_store_import_course (SigStore          *store,
                         const char        *path,
                         SigImportResult   *result,
                         SigLibraryCourse **installed,
                         GError           **error)
{
  g_autoptr(SigCourse) course = NULL;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!sig_store_require_writable (store, error))
    return FALSE;
  if ((course = validate_course (path, error)) == NULL)
    return FALSE;
  return install_course (store, path, course, result, installed, error);
}

typedef struct {
  char *path;
  SigImportResult result;
  SigLibraryCourse *installed;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_free (data->path);
  g_clear_object (&data->installed);
  g_free (data);
}

static void
validate_in_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  ImportData *data = task_data;
  GError *error = NULL;
  SigCourse *course = validate_course (data->path, &error);

  if (course == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, course, (GDestroyNotify) sig_course_unref);
}

static void
validated (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  SigStore *store = SIG_STORE (source);
  ImportData *data = g_task_get_task_data (outer);
  g_autoptr(SigCourse) course = NULL;
  GError *error = NULL;

  course = g_task_propagate_pointer (G_TASK (result), &error);
  if (course == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }
  if (g_task_return_error_if_cancelled (outer))
    return;
  /* The database is touched only here, in the store's own thread. */
  if (!install_course (store, data->path, course, &data->result, &data->installed, &error))
    g_task_return_error (outer, error);
  else
    g_task_return_boolean (outer, TRUE);
}

void
sig_store_import_course_async (SigStore            *store,
                               const char          *path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  ImportData *data;

  g_return_if_fail (SIG_IS_STORE (store));
  g_return_if_fail (path != NULL);

  outer = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (outer, sig_store_import_course_async);
  data = g_new0 (ImportData, 1);
  data->path = g_strdup (path);
  g_task_set_task_data (outer, data, (GDestroyNotify) import_data_free);

  inner = g_task_new (store, cancellable, validated, g_object_ref (outer));
  g_task_set_task_data (inner, data, NULL);
  g_task_run_in_thread (inner, validate_in_thread);
}

gboolean
sig_store_import_course_finish (SigStore          *store,
                                GAsyncResult      *result,
                                SigImportResult   *import_result,
                                SigLibraryCourse **installed,
                                GError           **error)
{
  ImportData *data;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (import_result)
    *import_result = data->result;
  if (installed)
    *installed = data->installed ? g_object_ref (data->installed) : NULL;
  return TRUE;
}

gboolean
sig_store_remove_course (SigStore    *store,
                         const char  *course_id,
                         GError     **error)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  gboolean bundled = FALSE;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (course_id != NULL, FALSE);

  if (!sig_store_require_writable (store, error) || !ensure_library (store, error))
    return FALSE;
  for (guint i = 0; i < store->library->len; i++)
    {
      SigLibraryCourse *entry = store->library->pdata[i];

      if (!g_str_equal (sig_library_course_get_id (entry), course_id))
        continue;
      if (sig_library_course_get_bundled (entry))
        bundled = TRUE;
      else
        g_ptr_array_add (paths, g_strdup (sig_library_course_get_path (entry)));
    }
  if (paths->len == 0)
    {
      if (bundled)
        g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_BUNDLED,
                     _("“%s” comes with Signaal and cannot be removed."), course_id);
      else
        g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_FOUND,
                     _("The course “%s” is not installed."), course_id);
      return FALSE;
    }
  for (guint i = 0; i < paths->len; i++)
    if (g_unlink (paths->pdata[i]) != 0 && errno != ENOENT)
      {
        int saved_errno = errno;

        g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_READ_ONLY,
                     _("The course file %s cannot be removed (%s). Check the permissions of %s."),
                     (char *) paths->pdata[i], g_strerror (saved_errno), store->courses_dir);
        return FALSE;
      }
  /* The refresh drops the index rows of the removed files; progress stays. */
  return sig_store_refresh_library (store, error);
}
