/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Course feeds: parsing a feed as an attacker would write it, and downloads
 * from a local HTTP server that can cut a response short, ignore ranges or
 * send other bytes than the feed promises. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sig-feed.h"

/* A one-connection-at-a-time HTTP/1.1 server in a thread, serving one file. */
typedef struct {
  GThread *thread;
  GSocketListener *listener;
  GCancellable *cancellable;
  guint16 port;
  GBytes *file;           /* what /course.signaal holds */
  GBytes *feed;           /* what /feed.json holds */
  guint cut_after;        /* >0: the next package response stops after this many body bytes */
  gboolean ranges;        /* honour Range requests */
  guint package_requests;
  guint ranged_requests;
} Server;

static void
serve (Server            *server,
       GSocketConnection *connection)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (in);
  g_autofree char *request = g_data_input_stream_read_line (lines, NULL, NULL, NULL);
  g_autoptr(GString) head = g_string_new (NULL);
  GBytes *body = NULL;
  gsize offset = 0;
  gsize length;
  gsize send;
  char *line;

  if (request == NULL)
    return;
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, NULL)) != NULL)
    {
      g_strchomp (line);
      if (*line == '\0')
        {
          g_free (line);
          break;
        }
      if (g_ascii_strncasecmp (line, "Range: bytes=", 13) == 0 && server->ranges)
        offset = g_ascii_strtoull (line + 13, NULL, 10);
      g_free (line);
    }

  if (strstr (request, "GET /feed.json ") == request)
    body = server->feed;
  else if (strstr (request, "GET /course.signaal ") == request)
    {
      body = server->file;
      server->package_requests++;
      if (offset > 0)
        server->ranged_requests++;
    }

  if (body == NULL)
    {
      const char *missing = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

      g_output_stream_write_all (out, missing, strlen (missing), NULL, NULL, NULL);
      return;
    }
  length = g_bytes_get_size (body);
  offset = MIN (offset, length);
  if (offset > 0)
    g_string_append_printf (head, "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes %zu-%zu/%zu\r\n", offset, length - 1, length);
  else
    g_string_append (head, "HTTP/1.1 200 OK\r\n");
  g_string_append_printf (head, "Content-Length: %zu\r\nConnection: close\r\n\r\n", length - offset);
  g_output_stream_write_all (out, head->str, head->len, NULL, NULL, NULL);
  send = length - offset;
  if (body == server->file && server->cut_after > 0)
    {
      send = MIN (send, server->cut_after);
      server->cut_after = 0;
    }
  g_output_stream_write_all (out, (const char *) g_bytes_get_data (body, NULL) + offset, send, NULL, NULL, NULL);
}

static gpointer
server_thread (gpointer data)
{
  Server *server = data;

  for (;;)
    {
      g_autoptr(GSocketConnection) connection =
        g_socket_listener_accept (server->listener, NULL, server->cancellable, NULL);

      if (connection == NULL)
        break;
      serve (server, connection);
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
    }
  return NULL;
}

static Server *
server_start (gsize package_size)
{
  Server *server = g_new0 (Server, 1);
  guchar *bytes = g_malloc (package_size);

  for (gsize i = 0; i < package_size; i++)
    bytes[i] = (guchar) (i * 7 + i / 251);
  server->file = g_bytes_new_take (bytes, package_size);
  server->ranges = TRUE;
  server->listener = g_socket_listener_new ();
  server->cancellable = g_cancellable_new ();
  server->port = g_socket_listener_add_any_inet_port (server->listener, NULL, NULL);
  g_assert_cmpuint (server->port, >, 0);
  server->thread = g_thread_new ("feed-server", server_thread, server);
  return server;
}

static void
server_stop (Server *server)
{
  g_cancellable_cancel (server->cancellable);
  g_thread_join (server->thread);
  g_object_unref (server->listener);
  g_object_unref (server->cancellable);
  g_bytes_unref (server->file);
  g_clear_pointer (&server->feed, g_bytes_unref);
  g_free (server);
}

