/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* review/: spaced review of what a learner has learnt. This file is the
 * scheduler, FSRS-6 (the Free Spaced Repetition Scheduler), as a set of pure
 * functions: no clock, no I/O, no randomness (fuzz is not applied). A card's
 * state after a list of reviews depends on nothing else, so the store can fold
 * review events into card states and a test can compare them with the
 * reference implementation. Uses nothing else in app/core.
 *
 * The formulas, each with its source, are in docs/review.md. */

#define SIG_FSRS_N_WEIGHTS 21
#define SIG_FSRS_MAX_STEPS 8

typedef enum {
  SIG_FSRS_STATE_NEW,
  SIG_FSRS_STATE_LEARNING,
  SIG_FSRS_STATE_REVIEW,
  SIG_FSRS_STATE_RELEARNING,
} SigFsrsState;

typedef enum {
  SIG_FSRS_AGAIN = 1,
  SIG_FSRS_HARD  = 2,
  SIG_FSRS_GOOD  = 3,
  SIG_FSRS_EASY  = 4,
} SigFsrsRating;

typedef struct {
  double w[SIG_FSRS_N_WEIGHTS];
  double desired_retention;        /* (0, 1]; 0.9 by default */
  guint  maximum_interval;         /* days */
  gboolean short_term;             /* same-day reviews and learning steps */
  guint  learning_steps[SIG_FSRS_MAX_STEPS];   /* minutes */
  guint  n_learning_steps;
  guint  relearning_steps[SIG_FSRS_MAX_STEPS]; /* minutes */
  guint  n_relearning_steps;
} SigFsrsParams;

typedef struct {
  SigFsrsState state;
  double stability;        /* days until recall falls to 90 % */
  double difficulty;       /* 1 .. 10 */
  guint reps;
  guint lapses;
  guint step;              /* the learning or relearning step the card is at */
  guint scheduled_days;
  gint64 due;              /* milliseconds since the Unix epoch, UTC */
  gint64 last_review;      /* milliseconds since the Unix epoch; 0 before the first review */
} SigFsrsCard;

/* The defaults of FSRS-6: its 21 published default weights, retention 0.9,
 * maximum interval 36500 days, short-term on, learning steps 1 and 10 minutes,
 * a relearning step of 10 minutes. */
void         sig_fsrs_params_init_default (SigFsrsParams *params);

/* Sets the desired retention; FALSE (and nothing changed) outside (0, 1]. */
gboolean     sig_fsrs_params_set_retention (SigFsrsParams *params,
                                            double         retention);

/* A card never reviewed, due at @now. */
void         sig_fsrs_card_init           (SigFsrsCard   *card,
                                           gint64         now);

/* Applies one review at @now (milliseconds, UTC) with @rating to @card.
 * @now must not be earlier than the card's last review. */
void         sig_fsrs_review              (const SigFsrsParams *params,
                                           SigFsrsCard         *card,
                                           gint64               now,
                                           SigFsrsRating        rating);

/* The probability of recall at @now, 0 .. 1; 0 for a card never reviewed. */
double       sig_fsrs_retrievability      (const SigFsrsParams *params,
                                           const SigFsrsCard   *card,
                                           gint64               now);

const char  *sig_fsrs_state_to_string     (SigFsrsState  state);

G_END_DECLS
