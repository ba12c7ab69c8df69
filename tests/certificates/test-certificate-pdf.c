/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The paper certificate, checked with the tools a reader would use: pdftotext for
 * its text, pdftoppm + zbarimg for its QR code, pdffonts for embedded fonts. The
 * tools are found at configure time; a missing tool fails the test. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "cert-test-util.h"
#include "sig-certificate-labels.h"

#define MAX_PDF_BYTES (300 * 1024)

static int
setup (void **state)
{
  *state = cert_test_tmpdir ();
  return 0;
}

static int
teardown (void **state)
{
  cert_test_rm_rf (*state);
  g_free (*state);
  return 0;
}

static const char *
tool (const char *variable,
      const char *name)
{
  const char *path = g_getenv (variable);

  if (path == NULL || *path == '\0')
    fail_msg ("%s was not found when the build was configured (install poppler-utils and zbar-tools); "
              "this test needs it", name);
  return path;
}

/* Runs a tool and returns its standard output; fails the test if it fails. */
static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error))
    fail_msg ("could not run %s: %s", argv[0], error->message);
  if (!g_spawn_check_wait_status (status, &error))
    fail_msg ("%s failed: %s\n%s", argv[0], error->message, err ? err : "");
  return out;
}

/* Whitespace runs become one space, so that words broken across lines still match. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p))
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    fail_msg ("“%s” not found in the PDF text:\n%s", needle, haystack);
}

typedef struct {
  char *json;
  char *pdf_path;
  gsize pdf_size;
} Issued;

static void
issued_clear (Issued *issued)
{
  g_free (issued->json);
  g_free (issued->pdf_path);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Issued, issued_clear)

static void
issue_pdf (SigCertificateClaims *claims,
           const char           *dir,
           const char           *name,
           Issued               *out)
{
  g_autoptr(SigIssuer) issuer = cert_test_issuer ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;

  out->json = sig_credential_build_signed (claims, issuer, NULL, &error);
  assert_non_null (out->json);
  pdf = sig_certificate_pdf_render (claims, out->json, -1, &error);
  if (pdf == NULL)
    fail_msg ("%s", error->message);
  out->pdf_size = g_bytes_get_size (pdf);
  assert_true (out->pdf_size > 1000);
  assert_memory_equal (g_bytes_get_data (pdf, NULL), "%PDF-", 5);

  out->pdf_path = g_build_filename (dir, name, NULL);
  assert_true (sig_certificate_pdf_write (claims, out->json, -1, out->pdf_path, &error));
}

static char *
pdf_text (const char *pdf_path)
{
  const char *argv[] = { tool ("SIG_PDFTOTEXT", "pdftotext"), "-enc", "UTF-8", pdf_path, "-", NULL };
  g_autofree char *text = run (argv);

  return squeeze (text);
}

static void
test_text_dutch (void **state)
{
  g_autoptr(SigCertificateClaims) claims = cert_test_claims ("nl");
  g_auto(Issued) issued = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *code = NULL;

  claims->publisher_logo = cert_test_png (400, 300, FALSE);
  issue_pdf (claims, *state, "nl.pdf", &issued);
  text = pdf_text (issued.pdf_path);
  code = sig_credential_verification_code (issued.json, -1, NULL);

  assert_contains (text, "Fatima el Amrani-de Vries");
  assert_contains (text, "Signalen herkennen in de kapsalon");
  assert_contains (text, "versie 1.2.0");
  assert_contains (text, "Voorbeeldvereniging Kappers");
  assert_contains (text, "12 maart 2025");
  assert_contains (text, "12 maart 2027");
  assert_contains (text, code);
  assert_contains (text, "87%");
  assert_contains (text, "2 punten, Kwaliteitsregister Voorbeeld");
  assert_contains (text, "Kappers en schoonheidsverzorging");
  assert_contains (text, "Je vraagt rustig door zonder te oordelen.");
  assert_contains (text, "GELDIG TOT");
  assert_contains (text, "LEERDOELEN");
  assert_contains (text, "did:key:z6Mk");
  assert_true (issued.pdf_size < MAX_PDF_BYTES);
}

static void
test_text_english (void **state)
{
  g_autoptr(SigCertificateClaims) claims = cert_test_claims ("en");
  g_auto(Issued) issued = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *code = NULL;

  claims->accreditation_points = 1;
  issue_pdf (claims, *state, "en.pdf", &issued);
  text = pdf_text (issued.pdf_path);
  code = sig_credential_verification_code (issued.json, -1, NULL);

  assert_contains (text, "Fatima el Amrani-de Vries");
  assert_contains (text, "Recognising signs in the salon");
  assert_contains (text, "version 1.2.0");
  assert_contains (text, "12 March 2025");
  assert_contains (text, "12 March 2027");
  assert_contains (text, code);
  assert_contains (text, "87%");
  assert_contains (text, "1 point, Example quality register");
  assert_contains (text, "VALID UNTIL");
  assert_contains (text, "LEARNING OBJECTIVES");
  assert_contains (text, "Hair and beauty");
}

/* The QR code, printed at 150 dpi, reads back as the verification payload. */
/* One rounding for the screen and the PDF: whole percent, down, so a score
 * shown as the pass mark has reached it. */
