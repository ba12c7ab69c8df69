/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Widget tests of the interface, under Xvfb: the page renderer, every question
 * type driven as a learner would, the scenario view to its debrief, the course
 * player against a real progress store, and leave now; the labels (points,
 * themes, meldcode steps, dates); certificates: the state shown in the
 * library, on the course page and in the certificate section for each state
 * the store can be in, saving the PDF and the credential, a certificate that
 * cannot be signed yet, the refresher that renews, and the verify page for a
 * real, a tampered and an unreadable credential and the code on the paper. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "sig-catalog.h"
#include "sig-certificate-section-private.h"
#include "sig-course-detail.h"
#include "sig-course-player.h"
#include "sig-flow-layout.h"
#include "sig-helplines-window.h"
#include "sig-import-dialog.h"
#include "sig-labels.h"
#include "sig-library-view.h"
#include "sig-package.h"
#include "sig-page-view.h"
#include "sig-progress-view.h"
#include "sig-question-view-private.h"
#include "sig-review-card-view.h"
#include "sig-review-items.h"
#include "sig-review-page.h"
#include "sig-scenario-view.h"
#include "sig-scoring.h"
#include "sig-store-private.h"
#include "sig-store-review.h"
#include "sig-store.h"
#include "sig-verify-page-private.h"
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

  GtkWidget *passage;
  GtkWidget *focus;
  graphene_rect_t bounds;

  /* Toggle buttons within the passage, in passage order, among its words. */
  assert_true (GTK_IS_TOGGLE_BUTTON (first));
  passage = gtk_widget_get_parent (first);
  assert_true (SIG_IS_FLOW_LAYOUT (gtk_widget_get_layout_manager (passage)));
  assert_true (gtk_widget_get_parent (second) == passage);
  assert_string_equal (gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (passage))), "Marieke ");
  /* Tab goes from one phrase to the next, in reading order. */
  gtk_widget_grab_focus (first);
  assert_true (gtk_widget_child_focus (GTK_WIDGET (gtk_widget_get_root (view)), GTK_DIR_TAB_FORWARD));
  focus = gtk_root_get_focus (gtk_widget_get_root (view));
  assert_true (focus == second);
  /* At 360 pixels the phrases flow as text: wider than tall, inside the line. */
  gtk_window_set_default_size (GTK_WINDOW (gtk_widget_get_root (view)), 360, 600);
  gtk_widget_set_size_request (view, -1, -1);
  flush ();
  for (GtkWidget *toggle = first; toggle != NULL; toggle = toggle == first ? second : NULL)
    {
      assert_true (gtk_widget_compute_bounds (toggle, passage, &bounds));
      assert_true (bounds.size.width > bounds.size.height);
      assert_true (bounds.origin.x + bounds.size.width <= gtk_widget_get_width (passage) + 1);
    }
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
  /* Where the learner is in the case, against the recommended path. */
  assert_non_null (find_label (view, "Decision 1 — the recommended path has "));
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
  assert_non_null (find_label (debrief, "Meldcode step 1: map the signals"));
  assert_non_null (find_label (debrief, "Meldcode step 3: talk with the client"));
  /* The legal term stays as it is; no "Reporting code: Step 1: …". */
  assert_null (find_label (debrief, "Reporting code"));
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
  assert_non_null (find_label (view, "Meldcode step 1: map the signals"));
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

/* A window of @application for @profile, shown on its home screen; @settings
 * receives the window's settings (in memory, not the user's). */
static SigWindow *
present_home_window (AdwApplication  *application,
                     SigStore        *store,
                     SigProfile      *profile,
                     GSettings      **settings)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = g_settings_schema_source_lookup (source, "nl.signaal.Signaal", TRUE);
  SigWindow *window;

  assert_non_null (schema);
  *settings = g_settings_new_full (schema, NULL, NULL);
  assert_true (g_application_register (G_APPLICATION (application), NULL, NULL));
  assert_true (sig_store_set_current_profile (store, sig_profile_get_id (profile), NULL));
  window = sig_window_new (application, *settings, store, helplines, "en");
  gtk_window_present (GTK_WINDOW (window));
  flush ();
  assert_string_equal (sig_window_get_screen (window), "home");
  return window;
}

