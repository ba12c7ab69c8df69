/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sig-accessible.h"
#include "sig-course-player.h"
#include "sig-helplines-window.h"
#include "sig-import-dialog.h"
#include "sig-labels.h"
#include "sig-library-view.h"
#include "sig-preferences-window.h"
#include "sig-profile-page.h"
#include "sig-progress-view.h"
#include "sig-review-page.h"
#include "sig-safety-buttons.h"
#include "sig-store-review.h"
#include "sig-types.h"
#include "sig-verify-page.h"
#include "sig-welcome-page.h"
#include "sig-application.h"
#include "sig-window.h"

struct _SigWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;
  SigStore *store;
  SigHelplines *helplines;
  char *language;
  SigProfile *profile;
  GtkCssProvider *text_scale_provider;
  GtkFileChooserNative *chooser;
  gint64 last_escape;
  guint imports_running;
  guint pulse_id;
  gboolean home_fresh;        /* build_home() just read the library */
  gboolean progress_stale;    /* the Progress page is read when it is shown */
  gboolean review_stale;      /* so is the Review page */

  GtkWidget *welcome;
  GtkWidget *profile_page;
  GtkWidget *library;
  GtkWidget *progress_slot;   /* the Review and Progress tabs hold their */
  GtkWidget *review_slot;     /* pages, which are built when first shown */
  GtkWidget *progress_view;
  GtkWidget *review_page;
  GtkWidget *player;
  GtkWidget *verify_page;
  GtkWidget *shortcuts;       /* the Keyboard Shortcuts window, once asked for */
  char *verify_return;        /* the screen "Back" on the verify page returns to */

  GtkWidget *toast_overlay;
  GtkWidget *main_stack;
  GtkWidget *home;
  GtkWidget *switcher_title;
  GtkWidget *learner_button;
  GtkWidget *learner_label;
  GtkWidget *learner_initials;
  GtkWidget *view_stack;
  GtkWidget *import_revealer;
  GtkWidget *import_label;
  GtkWidget *import_progress;
};

G_DEFINE_FINAL_TYPE (SigWindow, sig_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_STORE,
  PROP_HELPLINES,
  PROP_LANGUAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void show_home (SigWindow *self);
static void reload_review_if_shown (SigWindow *self);
static void update_review_badge (SigWindow *self);

static void
show_screen (SigWindow  *self,
             const char *name)
{
  gtk_stack_set_visible_child_name (GTK_STACK (self->main_stack), name);
  /* Pages added since are marked too. */
  sig_accessible_hide_inactive_pages (self->main_stack);
  gtk_window_set_title (GTK_WINDOW (self), g_str_equal (name, "neutral") ? _("Untitled") : "Signaal");
}

void
sig_window_reload_library (SigWindow *self)
{
  g_return_if_fail (SIG_IS_WINDOW (self));

  if (self->library != NULL)
    sig_library_view_reload (SIG_LIBRARY_VIEW (self->library));
  update_review_badge (self);
}

gboolean
sig_window_show_course (SigWindow  *self,
                        const char *course_id)
{
  g_return_val_if_fail (SIG_IS_WINDOW (self), FALSE);

  /* Before a profile is chosen there is no library; in the player (or the
   * neutral screen of leave now) the learner stays where they are. */
  if (self->profile == NULL || !g_str_equal (sig_window_get_screen (self), "home"))
    return FALSE;
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->view_stack), "library");
  return sig_library_view_select (SIG_LIBRARY_VIEW (self->library), course_id);
}

const char *
sig_window_get_screen (SigWindow *self)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (self->main_stack));
}

/* ---- Settings ------------------------------------------------------------ */

