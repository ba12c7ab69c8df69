/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "sig-accessible.h"
#include "sig-application.h"
#include "sig-labels.h"
#include "sig-profile-page.h"
#include "sig-safety-buttons.h"

struct _SigProfilePage
{
  GtkBox parent_instance;

  SigStore *store;
  char *language;

  GtkWidget *existing_group;
  GtkWidget *existing_list;
  GtkWidget *name_row;
  GtkWidget *sector_row;
  GtkWidget *region_row;
  GSettings *settings;
  GtkWidget *error_label;
  GtkWidget *create_button;
};

G_DEFINE_FINAL_TYPE (SigProfilePage, sig_profile_page, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LANGUAGE,
  N_PROPS
};

enum {
  SIGNAL_PROFILE_CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
show_error (SigProfilePage *self,
            const char     *message)
{
  gtk_label_set_text (GTK_LABEL (self->error_label), message);
  gtk_widget_set_visible (self->error_label, message != NULL);
}

static void
on_name_changed (SigProfilePage *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  gtk_widget_set_sensitive (self->create_button, name[0] != '\0');
  show_error (self, NULL);
}

static void
on_create_clicked (SigProfilePage *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  guint sector = adw_combo_row_get_selected (ADW_COMBO_ROW (self->sector_row));
  g_autoptr(SigProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  if (name[0] == '\0')
    return;
  if (sector >= SIG_N_SECTORS)
    sector = SIG_N_SECTORS - 1;
  profile = sig_store_create_profile (self->store, name, name, sig_sector_ids ()[sector],
                                      self->language, &error);
  if (profile == NULL)
    {
      if (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_EXISTS))
        show_error (self, _("A profile with this name already exists on this computer. Choose it above, or add something to the name, such as an initial."));
      else
        show_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_PROFILE_CHOSEN], 0, profile);
}

static void
on_existing_activated (GtkListBox     *list,
                       GtkListBoxRow  *row,
                       SigProfilePage *self)
{
  SigProfile *profile = g_object_get_data (G_OBJECT (row), "profile");

  g_signal_emit (self, signals[SIGNAL_PROFILE_CHOSEN], 0, profile);
}

void
sig_profile_page_reload (SigProfilePage *self)
{
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  g_return_if_fail (SIG_IS_PROFILE_PAGE (self));

  while ((child = gtk_widget_get_first_child (self->existing_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->existing_list), child);
  profiles = sig_store_list_profiles (self->store, &error);
  if (profiles == NULL)
    {
      show_error (self, error->message);
      return;
    }
  for (guint i = 0; i < profiles->len; i++)
    {
      SigProfile *profile = profiles->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_markup_escape_text (sig_profile_get_name (profile), -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sig_sector_label (sig_profile_get_sector (profile)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "profile", g_object_ref (profile), g_object_unref);
      gtk_list_box_append (GTK_LIST_BOX (self->existing_list), row);
    }
  gtk_widget_set_visible (self->existing_group, profiles->len > 0);
}

static void
on_map (SigProfilePage *self)
{
  /* The name comes first; a keyboard user starts typing at once. */
  gtk_widget_grab_focus (self->name_row);
}

static void
sig_profile_page_constructed (GObject *object)
{
  SigProfilePage *self = SIG_PROFILE_PAGE (object);
  g_autoptr(GtkStringList) sectors = gtk_string_list_new (NULL);

  G_OBJECT_CLASS (sig_profile_page_parent_class)->constructed (object);

  for (guint i = 0; sig_sector_ids ()[i] != NULL; i++)
    gtk_string_list_append (sectors, sig_sector_label (sig_sector_ids ()[i]));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->sector_row), G_LIST_MODEL (sectors));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->sector_row), SIG_N_SECTORS - 1);
  /* The region is a setting of this computer, not part of the profile. */
  self->settings = sig_settings_new ();
  sig_region_row_bind (ADW_COMBO_ROW (self->region_row), self->settings);
  sig_profile_page_reload (self);
}

static void
sig_profile_page_dispose (GObject *object)
{
  SigProfilePage *self = SIG_PROFILE_PAGE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (sig_profile_page_parent_class)->dispose (object);
}

static void
sig_profile_page_finalize (GObject *object)
{
  SigProfilePage *self = SIG_PROFILE_PAGE (object);

  g_free (self->language);
  G_OBJECT_CLASS (sig_profile_page_parent_class)->finalize (object);
}

static void
sig_profile_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SigProfilePage *self = SIG_PROFILE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sig_profile_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SigProfilePage *self = SIG_PROFILE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_LANGUAGE:
      self->language = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sig_profile_page_class_init (SigProfilePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sig_profile_page_constructed;
  object_class->dispose = sig_profile_page_dispose;
  object_class->finalize = sig_profile_page_finalize;
  object_class->get_property = sig_profile_page_get_property;
  object_class->set_property = sig_profile_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SIG_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, "en",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_PROFILE_CHOSEN] =
    g_signal_new ("profile-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SIG_TYPE_PROFILE);

  g_type_ensure (SIG_TYPE_SAFETY_BUTTONS);
  gtk_widget_class_set_template_from_resource (widget_class, "/nl/signaal/Signaal/sig-profile-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SigProfilePage, existing_group);
  gtk_widget_class_bind_template_child (widget_class, SigProfilePage, existing_list);
  gtk_widget_class_bind_template_child (widget_class, SigProfilePage, name_row);
  gtk_widget_class_bind_template_child (widget_class, SigProfilePage, sector_row);
  gtk_widget_class_bind_template_child (widget_class, SigProfilePage, region_row);
  gtk_widget_class_bind_template_child (widget_class, SigProfilePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, SigProfilePage, create_button);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_create_clicked);
}

static void
sig_profile_page_init (SigProfilePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sig_accessible_fix_button_names (GTK_WIDGET (self));
  g_signal_connect (self->existing_list, "row-activated", G_CALLBACK (on_existing_activated), self);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
}

GtkWidget *
sig_profile_page_new (SigStore   *store,
                      const char *language)
{
  return g_object_new (SIG_TYPE_PROFILE_PAGE,
                       "store", store,
                       "language", language,
                       NULL);
}
