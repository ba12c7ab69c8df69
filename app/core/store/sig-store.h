/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sig-certificate.h"
#include "sig-course.h"
#include "sig-engine.h"
#include "sig-scoring.h"

G_BEGIN_DECLS

/* store/: owns everything kept on this computer about its learners: profiles,
 * the course library and its index, the append-only event log, the
 * projections of it (sig-store-fold.h: one pure fold makes them), schema and
 * migrations, recovery, and the certificates recorded for passes. It may use
 * course/, scenario/, authoring/ (lint and packages, to import a course) and
 * certificates/ (to issue); never export/ or a program. Files: sig-store.c
 * (the object, statements, transactions), sig-store-open.c (opening,
 * read-only copies, recovery at open), sig-store-schema.c (migrations),
 * sig-store-profiles.c, sig-store-library.c, sig-store-events.c (recording and
 * reading progress), sig-store-fold.c (the pure fold), sig-store-projection.c
 * (the projection rows and their rebuild), sig-store-certificates.c (issuing
 * as a reaction to a pass), sig-store-recover.c, sig-store-objects.c. */

/* The progress store: one SQLite database per user, by default
 * $XDG_DATA_HOME/signaal/progress.db (inside a Flatpak sandbox that is the
 * sandbox's own data directory). It holds the learners (profiles), the course
 * library (user-installed course files and an index of every course, bundled
 * and installed, so start-up does not re-parse unchanged files) and an
 * append-only log of learning events per profile. Progress, scores, the
 * position to resume and pass or fail are projections of the events, changed
 * by one fold (sig-store-fold.h) in the transaction that appends each event,
 * so recording an answer costs the same however long the history is.
 *
 * Guarantees:
 *  - every sig_store_record_*() call returns only after its COMMIT
 *    (synchronous=FULL, WAL): an answer acknowledged to the learner survives a
 *    killed process or a power cut;
 *  - several processes (the app and signaal-course) may use one database at
 *    once: writes take the write lock up front and wait (busy_timeout);
 *  - a database that cannot be written (read-only folder or file, full disk)
 *    stays readable: the store switches to read-only, says why, and every
 *    write fails with SIG_STORE_ERROR_READ_ONLY until sig_store_reopen_writable()
 *    succeeds;
 *  - a corrupt database is moved aside (never deleted), what can still be read
 *    is copied into a fresh one, and sig_store_get_recovery() tells what happened.
 *  - progress.db is made readable by its owner only (0600);
 *  - a read-only folder holding progress.db-wal without its -shm file (which
 *    SQLite cannot read in place) is read from a private copy of both, and
 *    sig_store_get_copy_notice() says so.
 *
 * A SigStore belongs to the thread that opened it. The _async calls do their
 * slow part (parsing, linting, copying files) in a worker thread and touch the
 * database only in the thread of the callback. */

#define SIG_STORE_ERROR (sig_store_error_quark ())

typedef enum {
  SIG_STORE_ERROR_FAILED,          /* SQLite or another unexpected failure */
  SIG_STORE_ERROR_READ_ONLY,       /* the store is read-only (see sig_store_get_read_only_reason) */
  SIG_STORE_ERROR_DISK_FULL,       /* the disk is full; nothing was written, the store became read-only */
  SIG_STORE_ERROR_CORRUPT,         /* the database is damaged and could not be recovered */
  SIG_STORE_ERROR_TOO_NEW,         /* the database was written by a newer Signaal */
  SIG_STORE_ERROR_NOT_FOUND,       /* no such profile, course, question, … */
  SIG_STORE_ERROR_EXISTS,          /* a profile of that name exists */
  SIG_STORE_ERROR_INVALID,         /* an argument is not acceptable (empty name, unknown sector, bad response) */
  SIG_STORE_ERROR_COURSE_INVALID,  /* an imported course file does not load or has lint errors */
  SIG_STORE_ERROR_OLDER_VERSION,   /* an imported course is older than the installed one */
  SIG_STORE_ERROR_BUNDLED,         /* a bundled course cannot be removed */
  SIG_STORE_ERROR_NOT_PASSED,      /* no certificate: the learner has not passed the course */
  SIG_STORE_ERROR_NOT_ISSUED,      /* a certificate is recorded but cannot be signed yet (the message says why) */
  SIG_STORE_ERROR_SIGNATURE,       /* a course package's signature is NOT VALID */
  SIG_STORE_ERROR_NOT_OWNER,       /* the course id belongs to another publisher key */
} SigStoreError;

GQuark sig_store_error_quark (void);

/* The current schema version (PRAGMA user_version). See docs in sig-store-schema.c:
 *   1  profiles, settings, attempts, events
 *   2  the library index (library), knowledge-check phase on events
 *   3  certificates; refresher events
 *   4  projections of the events (attempt_projection, course_projection) */
