/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "sig-accessible.h"
#include "sig-certificate-labels.h"
#include "sig-certificate-section-private.h"
#include "sig-credential.h"
#include "sig-labels.h"

struct _SigCertificateSection
{
  GtkBox parent_instance;

  SigStore *store;
  char *profile_id;
  char *course_id;
  gboolean show_refresher;

  SigStoreCertificateState state;
  SigStoreCertificate *certificate;   /* the latest, signed when it could be */
  gboolean refresher_available;
  gboolean busy;
  char *last_message;
  GCancellable *cancellable;
  GtkFileChooserNative *chooser;
  guint pulse_id;

  GtkWidget *heading;
  GtkWidget *attention;
  GtkWidget *attention_label;
  GtkWidget *attention_refresher_button;
  GtkWidget *error_box;
  GtkWidget *error_title;
  GtkWidget *error_label;
  GtkWidget *details;
  GtkWidget *name_row;
  GtkWidget *course_row;
  GtkWidget *completed_row;
  GtkWidget *valid_row;
  GtkWidget *valid_icon;
  GtkWidget *code_row;
  GtkWidget *issuer_row;
  GtkWidget *buttons;
  GtkWidget *pdf_button;
  GtkWidget *json_button;
  GtkWidget *refresher_button;
  GtkWidget *saving_revealer;
  GtkWidget *saving_label;
  GtkWidget *saving_progress;
};

G_DEFINE_FINAL_TYPE (SigCertificateSection, sig_certificate_section, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PROFILE_ID,
  PROP_COURSE_ID,
  PROP_SHOW_REFRESHER,
  PROP_BUSY,
  N_PROPS
};

