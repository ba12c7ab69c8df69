/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Media checks: the declared type against the bytes, the pixel size from the
 * header (never by decoding), and SVG as self-contained XML. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sig-loader.h"
#include "sig-media.h"

#define SVG_NS "http://www.w3.org/2000/svg"

const char *
sig_media_type_for_path (const char *path)
{
  if (path == NULL)
    return NULL;
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

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint
be16 (const guint8 *p)
{
  return ((guint) p[0] << 8) | p[1];
}

static guint
le16 (const guint8 *p)
{
  return p[0] | ((guint) p[1] << 8);
}

static guint32
le24 (const guint8 *p)
{
  return p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16);
}

static guint32
le32 (const guint8 *p)
{
  return p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

static gboolean
png_size (const guint8 *d,
          gsize         len,
          guint        *w,
          guint        *h)
{
  if (len < 24 || memcmp (d, "\x89PNG\r\n\x1a\n", 8) != 0 || memcmp (d + 12, "IHDR", 4) != 0)
    return FALSE;
  *w = be32 (d + 16);
  *h = be32 (d + 20);
  return TRUE;
}

/* Walks the JPEG markers up to the first start-of-frame, which holds the size. */
static gboolean
jpeg_size (const guint8 *d,
           gsize         len,
           guint        *w,
           guint        *h)
{
  gsize i = 2;

  if (len < 4 || d[0] != 0xff || d[1] != 0xd8 || d[2] != 0xff)
    return FALSE;
  while (i + 4 <= len)
    {
      guint8 marker;
      guint seg;

      if (d[i] != 0xff)
        return FALSE;
      while (i < len && d[i] == 0xff)
        i++;
      if (i >= len)
        return FALSE;
      marker = d[i++];
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7))
        continue;
      if (marker == 0xd9 || marker == 0xda || i + 2 > len)
        return FALSE;
      seg = be16 (d + i);
      if (seg < 2 || i + seg > len)
        return FALSE;
      if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
        {
          if (seg < 7)
            return FALSE;
          *h = be16 (d + i + 3);
          *w = be16 (d + i + 5);
          return TRUE;
        }
      i += seg;
    }
  return FALSE;
}

static gboolean
webp_size (const guint8 *d,
           gsize         len,
           guint        *w,
           guint        *h)
{
  if (len < 30 || memcmp (d, "RIFF", 4) != 0 || memcmp (d + 8, "WEBP", 4) != 0 ||
      le32 (d + 4) + 8 > len + 1 || le32 (d + 4) < 22)
    return FALSE;
  if (memcmp (d + 12, "VP8X", 4) == 0)
    {
      *w = le24 (d + 24) + 1;
      *h = le24 (d + 27) + 1;
      return TRUE;
    }
  if (memcmp (d + 12, "VP8L", 4) == 0)
    {
      guint32 bits = le32 (d + 21);

      if (d[20] != 0x2f)
        return FALSE;
      *w = (bits & 0x3fff) + 1;
      *h = ((bits >> 14) & 0x3fff) + 1;
      return TRUE;
    }
  if (memcmp (d + 12, "VP8 ", 4) == 0)
    {
      if (memcmp (d + 23, "\x9d\x01\x2a", 3) != 0)
        return FALSE;
      *w = le16 (d + 26) & 0x3fff;
      *h = le16 (d + 28) & 0x3fff;
      return TRUE;
    }
  return FALSE;
}

/* A number of pixels in an SVG width or height ("120", "120px", "12.5");
 * -1 for anything else (percentages, units: drawn at the size the app asks). */
static double
svg_length (const xmlChar *value)
{
  char *end = NULL;
  double number;

  if (value == NULL)
    return -1;
  number = g_ascii_strtod ((const char *) value, &end);
  if (end == (char *) value || (*end != '\0' && strcmp (end, "px") != 0))
    return -1;
  return number;
}

static gboolean
refers_outside (const char *text)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);
  const char *p = lower;

  if (strstr (lower, "@import") != NULL)
    return TRUE;
  while ((p = strstr (p, "url(")) != NULL)
    {
      p += 4;
      while (*p == ' ' || *p == '"' || *p == '\'')
        p++;
      if (*p != '#')
        return TRUE;
    }
  return FALSE;
}

