/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sig-accessible.h"
#include "sig-connection.h"
#include "sig-feed-update.h"
#include "sig-organisation-page.h"
#include "sig-secret.h"
#include "sig-store-outbox.h"
#include "sig-store-settings.h"

struct _SigOrganisationPage
{
  AdwPreferencesPage parent_instance;

  SigStore *store;
  SigProfile *profile;
  SigSyncWorker *worker;
  SigOrganisation *organisation;
  char *organisation_error;
  GCancellable *cancellable;
  GPtrArray *feed_rows;

  GtkWidget *sharing_group;
  GtkWidget *sharing_row;
  GtkWidget *sharing_switch;
  GtkWidget *state_row;
  GtkWidget *send_button;
  GtkWidget *stop_row;
  GtkWidget *stop_button;
  GtkWidget *connection_group;
  GtkWidget *endpoint_row;
  GtkWidget *key_row;
  GtkWidget *secret_row;
  GtkWidget *homepage_row;
  GtkWidget *account_row;
  GtkWidget *feeds_group;
  GtkWidget *check_row;
  GtkWidget *check_button;
};

G_DEFINE_FINAL_TYPE (SigOrganisationPage, sig_organisation_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PROFILE,
  PROP_WORKER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
toast (SigOrganisationPage *self,
       const char          *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
}

static void
show_message (SigOrganisationPage *self,
              const char          *heading,
              const char          *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static const char *
profile_id (SigOrganisationPage *self)
{
  return self->profile != NULL ? sig_profile_get_id (self->profile) : NULL;
}

/* The host of @url, for saying where results go. */
static char *
host_of (const char *url)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  return g_strdup (uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : url);
}

static char *
text_of (GtkWidget *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static SigConnection *
current_connection (SigOrganisationPage *self)
{
  if (self->profile == NULL)
    return NULL;
  return sig_connection_for_profile (self->store, self->organisation, profile_id (self), NULL);
}

/* ---- state ----------------------------------------------------------------- */

static char *
describe_state (SigOrganisationPage *self,
                gboolean             active)
{
  SigOutboxState state = { 0 };
  g_autoptr(GString) text = g_string_new (NULL);

  if (!active)
    return g_strdup (_("Off: nothing is sent."));
  if (!sig_store_get_outbox_state (self->store, profile_id (self), &state, NULL))
    return g_strdup (_("The state of the connection cannot be read."));
  if (state.stopped)
    g_string_append_printf (text, _("Failing: the organisation refused the key or the secret (%s). Check them with your organisation, then turn sharing off and on again."),
                            state.last_error != NULL ? state.last_error : "401");
  else if (state.last_error != NULL)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               "Failing: %s %u result waits and is sent when the connection works again.",
                                               "Failing: %s %u results wait and are sent when the connection works again.",
                                               state.waiting),
                            state.last_error, state.waiting);
  else if (state.waiting > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u sent, %u waiting to be sent.", "%u sent, %u waiting to be sent.",
                                               state.waiting),
                            state.sent, state.waiting);
  else
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u sent, nothing waiting.", "%u sent, nothing waiting.", state.sent),
                            state.sent);
  if (state.refused > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u refused by the learning record store.",
                                                 "%u refused by the learning record store.", state.refused),
                              state.refused);
    }
  sig_outbox_state_clear (&state);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The connection's values as stored (or as the organisation sets them). */
static void
fill_fields (SigOrganisationPage *self)
{
  g_autoptr(SigConnection) connection = current_connection (self);

  if (connection == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->endpoint_row), connection->endpoint ? connection->endpoint : "");
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), connection->key ? connection->key : "");
  gtk_editable_set_text (GTK_EDITABLE (self->homepage_row), connection->account_homepage ? connection->account_homepage : "");
  gtk_editable_set_text (GTK_EDITABLE (self->account_row), connection->account_name ? connection->account_name : "");
}

