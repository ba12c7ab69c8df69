/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "sig-import-dialog.h"
#include "sig-package-signature.h"
#include "sig-text.h"

typedef struct {
  SigWindow *window;
  GBytes *package;
  char *name;
} Pending;

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->window);
  g_bytes_unref (pending->package);
  g_free (pending->name);
  g_free (pending);
}

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             Pending          *pending)
{
  if (g_strcmp0 (response, "install") == 0)
    sig_window_install_package (pending->window, pending->package, pending->name);
  pending_free (pending);
}

static char *
publisher_text (const SigPackagePreview *preview)
{
  g_autofree char *name = NULL;

  switch (preview->state)
    {
    case SIG_PUBLISHER_VERIFIED:
      if (sig_publisher_is_trusted (preview->publisher_did, &name) && name != NULL && *name != '\0')
        return sig_text_sanitize (g_strdup_printf (_("Published by %s — verified"), name));
      return sig_text_sanitize (g_strdup_printf (_("Published by %s — verified"), preview->signer_name));
    case SIG_PUBLISHER_SIGNED:
      return sig_text_sanitize (g_strdup_printf (_("Published by %s — signed, but not a publisher this computer knows (%s)"),
                                                 preview->signer_name, preview->publisher_did));
    case SIG_PUBLISHER_UNVERIFIED:
    default:
      return g_strdup (_("Unverified publisher"));
    }
}

GtkWidget *
sig_import_error_dialog_new (GtkWindow    *parent,
                             const char   *name,
                             const GError *error)
{
  g_autofree char *heading = g_strdup_printf (_("“%s” could not be imported"), name);
  gboolean damaged = g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_COURSE_INVALID);
  GtkWidget *dialog;

  if (!damaged)
    dialog = adw_message_dialog_new (parent, heading, error->message);
  else
    {
      GtkWidget *expander = gtk_expander_new_with_mnemonic (_("_Technical details"));
      GtkWidget *details = gtk_label_new (error->message);

      dialog = adw_message_dialog_new (parent, heading,
                                       _("This file is not a Signaal course, or it is damaged. "
                                         "Ask whoever gave it to you for a new copy."));
      gtk_label_set_wrap (GTK_LABEL (details), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (details), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (details), TRUE);
      gtk_label_set_xalign (GTK_LABEL (details), 0);
      gtk_widget_add_css_class (details, "monospace");
      gtk_widget_set_margin_top (details, 6);
      gtk_expander_set_child (GTK_EXPANDER (expander), details);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), expander);
    }
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("Close"));
  return dialog;
}

void
sig_import_dialog_present (SigWindow *window,
                           SigStore  *store,
                           GFile     *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GBytes) package = NULL;
  g_autoptr(SigPackagePreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *publisher = NULL;
  GtkWidget *dialog;
  Pending *pending;

  if (path == NULL)
    return;
  if ((package = sig_store_read_package (path, &error)) == NULL ||
      (preview = sig_store_preview_package (store, package, name, sig_window_get_language (window), &error)) == NULL)
    {
      dialog = sig_import_error_dialog_new (GTK_WINDOW (window), name, error);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  heading = g_strdup_printf (_("Install “%s”?"), preview->title);
  publisher = publisher_text (preview);
  g_string_append_printf (body, _("Version %s, from the file %s."), preview->version, name);
  g_string_append_printf (body, "\n%s", publisher);
  if (preview->state == SIG_PUBLISHER_UNVERIFIED)
    g_string_append_printf (body, "\n%s", _("Nobody can prove who made this course. Install it only if you know where the file comes from."));
  if (preview->replaces_title != NULL)
    {
      g_string_append_c (body, '\n');
      g_string_append_printf (body, _("It replaces “%s” version %s; progress carries on."),
                              preview->replaces_title, preview->replaces_version);
    }
  if (preview->refusal != NULL)
    g_string_append_printf (body, "\n\n%s", preview->refusal);

  dialog = adw_message_dialog_new (GTK_WINDOW (window), heading, body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("Cancel"));
  if (preview->refusal == NULL)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "install", _("Install"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "install", ADW_RESPONSE_SUGGESTED);
    }
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  pending = g_new0 (Pending, 1);
  pending->window = g_object_ref (window);
  pending->package = g_steal_pointer (&package);
  pending->name = g_steal_pointer (&name);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response), pending);
  gtk_window_present (GTK_WINDOW (dialog));
}
