/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Recovering what can be read from a damaged progress database.
 *
 * SQLite 3.40 has no recovery API without its extension, so this reads the
 * damaged file table by table in rowid order with plain SELECTs. When a read
 * fails, it skips ahead (rowid + 1, + 2, + 4, …) to find the next readable
 * part of the b-tree, so one bad page does not lose the rest of a table.
 * Rows are copied into the fresh database with the columns both have, so an
 * older damaged database can be recovered into the current schema. Events and
 * attempts whose profile row was lost get a placeholder profile, so no answer
 * is dropped for want of its learner. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sig-store-private.h"

/* In the order that keeps foreign keys satisfied. */
static const char *tables[] = { "settings", "profiles", "profile_settings", "attempts", "events", "library",
                                "certificates", "outbox", "review_events" };

static GPtrArray *
table_columns (sqlite3    *db,
               const char *schema,
               const char *table)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s.table_info (%s)", schema, table);
  GPtrArray *columns = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  return columns;
}

static gboolean
contains (GPtrArray  *strings,
          const char *value)
{
  for (guint i = 0; i < strings->len; i++)
    if (g_str_equal (strings->pdata[i], value))
      return TRUE;
  return FALSE;
}

/* Copies one table; returns the rows copied, adds read failures to *lost. */
static guint
copy_table (sqlite3    *fresh,
            sqlite3    *damaged,
            const char *table,
            guint      *lost)
{
  g_autoptr(GPtrArray) to_columns = table_columns (fresh, "main", table);
  g_autoptr(GPtrArray) from_columns = table_columns (damaged, "main", table);
  g_autoptr(GPtrArray) shared = g_ptr_array_new ();
  g_autoptr(GString) select = g_string_new ("SELECT rowid");
  g_autoptr(GString) insert = NULL;
  g_autoptr(GString) values = g_string_new (NULL);
  sqlite3_stmt *read = NULL;
  sqlite3_stmt *write = NULL;
  sqlite3_int64 next = G_MININT64;
  guint copied = 0;
  guint misses = 0;
  gboolean without_rowid = FALSE;

  for (guint i = 0; i < to_columns->len; i++)
    if (contains (from_columns, to_columns->pdata[i]))
      g_ptr_array_add (shared, to_columns->pdata[i]);
  if (shared->len == 0)
    return 0;

  /* A table WITHOUT ROWID (profile_settings) is read in one pass: there is
   * no rowid to skip ahead by. */
  {
    g_autofree char *probe_sql = g_strdup_printf ("SELECT rowid FROM main.%s LIMIT 0", table);
    sqlite3_stmt *probe = NULL;

    without_rowid = sqlite3_prepare_v2 (damaged, probe_sql, -1, &probe, NULL) != SQLITE_OK;
    sqlite3_finalize (probe);
    if (without_rowid)
      g_string_assign (select, "SELECT NULL");
  }

  insert = g_string_new (NULL);
  /* Settings of the damaged file (the installation id) win over the fresh ones. */
  g_string_append_printf (insert, "INSERT OR %s INTO main.%s (",
                          g_str_equal (table, "settings") ? "REPLACE" : "IGNORE", table);
  for (guint i = 0; i < shared->len; i++)
    {
      g_string_append_printf (select, ", \"%s\"", (char *) shared->pdata[i]);
      g_string_append_printf (insert, "%s\"%s\"", i ? ", " : "", (char *) shared->pdata[i]);
      g_string_append_printf (values, "%s?", i ? ", " : "");
    }
  if (without_rowid)
    g_string_append_printf (select, " FROM main.%s WHERE ?1 IS NOT NULL OR 1", table);
  else
    g_string_append_printf (select, " FROM main.%s WHERE rowid >= ? ORDER BY rowid", table);
  g_string_append_printf (insert, ") VALUES (%s)", values->str);

  if (sqlite3_prepare_v2 (damaged, select->str, -1, &read, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (fresh, insert->str, -1, &write, NULL) != SQLITE_OK)
    {
      g_message ("Recovery: the table %s cannot be read: %s", table, sqlite3_errmsg (damaged));
      (*lost)++;
      sqlite3_finalize (read);
      sqlite3_finalize (write);
      return 0;
    }

  while (TRUE)
    {
      int rc;

      sqlite3_reset (read);
      sqlite3_bind_int64 (read, 1, next);
      while ((rc = sqlite3_step (read)) == SQLITE_ROW)
        {
          next = sqlite3_column_int64 (read, 0) + 1;
          misses = 0;
          sqlite3_reset (write);
          for (guint i = 0; i < shared->len; i++)
            sqlite3_bind_value (write, i + 1, sqlite3_column_value (read, i + 1));
          if (sqlite3_step (write) == SQLITE_DONE && sqlite3_changes (fresh) > 0)
            copied++;
          else
            (*lost)++;
        }
      if (rc == SQLITE_DONE || without_rowid)
        {
          if (rc != SQLITE_DONE)
            (*lost)++;
          break;
        }
      /* A damaged part of the b-tree: skip ahead, further each time. */
      (*lost)++;
      if (misses >= 62 || next == G_MAXINT64)
        break;
      if (next == G_MININT64)
        next = 0;
      next += (sqlite3_int64) 1 << misses;
      misses++;
    }
  sqlite3_finalize (read);
  sqlite3_finalize (write);
  return copied;
}

static guint
add_placeholder_profiles (sqlite3 *fresh)
{
  const char *orphans =
    "SELECT DISTINCT profile_id FROM attempts WHERE profile_id NOT IN (SELECT id FROM profiles) "
    "UNION SELECT DISTINCT profile_id FROM events WHERE profile_id NOT IN (SELECT id FROM profiles) "
    "UNION SELECT DISTINCT profile_id FROM certificates WHERE profile_id NOT IN (SELECT id FROM profiles) "
    "UNION SELECT DISTINCT profile_id FROM review_events WHERE profile_id NOT IN (SELECT id FROM profiles) "
    "UNION SELECT DISTINCT profile_id FROM outbox WHERE profile_id NOT IN (SELECT id FROM profiles)";
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  guint added = 0;

  if (sqlite3_prepare_v2 (fresh, orphans, -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      /* Not translated into the database: a name the learner can rename. */
      g_autofree char *name = g_strdup_printf (_("Recovered learner %u"), i + 1);

      stmt = NULL;
      if (sqlite3_prepare_v2 (fresh,
                              "INSERT OR IGNORE INTO profiles (id, name, certificate_name, sector, language, created) "
                              "VALUES (?1, ?2 || ' (' || substr (?1, 1, 8) || ')', ?2, 'general', 'nl', ?3)",
                              -1, &stmt, NULL) == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, ids->pdata[i], -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
          if (sqlite3_step (stmt) == SQLITE_DONE)
            added++;
        }
      sqlite3_finalize (stmt);
    }

  /* Attempts lost while their events survived: rebuilt from the events. */
  sqlite3_exec (fresh,
                "INSERT OR IGNORE INTO attempts (registration, profile_id, course_id, course_version, started) "
                "SELECT registration, profile_id, course_id, min (course_version), min (time) FROM events "
                "WHERE registration NOT IN (SELECT registration FROM attempts) GROUP BY registration",
                NULL, NULL, NULL);
  return added;
}

gboolean
sig_store_recover_into (sqlite3          *fresh,
                        const char       *damaged_path,
                        SigStoreRecovery *recovery,
                        GError          **error)
{
  sqlite3 *damaged = NULL;
  int rc;

  rc = sqlite3_open_v2 (damaged_path, &damaged, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      /* Never write to the damaged file: no checkpoint of its WAL on close. */
      sqlite3_db_config (damaged, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
      sqlite3_exec (damaged, "PRAGMA query_only = ON", NULL, NULL, NULL);
    }
  else
    {
      sqlite3_close_v2 (damaged);
      damaged = NULL;
      rc = sqlite3_open_v2 (damaged_path, &damaged, SQLITE_OPEN_READONLY, NULL);
    }
  if (rc != SQLITE_OK)
    {
      recovery->rows_lost++;
      sqlite3_close_v2 (damaged);
      g_message ("Recovery: %s cannot be opened: %s", damaged_path, sqlite3_errstr (rc));
      return TRUE;   /* nothing readable: the fresh database stays empty */
    }

  if (sqlite3_exec (damaged, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) != SQLITE_OK)
    {
      /* The schema itself is unreadable: no table can be found. */
      recovery->rows_lost++;
      g_message ("Recovery: the schema of %s cannot be read: %s", damaged_path, sqlite3_errmsg (damaged));
    }
  sqlite3_exec (fresh, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
  if (sqlite3_exec (fresh, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_FAILED,
                   _("The damaged progress database could not be copied: %s."), sqlite3_errmsg (fresh));
      sqlite3_close_v2 (damaged);
      sqlite3_exec (fresh, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      guint copied = copy_table (fresh, damaged, tables[i], &recovery->rows_lost);

      if (copied > 0)
        recovery->tables_recovered++;
      recovery->rows_recovered += copied;
    }
  add_placeholder_profiles (fresh);
  rc = sqlite3_exec (fresh, "COMMIT", NULL, NULL, NULL);
  sqlite3_exec (fresh, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  sqlite3_close_v2 (damaged);
  if (rc != SQLITE_OK)
    {
      sqlite3_exec (fresh, "ROLLBACK", NULL, NULL, NULL);
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_FAILED,
                   _("The recovered progress could not be saved: %s."), sqlite3_errstr (rc));
      return FALSE;
    }
  g_message ("Recovery of %s: %u rows in %u tables copied, %u read failures",
             damaged_path, recovery->rows_recovered, recovery->tables_recovered, recovery->rows_lost);
  return TRUE;
}
