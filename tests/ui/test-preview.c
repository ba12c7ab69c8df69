/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The preview of an authoring folder, under Xvfb: a copy of the worked
 * example opens in the preview window, an edit saved on disk shows after the
 * reload at the same place, a broken edit shows its problem with file and
 * line and a status page instead of the course, a problem in a scenario
 * node shows that node, the language and persona switchers change what is
 * shown, and nothing reaches the progress store.
 *
 * With SIGNAAL_PREVIEW_SCREENSHOTS=DIR it also saves pictures of the window
 * at 360 pixels and at full width. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <glib/gstdio.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "sig-course-player.h"
#include "sig-engine.h"
#include "sig-preview-window-private.h"
#include "sig-scenario-view.h"
#include "sig-store.h"

static SigHelplines *helplines;

typedef struct {
  char *dir;                 /* the copy of the worked example */
  char *store_path;
  char *store_sum;           /* checksum of the progress database before */
  SigPreviewWindow *window;
  guint reloads;
} Fixture;

static void
flush (void)
{
  for (int i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

typedef gboolean (*Condition) (gpointer data);

static gboolean
spin_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

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

static void
copy_tree (const char *from,
           const char *to)
{
  g_autoptr(GDir) dir = g_dir_open (from, 0, NULL);
  const char *name;

  assert_non_null (dir);
  assert_int_equal (g_mkdir_with_parents (to, 0700), 0);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *source = g_build_filename (from, name, NULL);
      g_autofree char *target = g_build_filename (to, name, NULL);

      if (g_file_test (source, G_FILE_TEST_IS_DIR))
        copy_tree (source, target);
      else
        {
          g_autofree char *contents = NULL;
          gsize length;

          assert_true (g_file_get_contents (source, &contents, &length, NULL));
          assert_true (g_file_set_contents (target, contents, length, NULL));
        }
    }
}

static char *
file_sum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return g_strdup ("absent");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* Replaces the first @old in @file with @new and saves it as an editor does. */
static void
edit (Fixture    *fixture,
      const char *file,
      const char *old,
      const char *new)
{
  g_autofree char *path = g_build_filename (fixture->dir, file, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = NULL;
  char *at;

  assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  at = strstr (contents, old);
  assert_non_null (at);
  text = g_string_new_len (contents, at - contents);
  g_string_append (text, new);
  g_string_append (text, at + strlen (old));
  assert_true (g_file_set_contents (path, text->str, text->len, NULL));
}

/* The line of @file on which @needle first stands. */
static guint
line_of (Fixture    *fixture,
         const char *file,
         const char *needle)
{
  g_autofree char *path = g_build_filename (fixture->dir, file, NULL);
  g_autofree char *contents = NULL;
  guint line = 1;
  char *at;

  assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  at = strstr (contents, needle);
  assert_non_null (at);
  for (char *p = contents; p < at; p++)
    if (*p == '\n')
      line++;
  return line;
}

static void
on_reloaded (Fixture *fixture)
{
  fixture->reloads++;
}

typedef struct {
  Fixture *fixture;
  guint reloads;
} ReloadWait;

static gboolean
reloaded_since (gpointer data)
{
  ReloadWait *wait = data;

  return wait->fixture->reloads > wait->reloads;
}

/* Waits for the reload that a saved file starts (the file monitor and the
 * debounce), without asking for one. */
static gboolean
wait_for_reload (Fixture *fixture,
                 guint    before)
{
  ReloadWait wait = { fixture, before };

  return spin_until (reloaded_since, &wait);
}

static gboolean
label_shows (GtkWidget  *root,
             const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL &&
      gtk_widget_is_visible (root))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (label_shows (child, text))
      return TRUE;
  return FALSE;
}

static int
setup (void **state)
{
  Fixture *fixture = g_new0 (Fixture, 1);
  g_autofree char *example = g_build_filename (g_getenv ("SOURCE_DIR"), "tests", "fixtures", "valid", "example-course", NULL);
  g_autofree char *tmp = g_dir_make_tmp ("sig-preview-XXXXXX", NULL);
  g_autoptr(GFile) folder = NULL;
  g_autoptr(SigStore) store = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = g_build_filename (tmp, "my-course", NULL);
  copy_tree (example, fixture->dir);
  /* A learner's progress as it is before the preview. */
  store = sig_store_open (NULL, SIG_STORE_OPEN_DEFAULT, &error);
  assert_non_null (store);
  fixture->store_path = g_strdup (sig_store_get_path (store));
  g_clear_object (&store);
  fixture->store_sum = file_sum (fixture->store_path);

  folder = g_file_new_for_path (fixture->dir);
  fixture->window = sig_preview_window_new (NULL, folder, helplines, "en");
  g_signal_connect_swapped (fixture->window, "reloaded", G_CALLBACK (on_reloaded), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));
  /* The first load is in a worker too. */
  assert_true (wait_for_reload (fixture, 0));
  *state = fixture;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *fixture = *state;
  g_autofree char *wal = g_strconcat (fixture->store_path, "-wal", NULL);
  g_autofree char *after = NULL;
  g_autofree char *wal_after = NULL;

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  flush ();
  /* Nothing of the preview was recorded: the database is byte for byte
   * what it was, and no write-ahead log holds anything new. */
  after = file_sum (fixture->store_path);
  assert_string_equal (after, fixture->store_sum);
  wal_after = file_sum (wal);
  if (!g_str_equal (wal_after, "absent"))
    {
      GStatBuf st;

      assert_int_equal (g_stat (wal, &st), 0);
      assert_int_equal (st.st_size, 0);
    }
  g_free (fixture->dir);
  g_free (fixture->store_path);
  g_free (fixture->store_sum);
  g_free (fixture);
  return 0;
}

