/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The schema of the progress store and its forward-only migrations.
 *
 * PRAGMA user_version holds the schema version. Each migration takes the
 * database from version N - 1 to N in one transaction together with the new
 * user_version, so a killed process leaves either the old or the new version.
 * A migration is never changed once released: the fixtures in
 * tests/fixtures/store/ (made by make-fixtures.sh with this exact DDL) are
 * databases of every earlier version, and the tests open each of them.
 *
 * Version 1: settings, profiles, attempts and the append-only events.
 * Version 2: the library index (path, size, mtime, content hash -> what a
 *            library screen shows), and the knowledge-check phase of answers.
 * Version 3: certificates (one per "passed" or "refresher-passed" event: what
 *            it says, and once signed the credential exactly as issued); the
 *            refresher event kinds. SQLite cannot change a CHECK constraint,
 *            so the events table is rebuilt (same rows, ids and sequence),
 *            as https://sqlite.org/lang_altertable.html#otheralter describes.
 *            The library index is emptied: it is a cache, and its entries now
 *            also tell the refresher module.
 * Version 4: the projections (sig-store-fold.h): per attempt (position,
 *            answers, score, completion, pass) and per learner and course (the
 *            summary that progress, certificates and exports read). They are
 *            filled by folding the events again (sig_store_projection_rebuild())
 *            when the store opens, not by this DDL.
 * Version 5: per-learner settings (profile_settings); the outbox of xAPI
 *            statements for an organisation's learning record store, written
 *            with the event they describe; spaced review: its history
 *            (review_events, append-only) and the card state folded from it
 *            (review_cards); attempts marked as automated (played by a tool,
 *            not answered by a learner). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sig-store-private.h"

