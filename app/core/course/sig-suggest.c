/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "sig-suggest.h"

#define SCHEMA_RESOURCE "/nl/signaal/core/signaal.rng"
#define RELAXNG_NS "http://relaxng.org/ns/structure/1.0"

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

guint
sig_edit_distance (const char *a,
                   const char *b)
{
  g_autofree gunichar *x = g_utf8_to_ucs4_fast (a, -1, NULL);
  g_autofree gunichar *y = g_utf8_to_ucs4_fast (b, -1, NULL);
  glong n = 0, m = 0;
  g_autofree guint *row = NULL;

  while (x[n] != 0)
    n++;
  while (y[m] != 0)
    m++;
  row = g_new (guint, m + 1);
  for (glong j = 0; j <= m; j++)
    row[j] = (guint) j;
  for (glong i = 1; i <= n; i++)
    {
      guint diagonal = row[0];

      row[0] = (guint) i;
      for (glong j = 1; j <= m; j++)
        {
          guint above = row[j];
          guint cost = g_unichar_tolower (x[i - 1]) == g_unichar_tolower (y[j - 1]) ? 0 : 1;

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + cost);
          diagonal = above;
        }
    }
  return row[m];
}

const char *
sig_suggest (const char         *word,
             const char * const *candidates,
             guint               n_candidates)
{
  const char *best = NULL;
  guint best_distance = G_MAXUINT;
  glong length;

  if (word == NULL || *word == '\0')
    return NULL;
  length = g_utf8_strlen (word, -1);
  for (guint i = 0; i < n_candidates; i++)
    {
      guint distance;

      if (candidates[i] == NULL || g_str_equal (candidates[i], word))
        continue;
      distance = sig_edit_distance (word, candidates[i]);
      if (distance < best_distance)
        {
          best = candidates[i];
          best_distance = distance;
        }
    }
  /* Close means a slip: "halp" for "help", not "note" for "node" in a short word
   * where every name is close to every other. */
  if (best == NULL || best_distance > 3 || best_distance * 3 > (guint) MAX (length, 1) ||
      best_distance >= (guint) length)
    return NULL;
  return best;
}

const char *
sig_suggest_from_table (const char *word,
                        GHashTable *table)
{
  g_autofree const char **keys = NULL;
  guint n = 0;

  if (table == NULL)
    return NULL;
  keys = (const char **) g_hash_table_get_keys_as_array (table, &n);
  /* Hash order is arbitrary: sort, so the same file gives the same suggestion. */
  qsort (keys, n, sizeof (char *), compare_strings);
  return sig_suggest (word, keys, n);
}

char *
sig_did_you_mean (const char *suggestion)
{
  if (suggestion == NULL)
    return g_strdup ("");
  /* Translators: appended to a message about a name that is not known */
  return g_strdup_printf (_(" Did you mean “%s”?"), suggestion);
}

/* ------------------------------------------------------- the schema's names */

typedef struct {
  GPtrArray *elements;
  GPtrArray *attributes;
  GHashTable *element_attributes;   /* element name -> set of its attribute names */
} SchemaNames;

/* @node is an element of the schema's RELAX NG, called @name (any when NULL). */
static gboolean
is_pattern (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns != NULL &&
         xmlStrEqual (node->ns->href, (const xmlChar *) RELAXNG_NS) &&
         (name == NULL || xmlStrEqual (node->name, (const xmlChar *) name));
}

/* The attributes of one <element> pattern: those in its content and in the
 * definitions it refers to, not those of the elements inside it. */
static void
collect_element_attributes (xmlNode    *node,
                            GHashTable *defines,
                            GHashTable *visited,
                            GHashTable *attributes)
{
  for (xmlNode *child = node; child != NULL; child = child->next)
    {
      xmlChar *name;

      if (!is_pattern (child, NULL) || is_pattern (child, "element"))
        continue;
      name = xmlGetProp (child, (const xmlChar *) "name");
      if (is_pattern (child, "attribute"))
        {
          if (name != NULL && strchr ((const char *) name, ':') == NULL)
            g_hash_table_add (attributes, g_strdup ((const char *) name));
        }
      else if (is_pattern (child, "ref"))
        {
          xmlNode *define = name != NULL ? g_hash_table_lookup (defines, name) : NULL;

          if (define != NULL && g_hash_table_add (visited, define))
            collect_element_attributes (define->children, defines, visited, attributes);
        }
      else
        collect_element_attributes (child->children, defines, visited, attributes);
      xmlFree (name);
    }
}

/* Every element and attribute name of the schema, and for each element
 * name the attributes it may have. */
