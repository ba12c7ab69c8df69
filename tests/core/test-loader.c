/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The model the loader builds from the worked example, and packing. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sig-catalog.h"
#include "sig-diagnostic.h"
#include "sig-package.h"
#include "sig-test-util.h"

static SigCourse *
load_example (void)
{
  g_autofree char *dir = sig_test_example_dir ();
  g_autoptr(GError) error = NULL;
  SigCourse *course = sig_loader_load_course (dir, &error);

  if (course == NULL)
    fail_msg ("%s", error->message);
  return course;
}

static void
test_course_metadata (void **state)
{
  g_autoptr(SigCourse) course = load_example ();

  assert_string_equal (course->id, "example-salon-basics");
  assert_string_equal (course->version, "1.2.0");
  assert_int_equal (g_strv_length (course->languages), 2);
  assert_string_equal (sig_text_get (course->title, "nl"), "Signaleren in de salon: de basis");
  assert_string_equal (sig_text_get (course->title, "en"), "Noticing in the salon: the basics");
  /* a language the course does not have falls back to English */
  assert_string_equal (sig_text_get (course->title, "de"), "Noticing in the salon: the basics");
  assert_string_equal (sig_text_get (course->publisher_name, "en"), "Example Hairdressers' Association");
  assert_string_equal (course->publisher_logo, "media/logo.png");
  assert_true (g_strv_contains ((const char * const *) course->sectors, "hair-beauty"));
  assert_true (g_strv_contains ((const char * const *) course->themes, "coercive-control"));
  assert_int_equal (course->minutes, 20);
  assert_int_equal (course->accreditation_points, 1);
  assert_int_equal (course->pass_mark, 70);
  assert_int_equal (course->validity_months, 24);
  assert_string_equal (course->refresher_module, "m-refresh");
  assert_int_equal (course->objectives->len, 2);
  assert_int_equal (course->sources->len, 2);
  assert_int_equal (course->warnings->len, 1);
  assert_int_equal (course->knowledge_check->len, 1);
  assert_false (course->packed);
}

static void
test_course_structure (void **state)
{
  g_autoptr(SigCourse) course = load_example ();
  g_autoptr(GPtrArray) refs = sig_course_scenario_refs (course);
  SigModule *module;
  SigModuleItem *item;
  SigPage *page;
  SigBody *body;
  SigBlock *block;

  assert_int_equal (course->modules->len, 3);
  module = course->modules->pdata[0];
  assert_string_equal (module->id, "m-see");
  assert_true (module->required);
  assert_false (((SigModule *) course->modules->pdata[2])->required);
  assert_int_equal (sig_course_count_pages (course), 2);
  assert_int_equal (sig_course_count_questions (course), 7);
  /* required modules: 2 + 2 + 1 + 3 + 2 + 2 points; the refresher does not count */
  assert_int_equal (sig_course_required_points (course), 12);
  assert_int_equal (refs->len, 1);
  assert_string_equal (refs->pdata[0], "example-salon-case");

  item = module->items->pdata[0];
  assert_int_equal (item->kind, SIG_ITEM_PAGE);
  page = item->page;
  assert_int_equal (page->bodies->len, 2);
  body = page->bodies->pdata[1];
  assert_string_equal (body->lang, "en");
  block = body->blocks->pdata[0];
  assert_int_equal (block->kind, SIG_BLOCK_HEADING);
  block = body->blocks->pdata[1];
  assert_int_equal (block->kind, SIG_BLOCK_PARAGRAPH);
  {
    g_autofree char *plain = sig_inlines_to_plain (block->inlines);
    SigInline *emphasis = block->inlines->pdata[1];
    SigInline *cite = block->inlines->pdata[block->inlines->len - 1];

    assert_string_equal (plain, "Abuse often begins with ignoring or jealousy, and grows into control and intimidation.");
    assert_int_equal (emphasis->kind, SIG_INLINE_EMPHASIS);
    assert_string_equal (emphasis->text, "ignoring");
    assert_int_equal (cite->kind, SIG_INLINE_CITE);
    assert_string_equal (cite->ref, "src-policy");
  }
  assert_int_equal (((SigBlock *) body->blocks->pdata[2])->kind, SIG_BLOCK_LIST);
  assert_int_equal (((SigBlock *) body->blocks->pdata[2])->items->len, 2);
  assert_int_equal (((SigBlock *) body->blocks->pdata[3])->kind, SIG_BLOCK_CALLOUT);
  assert_string_equal (((SigBlock *) body->blocks->pdata[3])->callout_kind, "tip");
  assert_int_equal (((SigBlock *) body->blocks->pdata[4])->kind, SIG_BLOCK_IMAGE);
  assert_string_equal (((SigBlock *) body->blocks->pdata[4])->src, "media/salon.png");
  assert_int_equal (((SigBlock *) body->blocks->pdata[5])->kind, SIG_BLOCK_HELPLINE);
  assert_string_equal (((SigBlock *) body->blocks->pdata[5])->ref, "veilig-thuis");
}