static void
test_leave_now (void **state)
{
  StoreFixture *fixture = *state;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(AdwApplication) application = adw_application_new ("nl.signaal.Signaal.WidgetTest", G_APPLICATION_NON_UNIQUE);
  SigWindow *window;
  GtkWidget *dialog;

  window = present_home_window (application, fixture->store, fixture->profile, &settings);
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

static GtkWidget *find_type (GtkWidget *root,
                             GType      type);

static GtkWindow *
other_window (GtkWindow *window,
              GType      type)
{
  GtkWindow *found = NULL;

  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (l->data != window && G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      found = l->data;
  return found;
}

/* Profiles on a shared computer: the current learner's name in sight, a
 * switch to another learner, a rename, and a delete that leaves no
 * GLib-CRITICAL (the tests run with fatal criticals). */
static void
test_profiles (void **state)
{
  StoreFixture *fixture = *state;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(AdwApplication) application = adw_application_new ("nl.signaal.Signaal.WidgetTestProfiles", G_APPLICATION_NON_UNIQUE);
  g_autoptr(SigProfile) other = sig_store_create_profile (fixture->store, "Noor", NULL, "education", "en", NULL);
  SigWindow *window;
  GtkWindow *preferences;
  GtkWidget *row;
  GtkWidget *dialog;

  assert_non_null (other);
  window = present_home_window (application, fixture->store, fixture->profile, &settings);
  assert_non_null (find_label (GTK_WIDGET (window), "Sam"));

  /* Switch: the profile page lists both learners; choosing one shows it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.switch-profile", NULL);
  flush ();
  assert_string_equal (sig_window_get_screen (window), "profile");
  row = find_label (gtk_stack_get_visible_child (GTK_STACK (find_type (GTK_WIDGET (window), GTK_TYPE_STACK))), "Noor");
  assert_non_null (row);
  row = gtk_widget_get_ancestor (row, GTK_TYPE_LIST_BOX_ROW);
  assert_non_null (row);
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  flush ();
  assert_string_equal (sig_window_get_screen (window), "home");
  {
    g_autofree char *current = sig_store_get_current_profile (fixture->store);
    assert_string_equal (current, sig_profile_get_id (other));
  }
  assert_non_null (find_label (GTK_WIDGET (window), "Noor"));

  /* Rename, in Preferences: the name in the header follows. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
  flush ();
  preferences = other_window (GTK_WINDOW (window), ADW_TYPE_PREFERENCES_WINDOW);
  assert_non_null (preferences);
  row = find_type (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW);
  assert_non_null (row);
  assert_string_equal (gtk_editable_get_text (GTK_EDITABLE (row)), "Noor");
  gtk_editable_set_text (GTK_EDITABLE (row), "Noor de Wit");
  g_signal_emit_by_name (row, "apply");
  flush ();
  {
    g_autoptr(SigProfile) renamed = sig_store_get_profile (fixture->store, sig_profile_get_id (other), NULL);
    assert_string_equal (sig_profile_get_name (renamed), "Noor de Wit");
  }
  assert_non_null (find_label (GTK_WIDGET (window), "Noor de Wit"));

  /* The language chosen in Preferences becomes the profile's, the language
   * of the learner's certificates. */
  row = find_type (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW);
  assert_non_null (row);
  assert_string_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Language of Signaal and its courses");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  flush ();
  {
    g_autoptr(SigProfile) dutch = sig_store_get_profile (fixture->store, sig_profile_get_id (other), NULL);
    assert_string_equal (sig_profile_get_language (dutch), "nl");
  }

  /* Delete, through the question that asks first. */
  g_signal_emit_by_name (find_with_class (GTK_WIDGET (preferences), "destructive-action"), "clicked");
  flush ();
  dialog = GTK_WIDGET (other_window (GTK_WINDOW (window), ADW_TYPE_MESSAGE_DIALOG));
  assert_non_null (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  flush ();
  assert_null (sig_store_get_profile (fixture->store, sig_profile_get_id (other), NULL));
  assert_null (other_window (GTK_WINDOW (window), ADW_TYPE_PREFERENCES_WINDOW));
  assert_string_not_equal (sig_window_get_screen (window), "home");
  gtk_window_destroy (GTK_WINDOW (window));
  flush ();
}

/* A broken course file: a plain sentence, and the parser's file:line message
 * only under "Technical details". */
static void
test_import_error_plain (void **state)
{
  StoreFixture *fixture = *state;
  static const char broken[] = "<?xml version=\"1.0\"?>\n<course id='x' title=\"&amp\n";
  g_autoptr(GBytes) package = g_bytes_new_static (broken, sizeof broken - 1);
  g_autoptr(GError) error = NULL;
  SigPackagePreview *preview = sig_store_preview_package (fixture->store, package, "broken.signaal", "en", &error);
  GtkWidget *dialog;
  GtkWidget *expander;

  assert_null (preview);
  assert_non_null (error);
  dialog = sig_import_error_dialog_new (NULL, "broken.signaal", error);
  assert_string_equal (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                       "This file is not a Signaal course, or it is damaged. Ask whoever gave it to you for a new copy.");
  expander = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  assert_non_null (expander);
  assert_true (GTK_IS_EXPANDER (expander));
  assert_false (gtk_expander_get_expanded (GTK_EXPANDER (expander)));
  assert_string_equal (gtk_label_get_text (GTK_LABEL (gtk_expander_get_child (GTK_EXPANDER (expander)))), error->message);
  assert_non_null (strstr (error->message, "broken.signaal:"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  flush ();
}

/* ---- Labels --------------------------------------------------------------- */

static void
test_labels (void **state)
{
  g_autofree char *thirds = sig_points_number (2.0 / 3.0);
  g_autofree char *two = sig_points_number (2.0);
  g_autofree char *half = sig_points_number (0.5);
  g_autofree char *points = sig_points_label (2.0 / 3.0, 2.0);
  g_autofree char *point = sig_points_label (1.0, 1.0);
  g_autofree char *free_tag = sig_theme_label ("some-new-theme");
  g_autofree char *did = sig_did_short ("did:key:z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw");
  g_autoptr(GDateTime) date = g_date_time_new_utc (2027, 3, 3, 12, 0, 0);
  g_autofree char *day = sig_date_label (date);
  const struct { const char *tag; const char *label; } themes[] = {
    { "coercive-control", "Coercive control" },
    { "transgender-sensitivity", "Transgender sensitivity" },
    { "male-victims", "Male victims" },
    { "meldcode", "Meldcode" },
    { "online-violence", "Online violence" },
    { "gbv-basics", "Gender-based violence: the basics" },
    { "bystander-intervention", "Bystander intervention" },
    { "economic-abuse", "Economic abuse" },
    { "caribbean-netherlands", "Caribbean Netherlands" },
  };

  /* One decimal at most, no "0.667". */
  assert_string_equal (thirds, "0.7");
  assert_string_equal (two, "2");
  assert_string_equal (half, "0.5");
  assert_string_equal (points, "0.7 of 2 points");
  assert_string_equal (point, "1 of 1 point");
  for (guint i = 0; i < G_N_ELEMENTS (themes); i++)
    {
      g_autofree char *label = sig_theme_label (themes[i].tag);
      assert_string_equal (label, themes[i].label);
    }
  assert_string_equal (free_tag, "Some new theme");
  {
    g_autofree char *initials_two = sig_initials ("Sam de Vries");
    g_autofree char *initials_one = sig_initials (" noor ");
    g_autofree char *accented = sig_initials ("Émile Öztürk");

    assert_string_equal (initials_two, "SV");
    assert_string_equal (initials_one, "N");
    assert_string_equal (accented, "ÉÖ");
  }
  assert_string_equal (sig_meldcode_step_label (1), "Meldcode step 1: map the signals");
  assert_null (sig_meldcode_step_label (0));
  assert_string_equal (did, "did:key:z6Mktw…7oMMsw");
  assert_string_equal (day, "3 March 2027");
}

static void
test_partial_points_shown (void **state)
{
  GtkWidget *view = question_view ("q-multiple");
  GtkWidget *title;

  /* One of the two right answers: half a point. */
  gtk_widget_activate (sig_question_view_get_control (SIG_QUESTION_VIEW (view), 0));
  assert_true (sig_question_view_check (SIG_QUESTION_VIEW (view)));
  title = find_label (sig_question_view_get_feedback (SIG_QUESTION_VIEW (view)), "Partly correct");
  assert_non_null (title);
  assert_string_equal (gtk_label_get_text (GTK_LABEL (title)), "Partly correct — 0.5 of 1 point");
  close_view (view);
}

/* ---- Certificates ---------------------------------------------------------- */

typedef struct {
  char *dir;
  SigStore *store;
  SigProfile *profile;
  SigCourse *course;          /* the fixture course, packed and imported */
  char *packed;               /* its package file */
} CertFixture;

/* 2025-03-12T10:00:00Z */
static gint64
t0 (void)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (2025, 3, 12, 10, 0, 0);

  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

static SigStore *
open_store (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "progress.db", NULL);
  g_autoptr(GError) error = NULL;
  SigStore *store = sig_store_open (path, SIG_STORE_OPEN_DEFAULT, &error);

  if (store == NULL)
    fail_msg ("store: %s", error->message);
  return store;
}

static int
cert_setup (void **state)
{
  CertFixture *fixture = g_new0 (CertFixture, 1);
  g_autofree char *course_dir = fixture_path ("ui-course");
  g_autofree char *packed = NULL;
  g_autoptr(SigCatalog) catalog = sig_catalog_new ();
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("signaal-ui-certificate-XXXXXX", NULL);
  packed = g_build_filename (fixture->dir, "ui-course.signaal", NULL);
  fixture->packed = g_strdup (packed);
  if (!sig_package_pack (course_dir, packed, catalog, &error))
    fail_msg ("pack: %s", error->message);
  fixture->store = open_store (fixture->dir);
  if (!sig_store_import_course (fixture->store, packed, NULL, NULL, &error))
    fail_msg ("import: %s", error->message);
  fixture->course = sig_store_load_course (fixture->store, "ui-test-course", &error);
  assert_non_null (fixture->course);
  fixture->profile = sig_store_create_profile (fixture->store, "Sam", "Sam de Vries", "hair-beauty", "en", &error);
  assert_non_null (fixture->profile);
  *state = fixture;
  return 0;
}

static int
cert_teardown (void **state)
{
  CertFixture *fixture = *state;

  sig_store_set_time_for_tests (0);
  g_unsetenv ("SIGNAAL_ISSUER_KEY_FILE");
  g_clear_object (&fixture->profile);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->course, sig_course_unref);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->packed);
  g_free (fixture);
  return 0;
}

/* Every required item done with the best answers and recommended choices. */
static void
pass_course (CertFixture *fixture)
{
  const char *profile_id = sig_profile_get_id (fixture->profile);
  SigModule *module = sig_course_find_module (fixture->course, "m-all");
  g_autoptr(SigCourseProgress) progress = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < module->items->len; i++)
    {
      SigModuleItem *item = module->items->pdata[i];

      if (item->kind == SIG_ITEM_PAGE)
        assert_true (sig_store_record_page_viewed (fixture->store, profile_id, fixture->course,
                                                   module->id, item->page->id, &error));
      else if (item->kind == SIG_ITEM_QUESTION)
        {
          g_autofree char *best = sig_question_best_response (item->question);

          assert_true (sig_store_record_answer (fixture->store, profile_id, fixture->course, module->id,
                                                item->question->id, best, NULL, &error));
        }
      else
        {
          SigScenario *scenario = sig_course_find_scenario (fixture->course, item->scenario_ref);
          g_autoptr(SigEngine) engine = sig_engine_new (scenario, NULL, &error);

          assert_non_null (engine);
          while (sig_engine_get_status (engine) == SIG_ENGINE_AT_DECISION)
            {
              g_autoptr(GPtrArray) choices = sig_engine_get_choices (engine);
              g_autofree char *node_id = g_strdup (sig_engine_get_node (engine)->id);
              SigChoice *chosen = choices->pdata[0];

              for (guint c = 0; c < choices->len; c++)
                if (((SigChoice *) choices->pdata[c])->recommended)
                  chosen = choices->pdata[c];
              assert_true (sig_engine_choose (engine, chosen->id, &error));
              assert_true (sig_store_record_choice (fixture->store, profile_id, fixture->course, module->id,
                                                    node_id, chosen->id, engine, &error));
            }
        }
    }
  progress = sig_store_get_progress (fixture->store, profile_id, fixture->course->id, fixture->course, &error);
  assert_non_null (progress);
  assert_int_equal (progress->status, SIG_PROGRESS_PASSED);
}

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds (worker threads report back
 * through it); FALSE after 30 seconds. */
static gboolean
spin_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (5000);
    }
  flush ();
  return TRUE;
}

/* As spin_until(), for at most @seconds. */
static gboolean
spin_until_or (Condition condition,
               gpointer  data,
               int       seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (5000);
    }
  return TRUE;
}

static gboolean
library_one_shown (gpointer data)
{
  return sig_library_view_get_n_shown (data) == 1;
}

static gboolean
section_idle (gpointer data)
{
  return !sig_certificate_section_get_busy (data);
}

static gboolean
verify_idle (gpointer data)
{
  return !sig_verify_page_get_busy (data);
}

static void
collect_type (GtkWidget *root,
              GType      type,
              GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_type (child, type, found);
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_type (root, type, found);
  return found->len > 0 ? found->pdata[0] : NULL;
}

/* What the first window does not need is built when it is first asked for:
 * the Review and Progress pages when their tab is shown, the Keyboard
 * Shortcuts window when it is opened (then kept, hidden on close, for the
 * next time). */
static void
test_built_when_first_shown (void **state)
{
  StoreFixture *fixture = *state;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(AdwApplication) application = adw_application_new ("nl.signaal.Signaal.WidgetTestLazy", G_APPLICATION_NON_UNIQUE);
  GtkWidget *view_stack;
  GtkWindow *shortcuts;
  SigWindow *window;

  window = present_home_window (application, fixture->store, fixture->profile, &settings);
  view_stack = find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK);
  assert_non_null (view_stack);
  assert_non_null (find_type (GTK_WIDGET (window), SIG_TYPE_LIBRARY_VIEW));
  assert_null (find_type (GTK_WIDGET (window), SIG_TYPE_REVIEW_PAGE));
  assert_null (find_type (GTK_WIDGET (window), SIG_TYPE_PROGRESS_VIEW));
  assert_null (other_window (GTK_WINDOW (window), GTK_TYPE_SHORTCUTS_WINDOW));

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (view_stack), "review");
  flush ();
  assert_non_null (find_type (GTK_WIDGET (window), SIG_TYPE_REVIEW_PAGE));
  assert_null (find_type (GTK_WIDGET (window), SIG_TYPE_PROGRESS_VIEW));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (view_stack), "progress");
  flush ();
  assert_non_null (find_type (GTK_WIDGET (window), SIG_TYPE_PROGRESS_VIEW));
  /* The review tab keeps its badge on the tab, not on a page made later. */
  assert_non_null (adw_view_stack_get_child_by_name (ADW_VIEW_STACK (view_stack), "review"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  flush ();
  shortcuts = other_window (GTK_WINDOW (window), GTK_TYPE_SHORTCUTS_WINDOW);
  assert_non_null (shortcuts);
  assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  assert_ptr_equal (gtk_window_get_transient_for (shortcuts), GTK_WINDOW (window));
  gtk_window_close (shortcuts);
  flush ();
  assert_false (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  flush ();
  assert_ptr_equal (other_window (GTK_WINDOW (window), GTK_TYPE_SHORTCUTS_WINDOW), shortcuts);
  assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));

  /* It goes with its window. */
  gtk_window_destroy (GTK_WINDOW (window));
  flush ();
  assert_null (other_window (NULL, GTK_TYPE_SHORTCUTS_WINDOW));
}

