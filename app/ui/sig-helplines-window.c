/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sig-helplines-window.h"
#include "sig-page-view.h"

struct _SigHelplinesWindow
{
  AdwWindow parent_instance;

  SigHelplines *helplines;
  char *language;
};

G_DEFINE_FINAL_TYPE (SigHelplinesWindow, sig_helplines_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_HELPLINES,
  PROP_LANGUAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
region_group (SigHelplinesWindow *self,
              const char         *region,
              const char         *title,
              const char         *description)
{
  GtkWidget *group = adw_preferences_group_new ();
  guint n = 0;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  for (guint i = 0; self->helplines != NULL && i < sig_helplines_get_n (self->helplines); i++)
    {
      const SigHelpline *helpline = sig_helplines_get (self->helplines, i);

      if (g_strcmp0 (helpline->region, region) != 0)
        continue;
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 sig_helpline_row_new (helpline, self->language));
      n++;
    }
  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("The list of helplines could not be read. In immediate danger, call 112."));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}

/* The window is modal: the leave button of the window below cannot be
 * reached while it is open, so it has its own. */
static void
on_leave_clicked (SigHelplinesWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.leave-now", NULL);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
sig_helplines_window_constructed (GObject *object)
{
  SigHelplinesWindow *self = SIG_HELPLINES_WINDOW (object);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *intro = adw_preferences_group_new ();
  GtkWidget *leave;

  G_OBJECT_CLASS (sig_helplines_window_parent_class)->constructed (object);

  gtk_window_set_title (GTK_WINDOW (self), _("Helplines"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);
  leave = gtk_button_new_from_icon_name ("system-shutdown-symbolic");
  gtk_widget_set_tooltip_text (leave, _("Leave now: hide this at once (Esc twice)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (leave), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Leave now"), -1);
  gtk_widget_add_css_class (leave, "leave-now");
  g_signal_connect_swapped (leave, "clicked", G_CALLBACK (on_leave_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), leave);
  gtk_box_append (GTK_BOX (box), header);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (intro),
                                         _("In immediate danger, call 112 (on Bonaire, Sint Eustatius and Saba: 911). "
                                           "You can also call the numbers below for advice, for yourself or for someone else, anonymously if you wish."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (intro));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page),
                            ADW_PREFERENCES_GROUP (region_group (self, "nl", _("European Netherlands"), NULL)));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page),
                            ADW_PREFERENCES_GROUP (region_group (self, "cn", _("Caribbean Netherlands"),
                                                                 _("Bonaire, Sint Eustatius and Saba"))));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
}

static void
sig_helplines_window_finalize (GObject *object)
{
  SigHelplinesWindow *self = SIG_HELPLINES_WINDOW (object);

  g_free (self->language);
  G_OBJECT_CLASS (sig_helplines_window_parent_class)->finalize (object);
}

static void
sig_helplines_window_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SigHelplinesWindow *self = SIG_HELPLINES_WINDOW (object);

  switch (prop_id)
    {
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
sig_helplines_window_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SigHelplinesWindow *self = SIG_HELPLINES_WINDOW (object);

  switch (prop_id)
    {
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
sig_helplines_window_class_init (SigHelplinesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sig_helplines_window_constructed;
  object_class->finalize = sig_helplines_window_finalize;
  object_class->get_property = sig_helplines_window_get_property;
  object_class->set_property = sig_helplines_window_set_property;

  properties[PROP_HELPLINES] =
    g_param_spec_pointer ("helplines", NULL, NULL,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, "en",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sig_helplines_window_init (SigHelplinesWindow *self)
{
}

GtkWidget *
sig_helplines_window_new (GtkWindow    *parent,
                          SigHelplines *helplines,
                          const char   *language)
{
  return g_object_new (SIG_TYPE_HELPLINES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "helplines", helplines,
                       "language", language,
                       NULL);
}
