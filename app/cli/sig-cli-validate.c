/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sig-cli.h"
#include "sig-diagnostic.h"
#include "sig-lint.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define SIGNAAL_URI "https://signaal.nl/"

/* What stops a file from loading, as a rule of its own for programs. */
static const SigLintRule load_rules[] = {
  { "io", SIG_SEVERITY_ERROR, N_("The file cannot be read") },
  { "too-large", SIG_SEVERITY_ERROR, N_("The file is over a size, depth or count limit") },
  { "xml", SIG_SEVERITY_ERROR, N_("The file is not well-formed XML in UTF-8") },
  { "forbidden", SIG_SEVERITY_ERROR, N_("The file uses a DOCTYPE, an entity, XInclude or a path outside the package") },
  { "unsupported", SIG_SEVERITY_ERROR, N_("The file is not a Signaal course or scenario, or is in another format version") },
  { "format", SIG_SEVERITY_ERROR, N_("The file does not follow the course format") },
  { "reference", SIG_SEVERITY_ERROR, N_("An id is duplicated, or a reference names nothing") },
};

typedef enum {
  FORMAT_TEXT,
  FORMAT_JSON,
  FORMAT_SARIF,
} OutputFormat;

static const char *
load_rule (const GError *error)
{
  switch (error->code)
    {
    case SIG_LOADER_ERROR_IO: return "io";
    case SIG_LOADER_ERROR_TOO_LARGE: return "too-large";
    case SIG_LOADER_ERROR_NOT_XML: return "xml";
    case SIG_LOADER_ERROR_FORBIDDEN: return "forbidden";
    case SIG_LOADER_ERROR_UNSUPPORTED: return "unsupported";
    case SIG_LOADER_ERROR_SCHEMA: return "format";
    default: return "reference";
    }
}

/* A loader error ("FILE:LINE:COL: error: message") taken apart again. */
static SigDiagnostic *
diagnostic_from_error (const SigCatalogEntry *entry)
{
  g_autofree char *word = g_regex_escape_string (_("error"), -1);
  g_autofree char *pattern = g_strdup_printf ("^(.+?)(?::([0-9]+))?(?::([0-9]+))?: %s: (.*)$", word);
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  const char *message = entry->error->message;

  if (regex != NULL && g_regex_match (regex, message, 0, &match))
    {
      g_autofree char *file = g_match_info_fetch (match, 1);
      g_autofree char *line = g_match_info_fetch (match, 2);
      g_autofree char *column = g_match_info_fetch (match, 3);
      g_autofree char *text = g_match_info_fetch (match, 4);

      return sig_diagnostic_new_rule (file, (guint) g_ascii_strtoull (line ? line : "0", NULL, 10),
                                      (guint) g_ascii_strtoull (column ? column : "0", NULL, 10),
                                      SIG_SEVERITY_ERROR, load_rule (entry->error), text);
    }
  return sig_diagnostic_new_rule (entry->path, 0, 0, SIG_SEVERITY_ERROR, load_rule (entry->error), message);
}

static gboolean
parse_format (const char   *name,
              OutputFormat *format)
{
  if (name == NULL || g_str_equal (name, "text"))
    *format = FORMAT_TEXT;
  else if (g_str_equal (name, "json"))
    *format = FORMAT_JSON;
  else if (g_str_equal (name, "sarif"))
    *format = FORMAT_SARIF;
  else
    return FALSE;
  return TRUE;
}

