/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: any bytes as the contents of a key file (the GKeyFile an
 * issuer key is kept in) through the reader that sig_issuer_new_from_key_file()
 * uses once it has read the file. It must give a key or an error. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sig-issuer-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* the reader gets a NUL-terminated buffer, as from sig_file_read_fd() */
  g_autofree char *contents = g_malloc (size + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigIssuer) issuer = NULL;

  memcpy (contents, data, size);
  contents[size] = '\0';
  issuer = sig_issuer_new_from_key_data ("fuzz/issuer.key", contents, size, &error);
  if (issuer != NULL)
    {
      g_assert (error == NULL);
      g_assert (g_str_has_prefix (sig_issuer_get_did (issuer), "did:key:z6Mk"));
    }
  else
    g_assert (error != NULL && error->message != NULL);
  return 0;
}
