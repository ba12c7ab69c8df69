/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "cert-test-util.h"
#include "sig-issuer-private.h"

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

static guint
mode_of (const char *path)
{
  struct stat st;

  assert_int_equal (g_stat (path, &st), 0);
  return st.st_mode & 0777;
}

static void
write_key_file (const char *path,
                const char *contents,
                guint       mode)
{
  g_autofree char *dir = g_path_get_dirname (path);

  assert_int_equal (g_mkdir_with_parents (dir, 0700), 0);
  assert_true (g_file_set_contents (path, contents, -1, NULL));
  assert_int_equal (g_chmod (path, mode), 0);
}

static void
test_installation_key_created_once (void **state)
{
  const char *tmp = *state;
  g_autofree char *dir = g_build_filename (tmp, "data", "signaal", NULL);
  g_autofree char *path = g_build_filename (dir, "issuer-key", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigIssuer) first = sig_issuer_load_or_create_installation_key (dir, &error);
  g_autoptr(SigIssuer) second = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *did_line = NULL;

  assert_non_null (first);
  assert_int_equal (sig_issuer_get_kind (first), SIG_ISSUER_KIND_INSTALLATION);
  assert_int_equal (sig_issuer_get_source (first), SIG_ISSUER_SOURCE_INSTALLATION);
  assert_string_equal (sig_issuer_get_path (first), path);
  assert_true (g_str_has_prefix (sig_issuer_get_did (first), "did:key:z6Mk"));
  assert_int_equal (mode_of (path), 0600);
  assert_int_equal (mode_of (dir), 0700);

  assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  did_line = g_strdup_printf ("DID=%s\n", sig_issuer_get_did (first));
  assert_non_null (strstr (contents, did_line));
  assert_non_null (strstr (contents, "Kind=installation"));
  assert_non_null (strstr (contents, "SecretKey="));

  second = sig_issuer_load_or_create_installation_key (dir, &error);
  assert_non_null (second);
  assert_string_equal (sig_issuer_get_did (second), sig_issuer_get_did (first));

  /* The same key signs the same way. */
  {
    guint8 a[64], b[64];

    sig_issuer_sign (first, (const guint8 *) "x", 1, a);
    sig_issuer_sign (second, (const guint8 *) "x", 1, b);
    assert_memory_equal (a, b, 64);
  }
}

static void
expect_permission_refused (const char *path,
                           guint       mode)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *chmod_hint = g_strdup_printf ("chmod 600 %s", path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigIssuer) issuer = NULL;

  assert_int_equal (g_chmod (path, mode), 0);
  assert_true (g_file_get_contents (path, &before, NULL, NULL));

  issuer = sig_issuer_load_or_create_installation_key (dir, &error);
  assert_null (issuer);
  assert_true (g_error_matches (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_KEY_PERMISSIONS));
  assert_non_null (strstr (error->message, chmod_hint));

  /* Refusing is not replacing: the key is still there, unchanged. */
  assert_true (g_file_get_contents (path, &after, NULL, NULL));
  assert_string_equal (before, after);
}

static void
test_open_key_refused (void **state)
{
  const char *tmp = *state;
  g_autofree char *dir = g_build_filename (tmp, "signaal", NULL);
  g_autofree char *path = g_build_filename (dir, "issuer-key", NULL);
  g_autoptr(SigIssuer) issuer = sig_issuer_load_or_create_installation_key (dir, NULL);
  g_autoptr(SigIssuer) again = NULL;

  assert_non_null (issuer);
  expect_permission_refused (path, 0640);
  expect_permission_refused (path, 0604);
  expect_permission_refused (path, 0644);
  expect_permission_refused (path, 0610);

  assert_int_equal (g_chmod (path, 0400), 0);
  again = sig_issuer_new_from_key_file (path, NULL);
  assert_non_null (again);
  assert_string_equal (sig_issuer_get_did (again), sig_issuer_get_did (issuer));
}

