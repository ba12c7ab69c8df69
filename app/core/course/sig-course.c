/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "sig-course.h"
#include "sig-condition.h"
#include "sig-course-private.h"

static const char *question_types[] = {
  [SIG_QUESTION_SINGLE] = "single",
  [SIG_QUESTION_MULTIPLE] = "multiple",
  [SIG_QUESTION_TRUE_FALSE] = "true-false",
  [SIG_QUESTION_ORDERING] = "ordering",
  [SIG_QUESTION_MATCHING] = "matching",
  [SIG_QUESTION_SPOT_SIGNALS] = "spot-signals",
};

const char *
sig_question_type_to_string (SigQuestionType type)
{
  g_return_val_if_fail (type <= SIG_QUESTION_SPOT_SIGNALS, NULL);
  return question_types[type];
}

gboolean
sig_question_type_from_string (const char      *str,
                               SigQuestionType *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (question_types); i++)
    if (g_strcmp0 (str, question_types[i]) == 0)
      {
        *type = i;
        return TRUE;
      }
  return FALSE;
}

void
sig_inline_free (gpointer data)
{
  SigInline *in = data;

  g_free (in->text);
  g_free (in->ref);
  g_free (in);
}

void
sig_block_free (SigBlock *block)
{
  if (block == NULL)
    return;
  g_clear_pointer (&block->inlines, g_ptr_array_unref);
  g_clear_pointer (&block->items, g_ptr_array_unref);
  g_clear_pointer (&block->children, g_ptr_array_unref);
  g_free (block->callout_kind);
  g_free (block->src);
  g_free (block->alt);
  g_free (block->ref);
  g_free (block);
}

void
sig_body_free (gpointer data)
{
  SigBody *body = data;

  g_free (body->lang);
  g_ptr_array_unref (body->blocks);
  g_free (body);
}

void
sig_page_free (SigPage *page)
{
  g_free (page->id);
  sig_text_free (page->title);
  g_ptr_array_unref (page->bodies);
  g_free (page);
}

void
sig_option_free (gpointer data)
{
  SigOption *option = data;

  g_free (option->id);
  sig_text_free (option->text);
  sig_text_free (option->feedback);
  g_free (option);
}

void
sig_pair_free (gpointer data)
{
  SigPair *pair = data;

  g_free (pair->id);
  sig_text_free (pair->left);
  sig_text_free (pair->right);
  g_free (pair);
}

void
sig_span_free (gpointer data)
{
  SigSpan *span = data;

  g_free (span->id);
  sig_text_free (span->text);
  sig_text_free (span->feedback);
  g_free (span);
}

void
sig_segment_free (gpointer data)
{
  SigSegment *segment = data;

  g_free (segment->span_id);
  g_free (segment->text);
  g_free (segment);
}

void
sig_passage_free (gpointer data)
{
  SigPassage *passage = data;

  g_free (passage->lang);
  g_ptr_array_unref (passage->segments);
  g_free (passage);
}

void
sig_question_free (SigQuestion *question)
{
  if (question == NULL)
    return;
  g_free (question->id);
  g_strfreev (question->objectives);
  sig_text_free (question->prompt);
  sig_text_free (question->explanation);
  g_ptr_array_unref (question->options);
  g_ptr_array_unref (question->pairs);
  g_ptr_array_unref (question->spans);
  g_ptr_array_unref (question->passages);
  g_free (question);
}

void
sig_item_free (gpointer data)
{
  SigModuleItem *item = data;

  if (item->page != NULL)
    sig_page_free (item->page);
  sig_question_free (item->question);
  g_free (item->scenario_ref);
  g_free (item);
}

static void
module_free (gpointer data)
{
  SigModule *module = data;

  g_free (module->id);
  sig_text_free (module->title);
  g_ptr_array_unref (module->items);
  g_clear_pointer (&module->review, g_ptr_array_unref);
  g_free (module);
}

