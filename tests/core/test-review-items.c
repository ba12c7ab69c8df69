/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Review items and cards, built from the worked example and small changes to it. */
#include "config.h"

#include "sig-catalog.h"
#include "sig-lint.h"
#include "sig-review-items.h"
#include "sig-test-util.h"

#define COURSE "example-salon-basics"
#define SCENARIO COURSE "/example-salon-case"

typedef struct {
  char *dir;
  char *course;
  char *scenario;
} Fixture;

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);

  f->dir = sig_test_copy_example ();
  f->course = g_build_filename (f->dir, "course.xml", NULL);
  f->scenario = g_build_filename (f->dir, "scenarios", "example-salon-case.xml", NULL);
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;
  g_autofree char *parent = g_path_get_dirname (f->dir);

  sig_test_remove_tree (parent);
  g_free (f->dir);
  g_free (f->course);
  g_free (f->scenario);
  g_free (f);
  return 0;
}

static SigCourse *
load (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  SigCourse *course = sig_loader_load_course (f->dir, &error);

  if (course == NULL)
    fail_msg ("%s", error->message);
  return course;
}

static GPtrArray *
items_of (SigCourse *course)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SigCatalog) catalog = sig_catalog_new ();
  GPtrArray *items = sig_review_items_for_course (course, catalog, &error);

  if (items == NULL)
    fail_msg ("%s", error->message);
  return items;
}

/* The item ids, joined by spaces. */
static char *
ids_of (GPtrArray *items)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    g_string_append_printf (ids, "%s%s", i ? " " : "", ((SigReviewItem *) items->pdata[i])->id);
  return g_string_free (ids, FALSE);
}

static const SigReviewItem *
find_item (GPtrArray  *items,
           const char *id)
{
  for (guint i = 0; i < items->len; i++)
    if (g_str_equal (((SigReviewItem *) items->pdata[i])->id, id))
      return items->pdata[i];
  fail_msg ("no review item %s", id);
  return NULL;
}

static char *
order_of (const SigReviewCard *card)
{
  GString *order = g_string_new (NULL);

  for (guint i = 0; i < card->options->len; i++)
    g_string_append_printf (order, "%s%s", i ? "," : "", ((SigReviewOption *) card->options->pdata[i])->id);
  return g_string_free (order, FALSE);
}

/* Choice and spot-the-signals questions and the decisions on the recommended
 * path become items; the knowledge check, ordering, matching and the
 * decisions off the recommended path do not. */
static void
test_items_of_example (void **state)
{
  g_autoptr(SigCourse) course = load (*state);
  g_autoptr(GPtrArray) items = items_of (course);
  g_autofree char *ids = ids_of (items);
  const SigReviewItem *chair;

  assert_string_equal (ids,
                       COURSE "/q-single " COURSE "/q-multiple " COURSE "/q-tf "
                       COURSE "/q-spot " SCENARIO "/n-chair " SCENARIO "/n-open "
                       COURSE "/q-refresh");
  chair = find_item (items, SCENARIO "/n-chair");
  assert_int_equal (chair->kind, SIG_REVIEW_ITEM_DECISION);
  assert_string_equal (chair->module_id, "m-act");
  assert_int_equal (find_item (items, COURSE "/q-spot")->kind, SIG_REVIEW_ITEM_SIGNAL);
  assert_false (find_item (items, COURSE "/q-tf")->review_only);
}

