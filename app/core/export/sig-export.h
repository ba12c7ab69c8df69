/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sig-store.h"

G_BEGIN_DECLS

/* export/: owns what leaves the learner's computer, in standard formats: xAPI
 * 1.0.3 statements (sig-xapi.h), the CSV report and "my data" JSON. It may use
 * store/ (the event log for statements, the projections for results, through
 * sig-store.h and the store's private headers) and course/ (titles, question
 * texts); nothing in course/, scenario/, authoring/, store/ or certificates/
 * calls into it. */

/* Exports. Each returns a newly allocated UTF-8 string. */
/* xAPI 1.0.3 statements as a JSON array; @profile_id NULL: every profile. */
char          *sig_store_export_xapi        (SigStore    *store,
                                             const char  *profile_id,
                                             GError     **error);
/* RFC 4180 CSV for a teacher: one row per learner per course started. */
char          *sig_store_export_csv         (SigStore    *store,
                                             const char  *profile_id,
                                             GError     **error);
/* Everything stored about one profile, as JSON. */
char          *sig_store_export_my_data     (SigStore    *store,
                                             const char  *profile_id,
                                             GError     **error);
/* Anonymised knowledge-check results: per course and per question the number
 * of learners, mean pre, mean post and mean gain; no names or identifiers. */
char          *sig_store_export_knowledge_aggregate (SigStore  *store,
                                                     GError   **error);

G_END_DECLS
