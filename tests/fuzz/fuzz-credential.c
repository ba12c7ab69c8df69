/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: any bytes as a certificate (an Open Badges credential)
 * through the verifier: JSON, JCS canonicalisation, did:key, the proof and the
 * dates, and the verification code. Each must give a result with a reason and
 * a message, never crash. */
#include <stddef.h>
#include <stdint.h>

#include "sig-credential.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* a fixed clock: the same input always takes the same path */
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 1, 15, 12, 0, 0);
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *code = NULL;
  SigVerification *verification;

  /* with the length (embedded NULs reach the parser) and NUL-terminated */
  for (guint i = 0; i < 2; i++)
    {
      verification = sig_credential_verify (i == 0 ? (const char *) data : text,
                                            i == 0 ? (gssize) size : -1,
                                            i == 0 ? NULL : "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
                                            now);
      g_assert (verification != NULL);
      g_assert (verification->message != NULL);
      g_assert ((verification->status == SIG_VERIFICATION_VALID) == (verification->reason == SIG_VERIFICATION_REASON_NONE));
      sig_verification_free (verification);
    }
  code = sig_credential_verification_code ((const char *) data, (gssize) size, NULL);
  return 0;
}