static void
test_organisation_key_file (void **state)
{
  const char *tmp = *state;
  g_autofree char *path = g_build_filename (tmp, "issuer.key", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigIssuer) created = sig_issuer_create_key_file (path, "  Voorbeeldvereniging Kappers ", &error);
  g_autoptr(SigIssuer) loaded = NULL;
  g_autoptr(SigIssuer) again = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  assert_non_null (created);
  assert_int_equal (mode_of (path), 0600);
  assert_true (g_file_get_contents (path, &before, NULL, NULL));

  loaded = sig_issuer_new_from_key_file (path, &error);
  assert_non_null (loaded);
  assert_string_equal (sig_issuer_get_did (loaded), sig_issuer_get_did (created));
  assert_int_equal (sig_issuer_get_kind (loaded), SIG_ISSUER_KIND_ORGANISATION);
  assert_string_equal (sig_issuer_get_name (loaded, NULL), "Voorbeeldvereniging Kappers");
  assert_string_equal (sig_issuer_get_name (loaded, "en"), "Voorbeeldvereniging Kappers");

  /* Never overwritten. */
  again = sig_issuer_create_key_file (path, "Someone else", &error);
  assert_null (again);
  assert_true (g_error_matches (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_KEY_EXISTS));
  assert_true (g_file_get_contents (path, &after, NULL, NULL));
  assert_string_equal (before, after);

  g_clear_error (&error);
  {
    g_autofree char *other = g_build_filename (tmp, "nameless.key", NULL);
    g_autoptr(SigIssuer) nameless = sig_issuer_create_key_file (other, " ", &error);

    assert_null (nameless);
    assert_true (g_error_matches (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_KEY_INVALID));
    assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  }
}

/* RFC 8032 TEST 1's secret key, base64. */
#define SEED_BASE64 "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A="
#define SEED_DID "did:key:z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw"

static void
test_hand_written_key_file (void **state)
{
  const char *tmp = *state;
  g_autofree char *path = g_build_filename (tmp, "org.key", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigIssuer) issuer = NULL;
  g_autofree char *display_nl = NULL;
  g_autofree char *display_en = NULL;

  write_key_file (path,
                  "# An organisation's key\n"
                  "[Issuer]\n"
                  "Name=Voorbeeldvereniging Kappers\n"
                  "Name[en]=Example Hairdressers'\\sAssociation\\\\\\tEast\n"
                  "DID=" SEED_DID "\n"
                  "SecretKey=" SEED_BASE64 "\n",
                  0600);
  issuer = sig_issuer_new_from_key_file (path, &error);
  assert_non_null (issuer);
  assert_string_equal (sig_issuer_get_did (issuer), SEED_DID);
  assert_int_equal (sig_issuer_get_kind (issuer), SIG_ISSUER_KIND_ORGANISATION);
  /* GKeyFile's escapes are read as such */
  assert_string_equal (sig_issuer_get_name (issuer, "en"), "Example Hairdressers' Association\\\tEast");
  assert_string_equal (sig_issuer_get_name (issuer, "nl"), "Voorbeeldvereniging Kappers");
  display_nl = sig_issuer_dup_display_name (issuer, "nl");
  display_en = sig_issuer_dup_display_name (issuer, "en");
  assert_string_equal (display_nl, "Voorbeeldvereniging Kappers");
  assert_string_equal (display_en, "Example Hairdressers' Association\\\tEast");
}

static void
expect_key_error (const char *tmp,
                  const char *contents,
                  int         code,
                  const char *what)
{
  g_autofree char *path = g_build_filename (tmp, "bad.key", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigIssuer) issuer = NULL;

  g_unlink (path);
  write_key_file (path, contents, 0600);
  issuer = sig_issuer_new_from_key_file (path, &error);
  if (issuer != NULL)
    print_error ("accepted: %s\n", what);
  assert_null (issuer);
  assert_true (g_error_matches (error, SIG_CERTIFICATE_ERROR, code));
  assert_non_null (strstr (error->message, path));
}