static SigCoursePlayer *
player_of (Fixture *fixture)
{
  GtkWidget *player = sig_preview_window_get_player (fixture->window);

  assert_non_null (player);
  return SIG_COURSE_PLAYER (player);
}

/* An edit saved on disk shows after the reload, at the same page. */
static void
test_reload_keeps_place (void **state)
{
  Fixture *fixture = *state;
  SigCoursePlayer *player = player_of (fixture);
  guint module_index = 99, item_index = 99;
  guint before;
  gint64 saved;

  assert_int_equal (sig_preview_window_get_n_problems (fixture->window), 0);
  /* The learner's view: the check before, then the first page. */
  assert_int_equal (sig_course_player_get_position (player, NULL, NULL, NULL), SIG_PLAYER_PRE_CHECK);
  sig_course_player_show_position (player, SIG_PLAYER_ITEM, 0, 0, 0);
  flush ();
  assert_true (label_shows (sig_course_player_get_item_widget (player), "It starts small"));

  before = fixture->reloads;
  saved = g_get_monotonic_time ();
  edit (fixture, "course.xml", "<title xml:lang=\"en\">It starts small</title>",
        "<title xml:lang=\"en\">It often starts small</title>");
  assert_true (wait_for_reload (fixture, before));
  /* What an author waits: the file monitor, the debounce, the load in a worker. */
  print_message ("shown %" G_GINT64_FORMAT " ms after the save\n", (g_get_monotonic_time () - saved) / 1000);
  player = player_of (fixture);
  assert_int_equal (sig_course_player_get_position (player, &module_index, &item_index, NULL), SIG_PLAYER_ITEM);
  assert_int_equal (module_index, 0);
  assert_int_equal (item_index, 0);
  assert_true (label_shows (sig_course_player_get_item_widget (player), "It often starts small"));

  /* A new page before it: the same page is still shown, now second. */
  before = fixture->reloads;
  edit (fixture, "course.xml", "<page id=\"p-intro\">",
        "<page id=\"p-new\"><title xml:lang=\"nl\">Nieuw</title><title xml:lang=\"en\">New</title>"
        "<body xml:lang=\"nl\"><p>Nieuw.</p></body><body xml:lang=\"en\"><p>New.</p></body></page>\n"
        "    <page id=\"p-intro\">");
  assert_true (wait_for_reload (fixture, before));
  player = player_of (fixture);
  assert_int_equal (sig_course_player_get_position (player, &module_index, &item_index, NULL), SIG_PLAYER_ITEM);
  assert_int_equal (item_index, 1);
  assert_true (label_shows (sig_course_player_get_item_widget (player), "It often starts small"));
}

/* A broken edit: no crash, a status page, the problem with file:line; fixed
 * again, the course is back at the same place. */
static void
test_broken_edit_shows_problem (void **state)
{
  Fixture *fixture = *state;
  SigCoursePlayer *player = player_of (fixture);
  const SigDiagnostic *problem;
  guint line, before, module_index = 99;
  GtkWidget *row;

  sig_course_player_show_position (player, SIG_PLAYER_ITEM, 1, 0, 0);
  flush ();
  before = fixture->reloads;
  edit (fixture, "course.xml", "<h>Geweld begint vaak klein</h>", "<h>Geweld begint vaak klein</h>\n<bogus/>");
  line = line_of (fixture, "course.xml", "<bogus/>");
  assert_true (wait_for_reload (fixture, before));

  assert_null (sig_preview_window_get_player (fixture->window));
  assert_true (gtk_widget_is_visible (sig_preview_window_get_status_page (fixture->window)));
  assert_true (sig_preview_window_get_n_problems (fixture->window) >= 1);
  problem = sig_preview_window_get_problem (fixture->window, 0);
  assert_true (g_str_has_suffix (problem->file, "course.xml"));
  assert_int_equal (problem->line, line);
  assert_int_equal (problem->severity, SIG_SEVERITY_ERROR);
  assert_non_null (strstr (problem->message, "bogus"));
  /* The row says where, as file:line relative to the folder. */
  row = sig_preview_window_get_problem_row (fixture->window, 0);
  assert_non_null (row);
  {
    g_autofree char *where = g_strdup_printf ("course.xml:%u", line);

    assert_non_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), where));
  }

  before = fixture->reloads;
  edit (fixture, "course.xml", "\n<bogus/>", "");
  assert_true (wait_for_reload (fixture, before));
  player = player_of (fixture);
  assert_int_equal (sig_preview_window_get_n_problems (fixture->window), 0);
  assert_int_equal (sig_course_player_get_position (player, &module_index, NULL, NULL), SIG_PLAYER_ITEM);
  assert_int_equal (module_index, 1);
}

