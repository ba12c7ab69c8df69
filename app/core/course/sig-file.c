/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "sig-file.h"

#define CHUNK (64 * 1024)

G_DEFINE_QUARK (sig-file-error-quark, sig_file_error)

static void
set_too_large (GError **error,
               gsize    limit)
{
  g_autofree char *size = g_format_size (limit);

  /* Translators: %s is a size such as "1.0 MB" */
  g_set_error (error, SIG_FILE_ERROR, SIG_FILE_ERROR_TOO_LARGE,
               _("The file is larger than %s, the most Signaal reads from a file of this kind. Check that this is the right file."),
               size);
}

int
sig_file_open (const char  *path,
               GError     **error)
{
  int fd;
  int flags;

  g_return_val_if_fail (path != NULL, -1);

  /* O_NONBLOCK: opening a named pipe would otherwise wait for a writer. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, SIG_FILE_ERROR, saved_errno == ENOENT ? SIG_FILE_ERROR_NOT_FOUND : SIG_FILE_ERROR_IO,
                   _("The file cannot be opened: %s."), g_strerror (saved_errno));
      return -1;
    }
  flags = fcntl (fd, F_GETFL);
  if (flags < 0 || fcntl (fd, F_SETFL, flags & ~O_NONBLOCK) < 0)
    {
      int saved_errno = errno;

      close (fd);
      g_set_error (error, SIG_FILE_ERROR, SIG_FILE_ERROR_IO,
                   _("The file cannot be opened: %s."), g_strerror (saved_errno));
      return -1;
    }
  return fd;
}

/* One read(); -1 with @error set on failure. */
static gssize
read_some (int      fd,
           char    *buffer,
           gsize    count,
           GError **error)
{
  for (;;)
    {
      gssize n = read (fd, buffer, count);

      if (n >= 0)
        return n;
      if (errno == EINTR)
        continue;
      {
        int saved_errno = errno;

        g_set_error (error, SIG_FILE_ERROR, SIG_FILE_ERROR_IO,
                     _("The file cannot be read: %s."), g_strerror (saved_errno));
        return -1;
      }
    }
}

gboolean
sig_file_read_fd (int      fd,
                  char    *buffer,
                  gsize    limit,
                  gsize   *length,
                  GError **error)
{
  gsize total = 0;

  for (;;)
    {
      gssize n = read_some (fd, buffer + total, limit + 1 - total, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      total += (gsize) n;
      if (total > limit)
        {
          set_too_large (error, limit);
          return FALSE;
        }
    }
  buffer[total] = '\0';
  *length = total;
  return TRUE;
}

char *
sig_file_read (const char  *path,
               gsize        limit,
               gsize       *length,
               GError     **error)
{
  g_autoptr(GByteArray) data = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (limit < G_MAXUINT - CHUNK, NULL);

  fd = sig_file_open (path, error);
  if (fd < 0)
    return NULL;
  /* Grows as bytes arrive: the limit is not allocated up front. */
  data = g_byte_array_new ();
  for (;;)
    {
      guint used = data->len;
      gsize room = MIN ((gsize) CHUNK, limit + 1 - used);
      gssize n;

      g_byte_array_set_size (data, used + (guint) room);
      n = read_some (fd, (char *) data->data + used, room, error);
      if (n < 0)
        {
          close (fd);
          return NULL;
        }
      g_byte_array_set_size (data, used + (guint) n);
      if (n == 0)
        break;
      if (data->len > limit)
        {
          close (fd);
          set_too_large (error, limit);
          return NULL;
        }
    }
  close (fd);
  if (length != NULL)
    *length = data->len;
  g_byte_array_append (data, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&data), FALSE);
}

GBytes *
sig_file_read_bytes (const char  *path,
                     gsize        limit,
                     GError     **error)
{
  gsize length = 0;
  char *contents = sig_file_read (path, limit, &length, error);

  if (contents == NULL)
    return NULL;
  return g_bytes_new_take (contents, length);
}
