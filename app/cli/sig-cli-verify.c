/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <unistd.h>

#include "sig-cli-verify.h"
#include "sig-credential.h"
#include "sig-file.h"
#include "sig-issuer.h"
#include "sig-jcs.h"
#include "sig-text.h"

#define EXIT_VALID 0
#define EXIT_NOT_VALID 1
#define EXIT_USAGE 2

static char *
format_day (GDateTime *date)
{
  g_autoptr(GDateTime) utc = NULL;

  if (date == NULL)
    return NULL;
  utc = g_date_time_to_utc (date);
  return g_date_time_format (utc, "%Y-%m-%d");
}

static char *
format_instant (GDateTime *date)
{
  g_autoptr(GDateTime) utc = NULL;

  if (date == NULL)
    return NULL;
  utc = g_date_time_to_utc (date);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static void
print_field (const char *label,
             const char *value)
{
  g_autofree char *safe = NULL;

  if (value == NULL || *value == '\0')
    return;
  /* A credential is untrusted input: no escape sequence reaches the terminal. */
  safe = sig_text_sanitize (g_strdup (value));
  /* Pad by characters, not bytes, so translated labels line up too. */
  g_print ("%s%*s %s\n", label, MAX (0, 14 - (int) g_utf8_strlen (label, -1)), "", safe);
}

static void
print_human (SigVerification *v)
{
  g_autofree char *course = NULL;
  g_autofree char *completed = format_day (v->valid_from);
  g_autofree char *valid_until = format_day (v->valid_until);
  g_autofree char *score = v->score ? g_strdup_printf ("%s%%", v->score) : NULL;
  g_autofree char *issuer = NULL;

  if (v->achievement_name && v->course_id && v->course_version)
    course = g_strdup_printf ("%s (%s %s)", v->achievement_name, v->course_id, v->course_version);
  else
    course = g_strdup (v->achievement_name);
  issuer = g_strdup (v->issuer_name);

  if (!v->authentic && (v->learner_name || course || issuer))
    g_print ("%s\n", _("What the file claims (not confirmed):"));

  print_field (_("Learner:"), v->learner_name);
  print_field (_("Course:"), course);
  print_field (_("Issuer:"), issuer);
  print_field (_("Issuer key:"), v->issuer_did);
  if (v->publisher_id != NULL)
    {
      g_autofree char *publisher = NULL;

      if (g_str_has_prefix (v->publisher_id, "did:key:"))
        publisher = g_strdup_printf ("%s (%s)", v->publisher_name ? v->publisher_name : "", v->publisher_id);
      else
        /* Translators: %s is the publisher's name on a certificate of a course from an unsigned package */
        publisher = g_strdup_printf (_("%s (unverified publisher)"), v->publisher_name ? v->publisher_name : "");
      print_field (_("Publisher:"), publisher);
    }
  print_field (_("Completed:"), completed);
  print_field (_("Valid until:"), valid_until);
  print_field (_("Score:"), score);
  print_field (_("Code:"), v->code);
  print_field (_("Credential:"), v->credential_id);

  {
    g_autofree char *message = sig_text_sanitize (g_strdup (v->message));

    switch (v->status)
      {
      case SIG_VERIFICATION_VALID:
        g_print ("VALID: %s\n", message);
        break;
      case SIG_VERIFICATION_EXPIRED:
        g_print ("EXPIRED: %s\n", message);
        break;
      case SIG_VERIFICATION_INVALID:
      default:
        g_print ("NOT VALID: %s\n", message);
        break;
      }
  }
}

static void
add_member (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
print_json (SigVerification *v,
            gboolean         code_checked,
            gboolean         code_matches)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *valid_from = format_instant (v->valid_from);
  g_autofree char *valid_until = format_instant (v->valid_until);
  g_autofree char *issued_at = format_instant (v->issued_at);

  json_builder_begin_object (builder);
  add_member (builder, "status", sig_verification_status_to_string (v->status));
  add_member (builder, "reason", sig_verification_reason_to_string (v->reason));
  add_member (builder, "message", v->message);
  json_builder_set_member_name (builder, "authentic");
  json_builder_add_boolean_value (builder, v->authentic);
  add_member (builder, "credentialId", v->credential_id);
  add_member (builder, "learner", v->learner_name);
  json_builder_set_member_name (builder, "course");
  json_builder_begin_object (builder);
  add_member (builder, "id", v->course_id);
  add_member (builder, "version", v->course_version);
  add_member (builder, "name", v->achievement_name);
  add_member (builder, "achievementId", v->achievement_id);
  add_member (builder, "language", v->language);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "issuer");
  json_builder_begin_object (builder);
  add_member (builder, "id", v->issuer_did);
  add_member (builder, "name", v->issuer_name);
  json_builder_end_object (builder);
  add_member (builder, "validFrom", valid_from);
  add_member (builder, "validUntil", valid_until);
  add_member (builder, "issuedAt", issued_at);
  add_member (builder, "score", v->score);
  add_member (builder, "code", v->code);
  json_builder_set_member_name (builder, "codeMatches");
  if (code_checked)
    json_builder_add_boolean_value (builder, code_matches);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* Reads FILE, or standard input for "-": at most the size a certificate may
 * have, counted in bytes read (FILE may be a pipe or a device). */
static char *
read_input (const char  *path,
            gsize       *length,
            GError     **error)
{
  if (g_strcmp0 (path, "-") == 0)
    {
      g_autofree char *data = g_malloc (SIG_JSON_MAX_BYTES + 1);

      if (!sig_file_read_fd (STDIN_FILENO, data, SIG_JSON_MAX_BYTES, length, error))
        return NULL;
      return g_steal_pointer (&data);
    }
  return sig_file_read (path, SIG_JSON_MAX_BYTES, length, error);
}

int
sig_cli_verify (int   argc,
                char *argv[])
{
  g_autofree char *code = NULL;
  g_autofree char *issuer = NULL;
  gboolean json = FALSE;
  g_auto(GStrv) args = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigVerification) verification = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *normalized_code = NULL;
  gboolean code_matches = FALSE;
  gsize length = 0;
  const GOptionEntry entries[] = {
    { "code", 0, 0, G_OPTION_ARG_STRING, &code,
      N_("Also check the verification code printed on the paper certificate"), N_("CODE") },
    { "issuer", 0, 0, G_OPTION_ARG_STRING, &issuer,
      N_("Accept only certificates issued by this did:key (e.g. your organisation's)"), N_("DID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the result as JSON"), NULL },
    { NULL }
  };

  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  context = g_option_context_new (_("FILE.json"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Checks a Signaal certificate (the .json file next to the PDF): who earned\n"
                                  "what and when, whether the signature matches its issuer, and whether it\n"
                                  "is still valid. Works offline. FILE may be - for standard input.\n"
                                  "\n"
                                  "Exit status: 0 valid, 1 not valid or expired, 2 wrong usage or unreadable file."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("%s\n", error->message);
      g_printerr (_("Usage: signaal-course verify FILE.json [--code CODE] [--issuer DID] [--json]\n"));
      return EXIT_USAGE;
    }
  if (g_strv_length (args) != 2)
    {
      g_printerr (_("Give exactly one certificate file.\n"));
      g_printerr (_("Usage: signaal-course verify FILE.json [--code CODE] [--issuer DID] [--json]\n"));
      return EXIT_USAGE;
    }
  if (code != NULL)
    {
      normalized_code = sig_verification_code_normalize (code);
      if (normalized_code == NULL)
        {
          g_printerr (_("“%s” is not a verification code. A code has 10 letters and digits, such as 7KQ2M-X9D4P.\n"),
                      code);
          return EXIT_USAGE;
        }
    }

  contents = read_input (args[1], &length, &error);
  if (contents == NULL)
    {
      /* Translators: the file, then why, in a sentence */
      g_printerr (_("Could not read the certificate %s: %s\n"), args[1], error->message);
      return EXIT_USAGE;
    }

  verification = sig_credential_verify (contents, (gssize) length, issuer, NULL);

  if (normalized_code != NULL)
    {
      code_matches = sig_verification_code_equal (normalized_code, verification->code);
      if (!code_matches && verification->status != SIG_VERIFICATION_INVALID)
        {
          g_autofree char *message =
            g_strdup_printf (_("The verification code %s does not belong to this certificate (its code is %s)."),
                             normalized_code, verification->code);

          sig_verification_fail (verification, SIG_VERIFICATION_REASON_CODE_MISMATCH, message);
        }
    }

  if (json)
    print_json (verification, normalized_code != NULL, code_matches);
  else
    print_human (verification);

  return verification->status == SIG_VERIFICATION_VALID ? EXIT_VALID : EXIT_NOT_VALID;
}

/* ---- issuer-key ---------------------------------------------------------- */

static const char *
kind_name (SigIssuer *issuer)
{
  return sig_issuer_get_kind (issuer) == SIG_ISSUER_KIND_ORGANISATION
           ? _("organisation key")
           : _("this installation's own key (self-study, unsupervised)");
}

static void
print_issuer (SigIssuer *issuer)
{
  const char *name = sig_issuer_get_name (issuer, NULL);

  if (name != NULL)
    print_field (_("Name:"), name);
  print_field (_("Kind:"), kind_name (issuer));
  print_field (_("Key file:"), sig_issuer_get_path (issuer));
  print_field (_("did:key:"), sig_issuer_get_did (issuer));
}

static const char *
issuer_key_usage (void)
{
  return _("Usage: signaal-course issuer-key new --name NAME FILE\n"
           "       signaal-course issuer-key show [FILE]\n");
}

int
sig_cli_issuer_key (int   argc,
                    char *argv[])
{
  g_autofree char *name = NULL;
  g_auto(GStrv) args = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigIssuer) issuer = NULL;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      N_("The organisation's name, as certificates show it (with new)"), N_("NAME") },
    { NULL }
  };
  guint n_args;

  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  context = g_option_context_new (_("new|show [FILE]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Manages the key certificates are signed with.\n"
                                  "\n"
                                  "  new --name NAME FILE  make a new organisation key in FILE (never overwrites)\n"
                                  "  show [FILE]           print a key's did:key, to publish so others can check\n"
                                  "                        certificates; without FILE, the key in use here\n"
                                  "\n"
                                  "Keep the key file secret: whoever has it can issue certificates in its name."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("%s\n%s", error->message, issuer_key_usage ());
      return EXIT_USAGE;
    }
  n_args = g_strv_length (args);

  if (n_args == 3 && g_strcmp0 (args[1], "new") == 0)
    {
      if (name == NULL)
        {
          g_printerr ("%s\n%s", _("Give the organisation's name with --name."), issuer_key_usage ());
          return EXIT_USAGE;
        }
      issuer = sig_issuer_create_key_file (args[2], name, &error);
      if (issuer == NULL)
        {
          g_printerr ("%s\n", error->message);
          return EXIT_NOT_VALID;
        }
      print_issuer (issuer);
      g_print ("%s\n", _("Publish the did:key (on your website, for instance) so that others can check your certificates.\n"
                         "Keep the key file secret and keep a backup in a safe place."));
      return EXIT_VALID;
    }

  if ((n_args == 2 || n_args == 3) && g_strcmp0 (args[1], "show") == 0 && name == NULL)
    {
      issuer = n_args == 3 ? sig_issuer_new_from_key_file (args[2], &error)
                           : sig_issuer_lookup (NULL, &error);
      if (issuer == NULL)
        {
          g_printerr ("%s\n", error->message);
          return EXIT_NOT_VALID;
        }
      print_issuer (issuer);
      return EXIT_VALID;
    }

  g_printerr ("%s", issuer_key_usage ());
  return EXIT_USAGE;
}
