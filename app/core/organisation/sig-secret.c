/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The LRS secret in the desktop keyring. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "sig-dynamic.h"
#include "sig-secret.h"

G_DEFINE_QUARK (sig-secret-error-quark, sig_secret_error)

/* The functions of libsecret that Signaal calls, loaded when first needed
 * (see sig-dynamic.h). */
typedef struct {
  __typeof__ (secret_password_store_sync)  *store_sync;
  __typeof__ (secret_password_lookup_sync) *lookup_sync;
  __typeof__ (secret_password_clear_sync)  *clear_sync;
  __typeof__ (secret_password_free)        *free;
} SigSecretLibrary;

static const SigSecretLibrary *
library (GError **error)
{
  static SigSecretLibrary secret;
  static gboolean loaded;
  const SigDynamicSymbol symbols[] = {
    { "secret_password_store_sync", (gpointer *) &secret.store_sync },
    { "secret_password_lookup_sync", (gpointer *) &secret.lookup_sync },
    { "secret_password_clear_sync", (gpointer *) &secret.clear_sync },
    { "secret_password_free", (gpointer *) &secret.free },
  };
  GError *local = NULL;

  if (!sig_dynamic_load (&loaded, "libsecret-1.so.0", "libsecret-1-0", symbols, G_N_ELEMENTS (symbols), &local))
    {
      g_set_error_literal (error, SIG_SECRET_ERROR, SIG_SECRET_ERROR_UNAVAILABLE, local->message);
      g_error_free (local);
      return NULL;
    }
  return &secret;
}

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
  const SigSecretLibrary *lib;
  GError *local = NULL;

  g_return_val_if_fail (profile_id != NULL && endpoint != NULL && secret != NULL, FALSE);
  if ((lib = library (error)) == NULL)
    return FALSE;
  if (!lib->store_sync (schema (), SECRET_COLLECTION_DEFAULT, label, secret, cancellable, &local,
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
  const SigSecretLibrary *lib;
  GError *local = NULL;
  char *found;

  g_return_val_if_fail (profile_id != NULL && endpoint != NULL, NULL);
  if ((lib = library (error)) == NULL)
    return NULL;
  found = lib->lookup_sync (schema (), cancellable, &local,
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

    lib->free (found);
    return copy;
  }
}

gboolean
sig_secret_clear (const char    *profile_id,
                  const char    *endpoint,
                  GCancellable  *cancellable,
                  GError       **error)
{
  const SigSecretLibrary *lib;
  GError *local = NULL;

  g_return_val_if_fail (profile_id != NULL, FALSE);
  if ((lib = library (error)) == NULL)
    return FALSE;
  if (endpoint != NULL)
    lib->clear_sync (schema (), cancellable, &local,
                     "profile", profile_id, "endpoint", endpoint, NULL);
  else
    lib->clear_sync (schema (), cancellable, &local, "profile", profile_id, NULL);
  if (local != NULL)
    return unavailable (error, local);
  return TRUE;
}
