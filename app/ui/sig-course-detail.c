/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "sig-accessible.h"
#include "sig-certificate-section.h"
#include "sig-course-detail.h"
#include "sig-labels.h"
#include "sig-loader.h"
#include "sig-types.h"

struct _SigCourseDetail
{
  GtkBox parent_instance;

  SigStore *store;
  char *profile_id;
  char *language;

  SigLibraryCourse *entry;
  SigCourse *course;
  GCancellable *cancellable;
  GtkWidget *certificate;   /* SigCertificateSection of the course shown, kept across renders */

  GtkWidget *stack;
  GtkWidget *content;
};

G_DEFINE_FINAL_TYPE (SigCourseDetail, sig_course_detail, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PROFILE_ID,
  PROP_LANGUAGE,
  N_PROPS
};

enum {
  SIGNAL_PLAY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GtkWidget *
label_new (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
heading_new (const char *text,
             const char *css_class,
             int         level)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                                   "label", text,
                                   "wrap", TRUE,
                                   "xalign", 0.0f,
                                   NULL);

  gtk_widget_add_css_class (label, css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL, level, -1);
  return label;
}

static const char *
text_of (SigCourseDetail *self,
         const SigText   *text)
{
  const char *value = text != NULL ? sig_text_get (text, self->language) : NULL;

  return value != NULL ? value : "";
}

static void
clear_content (SigCourseDetail *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->content)) != NULL)
    gtk_box_remove (GTK_BOX (self->content), child);
}

static void show_message (SigCourseDetail *self,
                          const char      *heading,
                          const char      *body);

/* ---- Taking the course again: asked first, and undone from a toast ------ */

typedef struct {
  SigStore *store;
  char *profile_id;
  char *course_id;
  char *registration;
  GWeakRef window;
} Retake;

static void
retake_free (gpointer data)
{
  Retake *retake = data;

  g_object_unref (retake->store);
  g_free (retake->profile_id);
  g_free (retake->course_id);
  g_free (retake->registration);
  g_weak_ref_clear (&retake->window);
  g_free (retake);
}

static void
on_retake_undo (AdwToast *toast,
                Retake   *retake)
{
  g_autoptr(GtkWidget) window = g_weak_ref_get (&retake->window);
  g_autoptr(GError) error = NULL;

  if (!sig_store_discard_attempt (retake->store, retake->profile_id, retake->course_id,
                                  retake->registration, &error))
    {
      if (window != NULL)
        {
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window), _("The new attempt cannot be undone"),
                                                      error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
      return;
    }
  if (window != NULL)
    gtk_widget_activate_action (window, "win.show-home", NULL);
}

static void
start_again (SigCourseDetail *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *registration = NULL;
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  SigCourse *course = self->course;

  if (!sig_store_record_started (self->store, self->profile_id, course, TRUE, &registration, &error))
    {
      show_message (self, _("The course cannot be started again"), error->message);
      return;
    }
  if (overlay != NULL)
    {
      AdwToast *toast = adw_toast_new (_("A new attempt was started"));
      Retake *retake = g_new0 (Retake, 1);

      retake->store = g_object_ref (self->store);
      retake->profile_id = g_strdup (self->profile_id);
      retake->course_id = g_strdup (course->id);
      retake->registration = g_steal_pointer (&registration);
      g_weak_ref_init (&retake->window, gtk_widget_get_root (overlay));
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_timeout (toast, 10);
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_retake_undo), retake,
                             (GClosureNotify) (void (*) (void)) retake_free, 0);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
  g_signal_emit (self, signals[SIGNAL_PLAY], 0, course, -1);
}

static void
on_retake_response (AdwMessageDialog *dialog,
                    const char       *response,
                    SigCourseDetail  *self)
{
  if (g_strcmp0 (response, "again") == 0 && self->course != NULL)
    start_again (self);
}

