/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The scenario engine and its conditions. */
#include "config.h"

#include <string.h>

#include "sig-condition.h"
#include "sig-course-private.h"
#include "sig-engine.h"
#include "sig-lint.h"
#include "sig-test-util.h"

static int
setup (void **state)
{
  g_autofree char *dir = sig_test_example_dir ();
  g_autofree char *path = g_build_filename (dir, "scenarios", "example-salon-case.xml", NULL);

  *state = sig_loader_load_scenario (path, NULL);
  return *state == NULL ? -1 : 0;
}

static int
teardown (void **state)
{
  sig_scenario_unref (*state);
  return 0;
}

static void
choose (SigEngine  *engine,
        const char *id)
{
  g_autoptr(GError) error = NULL;

  if (!sig_engine_choose (engine, id, &error))
    fail_msg ("%s: %s", id, error->message);
}

static void
test_recommended_path (void **state)
{
  g_autoptr(SigEngine) engine = sig_engine_new (*state, NULL, NULL);
  const GPtrArray *steps;

  assert_int_equal (sig_engine_get_status (engine), SIG_ENGINE_AT_DECISION);
  assert_string_equal (sig_engine_get_node (engine)->id, "n-chair");
  assert_true (sig_engine_get_value (engine, "trust") == 1);
  choose (engine, "c-ask");
  assert_true (sig_engine_get_value (engine, "trust") == 2);
  assert_true (sig_engine_get_value (engine, "asked") == 1);
  assert_true (sig_engine_has_noticed (engine, "sig-phone"));
  assert_string_equal (sig_engine_get_node (engine)->id, "n-open");
  choose (engine, "c-listen");
  /* n-advice has only automatic steps: with asked and trust 4 it goes to end-good */
  assert_int_equal (sig_engine_get_status (engine), SIG_ENGINE_ENDED);
  assert_string_equal (sig_engine_get_ending (engine)->id, "end-good");
  assert_true (sig_engine_has_noticed (engine, "sig-money"));
  /* the automatic step through n-advice is part of the story */
  assert_int_equal (sig_engine_get_passed_nodes (engine)->len, 1);
  assert_string_equal (((SigNode *) sig_engine_get_passed_nodes (engine)->pdata[0])->id, "n-advice");
  steps = sig_engine_get_steps (engine);
  assert_int_equal (steps->len, 2);
  /* The yardstick for "decision N of about M": the same from any point. */
  assert_int_equal (sig_engine_recommended_decisions (engine), 2);
  assert_true (((SigEngineStep *) steps->pdata[0])->was_recommended);
  assert_int_equal (((SigEngineStep *) steps->pdata[1])->choice->meldcode_step, 3);
}

static void
test_conditions_hide_choices (void **state)
{
  g_autoptr(SigEngine) engine = sig_engine_new (*state, NULL, NULL);
  g_autoptr(GPtrArray) choices = NULL;

  choose (engine, "c-ask");
  /* trust is 2: "trust < 3" holds, so c-advise is offered */
  choices = sig_engine_get_choices (engine);
  assert_int_equal (choices->len, 2);
  g_clear_pointer (&choices, g_ptr_array_unref);
  choose (engine, "c-advise");
  assert_string_equal (sig_engine_get_ending (engine)->id, "end-mixed");
  assert_false (sig_engine_choose (engine, "c-listen", NULL));
}

static void
test_missed_path_and_debrief (void **state)
{
  g_autoptr(SigEngine) engine = sig_engine_new (*state, "daan", NULL);
  const SigEngineStep *step;

  choose (engine, "c-chat");
  choose (engine, "c-ignore");
  assert_string_equal (sig_engine_get_ending (engine)->id, "end-missed");
  step = sig_engine_get_steps (engine)->pdata[0];
  assert_false (step->was_recommended);
  assert_non_null (step->recommended);
  assert_string_equal (step->recommended->id, "c-ask");
  assert_false (sig_engine_has_noticed (engine, "sig-phone"));
}

static void
test_unknown_choice_is_refused (void **state)
{
  g_autoptr(SigEngine) engine = sig_engine_new (*state, NULL, NULL);
  g_autoptr(GError) error = NULL;

  assert_false (sig_engine_choose (engine, "c-listen", &error));
  assert_non_null (error);
  assert_string_equal (sig_engine_get_node (engine)->id, "n-chair");
  assert_null (sig_engine_new (*state, "nobody", NULL));
}

static void
test_render_persona (void **state)
{
  g_autoptr(SigEngine) sanne = sig_engine_new (*state, "sanne", NULL);
  g_autoptr(SigEngine) daan = sig_engine_new (*state, "daan", NULL);
  const SigNode *node = sig_engine_get_node (sanne);
  g_autofree char *nl = sig_engine_render (sanne, node->text, "nl");
  g_autofree char *en = sig_engine_render (daan, node->text, "en");

  assert_string_equal (nl, "Sanne zit in de stoel. Ze kijkt steeds op haar telefoon.");
  assert_string_equal (en, "Daan is in the chair. He keeps checking his phone.");
}