#define SIG_STORE_SCHEMA_VERSION 5

typedef enum {
  SIG_STORE_OPEN_DEFAULT   = 0,
  /* Open with SQLITE_OPEN_READONLY: nothing is ever written, no migration or
   * recovery is done (a database that needs either fails to open instead). */
  SIG_STORE_OPEN_READ_ONLY = 1 << 0,
} SigStoreOpenFlags;

/* What was done at open to a damaged database; the interface shows it once. */
typedef struct {
  char *moved_to;          /* where the damaged file now is (never deleted) */
  char *detected;          /* what was wrong, e.g. SQLite's integrity_check message */
  guint tables_recovered;  /* tables read at least partly */
  guint rows_recovered;    /* rows copied into the fresh database */
  guint rows_lost;         /* rows or pages that could not be read, as far as known */
  char *message;           /* a translated sentence for the learner */
} SigStoreRecovery;

typedef enum {
  SIG_PROGRESS_NOT_STARTED,
  SIG_PROGRESS_IN_PROGRESS,
  /* All required modules done in a course without scored questions
   * (sig_course_required_points () == 0): there is nothing to pass or fail. */
  SIG_PROGRESS_COMPLETED,
  SIG_PROGRESS_PASSED,
  SIG_PROGRESS_FAILED,
} SigProgressStatus;

/* "not-started", "in-progress", "completed", "passed", "failed" */
const char *sig_progress_status_to_string (SigProgressStatus status);

typedef enum {
  SIG_CHECK_PRE,    /* the knowledge check before the course */
  SIG_CHECK_POST,   /* the same check after it */
} SigCheckPhase;

/* ---- Profiles -------------------------------------------------------------- */

/* A learner on this computer. Immutable snapshot; reference-counted GObject. */
#define SIG_TYPE_PROFILE (sig_profile_get_type ())
G_DECLARE_FINAL_TYPE (SigProfile, sig_profile, SIG, PROFILE, GObject)

/* A random UUID: the only identifier exports use (never the name). Property "id". */
const char *sig_profile_get_id               (SigProfile *profile);
/* The name shown in the profile chooser, unique on this computer. Property "name". */
const char *sig_profile_get_name             (SigProfile *profile);
/* The name printed on certificates. Property "certificate-name". */
const char *sig_profile_get_certificate_name (SigProfile *profile);
/* A sector id of the course format (healthcare, education, …). Property "sector". */
const char *sig_profile_get_sector           (SigProfile *profile);
/* "nl" or "en". Property "language". */
const char *sig_profile_get_language         (SigProfile *profile);
/* Microseconds since the epoch, UTC. Property "created". */
gint64      sig_profile_get_created          (SigProfile *profile);

/* ---- Library ------------------------------------------------------------- */

/* A course in the library, as the index knows it: enough for a library screen
 * without loading the course. Immutable snapshot; reference-counted GObject. */
#define SIG_TYPE_LIBRARY_COURSE (sig_library_course_get_type ())
G_DECLARE_FINAL_TYPE (SigLibraryCourse, sig_library_course, SIG, LIBRARY_COURSE, GObject)

const char   *sig_library_course_get_id          (SigLibraryCourse *course);  /* "id" */
const char   *sig_library_course_get_version     (SigLibraryCourse *course);  /* "version" */
/* The course file (a packed .signaal, or course.xml of a bundled folder). "path" */
const char   *sig_library_course_get_path        (SigLibraryCourse *course);
/* TRUE: from the installation's data folder; cannot be removed. "bundled" */
gboolean      sig_library_course_get_bundled     (SigLibraryCourse *course);
/* The title in @lang (else English, else any). */
const char   *sig_library_course_get_title       (SigLibraryCourse *course,
                                                  const char       *lang);
const char   *sig_library_course_get_summary     (SigLibraryCourse *course,
                                                  const char       *lang);
const char   *sig_library_course_get_publisher   (SigLibraryCourse *course,
                                                  const char       *lang);
const char * const *sig_library_course_get_languages (SigLibraryCourse *course);
const char * const *sig_library_course_get_sectors   (SigLibraryCourse *course);
const char * const *sig_library_course_get_themes    (SigLibraryCourse *course);
guint         sig_library_course_get_minutes     (SigLibraryCourse *course);
guint         sig_library_course_get_n_modules   (SigLibraryCourse *course);
guint         sig_library_course_get_n_pages     (SigLibraryCourse *course);
guint         sig_library_course_get_n_questions (SigLibraryCourse *course);
guint         sig_library_course_get_n_scenarios (SigLibraryCourse *course);
guint         sig_library_course_get_pass_mark   (SigLibraryCourse *course);
guint         sig_library_course_get_validity_months (SigLibraryCourse *course);
gboolean      sig_library_course_get_has_knowledge_check (SigLibraryCourse *course);
/* The id of the course's refresher module (a shorter module whose pass renews
 * the certificate), or NULL when the course has none. */
