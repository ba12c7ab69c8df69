/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The LRS client against a real learning record store (Learning Locker's
 * statement service, started by tests/lrs/with-lrs.sh): batches, resends,
 * conflicts and refused statements; and, for the answers that store cannot be
 * made to give (401, 403, 413, 500), against a canned HTTP server in a thread. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "sig-lrs.h"
#include "sig-xapi.h"

typedef struct {
  char *id;
  char *json;
  SigLrsStatement statement;
} Statement;

static void
statement_free (gpointer data)
{
  Statement *s = data;

  g_free (s->id);
  g_free (s->json);
  g_free (s);
}

static Statement *
make_statement (guint       n,
                const char *verb)
{
  Statement *s = g_new0 (Statement, 1);

  s->id = g_uuid_string_random ();
  s->json = g_strdup_printf (
    "{\"id\":\"%s\",\"actor\":{\"objectType\":\"Agent\",\"account\":{\"homePage\":\"https://signaal.invalid/installation/test\",\"name\":\"learner-1\"}},"
    "\"verb\":{\"id\":\"%s\",\"display\":{\"en\":\"answered\"}},"
    "\"object\":{\"objectType\":\"Activity\",\"id\":\"https://signaal.invalid/xapi/course/test/1.0.0/module/m/question/q%u\"},"
    "\"timestamp\":\"2026-03-01T09:30:00Z\"}", s->id, verb, n);
  s->statement.id = s->id;
  s->statement.json = s->json;
  return s;
}

/* A batch of @n statements, as SigLrsStatement* (the Statement owns them). */
static GPtrArray *
make_batch (GPtrArray *owner,
            guint      n,
            guint      bad_at)
{
  GPtrArray *batch = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    {
      Statement *s = make_statement (i, i + 1 == bad_at ? "not an IRI" : SIG_XAPI_VERB_ANSWERED);

      g_ptr_array_add (owner, s);
      g_ptr_array_add (batch, &s->statement);
    }
  return batch;
}

typedef struct {
  GHashTable *outcomes;   /* id → outcome + 1 */
  guint sent, refused, conflict;
  char *last_reason;
} Results;

static void
on_result (const SigLrsStatement *statement,
           SigLrsOutcome          outcome,
           const char            *reason,
           gpointer               user_data)
{
  Results *results = user_data;

  g_assert_false (g_hash_table_contains (results->outcomes, statement->id));
  g_hash_table_insert (results->outcomes, g_strdup (statement->id), GINT_TO_POINTER (outcome + 1));
  if (outcome == SIG_LRS_OUTCOME_SENT)
    results->sent++;
  else
    {
      if (outcome == SIG_LRS_OUTCOME_REFUSED)
        results->refused++;
      else
        results->conflict++;
      g_free (results->last_reason);
      results->last_reason = g_strdup (reason);
    }
}

static void
results_init (Results *results)
{
  *results = (Results) { .outcomes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
}

static void
results_clear (Results *results)
{
  g_hash_table_unref (results->outcomes);
  g_free (results->last_reason);
}

/* Every statement id the LRS holds, following "more". */
static GHashTable *
lrs_ids (void)
{
  const char *endpoint = g_getenv ("SIGNAAL_TEST_LRS");
  g_autoptr(SoupSession) session = soup_session_new ();
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GUri) base = g_uri_parse (endpoint, G_URI_FLAGS_NONE, NULL);
  g_autofree char *next = g_strconcat (endpoint, "statements?limit=100", NULL);

  while (next != NULL && *next != '\0')
    {
      g_autoptr(SoupMessage) message = soup_message_new ("GET", next);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *root;
      JsonArray *statements;
      const char *more;

      soup_message_headers_replace (soup_message_get_request_headers (message), "X-Experience-API-Version", "1.0.3");
      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", "Basic dGVzdDp0ZXN0");
      body = soup_session_send_and_read (session, message, NULL, NULL);
      assert_non_null (body);
      assert_int_equal (soup_message_get_status (message), 200);
      assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL));
      root = json_node_get_object (json_parser_get_root (parser));
      statements = json_object_get_array_member (root, "statements");
      for (guint i = 0; i < json_array_get_length (statements); i++)
        {
          const char *id = json_object_get_string_member (json_array_get_object_element (statements, i), "id");

          g_assert_false (g_hash_table_contains (ids, id));
          g_hash_table_add (ids, g_strdup (id));
        }
      more = json_object_get_string_member_with_default (root, "more", "");
      g_clear_pointer (&next, g_free);
      if (*more != '\0')
        {
          g_autoptr(GUri) uri = g_uri_parse_relative (base, more, G_URI_FLAGS_NONE, NULL);

          next = g_uri_to_string (uri);
        }
    }
  return ids;
}

