/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Prepares the start-up benchmark: a progress store with a learner whose
 * library index holds every course of $SIGNAAL_DATA_DIR/courses (as after a
 * first start), in $XDG_DATA_HOME.
 *   bench-ui-prepare */
#include <stdio.h>

#include "sig-store.h"

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStore) store = sig_store_open (NULL, SIG_STORE_OPEN_DEFAULT, &error);
  g_autoptr(SigProfile) profile = NULL;
  g_autoptr(GPtrArray) courses = NULL;

  if (store == NULL ||
      (profile = sig_store_create_profile (store, "Bench Learner", NULL, "healthcare", "en", &error)) == NULL ||
      !sig_store_set_current_profile (store, sig_profile_get_id (profile), &error) ||
      !sig_store_refresh_library (store, &error) ||
      (courses = sig_store_list_library (store, &error)) == NULL)
    {
      fprintf (stderr, "bench-ui-prepare: %s\n", error->message);
      return 1;
    }
  printf ("%u courses in the library index\n", courses->len);
  return 0;
}
