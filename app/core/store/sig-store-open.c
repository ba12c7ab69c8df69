/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opening the progress database: writable (made when missing, migrated,
 * its projections rebuilt when they are not the current fold's), read-only
 * (on purpose, or because the folder, the file or the disk refuses writes),
 * and a damaged one moved aside and recovered. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "sig-store-private.h"
#include "sig-store-projection.h"

/* ---- Opening --------------------------------------------------------------- */

char *
sig_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "signaal", "progress.db", NULL);
}

char *
sig_store_default_courses_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "signaal", "courses", NULL);
}

static void remove_private_copy (SigStore *store);

void
sig_store_close_db (SigStore *store)
{
  g_hash_table_remove_all (store->statements);
  if (store->db != NULL)
    {
      sqlite3_close_v2 (store->db);
      store->db = NULL;
    }
  store->in_memory_copy = FALSE;
  remove_private_copy (store);
}

static gboolean
query_text (sqlite3     *db,
            const char  *sql,
            char       **text,
            int         *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          GString *all = g_string_new (NULL);

          /* integrity_check and quick_check give one row per problem. */
          do
            {
              const char *value = (const char *) sqlite3_column_text (stmt, 0);

              if (all->len > 0)
                g_string_append (all, "; ");
              g_string_append (all, value ? value : "");
              if (all->len > 2000)
                break;
            }
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW);
          if (rc == SQLITE_DONE || rc == SQLITE_ROW)
            rc = SQLITE_OK;
          *text = g_string_free (all, FALSE);
        }
      else if (rc == SQLITE_DONE)
        {
          rc = SQLITE_OK;
          *text = g_strdup ("");
        }
    }
  sqlite3_finalize (stmt);
  if (rc_out != NULL)
    *rc_out = rc;
  return rc == SQLITE_OK;
}

/* Checks the file can be read and is sound. CORRUPT when it is damaged. */
static gboolean
check_sound (SigStore  *store,
             char     **detected,
             GError   **error)
{
  g_autofree char *result = NULL;
  int rc;

  if (!query_text (store->db, "PRAGMA quick_check", &result, &rc))
    {
      if (sig_store_error_code_for (rc) == SIG_STORE_ERROR_CORRUPT)
        {
          *detected = g_strdup (sqlite3_errstr (rc));
          g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_CORRUPT,
                       _("The progress database %s is damaged: %s."), store->path, *detected);
        }
      else
        sig_store_set_sqlite_error (store, rc, "quick_check", error);
      return FALSE;
    }
  /* The check read every page; they are not kept for it. */
  sqlite3_db_release_memory (store->db);
  if (!g_str_equal (result, "ok"))
    {
      *detected = g_steal_pointer (&result);
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_CORRUPT,
                   _("The progress database %s is damaged: %s."), store->path, *detected);
      return FALSE;
    }
  return TRUE;
}

static gboolean
ensure_installation_id (SigStore  *store,
                        GError   **error)
{
  g_autofree char *id = sig_store_setting_get (store, "installation-id");

  if (id == NULL && !store->read_only)
    {
      g_autofree char *fresh = sig_store_new_uuid ();
      sqlite3_stmt *stmt;

      if (!sig_store_begin (store, error))
        return FALSE;
      /* OR IGNORE: another process may have made one meanwhile. */
      stmt = sig_store_prepare (store, "INSERT OR IGNORE INTO settings (key, value) VALUES ('installation-id', ?)", error);
      if (stmt == NULL)
        {
          sig_store_rollback (store);
          return FALSE;
        }
      sqlite3_bind_text (stmt, 1, fresh, -1, SQLITE_STATIC);
      if (!sig_store_step_done (store, stmt, error) || !sig_store_commit (store, error))
        {
          sig_store_rollback (store);
          return FALSE;
        }
      id = sig_store_setting_get (store, "installation-id");
    }
  if (id == NULL)
    id = g_strdup ("00000000-0000-4000-8000-000000000000");
  g_free (store->installation_id);
  store->installation_id = g_steal_pointer (&id);
  return TRUE;
}

