/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The outbox (see sig-store-outbox.h): a profile's organisation connection
 * in profile_settings, the statements of each event written in the event's
 * transaction, and the rows the sync reads and marks. The statements are
 * those the xAPI export writes (sig-xapi-statement.h, which uses only the
 * course model), with the organisation's account as the actor when one is
 * set. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sig-store-outbox.h"
#include "sig-store-projection.h"
#include "sig-xapi.h"
#include "sig-store-settings.h"
#include "sig-xapi-statement.h"

#define OUTBOX_LAST_SUCCESS    "outbox.last-success"
#define OUTBOX_LAST_ERROR      "outbox.last-error"
#define OUTBOX_LAST_ERROR_TIME "outbox.last-error-time"
#define OUTBOX_STOPPED         "outbox.stopped"

/* ---- Settings of a profile ---------------------------------------------------- */

/* ISO 8601 (or a number of µs since the epoch) -> µs; 0 when unreadable. */
static gint64
parse_time (const char *text)
{
  g_autoptr(GDateTime) time = NULL;
  char *end = NULL;
  gint64 number;

  if (text == NULL || *text == '\0')
    return 0;
  number = g_ascii_strtoll (text, &end, 10);
  if (end != NULL && *end == '\0' && number > 0)
    return number;
  time = g_date_time_new_from_iso8601 (text, NULL);
  return time != NULL ? g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time) : 0;
}

/* ---- The connection ----------------------------------------------------------- */

void
sig_store_connection_free (SigStoreConnection *connection)
{
  if (connection == NULL)
    return;
  g_free (connection->endpoint);
  g_free (connection->key);
  g_free (connection->account_home_page);
  g_free (connection->account_name);
  g_free (connection);
}

SigStoreConnection *
sig_store_get_connection (SigStore    *store,
                          const char  *profile_id,
                          GError     **error)
{
  g_autoptr(SigStoreConnection) connection = g_new0 (SigStoreConnection, 1);
  g_autofree char *consent = NULL;

  g_return_val_if_fail (SIG_IS_STORE (store), NULL);
  g_return_val_if_fail (profile_id != NULL, NULL);

  if (!sig_store_get_profile_setting (store, profile_id, SIG_CONNECTION_CONSENT, &consent, error))
    return NULL;
  if ((connection->consent = parse_time (consent)) == 0)
    return NULL;
  if (!sig_store_get_profile_setting (store, profile_id, SIG_CONNECTION_ENDPOINT, &connection->endpoint, error) ||
      !sig_store_get_profile_setting (store, profile_id, SIG_CONNECTION_KEY, &connection->key, error) ||
      !sig_store_get_profile_setting (store, profile_id, SIG_CONNECTION_ACCOUNT_HOMEPAGE, &connection->account_home_page, error) ||
      !sig_store_get_profile_setting (store, profile_id, SIG_CONNECTION_ACCOUNT_NAME, &connection->account_name, error))
    return NULL;
  return g_steal_pointer (&connection);
}

gboolean
sig_store_set_connection (SigStore                 *store,
                          const char               *profile_id,
                          const SigStoreConnection *connection,
                          GError                  **error)
{
  g_autoptr(SigProfile) profile = NULL;
  g_autofree char *consent = NULL;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL, FALSE);

  if (!sig_store_begin (store, error))
    return FALSE;
  if ((profile = sig_store_get_profile (store, profile_id, error)) == NULL)
    goto fail;
  if (connection != NULL)
    consent = sig_store_format_time (connection->consent > 0 ? connection->consent : sig_store_now ());
  if (!sig_store_set_profile_setting (store, profile_id, SIG_CONNECTION_ENDPOINT, connection ? connection->endpoint : NULL, error) ||
      !sig_store_set_profile_setting (store, profile_id, SIG_CONNECTION_KEY, connection ? connection->key : NULL, error) ||
      !sig_store_set_profile_setting (store, profile_id, SIG_CONNECTION_ACCOUNT_HOMEPAGE,
                            connection ? connection->account_home_page : NULL, error) ||
      !sig_store_set_profile_setting (store, profile_id, SIG_CONNECTION_ACCOUNT_NAME, connection ? connection->account_name : NULL, error) ||
      !sig_store_set_profile_setting (store, profile_id, SIG_CONNECTION_CONSENT, consent, error) ||
      !sig_store_set_profile_setting (store, profile_id, OUTBOX_STOPPED, NULL, error))
    goto fail;
  return sig_store_commit (store, error);