static void
print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
print_diagnostics_json (GPtrArray *diagnostics,
                        guint      files,
                        guint      errors,
                        guint      warnings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  sig_cli_json_int (builder, "files", files);
  sig_cli_json_int (builder, "errors", errors);
  sig_cli_json_int (builder, "warnings", warnings);
  json_builder_set_member_name (builder, "diagnostics");
  json_builder_begin_array (builder);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      SigDiagnostic *d = diagnostics->pdata[i];

      json_builder_begin_object (builder);
      sig_cli_json_string (builder, "file", d->file);
      sig_cli_json_int (builder, "line", d->line);
      sig_cli_json_int (builder, "column", d->column);
      sig_cli_json_string (builder, "severity", sig_severity_name (d->severity));
      sig_cli_json_string (builder, "rule", d->rule);
      sig_cli_json_string (builder, "message", d->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  print_json (root);
}

/* A file path as a URI reference: relative paths stay relative (to where the
 * tool was run, which a CI system checks out as the repository). */
static char *
path_to_uri (const char *path)
{
  if (g_path_is_absolute (path))
    return g_filename_to_uri (path, NULL, NULL);
  return g_uri_escape_string (path, "/", FALSE);
}

static void
add_sarif_rule (JsonBuilder       *builder,
                const SigLintRule *rule)
{
  json_builder_begin_object (builder);
  sig_cli_json_string (builder, "id", rule->id);
  json_builder_set_member_name (builder, "shortDescription");
  json_builder_begin_object (builder);
  sig_cli_json_string (builder, "text", _(rule->summary));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "defaultConfiguration");
  json_builder_begin_object (builder);
  sig_cli_json_string (builder, "level", sig_severity_name (rule->severity));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

/* SARIF 2.1.0 (OASIS), which editors and CI systems show inline. */
static void
print_diagnostics_sarif (GPtrArray *diagnostics,
                         gboolean   lint)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) rule_index = g_hash_table_new (g_str_hash, g_str_equal);
  const SigLintRule *lint_rules;
  guint n_lint_rules = 0, n = 0;

  lint_rules = sig_lint_get_rules (&n_lint_rules);
  json_builder_begin_object (builder);
  sig_cli_json_string (builder, "$schema", SARIF_SCHEMA);
  sig_cli_json_string (builder, "version", "2.1.0");
  json_builder_set_member_name (builder, "runs");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "tool");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "driver");
  json_builder_begin_object (builder);
  sig_cli_json_string (builder, "name", "signaal-course");
  sig_cli_json_string (builder, "version", PACKAGE_VERSION);
  sig_cli_json_string (builder, "informationUri", SIGNAAL_URI);
  json_builder_set_member_name (builder, "rules");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (load_rules); i++)
    {
      add_sarif_rule (builder, &load_rules[i]);
      g_hash_table_insert (rule_index, (gpointer) load_rules[i].id, GUINT_TO_POINTER (n++));
    }
  for (guint i = 0; lint && i < n_lint_rules; i++)
    {
      add_sarif_rule (builder, &lint_rules[i]);
      g_hash_table_insert (rule_index, (gpointer) lint_rules[i].id, GUINT_TO_POINTER (n++));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      SigDiagnostic *d = diagnostics->pdata[i];
      g_autofree char *uri = path_to_uri (d->file);
      gpointer index;

      json_builder_begin_object (builder);
      sig_cli_json_string (builder, "ruleId", d->rule);
      if (d->rule != NULL && g_hash_table_lookup_extended (rule_index, d->rule, NULL, &index))
        sig_cli_json_int (builder, "ruleIndex", GPOINTER_TO_UINT (index));
      sig_cli_json_string (builder, "level", sig_severity_name (d->severity));
      json_builder_set_member_name (builder, "message");
      json_builder_begin_object (builder);
      sig_cli_json_string (builder, "text", d->message);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "locations");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "physicalLocation");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "artifactLocation");
      json_builder_begin_object (builder);
      sig_cli_json_string (builder, "uri", uri);
      json_builder_end_object (builder);
      if (d->line > 0)
        {
          json_builder_set_member_name (builder, "region");
          json_builder_begin_object (builder);
          sig_cli_json_int (builder, "startLine", d->line);
          if (d->column > 0)
            sig_cli_json_int (builder, "startColumn", d->column);
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  print_json (root);
}

