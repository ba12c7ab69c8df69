/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sig-condition.h"
#include "sig-engine.h"
#include "sig-loader.h"

#define MAX_AUTOMATIC_STEPS 1000

struct _SigEngine
{
  SigScenario *scenario;
  const SigPersona *persona;
  SigEngineStatus status;
  const SigNode *node;
  const SigEnding *ending;
  double *values;              /* one per scenario variable */
  GHashTable *noticed;         /* signal id set (ids owned by the scenario) */
  GPtrArray *steps;            /* SigEngineStep* */
  GPtrArray *passed;           /* const SigNode*: automatic steps since the last choice */
};

static gboolean
lookup_value (const char *name,
              double     *value,
              gpointer    user_data)
{
  const SigEngine *engine = user_data;

  for (guint i = 0; i < engine->scenario->variables->len; i++)
    if (g_str_equal (((SigVariable *) engine->scenario->variables->pdata[i])->id, name))
      {
        *value = engine->values[i];
        return TRUE;
      }
  return FALSE;
}

static gboolean
engine_fail (GError    **error,
             const char *message)
{
  g_set_error_literal (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_INVALID, message);
  return FALSE;
}

/* Moves to @target; follows automatic transitions until a decision or an ending. */
static void
go_to (SigEngine  *engine,
       const char *target)
{
  for (guint steps = 0; steps < MAX_AUTOMATIC_STEPS; steps++)
    {
      const SigNode *node = sig_scenario_find_node (engine->scenario, target);
      const SigTransition *next = NULL;

      if (node == NULL)
        {
          engine->node = NULL;
          engine->ending = sig_scenario_find_ending (engine->scenario, target);
          engine->status = engine->ending != NULL ? SIG_ENGINE_ENDED : SIG_ENGINE_STUCK;
          return;
        }
      engine->node = node;
      if (node->choices->len > 0)
        {
          g_autoptr(GPtrArray) choices = sig_engine_get_choices (engine);

          engine->status = choices->len > 0 ? SIG_ENGINE_AT_DECISION : SIG_ENGINE_STUCK;
          return;
        }
      g_ptr_array_add (engine->passed, (gpointer) node);
      for (guint i = 0; i < node->transitions->len && next == NULL; i++)
        {
          const SigTransition *transition = node->transitions->pdata[i];

          if (sig_condition_eval (transition->condition, lookup_value, engine))
            next = transition;
        }
      if (next == NULL)
        {
          engine->status = SIG_ENGINE_STUCK;
          return;
        }
      target = next->target;
    }
  engine->status = SIG_ENGINE_STUCK;
}

static void
engine_reset (SigEngine *engine)
{
  for (guint i = 0; i < engine->scenario->variables->len; i++)
    engine->values[i] = ((SigVariable *) engine->scenario->variables->pdata[i])->initial;
  g_hash_table_remove_all (engine->noticed);
  g_ptr_array_set_size (engine->steps, 0);
  g_ptr_array_set_size (engine->passed, 0);
  engine->ending = NULL;
  go_to (engine, engine->scenario->start);
}

SigEngine *
sig_engine_new (SigScenario *scenario,
                const char  *persona_id,
                GError     **error)
{
  SigEngine *engine;
  const SigPersona *persona;

  g_return_val_if_fail (scenario != NULL && scenario->personas->len > 0, NULL);

  persona = persona_id != NULL ? sig_scenario_find_persona (scenario, persona_id) : scenario->personas->pdata[0];
  if (persona == NULL)
    {
      g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_INVALID,
                   _("The scenario “%s” has no persona “%s”."), scenario->id, persona_id);
      return NULL;
    }
  engine = g_new0 (SigEngine, 1);
  engine->scenario = sig_scenario_ref (scenario);
  engine->persona = persona;
  engine->values = g_new0 (double, MAX (1, scenario->variables->len));
  engine->noticed = g_hash_table_new (g_str_hash, g_str_equal);
  engine->steps = g_ptr_array_new_with_free_func (g_free);
  engine->passed = g_ptr_array_new ();
  engine_reset (engine);
  return engine;
}

SigEngine *
sig_engine_copy (const SigEngine *engine)
{
  SigEngine *copy = g_new0 (SigEngine, 1);
  GHashTableIter iter;
  gpointer key;

  copy->scenario = sig_scenario_ref (engine->scenario);
  copy->persona = engine->persona;
  copy->status = engine->status;
  copy->node = engine->node;
  copy->ending = engine->ending;
  copy->values = g_memdup2 (engine->values, sizeof (double) * MAX (1, engine->scenario->variables->len));
  copy->noticed = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_iter_init (&iter, engine->noticed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (copy->noticed, key);
  copy->steps = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < engine->steps->len; i++)
    g_ptr_array_add (copy->steps, g_memdup2 (engine->steps->pdata[i], sizeof (SigEngineStep)));
  copy->passed = g_ptr_array_copy (engine->passed, NULL, NULL);
  return copy;
}

