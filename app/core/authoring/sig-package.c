/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "sig-file.h"
#include "sig-package.h"

static const char *
media_type (const char *path)
{
  if (g_str_has_suffix (path, ".png"))
    return "image/png";
  if (g_str_has_suffix (path, ".jpg") || g_str_has_suffix (path, ".jpeg"))
    return "image/jpeg";
  if (g_str_has_suffix (path, ".svg"))
    return "image/svg+xml";
  if (g_str_has_suffix (path, ".webp"))
    return "image/webp";
  return NULL;
}

static xmlDoc *
read_document (const char  *path,
               GError     **error)
{
  gsize length = 0;
  g_autofree char *contents = sig_file_read (path, SIG_LIMIT_FILE_SIZE, &length, NULL);
  xmlDoc *doc = NULL;

  if (contents != NULL)
    doc = xmlReadMemory (contents, (int) length, path, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

  if (doc == NULL)
    g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_IO,
                 _("%s: error: The file cannot be read again for packing."), path);
  return doc;
}

gboolean
sig_package_pack (const char  *folder,
                  const char  *output,
                  SigCatalog  *catalog,
                  GError     **error)
{
  g_autoptr(SigCourse) course = NULL;
  g_autoptr(SigCourse) check = NULL;
  g_autoptr(GPtrArray) refs = NULL;
  g_autoptr(GHashTable) packed_media = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GBytes) bytes = NULL;
  xmlDoc *doc;
  xmlNode *root, *media;
  xmlNs *ns;
  xmlChar *buffer = NULL;
  int size = 0;
  SigDocumentKind kind;
  SigScenario *unused_scenario = NULL;

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_IO,
                   _("%s: error: This is not a folder. Pack an authoring folder with a course.xml."), folder);
      return FALSE;
    }
  if ((course = sig_loader_load_course (folder, error)) == NULL)
    return FALSE;
  if ((doc = read_document (course->path, error)) == NULL)
    return FALSE;
  root = xmlDocGetRootElement (doc);
  ns = root->ns;

  /* The scenarios, inline after the modules. */
  refs = sig_course_scenario_refs (course);
  for (guint i = 0; i < refs->len; i++)
    {
      SigScenario *scenario = sig_catalog_resolve_scenario (catalog, course, refs->pdata[i], error);
      xmlDoc *scenario_doc;
      xmlNode *copy;

      if (scenario == NULL || (scenario_doc = read_document (scenario->path, error)) == NULL)
        {
          xmlFreeDoc (doc);
          return FALSE;
        }
      copy = xmlDocCopyNode (xmlDocGetRootElement (scenario_doc), doc, 1);
      xmlAddChild (root, copy);
      xmlReconciliateNs (doc, copy);
      xmlFreeDoc (scenario_doc);
    }

  /* The media, base64. */
  media = xmlNewChild (root, ns, (const xmlChar *) "media", NULL);
  for (guint i = 0; i < course->refs->len; i++)
    {
      SigRef *ref = course->refs->pdata[i];
      g_autofree char *file = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *encoded = NULL;
      g_autoptr(GError) read_error = NULL;
      xmlNode *node;
      gsize len = 0;

      if (ref->kind != SIG_REF_MEDIA || !g_hash_table_add (packed_media, ref->id))
        continue;
      file = g_build_filename (course->base_dir, ref->id, NULL);
      if (media_type (ref->id) == NULL)
        {
          g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_INVALID,
                       _("%s:%u: error: “%s” is not a PNG, JPEG, SVG or WebP image. Convert it to one of those."),
                       course->path, ref->line, ref->id);
          xmlFreeDoc (doc);
          return FALSE;
        }
      if ((contents = sig_file_read (file, SIG_LIMIT_MEDIA_SIZE, &len, &read_error)) == NULL &&
          !g_error_matches (read_error, SIG_FILE_ERROR, SIG_FILE_ERROR_TOO_LARGE))
        {
          g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_IO,
                       _("%s:%u: error: The media file “%s” cannot be read. Put it in the course folder."),
                       course->path, ref->line, ref->id);
          xmlFreeDoc (doc);
          return FALSE;
        }
      if (contents == NULL)
        {
          g_autofree char *limit = g_format_size (SIG_LIMIT_MEDIA_SIZE);

          g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_TOO_LARGE,
                       _("%s:%u: error: The picture “%s” is larger than %s, the most a picture may be. Make it smaller."),
                       course->path, ref->line, ref->id, limit);
          xmlFreeDoc (doc);
          return FALSE;
        }
      encoded = g_base64_encode ((const guchar *) contents, len);
      node = xmlNewTextChild (media, ns, (const xmlChar *) "file", (const xmlChar *) encoded);
      xmlNewProp (node, (const xmlChar *) "path", (const xmlChar *) ref->id);
      xmlNewProp (node, (const xmlChar *) "type", (const xmlChar *) media_type (ref->id));
    }
  if (media->children == NULL)
    {
      xmlUnlinkNode (media);
      xmlFreeNode (media);
    }

  xmlDocDumpFormatMemoryEnc (doc, &buffer, &size, "UTF-8", 0);
  xmlFreeDoc (doc);
  bytes = g_bytes_new (buffer, size);
  xmlFree (buffer);

  /* Never write a package Signaal itself would refuse. */
  if (!sig_loader_load_bytes (bytes, output, NULL, &kind, &check, &unused_scenario, error))
    return FALSE;
  return g_file_set_contents (output, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), error);
}