/* The switch, the state and what may be edited; what the learner typed stays. */
static void
refresh (SigOrganisationPage *self)
{
  g_autoptr(SigConnection) connection = current_connection (self);
  gboolean active = sig_connection_is_active (connection);
  gboolean locked = connection != NULL && connection->locked;
  g_autofree char *state = NULL;
  g_autofree char *description = NULL;
  g_autofree char *host = NULL;

  if (self->profile == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
      return;
    }
  gtk_switch_set_active (GTK_SWITCH (self->sharing_switch), active);
  gtk_switch_set_state (GTK_SWITCH (self->sharing_switch), active);

  host = host_of (connection->endpoint);
  if (self->organisation_error != NULL)
    description = g_strdup (self->organisation_error);
  else if (connection->organisation != NULL && host != NULL)
    description = g_strdup_printf (_("When you agree, your results, your answers and the decisions you make in scenarios are sent to %s (%s), so that your teacher or association can follow them. Nothing is sent without your consent."),
                                   connection->organisation, host);
  else
    description = g_strdup (_("When you agree, your results, your answers and the decisions you make in scenarios are sent to the learning record store below. Nothing is sent without your consent."));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->sharing_group), description);

  state = describe_state (self, active);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->state_row), state);
  gtk_widget_set_sensitive (self->send_button, active);
  gtk_widget_set_sensitive (self->stop_button, active);

  /* while sharing, the settings are those agreed to: stop sharing to change them */
  gtk_widget_set_sensitive (self->endpoint_row, !locked && !active);
  gtk_widget_set_sensitive (self->key_row, !locked && !active);
  gtk_widget_set_sensitive (self->homepage_row, !locked && !active);
  gtk_widget_set_sensitive (self->secret_row, !active);
  gtk_widget_set_sensitive (self->account_row, !active);
  if (locked)
    {
      g_autofree char *set_by = g_strdup_printf (_("Set by %s; only your account and the secret are yours to enter."), connection->organisation);

      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->connection_group), set_by);
    }
  else if (connection->organisation != NULL)
    {
      g_autofree char *set_by = g_strdup_printf (_("Suggested by %s; you may change them."), connection->organisation);

      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->connection_group), set_by);
    }
  else
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->connection_group),
                                           _("Your organisation gives you these."));
}

/* ---- consent ------------------------------------------------------------------ */

/* After consent: the secret goes to the keyring in a worker (a locked keyring
 * may ask for its password), then the connection is recorded. */
typedef struct {
  char *profile_id;
  char *endpoint;
  char *key;
  char *homepage;
  char *account;
  char *secret;
} Agreement;

static void
agreement_free (Agreement *agreement)
{
  g_free (agreement->profile_id);
  g_free (agreement->endpoint);
  g_free (agreement->key);
  g_free (agreement->homepage);
  g_free (agreement->account);
  g_free (agreement->secret);
  g_free (agreement);
}

