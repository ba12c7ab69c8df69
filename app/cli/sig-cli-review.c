/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "sig-cli.h"
#include "sig-review-log.h"
#include "sig-store-review.h"

/* A review log larger than this is not read: 64 MiB holds about two million reviews. */
#define MAX_LOG_BYTES (64 * 1024 * 1024)

/* Reads at most MAX_LOG_BYTES from @path, whatever it is (a pipe, a device). */
static char *
read_log (const char  *path,
          gsize       *length,
          GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);
  g_autofree char *buffer = NULL;
  gsize read = 0;

  if (stream == NULL)
    return NULL;
  buffer = g_malloc (MAX_LOG_BYTES + 1);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, MAX_LOG_BYTES + 1, &read, NULL, error))
    return NULL;
  if (read > MAX_LOG_BYTES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("%s: error: the review log is larger than %d MiB. Split it into smaller files."),
                   path, MAX_LOG_BYTES / (1024 * 1024));
      return NULL;
    }
  *length = read;
  return g_realloc (g_steal_pointer (&buffer), read + 1);
}

static void
print_json (GPtrArray *items)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      SigReviewLogItem *item = g_ptr_array_index (items, i);
      g_autofree char *due = sig_review_format_time (item->card.due);

      json_builder_begin_object (builder);
      sig_cli_json_string (builder, "item", item->item);
      sig_cli_json_double (builder, "stability", item->card.stability);
      sig_cli_json_double (builder, "difficulty", item->card.difficulty);
      sig_cli_json_string (builder, "due", due);
      sig_cli_json_string (builder, "state", sig_fsrs_state_to_string (item->card.state));
      sig_cli_json_int (builder, "reps", item->card.reps);
      sig_cli_json_int (builder, "lapses", item->card.lapses);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
print_table (GPtrArray *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      SigReviewLogItem *item = g_ptr_array_index (items, i);
      g_autofree char *due = sig_review_format_time (item->card.due);

      /* Translators: one item's review state: id, state, due time, stability, difficulty */
      g_print (_("%s: %s, due %s, stability %.2f days, difficulty %.2f, %u reviews, %u lapses\n"),
               item->item, sig_fsrs_state_to_string (item->card.state), due,
               item->card.stability, item->card.difficulty, item->card.reps, item->card.lapses);
    }
}

