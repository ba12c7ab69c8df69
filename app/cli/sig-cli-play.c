/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libintl.h>
#include <stdio.h>
#include <string.h>

#include "sig-cli.h"
#include "sig-cli-transcript.h"
#include "sig-engine.h"
#include "sig-helplines.h"
#include "sig-lint.h"
#include "sig-scoring.h"
#include "sig-store.h"

typedef struct {
  const char *lang;
  gboolean best;
  GStrv choices;            /* scripted scenario choices, 1-based */
  guint next_choice;
  const char *persona;
  gboolean eof;
  SigHelplines *helplines;     /* to show a <helpline ref> as its name and number; may be NULL */
  /* Recording into the progress store (play --db) */
  SigStore *store;
  const char *profile_id;
  SigCourse *course;
  const char *module_id;       /* the module being played */
  int check_phase;             /* -1, or a SigCheckPhase while in the knowledge check */
  char *resume_state;          /* engine state to resume the next scenario from */
} Play;

/* After each commit: the learner (and a test killing the program) can rely
 * on everything acknowledged being saved. */
static void
print_saved (const char *what,
             const char *id)
{
  g_print (_("[saved %s %s]\n"), what, id);
}

static gboolean
record_answer (Play        *play,
               SigQuestion *question,
               const char  *response)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (play->store == NULL)
    return TRUE;
  if (play->check_phase >= 0)
    ok = sig_store_record_check_answer (play->store, play->profile_id, play->course, play->check_phase,
                                        question->id, response, NULL, &error);
  else
    ok = sig_store_record_answer (play->store, play->profile_id, play->course, play->module_id,
                                  question->id, response, NULL, &error);
  if (!ok)
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  print_saved (play->check_phase >= 0 ? "check" : "answer", question->id);
  return TRUE;
}

static char *
read_answer (Play       *play,
             const char *prompt)
{
  char line[4096];

  g_print ("%s ", prompt);
  if (fgets (line, sizeof line, stdin) == NULL)
    {
      play->eof = TRUE;
      g_print ("\n");
      return NULL;
    }
  return g_strstrip (g_strdup (line));
}

static void
print_inlines (GPtrArray *inlines)
{
  g_autofree char *text = sig_inlines_to_plain (inlines);

  g_print ("%s", text);
}

static void
print_blocks (Play      *play,
              GPtrArray *blocks,
              const char *indent)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      SigBlock *block = blocks->pdata[i];

      switch (block->kind)
        {
        case SIG_BLOCK_HEADING:
          g_print ("%s## ", indent);
          print_inlines (block->inlines);
          g_print ("\n");
          break;
        case SIG_BLOCK_PARAGRAPH:
          g_print ("%s", indent);
          print_inlines (block->inlines);
          g_print ("\n\n");
          break;
        case SIG_BLOCK_LIST:
          for (guint j = 0; j < block->items->len; j++)
            {
              g_print ("%s  • ", indent);
              print_inlines (block->items->pdata[j]);
              g_print ("\n");
            }
          g_print ("\n");
          break;
        case SIG_BLOCK_CALLOUT:
          print_blocks (play, block->children, "  | ");
          break;
        case SIG_BLOCK_IMAGE:
          g_print ("%s[%s]\n\n", indent, block->alt);
          break;
        case SIG_BLOCK_HELPLINE:
          {
            const SigHelpline *helpline = play->helplines ? sig_helplines_find (play->helplines, block->ref) : NULL;

            /* As the learner sees it: the name and number, not the id. */
            if (helpline != NULL)
              g_print (_("%s☎ Helpline: %s, %s\n\n"), indent, sig_text_get (helpline->name, play->lang), helpline->number);
            else
              g_print (_("%s☎ Helpline: %s\n\n"), indent, block->ref);
          }
          break;
        default:
          break;
        }
    }
}

/* The order items are shown in: not the correct order, but always the same. */
static GPtrArray *
shown_order (GPtrArray *options)
{
  GPtrArray *order = g_ptr_array_new ();

  for (guint i = 0; i < options->len; i++)
    g_ptr_array_add (order, options->pdata[(i + 1) % options->len]);
  return order;
}

/* Turns "2,1" (numbers as shown) into "b,a" (ids). */
static char *
numbers_to_ids (const char *answer,
                GPtrArray  *shown,
                gsize       id_offset)
{
  g_auto(GStrv) words = g_strsplit (answer, ",", -1);
  GString *ids = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (g_strstrip (words[i]), 10, 1, shown->len, &n, NULL))
        {
          g_string_free (ids, TRUE);
          return NULL;
        }
      g_string_append_printf (ids, "%s%s", ids->len ? "," : "",
                              *(char **) ((char *) shown->pdata[n - 1] + id_offset));
    }
  return g_string_free (ids, FALSE);
}

