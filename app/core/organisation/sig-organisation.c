/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The organisation file and how it combines with a profile's own settings. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sig-lrs.h"
#include "sig-organisation.h"

#define MAX_FILE_BYTES (64 * 1024)
#define MAX_FEEDS 32

G_DEFINE_QUARK (sig-organisation-error-quark, sig_organisation_error)

void
sig_organisation_free (SigOrganisation *organisation)
{
  if (organisation == NULL)
    return;
  g_free (organisation->path);
  g_free (organisation->name);
  g_strfreev (organisation->profiles);
  g_free (organisation->endpoint);
  g_free (organisation->key);
  g_free (organisation->account_homepage);
  g_strfreev (organisation->feeds);
  g_free (organisation);
}

void
sig_connection_free (SigConnection *connection)
{
  if (connection == NULL)
    return;
  g_free (connection->organisation);
  g_free (connection->endpoint);
  g_free (connection->key);
  g_free (connection->account_homepage);
  g_free (connection->account_name);
  g_free (connection->consent);
  g_free (connection);
}

gboolean
sig_organisation_url_allowed (const char *url)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL) : NULL;
  const char *scheme;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      g_uri_get_userinfo (uri) != NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  return g_ascii_strcasecmp (scheme, "https") == 0 ||
         (g_ascii_strcasecmp (scheme, "http") == 0 && sig_host_is_loopback (g_uri_get_host (uri)));
}

/* ---- parsing ------------------------------------------------------------- */

/* GKeyFile keeps no line numbers: this finds them in the text again. */
typedef struct {
  const char *path;
  char **lines;
} Source;

static guint
line_of (const Source *source,
         const char   *group,
         const char   *key)
{
  gboolean in_group = FALSE;

  for (guint i = 0; source->lines[i] != NULL; i++)
    {
      const char *line = source->lines[i];

      while (g_ascii_isspace (*line))
        line++;
      if (*line == '[')
        {
          const char *end = strchr (line, ']');

          in_group = end != NULL && (gsize) (end - line - 1) == strlen (group) &&
                     strncmp (line + 1, group, end - line - 1) == 0;
          if (key == NULL && in_group)
            return i + 1;
          continue;
        }
      if (in_group && key != NULL && g_str_has_prefix (line, key))
        {
          const char *rest = line + strlen (key);

          while (*rest == ' ' || *rest == '\t')
            rest++;
          if (*rest == '=')
            return i + 1;
        }
    }
  return 0;
}

static gboolean G_GNUC_PRINTF (5, 6)
invalid (GError       **error,
         const Source  *source,
         const char    *group,
         const char    *key,
         const char    *format,
         ...)
{
  g_autofree char *what = NULL;
  guint line = group != NULL ? line_of (source, group, key) : 0;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  if (line > 0)
    g_set_error (error, SIG_ORGANISATION_ERROR, SIG_ORGANISATION_ERROR_INVALID,
                 _("%s:%u: error: %s Correct the organisation file, or ask the organisation's administrator to."),
                 source->path, line, what);
  else
    g_set_error (error, SIG_ORGANISATION_ERROR, SIG_ORGANISATION_ERROR_INVALID,
                 _("%s: error: %s Correct the organisation file, or ask the organisation's administrator to."),
                 source->path, what);
  return FALSE;
}

typedef struct {
  const char *group;
  const char *const keys[5];
} Allowed;

static const Allowed allowed[] = {
  { "Organisation", { "Name", "Profiles", "LearnersMayChange", NULL } },
  { "Connection", { "Endpoint", "Key", "AccountHomePage", NULL } },
  { "Feeds", { "Feeds", NULL } },
};

static const Allowed *
allowed_group (const char *group)
{
  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    if (g_str_equal (allowed[i].group, group))
      return &allowed[i];
  return NULL;
}

/* Lines GKeyFile would take without a word: anything but a comment, a group
 * or KEY=VALUE is refused here, with its line. */
