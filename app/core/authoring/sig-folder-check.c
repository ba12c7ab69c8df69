/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "sig-engine.h"
#include "sig-folder-check.h"
#include "sig-lint.h"

/* A path that cannot be canonicalised (gone meanwhile) compares as written. */
static char *
canonical_path (const char *path)
{
  g_autofree char *real = path != NULL ? realpath (path, NULL) : NULL;

  return real != NULL ? g_strdup (real) : g_strdup (path);
}

static gboolean
same_file (const char *a,
           const char *b)
{
  g_autofree char *ca = canonical_path (a);
  g_autofree char *cb = canonical_path (b);

  return g_strcmp0 (ca, cb) == 0;
}

static void
add_all (GPtrArray *to,
         GPtrArray *from)
{
  for (guint i = 0; i < from->len; i++)
    sig_diagnostics_add_unique (to, g_steal_pointer (&from->pdata[i]));
}

SigFolderCheck *
sig_folder_check (const char         *dir,
                  const SigHelplines *helplines)
{
  g_autoptr(SigFolderCheck) check = g_new0 (SigFolderCheck, 1);
  g_autofree char *course_xml = g_build_filename (dir, "course.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lint = g_ptr_array_new_with_free_func ((GDestroyNotify) sig_diagnostic_free);

  check->dir = g_strdup (dir);
  check->catalog = sig_catalog_new ();
  check->diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) sig_diagnostic_free);
  if (!g_file_test (course_xml, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *message = g_strdup (_("This folder has no course.xml. Choose the folder that holds your course.xml, or start one as the course format guide shows."));

      g_ptr_array_add (check->diagnostics, sig_diagnostic_new (dir, 0, 0, SIG_SEVERITY_ERROR, message));
      return g_steal_pointer (&check);
    }
  if (!sig_catalog_add_path (check->catalog, dir, &error))
    {
      g_ptr_array_add (check->diagnostics, sig_diagnostic_new_from_error (error, dir));
      return g_steal_pointer (&check);
    }
  for (guint i = 0; i < sig_catalog_get_n (check->catalog); i++)
    {
      SigCatalogEntry *entry = sig_catalog_get (check->catalog, i);
      g_autoptr(GPtrArray) diagnostics = NULL;

      if (entry->error != NULL)
        {
          g_ptr_array_add (check->diagnostics, sig_diagnostic_new_from_error (entry->error, entry->path));
          continue;
        }
      if (entry->course != NULL && check->course == NULL)
        check->course = sig_course_ref (entry->course);
      diagnostics = entry->course != NULL ? sig_lint_course (entry->course, check->catalog, helplines)
                                          : sig_lint_scenario (entry->scenario, helplines);
      add_all (lint, diagnostics);
    }
  /* What does not load explains much of what lint says after it. */
  add_all (check->diagnostics, lint);
  return g_steal_pointer (&check);
}

void
sig_folder_check_free (SigFolderCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->dir);
  g_clear_pointer (&check->course, sig_course_unref);
  g_clear_pointer (&check->catalog, sig_catalog_free);
  g_clear_pointer (&check->diagnostics, g_ptr_array_unref);
  g_free (check);
}

void
sig_subject_clear (SigSubject *subject)
{
  g_clear_pointer (&subject->scenario_id, g_free);
  g_clear_pointer (&subject->node_id, g_free);
  subject->kind = SIG_SUBJECT_NONE;
}

/* The module and item of the course file that start last at or before @line. */
static gboolean
locate_in_course (SigCourse  *course,
                  guint       line,
                  SigSubject *subject)
{
  int module_index = -1;
  SigModule *module;

  for (guint i = 0; i < course->modules->len; i++)
    if (((SigModule *) course->modules->pdata[i])->line <= line)
      module_index = i;
  if (module_index < 0)
    {
      /* Before the modules: a question of the knowledge check, or the header. */
      for (guint i = 0; i < course->knowledge_check->len; i++)
        if (((SigQuestion *) course->knowledge_check->pdata[i])->line <= line)
          {
            subject->kind = SIG_SUBJECT_CHECK;
            subject->item_index = i;
          }
      return subject->kind == SIG_SUBJECT_CHECK;
    }
  module = course->modules->pdata[module_index];
  subject->kind = SIG_SUBJECT_MODULE;
  subject->module_index = module_index;
  for (guint i = 0; i < module->items->len; i++)
    if (((SigModuleItem *) module->items->pdata[i])->line <= line)
      {
        subject->kind = SIG_SUBJECT_ITEM;
        subject->item_index = i;
      }
  return TRUE;
}

/* The first module item that plays scenario @id. */
static gboolean
find_scenario_item (SigCourse  *course,
                    const char *id,
                    guint      *module_index,
                    guint      *item_index)
{
  for (guint i = 0; i < course->modules->len; i++)
    {
      SigModule *module = course->modules->pdata[i];

      for (guint j = 0; j < module->items->len; j++)
        {
          SigModuleItem *item = module->items->pdata[j];

          if (item->kind == SIG_ITEM_SCENARIO && g_strcmp0 (item->scenario_ref, id) == 0)
            {
              *module_index = i;
              *item_index = j;
              return TRUE;
            }
        }
    }
  return FALSE;
}

