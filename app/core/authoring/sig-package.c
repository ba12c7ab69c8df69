/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "sig-media.h"
#include "sig-package-signature.h"
#include "sig-package.h"

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
  return sig_package_pack_signed (folder, output, catalog, NULL, NULL, error);
}

gboolean
sig_package_pack_signed (const char          *folder,
                         const char          *output,
                         SigCatalog          *catalog,
                         SigIssuer           *key,
                         const char * const  *endorsements,
                         GError             **error)
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
  {
    g_autofree char *course_xml = g_build_filename (folder, "course.xml", NULL);

    if (g_file_test (course_xml, G_FILE_TEST_IS_SYMLINK))
      {
        g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_FORBIDDEN,
                     _("%s: error: This is a symbolic link. Only files inside the authoring folder are packed: put the course itself there."),
                     course_xml);
        return FALSE;
      }
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
      g_autoptr(GBytes) contents = NULL;
      g_autoptr(GError) read_error = NULL;
      g_autofree char *encoded = NULL;
      xmlNode *node;

      if (ref->kind != SIG_REF_MEDIA || !g_hash_table_add (packed_media, ref->id))
        continue;
      if (sig_media_type_for_path (ref->id) == NULL)
        {
          g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_INVALID,
                       _("%s:%u: error: “%s” is not a PNG, JPEG, SVG or WebP image. Convert it to one of those."),
                       course->path, ref->line, ref->id);
          xmlFreeDoc (doc);
          return FALSE;
        }
      if ((contents = sig_media_read_in_folder (course->base_dir, ref->id, &read_error)) == NULL ||
          !sig_media_check (ref->id, sig_media_type_for_path (ref->id),
                            g_bytes_get_data (contents, NULL), g_bytes_get_size (contents),
                            NULL, NULL, &read_error))
        {
          g_set_error (error, SIG_LOADER_ERROR, read_error->code, "%s:%u: %s: %s",
                       course->path, ref->line, _("error"), read_error->message);
          xmlFreeDoc (doc);
          return FALSE;
        }
      encoded = g_base64_encode (g_bytes_get_data (contents, NULL), g_bytes_get_size (contents));
      node = xmlNewTextChild (media, ns, (const xmlChar *) "file", (const xmlChar *) encoded);
      xmlNewProp (node, (const xmlChar *) "path", (const xmlChar *) ref->id);
      xmlNewProp (node, (const xmlChar *) "type", (const xmlChar *) sig_media_type_for_path (ref->id));
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
  if (key != NULL)
    {
      GBytes *signed_bytes = sig_package_sign (bytes, check->id, check->version, key, endorsements, NULL, error);

      if (signed_bytes == NULL)
        return FALSE;
      g_bytes_unref (bytes);
      bytes = signed_bytes;
    }
  return g_file_set_contents (output, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), error);
}
