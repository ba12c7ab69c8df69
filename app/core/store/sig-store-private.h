/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "sig-store.h"

G_BEGIN_DECLS

/* Internals shared by the sig-store-*.c files, and a few hooks for tests and
 * benchmarks. Not for the interface. */

struct _SigStore {
  GObject parent_instance;

  sqlite3 *db;
  gint64 busy_started;     /* for the busy handler */
  char *path;
  char *courses_dir;
  SigStoreOpenFlags flags;
  gboolean read_only;
  char *read_only_reason;
  gboolean in_memory_copy;       /* read-only copy migrated in memory */
  char *private_copy_dir;        /* reading a copy of the file and its WAL made there; NULL when not */
  char *private_copy_notice;     /* why, for the learner */
  SigStoreRecovery *recovery;
  char *installation_id;
  GHashTable *statements;        /* SQL text -> sqlite3_stmt* */
  guint library_parses;          /* courses parsed by refresh_library: for tests and benchmarks */
  GPtrArray *library;            /* SigLibraryCourse*: every indexed file; NULL before the first refresh */
  SigIssuer *issuer;             /* signs certificates: set, or looked up on first use; NULL before */
  gboolean issuer_set;           /* @issuer was given with sig_store_set_issuer() */
};

/* The object (sig-store.c) */

#define SIG_STORE_BUSY_TIMEOUT_MS 10000

/* Waits for another connection's write; data: &store->busy_started. */
int           sig_store_busy_handler (void *data,
                                      int   attempt);
/* The SIG_STORE_ERROR code for a SQLite result code. */
int           sig_store_error_code_for (int rc);
void          sig_store_notify_read_only       (SigStore *store);
void          sig_store_notify_current_profile (SigStore *store);
/* Closes the connection (sig-store-open.c). */
void          sig_store_close_db (SigStore *store);

/* Statements */

/* A prepared statement for @sql, kept for the store's lifetime; reset and with
 * its bindings cleared. Owned by the store. */
sqlite3_stmt *sig_store_prepare   (SigStore    *store,
                                   const char  *sql,
                                   GError     **error);
/* Runs SQL without results (may be several statements). */
gboolean      sig_store_exec      (SigStore    *store,
                                   const char  *sql,
                                   GError     **error);
/* Steps @stmt to SQLITE_DONE; FALSE with @error otherwise. Resets it. */
gboolean      sig_store_step_done (SigStore     *store,
                                   sqlite3_stmt *stmt,
                                   GError      **error);
/* Turns a failing SQLite result into a GError of SIG_STORE_ERROR, and makes the
 * store read-only on a full disk or a write refused by the file system. */
void          sig_store_set_sqlite_error (SigStore   *store,
                                          int         rc,
                                          const char *what,
                                          GError    **error);

/* Write transactions: BEGIN IMMEDIATE (waits for other writers up to the busy
 * timeout); refused with READ_ONLY when the store is read-only. */
gboolean      sig_store_begin     (SigStore  *store,
                                   GError   **error);
gboolean      sig_store_commit    (SigStore  *store,
                                   GError   **error);
void          sig_store_rollback  (SigStore  *store);

void          sig_store_bind_text_or_null (sqlite3_stmt *stmt,
                                           int           index,
                                           const char   *text);
const char   *sig_store_column_text       (sqlite3_stmt *stmt,
                                           int           column);

gboolean      sig_store_require_writable (SigStore  *store,
                                          GError   **error);
void          sig_store_emit_profiles_changed (SigStore *store);
void          sig_store_emit_library_changed  (SigStore *store);
void          sig_store_emit_progress_changed (SigStore   *store,
                                               const char *profile_id,
                                               const char *course_id);
void          sig_store_emit_reviews_changed  (SigStore   *store,
                                               const char *profile_id);

char         *sig_store_setting_get (SigStore    *store,
                                     const char  *key);
gboolean      sig_store_setting_set (SigStore    *store,
                                     const char  *key,
                                     const char  *value,   /* NULL: delete */
                                     GError     **error);

/* Schema (sig-store-schema.c) */

/* The DDL of each version: migrations[v - 1] takes a database from v - 1 to v. */
const char   *sig_store_schema_migration (int version);
/* Migrates @db from its user_version to @target (forward only), each step in
 * one transaction. TOO_NEW when the database is newer than @target. */
gboolean      sig_store_schema_migrate   (sqlite3   *db,
                                          int        target,
                                          GError   **error);
int           sig_store_schema_get_version (sqlite3 *db);

