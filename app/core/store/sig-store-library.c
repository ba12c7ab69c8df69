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
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "sig-catalog.h"
#include "sig-diagnostic.h"
#include "sig-file.h"
#include "sig-helplines.h"
#include "sig-lint.h"
#include "sig-loader.h"
#include "sig-package-signature.h"
#include "sig-text.h"
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

static SigCourse *load_library_file (const char           *path,
                                     SigPackageSignature **signature_out,
                                     GError              **error);
static char      *library_info      (SigCourse           *course,
                                     SigPackageSignature *signature);
static gboolean   signature_speaks_for (SigPackageSignature *signature,
                                        const char          *owner);

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
  g_autoptr(SigPackageSignature) signature = NULL;
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
  course = load_library_file (file->path, &signature, &load_error);
  if (course == NULL)
    {
      g_message ("Library: %s is left out: %s", file->path, load_error->message);
      if (old_info != NULL && writable)
        delete_index_row (store, file->path, NULL);
      return NULL;
    }
  /* A bundled package is signed by the project at build time: one that is
   * not (a changed byte, another key) is not the course that came with
   * Signaal. A bundled folder is an authoring folder in a build tree. */
  if (file->bundled && g_str_has_suffix (file->path, ".signaal") &&
      (sig_project_publisher_did () == NULL || !signature_speaks_for (signature, sig_project_publisher_did ())))
    {
      g_message ("Library: %s is left out: it comes with Signaal but is not signed with the project's publisher key (%s); "
                 "reinstall Signaal to repair it",
                 file->path, signature == NULL || signature->state == SIG_PACKAGE_UNSIGNED ? "unsigned"
                             : signature->state == SIG_PACKAGE_VALID ? signature->publisher_did : "signature NOT VALID");
      if (old_info != NULL && writable)
        delete_index_row (store, file->path, NULL);
      return NULL;
    }
  info = library_info (course, signature);
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

#define PACKAGE_READ_LIMIT (SIG_LIMIT_PACKED_SIZE + 1024 * 1024)   /* a package and its signature */

GBytes *
sig_store_read_package (const char  *path,
                        GError     **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  struct stat st;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_FOUND,
                   _("The course was not imported: %s cannot be opened (%s)."), path, g_strerror (saved_errno));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || S_ISDIR (st.st_mode))
    {
      close (fd);
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_COURSE_INVALID,
                   _("The course was not imported: %s is not a packed course. Pack it with “signaal-course pack” and import the .signaal file."),
                   path);
      return NULL;
    }
  /* One read: what is checked is exactly what is installed, whatever happens
   * to the file afterwards. */
  for (;;)
    {
      guint8 buffer[65536];
      gssize n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_FAILED,
                       _("The course was not imported: %s cannot be read (%s)."), path, g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      g_byte_array_append (data, buffer, (guint) n);
      if (data->len > PACKAGE_READ_LIMIT)
        {
          g_autofree char *limit = g_format_size (SIG_LIMIT_PACKED_SIZE);

          close (fd);
          g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_COURSE_INVALID,
                       _("The course was not imported: %s is larger than %s, the most a course package may be."), path, limit);
          return NULL;
        }
    }
  close (fd);
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* Loads a library file: a .signaal package is read once, its signature checked
 * (a NOT VALID file is refused), and the course read from the signed bytes. */