static void
store_secret (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Agreement *agreement = task_data;
  GError *error = NULL;

  if (agreement->secret == NULL ||
      sig_secret_store (agreement->profile_id, agreement->endpoint, agreement->secret, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_secret_stored (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SigOrganisationPage *self = SIG_ORGANISATION_PAGE (source);
  Agreement *agreement = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error) ||
      !sig_connection_connect (self->store, self->organisation, agreement->profile_id, agreement->endpoint,
                               agreement->key, agreement->homepage, agreement->account, NULL, &error))
    {
      refresh (self);
      show_message (self, _("Sharing was not turned on"), error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
  fill_fields (self);
  refresh (self);
  toast (self, _("Your results are shared from now on"));
  if (self->worker != NULL)
    sig_sync_worker_request (self->worker, TRUE);
}

static void
on_consent_response (AdwMessageDialog    *dialog,
                     const char          *response,
                     SigOrganisationPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *endpoint = text_of (self->endpoint_row);
  g_autofree char *key = text_of (self->key_row);
  g_autofree char *homepage = text_of (self->homepage_row);
  const char *use_endpoint = endpoint, *use_key = key, *use_homepage = homepage;
  const char *secret = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));
  Agreement *agreement;

  if (g_strcmp0 (response, "share") != 0)
    {
      refresh (self);
      return;
    }
  if (!sig_connection_check (self->organisation, sig_profile_get_name (self->profile),
                             &use_endpoint, &use_key, &use_homepage, &error))
    {
      refresh (self);
      show_message (self, _("Sharing was not turned on"), error->message);
      return;
    }
  agreement = g_new0 (Agreement, 1);
  agreement->profile_id = g_strdup (profile_id (self));
  agreement->endpoint = g_strdup (use_endpoint);
  agreement->key = g_strdup (use_key);
  agreement->homepage = g_strdup (use_homepage);
  agreement->account = text_of (self->account_row);
  agreement->secret = *secret != '\0' ? g_strdup (secret) : NULL;
  task = g_task_new (self, self->cancellable, on_secret_stored, NULL);
  g_task_set_task_data (task, agreement, (GDestroyNotify) agreement_free);
  g_task_run_in_thread (task, store_secret);
}

static void
ask_consent (SigOrganisationPage *self)
{
  g_autoptr(SigConnection) connection = current_connection (self);
  g_autofree char *endpoint = text_of (self->endpoint_row);
  g_autofree char *account = text_of (self->account_row);
  g_autofree char *host = host_of (endpoint);
  g_autofree char *heading = NULL;
  g_autofree char *who = NULL;
  g_autofree char *body = NULL;
  const char *organisation = connection != NULL ? connection->organisation : NULL;
  GtkWidget *dialog;

  if (*endpoint == '\0')
    {
      refresh (self);
      show_message (self, _("Sharing was not turned on"),
                    _("Enter the address of your organisation's learning record store, its key and secret first. Your organisation gives you these."));
      return;
    }
  heading = organisation != NULL ? g_strdup_printf (_("Share Your Results With %s?"), organisation)
                                 : g_strdup (_("Share Your Results?"));
  who = organisation != NULL ? g_strdup_printf (_("%s, at %s"), organisation, host) : g_strdup (host);
  if (*account != '\0')
    body = g_strdup_printf (_("From now on, Signaal sends %s what you do in courses: your results, your answers to questions and the decisions you make in scenarios, with your account “%s”.\n\nWhat you did before stays on this computer. You can stop sharing at any time on this page."),
                            who, account);
  else
    body = g_strdup_printf (_("From now on, Signaal sends %s what you do in courses: your results, your answers to questions and the decisions you make in scenarios, under an anonymous number for this computer.\n\nWhat you did before stays on this computer. You can stop sharing at any time on this page."),
                            who);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Do Not Share"),
                                    "share", _("_Share"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "share", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_consent_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
stop_sharing (SigOrganisationPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!sig_connection_disconnect (self->store, profile_id (self), &error))
    show_message (self, _("Sharing could not be stopped completely"), error->message);
  else
    toast (self, _("Sharing stopped: nothing more is sent"));
  fill_fields (self);
  refresh (self);
}

static gboolean
on_sharing_state_set (SigOrganisationPage *self,
                      gboolean             state)
{
  g_autoptr(SigConnection) connection = current_connection (self);

  if (state == sig_connection_is_active (connection))
    return FALSE;
  if (state)
    ask_consent (self);
  else
    stop_sharing (self);
  return TRUE;   /* refresh() sets the switch to what is stored */
}

static void
on_stop_clicked (SigOrganisationPage *self)
{
  stop_sharing (self);
}

static void
on_send_clicked (SigOrganisationPage *self)
{
  if (self->worker == NULL)
    {
      self->worker = sig_sync_worker_new (sig_store_get_path (self->store));
      g_signal_connect_object (self->worker, "finished", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
    }
  sig_sync_worker_set_profile (self->worker, profile_id (self));
  sig_sync_worker_request (self->worker, TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->state_row), _("Sending…"));
}

/* ---- feeds ---------------------------------------------------------------------- */

typedef struct {
  SigOrganisationPage *page;   /* a reference, for progress in the main context */
  char *store_path;
  GStrv feeds;
  GPtrArray *messages;    /* what happened, one sentence each */
  guint installed;
  guint found;
} FeedJob;

static void
feed_job_free (FeedJob *job)
{
  g_clear_object (&job->page);
  g_free (job->store_path);
  g_strfreev (job->feeds);
  g_ptr_array_unref (job->messages);
  g_free (job);
}

typedef struct {
  SigOrganisationPage *page;
  char *text;
} Progress;

static gboolean
show_progress (gpointer data)
{
  Progress *progress = data;

  if (!g_cancellable_is_cancelled (progress->page->cancellable))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (progress->page->check_row), progress->text);
  g_object_unref (progress->page);
  g_free (progress->text);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

/* In the worker: the download's progress, at most every quarter second. */
static void
on_download_progress (const SigFeedEntry *entry,
                      guint64             received,
                      gpointer            user_data)
{
  FeedJob *job = user_data;
  static gint64 last;
  gint64 now = g_get_monotonic_time ();
  Progress *progress;
  g_autofree char *done = NULL;
  g_autofree char *total = NULL;

  if (now - last < G_USEC_PER_SEC / 4 && received < entry->size)
    return;
  last = now;
  done = g_format_size (received);
  total = g_format_size (entry->size);
  progress = g_new0 (Progress, 1);
  progress->page = g_object_ref (job->page);
  /* Translators: a course id, then for example "1.2 MB of 3.4 MB" */
  progress->text = g_strdup_printf (_("Downloading %s: %s of %s…"), entry->id, done, total);
  g_main_context_invoke (NULL, show_progress, progress);
}

static void
run_feed_job (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  FeedJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStore) store = sig_store_open (job->store_path, SIG_STORE_OPEN_DEFAULT, &error);

  if (store == NULL)
    {
      g_ptr_array_add (job->messages, g_strdup (error->message));
      g_task_return_boolean (task, FALSE);
      return;
    }
  job->installed = sig_feed_update_all (store, (const char * const *) job->feeds, on_download_progress, job,
                                       job->messages, &job->found, cancellable);
  g_task_return_boolean (task, TRUE);
}

static void
on_feed_job_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SigOrganisationPage *self = SIG_ORGANISATION_PAGE (source);
  FeedJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GString) text = g_string_new (NULL);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  gtk_widget_set_sensitive (self->check_button, TRUE);
  if (job->found == 0 && job->messages->len == 0)
    g_string_append (text, _("Every course from the feeds is up to date."));
  for (guint i = 0; i < job->messages->len; i++)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, job->messages->pdata[i]);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->check_row), text->str);
  if (job->installed > 0)
    sig_store_refresh_library (self->store, NULL);
}

