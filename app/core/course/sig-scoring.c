/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "sig-loader.h"
#include "sig-scoring.h"

static gboolean
bad_response (GError           **error,
              const SigQuestion *question,
              const char        *response,
              const char        *hint)
{
  g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_INVALID,
               _("The answer “%s” does not fit question “%s”: %s"), response, question->id, hint);
  return FALSE;
}

static SigOption *
find_option (const SigQuestion *question,
             const char        *id)
{
  for (guint i = 0; i < question->options->len; i++)
    {
      SigOption *option = question->options->pdata[i];

      if (g_strcmp0 (option->id, id) == 0)
        return option;
    }
  return NULL;
}

static int
find_pair (const SigQuestion *question,
           const char        *id)
{
  for (guint i = 0; i < question->pairs->len; i++)
    if (g_strcmp0 (((SigPair *) question->pairs->pdata[i])->id, id) == 0)
      return (int) i;
  return -1;
}

static SigSpan *
find_span (const SigQuestion *question,
           const char        *id)
{
  for (guint i = 0; i < question->spans->len; i++)
    {
      SigSpan *span = question->spans->pdata[i];

      if (g_strcmp0 (span->id, id) == 0)
        return span;
    }
  return NULL;
}

/* Splits "a, b,c" into unique, non-empty, trimmed words; FALSE on a repeat. */
static gboolean
split_ids (const char  *response,
           GPtrArray  **out)
{
  g_auto(GStrv) words = g_strsplit (response, ",", -1);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; words[i] != NULL; i++)
    {
      char *word = g_strstrip (words[i]);

      if (*word == '\0')
        continue;
      if (g_ptr_array_find_with_equal_func (ids, word, g_str_equal, NULL))
        return FALSE;
      g_ptr_array_add (ids, g_strdup (word));
    }
  *out = g_steal_pointer (&ids);
  return TRUE;
}

gboolean
sig_question_score (const SigQuestion *question,
                    const char        *response,
                    SigScore          *score,
                    GError           **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  double fraction = 0;

  g_return_val_if_fail (question != NULL && response != NULL && score != NULL, FALSE);

  if (!split_ids (response, &ids))
    return bad_response (error, question, response, _("an answer is given twice."));

  switch (question->type)
    {
    case SIG_QUESTION_SINGLE:
    case SIG_QUESTION_TRUE_FALSE:
      {
        SigOption *option;

        if (ids->len != 1 || (option = find_option (question, ids->pdata[0])) == NULL)
          return bad_response (error, question, response, _("choose exactly one of the options."));
        fraction = option->correct ? 1 : 0;
      }
      break;

    case SIG_QUESTION_MULTIPLE:
      {
        guint right = 0, wrong = 0, n_correct = 0;

        for (guint i = 0; i < question->options->len; i++)
          n_correct += ((SigOption *) question->options->pdata[i])->correct;
        for (guint i = 0; i < ids->len; i++)
          {
            SigOption *option = find_option (question, ids->pdata[i]);

            if (option == NULL)
              return bad_response (error, question, response, _("an option id is unknown."));
            if (option->correct)
              right++;
            else
              wrong++;
          }
        fraction = n_correct == 0 ? 0 : MAX (0.0, (double) right - wrong) / n_correct;
      }
      break;

    case SIG_QUESTION_ORDERING:
      {
        guint in_place = 0;

        if (ids->len != question->options->len)
          return bad_response (error, question, response, _("put every item in the order once."));
        for (guint i = 0; i < ids->len; i++)
          {
            if (find_option (question, ids->pdata[i]) == NULL)
              return bad_response (error, question, response, _("an item id is unknown."));
            if (g_str_equal (ids->pdata[i], ((SigOption *) question->options->pdata[i])->id))
              in_place++;
          }
        fraction = (double) in_place / question->options->len;
      }
      break;

    case SIG_QUESTION_MATCHING:
      {
        g_autoptr(GHashTable) used_right = g_hash_table_new (g_str_hash, g_str_equal);
        guint right = 0;

        if (ids->len != question->pairs->len)
          return bad_response (error, question, response, _("match every item on the left once."));
        for (guint i = 0; i < ids->len; i++)
          {
            g_auto(GStrv) sides = g_strsplit (ids->pdata[i], "=", 2);
            int left, match;

            if (sides[0] == NULL || sides[1] == NULL ||
                (left = find_pair (question, g_strstrip (sides[0]))) < 0 ||
                (match = find_pair (question, g_strstrip (sides[1]))) < 0)
              return bad_response (error, question, response, _("write each match as left=right with pair ids."));
            if (!g_hash_table_add (used_right, ((SigPair *) question->pairs->pdata[match])->id))
              return bad_response (error, question, response, _("each item on the right can be used once."));
            right += left == match;
          }
        fraction = (double) right / question->pairs->len;
      }
      break;

    case SIG_QUESTION_SPOT_SIGNALS:
      {
        guint right = 0, wrong = 0, n_signals = 0;

        for (guint i = 0; i < question->spans->len; i++)
          n_signals += ((SigSpan *) question->spans->pdata[i])->signal;
        for (guint i = 0; i < ids->len; i++)
          {
            SigSpan *span = find_span (question, ids->pdata[i]);

            if (span == NULL)
              return bad_response (error, question, response, _("a phrase id is unknown."));
            if (span->signal)
              right++;
            else
              wrong++;
          }
        fraction = n_signals == 0 ? 0 : MAX (0.0, (double) right - wrong) / n_signals;
      }
      break;

    default:
      g_assert_not_reached ();
    }

  score->max = question->points;
  score->points = question->points * fraction;
  score->correct = fraction >= 1.0;
  return TRUE;
}

char *
sig_question_best_response (const SigQuestion *question)
{
  g_autoptr(GString) str = g_string_new (NULL);

  switch (question->type)
    {
    case SIG_QUESTION_SINGLE:
    case SIG_QUESTION_MULTIPLE:
    case SIG_QUESTION_TRUE_FALSE:
      for (guint i = 0; i < question->options->len; i++)
        {
          SigOption *option = question->options->pdata[i];

          if (option->correct)
            g_string_append_printf (str, "%s%s", str->len ? "," : "", option->id);
        }
      break;
    case SIG_QUESTION_ORDERING:
      for (guint i = 0; i < question->options->len; i++)
        g_string_append_printf (str, "%s%s", i ? "," : "", ((SigOption *) question->options->pdata[i])->id);
      break;
    case SIG_QUESTION_MATCHING:
      for (guint i = 0; i < question->pairs->len; i++)
        {
          const char *id = ((SigPair *) question->pairs->pdata[i])->id;
          g_string_append_printf (str, "%s%s=%s", i ? "," : "", id, id);
        }
      break;
    case SIG_QUESTION_SPOT_SIGNALS:
      for (guint i = 0; i < question->spans->len; i++)
        {
          SigSpan *span = question->spans->pdata[i];

          if (span->signal)
            g_string_append_printf (str, "%s%s", str->len ? "," : "", span->id);
        }
      break;
    default:
      g_assert_not_reached ();
    }
  return g_string_free (g_steal_pointer (&str), FALSE);
}