/* The subtitle of the first row whose title contains @title. */
static const char *
row_subtitle (GtkWidget  *root,
              const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_type (root, ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (strstr (adw_preferences_row_get_title (rows->pdata[i]), title) != NULL)
      return adw_action_row_get_subtitle (rows->pdata[i]);
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_type (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      const char *text = gtk_button_get_label (buttons->pdata[i]);

      if (text != NULL && g_str_equal (text, label))
        return buttons->pdata[i];
    }
  return NULL;
}

static GtkWidget *
show_in_window (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), child);
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_present (GTK_WINDOW (window));
  flush ();
  return window;
}

/* The row of the library list whose title contains @title, once the row
 * shows its progress (rows read it after they are drawn); NULL when there
 * is no such row. */
typedef struct {
  GtkWidget *library;
  const char *title;
  GtkWidget *row;
} RowSearch;

static gboolean
library_row_filled (gpointer data)
{
  RowSearch *search = data;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  search->row = NULL;
  collect_labels (search->library, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (labels->pdata[i], "library-row-title") &&
        gtk_widget_get_mapped (labels->pdata[i]) &&
        strstr (gtk_label_get_text (labels->pdata[i]), search->title) != NULL)
      {
        GtkWidget *box = gtk_widget_get_parent (gtk_widget_get_parent (labels->pdata[i]));
        GtkWidget *subtitle = g_object_get_data (G_OBJECT (box), "subtitle");

        if (subtitle != NULL && strstr (gtk_label_get_text (GTK_LABEL (subtitle)), " · ") != NULL)
          {
            search->row = box;
            return TRUE;
          }
      }
  return FALSE;
}

static GtkWidget *
library_row (GtkWidget  *library,
             const char *title)
{
  RowSearch search = { library, title, NULL };

  if (!spin_until (library_row_filled, &search))
    return NULL;
  return search.row;
}

static const char *
library_row_subtitle (GtkWidget  *library,
                      const char *title)
{
  GtkWidget *row = library_row (library, title);

  return row != NULL ? gtk_label_get_text (g_object_get_data (G_OBJECT (row), "subtitle")) : NULL;
}

/* What the library row, the course page and its certificate section say. */
static void
assert_certificate_shown (CertFixture              *fixture,
                          SigStoreCertificateState  expected,
                          const char               *text,
                          const char               *fact_text)
{
  GtkWidget *library = sig_library_view_new (fixture->store, fixture->profile, "en");
  GtkWidget *window = show_in_window (library);
  GtkWidget *detail;
  GtkWidget *section;
  const char *row;
  const char *fact;

  /* The library row. */
  row = library_row_subtitle (library, "Interface test course");
  assert_non_null (row);
  if (expected == SIG_STORE_CERTIFICATE_NONE)
    assert_null (strstr (row, "Certificate"));
  else if (strstr (row, text) == NULL)
    fail_msg ("the library row says “%s”, not “%s”", row, text);

  /* The course page: the fact, and the section. */
  assert_true (sig_library_view_select (SIG_LIBRARY_VIEW (library), "ui-test-course"));
  flush ();
  detail = find_type (library, SIG_TYPE_COURSE_DETAIL);
  assert_non_null (detail);
  fact = row_subtitle (detail, "Certificate");
  assert_non_null (fact);
  if (strstr (fact, fact_text) == NULL)
    fail_msg ("the course page says “%s”, not “%s”", fact, fact_text);
  section = find_type (detail, SIG_TYPE_CERTIFICATE_SECTION);
  assert_non_null (section);
  assert_int_equal (sig_certificate_section_get_state (SIG_CERTIFICATE_SECTION (section)), expected);
  assert_int_equal (gtk_widget_get_visible (section), expected != SIG_STORE_CERTIFICATE_NONE);
  if (expected != SIG_STORE_CERTIFICATE_NONE)
    {
      SigCertificateSection *certificate = SIG_CERTIFICATE_SECTION (section);
      gboolean attention = expected == SIG_STORE_CERTIFICATE_EXPIRING || expected == SIG_STORE_CERTIFICATE_EXPIRED;

      assert_string_equal (row_subtitle (section, "Name"), "Sam de Vries");
      assert_non_null (strstr (row_subtitle (section, "Course"), "Interface test course"));
      assert_non_null (strstr (row_subtitle (section, "Valid until"), "12 March 2026"));
      assert_non_null (strstr (row_subtitle (section, "Issued by"), "did:key:z6Mk"));
      assert_non_null (strstr (row_subtitle (section, "Issued by"), "…"));
      assert_int_equal (strlen (row_subtitle (section, "Verification code")), 11);
      assert_true (gtk_widget_get_sensitive (sig_certificate_section_get_button (certificate, "pdf")));
      assert_true (gtk_widget_get_sensitive (sig_certificate_section_get_button (certificate, "json")));
      /* The refresher: always offered with a certificate, prominently when it needs renewing. */
      assert_true (sig_certificate_section_get_refresher_available (certificate));
      assert_int_equal (gtk_widget_get_visible (sig_certificate_section_get_button (certificate, "attention-refresher")), attention);
      assert_int_equal (gtk_widget_get_visible (sig_certificate_section_get_button (certificate, "refresher")), !attention);
      if (attention)
        assert_non_null (find_label (section, expected == SIG_STORE_CERTIFICATE_EXPIRED ? "expired on 12 March 2026"
                                                                                         : "expires on 12 March 2026"));
    }
  gtk_window_destroy (GTK_WINDOW (window));
  flush ();
}

static void
test_certificate_states (void **state)
{
  CertFixture *fixture = *state;

  sig_store_set_time_for_tests (t0 ());
  assert_certificate_shown (fixture, SIG_STORE_CERTIFICATE_NONE, "No certificate yet", "None yet");
  pass_course (fixture);   /* valid until 12 March 2026 (12 months) */

  sig_store_set_time_for_tests (t0 () + 30 * G_TIME_SPAN_DAY);
  assert_certificate_shown (fixture, SIG_STORE_CERTIFICATE_VALID, "Certificate valid until 12 March 2026",
                            "Valid until 12 March 2026");
  /* 45 days before: within SIG_STORE_CERTIFICATE_EXPIRING_DAYS. */
  sig_store_set_time_for_tests (t0 () + 320 * G_TIME_SPAN_DAY);
  assert_certificate_shown (fixture, SIG_STORE_CERTIFICATE_EXPIRING, "Certificate expires soon, on 12 March 2026",
                            "Expires soon, on 12 March 2026");
  sig_store_set_time_for_tests (t0 () + 400 * G_TIME_SPAN_DAY);
  assert_certificate_shown (fixture, SIG_STORE_CERTIFICATE_EXPIRED, "Certificate expired on 12 March 2026: take the refresher",
                            "Expired on 12 March 2026: take the refresher");
}

static gboolean
detail_loaded (gpointer data)
{
  GtkWidget *button = find_button (data, "_Take the Course Again");

  return button != NULL && gtk_widget_get_sensitive (button);
}

typedef struct {
  SigCourse *course;
  int module_index;
  guint calls;
} PlayLog;

static void
on_play (GtkWidget *detail,
         SigCourse *played,
         int        module_index,
         PlayLog   *log)
{
  log->calls++;
  g_clear_pointer (&log->course, sig_course_unref);
  log->course = sig_course_ref (played);
  log->module_index = module_index;
}

/* The refresher's true-false question, answered right or wrong. */
static void
answer_refresher_question (GtkWidget *player,
                           gboolean   right)
{
  GtkWidget *item = sig_course_player_get_item_widget (SIG_COURSE_PLAYER (player));

  assert_true (SIG_IS_QUESTION_VIEW (item));
  assert_string_equal (sig_question_view_get_question (SIG_QUESTION_VIEW (item))->id, "q-refresh");
  gtk_widget_activate (sig_question_view_get_control (SIG_QUESTION_VIEW (item), right ? 0 : 1));
  assert_true (sig_question_view_check (SIG_QUESTION_VIEW (item)));
  flush ();
}

static void
test_refresher_renews (void **state)
{
  CertFixture *fixture = *state;
  const char *profile_id = sig_profile_get_id (fixture->profile);
  g_autoptr(SigLibraryCourse) entry = sig_store_get_library_course (fixture->store, "ui-test-course", NULL);
  g_autoptr(SigStoreCertificate) before = NULL;
  g_autoptr(SigStoreCertificate) after = NULL;
  g_autoptr(SigCourseProgress) progress = NULL;
  g_autofree char *until = NULL;
  SigStoreCertificateState certificate_state;
  GtkWidget *detail = sig_course_detail_new (fixture->store, profile_id, "en");
  GtkWidget *window = show_in_window (detail);
  GtkWidget *section;
  GtkWidget *player;
  PlayLog log = { 0 };
  gboolean open = TRUE;

  sig_store_set_time_for_tests (t0 ());
  pass_course (fixture);
  sig_store_get_certificate_state (fixture->store, profile_id, "ui-test-course", NULL, NULL, &before, NULL, NULL);
  assert_non_null (before);

  /* Expires soon: the course page offers the refresher prominently. */
  sig_store_set_time_for_tests (t0 () + 320 * G_TIME_SPAN_DAY);
  g_signal_connect (detail, "play", G_CALLBACK (on_play), &log);
  sig_course_detail_set_course (SIG_COURSE_DETAIL (detail), entry);
  assert_true (spin_until (detail_loaded, detail));
  section = find_type (detail, SIG_TYPE_CERTIFICATE_SECTION);
  assert_int_equal (sig_certificate_section_get_state (SIG_CERTIFICATE_SECTION (section)), SIG_STORE_CERTIFICATE_EXPIRING);
  press (sig_certificate_section_get_button (SIG_CERTIFICATE_SECTION (section), "attention-refresher"));
  assert_int_equal (log.calls, 1);
  assert_int_equal (log.module_index, -1);   /* the player follows the resume point */
  assert_true (sig_store_get_refresher_open (fixture->store, profile_id, "ui-test-course", &open, NULL));
  assert_true (open);
  gtk_window_destroy (GTK_WINDOW (window));
  flush ();

  /* The player opens the refresher module, not the course again. */
  player = sig_course_player_new (fixture->store, profile_id, log.course, "en", helplines);
  window = show_in_window (player);
  sig_course_player_resume (SIG_COURSE_PLAYER (player));
  assert_true (sig_course_player_get_refresher (SIG_COURSE_PLAYER (player)));
  assert_true (SIG_IS_PAGE_VIEW (sig_course_player_get_item_widget (SIG_COURSE_PLAYER (player))));
  assert_non_null (find_label (player, "Notice, listen, refer."));
  /* Its page, then its question, answered right: the refresher is passed. */
  assert_true (sig_course_player_next (SIG_COURSE_PLAYER (player)));
  answer_refresher_question (player, TRUE);
  assert_true (sig_store_get_refresher_open (fixture->store, profile_id, "ui-test-course", &open, NULL));
  assert_false (open);
  assert_true (sig_course_player_next (SIG_COURSE_PLAYER (player)));
  flush ();
  assert_non_null (find_label (player, "Certificate Renewed"));
  assert_non_null (find_label (player, "now valid until 26 January 2027"));
  /* The renewed certificate, ready to save. */
  section = find_type (player, SIG_TYPE_CERTIFICATE_SECTION);
  assert_non_null (section);
  assert_true (gtk_widget_get_visible (section));
  assert_int_equal (sig_store_certificate_get_kind (sig_certificate_section_get_certificate (SIG_CERTIFICATE_SECTION (section))),
                    SIG_STORE_CERTIFICATE_REFRESHER);
  gtk_window_destroy (GTK_WINDOW (window));
  flush ();

  assert_true (sig_store_get_certificate_state (fixture->store, profile_id, "ui-test-course", NULL,
                                                &certificate_state, &after, NULL, NULL));
  assert_int_equal (certificate_state, SIG_STORE_CERTIFICATE_VALID);
  assert_int_equal (sig_store_certificate_get_kind (after), SIG_STORE_CERTIFICATE_REFRESHER);
  assert_true (g_date_time_compare (sig_store_certificate_get_valid_until (after),
                                    sig_store_certificate_get_valid_until (before)) > 0);
  until = sig_date_label (sig_store_certificate_get_valid_until (after));
  assert_string_equal (until, "26 January 2027");
  /* The attempt that earned the certificate still stands: no new attempt. */
  progress = sig_store_get_progress (fixture->store, profile_id, "ui-test-course", fixture->course, NULL);
  assert_int_equal (progress->status, SIG_PROGRESS_PASSED);
  assert_int_equal (progress->attempts, 1);
  sig_course_unref (log.course);
}

