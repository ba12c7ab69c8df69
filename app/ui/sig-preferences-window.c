/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "sig-accessible.h"
#include "sig-export.h"
#include "sig-labels.h"
#include "sig-organisation-page.h"
#include "sig-preferences-window.h"
#include "sig-store-review.h"

struct _SigPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;
  SigStore *store;
  SigProfile *profile;
  SigSyncWorker *sync_worker;
  GtkFileChooserNative *chooser;

  GtkWidget *language_row;
  GtkWidget *region_row;
  GtkWidget *text_scale;
  GtkWidget *reduced_motion;
  GtkWidget *review_group;
  GtkWidget *daily_limit;
  GtkWidget *retention;
  GtkWidget *export_button;
  GtkWidget *delete_button;
  GtkWidget *name_row;
};

G_DEFINE_FINAL_TYPE (SigPreferencesWindow, sig_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_STORE,
  PROP_PROFILE,
  PROP_SYNC_WORKER,
  N_PROPS
};

enum {
  SIGNAL_PROFILE_DELETED,
  SIGNAL_PROFILE_RENAMED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *const languages[] = { "", "nl", "en" };

static void
on_language_selected (SigPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->language_row));

  g_autofree char *language = NULL;
  g_autoptr(GError) error = NULL;

  if (selected >= G_N_ELEMENTS (languages))
    return;
  g_settings_set_string (self->settings, "language", languages[selected]);
  /* The learner's certificates follow the language they chose. */
  language = sig_course_language (self->settings);
  if (self->profile != NULL
      && !sig_store_update_profile (self->store, sig_profile_get_id (self->profile), NULL, NULL, language, &error))
    g_warning ("The profile's language cannot be changed: %s", error->message);
}

static void
show_message (SigPreferencesWindow *self,
              const char           *heading,
              const char           *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_export_response (GtkNativeDialog      *chooser,
                    int                   response,
                    SigPreferencesWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  json = sig_store_export_my_data (self->store, sig_profile_get_id (self->profile), &error);
  if (json == NULL ||
      !g_file_replace_contents (file, json, strlen (json), NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, NULL, &error))
    {
      show_message (self, _("Your data could not be exported"), error->message);
      return;
    }
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (_("Your data was exported")));
}

static void
on_export_clicked (SigPreferencesWindow *self)
{
  g_autofree char *name = g_strdup_printf ("signaal-%s.json", _("my-data"));

  self->chooser = gtk_file_chooser_native_new (_("Export My Data"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_delete_response (AdwMessageDialog     *dialog,
                    const char           *response,
                    SigPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (!sig_store_delete_profile (self->store, sig_profile_get_id (self->profile), &error))
    {
      show_message (self, _("Your profile could not be deleted"), error->message);
      return;
    }
  /* The question goes with this window: loosened from it first, so that it
   * does not outlive the window it is over (GLib-CRITICALs). */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  g_signal_emit (self, signals[SIGNAL_PROFILE_DELETED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

/* Renaming keeps everything: progress and certificates stay with the profile
 * (certificates already issued keep the name they were issued to). */
static void
on_name_applied (SigPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  if (*name == '\0')
    {
      show_message (self, _("Your name cannot be empty"), _("Type the name you want to use, then press Enter."));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), sig_profile_get_name (self->profile));
      return;
    }
  if (!sig_store_rename_profile (self->store, sig_profile_get_id (self->profile), name, &error))
    {
      show_message (self, _("Your name could not be changed"), error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_PROFILE_RENAMED], 0);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (_("Your name was changed")));
}

static void
on_delete_clicked (SigPreferencesWindow *self)
{
  g_autofree char *body = g_strdup_printf (_("The profile “%s” and all of its progress, answers and certificates will be deleted from this computer. This cannot be undone. Export your data first if you want to keep it."),
                                           sig_profile_get_name (self->profile));
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete Your Profile?"), body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("Cancel"),
                                    "delete", _("Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Review (stored per learner, in the progress store) ------------------- */

static void
on_daily_limit_changed (SigPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  guint limit = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->daily_limit));

  if (!sig_store_set_review_daily_limit (self->store, sig_profile_get_id (self->profile), limit, &error))
    show_message (self, _("The daily limit could not be saved"), error->message);
}

static void
on_retention_changed (SigPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  /* Two decimals, as the spin button shows it: no 0.9000000001. */
  double retention = round (gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->retention)) * 100.0) / 100.0;

  if (!sig_store_set_review_retention (self->store, sig_profile_get_id (self->profile), retention, &error))
    show_message (self, _("The desired retention could not be saved"), error->message);
}

static void
load_review_settings (SigPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  guint limit = SIG_STORE_REVIEW_DAILY_LIMIT_DEFAULT;
  double retention = SIG_STORE_REVIEW_RETENTION_DEFAULT;

  gtk_widget_set_sensitive (self->review_group, self->profile != NULL);
  if (self->profile == NULL)
    return;
  if (!sig_store_get_review_daily_limit (self->store, sig_profile_get_id (self->profile), &limit, &error) ||
      !sig_store_get_review_retention (self->store, sig_profile_get_id (self->profile), &retention, &error))
    g_warning ("The review settings cannot be read: %s", error->message);
  gtk_spin_button_set_range (GTK_SPIN_BUTTON (self->daily_limit), 0, SIG_STORE_REVIEW_DAILY_LIMIT_MAX);
  gtk_spin_button_set_range (GTK_SPIN_BUTTON (self->retention),
                             SIG_STORE_REVIEW_RETENTION_MIN, SIG_STORE_REVIEW_RETENTION_MAX);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->daily_limit), limit);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->retention), retention);
  g_signal_connect_swapped (self->daily_limit, "value-changed", G_CALLBACK (on_daily_limit_changed), self);
  g_signal_connect_swapped (self->retention, "value-changed", G_CALLBACK (on_retention_changed), self);
}