/* validate and lint share one walk: lint adds the checks beyond the loader. */
static int
check_paths (int       argc,
             char     *argv[],
             gboolean  lint)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SigCatalog) catalog = NULL;
  g_autoptr(SigHelplines) helplines = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) sig_diagnostic_free);
  g_autofree char *format_name = NULL;
  OutputFormat format;
  gboolean io_error = FALSE;
  guint errors = 0, warnings = 0, files = 0;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name,
      N_("Print the problems as text (the default), json or sarif (SARIF 2.1.0, for editors and CI systems)"), N_("FORMAT") },
    { NULL }
  };

  context = sig_cli_option_context (_("PATH…"),
                                    lint ? _("Check courses and scenarios for problems beyond the format: dangling and duplicate ids, unreachable nodes, dead ends, loops with no way out, conditions that can never hold, missing translations, questions without a correct answer, an unreachable pass mark, missing or unused media, objectives never assessed.\n\nEach problem is an error (it blocks importing and packing the course) or a warning (shown, never blocking). Exit status: 1 when there are errors, 0 when there are only warnings.\n\nA PATH is a course file, an authoring folder or a folder searched for courses and scenarios.")
                                         : _("Check that courses and scenarios are well-formed, follow the course format and have no dangling or duplicate ids.\n\nA PATH is a course file, an authoring folder or a folder searched for courses and scenarios."),
                                    entries);
  if (!sig_cli_parse (context, &argc, &argv))
    return SIG_EXIT_USAGE;
  if (!parse_format (format_name, &format))
    return sig_cli_usage_error (context, _("--format takes text, json or sarif."));
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
      /* A scenario's own problem may have been reported already, as the
       * cause of a course's problem: it is printed once, cause first. */
      if (entry->error != NULL)
        {
          if (!sig_diagnostics_add_unique (found, diagnostic_from_error (entry)))
            continue;
          if (g_error_matches (entry->error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_IO))
            io_error = TRUE;
          else
            errors++;
          if (format == FORMAT_TEXT)
            g_print ("%s\n", entry->error->message);
          continue;
        }
      if (!lint)
        continue;
      diagnostics = entry->course != NULL ? sig_lint_course (entry->course, catalog, helplines)
                                          : sig_lint_scenario (entry->scenario, helplines);
      for (guint j = 0; j < diagnostics->len; j++)
        {
          SigDiagnostic *diagnostic = g_steal_pointer (&diagnostics->pdata[j]);

          if (!sig_diagnostics_add_unique (found, diagnostic))
            continue;
          /* A warning (an unused picture, a source due for a check) does not fail the run. */
          if (diagnostic->severity == SIG_SEVERITY_ERROR)
            errors++;
          else
            warnings++;
          if (format == FORMAT_TEXT)
            {
              g_autofree char *line = sig_diagnostic_format (diagnostic);

              g_print ("%s\n", line);
            }
        }
    }

  if (files == 0 && !io_error)
    {
      g_printerr (_("signaal-course: no course or scenario files were found in the given paths.\n"));
      return SIG_EXIT_USAGE;
    }
  if (format == FORMAT_JSON)
    print_diagnostics_json (found, files, errors, warnings);
  else if (format == FORMAT_SARIF)
    print_diagnostics_sarif (found, lint);
  if (io_error)
    return SIG_EXIT_USAGE;
  if (format == FORMAT_TEXT && errors + warnings > 0)
    {
      g_autofree char *n_errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", errors), errors);
      g_autofree char *n_warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", warnings), warnings);
      g_autofree char *checked = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file checked", "%u files checked", files), files);

      /* Translators: "3 errors, 1 warning; 2 files checked." */
      g_printerr (_("%s, %s; %s.\n"), n_errors, n_warnings, checked);
    }
  else if (format == FORMAT_TEXT)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u file checked: no problems.\n", "%u files checked: no problems.\n", files), files);
  return errors > 0 ? SIG_EXIT_PROBLEMS : SIG_EXIT_OK;
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
