/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The fold: the one place where events become progress.
 *
 * The event log (table events) is the truth. What the app shows (where to
 * resume, answers, score, completion, pass, the course summary, an open
 * refresher) is a projection of it: a SigStoreCourseState per learner and
 * course, changed only by sig_store_fold(), one event at a time, in the
 * transaction that appends the event. Rebuilding a projection is folding
 * every event of the log again (sig-store-projection.c), so an incremental
 * state and a rebuilt one are always the same.
 *
 * This file is pure: no SQLite, no files, no clock. It may use course/ (the
 * model, to judge completion) and nothing else of the store.
 *
 * Adding an event kind: add it to SigStoreEventKind and its name to the table
 * in sig-store-fold.c (and to the CHECK of the events table with a
 * migration), then handle it in sig_store_fold(). Adding a projection: add its
 * fields to SigStoreCourseState (or SigStoreAttempt), change them in
 * sig_store_fold(), and (de)serialize them in sig_store_course_state_to_json()
 * and _from_json(); a reaction of the store to a transition (as a certificate
 * is to a pass) is a field of SigStoreFoldChange. */

#include <json-glib/json-glib.h>

#include "sig-course.h"
#include "sig-store.h"

G_BEGIN_DECLS

typedef enum {
  SIG_STORE_EVENT_STARTED,
  SIG_STORE_EVENT_PAGE_VIEWED,
  SIG_STORE_EVENT_ANSWERED,
  SIG_STORE_EVENT_SCENARIO_CHOICE,
  SIG_STORE_EVENT_SCENARIO_ENDED,
  SIG_STORE_EVENT_MODULE_COMPLETED,
  SIG_STORE_EVENT_COMPLETED,
  SIG_STORE_EVENT_PASSED,
  SIG_STORE_EVENT_FAILED,
  SIG_STORE_EVENT_REFRESHER_STARTED,
  SIG_STORE_EVENT_REFRESHER_PASSED,
  SIG_STORE_EVENT_REFRESHER_FAILED,
  SIG_STORE_N_EVENT_KINDS
} SigStoreEventKind;

/* The kind as the events table spells it ("answered", "refresher-passed", …). */
const char *sig_store_event_kind_to_string   (SigStoreEventKind  kind);
gboolean    sig_store_event_kind_from_string (const char        *text,
                                              SigStoreEventKind *kind);

/* One event of the log. The strings are borrowed. */
typedef struct {
  gint64 id;                   /* row id: increases with every event */
  const char *statement_id;    /* UUID (the xAPI statement id) */
  const char *registration;    /* the attempt */
  const char *course_version;
  SigStoreEventKind kind;
  const char *module_id;
  const char *item_id;
  const char *response;
  const char *node_id;
  const char *state;
  const char *phase;           /* "pre", "post" or NULL */
  int correct;                 /* -1: none */
  gboolean has_points;
  double points;
  double max_points;
  gint64 time;                 /* µs since the epoch, UTC */
} SigStoreEvent;

#define SIG_STORE_EVENT_INIT { .correct = -1 }

typedef struct {
  char *module_id;
  char *response;
  gboolean correct;
  double points;
  double max;
  gint64 time;
} SigStoreAnswer;

/* One attempt (one go through the course; its UUID is the xAPI registration). */
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
  gboolean finished;           /* fixed by the first "passed", "failed" or "completed" */
  SigProgressStatus result;    /* when finished */
  gboolean result_has_score;
  double result_score;         /* percent */
  gint64 finished_at;
} SigStoreAttempt;

