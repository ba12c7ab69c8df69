/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading outside files: bounded by the bytes read, whatever size the file
 * claims (a device, a pipe), with the limit in the message. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sig-file.h"
#include "sig-test-util.h"

static char *
temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("signaal-file-XXXXXX", &error);

  assert_non_null (dir);
  return dir;
}

static void
test_regular_file (void **state)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "ten.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  sig_test_write (path, "0123456789");
  /* exactly the limit is fine, and the result is NUL-terminated */
  contents = sig_file_read (path, 10, &length, &error);
  assert_non_null (contents);
  assert_int_equal (length, 10);
  assert_string_equal (contents, "0123456789");
  g_clear_pointer (&contents, g_free);
  /* one byte more is not */
  contents = sig_file_read (path, 9, &length, &error);
  assert_null (contents);
  assert_true (g_error_matches (error, SIG_FILE_ERROR, SIG_FILE_ERROR_TOO_LARGE));
  g_clear_error (&error);
  /* missing */
  contents = sig_file_read ("/nonexistent/signaal", 10, &length, &error);
  assert_null (contents);
  assert_true (g_error_matches (error, SIG_FILE_ERROR, SIG_FILE_ERROR_NOT_FOUND));
  sig_test_remove_tree (dir);
}

/* /dev/zero claims no size and never ends: the read stops at the limit. */
static void
test_endless_device (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *limit = g_format_size (1024 * 1024);
  gint64 start = g_get_monotonic_time ();

  bytes = sig_file_read_bytes ("/dev/zero", 1024 * 1024, &error);
  assert_null (bytes);
  assert_true (g_error_matches (error, SIG_FILE_ERROR, SIG_FILE_ERROR_TOO_LARGE));
  /* the message names the limit */
  assert_non_null (strstr (error->message, limit));
  assert_true (g_get_monotonic_time () - start < 10 * G_USEC_PER_SEC);
}

/* A named pipe: with nobody writing, reading ends at once (opening it does not
 * wait for a writer); with an endless writer, it stops at the limit. */
static void
test_named_pipe (void **state)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "pipe", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 99;
  pid_t writer;

  assert_int_equal (mkfifo (path, 0600), 0);
  contents = sig_file_read (path, 4096, &length, &error);
  assert_non_null (contents);
  assert_int_equal (length, 0);
  g_clear_pointer (&contents, g_free);

  writer = fork ();
  assert_true (writer >= 0);
  if (writer == 0)
    {
      int fd = open (path, O_WRONLY);
      char block[4096] = { 'x' };

      while (fd >= 0 && write (fd, block, sizeof block) > 0)
        ;
      _exit (0);
    }
  /* the writer may not have opened the pipe yet: then the read ends at once,
   * empty; try until it has */
  for (guint attempt = 0; attempt < 500 && contents == NULL && error == NULL; attempt++)
    {
      contents = sig_file_read (path, 64 * 1024, &length, &error);
      if (contents != NULL && length == 0)
        {
          g_clear_pointer (&contents, g_free);
          g_usleep (10000);
        }
    }
  assert_null (contents);
  assert_true (g_error_matches (error, SIG_FILE_ERROR, SIG_FILE_ERROR_TOO_LARGE));
  kill (writer, SIGKILL);
  waitpid (writer, NULL, 0);
  sig_test_remove_tree (dir);
}

/* The reader of a descriptor (standard input, key files) counts the same way. */
static void
test_read_fd (void **state)
{
  g_autoptr(GError) error = NULL;
  char buffer[101];
  gsize length = 0;
  int fd = open ("/dev/zero", O_RDONLY);

  assert_true (fd >= 0);
  assert_false (sig_file_read_fd (fd, buffer, 100, &length, &error));
  assert_true (g_error_matches (error, SIG_FILE_ERROR, SIG_FILE_ERROR_TOO_LARGE));
  close (fd);
  g_clear_error (&error);
  fd = open ("/dev/null", O_RDONLY);
  assert_true (sig_file_read_fd (fd, buffer, 100, &length, &error));
  assert_int_equal (length, 0);
  assert_int_equal (buffer[0], '\0');
  close (fd);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_regular_file),
    cmocka_unit_test (test_endless_device),
    cmocka_unit_test (test_named_pipe),
    cmocka_unit_test (test_read_fd),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
