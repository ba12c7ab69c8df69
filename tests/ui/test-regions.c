/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The learner's region, under Xvfb: the helplines window shows the region's
 * cards first and Guiami only under Bonaire; the region rows of Preferences and
 * of the first-run profile page read and write the "region" setting. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "sig-application.h"
#include "sig-helplines-window.h"
#include "sig-preferences-window.h"
#include "sig-profile-page.h"
#include "sig-store.h"
#include "sig-welcome-page.h"

static SigHelplines *helplines;

static void
flush (void)
{
  for (int i = 0; i < 50; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_text (labels->pdata[i]), text) != NULL)
      return TRUE;
  return FALSE;
}

/* The region groups of the helplines window, in the order shown (their widget
 * name is the region id). */
static GPtrArray *
region_groups (GtkWidget *window)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  GPtrArray *named = g_ptr_array_new ();

  collect (window, ADW_TYPE_PREFERENCES_GROUP, groups);
  for (guint i = 0; i < groups->len; i++)
    if (g_strv_contains (sig_regions (), gtk_widget_get_name (groups->pdata[i])))
      g_ptr_array_add (named, groups->pdata[i]);
  return named;
}

static GtkWidget *
helplines_window (const char *region)
{
  GtkWidget *window = g_object_new (SIG_TYPE_HELPLINES_WINDOW,
                                    "helplines", helplines, "language", "en", "region", region, NULL);

  gtk_window_present (GTK_WINDOW (window));
  flush ();
  return window;
}

static void
test_own_region_first (void **state)
{
  for (guint r = 0; sig_regions ()[r] != NULL; r++)
    {
      const char *region = sig_regions ()[r];
      GtkWidget *window = helplines_window (region);
      g_autoptr(GPtrArray) groups = region_groups (window);

      assert_int_equal (groups->len, SIG_N_REGIONS);
      assert_string_equal (gtk_widget_get_name (groups->pdata[0]), region);
      assert_string_equal (adw_preferences_group_get_description (groups->pdata[0]),
                           "Your region. You can change it in Preferences.");
      for (guint i = 0; i < groups->len; i++)
        {
          gboolean bonaire = g_str_equal (gtk_widget_get_name (groups->pdata[i]), "bonaire");

          /* Guiami is Bonaire's advice point, and shown nowhere else. */
          assert_int_equal (has_label (groups->pdata[i], "Guiami"), bonaire);
          /* every region has an emergency number */
          assert_true (has_label (groups->pdata[i], "112") || has_label (groups->pdata[i], "911"));
        }
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

static void
test_no_invented_numbers (void **state)
{
  GtkWidget *window = helplines_window ("saba");
  g_autoptr(GPtrArray) groups = region_groups (window);

  assert_true (has_label (groups->pdata[0], "Public Entity Saba"));
  assert_true (has_label (groups->pdata[0], "No number"));
  assert_true (has_label (groups->pdata[0], "911"));
  assert_false (has_label (groups->pdata[0], "0802-0802"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_region_from_settings (void **state)
{
  g_autoptr(GSettings) settings = sig_settings_new ();
  GtkWidget *window;
  g_autoptr(GPtrArray) groups = NULL;

  g_settings_set_string (settings, "region", "sint-eustatius");
  window = helplines_window (NULL);
  groups = region_groups (window);
  assert_string_equal (gtk_widget_get_name (groups->pdata[0]), "sint-eustatius");
  assert_true (has_label (groups->pdata[0], "Social Support Unit"));
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "region");
}

static AdwComboRow *
region_row (GtkWidget *root)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect (root, ADW_TYPE_COMBO_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), "Region") == 0)
      return rows->pdata[i];
  fail_msg ("no Region row");
  return NULL;
}

static void
test_preferences_region (void **state)
{
  g_autoptr(GSettings) settings = sig_settings_new ();
  GtkWidget *window;
  AdwComboRow *row;

  g_settings_set_string (settings, "region", "bonaire");
  window = sig_preferences_window_new (NULL, settings, NULL, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  flush ();
  row = region_row (window);
  assert_int_equal (g_list_model_get_n_items (adw_combo_row_get_model (row)), SIG_N_REGIONS);
  assert_string_equal (sig_regions ()[adw_combo_row_get_selected (row)], "bonaire");
  adw_combo_row_set_selected (row, 3);
  flush ();
  g_autofree char *region = g_settings_get_string (settings, "region");
  assert_string_equal (region, "saba");
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "region");
}

static void
test_first_run_region (void **state)
{
  g_autofree char *dir = g_dir_make_tmp ("signaal-regions-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "progress.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStore) store = sig_store_open (path, SIG_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GSettings) settings = sig_settings_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page;
  AdwComboRow *row;
  g_autofree char *region = NULL;

  assert_non_null (store);
  page = sig_profile_page_new (store, "en");
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  flush ();
  row = region_row (page);
  assert_string_equal (sig_regions ()[adw_combo_row_get_selected (row)], "nl");  /* the default */
  adw_combo_row_set_selected (row, 1);
  flush ();
  region = g_settings_get_string (settings, "region");
  assert_string_equal (region, "bonaire");
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  g_unlink (path);
  g_rmdir (dir);
  g_settings_reset (settings, "region");
}

/* The first page a learner sees: the emergency numbers of every region, the
 * advice line of their own region, and Guiami only for Bonaire. */
static void
test_welcome_page (void **state)
{
  g_autoptr(GSettings) settings = sig_settings_new ();
  static const char *const regions[] = { "nl", "bonaire", "saba" };

  for (guint r = 0; r < G_N_ELEMENTS (regions); r++)
    {
      GtkWidget *window = gtk_window_new ();
      GtkWidget *page;
      g_autoptr(GPtrArray) rows = g_ptr_array_new ();

      g_settings_set_string (settings, "region", regions[r]);
      page = sig_welcome_page_new (helplines, "en");
      gtk_window_set_child (GTK_WINDOW (window), page);
      gtk_window_present (GTK_WINDOW (window));
      flush ();
      assert_true (has_label (page, "112"));
      assert_true (has_label (page, "911"));
      assert_int_equal (has_label (page, "Guiami"), g_str_equal (regions[r], "bonaire"));
      assert_int_equal (has_label (page, "0800-2000"), g_str_equal (regions[r], "nl"));
      assert_int_equal (has_label (page, "Public Entity Saba"), g_str_equal (regions[r], "saba"));
      /* the learner's own emergency number comes first */
      collect (page, ADW_TYPE_ACTION_ROW, rows);
      assert_true (rows->len > 0);
      assert_true (has_label (rows->pdata[0], g_str_equal (regions[r], "nl") ? "112" : "911"));
      gtk_window_destroy (GTK_WINDOW (window));
    }
  g_settings_reset (settings, "region");
}

int
main (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("SOURCE_DIR"), "content", "helplines.xml", NULL);
  g_autoptr(GError) error = NULL;
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_own_region_first),
    cmocka_unit_test (test_no_invented_numbers),
    cmocka_unit_test (test_region_from_settings),
    cmocka_unit_test (test_preferences_region),
    cmocka_unit_test (test_first_run_region),
    cmocka_unit_test (test_welcome_page),
  };
  int failed;

  gtk_init ();
  adw_init ();
  helplines = sig_helplines_load (path, &error);
  if (helplines == NULL)
    {
      g_printerr ("The helplines do not load: %s\n", error->message);
      return 1;
    }
  failed = cmocka_run_group_tests_name ("ui-regions", tests, NULL, NULL);
  sig_helplines_free (helplines);
  return failed;
}