static gboolean
configure_connection (SigStore  *store,
                      gboolean   writable,
                      GError   **error)
{
  g_autofree char *mode = NULL;
  int rc;

  sqlite3_busy_handler (store->db, sig_store_busy_handler, &store->busy_started);
  sqlite3_extended_result_codes (store->db, TRUE);
  if (!sig_store_exec (store, "PRAGMA foreign_keys = ON", error))
    return FALSE;
  if (!writable)
    return sig_store_exec (store, "PRAGMA query_only = ON", error);

  /* Deleted learner data is overwritten, not left in free pages. */
  if (!sig_store_exec (store, "PRAGMA secure_delete = ON", error))
    return FALSE;
  /* Changing the journal mode needs the database to itself and does not wait
   * for the busy handler: when another program opens a new database at the
   * same moment, try again for as long as the busy timeout. */
  for (gint64 deadline = g_get_monotonic_time () + SIG_STORE_BUSY_TIMEOUT_MS * 1000; ; g_usleep (10000))
    {
      g_clear_pointer (&mode, g_free);
      if (query_text (store->db, "PRAGMA journal_mode = WAL", &mode, &rc))
        break;
      if (((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED) || g_get_monotonic_time () > deadline)
        {
          sig_store_set_sqlite_error (store, rc, "journal_mode", error);
          return FALSE;
        }
    }
  if (g_ascii_strcasecmp (mode, "wal") != 0)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_READ_ONLY,
                   _("The progress database %s cannot use write-ahead logging (journal mode “%s”)."), store->path, mode);
      return FALSE;
    }
  /* FULL: the WAL is synced at every commit, so an acknowledged answer
   * survives a power cut, not only a killed process. */
  return sig_store_exec (store, "PRAGMA synchronous = FULL", error);
}

static gboolean
open_writable (SigStore  *store,
               char     **detected,
               GError   **error)
{
  g_autofree char *dir = g_path_get_dirname (store->path);
  int rc;

  sig_store_close_db (store);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_READ_ONLY,
                   _("The folder %s cannot be made (%s)."), dir, g_strerror (saved_errno));
      return FALSE;
    }
  /* Made 0600 by us (SQLite would follow the umask): learners' results are
   * theirs alone. Its -wal and -shm files get the same mode from SQLite. */
  if (!g_file_test (store->path, G_FILE_TEST_EXISTS))
    {
      int fd = g_open (store->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

      if (fd >= 0)
        close (fd);
    }
  rc = sqlite3_open_v2 (store->path, &store->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      sig_store_set_sqlite_error (store, rc, "open", error);
      sig_store_close_db (store);
      return FALSE;
    }
  if (sqlite3_db_readonly (store->db, "main") == 1)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_READ_ONLY,
                   _("The file %s cannot be written."), store->path);
      sig_store_close_db (store);
      return FALSE;
    }
  /* Before anything is written (WAL changes the file header): a database of a
   * newer Signaal stays exactly as it is. */
  sqlite3_busy_handler (store->db, sig_store_busy_handler, &store->busy_started);
  if (sig_store_schema_get_version (store->db) > SIG_STORE_SCHEMA_VERSION)
    {
      g_autoptr(GError) ignored = NULL;

      sig_store_schema_migrate (store->db, SIG_STORE_SCHEMA_VERSION, error);
      sig_store_close_db (store);
      return FALSE;
    }
  if (!configure_connection (store, TRUE, error) ||
      !check_sound (store, detected, error) ||
      !sig_store_schema_migrate (store->db, SIG_STORE_SCHEMA_VERSION, error) ||
      !ensure_installation_id (store, error) ||
      !sig_store_projection_ensure (store, error))
    {
      sig_store_close_db (store);
      return FALSE;
    }
  store->read_only = FALSE;
  g_clear_pointer (&store->read_only_reason, g_free);
  return TRUE;
}

/* A database in memory, made from @bytes (or empty), migrated to the current
 * schema: for reading an older or damaged database that cannot be written. */
