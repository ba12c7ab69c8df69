/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A profile's organisation connection: file, settings and keyring together. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sig-connection.h"
#include "sig-secret.h"
#include "sig-store-outbox.h"
#include "sig-store-settings.h"

SigConnection *
sig_connection_for_profile (SigStore              *store,
                            const SigOrganisation *organisation,
                            const char            *profile_id,
                            GError               **error)
{
  g_autoptr(SigProfile) profile = sig_store_get_profile (store, profile_id, error);
  g_autoptr(GHashTable) settings = NULL;

  if (profile == NULL)
    return NULL;
  if ((settings = sig_store_get_profile_settings (store, profile_id, error)) == NULL)
    return NULL;
  return sig_connection_resolve (organisation, sig_profile_get_name (profile), settings);
}

static gboolean
refuse (GError    **error,
        const char *message)
{
  g_set_error_literal (error, SIG_ORGANISATION_ERROR, SIG_ORGANISATION_ERROR_INVALID, message);
  return FALSE;
}

gboolean
sig_connection_check (const SigOrganisation  *organisation,
                      const char             *profile_name,
                      const char            **endpoint,
                      const char            **key,
                      const char            **account_homepage,
                      GError                **error)
{
  if (sig_organisation_covers (organisation, profile_name) &&
      !organisation->learners_may_change && organisation->endpoint != NULL)
    {
      *endpoint = organisation->endpoint;
      *key = organisation->key;
      *account_homepage = organisation->account_homepage;
    }
  if (*endpoint == NULL || !sig_organisation_url_allowed (*endpoint))
    return refuse (error, _("The connection was not turned on: the address of the learning record store must start with https:// (plain http only to this computer). Check the address your organisation gave you."));
  if (*key == NULL || **key == '\0' || strchr (*key, ':') != NULL)
    return refuse (error, _("The connection was not turned on: the key is missing or holds a “:”. Enter the key your organisation gave you."));
  if (*account_homepage != NULL && **account_homepage != '\0' && !sig_organisation_url_allowed (*account_homepage))
    return refuse (error, _("The connection was not turned on: the account home page must be an https address. Check the address your organisation gave you."));
  return TRUE;
}

gboolean
sig_connection_connect (SigStore              *store,
                        const SigOrganisation *organisation,
                        const char            *profile_id,
                        const char            *endpoint,
                        const char            *key,
                        const char            *account_homepage,
                        const char            *account_name,
                        const char            *secret,
                        GError               **error)
{
  g_autoptr(SigProfile) profile = sig_store_get_profile (store, profile_id, error);
  SigStoreConnection connection = { 0 };

  if (profile == NULL)
    return FALSE;
  if (!sig_connection_check (organisation, sig_profile_get_name (profile), &endpoint, &key, &account_homepage, error))
    return FALSE;
  if (secret != NULL && !sig_secret_store (profile_id, endpoint, secret, NULL, error))
    return FALSE;
  connection.endpoint = (char *) endpoint;
  connection.key = (char *) key;
  connection.account_home_page = account_homepage != NULL && *account_homepage != '\0' ? (char *) account_homepage : NULL;
  connection.account_name = account_name != NULL && *account_name != '\0' ? (char *) account_name : NULL;
  return sig_store_set_connection (store, profile_id, &connection, error);
}

gboolean
sig_connection_disconnect (SigStore    *store,
                           const char  *profile_id,
                           GError     **error)
{
  if (!sig_store_set_connection (store, profile_id, NULL, error))
    return FALSE;
  return sig_secret_clear (profile_id, NULL, NULL, error);
}