static SigCourse *
load_library_file (const char           *path,
                   SigPackageSignature **signature_out,
                   GError              **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SigPackageSignature) signature = NULL;
  SigCourse *course = NULL;
  SigScenario *scenario = NULL;
  SigDocumentKind kind;

  if (!g_str_has_suffix (path, ".signaal"))
    return sig_loader_load_course (path, error);
  if ((bytes = sig_store_read_package (path, error)) == NULL)
    return NULL;
  signature = sig_package_signature_read (bytes);
  if (signature->state == SIG_PACKAGE_NOT_VALID)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_SIGNATURE,
                   _("The signature of %s is NOT VALID: %s Ask its publisher for the original file."),
                   path, signature->reason);
      return NULL;
    }
  if (!sig_loader_load_bytes (signature->content, path, NULL, &kind, &course, &scenario, error))
    return NULL;
  if (scenario != NULL)
    {
      sig_scenario_unref (scenario);
      g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_UNSUPPORTED, "%s: %s: %s", path, _("error"),
                   _("This is a scenario, not a course. Include it in a course with <scenario ref=\"…\"/>."));
      return NULL;
    }
  if (signature->state == SIG_PACKAGE_VALID &&
      (g_strcmp0 (signature->course_id, course->id) != 0 || g_strcmp0 (signature->course_version, course->version) != 0))
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_SIGNATURE,
                   _("The signature of %s is NOT VALID: it was made for “%s” version %s, but the file holds “%s” version %s. Ask its publisher for the original file."),
                   path, signature->course_id, signature->course_version, course->id, course->version);
      sig_course_unref (course);
      return NULL;
    }
  if (signature_out)
    *signature_out = g_steal_pointer (&signature);
  return course;
}

/* The library's index information, with who signed the file. */
static char *
library_info (SigCourse           *course,
              SigPackageSignature *signature)
{
  g_autofree char *info = sig_library_course_info_from_course (course);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *object;

  if (signature == NULL || signature->state != SIG_PACKAGE_VALID ||
      !json_parser_load_from_data (parser, info, -1, NULL))
    return g_steal_pointer (&info);
  object = json_node_get_object (json_parser_get_root (parser));
  json_object_set_string_member (object, "publisher-did", signature->publisher_did);
  json_object_set_string_member (object, "signer-name", signature->publisher_name);
  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}

/* The part of an import that needs no database: signature, load and lint of
 * @package, the bytes as read. Thread-safe. */
static SigCourse *
validate_package (GBytes               *package,
                  const char           *display_name,
                  SigPackageSignature **signature_out,
                  GError              **error)
{
  g_autoptr(GError) load_error = NULL;
  g_autoptr(SigCourse) course = NULL;
  g_autoptr(SigCatalog) catalog = NULL;
  g_autoptr(SigHelplines) helplines = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(SigPackageSignature) signature = sig_package_signature_read (package);
  g_autofree char *helplines_path = sig_helplines_default_path ();
  g_autofree char *name = g_str_has_suffix (display_name, ".signaal") ? g_strdup (display_name)
                                                                        : g_strconcat (display_name, ".signaal", NULL);
  g_autoptr(GString) problems = g_string_new (NULL);
  SigScenario *scenario = NULL;
  SigDocumentKind kind;
  guint n_errors = 0;

  if (signature->state == SIG_PACKAGE_NOT_VALID)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_SIGNATURE,
                   _("The course was not imported: its signature is NOT VALID. %s Ask its publisher for the original file."),
                   signature->reason);
      return NULL;
    }
  /* The name ends in .signaal, so the loader reads it as a package. */
  if (!sig_loader_load_bytes (signature->content, name, NULL, &kind, &course, &scenario, &load_error) ||
      course == NULL)
    {
      g_clear_pointer (&scenario, sig_scenario_unref);
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_COURSE_INVALID,
                   _("The course was not imported: %s"),
                   load_error ? load_error->message : _("it is a scenario, not a course."));
      return NULL;
    }
  if (signature->state == SIG_PACKAGE_VALID &&
      (g_strcmp0 (signature->course_id, course->id) != 0 || g_strcmp0 (signature->course_version, course->version) != 0))
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_SIGNATURE,
                   _("The course was not imported: its signature is NOT VALID. It was made for “%s” version %s, but the file holds “%s” version %s."),
                   signature->course_id, signature->course_version, course->id, course->version);
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
  if (signature_out)
    *signature_out = g_steal_pointer (&signature);
  return g_steal_pointer (&course);
}

/* ---- Ownership of course ids ----------------------------------------------- */

/* courses/owners: which publisher key owns each id ([Owners] ID=did:key:…).
 * Written when a signed package first installs an id, kept when the course is
 * removed. */
