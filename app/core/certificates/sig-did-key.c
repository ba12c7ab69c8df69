/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "sig-did-key.h"

static const char base58_alphabet[] =
  "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/* Inputs here are keys and signatures; anything longer is not one of ours. */
#define MAX_BASE58_CHARS 256
#define MAX_BASE58_BYTES 128

/**
 * sig_base58btc_encode:
 *
 * Base58 with the Bitcoin alphabet: every leading zero byte becomes a '1', the rest
 * is the big-endian number written in base 58.
 *
 * Returns: (transfer full): the encoding
 */
char *
sig_base58btc_encode (const guint8 *data,
                      gsize         length)
{
  gsize zeros = 0;
  gsize size;
  g_autofree guint8 *digits = NULL;
  gsize high;
  GString *out;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (length <= MAX_BASE58_BYTES, NULL);

  while (zeros < length && data[zeros] == 0)
    zeros++;

  /* log(256) / log(58) < 1.37 */
  size = (length - zeros) * 137 / 100 + 1;
  digits = g_new0 (guint8, size);
  high = size;

  for (gsize i = zeros; i < length; i++)
    {
      guint carry = data[i];
      gsize j = size;

      while (j > 0 && (j > high || carry != 0))
        {
          j--;
          carry += 256u * digits[j];
          digits[j] = carry % 58;
          carry /= 58;
        }
      high = j;
    }

  out = g_string_sized_new (zeros + size + 1);
  for (gsize i = 0; i < zeros; i++)
    g_string_append_c (out, '1');

  {
    gsize i = 0;

    while (i < size && digits[i] == 0)
      i++;
    for (; i < size; i++)
      g_string_append_c (out, base58_alphabet[digits[i]]);
  }
  return g_string_free (out, FALSE);
}

/**
 * sig_base58btc_decode:
 *
 * Returns: (transfer full) (nullable): the bytes, or %NULL if @text is empty, too
 *   long or has a character outside the base58btc alphabet.
 */
GBytes *
sig_base58btc_decode (const char *text,
                      gssize      length)
{
  gsize len = length < 0 ? strlen (text) : (gsize) length;
  gsize zeros = 0;
  gsize size;
  g_autofree guint8 *bytes = NULL;
  gsize high;
  gsize start;
  guint8 *result;

  if (len == 0 || len > MAX_BASE58_CHARS)
    return NULL;

  while (zeros < len && text[zeros] == '1')
    zeros++;

  /* log(58) / log(256) < 0.733 */
  size = (len - zeros) * 733 / 1000 + 1;
  bytes = g_new0 (guint8, size);
  high = size;

  for (gsize i = zeros; i < len; i++)
    {
      const char *pos = text[i] != '\0' ? strchr (base58_alphabet, text[i]) : NULL;
      guint carry;
      gsize j = size;

      if (pos == NULL)
        return NULL;
      carry = (guint) (pos - base58_alphabet);

      while (j > 0 && (j > high || carry != 0))
        {
          j--;
          carry += 58u * bytes[j];
          bytes[j] = carry & 0xff;
          carry >>= 8;
        }
      high = j;
    }

  start = 0;
  while (start < size && bytes[start] == 0)
    start++;

  result = g_malloc (zeros + (size - start) + 1);
  memset (result, 0, zeros);
  memcpy (result + zeros, bytes + start, size - start);
  return g_bytes_new_take (result, zeros + (size - start));
}

/* Multibase, base58btc only: 'z' followed by base58btc. */
char *
sig_multibase_encode (const guint8 *data,
                      gsize         length)
{
  g_autofree char *b58 = sig_base58btc_encode (data, length);

  return g_strconcat ("z", b58, NULL);
}

GBytes *
sig_multibase_decode (const char *text)
{
  if (text == NULL || text[0] != 'z')
    return NULL;
  return sig_base58btc_decode (text + 1, -1);
}

/**
 * sig_did_key_from_public_key:
 * @public_key: an Ed25519 public key
 *
 * Returns: (transfer full): "did:key:z6Mk..."
 */
char *
sig_did_key_from_public_key (const guint8 public_key[SIG_ED25519_PUBLIC_KEY_BYTES])
{
  guint8 buffer[2 + SIG_ED25519_PUBLIC_KEY_BYTES] = { 0xed, 0x01 };
  g_autofree char *multibase = NULL;

  memcpy (buffer + 2, public_key, SIG_ED25519_PUBLIC_KEY_BYTES);
  multibase = sig_multibase_encode (buffer, sizeof buffer);
  return g_strconcat ("did:key:", multibase, NULL);
}

/**
 * sig_did_key_to_public_key:
 * @did: a DID
 * @public_key: (out caller-allocates): the Ed25519 public key
 *
 * Returns: %TRUE if @did is a did:key of an Ed25519 public key, written exactly as
 *   sig_did_key_from_public_key() writes it (so one key has one DID)
 */
gboolean
sig_did_key_to_public_key (const char *did,
                           guint8      public_key[SIG_ED25519_PUBLIC_KEY_BYTES])
{
  g_autoptr(GBytes) decoded = NULL;
  const guint8 *data;
  gsize size;
  g_autofree char *again = NULL;

  if (did == NULL || !g_str_has_prefix (did, "did:key:"))
    return FALSE;

  decoded = sig_multibase_decode (did + strlen ("did:key:"));
  if (decoded == NULL)
    return FALSE;

  data = g_bytes_get_data (decoded, &size);
  if (size != 2 + SIG_ED25519_PUBLIC_KEY_BYTES || data[0] != 0xed || data[1] != 0x01)
    return FALSE;

  /* Leading '1's would decode to extra zero bytes and fail the size check, so the
   * encoding is canonical; check anyway rather than rely on that argument. */
  again = sig_did_key_from_public_key (data + 2);
  if (strcmp (again, did) != 0)
    return FALSE;

  memcpy (public_key, data + 2, SIG_ED25519_PUBLIC_KEY_BYTES);
  return TRUE;
}

/**
 * sig_did_key_verification_method:
 * @did: a did:key
 *
 * Returns: (transfer full): the id of the key's verification method,
 *   "did:key:z6Mk...#z6Mk..."
 */
char *
sig_did_key_verification_method (const char *did)
{
  g_return_val_if_fail (g_str_has_prefix (did, "did:key:"), NULL);

  return g_strdup_printf ("%s#%s", did, did + strlen ("did:key:"));
}