/* Every element in the SVG namespace; no processing instructions; every href
 * a fragment (#id) and every url() a fragment, so that nothing outside the
 * file (another file, the network, a data: picture of another type) is read. */
static const char *
svg_problem (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_PI_NODE)
        return "processing instruction";
      if (node->type == XML_ENTITY_REF_NODE || node->type == XML_XINCLUDE_START)
        return "entity";
      if ((node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) && node->content != NULL &&
          refers_outside ((const char *) node->content))
        return "url";
      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (node->ns == NULL || !xmlStrEqual (node->ns->href, (const xmlChar *) SVG_NS))
        return "foreign element";
      for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
        {
          xmlChar *value = xmlNodeGetContent ((xmlNode *) attr);
          gboolean bad = FALSE;

          if (value != NULL)
            {
              if (xmlStrEqual (attr->name, (const xmlChar *) "href") && value[0] != '#')
                bad = TRUE;
              else if (refers_outside ((const char *) value))
                bad = TRUE;
            }
          xmlFree (value);
          if (bad)
            return "reference";
        }
      {
        const char *problem = svg_problem (node->children);

        if (problem != NULL)
          return problem;
      }
    }
  return NULL;
}

static gboolean
svg_check (const char   *name,
           const guint8 *data,
           gsize         len,
           guint        *w,
           guint        *h,
           GError      **error)
{
  xmlDoc *doc;
  xmlNode *root;
  double width, height;

  if (len > G_MAXINT)
    return FALSE;
  /* No network, no DTD, no entity substitution: a plain tree or nothing. */
  doc = xmlReadMemory ((const char *) data, (int) len, name, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_INVALID,
                   _("“%s” is not an SVG image: it is not well-formed XML. Replace it with a real SVG and pack again."), name);
      return FALSE;
    }
  root = xmlDocGetRootElement (doc);
  if (doc->intSubset != NULL || doc->extSubset != NULL || root == NULL ||
      !xmlStrEqual (root->name, (const xmlChar *) "svg") ||
      root->ns == NULL || !xmlStrEqual (root->ns->href, (const xmlChar *) SVG_NS))
    {
      xmlFreeDoc (doc);
      g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_INVALID,
                   _("“%s” is not an SVG image: it needs an <svg> root element in the SVG namespace and no DOCTYPE. Replace it with a real SVG and pack again."), name);
      return FALSE;
    }
  if (svg_problem (doc->children) != NULL)
    {
      xmlFreeDoc (doc);
      g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_FORBIDDEN,
                   _("The SVG image “%s” refers to something outside itself (a link, a style sheet, an embedded picture or another kind of XML). A course picture must be self-contained: remove the reference and pack again."), name);
      return FALSE;
    }
  {
    xmlChar *wv = xmlGetProp (root, (const xmlChar *) "width");
    xmlChar *hv = xmlGetProp (root, (const xmlChar *) "height");

    width = svg_length (wv);
    height = svg_length (hv);
    xmlFree (wv);
    xmlFree (hv);
  }
  xmlFreeDoc (doc);
  *w = width > 0 ? (width > G_MAXUINT32 ? G_MAXUINT32 : (guint) width) : 0;
  *h = height > 0 ? (height > G_MAXUINT32 ? G_MAXUINT32 : (guint) height) : 0;
  return TRUE;
}

