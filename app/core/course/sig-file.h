/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reading files that come from outside (course files, packages, credentials,
 * key files, the helplines, imports). The size a file claims is not trusted: a
 * pipe, a device or a file that grows while it is read says nothing true about
 * its size, so every read stops after a limit counted in bytes actually read. */

#define SIG_FILE_ERROR (sig_file_error_quark ())

typedef enum {
  SIG_FILE_ERROR_NOT_FOUND,
  SIG_FILE_ERROR_IO,
  SIG_FILE_ERROR_TOO_LARGE,
} SigFileError;

GQuark   sig_file_error_quark (void);

/* Opens @path for reading without waiting for the writer of a named pipe
 * (reading one without a writer ends at once), close-on-exec. Returns the
 * descriptor, or -1 with @error set. */
int      sig_file_open        (const char  *path,
                               GError     **error);
/* Reads @fd to its end into @buffer, which holds @limit + 1 bytes, and fails
 * with %SIG_FILE_ERROR_TOO_LARGE (naming @limit) once more than @limit bytes
 * came. @buffer is NUL-terminated after the @length bytes read. */
gboolean sig_file_read_fd     (int          fd,
                               char        *buffer,
                               gsize        limit,
                               gsize       *length,
                               GError     **error);
/* Reads at most @limit bytes of @path; the result is NUL-terminated. */
char    *sig_file_read        (const char  *path,
                               gsize        limit,
                               gsize       *length,
                               GError     **error);
GBytes  *sig_file_read_bytes  (const char  *path,
                               gsize        limit,
                               GError     **error);

G_END_DECLS
