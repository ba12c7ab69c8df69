/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sig-course.h"

G_BEGIN_DECLS

/* The loader treats every course file as untrusted: no network, no DTD, no
 * entities, no XInclude, bounded size, depth, attributes and elements. It either
 * returns a complete, checked model or a GError whose message reads
 * "FILE:LINE:COLUMN: error: what happened. What to do." and never a partial course. */

#define SIG_LOADER_ERROR (sig_loader_error_quark ())

typedef enum {
  SIG_LOADER_ERROR_IO,           /* the file cannot be read */
  SIG_LOADER_ERROR_TOO_LARGE,    /* over a size, depth, attribute or element limit */
  SIG_LOADER_ERROR_NOT_XML,      /* not well-formed XML, or not UTF-8 */
  SIG_LOADER_ERROR_FORBIDDEN,    /* a DOCTYPE, entity or XInclude */
  SIG_LOADER_ERROR_UNSUPPORTED,  /* another namespace, root or format version */
  SIG_LOADER_ERROR_SCHEMA,       /* does not follow the RELAX NG schema */
  SIG_LOADER_ERROR_INVALID,      /* duplicate or dangling ids, bad references */
} SigLoaderError;

#define SIG_LIMIT_FILE_SIZE      (32 * 1024 * 1024)
#define SIG_LIMIT_PACKED_SIZE    (64 * 1024 * 1024)
#define SIG_LIMIT_DEPTH          64
#define SIG_LIMIT_ATTRIBUTES     64
#define SIG_LIMIT_ELEMENTS       200000
#define SIG_LIMIT_MEDIA_SIZE     (4 * 1024 * 1024)   /* one picture, before base64 */

typedef enum {
  SIG_DOCUMENT_COURSE,
  SIG_DOCUMENT_SCENARIO,
} SigDocumentKind;

GQuark       sig_loader_error_quark   (void);

/* @path: a course file (.xml or packed .signaal), an authoring directory with a
 * course.xml, or a scenario file. Exactly one of *@course and *@scenario is set. */
gboolean     sig_loader_load          (const char       *path,
                                       SigDocumentKind  *kind,
                                       SigCourse       **course,
                                       SigScenario     **scenario,
                                       GError          **error);
SigCourse   *sig_loader_load_course   (const char       *path,
                                       GError          **error);
SigScenario *sig_loader_load_scenario (const char       *path,
                                       GError          **error);
/* Loads from memory; @display_path names the file in messages, @base_dir is the
 * authoring directory (or NULL). Used by the fuzzer and by imports. */
gboolean     sig_loader_load_bytes    (GBytes           *bytes,
                                       const char       *display_path,
                                       const char       *base_dir,
                                       SigDocumentKind  *kind,
                                       SigCourse       **course,
                                       SigScenario     **scenario,
                                       GError          **error);

/* TRUE when @path is a safe relative path inside a package: no absolute path,
 * no "..", no backslash, no empty component. */
gboolean     sig_loader_media_path_is_safe (const char *path);

/* A course version is MAJOR.MINOR.PATCH, each 0–999999 written without a
 * leading zero. Anything else (a sign, a fourth part, 20 digits) is refused,
 * never saturated. */
#define SIG_VERSION_MAX_DIGITS 6
gboolean     sig_version_parse (const char *version,
                                guint       parts[3]);

G_END_DECLS
