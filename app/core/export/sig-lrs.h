/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A client for the statement resource of a learning record store (xAPI 1.0.3,
 * HTTP Basic authentication), as an organisation connection uses it. It sends
 * statements that already carry their ids, so sending one twice is harmless:
 * the LRS keeps the first. It never stores anything; the caller (the outbox)
 * learns the fate of every statement from @result and keeps what is pending. */

#define SIG_LRS_ERROR (sig_lrs_error_quark ())

typedef enum {
  SIG_LRS_ERROR_INVALID_ENDPOINT,
  SIG_LRS_ERROR_UNAUTHORIZED,   /* 401 or 403: stop, the credentials need attention */
  SIG_LRS_ERROR_UNREACHABLE,    /* no connection, a time-out, a cut: try again later */
  SIG_LRS_ERROR_SERVER,         /* 5xx or an answer xAPI does not allow: try again later */
} SigLrsError;

typedef enum {
  SIG_LRS_OUTCOME_SENT,         /* stored by the LRS (or already there, identical) */
  SIG_LRS_OUTCOME_REFUSED,      /* 400 or 413 for this statement alone: it will never be accepted as it is */
  SIG_LRS_OUTCOME_CONFLICT,     /* 409: the LRS holds another statement with this id */
} SigLrsOutcome;

typedef struct {
  const char *id;               /* the statement's UUID */
  const char *json;             /* the statement, one JSON object */
} SigLrsStatement;

typedef void (*SigLrsResultFunc) (const SigLrsStatement *statement,
                                  SigLrsOutcome          outcome,
                                  const char            *reason,
                                  gpointer               user_data);

typedef struct _SigLrs SigLrs;

GQuark   sig_lrs_error_quark (void);

/* TRUE for "localhost" and loopback addresses: the only hosts an organisation
 * connection (the LRS, a course feed) may reach over plain http. */
gboolean sig_host_is_loopback (const char *host);

/* @endpoint: the LRS's xAPI base IRI (the statements resource is
 * ENDPOINT/statements); https, or http to this machine only, so that a
 * secret never crosses a network in the clear. */
SigLrs  *sig_lrs_new           (const char  *endpoint,
                                const char  *key,
                                const char  *secret,
                                GError     **error);
void     sig_lrs_free          (SigLrs      *lrs);

/* Statements per request, at most; halved for the rest of the session when
 * the LRS answers 413. Default 100. */
void     sig_lrs_set_batch_size (SigLrs     *lrs,
                                 guint       batch_size);
guint    sig_lrs_get_batch_size (SigLrs     *lrs);
/* Seconds to wait for the LRS; default 30. */
void     sig_lrs_set_timeout   (SigLrs      *lrs,
                                guint        seconds);

/* Sends @statements (SigLrsStatement*) in order, in batches. @result is called
 * once for each statement whose fate is known, as soon as it is known: a batch
 * the LRS refuses (400, 409, 413) is split until the statement it refuses is
 * found, and the others go on. Returns FALSE at the first error that stops the
 * whole connection (SigLrsError); the statements not reported stay pending. */
gboolean sig_lrs_send          (SigLrs            *lrs,
                                GPtrArray         *statements,
                                SigLrsResultFunc   result,
                                gpointer           user_data,
                                GCancellable      *cancellable,
                                GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigLrs, sig_lrs_free)

G_END_DECLS
