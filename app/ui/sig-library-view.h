/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sig-store.h"

G_BEGIN_DECLS

/* The course library: a list view over the store's library index rows (a
 * row is filled when it is first shown), the learner's sector first and
 * marked, filters by sector and theme, search, an entry to continue the
 * course left in progress, and the course page beside the list (one above
 * the other when narrow). Never parses every course nor looks at every file.
 * Emits ::play like SigCourseDetail (module -1: continue where the learner
 * left off), and ::review from the "N reviews due" entry. */

#define SIG_TYPE_LIBRARY_VIEW (sig_library_view_get_type ())

G_DECLARE_FINAL_TYPE (SigLibraryView, sig_library_view, SIG, LIBRARY_VIEW, GtkBox)

GtkWidget  *sig_library_view_new        (SigStore   *store,
                                         SigProfile *profile,
                                         const char *language);
/* Reads the index (in a worker) and the progress again. */
void        sig_library_view_reload     (SigLibraryView *self);
AdwLeaflet *sig_library_view_get_leaflet (SigLibraryView *self);
/* Selects the course @course_id and shows its page (once the index is read,
 * when it is being read). */
gboolean    sig_library_view_select     (SigLibraryView *self,
                                         const char     *course_id);
/* TRUE once the index is read and shown. */
gboolean    sig_library_view_get_loaded (SigLibraryView *self);
/* How many courses the filters and the search leave in the list. */
guint       sig_library_view_get_n_shown (SigLibraryView *self);
/* "Continue: COURSE, part N of M" when the entry for the course the learner
 * left in progress is shown (it is found after the view is up), else NULL. */
const char *sig_library_view_get_continue_label (SigLibraryView *self);
/* "3 reviews due" when the entry that opens the Review page is shown
 * (reviews are due now), else NULL. The view emits ::review when it is used. */
const char *sig_library_view_get_reviews_label (SigLibraryView *self);

G_END_DECLS
