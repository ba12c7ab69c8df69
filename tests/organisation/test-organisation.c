/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The organisation file: found in $XDG_CONFIG_DIRS order, parsed strictly
 * with FILE:LINE in every error, and combined with a profile's own settings. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sig-organisation.h"

static char *tmp;
static char *first;   /* $XDG_CONFIG_DIRS is FIRST:SECOND */
static char *second;

static char *
write_conf (const char *dir,
            const char *text)
{
  g_autofree char *folder = g_build_filename (dir, "signaal", NULL);
  char *path = g_build_filename (folder, "organisation.conf", NULL);

  g_assert (g_mkdir_with_parents (folder, 0755) == 0);
  g_assert (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
remove_conf (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "signaal", "organisation.conf", NULL);

  g_remove (path);
}

static int
setup (void **state)
{
  remove_conf (first);
  remove_conf (second);
  return 0;
}

static const char *full =
  "# Vereniging Veilig Thuis, for every account on this machine\n"
  "[Organisation]\n"
  "Name=Vereniging Veilig Thuis\n"
  "Profiles=Anna;Bram\n"
  "LearnersMayChange=false\n"
  "\n"
  "[Connection]\n"
  "Endpoint=https://lrs.example.org/xAPI/\n"
  "Key=signaal-leden\n"
  "AccountHomePage=https://leden.example.org/\n"
  "\n"
  "[Feeds]\n"
  "Feeds=https://cursussen.example.org/feed.json;http://127.0.0.1:8080/feed.json\n";

static void
test_none (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SigOrganisation) organisation = sig_organisation_load (&error);

  assert_null (organisation);
  assert_null (error);
}

static void
test_first_found_wins (void **state)
{
  g_autofree char *in_second = write_conf (second, "[Organisation]\nName=Tweede\n");
  g_autoptr(SigOrganisation) organisation = NULL;
  g_autofree char *in_first = NULL;

  organisation = sig_organisation_load (NULL);
  assert_non_null (organisation);
  assert_string_equal (organisation->name, "Tweede");
  assert_string_equal (organisation->path, in_second);
  g_clear_pointer (&organisation, sig_organisation_free);

  in_first = write_conf (first, "[Organisation]\nName=Eerste\n");
  organisation = sig_organisation_load (NULL);
  assert_string_equal (organisation->name, "Eerste");
  assert_string_equal (organisation->path, in_first);
  /* a minimal file: every profile, learners may change it, no connection, no feeds */
  assert_null (organisation->profiles);
  assert_true (organisation->learners_may_change);
  assert_null (organisation->endpoint);
  assert_null (organisation->feeds[0]);
}

static void
test_full (void **state)
{
  g_autofree char *path = write_conf (first, full);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigOrganisation) organisation = sig_organisation_load (&error);

  assert_null (error);
  assert_string_equal (organisation->name, "Vereniging Veilig Thuis");
  assert_int_equal (g_strv_length (organisation->profiles), 2);
  assert_string_equal (organisation->profiles[1], "Bram");
  assert_false (organisation->learners_may_change);
  assert_string_equal (organisation->endpoint, "https://lrs.example.org/xAPI/");
  assert_string_equal (organisation->key, "signaal-leden");
  assert_string_equal (organisation->account_homepage, "https://leden.example.org/");
  assert_int_equal (g_strv_length (organisation->feeds), 2);
  assert_true (sig_organisation_covers (organisation, "Anna"));
  assert_false (sig_organisation_covers (organisation, "Chris"));
}

