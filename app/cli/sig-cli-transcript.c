/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sig-cli-transcript.h"
#include "sig-engine.h"
#include "sig-lint.h"

/* play --all-paths --transcript DIR: the paths through a scenario, for every
 * persona, written out as the learner reads them, so that a reviewer reads each
 * ending and each persona's grammar. A path ends at an ending; a choice that
 * leads back to a state already on the path (a loop) is not followed again.
 *
 * A persona with at most SIG_TRANSCRIPT_PER_PATH_MAX paths gets one transcript
 * per path. With more, one per path would be too many to read: a few paths are
 * chosen instead that together show every node (with each text it shows),
 * every choice taken at every node and every ending. They are chosen greedily
 * over the graph of the persona's distinct states as the engine plays them
 * (each next path the one that shows the most not yet shown), so the cost
 * grows with the states, not with the paths. An index per scenario and
 * language says, for each ending, how many paths reach it and which
 * transcript shows it. */

/* ------------------------------------------------------------ the graph */

/* A choice offered in a state, and what taking it shows first. */
typedef struct {
  const SigChoice *choice;
  guint target;              /* the state it leads to */
  GArray *items;             /* guint: the choice at its node, the nodes passed and the node or ending reached */
} Edge;

typedef struct {
  GArray *edges;             /* Edge, in the order the choices are offered */
  guint from;                /* the state and edge it is first reached by, breadth first */
  guint via;
  guint to_end;              /* choices to the nearest ending; G_MAXUINT when none */
  const SigEnding *ending;   /* when the state is an ending */
} State;

typedef struct {
  const char *lang;
  GPtrArray *states;         /* State*; the first is the start */
  GHashTable *item_index;    /* item key -> its index + 1 */
  GPtrArray *items;          /* char*: what a transcript can show, as keys */
  GArray *start_items;       /* guint: what the start shows before any choice */
} Graph;

static void
state_free (gpointer data)
{
  State *state = data;

  for (guint i = 0; i < state->edges->len; i++)
    g_array_unref (g_array_index (state->edges, Edge, i).items);
  g_array_unref (state->edges);
  g_free (state);
}

static void
graph_clear (Graph *graph)
{
  g_clear_pointer (&graph->states, g_ptr_array_unref);
  g_clear_pointer (&graph->item_index, g_hash_table_unref);
  g_clear_pointer (&graph->items, g_ptr_array_unref);
  g_clear_pointer (&graph->start_items, g_array_unref);
}

/* Adds the item @key (taken over) to @items, once. */
static void
add_item (Graph  *graph,
          GArray *items,
          char   *key)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (graph->item_index, key));

  if (index == 0)
    {
      g_ptr_array_add (graph->items, key);
      index = graph->items->len;
      g_hash_table_insert (graph->item_index, key, GUINT_TO_POINTER (index));
    }
  else
    g_free (key);
  index--;
  for (guint i = 0; i < items->len; i++)
    if (g_array_index (items, guint, i) == index)
      return;
  g_array_append_val (items, index);
}

static void
add_node_item (Graph           *graph,
               GArray          *items,
               const SigEngine *engine,
               const SigNode   *node)
{
  g_autofree char *text = sig_engine_render (engine, node->text, graph->lang);

  add_item (graph, items, g_strdup_printf ("node\x1f%s\x1f%s", node->id, text));
}

/* What @engine shows since its last choice: the nodes passed, and the node
 * waiting for a choice or the ending reached. */
static void
add_shown_items (Graph           *graph,
                 GArray          *items,
                 const SigEngine *engine)
{
  const GPtrArray *passed = sig_engine_get_passed_nodes (engine);

  for (guint i = 0; i < passed->len; i++)
    add_node_item (graph, items, engine, passed->pdata[i]);
  if (sig_engine_get_status (engine) == SIG_ENGINE_AT_DECISION)
    add_node_item (graph, items, engine, sig_engine_get_node (engine));
  else if (sig_engine_get_status (engine) == SIG_ENGINE_ENDED)
    add_item (graph, items, g_strdup_printf ("ending\x1f%s", sig_engine_get_ending (engine)->id));
}

static State *
state_new (guint from,
           guint via)
{
  State *state = g_new0 (State, 1);

  state->edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  state->from = from;
  state->via = via;
  state->to_end = G_MAXUINT;
  return state;
}

