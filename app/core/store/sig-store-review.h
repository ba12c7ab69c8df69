/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sig-fsrs.h"
#include "sig-review-items.h"
#include "sig-store.h"

G_BEGIN_DECLS

/* Spaced review in the progress store (sig-store-review.c).
 *
 * A learner's review deck is kept like the rest of their progress: the
 * history is the append-only table review_events ("added" when an item enters
 * the deck, "reviewed" for every review, with the response, the grade and the
 * FSRS rating that was applied), and each card's FSRS state is a projection of
 * it (table review_cards), changed by the pure fold sig_review_fold()
 * (sig-review-fold.h) in the transaction that appends the event, and rebuilt
 * from the history with sig_store_rebuild_review_cards().
 *
 * The deck fills itself: the transaction that records a module as completed
 * (sig_store_record_answer(), _page_viewed() or _choice() finishing its last
 * item) also adds the module's review items (sig_review_items_for_module()),
 * each once: completing the module again adds nothing. An item enters the
 * deck due one day after it was added.
 *
 * Times: every call takes @now (NULL: the store's clock); "today" is the
 * local calendar day of @now. Cards are identified by course id and item id
 * (SigReviewItem.id, "COURSE/QUESTION" or "COURSE/SCENARIO/NODE", stable
 * across course versions).
 *
 * Showing a due card: load its course (sig_store_load_course()), find the
 * item (sig_review_item_find()), build it with sig_review_card_new() passing
 * the card's reps as @review, grade the learner's choice with
 * sig_review_card_grade(), ask how hard it was, then record it with
 * sig_store_record_review().
 *
 * Signal "reviews-changed" (profile id) after every change to a learner's
 * deck or review settings, including cards added by a completed module. */

/* Per-learner settings (table profile_settings). */
#define SIG_STORE_REVIEW_DAILY_LIMIT_KEY     "review.daily-limit"
#define SIG_STORE_REVIEW_RETENTION_KEY       "review.retention"
#define SIG_STORE_REVIEW_CAUGHT_UP_KEY       "review.caught-up"   /* set by sig_store_catch_up_review_deck() */
#define SIG_STORE_REVIEW_DAILY_LIMIT_DEFAULT 20
#define SIG_STORE_REVIEW_DAILY_LIMIT_MAX     500     /* 0 pauses reviews */
#define SIG_STORE_REVIEW_RETENTION_DEFAULT   0.9
#define SIG_STORE_REVIEW_RETENTION_MIN       0.70
#define SIG_STORE_REVIEW_RETENTION_MAX       0.97

/* One card of a learner's deck. */
typedef struct {
  char *course_id;
  char *course_version;   /* the course version of the card's latest event */
  char *item_id;          /* SigReviewItem.id */
  SigFsrsCard card;       /* FSRS state; card.due and card.last_review in ms since the epoch, UTC */
} SigStoreReviewCard;

void                sig_store_review_card_free (SigStoreReviewCard *card);

/* The cards of @profile_id due at @now (card.due <= @now), the longest
 * overdue first (then by course and item id): at most the learner's daily
 * limit minus the number of different items reviewed today, and at most
 * @limit when @limit > 0. SigStoreReviewCard*; empty when nothing is due. */
GPtrArray          *sig_store_list_due_reviews  (SigStore    *store,
                                                 const char  *profile_id,
                                                 GDateTime   *now,
                                                 guint        limit,
                                                 GError     **error);

/* What a session at @now would offer: the number of cards due, capped at the
 * daily limit minus the items reviewed today. For the library's badge. */
gboolean            sig_store_count_due_reviews (SigStore    *store,
                                                 const char  *profile_id,
                                                 GDateTime   *now,
                                                 guint       *due,
                                                 GError     **error);

/* The earliest due time (ms since the epoch) among @profile_id's cards that
 * are not due at @now; FALSE in @has_next when there is none. */
gboolean            sig_store_get_next_review   (SigStore    *store,
                                                 const char  *profile_id,
                                                 GDateTime   *now,
                                                 gboolean    *has_next,
                                                 gint64      *next_due,
                                                 GError     **error);

typedef struct {
  char *course_id;
  guint cards;            /* cards in the deck from this course */
  guint due;              /* of which due at @now (not capped by the daily limit) */
  guint reviews;          /* reviews ever recorded for this course */
} SigStoreReviewCount;

