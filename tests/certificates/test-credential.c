/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "cert-test-util.h"
#include "sig-certificate-labels.h"

static char *
issue (const char *language)
{
  g_autoptr(SigCertificateClaims) claims = cert_test_claims (language);
  g_autoptr(SigIssuer) issuer = cert_test_issuer ();
  g_autoptr(GDateTime) signed_at = g_date_time_new_utc (2025, 3, 12, 10, 5, 0);
  g_autoptr(GError) error = NULL;
  char *json = sig_credential_build_signed (claims, issuer, signed_at, &error);

  if (json == NULL)
    print_error ("%s\n", error->message);
  assert_non_null (json);
  return json;
}

static SigVerification *
verify_at (const char *json,
           GDateTime  *when)
{
  return sig_credential_verify (json, -1, NULL, when);
}

static SigVerification *
verify_now (const char *json)
{
  g_autoptr(GDateTime) now = cert_test_now ();

  return verify_at (json, now);
}

static void
test_round_trip (void **state)
{
  g_autofree char *json = issue ("nl");
  g_autoptr(SigVerification) v = verify_now (json);
  g_autoptr(SigIssuer) issuer = cert_test_issuer ();
  g_autoptr(GDateTime) completed = cert_test_completed_at ();
  g_autoptr(GDateTime) until = cert_test_valid_until ();

  assert_int_equal (v->status, SIG_VERIFICATION_VALID);
  assert_int_equal (v->reason, SIG_VERIFICATION_REASON_NONE);
  assert_true (v->authentic);
  assert_non_null (v->message);
  assert_string_equal (v->learner_name, "Fatima el Amrani-de Vries");
  assert_string_equal (v->achievement_name, "Signalen herkennen in de kapsalon");
  assert_string_equal (v->achievement_id, "urn:signaal:course:example-course:1.2.0");
  assert_string_equal (v->course_id, "example-course");
  assert_string_equal (v->course_version, "1.2.0");
  assert_string_equal (v->language, "nl");
  assert_string_equal (v->issuer_did, sig_issuer_get_did (issuer));
  assert_string_equal (v->issuer_name, "Voorbeeldvereniging Kappers");
  assert_string_equal (v->score, "87.5");
  assert_string_equal (v->credential_id, "urn:uuid:0f8e6d1c-3b8a-4c5e-9f21-7a6b5c4d3e2f");
  assert_true (g_date_time_equal (v->valid_from, completed));
  assert_true (g_date_time_equal (v->valid_until, until));
  assert_non_null (v->issued_at);
  assert_non_null (v->code);
}

static JsonObject *
object_at (JsonObject *object,
           const char *name)
{
  assert_true (json_object_has_member (object, name));
  return json_object_get_object_member (object, name);
}

static void
assert_types (JsonObject *object,
              const char *first,
              const char *second)
{
  JsonArray *types = json_object_get_array_member (object, "type");

  assert_non_null (types);
  assert_int_equal (json_array_get_length (types), second ? 2 : 1);
  assert_string_equal (json_array_get_string_element (types, 0), first);
  if (second)
    assert_string_equal (json_array_get_string_element (types, 1), second);
}

