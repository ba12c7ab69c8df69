/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A profile's own settings. */
#include "config.h"

#include "sig-store-private.h"
#include "sig-store-settings.h"

GHashTable *
sig_store_get_profile_settings (SigStore    *store,
                                const char  *profile_id,
                                GError     **error)
{
  g_autoptr(GHashTable) settings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SIG_IS_STORE (store), NULL);
  g_return_val_if_fail (profile_id != NULL, NULL);
  stmt = sig_store_prepare (store, "SELECT key, value FROM profile_settings WHERE profile_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (settings, g_strdup (sig_store_column_text (stmt, 0)),
                         g_strdup (sig_store_column_text (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "profile settings", error);
      return NULL;
    }
  return g_steal_pointer (&settings);
}

gboolean
sig_store_get_profile_setting (SigStore    *store,
                               const char  *profile_id,
                               const char  *key,
                               char       **value,
                               GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL && key != NULL && value != NULL, FALSE);
  stmt = sig_store_prepare (store, "SELECT value FROM profile_settings WHERE profile_id = ? AND key = ?", error);
  *value = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = g_strdup (sig_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "profile settings", error);
      return FALSE;
    }
  return TRUE;
}

gboolean
sig_store_set_profile_setting (SigStore    *store,
                               const char  *profile_id,
                               const char  *key,
                               const char  *value,
                               GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL && key != NULL, FALSE);
  if (!sig_store_require_writable (store, error))
    return FALSE;
  if (value != NULL)
    stmt = sig_store_prepare (store, "INSERT INTO profile_settings (profile_id, key, value) VALUES (?1, ?2, ?3) "
                                     "ON CONFLICT (profile_id, key) DO UPDATE SET value = ?3", error);
  else
    stmt = sig_store_prepare (store, "DELETE FROM profile_settings WHERE profile_id = ?1 AND key = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 3, value, -1, SQLITE_STATIC);
  return sig_store_step_done (store, stmt, error);
}

GStrv
sig_store_get_setting_values (SigStore    *store,
                              const char  *key,
                              GError     **error)
{
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SIG_IS_STORE (store), NULL);
  stmt = sig_store_prepare (store, "SELECT value FROM profile_settings WHERE key = ? ORDER BY profile_id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (values, sig_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "profile settings", error);
      return NULL;
    }
  return g_strv_builder_end (values);
}