static gboolean
check_lines (const Source  *source,
             GError       **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *group = g_strdup ("");

  for (guint i = 0; source->lines[i] != NULL; i++)
    {
      const char *line = source->lines[i];
      const char *end;
      g_autofree char *name = NULL;

      while (g_ascii_isspace (*line))
        line++;
      if (*line == '\0' || *line == '#')
        continue;
      end = *line == '[' ? strchr (line, ']') : strchr (line, '=');
      if (end == NULL)
        {
          g_set_error (error, SIG_ORGANISATION_ERROR, SIG_ORGANISATION_ERROR_INVALID,
                       _("%s:%u: error: This line is neither a [Group], a Key=value nor a # comment. Correct the organisation file, or ask the organisation's administrator to."),
                       source->path, i + 1);
          return FALSE;
        }
      if (*line == '[')
        {
          g_free (group);
          group = g_strndup (line + 1, end - line - 1);
          name = g_strconcat ("[", group, NULL);
        }
      else
        {
          g_autofree char *key = g_strstrip (g_strndup (line, end - line));

          name = g_strconcat (group, "\n", key, NULL);
        }
      if (!g_hash_table_add (seen, g_steal_pointer (&name)))
        {
          g_set_error (error, SIG_ORGANISATION_ERROR, SIG_ORGANISATION_ERROR_INVALID,
                       _("%s:%u: error: This group or key appears a second time; keep one. Correct the organisation file, or ask the organisation's administrator to."),
                       source->path, i + 1);
          return FALSE;
        }
    }
  return TRUE;
}

static char *
get_text (GKeyFile      *file,
          const Source  *source,
          const char    *group,
          const char    *key,
          GError       **error)
{
  g_autofree char *value = NULL;

  if (!g_key_file_has_key (file, group, key, NULL))
    return NULL;
  value = g_key_file_get_string (file, group, key, NULL);
  if (value == NULL || *g_strstrip (value) == '\0')
    {
      invalid (error, source, group, key, _("“%s” has no value."), key);
      return NULL;
    }
  if (strlen (value) > 2048)
    {
      invalid (error, source, group, key, _("“%s” is longer than 2048 characters."), key);
      return NULL;
    }
  return g_steal_pointer (&value);
}

static gboolean
get_url (GKeyFile      *file,
         const Source  *source,
         const char    *group,
         const char    *key,
         const char    *value,
         GError       **error)
{
  if (value == NULL || sig_organisation_url_allowed (value))
    return TRUE;
  (void) file;
  return invalid (error, source, group, key,
                  _("“%s” is not an https address (plain http is allowed to this machine only, and an address holds no user name or password)."),
                  value);
}