static void
sig_preferences_window_constructed (GObject *object)
{
  SigPreferencesWindow *self = SIG_PREFERENCES_WINDOW (object);
  g_autofree char *language = NULL;
  guint selected = 0;

  G_OBJECT_CLASS (sig_preferences_window_parent_class)->constructed (object);

  language = g_settings_get_string (self->settings, "language");
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_str_equal (language, languages[i]))
      selected = i;
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->language_row), selected);
  g_signal_connect_swapped (self->language_row, "notify::selected", G_CALLBACK (on_language_selected), self);
  sig_region_row_bind (ADW_COMBO_ROW (self->region_row), self->settings);
  g_settings_bind (self->settings, "text-scale",
                   gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (self->text_scale)), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "reduced-motion", self->reduced_motion, "active", G_SETTINGS_BIND_DEFAULT);
  gtk_widget_set_sensitive (self->export_button, self->profile != NULL);
  gtk_widget_set_sensitive (self->delete_button, self->profile != NULL);
  gtk_widget_set_sensitive (self->name_row, self->profile != NULL);
  if (self->profile != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), sig_profile_get_name (self->profile));
  load_review_settings (self);
  if (self->profile != NULL && self->store != NULL)
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                ADW_PREFERENCES_PAGE (sig_organisation_page_new (self->store, self->profile, self->sync_worker)));
}

static void
sig_preferences_window_dispose (GObject *object)
{
  SigPreferencesWindow *self = SIG_PREFERENCES_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->profile);
  g_clear_object (&self->sync_worker);
  G_OBJECT_CLASS (sig_preferences_window_parent_class)->dispose (object);
}

static void
sig_preferences_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  SigPreferencesWindow *self = SIG_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    case PROP_SYNC_WORKER:
      g_value_set_object (value, self->sync_worker);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sig_preferences_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  SigPreferencesWindow *self = SIG_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PROFILE:
      self->profile = g_value_dup_object (value);
      break;
    case PROP_SYNC_WORKER:
      self->sync_worker = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sig_preferences_window_class_init (SigPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sig_preferences_window_constructed;
  object_class->dispose = sig_preferences_window_dispose;
  object_class->get_property = sig_preferences_window_get_property;
  object_class->set_property = sig_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SIG_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, SIG_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNC_WORKER] =
    g_param_spec_object ("sync-worker", NULL, NULL, SIG_TYPE_SYNC_WORKER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_PROFILE_DELETED] =
    g_signal_new ("profile-deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_PROFILE_RENAMED] =
    g_signal_new ("profile-renamed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/nl/signaal/Signaal/sig-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SigPreferencesWindow, language_row);
  gtk_widget_class_bind_template_child (widget_class, SigPreferencesWindow, region_row);
  gtk_widget_class_bind_template_child (widget_class, SigPreferencesWindow, text_scale);
  gtk_widget_class_bind_template_child (widget_class, SigPreferencesWindow, reduced_motion);
  gtk_widget_class_bind_template_child (widget_class, SigPreferencesWindow, review_group);
  gtk_widget_class_bind_template_child (widget_class, SigPreferencesWindow, daily_limit);
  gtk_widget_class_bind_template_child (widget_class, SigPreferencesWindow, retention);
  gtk_widget_class_bind_template_child (widget_class, SigPreferencesWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, SigPreferencesWindow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, SigPreferencesWindow, name_row);
  gtk_widget_class_bind_template_callback (widget_class, on_name_applied);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);
}

static void
sig_preferences_window_init (SigPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sig_accessible_fix_button_names (GTK_WIDGET (self));
}

GtkWidget *
sig_preferences_window_new (GtkWindow     *parent,
                            GSettings     *settings,
                            SigStore      *store,
                            SigProfile    *profile,
                            SigSyncWorker *sync_worker)
{
  return g_object_new (SIG_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "settings", settings,
                       "store", store,
                       "profile", profile,
                       "sync-worker", sync_worker,
                       NULL);
}
