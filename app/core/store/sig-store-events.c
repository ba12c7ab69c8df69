/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Events, attempts and everything derived from them: progress per course,
 * module and objective, pass or fail, the knowledge check, and where to
 * resume.
 *
 * An attempt (its UUID is the xAPI registration) holds the events of one go
 * through a course. sig_store_record_started() with new_attempt starts a fresh
 * one; the other record calls add to the latest attempt (making one when there
 * is none), also after it finished, so that optional modules can still be done.
 * The result of an attempt is fixed by the first "passed", "failed" or
 * "completed" event in it. A refresher (sig-store-certificates.c) adds its
 * own events to the latest attempt and leaves its result alone. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sig-store-events-private.h"
#include "sig-store-private.h"

/* ---- Reading an attempt ------------------------------------------------------ */

static void
answer_free (SigStoreAnswer *answer)
{
  g_free (answer->response);
  g_free (answer->module_id);
  g_free (answer);
}

void
sig_store_attempt_free (SigStoreAttempt *attempt)
{
  if (attempt == NULL)
    return;
  g_free (attempt->registration);
  g_free (attempt->version);
  g_hash_table_unref (attempt->answers);
  g_hash_table_unref (attempt->post_answers);
  g_hash_table_unref (attempt->pages);
  g_hash_table_unref (attempt->ended);
  g_hash_table_unref (attempt->states);
  g_hash_table_unref (attempt->modules_completed);
  g_free (attempt);
}

static char *
item_key (const char *module_id,
          const char *item_id)
{
  return g_strconcat (module_id ? module_id : "", "/", item_id ? item_id : "", NULL);
}

/* The latest attempt of @profile_id in @course_id, or NULL (with no error) when none. */
SigStoreAttempt *
sig_store_load_latest_attempt (SigStore    *store,
                               const char  *profile_id,
                               const char  *course_id,
                               GError     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *registration = NULL;
  int rc;

  stmt = sig_store_prepare (store,
                            "SELECT registration FROM attempts WHERE profile_id = ? AND course_id = ? "
                            "ORDER BY started DESC, rowid DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, course_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    registration = g_strdup (sig_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "attempt", error);
      return NULL;
    }
  if (registration == NULL)
    return NULL;
  return sig_store_load_attempt (store, registration, error);
}

SigStoreAttempt *
sig_store_load_attempt (SigStore    *store,
                        const char  *registration,
                        GError     **error)
{
  g_autoptr(SigStoreAttempt) attempt = g_new0 (SigStoreAttempt, 1);
  sqlite3_stmt *stmt;
  int rc;

  attempt->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) answer_free);
  attempt->post_answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) answer_free);
  attempt->pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  attempt->ended = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  attempt->states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  attempt->modules_completed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  attempt->result = SIG_PROGRESS_IN_PROGRESS;

  stmt = sig_store_prepare (store, "SELECT course_version, started FROM attempts WHERE registration = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, registration, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      attempt->version = g_strdup (sig_store_column_text (stmt, 0));
      attempt->started = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  attempt->registration = g_strdup (registration);

  stmt = sig_store_prepare (store,
                            "SELECT kind, module_id, item_id, response, correct, points, max_points, state, phase, time "
                            "FROM events WHERE registration = ? ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, registration, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *kind = sig_store_column_text (stmt, 0);
      const char *module_id = sig_store_column_text (stmt, 1);
      const char *item_id = sig_store_column_text (stmt, 2);
      const char *phase = sig_store_column_text (stmt, 8);

      if (g_str_equal (kind, "answered"))
        {
          SigStoreAnswer *answer = g_new0 (SigStoreAnswer, 1);

          answer->module_id = g_strdup (module_id);
          answer->response = g_strdup (sig_store_column_text (stmt, 3));
          answer->correct = sqlite3_column_int (stmt, 4);
          answer->points = sqlite3_column_double (stmt, 5);
          answer->max = sqlite3_column_double (stmt, 6);
          answer->time = sqlite3_column_int64 (stmt, 9);
          if (phase == NULL)
            {
              g_hash_table_replace (attempt->answers, g_strdup (item_id), answer);
              attempt->item_events++;
            }
          else if (g_str_equal (phase, "post"))
            g_hash_table_replace (attempt->post_answers, g_strdup (item_id), answer);
          else
            answer_free (answer);
        }
      else if (g_str_equal (kind, "page-viewed"))
        {
          g_hash_table_add (attempt->pages, item_key (module_id, item_id));
          attempt->item_events++;
        }
      else if (g_str_equal (kind, "scenario-choice"))
        {
          g_hash_table_replace (attempt->states, item_key (module_id, item_id),
                                g_strdup (sig_store_column_text (stmt, 7)));
          attempt->item_events++;
        }
      else if (g_str_equal (kind, "scenario-ended"))
        g_hash_table_replace (attempt->ended, item_key (module_id, item_id),
                              GINT_TO_POINTER ((int) sqlite3_column_double (stmt, 5) + 1));
      else if (g_str_equal (kind, "module-completed"))
        g_hash_table_add (attempt->modules_completed, g_strdup (module_id));
      else if (!attempt->finished &&
               (g_str_equal (kind, "passed") || g_str_equal (kind, "failed") || g_str_equal (kind, "completed")))
        {
          double max = sqlite3_column_double (stmt, 6);

          attempt->finished = TRUE;
          attempt->finished_at = sqlite3_column_int64 (stmt, 9);
          attempt->result = g_str_equal (kind, "passed") ? SIG_PROGRESS_PASSED
                            : g_str_equal (kind, "failed") ? SIG_PROGRESS_FAILED : SIG_PROGRESS_COMPLETED;
          attempt->result_has_score = max > 0;
          attempt->result_score = max > 0 ? 100.0 * sqlite3_column_double (stmt, 5) / max : 0;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "events", error);
      return NULL;
    }
  return g_steal_pointer (&attempt);
}

