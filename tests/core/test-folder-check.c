/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The folder check behind the preview: what does not load and what lint finds
 * as diagnostics with file and line, the place in the course a problem
 * concerns, and the path of choices to a scenario node. */
#include "config.h"

#include <glib/gstdio.h>

#include "sig-engine.h"
#include "sig-folder-check.h"
#include "sig-test-util.h"

typedef struct {
  char *dir;
  char *course;
  char *scenario;
  SigHelplines *helplines;
} Fixture;

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autofree char *helplines = g_build_filename (SOURCE_DIR, "content", "helplines.xml", NULL);

  f->dir = sig_test_copy_example ();
  f->course = g_build_filename (f->dir, "course.xml", NULL);
  f->scenario = g_build_filename (f->dir, "scenarios", "example-salon-case.xml", NULL);
  f->helplines = sig_helplines_load (helplines, NULL);
  assert_non_null (f->helplines);
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
  sig_helplines_free (f->helplines);
  g_free (f);
  return 0;
}

/* A loader message becomes a diagnostic with its file, line, column and severity. */
static void
test_diagnostic_from_error (void **state)
{
  g_autoptr(GError) full = g_error_new_literal (G_IO_ERROR, 0, "dir/course.xml:12:5: error: Something is wrong. Fix it.");
  g_autoptr(GError) line_only = g_error_new_literal (G_IO_ERROR, 0, "C:/odd:name.xml:7: warning: Old.");
  g_autoptr(GError) plain = g_error_new_literal (G_IO_ERROR, 0, "No location at all.");
  g_autoptr(SigDiagnostic) a = sig_diagnostic_new_from_error (full, "fallback");
  g_autoptr(SigDiagnostic) b = sig_diagnostic_new_from_error (line_only, "fallback");
  g_autoptr(SigDiagnostic) c = sig_diagnostic_new_from_error (plain, "fallback");

  (void) state;
  assert_string_equal (a->file, "dir/course.xml");
  assert_int_equal (a->line, 12);
  assert_int_equal (a->column, 5);
  assert_int_equal (a->severity, SIG_SEVERITY_ERROR);
  assert_string_equal (a->message, "Something is wrong. Fix it.");
  assert_string_equal (b->file, "C:/odd:name.xml");
  assert_int_equal (b->line, 7);
  assert_int_equal (b->column, 0);
  assert_int_equal (b->severity, SIG_SEVERITY_WARNING);
  assert_string_equal (c->file, "fallback");
  assert_int_equal (c->line, 0);
  assert_string_equal (c->message, "No location at all.");
}

static void
test_clean_folder (void **state)
{
  Fixture *f = *state;
  g_autoptr(SigFolderCheck) check = sig_folder_check (f->dir, f->helplines);

  assert_non_null (check->course);
  assert_int_equal (check->diagnostics->len, 0);
}

/* A course that does not load: no course, its problem first with file:line,
 * and the scenario's own lint problem after it. */
static void
test_broken_course (void **state)
{
  Fixture *f = *state;
  g_autoptr(SigFolderCheck) check = NULL;
  SigDiagnostic *first;
  guint line;

  sig_test_patch_file (f->course, "<h>Geweld begint vaak klein</h>", "<h>Geweld begint vaak klein</h>\n<bogus/>");
  sig_test_patch_file (f->scenario, "<text xml:lang=\"en\">\"He always wants to know where I am. And I'm not really allowed to pay myself.\"</text>", "");
  line = sig_test_line_of (f->course, "<bogus/>");
  check = sig_folder_check (f->dir, f->helplines);
  assert_null (check->course);
  assert_int_equal (check->diagnostics->len, 2);
  first = check->diagnostics->pdata[0];
  assert_true (g_str_has_suffix (first->file, "course.xml"));
  assert_int_equal (first->line, line);
  assert_true (g_str_has_suffix (((SigDiagnostic *) check->diagnostics->pdata[1])->file, "example-salon-case.xml"));
}

static void
test_no_course_xml (void **state)
{
  Fixture *f = *state;
  g_autoptr(SigFolderCheck) check = NULL;

  assert_int_equal (g_unlink (f->course), 0);
  check = sig_folder_check (f->dir, f->helplines);
  assert_null (check->course);
  assert_int_equal (check->diagnostics->len, 1);
  assert_non_null (strstr (((SigDiagnostic *) check->diagnostics->pdata[0])->message, "course.xml"));
}

