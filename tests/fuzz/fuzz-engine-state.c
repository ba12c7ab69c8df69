/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: any bytes as a saved scenario state (the JSON the progress
 * store keeps), resumed against each bundled scenario. A state is either
 * refused with a message or resumes to a state that saves and resumes again
 * to the same place. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sig-engine.h"
#include "sig-loader.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static GPtrArray *scenarios;

static void
load_scenarios (void)
{
  const char *dir_path = FUZZ_SOURCE_DIR "/scenarios";
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  scenarios = g_ptr_array_new ();
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autoptr(GError) error = NULL;
      SigScenario *scenario;

      if (!g_str_has_suffix (name, ".xml"))
        continue;
      if ((scenario = sig_loader_load_scenario (path, &error)) == NULL)
        g_error ("%s", error->message);
      g_ptr_array_add (scenarios, scenario);
    }
  if (scenarios->len == 0)
    g_error ("No scenarios in %s", dir_path);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *json = g_strndup ((const char *) data, size);

  if (scenarios == NULL)
    load_scenarios ();
  for (guint i = 0; i < scenarios->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SigEngine) engine = sig_engine_deserialize (scenarios->pdata[i], json, &error);
      g_autoptr(SigEngine) again = NULL;
      g_autoptr(GPtrArray) choices = NULL;
      g_autofree char *saved = NULL;
      g_autofree char *key1 = NULL;
      g_autofree char *key2 = NULL;

      if (engine == NULL)
        {
          g_assert (error != NULL && error->message != NULL);
          /* a message names what was wrong, never a missing string */
          g_assert (strstr (error->message, "(null)") == NULL || strstr (json, "(null)") != NULL);
          continue;
        }
      g_assert (error == NULL);
      choices = sig_engine_get_choices (engine);
      saved = sig_engine_serialize (engine);
      again = sig_engine_deserialize (scenarios->pdata[i], saved, &error);
      if (again == NULL)
        g_error ("A resumed state does not resume again: %s\n%s", error->message, saved);
      key1 = sig_engine_state_key (engine);
      key2 = sig_engine_state_key (again);
      g_assert_cmpstr (key1, ==, key2);
    }
  return 0;
}
