/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: any bytes as a packed course (.signaal) going through what
 * an import checks before it installs one: the envelope is read (the course
 * with its scenarios and media inline), it must be a packed course, and the
 * course must pass lint against the catalogue and the real helplines. Each step
 * either passes or says why not. */
#include <stddef.h>
#include <stdint.h>

#include "sig-catalog.h"
#include "sig-diagnostic.h"
#include "sig-helplines.h"
#include "sig-lint.h"
#include "sig-loader.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static SigCatalog *catalog;
static SigHelplines *helplines;

/* The checks of an import, in order; a check of the package's signature
 * block goes first here, as one more call. */
static SigCourse *
check_package (GBytes  *bytes,
               GError **error)
{
  g_autoptr(SigCourse) course = NULL;
  g_autoptr(SigScenario) scenario = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  SigDocumentKind kind;

  if (!sig_loader_load_bytes (bytes, "fuzz/course.signaal", NULL, &kind, &course, &scenario, error))
    return NULL;
  if (course == NULL || !course->packed)
    {
      g_set_error_literal (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_UNSUPPORTED, "not a packed course");
      return NULL;
    }
  diagnostics = sig_lint_course (course, catalog, helplines);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      SigDiagnostic *diagnostic = diagnostics->pdata[i];
      g_autofree char *line = sig_diagnostic_format (diagnostic);

      g_assert (line != NULL);
    }
  return g_steal_pointer (&course);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigCourse) course = NULL;

  if (catalog == NULL)
    {
      g_autoptr(GError) helplines_error = NULL;

      catalog = sig_catalog_new ();
      helplines = sig_helplines_load (FUZZ_SOURCE_DIR "/content/helplines.xml", &helplines_error);
      if (helplines == NULL)
        g_error ("%s", helplines_error->message);
    }
  course = check_package (bytes, &error);
  if (course == NULL)
    g_assert (error != NULL && error->message != NULL);
  else
    g_assert (error == NULL);
  return 0;
}