static void
apply_text_scale (SigWindow *self)
{
  double scale = g_settings_get_double (self->settings, "text-scale");
  /* Body text scales through the inherited percentage; libadwaita's titles
   * have sizes of their own (1.2: 20, 15, 15 and 13 points), scaled here too. */
  g_autofree char *css = NULL;
  char title_1[G_ASCII_DTOSTR_BUF_SIZE];
  char title_2[G_ASCII_DTOSTR_BUF_SIZE];
  char title_4[G_ASCII_DTOSTR_BUF_SIZE];

  /* CSS takes a decimal point whatever the language ("26.0pt", never "26,0pt"). */
  g_ascii_formatd (title_1, sizeof title_1, "%.1f", 20 * scale);
  g_ascii_formatd (title_2, sizeof title_2, "%.1f", 15 * scale);
  g_ascii_formatd (title_4, sizeof title_4, "%.1f", 13 * scale);
  css = g_strdup_printf (".sig-scaled { font-size: %d%%; }\n"
                         ".sig-scaled .title-1 { font-size: %spt; }\n"
                         ".sig-scaled .title-2, .sig-scaled .title-3 { font-size: %spt; }\n"
                         ".sig-scaled .title-4 { font-size: %spt; }\n",
                         (int) (scale * 100 + 0.5), title_1, title_2, title_4);

  gtk_css_provider_load_from_data (self->text_scale_provider, css, -1);
}

static void
apply_reduced_motion (SigWindow *self)
{
  gboolean reduced = g_settings_get_boolean (self->settings, "reduced-motion");
  GtkSettings *settings = gtk_settings_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));

  /* libadwaita's leaflet, view stack and dialogs follow gtk-enable-animations. */
  if (reduced)
    g_object_set (settings, "gtk-enable-animations", FALSE, NULL);
  else
    gtk_settings_reset_property (settings, "gtk-enable-animations");
  gtk_stack_set_transition_type (GTK_STACK (self->main_stack),
                                 reduced ? GTK_STACK_TRANSITION_TYPE_NONE : GTK_STACK_TRANSITION_TYPE_CROSSFADE);
}

/* ---- Screens ------------------------------------------------------------- */

static void
remove_player (SigWindow *self)
{
  if (self->player == NULL)
    return;
  gtk_stack_remove (GTK_STACK (self->main_stack), self->player);
  self->player = NULL;
}

static void
on_player_close (SigWindow *self)
{
  show_home (self);
  remove_player (self);
}

static void
on_play (SigLibraryView *library,
         SigCourse      *course,
         int             module_index,
         SigWindow      *self)
{
  remove_player (self);
  self->player = sig_course_player_new (self->store, sig_profile_get_id (self->profile),
                                        course, self->language, self->helplines);
  g_signal_connect_swapped (self->player, "close", G_CALLBACK (on_player_close), self);
  gtk_stack_add_named (GTK_STACK (self->main_stack), self->player, "player");
  if (module_index < 0)
    sig_course_player_resume (SIG_COURSE_PLAYER (self->player));
  else
    sig_course_player_open_item (SIG_COURSE_PLAYER (self->player), (guint) module_index, 0);
  show_screen (self, "player");
}

/* The current learner's name stays in sight on the home screen, on the
 * button that switches to another learner or adds one. */
static void
show_learner (SigWindow *self)
{
  const char *name = self->profile != NULL ? sig_profile_get_name (self->profile) : "";
  g_autofree char *accessible = g_strdup_printf (_("Learner: %s. Switch learner or add one"), name);

  g_autofree char *initials = sig_initials (name);
  /* Translators: the tooltip of the learner button, as in "Sam de Vries: switch learner or add one". */
  g_autofree char *tooltip = g_strdup_printf (_("%s: switch learner or add one"), name);

  gtk_label_set_text (GTK_LABEL (self->learner_label), name);
  gtk_label_set_text (GTK_LABEL (self->learner_initials), initials);
  gtk_widget_set_tooltip_text (self->learner_button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->learner_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

/* The Review tab shows how many reviews a session would offer now. */
static void
update_review_badge (SigWindow *self)
{
  AdwViewStackPage *page;
  guint due = 0;

  if (self->review_slot == NULL || self->profile == NULL)
    return;
  if (!sig_store_count_due_reviews (self->store, sig_profile_get_id (self->profile), NULL, &due, NULL))
    due = 0;
  page = adw_view_stack_get_page (ADW_VIEW_STACK (self->view_stack), self->review_slot);
  adw_view_stack_page_set_badge_number (page, due);
}

static void
show_review (SigWindow *self)
{
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->view_stack), "review");
}

static void
show_library (SigWindow *self)
{
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->view_stack), "library");
}

/* A review stored or cards added to the deck (a completed module), the daily
 * limit changed: the counts follow. The page itself is read again when it is
 * shown, not in the middle of a session. */
