/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sig-cli.h"
#include "sig-diagnostic.h"
#include "sig-lint.h"

/* validate and lint share one walk: lint adds the checks beyond the loader. */
static int
check_paths (int       argc,
             char     *argv[],
             gboolean  lint)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SigCatalog) catalog = NULL;
  g_autoptr(SigHelplines) helplines = NULL;
  gboolean io_error = FALSE;
  guint problems = 0, files = 0;

  context = sig_cli_option_context (_("PATH…"),
                                    lint ? _("Check courses and scenarios for problems beyond the format: dangling and duplicate ids, unreachable nodes, dead ends, loops with no way out, conditions that can never hold, missing translations, questions without a correct answer, an unreachable pass mark, missing or unused media, objectives never assessed.\n\nA PATH is a course file, an authoring folder or a folder searched for courses and scenarios.")
                                         : _("Check that courses and scenarios are well-formed, follow the course format and have no dangling or duplicate ids.\n\nA PATH is a course file, an authoring folder or a folder searched for courses and scenarios."),
                                    NULL);
  if (!sig_cli_parse (context, &argc, &argv))
    return SIG_EXIT_USAGE;
  if (argc < 2)
    return sig_cli_usage_error (context, _("Give at least one PATH."));

  catalog = sig_cli_build_catalog (argc, argv, &io_error);
  if (lint && (helplines = sig_cli_load_helplines ()) == NULL)
    return SIG_EXIT_USAGE;

  for (guint i = 0; i < sig_catalog_get_n (catalog); i++)
    {
      SigCatalogEntry *entry = sig_catalog_get (catalog, i);
      g_autoptr(GPtrArray) diagnostics = NULL;

      files++;
      if (entry->error != NULL)
        {
          g_print ("%s\n", entry->error->message);
          if (g_error_matches (entry->error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_IO))
            io_error = TRUE;
          else
            problems++;
          continue;
        }
      if (!lint)
        continue;
      diagnostics = entry->course != NULL ? sig_lint_course (entry->course, catalog, helplines)
                                          : sig_lint_scenario (entry->scenario, helplines);
      for (guint j = 0; j < diagnostics->len; j++)
        {
          g_autofree char *line = sig_diagnostic_format (diagnostics->pdata[j]);

          g_print ("%s\n", line);
          /* A warning (a source due for a check) does not fail the run. */
          if (((SigDiagnostic *) diagnostics->pdata[j])->severity == SIG_SEVERITY_ERROR)
            problems++;
        }
    }

  if (files == 0 && !io_error)
    {
      g_printerr (_("signaal-course: no course or scenario files were found in the given paths.\n"));
      return SIG_EXIT_USAGE;
    }
  if (io_error)
    return SIG_EXIT_USAGE;
  if (problems > 0)
    {
      g_autofree char *found = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem", "%u problems", problems), problems);
      g_autofree char *checked = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file checked", "%u files checked", files), files);

      /* Translators: "3 problems; 2 files checked." */
      g_printerr (_("%s; %s.\n"), found, checked);
      return SIG_EXIT_PROBLEMS;
    }
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u file checked: no problems.\n", "%u files checked: no problems.\n", files), files);
  return SIG_EXIT_OK;
}

int
sig_cli_validate (int   argc,
                  char *argv[])
{
  return check_paths (argc, argv, FALSE);
}

int
sig_cli_lint (int   argc,
              char *argv[])
{
  return check_paths (argc, argv, TRUE);
}
