/* SPDX-License-Identifier: GPL-3.0-or-later */
/* signaal-course feed check / update against a local HTTP server: the feed
 * comes from the organisation file, packages are signed with real publisher
 * keys, and what the feed serves goes through the store's trust rules. An
 * update installs; a hash mismatch, a package signed by another publisher
 * than the id's owner, a truncated download and an invalid feed are refused
 * and leave the library as it was. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sig-store.h"

#define COURSE_ID "example-salon-basics"

/* A one-connection-at-a-time HTTP/1.1 server in a thread: path → bytes. */
typedef struct {
  GThread *thread;
  GSocketListener *listener;
  GCancellable *cancellable;
  guint16 port;
  GMutex lock;
  GHashTable *files;      /* "/path" → GBytes */
  GHashTable *lengths;    /* "/path" → the Content-Length to announce, when it differs */
} Server;

static Server *server;
static char *tmp;
static char *tool;
static char *db;
static char *packages[4];  /* a120, a130, b140, a140 */

static void
serve (GSocketConnection *connection)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (in);
  g_autofree char *request = g_data_input_stream_read_line (lines, NULL, NULL, NULL);
  g_autofree char *path = NULL;
  g_autoptr(GString) head = g_string_new (NULL);
  g_autoptr(GBytes) body = NULL;
  char *line;
  char **parts;

  if (request == NULL)
    return;
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, NULL)) != NULL)
    {
      gboolean end = *g_strchomp (line) == '\0';

      g_free (line);
      if (end)
        break;
    }
  parts = g_strsplit (request, " ", 3);
  path = g_strdup (parts[0] != NULL && parts[1] != NULL ? parts[1] : "");
  g_strfreev (parts);
  g_mutex_lock (&server->lock);
  body = g_hash_table_lookup (server->files, path);
  if (body != NULL)
    g_bytes_ref (body);
  g_mutex_unlock (&server->lock);
  if (body == NULL)
    {
      const char *missing = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

      g_output_stream_write_all (out, missing, strlen (missing), NULL, NULL, NULL);
      return;
    }
  g_string_append_printf (head, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n",
                          g_bytes_get_size (body));
  g_output_stream_write_all (out, head->str, head->len, NULL, NULL, NULL);
  g_output_stream_write_all (out, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL, NULL, NULL);
}

static gpointer
server_thread (gpointer data)
{
  for (;;)
    {
      g_autoptr(GSocketConnection) connection =
        g_socket_listener_accept (server->listener, NULL, server->cancellable, NULL);

      if (connection == NULL)
        break;
      serve (connection);
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
    }
  return NULL;
}

static void
serve_file (const char *path,
            GBytes     *bytes)
{
  g_mutex_lock (&server->lock);
  g_hash_table_insert (server->files, g_strdup (path), g_bytes_ref (bytes));
  g_mutex_unlock (&server->lock);
}

static GBytes *
read_bytes (const char *path)
{
  char *data = NULL;
  gsize length = 0;

  g_assert (g_file_get_contents (path, &data, &length, NULL));
  return g_bytes_new_take (data, length);
}

/* Serves @package at /ID-VERSION.signaal and a feed offering it: its own size
 * and hash unless @size / @sha256 say otherwise. */
static void
offer (const char *version,
       GBytes     *package,
       guint64     size,
       const char *sha256)
{
  g_autofree char *name = g_strdup_printf ("/%s-%s.signaal", COURSE_ID, version);
  g_autofree char *digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, package);
  g_autofree char *feed = g_strdup_printf (
    "{ \"signaal-feed\": 1, \"publisher\": \"Vereniging Test\", \"courses\": ["
    " { \"id\": \"%s\", \"version\": \"%s\", \"url\": \"%s\", \"size\": %" G_GUINT64_FORMAT ", \"sha256\": \"%s\" } ] }",
    COURSE_ID, version, name + 1, size > 0 ? size : g_bytes_get_size (package), sha256 != NULL ? sha256 : digest);
  g_autoptr(GBytes) feed_bytes = g_bytes_new (feed, strlen (feed));

  serve_file (name, package);
  serve_file ("/feed.json", feed_bytes);
}

