/* SPDX-License-Identifier: GPL-3.0-or-later */
/* signaal-course certificate: a learner's certificate for a course, from the
 * progress database, as the signed credential (.json) and the PDF. The same
 * certificate is written each time: the credential byte for byte as issued. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sig-cli.h"
#include "sig-store.h"

static char *
format_day (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  return g_date_time_format (local, "%Y-%m-%d");
}

int
sig_cli_certificate (int   argc,
                     char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStore) store = NULL;
  g_autoptr(SigProfile) profile = NULL;
  g_autoptr(SigStoreCertificate) certificate = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *profile_name = NULL;
  g_autofree char *course_id = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *valid_until = NULL;
  const SigStoreRecovery *recovery;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The progress database (default: the user's own)"), N_("PATH") },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_name, N_("The learner"), N_("NAME") },
    { "course", 0, 0, G_OPTION_ARG_STRING, &course_id, N_("The course id"), N_("ID") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf_path, N_("Write the certificate to print as this PDF file"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json_path, N_("Write the signed digital certificate (Open Badges 3.0) to this file"), N_("FILE") },
    { NULL }
  };

  context = sig_cli_option_context (NULL,
                                    _("Export a learner's certificate for a course: the latest one, as it was issued. "
                                      "Exit status 1 when the learner has not passed the course."),
                                    entries);
  if (!sig_cli_parse (context, &argc, &argv))
    return SIG_EXIT_USAGE;
  if (argc != 1)
    return sig_cli_usage_error (context, _("This command takes no file names; use --pdf FILE and --json FILE."));
  if (profile_name == NULL || course_id == NULL)
    return sig_cli_usage_error (context, _("Give the learner with --profile NAME and the course with --course ID."));
  if (pdf_path == NULL && json_path == NULL)
    return sig_cli_usage_error (context, _("Give --pdf FILE, --json FILE or both."));

  /* Writable: a certificate recorded but not signed yet is signed now. */
  store = sig_store_open (db_path, SIG_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return SIG_EXIT_USAGE;
    }
  if ((recovery = sig_store_get_recovery (store)) != NULL)
    g_printerr ("%s\n", recovery->message);
  if ((profile = sig_store_find_profile (store, profile_name, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return SIG_EXIT_USAGE;
    }

  certificate = sig_store_get_certificate (store, sig_profile_get_id (profile), course_id, &error);
  if (certificate == NULL)
    {
      g_printerr ("%s\n", error->message);
      return g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_PASSED) ? SIG_EXIT_PROBLEMS : SIG_EXIT_USAGE;
    }
  if (!sig_store_certificate_write (certificate, pdf_path, json_path, &error))
    {
      g_printerr ("%s\n", error->message);
      return SIG_EXIT_USAGE;
    }

  valid_until = format_day (sig_store_certificate_get_valid_until (certificate));
  g_print (_("Certificate of %s for %s %s (%s), valid until %s, code %s.\n"),
           sig_store_certificate_get_claims (certificate)->learner_name,
           sig_store_certificate_get_course_id (certificate),
           sig_store_certificate_get_course_version (certificate),
           sig_store_certificate_get_kind (certificate) == SIG_STORE_CERTIFICATE_REFRESHER
             ? _("renewed with the refresher") : _("course passed"),
           valid_until, sig_store_certificate_get_verification_code (certificate));
  if (pdf_path != NULL)
    g_print (_("Wrote %s\n"), pdf_path);
  if (json_path != NULL)
    g_print (_("Wrote %s\n"), json_path);
  return SIG_EXIT_OK;
}
