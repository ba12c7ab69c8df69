/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SigStore: opening the progress database (writable, read-only, recovered),
 * statements, transactions, settings and profiles. Events and progress are in
 * sig-store-events.c, the library in sig-store-library.c, exports in
 * sig-store-export.c and sig-xapi.c. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sig-store-private.h"

#define BUSY_TIMEOUT_MS 10000

/* Waits for another connection's write to finish. SQLite's own handler backs off
 * to 100 ms sleeps, and a neighbour that commits often can then keep the lock
 * for the whole timeout; short polls find the gaps between its transactions. */
static int
busy_handler (void *data,
              int   attempt)
{
  gint64 *started = data;
  gint64 now = g_get_monotonic_time ();

  if (attempt == 0)
    *started = now;
  if (now - *started > (gint64) BUSY_TIMEOUT_MS * 1000)
    return 0;
  g_usleep (attempt < 10 ? 200 : 1000);
  return 1;
}

enum {
  PROP_0,
  PROP_READ_ONLY,
  PROP_CURRENT_PROFILE,
  N_PROPS
};

enum {
  PROFILES_CHANGED,
  LIBRARY_CHANGED,
  PROGRESS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_TYPE (SigStore, sig_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (sig-store-error-quark, sig_store_error)

const char *
sig_progress_status_to_string (SigProgressStatus status)
{
  switch (status)
    {
    case SIG_PROGRESS_NOT_STARTED: return "not-started";
    case SIG_PROGRESS_IN_PROGRESS: return "in-progress";
    case SIG_PROGRESS_COMPLETED: return "completed";
    case SIG_PROGRESS_PASSED: return "passed";
    case SIG_PROGRESS_FAILED: return "failed";
    default: g_return_val_if_reached (NULL);
    }
}

/* ---- Small helpers -------------------------------------------------------- */

char *
sig_store_new_uuid (void)
{
  return g_uuid_string_random ();
}

/* Set only by tests, before they record anything. */
static gint64 time_for_tests;

gint64
sig_store_now (void)
{
  return time_for_tests != 0 ? time_for_tests : g_get_real_time ();
}

void
sig_store_set_time_for_tests (gint64 usec)
{
  time_for_tests = usec;
}

char *
sig_store_format_time (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autofree char *seconds = NULL;

  if (utc == NULL)
    return g_strdup ("1970-01-01T00:00:00.000Z");
  seconds = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", seconds, (int) ((usec % G_USEC_PER_SEC) / 1000));
}

int
sig_version_compare (const char *a,
                     const char *b)
{
  g_auto(GStrv) pa = g_strsplit (a ? a : "", ".", -1);
  g_auto(GStrv) pb = g_strsplit (b ? b : "", ".", -1);

  for (guint i = 0; pa[i] != NULL || pb[i] != NULL; i++)
    {
      guint64 na = pa[i] ? g_ascii_strtoull (pa[i], NULL, 10) : 0;
      guint64 nb = pb[i] ? g_ascii_strtoull (pb[i], NULL, 10) : 0;

      if (na != nb)
        return na < nb ? -1 : 1;
      if (pa[i] == NULL || pb[i] == NULL)
        break;
    }
  return 0;
}

void
sig_store_bind_text_or_null (sqlite3_stmt *stmt,
                             int           index,
                             const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

const char *
sig_store_column_text (sqlite3_stmt *stmt,
                       int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* ---- Errors and read-only mode ------------------------------------------- */

static void
set_read_only (SigStore   *store,
               const char *reason)
{
  gboolean changed = !store->read_only;

  store->read_only = TRUE;
  if (reason != NULL)
    {
      g_free (store->read_only_reason);
      store->read_only_reason = g_strdup (reason);
    }
  if (changed)
    {
      /* the window says so; this is for the log */
      g_message ("The progress store is read-only: %s", store->read_only_reason);
      g_object_notify_by_pspec (G_OBJECT (store), properties[PROP_READ_ONLY]);
    }
}

static int
error_code_for (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      return SIG_STORE_ERROR_DISK_FULL;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
    case SQLITE_CANTOPEN:
      return SIG_STORE_ERROR_READ_ONLY;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return SIG_STORE_ERROR_CORRUPT;
    default:
      return SIG_STORE_ERROR_FAILED;
    }
}

void
sig_store_set_sqlite_error (SigStore   *store,
                            int         rc,
                            const char *what,
                            GError    **error)
{
  int code = error_code_for (rc);
  const char *detail = store->db != NULL ? sqlite3_errmsg (store->db) : sqlite3_errstr (rc);

  switch (code)
    {
    case SIG_STORE_ERROR_DISK_FULL:
      {
        g_autofree char *reason = g_strdup_printf (_("The disk that holds %s is full. Your progress so far is kept; free some space and restart Signaal to save new progress."),
                                                   store->path);
        set_read_only (store, reason);
        g_set_error (error, SIG_STORE_ERROR, code,
                     _("Could not save: the disk is full (%s). Nothing was lost; free some space to go on saving."), what);
      }
      break;
    case SIG_STORE_ERROR_READ_ONLY:
      {
        g_autofree char *reason = g_strdup_printf (_("%s cannot be written (%s). Your progress can be viewed but not saved; check the permissions of that folder."),
                                                   store->path, detail);
        set_read_only (store, reason);
        g_set_error (error, SIG_STORE_ERROR, code,
                     _("Could not save (%s): the progress database cannot be written. Nothing was lost; check the permissions of %s."),
                     what, store->path);
      }
      break;
    case SIG_STORE_ERROR_CORRUPT:
      g_set_error (error, SIG_STORE_ERROR, code,
                   _("The progress database is damaged (%s: %s). Restart Signaal to repair it; the damaged file is kept."),
                   what, detail);
      break;
    default:
      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        g_set_error (error, SIG_STORE_ERROR, code,
                     _("The progress database is busy in another program (%s). Try again in a moment."), what);
      else
        g_set_error (error, SIG_STORE_ERROR, code,
                     _("The progress database reported an error (%s: %s)."), what, detail);
      break;
    }
}

gboolean
sig_store_require_writable (SigStore  *store,
                            GError   **error)
{
  if (!store->read_only)
    return TRUE;
  g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_READ_ONLY,
               _("Progress cannot be saved now: %s"),
               store->read_only_reason ? store->read_only_reason : _("the database was opened read-only."));
  return FALSE;
}

/* ---- Statements and transactions ----------------------------------------- */

sqlite3_stmt *
sig_store_prepare (SigStore    *store,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (store->statements, sql);

  if (stmt == NULL)
    {
      int rc = sqlite3_prepare_v3 (store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);

      if (rc != SQLITE_OK)
        {
          sig_store_set_sqlite_error (store, rc, "prepare", error);
          sqlite3_finalize (stmt);
          return NULL;
        }
      g_hash_table_insert (store->statements, g_strdup (sql), stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

gboolean
sig_store_exec (SigStore    *store,
                const char  *sql,
                GError     **error)
{
  int rc = sqlite3_exec (store->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      sig_store_set_sqlite_error (store, rc, sql, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
sig_store_step_done (SigStore     *store,
                     sqlite3_stmt *stmt,
                     GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "step", error);
      return FALSE;
    }
  return TRUE;
}

gboolean
sig_store_begin (SigStore  *store,
                 GError   **error)
{
  if (!sig_store_require_writable (store, error))
    return FALSE;
  return sig_store_exec (store, "BEGIN IMMEDIATE", error);
}

gboolean
sig_store_commit (SigStore  *store,
                  GError   **error)
{
  int rc = sqlite3_exec (store->db, "COMMIT", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      sig_store_set_sqlite_error (store, rc, "commit", error);
      sig_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

void
sig_store_rollback (SigStore *store)
{
  if (!sqlite3_get_autocommit (store->db))
    sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
}

/* ---- Settings ------------------------------------------------------------ */

char *
sig_store_setting_get (SigStore   *store,
                       const char *key)
{
  sqlite3_stmt *stmt = sig_store_prepare (store, "SELECT value FROM settings WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup (sig_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

gboolean
sig_store_setting_set (SigStore    *store,
                       const char  *key,
                       const char  *value,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  if (value != NULL)
    stmt = sig_store_prepare (store, "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                                     "ON CONFLICT (key) DO UPDATE SET value = ?2", error);
  else
    stmt = sig_store_prepare (store, "DELETE FROM settings WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return sig_store_step_done (store, stmt, error);
}

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

static void
close_db (SigStore *store)
{
  g_hash_table_remove_all (store->statements);
  if (store->db != NULL)
    {
      sqlite3_close_v2 (store->db);
      store->db = NULL;
    }
  store->in_memory_copy = FALSE;
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
      if (error_code_for (rc) == SIG_STORE_ERROR_CORRUPT)
        {
          *detected = g_strdup (sqlite3_errstr (rc));
          g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_CORRUPT,
                       _("The progress database %s is damaged: %s."), store->path, *detected);
        }
      else
        sig_store_set_sqlite_error (store, rc, "quick_check", error);
      return FALSE;
    }
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

  sqlite3_busy_handler (store->db, busy_handler, &store->busy_started);
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
  for (gint64 deadline = g_get_monotonic_time () + BUSY_TIMEOUT_MS * 1000; ; g_usleep (10000))
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

  close_db (store);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_READ_ONLY,
                   _("The folder %s cannot be made (%s)."), dir, g_strerror (saved_errno));
      return FALSE;
    }
  rc = sqlite3_open_v2 (store->path, &store->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      sig_store_set_sqlite_error (store, rc, "open", error);
      close_db (store);
      return FALSE;
    }
  if (sqlite3_db_readonly (store->db, "main") == 1)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_READ_ONLY,
                   _("The file %s cannot be written."), store->path);
      close_db (store);
      return FALSE;
    }
  /* Before anything is written (WAL changes the file header): a database of a
   * newer Signaal stays exactly as it is. */
  sqlite3_busy_handler (store->db, busy_handler, &store->busy_started);
  if (sig_store_schema_get_version (store->db) > SIG_STORE_SCHEMA_VERSION)
    {
      g_autoptr(GError) ignored = NULL;

      sig_store_schema_migrate (store->db, SIG_STORE_SCHEMA_VERSION, error);
      close_db (store);
      return FALSE;
    }
  if (!configure_connection (store, TRUE, error) ||
      !check_sound (store, detected, error) ||
      !sig_store_schema_migrate (store->db, SIG_STORE_SCHEMA_VERSION, error) ||
      !ensure_installation_id (store, error))
    {
      close_db (store);
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
  sqlite3_busy_handler (store->db, busy_handler, &store->busy_started);
  return sig_store_exec (store, "PRAGMA foreign_keys = ON", error) &&
         sig_store_schema_migrate (store->db, SIG_STORE_SCHEMA_VERSION, error);
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

  close_db (store);
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
  if (rc != SQLITE_OK || version < 0)
    {
      /* A WAL database in a folder we cannot write, without its -shm file:
       * open it as immutable (nothing else can be writing it then either). */
      close_db (store);
      uri = g_strconcat ("file:", store->path, "?immutable=1", NULL);
      rc = sqlite3_open_v2 (uri, &store->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
      if (rc != SQLITE_OK)
        {
          g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_READ_ONLY,
                       _("The progress database %s cannot be read (%s). Check the permissions of the file and its folder."),
                       store->path, sqlite3_errstr (rc));
          close_db (store);
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
      close_db (store);
      return FALSE;
    }
  if (!check_sound (store, &detected, &local_error))
    {
      SigStoreRecovery *recovery;

      if (!g_error_matches (local_error, SIG_STORE_ERROR, SIG_STORE_ERROR_CORRUPT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          close_db (store);
          return FALSE;
        }
      /* Damaged and not writable: recover into memory, leave the file alone. */
      close_db (store);
      if (!open_memory_copy (store, NULL, error))
        return FALSE;
      recovery = g_new0 (SigStoreRecovery, 1);
      recovery->detected = g_steal_pointer (&detected);
      sig_store_recover_into (store->db, store->path, recovery, NULL);
      recovery->message = g_strdup_printf (_("Your progress database is damaged and its folder cannot be written, so it could not be repaired. What could be read (%u records) is shown, read-only. Make %s writable and restart Signaal to repair it."),
                                           recovery->rows_recovered, store->path);
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
      if (data == NULL)
        {
          g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_FAILED,
                       _("The progress database %s is in an older format and cannot be read without updating it. Make it writable and restart Signaal."),
                       store->path);
          close_db (store);
          return FALSE;
        }
      bytes = g_bytes_new_with_free_func (data, size, sqlite3_free, data);
      close_db (store);
      if (!open_memory_copy (store, bytes, error))
        {
          close_db (store);
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

  close_db (store);
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
  g_object_notify_by_pspec (G_OBJECT (store), properties[PROP_READ_ONLY]);
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

/* ---- Signals --------------------------------------------------------------- */

void
sig_store_emit_profiles_changed (SigStore *store)
{
  g_signal_emit (store, signals[PROFILES_CHANGED], 0);
}

void
sig_store_emit_library_changed (SigStore *store)
{
  g_signal_emit (store, signals[LIBRARY_CHANGED], 0);
}

void
sig_store_emit_progress_changed (SigStore   *store,
                                 const char *profile_id,
                                 const char *course_id)
{
  g_signal_emit (store, signals[PROGRESS_CHANGED], 0, profile_id, course_id);
}

/* ---- Profiles -------------------------------------------------------------- */

static const char *sectors[] = {
  "healthcare", "education", "dental", "hair-beauty", "childcare",
  "social-work", "sport-community", "general", NULL
};

static gboolean
check_profile_fields (const char  *name,
                      const char  *sector,
                      const char  *language,
                      GError     **error)
{
  g_autofree char *stripped = name ? g_strstrip (g_strdup (name)) : NULL;

  if (name != NULL && (!g_utf8_validate (name, -1, NULL) || *stripped == '\0' ||
                       g_utf8_strlen (name, -1) > 200))
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_INVALID,
                   _("A profile needs a name of 1 to 200 characters."));
      return FALSE;
    }
  if (sector != NULL && !g_strv_contains (sectors, sector))
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_INVALID,
                   _("“%s” is not a sector. Use one of: healthcare, education, dental, hair-beauty, childcare, social-work, sport-community, general."),
                   sector);
      return FALSE;
    }
  if (language != NULL && !g_str_equal (language, "nl") && !g_str_equal (language, "en"))
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_INVALID,
                   _("“%s” is not a language of Signaal. Use nl or en."), language);
      return FALSE;
    }
  return TRUE;
}

#define PROFILE_COLUMNS "id, name, certificate_name, sector, language, created"

GPtrArray *
sig_store_list_profiles (SigStore  *store,
                         GError   **error)
{
  g_autoptr(GPtrArray) profiles = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SIG_IS_STORE (store), NULL);

  stmt = sig_store_prepare (store, "SELECT " PROFILE_COLUMNS " FROM profiles ORDER BY name COLLATE NOCASE, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (profiles, sig_profile_new_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "list profiles", error);
      return NULL;
    }
  return g_steal_pointer (&profiles);
}

static SigProfile *
get_profile_by (SigStore    *store,
                const char  *column,
                const char  *value,
                GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT " PROFILE_COLUMNS " FROM profiles WHERE %s = ?", column);
  sqlite3_stmt *stmt = sig_store_prepare (store, sql, error);
  SigProfile *profile = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    profile = sig_profile_new_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_FOUND,
                 _("There is no profile “%s”. Choose one of the profiles on this computer, or make a new one."), value);
  else if (rc != SQLITE_ROW)
    sig_store_set_sqlite_error (store, rc, "profile", error);
  return profile;
}

SigProfile *
sig_store_get_profile (SigStore    *store,
                       const char  *profile_id,
                       GError     **error)
{
  g_return_val_if_fail (SIG_IS_STORE (store), NULL);
  g_return_val_if_fail (profile_id != NULL, NULL);
  return get_profile_by (store, "id", profile_id, error);
}

SigProfile *
sig_store_find_profile (SigStore    *store,
                        const char  *name,
                        GError     **error)
{
  g_return_val_if_fail (SIG_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return get_profile_by (store, "name", name, error);
}

static gboolean
name_taken (SigStore    *store,
            const char  *name,
            GError     **error)
{
  sqlite3_stmt *stmt = sig_store_prepare (store, "SELECT 1 FROM profiles WHERE name = ?", NULL);
  gboolean taken;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  taken = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (taken)
    g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_EXISTS,
                 _("There is already a profile called “%s”. Choose another name."), name);
  return taken;
}

SigProfile *
sig_store_create_profile (SigStore    *store,
                          const char  *name,
                          const char  *certificate_name,
                          const char  *sector,
                          const char  *language,
                          GError     **error)
{
  g_autofree char *id = sig_store_new_uuid ();
  g_autofree char *clean_name = NULL;
  g_autofree char *clean_certificate = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SIG_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!check_profile_fields (name, sector, language, error) ||
      (certificate_name != NULL && !check_profile_fields (certificate_name, NULL, NULL, error)))
    return NULL;
  clean_name = g_strstrip (g_strdup (name));
  clean_certificate = g_strstrip (g_strdup (certificate_name ? certificate_name : name));

  if (!sig_store_begin (store, error))
    return NULL;
  if (name_taken (store, clean_name, error))
    {
      sig_store_rollback (store);
      return NULL;
    }
  stmt = sig_store_prepare (store, "INSERT INTO profiles (" PROFILE_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    {
      sig_store_rollback (store);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, clean_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, clean_certificate, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, sector ? sector : "general", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, language ? language : "nl", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, sig_store_now ());
  if (!sig_store_step_done (store, stmt, error) || !sig_store_commit (store, error))
    {
      sig_store_rollback (store);
      return NULL;
    }
  sig_store_emit_profiles_changed (store);
  return sig_store_get_profile (store, id, error);
}

static gboolean
update_profile_column (SigStore    *store,
                       const char  *profile_id,
                       const char  *column,
                       const char  *value,
                       GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE profiles SET %s = ? WHERE id = ?", column);
  sqlite3_stmt *stmt = sig_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, profile_id, -1, SQLITE_STATIC);
  return sig_store_step_done (store, stmt, error);
}

static gboolean
profile_exists (SigStore    *store,
                const char  *profile_id,
                GError     **error)
{
  g_autoptr(SigProfile) profile = sig_store_get_profile (store, profile_id, error);

  return profile != NULL;
}

gboolean
sig_store_rename_profile (SigStore    *store,
                          const char  *profile_id,
                          const char  *new_name,
                          GError     **error)
{
  g_autofree char *clean = NULL;
  g_autoptr(SigProfile) profile = NULL;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL && new_name != NULL, FALSE);

  if (!check_profile_fields (new_name, NULL, NULL, error))
    return FALSE;
  clean = g_strstrip (g_strdup (new_name));
  if (!sig_store_begin (store, error))
    return FALSE;
  if ((profile = sig_store_get_profile (store, profile_id, error)) == NULL)
    {
      sig_store_rollback (store);
      return FALSE;
    }
  if (!g_str_equal (sig_profile_get_name (profile), clean) && name_taken (store, clean, error))
    {
      sig_store_rollback (store);
      return FALSE;
    }
  if (!update_profile_column (store, profile_id, "name", clean, error) ||
      !sig_store_commit (store, error))
    {
      sig_store_rollback (store);
      return FALSE;
    }
  sig_store_emit_profiles_changed (store);
  return TRUE;
}

gboolean
sig_store_update_profile (SigStore    *store,
                          const char  *profile_id,
                          const char  *certificate_name,
                          const char  *sector,
                          const char  *language,
                          GError     **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL, FALSE);

