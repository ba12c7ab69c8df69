/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sig-question-view.h"

G_BEGIN_DECLS

/* For the widget tests: the controls as a learner reaches them. */

/* single, multiple, true-false: the check button of option @i (file order;
 * true-false: 0 true, 1 false). spot-signals: the toggle button of span @i
 * (passage order). matching: the drop-down of pair @i. */
GtkWidget *sig_question_view_get_control     (SigQuestionView *self,
                                              guint            i);
/* ordering: the button that moves the item shown at @position up or down. */
GtkWidget *sig_question_view_get_move_button (SigQuestionView *self,
                                              guint            position,
                                              gboolean         up);
GtkWidget *sig_question_view_get_check_button (SigQuestionView *self);
GtkWidget *sig_question_view_get_feedback    (SigQuestionView *self);
/* matching: the position in the drop-down of the right side of pair @pair_index. */
guint      sig_question_view_get_match_position (SigQuestionView *self,
                                                 guint            pair_index);

G_END_DECLS
