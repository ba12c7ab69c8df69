/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sig-store.h"

G_BEGIN_DECLS

/* The page of one course in the library: what it is, how long it takes, the
 * learner's progress and certificate, its modules. The index entry shows at
 * once; the course itself loads in a worker thread. Emits ::play with the
 * loaded course and a module index (-1: continue where the learner left off). */

#define SIG_TYPE_COURSE_DETAIL (sig_course_detail_get_type ())

G_DECLARE_FINAL_TYPE (SigCourseDetail, sig_course_detail, SIG, COURSE_DETAIL, GtkBox)

GtkWidget *sig_course_detail_new        (SigStore   *store,
                                         const char *profile_id,
                                         const char *language);
/* NULL: shows that no course is chosen. */
void       sig_course_detail_set_course (SigCourseDetail  *self,
                                         SigLibraryCourse *course);
SigLibraryCourse *sig_course_detail_get_course (SigCourseDetail *self);
/* Reads the progress again. */
void       sig_course_detail_refresh    (SigCourseDetail *self);

G_END_DECLS
