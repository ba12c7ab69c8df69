/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store-writer DB COURSE PROFILE COUNT
 *
 * Records COUNT answers (0: until killed) for PROFILE (made when missing) and
 * prints "ack N" after each call returned, that is after its COMMIT. The
 * fault tests kill it at random moments and run two at once; every
 * acknowledged answer must then be in the database. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "sig-loader.h"
#include "sig-store.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStore) store = NULL;
  g_autoptr(SigCourse) course = NULL;
  g_autoptr(SigProfile) profile = NULL;
  guint64 count = 0;
  static const char *questions[][3] = {
    { "m-see", "q-tf", "true" },
    { "m-see", "q-tf", "false" },
    { "m-act", "q-order", "s1,s2,s3" },
  };

  if (argc != 5 || !g_ascii_string_to_unsigned (argv[4], 10, 0, G_MAXUINT32, &count, NULL))
    {
      g_printerr ("usage: store-writer DB COURSE PROFILE COUNT\n");
      return 2;
    }
  if ((store = sig_store_open (argv[1], SIG_STORE_OPEN_DEFAULT, &error)) == NULL ||
      (course = sig_loader_load_course (argv[2], &error)) == NULL)
    {
      g_printerr ("store-writer: %s\n", error->message);
      return 1;
    }
  if ((profile = sig_store_find_profile (store, argv[3], NULL)) == NULL &&
      (profile = sig_store_create_profile (store, argv[3], NULL, NULL, NULL, &error)) == NULL)
    {
      g_printerr ("store-writer: %s\n", error->message);
      return 1;
    }
  printf ("ready\n");
  fflush (stdout);
  for (guint64 i = 0; count == 0 || i < count; i++)
    {
      const char **q = questions[i % G_N_ELEMENTS (questions)];

      if (!sig_store_record_answer (store, sig_profile_get_id (profile), course, q[0], q[1], q[2], NULL, &error))
        {
          g_printerr ("store-writer: %s\n", error->message);
          return 1;
        }
      printf ("ack %" G_GUINT64_FORMAT "\n", i + 1);
      fflush (stdout);
    }
  return 0;
}