/* The message dialog shown, if any. */
static GtkWidget *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

static gboolean
remove_button_shown (gpointer data)
{
  return find_button (data, "_Remove Course…") != NULL;
}

/* An imported course is removed from its page: the learner's progress stays
 * unless they tick the box; cancelling changes nothing. */
static void
test_remove_course (void **state)
{
  CertFixture *fixture = *state;
  const char *profile_id = sig_profile_get_id (fixture->profile);
  g_autoptr(SigLibraryCourse) entry = sig_store_get_library_course (fixture->store, "ui-test-course", NULL);
  g_autoptr(SigCourseProgress) progress = NULL;
  GtkWidget *detail = sig_course_detail_new (fixture->store, profile_id, "en");
  GtkWidget *window = show_in_window (detail);
  GtkWidget *dialog;
  g_autoptr(GError) error = NULL;

  pass_course (fixture);
  sig_course_detail_set_course (SIG_COURSE_DETAIL (detail), entry);
  assert_true (spin_until (remove_button_shown, detail));

  /* Cancel: nothing happens. */
  press (find_button (detail, "_Remove Course…"));
  flush ();
  dialog = find_message_dialog ();
  assert_non_null (dialog);
  assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)))));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  flush ();
  g_clear_object (&entry);
  entry = sig_store_get_library_course (fixture->store, "ui-test-course", &error);
  assert_non_null (entry);

  /* Remove, keeping the progress (the default). */
  press (find_button (detail, "_Remove Course…"));
  flush ();
  dialog = find_message_dialog ();
  assert_non_null (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "remove");
  flush ();
  assert_null (sig_store_get_library_course (fixture->store, "ui-test-course", &error));
  g_clear_error (&error);
  progress = sig_store_get_progress (fixture->store, profile_id, "ui-test-course", NULL, &error);
  assert_non_null (progress);
  assert_int_equal (progress->status, SIG_PROGRESS_PASSED);
  g_clear_pointer (&progress, sig_course_progress_free);

  /* Imported again and removed with the box ticked: the progress is gone. */
  assert_true (sig_store_import_course (fixture->store, fixture->packed, NULL, NULL, &error));
  sig_course_detail_set_course (SIG_COURSE_DETAIL (detail), entry);
  assert_true (spin_until (remove_button_shown, detail));
  press (find_button (detail, "_Remove Course…"));
  flush ();
  dialog = find_message_dialog ();
  gtk_check_button_set_active (GTK_CHECK_BUTTON (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog))), TRUE);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "remove");
  flush ();
  progress = sig_store_get_progress (fixture->store, profile_id, "ui-test-course", NULL, &error);
  assert_true (progress == NULL || progress->status == SIG_PROGRESS_NOT_STARTED);
  g_clear_pointer (&progress, sig_course_progress_free);
  g_clear_error (&error);
  gtk_window_destroy (GTK_WINDOW (window));
  flush ();
}

/* Below the pass mark: the certificate is not renewed, and the player says so. */
static void
test_refresher_not_renewed (void **state)
{
  CertFixture *fixture = *state;
  const char *profile_id = sig_profile_get_id (fixture->profile);
  g_autoptr(SigStoreCertificate) before = NULL;
  g_autoptr(SigStoreCertificate) after = NULL;
  SigStoreCertificateState certificate_state;
  GtkWidget *player;
  GtkWidget *window;
  gboolean open = TRUE;

  sig_store_set_time_for_tests (t0 ());
  pass_course (fixture);
  sig_store_set_time_for_tests (t0 () + 400 * G_TIME_SPAN_DAY);   /* expired */
  sig_store_get_certificate_state (fixture->store, profile_id, "ui-test-course", NULL, NULL, &before, NULL, NULL);
  assert_true (sig_store_record_refresher_started (fixture->store, profile_id, fixture->course, NULL));

  player = sig_course_player_new (fixture->store, profile_id, fixture->course, "en", helplines);
  window = show_in_window (player);
  sig_course_player_resume (SIG_COURSE_PLAYER (player));
  assert_true (sig_course_player_next (SIG_COURSE_PLAYER (player)));
  answer_refresher_question (player, FALSE);
  assert_true (sig_store_get_refresher_open (fixture->store, profile_id, "ui-test-course", &open, NULL));
  assert_false (open);
  assert_true (sig_course_player_next (SIG_COURSE_PLAYER (player)));
  flush ();
  assert_non_null (find_label (player, "Certificate Not Renewed"));
  assert_non_null (find_label (player, "it expired on 12 March 2026"));
  assert_null (find_label (player, "Certificate Renewed"));
  assert_null (find_type (player, SIG_TYPE_CERTIFICATE_SECTION));
  gtk_window_destroy (GTK_WINDOW (window));
  flush ();

  assert_true (sig_store_get_certificate_state (fixture->store, profile_id, "ui-test-course", NULL,
                                                &certificate_state, &after, NULL, NULL));
  assert_int_equal (certificate_state, SIG_STORE_CERTIFICATE_EXPIRED);
  assert_string_equal (sig_store_certificate_get_id (after), sig_store_certificate_get_id (before));
}

static char *
read_text (const char *path)
{
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    fail_msg ("%s was not written", path);
  return contents;
}

