/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sig-certificate.h"

G_BEGIN_DECLS

/* 2025-03-12T10:00:00Z, 2027-03-12T10:00:00Z, and a moment in between. */
GDateTime            *cert_test_completed_at (void);
GDateTime            *cert_test_valid_until  (void);
GDateTime            *cert_test_now          (void);

SigCertificateClaims *cert_test_claims       (const char  *language);
SigIssuer            *cert_test_issuer       (void);
SigIssuer            *cert_test_other_issuer (void);
GBytes               *cert_test_png          (int          width,
                                              int          height,
                                              gboolean     noisy);

/* Sets the member at @path (dot-separated; a number indexes an array) to @value
 * (JSON text) and returns the document, re-serialised. */
char                 *cert_test_tamper       (const char  *json,
                                              const char  *path,
                                              const char  *value);
char                 *cert_test_reformat     (const char  *json,
                                              gboolean     pretty);
char                 *cert_test_tmpdir       (void);
void                  cert_test_rm_rf        (const char  *path);

G_END_DECLS