static gboolean
open_memory_copy (SigStore  *store,
                  GBytes    *bytes,
                  GError   **error)
{
  int rc = sqlite3_open_v2 (":memory:", &store->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);

  if (rc != SQLITE_OK)
    {
      sig_store_set_sqlite_error (store, rc, "open", error);
      return FALSE;
    }
  if (bytes != NULL && g_bytes_get_size (bytes) > 0)
    {
      gsize size = g_bytes_get_size (bytes);
      unsigned char *copy = sqlite3_malloc64 (size);

      memcpy (copy, g_bytes_get_data (bytes, NULL), size);
      /* A file in WAL mode says so in its header (bytes 18 and 19); memory
       * has no WAL, so mark the copy as a rollback-journal database. */
      if (size >= 100)
        copy[18] = copy[19] = 1;
      rc = sqlite3_deserialize (store->db, "main", copy, size, size,
                                SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
      if (rc != SQLITE_OK)
        {
          sig_store_set_sqlite_error (store, rc, "deserialize", error);
          return FALSE;
        }
    }
  store->in_memory_copy = TRUE;
  sqlite3_busy_handler (store->db, sig_store_busy_handler, &store->busy_started);
  return sig_store_exec (store, "PRAGMA foreign_keys = ON", error) &&
         sig_store_schema_migrate (store->db, SIG_STORE_SCHEMA_VERSION, error) &&
         sig_store_projection_ensure (store, error);
}

static gboolean
has_wal (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf info;

  return g_stat (wal, &info) == 0 && info.st_size > 0;
}

static void
remove_private_copy (SigStore *store)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  if (store->private_copy_dir == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (store->private_copy_dir, "/progress.db", suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (store->private_copy_dir);
  g_clear_pointer (&store->private_copy_dir, g_free);
}

static gboolean
copy_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (from, &contents, &length, error))
    return FALSE;
  return g_file_set_contents_full (to, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, error);
}

/* Copies the database and its WAL into a private folder (under the user's
 * temporary folder) and opens that copy for reading. */
static gboolean
open_private_copy (SigStore  *store,
                   GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("signaal-progress-XXXXXX", &local_error);
  g_autofree char *copy = NULL;
  g_autofree char *wal_from = g_strconcat (store->path, "-wal", NULL);
  g_autofree char *wal_to = NULL;
  int rc;

  remove_private_copy (store);
  if (dir != NULL)
    {
      store->private_copy_dir = g_steal_pointer (&dir);
      copy = g_build_filename (store->private_copy_dir, "progress.db", NULL);
      wal_to = g_strconcat (copy, "-wal", NULL);
    }
  if (copy == NULL ||
      !copy_file (store->path, copy, &local_error) ||
      !copy_file (wal_from, wal_to, &local_error))
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_READ_ONLY,
                   _("The progress database %s cannot be read: its latest changes are in a separate file that can only be read in a writable folder, and a copy to read could not be made (%s). Make that folder writable and start again."),
                   store->path, local_error->message);
      remove_private_copy (store);
      return FALSE;
    }
  /* Read-write on the copy, so that SQLite can read its WAL; query_only
   * keeps it unchanged all the same. */
  rc = sqlite3_open_v2 (copy, &store->db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_READ_ONLY,
                   _("The progress database %s cannot be read (%s). Check the permissions of the file and its folder."),
                   store->path, sqlite3_errstr (rc));
      sig_store_close_db (store);
      remove_private_copy (store);
      return FALSE;
    }
  configure_connection (store, FALSE, NULL);
  g_free (store->private_copy_notice);
  store->private_copy_notice = g_strdup_printf (_("The folder of %s cannot be written, and the latest progress is in a separate file beside it that can only be combined there. Signaal shows a copy of both, read-only: nothing is lost, but nothing new can be saved. Make that folder writable and start Signaal again to go on saving."),
                                                store->path);
  g_free (store->read_only_reason);
  store->read_only_reason = g_strdup (store->private_copy_notice);
  g_message ("Reading a private copy of %s (with its WAL) in %s", store->path, store->private_copy_dir);
  return TRUE;
}

