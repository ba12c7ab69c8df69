/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sig-store.h"

G_BEGIN_DECLS

/* The GNOME Shell search provider (org.gnome.Shell.SearchProvider2): finds
 * courses of the library index by title and theme, and opens the one chosen
 * through the application's "app.show-course" action. */

#define SIG_TYPE_SEARCH_PROVIDER (sig_search_provider_get_type ())

G_DECLARE_FINAL_TYPE (SigSearchProvider, sig_search_provider, SIG, SEARCH_PROVIDER, GObject)

SigSearchProvider *sig_search_provider_new         (GApplication *application);
/* The store whose library index is searched, and the language of the titles
 * shown; until it is set, searches find nothing. */
void               sig_search_provider_set_library (SigSearchProvider *self,
                                                    SigStore          *store,
                                                    const char        *language);
/* The ids of the library's courses that match every one of @terms. */
GPtrArray         *sig_search_provider_search      (SigSearchProvider  *self,
                                                    const char * const *terms);
gboolean           sig_search_provider_export      (SigSearchProvider *self,
                                                    GDBusConnection   *connection,
                                                    const char        *object_path,
                                                    GError           **error);
void               sig_search_provider_unexport    (SigSearchProvider *self);

G_END_DECLS
