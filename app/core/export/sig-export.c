/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exports of the progress store: xAPI statements, the CSV report for a
 * teacher, a learner's own data, and the anonymised knowledge-check aggregate. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sig-scoring.h"
#include "sig-store-projection.h"
#include "sig-store-private.h"
#include "sig-store-review.h"
#include "sig-engine.h"
#include "sig-export.h"
#include "sig-xapi.h"
#include "sig-xapi-statement.h"

/* Courses loaded once per export, by id (NULL when not in the library). */
typedef struct {
  SigStore *store;
  GHashTable *courses;
  GHashTable *entries;
} CourseCache;

static void
unref_object_or_null (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
unref_course_or_null (gpointer course)
{
  if (course != NULL)
    sig_course_unref (course);
}

static void
course_cache_init (CourseCache *cache,
                   SigStore    *store)
{
  cache->store = store;
  cache->courses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref_course_or_null);
  cache->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) unref_object_or_null);
}

static void
course_cache_clear (CourseCache *cache)
{
  g_hash_table_unref (cache->courses);
  g_hash_table_unref (cache->entries);
}

static SigCourse *
course_cache_get (CourseCache *cache,
                  const char  *course_id)
{
  SigCourse *course;

  if (g_hash_table_lookup_extended (cache->courses, course_id, NULL, (gpointer *) &course))
    return course;
  course = sig_store_load_course (cache->store, course_id, NULL);
  g_hash_table_insert (cache->courses, g_strdup (course_id), course);
  return course;
}

static SigLibraryCourse *
course_cache_entry (CourseCache *cache,
                    const char  *course_id)
{
  SigLibraryCourse *entry;

  if (g_hash_table_lookup_extended (cache->entries, course_id, NULL, (gpointer *) &entry))
    return entry;
  entry = sig_store_get_library_course (cache->store, course_id, NULL);
  g_hash_table_insert (cache->entries, g_strdup (course_id), entry);
  return entry;
}

static char *
to_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* ---- Spaced review ----------------------------------------------------------- */

#define REVIEW_COLUMNS \
  "r.id, r.statement_id, r.profile_id, r.course_id, r.course_version, r.item_id, r.kind, r.response, " \
  "r.grade, r.rating, r.time, p.language"

/* The review item @item_id ("COURSE/QUESTION" or "COURSE/SCENARIO/NODE") as an activity IRI:
 * …/course/ID/VERSION/review/QUESTION or …/review/SCENARIO/node/NODE. */
static char *
review_item_iri (const char *course_id,
                 const char *version,
                 const char *item_id)
{
  g_auto(GStrv) parts = g_strsplit (item_id, "/", 3);
  guint n = g_strv_length (parts);

  if (n == 3)
    return sig_xapi_activity_iri (course_id, version, NULL, "review", parts[1], parts[2]);
  return sig_xapi_activity_iri (course_id, version, NULL, "review", n == 2 ? parts[1] : item_id, NULL);
}

/* One "reviewed" event as an xAPI statement: the learner answered the review
 * item (an activity of the course); the result says right (success, score 1),
 * partly (score 0.5) or wrong (score 0), with the FSRS rating as an extension. */
