/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading a course or scenario file: the path, the size limit, UTF-8, the
 * prescan for DOCTYPEs and bounds, parsing the XML without network or DTD, and
 * handing the document to the checks and the builders. Also the version
 * syntax and the media path rule that other parts of the app use. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <string.h>
#include <sys/stat.h>

#include "sig-diagnostic.h"
#include "sig-file.h"
#include "sig-loader-private.h"
#include "sig-prescan.h"

G_DEFINE_QUARK (sig-loader-error-quark, sig_loader_error)

static void
utf8_position (const char *data,
               const char *end,
               guint      *line,
               guint      *column)
{
  *line = 1;
  *column = 1;
  for (const char *p = data; p < end; p++)
    {
      if (*p == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else
        (*column)++;
    }
}

gboolean
sig_loader_load_bytes (GBytes           *bytes,
                       const char       *display_path,
                       const char       *base_dir,
                       SigDocumentKind  *kind,
                       SigCourse       **course,
                       SigScenario     **scenario,
                       GError          **error)
{
  Loader loader = { display_path, NULL, NULL, NULL, NULL };
  SigPrescanLimits limits = { SIG_LIMIT_DEPTH, SIG_LIMIT_ATTRIBUTES, SIG_LIMIT_ELEMENTS };
  XmlProblem problem = { 0 };
  gboolean packed = g_str_has_suffix (display_path, ".signaal");
  const char *data;
  const char *invalid = NULL;
  xmlParserCtxtPtr ctxt;
  xmlDoc *doc;
  xmlNode *root;
  gsize len;
  guint line, column;

  g_return_val_if_fail (bytes != NULL && display_path != NULL, FALSE);
  *course = NULL;
  *scenario = NULL;
  data = g_bytes_get_data (bytes, &len);

  if (len > (packed ? SIG_LIMIT_PACKED_SIZE : SIG_LIMIT_FILE_SIZE))
    {
      g_autofree char *size = g_format_size (len);
      g_autofree char *limit = g_format_size (packed ? SIG_LIMIT_PACKED_SIZE : SIG_LIMIT_FILE_SIZE);

      sig_loader_fail_at (&loader, 0, 0, SIG_LOADER_ERROR_TOO_LARGE,
                          _("The file is %s; a course file may be at most %s. Make images smaller or split the course."),
                          size, limit);
      g_propagate_error (error, loader.error);
      return FALSE;
    }
  if (len == 0)
    {
      sig_loader_fail_at (&loader, 0, 0, SIG_LOADER_ERROR_NOT_XML, _("The file is empty. A course file starts with <course> or <scenario>."));
      g_propagate_error (error, loader.error);
      return FALSE;
    }
  if (!g_utf8_validate (data, (gssize) len, &invalid))
    {
      utf8_position (data, invalid, &line, &column);
      sig_loader_fail_at (&loader, line, column, SIG_LOADER_ERROR_NOT_XML,
                          _("The text is not valid UTF-8 here. Save the file as UTF-8 in your editor."));
      g_propagate_error (error, loader.error);
      return FALSE;
    }
  switch (sig_prescan (data, len, &limits, &line, &column))
    {
    case SIG_PRESCAN_OK:
      break;
    case SIG_PRESCAN_DOCTYPE:
      sig_loader_fail_at (&loader, line, column, SIG_LOADER_ERROR_FORBIDDEN,
                          _("A DOCTYPE or entity declaration is not allowed in a course file. Remove the <!DOCTYPE …> line."));
      break;
    case SIG_PRESCAN_DEPTH:
      sig_loader_fail_at (&loader, line, column, SIG_LOADER_ERROR_TOO_LARGE,
                          _("The elements are nested more than %d deep here. A course needs far less; check for unclosed tags."),
                          SIG_LIMIT_DEPTH);
      break;
    case SIG_PRESCAN_ATTRIBUTES:
      sig_loader_fail_at (&loader, line, column, SIG_LOADER_ERROR_TOO_LARGE,
                          _("This element has more than %d attributes. Remove the extra attributes."), SIG_LIMIT_ATTRIBUTES);
      break;
    case SIG_PRESCAN_ELEMENTS:
      sig_loader_fail_at (&loader, line, column, SIG_LOADER_ERROR_TOO_LARGE,
                          _("The file has more than %d elements. Split the course into smaller courses."), SIG_LIMIT_ELEMENTS);
      break;
    default:
      g_assert_not_reached ();
    }
  if (loader.error != NULL)
    {
      g_propagate_error (error, loader.error);
      return FALSE;
    }

  ctxt = xmlNewParserCtxt ();
  xmlSetStructuredErrorFunc (&problem, sig_loader_collect_xml_error);
  doc = xmlCtxtReadMemory (ctxt, data, (int) len, display_path, "UTF-8",
                           XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
  xmlSetStructuredErrorFunc (NULL, NULL);
  if (doc == NULL || !ctxt->wellFormed)
    {
      g_autofree char *message = problem.message;

      sig_loader_fail_at (&loader, problem.line, problem.column, SIG_LOADER_ERROR_NOT_XML,
                          _("The file is not well-formed XML: %s. Check that every tag is closed, every “&” is written as “&amp;”, and comments hold no “--”."),
                          message ? message : _("unexpected end of the file"));
      xmlFreeDoc (doc);
      xmlFreeParserCtxt (ctxt);
      g_propagate_error (error, loader.error);
      return FALSE;
    }
  xmlFreeParserCtxt (ctxt);
  g_free (problem.message);

  root = xmlDocGetRootElement (doc);
  loader.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (doc->intSubset != NULL || doc->extSubset != NULL)
    sig_loader_fail_at (&loader, 1, 0, SIG_LOADER_ERROR_FORBIDDEN,
                        _("A DOCTYPE is not allowed in a course file. Remove the <!DOCTYPE …> line."));
  else if (root == NULL || !is_element (root, NULL) ||
           (!is_element (root, "course") && !is_element (root, "scenario")))
    fail (&loader, root, SIG_LOADER_ERROR_UNSUPPORTED,
          _("This is not a Signaal course or scenario: the first element must be <course> or <scenario> in the namespace %s."),
          SIG_NAMESPACE);
  else if (sig_loader_check_foreign_elements (&loader, root) && sig_loader_validate_schema (&loader, doc))
    {
      if (is_element (root, "course"))
        {
          *kind = SIG_DOCUMENT_COURSE;
          *course = sig_loader_parse_course (&loader, root, display_path, base_dir, packed);
        }
      else
        {
          *kind = SIG_DOCUMENT_SCENARIO;
          *scenario = sig_loader_parse_scenario (&loader, root, display_path);
        }
    }
  g_hash_table_unref (loader.ids);
  xmlFreeDoc (doc);

  if (loader.error != NULL)
    {
      g_clear_pointer (course, sig_course_unref);
      g_clear_pointer (scenario, sig_scenario_unref);
      g_propagate_error (error, loader.error);
      return FALSE;
    }
  g_assert (*course != NULL || *scenario != NULL);
  return TRUE;
}

gboolean
sig_loader_load (const char       *path,
                 SigDocumentKind  *kind,
                 SigCourse       **course,
                 SigScenario     **scenario,
                 GError          **error)
{
  g_autofree char *file_path = NULL;
  g_autofree char *base_dir = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  gsize len = 0;
  gsize limit;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      file_path = g_build_filename (path, "course.xml", NULL);
      base_dir = g_strdup (path);
    }
  else
    {
      file_path = g_strdup (path);
      if (!g_str_has_suffix (path, ".signaal"))
        base_dir = g_path_get_dirname (path);
    }

  if (g_stat (file_path, &st) != 0)
    {
      g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_IO, "%s: %s: %s", file_path, _("error"),
                   g_file_test (path, G_FILE_TEST_IS_DIR)
                   ? _("This folder has no course.xml. An authoring folder holds course.xml and a media folder.")
                   : _("The file does not exist or cannot be opened. Check the path."));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_IO, "%s: %s: %s", file_path, _("error"),
                   _("This is not a regular file. Give the path of a course file or folder."));
      return FALSE;
    }
  /* Bounded by the bytes read: a file can grow while it is read. */
  limit = g_str_has_suffix (file_path, ".signaal") ? SIG_LIMIT_PACKED_SIZE : SIG_LIMIT_FILE_SIZE;
  if ((contents = sig_file_read (file_path, limit, &len, &local_error)) == NULL)
    {
      if (g_error_matches (local_error, SIG_FILE_ERROR, SIG_FILE_ERROR_TOO_LARGE))
        {
          g_autofree char *size = g_format_size (limit);

          /* Translators: %s is a size such as "32.0 MB" */
          g_autofree char *message = g_strdup_printf (_("The file is larger than %s, the most a course file may be. Make images smaller or split the course."), size);

          g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_TOO_LARGE, "%s: %s: %s", file_path, _("error"), message);
        }
      else
        g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_IO, "%s: %s: %s", file_path, _("error"), local_error->message);
      return FALSE;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  return sig_loader_load_bytes (bytes, file_path, base_dir, kind, course, scenario, error);
}