/* The distinct states of @persona's play, breadth first from the start, each
 * choice played by the engine. FALSE when there are too many states. */
static gboolean
graph_build (Graph            *graph,
             SigScenario      *scenario,
             const SigPersona *persona)
{
  g_autoptr(GPtrArray) engines = g_ptr_array_new_with_free_func ((GDestroyNotify) sig_engine_free);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) predecessors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  SigEngine *start = sig_engine_new (scenario, persona->id, NULL);
  GQueue queue = G_QUEUE_INIT;

  graph->states = g_ptr_array_new_with_free_func (state_free);
  graph->item_index = g_hash_table_new (g_str_hash, g_str_equal);
  graph->items = g_ptr_array_new_with_free_func (g_free);
  graph->start_items = g_array_new (FALSE, FALSE, sizeof (guint));
  add_shown_items (graph, graph->start_items, start);
  g_ptr_array_add (graph->states, state_new (G_MAXUINT, G_MAXUINT));
  g_ptr_array_add (engines, start);
  g_ptr_array_add (predecessors, g_array_new (FALSE, FALSE, sizeof (guint)));
  g_hash_table_insert (keys, sig_engine_state_key (start), GUINT_TO_POINTER (1));

  for (guint i = 0; i < graph->states->len; i++)
    {
      State *state = graph->states->pdata[i];
      g_autoptr(SigEngine) engine = g_steal_pointer (&engines->pdata[i]);
      g_autoptr(GPtrArray) choices = NULL;

      if (sig_engine_get_status (engine) == SIG_ENGINE_ENDED)
        state->ending = sig_engine_get_ending (engine);
      if (sig_engine_get_status (engine) != SIG_ENGINE_AT_DECISION)
        continue;
      choices = sig_engine_get_choices (engine);
      for (guint c = 0; c < choices->len; c++)
        {
          SigChoice *choice = choices->pdata[c];
          g_autoptr(SigEngine) next = sig_engine_copy (engine);
          Edge edge = { choice, 0, g_array_new (FALSE, FALSE, sizeof (guint)) };
          char *key;
          guint found;

          sig_engine_choose (next, choice->id, NULL);
          add_item (graph, edge.items, g_strdup_printf ("choice\x1f%s\x1f%s", sig_engine_get_node (engine)->id, choice->id));
          add_shown_items (graph, edge.items, next);
          key = sig_engine_state_key (next);
          if ((found = GPOINTER_TO_UINT (g_hash_table_lookup (keys, key))) != 0)
            {
              g_free (key);
              edge.target = found - 1;
            }
          else if (graph->states->len >= SIG_EXPLORE_MAX_STATES)
            {
              g_free (key);
              g_array_unref (edge.items);
              return FALSE;
            }
          else
            {
              edge.target = graph->states->len;
              g_hash_table_insert (keys, key, GUINT_TO_POINTER (edge.target + 1));
              g_ptr_array_add (graph->states, state_new (i, state->edges->len));
              g_ptr_array_add (engines, g_steal_pointer (&next));
              g_ptr_array_add (predecessors, g_array_new (FALSE, FALSE, sizeof (guint)));
            }
          g_array_append_val (predecessors->pdata[edge.target], i);
          g_array_append_val (state->edges, edge);
        }
    }

  /* The choices to the nearest ending: breadth first back from the endings. */
  for (guint i = 0; i < graph->states->len; i++)
    if (((State *) graph->states->pdata[i])->ending != NULL)
      {
        ((State *) graph->states->pdata[i])->to_end = 0;
        g_queue_push_tail (&queue, GUINT_TO_POINTER (i));
      }
  while (!g_queue_is_empty (&queue))
    {
      guint i = GPOINTER_TO_UINT (g_queue_pop_head (&queue));
      GArray *before = predecessors->pdata[i];

      for (guint p = 0; p < before->len; p++)
        {
          State *state = graph->states->pdata[g_array_index (before, guint, p)];

          if (state->to_end == G_MAXUINT)
            {
              state->to_end = ((State *) graph->states->pdata[i])->to_end + 1;
              g_queue_push_tail (&queue, GUINT_TO_POINTER (g_array_index (before, guint, p)));
            }
        }
    }
  return TRUE;
}

static State *
graph_state (Graph *graph,
             guint  i)
{
  return graph->states->pdata[i];
}

static Edge *
graph_edge (Graph *graph,
            guint  i,
            guint  e)
{
  return &g_array_index (graph_state (graph, i)->edges, Edge, e);
}

