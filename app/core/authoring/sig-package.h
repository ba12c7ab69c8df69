/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sig-catalog.h"

G_BEGIN_DECLS

/* Packs an authoring folder (course.xml, media/, scenarios/) into one .signaal
 * file: the course with the scenarios it refers to and its media inline. The
 * result is loaded again before it is written, so a pack never produces a file
 * Signaal would refuse. */
gboolean sig_package_pack (const char  *folder,
                           const char  *output,
                           SigCatalog  *catalog,
                           GError     **error);

G_END_DECLS
