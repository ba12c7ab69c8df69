/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include "sig-condition.h"
#include "sig-core-resources.h"
#include "sig-course-private.h"
#include "sig-diagnostic.h"
#include "sig-file.h"
#include "sig-loader.h"
#include "sig-media.h"
#include "sig-prescan.h"
#include "sig-suggest.h"

#define XINCLUDE_NS_2001 "http://www.w3.org/2001/XInclude"
#define XINCLUDE_NS_2003 "http://www.w3.org/2003/XInclude"
#define SCHEMA_RESOURCE "/nl/signaal/core/signaal.rng"

G_DEFINE_QUARK (sig-loader-error-quark, sig_loader_error)

typedef struct {
  const char *path;          /* for messages */
  GError *error;             /* the first problem */
  GHashTable *ids;           /* id -> line, one namespace per file */
  GPtrArray *refs;           /* SigRef* of the file being built */
  GPtrArray *texts;          /* SigTextRecord* of the file being built */
} Loader;

/* ---------------------------------------------------------------- errors */

static gboolean G_GNUC_PRINTF (5, 6)
fail_at (Loader         *loader,
         guint           line,
         guint           column,
         SigLoaderError  code,
         const char     *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (loader->error != NULL)
    return FALSE;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  {
    g_autofree char *full = sig_format_location (loader->path, line, column, SIG_SEVERITY_ERROR, message);
    loader->error = g_error_new_literal (SIG_LOADER_ERROR, code, full);
  }
  return FALSE;
}

#define fail(loader, node, code, ...) \
  fail_at ((loader), (node) ? (guint) xmlGetLineNo (node) : 0, 0, (code), __VA_ARGS__)

static guint
line_of (xmlNode *node)
{
  long line = xmlGetLineNo (node);

  return line > 0 ? (guint) line : 0;
}

/* ------------------------------------------------------------- xml helpers */

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node != NULL &&
         node->type == XML_ELEMENT_NODE &&
         node->ns != NULL &&
         g_strcmp0 ((const char *) node->ns->href, SIG_NAMESPACE) == 0 &&
         (name == NULL || g_strcmp0 ((const char *) node->name, name) == 0);
}

#define foreach_child(parent, child) \
  for (xmlNode *child = (parent)->children; child != NULL; child = child->next) \
    if (child->type == XML_ELEMENT_NODE)

static xmlNode *
first_child (xmlNode    *parent,
             const char *name)
{
  foreach_child (parent, child)
    if (is_element (child, name))
      return child;
  return NULL;
}

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static char *
get_lang (xmlNode *node)
{
  xmlChar *value = xmlGetNsProp (node, (const xmlChar *) "lang", XML_XML_NAMESPACE);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static gboolean
get_bool_attr (xmlNode    *node,
               const char *name,
               gboolean    fallback)
{
  g_autofree char *value = get_attr (node, name);

  if (value == NULL)
    return fallback;
  return g_str_equal (value, "true") || g_str_equal (value, "1");
}

static gboolean
get_uint_attr (Loader     *loader,
               xmlNode    *node,
               const char *name,
               guint64     min,
               guint64     max,
               guint64     fallback,
               guint      *out)
{
  g_autofree char *value = get_attr (node, name);
  guint64 number;

  if (value == NULL)
    {
      *out = (guint) fallback;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (value, 10, min, max, &number, NULL))
    return fail (loader, node, SIG_LOADER_ERROR_INVALID,
                 _("The attribute %s=\"%s\" must be a whole number from %u to %u."),
                 name, value, (guint) min, (guint) max);
  *out = (guint) number;
  return TRUE;
}

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
id_is_valid (const char *id)
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
static char *
take_id (Loader  *loader,
         xmlNode *node,
         gboolean register_globally)
{
  g_autofree char *id = get_attr (node, "id");
  gpointer previous;

  if (!id_is_valid (id))
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

static void
add_ref (Loader     *loader,
         SigRefKind  kind,
         const char *id,
         xmlNode    *node)
{
  SigRef *ref = g_new0 (SigRef, 1);

  ref->kind = kind;
  ref->id = g_strdup (id);
  ref->line = line_of (node);
  g_ptr_array_add (loader->refs, ref);
}

/* Collapses runs of white space to one space. */
static void
append_normalised (GString    *str,
                   const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p))
        {
          /* a space at the start is kept: the run may follow emphasis or a citation */
          if (str->len == 0 || str->str[str->len - 1] != ' ')
            g_string_append_c (str, ' ');
        }
      else
        g_string_append_c (str, *p);
    }
}

static void
flatten_text (Loader  *loader,
              xmlNode *node,
              GString *str)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        append_normalised (str, (const char *) child->content);
      else if (is_element (child, "cite"))
        {
          g_autofree char *ref = get_attr (child, "ref");
          add_ref (loader, SIG_REF_SOURCE, ref, child);
        }
      else if (child->type == XML_ELEMENT_NODE)
        flatten_text (loader, child, str);
    }
}

static char *
element_text (Loader  *loader,
              xmlNode *node)
{
  g_autoptr(GString) str = g_string_new (NULL);

  flatten_text (loader, node, str);
  return g_strstrip (g_strdup (str->str));
}

static void
record_text (Loader     *loader,
             SigText    *text,
             xmlNode    *node,
             const char *element)
{
  SigTextRecord *record = g_new0 (SigTextRecord, 1);

  record->text = text;
  record->line = line_of (node);
  record->element = g_intern_string (element);
  g_ptr_array_add (loader->texts, record);
}

/* Collects the xml:lang variants of the children called @name. @filter, when
 * not NULL, keeps only children whose @filter_attr equals it. Returns NULL when
 * there are none; sets an error on a repeated language. */
static SigText *
collect_text_filtered (Loader     *loader,
                       xmlNode    *parent,
                       const char *name,
                       const char *filter_attr,
                       const char *filter)
{
  g_autoptr(SigText) text = NULL;
  xmlNode *first = NULL;

  foreach_child (parent, child)
    {
      g_autofree char *lang = NULL;
      g_autofree char *value = NULL;

      if (!is_element (child, name))
        continue;
      if (filter_attr != NULL)
        {
          g_autofree char *attr = get_attr (child, filter_attr);
          if (g_strcmp0 (attr, filter) != 0)
            continue;
        }
      lang = get_lang (child);
      if (lang == NULL || *lang == '\0')
        {
          fail (loader, child, SIG_LOADER_ERROR_INVALID,
                _("<%s> has no xml:lang. Add xml:lang=\"nl\" or xml:lang=\"en\"."), name);
          return NULL;
        }
      if (text == NULL)
        {
          text = sig_text_new ();
          first = child;
        }
      if (sig_text_has (text, lang))
        {
          fail (loader, child, SIG_LOADER_ERROR_INVALID,
                _("There are two <%s> elements in the language “%s” here. Keep one."), name, lang);
          return NULL;
        }
      value = element_text (loader, child);
      sig_text_set (text, lang, value);
    }
  if (text != NULL)
    record_text (loader, text, first, name);
  return g_steal_pointer (&text);
}

static SigText *
collect_text (Loader     *loader,
              xmlNode    *parent,
              const char *name)
{
  return collect_text_filtered (loader, parent, name, NULL, NULL);
}