static void
on_reviews_changed (SigStore   *store,
                    const char *profile_id,
                    SigWindow  *self)
{
  if (self->profile == NULL || g_strcmp0 (profile_id, sig_profile_get_id (self->profile)) != 0)
    return;
  update_review_badge (self);
  self->review_stale = TRUE;
  reload_review_if_shown (self);
}

/* GTK 4.8 reads libadwaita's view switchers as "AdwViewSwitcher" and the
 * icons of their buttons as "GtkImage": a name for the switcher, and the
 * icons hidden (the label beside each names the button). */
static void
name_view_switchers (GtkWidget *widget,
                     gboolean   in_switcher)
{
  if (ADW_IS_VIEW_SWITCHER (widget))
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sections"), -1);
      in_switcher = TRUE;
    }
  else if (in_switcher && GTK_IS_IMAGE (widget))
    gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    name_view_switchers (child, in_switcher);
}

/* The Review and Progress pages are built when their tab is first shown:
 * until then they cost neither widgets nor a reading of the store, and the
 * first window draws none of their large icons. */
static void
build_shown_page (SigWindow *self)
{
  GtkWidget *visible = adw_view_stack_get_visible_child (ADW_VIEW_STACK (self->view_stack));

  if (visible == NULL)
    return;
  if (visible == self->review_slot && self->review_page == NULL)
    {
      /* A new page reads the store itself. */
      self->review_page = sig_review_page_new (self->store, self->profile, self->language);
      g_signal_connect_swapped (self->review_page, "show-library", G_CALLBACK (show_library), self);
      adw_bin_set_child (ADW_BIN (self->review_slot), self->review_page);
      self->review_stale = FALSE;
    }
  else if (visible == self->progress_slot && self->progress_view == NULL)
    {
      self->progress_view = sig_progress_view_new (self->store, self->profile, self->language);
      adw_bin_set_child (ADW_BIN (self->progress_slot), self->progress_view);
      self->progress_stale = TRUE;
    }
}

static GtkWidget *
add_page_slot (SigWindow  *self,
               const char *name,
               const char *title,
               const char *icon_name)
{
  GtkWidget *slot = adw_bin_new ();
  AdwViewStackPage *page = adw_view_stack_add_titled (ADW_VIEW_STACK (self->view_stack), slot, name, title);

  adw_view_stack_page_set_icon_name (page, icon_name);
  return slot;
}

static void
build_home (SigWindow *self)
{
  AdwViewStackPage *page;

  if (self->library != NULL)
    {
      adw_view_stack_remove (ADW_VIEW_STACK (self->view_stack), self->library);
      adw_view_stack_remove (ADW_VIEW_STACK (self->view_stack), self->review_slot);
      adw_view_stack_remove (ADW_VIEW_STACK (self->view_stack), self->progress_slot);
      self->review_page = NULL;
      self->progress_view = NULL;
    }
  show_learner (self);
  self->library = sig_library_view_new (self->store, self->profile, self->language);
  g_signal_connect (self->library, "play", G_CALLBACK (on_play), self);
  g_signal_connect_swapped (self->library, "review", G_CALLBACK (show_review), self);
  page = adw_view_stack_add_titled (ADW_VIEW_STACK (self->view_stack), self->library, "library", _("Library"));
  adw_view_stack_page_set_icon_name (page, "view-grid-symbolic");
  self->review_slot = add_page_slot (self, "review", _("Review"), "view-refresh-symbolic");
  self->progress_slot = add_page_slot (self, "progress", _("Progress"), "emblem-documents-symbolic");
  build_shown_page (self);
  update_review_badge (self);
  name_view_switchers (GTK_WIDGET (self), FALSE);
  self->home_fresh = TRUE;
}

static void
reload_review_if_shown (SigWindow *self)
{
  if (self->review_page == NULL || !self->review_stale ||
      adw_view_stack_get_visible_child (ADW_VIEW_STACK (self->view_stack)) != self->review_slot)
    return;
  self->review_stale = FALSE;
  sig_review_page_reload (SIG_REVIEW_PAGE (self->review_page));
}

/* The Progress page reads every started course: not before it is shown. */
static void
reload_progress_if_shown (SigWindow *self)
{
  if (self->progress_view == NULL || !self->progress_stale ||
      adw_view_stack_get_visible_child (ADW_VIEW_STACK (self->view_stack)) != self->progress_slot)
    return;
  self->progress_stale = FALSE;
  sig_progress_view_reload (SIG_PROGRESS_VIEW (self->progress_view));
}