static gboolean
open_read_only (SigStore    *store,
                gboolean     fallback,
                const char  *reason,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *detected = NULL;
  g_autofree char *uri = NULL;
  int version = -1;
  int rc;

  sig_store_close_db (store);
  store->read_only = TRUE;
  g_free (store->read_only_reason);
  store->read_only_reason = g_strdup (reason);

  if (!g_file_test (store->path, G_FILE_TEST_EXISTS))
    {
      if (!fallback)
        {
          g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_FOUND,
                       _("There is no progress database at %s."), store->path);
          return FALSE;
        }
      /* Nothing to read: an empty store, so the app still works. */
      return open_memory_copy (store, NULL, error) && ensure_installation_id (store, error);
    }

  rc = sqlite3_open_v2 (store->path, &store->db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      configure_connection (store, FALSE, NULL);
      version = sig_store_schema_get_version (store->db);
    }
  if ((rc != SQLITE_OK || version < 0) && has_wal (store->path))
    {
      /* A WAL database in a folder we cannot write, without its -shm file:
       * SQLite cannot read its WAL there, and opened as immutable it would
       * ignore it, and with it the latest progress. Read a private copy of
       * both instead, and say so. */
      sig_store_close_db (store);
      if (!open_private_copy (store, error))
        return FALSE;
      version = sig_store_schema_get_version (store->db);
    }
  else if (rc != SQLITE_OK || version < 0)
    {
      /* Without a WAL: open it as immutable (nothing else can be writing it
       * then either, and nothing is in a WAL to miss). */
      sig_store_close_db (store);
      uri = g_strconcat ("file:", store->path, "?immutable=1", NULL);
      rc = sqlite3_open_v2 (uri, &store->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
      if (rc != SQLITE_OK)
        {
          g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_READ_ONLY,
                       _("The progress database %s cannot be read (%s). Check the permissions of the file and its folder."),
                       store->path, sqlite3_errstr (rc));
          sig_store_close_db (store);
          return FALSE;
        }
      configure_connection (store, FALSE, NULL);
      version = sig_store_schema_get_version (store->db);
    }

  if (version > SIG_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_TOO_NEW,
                   _("The progress database was written by a newer version of Signaal (format %d; this version knows up to %d). Update Signaal to use it; nothing in it was changed."),
                   version, SIG_STORE_SCHEMA_VERSION);
      sig_store_close_db (store);
      return FALSE;
    }
  if (!check_sound (store, &detected, &local_error))
    {
      SigStoreRecovery *recovery;

      if (!g_error_matches (local_error, SIG_STORE_ERROR, SIG_STORE_ERROR_CORRUPT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          sig_store_close_db (store);
          return FALSE;
        }
      /* Damaged and not writable: recover into memory, leave the file alone. */
      sig_store_close_db (store);
      if (!open_memory_copy (store, NULL, error))
        return FALSE;
      recovery = g_new0 (SigStoreRecovery, 1);
      recovery->detected = g_steal_pointer (&detected);
      sig_store_recover_into (store->db, store->path, recovery, NULL);
      sig_store_projection_rebuild (store, NULL);
      if (fallback)
        recovery->message = g_strdup_printf (_("Your progress database is damaged and its folder cannot be written, so it could not be repaired. What could be read (%u records) is shown, read-only. Make %s writable and restart Signaal to repair it."),
                                             recovery->rows_recovered, store->path);
      else
        /* Opened read-only on purpose: nothing says the folder is not writable. */
        recovery->message = g_strdup_printf (_("Your progress database %s is damaged. What could be read (%u records) is shown; nothing was changed. It is repaired the next time Signaal or a command that saves progress opens it."),
                                             store->path, recovery->rows_recovered);
      store->recovery = recovery;
      return ensure_installation_id (store, error);
    }

  if (version < SIG_STORE_SCHEMA_VERSION)
    {
      /* An older format we may not change: read a migrated copy in memory. */
      unsigned char *data;
      sqlite3_int64 size = 0;
      g_autoptr(GBytes) bytes = NULL;

      data = sqlite3_serialize (store->db, "main", &size, 0);
      if (data == NULL && version == 0)
        {
          /* An empty file (made when there was no room to write more). */
          sig_store_close_db (store);
          return open_memory_copy (store, NULL, error) && ensure_installation_id (store, error);
        }
      if (data == NULL)
        {
          g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_FAILED,
                       _("The progress database %s is in an older format and cannot be read without updating it. Make it writable and restart Signaal."),
                       store->path);
          sig_store_close_db (store);
          return FALSE;
        }
      bytes = g_bytes_new_with_free_func (data, size, sqlite3_free, data);
      sig_store_close_db (store);
      if (!open_memory_copy (store, bytes, error))
        {
          sig_store_close_db (store);
          return FALSE;
        }
    }
  return ensure_installation_id (store, error);
}

