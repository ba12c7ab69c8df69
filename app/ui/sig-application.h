/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sig-sync-worker.h"

G_BEGIN_DECLS

/* The application: opens the progress store and the helplines once, makes the
 * window, refreshes the course library in a worker thread after the window is
 * shown, and imports the .signaal files it is asked to open. */

#define SIG_TYPE_APPLICATION (sig_application_get_type ())

G_DECLARE_FINAL_TYPE (SigApplication, sig_application, SIG, APPLICATION, AdwApplication)

SigApplication *sig_application_new (void);
/* The settings nl.signaal.Signaal (also from the build tree when not installed). */
GSettings      *sig_settings_new    (void);
/* The worker that sends the current learner's outbox; NULL without a store. */
SigSyncWorker  *sig_application_get_sync_worker (SigApplication *self);

G_END_DECLS
