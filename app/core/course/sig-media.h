/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The pictures a course may carry, checked before anything decodes them: the
 * bytes must be the declared type, the pixel size is read from the header and
 * bounded, and an SVG is parsed as XML and may refer to nothing outside itself.
 * See "Media" in docs/course-format.md. */

#define SIG_LIMIT_MEDIA_SIDE     8192                 /* pixels, either side */
#define SIG_LIMIT_MEDIA_PIXELS   (4096 * 4096)        /* pixels, width × height */

/* "image/png", "image/jpeg", "image/svg+xml" or "image/webp" for a file name
 * ending in .png, .jpg/.jpeg, .svg or .webp; NULL for anything else. */
const char *sig_media_type_for_path (const char *path);

/* Checks that @data is a @type picture within the size limits. On failure the
 * message is one sentence naming @name and what to do (no file:line prefix).
 * @width and @height (optional) get the picture's size in pixels (0 for an SVG
 * without a size). */
gboolean    sig_media_check         (const char   *name,
                                     const char   *type,
                                     const guint8 *data,
                                     gsize         length,
                                     guint        *width,
                                     guint        *height,
                                     GError      **error);

G_END_DECLS

G_BEGIN_DECLS

/* Reads @relative_path (a safe media path, see sig_loader_media_path_is_safe())
 * inside @folder without following a symbolic link in any of its parts and
 * without reading more than the media size limit: what is packed is what is in
 * the folder, never a file a link points to. */
GBytes     *sig_media_read_in_folder (const char  *folder,
                                      const char  *relative_path,
                                      GError     **error);

G_END_DECLS
