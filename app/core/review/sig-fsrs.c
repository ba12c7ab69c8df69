/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sig-fsrs.h"

/* FSRS-6, as docs/review.md sets out formula by formula. Every intermediate
 * value is rounded to 8 decimals where the reference implementation (the
 * ts-fsrs package) rounds it, so that both give the same card states. */

#define S_MIN 0.001
#define S_MAX 36500.0
#define MINUTE_MS ((gint64) 60 * 1000)
#define DAY_MS ((gint64) 24 * 60 * 60 * 1000)

static const double default_weights[SIG_FSRS_N_WEIGHTS] = {
  0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666,
  0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658,
  0.1542,
};

/* Rounds half up (towards +∞), as ECMAScript's Math.round does; C's round()
 * rounds half away from zero, which differs for negative halves. */
static double
round_half_up (double x)
{
  double f = floor (x);

  return x - f >= 0.5 ? f + 1.0 : f;
}

static double
round8 (double x)
{
  return round_half_up (x * 1e8) / 1e8;
}

static double
clamp (double x,
       double lo,
       double hi)
{
  return MIN (MAX (x, lo), hi);
}

void
sig_fsrs_params_init_default (SigFsrsParams *params)
{
  g_return_if_fail (params != NULL);

  *params = (SigFsrsParams) { 0 };
  memcpy (params->w, default_weights, sizeof default_weights);
  params->desired_retention = 0.9;
  params->maximum_interval = 36500;
  params->short_term = TRUE;
  params->learning_steps[0] = 1;
  params->learning_steps[1] = 10;
  params->n_learning_steps = 2;
  params->relearning_steps[0] = 10;
  params->n_relearning_steps = 1;
}

gboolean
sig_fsrs_params_set_retention (SigFsrsParams *params,
                               double         retention)
{
  g_return_val_if_fail (params != NULL, FALSE);

  if (!(retention > 0.0 && retention <= 1.0))
    return FALSE;
  params->desired_retention = retention;
  return TRUE;
}

void
sig_fsrs_card_init (SigFsrsCard *card,
                    gint64       now)
{
  g_return_if_fail (card != NULL);

  *card = (SigFsrsCard) { .state = SIG_FSRS_STATE_NEW, .due = now };
}

const char *
sig_fsrs_state_to_string (SigFsrsState state)
{
  switch (state)
    {
    case SIG_FSRS_STATE_NEW: return "new";
    case SIG_FSRS_STATE_LEARNING: return "learning";
    case SIG_FSRS_STATE_REVIEW: return "review";
    case SIG_FSRS_STATE_RELEARNING: return "relearning";
    default: g_return_val_if_reached ("new");
    }
}

/* The forgetting curve R(t, S) = (1 + F·t/S)^(−w20), F chosen so that R(S, S) = 0.9. */
static double
decay (const SigFsrsParams *params)
{
  return -params->w[20];
}

static double
decay_factor (const SigFsrsParams *params)
{
  return round8 (exp (pow (decay (params), -1.0) * log (0.9)) - 1.0);
}

static double
forgetting_curve (const SigFsrsParams *params,
                  double               elapsed_days,
                  double               stability)
{
  return round8 (pow (1.0 + decay_factor (params) * elapsed_days / stability, decay (params)));
}

static double
interval_modifier (const SigFsrsParams *params)
{
  return round8 ((pow (params->desired_retention, 1.0 / decay (params)) - 1.0) / decay_factor (params));
}

static guint
next_interval (const SigFsrsParams *params,
               double               stability)
{
  double days = round_half_up (stability * interval_modifier (params));

  return (guint) MIN (MAX (1.0, days), (double) params->maximum_interval);
}

static double
init_stability (const SigFsrsParams *params,
                SigFsrsRating        rating)
{
  return MAX (params->w[rating - 1], 0.1);
}

static double
init_difficulty (const SigFsrsParams *params,
                 SigFsrsRating        rating)
{
  return round8 (params->w[4] - exp ((rating - 1) * params->w[5]) + 1.0);
}

static double
next_difficulty (const SigFsrsParams *params,
                 double               difficulty,
                 SigFsrsRating        rating)
{
  const double *w = params->w;
  double delta = -w[6] * ((int) rating - 3);
  double damped = difficulty + round8 (delta * (10.0 - difficulty) / 9.0);
  double reverted = round8 (w[7] * init_difficulty (params, SIG_FSRS_EASY) + (1.0 - w[7]) * damped);

  return clamp (reverted, 1.0, 10.0);
}

static double
recall_stability (const SigFsrsParams *params,
                  double               d,
                  double               s,
                  double               r,
                  SigFsrsRating        rating)
{
  const double *w = params->w;
  double hard_penalty = rating == SIG_FSRS_HARD ? w[15] : 1.0;
  double easy_bonus = rating == SIG_FSRS_EASY ? w[16] : 1.0;
  double grown = s * (1.0 + exp (w[8]) * (11.0 - d) * pow (s, -w[9]) *
                            (exp ((1.0 - r) * w[10]) - 1.0) * hard_penalty * easy_bonus);

  return round8 (clamp (grown, S_MIN, S_MAX));
}