void
sig_engine_free (SigEngine *engine)
{
  if (engine == NULL)
    return;
  sig_scenario_unref (engine->scenario);
  g_free (engine->values);
  g_hash_table_unref (engine->noticed);
  g_ptr_array_unref (engine->steps);
  g_ptr_array_unref (engine->passed);
  g_free (engine);
}

SigScenario *
sig_engine_get_scenario (const SigEngine *engine)
{
  return engine->scenario;
}

const SigPersona *
sig_engine_get_persona (const SigEngine *engine)
{
  return engine->persona;
}

SigEngineStatus
sig_engine_get_status (const SigEngine *engine)
{
  return engine->status;
}

const SigNode *
sig_engine_get_node (const SigEngine *engine)
{
  return engine->node;
}

const SigEnding *
sig_engine_get_ending (const SigEngine *engine)
{
  return engine->ending;
}

GPtrArray *
sig_engine_get_choices (const SigEngine *engine)
{
  GPtrArray *choices = g_ptr_array_new ();

  if (engine->node == NULL)
    return choices;
  for (guint i = 0; i < engine->node->choices->len; i++)
    {
      SigChoice *choice = engine->node->choices->pdata[i];

      if (sig_condition_eval (choice->condition, lookup_value, (gpointer) engine))
        g_ptr_array_add (choices, choice);
    }
  return choices;
}

gboolean
sig_engine_choose (SigEngine  *engine,
                   const char *choice_id,
                   GError    **error)
{
  g_autoptr(GPtrArray) choices = NULL;
  SigEngineStep *step;
  SigChoice *choice = NULL;

  if (engine->status != SIG_ENGINE_AT_DECISION)
    return engine_fail (error, _("The scenario is not waiting for a choice."));

  choices = sig_engine_get_choices (engine);
  step = g_new0 (SigEngineStep, 1);
  for (guint i = 0; i < choices->len; i++)
    {
      SigChoice *candidate = choices->pdata[i];

      if (g_strcmp0 (candidate->id, choice_id) == 0)
        choice = candidate;
      if (candidate->recommended && step->recommended == NULL)
        step->recommended = candidate;
    }
  if (choice == NULL)
    {
      g_free (step);
      g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_INVALID,
                   _("“%s” is not one of the choices available here."), choice_id);
      return FALSE;
    }
  step->node = engine->node;
  step->choice = choice;
  step->was_recommended = choice->recommended;
  g_ptr_array_add (engine->steps, step);

  for (guint i = 0; i < choice->effects->len; i++)
    {
      SigEffect *effect = choice->effects->pdata[i];

      for (guint j = 0; j < engine->scenario->variables->len; j++)
        {
          SigVariable *variable = engine->scenario->variables->pdata[j];
          double value;

          if (!g_str_equal (variable->id, effect->var))
            continue;
          value = effect->op == SIG_EFFECT_ADD ? engine->values[j] + effect->value : effect->value;
          if (variable->is_flag)
            value = value != 0;
          engine->values[j] = CLAMP (value, variable->min, variable->max);
        }
    }
  for (guint i = 0; choice->notices[i] != NULL; i++)
    {
      SigSignal *signal = sig_scenario_find_signal (engine->scenario, choice->notices[i]);

      if (signal != NULL)
        g_hash_table_add (engine->noticed, signal->id);
    }
  g_ptr_array_set_size (engine->passed, 0);
  go_to (engine, choice->target);
  return TRUE;
}

double
sig_engine_get_value (const SigEngine *engine,
                      const char      *variable)
{
  double value = 0;

  lookup_value (variable, &value, (gpointer) engine);
  return value;
}

gboolean
sig_engine_has_noticed (const SigEngine *engine,
                        const char      *signal)
{
  return g_hash_table_contains (engine->noticed, signal);
}

const GPtrArray *
sig_engine_get_passed_nodes (const SigEngine *engine)
{
  return engine->passed;
}

const GPtrArray *
sig_engine_get_steps (const SigEngine *engine)
{
  return engine->steps;
}

guint
sig_engine_recommended_decisions (const SigEngine *engine)
{
  g_autoptr(SigEngine) walk = sig_engine_new (engine->scenario, engine->persona->id, NULL);
  guint n = 0;

  while (walk != NULL && sig_engine_get_status (walk) == SIG_ENGINE_AT_DECISION
         && n < engine->scenario->nodes->len)
    {
      g_autoptr(GPtrArray) choices = sig_engine_get_choices (walk);
      const SigChoice *pick = NULL;

      for (guint i = 0; i < choices->len && pick == NULL; i++)
        if (((const SigChoice *) choices->pdata[i])->recommended)
          pick = choices->pdata[i];
      if (pick == NULL && choices->len > 0)
        pick = choices->pdata[0];
      if (pick == NULL || !sig_engine_choose (walk, pick->id, NULL))
        break;
      n++;
    }
  return n;
}

