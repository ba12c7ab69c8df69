/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* did:key for Ed25519 public keys (https://w3c-ccg.github.io/did-method-key/):
 *   did:key:z<base58btc(0xed 0x01 || 32-byte public key)>
 * 'z' is the multibase prefix of base58btc; 0xed 0x01 is the unsigned-varint
 * multicodec code 0xed, "ed25519-pub". */

#include <glib.h>

G_BEGIN_DECLS

#define SIG_ED25519_PUBLIC_KEY_BYTES 32
#define SIG_ED25519_SIGNATURE_BYTES 64

char     *sig_base58btc_encode         (const guint8 *data,
                                        gsize         length);
GBytes   *sig_base58btc_decode         (const char   *text,
                                        gssize        length);

char     *sig_multibase_encode         (const guint8 *data,
                                        gsize         length);
GBytes   *sig_multibase_decode         (const char   *text);

char     *sig_did_key_from_public_key  (const guint8  public_key[SIG_ED25519_PUBLIC_KEY_BYTES]);
gboolean  sig_did_key_to_public_key    (const char   *did,
                                        guint8        public_key[SIG_ED25519_PUBLIC_KEY_BYTES]);
char     *sig_did_key_verification_method (const char *did);

G_END_DECLS
