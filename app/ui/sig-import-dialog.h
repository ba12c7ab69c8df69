/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sig-window.h"

G_BEGIN_DECLS

/* A course file opened from outside the app (double-click, drag and drop, the
 * command line): reads it once, and asks before installing those bytes, showing
 * the course title, its publisher and whether that is proven, and what it
 * replaces (or why it cannot be installed). */
void sig_import_dialog_present (SigWindow *window,
                                SigStore  *store,
                                GFile     *file);

/* The message for an import that failed: a plain sentence, and the technical
 * message (file:line) under "Technical details" where the file itself is at
 * fault. */
GtkWidget *sig_import_error_dialog_new (GtkWindow    *parent,
                                        const char   *name,
                                        const GError *error);

G_END_DECLS