/* review="false" keeps a question and a decision out; <review> adds review-only questions. */
static void
test_review_false_and_review_only (void **state)
{
  Fixture *f = *state;
  g_autoptr(SigCourse) course = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *ids = NULL;
  const SigReviewItem *extra;

  sig_test_patch_file (f->course, "<question id=\"q-single\" type=\"single\"",
                       "<question id=\"q-single\" review=\"false\" type=\"single\"");
  sig_test_patch_file (f->scenario, "<node id=\"n-open\" speaker=\"persona\">",
                       "<node id=\"n-open\" speaker=\"persona\" review=\"false\">");
  sig_test_patch_file (f->course, "  </module>\n\n  <module id=\"m-act\">",
                       "    <review>\n"
                       "      <question id=\"q-extra\" type=\"multiple\">\n"
                       "        <prompt xml:lang=\"nl\">Welke zijn signalen?</prompt>\n"
                       "        <prompt xml:lang=\"en\">Which are signals?</prompt>\n"
                       "        <option id=\"a\" correct=\"true\"><text xml:lang=\"nl\">Telefoon</text><text xml:lang=\"en\">Phone</text></option>\n"
                       "        <option id=\"b\"><text xml:lang=\"nl\">Weer</text><text xml:lang=\"en\">Weather</text></option>\n"
                       "      </question>\n"
                       "    </review>\n"
                       "  </module>\n\n  <module id=\"m-act\">");
  course = load (f);
  items = items_of (course);
  ids = ids_of (items);
  assert_string_equal (ids,
                       COURSE "/q-multiple " COURSE "/q-tf " COURSE "/q-extra "
                       COURSE "/q-spot " SCENARIO "/n-chair " COURSE "/q-refresh");
  extra = find_item (items, COURSE "/q-extra");
  assert_true (extra->review_only);
  assert_string_equal (extra->module_id, "m-see");
  /* Review-only questions are part of the course, but not of the module's items. */
  assert_non_null (sig_course_find_question (course, "q-extra"));
  assert_int_equal (sig_course_count_questions (course), 7);
}

/* Options are shuffled the same way for the same learner and review, and
 * differently across reviews; true-false keeps its order. */
static void
test_card_shuffle (void **state)
{
  g_autoptr(SigCourse) course = load (*state);
  g_autoptr(GPtrArray) items = items_of (course);
  const SigReviewItem *spot = find_item (items, COURSE "/q-spot");
  g_autoptr(GHashTable) orders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint review = 0; review < 12; review++)
    {
      g_autoptr(SigReviewCard) a = sig_review_card_new (spot, "en", "profile-1", review, NULL);
      g_autoptr(SigReviewCard) b = sig_review_card_new (spot, "en", "profile-1", review, NULL);
      g_autofree char *order_a = order_of (a);
      g_autofree char *order_b = order_of (b);

      assert_string_equal (order_a, order_b);
      assert_int_equal (a->options->len, 3);
      g_hash_table_add (orders, g_steal_pointer (&order_a));
    }
  /* 3 options, 12 reviews: more than one order shows up. */
  assert_true (g_hash_table_size (orders) > 1);

  for (guint review = 0; review < 6; review++)
    {
      g_autoptr(SigReviewCard) tf = sig_review_card_new (find_item (items, COURSE "/q-tf"), "nl", "profile-1", review, NULL);
      g_autofree char *order = order_of (tf);

      assert_string_equal (order, "true,false");
    }
}

static const SigReviewOption *
option (const SigReviewCard *card,
        const char          *id)
{
  for (guint i = 0; i < card->options->len; i++)
    if (g_str_equal (((SigReviewOption *) card->options->pdata[i])->id, id))
      return card->options->pdata[i];
  fail_msg ("no option %s", id);
  return NULL;
}

static void
test_signal_card (void **state)
{
  g_autoptr(SigCourse) course = load (*state);
  g_autoptr(GPtrArray) items = items_of (course);
  g_autoptr(SigReviewCard) card = sig_review_card_new (find_item (items, COURSE "/q-spot"), "en", "p", 0, NULL);
  g_autoptr(SigReviewCard) tf = sig_review_card_new (find_item (items, COURSE "/q-tf"), "en", "p", 0, NULL);
  const char *both[] = { "x1", "x2", NULL };
  const char *one[] = { "x1", NULL };
  const char *one_and_wrong[] = { "x2", "x3", NULL };
  const char *wrong[] = { "x3", NULL };
  const char *yes[] = { "true", NULL };
  const char *no[] = { "false", NULL };

  assert_true (card->several);
  assert_string_equal (card->narrative,
                       "Marieke laughs a lot. She keeps checking her phone and says: "
                       "\"He wants a photo of my hair before I leave.\" She asks about a new hairdryer.");
  assert_string_equal (option (card, "x1")->text, "She keeps checking her phone");
  assert_true (option (card, "x2")->correct);
  assert_false (option (card, "x3")->correct);
  assert_int_equal (sig_review_card_grade (card, both), SIG_REVIEW_RIGHT);
  assert_int_equal (sig_review_card_grade (card, one), SIG_REVIEW_PARTLY);
  assert_int_equal (sig_review_card_grade (card, one_and_wrong), SIG_REVIEW_PARTLY);
  assert_int_equal (sig_review_card_grade (card, wrong), SIG_REVIEW_WRONG);
  assert_int_equal (sig_review_card_grade (card, NULL), SIG_REVIEW_WRONG);

  assert_false (tf->several);
  assert_string_equal (tf->prompt, "A hairdresser may ask Veilig Thuis for advice.");
  assert_string_equal (option (tf, "false")->feedback, "They may: anyone may call, anonymously if they wish.");
  assert_non_null (tf->explanation);
  assert_int_equal (sig_review_card_grade (tf, yes), SIG_REVIEW_RIGHT);
  assert_int_equal (sig_review_card_grade (tf, no), SIG_REVIEW_WRONG);
}

