/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Each lint check, triggered by one small change to the worked example. */
#include "config.h"

#include <glib/gstdio.h>

#include "sig-catalog.h"
#include "sig-lint.h"
#include "sig-suggest.h"
#include "sig-test-util.h"

typedef struct {
  char *dir;         /* a copy of the example authoring folder */
  char *course;      /* its course.xml */
  char *scenario;    /* its scenario file */
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

static GPtrArray *
lint_course (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SigCourse) course = sig_loader_load_course (f->dir, &error);
  g_autoptr(SigCatalog) catalog = sig_catalog_new ();

  if (course == NULL)
    fail_msg ("%s", error->message);
  return sig_lint_course (course, catalog, f->helplines);
}

static GPtrArray *
lint_scenario (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SigScenario) scenario = sig_loader_load_scenario (f->scenario, &error);

  if (scenario == NULL)
    fail_msg ("%s", error->message);
  return sig_lint_scenario (scenario, f->helplines);
}

static void
test_example_is_clean (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) course = lint_course (f);
  g_autoptr(GPtrArray) scenario = lint_scenario (f);

  for (guint i = 0; i < course->len; i++)
    print_message ("%s\n", ((SigDiagnostic *) course->pdata[i])->message);
  assert_int_equal (course->len, 0);
  assert_int_equal (scenario->len, 0);
}

static void
test_dangling_scenario_ref (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) d = NULL;
  g_autofree char *parent = g_path_get_dirname (f->dir);

  g_setenv ("SIGNAAL_DATA_DIR", parent, TRUE);
  sig_test_patch_file (f->course, "<scenario ref=\"example-salon-case\"/>", "<scenario ref=\"no-such-case\"/>");
  d = lint_course (f);
  sig_test_assert_diagnostic (d, "no-such-case", sig_test_line_of (f->course, "no-such-case"));
}

static void
test_did_you_mean_scenario (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) d = NULL;

  sig_test_patch_file (f->course, "<scenario ref=\"example-salon-case\"/>", "<scenario ref=\"example-salon-cas\"/>");
  d = lint_course (f);
  sig_test_assert_diagnostic (d, "The scenario “example-salon-cas” cannot be found. Did you mean “example-salon-case”?",
                              sig_test_line_of (f->course, "example-salon-cas"));
}

static void
test_missing_language (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) d = NULL;

  sig_test_patch_file (f->course,
                       "<summary xml:lang=\"en\">What you see and hear in the chair, and what you do next.</summary>", "");
  d = lint_course (f);
  sig_test_assert_diagnostic (d, "<summary> has no text in “en”", sig_test_line_of (f->course, "<summary xml:lang=\"nl\">"));
}

static void
test_missing_body_language (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) d = NULL;

  sig_test_patch_file (f->course, "<body xml:lang=\"en\"><p>Notice, listen, refer.</p></body>", "");
  d = lint_course (f);
  sig_test_assert_diagnostic (d, "has no <body> in “en”", sig_test_line_of (f->course, "<page id=\"p-refresh\">"));
}

static void
test_no_correct_answer (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) d = NULL;

  sig_test_patch_file (f->course,
                       "<option id=\"a\" correct=\"true\">\n        <text xml:lang=\"nl\">Rustig",
                       "<option id=\"a\">\n        <text xml:lang=\"nl\">Rustig");
  d = lint_course (f);
  sig_test_assert_diagnostic (d, "has no correct answer", sig_test_line_of (f->course, "<question id=\"q-single\""));
}

static void
test_unreachable_pass_mark (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) d = NULL;

  /* every module but the optional refresher becomes optional: no required points remain */
  sig_test_patch_file (f->course, "<module id=\"m-see\">", "<module id=\"m-see\" required=\"false\">");
  sig_test_patch_file (f->course, "<module id=\"m-act\">", "<module id=\"m-act\" required=\"false\">");
  d = lint_course (f);
  sig_test_assert_diagnostic (d, "can never be reached", 0);
}