static void
test_certificate_export (void **state)
{
  CertFixture *fixture = *state;
  const char *profile_id = sig_profile_get_id (fixture->profile);
  g_autofree char *pdf_path = g_build_filename (fixture->dir, "my certificate.pdf", NULL);
  g_autofree char *json_path = g_build_filename (fixture->dir, "my credential.json", NULL);
  g_autofree char *bad_path = g_build_filename (fixture->dir, "no-such-folder", "x.pdf", NULL);
  g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
  g_autoptr(GFile) json = g_file_new_for_path (json_path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autofree char *pdf_data = NULL;
  g_autofree char *json_data = NULL;
  g_autofree char *suggested = NULL;
  g_autoptr(SigVerification) verification = NULL;
  GtkWidget *section;
  GtkWidget *window;
  SigCertificateSection *certificate;

  pass_course (fixture);   /* now: the credential is valid today */
  section = sig_certificate_section_new (fixture->store, profile_id, "ui-test-course");
  certificate = SIG_CERTIFICATE_SECTION (section);
  window = show_in_window (section);
  assert_true (gtk_widget_get_visible (section));

  suggested = sig_certificate_section_suggest_name (certificate, SIG_CERTIFICATE_SAVE_PDF);
  assert_true (g_str_has_prefix (suggested, "certificate-ui-test-course-"));
  assert_true (g_str_has_suffix (suggested, ".pdf"));

  /* The PDF, in a worker thread, with progress, then a toast. */
  sig_certificate_section_save (certificate, SIG_CERTIFICATE_SAVE_PDF, pdf);
  assert_true (sig_certificate_section_get_busy (certificate));
  assert_false (gtk_widget_get_sensitive (sig_certificate_section_get_button (certificate, "pdf")));
  assert_true (spin_until (section_idle, certificate));
  assert_string_equal (sig_certificate_section_get_last_message (certificate), "Certificate saved as “my certificate.pdf”");
  pdf_data = read_text (pdf_path);
  assert_true (g_str_has_prefix (pdf_data, "%PDF-"));

  /* The credential: exactly the one issued, and it verifies. */
  sig_certificate_section_save (certificate, SIG_CERTIFICATE_SAVE_CREDENTIAL, json);
  assert_true (spin_until (section_idle, certificate));
  assert_string_equal (sig_certificate_section_get_last_message (certificate), "Credential saved as “my credential.json”");
  json_data = read_text (json_path);
  assert_string_equal (json_data, sig_store_certificate_get_credential (sig_certificate_section_get_certificate (certificate)));
  verification = sig_credential_verify (json_data, -1, NULL, NULL);
  assert_int_equal (verification->status, SIG_VERIFICATION_VALID);
  assert_string_equal (verification->learner_name, "Sam de Vries");
  assert_string_equal (verification->course_id, "ui-test-course");

  /* A folder that does not exist: an error that says so, no toast. */
  sig_certificate_section_save (certificate, SIG_CERTIFICATE_SAVE_PDF, bad);
  assert_true (spin_until (section_idle, certificate));
  assert_non_null (sig_certificate_section_get_last_message (certificate));
  assert_false (g_str_has_prefix (sig_certificate_section_get_last_message (certificate), "Certificate saved"));
  assert_true (gtk_widget_get_sensitive (sig_certificate_section_get_button (certificate, "pdf")));
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      gtk_window_destroy (l->data);
  gtk_window_destroy (GTK_WINDOW (window));
  flush ();
}

static GtkWidget *
file_chooser_of (GtkWidget *window)
{
  GtkWidget *found = NULL;

  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (GTK_IS_FILE_CHOOSER_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
      found = l->data;
  return found;
}

/* The save dialog (GTK's own, without a portal) suggests the file name; when
 * the section leaves the screen (leave now) its dialog closes, and the next
 * save opens one again. */
static void
test_certificate_save_dialog (void **state)
{
  CertFixture *fixture = *state;
  GtkWidget *section;
  GtkWidget *window;
  GtkWidget *dialog;
  g_autofree char *name = NULL;

  pass_course (fixture);
  section = sig_certificate_section_new (fixture->store, sig_profile_get_id (fixture->profile), "ui-test-course");
  window = show_in_window (section);
  press (sig_certificate_section_get_button (SIG_CERTIFICATE_SECTION (section), "pdf"));
  dialog = file_chooser_of (window);
  assert_non_null (dialog);
  assert_string_equal (gtk_window_get_title (GTK_WINDOW (dialog)), "Save Certificate as PDF");
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (dialog));
  assert_true (g_str_has_prefix (name, "certificate-ui-test-course-"));
  /* Leave now shows another screen: the section goes, and its dialog with it. */
  gtk_widget_set_visible (section, FALSE);
  flush ();
  assert_null (file_chooser_of (window));
  gtk_widget_set_visible (section, TRUE);
  flush ();
  press (sig_certificate_section_get_button (SIG_CERTIFICATE_SECTION (section), "json"));
  dialog = file_chooser_of (window);
  assert_non_null (dialog);
  assert_string_equal (gtk_window_get_title (GTK_WINDOW (dialog)), "Save Credential");
  gtk_window_destroy (GTK_WINDOW (window));
  flush ();
}

/* No issuer key can be used: the pass stands, the certificate waits. */
static void
test_certificate_not_issued (void **state)
{
  CertFixture *fixture = *state;
  const char *profile_id = sig_profile_get_id (fixture->profile);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing", "issuer.key", NULL);
  GtkWidget *section;
  GtkWidget *window;
  SigCertificateSection *certificate;

  g_setenv ("SIGNAAL_ISSUER_KEY_FILE", missing, TRUE);
  pass_course (fixture);
  section = sig_certificate_section_new (fixture->store, profile_id, "ui-test-course");
  certificate = SIG_CERTIFICATE_SECTION (section);
  window = show_in_window (section);
  assert_true (gtk_widget_get_visible (section));
  assert_false (sig_store_certificate_get_issued (sig_certificate_section_get_certificate (certificate)));
  assert_non_null (find_label (section, "Your result is kept"));
  assert_non_null (find_label (section, "cannot be signed now"));
  assert_string_equal (row_subtitle (section, "Verification code"), "Not signed yet");
  assert_false (gtk_widget_get_sensitive (sig_certificate_section_get_button (certificate, "pdf")));
  assert_false (gtk_widget_get_sensitive (sig_certificate_section_get_button (certificate, "json")));

  /* Fixed: the same certificate is signed when shown again. */
  g_unsetenv ("SIGNAAL_ISSUER_KEY_FILE");
  sig_certificate_section_reload (certificate);
  assert_true (sig_store_certificate_get_issued (sig_certificate_section_get_certificate (certificate)));
  {
    GtkWidget *kept = find_label (section, "Your result is kept");

    assert_true (kept == NULL || !gtk_widget_is_visible (kept));
  }
  assert_true (gtk_widget_get_sensitive (sig_certificate_section_get_button (certificate, "pdf")));
  gtk_window_destroy (GTK_WINDOW (window));
  flush ();
}

static void
verify_file (SigVerifyPage *page,
             const char    *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  sig_verify_page_open (page, file);
  assert_true (sig_verify_page_get_busy (page));
  assert_true (spin_until (verify_idle, page));
}

static void
check_code (SigVerifyPage *page,
            const char    *code)
{
  GtkWidget *entry = sig_verify_page_get_code_entry (page);

  gtk_editable_set_text (GTK_EDITABLE (entry), code);
  g_signal_emit_by_name (entry, "activate");   /* Enter */
  flush ();
}

static void
test_verify_page (void **state)
{
  CertFixture *fixture = *state;
  const char *profile_id = sig_profile_get_id (fixture->profile);
  g_autoptr(SigStoreCertificate) issued = NULL;
  g_autofree char *valid_path = g_build_filename (fixture->dir, "valid.json", NULL);
  g_autofree char *tampered_path = g_build_filename (fixture->dir, "tampered.json", NULL);
  g_autofree char *missing_path = g_build_filename (fixture->dir, "missing.json", NULL);
  g_autofree char *code = NULL;
  g_autofree char *sloppy = NULL;
  g_autoptr(GString) tampered = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *page = sig_verify_page_new ();
  GtkWidget *window = show_in_window (page);
  SigVerifyPage *verify = SIG_VERIFY_PAGE (page);

  pass_course (fixture);
  issued = sig_store_get_certificate (fixture->store, profile_id, "ui-test-course", &error);
  assert_non_null (issued);
  assert_true (g_file_set_contents (valid_path, sig_store_certificate_get_credential (issued), -1, NULL));

  /* A real credential. */
  verify_file (verify, valid_path);
  assert_string_equal (sig_verify_page_get_verdict (verify), "Valid");
  assert_string_equal (sig_verify_page_get_message (verify), "The certificate is authentic and valid.");
  assert_string_equal (row_subtitle (sig_verify_page_get_claims (verify), "Learner"), "Sam de Vries");
  assert_non_null (strstr (row_subtitle (sig_verify_page_get_claims (verify), "Course"), "Interface test course"));
  assert_string_equal (row_subtitle (sig_verify_page_get_claims (verify), "Issuer key"), sig_store_certificate_get_issuer_did (issued));
  assert_non_null (find_label (page, "What the Certificate Says"));
  /* The rows that only show what the certificate says are read, not Tab stops:
   * few Tabs reach the code field. */
  {
    GtkWidget *entry = sig_verify_page_get_code_entry (verify);
    guint tabs = 0;

    gtk_window_set_focus (GTK_WINDOW (window), NULL);
    while (tabs < 40)
      {
        GtkWidget *focus;

        gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD);
        tabs++;
        focus = gtk_window_get_focus (GTK_WINDOW (window));
        if (focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry)))
          break;
        if (focus != NULL && gtk_widget_is_ancestor (focus, sig_verify_page_get_claims (verify)))
          fail_msg ("Tab stops on a row of the claims (%s)", G_OBJECT_TYPE_NAME (focus));
      }
    printf ("Tabs to the verification code field: %u\n", tabs);
    assert_true (tabs <= 6);
  }

  /* The code on the paper: as printed, as typed sloppily, a wrong one, not a code. */
  code = g_strdup (sig_store_certificate_get_verification_code (issued));
  check_code (verify, code);
  assert_non_null (strstr (sig_verify_page_get_code_result (verify), "The code matches"));
  sloppy = g_ascii_strdown (code, -1);
  sloppy[5] = ' ';
  check_code (verify, sloppy);
  assert_non_null (strstr (sig_verify_page_get_code_result (verify), "The code matches"));
  check_code (verify, g_str_equal (code, "7KQ2M-X9D4P") ? "7KQ2M-X9D4Q" : "7KQ2M-X9D4P");
  assert_non_null (strstr (sig_verify_page_get_code_result (verify), "does not belong"));
  check_code (verify, "12345");
  assert_non_null (strstr (sig_verify_page_get_code_result (verify), "ten letters and digits"));

  /* The same file with the learner's name changed. */
  tampered = g_string_new (sig_store_certificate_get_credential (issued));
  assert_true (g_string_replace (tampered, "Sam de Vries", "Sam de Vriez", 0) > 0);
  assert_true (g_file_set_contents (tampered_path, tampered->str, -1, NULL));
  verify_file (verify, tampered_path);
  assert_string_equal (sig_verify_page_get_verdict (verify), "Not Valid");
  assert_non_null (strstr (sig_verify_page_get_message (verify), "changed after it was issued"));
  assert_false (sig_verify_page_get_verification (verify)->authentic);
  assert_non_null (find_label (page, "What the File Claims (Not Confirmed)"));
  assert_string_equal (row_subtitle (sig_verify_page_get_claims (verify), "Learner"), "Sam de Vriez");

  /* A file that is not there. */
  verify_file (verify, missing_path);
  assert_string_equal (sig_verify_page_get_verdict (verify), "The File Cannot Be Read");
  gtk_window_destroy (GTK_WINDOW (window));
  flush ();
}

/* A certificate of 2025 that ran out: the verify page says so. */
static void
test_verify_expired (void **state)
{
  CertFixture *fixture = *state;
  g_autoptr(SigStoreCertificate) issued = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "old.json", NULL);
  GtkWidget *page = sig_verify_page_new ();
  GtkWidget *window = show_in_window (page);

  sig_store_set_time_for_tests (t0 ());
  pass_course (fixture);
  issued = sig_store_get_certificate (fixture->store, sig_profile_get_id (fixture->profile), "ui-test-course", NULL);
  assert_non_null (issued);
  sig_store_set_time_for_tests (0);
  assert_true (g_file_set_contents (path, sig_store_certificate_get_credential (issued), -1, NULL));
  verify_file (SIG_VERIFY_PAGE (page), path);
  assert_string_equal (sig_verify_page_get_verdict (SIG_VERIFY_PAGE (page)), "Expired");
  assert_non_null (strstr (sig_verify_page_get_message (SIG_VERIFY_PAGE (page)), "expired"));
  gtk_window_destroy (GTK_WINDOW (window));
  flush ();
}

