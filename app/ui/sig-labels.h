/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sig-store.h"

G_BEGIN_DECLS

/* Names shown for the fixed vocabularies of the course format, and the
 * language the interface shows courses in. */

#define SIG_N_SECTORS 8

/* The sector ids of the course format, in the order they are offered. */
const char *const *sig_sector_ids          (void);
const char        *sig_sector_label        (const char *sector);
/* "European Netherlands", "Bonaire", … for the ids of sig_regions (). */
const char        *sig_region_label        (const char *region);
/* Fills @row with the regions, selects the "region" setting and writes the
 * setting when the learner picks another one. */
void               sig_region_row_bind     (AdwComboRow *row,
                                            GSettings   *settings);
char              *sig_theme_label         (const char *theme);
/* "Meldcode step 1: map the signals" … for the five steps of the meldcode
 * (a Dutch legal term, not translated); NULL for 0. */
const char        *sig_meldcode_step_label (guint       step);
const char        *sig_question_type_label (int         type);
/* The language courses are shown in: the "language" setting, else the
 * system's ("nl" or "en"). */
char              *sig_course_language     (GSettings  *settings);
char              *sig_minutes_label       (guint       minutes);
/* "Sam de Vries" -> "SV", "Noor" -> "N": the first letters of the first and
 * the last word, upper case; for the learner's name where it does not fit. */
char              *sig_initials            (const char *name);

/* A day as the interface shows it, in local time: "3 March 2027". */
char              *sig_date_label          (GDateTime  *date);
/* When something is due, from @now (both ms since the epoch), in local
 * time: "now", "in 10 minutes", "today at 16:05", "tomorrow", "in 3 days",
 * "on 3 March 2027". */
char              *sig_due_label           (gint64      due,
                                            gint64      now);
/* Points with at most one decimal, in the number format of the locale
 * (LC_NUMERIC): "0.7" (or "0,7"), "2". */
char              *sig_points_number       (double      points);
/* "0.7 of 2 points" */
char              *sig_points_label        (double      points,
                                            double      max);
/* What a certificate state says: "No certificate yet", "Certificate valid
 * until 3 March 2027", "Certificate expires soon, on …", "Certificate
 * expired on …: take the refresher". @latest: the certificate the state is of. */
char              *sig_certificate_state_label (SigStoreCertificateState  state,
                                                SigStoreCertificate      *latest,
                                                gboolean                  refresher_available);
/* The same without the word "certificate", for a row titled so: "Valid
 * until 3 March 2027", "Expires soon, on …", "Expired on …: take the refresher". */
char              *sig_certificate_state_short_label (SigStoreCertificateState  state,
                                                      SigStoreCertificate      *latest,
                                                      gboolean                  refresher_available);
/* A did:key short enough for a line: "did:key:z6Mktw…7oMMsw". */
char              *sig_did_short           (const char *did);
/* "Not started", "In progress, 40%", "Passed, 85%", … */
char              *sig_progress_label      (const SigCourseProgress *progress);

G_END_DECLS
