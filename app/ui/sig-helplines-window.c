/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sig-application.h"
#include "sig-helplines-window.h"
#include "sig-labels.h"
#include "sig-page-view.h"

struct _SigHelplinesWindow
{
  AdwWindow parent_instance;

  SigHelplines *helplines;
  char *language;
  char *region;
};

G_DEFINE_FINAL_TYPE (SigHelplinesWindow, sig_helplines_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_HELPLINES,
  PROP_LANGUAGE,
  PROP_REGION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One group per region; the learner's own region comes first. */
static GtkWidget *
region_group (SigHelplinesWindow *self,
              const char         *region)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autoptr(GPtrArray) helplines = NULL;

  gtk_widget_set_name (group, region);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), sig_region_label (region));
  if (g_strcmp0 (region, self->region) == 0)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), _("Your region. You can change it in Preferences."));
  if (self->helplines != NULL)
    helplines = sig_helplines_for_region (self->helplines, region);
  for (guint i = 0; helplines != NULL && i < helplines->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               sig_helpline_row_new (helplines->pdata[i], self->language));
  if (helplines == NULL || helplines->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("The list of helplines could not be read. In immediate danger, call 112."));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}

static void
sig_helplines_window_constructed (GObject *object)
{
  SigHelplinesWindow *self = SIG_HELPLINES_WINDOW (object);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *intro = adw_preferences_group_new ();
  g_auto(GStrv) regions = NULL;

  G_OBJECT_CLASS (sig_helplines_window_parent_class)->constructed (object);

  if (self->region == NULL)
    {
      g_autoptr(GSettings) settings = sig_settings_new ();

      self->region = g_settings_get_string (settings, "region");
    }

  gtk_window_set_title (GTK_WINDOW (self), _("Helplines"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);
  gtk_box_append (GTK_BOX (box), header);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (intro),
                                         _("In immediate danger, call 112 (on Bonaire, Sint Eustatius and Saba: 911). "
                                           "You can also call the numbers below for advice, for yourself or for someone else, anonymously if you wish."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (intro));
  regions = sig_regions_ordered (self->region);
  for (guint i = 0; regions[i] != NULL; i++)
    adw_preferences_page_add (ADW_PREFERENCES_PAGE (page),
                              ADW_PREFERENCES_GROUP (region_group (self, regions[i])));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
}

static void
sig_helplines_window_finalize (GObject *object)
{
  SigHelplinesWindow *self = SIG_HELPLINES_WINDOW (object);

  g_free (self->language);
  g_free (self->region);
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
    case PROP_REGION:
      g_value_set_string (value, self->region);
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
    case PROP_REGION:
      self->region = g_value_dup_string (value);
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
  /* The learner's region (see sig_regions ()); NULL: the "region" setting. */
  properties[PROP_REGION] =
    g_param_spec_string ("region", NULL, NULL, NULL,
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