static const char *migrations[] = {
  /* 1 */
  "CREATE TABLE settings (\n"
  "  key TEXT PRIMARY KEY NOT NULL,\n"
  "  value TEXT NOT NULL\n"
  ");\n"
  "CREATE TABLE profiles (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  name TEXT NOT NULL UNIQUE,\n"
  "  certificate_name TEXT NOT NULL,\n"
  "  sector TEXT NOT NULL,\n"
  "  language TEXT NOT NULL,\n"
  "  created INTEGER NOT NULL\n"
  ");\n"
  "CREATE TABLE attempts (\n"
  "  registration TEXT PRIMARY KEY NOT NULL,\n"
  "  profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,\n"
  "  course_id TEXT NOT NULL,\n"
  "  course_version TEXT NOT NULL,\n"
  "  started INTEGER NOT NULL\n"
  ");\n"
  "CREATE INDEX attempts_by_course ON attempts (profile_id, course_id, started);\n"
  "CREATE TABLE events (\n"
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
  "  statement_id TEXT NOT NULL UNIQUE,\n"
  "  profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,\n"
  "  registration TEXT NOT NULL REFERENCES attempts (registration) ON DELETE CASCADE,\n"
  "  course_id TEXT NOT NULL,\n"
  "  course_version TEXT NOT NULL,\n"
  "  kind TEXT NOT NULL CHECK (kind IN ('started', 'page-viewed', 'answered', 'scenario-choice',\n"
  "                                     'scenario-ended', 'module-completed', 'completed', 'passed', 'failed')),\n"
  "  module_id TEXT,\n"
  "  item_id TEXT,\n"
  "  response TEXT,\n"
  "  correct INTEGER,\n"
  "  points REAL,\n"
  "  max_points REAL,\n"
  "  node_id TEXT,\n"
  "  state TEXT,\n"
  "  time INTEGER NOT NULL\n"
  ");\n"
  "CREATE INDEX events_by_attempt ON events (registration, id);\n"
  "CREATE INDEX events_by_profile ON events (profile_id, course_id, id);\n"
  "CREATE TRIGGER events_append_only BEFORE UPDATE ON events\n"
  "BEGIN SELECT RAISE (ABORT, 'events are append-only'); END;\n",

  /* 2 */
  "CREATE TABLE library (\n"
  "  path TEXT PRIMARY KEY NOT NULL,\n"
  "  size INTEGER NOT NULL,\n"
  "  mtime INTEGER NOT NULL,\n"
  "  hash TEXT NOT NULL,\n"
  "  bundled INTEGER NOT NULL,\n"
  "  course_id TEXT NOT NULL,\n"
  "  version TEXT NOT NULL,\n"
  "  info TEXT NOT NULL,\n"
  "  indexed INTEGER NOT NULL\n"
  ");\n"
  "CREATE INDEX library_by_course ON library (course_id);\n"
  "ALTER TABLE events ADD COLUMN phase TEXT CHECK (phase IS NULL OR phase IN ('pre', 'post'));\n",

  /* 3 */
  "CREATE TABLE events_v3 (\n"
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
  "  statement_id TEXT NOT NULL UNIQUE,\n"
  "  profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,\n"
  "  registration TEXT NOT NULL REFERENCES attempts (registration) ON DELETE CASCADE,\n"
  "  course_id TEXT NOT NULL,\n"
  "  course_version TEXT NOT NULL,\n"
  "  kind TEXT NOT NULL CHECK (kind IN ('started', 'page-viewed', 'answered', 'scenario-choice',\n"
  "                                     'scenario-ended', 'module-completed', 'completed', 'passed', 'failed',\n"
  "                                     'refresher-started', 'refresher-passed', 'refresher-failed')),\n"
  "  module_id TEXT,\n"
  "  item_id TEXT,\n"
  "  response TEXT,\n"
  "  correct INTEGER,\n"
  "  points REAL,\n"
  "  max_points REAL,\n"
  "  node_id TEXT,\n"
  "  state TEXT,\n"
  "  time INTEGER NOT NULL,\n"
  "  phase TEXT CHECK (phase IS NULL OR phase IN ('pre', 'post'))\n"
  ");\n"
  "INSERT INTO events_v3 (id, statement_id, profile_id, registration, course_id, course_version, kind,\n"
  "                       module_id, item_id, response, correct, points, max_points, node_id, state, time, phase)\n"
  "  SELECT id, statement_id, profile_id, registration, course_id, course_version, kind,\n"
  "         module_id, item_id, response, correct, points, max_points, node_id, state, time, phase FROM events;\n"
  /* Ids are never used twice, also not those of deleted events. */
  "INSERT INTO sqlite_sequence (name, seq) SELECT 'events_v3', 0\n"
  "  WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'events_v3');\n"
  "UPDATE sqlite_sequence SET seq = max (seq, coalesce ((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0))\n"
  "  WHERE name = 'events_v3';\n"
  "DROP TABLE events;\n"
  "ALTER TABLE events_v3 RENAME TO events;\n"
  "CREATE INDEX events_by_attempt ON events (registration, id);\n"
  "CREATE INDEX events_by_profile ON events (profile_id, course_id, id);\n"
  "CREATE TRIGGER events_append_only BEFORE UPDATE ON events\n"
  "BEGIN SELECT RAISE (ABORT, 'events are append-only'); END;\n"
  "CREATE INDEX events_for_certificates ON events (profile_id, course_id, id)\n"
  "  WHERE kind IN ('passed', 'refresher-started', 'refresher-passed', 'refresher-failed');\n"
  "CREATE TABLE certificates (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,\n"
  "  event_id TEXT NOT NULL UNIQUE REFERENCES events (statement_id) ON DELETE CASCADE,\n"
  "  course_id TEXT NOT NULL,\n"
  "  course_version TEXT NOT NULL,\n"
  "  kind TEXT NOT NULL CHECK (kind IN ('course', 'refresher')),\n"
  "  completed_at TEXT NOT NULL,\n"
  "  valid_until TEXT NOT NULL,\n"
  "  score REAL NOT NULL,\n"
  "  claims TEXT NOT NULL,\n"
  "  issued_at TEXT,\n"
  "  issuer TEXT,\n"
  "  verification_code TEXT,\n"
  "  credential TEXT,\n"
  "  CHECK ((credential IS NULL) = (issued_at IS NULL))\n"
  ");\n"
  "CREATE INDEX certificates_by_course ON certificates (profile_id, course_id, completed_at);\n"
  "CREATE TRIGGER certificates_issued_once BEFORE UPDATE ON certificates WHEN OLD.credential IS NOT NULL\n"
  "BEGIN SELECT RAISE (ABORT, 'an issued certificate is never changed'); END;\n"
  "DELETE FROM library;\n",

  /* 4 */
  "CREATE TABLE attempt_projection (\n"
  "  registration TEXT PRIMARY KEY NOT NULL REFERENCES attempts (registration) ON DELETE CASCADE,\n"
  "  profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,\n"
  "  course_id TEXT NOT NULL,\n"
  "  finished INTEGER NOT NULL,\n"
  "  result TEXT NOT NULL,\n"
  "  score REAL,\n"
  "  finished_at INTEGER,\n"
  "  item_events INTEGER NOT NULL,\n"
  "  state TEXT NOT NULL\n"
  ") WITHOUT ROWID;\n"
  "CREATE TABLE course_projection (\n"
  "  profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,\n"
  "  course_id TEXT NOT NULL,\n"
  "  registration TEXT,\n"
  "  attempts INTEGER NOT NULL,\n"
  "  standing TEXT NOT NULL,\n"
  "  score REAL,\n"
  "  best_score REAL,\n"
  "  completed_at INTEGER,\n"
  "  refresher_since INTEGER NOT NULL,\n"
  "  state TEXT NOT NULL,\n"
  "  PRIMARY KEY (profile_id, course_id)\n"
  ") WITHOUT ROWID;\n",

  /* 5 */
  "ALTER TABLE attempts ADD COLUMN automated INTEGER NOT NULL DEFAULT 0;\n"
  "CREATE TABLE profile_settings (\n"
  "  profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,\n"
  "  key TEXT NOT NULL,\n"
  "  value TEXT NOT NULL,\n"
  "  PRIMARY KEY (profile_id, key)\n"
  ") WITHOUT ROWID;\n"
  "CREATE TABLE outbox (\n"
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
  "  statement_id TEXT NOT NULL UNIQUE,\n"
  "  profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,\n"
  "  statement TEXT NOT NULL,\n"
  "  created INTEGER NOT NULL,\n"
  "  state TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'sent', 'refused')),\n"
  "  tries INTEGER NOT NULL DEFAULT 0,\n"
  "  next_try INTEGER NOT NULL DEFAULT 0,\n"
  "  sent INTEGER,\n"
  "  reason TEXT\n"
  ");\n"
  "CREATE INDEX outbox_by_state ON outbox (profile_id, state, id);\n"
  "CREATE TABLE review_events (\n"
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
  "  statement_id TEXT NOT NULL UNIQUE,\n"
  "  profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,\n"
  "  course_id TEXT NOT NULL,\n"
  "  course_version TEXT NOT NULL,\n"
  "  item_id TEXT NOT NULL,\n"
  "  kind TEXT NOT NULL CHECK (kind IN ('added', 'reviewed')),\n"
  "  response TEXT,\n"
  "  grade TEXT CHECK (grade IS NULL OR grade IN ('right', 'partly', 'wrong')),\n"
  "  rating INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 4),\n"
  "  time INTEGER NOT NULL\n"
  ");\n"
  "CREATE INDEX review_events_by_item ON review_events (profile_id, course_id, item_id, id);\n"
  "CREATE TRIGGER review_events_append_only BEFORE UPDATE ON review_events\n"
  "BEGIN SELECT RAISE (ABORT, 'events are append-only'); END;\n"
  "CREATE TABLE review_cards (\n"
  "  profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,\n"
  "  course_id TEXT NOT NULL,\n"
  "  item_id TEXT NOT NULL,\n"
  "  due INTEGER NOT NULL,\n"
  "  card TEXT NOT NULL,\n"
  "  PRIMARY KEY (profile_id, course_id, item_id)\n"
  ") WITHOUT ROWID;\n"
  "CREATE INDEX review_cards_due ON review_cards (profile_id, due);\n",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == SIG_STORE_SCHEMA_VERSION);

