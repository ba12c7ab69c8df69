/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The two buttons every header bar carries: the helplines, and leave now. */

#define SIG_TYPE_SAFETY_BUTTONS (sig_safety_buttons_get_type ())

G_DECLARE_FINAL_TYPE (SigSafetyButtons, sig_safety_buttons, SIG, SAFETY_BUTTONS, GtkBox)

GtkWidget *sig_safety_buttons_new (void);

G_END_DECLS
