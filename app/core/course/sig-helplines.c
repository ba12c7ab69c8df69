/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>

#include "sig-course.h"
#include "sig-helplines.h"
#include "sig-loader.h"

struct _SigHelplines
{
  GPtrArray *items;
};

static const char *const regions[] = { "nl", "bonaire", "sint-eustatius", "saba", NULL };

const char *const *
sig_regions (void)
{
  return regions;
}

gboolean
sig_region_is_known (const char *region)
{
  return region != NULL && g_strv_contains (regions, region);
}

GStrv
sig_regions_ordered (const char *first)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (sig_region_is_known (first))
    g_strv_builder_add (builder, first);
  for (guint i = 0; regions[i] != NULL; i++)
    if (g_strcmp0 (regions[i], first) != 0)
      g_strv_builder_add (builder, regions[i]);
  return g_strv_builder_end (builder);
}

const char *
sig_data_dir (void)
{
  const char *dir = g_getenv ("SIGNAAL_DATA_DIR");

  return dir != NULL && *dir != '\0' ? dir : PKGDATADIR;
}

char *
sig_helplines_default_path (void)
{
  return g_build_filename (sig_data_dir (), "helplines.xml", NULL);
}

static void
helpline_free (gpointer data)
{
  SigHelpline *helpline = data;

  g_free (helpline->id);
  g_strfreev (helpline->regions);
  g_free (helpline->number);
  g_free (helpline->alt_number);
  g_free (helpline->checked);
  g_free (helpline->url);
  sig_text_free (helpline->name);
  sig_text_free (helpline->description);
  sig_text_free (helpline->hours);
  g_free (helpline);
}

void
sig_helplines_free (SigHelplines *helplines)
{
  if (helplines == NULL)
    return;
  g_ptr_array_unref (helplines->items);
  g_free (helplines);
}

static char *
prop (xmlNode    *node,
      const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns != NULL &&
         g_strcmp0 ((const char *) node->ns->href, SIG_NAMESPACE) == 0 &&
         g_strcmp0 ((const char *) node->name, name) == 0;
}

static void
add_text (SigText   **text,
          xmlNode    *node)
{
  xmlChar *lang = xmlGetNsProp (node, (const xmlChar *) "lang", XML_XML_NAMESPACE);
  xmlChar *content = xmlNodeGetContent (node);
  g_autofree char *value = g_strstrip (g_strdup ((const char *) content));

  if (*text == NULL)
    *text = sig_text_new ();
  sig_text_set (*text, lang ? (const char *) lang : "en", value);
  xmlFree (lang);
  xmlFree (content);
}

/* The regions in the attribute, space-separated; an error when there is none
 * or one is not known. */
static GStrv
parse_regions (const char   *value,
               const char   *id,
               const char   *path,
               xmlNode      *node,
               GError      **error)
{
  g_auto(GStrv) words = g_strsplit_set (value != NULL ? value : "", " \t\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (!sig_region_is_known (words[i]))
        {
          g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_IO,
                       _("%s:%ld: error: The helpline “%s” has the unknown region “%s”. Use one or more of: nl, bonaire, sint-eustatius, saba."),
                       path, xmlGetLineNo (node), id ? id : "", words[i]);
          return NULL;
        }
      g_strv_builder_add (builder, words[i]);
      n++;
    }
  if (n == 0)
    {
      g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_IO,
                   _("%s:%ld: error: The helpline “%s” has no region. Add region=\"nl\", \"bonaire\", \"sint-eustatius\" or \"saba\"."),
                   path, xmlGetLineNo (node), id ? id : "");
      return NULL;
    }
  return g_strv_builder_end (builder);
}

SigHelplines *
sig_helplines_load (const char  *path,
                    GError     **error)
{
  g_autoptr(SigHelplines) helplines = g_new0 (SigHelplines, 1);
  xmlDoc *doc;
  xmlNode *root;

  helplines->items = g_ptr_array_new_with_free_func (helpline_free);
  doc = xmlReadFile (path, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL || !is_element (root, "helplines") || doc->intSubset != NULL)
    {
      g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_IO,
                   _("%s: error: The helplines file cannot be read. Reinstall Signaal."), path);
      xmlFreeDoc (doc);
      return NULL;
    }
  for (xmlNode *node = root->children; node != NULL; node = node->next)
    {
      SigHelpline *helpline;
      g_autofree char *urgent = NULL;
      g_autofree char *region = NULL;

      if (!is_element (node, "helpline"))
        continue;
      helpline = g_new0 (SigHelpline, 1);
      helpline->id = prop (node, "id");
      region = prop (node, "region");
      helpline->regions = parse_regions (region, helpline->id, path, node, error);
      if (helpline->regions == NULL)
        {
          helpline_free (helpline);
          xmlFreeDoc (doc);
          return NULL;
        }
      helpline->number = prop (node, "number");
      helpline->alt_number = prop (node, "alt-number");
      helpline->checked = prop (node, "checked");
      helpline->url = prop (node, "url");
      urgent = prop (node, "urgent");
      helpline->urgent = g_strcmp0 (urgent, "true") == 0;
      for (xmlNode *child = node->children; child != NULL; child = child->next)
        {
          if (is_element (child, "name"))
            add_text (&helpline->name, child);
          else if (is_element (child, "description"))
            add_text (&helpline->description, child);
          else if (is_element (child, "hours"))
            add_text (&helpline->hours, child);
        }
      g_ptr_array_add (helplines->items, helpline);
    }
  xmlFreeDoc (doc);
  return g_steal_pointer (&helplines);
}

guint
sig_helplines_get_n (const SigHelplines *helplines)
{
  return helplines->items->len;
}

const SigHelpline *
sig_helplines_get (const SigHelplines *helplines,
                   guint               i)
{
  g_return_val_if_fail (i < helplines->items->len, NULL);
  return helplines->items->pdata[i];
}

const SigHelpline *
sig_helplines_find (const SigHelplines *helplines,
                    const char         *id)
{
  for (guint i = 0; i < helplines->items->len; i++)
    {
      SigHelpline *helpline = helplines->items->pdata[i];

      if (g_strcmp0 (helpline->id, id) == 0)
        return helpline;
    }
  return NULL;
}

gboolean
sig_helpline_serves (const SigHelpline *helpline,
                     const char        *region)
{
  return region != NULL && helpline->regions != NULL &&
         g_strv_contains ((const char *const *) helpline->regions, region);
}

GPtrArray *
sig_helplines_for_region (const SigHelplines *helplines,
                          const char         *region)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < helplines->items->len; i++)
    if (sig_helpline_serves (helplines->items->pdata[i], region))
      g_ptr_array_add (found, helplines->items->pdata[i]);
  return found;
}

gboolean
sig_checked_is_stale (const char *checked,
                      GDate      *today)
{
  guint64 year = 0, month = 12, day = 0;
  g_auto(GStrv) parts = NULL;
  guint n;
  GDate last;

  if (checked == NULL)
    return TRUE;
  parts = g_strsplit (checked, "-", 4);
  n = g_strv_length (parts);
  if (n < 1 || n > 3 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, 9999, &year, NULL) ||
      (n >= 2 && !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &month, NULL)) ||
      (n == 3 && !g_ascii_string_to_unsigned (parts[2], 10, 1, 31, &day, NULL)))
    return TRUE;
  if (n < 3)
    day = g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year);
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return TRUE;
  g_date_clear (&last, 1);
  g_date_set_dmy (&last, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  g_date_add_months (&last, 12);
  return g_date_compare (&last, today) < 0;
}
