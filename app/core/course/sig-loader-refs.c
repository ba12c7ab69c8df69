/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Ids and references: what a valid id is, registering ids in the file's one
 * namespace, recording references while a file is built, and resolving them
 * once it is complete. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sig-condition.h"
#include "sig-loader-private.h"
#include "sig-suggest.h"

gboolean
sig_loader_id_is_valid (const char *id)
{
  gsize len;

  if (id == NULL || (len = strlen (id)) == 0 || len > 64)
    return FALSE;
  if (!g_ascii_islower (id[0]) && !g_ascii_isdigit (id[0]))
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-' && *p != '.')
      return FALSE;
  return TRUE;
}

/* Reads the id attribute and registers it in the file's namespace of ids. */
char *
sig_loader_take_id (Loader  *loader,
                    xmlNode *node,
                    gboolean register_globally)
{
  g_autofree char *id = get_attr (node, "id");
  gpointer previous;

  if (!sig_loader_id_is_valid (id))
    {
      fail (loader, node, SIG_LOADER_ERROR_INVALID,
            _("The id “%s” of <%s> is not valid. Use lowercase letters, digits, “-” and “.”, at most 64 characters."),
            id ? id : "", (const char *) node->name);
      return NULL;
    }
  if (!register_globally)
    return g_steal_pointer (&id);
  if (g_hash_table_lookup_extended (loader->ids, id, NULL, &previous))
    {
      fail (loader, node, SIG_LOADER_ERROR_INVALID,
            _("The id “%s” is used twice; it was first used on line %u. Give each element its own id."),
            id, GPOINTER_TO_UINT (previous));
      return NULL;
    }
  g_hash_table_insert (loader->ids, g_strdup (id), GUINT_TO_POINTER (line_of (node)));
  return g_steal_pointer (&id);
}

void
sig_loader_add_ref (Loader     *loader,
                    SigRefKind  kind,
                    const char *id,
                    xmlNode    *node)
{
  SigRef *ref = g_new0 (SigRef, 1);

  ref->kind = kind;
  ref->id = g_strdup (id);
  ref->line = line_of (node);
  ref->element = node != NULL ? g_intern_string ((const char *) node->name) : NULL;
  g_ptr_array_add (loader->refs, ref);
}

/* " Did you mean “X”?" for an id of this file (or one of @also) close to @word. */
static char *
did_you_mean (Loader             *loader,
              const char         *word,
              const char * const *also)
{
  const char *suggestion = sig_suggest_from_table (word, loader->ids);

  if (suggestion == NULL && also != NULL)
    suggestion = sig_suggest (word, also, g_strv_length ((char **) also));
  return sig_did_you_mean (suggestion);
}

gboolean
sig_loader_check_refs (Loader    *loader,
                       GPtrArray *refs,
                       SigRefKind kind,
                       const char *what)
{
  for (guint i = 0; i < refs->len; i++)
    {
      SigRef *ref = refs->pdata[i];

      if (ref->kind == kind && (ref->id == NULL || !g_hash_table_contains (loader->ids, ref->id)))
        {
          g_autofree char *hint = did_you_mean (loader, ref->id, NULL);

          return sig_loader_fail_at (loader, ref->line, sig_loader_column_at (loader, ref->line, ref->element),
                                     SIG_LOADER_ERROR_INVALID,
                                     _("The %s “%s” does not exist in this file.%s Check the spelling of the id, or add it."),
                                     what, ref->id ? ref->id : "", hint);
        }
    }
  return TRUE;
}

static void
collect_var (gpointer name,
             gpointer vars)
{
  g_ptr_array_add (vars, name);
}

/* Every reference inside a scenario resolves: the start node, each goto, each
 * speaker, each variable a condition or <set> uses, each signal a <notice>
 * names, and each cited source. */