static GStrv
subscribed_feeds (SigOrganisationPage *self)
{
  g_autoptr(GHashTable) settings = NULL;
  const char *own[2] = { NULL, NULL };

  if (self->profile != NULL)
    settings = sig_store_get_profile_settings (self->store, profile_id (self), NULL);
  if (settings != NULL)
    own[0] = g_hash_table_lookup (settings, SIG_SETTING_FEEDS);
  return sig_organisation_feeds (self->organisation, own);
}

static void
on_check_clicked (SigOrganisationPage *self)
{
  g_autoptr(GTask) task = NULL;
  FeedJob *job = g_new0 (FeedJob, 1);

  job->page = g_object_ref (self);
  job->store_path = g_strdup (sig_store_get_path (self->store));
  job->feeds = subscribed_feeds (self);
  job->messages = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_set_sensitive (self->check_button, FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->check_row), _("Checking the feeds and downloading updates…"));
  task = g_task_new (self, self->cancellable, on_feed_job_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) feed_job_free);
  g_task_run_in_thread (task, run_feed_job);
}

static void
fill_feeds (SigOrganisationPage *self)
{
  g_auto(GStrv) feeds = subscribed_feeds (self);

  for (guint i = 0; feeds[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      gboolean from_organisation = self->organisation != NULL &&
                                   g_strv_contains ((const char * const *) self->organisation->feeds, feeds[i]);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), feeds[i]);
      if (from_organisation)
        {
          g_autofree char *set_by = g_strdup_printf (_("Set by %s"), self->organisation->name);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), set_by);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->feeds_group), row);
      g_ptr_array_add (self->feed_rows, row);
    }
  gtk_widget_set_sensitive (self->check_button, feeds[0] != NULL);
  if (feeds[0] == NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->check_row), _("No course feeds are subscribed."));
}

