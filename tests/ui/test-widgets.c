/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Widget tests of the interface, under Xvfb: the page renderer, every question
 * type driven as a learner would, the scenario view to its debrief, the course
 * player against a real progress store, and leave now. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "sig-catalog.h"
#include "sig-course-player.h"
#include "sig-page-view.h"
#include "sig-question-view-private.h"
#include "sig-scenario-view.h"
#include "sig-store.h"
#include "sig-window.h"

static SigCourse *course;
static SigHelplines *helplines;

static void
flush (void)
{
  for (int i = 0; i < 50; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static gboolean
quit_loop (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Presses a button as a keyboard user does (Space or Enter): GTK emits
 * "clicked" a moment later, after showing the button pressed. */
static void
press (GtkWidget *button)
{
  gboolean done = FALSE;

  gtk_widget_activate (button);
  g_timeout_add (400, quit_loop, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  flush ();
}

static char *
fixture_path (const char *name)
{
  return g_build_filename (g_getenv ("SOURCE_DIR"), "tests", "ui", "fixtures", name, NULL);
}

/* All labels under @root, depth first. */
static void
collect_labels (GtkWidget *root,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (root))
    g_ptr_array_add (labels, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_labels (root, labels);
  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_text (labels->pdata[i]), text) != NULL)
      return labels->pdata[i];
  return NULL;
}

static GtkWidget *
find_with_class (GtkWidget  *root,
                 const char *css_class)
{
  if (gtk_widget_has_css_class (root, css_class))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_with_class (child, css_class);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static SigModule *
module_all (void)
{
  return sig_course_find_module (course, "m-all");
}

/* A question in a window that is shown, as the learner has it. */
static GtkWidget *
question_view (const char *id)
{
  GtkWidget *view = sig_question_view_new (course, sig_course_find_question (course, id), "en");
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  flush ();
  return g_object_ref (view);
}

static void
close_view (GtkWidget *view)
{
  GtkRoot *root = gtk_widget_get_root (view);

  if (GTK_IS_WINDOW (root))
    gtk_window_destroy (GTK_WINDOW (root));
  g_object_unref (view);
  flush ();
}

static char *
response_of (GtkWidget *view)
{
  return sig_question_view_get_response (SIG_QUESTION_VIEW (view));
}

/* ---- The page renderer ---------------------------------------------------- */

static void
test_page_renderer (void **state)
{
  SigModuleItem *item = module_all ()->items->pdata[0];
  GtkWidget *view;
  GtkWidget *label;
  GtkWidget *list;
  guint items = 0;

  assert_int_equal (item->kind, SIG_ITEM_PAGE);
  view = g_object_ref_sink (sig_page_view_new (course, item->page, "en", helplines));

  label = find_label (view, "Start small");
  assert_non_null (label);
  assert_int_equal (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (label)), GTK_ACCESSIBLE_ROLE_HEADING);
  assert_non_null (find_label (view, "Abuse often starts small"));

  /* Inline markup: emphasis and strong as markup, "&" escaped, the citation numbered. */
  label = find_label (view, "grows into control");
  assert_non_null (label);
  assert_string_equal (gtk_label_get_text (GTK_LABEL (label)),
                       "It begins with ignoring or jealousy & grows into control.[1]");
  assert_non_null (strstr (gtk_label_get_label (GTK_LABEL (label)), "<i>ignoring</i>"));
  assert_non_null (strstr (gtk_label_get_label (GTK_LABEL (label)), "<b>jealousy</b>"));
  assert_non_null (strstr (gtk_label_get_label (GTK_LABEL (label)), "&amp; grows"));

  /* The list and its two items. */
  list = find_with_class (view, "page-list");
  assert_non_null (list);
  assert_int_equal (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (list)), GTK_ACCESSIBLE_ROLE_LIST);
  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL; child = gtk_widget_get_next_sibling (child))
    items++;
  assert_int_equal (items, 2);
  assert_non_null (find_label (list, "No money of your own."));

  /* The callout is a styled box with its text. */
  assert_non_null (find_with_class (view, "callout-warning"));
  assert_non_null (find_label (find_with_class (view, "callout-warning"), "call 112"));

  /* The helpline, with its number and when it was checked. */
  assert_non_null (find_label (view, "0800-2000"));
  assert_non_null (find_label (view, "Number last checked: 2025"));

  /* The source cited. */
  assert_non_null (find_label (view, "[1] Veilig Thuis"));
  g_object_unref (view);
}

