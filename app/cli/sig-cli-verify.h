/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The certificate commands of signaal-course.
 *
 * signaal-course verify FILE.json [--code CODE] [--issuer DID] [--json]
 * argv[0] is "verify". Returns the exit status: 0 valid, 1 not valid or expired,
 * 2 wrong usage or a file that cannot be read. */
int sig_cli_verify     (int   argc,
                        char *argv[]);

/* signaal-course issuer-key new --name NAME FILE   make an organisation key (0600)
 * signaal-course issuer-key show [FILE]            print a key's did:key to publish
 * argv[0] is "issuer-key". Without FILE, show uses the key certificates would be
 * issued with (SIGNAAL_ISSUER_KEY_FILE, /etc/xdg/signaal/issuer.key, or this
 * installation's own). Returns 0 on success, 1 for a key problem, 2 for wrong usage. */
int sig_cli_issuer_key (int   argc,
                        char *argv[]);

G_END_DECLS