/* A lint problem in a scenario node: activating it shows that node. */
static void
test_problem_jumps_to_node (void **state)
{
  Fixture *fixture = *state;
  SigCoursePlayer *player;
  GtkWidget *row, *view;
  const SigEngine *engine;
  guint before = fixture->reloads;

  /* n-open loses its English text: the course still loads, lint complains. */
  edit (fixture, "scenarios/example-salon-case.xml",
        "    <text xml:lang=\"en\">\"He always wants to know where I am. And I'm not really allowed to pay myself.\"</text>\n",
        "");
  assert_true (wait_for_reload (fixture, before));
  player = player_of (fixture);
  assert_int_equal (sig_preview_window_get_n_problems (fixture->window), 1);
  assert_true (g_str_has_suffix (sig_preview_window_get_problem (fixture->window, 0)->file, "example-salon-case.xml"));

  row = sig_preview_window_get_problem_row (fixture->window, 0);
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  flush ();
  view = sig_course_player_get_item_widget (player);
  assert_true (SIG_IS_SCENARIO_VIEW (view));
  assert_string_equal (sig_scenario_view_get_page (SIG_SCENARIO_VIEW (view)), "play");
  engine = sig_scenario_view_get_engine (SIG_SCENARIO_VIEW (view));
  assert_string_equal (sig_engine_get_node (engine)->id, "n-open");

  /* Playing on records nothing: the choice is taken and shown. */
  assert_true (sig_scenario_view_choose (SIG_SCENARIO_VIEW (view), "c-listen", NULL));
  flush ();
}

/* The switchers: the course's languages, and the personas of the scenario shown. */
static void
test_switchers (void **state)
{
  Fixture *fixture = *state;
  SigCoursePlayer *player = player_of (fixture);
  GtkDropDown *languages = sig_preview_window_get_language_switcher (fixture->window);
  GtkDropDown *personas = sig_preview_window_get_persona_switcher (fixture->window);
  GtkWidget *view;
  const SigEngine *engine;

  assert_int_equal (g_list_model_get_n_items (gtk_drop_down_get_model (languages)), 2);
  assert_string_equal (sig_preview_window_get_language (fixture->window), "en");
  sig_course_player_show_position (player, SIG_PLAYER_ITEM, 0, 0, 0);
  flush ();
  /* Dutch: the same page, in Dutch. */
  gtk_drop_down_set_selected (languages, 0);
  flush ();
  assert_string_equal (sig_preview_window_get_language (fixture->window), "nl");
  player = player_of (fixture);
  assert_true (label_shows (sig_course_player_get_item_widget (player), "Klein begonnen"));
  assert_false (gtk_widget_is_visible (GTK_WIDGET (personas)));

  /* The scenario: its personas to choose from; Daan starts it as Daan. */
  sig_course_player_show_position (player, SIG_PLAYER_ITEM, 1, 3, 0);
  flush ();
  assert_true (SIG_IS_SCENARIO_VIEW (sig_course_player_get_item_widget (player)));
  assert_true (gtk_widget_is_visible (GTK_WIDGET (personas)));
  assert_int_equal (g_list_model_get_n_items (gtk_drop_down_get_model (personas)), 3);
  gtk_drop_down_set_selected (personas, 2);
  flush ();
  view = sig_course_player_get_item_widget (player);
  assert_true (SIG_IS_SCENARIO_VIEW (view));
  engine = sig_scenario_view_get_engine (SIG_SCENARIO_VIEW (view));
  assert_non_null (engine);
  assert_string_equal (sig_engine_get_persona (engine)->id, "daan");
}

/* A folder whose course.xml is gone: the status page, no crash. */
static void
test_folder_without_course (void **state)
{
  Fixture *fixture = *state;
  g_autofree char *course = g_build_filename (fixture->dir, "course.xml", NULL);
  guint before = fixture->reloads;

  assert_int_equal (g_unlink (course), 0);
  assert_true (wait_for_reload (fixture, before));
  assert_null (sig_preview_window_get_player (fixture->window));
  assert_true (gtk_widget_is_visible (sig_preview_window_get_status_page (fixture->window)));
  assert_true (sig_preview_window_get_n_problems (fixture->window) >= 1);
}