static char *
owners_path (SigStore *store)
{
  return g_build_filename (store->courses_dir, "owners", NULL);
}

static char *
recorded_owner (SigStore   *store,
                const char *course_id)
{
  g_autofree char *path = owners_path (store);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, NULL))
    return NULL;
  return g_key_file_get_string (key_file, "Owners", course_id, NULL);
}

static gboolean
record_owner (SigStore    *store,
              const char  *course_id,
              const char  *did,
              GError     **error)
{
  g_autofree char *path = owners_path (store);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *data = NULL;
  gsize length;

  g_key_file_load_from_file (key_file, path, G_KEY_FILE_KEEP_COMMENTS, NULL);
  g_key_file_set_string (key_file, "Owners", course_id, did);
  data = g_key_file_to_data (key_file, &length, NULL);
  return g_file_set_contents_full (path, data, (gssize) length,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0600, error);
}

static gboolean
signature_speaks_for (SigPackageSignature *signature,
                      const char          *owner)
{
  if (signature == NULL || signature->state != SIG_PACKAGE_VALID)
    return FALSE;
  return g_strcmp0 (signature->publisher_did, owner) == 0 ||
         (signature->endorsed_by != NULL && g_strv_contains ((const char * const *) signature->endorsed_by, owner));
}

static char *
describe_signer (SigPackageSignature *signature)
{
  if (signature == NULL || signature->state != SIG_PACKAGE_VALID)
    return g_strdup (_("this file is unsigned (unverified publisher)"));
  return sig_text_sanitize (g_strdup_printf (_("this file is signed by “%s” (%s)"),
                                             signature->publisher_name, signature->publisher_did));
}

/* Who may install @course: NULL when it may, else the reason. Sets @owner_out
 * to the did that will own the id afterwards (NULL: none). */
static gboolean
check_ownership (SigStore             *store,
                 SigCourse            *course,
                 SigPackageSignature  *signature,
                 char                **owner_out,
                 GError              **error)
{
  g_autofree char *owner = recorded_owner (store, course->id);
  gboolean bundled = FALSE, installed_signed = FALSE;
  g_autofree char *signer = describe_signer (signature);

  for (guint i = 0; i < store->library->len; i++)
    {
      SigLibraryCourse *entry = store->library->pdata[i];

      if (!g_str_equal (sig_library_course_get_id (entry), course->id))
        continue;
      if (sig_library_course_get_bundled (entry))
        bundled = TRUE;
      else if (sig_library_course_get_publisher_did (entry) != NULL)
        {
          installed_signed = TRUE;
          if (owner == NULL)
            owner = g_strdup (sig_library_course_get_publisher_did (entry));
        }
    }
  if (bundled)
    {
      const char *project = sig_project_publisher_did ();

      if (project == NULL || !signature_speaks_for (signature, project))
        {
          g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_OWNER,
                       _("The course was not imported: the id “%s” belongs to a course that comes with Signaal, published by the Signaal project, and %s. Only the Signaal project can update it; ask the publisher to give their course its own id."),
                       course->id, signer);
          return FALSE;
        }
      *owner_out = g_strdup (project);
      return TRUE;
    }
  if (owner != NULL)
    {
      if (!signature_speaks_for (signature, owner))
        {
          g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_OWNER,
                       _("The course was not imported: the id “%s” belongs to the publisher %s, and %s. Only that publisher (or a key it endorsed) can update the course; ask the publisher for a file they signed."),
                       course->id, owner, signer);
          return FALSE;
        }
      *owner_out = g_strdup (signature->publisher_did);
      return TRUE;
    }
  (void) installed_signed;
  *owner_out = signature && signature->state == SIG_PACKAGE_VALID ? g_strdup (signature->publisher_did) : NULL;
  return TRUE;
}

