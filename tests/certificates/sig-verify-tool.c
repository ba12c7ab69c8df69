/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A stand-in for signaal-course that runs only its certificate commands, so that
 * they can be tested on their own: sig-verify-tool verify FILE.json ...,
 * sig-verify-tool issuer-key ... */
#include <locale.h>
#include <string.h>

#include "sig-cli-verify.h"

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_set_prgname ("signaal-course");
  if (argc >= 2 && strcmp (argv[1], "verify") == 0)
    return sig_cli_verify (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "issuer-key") == 0)
    return sig_cli_issuer_key (argc - 1, argv + 1);
  g_printerr ("usage: %s verify|issuer-key ...\n", argv[0]);
  return 2;
}
