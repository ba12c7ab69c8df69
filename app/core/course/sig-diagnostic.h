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
  char *rule;      /* the check that found it, such as "media-unused"; NULL: unnamed */
} SigDiagnostic;

SigDiagnostic *sig_diagnostic_new    (const char  *file,
                                      guint        line,
                                      guint        column,
                                      SigSeverity  severity,
                                      const char  *message);
/* The same with the id of the check that found it (for JSON and SARIF output). */
SigDiagnostic *sig_diagnostic_new_rule (const char  *file,
                                        guint        line,
                                        guint        column,
                                        SigSeverity  severity,
                                        const char  *rule,
                                        const char  *message);
void           sig_diagnostic_free   (SigDiagnostic *diagnostic);
/* "error" or "warning", untranslated, for programs. */
const char    *sig_severity_name     (SigSeverity severity);
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

/* Adds @diagnostic (taking it) to @diagnostics unless the same problem, at
 * the same place of the same file, is there already: a scenario's own problem
 * is reported both for its file and, as the cause, before the course that
 * cannot use it. FALSE when it was a repeat (and is freed). */
gboolean       sig_diagnostics_add_unique (GPtrArray     *diagnostics,
                                           SigDiagnostic *diagnostic);

/* The column of the start tag of the element @name on @line of @data (a
 * file's text), counted in characters from 1; 0 when it cannot be told for
 * sure: no such tag on that line, or two of them. libxml2 keeps only an
 * element's line, so problems found after reading look the tag up here. */
guint          sig_column_of_element (const char  *data,
                                      gsize        len,
                                      guint        line,
                                      const char  *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigDiagnostic, sig_diagnostic_free)

G_END_DECLS
