/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Organisation page of Preferences: the consent flow. The organisation
 * file pre-sets and locks the connection; turning sharing on asks first, says
 * what is shared and with whom; "Do Not Share" changes nothing; "Share"
 * records the connection (the secret in a real keyring, with-keyring.sh);
 * "Stop Sharing" removes both. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "sig-organisation-page.h"
#include "sig-preferences-window.h"
#include "sig-secret.h"
#include "sig-store-outbox.h"
#include "sig-store.h"

#define ENDPOINT "https://lrs.example.org/xAPI/"

static char *tmp;

static void
flush (void)
{
  for (int i = 0; i < 50; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
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

/* The row of @type whose title contains @title. */
static GtkWidget *
find_row (GtkWidget  *root,
          GType       type,
          const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_type (root, type, rows);
  for (guint i = 0; i < rows->len; i++)
    if (strstr (adw_preferences_row_get_title (rows->pdata[i]), title) != NULL)
      return rows->pdata[i];
  return NULL;
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_type (root, type, found);
  return found->len > 0 ? found->pdata[0] : NULL;
}

static AdwMessageDialog *
dialog_over (GtkWindow *window)
{
  AdwMessageDialog *found = NULL;

  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        gtk_window_get_transient_for (l->data) == window)
      found = l->data;
  return found;
}

/* With SIGNAAL_SCREENSHOT_DIR set, saves @window as NAME.png there (to look at
 * the page at the narrowest width, 360 px). */
static void
screenshot (GtkWidget  *window,
            const char *name)
{
  const char *dir = g_getenv ("SIGNAAL_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  {
    gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (window), gtk_widget_get_height (window));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (window), gtk_widget_get_height (window)));
  path = g_strdup_printf ("%s/%s.png", dir, name);
  if (!gdk_texture_save_to_png (texture, path))
    g_printerr ("%s could not be saved\n", path);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    fail_msg ("“%s” not in “%s”", part, text ? text : "(null)");
}

