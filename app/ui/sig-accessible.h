/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* GTK 4.8 names a button with a mnemonic label "_Continue Continue" (its label
 * property and its label child). This gives every such button under @root
 * the name a person reads: "Continue". */
void sig_accessible_fix_button_names (GtkWidget *root);

G_END_DECLS
