/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How long loading (parse, schema, model) and lint take for each course and
 * scenario under the given paths. Median of 21 runs each. Prints milliseconds. */
#include <stdio.h>

#include "sig-catalog.h"
#include "sig-lint.h"

#define RUNS 21

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SigCatalog) catalog = sig_catalog_new ();
  g_autofree char *helplines_path = sig_helplines_default_path ();
  g_autoptr(SigHelplines) helplines = sig_helplines_load (helplines_path, NULL);

  for (int i = 1; i < argc; i++)
    sig_catalog_add_path (catalog, argv[i], NULL);
  printf ("%-60s %10s %10s\n", "file", "load ms", "lint ms");
  for (guint i = 0; i < sig_catalog_get_n (catalog); i++)
    {
      SigCatalogEntry *entry = sig_catalog_get (catalog, i);
      g_autoptr(GArray) load = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) lint = g_array_new (FALSE, FALSE, sizeof (double));

      if (entry->error != NULL)
        continue;
      for (guint run = 0; run < RUNS; run++)
        {
          SigDocumentKind kind;
          SigCourse *course = NULL;
          SigScenario *scenario = NULL;
          gint64 start = g_get_monotonic_time ();
          double ms;
          GPtrArray *diagnostics;

          sig_loader_load (entry->path, &kind, &course, &scenario, NULL);
          ms = (g_get_monotonic_time () - start) / 1000.0;
          g_array_append_val (load, ms);
          start = g_get_monotonic_time ();
          diagnostics = course != NULL ? sig_lint_course (course, catalog, helplines)
                                       : sig_lint_scenario (scenario, helplines);
          ms = (g_get_monotonic_time () - start) / 1000.0;
          g_array_append_val (lint, ms);
          g_ptr_array_unref (diagnostics);
          g_clear_pointer (&course, sig_course_unref);
          g_clear_pointer (&scenario, sig_scenario_unref);
        }
      printf ("%-60s %10.2f %10.2f\n", entry->path, median (load), median (lint));
    }
  return 0;
}
