/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sig-organisation.h"
#include "sig-store.h"

G_BEGIN_DECLS

/* A profile's organisation connection as a whole: the organisation file, the
 * profile's settings in the store (sig-store-outbox.h names the keys) and the
 * secret in the keyring (sig-secret.h). The keyring calls block: run these in
 * a worker thread in the app. */

/* The connection of @profile_id: @organisation's values where it covers the
 * profile, the profile's own where allowed (sig_connection_resolve()). */
SigConnection *sig_connection_for_profile (SigStore              *store,
                                           const SigOrganisation *organisation,
                                           const char            *profile_id,
                                           GError               **error);

/* The values a connection of the profile named @profile_name would use: the
 * organisation's where it locks them (replacing *@endpoint, *@key and
 * *@account_homepage), each checked. FALSE with an error a learner can act on. */
gboolean       sig_connection_check       (const SigOrganisation  *organisation,
                                           const char             *profile_name,
                                           const char            **endpoint,
                                           const char            **key,
                                           const char            **account_homepage,
                                           GError                **error);

/* Turns the connection of @profile_id on with the learner's consent, now:
 * @secret (may be NULL to keep the one in the keyring) goes to the keyring
 * first, then the settings to the store. Where @organisation covers the profile
 * and learners may not change it, its endpoint, key and home page are used
 * whatever @endpoint, @key and @account_homepage say. */
gboolean       sig_connection_connect     (SigStore              *store,
                                           const SigOrganisation *organisation,
                                           const char            *profile_id,
                                           const char            *endpoint,
                                           const char            *key,
                                           const char            *account_homepage,
                                           const char            *account_name,
                                           const char            *secret,
                                           GError               **error);

/* Stops sharing: removes the profile's connection settings and its secrets
 * from the keyring. What waits in the outbox stays and is never sent unless
 * the learner turns the connection on again. */
gboolean       sig_connection_disconnect  (SigStore              *store,
                                           const char            *profile_id,
                                           GError               **error);

G_END_DECLS
