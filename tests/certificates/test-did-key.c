/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "sig-certificate.h"

static void
check_base58 (const guint8 *data,
              gsize         length,
              const char   *expected)
{
  g_autofree char *encoded = sig_base58btc_encode (data, length);
  g_autoptr(GBytes) decoded = NULL;
  gsize decoded_length;
  const guint8 *decoded_data;

  assert_string_equal (encoded, expected);
  decoded = sig_base58btc_decode (expected, -1);
  assert_non_null (decoded);
  decoded_data = g_bytes_get_data (decoded, &decoded_length);
  assert_int_equal (decoded_length, length);
  assert_memory_equal (decoded_data, data, length);
}

/* Examples of the base58 Internet-Draft (draft-msporny-base58). */
static void
test_base58_examples (void **state)
{
  static const guint8 zeros[] = { 0x00, 0x00, 0x28, 0x7f, 0xb4, 0xcd };
  static const guint8 zero[] = { 0x00 };
  static const guint8 one_after_zeros[] = { 0x00, 0x00, 0x01 };

  check_base58 ((const guint8 *) "Hello World!", 12, "2NEpo7TZRRrLZSi2U");
  check_base58 ((const guint8 *) "The quick brown fox jumps over the lazy dog.", 44,
                "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z");
  check_base58 (zeros, sizeof zeros, "11233QC4");
  check_base58 (zero, sizeof zero, "1");
  check_base58 (one_after_zeros, sizeof one_after_zeros, "112");
}

static void
test_base58_rejects (void **state)
{
  /* 0, O, I and l are not in the alphabet. */
  assert_null (sig_base58btc_decode ("2NEpo7TZRRrLZSi2U0", -1));
  assert_null (sig_base58btc_decode ("O", -1));
  assert_null (sig_base58btc_decode ("I", -1));
  assert_null (sig_base58btc_decode ("l", -1));
  assert_null (sig_base58btc_decode ("abc def", -1));
  assert_null (sig_base58btc_decode ("", -1));
  assert_null (sig_multibase_decode ("f00ff"));  /* base16, not base58btc */
  assert_null (sig_multibase_decode (NULL));
}

static void
test_random_round_trips (void **state)
{
  GRand *rand = g_rand_new_with_seed (8032);

  for (int round = 0; round < 500; round++)
    {
      guint8 data[70];
      gsize length = (gsize) g_rand_int_range (rand, 1, sizeof data);
      g_autofree char *encoded = NULL;
      g_autoptr(GBytes) decoded = NULL;

      for (gsize i = 0; i < length; i++)
        data[i] = (guint8) g_rand_int (rand);
      /* Sometimes leading zero bytes. */
      if (round % 5 == 0)
        data[0] = 0;
      if (round % 10 == 0 && length > 1)
        data[1] = 0;

      encoded = sig_base58btc_encode (data, length);
      decoded = sig_base58btc_decode (encoded, -1);
      assert_non_null (decoded);
      assert_int_equal (g_bytes_get_size (decoded), length);
      assert_memory_equal (g_bytes_get_data (decoded, NULL), data, length);
    }
  g_rand_free (rand);
}

/* The public key of RFC 8032 TEST 1. Its did:key, worked out by hand:
 * base58btc(0xed 0x01 || key) with the multibase prefix 'z'. */
static const guint8 rfc8032_test1_public[32] = {
  0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64, 0x07, 0x3a,
  0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07, 0x51, 0x1a,
};
#define RFC8032_TEST1_DID "did:key:z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw"

static void
test_did_key_rfc8032_test1 (void **state)
{
  g_autofree char *did = sig_did_key_from_public_key (rfc8032_test1_public);
  g_autofree char *method = NULL;
  g_autoptr(GBytes) multicodec = NULL;
  guint8 key[32];

  assert_string_equal (did, RFC8032_TEST1_DID);

  /* From first principles: the multibase body is base58btc of 0xed 0x01 || key. */
  multicodec = sig_multibase_decode (did + strlen ("did:key:"));
  assert_non_null (multicodec);
  assert_int_equal (g_bytes_get_size (multicodec), 34);
  assert_int_equal (((const guint8 *) g_bytes_get_data (multicodec, NULL))[0], 0xed);
  assert_int_equal (((const guint8 *) g_bytes_get_data (multicodec, NULL))[1], 0x01);
  assert_memory_equal ((const guint8 *) g_bytes_get_data (multicodec, NULL) + 2, rfc8032_test1_public, 32);

  assert_true (sig_did_key_to_public_key (did, key));
  assert_memory_equal (key, rfc8032_test1_public, 32);

  method = sig_did_key_verification_method (did);
  assert_string_equal (method, RFC8032_TEST1_DID "#z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw");
}

/* The key pair of the W3C Data Integrity EdDSA test vectors: its private key,
 * multibase-encoded with the multicodec ed25519-priv (0x1300), gives an issuer
 * whose did:key must be the published public key. */
static void
test_did_key_w3c_key_pair (void **state)
{
  g_autoptr(GBytes) private_key = sig_multibase_decode ("z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq");
  const guint8 *bytes;
  g_autoptr(SigIssuer) issuer = NULL;

  assert_non_null (private_key);
  assert_int_equal (g_bytes_get_size (private_key), 34);
  bytes = g_bytes_get_data (private_key, NULL);
  assert_int_equal (bytes[0], 0x80);
  assert_int_equal (bytes[1], 0x26);

  issuer = sig_issuer_new_from_seed (bytes + 2, SIG_ISSUER_KIND_ORGANISATION, "W3C");
  assert_string_equal (sig_issuer_get_did (issuer),
                       "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");
}

static void
test_did_key_rejects (void **state)
{
  guint8 key[32];
  g_autofree char *leading_one = g_strconcat ("did:key:z1", RFC8032_TEST1_DID + strlen ("did:key:z"), NULL);

  assert_false (sig_did_key_to_public_key ("did:web:example.org", key));
  assert_false (sig_did_key_to_public_key ("did:key:", key));
  assert_false (sig_did_key_to_public_key ("did:key:z", key));
  assert_false (sig_did_key_to_public_key ("did:key:6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw", key));
  /* one character short, one changed */
  assert_false (sig_did_key_to_public_key ("did:key:z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMs", key));
  assert_false (sig_did_key_to_public_key ("did:key:z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMM0w", key));
  /* a secp256k1 key (multicodec 0xe7) */
  assert_false (sig_did_key_to_public_key ("did:key:zQ3sgm26Cgy2pUboKwkFQgXEdm4gmbTpnVFN8V1QhP6eBiCYf", key));
  /* a non-canonical encoding with an extra leading zero byte */
  assert_false (sig_did_key_to_public_key (leading_one, key));
  assert_false (sig_did_key_to_public_key (NULL, key));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_base58_examples),
    cmocka_unit_test (test_base58_rejects),
    cmocka_unit_test (test_random_round_trips),
    cmocka_unit_test (test_did_key_rfc8032_test1),
    cmocka_unit_test (test_did_key_w3c_key_pair),
    cmocka_unit_test (test_did_key_rejects),
  };

  return cmocka_run_group_tests_name ("did-key", tests, NULL, NULL);
}
