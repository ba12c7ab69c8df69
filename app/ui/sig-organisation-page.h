/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sig-store.h"
#include "sig-sync-worker.h"

G_BEGIN_DECLS

/* The Organisation page of the preferences: sharing results with the
 * organisation's learning record store (consent, state, send now, stop), the
 * connection's settings (pre-set and perhaps locked by the organisation file),
 * and the course feeds with "Check for Updates". */

#define SIG_TYPE_ORGANISATION_PAGE (sig_organisation_page_get_type ())

G_DECLARE_FINAL_TYPE (SigOrganisationPage, sig_organisation_page, SIG, ORGANISATION_PAGE, AdwPreferencesPage)

/* @worker may be NULL: the page then makes its own for "Send Now". */
GtkWidget *sig_organisation_page_new (SigStore      *store,
                                      SigProfile    *profile,
                                      SigSyncWorker *worker);

G_END_DECLS
