/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scenarios: personas and characters, variables, signals, nodes with their
 * choices, effects and conditions, and endings. A scenario is a file of its own
 * or packed inside a course. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sig-condition.h"
#include "sig-loader-private.h"

static gboolean
parse_number (const char *str,
              double     *out)
{
  char *end = NULL;

  if (str == NULL || *str == '\0')
    return FALSE;
  if (g_str_equal (str, "true") || g_str_equal (str, "false"))
    {
      *out = g_str_equal (str, "true");
      return TRUE;
    }
  *out = g_ascii_strtod (str, &end);
  return end != NULL && *end == '\0' && isfinite (*out);
}

static gboolean
parse_effects (Loader    *loader,
               xmlNode   *node,
               SigChoice *choice)
{
  g_autoptr(GStrvBuilder) notices = g_strv_builder_new ();

  foreach_child (node, child)
    {
      if (is_element (child, "set"))
        {
          SigEffect *effect = g_new0 (SigEffect, 1);
          g_autofree char *value = get_attr (child, "value");
          g_autofree char *add = get_attr (child, "add");

          effect->var = get_attr (child, "var");
          g_ptr_array_add (choice->effects, effect);
          effect->op = add != NULL ? SIG_EFFECT_ADD : SIG_EFFECT_SET;
          if (effect->var == NULL || (value == NULL) == (add == NULL) ||
              !parse_number (add != NULL ? add : value, &effect->value))
            return fail (loader, child, SIG_LOADER_ERROR_INVALID,
                         _("<set> needs var=\"…\" and either value=\"…\" (a number, true or false) or add=\"…\" (a number)."));
        }
      else if (is_element (child, "notice"))
        {
          g_autofree char *signal = get_attr (child, "signal");

          g_strv_builder_add (notices, signal ? signal : "");
        }
    }
  choice->notices = g_strv_builder_end (notices);
  return TRUE;
}

static SigCondition *
parse_condition (Loader  *loader,
                 xmlNode *node,
                 char    *source)
{
  g_autoptr(GError) error = NULL;
  SigCondition *condition;

  if (source == NULL)
    return NULL;
  if ((condition = sig_condition_parse (source, &error)) == NULL)
    fail (loader, node, SIG_LOADER_ERROR_INVALID, "%s", error->message);
  return condition;
}

