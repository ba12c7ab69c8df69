/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sig-cli.h"

int
sig_cli_translate (int   argc,
                   char *argv[])
{
  (void) argc;
  (void) argv;
  return SIG_EXIT_USAGE;
}