/* The shape Open Badges 3.0 asks for. */
static void
test_open_badges_shape (void **state)
{
  g_autofree char *json = issue ("en");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SigIssuer) issuer = cert_test_issuer ();
  JsonObject *root, *issuer_object, *subject, *achievement, *proof, *identity, *result;
  JsonArray *context;

  assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));

  context = json_object_get_array_member (root, "@context");
  assert_int_equal (json_array_get_length (context), 2);
  assert_string_equal (json_array_get_string_element (context, 0), "https://www.w3.org/ns/credentials/v2");
  assert_string_equal (json_array_get_string_element (context, 1),
                       "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
  assert_types (root, "VerifiableCredential", "OpenBadgeCredential");
  assert_true (g_str_has_prefix (json_object_get_string_member (root, "id"), "urn:uuid:"));
  assert_string_equal (json_object_get_string_member (root, "name"), "Recognising signs in the salon");
  assert_string_equal (json_object_get_string_member (root, "validFrom"), "2025-03-12T10:00:00Z");
  assert_string_equal (json_object_get_string_member (root, "validUntil"), "2027-03-12T10:00:00Z");

  issuer_object = object_at (root, "issuer");
  assert_string_equal (json_object_get_string_member (issuer_object, "id"), sig_issuer_get_did (issuer));
  assert_true (g_str_has_prefix (json_object_get_string_member (issuer_object, "id"), "did:key:z6Mk"));
  assert_types (issuer_object, "Profile", NULL);
  assert_string_equal (json_object_get_string_member (issuer_object, "name"), "Voorbeeldvereniging Kappers");

  subject = object_at (root, "credentialSubject");
  assert_types (subject, "AchievementSubject", NULL);
  identity = json_array_get_object_element (json_object_get_array_member (subject, "identifier"), 0);
  assert_string_equal (json_object_get_string_member (identity, "type"), "IdentityObject");
  assert_string_equal (json_object_get_string_member (identity, "identityType"), "name");
  assert_false (json_object_get_boolean_member (identity, "hashed"));
  assert_string_equal (json_object_get_string_member (identity, "identityHash"), "Fatima el Amrani-de Vries");
  assert_int_equal (json_object_get_int_member (subject, "creditsEarned"), 2);

  achievement = object_at (subject, "achievement");
  assert_string_equal (json_object_get_string_member (achievement, "id"), "urn:signaal:course:example-course:1.2.0");
  assert_types (achievement, "Achievement", NULL);
  assert_string_equal (json_object_get_string_member (achievement, "name"), "Recognising signs in the salon");
  assert_string_equal (json_object_get_string_member (achievement, "description"),
                       "What you see and hear, and what you do next.");
  assert_non_null (strstr (json_object_get_string_member (object_at (achievement, "criteria"), "narrative"),
                           "You ask gently, without judging."));
  assert_non_null (strstr (json_object_get_string_member (object_at (achievement, "criteria"), "narrative"),
                           "at least 70%"));
  assert_string_equal (json_object_get_string_member (object_at (achievement, "creator"), "name"),
                       "Example Hairdressers' Association");
  assert_string_equal (json_object_get_string_member (achievement, "version"), "1.2.0");
  assert_string_equal (json_object_get_string_member (achievement, "inLanguage"), "en");

  result = json_array_get_object_element (json_object_get_array_member (subject, "result"), 0);
  assert_types (result, "Result", NULL);
  assert_string_equal (json_object_get_string_member (result, "value"), "87.5");

  proof = object_at (root, "proof");
  assert_string_equal (json_object_get_string_member (proof, "type"), "DataIntegrityProof");
  assert_string_equal (json_object_get_string_member (proof, "cryptosuite"), "eddsa-jcs-2022");
  assert_string_equal (json_object_get_string_member (proof, "proofPurpose"), "assertionMethod");
  assert_string_equal (json_object_get_string_member (proof, "verificationMethod"),
                       sig_issuer_get_verification_method (issuer));
  assert_string_equal (json_object_get_string_member (proof, "created"), "2025-03-12T10:05:00Z");
  assert_true (g_str_has_prefix (json_object_get_string_member (proof, "proofValue"), "z"));
}

typedef struct {
  const char *path;
  const char *value;
  SigVerificationReason reason;
} Tamper;

static void
expect_invalid (const char            *json,
                SigVerificationReason  reason,
                const char            *what)
{
  g_autoptr(SigVerification) v = verify_now (json);

  if (v->reason != reason)
    print_error ("%s: reason %s, expected %s (%s)\n", what,
                 sig_verification_reason_to_string (v->reason),
                 sig_verification_reason_to_string (reason), v->message);
  assert_int_equal (v->status, SIG_VERIFICATION_INVALID);
  assert_int_equal (v->reason, reason);
  assert_false (v->authentic);
  assert_non_null (v->message);
}

