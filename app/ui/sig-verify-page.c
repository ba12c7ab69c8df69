/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "sig-accessible.h"
#include "sig-certificate-labels.h"
#include "sig-file.h"
#include "sig-jcs.h"
#include "sig-labels.h"
#include "sig-safety-buttons.h"
#include "sig-verify-page-private.h"

struct _SigVerifyPage
{
  GtkBox parent_instance;

  GCancellable *cancellable;
  GtkFileChooserNative *chooser;
  SigVerification *verification;
  char *code;                 /* the credential's verification code, or NULL */
  char *verdict;
  char *code_result_text;
  gboolean busy;

  GtkWidget *back_button;
  GtkWidget *scrolled;
  GtkWidget *drop_area;
  GtkWidget *intro_icon;
  GtkWidget *intro_title;
  GtkWidget *intro_label;
  GtkWidget *choose_button;
  GtkWidget *spinner;
  GtkWidget *result_box;
  GtkWidget *verdict_box;
  GtkWidget *verdict_icon;
  GtkWidget *verdict_title;
  GtkWidget *verdict_message;
  GtkWidget *file_label;
  GtkWidget *claims_heading;
  GtkWidget *claims;
  GtkWidget *code_box;
  GtkWidget *code_entry;
  GtkWidget *check_code_button;
  GtkWidget *code_result;
  GtkWidget *code_result_icon;
  GtkWidget *code_result_label;
  GtkWidget *trust_note;
};

G_DEFINE_FINAL_TYPE (SigVerifyPage, sig_verify_page, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  SIGNAL_BACK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_busy (SigVerifyPage *self,
          gboolean       busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
  gtk_widget_set_sensitive (self->choose_button, !busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
clear_claims (SigVerifyPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->claims)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->claims), child);
}

static void
add_claim (SigVerifyPage *self,
           const char    *title,
           const char    *value)
{
  GtkWidget *row;
  g_autofree char *escaped = NULL;

  if (value == NULL || *value == '\0')
    return;
  row = adw_action_row_new ();
  escaped = g_markup_escape_text (value, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  /* Read, not a Tab stop: the row does nothing. */
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_append (GTK_LIST_BOX (self->claims), row);
}

static void
set_verdict_style (SigVerifyPage *self,
                   const char    *style,
                   const char    *icon,
                   const char    *title)
{
  static const char *styles[] = { "verdict-valid", "verdict-expired", "verdict-invalid" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (self->verdict_box, styles[i]);
  gtk_widget_add_css_class (self->verdict_box, style);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->verdict_icon), icon);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verdict_icon), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_free (self->verdict);
  self->verdict = g_strdup (title);
  gtk_label_set_text (GTK_LABEL (self->verdict_title), title);
}

/* With a result, the invitation shrinks to a button for the next file. */
static void
show_result_box (SigVerifyPage *self,
                 gboolean       shown)
{
  gtk_widget_set_visible (self->result_box, shown);
  gtk_widget_set_visible (self->intro_icon, !shown);
  gtk_widget_set_visible (self->intro_title, !shown);
  gtk_widget_set_visible (self->intro_label, !shown);
  if (shown)
    {
      gtk_widget_add_css_class (self->drop_area, "compact");
      gtk_widget_remove_css_class (self->choose_button, "suggested-action");
    }
  else
    {
      gtk_widget_remove_css_class (self->drop_area, "compact");
      gtk_widget_add_css_class (self->choose_button, "suggested-action");
    }
  gtk_button_set_label (GTK_BUTTON (self->choose_button),
                        shown ? _("_Check Another File…") : _("_Choose Certificate File…"));
  sig_accessible_fix_button_names (self->choose_button);
}

static void
hide_code_result (SigVerifyPage *self)
{
  g_clear_pointer (&self->code_result_text, g_free);
  gtk_widget_set_visible (self->code_result, FALSE);
}

static void
show_code_result (SigVerifyPage *self,
                  const char    *style,
                  const char    *icon,
                  const char    *icon_label,
                  const char    *text)
{
  static const char *styles[] = { "callout-tip", "callout-warning", "callout-error" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (self->code_result, styles[i]);
  gtk_widget_add_css_class (self->code_result, style);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->code_result_icon), icon);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->code_result_icon), GTK_ACCESSIBLE_PROPERTY_LABEL, icon_label, -1);
  gtk_label_set_text (GTK_LABEL (self->code_result_label), text);
  g_free (self->code_result_text);
  self->code_result_text = g_strdup (text);
  gtk_widget_set_visible (self->code_result, TRUE);
}