static void
add_review_statement (JsonBuilder  *builder,
                      CourseCache  *cache,
                      const char   *home_page,
                      sqlite3_stmt *stmt)
{
  const char *course_id = sig_store_column_text (stmt, 3);
  const char *version = sig_store_column_text (stmt, 4);
  const char *item_id = sig_store_column_text (stmt, 5);
  const char *response = sig_store_column_text (stmt, 7);
  const char *grade = sig_store_column_text (stmt, 8);
  const char *language = sig_store_column_text (stmt, 11);
  SigCourse *course = course_cache_get (cache, course_id);
  g_autofree char *course_iri = sig_xapi_activity_iri (course_id, version, NULL, NULL, NULL, NULL);
  g_autofree char *object_iri = review_item_iri (course_id, version, item_id);
  g_autofree char *timestamp = sig_store_format_time (sqlite3_column_int64 (stmt, 10));
  g_autofree char *prefix = g_strconcat (course_id, "/", NULL);
  SigQuestion *question = NULL;
  double score = g_strcmp0 (grade, "right") == 0 ? 1 : g_strcmp0 (grade, "partly") == 0 ? 0.5 : 0;

  if (course != NULL && g_str_has_prefix (item_id, prefix) && strchr (item_id + strlen (prefix), '/') == NULL)
    {
      const char *question_id = item_id + strlen (prefix);

      question = sig_course_find_question (course, question_id);
      for (guint m = 0; question == NULL && m < course->modules->len; m++)
        {
          SigModule *module = course->modules->pdata[m];

          for (guint i = 0; module->review != NULL && i < module->review->len; i++)
            if (g_str_equal (((SigQuestion *) module->review->pdata[i])->id, question_id))
              question = module->review->pdata[i];
        }
    }

  json_builder_begin_object (builder);
  sig_xapi_member_string (builder, "id", sig_store_column_text (stmt, 1));
  sig_xapi_member_string (builder, "version", SIG_XAPI_VERSION);

  json_builder_set_member_name (builder, "actor");
  json_builder_begin_object (builder);
  sig_xapi_member_string (builder, "objectType", "Agent");
  json_builder_set_member_name (builder, "account");
  json_builder_begin_object (builder);
  sig_xapi_member_string (builder, "homePage", home_page);
  sig_xapi_member_string (builder, "name", sig_store_column_text (stmt, 2));
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "verb");
  json_builder_begin_object (builder);
  sig_xapi_member_string (builder, "id", SIG_XAPI_VERB_ANSWERED);
  json_builder_set_member_name (builder, "display");
  json_builder_begin_object (builder);
  sig_xapi_member_string (builder, "en-US", sig_xapi_verb_display (SIG_XAPI_VERB_ANSWERED));
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "object");
  json_builder_begin_object (builder);
  sig_xapi_member_string (builder, "objectType", "Activity");
  sig_xapi_member_string (builder, "id", object_iri);
  json_builder_set_member_name (builder, "definition");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_begin_object (builder);
  if (question != NULL && question->prompt != NULL)
    {
      sig_xapi_member_string (builder, "en", sig_text_get (question->prompt, "en"));
      sig_xapi_member_string (builder, "nl", sig_text_get (question->prompt, "nl"));
    }
  else
    sig_xapi_member_string (builder, "en", item_id);
  json_builder_end_object (builder);
  sig_xapi_member_string (builder, "type", SIG_XAPI_TYPE_INTERACTION);
  sig_xapi_member_string (builder, "interactionType", "choice");
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "result");
  json_builder_begin_object (builder);
  sig_xapi_member_bool (builder, "success", g_strcmp0 (grade, "right") == 0);
  sig_xapi_member_bool (builder, "completion", TRUE);
  json_builder_set_member_name (builder, "score");
  json_builder_begin_object (builder);
  sig_xapi_member_double (builder, "scaled", score);
  sig_xapi_member_double (builder, "raw", score);
  sig_xapi_member_double (builder, "min", 0);
  sig_xapi_member_double (builder, "max", 1);
  json_builder_end_object (builder);
  if (response != NULL)
    {
      g_autofree char *pattern = sig_xapi_response (question ? question->type : SIG_QUESTION_MULTIPLE, response);

      sig_xapi_member_string (builder, "response", pattern);
    }
  json_builder_set_member_name (builder, "extensions");
  json_builder_begin_object (builder);
  sig_xapi_member_string (builder, SIG_XAPI_EXTENSION_BASE "review-grade", grade);
  sig_xapi_member_int (builder, SIG_XAPI_EXTENSION_BASE "fsrs-rating", sqlite3_column_int (stmt, 9));
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "context");
  json_builder_begin_object (builder);
  sig_xapi_member_string (builder, "revision", version);
  sig_xapi_member_string (builder, "platform", "Signaal");
  if (language != NULL)
    sig_xapi_member_string (builder, "language", language);
  json_builder_set_member_name (builder, "contextActivities");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "grouping");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  sig_xapi_member_string (builder, "objectType", "Activity");
  sig_xapi_member_string (builder, "id", course_iri);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "extensions");
  json_builder_begin_object (builder);
  sig_xapi_member_string (builder, SIG_XAPI_EXTENSION_BASE "course-id", course_id);
  sig_xapi_member_string (builder, SIG_XAPI_EXTENSION_BASE "course-version", version);
  sig_xapi_member_string (builder, SIG_XAPI_EXTENSION_BASE "review-item", item_id);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  sig_xapi_member_string (builder, "timestamp", timestamp);
  json_builder_end_object (builder);
}