static void
on_resume_clicked (SigCourseDetail *self)
{
  g_autoptr(SigCourseProgress) progress = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (self->course == NULL)
    return;
  progress = sig_store_get_progress (self->store, self->profile_id, self->course->id, self->course, NULL);
  if (progress == NULL || progress->status == SIG_PROGRESS_NOT_STARTED ||
      progress->status == SIG_PROGRESS_IN_PROGRESS || !GTK_IS_WINDOW (root))
    {
      g_signal_emit (self, signals[SIGNAL_PLAY], 0, self->course, -1);
      return;
    }
  /* A finished course: a new attempt is a choice, asked first. */
  dialog = adw_message_dialog_new (GTK_WINDOW (root), _("Take the Course Again?"),
                                   _("A new attempt starts at the first module, with empty answers. "
                                     "Your certificate and the result you have are kept."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "again", _("_Take the Course Again"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "again", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "again");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_retake_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_module_activated (GtkListBox      *list,
                     GtkListBoxRow   *row,
                     SigCourseDetail *self)
{
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "module-index"));

  if (self->course != NULL)
    g_signal_emit (self, signals[SIGNAL_PLAY], 0, self->course, index);
}

static void
show_message (SigCourseDetail *self,
              const char      *heading,
              const char      *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (!GTK_IS_WINDOW (root))
    {
      g_warning ("%s: %s", heading, body);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (root), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Removing an imported course: the progress stays unless the learner ticks
 * the box, which is off by default. */
static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    SigCourseDetail  *self)
{
  GtkWidget *delete_progress = adw_message_dialog_get_extra_child (dialog);
  g_autofree char *course_id = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "remove") != 0 || self->entry == NULL)
    return;
  course_id = g_strdup (sig_library_course_get_id (self->entry));
  if (!sig_store_remove_course (self->store, course_id, &error) ||
      (gtk_check_button_get_active (GTK_CHECK_BUTTON (delete_progress)) &&
       !sig_store_delete_course_progress (self->store, self->profile_id, course_id, &error)))
    {
      show_message (self, _("The Course Could Not Be Removed"), error->message);
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-home", NULL);
}

static void
on_remove_clicked (SigCourseDetail *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  GtkWidget *delete_progress;

  if (self->entry == NULL || !GTK_IS_WINDOW (root))
    return;
  heading = g_strdup_printf (_("Remove “%s”?"), sig_library_course_get_title (self->entry, self->language));
  dialog = adw_message_dialog_new (GTK_WINDOW (root), heading,
                                   _("The course is taken out of the library. You can import its file again later. "
                                     "Your progress and certificates are kept unless you choose otherwise."));
  delete_progress = gtk_check_button_new_with_mnemonic (_("Also _delete my progress and certificates for this course"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), delete_progress);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The refresher: recorded as started, then the player follows the store's
 * resume point into the refresher module. */
static void
on_take_refresher (SigCourseDetail *self)
{
  g_autoptr(GError) error = NULL;

  if (self->course == NULL)
    return;
  if (!sig_store_record_refresher_started (self->store, self->profile_id, self->course, &error))
    {
      show_message (self, _("The refresher cannot be started"), error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_PLAY], 0, self->course, -1);
}

static GtkWidget *
certificate_section (SigCourseDetail *self)
{
  const char *course_id = sig_library_course_get_id (self->entry);
  SigCertificateSection *section = self->certificate != NULL ? SIG_CERTIFICATE_SECTION (self->certificate) : NULL;
  g_autofree char *shown_id = NULL;

  if (section != NULL)
    g_object_get (section, "course-id", &shown_id, NULL);
  if (section == NULL || g_strcmp0 (shown_id, course_id) != 0)
    {
      g_clear_object (&self->certificate);
      self->certificate = g_object_ref_sink (sig_certificate_section_new (self->store, self->profile_id, course_id));
      g_signal_connect_swapped (self->certificate, "take-refresher", G_CALLBACK (on_take_refresher), self);
    }
  else
    {
      gboolean busy = FALSE;

      g_object_get (section, "busy", &busy, NULL);
      /* While a file is being saved, the section stays as it is. */
      if (!busy)
        sig_certificate_section_reload (section);
    }
  return self->certificate;
}

static GtkWidget *
tags_label (SigCourseDetail *self)
{
  const char * const *sectors = sig_library_course_get_sectors (self->entry);
  const char * const *themes = sig_library_course_get_themes (self->entry);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; sectors != NULL && sectors[i] != NULL; i++)
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", sig_sector_label (sectors[i]));
  for (guint i = 0; themes != NULL && themes[i] != NULL; i++)
    {
      g_autofree char *theme = sig_theme_label (themes[i]);
      g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", theme);
    }
  return label_new (text->str, "dim-label");
}

static void
render (SigCourseDetail *self)
{
  g_autoptr(SigCourseProgress) progress = NULL;
  g_autofree char *minutes = NULL;
  g_autofree char *status = NULL;
  g_autofree char *certificate = NULL;
  g_autoptr(SigStoreCertificate) latest = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) certificate_error = NULL;
  SigStoreCertificateState state = SIG_STORE_CERTIFICATE_NONE;
  gboolean refresher = FALSE;
  gboolean attention;
  const char *publisher;
  GtkWidget *facts;
  GtkWidget *row;
  GtkWidget *button;
  GtkWidget *buttons;

  clear_content (self);
  if (self->entry == NULL)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
      return;
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "course");

  progress = sig_store_get_progress (self->store, self->profile_id,
                                     sig_library_course_get_id (self->entry), self->course, &error);
  gtk_box_append (GTK_BOX (self->content),
                  heading_new (sig_library_course_get_title (self->entry, self->language), "title-1", 1));
  publisher = sig_library_course_get_publisher (self->entry, self->language);
  if (publisher != NULL)
    {
      g_autofree char *by = g_strdup_printf (_("By %s"), publisher);
      gtk_box_append (GTK_BOX (self->content), label_new (by, "dim-label"));
    }
  {
    /* Whether the publisher is proven: signed by a trusted key, or not. */
    g_autofree char *line = sig_library_course_dup_publisher_line (self->entry, self->language);

    gtk_box_append (GTK_BOX (self->content), label_new (line, "dim-label"));
  }
  gtk_box_append (GTK_BOX (self->content), tags_label (self));
  gtk_box_append (GTK_BOX (self->content),
                  label_new (sig_library_course_get_summary (self->entry, self->language), "page-text"));

  /* Duration, progress and certificate. */
  facts = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (facts), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (facts, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (facts), GTK_ACCESSIBLE_PROPERTY_LABEL, _("About this course"), -1);
  minutes = sig_minutes_label (sig_library_course_get_minutes (self->entry));
  status = sig_progress_label (progress);
  if (!sig_store_get_certificate_state (self->store, self->profile_id, sig_library_course_get_id (self->entry),
                                        NULL, &state, &latest, &refresher, &certificate_error))
    g_warning ("The certificate state cannot be read: %s", certificate_error->message);
  certificate = sig_certificate_state_short_label (state, latest, refresher);
  attention = state == SIG_STORE_CERTIFICATE_EXPIRED || state == SIG_STORE_CERTIFICATE_EXPIRING;
  {
    struct { const char *title; const char *value; const char *icon; } rows[] = {
      { _("Duration"), minutes, "alarm-symbolic" },
      { _("Progress"), status, "emblem-ok-symbolic" },
      { _("Certificate"), certificate, attention ? "dialog-warning-symbolic" : "emblem-documents-symbolic" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        g_autofree char *escaped = g_markup_escape_text (rows[i].value, -1);
        GtkWidget *icon = gtk_image_new_from_icon_name (rows[i].icon);

        row = adw_action_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rows[i].title);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
        gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
        adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
        /* Read, not a Tab stop: the row does nothing. */
        gtk_widget_set_focusable (row, FALSE);
        gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
        if (i == 2 && attention)
          gtk_widget_add_css_class (row, "certificate-attention");
        gtk_list_box_append (GTK_LIST_BOX (facts), row);
      }
  }
  gtk_box_append (GTK_BOX (self->content), facts);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_START);
  /* A finished attempt is not continued: the button starts a new one. */
  if (progress == NULL || progress->status == SIG_PROGRESS_NOT_STARTED)
    button = gtk_button_new_with_mnemonic (_("_Start Course"));
  else if (progress->status == SIG_PROGRESS_IN_PROGRESS)
    button = gtk_button_new_with_mnemonic (_("_Continue Course"));
  else
    button = gtk_button_new_with_mnemonic (_("_Take the Course Again"));
  gtk_widget_add_css_class (button, "pill");
  /* When the certificate needs renewing, the refresher is what to do next. */
  if (!(attention && refresher))
    gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_sensitive (button, self->course != NULL);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_resume_clicked), self);
  gtk_box_append (GTK_BOX (buttons), button);
  gtk_box_append (GTK_BOX (self->content), buttons);

  /* The certificate itself: what it says, saving it, the refresher. */
  gtk_box_append (GTK_BOX (self->content), certificate_section (self));

  if (self->course == NULL)
    {
      GtkWidget *spinner = gtk_spinner_new ();

      gtk_spinner_start (GTK_SPINNER (spinner));
      gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Loading the course"), -1);
      gtk_box_append (GTK_BOX (self->content), spinner);
      sig_accessible_fix_button_names (self->content);
      return;
    }

  for (guint i = 0; i < self->course->warnings->len; i++)
    {
      GtkWidget *callout = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (callout, "callout");
      gtk_widget_add_css_class (callout, "callout-warning");
      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Content warning"), -1);
      gtk_box_append (GTK_BOX (callout), icon);
      gtk_box_append (GTK_BOX (callout), label_new (text_of (self, self->course->warnings->pdata[i]), NULL));
      gtk_box_append (GTK_BOX (self->content), callout);
    }

  /* Modules */
  {
    GtkWidget *modules = gtk_list_box_new ();

    gtk_box_append (GTK_BOX (self->content), heading_new (_("Modules"), "title-4", 2));
    gtk_list_box_set_selection_mode (GTK_LIST_BOX (modules), GTK_SELECTION_NONE);
    gtk_widget_add_css_class (modules, "boxed-list");
    gtk_accessible_update_property (GTK_ACCESSIBLE (modules), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Modules"), -1);
    g_signal_connect (modules, "row-activated", G_CALLBACK (on_module_activated), self);
    for (guint i = 0; i < self->course->modules->len; i++)
      {
        SigModule *module = self->course->modules->pdata[i];
        const SigModuleProgress *module_progress = NULL;
        g_autoptr(GString) subtitle = g_string_new (NULL);
        g_autofree char *title = g_markup_escape_text (text_of (self, module->title), -1);
        GtkWidget *suffix;

        for (guint j = 0; progress != NULL && j < progress->modules->len; j++)
          if (g_strcmp0 (((SigModuleProgress *) progress->modules->pdata[j])->module_id, module->id) == 0)
            module_progress = progress->modules->pdata[j];
        g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u part", "%u parts", module->items->len),
                                module->items->len);
        if (!module->required)
          g_string_append_printf (subtitle, " · %s", _("optional"));
        if (module_progress != NULL && module_progress->completed)
          g_string_append_printf (subtitle, " · %s", _("done"));
        else if (module_progress != NULL && module_progress->n_questions > 0 && module_progress->answered > 0)
          g_string_append_printf (subtitle, " · %u/%u %s", module_progress->answered, module_progress->n_questions, _("questions answered"));
        row = adw_action_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
        suffix = gtk_image_new_from_icon_name (module_progress != NULL && module_progress->completed
                                               ? "emblem-ok-symbolic" : "go-next-symbolic");
        gtk_accessible_update_state (GTK_ACCESSIBLE (suffix), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
        gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
        g_object_set_data (G_OBJECT (row), "module-index", GINT_TO_POINTER ((int) i));
        gtk_list_box_append (GTK_LIST_BOX (modules), row);
      }
    gtk_box_append (GTK_BOX (self->content), modules);
  }

  /* Objectives */
  if (self->course->objectives->len > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      gtk_box_append (GTK_BOX (self->content), heading_new (_("What you learn"), "title-4", 2));
      for (guint i = 0; i < self->course->objectives->len; i++)
        g_string_append_printf (text, "%s• %s", i > 0 ? "\n" : "",
                                text_of (self, ((SigObjective *) self->course->objectives->pdata[i])->text));
      gtk_box_append (GTK_BOX (self->content), label_new (text->str, "page-text"));
    }

  /* An imported course can be taken out of the library again. */
  if (self->entry != NULL && !sig_library_course_get_bundled (self->entry))
    {
      button = gtk_button_new_with_mnemonic (_("_Remove Course…"));
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_widget_set_margin_top (button, 12);
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_remove_clicked), self);
      gtk_box_append (GTK_BOX (self->content), button);
    }
  sig_accessible_fix_button_names (self->content);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  SigCourse *course = sig_loader_load_course (task_data, &error);

  if (course == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, course, (GDestroyNotify) sig_course_unref);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SigCourseDetail *self = SIG_COURSE_DETAIL (source);
  g_autoptr(GError) error = NULL;
  SigCourse *course = g_task_propagate_pointer (G_TASK (result), &error);

  if (course == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          clear_content (self);
          gtk_box_append (GTK_BOX (self->content), label_new (_("This course cannot be opened."), "title-2"));
          gtk_box_append (GTK_BOX (self->content), label_new (error->message, "error"));
        }
      return;
    }
  g_clear_pointer (&self->course, sig_course_unref);
  self->course = course;
  render (self);
}