/* ---- Derived progress --------------------------------------------------------- */

void
sig_store_module_progress_free (SigModuleProgress *module)
{
  g_free (module->module_id);
  g_free (module);
}

static void
objective_progress_free (SigObjectiveProgress *objective)
{
  g_free (objective->objective_id);
  g_free (objective);
}

void
sig_course_progress_free (SigCourseProgress *progress)
{
  if (progress == NULL)
    return;
  g_free (progress->course_id);
  g_free (progress->course_version);
  g_free (progress->registration);
  g_clear_pointer (&progress->modules, g_ptr_array_unref);
  g_clear_pointer (&progress->objectives, g_ptr_array_unref);
  g_free (progress);
}

void
sig_resume_point_free (SigResumePoint *point)
{
  if (point == NULL)
    return;
  g_free (point->scenario_state);
  g_free (point->registration);
  g_free (point);
}

static double
answer_points (SigStoreAnswer *answer,
               SigQuestion    *question)
{
  return answer ? CLAMP (answer->points, 0, (double) question->points) : 0;
}

SigModuleProgress *
sig_store_module_progress (SigStoreAttempt *attempt,
                           SigModule       *module)
{
  SigModuleProgress *progress = g_new0 (SigModuleProgress, 1);

  progress->module_id = g_strdup (module->id);
  progress->required = module->required;
  for (guint i = 0; i < module->items->len; i++)
    {
      SigModuleItem *item = module->items->pdata[i];
      g_autofree char *key = NULL;

      switch (item->kind)
        {
        case SIG_ITEM_PAGE:
          progress->n_pages++;
          key = item_key (module->id, item->page->id);
          if (attempt && g_hash_table_contains (attempt->pages, key))
            progress->pages_viewed++;
          break;
        case SIG_ITEM_QUESTION:
          {
            SigStoreAnswer *answer = attempt ? g_hash_table_lookup (attempt->answers, item->question->id) : NULL;

            progress->n_questions++;
            progress->max_points += item->question->points;
            if (answer != NULL)
              {
                progress->answered++;
                progress->points += answer_points (answer, item->question);
              }
          }
          break;
        case SIG_ITEM_SCENARIO:
          progress->n_scenarios++;
          key = item_key (module->id, item->scenario_ref);
          if (attempt && g_hash_table_contains (attempt->ended, key))
            progress->scenarios_ended++;
          break;
        default:
          break;
        }
    }
  if (progress->n_questions + progress->n_scenarios > 0)
    progress->completed = progress->answered == progress->n_questions &&
                          progress->scenarios_ended == progress->n_scenarios;
  else
    progress->completed = progress->pages_viewed == progress->n_pages;
  return progress;
}

/* Percent of the required points earned by the latest answers of @attempt. */
double
sig_store_attempt_score (SigStoreAttempt *attempt,
                         SigCourse       *course,
                         gboolean        *all_required_done)
{
  guint required = sig_course_required_points (course);
  double earned = 0;
  gboolean done = TRUE;

  for (guint m = 0; m < course->modules->len; m++)
    {
      SigModule *module = course->modules->pdata[m];
      g_autoptr(SigModuleProgress) progress = NULL;

      if (!module->required)
        continue;
      progress = sig_store_module_progress (attempt, module);
      earned += progress->points;
      done &= progress->completed;
    }
  if (all_required_done)
    *all_required_done = done;
  return required > 0 ? 100.0 * earned / required : 100.0;
}

static double
check_score (GHashTable *answers,
             SigCourse  *course)
{
  double earned = 0, max = 0;

  for (guint i = 0; i < course->knowledge_check->len; i++)
    {
      SigQuestion *question = course->knowledge_check->pdata[i];
      SigStoreAnswer *answer = g_hash_table_lookup (answers, question->id);

      if (answer == NULL)
        return -1;
      earned += answer_points (answer, question);
      max += question->points;
    }
  return max > 0 ? 100.0 * earned / max : -1;
}

