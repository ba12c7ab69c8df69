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
        return sig_loader_fail_at (loader, problem.line, 0, SIG_LOADER_ERROR_SCHEMA,
                                   _("<%s> is missing an element it needs, or its elements are in the wrong order. See %s."),
                                   element, guide_section (element));
      if (element != NULL && message != NULL && strstr (message, "failed to validate attributes") != NULL)
        return sig_loader_fail_at (loader, problem.line, 0, SIG_LOADER_ERROR_SCHEMA,
                                   _("<%s> has an attribute that is missing, unknown, or has a value the format does not allow. See %s."),
                                   element, guide_section (element));
      if (element != NULL && message != NULL &&
          (strstr (message, "extra content") != NULL || strstr (message, "Did not expect") != NULL))
        return sig_loader_fail_at (loader, problem.line, 0, SIG_LOADER_ERROR_SCHEMA,
                                   _("<%s>: %s. The element may not belong here, or the elements may be in the wrong order; the guide lists them in order. See %s."),
                                   element, message, guide_section (element));
      if (element != NULL)
        return sig_loader_fail_at (loader, problem.line, 0, SIG_LOADER_ERROR_SCHEMA,
                                   _("<%s> does not follow the course format: %s. See %s."),
                                   element, message, guide_section (element));
      return sig_loader_fail_at (loader, problem.line, 0, SIG_LOADER_ERROR_SCHEMA,
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
