/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sig-course.h"
#include "sig-catalog.h"

G_BEGIN_DECLS

/* review/: the items of spaced review, built from a course (this file uses
 * course/, scenario/ and the catalog to find scenarios; the scheduler itself,
 * sig-fsrs, uses nothing).
 *
 * A module's review items are:
 *  - signal cards: its single, multiple, true-false and spot-signals questions,
 *    and the questions of its <review> element (review-only), unless marked
 *    review="false";
 *  - decision cards: the decision points of its scenarios that the
 *    recommended path passes through (following the first recommended choice
 *    at each decision), unless marked review="false".
 * Knowledge-check, ordering and matching questions are not reviewed. */

typedef enum {
  SIG_REVIEW_ITEM_SIGNAL,
  SIG_REVIEW_ITEM_DECISION,
} SigReviewItemKind;

typedef struct {
  char *id;                 /* "COURSE/QUESTION" or "COURSE/SCENARIO/NODE": stable across versions */
  SigReviewItemKind kind;
  char *module_id;
  gboolean review_only;     /* from <review> */
  SigCourse *course;        /* a reference */
  SigQuestion *question;    /* SIGNAL: belongs to the course */
  SigScenario *scenario;    /* DECISION: a reference */
  const SigNode *node;      /* DECISION: belongs to the scenario */
} SigReviewItem;

typedef enum {
  SIG_REVIEW_RIGHT,
  SIG_REVIEW_PARTLY,
  SIG_REVIEW_WRONG,
} SigReviewGrade;

typedef struct {
  char *id;                 /* an option, span or choice id */
  char *text;
  gboolean correct;         /* a correct option, a signal, or a recommended choice */
  char *feedback;           /* may be NULL */
} SigReviewOption;

/* A card: an item made ready to be shown, in one language, for one learner. */
typedef struct {
  const SigReviewItem *item;
  char *prompt;
  char *narrative;          /* DECISION: the story so far; spot-signals: the passage; else NULL */
  gboolean several;         /* more than one option may be chosen */
  GPtrArray *options;       /* SigReviewOption*, in the order to show */
  char *explanation;        /* shown after answering; may be NULL */
} SigReviewCard;

void           sig_review_item_free        (SigReviewItem *item);

/* The review items of @module of @course, in course order (SigReviewItem*).
 * Scenarios are found with @catalog (packed, beside the course, bundled or in
 * the catalog); the items keep a reference to them. NULL with @error when a
 * scenario cannot be found. */
GPtrArray     *sig_review_items_for_module (SigCourse   *course,
                                            SigModule   *module,
                                            SigCatalog  *catalog,
                                            GError     **error);
/* The review items of every module of @course. */
GPtrArray     *sig_review_items_for_course (SigCourse   *course,
                                            SigCatalog  *catalog,
                                            GError     **error);

/* The item @item_id (SigReviewItem.id) of @course, or NULL with
 * SIG_LOADER_ERROR / G_IO_ERROR_NOT_FOUND when the course no longer has it. */
SigReviewItem *sig_review_item_find        (SigCourse   *course,
                                            SigCatalog  *catalog,
                                            const char  *item_id,
                                            GError     **error);

/* Builds the card for @item in @lang for @learner (a profile id). The
 * options are shuffled by a seed taken from @learner, the item and @review
 * (the number of the review: 0 the first time), so the same learner sees the
 * same order when a review is repeated, and another order in the next review.
 * True-false options keep their order. Decision texts are rendered for
 * @persona_id (NULL: the scenario's first persona). */
SigReviewCard *sig_review_card_new         (const SigReviewItem *item,
                                            const char          *lang,
                                            const char          *learner,
                                            guint                review,
                                            const char          *persona_id);
void           sig_review_card_free        (SigReviewCard *card);

/* Grades the options chosen (@chosen: option ids, NULL-terminated): right when
 * exactly the correct options are chosen; partly when several may be chosen
 * and at least one correct one is among them; wrong otherwise. */
SigReviewGrade sig_review_card_grade       (const SigReviewCard *card,
                                            const char * const  *chosen);
const char    *sig_review_grade_to_string  (SigReviewGrade grade);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigReviewItem, sig_review_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigReviewCard, sig_review_card_free)

G_END_DECLS