/* Appends a statement for every review of @profile_id (NULL: everyone's). */
static gboolean
add_review_statements (JsonBuilder  *builder,
                       SigStore     *store,
                       CourseCache  *cache,
                       const char   *home_page,
                       const char   *profile_id,
                       GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = sig_store_prepare (store,
                            "SELECT " REVIEW_COLUMNS " FROM review_events r JOIN profiles p ON p.id = r.profile_id "
                            "WHERE r.kind = 'reviewed' AND (?1 IS NULL OR r.profile_id = ?1) ORDER BY r.id", error);
  if (stmt == NULL)
    return FALSE;
  sig_store_bind_text_or_null (stmt, 1, profile_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_review_statement (builder, cache, home_page, stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "export", error);
      return FALSE;
    }
  return TRUE;
}

#define EVENT_COLUMNS \
  "e.id, e.statement_id, e.profile_id, e.registration, e.course_id, e.course_version, e.kind, e.module_id, " \
  "e.item_id, e.response, e.correct, e.points, e.max_points, e.node_id, e.phase, e.time, p.language, e.state, " \
  "(SELECT a.automated FROM attempts a WHERE a.registration = e.registration)"

static void
event_view_from_row (sqlite3_stmt *stmt,
                     SigXapiEvent    *event)
{
  memset (event, 0, sizeof *event);
  event->statement_id = sig_store_column_text (stmt, 1);
  event->profile_id = sig_store_column_text (stmt, 2);
  event->registration = sig_store_column_text (stmt, 3);
  event->course_id = sig_store_column_text (stmt, 4);
  event->version = sig_store_column_text (stmt, 5);
  event->kind = sig_store_column_text (stmt, 6);
  event->module_id = sig_store_column_text (stmt, 7);
  event->item_id = sig_store_column_text (stmt, 8);
  event->response = sig_store_column_text (stmt, 9);
  event->has_correct = sqlite3_column_type (stmt, 10) != SQLITE_NULL;
  event->correct = sqlite3_column_int (stmt, 10);
  event->has_points = sqlite3_column_type (stmt, 11) != SQLITE_NULL;
  event->points = sqlite3_column_double (stmt, 11);
  event->max_points = sqlite3_column_double (stmt, 12);
  event->node_id = sig_store_column_text (stmt, 13);
  event->phase = sig_store_column_text (stmt, 14);
  event->time = sqlite3_column_int64 (stmt, 15);
  event->language = sig_store_column_text (stmt, 16);
  event->state = sig_store_column_text (stmt, 17);
  event->automated = sqlite3_column_int (stmt, 18) != 0;
}

char *
sig_store_export_xapi (SigStore    *store,
                       const char  *profile_id,
                       GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GHashTable) scenario_states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *home_page = NULL;
  CourseCache cache;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SIG_IS_STORE (store), NULL);

  if (profile_id != NULL)
    {
      g_autoptr(SigProfile) profile = sig_store_get_profile (store, profile_id, error);

      if (profile == NULL)
        return NULL;
    }
  home_page = sig_xapi_home_page (store->installation_id);
  stmt = sig_store_prepare (store,
                            "SELECT " EVENT_COLUMNS " FROM events e JOIN profiles p ON p.id = e.profile_id "
                            "WHERE ?1 IS NULL OR e.profile_id = ?1 ORDER BY e.id", error);
  if (stmt == NULL)
    return NULL;
  sig_store_bind_text_or_null (stmt, 1, profile_id);

  course_cache_init (&cache, store);
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SigXapiEvent event;

      event_view_from_row (stmt, &event);
      /* An ending is recorded without the engine's state: it is the state
       * after the scenario's last choice. */
      if (g_str_equal (event.kind, "scenario-choice") || g_str_equal (event.kind, "scenario-ended"))
        {
          g_autofree char *key = g_strjoin ("/", event.registration, event.module_id ? event.module_id : "",
                                            event.item_id ? event.item_id : "", NULL);

          if (event.state != NULL)
            g_hash_table_insert (scenario_states, g_steal_pointer (&key), g_strdup (event.state));
          else
            event.state = g_hash_table_lookup (scenario_states, key);
        }
      {
        SigCourse *course = course_cache_get (&cache, event.course_id);
        SigLibraryCourse *entry = course == NULL ? course_cache_entry (&cache, event.course_id) : NULL;
        g_autoptr(SigText) course_name = NULL;
        SigXapiActor actor = { home_page, event.profile_id };

        /* The course's name: from the loaded course, else from the library index. */
        if (entry != NULL)
          {
            const char * const *langs = sig_library_course_get_languages (entry);

            course_name = sig_text_new ();
            for (guint i = 0; langs && langs[i]; i++)
              sig_text_set (course_name, langs[i], sig_library_course_get_title (entry, langs[i]));
          }
        sig_xapi_add_event_statements (builder, &event, course, course_name, &actor);
      }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      course_cache_clear (&cache);
      sig_store_set_sqlite_error (store, rc, "export", error);
      return NULL;
    }
  /* Reviews come after the courses' statements, in the order they were made. */
  if (!add_review_statements (builder, store, &cache, home_page, profile_id, error))
    {
      course_cache_clear (&cache);
      return NULL;
    }
  json_builder_end_array (builder);
  course_cache_clear (&cache);
  return to_json (builder);
}