char *
sig_engine_state_key (const SigEngine *engine)
{
  GString *key = g_string_new (engine->node ? engine->node->id : engine->ending ? engine->ending->id : "?");

  for (guint i = 0; i < engine->scenario->variables->len; i++)
    {
      char value[G_ASCII_DTOSTR_BUF_SIZE];

      /* The same key in every language: a decimal point, never a comma. */
      g_string_append_c (key, '|');
      g_string_append (key, g_ascii_formatd (value, sizeof value, "%g", engine->values[i]));
    }
  for (guint i = 0; i < engine->scenario->signals->len; i++)
    g_string_append_c (key, g_hash_table_contains (engine->noticed,
                                                   ((SigSignal *) engine->scenario->signals->pdata[i])->id) ? '1' : '0');
  return g_string_free (key, FALSE);
}

/* Words that end in a full stop without ending a sentence ("Dr. {name}",
 * "bijv. {subject}"); abbreviations with a dot inside ("e.g.", "d.w.z.") and
 * single letters are recognised without a list. Lower case. */
static const char * const abbreviations[] = {
  "bijv", "ca", "dhr", "dr", "etc", "evt", "incl", "jr", "mevr", "mr", "mrs",
  "ms", "mw", "nr", "prof", "resp", "sr", "st", "vs", "zgn",
};