static gboolean
ask_question (Play        *play,
              SigQuestion *question,
              double      *earned)
{
  g_autoptr(GPtrArray) shown = NULL;
  g_autofree char *response = NULL;
  SigScore score = { 0 };

  g_print ("\n? %s\n", sig_text_get (question->prompt, play->lang));
  switch (question->type)
    {
    case SIG_QUESTION_SINGLE:
    case SIG_QUESTION_MULTIPLE:
      shown = g_ptr_array_ref (question->options);
      for (guint i = 0; i < shown->len; i++)
        g_print ("  %u. %s\n", i + 1, sig_text_get (((SigOption *) shown->pdata[i])->text, play->lang));
      break;
    case SIG_QUESTION_TRUE_FALSE:
      shown = g_ptr_array_ref (question->options);
      g_print (_("  1. True\n  2. False\n"));
      break;
    case SIG_QUESTION_ORDERING:
      shown = shown_order (question->options);
      for (guint i = 0; i < shown->len; i++)
        g_print ("  %u. %s\n", i + 1, sig_text_get (((SigOption *) shown->pdata[i])->text, play->lang));
      break;
    case SIG_QUESTION_MATCHING:
      shown = shown_order (question->pairs);
      for (guint i = 0; i < question->pairs->len; i++)
        g_print ("  %c. %s\n", 'A' + i, sig_text_get (((SigPair *) question->pairs->pdata[i])->left, play->lang));
      for (guint i = 0; i < shown->len; i++)
        g_print ("  %u. %s\n", i + 1, sig_text_get (((SigPair *) shown->pdata[i])->right, play->lang));
      break;
    case SIG_QUESTION_SPOT_SIGNALS:
      shown = g_ptr_array_ref (question->spans);
      for (guint i = 0; i < question->passages->len; i++)
        {
          SigPassage *passage = question->passages->pdata[i];

          if (g_strcmp0 (passage->lang, play->lang) != 0 && question->passages->len > 1)
            continue;
          g_print ("  ");
          for (guint j = 0; j < passage->segments->len; j++)
            {
              SigSegment *segment = passage->segments->pdata[j];

              if (segment->span_id == NULL)
                g_print ("%s", segment->text);
              else
                for (guint k = 0; k < shown->len; k++)
                  if (g_str_equal (((SigSpan *) shown->pdata[k])->id, segment->span_id))
                    g_print ("[%u: %s]", k + 1, segment->text);
            }
          g_print ("\n");
          break;
        }
      break;
    default:
      g_assert_not_reached ();
    }

  while (response == NULL)
    {
      g_autofree char *answer = NULL;

      if (play->best)
        {
          response = sig_question_best_response (question);
          g_print (_("> %s (best answer)\n"), response);
          break;
        }
      answer = read_answer (play, question->type == SIG_QUESTION_MATCHING
                                  ? _("Your answer (e.g. A=2,B=1):")
                                  : question->type == SIG_QUESTION_SINGLE || question->type == SIG_QUESTION_TRUE_FALSE
                                  ? _("Your answer (a number):") : _("Your answer (numbers, e.g. 1,3):"));
      if (answer == NULL)
        return FALSE;
      if (question->type == SIG_QUESTION_MATCHING)
        {
          g_auto(GStrv) parts = g_strsplit (answer, ",", -1);
          g_autoptr(GString) ids = g_string_new (NULL);
          gboolean ok = g_strv_length (parts) > 0;

          for (guint i = 0; ok && parts[i] != NULL; i++)
            {
              char *part = g_strstrip (parts[i]);
              guint64 n;

              ok = strlen (part) >= 3 && part[1] == '=' &&
                   g_ascii_toupper (part[0]) >= 'A' && g_ascii_toupper (part[0]) < 'A' + (int) question->pairs->len &&
                   g_ascii_string_to_unsigned (part + 2, 10, 1, shown->len, &n, NULL);
              if (ok)
                g_string_append_printf (ids, "%s%s=%s", ids->len ? "," : "",
                                        ((SigPair *) question->pairs->pdata[g_ascii_toupper (part[0]) - 'A'])->id,
                                        ((SigPair *) shown->pdata[n - 1])->id);
            }
          if (ok)
            response = g_strdup (ids->str);
        }
      else
        response = numbers_to_ids (answer, shown, question->type == SIG_QUESTION_SPOT_SIGNALS
                                                  ? G_STRUCT_OFFSET (SigSpan, id) : G_STRUCT_OFFSET (SigOption, id));
      if (response != NULL && !sig_question_score (question, response, &score, NULL))
        g_clear_pointer (&response, g_free);
      if (response == NULL)
        g_print (_("That answer does not fit this question; try again.\n"));
    }

  if (!sig_question_score (question, response, &score, NULL))
    return FALSE;
  /* Saved before the feedback is shown. */
  if (!record_answer (play, question, response))
    return FALSE;
  *earned += score.points;
  g_print (score.correct ? _("✔ Correct (%.1f of %.1f points).\n") : _("✘ Not quite (%.1f of %.1f points).\n"),
           score.points, score.max);
  for (guint i = 0; i < question->options->len; i++)
    {
      SigOption *option = question->options->pdata[i];
      g_auto(GStrv) chosen = g_strsplit (response, ",", -1);

      if (option->feedback != NULL && g_strv_contains ((const char * const *) chosen, option->id))
        g_print ("  %s\n", sig_text_get (option->feedback, play->lang));
    }
  if (question->explanation != NULL)
    g_print ("  %s\n", sig_text_get (question->explanation, play->lang));
  return TRUE;
}