static void
on_check_code (SigVerifyPage *self)
{
  const char *input = gtk_editable_get_text (GTK_EDITABLE (self->code_entry));
  g_autofree char *trimmed = g_strstrip (g_strdup (input != NULL ? input : ""));
  g_autofree char *normalized = NULL;

  if (self->verification == NULL || trimmed[0] == '\0')
    {
      hide_code_result (self);
      return;
    }
  normalized = sig_verification_code_normalize (input);
  if (normalized == NULL)
    show_code_result (self, "callout-warning", "dialog-warning-symbolic", _("Not a code"),
                      _("A verification code has ten letters and digits in two groups, such as 7KQ2M-X9D4P. Check what you typed."));
  else if (self->code != NULL && sig_verification_code_equal (normalized, self->code))
    show_code_result (self, "callout-tip", "emblem-ok-symbolic", _("The code matches"),
                      self->verification->authentic
                      ? _("The code matches: the paper certificate and this file belong together.")
                      : _("The code matches this file, but the file itself is not valid (see above)."));
  else
    show_code_result (self, "callout-error", "dialog-error-symbolic", _("The code does not match"),
                      _("This code does not belong to this certificate: the paper certificate and this file do not belong together."));
  sig_accessible_focus_when_shown (self->code_result_label);
}

static void
on_code_changed (SigVerifyPage *self)
{
  hide_code_result (self);
}

static char *
day_of (GDateTime *date)
{
  return date != NULL ? sig_date_label (date) : NULL;
}

static void
show_verification (SigVerifyPage *self,
                   const char    *file_name)
{
  SigVerification *v = self->verification;
  g_autofree char *course = NULL;
  g_autofree char *completed = day_of (v->valid_from);
  g_autofree char *valid_until = day_of (v->valid_until);
  /* Rounded as on the PDF and the learner's screen, not the credential's 87.5. */
  g_autofree char *score = v->score != NULL ? sig_certificate_format_percent (g_ascii_strtod (v->score, NULL), NULL) : NULL;
  g_autofree char *file_text = g_strdup_printf (_("File: %s"), file_name);

  switch (v->status)
    {
    case SIG_VERIFICATION_VALID:
      set_verdict_style (self, "verdict-valid", "emblem-ok-symbolic", _("Valid"));
      break;
    case SIG_VERIFICATION_EXPIRED:
      set_verdict_style (self, "verdict-expired", "alarm-symbolic", _("Expired"));
      break;
    case SIG_VERIFICATION_INVALID:
    default:
      set_verdict_style (self, "verdict-invalid", "dialog-error-symbolic", _("Not Valid"));
      break;
    }
  gtk_label_set_text (GTK_LABEL (self->verdict_message), v->message);
  gtk_label_set_text (GTK_LABEL (self->file_label), file_text);

  clear_claims (self);
  if (v->achievement_name != NULL && v->course_id != NULL && v->course_version != NULL)
    /* Translators: a course title, its id and version, as in "Recognising signs (example-course 1.2.0)". */
    course = g_strdup_printf (_("%s (%s %s)"), v->achievement_name, v->course_id, v->course_version);
  else
    course = g_strdup (v->achievement_name);
  add_claim (self, _("Learner"), v->learner_name);
  add_claim (self, _("Course"), course);
  add_claim (self, _("Passed"), completed);
  add_claim (self, _("Valid until"), valid_until);
  add_claim (self, _("Score"), score);
  add_claim (self, _("Issuer"), v->issuer_name);
  add_claim (self, _("Issuer key"), v->issuer_did);
  add_claim (self, _("Verification code"), self->code);
  add_claim (self, _("Credential"), v->credential_id);
  {
    gboolean any = gtk_widget_get_first_child (self->claims) != NULL;

    gtk_label_set_text (GTK_LABEL (self->claims_heading),
                        v->authentic ? _("What the Certificate Says") : _("What the File Claims (Not Confirmed)"));
    gtk_widget_set_visible (self->claims_heading, any);
    gtk_widget_set_visible (self->claims, any);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->claims), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    gtk_label_get_text (GTK_LABEL (self->claims_heading)), -1);
  }
  gtk_widget_set_visible (self->code_box, self->code != NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");
  hide_code_result (self);
  gtk_label_set_text (GTK_LABEL (self->trust_note),
                      v->authentic
                      ? _("A valid signature proves who issued the certificate and that nothing in it changed since. It does not prove that the issuer is who its name says: compare the issuer key with the one the organisation publishes. Self-study certificates are signed on the learner's own computer.")
                      : _("Nothing this file says is confirmed. Ask the person who gave it to you for the certificate file exactly as it was saved."));
  show_result_box (self, TRUE);
  sig_accessible_fix_button_names (self->result_box);
  sig_accessible_focus_when_shown (self->verdict_title);
}

