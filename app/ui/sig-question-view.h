/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sig-course.h"
#include "sig-scoring.h"

G_BEGIN_DECLS

/* One question of any type, operable by keyboard and mouse. "Check answer"
 * emits ::record with the response string (see sig-scoring.h); only when a
 * handler returns TRUE (the answer is stored) is the feedback shown, and then
 * ::answered is emitted. Without a handler the answer is scored locally. */

#define SIG_TYPE_QUESTION_VIEW (sig_question_view_get_type ())

G_DECLARE_FINAL_TYPE (SigQuestionView, sig_question_view, SIG, QUESTION_VIEW, GtkBox)

GtkWidget  *sig_question_view_new          (SigCourse   *course,
                                            SigQuestion *question,
                                            const char  *language);
SigQuestion *sig_question_view_get_question (SigQuestionView *self);
/* The response the controls show now, or NULL while it is incomplete. */
char       *sig_question_view_get_response (SigQuestionView *self);
gboolean    sig_question_view_get_answered (SigQuestionView *self);
/* Does what "Check answer" does; FALSE when the response is incomplete or not recorded. */
gboolean    sig_question_view_check        (SigQuestionView *self);
/* Shows an answer given earlier (on resume), with its feedback, without recording it. */
gboolean    sig_question_view_show_answer  (SigQuestionView *self,
                                            const char      *response);
/* Shown instead of the feedback when recording failed. */
void        sig_question_view_set_error    (SigQuestionView *self,
                                            const char      *message);

G_END_DECLS