static void
test_missing_media (void **state)
{
  Fixture *f = *state;
  g_autofree char *image = g_build_filename (f->dir, "media", "salon.png", NULL);
  g_autoptr(GPtrArray) d = NULL;

  assert_int_equal (g_remove (image), 0);
  d = lint_course (f);
  sig_test_assert_diagnostic (d, "“media/salon.png” does not exist", sig_test_line_of (f->course, "media/salon.png"));
}

static void
test_unused_media (void **state)
{
  Fixture *f = *state;
  g_autofree char *extra = g_build_filename (f->dir, "media", "unused.png", NULL);
  g_autoptr(GPtrArray) d = NULL;

  sig_test_write (extra, "\x89PNG\r\n\x1a\n");
  d = lint_course (f);
  sig_test_assert_diagnostic (d, "“media/unused.png” is never used", 0);
}

static void
test_objective_never_assessed (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) d = NULL;

  sig_test_patch_file (f->course,
                       "<question id=\"q-multiple\" type=\"multiple\" points=\"2\" objectives=\"obj-signals\">",
                       "<question id=\"q-multiple\" type=\"multiple\" points=\"2\" objectives=\"obj-refer\">");
  sig_test_patch_file (f->course,
                       "<question id=\"q-spot\" type=\"spot-signals\" points=\"2\" objectives=\"obj-signals\">",
                       "<question id=\"q-spot\" type=\"spot-signals\" points=\"2\" objectives=\"obj-refer\">");
  d = lint_course (f);
  sig_test_assert_diagnostic (d, "“obj-signals” is never assessed", sig_test_line_of (f->course, "<objective id=\"obj-signals\">"));
}

static void
test_unknown_helpline (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) d = NULL;

  sig_test_patch_file (f->course, "<p>Notice, listen, refer.</p></body>",
                       "<p>Notice, listen, refer.</p><helpline ref=\"no-such-line\"/></body>");
  d = lint_course (f);
  sig_test_assert_diagnostic (d, "“no-such-line” is not in the helplines file", sig_test_line_of (f->course, "no-such-line"));
}

/* Today as checked="YYYY-MM-DD". */
static char *
today_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static guint
count_warnings (GPtrArray *d)
{
  guint n = 0;

  for (guint i = 0; i < d->len; i++)
    n += ((SigDiagnostic *) d->pdata[i])->severity == SIG_SEVERITY_WARNING;
  return n;
}

static void
test_stale_source (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) d = NULL;
  g_autofree char *today = today_string ();
  g_autofree char *fresh = g_strdup_printf ("<source id=\"src-vt\" checked=\"%s\"", today);

  sig_test_patch_file (f->course, "<source id=\"src-policy\"", "<source id=\"src-policy\" checked=\"2000-01-31\"");
  sig_test_patch_file (f->course, "<source id=\"src-vt\"", fresh);
  d = lint_course (f);
  sig_test_assert_diagnostic (d, "“src-policy” was last checked in 2000-01-31, more than 12 months ago",
                              sig_test_line_of (f->course, "<source id=\"src-policy\""));
  /* once, at the source, however often it is cited; the fresh one not at all */
  assert_int_equal (count_warnings (d), 1);
  assert_int_equal (((SigDiagnostic *) d->pdata[0])->severity, SIG_SEVERITY_WARNING);
}

static void
test_stale_helpline (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) d = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "helplines.xml", NULL);

  sig_test_write (path,
                  "<helplines xmlns=\"urn:signaal:course:1\" format=\"1\">\n"
                  "  <helpline id=\"veilig-thuis\" region=\"nl\" number=\"0800-2000\" checked=\"2001-05\">"
                  "<name>Veilig Thuis</name><description>Advice</description></helpline>\n"
                  "</helplines>\n");
  sig_helplines_free (f->helplines);
  f->helplines = sig_helplines_load (path, &error);
  assert_non_null (f->helplines);
  d = lint_course (f);
  sig_test_assert_diagnostic (d, "helpline “veilig-thuis” was last checked in 2001-05, more than 12 months ago",
                              sig_test_line_of (f->course, "<helpline ref=\"veilig-thuis\""));
  assert_int_equal (count_warnings (d), 1);
}

