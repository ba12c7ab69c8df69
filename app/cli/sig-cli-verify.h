/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* signaal-course verify FILE.json [--code CODE] [--issuer DID] [--json]
 * argv[0] is "verify". Returns the exit status: 0 valid, 1 not valid or expired,
 * 2 wrong usage or a file that cannot be read. */
int sig_cli_verify (int   argc,
                    char *argv[]);

G_END_DECLS
