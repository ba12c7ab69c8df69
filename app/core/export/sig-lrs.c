/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sig-http.h"
#include "sig-lrs.h"
#include "sig-xapi.h"

G_DEFINE_QUARK (sig-lrs-error-quark, sig_lrs_error)

/* An answer larger than this is not read: the statement resource answers a
 * POST with the list of ids, some bytes per statement. */
#define MAX_ANSWER_BYTES (1024 * 1024)

struct _SigLrs {
  const SigHttp *http;
  SoupSession *session;
  GUri *statements;
  char *authorization;
  guint batch_size;
};

gboolean
sig_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

SigLrs *
sig_lrs_new (const char  *endpoint,
             const char  *key,
             const char  *secret,
             GError     **error)
{
  g_autoptr(GUri) base = NULL;
  g_autoptr(SigLrs) lrs = NULL;
  g_autofree char *credentials = NULL;
  g_autofree char *encoded = NULL;
  const char *scheme;

  g_return_val_if_fail (endpoint != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (secret != NULL, NULL);

  base = g_uri_parse (endpoint, G_URI_FLAGS_ENCODED, NULL);
  scheme = base != NULL ? g_uri_get_scheme (base) : NULL;
  if (base == NULL || g_uri_get_host (base) == NULL || *g_uri_get_host (base) == '\0' ||
      scheme == NULL || (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      g_set_error (error, SIG_LRS_ERROR, SIG_LRS_ERROR_INVALID_ENDPOINT,
                   _("“%s” is not the address of a learning record store. Give its xAPI endpoint, for example https://lrs.example.org/xAPI/."),
                   endpoint);
      return NULL;
    }
  if (g_ascii_strcasecmp (scheme, "http") == 0 && !sig_host_is_loopback (g_uri_get_host (base)))
    {
      g_set_error (error, SIG_LRS_ERROR, SIG_LRS_ERROR_INVALID_ENDPOINT,
                   _("The learning record store at “%s” is not reached over https, so its key and secret would cross the network readable by anyone. Use its https address."),
                   endpoint);
      return NULL;
    }
  if (strchr (key, ':') != NULL)
    {
      g_set_error_literal (error, SIG_LRS_ERROR, SIG_LRS_ERROR_INVALID_ENDPOINT,
                           _("The key of a learning record store cannot hold a colon. Copy the key exactly as the LRS shows it."));
      return NULL;
    }

  lrs = g_new0 (SigLrs, 1);
  if ((lrs->http = sig_http_get (error)) == NULL)
    return NULL;
  {
    const char *path = g_uri_get_path (base);
    g_autofree char *statements_path = g_str_has_suffix (path, "/")
                                       ? g_strconcat (path, "statements", NULL)
                                       : g_strconcat (path, "/statements", NULL);

    lrs->statements = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (base), NULL,
                                   g_uri_get_host (base), g_uri_get_port (base),
                                   statements_path, NULL, NULL);
  }
  credentials = g_strconcat (key, ":", secret, NULL);
  encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  lrs->authorization = g_strconcat ("Basic ", encoded, NULL);
  memset (credentials, 0, strlen (credentials));
  lrs->session = lrs->http->session_new_with_options ("timeout", 30, "idle-timeout", 60,
                                                     "user-agent", "Signaal/" PACKAGE_VERSION, NULL);
  lrs->batch_size = 100;
  return g_steal_pointer (&lrs);
}

void
sig_lrs_free (SigLrs *lrs)
{
  if (lrs == NULL)
    return;
  g_clear_object (&lrs->session);
  g_clear_pointer (&lrs->statements, g_uri_unref);
  if (lrs->authorization != NULL)
    memset (lrs->authorization, 0, strlen (lrs->authorization));
  g_free (lrs->authorization);
  g_free (lrs);
}

void
sig_lrs_set_batch_size (SigLrs *lrs,
                        guint   batch_size)
{
  g_return_if_fail (lrs != NULL);
  lrs->batch_size = CLAMP (batch_size, 1, 1000);
}

guint
sig_lrs_get_batch_size (SigLrs *lrs)
{
  g_return_val_if_fail (lrs != NULL, 0);
  return lrs->batch_size;
}

void
sig_lrs_set_timeout (SigLrs *lrs,
                     guint   seconds)
{
  g_return_if_fail (lrs != NULL);
  g_object_set (lrs->session, "timeout", MAX (seconds, 1u), NULL);
}

/* The LRS's own words about a refusal, cut short and made printable. */
static char *
answer_reason (GBytes *body,
               guint   status)
{
  gsize size = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  GString *clean;

  if (data != NULL && size > 0 && size < MAX_ANSWER_BYTES &&
      json_parser_load_from_data (parser, data, size, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *object = json_node_get_object (json_parser_get_root (parser));
      const char *message = json_object_get_string_member_with_default (object, "message", NULL);
      JsonArray *warnings = json_object_has_member (object, "warnings") &&
                            JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "warnings"))
                            ? json_object_get_array_member (object, "warnings") : NULL;

      if (message != NULL)
        text = g_strdup (message);
      else if (warnings != NULL && json_array_get_length (warnings) > 0 &&
               json_node_get_value_type (json_array_get_element (warnings, 0)) == G_TYPE_STRING)
        text = g_strdup (json_array_get_string_element (warnings, 0));
    }
  if (text == NULL && data != NULL && size > 0)
    text = g_strndup (data, MIN (size, 300));
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup_printf ("HTTP %u", status);

  clean = g_string_new (NULL);
  g_string_append_printf (clean, "HTTP %u: ", status);
  for (const char *p = text; *p != '\0' && clean->len < 300; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (clean, g_unichar_iscntrl (c) ? ' ' : c);
    }
  return g_string_free (clean, FALSE);
}

