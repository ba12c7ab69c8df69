/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Recording events, and reading progress and where to resume from the
 * projections.
 *
 * An attempt (its UUID is the xAPI registration) holds the events of one go
 * through a course. sig_store_record_started() with new_attempt starts a fresh
 * one; the other record calls add to the latest attempt (making one when there
 * is none), also after it finished, so that optional modules can still be done.
 * Every record call is one transaction: the event, the events the course's
 * rules add after it (sig_store_fold_next(): a module completed, the result of
 * the attempt or of an open refresher), the projections they change, and the
 * store's reactions to what changed (a certificate for a pass,
 * sig-store-certificates.c). Nothing here reads the whole log. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sig-store-private.h"
#include "sig-store-projection.h"

/* ---- Reading ------------------------------------------------------------------ */

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

SigCourseProgress *
sig_store_get_progress (SigStore    *store,
                        const char  *profile_id,
                        const char  *course_id,
                        SigCourse   *course,
                        GError     **error)
{
  g_autoptr(SigCourseProgress) progress = g_new0 (SigCourseProgress, 1);
  g_autoptr(SigStoreCourseState) state = NULL;
  SigStoreAttempt *attempt;

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
  progress->refresher_score = -1;

  if ((state = sig_store_projection_load (store, profile_id, course_id, error)) == NULL)
    return NULL;
  attempt = state->attempt;
  progress->attempts = state->attempts;
  progress->best_score = state->best_score;
  progress->ever_passed = state->standing != SIG_PROGRESS_NOT_STARTED;
  progress->completed_at = state->completed_at;
  progress->refresher_status = state->refresher_result;
  progress->refresher_score = state->refresher_score;
  progress->refresher_at = state->refresher_at;

  progress->course_version = g_strdup (state->course_version);
  if (progress->course_version == NULL && course != NULL)
    progress->course_version = g_strdup (course->version);
  if (progress->course_version == NULL)
    {
      g_autoptr(SigLibraryCourse) entry = sig_store_get_library_course (store, course_id, NULL);

      if (entry != NULL)
        progress->course_version = g_strdup (sig_library_course_get_version (entry));
    }

  /* The latest attempt, as it is. */
  progress->attempt_status = SIG_PROGRESS_NOT_STARTED;
  if (attempt != NULL)
    {
      progress->registration = g_strdup (attempt->registration);
      progress->started = attempt->started;
      progress->attempt_status = attempt->finished ? attempt->result : SIG_PROGRESS_IN_PROGRESS;
      progress->completed = attempt->finished;
      if (attempt->finished && attempt->result_has_score)
        {
          progress->attempt_has_score = TRUE;
          progress->attempt_score = attempt->result_score;
        }
    }

  if (course != NULL)
    {
      if (attempt != NULL && !attempt->finished)
        {
          progress->attempt_score = sig_store_attempt_score (attempt, course, NULL);
          progress->attempt_has_score = g_hash_table_size (attempt->answers) > 0;
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
          progress->has_knowledge_check = TRUE;
          progress->pre_score = check_score (state->pre_answers, course);
          progress->post_score = check_score (state->post_answers, course);
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
          progress->attempt_has_score = g_hash_table_size (attempt->answers) > 0;
          progress->attempt_score = required_points > 0 ? MIN (100.0, 100.0 * earned / required_points) : 0;
        }
    }

  /* The course as it stands: a pass is never taken back by a later attempt. */
  if (state->standing != SIG_PROGRESS_NOT_STARTED)
    {
      progress->status = state->standing;
      progress->has_score = state->standing_has_score;
      progress->score = state->standing_has_score ? state->standing_score : 0;
    }
  else
    {
      progress->status = progress->attempt_status;
      progress->has_score = progress->attempt_has_score;
      progress->score = progress->attempt_score;
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
  stmt = sig_store_prepare (store, "SELECT course_id FROM course_projection WHERE profile_id = ? AND attempts > 0", error);
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
      key = sig_store_item_key (module->id, item->page->id);
      return g_hash_table_contains (attempt->pages, key);
    case SIG_ITEM_QUESTION:
      return g_hash_table_contains (attempt->answers, item->question->id);
    case SIG_ITEM_SCENARIO:
      key = sig_store_item_key (module->id, item->scenario_ref);
      return g_hash_table_contains (attempt->ended, key);
    default:
      return TRUE;
    }
}