fail:
  sig_store_rollback (store);
  return FALSE;
}

/* ---- Writing statements in the event's transaction ---------------------------- */

static gboolean
insert_statement (SigStore    *store,
                  const char  *profile_id,
                  JsonNode    *statement,
                  gint64       created,
                  GError     **error)
{
  JsonObject *object = json_node_get_object (statement);
  const char *id = json_object_get_string_member (object, "id");
  g_autofree char *text = json_to_string (statement, FALSE);
  sqlite3_stmt *stmt;

  stmt = sig_store_prepare (store, "INSERT INTO outbox (statement_id, profile_id, statement, created) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, created);
  return sig_store_step_done (store, stmt, error);
}

/* The engine's state for a scenario ending (recorded without one): that
 * after the scenario's last choice, as the fold keeps it. */
static const char *
scenario_state (const SigStoreCourseState *state,
                const SigStoreEvent       *event)
{
  g_autofree char *key = NULL;
  const char *found = NULL;

  if (event->state != NULL || event->kind != SIG_STORE_EVENT_SCENARIO_ENDED)
    return event->state;
  key = sig_store_item_key (event->module_id, event->item_id);
  if (state->attempt != NULL)
    found = g_hash_table_lookup (state->attempt->states, key);
  if (found == NULL && state->refresher != NULL)
    found = g_hash_table_lookup (state->refresher->states, key);
  return found;
}

gboolean
sig_store_outbox_add (SigStore                  *store,
                      const char                *profile_id,
                      SigCourse                 *course,
                      const SigStoreCourseState *state,
                      const SigStoreEvent       *event,
                      GError                   **error)
{
  g_autoptr(SigStoreConnection) connection = NULL;
  g_autoptr(SigProfile) profile = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *home_page = NULL;
  g_autoptr(GError) local_error = NULL;
  SigXapiEvent view = { 0 };
  SigXapiActor actor;
  JsonArray *statements;

  if ((connection = sig_store_get_connection (store, profile_id, &local_error)) == NULL)
    {
      if (local_error == NULL)
        return TRUE;   /* no connection: nothing leaves this computer */
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if ((profile = sig_store_get_profile (store, profile_id, error)) == NULL)
    return FALSE;

  view.statement_id = event->statement_id;
  view.profile_id = profile_id;
  view.registration = event->registration;
  view.automated = sig_store_attempt_is_automated (store, event->registration);
  view.course_id = course->id;
  view.version = event->course_version ? event->course_version : course->version;
  view.kind = sig_store_event_kind_to_string (event->kind);
  view.module_id = event->module_id;
  view.item_id = event->item_id;
  view.response = event->response;
  view.has_correct = event->correct >= 0;
  view.correct = event->correct > 0;
  view.has_points = event->has_points;
  view.points = event->points;
  view.max_points = event->max_points;
  view.node_id = event->node_id;
  view.phase = event->phase;
  view.time = event->time;
  view.language = sig_profile_get_language (profile);
  view.state = scenario_state (state, event);

  if (connection->account_home_page != NULL && *connection->account_home_page != '\0' &&
      connection->account_name != NULL && *connection->account_name != '\0')
    {
      actor.home_page = connection->account_home_page;
      actor.name = connection->account_name;
    }
  else
    {
      home_page = sig_xapi_home_page (store->installation_id);
      actor.home_page = home_page;
      actor.name = profile_id;
    }

  builder = json_builder_new ();
  json_builder_begin_array (builder);
  sig_xapi_add_event_statements (builder, &view, course, NULL, &actor);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  statements = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (statements); i++)
    if (!insert_statement (store, profile_id, json_array_get_element (statements, i), event->time, error))
      return FALSE;
  return TRUE;
}

/* ---- Rows --------------------------------------------------------------------- */

void
sig_outbox_row_free (SigOutboxRow *row)
{
  if (row == NULL)
    return;
  g_free (row->statement_id);
  g_free (row->profile_id);
  g_free (row->statement);
  g_free (row->reason);
  g_free (row);
}

static SigOutboxRowState
state_from_text (const char *text)
{
  if (g_strcmp0 (text, "sent") == 0)
    return SIG_OUTBOX_SENT;
  if (g_strcmp0 (text, "refused") == 0)
    return SIG_OUTBOX_REFUSED;
  return SIG_OUTBOX_WAITING;
}

static const char *
state_to_text (SigOutboxRowState state)
{
  switch (state)
    {
    case SIG_OUTBOX_SENT:
      return "sent";
    case SIG_OUTBOX_REFUSED:
      return "refused";
    case SIG_OUTBOX_WAITING:
    default:
      return "waiting";
    }
}

#define ROW_COLUMNS "id, statement_id, profile_id, statement, state, created, tries, next_try, sent, reason"

static SigOutboxRow *
row_from_stmt (sqlite3_stmt *stmt)
{
  SigOutboxRow *row = g_new0 (SigOutboxRow, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->statement_id = g_strdup (sig_store_column_text (stmt, 1));
  row->profile_id = g_strdup (sig_store_column_text (stmt, 2));
  row->statement = g_strdup (sig_store_column_text (stmt, 3));
  row->state = state_from_text (sig_store_column_text (stmt, 4));
  row->created = sqlite3_column_int64 (stmt, 5);
  row->tries = sqlite3_column_int (stmt, 6);
  row->next_try = sqlite3_column_int64 (stmt, 7);
  row->sent = sqlite3_column_int64 (stmt, 8);
  row->reason = g_strdup (sig_store_column_text (stmt, 9));
  return row;
}

static GPtrArray *
read_rows (SigStore     *store,
           sqlite3_stmt *stmt,
           GError      **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sig_outbox_row_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, row_from_stmt (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "outbox", error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GPtrArray *
sig_store_outbox_take (SigStore    *store,
                       const char  *profile_id,
                       guint        max,
                       gboolean     due_only,
                       gint64       now,
                       GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SIG_IS_STORE (store), NULL);

  stmt = sig_store_prepare (store, "SELECT " ROW_COLUMNS " FROM outbox WHERE state = 'waiting' AND "
                                   "(?1 IS NULL OR profile_id = ?1) ORDER BY id LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  sig_store_bind_text_or_null (stmt, 1, profile_id);
  sqlite3_bind_int64 (stmt, 2, max);
  if ((rows = read_rows (store, stmt, error)) == NULL)
    return NULL;
  if (due_only && rows->len > 0 && ((SigOutboxRow *) rows->pdata[0])->next_try > now)
    g_ptr_array_set_size (rows, 0);
  return g_steal_pointer (&rows);
}

gboolean
sig_store_outbox_update (SigStore      *store,
                         SigOutboxRow **rows,
                         guint          n_rows,
                         GError       **error)
{
  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);

  if (n_rows == 0)
    return TRUE;
  if (!sig_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < n_rows; i++)
    {
      SigOutboxRow *row = rows[i];
      sqlite3_stmt *stmt;

      stmt = sig_store_prepare (store, "UPDATE outbox SET state = ?, tries = ?, next_try = ?, sent = ?, reason = ? "
                                       "WHERE id = ? AND state = 'waiting'", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, state_to_text (row->state), -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, row->tries);
      sqlite3_bind_int64 (stmt, 3, row->next_try);
      if (row->sent > 0)
        sqlite3_bind_int64 (stmt, 4, row->sent);
      sig_store_bind_text_or_null (stmt, 5, row->reason);
      sqlite3_bind_int64 (stmt, 6, row->id);
      if (!sig_store_step_done (store, stmt, error))
        goto fail;
    }
  return sig_store_commit (store, error);

fail:
  sig_store_rollback (store);
  return FALSE;
}

GStrv
sig_store_outbox_profiles (SigStore  *store,
                           GError   **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = sig_store_prepare (store, "SELECT DISTINCT profile_id FROM outbox WHERE state = 'waiting' ORDER BY profile_id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, sig_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "outbox", error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

gboolean
sig_store_outbox_note (SigStore    *store,
                       const char  *profile_id,
                       gint64       time,
                       const char  *error_text,
                       gboolean     stopped,
                       GError     **error)
{
  g_autofree char *when = sig_store_format_time (time);

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL, FALSE);

  if (!sig_store_begin (store, error))
    return FALSE;
  if (error_text == NULL)
    {
      if (!sig_store_set_profile_setting (store, profile_id, OUTBOX_LAST_SUCCESS, when, error) ||
          !sig_store_set_profile_setting (store, profile_id, OUTBOX_LAST_ERROR, NULL, error) ||
          !sig_store_set_profile_setting (store, profile_id, OUTBOX_LAST_ERROR_TIME, NULL, error) ||
          !sig_store_set_profile_setting (store, profile_id, OUTBOX_STOPPED, NULL, error))
        goto fail;
    }
  else if (!sig_store_set_profile_setting (store, profile_id, OUTBOX_LAST_ERROR, error_text, error) ||
           !sig_store_set_profile_setting (store, profile_id, OUTBOX_LAST_ERROR_TIME, when, error) ||
           !sig_store_set_profile_setting (store, profile_id, OUTBOX_STOPPED, stopped ? "unauthorized" : NULL, error))
    goto fail;
  return sig_store_commit (store, error);

fail:
  sig_store_rollback (store);
  return FALSE;
}

/* ---- State -------------------------------------------------------------------- */

void
sig_outbox_state_clear (SigOutboxState *state)
{
  g_clear_pointer (&state->last_error, g_free);
}

gboolean
sig_store_get_outbox_state (SigStore        *store,
                            const char      *profile_id,
                            SigOutboxState  *state,
                            GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  memset (state, 0, sizeof *state);
  /* The retry time of what waits is that of the oldest waiting row: nothing overtakes it. */
  stmt = sig_store_prepare (store, "SELECT state, count(*), (SELECT next_try FROM outbox WHERE state = 'waiting' AND "
                                   "(?1 IS NULL OR profile_id = ?1) ORDER BY id LIMIT 1) FROM outbox "
                                   "WHERE ?1 IS NULL OR profile_id = ?1 GROUP BY state", error);
  if (stmt == NULL)
    return FALSE;
  sig_store_bind_text_or_null (stmt, 1, profile_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    switch (state_from_text (sig_store_column_text (stmt, 0)))
      {
      case SIG_OUTBOX_SENT:
        state->sent = sqlite3_column_int (stmt, 1);
        break;
      case SIG_OUTBOX_REFUSED:
        state->refused = sqlite3_column_int (stmt, 1);
        break;
      case SIG_OUTBOX_WAITING:
      default:
        state->waiting = sqlite3_column_int (stmt, 1);
        state->next_try = sqlite3_column_int64 (stmt, 2);
        break;
      }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "outbox", error);
      return FALSE;
    }
  if (profile_id != NULL)
    {
      g_autofree char *success = NULL, *error_time = NULL, *stopped = NULL;

      if (!sig_store_get_profile_setting (store, profile_id, OUTBOX_LAST_SUCCESS, &success, error) ||
          !sig_store_get_profile_setting (store, profile_id, OUTBOX_LAST_ERROR, &state->last_error, error) ||
          !sig_store_get_profile_setting (store, profile_id, OUTBOX_LAST_ERROR_TIME, &error_time, error) ||
          !sig_store_get_profile_setting (store, profile_id, OUTBOX_STOPPED, &stopped, error))
        {
          sig_outbox_state_clear (state);
          return FALSE;
        }
      state->last_success = parse_time (success);
      state->last_error_time = parse_time (error_time);
      state->stopped = stopped != NULL;
    }
  return TRUE;
}

GPtrArray *
sig_store_list_outbox_refused (SigStore    *store,
                               const char  *profile_id,
                               GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SIG_IS_STORE (store), NULL);

  stmt = sig_store_prepare (store, "SELECT " ROW_COLUMNS " FROM outbox WHERE state = 'refused' AND "
                                   "(?1 IS NULL OR profile_id = ?1) ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sig_store_bind_text_or_null (stmt, 1, profile_id);
  return read_rows (store, stmt, error);
}