/* A decision card: the story so far rendered for the persona, the choices
 * available there, the recommended one correct. */
static void
test_decision_card (void **state)
{
  g_autoptr(SigCourse) course = load (*state);
  g_autoptr(GPtrArray) items = items_of (course);
  const SigReviewItem *open = find_item (items, SCENARIO "/n-open");
  g_autoptr(SigReviewCard) sanne = sig_review_card_new (open, "en", "p", 0, NULL);
  g_autoptr(SigReviewCard) daan = sig_review_card_new (open, "nl", "p", 0, "daan");
  const char *listen[] = { "c-listen", NULL };
  const char *advise[] = { "c-advise", NULL };

  assert_non_null (sanne);
  assert_string_equal (sanne->prompt, "What do you do now?");
  assert_non_null (strstr (sanne->narrative, "Sanne is in the chair."));
  assert_non_null (strstr (sanne->narrative, "\"He always wants to know where I am."));
  assert_null (strchr (sanne->narrative, '{'));
  assert_int_equal (sanne->options->len, 2);
  assert_true (option (sanne, "c-listen")->correct);
  assert_false (option (sanne, "c-advise")->correct);
  assert_false (sanne->several);
  assert_int_equal (sig_review_card_grade (sanne, listen), SIG_REVIEW_RIGHT);
  assert_int_equal (sig_review_card_grade (sanne, advise), SIG_REVIEW_WRONG);

  assert_non_null (strstr (daan->narrative, "Daan zit in de stoel."));
  assert_string_equal (option (daan, "c-advise")->text, "\"Dan moet je bij hem weg.\"");
}

/* The schema fixture loads: review="false" and a review-only question. */
static void
test_loader_fixture (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (SOURCE_DIR, "tests", "fixtures", "schema", "valid", "review-items.xml", NULL);
  g_autofree char *scenario_path = g_build_filename (SOURCE_DIR, "tests", "fixtures", "schema", "valid", "scenario-review-false.xml", NULL);
  g_autoptr(SigCourse) course = sig_loader_load_course (path, &error);
  g_autoptr(SigScenario) scenario = NULL;
  SigModule *module;

  (void) state;
  if (course == NULL)
    fail_msg ("%s", error->message);
  module = course->modules->pdata[0];
  assert_false (sig_course_find_question (course, "q-asked")->review);
  assert_int_equal (module->review->len, 1);
  assert_string_equal (((SigQuestion *) module->review->pdata[0])->id, "q-review-only");
  assert_true (((SigQuestion *) module->review->pdata[0])->review);
  assert_int_equal (sig_course_count_questions (course), 1);

  scenario = sig_loader_load_scenario (scenario_path, &error);
  if (scenario == NULL)
    fail_msg ("%s", error->message);
  assert_false (sig_scenario_find_node (scenario, "n-start")->review);
}

/* <review> holds questions only, and is not empty. */
static void
test_review_element_errors (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigCourse) course = NULL;

  sig_test_patch_file (f->course, "  </module>\n\n  <module id=\"m-act\">",
                       "    <review>\n    </review>\n  </module>\n\n  <module id=\"m-act\">");
  course = sig_loader_load_course (f->dir, &error);
  assert_null (course);
  sig_test_assert_error_at (error, SIG_LOADER_ERROR_SCHEMA, f->course, sig_test_line_of (f->course, "<review>"));

  g_clear_error (&error);
  sig_test_patch_file (f->course, "    <review>\n    </review>\n",
                       "    <review>\n      <page id=\"p-x\"/>\n    </review>\n");
  course = sig_loader_load_course (f->dir, &error);
  assert_null (course);
  sig_test_assert_error_at (error, SIG_LOADER_ERROR_SCHEMA, f->course, sig_test_line_of (f->course, "<page id=\"p-x\""));
}

