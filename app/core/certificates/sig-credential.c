/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <sodium.h>
#include <string.h>

#include "sig-certificate-error.h"
#include "sig-certificate-labels.h"
#include "sig-credential-private.h"
#include "sig-did-key.h"
#include "sig-issuer-private.h"
#include "sig-jcs.h"

#define PROOF_TYPE "DataIntegrityProof"
#define CRYPTOSUITE "eddsa-jcs-2022"
#define PROOF_PURPOSE "assertionMethod"

/* Crockford's base32: no I, L, O or U, so a code read aloud or retyped survives. */
static const char code_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
#define CODE_CHARS 10

static char *
format_timestamp (GDateTime *date)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (date);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static GDateTime *
parse_timestamp (const char *text)
{
  /* A timestamp without a time zone is not accepted: VC 2.0 requires one. */
  return text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

static char *
format_score (double score)
{
  g_autoptr(GString) out = g_string_new (NULL);

  sig_jcs_append_number (out, round (score * 10.0) / 10.0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
criteria_narrative (const SigCertificateClaims *claims)
{
  const char *language = claims->language;
  g_autoptr(GString) text = g_string_new (NULL);

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  if (claims->pass_mark_percent >= 0)
    g_string_append_printf (text, sig_certificate_label (SIG_LABEL_CRITERIA_PASS_MARK, language),
                            claims->pass_mark_percent);
  else
    g_string_append (text, sig_certificate_label (SIG_LABEL_CRITERIA_PASSED, language));
#pragma GCC diagnostic pop

  if (claims->accreditation_points >= 0)
    {
      g_autofree char *points = sig_certificate_format_points (claims->accreditation_points, language);

      g_string_append_printf (text, "\n\n%s %s", sig_certificate_label (SIG_LABEL_CRITERIA_ACCREDITATION, language),
                              points);
      if (claims->accreditation_register != NULL && *claims->accreditation_register != '\0')
        g_string_append_printf (text, ", %s", claims->accreditation_register);
      g_string_append_c (text, '.');
    }

  if (claims->objectives != NULL && claims->objectives[0] != NULL)
    {
      g_string_append_printf (text, "\n\n%s", sig_certificate_label (SIG_LABEL_CRITERIA_OBJECTIVES, language));
      for (guint i = 0; claims->objectives[i]; i++)
        g_string_append_printf (text, "\n- %s", claims->objectives[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Accreditation points: an integer when whole (as credentials always said),
 * else the decimal, which JCS writes in its shortest form (1.5). */
static void
add_points (JsonBuilder *builder,
            double       points)
{
  if (points == floor (points))
    json_builder_add_int_value (builder, (gint64) points);
  else
    json_builder_add_double_value (builder, points);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_types (JsonBuilder *builder,
           const char  *first,
           ...)
{
  va_list args;

  json_builder_set_member_name (builder, "type");
  json_builder_begin_array (builder);
  va_start (args, first);
  for (const char *type = first; type != NULL; type = va_arg (args, const char *))
    json_builder_add_string_value (builder, type);
  va_end (args);
  json_builder_end_array (builder);
}

static JsonNode *
build_unsigned (const SigCertificateClaims *claims,
                SigIssuer                  *issuer,
                const char                 *credential_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *valid_from = format_timestamp (claims->completed_at);
  g_autofree char *valid_until = format_timestamp (claims->valid_until);
  g_autofree char *issuer_name = sig_issuer_dup_display_name (issuer, claims->language);
  g_autofree char *achievement_id = g_strdup_printf ("%s%s:%s", SIG_CREDENTIAL_ACHIEVEMENT_PREFIX,
                                                     claims->course_id, claims->course_version);
  g_autofree char *result_id = g_strconcat (achievement_id, ":score", NULL);
  g_autofree char *publisher = g_uri_escape_string (claims->publisher_name, NULL, FALSE);
  /* The course's publisher: the did:key that signed its package, so that a
   * verifier can see whose course was passed; a name-only URN when unsigned. */
  g_autofree char *publisher_id = claims->publisher_did != NULL
                                    ? g_strdup (claims->publisher_did)
                                    : g_strconcat ("urn:signaal:publisher:", publisher, NULL);
  g_autofree char *narrative = criteria_narrative (claims);
  g_autofree char *score = format_score (claims->score_percent);
  const char *description = claims->course_summary && *claims->course_summary
                              ? claims->course_summary
                              : sig_certificate_label (SIG_LABEL_DEFAULT_DESCRIPTION, claims->language);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "@context");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, SIG_CREDENTIAL_CONTEXT_VC);
  json_builder_add_string_value (builder, SIG_CREDENTIAL_CONTEXT_OB);
  json_builder_end_array (builder);

  add_string (builder, "id", credential_id);
  add_types (builder, "VerifiableCredential", "OpenBadgeCredential", NULL);
  add_string (builder, "name", claims->course_title);

  json_builder_set_member_name (builder, "issuer");
  json_builder_begin_object (builder);
  add_string (builder, "id", sig_issuer_get_did (issuer));
  add_types (builder, "Profile", NULL);
  add_string (builder, "name", issuer_name);
  json_builder_end_object (builder);

  add_string (builder, "validFrom", valid_from);
  add_string (builder, "validUntil", valid_until);
  add_string (builder, "awardedDate", valid_from);

  json_builder_set_member_name (builder, "credentialSubject");
  json_builder_begin_object (builder);
  add_types (builder, "AchievementSubject", NULL);

  /* OB 3.0 names a person through an IdentityObject; the name is not hashed so
   * that whoever reads the certificate can compare it with the person. */
  json_builder_set_member_name (builder, "identifier");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  add_string (builder, "type", "IdentityObject");
  add_string (builder, "identityType", "name");
  json_builder_set_member_name (builder, "hashed");
  json_builder_add_boolean_value (builder, FALSE);
  add_string (builder, "identityHash", claims->learner_name);
  json_builder_end_object (builder);
  json_builder_end_array (builder);

  add_string (builder, "activityEndDate", valid_from);
  if (claims->accreditation_points >= 0)
    {
      json_builder_set_member_name (builder, "creditsEarned");
      add_points (builder, claims->accreditation_points);
    }

  json_builder_set_member_name (builder, "achievement");
  json_builder_begin_object (builder);
  add_string (builder, "id", achievement_id);
  add_types (builder, "Achievement", NULL);
  add_string (builder, "achievementType", "Course");
  add_string (builder, "name", claims->course_title);
  add_string (builder, "description", description);
  json_builder_set_member_name (builder, "criteria");
  json_builder_begin_object (builder);
  add_string (builder, "narrative", narrative);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "creator");
  json_builder_begin_object (builder);
  add_string (builder, "id", publisher_id);
  add_types (builder, "Profile", NULL);
  add_string (builder, "name", claims->publisher_name);
  json_builder_end_object (builder);
  add_string (builder, "version", claims->course_version);
  add_string (builder, "inLanguage", claims->language);
  if (claims->accreditation_points >= 0)
    {
      json_builder_set_member_name (builder, "creditsAvailable");
      add_points (builder, claims->accreditation_points);
    }
  if (claims->sectors != NULL && claims->sectors[0] != NULL)
    {
      json_builder_set_member_name (builder, "tag");
      json_builder_begin_array (builder);
      for (guint i = 0; claims->sectors[i]; i++)
        json_builder_add_string_value (builder, claims->sectors[i]);
      json_builder_end_array (builder);
    }
  json_builder_set_member_name (builder, "resultDescription");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  add_string (builder, "id", result_id);
  add_types (builder, "ResultDescription", NULL);
  add_string (builder, "name", sig_certificate_label (SIG_LABEL_SCORE_NAME, claims->language));
  add_string (builder, "resultType", "Percent");
  add_string (builder, "valueMin", "0");
  add_string (builder, "valueMax", "100");
  if (claims->pass_mark_percent >= 0)
    {
      g_autofree char *required = g_strdup_printf ("%d", claims->pass_mark_percent);

      add_string (builder, "requiredValue", required);
    }
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder); /* achievement */

  json_builder_set_member_name (builder, "result");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  add_types (builder, "Result", NULL);
  add_string (builder, "resultDescription", result_id);
  add_string (builder, "value", score);
  json_builder_end_object (builder);
  json_builder_end_array (builder);

  json_builder_end_object (builder); /* credentialSubject */
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* hashData of eddsa-jcs-2022: SHA-256(JCS(proof configuration)) followed by
 * SHA-256(JCS(document without proof)). */
gboolean
sig_data_integrity_hash (JsonNode  *unsecured,
                         JsonNode  *proof_config,
                         guint8     out[SIG_DATA_INTEGRITY_HASH_BYTES],
                         GError   **error)
{
  g_autofree char *canonical_document = sig_jcs_canonicalize (unsecured, error);
  g_autofree char *canonical_proof = NULL;

  if (canonical_document == NULL)
    return FALSE;
  canonical_proof = sig_jcs_canonicalize (proof_config, error);
  if (canonical_proof == NULL)
    return FALSE;

  crypto_hash_sha256 (out, (const guint8 *) canonical_proof, strlen (canonical_proof));
  crypto_hash_sha256 (out + crypto_hash_sha256_BYTES, (const guint8 *) canonical_document,
                      strlen (canonical_document));
  return TRUE;
}

/**
 * sig_credential_build_signed:
 * @claims: what the certificate says
 * @issuer: who signs it
 * @now: (nullable): the time of signing (the proof's "created"); %NULL for now
 * @error: a #GError
 *
 * Makes the digital certificate: an OpenBadgeCredential for @claims, issued by
 * @issuer's did:key, with an eddsa-jcs-2022 Data Integrity proof.
 *
 * Returns: (transfer full) (nullable): the credential as indented JSON (UTF-8)
 */
char *
sig_credential_build_signed (const SigCertificateClaims  *claims,
                             SigIssuer                   *issuer,
                             GDateTime                   *now,
                             GError                     **error)
{
  g_autoptr(GDateTime) created_at = now ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  g_autofree char *created = format_timestamp (created_at);
  g_autofree char *credential_id = NULL;
  g_autofree char *proof_value = NULL;
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(JsonNode) proof = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  JsonObject *proof_object;
  guint8 data[SIG_DATA_INTEGRITY_HASH_BYTES];
  guint8 signature[SIG_ED25519_SIGNATURE_BYTES];
  char *json;

  g_return_val_if_fail (claims != NULL, NULL);
  g_return_val_if_fail (SIG_IS_ISSUER (issuer), NULL);

  if (!sig_certificate_claims_validate (claims, error))
    return NULL;

  if (claims->credential_id != NULL)
    credential_id = g_strdup (claims->credential_id);
  else
    {
      g_autofree char *uuid = g_uuid_string_random ();

      credential_id = g_strconcat ("urn:uuid:", uuid, NULL);
    }

  document = build_unsigned (claims, issuer, credential_id);

  proof = json_node_new (JSON_NODE_OBJECT);
  proof_object = json_object_new ();
  json_node_take_object (proof, proof_object);
  json_object_set_string_member (proof_object, "type", PROOF_TYPE);
  json_object_set_string_member (proof_object, "cryptosuite", CRYPTOSUITE);
  json_object_set_string_member (proof_object, "created", created);
  json_object_set_string_member (proof_object, "verificationMethod",
                                 sig_issuer_get_verification_method (issuer));
  json_object_set_string_member (proof_object, "proofPurpose", PROOF_PURPOSE);
  /* eddsa-jcs-2022 "Create Proof", step 2: the proof carries the document's context. */
  json_object_set_member (proof_object, "@context",
                          json_node_copy (json_object_get_member (json_node_get_object (document), "@context")));

  if (!sig_data_integrity_hash (document, proof, data, error))
    return NULL;
  sig_issuer_sign (issuer, data, sizeof data, signature);
  proof_value = sig_multibase_encode (signature, sizeof signature);
  json_object_set_string_member (proof_object, "proofValue", proof_value);

  json_object_set_member (json_node_get_object (document), "proof", g_steal_pointer (&proof));

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, document);
  json = json_generator_to_data (generator, NULL);
  {
    char *with_newline = g_strconcat (json, "\n", NULL);

    g_free (json);
    return with_newline;
  }
}

/* ---- Verification -------------------------------------------------------- */

void
sig_verification_free (SigVerification *verification)
{
  if (verification == NULL)
    return;

  g_free (verification->message);
  g_free (verification->credential_id);
  g_free (verification->learner_name);
  g_free (verification->publisher_id);
  g_free (verification->publisher_name);
  g_free (verification->achievement_id);
  g_free (verification->achievement_name);
  g_free (verification->course_id);
  g_free (verification->course_version);
  g_free (verification->language);
  g_free (verification->issuer_did);
  g_free (verification->issuer_name);
  g_free (verification->score);
  g_clear_pointer (&verification->valid_from, g_date_time_unref);
  g_clear_pointer (&verification->valid_until, g_date_time_unref);
  g_clear_pointer (&verification->issued_at, g_date_time_unref);
  g_free (verification->code);
  g_free (verification);
}

/**
 * sig_verification_fail:
 * @reason: why the credential is not valid
 * @message: (nullable): a translated sentence; %NULL for the standard one
 *
 * Marks @verification as failed (or, for %SIG_VERIFICATION_REASON_EXPIRED, as
 * expired). Callers that check more than sig_credential_verify() does, such as a
 * verification code, use this to report it the same way.
 */
void
sig_verification_fail (SigVerification       *verification,
                       SigVerificationReason  reason,
                       const char            *message)
{
  g_return_if_fail (verification != NULL);

  verification->status = reason == SIG_VERIFICATION_REASON_EXPIRED ? SIG_VERIFICATION_EXPIRED
                                                                    : SIG_VERIFICATION_INVALID;
  verification->reason = reason;
  g_free (verification->message);

  if (message != NULL)
    {
      verification->message = g_strdup (message);
      return;
    }

  switch (reason)
    {
    case SIG_VERIFICATION_REASON_NONE:
      verification->status = SIG_VERIFICATION_VALID;
      verification->message = g_strdup (_("The certificate is authentic and valid."));
      break;
    case SIG_VERIFICATION_REASON_MALFORMED:
      verification->message = g_strdup (_("This is not a readable Open Badges credential."));
      break;
    case SIG_VERIFICATION_REASON_UNSUPPORTED_PROOF:
      verification->message = g_strdup (_("The certificate is not signed in a way Signaal can check (a DataIntegrityProof with the eddsa-jcs-2022 cryptosuite)."));
      break;
    case SIG_VERIFICATION_REASON_ISSUER_MALFORMED:
      verification->message = g_strdup (_("The issuer is not named by a did:key of an Ed25519 key, so its signature cannot be checked."));
      break;
    case SIG_VERIFICATION_REASON_KEY_MISMATCH:
      verification->message = g_strdup (_("The certificate was signed with another key than the one of the issuer it names."));
      break;
    case SIG_VERIFICATION_REASON_SIGNATURE_MISMATCH:
      verification->message = g_strdup (_("The signature does not match the contents: the certificate was changed after it was issued, or the signature is damaged."));
      break;
    case SIG_VERIFICATION_REASON_UNEXPECTED_ISSUER:
      verification->message = g_strdup (_("The certificate is authentic, but it was issued by another key than the expected one."));
      break;
    case SIG_VERIFICATION_REASON_NOT_YET_VALID:
      verification->message = g_strdup (_("The certificate is authentic, but not valid yet."));
      break;
    case SIG_VERIFICATION_REASON_EXPIRED:
      verification->message = g_strdup (_("The certificate is authentic, but it has expired."));
      break;
    case SIG_VERIFICATION_REASON_CODE_MISMATCH:
      verification->message = g_strdup (_("The verification code does not belong to this certificate."));
      break;
    default:
      g_assert_not_reached ();
    }
}

const char *
sig_verification_status_to_string (SigVerificationStatus status)
{
  switch (status)
    {
    case SIG_VERIFICATION_VALID: return "valid";
    case SIG_VERIFICATION_EXPIRED: return "expired";
    case SIG_VERIFICATION_INVALID: return "invalid";
    default: g_return_val_if_reached ("invalid");
    }
}

/* Stable names for programs, e.g. in `signaal-course verify --json`. */
const char *
sig_verification_reason_to_string (SigVerificationReason reason)
{
  switch (reason)
    {
    case SIG_VERIFICATION_REASON_NONE: return "none";
    case SIG_VERIFICATION_REASON_MALFORMED: return "malformed";
    case SIG_VERIFICATION_REASON_UNSUPPORTED_PROOF: return "unsupported-proof";
    case SIG_VERIFICATION_REASON_ISSUER_MALFORMED: return "issuer-malformed";
    case SIG_VERIFICATION_REASON_KEY_MISMATCH: return "key-mismatch";
    case SIG_VERIFICATION_REASON_SIGNATURE_MISMATCH: return "signature-mismatch";
    case SIG_VERIFICATION_REASON_UNEXPECTED_ISSUER: return "unexpected-issuer";
    case SIG_VERIFICATION_REASON_NOT_YET_VALID: return "not-yet-valid";
    case SIG_VERIFICATION_REASON_EXPIRED: return "expired";
    case SIG_VERIFICATION_REASON_CODE_MISMATCH: return "code-mismatch";
    default: g_return_val_if_reached ("unknown");
    }
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;
  node = json_object_get_member (object, name);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;
  node = json_object_get_member (object, name);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* "type" is a string or an array of strings. */
static gboolean
has_type (JsonObject *object,
          const char *type)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, "type"))
    return FALSE;
  node = json_object_get_member (object, "type");
  if (JSON_NODE_HOLDS_VALUE (node))
    return json_node_get_value_type (node) == G_TYPE_STRING &&
           g_strcmp0 (json_node_get_string (node), type) == 0;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) &&
              json_node_get_value_type (element) == G_TYPE_STRING &&
              g_strcmp0 (json_node_get_string (element), type) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
has_contexts (JsonObject *object)
{
  JsonNode *node;
  JsonArray *array;
  gboolean open_badges = FALSE;

  if (!json_object_has_member (object, "@context"))
    return FALSE;
  node = json_object_get_member (object, "@context");
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  if (json_array_get_length (array) < 2)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *context;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        continue;
      context = json_node_get_string (element);
      if (i == 0 && strcmp (context, SIG_CREDENTIAL_CONTEXT_VC) != 0)
        return FALSE;
      if (g_str_has_prefix (context, "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0"))
        open_badges = TRUE;
    }
  return open_badges;
}

static char *
learner_name (JsonObject *subject)
{
  JsonNode *node;

  if (subject == NULL)
    return NULL;
  if (json_object_has_member (subject, "identifier"))
    {
      node = json_object_get_member (subject, "identifier");
      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);
              JsonObject *identity;
              JsonNode *hashed;

              if (!JSON_NODE_HOLDS_OBJECT (element))
                continue;
              identity = json_node_get_object (element);
              if (g_strcmp0 (get_string (identity, "identityType"), "name") != 0)
                continue;
              hashed = json_object_get_member (identity, "hashed");
              if (hashed == NULL || !JSON_NODE_HOLDS_VALUE (hashed) ||
                  json_node_get_value_type (hashed) != G_TYPE_BOOLEAN || json_node_get_boolean (hashed))
                continue;
              if (get_string (identity, "identityHash") != NULL)
                return g_strdup (get_string (identity, "identityHash"));
            }
        }
    }
  return g_strdup (get_string (subject, "name"));
}

