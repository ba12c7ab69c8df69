/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The outbox sent in the background. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sig-secret.h"
#include "sig-store.h"
#include "sig-sync.h"
#include "sig-sync-worker.h"

struct _SigSyncWorker
{
  GObject parent_instance;

  char *store_path;
  char *profile_id;
  GNetworkMonitor *monitor;
  GCancellable *cancellable;
  gboolean busy;
  gboolean pending;
  gboolean pending_now;
  guint retry_source;
};

G_DEFINE_FINAL_TYPE (SigSyncWorker, sig_sync_worker, G_TYPE_OBJECT)

enum {
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  char *store_path;
  char *profile_id;
  gboolean now;
  gint64 next_try;
} Job;

static void
job_free (Job *job)
{
  g_free (job->store_path);
  g_free (job->profile_id);
  g_free (job);
}

static void
run_job (GTask        *task,
         gpointer      source,
         gpointer      task_data,
         GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStore) store = sig_store_open (job->store_path, SIG_STORE_OPEN_DEFAULT, &error);
  g_autoptr(SigStoreConnection) connection = NULL;
  g_autofree char *secret = NULL;
  g_auto(SigSyncReport) report = { 0 };
  SigSyncConnection over = { 0 };

  if (store == NULL || sig_store_get_read_only (store))
    {
      g_task_return_boolean (task, FALSE);
      return;
    }
  connection = sig_store_get_connection (store, job->profile_id, &error);
  if (connection == NULL || connection->endpoint == NULL || connection->key == NULL)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }
  secret = sig_secret_lookup (job->profile_id, connection->endpoint, cancellable, &error);
  if (secret == NULL)
    {
      /* no keyring, or no secret in it: the outbox says why */
      const char *why = error != NULL ? error->message
                                      : _("The secret of the connection is not in your keyring. Enter it again in Preferences, Organisation.");

      sig_store_outbox_note (store, job->profile_id, g_get_real_time (), why, FALSE, NULL);
      g_task_return_boolean (task, FALSE);
      return;
    }
  over.endpoint = connection->endpoint;
  over.key = connection->key;
  over.secret = secret;
  over.ignore_backoff = job->now;
  sig_sync_once (store, job->profile_id, &over, cancellable, &report, NULL);
  job->next_try = report.waiting > 0 ? report.next_try : 0;
  g_task_return_boolean (task, TRUE);
}

static void start (SigSyncWorker *self, gboolean now);

static gboolean
on_retry (gpointer data)
{
  SigSyncWorker *self = data;

  self->retry_source = 0;
  sig_sync_worker_request (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
on_job_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SigSyncWorker *self = SIG_SYNC_WORKER (source);
  Job *job = g_task_get_task_data (G_TASK (result));

  self->busy = FALSE;
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, job->profile_id);
  if (self->pending)
    {
      self->pending = FALSE;
      start (self, self->pending_now);
      return;
    }
  if (job->next_try > 0 && g_strcmp0 (job->profile_id, self->profile_id) == 0)
    {
      gint64 delay = MAX (job->next_try - g_get_real_time (), G_USEC_PER_SEC);

      g_clear_handle_id (&self->retry_source, g_source_remove);
      self->retry_source = g_timeout_add_seconds ((guint) MIN (delay / G_USEC_PER_SEC + 1, 3600), on_retry, self);
    }
}

static void
start (SigSyncWorker *self,
       gboolean       now)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (self->profile_id == NULL)
    return;
  if (self->busy)
    {
      self->pending = TRUE;
      self->pending_now = self->pending_now || now;
      return;
    }
  self->busy = TRUE;
  self->pending_now = FALSE;
  job = g_new0 (Job, 1);
  job->store_path = g_strdup (self->store_path);
  job->profile_id = g_strdup (self->profile_id);
  job->now = now;
  task = g_task_new (self, self->cancellable, on_job_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, run_job);
}

void
sig_sync_worker_request (SigSyncWorker *self,
                         gboolean       now)
{
  g_return_if_fail (SIG_IS_SYNC_WORKER (self));
  if (!now && !g_network_monitor_get_network_available (self->monitor))
    return;
  start (self, now);
}

void
sig_sync_worker_set_profile (SigSyncWorker *self,
                             const char    *profile_id)
{
  g_return_if_fail (SIG_IS_SYNC_WORKER (self));
  g_free (self->profile_id);
  self->profile_id = g_strdup (profile_id);
  g_clear_handle_id (&self->retry_source, g_source_remove);
}

gboolean
sig_sync_worker_get_busy (SigSyncWorker *self)
{
  return self->busy;
}

static void
on_network_changed (SigSyncWorker *self,
                    gboolean       available)
{
  if (available)
    sig_sync_worker_request (self, FALSE);
}

static void
sig_sync_worker_dispose (GObject *object)
{
  SigSyncWorker *self = SIG_SYNC_WORKER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  G_OBJECT_CLASS (sig_sync_worker_parent_class)->dispose (object);
}

static void
sig_sync_worker_finalize (GObject *object)
{
  SigSyncWorker *self = SIG_SYNC_WORKER (object);

  g_clear_object (&self->cancellable);
  g_free (self->store_path);
  g_free (self->profile_id);
  G_OBJECT_CLASS (sig_sync_worker_parent_class)->finalize (object);
}

static void
sig_sync_worker_class_init (SigSyncWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sig_sync_worker_dispose;
  object_class->finalize = sig_sync_worker_finalize;
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
sig_sync_worker_init (SigSyncWorker *self)
{
  self->cancellable = g_cancellable_new ();
}

SigSyncWorker *
sig_sync_worker_new (const char *store_path)
{
  SigSyncWorker *self = g_object_new (SIG_TYPE_SYNC_WORKER, NULL);

  self->store_path = g_strdup (store_path);
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect_swapped (self->monitor, "network-changed", G_CALLBACK (on_network_changed), self);
  return self;
}
