/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Spaced review in the store (schema 5): the review history in review_events
 * (append-only), the card of each item in review_cards (a projection of it,
 * changed by sig_review_fold() in the transaction that appends the event), and
 * the learner's review settings in profile_settings. See sig-store-review.h. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sig-review-fold.h"
#include "sig-store-private.h"
#include "sig-store-review.h"
#include "sig-store-settings.h"

#define MAX_RESPONSE_BYTES 4096

void
sig_store_review_card_free (SigStoreReviewCard *card)
{
  if (card == NULL)
    return;
  g_free (card->course_id);
  g_free (card->course_version);
  g_free (card->item_id);
  g_free (card);
}

void
sig_store_review_count_free (SigStoreReviewCount *count)
{
  if (count == NULL)
    return;
  g_free (count->course_id);
  g_free (count);
}

/* µs since the epoch for @now, the store's clock when NULL. */
static gint64
usec_of (GDateTime *now)
{
  if (now == NULL)
    return sig_store_now ();
  return g_date_time_to_unix (now) * G_USEC_PER_SEC + g_date_time_get_microsecond (now);
}

/* The local calendar day holding @usec: [*start, *end) in µs. */
static void
local_day (gint64  usec,
           gint64 *start,
           gint64 *end)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) next = NULL;

  if (local == NULL)
    {
      *start = usec;
      *end = usec + G_USEC_PER_SEC;
      return;
    }
  midnight = g_date_time_new_local (g_date_time_get_year (local), g_date_time_get_month (local),
                                    g_date_time_get_day_of_month (local), 0, 0, 0);
  next = g_date_time_add_days (midnight, 1);
  *start = g_date_time_to_unix (midnight) * G_USEC_PER_SEC;
  *end = g_date_time_to_unix (next) * G_USEC_PER_SEC;
}

static gboolean
check_profile (SigStore    *store,
               const char  *profile_id,
               GError     **error)
{
  g_autoptr(SigProfile) profile = sig_store_get_profile (store, profile_id, error);

  return profile != NULL;
}

/* ---- Settings ---------------------------------------------------------------- */

static gboolean
profile_setting_set (SigStore    *store,
                     const char  *profile_id,
                     const char  *key,
                     const char  *value,
                     GError     **error)
{
  sqlite3_stmt *stmt;

  if (!sig_store_begin (store, error))
    return FALSE;
  if (!check_profile (store, profile_id, error) ||
      (stmt = sig_store_prepare (store, "INSERT INTO profile_settings (profile_id, key, value) VALUES (?1, ?2, ?3) "
                                        "ON CONFLICT (profile_id, key) DO UPDATE SET value = ?3", error)) == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, value, -1, SQLITE_STATIC);
  if (!sig_store_step_done (store, stmt, error) || !sig_store_commit (store, error))
    goto fail;
  sig_store_emit_reviews_changed (store, profile_id);
  return TRUE;

fail:
  sig_store_rollback (store);
  return FALSE;
}

gboolean
sig_store_get_review_daily_limit (SigStore    *store,
                                  const char  *profile_id,
                                  guint       *limit,
                                  GError     **error)
{
  g_autofree char *value = NULL;
  guint64 number;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL && limit != NULL, FALSE);

  if (!sig_store_get_profile_setting (store, profile_id, SIG_STORE_REVIEW_DAILY_LIMIT_KEY, &value, error))
    return FALSE;
  if (value != NULL && g_ascii_string_to_unsigned (value, 10, 0, SIG_STORE_REVIEW_DAILY_LIMIT_MAX, &number, NULL))
    *limit = (guint) number;
  else
    *limit = SIG_STORE_REVIEW_DAILY_LIMIT_DEFAULT;
  return TRUE;
}