static char *
score_value (JsonObject *subject)
{
  JsonNode *node;
  JsonArray *array;

  if (subject == NULL || !json_object_has_member (subject, "result"))
    return NULL;
  node = json_object_get_member (subject, "result");
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (element) && get_string (json_node_get_object (element), "value"))
        return g_strdup (get_string (json_node_get_object (element), "value"));
    }
  return NULL;
}

/* The claims, for display, as far as they can be read. */
static void
read_claims (SigVerification *v,
             JsonObject      *root)
{
  JsonObject *issuer = get_object (root, "issuer");
  JsonObject *subject = get_object (root, "credentialSubject");
  JsonObject *achievement = get_object (subject, "achievement");
  JsonObject *proof = get_object (root, "proof");

  v->credential_id = g_strdup (get_string (root, "id"));
  if (issuer != NULL)
    {
      v->issuer_did = g_strdup (get_string (issuer, "id"));
      v->issuer_name = g_strdup (get_string (issuer, "name"));
    }
  else
    v->issuer_did = g_strdup (get_string (root, "issuer"));
  v->learner_name = learner_name (subject);
  v->achievement_id = g_strdup (get_string (achievement, "id"));
  v->achievement_name = g_strdup (get_string (achievement, "name"));
  if (v->achievement_name == NULL)
    v->achievement_name = g_strdup (get_string (root, "name"));
  v->language = g_strdup (get_string (achievement, "inLanguage"));
  {
    JsonObject *creator = get_object (achievement, "creator");

    v->publisher_id = g_strdup (get_string (creator, "id"));
    v->publisher_name = g_strdup (get_string (creator, "name"));
  }
  v->course_version = g_strdup (get_string (achievement, "version"));
  if (v->achievement_id && g_str_has_prefix (v->achievement_id, SIG_CREDENTIAL_ACHIEVEMENT_PREFIX))
    {
      const char *rest = v->achievement_id + strlen (SIG_CREDENTIAL_ACHIEVEMENT_PREFIX);
      const char *colon = strchr (rest, ':');

      if (colon != NULL)
        {
          v->course_id = g_strndup (rest, (gsize) (colon - rest));
          if (v->course_version == NULL)
            v->course_version = g_strdup (colon + 1);
        }
    }
  v->score = score_value (subject);
  v->valid_from = parse_timestamp (get_string (root, "validFrom"));
  v->valid_until = parse_timestamp (get_string (root, "validUntil"));
  v->issued_at = parse_timestamp (get_string (proof, "created"));
}

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  g_autofree char *ca = sig_jcs_canonicalize (a, NULL);
  g_autofree char *cb = sig_jcs_canonicalize (b, NULL);

  return ca != NULL && cb != NULL && strcmp (ca, cb) == 0;
}