SigScenario *
sig_loader_parse_scenario (Loader     *loader,
                           xmlNode    *root,
                           const char *path)
{
  g_autoptr(SigScenario) scenario = sig_scenario_new_empty ();
  g_autoptr(GHashTable) persona_keys = NULL;
  xmlNode *list;

  loader->refs = scenario->refs;
  loader->texts = scenario->texts;
  scenario->path = g_strdup (path);
  scenario->line = line_of (root);

  if (!sig_loader_parse_root_attributes (loader, root, &scenario->id, &scenario->version, &scenario->languages))
    return NULL;
  scenario->start = get_attr (root, "start");
  if ((scenario->title = sig_loader_require_text (loader, root, "title")) == NULL)
    return NULL;
  scenario->summary = sig_loader_collect_text (loader, root, "summary");
  scenario->sectors = sig_loader_collect_words (root, "sectors", "sector");
  scenario->themes = sig_loader_collect_words (root, "themes", "theme");
  if ((list = first_child (root, "minutes")) != NULL)
    {
      xmlChar *content = xmlNodeGetContent (list);
      scenario->minutes = (guint) g_ascii_strtoull ((const char *) content, NULL, 10);
      xmlFree (content);
    }
  if (!sig_loader_parse_sources (loader, root, scenario->sources) ||
      !sig_loader_parse_warnings (loader, root, scenario->warnings))
    return NULL;

  foreach_child (root, child)
    {
      if (is_element (child, "persona"))
        {
          SigPersona *persona = g_new0 (SigPersona, 1);
          xmlNode *name;

          g_ptr_array_add (scenario->personas, persona);
          persona->line = line_of (child);
          persona->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) sig_text_free);
          if ((persona->id = sig_loader_take_id (loader, child, TRUE)) == NULL)
            return NULL;
          persona->gender = get_attr (child, "gender");
          if ((name = first_child (child, "name")) == NULL)
            return fail (loader, child, SIG_LOADER_ERROR_INVALID, _("The persona “%s” needs a <name>."), persona->id), NULL;
          persona->name = sig_loader_element_text (loader, name);
          persona->pronouns = sig_loader_collect_text (loader, child, "pronouns");
          foreach_child (child, word)
            {
              g_autofree char *key = NULL;

              if (!is_element (word, "word"))
                continue;
              key = get_attr (word, "key");
              if (key == NULL || *key == '\0')
                return fail (loader, word, SIG_LOADER_ERROR_INVALID, _("<word> needs a key=\"…\"; use it as {key} in the text.")), NULL;
              if (!g_hash_table_contains (persona->words, key))
                g_hash_table_insert (persona->words, g_strdup (key),
                                     sig_loader_collect_text_filtered (loader, child, "word", "key", key));
            }
        }
      else if (is_element (child, "character"))
        {
          SigCharacter *character = g_new0 (SigCharacter, 1);

          g_ptr_array_add (scenario->characters, character);
          if ((character->id = sig_loader_take_id (loader, child, TRUE)) == NULL ||
              (character->name = sig_loader_require_text (loader, child, "name")) == NULL)
            return NULL;
        }
    }
  if (scenario->personas->len == 0)
    return fail (loader, root, SIG_LOADER_ERROR_INVALID,
                 _("The scenario “%s” needs at least one <persona>."), scenario->id), NULL;

  if ((list = first_child (root, "variables")) != NULL)
    foreach_child (list, child)
      {
        SigVariable *variable = g_new0 (SigVariable, 1);
        g_autofree char *initial = get_attr (child, "initial");
        g_autofree char *min = get_attr (child, "min");
        g_autofree char *max = get_attr (child, "max");

        g_ptr_array_add (scenario->variables, variable);
        variable->line = line_of (child);
        variable->is_flag = is_element (child, "flag");
        variable->min = variable->is_flag ? 0 : -G_MAXDOUBLE;
        variable->max = variable->is_flag ? 1 : G_MAXDOUBLE;
        variable->visible = get_bool_attr (child, "visible", FALSE);
        if ((variable->id = sig_loader_take_id (loader, child, TRUE)) == NULL)
          return NULL;
        if ((initial != NULL && !parse_number (initial, &variable->initial)) ||
            (min != NULL && !parse_number (min, &variable->min)) ||
            (max != NULL && !parse_number (max, &variable->max)) ||
            variable->min > variable->max ||
            variable->initial < variable->min || variable->initial > variable->max)
          return fail (loader, child, SIG_LOADER_ERROR_INVALID,
                       _("The variable “%s” needs numbers with min ≤ initial ≤ max."), variable->id), NULL;
        variable->label = sig_loader_collect_text (loader, child, "label");
      }

  if ((list = first_child (root, "signals")) != NULL)
    foreach_child (list, child)
      {
        SigSignal *signal = g_new0 (SigSignal, 1);

        g_ptr_array_add (scenario->signals, signal);
        signal->line = line_of (child);
        if ((signal->id = sig_loader_take_id (loader, child, TRUE)) == NULL ||
            (signal->text = sig_loader_require_text (loader, child, "text")) == NULL)
          return NULL;
      }

  foreach_child (root, child)
    {
      if (is_element (child, "node"))
        {
          SigNode *node = g_new0 (SigNode, 1);

          g_ptr_array_add (scenario->nodes, node);
          node->line = line_of (child);
          node->choices = g_ptr_array_new_with_free_func (sig_choice_free);
          node->transitions = g_ptr_array_new_with_free_func (sig_transition_free);
          if ((node->id = sig_loader_take_id (loader, child, TRUE)) == NULL)
            return NULL;
          node->review = get_bool_attr (child, "review", TRUE);
          node->speaker = get_attr (child, "speaker");
          if (node->speaker == NULL)
            node->speaker = g_strdup ("narrator");
          if ((node->text = sig_loader_require_text (loader, child, "text")) == NULL)
            return NULL;
          foreach_child (child, part)
            {
              if (is_element (part, "choice"))
                {
                  SigChoice *choice = g_new0 (SigChoice, 1);

                  g_ptr_array_add (node->choices, choice);
                  choice->line = line_of (part);
                  choice->effects = g_ptr_array_new_with_free_func (sig_effect_free);
                  if ((choice->id = sig_loader_take_id (loader, part, TRUE)) == NULL)
                    return NULL;
                  choice->target = get_attr (part, "goto");
                  choice->recommended = get_bool_attr (part, "recommended", FALSE);
                  if (!sig_loader_get_uint_attr (loader, part, "meldcode-step", 1, 5, 0, &choice->meldcode_step))
                    return NULL;
                  choice->condition_source = get_attr (part, "if");
                  choice->condition = parse_condition (loader, part, choice->condition_source);
                  if (loader->error != NULL ||
                      (choice->text = sig_loader_require_text (loader, part, "text")) == NULL ||
                      !parse_effects (loader, part, choice))
                    return NULL;
                  choice->feedback = sig_loader_collect_text (loader, part, "feedback");
                }
              else if (is_element (part, "next"))
                {
                  SigTransition *transition = g_new0 (SigTransition, 1);

                  g_ptr_array_add (node->transitions, transition);
                  transition->line = line_of (part);
                  transition->target = get_attr (part, "goto");
                  transition->condition_source = get_attr (part, "if");
                  transition->condition = parse_condition (loader, part, transition->condition_source);
                  if (loader->error != NULL)
                    return NULL;
                }
            }
          if (node->choices->len > 0 && node->transitions->len > 0)
            return fail (loader, child, SIG_LOADER_ERROR_INVALID,
                         _("The node “%s” has both <choice> and <next>. Use choices for a decision, or next for a step without one."),
                         node->id), NULL;
        }
      else if (is_element (child, "ending"))
        {
          SigEnding *ending = g_new0 (SigEnding, 1);

          g_ptr_array_add (scenario->endings, ending);
          ending->line = line_of (child);
          if ((ending->id = sig_loader_take_id (loader, child, TRUE)) == NULL ||
              !sig_loader_get_uint_attr (loader, child, "score", 0, 100, 0, &ending->score) ||
              (ending->title = sig_loader_require_text (loader, child, "title")) == NULL ||
              (ending->debrief = sig_loader_require_text (loader, child, "debrief")) == NULL)
            return NULL;
        }
    }

  if (!sig_loader_resolve_scenario (loader, root, scenario))
    return NULL;
  return g_steal_pointer (&scenario);
}
