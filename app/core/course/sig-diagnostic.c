/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>

#include "sig-diagnostic.h"

SigDiagnostic *
sig_diagnostic_new (const char  *file,
                    guint        line,
                    guint        column,
                    SigSeverity  severity,
                    const char  *message)
{
  SigDiagnostic *diagnostic = g_new0 (SigDiagnostic, 1);

  diagnostic->file = g_strdup (file);
  diagnostic->line = line;
  diagnostic->column = column;
  diagnostic->severity = severity;
  diagnostic->message = g_strdup (message);
  return diagnostic;
}

SigDiagnostic *
sig_diagnostic_new_rule (const char  *file,
                         guint        line,
                         guint        column,
                         SigSeverity  severity,
                         const char  *rule,
                         const char  *message)
{
  SigDiagnostic *diagnostic = sig_diagnostic_new (file, line, column, severity, message);

  diagnostic->rule = g_strdup (rule);
  return diagnostic;
}

const char *
sig_severity_name (SigSeverity severity)
{
  return severity == SIG_SEVERITY_ERROR ? "error" : "warning";
}

void
sig_diagnostic_free (SigDiagnostic *diagnostic)
{
  if (diagnostic == NULL)
    return;
  g_free (diagnostic->file);
  g_free (diagnostic->message);
  g_free (diagnostic->rule);
  g_free (diagnostic);
}

char *
sig_format_location (const char  *file,
                     guint        line,
                     guint        column,
                     SigSeverity  severity,
                     const char  *message)
{
  /* Translators: the severity word of "file:line:col: error: message", as compilers print it */
  const char *word = severity == SIG_SEVERITY_ERROR ? _("error") : _("warning");

  if (line == 0)
    return g_strdup_printf ("%s: %s: %s", file, word, message);
  if (column == 0)
    return g_strdup_printf ("%s:%u: %s: %s", file, line, word, message);
  return g_strdup_printf ("%s:%u:%u: %s: %s", file, line, column, word, message);
}

char *
sig_diagnostic_format (const SigDiagnostic *diagnostic)
{
  return sig_format_location (diagnostic->file, diagnostic->line, diagnostic->column,
                              diagnostic->severity, diagnostic->message);
}
