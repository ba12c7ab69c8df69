/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "sig-did-key.h"

G_BEGIN_DECLS

#define SIG_ED25519_SEED_BYTES 32

/**
 * SigIssuerKind:
 * @SIG_ISSUER_KIND_INSTALLATION: the key this Signaal installation made for itself;
 *   its certificates say only "issued by this installation"
 * @SIG_ISSUER_KIND_ORGANISATION: a key an organisation installed, with its name
 */
typedef enum {
  SIG_ISSUER_KIND_INSTALLATION,
  SIG_ISSUER_KIND_ORGANISATION,
} SigIssuerKind;

/**
 * SigIssuerSource:
 * @SIG_ISSUER_SOURCE_EXPLICIT: the path the caller gave
 * @SIG_ISSUER_SOURCE_ENVIRONMENT: the path in $SIGNAAL_ISSUER_KEY_FILE
 * @SIG_ISSUER_SOURCE_SYSTEM: signaal/issuer.key in a system configuration directory
 * @SIG_ISSUER_SOURCE_INSTALLATION: the per-installation key in the user data directory
 * @SIG_ISSUER_SOURCE_MEMORY: made from a seed in memory
 *
 * Where sig_issuer_lookup() found the key.
 */
typedef enum {
  SIG_ISSUER_SOURCE_EXPLICIT,
  SIG_ISSUER_SOURCE_ENVIRONMENT,
  SIG_ISSUER_SOURCE_SYSTEM,
  SIG_ISSUER_SOURCE_INSTALLATION,
  SIG_ISSUER_SOURCE_MEMORY,
} SigIssuerSource;

#define SIG_ISSUER_KEY_FILE_ENV "SIGNAAL_ISSUER_KEY_FILE"
#define SIG_ISSUER_SYSTEM_KEY_NAME "issuer.key"
#define SIG_ISSUER_INSTALLATION_KEY_NAME "issuer-key"

#define SIG_TYPE_ISSUER (sig_issuer_get_type ())
G_DECLARE_FINAL_TYPE (SigIssuer, sig_issuer, SIG, ISSUER, GObject)

SigIssuer      *sig_issuer_new_from_seed            (const guint8  seed[SIG_ED25519_SEED_BYTES],
                                                     SigIssuerKind kind,
                                                     const char   *name);
SigIssuer      *sig_issuer_new_from_key_file        (const char   *path,
                                                     GError      **error);
SigIssuer      *sig_issuer_load_or_create_installation_key (const char *directory,
                                                     GError      **error);
SigIssuer      *sig_issuer_lookup                   (const char   *explicit_path,
                                                     GError      **error);
SigIssuer      *sig_issuer_create_key_file          (const char   *path,
                                                     const char   *name,
                                                     GError      **error);

const char     *sig_issuer_get_did                  (SigIssuer    *self);
const char     *sig_issuer_get_verification_method  (SigIssuer    *self);
const guint8   *sig_issuer_get_public_key           (SigIssuer    *self);
SigIssuerKind   sig_issuer_get_kind                 (SigIssuer    *self);
SigIssuerSource sig_issuer_get_source               (SigIssuer    *self);
const char     *sig_issuer_get_path                 (SigIssuer    *self);
const char     *sig_issuer_get_name                 (SigIssuer    *self,
                                                     const char   *language);
char           *sig_issuer_dup_display_name         (SigIssuer    *self,
                                                     const char   *language);

void            sig_issuer_sign                     (SigIssuer    *self,
                                                     const guint8 *message,
                                                     gsize         length,
                                                     guint8        signature[SIG_ED25519_SIGNATURE_BYTES]);
gboolean        sig_ed25519_verify                  (const guint8  public_key[SIG_ED25519_PUBLIC_KEY_BYTES],
                                                     const guint8 *message,
                                                     gsize         length,
                                                     const guint8  signature[SIG_ED25519_SIGNATURE_BYTES]);

G_END_DECLS