static void
test_question_types (void **state)
{
  g_autoptr(SigCourse) course = load_example ();
  SigQuestion *q;

  q = sig_course_find_question (course, "q-single");
  assert_int_equal (q->type, SIG_QUESTION_SINGLE);
  assert_int_equal (q->points, 2);
  assert_string_equal (q->objectives[0], "obj-refer");
  assert_int_equal (q->options->len, 2);
  assert_true (((SigOption *) q->options->pdata[0])->correct);
  assert_string_equal (sig_text_get (((SigOption *) q->options->pdata[1])->feedback, "en"),
                       "You call 112 in immediate danger, but nothing here says so.");

  q = sig_course_find_question (course, "q-tf");
  assert_int_equal (q->type, SIG_QUESTION_TRUE_FALSE);
  assert_string_equal (((SigOption *) q->options->pdata[0])->id, "true");
  assert_true (((SigOption *) q->options->pdata[0])->correct);
  assert_false (((SigOption *) q->options->pdata[1])->correct);
  assert_string_equal (sig_text_get (((SigOption *) q->options->pdata[1])->feedback, "nl"),
                       "Toch wel: iedereen mag bellen, ook anoniem.");

  q = sig_course_find_question (course, "q-order");
  assert_int_equal (q->type, SIG_QUESTION_ORDERING);
  assert_int_equal (q->options->len, 3);
  assert_string_equal (((SigOption *) q->options->pdata[2])->id, "s3");

  q = sig_course_find_question (course, "q-match");
  assert_int_equal (q->type, SIG_QUESTION_MATCHING);
  assert_int_equal (q->pairs->len, 2);
  assert_string_equal (sig_text_get (((SigPair *) q->pairs->pdata[1])->right, "en"), "Veilig Thuis, 0800-2000");

  q = sig_course_find_question (course, "q-spot");
  assert_int_equal (q->type, SIG_QUESTION_SPOT_SIGNALS);
  assert_int_equal (q->spans->len, 3);
  assert_int_equal (q->passages->len, 2);
  assert_true (((SigSpan *) q->spans->pdata[0])->signal);
  assert_false (((SigSpan *) q->spans->pdata[2])->signal);
  assert_string_equal (sig_text_get (((SigSpan *) q->spans->pdata[0])->text, "en"), "She keeps checking her phone");
  assert_non_null (((SigSpan *) q->spans->pdata[0])->feedback);
  assert_null (((SigSpan *) q->spans->pdata[1])->feedback);

  q = sig_course_find_question (course, "kc-1");
  assert_non_null (q);
  assert_ptr_equal (q, course->knowledge_check->pdata[0]);
}

