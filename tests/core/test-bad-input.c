/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One test per class of hostile or broken input: each is refused with the
 * right error and names the file and the line where it went wrong. */
#include "config.h"

#include <glib/gstdio.h>
#include <fcntl.h>
#include <unistd.h>

#include "sig-catalog.h"
#include "sig-lint.h"
#include "sig-test-util.h"

static char *
bad (const char *name)
{
  return g_build_filename (SOURCE_DIR, "tests", "fixtures", "bad", name, NULL);
}

/* Loads @path and expects the loader to refuse it with @code at @line. */
static void
expect_refused (const char *path,
                int         code,
                guint       line)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SigCourse) course = NULL;
  g_autoptr(SigScenario) scenario = NULL;
  SigDocumentKind kind;
  g_autofree char *file = g_file_test (path, G_FILE_TEST_IS_DIR) ? g_build_filename (path, "course.xml", NULL)
                                                                 : g_strdup (path);

  assert_false (sig_loader_load (path, &kind, &course, &scenario, &error));
  assert_null (course);
  assert_null (scenario);
  sig_test_assert_error_at (error, code, file, line);
}

static void
test_not_xml (void **state)
{
  g_autofree char *path = bad ("not-xml.xml");
  expect_refused (path, SIG_LOADER_ERROR_NOT_XML, 1);
}

static void
test_empty (void **state)
{
  g_autofree char *path = bad ("empty.xml");
  g_autoptr(GError) error = NULL;
  SigCourse *course = NULL;
  SigScenario *scenario = NULL;
  SigDocumentKind kind;

  assert_false (sig_loader_load (path, &kind, &course, &scenario, &error));
  sig_test_assert_error_at (error, SIG_LOADER_ERROR_NOT_XML, path, 0);
  assert_non_null (strstr (error->message, "empty"));
}

static void
test_truncated (void **state)
{
  g_autofree char *path = bad ("truncated.xml");
  g_autofree char *contents = NULL;
  guint lines = 1;

  /* libxml2 notices the end of the data on the last line */
  assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  for (const char *p = contents; *p; p++)
    lines += *p == '\n';
  expect_refused (path, SIG_LOADER_ERROR_NOT_XML, lines);
}

static void
test_wrong_namespace (void **state)
{
  g_autofree char *path = bad ("wrong-namespace.xml");
  expect_refused (path, SIG_LOADER_ERROR_UNSUPPORTED, 2);
}

static void
test_xxe (void **state)
{
  g_autofree char *path = bad ("xxe.xml");
  expect_refused (path, SIG_LOADER_ERROR_FORBIDDEN, 2);
}

static void
test_external_dtd (void **state)
{
  g_autofree char *path = bad ("external-dtd.xml");
  expect_refused (path, SIG_LOADER_ERROR_FORBIDDEN, 2);
}

static void
test_billion_laughs (void **state)
{
  g_autofree char *path = bad ("billion-laughs.xml");
  expect_refused (path, SIG_LOADER_ERROR_FORBIDDEN, 2);
}

static void
test_xinclude (void **state)
{
  g_autofree char *path = bad ("xinclude.xml");
  expect_refused (path, SIG_LOADER_ERROR_FORBIDDEN, 5);
}

static void
test_invalid_utf8 (void **state)
{
  g_autofree char *path = bad ("invalid-utf8.xml");
  g_autoptr(GError) error = NULL;
  SigCourse *course = NULL;
  SigScenario *scenario = NULL;
  SigDocumentKind kind;

  expect_refused (path, SIG_LOADER_ERROR_NOT_XML, 3);
  assert_false (sig_loader_load (path, &kind, &course, &scenario, &error));
  /* the column of the first bad byte: after '  <title xml:lang="en">Caf' */
  assert_non_null (strstr (error->message, ":3:27:"));
}

/* Writes a file made of @head, @count times @unit, then @tail. */
static char *
write_generated (const char *name,
                 const char *head,
                 const char *unit,
                 guint       count,
                 const char *tail)
{
  g_autofree char *dir = g_dir_make_tmp ("signaal-bad-XXXXXX", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GString) str = g_string_new (head);

  for (guint i = 0; i < count; i++)
    g_string_append (str, unit);
  g_string_append (str, tail);
  assert_true (g_file_set_contents (path, str->str, (gssize) str->len, NULL));
  return path;
}

