/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Checks on the parsed document before the model is built: no XInclude or
 * entities, safe media paths, the most common attribute mistakes with a
 * precise message, then RELAX NG validation against the embedded schema, with
 * libxml2's messages turned into ones that point to the format guide. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <string.h>

#include "sig-core-resources.h"
#include "sig-loader-private.h"
#include "sig-suggest.h"

#define XINCLUDE_NS_2001 "http://www.w3.org/2001/XInclude"
#define XINCLUDE_NS_2003 "http://www.w3.org/2003/XInclude"
#define SCHEMA_RESOURCE "/nl/signaal/core/signaal.rng"

void
sig_loader_collect_xml_error (void     *data,
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
      problem->node = node;
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
gboolean
sig_loader_check_names (Loader  *loader,
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
              g_autoptr(GPtrArray) own = sig_schema_attributes_of (name);
              const char *suggestion = sig_suggest (attribute, (const char * const *) own->pdata, own->len);
              g_autofree char *hint = sig_did_you_mean (suggestion != NULL ? suggestion
                                                                           : sig_suggest (attribute, attributes, n_attributes));

              return fail (loader, child, SIG_LOADER_ERROR_SCHEMA,
                           _("<%s> has an attribute “%s” that the course format does not know.%s See %s."),
                           name, attribute, hint, guide_section (name));
            }
          if (attr->ns == NULL && !sig_schema_element_has_attribute (name, attribute))
            {
              g_autoptr(GPtrArray) owners = sig_schema_elements_with_attribute (attribute);
              g_autoptr(GString) list = g_string_new (NULL);

              for (guint i = 0; i < owners->len; i++)
                g_string_append_printf (list, "%s<%s>", i == 0 ? "" : ", ", (const char *) owners->pdata[i]);
              if (owners->len == 1)
                return fail (loader, child, SIG_LOADER_ERROR_SCHEMA,
                             _("“%s” is not an attribute of <%s>; it belongs on %s. Move it there, or remove it. See %s."),
                             attribute, name, list->str, guide_section (name));
              return fail (loader, child, SIG_LOADER_ERROR_SCHEMA,
                           /* Translators: the last %s is a list such as "<accreditation>, <question>" */
                           _("“%s” is not an attribute of <%s>; it belongs on one of these: %s. Move it there, or remove it. See %s."),
                           attribute, name, list->str, guide_section (name));
            }
        }
      if (child->children != NULL && !sig_loader_check_names (loader, child->children))
        return FALSE;
    }
  return TRUE;
}

/* The column of the element a validation error is about, when the error is
 * on that element's line. */
static guint
problem_column (Loader     *loader,
                XmlProblem *problem)
{
  if (problem->node == NULL || problem->line != (guint) xmlGetLineNo (problem->node))
    return 0;
  return sig_loader_column_of (loader, problem->node);
}