static SigLrs *
real_lrs (void)
{
  const char *endpoint = g_getenv ("SIGNAAL_TEST_LRS");
  g_autoptr(GError) error = NULL;
  SigLrs *lrs;

  if (endpoint == NULL)
    fail_msg ("SIGNAAL_TEST_LRS is not set: run this test through tests/lrs/with-lrs.sh");
  lrs = sig_lrs_new (endpoint, "test", "test", &error);
  assert_null (error);
  return lrs;
}

static void
test_batches_and_resend (void **state)
{
  g_autoptr(SigLrs) lrs = real_lrs ();
  g_autoptr(GPtrArray) owner = g_ptr_array_new_with_free_func (statement_free);
  g_autoptr(GPtrArray) batch = make_batch (owner, 250, 0);
  g_autoptr(GHashTable) before = lrs_ids ();
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GHashTable) again = NULL;
  g_autoptr(GError) error = NULL;
  Results results;

  results_init (&results);
  sig_lrs_set_batch_size (lrs, 100);
  assert_true (sig_lrs_send (lrs, batch, on_result, &results, NULL, &error));
  assert_int_equal (results.sent, 250);
  after = lrs_ids ();
  assert_int_equal (g_hash_table_size (after), g_hash_table_size (before) + 250);
  for (guint i = 0; i < owner->len; i++)
    assert_true (g_hash_table_contains (after, ((Statement *) g_ptr_array_index (owner, i))->id));

  /* Sent again (a crash before the outbox recorded it): nothing doubles. */
  results_clear (&results);
  results_init (&results);
  assert_true (sig_lrs_send (lrs, batch, on_result, &results, NULL, &error));
  assert_int_equal (results.sent, 250);
  again = lrs_ids ();
  assert_int_equal (g_hash_table_size (again), g_hash_table_size (after));
  results_clear (&results);
}

static void
test_refused_statement_keeps_the_rest (void **state)
{
  g_autoptr(SigLrs) lrs = real_lrs ();
  g_autoptr(GPtrArray) owner = g_ptr_array_new_with_free_func (statement_free);
  g_autoptr(GPtrArray) batch = make_batch (owner, 10, 7);
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GError) error = NULL;
  Statement *bad;
  Results results;

  results_init (&results);
  assert_true (sig_lrs_send (lrs, batch, on_result, &results, NULL, &error));
  assert_int_equal (results.sent, 9);
  assert_int_equal (results.refused, 1);
  bad = g_ptr_array_index (owner, 6);
  assert_int_equal (GPOINTER_TO_INT (g_hash_table_lookup (results.outcomes, bad->id)), SIG_LRS_OUTCOME_REFUSED + 1);
  assert_non_null (strstr (results.last_reason, "HTTP 400"));
  assert_non_null (strstr (results.last_reason, "verb"));
  ids = lrs_ids ();
  assert_false (g_hash_table_contains (ids, bad->id));
  assert_true (g_hash_table_contains (ids, ((Statement *) g_ptr_array_index (owner, 9))->id));
  results_clear (&results);
}