/* ---- CSV --------------------------------------------------------------------- */

static void
csv_field (GString    *out,
           const char *value,
           gboolean    last)
{
  g_autofree char *guarded = NULL;

  if (value == NULL)
    value = "";
  /* A spreadsheet would run a cell starting with these as a formula. */
  if (strchr ("=+-@\t\r", value[0]) != NULL && value[0] != '\0')
    value = guarded = g_strconcat ("'", value, NULL);
  if (strpbrk (value, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, value);
  g_string_append (out, last ? "\r\n" : ",");
}

static char *
format_date (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d") : g_strdup ("");
}

/* The "valid until" of the learner's latest certificate for the course, as a
 * local date; NULL when there is none. */
static char *
certificate_valid_until (SigStore   *store,
                         const char *profile_id,
                         const char *course_id)
{
  g_autoptr(GPtrArray) certificates = sig_store_read_certificates (store, profile_id, course_id, NULL);
  g_autoptr(GDateTime) local = NULL;

  if (certificates == NULL || certificates->len == 0)
    return NULL;
  local = g_date_time_to_local (sig_store_certificate_get_valid_until (certificates->pdata[0]));
  return g_date_time_format (local, "%Y-%m-%d");
}

char *
sig_store_export_csv (SigStore    *store,
                      const char  *profile_id,
                      GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) profiles = NULL;

  g_return_val_if_fail (SIG_IS_STORE (store), NULL);

  if (profile_id != NULL)
    {
      SigProfile *profile = sig_store_get_profile (store, profile_id, error);

      if (profile == NULL)
        return NULL;
      profiles = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (profiles, profile);
    }
  else if ((profiles = sig_store_list_profiles (store, error)) == NULL)
    return NULL;

  csv_field (out, "name", FALSE);
  csv_field (out, "course", FALSE);
  csv_field (out, "version", FALSE);
  csv_field (out, "status", FALSE);
  csv_field (out, "score", FALSE);
  csv_field (out, "completed", FALSE);
  csv_field (out, "valid_until", FALSE);
  csv_field (out, "automated", TRUE);

  for (guint i = 0; i < profiles->len; i++)
    {
      SigProfile *profile = profiles->pdata[i];
      g_autoptr(GPtrArray) list = sig_store_list_progress (store, sig_profile_get_id (profile), error);

      if (list == NULL)
        return NULL;
      for (guint j = 0; j < list->len; j++)
        {
          SigCourseProgress *progress = list->pdata[j];
          g_autofree char *score = NULL;
          g_autofree char *completed = NULL;
          g_autofree char *until = NULL;
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          if (progress->status == SIG_PROGRESS_NOT_STARTED)
            continue;
          if (progress->has_score)
            score = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.1f", progress->score));
          if (progress->ever_passed && progress->completed_at > 0)
            completed = format_date (progress->completed_at);
          /* From the certificate itself: a refresher renews it. */
          until = certificate_valid_until (store, sig_profile_get_id (profile), progress->course_id);
          csv_field (out, sig_profile_get_certificate_name (profile), FALSE);
          csv_field (out, progress->course_id, FALSE);
          csv_field (out, progress->course_version, FALSE);
          csv_field (out, sig_progress_status_to_string (progress->status), FALSE);
          csv_field (out, score, FALSE);
          csv_field (out, completed, FALSE);
          csv_field (out, until, FALSE);
          csv_field (out, progress->automated ? "yes" : "no", TRUE);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- My data ----------------------------------------------------------------- */

static void
add_progress (JsonBuilder       *builder,
              SigCourseProgress *progress)
{
  json_builder_begin_object (builder);
  sig_xapi_member_string (builder, "course_id", progress->course_id);
  sig_xapi_member_string (builder, "course_version", progress->course_version);
  sig_xapi_member_string (builder, "status", sig_progress_status_to_string (progress->status));
  sig_xapi_member_bool (builder, "completed", progress->completed);
  if (progress->has_score)
    sig_xapi_member_double (builder, "score", progress->score);
  if (progress->best_score >= 0)
    sig_xapi_member_double (builder, "best_score", progress->best_score);
  sig_xapi_member_int (builder, "attempts", progress->attempts);
  sig_xapi_member_bool (builder, "automated", progress->automated);
  json_builder_end_object (builder);
}

/* The learner's review settings, history and cards, for "my data". */
static gboolean
add_my_reviews (JsonBuilder  *builder,
                SigStore     *store,
                const char   *profile_id,
                GError      **error)
{
  g_autoptr(GPtrArray) cards = NULL;
  sqlite3_stmt *stmt;
  double retention;
  guint limit;
  int rc;

  if (!sig_store_get_review_daily_limit (store, profile_id, &limit, error) ||
      !sig_store_get_review_retention (store, profile_id, &retention, error) ||
      (cards = sig_store_list_review_cards (store, profile_id, error)) == NULL)
    return FALSE;

  json_builder_set_member_name (builder, "review");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "settings");
  json_builder_begin_object (builder);
  sig_xapi_member_int (builder, SIG_STORE_REVIEW_DAILY_LIMIT_KEY, limit);
  sig_xapi_member_double (builder, SIG_STORE_REVIEW_RETENTION_KEY, retention);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "history");
  json_builder_begin_array (builder);
  stmt = sig_store_prepare (store, "SELECT " REVIEW_COLUMNS " FROM review_events r JOIN profiles p ON p.id = r.profile_id "
                                   "WHERE r.profile_id = ? ORDER BY r.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *time = sig_store_format_time (sqlite3_column_int64 (stmt, 10));

      json_builder_begin_object (builder);
      sig_xapi_member_int (builder, "id", sqlite3_column_int64 (stmt, 0));
      sig_xapi_member_string (builder, "statement_id", sig_store_column_text (stmt, 1));
      sig_xapi_member_string (builder, "course_id", sig_store_column_text (stmt, 3));
      sig_xapi_member_string (builder, "course_version", sig_store_column_text (stmt, 4));
      sig_xapi_member_string (builder, "item_id", sig_store_column_text (stmt, 5));
      sig_xapi_member_string (builder, "kind", sig_store_column_text (stmt, 6));
      sig_xapi_member_string (builder, "time", time);
      if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
        sig_xapi_member_string (builder, "response", sig_store_column_text (stmt, 7));
      if (sqlite3_column_type (stmt, 8) != SQLITE_NULL)
        sig_xapi_member_string (builder, "grade", sig_store_column_text (stmt, 8));
      if (sqlite3_column_type (stmt, 9) != SQLITE_NULL)
        sig_xapi_member_int (builder, "rating", sqlite3_column_int (stmt, 9));
      json_builder_end_object (builder);
    }
  sqlite3_reset (stmt);
  json_builder_end_array (builder);
  if (rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "my data", error);
      return FALSE;
    }

  json_builder_set_member_name (builder, "cards");
  json_builder_begin_array (builder);
  for (guint i = 0; i < cards->len; i++)
    {
      SigStoreReviewCard *card = cards->pdata[i];
      g_autofree char *due = sig_store_format_time (card->card.due * 1000);
      g_autofree char *last = card->card.last_review > 0 ? sig_store_format_time (card->card.last_review * 1000) : NULL;

      json_builder_begin_object (builder);
      sig_xapi_member_string (builder, "course_id", card->course_id);
      sig_xapi_member_string (builder, "item_id", card->item_id);
      sig_xapi_member_string (builder, "state", sig_fsrs_state_to_string (card->card.state));
      sig_xapi_member_string (builder, "due", due);
      if (last != NULL)
        sig_xapi_member_string (builder, "last_review", last);
      sig_xapi_member_double (builder, "stability", card->card.stability);
      sig_xapi_member_double (builder, "difficulty", card->card.difficulty);
      sig_xapi_member_int (builder, "reps", card->card.reps);
      sig_xapi_member_int (builder, "lapses", card->card.lapses);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return TRUE;
}

char *
sig_store_export_my_data (SigStore    *store,
                          const char  *profile_id,
                          GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(SigProfile) profile = NULL;
  g_autoptr(GPtrArray) progress = NULL;
  g_autoptr(GPtrArray) certificates = NULL;
  g_autofree char *current = NULL;
  g_autofree char *created = NULL;
  g_autofree char *now = sig_store_format_time (sig_store_now ());
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SIG_IS_STORE (store), NULL);
  g_return_val_if_fail (profile_id != NULL, NULL);

  if ((profile = sig_store_get_profile (store, profile_id, error)) == NULL)
    return NULL;
  if ((progress = sig_store_list_progress (store, profile_id, error)) == NULL)
    return NULL;
  current = sig_store_get_current_profile (store);
  created = sig_store_format_time (sig_profile_get_created (profile));

  json_builder_begin_object (builder);
  sig_xapi_member_string (builder, "format", "signaal-my-data-1");
  sig_xapi_member_string (builder, "exported", now);
  sig_xapi_member_string (builder, "database", store->path);

  json_builder_set_member_name (builder, "profile");
  json_builder_begin_object (builder);
  sig_xapi_member_string (builder, "id", sig_profile_get_id (profile));
  sig_xapi_member_string (builder, "name", sig_profile_get_name (profile));
  sig_xapi_member_string (builder, "certificate_name", sig_profile_get_certificate_name (profile));
  sig_xapi_member_string (builder, "sector", sig_profile_get_sector (profile));
  sig_xapi_member_string (builder, "language", sig_profile_get_language (profile));
  sig_xapi_member_string (builder, "created", created);
  sig_xapi_member_bool (builder, "current_profile", g_strcmp0 (current, profile_id) == 0);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "attempts");
  json_builder_begin_array (builder);
  stmt = sig_store_prepare (store, "SELECT registration, course_id, course_version, started, automated FROM attempts "
                                   "WHERE profile_id = ? ORDER BY started, rowid", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *started = sig_store_format_time (sqlite3_column_int64 (stmt, 3));

      json_builder_begin_object (builder);
      sig_xapi_member_string (builder, "registration", sig_store_column_text (stmt, 0));
      sig_xapi_member_string (builder, "course_id", sig_store_column_text (stmt, 1));
      sig_xapi_member_string (builder, "course_version", sig_store_column_text (stmt, 2));
      sig_xapi_member_string (builder, "started", started);
      sig_xapi_member_bool (builder, "automated", sqlite3_column_int (stmt, 4) != 0);
      json_builder_end_object (builder);
    }
  sqlite3_reset (stmt);
  json_builder_end_array (builder);
  if (rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "my data", error);
      return NULL;
    }

  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  stmt = sig_store_prepare (store, "SELECT " EVENT_COLUMNS " FROM events e JOIN profiles p ON p.id = e.profile_id "
                                   "WHERE e.profile_id = ? ORDER BY e.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SigXapiEvent event;
      g_autofree char *time = NULL;

      event_view_from_row (stmt, &event);
      time = sig_store_format_time (event.time);
      json_builder_begin_object (builder);
      sig_xapi_member_int (builder, "id", sqlite3_column_int64 (stmt, 0));
      sig_xapi_member_string (builder, "statement_id", event.statement_id);
      sig_xapi_member_string (builder, "registration", event.registration);
      sig_xapi_member_string (builder, "course_id", event.course_id);
      sig_xapi_member_string (builder, "course_version", event.version);
      sig_xapi_member_string (builder, "kind", event.kind);
      sig_xapi_member_string (builder, "time", time);
      if (event.module_id)
        sig_xapi_member_string (builder, "module_id", event.module_id);
      if (event.item_id)
        sig_xapi_member_string (builder, "item_id", event.item_id);
      if (event.node_id)
        sig_xapi_member_string (builder, "node_id", event.node_id);
      if (event.response)
        sig_xapi_member_string (builder, "response", event.response);
      if (event.has_correct)
        sig_xapi_member_bool (builder, "correct", event.correct);
      if (event.has_points)
        {
          sig_xapi_member_double (builder, "points", event.points);
          sig_xapi_member_double (builder, "max_points", event.max_points);
        }
      if (event.phase)
        sig_xapi_member_string (builder, "phase", event.phase);
      if (sqlite3_column_type (stmt, 17) != SQLITE_NULL)
        sig_xapi_member_string (builder, "scenario_state", sig_store_column_text (stmt, 17));
      json_builder_end_object (builder);
    }
  sqlite3_reset (stmt);
  json_builder_end_array (builder);
  if (rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "my data", error);
      return NULL;
    }

  json_builder_set_member_name (builder, "progress");
  json_builder_begin_array (builder);
  for (guint i = 0; i < progress->len; i++)
    if (((SigCourseProgress *) progress->pdata[i])->status != SIG_PROGRESS_NOT_STARTED)
      add_progress (builder, progress->pdata[i]);
  json_builder_end_array (builder);

  /* Certificates: what each says, and the signed credential as issued. */
  if ((certificates = sig_store_read_certificates (store, profile_id, NULL, error)) == NULL)
    return NULL;
  json_builder_set_member_name (builder, "certificates");
  json_builder_begin_array (builder);
  for (guint i = 0; i < certificates->len; i++)
    {
      SigStoreCertificate *certificate = certificates->pdata[i];
      g_autofree char *completed_at = g_date_time_format_iso8601 (sig_store_certificate_get_completed (certificate));
      g_autofree char *valid_until = g_date_time_format_iso8601 (sig_store_certificate_get_valid_until (certificate));
      g_autofree char *issued_at = sig_store_certificate_get_issued_at (certificate)
                                   ? g_date_time_format_iso8601 (sig_store_certificate_get_issued_at (certificate)) : NULL;

      json_builder_begin_object (builder);
      sig_xapi_member_string (builder, "id", sig_store_certificate_get_id (certificate));
      sig_xapi_member_string (builder, "course_id", sig_store_certificate_get_course_id (certificate));
      sig_xapi_member_string (builder, "course_version", sig_store_certificate_get_course_version (certificate));
      sig_xapi_member_string (builder, "kind", sig_store_certificate_kind_to_string (sig_store_certificate_get_kind (certificate)));
      sig_xapi_member_string (builder, "completed_at", completed_at);
      sig_xapi_member_string (builder, "valid_until", valid_until);
      sig_xapi_member_double (builder, "score", sig_store_certificate_get_score (certificate));
      sig_xapi_member_string (builder, "issued_at", issued_at);
      sig_xapi_member_string (builder, "issuer", sig_store_certificate_get_issuer_did (certificate));
      sig_xapi_member_string (builder, "verification_code", sig_store_certificate_get_verification_code (certificate));
      json_builder_set_member_name (builder, "claims");
      json_builder_add_value (builder, sig_store_claims_to_json (sig_store_certificate_get_claims (certificate), FALSE));
      sig_xapi_member_string (builder, "credential", sig_store_certificate_get_credential (certificate));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (!add_my_reviews (builder, store, profile_id, error))
    return NULL;
  json_builder_end_object (builder);
  return to_json (builder);
}

