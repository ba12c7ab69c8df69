/* SPDX-License-Identifier: GPL-3.0-or-later */
/* signaal-course publisher-key and verify-package: publisher keys and signed
 * course packages (docs/course-format.md, "Signed packages"). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sig-cli.h"
#include "sig-loader.h"
#include "sig-package-signature.h"
#include "sig-store.h"
#include "sig-text.h"

static void
print_line (const char *label,
            const char *value)
{
  g_autofree char *safe = sig_text_sanitize (g_strdup (value ? value : ""));

  g_print ("%-14s %s\n", label, safe);
}

static void
print_publisher (SigIssuer *key)
{
  print_line (_("Name:"), sig_issuer_get_name (key, NULL));
  print_line (_("Key file:"), sig_issuer_get_path (key));
  print_line (_("did:key:"), sig_issuer_get_did (key));
}

static const char *
publisher_key_usage (void)
{
  return _("Usage: signaal-course publisher-key new --name NAME FILE\n"
           "       signaal-course publisher-key show [--trust-file] FILE\n"
           "       signaal-course publisher-key endorse OLD-FILE NEW-DID -o ENDORSEMENT.json\n");
}

int
sig_cli_publisher_key (int   argc,
                       char *argv[])
{
  g_autofree char *name = NULL;
  g_autofree char *output = NULL;
  gboolean trust_file = FALSE;
  g_auto(GStrv) args = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigIssuer) key = NULL;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The publisher's name, as learners see it (with new)"), N_("NAME") },
    { "trust-file", 0, 0, G_OPTION_ARG_NONE, &trust_file,
      N_("Print a file for $XDG_CONFIG_DIRS/signaal/publishers/ that makes computers trust this publisher (with show)"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Where to write the endorsement (with endorse)"), N_("FILE") },
    { NULL }
  };
  guint n_args;

  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  context = g_option_context_new (_("new|show|endorse …"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Manages the key course packages are signed with.\n"
                                  "\n"
                                  "  new --name NAME FILE   make a new publisher key in FILE (never overwrites)\n"
                                  "  show FILE              print the key's name and did:key\n"
                                  "  endorse OLD NEW-DID -o FILE\n"
                                  "                         let a new key update the courses of the old one\n"
                                  "\n"
                                  "Keep the key file secret: whoever has it can publish courses in its name."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("%s\n%s", error->message, publisher_key_usage ());
      return SIG_EXIT_USAGE;
    }
  n_args = g_strv_length (args);

  if (n_args == 3 && g_strcmp0 (args[1], "new") == 0)
    {
      if (name == NULL || *name == '\0')
        {
          g_printerr ("%s\n%s", _("Give the publisher's name with --name."), publisher_key_usage ());
          return SIG_EXIT_USAGE;
        }
      if ((key = sig_issuer_create_key_file (args[2], name, &error)) == NULL)
        {
          g_printerr ("%s\n", error->message);
          return SIG_EXIT_PROBLEMS;
        }
      print_publisher (key);
      g_print ("%s\n", _("Sign packages with “signaal-course pack --sign FILE”. Publish the did:key so that organisations can trust it.\n"
                         "Keep the key file secret and keep a backup in a safe place: an id you published can only be updated with this key."));
      return SIG_EXIT_OK;
    }
  if (n_args == 3 && g_strcmp0 (args[1], "show") == 0)
    {
      if ((key = sig_issuer_new_from_key_file (args[2], &error)) == NULL)
        {
          g_printerr ("%s\n", error->message);
          return SIG_EXIT_PROBLEMS;
        }
      if (trust_file)
        {
          g_autoptr(GKeyFile) key_file = g_key_file_new ();
          g_autofree char *data = NULL;

          g_key_file_set_string (key_file, "Publisher", "Id", sig_issuer_get_did (key));
          g_key_file_set_string (key_file, "Publisher", "Name", sig_issuer_get_name (key, NULL) ? sig_issuer_get_name (key, NULL) : "");
          data = g_key_file_to_data (key_file, NULL, NULL);
          g_print ("%s", data);
        }
      else
        print_publisher (key);
      return SIG_EXIT_OK;
    }
  if (n_args == 4 && g_strcmp0 (args[1], "endorse") == 0 && output != NULL)
    {
      g_autofree char *endorsement = NULL;

      if ((key = sig_issuer_new_from_key_file (args[2], &error)) == NULL ||
          (endorsement = sig_package_endorse (key, args[3], NULL, &error)) == NULL ||
          !g_file_set_contents (output, endorsement, -1, &error))
        {
          g_printerr ("%s\n", error->message);
          return SIG_EXIT_PROBLEMS;
        }
      g_print (_("%s endorses %s. Pack with “--sign NEW-KEY --endorsement %s” to update its courses.\n"),
               sig_issuer_get_did (key), args[3], output);
      return SIG_EXIT_OK;
    }
  g_printerr ("%s", publisher_key_usage ());
  return SIG_EXIT_USAGE;
}

int
sig_cli_verify_package (int   argc,
                        char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SigPackageSignature) signature = NULL;
  g_autoptr(SigCourse) course = NULL;
  g_autofree char *trusted_name = NULL;
  gboolean json = FALSE;
  gboolean trusted = FALSE;
  SigScenario *scenario = NULL;
  SigDocumentKind kind;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL }
  };

  context = sig_cli_option_context (_("FILE.signaal"),
                                    _("Check who signed a course package and that no byte changed since. VALID (exit 0), UNSIGNED or NOT VALID (exit 1)."),
                                    entries);
  if (!sig_cli_parse (context, &argc, &argv))
    return SIG_EXIT_USAGE;
  if (argc != 2)
    return sig_cli_usage_error (context, _("Give one .signaal file."));
  if ((bytes = sig_store_read_package (argv[1], &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return SIG_EXIT_USAGE;
    }
  signature = sig_package_signature_read (bytes);
  if (signature->state == SIG_PACKAGE_VALID)
    {
      g_autofree char *name = g_str_has_suffix (argv[1], ".signaal") ? g_strdup (argv[1]) : g_strconcat (argv[1], ".signaal", NULL);

      if (!sig_loader_load_bytes (signature->content, name, NULL, &kind, &course, &scenario, &error) || course == NULL)
        {
          g_clear_pointer (&scenario, sig_scenario_unref);
          signature->state = SIG_PACKAGE_NOT_VALID;
          signature->reason = g_strdup_printf (_("The signed content is not a course Signaal can read: %s"),
                                               error ? error->message : "");
        }
      else if (g_strcmp0 (course->id, signature->course_id) != 0 || g_strcmp0 (course->version, signature->course_version) != 0)
        {
          signature->state = SIG_PACKAGE_NOT_VALID;
          signature->reason = g_strdup_printf (_("The signature was made for “%s” version %s, but the file holds “%s” version %s."),
                                               signature->course_id, signature->course_version, course->id, course->version);
        }
      else
        trusted = sig_publisher_is_trusted (signature->publisher_did, &trusted_name);
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (builder);
      sig_cli_json_string (builder, "status", sig_package_state_to_string (signature->state));
      if (signature->state == SIG_PACKAGE_VALID)
        {
          sig_cli_json_string (builder, "course", signature->course_id);
          sig_cli_json_string (builder, "version", signature->course_version);
          sig_cli_json_string (builder, "publisher", signature->publisher_did);
          sig_cli_json_string (builder, "publisherName", signature->publisher_name);
          sig_cli_json_boolean (builder, "trusted", trusted);
          json_builder_set_member_name (builder, "endorsedBy");
          json_builder_begin_array (builder);
          for (guint i = 0; signature->endorsed_by && signature->endorsed_by[i]; i++)
            json_builder_add_string_value (builder, signature->endorsed_by[i]);
          json_builder_end_array (builder);
        }
      if (signature->reason != NULL)
        sig_cli_json_string (builder, "reason", signature->reason);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
    }
  else
    {
      g_print ("%s\n", sig_package_state_to_string (signature->state));
      switch (signature->state)
        {
        case SIG_PACKAGE_VALID:
          {
            g_autofree char *course_line = g_strdup_printf ("%s %s", signature->course_id, signature->course_version);

            print_line (_("Course:"), course_line);
            print_line (_("Publisher:"), signature->publisher_name);
            print_line (_("did:key:"), signature->publisher_did);
            for (guint i = 0; signature->endorsed_by && signature->endorsed_by[i]; i++)
              print_line (_("Endorsed by:"), signature->endorsed_by[i]);
            print_line (_("Trusted:"), trusted ? _("yes, a publisher this computer trusts") : _("no, a publisher this computer does not know"));
          }
          break;
        case SIG_PACKAGE_UNSIGNED:
          g_print ("%s\n", _("The package is not signed: it installs as “unverified publisher” and cannot replace a signed course."));
          break;
        case SIG_PACKAGE_NOT_VALID:
        default:
          print_line (_("Reason:"), signature->reason);
          break;
        }
    }
  return signature->state == SIG_PACKAGE_VALID ? SIG_EXIT_OK : SIG_EXIT_PROBLEMS;
}