static void
test_conflict (void **state)
{
  g_autoptr(SigLrs) lrs = real_lrs ();
  g_autoptr(GPtrArray) owner = g_ptr_array_new_with_free_func (statement_free);
  g_autoptr(GPtrArray) first = make_batch (owner, 3, 0);
  g_autoptr(GPtrArray) second = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Statement *changed;
  Results results;

  results_init (&results);
  assert_true (sig_lrs_send (lrs, first, on_result, &results, NULL, &error));
  results_clear (&results);

  /* The same id with other content: the LRS keeps the first. */
  changed = make_statement (99, SIG_XAPI_VERB_COMPLETED);
  g_free (changed->id);
  changed->id = g_strdup (((Statement *) g_ptr_array_index (owner, 1))->id);
  g_free (changed->json);
  changed->json = g_strdup_printf ("{\"id\":\"%s\",\"actor\":{\"objectType\":\"Agent\",\"account\":{\"homePage\":\"https://signaal.invalid/installation/test\",\"name\":\"learner-1\"}},"
                                   "\"verb\":{\"id\":\"%s\"},\"object\":{\"id\":\"https://signaal.invalid/xapi/course/other\"}}",
                                   changed->id, SIG_XAPI_VERB_COMPLETED);
  changed->statement.id = changed->id;
  changed->statement.json = changed->json;
  g_ptr_array_add (owner, changed);
  g_ptr_array_add (second, g_ptr_array_index (first, 0));
  g_ptr_array_add (second, &changed->statement);
  g_ptr_array_add (second, g_ptr_array_index (first, 2));

  results_init (&results);
  assert_true (sig_lrs_send (lrs, second, on_result, &results, NULL, &error));
  assert_int_equal (results.sent, 2);
  assert_int_equal (results.conflict, 1);
  assert_non_null (strstr (results.last_reason, "409"));
  results_clear (&results);
}

/* A server that answers every request with one status, in its own thread. */
typedef struct {
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  SoupServer *server;
  guint status;
  guint max_statements;     /* with status 413: accept batches up to this many */
  guint requests;
  guint port;
  GMutex lock;
  GCond ready;
} Canned;

static void
canned_handler (SoupServer        *server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  Canned *canned = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  guint statements = 0;

  for (gsize i = 0; i < g_bytes_get_size (bytes); i++)
    if (strncmp ((const char *) g_bytes_get_data (bytes, NULL) + i, "\"id\":\"", 6) == 0)
      statements++;
  canned->requests++;
  if (canned->status == 413 && statements <= canned->max_statements)
    soup_server_message_set_status (message, 200, NULL);
  else
    soup_server_message_set_status (message, canned->status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC, "{\"message\":\"canned\"}", 20);
}

