/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "sig-accessible.h"
#include "sig-application.h"
#include "sig-store-review.h"
#include "sig-helplines.h"
#include "sig-labels.h"
#include "sig-search-provider.h"
#include "sig-store.h"
#include "sig-import-dialog.h"
#include "sig-feed-update.h"
#include "sig-sync-worker.h"
#include "sig-preview-window.h"
#include "sig-window.h"

struct _SigApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  SigStore *store;
  SigHelplines *helplines;
  char *language;
  GError *store_error;
  gboolean library_refreshed;
  SigSearchProvider *search_provider;
  SigSyncWorker *sync_worker;
  GNetworkMonitor *network;
  gint64 feeds_checked;     /* monotonic µs of the last automatic feed check; 0: never */
  gboolean feeds_busy;
  GFile *preview_folder;     /* --preview DIR: shown instead of the library */
};

G_DEFINE_FINAL_TYPE (SigApplication, sig_application, ADW_TYPE_APPLICATION)

GSettings *
sig_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "nl.signaal.Signaal", TRUE);
#ifdef SIGNAAL_BUILD_SCHEMA_DIR
  /* Run from the build tree: the schema compiled there. */
  if (schema == NULL)
    {
      g_autoptr(GSettingsSchemaSource) build = g_settings_schema_source_new_from_directory (SIGNAAL_BUILD_SCHEMA_DIR, source, FALSE, NULL);

      if (build != NULL)
        schema = g_settings_schema_source_lookup (build, "nl.signaal.Signaal", TRUE);
    }
#endif
  if (schema == NULL)
    g_error ("The settings schema nl.signaal.Signaal is not installed. Install Signaal, or set GSETTINGS_SCHEMA_DIR.");
  return g_settings_new_full (schema, NULL, NULL);
}

/* ---- Library refresh, in a worker thread with its own connection -------- */

/* Checks the course files against the index, in a worker with its own
 * connection; TRUE when the index changed. */
static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autoptr(SigStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GError *error = NULL;

  g_autofree char *learner = NULL;
  guint added = 0;

  store = sig_store_open (task_data, SIG_STORE_OPEN_DEFAULT, &error);
  if (store == NULL ||
      (before = sig_store_get_index_stamp (store, &error)) == NULL ||
      !sig_store_refresh_library (store, &error) ||
      (after = sig_store_get_index_stamp (store, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Modules the learner completed before the store kept a review deck come
   * into it once (this loads their courses, so not on the main thread). */
  if (!sig_store_get_read_only (store) && (learner = sig_store_get_current_profile (store)) != NULL &&
      !sig_store_catch_up_review_deck (store, learner, &added, &error))
    {
      g_message ("The review deck could not be brought up to date: %s", error->message);
      g_clear_error (&error);
    }
  /* A read-only store writes no index: its list comes from the files. */
  g_task_return_boolean (task, sig_store_get_read_only (store) || g_strcmp0 (before, after) != 0 || added > 0);
}

static void
refresh_finished (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SigApplication *self = SIG_APPLICATION (source);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  gboolean changed;

  self->library_refreshed = TRUE;
  changed = g_task_propagate_boolean (G_TASK (result), &error);
  if (error != NULL)
    g_warning ("The course library could not be refreshed: %s", error->message);
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (changed && SIG_IS_WINDOW (window))
    sig_window_reload_library (SIG_WINDOW (window));
#ifdef __GLIBC__
  /* The worker read every course file; what it freed goes back to the
   * system rather than staying with its thread's heap. */
  malloc_trim (0);
#endif
}

static void
refresh_library (SigApplication *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->store == NULL || self->library_refreshed)
    return;
  self->library_refreshed = TRUE;
  task = g_task_new (self, NULL, refresh_finished, NULL);
  g_task_set_source_tag (task, refresh_library);
  g_task_set_task_data (task, g_strdup (sig_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, refresh_thread);
}

/* The files are checked once the first window has been drawn. */
static void
on_window_painted (GdkFrameClock  *clock,
                   SigApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_window_painted, self);
  refresh_library (self);
}

static void
on_window_mapped (GtkWidget      *window,
                  SigApplication *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  if (clock == NULL)
    refresh_library (self);
  else
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_window_painted), self, 0);
}