enum {
  SIGNAL_TAKE_REFRESHER,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_subtitle (GtkWidget  *row,
              const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
}

static void
set_last_message (SigCertificateSection *self,
                  const char            *message)
{
  g_free (self->last_message);
  self->last_message = g_strdup (message);
}

static void
show_problem (SigCertificateSection *self,
              const char            *title,
              const char            *message)
{
  gtk_label_set_text (GTK_LABEL (self->error_title), title);
  gtk_label_set_text (GTK_LABEL (self->error_label), message);
  gtk_widget_set_visible (self->error_box, TRUE);
}

static void
update_buttons (SigCertificateSection *self)
{
  gboolean issued = self->certificate != NULL && sig_store_certificate_get_issued (self->certificate);
  gboolean attention = self->state == SIG_STORE_CERTIFICATE_EXPIRING || self->state == SIG_STORE_CERTIFICATE_EXPIRED;
  gboolean refresher = self->show_refresher && self->refresher_available;

  gtk_widget_set_sensitive (self->pdf_button, issued && !self->busy);
  gtk_widget_set_sensitive (self->json_button, issued && !self->busy);
  gtk_widget_set_visible (self->refresher_button, refresher && !attention);
  gtk_widget_set_visible (self->attention_refresher_button, refresher && attention);
}

void
sig_certificate_section_reload (SigCertificateSection *self)
{
  g_autoptr(SigStoreCertificate) latest = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *valid_until = NULL;
  g_autofree char *completed = NULL;
  g_autofree char *score = NULL;
  g_autofree char *course = NULL;
  g_autofree char *issuer = NULL;
  const SigCertificateClaims *claims;
  const char *icon = "emblem-ok-symbolic";
  const char *icon_label = _("Valid");

  g_return_if_fail (SIG_IS_CERTIFICATE_SECTION (self));

  g_clear_object (&self->certificate);
  self->state = SIG_STORE_CERTIFICATE_NONE;
  self->refresher_available = FALSE;
  gtk_widget_set_visible (self->error_box, FALSE);
  gtk_widget_set_visible (self->attention, FALSE);
  if (self->store == NULL || self->profile_id == NULL || self->course_id == NULL ||
      !sig_store_get_certificate_state (self->store, self->profile_id, self->course_id, NULL,
                                        &self->state, &latest, &self->refresher_available, &error))
    {
      if (error != NULL)
        g_warning ("The certificate cannot be read: %s", error->message);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  if (latest == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);

  /* Recorded with the pass but not signed yet: sign it now. */
  if (!sig_store_certificate_get_issued (latest))
    {
      g_autoptr(SigStoreCertificate) issued = sig_store_get_certificate (self->store, self->profile_id,
                                                                         self->course_id, &error);

      if (issued != NULL)
        g_set_object (&latest, issued);
      else if (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_ISSUED))
        show_problem (self, _("Your result is kept"), error->message);
      else
        show_problem (self, _("The certificate cannot be shown"), error->message);
      g_clear_error (&error);
    }
  self->certificate = g_steal_pointer (&latest);
  claims = sig_store_certificate_get_claims (self->certificate);

  valid_until = sig_date_label (sig_store_certificate_get_valid_until (self->certificate));
  completed = sig_date_label (sig_store_certificate_get_completed (self->certificate));
  score = sig_certificate_format_percent (sig_store_certificate_get_score (self->certificate), NULL);
  set_subtitle (self->name_row, claims != NULL ? claims->learner_name : NULL);
  if (claims != NULL && claims->course_version != NULL)
    /* Translators: a course title and its version, as in "Recognising signs (version 1.2.0)". */
    course = g_strdup_printf (_("%s (version %s)"), claims->course_title, claims->course_version);
  set_subtitle (self->course_row, course != NULL ? course : self->course_id);
  {
    g_autofree char *text = NULL;

    /* Translators: a date and a score, as in "12 March 2025, score 90%". */
    text = g_strdup_printf (_("%s, score %s"), completed, score);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->completed_row),
                                   sig_store_certificate_get_kind (self->certificate) == SIG_STORE_CERTIFICATE_REFRESHER
                                   ? _("Renewed with the refresher") : _("Passed"));
    set_subtitle (self->completed_row, text);
  }

  switch (self->state)
    {
    case SIG_STORE_CERTIFICATE_EXPIRED:
      {
        g_autofree char *text = g_strdup_printf (_("%s — expired"), valid_until);
        g_autofree char *advice = self->refresher_available && self->show_refresher
                                  ? g_strdup_printf (_("Your certificate expired on %s. Take the refresher to renew it."), valid_until)
                                  : g_strdup_printf (_("Your certificate expired on %s. Take the course again for a new certificate."), valid_until);

        set_subtitle (self->valid_row, text);
        gtk_label_set_text (GTK_LABEL (self->attention_label), advice);
        gtk_widget_set_visible (self->attention, TRUE);
        icon = "dialog-warning-symbolic";
        icon_label = _("Expired");
      }
      break;
    case SIG_STORE_CERTIFICATE_EXPIRING:
      {
        g_autofree char *text = g_strdup_printf (_("%s — expires soon"), valid_until);
        g_autofree char *advice = self->refresher_available && self->show_refresher
                                  ? g_strdup_printf (_("Your certificate expires on %s. Take the refresher now to renew it."), valid_until)
                                  : g_strdup_printf (_("Your certificate expires on %s."), valid_until);

        set_subtitle (self->valid_row, text);
        gtk_label_set_text (GTK_LABEL (self->attention_label), advice);
        gtk_widget_set_visible (self->attention, TRUE);
        icon = "dialog-warning-symbolic";
        icon_label = _("Expires soon");
      }
      break;
    case SIG_STORE_CERTIFICATE_VALID:
    case SIG_STORE_CERTIFICATE_NONE:
    default:
      set_subtitle (self->valid_row, valid_until);
      break;
    }
  gtk_image_set_from_icon_name (GTK_IMAGE (self->valid_icon), icon);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->valid_icon), GTK_ACCESSIBLE_PROPERTY_LABEL, icon_label, -1);
  if (self->state == SIG_STORE_CERTIFICATE_EXPIRED || self->state == SIG_STORE_CERTIFICATE_EXPIRING)
    gtk_widget_add_css_class (self->valid_row, "certificate-attention");
  else
    gtk_widget_remove_css_class (self->valid_row, "certificate-attention");

  if (sig_store_certificate_get_issued (self->certificate))
    {
      const char *credential = sig_store_certificate_get_credential (self->certificate);
      g_autoptr(SigVerification) verification = sig_credential_verify (credential, -1, NULL, NULL);
      g_autofree char *did = sig_did_short (sig_store_certificate_get_issuer_did (self->certificate));

      set_subtitle (self->code_row, sig_store_certificate_get_verification_code (self->certificate));
      issuer = verification->issuer_name != NULL
               ? g_strdup_printf ("%s\n%s", verification->issuer_name, did)
               : g_strdup (did);
      set_subtitle (self->issuer_row, issuer);
      gtk_widget_set_tooltip_text (self->issuer_row, sig_store_certificate_get_issuer_did (self->certificate));
    }
  else
    {
      set_subtitle (self->code_row, _("Not signed yet"));
      set_subtitle (self->issuer_row, _("Not signed yet"));
      gtk_widget_set_tooltip_text (self->issuer_row, NULL);
    }
  update_buttons (self);
}