gboolean
sig_loader_resolve_scenario (Loader      *loader,
                             xmlNode     *root,
                             SigScenario *scenario)
{
  if (scenario->start == NULL || sig_scenario_find_node (scenario, scenario->start) == NULL)
    {
      g_autofree char *hint = did_you_mean (loader, scenario->start, NULL);

      return fail (loader, root, SIG_LOADER_ERROR_INVALID,
                   _("The scenario starts at “%s”, but there is no <node> with that id.%s Set start=\"…\" to the id of the first node."),
                   scenario->start ? scenario->start : "", hint);
    }
  if (scenario->endings->len == 0)
    return fail (loader, root, SIG_LOADER_ERROR_INVALID,
                 _("The scenario “%s” has no <ending>. Add at least one."), scenario->id);

  for (guint i = 0; i < scenario->nodes->len; i++)
    {
      SigNode *node = scenario->nodes->pdata[i];
      gboolean known_speaker = g_strv_contains ((const char *[]) { "narrator", "you", "persona", NULL }, node->speaker);

      for (guint j = 0; !known_speaker && j < scenario->characters->len; j++)
        known_speaker = g_strcmp0 (((SigCharacter *) scenario->characters->pdata[j])->id, node->speaker) == 0;
      if (!known_speaker)
        {
          g_autofree char *hint = did_you_mean (loader, node->speaker, (const char *[]) { "narrator", "you", "persona", NULL });

          return sig_loader_fail_at (loader, node->line, sig_loader_column_at (loader, node->line, "node"),
                                     SIG_LOADER_ERROR_INVALID,
                                     _("The speaker “%s” is unknown.%s Use narrator, you, persona, or the id of a <character>."),
                                     node->speaker, hint);
        }

      for (guint j = 0; j < node->choices->len + node->transitions->len; j++)
        {
          gboolean is_choice = j < node->choices->len;
          SigChoice *choice = is_choice ? node->choices->pdata[j] : NULL;
          SigTransition *transition = is_choice ? NULL : node->transitions->pdata[j - node->choices->len];
          const char *target = is_choice ? choice->target : transition->target;
          guint line = is_choice ? choice->line : transition->line;
          guint column = sig_loader_column_at (loader, line, is_choice ? "choice" : "next");
          SigCondition *condition = is_choice ? choice->condition : transition->condition;
          g_autoptr(GPtrArray) vars = g_ptr_array_new ();

          if (target == NULL ||
              (sig_scenario_find_node (scenario, target) == NULL &&
               sig_scenario_find_ending (scenario, target) == NULL))
            {
              g_autofree char *hint = did_you_mean (loader, target, NULL);

              return sig_loader_fail_at (loader, line, column, SIG_LOADER_ERROR_INVALID,
                                         _("goto=\"%s\" leads nowhere: there is no node or ending with that id.%s"),
                                         target ? target : "", hint);
            }
          sig_condition_foreach_var (condition, collect_var, vars);
          for (guint k = 0; k < vars->len; k++)
            if (sig_scenario_find_variable (scenario, vars->pdata[k]) == NULL)
              {
                g_autofree char *hint = did_you_mean (loader, vars->pdata[k], NULL);

                return sig_loader_fail_at (loader, line, column, SIG_LOADER_ERROR_INVALID,
                                           _("The condition uses “%s”, which is not declared in <variables>.%s Declare it or fix the name."),
                                           (const char *) vars->pdata[k], hint);
              }
          if (!is_choice)
            continue;
          for (guint k = 0; k < choice->effects->len; k++)
            {
              SigEffect *effect = choice->effects->pdata[k];
              SigVariable *variable = sig_scenario_find_variable (scenario, effect->var);

              if (variable == NULL)
                {
                  g_autofree char *hint = did_you_mean (loader, effect->var, NULL);

                  return sig_loader_fail_at (loader, line, column, SIG_LOADER_ERROR_INVALID,
                                             _("<set var=\"%s\"> changes a variable that is not declared in <variables>.%s"),
                                             effect->var, hint);
                }
              if (variable->is_flag && effect->op == SIG_EFFECT_ADD)
                return sig_loader_fail_at (loader, line, column, SIG_LOADER_ERROR_INVALID,
                                           _("“%s” is a flag: set it with value=\"true\" or value=\"false\", not add."),
                                           effect->var);
            }
          for (guint k = 0; choice->notices[k] != NULL; k++)
            if (sig_scenario_find_signal (scenario, choice->notices[k]) == NULL)
              {
                g_autofree char *hint = did_you_mean (loader, choice->notices[k], NULL);

                return sig_loader_fail_at (loader, line, column, SIG_LOADER_ERROR_INVALID,
                                           _("<notice signal=\"%s\"> names a signal that is not declared in <signals>.%s"),
                                           choice->notices[k], hint);
              }
        }
    }

  return sig_loader_check_refs (loader, scenario->refs, SIG_REF_SOURCE, _("source"));
}

/* Every reference inside a course resolves: the refresher module, each cited
 * source and each learning objective a question names. Scenario refs are
 * resolved against the library, outside the loader. */
gboolean
sig_loader_resolve_course (Loader    *loader,
                           xmlNode   *root,
                           SigCourse *course)
{
  if (course->refresher_module != NULL && sig_course_find_module (course, course->refresher_module) == NULL)
    return fail (loader, first_child (root, "certificate"), SIG_LOADER_ERROR_INVALID,
                 _("refresher=\"%s\" names a module that does not exist. Use the id of a <module>."),
                 course->refresher_module);
  return sig_loader_check_refs (loader, course->refs, SIG_REF_SOURCE, _("source")) &&
         sig_loader_check_refs (loader, course->refs, SIG_REF_OBJECTIVE, _("learning objective"));
}
