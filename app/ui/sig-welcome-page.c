/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "sig-accessible.h"
#include "sig-application.h"
#include "sig-page-view.h"
#include "sig-safety-buttons.h"
#include "sig-welcome-page.h"

struct _SigWelcomePage
{
  GtkBox parent_instance;

  SigHelplines *helplines;
  char *language;

  GtkWidget *helpline_list;
  GtkWidget *continue_button;
};

G_DEFINE_FINAL_TYPE (SigWelcomePage, sig_welcome_page, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_HELPLINES,
  PROP_LANGUAGE,
  N_PROPS
};

enum {
  SIGNAL_CONTINUE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
on_continue_clicked (SigWelcomePage *self)
{
  g_signal_emit (self, signals[SIGNAL_CONTINUE], 0);
}

static void
sig_welcome_page_constructed (GObject *object)
{
  SigWelcomePage *self = SIG_WELCOME_PAGE (object);
  static const char *const shown[] = { "emergency", "veilig-thuis", "cn-emergency", "guiami",
                                        "statia-social-support", "saba-public-entity", NULL };
  g_autoptr(GSettings) settings = sig_settings_new ();
  g_autofree char *region = g_settings_get_string (settings, "region");

  G_OBJECT_CLASS (sig_welcome_page_parent_class)->constructed (object);

  /* The lines of the learner's region first (each island has its own advice
   * point), then the emergency numbers of the other regions. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; self->helplines != NULL && shown[i] != NULL; i++)
      {
        const SigHelpline *helpline = sig_helplines_find (self->helplines, shown[i]);
        gboolean own = helpline != NULL && sig_helpline_serves (helpline, region);

        if (helpline != NULL && (pass == 0 ? own : !own && helpline->urgent))
          gtk_list_box_append (GTK_LIST_BOX (self->helpline_list),
                               sig_helpline_row_new (helpline, self->language));
      }
  gtk_widget_set_visible (self->helpline_list,
                          gtk_widget_get_first_child (self->helpline_list) != NULL);
}

static void
sig_welcome_page_finalize (GObject *object)
{
  SigWelcomePage *self = SIG_WELCOME_PAGE (object);

  g_free (self->language);
  G_OBJECT_CLASS (sig_welcome_page_parent_class)->finalize (object);
}

static void
sig_welcome_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SigWelcomePage *self = SIG_WELCOME_PAGE (object);

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
sig_welcome_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SigWelcomePage *self = SIG_WELCOME_PAGE (object);

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
sig_welcome_page_class_init (SigWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sig_welcome_page_constructed;
  object_class->finalize = sig_welcome_page_finalize;
  object_class->get_property = sig_welcome_page_get_property;
  object_class->set_property = sig_welcome_page_set_property;

  properties[PROP_HELPLINES] =
    g_param_spec_pointer ("helplines", NULL, NULL,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, "en",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CONTINUE] =
    g_signal_new ("continue", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SIG_TYPE_SAFETY_BUTTONS);
  gtk_widget_class_set_template_from_resource (widget_class, "/nl/signaal/Signaal/sig-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SigWelcomePage, helpline_list);
  gtk_widget_class_bind_template_child (widget_class, SigWelcomePage, continue_button);
  gtk_widget_class_bind_template_callback (widget_class, on_continue_clicked);
}

static void
sig_welcome_page_init (SigWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sig_accessible_fix_button_names (GTK_WIDGET (self));
}

GtkWidget *
sig_welcome_page_new (SigHelplines *helplines,
                      const char   *language)
{
  return g_object_new (SIG_TYPE_WELCOME_PAGE,
                       "helplines", helplines,
                       "language", language,
                       NULL);
}
