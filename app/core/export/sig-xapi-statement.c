/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The xAPI statements of one learning event (see sig-xapi-statement.h). */
#include "config.h"

#include <string.h>

#include "sig-engine.h"
#include "sig-scoring.h"
#include "sig-xapi.h"
#include "sig-xapi-statement.h"

/* ISO 8601 in UTC with milliseconds, e.g. 2024-05-01T09:30:00.125Z */
static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autofree char *seconds = NULL;

  if (utc == NULL)
    return g_strdup ("1970-01-01T00:00:00.000Z");
  seconds = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", seconds, (int) ((usec % G_USEC_PER_SEC) / 1000));
}

void
sig_xapi_member_string (JsonBuilder *builder,
                        const char  *name,
                        const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
sig_xapi_member_double (JsonBuilder *builder,
                        const char  *name,
                        double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

void
sig_xapi_member_int (JsonBuilder *builder,
                     const char  *name,
                     gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
sig_xapi_member_bool (JsonBuilder *builder,
                      const char  *name,
                      gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

/* A language map from a SigText; "en" when empty. */
static void
member_language_map (JsonBuilder   *builder,
                     const char    *name,
                     const SigText *text,
                     const char    *fallback)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  if (text != NULL && sig_text_n_langs (text) > 0)
    for (guint i = 0; i < sig_text_n_langs (text); i++)
      {
        const char *lang = sig_text_lang_at (text, i);

        json_builder_set_member_name (builder, lang);
        json_builder_add_string_value (builder, sig_text_get_exact (text, lang));
      }
  else
    {
      json_builder_set_member_name (builder, "en");
      json_builder_add_string_value (builder, fallback);
    }
  json_builder_end_object (builder);
}

/* ---- xAPI ------------------------------------------------------------------ */


static void
add_score (JsonBuilder *builder,
           double       points,
           double       max)
{
  double raw = CLAMP (points, 0, max);

  json_builder_set_member_name (builder, "score");
  json_builder_begin_object (builder);
  sig_xapi_member_double (builder, "scaled", max > 0 ? raw / max : 0);
  sig_xapi_member_double (builder, "raw", raw);
  sig_xapi_member_double (builder, "min", 0);
  sig_xapi_member_double (builder, "max", max);
  json_builder_end_object (builder);
}

static void
add_activity (JsonBuilder   *builder,
              const char    *iri,
              const char    *type,
              const SigText *name,
              const char    *fallback_name,
              SigQuestion   *question)
{
  json_builder_set_member_name (builder, "object");
  json_builder_begin_object (builder);
  sig_xapi_member_string (builder, "objectType", "Activity");
  sig_xapi_member_string (builder, "id", iri);
  json_builder_set_member_name (builder, "definition");
  json_builder_begin_object (builder);
  member_language_map (builder, "name", name, fallback_name);
  sig_xapi_member_string (builder, "type", type);
  if (question != NULL)
    {
      g_autofree char *best = sig_question_best_response (question);
      g_autofree char *pattern = sig_xapi_response (question->type, best);

      member_language_map (builder, "description", question->prompt, question->id);
      sig_xapi_member_string (builder, "interactionType", sig_xapi_interaction_type (question->type));
      json_builder_set_member_name (builder, "correctResponsesPattern");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, pattern);
      json_builder_end_array (builder);
    }
  else if (g_str_equal (type, SIG_XAPI_TYPE_INTERACTION))
    sig_xapi_member_string (builder, "interactionType", "choice");
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

/* A text of the scenario in every language it has, the persona's words put in. */
static void
member_rendered_map (JsonBuilder     *builder,
                     const char      *name,
                     const SigEngine *engine,
                     const SigText   *text,
                     const char      *fallback)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  if (text != NULL && sig_text_n_langs (text) > 0)
    for (guint i = 0; i < sig_text_n_langs (text); i++)
      {
        const char *lang = sig_text_lang_at (text, i);
        g_autofree char *rendered = engine != NULL ? sig_engine_render (engine, text, lang)
                                                   : g_strdup (sig_text_get_exact (text, lang));

        json_builder_set_member_name (builder, lang);
        json_builder_add_string_value (builder, rendered);
      }
  else
    {
      json_builder_set_member_name (builder, "en");
      json_builder_add_string_value (builder, fallback);
    }
  json_builder_end_object (builder);
}

/* A scenario decision as a choice interaction a teacher can read in the LRS:
 * the decision's text as its name, every choice with its text, the
 * recommended choices as the correct responses. */
static void
add_decision_activity (JsonBuilder     *builder,
                       const char      *iri,
                       SigScenario     *scenario,
                       const SigNode   *node,
                       const SigEngine *engine,
                       const char      *fallback_name)
{
  json_builder_set_member_name (builder, "object");
  json_builder_begin_object (builder);
  sig_xapi_member_string (builder, "objectType", "Activity");
  sig_xapi_member_string (builder, "id", iri);
  json_builder_set_member_name (builder, "definition");
  json_builder_begin_object (builder);
  member_rendered_map (builder, "name", engine, node != NULL ? node->text : NULL, fallback_name);
  if (scenario != NULL)
    member_language_map (builder, "description", scenario->title, scenario->id);
  sig_xapi_member_string (builder, "type", SIG_XAPI_TYPE_INTERACTION);
  sig_xapi_member_string (builder, "interactionType", "choice");
  if (node != NULL && node->choices->len > 0)
    {
      json_builder_set_member_name (builder, "correctResponsesPattern");
      json_builder_begin_array (builder);
      for (guint i = 0; i < node->choices->len; i++)
        {
          SigChoice *choice = node->choices->pdata[i];

          if (choice->recommended)
            json_builder_add_string_value (builder, choice->id);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "choices");
      json_builder_begin_array (builder);
      for (guint i = 0; i < node->choices->len; i++)
        {
          SigChoice *choice = node->choices->pdata[i];

          json_builder_begin_object (builder);
          sig_xapi_member_string (builder, "id", choice->id);
          member_rendered_map (builder, "description", engine, choice->text, choice->id);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

/* The signals of @scenario the learner noticed (or, with @noticed FALSE, missed). */
static void
member_signals (JsonBuilder     *builder,
                const char      *name,
                SigScenario     *scenario,
                const SigEngine *engine,
                gboolean         noticed)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < scenario->signals->len; i++)
    {
      SigSignal *signal = scenario->signals->pdata[i];

      if (sig_engine_has_noticed (engine, signal->id) == noticed)
        json_builder_add_string_value (builder, signal->id);
    }
  json_builder_end_array (builder);
}

static void
add_statement (JsonBuilder        *builder,
               SigCourse          *course,
               const SigText      *course_name,
               const SigXapiActor *actor,
               const SigXapiEvent *event,
               const char         *statement_id,
               const char         *verb)
{
  SigModule *module = course && event->module_id ? sig_course_find_module (course, event->module_id) : NULL;
  g_autofree char *course_iri = sig_xapi_activity_iri (event->course_id, event->version, NULL, NULL, NULL, NULL);
  g_autofree char *module_iri = event->module_id ? sig_xapi_activity_iri (event->course_id, event->version, event->module_id, NULL, NULL, NULL) : NULL;
  g_autofree char *object_iri = NULL;
  g_autofree char *timestamp = format_time (event->time);
  g_autofree char *verb_iri = g_strdup (verb);
  const char *kind = event->kind;
  SigQuestion *question = NULL;
  const char *parent_iri = NULL;
  SigScenario *scenario = NULL;
  const SigNode *node = NULL;
  const SigChoice *chosen = NULL;
  g_autoptr(SigEngine) engine = NULL;

  json_builder_begin_object (builder);
  sig_xapi_member_string (builder, "id", statement_id);
  sig_xapi_member_string (builder, "version", SIG_XAPI_VERSION);

  json_builder_set_member_name (builder, "actor");
  json_builder_begin_object (builder);
  sig_xapi_member_string (builder, "objectType", "Agent");
  json_builder_set_member_name (builder, "account");
  json_builder_begin_object (builder);
  sig_xapi_member_string (builder, "homePage", actor->home_page);
  sig_xapi_member_string (builder, "name", actor->name);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "verb");
  json_builder_begin_object (builder);
  sig_xapi_member_string (builder, "id", verb_iri);
  json_builder_set_member_name (builder, "display");
  json_builder_begin_object (builder);
  sig_xapi_member_string (builder, "en-US", sig_xapi_verb_display (verb_iri));
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  if (g_str_equal (kind, "page-viewed"))
    {
      SigPage *page = NULL;

      for (guint i = 0; module && i < module->items->len; i++)
        {
          SigModuleItem *item = module->items->pdata[i];

          if (item->kind == SIG_ITEM_PAGE && g_str_equal (item->page->id, event->item_id))
            page = item->page;
        }
      object_iri = sig_xapi_activity_iri (event->course_id, event->version, event->module_id, "page", event->item_id, NULL);
      add_activity (builder, object_iri, SIG_XAPI_TYPE_LESSON, page ? page->title : NULL, event->item_id, NULL);
      parent_iri = module_iri;
    }
  else if (g_str_equal (kind, "answered"))
    {
      if (course != NULL)
        {
          if (event->phase != NULL)
            {
              for (guint i = 0; course->knowledge_check && i < course->knowledge_check->len; i++)
                if (g_str_equal (((SigQuestion *) course->knowledge_check->pdata[i])->id, event->item_id))
                  question = course->knowledge_check->pdata[i];
            }
          else
            question = sig_course_find_question (course, event->item_id);
        }
      if (event->phase != NULL)
        object_iri = sig_xapi_activity_iri (event->course_id, event->version, NULL, "knowledge-check", event->item_id, NULL);
      else
        object_iri = sig_xapi_activity_iri (event->course_id, event->version, event->module_id, "question", event->item_id, NULL);
      add_activity (builder, object_iri, SIG_XAPI_TYPE_INTERACTION, question ? question->prompt : NULL, event->item_id, question);
      parent_iri = module_iri ? module_iri : course_iri;
    }
  else if (g_str_equal (kind, "scenario-choice"))
    {
      scenario = course ? sig_course_find_scenario (course, event->item_id) : NULL;
      node = scenario && event->node_id ? sig_scenario_find_node (scenario, event->node_id) : NULL;
      engine = scenario && event->state ? sig_engine_deserialize (scenario, event->state, NULL) : NULL;
      for (guint i = 0; node != NULL && event->response != NULL && i < node->choices->len; i++)
        if (g_str_equal (((SigChoice *) node->choices->pdata[i])->id, event->response))
          chosen = node->choices->pdata[i];
      object_iri = sig_xapi_activity_iri (event->course_id, event->version, event->module_id, "scenario", event->item_id, event->node_id);
      add_decision_activity (builder, object_iri, scenario, node, engine, event->node_id);
      parent_iri = NULL;
    }
  else if (g_str_equal (kind, "scenario-ended"))
    {
      scenario = course ? sig_course_find_scenario (course, event->item_id) : NULL;
      engine = scenario && event->state ? sig_engine_deserialize (scenario, event->state, NULL) : NULL;
      object_iri = sig_xapi_activity_iri (event->course_id, event->version, event->module_id, "scenario", event->item_id, NULL);
      add_activity (builder, object_iri, SIG_XAPI_TYPE_SIMULATION, scenario ? scenario->title : NULL, event->item_id, NULL);
      parent_iri = module_iri;
    }
  else if (g_str_equal (kind, "module-completed") ||
           (g_str_has_prefix (kind, "refresher-") && module_iri != NULL))
    {
      object_iri = g_strdup (module_iri);
      add_activity (builder, object_iri, SIG_XAPI_TYPE_MODULE, module ? module->title : NULL, event->module_id, NULL);
      parent_iri = course_iri;
    }
  else
    {
      /* started, passed, failed, completed, and the attempt's end */
      object_iri = g_strdup (course_iri);
      add_activity (builder, object_iri, SIG_XAPI_TYPE_COURSE,
                    course ? course->title : course_name, event->course_id, NULL);
    }

  /* result */
  if (g_str_equal (kind, "answered") || g_str_equal (kind, "scenario-choice") ||
      g_str_equal (kind, "scenario-ended") || g_str_equal (kind, "module-completed") ||
      g_str_equal (kind, "passed") || g_str_equal (kind, "failed") || g_str_equal (kind, "completed") ||
      g_str_equal (kind, "refresher-passed") || g_str_equal (kind, "refresher-failed"))
    {
      json_builder_set_member_name (builder, "result");
      json_builder_begin_object (builder);
      if (event->has_points && event->max_points > 0)
        add_score (builder, event->points, event->max_points);
      if (g_str_equal (kind, "answered"))
        {
          g_autofree char *response = sig_xapi_response (question ? question->type : SIG_QUESTION_MULTIPLE, event->response);

          if (event->has_correct)
            sig_xapi_member_bool (builder, "success", event->correct);
          sig_xapi_member_string (builder, "response", response);
        }
      else if (g_str_equal (kind, "scenario-choice"))
        {
          if (chosen != NULL)
            sig_xapi_member_bool (builder, "success", chosen->recommended);
          sig_xapi_member_string (builder, "response", event->response);
        }
      else if (g_str_equal (kind, "scenario-ended"))
        {
          const SigEnding *ending = engine != NULL ? sig_engine_get_ending (engine) : NULL;

          sig_xapi_member_bool (builder, "completion", TRUE);
          if (ending != NULL)
            {
              /* The debrief's result: the ending reached, the recommended
               * choices taken, the signals noticed and missed. */
              const GPtrArray *steps = sig_engine_get_steps (engine);
              guint recommended = 0;

              for (guint i = 0; i < steps->len; i++)
                if (((SigEngineStep *) steps->pdata[i])->was_recommended)
                  recommended++;
              sig_xapi_member_string (builder, "response", ending->id);
              json_builder_set_member_name (builder, "extensions");
              json_builder_begin_object (builder);
              sig_xapi_member_string (builder, SIG_XAPI_EXTENSION_BASE "ending", ending->id);
              sig_xapi_member_int (builder, SIG_XAPI_EXTENSION_BASE "decisions", steps->len);
              sig_xapi_member_int (builder, SIG_XAPI_EXTENSION_BASE "recommended-choices", recommended);
              member_signals (builder, SIG_XAPI_EXTENSION_BASE "signals-noticed", scenario, engine, TRUE);
              member_signals (builder, SIG_XAPI_EXTENSION_BASE "signals-missed", scenario, engine, FALSE);
              json_builder_end_object (builder);
            }
        }
      else
        {
          if (g_str_equal (kind, "passed") || g_str_equal (kind, "failed") ||
              g_str_equal (kind, "refresher-passed") || g_str_equal (kind, "refresher-failed"))
            sig_xapi_member_bool (builder, "success", g_str_equal (kind, "passed") || g_str_equal (kind, "refresher-passed"));
          sig_xapi_member_bool (builder, "completion", TRUE);
        }
      json_builder_end_object (builder);
    }

  /* context */
  json_builder_set_member_name (builder, "context");
  json_builder_begin_object (builder);
  sig_xapi_member_string (builder, "registration", event->registration);
  sig_xapi_member_string (builder, "revision", event->version);
  sig_xapi_member_string (builder, "platform", "Signaal");
  if (event->language != NULL)
    sig_xapi_member_string (builder, "language", event->language);
  json_builder_set_member_name (builder, "contextActivities");
  json_builder_begin_object (builder);
  if (parent_iri != NULL || g_str_equal (kind, "scenario-choice"))
    {
      g_autofree char *scenario_iri = NULL;

      json_builder_set_member_name (builder, "parent");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      sig_xapi_member_string (builder, "objectType", "Activity");
      if (g_str_equal (kind, "scenario-choice"))
        {
          scenario_iri = sig_xapi_activity_iri (event->course_id, event->version, event->module_id, "scenario", event->item_id, NULL);
          sig_xapi_member_string (builder, "id", scenario_iri);
        }
      else
        sig_xapi_member_string (builder, "id", parent_iri);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
    }
  json_builder_set_member_name (builder, "grouping");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  sig_xapi_member_string (builder, "objectType", "Activity");
  sig_xapi_member_string (builder, "id", course_iri);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "extensions");
  json_builder_begin_object (builder);
  sig_xapi_member_string (builder, SIG_XAPI_EXTENSION_BASE "course-id", event->course_id);
  sig_xapi_member_string (builder, SIG_XAPI_EXTENSION_BASE "course-version", event->version);
  if (event->phase != NULL)
    sig_xapi_member_string (builder, SIG_XAPI_EXTENSION_BASE "knowledge-check-phase", event->phase);
  /* Played by a tool, not answered by the learner: a record to leave out of reports. */
  if (event->automated)
    sig_xapi_member_bool (builder, SIG_XAPI_EXTENSION_BASE "automated", TRUE);
  if (engine != NULL && sig_engine_get_persona (engine) != NULL)
    sig_xapi_member_string (builder, SIG_XAPI_EXTENSION_BASE "persona", sig_engine_get_persona (engine)->id);
  if (engine != NULL && g_str_equal (kind, "scenario-choice"))
    member_signals (builder, SIG_XAPI_EXTENSION_BASE "signals-noticed", scenario, engine, TRUE);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  sig_xapi_member_string (builder, "timestamp", timestamp);
  json_builder_end_object (builder);
}

static const char *
verb_for_kind (const char *kind)
{
  if (g_str_equal (kind, "started") || g_str_equal (kind, "refresher-started"))
    return SIG_XAPI_VERB_INITIALIZED;
  if (g_str_equal (kind, "page-viewed"))
    return SIG_XAPI_VERB_EXPERIENCED;
  if (g_str_equal (kind, "answered") || g_str_equal (kind, "scenario-choice"))
    return SIG_XAPI_VERB_ANSWERED;
  if (g_str_equal (kind, "passed") || g_str_equal (kind, "refresher-passed"))
    return SIG_XAPI_VERB_PASSED;
  if (g_str_equal (kind, "failed") || g_str_equal (kind, "refresher-failed"))
    return SIG_XAPI_VERB_FAILED;
  return SIG_XAPI_VERB_COMPLETED;
}

void
sig_xapi_add_event_statements (JsonBuilder        *builder,
                               const SigXapiEvent *event,
                               SigCourse          *course,
                               const SigText      *course_name,
                               const SigXapiActor *actor)
{
  g_return_if_fail (builder != NULL && event != NULL && actor != NULL);

  add_statement (builder, course, course_name, actor, event, event->statement_id, verb_for_kind (event->kind));
  /* The attempt ends with its result: a "terminated" statement follows. */
  if (g_str_equal (event->kind, "passed") || g_str_equal (event->kind, "failed") || g_str_equal (event->kind, "completed"))
    {
      g_autofree char *seed = g_strconcat (event->statement_id, "/terminated", NULL);
      g_autofree char *id = sig_xapi_uuid_from_seed (seed);
      SigXapiEvent end = *event;

      end.kind = "terminated";
      end.has_points = FALSE;
      end.has_correct = FALSE;
      add_statement (builder, course, course_name, actor, &end, id, SIG_XAPI_VERB_TERMINATED);
    }
}
