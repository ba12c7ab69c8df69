/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sig-store.h"

G_BEGIN_DECLS

/* Names shown for the fixed vocabularies of the course format, and the
 * language the interface shows courses in. */

#define SIG_N_SECTORS 8

/* The sector ids of the course format, in the order they are offered. */
const char *const *sig_sector_ids          (void);
const char        *sig_sector_label        (const char *sector);
char              *sig_theme_label         (const char *theme);
/* "Map the signals" … for the five steps of the meldcode; NULL for 0. */
const char        *sig_meldcode_step_label (guint       step);
const char        *sig_question_type_label (int         type);
/* The language courses are shown in: the "language" setting, else the
 * system's ("nl" or "en"). */
char              *sig_course_language     (GSettings  *settings);
char              *sig_minutes_label       (guint       minutes);

typedef enum {
  SIG_CERTIFICATE_NONE,
  SIG_CERTIFICATE_VALID,
  SIG_CERTIFICATE_EXPIRING,    /* valid for less than 60 more days */
  SIG_CERTIFICATE_EXPIRED,     /* take the refresher */
} SigCertificateState;

/* The state of the certificate a learner earned with @progress (NULL: none),
 * and a sentence that says it ("Certificate valid until 3 March 2027"). */
SigCertificateState sig_certificate_state (const SigCourseProgress *progress,
                                           guint                    validity_months,
                                           char                   **text);
/* "Not started", "In progress, 40%", "Passed, 85%", … */
char              *sig_progress_label      (const SigCourseProgress *progress);

G_END_DECLS
