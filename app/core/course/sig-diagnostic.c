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

static gboolean
same_problem (const SigDiagnostic *a,
              const SigDiagnostic *b)
{
  g_autofree char *file_a = NULL;
  g_autofree char *file_b = NULL;

  if (a->line != b->line || a->column != b->column || a->severity != b->severity ||
      g_strcmp0 (a->message, b->message) != 0)
    return FALSE;
  if (g_strcmp0 (a->file, b->file) == 0)
    return TRUE;
  if (a->file == NULL || b->file == NULL)
    return FALSE;
  file_a = g_canonicalize_filename (a->file, NULL);
  file_b = g_canonicalize_filename (b->file, NULL);
  return g_str_equal (file_a, file_b);
}

gboolean
sig_diagnostics_add_unique (GPtrArray     *diagnostics,
                            SigDiagnostic *diagnostic)
{
  for (guint i = 0; i < diagnostics->len; i++)
    if (same_problem (diagnostics->pdata[i], diagnostic))
      {
        sig_diagnostic_free (diagnostic);
        return FALSE;
      }
  g_ptr_array_add (diagnostics, diagnostic);
  return TRUE;
}

guint
sig_column_of_element (const char *data,
                       gsize       len,
                       guint       line,
                       const char *name)
{
  const char *end, *start, *eol, *found = NULL;
  gsize name_len;
  guint matches = 0;

  if (data == NULL || name == NULL || line == 0)
    return 0;
  end = data + len;
  start = data;
  for (guint l = 1; l < line; l++)
    {
      start = memchr (start, '\n', (gsize) (end - start));
      if (start == NULL)
        return 0;
      start++;
    }
  eol = memchr (start, '\n', (gsize) (end - start));
  if (eol == NULL)
    eol = end;
  name_len = strlen (name);
  for (const char *p = start; p < eol; p++)
    {
      const char *token = p + 1, *local = p + 1, *q;

      if (*p != '<')
        continue;
      /* the tag's name, and its local part after a prefix (<s:module) */
      for (q = token; q < eol && (g_ascii_isalnum (*q) || strchr ("_.:-", *q) != NULL); q++)
        if (*q == ':')
          local = q + 1;
      if ((gsize) (q - local) == name_len && strncmp (local, name, name_len) == 0)
        {
          if (found == NULL)
            found = p;
          matches++;
        }
    }
  if (matches != 1)
    return 0;
  return (guint) g_utf8_strlen (start, found - start) + 1;
}