/* ---- Actions ------------------------------------------------------------- */

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  for (GList *l = windows; l != NULL; l = l->next)
    if (SIG_IS_WINDOW (l->data))
      gtk_window_close (l->data);
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  SigApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Signaal contributors"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", window,
                        "modal", TRUE,
                        "application-name", "Signaal",
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Signaal contributors"),
                        "developers", developers,
                        "comments", _("Learn to recognise signs of gender-based violence in your work, and to respond well. Signaal works offline; your progress stays on this computer."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_widget_add_css_class (about, "sig-scaled");
  sig_accessible_name_buttons (about);
  gtk_window_present (GTK_WINDOW (about));
}

static SigWindow *ensure_window (SigApplication *self);
static void show_store_error (SigApplication *self);
static void start_sync (SigApplication *self);

/* The progress, opened on first need when Signaal started for a preview. */
static gboolean
have_store (SigApplication *self)
{
  if (self->store == NULL && self->store_error == NULL)
    {
      self->store = sig_store_open (NULL, SIG_STORE_OPEN_DEFAULT, &self->store_error);
      sig_search_provider_set_library (self->search_provider, self->store, self->language);
    }
  return self->store != NULL;
}

/* Opens the library page of a course (the GNOME Shell search provider). */
static void
show_course_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  SigApplication *self = user_data;
  SigWindow *window;

  if (!have_store (self))
    {
      show_store_error (self);
      return;
    }
  window = ensure_window (self);
  gtk_window_present (GTK_WINDOW (window));
  sig_window_show_course (window, g_variant_get_string (parameter, NULL));
}

static void
open_preview (SigApplication *self,
              GFile          *folder)
{
  SigPreviewWindow *window = sig_preview_window_new (GTK_APPLICATION (self), folder, self->helplines,
                                                     self->language);

  gtk_window_present (GTK_WINDOW (window));
}

/* Opens an authoring folder in a preview (signaal --preview DIR). */
static void
preview_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  g_autoptr(GFile) folder = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  open_preview (user_data, folder);
}

static void
on_preview_folder_chosen (GtkNativeDialog *dialog,
                          int              response,
                          SigApplication  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (folder != NULL)
        open_preview (self, folder);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
preview_folder_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  SigApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Preview a Course Folder"), window,
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Preview"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_preview_folder_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static const GActionEntry app_actions[] = {
  { "preview", preview_activated, "s", NULL, NULL, { 0 } },
  { "preview-folder", preview_folder_activated, NULL, NULL, NULL, { 0 } },
  { "show-course", show_course_activated, "s", NULL, NULL, { 0 } },
  { "quit", quit_activated, NULL, NULL, NULL, { 0 } },
  { "about", about_activated, NULL, NULL, NULL, { 0 } },
};

/* ---- GApplication -------------------------------------------------------- */

/* Opening the store checks the database page by page (PRAGMA quick_check),
 * which takes longer the more it holds: it runs in a thread beside GTK's own
 * start (the display, its renderer), which needs no store. */
static gpointer
open_store (gpointer data)
{
  SigApplication *self = data;

  self->store = sig_store_open (NULL, SIG_STORE_OPEN_DEFAULT, &self->store_error);
  return NULL;
}

static void
sig_application_startup (GApplication *application)
{
  SigApplication *self = SIG_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  g_autofree char *helplines_path = NULL;
  g_autoptr(GError) error = NULL;
  GThread *opening = NULL;

  /* A preview records nothing: started for one, the progress is not even opened. */
  if (self->preview_folder == NULL)
    opening = g_thread_new ("signaal-open", open_store, self);
  G_APPLICATION_CLASS (sig_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);

  /* Started by D-Bus for a search in the GNOME Shell overview: stay a while
   * for the next keystroke instead of quitting after each answer. */
  if (g_application_get_flags (application) & G_APPLICATION_IS_SERVICE)
    g_application_set_inactivity_timeout (application, 10000);
  self->settings = sig_settings_new ();
  self->language = sig_course_language (self->settings);
  if (opening != NULL)
    g_thread_join (opening);
  sig_search_provider_set_library (self->search_provider, self->store, self->language);
  /* Without a window nothing else brings the index up to date for the search. */
  if (g_application_get_flags (application) & G_APPLICATION_IS_SERVICE)
    refresh_library (self);
  if (self->store != NULL && !(g_application_get_flags (application) & G_APPLICATION_IS_SERVICE))
    start_sync (self);
  helplines_path = sig_helplines_default_path ();
  self->helplines = sig_helplines_load (helplines_path, &error);
  if (self->helplines == NULL)
    g_warning ("The helplines cannot be read: %s", error->message);
}

