/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sig-cli.h"
#include "sig-lint.h"
#include "sig-package.h"

/* Lint errors block packing; warnings are shown and do not. FALSE: do not pack
 * (the problems are printed). A course that does not load is left to the
 * packer, which says why. */
static gboolean
lint_before_packing (const char *folder,
                     SigCatalog *catalog)
{
  g_autoptr(SigCourse) course = sig_loader_load_course (folder, NULL);
  g_autoptr(SigHelplines) helplines = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  guint errors = 0;

  if (course == NULL)
    return TRUE;
  if ((helplines = sig_cli_load_helplines ()) == NULL)
    return FALSE;
  diagnostics = sig_lint_course (course, catalog, helplines);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      SigDiagnostic *diagnostic = diagnostics->pdata[i];
      g_autofree char *line = sig_diagnostic_format (diagnostic);

      g_printerr ("%s\n", line);
      errors += diagnostic->severity == SIG_SEVERITY_ERROR;
    }
  if (errors > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "Not packed: lint found %u error. Fix it and pack again (warnings do not block packing).\n",
                             "Not packed: lint found %u errors. Fix them and pack again (warnings do not block packing).\n",
                             errors),
                errors);
  return errors == 0;
}

int
sig_cli_pack (int   argc,
              char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SigCatalog) catalog = sig_catalog_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *key_path = NULL;
  g_auto(GStrv) endorsement_paths = NULL;
  g_autoptr(GPtrArray) endorsements = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SigIssuer) key = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The .signaal file to write"), N_("FILE") },
    { "sign", 0, 0, G_OPTION_ARG_FILENAME, &key_path, N_("Sign the package with this publisher key file"), N_("KEYFILE") },
    { "endorsement", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &endorsement_paths,
      N_("Include an endorsement of the signing key by an earlier key (key rotation)"), N_("FILE") },
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

  if (endorsement_paths != NULL && key_path == NULL)
    return sig_cli_usage_error (context, _("An endorsement is only useful with --sign KEYFILE."));
  if (key_path != NULL && (key = sig_issuer_new_from_key_file (key_path, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return SIG_EXIT_USAGE;
    }
  for (guint i = 0; endorsement_paths != NULL && endorsement_paths[i] != NULL; i++)
    {
      char *text = NULL;

      if (!g_file_get_contents (endorsement_paths[i], &text, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return SIG_EXIT_USAGE;
        }
      g_ptr_array_add (endorsements, text);
    }
  g_ptr_array_add (endorsements, NULL);

  if (!lint_before_packing (argv[1], catalog))
    return SIG_EXIT_PROBLEMS;
  if (!sig_package_pack_signed (argv[1], output, catalog, key, (const char * const *) endorsements->pdata, &error))
    {
      g_printerr ("%s\n", error->message);
      return g_error_matches (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_IO) ||
             error->domain == G_FILE_ERROR ? SIG_EXIT_USAGE : SIG_EXIT_PROBLEMS;
    }
  if (key != NULL)
    g_printerr (_("Packed %s into %s, signed by %s.\n"), argv[1], output, sig_issuer_get_did (key));
  else
    g_printerr (_("Packed %s into %s.\n"), argv[1], output);
  return SIG_EXIT_OK;
}
