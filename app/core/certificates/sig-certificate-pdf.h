/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sig-certificate-claims.h"

G_BEGIN_DECLS

GBytes   *sig_certificate_pdf_render (const SigCertificateClaims *claims,
                                      const char                 *credential,
                                      gssize                      length,
                                      GError                    **error);
gboolean  sig_certificate_pdf_write  (const SigCertificateClaims *claims,
                                      const char                 *credential,
                                      gssize                      length,
                                      const char                 *path,
                                      GError                    **error);

G_END_DECLS