static void
test_markup_escaping (void **state)
{
  g_autoptr(GPtrArray) inlines = g_ptr_array_new ();
  g_autoptr(GPtrArray) cited = g_ptr_array_new_with_free_func (g_free);
  SigInline text = { SIG_INLINE_TEXT, (char *) "a <b>bold</b> & ", NULL };
  SigInline strong = { SIG_INLINE_STRONG, (char *) "x<y", NULL };
  SigInline cite1 = { SIG_INLINE_CITE, NULL, (char *) "s1" };
  SigInline cite2 = { SIG_INLINE_CITE, NULL, (char *) "s2" };
  g_autofree char *markup = NULL;

  g_ptr_array_add (inlines, &text);
  g_ptr_array_add (inlines, &strong);
  g_ptr_array_add (inlines, &cite1);
  g_ptr_array_add (inlines, &cite2);
  g_ptr_array_add (inlines, &cite1);
  markup = sig_inlines_to_markup (inlines, cited);
  assert_string_equal (markup, "a &lt;b&gt;bold&lt;/b&gt; &amp; <b>x&lt;y</b><sup>[1]</sup><sup>[2]</sup><sup>[1]</sup>");
  assert_int_equal (cited->len, 2);
  assert_true (pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, NULL));
}

/* ---- Questions ------------------------------------------------------------ */

static void
test_single (void **state)
{
  GtkWidget *view = question_view ("q-single");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  assert_null (response_of (view));
  assert_false (gtk_widget_get_sensitive (sig_question_view_get_check_button (SIG_QUESTION_VIEW (view))));
  gtk_widget_activate (sig_question_view_get_control (SIG_QUESTION_VIEW (view), 1));
  first = response_of (view);
  assert_string_equal (first, "b");
  /* A radio group: choosing another one unchooses the first. */
  gtk_widget_activate (sig_question_view_get_control (SIG_QUESTION_VIEW (view), 0));
  second = response_of (view);
  assert_string_equal (second, "a");
  assert_true (gtk_widget_get_sensitive (sig_question_view_get_check_button (SIG_QUESTION_VIEW (view))));
  close_view (view);
}

static void
test_multiple (void **state)
{
  GtkWidget *view = question_view ("q-multiple");
  g_autofree char *response = NULL;
  g_autofree char *after = NULL;

  gtk_widget_activate (sig_question_view_get_control (SIG_QUESTION_VIEW (view), 0));
  gtk_widget_activate (sig_question_view_get_control (SIG_QUESTION_VIEW (view), 2));
  response = response_of (view);
  assert_string_equal (response, "a,c");
  gtk_widget_activate (sig_question_view_get_control (SIG_QUESTION_VIEW (view), 0));
  after = response_of (view);
  assert_string_equal (after, "c");
  close_view (view);
}

static void
test_true_false (void **state)
{
  GtkWidget *view = question_view ("q-tf");
  g_autofree char *response = NULL;

  gtk_widget_activate (sig_question_view_get_control (SIG_QUESTION_VIEW (view), 1));
  response = response_of (view);
  assert_string_equal (response, "false");
  assert_true (sig_question_view_check (SIG_QUESTION_VIEW (view)));
  assert_non_null (find_label (sig_question_view_get_feedback (SIG_QUESTION_VIEW (view)), "Correct"));
  close_view (view);
}

