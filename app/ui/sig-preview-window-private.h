/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sig-diagnostic.h"
#include "sig-preview-window.h"

G_BEGIN_DECLS

/* For the tests: what the window shows. */

/* The course player, or NULL when the course does not load. */
GtkWidget           *sig_preview_window_get_player       (SigPreviewWindow *self);
guint                sig_preview_window_get_n_problems   (SigPreviewWindow *self);
const SigDiagnostic *sig_preview_window_get_problem      (SigPreviewWindow *self,
                                                          guint             index);
/* The row of problem @index in the problems list. */
GtkWidget           *sig_preview_window_get_problem_row  (SigPreviewWindow *self,
                                                          guint             index);
GtkWidget           *sig_preview_window_get_status_page  (SigPreviewWindow *self);
GtkDropDown         *sig_preview_window_get_language_switcher (SigPreviewWindow *self);
GtkDropDown         *sig_preview_window_get_persona_switcher  (SigPreviewWindow *self);
const char          *sig_preview_window_get_language     (SigPreviewWindow *self);
void                 sig_preview_window_show_problems    (SigPreviewWindow *self,
                                                          gboolean          shown);

G_END_DECLS
