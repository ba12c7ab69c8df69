/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The projections of the event log in the database (schema 4): one row per
 * attempt (attempt_projection) and one per learner and course
 * (course_projection), each with its columns for SQL and the state as JSON
 * (sig_store_course_state_to_json()). They change only together with the log:
 * sig_store_projection_append() writes an event and folds it in the same
 * transaction. The size of a row is bounded by the course, not by how many
 * events there are, so recording an answer costs the same after 10 000. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sig-store-projection.h"

static const char *
status_text (SigProgressStatus status)
{
  return sig_progress_status_to_string (status);
}

static gboolean
save_attempt (SigStore              *store,
              const char            *profile_id,
              const char            *course_id,
              const SigStoreAttempt *attempt,
              const char            *loaded,
              GError               **error)
{
  g_autoptr(JsonNode) node = sig_store_attempt_to_json (attempt);
  g_autofree char *text = json_to_string (node, FALSE);
  sqlite3_stmt *stmt;

  if (g_strcmp0 (text, loaded) == 0)
    return TRUE;

  stmt = sig_store_prepare (store,
                            "INSERT OR REPLACE INTO attempt_projection (registration, profile_id, course_id, finished, "
                            "result, score, finished_at, item_events, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, attempt->registration, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, course_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, attempt->finished);
  sqlite3_bind_text (stmt, 5, status_text (attempt->finished ? attempt->result : SIG_PROGRESS_IN_PROGRESS), -1, SQLITE_STATIC);
  if (attempt->finished && attempt->result_has_score)
    sqlite3_bind_double (stmt, 6, attempt->result_score);
  if (attempt->finished)
    sqlite3_bind_int64 (stmt, 7, attempt->finished_at);
  sqlite3_bind_int (stmt, 8, attempt->item_events);
  sqlite3_bind_text (stmt, 9, text, -1, SQLITE_STATIC);
  return sig_store_step_done (store, stmt, error);
}

gboolean
sig_store_projection_save (SigStore                  *store,
                           const char                *profile_id,
                           const char                *course_id,
                           const SigStoreCourseState *state,
                           GError                   **error)
{
  g_autofree char *text = sig_store_course_state_to_json (state, FALSE);
  sqlite3_stmt *stmt;

  if (state->attempt != NULL && state->attempt->registration != NULL &&
      !save_attempt (store, profile_id, course_id, state->attempt, state->loaded_attempt, error))
    return FALSE;
  if (g_strcmp0 (text, state->loaded_course) == 0)
    return TRUE;
  stmt = sig_store_prepare (store,
                            "INSERT OR REPLACE INTO course_projection (profile_id, course_id, registration, "
                            "attempts, standing, score, best_score, completed_at, refresher_since, state) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, course_id, -1, SQLITE_STATIC);
  sig_store_bind_text_or_null (stmt, 3, state->attempt ? state->attempt->registration : NULL);
  sqlite3_bind_int (stmt, 4, state->attempts);
  sqlite3_bind_text (stmt, 5, status_text (state->standing), -1, SQLITE_STATIC);
  if (state->standing != SIG_PROGRESS_NOT_STARTED && state->standing_has_score)
    sqlite3_bind_double (stmt, 6, state->standing_score);
  if (state->best_score >= 0)
    sqlite3_bind_double (stmt, 7, state->best_score);
  if (state->completed_at > 0)
    sqlite3_bind_int64 (stmt, 8, state->completed_at);
  sqlite3_bind_int64 (stmt, 9, state->refresher_since);
  sqlite3_bind_text (stmt, 10, text, -1, SQLITE_STATIC);
  return sig_store_step_done (store, stmt, error);
}

static void
set_unreadable (const char  *profile_id,
                const char  *course_id,
                GError     **error)
{
  g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_CORRUPT,
               _("The saved progress of %s in “%s” cannot be read. Restart Signaal to rebuild it from the recorded events; nothing is lost."),
               profile_id, course_id);
}

SigStoreCourseState *
sig_store_projection_load (SigStore    *store,
                           const char  *profile_id,
                           const char  *course_id,
                           GError     **error)
{
  g_autoptr(SigStoreCourseState) state = NULL;
  g_autofree char *registration = NULL;
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = sig_store_prepare (store, "SELECT state, registration FROM course_projection WHERE profile_id = ? AND course_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, course_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      text = g_strdup (sig_store_column_text (stmt, 0));
      registration = g_strdup (sig_store_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "progress", error);
      return NULL;
    }
  if (text == NULL)
    return sig_store_course_state_new ();
  if ((state = sig_store_course_state_from_json (text)) == NULL)
    {
      set_unreadable (profile_id, course_id, error);
      return NULL;
    }
  state->loaded_course = g_steal_pointer (&text);
  if (registration == NULL)
    return g_steal_pointer (&state);

  stmt = sig_store_prepare (store, "SELECT state FROM attempt_projection WHERE registration = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, registration, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    text = g_strdup (sig_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "progress", error);
      return NULL;
    }
  if (text != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();

      if (json_parser_load_from_data (parser, text, -1, NULL))
        state->attempt = sig_store_attempt_from_json (json_parser_get_root (parser));
      state->loaded_attempt = g_steal_pointer (&text);
    }
  if (state->attempt == NULL)
    {
      set_unreadable (profile_id, course_id, error);
      return NULL;
    }
  return g_steal_pointer (&state);
}

gboolean
sig_store_projection_append (SigStore            *store,
                             const char          *profile_id,
                             SigCourse           *course,
                             SigStoreCourseState *state,
                             SigStoreEvent       *event,
                             char               **statement_id_out,
                             SigStoreFoldChange  *change,
                             GError             **error)
{
  g_autofree char *statement_id = sig_store_new_uuid ();
  sqlite3_stmt *stmt;

  if (event->registration == NULL)
    event->registration = state->attempt ? state->attempt->registration : NULL;
  g_return_val_if_fail (event->registration != NULL, FALSE);
  event->statement_id = statement_id;
  event->course_version = course->version;
  event->time = sig_store_now ();

  stmt = sig_store_prepare (store,
                            "INSERT INTO events (statement_id, profile_id, registration, course_id, course_version, kind, "
                            "module_id, item_id, response, correct, points, max_points, node_id, state, phase, time) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, statement_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, event->registration, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, course->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, course->version, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, sig_store_event_kind_to_string (event->kind), -1, SQLITE_STATIC);
  sig_store_bind_text_or_null (stmt, 7, event->module_id);
  sig_store_bind_text_or_null (stmt, 8, event->item_id);
  sig_store_bind_text_or_null (stmt, 9, event->response);
  if (event->correct >= 0)
    sqlite3_bind_int (stmt, 10, event->correct);
  if (event->has_points)
    {
      sqlite3_bind_double (stmt, 11, event->points);
      sqlite3_bind_double (stmt, 12, event->max_points);
    }
  sig_store_bind_text_or_null (stmt, 13, event->node_id);
  sig_store_bind_text_or_null (stmt, 14, event->state);
  sig_store_bind_text_or_null (stmt, 15, event->phase);
  sqlite3_bind_int64 (stmt, 16, event->time);
  if (!sig_store_step_done (store, stmt, error))
    return FALSE;
  event->id = sqlite3_last_insert_rowid (store->db);

  sig_store_fold (state, event, change);
  /* Its statements for the organisation's LRS, when there is a connection:
   * in this transaction, so a statement exists exactly when its event does. */
  if (!sig_store_outbox_add (store, profile_id, course, state, event, error))
    return FALSE;
  /* The strings of @event are borrowed: only the fold may keep them (it copies). */
  event->statement_id = NULL;
  if (statement_id_out != NULL)
    *statement_id_out = g_steal_pointer (&statement_id);
  return TRUE;
}

/* ---- Rebuilding ------------------------------------------------------------------ */

static void
event_from_row (sqlite3_stmt  *stmt,
                SigStoreEvent *event)
{
  /* Columns as in the SELECT of fold_log(), from 2 on. */
  event->id = sqlite3_column_int64 (stmt, 2);
  event->statement_id = sig_store_column_text (stmt, 3);
  event->registration = sig_store_column_text (stmt, 4);
  event->course_version = sig_store_column_text (stmt, 5);
  event->module_id = sig_store_column_text (stmt, 7);
  event->item_id = sig_store_column_text (stmt, 8);
  event->response = sig_store_column_text (stmt, 9);
  event->node_id = sig_store_column_text (stmt, 10);
  event->state = sig_store_column_text (stmt, 11);
  event->phase = sig_store_column_text (stmt, 12);
  event->correct = sqlite3_column_type (stmt, 13) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 13);
  event->has_points = sqlite3_column_type (stmt, 15) != SQLITE_NULL;
  event->points = sqlite3_column_double (stmt, 14);
  event->max_points = sqlite3_column_double (stmt, 15);
  event->time = sqlite3_column_int64 (stmt, 16);
}

typedef struct {
  char *profile_id;
  char *course_id;
  SigStoreCourseState *state;
} Folding;

static void
folding_free (Folding *folding)
{
  g_free (folding->profile_id);
  g_free (folding->course_id);
  sig_store_course_state_free (folding->state);
  g_free (folding);
}

gboolean
sig_store_projection_rebuild (SigStore  *store,
                              GError   **error)
{
  g_autoptr(GHashTable) states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) folding_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  if (!sig_store_exec (store, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!sig_store_exec (store, "DELETE FROM attempt_projection; DELETE FROM course_projection;", error))
    goto fail;
  stmt = sig_store_prepare (store,
                            "SELECT profile_id, course_id, id, statement_id, registration, course_version, kind, "
                            "module_id, item_id, response, node_id, state, phase, correct, points, max_points, time "
                            "FROM events ORDER BY id", error);
  if (stmt == NULL)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *profile_id = sig_store_column_text (stmt, 0);
      const char *course_id = sig_store_column_text (stmt, 1);
      g_autofree char *key = g_strconcat (profile_id, "\x1f", course_id, NULL);
      SigStoreEvent event = SIG_STORE_EVENT_INIT;
      Folding *folding = g_hash_table_lookup (states, key);

      if (!sig_store_event_kind_from_string (sig_store_column_text (stmt, 6), &event.kind))
        continue;
      if (folding == NULL)
        {
          folding = g_new0 (Folding, 1);
          folding->profile_id = g_strdup (profile_id);
          folding->course_id = g_strdup (course_id);
          folding->state = sig_store_course_state_new ();
          g_hash_table_insert (states, g_steal_pointer (&key), folding);
          g_ptr_array_add (order, folding);
        }
      event_from_row (stmt, &event);
      /* An attempt that is no longer the latest keeps its row as it is now. */
      if (event.kind == SIG_STORE_EVENT_STARTED && folding->state->attempt != NULL &&
          g_strcmp0 (folding->state->attempt->registration, event.registration) != 0 &&
          !save_attempt (store, profile_id, course_id, folding->state->attempt, NULL, error))
        {
          sqlite3_reset (stmt);
          goto fail;
        }
      sig_store_fold (folding->state, &event, NULL);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "events", error);
      goto fail;
    }
  for (guint i = 0; i < order->len; i++)
    {
      Folding *folding = order->pdata[i];

      if (!sig_store_projection_save (store, folding->profile_id, folding->course_id, folding->state, error))
        goto fail;
    }
  if (!sig_store_exec (store, "INSERT OR REPLACE INTO settings (key, value) VALUES ('projection', '"
                              SIG_STORE_PROJECTION_VERSION "')", error) ||
      !sig_store_exec (store, "COMMIT", error))
    goto fail;
  g_debug ("Projections rebuilt from the events of %u courses", order->len);
  return TRUE;

