/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "sig-engine.h"
#include "sig-review-items.h"

#define NARRATIVE_NODES 3

void
sig_review_item_free (SigReviewItem *item)
{
  if (item == NULL)
    return;
  g_free (item->id);
  g_free (item->module_id);
  g_clear_pointer (&item->course, sig_course_unref);
  g_clear_pointer (&item->scenario, sig_scenario_unref);
  g_free (item);
}

static gboolean
reviewable (const SigQuestion *question)
{
  return question->review &&
         (question->type == SIG_QUESTION_SINGLE ||
          question->type == SIG_QUESTION_MULTIPLE ||
          question->type == SIG_QUESTION_TRUE_FALSE ||
          question->type == SIG_QUESTION_SPOT_SIGNALS);
}

static void
add_question (GPtrArray   *items,
              SigCourse   *course,
              SigModule   *module,
              SigQuestion *question,
              gboolean     review_only)
{
  SigReviewItem *item;

  if (!reviewable (question))
    return;
  item = g_new0 (SigReviewItem, 1);
  item->id = g_strdup_printf ("%s/%s", course->id, question->id);
  item->kind = SIG_REVIEW_ITEM_SIGNAL;
  item->module_id = g_strdup (module->id);
  item->review_only = review_only;
  item->course = sig_course_ref (course);
  item->question = question;
  g_ptr_array_add (items, item);
}

/* The first recommended choice among those available, or NULL. */
static const SigChoice *
recommended_choice (const SigEngine *engine)
{
  g_autoptr(GPtrArray) choices = sig_engine_get_choices (engine);

  for (guint i = 0; i < choices->len; i++)
    if (((const SigChoice *) choices->pdata[i])->recommended)
      return choices->pdata[i];
  return NULL;
}

/* Follows the recommended path of @scenario for @persona_id. For every decision
 * reached, calls @visit with the engine at that decision and the nodes passed
 * on the way there (the decisions and the automatic steps, in order, the
 * decision last); stops when @visit returns FALSE, at an ending, at a decision
 * without a recommended choice, or where the path comes back to a decision. */
typedef gboolean (*VisitFunc) (const SigEngine *engine,
                               GPtrArray       *story,
                               gpointer         data);

static void
walk_recommended (SigScenario *scenario,
                  const char  *persona_id,
                  VisitFunc    visit,
                  gpointer     data)
{
  g_autoptr(SigEngine) engine = NULL;
  g_autoptr(GPtrArray) story = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (persona_id == NULL && scenario->personas->len > 0)
    persona_id = ((SigPersona *) scenario->personas->pdata[0])->id;
  if ((engine = sig_engine_new (scenario, persona_id, NULL)) == NULL)
    return;
  while (sig_engine_get_status (engine) == SIG_ENGINE_AT_DECISION)
    {
      const SigNode *node = sig_engine_get_node (engine);
      const GPtrArray *passed = sig_engine_get_passed_nodes (engine);
      const SigChoice *choice;

      if (!g_hash_table_add (seen, node->id))
        return;
      for (guint i = 0; i < passed->len; i++)
        if (passed->pdata[i] != node)
          g_ptr_array_add (story, passed->pdata[i]);
      g_ptr_array_add (story, (gpointer) node);
      if (!visit (engine, story, data))
        return;
      if ((choice = recommended_choice (engine)) == NULL ||
          !sig_engine_choose (engine, choice->id, NULL))
        return;
    }
}

typedef struct {
  GPtrArray *items;
  SigCourse *course;
  SigModule *module;
  SigScenario *scenario;
} CollectData;

static gboolean
collect_decision (const SigEngine *engine,
                  GPtrArray       *story,
                  gpointer         user_data)
{
  CollectData *data = user_data;
  const SigNode *node = sig_engine_get_node (engine);
  SigReviewItem *item;

  if (!node->review)
    return TRUE;
  item = g_new0 (SigReviewItem, 1);
  item->id = g_strdup_printf ("%s/%s/%s", data->course->id, data->scenario->id, node->id);
  item->kind = SIG_REVIEW_ITEM_DECISION;
  item->module_id = g_strdup (data->module->id);
  item->course = sig_course_ref (data->course);
  item->scenario = sig_scenario_ref (data->scenario);
  item->node = node;
  g_ptr_array_add (data->items, item);
  return TRUE;
}

