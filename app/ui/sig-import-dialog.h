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

G_END_DECLS
