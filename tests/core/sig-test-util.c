/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sig-test-util.h"

char *
sig_test_example_dir (void)
{
  return g_build_filename (SOURCE_DIR, "tests", "fixtures", "valid", "example-course", NULL);
}

static void
copy_tree (const char *from,
           const char *to)
{
  g_autoptr(GDir) dir = g_dir_open (from, 0, NULL);
  const char *name;

  assert_non_null (dir);
  g_mkdir_with_parents (to, 0700);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *src = g_build_filename (from, name, NULL);
      g_autofree char *dst = g_build_filename (to, name, NULL);

      if (g_file_test (src, G_FILE_TEST_IS_DIR))
        copy_tree (src, dst);
      else
        {
          g_autofree char *contents = NULL;
          gsize len;

          assert_true (g_file_get_contents (src, &contents, &len, NULL));
          assert_true (g_file_set_contents (dst, contents, (gssize) len, NULL));
        }
    }
}

char *
sig_test_copy_example (void)
{
  g_autofree char *example = sig_test_example_dir ();
  g_autofree char *tmp = g_dir_make_tmp ("signaal-test-XXXXXX", NULL);
  char *copy = g_build_filename (tmp, "example-course", NULL);

  assert_non_null (tmp);
  copy_tree (example, copy);
  return copy;
}

void
sig_test_patch_file (const char *path,
                     const char *old_text,
                     const char *new_text)
{
  g_autofree char *contents = NULL;
  g_autoptr(GString) str = NULL;
  const char *at;

  assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  at = strstr (contents, old_text);
  if (at == NULL || strstr (at + 1, old_text) != NULL)
    fail_msg ("patch target must occur exactly once in %s: %s", path, old_text);
  str = g_string_new_len (contents, at - contents);
  g_string_append (str, new_text);
  g_string_append (str, at + strlen (old_text));
  assert_true (g_file_set_contents (path, str->str, (gssize) str->len, NULL));
}

guint
sig_test_line_of (const char *path,
                  const char *needle)
{
  g_autofree char *contents = NULL;
  const char *at;
  guint line = 1;

  assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  at = strstr (contents, needle);
  if (at == NULL)
    fail_msg ("%s not found in %s", needle, path);
  for (const char *p = contents; p < at; p++)
    line += *p == '\n';
  return line;
}

void
sig_test_write (const char *path,
                const char *contents)
{
  assert_true (g_file_set_contents (path, contents, -1, NULL));
}

void
sig_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        sig_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
sig_test_assert_diagnostic (GPtrArray  *diagnostics,
                            const char *needle,
                            guint       line)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      SigDiagnostic *diagnostic = diagnostics->pdata[i];

      if (strstr (diagnostic->message, needle) != NULL && (line == 0 || diagnostic->line == line))
        return;
    }
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *text = sig_diagnostic_format (diagnostics->pdata[i]);
      print_message ("  got: %s\n", text);
    }
  fail_msg ("expected a diagnostic with “%s” on line %u", needle, line);
}

void
sig_test_assert_error_at (const GError *error,
                          int           code,
                          const char   *file,
                          guint         line)
{
  g_autofree char *prefix = line > 0 ? g_strdup_printf ("%s:%u:", file, line) : g_strdup_printf ("%s:", file);

  assert_non_null (error);
  if (error->domain != SIG_LOADER_ERROR || error->code != code || !g_str_has_prefix (error->message, prefix))
    fail_msg ("expected code %d at “%s”, got code %d: %s", code, prefix, error->code, error->message);
}
