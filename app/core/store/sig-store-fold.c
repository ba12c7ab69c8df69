/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fold over the event log, and the course rules that add events. Pure:
 * see sig-store-fold.h. */
#include "config.h"

#include <string.h>

#include "sig-store-fold.h"

static const char *kind_names[SIG_STORE_N_EVENT_KINDS] = {
  [SIG_STORE_EVENT_STARTED] = "started",
  [SIG_STORE_EVENT_PAGE_VIEWED] = "page-viewed",
  [SIG_STORE_EVENT_ANSWERED] = "answered",
  [SIG_STORE_EVENT_SCENARIO_CHOICE] = "scenario-choice",
  [SIG_STORE_EVENT_SCENARIO_ENDED] = "scenario-ended",
  [SIG_STORE_EVENT_MODULE_COMPLETED] = "module-completed",
  [SIG_STORE_EVENT_COMPLETED] = "completed",
  [SIG_STORE_EVENT_PASSED] = "passed",
  [SIG_STORE_EVENT_FAILED] = "failed",
  [SIG_STORE_EVENT_REFRESHER_STARTED] = "refresher-started",
  [SIG_STORE_EVENT_REFRESHER_PASSED] = "refresher-passed",
  [SIG_STORE_EVENT_REFRESHER_FAILED] = "refresher-failed",
};

const char *
sig_store_event_kind_to_string (SigStoreEventKind kind)
{
  g_return_val_if_fail (kind < SIG_STORE_N_EVENT_KINDS, NULL);
  return kind_names[kind];
}

gboolean
sig_store_event_kind_from_string (const char        *text,
                                  SigStoreEventKind *kind)
{
  for (guint i = 0; text != NULL && i < SIG_STORE_N_EVENT_KINDS; i++)
    if (g_str_equal (text, kind_names[i]))
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

/* ---- State --------------------------------------------------------------------- */

static void
answer_free (SigStoreAnswer *answer)
{
  g_free (answer->response);
  g_free (answer->module_id);
  g_free (answer);
}

static GHashTable *
answers_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) answer_free);
}

