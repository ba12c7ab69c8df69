/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "sig-cli.h"

int
main (int   argc,
      char *argv[])
{
  return sig_cli_main (argc, argv);
}