static void
test_render_capitalises_sentence_starts (void **state)
{
  SigPersona *persona = g_new0 (SigPersona, 1);
  SigText *she = sig_text_new ();
  SigText *her = sig_text_new ();
  static const struct {
    const char *lang, *template_text, *expected;
  } cases[] = {
    { "en", "{subject} waits.", "She waits." },
    { "en", "In the chair. {subject} waits.", "In the chair. She waits." },
    { "en", "Stop! {subject} flinches. Why? {subject} shrugs.", "Stop! She flinches. Why? She shrugs." },
    { "en", "\"Fine,\" {subject} says.", "\"Fine,\" she says." },
    { "en", "\"Fine.\" {subject} looks away.", "\"Fine.\" She looks away." },
    { "en", "He asks: \u201c{subject}?\u201d", "He asks: \u201cshe?\u201d" },
    { "en", "It is late. \u201c{subject} is fine,\u201d he says.", "It is late. \u201cShe is fine,\u201d he says." },
    { "en", "The first line\n{subject} is the second.", "The first line\nShe is the second." },
    { "en", "Ask about it, e.g. {subject} could say no.", "Ask about it, e.g. she could say no." },
    { "en", "Call Dr. {name} and {object}.", "Call Dr. Sanne and her." },
    { "en", "Wait\u2026 {subject} nods.", "Wait\u2026 She nods." },
    { "en", "Version 2.{subject}", "Version 2.she" },
    { "nl", "Ze zit in de stoel. {subject} kijkt op.", "Ze zit in de stoel. Zij kijkt op." },
    { "nl", "Vraag het, bijv. {subject} wil praten.", "Vraag het, bijv. zij wil praten." },
    { "nl", "Vraag het, d.w.z. {subject} wil praten.", "Vraag het, d.w.z. zij wil praten." },
    { "nl", "'Nee.' {subject} staat op.", "'Nee.' Zij staat op." },
  };

  persona->id = g_strdup ("p");
  persona->name = g_strdup ("Sanne");
  persona->pronouns = sig_text_new ();
  persona->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) sig_text_free);
  sig_text_set (she, "en", "she");
  sig_text_set (she, "nl", "zij");
  sig_text_set (her, "en", "her");
  sig_text_set (her, "nl", "haar");
  g_hash_table_insert (persona->words, g_strdup ("subject"), she);
  g_hash_table_insert (persona->words, g_strdup ("object"), her);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = sig_persona_render (persona, cases[i].template_text, cases[i].lang, NULL);

      if (g_strcmp0 (out, cases[i].expected) != 0)
        fail_msg ("%s: \"%s\" gave \"%s\", not \"%s\"", cases[i].lang,
                  cases[i].template_text, out, cases[i].expected);
    }
  sig_persona_free (persona);
  (void) state;
}

static void
test_serialize_resume (void **state)
{
  g_autoptr(SigEngine) engine = sig_engine_new (*state, "daan", NULL);
  g_autoptr(SigEngine) resumed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *key1 = NULL;
  g_autofree char *key2 = NULL;

  choose (engine, "c-ask");
  json = sig_engine_serialize (engine);
  resumed = sig_engine_deserialize (*state, json, &error);
  if (resumed == NULL)
    fail_msg ("%s", error->message);
  key1 = sig_engine_state_key (engine);
  key2 = sig_engine_state_key (resumed);
  assert_string_equal (key1, key2);
  assert_string_equal (sig_engine_get_persona (resumed)->id, "daan");
  assert_int_equal (sig_engine_get_steps (resumed)->len, 1);
  /* deterministic: the same choice leads to the same state in both */
  choose (engine, "c-listen");
  choose (resumed, "c-listen");
  g_free (key1);
  g_free (key2);
  key1 = sig_engine_state_key (engine);
  key2 = sig_engine_state_key (resumed);
  assert_string_equal (key1, key2);
}

static void
test_resume_refuses_other_state (void **state)
{
  g_autoptr(GError) error = NULL;

  assert_null (sig_engine_deserialize (*state, "{\"scenario\":\"other\",\"choices\":[]}", &error));
  assert_non_null (error);
  g_clear_error (&error);
  assert_null (sig_engine_deserialize (*state, "{\"scenario\":\"example-salon-case\",\"choices\":[\"c-nope\"]}", &error));
  assert_non_null (error);
  g_clear_error (&error);
  assert_null (sig_engine_deserialize (*state, "not json", &error));
  assert_non_null (error);
}