SigStoreAttempt *
sig_store_attempt_new (const char *registration)
{
  SigStoreAttempt *attempt = g_new0 (SigStoreAttempt, 1);

  attempt->registration = g_strdup (registration);
  attempt->answers = answers_new ();
  attempt->post_answers = answers_new ();
  attempt->pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  attempt->ended = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  attempt->states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  attempt->modules_completed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  attempt->result = SIG_PROGRESS_IN_PROGRESS;
  return attempt;
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

SigStoreCourseState *
sig_store_course_state_new (void)
{
  SigStoreCourseState *state = g_new0 (SigStoreCourseState, 1);

  state->standing = SIG_PROGRESS_NOT_STARTED;
  state->best_score = -1;
  state->pre_answers = answers_new ();
  state->post_answers = answers_new ();
  state->refresher_result = SIG_PROGRESS_NOT_STARTED;
  state->refresher_score = -1;
  return state;
}

void
sig_store_course_state_free (SigStoreCourseState *state)
{
  if (state == NULL)
    return;
  g_free (state->course_version);
  sig_store_attempt_free (state->attempt);
  g_hash_table_unref (state->pre_answers);
  g_hash_table_unref (state->post_answers);
  g_free (state->refresher_module);
  sig_store_attempt_free (state->refresher);
  g_free (state->loaded_course);
  g_free (state->loaded_attempt);
  g_free (state);
}

char *
sig_store_item_key (const char *module_id,
                    const char *item_id)
{
  return g_strconcat (module_id ? module_id : "", "/", item_id ? item_id : "", NULL);
}

static SigStoreAnswer *
answer_from_event (const SigStoreEvent *event)
{
  SigStoreAnswer *answer = g_new0 (SigStoreAnswer, 1);

  answer->module_id = g_strdup (event->module_id);
  answer->response = g_strdup (event->response);
  answer->correct = event->correct > 0;
  answer->points = event->has_points ? event->points : 0;
  answer->max = event->has_points ? event->max_points : 0;
  answer->time = event->time;
  return answer;
}

/* ---- The fold ----------------------------------------------------------------------- */

/* A page, module answer, choice or ending in @attempt. */
static void
fold_item (SigStoreAttempt     *attempt,
           const SigStoreEvent *event)
{
  switch (event->kind)
    {
    case SIG_STORE_EVENT_ANSWERED:
      g_hash_table_replace (attempt->answers, g_strdup (event->item_id ? event->item_id : ""),
                            answer_from_event (event));
      attempt->item_events++;
      break;
    case SIG_STORE_EVENT_PAGE_VIEWED:
      g_hash_table_add (attempt->pages, sig_store_item_key (event->module_id, event->item_id));
      attempt->item_events++;
      break;
    case SIG_STORE_EVENT_SCENARIO_CHOICE:
      g_hash_table_replace (attempt->states, sig_store_item_key (event->module_id, event->item_id),
                            g_strdup (event->state));
      attempt->item_events++;
      break;
    case SIG_STORE_EVENT_SCENARIO_ENDED:
      g_hash_table_replace (attempt->ended, sig_store_item_key (event->module_id, event->item_id),
                            GINT_TO_POINTER ((int) (event->has_points ? event->points : 0) + 1));
      break;
    default:
      break;
    }
}

static double
event_percent (const SigStoreEvent *event)
{
  return event->has_points && event->max_points > 0 ? 100.0 * event->points / event->max_points : -1;
}

/* The result of an attempt: the summary of the course moves only up. */
static void
fold_result (SigStoreCourseState *state,
             SigStoreAttempt     *attempt,
             const SigStoreEvent *event,
             SigStoreFoldChange  *change)
{
  double score = event_percent (event);

  if (attempt != NULL)
    {
      if (attempt->finished)
        goto certify;   /* the first result of an attempt is its result */
      attempt->finished = TRUE;
      attempt->finished_at = event->time;
      attempt->result = event->kind == SIG_STORE_EVENT_PASSED ? SIG_PROGRESS_PASSED
                        : event->kind == SIG_STORE_EVENT_FAILED ? SIG_PROGRESS_FAILED : SIG_PROGRESS_COMPLETED;
      attempt->result_has_score = score >= 0;
      attempt->result_score = MAX (score, 0);
    }
  if (score >= 0)
    state->best_score = MAX (state->best_score, score);
  if (event->kind == SIG_STORE_EVENT_FAILED)
    return;
  state->completed_at = event->time;
  if (event->kind == SIG_STORE_EVENT_PASSED)
    {
      if (state->standing != SIG_PROGRESS_PASSED || !state->standing_has_score ||
          (score >= 0 && score > state->standing_score))
        {
          state->standing_has_score = score >= 0;
          state->standing_score = MAX (score, 0);
        }
      state->standing = SIG_PROGRESS_PASSED;
    }
  else if (state->standing != SIG_PROGRESS_PASSED)
    state->standing = SIG_PROGRESS_COMPLETED;

certify:
  if (event->kind == SIG_STORE_EVENT_PASSED)
    {
      state->may_refresh = TRUE;
      change->passed = TRUE;
      change->certificate_score = score;
    }
}

void
sig_store_fold (SigStoreCourseState *state,
                const SigStoreEvent *event,
                SigStoreFoldChange  *change)
{
  SigStoreFoldChange ignored;
  SigStoreAttempt *attempt = NULL;

  g_return_if_fail (state != NULL && event != NULL);

  if (change == NULL)
    change = &ignored;
  memset (change, 0, sizeof *change);
  change->certificate_score = -1;

  state->last_event = MAX (state->last_event, event->id);
  if (event->course_version != NULL && g_strcmp0 (state->course_version, event->course_version) != 0)
    {
      g_free (state->course_version);
      state->course_version = g_strdup (event->course_version);
    }

  /* The attempt the event belongs to: a new one starts with "started" (or
   * with the first event of a registration never seen). */
  if (state->attempt != NULL && g_strcmp0 (state->attempt->registration, event->registration) == 0)
    attempt = state->attempt;
  else if (event->kind == SIG_STORE_EVENT_STARTED || state->attempt == NULL)
    {
      g_clear_pointer (&state->attempt, sig_store_attempt_free);
      attempt = state->attempt = sig_store_attempt_new (event->registration);
      attempt->version = g_strdup (event->course_version);
      attempt->started = event->time;
      state->attempts++;
      change->new_attempt = TRUE;
    }

  switch (event->kind)
    {
    case SIG_STORE_EVENT_STARTED:
      break;

    case SIG_STORE_EVENT_ANSWERED:
      if (g_strcmp0 (event->phase, "pre") == 0)
        {
          if (!g_hash_table_contains (state->pre_answers, event->item_id ? event->item_id : ""))
            g_hash_table_insert (state->pre_answers, g_strdup (event->item_id ? event->item_id : ""),
                                 answer_from_event (event));
          break;
        }
      if (g_strcmp0 (event->phase, "post") == 0)
        {
          g_hash_table_replace (state->post_answers, g_strdup (event->item_id ? event->item_id : ""),
                                answer_from_event (event));
          if (attempt != NULL)
            g_hash_table_replace (attempt->post_answers, g_strdup (event->item_id ? event->item_id : ""),
                                  answer_from_event (event));
          break;
        }
      G_GNUC_FALLTHROUGH;
    case SIG_STORE_EVENT_PAGE_VIEWED:
    case SIG_STORE_EVENT_SCENARIO_CHOICE:
    case SIG_STORE_EVENT_SCENARIO_ENDED:
      if (attempt != NULL)
        fold_item (attempt, event);
      if (state->refresher != NULL && g_strcmp0 (event->module_id, state->refresher_module) == 0)
        fold_item (state->refresher, event);
      break;

    case SIG_STORE_EVENT_MODULE_COMPLETED:
      if (attempt != NULL && event->module_id != NULL)
        g_hash_table_add (attempt->modules_completed, g_strdup (event->module_id));
      change->module_completed = event->module_id != NULL;
      break;

    case SIG_STORE_EVENT_COMPLETED:
    case SIG_STORE_EVENT_PASSED:
    case SIG_STORE_EVENT_FAILED:
      fold_result (state, attempt, event, change);
      break;

    case SIG_STORE_EVENT_REFRESHER_STARTED:
      state->refresher_since = event->id;
      g_free (state->refresher_module);
      state->refresher_module = g_strdup (event->module_id);
      g_clear_pointer (&state->refresher, sig_store_attempt_free);
      state->refresher = sig_store_attempt_new (event->registration);
      state->refresher->started = event->time;
      break;

    case SIG_STORE_EVENT_REFRESHER_PASSED:
    case SIG_STORE_EVENT_REFRESHER_FAILED:
      state->refresher_since = 0;
      g_clear_pointer (&state->refresher, sig_store_attempt_free);
      state->refresher_result = event->kind == SIG_STORE_EVENT_REFRESHER_PASSED ? SIG_PROGRESS_PASSED
                                                                                : SIG_PROGRESS_FAILED;
      state->refresher_score = event_percent (event);
      state->refresher_at = event->time;
      if (event->kind == SIG_STORE_EVENT_REFRESHER_PASSED)
        {
          /* A renewal states the score the course was passed with; the
           * refresher's own score is kept beside it (refresher_score). */
          state->may_refresh = TRUE;
          change->passed = TRUE;
          change->refresher = TRUE;
          change->certificate_score = state->standing == SIG_PROGRESS_PASSED && state->standing_has_score
                                      ? state->standing_score : -1;
        }
      break;

    case SIG_STORE_N_EVENT_KINDS:
    default:
      g_return_if_reached ();
    }
}

/* ---- Derived figures ---------------------------------------------------------------- */

void
sig_store_module_progress_free (SigModuleProgress *module)
{
  g_free (module->module_id);
  g_free (module);
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
          key = sig_store_item_key (module->id, item->page->id);
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
          key = sig_store_item_key (module->id, item->scenario_ref);
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

/* ---- The rules that add events -------------------------------------------------------- */

gboolean
sig_store_fold_next (const SigStoreCourseState *state,
                     SigCourse                 *course,
                     SigStoreEvent             *next)
{
  SigStoreAttempt *attempt = state->attempt;
  SigStoreEvent event = SIG_STORE_EVENT_INIT;
  gboolean all_done = TRUE;

  if (attempt != NULL)
    {
      for (guint m = 0; m < course->modules->len; m++)
        {
          SigModule *module = course->modules->pdata[m];
          g_autoptr(SigModuleProgress) progress = sig_store_module_progress (attempt, module);

          if (progress->completed && !g_hash_table_contains (attempt->modules_completed, module->id))
            {
              event.kind = SIG_STORE_EVENT_MODULE_COMPLETED;
              event.module_id = module->id;
              event.has_points = TRUE;
              event.points = progress->points;
              event.max_points = progress->max_points;
              *next = event;
              return TRUE;
            }
          if (module->required && !progress->completed)
            all_done = FALSE;
        }
      if (!attempt->finished && all_done)
        {
          guint required = sig_course_required_points (course);
          double score = sig_store_attempt_score (attempt, course, NULL);
          gboolean passed = score >= course->pass_mark;

          if (required == 0)
            event.kind = SIG_STORE_EVENT_COMPLETED;
          else
            {
              event.kind = passed ? SIG_STORE_EVENT_PASSED : SIG_STORE_EVENT_FAILED;
              event.correct = passed;
              event.has_points = TRUE;
              event.points = score * required / 100.0;
              event.max_points = required;
            }
          *next = event;
          return TRUE;
        }
    }

  /* An open refresher whose module is now done. */
  if (state->refresher != NULL && course->refresher_module != NULL)
    {
      SigModule *module = sig_course_find_module (course, course->refresher_module);
      g_autoptr(SigModuleProgress) progress = NULL;
      gboolean passed;

      if (module == NULL)
        return FALSE;
      progress = sig_store_module_progress (state->refresher, module);
      if (!progress->completed)
        return FALSE;
      passed = progress->max_points <= 0 || 100.0 * progress->points / progress->max_points >= course->pass_mark;
      event.kind = passed ? SIG_STORE_EVENT_REFRESHER_PASSED : SIG_STORE_EVENT_REFRESHER_FAILED;
      event.module_id = module->id;
      event.correct = passed;
      if (progress->max_points > 0)
        {
          event.has_points = TRUE;
          event.points = progress->points;
          event.max_points = progress->max_points;
        }
      *next = event;
      return TRUE;
    }
  return FALSE;
}

/* ---- JSON ------------------------------------------------------------------------------- */

static GList *
sorted_keys (GHashTable *table)
{
  return g_list_sort (g_hash_table_get_keys (table), (GCompareFunc) strcmp);
}

static void
add_answers (JsonBuilder *builder,
             const char  *name,
             GHashTable  *answers)
{
  GList *keys = sorted_keys (answers);

  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      SigStoreAnswer *answer = g_hash_table_lookup (answers, l->data);

      json_builder_set_member_name (builder, l->data);
      json_builder_begin_array (builder);
      if (answer->module_id)
        json_builder_add_string_value (builder, answer->module_id);
      else
        json_builder_add_null_value (builder);
      if (answer->response)
        json_builder_add_string_value (builder, answer->response);
      else
        json_builder_add_null_value (builder);
      json_builder_add_boolean_value (builder, answer->correct);
      json_builder_add_double_value (builder, answer->points);
      json_builder_add_double_value (builder, answer->max);
      json_builder_add_int_value (builder, answer->time);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  g_list_free (keys);
}

static void
add_set (JsonBuilder *builder,
         const char  *name,
         GHashTable  *set)
{
  GList *keys = sorted_keys (set);

  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (GList *l = keys; l != NULL; l = l->next)
    json_builder_add_string_value (builder, l->data);
  json_builder_end_array (builder);
  g_list_free (keys);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_double (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

JsonNode *
sig_store_attempt_to_json (const SigStoreAttempt *attempt)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GList *keys;

  json_builder_begin_object (builder);
  add_string (builder, "registration", attempt->registration);
  add_string (builder, "version", attempt->version);
  add_int (builder, "started", attempt->started);
  add_answers (builder, "answers", attempt->answers);
  add_answers (builder, "post_answers", attempt->post_answers);
  add_set (builder, "pages", attempt->pages);
  add_set (builder, "modules_completed", attempt->modules_completed);

  keys = sorted_keys (attempt->ended);
  json_builder_set_member_name (builder, "ended");
  json_builder_begin_object (builder);
  for (GList *l = keys; l != NULL; l = l->next)
    add_int (builder, l->data, GPOINTER_TO_INT (g_hash_table_lookup (attempt->ended, l->data)));
  json_builder_end_object (builder);
  g_list_free (keys);

  keys = sorted_keys (attempt->states);
  json_builder_set_member_name (builder, "states");
  json_builder_begin_object (builder);
  for (GList *l = keys; l != NULL; l = l->next)
    add_string (builder, l->data, g_hash_table_lookup (attempt->states, l->data));
  json_builder_end_object (builder);
  g_list_free (keys);

  add_int (builder, "item_events", attempt->item_events);
  json_builder_set_member_name (builder, "finished");
  json_builder_add_boolean_value (builder, attempt->finished);
  add_int (builder, "result", attempt->result);
  json_builder_set_member_name (builder, "result_has_score");
  json_builder_add_boolean_value (builder, attempt->result_has_score);
  add_double (builder, "result_score", attempt->result_score);
  add_int (builder, "finished_at", attempt->finished_at);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
read_answers (JsonObject *object,
              const char *name,
              GHashTable *answers)
{
  JsonNode *node = json_object_get_member (object, name);
  JsonObject *members;
  GList *names;
  gboolean ok = TRUE;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  members = json_node_get_object (node);
  names = json_object_get_members (members);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (members, l->data);
      JsonArray *array;
      SigStoreAnswer *answer;

      if (!JSON_NODE_HOLDS_ARRAY (value) || json_array_get_length (array = json_node_get_array (value)) != 6)
        {
          ok = FALSE;
          break;
        }
      answer = g_new0 (SigStoreAnswer, 1);
      answer->module_id = g_strdup (json_array_get_null_element (array, 0) ? NULL : json_array_get_string_element (array, 0));
      answer->response = g_strdup (json_array_get_null_element (array, 1) ? NULL : json_array_get_string_element (array, 1));
      answer->correct = json_array_get_boolean_element (array, 2);
      answer->points = json_array_get_double_element (array, 3);
      answer->max = json_array_get_double_element (array, 4);
      answer->time = json_array_get_int_element (array, 5);
      g_hash_table_replace (answers, g_strdup (l->data), answer);
    }
  g_list_free (names);
  return ok;
}

static gboolean
read_set (JsonObject *object,
          const char *name,
          GHashTable *set)
{
  JsonNode *node = json_object_get_member (object, name);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_hash_table_add (set, g_strdup (json_array_get_string_element (array, i)));
  return TRUE;
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static char *
dup_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? g_strdup (json_node_get_string (node)) : NULL;
}

SigStoreAttempt *
sig_store_attempt_from_json (JsonNode *node)
{
  g_autoptr(SigStoreAttempt) attempt = NULL;
  JsonObject *object, *ended, *states;
  GList *names;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  attempt = sig_store_attempt_new (NULL);
  attempt->registration = dup_string_member (object, "registration");
  attempt->version = dup_string_member (object, "version");
  attempt->started = json_object_get_int_member_with_default (object, "started", 0);
  if (!read_answers (object, "answers", attempt->answers) ||
      !read_answers (object, "post_answers", attempt->post_answers) ||
      !read_set (object, "pages", attempt->pages) ||
      !read_set (object, "modules_completed", attempt->modules_completed) ||
      (ended = member_object (object, "ended")) == NULL ||
      (states = member_object (object, "states")) == NULL)
    return NULL;
  names = json_object_get_members (ended);
  for (GList *l = names; l != NULL; l = l->next)
    g_hash_table_replace (attempt->ended, g_strdup (l->data),
                          GINT_TO_POINTER ((int) json_object_get_int_member (ended, l->data)));
  g_list_free (names);
  names = json_object_get_members (states);
  for (GList *l = names; l != NULL; l = l->next)
    g_hash_table_replace (attempt->states, g_strdup (l->data), dup_string_member (states, l->data));
  g_list_free (names);
  attempt->item_events = json_object_get_int_member_with_default (object, "item_events", 0);
  attempt->finished = json_object_get_boolean_member_with_default (object, "finished", FALSE);
  attempt->result = json_object_get_int_member_with_default (object, "result", SIG_PROGRESS_IN_PROGRESS);
  attempt->result_has_score = json_object_get_boolean_member_with_default (object, "result_has_score", FALSE);
  attempt->result_score = json_object_get_double_member_with_default (object, "result_score", 0);
  attempt->finished_at = json_object_get_int_member_with_default (object, "finished_at", 0);
  return g_steal_pointer (&attempt);
}

char *
sig_store_course_state_to_json (const SigStoreCourseState *state,
                                gboolean                   with_attempt)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_int (builder, "attempts", state->attempts);
  add_string (builder, "course_version", state->course_version);
  add_string (builder, "registration", state->attempt ? state->attempt->registration : NULL);
  if (with_attempt)
    {
      json_builder_set_member_name (builder, "attempt");
      if (state->attempt != NULL)
        json_builder_add_value (builder, sig_store_attempt_to_json (state->attempt));
      else
        json_builder_add_null_value (builder);
    }
  add_int (builder, "standing", state->standing);
  json_builder_set_member_name (builder, "standing_has_score");
  json_builder_add_boolean_value (builder, state->standing_has_score);
  add_double (builder, "standing_score", state->standing_score);
  add_int (builder, "completed_at", state->completed_at);
  add_double (builder, "best_score", state->best_score);
  json_builder_set_member_name (builder, "may_refresh");
  json_builder_add_boolean_value (builder, state->may_refresh);
  add_answers (builder, "pre_answers", state->pre_answers);
  add_answers (builder, "post_answers", state->post_answers);
  add_int (builder, "refresher_since", state->refresher_since);
  add_string (builder, "refresher_module", state->refresher_module);
  json_builder_set_member_name (builder, "refresher");
  if (state->refresher != NULL)
    json_builder_add_value (builder, sig_store_attempt_to_json (state->refresher));
  else
    json_builder_add_null_value (builder);
  add_int (builder, "refresher_result", state->refresher_result);
  add_double (builder, "refresher_score", state->refresher_score);
  add_int (builder, "refresher_at", state->refresher_at);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

SigStoreCourseState *
sig_store_course_state_from_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(SigStoreCourseState) state = NULL;
  JsonObject *object;
  JsonNode *node;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  state = sig_store_course_state_new ();
  state->attempts = json_object_get_int_member_with_default (object, "attempts", 0);
  state->course_version = dup_string_member (object, "course_version");
  if ((node = json_object_get_member (object, "attempt")) != NULL && !JSON_NODE_HOLDS_NULL (node) &&
      (state->attempt = sig_store_attempt_from_json (node)) == NULL)
    return NULL;
  state->standing = json_object_get_int_member_with_default (object, "standing", SIG_PROGRESS_NOT_STARTED);
  state->standing_has_score = json_object_get_boolean_member_with_default (object, "standing_has_score", FALSE);
  state->standing_score = json_object_get_double_member_with_default (object, "standing_score", 0);
  state->completed_at = json_object_get_int_member_with_default (object, "completed_at", 0);
  state->best_score = json_object_get_double_member_with_default (object, "best_score", -1);
  state->may_refresh = json_object_get_boolean_member_with_default (object, "may_refresh", FALSE);
  if (!read_answers (object, "pre_answers", state->pre_answers) ||
      !read_answers (object, "post_answers", state->post_answers))
    return NULL;
  state->refresher_since = json_object_get_int_member_with_default (object, "refresher_since", 0);
  state->refresher_module = dup_string_member (object, "refresher_module");
  if ((node = json_object_get_member (object, "refresher")) != NULL && !JSON_NODE_HOLDS_NULL (node) &&
      (state->refresher = sig_store_attempt_from_json (node)) == NULL)
    return NULL;
  state->refresher_result = json_object_get_int_member_with_default (object, "refresher_result", SIG_PROGRESS_NOT_STARTED);
  state->refresher_score = json_object_get_double_member_with_default (object, "refresher_score", -1);
  state->refresher_at = json_object_get_int_member_with_default (object, "refresher_at", 0);
  return g_steal_pointer (&state);
}
