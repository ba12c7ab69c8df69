/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Prepares a progress store for the screenshots (tests/ui/screenshots.sh): a
 * learner, chosen as the current profile, who passed some courses with the
 * best answers and recommended choices, DAYS days ago.
 *   sig-ui-prepare-store NAME CERTIFICATE-NAME SECTOR [COURSE-ID:DAYS ...]
 * Uses the default store ($XDG_DATA_HOME/signaal/progress.db) and the courses
 * of $SIGNAAL_DATA_DIR. */
#include <stdio.h>
#include <stdlib.h>

#include "sig-catalog.h"
#include "sig-engine.h"
#include "sig-scoring.h"
#include "sig-store-private.h"
#include "sig-store.h"

static gboolean
pass (SigStore    *store,
      const char  *profile_id,
      SigCourse   *course,
      GError     **error)
{
  g_autoptr(SigCatalog) catalog = sig_catalog_new ();

  for (guint m = 0; m < course->modules->len; m++)
    {
      SigModule *module = course->modules->pdata[m];

      if (!module->required)
        continue;
      for (guint i = 0; i < module->items->len; i++)
        {
          SigModuleItem *item = module->items->pdata[i];

          if (item->kind == SIG_ITEM_PAGE)
            {
              if (!sig_store_record_page_viewed (store, profile_id, course, module->id, item->page->id, error))
                return FALSE;
            }
          else if (item->kind == SIG_ITEM_QUESTION)
            {
              g_autofree char *best = sig_question_best_response (item->question);

              if (!sig_store_record_answer (store, profile_id, course, module->id, item->question->id, best, NULL, error))
                return FALSE;
            }
          else
            {
              SigScenario *scenario = sig_catalog_resolve_scenario (catalog, course, item->scenario_ref, error);
              g_autoptr(SigEngine) engine = NULL;

              if (scenario == NULL)
                return FALSE;
              if ((engine = sig_engine_new (scenario, NULL, error)) == NULL)
                return FALSE;
              while (sig_engine_get_status (engine) == SIG_ENGINE_AT_DECISION)
                {
                  g_autoptr(GPtrArray) choices = sig_engine_get_choices (engine);
                  g_autofree char *node_id = g_strdup (sig_engine_get_node (engine)->id);
                  SigChoice *chosen = choices->pdata[0];

                  for (guint c = 0; c < choices->len; c++)
                    if (((SigChoice *) choices->pdata[c])->recommended)
                      chosen = choices->pdata[c];
                  if (!sig_engine_choose (engine, chosen->id, error) ||
                      !sig_store_record_choice (store, profile_id, course, module->id, node_id, chosen->id, engine, error))
                    return FALSE;
                }
            }
        }
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStore) store = NULL;
  g_autoptr(SigProfile) profile = NULL;

  if (argc < 4)
    {
      fprintf (stderr, "usage: sig-ui-prepare-store NAME CERTIFICATE-NAME SECTOR [COURSE-ID:DAYS ...]\n");
      return 2;
    }
  store = sig_store_open (NULL, SIG_STORE_OPEN_DEFAULT, &error);
  if (store == NULL ||
      (profile = sig_store_create_profile (store, argv[1], argv[2], argv[3], "en", &error)) == NULL ||
      !sig_store_set_current_profile (store, sig_profile_get_id (profile), &error) ||
      !sig_store_refresh_library (store, &error))
    {
      fprintf (stderr, "sig-ui-prepare-store: %s\n", error->message);
      return 1;
    }
  for (int i = 4; i < argc; i++)
    {
      g_auto(GStrv) parts = g_strsplit (argv[i], ":", 2);
      g_autoptr(SigCourse) course = NULL;
      gint64 days = parts[1] != NULL ? g_ascii_strtoll (parts[1], NULL, 10) : 0;

      sig_store_set_time_for_tests (g_get_real_time () - days * G_TIME_SPAN_DAY);
      if ((course = sig_store_load_course (store, parts[0], &error)) == NULL ||
          !pass (store, sig_profile_get_id (profile), course, &error))
        {
          fprintf (stderr, "sig-ui-prepare-store: %s: %s\n", parts[0], error->message);
          return 1;
        }
      sig_store_set_time_for_tests (0);
      printf ("passed %s %" G_GINT64_FORMAT " days ago\n", parts[0], days);
    }
  return 0;
}
