/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sig-store-outbox.h"

G_BEGIN_DECLS

/* The sync: sends what waits in a profile's outbox to the organisation's
 * learning record store (sig-lrs.h) and marks every row with its fate. It
 * takes the waiting rows in the order their events were recorded, in
 * batches; a statement the LRS refuses (400, or 413 alone, or 409 for an id
 * it holds with other content) is marked refused with the LRS's reason and
 * the rest goes on; 401 or 403 stop the sync and the outbox says so until
 * the credentials change; an LRS that cannot be reached or answers 5xx
 * leaves the rows waiting, to be tried again after a delay that doubles with
 * each failure (30 s up to 1 hour). Statements carry their ids, so sending
 * again after a crash or a cut is harmless: the LRS keeps one of each.
 *
 * Blocking (libsoup's synchronous calls): run it in a worker thread with a
 * store of its own, or from the command line. */

typedef struct {
  const char *endpoint;        /* the LRS's xAPI base IRI */
  const char *key;
  const char *secret;
  guint batch_size;            /* statements per request; 0: 100 */
  guint timeout;               /* seconds; 0: 30 */
  gboolean ignore_backoff;     /* send now even when the outbox waits for a retry, or
                                * stopped after a 401 or 403 (which it does until the
                                * connection is saved again: sig_store_set_connection()) */
} SigSyncConnection;

typedef struct {
  guint sent;                  /* rows the LRS took in this run */
  guint refused;               /* rows it refused in this run */
  guint waiting;               /* rows still waiting afterwards */
  GPtrArray *refused_rows;     /* SigOutboxRow*: refused in this run, with their reasons */
  gint64 next_try;             /* when what waits is tried again; 0: whenever */
  char *waiting_reason;        /* why rows still wait (NULL: none wait, or not yet tried) */
} SigSyncReport;

void     sig_sync_report_clear (SigSyncReport *report);

/* Sends the waiting statements of @profile_id over @connection. TRUE when the
 * LRS was reached for every batch tried (some may have been refused: see
 * @report); FALSE with a SIG_LRS_ERROR when the connection stopped the sync
 * (UNAUTHORIZED, UNREACHABLE, SERVER, INVALID_ENDPOINT), or a SIG_STORE_ERROR,
 * or G_IO_ERROR_CANCELLED. @report is filled in either case. */
gboolean sig_sync_once         (SigStore                *store,
                                const char              *profile_id,
                                const SigSyncConnection *connection,
                                GCancellable            *cancellable,
                                SigSyncReport           *report,
                                GError                 **error);

/* The same in a worker thread with its own connection to @store's database
 * (a read-only or in-memory store fails with SIG_STORE_ERROR_READ_ONLY).
 * @connection is copied. The callback runs in the calling thread's main
 * context; _finish() fills @report as sig_sync_once() does. */
void     sig_sync_once_async   (SigStore                *store,
                                const char              *profile_id,
                                const SigSyncConnection *connection,
                                GCancellable            *cancellable,
                                GAsyncReadyCallback      callback,
                                gpointer                 user_data);
gboolean sig_sync_once_finish  (SigStore                *store,
                                GAsyncResult            *result,
                                SigSyncReport           *report,
                                GError                 **error);

/* The delay before the @tries-th retry, in µs: 30 s doubled for each try, at most 1 hour. */
gint64   sig_sync_backoff      (guint tries);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SigSyncReport, sig_sync_report_clear)

G_END_DECLS