static double
forget_stability (const SigFsrsParams *params,
                  double               d,
                  double               s,
                  double               r)
{
  const double *w = params->w;
  double after = w[11] * pow (d, -w[12]) * (pow (s + 1.0, w[13]) - 1.0) * exp ((1.0 - r) * w[14]);

  return round8 (clamp (after, S_MIN, S_MAX));
}

static double
short_term_stability (const SigFsrsParams *params,
                      double               s,
                      SigFsrsRating        rating)
{
  const double *w = params->w;
  double increase = pow (s, -w[19]) * exp (w[17] * ((int) rating - 3 + w[18]));

  if (rating >= SIG_FSRS_HARD)
    increase = MAX (increase, 1.0);
  return round8 (clamp (s * increase, S_MIN, S_MAX));
}

/* The memory state (difficulty, stability) after a review @elapsed_days after
 * the previous one, with the retrievability @r at that moment. */
static void
next_memory_state (const SigFsrsParams *params,
                   const SigFsrsCard   *card,
                   double               elapsed_days,
                   double               r,
                   SigFsrsRating        rating,
                   double              *difficulty,
                   double              *stability)
{
  double d = card->difficulty;
  double s = card->stability;

  if (d == 0.0 && s == 0.0)
    {
      *difficulty = clamp (init_difficulty (params, rating), 1.0, 10.0);
      *stability = init_stability (params, rating);
      return;
    }

  if (elapsed_days == 0.0 && params->short_term)
    *stability = short_term_stability (params, s, rating);
  else if (rating == SIG_FSRS_AGAIN)
    {
      double after_fail = forget_stability (params, d, s, r);
      double floor_s = params->short_term ? s / exp (params->w[17] * params->w[18]) : s;

      *stability = MIN (MAX (round8 (floor_s), S_MIN), after_fail);
    }
  else
    *stability = recall_stability (params, d, s, r, rating);
  *difficulty = next_difficulty (params, d, rating);
}

/* Whole UTC calendar days from @from to @to. */
static gint64
utc_day (gint64 ms)
{
  return ms >= 0 ? ms / DAY_MS : -((-ms + DAY_MS - 1) / DAY_MS);
}

typedef struct {
  guint minutes;  /* 0: no step for this rating */
  guint next_step;
} Step;

/* The learning (or relearning) step a rating leads to from @card's step. */
static Step
learning_step (const SigFsrsParams *params,
               const SigFsrsCard   *card,
               SigFsrsRating        rating)
{
  gboolean relearning = card->state == SIG_FSRS_STATE_RELEARNING || card->state == SIG_FSRS_STATE_REVIEW;
  const guint *steps = relearning ? params->relearning_steps : params->learning_steps;
  guint n = relearning ? params->n_relearning_steps : params->n_learning_steps;
  guint at = card->step;

  if (n == 0 || at >= n)
    return (Step) { 0, 0 };

  if (card->state == SIG_FSRS_STATE_REVIEW)
    return rating == SIG_FSRS_AGAIN ? (Step) { steps[at], 0 } : (Step) { 0, 0 };

  switch (rating)
    {
    case SIG_FSRS_AGAIN:
      return (Step) { steps[0], 0 };
    case SIG_FSRS_HARD:
      if (n == 1)
        return (Step) { (guint) round_half_up (steps[0] * 1.5), at };
      return (Step) { (guint) round_half_up ((steps[0] + steps[1]) / 2.0), at };
    case SIG_FSRS_GOOD:
      if (at + 1 < n && steps[at + 1] > 0)
        return (Step) { steps[at + 1], at + 1 };
      return (Step) { 0, 0 };
    case SIG_FSRS_EASY:
    default:
      return (Step) { 0, 0 };
    }
}

/* With short-term scheduling: a step under a day keeps the card in
 * (re)learning; otherwise it graduates to review. */
static void
apply_learning_step (const SigFsrsParams *params,
                     const SigFsrsCard   *before,
                     SigFsrsCard         *next,
                     SigFsrsRating        rating,
                     SigFsrsState         learning_state,
                     gint64               now)
{
  Step step = learning_step (params, before, rating);

  if (step.minutes > 0 && step.minutes < 1440)
    {
      next->step = step.next_step;
      next->scheduled_days = 0;
      next->state = learning_state;
      next->due = now + step.minutes * MINUTE_MS;
      return;
    }

  next->state = SIG_FSRS_STATE_REVIEW;
  if (step.minutes >= 1440)
    {
      next->step = step.next_step;
      next->due = now + step.minutes * MINUTE_MS;
      next->scheduled_days = step.minutes / 1440;
    }
  else
    {
      next->step = 0;
      next->scheduled_days = next_interval (params, next->stability);
      next->due = now + next->scheduled_days * DAY_MS;
    }
}