/* The knowledge-check answers of @profile_id in @course_id in @phase, one per
 * question over all attempts: the earliest with @keep_first, else the latest. */
static GHashTable *
load_check_answers (SigStore    *store,
                    const char  *profile_id,
                    const char  *course_id,
                    const char  *phase,
                    gboolean     keep_first,
                    GError     **error)
{
  g_autoptr(GHashTable) answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) answer_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = sig_store_prepare (store,
                            "SELECT item_id, response, correct, points, max_points, time FROM events "
                            "WHERE profile_id = ? AND course_id = ? AND kind = 'answered' AND phase = ? ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, course_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, phase, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *item_id = sig_store_column_text (stmt, 0);
      SigStoreAnswer *answer;

      if (keep_first && g_hash_table_contains (answers, item_id))
        continue;
      answer = g_new0 (SigStoreAnswer, 1);
      answer->response = g_strdup (sig_store_column_text (stmt, 1));
      answer->correct = sqlite3_column_int (stmt, 2);
      answer->points = sqlite3_column_double (stmt, 3);
      answer->max = sqlite3_column_double (stmt, 4);
      answer->time = sqlite3_column_int64 (stmt, 5);
      g_hash_table_replace (answers, g_strdup (item_id), answer);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "knowledge check", error);
      return NULL;
    }
  return g_steal_pointer (&answers);
}

/* The earliest pre answer per question of @profile_id in @course_id, over all attempts. */
GHashTable *
sig_store_load_pre_answers (SigStore    *store,
                            const char  *profile_id,
                            const char  *course_id,
                            GError     **error)
{
  return load_check_answers (store, profile_id, course_id, "pre", TRUE, error);
}

/* Latest post answers per question over all attempts. */
static GHashTable *
load_post_answers (SigStore    *store,
                   const char  *profile_id,
                   const char  *course_id,
                   GError     **error)
{
  return load_check_answers (store, profile_id, course_id, "post", FALSE, error);
}