/* Ctrl+Shift+V (win.verify) opens the verify page from anywhere; Back
 * returns; a file given to the window is checked; leave now forgets it. */
static void
test_window_verify (void **state)
{
  CertFixture *fixture = *state;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(AdwApplication) application = adw_application_new ("nl.signaal.Signaal.WidgetTest2", G_APPLICATION_NON_UNIQUE);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = g_settings_schema_source_lookup (source, "nl.signaal.Signaal", TRUE);
  g_autoptr(SigStoreCertificate) issued = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "certificate.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SigWindow *window;
  GtkWidget *page;

  assert_non_null (schema);
  settings = g_settings_new_full (schema, NULL, NULL);
  assert_true (g_application_register (G_APPLICATION (application), NULL, NULL));
  assert_true (sig_store_set_current_profile (fixture->store, sig_profile_get_id (fixture->profile), NULL));
  pass_course (fixture);
  issued = sig_store_get_certificate (fixture->store, sig_profile_get_id (fixture->profile), "ui-test-course", NULL);
  assert_true (g_file_set_contents (path, sig_store_certificate_get_credential (issued), -1, NULL));

  window = sig_window_new (application, settings, fixture->store, helplines, "en");
  gtk_window_present (GTK_WINDOW (window));
  flush ();
  assert_string_equal (sig_window_get_screen (window), "home");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.verify", NULL);
  flush ();
  assert_string_equal (sig_window_get_screen (window), "verify");
  page = find_type (GTK_WIDGET (window), SIG_TYPE_VERIFY_PAGE);
  assert_non_null (page);
  g_signal_emit_by_name (page, "back");
  flush ();
  assert_string_equal (sig_window_get_screen (window), "home");

  sig_window_verify (window, file);
  assert_string_equal (sig_window_get_screen (window), "verify");
  assert_true (spin_until (verify_idle, page));
  assert_string_equal (sig_verify_page_get_verdict (SIG_VERIFY_PAGE (page)), "Valid");
  /* Leave now with the file dialog open: all of it goes, and nothing is left behind. */
  press (find_button (page, "_Check Another File…"));
  assert_non_null (file_chooser_of (GTK_WIDGET (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-now", NULL);
  flush ();
  assert_string_equal (sig_window_get_screen (window), "neutral");
  assert_null (file_chooser_of (GTK_WIDGET (window)));
  assert_null (sig_verify_page_get_verification (SIG_VERIFY_PAGE (page)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.verify", NULL);
  flush ();
  press (find_button (page, "_Choose Certificate File…"));
  assert_non_null (file_chooser_of (GTK_WIDGET (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-now", NULL);
  flush ();
  gtk_window_destroy (GTK_WINDOW (window));
  flush ();
}

/* ---- The library list ------------------------------------------------------ */

static gboolean
continue_shown (gpointer data)
{
  return sig_library_view_get_continue_label (data) != NULL;
}

/* A course with some progress is offered at the top of the library, at the
 * part the learner is in; the entry resumes it. Nothing is offered before. */
static void
test_library_continue (void **state)
{
  CertFixture *fixture = *state;
  const char *profile_id = sig_profile_get_id (fixture->profile);
  g_autoptr(GError) error = NULL;
  GtkWidget *library = sig_library_view_new (fixture->store, fixture->profile, "en");
  GtkWidget *window = show_in_window (library);
  GtkWidget *button;
  PlayLog log = { 0 };

  /* Nothing started: no entry (given time to appear). */
  assert_non_null (library_row (library, "Interface test course"));
  assert_false (spin_until_or (continue_shown, library, 2));
  assert_null (sig_library_view_get_continue_label (SIG_LIBRARY_VIEW (library)));

  assert_true (sig_store_record_started (fixture->store, profile_id, fixture->course, FALSE, NULL, &error));
  assert_true (sig_store_record_page_viewed (fixture->store, profile_id, fixture->course, "m-all", "p-start", &error));
  sig_library_view_reload (SIG_LIBRARY_VIEW (library));
  assert_true (spin_until (continue_shown, library));
  assert_string_equal (sig_library_view_get_continue_label (SIG_LIBRARY_VIEW (library)),
                       "Continue: Interface test course, part 1 of 2");
  button = find_with_class (library, "continue-entry");
  assert_non_null (button);
  assert_true (gtk_widget_get_mapped (button));
  g_signal_connect (library, "play", G_CALLBACK (on_play), &log);
  press (button);
  assert_int_equal (log.calls, 1);
  assert_string_equal (log.course->id, "ui-test-course");
  assert_int_equal (log.module_index, -1);   /* resume where the learner left off */
  g_clear_pointer (&log.course, sig_course_unref);
  gtk_window_destroy (GTK_WINDOW (window));
  flush ();
}

/* Each helpline card is one Tab stop (not also its number); Enter on it
 * copies the number. */
static void
test_helpline_cards_one_stop (void **state)
{
  GtkWidget *window = sig_helplines_window_new (NULL, helplines, "en");
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GHashTable) visited = g_hash_table_new (NULL, NULL);
  guint cards = 0, tabs = 0, card_stops = 0;
  GtkWidget *first = NULL;

  gtk_window_present (GTK_WINDOW (window));
  flush ();
  collect_type (window, ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_object_get_data (rows->pdata[i], "helpline-number") != NULL)
      cards++;
  assert_true (cards >= 5);

  /* Round the window once. */
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  while (tabs < 200)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD))
        break;   /* the end of the round: the window would wrap here */
      focus = gtk_window_get_focus (GTK_WINDOW (window));
      if (focus == NULL || focus == first)
        break;
      if (first == NULL)
        first = focus;
      tabs++;
      if (GTK_IS_LABEL (focus))
        fail_msg ("Tab stops on the label “%s” of a card", gtk_label_get_text (GTK_LABEL (focus)));
      if (g_object_get_data (G_OBJECT (focus), "helpline-number") != NULL)
        {
          card_stops++;
          g_hash_table_add (visited, focus);
        }
    }
  printf ("Tabs through the helplines window: %u for %u cards (%u with a number)\n", tabs, rows->len, cards);
  assert_int_equal (card_stops, cards);
  assert_int_equal (g_hash_table_size (visited), cards);
  /* The leave button, the close button and one stop per card (with or without a number). */
  assert_true (tabs <= rows->len + 2);

  /* Enter on a card copies its number and says so. */
  {
    GtkWidget *card = NULL;
    const char *number;

    for (guint i = 0; i < rows->len && card == NULL; i++)
      if (g_object_get_data (rows->pdata[i], "helpline-number") != NULL)
        card = rows->pdata[i];
    number = g_object_get_data (G_OBJECT (card), "helpline-number");
    g_signal_emit_by_name (card, "activate");
    flush ();
    assert_non_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (card)), "copied"));
    assert_non_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (card)), number));
  }
  gtk_window_destroy (GTK_WINDOW (window));
  flush ();
  (void) state;
}

/* "Take the Course Again" on a passed course asks first: Cancel changes
 * nothing; the confirmed new attempt comes with a toast whose Undo drops it,
 * so the learner is back at the attempt that passed. */
/* The message dialog on screen, if any (one that answered may linger unmapped). */
static GtkWindow *
shown_message_dialog (void)
{
  GtkWindow *found = NULL;

  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  return found;
}

static void
test_retake_asks_and_undoes (void **state)
{
  CertFixture *fixture = *state;
  const char *profile_id = sig_profile_get_id (fixture->profile);
  g_autoptr(SigLibraryCourse) entry = sig_store_get_library_course (fixture->store, "ui-test-course", NULL);
  g_autoptr(SigCourseProgress) passed = NULL;
  GtkWidget *detail = sig_course_detail_new (fixture->store, profile_id, "en");
  GtkWidget *window = show_in_window (detail);
  GtkWindow *dialog;
  GtkWidget *undo;
  PlayLog log = { 0 };

  pass_course (fixture);
  passed = sig_store_get_progress (fixture->store, profile_id, "ui-test-course", fixture->course, NULL);
  assert_int_equal (passed->status, SIG_PROGRESS_PASSED);
  g_signal_connect (detail, "play", G_CALLBACK (on_play), &log);
  sig_course_detail_set_course (SIG_COURSE_DETAIL (detail), entry);
  assert_true (spin_until (detail_loaded, detail));

  /* Asked first; Cancel starts nothing. */
  press (find_button (detail, "_Take the Course Again"));
  dialog = shown_message_dialog ();
  assert_non_null (dialog);
  assert_string_equal (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), "Take the Course Again?");
  assert_int_equal (log.calls, 0);
  assert_non_null (find_button (GTK_WIDGET (dialog), "_Cancel"));
  press (find_button (GTK_WIDGET (dialog), "_Cancel"));
  assert_null (shown_message_dialog ());
  assert_int_equal (log.calls, 0);
  {
    g_autoptr(SigCourseProgress) progress = sig_store_get_progress (fixture->store, profile_id, "ui-test-course", fixture->course, NULL);
    assert_int_equal (progress->attempts, passed->attempts);
    assert_string_equal (progress->registration, passed->registration);
  }

  /* Confirmed: a new attempt, played, and a toast that offers Undo. */
  press (find_button (detail, "_Take the Course Again"));
  dialog = shown_message_dialog ();
  assert_non_null (dialog);
  assert_non_null (find_button (GTK_WIDGET (dialog), "_Take the Course Again"));
  press (find_button (GTK_WIDGET (dialog), "_Take the Course Again"));
  assert_int_equal (log.calls, 1);
  {
    g_autoptr(SigCourseProgress) progress = sig_store_get_progress (fixture->store, profile_id, "ui-test-course", fixture->course, NULL);
    assert_int_equal (progress->attempts, passed->attempts + 1);
    assert_string_not_equal (progress->registration, passed->registration);
    assert_int_equal (progress->status, SIG_PROGRESS_PASSED);   /* the pass is kept */
    assert_int_equal (progress->attempt_status, SIG_PROGRESS_IN_PROGRESS);
  }
  assert_non_null (find_label (window, "A new attempt was started"));
  undo = find_button (window, "_Undo");
  assert_non_null (undo);
  press (undo);
  {
    g_autoptr(SigCourseProgress) progress = sig_store_get_progress (fixture->store, profile_id, "ui-test-course", fixture->course, NULL);
    assert_string_equal (progress->registration, passed->registration);
    assert_int_equal (progress->attempt_status, SIG_PROGRESS_PASSED);
    assert_true (progress->score == passed->score);
  }
  g_clear_pointer (&log.course, sig_course_unref);
  gtk_window_destroy (GTK_WINDOW (window));
  flush ();
}

