/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The LRS secret in the desktop keyring. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "sig-secret.h"

G_DEFINE_QUARK (sig-secret-error-quark, sig_secret_error)

static const SecretSchema *
schema (void)
{
  static const SecretSchema lrs_schema = {
    "nl.signaal.LrsSecret", SECRET_SCHEMA_NONE,
    {
      { "profile", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "endpoint", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &lrs_schema;
}

static gboolean
unavailable (GError **error,
             GError  *cause)
{
  g_set_error (error, SIG_SECRET_ERROR, SIG_SECRET_ERROR_UNAVAILABLE,
               _("The keyring could not be used (%s). The connection's secret is kept only in the desktop keyring: check that it is running and unlocked, then try again."),
               cause->message);
  g_error_free (cause);
  return FALSE;
}

gboolean
sig_secret_store (const char    *profile_id,
                  const char    *endpoint,
                  const char    *secret,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autofree char *label = g_strdup_printf (_("Signaal: learning record store %s"), endpoint);
  GError *local = NULL;

  g_return_val_if_fail (profile_id != NULL && endpoint != NULL && secret != NULL, FALSE);
  if (!secret_password_store_sync (schema (), SECRET_COLLECTION_DEFAULT, label, secret, cancellable, &local,
                                   "profile", profile_id, "endpoint", endpoint, NULL))
    return unavailable (error, local);
  return TRUE;
}

char *
sig_secret_lookup (const char    *profile_id,
                   const char    *endpoint,
                   GCancellable  *cancellable,
                   GError       **error)
{
  GError *local = NULL;
  char *found;

  g_return_val_if_fail (profile_id != NULL && endpoint != NULL, NULL);
  found = secret_password_lookup_sync (schema (), cancellable, &local,
                                       "profile", profile_id, "endpoint", endpoint, NULL);
  if (local != NULL)
    {
      unavailable (error, local);
      return NULL;
    }
  if (found == NULL)
    return NULL;
  {
    /* out of libsecret's non-pageable memory into an ordinary string the caller frees */
    char *copy = g_strdup (found);

    secret_password_free (found);
    return copy;
  }
}

gboolean
sig_secret_clear (const char    *profile_id,
                  const char    *endpoint,
                  GCancellable  *cancellable,
                  GError       **error)
{
  GError *local = NULL;

  g_return_val_if_fail (profile_id != NULL, FALSE);
  if (endpoint != NULL)
    secret_password_clear_sync (schema (), cancellable, &local,
                                "profile", profile_id, "endpoint", endpoint, NULL);
  else
    secret_password_clear_sync (schema (), cancellable, &local, "profile", profile_id, NULL);
  if (local != NULL)
    return unavailable (error, local);
  return TRUE;
}