static const char *
meldcode_step_name (guint step)
{
  static const char *names[] = {
    NULL,
    N_("1 map the signals"),
    N_("2 consult a colleague, and Veilig Thuis if needed"),
    N_("3 talk with the client"),
    N_("4 weigh, with the assessment framework"),
    N_("5 decide: report, and organise help"),
  };
  return step >= 1 && step <= 5 ? _(names[step]) : NULL;
}

static void
print_debrief (Play      *play,
               SigEngine *engine)
{
  SigScenario *scenario = sig_engine_get_scenario (engine);
  const SigEnding *ending = sig_engine_get_ending (engine);
  const GPtrArray *steps = sig_engine_get_steps (engine);
  g_autofree char *title = sig_engine_render (engine, ending->title, play->lang);
  g_autofree char *debrief = sig_engine_render (engine, ending->debrief, play->lang);

  g_print (_("\n=== Ending: %s (score %u) ===\n%s\n"), title, ending->score, debrief);
  g_print (_("\nYour path beside the recommended one:\n"));
  for (guint i = 0; i < steps->len; i++)
    {
      const SigEngineStep *step = steps->pdata[i];
      g_autofree char *chosen = sig_engine_render (engine, step->choice->text, play->lang);
      const char *meldcode = meldcode_step_name (step->choice->meldcode_step);

      const SigChoice *hidden = NULL;

      /* A recommended choice whose condition hid it is still the better one:
       * the choice made is not marked right. */
      for (guint j = 0; !step->was_recommended && step->recommended == NULL && j < step->node->choices->len; j++)
        if (((SigChoice *) step->node->choices->pdata[j])->recommended && hidden == NULL)
          hidden = step->node->choices->pdata[j];
      g_print ("  %s %s", step->was_recommended ? "✔" : step->recommended != NULL || hidden != NULL ? "✘" : "·", chosen);
      if (meldcode != NULL)
        g_print (_(" [meldcode step %s]"), meldcode);
      g_print ("\n");
      if (!step->was_recommended && step->recommended != NULL)
        {
          g_autofree char *better = sig_engine_render (engine, step->recommended->text, play->lang);
          g_print (_("      recommended: %s\n"), better);
        }
      else if (hidden != NULL)
        {
          g_autofree char *better = sig_engine_render (engine, hidden->text, play->lang);
          g_print (_("      recommended: %s (not open to you here because of an earlier choice)\n"), better);
        }
    }
  g_print (_("\nSignals noticed:\n"));
  for (guint i = 0; i < scenario->signals->len; i++)
    {
      SigSignal *signal = scenario->signals->pdata[i];

      if (sig_engine_has_noticed (engine, signal->id))
        g_print ("  ✔ %s\n", sig_text_get (signal->text, play->lang));
    }
  g_print (_("Signals missed:\n"));
  for (guint i = 0; i < scenario->signals->len; i++)
    {
      SigSignal *signal = scenario->signals->pdata[i];

      if (!sig_engine_has_noticed (engine, signal->id))
        g_print ("  ✘ %s\n", sig_text_get (signal->text, play->lang));
    }
  if (scenario->sources->len > 0)
    {
      g_print (_("Sources:\n"));
      for (guint i = 0; i < scenario->sources->len; i++)
        {
          SigSource *source = scenario->sources->pdata[i];
          g_print ("  - %s %s\n", sig_text_get (source->text, play->lang), source->url ? source->url : "");
        }
    }
}

/* The story of steps without a decision, passed since the last choice. */
static void
print_passed_nodes (Play      *play,
                    SigEngine *engine)
{
  const GPtrArray *passed = sig_engine_get_passed_nodes (engine);

  for (guint i = 0; i < passed->len; i++)
    {
      const SigNode *step = passed->pdata[i];
      g_autofree char *text = sig_engine_render (engine, step->text, play->lang);

      g_print ("\n[%s] %s\n", step->speaker, text);
    }
}

/* The visible choice @answer names: its number as shown (1, 2, …) or its id. */
static SigChoice *
find_choice (GPtrArray  *choices,
             const char *answer)
{
  guint64 n;

  if (g_ascii_string_to_unsigned (answer, 10, 1, choices->len, &n, NULL))
    return choices->pdata[n - 1];
  for (guint i = 0; i < choices->len; i++)
    if (g_str_equal (((SigChoice *) choices->pdata[i])->id, answer))
      return choices->pdata[i];
  return NULL;
}

