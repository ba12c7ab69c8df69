/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Questions of every type (single, multiple, true-false, ordering, matching,
 * spot-the-signals), in a module, a review or the knowledge check. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sig-loader-private.h"

static SigOption *
new_option (const char *id,
            guint       line,
            gboolean    correct)
{
  SigOption *option = g_new0 (SigOption, 1);

  option->id = g_strdup (id);
  option->line = line;
  option->correct = correct;
  return option;
}

/* Checks that an id is unique among the parts of one question. */
static gboolean
take_local_id (Loader     *loader,
               xmlNode    *node,
               GHashTable *seen,
               char      **out)
{
  *out = sig_loader_take_id (loader, node, FALSE);
  if (*out == NULL)
    return FALSE;
  if (!g_hash_table_add (seen, g_strdup (*out)))
    return fail (loader, node, SIG_LOADER_ERROR_INVALID,
                 _("The id “%s” is used twice in this question. Give each part its own id."), *out);
  return TRUE;
}

static gboolean
parse_passage (Loader      *loader,
               SigQuestion *question,
               xmlNode     *node,
               GHashTable  *spans_by_id)
{
  SigPassage *passage = g_new0 (SigPassage, 1);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  passage->lang = get_lang (node);
  passage->segments = g_ptr_array_new_with_free_func (sig_segment_free);
  g_ptr_array_add (question->passages, passage);
  if (passage->lang == NULL)
    return fail (loader, node, SIG_LOADER_ERROR_INVALID,
                 _("<passage> has no xml:lang. Add xml:lang=\"nl\" or xml:lang=\"en\"."));

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      SigSegment *segment = g_new0 (SigSegment, 1);
      g_autoptr(GString) str = g_string_new (NULL);

      g_ptr_array_add (passage->segments, segment);
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        sig_loader_append_normalised (str, (const char *) child->content);
      else if (is_element (child, "span"))
        {
          SigSpan *span;
          g_autofree char *text = sig_loader_element_text (loader, child);

          if (!take_local_id (loader, child, seen, &segment->span_id))
            return FALSE;
          span = g_hash_table_lookup (spans_by_id, segment->span_id);
          if (span == NULL)
            {
              span = g_new0 (SigSpan, 1);
              span->id = g_strdup (segment->span_id);
              span->signal = get_bool_attr (child, "signal", FALSE);
              span->text = sig_text_new ();
              g_ptr_array_add (question->spans, span);
              g_hash_table_insert (spans_by_id, span->id, span);
            }
          else if (span->signal != get_bool_attr (child, "signal", FALSE))
            return fail (loader, child, SIG_LOADER_ERROR_INVALID,
                         _("The span “%s” is a signal in one language and not in another. Mark it the same way in every language."),
                         span->id);
          sig_text_set (span->text, passage->lang, text);
          g_string_append (str, text);
        }
      else
        continue;
      segment->text = g_strdup (str->str);
    }
  return TRUE;
}

SigQuestion *
sig_loader_parse_question (Loader  *loader,
                           xmlNode *node)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  SigQuestion *question = g_new0 (SigQuestion, 1);
  g_autofree char *type = get_attr (node, "type");
  g_autofree char *objectives = get_attr (node, "objectives");

  question->line = line_of (node);
  question->options = g_ptr_array_new_with_free_func (sig_option_free);
  question->pairs = g_ptr_array_new_with_free_func (sig_pair_free);
  question->spans = g_ptr_array_new_with_free_func (sig_span_free);
  question->passages = g_ptr_array_new_with_free_func (sig_passage_free);