void                sig_store_review_count_free (SigStoreReviewCount *count);

/* SigStoreReviewCount* for every course with cards in @profile_id's deck, by course id. */
GPtrArray          *sig_store_list_review_counts (SigStore    *store,
                                                  const char  *profile_id,
                                                  GDateTime   *now,
                                                  GError     **error);

/* All cards of @profile_id's deck, by course and item id. */
GPtrArray          *sig_store_list_review_cards (SigStore    *store,
                                                 const char  *profile_id,
                                                 GError     **error);

/* Records a review of @item_id of @course_id at @now: @response (the option
 * ids chosen, comma-separated, as the learner gave them; may be NULL),
 * @grade (sig_review_card_grade()), and @rating, the learner's own answer to
 * "how hard was this?". FSRS gets that rating, except that a WRONG answer is
 * always rated Again (sig_review_rating_for_grade()); the event keeps the
 * rating FSRS got. Returns the updated card (its new due time), after COMMIT.
 * NOT_FOUND when the item is not in the learner's deck; INVALID for a rating
 * outside 1..4 or a response that is not valid UTF-8 or longer than 4096 bytes. */
SigStoreReviewCard *sig_store_record_review     (SigStore        *store,
                                                 const char      *profile_id,
                                                 const char      *course_id,
                                                 const char      *item_id,
                                                 const char      *response,
                                                 SigReviewGrade   grade,
                                                 SigFsrsRating    rating,
                                                 GDateTime       *now,
                                                 GError         **error);

/* Adds the review items of @module to @profile_id's deck now, as a completed
 * module does (items already in the deck are left as they are). @added
 * (optional): how many were new. Mostly for tests and repairs: recording the
 * module's completion does this by itself. */
gboolean            sig_store_add_review_items  (SigStore    *store,
                                                 const char  *profile_id,
                                                 SigCourse   *course,
                                                 SigModule   *module,
                                                 guint       *added,
                                                 GError     **error);

/* Brings the modules @profile_id completed before the store kept a review
 * deck (a database from before format 5) into the deck, once per learner:
 * the first call loads those courses from the library and adds their
 * completed modules' items; later calls only read one setting. Call it before
 * showing the learner's reviews (the CLI's review session does). @added
 * (optional): how many cards were added. Courses no longer in the library are
 * left out. */
gboolean            sig_store_catch_up_review_deck (SigStore    *store,
                                                    const char  *profile_id,
                                                    guint       *added,
                                                    GError     **error);

/* Empties review_cards (of @profile_id, or of everyone when NULL) and folds
 * review_events again, in one transaction. */
gboolean            sig_store_rebuild_review_cards (SigStore    *store,
                                                    const char  *profile_id,
                                                    GError     **error);

/* Settings. The getters give the default when nothing is set. The setters
 * refuse (INVALID, nothing changed) a daily limit above
 * SIG_STORE_REVIEW_DAILY_LIMIT_MAX or a retention outside
 * SIG_STORE_REVIEW_RETENTION_MIN..MAX; NOT_FOUND for an unknown profile. A
 * new retention schedules the reviews recorded from then on. */
gboolean            sig_store_get_review_daily_limit (SigStore    *store,
                                                      const char  *profile_id,
                                                      guint       *limit,
                                                      GError     **error);
gboolean            sig_store_set_review_daily_limit (SigStore    *store,
                                                      const char  *profile_id,
                                                      guint        limit,
                                                      GError     **error);
gboolean            sig_store_get_review_retention   (SigStore    *store,
                                                      const char  *profile_id,
                                                      double      *retention,
                                                      GError     **error);
gboolean            sig_store_set_review_retention   (SigStore    *store,
                                                      const char  *profile_id,
                                                      double       retention,
                                                      GError     **error);

/* The FSRS parameters @profile_id's reviews are scheduled with: the defaults
 * with the learner's retention. */
gboolean            sig_store_get_review_params      (SigStore      *store,
                                                      const char    *profile_id,
                                                      SigFsrsParams *params,
                                                      GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigStoreReviewCard, sig_store_review_card_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigStoreReviewCount, sig_store_review_count_free)

G_END_DECLS
