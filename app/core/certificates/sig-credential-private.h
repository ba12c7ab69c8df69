/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "sig-credential.h"

G_BEGIN_DECLS

#define SIG_DATA_INTEGRITY_HASH_BYTES 64

/* eddsa-jcs-2022 "Hashing": SHA-256(JCS(@proof_config)) || SHA-256(JCS(@unsecured)).
 * This is what the issuer signs. */
gboolean sig_data_integrity_hash (JsonNode  *unsecured,
                                  JsonNode  *proof_config,
                                  guint8     out[SIG_DATA_INTEGRITY_HASH_BYTES],
                                  GError   **error);

G_END_DECLS
