/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sig-feed.h"
#include "sig-store.h"

G_BEGIN_DECLS

/* Updates from course feeds: what the subscribed feeds offer that the library
 * does not have yet, and installing it. A download is checked by size and
 * SHA-256 (sig-feed.h), must hold the id and version the feed promised, and is
 * installed only through sig_store_install_package() — the same trust rules as
 * a file import (signature, publisher keys, who owns an id). What is refused
 * never reaches the library, and the downloaded file is deleted. */

typedef struct {
  char *feed_url;
  SigFeedEntry *entry;
  char *installed_version;   /* NULL: the course is not in the library yet */
} SigFeedUpdate;

void       sig_feed_update_free      (SigFeedUpdate *update);

/* The feeds to check for @store: the organisation file's and those every
 * profile subscribed to (SIG_SETTING_FEEDS). */
GStrv      sig_feed_subscriptions    (SigStore      *store,
                                      GError       **error);

/* SigFeedUpdate*: what @feeds offer that is new or newer than the library's.
 * A feed that cannot be read or is not valid adds its error, one translated
 * sentence naming the feed, to @problems and the others go on. */
GPtrArray *sig_feed_check_updates    (SigStore           *store,
                                      const char * const *feeds,
                                      GPtrArray          *problems,
                                      GCancellable       *cancellable,
                                      GError            **error);

/* Downloads @update into @folder (resuming an earlier part), checks it and
 * installs it. @installed (optional): the library entry afterwards. */
gboolean   sig_feed_install_update   (SigStore             *store,
                                      const SigFeedUpdate  *update,
                                      const char           *folder,
                                      SigFeedProgressFunc   progress,
                                      gpointer              user_data,
                                      GCancellable         *cancellable,
                                      SigLibraryCourse    **installed,
                                      GError              **error);

/* Checks @feeds and installs every update into @store, one after the other;
 * what happened, one translated sentence each ("Installed …", or why a feed or
 * a package was refused), is added to @messages. Returns how many were
 * installed; @found (optional): how many updates the feeds offered. */
guint      sig_feed_update_all       (SigStore           *store,
                                      const char * const *feeds,
                                      SigFeedProgressFunc progress,
                                      gpointer            user_data,
                                      GPtrArray          *messages,
                                      guint              *found,
                                      GCancellable       *cancellable);

/* g_get_user_cache_dir()/signaal/downloads */
char      *sig_feed_download_folder  (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigFeedUpdate, sig_feed_update_free)

G_END_DECLS
