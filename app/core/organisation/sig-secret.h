/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The secret of a profile's LRS connection (the HTTP Basic password), kept in
 * the desktop keyring through libsecret (the Secret Service), never in a file or
 * the progress database. One secret per profile and endpoint, under the schema
 * "nl.signaal.LrsSecret" with the attributes "profile" (the profile's id) and
 * "endpoint". These calls block: run them in a worker thread in the app. */

#define SIG_SECRET_ERROR (sig_secret_error_quark ())

typedef enum {
  SIG_SECRET_ERROR_UNAVAILABLE,  /* no keyring answers, or it stayed locked */
} SigSecretError;

GQuark   sig_secret_error_quark (void);

gboolean sig_secret_store  (const char    *profile_id,
                            const char    *endpoint,
                            const char    *secret,
                            GCancellable  *cancellable,
                            GError       **error);
/* NULL without an error when there is no secret for @profile_id and @endpoint. */
char    *sig_secret_lookup (const char    *profile_id,
                            const char    *endpoint,
                            GCancellable  *cancellable,
                            GError       **error);
/* Removes the secret of @profile_id for @endpoint, or for every endpoint when
 * @endpoint is NULL. TRUE also when there was none. */
gboolean sig_secret_clear  (const char    *profile_id,
                            const char    *endpoint,
                            GCancellable  *cancellable,
                            GError       **error);

G_END_DECLS
