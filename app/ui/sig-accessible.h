/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* GTK 4.8 names a button with a mnemonic label "_Continue Continue" (its label
 * property and its label child). This gives every such button under @root
 * the name a person reads: "Continue". */
void sig_accessible_fix_button_names (GtkWidget *root);

/* Buttons of GTK and libadwaita windows that GTK 4.8 leaves without a name
 * (the version button of the About window, the search button of the
 * Keyboard Shortcuts window): named after the label they hold, their
 * tooltip, or (for a search button) "Search". Buttons with a label of their
 * own are handled as sig_accessible_fix_button_names() does. */
void sig_accessible_name_buttons (GtkWidget *root);

/* GTK 4.8 leaves the pages of a stack that are not shown in the accessibility
 * tree as if they were. This marks them hidden, now and whenever the visible
 * page of @stack (a GtkStack or an AdwViewStack) changes. */
void sig_accessible_hide_inactive_pages (GtkWidget *stack);

/* The button inside a GtkDropDown has no name in GTK 4.8; this gives it
 * @name (the name of the drop-down). */
void sig_accessible_name_dropdown (GtkWidget  *dropdown,
                                   const char *name);

/* GTK 4.8 has no live regions: what a screen reader should read next gets
 * the keyboard focus. This gives @widget the focus once it is shown (a label
 * is not left all selected). */
void sig_accessible_focus_when_shown (GtkWidget *widget);

/* The options of one question as one radio group, for the keyboard and
 * for screen readers: a box (role group) named by @labelled_by (the prompt,
 * if any) or @name, and in it check buttons made by sig_accessible_option_new().
 * For a radio group Tab enters at the chosen option and the arrow keys move
 * the choice; with @radio FALSE (several answers) each option is a check box. */
GtkWidget *sig_accessible_option_group_new (GtkWidget  *labelled_by,
                                            const char *name);
GtkWidget *sig_accessible_option_new       (GtkWidget  *group,
                                            const char *label,
                                            gboolean    radio);

G_END_DECLS
