/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sig-cli-transcript.h"
#include "sig-engine.h"

/* play --all-paths --transcript DIR: every path through a scenario, for every
 * persona, written out as the learner reads it, so that a reviewer reads each
 * ending and each persona's grammar. A path ends at an ending; a choice that
 * leads back to a state already on the path (a loop) is not followed again. */

typedef struct {
  SigScenario *scenario;
  const char *lang;
  const char *dir;
  const SigPersona *persona;
  GPtrArray *path;           /* const char*: the choice ids so far */
  GHashTable *on_path;       /* state keys on the current path */
  guint written;             /* files written for this persona */
  guint total;               /* files written for the scenario */
  gboolean failed;
} Transcripts;

static void
append_passed (GString         *out,
               const SigEngine *engine,
               const char      *lang)
{
  const GPtrArray *passed = sig_engine_get_passed_nodes (engine);

  for (guint i = 0; i < passed->len; i++)
    {
      const SigNode *node = passed->pdata[i];
      g_autofree char *text = sig_engine_render (engine, node->text, lang);

      g_string_append_printf (out, "\n[%s] %s\n", node->speaker, text);
    }
}

static void
append_debrief (GString         *out,
                const SigEngine *engine,
                const char      *lang)
{
  SigScenario *scenario = sig_engine_get_scenario (engine);
  const SigEnding *ending = sig_engine_get_ending (engine);
  const GPtrArray *steps = sig_engine_get_steps (engine);
  g_autofree char *title = sig_engine_render (engine, ending->title, lang);
  g_autofree char *debrief = sig_engine_render (engine, ending->debrief, lang);

  g_string_append_printf (out, _("\n=== Ending: %s (%s, score %u) ===\n%s\n"), title, ending->id, ending->score, debrief);
  g_string_append (out, _("\nThe path beside the recommended one:\n"));
  for (guint i = 0; i < steps->len; i++)
    {
      const SigEngineStep *step = steps->pdata[i];
      g_autofree char *chosen = sig_engine_render (engine, step->choice->text, lang);

      g_string_append_printf (out, "  %s %s\n", step->was_recommended || step->recommended == NULL ? "✔" : "✘", chosen);
      if (!step->was_recommended && step->recommended != NULL)
        {
          g_autofree char *better = sig_engine_render (engine, step->recommended->text, lang);

          g_string_append_printf (out, _("      recommended: %s\n"), better);
        }
    }
  g_string_append (out, _("\nSignals noticed:\n"));
  for (guint i = 0; i < scenario->signals->len; i++)
    {
      SigSignal *signal = scenario->signals->pdata[i];

      if (sig_engine_has_noticed (engine, signal->id))
        g_string_append_printf (out, "  ✔ %s\n", sig_text_get (signal->text, lang));
    }
  g_string_append (out, _("Signals missed:\n"));
  for (guint i = 0; i < scenario->signals->len; i++)
    {
      SigSignal *signal = scenario->signals->pdata[i];

      if (!sig_engine_has_noticed (engine, signal->id))
        g_string_append_printf (out, "  ✘ %s\n", sig_text_get (signal->text, lang));
    }
}

/* The whole path, replayed from the start, as the learner reads it. */
static char *
render_path (Transcripts *t)
{
  g_autoptr(SigEngine) engine = sig_engine_new (t->scenario, t->persona->id, NULL);
  g_autofree char *path = NULL;
  GString *out = g_string_new (NULL);

  g_ptr_array_add (t->path, NULL);
  path = g_strjoinv (",", (char **) t->path->pdata);
  g_ptr_array_remove_index (t->path, t->path->len - 1);

  g_string_append_printf (out, _("Scenario: %s (%s)\n"), sig_text_get (t->scenario->title, t->lang), t->scenario->id);
  g_string_append_printf (out, _("Persona: %s (%s), pronouns %s\n"), t->persona->name, t->persona->id,
                          t->persona->pronouns ? sig_text_get (t->persona->pronouns, t->lang) : "-");
  g_string_append_printf (out, _("Language: %s\n"), t->lang);
  g_string_append_printf (out, _("Choices: %s\n"), path);
  for (guint i = 0; i < t->scenario->warnings->len; i++)
    g_string_append_printf (out, _("Content warning: %s\n"), sig_text_get (t->scenario->warnings->pdata[i], t->lang));

  append_passed (out, engine, t->lang);
  for (guint step = 0; step < t->path->len && sig_engine_get_status (engine) == SIG_ENGINE_AT_DECISION; step++)
    {
      const SigNode *node = sig_engine_get_node (engine);
      g_autoptr(GPtrArray) choices = sig_engine_get_choices (engine);
      g_autofree char *text = sig_engine_render (engine, node->text, t->lang);
      const SigChoice *chosen = NULL;

      g_string_append_printf (out, "\n[%s] %s\n", node->speaker, text);
      for (guint i = 0; i < choices->len; i++)
        {
          SigChoice *choice = choices->pdata[i];
          g_autofree char *choice_text = sig_engine_render (engine, choice->text, t->lang);

          g_string_append_printf (out, "  %u. %s (%s)\n", i + 1, choice_text, choice->id);
          if (g_str_equal (choice->id, t->path->pdata[step]))
            chosen = choice;
        }
      g_assert (chosen != NULL);
      {
        guint index = 0;

        g_ptr_array_find (choices, chosen, &index);
        g_string_append_printf (out, "> %u (%s)\n", index + 1, chosen->id);
      }
      sig_engine_choose (engine, chosen->id, NULL);
      if (chosen->feedback != NULL)
        {
          g_autofree char *feedback = sig_engine_render (engine, chosen->feedback, t->lang);

          g_string_append_printf (out, "  %s\n", feedback);
        }
      append_passed (out, engine, t->lang);
    }
  if (sig_engine_get_status (engine) == SIG_ENGINE_ENDED)
    append_debrief (out, engine, t->lang);
  return g_string_free (out, FALSE);
}