/* Recovery (sig-store-recover.c): copies what can be read of the database at
 * @damaged (opened read-only) into the freshly made @fresh. */
gboolean      sig_store_recover_into     (sqlite3          *fresh,
                                          const char       *damaged,
                                          SigStoreRecovery *recovery,
                                          GError          **error);
void          sig_store_recovery_free    (SigStoreRecovery *recovery);

/* Objects (sig-store-objects.c) */
SigProfile       *sig_profile_new_from_row (sqlite3_stmt *stmt);  /* id, name, certificate_name, sector, language, created */
SigLibraryCourse *sig_library_course_new_from_info (const char *path,
                                                    gboolean    bundled,
                                                    const char *info_json);
/* The JSON the library index keeps about a loaded course. */
char             *sig_library_course_info_from_course (SigCourse *course);
guint             sig_library_course_get_required_points (SigLibraryCourse *course);
/* Required module ids, NULL-terminated. */
const char * const *sig_library_course_get_required_modules (SigLibraryCourse *course);

/* Versions */
/* Compares MAJOR.MINOR.PATCH numerically: <0, 0, >0. */
int           sig_version_compare (const char *a,
                                   const char *b);

/* UUID v4 and timestamps */
char         *sig_store_new_uuid       (void);
gint64        sig_store_now            (void);
/* ISO 8601 in UTC with milliseconds, e.g. 2024-05-01T09:30:00.125Z */
char         *sig_store_format_time    (gint64 usec);

/* Certificates (sig-store-certificates.c) */

/* A pass to certify: what sig_store_fold() reported as a transition. */
typedef struct {
  char *statement_id;     /* the "passed" or "refresher-passed" event */
  gboolean refresher;
  double score;           /* the score the certificate states; -1: that of the latest certificate */
  gint64 time;
} SigStorePass;

/* The store's reaction to passes, in the transaction of the event: records a
 * certificate for each and signs what it can. Never fails the event: a
 * certificate that cannot be recorded or signed now is logged and made later
 * (see sig_store_get_certificate()). */
void          sig_store_certificates_issue (SigStore           *store,
                                            const char         *profile_id,
                                            SigCourse          *course,
                                            const SigStorePass *passes,
                                            guint               n_passes);
/* Has @profile_id a certificate for @course_id (also one kept without its events)? */
gboolean      sig_store_has_certificate    (SigStore    *store,
                                            const char  *profile_id,
                                            const char  *course_id);
int           sig_store_compare_strings    (gconstpointer a,
                                            gconstpointer b);
/* The certificates of a profile (and course, unless NULL) as rows are, newest
 * first, without recording or signing anything. */
GPtrArray    *sig_store_read_certificates (SigStore    *store,
                                           const char  *profile_id,
                                           const char  *course_id,
                                           GError     **error);
/* The claims as JSON, without the publisher's logo when !@with_logo. */
JsonNode     *sig_store_claims_to_json    (const SigCertificateClaims *claims,
                                           gboolean                    with_logo);

/* Review (sig-store-review.c) */

/* Adds the review items of @module to the deck of @profile_id inside the
 * caller's transaction (the reaction to a completed module). Items whose
 * scenario cannot be found are left out and logged; FALSE only when the
 * database fails. @added: how many items were new. */
gboolean      sig_store_review_add_module (SigStore    *store,
                                           const char  *profile_id,
                                           SigCourse   *course,
                                           SigModule   *module,
                                           gint64       time,
                                           guint       *added,
                                           GError     **error);

/* Empties review_cards (of @profile_id, or everyone's when NULL) and folds
 * review_events again, inside the caller's transaction. */
gboolean      sig_store_review_rebuild    (SigStore    *store,
                                           const char  *profile_id,
                                           GError     **error);

/* Tests: limits the database size in pages (PRAGMA max_page_count) to act out a
 * full disk; 0 restores the default. */
gboolean      sig_store_set_max_pages  (SigStore  *store,
                                        guint      pages,
                                        GError   **error);
guint         sig_store_get_library_parses (SigStore *store);
/* Tests: makes sig_store_now() return @usec (µs since the epoch, UTC); 0 goes
 * back to the real clock. For every store of the process. */
void          sig_store_set_time_for_tests (gint64 usec);

/* The did:key that published the library's course @course_id (the newest
 * version in the index; the project's for a bundled course), or NULL when it
 * came from an unsigned package. Reads the index only: safe in a transaction. */
char *sig_store_library_publisher_did (SigStore   *store,
                                       const char *course_id);

G_END_DECLS
