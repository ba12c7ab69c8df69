/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The helplines file: regions, the learner's region first, Guiami only on
 * Bonaire, and the check dates that lint reads. */
#include "config.h"

#include "sig-helplines.h"
#include "sig-loader.h"
#include "sig-test-util.h"

static SigHelplines *
load_bundled (void)
{
  g_autofree char *path = g_build_filename (SOURCE_DIR, "content", "helplines.xml", NULL);
  g_autoptr(GError) error = NULL;
  SigHelplines *helplines = sig_helplines_load (path, &error);

  if (helplines == NULL)
    fail_msg ("%s", error->message);
  return helplines;
}

static gboolean
contains (GPtrArray  *helplines,
          const char *id)
{
  for (guint i = 0; i < helplines->len; i++)
    if (g_str_equal (((SigHelpline *) helplines->pdata[i])->id, id))
      return TRUE;
  return FALSE;
}

static void
test_guiami_only_on_bonaire (void **state)
{
  g_autoptr(SigHelplines) helplines = load_bundled ();
  const SigHelpline *guiami = sig_helplines_find (helplines, "guiami");

  assert_non_null (guiami);
  assert_int_equal (g_strv_length (guiami->regions), 1);
  assert_string_equal (guiami->regions[0], "bonaire");
  for (guint i = 0; sig_regions ()[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) found = sig_helplines_for_region (helplines, sig_regions ()[i]);

      assert_int_equal (contains (found, "guiami"), g_str_equal (sig_regions ()[i], "bonaire"));
    }
}

static void
test_every_region_has_its_lines (void **state)
{
  g_autoptr(SigHelplines) helplines = load_bundled ();
  static const char *const expected[][2] = {
    { "nl", "veilig-thuis" },
    { "bonaire", "guiami" },
    { "sint-eustatius", "statia-social-support" },
    { "saba", "saba-public-entity" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GPtrArray) found = sig_helplines_for_region (helplines, expected[i][0]);
      gboolean urgent = FALSE;

      assert_true (contains (found, expected[i][1]));
      for (guint j = 0; j < found->len; j++)
        urgent |= ((SigHelpline *) found->pdata[j])->urgent;
      assert_true (urgent);   /* an emergency number in every region */
    }
  /* Statia and Saba have no verified number yet: none is invented. */
  assert_null (sig_helplines_find (helplines, "statia-social-support")->number);
  assert_null (sig_helplines_find (helplines, "saba-public-entity")->number);
  /* The islands' emergency number serves all three islands, not the European part. */
  assert_true (sig_helpline_serves (sig_helplines_find (helplines, "cn-emergency"), "saba"));
  assert_false (sig_helpline_serves (sig_helplines_find (helplines, "cn-emergency"), "nl"));
}

static void
test_region_order (void **state)
{
  g_auto(GStrv) saba = sig_regions_ordered ("saba");
  g_auto(GStrv) nl = sig_regions_ordered ("nl");
  g_auto(GStrv) unknown = sig_regions_ordered ("atlantis");
  const char *const saba_first[] = { "saba", "nl", "bonaire", "sint-eustatius", NULL };

  assert_true (g_strv_equal ((const char *const *) saba, saba_first));
  assert_true (g_strv_equal ((const char *const *) nl, sig_regions ()));
  assert_true (g_strv_equal ((const char *const *) unknown, sig_regions ()));
  assert_true (sig_region_is_known ("sint-eustatius"));
  assert_false (sig_region_is_known ("cn"));
}

static void
test_bad_region_is_named (void **state)
{
  g_autofree char *dir = g_dir_make_tmp ("signaal-helplines-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "helplines.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SigHelplines) helplines = NULL;

  sig_test_write (path,
                  "<helplines xmlns=\"urn:signaal:course:1\" format=\"1\">\n"
                  "  <helpline id=\"a\" region=\"nl\" number=\"112\" checked=\"2025\"><name>A</name><description>A</description></helpline>\n"
                  "  <helpline id=\"b\" region=\"bonaire cn\" number=\"911\" checked=\"2025\"><name>B</name><description>B</description></helpline>\n"
                  "</helplines>\n");
  helplines = sig_helplines_load (path, &error);
  assert_null (helplines);
  sig_test_assert_error_at (error, SIG_LOADER_ERROR_IO, path, 3);
  assert_non_null (strstr (error->message, "unknown region “cn”"));

  g_clear_error (&error);
  sig_test_write (path,
                  "<helplines xmlns=\"urn:signaal:course:1\" format=\"1\">\n"
                  "  <helpline id=\"a\" number=\"112\" checked=\"2025\"><name>A</name><description>A</description></helpline>\n"
                  "</helplines>\n");
  helplines = sig_helplines_load (path, &error);
  assert_null (helplines);
  sig_test_assert_error_at (error, SIG_LOADER_ERROR_IO, path, 2);
  assert_non_null (strstr (error->message, "has no region"));
  sig_test_remove_tree (dir);
}

static void
test_checked_dates (void **state)
{
  g_autoptr(GDate) today = g_date_new_dmy (6, G_DATE_DECEMBER, 2026);

  assert_false (sig_checked_is_stale ("2026-12-06", today));
  assert_false (sig_checked_is_stale ("2025-12-06", today));   /* exactly 12 months */
  assert_true (sig_checked_is_stale ("2025-12-05", today));
  assert_false (sig_checked_is_stale ("2025-12", today));      /* a month counts from its last day */
  assert_true (sig_checked_is_stale ("2025-11", today));
  assert_false (sig_checked_is_stale ("2025", today));         /* a year too: until 1 January 2027 */
  assert_true (sig_checked_is_stale ("2024", today));
  assert_true (sig_checked_is_stale ("2025-02-30", today));    /* not a date */
  assert_true (sig_checked_is_stale ("soon", today));
  assert_true (sig_checked_is_stale (NULL, today));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_guiami_only_on_bonaire),
    cmocka_unit_test (test_every_region_has_its_lines),
    cmocka_unit_test (test_region_order),
    cmocka_unit_test (test_bad_region_is_named),
    cmocka_unit_test (test_checked_dates),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