gboolean
sig_store_set_review_daily_limit (SigStore    *store,
                                  const char  *profile_id,
                                  guint        limit,
                                  GError     **error)
{
  char text[16];

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL, FALSE);

  if (limit > SIG_STORE_REVIEW_DAILY_LIMIT_MAX)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_INVALID,
                   _("A daily limit of %u reviews is more than anyone can do well. Choose at most %u (0 pauses reviews)."),
                   limit, (guint) SIG_STORE_REVIEW_DAILY_LIMIT_MAX);
      return FALSE;
    }
  g_snprintf (text, sizeof text, "%u", limit);
  return profile_setting_set (store, profile_id, SIG_STORE_REVIEW_DAILY_LIMIT_KEY, text, error);
}

static gboolean
retention_valid (double retention)
{
  /* A small tolerance, so that 0.7 and 0.97 as typed are accepted. */
  return retention >= SIG_STORE_REVIEW_RETENTION_MIN - 1e-9 && retention <= SIG_STORE_REVIEW_RETENTION_MAX + 1e-9;
}

gboolean
sig_store_get_review_retention (SigStore    *store,
                                const char  *profile_id,
                                double      *retention,
                                GError     **error)
{
  g_autofree char *value = NULL;
  char *end = NULL;
  double number;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL && retention != NULL, FALSE);

  if (!sig_store_get_profile_setting (store, profile_id, SIG_STORE_REVIEW_RETENTION_KEY, &value, error))
    return FALSE;
  *retention = SIG_STORE_REVIEW_RETENTION_DEFAULT;
  if (value != NULL)
    {
      number = g_ascii_strtod (value, &end);
      if (end != value && *end == '\0' && retention_valid (number))
        *retention = number;
    }
  return TRUE;
}

gboolean
sig_store_set_review_retention (SigStore    *store,
                                const char  *profile_id,
                                double       retention,
                                GError     **error)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL, FALSE);

  if (!retention_valid (retention))
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_INVALID,
                   _("A desired retention of %g cannot be used. Choose a value from %.2f to %.2f; 0.90 is a good start."),
                   retention, SIG_STORE_REVIEW_RETENTION_MIN, SIG_STORE_REVIEW_RETENTION_MAX);
      return FALSE;
    }
  g_ascii_formatd (text, sizeof text, "%.6g", retention);
  return profile_setting_set (store, profile_id, SIG_STORE_REVIEW_RETENTION_KEY, text, error);
}

gboolean
sig_store_get_review_params (SigStore      *store,
                             const char    *profile_id,
                             SigFsrsParams *params,
                             GError       **error)
{
  double retention;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL && params != NULL, FALSE);

  if (!sig_store_get_review_retention (store, profile_id, &retention, error))
    return FALSE;
  sig_fsrs_params_init_default (params);
  sig_fsrs_params_set_retention (params, retention);
  return TRUE;
}

/* ---- Cards and events ------------------------------------------------------------ */

/* Folds the history of one item again: the repair of a card row that cannot
 * be read. FALSE when the item has no history. */
static gboolean
card_refold (SigStore    *store,
             const char  *profile_id,
             const char  *course_id,
             const char  *item_id,
             SigFsrsCard *card,
             GError     **error)
{
  SigFsrsParams params;
  sqlite3_stmt *stmt;
  gboolean in_deck = FALSE;
  int rc;

  if (!sig_store_get_review_params (store, profile_id, &params, error))
    return FALSE;
  stmt = sig_store_prepare (store, "SELECT kind, rating, time FROM review_events WHERE profile_id = ? AND course_id = ? "
                                   "AND item_id = ? ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, course_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, item_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SigReviewEvent event = { 0 };

      if (!sig_review_event_kind_from_string (sig_store_column_text (stmt, 0), &event.kind))
        continue;
      event.rating = (SigFsrsRating) sqlite3_column_int (stmt, 1);
      event.time = sqlite3_column_int64 (stmt, 2);
      in_deck = sig_review_fold (&params, in_deck, card, &event);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "review history", error);
      return FALSE;
    }
  if (!in_deck)
    g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_CORRUPT,
                 _("The review card “%s” cannot be read and has no review history to rebuild it from. Complete its module again to add it anew."),
                 item_id);
  return in_deck;
}

