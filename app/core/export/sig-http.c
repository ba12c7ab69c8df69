/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sig-dynamic.h"
#include "sig-http.h"

const SigHttp *
sig_http_get (GError **error)
{
  static SigHttp http;
  static gboolean loaded;
  const SigDynamicSymbol symbols[] = {
    { "soup_session_new_with_options", (gpointer *) &http.session_new_with_options },
    { "soup_session_send", (gpointer *) &http.session_send },
    { "soup_session_send_and_read", (gpointer *) &http.session_send_and_read },
    { "soup_message_new", (gpointer *) &http.message_new },
    { "soup_message_new_from_uri", (gpointer *) &http.message_new_from_uri },
    { "soup_message_get_status", (gpointer *) &http.message_get_status },
    { "soup_message_get_request_headers", (gpointer *) &http.message_get_request_headers },
    { "soup_message_set_request_body_from_bytes", (gpointer *) &http.message_set_request_body_from_bytes },
    { "soup_message_headers_replace", (gpointer *) &http.message_headers_replace },
    { "soup_message_headers_set_range", (gpointer *) &http.message_headers_set_range },
  };

  if (!sig_dynamic_load (&loaded, "libsoup-3.0.so.0", "libsoup-3.0-0", symbols, G_N_ELEMENTS (symbols), error))
    return NULL;
  return &http;
}
