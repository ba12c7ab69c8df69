/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sig-store.h"

G_BEGIN_DECLS

/* Progress per course, per module and per learning objective, with the
 * knowledge check before and after. */

#define SIG_TYPE_PROGRESS_VIEW (sig_progress_view_get_type ())

G_DECLARE_FINAL_TYPE (SigProgressView, sig_progress_view, SIG, PROGRESS_VIEW, GtkBox)

GtkWidget *sig_progress_view_new    (SigStore   *store,
                                     SigProfile *profile,
                                     const char *language);
/* Reads the progress again; the courses load in a worker thread. */
void       sig_progress_view_reload (SigProgressView *self);

G_END_DECLS