static void
show_home (SigWindow *self)
{
  if (self->library == NULL)
    build_home (self);
  else if (!self->home_fresh)
    sig_library_view_reload (SIG_LIBRARY_VIEW (self->library));
  self->home_fresh = FALSE;
  self->progress_stale = TRUE;
  reload_progress_if_shown (self);
  self->review_stale = TRUE;
  reload_review_if_shown (self);
  update_review_badge (self);
  show_screen (self, "home");
}

static void
on_profile_chosen (SigProfilePage *page,
                   SigProfile     *profile,
                   SigWindow      *self)
{
  g_autoptr(GError) error = NULL;

  g_set_object (&self->profile, profile);
  if (!sig_store_set_current_profile (self->store, sig_profile_get_id (profile), &error))
    g_warning ("The profile cannot be remembered: %s", error->message);
  g_settings_set_string (self->settings, "last-profile", sig_profile_get_id (profile));
  g_settings_set_boolean (self->settings, "show-welcome", FALSE);
  remove_player (self);
  build_home (self);
  show_home (self);
}

static void
show_profile (SigWindow *self)
{
  if (self->profile_page == NULL)
    {
      self->profile_page = sig_profile_page_new (self->store, self->language);
      g_signal_connect (self->profile_page, "profile-chosen", G_CALLBACK (on_profile_chosen), self);
      gtk_stack_add_named (GTK_STACK (self->main_stack), self->profile_page, "profile");
    }
  else
    sig_profile_page_reload (SIG_PROFILE_PAGE (self->profile_page));
  show_screen (self, "profile");
}

static void
on_welcome_continue (SigWindow *self)
{
  show_profile (self);
}

static void
show_welcome (SigWindow *self)
{
  if (self->welcome == NULL)
    {
      self->welcome = sig_welcome_page_new (self->helplines, self->language);
      g_signal_connect_swapped (self->welcome, "continue", G_CALLBACK (on_welcome_continue), self);
      gtk_stack_add_named (GTK_STACK (self->main_stack), self->welcome, "welcome");
    }
  show_screen (self, "welcome");
}

/* ---- Actions ------------------------------------------------------------- */

static void
show_helplines (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SigWindow *self = SIG_WINDOW (widget);
  GtkWidget *window = sig_helplines_window_new (GTK_WINDOW (self), self->helplines, self->language);

  gtk_widget_add_css_class (window, "sig-scaled");
  gtk_window_present (GTK_WINDOW (window));
}

/* Leave now is designed for the moment someone walks in: at once, from
 * every window and dialog of the program, nothing is left on screen that
 * names the program, the learner or a course. Every other window goes
 * (file choosers and the shortcuts window are hidden, as their owners keep
 * them), toasts go, the window becomes an empty "Untitled" page with a
 * generic icon, and it is minimized where the desktop allows. */
static void
hide_toasts (SigWindow *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->toast_overlay);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != self->main_stack)
      gtk_widget_set_visible (child, FALSE);
}

static void
close_other_windows (SigWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      GtkWindow *window = g_list_model_get_item (toplevels, i);

      if (window != GTK_WINDOW (self))
        g_ptr_array_add (others, window);
      else
        g_object_unref (window);
    }
  /* Choosers first: their owners may go with the windows below. */
  for (guint i = 0; i < others->len; i++)
    if (GTK_IS_FILE_CHOOSER (others->pdata[i]) || GTK_IS_SHORTCUTS_WINDOW (others->pdata[i]))
      gtk_widget_set_visible (others->pdata[i], FALSE);
  /* Loosened from each other first: a dialog over a dialog may outlive the
   * window it was over while this function holds it. */
  for (guint i = 0; i < others->len; i++)
    if (!GTK_IS_FILE_CHOOSER (others->pdata[i]) && !GTK_IS_SHORTCUTS_WINDOW (others->pdata[i]))
      gtk_window_set_transient_for (others->pdata[i], NULL);
  for (guint i = 0; i < others->len; i++)
    if (!GTK_IS_FILE_CHOOSER (others->pdata[i]) && !GTK_IS_SHORTCUTS_WINDOW (others->pdata[i]))
      gtk_window_destroy (others->pdata[i]);
}

