/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cheap reads for a screen that must show at once: the library as the index
 * rows hold it (no file is opened or looked at), and the courses a learner
 * worked on last. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sig-store-private.h"

/* Like best_entry() in sig-store-library.c: the newest version per id; a
 * user-installed copy wins over a bundled one of the same version. */
static gboolean
better_entry (SigLibraryCourse *entry,
              SigLibraryCourse *best)
{
  int cmp = sig_version_compare (sig_library_course_get_version (entry), sig_library_course_get_version (best));

  return cmp > 0 || (cmp == 0 && sig_library_course_get_bundled (best) && !sig_library_course_get_bundled (entry));
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return g_strcmp0 (sig_library_course_get_id (*(SigLibraryCourse **) a),
                    sig_library_course_get_id (*(SigLibraryCourse **) b));
}

/* Reads the index rows: @entries gets every row (as store->library holds
 * them), the result the best entry per course, by id. NULL with an empty
 * @entries when the index was never filled. */
static GPtrArray *
read_index (SigStore   *store,
            GPtrArray  *entries,
            GError    **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) best = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer value;
  sqlite3_stmt *stmt;
  int rc;

  stmt = sig_store_prepare (store, "SELECT path, bundled, info FROM library", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SigLibraryCourse *entry = sig_library_course_new_from_info (sig_store_column_text (stmt, 0),
                                                                  sqlite3_column_int (stmt, 1),
                                                                  sig_store_column_text (stmt, 2));
      SigLibraryCourse *current;

      if (entry == NULL)
        continue;
      g_ptr_array_add (entries, entry);
      current = g_hash_table_lookup (best, sig_library_course_get_id (entry));
      if (current == NULL || better_entry (entry, current))
        g_hash_table_replace (best, (gpointer) sig_library_course_get_id (entry), entry);
    }
  sqlite3_reset (stmt);
  /* The pages just read are not needed again soon: a library of a thousand
   * courses would otherwise keep about a megabyte of them. */
  sqlite3_db_release_memory (store->db);
  if (rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "library", error);
      return NULL;
    }
  g_hash_table_iter_init (&iter, best);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (list, g_object_ref (value));
  g_ptr_array_sort (list, compare_ids);
  return g_steal_pointer (&list);
}

/* What this connection shows from now on, without looking at every file
 * again on the first sig_store_get_library_course(). */
static void
adopt_entries (SigStore  *store,
               GPtrArray *entries)
{
  g_clear_pointer (&store->library, g_ptr_array_unref);
  store->library = g_ptr_array_ref (entries);
}

GPtrArray *
sig_store_list_index (SigStore  *store,
                      GError   **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (SIG_IS_STORE (store), NULL);

  /* A store that cannot write keeps no index of its own: look at the files. */
  if (store->read_only)
    return sig_store_list_library (store, error);
  if ((list = read_index (store, entries, error)) == NULL)
    return NULL;
  /* An index never filled (the first start): look at the files once. */
  if (entries->len == 0)
    return sig_store_list_library (store, error);
  adopt_entries (store, entries);
  return g_steal_pointer (&list);
}

typedef struct {
  char *path;
  GPtrArray *entries;
  GPtrArray *list;
} IndexData;

static void
index_data_free (IndexData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->entries, g_ptr_array_unref);
  g_clear_pointer (&data->list, g_ptr_array_unref);
  g_free (data);
}

static void
read_index_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  IndexData *data = task_data;
  g_autoptr(SigStore) store = NULL;
  GError *error = NULL;

  /* Its own connection: a store is used from one thread at a time. */
  store = sig_store_open (data->path, SIG_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data->entries = g_ptr_array_new_with_free_func (g_object_unref);
  if (!store->read_only && (data->list = read_index (store, data->entries, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
sig_store_list_index_async (SigStore            *store,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  IndexData *data;

  g_return_if_fail (SIG_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, sig_store_list_index_async);
  data = g_new0 (IndexData, 1);
  data->path = g_strdup (store->path);
  g_task_set_task_data (task, data, (GDestroyNotify) index_data_free);
  /* A store kept in memory (a read-only copy) is not there for another
   * connection: it is read here. */
  if (store->read_only || store->in_memory_copy || store->path == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_task_run_in_thread (task, read_index_thread);
}

GPtrArray *
sig_store_list_index_finish (SigStore      *store,
                             GAsyncResult  *result,
                             GError       **error)
{
  IndexData *data;

  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  data = g_task_get_task_data (G_TASK (result));
  if (data->list == NULL || data->entries->len == 0)
    return sig_store_list_index (store, error);
  adopt_entries (store, data->entries);
  return g_ptr_array_ref (data->list);
}

char **
sig_store_list_recent_courses (SigStore    *store,
                               const char  *profile_id,
                               guint        max,
                               GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SIG_IS_STORE (store), NULL);
  g_return_val_if_fail (profile_id != NULL, NULL);

  /* The newest events only (walked backwards by their key): the cost does
   * not grow with the history. */
  stmt = sig_store_prepare (store,
                            "SELECT course_id FROM events WHERE profile_id = ? "
                            "ORDER BY id DESC LIMIT 500", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  while (g_hash_table_size (seen) < max && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *course_id = sig_store_column_text (stmt, 0);

      if (course_id == NULL || g_hash_table_contains (seen, course_id))
        continue;
      g_hash_table_add (seen, g_strdup (course_id));
      g_strv_builder_add (builder, course_id);
    }
  if (g_hash_table_size (seen) >= max)
    rc = SQLITE_DONE;
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "progress", error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

char *
sig_store_get_index_stamp (SigStore  *store,
                           GError   **error)
{
  sqlite3_stmt *stmt;
  char *stamp;
  int rc;

  g_return_val_if_fail (SIG_IS_STORE (store), NULL);

  /* A row written (new, or a changed file) gets a new "indexed" time; a
   * file gone takes its row with it. */
  stmt = sig_store_prepare (store, "SELECT COUNT(*), TOTAL(indexed) FROM library", error);
  if (stmt == NULL)
    return NULL;
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      sig_store_set_sqlite_error (store, rc, "library", error);
      return NULL;
    }
  stamp = g_strdup_printf ("%" G_GINT64_FORMAT ":%.0f", (gint64) sqlite3_column_int64 (stmt, 0), sqlite3_column_double (stmt, 1));
  sqlite3_reset (stmt);
  return stamp;
}