static char *
latest_event_version (SigStore   *store,
                      const char *profile_id,
                      const char *course_id)
{
  sqlite3_stmt *stmt = sig_store_prepare (store,
                                          "SELECT course_version FROM events WHERE profile_id = ? AND course_id = ? "
                                          "ORDER BY id DESC LIMIT 1", NULL);
  char *version = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, course_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = g_strdup (sig_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return version;
}

static gboolean
fill_history (SigStore          *store,
              const char        *profile_id,
              const char        *course_id,
              SigCourseProgress *progress,
              GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = sig_store_prepare (store, "SELECT count(*) FROM attempts WHERE profile_id = ? AND course_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, course_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    progress->attempts = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  /* The finishing event of each attempt: the first passed/failed/completed in it. */
  stmt = sig_store_prepare (store,
                            "SELECT kind, points, max_points, time FROM events e "
                            "WHERE profile_id = ? AND course_id = ? AND kind IN ('passed', 'failed', 'completed') "
                            "AND id = (SELECT min(id) FROM events f WHERE f.registration = e.registration "
                            "          AND f.kind IN ('passed', 'failed', 'completed')) ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, course_id, -1, SQLITE_STATIC);
  progress->best_score = -1;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *kind = sig_store_column_text (stmt, 0);
      double max = sqlite3_column_double (stmt, 2);

      if (max > 0)
        progress->best_score = MAX (progress->best_score, 100.0 * sqlite3_column_double (stmt, 1) / max);
      if (!g_str_equal (kind, "failed"))
        {
          progress->ever_passed = TRUE;
          progress->completed_at = sqlite3_column_int64 (stmt, 3);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "progress", error);
      return FALSE;
    }
  return TRUE;
}

SigCourseProgress *
sig_store_get_progress (SigStore    *store,
                        const char  *profile_id,
                        const char  *course_id,
                        SigCourse   *course,
                        GError     **error)
{
  g_autoptr(SigCourseProgress) progress = g_new0 (SigCourseProgress, 1);
  g_autoptr(SigStoreAttempt) attempt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SIG_IS_STORE (store), NULL);
  g_return_val_if_fail (profile_id != NULL, NULL);
  g_return_val_if_fail (course_id != NULL || course != NULL, NULL);

  if (course_id == NULL)
    course_id = course->id;
  progress->course_id = g_strdup (course_id);
  progress->modules = g_ptr_array_new_with_free_func ((GDestroyNotify) sig_store_module_progress_free);
  progress->objectives = g_ptr_array_new_with_free_func ((GDestroyNotify) objective_progress_free);
  progress->best_score = -1;
  progress->pre_score = progress->post_score = -1;

  attempt = sig_store_load_latest_attempt (store, profile_id, course_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!fill_history (store, profile_id, course_id, progress, error))
    return NULL;

  progress->course_version = latest_event_version (store, profile_id, course_id);
  if (progress->course_version == NULL && course != NULL)
    progress->course_version = g_strdup (course->version);
  if (progress->course_version == NULL)
    {
      g_autoptr(SigLibraryCourse) entry = sig_store_get_library_course (store, course_id, NULL);

      if (entry != NULL)
        progress->course_version = g_strdup (sig_library_course_get_version (entry));
    }

  if (attempt == NULL)
    progress->status = SIG_PROGRESS_NOT_STARTED;
  else
    {
      progress->registration = g_strdup (attempt->registration);
      progress->started = attempt->started;
      progress->status = attempt->finished ? attempt->result : SIG_PROGRESS_IN_PROGRESS;
      progress->completed = attempt->finished;
      if (attempt->finished && attempt->result_has_score)
        {
          progress->has_score = TRUE;
          progress->score = attempt->result_score;
        }
    }

  if (course != NULL)
    {
      if (attempt != NULL && !attempt->finished)
        {
          progress->score = sig_store_attempt_score (attempt, course, NULL);
          progress->has_score = g_hash_table_size (attempt->answers) > 0;
        }
      for (guint m = 0; m < course->modules->len; m++)
        g_ptr_array_add (progress->modules, sig_store_module_progress (attempt, course->modules->pdata[m]));
      for (guint o = 0; o < course->objectives->len; o++)
        {
          SigObjective *objective = course->objectives->pdata[o];
          SigObjectiveProgress *op = g_new0 (SigObjectiveProgress, 1);

          op->objective_id = g_strdup (objective->id);
          for (guint m = 0; m < course->modules->len; m++)
            {
              SigModule *module = course->modules->pdata[m];

              for (guint i = 0; i < module->items->len; i++)
                {
                  SigModuleItem *item = module->items->pdata[i];
                  SigStoreAnswer *answer;

                  if (item->kind != SIG_ITEM_QUESTION || item->question->objectives == NULL ||
                      !g_strv_contains ((const char * const *) item->question->objectives, objective->id))
                    continue;
                  op->n_questions++;
                  op->max_points += item->question->points;
                  answer = attempt ? g_hash_table_lookup (attempt->answers, item->question->id) : NULL;
                  if (answer != NULL)
                    {
                      op->answered++;
                      op->points += answer_points (answer, item->question);
                    }
                }
            }
          g_ptr_array_add (progress->objectives, op);
        }
      if (course->knowledge_check != NULL && course->knowledge_check->len > 0)
        {
          g_autoptr(GHashTable) pre = sig_store_load_pre_answers (store, profile_id, course_id, error);
          g_autoptr(GHashTable) post = NULL;

          if (pre == NULL)
            return NULL;
          if ((post = load_post_answers (store, profile_id, course_id, error)) == NULL)
            return NULL;
          progress->has_knowledge_check = TRUE;
          progress->pre_score = check_score (pre, course);
          progress->post_score = check_score (post, course);
          progress->gain = progress->pre_score >= 0 && progress->post_score >= 0
                           ? progress->post_score - progress->pre_score : 0;
        }
    }
  else if (attempt != NULL && !attempt->finished)
    {
      /* Without the course: the library index knows the required modules and points. */
      g_autoptr(SigLibraryCourse) entry = sig_store_get_library_course (store, course_id, NULL);

      if (entry != NULL)
        {
          const char * const *required = sig_library_course_get_required_modules (entry);
          guint required_points = sig_library_course_get_required_points (entry);
          GHashTableIter iter;
          gpointer value;
          double earned = 0;

          progress->has_knowledge_check = sig_library_course_get_has_knowledge_check (entry);
          g_hash_table_iter_init (&iter, attempt->answers);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            {
              SigStoreAnswer *answer = value;

              if (answer->module_id && g_strv_contains (required, answer->module_id))
                earned += answer->points;
            }
          progress->has_score = g_hash_table_size (attempt->answers) > 0;
          progress->score = required_points > 0 ? MIN (100.0, 100.0 * earned / required_points) : 0;
        }
    }
  return g_steal_pointer (&progress);
}

GPtrArray *
sig_store_list_progress (SigStore    *store,
                         const char  *profile_id,
                         GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sig_course_progress_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) library = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SIG_IS_STORE (store), NULL);
  g_return_val_if_fail (profile_id != NULL, NULL);

  if ((library = sig_store_list_library (store, error)) == NULL)
    return NULL;
  for (guint i = 0; i < library->len; i++)
    g_ptr_array_add (ids, g_strdup (sig_library_course_get_id (library->pdata[i])));
  stmt = sig_store_prepare (store, "SELECT DISTINCT course_id FROM attempts WHERE profile_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup (sig_store_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "progress", error);
      return NULL;
    }
  g_ptr_array_sort (ids, (GCompareFunc) sig_store_compare_strings);
  for (guint i = 0; i < ids->len; i++)
    {
      SigCourseProgress *progress;

      if (g_hash_table_contains (seen, ids->pdata[i]))
        continue;
      g_hash_table_add (seen, ids->pdata[i]);
      if ((progress = sig_store_get_progress (store, profile_id, ids->pdata[i], NULL, error)) == NULL)
        return NULL;
      g_ptr_array_add (list, progress);
    }
  return g_steal_pointer (&list);
}