const char *
sig_store_schema_migration (int version)
{
  g_return_val_if_fail (version >= 1 && version <= SIG_STORE_SCHEMA_VERSION, NULL);
  return migrations[version - 1];
}

int
sig_store_schema_get_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      GError     **error)
{
  char *message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, SIG_STORE_ERROR,
                   rc == SQLITE_FULL ? SIG_STORE_ERROR_DISK_FULL
                   : rc == SQLITE_READONLY ? SIG_STORE_ERROR_READ_ONLY
                   : rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB ? SIG_STORE_ERROR_CORRUPT
                   : SIG_STORE_ERROR_FAILED,
                   _("The progress database could not be updated to the new format: %s."),
                   message ? message : sqlite3_errstr (rc));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

gboolean
sig_store_schema_migrate (sqlite3   *db,
                          int        target,
                          GError   **error)
{
  int version = sig_store_schema_get_version (db);

  if (version < 0)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_CORRUPT,
                   _("The progress database cannot be read: %s."), sqlite3_errmsg (db));
      return FALSE;
    }
  if (version > target)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_TOO_NEW,
                   _("The progress database was written by a newer version of Signaal (format %d; this version knows up to %d). Update Signaal to use it; nothing in it was changed."),
                   version, target);
      return FALSE;
    }

  for (int v = version + 1; v <= target; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", v);

      if (!exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;
      /* Another process may have migrated while we waited for the lock. */
      if (sig_store_schema_get_version (db) >= v)
        {
          if (!exec (db, "COMMIT", error))
            return FALSE;
          continue;
        }
      if (!exec (db, migrations[v - 1], error) ||
          !exec (db, set_version, error) ||
          !exec (db, "COMMIT", error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      g_debug ("Progress database migrated to format %d", v);
    }
  return TRUE;
}