/* The card of @item_id; @in_deck FALSE when there is none. */
static gboolean
card_load (SigStore    *store,
           const char  *profile_id,
           const char  *course_id,
           const char  *item_id,
           gboolean    *in_deck,
           SigFsrsCard *card,
           GError     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *text = NULL;
  int rc;

  stmt = sig_store_prepare (store, "SELECT card FROM review_cards WHERE profile_id = ? AND course_id = ? AND item_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, course_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, item_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    text = g_strdup (sig_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "review card", error);
      return FALSE;
    }
  *in_deck = text != NULL;
  /* A row that cannot be read is made again from the history. */
  if (text != NULL && !sig_review_card_state_from_json (text, card))
    return card_refold (store, profile_id, course_id, item_id, card, error);
  return TRUE;
}

static gboolean
card_save (SigStore          *store,
           const char        *profile_id,
           const char        *course_id,
           const char        *item_id,
           const SigFsrsCard *card,
           GError           **error)
{
  g_autofree char *text = sig_review_card_state_to_json (card);
  sqlite3_stmt *stmt;

  stmt = sig_store_prepare (store, "INSERT OR REPLACE INTO review_cards (profile_id, course_id, item_id, due, card) "
                                   "VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, course_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, item_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, card->due);
  sqlite3_bind_text (stmt, 5, text, -1, SQLITE_STATIC);
  return sig_store_step_done (store, stmt, error);
}

typedef struct {
  const char *profile_id;
  const char *course_id;
  const char *course_version;
  const char *item_id;
  SigReviewEventKind kind;
  const char *response;
  const char *grade;          /* NULL for "added" */
  SigFsrsRating rating;       /* 0 for "added" */
  gint64 time;                /* µs */
} ReviewRow;

static gboolean
event_append (SigStore        *store,
              const ReviewRow *row,
              GError         **error)
{
  g_autofree char *statement_id = sig_store_new_uuid ();
  sqlite3_stmt *stmt;

  stmt = sig_store_prepare (store,
                            "INSERT INTO review_events (statement_id, profile_id, course_id, course_version, item_id, "
                            "kind, response, grade, rating, time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, statement_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row->profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, row->course_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, row->course_version, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, row->item_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, sig_review_event_kind_to_string (row->kind), -1, SQLITE_STATIC);
  sig_store_bind_text_or_null (stmt, 7, row->response);
  sig_store_bind_text_or_null (stmt, 8, row->grade);
  if (row->kind == SIG_REVIEW_EVENT_REVIEWED)
    sqlite3_bind_int (stmt, 9, row->rating);
  sqlite3_bind_int64 (stmt, 10, row->time);
  return sig_store_step_done (store, stmt, error);
}

/* Appends @row and folds it into the item's card. Inside a transaction. */
static gboolean
event_record (SigStore            *store,
              const SigFsrsParams *params,
              const ReviewRow     *row,
              SigFsrsCard         *card,
              GError             **error)
{
  SigReviewEvent event = { row->kind, row->time, row->rating };
  gboolean in_deck;

  if (!card_load (store, row->profile_id, row->course_id, row->item_id, &in_deck, card, error) ||
      !event_append (store, row, error))
    return FALSE;
  sig_review_fold (params, in_deck, card, &event);
  return card_save (store, row->profile_id, row->course_id, row->item_id, card, error);
}

/* The course version of the latest event of an item, or NULL. */
static char *
item_version (SigStore   *store,
              const char *profile_id,
              const char *course_id,
              const char *item_id)
{
  sqlite3_stmt *stmt;
  char *version = NULL;

  stmt = sig_store_prepare (store, "SELECT course_version FROM review_events WHERE profile_id = ? AND course_id = ? "
                                   "AND item_id = ? ORDER BY id DESC LIMIT 1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, course_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, item_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = g_strdup (sig_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return version;
}

static SigStoreReviewCard *
review_card_new (SigStore          *store,
                 const char        *profile_id,
                 const char        *course_id,
                 const char        *item_id,
                 const SigFsrsCard *card)
{
  SigStoreReviewCard *result = g_new0 (SigStoreReviewCard, 1);

  result->course_id = g_strdup (course_id);
  result->item_id = g_strdup (item_id);
  result->course_version = item_version (store, profile_id, course_id, item_id);
  result->card = *card;
  return result;
}

/* ---- Adding items ------------------------------------------------------------------ */

gboolean
sig_store_review_add_module (SigStore    *store,
                             const char  *profile_id,
                             SigCourse   *course,
                             SigModule   *module,
                             gint64       time,
                             guint       *added,
                             GError     **error)
{
  g_autoptr(SigCatalog) catalog = sig_catalog_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  SigFsrsParams params;
  guint count = 0;

  if (added)
    *added = 0;
  /* Scenarios packed in the course, beside its folder or bundled. */
  if ((items = sig_review_items_for_module (course, module, catalog, &local_error)) == NULL)
    {
      /* The module's completion stands; its review items wait for a course that loads whole. */
      g_message ("The review items of module “%s” of “%s” were not added: %s",
                 module->id, course->id, local_error->message);
      return TRUE;
    }
  if (items->len == 0)
    return TRUE;
  if (!sig_store_get_review_params (store, profile_id, &params, error))
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      SigReviewItem *item = items->pdata[i];
      ReviewRow row = { 0 };
      SigFsrsCard card;
      gboolean in_deck;

      if (!card_load (store, profile_id, course->id, item->id, &in_deck, &card, error))
        return FALSE;
      if (in_deck)
        continue;
      row.profile_id = profile_id;
      row.course_id = course->id;
      row.course_version = course->version;
      row.item_id = item->id;
      row.kind = SIG_REVIEW_EVENT_ADDED;
      row.time = time;
      if (!event_record (store, &params, &row, &card, error))
        return FALSE;
      count++;
    }
  if (added)
    *added = count;
  return TRUE;
}

gboolean
sig_store_add_review_items (SigStore    *store,
                            const char  *profile_id,
                            SigCourse   *course,
                            SigModule   *module,
                            guint       *added,
                            GError     **error)
{
  guint count = 0;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL && course != NULL && module != NULL, FALSE);

  if (!sig_store_begin (store, error))
    return FALSE;
  if (!check_profile (store, profile_id, error) ||
      !sig_store_review_add_module (store, profile_id, course, module, sig_store_now (), &count, error) ||
      !sig_store_commit (store, error))
    {
      sig_store_rollback (store);
      return FALSE;
    }
  if (added)
    *added = count;
  if (count > 0)
    sig_store_emit_reviews_changed (store, profile_id);
  return TRUE;
}

gboolean
sig_store_catch_up_review_deck (SigStore    *store,
                                const char  *profile_id,
                                guint       *added,
                                GError     **error)
{
  g_autoptr(GPtrArray) completed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) courses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) sig_course_unref);
  g_autofree char *done = NULL;
  sqlite3_stmt *stmt;
  guint count = 0;
  int rc;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL, FALSE);

  if (added)
    *added = 0;
  if (!sig_store_get_profile_setting (store, profile_id, SIG_STORE_REVIEW_CAUGHT_UP_KEY, &done, error))
    return FALSE;
  if (done != NULL || sig_store_get_read_only (store))
    return TRUE;

  /* "course\nmodule" for every module the learner ever completed. */
  stmt = sig_store_prepare (store, "SELECT DISTINCT course_id, module_id FROM events WHERE profile_id = ? "
                                   "AND kind = 'module-completed' AND module_id IS NOT NULL ORDER BY course_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (completed, g_strjoin ("\n", sig_store_column_text (stmt, 0), sig_store_column_text (stmt, 1), NULL));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "progress", error);
      return FALSE;
    }

  /* The courses first: reading the library may write its index. */
  for (guint i = 0; i < completed->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (completed->pdata[i], "\n", 2);
      g_autoptr(GError) local_error = NULL;
      SigCourse *course;

      if (g_hash_table_contains (courses, parts[0]))
        continue;
      if ((course = sig_store_load_course (store, parts[0], &local_error)) == NULL)
        g_message ("The review deck leaves out “%s”: %s", parts[0], local_error->message);
      g_hash_table_insert (courses, g_strdup (parts[0]), course);
    }

  if (!sig_store_begin (store, error))
    return FALSE;
  if (!check_profile (store, profile_id, error))
    goto fail;
  for (guint i = 0; i < completed->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (completed->pdata[i], "\n", 2);
      SigCourse *course = g_hash_table_lookup (courses, parts[0]);
      SigModule *module = course ? sig_course_find_module (course, parts[1]) : NULL;
      guint n = 0;

      if (module == NULL)
        continue;
      if (!sig_store_review_add_module (store, profile_id, course, module, sig_store_now (), &n, error))
        goto fail;
      count += n;
    }
  stmt = sig_store_prepare (store, "INSERT OR REPLACE INTO profile_settings (profile_id, key, value) VALUES (?, ?, '1')", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, SIG_STORE_REVIEW_CAUGHT_UP_KEY, -1, SQLITE_STATIC);
  if (!sig_store_step_done (store, stmt, error) || !sig_store_commit (store, error))
    goto fail;
  if (added)
    *added = count;
  if (count > 0)
    sig_store_emit_reviews_changed (store, profile_id);
  return TRUE;

