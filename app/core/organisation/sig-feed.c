/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sig-feed.h"
#include "sig-http.h"
#include "sig-lrs.h"

G_DEFINE_QUARK (sig-feed-error-quark, sig_feed_error)

#define MAX_ENTRIES 1000
#define CHUNK (64 * 1024)

static void
entry_free (gpointer data)
{
  SigFeedEntry *entry = data;

  g_free (entry->id);
  g_free (entry->version);
  g_free (entry->url);
  g_free (entry->sha256);
  g_free (entry);
}

void
sig_feed_free (SigFeed *feed)
{
  if (feed == NULL)
    return;
  g_free (feed->url);
  g_free (feed->publisher);
  g_clear_pointer (&feed->entries, g_ptr_array_unref);
  g_free (feed);
}

/* https anywhere, http to this machine only: a feed or a package fetched over
 * plain http could be changed on the way (the package's signature would still
 * catch it, but the feed could hide an update). */
static GUri *
parse_address (GUri       *base,
               const char *text)
{
  g_autoptr(GUri) uri = base != NULL ? g_uri_parse_relative (base, text, G_URI_FLAGS_ENCODED, NULL)
                                     : g_uri_parse (text, G_URI_FLAGS_ENCODED, NULL);
  const char *scheme;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0 ||
      (g_ascii_strcasecmp (scheme, "http") == 0 && sig_host_is_loopback (g_uri_get_host (uri))))
    return g_steal_pointer (&uri);
  return NULL;
}

static gboolean
valid_id (const char *id)
{
  gsize length = id != NULL ? strlen (id) : 0;

  if (length == 0 || length > 64 || !(g_ascii_islower (id[0]) || g_ascii_isdigit (id[0])))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!(g_ascii_islower (id[i]) || g_ascii_isdigit (id[i]) || id[i] == '.' || id[i] == '-'))
      return FALSE;
  return TRUE;
}

/* MAJOR.MINOR.PATCH, each a whole number of at most six digits, no leading zeros. */
static gboolean
valid_version (const char *version)
{
  g_auto(GStrv) parts = version != NULL ? g_strsplit (version, ".", -1) : NULL;

  if (parts == NULL || g_strv_length (parts) != 3)
    return FALSE;
  for (int i = 0; i < 3; i++)
    {
      gsize length = strlen (parts[i]);

      if (length == 0 || length > 6 || (length > 1 && parts[i][0] == '0'))
        return FALSE;
      for (gsize j = 0; j < length; j++)
        if (!g_ascii_isdigit (parts[i][j]))
          return FALSE;
    }
  return TRUE;
}

static gboolean
valid_sha256 (const char *hex)
{
  if (hex == NULL || strlen (hex) != 64)
    return FALSE;
  for (int i = 0; i < 64; i++)
    if (!g_ascii_isdigit (hex[i]) && !(hex[i] >= 'a' && hex[i] <= 'f'))
      return FALSE;
  return TRUE;
}

static gboolean
invalid (GError    **error,
         const char *feed_url,
         const char *what)
{
  g_set_error (error, SIG_FEED_ERROR, SIG_FEED_ERROR_INVALID,
               _("%s: this is not a valid course feed: %s. Ask the organisation that publishes it to correct it; nothing was installed from it."),
               feed_url, what);
  return FALSE;
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
parse_entry (SigFeed     *feed,
             GUri        *base,
             JsonNode    *node,
             GHashTable  *seen,
             GError     **error)
{
  JsonObject *object;
  JsonNode *size;
  g_autoptr(GUri) url = NULL;
  SigFeedEntry *entry;
  const char *id, *version, *address, *sha256;
  gint64 bytes;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, feed->url, _("an entry of “courses” is not an object"));
  object = json_node_get_object (node);
  id = string_member (object, "id");
  version = string_member (object, "version");
  address = string_member (object, "url");
  sha256 = string_member (object, "sha256");
  size = json_object_get_member (object, "size");

  if (!valid_id (id))
    return invalid (error, feed->url, _("a course id is missing or not a course id (a–z, 0–9, dots and hyphens)"));
  if (g_hash_table_contains (seen, id))
    return invalid (error, feed->url, _("a course is listed twice"));
  if (!valid_version (version))
    return invalid (error, feed->url, _("a version is missing or not MAJOR.MINOR.PATCH"));
  if (address == NULL || (url = parse_address (base, address)) == NULL)
    return invalid (error, feed->url, _("a package address is missing, or not https"));
  if (!valid_sha256 (sha256))
    return invalid (error, feed->url, _("a SHA-256 is missing or not 64 lowercase hexadecimal digits"));
  if (size == NULL || !JSON_NODE_HOLDS_VALUE (size) || json_node_get_value_type (size) != G_TYPE_INT64 ||
      (bytes = json_node_get_int (size)) <= 0 || (guint64) bytes > SIG_FEED_MAX_PACKAGE)
    return invalid (error, feed->url, _("a package size is missing or larger than 64 MiB"));

  entry = g_new0 (SigFeedEntry, 1);
  entry->id = g_strdup (id);
  entry->version = g_strdup (version);
  entry->url = g_uri_to_string (url);
  entry->size = (guint64) bytes;
  entry->sha256 = g_strdup (sha256);
  g_ptr_array_add (feed->entries, entry);
  g_hash_table_add (seen, entry->id);
  return TRUE;
}

