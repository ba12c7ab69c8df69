/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sys/types.h>

#include <sqlite3.h>

#include "sig-test-util.h"
#include "sig-export.h"
#include "sig-issuer.h"
#include "sig-store.h"
#include "sig-store-private.h"

/* Helpers of the store tests. Every test works in its own temporary folder,
 * with its own data folder (SIGNAAL_DATA_DIR) holding the real helplines file
 * and an empty bundled courses/ folder, unless a test puts courses there. */

/* Points HOME and the XDG folders at a fresh temporary folder; call first in main(). */
void          st_isolate          (void);
/* BUILD_DIR/tests/store/store-writer */
char         *st_writer_path      (void);

typedef struct {
  char *dir;          /* the temporary folder, removed at the end */
  char *db_path;      /* dir/data/signaal/progress.db */
  char *data_dir;     /* dir/install: SIGNAAL_DATA_DIR */
} StoreFixture;

StoreFixture *st_fixture_new      (void);
void          st_fixture_free     (StoreFixture *fixture);

/* Packs the example course into @dir as NAME.signaal, with @version (and a
 * different id when @id is not NULL). Returns the path. */
char         *st_pack_example     (const char *dir,
                                   const char *id,
                                   const char *version);
/* Packs the example with one text replaced in course.xml, as @dir/@file_name. */
char         *st_pack_example_patched (const char *dir,
                                       const char *file_name,
                                       const char *old_text,
                                       const char *new_text);
/* The project's publisher key (a fixed test seed); every fixture installs its
 * public half as data_dir/publishers/signaal.publisher. */
SigIssuer    *st_project_key      (void);
/* Signs the package at @path in place with the project key, as the build
 * signs the bundled courses. */
void          st_sign_as_project  (const char *path,
                                   const char *course_id,
                                   const char *version);
SigCourse    *st_load             (const char *path);
SigStore     *st_open             (StoreFixture *fixture);

/* A separate connection to the database file, as another program would see it. */
sqlite3      *st_db_open          (const char *path);
gint64        st_db_int           (sqlite3    *db,
                                   const char *sql);
char         *st_db_text          (sqlite3    *db,
                                   const char *sql);
gint64        st_count            (const char *db_path,
                                   const char *sql);

/* Answers every question of @course's module @module_id, with the best
 * answers or (when !@best) a wrong one where the type allows. */
void          st_answer_module    (SigStore   *store,
                                   const char *profile_id,
                                   SigCourse  *course,
                                   const char *module_id,
                                   gboolean    best);
/* Plays the scenarios of @module_id, taking the recommended choices. */
void          st_play_scenarios   (SigStore   *store,
                                   const char *profile_id,
                                   SigCourse  *course,
                                   const char *module_id);
/* A wrong response for @question (never the best one). */
char         *st_wrong_response   (SigQuestion *question);

/* Checks written apart from the code under test. */
gboolean      st_is_uuid_v4       (const char *text);

/* Runs @argv with @input (or nothing) on standard input and returns its exit
 * status. *out and *err (NULL or the text of an earlier run) are replaced by
 * the output; it is collected through files, not pipes:
 * GLib 2.74's g_subprocess_communicate() leaks memory. */
int           st_run_tool         (GSubprocessLauncher *launcher,
                                   const char * const  *argv,
                                   const char          *input,
                                   char               **out,
                                   char               **err);

/* Gives @path and everything under it to @uid and @gid (for tests that drop root). */
void          st_chown_tree       (const char *path,
                                   uid_t       uid,
                                   gid_t       gid);
