/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sync of an outbox with an organisation's LRS (see sig-sync.h). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sig-lrs.h"
#include "sig-store-private.h"
#include "sig-sync.h"

#define BACKOFF_FIRST_USEC ((gint64) 30 * G_USEC_PER_SEC)
#define BACKOFF_MAX_USEC   ((gint64) 3600 * G_USEC_PER_SEC)

void
sig_sync_report_clear (SigSyncReport *report)
{
  g_clear_pointer (&report->refused_rows, g_ptr_array_unref);
  g_clear_pointer (&report->waiting_reason, g_free);
}

gint64
sig_sync_backoff (guint tries)
{
  gint64 delay = BACKOFF_FIRST_USEC;

  for (guint i = 1; i < tries && delay < BACKOFF_MAX_USEC; i++)
    delay *= 2;
  return MIN (delay, BACKOFF_MAX_USEC);
}

/* One batch in flight: its rows by statement id, and those whose fate is known. */
typedef struct {
  GHashTable *rows;            /* statement id -> SigOutboxRow* (borrowed) */
  GPtrArray *decided;          /* SigOutboxRow* (borrowed) */
  SigSyncReport *report;
  gint64 now;
} Batch;

static void
on_result (const SigLrsStatement *statement,
           SigLrsOutcome          outcome,
           const char            *reason,
           gpointer               user_data)
{
  Batch *batch = user_data;
  SigOutboxRow *row = g_hash_table_lookup (batch->rows, statement->id);

  if (row == NULL || row->state != SIG_OUTBOX_WAITING)
    return;
  row->tries++;
  g_clear_pointer (&row->reason, g_free);
  switch (outcome)
    {
    case SIG_LRS_OUTCOME_SENT:
      row->state = SIG_OUTBOX_SENT;
      row->sent = batch->now;
      batch->report->sent++;
      break;
    case SIG_LRS_OUTCOME_CONFLICT:
      row->state = SIG_OUTBOX_REFUSED;
      row->reason = g_strdup_printf (_("The learning record store holds another statement with this id: %s"),
                                     reason ? reason : "409");
      break;
    case SIG_LRS_OUTCOME_REFUSED:
    default:
      row->state = SIG_OUTBOX_REFUSED;
      row->reason = g_strdup (reason && *reason ? reason : _("refused without a reason"));
      break;
    }
  if (row->state == SIG_OUTBOX_REFUSED)
    {
      SigOutboxRow *copy = g_new0 (SigOutboxRow, 1);

      *copy = *row;
      copy->statement_id = g_strdup (row->statement_id);
      copy->profile_id = g_strdup (row->profile_id);
      copy->statement = g_strdup (row->statement);
      copy->reason = g_strdup (row->reason);
      g_ptr_array_add (batch->report->refused_rows, copy);
      batch->report->refused++;
    }
  g_ptr_array_add (batch->decided, row);
}

/* Sends @rows; FALSE when the connection stopped (with the rows not decided
 * put back to wait, with a later retry unless the credentials are at fault). */
