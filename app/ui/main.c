/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "sig-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SigApplication) application = NULL;
  g_autoptr(GSettings) settings = sig_settings_new ();
  g_autofree char *language = g_settings_get_string (settings, "language");

  /* The language chosen in the preferences wins over the system's; it takes
   * effect at start-up, which is why the preferences ask for a restart. */
  if (language[0] != '\0')
    g_setenv ("LANGUAGE", language, TRUE);
  setlocale (LC_ALL, "");
  /* SIGNAAL_LOCALE_DIR: the catalogues of a build tree, for its tests. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SIGNAAL_LOCALE_DIR") != NULL ? g_getenv ("SIGNAAL_LOCALE_DIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = sig_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