static void
test_scenario_model (void **state)
{
  g_autofree char *dir = sig_test_example_dir ();
  g_autofree char *path = g_build_filename (dir, "scenarios", "example-salon-case.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigScenario) scenario = sig_loader_load_scenario (path, &error);
  SigNode *node;
  SigChoice *choice;
  SigPersona *persona;

  assert_non_null (scenario);
  assert_string_equal (scenario->id, "example-salon-case");
  assert_string_equal (scenario->start, "n-chair");
  assert_int_equal (scenario->personas->len, 2);
  assert_int_equal (scenario->nodes->len, 5);
  assert_int_equal (scenario->endings->len, 3);
  assert_int_equal (sig_scenario_count_decisions (scenario), 4);
  persona = sig_scenario_find_persona (scenario, "daan");
  assert_string_equal (persona->name, "Daan");
  assert_string_equal (sig_text_get (g_hash_table_lookup (persona->words, "obj"), "nl"), "hem");
  node = sig_scenario_find_node (scenario, "n-chair");
  choice = node->choices->pdata[0];
  assert_true (choice->recommended);
  assert_int_equal (choice->meldcode_step, 1);
  assert_int_equal (choice->effects->len, 2);
  assert_string_equal (choice->notices[0], "sig-phone");
  node = sig_scenario_find_node (scenario, "n-open");
  assert_string_equal (((SigChoice *) node->choices->pdata[1])->condition_source, "trust < 3");
  node = sig_scenario_find_node (scenario, "n-advice");
  assert_int_equal (node->transitions->len, 2);
  assert_true (sig_scenario_find_variable (scenario, "trust")->visible);
  assert_true (sig_scenario_find_variable (scenario, "asked")->is_flag);
}

static void
test_pack_round_trip (void **state)
{
  g_autofree char *copy = sig_test_copy_example ();
  g_autofree char *parent = g_path_get_dirname (copy);
  g_autofree char *output = g_build_filename (parent, "example.signaal", NULL);
  g_autoptr(SigCatalog) catalog = sig_catalog_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SigCourse) packed = NULL;
  g_autofree char *logo = NULL;
  GBytes *bytes;
  gsize len;

  if (!sig_package_pack (copy, output, catalog, &error))
    fail_msg ("%s", error->message);
  /* the package stands on its own: remove the authoring folder */
  sig_test_remove_tree (copy);
  packed = sig_loader_load_course (output, &error);
  if (packed == NULL)
    fail_msg ("%s", error->message);
  assert_true (packed->packed);
  assert_null (packed->base_dir);
  assert_non_null (sig_course_find_scenario (packed, "example-salon-case"));
  assert_int_equal (g_hash_table_size (packed->media), 2);
  bytes = g_hash_table_lookup (packed->media, "media/logo.png");
  assert_non_null (bytes);
  {
    g_autofree char *original_path = NULL;
    g_autofree char *example = sig_test_example_dir ();

    original_path = g_build_filename (example, "media", "logo.png", NULL);
    assert_true (g_file_get_contents (original_path, &logo, &len, NULL));
    assert_int_equal (g_bytes_get_size (bytes), len);
    assert_memory_equal (g_bytes_get_data (bytes, NULL), logo, len);
  }
  sig_test_remove_tree (parent);
}

static void
test_pack_refuses_missing_scenario (void **state)
{
  g_autofree char *copy = sig_test_copy_example ();
  g_autofree char *parent = g_path_get_dirname (copy);
  g_autofree char *scenario = g_build_filename (copy, "scenarios", "example-salon-case.xml", NULL);
  g_autofree char *output = g_build_filename (parent, "example.signaal", NULL);
  g_autoptr(SigCatalog) catalog = sig_catalog_new ();
  g_autoptr(GError) error = NULL;

  g_setenv ("SIGNAAL_DATA_DIR", parent, TRUE);   /* no bundled scenarios to fall back on */
  assert_int_equal (g_remove (scenario), 0);
  assert_false (sig_package_pack (copy, output, catalog, &error));
  assert_non_null (strstr (error->message, "example-salon-case"));
  assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  sig_test_remove_tree (parent);
}