static gboolean
parse (GKeyFile         *file,
       const Source     *source,
       SigOrganisation  *organisation,
       GError          **error)
{
  g_auto(GStrv) groups = g_key_file_get_groups (file, NULL);
  GError *local = NULL;

  for (guint i = 0; groups[i] != NULL; i++)
    {
      const Allowed *group = allowed_group (groups[i]);
      g_auto(GStrv) keys = NULL;

      if (group == NULL)
        return invalid (error, source, groups[i], NULL,
                        _("Unknown group [%s]: the groups are [Organisation], [Connection] and [Feeds]."), groups[i]);
      keys = g_key_file_get_keys (file, groups[i], NULL, NULL);
      for (guint k = 0; keys[k] != NULL; k++)
        {
          if (g_ascii_strcasecmp (keys[k], "Secret") == 0 || g_ascii_strcasecmp (keys[k], "Password") == 0)
            return invalid (error, source, groups[i], keys[k],
                            _("The file holds a secret (“%s”). A secret never goes in a file that every account can read: each learner enters it once and it is kept in their keyring."),
                            keys[k]);
          if (!g_strv_contains ((const char * const *) group->keys, keys[k]))
            {
              g_autofree char *known = g_strjoinv (", ", (char **) group->keys);

              return invalid (error, source, groups[i], keys[k],
                              _("Unknown key “%s” in [%s]; the keys there are %s."), keys[k], groups[i], known);
            }
        }
    }
  if (!g_key_file_has_group (file, "Organisation"))
    return invalid (error, source, NULL, NULL, _("The [Organisation] group is missing."));

  organisation->name = get_text (file, source, "Organisation", "Name", &local);
  if (local != NULL)
    goto failed;
  if (organisation->name == NULL)
    return invalid (error, source, "Organisation", NULL, _("The organisation's Name is missing."));

  if (g_key_file_has_key (file, "Organisation", "Profiles", NULL))
    {
      g_auto(GStrv) names = g_key_file_get_string_list (file, "Organisation", "Profiles", NULL, NULL);
      g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
      gboolean all = FALSE;

      for (guint i = 0; names != NULL && names[i] != NULL; i++)
        {
          g_strstrip (names[i]);
          if (*names[i] == '\0')
            continue;
          if (g_str_equal (names[i], "*"))
            all = TRUE;
          else
            g_ptr_array_add (kept, g_strdup (names[i]));
        }
      if (all && kept->len > 0)
        return invalid (error, source, "Organisation", "Profiles",
                        _("Profiles is either * (every profile) or a list of profile names, not both."));
      if (!all && kept->len == 0)
        return invalid (error, source, "Organisation", "Profiles",
                        _("Profiles is empty: give * for every profile, or profile names separated by “;”."));
      if (!all)
        {
          g_ptr_array_add (kept, NULL);
          organisation->profiles = (char **) g_ptr_array_steal (kept, NULL);
        }
    }

  if (g_key_file_has_key (file, "Organisation", "LearnersMayChange", NULL))
    {
      organisation->learners_may_change = g_key_file_get_boolean (file, "Organisation", "LearnersMayChange", &local);
      if (local != NULL)
        {
          g_clear_error (&local);
          return invalid (error, source, "Organisation", "LearnersMayChange",
                          _("LearnersMayChange is true or false."));
        }
    }
  else
    organisation->learners_may_change = TRUE;

  organisation->endpoint = get_text (file, source, "Connection", "Endpoint", &local);
  if (local == NULL)
    organisation->key = get_text (file, source, "Connection", "Key", &local);
  if (local == NULL)
    organisation->account_homepage = get_text (file, source, "Connection", "AccountHomePage", &local);
  if (local != NULL)
    goto failed;
  if (!get_url (file, source, "Connection", "Endpoint", organisation->endpoint, error) ||
      !get_url (file, source, "Connection", "AccountHomePage", organisation->account_homepage, error))
    return FALSE;
  if (organisation->key != NULL && strchr (organisation->key, ':') != NULL)
    return invalid (error, source, "Connection", "Key",
                    _("The key holds a “:”, which HTTP Basic authentication cannot carry."));
  if ((organisation->endpoint == NULL) != (organisation->key == NULL))
    return invalid (error, source, "Connection", NULL,
                    _("[Connection] needs both Endpoint and Key, or neither."));

  if (g_key_file_has_key (file, "Feeds", "Feeds", NULL))
    {
      g_auto(GStrv) feeds = g_key_file_get_string_list (file, "Feeds", "Feeds", NULL, NULL);
      g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; feeds != NULL && feeds[i] != NULL; i++)
        {
          g_strstrip (feeds[i]);
          if (*feeds[i] == '\0')
            continue;
          if (!get_url (file, source, "Feeds", "Feeds", feeds[i], error))
            return FALSE;
          if (!g_ptr_array_find_with_equal_func (kept, feeds[i], g_str_equal, NULL))
            g_ptr_array_add (kept, g_strdup (feeds[i]));
        }
      if (kept->len > MAX_FEEDS)
        return invalid (error, source, "Feeds", "Feeds", _("More than %d feeds."), MAX_FEEDS);
      g_ptr_array_add (kept, NULL);
      g_strfreev (organisation->feeds);
      organisation->feeds = (char **) g_ptr_array_steal (kept, NULL);
    }
  return TRUE;

failed:
  g_propagate_error (error, local);
  return FALSE;
}

SigOrganisation *
sig_organisation_load_file (const char  *path,
                            GError     **error)
{
  g_autoptr(SigOrganisation) organisation = g_new0 (SigOrganisation, 1);
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  Source source = { path, NULL };
  gboolean ok;

  if (!g_file_get_contents (path, &text, &length, &local))
    {
      g_set_error (error, SIG_ORGANISATION_ERROR, SIG_ORGANISATION_ERROR_READ,
                   _("%s: error: The organisation file cannot be read (%s). Check that it exists and that every account may read it."),
                   path, local->message);
      return NULL;
    }
  organisation->path = g_strdup (path);
  organisation->feeds = g_new0 (char *, 1);
  if (length > MAX_FILE_BYTES)
    {
      invalid (error, &source, NULL, NULL, _("The file is larger than 64 KiB."));
      return NULL;
    }
  if (!g_utf8_validate (text, length, NULL) || memchr (text, '\0', length) != NULL)
    {
      invalid (error, &source, NULL, NULL, _("The file is not UTF-8 text."));
      return NULL;
    }
  source.lines = g_strsplit (text, "\n", -1);
  ok = check_lines (&source, error);
  if (ok && !g_key_file_load_from_data (file, text, length, G_KEY_FILE_NONE, &local))
    {
      /* check_lines() catches what GKeyFile refuses but for a repeated group or key */
      invalid (error, &source, NULL, NULL, _("It is not a valid key file (%s)."), local->message);
      ok = FALSE;
    }
  ok = ok && parse (file, &source, organisation, error);
  g_strfreev (source.lines);
  return ok ? g_steal_pointer (&organisation) : NULL;
}

