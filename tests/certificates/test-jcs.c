/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "sig-certificate.h"
#include "sig-credential-private.h"
#include "sig-jcs.h"

static char *
canonical (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sig_json_parse_strict (json, -1, &error);
  char *result;

  if (node == NULL)
    print_error ("%s\n", error->message);
  assert_non_null (node);
  result = sig_jcs_canonicalize (node, &error);
  assert_non_null (result);
  return result;
}

/* RFC 8785, section 3.2.2 (the example in the JCS reference test data). */
static void
test_rfc8785_values (void **state)
{
  g_autofree char *out = canonical (
    "{\n"
    "  \"numbers\": [1E30, 4.50, 333333333.33333329, 2e-3, 0.000000000000000000000000001],\n"
    "  \"escaping\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
    "  \"literals\": [null, true, false]\n"
    "}");

  assert_string_equal (out,
                       "{\"escaping\":\"\xe2\x82\xac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\","
                       "\"literals\":[null,true,false],"
                       "\"numbers\":[1e+30,4.5,333333333.3333333,0.002,1e-27]}");
}

/* RFC 8785, section 3.2.3: members sorted by UTF-16 code units, so U+1F602
 * (a surrogate pair, D83D DE02) comes before U+FB33. */
static void
test_rfc8785_sorting (void **state)
{
  g_autofree char *out = canonical (
    "{\n"
    "  \"\\u20ac\": \"Euro Sign\",\n"
    "  \"1\": \"One\",\n"
    "  \"\\u0080\": \"Control\\u007f\",\n"
    "  \"\\ud83d\\ude02\": \"Smiley\",\n"
    "  \"\\u00f6\": \"Latin Small Letter O With Diaeresis\",\n"
    "  \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\",\n"
    "  \"</script>\": \"Browser Challenge\"\n"
    "}");

  assert_string_equal (out,
                       "{\"1\":\"One\",\"</script>\":\"Browser Challenge\","
                       "\"\xc2\x80\":\"Control\x7f\","
                       "\"\xc3\xb6\":\"Latin Small Letter O With Diaeresis\","
                       "\"\xe2\x82\xac\":\"Euro Sign\","
                       "\"\xf0\x9f\x98\x82\":\"Smiley\","
                       "\"\xef\xac\xb3\":\"Hebrew Letter Dalet With Dagesh\"}");
}

static void
test_nested_and_whitespace (void **state)
{
  g_autofree char *out = canonical ("  { \"b\" : [ 1 , { \"z\" : \"\\t\" , \"a\" : {} } , [ ] ] ,\n\"a\":\"x\\u001fy\" }  ");

  assert_string_equal (out, "{\"a\":\"x\\u001fy\",\"b\":[1,{\"a\":{},\"z\":\"\\t\"},[]]}");
}

/* RFC 8785, appendix B: IEEE 754 doubles and their canonical form. */
static void
test_rfc8785_numbers (void **state)
{
  static const struct {
    guint64 bits;
    const char *expected;
  } numbers[] = {
    { G_GUINT64_CONSTANT (0x0000000000000000), "0" },
    { G_GUINT64_CONSTANT (0x8000000000000000), "0" },
    { G_GUINT64_CONSTANT (0x0000000000000001), "5e-324" },
    { G_GUINT64_CONSTANT (0x8000000000000001), "-5e-324" },
    { G_GUINT64_CONSTANT (0x7fefffffffffffff), "1.7976931348623157e+308" },
    { G_GUINT64_CONSTANT (0xffefffffffffffff), "-1.7976931348623157e+308" },
    { G_GUINT64_CONSTANT (0x4340000000000000), "9007199254740992" },
    { G_GUINT64_CONSTANT (0xc340000000000000), "-9007199254740992" },
    { G_GUINT64_CONSTANT (0x4430000000000000), "295147905179352830000" },
    { G_GUINT64_CONSTANT (0x44b52d02c7e14af5), "9.999999999999997e+22" },
    { G_GUINT64_CONSTANT (0x44b52d02c7e14af6), "1e+23" },
    { G_GUINT64_CONSTANT (0x44b52d02c7e14af7), "1.0000000000000001e+23" },
    { G_GUINT64_CONSTANT (0x444b1ae4d6e2ef4e), "999999999999999700000" },
    { G_GUINT64_CONSTANT (0x444b1ae4d6e2ef4f), "999999999999999900000" },
    { G_GUINT64_CONSTANT (0x444b1ae4d6e2ef50), "1e+21" },
    { G_GUINT64_CONSTANT (0x3eb0c6f7a0b5ed8c), "9.999999999999997e-7" },
    { G_GUINT64_CONSTANT (0x3eb0c6f7a0b5ed8d), "0.000001" },
    { G_GUINT64_CONSTANT (0x41b3de4355555553), "333333333.3333332" },
    { G_GUINT64_CONSTANT (0x41b3de4355555554), "333333333.33333325" },
    { G_GUINT64_CONSTANT (0x41b3de4355555555), "333333333.3333333" },
    { G_GUINT64_CONSTANT (0x41b3de4355555556), "333333333.3333334" },
    { G_GUINT64_CONSTANT (0x41b3de4355555557), "333333333.33333343" },
    { G_GUINT64_CONSTANT (0xbecbf647612f3696), "-0.0000033333333333333333" },
    { G_GUINT64_CONSTANT (0x43143ff3c1cb0959), "1424953923781206.2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      double value;

      memcpy (&value, &numbers[i].bits, sizeof value);
      assert_true (sig_jcs_append_number (out, value));
      assert_string_equal (out->str, numbers[i].expected);
    }

  {
    g_autoptr(GString) out = g_string_new (NULL);

    assert_false (sig_jcs_append_number (out, INFINITY));
    assert_false (sig_jcs_append_number (out, NAN));
  }
}

static void
expect_rejected (const char *json,
                 const char *why)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sig_json_parse_strict (json, -1, &error);

  if (node != NULL)
    print_error ("accepted (%s): %s\n", why, json);
  assert_null (node);
  assert_true (g_error_matches (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_MALFORMED));
}