/* ---- Pictures, for the documentation ----------------------------------- */

static void
save_picture (GtkWidget  *window,
              const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_texture_save_to_png (texture, path);
}

static gboolean
waited (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
settle (void)
{
  gboolean done = FALSE;

  g_timeout_add (600, waited, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  flush ();
}

static void
take_pictures (const char *out)
{
  Fixture fixture = { 0 };
  void *state = &fixture;
  const int widths[] = { 360, 1100 };
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  /* The application loads its style sheet by itself; here there is none. */
  gtk_css_provider_load_from_resource (css, "/nl/signaal/Signaal/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      g_autofree char *example = g_build_filename (g_getenv ("SOURCE_DIR"), "tests", "fixtures", "valid", "example-course", NULL);
      g_autofree char *tmp = g_dir_make_tmp ("sig-preview-XXXXXX", NULL);
      g_autofree char *dir = g_build_filename (tmp, "my-course", NULL);
      g_autoptr(GFile) folder = NULL;
      SigPreviewWindow *window;
      const char *language = g_getenv ("SIGNAAL_PREVIEW_LANGUAGE");
      g_autofree char *page = NULL, *scenario = NULL, *broken = NULL;

      copy_tree (example, dir);
      folder = g_file_new_for_path (dir);
      window = sig_preview_window_new (NULL, folder, helplines, language != NULL ? language : "en");
      gtk_window_set_default_size (GTK_WINDOW (window), widths[w], 760);
      gtk_window_present (GTK_WINDOW (window));
      sig_preview_window_reload (window);
      settle ();
      sig_course_player_show_position (SIG_COURSE_PLAYER (sig_preview_window_get_player (window)), SIG_PLAYER_ITEM, 0, 0, 0);
      settle ();
      page = g_strdup_printf ("%s/preview-%s-%d-page.png", out, language, widths[w]);
      save_picture (GTK_WIDGET (window), page);

      fixture.dir = dir;
      edit (&fixture, "scenarios/example-salon-case.xml",
            "    <text xml:lang=\"en\">\"He always wants to know where I am. And I'm not really allowed to pay myself.\"</text>\n", "");
      sig_preview_window_reload (window);
      g_signal_emit_by_name (gtk_widget_get_parent (sig_preview_window_get_problem_row (window, 0)), "row-activated",
                             sig_preview_window_get_problem_row (window, 0));
      sig_preview_window_show_problems (window, widths[w] > 600);
      settle ();
      scenario = g_strdup_printf ("%s/preview-%s-%d-scenario.png", out, language, widths[w]);
      save_picture (GTK_WIDGET (window), scenario);

      edit (&fixture, "course.xml", "<h>Geweld begint vaak klein</h>", "<h>Geweld begint vaak klein</h>\n<bogus/>");
      sig_preview_window_reload (window);
      settle ();
      broken = g_strdup_printf ("%s/preview-%s-%d-broken.png", out, language, widths[w]);
      save_picture (GTK_WIDGET (window), broken);
      gtk_window_destroy (GTK_WINDOW (window));
      flush ();
    }
  (void) state;
}

int
main (void)
{
  g_autofree char *helplines_path = g_build_filename (g_getenv ("SOURCE_DIR"), "content", "helplines.xml", NULL);
  g_autoptr(GError) error = NULL;
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_reload_keeps_place, setup, teardown),
    cmocka_unit_test_setup_teardown (test_broken_edit_shows_problem, setup, teardown),
    cmocka_unit_test_setup_teardown (test_problem_jumps_to_node, setup, teardown),
    cmocka_unit_test_setup_teardown (test_switchers, setup, teardown),
    cmocka_unit_test_setup_teardown (test_folder_without_course, setup, teardown),
  };

  /* The pictures in Dutch need the build's catalogue and a Dutch locale. */
  setlocale (LC_ALL, "");
  if (g_getenv ("SIGNAAL_LOCALE_DIR") != NULL)
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SIGNAAL_LOCALE_DIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_init ();
  adw_init ();
  helplines = sig_helplines_load (helplines_path, &error);
  if (helplines == NULL)
    {
      g_printerr ("The helplines do not load: %s\n", error->message);
      return 1;
    }
  if (g_getenv ("SIGNAAL_PREVIEW_SCREENSHOTS") != NULL)
    {
      take_pictures (g_getenv ("SIGNAAL_PREVIEW_SCREENSHOTS"));
      return 0;
    }
  return cmocka_run_group_tests_name ("ui-preview", tests, NULL, NULL);
}