static void
test_unreachable_node (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) d = NULL;

  /* nothing leads to n-colleague any more */
  sig_test_patch_file (f->scenario, "<choice id=\"c-notice\" goto=\"n-colleague\" meldcode-step=\"1\">",
                       "<choice id=\"c-notice\" goto=\"n-advice\" meldcode-step=\"1\">");
  d = lint_scenario (f);
  sig_test_assert_diagnostic (d, "“n-colleague” can never be reached", sig_test_line_of (f->scenario, "<node id=\"n-colleague\""));
}

static void
test_dead_end (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigScenario) scenario = NULL;

  /* A node with no choice and no next step is already refused by the format,
   * at the node, before lint would call it a dead end. */
  sig_test_patch_file (f->scenario,
                       "    <next goto=\"end-good\" if=\"asked and trust &gt;= 3\"/>\n    <next goto=\"end-mixed\"/>\n", "");
  scenario = sig_loader_load_scenario (f->scenario, &error);
  assert_null (scenario);
  sig_test_assert_error_at (error, SIG_LOADER_ERROR_SCHEMA, f->scenario,
                            sig_test_line_of (f->scenario, "<node id=\"n-advice\""));
}

static void
test_stuck_path (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) d = NULL;

  /* without the fallback, some states reach n-advice with no transition that holds */
  sig_test_patch_file (f->scenario, "    <next goto=\"end-mixed\"/>\n", "");
  d = lint_scenario (f);
  sig_test_assert_diagnostic (d, "gets stuck at “n-advice”", sig_test_line_of (f->scenario, "<node id=\"n-advice\""));
}

static void
test_condition_never_holds (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) d = NULL;

  /* trust is at most 5 */
  sig_test_patch_file (f->scenario, "<choice id=\"c-advise\" goto=\"end-mixed\" if=\"trust &lt; 3\">",
                       "<choice id=\"c-advise\" goto=\"end-mixed\" if=\"trust &gt; 7\">");
  d = lint_scenario (f);
  sig_test_assert_diagnostic (d, "can never hold", sig_test_line_of (f->scenario, "<choice id=\"c-advise\""));
}

static void
test_contradictory_condition (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) d = NULL;

  sig_test_patch_file (f->scenario, "<choice id=\"c-advise\" goto=\"end-mixed\" if=\"trust &lt; 3\">",
                       "<choice id=\"c-advise\" goto=\"end-mixed\" if=\"trust &lt; 2 and trust &gt; 3\">");
  d = lint_scenario (f);
  sig_test_assert_diagnostic (d, "can never hold", sig_test_line_of (f->scenario, "<choice id=\"c-advise\""));
}

static void
test_undefined_placeholder (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) d = NULL;

  sig_test_patch_file (f->scenario, "{name} zit in de stoel.", "{name} zit in de stoel met {partner}.");
  d = lint_scenario (f);
  sig_test_assert_diagnostic (d, "{partner} has no value for persona “sanne” in “nl”", sig_test_line_of (f->scenario, "<text xml:lang=\"nl\">{name} zit"));
}

static void
test_signal_never_noticed (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) d = NULL;

  sig_test_patch_file (f->scenario, "      <notice signal=\"sig-phone\"/>\n", "");
  d = lint_scenario (f);
  sig_test_assert_diagnostic (d, "“sig-phone” is never noticed", sig_test_line_of (f->scenario, "<signal id=\"sig-phone\">"));
}

/* Mistakes the schema would only call "failed to validate attributes": the
 * loader names the value, the rule and the line. */
static void
expect_load_error (Fixture    *f,
                   const char *old_text,
                   const char *new_text,
                   const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SigCourse) course = NULL;
  guint line;

  sig_test_patch_file (f->course, old_text, new_text);
  line = sig_test_line_of (f->course, new_text);
  course = sig_loader_load_course (f->dir, &error);
  assert_null (course);
  sig_test_assert_error_at (error, SIG_LOADER_ERROR_SCHEMA, f->course, line);
  if (strstr (error->message, needle) == NULL)
    fail_msg ("expected “%s” in: %s", needle, error->message);
}

