/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sig-fsrs.h"
#include "sig-review-items.h"

G_BEGIN_DECLS

/* review/: the fold of a learner's review history into a card's state. Pure:
 * no SQLite, no clock. The store appends review events (table review_events)
 * and keeps what this makes of them (table review_cards) in the same
 * transaction; rebuilding the cards is folding every event again in order. */

typedef enum {
  SIG_REVIEW_EVENT_ADDED,      /* the item entered the deck */
  SIG_REVIEW_EVENT_REVIEWED,   /* the learner reviewed it */
} SigReviewEventKind;

/* "added", "reviewed" (as the table spells them) */
const char *sig_review_event_kind_to_string   (SigReviewEventKind  kind);
gboolean    sig_review_event_kind_from_string (const char         *text,
                                               SigReviewEventKind *kind);

typedef struct {
  SigReviewEventKind kind;
  gint64 time;                 /* µs since the epoch, UTC (as events.time) */
  SigFsrsRating rating;        /* REVIEWED: the rating FSRS applies */
} SigReviewEvent;

/* An item enters the deck due this long after it was added (ms): reviewing
 * what was just learnt is no practice of recalling it. */
#define SIG_REVIEW_FIRST_DUE_MS ((gint64) 24 * 60 * 60 * 1000)

/* @card after @event. @in_deck says whether @card holds a card (FALSE: the
 * item was never added; @card is then ignored). "added" makes a new card due
 * SIG_REVIEW_FIRST_DUE_MS later and changes nothing in a card already in the
 * deck; "reviewed" applies sig_fsrs_review() at the event's time (a card never
 * added is added first; a time before the card's last review counts as that
 * time). Returns whether @card holds a card afterwards. */
gboolean    sig_review_fold               (const SigFsrsParams  *params,
                                           gboolean              in_deck,
                                           SigFsrsCard          *card,
                                           const SigReviewEvent *event);

/* The rating FSRS gets for a review: the learner's own @rating, except that a
 * WRONG answer is always Again. */
SigFsrsRating sig_review_rating_for_grade (SigReviewGrade grade,
                                           SigFsrsRating  rating);

/* A card's state as the compact JSON review_cards keeps (keys sorted), and
 * back; _from_json() returns FALSE on a malformed text. */
char       *sig_review_card_state_to_json   (const SigFsrsCard *card);
gboolean    sig_review_card_state_from_json (const char        *text,
                                             SigFsrsCard       *card);

G_END_DECLS
