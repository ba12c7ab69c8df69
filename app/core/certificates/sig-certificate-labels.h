/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The few words printed on a certificate, in the certificate's language (which need
 * not be the language of the interface). English strings are gettext message ids;
 * the Dutch column moves to the catalogue once certificates are translated through
 * gettext with an explicit locale. */

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SIG_LABEL_CERTIFICATE,
  SIG_LABEL_CERTIFIES,
  SIG_LABEL_COMPLETED_COURSE,
  SIG_LABEL_VERSION,
  SIG_LABEL_COURSE_BY,
  SIG_LABEL_SECTOR,
  SIG_LABEL_SECTORS,
  SIG_LABEL_SCORE,
  SIG_LABEL_COMPLETED_ON,
  SIG_LABEL_VALID_UNTIL,
  SIG_LABEL_ACCREDITATION,
  SIG_LABEL_POINT,
  SIG_LABEL_POINTS,
  SIG_LABEL_OBJECTIVES,
  SIG_LABEL_MORE_OBJECTIVES,
  SIG_LABEL_ISSUED_BY,
  SIG_LABEL_VERIFICATION_CODE,
  SIG_LABEL_VERIFY_HINT,
  SIG_LABEL_SELF_STUDY_ISSUER,
  SIG_LABEL_CRITERIA_PASS_MARK,
  SIG_LABEL_CRITERIA_PASSED,
  SIG_LABEL_CRITERIA_OBJECTIVES,
  SIG_LABEL_CRITERIA_ACCREDITATION,
  SIG_LABEL_DEFAULT_DESCRIPTION,
  SIG_LABEL_SCORE_NAME,
  SIG_LABEL_POINTS_DECIMAL,
  SIG_N_LABELS
} SigLabel;

const char *sig_certificate_label          (SigLabel    label,
                                            const char *language);
const char *sig_certificate_sector_label   (const char *sector_id,
                                            const char *language);
char       *sig_certificate_format_date    (GDateTime  *date,
                                            const char *language);
/* The score as a whole percent for people, on screen and on the PDF alike. */
int         sig_certificate_round_percent  (double      percent);
char       *sig_certificate_format_percent (double      percent,
                                            const char *language);
char       *sig_certificate_format_points  (double      points,
                                            const char *language);

G_END_DECLS
