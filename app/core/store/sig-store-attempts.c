/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Attempts as the learner sees them: the answers of the latest attempt, to
 * review them, taking back a new attempt that holds nothing yet, and whether
 * an attempt was played by a tool. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sig-store-projection.h"
#include "sig-store.h"

GHashTable *
sig_store_get_answers (SigStore    *store,
                       const char  *profile_id,
                       const char  *course_id,
                       GError     **error)
{
  g_autoptr(SigStoreCourseState) state = NULL;
  SigStoreAttempt *attempt;
  GHashTable *answers;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (SIG_IS_STORE (store), NULL);
  g_return_val_if_fail (profile_id != NULL && course_id != NULL, NULL);

  if ((state = sig_store_projection_load (store, profile_id, course_id, error)) == NULL)
    return NULL;
  attempt = state->attempt;
  answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (attempt == NULL)
    return answers;
  g_hash_table_iter_init (&iter, attempt->answers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      SigStoreAnswer *answer = value;

      if (answer->response != NULL)
        g_hash_table_insert (answers, g_strdup (key), g_strdup (answer->response));
    }
  return answers;
}

gboolean
sig_store_discard_attempt (SigStore    *store,
                           const char  *profile_id,
                           const char  *course_id,
                           const char  *registration,
                           GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;
  gint64 others;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL && course_id != NULL && registration != NULL, FALSE);

  if (!sig_store_begin (store, error))
    return FALSE;
  /* Only an attempt of this learner and course, with nothing but its start. */
  stmt = sig_store_prepare (store,
                            "SELECT (SELECT COUNT(*) FROM attempts WHERE registration = ?1 AND profile_id = ?2 AND course_id = ?3), "
                            "       (SELECT COUNT(*) FROM events WHERE registration = ?1 AND kind <> 'started')",
                            error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, registration, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, course_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      sig_store_set_sqlite_error (store, rc, "attempt", error);
      goto fail;
    }
  if (sqlite3_column_int64 (stmt, 0) != 1)
    {
      sqlite3_reset (stmt);
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_INVALID,
                   _("This attempt is not in the progress store."));
      goto fail;
    }
  others = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  if (others > 0)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_INVALID,
                   _("This attempt already holds answers; it is kept."));
      goto fail;
    }
  if (!(stmt = sig_store_prepare (store, "DELETE FROM events WHERE registration = ?", error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, registration, -1, SQLITE_STATIC);
  if (!sig_store_step_done (store, stmt, error))
    goto fail;
  if (!(stmt = sig_store_prepare (store, "DELETE FROM attempts WHERE registration = ?", error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, registration, -1, SQLITE_STATIC);
  if (!sig_store_step_done (store, stmt, error) ||
      !sig_store_projection_refold (store, profile_id, course_id, error) ||
      !sig_store_commit (store, error))
    goto fail;
  sig_store_emit_progress_changed (store, profile_id, course_id);
  return TRUE;

fail:
  sig_store_rollback (store);
  return FALSE;
}

gboolean
sig_store_attempt_is_automated (SigStore   *store,
                                const char *registration)
{
  sqlite3_stmt *stmt;
  gboolean automated = FALSE;

  if (registration == NULL)
    return FALSE;
  stmt = sig_store_prepare (store, "SELECT automated FROM attempts WHERE registration = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, registration, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    automated = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return automated;
}

gboolean
sig_store_mark_attempt_automated (SigStore    *store,
                                  const char  *registration,
                                  GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (registration != NULL, FALSE);

  if (!sig_store_begin (store, error))
    return FALSE;
  if (!(stmt = sig_store_prepare (store, "UPDATE attempts SET automated = 1 WHERE registration = ?", error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, registration, -1, SQLITE_STATIC);
  if (!sig_store_step_done (store, stmt, error))
    goto fail;
  if (sqlite3_changes (store->db) != 1)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_FOUND,
                   _("This attempt is not in the progress store."));
      goto fail;
    }
  return sig_store_commit (store, error);

fail:
  sig_store_rollback (store);
  return FALSE;
}
