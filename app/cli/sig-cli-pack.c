/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sig-cli.h"
#include "sig-package.h"

int
sig_cli_pack (int   argc,
              char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SigCatalog) catalog = sig_catalog_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The .signaal file to write"), N_("FILE") },
    { NULL }
  };

  context = sig_cli_option_context (_("DIR"),
                                    _("Pack an authoring folder (course.xml, media/, scenarios/) into one .signaal file for distribution."),
                                    entries);
  if (!sig_cli_parse (context, &argc, &argv))
    return SIG_EXIT_USAGE;
  if (argc != 2 || output == NULL)
    return sig_cli_usage_error (context, _("Give one authoring folder and -o FILE.signaal."));
  if (!g_str_has_suffix (output, ".signaal"))
    return sig_cli_usage_error (context, _("The output file name must end in .signaal."));

  if (!sig_package_pack (argv[1], output, catalog, &error))
    {
      g_printerr ("%s\n", error->message);
      return g_error_matches (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_IO) ||
             error->domain == G_FILE_ERROR ? SIG_EXIT_USAGE : SIG_EXIT_PROBLEMS;
    }
  g_printerr (_("Packed %s into %s.\n"), argv[1], output);
  return SIG_EXIT_OK;
}