const char   *sig_library_course_get_refresher_module (SigLibraryCourse *course);

/* Who published a library course, and how sure that is. */
typedef enum {
  SIG_PUBLISHER_UNVERIFIED,  /* an unsigned package: "unverified publisher" */
  SIG_PUBLISHER_SIGNED,      /* signed, but by a key this computer does not know */
  SIG_PUBLISHER_VERIFIED,    /* bundled, or signed by a trusted publisher */
} SigPublisherState;

/* The did:key that signed the course (the project's for a bundled one); NULL
 * when the package was unsigned. */
const char   *sig_library_course_get_publisher_did   (SigLibraryCourse *course);
SigPublisherState sig_library_course_get_publisher_state (SigLibraryCourse *course);
/* "Published by NAME — verified", "Unverified publisher", …, translated and
 * with control characters neutralised: ready to show. */
char         *sig_library_course_dup_publisher_line  (SigLibraryCourse *course,
                                                      const char       *language);

typedef enum {
  SIG_IMPORT_INSTALLED,   /* a course new to this computer */
  SIG_IMPORT_UPDATED,     /* a newer version replaced an installed one; progress carries on */
  SIG_IMPORT_UNCHANGED,   /* this id and version were already installed: nothing was done */
} SigImportResult;

/* ---- Progress ------------------------------------------------------------ */

typedef struct {
  char *module_id;
  gboolean required;
  gboolean completed;        /* every question answered and scenario ended (pages viewed if it has neither) */
  guint n_questions, answered;
  guint n_scenarios, scenarios_ended;
  guint n_pages, pages_viewed;
  double points, max_points; /* from the latest answer per question */
} SigModuleProgress;

typedef struct {
  char *objective_id;
  guint n_questions, answered;
  double points, max_points; /* of the questions that name the objective */
} SigObjectiveProgress;

/* A learner's progress in one course, from the projection of the events.
 *
 * The course as it stands (status, has_score, score) keeps a pass: once an
 * attempt passed (or completed a course without scored questions), status is
 * PASSED (COMPLETED) with the best passing score, also while a newer attempt
 * is in progress or after it failed. What the latest attempt itself says is in
 * attempt_status, attempt_has_score and attempt_score; modules and objectives
 * are those of the latest attempt too. */
typedef struct {
  char *course_id;
  char *course_version;      /* the version of the latest event (or of the library when none) */
  SigProgressStatus status;  /* the course as it stands: PASSED/COMPLETED once passed, else that of the latest attempt */
  gboolean completed;        /* all required modules done in the latest attempt */
  gboolean has_score;        /* FALSE before the first answer (and for a course passed without scored questions) */
  double score;              /* percent (0..100): the best passing score once passed, else that of the latest attempt */
  double best_score;         /* best score of any finished attempt, or -1 when none */
  gboolean ever_passed;      /* some attempt passed (or completed, when nothing is scored) */
  gint64 started;            /* when the latest attempt started, µs since the epoch, UTC; 0: not started */
  gint64 completed_at;       /* when the latest passed/completed attempt finished; 0: never */
  guint attempts;
  char *registration;        /* UUID of the latest attempt, or NULL */
  GPtrArray *modules;        /* SigModuleProgress*, course order, latest attempt; empty without the course */
  GPtrArray *objectives;     /* SigObjectiveProgress*, latest attempt; empty without the course */
  /* Knowledge check (only when the course declares one). Percent 0..100, -1: not (fully) answered. */
  gboolean has_knowledge_check;
  double pre_score;
  double post_score;
  double gain;               /* post - pre in percentage points, or 0 when either is missing */
  /* The latest attempt on its own. */
  SigProgressStatus attempt_status;  /* NOT_STARTED, IN_PROGRESS, or its result */
  gboolean attempt_has_score;
  double attempt_score;      /* percent of the required points in the latest attempt */
  /* The latest finished refresher: its own result (a renewed certificate
   * states the course's score, not this one). */
  SigProgressStatus refresher_status;  /* PASSED, FAILED, or NOT_STARTED when none finished */
  double refresher_score;    /* percent, or -1 when none (or it had no scored questions) */
  gint64 refresher_at;       /* when it finished; 0: never */
} SigCourseProgress;

void sig_course_progress_free (SigCourseProgress *progress);

typedef enum {
  SIG_RESUME_PRE_CHECK,      /* the knowledge check before the course (question_index) */
  SIG_RESUME_ITEM,           /* a module item: page, question or scenario */
  SIG_RESUME_POST_CHECK,     /* the knowledge check after the course (question_index) */
  SIG_RESUME_DONE,           /* everything is done: show the result */
} SigResumeKind;

