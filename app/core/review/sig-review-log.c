/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sig-review-log.h"

G_DEFINE_QUARK (sig-review-log-error-quark, sig_review_log_error)

/* An item id is at most this long: ids in courses are short, and a log line
 * with a longer one is not a review log. */
#define MAX_ITEM_LENGTH 256

typedef struct {
  SigReviewLogItem *item;
  gint64 last_time;
} Replay;

static void
item_free (gpointer data)
{
  SigReviewLogItem *item = data;

  g_free (item->item);
  g_free (item);
}

static gboolean
parse_time (const char *text,
            gint64     *ms)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = NULL;
  const char *clock = strchr (text, 'T');

  /* A time without a zone would depend on where the log is read: refused. */
  if (clock == NULL || strpbrk (clock, "Z+-") == NULL)
    return FALSE;
  if ((time = g_date_time_new_from_iso8601 (text, utc)) == NULL)
    return FALSE;
  *ms = g_date_time_to_unix (time) * 1000 + g_date_time_get_microsecond (time) / 1000;
  return TRUE;
}

/* Ids are printed to terminals: no control characters. */
static gboolean
valid_id (const char *id)
{
  if (*id == '\0' || strlen (id) > MAX_ITEM_LENGTH || !g_utf8_validate (id, -1, NULL))
    return FALSE;
  for (const char *p = id; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
fail (GError    **error,
      const char *file_name,
      guint       line,
      const char *message)
{
  g_set_error (error, SIG_REVIEW_LOG_ERROR, SIG_REVIEW_LOG_ERROR_INVALID,
               "%s:%u: %s", file_name, line, message);
  return FALSE;
}

static gboolean
replay_line (const SigFsrsParams *params,
             GHashTable          *by_item,
             GPtrArray           *items,
             char                *line,
             const char          *file_name,
             guint                number,
             GError             **error)
{
  g_auto(GStrv) fields = g_strsplit (line, ",", -1);
  const char *id;
  gint64 time;
  guint64 rating;
  Replay *replay;

  if (g_strv_length (fields) != 3)
    return fail (error, file_name, number,
                 _("error: a review needs three fields, “item_id,review_time,rating”. Write one review a line."));
  for (int i = 0; i < 3; i++)
    g_strstrip (fields[i]);
  id = fields[0];
  if (!valid_id (id))
    return fail (error, file_name, number,
                 _("error: the item id is empty, longer than 256 characters, or holds control characters. Give each item a short, plain id."));
  if (!parse_time (fields[1], &time))
    return fail (error, file_name, number,
                 _("error: the review time is not an ISO 8601 time with a time zone. Write it like 2026-03-01T09:30:00Z."));
  if (!g_ascii_string_to_unsigned (fields[2], 10, SIG_FSRS_AGAIN, SIG_FSRS_EASY, &rating, NULL))
    return fail (error, file_name, number,
                 _("error: the rating must be 1 (again), 2 (hard), 3 (good) or 4 (easy)."));

  replay = g_hash_table_lookup (by_item, id);
  if (replay == NULL)
    {
      replay = g_new0 (Replay, 1);
      replay->item = g_new0 (SigReviewLogItem, 1);
      replay->item->item = g_strdup (id);
      sig_fsrs_card_init (&replay->item->card, time);
      g_ptr_array_add (items, replay->item);
      g_hash_table_insert (by_item, replay->item->item, replay);
    }
  else if (time < replay->last_time)
    return fail (error, file_name, number,
                 _("error: this review is earlier than the item’s previous one. List the reviews of each item in time order."));

  replay->last_time = time;
  sig_fsrs_review (params, &replay->item->card, time, (SigFsrsRating) rating);
  return TRUE;
}

GPtrArray *
sig_review_log_replay (const SigFsrsParams *params,
                       const char          *text,
                       gsize                length,
                       const char          *file_name,
                       GError             **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (item_free);
  g_autoptr(GHashTable) by_item = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *copy = NULL;
  char *line;
  char *next;
  guint number = 0;

  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (!g_utf8_validate_len (text, length, NULL) || memchr (text, '\0', length) != NULL)
    {
      fail (error, file_name, 1, _("error: the review log is not UTF-8 text. Save it as a UTF-8 CSV file."));
      return NULL;
    }

  copy = g_strndup (text, length);
  for (line = copy; line != NULL; line = next)
    {
      next = strchr (line, '\n');
      if (next != NULL)
        *next++ = '\0';
      number++;
      g_strstrip (line);
      if (*line == '\0' || (number == 1 && g_str_has_prefix (line, "item_id,")))
        continue;
      if (!replay_line (params, by_item, items, line, file_name, number, error))
        return NULL;
    }
  return g_steal_pointer (&items);
}

char *
sig_review_format_time (gint64 ms)
{
  gint64 seconds = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (seconds);
  g_autofree char *base = NULL;

  if (time == NULL)
    return g_strdup ("");
  base = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", base, (int) (ms - seconds * 1000));
}
