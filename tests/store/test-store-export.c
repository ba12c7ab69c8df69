/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exports: xAPI statements checked against the statement rules, the CSV
 * report, and a learner's own data. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "store-test-util.h"

typedef struct {
  StoreFixture *fixture;
  SigStore *store;
  SigCourse *course;
  char *anna;
  char *bram;
} Ctx;

static int
setup (void **state)
{
  Ctx *ctx = g_new0 (Ctx, 1);
  g_autofree char *packed = NULL;
  g_autoptr(SigProfile) anna = NULL;
  g_autoptr(SigProfile) bram = NULL;
  g_autoptr(GError) error = NULL;

  ctx->fixture = st_fixture_new ();
  packed = st_pack_example (ctx->fixture->dir, NULL, "1.2.0");
  ctx->store = st_open (ctx->fixture);
  assert_true (sig_store_import_course (ctx->store, packed, NULL, NULL, &error));
  ctx->course = sig_store_load_course (ctx->store, "example-salon-basics", &error);
  assert_non_null (ctx->course);
  anna = sig_store_create_profile (ctx->store, "Anna", "Jansen, \"Anna\"\nde Vries", "hair-beauty", "nl", &error);
  bram = sig_store_create_profile (ctx->store, "Bram", "=cmd|' /C calc'!A0", "dental", "en", &error);
  ctx->anna = g_strdup (sig_profile_get_id (anna));
  ctx->bram = g_strdup (sig_profile_get_id (bram));

  /* Anna: knowledge check, every module, passes; then a page of the optional module. */
  assert_true (sig_store_record_check_answer (ctx->store, ctx->anna, ctx->course, SIG_CHECK_PRE, "kc-1", "true", NULL, &error));
  st_answer_module (ctx->store, ctx->anna, ctx->course, "m-see", TRUE);
  st_answer_module (ctx->store, ctx->anna, ctx->course, "m-act", TRUE);
  st_play_scenarios (ctx->store, ctx->anna, ctx->course, "m-act");
  assert_true (sig_store_record_check_answer (ctx->store, ctx->anna, ctx->course, SIG_CHECK_POST, "kc-1", "false", NULL, &error));
  st_answer_module (ctx->store, ctx->anna, ctx->course, "m-refresh", TRUE);
  /* Bram: fails. */
  st_answer_module (ctx->store, ctx->bram, ctx->course, "m-see", FALSE);
  st_answer_module (ctx->store, ctx->bram, ctx->course, "m-act", FALSE);
  st_play_scenarios (ctx->store, ctx->bram, ctx->course, "m-act");
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
  g_free (ctx->bram);
  g_free (ctx);
  return 0;
}

/* ---- The statement rules (xAPI 1.0.3, part two), written apart from the code ---- */

static gboolean
is_iri (const char *text)
{
  /* absolute: a scheme, then no whitespace or characters IRIs exclude */
  return text != NULL && g_regex_match_simple ("^[A-Za-z][A-Za-z0-9+.-]*:[^\\s<>\"{}|\\\\^`]+$", text, 0, 0);
}

