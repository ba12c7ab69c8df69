/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: any bytes as the helplines data file. It must give the
 * helplines or an error, and every helpline it gives must be usable. */
#include <stddef.h>
#include <stdint.h>

#include "sig-helplines.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigHelplines) helplines = sig_helplines_load_bytes (bytes, "fuzz/helplines.xml", &error);

  if (helplines == NULL)
    {
      g_assert (error != NULL && error->message != NULL);
      return 0;
    }
  g_assert (error == NULL);
  for (guint i = 0; i < sig_helplines_get_n (helplines); i++)
    {
      const SigHelpline *helpline = sig_helplines_get (helplines, i);

      if (helpline->id != NULL)
        g_assert (sig_helplines_find (helplines, helpline->id) != NULL);
      if (helpline->name != NULL)
        (void) sig_text_get (helpline->name, "nl");
      if (helpline->description != NULL)
        (void) sig_text_get (helpline->description, "en");
      if (helpline->hours != NULL)
        (void) sig_text_get (helpline->hours, "nl");
    }
  return 0;
}