fail:
  sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

gboolean
sig_store_projection_refold (SigStore    *store,
                             const char  *profile_id,
                             const char  *course_id,
                             GError     **error)
{
  g_autoptr(SigStoreCourseState) state = sig_store_course_state_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = sig_store_prepare (store,
                            "SELECT profile_id, course_id, id, statement_id, registration, course_version, kind, "
                            "module_id, item_id, response, node_id, state, phase, correct, points, max_points, time "
                            "FROM events WHERE profile_id = ? AND course_id = ? ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, course_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SigStoreEvent event = SIG_STORE_EVENT_INIT;

      if (!sig_store_event_kind_from_string (sig_store_column_text (stmt, 6), &event.kind))
        continue;
      event_from_row (stmt, &event);
      if (event.kind == SIG_STORE_EVENT_STARTED && state->attempt != NULL &&
          g_strcmp0 (state->attempt->registration, event.registration) != 0 &&
          !save_attempt (store, profile_id, course_id, state->attempt, NULL, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      sig_store_fold (state, &event, NULL);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "events", error);
      return FALSE;
    }
  return sig_store_projection_save (store, profile_id, course_id, state, error);
}

gboolean
sig_store_projection_ensure (SigStore  *store,
                             GError   **error)
{
  g_autofree char *version = sig_store_setting_get (store, "projection");

  if (g_strcmp0 (version, SIG_STORE_PROJECTION_VERSION) == 0)
    return TRUE;
  if (store->read_only && !store->in_memory_copy)
    {
      g_message ("The projections of %s are not up to date and the store is read-only", store->path);
      return TRUE;
    }
  return sig_store_projection_rebuild (store, error);
}

GHashTable *
sig_store_load_pre_answers (SigStore    *store,
                            const char  *profile_id,
                            const char  *course_id,
                            GError     **error)
{
  g_autoptr(SigStoreCourseState) state = sig_store_projection_load (store, profile_id, course_id, error);

  return state ? g_hash_table_ref (state->pre_answers) : NULL;
}
