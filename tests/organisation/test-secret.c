/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The LRS secret in a real keyring (with-keyring.sh starts one): stored, read
 * back, kept apart per profile and endpoint, deleted. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sig-secret.h"

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

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_round_trip),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