static gpointer
canned_thread (gpointer data)
{
  Canned *canned = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (canned->context);
  canned->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (canned->server, NULL, canned_handler, canned, NULL);
  g_assert_true (soup_server_listen_local (canned->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (canned->server);
  g_mutex_lock (&canned->lock);
  canned->port = g_uri_get_port (uris->data);
  g_cond_signal (&canned->ready);
  g_mutex_unlock (&canned->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_main_loop_run (canned->loop);
  g_clear_object (&canned->server);
  g_main_context_pop_thread_default (canned->context);
  return NULL;
}

static Canned *
canned_start (guint status)
{
  Canned *canned = g_new0 (Canned, 1);

  canned->status = status;
  canned->context = g_main_context_new ();
  canned->loop = g_main_loop_new (canned->context, FALSE);
  g_mutex_init (&canned->lock);
  g_cond_init (&canned->ready);
  g_mutex_lock (&canned->lock);
  canned->thread = g_thread_new ("canned-lrs", canned_thread, canned);
  while (canned->port == 0)
    g_cond_wait (&canned->ready, &canned->lock);
  g_mutex_unlock (&canned->lock);
  return canned;
}

static void
canned_stop (Canned *canned)
{
  g_main_loop_quit (canned->loop);
  g_thread_join (canned->thread);
  g_main_loop_unref (canned->loop);
  g_main_context_unref (canned->context);
  g_mutex_clear (&canned->lock);
  g_cond_clear (&canned->ready);
  g_free (canned);
}

static SigLrs *
canned_lrs (Canned *canned)
{
  g_autofree char *endpoint = g_strdup_printf ("http://127.0.0.1:%u/xAPI/", canned->port);
  g_autoptr(GError) error = NULL;
  SigLrs *lrs = sig_lrs_new (endpoint, "key", "secret", &error);

  assert_null (error);
  return lrs;
}

static void
expect_stop (guint status,
             gint  code)
{
  Canned *canned = canned_start (status);
  g_autoptr(SigLrs) lrs = canned_lrs (canned);
  g_autoptr(GPtrArray) owner = g_ptr_array_new_with_free_func (statement_free);
  g_autoptr(GPtrArray) batch = make_batch (owner, 30, 0);
  g_autoptr(GError) error = NULL;
  Results results;

  results_init (&results);
  assert_false (sig_lrs_send (lrs, batch, on_result, &results, NULL, &error));
  assert_true (g_error_matches (error, SIG_LRS_ERROR, code));
  assert_int_equal (g_hash_table_size (results.outcomes), 0);
  /* One request, then it stops: no hammering of a server that refuses. */
  assert_int_equal (canned->requests, 1);
  results_clear (&results);
  canned_stop (canned);
}

static void
test_unauthorized_stops (void **state)
{
  expect_stop (401, SIG_LRS_ERROR_UNAUTHORIZED);
  expect_stop (403, SIG_LRS_ERROR_UNAUTHORIZED);
  expect_stop (500, SIG_LRS_ERROR_SERVER);
  expect_stop (503, SIG_LRS_ERROR_SERVER);
}

static void
test_too_large_shrinks_batches (void **state)
{
  Canned *canned = canned_start (413);
  g_autoptr(SigLrs) lrs = canned_lrs (canned);
  g_autoptr(GPtrArray) owner = g_ptr_array_new_with_free_func (statement_free);
  g_autoptr(GPtrArray) batch = make_batch (owner, 100, 0);
  g_autoptr(GError) error = NULL;
  Results results;

  canned->max_statements = 20;
  results_init (&results);
  assert_true (sig_lrs_send (lrs, batch, on_result, &results, NULL, &error));
  assert_int_equal (results.sent, 100);
  assert_true (sig_lrs_get_batch_size (lrs) <= 20);
  results_clear (&results);

  /* A single statement too large for the LRS is refused, not retried forever. */
  canned->max_statements = 0;
  results_init (&results);
  g_ptr_array_set_size (batch, 1);
  assert_true (sig_lrs_send (lrs, batch, on_result, &results, NULL, &error));
  assert_int_equal (results.refused, 1);
  results_clear (&results);
  canned_stop (canned);
}

static void
test_unreachable (void **state)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(SigLrs) lrs = NULL;
  g_autoptr(GPtrArray) owner = g_ptr_array_new_with_free_func (statement_free);
  g_autoptr(GPtrArray) batch = make_batch (owner, 5, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = NULL;
  Results results;

  /* A port that is taken but where nothing listens: connections are refused. */
  assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  endpoint = g_strdup_printf ("http://127.0.0.1:%u/xAPI/", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  lrs = sig_lrs_new (endpoint, "key", "secret", &error);
  assert_non_null (lrs);
  sig_lrs_set_timeout (lrs, 5);
  results_init (&results);
  assert_false (sig_lrs_send (lrs, batch, on_result, &results, NULL, &error));
  assert_true (g_error_matches (error, SIG_LRS_ERROR, SIG_LRS_ERROR_UNREACHABLE));
  assert_int_equal (g_hash_table_size (results.outcomes), 0);
  results_clear (&results);
}

static void
test_endpoints (void **state)
{
  const char *refused[] = {
    "lrs.example.org/xAPI/", "ftp://lrs.example.org/xAPI/", "file:///etc/passwd",
    "http://lrs.example.org/xAPI/", "http://192.168.1.10/xAPI/", "https:///xAPI/", "",
  };
  const char *accepted[] = { "https://lrs.example.org/xAPI/", "https://lrs.example.org:8443/data/xAPI",
                             "http://127.0.0.1:8080/xAPI/", "http://localhost/xAPI/", "http://[::1]:9000/xAPI/" };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SigLrs) lrs = sig_lrs_new (refused[i], "key", "secret", &error);

      if (lrs != NULL)
        fail_msg ("%s was accepted", refused[i]);
      assert_true (g_error_matches (error, SIG_LRS_ERROR, SIG_LRS_ERROR_INVALID_ENDPOINT));
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SigLrs) lrs = sig_lrs_new (accepted[i], "key", "secret", &error);

      if (lrs == NULL)
        fail_msg ("%s: %s", accepted[i], error->message);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SigLrs) lrs = sig_lrs_new ("https://lrs.example.org/xAPI/", "a:b", "secret", &error);

    assert_null (lrs);
  }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_endpoints),
    cmocka_unit_test (test_batches_and_resend),
    cmocka_unit_test (test_refused_statement_keeps_the_rest),
    cmocka_unit_test (test_conflict),
    cmocka_unit_test (test_unauthorized_stops),
    cmocka_unit_test (test_too_large_shrinks_batches),
    cmocka_unit_test (test_unreachable),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