static char *output;   /* what the last run printed, standard output then error */

/* Runs signaal-course with @args; returns its exit status. */
static int
run (const char  *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, tool);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &stdout_text, &stderr_text, &status, &error))
    fail_msg ("%s", error->message);
  g_free (output);
  output = g_strconcat (stdout_text, stderr_text, NULL);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static char *
installed_version (void)
{
  g_autoptr(SigStore) store = sig_store_open (db, SIG_STORE_OPEN_READ_ONLY, NULL);
  g_autoptr(SigLibraryCourse) course = NULL;

  assert_non_null (store);
  assert_true (sig_store_refresh_library (store, NULL));
  course = sig_store_get_library_course (store, COURSE_ID, NULL);
  if (course == NULL || sig_library_course_get_bundled (course))
    return NULL;
  return g_strdup (sig_library_course_get_version (course));
}

static guint
downloads_left (void)
{
  g_autofree char *folder = g_build_filename (tmp, "cache", "signaal", "downloads", NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
expect (int         status,
        int         expected,
        const char *says)
{
  if (status != expected || (says != NULL && strstr (output, says) == NULL))
    fail_msg ("exit %d (expected %d), expected “%s” in:\n%s", status, expected, says ? says : "", output);
}

static void
test_check_and_install (void **state)
{
  g_autoptr(GBytes) a120 = read_bytes (packages[0]);
  g_autoptr(GBytes) a130 = read_bytes (packages[1]);
  g_autofree char *version = NULL;

  offer ("1.2.0", a120, 0, NULL);
  expect (run ("feed", "list", "--db", db, NULL), 0, "(set by Vereniging Test)");
  expect (run ("feed", "check", "--db", db, NULL), 0, COURSE_ID ": new, version 1.2.0");
  assert_null (installed_version ());   /* check installs nothing */
  expect (run ("feed", "update", "--db", db, NULL), 0, "Installed " COURSE_ID " 1.2.0");
  assert_non_null (strstr (output, "Uitgever A"));
  version = installed_version ();
  assert_string_equal (version, "1.2.0");
  expect (run ("feed", "check", "--db", db, NULL), 0, "up to date");

  /* a newer version signed by the same publisher updates the course */
  offer ("1.3.0", a130, 0, NULL);
  expect (run ("feed", "check", "--db", db, NULL), 0, COURSE_ID ": 1.2.0 → 1.3.0");
  expect (run ("feed", "update", "--db", db, NULL), 0, "Installed " COURSE_ID " 1.3.0");
  g_free (version);
  version = installed_version ();
  assert_string_equal (version, "1.3.0");
  assert_int_equal (downloads_left (), 0);
}

static void
test_hash_mismatch (void **state)
{
  g_autoptr(GBytes) a140 = read_bytes (packages[3]);
  g_autofree char *version = NULL;

  offer ("1.4.0", a140, 0, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  expect (run ("feed", "update", "--db", db, NULL), 1, "SHA-256");
  version = installed_version ();
  assert_string_equal (version, "1.3.0");
  assert_int_equal (downloads_left (), 0);
}

static void
test_other_publisher (void **state)
{
  g_autoptr(GBytes) b140 = read_bytes (packages[2]);
  g_autofree char *version = NULL;

  offer ("1.4.0", b140, 0, NULL);
  expect (run ("feed", "update", "--db", db, NULL), 1, "belongs to the publisher");
  version = installed_version ();
  assert_string_equal (version, "1.3.0");
  assert_int_equal (downloads_left (), 0);
}

static void
test_truncated (void **state)
{
  g_autoptr(GBytes) a140 = read_bytes (packages[3]);
  g_autoptr(GBytes) half = g_bytes_new_from_bytes (a140, 0, g_bytes_get_size (a140) / 2);
  g_autofree char *digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, a140);
  g_autofree char *version = NULL;

  /* the server has only the first half of the file the feed describes */
  offer ("1.4.0", half, g_bytes_get_size (a140), digest);
  assert_int_equal (run ("feed", "update", "--db", db, NULL), 1);
  version = installed_version ();
  assert_string_equal (version, "1.3.0");
}

static void
test_invalid_feed (void **state)
{
  static const char *feeds[] = {
    "not json at all",
    "{ \"signaal-feed\": 1, \"courses\": [ { \"id\": \"../../etc\", \"version\": \"1.4.0\", \"url\": \"x.signaal\", \"size\": 10, \"sha256\": \"00\" } ] }",
    "{ \"signaal-feed\": 1, \"courses\": [ { \"id\": \"" COURSE_ID "\", \"version\": \"1.4.0\", \"url\": \"ftp://127.0.0.1/x.signaal\", \"size\": 10, \"sha256\": \"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\" } ] }",
  };

  for (guint i = 0; i < G_N_ELEMENTS (feeds); i++)
    {
      g_autoptr(GBytes) feed = g_bytes_new_static (feeds[i], strlen (feeds[i]));
      g_autofree char *version = NULL;

      serve_file ("/feed.json", feed);
      expect (run ("feed", "update", "--db", db, NULL), 1, "/feed.json");
      version = installed_version ();
      assert_string_equal (version, "1.3.0");
    }
}

static void
test_profile_subscription (void **state)
{

  {
    g_autoptr(SigStore) store = sig_store_open (db, SIG_STORE_OPEN_DEFAULT, NULL);
    g_autoptr(SigProfile) profile = sig_store_create_profile (store, "Anna", NULL, NULL, "nl", NULL);

    assert_non_null (profile);
  }
  expect (run ("feed", "subscribe", "http://example.org/feed.json", "--profile", "Anna", "--db", db, NULL), 2, "https://");
  expect (run ("feed", "subscribe", "https://eigen.example/feed.json", "--profile", "Anna", "--db", db, NULL), 0, NULL);
  expect (run ("feed", "list", "--db", db, NULL), 0, "https://eigen.example/feed.json");
  expect (run ("feed", "unsubscribe", "https://eigen.example/feed.json", "--profile", "Anna", "--db", db, NULL), 0, NULL);
  run ("feed", "list", "--db", db, NULL);
  assert_null (strstr (output, "eigen.example"));
  expect (run ("feed", "frobnicate", "--db", db, NULL), 2, NULL);
}

/* A broken organisation file stops the command with its file and line. */
static void
test_broken_organisation_file (void **state)
{
  g_autofree char *conf = g_build_filename (tmp, "config", "signaal", "organisation.conf", NULL);
  g_autofree char *good = NULL;
  g_autofree char *where = g_strdup_printf ("%s:3: error:", conf);

  g_assert (g_file_get_contents (conf, &good, NULL, NULL));
  g_assert (g_file_set_contents (conf, "[Organisation]\nName=Vereniging Test\nFeed=https://x.example/feed.json\n", -1, NULL));
  expect (run ("feed", "check", "--db", db, NULL), 2, where);
  g_assert (g_file_set_contents (conf, good, -1, NULL));
  expect (run ("feed", "check", "--db", db, NULL), 1, NULL);   /* the feed.json served last is not valid */
}

static void
make_package (const char *key,
              const char *version,
              const char *package)
{
  g_autofree char *src = g_build_filename (g_getenv ("SOURCE_DIR"), "tests", "fixtures", "valid", "example-course", NULL);
  g_autofree char *copy = g_build_filename (tmp, version, NULL);
  g_autofree char *course = g_build_filename (copy, "course.xml", NULL);
  g_autofree char *command = g_strdup_printf ("cp -r '%s' '%s'", src, copy);
  g_autofree char *text = NULL;
  g_autofree char *from = NULL;
  char *at;

  g_assert (system (command) == 0);
  g_assert (g_file_get_contents (course, &text, NULL, NULL));
  at = strstr (text, "version=\"1.2.0\" languages=");
  g_assert (at != NULL);
  memcpy (at + 9, version, 5);
  g_assert (g_file_set_contents (course, text, -1, NULL));
  if (run ("pack", copy, "-o", package, "--sign", key, NULL) != 0)
    fail_msg ("pack: %s", output);
}

static int
setup (void **state)
{
  g_autofree char *config = NULL;
  g_autofree char *conf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *a_key = NULL;
  g_autofree char *b_key = NULL;

  tmp = g_dir_make_tmp ("signaal-feed-update-XXXXXX", NULL);
  tool = g_strdup (g_getenv ("SIGNAAL_COURSE"));
  g_assert (tool != NULL);
  db = g_build_filename (tmp, "progress.db", NULL);

  server = g_new0 (Server, 1);
  g_mutex_init (&server->lock);
  server->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  server->listener = g_socket_listener_new ();
  server->cancellable = g_cancellable_new ();
  server->port = g_socket_listener_add_any_inet_port (server->listener, NULL, NULL);
  g_assert (server->port > 0);
  server->thread = g_thread_new ("feed-server", server_thread, NULL);

  /* the organisation file subscribes every installation to the feed */
  config = g_build_filename (tmp, "config", "signaal", NULL);
  g_assert (g_mkdir_with_parents (config, 0755) == 0);
  conf = g_build_filename (config, "organisation.conf", NULL);
  text = g_strdup_printf ("[Organisation]\nName=Vereniging Test\n[Feeds]\nFeeds=http://127.0.0.1:%u/feed.json\n", server->port);
  g_assert (g_file_set_contents (conf, text, -1, NULL));
  g_free (config);
  config = g_build_filename (tmp, "config", NULL);
  g_setenv ("XDG_CONFIG_DIRS", config, TRUE);
  g_free (config);
  config = g_build_filename (tmp, "cache", NULL);
  g_setenv ("XDG_CACHE_HOME", config, TRUE);
  g_free (config);
  config = g_build_filename (tmp, "data", NULL);
  g_setenv ("XDG_DATA_HOME", config, TRUE);
  g_free (config);
  config = g_build_filename (tmp, "home-config", NULL);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);

  a_key = g_build_filename (tmp, "a.key", NULL);
  b_key = g_build_filename (tmp, "b.key", NULL);
  g_assert (run ("publisher-key", "new", "--name", "Uitgever A", a_key, NULL) == 0);
  g_assert (run ("publisher-key", "new", "--name", "Uitgever B", b_key, NULL) == 0);
  packages[0] = g_build_filename (tmp, "a120.signaal", NULL);
  packages[1] = g_build_filename (tmp, "a130.signaal", NULL);
  packages[2] = g_build_filename (tmp, "b140.signaal", NULL);
  packages[3] = g_build_filename (tmp, "a140.signaal", NULL);
  make_package (a_key, "1.2.0", packages[0]);
  make_package (a_key, "1.3.0", packages[1]);
  make_package (b_key, "1.4.0", packages[2]);
  {
    g_autofree char *again = g_build_filename (tmp, "1.4.0", NULL);
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", again);

    g_assert (system (command) == 0);
  }
  make_package (a_key, "1.4.0", packages[3]);
  return 0;
}

static int
teardown (void **state)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", tmp);

  g_cancellable_cancel (server->cancellable);
  g_thread_join (server->thread);
  g_object_unref (server->listener);
  g_object_unref (server->cancellable);
  g_hash_table_unref (server->files);
  g_free (server);
  (void) system (command);
  return 0;
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_check_and_install),
    cmocka_unit_test (test_hash_mismatch),
    cmocka_unit_test (test_other_publisher),
    cmocka_unit_test (test_truncated),
    cmocka_unit_test (test_invalid_feed),
    cmocka_unit_test (test_profile_subscription),
    cmocka_unit_test (test_broken_organisation_file),
  };

  return cmocka_run_group_tests (tests, setup, teardown);
}
