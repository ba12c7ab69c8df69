/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "cert-test-util.h"

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

static void
check_exported (const char *credential,
                const char *json_path,
                const char *pdf_path)
{
  g_autofree char *on_disk = NULL;
  g_autofree char *pdf = NULL;
  gsize pdf_size = 0;
  g_autoptr(GDateTime) now = cert_test_now ();
  g_autoptr(SigVerification) v = NULL;

  assert_true (g_file_get_contents (json_path, &on_disk, NULL, NULL));
  assert_string_equal (on_disk, credential);
  v = sig_credential_verify (on_disk, -1, NULL, now);
  assert_int_equal (v->status, SIG_VERIFICATION_VALID);

  assert_true (g_file_get_contents (pdf_path, &pdf, &pdf_size, NULL));
  assert_true (pdf_size > 1000);
  assert_memory_equal (pdf, "%PDF-", 5);
}

static void
test_export (void **state)
{
  const char *tmp = *state;
  g_autofree char *dir = g_build_filename (tmp, "certificaten", NULL);
  g_autoptr(SigCertificateClaims) claims = cert_test_claims ("nl");
  g_autoptr(SigIssuer) issuer = cert_test_issuer ();
  g_autoptr(GError) error = NULL;
  g_autofree char *credential = NULL, *json_path = NULL, *pdf_path = NULL;
  g_autofree char *credential2 = NULL, *json_path2 = NULL, *pdf_path2 = NULL;
  g_autofree char *first_basename = NULL;

  assert_true (sig_certificate_export (claims, issuer, dir, &credential, &json_path, &pdf_path, &error));
  first_basename = g_path_get_basename (json_path);
  assert_string_equal (first_basename, "certificaat-example-course-2025-03-12.json");
  check_exported (credential, json_path, pdf_path);

  /* A second certificate of the same day does not overwrite the first. */
  g_clear_pointer (&claims->credential_id, g_free);
  assert_true (sig_certificate_export (claims, issuer, dir, &credential2, &json_path2, &pdf_path2, &error));
  assert_string_not_equal (json_path, json_path2);
  assert_true (g_str_has_suffix (json_path2, "certificaat-example-course-2025-03-12-2.json"));
  assert_true (g_str_has_suffix (pdf_path2, "certificaat-example-course-2025-03-12-2.pdf"));
  check_exported (credential, json_path, pdf_path);
  check_exported (credential2, json_path2, pdf_path2);
}

static void
test_export_invalid_claims_writes_nothing (void **state)
{
  const char *tmp = *state;
  g_autofree char *dir = g_build_filename (tmp, "out", NULL);
  g_autoptr(SigCertificateClaims) claims = cert_test_claims ("en");
  g_autoptr(SigIssuer) issuer = cert_test_issuer ();
  g_autoptr(GError) error = NULL;

  claims->score_percent = 250;
  assert_false (sig_certificate_export (claims, issuer, dir, NULL, NULL, NULL, &error));
  assert_true (g_error_matches (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_CLAIMS_INVALID));
  assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

typedef struct {
  GMainLoop *loop;
  gboolean ok;
  char *credential;
  char *json_path;
  char *pdf_path;
  GError *error;
} AsyncResult;

static void
exported (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  AsyncResult *r = user_data;

  r->ok = sig_certificate_export_finish (result, &r->credential, &r->json_path, &r->pdf_path, &r->error);
  g_main_loop_quit (r->loop);
}

static void
test_export_async (void **state)
{
  const char *tmp = *state;
  g_autoptr(SigCertificateClaims) claims = cert_test_claims ("en");
  g_autoptr(SigIssuer) issuer = cert_test_issuer ();
  AsyncResult r = { 0 };

  r.loop = g_main_loop_new (NULL, FALSE);
  sig_certificate_export_async (claims, issuer, tmp, NULL, exported, &r);
  /* The claims were copied: the caller may free them at once. */
  g_clear_pointer (&claims, sig_certificate_claims_free);
  g_main_loop_run (r.loop);

  if (!r.ok)
    fail_msg ("%s", r.error->message);
  assert_true (g_str_has_suffix (r.json_path, "certificate-example-course-2025-03-12.json"));
  check_exported (r.credential, r.json_path, r.pdf_path);

  g_main_loop_unref (r.loop);
  g_free (r.credential);
  g_free (r.json_path);
  g_free (r.pdf_path);
}

static void
test_export_async_cancelled (void **state)
{
  const char *tmp = *state;
  g_autoptr(SigCertificateClaims) claims = cert_test_claims ("en");
  g_autoptr(SigIssuer) issuer = cert_test_issuer ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncResult r = { 0 };

  r.loop = g_main_loop_new (NULL, FALSE);
  g_cancellable_cancel (cancellable);
  sig_certificate_export_async (claims, issuer, tmp, cancellable, exported, &r);
  g_main_loop_run (r.loop);

  assert_false (r.ok);
  assert_true (g_error_matches (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_clear_error (&r.error);
  g_main_loop_unref (r.loop);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_export, setup, teardown),
    cmocka_unit_test_setup_teardown (test_export_invalid_claims_writes_nothing, setup, teardown),
    cmocka_unit_test_setup_teardown (test_export_async, setup, teardown),
    cmocka_unit_test_setup_teardown (test_export_async_cancelled, setup, teardown),
  };

  return cmocka_run_group_tests_name ("certificate-export", tests, NULL, NULL);
}
