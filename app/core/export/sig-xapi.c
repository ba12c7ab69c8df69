/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "sig-xapi.h"

char *
sig_xapi_home_page (const char *installation_id)
{
  return g_strconcat (SIG_XAPI_BASE "installation/", installation_id, NULL);
}

char *
sig_xapi_activity_iri (const char *course_id,
                       const char *version,
                       const char *module_id,
                       const char *kind,
                       const char *item_id,
                       const char *node_id)
{
  GString *iri = g_string_new (SIG_XAPI_BASE "xapi/course/");

  g_string_append_uri_escaped (iri, course_id, NULL, TRUE);
  g_string_append_c (iri, '/');
  g_string_append_uri_escaped (iri, version, NULL, TRUE);
  if (module_id != NULL)
    {
      g_string_append (iri, "/module/");
      g_string_append_uri_escaped (iri, module_id, NULL, TRUE);
    }
  if (kind != NULL)
    {
      g_string_append_printf (iri, "/%s", kind);
      if (item_id != NULL)
        {
          g_string_append_c (iri, '/');
          g_string_append_uri_escaped (iri, item_id, NULL, TRUE);
        }
      if (node_id != NULL)
        {
          g_string_append (iri, "/node/");
          g_string_append_uri_escaped (iri, node_id, NULL, TRUE);
        }
    }
  return g_string_free (iri, FALSE);
}

const char *
sig_xapi_verb_display (const char *verb_iri)
{
  const char *slash = strrchr (verb_iri, '/');

  return slash ? slash + 1 : verb_iri;
}

const char *
sig_xapi_interaction_type (SigQuestionType type)
{
  switch (type)
    {
    case SIG_QUESTION_TRUE_FALSE:
      return "true-false";
    case SIG_QUESTION_ORDERING:
      return "sequencing";
    case SIG_QUESTION_MATCHING:
      return "matching";
    case SIG_QUESTION_SINGLE:
    case SIG_QUESTION_MULTIPLE:
    case SIG_QUESTION_SPOT_SIGNALS:
    default:
      return "choice";
    }
}

char *
sig_xapi_response (SigQuestionType  type,
                   const char      *response)
{
  g_auto(GStrv) parts = g_strsplit (response ? response : "", ",", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, "[,]");
      if (type == SIG_QUESTION_MATCHING)
        {
          g_auto(GStrv) pair = g_strsplit (parts[i], "=", 2);

          g_string_append (out, pair[0] ? pair[0] : "");
          if (pair[0] && pair[1])
            g_string_append_printf (out, "[.]%s", pair[1]);
        }
      else
        g_string_append (out, parts[i]);
    }
  return g_string_free (out, FALSE);
}

char *
sig_xapi_uuid_from_seed (const char *seed)
{
  g_autofree char *hex = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);
  static const char variant[] = "89ab";

  hex[12] = '4';
  hex[16] = variant[g_ascii_xdigit_value (hex[16]) & 3];
  return g_strdup_printf ("%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16, hex + 20);
}

gboolean
sig_xapi_is_uuid (const char *text)
{
  return text != NULL &&
         g_regex_match_simple ("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
                               text, G_REGEX_CASELESS, 0);
}

gboolean
sig_xapi_is_iri (const char *text)
{
  /* An absolute IRI: a scheme, ':', and no spaces or characters IRIs forbid. */
  return text != NULL &&
         g_regex_match_simple ("^[A-Za-z][A-Za-z0-9+.-]*:[^\\s<>\"{}|\\\\^`]+$", text, 0, 0) &&
         g_utf8_validate (text, -1, NULL);
}

gboolean
sig_xapi_is_timestamp (const char *text)
{
  g_autoptr(GDateTime) parsed = NULL;

  if (text == NULL ||
      !g_regex_match_simple ("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$", text, 0, 0))
    return FALSE;
  parsed = g_date_time_new_from_iso8601 (text, NULL);
  return parsed != NULL;
}