SigFeed *
sig_feed_parse (const char  *feed_url,
                const char  *data,
                gsize        length,
                GError     **error)
{
  g_autoptr(SigFeed) feed = g_new0 (SigFeed, 1);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GUri) base = NULL;
  JsonObject *root;
  JsonNode *format, *courses;
  const char *publisher;

  g_return_val_if_fail (feed_url != NULL, NULL);

  feed->url = g_strdup (feed_url);
  feed->entries = g_ptr_array_new_with_free_func (entry_free);

  if ((base = parse_address (NULL, feed_url)) == NULL)
    {
      invalid (error, feed_url, _("its address is not https"));
      return NULL;
    }
  if (length > SIG_FEED_MAX_BYTES)
    {
      invalid (error, feed_url, _("it is larger than 1 MiB"));
      return NULL;
    }
  if (!g_utf8_validate_len (data, length, NULL) || memchr (data, '\0', length) != NULL ||
      !json_parser_load_from_data (parser, data, length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      invalid (error, feed_url, _("it is not a JSON object"));
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  format = json_object_get_member (root, "signaal-feed");
  if (format == NULL || !JSON_NODE_HOLDS_VALUE (format) ||
      json_node_get_value_type (format) != G_TYPE_INT64 || json_node_get_int (format) != 1)
    {
      invalid (error, feed_url, _("it does not say “\"signaal-feed\": 1”"));
      return NULL;
    }
  publisher = string_member (root, "publisher");
  feed->publisher = g_strdup (publisher != NULL ? publisher : "");
  courses = json_object_get_member (root, "courses");
  if (courses == NULL || !JSON_NODE_HOLDS_ARRAY (courses))
    {
      invalid (error, feed_url, _("it has no list “courses”"));
      return NULL;
    }
  if (json_array_get_length (json_node_get_array (courses)) > MAX_ENTRIES)
    {
      invalid (error, feed_url, _("it lists more than 1000 courses"));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (courses)); i++)
    if (!parse_entry (feed, base, json_array_get_element (json_node_get_array (courses), i), seen, error))
      return NULL;
  return g_steal_pointer (&feed);
}

static SoupSession *
new_session (const SigHttp *http)
{
  return http->session_new_with_options ("timeout", 60, "user-agent", "Signaal/" PACKAGE_VERSION, NULL);
}

static gboolean
unreachable (GError    **error,
             const char *url,
             const char *why)
{
  g_set_error (error, SIG_FEED_ERROR, SIG_FEED_ERROR_UNREACHABLE,
               _("%s could not be fetched (%s). Signaal tries again when it is online."), url, why);
  return FALSE;
}

SigFeed *
sig_feed_fetch (const char    *url,
                GCancellable  *cancellable,
                GError       **error)
{
  const SigHttp *http = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GUri) uri = parse_address (NULL, url);
  g_autofree char *buffer = NULL;
  gsize read = 0;

  if (uri == NULL)
    {
      invalid (error, url, _("its address is not https"));
      return NULL;
    }
  if ((http = sig_http_get (error)) == NULL)
    return NULL;
  session = new_session (http);
  message = http->message_new_from_uri ("GET", uri);
  if ((stream = http->session_send (session, message, cancellable, &local_error)) == NULL)
    {
      unreachable (error, url, local_error->message);
      return NULL;
    }
  if (http->message_get_status (message) != SOUP_STATUS_OK)
    {
      g_autofree char *status = g_strdup_printf ("HTTP %u", http->message_get_status (message));

      unreachable (error, url, status);
      return NULL;
    }
  /* Read by bytes, not by what the server claims. */
  buffer = g_malloc (SIG_FEED_MAX_BYTES + 1);
  if (!g_input_stream_read_all (stream, buffer, SIG_FEED_MAX_BYTES + 1, &read, cancellable, &local_error))
    {
      unreachable (error, url, local_error->message);
      return NULL;
    }
  return sig_feed_parse (url, buffer, read, error);
}