/* ------------------------------------------------------- counting paths */

/* An order of the states in which every choice leads to a later state, when
 * the graph has no loop: then the paths are counted exactly and quickly.
 * NULL when it has a loop. */
static GArray *
graph_order (Graph *graph)
{
  g_autofree guint *incoming = g_new0 (guint, graph->states->len);
  GArray *order = g_array_sized_new (FALSE, FALSE, sizeof (guint), graph->states->len);

  for (guint i = 0; i < graph->states->len; i++)
    for (guint e = 0; e < graph_state (graph, i)->edges->len; e++)
      incoming[graph_edge (graph, i, e)->target]++;
  for (guint i = 0; i < graph->states->len; i++)
    if (incoming[i] == 0)
      g_array_append_val (order, i);
  for (guint k = 0; k < order->len; k++)
    {
      State *state = graph_state (graph, g_array_index (order, guint, k));

      for (guint e = 0; e < state->edges->len; e++)
        {
          guint target = g_array_index (state->edges, Edge, e).target;

          if (--incoming[target] == 0)
            g_array_append_val (order, target);
        }
    }
  if (order->len < graph->states->len)
    g_clear_pointer (&order, g_array_unref);
  return order;
}

static guint64
add_saturated (guint64 a,
               guint64 b)
{
  return a > G_MAXUINT64 - b ? G_MAXUINT64 : a + b;
}

/* How many paths reach each ending (by its index in the scenario), counted
 * backwards along @order. */
static void
count_in_order (Graph       *graph,
                SigScenario *scenario,
                GArray      *order,
                guint64     *per_ending)
{
  guint n_endings = scenario->endings->len;
  g_autofree guint64 *counts = g_new0 (guint64, (gsize) graph->states->len * n_endings);

  for (guint k = order->len; k-- > 0;)
    {
      guint i = g_array_index (order, guint, k);
      State *state = graph_state (graph, i);
      guint64 *mine = counts + (gsize) i * n_endings;

      for (guint n = 0; state->ending != NULL && n < n_endings; n++)
        if (scenario->endings->pdata[n] == state->ending)
          mine[n] = 1;
      for (guint e = 0; e < state->edges->len; e++)
        {
          guint64 *theirs = counts + (gsize) g_array_index (state->edges, Edge, e).target * n_endings;

          for (guint n = 0; n < n_endings; n++)
            mine[n] = add_saturated (mine[n], theirs[n]);
        }
    }
  memcpy (per_ending, counts, n_endings * sizeof (guint64));
}

/* With loops, the paths are walked one by one (a path does not enter a state
 * it is already in), for at most COUNT_STEPS steps. FALSE when that was not
 * enough: then the counts are a lower bound. */
#define COUNT_STEPS 2000000

static gboolean
count_by_walking (Graph       *graph,
                  SigScenario *scenario,
                  guint64     *per_ending)
{
  g_autofree gboolean *on_path = g_new0 (gboolean, graph->states->len);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint) * 2);   /* state, next edge */
  guint top[2] = { 0, 0 };
  guint steps = 0;

  on_path[0] = TRUE;
  g_array_append_val (stack, top);
  while (stack->len > 0)
    {
      guint *frame = &g_array_index (stack, guint, 2 * (stack->len - 1));
      State *state = graph_state (graph, frame[0]);

      if (frame[1] == 0 && state->ending != NULL)
        for (guint n = 0; n < scenario->endings->len; n++)
          if (scenario->endings->pdata[n] == state->ending)
            per_ending[n] = add_saturated (per_ending[n], 1);
      if (frame[1] >= state->edges->len)
        {
          on_path[frame[0]] = FALSE;
          g_array_set_size (stack, stack->len - 1);
          continue;
        }
      if (++steps > COUNT_STEPS)
        return FALSE;
      top[0] = g_array_index (state->edges, Edge, frame[1]++).target;
      top[1] = 0;
      if (on_path[top[0]] || graph_state (graph, top[0])->to_end == G_MAXUINT)
        continue;
      on_path[top[0]] = TRUE;
      g_array_append_val (stack, top);
    }
  return TRUE;
}

/* ---------------------------------------------------------- transcripts */

