/* SPDX-License-Identifier: GPL-3.0-or-later */
/* signaal-course feed: course feeds from the command line — which feeds are
 * subscribed, what they would update, and the update itself, installed through
 * the same trust rules as "signaal-course import". */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <unistd.h>

#include "sig-cli.h"
#include "sig-feed-update.h"
#include "sig-organisation.h"
#include "sig-store-settings.h"
#include "sig-text.h"

static SigStore *
open_store (const char *db_path,
            gboolean    read_only)
{
  g_autoptr(GError) error = NULL;
  SigStore *store = sig_store_open (db_path, read_only ? SIG_STORE_OPEN_READ_ONLY : SIG_STORE_OPEN_DEFAULT, &error);

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return NULL;
    }
  if (sig_store_get_recovery (store) != NULL)
    g_printerr ("%s\n", sig_store_get_recovery (store)->message);
  if (!read_only && sig_store_get_read_only (store))
    {
      g_printerr ("%s\n", sig_store_get_read_only_reason (store));
      g_object_unref (store);
      return NULL;
    }
  return store;
}

static void
print_error (const char *message)
{
  g_autofree char *safe = sig_cli_safe (message);

  g_printerr ("%s\n", safe);
}

static GStrv
subscriptions (SigStore *store)
{
  g_autoptr(GError) error = NULL;
  GStrv feeds = sig_feed_subscriptions (store, &error);

  if (feeds == NULL)
    print_error (error->message);
  return feeds;
}

static int
feed_list (SigStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SigOrganisation) organisation = sig_organisation_load (&error);
  g_auto(GStrv) feeds = NULL;

  if (error != NULL)
    {
      print_error (error->message);
      return SIG_EXIT_USAGE;
    }
  if ((feeds = subscriptions (store)) == NULL)
    return SIG_EXIT_USAGE;
  if (feeds[0] == NULL)
    g_print (_("No course feeds are subscribed.\n"));
  for (guint i = 0; feeds[i] != NULL; i++)
    {
      g_autofree char *safe = sig_cli_safe (feeds[i]);
      gboolean from_organisation = organisation != NULL &&
                                   g_strv_contains ((const char * const *) organisation->feeds, feeds[i]);

      if (from_organisation)
        {
          g_autofree char *name = sig_cli_safe (organisation->name);

          g_print (_("%s (set by %s)\n"), safe, name);
        }
      else
        g_print ("%s\n", safe);
    }
  return SIG_EXIT_OK;
}

static void
print_update (const SigFeedUpdate *update)
{
  g_autofree char *id = sig_cli_safe (update->entry->id);
  g_autofree char *size = g_format_size (update->entry->size);

  if (update->installed_version != NULL)
    g_print (_("%s: %s → %s (%s)\n"), id, update->installed_version, update->entry->version, size);
  else
    g_print (_("%s: new, version %s (%s)\n"), id, update->entry->version, size);
}

typedef struct {
  gint64 last;
  gboolean terminal;
} Progress;

static void
show_progress (const SigFeedEntry *entry,
               guint64             received,
               gpointer            user_data)
{
  Progress *progress = user_data;
  gint64 now = g_get_monotonic_time ();

  if (!progress->terminal || (now - progress->last < G_USEC_PER_SEC / 4 && received < entry->size))
    return;
  progress->last = now;
  g_printerr ("\r%s %3u %%", entry->id, entry->size > 0 ? (guint) (received * 100 / entry->size) : 100);
  if (received >= entry->size)
    g_printerr ("\n");
}

static int
feed_check_or_update (SigStore *store,
                      gboolean  update)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) updates = NULL;
  g_auto(GStrv) feeds = NULL;
  g_autofree char *folder = sig_feed_download_folder ();
  int status = SIG_EXIT_OK;
  guint installed = 0;

  if ((feeds = subscriptions (store)) == NULL)
    return SIG_EXIT_USAGE;
  if (feeds[0] == NULL)
    {
      g_print (_("No course feeds are subscribed: nothing to check.\n"));
      return SIG_EXIT_OK;
    }
  updates = sig_feed_check_updates (store, (const char * const *) feeds, problems, NULL, &error);
  if (updates == NULL)
    {
      print_error (error->message);
      return SIG_EXIT_USAGE;
    }
  for (guint i = 0; i < problems->len; i++)
    print_error (problems->pdata[i]);
  if (problems->len > 0)
    status = SIG_EXIT_PROBLEMS;
  if (updates->len == 0)
    g_print (_("Every course from the feeds is up to date.\n"));
  else if (!update)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u course would be installed or updated:\n",
                          "%u courses would be installed or updated:\n", updates->len), updates->len);
  for (guint i = 0; i < updates->len; i++)
    {
      const SigFeedUpdate *item = updates->pdata[i];
      g_autoptr(GError) local = NULL;
      g_autoptr(SigLibraryCourse) entry = NULL;
      Progress progress = { 0, isatty (2) };

      print_update (item);
      if (!update)
        continue;
      if (!sig_feed_install_update (store, item, folder, show_progress, &progress, NULL, &entry, &local))
        {
          g_autofree char *message = sig_text_sanitize_multiline (g_strdup (local->message));

          g_printerr ("%s\n", message);
          status = SIG_EXIT_PROBLEMS;
          continue;
        }
      installed++;
      g_print (_("Installed %s %s.\n"), sig_library_course_get_id (entry), sig_library_course_get_version (entry));
      {
        g_autofree char *publisher = sig_library_course_dup_publisher_line (entry, NULL);

        g_print ("%s\n", publisher);
      }
    }
  if (update && updates->len > 0)
    g_print (_("%u of %u installed.\n"), installed, updates->len);
  return status;
}

