/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Issuing certificates: how long a key load, a signed credential and a PDF take.
 *
 *   bench-certificates [N]      N certificates (default 20), median/min/max
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "sig-certificate.h"

static SigCertificateClaims *
make_claims (guint i)
{
  SigCertificateClaims *claims = sig_certificate_claims_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  claims->learner_name = g_strdup_printf ("Deelnemer %u van den Berg", i);
  claims->language = g_strdup (i % 2 ? "en" : "nl");
  claims->course_id = g_strdup ("coercive-control-basics");
  claims->course_version = g_strdup ("1.4.2");
  claims->course_title = g_strdup ("Dwingende controle herkennen");
  claims->publisher_name = g_strdup ("Voorbeeldvereniging Mondzorg");
  claims->sectors = g_strsplit ("dental healthcare", " ", -1);
  claims->accreditation_points = 2;
  claims->accreditation_register = g_strdup ("Kwaliteitsregister Voorbeeld");
  claims->objectives = g_strsplit ("Je herkent signalen van dwingende controle.|"
                                   "Je vraagt door zonder te oordelen.|"
                                   "Je kent de stappen van de meldcode.|"
                                   "Je verwijst naar Veilig Thuis.", "|", -1);
  claims->score_percent = 80 + i % 20;
  claims->pass_mark_percent = 70;
  claims->completed_at = g_date_time_ref (now);
  claims->valid_until = g_date_time_add_years (now, 2);
  return claims;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        GArray     *ms)
{
  g_array_sort (ms, compare_doubles);
  g_print ("%-28s median %8.3f ms   min %8.3f ms   max %8.3f ms   (n=%u)\n", what,
           g_array_index (ms, double, ms->len / 2), g_array_index (ms, double, 0),
           g_array_index (ms, double, ms->len - 1), ms->len);
}

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 20;
  g_autofree char *dir = g_dir_make_tmp ("signaal-bench-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigIssuer) issuer = NULL;
  g_autoptr(GArray) create_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) load_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sign_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) verify_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pdf_ms = g_array_new (FALSE, FALSE, sizeof (double));
  gsize pdf_bytes = 0;
  gint64 start;
  double t;

  if (n == 0 || dir == NULL)
    {
      g_printerr ("usage: %s [N]\n", argv[0]);
      return 2;
    }

  /* First use: the key is made; afterwards it is loaded (and its permissions checked). */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key_dir = g_strdup_printf ("%s/key-%u", dir, i);
      g_autoptr(SigIssuer) created = NULL;
      g_autoptr(SigIssuer) loaded = NULL;

      start = g_get_monotonic_time ();
      created = sig_issuer_load_or_create_installation_key (key_dir, &error);
      t = elapsed_ms (start);
      g_array_append_val (create_ms, t);
      start = g_get_monotonic_time ();
      loaded = sig_issuer_load_or_create_installation_key (key_dir, &error);
      t = elapsed_ms (start);
      g_array_append_val (load_ms, t);
      if (created == NULL || loaded == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      if (issuer == NULL)
        issuer = g_object_ref (loaded);
    }

  /* Warm up fontconfig and Pango once; the first PDF of a process pays for it. */
  {
    g_autoptr(SigCertificateClaims) claims = make_claims (0);
    g_autofree char *json = sig_credential_build_signed (claims, issuer, NULL, NULL);
    g_autoptr(GBytes) pdf = NULL;

    start = g_get_monotonic_time ();
    pdf = sig_certificate_pdf_render (claims, json, -1, &error);
    g_print ("%-28s %8.3f ms (fontconfig and font loading)\n", "first PDF of the process", elapsed_ms (start));
    if (pdf == NULL)
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
  }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SigCertificateClaims) claims = make_claims (i);
      g_autofree char *json = NULL;
      g_autoptr(SigVerification) verification = NULL;
      g_autoptr(GBytes) pdf = NULL;

      start = g_get_monotonic_time ();
      json = sig_credential_build_signed (claims, issuer, NULL, &error);
      t = elapsed_ms (start);
      g_array_append_val (sign_ms, t);

      start = g_get_monotonic_time ();
      verification = sig_credential_verify (json, -1, NULL, NULL);
      t = elapsed_ms (start);
      g_array_append_val (verify_ms, t);

      start = g_get_monotonic_time ();
      pdf = sig_certificate_pdf_render (claims, json, -1, &error);
      t = elapsed_ms (start);
      g_array_append_val (pdf_ms, t);

      if (json == NULL || pdf == NULL || verification->status != SIG_VERIFICATION_VALID)
        {
          g_printerr ("certificate %u failed: %s\n", i, error ? error->message : verification->message);
          return 1;
        }
      pdf_bytes = MAX (pdf_bytes, g_bytes_get_size (pdf));
    }

  report ("key create (first use)", create_ms);
  report ("key load", load_ms);
  report ("credential JSON + sign", sign_ms);
  report ("credential verify", verify_ms);
  report ("PDF render", pdf_ms);
  g_print ("%-28s %8.1f kB\n", "largest PDF", pdf_bytes / 1024.0);

  remove_tree (dir);
  return 0;
}
