/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The outbox: nothing without an organisation connection; with one, the
 * statements of every event written in the event's own transaction, the same
 * statements the xAPI export writes, with the organisation's account as the
 * actor; the state the sync and the interface read. The sending itself is
 * tested against a real LRS in tests/lrs/test-sync.sh. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "sig-store-outbox.h"
#include "sig-lrs.h"
#include "sig-sync.h"
#include "sig-xapi.h"
#include "store-test-util.h"

typedef struct {
  StoreFixture *fixture;
  SigStore *store;
  SigCourse *course;
  char *anna;
} Ctx;

static int
setup (void **state)
{
  Ctx *ctx = g_new0 (Ctx, 1);
  g_autofree char *packed = NULL;
  g_autoptr(SigProfile) anna = NULL;
  g_autoptr(GError) error = NULL;

  ctx->fixture = st_fixture_new ();
  packed = st_pack_example (ctx->fixture->dir, NULL, "1.2.0");
  ctx->store = st_open (ctx->fixture);
  assert_true (sig_store_import_course (ctx->store, packed, NULL, NULL, &error));
  ctx->course = sig_store_load_course (ctx->store, "example-salon-basics", &error);
  assert_non_null (ctx->course);
  anna = sig_store_create_profile (ctx->store, "Anna", "Anna Jansen", "hair-beauty", "nl", &error);
  assert_non_null (anna);
  ctx->anna = g_strdup (sig_profile_get_id (anna));
  *state = ctx;
  return 0;
}

static int
teardown (void **state)
{
  Ctx *ctx = *state;

  g_clear_object (&ctx->store);
  sig_course_unref (ctx->course);
  st_fixture_free (ctx->fixture);
  g_free (ctx->anna);
  g_free (ctx);
  return 0;
}

static gint64
count (Ctx        *ctx,
       const char *sql)
{
  return st_count (ctx->fixture->db_path, sql);
}

static void
connect_anna (Ctx        *ctx,
              const char *home_page,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  SigStoreConnection connection = { 0 };

  connection.endpoint = (char *) "https://lrs.example.org/xAPI/";
  connection.key = (char *) "school";
  connection.account_home_page = (char *) home_page;
  connection.account_name = (char *) name;
  assert_true (sig_store_set_connection (ctx->store, ctx->anna, &connection, &error));
}

static void
test_no_connection_nothing_written (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStoreConnection) connection = NULL;

  connection = sig_store_get_connection (ctx->store, ctx->anna, &error);
  assert_null (connection);
  assert_null (error);
  st_answer_module (ctx->store, ctx->anna, ctx->course, "m-see", TRUE);
  assert_true (count (ctx, "SELECT count(*) FROM events") > 0);
  assert_int_equal (count (ctx, "SELECT count(*) FROM outbox"), 0);
}

/* Every statement of the outbox is the export's statement of the same event
 * (or the "terminated" after a result), but for the actor. */
