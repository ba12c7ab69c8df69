/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The loader's common ground: failing at a line, reading attributes and
 * multilingual text, and the parts every course and scenario file shares
 * (the root element's attributes, sources, content warnings). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sig-diagnostic.h"
#include "sig-loader-private.h"

gboolean G_GNUC_PRINTF (5, 6)
sig_loader_fail_at (Loader         *loader,
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

guint
sig_loader_column_of (Loader  *loader,
                      xmlNode *node)
{
  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return 0;
  return sig_column_of_element (loader->data, loader->len, line_of (node), (const char *) node->name);
}

/* A problem found after reading, at an element of @name on @line. */
guint
sig_loader_column_at (Loader     *loader,
                      guint       line,
                      const char *name)
{
  return sig_column_of_element (loader->data, loader->len, line, name);
}

gboolean
sig_loader_get_uint_attr (Loader     *loader,
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

/* Collapses runs of white space to one space. */
gboolean
sig_loader_get_decimal_attr (Loader     *loader,
                             xmlNode    *node,
                             const char *name,
                             double      max,
                             double     *out)
{
  g_autofree char *value = get_attr (node, name);
  const char *p = value;
  char *end = NULL;
  guint points = 0, digits = 0;

  *out = 0;
  if (value == NULL)
    return TRUE;
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p == '.')
        points++;
      else
        break;
    }
  if (*p == '\0' && digits > 0 && points <= 1)
    *out = g_ascii_strtod (value, &end);
  if (*p != '\0' || digits == 0 || points > 1 || end == NULL || *end != '\0' || *out > max)
    return fail (loader, node, SIG_LOADER_ERROR_INVALID,
                 _("The attribute %s=\"%s\" must be a number from 0 to %g, written with a decimal point if needed, such as 1 or 1.5."),
                 name, value, max);
  return TRUE;
}

void
sig_loader_append_normalised (GString    *str,
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
        sig_loader_append_normalised (str, (const char *) child->content);
      else if (is_element (child, "cite"))
        {
          g_autofree char *ref = get_attr (child, "ref");
          sig_loader_add_ref (loader, SIG_REF_SOURCE, ref, child);
        }
      else if (child->type == XML_ELEMENT_NODE)
        flatten_text (loader, child, str);
    }
}

char *
sig_loader_element_text (Loader  *loader,
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
SigText *
sig_loader_collect_text_filtered (Loader     *loader,
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
          guint first_line = 0;

          /* Often one of the two is in another language with a copied xml:lang. */
          foreach_child (parent, other)
            {
              g_autofree char *other_lang = NULL;

              if (first_line == 0 && other != child && is_element (other, name) &&
                  g_strcmp0 ((other_lang = get_lang (other)), lang) == 0)
                first_line = line_of (other);
            }
          fail (loader, child, SIG_LOADER_ERROR_INVALID,
                _("There are two <%s> elements with xml:lang=\"%s\" here (the other on line %u). If one of them is written in another language, correct its xml:lang; if both are in this language, keep one."),
                name, lang, first_line);
          return NULL;
        }
      value = sig_loader_element_text (loader, child);
      sig_text_set (text, lang, value);
    }
  if (text != NULL)
    record_text (loader, text, first, name);
  return g_steal_pointer (&text);
}

SigText *
sig_loader_collect_text (Loader     *loader,
                         xmlNode    *parent,
                         const char *name)
{
  return sig_loader_collect_text_filtered (loader, parent, name, NULL, NULL);
}

SigText *
sig_loader_require_text (Loader     *loader,
                         xmlNode    *parent,
                         const char *name)
{
  SigText *text = sig_loader_collect_text (loader, parent, name);

  if (text == NULL && loader->error == NULL)
    fail (loader, parent, SIG_LOADER_ERROR_INVALID,
          _("<%s> needs a <%s>. Add one for each language."), (const char *) parent->name, name);
  return text;
}

GStrv
sig_loader_collect_words (xmlNode    *parent,
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

gboolean
sig_loader_parse_sources (Loader    *loader,
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
      if ((source->id = sig_loader_take_id (loader, child, TRUE)) == NULL)
        return FALSE;
      source->url = get_attr (child, "url");
      source->checked = get_attr (child, "checked");
      if ((source->text = sig_loader_require_text (loader, child, "text")) == NULL)
        return FALSE;
    }
  return TRUE;
}

gboolean
sig_loader_parse_warnings (Loader    *loader,
                           xmlNode   *root,
                           GPtrArray *warnings)
{
  foreach_child (root, child)
    {
      SigText *text;

      if (!is_element (child, "content-warning"))
        continue;
      if ((text = sig_loader_require_text (loader, child, "text")) == NULL)
        return FALSE;
      g_ptr_array_add (warnings, text);
    }
  return TRUE;
}

gboolean
sig_loader_parse_root_attributes (Loader   *loader,
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
  if ((*id = sig_loader_take_id (loader, root, FALSE)) == NULL)
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