static void
leave_now (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  SigWindow *self = SIG_WINDOW (widget);

  /* The screen first: pages that leave close their own file dialogs. */
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  gtk_stack_set_transition_type (GTK_STACK (self->main_stack), GTK_STACK_TRANSITION_TYPE_NONE);
  show_screen (self, "neutral");
  close_other_windows (self);
  hide_toasts (self);
  remove_player (self);
  if (self->review_page != NULL)
    sig_review_page_reset (SIG_REVIEW_PAGE (self->review_page));
  if (self->verify_page != NULL)
    sig_verify_page_clear (SIG_VERIFY_PAGE (self->verify_page));
  apply_reduced_motion (self);
  gtk_window_set_icon_name (GTK_WINDOW (self), "text-x-generic");
  gtk_widget_grab_focus (gtk_widget_get_first_child (gtk_stack_get_visible_child (GTK_STACK (self->main_stack))));
  gtk_window_minimize (GTK_WINDOW (self));
}

static void
return_from_neutral (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SigWindow *self = SIG_WINDOW (widget);

  gtk_window_set_icon_name (GTK_WINDOW (self), NULL);
  if (self->profile != NULL)
    show_home (self);
  else
    show_welcome (self);
}

static void
on_profile_deleted (SigWindow *self)
{
  g_clear_object (&self->profile);
  remove_player (self);
  g_settings_set_string (self->settings, "last-profile", "");
  show_welcome (self);
}

static void
on_profile_renamed (SigWindow *self)
{
  g_autoptr(SigProfile) renamed = NULL;

  if (self->profile == NULL)
    return;
  renamed = sig_store_get_profile (self->store, sig_profile_get_id (self->profile), NULL);
  if (renamed != NULL)
    g_set_object (&self->profile, renamed);
  show_learner (self);
}

static void
show_home_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  if (SIG_WINDOW (widget)->profile != NULL)
    on_player_close (SIG_WINDOW (widget));
}

static void
switch_profile (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  show_profile (SIG_WINDOW (widget));
}

static void
show_preferences (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SigWindow *self = SIG_WINDOW (widget);
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  SigSyncWorker *worker = SIG_IS_APPLICATION (application) ? sig_application_get_sync_worker (SIG_APPLICATION (application)) : NULL;
  GtkWidget *window = sig_preferences_window_new (GTK_WINDOW (self), self->settings, self->store, self->profile, worker);

  gtk_widget_add_css_class (window, "sig-scaled");
  g_signal_connect_swapped (window, "profile-deleted", G_CALLBACK (on_profile_deleted), self);
  g_signal_connect_swapped (window, "profile-renamed", G_CALLBACK (on_profile_renamed), self);
  gtk_window_present (GTK_WINDOW (window));
}

/* ---- Verify a certificate ------------------------------------------------- */

static void
on_verify_back (SigWindow *self)
{
  const char *screen = self->verify_return;

  if (screen == NULL || gtk_stack_get_child_by_name (GTK_STACK (self->main_stack), screen) == NULL)
    screen = self->profile != NULL ? "home" : "welcome";
  if (g_str_equal (screen, "home"))
    show_home (self);
  else if (g_str_equal (screen, "welcome"))
    show_welcome (self);
  else
    show_screen (self, screen);
}

static void
ensure_verify_page (SigWindow *self)
{
  const char *current = sig_window_get_screen (self);

  if (self->verify_page == NULL)
    {
      self->verify_page = sig_verify_page_new ();
      g_signal_connect_swapped (self->verify_page, "back", G_CALLBACK (on_verify_back), self);
      gtk_stack_add_named (GTK_STACK (self->main_stack), self->verify_page, "verify");
    }
  if (current != NULL && !g_str_equal (current, "verify") && !g_str_equal (current, "neutral"))
    {
      g_free (self->verify_return);
      self->verify_return = g_strdup (current);
    }
  show_screen (self, "verify");
}

void
sig_window_verify (SigWindow *self,
                   GFile     *file)
{
  g_return_if_fail (SIG_IS_WINDOW (self));

  ensure_verify_page (self);
  if (file != NULL)
    sig_verify_page_open (SIG_VERIFY_PAGE (self->verify_page), file);
}

static void
show_verify (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  sig_window_verify (SIG_WINDOW (widget), NULL);
}

/* ---- Import -------------------------------------------------------------- */