GPtrArray *
sig_review_items_for_module (SigCourse   *course,
                             SigModule   *module,
                             SigCatalog  *catalog,
                             GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) sig_review_item_free);

  for (guint i = 0; i < module->items->len; i++)
    {
      SigModuleItem *part = module->items->pdata[i];

      if (part->kind == SIG_ITEM_QUESTION)
        add_question (items, course, module, part->question, FALSE);
      else if (part->kind == SIG_ITEM_SCENARIO)
        {
          SigScenario *scenario = sig_catalog_resolve_scenario (catalog, course, part->scenario_ref, error);
          CollectData data = { items, course, module, scenario };

          if (scenario == NULL)
            return NULL;
          walk_recommended (scenario, NULL, collect_decision, &data);
        }
    }
  for (guint i = 0; module->review != NULL && i < module->review->len; i++)
    add_question (items, course, module, module->review->pdata[i], TRUE);
  return g_steal_pointer (&items);
}

GPtrArray *
sig_review_items_for_course (SigCourse   *course,
                             SigCatalog  *catalog,
                             GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) sig_review_item_free);

  for (guint i = 0; i < course->modules->len; i++)
    {
      g_autoptr(GPtrArray) part = sig_review_items_for_module (course, course->modules->pdata[i], catalog, error);

      if (part == NULL)
        return NULL;
      for (guint j = 0; j < part->len; j++)
        g_ptr_array_add (items, g_steal_pointer (&part->pdata[j]));
    }
  return g_steal_pointer (&items);
}

SigReviewItem *
sig_review_item_find (SigCourse   *course,
                      SigCatalog  *catalog,
                      const char  *item_id,
                      GError     **error)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (course != NULL && item_id != NULL, NULL);

  if ((items = sig_review_items_for_course (course, catalog, error)) == NULL)
    return NULL;
  for (guint i = 0; i < items->len; i++)
    if (g_str_equal (((SigReviewItem *) items->pdata[i])->id, item_id))
      return g_ptr_array_steal_index (items, i);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("The course “%s” %s no longer has the review item “%s”."), course->id, course->version, item_id);
  return NULL;
}

/* ------------------------------------------------------------------ cards */

static void
option_free (gpointer data)
{
  SigReviewOption *option = data;

  g_free (option->id);
  g_free (option->text);
  g_free (option->feedback);
  g_free (option);
}

void
sig_review_card_free (SigReviewCard *card)
{
  if (card == NULL)
    return;
  g_free (card->prompt);
  g_free (card->narrative);
  g_clear_pointer (&card->options, g_ptr_array_unref);
  g_free (card->explanation);
  g_free (card);
}

static char *
text_or_null (const SigText *text,
              const char    *lang)
{
  return text != NULL ? g_strdup (sig_text_get (text, lang)) : NULL;
}

static void
add_option (SigReviewCard *card,
            const char    *id,
            char          *text,
            gboolean       correct,
            char          *feedback)
{
  SigReviewOption *option = g_new0 (SigReviewOption, 1);

  option->id = g_strdup (id);
  option->text = text;
  option->correct = correct;
  option->feedback = feedback;
  g_ptr_array_add (card->options, option);
}

static void
fill_question (SigReviewCard     *card,
               const SigQuestion *question,
               const char        *lang)
{
  card->prompt = text_or_null (question->prompt, lang);
  card->explanation = text_or_null (question->explanation, lang);
  switch (question->type)
    {
    case SIG_QUESTION_SPOT_SIGNALS:
      {
        const SigPassage *passage = NULL;

        for (guint i = 0; i < question->passages->len; i++)
          {
            const SigPassage *candidate = question->passages->pdata[i];

            if (passage == NULL || g_strcmp0 (candidate->lang, lang) == 0)
              passage = candidate;
          }
        if (passage != NULL)
          {
            GString *text = g_string_new (NULL);

            for (guint i = 0; i < passage->segments->len; i++)
              g_string_append (text, ((SigSegment *) passage->segments->pdata[i])->text);
            card->narrative = g_strstrip (g_string_free (text, FALSE));
          }
        card->several = TRUE;
        for (guint i = 0; i < question->spans->len; i++)
          {
            const SigSpan *span = question->spans->pdata[i];

            add_option (card, span->id, text_or_null (span->text, lang), span->signal,
                        text_or_null (span->feedback, lang));
          }
      }
      break;
    case SIG_QUESTION_TRUE_FALSE:
      for (guint i = 0; i < question->options->len; i++)
        {
          const SigOption *option = question->options->pdata[i];

          add_option (card, option->id,
                      g_strdup (g_str_equal (option->id, "true") ? _("True") : _("False")),
                      option->correct, text_or_null (option->feedback, lang));
        }
      break;
    default:
      card->several = question->type == SIG_QUESTION_MULTIPLE;
      for (guint i = 0; i < question->options->len; i++)
        {
          const SigOption *option = question->options->pdata[i];

          add_option (card, option->id, text_or_null (option->text, lang), option->correct,
                      text_or_null (option->feedback, lang));
        }
      break;
    }
}