static void
test_ordering_by_buttons (void **state)
{
  GtkWidget *view = question_view ("q-order");
  g_autofree char *initial = response_of (view);
  char *response = NULL;

  /* Shown shuffled, never already right. */
  assert_string_not_equal (initial, "s1,s2,s3");
  /* Bubble the items into place with the move-up buttons only. */
  for (int pass = 0; pass < 3; pass++)
    for (guint position = 1; position < 3; position++)
      {
        g_auto(GStrv) ids = NULL;

        g_free (response);
        response = response_of (view);
        ids = g_strsplit (response, ",", -1);
        if (strcmp (ids[position], ids[position - 1]) < 0)
          {
            GtkWidget *up = sig_question_view_get_move_button (SIG_QUESTION_VIEW (view), position, TRUE);

            assert_true (gtk_widget_get_focusable (up));
            assert_true (gtk_widget_get_sensitive (up));
            press (up);
          }
      }
  g_free (response);
  response = response_of (view);
  assert_string_equal (response, "s1,s2,s3");
  /* The first item cannot move up, the last not down. */
  assert_false (gtk_widget_get_sensitive (sig_question_view_get_move_button (SIG_QUESTION_VIEW (view), 0, TRUE)));
  assert_false (gtk_widget_get_sensitive (sig_question_view_get_move_button (SIG_QUESTION_VIEW (view), 2, FALSE)));
  /* "down" moves too. */
  press (sig_question_view_get_move_button (SIG_QUESTION_VIEW (view), 0, FALSE));
  g_free (response);
  response = response_of (view);
  assert_string_equal (response, "s2,s1,s3");
  g_free (response);
  close_view (view);
}

static void
test_matching (void **state)
{
  GtkWidget *view = question_view ("q-match");
  SigQuestionView *question = SIG_QUESTION_VIEW (view);
  g_autofree char *right = NULL;
  g_autofree char *crossed = NULL;

  assert_null (response_of (view));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (sig_question_view_get_control (question, 0)),
                              sig_question_view_get_match_position (question, 0));
  /* Half matched is not an answer yet. */
  assert_null (response_of (view));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (sig_question_view_get_control (question, 1)),
                              sig_question_view_get_match_position (question, 1));
  right = response_of (view);
  assert_string_equal (right, "p1=p1,p2=p2");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (sig_question_view_get_control (question, 0)),
                              sig_question_view_get_match_position (question, 1));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (sig_question_view_get_control (question, 1)),
                              sig_question_view_get_match_position (question, 0));
  crossed = response_of (view);
  assert_string_equal (crossed, "p1=p2,p2=p1");
  close_view (view);
}

static void
test_spot_signals (void **state)
{
  GtkWidget *view = question_view ("q-spot");
  GtkWidget *first = sig_question_view_get_control (SIG_QUESTION_VIEW (view), 0);
  GtkWidget *second = sig_question_view_get_control (SIG_QUESTION_VIEW (view), 1);
  g_autofree char *one = NULL;
  g_autofree char *both = NULL;

  /* Toggle buttons within the passage, in passage order. */
  assert_true (GTK_IS_TOGGLE_BUTTON (first));
  assert_non_null (gtk_widget_get_ancestor (first, GTK_TYPE_TEXT_VIEW));
  press (first);
  one = response_of (view);
  assert_string_equal (one, "x1");
  press (second);
  both = response_of (view);
  assert_string_equal (both, "x1,x2");
  close_view (view);
}

typedef struct {
  GtkWidget *view;
  guint calls;
  gboolean feedback_visible_when_recorded;
  gboolean succeed;
} Recording;

static gboolean
on_record (SigQuestionView *view,
           const char      *response,
           gpointer         score,
           Recording       *recording)
{
  recording->calls++;
  recording->feedback_visible_when_recorded = gtk_widget_get_visible (sig_question_view_get_feedback (view));
  if (!recording->succeed)
    {
      sig_question_view_set_error (view, "The disk is full.");
      return FALSE;
    }
  return sig_question_score (sig_question_view_get_question (view), response, score, NULL);
}

static void
test_recorded_before_feedback (void **state)
{
  GtkWidget *view = question_view ("q-single");
  Recording recording = { view, 0, TRUE, FALSE };

  g_signal_connect (view, "record", G_CALLBACK (on_record), &recording);
  gtk_widget_activate (sig_question_view_get_control (SIG_QUESTION_VIEW (view), 0));

  /* Not stored: no feedback on the answer, and it can be tried again. */
  assert_false (sig_question_view_check (SIG_QUESTION_VIEW (view)));
  assert_int_equal (recording.calls, 1);
  assert_false (recording.feedback_visible_when_recorded);
  assert_false (sig_question_view_get_answered (SIG_QUESTION_VIEW (view)));
  assert_non_null (find_label (sig_question_view_get_feedback (SIG_QUESTION_VIEW (view)), "not saved"));
  assert_null (find_label (sig_question_view_get_feedback (SIG_QUESTION_VIEW (view)), "Listening comes first"));

  gtk_widget_set_visible (sig_question_view_get_feedback (SIG_QUESTION_VIEW (view)), FALSE);
  recording.succeed = TRUE;
  assert_true (sig_question_view_check (SIG_QUESTION_VIEW (view)));
  assert_int_equal (recording.calls, 2);
  assert_false (recording.feedback_visible_when_recorded);
  assert_true (gtk_widget_get_visible (sig_question_view_get_feedback (SIG_QUESTION_VIEW (view))));
  assert_non_null (find_label (sig_question_view_get_feedback (SIG_QUESTION_VIEW (view)), "Listening comes first."));
  assert_non_null (find_label (sig_question_view_get_feedback (SIG_QUESTION_VIEW (view)), "Listen, inform, refer."));
  /* Answered: the controls are locked. */
  assert_false (gtk_widget_get_sensitive (sig_question_view_get_control (SIG_QUESTION_VIEW (view), 1)));
  close_view (view);
}