static gboolean
install_validated (SigStore             *store,
                   GBytes               *package,
                   SigCourse            *course,
                   SigPackageSignature  *signature,
                   SigImportResult      *result,
                   SigLibraryCourse    **installed,
                   GError              **error)
{
  g_autofree char *file_name = NULL;
  g_autofree char *target = NULL;
  g_autofree char *owner = NULL;
  g_autoptr(GPtrArray) replaced = g_ptr_array_new_with_free_func (g_free);
  SigLibraryCourse *existing;
  SigImportResult outcome = SIG_IMPORT_INSTALLED;
  guint parts[3];

  if (!sig_store_require_writable (store, error) || !sig_store_refresh_library (store, error))
    return FALSE;
  if (!sig_version_parse (course->version, parts))
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_COURSE_INVALID,
                   _("The course was not imported: the version “%s” is not valid. A version is three numbers of at most six digits each, such as 1.0.0."),
                   course->version);
      return FALSE;
    }
  if (!check_ownership (store, course, signature, &owner, error))
    return FALSE;

  existing = best_entry (store, course->id);
  if (existing != NULL)
    {
      int cmp = sig_version_compare (course->version, sig_library_course_get_version (existing));
      gboolean same_signer = g_strcmp0 (sig_library_course_get_publisher_did (existing),
                                        signature && signature->state == SIG_PACKAGE_VALID ? signature->publisher_did : NULL) == 0;

      if (cmp == 0 && same_signer)
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
  {
    g_autoptr(GError) write_error = NULL;

    if ((owner != NULL && !record_owner (store, course->id, owner, &write_error)) ||
        !g_file_set_contents_full (target, g_bytes_get_data (package, NULL), (gssize) g_bytes_get_size (package),
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
sig_store_install_package (SigStore          *store,
                           GBytes            *package,
                           const char        *display_name,
                           SigImportResult   *result,
                           SigLibraryCourse **installed,
                           GError           **error)
{
  g_autoptr(SigCourse) course = NULL;
  g_autoptr(SigPackageSignature) signature = NULL;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (package != NULL, FALSE);

  if (!sig_store_require_writable (store, error))
    return FALSE;
  if ((course = validate_package (package, display_name ? display_name : "package", &signature, error)) == NULL)
    return FALSE;
  return install_validated (store, package, course, signature, result, installed, error);
}

gboolean
sig_store_import_course (SigStore          *store,
                         const char        *path,
                         SigImportResult   *result,
                         SigLibraryCourse **installed,
                         GError           **error)
{
  g_autoptr(GBytes) package = NULL;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!sig_store_require_writable (store, error))
    return FALSE;
  if ((package = sig_store_read_package (path, error)) == NULL)
    return FALSE;
  return sig_store_install_package (store, package, path, result, installed, error);
}

SigPackagePreview *
sig_store_preview_package (SigStore    *store,
                           GBytes      *package,
                           const char  *display_name,
                           const char  *language,
                           GError     **error)
{
  g_autoptr(SigCourse) course = NULL;
  g_autoptr(SigPackageSignature) signature = NULL;
  g_autoptr(GError) refusal = NULL;
  g_autofree char *owner = NULL;
  SigPackagePreview *preview;
  SigLibraryCourse *existing;

  g_return_val_if_fail (SIG_IS_STORE (store), NULL);

  if ((course = validate_package (package, display_name ? display_name : "package", &signature, error)) == NULL ||
      !sig_store_refresh_library (store, error))
    return NULL;
  preview = g_new0 (SigPackagePreview, 1);
  preview->course_id = g_strdup (course->id);
  preview->version = g_strdup (course->version);
  preview->title = sig_text_sanitize (g_strdup (sig_text_get (course->title, language)));
  preview->course_publisher = sig_text_sanitize (g_strdup (sig_text_get (course->publisher_name, language)));
  if (signature->state == SIG_PACKAGE_VALID)
    {
      preview->publisher_did = g_strdup (signature->publisher_did);
      preview->signer_name = sig_text_sanitize (g_strdup (signature->publisher_name));
      preview->state = sig_publisher_is_trusted (signature->publisher_did, NULL) ? SIG_PUBLISHER_VERIFIED : SIG_PUBLISHER_SIGNED;
    }
  if ((existing = best_entry (store, course->id)) != NULL)
    {
      preview->replaces_title = sig_text_sanitize (g_strdup (sig_library_course_get_title (existing, language)));
      preview->replaces_version = g_strdup (sig_library_course_get_version (existing));
    }
  if (!check_ownership (store, course, signature, &owner, &refusal))
    preview->refusal = g_strdup (refusal->message);
  else if (existing != NULL && sig_version_compare (course->version, sig_library_course_get_version (existing)) < 0)
    preview->refusal = g_strdup_printf (_("Version %s is already installed; an older version cannot replace it."),
                                        sig_library_course_get_version (existing));
  return preview;
}

void
sig_package_preview_free (SigPackagePreview *preview)
{
  if (preview == NULL)
    return;
  g_free (preview->course_id);
  g_free (preview->version);
  g_free (preview->title);
  g_free (preview->course_publisher);
  g_free (preview->publisher_did);
  g_free (preview->signer_name);
  g_free (preview->replaces_title);
  g_free (preview->replaces_version);
  g_free (preview->refusal);
  g_free (preview);
}

typedef struct {
  char *path;
  GBytes *package;
  SigPackageSignature *signature;
  SigImportResult result;
  SigLibraryCourse *installed;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->package, g_bytes_unref);
  g_clear_pointer (&data->signature, sig_package_signature_free);
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
  SigCourse *course = NULL;

  if (data->package == NULL)
    data->package = sig_store_read_package (data->path, &error);
  if (data->package != NULL)
    course = validate_package (data->package, data->path, &data->signature, &error);
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
  /* The database is touched only here, in the store's own thread; the bytes
   * installed are the ones validated. */
  if (!install_validated (store, data->package, course, data->signature, &data->result, &data->installed, &error))
    g_task_return_error (outer, error);
  else
    g_task_return_boolean (outer, TRUE);
}

static void
start_import (SigStore            *store,
              const char          *path,
              GBytes              *package,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  ImportData *data;

  outer = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (outer, sig_store_import_course_async);
  data = g_new0 (ImportData, 1);
  data->path = g_strdup (path);
  data->package = package ? g_bytes_ref (package) : NULL;
  g_task_set_task_data (outer, data, (GDestroyNotify) import_data_free);

  inner = g_task_new (store, cancellable, validated, g_object_ref (outer));
  g_task_set_task_data (inner, data, NULL);
  g_task_run_in_thread (inner, validate_in_thread);
}

void
sig_store_import_course_async (SigStore            *store,
                               const char          *path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (SIG_IS_STORE (store));
  g_return_if_fail (path != NULL);

  start_import (store, path, NULL, cancellable, callback, user_data);
}

void
sig_store_install_package_async (SigStore            *store,
                                 GBytes              *package,
                                 const char          *display_name,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (SIG_IS_STORE (store));
  g_return_if_fail (package != NULL);

  start_import (store, display_name ? display_name : "package", package, cancellable, callback, user_data);
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

char *
sig_store_library_publisher_did (SigStore   *store,
                                 const char *course_id)
{
  g_autoptr(SigLibraryCourse) best = NULL;
  sqlite3_stmt *stmt = sig_store_prepare (store, "SELECT path, bundled, info FROM library WHERE course_id = ?", NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, course_id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(SigLibraryCourse) entry = sig_library_course_new_from_info (sig_store_column_text (stmt, 0),
                                                                            sqlite3_column_int (stmt, 1),
                                                                            sig_store_column_text (stmt, 2));
      int cmp;

      if (entry == NULL)
        continue;
      cmp = best ? sig_version_compare (sig_library_course_get_version (entry), sig_library_course_get_version (best)) : 1;
      if (cmp > 0 || (cmp == 0 && sig_library_course_get_bundled (best) && !sig_library_course_get_bundled (entry)))
        g_set_object (&best, entry);
    }
  sqlite3_reset (stmt);
  return best != NULL ? g_strdup (sig_library_course_get_publisher_did (best)) : NULL;
}