/* A shallow copy of @object without the member @except. */
static JsonNode *
copy_without (JsonObject *object,
              const char *except)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *copy = json_object_new ();
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    if (strcmp (l->data, except) != 0)
      json_object_set_member (copy, l->data, json_node_copy (json_object_get_member (object, l->data)));
  json_node_take_object (node, copy);
  return node;
}

static char *
code_for_node (JsonNode *root)
{
  g_autofree char *canonical = sig_jcs_canonicalize (root, NULL);
  guint8 digest[crypto_hash_sha256_BYTES];
  guint64 bits = 0;
  char code[CODE_CHARS + 2];
  int j = 0;

  if (canonical == NULL)
    return NULL;
  crypto_hash_sha256 (digest, (const guint8 *) canonical, strlen (canonical));

  /* The first 50 bits of the hash, 5 bits a character. */
  for (int i = 0; i < 7; i++)
    bits = (bits << 8) | digest[i];
  bits >>= 6;
  for (int i = 0; i < CODE_CHARS; i++)
    {
      if (i == CODE_CHARS / 2)
        code[j++] = '-';
      code[j++] = code_alphabet[(bits >> (5 * (CODE_CHARS - 1 - i))) & 0x1f];
    }
  code[j] = '\0';
  return g_strdup (code);
}

