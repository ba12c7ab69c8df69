/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>
#include <string.h>

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

void
sig_diagnostic_free (SigDiagnostic *diagnostic)
{
  if (diagnostic == NULL)
    return;
  g_free (diagnostic->file);
  g_free (diagnostic->message);
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

/* Splits "FILE:LINE:COL" or "FILE:LINE" or "FILE" at its last colons. */
static void
parse_location (const char  *location,
                char       **file,
                guint       *line,
                guint       *column)
{
  g_autofree char *copy = g_strdup (location);
  guint64 numbers[2] = { 0, 0 };
  guint n = 0;
  char *colon;

  while (n < 2 && (colon = strrchr (copy, ':')) != NULL &&
         g_ascii_string_to_unsigned (colon + 1, 10, 1, G_MAXUINT, &numbers[n], NULL))
    {
      *colon = '\0';
      n++;
    }
  *file = g_strdup (copy);
  *line = n == 2 ? (guint) numbers[1] : n == 1 ? (guint) numbers[0] : 0;
  *column = n == 2 ? (guint) numbers[0] : 0;
}

SigDiagnostic *
sig_diagnostic_new_from_error (const GError *error,
                               const char   *fallback_file)
{
  const struct { const char *word; SigSeverity severity; } words[] = {
    { "error", SIG_SEVERITY_ERROR },
    { "warning", SIG_SEVERITY_WARNING },
    { _("error"), SIG_SEVERITY_ERROR },
    { _("warning"), SIG_SEVERITY_WARNING },
  };

  g_return_val_if_fail (error != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autofree char *marker = g_strdup_printf (": %s: ", words[i].word);
      const char *found = strstr (error->message, marker);
      g_autofree char *location = NULL;
      g_autofree char *file = NULL;
      SigDiagnostic *diagnostic;
      guint line, column;

      if (found == NULL || found == error->message)
        continue;
      location = g_strndup (error->message, found - error->message);
      parse_location (location, &file, &line, &column);
      diagnostic = sig_diagnostic_new (file, line, column, words[i].severity, found + strlen (marker));
      return diagnostic;
    }
  return sig_diagnostic_new (fallback_file, 0, 0, SIG_SEVERITY_ERROR, error->message);
}