void
sig_objective_free (gpointer data)
{
  SigObjective *objective = data;

  g_free (objective->id);
  sig_text_free (objective->text);
  g_free (objective);
}

void
sig_source_free (gpointer data)
{
  SigSource *source = data;

  g_free (source->id);
  g_free (source->url);
  g_free (source->checked);
  sig_text_free (source->text);
  g_free (source);
}

void
sig_ref_free (gpointer data)
{
  SigRef *ref = data;

  g_free (ref->id);
  g_free (ref);
}

void
sig_persona_free (gpointer data)
{
  SigPersona *persona = data;

  g_free (persona->id);
  g_free (persona->gender);
  g_free (persona->name);
  sig_text_free (persona->pronouns);
  g_hash_table_unref (persona->words);
  g_free (persona);
}

void
sig_character_free (gpointer data)
{
  SigCharacter *character = data;

  g_free (character->id);
  sig_text_free (character->name);
  g_free (character);
}

void
sig_variable_free (gpointer data)
{
  SigVariable *variable = data;

  g_free (variable->id);
  sig_text_free (variable->label);
  g_free (variable);
}

void
sig_signal_free (gpointer data)
{
  SigSignal *signal = data;

  g_free (signal->id);
  sig_text_free (signal->text);
  g_free (signal);
}

void
sig_effect_free (gpointer data)
{
  SigEffect *effect = data;

  g_free (effect->var);
  g_free (effect);
}

void
sig_choice_free (gpointer data)
{
  SigChoice *choice = data;

  g_free (choice->id);
  g_free (choice->target);
  g_free (choice->condition_source);
  sig_condition_free (choice->condition);
  sig_text_free (choice->text);
  sig_text_free (choice->feedback);
  g_ptr_array_unref (choice->effects);
  g_strfreev (choice->notices);
  g_free (choice);
}

void
sig_transition_free (gpointer data)
{
  SigTransition *transition = data;

  g_free (transition->target);
  g_free (transition->condition_source);
  sig_condition_free (transition->condition);
  g_free (transition);
}

void
sig_node_free (gpointer data)
{
  SigNode *node = data;

  g_free (node->id);
  g_free (node->speaker);
  sig_text_free (node->text);
  g_ptr_array_unref (node->choices);
  g_ptr_array_unref (node->transitions);
  g_free (node);
}

void
sig_ending_free (gpointer data)
{
  SigEnding *ending = data;

  g_free (ending->id);
  sig_text_free (ending->title);
  sig_text_free (ending->debrief);
  g_free (ending);
}

/* Constructors used by the loader: every array owns its elements. */

SigScenario *
sig_scenario_new_empty (void)
{
  SigScenario *scenario = g_new0 (SigScenario, 1);

  g_atomic_ref_count_init (&scenario->ref_count);
  scenario->sources = g_ptr_array_new_with_free_func (sig_source_free);
  scenario->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) sig_text_free);
  scenario->personas = g_ptr_array_new_with_free_func (sig_persona_free);
  scenario->characters = g_ptr_array_new_with_free_func (sig_character_free);
  scenario->variables = g_ptr_array_new_with_free_func (sig_variable_free);
  scenario->signals = g_ptr_array_new_with_free_func (sig_signal_free);
  scenario->nodes = g_ptr_array_new_with_free_func (sig_node_free);
  scenario->endings = g_ptr_array_new_with_free_func (sig_ending_free);
  scenario->refs = g_ptr_array_new_with_free_func (sig_ref_free);
  scenario->texts = g_ptr_array_new_with_free_func (g_free);
  return scenario;
}

SigCourse *
sig_course_new_empty (void)
{
  SigCourse *course = g_new0 (SigCourse, 1);

  g_atomic_ref_count_init (&course->ref_count);
  course->accreditation_points = -1;
  course->objectives = g_ptr_array_new_with_free_func (sig_objective_free);
  course->sources = g_ptr_array_new_with_free_func (sig_source_free);
  course->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) sig_text_free);
  course->knowledge_check = g_ptr_array_new_with_free_func ((GDestroyNotify) sig_question_free);
  course->modules = g_ptr_array_new_with_free_func (module_free);
  course->scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify) sig_scenario_unref);
  course->media = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  course->refs = g_ptr_array_new_with_free_func (sig_ref_free);
  course->texts = g_ptr_array_new_with_free_func (g_free);
  return course;
}

