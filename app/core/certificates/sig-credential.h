/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The digital certificate: an Open Badges 3.0 OpenBadgeCredential (a W3C Verifiable
 * Credential 2.0) with an embedded Data Integrity proof, cryptosuite
 * eddsa-jcs-2022, made by the issuer's did:key. See docs/certificates.md. */

#include <glib.h>

#include "sig-certificate-claims.h"
#include "sig-issuer.h"

G_BEGIN_DECLS

#define SIG_CREDENTIAL_CONTEXT_VC "https://www.w3.org/ns/credentials/v2"
#define SIG_CREDENTIAL_CONTEXT_OB "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
#define SIG_CREDENTIAL_ACHIEVEMENT_PREFIX "urn:signaal:course:"
/* A credential is accepted this long before its validFrom, for clocks that differ. */
#define SIG_CREDENTIAL_CLOCK_SKEW (10 * G_TIME_SPAN_MINUTE)

typedef enum {
  SIG_VERIFICATION_VALID,
  SIG_VERIFICATION_EXPIRED,
  SIG_VERIFICATION_INVALID,
} SigVerificationStatus;

/**
 * SigVerificationReason:
 * @SIG_VERIFICATION_REASON_NONE: valid
 * @SIG_VERIFICATION_REASON_MALFORMED: not JSON, or not an Open Badges credential
 * @SIG_VERIFICATION_REASON_UNSUPPORTED_PROOF: no proof, or one Signaal cannot check
 * @SIG_VERIFICATION_REASON_ISSUER_MALFORMED: the issuer is not an Ed25519 did:key
 * @SIG_VERIFICATION_REASON_KEY_MISMATCH: the proof's key is not the issuer's
 * @SIG_VERIFICATION_REASON_SIGNATURE_MISMATCH: the contents changed after signing,
 *   or the signature is damaged
 * @SIG_VERIFICATION_REASON_UNEXPECTED_ISSUER: authentic, but from another issuer than
 *   the one asked for
 * @SIG_VERIFICATION_REASON_NOT_YET_VALID: authentic, but its validFrom is in the future
 * @SIG_VERIFICATION_REASON_EXPIRED: authentic, but past its validUntil
 * @SIG_VERIFICATION_REASON_CODE_MISMATCH: authentic, but the verification code given
 *   does not belong to it (set by callers that check a code, such as the CLI)
 */
typedef enum {
  SIG_VERIFICATION_REASON_NONE,
  SIG_VERIFICATION_REASON_MALFORMED,
  SIG_VERIFICATION_REASON_UNSUPPORTED_PROOF,
  SIG_VERIFICATION_REASON_ISSUER_MALFORMED,
  SIG_VERIFICATION_REASON_KEY_MISMATCH,
  SIG_VERIFICATION_REASON_SIGNATURE_MISMATCH,
  SIG_VERIFICATION_REASON_UNEXPECTED_ISSUER,
  SIG_VERIFICATION_REASON_NOT_YET_VALID,
  SIG_VERIFICATION_REASON_EXPIRED,
  SIG_VERIFICATION_REASON_CODE_MISMATCH,
} SigVerificationReason;

/**
 * SigVerification:
 * @status: valid, expired or invalid
 * @reason: why, in a form for programs
 * @message: why, one translated sentence for people
 * @authentic: the signature is valid and made by the key the issuer names (also
 *   when expired, not yet valid or from an unexpected issuer)
 *
 * The other fields are what the credential claims, as far as it could be read. Show
 * them as facts only when @authentic; otherwise as "claims".
 */
typedef struct {
  SigVerificationStatus status;
  SigVerificationReason reason;
  char *message;
  gboolean authentic;

  char *credential_id;
  char *learner_name;
  char *achievement_id;
  char *achievement_name;
  char *course_id;
  char *course_version;
  char *language;
  char *issuer_did;
  char *issuer_name;
  char *publisher_id;     /* the course publisher: its did:key, or urn:signaal:publisher:NAME when unsigned */
  char *publisher_name;
  char *score;
  GDateTime *valid_from;
  GDateTime *valid_until;
  GDateTime *issued_at;
  char *code;
} SigVerification;

char            *sig_credential_build_signed         (const SigCertificateClaims *claims,
                                                      SigIssuer                  *issuer,
                                                      GDateTime                  *now,
                                                      GError                    **error);

SigVerification *sig_credential_verify               (const char                 *data,
                                                      gssize                      length,
                                                      const char                 *expected_issuer,
                                                      GDateTime                  *now);
void             sig_verification_free               (SigVerification            *verification);
void             sig_verification_fail               (SigVerification            *verification,
                                                      SigVerificationReason       reason,
                                                      const char                 *message);
const char      *sig_verification_status_to_string   (SigVerificationStatus       status);
const char      *sig_verification_reason_to_string   (SigVerificationReason       reason);

char            *sig_credential_verification_code    (const char                 *data,
                                                      gssize                      length,
                                                      GError                    **error);
char            *sig_verification_code_normalize     (const char                 *input);
gboolean         sig_verification_code_equal         (const char                 *a,
                                                      const char                 *b);

char            *sig_credential_qr_payload           (const char                 *data,
                                                      gssize                      length,
                                                      GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigVerification, sig_verification_free)

G_END_DECLS
