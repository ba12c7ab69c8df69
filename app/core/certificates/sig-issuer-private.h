/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sig-issuer.h"

G_BEGIN_DECLS

/* sig_issuer_lookup() with every place it looks made explicit, for tests:
 * @environment_path is what $SIGNAAL_ISSUER_KEY_FILE would hold, @system_dirs the
 * system configuration directories, @installation_dir the directory of the
 * per-installation key. */
SigIssuer *sig_issuer_lookup_in (const char         *explicit_path,
                                 const char         *environment_path,
                                 const char * const *system_dirs,
                                 const char         *installation_dir,
                                 GError            **error);

/* The issuer of a key file's contents (@length bytes of @data); @path names it
 * in messages. sig_issuer_new_from_key_file() reads the file and calls this. */
SigIssuer *sig_issuer_new_from_key_data (const char  *path,
                                         const char  *data,
                                         gsize        length,
                                         GError     **error);

void       sig_crypto_init      (void);

G_END_DECLS