SigOrganisation *
sig_organisation_load_from (const char * const  *dirs,
                            GError             **error)
{
  for (guint i = 0; dirs != NULL && dirs[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dirs[i], "signaal", "organisation.conf", NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return sig_organisation_load_file (path, error);
    }
  return NULL;
}

SigOrganisation *
sig_organisation_load (GError **error)
{
  return sig_organisation_load_from (g_get_system_config_dirs (), error);
}

/* ---- a profile's connection ----------------------------------------------- */

gboolean
sig_organisation_covers (const SigOrganisation *organisation,
                         const char            *profile_name)
{
  if (organisation == NULL)
    return FALSE;
  if (organisation->profiles == NULL)
    return TRUE;
  return profile_name != NULL && g_strv_contains ((const char * const *) organisation->profiles, profile_name);
}

static char *
pick (const char       *organisation_value,
      const char       *profile_value,
      gboolean          profile_may_override,
      SigSettingSource *source)
{
  if (profile_may_override && profile_value != NULL && *profile_value != '\0')
    {
      *source = SIG_SETTING_FROM_PROFILE;
      return g_strdup (profile_value);
    }
  if (organisation_value != NULL)
    {
      *source = SIG_SETTING_FROM_ORGANISATION;
      return g_strdup (organisation_value);
    }
  *source = SIG_SETTING_FROM_NONE;
  return NULL;
}

SigConnection *
sig_connection_resolve (const SigOrganisation *organisation,
                        const char            *profile_name,
                        GHashTable            *settings)
{
  SigConnection *connection = g_new0 (SigConnection, 1);
  gboolean covered = sig_organisation_covers (organisation, profile_name);
  const SigOrganisation *from = covered ? organisation : NULL;
  gboolean may_override;
  const char *value;

#define SETTING(key) (settings != NULL ? (const char *) g_hash_table_lookup (settings, (key)) : NULL)
  connection->locked = from != NULL && !from->learners_may_change && from->endpoint != NULL;
  may_override = !connection->locked;
  connection->organisation = from != NULL ? g_strdup (from->name) : NULL;
  connection->endpoint = pick (from ? from->endpoint : NULL, SETTING (SIG_SETTING_ENDPOINT), may_override,
                               &connection->endpoint_source);
  /* a key belongs to its endpoint: the learner's own endpoint takes the learner's own key */
  if (connection->endpoint_source == SIG_SETTING_FROM_PROFILE && from != NULL &&
      g_strcmp0 (connection->endpoint, from->endpoint) != 0)
    from = NULL;
  connection->key = pick (from ? from->key : NULL, SETTING (SIG_SETTING_KEY), may_override,
                          &connection->key_source);
  connection->account_homepage = pick (from ? from->account_homepage : NULL, SETTING (SIG_SETTING_ACCOUNT_HOMEPAGE),
                                       may_override, &connection->account_homepage_source);
  value = SETTING (SIG_SETTING_ACCOUNT_NAME);
  connection->account_name = value != NULL && *value != '\0' ? g_strdup (value) : NULL;
  value = SETTING (SIG_SETTING_CONSENT);
  connection->consent = value != NULL && *value != '\0' ? g_strdup (value) : NULL;
#undef SETTING
  return connection;
}

gboolean
sig_connection_is_active (const SigConnection *connection)
{
  return connection != NULL && connection->consent != NULL && connection->endpoint != NULL &&
         connection->key != NULL;
}

/* ---- feeds ----------------------------------------------------------------- */

char **
sig_feed_list_parse (const char *value)
{
  g_auto(GStrv) lines = g_strsplit (value != NULL ? value : "", "\n", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] != '\0' && !g_ptr_array_find_with_equal_func (kept, lines[i], g_str_equal, NULL))
        g_ptr_array_add (kept, g_strdup (lines[i]));
    }
  g_ptr_array_add (kept, NULL);
  return (char **) g_ptr_array_steal (kept, NULL);
}

char **
sig_organisation_feeds (const SigOrganisation *organisation,
                        const char * const    *profile_feeds)
{
  g_autoptr(GPtrArray) feeds = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; organisation != NULL && organisation->feeds[i] != NULL; i++)
    g_ptr_array_add (feeds, g_strdup (organisation->feeds[i]));
  for (guint p = 0; profile_feeds != NULL && profile_feeds[p] != NULL; p++)
    {
      g_auto(GStrv) own = sig_feed_list_parse (profile_feeds[p]);

      for (guint i = 0; own[i] != NULL; i++)
        if (!g_ptr_array_find_with_equal_func (feeds, own[i], g_str_equal, NULL))
          g_ptr_array_add (feeds, g_strdup (own[i]));
    }
  g_ptr_array_add (feeds, NULL);
  return (char **) g_ptr_array_steal (feeds, NULL);
}