/* The projection of one learner's events in one course. */
typedef struct {
  gint64 last_event;           /* id of the last event folded in (not kept in the row) */
  guint attempts;
  char *course_version;        /* of the latest event */
  SigStoreAttempt *attempt;    /* the latest attempt, or NULL */

  /* The course summary. A pass is never taken back by a later attempt. */
  SigProgressStatus standing;  /* PASSED or COMPLETED once an attempt did; else NOT_STARTED */
  gboolean standing_has_score;
  double standing_score;       /* best passing score, percent */
  gint64 completed_at;         /* when the latest passing (or completing) attempt finished */
  double best_score;           /* best score of any finished attempt; -1: none */
  gboolean may_refresh;        /* a "passed" or "refresher-passed" is in the log */

  /* The knowledge check over all attempts: question id -> SigStoreAnswer*. */
  GHashTable *pre_answers;     /* the earliest answer */
  GHashTable *post_answers;    /* the latest answer */

  /* Refreshers. */
  gint64 refresher_since;      /* id of the "refresher-started" of the open refresher; 0: none */
  char *refresher_module;
  SigStoreAttempt *refresher;  /* what was done in the refresher module since; NULL when none is open */
  SigProgressStatus refresher_result;  /* of the latest finished refresher: PASSED, FAILED or NOT_STARTED */
  double refresher_score;      /* its own score, percent; -1: none */
  gint64 refresher_at;

  /* Not state: the rows as sig-store-projection.c read them, so that a row
   * that did not change is not written again. */
  char *loaded_course;
  char *loaded_attempt;
} SigStoreCourseState;

/* What an event changed that the store reacts to (in the same transaction). */
typedef struct {
  gboolean new_attempt;        /* the event started an attempt */
  gboolean passed;             /* a pass to certify: "passed" or "refresher-passed" */
  gboolean refresher;          /* that pass renews (a refresher) */
  double certificate_score;    /* the score the certificate states; -1: not known here */
  gboolean module_completed;   /* "module-completed": the module's review items enter the deck */
} SigStoreFoldChange;

SigStoreAttempt     *sig_store_attempt_new         (const char *registration);
void                 sig_store_attempt_free        (SigStoreAttempt *attempt);
SigStoreCourseState *sig_store_course_state_new    (void);
void                 sig_store_course_state_free   (SigStoreCourseState *state);

/* THE fold: @state after @event. @change (optional) says what the store
 * reacts to. Events of an attempt other than the latest change only the
 * course summary and the knowledge check. */
void                 sig_store_fold                (SigStoreCourseState *state,
                                                    const SigStoreEvent *event,
                                                    SigStoreFoldChange  *change);

/* The events the course's rules add after an event that may complete
 * something ("module-completed", the result of the attempt, the result of an
 * open refresher), in order; each must be folded before the next is asked
 * for, so this returns at most one. FALSE when nothing is due. The strings of
 * @next point into @course or @state. */
gboolean             sig_store_fold_next           (const SigStoreCourseState *state,
                                                    SigCourse                 *course,
                                                    SigStoreEvent             *next);

/* Derived figures, from an attempt and the course model. */
SigModuleProgress   *sig_store_module_progress     (SigStoreAttempt *attempt,
                                                    SigModule       *module);
void                 sig_store_module_progress_free (SigModuleProgress *progress);
/* Percent of the required points earned by the latest answers of @attempt. */
double               sig_store_attempt_score       (SigStoreAttempt *attempt,
                                                    SigCourse       *course,
                                                    gboolean        *all_required_done);
char                *sig_store_item_key            (const char *module_id,
                                                    const char *item_id);

/* The projection as JSON, keys sorted: what the projection tables keep, and
 * what the tests compare. _from_json() returns NULL on a malformed text. */
JsonNode            *sig_store_attempt_to_json     (const SigStoreAttempt *attempt);
SigStoreAttempt     *sig_store_attempt_from_json   (JsonNode              *node);
/* Without the latest attempt (kept in its own row): @with_attempt adds it. */
char                *sig_store_course_state_to_json   (const SigStoreCourseState *state,
                                                       gboolean                   with_attempt);
SigStoreCourseState *sig_store_course_state_from_json (const char                *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigStoreAttempt, sig_store_attempt_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigStoreCourseState, sig_store_course_state_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigModuleProgress, sig_store_module_progress_free)

G_END_DECLS
