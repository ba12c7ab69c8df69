/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sig-store.h"
#include "sig-sync-worker.h"

G_BEGIN_DECLS

/* Language, text size, reduced motion; export my data and delete my profile.
 * Emits ::profile-deleted after the profile is deleted. */

#define SIG_TYPE_PREFERENCES_WINDOW (sig_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (SigPreferencesWindow, sig_preferences_window, SIG, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* @sync_worker (may be NULL): the application's, for "Send Now" on the Organisation page. */
GtkWidget *sig_preferences_window_new (GtkWindow     *parent,
                                       GSettings     *settings,
                                       SigStore      *store,
                                       SigProfile    *profile,
                                       SigSyncWorker *sync_worker);

G_END_DECLS