/* points="1.5": the guide and the schema allow decimals (issue 10, item 1). */
static void
test_decimal_accreditation_points (void **state)
{
  g_autofree char *dir = sig_test_copy_example ();
  g_autofree char *path = g_build_filename (dir, "course.xml", NULL);
  g_autofree char *rich = g_build_filename (SOURCE_DIR, "tests", "fixtures", "schema", "valid", "rich-text.xml", NULL);
  const char *refused[] = { "1.5.2", "-1", "1e3", "1001", ".", "1,5", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(SigCourse) course = NULL;
  g_autoptr(SigCourse) rich_course = NULL;
  guint line = sig_test_line_of (path, "<accreditation");

  sig_test_patch_file (path, "<accreditation points=\"1\">", "<accreditation points=\"1.5\">");
  course = sig_loader_load_course (dir, &error);
  if (course == NULL)
    fail_msg ("%s", error->message);
  assert_true (course->accreditation_points == 1.5);
  rich_course = sig_loader_load_course (rich, &error);
  if (rich_course == NULL)
    fail_msg ("%s", error->message);
  assert_true (rich_course->accreditation_points == 1.5);

  for (guint i = 0; refused[i] != NULL; i++)
    {
      g_autofree char *old_attr = g_strdup_printf ("<accreditation points=\"%s\">", i == 0 ? "1.5" : refused[i - 1]);
      g_autofree char *new_attr = g_strdup_printf ("<accreditation points=\"%s\">", refused[i]);
      g_autoptr(SigCourse) bad = NULL;
      g_autoptr(GError) bad_error = NULL;

      sig_test_patch_file (path, old_attr, new_attr);
      bad = sig_loader_load_course (dir, &bad_error);
      assert_null (bad);
      assert_non_null (bad_error);
      sig_test_assert_error_at (bad_error, bad_error->code, path, line);
      assert_non_null (strstr (bad_error->message, refused[i]));
    }
  sig_test_remove_tree (dir);
}

/* A wrong attribute value names the value and what is allowed; a repeated
 * language says where the other one is; every message has a column when the
 * line tells the element apart (issue 10, items 11 and 12). */
static void
test_value_messages_and_columns (void **state)
{
  struct {
    const char *old_text;
    const char *new_text;
    const char *needle;
    const char *message;
  } cases[] = {
    { "<module id=\"m-see\">", "<module id=\"m-see\" required=\"no\">", "<module id=\"m-see\"",
      "<module required=\"no\">: the value must be true or false." },
    { "<title xml:lang=\"en\">Noticing", "<title xml:lang=\"EN\">Noticing", "<title xml:lang=\"EN\">Noticing",
      "<title xml:lang=\"EN\">: a language is written in lowercase letters" },
    { "<title xml:lang=\"en\">Noticing", "<title xml:lang=\"nl\">Noticing", "<title xml:lang=\"nl\">Noticing",
      "There are two <title> elements with xml:lang=\"nl\" here (the other on line" },
    { "<logo src=\"media/logo.png\"/>", "<logo src=\"media/logo.jpg\"/>", "<logo src=",
      "must be a PNG picture" },
    /* an attribute of another element says where it belongs */
    { "<module id=\"m-see\">", "<module id=\"m-see\" recommended=\"true\">", "<module id=\"m-see\"",
      "“recommended” is not an attribute of <module>; it belongs on <choice>." },
    /* found after reading: the column of the element that refers */
    { "anyone may do that.<cite ref=\"src-vt\"/>", "anyone may do that.<cite ref=\"src-vx\"/>", "<cite ref=\"src-vx\"",
      "The source “src-vx” does not exist in this file." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = sig_test_copy_example ();
      g_autofree char *path = g_build_filename (dir, "course.xml", NULL);
      g_autofree char *contents = NULL;
      g_autofree char *prefix = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(SigCourse) course = NULL;
      const char *line_start, *found;
      guint line, column;

      sig_test_patch_file (path, cases[i].old_text, cases[i].new_text);
      line = sig_test_line_of (path, cases[i].needle);
      assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      found = strstr (contents, cases[i].needle);
      for (line_start = found; line_start > contents && line_start[-1] != '\n'; line_start--)
        ;
      column = (guint) g_utf8_strlen (line_start, found - line_start) + 1;

      course = sig_loader_load_course (dir, &error);
      assert_null (course);
      if (strstr (error->message, cases[i].message) == NULL)
        fail_msg ("case %u: %s", i, error->message);
      prefix = g_strdup_printf ("%s:%u:%u: error: ", path, line, column);
      if (!g_str_has_prefix (error->message, prefix))
        fail_msg ("case %u: no %s in %s", i, prefix, error->message);
      sig_test_remove_tree (dir);
    }
}

/* Columns count characters from 1; a line with two tags of the name gives none. */
static void
test_column_of_element (void **state)
{
  const char *text = "<a>\n  <!-- é --><b x=\"1\"/>\n<b/><b/>\n";

  assert_int_equal (sig_column_of_element (text, strlen (text), 1, "a"), 1);
  assert_int_equal (sig_column_of_element (text, strlen (text), 2, "b"), 13);
  assert_int_equal (sig_column_of_element (text, strlen (text), 3, "b"), 0);
  assert_int_equal (sig_column_of_element (text, strlen (text), 2, "a"), 0);
  assert_int_equal (sig_column_of_element (text, strlen (text), 9, "a"), 0);
}

static void
test_media_path_rules (void **state)
{
  assert_true (sig_loader_media_path_is_safe ("media/a.png"));
  assert_true (sig_loader_media_path_is_safe ("media/sub/a.png"));
  assert_false (sig_loader_media_path_is_safe ("../a.png"));
  assert_false (sig_loader_media_path_is_safe ("media/../../a.png"));
  assert_false (sig_loader_media_path_is_safe ("/etc/passwd"));
  assert_false (sig_loader_media_path_is_safe ("media\\a.png"));
  assert_false (sig_loader_media_path_is_safe ("C:/a.png"));
  assert_false (sig_loader_media_path_is_safe ("media//a.png"));
  assert_false (sig_loader_media_path_is_safe (""));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_course_metadata),
    cmocka_unit_test (test_course_structure),
    cmocka_unit_test (test_question_types),
    cmocka_unit_test (test_scenario_model),
    cmocka_unit_test (test_pack_round_trip),
    cmocka_unit_test (test_pack_refuses_missing_scenario),
    cmocka_unit_test (test_media_path_rules),
    cmocka_unit_test (test_decimal_accreditation_points),
    cmocka_unit_test (test_value_messages_and_columns),
    cmocka_unit_test (test_column_of_element),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