typedef struct {
  SigWindow *window;
  char *name;
} ImportData;

static gboolean
pulse_import (gpointer user_data)
{
  SigWindow *self = user_data;

  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (self->import_progress));
  return G_SOURCE_CONTINUE;
}

static void
import_finished (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ImportData *data = user_data;
  SigWindow *self = data->window;
  g_autoptr(SigLibraryCourse) installed = NULL;
  g_autoptr(GError) error = NULL;
  SigImportResult import_result = SIG_IMPORT_INSTALLED;

  if (--self->imports_running == 0)
    {
      gtk_revealer_set_reveal_child (GTK_REVEALER (self->import_revealer), FALSE);
      g_clear_handle_id (&self->pulse_id, g_source_remove);
    }
  if (!sig_store_import_course_finish (SIG_STORE (source), result, &import_result, &installed, &error))
    {
      GtkWidget *dialog = sig_import_error_dialog_new (GTK_WINDOW (self), data->name, error);

      gtk_window_present (GTK_WINDOW (dialog));
    }
  else
    {
      const char *title = installed != NULL ? sig_library_course_get_title (installed, self->language) : data->name;
      g_autofree char *message = NULL;

      switch (import_result)
        {
        case SIG_IMPORT_UPDATED:
          message = g_strdup_printf (_("“%s” was updated"), title);
          break;
        case SIG_IMPORT_UNCHANGED:
          message = g_strdup_printf (_("“%s” is already installed"), title);
          break;
        case SIG_IMPORT_REPLACED:
          message = g_strdup_printf (_("“%s” was replaced by the changed copy"), title);
          break;
        case SIG_IMPORT_INSTALLED:
        default:
          message = g_strdup_printf (_("“%s” was added to the library"), title);
          break;
        }
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay), adw_toast_new (message));
      if (self->library != NULL)
        {
          sig_library_view_reload (SIG_LIBRARY_VIEW (self->library));
          if (installed != NULL && g_str_equal (sig_window_get_screen (self), "home"))
            sig_library_view_select (SIG_LIBRARY_VIEW (self->library), sig_library_course_get_id (installed));
        }
    }
  g_object_unref (data->window);
  g_free (data->name);
  g_free (data);
}

const char *
sig_window_get_language (SigWindow *self)
{
  g_return_val_if_fail (SIG_IS_WINDOW (self), NULL);
  return self->language;
}

void
sig_window_import (SigWindow *self,
                   GFile     *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *label = NULL;
  ImportData *data;

  g_return_if_fail (SIG_IS_WINDOW (self));

  if (path == NULL)
    return;
  data = g_new0 (ImportData, 1);
  data->window = g_object_ref (self);
  data->name = g_file_get_basename (file);
  label = g_strdup_printf (_("Importing “%s”…"), data->name);
  gtk_label_set_text (GTK_LABEL (self->import_label), label);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->import_revealer), TRUE);
  if (self->pulse_id == 0)
    self->pulse_id = g_timeout_add (100, pulse_import, self);
  self->imports_running++;
  sig_store_import_course_async (self->store, path, NULL, import_finished, data);
}

void
sig_window_install_package (SigWindow  *self,
                            GBytes     *package,
                            const char *name)
{
  g_autofree char *label = NULL;
  ImportData *data;

  g_return_if_fail (SIG_IS_WINDOW (self));

  data = g_new0 (ImportData, 1);
  data->window = g_object_ref (self);
  data->name = g_strdup (name);
  label = g_strdup_printf (_("Importing “%s”…"), data->name);
  gtk_label_set_text (GTK_LABEL (self->import_label), label);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->import_revealer), TRUE);
  if (self->pulse_id == 0)
    self->pulse_id = g_timeout_add (100, pulse_import, self);
  self->imports_running++;
  sig_store_install_package_async (self->store, package, name, NULL, import_finished, data);
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     SigWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          sig_window_import (self, file);
        }
    }
  g_clear_object (&self->chooser);
}

