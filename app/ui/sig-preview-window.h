/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sig-helplines.h"

G_BEGIN_DECLS

/* The preview of an authoring folder: the course plays as a learner sees it,
 * with nothing recorded (no progress store is opened), and loads again a
 * moment after a file in the folder, its scenarios/ or its media/ is saved,
 * keeping the place shown. Beside it the problems the loader and lint find;
 * activating one shows the module, item or scenario node it concerns. A
 * switcher for the course's languages and for the personas of the scenario
 * shown. The folder is loaded and checked in a worker thread, also the
 * first time. Emits ::reloaded after each load. */

#define SIG_TYPE_PREVIEW_WINDOW (sig_preview_window_get_type ())

G_DECLARE_FINAL_TYPE (SigPreviewWindow, sig_preview_window, SIG, PREVIEW_WINDOW, AdwApplicationWindow)

/* @language: the language to start in when the course has it. */
SigPreviewWindow *sig_preview_window_new    (GtkApplication *application,
                                             GFile          *folder,
                                             SigHelplines   *helplines,
                                             const char     *language);
/* Loads the folder again now (not in a worker, as a saved file does),
 * keeping the place shown. */
void              sig_preview_window_reload (SigPreviewWindow *self);

G_END_DECLS
