/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sig-store.h"

G_BEGIN_DECLS

/* The Review page: the learner's due review cards in short sessions (about
 * five minutes, never more than the daily limit), each card answered,
 * graded and rated (SigReviewCardView) and stored as it is rated; a calm
 * summary afterwards; when nothing is due, when the next card is. Emits
 * ::reviewed after each stored review and ::show-library for "Back to
 * Library". */

#define SIG_TYPE_REVIEW_PAGE (sig_review_page_get_type ())

G_DECLARE_FINAL_TYPE (SigReviewPage, sig_review_page, SIG, REVIEW_PAGE, GtkBox)

GtkWidget *sig_review_page_new       (SigStore   *store,
                                      SigProfile *profile,
                                      const char *language);
/* Reads what is due again, unless a session is under way. */
void       sig_review_page_reload    (SigReviewPage *self);
/* Ends a session at once, without a summary (leave now): nothing of it stays
 * on screen; what was rated is stored. */
void       sig_review_page_reset     (SigReviewPage *self);
/* Starts a session of the cards due now, as "Start Review" does. */
void       sig_review_page_start     (SigReviewPage *self);
/* How many reviews a session would offer now (capped by the daily limit). */
guint      sig_review_page_get_n_due (SigReviewPage *self);

G_END_DECLS