fail:
  sig_store_rollback (store);
  return FALSE;
}

/* ---- Reviewing ------------------------------------------------------------------ */

SigStoreReviewCard *
sig_store_record_review (SigStore        *store,
                         const char      *profile_id,
                         const char      *course_id,
                         const char      *item_id,
                         const char      *response,
                         SigReviewGrade   grade,
                         SigFsrsRating    rating,
                         GDateTime       *now,
                         GError         **error)
{
  g_autofree char *version = NULL;
  SigFsrsParams params;
  SigFsrsCard card;
  ReviewRow row = { 0 };
  gboolean in_deck;

  g_return_val_if_fail (SIG_IS_STORE (store), NULL);
  g_return_val_if_fail (profile_id != NULL && course_id != NULL && item_id != NULL, NULL);

  if (rating < SIG_FSRS_AGAIN || rating > SIG_FSRS_EASY ||
      grade < SIG_REVIEW_RIGHT || grade > SIG_REVIEW_WRONG)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_INVALID,
                   _("A review is rated 1 (again), 2 (hard), 3 (good) or 4 (easy), not %d."), (int) rating);
      return NULL;
    }
  if (response != NULL && (strlen (response) > MAX_RESPONSE_BYTES || !g_utf8_validate (response, -1, NULL)))
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_INVALID,
                   _("The answer to “%s” is not valid text or longer than %d bytes, so it was not recorded."),
                   item_id, MAX_RESPONSE_BYTES);
      return NULL;
    }

  if (!sig_store_begin (store, error))
    return NULL;
  if (!check_profile (store, profile_id, error) ||
      !card_load (store, profile_id, course_id, item_id, &in_deck, &card, error))
    goto fail;
  if (!in_deck)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_FOUND,
                   _("“%s” of the course “%s” is not in this learner’s review deck. Cards enter the deck when their module is completed."),
                   item_id, course_id);
      goto fail;
    }
  if (!sig_store_get_review_params (store, profile_id, &params, error))
    goto fail;
  version = item_version (store, profile_id, course_id, item_id);
  row.profile_id = profile_id;
  row.course_id = course_id;
  row.course_version = version ? version : "";
  row.item_id = item_id;
  row.kind = SIG_REVIEW_EVENT_REVIEWED;
  row.response = response;
  row.grade = sig_review_grade_to_string (grade);
  row.rating = sig_review_rating_for_grade (grade, rating);
  row.time = usec_of (now);
  if (!event_record (store, &params, &row, &card, error) ||
      !sig_store_commit (store, error))
    goto fail;
  sig_store_emit_reviews_changed (store, profile_id);
  return review_card_new (store, profile_id, course_id, item_id, &card);