static void
test_damaged_key_files (void **state)
{
  const char *tmp = *state;
  g_autofree char *missing = g_build_filename (tmp, "missing.key", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigIssuer) issuer = NULL;

  expect_key_error (tmp, "not a key file", SIG_CERTIFICATE_ERROR_KEY_INVALID, "garbage");
  expect_key_error (tmp, "[Other]\nSecretKey=" SEED_BASE64 "\n", SIG_CERTIFICATE_ERROR_KEY_INVALID, "no group");
  expect_key_error (tmp, "[Issuer]\nName=X\n", SIG_CERTIFICATE_ERROR_KEY_INVALID, "no secret");
  expect_key_error (tmp, "[Issuer]\nName=X\nSecretKey=AAAA\n", SIG_CERTIFICATE_ERROR_KEY_INVALID, "short secret");
  expect_key_error (tmp, "[Issuer]\nName=X\nSecretKey=nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A!\n",
                    SIG_CERTIFICATE_ERROR_KEY_INVALID, "bad base64");
  expect_key_error (tmp, "[Issuer]\nName=X\nSecretKey=" SEED_BASE64 "\nDID=did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2\n",
                    SIG_CERTIFICATE_ERROR_KEY_INVALID, "DID of another key");
  expect_key_error (tmp, "[Issuer]\nSecretKey=" SEED_BASE64 "\n", SIG_CERTIFICATE_ERROR_KEY_INVALID,
                    "organisation without a name");
  expect_key_error (tmp, "[Issuer]\nKind=school\nName=X\nSecretKey=" SEED_BASE64 "\n",
                    SIG_CERTIFICATE_ERROR_KEY_INVALID, "unknown kind");
  /* an escape GKeyFile does not define, then a backslash at the end: GLib's own
   * reader sets its error twice on this (a GLib warning, fatal in the tests) */
  expect_key_error (tmp, "[Issuer]\nKind=\\q\\\nName=X\nSecretKey=" SEED_BASE64 "\n",
                    SIG_CERTIFICATE_ERROR_KEY_INVALID, "bad escape in Kind");
  expect_key_error (tmp, "[Issuer]\nName=X\\\nSecretKey=" SEED_BASE64 "\n",
                    SIG_CERTIFICATE_ERROR_KEY_INVALID, "backslash at the end of Name");
  expect_key_error (tmp, "[Issuer]\nName=X\nName[en]=\\x\\\nSecretKey=" SEED_BASE64 "\n",
                    SIG_CERTIFICATE_ERROR_KEY_INVALID, "bad escape in Name[en]");
  expect_key_error (tmp, "[Issuer]\nName=X\nSecretKey=" SEED_BASE64 "\nDID=\\q\\\n",
                    SIG_CERTIFICATE_ERROR_KEY_INVALID, "bad escape in DID");

  issuer = sig_issuer_new_from_key_file (missing, &error);
  assert_null (issuer);
  assert_true (g_error_matches (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_KEY_NOT_FOUND));

  g_clear_error (&error);
  issuer = sig_issuer_new_from_key_file (tmp, &error);
  assert_null (issuer);
  assert_non_null (error);
}

/* A key file is read up to a limit counted in bytes read, which the message
 * names; a named pipe is refused at once, without waiting for a writer. */
static void
test_key_file_bounded (void **state)
{
  const char *tmp = *state;
  g_autofree char *big = g_strnfill (70 * 1024, '#');
  g_autofree char *path = g_build_filename (tmp, "big.key", NULL);
  g_autofree char *pipe_path = g_build_filename (tmp, "pipe.key", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigIssuer) issuer = NULL;
  gint64 start;

  write_key_file (path, big, 0600);
  issuer = sig_issuer_new_from_key_file (path, &error);
  assert_null (issuer);
  assert_true (g_error_matches (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_KEY_INVALID));
  assert_non_null (strstr (error->message, "at most 65.5"));
  g_clear_error (&error);

  assert_int_equal (mkfifo (pipe_path, 0600), 0);
  start = g_get_monotonic_time ();
  issuer = sig_issuer_new_from_key_file (pipe_path, &error);
  assert_null (issuer);
  assert_non_null (strstr (error->message, "not a regular file"));
  assert_true (g_get_monotonic_time () - start < 5 * G_USEC_PER_SEC);
}

static char *
make_key (const char *path,
          const char *name)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(SigIssuer) issuer = NULL;

  assert_int_equal (g_mkdir_with_parents (dir, 0700), 0);
  issuer = sig_issuer_create_key_file (path, name, NULL);
  assert_non_null (issuer);
  return g_strdup (sig_issuer_get_did (issuer));
}