/* Each bad file is refused with the file and the line of the problem. */
static void
test_strict (void **state)
{
  static const struct { const char *text; guint line; const char *says; } cases[] = {
    { "[Organisation]\nName=X\nColour=red\n", 3, "Unknown key" },
    { "[Organisation]\nName=X\n[Printer]\nModel=1\n", 3, "Unknown group" },
    { "[Organisation]\nName=X\n[Connection]\nEndpoint=https://a.example/\nKey=k\nSecret=hunter2\n", 6, "secret" },
    { "[Organisation]\nName=X\n[Connection]\nEndpoint=http://lrs.example.org/\nKey=k\n", 4, "https" },
    { "[Organisation]\nName=X\n[Connection]\nEndpoint=https://u:p@lrs.example.org/\nKey=k\n", 4, "https" },
    { "[Organisation]\nName=X\n[Feeds]\nFeeds=https://a.example/f.json;file:///etc/passwd\n", 4, "https" },
    { "[Organisation]\nName=X\nName=Y\n", 3, "second time" },
    { "[Organisation]\nName=X\nthis is not a setting\n", 3, "neither" },
    { "[Organisation]\nName=X\nLearnersMayChange=perhaps\n", 3, "true or false" },
    { "[Organisation]\nName=X\nProfiles=*;Anna\n", 3, "not both" },
    { "[Organisation]\nName=X\nProfiles=;\n", 3, "empty" },
    { "[Organisation]\nName=\n", 2, "no value" },
    { "[Organisation]\nName=X\n\n[Connection]\nEndpoint=https://a.example/\n", 4, "both" },
    { "[Organisation]\nName=X\n[Connection]\nEndpoint=https://a.example/\nKey=a:b\n", 5, "“:”" },
    { "[Connection]\nEndpoint=https://a.example/\nKey=k\n", 0, "[Organisation] group is missing" },
    { "[Organisation]\nName=\xff\n", 0, "UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_conf (first, cases[i].text);
      g_autofree char *where = cases[i].line > 0 ? g_strdup_printf ("%s:%u: error: ", path, cases[i].line)
                                                 : g_strdup_printf ("%s: error: ", path);
      g_autoptr(GError) error = NULL;
      g_autoptr(SigOrganisation) organisation = sig_organisation_load (&error);

      if (organisation != NULL || error == NULL)
        fail_msg ("case %u was accepted:\n%s", i, cases[i].text);
      assert_true (g_error_matches (error, SIG_ORGANISATION_ERROR, SIG_ORGANISATION_ERROR_INVALID));
      if (!g_str_has_prefix (error->message, where) || strstr (error->message, cases[i].says) == NULL)
        fail_msg ("case %u: expected “%s…%s”, got “%s”", i, where, cases[i].says, error->message);
    }
}

static void
test_unreadable (void **state)
{
  g_autofree char *path = write_conf (first, full);
  g_autoptr(GError) error = NULL;

  g_remove (path);
  g_assert (g_mkdir (path, 0755) == 0);   /* a folder where the file should be */
  assert_null (sig_organisation_load (&error));
  assert_true (g_error_matches (error, SIG_ORGANISATION_ERROR, SIG_ORGANISATION_ERROR_READ));
  assert_non_null (strstr (error->message, path));
  g_rmdir (path);
}

static GHashTable *
settings (const char *first_key,
          ...)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *key = first_key;
  va_list args;

  va_start (args, first_key);
  while (key != NULL)
    {
      g_hash_table_insert (table, g_strdup (key), g_strdup (va_arg (args, const char *)));
      key = va_arg (args, const char *);
    }
  va_end (args);
  return table;
}