static void
write_path (Transcripts *t)
{
  g_autofree char *text = render_path (t);
  g_autofree char *name = g_strdup_printf ("%s.%s.%s.path-%03u.txt", t->scenario->id, t->persona->id, t->lang, t->written + 1);
  g_autofree char *file = g_build_filename (t->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (file, text, -1, &error))
    {
      g_printerr (_("signaal-course: the transcript %s cannot be written: %s\n"), file, error->message);
      t->failed = TRUE;
      return;
    }
  t->written++;
  t->total++;
}

static void
walk (Transcripts *t,
      SigEngine   *engine)
{
  g_autoptr(GPtrArray) choices = NULL;

  if (t->failed)
    return;
  if (sig_engine_get_status (engine) == SIG_ENGINE_ENDED)
    {
      if (t->written >= SIG_TRANSCRIPT_MAX_PATHS)
        {
          g_printerr (_("signaal-course: the scenario “%s” has more than %d paths for persona “%s”; no more transcripts are written. Split the scenario, or use fewer loops.\n"),
                      t->scenario->id, SIG_TRANSCRIPT_MAX_PATHS, t->persona->id);
          t->failed = TRUE;
          return;
        }
      write_path (t);
      return;
    }
  if (sig_engine_get_status (engine) != SIG_ENGINE_AT_DECISION)
    return;   /* a stuck path: --all-paths reports it */
  choices = sig_engine_get_choices (engine);
  for (guint i = 0; i < choices->len && !t->failed; i++)
    {
      SigChoice *choice = choices->pdata[i];
      g_autoptr(SigEngine) next = sig_engine_copy (engine);
      char *key;

      sig_engine_choose (next, choice->id, NULL);
      key = sig_engine_state_key (next);
      if (g_hash_table_contains (t->on_path, key))
        {
          g_free (key);
          continue;   /* back to a state already on this path: a loop */
        }
      g_hash_table_add (t->on_path, key);
      g_ptr_array_add (t->path, choice->id);
      walk (t, next);
      g_ptr_array_remove_index (t->path, t->path->len - 1);
      g_hash_table_remove (t->on_path, key);
    }
}

gboolean
sig_cli_write_transcripts (SigScenario *scenario,
                           const char  *lang,
                           const char  *dir,
                           guint       *n_written)
{
  Transcripts t = { scenario, lang, dir, NULL, NULL, NULL, 0, 0, FALSE };

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_printerr (_("signaal-course: the folder %s cannot be made: %s\n"), dir, g_strerror (errno));
      return FALSE;
    }
  for (guint p = 0; p < scenario->personas->len && !t.failed; p++)
    {
      g_autoptr(SigEngine) engine = NULL;
      g_autoptr(GPtrArray) path = g_ptr_array_new ();
      g_autoptr(GHashTable) on_path = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      t.persona = scenario->personas->pdata[p];
      t.path = path;
      t.on_path = on_path;
      t.written = 0;
      if ((engine = sig_engine_new (scenario, t.persona->id, NULL)) == NULL)
        continue;
      g_hash_table_add (on_path, sig_engine_state_key (engine));
      walk (&t, engine);
      g_print (_("scenario %s, persona %s: %u transcripts in %s\n"), scenario->id, t.persona->id, t.written, dir);
    }
  *n_written += t.total;
  return !t.failed;
}