static void
test_consent_flow (void **state)
{
  g_autofree char *db = g_build_filename (tmp, "progress.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStore) store = sig_store_open (db, SIG_STORE_OPEN_DEFAULT, &error);
  g_autoptr(SigProfile) profile = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(SigStoreConnection) connection = NULL;
  g_autofree char *secret = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = g_settings_schema_source_lookup (source, "nl.signaal.Signaal", TRUE);
  GtkWidget *window, *page, *sharing, *row;
  AdwMessageDialog *dialog;
  const char *profile_id;

  assert_non_null (store);
  assert_non_null (schema);
  settings = g_settings_new_full (schema, NULL, NULL);
  profile = sig_store_create_profile (store, "Anna", NULL, NULL, "en", &error);
  assert_non_null (profile);
  profile_id = sig_profile_get_id (profile);

  window = sig_preferences_window_new (NULL, settings, store, profile, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 760);
  gtk_window_present (GTK_WINDOW (window));
  flush ();
  page = find_type (window, SIG_TYPE_ORGANISATION_PAGE);
  assert_non_null (page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  flush ();
  if (g_getenv ("SIGNAAL_SCREENSHOT_DIR") != NULL)
    {
      /* only looking, in any language: the page, then the consent question */
      screenshot (page, "organisation-off");
      gtk_switch_set_active (GTK_SWITCH (find_type (page, GTK_TYPE_SWITCH)), TRUE);
      flush ();
      screenshot (GTK_WIDGET (dialog_over (GTK_WINDOW (window))), "organisation-consent");
      return;
    }

  /* off, and the organisation's values shown, locked */
  row = find_row (page, ADW_TYPE_ACTION_ROW, "Status");
  assert_string_equal (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Off: nothing is sent.");
  row = find_row (page, ADW_TYPE_ENTRY_ROW, "Address of the learning record store");
  assert_string_equal (gtk_editable_get_text (GTK_EDITABLE (row)), ENDPOINT);
  assert_false (gtk_widget_get_sensitive (row));
  assert_contains (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP))),
                   "Set by Vereniging Test");
  row = find_row (page, ADW_TYPE_ENTRY_ROW, "Your student or member number");
  assert_true (gtk_widget_get_sensitive (row));
  gtk_editable_set_text (GTK_EDITABLE (row), "S12345");
  row = find_row (page, ADW_TYPE_PASSWORD_ENTRY_ROW, "Secret");
  gtk_editable_set_text (GTK_EDITABLE (row), "geheim-uit-de-test");

  /* the switch has an accessible name and asks before anything is stored */
  sharing = find_type (page, GTK_TYPE_SWITCH);
  assert_non_null (sharing);
  assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (sharing), GTK_ACCESSIBLE_PROPERTY_LABEL));
  gtk_switch_set_active (GTK_SWITCH (sharing), TRUE);
  flush ();
  dialog = dialog_over (GTK_WINDOW (window));
  assert_non_null (dialog);
  assert_contains (adw_message_dialog_get_heading (dialog), "Vereniging Test");
  assert_contains (adw_message_dialog_get_body (dialog), "lrs.example.org");
  assert_contains (adw_message_dialog_get_body (dialog), "your answers to questions");
  assert_contains (adw_message_dialog_get_body (dialog), "decisions you make in scenarios");
  assert_contains (adw_message_dialog_get_body (dialog), "S12345");
  assert_contains (adw_message_dialog_get_body (dialog), "stop sharing at any time");
  assert_null (sig_store_get_connection (store, profile_id, NULL));

  /* "Do Not Share": nothing stored, the switch back off */
  adw_message_dialog_response (dialog, "cancel");
  flush ();
  assert_null (sig_store_get_connection (store, profile_id, NULL));
  assert_false (gtk_switch_get_active (GTK_SWITCH (sharing)));
  secret = sig_secret_lookup (profile_id, ENDPOINT, NULL, &error);
  assert_null (error);
  assert_null (secret);

  /* "Share": the organisation's connection with the learner's account, the secret in the keyring */
  gtk_switch_set_active (GTK_SWITCH (sharing), TRUE);
  flush ();
  dialog = dialog_over (GTK_WINDOW (window));
  assert_non_null (dialog);
  adw_message_dialog_response (dialog, "share");
  {
    /* the secret goes to the keyring in a worker first */
    gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    SigStoreConnection *made = NULL;

    while ((made = sig_store_get_connection (store, profile_id, NULL)) == NULL && g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
    sig_store_connection_free (made);
    flush ();
  }
  connection = sig_store_get_connection (store, profile_id, &error);
  assert_non_null (connection);
  assert_string_equal (connection->endpoint, ENDPOINT);
  assert_string_equal (connection->key, "signaal-leden");
  assert_string_equal (connection->account_home_page, "https://leden.example.org/");
  assert_string_equal (connection->account_name, "S12345");
  assert_true (connection->consent > 0);
  secret = sig_secret_lookup (profile_id, ENDPOINT, NULL, &error);
  if (secret == NULL)
    fail_msg ("no secret in the keyring: %s", error ? error->message : "none");
  assert_string_equal (secret, "geheim-uit-de-test");
  g_clear_pointer (&secret, g_free);
  assert_true (gtk_switch_get_active (GTK_SWITCH (sharing)));
  row = find_row (page, ADW_TYPE_ACTION_ROW, "Status");
  assert_contains (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "nothing waiting");

  /* "Stop Sharing": the connection and the secret are gone */
  row = find_row (page, ADW_TYPE_ACTION_ROW, "Stop sharing");
  g_signal_emit_by_name (find_type (row, GTK_TYPE_BUTTON), "clicked");
  flush ();
  assert_null (sig_store_get_connection (store, profile_id, NULL));
  secret = sig_secret_lookup (profile_id, ENDPOINT, NULL, NULL);
  assert_null (secret);
  assert_false (gtk_switch_get_active (GTK_SWITCH (sharing)));
  row = find_row (page, ADW_TYPE_ACTION_ROW, "Status");
  assert_string_equal (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Off: nothing is sent.");

  gtk_window_destroy (GTK_WINDOW (window));
  flush ();
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_consent_flow),
  };
  g_autofree char *config = NULL;
  g_autofree char *conf = NULL;
  int failed;

  /* before GTK asks GLib for the system folders */
  tmp = g_dir_make_tmp ("signaal-organisation-page-XXXXXX", NULL);
  config = g_build_filename (tmp, "config", "signaal", NULL);
  g_assert (g_mkdir_with_parents (config, 0755) == 0);
  conf = g_build_filename (config, "organisation.conf", NULL);
  g_assert (g_file_set_contents (conf,
                                 "[Organisation]\nName=Vereniging Test\nLearnersMayChange=false\n"
                                 "[Connection]\nEndpoint=" ENDPOINT "\nKey=signaal-leden\n"
                                 "AccountHomePage=https://leden.example.org/\n", -1, NULL));
  g_free (config);
  config = g_build_filename (tmp, "config", NULL);
  g_setenv ("XDG_CONFIG_DIRS", config, TRUE);
  /* the build's catalogues, for looking at the Dutch page */
  setlocale (LC_ALL, "");
  if (g_getenv ("SIGNAAL_LOCALE_DIR") != NULL)
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SIGNAAL_LOCALE_DIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_init ();
  adw_init ();
  failed = cmocka_run_group_tests (tests, NULL, NULL);
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", tmp);

    (void) system (command);
  }
  return failed;
}
