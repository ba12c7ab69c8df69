/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "sig-cli.h"

/* signaal-course translate extract|merge, with itstool and the ITS rules of
 * content/its/signaal.its. A course keeps every language in one file, each
 * text once per language (xml:lang). extract puts the source language's
 * texts in a PO template; merge lets itstool translate a copy of each file in
 * place, then adds each translated element beside its source as
 * xml:lang="xx" (replacing an earlier xx element) and adds xx to languages. */

#define ITS_RESOURCE "/nl/signaal/core/signaal.its"
#define XML_NS "http://www.w3.org/XML/1998/namespace"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The course and scenario files of @path (an authoring folder or one file),
 * relative to *@base. */
static GPtrArray *
find_files (const char  *path,
            char       **base)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *course = g_build_filename (path, "course.xml", NULL);
      g_autofree char *scenarios = g_build_filename (path, "scenarios", NULL);
      g_autoptr(GDir) dir = g_dir_open (scenarios, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      *base = g_strdup (path);
      if (g_file_test (course, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (files, g_strdup ("course.xml"));
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".xml"))
          g_ptr_array_add (names, g_build_filename ("scenarios", name, NULL));
      g_ptr_array_sort (names, compare_names);
      for (guint i = 0; i < names->len; i++)
        g_ptr_array_add (files, g_strdup (names->pdata[i]));
    }
  else if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      *base = g_path_get_dirname (path);
      g_ptr_array_add (files, g_path_get_basename (path));
    }
  else
    *base = NULL;
  return files;
}

/* The ITS rules with @source_lang as the language to translate from, in a
 * temporary file. */
static char *
write_rules (const char  *source_lang,
             const char  *tmp)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (ITS_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *from = g_strdup ("@xml:lang = 'nl'");
  g_autofree char *to = g_strdup_printf ("@xml:lang = '%s'", source_lang);
  g_auto(GStrv) parts = g_strsplit (text, from, -1);
  g_autofree char *rules = g_strjoinv (to, parts);
  char *path = g_build_filename (tmp, "signaal.its", NULL);

  if (!g_file_set_contents (path, rules, -1, NULL))
    g_clear_pointer (&path, g_free);
  return path;
}

static gboolean
run (const char * const *argv,
     const char         *cwd)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (cwd, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error))
    {
      g_printerr (_("signaal-course: %s cannot be run: %s. Install it (the Debian package is called %s).\n"),
                  argv[0], error->message, argv[0][0] == 'm' ? "gettext" : argv[0]);
      return FALSE;
    }
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_printerr (_("signaal-course: %s failed:\n%s%s"), argv[0], out ? out : "", err ? err : "");
      return FALSE;
    }
  if (err != NULL && *err)
    g_printerr ("%s", err);
  return TRUE;
}

static gboolean
is_signaal (xmlNode *node)
{
  return node->type == XML_ELEMENT_NODE && node->ns != NULL &&
         xmlStrEqual (node->ns->href, (const xmlChar *) "urn:signaal:course:1");
}

static char *
lang_of (xmlNode *node)
{
  xmlChar *lang = xmlGetNsProp (node, (const xmlChar *) "lang", (const xmlChar *) XML_NS);
  char *copy = g_strdup ((const char *) lang);

  xmlFree (lang);
  return copy;
}

/* The outermost elements in @lang, in document order. */
static void
collect (xmlNode    *node,
         const char *lang,
         GPtrArray  *found)
{
  for (xmlNode *child = node; child != NULL; child = child->next)
    {
      g_autofree char *child_lang = NULL;

      if (!is_signaal (child))
        continue;
      child_lang = lang_of (child);
      if (child_lang != NULL && g_str_equal (child_lang, lang))
        g_ptr_array_add (found, child);
      else if (child_lang == NULL)
        collect (child->children, lang, found);
    }
}

/* The copy of an element of another document declares the namespace again:
 * use the one of the document it now belongs to. */
static void
adopt_namespace (xmlNode *node,
                 xmlNs   *ns)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (node->nsDef != NULL)
        {
          xmlFreeNsList (node->nsDef);
          node->nsDef = NULL;
        }
      node->ns = ns;
      adopt_namespace (node->children, ns);
    }
}

/* Whether @a and @b are the same text in two languages: the same element
 * with the same attributes (such as key="…" of a persona's word) but xml:lang. */
static gboolean
same_text (xmlNode *a,
           xmlNode *b)
{
  guint n_a = 0, n_b = 0;

  if (!is_signaal (b) || !xmlStrEqual (a->name, b->name))
    return FALSE;
  for (xmlAttr *attr = a->properties; attr != NULL; attr = attr->next)
    {
      xmlChar *value, *other;
      gboolean equal;

      if (attr->ns != NULL)
        continue;
      n_a++;
      value = xmlGetProp (a, attr->name);
      other = xmlHasNsProp (b, attr->name, NULL) ? xmlGetProp (b, attr->name) : NULL;
      equal = other != NULL && xmlStrEqual (value, other);
      xmlFree (value);
      xmlFree (other);
      if (!equal)
        return FALSE;
    }
  for (xmlAttr *attr = b->properties; attr != NULL; attr = attr->next)
    n_b += attr->ns == NULL;
  return n_a == n_b;
}