fail:
  sig_store_rollback (store);
  return NULL;
}

/* ---- Reading ------------------------------------------------------------------ */

/* How many more different items may be reviewed on the local day of @now. */
static gboolean
remaining_today (SigStore    *store,
                 const char  *profile_id,
                 gint64       now,
                 guint       *remaining,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 start, end, done = 0;
  guint limit;
  int rc;

  if (!sig_store_get_review_daily_limit (store, profile_id, &limit, error))
    return FALSE;
  local_day (now, &start, &end);
  stmt = sig_store_prepare (store, "SELECT COUNT (DISTINCT course_id || '\n' || item_id) FROM review_events "
                                   "WHERE profile_id = ? AND kind = 'reviewed' AND time >= ? AND time < ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, start);
  sqlite3_bind_int64 (stmt, 3, end);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    done = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      sig_store_set_sqlite_error (store, rc, "reviews", error);
      return FALSE;
    }
  *remaining = done >= limit ? 0 : limit - (guint) done;
  return TRUE;
}

/* Reads rows (course_id, item_id, card) of @stmt into SigStoreReviewCard*. */
static GPtrArray *
read_cards (SigStore      *store,
            const char    *profile_id,
            sqlite3_stmt  *stmt,
            GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sig_store_review_card_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SigStoreReviewCard *card = g_new0 (SigStoreReviewCard, 1);

      card->course_id = g_strdup (sig_store_column_text (stmt, 0));
      card->item_id = g_strdup (sig_store_column_text (stmt, 1));
      /* course_version marks a row that cannot be read, repaired below. */
      if (!sig_review_card_state_from_json (sig_store_column_text (stmt, 2), &card->card))
        card->course_version = g_strdup ("");
      g_ptr_array_add (rows, card);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "review cards", error);
      return NULL;
    }
  /* After the statement is done: these prepare their own. */
  for (guint i = 0; i < rows->len; i++)
    {
      SigStoreReviewCard *card = rows->pdata[i];

      if (card->course_version != NULL &&
          !card_refold (store, profile_id, card->course_id, card->item_id, &card->card, error))
        return NULL;
      g_free (card->course_version);
      card->course_version = item_version (store, profile_id, card->course_id, card->item_id);
    }
  return g_steal_pointer (&rows);
}

