/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

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
