/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Page bodies: headings, paragraphs, lists, callouts, images and helplines,
 * with their inline text (emphasis, citations). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sig-loader-private.h"

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

          sig_loader_append_normalised (str, (const char *) child->content);
          in = g_new0 (SigInline, 1);
          in->kind = SIG_INLINE_TEXT;
          in->text = g_strdup (str->str);
        }
      else if (is_element (child, "em") || is_element (child, "strong"))
        {
          in = g_new0 (SigInline, 1);
          in->kind = is_element (child, "em") ? SIG_INLINE_EMPHASIS : SIG_INLINE_STRONG;
          in->text = sig_loader_element_text (loader, child);
        }
      else if (is_element (child, "cite"))
        {
          in = g_new0 (SigInline, 1);
          in->kind = SIG_INLINE_CITE;
          in->ref = get_attr (child, "ref");
          sig_loader_add_ref (loader, SIG_REF_SOURCE, in->ref, child);
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

gboolean
sig_loader_check_media_path (Loader     *loader,
                             xmlNode    *node,
                             const char *src)
{
  if (!sig_loader_media_path_is_safe (src))
    return fail (loader, node, SIG_LOADER_ERROR_FORBIDDEN,
                 _("The media path “%s” points outside the course package. Use a path inside the course folder, such as “media/picture.png”."),
                 src ? src : "");
  sig_loader_add_ref (loader, SIG_REF_MEDIA, src, node);
  return TRUE;
}

GPtrArray *
sig_loader_parse_blocks (Loader  *loader,
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
          block->children = sig_loader_parse_blocks (loader, child);
          if (block->children == NULL)
            return NULL;
        }
      else if (is_element (child, "image"))
        {
          block->kind = SIG_BLOCK_IMAGE;
          block->src = get_attr (child, "src");
          block->alt = get_attr (child, "alt");
          if (!sig_loader_check_media_path (loader, child, block->src))
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
          sig_loader_add_ref (loader, SIG_REF_HELPLINE, block->ref, child);
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