/* Things json-glib alone would accept but a signed document must not hold. */
static void
test_strict_rejects (void **state)
{
  g_autofree char *deep = NULL;

  expect_rejected ("{\"a\":1,\"a\":2}", "duplicate member");
  expect_rejected ("{\"a\":1,\"\\u0061\":2}", "duplicate member, escaped");
  expect_rejected ("{'a':1}", "single quotes");
  expect_rejected ("{\"a\":01}", "leading zero");
  expect_rejected ("{\"a\":1,}", "trailing comma");
  expect_rejected ("[1,2,]", "trailing comma in array");
  expect_rejected ("{\"a\":\"\\ud800\"}", "lone high surrogate");
  expect_rejected ("{\"a\":\"\\udc00x\"}", "lone low surrogate");
  expect_rejected ("{\"a\":\"\\u0000\"}", "U+0000");
  expect_rejected ("{\"a\":\"tab\there\"}", "raw control character");
  expect_rejected ("{\"a\":\"\\x41\"}", "unknown escape");
  expect_rejected ("{\"a\":295147905179352830000}", "integer beyond 2^53");
  expect_rejected ("{\"a\":1e400}", "infinite number");
  expect_rejected ("{\"a\":.5}", "no leading digit");
  expect_rejected ("{\"a\":1.}", "no fraction digits");
  expect_rejected ("{\"a\":NaN}", "NaN");
  expect_rejected ("{\"a\":true} x", "text after the value");
  expect_rejected ("{\"a\":tru}", "broken literal");
  expect_rejected ("{\"a\":\"open", "unterminated string");
  expect_rejected ("// comment\n{}", "comment");
  expect_rejected ("", "empty");
  expect_rejected ("{\"a\":\"\xff\"}", "invalid UTF-8");

  deep = g_strnfill (SIG_JSON_MAX_DEPTH + 2, '[');
  expect_rejected (deep, "too deep");
}

static void
test_strict_accepts (void **state)
{
  g_autofree char *a = canonical ("{\"a\":9007199254740992,\"b\":-0.0,\"c\":1.5e2,\"d\":\"\\/\\b\\f\\r\"}");

  assert_string_equal (a, "{\"a\":9007199254740992,\"b\":0,\"c\":150,\"d\":\"/\\b\\f\\r\"}");
}

/* The eddsa-jcs-2022 test vector of the W3C Data Integrity EdDSA Cryptosuites
 * specification (TestVectors/eddsa-jcs-2022 in w3c/vc-di-eddsa): the same key and
 * documents must give the same canonical forms, hash data and signature. */
