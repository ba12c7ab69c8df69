/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SigStore, the object: its signals and properties, errors and read-only
 * mode, statements, transactions and settings. Opening (writable, read-only,
 * recovered) is in sig-store-open.c, profiles in sig-store-profiles.c, events
 * and progress in sig-store-events.c over the fold (sig-store-fold.c) and its
 * projections (sig-store-projection.c), certificates in
 * sig-store-certificates.c, the library in sig-store-library.c. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sig-store-private.h"
#include "sig-store-projection.h"

/* Waits for another connection's write to finish. SQLite's own handler backs off
 * to 100 ms sleeps, and a neighbour that commits often can then keep the lock
 * for the whole timeout; short polls find the gaps between its transactions. */
int
sig_store_busy_handler (void *data,
                        int   attempt)
{
  gint64 *started = data;
  gint64 now = g_get_monotonic_time ();

  if (attempt == 0)
    *started = now;
  if (now - *started > (gint64) SIG_STORE_BUSY_TIMEOUT_MS * 1000)
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
  REVIEWS_CHANGED,
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

int
sig_store_error_code_for (int rc)
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
  int code = sig_store_error_code_for (rc);
  const char *detail = store->db != NULL ? sqlite3_errmsg (store->db) : sqlite3_errstr (rc);

  /* SQLite reports some writes that found no space (growing the WAL index,
   * for one) as an I/O error: the learner is told the disk is full. */
  if ((rc & 0xff) == SQLITE_IOERR && store->db != NULL && sqlite3_system_errno (store->db) == ENOSPC)
    code = SIG_STORE_ERROR_DISK_FULL;

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

/* ---- Signals --------------------------------------------------------------- */

void
sig_store_notify_read_only (SigStore *store)
{
  g_object_notify_by_pspec (G_OBJECT (store), properties[PROP_READ_ONLY]);
}

void
sig_store_notify_current_profile (SigStore *store)
{
  g_object_notify_by_pspec (G_OBJECT (store), properties[PROP_CURRENT_PROFILE]);
}

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

void
sig_store_emit_reviews_changed (SigStore   *store,
                                const char *profile_id)
{
  g_signal_emit (store, signals[REVIEWS_CHANGED], 0, profile_id);
}

/* ---- GObject --------------------------------------------------------------- */

static void
sig_store_finalize (GObject *object)
{
  SigStore *store = SIG_STORE (object);

  sig_store_close_db (store);
  g_clear_pointer (&store->statements, g_hash_table_unref);
  g_clear_pointer (&store->path, g_free);
  g_clear_pointer (&store->courses_dir, g_free);
  g_clear_pointer (&store->read_only_reason, g_free);
  g_clear_pointer (&store->private_copy_notice, g_free);
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
  signals[REVIEWS_CHANGED] =
    g_signal_new ("reviews-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
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