SigCourse *
sig_loader_load_course (const char  *path,
                        GError     **error)
{
  SigCourse *course = NULL;
  SigScenario *scenario = NULL;
  SigDocumentKind kind;

  if (!sig_loader_load (path, &kind, &course, &scenario, error))
    return NULL;
  if (scenario != NULL)
    {
      g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_UNSUPPORTED, "%s: %s: %s", path, _("error"),
                   _("This is a scenario, not a course. Include it in a course with <scenario ref=\"…\"/>."));
      sig_scenario_unref (scenario);
      return NULL;
    }
  return course;
}

SigScenario *
sig_loader_load_scenario (const char  *path,
                          GError     **error)
{
  SigCourse *course = NULL;
  SigScenario *scenario = NULL;
  SigDocumentKind kind;

  if (!sig_loader_load (path, &kind, &course, &scenario, error))
    return NULL;
  if (course != NULL)
    {
      g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_UNSUPPORTED, "%s: %s: %s", path, _("error"),
                   _("This is a course, not a scenario."));
      sig_course_unref (course);
      return NULL;
    }
  return scenario;
}

gboolean
sig_version_parse (const char *version,
                   guint       parts[3])
{
  const char *p = version;

  if (version == NULL)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    {
      guint digits = 0, value = 0;

      if (i > 0 && *p++ != '.')
        return FALSE;
      /* no sign, no space, no leading zero: one spelling per version */
      if (p[0] == '0' && g_ascii_isdigit (p[1]))
        return FALSE;
      while (g_ascii_isdigit (*p))
        {
          if (++digits > SIG_VERSION_MAX_DIGITS)
            return FALSE;
          value = value * 10 + (guint) (*p++ - '0');
        }
      if (digits == 0)
        return FALSE;
      parts[i] = value;
    }
  return *p == '\0';
}

gboolean
sig_loader_media_path_is_safe (const char *path)
{
  g_auto(GStrv) parts = NULL;

  if (path == NULL || *path == '\0' || path[0] == '/' || strchr (path, '\\') != NULL ||
      strchr (path, ':') != NULL || strlen (path) > 255)
    return FALSE;
  parts = g_strsplit (path, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] == '\0' || g_str_equal (parts[i], "..") || g_str_equal (parts[i], "."))
      return FALSE;
  return TRUE;
}