SigStoreCertificateState
sig_certificate_section_get_state (SigCertificateSection *self)
{
  g_return_val_if_fail (SIG_IS_CERTIFICATE_SECTION (self), SIG_STORE_CERTIFICATE_NONE);

  return self->state;
}

SigStoreCertificate *
sig_certificate_section_get_certificate (SigCertificateSection *self)
{
  g_return_val_if_fail (SIG_IS_CERTIFICATE_SECTION (self), NULL);

  return self->certificate;
}

gboolean
sig_certificate_section_get_refresher_available (SigCertificateSection *self)
{
  g_return_val_if_fail (SIG_IS_CERTIFICATE_SECTION (self), FALSE);

  return self->refresher_available;
}

void
sig_certificate_section_set_show_refresher (SigCertificateSection *self,
                                            gboolean               show)
{
  g_return_if_fail (SIG_IS_CERTIFICATE_SECTION (self));

  show = !!show;
  if (self->show_refresher == show)
    return;
  self->show_refresher = show;
  if (self->certificate != NULL)
    sig_certificate_section_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_REFRESHER]);
}

gboolean
sig_certificate_section_get_busy (SigCertificateSection *self)
{
  return self->busy;
}

const char *
sig_certificate_section_get_last_message (SigCertificateSection *self)
{
  return self->last_message;
}

GtkWidget *
sig_certificate_section_get_button (SigCertificateSection *self,
                                    const char            *name)
{
  if (g_strcmp0 (name, "pdf") == 0)
    return self->pdf_button;
  if (g_strcmp0 (name, "json") == 0)
    return self->json_button;
  if (g_strcmp0 (name, "refresher") == 0)
    return self->refresher_button;
  if (g_strcmp0 (name, "attention-refresher") == 0)
    return self->attention_refresher_button;
  return NULL;
}

/* ---- Saving -------------------------------------------------------------- */

typedef struct {
  SigCertificateSection *section;
  SigCertificateSaveFormat format;
  char *name;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_object_unref (data->section);
  g_free (data->name);
  g_free (data);
}

static gboolean
pulse_saving (gpointer user_data)
{
  SigCertificateSection *self = user_data;

  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (self->saving_progress));
  return G_SOURCE_CONTINUE;
}

static void
set_busy (SigCertificateSection *self,
          gboolean               busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->saving_revealer), busy);
  if (busy && self->pulse_id == 0)
    self->pulse_id = g_timeout_add (100, pulse_saving, self);
  else if (!busy)
    g_clear_handle_id (&self->pulse_id, g_source_remove);
  update_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
announce (SigCertificateSection *self,
          const char            *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  set_last_message (self, message);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

static void
show_error_dialog (SigCertificateSection *self,
                   const char            *heading,
                   const char            *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  set_last_message (self, body);
  if (!GTK_IS_WINDOW (root))
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (root), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  SaveData *data = user_data;
  SigCertificateSection *self = data->section;
  g_autoptr(GError) error = NULL;

  if (!sig_store_certificate_write_finish (SIG_STORE_CERTIFICATE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_busy (self, FALSE);
          if (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_ISSUED))
            show_error_dialog (self, _("Your result is kept"), error->message);
          else
            {
              g_autofree char *heading = g_strdup_printf (_("“%s” could not be saved"), data->name);

              show_error_dialog (self, heading, error->message);
            }
        }
      save_data_free (data);
      return;
    }
  set_busy (self, FALSE);
  {
    g_autofree char *message = data->format == SIG_CERTIFICATE_SAVE_PDF
                               ? g_strdup_printf (_("Certificate saved as “%s”"), data->name)
                               : g_strdup_printf (_("Credential saved as “%s”"), data->name);

    announce (self, message);
  }
  save_data_free (data);
}

void
sig_certificate_section_save (SigCertificateSection    *self,
                              SigCertificateSaveFormat  format,
                              GFile                    *file)
{
  g_autofree char *path = NULL;
  g_autofree char *label = NULL;
  SaveData *data;

  g_return_if_fail (SIG_IS_CERTIFICATE_SECTION (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->certificate == NULL || self->busy)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_error_dialog (self, _("The certificate could not be saved"),
                         _("This place cannot be written to directly. Choose a folder on this computer."));
      return;
    }
  data = g_new0 (SaveData, 1);
  data->section = g_object_ref (self);
  data->format = format;
  data->name = g_file_get_basename (file);
  label = g_strdup_printf (_("Saving “%s”…"), data->name);
  gtk_label_set_text (GTK_LABEL (self->saving_label), label);
  set_last_message (self, NULL);
  set_busy (self, TRUE);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  sig_store_certificate_write_async (self->certificate,
                                     format == SIG_CERTIFICATE_SAVE_PDF ? path : NULL,
                                     format == SIG_CERTIFICATE_SAVE_CREDENTIAL ? path : NULL,
                                     self->cancellable, on_saved, data);
}

