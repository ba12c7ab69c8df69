/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "sig-cli.h"
#include "sig-text.h"

GOptionContext *
sig_cli_option_context (const char   *parameters,
                        const char   *summary,
                        GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameters);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

int
sig_cli_usage_error (GOptionContext *context,
                     const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_printerr ("signaal-course: %s\n\n%s", message, help);
  return SIG_EXIT_USAGE;
}

gboolean
sig_cli_parse (GOptionContext *context,
               int            *argc,
               char         ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("signaal-course: %s\n", error->message);
      g_printerr (_("Run “signaal-course %s --help” to see the options.\n"), (*argv)[0]);
      return FALSE;
    }
  return TRUE;
}

SigCatalog *
sig_cli_build_catalog (int        argc,
                       char     **argv,
                       gboolean  *io_error)
{
  g_autoptr(SigCatalog) catalog = sig_catalog_new ();

  *io_error = FALSE;
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!sig_catalog_add_path (catalog, argv[i], &error))
        {
          g_printerr ("%s\n", error->message);
          *io_error = TRUE;
        }
    }
  return g_steal_pointer (&catalog);
}

SigHelplines *
sig_cli_load_helplines (void)
{
  g_autofree char *path = sig_helplines_default_path ();
  g_autoptr(GError) error = NULL;
  SigHelplines *helplines = sig_helplines_load (path, &error);

  if (helplines == NULL)
    g_printerr ("%s\n", error->message);
  return helplines;
}

const char *
sig_cli_language (const char *requested)
{
  const char * const *names;

  if (requested != NULL)
    return requested;
  names = g_get_language_names ();
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "nl"))
        return "nl";
      if (g_str_has_prefix (names[i], "en"))
        return "en";
    }
  return "en";
}

void
sig_cli_json_string (JsonBuilder *builder,
                     const char  *member,
                     const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

void
sig_cli_json_int (JsonBuilder *builder,
                  const char  *member,
                  gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

void
sig_cli_json_boolean (JsonBuilder *builder,
                      const char  *member,
                      gboolean     value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

void
sig_cli_json_double (JsonBuilder *builder,
                     const char  *member,
                     double       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_double_value (builder, value);
}

char *
sig_cli_safe (const char *value)
{
  return sig_text_sanitize (g_strdup (value ? value : ""));
}
