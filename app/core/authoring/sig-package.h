/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sig-catalog.h"
#include "sig-issuer.h"

G_BEGIN_DECLS

/* Packs an authoring folder (course.xml, media/, scenarios/) into one .signaal
 * file: the course with the scenarios it refers to and its media inline. The
 * result is loaded again before it is written, so a pack never produces a file
 * Signaal would refuse. */
gboolean sig_package_pack (const char  *folder,
                           const char  *output,
                           SigCatalog  *catalog,
                           GError     **error);

/* The same, signed by the publisher @key (see sig-package-signature.h);
 * @endorsements (nullable): endorsement documents for @key (key rotation). */
gboolean sig_package_pack_signed (const char          *folder,
                                  const char          *output,
                                  SigCatalog          *catalog,
                                  SigIssuer           *key,
                                  const char * const  *endorsements,
                                  GError             **error);

G_END_DECLS