/* Where to continue in the latest attempt:
 *  - while a refresher is open (sig_store_record_refresher_started()): the
 *    first item of the refresher module not done since it was started (ITEM),
 *    before anything else;
 *  - PRE_CHECK when the course has a knowledge check, some question of it was
 *    never answered before the course, and nothing of the course is done yet;
 *  - POST_CHECK when the attempt has its result and the check after is not done;
 *  - else the first module item in course order not done yet (page not viewed,
 *    question not answered, scenario not ended); for a scenario in progress,
 *    @scenario_state is the engine state saved with the last choice: pass it
 *    to sig_engine_deserialize();
 *  - DONE when everything is done (start a new attempt to go again). */
typedef struct {
  SigResumeKind kind;
  guint module_index;        /* ITEM: index into course->modules */
  guint item_index;          /* ITEM: index into module->items */
  guint question_index;      /* PRE_CHECK, POST_CHECK: index into course->knowledge_check */
  char *scenario_state;      /* ITEM on a scenario: JSON, or NULL to start it afresh */
  char *registration;        /* the attempt */
} SigResumePoint;

void sig_resume_point_free (SigResumePoint *point);

/* ---- Certificates ---------------------------------------------------------- */

/* A certificate is recorded in the same transaction as the result it
 * certifies: the "passed" of an attempt (kind COURSE) or the "refresher
 * passed" of a refresher (kind REFRESHER). What it says (the claims: the
 * learner's certificate name, language and the course's texts as they were at
 * that moment) is recorded then; it is signed with the store's issuer (see
 * sig_store_set_issuer()) at once when possible, else the first time it is
 * asked for with sig_store_get_certificate(). A signed certificate is never
 * changed: every export of it is the same credential, byte for byte. */

typedef enum {
  SIG_STORE_CERTIFICATE_COURSE,      /* for passing the course */
  SIG_STORE_CERTIFICATE_REFRESHER,   /* for passing its refresher module: a renewal */
} SigStoreCertificateKind;

/* "course", "refresher" */
const char *sig_store_certificate_kind_to_string (SigStoreCertificateKind kind);

/* How long a certificate has left. */
typedef enum {
  SIG_STORE_CERTIFICATE_NONE,        /* no certificate for this course */
  SIG_STORE_CERTIFICATE_VALID,       /* more than SIG_STORE_CERTIFICATE_EXPIRING_DAYS left */
  SIG_STORE_CERTIFICATE_EXPIRING,    /* valid, and expires within SIG_STORE_CERTIFICATE_EXPIRING_DAYS */
  SIG_STORE_CERTIFICATE_EXPIRED,     /* past its "valid until": the refresher (if any) renews it */
} SigStoreCertificateState;

#define SIG_STORE_CERTIFICATE_EXPIRING_DAYS 60

/* "none", "valid", "expiring", "expired" */
const char *sig_store_certificate_state_to_string (SigStoreCertificateState state);

/* A certificate as the store keeps it. Immutable snapshot; reference-counted GObject.
 * Properties "id", "profile-id", "course-id", "course-version" (strings) and "issued" (boolean). */
#define SIG_TYPE_STORE_CERTIFICATE (sig_store_certificate_get_type ())
G_DECLARE_FINAL_TYPE (SigStoreCertificate, sig_store_certificate, SIG, STORE_CERTIFICATE, GObject)

/* The credential id, "urn:uuid:…" (fixed when the certificate is recorded). */
const char   *sig_store_certificate_get_id             (SigStoreCertificate *certificate);
const char   *sig_store_certificate_get_profile_id     (SigStoreCertificate *certificate);
const char   *sig_store_certificate_get_course_id      (SigStoreCertificate *certificate);
/* The course version the learner passed. */
const char   *sig_store_certificate_get_course_version (SigStoreCertificate *certificate);
SigStoreCertificateKind sig_store_certificate_get_kind (SigStoreCertificate *certificate);
/* When the result was recorded (the credential's validFrom), UTC, whole seconds. */
GDateTime    *sig_store_certificate_get_completed      (SigStoreCertificate *certificate);
/* The completion plus the course's validity-months (validUntil), UTC. */
GDateTime    *sig_store_certificate_get_valid_until    (SigStoreCertificate *certificate);
/* The score on the certificate, percent: of the required points for a
 * course certificate, of the refresher module's points for a refresher. */
double        sig_store_certificate_get_score          (SigStoreCertificate *certificate);
/* FALSE while it is recorded but not yet signed (no usable issuer key yet). */
gboolean      sig_store_certificate_get_issued         (SigStoreCertificate *certificate);
/* When it was signed; NULL while not issued. */
GDateTime    *sig_store_certificate_get_issued_at      (SigStoreCertificate *certificate);
/* The issuer's did:key, the code printed on the paper ("7KQ2M-X9D4P") and the
 * signed credential (Open Badges 3.0 JSON, exactly as issued); NULL while not issued. */