static int
review_schedule (int   argc,
                 char *argv[])
{
  g_autofree char *log_path = NULL;
  gboolean json = FALSE;
  gboolean long_term = FALSE;
  double retention = 0.9;
  GOptionEntry entries[] = {
    { "log", 0, 0, G_OPTION_ARG_FILENAME, &log_path, N_("The review log (CSV: item_id,review_time,rating)"), N_("FILE") },
    { "retention", 0, 0, G_OPTION_ARG_DOUBLE, &retention, N_("Desired retention, above 0 and at most 1 (default 0.9)"), N_("R") },
    { "long-term", 0, 0, G_OPTION_ARG_NONE, &long_term, N_("Schedule in whole days only, without learning steps"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for programs"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    sig_cli_option_context (NULL,
                            _("Replay a review log with the FSRS-6 scheduler and print each item’s state after its last review."),
                            entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *text = NULL;
  SigFsrsParams params;
  gsize length = 0;

  if (!sig_cli_parse (context, &argc, &argv))
    return SIG_EXIT_USAGE;
  if (argc != 1)
    return sig_cli_usage_error (context, _("“review schedule” takes no arguments besides its options."));
  if (log_path == NULL)
    return sig_cli_usage_error (context, _("Name the review log with --log FILE."));

  sig_fsrs_params_init_default (&params);
  params.short_term = !long_term;
  if (!sig_fsrs_params_set_retention (&params, retention))
    return sig_cli_usage_error (context, _("--retention must be above 0 and at most 1, for example 0.9."));

  if ((text = read_log (log_path, &length, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return SIG_EXIT_USAGE;
    }
  if ((items = sig_review_log_replay (&params, text, length, log_path, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return SIG_EXIT_PROBLEMS;
    }

  if (json)
    print_json (items);
  else
    print_table (items);
  return SIG_EXIT_OK;
}

/* ---- A review session from the progress store ------------------------------------ */

typedef struct {
  SigStore *store;
  const char *profile_id;
  const char *lang;
  GDateTime *now;              /* NULL: the clock */
  GHashTable *courses;         /* course id -> SigCourse* (NULL when it does not load) */
  SigCatalog *catalog;
  gboolean eof;
} Session;

static char *
read_line (Session    *session,
           const char *prompt)
{
  char line[4096];

  g_print ("%s ", prompt);
  if (fgets (line, sizeof line, stdin) == NULL)
    {
      session->eof = TRUE;
      g_print ("\n");
      return NULL;
    }
  return g_strstrip (g_strdup (line));
}

/* "2026-03-04 09:30" in local time, for a person. */
static char *
format_local (gint64 ms)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (ms / 1000);

  return time ? g_date_time_format (time, "%Y-%m-%d %H:%M") : g_strdup ("?");
}

static SigCourse *
session_course (Session    *session,
                const char *course_id)
{
  SigCourse *course;

  if (g_hash_table_lookup_extended (session->courses, course_id, NULL, (gpointer *) &course))
    return course;
  {
    g_autoptr(GError) error = NULL;

    course = sig_store_load_course (session->store, course_id, &error);
    if (course == NULL)
      g_printerr (_("The course “%s” cannot be loaded, so its cards are skipped: %s\n"), course_id, error->message);
    g_hash_table_insert (session->courses, g_strdup (course_id), course);
  }
  return course;
}

/* "1,3" -> the ids of the options shown as 1 and 3; NULL when it does not fit. */
static char **
chosen_options (const SigReviewCard *card,
                const char          *answer)
{
  g_auto(GStrv) words = g_strsplit (answer, ",", -1);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  guint n_words = g_strv_length (words);

  if (n_words == 0 || (n_words > 1 && !card->several))
    return NULL;
  for (guint i = 0; words[i] != NULL; i++)
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (g_strstrip (words[i]), 10, 1, card->options->len, &n, NULL))
        return NULL;
      g_strv_builder_add (ids, ((SigReviewOption *) card->options->pdata[n - 1])->id);
    }
  return g_strv_builder_end (ids);
}

typedef struct {
  guint right, partly, wrong;
} Tally;

/* Shows one card, reads the answer and the rating, records them. FALSE when
 * the input ended or the review could not be saved. */
static gboolean
review_one (Session                  *session,
            const SigStoreReviewCard *due,
            guint                     number,
            guint                     total,
            Tally                    *tally)
{
  SigCourse *course = session_course (session, due->course_id);
  g_autoptr(SigReviewItem) item = NULL;
  g_autoptr(SigReviewCard) card = NULL;
  g_autoptr(SigStoreReviewCard) updated = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) chosen = NULL;
  g_autofree char *response = NULL;
  g_autofree char *next = NULL;
  SigReviewGrade grade;
  guint64 rating = 0;

  if (course == NULL)
    return TRUE;
  if ((item = sig_review_item_find (course, session->catalog, due->item_id, &error)) == NULL ||
      (card = sig_review_card_new (item, session->lang, session->profile_id, due->card.reps, NULL)) == NULL)
    {
      g_printerr (_("The card “%s” is skipped: %s\n"), due->item_id,
                  error ? error->message : _("its decision is no longer on the recommended path."));
      return TRUE;
    }

  /* Translators: "Card 2 of 5 — Course title" */
  g_print (_("\nCard %u of %u — %s\n"), number, total, sig_text_get (course->title, session->lang));
  if (card->narrative != NULL)
    g_print ("\n%s\n", card->narrative);
  g_print ("\n%s\n", card->prompt);
  for (guint i = 0; i < card->options->len; i++)
    g_print ("  %u. %s\n", i + 1, ((SigReviewOption *) card->options->pdata[i])->text);

  while (chosen == NULL)
    {
      g_autofree char *answer = read_line (session, card->several ? _("Your answer (numbers, e.g. 1,3):")
                                                                  : _("Your answer (a number):"));

      if (answer == NULL)
        return FALSE;
      if ((chosen = chosen_options (card, answer)) == NULL)
        g_print (_("That answer does not fit this card; try again.\n"));
    }
  grade = sig_review_card_grade (card, (const char * const *) chosen);
  switch (grade)
    {
    case SIG_REVIEW_RIGHT:
      tally->right++;
      g_print (_("✔ Right.\n"));
      break;
    case SIG_REVIEW_PARTLY:
      tally->partly++;
      g_print (_("◐ Partly right.\n"));
      break;
    case SIG_REVIEW_WRONG:
      tally->wrong++;
      g_print (_("✘ Not right this time.\n"));
      break;
    }
  for (guint i = 0; i < card->options->len; i++)
    {
      SigReviewOption *option = card->options->pdata[i];

      if (option->correct)
        g_print (_("  ✔ %u. %s\n"), i + 1, option->text);
    }
  for (guint i = 0; i < card->options->len; i++)
    {
      SigReviewOption *option = card->options->pdata[i];

      if (option->feedback != NULL && g_strv_contains ((const char * const *) chosen, option->id) &&
          g_strcmp0 (option->feedback, card->explanation) != 0)
        g_print ("  %s\n", option->feedback);
    }
  if (card->explanation != NULL)
    g_print ("  %s\n", card->explanation);

  while (rating == 0)
    {
      g_autofree char *answer = read_line (session, _("How hard was this? 1 Again, 2 Hard, 3 Good, 4 Easy:"));

      if (answer == NULL)
        return FALSE;
      if (!g_ascii_string_to_unsigned (answer, 10, SIG_FSRS_AGAIN, SIG_FSRS_EASY, &rating, NULL))
        {
          rating = 0;
          g_print (_("Give a number from 1 to 4.\n"));
        }
    }
  response = g_strjoinv (",", chosen);
  updated = sig_store_record_review (session->store, session->profile_id, due->course_id, due->item_id, response,
                                     grade, (SigFsrsRating) rating, session->now, &error);
  if (updated == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  g_print (_("[saved review %s]\n"), due->item_id);
  next = format_local (updated->card.due);
  if (grade == SIG_REVIEW_WRONG && rating != SIG_FSRS_AGAIN)
    g_print (_("A wrong answer comes back soon, whatever it felt like: next review %s.\n"), next);
  else
    g_print (_("Next review of this card: %s.\n"), next);
  return TRUE;
}

static void
print_next (Session *session)
{
  g_autoptr(GError) error = NULL;
  gboolean has_next = FALSE;
  gint64 next_due = 0;
  guint due = 0;

  if (!sig_store_count_due_reviews (session->store, session->profile_id, session->now, &due, &error))
    g_printerr ("%s\n", error->message);
  else if (due > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u more card is due today.\n", "%u more cards are due today.\n", due), due);
  else if (!sig_store_get_next_review (session->store, session->profile_id, session->now, &has_next, &next_due, &error))
    g_printerr ("%s\n", error->message);
  else if (has_next)
    {
      g_autofree char *when = format_local (next_due);

      g_print (_("The next review is due %s.\n"), when);
    }
}

static void
print_due_json (GPtrArray *due)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < due->len; i++)
    {
      SigStoreReviewCard *card = due->pdata[i];
      g_autofree char *when = sig_review_format_time (card->card.due);

      json_builder_begin_object (builder);
      sig_cli_json_string (builder, "course", card->course_id);
      sig_cli_json_string (builder, "item", card->item_id);
      sig_cli_json_string (builder, "due", when);
      sig_cli_json_string (builder, "state", sig_fsrs_state_to_string (card->card.state));
      sig_cli_json_int (builder, "reps", card->card.reps);
      sig_cli_json_int (builder, "lapses", card->card.lapses);
      sig_cli_json_double (builder, "stability", card->card.stability);
      sig_cli_json_double (builder, "difficulty", card->card.difficulty);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static int
review_session (int   argc,
                char *argv[])
{
  g_autofree char *db_path = NULL;
  g_autofree char *profile_name = NULL;
  g_autofree char *now_text = NULL;
  g_autofree char *lang = NULL;
  gboolean list_due = FALSE;
  gboolean json = FALSE;
  int limit = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The progress database"), N_("PATH") },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_name, N_("The learner (default: the current profile)"), N_("NAME") },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now_text, N_("Review as if it were this time (ISO 8601 with a time zone)"), N_("TIME") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Review at most N cards (the learner's daily limit still holds)"), N_("N") },
    { "due", 0, 0, G_OPTION_ARG_NONE, &list_due, N_("List the cards due instead of reviewing them"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("With --due: print JSON for programs"), NULL },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("The language: nl or en (default: the learner’s)"), N_("LANG") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    sig_cli_option_context (NULL,
                            _("Review the cards that are due: answer each, see the explanation, say how hard it was. "
                              "Answers are read from standard input."),
                            entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStore) store = NULL;
  g_autoptr(SigProfile) profile = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GHashTable) courses = NULL;
  g_autoptr(SigCatalog) catalog = NULL;
  g_autofree char *current = NULL;
  Session session = { 0 };
  Tally tally = { 0 };
  guint done = 0;

  if (!sig_cli_parse (context, &argc, &argv))
    return SIG_EXIT_USAGE;
  if (argc != 1)
    return sig_cli_usage_error (context, _("“review” takes no arguments besides its options."));
  if (db_path == NULL)
    return sig_cli_usage_error (context, _("Name the progress database with --db PATH (or use “review schedule --log FILE”)."));
  if (json && !list_due)
    return sig_cli_usage_error (context, _("--json goes with --due."));
  if (limit < 0)
    return sig_cli_usage_error (context, _("--limit must be 0 or more."));
  if (lang != NULL && !g_str_equal (lang, "nl") && !g_str_equal (lang, "en"))
    return sig_cli_usage_error (context, _("--lang must be nl or en."));
  if (now_text != NULL && (now = g_date_time_new_from_iso8601 (now_text, NULL)) == NULL)
    return sig_cli_usage_error (context, _("--now must be an ISO 8601 time with a time zone, like 2026-03-01T09:30:00Z."));

  if ((store = sig_store_open (db_path, SIG_STORE_OPEN_DEFAULT, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return SIG_EXIT_USAGE;
    }
  if (profile_name != NULL)
    profile = sig_store_find_profile (store, profile_name, &error);
  else if ((current = sig_store_get_current_profile (store)) != NULL)
    profile = sig_store_get_profile (store, current, &error);
  else
    {
      g_printerr (_("No profile is chosen in %s. Give one with --profile NAME.\n"), db_path);
      return SIG_EXIT_USAGE;
    }
  if (profile == NULL)
    {
      g_printerr (_("%s: there is no learner “%s” in this database. “signaal-course profiles --db %s” lists them.\n"),
                  db_path, profile_name ? profile_name : current, db_path);
      return SIG_EXIT_USAGE;
    }
  /* Modules completed before the store kept a deck come in once. */
  if (!sig_store_catch_up_review_deck (store, sig_profile_get_id (profile), NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return SIG_EXIT_PROBLEMS;
    }
  if ((due = sig_store_list_due_reviews (store, sig_profile_get_id (profile), now, (guint) limit, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return SIG_EXIT_PROBLEMS;
    }

  session.store = store;
  session.profile_id = sig_profile_get_id (profile);
  session.lang = lang ? lang : sig_profile_get_language (profile);
  session.now = now;

  if (list_due)
    {
      if (json)
        print_due_json (due);
      else if (due->len == 0)
        g_print (_("Nothing to review now.\n"));
      else
        for (guint i = 0; i < due->len; i++)
          {
            SigStoreReviewCard *card = due->pdata[i];
            g_autofree char *when = format_local (card->card.due);

            /* Translators: a due card: item id, state, due since */
            g_print (_("%s: %s, due since %s\n"), card->item_id, sig_fsrs_state_to_string (card->card.state), when);
          }
      if (!json)
        print_next (&session);
      return SIG_EXIT_OK;
    }

  if (due->len == 0)
    {
      g_print (_("Nothing to review now.\n"));
      print_next (&session);
      return SIG_EXIT_OK;
    }
  if (sig_store_get_read_only (store))
    {
      g_printerr (_("Cannot record: %s\n"), sig_store_get_read_only_reason (store));
      return SIG_EXIT_USAGE;
    }
  if (!sig_store_refresh_library (store, &error))
    {
      g_printerr ("%s\n", error->message);
      return SIG_EXIT_PROBLEMS;
    }
  courses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) sig_course_unref);
  catalog = sig_catalog_new ();
  session.courses = courses;
  session.catalog = catalog;

  g_print (g_dngettext (GETTEXT_PACKAGE, "%u card to review.\n", "%u cards to review.\n", due->len), due->len);
  for (guint i = 0; i < due->len; i++)
    {
      if (!review_one (&session, due->pdata[i], i + 1, due->len, &tally))
        break;
      done++;
    }

  g_print ("\n");
  if (done < due->len)
    g_print (_("Stopped after %u of %u cards; what you reviewed is saved, the rest stay due.\n"), done, due->len);
  /* Translators: the summary of a session: reviewed, right, partly, not right */
  g_print (_("Reviewed %u: %u right, %u partly right, %u not right yet.\n"),
           tally.right + tally.partly + tally.wrong, tally.right, tally.partly, tally.wrong);
  print_next (&session);
  return session.eof ? SIG_EXIT_USAGE : done < due->len ? SIG_EXIT_PROBLEMS : SIG_EXIT_OK;
}

int
sig_cli_review (int   argc,
                char *argv[])
{
  if (argc >= 2 && g_str_equal (argv[1], "schedule"))
    {
      g_autofree char *name = g_strdup ("review schedule");

      argv[1] = name;
      return review_schedule (argc - 1, argv + 1);
    }

  return review_session (argc, argv);
}