static void
test_percent_rounding (void **state)
{
  static const struct { double score; int shown; const char *text; } cases[] = {
    { 72.5, 72, "72%" }, { 72.49, 72, "72%" }, { 73, 73, "73%" },
    { 100.0 * (0.1 + 0.63), 73, "73%" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SigCertificateClaims) claims = cert_test_claims (i % 2 == 0 ? "nl" : "en");
      g_auto(Issued) issued = { 0 };
      g_autofree char *name = g_strdup_printf ("score-%u.pdf", i);
      g_autofree char *text = NULL;
      g_autofree char *screen = sig_certificate_format_percent (cases[i].score, claims->language);

      assert_int_equal (sig_certificate_round_percent (cases[i].score), cases[i].shown);
      assert_string_equal (screen, cases[i].text);
      claims->score_percent = cases[i].score;
      issue_pdf (claims, *state, name, &issued);
      text = pdf_text (issued.pdf_path);
      assert_contains (text, cases[i].text);
      assert_null (strstr (text, "72,5"));
      assert_null (strstr (text, "72.5"));
    }
}

static void
test_qr_code_decodes (void **state)
{
  const char *tmp = *state;
  g_autoptr(SigCertificateClaims) claims = cert_test_claims ("nl");
  g_auto(Issued) issued = { 0 };
  g_autofree char *prefix = g_build_filename (tmp, "page", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  g_autofree char *payload = NULL;
  g_autofree char *decoded = NULL;

  claims->publisher_logo = cert_test_png (200, 200, FALSE);
  issue_pdf (claims, tmp, "qr.pdf", &issued);
  {
    const char *argv[] = { tool ("SIG_PDFTOPPM", "pdftoppm"), "-r", "150", "-png", "-singlefile",
                           issued.pdf_path, prefix, NULL };
    g_autofree char *out = run (argv);
  }
  assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  {
    const char *argv[] = { tool ("SIG_ZBARIMG", "zbarimg"), "--raw", "-q", png, NULL };

    decoded = run (argv);
  }
  /* zbarimg ends each symbol with a newline. */
  if (g_str_has_suffix (decoded, "\n"))
    decoded[strlen (decoded) - 1] = '\0';

  payload = sig_credential_qr_payload (issued.json, -1, NULL);
  assert_non_null (payload);
  assert_string_equal (decoded, payload);
}

static void
test_fonts_embedded (void **state)
{
  g_autoptr(SigCertificateClaims) claims = cert_test_claims ("nl");
  g_auto(Issued) issued = { 0 };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  guint fonts = 0;

  issue_pdf (claims, *state, "fonts.pdf", &issued);
  {
    const char *argv[] = { tool ("SIG_PDFFONTS", "pdffonts"), issued.pdf_path, NULL };

    out = run (argv);
  }
  /* name type encoding emb sub uni object ID: "emb" is fifth from the end. */
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) columns = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr(GPtrArray) words = g_ptr_array_new ();

      for (guint j = 0; columns[j]; j++)
        if (*columns[j] != '\0')
          g_ptr_array_add (words, columns[j]);
      if (words->len == 0)
        continue;
      assert_true (words->len >= 6);
      if (strcmp (g_ptr_array_index (words, words->len - 5), "yes") != 0)
        fail_msg ("font not embedded: %s", lines[i]);
      fonts++;
    }
  assert_true (fonts >= 2);
}

/* The worst case for size and layout: a large photographic logo, a long name, a
 * long title, many objectives. */