/* The first item of @module (at @index) not done in @run; FALSE when all are. */
static gboolean
first_not_done (SigStoreAttempt *run,
                SigModule       *module,
                guint            index,
                SigResumePoint  *point)
{
  for (guint i = 0; i < module->items->len; i++)
    {
      SigModuleItem *item = module->items->pdata[i];

      if (run != NULL && item_done (run, module, item))
        continue;
      point->kind = SIG_RESUME_ITEM;
      point->module_index = index;
      point->item_index = i;
      g_clear_pointer (&point->scenario_state, g_free);
      if (run != NULL && item->kind == SIG_ITEM_SCENARIO)
        {
          g_autofree char *key = sig_store_item_key (module->id, item->scenario_ref);

          point->scenario_state = g_strdup (g_hash_table_lookup (run->states, key));
        }
      return TRUE;
    }
  return FALSE;
}

SigResumePoint *
sig_store_get_resume_point (SigStore    *store,
                            const char  *profile_id,
                            SigCourse   *course,
                            GError     **error)
{
  g_autoptr(SigResumePoint) point = g_new0 (SigResumePoint, 1);
  g_autoptr(SigStoreCourseState) state = NULL;
  SigStoreAttempt *attempt;
  gboolean has_check;

  g_return_val_if_fail (SIG_IS_STORE (store), NULL);
  g_return_val_if_fail (profile_id != NULL && course != NULL, NULL);

  if ((state = sig_store_projection_load (store, profile_id, course->id, error)) == NULL)
    return NULL;
  attempt = state->attempt;
  has_check = course->knowledge_check != NULL && course->knowledge_check->len > 0;
  point->registration = attempt ? g_strdup (attempt->registration) : NULL;

  /* An open refresher comes first. */
  if (state->refresher != NULL && course->refresher_module != NULL)
    for (guint m = 0; m < course->modules->len; m++)
      {
        SigModule *module = course->modules->pdata[m];

        if (g_str_equal (module->id, course->refresher_module) &&
            first_not_done (state->refresher, module, m, point))
          return g_steal_pointer (&point);
      }

  /* Before anything else of the course: the knowledge check, once. */
  if (has_check && (attempt == NULL || attempt->item_events == 0))
    for (guint i = 0; i < course->knowledge_check->len; i++)
      if (!g_hash_table_contains (state->pre_answers, ((SigQuestion *) course->knowledge_check->pdata[i])->id))
        {
          point->kind = SIG_RESUME_PRE_CHECK;
          point->question_index = i;
          return g_steal_pointer (&point);
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
    if (first_not_done (attempt, course->modules->pdata[m], m, point))
      return g_steal_pointer (&point);
  point->kind = SIG_RESUME_DONE;
  return g_steal_pointer (&point);
}

gboolean
sig_store_get_refresher_open (SigStore    *store,
                              const char  *profile_id,
                              const char  *course_id,
                              gboolean    *open,
                              GError     **error)
{
  g_autoptr(SigStoreCourseState) state = NULL;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL && course_id != NULL && open != NULL, FALSE);

  if ((state = sig_store_projection_load (store, profile_id, course_id, error)) == NULL)
    return FALSE;
  *open = state->refresher_since > 0;
  return TRUE;
}

/* ---- Recording ---------------------------------------------------------------- */

static gboolean
check_profile (SigStore    *store,
               const char  *profile_id,
               GError     **error)
{
  g_autoptr(SigProfile) profile = sig_store_get_profile (store, profile_id, error);

  return profile != NULL;
}

/* One write: the state of a learner in a course, and the passes to certify. */
typedef struct {
  SigStore *store;
  const char *profile_id;
  SigCourse *course;
  SigStoreCourseState *state;
  GArray *passes;            /* SigStorePass */
} Write;