static char *
choice_ids (GPtrArray *choices)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < choices->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", ((SigChoice *) choices->pdata[i])->id);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Returns the ending's score, or -1 when the play stopped before an ending. */
static int
play_scenario (Play        *play,
               SigScenario *scenario)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SigEngine) engine = NULL;

  if (play->resume_state != NULL)
    {
      engine = sig_engine_deserialize (scenario, play->resume_state, &error);
      g_clear_pointer (&play->resume_state, g_free);
      if (engine == NULL)
        {
          g_printerr (_("The saved position in the scenario cannot be used (%s); it starts again.\n"), error->message);
          g_clear_error (&error);
        }
    }
  if (engine == NULL)
    engine = sig_engine_new (scenario, play->persona, &error);
  if (engine == NULL)
    {
      g_printerr ("%s\n", error->message);
      return -1;
    }
  g_print (_("\n*** Scenario: %s ***\n"), sig_text_get (scenario->title, play->lang));
  for (guint i = 0; i < scenario->warnings->len; i++)
    g_print (_("Content warning: %s\n"), sig_text_get (scenario->warnings->pdata[i], play->lang));

  print_passed_nodes (play, engine);
  while (sig_engine_get_status (engine) == SIG_ENGINE_AT_DECISION)
    {
      const SigNode *node = sig_engine_get_node (engine);
      g_autoptr(GPtrArray) choices = sig_engine_get_choices (engine);
      g_autofree char *text = sig_engine_render (engine, node->text, play->lang);
      SigChoice *chosen = NULL;

      g_print ("\n[%s] %s\n", node->speaker, text);
      for (guint i = 0; i < scenario->variables->len; i++)
        {
          SigVariable *variable = scenario->variables->pdata[i];

          if (variable->visible)
            g_print ("  (%s: %g)\n", variable->label ? sig_text_get (variable->label, play->lang) : variable->id,
                     sig_engine_get_value (engine, variable->id));
        }
      for (guint i = 0; i < choices->len; i++)
        {
          g_autofree char *choice_text = sig_engine_render (engine, ((SigChoice *) choices->pdata[i])->text, play->lang);
          g_print ("  %u. %s\n", i + 1, choice_text);
        }
      while (chosen == NULL)
        {
          g_autofree char *answer = NULL;

          if (play->best)
            {
              for (guint i = 0; i < choices->len && chosen == NULL; i++)
                if (((SigChoice *) choices->pdata[i])->recommended)
                  chosen = choices->pdata[i];
              if (chosen == NULL)
                chosen = choices->pdata[0];
              break;
            }
          if (play->choices != NULL && play->choices[play->next_choice] != NULL)
            {
              /* --choices is a script: an entry that does not fit stops the play. */
              answer = g_strstrip (g_strdup (play->choices[play->next_choice++]));
              if ((chosen = find_choice (choices, answer)) == NULL)
                {
                  g_autofree char *ids = choice_ids (choices);

                  g_printerr (_("error: --choices entry %u, “%s”, is not a choice at “%s”. Give a number from 1 to %u as shown, or one of the ids: %s.\n"),
                              play->next_choice, answer, node->id, choices->len, ids);
                  return -1;
                }
              break;
            }
          if ((answer = read_answer (play, _("Your choice:"))) == NULL)
            return -1;
          if ((chosen = find_choice (choices, g_strstrip (answer))) == NULL)
            g_print (_("Choose a number from 1 to %u.\n"), choices->len);
        }
      {
        guint index = 0;

        g_ptr_array_find (choices, chosen, &index);
        g_print ("> %u\n", index + 1);
      }
      {
        g_autofree char *node_id = g_strdup (node->id);

        if (!sig_engine_choose (engine, chosen->id, &error))
          {
            g_printerr ("%s\n", error->message);
            return -1;
          }
        /* Saved before the feedback is shown. */
        if (play->store != NULL)
          {
            if (!sig_store_record_choice (play->store, play->profile_id, play->course, play->module_id,
                                          node_id, chosen->id, engine, &error))
              {
                g_printerr ("%s\n", error->message);
                return -1;
              }
            print_saved ("choice", chosen->id);
          }
      }
      if (chosen->feedback != NULL)
        {
          g_autofree char *feedback = sig_engine_render (engine, chosen->feedback, play->lang);
          g_print ("  %s\n", feedback);
        }
      print_passed_nodes (play, engine);
    }
  if (sig_engine_get_status (engine) == SIG_ENGINE_STUCK)
    {
      g_printerr (_("%s: error: The scenario got stuck: no choice is available at “%s”.\n"),
                  scenario->path, sig_engine_get_node (engine) ? sig_engine_get_node (engine)->id : "?");
      return -1;
    }
  print_debrief (play, engine);
  return (int) sig_engine_get_ending (engine)->score;
}

static gboolean
explore (SigScenario *scenario)
{
  gboolean ok = TRUE;

  for (guint p = 0; p < scenario->personas->len; p++)
    {
      SigPersona *persona = scenario->personas->pdata[p];
      g_autoptr(SigExploration) exploration = sig_scenario_explore (scenario, persona->id);

      g_print (_("scenario %s, persona %s: %u states\n"), scenario->id, persona->id, exploration->states);
      for (guint i = 0; i < scenario->endings->len; i++)
        {
          SigEnding *ending = scenario->endings->pdata[i];
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (exploration->endings, ending->id));

          if (n > 0)
            g_print (_("  ending %s: reached\n"), ending->id);
          else
            {
              g_print (_("  ending %s: NOT reached\n"), ending->id);
              ok = FALSE;
            }
        }
      for (guint i = 0; i < exploration->stuck->len; i++)
        {
          g_print (_("  stuck after choices: %s\n"), (const char *) exploration->stuck->pdata[i]);
          ok = FALSE;
        }
      for (guint i = 0; i < exploration->no_exit->len; i++)
        {
          g_print (_("  loop with no way out after choices: %s\n"), (const char *) exploration->no_exit->pdata[i]);
          ok = FALSE;
        }
      if (exploration->truncated)
        {
          g_print (_("  too many states: not every path was explored\n"));
          ok = FALSE;
        }
      if (exploration->stuck->len == 0 && exploration->no_exit->len == 0)
        g_print (_("  no path gets stuck\n"));
    }
  return ok;
}