int
sig_store_compare_strings (gconstpointer a,
                           gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* ---- Resume ------------------------------------------------------------------ */

static gboolean
item_done (SigStoreAttempt *attempt,
           SigModule       *module,
           SigModuleItem   *item)
{
  g_autofree char *key = NULL;

  switch (item->kind)
    {
    case SIG_ITEM_PAGE:
      key = item_key (module->id, item->page->id);
      return g_hash_table_contains (attempt->pages, key);
    case SIG_ITEM_QUESTION:
      return g_hash_table_contains (attempt->answers, item->question->id);
    case SIG_ITEM_SCENARIO:
      key = item_key (module->id, item->scenario_ref);
      return g_hash_table_contains (attempt->ended, key);
    default:
      return TRUE;
    }
}

SigResumePoint *
sig_store_get_resume_point (SigStore    *store,
                            const char  *profile_id,
                            SigCourse   *course,
                            GError     **error)
{
  g_autoptr(SigResumePoint) point = g_new0 (SigResumePoint, 1);
  g_autoptr(SigStoreAttempt) attempt = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean has_check;

  g_return_val_if_fail (SIG_IS_STORE (store), NULL);
  g_return_val_if_fail (profile_id != NULL && course != NULL, NULL);

  attempt = sig_store_load_latest_attempt (store, profile_id, course->id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  has_check = course->knowledge_check != NULL && course->knowledge_check->len > 0;
  point->registration = attempt ? g_strdup (attempt->registration) : NULL;

  /* An open refresher comes first. */
  {
    gboolean handled = FALSE;

    if (!sig_store_refresher_resume_point (store, profile_id, course, point, &handled, error))
      return NULL;
    if (handled)
      return g_steal_pointer (&point);
  }

  /* Before anything else of the course: the knowledge check, once. */
  if (has_check && (attempt == NULL || attempt->item_events == 0))
    {
      g_autoptr(GHashTable) pre = sig_store_load_pre_answers (store, profile_id, course->id, error);

      if (pre == NULL)
        return NULL;
      for (guint i = 0; i < course->knowledge_check->len; i++)
        if (!g_hash_table_contains (pre, ((SigQuestion *) course->knowledge_check->pdata[i])->id))
          {
            point->kind = SIG_RESUME_PRE_CHECK;
            point->question_index = i;
            return g_steal_pointer (&point);
          }
    }

  /* After the required modules: the knowledge check again. */
  if (has_check && attempt != NULL && attempt->finished)
    for (guint i = 0; i < course->knowledge_check->len; i++)
      if (!g_hash_table_contains (attempt->post_answers, ((SigQuestion *) course->knowledge_check->pdata[i])->id))
        {
          point->kind = SIG_RESUME_POST_CHECK;
          point->question_index = i;
          return g_steal_pointer (&point);
        }

  for (guint m = 0; m < course->modules->len; m++)
    {
      SigModule *module = course->modules->pdata[m];

      for (guint i = 0; i < module->items->len; i++)
        {
          SigModuleItem *item = module->items->pdata[i];

          if (attempt != NULL && item_done (attempt, module, item))
            continue;
          point->kind = SIG_RESUME_ITEM;
          point->module_index = m;
          point->item_index = i;
          if (attempt != NULL && item->kind == SIG_ITEM_SCENARIO)
            {
              g_autofree char *key = item_key (module->id, item->scenario_ref);

              point->scenario_state = g_strdup (g_hash_table_lookup (attempt->states, key));
            }
          return g_steal_pointer (&point);
        }
    }
  point->kind = SIG_RESUME_DONE;
  return g_steal_pointer (&point);
}

/* ---- Recording ---------------------------------------------------------------- */

gboolean
sig_store_insert_event (SigStore               *store,
                        const char             *profile_id,
                        const char             *registration,
                        SigCourse              *course,
                        const SigStoreEventRow *row,
                        GError                **error)
{
  g_autofree char *statement_id = sig_store_new_uuid ();
  sqlite3_stmt *stmt;

  stmt = sig_store_prepare (store,
                            "INSERT INTO events (statement_id, profile_id, registration, course_id, course_version, kind, "
                            "module_id, item_id, response, correct, points, max_points, node_id, state, phase, time) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, statement_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, registration, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, course->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, course->version, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, row->kind, -1, SQLITE_STATIC);
  sig_store_bind_text_or_null (stmt, 7, row->module_id);
  sig_store_bind_text_or_null (stmt, 8, row->item_id);
  sig_store_bind_text_or_null (stmt, 9, row->response);
  if (row->correct >= 0)
    sqlite3_bind_int (stmt, 10, row->correct);
  if (row->has_points)
    {
      sqlite3_bind_double (stmt, 11, row->points);
      sqlite3_bind_double (stmt, 12, row->max_points);
    }
  sig_store_bind_text_or_null (stmt, 13, row->node_id);
  sig_store_bind_text_or_null (stmt, 14, row->state);
  sig_store_bind_text_or_null (stmt, 15, row->phase);
  sqlite3_bind_int64 (stmt, 16, sig_store_now ());
  return sig_store_step_done (store, stmt, error);
}

static char *
start_attempt (SigStore    *store,
               const char  *profile_id,
               SigCourse   *course,
               GError     **error)
{
  g_autofree char *registration = sig_store_new_uuid ();
  SigStoreEventRow row = SIG_STORE_EVENT_ROW_INIT;
  sqlite3_stmt *stmt;

  stmt = sig_store_prepare (store,
                            "INSERT INTO attempts (registration, profile_id, course_id, course_version, started) "
                            "VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, registration, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, course->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, course->version, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, sig_store_now ());
  if (!sig_store_step_done (store, stmt, error))
    return NULL;
  row.kind = "started";
  if (!sig_store_insert_event (store, profile_id, registration, course, &row, error))
    return NULL;
  return g_steal_pointer (&registration);
}

static gboolean
check_profile (SigStore    *store,
               const char  *profile_id,
               GError     **error)
{
  g_autoptr(SigProfile) profile = sig_store_get_profile (store, profile_id, error);

  return profile != NULL;
}

/* Appends "module completed" for newly completed modules and the result when
 * every required module is complete. */
static gboolean
evaluate (SigStore    *store,
          const char  *profile_id,
          SigCourse   *course,
          const char  *registration,
          GError     **error)
{
  g_autoptr(SigStoreAttempt) attempt = sig_store_load_attempt (store, registration, error);
  gboolean all_done = TRUE;
  double score;

  if (attempt == NULL)
    return FALSE;
  for (guint m = 0; m < course->modules->len; m++)
    {
      SigModule *module = course->modules->pdata[m];
      g_autoptr(SigModuleProgress) progress = sig_store_module_progress (attempt, module);

      if (progress->completed && !g_hash_table_contains (attempt->modules_completed, module->id))
        {
          SigStoreEventRow row = SIG_STORE_EVENT_ROW_INIT;

          row.kind = "module-completed";
          row.module_id = module->id;
          row.has_points = TRUE;
          row.points = progress->points;
          row.max_points = progress->max_points;
          if (!sig_store_insert_event (store, profile_id, registration, course, &row, error))
            return FALSE;
        }
      if (module->required && !progress->completed)
        all_done = FALSE;
    }
  if (!attempt->finished && all_done)
    {
      SigStoreEventRow row = SIG_STORE_EVENT_ROW_INIT;
      guint required = sig_course_required_points (course);
      gboolean passed;

      score = sig_store_attempt_score (attempt, course, NULL);
      passed = score >= course->pass_mark;
      if (required == 0)
        row.kind = "completed";
      else
        {
          row.kind = passed ? "passed" : "failed";
          row.correct = passed;
          row.has_points = TRUE;
          row.points = score * required / 100.0;
          row.max_points = required;
        }
      if (!sig_store_insert_event (store, profile_id, registration, course, &row, error))
        return FALSE;
    }
  /* An open refresher, and the certificate of a pass: same transaction. */
  return sig_store_certificates_after_event (store, profile_id, course, registration, error);
}

/* Runs @row in one transaction on the latest attempt (starting one when there
 * is none), then evaluates completion when @evaluate_after. */
static gboolean
record (SigStore               *store,
        const char             *profile_id,
        SigCourse              *course,
        const SigStoreEventRow *row,
        gboolean                evaluate_after,
        GError                **error)
{
  g_autoptr(SigStoreAttempt) attempt = NULL;
  g_autofree char *registration = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!sig_store_begin (store, error))
    return FALSE;
  if (!check_profile (store, profile_id, error))
    goto fail;
  attempt = sig_store_load_latest_attempt (store, profile_id, course->id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto fail;
    }
  registration = attempt ? g_strdup (attempt->registration) : start_attempt (store, profile_id, course, error);
  if (registration == NULL ||
      !sig_store_insert_event (store, profile_id, registration, course, row, error) ||
      (evaluate_after && !evaluate (store, profile_id, course, registration, error)) ||
      !sig_store_commit (store, error))
    goto fail;
  sig_store_emit_progress_changed (store, profile_id, course->id);
  return TRUE;

fail:
  sig_store_rollback (store);
  return FALSE;
}

gboolean
sig_store_record_started (SigStore    *store,
                          const char  *profile_id,
                          SigCourse   *course,
                          gboolean     new_attempt,
                          char       **registration,
                          GError     **error)
{
  g_autoptr(SigStoreAttempt) attempt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *result = NULL;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL && course != NULL, FALSE);

  if (!sig_store_begin (store, error))
    return FALSE;
  if (!check_profile (store, profile_id, error))
    goto fail;
  attempt = sig_store_load_latest_attempt (store, profile_id, course->id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto fail;
    }
  if (attempt != NULL && !attempt->finished && !new_attempt)
    result = g_strdup (attempt->registration);
  else if ((result = start_attempt (store, profile_id, course, error)) == NULL)
    goto fail;
  if (!sig_store_commit (store, error))
    goto fail;
  sig_store_emit_progress_changed (store, profile_id, course->id);
  if (registration)
    *registration = g_steal_pointer (&result);
  return TRUE;

fail:
  sig_store_rollback (store);
  return FALSE;
}

static SigModule *
find_module (SigCourse   *course,
             const char  *module_id,
             GError     **error)
{
  SigModule *module = module_id ? sig_course_find_module (course, module_id) : NULL;

  if (module == NULL)
    g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_FOUND,
                 _("The course “%s” %s has no module “%s”."), course->id, course->version,
                 module_id ? module_id : "");
  return module;
}

static SigModuleItem *
find_item (SigModule   *module,
           SigItemKind  kind,
           const char  *id)
{
  for (guint i = 0; i < module->items->len; i++)
    {
      SigModuleItem *item = module->items->pdata[i];

      if (item->kind != kind)
        continue;
      if ((kind == SIG_ITEM_PAGE && g_str_equal (item->page->id, id)) ||
          (kind == SIG_ITEM_QUESTION && g_str_equal (item->question->id, id)) ||
          (kind == SIG_ITEM_SCENARIO && g_str_equal (item->scenario_ref, id)))
        return item;
    }
  return NULL;
}

gboolean
sig_store_record_page_viewed (SigStore    *store,
                              const char  *profile_id,
                              SigCourse   *course,
                              const char  *module_id,
                              const char  *page_id,
                              GError     **error)
{
  SigStoreEventRow row = SIG_STORE_EVENT_ROW_INIT;
  SigModule *module;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL && course != NULL && page_id != NULL, FALSE);

  if ((module = find_module (course, module_id, error)) == NULL)
    return FALSE;
  if (find_item (module, SIG_ITEM_PAGE, page_id) == NULL)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_FOUND,
                   _("The module “%s” has no page “%s”."), module_id, page_id);
      return FALSE;
    }
  row.kind = "page-viewed";
  row.module_id = module_id;
  row.item_id = page_id;
  return record (store, profile_id, course, &row, TRUE, error);
}

