/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "sig-cli.h"
#include "sig-review-log.h"

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

  g_printerr (_("Usage:\n  signaal-course review schedule --log FILE [--json]\n\n"
                "Replay a review log with the FSRS-6 scheduler.\n"));
  return argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")) ? SIG_EXIT_OK : SIG_EXIT_USAGE;
}
