/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* organisation/: what an organisation connection adds, and only that — the
 * organisation file (sig-organisation.h), a profile's connection and its secret
 * in the keyring (sig-connection.h, sig-secret.h), the worker that sends the
 * outbox (sig-sync-worker.h) and course feeds to take updates from (here and
 * sig-feed-update.h). Uses course/, store/ and export/; the store installs what
 * a feed offers through the same trust rules as a file import.
 *
 * A course feed is one static JSON file on any web server (docs/organisations.md):
 *   { "signaal-feed": 1,
 *     "publisher": "Vereniging …",
 *     "courses": [ { "id": "…", "version": "1.2.0", "url": "…/course.signaal",
 *                    "size": 123456, "sha256": "…64 hex digits…" } ] }
 * "url" may be relative to the feed's own address. Every address is https, or
 * http to this machine only. */

#define SIG_FEED_ERROR (sig_feed_error_quark ())

typedef enum {
  SIG_FEED_ERROR_INVALID,      /* the feed is not a valid course feed */
  SIG_FEED_ERROR_UNREACHABLE,  /* no connection, a time-out, an HTTP error */
  SIG_FEED_ERROR_MISMATCH,     /* a download is not the file the feed describes */
} SigFeedError;

/* A feed is at most 1 MiB; a package at most SIG_FEED_MAX_PACKAGE bytes. */
#define SIG_FEED_MAX_BYTES   (1024 * 1024)
#define SIG_FEED_MAX_PACKAGE ((guint64) 64 * 1024 * 1024)

typedef struct {
  char *id;
  char *version;
  char *url;         /* absolute */
  guint64 size;
  char *sha256;      /* 64 lowercase hex digits */
} SigFeedEntry;

typedef struct {
  char *url;
  char *publisher;
  GPtrArray *entries;  /* SigFeedEntry* */
} SigFeed;

typedef void (*SigFeedProgressFunc) (const SigFeedEntry *entry,
                                     guint64             received,
                                     gpointer            user_data);

GQuark   sig_feed_error_quark (void);

SigFeed *sig_feed_parse    (const char    *feed_url,
                            const char    *data,
                            gsize          length,
                            GError       **error);
void     sig_feed_free     (SigFeed       *feed);

/* Fetches and parses the feed at @url. */
SigFeed *sig_feed_fetch    (const char    *url,
                            GCancellable  *cancellable,
                            GError       **error);

/* Downloads @entry into @folder as ID-VERSION.signaal and returns its path
 * once its size and SHA-256 are those the feed gives. An interrupted download
 * is kept as ID-VERSION.signaal.part and resumed next time (or restarted when
 * the server cannot resume); a file that turns out different is deleted. */
char    *sig_feed_download (const SigFeedEntry   *entry,
                            const char           *folder,
                            SigFeedProgressFunc   progress,
                            gpointer              user_data,
                            GCancellable         *cancellable,
                            GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigFeed, sig_feed_free)

G_END_DECLS