static gboolean
score_response (SigQuestion  *question,
                const char   *response,
                SigScore     *score,
                GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_utf8_validate (response, -1, NULL) || strlen (response) > 4096 ||
      !sig_question_score (question, response, score, &local_error))
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_INVALID,
                   _("The answer “%s” does not fit the question “%s”: %s"), response, question->id,
                   local_error ? local_error->message : _("it is not valid text."));
      return FALSE;
    }
  return TRUE;
}

gboolean
sig_store_record_answer (SigStore    *store,
                         const char  *profile_id,
                         SigCourse   *course,
                         const char  *module_id,
                         const char  *question_id,
                         const char  *response,
                         SigScore    *score,
                         GError     **error)
{
  SigStoreEventRow row = SIG_STORE_EVENT_ROW_INIT;
  SigModuleItem *item;
  SigModule *module;
  SigScore result = { 0 };

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL && course != NULL && question_id != NULL && response != NULL, FALSE);

  if ((module = find_module (course, module_id, error)) == NULL)
    return FALSE;
  if ((item = find_item (module, SIG_ITEM_QUESTION, question_id)) == NULL)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_FOUND,
                   _("The module “%s” has no question “%s”."), module_id, question_id);
      return FALSE;
    }
  if (!score_response (item->question, response, &result, error))
    return FALSE;
  row.kind = "answered";
  row.module_id = module_id;
  row.item_id = question_id;
  row.response = response;
  row.correct = result.correct;
  row.has_points = TRUE;
  row.points = result.points;
  row.max_points = result.max;
  if (!record (store, profile_id, course, &row, TRUE, error))
    return FALSE;
  if (score)
    *score = result;
  return TRUE;
}

