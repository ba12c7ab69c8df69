/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Updates from course feeds, installed through the one install path. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>

#include "sig-feed-update.h"
#include "sig-loader.h"
#include "sig-organisation.h"
#include "sig-store-settings.h"

static SigFeedEntry *
entry_copy (const SigFeedEntry *entry)
{
  SigFeedEntry *copy = g_new0 (SigFeedEntry, 1);

  copy->id = g_strdup (entry->id);
  copy->version = g_strdup (entry->version);
  copy->url = g_strdup (entry->url);
  copy->size = entry->size;
  copy->sha256 = g_strdup (entry->sha256);
  return copy;
}

void
sig_feed_update_free (SigFeedUpdate *update)
{
  if (update == NULL)
    return;
  g_free (update->feed_url);
  if (update->entry != NULL)
    {
      g_free (update->entry->id);
      g_free (update->entry->version);
      g_free (update->entry->url);
      g_free (update->entry->sha256);
      g_free (update->entry);
    }
  g_free (update->installed_version);
  g_free (update);
}

char *
sig_feed_download_folder (void)
{
  return g_build_filename (g_get_user_cache_dir (), "signaal", "downloads", NULL);
}

GStrv
sig_feed_subscriptions (SigStore  *store,
                        GError   **error)
{
  g_autoptr(SigOrganisation) organisation = NULL;
  g_auto(GStrv) own = NULL;
  GError *local = NULL;

  organisation = sig_organisation_load (&local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if ((own = sig_store_get_setting_values (store, SIG_SETTING_FEEDS, error)) == NULL)
    return NULL;
  return sig_organisation_feeds (organisation, (const char * const *) own);
}

/* -1, 0, 1 as @a is older, the same, newer than @b; both valid versions. */
static int
compare_versions (const char *a,
                  const char *b)
{
  guint pa[3], pb[3];

  if (!sig_version_parse (a, pa) || !sig_version_parse (b, pb))
    return g_strcmp0 (a, b) == 0 ? 0 : 1;
  for (int i = 0; i < 3; i++)
    if (pa[i] != pb[i])
      return pa[i] < pb[i] ? -1 : 1;
  return 0;
}

GPtrArray *
sig_feed_check_updates (SigStore           *store,
                        const char * const *feeds,
                        GPtrArray          *problems,
                        GCancellable       *cancellable,
                        GError            **error)
{
  g_autoptr(GPtrArray) updates = g_ptr_array_new_with_free_func ((GDestroyNotify) sig_feed_update_free);

  if (!sig_store_refresh_library (store, error))
    return NULL;
  for (guint f = 0; feeds != NULL && feeds[f] != NULL; f++)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(SigFeed) feed = sig_feed_fetch (feeds[f], cancellable, &local);

      if (feed == NULL)
        {
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return NULL;
            }
          g_ptr_array_add (problems, g_strdup (local->message));
          continue;
        }
      for (guint i = 0; i < feed->entries->len; i++)
        {
          const SigFeedEntry *entry = feed->entries->pdata[i];
          g_autoptr(SigLibraryCourse) installed = sig_store_get_library_course (store, entry->id, NULL);
          SigFeedUpdate *update;
          gboolean listed = FALSE;

          if (installed != NULL && compare_versions (entry->version, sig_library_course_get_version (installed)) <= 0)
            continue;
          /* two feeds offering the same course: the newer version */
          for (guint u = 0; u < updates->len && !listed; u++)
            {
              SigFeedUpdate *other = updates->pdata[u];

              if (g_str_equal (other->entry->id, entry->id))
                {
                  listed = TRUE;
                  if (compare_versions (entry->version, other->entry->version) > 0)
                    {
                      sig_feed_update_free (other);
                      updates->pdata[u] = NULL;
                      listed = FALSE;
                      g_ptr_array_remove_index (updates, u);
                    }
                }
            }
          if (listed)
            continue;
          update = g_new0 (SigFeedUpdate, 1);
          update->feed_url = g_strdup (feeds[f]);
          update->entry = entry_copy (entry);
          update->installed_version = installed != NULL ? g_strdup (sig_library_course_get_version (installed)) : NULL;
          g_ptr_array_add (updates, update);
        }
    }
  return g_steal_pointer (&updates);
}

gboolean
sig_feed_install_update (SigStore             *store,
                         const SigFeedUpdate  *update,
                         const char           *folder,
                         SigFeedProgressFunc   progress,
                         gpointer              user_data,
                         GCancellable         *cancellable,
                         SigLibraryCourse    **installed,
                         GError              **error)
{
  g_autofree char *path = NULL;
  g_autofree char *display_name = NULL;
  g_autoptr(GBytes) package = NULL;
  g_autoptr(SigPackagePreview) preview = NULL;
  SigImportResult result;
  gboolean ok = FALSE;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("%s: error: The download folder cannot be made (%s)."), folder, g_strerror (saved));
      return FALSE;
    }
  path = sig_feed_download (update->entry, folder, progress, user_data, cancellable, error);
  if (path == NULL)
    return FALSE;
  display_name = g_path_get_basename (path);
  if ((package = sig_store_read_package (path, error)) == NULL)
    goto done;
  if ((preview = sig_store_preview_package (store, package, display_name, NULL, error)) == NULL)
    goto done;
  if (g_strcmp0 (preview->course_id, update->entry->id) != 0 ||
      g_strcmp0 (preview->version, update->entry->version) != 0)
    {
      g_set_error (error, SIG_FEED_ERROR, SIG_FEED_ERROR_MISMATCH,
                   _("%s: error: The feed offers %s %s, but the file holds %s %s. It was not installed; tell the feed's publisher."),
                   update->entry->url, update->entry->id, update->entry->version,
                   preview->course_id != NULL ? preview->course_id : "?", preview->version != NULL ? preview->version : "?");
      goto done;
    }
  ok = sig_store_install_package (store, package, display_name, &result, installed, error);

done:
  g_unlink (path);
  return ok;
}

guint
sig_feed_update_all (SigStore           *store,
                     const char * const *feeds,
                     SigFeedProgressFunc progress,
                     gpointer            user_data,
                     GPtrArray          *messages,
                     guint              *found,
                     GCancellable       *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) updates = sig_feed_check_updates (store, feeds, messages, cancellable, &error);
  g_autofree char *folder = sig_feed_download_folder ();
  guint installed = 0;

  if (found != NULL)
    *found = 0;
  if (updates == NULL)
    {
      g_ptr_array_add (messages, g_strdup (error->message));
      return 0;
    }
  if (found != NULL)
    *found = updates->len;
  for (guint i = 0; i < updates->len; i++)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(SigLibraryCourse) course = NULL;

      if (!sig_feed_install_update (store, updates->pdata[i], folder, progress, user_data, cancellable, &course, &local))
        g_ptr_array_add (messages, g_strdup (local->message));
      else
        {
          installed++;
          g_ptr_array_add (messages, g_strdup_printf (_("Installed %s %s."), sig_library_course_get_title (course, NULL),
                                                      sig_library_course_get_version (course)));
        }
    }
  return installed;
}