static GPtrArray *
lint (Fixture *f)
{
  g_autoptr(SigCourse) course = load (f);
  g_autoptr(SigCatalog) catalog = sig_catalog_new ();

  return sig_lint_course (course, catalog, NULL);
}

/* Lint: a review-only question without a correct answer, one that review
 * cannot ask, and review="false" inside <review>. */
static void
test_lint_review_only (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) diagnostics = NULL;

  sig_test_patch_file (f->course, "  </module>\n\n  <module id=\"m-act\">",
                       "    <review>\n"
                       "      <question id=\"q-none\" type=\"single\">\n"
                       "        <prompt xml:lang=\"nl\">Welke?</prompt>\n"
                       "        <prompt xml:lang=\"en\">Which?</prompt>\n"
                       "        <option id=\"a\"><text xml:lang=\"nl\">A</text><text xml:lang=\"en\">A</text></option>\n"
                       "        <option id=\"b\"><text xml:lang=\"nl\">B</text><text xml:lang=\"en\">B</text></option>\n"
                       "      </question>\n"
                       "      <question id=\"q-off\" type=\"true-false\" answer=\"true\" review=\"false\">\n"
                       "        <prompt xml:lang=\"nl\">Waar?</prompt>\n"
                       "        <prompt xml:lang=\"en\">True?</prompt>\n"
                       "      </question>\n"
                       "      <question id=\"q-sort\" type=\"ordering\">\n"
                       "        <prompt xml:lang=\"nl\">Volgorde</prompt>\n"
                       "        <prompt xml:lang=\"en\">Order</prompt>\n"
                       "        <item id=\"a\"><text xml:lang=\"nl\">A</text><text xml:lang=\"en\">A</text></item>\n"
                       "        <item id=\"b\"><text xml:lang=\"nl\">B</text><text xml:lang=\"en\">B</text></item>\n"
                       "      </question>\n"
                       "    </review>\n"
                       "  </module>\n\n  <module id=\"m-act\">");
  diagnostics = lint (f);
  sig_test_assert_diagnostic (diagnostics, "“q-none” has no correct answer", sig_test_line_of (f->course, "id=\"q-none\""));
  sig_test_assert_diagnostic (diagnostics, "“q-off” is in <review> but has review=\"false\"", sig_test_line_of (f->course, "id=\"q-off\""));
  sig_test_assert_diagnostic (diagnostics, "“q-sort” is in <review>, but review asks only", sig_test_line_of (f->course, "id=\"q-sort\""));
}

/* Lint: review="false" on a node without a decision. */
static void
test_lint_review_false_on_step (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigScenario) scenario = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;

  sig_test_patch_file (f->scenario, "<node id=\"n-advice\" speaker=\"you\">",
                       "<node id=\"n-advice\" speaker=\"you\" review=\"false\">");
  scenario = sig_loader_load_scenario (f->scenario, &error);
  if (scenario == NULL)
    fail_msg ("%s", error->message);
  diagnostics = sig_lint_scenario (scenario, NULL);
  sig_test_assert_diagnostic (diagnostics, "“n-advice” has review=\"false\" but no <choice>",
                              sig_test_line_of (f->scenario, "id=\"n-advice\""));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_items_of_example, setup, teardown),
    cmocka_unit_test_setup_teardown (test_review_false_and_review_only, setup, teardown),
    cmocka_unit_test_setup_teardown (test_card_shuffle, setup, teardown),
    cmocka_unit_test_setup_teardown (test_signal_card, setup, teardown),
    cmocka_unit_test_setup_teardown (test_decision_card, setup, teardown),
    cmocka_unit_test (test_loader_fixture),
    cmocka_unit_test_setup_teardown (test_review_element_errors, setup, teardown),
    cmocka_unit_test_setup_teardown (test_lint_review_only, setup, teardown),
    cmocka_unit_test_setup_teardown (test_lint_review_false_on_step, setup, teardown),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