static void
test_resolve (void **state)
{
  g_autofree char *path = write_conf (first, full);
  g_autoptr(SigOrganisation) locked = sig_organisation_load (NULL);
  g_autoptr(SigOrganisation) open = NULL;
  g_autoptr(GHashTable) own = settings (SIG_SETTING_ENDPOINT, "https://eigen.example/xAPI/",
                                        SIG_SETTING_KEY, "eigen-sleutel",
                                        SIG_SETTING_ACCOUNT_NAME, "S12345",
                                        NULL);
  g_autoptr(GHashTable) only_name = settings (SIG_SETTING_ACCOUNT_NAME, "S12345",
                                              SIG_SETTING_CONSENT, "1780000000000000", NULL);
  SigConnection *connection;

  /* locked: the organisation's values win; the account name is the learner's */
  connection = sig_connection_resolve (locked, "Anna", own);
  assert_true (connection->locked);
  assert_string_equal (connection->organisation, "Vereniging Veilig Thuis");
  assert_string_equal (connection->endpoint, "https://lrs.example.org/xAPI/");
  assert_int_equal (connection->endpoint_source, SIG_SETTING_FROM_ORGANISATION);
  assert_string_equal (connection->key, "signaal-leden");
  assert_string_equal (connection->account_name, "S12345");
  assert_false (sig_connection_is_active (connection));   /* no consent yet */
  sig_connection_free (connection);

  connection = sig_connection_resolve (locked, "Anna", only_name);
  assert_true (sig_connection_is_active (connection));
  sig_connection_free (connection);

  /* a profile the organisation does not cover has only its own settings */
  connection = sig_connection_resolve (locked, "Chris", only_name);
  assert_null (connection->organisation);
  assert_null (connection->endpoint);
  assert_false (connection->locked);
  assert_false (sig_connection_is_active (connection));
  sig_connection_free (connection);

  /* learners may change it: their endpoint and key override, the home page stays */
  g_free (write_conf (first, "[Organisation]\nName=School\nLearnersMayChange=true\n"
                     "[Connection]\nEndpoint=https://lrs.school.example/\nKey=school\n"
                     "AccountHomePage=https://school.example/\n"));
  open = sig_organisation_load (NULL);
  connection = sig_connection_resolve (open, "Anna", own);
  assert_false (connection->locked);
  assert_string_equal (connection->endpoint, "https://eigen.example/xAPI/");
  assert_int_equal (connection->endpoint_source, SIG_SETTING_FROM_PROFILE);
  assert_string_equal (connection->key, "eigen-sleutel");
  assert_int_equal (connection->key_source, SIG_SETTING_FROM_PROFILE);
  sig_connection_free (connection);

  /* the organisation's key is never sent to another endpoint */
  {
    g_autoptr(GHashTable) endpoint_only = settings (SIG_SETTING_ENDPOINT, "https://eigen.example/xAPI/", NULL);

    connection = sig_connection_resolve (open, "Anna", endpoint_only);
    assert_string_equal (connection->endpoint, "https://eigen.example/xAPI/");
    assert_null (connection->key);
    sig_connection_free (connection);
  }

  /* without settings: the organisation's values */
  connection = sig_connection_resolve (open, "Anna", NULL);
  assert_string_equal (connection->endpoint, "https://lrs.school.example/");
  assert_string_equal (connection->account_homepage, "https://school.example/");
  assert_int_equal (connection->account_homepage_source, SIG_SETTING_FROM_ORGANISATION);
  sig_connection_free (connection);

  /* no organisation at all */
  connection = sig_connection_resolve (NULL, "Anna", own);
  assert_string_equal (connection->endpoint, "https://eigen.example/xAPI/");
  assert_null (connection->organisation);
  sig_connection_free (connection);
}

static void
test_feeds (void **state)
{
  g_autofree char *path = write_conf (first, full);
  g_autoptr(SigOrganisation) organisation = sig_organisation_load (NULL);
  const char *own[] = { "https://eigen.example/feed.json\n\n  https://cursussen.example.org/feed.json \n",
                        "https://eigen.example/feed.json\nhttps://ander.example/feed.json", NULL };
  g_auto(GStrv) feeds = sig_organisation_feeds (organisation, own);

  assert_int_equal (g_strv_length (feeds), 4);
  assert_string_equal (feeds[0], "https://cursussen.example.org/feed.json");
  assert_string_equal (feeds[1], "http://127.0.0.1:8080/feed.json");
  assert_string_equal (feeds[2], "https://eigen.example/feed.json");
  assert_string_equal (feeds[3], "https://ander.example/feed.json");
  g_strfreev (feeds);
  feeds = sig_organisation_feeds (NULL, NULL);
  assert_null (feeds[0]);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup (test_none, setup),
    cmocka_unit_test_setup (test_first_found_wins, setup),
    cmocka_unit_test_setup (test_full, setup),
    cmocka_unit_test_setup (test_strict, setup),
    cmocka_unit_test_setup (test_unreadable, setup),
    cmocka_unit_test_setup (test_resolve, setup),
    cmocka_unit_test_setup (test_feeds, setup),
  };
  g_autofree char *dirs = NULL;
  int failed;

  tmp = g_dir_make_tmp ("signaal-organisation-XXXXXX", NULL);
  first = g_build_filename (tmp, "first", NULL);
  second = g_build_filename (tmp, "second", NULL);
  dirs = g_strjoin (G_SEARCHPATH_SEPARATOR_S, first, second, NULL);
  /* before anything asks GLib for the system folders: it keeps the first answer */
  g_setenv ("XDG_CONFIG_DIRS", dirs, TRUE);
  failed = cmocka_run_group_tests (tests, NULL, NULL);
  remove_conf (first);
  remove_conf (second);
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", tmp);

    (void) system (command);
  }
  return failed;
}
