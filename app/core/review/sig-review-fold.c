/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>

#include "sig-review-fold.h"

static const char *kind_names[] = {
  [SIG_REVIEW_EVENT_ADDED] = "added",
  [SIG_REVIEW_EVENT_REVIEWED] = "reviewed",
};

const char *
sig_review_event_kind_to_string (SigReviewEventKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), "added");
  return kind_names[kind];
}

gboolean
sig_review_event_kind_from_string (const char         *text,
                                   SigReviewEventKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      {
        *kind = (SigReviewEventKind) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
sig_review_fold (const SigFsrsParams  *params,
                 gboolean              in_deck,
                 SigFsrsCard          *card,
                 const SigReviewEvent *event)
{
  gint64 time;

  g_return_val_if_fail (params != NULL && card != NULL && event != NULL, in_deck);

  time = event->time / 1000;
  if (!in_deck)
    {
      sig_fsrs_card_init (card, time + SIG_REVIEW_FIRST_DUE_MS);
      in_deck = TRUE;
    }
  if (event->kind == SIG_REVIEW_EVENT_REVIEWED)
    {
      SigFsrsRating rating = CLAMP (event->rating, SIG_FSRS_AGAIN, SIG_FSRS_EASY);

      sig_fsrs_review (params, card, MAX (time, card->last_review), rating);
    }
  return in_deck;
}

SigFsrsRating
sig_review_rating_for_grade (SigReviewGrade grade,
                             SigFsrsRating  rating)
{
  if (grade == SIG_REVIEW_WRONG)
    return SIG_FSRS_AGAIN;
  return CLAMP (rating, SIG_FSRS_AGAIN, SIG_FSRS_EASY);
}

char *
sig_review_card_state_to_json (const SigFsrsCard *card)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  /* Keys in sorted order; doubles as JSON keeps them (17 significant digits). */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "difficulty");
  json_builder_add_double_value (builder, card->difficulty);
  json_builder_set_member_name (builder, "due");
  json_builder_add_int_value (builder, card->due);
  json_builder_set_member_name (builder, "lapses");
  json_builder_add_int_value (builder, card->lapses);
  json_builder_set_member_name (builder, "last-review");
  json_builder_add_int_value (builder, card->last_review);
  json_builder_set_member_name (builder, "reps");
  json_builder_add_int_value (builder, card->reps);
  json_builder_set_member_name (builder, "scheduled-days");
  json_builder_add_int_value (builder, card->scheduled_days);
  json_builder_set_member_name (builder, "stability");
  json_builder_add_double_value (builder, card->stability);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, sig_fsrs_state_to_string (card->state));
  json_builder_set_member_name (builder, "step");
  json_builder_add_int_value (builder, card->step);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gboolean
state_from_string (const char   *text,
                   SigFsrsState *state)
{
  for (int s = SIG_FSRS_STATE_NEW; s <= SIG_FSRS_STATE_RELEARNING; s++)
    if (g_strcmp0 (text, sig_fsrs_state_to_string ((SigFsrsState) s)) == 0)
      {
        *state = (SigFsrsState) s;
        return TRUE;
      }
  return FALSE;
}

static gboolean
member_number (JsonObject *object,
               const char *name,
               double     *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *value = (double) json_node_get_int (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      *value = json_node_get_double (node);
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
member_int (JsonObject *object,
            const char *name,
            gint64      min,
            gint64     *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return *value >= min;
}

gboolean
sig_review_card_state_from_json (const char  *text,
                                 SigFsrsCard *card)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  SigFsrsCard result = { 0 };
  gint64 reps, lapses, step, scheduled;

  g_return_val_if_fail (card != NULL, FALSE);

  if (text == NULL || (root = json_from_string (text, NULL)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);
  if (!state_from_string (json_object_get_string_member_with_default (object, "state", NULL), &result.state) ||
      !member_number (object, "difficulty", &result.difficulty) ||
      !member_number (object, "stability", &result.stability) ||
      !member_int (object, "due", G_MININT64, &result.due) ||
      !member_int (object, "last-review", 0, &result.last_review) ||
      !member_int (object, "reps", 0, &reps) ||
      !member_int (object, "lapses", 0, &lapses) ||
      !member_int (object, "step", 0, &step) ||
      !member_int (object, "scheduled-days", 0, &scheduled) ||
      reps > G_MAXUINT || lapses > G_MAXUINT || step > G_MAXUINT || scheduled > G_MAXUINT)
    return FALSE;
  result.reps = (guint) reps;
  result.lapses = (guint) lapses;
  result.step = (guint) step;
  result.scheduled_days = (guint) scheduled;
  *card = result;
  return TRUE;
}
