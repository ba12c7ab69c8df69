/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The organisation file: what an organisation pre-sets for every account on a
 * machine, read from the first $XDG_CONFIG_DIRS/signaal/organisation.conf in
 * g_get_system_config_dirs() order (docs/organisations.md):
 *
 *   [Organisation]
 *   Name=Vereniging Veilig Thuis
 *   Profiles=*                 (or a list of profile names: Anna;Bram)
 *   LearnersMayChange=false
 *
 *   [Connection]
 *   Endpoint=https://lrs.example.org/xAPI/
 *   Key=signaal-leden
 *   AccountHomePage=https://leden.example.org/
 *
 *   [Feeds]
 *   Feeds=https://cursussen.example.org/feed.json
 *
 * It never holds a secret: the LRS secret lives in the keyring (sig-secret.h).
 * Parsing is strict: an unknown group or key, a missing value, an address that
 * is not https (or http to this machine) is an error naming FILE:LINE. */

#define SIG_ORGANISATION_ERROR (sig_organisation_error_quark ())

typedef enum {
  SIG_ORGANISATION_ERROR_INVALID,   /* the file is not a valid organisation file */
  SIG_ORGANISATION_ERROR_READ,      /* the file exists but cannot be read */
} SigOrganisationError;

typedef struct {
  char *path;              /* the file it was read from */
  char *name;              /* the organisation's name, as learners see it */
  char **profiles;         /* the profile names it covers; NULL: every profile */
  gboolean learners_may_change;
  char *endpoint;          /* the LRS's xAPI endpoint, or NULL */
  char *key;               /* the HTTP Basic key (user name), or NULL */
  char *account_homepage;  /* where learners' accounts live, or NULL */
  char **feeds;            /* course feeds every installation subscribes to; never NULL */
} SigOrganisation;

/* Connection settings of a profile, as stored in profile_settings. */
#define SIG_SETTING_ENDPOINT          "connection.endpoint"
#define SIG_SETTING_KEY               "connection.key"
#define SIG_SETTING_ACCOUNT_HOMEPAGE  "connection.account-homepage"
#define SIG_SETTING_ACCOUNT_NAME      "connection.account-name"
#define SIG_SETTING_CONSENT           "connection.consent"
/* A profile's own course feed subscriptions: addresses, one per line. */
#define SIG_SETTING_FEEDS             "feeds.subscribed"

/* Where a connection value comes from. */
typedef enum {
  SIG_SETTING_FROM_NONE,          /* not set anywhere */
  SIG_SETTING_FROM_ORGANISATION,  /* the organisation file (the learner kept it, or may not change it) */
  SIG_SETTING_FROM_PROFILE,       /* the learner's own setting */
} SigSettingSource;

/* A profile's connection: the organisation's values where it covers the
 * profile, overridden by the profile's own where the organisation allows. */
typedef struct {
  char *organisation;      /* the organisation's name, or NULL */
  char *endpoint;
  char *key;
  char *account_homepage;
  char *account_name;      /* always the learner's own (a student or member number) */
  char *consent;           /* when the learner agreed (µs since the epoch, as text); NULL: off */
  gboolean locked;         /* the organisation's values may not be changed */
  SigSettingSource endpoint_source;
  SigSettingSource key_source;
  SigSettingSource account_homepage_source;
} SigConnection;

GQuark           sig_organisation_error_quark  (void);

/* Reads the first organisation.conf in g_get_system_config_dirs() order.
 * Returns NULL without an error when there is none. */
SigOrganisation *sig_organisation_load         (GError          **error);
/* The same over @dirs (each holding signaal/organisation.conf). */
SigOrganisation *sig_organisation_load_from    (const char * const *dirs,
                                                GError          **error);
/* Parses @path; an error when it is missing or not valid. */
SigOrganisation *sig_organisation_load_file    (const char       *path,
                                                GError          **error);
void             sig_organisation_free         (SigOrganisation  *organisation);

/* Whether @organisation covers the profile named @profile_name. */
gboolean         sig_organisation_covers       (const SigOrganisation *organisation,
                                                const char            *profile_name);

/* @settings: the profile's settings (key → value, as in profile_settings), or
 * NULL. @organisation may be NULL. Never fails. */
SigConnection   *sig_connection_resolve        (const SigOrganisation *organisation,
                                                const char            *profile_name,
                                                GHashTable            *settings);
/* Whether the connection may send: consent given, an endpoint and a key. */
gboolean         sig_connection_is_active      (const SigConnection *connection);
void             sig_connection_free           (SigConnection   *connection);

/* Whether @url is an address a connection or a feed may use: https, or http
 * to this machine. */
gboolean         sig_organisation_url_allowed  (const char *url);

/* The feeds to check: the organisation's (courses go to the library, which
 * every profile shares) and each profile's own (@profile_feeds:
 * SIG_SETTING_FEEDS values, NULL-terminated, may be NULL), without
 * duplicates, in that order. */
char           **sig_organisation_feeds        (const SigOrganisation *organisation,
                                                const char * const    *profile_feeds);
/* Splits a SIG_SETTING_FEEDS value into addresses. */
char           **sig_feed_list_parse           (const char *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigOrganisation, sig_organisation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigConnection, sig_connection_free)

G_END_DECLS