/* Any change to any claim after signing: not valid, with the reason. */
static void
test_tampering (void **state)
{
  g_autofree char *json = issue ("nl");
  g_autoptr(SigIssuer) other = cert_test_other_issuer ();
  g_autofree char *other_did = g_strdup_printf ("\"%s\"", sig_issuer_get_did (other));
  g_autofree char *other_method = g_strdup_printf ("\"%s\"", sig_issuer_get_verification_method (other));
  const Tamper tampers[] = {
    { "credentialSubject.identifier.0.identityHash", "\"Fatima el Amrani\"", SIG_VERIFICATION_REASON_SIGNATURE_MISMATCH },
    { "credentialSubject.achievement.name", "\"Signalen herkennen (gevorderd)\"", SIG_VERIFICATION_REASON_SIGNATURE_MISMATCH },
    { "credentialSubject.achievement.id", "\"urn:signaal:course:example-course:2.0.0\"", SIG_VERIFICATION_REASON_SIGNATURE_MISMATCH },
    { "name", "\"Another course\"", SIG_VERIFICATION_REASON_SIGNATURE_MISMATCH },
    { "validUntil", "\"2099-03-12T10:00:00Z\"", SIG_VERIFICATION_REASON_SIGNATURE_MISMATCH },
    { "validFrom", "\"2025-01-01T10:00:00Z\"", SIG_VERIFICATION_REASON_SIGNATURE_MISMATCH },
    { "credentialSubject.result.0.value", "\"100\"", SIG_VERIFICATION_REASON_SIGNATURE_MISMATCH },
    { "credentialSubject.creditsEarned", "20", SIG_VERIFICATION_REASON_SIGNATURE_MISMATCH },
    { "issuer.name", "\"Ministerie van Volksgezondheid\"", SIG_VERIFICATION_REASON_SIGNATURE_MISMATCH },
    { "issuer.id", other_did, SIG_VERIFICATION_REASON_KEY_MISMATCH },
    { "issuer.id", "\"did:key:z6MkNotAKeyAtAll\"", SIG_VERIFICATION_REASON_ISSUER_MALFORMED },
    { "issuer.id", "\"https://example.org/issuer\"", SIG_VERIFICATION_REASON_ISSUER_MALFORMED },
    { "proof.verificationMethod", other_method, SIG_VERIFICATION_REASON_KEY_MISMATCH },
    { "proof.created", "\"2025-03-13T10:05:00Z\"", SIG_VERIFICATION_REASON_SIGNATURE_MISMATCH },
    { "proof.proofValue", "\"z0OIl\"", SIG_VERIFICATION_REASON_SIGNATURE_MISMATCH },
    { "proof.cryptosuite", "\"eddsa-rdfc-2022\"", SIG_VERIFICATION_REASON_UNSUPPORTED_PROOF },
    { "proof", "null", SIG_VERIFICATION_REASON_UNSUPPORTED_PROOF },
    { "@context", "[\"https://www.w3.org/ns/credentials/v2\",\"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json\",\"https://example.org/extra\"]",
      SIG_VERIFICATION_REASON_SIGNATURE_MISMATCH },
    { "extra", "\"an added claim\"", SIG_VERIFICATION_REASON_SIGNATURE_MISMATCH },
    { "type", "[\"VerifiableCredential\"]", SIG_VERIFICATION_REASON_MALFORMED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tampers); i++)
    {
      g_autofree char *tampered = cert_test_tamper (json, tampers[i].path, tampers[i].value);

      expect_invalid (tampered, tampers[i].reason, tampers[i].path);
    }
}

/* One character of the signature changed, still a well-formed signature. */
static void
test_tampered_proof_value (void **state)
{
  g_autofree char *json = issue ("en");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *value = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *tampered = NULL;

  assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  value = g_strdup (json_object_get_string_member (
    json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "proof"),
    "proofValue"));
  value[20] = value[20] == 'A' ? 'B' : 'A';
  quoted = g_strdup_printf ("\"%s\"", value);
  tampered = cert_test_tamper (json, "proof.proofValue", quoted);
  expect_invalid (tampered, SIG_VERIFICATION_REASON_SIGNATURE_MISMATCH, "proof value");
}

