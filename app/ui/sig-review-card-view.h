/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sig-fsrs.h"
#include "sig-review-items.h"

G_BEGIN_DECLS

/* One review card, operable by keyboard and mouse: a signal card shows its
 * question (and its passage), a decision card the story so far and the
 * choices, both as one radio or check group. "Check Answer" grades the
 * answer (right, partly, wrong) and shows the explanation; then "How hard
 * was this?" asks for a rating, Again, Hard, Good or Easy (keys 1 to 4).
 * A rating emits ::rate with the response, the grade and the rating; only
 * when a handler returns TRUE (the review is stored) does the card count as
 * rated, and ::rated follows. */

#define SIG_TYPE_REVIEW_CARD_VIEW (sig_review_card_view_get_type ())

G_DECLARE_FINAL_TYPE (SigReviewCardView, sig_review_card_view, SIG, REVIEW_CARD_VIEW, GtkBox)

/* Takes @card. @source names where the item comes from (a course title). */
GtkWidget           *sig_review_card_view_new        (SigReviewCard *card,
                                                      const char    *source);
const SigReviewCard *sig_review_card_view_get_card   (SigReviewCardView *self);
/* The option ids chosen now, joined by commas, or NULL when none is. */
char                *sig_review_card_view_get_response (SigReviewCardView *self);
gboolean             sig_review_card_view_get_answered (SigReviewCardView *self);
SigReviewGrade       sig_review_card_view_get_grade    (SigReviewCardView *self);
/* Does what "Check Answer" does; FALSE while nothing is chosen. */
gboolean             sig_review_card_view_check        (SigReviewCardView *self);
/* Does what a rating button does; FALSE before the answer is checked, once
 * rated, or when the review is not stored. */
gboolean             sig_review_card_view_rate         (SigReviewCardView *self,
                                                        SigFsrsRating      rating);
/* Shown when storing the review failed. */
void                 sig_review_card_view_set_error    (SigReviewCardView *self,
                                                        const char        *message);

/* Where the keyboard starts on the card: the story, or the first option. */
GtkWidget           *sig_review_card_view_get_start    (SigReviewCardView *self);

/* For the widget tests: the check button of option @i (in the order shown),
 * the "Check Answer" button, the rating buttons and the feedback. */
GtkWidget           *sig_review_card_view_get_option        (SigReviewCardView *self,
                                                             guint              i);
GtkWidget           *sig_review_card_view_get_check_button  (SigReviewCardView *self);
GtkWidget           *sig_review_card_view_get_rating_button (SigReviewCardView *self,
                                                             SigFsrsRating      rating);
GtkWidget           *sig_review_card_view_get_feedback      (SigReviewCardView *self);

G_END_DECLS
