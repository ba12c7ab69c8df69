/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Profiles: the learners on this computer, and which one is current. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sig-store-private.h"

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
  /* Certificates, events, attempts, the review deck and the learner's settings go with the profile (ON DELETE CASCADE);
   * explicitly too, so that nothing depends on the foreign_keys setting. */
  if (!(stmt = sig_store_prepare (store, "DELETE FROM certificates WHERE profile_id = ?", error)) ||
      (sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC), !sig_store_step_done (store, stmt, error)) ||
      !(stmt = sig_store_prepare (store, "DELETE FROM events WHERE profile_id = ?", error)) ||
      (sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC), !sig_store_step_done (store, stmt, error)) ||
      !(stmt = sig_store_prepare (store, "DELETE FROM attempts WHERE profile_id = ?", error)) ||
      (sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC), !sig_store_step_done (store, stmt, error)) ||
      !(stmt = sig_store_prepare (store, "DELETE FROM review_cards WHERE profile_id = ?", error)) ||
      (sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC), !sig_store_step_done (store, stmt, error)) ||
      !(stmt = sig_store_prepare (store, "DELETE FROM review_events WHERE profile_id = ?", error)) ||
      (sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC), !sig_store_step_done (store, stmt, error)) ||
      !(stmt = sig_store_prepare (store, "DELETE FROM profile_settings WHERE profile_id = ?", error)) ||
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
    sig_store_notify_current_profile (store);
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
  sig_store_notify_current_profile (store);
  return TRUE;
}