static void
test_w3c_eddsa_jcs_2022 (void **state)
{
  static const char document[] =
    "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\",\"https://www.w3.org/ns/credentials/examples/v2\"],"
    "\"id\":\"urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33\","
    "\"type\":[\"VerifiableCredential\",\"AlumniCredential\"],"
    "\"name\":\"Alumni Credential\","
    "\"description\":\"A minimum viable example of an Alumni Credential.\","
    "\"issuer\":\"https://vc.example/issuers/5678\","
    "\"validFrom\":\"2023-01-01T00:00:00Z\","
    "\"credentialSubject\":{\"id\":\"did:example:abcdefgh\",\"alumniOf\":\"The School of Examples\"}}";
  static const char proof_config[] =
    "{\"type\":\"DataIntegrityProof\",\"cryptosuite\":\"eddsa-jcs-2022\",\"created\":\"2023-02-24T23:36:38Z\","
    "\"verificationMethod\":\"did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2\","
    "\"proofPurpose\":\"assertionMethod\","
    "\"@context\":[\"https://www.w3.org/ns/credentials/v2\",\"https://www.w3.org/ns/credentials/examples/v2\"]}";
  static const char expected_canonical_document[] =
    "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\",\"https://www.w3.org/ns/credentials/examples/v2\"],"
    "\"credentialSubject\":{\"alumniOf\":\"The School of Examples\",\"id\":\"did:example:abcdefgh\"},"
    "\"description\":\"A minimum viable example of an Alumni Credential.\","
    "\"id\":\"urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33\","
    "\"issuer\":\"https://vc.example/issuers/5678\",\"name\":\"Alumni Credential\","
    "\"type\":[\"VerifiableCredential\",\"AlumniCredential\"],\"validFrom\":\"2023-01-01T00:00:00Z\"}";
  static const char expected_canonical_proof[] =
    "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\",\"https://www.w3.org/ns/credentials/examples/v2\"],"
    "\"created\":\"2023-02-24T23:36:38Z\",\"cryptosuite\":\"eddsa-jcs-2022\",\"proofPurpose\":\"assertionMethod\","
    "\"type\":\"DataIntegrityProof\","
    "\"verificationMethod\":\"did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2\"}";
  static const char expected_hash[] =
    "66ab154f5c2890a140cb8388a22a160454f80575f6eae09e5a097cabe539a1db"
    "59b7cb6251b8991add1ce0bc83107e3db9dbbab5bd2c28f687db1a03abc92f19";
  static const char expected_signature[] =
    "407cd12654b33d718ecbb99179a1506daaa849450bf3fc523cce3e1c96f8b803"
    "51da3f253d725c6f00b07c9e5448d50b3ef78012b9ab54255116d069c6dd2808";
  static const char expected_proof_value[] =
    "z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX";

  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) doc = sig_json_parse_strict (document, -1, &error);
  g_autoptr(JsonNode) proof = sig_json_parse_strict (proof_config, -1, &error);
  g_autofree char *canonical_document = NULL;
  g_autofree char *canonical_proof = NULL;
  g_autoptr(GBytes) private_key = sig_multibase_decode ("z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq");
  g_autoptr(SigIssuer) issuer = NULL;
  g_autoptr(GString) hash_hex = g_string_new (NULL);
  g_autoptr(GString) signature_hex = g_string_new (NULL);
  g_autofree char *proof_value = NULL;
  guint8 hash[SIG_DATA_INTEGRITY_HASH_BYTES];
  guint8 signature[SIG_ED25519_SIGNATURE_BYTES];

  assert_non_null (doc);
  assert_non_null (proof);
  canonical_document = sig_jcs_canonicalize (doc, &error);
  canonical_proof = sig_jcs_canonicalize (proof, &error);
  assert_string_equal (canonical_document, expected_canonical_document);
  assert_string_equal (canonical_proof, expected_canonical_proof);

  assert_true (sig_data_integrity_hash (doc, proof, hash, &error));
  for (guint i = 0; i < sizeof hash; i++)
    g_string_append_printf (hash_hex, "%02x", hash[i]);
  assert_string_equal (hash_hex->str, expected_hash);

  assert_non_null (private_key);
  issuer = sig_issuer_new_from_seed ((const guint8 *) g_bytes_get_data (private_key, NULL) + 2,
                                     SIG_ISSUER_KIND_ORGANISATION, "W3C");
  sig_issuer_sign (issuer, hash, sizeof hash, signature);
  for (guint i = 0; i < sizeof signature; i++)
    g_string_append_printf (signature_hex, "%02x", signature[i]);
  assert_string_equal (signature_hex->str, expected_signature);

  proof_value = sig_multibase_encode (signature, sizeof signature);
  assert_string_equal (proof_value, expected_proof_value);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_rfc8785_values),
    cmocka_unit_test (test_rfc8785_sorting),
    cmocka_unit_test (test_nested_and_whitespace),
    cmocka_unit_test (test_rfc8785_numbers),
    cmocka_unit_test (test_strict_rejects),
    cmocka_unit_test (test_strict_accepts),
    cmocka_unit_test (test_w3c_eddsa_jcs_2022),
  };

  return cmocka_run_group_tests_name ("jcs", tests, NULL, NULL);
}
