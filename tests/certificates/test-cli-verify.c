/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `signaal-course verify`, run as a program: its output and exit status. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <gio/gio.h>
#include <string.h>

#include "cert-test-util.h"

typedef struct {
  char *dir;
  char *valid;
  char *expired;
  char *tampered;
  char *code;
  char *valid_json;
} Fixture;

static char *
write_credential (const char *dir,
                  const char *name,
                  const char *json)
{
  char *path = g_build_filename (dir, name, NULL);

  assert_true (g_file_set_contents (path, json, -1, NULL));
  return path;
}

/* Dates around the real current time: the command checks validity now. */
static char *
issue_relative (int completed_days_ago,
                int valid_days_from_now)
{
  g_autoptr(SigCertificateClaims) claims = cert_test_claims ("en");
  g_autoptr(SigIssuer) issuer = cert_test_issuer ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  char *json;

  g_date_time_unref (claims->completed_at);
  g_date_time_unref (claims->valid_until);
  claims->completed_at = g_date_time_add_days (now, -completed_days_ago);
  claims->valid_until = g_date_time_add_days (now, valid_days_from_now);
  json = sig_credential_build_signed (claims, issuer, NULL, &error);
  assert_non_null (json);
  return json;
}

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autofree char *expired = issue_relative (3 * 365, -365);
  g_autofree char *tampered = NULL;

  f->dir = cert_test_tmpdir ();
  f->valid_json = issue_relative (1, 365);
  tampered = cert_test_tamper (f->valid_json, "credentialSubject.identifier.0.identityHash", "\"Someone Else\"");
  f->valid = write_credential (f->dir, "valid.json", f->valid_json);
  f->expired = write_credential (f->dir, "expired.json", expired);
  f->tampered = write_credential (f->dir, "tampered.json", tampered);
  f->code = sig_credential_verification_code (f->valid_json, -1, NULL);
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  cert_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->valid);
  g_free (f->expired);
  g_free (f->tampered);
  g_free (f->code);
  g_free (f->valid_json);
  g_free (f);
  return 0;
}