static gboolean
is_abbreviation (const char *start,
                 const char *dot)
{
  const char *word = dot;
  g_autofree char *lower = NULL;

  while (word > start && !g_ascii_isspace (word[-1]) && word[-1] != '(' && word[-1] != '"')
    word--;
  if (memchr (word, '.', dot - word) != NULL)
    return TRUE;
  if (g_utf8_strlen (word, dot - word) == 1)
    return TRUE;
  lower = g_utf8_strdown (word, dot - word);
  for (guint i = 0; i < G_N_ELEMENTS (abbreviations); i++)
    if (g_str_equal (lower, abbreviations[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_opening_quote (gunichar c)
{
  return c == '"' || c == '\'' || c == '(' || c == 0x201C || c == 0x2018
         || c == 0x201E || c == 0x201A || c == 0x00AB;
}

static gboolean
is_closing_quote (gunichar c)
{
  return c == '"' || c == '\'' || c == ')' || c == 0x201D || c == 0x2019 || c == 0x00BB;
}

/* Whether text appended to @text now begins a sentence: at the start, after
 * a line break, or after ".", "!", "?" or "…" (and any closing quotes) and a
 * space, with any opening quotes in between — but not after an abbreviation. */
static gboolean
at_sentence_start (const char *text,
                   gsize       len)
{
  const char *p = text + len;
  gboolean spaced = FALSE;
  gunichar c;

  while (p > text && is_opening_quote (g_utf8_get_char (g_utf8_prev_char (p))))
    p = g_utf8_prev_char (p);
  while (p > text && g_ascii_isspace (p[-1]))
    {
      if (p[-1] == '\n')
        return TRUE;
      spaced = TRUE;
      p--;
    }
  if (p == text)
    return TRUE;
  if (!spaced)
    return FALSE;
  while (p > text && is_closing_quote (g_utf8_get_char (g_utf8_prev_char (p))))
    p = g_utf8_prev_char (p);
  if (p == text)
    return FALSE;
  c = g_utf8_get_char (g_utf8_prev_char (p));
  if (c == '!' || c == '?' || c == 0x2026)
    return TRUE;
  return c == '.' && !is_abbreviation (text, p - 1);
}

/* Appends @value, its first letter upper case where it begins a sentence. */
static void
append_value (GString    *out,
              const char *value)
{
  gunichar first = g_utf8_get_char (value);

  if (*value && g_unichar_islower (first) && at_sentence_start (out->str, out->len))
    {
      g_string_append_unichar (out, g_unichar_totitle (first));
      g_string_append (out, g_utf8_next_char (value));
    }
  else
    g_string_append (out, value);
}

char *
sig_persona_render (const SigPersona *persona,
                    const char       *template_text,
                    const char       *lang,
                    GPtrArray        *unknown_keys)
{
  GString *out = g_string_new (NULL);
  const char *p = template_text;

  while (p != NULL && *p)
    {
      const char *close;

      if (*p == '{' && (close = strchr (p, '}')) != NULL && close - p < 40)
        {
          g_autofree char *key = g_strndup (p + 1, close - p - 1);
          const char *value = NULL;

          if (g_str_equal (key, "name"))
            value = persona->name;
          else if (g_str_equal (key, "pronouns"))
            value = sig_text_get (persona->pronouns, lang);
          else
            value = sig_text_get_exact (g_hash_table_lookup (persona->words, key), lang);
          if (value == NULL)
            {
              if (unknown_keys != NULL)
                g_ptr_array_add (unknown_keys, g_strdup (key));
              g_string_append_len (out, p, close - p + 1);
            }
          else
            append_value (out, value);
          p = close + 1;
          continue;
        }
      g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

char *
sig_engine_render (const SigEngine *engine,
                   const SigText   *text,
                   const char      *lang)
{
  return sig_persona_render (engine->persona, sig_text_get (text, lang), lang, NULL);
}

char *
sig_engine_serialize (const SigEngine *engine)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "scenario");
  json_builder_add_string_value (builder, engine->scenario->id);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, engine->scenario->version);
  json_builder_set_member_name (builder, "persona");
  json_builder_add_string_value (builder, engine->persona->id);
  /* The choices replay deterministically to the same state. */
  json_builder_set_member_name (builder, "choices");
  json_builder_begin_array (builder);
  for (guint i = 0; i < engine->steps->len; i++)
    json_builder_add_string_value (builder, ((SigEngineStep *) engine->steps->pdata[i])->choice->id);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "position");
  json_builder_add_string_value (builder, engine->node ? engine->node->id : engine->ending ? engine->ending->id : "");
  json_builder_set_member_name (builder, "variables");
  json_builder_begin_object (builder);
  for (guint i = 0; i < engine->scenario->variables->len; i++)
    {
      json_builder_set_member_name (builder, ((SigVariable *) engine->scenario->variables->pdata[i])->id);
      json_builder_add_double_value (builder, engine->values[i]);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* Refuses a saved state, saying what is wrong with it. */
static gboolean
state_damaged (GError    **error,
               const char *what)
{
  /* Translators: %s says what is wrong, such as "“choices” is not a list" */
  g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_INVALID,
               _("The saved scenario state is damaged: %s."), what);
  return FALSE;
}

/* The string member @name of @object in @value (NULL when absent); FALSE with
 * @error set when it is there but not a string. */
static gboolean
string_member (JsonObject  *object,
               const char  *name,
               const char **value,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *value = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      /* Translators: %s is a JSON member name, such as "persona" */
      g_autofree char *what = g_strdup_printf (_("“%s” is not a text"), name);

      return state_damaged (error, what);
    }
  *value = json_node_get_string (node);
  return TRUE;
}

SigEngine *
sig_engine_deserialize (SigScenario *scenario,
                        const char  *json,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SigEngine) engine = NULL;
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root, *choices_node;
  JsonObject *object;
  JsonArray *choices = NULL;
  const char *scenario_id, *persona, *position;

  g_return_val_if_fail (scenario != NULL && json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, &parse_error))
    {
      /* Translators: %s is the JSON parser's message */
      g_autofree char *what = g_strdup_printf (_("it is not JSON (%s)"), parse_error->message);

      return state_damaged (error, what), NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return state_damaged (error, _("it is not a JSON object")), NULL;
  object = json_node_get_object (root);
  if (!string_member (object, "scenario", &scenario_id, error))
    return NULL;
  if (g_strcmp0 (scenario_id, scenario->id) != 0)
    return engine_fail (error, _("The saved state belongs to another scenario.")), NULL;
  if (!string_member (object, "persona", &persona, error) ||
      !string_member (object, "position", &position, error))
    return NULL;
  choices_node = json_object_get_member (object, "choices");
  if (choices_node != NULL)
    {
      if (!JSON_NODE_HOLDS_ARRAY (choices_node))
        return state_damaged (error, _("“choices” is not a list")), NULL;
      choices = json_node_get_array (choices_node);
    }
  if ((engine = sig_engine_new (scenario, persona, error)) == NULL)
    return NULL;
  for (guint i = 0; choices != NULL && i < json_array_get_length (choices); i++)
    {
      JsonNode *choice = json_array_get_element (choices, i);

      if (!JSON_NODE_HOLDS_VALUE (choice) || json_node_get_value_type (choice) != G_TYPE_STRING)
        {
          /* Translators: %u is the position of an entry in the list, from 1 */
          g_autofree char *what = g_strdup_printf (_("entry %u of “choices” is not a text"), i + 1);

          return state_damaged (error, what), NULL;
        }
      if (!sig_engine_choose (engine, json_node_get_string (choice), error))
        return NULL;
    }
  /* A newer version of the scenario may lead elsewhere: say so rather than resume wrongly. */
  if (g_strcmp0 (position != NULL ? position : "", engine->node ? engine->node->id : engine->ending ? engine->ending->id : "") != 0)
    return engine_fail (error, _("The scenario has changed since it was saved; it starts again from the beginning.")), NULL;
  return g_steal_pointer (&engine);
}
