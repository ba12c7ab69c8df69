/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sig-fsrs.h"

G_BEGIN_DECLS

/* A review log as CSV text, one review a line:
 *   item_id,review_time,rating
 * review_time in ISO 8601 with a time zone (e.g. 2026-03-01T09:30:00Z),
 * rating 1 (again), 2 (hard), 3 (good) or 4 (easy); the reviews of one item in
 * time order. A first line "item_id,review_time,rating" and blank lines are
 * skipped. Replaying it gives each item's card state after its last review. */

#define SIG_REVIEW_LOG_ERROR (sig_review_log_error_quark ())

typedef enum {
  SIG_REVIEW_LOG_ERROR_INVALID,
} SigReviewLogError;

typedef struct {
  char *item;
  SigFsrsCard card;
} SigReviewLogItem;

GQuark     sig_review_log_error_quark (void);

/* SigReviewLogItem*, in the order each item first appears. On a bad line the
 * error names @file_name, the line and what is wrong, and NULL is returned. */
GPtrArray *sig_review_log_replay (const SigFsrsParams *params,
                                  const char          *text,
                                  gsize                length,
                                  const char          *file_name,
                                  GError             **error);

/* "2026-03-01T09:30:00.000Z": milliseconds since the epoch as ISO 8601 UTC. */
char      *sig_review_format_time (gint64 ms);

G_END_DECLS