/* ---- Scenario ------------------------------------------------------------- */

typedef struct {
  guint calls;
  gboolean debrief_shown_when_recorded;
  SigScenarioView *view;
} ChoiceLog;

static gboolean
on_record_choice (SigScenarioView *view,
                  const char      *node_id,
                  const char      *choice_id,
                  gpointer         engine,
                  gpointer         error,
                  ChoiceLog       *log)
{
  log->calls++;
  if (g_strcmp0 (sig_scenario_view_get_page (view), "debrief") == 0)
    log->debrief_shown_when_recorded = TRUE;
  return TRUE;
}

static void
click_choice (SigScenarioView *view,
              const char      *text)
{
  GPtrArray *buttons = sig_scenario_view_get_choice_buttons (view);

  for (guint i = 0; i < buttons->len; i++)
    if (find_label (buttons->pdata[i], text) != NULL)
      {
        press (buttons->pdata[i]);
        return;
      }
  fail_msg ("no choice “%s”", text);
}

static void
test_scenario_to_debrief (void **state)
{
  g_autoptr(SigCatalog) catalog = sig_catalog_new ();
  g_autoptr(GError) error = NULL;
  SigScenario *scenario = sig_catalog_resolve_scenario (catalog, course, "ui-short-case", &error);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view;
  SigScenarioView *scenario_view;
  ChoiceLog log = { 0 };
  GtkWidget *debrief;

  assert_non_null (scenario);
  view = sig_scenario_view_new (scenario, "en", NULL);
  scenario_view = SIG_SCENARIO_VIEW (view);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (view, "record-choice", G_CALLBACK (on_record_choice), &log);
  assert_string_equal (sig_scenario_view_get_page (scenario_view), "intro");

  /* The other persona: the text follows. */
  assert_true (sig_scenario_view_start (scenario_view, "daan", &error));
  assert_string_equal (sig_scenario_view_get_page (scenario_view), "play");
  assert_string_equal (gtk_label_get_text (GTK_LABEL (sig_scenario_view_get_narrative (scenario_view))),
                       "Daan is in the chair; he keeps checking the phone.");
  assert_int_equal (sig_scenario_view_get_choice_buttons (scenario_view)->len, 2);
  /* The visible variable, and not the hidden flag. */
  assert_non_null (find_label (view, "Trust"));
  assert_null (find_label (view, "asked"));

  click_choice (scenario_view, "Ask whether everything is all right");
  assert_int_equal (log.calls, 1);
  assert_non_null (find_label (view, "Daan looks up, relieved that someone asks."));
  assert_string_equal (gtk_label_get_text (GTK_LABEL (sig_scenario_view_get_narrative (scenario_view))),
                       "\"He always wants to know where I am.\"");
  /* The persona speaks: a screen reader hears who. */
  click_choice (scenario_view, "Listen and say that help exists");
  assert_int_equal (log.calls, 2);
  assert_false (log.debrief_shown_when_recorded);

  assert_string_equal (sig_scenario_view_get_page (scenario_view), "debrief");
  debrief = sig_scenario_view_get_debrief (scenario_view);
  assert_non_null (find_label (debrief, "Daan knows where help is"));
  assert_non_null (find_label (debrief, "Decision 1: Ask whether everything is all right"));
  assert_non_null (find_label (debrief, "Step 1: map the signals"));
  assert_non_null (find_label (debrief, "Step 3: talk with the client"));
  assert_non_null (find_label (debrief, "This was a recommended choice."));
  assert_non_null (find_label (debrief, "Signals you noticed"));
  assert_non_null (find_label (debrief, "Has to be reachable all the time"));
  assert_non_null (find_label (debrief, "Signals you missed"));
  assert_non_null (find_label (debrief, "Has no money of their own"));
  gtk_window_destroy (GTK_WINDOW (window));
  flush ();
}

