/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Sends a profile's outbox in a worker thread (sig-sync.h) with a store of its
 * own, over the profile's connection and the secret in the keyring: when
 * asked (after an event, "Send now"), when the network comes back
 * (GNetworkMonitor), and after a failure once the outbox's backoff has passed.
 * One sync runs at a time; a request during a run is done after it.
 * ::finished (profile id) is emitted in the main context after every run. */

#define SIG_TYPE_SYNC_WORKER (sig_sync_worker_get_type ())

G_DECLARE_FINAL_TYPE (SigSyncWorker, sig_sync_worker, SIG, SYNC_WORKER, GObject)

/* @store_path: the progress database the worker opens for itself. */
SigSyncWorker *sig_sync_worker_new        (const char    *store_path);
/* The profile whose outbox is sent on network changes and retries; NULL: none. */
void           sig_sync_worker_set_profile (SigSyncWorker *self,
                                            const char    *profile_id);
/* Asks for a sync of the current profile; @now: also while the outbox waits for a retry. */
void           sig_sync_worker_request    (SigSyncWorker *self,
                                           gboolean       now);
gboolean       sig_sync_worker_get_busy   (SigSyncWorker *self);

G_END_DECLS