static void
test_clear_message_for_bad_id (void **state)
{
  expect_load_error (*state, "<question id=\"q-tf\"", "<question id=\"Q-TF\"", "The id “Q-TF” of <question> is not valid");
}

static void
test_clear_message_for_missing_alt (void **state)
{
  expect_load_error (*state, "<image src=\"media/salon.png\" alt=\"A hairdresser and a client talking at the mirror\"/>",
                     "<image src=\"media/salon.png\"/>", "has no alt text");
}

static void
test_clear_message_for_unknown_sector (void **state)
{
  expect_load_error (*state, "<sector>hair-beauty</sector>", "<sector>physiotherapy</sector>",
                     "“physiotherapy” is not a sector. Use one of: healthcare");
}

static void
test_clear_message_for_order (void **state)
{
  /* the content warning belongs after the sources */
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigCourse) course = NULL;

  sig_test_patch_file (f->course, "  <sources>\n", "  <content-warning><text xml:lang=\"nl\">x</text><text xml:lang=\"en\">x</text></content-warning>\n  <sources>\n");
  course = sig_loader_load_course (f->dir, &error);
  assert_null (course);
  assert_non_null (strstr (error->message, "wrong order"));
  assert_non_null (strstr (error->message, "“Reference: the course file”"));
}


/* ------------------------------------------------- severity, did you mean */

/* The diagnostic holding @needle: its severity and rule. */
static SigDiagnostic *
find_diagnostic (GPtrArray  *d,
                 const char *needle)
{
  sig_test_assert_diagnostic (d, needle, 0);
  for (guint i = 0; i < d->len; i++)
    if (strstr (((SigDiagnostic *) d->pdata[i])->message, needle) != NULL)
      return d->pdata[i];
  return NULL;
}

static void
test_severity_per_check (void **state)
{
  Fixture *f = *state;
  g_autofree char *extra = g_build_filename (f->dir, "media", "unused.png", NULL);
  g_autoptr(GPtrArray) d = NULL;
  SigDiagnostic *unused, *unassessed, *no_answer;
  guint n_rules;
  const SigLintRule *rules = sig_lint_get_rules (&n_rules);

  sig_test_write (extra, "\x89PNG\r\n\x1a\n");
  sig_test_patch_file (f->course,
                       "<option id=\"a\" correct=\"true\">\n        <text xml:lang=\"nl\">Rustig",
                       "<option id=\"a\">\n        <text xml:lang=\"nl\">Rustig");
  sig_test_patch_file (f->course,
                       "<question id=\"q-multiple\" type=\"multiple\" points=\"2\" objectives=\"obj-signals\">",
                       "<question id=\"q-multiple\" type=\"multiple\" points=\"2\" objectives=\"obj-refer\">");
  sig_test_patch_file (f->course,
                       "<question id=\"q-spot\" type=\"spot-signals\" points=\"2\" objectives=\"obj-signals\">",
                       "<question id=\"q-spot\" type=\"spot-signals\" points=\"2\" objectives=\"obj-refer\">");
  d = lint_course (f);
  /* an unused picture and an objective never assessed are shown, never blocking */
  unused = find_diagnostic (d, "is never used");
  assert_int_equal (unused->severity, SIG_SEVERITY_WARNING);
  assert_string_equal (unused->rule, "media-unused");
  unassessed = find_diagnostic (d, "is never assessed");
  assert_int_equal (unassessed->severity, SIG_SEVERITY_WARNING);
  assert_string_equal (unassessed->rule, "objective-unassessed");
  /* a question nobody can answer right blocks */
  no_answer = find_diagnostic (d, "has no correct answer");
  assert_int_equal (no_answer->severity, SIG_SEVERITY_ERROR);
  assert_string_equal (no_answer->rule, "question-answers");
  /* every diagnostic names a rule of the table, with the table's severity */
  for (guint i = 0; i < d->len; i++)
    {
      SigDiagnostic *diagnostic = d->pdata[i];
      const SigLintRule *rule = sig_lint_find_rule (diagnostic->rule);

      assert_non_null (rule);
      assert_int_equal (rule->severity, diagnostic->severity);
    }
  assert_true (n_rules > 20);
  for (guint i = 0; i < n_rules; i++)
    assert_ptr_equal (sig_lint_find_rule (rules[i].id), &rules[i]);
}