/* Lines map to the module, the item and the scenario node they are in. */
static void
test_locate (void **state)
{
  Fixture *f = *state;
  g_autoptr(SigFolderCheck) check = sig_folder_check (f->dir, f->helplines);
  SigSubject subject;
  g_autoptr(SigDiagnostic) in_page = sig_diagnostic_new (f->course, sig_test_line_of (f->course, "<h>Geweld begint vaak klein</h>"), 0, SIG_SEVERITY_ERROR, "x");
  g_autoptr(SigDiagnostic) in_module = sig_diagnostic_new (f->course, sig_test_line_of (f->course, "<module id=\"m-act\">") + 1, 0, SIG_SEVERITY_ERROR, "x");
  g_autoptr(SigDiagnostic) in_question = sig_diagnostic_new (f->course, sig_test_line_of (f->course, "<question id=\"q-tf\"") + 2, 0, SIG_SEVERITY_ERROR, "x");
  g_autoptr(SigDiagnostic) in_node = sig_diagnostic_new (f->scenario, sig_test_line_of (f->scenario, "<node id=\"n-pay\"") + 1, 0, SIG_SEVERITY_ERROR, "x");
  g_autoptr(SigDiagnostic) header = sig_diagnostic_new (f->course, 3, 0, SIG_SEVERITY_ERROR, "x");
  g_autoptr(SigDiagnostic) whole = sig_diagnostic_new (f->course, 0, 0, SIG_SEVERITY_ERROR, "x");

  assert_true (sig_folder_check_locate (check, in_page, &subject));
  assert_int_equal (subject.kind, SIG_SUBJECT_ITEM);
  assert_int_equal (subject.module_index, 0);
  assert_int_equal (subject.item_index, 0);
  sig_subject_clear (&subject);

  assert_true (sig_folder_check_locate (check, in_module, &subject));
  assert_int_equal (subject.kind, SIG_SUBJECT_MODULE);
  assert_int_equal (subject.module_index, 1);
  sig_subject_clear (&subject);

  assert_true (sig_folder_check_locate (check, in_question, &subject));
  assert_int_equal (subject.kind, SIG_SUBJECT_ITEM);
  assert_int_equal (subject.module_index, 0);
  assert_int_equal (subject.item_index, 3);
  sig_subject_clear (&subject);

  assert_true (sig_folder_check_locate (check, in_node, &subject));
  assert_int_equal (subject.kind, SIG_SUBJECT_NODE);
  assert_int_equal (subject.module_index, 1);
  assert_int_equal (subject.item_index, 3);
  assert_string_equal (subject.scenario_id, "example-salon-case");
  assert_string_equal (subject.node_id, "n-pay");
  sig_subject_clear (&subject);

  {
    g_autoptr(SigDiagnostic) in_check = sig_diagnostic_new (f->course, sig_test_line_of (f->course, "<question id=\"kc-1\"") + 1, 0, SIG_SEVERITY_ERROR, "x");

    assert_true (sig_folder_check_locate (check, in_check, &subject));
    assert_int_equal (subject.kind, SIG_SUBJECT_CHECK);
    assert_int_equal (subject.item_index, 0);
    sig_subject_clear (&subject);
  }

  assert_false (sig_folder_check_locate (check, header, &subject));
  assert_int_equal (subject.kind, SIG_SUBJECT_NONE);
  assert_false (sig_folder_check_locate (check, whole, &subject));
}

/* The shortest path to a node, as a state the engine takes back. */
static void
test_state_at (void **state)
{
  Fixture *f = *state;
  g_autoptr(SigScenario) scenario = sig_loader_load_scenario (f->scenario, NULL);
  g_autofree char *at_pay = NULL;
  g_autofree char *as_daan = NULL;
  g_autofree char *nowhere = NULL;
  g_autoptr(SigEngine) engine = NULL;

  assert_non_null (scenario);
  at_pay = sig_scenario_state_at (scenario, NULL, "n-pay");
  assert_non_null (at_pay);
  engine = sig_engine_deserialize (scenario, at_pay, NULL);
  assert_non_null (engine);
  assert_string_equal (sig_engine_get_node (engine)->id, "n-pay");
  assert_string_equal (sig_engine_get_persona (engine)->id, "sanne");
  g_clear_pointer (&engine, sig_engine_free);

  as_daan = sig_scenario_state_at (scenario, "daan", "end-mixed");
  assert_non_null (as_daan);
  engine = sig_engine_deserialize (scenario, as_daan, NULL);
  assert_string_equal (sig_engine_get_ending (engine)->id, "end-mixed");
  assert_string_equal (sig_engine_get_persona (engine)->id, "daan");

  nowhere = sig_scenario_state_at (scenario, NULL, "no-such-node");
  assert_null (nowhere);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_diagnostic_from_error),
    cmocka_unit_test_setup_teardown (test_clean_folder, setup, teardown),
    cmocka_unit_test_setup_teardown (test_broken_course, setup, teardown),
    cmocka_unit_test_setup_teardown (test_no_course_xml, setup, teardown),
    cmocka_unit_test_setup_teardown (test_locate, setup, teardown),
    cmocka_unit_test_setup_teardown (test_state_at, setup, teardown),
  };

  return cmocka_run_group_tests_name ("folder-check", tests, NULL, NULL);
}
