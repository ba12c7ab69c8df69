/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A stand-in for signaal-course that runs only its verify command, so that the
 * command can be tested on its own: sig-verify-tool verify FILE.json ... */
#include <locale.h>
#include <string.h>

#include "sig-cli-verify.h"

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_set_prgname ("signaal-course");
  if (argc < 2 || strcmp (argv[1], "verify") != 0)
    {
      g_printerr ("usage: %s verify FILE.json [--code CODE] [--issuer DID] [--json]\n", argv[0]);
      return 2;
    }
  return sig_cli_verify (argc - 1, argv + 1);
}