static void
show_read_error (SigVerifyPage *self,
                 const char    *file_name,
                 const char    *message)
{
  g_autofree char *file_text = g_strdup_printf (_("File: %s"), file_name);

  set_verdict_style (self, "verdict-invalid", "dialog-error-symbolic", _("The File Cannot Be Read"));
  gtk_label_set_text (GTK_LABEL (self->verdict_message), message);
  gtk_label_set_text (GTK_LABEL (self->file_label), file_text);
  clear_claims (self);
  gtk_widget_set_visible (self->claims_heading, FALSE);
  gtk_widget_set_visible (self->claims, FALSE);
  gtk_widget_set_visible (self->code_box, FALSE);
  gtk_label_set_text (GTK_LABEL (self->trust_note), "");
  show_result_box (self, TRUE);
  sig_accessible_focus_when_shown (self->verdict_title);
}

/* ---- Reading and checking, in a worker thread ---------------------------- */

typedef struct {
  SigVerification *verification;
  char *code;
} CheckResult;

static void
check_result_free (CheckResult *result)
{
  g_clear_pointer (&result->verification, sig_verification_free);
  g_free (result->code);
  g_free (result);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *data = NULL;
  g_autofree char *path = NULL;
  CheckResult *result;
  GError *error = NULL;
  gsize length = 0;

  if ((path = g_file_get_path (file)) != NULL)
    {
      /* At most the size of a certificate, counted in bytes read. */
      if ((data = sig_file_read (path, SIG_JSON_MAX_BYTES, &length, &error)) == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  else
    {
      stream = g_file_read (file, cancellable, &error);
      if (stream == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      /* One byte past the limit: the verifier then says the file is too large. */
      data = g_malloc (SIG_JSON_MAX_BYTES + 2);
      if (!g_input_stream_read_all (G_INPUT_STREAM (stream), data, SIG_JSON_MAX_BYTES + 1, &length, cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      data[length] = '\0';
    }
  result = g_new0 (CheckResult, 1);
  result->verification = sig_credential_verify (data, (gssize) length, NULL, NULL);
  result->code = sig_credential_verification_code (data, (gssize) length, NULL);
  g_task_return_pointer (task, result, (GDestroyNotify) check_result_free);
}

static void
on_checked (GObject      *source,
            GAsyncResult *task,
            gpointer      user_data)
{
  SigVerifyPage *self = SIG_VERIFY_PAGE (source);
  GFile *file = g_task_get_task_data (G_TASK (task));
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GError) error = NULL;
  CheckResult *result = g_task_propagate_pointer (G_TASK (task), &error);

  if (result == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  g_clear_pointer (&self->verification, sig_verification_free);
  g_clear_pointer (&self->code, g_free);
  if (result == NULL)
    {
      show_read_error (self, name, error->message);
      return;
    }
  self->verification = g_steal_pointer (&result->verification);
  self->code = g_steal_pointer (&result->code);
  check_result_free (result);
  show_verification (self, name);
}

void
sig_verify_page_open (SigVerifyPage *self,
                      GFile         *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SIG_IS_VERIFY_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, on_checked, NULL);
  g_task_set_source_tag (task, sig_verify_page_open);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, check_thread);
}

void
sig_verify_page_clear (SigVerifyPage *self)
{
  g_return_if_fail (SIG_IS_VERIFY_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  g_clear_pointer (&self->verification, sig_verification_free);
  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->verdict, g_free);
  clear_claims (self);
  hide_code_result (self);
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");
  show_result_box (self, FALSE);
}

/* ---- Choosing and dropping ----------------------------------------------- */

/* Closes the file dialog, if any: when the page is no longer shown (leave
 * now), or before another one opens. */
static void
drop_chooser (SigVerifyPage *self)
{
  if (self->chooser == NULL)
    return;
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     SigVerifyPage   *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    sig_verify_page_open (self, file);
}

static void
on_choose_clicked (SigVerifyPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) credentials = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  /* A dialog left from before (closed by leave now) is not reused. */
  drop_chooser (self);
  gtk_file_filter_set_name (credentials, _("Signed credentials (JSON)"));
  gtk_file_filter_add_mime_type (credentials, "application/json");
  gtk_file_filter_add_pattern (credentials, "*.json");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  self->chooser = gtk_file_chooser_native_new (_("Choose a Certificate File"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Verify"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), credentials);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         SigVerifyPage *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;
  sig_verify_page_open (self, files->data);
  return TRUE;
}

/* Shown without a result: the keyboard starts at choosing a file. */
static void
on_map (SigVerifyPage *self)
{
  if (!gtk_widget_get_visible (self->result_box))
    gtk_widget_grab_focus (self->choose_button);
}

static void
on_back_clicked (SigVerifyPage *self)
{
  g_signal_emit (self, signals[SIGNAL_BACK], 0);
}

/* ---- For tests ------------------------------------------------------------ */

gboolean
sig_verify_page_get_busy (SigVerifyPage *self)
{
  return self->busy;
}

const SigVerification *
sig_verify_page_get_verification (SigVerifyPage *self)
{
  return self->verification;
}

const char *
sig_verify_page_get_verdict (SigVerifyPage *self)
{
  return self->verdict;
}

const char *
sig_verify_page_get_message (SigVerifyPage *self)
{
  return gtk_label_get_text (GTK_LABEL (self->verdict_message));
}

GtkWidget *
sig_verify_page_get_code_entry (SigVerifyPage *self)
{
  return self->code_entry;
}

const char *
sig_verify_page_get_code_result (SigVerifyPage *self)
{
  return self->code_result_text;
}

GtkWidget *
sig_verify_page_get_claims (SigVerifyPage *self)
{
  return self->claims;
}

/* ---- GObject ------------------------------------------------------------- */

static void
sig_verify_page_dispose (GObject *object)
{
  SigVerifyPage *self = SIG_VERIFY_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  drop_chooser (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SIG_TYPE_VERIFY_PAGE);
  G_OBJECT_CLASS (sig_verify_page_parent_class)->dispose (object);
}

static void
sig_verify_page_finalize (GObject *object)
{
  SigVerifyPage *self = SIG_VERIFY_PAGE (object);

  g_clear_pointer (&self->verification, sig_verification_free);
  g_free (self->code);
  g_free (self->verdict);
  g_free (self->code_result_text);
  G_OBJECT_CLASS (sig_verify_page_parent_class)->finalize (object);
}

static void
sig_verify_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SigVerifyPage *self = SIG_VERIFY_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sig_verify_page_class_init (SigVerifyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sig_verify_page_dispose;
  object_class->finalize = sig_verify_page_finalize;
  object_class->get_property = sig_verify_page_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_BACK] =
    g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SIG_TYPE_SAFETY_BUTTONS);
  gtk_widget_class_set_template_from_resource (widget_class, "/nl/signaal/Signaal/sig-verify-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SigVerifyPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, SigVerifyPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, SigVerifyPage, drop_area);
  gtk_widget_class_bind_template_child (widget_class, SigVerifyPage, intro_icon);
  gtk_widget_class_bind_template_child (widget_class, SigVerifyPage, intro_title);
  gtk_widget_class_bind_template_child (widget_class, SigVerifyPage, intro_label);
  gtk_widget_class_bind_template_child (widget_class, SigVerifyPage, choose_button);
  gtk_widget_class_bind_template_child (widget_class, SigVerifyPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SigVerifyPage, result_box);
  gtk_widget_class_bind_template_child_full (widget_class, "verdict", FALSE,
                                             G_STRUCT_OFFSET (SigVerifyPage, verdict_box));
  gtk_widget_class_bind_template_child (widget_class, SigVerifyPage, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, SigVerifyPage, verdict_title);
  gtk_widget_class_bind_template_child (widget_class, SigVerifyPage, verdict_message);
  gtk_widget_class_bind_template_child (widget_class, SigVerifyPage, file_label);
  gtk_widget_class_bind_template_child (widget_class, SigVerifyPage, claims_heading);
  gtk_widget_class_bind_template_child (widget_class, SigVerifyPage, claims);
  gtk_widget_class_bind_template_child (widget_class, SigVerifyPage, code_box);
  gtk_widget_class_bind_template_child (widget_class, SigVerifyPage, code_entry);
  gtk_widget_class_bind_template_child (widget_class, SigVerifyPage, check_code_button);
  gtk_widget_class_bind_template_child (widget_class, SigVerifyPage, code_result);
  gtk_widget_class_bind_template_child (widget_class, SigVerifyPage, code_result_icon);
  gtk_widget_class_bind_template_child (widget_class, SigVerifyPage, code_result_label);
  gtk_widget_class_bind_template_child (widget_class, SigVerifyPage, trust_note);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_check_code);
  gtk_widget_class_bind_template_callback (widget_class, on_code_changed);
}

static void
sig_verify_page_init (SigVerifyPage *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verdict_title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->claims_heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  sig_accessible_fix_button_names (GTK_WIDGET (self));

  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (drop_chooser), NULL);
  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

GtkWidget *
sig_verify_page_new (void)
{
  return g_object_new (SIG_TYPE_VERIFY_PAGE, NULL);
}