gboolean
sig_store_record_check_answer (SigStore      *store,
                               const char    *profile_id,
                               SigCourse     *course,
                               SigCheckPhase  phase,
                               const char    *question_id,
                               const char    *response,
                               SigScore      *score,
                               GError       **error)
{
  SigStoreEventRow row = SIG_STORE_EVENT_ROW_INIT;
  SigQuestion *question = NULL;
  SigScore result = { 0 };

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL && course != NULL && question_id != NULL && response != NULL, FALSE);

  for (guint i = 0; course->knowledge_check && i < course->knowledge_check->len; i++)
    if (g_str_equal (((SigQuestion *) course->knowledge_check->pdata[i])->id, question_id))
      question = course->knowledge_check->pdata[i];
  if (question == NULL)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_FOUND,
                   _("The knowledge check of “%s” has no question “%s”."), course->id, question_id);
      return FALSE;
    }
  if (!score_response (question, response, &result, error))
    return FALSE;
  row.kind = "answered";
  row.item_id = question_id;
  row.response = response;
  row.phase = phase == SIG_CHECK_PRE ? "pre" : "post";
  row.correct = result.correct;
  row.has_points = TRUE;
  row.points = result.points;
  row.max_points = result.max;
  if (!record (store, profile_id, course, &row, FALSE, error))
    return FALSE;
  if (score)
    *score = result;
  return TRUE;
}