/**
 * sig_credential_verify:
 * @data: the credential's JSON text
 * @length: its length, or -1 if nul-terminated
 * @expected_issuer: (nullable): a did:key the credential must be issued by
 * @now: (nullable): the time to check validity at; %NULL for now
 *
 * Checks a credential without any network: that it is an OpenBadgeCredential,
 * that its issuer is an Ed25519 did:key, that its eddsa-jcs-2022 proof was made
 * by that key over exactly these contents, and that it is within its validity
 * period. Any change to any claim after signing makes it invalid.
 *
 * Returns: (transfer full): the result; never %NULL
 */
SigVerification *
sig_credential_verify (const char *data,
                       gssize      length,
                       const char *expected_issuer,
                       GDateTime  *now)
{
  g_autoptr(SigVerification) v = g_new0 (SigVerification, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root_node = NULL;
  g_autoptr(JsonNode) unsecured = NULL;
  g_autoptr(JsonNode) proof_config = NULL;
  g_autoptr(GBytes) proof_bytes = NULL;
  g_autoptr(GDateTime) current = NULL;
  g_autofree char *expected_method = NULL;
  JsonObject *root;
  JsonObject *issuer;
  JsonObject *subject;
  JsonObject *proof;
  const char *proof_value;
  guint8 public_key[SIG_ED25519_PUBLIC_KEY_BYTES];
  guint8 hashed[SIG_DATA_INTEGRITY_HASH_BYTES];

  g_return_val_if_fail (data != NULL, NULL);

  v->status = SIG_VERIFICATION_INVALID;

  root_node = sig_json_parse_strict (data, length, &error);
  if (root_node == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The file is not valid JSON. %s"), error->message);

      sig_verification_fail (v, SIG_VERIFICATION_REASON_MALFORMED, message);
      return g_steal_pointer (&v);
    }
  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      sig_verification_fail (v, SIG_VERIFICATION_REASON_MALFORMED, NULL);
      return g_steal_pointer (&v);
    }
  root = json_node_get_object (root_node);
  read_claims (v, root);

  issuer = get_object (root, "issuer");
  subject = get_object (root, "credentialSubject");
  if (!has_contexts (root) ||
      !has_type (root, "VerifiableCredential") || !has_type (root, "OpenBadgeCredential") ||
      subject == NULL || get_object (subject, "achievement") == NULL ||
      get_string (root, "validFrom") == NULL || v->valid_from == NULL ||
      (json_object_has_member (root, "validUntil") && v->valid_until == NULL))
    {
      sig_verification_fail (v, SIG_VERIFICATION_REASON_MALFORMED,
                             _("This is not an Open Badges 3.0 credential: a required part is missing or not in the expected form."));
      return g_steal_pointer (&v);
    }

  proof = get_object (root, "proof");
  if (proof == NULL)
    {
      sig_verification_fail (v, SIG_VERIFICATION_REASON_UNSUPPORTED_PROOF,
                             json_object_has_member (root, "proof")
                               ? _("The certificate has several proofs or a damaged proof; Signaal checks exactly one eddsa-jcs-2022 proof.")
                               : _("The certificate carries no signature."));
      return g_steal_pointer (&v);
    }
  v->code = code_for_node (root_node);
  if (g_strcmp0 (get_string (proof, "type"), PROOF_TYPE) != 0 ||
      g_strcmp0 (get_string (proof, "cryptosuite"), CRYPTOSUITE) != 0 ||
      g_strcmp0 (get_string (proof, "proofPurpose"), PROOF_PURPOSE) != 0)
    {
      sig_verification_fail (v, SIG_VERIFICATION_REASON_UNSUPPORTED_PROOF, NULL);
      return g_steal_pointer (&v);
    }
  if (json_object_has_member (proof, "created") && v->issued_at == NULL)
    {
      sig_verification_fail (v, SIG_VERIFICATION_REASON_MALFORMED,
                             _("The proof's creation time is not a valid date and time."));
      return g_steal_pointer (&v);
    }

  if (issuer == NULL || !has_type (issuer, "Profile") ||
      !sig_did_key_to_public_key (get_string (issuer, "id"), public_key))
    {
      sig_verification_fail (v, SIG_VERIFICATION_REASON_ISSUER_MALFORMED, NULL);
      return g_steal_pointer (&v);
    }

  expected_method = sig_did_key_verification_method (get_string (issuer, "id"));
  if (g_strcmp0 (get_string (proof, "verificationMethod"), expected_method) != 0)
    {
      sig_verification_fail (v, SIG_VERIFICATION_REASON_KEY_MISMATCH, NULL);
      return g_steal_pointer (&v);
    }

  proof_value = get_string (proof, "proofValue");
  proof_bytes = proof_value ? sig_multibase_decode (proof_value) : NULL;
  if (proof_bytes == NULL || g_bytes_get_size (proof_bytes) != SIG_ED25519_SIGNATURE_BYTES)
    {
      sig_verification_fail (v, SIG_VERIFICATION_REASON_SIGNATURE_MISMATCH,
                             _("The signature is damaged: its proofValue is not a base58btc Ed25519 signature."));
      return g_steal_pointer (&v);
    }

  /* eddsa-jcs-2022 "Verify Proof", step 4: a proof with a context signs the
   * document under that context. Signaal signs with exactly the document's
   * context and accepts only that, so nothing can be added to it unnoticed. */
  if (json_object_has_member (proof, "@context") &&
      !nodes_equal (json_object_get_member (proof, "@context"), json_object_get_member (root, "@context")))
    {
      sig_verification_fail (v, SIG_VERIFICATION_REASON_SIGNATURE_MISMATCH, NULL);
      return g_steal_pointer (&v);
    }

  unsecured = copy_without (root, "proof");
  proof_config = copy_without (proof, "proofValue");
  if (!sig_data_integrity_hash (unsecured, proof_config, hashed, &error))
    {
      sig_verification_fail (v, SIG_VERIFICATION_REASON_MALFORMED, error->message);
      return g_steal_pointer (&v);
    }
  if (!sig_ed25519_verify (public_key, hashed, sizeof hashed, g_bytes_get_data (proof_bytes, NULL)))
    {
      sig_verification_fail (v, SIG_VERIFICATION_REASON_SIGNATURE_MISMATCH, NULL);
      return g_steal_pointer (&v);
    }

  v->authentic = TRUE;

  if (expected_issuer != NULL && g_strcmp0 (expected_issuer, v->issuer_did) != 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("The certificate is authentic, but it was issued by %s, not by the expected issuer %s."),
                         v->issuer_did, expected_issuer);

      sig_verification_fail (v, SIG_VERIFICATION_REASON_UNEXPECTED_ISSUER, message);
      return g_steal_pointer (&v);
    }

  current = now ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  if (g_date_time_difference (v->valid_from, current) > SIG_CREDENTIAL_CLOCK_SKEW)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (v->valid_from);
      g_autofree char *when = g_date_time_format (utc, "%Y-%m-%d %H:%M UTC");
      g_autofree char *message = g_strdup_printf (_("The certificate is authentic, but not valid until %s."), when);

      sig_verification_fail (v, SIG_VERIFICATION_REASON_NOT_YET_VALID, message);
      return g_steal_pointer (&v);
    }
  if (v->valid_until != NULL && g_date_time_compare (current, v->valid_until) > 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (v->valid_until);
      g_autofree char *when = g_date_time_format (utc, "%Y-%m-%d");
      g_autofree char *message = g_strdup_printf (_("The certificate is authentic, but it expired on %s."), when);

      sig_verification_fail (v, SIG_VERIFICATION_REASON_EXPIRED, message);
      return g_steal_pointer (&v);
    }

  sig_verification_fail (v, SIG_VERIFICATION_REASON_NONE, NULL);
  return g_steal_pointer (&v);
}

