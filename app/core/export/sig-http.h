/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The functions of libsoup 3 that Signaal calls, loaded when first needed
 * (see sig-dynamic.h). Only sig-lrs.c and sig-feed.c speak HTTP. */
typedef struct {
  __typeof__ (soup_session_new_with_options)          *session_new_with_options;
  __typeof__ (soup_session_send)                      *session_send;
  __typeof__ (soup_session_send_and_read)             *session_send_and_read;
  __typeof__ (soup_message_new)                       *message_new;
  __typeof__ (soup_message_new_from_uri)              *message_new_from_uri;
  __typeof__ (soup_message_get_status)                *message_get_status;
  __typeof__ (soup_message_get_request_headers)       *message_get_request_headers;
  __typeof__ (soup_message_set_request_body_from_bytes) *message_set_request_body_from_bytes;
  __typeof__ (soup_message_headers_replace)           *message_headers_replace;
  __typeof__ (soup_message_headers_set_range)         *message_headers_set_range;
} SigHttp;

/* libsoup's functions, or NULL with an error that says which package to
 * install. Safe to call from any thread. */
const SigHttp *sig_http_get (GError **error);

G_END_DECLS