char *
sig_certificate_section_suggest_name (SigCertificateSection    *self,
                                      SigCertificateSaveFormat  format)
{
  const SigCertificateClaims *claims;
  g_autofree char *word = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *day = NULL;

  g_return_val_if_fail (SIG_IS_CERTIFICATE_SECTION (self), NULL);

  if (self->certificate == NULL)
    return NULL;
  claims = sig_store_certificate_get_claims (self->certificate);
  /* The word in the certificate's own language, as signaal-course names it. */
  word = g_utf8_strdown (sig_certificate_label (SIG_LABEL_CERTIFICATE, claims != NULL ? claims->language : "en"), -1);
  utc = g_date_time_to_utc (sig_store_certificate_get_completed (self->certificate));
  day = g_date_time_format (utc, "%Y-%m-%d");
  return g_strdup_printf ("%s-%s-%s.%s", word, self->course_id, day,
                          format == SIG_CERTIFICATE_SAVE_PDF ? "pdf" : "json");
}

/* Closes the file dialog, if any: when the page is no longer shown (leave
 * now), or before another one opens. */
static void
drop_chooser (SigCertificateSection *self)
{
  if (self->chooser == NULL)
    return;
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
}

static void
on_chooser_response (GtkNativeDialog       *chooser,
                     int                    response,
                     SigCertificateSection *self)
{
  SigCertificateSaveFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "format"));
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    sig_certificate_section_save (self, format, file);
}