/* Puts a copy of @translated beside @source as xml:lang=@lang: after the
 * last sibling with the same name, replacing one already in @lang. */
static void
place (xmlNode    *source,
       xmlNode    *translated,
       const char *lang)
{
  xmlNode *last = source;
  xmlNode *copy = xmlDocCopyNode (translated, source->doc, 1);
  xmlNs *xml_ns = xmlSearchNsByHref (source->doc, source, (const xmlChar *) XML_NS);

  copy->next = NULL;
  adopt_namespace (copy, source->ns);
  xmlSetNsProp (copy, xml_ns, (const xmlChar *) "lang", (const xmlChar *) lang);
  for (xmlNode *next = source->next; next != NULL; next = next->next)
    {
      g_autofree char *next_lang = NULL;

      if (next->type == XML_TEXT_NODE || next->type == XML_COMMENT_NODE)
        continue;
      if (!is_signaal (next) || (next_lang = lang_of (next)) == NULL)
        break;
      if (!same_text (source, next))
        continue;   /* another text of the same group, such as a persona's other word */
      if (g_str_equal (next_lang, lang))
        {
          xmlReplaceNode (next, copy);
          xmlFreeNode (next);
          return;
        }
      last = next;
    }
  /* the same indentation as the source */
  if (source->prev != NULL && source->prev->type == XML_TEXT_NODE)
    {
      xmlChar *space = xmlNodeGetContent (source->prev);
      const char *line = strrchr ((const char *) space, '\n');

      if (line != NULL)
        last = xmlAddNextSibling (last, xmlNewDocText (source->doc, (const xmlChar *) line));
      xmlFree (space);
    }
  xmlAddNextSibling (last, copy);
}

static gboolean
add_language (xmlNode    *root,
              const char *lang)
{
  xmlChar *value = xmlGetProp (root, (const xmlChar *) "languages");
  g_auto(GStrv) languages = g_strsplit_set (value ? (const char *) value : "", " ", -1);
  gboolean present = g_strv_contains ((const char * const *) languages, lang);

  if (!present)
    {
      g_autofree char *more = g_strdup_printf ("%s %s", value ? (const char *) value : "", lang);

      xmlSetProp (root, (const xmlChar *) "languages", (const xmlChar *) g_strstrip (more));
    }
  xmlFree (value);
  return !present;
}

static gboolean
merge_file (const char *file,
            const char *translated_file,
            const char *source_lang,
            const char *lang,
            guint      *n_texts)
{
  xmlDoc *doc = xmlReadFile (file, NULL, XML_PARSE_NONET);
  xmlDoc *translated = xmlReadFile (translated_file, NULL, XML_PARSE_NONET);
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();
  g_autoptr(GPtrArray) results = g_ptr_array_new ();
  gboolean ok = FALSE;

  if (doc != NULL && translated != NULL)
    {
      collect (xmlDocGetRootElement (doc), source_lang, sources);
      collect (xmlDocGetRootElement (translated), source_lang, results);
    }
  if (doc == NULL || translated == NULL || sources->len != results->len)
    g_printerr (_("signaal-course: %s cannot be merged: the translated copy does not match it. Check the file with signaal-course validate.\n"), file);
  else if (sources->len > 0)
    {
      for (guint i = 0; i < sources->len; i++)
        place (sources->pdata[i], results->pdata[i], lang);
      add_language (xmlDocGetRootElement (doc), lang);
      ok = xmlSaveFileEnc (file, doc, "UTF-8") >= 0;
      if (!ok)
        g_printerr (_("signaal-course: %s cannot be written.\n"), file);
      *n_texts += sources->len;
    }
  else
    ok = TRUE;
  xmlFreeDoc (doc);
  xmlFreeDoc (translated);
  return ok;
}

static gboolean
lang_is_valid (const char *lang)
{
  return lang != NULL && g_regex_match_simple ("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", lang, 0, 0);
}

