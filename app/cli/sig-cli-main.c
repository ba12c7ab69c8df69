/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "sig-cli.h"

typedef struct {
  const char *name;
  int (*run) (int argc, char *argv[]);
  const char *summary;
} Command;

static const Command commands[] = {
  { "validate", sig_cli_validate, N_("Check that courses and scenarios follow the course format") },
  { "lint", sig_cli_lint, N_("Check courses and scenarios for problems beyond the format") },
  { "stats", sig_cli_stats, N_("Count what courses and scenarios hold (--json for programs)") },
  { "pack", sig_cli_pack, N_("Pack an authoring folder into one .signaal file") },
  { "play", sig_cli_play, N_("Play a course or scenario in the terminal") },
  { "profiles", sig_cli_profiles, N_("List the learner profiles in a progress database") },
  { "progress", sig_cli_progress, N_("Show learners' progress (--json for programs)") },
  { "export", sig_cli_export, N_("Export progress as xAPI statements, a CSV report or a learner's own data") },
  { "import", sig_cli_import, N_("Install a packed course into the library of a progress database") },
  { "certificate", sig_cli_certificate, N_("Export a learner's certificate for a course as PDF and signed JSON") },
  { "verify", sig_cli_verify, N_("Verify a certificate (Open Badges 3.0 credential)") },
  { "issuer-key", sig_cli_issuer_key, N_("Create or show an organisation's certificate issuer key") },
  { "publisher-key", sig_cli_publisher_key, N_("Create or show a course publisher's signing key") },
  { "verify-package", sig_cli_verify_package, N_("Check who signed a .signaal package and that it is unchanged") },
  { "remove", sig_cli_remove, N_("Remove an installed course from the library (progress is kept)") },
  { "sync", sig_cli_sync, N_("Send learning records waiting in the outbox to the organisation's learning record store") },
  { "review", sig_cli_review, N_("Spaced review: replay a review log with the FSRS-6 scheduler") },
};

static void
print_help (void)
{
  g_print (_("Usage:\n  signaal-course COMMAND [OPTION…]\n\nThe Signaal tool for course authors, administrators and tests.\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-15s %s\n", commands[i].name, _(commands[i].summary));
  g_print (_("\nRun “signaal-course COMMAND --help” for the options of a command.\n"
             "Exit status: 0 all is well, 1 problems were found, 2 usage or I/O error.\n"));
}

int
sig_cli_main (int   argc,
              char *argv[])
{
  const char *locale_dir = g_getenv ("SIGNAAL_LOCALE_DIR");

  setlocale (LC_ALL, "");
  /* SIGNAAL_LOCALE_DIR: the catalogues of a build tree, for tests */
  bindtextdomain (GETTEXT_PACKAGE, locale_dir != NULL && *locale_dir ? locale_dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_help ();
      return argc < 2 ? SIG_EXIT_USAGE : SIG_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("signaal-course %s\n", PACKAGE_VERSION);
      return SIG_EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        g_autofree char *prgname = g_strconcat ("signaal-course ", commands[i].name, NULL);

        g_set_prgname (prgname);
        return commands[i].run (argc - 1, argv + 1);
      }
  g_printerr (_("signaal-course: “%s” is not a command. Run “signaal-course --help” to see the commands.\n"), argv[1]);
  return SIG_EXIT_USAGE;
}