static void
test_statements_are_the_exports (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) exported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *export = NULL;
  g_autoptr(SigStoreConnection) connection = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  JsonArray *array;
  gint64 before, rows = 0;

  st_answer_module (ctx->store, ctx->anna, ctx->course, "m-see", TRUE);
  before = count (ctx, "SELECT max(id) FROM events");
  connect_anna (ctx, "https://school.example.org", "20231234");
  connection = sig_store_get_connection (ctx->store, ctx->anna, &error);
  assert_non_null (connection);
  assert_string_equal (connection->account_name, "20231234");
  assert_true (connection->consent > 0);

  st_answer_module (ctx->store, ctx->anna, ctx->course, "m-act", TRUE);
  st_play_scenarios (ctx->store, ctx->anna, ctx->course, "m-act");
  st_answer_module (ctx->store, ctx->anna, ctx->course, "m-refresh", TRUE);

  /* One row per event since the connection, and one "terminated" per result; none before. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) + sum(kind IN ('passed', 'failed', 'completed')) FROM events WHERE id > %" G_GINT64_FORMAT, before);
    g_autofree char *linked = g_strdup_printf ("SELECT count(*) FROM events e JOIN outbox o USING (statement_id) WHERE e.id <= %" G_GINT64_FORMAT, before);

    assert_true (count (ctx, sql) > 10);
    assert_int_equal (count (ctx, "SELECT count(*) FROM outbox"), count (ctx, sql));
    assert_int_equal (count (ctx, linked), 0);
    assert_int_equal (count (ctx, "SELECT count(*) FROM outbox WHERE state = 'waiting'"), count (ctx, sql));
  }

  export = sig_store_export_xapi (ctx->store, ctx->anna, &error);
  assert_non_null (export);
  assert_true (json_parser_load_from_data (parser, export, -1, &error));
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *statement = json_array_get_object_element (array, i);

      json_object_remove_member (statement, "actor");
      g_hash_table_insert (exported, g_strdup (json_object_get_string_member (statement, "id")),
                           json_to_string (json_array_get_element (array, i), FALSE));
    }

  db = st_db_open (ctx->fixture->db_path);
  assert_int_equal (sqlite3_prepare_v2 (db, "SELECT statement_id, statement FROM outbox ORDER BY id", -1, &stmt, NULL), SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonParser) row_parser = json_parser_new ();
      g_autofree char *text = NULL;
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      JsonObject *statement, *account;

      assert_true (json_parser_load_from_data (row_parser, (const char *) sqlite3_column_text (stmt, 1), -1, NULL));
      statement = json_node_get_object (json_parser_get_root (row_parser));
      assert_string_equal (json_object_get_string_member (statement, "id"), id);
      account = json_object_get_object_member (json_object_get_object_member (statement, "actor"), "account");
      assert_string_equal (json_object_get_string_member (account, "homePage"), "https://school.example.org");
      assert_string_equal (json_object_get_string_member (account, "name"), "20231234");
      json_object_remove_member (statement, "actor");
      text = json_to_string (json_parser_get_root (row_parser), FALSE);
      assert_non_null (g_hash_table_lookup (exported, id));
      assert_string_equal (text, g_hash_table_lookup (exported, id));
      rows++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  assert_true (rows > 10);
}

/* Without an account the actor is the installation's anonymous one, as in the export. */
static void
test_installation_actor (void **state)
{
  Ctx *ctx = *state;
  g_autofree char *home_page = NULL;
  g_autofree char *sql = NULL;

  connect_anna (ctx, NULL, NULL);
  st_answer_module (ctx->store, ctx->anna, ctx->course, "m-see", TRUE);
  home_page = sig_xapi_home_page (ctx->store->installation_id);
  sql = g_strdup_printf ("SELECT count(*) FROM outbox WHERE json_extract(statement, '$.actor.account.homePage') = '%s' "
                         "AND json_extract(statement, '$.actor.account.name') = '%s'", home_page, ctx->anna);
  assert_true (count (ctx, "SELECT count(*) FROM outbox") > 0);
  assert_int_equal (count (ctx, sql), count (ctx, "SELECT count(*) FROM outbox"));
}

/* The outbox row is written in the event's transaction: when it cannot be
 * written, the event is not recorded either. */