static gboolean
is_timestamp (const char *text)
{
  g_autoptr(GDateTime) parsed = NULL;

  /* ISO 8601 with a time zone (Z or an offset), as xAPI requires for exchange. */
  if (text == NULL ||
      !g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$", text, 0, 0))
    return FALSE;
  parsed = g_date_time_new_from_iso8601 (text, NULL);
  return parsed != NULL;
}

static gboolean
is_language_tag (const char *text)
{
  return g_regex_match_simple ("^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$", text, 0, 0);
}

static void
check_language_map (JsonObject *map)
{
  g_autoptr(GList) members = json_object_get_members (map);

  assert_non_null (members);
  for (GList *l = members; l; l = l->next)
    {
      assert_true (is_language_tag (l->data));
      assert_non_null (json_object_get_string_member (map, l->data));
    }
}

static const char *allowed_verbs[] = {
  "http://adlnet.gov/expapi/verbs/initialized",
  "http://adlnet.gov/expapi/verbs/experienced",
  "http://adlnet.gov/expapi/verbs/answered",
  "http://adlnet.gov/expapi/verbs/completed",
  "http://adlnet.gov/expapi/verbs/passed",
  "http://adlnet.gov/expapi/verbs/failed",
  "http://adlnet.gov/expapi/verbs/terminated",
  NULL
};

static void
check_statement (JsonObject *statement,
                 const char *home_page,
                 GHashTable *verbs_seen)
{
  JsonObject *actor, *account, *verb, *object, *definition, *context;
  const char *verb_id;

  /* id: a UUID (version 4 as Signaal makes them) */
  assert_true (st_is_uuid_v4 (json_object_get_string_member (statement, "id")));
  assert_string_equal (json_object_get_string_member (statement, "version"), "1.0.3");

  /* actor: an Agent identified by an account, nothing else (no mbox, no name) */
  actor = json_object_get_object_member (statement, "actor");
  assert_string_equal (json_object_get_string_member (actor, "objectType"), "Agent");
  assert_false (json_object_has_member (actor, "mbox"));
  assert_false (json_object_has_member (actor, "mbox_sha1sum"));
  assert_false (json_object_has_member (actor, "openid"));
  assert_false (json_object_has_member (actor, "name"));
  account = json_object_get_object_member (actor, "account");
  assert_non_null (account);
  assert_string_equal (json_object_get_string_member (account, "homePage"), home_page);
  assert_true (g_str_has_prefix (home_page, "https://"));   /* an IRL */
  assert_true (st_is_uuid_v4 (json_object_get_string_member (account, "name")));

  /* verb: from the ADL vocabulary, with an en-US display */
  verb = json_object_get_object_member (statement, "verb");
  verb_id = json_object_get_string_member (verb, "id");
  assert_true (g_strv_contains (allowed_verbs, verb_id));
  assert_non_null (json_object_get_string_member (json_object_get_object_member (verb, "display"), "en-US"));
  g_hash_table_add (verbs_seen, g_strdup (verb_id));

  /* object: an Activity with an IRI id, a name and a type */
  object = json_object_get_object_member (statement, "object");
  assert_string_equal (json_object_get_string_member (object, "objectType"), "Activity");
  assert_true (is_iri (json_object_get_string_member (object, "id")));
  definition = json_object_get_object_member (object, "definition");
  check_language_map (json_object_get_object_member (definition, "name"));
  assert_true (is_iri (json_object_get_string_member (definition, "type")));
  assert_true (g_str_has_prefix (json_object_get_string_member (definition, "type"), "http://adlnet.gov/expapi/activities/"));
  if (g_str_equal (json_object_get_string_member (definition, "type"), "http://adlnet.gov/expapi/activities/cmi.interaction"))
    {
      static const char *types[] = { "true-false", "choice", "fill-in", "long-fill-in", "matching", "performance",
                                     "sequencing", "likert", "numeric", "other", NULL };

      assert_true (g_strv_contains (types, json_object_get_string_member (definition, "interactionType")));
    }

  /* result: score ranges, types */
  if (json_object_has_member (statement, "result"))
    {
      JsonObject *result = json_object_get_object_member (statement, "result");

      if (json_object_has_member (result, "score"))
        {
          JsonObject *score = json_object_get_object_member (result, "score");
          double scaled = json_object_get_double_member (score, "scaled");
          double raw = json_object_get_double_member (score, "raw");
          double min = json_object_get_double_member (score, "min");
          double max = json_object_get_double_member (score, "max");

          assert_true (scaled >= -1 && scaled <= 1);
          assert_true (min <= max);
          assert_true (raw >= min && raw <= max);
          assert_float_equal (scaled, max > 0 ? raw / max : 0, 1e-9);
        }
      if (json_object_has_member (result, "success"))
        assert_int_equal (json_node_get_value_type (json_object_get_member (result, "success")), G_TYPE_BOOLEAN);
      if (json_object_has_member (result, "completion"))
        assert_int_equal (json_node_get_value_type (json_object_get_member (result, "completion")), G_TYPE_BOOLEAN);
      if (json_object_has_member (result, "response"))
        assert_non_null (json_object_get_string_member (result, "response"));
    }

  /* context: registration UUID, the course version, IRIs as extension keys */
  context = json_object_get_object_member (statement, "context");
  assert_true (st_is_uuid_v4 (json_object_get_string_member (context, "registration")));
  assert_non_null (json_object_get_string_member (context, "revision"));
  {
    JsonObject *extensions = json_object_get_object_member (context, "extensions");
    g_autoptr(GList) keys = json_object_get_members (extensions);

    for (GList *l = keys; l; l = l->next)
      assert_true (is_iri (l->data));
    assert_string_equal (json_object_get_string_member (extensions, "https://signaal.invalid/xapi/extension/course-version"),
                         json_object_get_string_member (context, "revision"));
  }
  if (json_object_has_member (context, "contextActivities"))
    {
      JsonObject *activities = json_object_get_object_member (context, "contextActivities");
      g_autoptr(GList) kinds = json_object_get_members (activities);

      for (GList *l = kinds; l; l = l->next)
        {
          JsonArray *list = json_object_get_array_member (activities, l->data);

          assert_true (g_str_equal (l->data, "parent") || g_str_equal (l->data, "grouping") ||
                       g_str_equal (l->data, "category") || g_str_equal (l->data, "other"));
          for (guint i = 0; i < json_array_get_length (list); i++)
            assert_true (is_iri (json_object_get_string_member (json_array_get_object_element (list, i), "id")));
        }
    }

  /* timestamp with a time zone */
  assert_true (is_timestamp (json_object_get_string_member (statement, "timestamp")));
}

static JsonArray *
parse_array (JsonParser *parser,
             const char *json)
{
  assert_non_null (json);
  assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  return json_node_get_array (json_parser_get_root (parser));
}

static void
test_xapi_statements (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = sig_store_export_xapi (ctx->store, NULL, &error);
  g_autofree char *again = sig_store_export_xapi (ctx->store, NULL, &error);
  g_autofree char *home_page = g_strconcat ("https://signaal.invalid/installation/", sig_store_get_installation_id (ctx->store), NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) verbs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *statements = parse_array (parser, json);
  gint64 events = st_count (ctx->fixture->db_path, "SELECT count(*) FROM events");
  gint64 finished = st_count (ctx->fixture->db_path, "SELECT count(*) FROM events WHERE kind IN ('passed', 'failed', 'completed')");
  guint interactions_with_pattern = 0;

  /* One statement per event, and one "terminated" after each result. */
  assert_int_equal (json_array_get_length (statements), events + finished);
  for (guint i = 0; i < json_array_get_length (statements); i++)
    {
      JsonObject *statement = json_array_get_object_element (statements, i);
      JsonObject *definition = json_object_get_object_member (json_object_get_object_member (statement, "object"), "definition");

      check_statement (statement, home_page, verbs);
      assert_true (g_hash_table_add (ids, (gpointer) json_object_get_string_member (statement, "id")));
      if (json_object_has_member (definition, "correctResponsesPattern"))
        interactions_with_pattern++;
    }
  assert_true (interactions_with_pattern > 5);
  for (guint i = 0; allowed_verbs[i]; i++)
    if (!g_hash_table_contains (verbs, allowed_verbs[i]))
      fail_msg ("no statement with the verb %s", allowed_verbs[i]);

  /* No names, only the random profile ids. */
  assert_null (strstr (json, "Anna"));
  assert_null (strstr (json, "Bram"));
  assert_non_null (strstr (json, ctx->anna));
  /* The ids are those of the events: the same in every export. */
  assert_string_equal (json, again);

  /* Activity ids are built from course id and version. */
  assert_non_null (strstr (json, "\"https://signaal.invalid/xapi/course/example-salon-basics/1.2.0\""));
  assert_non_null (strstr (json, "\"https://signaal.invalid/xapi/course/example-salon-basics/1.2.0/module/m-see/question/q-tf\""));
  assert_non_null (strstr (json, "\"https://signaal.invalid/xapi/course/example-salon-basics/1.2.0/module/m-act/scenario/example-salon-case/node/n-chair\""));
  /* The xAPI response format */
  assert_non_null (strstr (json, "\"s1[,]s2[,]s3\""));
}

static void
test_xapi_one_profile (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = sig_store_export_xapi (ctx->store, ctx->bram, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *statements = parse_array (parser, json);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM events WHERE profile_id = '%s'", ctx->bram);

  assert_int_equal (json_array_get_length (statements), st_count (ctx->fixture->db_path, sql) + 1);
  assert_null (strstr (json, ctx->anna));
  assert_non_null (strstr (json, "http://adlnet.gov/expapi/verbs/failed"));
  assert_null (strstr (json, "http://adlnet.gov/expapi/verbs/passed"));

  assert_null (sig_store_export_xapi (ctx->store, "00000000-0000-4000-8000-000000000000", &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_FOUND));
}

/* A scenario decision is readable in the LRS: its text as the name, every
 * choice with its text, the recommended ones as correct responses, whether the
 * learner took one, the persona and the signals noticed; the ending carries the
 * debrief's result. */
static void
test_xapi_scenario_decisions (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = sig_store_export_xapi (ctx->store, ctx->anna, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *statements;
  guint decisions = 0, endings = 0;

  assert_non_null (json);
  assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  statements = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (statements); i++)
    {
      JsonObject *statement = json_array_get_object_element (statements, i);
      JsonObject *object = json_object_get_object_member (statement, "object");
      JsonObject *definition = json_object_get_object_member (object, "definition");
      JsonObject *result = json_object_has_member (statement, "result") ? json_object_get_object_member (statement, "result") : NULL;
      JsonObject *extensions = json_object_get_object_member (json_object_get_object_member (statement, "context"), "extensions");
      const char *id = json_object_get_string_member (object, "id");

      if (strstr (id, "/node/") != NULL)
        {
          JsonArray *choices = json_object_get_array_member (definition, "choices");
          JsonArray *correct = json_object_get_array_member (definition, "correctResponsesPattern");
          const char *name = json_object_get_string_member (json_object_get_object_member (definition, "name"), "en");
          const char *response = json_object_get_string_member (result, "response");
          gboolean response_is_a_choice = FALSE;

          decisions++;
          /* the decision's own words, not its id */
          assert_true (strlen (name) > 20);
          assert_null (strstr (id, name));
          assert_string_equal (json_object_get_string_member (definition, "interactionType"), "choice");
          assert_true (json_array_get_length (choices) >= 1);
          for (guint c = 0; c < json_array_get_length (choices); c++)
            {
              JsonObject *choice = json_array_get_object_element (choices, c);
              JsonObject *description = json_object_get_object_member (choice, "description");

              assert_true (strlen (json_object_get_string_member (description, "en")) > 0);
              assert_true (strlen (json_object_get_string_member (description, "nl")) > 0);
              if (g_str_equal (json_object_get_string_member (choice, "id"), response))
                response_is_a_choice = TRUE;
            }
          assert_true (response_is_a_choice);
          assert_true (json_array_get_length (correct) >= 1);
          /* the helper plays the recommended choices */
          assert_true (json_object_get_boolean_member (result, "success"));
          assert_non_null (json_object_get_string_member (extensions, "https://signaal.invalid/xapi/extension/persona"));
          assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (extensions, "https://signaal.invalid/xapi/extension/signals-noticed")));
        }
      else if (g_str_equal (json_object_get_string_member (definition, "type"), "http://adlnet.gov/expapi/activities/simulation") &&
               result != NULL && json_object_has_member (result, "extensions"))
        {
          JsonObject *debrief = json_object_get_object_member (result, "extensions");

          endings++;
          assert_string_equal (json_object_get_string_member (result, "response"),
                               json_object_get_string_member (debrief, "https://signaal.invalid/xapi/extension/ending"));
          assert_true (json_object_get_int_member (debrief, "https://signaal.invalid/xapi/extension/decisions") >= 1);
          assert_int_equal (json_object_get_int_member (debrief, "https://signaal.invalid/xapi/extension/recommended-choices"),
                            json_object_get_int_member (debrief, "https://signaal.invalid/xapi/extension/decisions"));
          assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (debrief, "https://signaal.invalid/xapi/extension/signals-missed")));
        }
    }
  assert_true (decisions >= 2);
  assert_true (endings >= 1);
}