static int
feed_subscribe (SigStore   *store,
                const char *profile_name,
                const char *url,
                gboolean    subscribe)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SigProfile) profile = sig_store_find_profile (store, profile_name, &error);
  g_autoptr(GHashTable) settings = NULL;
  g_auto(GStrv) own = NULL;
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;
  g_autofree char *value = NULL;

  if (profile == NULL)
    {
      print_error (error->message);
      return SIG_EXIT_USAGE;
    }
  if (subscribe && !sig_organisation_url_allowed (url))
    {
      g_autofree char *safe = sig_cli_safe (url);

      g_printerr (_("%s: error: A course feed's address starts with https:// (plain http only to this computer).\n"), safe);
      return SIG_EXIT_USAGE;
    }
  if ((settings = sig_store_get_profile_settings (store, sig_profile_get_id (profile), &error)) == NULL)
    {
      print_error (error->message);
      return SIG_EXIT_USAGE;
    }
  own = sig_feed_list_parse (g_hash_table_lookup (settings, SIG_SETTING_FEEDS));
  for (guint i = 0; own[i] != NULL; i++)
    if (!g_str_equal (own[i], url))
      g_strv_builder_add (kept, own[i]);
  if (subscribe)
    g_strv_builder_add (kept, url);
  list = g_strv_builder_end (kept);
  value = g_strjoinv ("\n", list);
  if (!sig_store_set_profile_setting (store, sig_profile_get_id (profile), SIG_SETTING_FEEDS,
                                      *value != '\0' ? value : NULL, &error))
    {
      print_error (error->message);
      return SIG_EXIT_USAGE;
    }
  if (!subscribe && g_strv_length (list) == g_strv_length (own))
    {
      g_autofree char *safe = sig_cli_safe (url);

      g_printerr (_("%s: the profile was not subscribed to this feed.\n"), safe);
      return SIG_EXIT_PROBLEMS;
    }
  return SIG_EXIT_OK;
}

int
sig_cli_feed (int   argc,
              char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SigStore) store = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *profile = NULL;
  const char *action;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The progress database (default: the user's own)"), N_("PATH") },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile, N_("The profile that subscribes (with subscribe and unsubscribe)"), N_("NAME") },
    { NULL }
  };

  context = sig_cli_option_context (_("list | check | update | subscribe URL | unsubscribe URL"),
                                    _("Course feeds: list the subscribed feeds (the organisation's and each profile's), check what they would install or update, or update: download with progress, check size and SHA-256, and install through the same trust rules as import."),
                                    entries);
  if (!sig_cli_parse (context, &argc, &argv))
    return SIG_EXIT_USAGE;
  if (argc < 2)
    return sig_cli_usage_error (context, _("Give list, check, update, subscribe URL or unsubscribe URL."));
  action = argv[1];
  if (g_str_equal (action, "subscribe") || g_str_equal (action, "unsubscribe"))
    {
      if (argc != 3 || profile == NULL)
        return sig_cli_usage_error (context, _("Give the feed's address and --profile NAME."));
    }
  else if (argc != 2 || !(g_str_equal (action, "list") || g_str_equal (action, "check") || g_str_equal (action, "update")))
    return sig_cli_usage_error (context, _("Give list, check, update, subscribe URL or unsubscribe URL."));

  if ((store = open_store (db_path, FALSE)) == NULL)
    return SIG_EXIT_USAGE;
  if (g_str_equal (action, "list"))
    return feed_list (store);
  if (g_str_equal (action, "check"))
    return feed_check_or_update (store, FALSE);
  if (g_str_equal (action, "update"))
    return feed_check_or_update (store, TRUE);
  return feed_subscribe (store, profile, argv[2], g_str_equal (action, "subscribe"));
}