const char   *sig_store_certificate_get_issuer_did     (SigStoreCertificate *certificate);
const char   *sig_store_certificate_get_verification_code (SigStoreCertificate *certificate);
const char   *sig_store_certificate_get_credential     (SigStoreCertificate *certificate);
/* What the certificate says, for the PDF (sig_certificate_pdf_write()). Owned by @certificate. */
const SigCertificateClaims *sig_store_certificate_get_claims (SigStoreCertificate *certificate);
/* VALID, EXPIRING or EXPIRED at @now (NULL: now). */
SigStoreCertificateState sig_store_certificate_get_state (SigStoreCertificate *certificate,
                                                          GDateTime           *now);
/* Writes the signed credential to @json_path (byte for byte as issued) and/or
 * the PDF made from the recorded claims and that credential to @pdf_path;
 * either may be NULL. Each file is replaced atomically. SIG_STORE_ERROR_NOT_ISSUED
 * when the certificate is not signed yet (get it with sig_store_get_certificate()),
 * else errors of SIG_CERTIFICATE_ERROR (IO, RENDER). Thread-safe. */
gboolean      sig_store_certificate_write              (SigStoreCertificate *certificate,
                                                        const char          *pdf_path,
                                                        const char          *json_path,
                                                        GError             **error);
/* The same in a worker thread (drawing the PDF takes a moment). */
void          sig_store_certificate_write_async        (SigStoreCertificate *certificate,
                                                        const char          *pdf_path,
                                                        const char          *json_path,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean      sig_store_certificate_write_finish       (SigStoreCertificate *certificate,
                                                        GAsyncResult        *result,
                                                        GError             **error);

/* ---- The store ----------------------------------------------------------- */

#define SIG_TYPE_STORE (sig_store_get_type ())
G_DECLARE_FINAL_TYPE (SigStore, sig_store, SIG, STORE, GObject)

/* g_get_user_data_dir()/signaal/progress.db */
char          *sig_store_default_path       (void);
/* g_get_user_data_dir()/signaal/courses: where imported course files are copied. */
char          *sig_store_default_courses_dir (void);

/* Opens (creating when missing, migrating when older) the database at @path,
 * or at sig_store_default_path() when @path is NULL. Imported courses go to a
 * "courses" folder beside the database file.
 *
 * When the database or its folder cannot be written, the store is opened
 * read-only instead (sig_store_get_read_only() is TRUE and
 * sig_store_get_read_only_reason() says why); when it cannot be read at all,
 * NULL with @error. A corrupt file is recovered (sig_store_get_recovery()). */
SigStore      *sig_store_open               (const char        *path,
                                             SigStoreOpenFlags  flags,
                                             GError           **error);

const char    *sig_store_get_path           (SigStore *store);
const char    *sig_store_get_courses_dir    (SigStore *store);
/* Property "read-only" (notifies when a full disk makes the store read-only). */
gboolean       sig_store_get_read_only      (SigStore *store);
/* A translated sentence saying why, or NULL when writable. */
const char    *sig_store_get_read_only_reason (SigStore *store);
/* Tries to write again (after space was freed or permissions fixed). */
gboolean       sig_store_reopen_writable    (SigStore  *store,
                                             GError   **error);
/* Non-NULL when the store reads a private copy of the database and its WAL
 * (a read-only folder holding a WAL but no -shm file, which SQLite cannot read
 * in place): a translated sentence for the learner, also the read-only reason. */
const char    *sig_store_get_copy_notice    (SigStore *store);
/* Non-NULL when the database was recovered at open. Owned by the store. */
const SigStoreRecovery *sig_store_get_recovery (SigStore *store);
/* The schema version of the open database (SIG_STORE_SCHEMA_VERSION once open). */
int            sig_store_get_schema_version (SigStore *store);
/* A random UUID made once per database: the xAPI account homePage is
 * "https://signaal.invalid/installation/" UUID. */
const char    *sig_store_get_installation_id (SigStore *store);
/* PRAGMA integrity_check: TRUE when "ok"; else FALSE with the report in @error. */
gboolean       sig_store_check_integrity    (SigStore  *store,
                                             GError   **error);

/* Profiles. Signal "profiles-changed" after every change. */
GPtrArray     *sig_store_list_profiles      (SigStore    *store,
                                             GError     **error);  /* SigProfile*, by name */
SigProfile    *sig_store_get_profile        (SigStore    *store,
                                             const char  *profile_id,
                                             GError     **error);
SigProfile    *sig_store_find_profile       (SigStore    *store,
                                             const char  *name,
                                             GError     **error);  /* by name; NOT_FOUND */
/* @certificate_name NULL: the same as @name. @sector: a sector id or NULL ("general").
 * @language: "nl" or "en", NULL for "nl". EXISTS when the name is taken. */
SigProfile    *sig_store_create_profile     (SigStore    *store,
                                             const char  *name,
                                             const char  *certificate_name,
                                             const char  *sector,
                                             const char  *language,
                                             GError     **error);
gboolean       sig_store_rename_profile     (SigStore    *store,
                                             const char  *profile_id,
                                             const char  *new_name,
                                             GError     **error);
/* Any of @certificate_name, @sector, @language may be NULL: left as it is. */
gboolean       sig_store_update_profile     (SigStore    *store,
                                             const char  *profile_id,
                                             const char  *certificate_name,
                                             const char  *sector,
                                             const char  *language,
                                             GError     **error);
/* Deletes the profile and everything stored about it (events, attempts, certificates, setting). */
gboolean       sig_store_delete_profile     (SigStore    *store,
                                             const char  *profile_id,
                                             GError     **error);
/* The "current profile" setting; NULL when none is chosen. Property "current-profile". */
char          *sig_store_get_current_profile (SigStore   *store);
gboolean       sig_store_set_current_profile (SigStore   *store,
                                              const char *profile_id,   /* NULL: none */
                                              GError    **error);

/* Library. Signal "library-changed" after every change. */

/* Reads the bundled courses (sig_data_dir()/courses: folders with course.xml
 * and .signaal files) and the installed ones, re-parsing only files whose size,
 * mtime or content hash changed since the last time. Files that do not load
 * are left out (and logged). In a read-only store the index is read but not updated. */
gboolean       sig_store_refresh_library    (SigStore    *store,
                                             GError     **error);
/* SigLibraryCourse*, by id; the newest version per id (a user-installed copy wins
 * over a bundled one of the same or an older version). */
GPtrArray     *sig_store_list_library       (SigStore    *store,
                                             GError     **error);
SigLibraryCourse *sig_store_get_library_course (SigStore   *store,
                                                const char *course_id,
                                                GError    **error);
/* Loads the course of the library entry @course_id (its file). */
SigCourse     *sig_store_load_course        (SigStore    *store,
                                             const char  *course_id,
                                             GError     **error);
/* Imports a packed .signaal file: it must load and have no lint errors
 * (COURSE_INVALID, the message lists them). It is copied to
 * courses/ID-VERSION.signaal. The same id and version again: UNCHANGED. A newer
 * version: UPDATED (the older file is removed; progress carries on by id). An
 * older version: OLDER_VERSION. @installed (optional): the library entry. */
gboolean       sig_store_import_course      (SigStore          *store,
                                             const char        *path,
                                             SigImportResult   *result,
                                             SigLibraryCourse **installed,
                                             GError           **error);
/* Reads a package file once, bounded (the package limit plus its signature). */
GBytes        *sig_store_read_package       (const char        *path,
                                             GError           **error);
/* The one install path, for a file import and for a download alike: checks the
 * signature of @package (NOT VALID: SIGNATURE), loads and lints it, checks who
 * owns its id (NOT_OWNER, see docs/course-format.md "Who may install what")
 * and its version, and writes exactly these bytes. @display_name names the
 * package in messages. */
gboolean       sig_store_install_package    (SigStore          *store,
                                             GBytes            *package,
                                             const char        *display_name,
                                             SigImportResult   *result,
                                             SigLibraryCourse **installed,
                                             GError           **error);
void           sig_store_install_package_async (SigStore            *store,
                                                GBytes              *package,
                                                const char          *display_name,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* What installing @package would do, for a confirmation: nothing is written. */
typedef struct {
  char *course_id;
  char *version;
  char *title;              /* in the package's first language */
  char *course_publisher;   /* the publisher the course text names (unproven) */
  SigPublisherState state;  /* UNVERIFIED (unsigned), SIGNED or VERIFIED */
  char *publisher_did;      /* the signer; NULL when unsigned */
  char *signer_name;
  char *replaces_title;     /* the installed course of the same id, or NULL */
  char *replaces_version;
  char *refusal;            /* why the install would be refused, or NULL */
} SigPackagePreview;
SigPackagePreview *sig_store_preview_package (SigStore    *store,
                                              GBytes      *package,
                                              const char  *display_name,
                                              const char  *language,   /* of the titles; NULL: English */
                                              GError     **error);
void           sig_package_preview_free     (SigPackagePreview *preview);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigPackagePreview, sig_package_preview_free)
/* Finishes sig_store_import_course_async() and sig_store_install_package_async(). */
void           sig_store_import_course_async  (SigStore            *store,
                                               const char          *path,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean       sig_store_import_course_finish (SigStore          *store,
                                               GAsyncResult      *result,
                                               SigImportResult   *import_result,
                                               SigLibraryCourse **installed,
                                               GError           **error);
/* Removes a user-installed course (file and index entry). Progress stays.
 * BUNDLED for a bundled course, NOT_FOUND when not installed. */
gboolean       sig_store_remove_course      (SigStore    *store,
                                             const char  *course_id,
                                             GError     **error);
/* Deletes a profile's events, attempts and certificates of one course (asked for by the learner).
 * Files of certificates exported earlier stay valid: they are the learner's. */
gboolean       sig_store_delete_course_progress (SigStore   *store,
                                                 const char *profile_id,
                                                 const char *course_id,
                                                 GError    **error);

/* Events. Each call appends in one transaction and returns after COMMIT; only
 * then show feedback. Events go to the profile's latest attempt in the course
 * (by course id, whatever the version: each event keeps the version it was
 * made under); when there is none, an attempt is started with a "started"
 * event. After an answer, scenario ending or page that completes a module,
 * the same transaction appends "module completed", and when every required
 * module is completed, "passed" or "failed" (or "completed" when nothing is
 * scored). The first such result fixes the attempt's outcome; later events in
 * the same attempt (optional modules, the knowledge check after) do not change
 * it. To try again, start a new attempt with sig_store_record_started().
 * Signal "progress-changed" (profile id, course id) after each. */

/* Continues the latest attempt when it has no result yet; otherwise (or with
 * @new_attempt) starts a fresh attempt. @registration (optional): its UUID. */
gboolean       sig_store_record_started     (SigStore    *store,
                                             const char  *profile_id,
                                             SigCourse   *course,
                                             gboolean     new_attempt,
                                             char       **registration,
                                             GError     **error);
gboolean       sig_store_record_page_viewed (SigStore    *store,
                                             const char  *profile_id,
                                             SigCourse   *course,
                                             const char  *module_id,
                                             const char  *page_id,
                                             GError     **error);
/* Scores @response (see sig-scoring.h) and stores response, correctness and
 * points. @score (optional) receives the score. INVALID for a response that
 * does not fit the question. */
gboolean       sig_store_record_answer      (SigStore    *store,
                                             const char  *profile_id,
                                             SigCourse   *course,
                                             const char  *module_id,
                                             const char  *question_id,
                                             const char  *response,
                                             SigScore    *score,
                                             GError     **error);
/* An answer to a question of course->knowledge_check, before or after the course. */
gboolean       sig_store_record_check_answer (SigStore     *store,
                                              const char   *profile_id,
                                              SigCourse    *course,
                                              SigCheckPhase phase,
                                              const char   *question_id,
                                              const char   *response,
                                              SigScore     *score,
                                              GError      **error);
/* A scenario choice: call after sig_engine_choose() succeeded, with the node the
 * choice was made at; @engine's serialised state (after the choice) is stored
 * so the learner resumes there. When @engine has reached an ending, the
 * "scenario ended" event (ending id and score) is appended in the same transaction. */
gboolean       sig_store_record_choice      (SigStore        *store,
                                             const char      *profile_id,
                                             SigCourse       *course,
                                             const char      *module_id,
                                             const char      *node_id,
                                             const char      *choice_id,
                                             const SigEngine *engine,
                                             GError         **error);

/* Progress. */
/* @course: the loaded course, for modules, objectives and the pass mark; NULL
 * gives what the events alone tell (status, scores, dates; no modules). */
SigCourseProgress *sig_store_get_progress   (SigStore    *store,
                                             const char  *profile_id,
                                             const char  *course_id,
                                             SigCourse   *course,
                                             GError     **error);
/* SigCourseProgress*: every course in the library and every course with events, by id. */
GPtrArray     *sig_store_list_progress      (SigStore    *store,
                                             const char  *profile_id,
                                             GError     **error);
SigResumePoint *sig_store_get_resume_point  (SigStore    *store,
                                             const char  *profile_id,
                                             SigCourse   *course,
                                             GError     **error);

/* Certificates (see "Certificates" above). */

/* The key certificates are signed with. By default the store looks one up
 * the first time it needs it, as sig_issuer_lookup() does, except that the
 * per-installation key is kept beside the database (for the default database:
 * g_get_user_data_dir()/signaal/issuer-key). @issuer NULL: back to that. */
void           sig_store_set_issuer         (SigStore    *store,
                                             SigIssuer   *issuer);
/* The issuer the store signs with (looked up when not yet). Transfer none. */
SigIssuer     *sig_store_get_issuer         (SigStore    *store,
                                             GError     **error);

/* The latest certificate (by completion) of @profile_id for @course_id,
 * signed: one recorded but not signed yet is signed now. Errors:
 * NOT_PASSED when the learner has not passed the course; NOT_ISSUED (the
 * message says why: no usable issuer key, a read-only store, …) when it
 * cannot be signed now; the result is kept and the next call tries again. */
SigStoreCertificate *sig_store_get_certificate (SigStore    *store,
                                                const char  *profile_id,
                                                const char  *course_id,
                                                GError     **error);
/* SigStoreCertificate*: all of a learner's certificates (signed or not yet),
 * newest completion first. */
GPtrArray     *sig_store_list_certificates  (SigStore    *store,
                                             const char  *profile_id,
                                             GError     **error);
/* The state of @profile_id's certificate for @course_id at @now (NULL: now):
 * that of the latest certificate, or NONE. @latest (optional): that
 * certificate, or NULL. @refresher_available (optional): TRUE when there is a
 * certificate (in any state) and the course in the library names a refresher
 * module. Does not sign (a pass recorded before certificates were kept gets
 * its certificate recorded here, when the store is writable); cheap enough
 * for a library screen. */
gboolean       sig_store_get_certificate_state (SigStore                  *store,
                                                const char                *profile_id,
                                                const char                *course_id,
                                                GDateTime                 *now,
                                                SigStoreCertificateState  *state,
                                                SigStoreCertificate      **latest,
                                                gboolean                  *refresher_available,
                                                GError                   **error);

/* Refreshers. A course may name a refresher module (course->refresher_module).
 * A learner who holds a certificate for the course (valid, expiring or
 * expired) renews it by taking that module again:
 *  1. sig_store_record_refresher_started() opens a refresher (an event
 *     "refresher-started" in the latest attempt; the attempt's own result
 *     stays as it was);
 *  2. sig_store_get_resume_point() then points at the refresher module's
 *     items not done since that start, and the usual sig_store_record_answer(),
 *     _page_viewed() and _choice() record them;
 *  3. the call that completes the module appends "refresher-passed" (its
 *     questions' score at or above the pass mark; a module without scored
 *     questions passes by being completed) or "refresher-failed", which
 *     closes the refresher. A pass records a new certificate (kind
 *     REFRESHER) valid from then for the course's validity-months.
 * Answering the refresher module without step 1 (as an optional module of
 * the course) renews nothing. Continues an open refresher rather than
 * starting another. NOT_PASSED when the learner has not passed the course;
 * INVALID when the course names no refresher module. */
gboolean       sig_store_record_refresher_started (SigStore    *store,
                                                   const char  *profile_id,
                                                   SigCourse   *course,
                                                   GError     **error);
/* @open: TRUE when a refresher was started and has no result yet. */
gboolean       sig_store_get_refresher_open (SigStore    *store,
                                             const char  *profile_id,
                                             const char  *course_id,
                                             gboolean    *open,
                                             GError     **error);

/* ---- Reads for start-up (sig-store-index.c) ------------------------------ */

/* The library as sig_store_list_library() gives it, read from the index rows
 * alone: no course file is looked at, so it is cheap enough for a first
 * window (sig_store_refresh_library() checks the files, e.g. in a worker with
 * its own connection, and a later call shows what it found). A read-only
 * store, or an index never filled, falls back to sig_store_list_library(). */
GPtrArray     *sig_store_list_index         (SigStore    *store,
                                             GError     **error);
/* The same, the rows read and parsed in a worker with its own connection
 * (a store in memory, or read-only, is read in _finish()). */
void           sig_store_list_index_async   (SigStore            *store,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray     *sig_store_list_index_finish  (SigStore      *store,
                                             GAsyncResult  *result,
                                             GError       **error);
/* Changes whenever the index rows change (a row added, rewritten or
 * removed): compare it before and after sig_store_refresh_library() to know
 * whether a screen showing sig_store_list_index() needs reading again. */
char          *sig_store_get_index_stamp    (SigStore    *store,
                                             GError     **error);
/* Up to @max course ids @profile_id worked on last, the latest first, from
 * the newest events only. */
char         **sig_store_list_recent_courses (SigStore    *store,
                                              const char  *profile_id,
                                              guint        max,
                                              GError     **error);

/* Attempts as the learner sees them (sig-store-attempts.c). The latest
 * module answer to each question of the latest attempt in the course, to
 * review: question id -> response (empty when there is no attempt). */
GHashTable    *sig_store_get_answers        (SigStore    *store,
                                             const char  *profile_id,
                                             const char  *course_id,
                                             GError     **error);
/* Takes back @registration, a new attempt of the course that holds nothing
 * but its start (the undo of "take the course again"); INVALID when it is not
 * this learner's attempt of the course or already holds anything. */
gboolean       sig_store_discard_attempt    (SigStore    *store,
                                             const char  *profile_id,
                                             const char  *course_id,
                                             const char  *registration,
                                             GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigCourseProgress, sig_course_progress_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigResumePoint, sig_resume_point_free)

G_END_DECLS