static void
write_clear (Write *write)
{
  g_clear_pointer (&write->state, sig_store_course_state_free);
  g_clear_pointer (&write->passes, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Write, write_clear)

static void
pass_clear (SigStorePass *pass)
{
  g_free (pass->statement_id);
}

/* Begins the transaction and loads the state. */
static gboolean
write_begin (Write       *write,
             SigStore    *store,
             const char  *profile_id,
             SigCourse   *course,
             GError     **error)
{
  write->store = store;
  write->profile_id = profile_id;
  write->course = course;
  write->passes = g_array_new (FALSE, TRUE, sizeof (SigStorePass));
  g_array_set_clear_func (write->passes, (GDestroyNotify) pass_clear);
  if (!sig_store_begin (store, error))
    return FALSE;
  if (!check_profile (store, profile_id, error) ||
      (write->state = sig_store_projection_load (store, profile_id, course->id, error)) == NULL)
    {
      sig_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* Appends @event, folds it, and notes a pass to certify. */
static gboolean
write_event (Write          *write,
             SigStoreEvent  *event,
             GError        **error)
{
  SigStoreFoldChange change;
  g_autofree char *statement_id = NULL;

  if (!sig_store_projection_append (write->store, write->profile_id, write->course, write->state,
                                    event, &statement_id, &change, error))
    return FALSE;
  if (change.passed)
    {
      SigStorePass pass = { 0 };

      pass.statement_id = g_steal_pointer (&statement_id);
      pass.refresher = change.refresher;
      pass.score = change.certificate_score;
      pass.time = event->time;
      g_array_append_val (write->passes, pass);
    }
  return TRUE;
}

/* The events the course's rules add now. */
static gboolean
write_evaluate (Write   *write,
                GError **error)
{
  SigStoreEvent next;

  for (guint guard = 0; guard < 1000 && sig_store_fold_next (write->state, write->course, &next); guard++)
    {
      next.registration = write->state->attempt ? write->state->attempt->registration : NULL;
      if (next.registration == NULL && write->state->refresher != NULL)
        next.registration = write->state->refresher->registration;
      if (!write_event (write, &next, error))
        return FALSE;
    }
  return TRUE;
}

static char *
start_attempt (Write   *write,
               GError **error)
{
  g_autofree char *registration = sig_store_new_uuid ();
  SigStoreEvent event = SIG_STORE_EVENT_INIT;
  sqlite3_stmt *stmt;

  stmt = sig_store_prepare (write->store,
                            "INSERT INTO attempts (registration, profile_id, course_id, course_version, started) "
                            "VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, registration, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, write->profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, write->course->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, write->course->version, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, sig_store_now ());
  if (!sig_store_step_done (write->store, stmt, error))
    return NULL;
  event.kind = SIG_STORE_EVENT_STARTED;
  event.registration = registration;
  if (!write_event (write, &event, error))
    return NULL;
  return g_steal_pointer (&registration);
}

/* The latest attempt, started when there is none. */
static gboolean
write_ensure_attempt (Write   *write,
                      GError **error)
{
  g_autofree char *registration = NULL;

  if (write->state->attempt != NULL)
    return TRUE;
  registration = start_attempt (write, error);
  return registration != NULL;
}

/* Saves the projection, reacts to passes, commits. Rolls back on failure. */
static gboolean
write_commit (Write   *write,
              GError **error)
{
  if (!sig_store_projection_save (write->store, write->profile_id, write->course->id, write->state, error))
    goto fail;
  if (write->passes->len > 0)
    sig_store_certificates_issue (write->store, write->profile_id, write->course,
                                  (const SigStorePass *) (gpointer) write->passes->data, write->passes->len);
  if (!sig_store_commit (write->store, error))
    goto fail;
  sig_store_emit_progress_changed (write->store, write->profile_id, write->course->id);
  return TRUE;

fail:
  sig_store_rollback (write->store);
  return FALSE;
}

/* Records @event on the latest attempt (starting one when there is none),
 * then the events the rules add when @evaluate_after. */
static gboolean
record (SigStore      *store,
        const char    *profile_id,
        SigCourse     *course,
        SigStoreEvent *event,
        gboolean       evaluate_after,
        GError       **error)
{
  g_auto(Write) write = { 0 };

  if (!write_begin (&write, store, profile_id, course, error))
    return FALSE;
  if (!write_ensure_attempt (&write, error) ||
      !write_event (&write, event, error) ||
      (evaluate_after && !write_evaluate (&write, error)))
    {
      sig_store_rollback (store);
      return FALSE;
    }
  return write_commit (&write, error);
}

gboolean
sig_store_record_started (SigStore    *store,
                          const char  *profile_id,
                          SigCourse   *course,
                          gboolean     new_attempt,
                          char       **registration,
                          GError     **error)
{
  g_auto(Write) write = { 0 };
  g_autofree char *result = NULL;
  SigStoreAttempt *attempt;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL && course != NULL, FALSE);

  if (!write_begin (&write, store, profile_id, course, error))
    return FALSE;
  attempt = write.state->attempt;
  if (attempt != NULL && !attempt->finished && !new_attempt)
    result = g_strdup (attempt->registration);
  else if ((result = start_attempt (&write, error)) == NULL)
    {
      sig_store_rollback (store);
      return FALSE;
    }
  if (!write_commit (&write, error))
    return FALSE;
  if (registration)
    *registration = g_steal_pointer (&result);
  return TRUE;
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
  SigStoreEvent row = SIG_STORE_EVENT_INIT;
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
  row.kind = SIG_STORE_EVENT_PAGE_VIEWED;
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
  SigStoreEvent row = SIG_STORE_EVENT_INIT;
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
  row.kind = SIG_STORE_EVENT_ANSWERED;
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
  SigStoreEvent row = SIG_STORE_EVENT_INIT;
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
  row.kind = SIG_STORE_EVENT_ANSWERED;
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
  g_auto(Write) write = { 0 };
  g_autofree char *state = NULL;
  SigScenario *scenario;
  SigModule *module;
  SigNode *node;
  gboolean known_choice = FALSE;
  SigStoreEvent event = SIG_STORE_EVENT_INIT;

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

  if (!write_begin (&write, store, profile_id, course, error))
    return FALSE;
  if (!write_ensure_attempt (&write, error))
    goto fail;
  event.kind = SIG_STORE_EVENT_SCENARIO_CHOICE;
  event.module_id = module_id;
  event.item_id = scenario->id;
  event.node_id = node_id;
  event.response = choice_id;
  event.state = state;
  if (!write_event (&write, &event, error))
    goto fail;
  if (sig_engine_get_status (engine) == SIG_ENGINE_ENDED)
    {
      const SigEnding *ending = sig_engine_get_ending (engine);
      SigStoreEvent ended = SIG_STORE_EVENT_INIT;

      ended.kind = SIG_STORE_EVENT_SCENARIO_ENDED;
      ended.module_id = module_id;
      ended.item_id = scenario->id;
      ended.response = ending->id;
      ended.has_points = TRUE;
      ended.points = ending->score;
      ended.max_points = 100;
      if (!write_event (&write, &ended, error) || !write_evaluate (&write, error))
        goto fail;
    }
  return write_commit (&write, error);

fail:
  sig_store_rollback (store);
  return FALSE;
}

gboolean
sig_store_record_refresher_started (SigStore    *store,
                                    const char  *profile_id,
                                    SigCourse   *course,
                                    GError     **error)
{
  g_auto(Write) write = { 0 };
  g_autoptr(SigProfile) profile = NULL;
  SigStoreEvent event = SIG_STORE_EVENT_INIT;
  SigModule *module;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL && course != NULL, FALSE);

  if (course->refresher_module == NULL ||
      (module = sig_course_find_module (course, course->refresher_module)) == NULL)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_INVALID,
                   _("The course “%s” has no refresher module."), course->id);
      return FALSE;
    }
  if (!write_begin (&write, store, profile_id, course, error))
    return FALSE;
  if ((profile = sig_store_get_profile (store, profile_id, error)) == NULL)
    goto fail;

  /* A pass of the course (or of an earlier refresher), or a certificate kept without its events. */
  if (!write.state->may_refresh && !sig_store_has_certificate (store, profile_id, course->id))
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_PASSED,
                   _("%s has not passed the course “%s” yet. The refresher renews a certificate; pass the course first."),
                   sig_profile_get_name (profile), course->id);
      goto fail;
    }
  if (write.state->refresher_since > 0)
    {
      /* Already started: go on with it. */
      sig_store_rollback (store);
      return TRUE;
    }
  if (write.state->attempt == NULL)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_PASSED,
                   _("The results of %s in “%s” are no longer here, so the refresher cannot be taken. Take the course again."),
                   sig_profile_get_name (profile), course->id);
      goto fail;
    }
  event.kind = SIG_STORE_EVENT_REFRESHER_STARTED;
  event.module_id = module->id;
  if (!write_event (&write, &event, error))
    goto fail;
  return write_commit (&write, error);

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
  static const char *deletes[] = {
    "DELETE FROM certificates WHERE profile_id = ? AND course_id = ?",
    "DELETE FROM review_cards WHERE profile_id = ? AND course_id = ?",
    "DELETE FROM review_events WHERE profile_id = ? AND course_id = ?",
    "DELETE FROM course_projection WHERE profile_id = ? AND course_id = ?",
    "DELETE FROM attempt_projection WHERE profile_id = ? AND course_id = ?",
    "DELETE FROM events WHERE profile_id = ? AND course_id = ?",
    "DELETE FROM attempts WHERE profile_id = ? AND course_id = ?",
  };

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL && course_id != NULL, FALSE);

  if (!sig_store_begin (store, error))
    return FALSE;
  if (!check_profile (store, profile_id, error))
    goto fail;
  for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
    {
      sqlite3_stmt *stmt = sig_store_prepare (store, deletes[i], error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, course_id, -1, SQLITE_STATIC);
      if (!sig_store_step_done (store, stmt, error))
        goto fail;
    }
  if (!sig_store_commit (store, error))
    goto fail;
  sqlite3_wal_checkpoint_v2 (store->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  sig_store_emit_progress_changed (store, profile_id, course_id);
  return TRUE;

fail:
  sig_store_rollback (store);
  return FALSE;
}