static void
test_scenario_off_path_debrief (void **state)
{
  g_autoptr(SigCatalog) catalog = sig_catalog_new ();
  SigScenario *scenario = sig_catalog_resolve_scenario (catalog, course, "ui-short-case", NULL);
  GtkWidget *view = g_object_ref_sink (sig_scenario_view_new (scenario, "en", NULL));
  SigScenarioView *scenario_view = SIG_SCENARIO_VIEW (view);

  assert_true (sig_scenario_view_start (scenario_view, NULL, NULL));
  assert_true (sig_scenario_view_choose (scenario_view, "c-chat", NULL));
  assert_string_equal (sig_scenario_view_get_page (scenario_view), "debrief");
  /* Beside the learner's path, the recommended choice and its step. */
  assert_non_null (find_label (view, "Recommended: Ask whether everything is all right"));
  assert_non_null (find_label (view, "Step 1: map the signals"));
  assert_non_null (find_label (view, "Missed signals"));
  g_object_unref (view);
}

/* ---- With a real store ---------------------------------------------------- */

typedef struct {
  char *dir;
  SigStore *store;
  SigProfile *profile;
} StoreFixture;

static int
store_setup (void **state)
{
  StoreFixture *fixture = g_new0 (StoreFixture, 1);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("signaal-ui-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "progress.db", NULL);
  fixture->store = sig_store_open (path, SIG_STORE_OPEN_DEFAULT, &error);
  assert_non_null (fixture->store);
  fixture->profile = sig_store_create_profile (fixture->store, "Sam", NULL, "hair-beauty", "en", &error);
  assert_non_null (fixture->profile);
  *state = fixture;
  return 0;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static int
store_teardown (void **state)
{
  StoreFixture *fixture = *state;

  g_clear_object (&fixture->profile);
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture);
  return 0;
}

static void
test_player_stores_answers (void **state)
{
  StoreFixture *fixture = *state;
  const char *profile_id = sig_profile_get_id (fixture->profile);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *player = sig_course_player_new (fixture->store, profile_id, course, "en", helplines);
  SigCoursePlayer *course_player = SIG_COURSE_PLAYER (player);
  g_autoptr(SigCourseProgress) progress = NULL;
  g_autoptr(SigResumePoint) point = NULL;
  GtkWidget *item;

  gtk_window_set_child (GTK_WINDOW (window), player);
  gtk_window_present (GTK_WINDOW (window));
  sig_course_player_resume (course_player);

  /* First the knowledge check before the course. */
  item = sig_course_player_get_item_widget (course_player);
  assert_true (SIG_IS_QUESTION_VIEW (item));
  assert_string_equal (sig_question_view_get_question (SIG_QUESTION_VIEW (item))->id, "kc-advice");
  assert_false (sig_course_player_next (course_player));   /* not before it is answered */
  gtk_widget_activate (sig_question_view_get_control (SIG_QUESTION_VIEW (item), 0));
  assert_true (sig_question_view_check (SIG_QUESTION_VIEW (item)));
  progress = sig_store_get_progress (fixture->store, profile_id, course->id, course, NULL);
  assert_non_null (progress);
  assert_true (progress->pre_score > 99.0);
  g_clear_pointer (&progress, sig_course_progress_free);

  /* Then the page; then the first question, which is stored when checked. */
  assert_true (sig_course_player_next (course_player));
  assert_true (SIG_IS_PAGE_VIEW (sig_course_player_get_item_widget (course_player)));
  assert_true (sig_course_player_next (course_player));
  item = sig_course_player_get_item_widget (course_player);
  assert_true (SIG_IS_QUESTION_VIEW (item));
  gtk_widget_activate (sig_question_view_get_control (SIG_QUESTION_VIEW (item), 0));
  assert_true (sig_question_view_check (SIG_QUESTION_VIEW (item)));
  progress = sig_store_get_progress (fixture->store, profile_id, course->id, course, NULL);
  assert_true (progress->has_score);
  assert_int_equal (((SigModuleProgress *) progress->modules->pdata[0])->answered, 1);

  /* A new player resumes at the next question. */
  gtk_window_destroy (GTK_WINDOW (window));
  flush ();
  point = sig_store_get_resume_point (fixture->store, profile_id, course, NULL);
  assert_int_equal (point->kind, SIG_RESUME_ITEM);
  window = gtk_window_new ();
  player = sig_course_player_new (fixture->store, profile_id, course, "en", helplines);
  gtk_window_set_child (GTK_WINDOW (window), player);
  sig_course_player_resume (SIG_COURSE_PLAYER (player));
  item = sig_course_player_get_item_widget (SIG_COURSE_PLAYER (player));
  assert_true (SIG_IS_QUESTION_VIEW (item));
  assert_string_equal (sig_question_view_get_question (SIG_QUESTION_VIEW (item))->id, "q-multiple");
  gtk_window_destroy (GTK_WINDOW (window));
  flush ();
}

static void
test_leave_now (void **state)
{
  StoreFixture *fixture = *state;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(AdwApplication) application = adw_application_new ("nl.signaal.Signaal.WidgetTest", G_APPLICATION_NON_UNIQUE);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = g_settings_schema_source_lookup (source, "nl.signaal.Signaal", TRUE);
  SigWindow *window;
  GtkWidget *dialog;

  assert_non_null (schema);
  settings = g_settings_new_full (schema, NULL, NULL);
  assert_true (g_application_register (G_APPLICATION (application), NULL, NULL));
  assert_true (sig_store_set_current_profile (fixture->store, sig_profile_get_id (fixture->profile), NULL));
  window = sig_window_new (application, settings, fixture->store, helplines, "en");
  gtk_window_present (GTK_WINDOW (window));
  flush ();
  assert_string_equal (sig_window_get_screen (window), "home");
  assert_string_equal (gtk_window_get_title (GTK_WINDOW (window)), "Signaal");

  /* The helplines are open; leave now closes them and hides everything. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-helplines", NULL);
  flush ();
  dialog = NULL;
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
      dialog = l->data;
  assert_non_null (dialog);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-now", NULL);
  flush ();
  assert_string_equal (sig_window_get_screen (window), "neutral");
  assert_string_equal (gtk_window_get_title (GTK_WINDOW (window)), "Untitled");
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    assert_true (gtk_window_get_transient_for (l->data) != GTK_WINDOW (window));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.return", NULL);
  flush ();
  assert_string_equal (sig_window_get_screen (window), "home");
  gtk_window_destroy (GTK_WINDOW (window));
  flush ();
}

int
main (void)
{
  g_autofree char *course_dir = fixture_path ("ui-course");
  g_autofree char *helplines_path = g_build_filename (g_getenv ("SOURCE_DIR"), "content", "helplines.xml", NULL);
  g_autoptr(GError) error = NULL;
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_page_renderer),
    cmocka_unit_test (test_markup_escaping),
    cmocka_unit_test (test_single),
    cmocka_unit_test (test_multiple),
    cmocka_unit_test (test_true_false),
    cmocka_unit_test (test_ordering_by_buttons),
    cmocka_unit_test (test_matching),
    cmocka_unit_test (test_spot_signals),
    cmocka_unit_test (test_recorded_before_feedback),
    cmocka_unit_test (test_scenario_to_debrief),
    cmocka_unit_test (test_scenario_off_path_debrief),
    cmocka_unit_test_setup_teardown (test_player_stores_answers, store_setup, store_teardown),
    cmocka_unit_test_setup_teardown (test_leave_now, store_setup, store_teardown),
  };
  int failed;

  gtk_init ();
  adw_init ();
  course = sig_loader_load_course (course_dir, &error);
  if (course == NULL)
    {
      g_printerr ("The fixture course does not load: %s\n", error->message);
      return 1;
    }
  helplines = sig_helplines_load (helplines_path, &error);
  if (helplines == NULL)
    {
      g_printerr ("The helplines do not load: %s\n", error->message);
      return 1;
    }
  failed = cmocka_run_group_tests_name ("ui-widgets", tests, NULL, NULL);
  sig_helplines_free (helplines);
  sig_course_unref (course);
  return failed;
}