/**
 * sig_credential_verification_code:
 * @data: a signed credential's JSON text
 * @length: its length, or -1 if nul-terminated
 * @error: a #GError
 *
 * The short code printed on the paper certificate: the first 50 bits of the
 * SHA-256 of the credential's canonical form (JCS, proof included), in Crockford
 * base32, as "XXXXX-XXXXX". Re-indenting the file does not change it; changing
 * anything in it does.
 *
 * Returns: (transfer full) (nullable): the code
 */
char *
sig_credential_verification_code (const char  *data,
                                  gssize       length,
                                  GError     **error)
{
  g_autoptr(JsonNode) root = sig_json_parse_strict (data, length, error);
  char *code;

  if (root == NULL)
    return NULL;
  code = code_for_node (root);
  if (code == NULL)
    g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_MALFORMED,
                 _("The credential cannot be put in canonical form."));
  return code;
}

/**
 * sig_verification_code_normalize:
 * @input: a code as a person typed it
 *
 * Accepts lower case, spaces and dashes anywhere, and O, I and L for 0, 1 and 1.
 *
 * Returns: (transfer full) (nullable): the code as "XXXXX-XXXXX", or %NULL if
 *   @input is not a verification code
 */
char *
sig_verification_code_normalize (const char *input)
{
  char raw[CODE_CHARS];
  int n = 0;

  if (input == NULL)
    return NULL;

  for (const char *p = input; *p != '\0'; p++)
    {
      char c = g_ascii_toupper (*p);

      if (c == '-' || c == ' ' || c == '\t')
        continue;
      if (c == 'O')
        c = '0';
      else if (c == 'I' || c == 'L')
        c = '1';
      if (strchr (code_alphabet, c) == NULL || n == CODE_CHARS)
        return NULL;
      raw[n++] = c;
    }
  if (n != CODE_CHARS)
    return NULL;
  return g_strdup_printf ("%.*s-%.*s", CODE_CHARS / 2, raw, CODE_CHARS / 2, raw + CODE_CHARS / 2);
}