static void
test_edit_distance (void **state)
{
  const char *names[] = { "node", "note", "required", "summary", "scenario" };

  (void) state;
  assert_int_equal (sig_edit_distance ("kitten", "sitting"), 3);
  assert_int_equal (sig_edit_distance ("", "abc"), 3);
  assert_int_equal (sig_edit_distance ("vraag", "vraag"), 0);
  assert_int_equal (sig_edit_distance ("café", "cafe"), 1);
  assert_string_equal (sig_suggest ("requried", names, G_N_ELEMENTS (names)), "required");
  assert_string_equal (sig_suggest ("sumary", names, G_N_ELEMENTS (names)), "summary");
  /* only when close: a different word gets no suggestion */
  assert_null (sig_suggest ("persona", names, G_N_ELEMENTS (names)));
  assert_null (sig_suggest ("x", names, G_N_ELEMENTS (names)));
}

static void
test_did_you_mean_helpline (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) d = NULL;

  sig_test_patch_file (f->course, "<p>Notice, listen, refer.</p></body>",
                       "<p>Notice, listen, refer.</p><helpline ref=\"veilig-thuiss\"/></body>");
  d = lint_course (f);
  sig_test_assert_diagnostic (d, "“veilig-thuiss” is not in the helplines file. Did you mean “veilig-thuis”?",
                              sig_test_line_of (f->course, "veilig-thuiss"));
}

static void
test_did_you_mean_reference (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigCourse) course = NULL;

  sig_test_patch_file (f->course, "answer=\"false\" objectives=\"obj-signals\"", "answer=\"false\" objectives=\"obj-signal\"");
  course = sig_loader_load_course (f->dir, &error);
  assert_null (course);
  sig_test_assert_error_at (error, SIG_LOADER_ERROR_INVALID, f->course, sig_test_line_of (f->course, "\"obj-signal\""));
  assert_non_null (strstr (error->message, "“obj-signal” does not exist in this file. Did you mean “obj-signals”?"));
}

static void
test_did_you_mean_attribute (void **state)
{
  expect_load_error (*state, "<module id=\"m-see\">", "<module id=\"m-see\" requried=\"true\">",
                     "<module> has an attribute “requried” that the course format does not know. Did you mean “required”?");
}

static void
test_did_you_mean_element (void **state)
{
  Fixture *f = *state;

  sig_test_patch_file (f->course, "<summary xml:lang=\"en\">What you see and hear in the chair, and what you do next.</summary>",
                       "<sumary xml:lang=\"en\">What you see and hear in the chair, and what you do next.</sumary>");
  expect_load_error (f, "<sumary xml:lang=\"en\">", "<sumary xml:lang=\"en\">",
                     "<sumary> is not an element of the course format. Did you mean “summary”?");
}

static void
test_no_suggestion_when_far (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigCourse) course = NULL;

  sig_test_patch_file (f->course, "<module id=\"m-see\">", "<module id=\"m-see\" colour=\"red\">");
  course = sig_loader_load_course (f->dir, &error);
  assert_null (course);
  assert_non_null (strstr (error->message, "“colour” that the course format does not know"));
  assert_null (strstr (error->message, "Did you mean"));
}

static void
test_guess_language (void **state)
{
  (void) state;
  assert_string_equal (sig_lint_guess_language ("Een klant vertelt dat haar partner haar telefoon controleert."), "nl");
  assert_string_equal (sig_lint_guess_language ("A client says that her partner checks her phone all the time."), "en");
  /* too short, or names that read as either */
  assert_null (sig_lint_guess_language ("Veilig Thuis"));
  assert_null (sig_lint_guess_language ("UN Women Nederland e.a., Orange the World (2023)"));
  /* German, French and Spanish too; Dutch with words it shares with them is still Dutch */
  assert_string_equal (sig_lint_guess_language ("Eine Kundin sagt, dass ihr Partner ihr Telefon immer kontrolliert."), "de");
  assert_string_equal (sig_lint_guess_language ("Une cliente dit que son partenaire contrôle son téléphone et ses messages."), "fr");
  assert_string_equal (sig_lint_guess_language ("Una clienta dice que su pareja controla su teléfono y sus mensajes."), "es");
  assert_string_equal (sig_lint_guess_language ("Als je twijfelt, bel je de collega die het beleid kent en vraag je om advies."), "nl");
}