gboolean
sig_loader_validate_schema (Loader *loader,
                            xmlDoc *doc)
{
  xmlRelaxNGPtr schema = get_schema ();
  xmlRelaxNGValidCtxtPtr ctxt;
  XmlProblem problem = { 0 };
  int result;

  if (schema == NULL)
    return sig_loader_fail_at (loader, 0, 0, SIG_LOADER_ERROR_SCHEMA,
                               _("The course schema of this installation is missing or damaged. Reinstall Signaal."));
  ctxt = xmlRelaxNGNewValidCtxt (schema);
  xmlRelaxNGSetValidStructuredErrors (ctxt, sig_loader_collect_xml_error, &problem);
  result = xmlRelaxNGValidateDoc (ctxt, doc);
  xmlRelaxNGFreeValidCtxt (ctxt);
  if (result != 0)
    {
      g_autofree char *message = problem.message;
      g_autofree char *element = problem.element;

      /* libxml2 says "Expecting an element , got nothing" for a missing child */
      if (element != NULL && (message == NULL || strstr (message, "got nothing") != NULL))
        return sig_loader_fail_at (loader, problem.line, problem_column (loader, &problem), SIG_LOADER_ERROR_SCHEMA,
                                   _("<%s> is missing an element it needs, or its elements are in the wrong order. See %s."),
                                   element, guide_section (element));
      if (element != NULL && message != NULL && strstr (message, "failed to validate attributes") != NULL)
        return sig_loader_fail_at (loader, problem.line, problem_column (loader, &problem), SIG_LOADER_ERROR_SCHEMA,
                                   _("<%s> has an attribute that is missing, unknown, or has a value the format does not allow. See %s."),
                                   element, guide_section (element));
      if (element != NULL && message != NULL &&
          (strstr (message, "extra content") != NULL || strstr (message, "Did not expect") != NULL))
        return sig_loader_fail_at (loader, problem.line, problem_column (loader, &problem), SIG_LOADER_ERROR_SCHEMA,
                                   _("<%s>: %s. The element may not belong here, or the elements may be in the wrong order; the guide lists them in order. See %s."),
                                   element, message, guide_section (element));
      if (element != NULL)
        return sig_loader_fail_at (loader, problem.line, problem_column (loader, &problem), SIG_LOADER_ERROR_SCHEMA,
                                   _("<%s> does not follow the course format: %s. See %s."),
                                   element, message, guide_section (element));
      return sig_loader_fail_at (loader, problem.line, problem_column (loader, &problem), SIG_LOADER_ERROR_SCHEMA,
                                 _("This does not follow the course format: %s. See %s."),
                                 message ? message : _("the document does not match the schema"), guide_section (NULL));
    }
  return TRUE;
}

/* An xml:lang the schema reads: "nl", "en", "pt-BR" (lowercase language,
 * then subtags). */
static gboolean
lang_is_valid (const char *lang)
{
  const char *p = lang;
  guint n = 0;

  while (g_ascii_islower (*p))
    p++, n++;
  if (n < 2 || n > 3)
    return FALSE;
  while (*p == '-')
    {
      n = 0;
      for (p++; g_ascii_isalnum (*p); p++)
        n++;
      if (n < 2 || n > 8)
        return FALSE;
    }
  return *p == '\0';
}

/* Attribute values with a fixed set of choices: the message names the value
 * and what is allowed, which the schema's message does not. */
static gboolean
check_values (Loader  *loader,
              xmlNode *node)
{
  static const char *booleans[] = { "required", "review", "recommended", "correct", "visible", "answer", NULL };
  g_autofree char *lang = get_lang (node);

  for (guint i = 0; booleans[i] != NULL; i++)
    {
      g_autofree char *value = get_attr (node, booleans[i]);

      if (value != NULL && !g_str_equal (value, "true") && !g_str_equal (value, "false"))
        return fail (loader, node, SIG_LOADER_ERROR_SCHEMA,
                     _("<%s %s=\"%s\">: the value must be true or false."),
                     (const char *) node->name, booleans[i], value);
    }
  if (is_element (node, "span"))
    {
      g_autofree char *value = get_attr (node, "signal");

      if (value != NULL && !g_str_equal (value, "true") && !g_str_equal (value, "false"))
        return fail (loader, node, SIG_LOADER_ERROR_SCHEMA,
                     _("<%s %s=\"%s\">: the value must be true or false."),
                     (const char *) node->name, "signal", value);
    }
  if (lang != NULL && !lang_is_valid (lang))
    return fail (loader, node, SIG_LOADER_ERROR_SCHEMA,
                 _("<%s xml:lang=\"%s\">: a language is written in lowercase letters, such as xml:lang=\"nl\" or xml:lang=\"en\"."),
                 (const char *) node->name, lang);
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
  if (!check_values (loader, node))
    return FALSE;
  if ((id = get_attr (node, "id")) != NULL && !sig_loader_id_is_valid (id))
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
  if (is_element (node, "accreditation"))
    {
      double points;

      if (!sig_loader_get_decimal_attr (loader, node, "points", 1000, &points))
        return FALSE;
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

gboolean
sig_loader_check_foreign_elements (Loader  *loader,
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
      if (child->children != NULL && !sig_loader_check_foreign_elements (loader, child->children))
        return FALSE;
    }
  return TRUE;
}
