/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Libraries that only the organisation connection needs (libsoup for HTTP,
 * libsecret for the keyring) are loaded when it is first used, not when the
 * program starts: the first window and every command that stays offline do
 * not pay for loading them and the libraries they bring (Kerberos, TLS
 * helpers, gcrypt and more). The program is compiled against their headers,
 * and each function it calls is looked up by name once (sig-http.c,
 * sig-secret.c). */

typedef struct {
  const char *name;
  gpointer   *slot;
} SigDynamicSymbol;

/* Opens the shared library @soname (for example "libsoup-3.0.so.0") and
 * fills each symbol's slot, once: *@loaded says whether that was done, and
 * the call is serialised, so any thread may ask. The library stays loaded.
 * On failure nothing is filled, *@loaded stays FALSE (a later call tries
 * again) and the error names the library and @package, the distribution
 * package that provides it. */
gboolean sig_dynamic_load (gboolean               *loaded,
                           const char             *soname,
                           const char             *package,
                           const SigDynamicSymbol *symbols,
                           gsize                   n_symbols,
                           GError                **error);

G_END_DECLS