static void
import_course (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SigWindow *self = SIG_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  gtk_file_filter_set_name (filter, _("Signaal courses"));
  gtk_file_filter_add_mime_type (filter, "application/x-signaal-course");
  gtk_file_filter_add_pattern (filter, "*.signaal");
  self->chooser = gtk_file_chooser_native_new (_("Import a Course"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         SigWindow     *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  /* On the verify page a dropped file is a certificate to check. */
  if (g_strcmp0 (sig_window_get_screen (self), "verify") == 0)
    {
      if (files != NULL)
        sig_verify_page_open (SIG_VERIFY_PAGE (self->verify_page), files->data);
      return files != NULL;
    }
  if (self->profile == NULL)
    return FALSE;
  for (GSList *l = files; l != NULL; l = l->next)
    sig_window_import (self, l->data);
  return files != NULL;
}

/* Escape twice within a second leaves at once, in whichever window of the
 * program the presses land: the first may close a dialog, the second, in
 * the window below it, still leaves. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SigWindow             *self)
{
  gint64 now;

  if (keyval != GDK_KEY_Escape)
    return FALSE;
  /* The time of the key press itself (milliseconds), not of its handling:
   * a busy computer does not make two quick presses slow. */
  now = (gint64) gtk_event_controller_get_current_event_time (GTK_EVENT_CONTROLLER (controller)) * 1000;
  if (now == 0)
    now = g_get_monotonic_time ();
  if (self->last_escape != 0 && now >= self->last_escape && now - self->last_escape < G_USEC_PER_SEC)
    {
      self->last_escape = 0;
      gtk_widget_activate_action (GTK_WIDGET (self), "win.leave-now", NULL);
      return TRUE;
    }
  self->last_escape = now;
  return FALSE;
}

static void
watch_keys (SigWindow *self,
            GtkWindow *window)
{
  GtkEventController *keys;

  if (g_object_get_data (G_OBJECT (window), "sig-leave-keys") != NULL)
    return;
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (window), keys);
  g_object_set_data (G_OBJECT (window), "sig-leave-keys", GINT_TO_POINTER (TRUE));
}

static void
on_toplevels_changed (GListModel *toplevels,
                      guint       position,
                      guint       removed,
                      guint       added,
                      SigWindow  *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      watch_keys (self, window);
    }
}

static void
watch_all_windows (SigWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_signal_connect_object (toplevels, "items-changed", G_CALLBACK (on_toplevels_changed), self, 0);
  on_toplevels_changed (toplevels, 0, 0, g_list_model_get_n_items (toplevels), self);
}

/* The Keyboard Shortcuts window (sig-shortcuts-window.ui) is built when it
 * is first asked for, not with every window, and kept (hidden on close) for
 * the next time; the window's dispose destroys it. Its search button has no
 * name in GTK 4.8. */
static void
show_shortcuts (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SigWindow *self = SIG_WINDOW (widget);

  if (self->shortcuts == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/nl/signaal/Signaal/sig-shortcuts-window.ui");

      self->shortcuts = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
      gtk_window_set_transient_for (GTK_WINDOW (self->shortcuts), GTK_WINDOW (self));
      gtk_window_set_hide_on_close (GTK_WINDOW (self->shortcuts), TRUE);
      gtk_widget_add_css_class (self->shortcuts, "sig-scaled");
      sig_accessible_name_buttons (self->shortcuts);
      g_object_add_weak_pointer (G_OBJECT (self->shortcuts), (gpointer *) &self->shortcuts);
    }
  gtk_window_present (GTK_WINDOW (self->shortcuts));
}

/* ---- GObject ------------------------------------------------------------- */

static void
sig_window_constructed (GObject *object)
{
  SigWindow *self = SIG_WINDOW (object);
  g_autofree char *profile_id = NULL;
  GtkDropTarget *drop;

  G_OBJECT_CLASS (sig_window_parent_class)->constructed (object);

  self->text_scale_provider = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->text_scale_provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  apply_text_scale (self);
  apply_reduced_motion (self);
  g_signal_connect_swapped (self->settings, "changed::text-scale", G_CALLBACK (apply_text_scale), self);
  g_signal_connect_swapped (self->settings, "changed::reduced-motion", G_CALLBACK (apply_reduced_motion), self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  watch_all_windows (self);

  /* A store that cannot be written still shows everything; the learner is told why. */
  if (sig_store_get_read_only (self->store) && sig_store_get_read_only_reason (self->store) != NULL)
    {
      AdwToast *toast = adw_toast_new (sig_store_get_read_only_reason (self->store));

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay), toast);
    }

  profile_id = sig_store_get_current_profile (self->store);
  if (profile_id != NULL)
    self->profile = sig_store_get_profile (self->store, profile_id, NULL);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child", G_CALLBACK (build_shown_page), self);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child", G_CALLBACK (reload_progress_if_shown), self);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child", G_CALLBACK (reload_review_if_shown), self);
  g_signal_connect_object (self->store, "reviews-changed", G_CALLBACK (on_reviews_changed), self, 0);
  if (self->profile != NULL)
    show_home (self);
  else
    show_welcome (self);
}