/* The fixture course again, as @id titled @title for @sector, imported. */
static void
import_variant (CertFixture *fixture,
                const char  *id,
                const char  *title,
                const char  *sector)
{
  g_autofree char *source = fixture_path ("ui-course");
  g_autofree char *dir = g_build_filename (fixture->dir, id, NULL);
  g_autofree char *scenarios = g_build_filename (dir, "scenarios", NULL);
  g_autofree char *xml_path = g_build_filename (source, "course.xml", NULL);
  g_autofree char *xml = NULL;
  g_autofree char *target = g_build_filename (dir, "course.xml", NULL);
  g_autofree char *packed = g_strconcat (dir, ".signaal", NULL);
  g_autoptr(SigCatalog) catalog = sig_catalog_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) source_scenarios = NULL;
  g_autofree char *source_scenarios_path = g_build_filename (source, "scenarios", NULL);
  g_autoptr(GString) text = NULL;
  const char *name;

  assert_true (g_file_get_contents (xml_path, &xml, NULL, NULL));
  text = g_string_new (xml);
  g_autofree char *id_attribute = g_strdup_printf ("id=\"%s\"", id);
  g_autofree char *sector_element = g_strdup_printf ("<sector>%s</sector>", sector);

  g_string_replace (text, "id=\"ui-test-course\"", id_attribute, 1);
  g_string_replace (text, "Interface test course", title, 0);
  g_string_replace (text, "<sector>hair-beauty</sector>", sector_element, 1);
  g_mkdir_with_parents (scenarios, 0700);
  assert_true (g_file_set_contents (target, text->str, -1, NULL));
  source_scenarios = g_dir_open (source_scenarios_path, 0, NULL);
  while (source_scenarios != NULL && (name = g_dir_read_name (source_scenarios)) != NULL)
    {
      g_autofree char *from = g_build_filename (source_scenarios_path, name, NULL);
      g_autofree char *to = g_build_filename (scenarios, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      assert_true (g_file_get_contents (from, &contents, &length, NULL));
      assert_true (g_file_set_contents (to, contents, length, NULL));
    }
  if (!sig_package_pack (dir, packed, catalog, &error))
    fail_msg ("pack: %s", error->message);
  if (!sig_store_import_course (fixture->store, packed, NULL, NULL, &error))
    fail_msg ("import: %s", error->message);
}

/* Where @course_id is in the list as shown (from the top). */
static guint
list_position (GtkWidget  *library,
               const char *course_id)
{
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();
  GListModel *model = NULL;

  /* The drop-downs hold list views too. */
  collect_type (library, GTK_TYPE_LIST_VIEW, lists);
  for (guint i = 0; i < lists->len; i++)
    {
      GListModel *candidate = G_LIST_MODEL (gtk_list_view_get_model (lists->pdata[i]));

      if (candidate != NULL && gtk_widget_has_css_class (lists->pdata[i], "navigation-sidebar"))
        model = candidate;
    }
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SigLibraryCourse) entry = g_list_model_get_item (model, i);

      if (g_str_equal (sig_library_course_get_id (entry), course_id))
        return i;
    }
  fail_msg ("%s is not in the list", course_id);
  return G_MAXUINT;
}

/* The learner's sector (hair and beauty) comes first and is marked; a course
 * for another sector that sorts before it by title comes after, unmarked. */
static void
test_library_sector (void **state)
{
  CertFixture *fixture = *state;
  GtkWidget *library;
  GtkWidget *window;
  GtkWidget *mine;
  GtkWidget *other;
  GtkWidget *other_sector;

  import_variant (fixture, "ui-other-sector", "A course for dentists", "dental");
  library = sig_library_view_new (fixture->store, fixture->profile, "en");
  window = show_in_window (library);
  mine = library_row (library, "Interface test course");
  other = library_row (library, "A course for dentists");
  assert_non_null (mine);
  assert_non_null (other);
  assert_true (list_position (library, "ui-test-course") < list_position (library, "ui-other-sector"));
  assert_true (gtk_widget_get_visible (g_object_get_data (G_OBJECT (mine), "sector")));
  /* A row makes its sector tag only when it needs one. */
  other_sector = g_object_get_data (G_OBJECT (other), "sector");
  assert_true (other_sector == NULL || !gtk_widget_get_visible (other_sector));
  assert_string_equal (gtk_label_get_text (g_object_get_data (G_OBJECT (mine), "sector")), "For your sector");

  /* The search narrows the list. */
  gtk_editable_set_text (GTK_EDITABLE (find_type (library, GTK_TYPE_SEARCH_ENTRY)), "dentists");
  assert_true (spin_until (library_one_shown, library));
  assert_int_equal (sig_library_view_get_n_shown (SIG_LIBRARY_VIEW (library)), 1);
  gtk_window_destroy (GTK_WINDOW (window));
  flush ();
}

/* ---- Review cards --------------------------------------------------------- */

typedef struct {
  guint calls;
  char *response;
  int grade;
  int rating;
  gboolean succeed;
} RateLog;

static gboolean
on_rate (SigReviewCardView *view,
         const char        *response,
         int                grade,
         int                rating,
         RateLog           *log)
{
  log->calls++;
  g_free (log->response);
  log->response = g_strdup (response);
  log->grade = grade;
  log->rating = rating;
  if (!log->succeed)
    sig_review_card_view_set_error (view, "The disk is full.");
  return log->succeed;
}

/* The review items of the module with every question type, and its scenario's decisions. */
static GPtrArray *
review_items (void)
{
  g_autoptr(SigCatalog) catalog = sig_catalog_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *items = sig_review_items_for_module (course, module_all (), catalog, &error);

  assert_non_null (items);
  return items;
}

static const SigReviewItem *
review_item (GPtrArray  *items,
             const char *id)
{
  for (guint i = 0; i < items->len; i++)
    if (g_str_equal (((SigReviewItem *) items->pdata[i])->id, id))
      return items->pdata[i];
  fail_msg ("no review item %s", id);
  return NULL;
}

static GtkWidget *
review_card_view (const SigReviewItem *item,
                  RateLog             *log)
{
  GtkWidget *view = sig_review_card_view_new (sig_review_card_new (item, "en", "learner", 0, NULL),
                                              "Interface test course");
  GtkWidget *window = gtk_window_new ();

  g_signal_connect (view, "rate", G_CALLBACK (on_rate), log);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  flush ();
  return g_object_ref (view);
}

/* Chooses the options of the card that are (or are not) correct. */
static void
choose_options (GtkWidget *view,
                gboolean   correct)
{
  const SigReviewCard *card = sig_review_card_view_get_card (SIG_REVIEW_CARD_VIEW (view));

  for (guint i = 0; i < card->options->len; i++)
    if (((SigReviewOption *) card->options->pdata[i])->correct == correct)
      {
        gtk_widget_activate (sig_review_card_view_get_option (SIG_REVIEW_CARD_VIEW (view), i));
        if (!card->several)
          break;
      }
  flush ();
}

static void
test_review_card_signal (void **state)
{
  g_autoptr(GPtrArray) items = review_items ();
  RateLog log = { 0, NULL, -1, 0, TRUE };
  GtkWidget *view = review_card_view (review_item (items, "ui-test-course/q-multiple"), &log);
  SigReviewCardView *card_view = SIG_REVIEW_CARD_VIEW (view);
  g_auto(GStrv) chosen = NULL;

  assert_non_null (find_label (view, "Which remarks can be signs of control?"));
  assert_non_null (find_label (view, "Interface test course"));
  assert_false (gtk_widget_get_sensitive (sig_review_card_view_get_check_button (card_view)));
  /* No rating before the answer is checked. */
  assert_false (sig_review_card_view_rate (card_view, SIG_FSRS_GOOD));
  assert_false (gtk_widget_get_visible (sig_review_card_view_get_feedback (card_view)));

  choose_options (view, TRUE);
  assert_true (gtk_widget_get_sensitive (sig_review_card_view_get_check_button (card_view)));
  press (sig_review_card_view_get_check_button (card_view));
  assert_true (sig_review_card_view_get_answered (card_view));
  assert_int_equal (sig_review_card_view_get_grade (card_view), SIG_REVIEW_RIGHT);
  assert_true (gtk_widget_get_visible (sig_review_card_view_get_feedback (card_view)));
  assert_non_null (find_label (sig_review_card_view_get_feedback (card_view), "Correct"));
  assert_non_null (find_label (sig_review_card_view_get_feedback (card_view), "Making someone's choices for them is control."));
  /* Locked once answered; "How hard was this?" offers all four, Good first in line. */
  assert_false (gtk_widget_get_sensitive (sig_review_card_view_get_option (card_view, 0)));
  assert_true (gtk_widget_get_mapped (sig_review_card_view_get_rating_button (card_view, SIG_FSRS_AGAIN)));
  for (int rating = SIG_FSRS_AGAIN; rating <= SIG_FSRS_EASY; rating++)
    assert_true (gtk_widget_get_sensitive (sig_review_card_view_get_rating_button (card_view, rating)));
  assert_true (gtk_widget_has_css_class (sig_review_card_view_get_rating_button (card_view, SIG_FSRS_GOOD),
                                         "suggested-action"));

  press (sig_review_card_view_get_rating_button (card_view, SIG_FSRS_EASY));
  assert_int_equal (log.calls, 1);
  assert_int_equal (log.rating, SIG_FSRS_EASY);
  assert_int_equal (log.grade, SIG_REVIEW_RIGHT);
  chosen = g_strsplit (log.response, ",", -1);
  assert_int_equal (g_strv_length (chosen), 2);
  assert_true (g_strv_contains ((const char * const *) chosen, "a"));
  assert_true (g_strv_contains ((const char * const *) chosen, "c"));
  /* Rated once. */
  assert_false (sig_review_card_view_rate (card_view, SIG_FSRS_GOOD));
  assert_int_equal (log.calls, 1);
  g_free (log.response);
  close_view (view);
}

