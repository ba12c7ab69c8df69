/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SIG_CERTIFICATE_ERROR (sig_certificate_error_quark ())

/**
 * SigCertificateError:
 * @SIG_CERTIFICATE_ERROR_KEY_NOT_FOUND: no issuer key file where one was asked for
 * @SIG_CERTIFICATE_ERROR_KEY_PERMISSIONS: the key file can be read by other users,
 *   or cannot be read by this one
 * @SIG_CERTIFICATE_ERROR_KEY_INVALID: the key file is damaged or not a Signaal issuer key
 * @SIG_CERTIFICATE_ERROR_KEY_EXISTS: refusing to overwrite an existing key file
 * @SIG_CERTIFICATE_ERROR_CLAIMS_INVALID: the claims cannot be put on a certificate
 * @SIG_CERTIFICATE_ERROR_CREDENTIAL_INVALID: the credential is not an authentic
 *   Signaal credential (when one is needed, e.g. to print it)
 * @SIG_CERTIFICATE_ERROR_MALFORMED: the input is not well-formed JSON
 * @SIG_CERTIFICATE_ERROR_RENDER: drawing the PDF failed
 * @SIG_CERTIFICATE_ERROR_IO: reading or writing a file failed
 */
typedef enum {
  SIG_CERTIFICATE_ERROR_KEY_NOT_FOUND,
  SIG_CERTIFICATE_ERROR_KEY_PERMISSIONS,
  SIG_CERTIFICATE_ERROR_KEY_INVALID,
  SIG_CERTIFICATE_ERROR_KEY_EXISTS,
  SIG_CERTIFICATE_ERROR_CLAIMS_INVALID,
  SIG_CERTIFICATE_ERROR_CREDENTIAL_INVALID,
  SIG_CERTIFICATE_ERROR_MALFORMED,
  SIG_CERTIFICATE_ERROR_RENDER,
  SIG_CERTIFICATE_ERROR_IO,
} SigCertificateError;

GQuark sig_certificate_error_quark (void);

G_END_DECLS