static gboolean
send_rows (SigStore       *store,
           SigLrs         *lrs,
           GPtrArray      *rows,
           SigSyncReport  *report,
           GCancellable   *cancellable,
           GError        **error)
{
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) send_error = NULL;
  g_autoptr(GError) store_error = NULL;
  Batch batch = { 0 };
  gboolean ok;

  batch.rows = g_hash_table_new (g_str_hash, g_str_equal);
  batch.decided = g_ptr_array_new ();
  batch.report = report;
  batch.now = sig_store_now ();
  for (guint i = 0; i < rows->len; i++)
    {
      SigOutboxRow *row = rows->pdata[i];
      SigLrsStatement *statement = g_new0 (SigLrsStatement, 1);

      statement->id = row->statement_id;
      statement->json = row->statement;
      g_ptr_array_add (statements, statement);
      g_hash_table_insert (batch.rows, row->statement_id, row);
    }

  ok = sig_lrs_send (lrs, statements, on_result, &batch, cancellable, &send_error);
  if (ok && batch.decided->len < rows->len)
    {
      /* Every statement has a fate when the client returns TRUE; should one
       * not, it waits rather than being sent in a loop. */
      ok = FALSE;
      g_set_error_literal (&send_error, SIG_LRS_ERROR, SIG_LRS_ERROR_SERVER,
                           _("The learning record store did not say what became of every statement. They wait to be sent again."));
    }
  if (!ok && !g_error_matches (send_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gboolean unauthorized = g_error_matches (send_error, SIG_LRS_ERROR, SIG_LRS_ERROR_UNAUTHORIZED);

      /* Not sent: waits, tried again later (after 401/403 when the credentials change). */
      for (guint i = 0; i < rows->len; i++)
        {
          SigOutboxRow *row = rows->pdata[i];

          if (row->state != SIG_OUTBOX_WAITING)
            continue;
          row->tries++;
          row->next_try = unauthorized ? 0 : batch.now + sig_sync_backoff (row->tries);
          g_free (row->reason);
          row->reason = g_strdup (send_error->message);
          g_ptr_array_add (batch.decided, row);
        }
      report->next_try = unauthorized ? 0 : batch.now + sig_sync_backoff (((SigOutboxRow *) rows->pdata[0])->tries);
      g_free (report->waiting_reason);
      report->waiting_reason = g_strdup (send_error->message);
    }
  if (!sig_store_outbox_update (store, (SigOutboxRow **) batch.decided->pdata, batch.decided->len, &store_error))
    {
      g_propagate_error (error, g_steal_pointer (&store_error));
      ok = FALSE;
    }
  else if (!ok)
    g_propagate_error (error, g_steal_pointer (&send_error));
  g_hash_table_unref (batch.rows);
  g_ptr_array_unref (batch.decided);
  return ok;
}

