/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "sig-catalog.h"
#include "sig-suggest.h"
#include "sig-helplines.h"

struct _SigCatalog
{
  GPtrArray *entries;        /* SigCatalogEntry* */
  GHashTable *seen;          /* canonical paths already added */
  GHashTable *side_loaded;   /* path -> SigScenario*, loaded while resolving */
};

static void
entry_free (gpointer data)
{
  SigCatalogEntry *entry = data;

  g_free (entry->path);
  g_clear_pointer (&entry->course, sig_course_unref);
  g_clear_pointer (&entry->scenario, sig_scenario_unref);
  g_clear_error (&entry->error);
  g_free (entry);
}

SigCatalog *
sig_catalog_new (void)
{
  SigCatalog *catalog = g_new0 (SigCatalog, 1);

  catalog->entries = g_ptr_array_new_with_free_func (entry_free);
  catalog->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  catalog->side_loaded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) sig_scenario_unref);
  return catalog;
}

void
sig_catalog_free (SigCatalog *catalog)
{
  if (catalog == NULL)
    return;
  g_ptr_array_unref (catalog->entries);
  g_hash_table_unref (catalog->seen);
  g_hash_table_unref (catalog->side_loaded);
  g_free (catalog);
}

static void
add_file (SigCatalog *catalog,
          const char *path)
{
  SigCatalogEntry *entry;
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);

  if (!g_hash_table_add (catalog->seen, g_steal_pointer (&canonical)))
    return;
  entry = g_new0 (SigCatalogEntry, 1);
  entry->path = g_strdup (path);
  sig_loader_load (path, &entry->kind, &entry->course, &entry->scenario, &entry->error);
  g_ptr_array_add (catalog->entries, entry);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static void
add_folder (SigCatalog *catalog,
            const char *path,
            guint       depth)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *course_xml = g_build_filename (path, "course.xml", NULL);
  const char *name;

  if (depth > 16)
    return;
  /* An authoring folder: its course.xml is the course, scenarios/ holds its scenarios. */
  if (g_file_test (course_xml, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *scenarios = g_build_filename (path, "scenarios", NULL);

      add_file (catalog, path);
      if (g_file_test (scenarios, G_FILE_TEST_IS_DIR))
        add_folder (catalog, scenarios, depth + 1);
      return;
    }
  if ((dir = g_dir_open (path, 0, NULL)) == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      const char *child_name = names->pdata[i];
      g_autofree char *child = g_build_filename (path, child_name, NULL);

      if (child_name[0] == '.' || g_str_equal (child_name, "schema") || g_str_equal (child_name, "media"))
        continue;
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        add_folder (catalog, child, depth + 1);
      else if ((g_str_has_suffix (child_name, ".xml") && !g_str_equal (child_name, "helplines.xml")) ||
               g_str_has_suffix (child_name, ".signaal"))
        add_file (catalog, child);
    }
}

gboolean
sig_catalog_add_path (SigCatalog  *catalog,
                      const char  *path,
                      GError     **error)
{
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("%s: error: No such file or folder. Check the path."), path);
      return FALSE;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    add_folder (catalog, path, 0);
  else
    add_file (catalog, path);
  return TRUE;
}

guint
sig_catalog_get_n (SigCatalog *catalog)
{
  return catalog->entries->len;
}

SigCatalogEntry *
sig_catalog_get (SigCatalog *catalog,
                 guint       i)
{
  g_return_val_if_fail (i < catalog->entries->len, NULL);
  return catalog->entries->pdata[i];
}

static SigScenario *
load_beside (SigCatalog  *catalog,
             const char  *path,
             GError     **error)
{
  SigScenario *scenario;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  if ((scenario = g_hash_table_lookup (catalog->side_loaded, path)) != NULL)
    return scenario;
  if ((scenario = sig_loader_load_scenario (path, error)) == NULL)
    return NULL;
  g_hash_table_insert (catalog->side_loaded, g_strdup (path), scenario);
  return scenario;
}

/* " Did you mean “X”?" for the scenario ids that could be meant: the
 * files in the scenarios folders looked in, and the scenarios of the catalog. */
static char *
scenario_suggestion (SigCatalog *catalog,
                     SigCourse  *course,
                     const char *id)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_free);

  if (course->base_dir != NULL)
    g_ptr_array_add (folders, g_build_filename (course->base_dir, "scenarios", NULL));
  g_ptr_array_add (folders, g_build_filename (sig_data_dir (), "scenarios", NULL));
  for (guint i = 0; i < folders->len; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (folders->pdata[i], 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".xml"))
          g_ptr_array_add (ids, g_strndup (name, strlen (name) - 4));
    }
  for (guint i = 0; catalog != NULL && i < catalog->entries->len; i++)
    {
      SigCatalogEntry *entry = catalog->entries->pdata[i];

      if (entry->scenario != NULL)
        g_ptr_array_add (ids, g_strdup (entry->scenario->id));
    }
  g_ptr_array_sort (ids, compare_names);
  return sig_did_you_mean (sig_suggest (id, (const char * const *) ids->pdata, ids->len));
}

SigScenario *
sig_catalog_resolve_scenario (SigCatalog *catalog,
                              SigCourse  *course,
                              const char *id,
                              GError    **error)
{
  return sig_catalog_resolve_scenario_with_cause (catalog, course, id, NULL, error);
}

SigScenario *
sig_catalog_resolve_scenario_with_cause (SigCatalog *catalog,
                                         SigCourse  *course,
                                         const char *id,
                                         GError    **cause,
                                         GError    **error)
{
  g_autofree char *file_name = g_strconcat (id, ".xml", NULL);
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);
  SigScenario *scenario;

  if ((scenario = sig_course_find_scenario (course, id)) != NULL)
    return scenario;
  for (guint i = 0; catalog != NULL && i < catalog->entries->len; i++)
    {
      SigCatalogEntry *entry = catalog->entries->pdata[i];

      if (entry->scenario != NULL && g_str_equal (entry->scenario->id, id))
        return entry->scenario;
    }
  if (course->base_dir != NULL)
    {
      g_ptr_array_add (candidates, g_build_filename (course->base_dir, "scenarios", file_name, NULL));
      g_ptr_array_add (candidates, g_build_filename (course->base_dir, "..", "..", "scenarios", file_name, NULL));
    }
  g_ptr_array_add (candidates, g_build_filename (sig_data_dir (), "scenarios", file_name, NULL));
  for (guint i = 0; i < candidates->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if ((scenario = load_beside (catalog, candidates->pdata[i], &local_error)) != NULL)
        {
          if (g_str_equal (scenario->id, id))
            return scenario;
          g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_INVALID,
                       _("The scenario file %s has the id “%s”, not “%s”. A scenario's id must be its file name without “.xml”."),
                       (const char *) candidates->pdata[i], scenario->id, id);
          return NULL;
        }
      else if (local_error != NULL)
        {
          /* with its cause: the scenario file's own problem and line */
          g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_INVALID,
                       _("The scenario “%s” cannot be loaded because of a problem in its file: %s"),
                       id, local_error->message);
          g_propagate_error (cause, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  {
    g_autofree char *hint = scenario_suggestion (catalog, course, id);

    g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_INVALID,
                 _("The scenario “%s” cannot be found.%s Put %s in the scenarios folder beside the course, or check the id."),
                 id, hint, file_name);
  }
  return NULL;
}