static SigText *
require_text (Loader     *loader,
              xmlNode    *parent,
              const char *name)
{
  SigText *text = collect_text (loader, parent, name);

  if (text == NULL && loader->error == NULL)
    fail (loader, parent, SIG_LOADER_ERROR_INVALID,
          _("<%s> needs a <%s>. Add one for each language."), (const char *) parent->name, name);
  return text;
}

static GStrv
collect_words (xmlNode    *parent,
               const char *container,
               const char *name)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  xmlNode *list = first_child (parent, container);

  if (list != NULL)
    foreach_child (list, child)
      if (is_element (child, name))
        {
          xmlChar *content = xmlNodeGetContent (child);
          g_autofree char *value = g_strstrip (g_strdup ((const char *) content));

          xmlFree (content);
          g_strv_builder_add (builder, value);
        }
  return g_strv_builder_end (builder);
}

/* ------------------------------------------------------------ rich text */

static GPtrArray *
parse_inlines (Loader  *loader,
               xmlNode *node)
{
  GPtrArray *inlines = g_ptr_array_new_with_free_func (sig_inline_free);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      SigInline *in = NULL;

      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        {
          g_autoptr(GString) str = g_string_new (NULL);

          append_normalised (str, (const char *) child->content);
          in = g_new0 (SigInline, 1);
          in->kind = SIG_INLINE_TEXT;
          in->text = g_strdup (str->str);
        }
      else if (is_element (child, "em") || is_element (child, "strong"))
        {
          in = g_new0 (SigInline, 1);
          in->kind = is_element (child, "em") ? SIG_INLINE_EMPHASIS : SIG_INLINE_STRONG;
          in->text = element_text (loader, child);
        }
      else if (is_element (child, "cite"))
        {
          in = g_new0 (SigInline, 1);
          in->kind = SIG_INLINE_CITE;
          in->ref = get_attr (child, "ref");
          add_ref (loader, SIG_REF_SOURCE, in->ref, child);
        }
      if (in != NULL)
        g_ptr_array_add (inlines, in);
    }

  /* Trim the white space at both ends of the run. */
  if (inlines->len > 0)
    {
      SigInline *first = inlines->pdata[0];
      SigInline *last = inlines->pdata[inlines->len - 1];

      if (first->kind == SIG_INLINE_TEXT)
        g_strchug (first->text);
      if (last->kind == SIG_INLINE_TEXT)
        g_strchomp (last->text);
    }
  return inlines;
}

static gboolean
check_media_path (Loader     *loader,
                  xmlNode    *node,
                  const char *src)
{
  if (!sig_loader_media_path_is_safe (src))
    return fail (loader, node, SIG_LOADER_ERROR_FORBIDDEN,
                 _("The media path “%s” points outside the course package. Use a path inside the course folder, such as “media/picture.png”."),
                 src ? src : "");
  add_ref (loader, SIG_REF_MEDIA, src, node);
  return TRUE;
}

static GPtrArray *
parse_blocks (Loader  *loader,
              xmlNode *parent)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) sig_block_free);

  foreach_child (parent, child)
    {
      SigBlock *block = g_new0 (SigBlock, 1);

      block->line = line_of (child);
      g_ptr_array_add (blocks, block);
      if (is_element (child, "h") || is_element (child, "p"))
        {
          block->kind = is_element (child, "h") ? SIG_BLOCK_HEADING : SIG_BLOCK_PARAGRAPH;
          block->inlines = parse_inlines (loader, child);
        }
      else if (is_element (child, "list"))
        {
          block->kind = SIG_BLOCK_LIST;
          block->items = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
          foreach_child (child, item)
            if (is_element (item, "item"))
              g_ptr_array_add (block->items, parse_inlines (loader, item));
        }
      else if (is_element (child, "callout"))
        {
          block->kind = SIG_BLOCK_CALLOUT;
          block->callout_kind = get_attr (child, "kind");
          if (block->callout_kind == NULL)
            block->callout_kind = g_strdup ("info");
          block->children = parse_blocks (loader, child);
          if (block->children == NULL)
            return NULL;
        }
      else if (is_element (child, "image"))
        {
          block->kind = SIG_BLOCK_IMAGE;
          block->src = get_attr (child, "src");
          block->alt = get_attr (child, "alt");
          if (!check_media_path (loader, child, block->src))
            return NULL;
          if (block->alt == NULL || *g_strstrip (block->alt) == '\0')
            {
              fail (loader, child, SIG_LOADER_ERROR_INVALID,
                    _("The image “%s” has no alt text. Describe the picture in alt=\"…\" for people who cannot see it."),
                    block->src);
              return NULL;
            }
        }
      else if (is_element (child, "helpline"))
        {
          block->kind = SIG_BLOCK_HELPLINE;
          block->ref = get_attr (child, "ref");
          add_ref (loader, SIG_REF_HELPLINE, block->ref, child);
        }
      else
        {
          fail (loader, child, SIG_LOADER_ERROR_SCHEMA,
                _("<%s> cannot be used in a page body. Use h, p, list, callout, image or helpline."),
                (const char *) child->name);
          return NULL;
        }
    }
  return g_steal_pointer (&blocks);
}

