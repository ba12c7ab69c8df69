/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the files of the loader share: the state of one load, failing at a
 * line, reading attributes and multilingual text, ids and references, and the
 * entry points of each element family. Only the loader's files include this.
 *
 *   sig-loader.c           reading a file: size, UTF-8, prescan, XML, dispatch
 *   sig-loader-schema.c    checks before the model is built: RELAX NG,
 *                          XInclude, entities, common attribute mistakes
 *   sig-loader-common.c    failing at a line, attributes, text, the root element
 *   sig-loader-refs.c      ids and references, and resolving them
 *   sig-loader-page.c      page bodies: rich text, images, helplines
 *   sig-loader-question.c  questions of every type
 *   sig-loader-scenario.c  scenarios: personas, variables, nodes, endings
 *   sig-loader-course.c    the course: modules, pages, packed scenarios, media
 */

#include <libxml/tree.h>

#include "sig-course-private.h"
#include "sig-loader.h"

G_BEGIN_DECLS

typedef struct {
  const char *path;          /* for messages */
  GError *error;             /* the first problem */
  GHashTable *ids;           /* id -> line, one namespace per file */
  GPtrArray *refs;           /* SigRef* of the file being built */
  GPtrArray *texts;          /* SigTextRecord* of the file being built */
  const char *data;          /* the file's text, to give an element's column */
  gsize len;
} Loader;

/* The first error wins; later calls keep it. Always returns FALSE. */
gboolean sig_loader_fail_at (Loader         *loader,
                             guint           line,
                             guint           column,
                             SigLoaderError  code,
                             const char     *format,
                             ...) G_GNUC_PRINTF (5, 6);

/* The column of @node's start tag on its line, counted in characters from 1;
 * 0 when it cannot be told for sure (libxml2 keeps only the line, so the tag
 * is looked up in the text: no column when its line holds two tags of that
 * name, or for anything but an element). */
guint sig_loader_column_of (Loader  *loader,
                            xmlNode *node);
/* The same for an element of @name on @line, for problems found after reading. */
guint sig_loader_column_at (Loader     *loader,
                            guint       line,
                            const char *name);

#define fail(loader, node, code, ...) \
  sig_loader_fail_at ((loader), (node) ? (guint) xmlGetLineNo (node) : 0, \
                      sig_loader_column_of ((loader), (node)), (code), __VA_ARGS__)

static inline guint
line_of (xmlNode *node)
{
  long line = xmlGetLineNo (node);

  return line > 0 ? (guint) line : 0;
}

static inline gboolean
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

static inline xmlNode *
first_child (xmlNode    *parent,
             const char *name)
{
  foreach_child (parent, child)
    if (is_element (child, name))
      return child;
  return NULL;
}

static inline char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static inline char *
get_lang (xmlNode *node)
{
  xmlChar *value = xmlGetNsProp (node, (const xmlChar *) "lang", XML_XML_NAMESPACE);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static inline gboolean
get_bool_attr (xmlNode    *node,
               const char *name,
               gboolean    fallback)
{
  g_autofree char *value = get_attr (node, name);

  if (value == NULL)
    return fallback;
  return g_str_equal (value, "true") || g_str_equal (value, "1");
}

/* sig-loader-common.c */
gboolean  sig_loader_get_uint_attr         (Loader     *loader,
                                            xmlNode    *node,
                                            const char *name,
                                            guint64     min,
                                            guint64     max,
                                            guint64     fallback,
                                            guint      *out);
/* A decimal from 0 to @max as xsd:decimal writes it (digits with at most one
 * point; no sign, no exponent), such as points="1.5". 0 when absent. */
gboolean  sig_loader_get_decimal_attr      (Loader     *loader,
                                            xmlNode    *node,
                                            const char *name,
                                            double      max,
                                            double     *out);
void      sig_loader_append_normalised     (GString    *str,
                                            const char *text);
char     *sig_loader_element_text          (Loader     *loader,
                                            xmlNode    *node);
SigText  *sig_loader_collect_text_filtered (Loader     *loader,
                                            xmlNode    *parent,
                                            const char *name,
                                            const char *filter_attr,
                                            const char *filter);
SigText  *sig_loader_collect_text          (Loader     *loader,
                                            xmlNode    *parent,
                                            const char *name);
SigText  *sig_loader_require_text          (Loader     *loader,
                                            xmlNode    *parent,
                                            const char *name);
GStrv     sig_loader_collect_words         (xmlNode    *parent,
                                            const char *container,
                                            const char *name);
gboolean  sig_loader_parse_sources         (Loader     *loader,
                                            xmlNode    *root,
                                            GPtrArray  *sources);
gboolean  sig_loader_parse_warnings        (Loader     *loader,
                                            xmlNode    *root,
                                            GPtrArray  *warnings);
gboolean  sig_loader_parse_root_attributes (Loader     *loader,
                                            xmlNode    *root,
                                            char      **id,
                                            char      **version,
                                            GStrv      *languages);

/* sig-loader-refs.c */
gboolean  sig_loader_id_is_valid           (const char  *id);
char     *sig_loader_take_id               (Loader      *loader,
                                            xmlNode     *node,
                                            gboolean     register_globally);
void      sig_loader_add_ref               (Loader      *loader,
                                            SigRefKind   kind,
                                            const char  *id,
                                            xmlNode     *node);
gboolean  sig_loader_check_refs            (Loader      *loader,
                                            GPtrArray   *refs,
                                            SigRefKind   kind,
                                            const char  *what);
gboolean  sig_loader_resolve_scenario      (Loader      *loader,
                                            xmlNode     *root,
                                            SigScenario *scenario);
gboolean  sig_loader_resolve_course        (Loader      *loader,
                                            xmlNode     *root,
                                            SigCourse   *course);

/* sig-loader-page.c */
gboolean     sig_loader_check_media_path   (Loader     *loader,
                                            xmlNode    *node,
                                            const char *src);
GPtrArray   *sig_loader_parse_blocks       (Loader     *loader,
                                            xmlNode    *parent);

/* sig-loader-question.c */
SigQuestion *sig_loader_parse_question     (Loader     *loader,
                                            xmlNode    *node);

/* sig-loader-scenario.c */
SigScenario *sig_loader_parse_scenario     (Loader     *loader,
                                            xmlNode    *root,
                                            const char *path);

/* sig-loader-course.c */
SigCourse   *sig_loader_parse_course       (Loader     *loader,
                                            xmlNode    *root,
                                            const char *path,
                                            const char *base_dir,
                                            gboolean    packed);

/* sig-loader-schema.c */
typedef struct {
  guint line;
  guint column;
  char *message;
  char *element;    /* the element a validation error is about, if known */
  xmlNode *node;    /* that element */
} XmlProblem;

/* A libxml2 structured error handler that keeps the first error in @data, an XmlProblem. */
void      sig_loader_collect_xml_error     (void       *data,
                                            xmlError   *error);
/* Refuses an element or attribute name the schema does not know, suggesting
 * the closest known one. */
gboolean  sig_loader_check_names           (Loader     *loader,
                                            xmlNode    *node);
gboolean  sig_loader_validate_schema       (Loader     *loader,
                                            xmlDoc     *doc);
/* Refuses XInclude, entities, unsafe media paths and the common attribute
 * mistakes in @node, its siblings and their descendants. */
gboolean  sig_loader_check_foreign_elements (Loader    *loader,
                                             xmlNode   *node);

G_END_DECLS