static void
choose_file (SigCertificateSection    *self,
             SigCertificateSaveFormat  format)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = sig_certificate_section_suggest_name (self, format);

  if (self->certificate == NULL)
    return;
  /* A dialog left from before (closed by leave now) is not reused. */
  drop_chooser (self);
  if (format == SIG_CERTIFICATE_SAVE_PDF)
    {
      gtk_file_filter_set_name (filter, _("PDF documents"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
      gtk_file_filter_add_pattern (filter, "*.pdf");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("Signed credentials (JSON)"));
      gtk_file_filter_add_mime_type (filter, "application/json");
      gtk_file_filter_add_pattern (filter, "*.json");
    }
  self->chooser = gtk_file_chooser_native_new (format == SIG_CERTIFICATE_SAVE_PDF
                                               ? _("Save Certificate as PDF") : _("Save Credential"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  g_object_set_data (G_OBJECT (self->chooser), "format", GINT_TO_POINTER (format));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_pdf_clicked (SigCertificateSection *self)
{
  choose_file (self, SIG_CERTIFICATE_SAVE_PDF);
}

static void
on_json_clicked (SigCertificateSection *self)
{
  choose_file (self, SIG_CERTIFICATE_SAVE_CREDENTIAL);
}

static void
on_refresher_clicked (SigCertificateSection *self)
{
  g_signal_emit (self, signals[SIGNAL_TAKE_REFRESHER], 0);
}

/* ---- GObject ------------------------------------------------------------- */

static void
sig_certificate_section_constructed (GObject *object)
{
  SigCertificateSection *self = SIG_CERTIFICATE_SECTION (object);

  G_OBJECT_CLASS (sig_certificate_section_parent_class)->constructed (object);

  sig_certificate_section_reload (self);
}

static void
sig_certificate_section_dispose (GObject *object)
{
  SigCertificateSection *self = SIG_CERTIFICATE_SECTION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  drop_chooser (self);
  g_clear_object (&self->certificate);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), SIG_TYPE_CERTIFICATE_SECTION);
  G_OBJECT_CLASS (sig_certificate_section_parent_class)->dispose (object);
}

static void
sig_certificate_section_finalize (GObject *object)
{
  SigCertificateSection *self = SIG_CERTIFICATE_SECTION (object);

  g_free (self->profile_id);
  g_free (self->course_id);
  g_free (self->last_message);
  G_OBJECT_CLASS (sig_certificate_section_parent_class)->finalize (object);
}

static void
sig_certificate_section_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  SigCertificateSection *self = SIG_CERTIFICATE_SECTION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PROFILE_ID:
      g_value_set_string (value, self->profile_id);
      break;
    case PROP_COURSE_ID:
      g_value_set_string (value, self->course_id);
      break;
    case PROP_SHOW_REFRESHER:
      g_value_set_boolean (value, self->show_refresher);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sig_certificate_section_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  SigCertificateSection *self = SIG_CERTIFICATE_SECTION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PROFILE_ID:
      self->profile_id = g_value_dup_string (value);
      break;
    case PROP_COURSE_ID:
      self->course_id = g_value_dup_string (value);
      break;
    case PROP_SHOW_REFRESHER:
      sig_certificate_section_set_show_refresher (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sig_certificate_section_class_init (SigCertificateSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sig_certificate_section_constructed;
  object_class->dispose = sig_certificate_section_dispose;
  object_class->finalize = sig_certificate_section_finalize;
  object_class->get_property = sig_certificate_section_get_property;
  object_class->set_property = sig_certificate_section_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SIG_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE_ID] =
    g_param_spec_string ("profile-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COURSE_ID] =
    g_param_spec_string ("course-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_REFRESHER] =
    g_param_spec_boolean ("show-refresher", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_TAKE_REFRESHER] =
    g_signal_new ("take-refresher", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/nl/signaal/Signaal/sig-certificate-section.ui");
  gtk_widget_class_bind_template_child (widget_class, SigCertificateSection, heading);
  gtk_widget_class_bind_template_child (widget_class, SigCertificateSection, attention);
  gtk_widget_class_bind_template_child (widget_class, SigCertificateSection, attention_label);
  gtk_widget_class_bind_template_child (widget_class, SigCertificateSection, attention_refresher_button);
  gtk_widget_class_bind_template_child (widget_class, SigCertificateSection, error_box);
  gtk_widget_class_bind_template_child (widget_class, SigCertificateSection, error_title);
  gtk_widget_class_bind_template_child (widget_class, SigCertificateSection, error_label);
  gtk_widget_class_bind_template_child (widget_class, SigCertificateSection, details);
  gtk_widget_class_bind_template_child (widget_class, SigCertificateSection, name_row);
  gtk_widget_class_bind_template_child (widget_class, SigCertificateSection, course_row);
  gtk_widget_class_bind_template_child (widget_class, SigCertificateSection, completed_row);
  gtk_widget_class_bind_template_child (widget_class, SigCertificateSection, valid_row);
  gtk_widget_class_bind_template_child (widget_class, SigCertificateSection, valid_icon);
  gtk_widget_class_bind_template_child (widget_class, SigCertificateSection, code_row);
  gtk_widget_class_bind_template_child (widget_class, SigCertificateSection, issuer_row);
  gtk_widget_class_bind_template_child (widget_class, SigCertificateSection, buttons);
  gtk_widget_class_bind_template_child (widget_class, SigCertificateSection, pdf_button);
  gtk_widget_class_bind_template_child (widget_class, SigCertificateSection, json_button);
  gtk_widget_class_bind_template_child (widget_class, SigCertificateSection, refresher_button);
  gtk_widget_class_bind_template_child (widget_class, SigCertificateSection, saving_revealer);
  gtk_widget_class_bind_template_child (widget_class, SigCertificateSection, saving_label);
  gtk_widget_class_bind_template_child (widget_class, SigCertificateSection, saving_progress);
  gtk_widget_class_bind_template_callback (widget_class, on_pdf_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_json_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_refresher_clicked);
}

static void
sig_certificate_section_init (SigCertificateSection *self)
{
  self->show_refresher = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  /* The two save buttons stand side by side; their labels (long in Dutch)
   * wrap so that they fit a window of 360 pixels. */
  for (GtkWidget *button = gtk_widget_get_first_child (gtk_widget_get_parent (self->pdf_button));
       button != NULL; button = gtk_widget_get_next_sibling (button))
    {
      GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

      if (GTK_IS_LABEL (label))
        {
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
        }
    }
  sig_accessible_fix_button_names (GTK_WIDGET (self));
  g_signal_connect (self, "unmap", G_CALLBACK (drop_chooser), NULL);
}

GtkWidget *
sig_certificate_section_new (SigStore   *store,
                             const char *profile_id,
                             const char *course_id)
{
  return g_object_new (SIG_TYPE_CERTIFICATE_SECTION,
                       "store", store,
                       "profile-id", profile_id,
                       "course-id", course_id,
                       NULL);
}