/* explicit path > $SIGNAAL_ISSUER_KEY_FILE > system configuration > installation */
static void
test_lookup_order (void **state)
{
  const char *tmp = *state;
  g_autofree char *explicit_path = g_build_filename (tmp, "explicit.key", NULL);
  g_autofree char *env_path = g_build_filename (tmp, "env.key", NULL);
  g_autofree char *empty_dir = g_build_filename (tmp, "etc-empty", NULL);
  g_autofree char *system_dir = g_build_filename (tmp, "etc-xdg", NULL);
  g_autofree char *system_path = g_build_filename (system_dir, "signaal", "issuer.key", NULL);
  g_autofree char *installation_dir = g_build_filename (tmp, "data", "signaal", NULL);
  g_autofree char *explicit_did = make_key (explicit_path, "Explicit");
  g_autofree char *env_did = make_key (env_path, "Environment");
  g_autofree char *system_did = make_key (system_path, "System");
  const char *system_dirs[] = { empty_dir, system_dir, NULL };
  const char *no_system_dirs[] = { empty_dir, NULL };
  g_autoptr(GError) error = NULL;

  assert_int_equal (g_mkdir_with_parents (empty_dir, 0755), 0);

  {
    g_autoptr(SigIssuer) issuer = sig_issuer_lookup_in (explicit_path, env_path, system_dirs, installation_dir, &error);

    assert_non_null (issuer);
    assert_string_equal (sig_issuer_get_did (issuer), explicit_did);
    assert_int_equal (sig_issuer_get_source (issuer), SIG_ISSUER_SOURCE_EXPLICIT);
  }
  {
    g_autoptr(SigIssuer) issuer = sig_issuer_lookup_in (NULL, env_path, system_dirs, installation_dir, &error);

    assert_non_null (issuer);
    assert_string_equal (sig_issuer_get_did (issuer), env_did);
    assert_int_equal (sig_issuer_get_source (issuer), SIG_ISSUER_SOURCE_ENVIRONMENT);
  }
  {
    g_autoptr(SigIssuer) issuer = sig_issuer_lookup_in (NULL, "", system_dirs, installation_dir, &error);

    assert_non_null (issuer);
    assert_string_equal (sig_issuer_get_did (issuer), system_did);
    assert_int_equal (sig_issuer_get_source (issuer), SIG_ISSUER_SOURCE_SYSTEM);
    assert_string_equal (sig_issuer_get_name (issuer, "nl"), "System");
  }
  {
    g_autoptr(SigIssuer) issuer = sig_issuer_lookup_in (NULL, NULL, no_system_dirs, installation_dir, &error);

    assert_non_null (issuer);
    assert_int_equal (sig_issuer_get_source (issuer), SIG_ISSUER_SOURCE_INSTALLATION);
    assert_int_equal (sig_issuer_get_kind (issuer), SIG_ISSUER_KIND_INSTALLATION);
    assert_string_not_equal (sig_issuer_get_did (issuer), system_did);
    assert_true (g_file_test (sig_issuer_get_path (issuer), G_FILE_TEST_IS_REGULAR));
  }

  /* A key that was asked for by name is never silently replaced by another. */
  {
    g_autofree char *missing = g_build_filename (tmp, "missing.key", NULL);
    g_autoptr(SigIssuer) issuer = sig_issuer_lookup_in (NULL, missing, system_dirs, installation_dir, &error);

    assert_null (issuer);
    assert_true (g_error_matches (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_KEY_NOT_FOUND));
    g_clear_error (&error);
  }
  /* An organisation key open to everyone is an error to fix, not a reason to fall back. */
  {
    g_autoptr(SigIssuer) issuer = NULL;

    assert_int_equal (g_chmod (system_path, 0644), 0);
    issuer = sig_issuer_lookup_in (NULL, NULL, system_dirs, installation_dir, &error);
    assert_null (issuer);
    assert_true (g_error_matches (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_KEY_PERMISSIONS));
    g_clear_error (&error);
  }

  /* The public entry point reads the environment. */
  {
    g_autoptr(SigIssuer) issuer = NULL;

    g_setenv (SIG_ISSUER_KEY_FILE_ENV, env_path, TRUE);
    issuer = sig_issuer_lookup (NULL, &error);
    g_unsetenv (SIG_ISSUER_KEY_FILE_ENV);
    assert_non_null (issuer);
    assert_string_equal (sig_issuer_get_did (issuer), env_did);
  }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_installation_key_created_once, setup, teardown),
    cmocka_unit_test_setup_teardown (test_open_key_refused, setup, teardown),
    cmocka_unit_test_setup_teardown (test_organisation_key_file, setup, teardown),
    cmocka_unit_test_setup_teardown (test_hand_written_key_file, setup, teardown),
    cmocka_unit_test_setup_teardown (test_damaged_key_files, setup, teardown),
    cmocka_unit_test_setup_teardown (test_key_file_bounded, setup, teardown),
    cmocka_unit_test_setup_teardown (test_lookup_order, setup, teardown),
  };

  return cmocka_run_group_tests_name ("issuer-keys", tests, NULL, NULL);
}
