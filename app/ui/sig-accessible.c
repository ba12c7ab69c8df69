/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sig-accessible.h"

static char *
strip_mnemonic (const char *label)
{
  GString *text = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] == '_')
            p++;
          else
            continue;
        }
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

void
sig_accessible_fix_button_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && !GTK_IS_MENU_BUTTON (root))
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (root));

      if (label != NULL && *label != '\0')
        {
          g_autofree char *name = gtk_button_get_use_underline (GTK_BUTTON (root)) ? strip_mnemonic (label) : g_strdup (label);

          gtk_accessible_reset_relation (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
          gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    sig_accessible_fix_button_names (child);
}

void
sig_accessible_name_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && !GTK_IS_MENU_BUTTON (root))
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (root));
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (root));
      const char *tooltip = gtk_widget_get_tooltip_text (root);
      const char *icon = gtk_button_get_icon_name (GTK_BUTTON (root));
      const char *name = NULL;

      if (label != NULL && *label != '\0')
        sig_accessible_fix_button_names (root);
      else if (GTK_IS_LABEL (child) && *gtk_label_get_text (GTK_LABEL (child)) != '\0')
        name = gtk_label_get_text (GTK_LABEL (child));
      else if (tooltip != NULL && *tooltip != '\0')
        name = tooltip;
      else if (g_strcmp0 (icon, "edit-find-symbolic") == 0)
        name = _("Search");
      if (name != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    sig_accessible_name_buttons (child);
}

static void
update_pages (GtkWidget *stack)
{
  g_autoptr(GtkWidget) visible = NULL;

  g_object_get (stack, "visible-child", &visible, NULL);
  for (GtkWidget *child = gtk_widget_get_first_child (stack);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_accessible_update_state (GTK_ACCESSIBLE (child),
                                 GTK_ACCESSIBLE_STATE_HIDDEN, child != visible,
                                 -1);
}

void
sig_accessible_hide_inactive_pages (GtkWidget *stack)
{
  g_return_if_fail (GTK_IS_WIDGET (stack));

  if (g_object_get_data (G_OBJECT (stack), "sig-hides-pages") == NULL)
    {
      g_signal_connect (stack, "notify::visible-child", G_CALLBACK (update_pages), NULL);
      g_object_set_data (G_OBJECT (stack), "sig-hides-pages", GINT_TO_POINTER (TRUE));
    }
  update_pages (stack);
}

void
sig_accessible_name_dropdown (GtkWidget  *dropdown,
                              const char *name)
{
  g_return_if_fail (GTK_IS_WIDGET (dropdown));

  for (GtkWidget *child = gtk_widget_get_first_child (dropdown);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static gboolean
focus_now (gpointer user_data)
{
  GtkWidget *widget = user_data;

  if (gtk_widget_get_mapped (widget) && gtk_widget_get_root (widget) != NULL)
    {
      gtk_widget_grab_focus (widget);
      if (GTK_IS_LABEL (widget) && gtk_label_get_selectable (GTK_LABEL (widget)))
        gtk_label_select_region (GTK_LABEL (widget), 0, 0);
    }
  return G_SOURCE_REMOVE;
}

void
sig_accessible_focus_when_shown (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_idle_add_full (G_PRIORITY_LOW, focus_now, g_object_ref (widget), g_object_unref);
}

GtkWidget *
sig_accessible_option_group_new (GtkWidget  *labelled_by,
                                 const char *name)
{
  GtkWidget *group = g_object_new (GTK_TYPE_BOX,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                                   "orientation", GTK_ORIENTATION_VERTICAL,
                                   NULL);

  gtk_widget_add_css_class (group, "card");
  gtk_widget_add_css_class (group, "option-group");
  if (labelled_by != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (group),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY, labelled_by, NULL,
                                    -1);
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (group), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return group;
}

GtkWidget *
sig_accessible_option_new (GtkWidget  *group,
                           const char *label,
                           gboolean    radio)
{
  GtkWidget *check = g_object_new (GTK_TYPE_CHECK_BUTTON,
                                   "accessible-role", radio ? GTK_ACCESSIBLE_ROLE_RADIO : GTK_ACCESSIBLE_ROLE_CHECKBOX,
                                   NULL);
  GtkWidget *text = gtk_label_new (label);

  g_return_val_if_fail (GTK_IS_BOX (group), NULL);

  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (text), 0.0);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_add_css_class (check, "option-check");
  if (radio)
    {
      GtkWidget *first = gtk_widget_get_first_child (group);

      if (first != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (first));
    }
  gtk_box_append (GTK_BOX (group), check);
  return check;
}