  if (!check_profile_fields (certificate_name, sector, language, error))
    return FALSE;
  clean = certificate_name ? g_strstrip (g_strdup (certificate_name)) : NULL;
  if (!sig_store_begin (store, error))
    return FALSE;
  if (!profile_exists (store, profile_id, error) ||
      (clean != NULL && !update_profile_column (store, profile_id, "certificate_name", clean, error)) ||
      (sector != NULL && !update_profile_column (store, profile_id, "sector", sector, error)) ||
      (language != NULL && !update_profile_column (store, profile_id, "language", language, error)) ||
      !sig_store_commit (store, error))
    {
      sig_store_rollback (store);
      return FALSE;
    }
  sig_store_emit_profiles_changed (store);
  return TRUE;
}

gboolean
sig_store_delete_profile (SigStore    *store,
                          const char  *profile_id,
                          GError     **error)
{
  g_autofree char *current = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL, FALSE);

  if (!sig_store_begin (store, error))
    return FALSE;
  if (!profile_exists (store, profile_id, error))
    {
      sig_store_rollback (store);
      return FALSE;
    }
  current = sig_store_setting_get (store, "current-profile");
  /* Certificates, events and attempts go with the profile (ON DELETE CASCADE);
   * explicitly too, so that nothing depends on the foreign_keys setting. */
  if (!(stmt = sig_store_prepare (store, "DELETE FROM certificates WHERE profile_id = ?", error)) ||
      (sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC), !sig_store_step_done (store, stmt, error)) ||
      !(stmt = sig_store_prepare (store, "DELETE FROM events WHERE profile_id = ?", error)) ||
      (sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC), !sig_store_step_done (store, stmt, error)) ||
      !(stmt = sig_store_prepare (store, "DELETE FROM attempts WHERE profile_id = ?", error)) ||
      (sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC), !sig_store_step_done (store, stmt, error)) ||
      !(stmt = sig_store_prepare (store, "DELETE FROM profiles WHERE id = ?", error)) ||
      (sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC), !sig_store_step_done (store, stmt, error)) ||
      (g_strcmp0 (current, profile_id) == 0 && !sig_store_setting_set (store, "current-profile", NULL, error)) ||
      !sig_store_commit (store, error))
    {
      sig_store_rollback (store);
      return FALSE;
    }
  /* Move the deleted pages out of the WAL into the (zeroed) database pages. */
  sqlite3_wal_checkpoint_v2 (store->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  sig_store_emit_profiles_changed (store);
  if (g_strcmp0 (current, profile_id) == 0)
    g_object_notify_by_pspec (G_OBJECT (store), properties[PROP_CURRENT_PROFILE]);
  return TRUE;
}