GPtrArray *
sig_store_list_due_reviews (SigStore    *store,
                            const char  *profile_id,
                            GDateTime   *now,
                            guint        limit,
                            GError     **error)
{
  gint64 at = usec_of (now);
  sqlite3_stmt *stmt;
  guint remaining;

  g_return_val_if_fail (SIG_IS_STORE (store), NULL);
  g_return_val_if_fail (profile_id != NULL, NULL);

  if (!check_profile (store, profile_id, error) ||
      !remaining_today (store, profile_id, at, &remaining, error))
    return NULL;
  if (limit > 0)
    remaining = MIN (remaining, limit);
  stmt = sig_store_prepare (store, "SELECT course_id, item_id, card FROM review_cards WHERE profile_id = ? AND due <= ? "
                                   "ORDER BY due, course_id, item_id LIMIT ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, at / 1000);
  sqlite3_bind_int64 (stmt, 3, remaining);
  return read_cards (store, profile_id, stmt, error);
}

gboolean
sig_store_count_due_reviews (SigStore    *store,
                             const char  *profile_id,
                             GDateTime   *now,
                             guint       *due,
                             GError     **error)
{
  gint64 at = usec_of (now);
  sqlite3_stmt *stmt;
  guint remaining;
  gint64 count = 0;
  int rc;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL && due != NULL, FALSE);

  if (!remaining_today (store, profile_id, at, &remaining, error))
    return FALSE;
  stmt = sig_store_prepare (store, "SELECT COUNT (*) FROM review_cards WHERE profile_id = ? AND due <= ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, at / 1000);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      sig_store_set_sqlite_error (store, rc, "reviews", error);
      return FALSE;
    }
  *due = (guint) MIN (count, (gint64) remaining);
  return TRUE;
}