/* ---- Knowledge-check aggregate ------------------------------------------------ */

typedef struct {
  guint n;
  double sum;
} Mean;

static void
mean_add (Mean  *mean,
          double value)
{
  mean->n++;
  mean->sum += value;
}

static void
member_mean (JsonBuilder *builder,
             const char  *name,
             const Mean  *mean)
{
  json_builder_set_member_name (builder, name);
  if (mean->n > 0)
    json_builder_add_double_value (builder, mean->sum / mean->n);
  else
    json_builder_add_null_value (builder);
}

typedef struct {
  Mean pre, post, gain;
} QuestionStats;

char *
sig_store_export_knowledge_aggregate (SigStore  *store,
                                      GError   **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) course_ids = g_ptr_array_new_with_free_func (g_free);
  CourseCache cache;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SIG_IS_STORE (store), NULL);

  stmt = sig_store_prepare (store, "SELECT DISTINCT course_id FROM events WHERE phase IS NOT NULL ORDER BY course_id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (course_ids, g_strdup (sig_store_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "aggregate", error);
      return NULL;
    }

  course_cache_init (&cache, store);
  json_builder_begin_object (builder);
  sig_xapi_member_string (builder, "format", "signaal-knowledge-check-aggregate-1");
  json_builder_set_member_name (builder, "courses");
  json_builder_begin_array (builder);
  for (guint c = 0; c < course_ids->len; c++)
    {
      const char *course_id = course_ids->pdata[c];
      SigCourse *course = course_cache_get (&cache, course_id);
      g_autoptr(GPtrArray) question_ids = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) profiles = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GHashTable) stats = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      Mean course_pre = { 0 }, course_post = { 0 }, course_gain = { 0 };

      /* The questions: the course's, or (without the file) those answered. */
      if (course != NULL)
        for (guint i = 0; course->knowledge_check && i < course->knowledge_check->len; i++)
          g_ptr_array_add (question_ids, g_strdup (((SigQuestion *) course->knowledge_check->pdata[i])->id));
      else
        {
          stmt = sig_store_prepare (store, "SELECT DISTINCT item_id FROM events WHERE course_id = ? AND phase IS NOT NULL ORDER BY item_id", error);
          if (stmt == NULL)
            goto fail;
          sqlite3_bind_text (stmt, 1, course_id, -1, SQLITE_STATIC);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            g_ptr_array_add (question_ids, g_strdup (sig_store_column_text (stmt, 0)));
          sqlite3_reset (stmt);
        }
      for (guint i = 0; i < question_ids->len; i++)
        g_hash_table_insert (stats, question_ids->pdata[i], g_new0 (QuestionStats, 1));

      stmt = sig_store_prepare (store, "SELECT DISTINCT profile_id FROM events WHERE course_id = ? AND phase IS NOT NULL", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, course_id, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (profiles, g_strdup (sig_store_column_text (stmt, 0)));
      sqlite3_reset (stmt);

      for (guint p = 0; p < profiles->len; p++)
        {
          g_autoptr(GHashTable) pre = sig_store_load_pre_answers (store, profiles->pdata[p], course_id, error);
          g_autoptr(GHashTable) post = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          double pre_sum = 0, post_sum = 0, max_sum = 0;
          gboolean pre_all = TRUE, post_all = TRUE;

          if (pre == NULL)
            goto fail;
          stmt = sig_store_prepare (store, "SELECT item_id, points, max_points FROM events WHERE profile_id = ? AND course_id = ? "
                                           "AND phase = 'post' ORDER BY id", error);
          if (stmt == NULL)
            goto fail;
          sqlite3_bind_text (stmt, 1, profiles->pdata[p], -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, course_id, -1, SQLITE_STATIC);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            {
              double *fraction = g_new (double, 1);
              double max = sqlite3_column_double (stmt, 2);

              *fraction = max > 0 ? sqlite3_column_double (stmt, 1) / max : 0;
              g_hash_table_replace (post, g_strdup (sig_store_column_text (stmt, 0)), fraction);
            }
          sqlite3_reset (stmt);

          for (guint i = 0; i < question_ids->len; i++)
            {
              const char *qid = question_ids->pdata[i];
              QuestionStats *qs = g_hash_table_lookup (stats, qid);
              SigStoreAnswer *pre_answer = g_hash_table_lookup (pre, qid);
              double *post_fraction = g_hash_table_lookup (post, qid);
              double pre_fraction = pre_answer && pre_answer->max > 0 ? pre_answer->points / pre_answer->max : 0;

              if (pre_answer)
                mean_add (&qs->pre, 100 * pre_fraction);
              if (post_fraction)
                mean_add (&qs->post, 100 * *post_fraction);
              if (pre_answer && post_fraction)
                mean_add (&qs->gain, 100 * (*post_fraction - pre_fraction));
              pre_all &= pre_answer != NULL;
              post_all &= post_fraction != NULL;
              pre_sum += pre_fraction;
              post_sum += post_fraction ? *post_fraction : 0;
              max_sum += 1;
            }
          if (max_sum > 0)
            {
              if (pre_all)
                mean_add (&course_pre, 100 * pre_sum / max_sum);
              if (post_all)
                mean_add (&course_post, 100 * post_sum / max_sum);
              if (pre_all && post_all)
                mean_add (&course_gain, 100 * (post_sum - pre_sum) / max_sum);
            }
        }

      json_builder_begin_object (builder);
      sig_xapi_member_string (builder, "course_id", course_id);
      sig_xapi_member_int (builder, "learners_pre", course_pre.n);
      sig_xapi_member_int (builder, "learners_post", course_post.n);
      sig_xapi_member_int (builder, "learners_both", course_gain.n);
      member_mean (builder, "mean_pre", &course_pre);
      member_mean (builder, "mean_post", &course_post);
      member_mean (builder, "mean_gain", &course_gain);
      json_builder_set_member_name (builder, "questions");
      json_builder_begin_array (builder);
      for (guint i = 0; i < question_ids->len; i++)
        {
          QuestionStats *qs = g_hash_table_lookup (stats, question_ids->pdata[i]);

          json_builder_begin_object (builder);
          sig_xapi_member_string (builder, "question_id", question_ids->pdata[i]);
          sig_xapi_member_int (builder, "n_pre", qs->pre.n);
          sig_xapi_member_int (builder, "n_post", qs->post.n);
          sig_xapi_member_int (builder, "n_both", qs->gain.n);
          member_mean (builder, "mean_pre", &qs->pre);
          member_mean (builder, "mean_post", &qs->post);
          member_mean (builder, "mean_gain", &qs->gain);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  course_cache_clear (&cache);
  return to_json (builder);

fail:
  course_cache_clear (&cache);
  return NULL;
}