/* ---- object ------------------------------------------------------------------------ */

static void
sig_organisation_page_constructed (GObject *object)
{
  SigOrganisationPage *self = SIG_ORGANISATION_PAGE (object);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (sig_organisation_page_parent_class)->constructed (object);
  self->organisation = sig_organisation_load (&error);
  if (error != NULL)
    self->organisation_error = g_strdup (error->message);
  if (self->worker != NULL)
    g_signal_connect_object (self->worker, "finished", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  fill_fields (self);
  refresh (self);
  fill_feeds (self);
}

static void
sig_organisation_page_dispose (GObject *object)
{
  SigOrganisationPage *self = SIG_ORGANISATION_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->profile);
  g_clear_object (&self->worker);
  G_OBJECT_CLASS (sig_organisation_page_parent_class)->dispose (object);
}

static void
sig_organisation_page_finalize (GObject *object)
{
  SigOrganisationPage *self = SIG_ORGANISATION_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->organisation, sig_organisation_free);
  g_free (self->organisation_error);
  g_ptr_array_unref (self->feed_rows);
  G_OBJECT_CLASS (sig_organisation_page_parent_class)->finalize (object);
}

static void
sig_organisation_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SigOrganisationPage *self = SIG_ORGANISATION_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    case PROP_WORKER:
      g_value_set_object (value, self->worker);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sig_organisation_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  SigOrganisationPage *self = SIG_ORGANISATION_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PROFILE:
      self->profile = g_value_dup_object (value);
      break;
    case PROP_WORKER:
      self->worker = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sig_organisation_page_class_init (SigOrganisationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sig_organisation_page_constructed;
  object_class->dispose = sig_organisation_page_dispose;
  object_class->finalize = sig_organisation_page_finalize;
  object_class->get_property = sig_organisation_page_get_property;
  object_class->set_property = sig_organisation_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SIG_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, SIG_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WORKER] =
    g_param_spec_object ("worker", NULL, NULL, SIG_TYPE_SYNC_WORKER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/nl/signaal/Signaal/sig-organisation-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SigOrganisationPage, sharing_group);
  gtk_widget_class_bind_template_child (widget_class, SigOrganisationPage, sharing_row);
  gtk_widget_class_bind_template_child (widget_class, SigOrganisationPage, sharing_switch);
  gtk_widget_class_bind_template_child (widget_class, SigOrganisationPage, state_row);
  gtk_widget_class_bind_template_child (widget_class, SigOrganisationPage, send_button);
  gtk_widget_class_bind_template_child (widget_class, SigOrganisationPage, stop_row);
  gtk_widget_class_bind_template_child (widget_class, SigOrganisationPage, stop_button);
  gtk_widget_class_bind_template_child (widget_class, SigOrganisationPage, connection_group);
  gtk_widget_class_bind_template_child (widget_class, SigOrganisationPage, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, SigOrganisationPage, key_row);
  gtk_widget_class_bind_template_child (widget_class, SigOrganisationPage, secret_row);
  gtk_widget_class_bind_template_child (widget_class, SigOrganisationPage, homepage_row);
  gtk_widget_class_bind_template_child (widget_class, SigOrganisationPage, account_row);
  gtk_widget_class_bind_template_child (widget_class, SigOrganisationPage, feeds_group);
  gtk_widget_class_bind_template_child (widget_class, SigOrganisationPage, check_row);
  gtk_widget_class_bind_template_child (widget_class, SigOrganisationPage, check_button);
  gtk_widget_class_bind_template_callback (widget_class, on_sharing_state_set);
  gtk_widget_class_bind_template_callback (widget_class, on_send_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_check_clicked);
}

static void
sig_organisation_page_init (SigOrganisationPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->feed_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  sig_accessible_fix_button_names (GTK_WIDGET (self));
}

GtkWidget *
sig_organisation_page_new (SigStore      *store,
                           SigProfile    *profile,
                           SigSyncWorker *worker)
{
  return g_object_new (SIG_TYPE_ORGANISATION_PAGE,
                       "store", store,
                       "profile", profile,
                       "worker", worker,
                       NULL);
}