gboolean
sig_store_get_next_review (SigStore    *store,
                           const char  *profile_id,
                           GDateTime   *now,
                           gboolean    *has_next,
                           gint64      *next_due,
                           GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL && has_next != NULL && next_due != NULL, FALSE);

  stmt = sig_store_prepare (store, "SELECT MIN (due) FROM review_cards WHERE profile_id = ? AND due > ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, usec_of (now) / 1000);
  rc = sqlite3_step (stmt);
  *has_next = rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL;
  *next_due = *has_next ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      sig_store_set_sqlite_error (store, rc, "reviews", error);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
sig_store_list_review_counts (SigStore    *store,
                              const char  *profile_id,
                              GDateTime   *now,
                              GError     **error)
{
  g_autoptr(GPtrArray) counts = g_ptr_array_new_with_free_func ((GDestroyNotify) sig_store_review_count_free);
  g_autoptr(GHashTable) by_course = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SIG_IS_STORE (store), NULL);
  g_return_val_if_fail (profile_id != NULL, NULL);

  stmt = sig_store_prepare (store, "SELECT course_id, COUNT (*), SUM (due <= ?) FROM review_cards "
                                   "WHERE profile_id = ? GROUP BY course_id ORDER BY course_id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, usec_of (now) / 1000);
  sqlite3_bind_text (stmt, 2, profile_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SigStoreReviewCount *count = g_new0 (SigStoreReviewCount, 1);

      count->course_id = g_strdup (sig_store_column_text (stmt, 0));
      count->cards = (guint) sqlite3_column_int64 (stmt, 1);
      count->due = (guint) sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (counts, count);
      g_hash_table_insert (by_course, count->course_id, count);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;

  stmt = sig_store_prepare (store, "SELECT course_id, COUNT (*) FROM review_events "
                                   "WHERE profile_id = ? AND kind = 'reviewed' GROUP BY course_id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SigStoreReviewCount *count = g_hash_table_lookup (by_course, sig_store_column_text (stmt, 0));

      if (count != NULL)
        count->reviews = (guint) sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;
  return g_steal_pointer (&counts);

fail:
  sig_store_set_sqlite_error (store, rc, "reviews", error);
  return NULL;
}

GPtrArray *
sig_store_list_review_cards (SigStore    *store,
                             const char  *profile_id,
                             GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SIG_IS_STORE (store), NULL);
  g_return_val_if_fail (profile_id != NULL, NULL);

  stmt = sig_store_prepare (store, "SELECT course_id, item_id, card FROM review_cards WHERE profile_id = ? "
                                   "ORDER BY course_id, item_id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  return read_cards (store, profile_id, stmt, error);
}

/* ---- Rebuilding ------------------------------------------------------------------ */

typedef struct {
  char *profile_id;
  char *course_id;
  char *item_id;
  SigFsrsCard card;
} Rebuilt;

static void
rebuilt_free (Rebuilt *rebuilt)
{
  g_free (rebuilt->profile_id);
  g_free (rebuilt->course_id);
  g_free (rebuilt->item_id);
  g_free (rebuilt);
}

/* Each learner's FSRS parameters, for those with review events. */
static GHashTable *
read_params (SigStore    *store,
             const char  *profile_id,
             GError     **error)
{
  g_autoptr(GHashTable) params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) profiles = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = sig_store_prepare (store, "SELECT DISTINCT profile_id FROM review_events WHERE ?1 IS NULL OR profile_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sig_store_bind_text_or_null (stmt, 1, profile_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (profiles, g_strdup (sig_store_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "review history", error);
      return NULL;
    }
  for (guint i = 0; i < profiles->len; i++)
    {
      SigFsrsParams *profile_params = g_new0 (SigFsrsParams, 1);

      g_hash_table_insert (params, g_strdup (profiles->pdata[i]), profile_params);
      if (!sig_store_get_review_params (store, profiles->pdata[i], profile_params, error))
        return NULL;
    }
  return g_steal_pointer (&params);
}

gboolean
sig_store_review_rebuild (SigStore    *store,
                          const char  *profile_id,
                          GError     **error)
{
  g_autoptr(GHashTable) cards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func ((GDestroyNotify) rebuilt_free);
  g_autoptr(GHashTable) params = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if ((params = read_params (store, profile_id, error)) == NULL)
    return FALSE;
  stmt = sig_store_prepare (store, "DELETE FROM review_cards WHERE ?1 IS NULL OR profile_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sig_store_bind_text_or_null (stmt, 1, profile_id);
  if (!sig_store_step_done (store, stmt, error))
    return FALSE;

  /* Every event in the order it was appended, through the same fold. */
  stmt = sig_store_prepare (store, "SELECT profile_id, course_id, item_id, kind, rating, time FROM review_events "
                                   "WHERE ?1 IS NULL OR profile_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sig_store_bind_text_or_null (stmt, 1, profile_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *profile = sig_store_column_text (stmt, 0);
      const char *course = sig_store_column_text (stmt, 1);
      const char *item = sig_store_column_text (stmt, 2);
      g_autofree char *key = g_strjoin ("\n", profile, course, item, NULL);
      Rebuilt *rebuilt = g_hash_table_lookup (cards, key);
      const SigFsrsParams *profile_params = g_hash_table_lookup (params, profile);
      SigReviewEvent event = { 0 };

      if (profile_params == NULL ||
          !sig_review_event_kind_from_string (sig_store_column_text (stmt, 3), &event.kind))
        continue;
      event.rating = (SigFsrsRating) sqlite3_column_int (stmt, 4);
      event.time = sqlite3_column_int64 (stmt, 5);
      if (rebuilt == NULL)
        {
          rebuilt = g_new0 (Rebuilt, 1);
          rebuilt->profile_id = g_strdup (profile);
          rebuilt->course_id = g_strdup (course);
          rebuilt->item_id = g_strdup (item);
          g_ptr_array_add (order, rebuilt);
          g_hash_table_insert (cards, g_steal_pointer (&key), rebuilt);
          sig_review_fold (profile_params, FALSE, &rebuilt->card, &event);
        }
      else
        sig_review_fold (profile_params, TRUE, &rebuilt->card, &event);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "review history", error);
      return FALSE;
    }
  for (guint i = 0; i < order->len; i++)
    {
      Rebuilt *rebuilt = order->pdata[i];

      if (!card_save (store, rebuilt->profile_id, rebuilt->course_id, rebuilt->item_id, &rebuilt->card, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
sig_store_rebuild_review_cards (SigStore    *store,
                                const char  *profile_id,
                                GError     **error)
{
  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);

  if (!sig_store_begin (store, error))
    return FALSE;
  if (!sig_store_review_rebuild (store, profile_id, error) ||
      !sig_store_commit (store, error))
    {
      sig_store_rollback (store);
      return FALSE;
    }
  if (profile_id != NULL)
    sig_store_emit_reviews_changed (store, profile_id);
  return TRUE;
}