gboolean
sig_media_check (const char   *name,
                 const char   *type,
                 const guint8 *data,
                 gsize         length,
                 guint        *width,
                 guint        *height,
                 GError      **error)
{
  guint w = 0, h = 0;
  gboolean known;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (length > SIG_LIMIT_MEDIA_SIZE)
    {
      g_autofree char *file_size = g_format_size (length);
      g_autofree char *limit = g_format_size (SIG_LIMIT_MEDIA_SIZE);

      g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_TOO_LARGE,
                   _("The picture “%s” is %s; a picture may be at most %s. Make it smaller."),
                   name, file_size, limit);
      return FALSE;
    }
  if (g_strcmp0 (type, "image/png") == 0)
    known = png_size (data, length, &w, &h);
  else if (g_strcmp0 (type, "image/jpeg") == 0)
    known = jpeg_size (data, length, &w, &h);
  else if (g_strcmp0 (type, "image/webp") == 0)
    known = webp_size (data, length, &w, &h);
  else if (g_strcmp0 (type, "image/svg+xml") == 0)
    {
      g_autoptr(GError) svg_error = NULL;

      known = svg_check (name, data, length, &w, &h, &svg_error);
      if (!known && svg_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&svg_error));
          return FALSE;
        }
    }
  else
    {
      g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_INVALID,
                   _("“%s” has the type “%s”; a course picture is PNG, JPEG, SVG or WebP. Convert it to one of those."),
                   name, type ? type : "");
      return FALSE;
    }
  if (!known)
    {
      const char *format = g_str_equal (type, "image/png") ? "PNG"
                           : g_str_equal (type, "image/jpeg") ? "JPEG"
                           : g_str_equal (type, "image/webp") ? "WebP" : type;

      /* The same words for an authoring folder and a package: name the file
       * and the fix, not a step the author may not have taken. */
      g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_INVALID,
                   _("“%s” is not a %s picture: what is in the file does not match its name. Save the picture again as %s, or give the file the ending of its real type."),
                   name, format, format);
      return FALSE;
    }
  if (w > SIG_LIMIT_MEDIA_SIDE || h > SIG_LIMIT_MEDIA_SIDE ||
      (guint64) w * h > SIG_LIMIT_MEDIA_PIXELS || (g_strcmp0 (type, "image/svg+xml") != 0 && (w == 0 || h == 0)))
    {
      g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_TOO_LARGE,
                   _("The picture “%s” is %u × %u pixels; a picture may be at most %u pixels on a side and %u megapixels. Make it smaller."),
                   name, w, h, (guint) SIG_LIMIT_MEDIA_SIDE, (guint) (SIG_LIMIT_MEDIA_PIXELS / 1000000));
      return FALSE;
    }
  if (width)
    *width = w;
  if (height)
    *height = h;
  return TRUE;
}

GBytes *
sig_media_read_in_folder (const char  *folder,
                          const char  *relative_path,
                          GError     **error)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  struct stat st;
  int fd;
  guint i;

  if (!sig_loader_media_path_is_safe (relative_path))
    {
      g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_FORBIDDEN,
                   _("The media path “%s” points outside the course package. Use a path inside the course folder, such as “media/picture.png”."),
                   relative_path ? relative_path : "");
      return NULL;
    }
  fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  parts = g_strsplit (relative_path, "/", -1);
  for (i = 0; fd >= 0 && parts[i] != NULL; i++)
    {
      int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | (parts[i + 1] != NULL ? O_DIRECTORY : O_NONBLOCK);
      int next = openat (fd, parts[i], flags);

      close (fd);
      fd = next;
    }
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ELOOP || saved_errno == ENOTDIR)
        g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_FORBIDDEN,
                     _("The media file “%s” is a symbolic link or lies behind one. Only files inside the course folder are packed: copy the picture into the folder."),
                     relative_path);
      else
        g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_IO,
                     _("The media file “%s” cannot be read (%s). Put it in the course folder."),
                     relative_path, g_strerror (saved_errno));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_FORBIDDEN,
                   _("The media file “%s” is not a regular file. Put the picture itself in the course folder."),
                   relative_path);
      return NULL;
    }
  for (;;)
    {
      guint8 buffer[65536];
      ssize_t n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_IO,
                       _("The media file “%s” cannot be read (%s). Put it in the course folder."),
                       relative_path, g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      g_byte_array_append (data, buffer, (guint) n);
      if (data->len > SIG_LIMIT_MEDIA_SIZE)
        break;
    }
  close (fd);
  if (data->len > SIG_LIMIT_MEDIA_SIZE)
    {
      g_autofree char *limit = g_format_size (SIG_LIMIT_MEDIA_SIZE);

      g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_TOO_LARGE,
                   _("The picture “%s” is larger than %s, the most a picture may be. Make it smaller."),
                   relative_path, limit);
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}