static void
test_languages_swapped (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) d = NULL;
  SigDiagnostic *diagnostic;

  sig_test_patch_file (f->course,
                       "<summary xml:lang=\"nl\">Wat je in de stoel ziet en hoort, en wat je dan doet.</summary>\n"
                       "  <summary xml:lang=\"en\">What you see and hear in the chair, and what you do next.</summary>",
                       "<summary xml:lang=\"nl\">What you see and hear in the chair, and what you do next.</summary>\n"
                       "  <summary xml:lang=\"en\">Wat je in de stoel ziet en hoort, en wat je dan doet.</summary>");
  d = lint_course (f);
  diagnostic = find_diagnostic (d, "This text (<summary>) is tagged Dutch (nl) but looks English (en)");
  assert_int_equal (diagnostic->severity, SIG_SEVERITY_WARNING);
  assert_string_equal (diagnostic->rule, "language-mismatch");
  /* at the first of the texts (the loader keeps one line per text) */
  sig_test_assert_diagnostic (d, "This text (<summary>) is tagged English (en) but looks Dutch (nl)", sig_test_line_of (f->course, "<summary xml:lang=\"nl\">"));
}

/* The prose of a page body is checked too, without its markup, at the line
 * of the paragraph. */
static void
test_body_language (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) d = NULL;

  sig_test_patch_file (f->course,
                       "<p>Mishandeling begint vaak met <em>negeren</em> of <strong>jaloezie</strong>, en groeit naar controle en intimidatie.<cite ref=\"src-policy\"/></p>",
                       "<p>Abuse usually starts with <em>ignoring</em> or <strong>jealousy</strong>, and it grows into control that you can see.<cite ref=\"src-policy\"/></p>");
  d = lint_course (f);
  sig_test_assert_diagnostic (d, "This text (<p>) is tagged Dutch (nl) but looks English (en)",
                              sig_test_line_of (f->course, "Abuse usually starts"));
}

static void
test_german_tagged_english (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) d = NULL;

  sig_test_patch_file (f->course,
                       "<summary xml:lang=\"en\">What you see and hear in the chair, and what you do next.</summary>",
                       "<summary xml:lang=\"en\">Was du im Stuhl siehst und hörst, und was du dann tust, ist nicht immer leicht.</summary>");
  d = lint_course (f);
  sig_test_assert_diagnostic (d, "This text (<summary>) is tagged English (en) but looks German (de)",
                              sig_test_line_of (f->course, "<summary xml:lang=\"nl\">"));
}

static void
test_french_tagged_dutch (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) d = NULL;

  sig_test_patch_file (f->scenario,
                       "<text xml:lang=\"nl\">{name} zit in de stoel.",
                       "<text xml:lang=\"nl\">{name} est dans le fauteuil et ne quitte pas son téléphone des yeux, elle ne dit rien.");
  d = lint_scenario (f);
  sig_test_assert_diagnostic (d, "This text (<text>) is tagged Dutch (nl) but looks French (fr)",
                              sig_test_line_of (f->scenario, "est dans le fauteuil"));
}

/* Correct Dutch and English, with the words Dutch shares with German, French
 * and Spanish ("de", "en", "die", "als", "je"), English names in the Dutch and
 * Dutch names in the English: no warning. */