typedef struct {
  guint status;
  GBytes *body;
} Answer;

static gboolean
post (SigLrs        *lrs,
      GPtrArray     *statements,
      guint          from,
      guint          count,
      Answer        *answer,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autoptr(SoupMessage) message = lrs->http->message_new_from_uri ("POST", lrs->statements);
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GError) local_error = NULL;
  GString *body = g_string_new ("[");
  SoupMessageHeaders *headers = lrs->http->message_get_request_headers (message);

  for (guint i = 0; i < count; i++)
    {
      const SigLrsStatement *statement = g_ptr_array_index (statements, from + i);

      if (i > 0)
        g_string_append_c (body, ',');
      g_string_append (body, statement->json);
    }
  g_string_append_c (body, ']');
  request = g_string_free_to_bytes (body);

  lrs->http->message_headers_replace (headers, "X-Experience-API-Version", SIG_XAPI_VERSION);
  lrs->http->message_headers_replace (headers, "Authorization", lrs->authorization);
  lrs->http->message_set_request_body_from_bytes (message, "application/json", request);

  answer->body = lrs->http->session_send_and_read (lrs->session, message, cancellable, &local_error);
  if (answer->body == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_set_error (error, SIG_LRS_ERROR, SIG_LRS_ERROR_UNREACHABLE,
                   _("The learning record store could not be reached (%s). What is waiting is sent when the connection is back."),
                   local_error->message);
      return FALSE;
    }
  answer->status = lrs->http->message_get_status (message);
  return TRUE;
}

/* Sends statements[from .. from + count) as one batch, splitting it when the
 * LRS refuses a part of it. */
static gboolean
send_range (SigLrs            *lrs,
            GPtrArray         *statements,
            guint              from,
            guint              count,
            SigLrsResultFunc   result,
            gpointer           user_data,
            GCancellable      *cancellable,
            GError           **error)
{
  Answer answer = { 0 };
  g_autofree char *reason = NULL;
  guint half;

  if (!post (lrs, statements, from, count, &answer, cancellable, error))
    return FALSE;
  reason = answer_reason (answer.body, answer.status);
  g_clear_pointer (&answer.body, g_bytes_unref);

  if (SOUP_STATUS_IS_SUCCESSFUL (answer.status))
    {
      for (guint i = 0; i < count; i++)
        result (g_ptr_array_index (statements, from + i), SIG_LRS_OUTCOME_SENT, NULL, user_data);
      return TRUE;
    }

  switch (answer.status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
    case SOUP_STATUS_FORBIDDEN:
      g_set_error (error, SIG_LRS_ERROR, SIG_LRS_ERROR_UNAUTHORIZED,
                   _("The learning record store refused the key and secret (%s). Nothing more is sent until they are corrected in Preferences or by the organisation."),
                   reason);
      return FALSE;

    case SOUP_STATUS_BAD_REQUEST:
    case SOUP_STATUS_CONFLICT:
    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE:
      if (count == 1)
        {
          result (g_ptr_array_index (statements, from),
                  answer.status == SOUP_STATUS_CONFLICT ? SIG_LRS_OUTCOME_CONFLICT : SIG_LRS_OUTCOME_REFUSED,
                  reason, user_data);
          return TRUE;
        }
      if (answer.status == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE)
        lrs->batch_size = MAX (1u, MIN (lrs->batch_size, count) / 2);
      half = count / 2;
      return send_range (lrs, statements, from, half, result, user_data, cancellable, error) &&
             send_range (lrs, statements, from + half, count - half, result, user_data, cancellable, error);

    default:
      g_set_error (error, SIG_LRS_ERROR, SIG_LRS_ERROR_SERVER,
                   _("The learning record store answered with an error (%s). What is waiting is sent again later."),
                   reason);
      return FALSE;
    }
}

gboolean
sig_lrs_send (SigLrs            *lrs,
              GPtrArray         *statements,
              SigLrsResultFunc   result,
              gpointer           user_data,
              GCancellable      *cancellable,
              GError           **error)
{
  guint from = 0;

  g_return_val_if_fail (lrs != NULL, FALSE);
  g_return_val_if_fail (statements != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  while (from < statements->len)
    {
      guint count = MIN (lrs->batch_size, statements->len - from);

      if (!send_range (lrs, statements, from, count, result, user_data, cancellable, error))
        return FALSE;
      from += count;
    }
  return TRUE;
}
