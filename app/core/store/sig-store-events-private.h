/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sig-store-private.h"

G_BEGIN_DECLS

/* One attempt as its events tell it; for progress, resume and exports. */

typedef struct {
  char *module_id;
  char *response;
  gboolean correct;
  double points;
  double max;
  gint64 time;
} SigStoreAnswer;

typedef struct {
  char *registration;
  char *version;               /* the version the attempt started with */
  gint64 started;
  GHashTable *answers;         /* question id -> SigStoreAnswer*: the latest module answer */
  GHashTable *post_answers;    /* question id -> SigStoreAnswer*: latest post knowledge check */
  GHashTable *pages;           /* "module/page" */
  GHashTable *ended;           /* "module/scenario" -> GINT_TO_POINTER (ending score + 1) */
  GHashTable *states;          /* "module/scenario" -> engine state after the latest choice */
  GHashTable *modules_completed;
  guint item_events;           /* pages, module answers and choices */
  gboolean finished;
  SigProgressStatus result;    /* when finished */
  gboolean result_has_score;
  double result_score;         /* percent */
  gint64 finished_at;
} SigStoreAttempt;

void               sig_store_attempt_free        (SigStoreAttempt *attempt);
SigStoreAttempt   *sig_store_load_attempt        (SigStore    *store,
                                                  const char  *registration,
                                                  GError     **error);
SigStoreAttempt   *sig_store_load_latest_attempt (SigStore    *store,
                                                  const char  *profile_id,
                                                  const char  *course_id,
                                                  GError     **error);
SigModuleProgress *sig_store_module_progress     (SigStoreAttempt *attempt,
                                                  SigModule       *module);
void               sig_store_module_progress_free (SigModuleProgress *progress);
double             sig_store_attempt_score       (SigStoreAttempt *attempt,
                                                  SigCourse       *course,
                                                  gboolean        *all_required_done);
/* Earliest pre-check answer per question: question id -> SigStoreAnswer*. */
GHashTable        *sig_store_load_pre_answers    (SigStore    *store,
                                                  const char  *profile_id,
                                                  const char  *course_id,
                                                  GError     **error);
int                sig_store_compare_strings     (gconstpointer a,
                                                  gconstpointer b);

/* One row of the event log, for sig_store_insert_event(). */
typedef struct {
  const char *kind;
  const char *module_id;
  const char *item_id;
  const char *response;
  const char *node_id;
  const char *state;
  const char *phase;
  int correct;            /* -1: none */
  gboolean has_points;
  double points;
  double max_points;
} SigStoreEventRow;

#define SIG_STORE_EVENT_ROW_INIT { .correct = -1 }

/* Appends @row to the attempt @registration, stamped sig_store_now(). Inside a transaction. */
gboolean           sig_store_insert_event        (SigStore               *store,
                                                  const char             *profile_id,
                                                  const char             *registration,
                                                  SigCourse              *course,
                                                  const SigStoreEventRow *row,
                                                  GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigStoreAttempt, sig_store_attempt_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigModuleProgress, sig_store_module_progress_free)

G_END_DECLS
