/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sig-store.h"

G_BEGIN_DECLS

/* The course library: the learner's sector first, filters by sector and
 * theme, search, and the course page beside the list (one above the other
 * when narrow). Reads the store's library index; never parses every course.
 * Emits ::play like SigCourseDetail. */

#define SIG_TYPE_LIBRARY_VIEW (sig_library_view_get_type ())

G_DECLARE_FINAL_TYPE (SigLibraryView, sig_library_view, SIG, LIBRARY_VIEW, GtkBox)

GtkWidget  *sig_library_view_new        (SigStore   *store,
                                         SigProfile *profile,
                                         const char *language);
/* Reads the index and the progress again. */
void        sig_library_view_reload     (SigLibraryView *self);
AdwLeaflet *sig_library_view_get_leaflet (SigLibraryView *self);
/* Selects the course @course_id and shows its page. */
gboolean    sig_library_view_select     (SigLibraryView *self,
                                         const char     *course_id);
guint       sig_library_view_get_n_shown (SigLibraryView *self);

G_END_DECLS