static void
test_explore_example (void **state)
{
  g_autoptr(SigExploration) exploration = sig_scenario_explore (*state, "sanne");

  assert_int_equal (g_hash_table_size (exploration->endings), 3);
  assert_int_equal (exploration->stuck->len, 0);
  assert_int_equal (exploration->no_exit->len, 0);
  assert_false (exploration->truncated);
}

static gboolean
lookup (const char *name,
        double     *value,
        gpointer    user_data)
{
  GHashTable *values = user_data;
  double *found = g_hash_table_lookup (values, name);

  if (found == NULL)
    return FALSE;
  *value = *found;
  return TRUE;
}

static gboolean
eval (const char *source,
      GHashTable *values)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SigCondition) condition = sig_condition_parse (source, &error);

  if (condition == NULL)
    fail_msg ("%s: %s", source, error->message);
  return sig_condition_eval (condition, lookup, values);
}

static void
test_conditions (void **state)
{
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  double risk = 3, asked = 1, zero = 0;

  g_hash_table_insert (values, "risk", &risk);
  g_hash_table_insert (values, "asked", &asked);
  g_hash_table_insert (values, "off", &zero);
  assert_true (eval ("risk >= 3", values));
  assert_false (eval ("risk > 3", values));
  assert_true (eval ("risk == 3 and asked", values));
  assert_false (eval ("risk < 3 and asked", values));
  assert_true (eval ("risk < 3 or asked", values));
  assert_true (eval ("not off", values));
  assert_false (eval ("off", values));
  assert_true (eval ("asked == true", values));
  assert_true (eval ("risk != -1.5", values));
  /* "and" binds tighter than "or" */
  assert_true (eval ("off and off or asked", values));
  assert_false (eval ("off and asked or off", values));
  assert_null (sig_condition_parse ("risk >", NULL));
  assert_null (sig_condition_parse (">= 3", NULL));
  assert_null (sig_condition_parse ("risk >= 3 and", NULL));
  assert_null (sig_condition_parse ("risk = 3", NULL));
}

/* A saved state someone edited is refused with a message that says what is
 * wrong with it (never "(null)"), and without a GLib critical (fatal here). */
static void
test_resume_refuses_tampered_state (void **state)
{
  static const struct {
    const char *json;
    const char *names;
  } cases[] = {
    { "{\"scenario\":\"example-salon-case\",\"choices\":\"c-ask\"}", "“choices” is not a list" },
    { "{\"scenario\":\"example-salon-case\",\"choices\":{\"0\":\"c-ask\"}}", "“choices” is not a list" },
    { "{\"scenario\":\"example-salon-case\",\"choices\":[\"c-ask\",7]}", "entry 2 of “choices” is not a text" },
    { "{\"scenario\":\"example-salon-case\",\"choices\":[null]}", "entry 1 of “choices” is not a text" },
    { "{\"scenario\":\"example-salon-case\",\"choices\":[[\"c-ask\"]]}", "entry 1 of “choices” is not a text" },
    { "{\"scenario\":\"example-salon-case\",\"persona\":3}", "“persona” is not a text" },
    { "{\"scenario\":\"example-salon-case\",\"persona\":\"nobody\"}", "no persona “nobody”" },
    { "{\"scenario\":\"example-salon-case\",\"choices\":[],\"position\":false}", "“position” is not a text" },
    { "{\"scenario\":[\"example-salon-case\"]}", "“scenario” is not a text" },
    { "{\"scenario\":\"example-salon-case\",\"choices\":[\"c-nope\"]}", "“c-nope” is not one of the choices" },
    { "[\"example-salon-case\"]", "not a JSON object" },
    { "", "not a JSON object" },
    { "{\"scenario\":", "not JSON" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SigEngine) engine = sig_engine_deserialize (*state, cases[i].json, &error);

      if (engine != NULL)
        fail_msg ("accepted %s", cases[i].json);
      assert_non_null (error);
      if (strstr (error->message, cases[i].names) == NULL)
        fail_msg ("%s: the message “%s” does not say “%s”", cases[i].json, error->message, cases[i].names);
      assert_null (strstr (error->message, "(null)"));
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_recommended_path),
    cmocka_unit_test (test_conditions_hide_choices),
    cmocka_unit_test (test_missed_path_and_debrief),
    cmocka_unit_test (test_unknown_choice_is_refused),
    cmocka_unit_test (test_render_persona),
    cmocka_unit_test (test_render_capitalises_sentence_starts),
    cmocka_unit_test (test_serialize_resume),
    cmocka_unit_test (test_resume_refuses_other_state),
    cmocka_unit_test (test_resume_refuses_tampered_state),
    cmocka_unit_test (test_explore_example),
    cmocka_unit_test (test_conditions),
  };

  return cmocka_run_group_tests (tests, setup, teardown);
}