typedef struct {
  SigReviewCard *card;
  const char *lang;
} CardData;

static gboolean
fill_decision (const SigEngine *engine,
               GPtrArray       *story,
               gpointer         user_data)
{
  CardData *data = user_data;
  SigReviewCard *card = data->card;
  const SigNode *node = sig_engine_get_node (engine);
  g_autoptr(GPtrArray) choices = NULL;
  g_autoptr(GString) narrative = g_string_new (NULL);

  if (node != card->item->node)
    return TRUE;

  /* The story so far: the last few node texts leading here, this one last. */
  for (guint i = story->len > NARRATIVE_NODES ? story->len - NARRATIVE_NODES : 0; i < story->len; i++)
    {
      const SigNode *step = story->pdata[i];
      g_autofree char *text = sig_engine_render (engine, step->text, data->lang);

      if (narrative->len > 0)
        g_string_append_c (narrative, '\n');
      g_string_append (narrative, g_strstrip (text));
    }
  card->narrative = g_strdup (narrative->str);
  card->prompt = g_strdup (_("What do you do now?"));

  choices = sig_engine_get_choices (engine);
  for (guint i = 0; i < choices->len; i++)
    {
      const SigChoice *choice = choices->pdata[i];

      add_option (card, choice->id, sig_engine_render (engine, choice->text, data->lang),
                  choice->recommended,
                  choice->feedback != NULL ? sig_engine_render (engine, choice->feedback, data->lang) : NULL);
      if (choice->recommended && card->explanation == NULL && choice->feedback != NULL)
        card->explanation = sig_engine_render (engine, choice->feedback, data->lang);
    }
  return FALSE;
}

SigReviewCard *
sig_review_card_new (const SigReviewItem *item,
                     const char          *lang,
                     const char          *learner,
                     guint                review,
                     const char          *persona_id)
{
  g_autoptr(SigReviewCard) card = g_new0 (SigReviewCard, 1);

  card->item = item;
  card->options = g_ptr_array_new_with_free_func (option_free);
  if (item->kind == SIG_REVIEW_ITEM_SIGNAL)
    fill_question (card, item->question, lang);
  else
    {
      CardData data = { card, lang };

      walk_recommended (item->scenario, persona_id, fill_decision, &data);
      if (card->prompt == NULL)
        return NULL;
    }

  if (item->kind == SIG_REVIEW_ITEM_DECISION || item->question->type != SIG_QUESTION_TRUE_FALSE)
    {
      /* Fisher-Yates with GRand: the same seed gives the same order everywhere. */
      g_autofree char *key = g_strdup_printf ("%s\n%s\n%u", learner ? learner : "", item->id, review);
      g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
      guint8 digest[32];
      gsize length = sizeof digest;
      guint32 seed;
      GRand *rand;

      g_checksum_update (checksum, (const guchar *) key, -1);
      g_checksum_get_digest (checksum, digest, &length);
      seed = (guint32) digest[0] << 24 | (guint32) digest[1] << 16 | (guint32) digest[2] << 8 | digest[3];
      rand = g_rand_new_with_seed (seed);
      for (guint i = card->options->len; i > 1; i--)
        {
          guint j = (guint) g_rand_int_range (rand, 0, (gint32) i);
          gpointer tmp = card->options->pdata[i - 1];

          card->options->pdata[i - 1] = card->options->pdata[j];
          card->options->pdata[j] = tmp;
        }
      g_rand_free (rand);
    }
  return g_steal_pointer (&card);
}

SigReviewGrade
sig_review_card_grade (const SigReviewCard *card,
                       const char * const  *chosen)
{
  guint hits = 0, misses = 0, correct = 0;

  for (guint i = 0; i < card->options->len; i++)
    {
      const SigReviewOption *option = card->options->pdata[i];
      gboolean picked = chosen != NULL && g_strv_contains (chosen, option->id);

      correct += option->correct;
      hits += picked && option->correct;
      misses += picked && !option->correct;
    }
  if (hits == correct && misses == 0 && correct > 0)
    return SIG_REVIEW_RIGHT;
  if (card->several && hits > 0)
    return SIG_REVIEW_PARTLY;
  return SIG_REVIEW_WRONG;
}

const char *
sig_review_grade_to_string (SigReviewGrade grade)
{
  switch (grade)
    {
    case SIG_REVIEW_RIGHT:  return "right";
    case SIG_REVIEW_PARTLY: return "partly";
    case SIG_REVIEW_WRONG:  return "wrong";
    }
  return "wrong";
}