static char *
sha256_of (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static SigFeedEntry *
entry_for (Server *server,
           SigFeed **feed_out)
{
  g_autofree char *digest = sha256_of (server->file);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/feed.json", server->port);
  g_autofree char *json = g_strdup_printf ("{\"signaal-feed\":1,\"publisher\":\"Vereniging\",\"courses\":[{\"id\":\"salon-basics\",\"version\":\"1.2.0\","
                                           "\"url\":\"course.signaal\",\"size\":%zu,\"sha256\":\"%s\"}]}",
                                           g_bytes_get_size (server->file), digest);
  g_autoptr(GError) error = NULL;
  SigFeed *feed;

  server->feed = g_bytes_new (json, strlen (json));
  feed = sig_feed_fetch (url, NULL, &error);
  assert_null (error);
  assert_int_equal (feed->entries->len, 1);
  *feed_out = feed;
  return g_ptr_array_index (feed->entries, 0);
}

static void
test_download_and_resume (void **state)
{
  Server *server = server_start (300 * 1024);
  g_autoptr(SigFeed) feed = NULL;
  SigFeedEntry *entry = entry_for (server, &feed);
  g_autofree char *dir = g_dir_make_tmp ("feed-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autofree char *part = g_build_filename (dir, "salon-basics-1.2.0.signaal.part", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  GStatBuf st;

  {
    g_autofree char *expected = g_strdup_printf ("http://127.0.0.1:%u/course.signaal", server->port);

    assert_string_equal (entry->url, expected);
  }

  /* Cut after 100 KiB: an error, and the part is kept. */
  server->cut_after = 100 * 1024;
  path = sig_feed_download (entry, dir, NULL, NULL, NULL, &error);
  assert_null (path);
  assert_true (g_error_matches (error, SIG_FEED_ERROR, SIG_FEED_ERROR_UNREACHABLE));
  assert_int_equal (g_stat (part, &st), 0);
  assert_int_equal (st.st_size, 100 * 1024);
  g_clear_error (&error);

  /* Next time it resumes from there, and the result is the whole file. */
  path = sig_feed_download (entry, dir, NULL, NULL, NULL, &error);
  assert_null (error);
  assert_non_null (path);
  assert_int_equal (server->ranged_requests, 1);
  assert_true (g_file_get_contents (path, &contents, &length, NULL));
  assert_int_equal (length, g_bytes_get_size (server->file));
  assert_memory_equal (contents, g_bytes_get_data (server->file, NULL), length);
  assert_int_not_equal (g_stat (part, &st), 0);
  g_unlink (path);
  g_rmdir (dir);
  server_stop (server);
}

static void
test_restart_without_ranges (void **state)
{
  Server *server = server_start (200 * 1024);
  g_autoptr(SigFeed) feed = NULL;
  SigFeedEntry *entry = entry_for (server, &feed);
  g_autofree char *dir = g_dir_make_tmp ("feed-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  server->ranges = FALSE;
  server->cut_after = 50 * 1024;
  assert_null (sig_feed_download (entry, dir, NULL, NULL, NULL, &error));
  g_clear_error (&error);
  path = sig_feed_download (entry, dir, NULL, NULL, NULL, &error);
  assert_null (error);
  assert_true (g_file_get_contents (path, &contents, &length, NULL));
  assert_int_equal (length, g_bytes_get_size (server->file));
  assert_memory_equal (contents, g_bytes_get_data (server->file, NULL), length);
  g_unlink (path);
  g_rmdir (dir);
  server_stop (server);
}

static void
test_mismatch_is_deleted (void **state)
{
  Server *server = server_start (64 * 1024);
  g_autoptr(SigFeed) feed = NULL;
  SigFeedEntry *entry = entry_for (server, &feed);
  g_autofree char *dir = g_dir_make_tmp ("feed-XXXXXX", NULL);
  g_autofree char *part = g_build_filename (dir, "salon-basics-1.2.0.signaal.part", NULL);
  g_autofree char *final = g_build_filename (dir, "salon-basics-1.2.0.signaal", NULL);
  g_autoptr(GError) error = NULL;
  guchar *other = g_memdup2 (g_bytes_get_data (server->file, NULL), 64 * 1024);

  /* Same size, one byte different: the hash catches it. */
  other[1000] ^= 1;
  g_bytes_unref (server->file);
  server->file = g_bytes_new_take (other, 64 * 1024);
  assert_null (sig_feed_download (entry, dir, NULL, NULL, NULL, &error));
  assert_true (g_error_matches (error, SIG_FEED_ERROR, SIG_FEED_ERROR_MISMATCH));
  assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  assert_false (g_file_test (final, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* Larger than promised: stopped and deleted at the promised size. */
  g_bytes_unref (server->file);
  server->file = g_bytes_new_take (g_malloc0 (80 * 1024), 80 * 1024);
  assert_null (sig_feed_download (entry, dir, NULL, NULL, NULL, &error));
  assert_true (g_error_matches (error, SIG_FEED_ERROR, SIG_FEED_ERROR_MISMATCH));
  assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
  server_stop (server);
}

static void
expect_invalid (const char *json,
                const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SigFeed) feed = sig_feed_parse ("https://example.org/courses/feed.json", json, strlen (json), &error);

  if (feed != NULL)
    fail_msg ("accepted: %s", json);
  assert_true (g_error_matches (error, SIG_FEED_ERROR, SIG_FEED_ERROR_INVALID));
  if (strstr (error->message, what) == NULL)
    fail_msg ("“%s” does not name “%s”", error->message, what);
  assert_true (g_str_has_prefix (error->message, "https://example.org/courses/feed.json: "));
}

#define SHA "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define ENTRY(id, version, url, size, sha) \
  "{\"signaal-feed\":1,\"courses\":[{\"id\":" id ",\"version\":" version ",\"url\":" url ",\"size\":" size ",\"sha256\":" sha "}]}"

static void
test_parse (void **state)
{
  g_autoptr(GError) error = NULL;
  const char *good = ENTRY ("\"salon-basics\"", "\"1.2.0\"", "\"../packages/salon.signaal\"", "1024", "\"" SHA "\"");
  g_autoptr(SigFeed) feed = sig_feed_parse ("https://example.org/courses/feed.json", good, strlen (good), &error);
  SigFeedEntry *entry;

  assert_null (error);
  entry = g_ptr_array_index (feed->entries, 0);
  assert_string_equal (entry->url, "https://example.org/packages/salon.signaal");
  assert_int_equal (entry->size, 1024);

  expect_invalid ("[]", "JSON object");
  expect_invalid ("{\"courses\":[]}", "signaal-feed");
  expect_invalid ("{\"signaal-feed\":2,\"courses\":[]}", "signaal-feed");
  expect_invalid ("{\"signaal-feed\":1}", "courses");
  expect_invalid (ENTRY ("\"../../etc\"", "\"1.0.0\"", "\"a.signaal\"", "1", "\"" SHA "\""), "course id");
  expect_invalid (ENTRY ("\"Salon\"", "\"1.0.0\"", "\"a.signaal\"", "1", "\"" SHA "\""), "course id");
  expect_invalid (ENTRY ("\"a\"", "\"99999999999999999999999999.0.0\"", "\"a.signaal\"", "1", "\"" SHA "\""), "MAJOR.MINOR.PATCH");
  expect_invalid (ENTRY ("\"a\"", "\"1.0\"", "\"a.signaal\"", "1", "\"" SHA "\""), "MAJOR.MINOR.PATCH");
  expect_invalid (ENTRY ("\"a\"", "\"01.0.0\"", "\"a.signaal\"", "1", "\"" SHA "\""), "MAJOR.MINOR.PATCH");
  expect_invalid (ENTRY ("\"a\"", "\"1.0.0\"", "\"http://evil.example/a.signaal\"", "1", "\"" SHA "\""), "https");
  expect_invalid (ENTRY ("\"a\"", "\"1.0.0\"", "\"file:///etc/passwd\"", "1", "\"" SHA "\""), "https");
  expect_invalid (ENTRY ("\"a\"", "\"1.0.0\"", "\"a.signaal\"", "-1", "\"" SHA "\""), "size");
  expect_invalid (ENTRY ("\"a\"", "\"1.0.0\"", "\"a.signaal\"", "1e12", "\"" SHA "\""), "size");
  expect_invalid (ENTRY ("\"a\"", "\"1.0.0\"", "\"a.signaal\"", "99999999999", "\"" SHA "\""), "size");
  expect_invalid (ENTRY ("\"a\"", "\"1.0.0\"", "\"a.signaal\"", "1", "\"ABC\""), "SHA-256");
  expect_invalid ("{\"signaal-feed\":1,\"courses\":[{\"id\":\"a\",\"version\":\"1.0.0\",\"url\":\"a\",\"size\":1,\"sha256\":\"" SHA "\"},"
                  "{\"id\":\"a\",\"version\":\"1.0.1\",\"url\":\"b\",\"size\":1,\"sha256\":\"" SHA "\"}]}", "twice");
  expect_invalid ("{\"signaal-feed\":1,\"courses\":[7]}", "not an object");
  {
    g_autoptr(GError) local = NULL;
    g_autoptr(SigFeed) plain = sig_feed_parse ("http://example.org/feed.json", good, strlen (good), &local);

    assert_null (plain);
    assert_non_null (strstr (local->message, "https"));
  }
}

static void
test_unreachable_feed (void **state)
{
  Server *server = server_start (10);
  g_autofree char *missing = g_strdup_printf ("http://127.0.0.1:%u/nothing.json", server->port);
  g_autoptr(GError) error = NULL;

  assert_null (sig_feed_fetch (missing, NULL, &error));
  assert_true (g_error_matches (error, SIG_FEED_ERROR, SIG_FEED_ERROR_UNREACHABLE));
  assert_non_null (strstr (error->message, "404"));
  server_stop (server);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_parse),
    cmocka_unit_test (test_download_and_resume),
    cmocka_unit_test (test_restart_without_ranges),
    cmocka_unit_test (test_mismatch_is_deleted),
    cmocka_unit_test (test_unreachable_feed),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
