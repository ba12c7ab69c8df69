/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The LRS secret in a real keyring (with-keyring.sh starts one): stored, read
 * back, kept apart per profile and endpoint, deleted. */
#define _GNU_SOURCE  /* memmem */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sig-connection.h"
#include "sig-secret.h"
#include "sig-store-outbox.h"

#define ENDPOINT_A "https://lrs.example.org/xAPI/"
#define ENDPOINT_B "https://ander.example.org/xAPI/"

static void
test_round_trip (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  /* a keyring that does not answer fails the test: nothing is skipped */
  if (!sig_secret_store ("profile-1", ENDPOINT_A, "geheim-één", NULL, &error))
    fail_msg ("%s", error->message);
  found = sig_secret_lookup ("profile-1", ENDPOINT_A, NULL, &error);
  assert_null (error);
  assert_non_null (found);
  assert_string_equal (found, "geheim-één");
  g_clear_pointer (&found, g_free);

  /* a new secret replaces the old one */
  assert_true (sig_secret_store ("profile-1", ENDPOINT_A, "geheim-twee", NULL, NULL));
  found = sig_secret_lookup ("profile-1", ENDPOINT_A, NULL, NULL);
  assert_string_equal (found, "geheim-twee");
  g_clear_pointer (&found, g_free);

  /* another profile or another endpoint does not see it */
  assert_null (sig_secret_lookup ("profile-2", ENDPOINT_A, NULL, &error));
  assert_null (error);
  assert_null (sig_secret_lookup ("profile-1", ENDPOINT_B, NULL, &error));
  assert_null (error);

  /* clearing one endpoint keeps the other; clearing the profile removes all */
  assert_true (sig_secret_store ("profile-1", ENDPOINT_B, "geheim-b", NULL, NULL));
  assert_true (sig_secret_store ("profile-2", ENDPOINT_A, "geheim-p2", NULL, NULL));
  assert_true (sig_secret_clear ("profile-1", ENDPOINT_A, NULL, &error));
  assert_null (sig_secret_lookup ("profile-1", ENDPOINT_A, NULL, NULL));
  found = sig_secret_lookup ("profile-1", ENDPOINT_B, NULL, NULL);
  assert_string_equal (found, "geheim-b");
  g_clear_pointer (&found, g_free);
  assert_true (sig_secret_clear ("profile-1", NULL, NULL, &error));
  assert_null (sig_secret_lookup ("profile-1", ENDPOINT_B, NULL, NULL));
  found = sig_secret_lookup ("profile-2", ENDPOINT_A, NULL, NULL);
  assert_string_equal (found, "geheim-p2");
  assert_true (sig_secret_clear ("profile-2", NULL, NULL, NULL));
  /* clearing what is not there is fine */
  assert_true (sig_secret_clear ("profile-2", NULL, NULL, &error));
  assert_null (error);
}

static gboolean
file_holds (const char *path,
            const char *needle)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return FALSE;
  return memmem (data, length, needle, strlen (needle)) != NULL;
}

/* Turning a connection on puts the secret in the keyring and only there: the
 * bytes of the progress database (and its write-ahead log) never hold it. */
static void
test_secret_not_in_database (void **state)
{
  const char *secret = "Zeer-Geheim-7f3a91";
  g_autofree char *tmp = g_dir_make_tmp ("signaal-secret-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (tmp, "progress.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStore) store = sig_store_open (db, SIG_STORE_OPEN_DEFAULT, &error);
  g_autoptr(SigProfile) profile = NULL;
  g_autoptr(SigStoreConnection) connection = NULL;
  g_autofree char *found = NULL;
  g_autofree char *profile_id = NULL;

  assert_non_null (store);
  profile = sig_store_create_profile (store, "Anna", NULL, NULL, "nl", &error);
  assert_non_null (profile);
  profile_id = g_strdup (sig_profile_get_id (profile));
  if (!sig_connection_connect (store, NULL, profile_id, ENDPOINT_A, "signaal-leden", NULL, "S12345", secret, &error))
    fail_msg ("%s", error->message);
  connection = sig_store_get_connection (store, profile_id, &error);
  assert_non_null (connection);
  assert_string_equal (connection->key, "signaal-leden");
  found = sig_secret_lookup (profile_id, ENDPOINT_A, NULL, NULL);
  assert_string_equal (found, secret);
  /* the write-ahead log as it is, then the database after a checkpoint */
  assert_true (file_holds (wal, "signaal-leden") || file_holds (db, "signaal-leden"));
  assert_false (file_holds (wal, secret));
  g_clear_object (&store);
  assert_true (file_holds (db, "signaal-leden"));   /* the check can see what is there */
  assert_false (file_holds (db, secret));
  assert_false (file_holds (wal, secret));

  /* stopping removes the settings and the secret */
  store = sig_store_open (db, SIG_STORE_OPEN_DEFAULT, &error);
  assert_true (sig_connection_disconnect (store, profile_id, &error));
  g_clear_pointer (&connection, sig_store_connection_free);
  connection = sig_store_get_connection (store, profile_id, &error);
  assert_null (connection);
  assert_null (error);
  assert_null (sig_secret_lookup (profile_id, ENDPOINT_A, NULL, NULL));
  g_clear_object (&store);
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", tmp);

    (void) system (command);
  }
}

/* signaal-course sync over a learner's configured connection takes the secret
 * from the keyring; without one there it says so and sends nothing. */
static void
test_cli_sync_uses_keyring (void **state)
{
  g_autofree char *tmp = g_dir_make_tmp ("signaal-secret-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (tmp, "progress.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStore) store = sig_store_open (db, SIG_STORE_OPEN_DEFAULT, &error);
  g_autoptr(SigProfile) profile = NULL;
  g_autofree char *profile_id = NULL;
  g_auto(GStrv) env = g_environ_unsetenv (g_get_environ (), "SIGNAAL_LRS_SECRET");
  const char *argv[] = { g_getenv ("SIGNAAL_COURSE"), "sync", "--db", db, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = -1;

  assert_non_null (argv[0]);
  assert_non_null (store);
  profile = sig_store_create_profile (store, "Anna", NULL, NULL, "en", &error);
  assert_non_null (profile);
  profile_id = g_strdup (sig_profile_get_id (profile));
  if (!sig_connection_connect (store, NULL, profile_id, "http://127.0.0.1:9/xAPI/", "signaal-leden", NULL, "S12345",
                               "Zeer-Geheim-7f3a91", &error))
    fail_msg ("%s", error->message);
  g_clear_object (&store);

  env = g_environ_setenv (env, "LANGUAGE", "en", TRUE);
  assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  assert_null (strstr (err, "No secret"));
  assert_null (strstr (err, "keyring"));
  assert_non_null (strstr (out, "Anna: 0 sent"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  assert_true (sig_secret_clear (profile_id, NULL, NULL, &error));
  assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  assert_false (g_spawn_check_wait_status (status, NULL));
  assert_non_null (strstr (err, "no secret for the learning record store in the keyring"));
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", tmp);

    (void) system (command);
  }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_round_trip),
    cmocka_unit_test (test_secret_not_in_database),
    cmocka_unit_test (test_cli_sync_uses_keyring),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
