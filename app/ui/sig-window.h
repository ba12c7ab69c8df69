/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sig-helplines.h"
#include "sig-store.h"

G_BEGIN_DECLS

/* The main window: welcome and profile on the first run, then the library and
 * the progress overview, the course player, the helplines and leave now. */

#define SIG_TYPE_WINDOW (sig_window_get_type ())

G_DECLARE_FINAL_TYPE (SigWindow, sig_window, SIG, WINDOW, AdwApplicationWindow)

SigWindow  *sig_window_new            (AdwApplication *application,
                                       GSettings      *settings,
                                       SigStore       *store,
                                       SigHelplines   *helplines,
                                       const char     *language);
/* The language of the interface and of course texts ("nl", "en"). */
const char *sig_window_get_language   (SigWindow *self);
/* Imports a course file in a worker thread, with visible progress. */
void        sig_window_import         (SigWindow *self,
                                       GFile     *file);
/* Installs @package (bytes already read and confirmed) like sig_window_import(). */
void        sig_window_install_package (SigWindow  *self,
                                        GBytes     *package,
                                        const char *name);
/* Shows the "Verify a certificate" page, checking @file (a credential's
 * .json) when not NULL. */
void        sig_window_verify         (SigWindow *self,
                                       GFile     *file);
/* Reads the course library index again (after it was refreshed). */
void        sig_window_reload_library (SigWindow *self);
/* Shows the library page of the course @course_id, when the library is on
 * screen; FALSE when it is not (first run, a course being played). */
gboolean    sig_window_show_course    (SigWindow  *self,
                                       const char *course_id);
/* "welcome", "profile", "home", "player", "verify" or "neutral" */
const char *sig_window_get_screen     (SigWindow *self);

G_END_DECLS