static void
test_worst_case (void **state)
{
  g_autoptr(SigCertificateClaims) claims = cert_test_claims ("nl");
  g_auto(Issued) issued = { 0 };
  g_autofree char *text = NULL;

  claims->publisher_logo = cert_test_png (1000, 800, TRUE);
  assert_true (g_bytes_get_size (claims->publisher_logo) > 1024 * 1024);
  g_free (claims->learner_name);
  claims->learner_name = g_strdup ("Maria Magdalena Wilhelmina van den Heuvel-Oosterhuis");
  g_free (claims->course_title);
  claims->course_title = g_strdup ("Signalen van dwingende controle, psychisch geweld en partnergeweld herkennen "
                                   "bij klanten in de kapsalon en de schoonheidssalon, en daarna goed doorverwijzen");
  g_strfreev (claims->objectives);
  claims->objectives = g_new0 (char *, 21);
  for (int i = 0; i < 20; i++)
    claims->objectives[i] = g_strdup_printf ("Leerdoel %d: je herkent signalen en weet wat je daarna doet, "
                                             "ook als de klant er zelf niet over begint.", i + 1);

  issue_pdf (claims, *state, "worst.pdf", &issued);
  if (issued.pdf_size >= MAX_PDF_BYTES)
    fail_msg ("the PDF is %" G_GSIZE_FORMAT " bytes", issued.pdf_size);
  text = pdf_text (issued.pdf_path);
  assert_contains (text, "Maria Magdalena Wilhelmina van den Heuvel-Oosterhuis");
  assert_contains (text, "Leerdoel 1:");
  assert_contains (text, "en nog");
}

static void
test_refuses_other_credential (void **state)
{
  g_autoptr(SigCertificateClaims) claims = cert_test_claims ("nl");
  g_autoptr(SigCertificateClaims) other = cert_test_claims ("nl");
  g_autoptr(SigIssuer) issuer = cert_test_issuer ();
  g_autofree char *json = sig_credential_build_signed (claims, issuer, NULL, NULL);
  g_autofree char *tampered = cert_test_tamper (json, "credentialSubject.result.0.value", "\"100\"");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;

  g_free (other->learner_name);
  other->learner_name = g_strdup ("Iemand Anders");
  pdf = sig_certificate_pdf_render (other, json, -1, &error);
  assert_null (pdf);
  assert_true (g_error_matches (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_CREDENTIAL_INVALID));

  g_clear_error (&error);
  pdf = sig_certificate_pdf_render (claims, tampered, -1, &error);
  assert_null (pdf);
  assert_true (g_error_matches (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_CREDENTIAL_INVALID));
}

static void
count_warnings (const char     *domain,
                GLogLevelFlags  level,
                const char     *message,
                gpointer        user_data)
{
  if (level & G_LOG_LEVEL_WARNING)
    (*(int *) user_data)++;
}

/* A logo that is not a usable PNG does not stop the certificate; it is left out,
 * with a warning. */
static void
test_unusable_logo (void **state)
{
  static const guint8 huge_header[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0x00, 0x01, 0x86, 0xa0, 0x00, 0x01, 0x86, 0xa0, 8, 6, 0, 0, 0, 0, 0, 0, 0,
  };
  g_autoptr(SigCertificateClaims) claims = cert_test_claims ("en");
  g_autoptr(SigIssuer) issuer = cert_test_issuer ();
  g_autofree char *json = sig_credential_build_signed (claims, issuer, NULL, NULL);
  g_autoptr(GBytes) pdf = NULL;
  int warnings = 0;
  GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);
  GLogFunc old_handler = g_log_set_default_handler (count_warnings, &warnings);

  claims->publisher_logo = g_bytes_new_static ("not a png at all, just text", 27);
  pdf = sig_certificate_pdf_render (claims, json, -1, NULL);
  assert_non_null (pdf);

  g_bytes_unref (claims->publisher_logo);
  claims->publisher_logo = g_bytes_new_static (huge_header, sizeof huge_header);
  g_clear_pointer (&pdf, g_bytes_unref);
  pdf = sig_certificate_pdf_render (claims, json, -1, NULL);
  assert_non_null (pdf);

  g_log_set_default_handler (old_handler, NULL);
  g_log_set_always_fatal (fatal);
  assert_int_equal (warnings, 2);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_text_dutch, setup, teardown),
    cmocka_unit_test_setup_teardown (test_text_english, setup, teardown),
    cmocka_unit_test_setup_teardown (test_percent_rounding, setup, teardown),
    cmocka_unit_test_setup_teardown (test_qr_code_decodes, setup, teardown),
    cmocka_unit_test_setup_teardown (test_fonts_embedded, setup, teardown),
    cmocka_unit_test_setup_teardown (test_worst_case, setup, teardown),
    cmocka_unit_test_setup_teardown (test_refuses_other_credential, setup, teardown),
    cmocka_unit_test_setup_teardown (test_unusable_logo, setup, teardown),
  };

  return cmocka_run_group_tests_name ("certificate-pdf", tests, NULL, NULL);
}