static gboolean
locate_in_scenario (SigCourse   *course,
                    SigScenario *scenario,
                    guint        line,
                    SigSubject  *subject)
{
  const char *target = NULL;
  guint target_line = 0;

  if (!find_scenario_item (course, scenario->id, &subject->module_index, &subject->item_index))
    return FALSE;
  subject->kind = SIG_SUBJECT_ITEM;
  for (guint i = 0; i < scenario->nodes->len; i++)
    {
      SigNode *node = scenario->nodes->pdata[i];

      if (node->line <= line && node->line >= target_line)
        {
          target = node->id;
          target_line = node->line;
        }
    }
  for (guint i = 0; i < scenario->endings->len; i++)
    {
      SigEnding *ending = scenario->endings->pdata[i];

      if (ending->line <= line && ending->line >= target_line)
        {
          target = ending->id;
          target_line = ending->line;
        }
    }
  if (target != NULL)
    {
      subject->kind = SIG_SUBJECT_NODE;
      subject->scenario_id = g_strdup (scenario->id);
      subject->node_id = g_strdup (target);
    }
  return TRUE;
}

gboolean
sig_folder_check_locate (SigFolderCheck      *check,
                         const SigDiagnostic *diagnostic,
                         SigSubject          *subject)
{
  g_return_val_if_fail (check != NULL && diagnostic != NULL && subject != NULL, FALSE);

  *subject = (SigSubject) { SIG_SUBJECT_NONE, 0, 0, NULL, NULL };
  if (check->course == NULL || diagnostic->line == 0 || diagnostic->file == NULL)
    return FALSE;
  if (check->course->path != NULL && same_file (diagnostic->file, check->course->path))
    return locate_in_course (check->course, diagnostic->line, subject);
  for (guint i = 0; i < sig_catalog_get_n (check->catalog); i++)
    {
      SigCatalogEntry *entry = sig_catalog_get (check->catalog, i);

      if (entry->scenario != NULL && same_file (diagnostic->file, entry->path))
        return locate_in_scenario (check->course, entry->scenario, diagnostic->line, subject);
    }
  return FALSE;
}

/* ---- A path to a node ---------------------------------------------------- */

#define STATE_LIMIT 20000

static gboolean
engine_is_at (const SigEngine *engine,
              const char      *target_id)
{
  const SigNode *node = sig_engine_get_node (engine);
  const SigEnding *ending = sig_engine_get_ending (engine);
  const GPtrArray *passed = sig_engine_get_passed_nodes (engine);

  if ((node != NULL && g_strcmp0 (node->id, target_id) == 0) ||
      (ending != NULL && g_strcmp0 (ending->id, target_id) == 0))
    return TRUE;
  for (guint i = 0; passed != NULL && i < passed->len; i++)
    if (g_strcmp0 (((const SigNode *) passed->pdata[i])->id, target_id) == 0)
      return TRUE;
  return FALSE;
}

char *
sig_scenario_state_at (SigScenario *scenario,
                       const char  *persona_id,
                       const char  *target_id)
{
  g_autoptr(GQueue) queue = g_queue_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  SigEngine *start;
  char *found = NULL;

  g_return_val_if_fail (scenario != NULL && target_id != NULL, NULL);

  if (persona_id == NULL && scenario->personas->len > 0)
    persona_id = ((SigPersona *) scenario->personas->pdata[0])->id;
  if ((start = sig_engine_new (scenario, persona_id, NULL)) == NULL)
    return NULL;
  g_queue_push_tail (queue, start);
  g_hash_table_add (seen, sig_engine_state_key (start));
  /* Breadth first: the first state found is one of the shortest paths. */
  while (found == NULL && !g_queue_is_empty (queue))
    {
      g_autoptr(SigEngine) engine = g_queue_pop_head (queue);
      g_autoptr(GPtrArray) choices = NULL;

      if (engine_is_at (engine, target_id))
        {
          found = sig_engine_serialize (engine);
          break;
        }
      if (sig_engine_get_status (engine) != SIG_ENGINE_AT_DECISION)
        continue;
      choices = sig_engine_get_choices (engine);
      for (guint i = 0; choices != NULL && i < choices->len; i++)
        {
          g_autoptr(SigEngine) next = sig_engine_copy (engine);

          if (!sig_engine_choose (next, ((SigChoice *) choices->pdata[i])->id, NULL))
            continue;
          if (g_hash_table_size (seen) >= STATE_LIMIT ||
              !g_hash_table_add (seen, sig_engine_state_key (next)))
            continue;
          g_queue_push_tail (queue, g_steal_pointer (&next));
        }
    }
  g_queue_free_full (g_steal_pointer (&queue), (GDestroyNotify) sig_engine_free);
  return found;
}