/* The knowledge check, from question @from on. */
static gboolean
ask_check (Play          *play,
           SigCourse     *course,
           SigCheckPhase  phase,
           guint          from)
{
  gboolean ok = TRUE;
  double ignored = 0;

  g_print (phase == SIG_CHECK_PRE ? _("\n--- Knowledge check before the course ---\n")
                                  : _("\n--- Knowledge check after the course ---\n"));
  play->check_phase = phase;
  for (guint i = from; i < course->knowledge_check->len && ok; i++)
    ok = ask_question (play, course->knowledge_check->pdata[i], &ignored);
  play->check_phase = -1;
  return ok;
}

/* Opens the store, finds or makes the profile, and finds where to go on. */
static gboolean
start_recording (Play            *play,
                 const char      *db_path,
                 const char      *profile_name,
                 SigCourse       *course,
                 gboolean         refresher,
                 SigResumePoint **resume)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SigProfile) profile = NULL;
  g_autofree char *current = NULL;
  const SigStoreRecovery *recovery;

  play->store = sig_store_open (db_path, SIG_STORE_OPEN_DEFAULT, &error);
  if (play->store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  if ((recovery = sig_store_get_recovery (play->store)) != NULL)
    g_printerr ("%s\n", recovery->message);
  if (sig_store_get_read_only (play->store))
    {
      g_printerr (_("Cannot record: %s\n"), sig_store_get_read_only_reason (play->store));
      return FALSE;
    }
  if (profile_name == NULL)
    {
      current = sig_store_get_current_profile (play->store);
      if (current == NULL)
        {
          g_printerr (_("No profile is chosen in %s. Give one with --profile NAME.\n"), db_path);
          return FALSE;
        }
      profile = sig_store_get_profile (play->store, current, &error);
    }
  else if ((profile = sig_store_find_profile (play->store, profile_name, NULL)) == NULL)
    {
      profile = sig_store_create_profile (play->store, profile_name, NULL, NULL, play->lang, &error);
      if (profile != NULL)
        g_print (_("New profile “%s”.\n"), profile_name);
    }
  if (profile == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  play->profile_id = g_strdup (sig_profile_get_id (profile));
  play->course = course;

  /* A refresher is taken after a pass, to renew the certificate. */
  if (refresher && !sig_store_record_refresher_started (play->store, play->profile_id, course, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }

  if ((*resume = sig_store_get_resume_point (play->store, play->profile_id, course, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  if ((*resume)->kind == SIG_RESUME_DONE || (*resume)->registration == NULL)
    {
      gboolean again = (*resume)->kind == SIG_RESUME_DONE;

      if (!sig_store_record_started (play->store, play->profile_id, course, again, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return FALSE;
        }
      if (again)
        g_print (_("You finished this course before; this is a new attempt.\n"));
      g_clear_pointer (resume, sig_resume_point_free);
      if ((*resume = sig_store_get_resume_point (play->store, play->profile_id, course, &error)) == NULL)
        {
          g_printerr ("%s\n", error->message);
          return FALSE;
        }
    }

  /* Answers given by --best are not the learner's: the attempt is marked
   * automated, and never gets a certificate. */
  if (play->best)
    {
      if (!sig_store_mark_attempt_automated (play->store, (*resume)->registration, &error))
        {
          g_printerr ("%s\n", error->message);
          return FALSE;
        }
      g_print (_("This attempt is recorded as automated (--best): progress and exports say so, and it gives no certificate.\n"));
    }
  return TRUE;
}

/* The ids of @scenarios' scenarios (or, when @personas, of @personas'
 * personas) as "a, b, c". */
static char *
join_ids (GPtrArray *scenarios,
          GPtrArray *personas)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GPtrArray *array = personas != NULL ? personas : scenarios;

  for (guint i = 0; i < array->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "",
                            personas != NULL ? ((SigPersona *) array->pdata[i])->id
                                             : ((SigScenario *) array->pdata[i])->id);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Refuses an unknown --scenario or --persona before anything is played.
 * Returns the exit status to end with, or SIG_EXIT_OK to go on. */
static int
check_selection (SigCatalog  *catalog,
                 SigCourse   *course,
                 SigScenario *single,
                 const char  *path,
                 const char  *scenario_id,
                 const char  *persona)
{
  g_autoptr(GPtrArray) scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify) sig_scenario_unref);
  g_autoptr(GPtrArray) refs = course != NULL ? sig_course_scenario_refs (course) : g_ptr_array_new ();

  if (single != NULL)
    g_ptr_array_add (scenarios, sig_scenario_ref (single));
  for (guint i = 0; i < refs->len; i++)
    {
      SigScenario *scenario = sig_catalog_resolve_scenario (catalog, course, refs->pdata[i], NULL);

      if (scenario != NULL)
        g_ptr_array_add (scenarios, sig_scenario_ref (scenario));
    }
  if (scenario_id != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < scenarios->len && !found; i++)
        found = g_str_equal (((SigScenario *) scenarios->pdata[i])->id, scenario_id);
      for (guint i = 0; i < refs->len && !found; i++)
        found = g_str_equal (refs->pdata[i], scenario_id);
      if (!found)
        {
          g_autofree char *known = join_ids (scenarios, NULL);

          g_printerr (_("%s: error: There is no scenario “%s” here. Give one of: %s.\n"),
                      path, scenario_id, scenarios->len > 0 ? known : _("(none)"));
          return SIG_EXIT_USAGE;
        }
    }
  for (guint i = 0; persona != NULL && i < scenarios->len; i++)
    {
      SigScenario *scenario = scenarios->pdata[i];
      gboolean found = FALSE;

      if (scenario_id != NULL && !g_str_equal (scenario->id, scenario_id))
        continue;
      for (guint j = 0; j < scenario->personas->len && !found; j++)
        found = g_str_equal (((SigPersona *) scenario->personas->pdata[j])->id, persona);
      if (!found)
        {
          g_autofree char *known = join_ids (NULL, scenario->personas);

          g_printerr (_("%s: error: The scenario “%s” has no persona “%s”. Give one of: %s.\n"),
                      scenario->path ? scenario->path : path, scenario->id, persona, known);
          return SIG_EXIT_PROBLEMS;
        }
    }
  return SIG_EXIT_OK;
}

int
sig_cli_play (int   argc,
              char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SigCatalog) catalog = sig_catalog_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *scenario_id = NULL;
  g_autofree char *choices = NULL;
  g_autofree char *persona = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *profile_name = NULL;
  g_autofree char *transcript_dir = NULL;
  guint transcripts = 0;
  g_autoptr(SigResumePoint) resume = NULL;
  g_autofree char *profile_id_owned = NULL;
  g_autofree char *helplines_path = NULL;
  g_autoptr(SigHelplines) helplines = NULL;
  guint start_module = 0, start_item = 0;
  gboolean best = FALSE, all_paths = FALSE, refresher = FALSE;
  Play play = { 0 };
  SigCatalogEntry *entry;
  GOptionEntry entries[] = {
    { "scenario", 0, 0, G_OPTION_ARG_STRING, &scenario_id, N_("Play only this scenario of the course"), N_("ID") },
    { "choices", 0, 0, G_OPTION_ARG_STRING, &choices, N_("Scenario choices to make, by the number shown or by id, e.g. 1,3,2 or c-ask,c-listen"), N_("LIST") },
    { "best", 0, 0, G_OPTION_ARG_NONE, &best, N_("Follow the recommended choices and the correct answers"), NULL },
    { "all-paths", 0, 0, G_OPTION_ARG_NONE, &all_paths, N_("Walk every path through each scenario and report endings and stuck paths"), NULL },
    { "transcript", 0, 0, G_OPTION_ARG_FILENAME, &transcript_dir, N_("With --all-paths: write transcripts of every persona's paths into this folder: one per path, or a few that show everything when there are many"), N_("DIR") },
    { "persona", 0, 0, G_OPTION_ARG_STRING, &persona, N_("The persona to play with"), N_("ID") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("The language: nl or en"), N_("LANG") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("Record what is played in this progress database, and resume from it"), N_("PATH") },
    { "refresher", 0, 0, G_OPTION_ARG_NONE, &refresher, N_("Take the course's refresher module to renew a certificate (with --db)"), NULL },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_name, N_("The learner to record for (made when missing; default: the current profile)"), N_("NAME") },
    { NULL }
  };

  context = sig_cli_option_context (_("FILE"),
                                    _("Play a course or scenario in the terminal. Answers are read from standard input: a number, or numbers separated by commas."),
                                    entries);
  if (!sig_cli_parse (context, &argc, &argv))
    return SIG_EXIT_USAGE;
  if (argc != 2)
    return sig_cli_usage_error (context, _("Give one course or scenario FILE."));
  if (lang != NULL && !g_str_equal (lang, "nl") && !g_str_equal (lang, "en"))
    return sig_cli_usage_error (context, _("--lang must be nl or en."));
  /* The tool's own words follow --lang too, not only the course text. */
  if (lang != NULL)
    {
      g_setenv ("LANGUAGE", lang, TRUE);
      textdomain (textdomain (NULL));   /* gettext reads LANGUAGE again */
    }
  if (refresher && db_path == NULL)
    return sig_cli_usage_error (context, _("--refresher needs --db PATH."));
  if (refresher && best)
    return sig_cli_usage_error (context, _("--refresher renews a certificate, so the learner answers it: it cannot be combined with --best."));
  if (profile_name != NULL && db_path == NULL)
    return sig_cli_usage_error (context, _("--profile needs --db PATH."));
  if (transcript_dir != NULL && !all_paths)
    return sig_cli_usage_error (context, _("--transcript DIR goes with --all-paths."));
  if (db_path != NULL && (all_paths || scenario_id != NULL))
    return sig_cli_usage_error (context, _("--db records whole courses; it cannot be combined with --all-paths or --scenario."));

  if (!sig_catalog_add_path (catalog, argv[1], &error))
    {
      g_printerr ("%s\n", error->message);
      return SIG_EXIT_USAGE;
    }
  if (sig_catalog_get_n (catalog) == 0)
    {
      g_printerr (_("%s: error: There is no course or scenario here. Give a course file, an authoring folder or a scenario file.\n"),
                  argv[1]);
      return SIG_EXIT_USAGE;
    }
  entry = sig_catalog_get (catalog, 0);
  if (entry->error != NULL)
    {
      g_printerr ("%s\n", entry->error->message);
      return g_error_matches (entry->error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_IO) ? SIG_EXIT_USAGE : SIG_EXIT_PROBLEMS;
    }

  play.lang = sig_cli_language (lang);
  helplines_path = sig_helplines_default_path ();
  helplines = sig_helplines_load (helplines_path, NULL);
  play.helplines = helplines;
  play.check_phase = -1;
  play.best = best;
  play.persona = persona;
  {
    int status = check_selection (catalog, entry->course, entry->scenario, argv[1], scenario_id,
                                  all_paths ? NULL : persona);

    if (status != SIG_EXIT_OK)
      return status;
  }
  if (choices != NULL)
    play.choices = g_strsplit (choices, ",", -1);

  if (entry->scenario != NULL)
    {
      int result;

      if (db_path != NULL)
        {
          g_strfreev (play.choices);
          return sig_cli_usage_error (context, _("--db records courses; give a course file, not a scenario."));
        }
      if (all_paths)
        {
          gboolean explored = explore (entry->scenario);

          if (transcript_dir != NULL && !sig_cli_write_transcripts (entry->scenario, play.lang, transcript_dir, &transcripts))
            return SIG_EXIT_PROBLEMS;
          return explored ? SIG_EXIT_OK : SIG_EXIT_PROBLEMS;
        }
      result = play_scenario (&play, entry->scenario);
      g_strfreev (play.choices);
      return result >= 0 ? SIG_EXIT_OK : play.eof ? SIG_EXIT_USAGE : SIG_EXIT_PROBLEMS;
    }
  else
    {
      SigCourse *course = entry->course;
      g_autoptr(GPtrArray) refs = sig_course_scenario_refs (course);
      double earned = 0;
      guint required = sig_course_required_points (course);
      gboolean ok = TRUE;

      if (all_paths || scenario_id != NULL)
        {
          for (guint i = 0; i < refs->len; i++)
            {
              SigScenario *scenario;

              if (scenario_id != NULL && !g_str_equal (scenario_id, refs->pdata[i]))
                continue;
              g_clear_error (&error);
              if ((scenario = sig_catalog_resolve_scenario (catalog, course, refs->pdata[i], &error)) == NULL)
                {
                  g_printerr ("%s\n", error->message);
                  ok = FALSE;
                  continue;
                }
              if (all_paths)
                {
                  ok &= explore (scenario);
                  if (transcript_dir != NULL)
                    ok &= sig_cli_write_transcripts (scenario, play.lang, transcript_dir, &transcripts);
                }
              else
                ok &= play_scenario (&play, scenario) >= 0;
            }
          g_strfreev (play.choices);
          return ok ? SIG_EXIT_OK : SIG_EXIT_PROBLEMS;
        }

      g_print ("=== %s (%s) ===\n", sig_text_get (course->title, play.lang), course->version);
      for (guint i = 0; i < course->warnings->len; i++)
        g_print (_("Content warning: %s\n"), sig_text_get (course->warnings->pdata[i], play.lang));

      if (db_path != NULL)
        {
          gboolean started = start_recording (&play, db_path, profile_name, course, refresher, &resume);

          profile_id_owned = (char *) play.profile_id;
          if (!started)
            {
              g_strfreev (play.choices);
              g_clear_object (&play.store);
              return SIG_EXIT_USAGE;
            }
          if (resume->kind == SIG_RESUME_PRE_CHECK)
            {
              ok = ask_check (&play, course, SIG_CHECK_PRE, resume->question_index);
              g_clear_pointer (&resume, sig_resume_point_free);
              if (ok && (resume = sig_store_get_resume_point (play.store, play.profile_id, course, &error)) == NULL)
                {
                  g_printerr ("%s\n", error->message);
                  ok = FALSE;
                }
            }
          if (ok && resume->kind == SIG_RESUME_ITEM)
            {
              start_module = resume->module_index;
              start_item = resume->item_index;
              play.resume_state = g_steal_pointer (&resume->scenario_state);
              if (start_module > 0 || start_item > 0)
                g_print (_("\nContinuing where you left off.\n"));
            }
          else
            start_module = course->modules->len;   /* only the check after the course is left */
        }
      else if (course->knowledge_check->len > 0)
        ok = ask_check (&play, course, SIG_CHECK_PRE, 0);

      for (guint m = start_module; m < course->modules->len && ok; m++)
        {
          SigModule *module = course->modules->pdata[m];

          /* An optional refresher module is not part of the first run: it renews
           * a certificate later (docs/course-format.md, <certificate refresher>). */
          if (!refresher && !module->required && g_strcmp0 (module->id, course->refresher_module) == 0)
            {
              g_print (_("\n--- Module %u of %u: %s: the refresher, played later to renew the certificate (play --db PATH --refresher) ---\n"),
                       m + 1, course->modules->len, sig_text_get (module->title, play.lang));
              continue;
            }
          play.module_id = module->id;
          g_print (_("\n--- Module %u of %u: %s%s ---\n"), m + 1, course->modules->len,
                   sig_text_get (module->title, play.lang), module->required ? "" : _(" (optional)"));
          for (guint i = m == start_module ? start_item : 0; i < module->items->len && ok; i++)
            {
              SigModuleItem *item = module->items->pdata[i];
              double module_points = 0;

              if (item->kind == SIG_ITEM_PAGE)
                {
                  g_print ("\n# %s\n\n", sig_text_get (item->page->title, play.lang));
                  for (guint b = 0; b < item->page->bodies->len; b++)
                    {
                      SigBody *body = item->page->bodies->pdata[b];

                      if (g_str_equal (body->lang, play.lang) || b + 1 == item->page->bodies->len)
                        {
                          print_blocks (&play, body->blocks, "");
                          break;
                        }
                    }
                  if (play.store != NULL)
                    {
                      g_clear_error (&error);
                      if (!sig_store_record_page_viewed (play.store, play.profile_id, course, module->id, item->page->id, &error))
                        {
                          g_printerr ("%s\n", error->message);
                          ok = FALSE;
                        }
                      else
                        print_saved ("page", item->page->id);
                    }
                }
              else if (item->kind == SIG_ITEM_QUESTION)
                {
                  ok = ask_question (&play, item->question, &module_points);
                  if (module->required)
                    earned += module_points;
                }
              else
                {
                  SigScenario *scenario;

                  g_clear_error (&error);
                  if ((scenario = sig_catalog_resolve_scenario (catalog, course, item->scenario_ref, &error)) == NULL)
                    {
                      g_printerr ("%s\n", error->message);
                      ok = FALSE;
                    }
                  else
                    ok = play_scenario (&play, scenario) >= 0;
                  g_clear_pointer (&play.resume_state, g_free);
                }
            }
        }

      /* The knowledge check after the course, once its result is in. */
      if (ok && play.store != NULL)
        {
          g_clear_pointer (&resume, sig_resume_point_free);
          g_clear_error (&error);
          if ((resume = sig_store_get_resume_point (play.store, play.profile_id, course, &error)) == NULL)
            {
              g_printerr ("%s\n", error->message);
              ok = FALSE;
            }
          else if (resume->kind == SIG_RESUME_POST_CHECK)
            ok = ask_check (&play, course, SIG_CHECK_POST, resume->question_index);
        }
      else if (ok && course->knowledge_check->len > 0)
        ok = ask_check (&play, course, SIG_CHECK_POST, 0);
      g_strfreev (play.choices);
      if (!ok)
        {
          g_clear_object (&play.store);
          if (play.eof && db_path != NULL)
            g_print (_("\nStopped; what you answered is saved. Run the same command again to go on.\n"));
          return play.eof ? SIG_EXIT_USAGE : SIG_EXIT_PROBLEMS;
        }
      if (play.store != NULL)
        {
          g_autoptr(SigCourseProgress) progress = NULL;

          g_clear_error (&error);
          progress = sig_store_get_progress (play.store, play.profile_id, NULL, course, &error);
          if (progress == NULL)
            {
              g_printerr ("%s\n", error->message);
              g_clear_object (&play.store);
              return SIG_EXIT_PROBLEMS;
            }
          g_print (_("\nScore: %.0f%%; the pass mark is %u%%: %s\n"),
                   progress->score, course->pass_mark, sig_progress_status_to_string (progress->status));
          if (progress->automated)
            g_print (_("This attempt was automated (--best), so it gives no certificate.\n"));
          if (progress->has_knowledge_check && progress->pre_score >= 0 && progress->post_score >= 0)
            g_print (_("Knowledge check: %.0f%% before, %.0f%% after.\n"), progress->pre_score, progress->post_score);
          g_clear_object (&play.store);
          return SIG_EXIT_OK;
        }
      {
        double percent = required > 0 ? 100.0 * earned / required : 100.0;

        g_print (_("\nScore: %.1f of %u points (%.0f%%); the pass mark is %u%%: %s\n"),
                 earned, required, percent, course->pass_mark,
                 percent >= course->pass_mark ? _("passed") : _("not passed"));
      }
      return SIG_EXIT_OK;
    }
}