/* Moving the credential to another key altogether needs that key's signature. */
static void
test_reissued_under_other_key (void **state)
{
  g_autofree char *json = issue ("en");
  g_autoptr(SigIssuer) other = cert_test_other_issuer ();
  g_autofree char *did = g_strdup_printf ("\"%s\"", sig_issuer_get_did (other));
  g_autofree char *method = g_strdup_printf ("\"%s\"", sig_issuer_get_verification_method (other));
  g_autofree char *step1 = cert_test_tamper (json, "issuer.id", did);
  g_autofree char *step2 = cert_test_tamper (step1, "proof.verificationMethod", method);

  expect_invalid (step2, SIG_VERIFICATION_REASON_SIGNATURE_MISMATCH, "issuer and method");
}

static void
test_expired (void **state)
{
  g_autofree char *json = issue ("en");
  g_autoptr(GDateTime) until = cert_test_valid_until ();
  g_autoptr(GDateTime) after = g_date_time_add_seconds (until, 1);
  g_autoptr(GDateTime) years_after = g_date_time_new_utc (2031, 1, 1, 0, 0, 0);
  g_autoptr(SigVerification) at_end = verify_at (json, until);
  g_autoptr(SigVerification) expired = verify_at (json, after);
  g_autoptr(SigVerification) long_expired = verify_at (json, years_after);

  assert_int_equal (at_end->status, SIG_VERIFICATION_VALID);

  assert_int_equal (expired->status, SIG_VERIFICATION_EXPIRED);
  assert_int_equal (expired->reason, SIG_VERIFICATION_REASON_EXPIRED);
  assert_true (expired->authentic);
  assert_non_null (strstr (expired->message, "2027-03-12"));
  assert_string_equal (expired->learner_name, "Fatima el Amrani-de Vries");

  assert_int_equal (long_expired->status, SIG_VERIFICATION_EXPIRED);

  /* A tampered certificate is invalid, not merely expired. */
  {
    g_autofree char *tampered = cert_test_tamper (json, "credentialSubject.result.0.value", "\"99\"");
    g_autoptr(SigVerification) v = verify_at (tampered, years_after);

    assert_int_equal (v->status, SIG_VERIFICATION_INVALID);
    assert_int_equal (v->reason, SIG_VERIFICATION_REASON_SIGNATURE_MISMATCH);
  }
}

static void
test_not_yet_valid (void **state)
{
  g_autofree char *json = issue ("en");
  g_autoptr(GDateTime) from = cert_test_completed_at ();
  g_autoptr(GDateTime) day_before = g_date_time_add_days (from, -1);
  g_autoptr(GDateTime) slightly_before = g_date_time_add_minutes (from, -5);
  g_autoptr(SigVerification) early = verify_at (json, day_before);
  g_autoptr(SigVerification) skewed = verify_at (json, slightly_before);

  assert_int_equal (early->status, SIG_VERIFICATION_INVALID);
  assert_int_equal (early->reason, SIG_VERIFICATION_REASON_NOT_YET_VALID);
  assert_true (early->authentic);
  /* Clocks differ a little between computers. */
  assert_int_equal (skewed->status, SIG_VERIFICATION_VALID);
}

static void
test_expected_issuer (void **state)
{
  g_autofree char *json = issue ("en");
  g_autoptr(SigIssuer) issuer = cert_test_issuer ();
  g_autoptr(SigIssuer) other = cert_test_other_issuer ();
  g_autoptr(GDateTime) now = cert_test_now ();
  g_autoptr(SigVerification) ours = sig_credential_verify (json, -1, sig_issuer_get_did (issuer), now);
  g_autoptr(SigVerification) theirs = sig_credential_verify (json, -1, sig_issuer_get_did (other), now);

  assert_int_equal (ours->status, SIG_VERIFICATION_VALID);
  assert_int_equal (theirs->status, SIG_VERIFICATION_INVALID);
  assert_int_equal (theirs->reason, SIG_VERIFICATION_REASON_UNEXPECTED_ISSUER);
  assert_true (theirs->authentic);
}

static void
test_malformed (void **state)
{
  const char *inputs[] = {
    "not json at all",
    "[]",
    "{}",
    "{\"@context\": [\"https://www.w3.org/ns/credentials/v2\"]}",
    "{\"a\":1,\"a\":1}",
  };
  g_autofree char *json = issue ("en");
  g_autofree char *truncated = g_strndup (json, strlen (json) / 2);

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    expect_invalid (inputs[i], SIG_VERIFICATION_REASON_MALFORMED, inputs[i]);
  expect_invalid (truncated, SIG_VERIFICATION_REASON_MALFORMED, "truncated");
}