static char *
file_sha256 (const char *path,
             guint64    *size,
             GError    **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);
  g_autofree guchar *buffer = g_malloc (CHUNK);
  gssize n;

  *size = 0;
  if (stream == NULL)
    return NULL;
  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, CHUNK, NULL, error)) > 0)
    {
      g_checksum_update (checksum, buffer, n);
      *size += n;
    }
  if (n < 0)
    return NULL;
  return g_strdup (g_checksum_get_string (checksum));
}

/* Appends the body of a GET of @entry (from @offset on, when the server can
 * resume) to @part. FALSE: interrupted; what arrived is kept. */
static gboolean
fetch_into (const SigFeedEntry   *entry,
            const char           *part,
            SigFeedProgressFunc   progress,
            gpointer              user_data,
            GCancellable         *cancellable,
            GError              **error)
{
  const SigHttp *http = sig_http_get (error);
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (part);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree guchar *buffer = g_malloc (CHUNK);
  GStatBuf st;
  guint64 offset = 0;
  guint status;
  gssize n;

  if (http == NULL)
    return FALSE;
  session = new_session (http);
  message = http->message_new ("GET", entry->url);
  if (message == NULL)
    return unreachable (error, entry->url, _("not an address"));
  if (g_stat (part, &st) == 0 && (guint64) st.st_size < entry->size)
    offset = st.st_size;
  else
    g_unlink (part);
  if (offset > 0)
    http->message_headers_set_range (http->message_get_request_headers (message), offset, -1);

  if ((stream = http->session_send (session, message, cancellable, &local_error)) == NULL)
    return unreachable (error, entry->url, local_error->message);
  status = http->message_get_status (message);
  if (status == SOUP_STATUS_OK)
    {
      /* The server sends the whole file: start again. */
      offset = 0;
      out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, cancellable, error);
    }
  else if (status == SOUP_STATUS_PARTIAL_CONTENT && offset > 0)
    out = g_file_append_to (file, G_FILE_CREATE_PRIVATE, cancellable, error);
  else
    {
      g_autofree char *why = g_strdup_printf ("HTTP %u", status);

      return unreachable (error, entry->url, why);
    }
  if (out == NULL)
    return FALSE;

  while ((n = g_input_stream_read (stream, buffer, CHUNK, cancellable, &local_error)) > 0)
    {
      if (offset + n > entry->size)
        {
          g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL);
          g_unlink (part);
          g_set_error (error, SIG_FEED_ERROR, SIG_FEED_ERROR_MISMATCH,
                       _("%s is larger than the feed says. It was deleted; ask the organisation to correct its feed."),
                       entry->url);
          return FALSE;
        }
      if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), buffer, n, NULL, cancellable, error))
        return FALSE;
      offset += n;
      if (progress != NULL)
        progress (entry, offset, user_data);
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error))
    return FALSE;
  if (n < 0)
    return unreachable (error, entry->url, local_error->message);
  if (offset < entry->size)
    return unreachable (error, entry->url, _("the download was cut short; it resumes next time"));
  return TRUE;
}

char *
sig_feed_download (const SigFeedEntry   *entry,
                   const char           *folder,
                   SigFeedProgressFunc   progress,
                   gpointer              user_data,
                   GCancellable         *cancellable,
                   GError              **error)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *part = NULL;
  g_autofree char *digest = NULL;
  guint64 size = 0;

  g_return_val_if_fail (entry != NULL, NULL);
  g_return_val_if_fail (folder != NULL, NULL);
  /* The feed was checked: id and version hold no path separators. */
  g_return_val_if_fail (valid_id (entry->id) && valid_version (entry->version), NULL);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The download folder %s cannot be made: %s."), folder, g_strerror (saved));
      return NULL;
    }
  name = g_strdup_printf ("%s-%s.signaal", entry->id, entry->version);
  path = g_build_filename (folder, name, NULL);
  part = g_strconcat (path, ".part", NULL);

  if (!fetch_into (entry, part, progress, user_data, cancellable, error))
    return NULL;
  if ((digest = file_sha256 (part, &size, error)) == NULL)
    return NULL;
  if (size != entry->size || g_strcmp0 (digest, entry->sha256) != 0)
    {
      g_unlink (part);
      g_set_error (error, SIG_FEED_ERROR, SIG_FEED_ERROR_MISMATCH,
                   _("%s is not the file the feed describes (its size or SHA-256 differs). It was deleted and nothing was installed."),
                   entry->url);
      return NULL;
    }
  if (g_rename (part, path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The download cannot be kept as %s: %s."), path, g_strerror (saved));
      return NULL;
    }
  return g_steal_pointer (&path);
}