void
sig_course_detail_set_course (SigCourseDetail  *self,
                              SigLibraryCourse *entry)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SIG_IS_COURSE_DETAIL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->course, sig_course_unref);
  g_set_object (&self->entry, entry);
  render (self);
  if (entry == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_loaded, NULL);
  g_task_set_source_tag (task, sig_course_detail_set_course);
  g_task_set_task_data (task, g_strdup (sig_library_course_get_path (entry)), g_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_thread);
}

SigLibraryCourse *
sig_course_detail_get_course (SigCourseDetail *self)
{
  return self->entry;
}

void
sig_course_detail_refresh (SigCourseDetail *self)
{
  if (self->entry != NULL && self->course != NULL)
    render (self);
}

static void
sig_course_detail_constructed (GObject *object)
{
  SigCourseDetail *self = SIG_COURSE_DETAIL (object);
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  G_OBJECT_CLASS (sig_course_detail_parent_class)->constructed (object);

  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  gtk_widget_set_hexpand (self->stack, TRUE);
  /* The app's symbolic icon, as PNGs made at build time (app/ui/meson.build):
   * from the SVG, this one picture would load an SVG renderer for the first
   * window. */
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "signaal-choose-course-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("Choose a Course"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty), _("Courses for your sector are at the top of the list."));
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");

  self->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_add_css_class (self->content, "page-content");
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->content);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_stack_add_named (GTK_STACK (self->stack), scrolled, "course");
  gtk_box_append (GTK_BOX (self), self->stack);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
  sig_accessible_hide_inactive_pages (self->stack);
}