/* The learner's outbox goes to the organisation in the background: now, when
 * the network comes back, after each recorded event and after a backoff. A
 * profile without a connection sends nothing (the worker finds no consent). */
static void
on_current_profile (SigApplication *self)
{
  g_autofree char *profile_id = sig_store_get_current_profile (self->store);

  sig_sync_worker_set_profile (self->sync_worker, profile_id);
  sig_sync_worker_request (self->sync_worker, FALSE);
}

static void
on_progress_changed (SigApplication *self)
{
  sig_sync_worker_request (self->sync_worker, FALSE);
}

/* Course feeds are checked when the network is there: at start and when it
 * comes back, at most every six hours. Updates are installed through the one
 * install path; what went wrong is logged here and shown on demand in
 * Preferences, Organisation ("Check for Updates"). */
static void
run_feed_check (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStore) store = sig_store_open (task_data, SIG_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) feeds = NULL;
  guint installed = 0;

  if (store != NULL && !sig_store_get_read_only (store) && (feeds = sig_feed_subscriptions (store, &error)) != NULL &&
      feeds[0] != NULL)
    installed = sig_feed_update_all (store, (const char * const *) feeds, NULL, NULL, messages, NULL, cancellable);
  if (error != NULL)
    g_message ("Course feeds: %s", error->message);
  for (guint i = 0; i < messages->len; i++)
    g_message ("Course feeds: %s", (const char *) messages->pdata[i]);
  g_task_return_int (task, installed);
}

static void
on_feed_check_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SigApplication *self = SIG_APPLICATION (source);

  self->feeds_busy = FALSE;
  if (g_task_propagate_int (G_TASK (result), NULL) > 0 && self->store != NULL)
    sig_store_refresh_library (self->store, NULL);
}

static void
check_feeds (SigApplication *self)
{
  g_autoptr(GTask) task = NULL;
  gint64 now = g_get_monotonic_time ();

  if (self->store == NULL || self->feeds_busy || !g_network_monitor_get_network_available (self->network) ||
      (self->feeds_checked != 0 && now - self->feeds_checked < 6 * G_TIME_SPAN_HOUR))
    return;
  self->feeds_busy = TRUE;
  self->feeds_checked = now;
  task = g_task_new (self, NULL, on_feed_check_done, NULL);
  g_task_set_task_data (task, g_strdup (sig_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, run_feed_check);
}

static void
start_sync (SigApplication *self)
{
  self->network = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect_object (self->network, "network-changed", G_CALLBACK (check_feeds), self, G_CONNECT_SWAPPED);
  check_feeds (self);
  self->sync_worker = sig_sync_worker_new (sig_store_get_path (self->store));
  g_signal_connect_object (self->store, "notify::current-profile", G_CALLBACK (on_current_profile), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "progress-changed", G_CALLBACK (on_progress_changed), self, G_CONNECT_SWAPPED);
  on_current_profile (self);
}

SigSyncWorker *
sig_application_get_sync_worker (SigApplication *self)
{
  g_return_val_if_fail (SIG_IS_APPLICATION (self), NULL);
  return self->sync_worker;
}

static SigWindow *
ensure_window (SigApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (SIG_IS_WINDOW (window))
    return SIG_WINDOW (window);
  window = GTK_WINDOW (sig_window_new (ADW_APPLICATION (self), self->settings, self->store,
                                       self->helplines, self->language));
  g_signal_connect (window, "map", G_CALLBACK (on_window_mapped), self);
  return SIG_WINDOW (window);
}

static void
show_store_error (SigApplication *self)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (self));
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_window_set_title (GTK_WINDOW (window), "Signaal");
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 420);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "dialog-error-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Your progress cannot be opened"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status), self->store_error->message);
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), status);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