gboolean
sig_sync_once (SigStore                *store,
               const char              *profile_id,
               const SigSyncConnection *connection,
               GCancellable            *cancellable,
               SigSyncReport           *report,
               GError                 **error)
{
  g_autoptr(SigLrs) lrs = NULL;
  g_autoptr(GError) local_error = NULL;
  SigOutboxState state = { 0 };
  gboolean reached = FALSE, ok = TRUE;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL && connection != NULL && report != NULL, FALSE);

  memset (report, 0, sizeof *report);
  report->refused_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sig_outbox_row_free);

  /* After a 401 or 403, automatic syncs wait for new credentials. */
  if (!connection->ignore_backoff &&
      sig_store_get_outbox_state (store, profile_id, &state, NULL) && state.stopped)
    {
      g_set_error (error, SIG_LRS_ERROR, SIG_LRS_ERROR_UNAUTHORIZED, "%s",
                   state.last_error ? state.last_error : _("The learning record store refused the key and secret. Check them in Preferences."));
      report->waiting = state.waiting;
      sig_outbox_state_clear (&state);
      return FALSE;
    }
  sig_outbox_state_clear (&state);
  if ((lrs = sig_lrs_new (connection->endpoint, connection->key, connection->secret, &local_error)) == NULL)
    ok = FALSE;
  else
    {
      if (connection->batch_size > 0)
        sig_lrs_set_batch_size (lrs, connection->batch_size);
      if (connection->timeout > 0)
        sig_lrs_set_timeout (lrs, connection->timeout);
    }

  while (ok)
    {
      g_autoptr(GPtrArray) rows = NULL;
      gint64 now = sig_store_now ();

      rows = sig_store_outbox_take (store, profile_id, sig_lrs_get_batch_size (lrs),
                                    !connection->ignore_backoff, now, &local_error);
      if (rows == NULL)
        {
          ok = FALSE;
          break;
        }
      if (rows->len == 0)
        break;
      ok = send_rows (store, lrs, rows, report, cancellable, &local_error);
      if (ok)
        reached = TRUE;
    }

  /* What the outbox says about this sync, for the interface: the LRS was
   * reached (even if the connection failed later), and the error it ended on. */
  if (reached)
    sig_store_outbox_note (store, profile_id, sig_store_now (), NULL, FALSE, NULL);
  if (local_error != NULL && local_error->domain == SIG_LRS_ERROR)
    {
      gboolean unauthorized = local_error->code == SIG_LRS_ERROR_UNAUTHORIZED;

      sig_store_outbox_note (store, profile_id, sig_store_now (), local_error->message, unauthorized, NULL);
    }

  if (sig_store_get_outbox_state (store, profile_id, &state, local_error == NULL ? &local_error : NULL))
    {
      report->waiting = state.waiting;
      if (state.waiting > 0 && report->next_try == 0 && state.next_try > sig_store_now ())
        report->next_try = state.next_try;
      if (state.waiting > 0 && report->waiting_reason == NULL && state.last_error != NULL)
        report->waiting_reason = g_strdup (state.last_error);
      sig_outbox_state_clear (&state);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* ---- In a worker ---------------------------------------------------------------- */

typedef struct {
  char *path;
  char *profile_id;
  char *endpoint;
  char *key;
  char *secret;
  SigSyncConnection connection;
  SigSyncReport report;
} SyncData;

static void
sync_data_free (SyncData *data)
{
  g_free (data->path);
  g_free (data->profile_id);
  g_free (data->endpoint);
  g_free (data->key);
  if (data->secret != NULL)
    memset (data->secret, 0, strlen (data->secret));
  g_free (data->secret);
  sig_sync_report_clear (&data->report);
  g_free (data);
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SyncData *data = task_data;
  g_autoptr(SigStore) store = NULL;
  GError *error = NULL;

  /* Its own connection: a store is used from one thread at a time. */
  if ((store = sig_store_open (data->path, SIG_STORE_OPEN_DEFAULT, &error)) == NULL ||
      !sig_store_require_writable (store, &error) ||
      !sig_sync_once (store, data->profile_id, &data->connection, cancellable, &data->report, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
sig_sync_once_async (SigStore                *store,
                     const char              *profile_id,
                     const SigSyncConnection *connection,
                     GCancellable            *cancellable,
                     GAsyncReadyCallback      callback,
                     gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  SyncData *data;

  g_return_if_fail (SIG_IS_STORE (store));
  g_return_if_fail (profile_id != NULL && connection != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, sig_sync_once_async);
  data = g_new0 (SyncData, 1);
  data->path = g_strdup (store->path);
  data->profile_id = g_strdup (profile_id);
  data->endpoint = g_strdup (connection->endpoint);
  data->key = g_strdup (connection->key);
  data->secret = g_strdup (connection->secret);
  data->connection = *connection;
  data->connection.endpoint = data->endpoint;
  data->connection.key = data->key;
  data->connection.secret = data->secret;
  g_task_set_task_data (task, data, (GDestroyNotify) sync_data_free);
  if (store->read_only || store->in_memory_copy || store->path == NULL)
    {
      g_task_return_new_error (task, SIG_STORE_ERROR, SIG_STORE_ERROR_READ_ONLY, "%s",
                               _("The progress database cannot be written, so what was sent cannot be noted. Nothing is sent."));
      return;
    }
  g_task_run_in_thread (task, sync_thread);
}

gboolean
sig_sync_once_finish (SigStore       *store,
                      GAsyncResult   *result,
                      SigSyncReport  *report,
                      GError        **error)
{
  SyncData *data;
  gboolean ok;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  ok = g_task_propagate_boolean (G_TASK (result), error);
  data = g_task_get_task_data (G_TASK (result));
  if (report != NULL)
    {
      *report = data->report;
      memset (&data->report, 0, sizeof data->report);
    }
  return ok;
}