SigCourse *
sig_course_ref (SigCourse *course)
{
  g_return_val_if_fail (course != NULL, NULL);
  g_atomic_ref_count_inc (&course->ref_count);
  return course;
}

void
sig_course_unref (SigCourse *course)
{
  if (course == NULL || !g_atomic_ref_count_dec (&course->ref_count))
    return;
  g_free (course->path);
  g_free (course->base_dir);
  g_free (course->id);
  g_free (course->version);
  g_strfreev (course->languages);
  sig_text_free (course->title);
  sig_text_free (course->summary);
  sig_text_free (course->publisher_name);
  g_free (course->publisher_logo);
  g_strfreev (course->sectors);
  g_strfreev (course->themes);
  sig_text_free (course->accreditation_register);
  g_free (course->refresher_module);
  g_ptr_array_unref (course->objectives);
  g_ptr_array_unref (course->sources);
  g_ptr_array_unref (course->warnings);
  g_ptr_array_unref (course->knowledge_check);
  g_ptr_array_unref (course->modules);
  g_ptr_array_unref (course->scenarios);
  g_hash_table_unref (course->media);
  g_ptr_array_unref (course->refs);
  g_ptr_array_unref (course->texts);
  g_free (course);
}

SigScenario *
sig_scenario_ref (SigScenario *scenario)
{
  g_return_val_if_fail (scenario != NULL, NULL);
  g_atomic_ref_count_inc (&scenario->ref_count);
  return scenario;
}

void
sig_scenario_unref (SigScenario *scenario)
{
  if (scenario == NULL || !g_atomic_ref_count_dec (&scenario->ref_count))
    return;
  g_free (scenario->path);
  g_free (scenario->id);
  g_free (scenario->version);
  g_strfreev (scenario->languages);
  g_free (scenario->start);
  sig_text_free (scenario->title);
  sig_text_free (scenario->summary);
  g_strfreev (scenario->sectors);
  g_strfreev (scenario->themes);
  g_ptr_array_unref (scenario->sources);
  g_ptr_array_unref (scenario->warnings);
  g_ptr_array_unref (scenario->personas);
  g_ptr_array_unref (scenario->characters);
  g_ptr_array_unref (scenario->variables);
  g_ptr_array_unref (scenario->signals);
  g_ptr_array_unref (scenario->nodes);
  g_ptr_array_unref (scenario->endings);
  g_ptr_array_unref (scenario->refs);
  g_ptr_array_unref (scenario->texts);
  g_free (scenario);
}

SigModule *
sig_course_find_module (SigCourse  *course,
                        const char *id)
{
  for (guint i = 0; i < course->modules->len; i++)
    {
      SigModule *module = course->modules->pdata[i];

      if (g_strcmp0 (module->id, id) == 0)
        return module;
    }
  return NULL;
}

SigQuestion *
sig_course_find_question (SigCourse  *course,
                          const char *id)
{
  for (guint i = 0; i < course->knowledge_check->len; i++)
    {
      SigQuestion *question = course->knowledge_check->pdata[i];

      if (g_strcmp0 (question->id, id) == 0)
        return question;
    }
  for (guint i = 0; i < course->modules->len; i++)
    {
      SigModule *module = course->modules->pdata[i];

      for (guint j = 0; j < module->items->len; j++)
        {
          SigModuleItem *item = module->items->pdata[j];

          if (item->question != NULL && g_strcmp0 (item->question->id, id) == 0)
            return item->question;
        }
      for (guint j = 0; module->review != NULL && j < module->review->len; j++)
        {
          SigQuestion *question = module->review->pdata[j];

          if (g_strcmp0 (question->id, id) == 0)
            return question;
        }
    }
  return NULL;
}

