/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* JSON for signatures.
 *
 * sig_jcs_canonicalize() writes a JSON value in the JSON Canonicalization Scheme
 * (RFC 8785): object members sorted by the UTF-16 code units of their names, no
 * whitespace, strings with only the escapes JCS prescribes, numbers in the
 * ECMAScript Number-to-String form.
 *
 * sig_json_parse_strict() reads untrusted JSON. json-glib alone accepts things a
 * signature must not depend on (duplicate member names, where it keeps the last;
 * single quotes; integers it cannot represent), so the text is first checked
 * against RFC 8259 with the I-JSON restrictions of RFC 7493 that JCS relies on. */

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Credentials are a few kilobytes; anything far larger is not one. */
#define SIG_JSON_MAX_BYTES (1024 * 1024)
#define SIG_JSON_MAX_DEPTH 32

char     *sig_jcs_canonicalize  (JsonNode    *node,
                                 GError     **error);
gboolean  sig_jcs_append_number (GString     *out,
                                 double       value);
JsonNode *sig_json_parse_strict (const char  *data,
                                 gssize       length,
                                 GError     **error);

G_END_DECLS