gboolean
sig_store_record_choice (SigStore        *store,
                         const char      *profile_id,
                         SigCourse       *course,
                         const char      *module_id,
                         const char      *node_id,
                         const char      *choice_id,
                         const SigEngine *engine,
                         GError         **error)
{
  g_autofree char *state = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SigStoreAttempt) attempt = NULL;
  g_autofree char *registration = NULL;
  SigScenario *scenario;
  SigModule *module;
  SigNode *node;
  gboolean known_choice = FALSE;
  SigStoreEventRow row = SIG_STORE_EVENT_ROW_INIT;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL && course != NULL && node_id != NULL && choice_id != NULL, FALSE);
  g_return_val_if_fail (engine != NULL, FALSE);

  scenario = sig_engine_get_scenario (engine);
  if ((module = find_module (course, module_id, error)) == NULL)
    return FALSE;
  if (find_item (module, SIG_ITEM_SCENARIO, scenario->id) == NULL)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_FOUND,
                   _("The module “%s” has no scenario “%s”."), module_id, scenario->id);
      return FALSE;
    }
  node = sig_scenario_find_node (scenario, node_id);
  for (guint i = 0; node != NULL && i < node->choices->len; i++)
    if (g_str_equal (((SigChoice *) node->choices->pdata[i])->id, choice_id))
      known_choice = TRUE;
  if (!known_choice)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_INVALID,
                   _("The scenario “%s” has no choice “%s” at “%s”."), scenario->id, choice_id, node_id);
      return FALSE;
    }
  state = sig_engine_serialize (engine);

  if (!sig_store_begin (store, error))
    return FALSE;
  if (!check_profile (store, profile_id, error))
    goto fail;
  attempt = sig_store_load_latest_attempt (store, profile_id, course->id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto fail;
    }
  registration = attempt ? g_strdup (attempt->registration) : start_attempt (store, profile_id, course, error);
  if (registration == NULL)
    goto fail;

  row.kind = "scenario-choice";
  row.module_id = module_id;
  row.item_id = scenario->id;
  row.node_id = node_id;
  row.response = choice_id;
  row.state = state;
  if (!sig_store_insert_event (store, profile_id, registration, course, &row, error))
    goto fail;
  if (sig_engine_get_status (engine) == SIG_ENGINE_ENDED)
    {
      const SigEnding *ending = sig_engine_get_ending (engine);
      SigStoreEventRow ended = SIG_STORE_EVENT_ROW_INIT;

      ended.kind = "scenario-ended";
      ended.module_id = module_id;
      ended.item_id = scenario->id;
      ended.response = ending->id;
      ended.has_points = TRUE;
      ended.points = ending->score;
      ended.max_points = 100;
      if (!sig_store_insert_event (store, profile_id, registration, course, &ended, error) ||
          !evaluate (store, profile_id, course, registration, error))
        goto fail;
    }
  if (!sig_store_commit (store, error))
    goto fail;
  sig_store_emit_progress_changed (store, profile_id, course->id);
  return TRUE;

fail:
  sig_store_rollback (store);
  return FALSE;
}

gboolean
sig_store_delete_course_progress (SigStore    *store,
                                  const char  *profile_id,
                                  const char  *course_id,
                                  GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL && course_id != NULL, FALSE);

  if (!sig_store_begin (store, error))
    return FALSE;
  if (!check_profile (store, profile_id, error))
    goto fail;
  if (!(stmt = sig_store_prepare (store, "DELETE FROM certificates WHERE profile_id = ? AND course_id = ?", error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, course_id, -1, SQLITE_STATIC);
  if (!sig_store_step_done (store, stmt, error))
    goto fail;
  if (!(stmt = sig_store_prepare (store, "DELETE FROM events WHERE profile_id = ? AND course_id = ?", error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, course_id, -1, SQLITE_STATIC);
  if (!sig_store_step_done (store, stmt, error))
    goto fail;
  if (!(stmt = sig_store_prepare (store, "DELETE FROM attempts WHERE profile_id = ? AND course_id = ?", error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, course_id, -1, SQLITE_STATIC);
  if (!sig_store_step_done (store, stmt, error) || !sig_store_commit (store, error))
    goto fail;
  sqlite3_wal_checkpoint_v2 (store->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  sig_store_emit_progress_changed (store, profile_id, course_id);
  return TRUE;

fail:
  sig_store_rollback (store);
  return FALSE;
}
