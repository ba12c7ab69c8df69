/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sig-issuer.h"

G_BEGIN_DECLS

/* Signed course packages. A signed .signaal file is the unsigned package bytes
 * followed by one XML comment, the signature trailer:
 *
 *   <!--signaal-signature\n BASE64(JSON) \n-->\n
 *
 * The JSON is a "SignaalPackageSignature" document (course id and version,
 * publisher did:key and name, SHA-256 and length of the bytes before the
 * trailer) secured with a W3C Data Integrity proof, cryptosuite eddsa-jcs-2022,
 * by the publisher's Ed25519 key: the same construction as certificates. The
 * exact form is in docs/course-format.md, "Signed packages". */

#define SIG_PACKAGE_SIGNATURE_TYPE   "SignaalPackageSignature"
#define SIG_PACKAGE_ENDORSEMENT_TYPE "SignaalPublisherEndorsement"
#define SIG_PACKAGE_TRAILER_START    "<!--signaal-signature\n"
#define SIG_PACKAGE_TRAILER_END      "\n-->\n"

typedef enum {
  SIG_PACKAGE_UNSIGNED,
  SIG_PACKAGE_VALID,
  SIG_PACKAGE_NOT_VALID,
} SigPackageState;

typedef struct {
  SigPackageState state;
  char *reason;           /* NOT_VALID: why, one translated sentence */
  char *publisher_did;    /* VALID: the signer's did:key */
  char *publisher_name;   /* VALID: the name the signer gave itself */
  char *course_id;        /* VALID: what the signature says it covers */
  char *course_version;
  GStrv endorsed_by;      /* VALID: older publisher keys that endorsed this one (rotation) */
  GBytes *content;        /* the package without the trailer: what the loader reads */
} SigPackageSignature;

/* Reads and checks the signature of @package (the whole file). Never NULL. */
SigPackageSignature *sig_package_signature_read (GBytes              *package);
void                 sig_package_signature_free (SigPackageSignature *signature);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigPackageSignature, sig_package_signature_free)

const char          *sig_package_state_to_string (SigPackageState state);

/* The signed file for the unsigned package @content (of @course_id at
 * @version), signed by @key. @endorsements (nullable): endorsement documents
 * (JSON text, see sig_package_endorse()) naming @key's did:key. */
GBytes              *sig_package_sign            (GBytes              *content,
                                                  const char          *course_id,
                                                  const char          *course_version,
                                                  SigIssuer           *key,
                                                  const char * const  *endorsements,
                                                  GDateTime           *now,
                                                  GError             **error);

/* An endorsement: @old_key says that @new_did may publish the course ids
 * @old_key owns (key rotation). JSON text with an eddsa-jcs-2022 proof. */
char                *sig_package_endorse         (SigIssuer           *old_key,
                                                  const char          *new_did,
                                                  GDateTime           *now,
                                                  GError             **error);

/* ---- Publishers the machine trusts ---- */

/* The project's own publisher key (public half, in the source tree). */
#define SIG_PROJECT_PUBLISHER_FILE "signaal.publisher"

/* TRUE when @did is the project's publisher or a publisher an administrator
 * placed in $XDG_CONFIG_DIRS/signaal/publishers/ (or sig_data_dir()/publishers/):
 * files with a "did:key:…" line and a "name=" line. @name (optional): its name there. */
gboolean             sig_publisher_is_trusted    (const char          *did,
                                                  char               **name);
/* The project's publisher did:key (sig_data_dir()/publishers/signaal.publisher),
 * the owner of the bundled course ids; NULL when that file is missing. */
const char          *sig_project_publisher_did   (void);
/* Forgets what sig_publisher_is_trusted() read (tests). */
void                 sig_publisher_reset_trust   (void);

G_END_DECLS
