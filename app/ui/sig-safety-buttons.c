/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sig-safety-buttons.h"

struct _SigSafetyButtons
{
  GtkBox parent_instance;
};

G_DEFINE_FINAL_TYPE (SigSafetyButtons, sig_safety_buttons, GTK_TYPE_BOX)

static GtkWidget *
icon_button (const char *icon_name,
             const char *action,
             const char *label,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  /* In GTK 4.8 a tooltip does not name a button for assistive technologies. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  return button;
}

static void
sig_safety_buttons_class_init (SigSafetyButtonsClass *klass)
{
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "safetybuttons");
}

static void
sig_safety_buttons_init (SigSafetyButtons *self)
{
  GtkWidget *helplines = icon_button ("call-start-symbolic", "win.show-helplines",
                                      _("Helplines"), _("Helplines (F1)"));
  GtkWidget *leave = icon_button ("system-shutdown-symbolic", "win.leave-now",
                                  _("Leave now"), _("Leave now: hide this at once (Esc twice)"));

  gtk_box_set_spacing (GTK_BOX (self), 6);
  gtk_widget_add_css_class (leave, "leave-now");
  gtk_box_append (GTK_BOX (self), helplines);
  gtk_box_append (GTK_BOX (self), leave);
}

GtkWidget *
sig_safety_buttons_new (void)
{
  return g_object_new (SIG_TYPE_SAFETY_BUTTONS, NULL);
}