static void
sig_course_detail_dispose (GObject *object)
{
  SigCourseDetail *self = SIG_COURSE_DETAIL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->entry);
  g_clear_object (&self->certificate);
  g_clear_pointer (&self->course, sig_course_unref);
  G_OBJECT_CLASS (sig_course_detail_parent_class)->dispose (object);
}

static void
sig_course_detail_finalize (GObject *object)
{
  SigCourseDetail *self = SIG_COURSE_DETAIL (object);

  g_free (self->profile_id);
  g_free (self->language);
  G_OBJECT_CLASS (sig_course_detail_parent_class)->finalize (object);
}

static void
sig_course_detail_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SigCourseDetail *self = SIG_COURSE_DETAIL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PROFILE_ID:
      g_value_set_string (value, self->profile_id);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sig_course_detail_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SigCourseDetail *self = SIG_COURSE_DETAIL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PROFILE_ID:
      self->profile_id = g_value_dup_string (value);
      break;
    case PROP_LANGUAGE:
      self->language = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sig_course_detail_class_init (SigCourseDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sig_course_detail_constructed;
  object_class->dispose = sig_course_detail_dispose;
  object_class->finalize = sig_course_detail_finalize;
  object_class->get_property = sig_course_detail_get_property;
  object_class->set_property = sig_course_detail_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SIG_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE_ID] =
    g_param_spec_string ("profile-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, "en",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_PLAY] =
    g_signal_new ("play", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, SIG_TYPE_COURSE, G_TYPE_INT);
}

static void
sig_course_detail_init (SigCourseDetail *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
}

GtkWidget *
sig_course_detail_new (SigStore   *store,
                       const char *profile_id,
                       const char *language)
{
  return g_object_new (SIG_TYPE_COURSE_DETAIL,
                       "store", store,
                       "profile-id", profile_id,
                       "language", language,
                       NULL);
}
