/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sig-certificate-claims.h"
#include "sig-issuer.h"

G_BEGIN_DECLS

gboolean sig_certificate_export        (const SigCertificateClaims *claims,
                                        SigIssuer                  *issuer,
                                        const char                 *directory,
                                        char                      **credential,
                                        char                      **json_path,
                                        char                      **pdf_path,
                                        GError                    **error);
void     sig_certificate_export_async  (const SigCertificateClaims *claims,
                                        SigIssuer                  *issuer,
                                        const char                 *directory,
                                        GCancellable               *cancellable,
                                        GAsyncReadyCallback         callback,
                                        gpointer                    user_data);
gboolean sig_certificate_export_finish (GAsyncResult               *result,
                                        char                      **credential,
                                        char                      **json_path,
                                        char                      **pdf_path,
                                        GError                    **error);

G_END_DECLS