static void
test_same_transaction (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;
  SigModule *module = sig_course_find_module (ctx->course, "m-see");
  SigModuleItem *page = NULL;
  sqlite3 *db;
  gint64 events;

  for (guint i = 0; i < module->items->len && page == NULL; i++)
    if (((SigModuleItem *) module->items->pdata[i])->kind == SIG_ITEM_PAGE)
      page = module->items->pdata[i];
  assert_non_null (page);
  connect_anna (ctx, "https://school.example.org", "20231234");
  assert_true (sig_store_record_started (ctx->store, ctx->anna, ctx->course, FALSE, NULL, &error));
  events = count (ctx, "SELECT count(*) FROM events");
  assert_int_equal (count (ctx, "SELECT count(*) FROM outbox"), events);

  db = st_db_open (ctx->fixture->db_path);
  assert_int_equal (sqlite3_exec (db, "CREATE TRIGGER no_outbox BEFORE INSERT ON outbox "
                                      "BEGIN SELECT RAISE (ABORT, 'the outbox is full'); END", NULL, NULL, NULL), SQLITE_OK);
  assert_false (sig_store_record_page_viewed (ctx->store, ctx->anna, ctx->course, "m-see", page->page->id, &error));
  assert_non_null (error);
  g_clear_error (&error);
  assert_int_equal (count (ctx, "SELECT count(*) FROM events"), events);

  assert_int_equal (sqlite3_exec (db, "DROP TRIGGER no_outbox", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);
  assert_true (sig_store_record_page_viewed (ctx->store, ctx->anna, ctx->course, "m-see", page->page->id, &error));
  assert_int_equal (count (ctx, "SELECT count(*) FROM events"), events + 1);
  assert_int_equal (count (ctx, "SELECT count(*) FROM outbox"), events + 1);
}

/* Consent withdrawn: nothing new is written, what waits stays (and is not sent). */
static void
test_connection_removed (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;
  gint64 rows;

  connect_anna (ctx, "https://school.example.org", "20231234");
  st_answer_module (ctx->store, ctx->anna, ctx->course, "m-see", TRUE);
  rows = count (ctx, "SELECT count(*) FROM outbox");
  assert_true (rows > 0);
  assert_true (sig_store_set_connection (ctx->store, ctx->anna, NULL, &error));
  assert_null (sig_store_get_connection (ctx->store, ctx->anna, &error));
  assert_null (error);
  st_answer_module (ctx->store, ctx->anna, ctx->course, "m-act", TRUE);
  assert_int_equal (count (ctx, "SELECT count(*) FROM outbox"), rows);
  assert_int_equal (count (ctx, "SELECT count(*) FROM profile_settings WHERE key LIKE 'connection.%'"), 0);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* What the sync marks, and the state the interface reads. */
static void
test_state (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  SigOutboxState outbox = { 0 };
  SigOutboxRow *first, *second, *third;
  g_autofree char *third_id = NULL;
  gint64 now = g_get_real_time ();

  connect_anna (ctx, "https://school.example.org", "20231234");
  st_answer_module (ctx->store, ctx->anna, ctx->course, "m-see", TRUE);
  rows = sig_store_outbox_take (ctx->store, ctx->anna, 3, TRUE, now, &error);
  assert_non_null (rows);
  assert_int_equal (rows->len, 3);
  first = rows->pdata[0];
  second = rows->pdata[1];
  third = rows->pdata[2];
  third_id = g_strdup (third->statement_id);
  assert_true (first->id < second->id && second->id < third->id);
  first->state = SIG_OUTBOX_SENT;
  first->sent = now;
  second->state = SIG_OUTBOX_REFUSED;
  second->reason = g_strdup ("HTTP 400: Problem in 'statements.0.verb.id'");
  third->tries = 1;
  third->next_try = now + sig_sync_backoff (1);
  third->reason = g_strdup ("unreachable");
  assert_true (sig_store_outbox_update (ctx->store, (SigOutboxRow **) rows->pdata, rows->len, &error));
  assert_true (sig_store_outbox_note (ctx->store, ctx->anna, now, "The LRS could not be reached.", FALSE, &error));

  assert_true (sig_store_get_outbox_state (ctx->store, ctx->anna, &outbox, &error));
  assert_int_equal (outbox.sent, 1);
  assert_int_equal (outbox.refused, 1);
  assert_int_equal (outbox.waiting, count (ctx, "SELECT count(*) FROM outbox") - 2);
  assert_string_equal (outbox.last_error, "The LRS could not be reached.");
  assert_false (outbox.stopped);
  assert_int_equal (outbox.last_success, 0);
  sig_outbox_state_clear (&outbox);

  refused = sig_store_list_outbox_refused (ctx->store, ctx->anna, &error);
  assert_int_equal (refused->len, 1);
  assert_string_equal (((SigOutboxRow *) refused->pdata[0])->reason, "HTTP 400: Problem in 'statements.0.verb.id'");

  /* The oldest waiting row waits for its retry: nothing overtakes it, unless asked. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = sig_store_outbox_take (ctx->store, ctx->anna, 10, TRUE, now, &error);
  assert_int_equal (rows->len, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = sig_store_outbox_take (ctx->store, ctx->anna, 10, FALSE, now, &error);
  assert_true (rows->len > 0);
  assert_string_equal (((SigOutboxRow *) rows->pdata[0])->statement_id, third_id);

  /* An automatic sync waits for the retry time: nothing is sent (the LRS
   * address is never contacted), and the report says when. */
  {
    g_auto(SigSyncReport) report = { 0 };
    SigSyncConnection over = { "http://127.0.0.1:9/xAPI/", "school", "secret", 0, 1, FALSE };

    assert_true (sig_sync_once (ctx->store, ctx->anna, &over, NULL, &report, &error));
    assert_int_equal (report.sent, 0);
    assert_true (report.waiting > 0);
    assert_true (report.next_try > now);
  }

  /* The same in a worker thread, with its own connection to the database. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_auto(SigSyncReport) report = { 0 };
    SigSyncConnection over = { "http://127.0.0.1:9/xAPI/", "school", "secret", 0, 1, FALSE };

    sig_sync_once_async (ctx->store, ctx->anna, &over, NULL, on_done, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    assert_true (sig_sync_once_finish (ctx->store, result, &report, &error));
    assert_int_equal (report.sent, 0);
    assert_true (report.waiting > 0);
    assert_true (report.next_try > now);
  }

  /* 401/403: stopped until the connection changes; an automatic sync does not start. */
  assert_true (sig_store_outbox_note (ctx->store, ctx->anna, now, "The key was refused.", TRUE, &error));
  assert_true (sig_store_get_outbox_state (ctx->store, ctx->anna, &outbox, &error));
  assert_true (outbox.stopped);
  sig_outbox_state_clear (&outbox);
  {
    g_auto(SigSyncReport) report = { 0 };
    SigSyncConnection over = { "http://127.0.0.1:9/xAPI/", "school", "secret", 0, 1, FALSE };

    assert_false (sig_sync_once (ctx->store, ctx->anna, &over, NULL, &report, &error));
    assert_true (g_error_matches (error, SIG_LRS_ERROR, SIG_LRS_ERROR_UNAUTHORIZED));
    assert_string_equal (error->message, "The key was refused.");
    g_clear_error (&error);
  }
  connect_anna (ctx, "https://school.example.org", "20231234");
  assert_true (sig_store_get_outbox_state (ctx->store, ctx->anna, &outbox, &error));
  assert_false (outbox.stopped);
  sig_outbox_state_clear (&outbox);

  assert_true (sig_store_outbox_note (ctx->store, ctx->anna, now + 1000, NULL, FALSE, &error));
  assert_true (sig_store_get_outbox_state (ctx->store, ctx->anna, &outbox, &error));
  assert_null (outbox.last_error);
  assert_true (outbox.last_success >= now);
  sig_outbox_state_clear (&outbox);
}

static void
test_backoff (void **state)
{
  assert_int_equal (sig_sync_backoff (1), 30 * (gint64) G_USEC_PER_SEC);
  assert_int_equal (sig_sync_backoff (2), 60 * (gint64) G_USEC_PER_SEC);
  assert_int_equal (sig_sync_backoff (5), 480 * (gint64) G_USEC_PER_SEC);
  assert_int_equal (sig_sync_backoff (8), 3600 * (gint64) G_USEC_PER_SEC);
  assert_int_equal (sig_sync_backoff (1000), 3600 * (gint64) G_USEC_PER_SEC);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_no_connection_nothing_written, setup, teardown),
    cmocka_unit_test_setup_teardown (test_statements_are_the_exports, setup, teardown),
    cmocka_unit_test_setup_teardown (test_installation_actor, setup, teardown),
    cmocka_unit_test_setup_teardown (test_same_transaction, setup, teardown),
    cmocka_unit_test_setup_teardown (test_connection_removed, setup, teardown),
    cmocka_unit_test_setup_teardown (test_state, setup, teardown),
    cmocka_unit_test (test_backoff),
  };

  st_isolate ();
  return cmocka_run_group_tests (tests, NULL, NULL);
}