static void
test_correct_languages_not_flagged (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) d = NULL;

  sig_test_patch_file (f->course,
                       "<p>Mishandeling begint vaak met <em>negeren</em> of <strong>jaloezie</strong>, en groeit naar controle en intimidatie.<cite ref=\"src-policy\"/></p>",
                       "<p>Als je twijfelt, bel je de collega die de meldcode kent, en je vraagt Veilig Thuis om advies. De <em>Power and Control Wheel</em> helpt je de signalen te zien.<cite ref=\"src-policy\"/></p>");
  sig_test_patch_file (f->course,
                       "<p>Abuse often begins with <em>ignoring</em> or <strong>jealousy</strong>, and grows into control and intimidation.<cite ref=\"src-policy\"/></p>",
                       "<p>When in doubt, call the colleague who knows the meldcode, and ask Veilig Thuis or the huisarts for advice.<cite ref=\"src-policy\"/></p>");
  d = lint_course (f);
  for (guint i = 0; i < d->len; i++)
    assert_string_not_equal (((SigDiagnostic *) d->pdata[i])->rule, "language-mismatch");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_example_is_clean, setup, teardown),
    cmocka_unit_test_setup_teardown (test_dangling_scenario_ref, setup, teardown),
    cmocka_unit_test_setup_teardown (test_missing_language, setup, teardown),
    cmocka_unit_test_setup_teardown (test_missing_body_language, setup, teardown),
    cmocka_unit_test_setup_teardown (test_no_correct_answer, setup, teardown),
    cmocka_unit_test_setup_teardown (test_unreachable_pass_mark, setup, teardown),
    cmocka_unit_test_setup_teardown (test_missing_media, setup, teardown),
    cmocka_unit_test_setup_teardown (test_unused_media, setup, teardown),
    cmocka_unit_test_setup_teardown (test_objective_never_assessed, setup, teardown),
    cmocka_unit_test_setup_teardown (test_unknown_helpline, setup, teardown),
    cmocka_unit_test_setup_teardown (test_stale_source, setup, teardown),
    cmocka_unit_test_setup_teardown (test_stale_helpline, setup, teardown),
    cmocka_unit_test_setup_teardown (test_unreachable_node, setup, teardown),
    cmocka_unit_test_setup_teardown (test_dead_end, setup, teardown),
    cmocka_unit_test_setup_teardown (test_stuck_path, setup, teardown),
    cmocka_unit_test_setup_teardown (test_condition_never_holds, setup, teardown),
    cmocka_unit_test_setup_teardown (test_contradictory_condition, setup, teardown),
    cmocka_unit_test_setup_teardown (test_undefined_placeholder, setup, teardown),
    cmocka_unit_test_setup_teardown (test_signal_never_noticed, setup, teardown),
    cmocka_unit_test_setup_teardown (test_clear_message_for_bad_id, setup, teardown),
    cmocka_unit_test_setup_teardown (test_clear_message_for_missing_alt, setup, teardown),
    cmocka_unit_test_setup_teardown (test_clear_message_for_unknown_sector, setup, teardown),
    cmocka_unit_test_setup_teardown (test_clear_message_for_order, setup, teardown),
    cmocka_unit_test_setup_teardown (test_severity_per_check, setup, teardown),
    cmocka_unit_test (test_edit_distance),
    cmocka_unit_test_setup_teardown (test_did_you_mean_scenario, setup, teardown),
    cmocka_unit_test_setup_teardown (test_did_you_mean_helpline, setup, teardown),
    cmocka_unit_test_setup_teardown (test_did_you_mean_reference, setup, teardown),
    cmocka_unit_test_setup_teardown (test_did_you_mean_attribute, setup, teardown),
    cmocka_unit_test_setup_teardown (test_did_you_mean_element, setup, teardown),
    cmocka_unit_test_setup_teardown (test_no_suggestion_when_far, setup, teardown),
    cmocka_unit_test (test_guess_language),
    cmocka_unit_test_setup_teardown (test_languages_swapped, setup, teardown),
    cmocka_unit_test_setup_teardown (test_body_language, setup, teardown),
    cmocka_unit_test_setup_teardown (test_german_tagged_english, setup, teardown),
    cmocka_unit_test_setup_teardown (test_french_tagged_dutch, setup, teardown),
    cmocka_unit_test_setup_teardown (test_correct_languages_not_flagged, setup, teardown),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