static gboolean
sig_window_close_request (GtkWindow *window)
{
  SigWindow *self = SIG_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  return GTK_WINDOW_CLASS (sig_window_parent_class)->close_request (window);
}

static void
sig_window_dispose (GObject *object)
{
  SigWindow *self = SIG_WINDOW (object);

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->shortcuts != NULL)
    {
      GtkWidget *shortcuts = self->shortcuts;

      g_object_remove_weak_pointer (G_OBJECT (shortcuts), (gpointer *) &self->shortcuts);
      self->shortcuts = NULL;
      gtk_window_destroy (GTK_WINDOW (shortcuts));
    }
  if (self->text_scale_provider != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->text_scale_provider));
  g_clear_object (&self->text_scale_provider);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->profile);
  G_OBJECT_CLASS (sig_window_parent_class)->dispose (object);
}

static void
sig_window_finalize (GObject *object)
{
  SigWindow *self = SIG_WINDOW (object);

  g_free (self->language);
  g_free (self->verify_return);
  G_OBJECT_CLASS (sig_window_parent_class)->finalize (object);
}

static void
sig_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SigWindow *self = SIG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_HELPLINES:
      g_value_set_pointer (value, self->helplines);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sig_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SigWindow *self = SIG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_HELPLINES:
      self->helplines = g_value_get_pointer (value);
      break;
    case PROP_LANGUAGE:
      self->language = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sig_window_class_init (SigWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = sig_window_constructed;
  object_class->dispose = sig_window_dispose;
  object_class->finalize = sig_window_finalize;
  object_class->get_property = sig_window_get_property;
  object_class->set_property = sig_window_set_property;
  window_class->close_request = sig_window_close_request;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SIG_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HELPLINES] =
    g_param_spec_pointer ("helplines", NULL, NULL,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, "en",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "win.show-helplines", NULL, show_helplines);
  gtk_widget_class_install_action (widget_class, "win.leave-now", NULL, leave_now);
  gtk_widget_class_install_action (widget_class, "win.return", NULL, return_from_neutral);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, show_preferences);
  gtk_widget_class_install_action (widget_class, "win.switch-profile", NULL, switch_profile);
  gtk_widget_class_install_action (widget_class, "win.show-home", NULL, show_home_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_course);
  gtk_widget_class_install_action (widget_class, "win.verify", NULL, show_verify);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_shortcuts);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "win.show-helplines", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "win.show-helplines", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_V, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.verify", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK, "win.show-help-overlay", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.show-help-overlay", NULL);

  g_type_ensure (SIG_TYPE_SAFETY_BUTTONS);
  gtk_widget_class_set_template_from_resource (widget_class, "/nl/signaal/Signaal/sig-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SigWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SigWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SigWindow, home);
  gtk_widget_class_bind_template_child (widget_class, SigWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, SigWindow, learner_button);
  gtk_widget_class_bind_template_child (widget_class, SigWindow, learner_label);
  gtk_widget_class_bind_template_child (widget_class, SigWindow, learner_initials);
  gtk_widget_class_bind_template_child (widget_class, SigWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SigWindow, import_revealer);
  gtk_widget_class_bind_template_child (widget_class, SigWindow, import_label);
  gtk_widget_class_bind_template_child (widget_class, SigWindow, import_progress);
}

static void
sig_window_init (SigWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sig_accessible_fix_button_names (GTK_WIDGET (self));
  sig_accessible_hide_inactive_pages (self->view_stack);
}

SigWindow *
sig_window_new (AdwApplication *application,
                GSettings      *settings,
                SigStore       *store,
                SigHelplines   *helplines,
                const char     *language)
{
  return g_object_new (SIG_TYPE_WINDOW,
                       "application", application,
                       "settings", settings,
                       "store", store,
                       "helplines", helplines,
                       "language", language,
                       NULL);
}
