/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The projections in the database: writing an event together with what it
 * changes, reading a learner's state in a course, and rebuilding every
 * projection from the log. Internal to the store (and its tests). */

#include "sig-store-fold.h"
#include "sig-store-private.h"

G_BEGIN_DECLS

/* Bumped when sig_store_fold() changes what it makes of the same events:
 * every projection is then rebuilt when the store opens. */
#define SIG_STORE_PROJECTION_VERSION "1"

/* The state of @profile_id in @course_id (empty when nothing was recorded). */
SigStoreCourseState *sig_store_projection_load    (SigStore    *store,
                                                   const char  *profile_id,
                                                   const char  *course_id,
                                                   GError     **error);
/* Writes the course row and the row of its latest attempt. Inside a transaction. */
gboolean             sig_store_projection_save    (SigStore                  *store,
                                                   const char                *profile_id,
                                                   const char                *course_id,
                                                   const SigStoreCourseState *state,
                                                   GError                   **error);
/* Appends @event to the log (stamping its id, statement id, time, course
 * version, and the latest attempt as registration when it has none) and folds
 * it into @state; @change (optional) tells what the store reacts to. Inside a
 * transaction; save @state before the commit. */
gboolean             sig_store_projection_append  (SigStore            *store,
                                                   const char          *profile_id,
                                                   SigCourse           *course,
                                                   SigStoreCourseState *state,
                                                   SigStoreEvent       *event,
                                                   char               **statement_id,
                                                   SigStoreFoldChange  *change,
                                                   GError             **error);
/* In the transaction of @event (appended and folded into @state): puts its
 * xAPI statements into the outbox when @profile_id has an organisation
 * connection (sig-store-outbox.c); nothing otherwise. */
gboolean             sig_store_outbox_add         (SigStore                  *store,
                                                   const char                *profile_id,
                                                   SigCourse                 *course,
                                                   const SigStoreCourseState *state,
                                                   const SigStoreEvent       *event,
                                                   GError                   **error);
/* Empties the projections and folds every event of the log again, in one
 * transaction of its own. Also works on a read-only store's copy in memory. */
gboolean             sig_store_projection_rebuild (SigStore  *store,
                                                   GError   **error);
/* Folds the log of one learner in one course again into its projection, after
 * events were taken back (an undone new attempt). Inside a transaction. */
gboolean             sig_store_projection_refold  (SigStore    *store,
                                                   const char  *profile_id,
                                                   const char  *course_id,
                                                   GError     **error);
/* Rebuilds when the projections were made by another fold (or never). */
gboolean             sig_store_projection_ensure  (SigStore  *store,
                                                   GError   **error);

/* Earliest pre-check answer per question: question id -> SigStoreAnswer*. */
GHashTable          *sig_store_load_pre_answers   (SigStore    *store,
                                                   const char  *profile_id,
                                                   const char  *course_id,
                                                   GError     **error);

G_END_DECLS