gboolean
sig_verification_code_equal (const char *a,
                             const char *b)
{
  g_autofree char *na = sig_verification_code_normalize (a);
  g_autofree char *nb = sig_verification_code_normalize (b);

  return na != NULL && nb != NULL && strcmp (na, nb) == 0;
}

/**
 * sig_credential_qr_payload:
 * @data: a signed credential's JSON text
 * @length: its length, or -1 if nul-terminated
 * @error: a #GError
 *
 * What the QR code on the paper certificate holds: four lines of ASCII that a
 * phone shows as text and a program can compare with the digital certificate.
 *
 *   Signaal certificate
 *   Code: XXXXX-XXXXX
 *   Id: urn:uuid:...
 *   Issuer: did:key:z6Mk...
 *
 * Returns: (transfer full) (nullable): the payload
 */
char *
sig_credential_qr_payload (const char  *data,
                           gssize       length,
                           GError     **error)
{
  g_autoptr(JsonNode) root = sig_json_parse_strict (data, length, error);
  g_autofree char *code = NULL;
  JsonObject *object;
  const char *id;
  const char *issuer;

  if (root == NULL)
    return NULL;
  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  id = get_string (object, "id");
  issuer = get_string (get_object (object, "issuer"), "id");
  code = code_for_node (root);
  if (id == NULL || issuer == NULL || code == NULL)
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_CREDENTIAL_INVALID,
                   _("The credential has no id or no issuer."));
      return NULL;
    }
  return g_strdup_printf ("Signaal certificate\nCode: %s\nId: %s\nIssuer: %s", code, id, issuer);
}
