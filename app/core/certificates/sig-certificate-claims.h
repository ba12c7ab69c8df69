/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SIG_TYPE_CERTIFICATE_CLAIMS (sig_certificate_claims_get_type ())

/**
 * SigCertificateClaims:
 * @learner_name: the learner's name as it goes on the certificate
 * @language: "nl" or "en": the language of the certificate
 * @course_id: the course id (see the course format)
 * @course_version: the course version, MAJOR.MINOR.PATCH
 * @course_title: the course title in @language
 * @course_summary: (nullable): the course summary in @language
 * @publisher_name: the publisher's name in @language
 * @publisher_logo: (nullable): the publisher's logo as PNG bytes
 * @sectors: (nullable): sector ids of the course ("healthcare", "hair-beauty", ...)
 * @accreditation_points: accreditation points, or -1 for none
 * @accreditation_register: (nullable): the register that grants the points, in @language
 * @objectives: (nullable): the learning objectives covered, in @language
 * @score_percent: the learner's score, 0 to 100
 * @pass_mark_percent: the course's pass mark, 0 to 100, or -1 if not known
 * @completed_at: when the learner passed (becomes validFrom)
 * @valid_until: when the certificate expires (becomes validUntil)
 * @credential_id: (nullable): "urn:uuid:..." of the credential; a new one when %NULL
 *
 * What a certificate says. The progress store fills this in when a learner passes a
 * course; the certificate code only reads it. All strings are UTF-8 and owned by
 * the struct; free it with sig_certificate_claims_free().
 */
typedef struct {
  char *learner_name;
  char *language;
  char *course_id;
  char *course_version;
  char *course_title;
  char *course_summary;
  char *publisher_name;
  char *publisher_did;       /* the did:key that signed the course package; NULL when unsigned */
  GBytes *publisher_logo;
  char **sectors;
  double accreditation_points;
  char *accreditation_register;
  char **objectives;
  double score_percent;
  int pass_mark_percent;
  GDateTime *completed_at;
  GDateTime *valid_until;
  char *credential_id;
} SigCertificateClaims;

GType                 sig_certificate_claims_get_type (void) G_GNUC_CONST;
SigCertificateClaims *sig_certificate_claims_new      (void);
SigCertificateClaims *sig_certificate_claims_copy     (const SigCertificateClaims *claims);
void                  sig_certificate_claims_free     (SigCertificateClaims *claims);
gboolean              sig_certificate_claims_validate (const SigCertificateClaims *claims,
                                                       GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigCertificateClaims, sig_certificate_claims_free)

G_END_DECLS