static char *
moved_aside_path (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char *candidate = g_strdup_printf ("%s.corrupt-%s", path, stamp);

  for (guint i = 2; g_file_test (candidate, G_FILE_TEST_EXISTS); i++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, i);
    }
  return candidate;
}

/* Moves the damaged file (and its WAL) aside and rebuilds a fresh database
 * from what can be read. */
static gboolean
recover (SigStore  *store,
         char      *detected,
         GError   **error)
{
  g_autofree char *moved = moved_aside_path (store->path);
  g_autofree char *detected_again = NULL;
  SigStoreRecovery *recovery;

  sig_store_close_db (store);
  if (g_rename (store->path, moved) != 0)
    {
      int saved_errno = errno;
      g_autofree char *reason = g_strdup_printf (_("The progress database is damaged and cannot be moved aside (%s)."), g_strerror (saved_errno));

      return open_read_only (store, TRUE, reason, error);
    }
  for (guint i = 0; i < 2; i++)
    {
      const char *suffix = i == 0 ? "-wal" : "-shm";
      g_autofree char *from = g_strconcat (store->path, suffix, NULL);
      g_autofree char *to = g_strconcat (moved, suffix, NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }
  g_message ("The progress database %s is damaged (%s); it was moved to %s", store->path, detected, moved);

  if (!open_writable (store, &detected_again, error))
    return FALSE;

  recovery = g_new0 (SigStoreRecovery, 1);
  recovery->moved_to = g_strdup (moved);
  recovery->detected = g_strdup (detected);
  if (!sig_store_recover_into (store->db, moved, recovery, error))
    {
      sig_store_recovery_free (recovery);
      return FALSE;
    }
  /* The installation id may have come back with the settings. */
  ensure_installation_id (store, NULL);
  /* The projections are made again from the events that were recovered. */
  if (!sig_store_projection_rebuild (store, error))
    {
      sig_store_recovery_free (recovery);
      return FALSE;
    }
  if (recovery->rows_lost > 0 || recovery->rows_recovered == 0)
    recovery->message = g_strdup_printf (_("Your progress database was damaged. It was repaired: %u records were recovered, and some could not be read. The damaged file is kept as %s."),
                                         recovery->rows_recovered, moved);
  else
    recovery->message = g_strdup_printf (_("Your progress database was damaged. It was repaired and all %u records that could be read were recovered. The damaged file is kept as %s."),
                                         recovery->rows_recovered, moved);
  store->recovery = recovery;
  return TRUE;
}

SigStore *
sig_store_open (const char        *path,
                SigStoreOpenFlags  flags,
                GError           **error)
{
  g_autoptr(SigStore) store = g_object_new (SIG_TYPE_STORE, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *detected = NULL;
  g_autofree char *dir = NULL;

  store->path = path != NULL ? g_strdup (path) : sig_store_default_path ();
  dir = g_path_get_dirname (store->path);
  store->courses_dir = g_build_filename (dir, "courses", NULL);
  store->flags = flags;

  if (flags & SIG_STORE_OPEN_READ_ONLY)
    {
      if (!open_read_only (store, FALSE, _("The progress database was opened read-only."), error))
        return NULL;
      return g_steal_pointer (&store);
    }

  if (open_writable (store, &detected, &local_error))
    return g_steal_pointer (&store);

  if (g_error_matches (local_error, SIG_STORE_ERROR, SIG_STORE_ERROR_CORRUPT))
    {
      if (!recover (store, detected ? detected : local_error->message, error))
        return NULL;
      return g_steal_pointer (&store);
    }
  if (g_error_matches (local_error, SIG_STORE_ERROR, SIG_STORE_ERROR_READ_ONLY) ||
      g_error_matches (local_error, SIG_STORE_ERROR, SIG_STORE_ERROR_DISK_FULL))
    {
      g_autofree char *reason = NULL;

      if (g_error_matches (local_error, SIG_STORE_ERROR, SIG_STORE_ERROR_DISK_FULL))
        reason = g_strdup_printf (_("The disk that holds %s is full. Your progress can be viewed but not saved; free some space and restart Signaal."),
                                  store->path);
      else
        {
          g_message ("Opening %s for writing failed: %s", store->path, local_error->message);
          reason = g_strdup_printf (_("%s cannot be written. Your progress can be viewed but not saved; check the permissions of that file and its folder."),
                                    store->path);
        }
      if (!open_read_only (store, TRUE, reason, error))
        return NULL;
      g_message ("%s", reason);
      return g_steal_pointer (&store);
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

gboolean
sig_store_reopen_writable (SigStore  *store,
                           GError   **error)
{
  g_autofree char *detected = NULL;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);

  if (store->flags & SIG_STORE_OPEN_READ_ONLY)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_READ_ONLY,
                   _("The progress database was opened read-only."));
      return FALSE;
    }
  if (!open_writable (store, &detected, error))
    {
      g_autoptr(GError) ignored = NULL;

      open_read_only (store, TRUE, store->read_only_reason, &ignored);
      return FALSE;
    }
  sig_store_notify_read_only (store);
  return TRUE;
}

const char *
sig_store_get_path (SigStore *store)
{
  g_return_val_if_fail (SIG_IS_STORE (store), NULL);
  return store->path;
}

const char *
sig_store_get_courses_dir (SigStore *store)
{
  g_return_val_if_fail (SIG_IS_STORE (store), NULL);
  return store->courses_dir;
}

gboolean
sig_store_get_read_only (SigStore *store)
{
  g_return_val_if_fail (SIG_IS_STORE (store), TRUE);
  return store->read_only;
}

const char *
sig_store_get_read_only_reason (SigStore *store)
{
  g_return_val_if_fail (SIG_IS_STORE (store), NULL);
  return store->read_only ? store->read_only_reason : NULL;
}

const char *
sig_store_get_copy_notice (SigStore *store)
{
  g_return_val_if_fail (SIG_IS_STORE (store), NULL);
  return store->private_copy_dir != NULL ? store->private_copy_notice : NULL;
}

const SigStoreRecovery *
sig_store_get_recovery (SigStore *store)
{
  g_return_val_if_fail (SIG_IS_STORE (store), NULL);
  return store->recovery;
}

int
sig_store_get_schema_version (SigStore *store)
{
  g_return_val_if_fail (SIG_IS_STORE (store), -1);
  return sig_store_schema_get_version (store->db);
}

const char *
sig_store_get_installation_id (SigStore *store)
{
  g_return_val_if_fail (SIG_IS_STORE (store), NULL);
  return store->installation_id;
}

gboolean
sig_store_check_integrity (SigStore  *store,
                           GError   **error)
{
  g_autofree char *result = NULL;
  int rc;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);

  if (!query_text (store->db, "PRAGMA integrity_check", &result, &rc))
    {
      sig_store_set_sqlite_error (store, rc, "integrity_check", error);
      return FALSE;
    }
  if (!g_str_equal (result, "ok"))
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_CORRUPT,
                   _("The progress database is damaged: %s"), result);
      return FALSE;
    }
  return TRUE;
}

gboolean
sig_store_set_max_pages (SigStore  *store,
                         guint      pages,
                         GError   **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %u", pages ? pages : 0xfffffffeu);
  g_autofree char *ignored = NULL;
  int rc;

  if (!query_text (store->db, sql, &ignored, &rc))
    {
      sig_store_set_sqlite_error (store, rc, "max_page_count", error);
      return FALSE;
    }
  return TRUE;
}

guint
sig_store_get_library_parses (SigStore *store)
{
  return store->library_parses;
}

void
sig_store_recovery_free (SigStoreRecovery *recovery)
{
  if (recovery == NULL)
    return;
  g_free (recovery->moved_to);
  g_free (recovery->detected);
  g_free (recovery->message);
  g_free (recovery);
}