typedef struct {
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs "sig-verify-tool COMMAND ARGS..." with @input on standard input and
 * $SIGNAAL_ISSUER_KEY_FILE set to @key_file. */
static void
run_tool_va (Run        *run,
             const char *key_file,
             const char *input,
             const char *command,
             va_list     args)
{
  const char *tool = g_getenv ("SIG_VERIFY_TOOL");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  if (tool == NULL || *tool == '\0')
    fail_msg ("SIG_VERIFY_TOOL is not set; run this test through meson");

  g_ptr_array_add (argv, (char *) tool);
  g_ptr_array_add (argv, (char *) command);
  for (const char *arg = va_arg (args, const char *); arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "SIGNAAL_ISSUER_KEY_FILE", key_file ? key_file : "", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  if (process == NULL)
    fail_msg ("%s", error->message);
  if (!g_subprocess_communicate_utf8 (process, input, NULL, &run->out, &run->err, &error))
    fail_msg ("%s", error->message);
  assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

static void
verify (Run        *run,
        const char *input,
        ...)
{
  va_list args;

  va_start (args, input);
  run_tool_va (run, NULL, input, "verify", args);
  va_end (args);
}

static void
issuer_key (Run        *run,
            const char *key_file,
            ...)
{
  va_list args;

  va_start (args, key_file);
  run_tool_va (run, key_file, NULL, "issuer-key", args);
  va_end (args);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    fail_msg ("“%s” not found in:\n%s", needle, haystack ? haystack : "(nothing)");
}

static void
test_valid (void **state)
{
  Fixture *f = *state;
  g_auto(Run) run = { 0 };

  verify (&run, NULL, f->valid, NULL);
  assert_int_equal (run.status, 0);
  assert_contains (run.out, "Fatima el Amrani-de Vries");
  assert_contains (run.out, "Recognising signs in the salon (example-course 1.2.0)");
  assert_contains (run.out, "Voorbeeldvereniging Kappers");
  assert_contains (run.out, f->code);
  assert_contains (run.out, "\nVALID: ");
}

static void
test_code (void **state)
{
  Fixture *f = *state;
  g_autofree char *typed = g_ascii_strdown (f->code, -1);
  g_autofree char *wrong = g_strdup (f->code);
  g_auto(Run) right = { 0 };
  g_auto(Run) typed_run = { 0 };
  g_auto(Run) wrong_run = { 0 };
  g_auto(Run) nonsense = { 0 };

  wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
  typed[5] = ' ';

  verify (&right, NULL, f->valid, "--code", f->code, NULL);
  assert_int_equal (right.status, 0);

  verify (&typed_run, NULL, f->valid, "--code", typed, NULL);
  assert_int_equal (typed_run.status, 0);

  verify (&wrong_run, NULL, f->valid, "--code", wrong, NULL);
  assert_int_equal (wrong_run.status, 1);
  assert_contains (wrong_run.out, "NOT VALID: ");
  assert_contains (wrong_run.out, "does not belong to this certificate");

  verify (&nonsense, NULL, f->valid, "--code", "XYZ", NULL);
  assert_int_equal (nonsense.status, 2);
  assert_contains (nonsense.err, "is not a verification code");
}

static void
test_tampered (void **state)
{
  Fixture *f = *state;
  g_auto(Run) run = { 0 };

  verify (&run, NULL, f->tampered, NULL);
  assert_int_equal (run.status, 1);
  assert_contains (run.out, "not confirmed");
  assert_contains (run.out, "NOT VALID: The signature does not match");
}

static void
test_expired (void **state)
{
  Fixture *f = *state;
  g_auto(Run) run = { 0 };

  verify (&run, NULL, f->expired, NULL);
  assert_int_equal (run.status, 1);
  assert_contains (run.out, "EXPIRED: ");
  assert_true (strstr (run.out, "NOT VALID") == NULL);
}

static JsonObject *
parse_json (const char *text,
            JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_data (parser, text, -1, &error))
    fail_msg ("not JSON (%s):\n%s", error->message, text);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_json_output (void **state)
{
  Fixture *f = *state;
  g_autoptr(SigIssuer) other = cert_test_other_issuer ();
  g_auto(Run) plain = { 0 };
  g_auto(Run) with_code = { 0 };
  g_auto(Run) other_issuer = { 0 };
  g_auto(Run) expired = { 0 };
  g_autoptr(JsonParser) p1 = json_parser_new ();
  g_autoptr(JsonParser) p2 = json_parser_new ();
  g_autoptr(JsonParser) p3 = json_parser_new ();
  g_autoptr(JsonParser) p4 = json_parser_new ();
  JsonObject *o;

  verify (&plain, NULL, f->valid, "--json", NULL);
  assert_int_equal (plain.status, 0);
  o = parse_json (plain.out, p1);
  assert_string_equal (json_object_get_string_member (o, "status"), "valid");
  assert_string_equal (json_object_get_string_member (o, "learner"), "Fatima el Amrani-de Vries");
  assert_string_equal (json_object_get_string_member (json_object_get_object_member (o, "course"), "id"),
                       "example-course");
  assert_string_equal (json_object_get_string_member (o, "code"), f->code);
  assert_true (json_object_get_null_member (o, "codeMatches"));

  verify (&with_code, NULL, f->valid, "--json", "--code", f->code, NULL);
  o = parse_json (with_code.out, p2);
  assert_true (json_object_get_boolean_member (o, "codeMatches"));

  verify (&other_issuer, NULL, f->valid, "--json", "--issuer", sig_issuer_get_did (other), NULL);
  assert_int_equal (other_issuer.status, 1);
  o = parse_json (other_issuer.out, p3);
  assert_string_equal (json_object_get_string_member (o, "status"), "invalid");
  assert_string_equal (json_object_get_string_member (o, "reason"), "unexpected-issuer");
  assert_true (json_object_get_boolean_member (o, "authentic"));

  verify (&expired, NULL, f->expired, "--json", NULL);
  assert_int_equal (expired.status, 1);
  o = parse_json (expired.out, p4);
  assert_string_equal (json_object_get_string_member (o, "status"), "expired");
}

static void
test_standard_input (void **state)
{
  Fixture *f = *state;
  g_auto(Run) run = { 0 };
  g_auto(Run) garbage = { 0 };

  verify (&run, f->valid_json, "-", NULL);
  assert_int_equal (run.status, 0);
  assert_contains (run.out, "VALID: ");

  verify (&garbage, "this is not a certificate", "-", NULL);
  assert_int_equal (garbage.status, 1);
  assert_contains (garbage.out, "NOT VALID: ");
}

static void
test_usage_errors (void **state)
{
  Fixture *f = *state;
  g_autofree char *missing = g_build_filename (f->dir, "missing.json", NULL);
  g_auto(Run) no_file = { 0 };
  g_auto(Run) two_files = { 0 };
  g_auto(Run) unreadable = { 0 };
  g_auto(Run) unknown_option = { 0 };

  verify (&no_file, NULL, NULL);
  assert_int_equal (no_file.status, 2);
  assert_contains (no_file.err, "Usage:");

  verify (&two_files, NULL, f->valid, f->expired, NULL);
  assert_int_equal (two_files.status, 2);

  verify (&unreadable, NULL, missing, NULL);
  assert_int_equal (unreadable.status, 2);
  assert_contains (unreadable.err, "missing.json");

  verify (&unknown_option, NULL, f->valid, "--frobnicate", NULL);
  assert_int_equal (unknown_option.status, 2);
}

static void
test_issuer_key (void **state)
{
  Fixture *f = *state;
  g_autofree char *path = g_build_filename (f->dir, "org.key", NULL);
  g_auto(Run) created = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) shown = { 0 };
  g_auto(Run) in_use = { 0 };
  g_auto(Run) no_name = { 0 };
  g_auto(Run) nonsense = { 0 };
  g_autoptr(SigIssuer) issuer = NULL;
  g_autofree char *did_line = NULL;

  issuer_key (&created, NULL, "new", "--name", "Voorbeeldschool Zorg", path, NULL);
  assert_int_equal (created.status, 0);
  issuer = sig_issuer_new_from_key_file (path, NULL);
  assert_non_null (issuer);
  did_line = g_strdup_printf ("did:key:       %s\n", sig_issuer_get_did (issuer));
  assert_contains (created.out, did_line);
  assert_contains (created.out, "Voorbeeldschool Zorg");

  /* Never over an existing key. */
  issuer_key (&again, NULL, "new", "--name", "Someone", path, NULL);
  assert_int_equal (again.status, 1);
  assert_contains (again.err, "already exists");

  issuer_key (&shown, NULL, "show", path, NULL);
  assert_int_equal (shown.status, 0);
  assert_contains (shown.out, did_line);
  assert_contains (shown.out, "organisation key");

  /* Without a file: the key certificates would be issued with. */
  issuer_key (&in_use, path, "show", NULL);
  assert_int_equal (in_use.status, 0);
  assert_contains (in_use.out, did_line);

  issuer_key (&no_name, NULL, "new", path, NULL);
  assert_int_equal (no_name.status, 2);
  issuer_key (&nonsense, NULL, "rotate", NULL);
  assert_int_equal (nonsense.status, 2);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_valid, setup, teardown),
    cmocka_unit_test_setup_teardown (test_code, setup, teardown),
    cmocka_unit_test_setup_teardown (test_tampered, setup, teardown),
    cmocka_unit_test_setup_teardown (test_expired, setup, teardown),
    cmocka_unit_test_setup_teardown (test_json_output, setup, teardown),
    cmocka_unit_test_setup_teardown (test_standard_input, setup, teardown),
    cmocka_unit_test_setup_teardown (test_usage_errors, setup, teardown),
    cmocka_unit_test_setup_teardown (test_issuer_key, setup, teardown),
  };

  return cmocka_run_group_tests_name ("cli-verify", tests, NULL, NULL);
}