/* ------------------------------------------------------------- questions */

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
  *out = take_id (loader, node, FALSE);
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
        append_normalised (str, (const char *) child->content);
      else if (is_element (child, "span"))
        {
          SigSpan *span;
          g_autofree char *text = element_text (loader, child);

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

static SigQuestion *
parse_question (Loader  *loader,
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

  if ((question->id = take_id (loader, node, TRUE)) == NULL)
    BAIL ();
  if (!sig_question_type_from_string (type, &question->type))
    {
      fail (loader, node, SIG_LOADER_ERROR_SCHEMA,
            _("The question type “%s” is unknown. Use single, multiple, true-false, ordering, matching or spot-signals."),
            type ? type : "");
      BAIL ();
    }
  question->review = get_bool_attr (node, "review", TRUE);
  if (!get_uint_attr (loader, node, "points", 0, 1000, 1, &question->points))
    BAIL ();
  question->objectives = g_strsplit_set (objectives ? objectives : "", " \t\n", -1);
  for (guint i = 0; question->objectives[i] != NULL; i++)
    if (*question->objectives[i] != '\0')
      add_ref (loader, SIG_REF_OBJECTIVE, question->objectives[i], node);
  {
    /* drop empty words left by repeated spaces */
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
    for (guint i = 0; question->objectives[i] != NULL; i++)
      if (*question->objectives[i] != '\0')
        g_strv_builder_add (builder, question->objectives[i]);
    g_strfreev (question->objectives);
    question->objectives = g_strv_builder_end (builder);
  }

  if ((question->prompt = require_text (loader, node, "prompt")) == NULL)
    BAIL ();
  question->explanation = collect_text (loader, node, "explanation");

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
          if ((option->text = require_text (loader, child, "text")) == NULL)
            BAIL ();
          option->feedback = collect_text (loader, child, "feedback");
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
        yes->feedback = collect_text_filtered (loader, node, "feedback", "answer", "true");
        no->feedback = collect_text_filtered (loader, node, "feedback", "answer", "false");
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
              (pair->left = require_text (loader, child, "left")) == NULL ||
              (pair->right = require_text (loader, child, "right")) == NULL)
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

            span->feedback = collect_text_filtered (loader, node, "feedback", "span", span->id);
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

/* --------------------------------------------------------------- shared */

static gboolean
parse_sources (Loader    *loader,
               xmlNode   *root,
               GPtrArray *sources)
{
  xmlNode *list = first_child (root, "sources");

  if (list == NULL)
    return TRUE;
  foreach_child (list, child)
    {
      SigSource *source;

      if (!is_element (child, "source"))
        continue;
      source = g_new0 (SigSource, 1);
      source->line = line_of (child);
      g_ptr_array_add (sources, source);
      if ((source->id = take_id (loader, child, TRUE)) == NULL)
        return FALSE;
      source->url = get_attr (child, "url");
      source->checked = get_attr (child, "checked");
      if ((source->text = require_text (loader, child, "text")) == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_warnings (Loader    *loader,
                xmlNode   *root,
                GPtrArray *warnings)
{
  foreach_child (root, child)
    {
      SigText *text;

      if (!is_element (child, "content-warning"))
        continue;
      if ((text = require_text (loader, child, "text")) == NULL)
        return FALSE;
      g_ptr_array_add (warnings, text);
    }
  return TRUE;
}

static gboolean
parse_root_attributes (Loader   *loader,
                       xmlNode  *root,
                       char    **id,
                       char    **version,
                       GStrv    *languages)
{
  g_autofree char *format = get_attr (root, "format");
  g_autofree char *langs = get_attr (root, "languages");
  guint parts[3];

  if (g_strcmp0 (format, "1") != 0)
    return fail (loader, root, SIG_LOADER_ERROR_UNSUPPORTED,
                 _("This file is written in course format “%s”, but this version of Signaal reads format 1. Set format=\"1\" or update Signaal."),
                 format ? format : "");
  if ((*id = take_id (loader, root, FALSE)) == NULL)
    return FALSE;
  *version = get_attr (root, "version");
  if (!sig_version_parse (*version, parts))
    return fail (loader, root, SIG_LOADER_ERROR_INVALID,
                 _("The version “%s” is not valid. Write it as three numbers of at most six digits each, such as version=\"1.0.0\"."),
                 *version ? *version : "");
  *languages = g_strsplit_set (langs ? g_strstrip (langs) : "", " ", -1);
  if ((*languages)[0] == NULL || *(*languages)[0] == '\0')
    return fail (loader, root, SIG_LOADER_ERROR_INVALID,
                 _("The file does not say which languages it is complete in. Add languages=\"nl en\" (or the languages you wrote)."));
  return TRUE;
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

static gboolean
check_refs (Loader    *loader,
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

          return fail_at (loader, ref->line, 0, SIG_LOADER_ERROR_INVALID,
                          _("The %s “%s” does not exist in this file.%s Check the spelling of the id, or add it."),
                          what, ref->id ? ref->id : "", hint);
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------- scenarios */

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

static void
collect_var (gpointer name,
             gpointer vars)
{
  g_ptr_array_add (vars, name);
}

static SigScenario *
parse_scenario (Loader     *loader,
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

  if (!parse_root_attributes (loader, root, &scenario->id, &scenario->version, &scenario->languages))
    return NULL;
  scenario->start = get_attr (root, "start");
  if ((scenario->title = require_text (loader, root, "title")) == NULL)
    return NULL;
  scenario->summary = collect_text (loader, root, "summary");
  scenario->sectors = collect_words (root, "sectors", "sector");
  scenario->themes = collect_words (root, "themes", "theme");
  if ((list = first_child (root, "minutes")) != NULL)
    {
      xmlChar *content = xmlNodeGetContent (list);
      scenario->minutes = (guint) g_ascii_strtoull ((const char *) content, NULL, 10);
      xmlFree (content);
    }
  if (!parse_sources (loader, root, scenario->sources) ||
      !parse_warnings (loader, root, scenario->warnings))
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
          if ((persona->id = take_id (loader, child, TRUE)) == NULL)
            return NULL;
          persona->gender = get_attr (child, "gender");
          if ((name = first_child (child, "name")) == NULL)
            return fail (loader, child, SIG_LOADER_ERROR_INVALID, _("The persona “%s” needs a <name>."), persona->id), NULL;
          persona->name = element_text (loader, name);
          persona->pronouns = collect_text (loader, child, "pronouns");
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
                                     collect_text_filtered (loader, child, "word", "key", key));
            }
        }
      else if (is_element (child, "character"))
        {
          SigCharacter *character = g_new0 (SigCharacter, 1);

          g_ptr_array_add (scenario->characters, character);
          if ((character->id = take_id (loader, child, TRUE)) == NULL ||
              (character->name = require_text (loader, child, "name")) == NULL)
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
        if ((variable->id = take_id (loader, child, TRUE)) == NULL)
          return NULL;
        if ((initial != NULL && !parse_number (initial, &variable->initial)) ||
            (min != NULL && !parse_number (min, &variable->min)) ||
            (max != NULL && !parse_number (max, &variable->max)) ||
            variable->min > variable->max ||
            variable->initial < variable->min || variable->initial > variable->max)
          return fail (loader, child, SIG_LOADER_ERROR_INVALID,
                       _("The variable “%s” needs numbers with min ≤ initial ≤ max."), variable->id), NULL;
        variable->label = collect_text (loader, child, "label");
      }

  if ((list = first_child (root, "signals")) != NULL)
    foreach_child (list, child)
      {
        SigSignal *signal = g_new0 (SigSignal, 1);

        g_ptr_array_add (scenario->signals, signal);
        signal->line = line_of (child);
        if ((signal->id = take_id (loader, child, TRUE)) == NULL ||
            (signal->text = require_text (loader, child, "text")) == NULL)
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
          if ((node->id = take_id (loader, child, TRUE)) == NULL)
            return NULL;
          node->review = get_bool_attr (child, "review", TRUE);
          node->speaker = get_attr (child, "speaker");
          if (node->speaker == NULL)
            node->speaker = g_strdup ("narrator");
          if ((node->text = require_text (loader, child, "text")) == NULL)
            return NULL;
          foreach_child (child, part)
            {
              if (is_element (part, "choice"))
                {
                  SigChoice *choice = g_new0 (SigChoice, 1);

                  g_ptr_array_add (node->choices, choice);
                  choice->line = line_of (part);
                  choice->effects = g_ptr_array_new_with_free_func (sig_effect_free);
                  if ((choice->id = take_id (loader, part, TRUE)) == NULL)
                    return NULL;
                  choice->target = get_attr (part, "goto");
                  choice->recommended = get_bool_attr (part, "recommended", FALSE);
                  if (!get_uint_attr (loader, part, "meldcode-step", 1, 5, 0, &choice->meldcode_step))
                    return NULL;
                  choice->condition_source = get_attr (part, "if");
                  choice->condition = parse_condition (loader, part, choice->condition_source);
                  if (loader->error != NULL ||
                      (choice->text = require_text (loader, part, "text")) == NULL ||
                      !parse_effects (loader, part, choice))
                    return NULL;
                  choice->feedback = collect_text (loader, part, "feedback");
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
          if ((ending->id = take_id (loader, child, TRUE)) == NULL ||
              !get_uint_attr (loader, child, "score", 0, 100, 0, &ending->score) ||
              (ending->title = require_text (loader, child, "title")) == NULL ||
              (ending->debrief = require_text (loader, child, "debrief")) == NULL)
            return NULL;
        }
    }

  /* References inside the scenario must all resolve. */
  if (scenario->start == NULL || sig_scenario_find_node (scenario, scenario->start) == NULL)
    {
      g_autofree char *hint = did_you_mean (loader, scenario->start, NULL);

      return fail (loader, root, SIG_LOADER_ERROR_INVALID,
                   _("The scenario starts at “%s”, but there is no <node> with that id.%s Set start=\"…\" to the id of the first node."),
                   scenario->start ? scenario->start : "", hint), NULL;
    }
  if (scenario->endings->len == 0)
    return fail (loader, root, SIG_LOADER_ERROR_INVALID,
                 _("The scenario “%s” has no <ending>. Add at least one."), scenario->id), NULL;

  for (guint i = 0; i < scenario->nodes->len; i++)
    {
      SigNode *node = scenario->nodes->pdata[i];
      gboolean known_speaker = g_strv_contains ((const char *[]) { "narrator", "you", "persona", NULL }, node->speaker);

      for (guint j = 0; !known_speaker && j < scenario->characters->len; j++)
        known_speaker = g_strcmp0 (((SigCharacter *) scenario->characters->pdata[j])->id, node->speaker) == 0;
      if (!known_speaker)
        {
          g_autofree char *hint = did_you_mean (loader, node->speaker, (const char *[]) { "narrator", "you", "persona", NULL });

          return fail_at (loader, node->line, 0, SIG_LOADER_ERROR_INVALID,
                          _("The speaker “%s” is unknown.%s Use narrator, you, persona, or the id of a <character>."),
                          node->speaker, hint), NULL;
        }

      for (guint j = 0; j < node->choices->len + node->transitions->len; j++)
        {
          gboolean is_choice = j < node->choices->len;
          SigChoice *choice = is_choice ? node->choices->pdata[j] : NULL;
          SigTransition *transition = is_choice ? NULL : node->transitions->pdata[j - node->choices->len];
          const char *target = is_choice ? choice->target : transition->target;
          guint line = is_choice ? choice->line : transition->line;
          SigCondition *condition = is_choice ? choice->condition : transition->condition;
          g_autoptr(GPtrArray) vars = g_ptr_array_new ();

          if (target == NULL ||
              (sig_scenario_find_node (scenario, target) == NULL &&
               sig_scenario_find_ending (scenario, target) == NULL))
            {
              g_autofree char *hint = did_you_mean (loader, target, NULL);

              return fail_at (loader, line, 0, SIG_LOADER_ERROR_INVALID,
                              _("goto=\"%s\" leads nowhere: there is no node or ending with that id.%s"),
                              target ? target : "", hint), NULL;
            }
          sig_condition_foreach_var (condition, collect_var, vars);
          for (guint k = 0; k < vars->len; k++)
            if (sig_scenario_find_variable (scenario, vars->pdata[k]) == NULL)
              {
                g_autofree char *hint = did_you_mean (loader, vars->pdata[k], NULL);

                return fail_at (loader, line, 0, SIG_LOADER_ERROR_INVALID,
                                _("The condition uses “%s”, which is not declared in <variables>.%s Declare it or fix the name."),
                                (const char *) vars->pdata[k], hint), NULL;
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

                  return fail_at (loader, line, 0, SIG_LOADER_ERROR_INVALID,
                                  _("<set var=\"%s\"> changes a variable that is not declared in <variables>.%s"),
                                  effect->var, hint), NULL;
                }
              if (variable->is_flag && effect->op == SIG_EFFECT_ADD)
                return fail_at (loader, line, 0, SIG_LOADER_ERROR_INVALID,
                                _("“%s” is a flag: set it with value=\"true\" or value=\"false\", not add."),
                                effect->var), NULL;
            }
          for (guint k = 0; choice->notices[k] != NULL; k++)
            if (sig_scenario_find_signal (scenario, choice->notices[k]) == NULL)
              {
                g_autofree char *hint = did_you_mean (loader, choice->notices[k], NULL);

                return fail_at (loader, line, 0, SIG_LOADER_ERROR_INVALID,
                                _("<notice signal=\"%s\"> names a signal that is not declared in <signals>.%s"),
                                choice->notices[k], hint), NULL;
              }
        }
    }

  if (!check_refs (loader, scenario->refs, SIG_REF_SOURCE, _("source")))
    return NULL;
  return g_steal_pointer (&scenario);
}

/* ---------------------------------------------------------------- course */

static gboolean
decode_media (Loader    *loader,
              xmlNode   *media,
              SigCourse *course)
{
  foreach_child (media, child)
    {
      g_autofree char *path = NULL;
      g_autofree char *type = NULL;
      g_autofree guchar *data = NULL;
      g_autoptr(GError) media_error = NULL;
      xmlChar *content;
      gsize len = 0;
      gboolean clean = TRUE;

      if (!is_element (child, "file"))
        continue;
      path = get_attr (child, "path");
      type = get_attr (child, "type");
      if (!sig_loader_media_path_is_safe (path))
        return fail (loader, child, SIG_LOADER_ERROR_FORBIDDEN,
                     _("The packed file “%s” has a path outside the package. Pack the course again with signaal-course pack."),
                     path ? path : "");
      content = xmlNodeGetContent (child);
      for (const xmlChar *p = content; p != NULL && *p; p++)
        if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/' && *p != '=' && !g_ascii_isspace (*p))
          clean = FALSE;
      if (clean && content != NULL)
        data = g_base64_decode ((const char *) content, &len);
      xmlFree (content);
      if (!clean || len == 0)
        return fail (loader, child, SIG_LOADER_ERROR_INVALID,
                     _("The packed file “%s” is damaged (not base64). Pack the course again with signaal-course pack."),
                     path);
      if (g_hash_table_contains (course->media, path))
        return fail (loader, child, SIG_LOADER_ERROR_INVALID,
                     _("The packed file “%s” is in the package twice. Pack the course again with signaal-course pack."),
                     path);
      if (g_strcmp0 (type, sig_media_type_for_path (path)) != 0)
        return fail (loader, child, SIG_LOADER_ERROR_INVALID,
                     _("The packed file “%s” is declared as “%s”, which does not match its name. Pack the course again with signaal-course pack."),
                     path, type ? type : "");
      if (!sig_media_check (path, type, data, len, NULL, NULL, &media_error))
        return fail (loader, child, media_error->code, "%s", media_error->message);
      g_hash_table_insert (course->media, g_strdup (path),
                            g_bytes_new_take (g_steal_pointer (&data), len));
    }
  return TRUE;
}

static SigCourse *
parse_course (Loader     *loader,
              xmlNode    *root,
              const char *path,
              const char *base_dir,
              gboolean    packed)
{
  g_autoptr(SigCourse) course = sig_course_new_empty ();
  xmlNode *node;

  loader->refs = course->refs;
  loader->texts = course->texts;
  course->path = g_strdup (path);
  course->base_dir = g_strdup (base_dir);
  course->packed = packed;

  if (!parse_root_attributes (loader, root, &course->id, &course->version, &course->languages))
    return NULL;
  if ((course->title = require_text (loader, root, "title")) == NULL)
    return NULL;
  course->summary = collect_text (loader, root, "summary");
  if ((node = first_child (root, "publisher")) != NULL)
    {
      xmlNode *logo = first_child (node, "logo");

      course->publisher_name = require_text (loader, node, "name");
      if (logo != NULL)
        {
          course->publisher_logo = get_attr (logo, "src");
          if (!check_media_path (loader, logo, course->publisher_logo))
            return NULL;
        }
    }
  course->sectors = collect_words (root, "sectors", "sector");
  course->themes = collect_words (root, "themes", "theme");
  if ((node = first_child (root, "minutes")) != NULL)
    {
      xmlChar *content = xmlNodeGetContent (node);
      course->minutes = (guint) g_ascii_strtoull ((const char *) content, NULL, 10);
      xmlFree (content);
    }
  if ((node = first_child (root, "accreditation")) != NULL)
    {
      guint points;

      if (!get_uint_attr (loader, node, "points", 0, 1000, 0, &points))
        return NULL;
      course->accreditation_points = (int) points;
      course->accreditation_register = collect_text (loader, node, "register");
    }
  if ((node = first_child (root, "certificate")) == NULL)
    return fail (loader, root, SIG_LOADER_ERROR_INVALID,
                 _("The course needs a <certificate pass-mark=\"70\" validity-months=\"24\"/>.")), NULL;
  if (!get_uint_attr (loader, node, "pass-mark", 0, 100, 70, &course->pass_mark) ||
      !get_uint_attr (loader, node, "validity-months", 1, 120, 24, &course->validity_months))
    return NULL;
  course->refresher_module = get_attr (node, "refresher");

  if ((node = first_child (root, "objectives")) != NULL)
    foreach_child (node, child)
      {
        SigObjective *objective = g_new0 (SigObjective, 1);

        g_ptr_array_add (course->objectives, objective);
        objective->line = line_of (child);
        if ((objective->id = take_id (loader, child, TRUE)) == NULL ||
            (objective->text = require_text (loader, child, "text")) == NULL)
          return NULL;
      }
  if (!parse_sources (loader, root, course->sources) ||
      !parse_warnings (loader, root, course->warnings))
    return NULL;

  if ((node = first_child (root, "knowledge-check")) != NULL)
    foreach_child (node, child)
      {
        SigQuestion *question;

        if (!is_element (child, "question"))
          continue;
        if ((question = parse_question (loader, child)) == NULL)
          return NULL;
        g_ptr_array_add (course->knowledge_check, question);
      }

  foreach_child (root, child)
    {
      SigModule *module;

      if (!is_element (child, "module"))
        continue;
      module = g_new0 (SigModule, 1);
      g_ptr_array_add (course->modules, module);
      module->line = line_of (child);
      module->required = get_bool_attr (child, "required", TRUE);
      module->items = g_ptr_array_new_with_free_func (sig_item_free);
      module->review = g_ptr_array_new_with_free_func ((GDestroyNotify) sig_question_free);
      if ((module->id = take_id (loader, child, TRUE)) == NULL ||
          (module->title = require_text (loader, child, "title")) == NULL)
        return NULL;

      foreach_child (child, part)
        {
          SigModuleItem *item;

          if (is_element (part, "title"))
            continue;
          if (is_element (part, "review"))
            {
              foreach_child (part, review_part)
                {
                  SigQuestion *question;

                  if (!is_element (review_part, "question"))
                    return fail (loader, review_part, SIG_LOADER_ERROR_SCHEMA,
                                 _("<%s> cannot be used in <review>. Put only <question> elements in it."),
                                 (const char *) review_part->name), NULL;
                  if ((question = parse_question (loader, review_part)) == NULL)
                    return NULL;
                  g_ptr_array_add (module->review, question);
                }
              if (module->review->len == 0)
                return fail (loader, part, SIG_LOADER_ERROR_INVALID,
                             _("<review> in the module “%s” is empty. Add the questions that are only asked in review, or remove it."),
                             module->id), NULL;
              continue;
            }
          item = g_new0 (SigModuleItem, 1);
          item->line = line_of (part);
          g_ptr_array_add (module->items, item);
          if (is_element (part, "page"))
            {
              SigPage *page = g_new0 (SigPage, 1);

              item->kind = SIG_ITEM_PAGE;
              item->page = page;
              page->line = item->line;
              page->bodies = g_ptr_array_new_with_free_func (sig_body_free);
              if ((page->id = take_id (loader, part, TRUE)) == NULL ||
                  (page->title = require_text (loader, part, "title")) == NULL)
                return NULL;
              foreach_child (part, body_node)
                {
                  SigBody *body;
                  GPtrArray *blocks;
                  g_autofree char *lang = NULL;

                  if (!is_element (body_node, "body"))
                    continue;
                  lang = get_lang (body_node);
                  if (lang == NULL)
                    return fail (loader, body_node, SIG_LOADER_ERROR_INVALID,
                                 _("<body> has no xml:lang. Add xml:lang=\"nl\" or xml:lang=\"en\".")), NULL;
                  for (guint k = 0; k < page->bodies->len; k++)
                    if (g_str_equal (((SigBody *) page->bodies->pdata[k])->lang, lang))
                      return fail (loader, body_node, SIG_LOADER_ERROR_INVALID,
                                   _("There are two <body> elements in the language “%s” here. Keep one."), lang), NULL;
                  if ((blocks = parse_blocks (loader, body_node)) == NULL)
                    return NULL;
                  body = g_new0 (SigBody, 1);
                  body->lang = g_steal_pointer (&lang);
                  body->blocks = blocks;
                  g_ptr_array_add (page->bodies, body);
                }
              if (page->bodies->len == 0)
                return fail (loader, part, SIG_LOADER_ERROR_INVALID,
                             _("The page “%s” has no <body>. Add one for each language."), page->id), NULL;
            }
          else if (is_element (part, "question"))
            {
              item->kind = SIG_ITEM_QUESTION;
              if ((item->question = parse_question (loader, part)) == NULL)
                return NULL;
            }
          else if (is_element (part, "scenario"))
            {
              item->kind = SIG_ITEM_SCENARIO;
              item->scenario_ref = get_attr (part, "ref");
              if (!id_is_valid (item->scenario_ref))
                return fail (loader, part, SIG_LOADER_ERROR_INVALID,
                             _("<scenario ref=\"…\"> needs the id of a scenario.")), NULL;
              add_ref (loader, SIG_REF_SCENARIO, item->scenario_ref, part);
            }
          else
            return fail (loader, part, SIG_LOADER_ERROR_SCHEMA,
                         _("<%s> cannot be used in a module. Use page, question or scenario."),
                         (const char *) part->name), NULL;
        }
    }
  if (course->modules->len == 0)
    return fail (loader, root, SIG_LOADER_ERROR_INVALID, _("The course has no <module>. Add at least one.")), NULL;

  if (course->refresher_module != NULL && sig_course_find_module (course, course->refresher_module) == NULL)
    return fail (loader, first_child (root, "certificate"), SIG_LOADER_ERROR_INVALID,
                 _("refresher=\"%s\" names a module that does not exist. Use the id of a <module>."),
                 course->refresher_module), NULL;
  if (!check_refs (loader, course->refs, SIG_REF_SOURCE, _("source")) ||
      !check_refs (loader, course->refs, SIG_REF_OBJECTIVE, _("learning objective")))
    return NULL;

  /* Packed files carry their scenarios and media inline. */
  foreach_child (root, child)
    {
      if (is_element (child, "scenario"))
        {
          g_autoptr(GHashTable) course_ids = loader->ids;
          SigScenario *scenario;

          loader->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          scenario = parse_scenario (loader, child, path);
          g_hash_table_unref (loader->ids);
          loader->ids = g_steal_pointer (&course_ids);
          loader->refs = course->refs;
          loader->texts = course->texts;
          if (scenario == NULL)
            return NULL;
          if (sig_course_find_scenario (course, scenario->id) != NULL)
            {
              fail (loader, child, SIG_LOADER_ERROR_INVALID,
                    _("The scenario “%s” is packed twice. Pack the course again."), scenario->id);
              sig_scenario_unref (scenario);
              return NULL;
            }
          g_ptr_array_add (course->scenarios, scenario);
        }
      else if (is_element (child, "media") && !decode_media (loader, child, course))
        return NULL;
    }
  return g_steal_pointer (&course);
}

/* --------------------------------------------------------------- parsing */

typedef struct {
  guint line;
  guint column;
  char *message;
  char *element;    /* the element a validation error is about, if known */
} XmlProblem;

static void
collect_xml_error (void     *data,
                   xmlError *error)
{
  XmlProblem *problem = data;

  if (problem->message != NULL || error == NULL || error->level < XML_ERR_ERROR)
    return;
  problem->line = error->line > 0 ? (guint) error->line : 0;
  problem->column = error->int2 > 0 ? (guint) error->int2 : 0;
  problem->message = g_strstrip (g_strdup (error->message ? error->message : "?"));
  if (error->domain == XML_FROM_RELAXNGV && error->node != NULL &&
      ((xmlNode *) error->node)->type == XML_ELEMENT_NODE)
    {
      xmlNode *node = error->node;

      problem->element = g_strdup ((const char *) node->name);
      if (problem->line == 0)
        problem->line = line_of (node);
    }
}

static xmlRelaxNGPtr
get_schema (void)
{
  static gsize initialised = 0;
  static xmlRelaxNGPtr schema = NULL;

  if (g_once_init_enter (&initialised))
    {
      g_autoptr(GBytes) bytes = g_resource_lookup_data (sig_core_get_resource (), SCHEMA_RESOURCE, 0, NULL);

      if (bytes != NULL)
        {
          gsize len;
          const char *data = g_bytes_get_data (bytes, &len);
          xmlRelaxNGParserCtxtPtr ctxt = xmlRelaxNGNewMemParserCtxt (data, (int) len);

          schema = xmlRelaxNGParse (ctxt);
          xmlRelaxNGFreeParserCtxt (ctxt);
        }
      g_once_init_leave (&initialised, 1);
    }
  return schema;
}

/* The section of docs/course-format.md that describes @element. */
static const char *
guide_section (const char *element)
{
  static const char *page_text[] = { "body", "h", "p", "list", "item", "callout", "image", "helpline", "em", "strong", "cite", NULL };
  static const char *questions[] = { "question", "prompt", "option", "feedback", "explanation", "passage", "span", "pair", "left", "right", NULL };
  static const char *scenarios[] = { "scenario", "persona", "pronouns", "word", "character", "variables", "number", "flag", "label",
                                     "signals", "signal", "node", "choice", "next", "set", "notice", "ending", "debrief", NULL };

  if (element == NULL)
    return _("“Reference” in the course format guide");
  if (g_strv_contains (page_text, element))
    return _("“Reference: page text” in the course format guide");
  if (g_strv_contains (questions, element))
    return _("“Reference: questions” in the course format guide");
  if (g_strv_contains (scenarios, element))
    return _("“Reference: scenarios” in the course format guide");
  return _("“Reference: the course file” in the course format guide");
}

/* Element and attribute names the format does not know, with the known name
 * closest to each: the schema alone would only say "did not expect". */
static gboolean
check_names (Loader  *loader,
             xmlNode *node)
{
  guint n_elements, n_attributes;
  const char * const *elements = sig_schema_element_names (&n_elements);
  const char * const *attributes = sig_schema_attribute_names (&n_attributes);

  for (xmlNode *child = node; child != NULL; child = child->next)
    {
      const char *name = (const char *) child->name;

      if (!is_element (child, NULL))
        continue;
      if (n_elements > 0 && !sig_schema_knows_element (name))
        {
          g_autofree char *hint = sig_did_you_mean (sig_suggest (name, elements, n_elements));

          return fail (loader, child, SIG_LOADER_ERROR_SCHEMA,
                       _("<%s> is not an element of the course format.%s See %s."),
                       name, hint, guide_section (NULL));
        }
      for (xmlAttr *attr = child->properties; attr != NULL && n_attributes > 0; attr = attr->next)
        {
          const char *attribute = (const char *) attr->name;

          if (attr->ns == NULL && !sig_schema_knows_attribute (attribute))
            {
              g_autofree char *hint = sig_did_you_mean (sig_suggest (attribute, attributes, n_attributes));

              return fail (loader, child, SIG_LOADER_ERROR_SCHEMA,
                           _("<%s> has an attribute “%s” that the course format does not know.%s See %s."),
                           name, attribute, hint, guide_section (name));
            }
        }
      if (child->children != NULL && !check_names (loader, child->children))
        return FALSE;
    }
  return TRUE;
}

static gboolean
validate_schema (Loader *loader,
                 xmlDoc *doc)
{
  xmlRelaxNGPtr schema = get_schema ();
  xmlRelaxNGValidCtxtPtr ctxt;
  XmlProblem problem = { 0 };
  int result;

  if (schema == NULL)
    return fail_at (loader, 0, 0, SIG_LOADER_ERROR_SCHEMA,
                    _("The course schema of this installation is missing or damaged. Reinstall Signaal."));
  ctxt = xmlRelaxNGNewValidCtxt (schema);
  xmlRelaxNGSetValidStructuredErrors (ctxt, collect_xml_error, &problem);
  result = xmlRelaxNGValidateDoc (ctxt, doc);
  xmlRelaxNGFreeValidCtxt (ctxt);
  if (result != 0)
    {
      g_autofree char *message = problem.message;
      g_autofree char *element = problem.element;

      /* libxml2 says "Expecting an element , got nothing" for a missing child */
      if (element != NULL && (message == NULL || strstr (message, "got nothing") != NULL))
        return fail_at (loader, problem.line, 0, SIG_LOADER_ERROR_SCHEMA,
                        _("<%s> is missing an element it needs, or its elements are in the wrong order. See %s."),
                        element, guide_section (element));
      if (element != NULL && message != NULL && strstr (message, "failed to validate attributes") != NULL)
        return fail_at (loader, problem.line, 0, SIG_LOADER_ERROR_SCHEMA,
                        _("<%s> has an attribute that is missing, unknown, or has a value the format does not allow. See %s."),
                        element, guide_section (element));
      if (element != NULL && message != NULL &&
          (strstr (message, "extra content") != NULL || strstr (message, "Did not expect") != NULL))
        return fail_at (loader, problem.line, 0, SIG_LOADER_ERROR_SCHEMA,
                        _("<%s>: %s. The element may not belong here, or the elements may be in the wrong order; the guide lists them in order. See %s."),
                        element, message, guide_section (element));
      if (element != NULL)
        return fail_at (loader, problem.line, 0, SIG_LOADER_ERROR_SCHEMA,
                        _("<%s> does not follow the course format: %s. See %s."),
                        element, message, guide_section (element));
      return fail_at (loader, problem.line, 0, SIG_LOADER_ERROR_SCHEMA,
                      _("This does not follow the course format: %s. See %s."),
                      message ? message : _("the document does not match the schema"), guide_section (NULL));
    }
  return TRUE;
}

/* The most common attribute mistakes, caught before the schema so that the
 * message names the value, the rule and the line. */
static gboolean
precheck_attributes (Loader  *loader,
                     xmlNode *node)
{
  static const char *sectors[] = { "healthcare", "education", "dental", "hair-beauty", "childcare",
                                   "social-work", "sport-community", "general", NULL };
  g_autofree char *id = NULL;

  if (!is_element (node, NULL))
    return TRUE;
  if ((id = get_attr (node, "id")) != NULL && !id_is_valid (id))
    return fail (loader, node, SIG_LOADER_ERROR_SCHEMA,
                 _("The id “%s” of <%s> is not valid. Use lowercase letters, digits, “-” and “.”, at most 64 characters."),
                 id, (const char *) node->name);
  if (is_element (node, "image"))
    {
      g_autofree char *alt = get_attr (node, "alt");

      if (alt == NULL || *g_strstrip (alt) == '\0')
        return fail (loader, node, SIG_LOADER_ERROR_SCHEMA,
                     _("The image has no alt text. Describe the picture in alt=\"…\" for people who cannot see it."));
    }
  if (is_element (node, "sector"))
    {
      xmlChar *content = xmlNodeGetContent (node);
      g_autofree char *sector = g_strstrip (g_strdup ((const char *) content));

      xmlFree (content);
      if (!g_strv_contains (sectors, sector))
        return fail (loader, node, SIG_LOADER_ERROR_SCHEMA,
                     _("“%s” is not a sector. Use one of: healthcare, education, dental, hair-beauty, childcare, social-work, sport-community, general."),
                     sector);
    }
  if (is_element (node, "question"))
    {
      g_autofree char *type = get_attr (node, "type");
      SigQuestionType unused;

      if (!sig_question_type_from_string (type, &unused))
        return fail (loader, node, SIG_LOADER_ERROR_SCHEMA,
                     _("The question type “%s” is unknown. Use single, multiple, true-false, ordering, matching or spot-signals."),
                     type ? type : "");
    }
  return TRUE;
}

static gboolean
check_foreign_elements (Loader  *loader,
                        xmlNode *node)
{
  for (xmlNode *child = node; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE && child->ns != NULL &&
          (g_strcmp0 ((const char *) child->ns->href, XINCLUDE_NS_2001) == 0 ||
           g_strcmp0 ((const char *) child->ns->href, XINCLUDE_NS_2003) == 0))
        return fail (loader, child, SIG_LOADER_ERROR_FORBIDDEN,
                     _("XInclude is not allowed in a course file. Put everything in the file itself, or pack the course with signaal-course pack."));
      if (child->type == XML_ELEMENT_NODE &&
          (is_element (child, "image") || is_element (child, "logo") || is_element (child, "file")))
        {
          g_autofree char *src = get_attr (child, is_element (child, "file") ? "path" : "src");

          if (src != NULL && !sig_loader_media_path_is_safe (src))
            return fail (loader, child, SIG_LOADER_ERROR_FORBIDDEN,
                         _("The media path “%s” points outside the course package. Use a path inside the course folder, such as “media/picture.png”."),
                         src);
        }
      if (child->type == XML_ELEMENT_NODE && !precheck_attributes (loader, child))
        return FALSE;
      if (child->type == XML_ENTITY_REF_NODE)
        return fail (loader, child, SIG_LOADER_ERROR_FORBIDDEN,
                     _("Entities are not allowed in a course file. Write the text itself."));
      if (child->children != NULL && !check_foreign_elements (loader, child->children))
        return FALSE;
    }
  return TRUE;
}

static void
utf8_position (const char *data,
               const char *end,
               guint      *line,
               guint      *column)
{
  *line = 1;
  *column = 1;
  for (const char *p = data; p < end; p++)
    {
      if (*p == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else
        (*column)++;
    }
}

gboolean
sig_loader_load_bytes (GBytes           *bytes,
                       const char       *display_path,
                       const char       *base_dir,
                       SigDocumentKind  *kind,
                       SigCourse       **course,
                       SigScenario     **scenario,
                       GError          **error)
{
  Loader loader = { display_path, NULL, NULL, NULL, NULL };
  SigPrescanLimits limits = { SIG_LIMIT_DEPTH, SIG_LIMIT_ATTRIBUTES, SIG_LIMIT_ELEMENTS };
  XmlProblem problem = { 0 };
  gboolean packed = g_str_has_suffix (display_path, ".signaal");
  const char *data;
  const char *invalid = NULL;
  xmlParserCtxtPtr ctxt;
  xmlDoc *doc;
  xmlNode *root;
  gsize len;
  guint line, column;

  g_return_val_if_fail (bytes != NULL && display_path != NULL, FALSE);
  *course = NULL;
  *scenario = NULL;
  data = g_bytes_get_data (bytes, &len);

  if (len > (packed ? SIG_LIMIT_PACKED_SIZE : SIG_LIMIT_FILE_SIZE))
    {
      g_autofree char *size = g_format_size (len);
      g_autofree char *limit = g_format_size (packed ? SIG_LIMIT_PACKED_SIZE : SIG_LIMIT_FILE_SIZE);

      fail_at (&loader, 0, 0, SIG_LOADER_ERROR_TOO_LARGE,
               _("The file is %s; a course file may be at most %s. Make images smaller or split the course."),
               size, limit);
      g_propagate_error (error, loader.error);
      return FALSE;
    }
  if (len == 0)
    {
      fail_at (&loader, 0, 0, SIG_LOADER_ERROR_NOT_XML, _("The file is empty. A course file starts with <course> or <scenario>."));
      g_propagate_error (error, loader.error);
      return FALSE;
    }
  if (!g_utf8_validate (data, (gssize) len, &invalid))
    {
      utf8_position (data, invalid, &line, &column);
      fail_at (&loader, line, column, SIG_LOADER_ERROR_NOT_XML,
               _("The text is not valid UTF-8 here. Save the file as UTF-8 in your editor."));
      g_propagate_error (error, loader.error);
      return FALSE;
    }
  switch (sig_prescan (data, len, &limits, &line, &column))
    {
    case SIG_PRESCAN_OK:
      break;
    case SIG_PRESCAN_DOCTYPE:
      fail_at (&loader, line, column, SIG_LOADER_ERROR_FORBIDDEN,
               _("A DOCTYPE or entity declaration is not allowed in a course file. Remove the <!DOCTYPE …> line."));
      break;
    case SIG_PRESCAN_DEPTH:
      fail_at (&loader, line, column, SIG_LOADER_ERROR_TOO_LARGE,
               _("The elements are nested more than %d deep here. A course needs far less; check for unclosed tags."),
               SIG_LIMIT_DEPTH);
      break;
    case SIG_PRESCAN_ATTRIBUTES:
      fail_at (&loader, line, column, SIG_LOADER_ERROR_TOO_LARGE,
               _("This element has more than %d attributes. Remove the extra attributes."), SIG_LIMIT_ATTRIBUTES);
      break;
    case SIG_PRESCAN_ELEMENTS:
      fail_at (&loader, line, column, SIG_LOADER_ERROR_TOO_LARGE,
               _("The file has more than %d elements. Split the course into smaller courses."), SIG_LIMIT_ELEMENTS);
      break;
    default:
      g_assert_not_reached ();
    }
  if (loader.error != NULL)
    {
      g_propagate_error (error, loader.error);
      return FALSE;
    }

  ctxt = xmlNewParserCtxt ();
  xmlSetStructuredErrorFunc (&problem, collect_xml_error);
  doc = xmlCtxtReadMemory (ctxt, data, (int) len, display_path, "UTF-8",
                           XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
  xmlSetStructuredErrorFunc (NULL, NULL);
  if (doc == NULL || !ctxt->wellFormed)
    {
      g_autofree char *message = problem.message;

      fail_at (&loader, problem.line, problem.column, SIG_LOADER_ERROR_NOT_XML,
               _("The file is not well-formed XML: %s. Check that every tag is closed, every “&” is written as “&amp;”, and comments hold no “--”."),
               message ? message : _("unexpected end of the file"));
      xmlFreeDoc (doc);
      xmlFreeParserCtxt (ctxt);
      g_propagate_error (error, loader.error);
      return FALSE;
    }
  xmlFreeParserCtxt (ctxt);
  g_free (problem.message);

  root = xmlDocGetRootElement (doc);
  loader.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (doc->intSubset != NULL || doc->extSubset != NULL)
    fail_at (&loader, 1, 0, SIG_LOADER_ERROR_FORBIDDEN,
             _("A DOCTYPE is not allowed in a course file. Remove the <!DOCTYPE …> line."));
  else if (root == NULL || !is_element (root, NULL) ||
           (!is_element (root, "course") && !is_element (root, "scenario")))
    fail (&loader, root, SIG_LOADER_ERROR_UNSUPPORTED,
          _("This is not a Signaal course or scenario: the first element must be <course> or <scenario> in the namespace %s."),
          SIG_NAMESPACE);
  else if (check_foreign_elements (&loader, root) && check_names (&loader, root) && validate_schema (&loader, doc))
    {
      if (is_element (root, "course"))
        {
          *kind = SIG_DOCUMENT_COURSE;
          *course = parse_course (&loader, root, display_path, base_dir, packed);
        }
      else
        {
          *kind = SIG_DOCUMENT_SCENARIO;
          *scenario = parse_scenario (&loader, root, display_path);
        }
    }
  g_hash_table_unref (loader.ids);
  xmlFreeDoc (doc);

  if (loader.error != NULL)
    {
      g_clear_pointer (course, sig_course_unref);
      g_clear_pointer (scenario, sig_scenario_unref);
      g_propagate_error (error, loader.error);
      return FALSE;
    }
  g_assert (*course != NULL || *scenario != NULL);
  return TRUE;
}

gboolean
sig_loader_load (const char       *path,
                 SigDocumentKind  *kind,
                 SigCourse       **course,
                 SigScenario     **scenario,
                 GError          **error)
{
  g_autofree char *file_path = NULL;
  g_autofree char *base_dir = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  gsize len = 0;
  gsize limit;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      file_path = g_build_filename (path, "course.xml", NULL);
      base_dir = g_strdup (path);
    }
  else
    {
      file_path = g_strdup (path);
      if (!g_str_has_suffix (path, ".signaal"))
        base_dir = g_path_get_dirname (path);
    }

  if (g_stat (file_path, &st) != 0)
    {
      g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_IO, "%s: %s: %s", file_path, _("error"),
                   g_file_test (path, G_FILE_TEST_IS_DIR)
                   ? _("This folder has no course.xml. An authoring folder holds course.xml and a media folder.")
                   : _("The file does not exist or cannot be opened. Check the path."));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_IO, "%s: %s: %s", file_path, _("error"),
                   _("This is not a regular file. Give the path of a course file or folder."));
      return FALSE;
    }
  /* Bounded by the bytes read: a file can grow while it is read. */
  limit = g_str_has_suffix (file_path, ".signaal") ? SIG_LIMIT_PACKED_SIZE : SIG_LIMIT_FILE_SIZE;
  if ((contents = sig_file_read (file_path, limit, &len, &local_error)) == NULL)
    {
      if (g_error_matches (local_error, SIG_FILE_ERROR, SIG_FILE_ERROR_TOO_LARGE))
        {
          g_autofree char *size = g_format_size (limit);

          /* Translators: %s is a size such as "32.0 MB" */
          g_autofree char *message = g_strdup_printf (_("The file is larger than %s, the most a course file may be. Make images smaller or split the course."), size);

          g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_TOO_LARGE, "%s: %s: %s", file_path, _("error"), message);
        }
      else
        g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_IO, "%s: %s: %s", file_path, _("error"), local_error->message);
      return FALSE;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  return sig_loader_load_bytes (bytes, file_path, base_dir, kind, course, scenario, error);
}

