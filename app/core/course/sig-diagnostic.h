/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One problem found in a file, as "FILE:LINE:COLUMN: error: message". */
typedef enum {
  SIG_SEVERITY_ERROR,
  SIG_SEVERITY_WARNING,
} SigSeverity;

typedef struct {
  char *file;
  guint line;      /* 0: the whole file */
  guint column;    /* 0: unknown */
  SigSeverity severity;
  char *message;
} SigDiagnostic;

SigDiagnostic *sig_diagnostic_new    (const char  *file,
                                      guint        line,
                                      guint        column,
                                      SigSeverity  severity,
                                      const char  *message);
void           sig_diagnostic_free   (SigDiagnostic *diagnostic);
char          *sig_diagnostic_format (const SigDiagnostic *diagnostic);
/* A diagnostic from a loader or catalog error whose message reads
 * "FILE:LINE:COL: error: message" (the severity word as printed, in English or
 * translated); a message without that form becomes a whole-file error of
 * @fallback_file. */
SigDiagnostic *sig_diagnostic_new_from_error (const GError *error,
                                              const char   *fallback_file);
/* Formats the location prefix of a message the same way: "FILE:LINE:COL: error: ". */
char          *sig_format_location   (const char  *file,
                                      guint        line,
                                      guint        column,
                                      SigSeverity  severity,
                                      const char  *message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigDiagnostic, sig_diagnostic_free)

G_END_DECLS
