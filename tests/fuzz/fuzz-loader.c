/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: any bytes through the loader, as a plain course file and as
 * a packed one. The loader must either build a model or return an error. */
#include <stddef.h>
#include <stdint.h>

#include "sig-lint.h"
#include "sig-loader.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *names[] = { "fuzz/course.xml", "fuzz/course.signaal" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (data, size);
      g_autoptr(GError) error = NULL;
      g_autoptr(SigCourse) course = NULL;
      g_autoptr(SigScenario) scenario = NULL;
      SigDocumentKind kind;

      if (sig_loader_load_bytes (bytes, names[i], NULL, &kind, &course, &scenario, &error))
        {
          /* a loaded model must survive lint as well */
          g_autoptr(GPtrArray) diagnostics = scenario != NULL ? sig_lint_scenario (scenario, NULL)
                                                              : sig_lint_course (course, NULL, NULL);
          g_assert (error == NULL);
        }
      else
        g_assert (error != NULL && error->message != NULL);
    }
  return 0;
}