static void
test_csv_report (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = sig_store_export_csv (ctx->store, NULL, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_months (now, 24);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *until = g_date_time_format (later, "%Y-%m-%d");
  g_autofree char *anna_row = NULL;
  g_autofree char *bram_row = NULL;

  assert_non_null (csv);
  anna_row = g_strdup_printf ("\"Jansen, \"\"Anna\"\"\nde Vries\",example-salon-basics,1.2.0,passed,100.0,%s,%s,no\r\n", today, until);
  /* A formula is defused for spreadsheets; the field stays RFC 4180. */
  bram_row = g_strdup ("'=cmd|' /C calc'!A0,example-salon-basics,1.2.0,failed,8.3,,,no\r\n");
  assert_true (g_str_has_prefix (csv, "name,course,version,status,score,completed,valid_until,automated\r\n"));
  if (strstr (csv, anna_row) == NULL || strstr (csv, bram_row) == NULL)
    fail_msg ("unexpected CSV:\n%s", csv);
  /* header + 2 rows, every line ending CRLF */
  {
    guint crlf = 0;

    for (const char *p = csv; (p = strstr (p, "\r\n")) != NULL; p += 2)
      crlf++;
    assert_int_equal (crlf, 3);
  }

  /* One learner only */
  {
    g_autofree char *one = sig_store_export_csv (ctx->store, ctx->bram, &error);

    assert_null (strstr (one, "Anna"));
    assert_non_null (strstr (one, bram_row));
  }
}

static void
test_my_data (void **state)
{
  Ctx *ctx = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = sig_store_export_my_data (ctx->store, ctx->anna, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM events WHERE profile_id = '%s'", ctx->anna);
  g_autofree char *attempts_sql = g_strdup_printf ("SELECT count(*) FROM attempts WHERE profile_id = '%s'", ctx->anna);
  JsonObject *root, *profile;
  JsonArray *events;

  assert_non_null (json);
  assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  profile = json_object_get_object_member (root, "profile");
  assert_string_equal (json_object_get_string_member (profile, "id"), ctx->anna);
  assert_string_equal (json_object_get_string_member (profile, "name"), "Anna");
  assert_string_equal (json_object_get_string_member (profile, "certificate_name"), "Jansen, \"Anna\"\nde Vries");
  assert_string_equal (json_object_get_string_member (profile, "sector"), "hair-beauty");
  events = json_object_get_array_member (root, "events");
  assert_int_equal (json_array_get_length (events), st_count (ctx->fixture->db_path, sql));
  assert_int_equal (json_array_get_length (json_object_get_array_member (root, "attempts")), st_count (ctx->fixture->db_path, attempts_sql));
  assert_int_equal (json_array_get_length (json_object_get_array_member (root, "progress")), 1);
  /* Scenario states and knowledge-check phases are part of it. */
  assert_non_null (strstr (json, "\"scenario_state\""));
  assert_non_null (strstr (json, "\"phase\" : \"pre\""));
  /* Nothing about anyone else. */
  assert_null (strstr (json, ctx->bram));
  assert_null (strstr (json, "Bram"));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_xapi_statements, setup, teardown),
    cmocka_unit_test_setup_teardown (test_xapi_one_profile, setup, teardown),
    cmocka_unit_test_setup_teardown (test_xapi_scenario_decisions, setup, teardown),
    cmocka_unit_test_setup_teardown (test_csv_report, setup, teardown),
    cmocka_unit_test_setup_teardown (test_my_data, setup, teardown),
  };

  st_isolate ();
  return cmocka_run_group_tests (tests, NULL, NULL);
}