SigCourse *
sig_loader_load_course (const char  *path,
                        GError     **error)
{
  SigCourse *course = NULL;
  SigScenario *scenario = NULL;
  SigDocumentKind kind;

  if (!sig_loader_load (path, &kind, &course, &scenario, error))
    return NULL;
  if (scenario != NULL)
    {
      g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_UNSUPPORTED, "%s: %s: %s", path, _("error"),
                   _("This is a scenario, not a course. Include it in a course with <scenario ref=\"…\"/>."));
      sig_scenario_unref (scenario);
      return NULL;
    }
  return course;
}

SigScenario *
sig_loader_load_scenario (const char  *path,
                          GError     **error)
{
  SigCourse *course = NULL;
  SigScenario *scenario = NULL;
  SigDocumentKind kind;

  if (!sig_loader_load (path, &kind, &course, &scenario, error))
    return NULL;
  if (course != NULL)
    {
      g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_UNSUPPORTED, "%s: %s: %s", path, _("error"),
                   _("This is a course, not a scenario."));
      sig_course_unref (course);
      return NULL;
    }
  return scenario;
}

gboolean
sig_version_parse (const char *version,
                   guint       parts[3])
{
  const char *p = version;

  if (version == NULL)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    {
      guint digits = 0, value = 0;

      if (i > 0 && *p++ != '.')
        return FALSE;
      /* no sign, no space, no leading zero: one spelling per version */
      if (p[0] == '0' && g_ascii_isdigit (p[1]))
        return FALSE;
      while (g_ascii_isdigit (*p))
        {
          if (++digits > SIG_VERSION_MAX_DIGITS)
            return FALSE;
          value = value * 10 + (guint) (*p++ - '0');
        }
      if (digits == 0)
        return FALSE;
      parts[i] = value;
    }
  return *p == '\0';
}

gboolean
sig_loader_media_path_is_safe (const char *path)
{
  g_auto(GStrv) parts = NULL;

  if (path == NULL || *path == '\0' || path[0] == '/' || strchr (path, '\\') != NULL ||
      strchr (path, ':') != NULL || strlen (path) > 255)
    return FALSE;
  parts = g_strsplit (path, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] == '\0' || g_str_equal (parts[i], "..") || g_str_equal (parts[i], "."))
      return FALSE;
  return TRUE;
}