typedef struct {
  SigScenario *scenario;
  const char *lang;
  const char *dir;
  const SigPersona *persona;
  GPtrArray *path;           /* const char*: the choice ids so far */
  GHashTable *on_path;       /* state keys on the current path */
  const char *kind;          /* "path" or "cover", in the file names */
  guint written;             /* files written for this persona */
  GPtrArray *shown_in;       /* char*: per ending, the first file that shows it, or NULL */
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

      g_string_append_printf (out, "\n%s: [%s] %s\n", node->id, node->speaker, text);
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
render_path (Transcripts *t,
             SigEngine   *engine)
{
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

      g_string_append_printf (out, "\n%s: [%s] %s\n", node->id, node->speaker, text);
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

/* Writes the transcript of the path in t->path. */
static void
write_path (Transcripts *t)
{
  g_autoptr(SigEngine) engine = sig_engine_new (t->scenario, t->persona->id, NULL);
  g_autofree char *text = render_path (t, engine);
  g_autofree char *name = g_strdup_printf ("%s.%s.%s.%s-%03u.txt", t->scenario->id, t->persona->id, t->lang, t->kind, t->written + 1);
  g_autofree char *file = g_build_filename (t->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  guint n;

  if (!g_file_set_contents (file, text, -1, &error))
    {
      g_printerr (_("signaal-course: the transcript %s cannot be written: %s\n"), file, error->message);
      t->failed = TRUE;
      return;
    }
  t->written++;
  if (sig_engine_get_status (engine) == SIG_ENGINE_ENDED
      && g_ptr_array_find (t->scenario->endings, sig_engine_get_ending (engine), &n)
      && t->shown_in->pdata[n] == NULL)
    t->shown_in->pdata[n] = g_steal_pointer (&name);
}

/* One transcript per path. */
static void
walk (Transcripts *t,
      SigEngine   *engine)
{
  g_autoptr(GPtrArray) choices = NULL;

  if (t->failed)
    return;
  if (sig_engine_get_status (engine) == SIG_ENGINE_ENDED)
    {
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

/* ------------------------------------------------------ the covering set */

/* How many of @items are not shown yet. */
static guint
gain (GArray         *items,
      const gboolean *shown)
{
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    n += !shown[g_array_index (items, guint, i)];
  return n;
}

/* The path (as edges, state and edge index in pairs) from the start that
 * shows the most not yet shown, over the choices that lead to a later state
 * in @order; empty when no such path shows anything new. */
static void
best_path (Graph          *graph,
           const guint    *position,
           const gboolean *shown,
           GArray         *path)
{
  guint n = graph->states->len;
  g_autofree gint64 *best = g_new (gint64, n);
  g_autofree guint *pick = g_new (guint, n);
  g_autofree guint *by_position = g_new (guint, n);

  for (guint i = 0; i < n; i++)
    by_position[position[i]] = i;
  for (guint k = n; k-- > 0;)
    {
      guint i = by_position[k];
      State *state = graph_state (graph, i);

      best[i] = state->ending != NULL ? 0 : -1;
      pick[i] = G_MAXUINT;
      for (guint e = 0; e < state->edges->len; e++)
        {
          Edge *edge = &g_array_index (state->edges, Edge, e);
          gint64 value;

          if (position[edge->target] <= k || best[edge->target] < 0)
            continue;
          value = best[edge->target] + gain (edge->items, shown);
          if (value > best[i])
            {
              best[i] = value;
              pick[i] = e;
            }
        }
    }
  if (best[0] <= 0)
    return;
  for (guint i = 0; pick[i] != G_MAXUINT; i = graph_edge (graph, i, pick[i])->target)
    {
      guint step[2] = { i, pick[i] };

      g_array_append_val (path, step);
    }
}

/* A path through the first choice (in breadth-first order) that shows
 * something not yet shown: the shortest way there, that choice, and the
 * shortest way on to an ending. The way on may pass a state again (a loop),
 * as the learner can. */
static void
path_through (Graph          *graph,
              const gboolean *shown,
              GArray         *path)
{
  for (guint i = 0; i < graph->states->len; i++)
    for (guint e = 0; e < graph_state (graph, i)->edges->len; e++)
      {
        Edge *edge = graph_edge (graph, i, e);
        guint step[2] = { i, e };

        if (graph_state (graph, edge->target)->to_end == G_MAXUINT || gain (edge->items, shown) == 0)
          continue;
        for (guint s = i; graph_state (graph, s)->from != G_MAXUINT; s = graph_state (graph, s)->from)
          {
            guint before[2] = { graph_state (graph, s)->from, graph_state (graph, s)->via };

            g_array_prepend_val (path, before);
          }
        g_array_append_val (path, step);
        for (guint s = edge->target; graph_state (graph, s)->ending == NULL;)
          {
            State *state = graph_state (graph, s);

            for (guint f = 0; f < state->edges->len; f++)
              if (graph_state (graph, g_array_index (state->edges, Edge, f).target)->to_end + 1 == state->to_end)
                {
                  step[0] = s;
                  step[1] = f;
                  break;
                }
            g_array_append_val (path, step);
            s = graph_edge (graph, step[0], step[1])->target;
          }
        return;
      }
}

/* The covering set: paths, each the one that shows the most not yet shown,
 * until every node, choice and ending that can lead to an ending is shown. */
static void
write_cover (Transcripts *t,
             Graph       *graph,
             GArray      *order)
{
  guint n = graph->states->len;
  g_autofree gboolean *shown = g_new0 (gboolean, graph->items->len);
  g_autofree gboolean *wanted = g_new0 (gboolean, graph->items->len);
  g_autofree guint *position = g_new (guint, n);
  guint left = 0;

  /* Without loops every choice leads to a later state in @order; with loops,
   * the breadth-first order serves, and path_through takes the rest. */
  for (guint k = 0; k < n; k++)
    position[order != NULL ? g_array_index (order, guint, k) : k] = k;
  for (guint i = 0; i < n; i++)
    for (guint e = 0; e < graph_state (graph, i)->edges->len; e++)
      {
        Edge *edge = graph_edge (graph, i, e);

        for (guint k = 0; graph_state (graph, edge->target)->to_end != G_MAXUINT && k < edge->items->len; k++)
          wanted[g_array_index (edge->items, guint, k)] = TRUE;
      }
  for (guint k = 0; k < graph->start_items->len; k++)
    wanted[g_array_index (graph->start_items, guint, k)] = TRUE;
  for (guint k = 0; k < graph->items->len; k++)
    left += wanted[k];

  while (left > 0 && !t->failed)
    {
      g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (guint) * 2);

      if (t->written == 0)
        for (guint k = 0; k < graph->start_items->len; k++)
          {
            guint item = g_array_index (graph->start_items, guint, k);

            left -= !shown[item];
            shown[item] = TRUE;
          }
      best_path (graph, position, shown, path);
      if (path->len == 0 && (left > 0 || graph_state (graph, 0)->ending == NULL))
        path_through (graph, shown, path);
      if (path->len == 0 && graph_state (graph, 0)->ending == NULL)
        break;   /* nothing new can be reached any more */
      g_ptr_array_set_size (t->path, 0);
      for (guint s = 0; s < path->len; s++)
        {
          guint *step = &g_array_index (path, guint, 2 * s);
          Edge *edge = graph_edge (graph, step[0], step[1]);

          g_ptr_array_add (t->path, edge->choice->id);
          for (guint k = 0; k < edge->items->len; k++)
            {
              guint item = g_array_index (edge->items, guint, k);

              left -= !shown[item];
              shown[item] = TRUE;
            }
        }
      write_path (t);
    }
}

/* ----------------------------------------------------------------- index */

/* "82734", or "at least 82734" when counting stopped early. */
static char *
format_count (guint64  n,
              gboolean exact)
{
  g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, n);

  /* Translators: %s is a number of paths, counted until counting stopped */
  return exact ? g_steal_pointer (&number) : g_strdup_printf (_("at least %s"), number);
}

static void
append_index (GString     *index,
              Transcripts *t,
              const char  *paths,
              guint64     *per_ending,
              gboolean     exact)
{
  if (g_str_equal (t->kind, "path"))
    g_string_append_printf (index, _("\nPersona %s (%s): %s paths, one transcript each\n"), t->persona->name, t->persona->id, paths);
  else
    g_string_append_printf (index, g_dngettext (GETTEXT_PACKAGE,
                                                "\nPersona %s (%s): %s paths; %u transcript shows every node, choice and ending\n",
                                                "\nPersona %s (%s): %s paths; %u transcripts together show every node, choice and ending\n",
                                                t->written),
                            t->persona->name, t->persona->id, paths, t->written);
  for (guint n = 0; n < t->scenario->endings->len; n++)
    {
      SigEnding *ending = t->scenario->endings->pdata[n];
      g_autofree char *count = format_count (per_ending[n], exact);
      g_autofree char *title = sig_persona_render (t->persona, sig_text_get (ending->title, t->lang), t->lang, NULL);

      if (t->shown_in->pdata[n] != NULL)
        g_string_append_printf (index, _("  ending %s (%s): %s paths; shown in %s\n"),
                                ending->id, title, count, (char *) t->shown_in->pdata[n]);
      else
        g_string_append_printf (index, _("  ending %s (%s): %s paths; no transcript shows it\n"),
                                ending->id, title, count);
    }
}

gboolean
sig_cli_write_transcripts (SigScenario *scenario,
                           const char  *lang,
                           const char  *dir,
                           guint       *n_written)
{
  Transcripts t = { scenario, lang, dir, NULL, NULL, NULL, NULL, 0, NULL, FALSE };
  g_autoptr(GString) index = g_string_new (NULL);
  g_autofree char *index_name = g_strdup_printf ("%s.%s.index.txt", scenario->id, lang);
  g_autofree char *index_file = g_build_filename (dir, index_name, NULL);
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_printerr (_("signaal-course: the folder %s cannot be made: %s\n"), dir, g_strerror (errno));
      return FALSE;
    }
  g_string_append_printf (index, _("Scenario: %s (%s)\n"), sig_text_get (scenario->title, lang), scenario->id);
  g_string_append_printf (index, _("Language: %s\n"), lang);
  for (guint p = 0; p < scenario->personas->len && !t.failed; p++)
    {
      g_autoptr(GPtrArray) path = g_ptr_array_new ();
      g_autoptr(GHashTable) on_path = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GPtrArray) shown_in = g_ptr_array_new_with_free_func (g_free);
      g_autofree guint64 *per_ending = g_new0 (guint64, MAX (1, scenario->endings->len));
      g_autoptr(GArray) order = NULL;
      g_autofree char *paths = NULL;
      Graph graph = { lang };
      guint64 total = 0;
      gboolean exact;

      t.persona = scenario->personas->pdata[p];
      t.path = path;
      t.on_path = on_path;
      t.shown_in = shown_in;
      t.written = 0;
      g_ptr_array_set_size (shown_in, scenario->endings->len);
      if (!graph_build (&graph, scenario, t.persona))
        {
          g_printerr (_("signaal-course: the scenario “%s” has more than %d distinct states for persona “%s”; no transcripts are written. Use fewer or smaller variables.\n"),
                      scenario->id, SIG_EXPLORE_MAX_STATES, t.persona->id);
          graph_clear (&graph);
          return FALSE;
        }
      if ((order = graph_order (&graph)) != NULL)
        {
          count_in_order (&graph, scenario, order, per_ending);
          exact = TRUE;
        }
      else
        exact = count_by_walking (&graph, scenario, per_ending);
      for (guint n = 0; n < scenario->endings->len; n++)
        total = add_saturated (total, per_ending[n]);
      paths = format_count (total, exact);

      if (exact && total <= SIG_TRANSCRIPT_PER_PATH_MAX)
        {
          g_autoptr(SigEngine) engine = sig_engine_new (scenario, t.persona->id, NULL);

          t.kind = "path";
          g_hash_table_add (on_path, sig_engine_state_key (engine));
          walk (&t, engine);
          g_print (_("scenario %s, persona %s: %u transcripts in %s\n"), scenario->id, t.persona->id, t.written, dir);
        }
      else
        {
          t.kind = "cover";
          write_cover (&t, &graph, order);
          g_print (g_dngettext (GETTEXT_PACKAGE,
                                "scenario %s: %s paths for persona %s; wrote %u transcript in %s that shows every node, choice and ending\n",
                                "scenario %s: %s paths for persona %s; wrote %u transcripts in %s that together show every node, choice and ending\n",
                                t.written),
                   scenario->id, paths, t.persona->id, t.written, dir);
        }
      append_index (index, &t, paths, per_ending, exact);
      *n_written += t.written;
      graph_clear (&graph);
    }
  if (t.failed)
    return FALSE;
  if (!g_file_set_contents (index_file, index->str, index->len, &error))
    {
      g_printerr (_("signaal-course: the transcript %s cannot be written: %s\n"), index_file, error->message);
      return FALSE;
    }
  g_print (_("scenario %s: how many paths reach each ending, and which transcript shows it: %s\n"), scenario->id, index_file);
  return TRUE;
}