static int
translate_extract (GOptionContext *context,
                   int             argc,
                   char          **argv,
                   const char     *source_lang,
                   const char     *output)
{
  g_autofree char *base = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *rules = NULL;
  g_autofree char *absolute = NULL;
  g_autoptr(GPtrArray) command = g_ptr_array_new ();
  gboolean ok;

  if (argc != 3 || output == NULL)
    return sig_cli_usage_error (context, _("Give one authoring folder and -o FILE.pot: translate extract DIR -o FILE.pot."));
  files = find_files (argv[2], &base);
  if (files->len == 0)
    {
      g_printerr (_("signaal-course: there is no course.xml or scenario in %s.\n"), argv[2]);
      return SIG_EXIT_USAGE;
    }
  if ((tmp = g_dir_make_tmp ("signaal-translate-XXXXXX", NULL)) == NULL || (rules = write_rules (source_lang, tmp)) == NULL)
    return SIG_EXIT_USAGE;
  absolute = g_canonicalize_filename (output, NULL);
  g_ptr_array_add (command, "itstool");
  g_ptr_array_add (command, "-i");
  g_ptr_array_add (command, rules);
  g_ptr_array_add (command, "-o");
  g_ptr_array_add (command, absolute);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (command, files->pdata[i]);
  g_ptr_array_add (command, NULL);
  ok = run ((const char * const *) command->pdata, base);
  g_unlink (rules);
  g_rmdir (tmp);
  if (!ok)
    return SIG_EXIT_PROBLEMS;
  g_printerr (_("Wrote %s with the %s text of %u files. Translators fill it in with Poedit or Weblate; merge it back with signaal-course translate merge.\n"),
              output, source_lang, files->len);
  return SIG_EXIT_OK;
}

static int
translate_merge (GOptionContext *context,
                 int             argc,
                 char          **argv,
                 const char     *source_lang,
                 const char     *lang)
{
  g_autofree char *base = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *rules = NULL;
  g_autofree char *mo = NULL;
  g_autofree char *po = NULL;
  guint n_texts = 0;
  gboolean ok = TRUE;

  if (argc != 4)
    return sig_cli_usage_error (context, _("Give one authoring folder and one PO file: translate merge DIR --lang xx FILE.po."));
  if (!lang_is_valid (lang))
    return sig_cli_usage_error (context, _("Give the language of the PO file as a lowercase code: --lang de."));
  if (g_str_equal (lang, source_lang))
    return sig_cli_usage_error (context, _("The PO file's language is the source language; give the language it translates into."));
  files = find_files (argv[2], &base);
  if (files->len == 0)
    {
      g_printerr (_("signaal-course: there is no course.xml or scenario in %s.\n"), argv[2]);
      return SIG_EXIT_USAGE;
    }
  if ((tmp = g_dir_make_tmp ("signaal-translate-XXXXXX", NULL)) == NULL || (rules = write_rules (source_lang, tmp)) == NULL)
    return SIG_EXIT_USAGE;
  mo = g_build_filename (tmp, "messages.mo", NULL);
  po = g_canonicalize_filename (argv[3], NULL);
  {
    const char *msgfmt[] = { "msgfmt", "--check-format", "--statistics", "-o", mo, po, NULL };

    ok = run (msgfmt, NULL);
  }
  for (guint i = 0; ok && i < files->len; i++)
    {
      g_autofree char *file = g_build_filename (base, files->pdata[i], NULL);
      g_autofree char *name = g_path_get_basename (files->pdata[i]);
      g_autofree char *translated = g_build_filename (tmp, name, NULL);
      const char *itstool[] = { "itstool", "-i", rules, "-m", mo, "-l", lang, "-o", translated, files->pdata[i], NULL };

      ok = run (itstool, base) && merge_file (file, translated, source_lang, lang, &n_texts);
      g_unlink (translated);
    }
  g_unlink (mo);
  g_unlink (rules);
  g_rmdir (tmp);
  if (!ok)
    return SIG_EXIT_PROBLEMS;
  g_printerr (_("Merged %s: %u texts in “%s” beside the “%s” ones in %u files. Check the result with signaal-course lint.\n"),
              argv[3], n_texts, lang, source_lang, files->len);
  return SIG_EXIT_OK;
}

int
sig_cli_translate (int   argc,
                   char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *output = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *source_lang = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("extract: the PO template to write"), N_("FILE.pot") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("merge: the language the PO file translates into"), N_("LANG") },
    { "source-lang", 0, 0, G_OPTION_ARG_STRING, &source_lang, N_("The language translated from (default nl)"), N_("LANG") },
    { NULL }
  };

  context = sig_cli_option_context (_("extract DIR -o FILE.pot | merge DIR --lang LANG FILE.po"),
                                    _("Hand the text of a course and its scenarios to translators as a PO file, and merge their translation back as a new language (with itstool and the ITS rules of the course format). merge changes the files in DIR: keep them under version control."),
                                    entries);
  if (!sig_cli_parse (context, &argc, &argv))
    return SIG_EXIT_USAGE;
  if (source_lang == NULL)
    source_lang = g_strdup ("nl");
  if (!lang_is_valid (source_lang))
    return sig_cli_usage_error (context, _("Give the source language as a lowercase code: --source-lang nl."));
  if (argc >= 2 && g_str_equal (argv[1], "extract"))
    return translate_extract (context, argc, argv, source_lang, output);
  if (argc >= 2 && g_str_equal (argv[1], "merge"))
    return translate_merge (context, argc, argv, source_lang, lang);
  return sig_cli_usage_error (context, _("Say what to do: translate extract DIR -o FILE.pot, or translate merge DIR --lang LANG FILE.po."));
}