static void
show_recovery (SigApplication *self,
               GtkWindow      *window)
{
  const SigStoreRecovery *recovery = sig_store_get_recovery (self->store);
  GtkWidget *dialog;

  if (recovery == NULL)
    return;
  dialog = adw_message_dialog_new (window, _("Your progress was repaired"), recovery->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sig_application_activate (GApplication *application)
{
  SigApplication *self = SIG_APPLICATION (application);
  SigWindow *window;

  if (self->preview_folder != NULL)
    {
      g_autoptr(GFile) folder = g_steal_pointer (&self->preview_folder);

      open_preview (self, folder);
      return;
    }
  if (!have_store (self))
    {
      show_store_error (self);
      return;
    }
  window = ensure_window (self);
  gtk_window_present (GTK_WINDOW (window));
  show_recovery (self, GTK_WINDOW (window));
}

/* --preview DIR: a running Signaal opens the preview; otherwise this one
 * starts for it alone. */
static int
sig_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  SigApplication *self = SIG_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;
  const char *dir = NULL;

  if (!g_variant_dict_lookup (options, "preview", "^&ay", &dir))
    return -1;
  folder = g_file_new_for_commandline_arg (dir);
  path = g_file_get_path (folder);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_printerr (_("signaal: %s is not a folder. Give the authoring folder that holds course.xml.\n"), dir);
      return 2;
    }
  /* Known before start-up, which then leaves the progress closed. */
  self->preview_folder = g_steal_pointer (&folder);
  if (!g_application_register (application, NULL, &error))
    {
      g_printerr ("signaal: %s\n", error->message);
      return 1;
    }
  if (g_application_get_is_remote (application))
    {
      g_clear_object (&self->preview_folder);
      g_action_group_activate_action (G_ACTION_GROUP (application), "preview", g_variant_new_string (path));
      return 0;
    }
  return -1;
}

static void
sig_application_open (GApplication  *application,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  SigApplication *self = SIG_APPLICATION (application);
  SigWindow *window;

  if (!have_store (self))
    {
      show_store_error (self);
      return;
    }
  window = ensure_window (self);
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *name = g_file_get_basename (files[i]);

      /* A certificate's .json is checked; anything else is a course to import. */
      if (name != NULL && g_str_has_suffix (name, ".json"))
        sig_window_verify (window, files[i]);
      else
        /* From outside the app: ask first, then install the bytes shown. */
        sig_import_dialog_present (window, self->store, files[i]);
    }
}

static gboolean
sig_application_dbus_register (GApplication     *application,
                               GDBusConnection  *connection,
                               const char       *object_path,
                               GError          **error)
{
  SigApplication *self = SIG_APPLICATION (application);
  g_autofree char *provider_path = g_strconcat (object_path, "/SearchProvider", NULL);

  if (!G_APPLICATION_CLASS (sig_application_parent_class)->dbus_register (application, connection, object_path, error))
    return FALSE;
  return sig_search_provider_export (self->search_provider, connection, provider_path, error);
}

static void
sig_application_dbus_unregister (GApplication    *application,
                                 GDBusConnection *connection,
                                 const char      *object_path)
{
  SigApplication *self = SIG_APPLICATION (application);

  if (self->search_provider != NULL)
    sig_search_provider_unexport (self->search_provider);
  G_APPLICATION_CLASS (sig_application_parent_class)->dbus_unregister (application, connection, object_path);
}

static void
sig_application_dispose (GObject *object)
{
  SigApplication *self = SIG_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->sync_worker);
  g_clear_object (&self->network);
  g_clear_object (&self->store);
  g_clear_object (&self->search_provider);
  g_clear_object (&self->preview_folder);
  g_clear_pointer (&self->helplines, sig_helplines_free);
  G_OBJECT_CLASS (sig_application_parent_class)->dispose (object);
}

static void
sig_application_finalize (GObject *object)
{
  SigApplication *self = SIG_APPLICATION (object);

  g_clear_error (&self->store_error);
  g_free (self->language);
  G_OBJECT_CLASS (sig_application_parent_class)->finalize (object);
}

static void
sig_application_class_init (SigApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = sig_application_dispose;
  object_class->finalize = sig_application_finalize;
  application_class->startup = sig_application_startup;
  application_class->activate = sig_application_activate;
  application_class->open = sig_application_open;
  application_class->handle_local_options = sig_application_handle_local_options;
  application_class->dbus_register = sig_application_dbus_register;
  application_class->dbus_unregister = sig_application_dbus_unregister;
}

static void
sig_application_init (SigApplication *self)
{
  const GOptionEntry options[] = {
    { "preview", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Show the course in an authoring folder as learners see it, loading it again when a file is saved; nothing is recorded"),
      N_("DIR") },
    { NULL }
  };

  self->search_provider = sig_search_provider_new (G_APPLICATION (self));
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

SigApplication *
sig_application_new (void)
{
  return g_object_new (SIG_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       /* The same resources in the .Devel variant. */
                       "resource-base-path", "/nl/signaal/Signaal",
                       NULL);
}