SigScenario *
sig_course_find_scenario (SigCourse  *course,
                          const char *id)
{
  for (guint i = 0; i < course->scenarios->len; i++)
    {
      SigScenario *scenario = course->scenarios->pdata[i];

      if (g_strcmp0 (scenario->id, id) == 0)
        return scenario;
    }
  return NULL;
}

static guint
count_items (SigCourse   *course,
             SigItemKind  kind,
             gboolean     required_points)
{
  guint n = 0;

  for (guint i = 0; i < course->modules->len; i++)
    {
      SigModule *module = course->modules->pdata[i];

      if (required_points && !module->required)
        continue;
      for (guint j = 0; j < module->items->len; j++)
        {
          SigModuleItem *item = module->items->pdata[j];

          if (item->kind != kind)
            continue;
          n += required_points ? item->question->points : 1;
        }
    }
  return n;
}

guint
sig_course_count_pages (SigCourse *course)
{
  return count_items (course, SIG_ITEM_PAGE, FALSE);
}

guint
sig_course_count_questions (SigCourse *course)
{
  return count_items (course, SIG_ITEM_QUESTION, FALSE);
}

guint
sig_course_required_points (SigCourse *course)
{
  return count_items (course, SIG_ITEM_QUESTION, TRUE);
}

GPtrArray *
sig_course_scenario_refs (SigCourse *course)
{
  GPtrArray *refs = g_ptr_array_new ();

  for (guint i = 0; i < course->modules->len; i++)
    {
      SigModule *module = course->modules->pdata[i];

      for (guint j = 0; j < module->items->len; j++)
        {
          SigModuleItem *item = module->items->pdata[j];
          guint index;

          if (item->kind == SIG_ITEM_SCENARIO &&
              !g_ptr_array_find_with_equal_func (refs, item->scenario_ref, g_str_equal, &index))
            g_ptr_array_add (refs, item->scenario_ref);
        }
    }
  return refs;
}

gboolean
sig_course_claims_language (SigCourse  *course,
                            const char *lang)
{
  return course->languages != NULL && g_strv_contains ((const char * const *) course->languages, lang);
}

#define FIND_BY_ID(array, type)                          \
  for (guint i = 0; i < (array)->len; i++)               \
    {                                                    \
      type *found = (array)->pdata[i];                   \
      if (g_strcmp0 (found->id, id) == 0)                \
        return found;                                    \
    }                                                    \
  return NULL;

SigNode *
sig_scenario_find_node (SigScenario *scenario,
                        const char  *id)
{
  FIND_BY_ID (scenario->nodes, SigNode)
}

SigEnding *
sig_scenario_find_ending (SigScenario *scenario,
                          const char  *id)
{
  FIND_BY_ID (scenario->endings, SigEnding)
}

SigVariable *
sig_scenario_find_variable (SigScenario *scenario,
                            const char  *id)
{
  FIND_BY_ID (scenario->variables, SigVariable)
}

SigPersona *
sig_scenario_find_persona (SigScenario *scenario,
                           const char  *id)
{
  FIND_BY_ID (scenario->personas, SigPersona)
}

SigSignal *
sig_scenario_find_signal (SigScenario *scenario,
                          const char  *id)
{
  FIND_BY_ID (scenario->signals, SigSignal)
}

guint
sig_scenario_count_decisions (SigScenario *scenario)
{
  guint n = 0;

  for (guint i = 0; i < scenario->nodes->len; i++)
    {
      SigNode *node = scenario->nodes->pdata[i];

      if (node->choices->len > 0)
        n++;
    }
  return n;
}

char *
sig_inlines_to_plain (GPtrArray *inlines)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; inlines != NULL && i < inlines->len; i++)
    {
      SigInline *in = inlines->pdata[i];

      if (in->kind != SIG_INLINE_CITE && in->text != NULL)
        g_string_append (str, in->text);
    }
  return g_string_free (str, FALSE);
}