static void
test_review_card_wrong (void **state)
{
  g_autoptr(GPtrArray) items = review_items ();
  RateLog log = { 0, NULL, -1, 0, FALSE };
  GtkWidget *view = review_card_view (review_item (items, "ui-test-course/q-single"), &log);
  SigReviewCardView *card_view = SIG_REVIEW_CARD_VIEW (view);

  choose_options (view, FALSE);
  assert_true (sig_review_card_view_check (card_view));
  assert_int_equal (sig_review_card_view_get_grade (card_view), SIG_REVIEW_WRONG);
  assert_non_null (find_label (sig_review_card_view_get_feedback (card_view), "Not quite"));
  assert_non_null (find_label (sig_review_card_view_get_feedback (card_view), "Listen calmly"));
  assert_non_null (find_label (sig_review_card_view_get_feedback (card_view), "Listen, inform, refer."));
  /* A wrong answer is scheduled as Again: nothing else is offered. */
  for (int rating = SIG_FSRS_HARD; rating <= SIG_FSRS_EASY; rating++)
    {
      assert_false (gtk_widget_get_sensitive (sig_review_card_view_get_rating_button (card_view, rating)));
      assert_false (sig_review_card_view_rate (card_view, rating));
    }
  assert_int_equal (log.calls, 0);

  /* Not stored: said so, and it can be rated again. */
  assert_false (sig_review_card_view_rate (card_view, SIG_FSRS_AGAIN));
  assert_int_equal (log.calls, 1);
  assert_non_null (find_label (sig_review_card_view_get_feedback (card_view), "not saved"));
  log.succeed = TRUE;
  assert_true (sig_review_card_view_rate (card_view, SIG_FSRS_AGAIN));
  assert_int_equal (log.calls, 2);
  assert_int_equal (log.rating, SIG_FSRS_AGAIN);
  assert_int_equal (log.grade, SIG_REVIEW_WRONG);
  g_free (log.response);
  close_view (view);
}

static void
test_review_card_decision (void **state)
{
  g_autoptr(GPtrArray) items = review_items ();
  RateLog log = { 0, NULL, -1, 0, TRUE };
  const SigReviewItem *item = NULL;
  GtkWidget *view;
  SigReviewCardView *card_view;

  for (guint i = 0; i < items->len && item == NULL; i++)
    if (((SigReviewItem *) items->pdata[i])->kind == SIG_REVIEW_ITEM_DECISION)
      item = items->pdata[i];
  assert_non_null (item);
  view = review_card_view (item, &log);
  card_view = SIG_REVIEW_CARD_VIEW (view);
  /* The story so far, then the choices; the keyboard starts at the story. */
  assert_non_null (find_label (view, "keeps checking the phone"));
  assert_non_null (find_label (view, "What do you do now?"));
  assert_true (GTK_IS_LABEL (sig_review_card_view_get_start (card_view)));
  choose_options (view, TRUE);
  assert_true (sig_review_card_view_check (card_view));
  assert_int_equal (sig_review_card_view_get_grade (card_view), SIG_REVIEW_RIGHT);
  assert_non_null (find_label (sig_review_card_view_get_feedback (card_view), "relieved that someone asks"));
  assert_true (sig_review_card_view_rate (card_view, SIG_FSRS_GOOD));
  assert_int_equal (log.rating, SIG_FSRS_GOOD);
  g_free (log.response);
  close_view (view);
}

/* ---- The Review page ------------------------------------------------------- */

static gboolean
card_view_shown (gpointer data)
{
  GtkWidget *view = find_type (data, SIG_TYPE_REVIEW_CARD_VIEW);

  return view != NULL && gtk_widget_get_mapped (view);
}

static gboolean
summary_shown (gpointer data)
{
  return find_label (data, "Review Done") != NULL && gtk_widget_get_mapped (find_label (data, "Review Done"));
}

/* The learner passed the course two days ago: its six items are due. A
 * session goes through all of them; the summary says what was reviewed and
 * when it comes back; nothing is due afterwards; the library's entry
 * follows. Leave now (reset) in the middle leaves no card on the page. */
static void
test_review_session (void **state)
{
  CertFixture *fixture = *state;
  const char *profile_id = sig_profile_get_id (fixture->profile);
  g_autoptr(GPtrArray) cards = NULL;
  GtkWidget *page;
  GtkWidget *library;
  GtkWidget *window;
  GtkWidget *library_window;
  guint n = 0;

  sig_store_set_time_for_tests (g_get_real_time () - 2 * G_TIME_SPAN_DAY);
  pass_course (fixture);
  sig_store_set_time_for_tests (0);

  page = sig_review_page_new (fixture->store, fixture->profile, "en");
  window = show_in_window (page);
  library = sig_library_view_new (fixture->store, fixture->profile, "en");
  library_window = show_in_window (library);
  assert_int_equal (sig_review_page_get_n_due (SIG_REVIEW_PAGE (page)), 6);
  assert_non_null (find_label (page, "6 Reviews Due"));
  assert_string_equal (sig_library_view_get_reviews_label (SIG_LIBRARY_VIEW (library)), "6 reviews due");

  /* Leave now in the middle: the card goes, the reviews stay due. */
  sig_review_page_start (SIG_REVIEW_PAGE (page));
  assert_true (spin_until (card_view_shown, page));
  sig_review_page_reset (SIG_REVIEW_PAGE (page));
  flush ();
  assert_null (find_type (page, SIG_TYPE_REVIEW_CARD_VIEW));
  assert_int_equal (sig_review_page_get_n_due (SIG_REVIEW_PAGE (page)), 6);

  sig_review_page_start (SIG_REVIEW_PAGE (page));
  while (!summary_shown (page))
    {
      SigReviewCardView *view;

      assert_true (spin_until (card_view_shown, page) || summary_shown (page));
      if (summary_shown (page))
        break;
      view = SIG_REVIEW_CARD_VIEW (find_type (page, SIG_TYPE_REVIEW_CARD_VIEW));
      n++;
      {
        g_autofree char *position = g_strdup_printf ("Card %u of 6", n);
        assert_non_null (find_label (page, position));
      }
      /* The first card wrong, the others right. */
      choose_options (GTK_WIDGET (view), n > 1);
      assert_true (sig_review_card_view_check (view));
      assert_true (sig_review_card_view_rate (view, n > 1 ? SIG_FSRS_GOOD : SIG_FSRS_AGAIN));
      /* The next card (or the summary) comes once the rating is handled. */
      flush ();
      if (n < 6)
        {
          g_autofree char *next = g_strdup_printf ("Card %u of 6", n + 1);
          assert_non_null (find_label (page, next));
        }
    }
  assert_int_equal (n, 6);
  assert_non_null (find_label (page, "You reviewed 6 cards. 5 correct, 0 partly correct, 1 to practise again."));
  assert_non_null (row_subtitle (page, "Which remarks"));
  assert_non_null (strstr (row_subtitle (page, "Which remarks"), "next review in "));
  assert_int_equal (sig_review_page_get_n_due (SIG_REVIEW_PAGE (page)), 0);
  assert_null (sig_library_view_get_reviews_label (SIG_LIBRARY_VIEW (library)));

  /* Every review is in the store. */
  cards = sig_store_list_review_cards (fixture->store, profile_id, NULL);
  assert_non_null (cards);
  assert_int_equal (cards->len, 6);
  for (guint i = 0; i < cards->len; i++)
    assert_int_equal (((SigStoreReviewCard *) cards->pdata[i])->card.reps, 1);
  gtk_window_destroy (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (library_window));
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
    cmocka_unit_test (test_review_card_signal),
    cmocka_unit_test (test_review_card_wrong),
    cmocka_unit_test (test_review_card_decision),
    cmocka_unit_test_setup_teardown (test_player_stores_answers, store_setup, store_teardown),
    cmocka_unit_test_setup_teardown (test_leave_now, store_setup, store_teardown),
    cmocka_unit_test_setup_teardown (test_profiles, store_setup, store_teardown),
    cmocka_unit_test_setup_teardown (test_built_when_first_shown, store_setup, store_teardown),
    cmocka_unit_test_setup_teardown (test_import_error_plain, store_setup, store_teardown),
    cmocka_unit_test (test_helpline_cards_one_stop),
    cmocka_unit_test (test_labels),
    cmocka_unit_test (test_partial_points_shown),
    cmocka_unit_test_setup_teardown (test_certificate_states, cert_setup, cert_teardown),
    cmocka_unit_test_setup_teardown (test_certificate_export, cert_setup, cert_teardown),
    cmocka_unit_test_setup_teardown (test_remove_course, cert_setup, cert_teardown),
    cmocka_unit_test_setup_teardown (test_certificate_save_dialog, cert_setup, cert_teardown),
    cmocka_unit_test_setup_teardown (test_certificate_not_issued, cert_setup, cert_teardown),
    cmocka_unit_test_setup_teardown (test_refresher_renews, cert_setup, cert_teardown),
    cmocka_unit_test_setup_teardown (test_refresher_not_renewed, cert_setup, cert_teardown),
    cmocka_unit_test_setup_teardown (test_verify_page, cert_setup, cert_teardown),
    cmocka_unit_test_setup_teardown (test_verify_expired, cert_setup, cert_teardown),
    cmocka_unit_test_setup_teardown (test_window_verify, cert_setup, cert_teardown),
    cmocka_unit_test_setup_teardown (test_library_continue, cert_setup, cert_teardown),
    cmocka_unit_test_setup_teardown (test_retake_asks_and_undoes, cert_setup, cert_teardown),
    cmocka_unit_test_setup_teardown (test_library_sector, cert_setup, cert_teardown),
    cmocka_unit_test_setup_teardown (test_review_session, cert_setup, cert_teardown),
  };
  int failed;

  /* Dates are shown in local time: make it fixed. */
  g_setenv ("TZ", "UTC", TRUE);
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