static void
test_deep_nesting (void **state)
{
  g_autofree char *path = write_generated ("deep.xml",
                                           "<?xml version=\"1.0\"?>\n<course xmlns=\"urn:signaal:course:1\">\n",
                                           "<p>", 200000, "\n");
  /* refused on line 3, where the nesting goes past the limit, long before the 200,000th level */
  expect_refused (path, SIG_LOADER_ERROR_TOO_LARGE, 3);
}

static void
test_many_attributes (void **state)
{
  g_autoptr(GString) attrs = g_string_new (NULL);
  g_autofree char *path = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (attrs, " a%u=\"x\"", i);
  path = write_generated ("attributes.xml", "<?xml version=\"1.0\"?>\n<course xmlns=\"urn:signaal:course:1\"\n  ",
                          attrs->str, 1, "/>\n");
  /* the element starts on line 2 */
  expect_refused (path, SIG_LOADER_ERROR_TOO_LARGE, 2);
}

static void
test_huge_file (void **state)
{
  g_autofree char *dir = g_dir_make_tmp ("signaal-bad-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.xml", NULL);
  int fd = g_open (path, O_CREAT | O_WRONLY, 0600);

  /* 120 MB (sparse): refused from its size, without reading it */
  assert_true (fd >= 0);
  assert_int_equal (ftruncate (fd, (off_t) 120 * 1000 * 1000), 0);
  close (fd);
  expect_refused (path, SIG_LOADER_ERROR_TOO_LARGE, 0);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_duplicate_id (void **state)
{
  g_autofree char *path = bad ("duplicate-id.xml");
  expect_refused (path, SIG_LOADER_ERROR_INVALID, sig_test_line_of (path, "<node id=\"n-one\" speaker=\"you\">"));
}

static void
test_dangling_id (void **state)
{
  g_autofree char *path = bad ("dangling-id.xml");
  expect_refused (path, SIG_LOADER_ERROR_INVALID, sig_test_line_of (path, "goto=\"end-nowhere\""));
}

static void
test_cycle_without_exit (void **state)
{
  g_autofree char *path = bad ("cycle-no-exit.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(SigScenario) scenario = sig_loader_load_scenario (path, &error);
  g_autoptr(GPtrArray) diagnostics = NULL;

  /* Well-formed and valid, but lint finds the loop at the node where it starts. */
  assert_non_null (scenario);
  diagnostics = sig_lint_scenario (scenario, NULL);
  sig_test_assert_diagnostic (diagnostics, "loop with no way out", sig_test_line_of (path, "<node id=\"n-two\""));
}

static void
test_media_escape (void **state)
{
  g_autofree char *path = bad ("media-escape");
  g_autofree char *file = g_build_filename (path, "course.xml", NULL);

  expect_refused (path, SIG_LOADER_ERROR_FORBIDDEN, sig_test_line_of (file, "../../etc/passwd"));
}

static void
test_missing_file (void **state)
{
  g_autofree char *path = bad ("does-not-exist.xml");
  expect_refused (path, SIG_LOADER_ERROR_IO, 0);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_not_xml),
    cmocka_unit_test (test_empty),
    cmocka_unit_test (test_truncated),
    cmocka_unit_test (test_wrong_namespace),
    cmocka_unit_test (test_xxe),
    cmocka_unit_test (test_external_dtd),
    cmocka_unit_test (test_billion_laughs),
    cmocka_unit_test (test_xinclude),
    cmocka_unit_test (test_invalid_utf8),
    cmocka_unit_test (test_deep_nesting),
    cmocka_unit_test (test_many_attributes),
    cmocka_unit_test (test_huge_file),
    cmocka_unit_test (test_duplicate_id),
    cmocka_unit_test (test_dangling_id),
    cmocka_unit_test (test_cycle_without_exit),
    cmocka_unit_test (test_media_escape),
    cmocka_unit_test (test_missing_file),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