static gboolean
is_code (const char *code)
{
  if (code == NULL || strlen (code) != 11 || code[5] != '-')
    return FALSE;
  for (int i = 0; i < 11; i++)
    if (i != 5 && !strchr ("0123456789ABCDEFGHJKMNPQRSTVWXYZ", code[i]))
      return FALSE;
  return TRUE;
}

static void
test_verification_code (void **state)
{
  g_autofree char *json = issue ("nl");
  g_autofree char *code = sig_credential_verification_code (json, -1, NULL);
  g_autofree char *pretty = cert_test_reformat (json, TRUE);
  g_autofree char *compact = cert_test_reformat (json, FALSE);
  g_autofree char *pretty_code = sig_credential_verification_code (pretty, -1, NULL);
  g_autofree char *compact_code = sig_credential_verification_code (compact, -1, NULL);
  g_autofree char *tampered = cert_test_tamper (json, "credentialSubject.result.0.value", "\"88\"");
  g_autofree char *tampered_code = sig_credential_verification_code (tampered, -1, NULL);
  g_autoptr(SigVerification) v = verify_now (json);
  g_autoptr(SigVerification) v_pretty = verify_now (pretty);
  g_autofree char *lower = NULL;
  g_autofree char *spaced = NULL;

  assert_true (is_code (code));
  assert_string_equal (v->code, code);
  /* Re-indenting the file changes neither validity nor the code. */
  assert_int_equal (v_pretty->status, SIG_VERIFICATION_VALID);
  assert_string_equal (pretty_code, code);
  assert_string_equal (compact_code, code);
  /* Any change does. */
  assert_string_not_equal (tampered_code, code);

  /* Codes as people type them. */
  lower = g_ascii_strdown (code, -1);
  spaced = g_strdup_printf ("  %.3s %.2s %s ", code, code + 3, code + 6);
  assert_true (sig_verification_code_equal (lower, code));
  assert_true (sig_verification_code_equal (spaced, code));
  {
    g_autofree char *n = sig_verification_code_normalize ("oil0o-11111");

    assert_string_equal (n, "01100-11111");
  }
  assert_null (sig_verification_code_normalize ("ABCDE-FGHJ"));
  assert_null (sig_verification_code_normalize ("ABCDE-FGHJKM"));
  assert_null (sig_verification_code_normalize ("ABCDE-FGHJU"));
  assert_null (sig_verification_code_normalize ("ABCDE_FGHJK"));
  assert_null (sig_verification_code_normalize (""));
  assert_false (sig_verification_code_equal ("ABCDE-FGHJK", "ABCDE-FGHJM"));
  assert_false (sig_verification_code_equal (NULL, code));
}

static void
test_qr_payload (void **state)
{
  g_autofree char *json = issue ("en");
  g_autofree char *payload = sig_credential_qr_payload (json, -1, NULL);
  g_autoptr(SigVerification) v = verify_now (json);
  g_autofree char *expected = g_strdup_printf ("Signaal certificate\nCode: %s\nId: %s\nIssuer: %s",
                                               v->code, v->credential_id, v->issuer_did);

  assert_string_equal (payload, expected);
}

static void
expect_claims_error (SigCertificateClaims *claims,
                     const char           *what)
{
  g_autoptr(SigIssuer) issuer = cert_test_issuer ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = sig_credential_build_signed (claims, issuer, NULL, &error);

  if (json != NULL)
    print_error ("accepted: %s\n", what);
  assert_null (json);
  assert_true (g_error_matches (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_CLAIMS_INVALID));
  assert_non_null (error->message);
}

