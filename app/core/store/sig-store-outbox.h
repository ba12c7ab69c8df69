/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sig-store.h"

G_BEGIN_DECLS

/* The outbox: xAPI statements waiting for an organisation's learning record
 * store (sig-store-outbox.c). While a profile has an organisation connection,
 * every event recorded for it puts its statements into the outbox in the
 * transaction that appends the event, so a statement exists exactly when its
 * event does. Without a connection nothing is written and nothing is sent.
 * Events recorded before the connection was made are not put in the outbox:
 * only what happens after consent is shared. The sync (sig-sync.h) sends
 * what waits and marks each row sent or refused; no row is ever deleted
 * except with its profile.
 *
 * The connection of a profile lives in profile_settings under these keys (the
 * Preferences and a pre-set organisation configuration write the same keys):
 *   connection.endpoint          the LRS's xAPI base IRI (https, or http to this machine)
 *   connection.key               the HTTP Basic key (the secret is in the keyring, never here)
 *   connection.account-homepage  the organisation's home page for learner accounts (optional)
 *   connection.account-name      the learner's id there, e.g. a student number (optional)
 *   connection.consent           when the learner (or the organisation for the
 *                                account) turned the connection on, ISO 8601;
 *                                absent: no connection
 * The sync keeps its own state beside them:
 *   outbox.last-success          ISO 8601 of the last sync that reached the LRS
 *   outbox.last-error            the last error, one translated sentence
 *   outbox.last-error-time       ISO 8601
 *   outbox.stopped               "unauthorized" after a 401 or 403: sending waits
 *                                until the connection's credentials change */

#define SIG_CONNECTION_ENDPOINT         "connection.endpoint"
#define SIG_CONNECTION_KEY              "connection.key"
#define SIG_CONNECTION_ACCOUNT_HOMEPAGE "connection.account-homepage"
#define SIG_CONNECTION_ACCOUNT_NAME     "connection.account-name"
#define SIG_CONNECTION_CONSENT          "connection.consent"

typedef struct {
  char *endpoint;
  char *key;
  char *account_home_page;     /* NULL: the anonymous installation account */
  char *account_name;
  gint64 consent;              /* µs since the epoch */
} SigStoreConnection;

void                sig_store_connection_free (SigStoreConnection *connection);

/* The organisation connection of @profile_id; NULL without error when it has
 * none (no consent recorded). */
SigStoreConnection *sig_store_get_connection  (SigStore    *store,
                                               const char  *profile_id,
                                               GError     **error);
/* Records @connection for @profile_id (its consent 0: now), or removes the
 * connection when NULL (what waits in the outbox stays, and is not sent
 * until a connection is made again). Clears a stop after a 401 or 403. */
gboolean            sig_store_set_connection  (SigStore                 *store,
                                               const char               *profile_id,
                                               const SigStoreConnection *connection,
                                               GError                  **error);

typedef enum {
  SIG_OUTBOX_WAITING,
  SIG_OUTBOX_SENT,
  SIG_OUTBOX_REFUSED,
} SigOutboxRowState;

/* One statement of the outbox. */
typedef struct {
  gint64 id;                   /* increases in the order the events were recorded */
  char *statement_id;
  char *profile_id;
  char *statement;             /* the JSON object */
  SigOutboxRowState state;
  gint64 created;
  guint tries;
  gint64 next_try;             /* µs; 0: now */
  gint64 sent;                 /* µs; 0: not sent */
  char *reason;                /* why it was refused (the LRS's words), or why it waits */
} SigOutboxRow;

void                sig_outbox_row_free       (SigOutboxRow *row);

/* What the outbox of a profile (NULL: of every profile) holds and how the
 * last sync went. */
typedef struct {
  guint waiting;
  guint sent;
  guint refused;
  gint64 next_try;             /* when what waits is tried again after a failure (the oldest row's retry); 0: now */
  gint64 last_success;         /* µs; 0: never */
  gint64 last_error_time;      /* µs; 0: none since the last success */
  char *last_error;            /* NULL: none */
  gboolean stopped;            /* a 401 or 403: the credentials need attention */
} SigOutboxState;

void                sig_outbox_state_clear    (SigOutboxState *state);
gboolean            sig_store_get_outbox_state (SigStore       *store,
                                                const char     *profile_id,
                                                SigOutboxState *state,
                                                GError        **error);
/* SigOutboxRow*: the refused statements with their reasons, oldest first. */
GPtrArray          *sig_store_list_outbox_refused (SigStore    *store,
                                                   const char  *profile_id,
                                                   GError     **error);

/* ---- For the sync and the store (not the interface) ------------------------- */

/* Profile ids with waiting rows, sorted. */
GStrv               sig_store_outbox_profiles (SigStore    *store,
                                               GError     **error);
/* SigOutboxRow*: up to @max waiting rows of @profile_id (NULL: of every
 * profile), the oldest first; with @due_only, none when the oldest waits for
 * a retry later than @now (the order is kept: nothing overtakes it). */
GPtrArray          *sig_store_outbox_take     (SigStore    *store,
                                               const char  *profile_id,
                                               guint        max,
                                               gboolean     due_only,
                                               gint64       now,
                                               GError     **error);
/* The fate of rows, in one transaction: each row's state and reason as set
 * by the caller (SENT: sent now; REFUSED: with its reason; WAITING: tried,
 * its tries and next_try as set). */
gboolean            sig_store_outbox_update   (SigStore      *store,
                                               SigOutboxRow **rows,
                                               guint          n_rows,
                                               GError       **error);
/* How the sync went for @profile_id: @error_text NULL is a success at @time;
 * otherwise the error, and @stopped for a 401 or 403. */
gboolean            sig_store_outbox_note     (SigStore    *store,
                                               const char  *profile_id,
                                               gint64       time,
                                               const char  *error_text,
                                               gboolean     stopped,
                                               GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigStoreConnection, sig_store_connection_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigOutboxRow, sig_outbox_row_free)

G_END_DECLS