/* The intervals of the ratings that graduate to (or stay in) review, kept in
 * order: again < hard < good < easy. @again is NULL with short-term
 * scheduling, where again goes through a relearning step. */
static guint
ordered_interval (const SigFsrsParams *params,
                  const double         stability[4],
                  gboolean             with_again,
                  SigFsrsRating        rating)
{
  guint again = next_interval (params, stability[0]);
  guint hard = next_interval (params, stability[1]);
  guint good = next_interval (params, stability[2]);
  guint easy = next_interval (params, stability[3]);

  if (with_again)
    {
      again = MIN (again, hard);
      hard = MAX (hard, again + 1);
    }
  else
    hard = MIN (hard, good);
  good = MAX (good, hard + 1);
  easy = MAX (easy, good + 1);

  switch (rating)
    {
    case SIG_FSRS_AGAIN: return again;
    case SIG_FSRS_HARD: return hard;
    case SIG_FSRS_GOOD: return good;
    case SIG_FSRS_EASY:
    default: return easy;
    }
}

static void
graduate (const SigFsrsParams *params,
          const SigFsrsCard   *card,
          SigFsrsCard         *next,
          double               elapsed_days,
          double               r,
          gboolean             with_again,
          SigFsrsRating        rating,
          gint64               now)
{
  double stability[4];
  double ignored;

  /* The interval of one rating depends on the stabilities all four would give. */
  for (int g = SIG_FSRS_AGAIN; g <= SIG_FSRS_EASY; g++)
    next_memory_state (params, card, elapsed_days, r, g, &ignored, &stability[g - 1]);

  next->scheduled_days = ordered_interval (params, stability, with_again, rating);
  next->due = now + next->scheduled_days * DAY_MS;
  next->state = SIG_FSRS_STATE_REVIEW;
  next->step = 0;
}

void
sig_fsrs_review (const SigFsrsParams *params,
                 SigFsrsCard         *card,
                 gint64               now,
                 SigFsrsRating        rating)
{
  SigFsrsCard before;
  SigFsrsCard next;
  double elapsed = 0.0;
  double r = 0.0;

  g_return_if_fail (params != NULL);
  g_return_if_fail (card != NULL);
  g_return_if_fail (rating >= SIG_FSRS_AGAIN && rating <= SIG_FSRS_EASY);

  before = *card;
  if (before.state != SIG_FSRS_STATE_NEW && before.last_review != 0)
    elapsed = (double) (utc_day (now) - utc_day (before.last_review));
  if (elapsed < 0.0)
    elapsed = 0.0;

  next = before;
  next.reps++;
  next.last_review = now;

  if (before.state != SIG_FSRS_STATE_NEW)
    r = forgetting_curve (params, elapsed, before.stability);
  next_memory_state (params, &before, elapsed, r, rating, &next.difficulty, &next.stability);

  if (params->short_term)
    {
      switch (before.state)
        {
        case SIG_FSRS_STATE_NEW:
          apply_learning_step (params, &before, &next, rating, SIG_FSRS_STATE_LEARNING, now);
          break;
        case SIG_FSRS_STATE_LEARNING:
        case SIG_FSRS_STATE_RELEARNING:
          apply_learning_step (params, &before, &next, rating, before.state, now);
          break;
        case SIG_FSRS_STATE_REVIEW:
        default:
          if (rating == SIG_FSRS_AGAIN)
            {
              apply_learning_step (params, &before, &next, rating, SIG_FSRS_STATE_RELEARNING, now);
              next.lapses++;
            }
          else
            graduate (params, &before, &next, elapsed, r, FALSE, rating, now);
          break;
        }
    }
  else
    {
      /* Without short-term scheduling every review schedules in whole days. */
      if (before.state == SIG_FSRS_STATE_NEW)
        elapsed = 0.0;
      graduate (params, &before, &next, elapsed, r, TRUE, rating, now);
      if (before.state != SIG_FSRS_STATE_NEW && rating == SIG_FSRS_AGAIN)
        next.lapses++;
    }

  *card = next;
}

double
sig_fsrs_retrievability (const SigFsrsParams *params,
                         const SigFsrsCard   *card,
                         gint64               now)
{
  double elapsed;

  g_return_val_if_fail (params != NULL, 0.0);
  g_return_val_if_fail (card != NULL, 0.0);

  if (card->state == SIG_FSRS_STATE_NEW || card->last_review == 0 || card->stability <= 0.0)
    return 0.0;
  elapsed = MAX (0.0, (double) (now - card->last_review) / (double) DAY_MS);
  return forgetting_curve (params, elapsed, card->stability);
}