static void
collect_names (xmlNode    *node,
               GHashTable *defines,
               GHashTable *elements,
               GHashTable *attributes,
               GHashTable *element_attributes)
{
  for (xmlNode *child = node; child != NULL; child = child->next)
    {
      if (!is_pattern (child, NULL))
        continue;
      if (is_pattern (child, "element") || is_pattern (child, "attribute"))
        {
          xmlChar *name = xmlGetProp (child, (const xmlChar *) "name");

          /* xml:lang and other prefixed names are not typed by authors as such */
          if (name != NULL && strchr ((const char *) name, ':') == NULL)
            g_hash_table_add (is_pattern (child, "element") ? elements : attributes, g_strdup ((const char *) name));
          if (name != NULL && is_pattern (child, "element"))
            {
              g_autoptr(GHashTable) visited = g_hash_table_new (NULL, NULL);
              GHashTable *own = g_hash_table_lookup (element_attributes, name);

              /* an element of the same name in two places: the attributes of both */
              if (own == NULL)
                {
                  own = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
                  g_hash_table_insert (element_attributes, g_strdup ((const char *) name), own);
                }
              collect_element_attributes (child->children, defines, visited, own);
            }
          xmlFree (name);
        }
      collect_names (child->children, defines, elements, attributes, element_attributes);
    }
}

static GPtrArray *
sorted_keys (GHashTable *table)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (names, g_strdup (key));
  g_ptr_array_sort (names, compare_strings);
  return names;
}

static const SchemaNames *
schema_names (void)
{
  static SchemaNames names;
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      g_autoptr(GBytes) bytes = g_resources_lookup_data (SCHEMA_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_autoptr(GHashTable) elements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GHashTable) attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      if (bytes != NULL)
        {
          gsize size;
          const char *data = g_bytes_get_data (bytes, &size);
          xmlDoc *doc = xmlReadMemory (data, (int) size, "signaal.rng", NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);

          names.element_attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            (GDestroyNotify) g_hash_table_unref);
          if (doc != NULL)
            {
              g_autoptr(GHashTable) defines = g_hash_table_new_full (g_str_hash, g_str_equal, xmlFree, NULL);

              for (xmlNode *child = xmlDocGetRootElement (doc)->children; child != NULL; child = child->next)
                if (is_pattern (child, "define"))
                  g_hash_table_insert (defines, xmlGetProp (child, (const xmlChar *) "name"), child);
              collect_names (xmlDocGetRootElement (doc), defines, elements, attributes, names.element_attributes);
            }
          xmlFreeDoc (doc);
        }
      if (names.element_attributes == NULL)
        names.element_attributes = g_hash_table_new (g_str_hash, g_str_equal);
      names.elements = sorted_keys (elements);
      names.attributes = sorted_keys (attributes);
      g_once_init_leave (&initialised, 1);
    }
  return &names;
}

const char * const *
sig_schema_element_names (guint *n)
{
  const SchemaNames *names = schema_names ();

  *n = names->elements->len;
  return (const char * const *) names->elements->pdata;
}

const char * const *
sig_schema_attribute_names (guint *n)
{
  const SchemaNames *names = schema_names ();

  *n = names->attributes->len;
  return (const char * const *) names->attributes->pdata;
}

static gboolean
sorted_contains (GPtrArray  *names,
                 const char *name)
{
  return bsearch (&name, names->pdata, names->len, sizeof (char *), compare_strings) != NULL;
}

gboolean
sig_schema_knows_element (const char *name)
{
  return sorted_contains (schema_names ()->elements, name);
}

gboolean
sig_schema_knows_attribute (const char *name)
{
  return sorted_contains (schema_names ()->attributes, name);
}

gboolean
sig_schema_element_has_attribute (const char *element,
                                  const char *attribute)
{
  GHashTable *attributes = g_hash_table_lookup (schema_names ()->element_attributes, element);

  return attributes != NULL && g_hash_table_contains (attributes, attribute);
}

GPtrArray *
sig_schema_attributes_of (const char *element)
{
  GHashTable *attributes = g_hash_table_lookup (schema_names ()->element_attributes, element);

  return attributes != NULL ? sorted_keys (attributes) : g_ptr_array_new_with_free_func (g_free);
}

GPtrArray *
sig_schema_elements_with_attribute (const char *attribute)
{
  const SchemaNames *names = schema_names ();
  GPtrArray *elements = g_ptr_array_new ();

  for (guint i = 0; i < names->elements->len; i++)
    if (sig_schema_element_has_attribute (names->elements->pdata[i], attribute))
      g_ptr_array_add (elements, names->elements->pdata[i]);
  return elements;
}