char *
sig_store_get_current_profile (SigStore *store)
{
  g_return_val_if_fail (SIG_IS_STORE (store), NULL);
  return sig_store_setting_get (store, "current-profile");
}

gboolean
sig_store_set_current_profile (SigStore    *store,
                               const char  *profile_id,
                               GError     **error)
{
  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);

  if (!sig_store_begin (store, error))
    return FALSE;
  if ((profile_id != NULL && !profile_exists (store, profile_id, error)) ||
      !sig_store_setting_set (store, "current-profile", profile_id, error) ||
      !sig_store_commit (store, error))
    {
      sig_store_rollback (store);
      return FALSE;
    }
  g_object_notify_by_pspec (G_OBJECT (store), properties[PROP_CURRENT_PROFILE]);
  return TRUE;
}

/* ---- GObject --------------------------------------------------------------- */

static void
sig_store_finalize (GObject *object)
{
  SigStore *store = SIG_STORE (object);

  close_db (store);
  g_clear_pointer (&store->statements, g_hash_table_unref);
  g_clear_pointer (&store->path, g_free);
  g_clear_pointer (&store->courses_dir, g_free);
  g_clear_pointer (&store->read_only_reason, g_free);
  g_clear_pointer (&store->installation_id, g_free);
  g_clear_pointer (&store->recovery, sig_store_recovery_free);
  g_clear_pointer (&store->library, g_ptr_array_unref);
  g_clear_object (&store->issuer);

  G_OBJECT_CLASS (sig_store_parent_class)->finalize (object);
}

static void
sig_store_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SigStore *store = SIG_STORE (object);

  switch (prop_id)
    {
    case PROP_READ_ONLY:
      g_value_set_boolean (value, store->read_only);
      break;
    case PROP_CURRENT_PROFILE:
      g_value_take_string (value, store->db ? sig_store_get_current_profile (store) : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sig_store_class_init (SigStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sig_store_finalize;
  object_class->get_property = sig_store_get_property;

  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CURRENT_PROFILE] =
    g_param_spec_string ("current-profile", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PROFILES_CHANGED] =
    g_signal_new ("profiles-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[LIBRARY_CHANGED] =
    g_signal_new ("library-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PROGRESS_CHANGED] =
    g_signal_new ("progress-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
sig_store_init (SigStore *store)
{
  store->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
}