#define BAIL() do { sig_question_free (question); return NULL; } while (0)

  if ((question->id = sig_loader_take_id (loader, node, TRUE)) == NULL)
    BAIL ();
  if (!sig_question_type_from_string (type, &question->type))
    {
      fail (loader, node, SIG_LOADER_ERROR_SCHEMA,
            _("The question type “%s” is unknown. Use single, multiple, true-false, ordering, matching or spot-signals."),
            type ? type : "");
      BAIL ();
    }
  question->review = get_bool_attr (node, "review", TRUE);
  if (!sig_loader_get_uint_attr (loader, node, "points", 0, 1000, 1, &question->points))
    BAIL ();
  question->objectives = g_strsplit_set (objectives ? objectives : "", " \t\n", -1);
  for (guint i = 0; question->objectives[i] != NULL; i++)
    if (*question->objectives[i] != '\0')
      sig_loader_add_ref (loader, SIG_REF_OBJECTIVE, question->objectives[i], node);
  {
    /* drop empty words left by repeated spaces */
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
    for (guint i = 0; question->objectives[i] != NULL; i++)
      if (*question->objectives[i] != '\0')
        g_strv_builder_add (builder, question->objectives[i]);
    g_strfreev (question->objectives);
    question->objectives = g_strv_builder_end (builder);
  }

  if ((question->prompt = sig_loader_require_text (loader, node, "prompt")) == NULL)
    BAIL ();
  question->explanation = sig_loader_collect_text (loader, node, "explanation");

  switch (question->type)
    {
    case SIG_QUESTION_SINGLE:
    case SIG_QUESTION_MULTIPLE:
    case SIG_QUESTION_ORDERING:
      foreach_child (node, child)
        {
          SigOption *option;
          g_autofree char *id = NULL;
          const char *element = question->type == SIG_QUESTION_ORDERING ? "item" : "option";

          if (!is_element (child, element))
            continue;
          if (!take_local_id (loader, child, seen, &id))
            BAIL ();
          option = new_option (id, line_of (child),
                               question->type == SIG_QUESTION_ORDERING || get_bool_attr (child, "correct", FALSE));
          g_ptr_array_add (question->options, option);
          if ((option->text = sig_loader_require_text (loader, child, "text")) == NULL)
            BAIL ();
          option->feedback = sig_loader_collect_text (loader, child, "feedback");
        }
      if (question->options->len < 2)
        {
          fail (loader, node, SIG_LOADER_ERROR_INVALID,
                _("The question “%s” needs at least two %s elements."), question->id,
                question->type == SIG_QUESTION_ORDERING ? "<item>" : "<option>");
          BAIL ();
        }
      break;

    case SIG_QUESTION_TRUE_FALSE:
      {
        g_autofree char *answer = get_attr (node, "answer");
        SigOption *yes, *no;

        if (g_strcmp0 (answer, "true") != 0 && g_strcmp0 (answer, "false") != 0)
          {
            fail (loader, node, SIG_LOADER_ERROR_INVALID,
                  _("The true-false question “%s” needs answer=\"true\" or answer=\"false\"."), question->id);
            BAIL ();
          }
        yes = new_option ("true", question->line, g_str_equal (answer, "true"));
        no = new_option ("false", question->line, g_str_equal (answer, "false"));
        yes->feedback = sig_loader_collect_text_filtered (loader, node, "feedback", "answer", "true");
        no->feedback = sig_loader_collect_text_filtered (loader, node, "feedback", "answer", "false");
        g_ptr_array_add (question->options, yes);
        g_ptr_array_add (question->options, no);
      }
      break;

    case SIG_QUESTION_MATCHING:
      foreach_child (node, child)
        {
          SigPair *pair;

          if (!is_element (child, "pair"))
            continue;
          pair = g_new0 (SigPair, 1);
          pair->line = line_of (child);
          g_ptr_array_add (question->pairs, pair);
          if (!take_local_id (loader, child, seen, &pair->id) ||
              (pair->left = sig_loader_require_text (loader, child, "left")) == NULL ||
              (pair->right = sig_loader_require_text (loader, child, "right")) == NULL)
            BAIL ();
        }
      if (question->pairs->len < 2)
        {
          fail (loader, node, SIG_LOADER_ERROR_INVALID,
                _("The matching question “%s” needs at least two <pair> elements."), question->id);
          BAIL ();
        }
      break;

    case SIG_QUESTION_SPOT_SIGNALS:
      {
        g_autoptr(GHashTable) spans_by_id = g_hash_table_new (g_str_hash, g_str_equal);

        foreach_child (node, child)
          if (is_element (child, "passage") &&
              !parse_passage (loader, question, child, spans_by_id))
            BAIL ();
        if (question->passages->len == 0 || question->spans->len == 0)
          {
            fail (loader, node, SIG_LOADER_ERROR_INVALID,
                  _("The question “%s” needs a <passage> with <span> phrases to select."), question->id);
            BAIL ();
          }
        for (guint i = 0; i < question->spans->len; i++)
          {
            SigSpan *span = question->spans->pdata[i];

            span->feedback = sig_loader_collect_text_filtered (loader, node, "feedback", "span", span->id);
          }
        foreach_child (node, child)
          {
            g_autofree char *span_id = NULL;

            if (!is_element (child, "feedback"))
              continue;
            span_id = get_attr (child, "span");
            if (span_id == NULL || g_hash_table_lookup (spans_by_id, span_id) == NULL)
              {
                fail (loader, child, SIG_LOADER_ERROR_INVALID,
                      _("This feedback belongs to span “%s”, which is not in the passage. Use the id of a <span>."),
                      span_id ? span_id : "");
                BAIL ();
              }
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }

  if (loader->error != NULL)
    BAIL ();
#undef BAIL
  return question;
}