static void
test_claims_validation (void **state)
{
  SigCertificateClaims *claims;

#define WITH(statement, what)                        \
  claims = cert_test_claims ("nl");                  \
  statement;                                         \
  expect_claims_error (claims, what);                \
  sig_certificate_claims_free (claims);

  WITH (g_clear_pointer (&claims->learner_name, g_free), "no name");
  WITH ((g_free (claims->learner_name), claims->learner_name = g_strdup ("   ")), "blank name");
  WITH ((g_free (claims->learner_name), claims->learner_name = g_strdup ("Jan\nJansen")), "newline in name");
  WITH ((g_free (claims->learner_name), claims->learner_name = g_strdup ("Jan \xff")), "bad UTF-8");
  WITH ((g_free (claims->language), claims->language = g_strdup ("de")), "German");
  WITH ((g_free (claims->course_id), claims->course_id = g_strdup ("Example Course")), "bad course id");
  WITH ((g_free (claims->course_version), claims->course_version = g_strdup ("1.2")), "bad version");
  WITH (claims->score_percent = 100.5, "score above 100");
  WITH (claims->score_percent = -1, "negative score");
  WITH (claims->pass_mark_percent = 101, "pass mark");
  WITH (claims->accreditation_points = -2, "points");
  WITH ((g_date_time_unref (claims->valid_until), claims->valid_until = cert_test_completed_at ()), "expires at once");
  WITH (g_clear_pointer (&claims->completed_at, g_date_time_unref), "no completion date");
  WITH ((g_free (claims->credential_id), claims->credential_id = g_strdup ("urn:uuid:nonsense")), "credential id");
  WITH ((g_free (claims->sectors[0]), claims->sectors[0] = g_strdup ("Hair Beauty")), "sector id");
#undef WITH
}

static void
test_generated_id_and_optional_fields (void **state)
{
  g_autoptr(SigCertificateClaims) claims = cert_test_claims ("en");
  g_autoptr(SigIssuer) issuer = cert_test_issuer ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autoptr(SigVerification) v = NULL;

  g_clear_pointer (&claims->credential_id, g_free);
  g_clear_pointer (&claims->course_summary, g_free);
  g_clear_pointer (&claims->accreditation_register, g_free);
  g_clear_pointer (&claims->objectives, g_strfreev);
  g_clear_pointer (&claims->sectors, g_strfreev);
  claims->accreditation_points = -1;
  claims->pass_mark_percent = -1;
  claims->score_percent = 100.0 * 2 / 3;

  json = sig_credential_build_signed (claims, issuer, NULL, &error);
  assert_non_null (json);
  v = verify_now (json);
  assert_int_equal (v->status, SIG_VERIFICATION_VALID);
  assert_true (g_str_has_prefix (v->credential_id, "urn:uuid:"));
  assert_true (g_uuid_string_is_valid (v->credential_id + strlen ("urn:uuid:")));
  assert_string_equal (v->score, "66.7");
  assert_null (strstr (json, "creditsEarned"));
}

/* A per-installation key says so, in the certificate's language. */
static void
test_installation_issuer_name (void **state)
{
  guint8 seed[32] = { 1, 2, 3 };
  g_autoptr(SigIssuer) issuer = sig_issuer_new_from_seed (seed, SIG_ISSUER_KIND_INSTALLATION, NULL);
  g_autoptr(SigCertificateClaims) claims = cert_test_claims ("nl");
  g_autofree char *json = sig_credential_build_signed (claims, issuer, NULL, NULL);
  g_autoptr(SigVerification) v = verify_now (json);

  assert_int_equal (v->status, SIG_VERIFICATION_VALID);
  assert_string_equal (v->issuer_name, sig_certificate_label (SIG_LABEL_SELF_STUDY_ISSUER, "nl"));
  assert_non_null (strstr (v->issuer_name, "zonder toezicht"));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_round_trip),
    cmocka_unit_test (test_open_badges_shape),
    cmocka_unit_test (test_tampering),
    cmocka_unit_test (test_tampered_proof_value),
    cmocka_unit_test (test_reissued_under_other_key),
    cmocka_unit_test (test_expired),
    cmocka_unit_test (test_not_yet_valid),
    cmocka_unit_test (test_expected_issuer),
    cmocka_unit_test (test_malformed),
    cmocka_unit_test (test_verification_code),
    cmocka_unit_test (test_qr_payload),
    cmocka_unit_test (test_claims_validation),
    cmocka_unit_test (test_generated_id_and_optional_fields),
    cmocka_unit_test (test_installation_issuer_name),
  };

  return cmocka_run_group_tests_name ("credential", tests, NULL, NULL);
}
