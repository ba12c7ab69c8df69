/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Signed course packages and the publishers a machine trusts. See
 * sig-package-signature.h and docs/course-format.md, "Signed packages". */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sig-credential-private.h"
#include "sig-did-key.h"
#include "sig-helplines.h"
#include "sig-issuer.h"
#include "sig-jcs.h"
#include "sig-package-signature.h"

#define PROOF_TYPE "DataIntegrityProof"
#define CRYPTOSUITE "eddsa-jcs-2022"
#define PROOF_PURPOSE "assertionMethod"

void
sig_package_signature_free (SigPackageSignature *signature)
{
  if (signature == NULL)
    return;
  g_free (signature->reason);
  g_free (signature->publisher_did);
  g_free (signature->publisher_name);
  g_free (signature->course_id);
  g_free (signature->course_version);
  g_strfreev (signature->endorsed_by);
  g_clear_pointer (&signature->content, g_bytes_unref);
  g_free (signature);
}

const char *
sig_package_state_to_string (SigPackageState state)
{
  switch (state)
    {
    case SIG_PACKAGE_VALID:
      return "VALID";
    case SIG_PACKAGE_UNSIGNED:
      return "UNSIGNED";
    case SIG_PACKAGE_NOT_VALID:
    default:
      return "NOT VALID";
    }
}

static char *
format_now (GDateTime *now)
{
  g_autoptr(GDateTime) utc = now ? g_date_time_to_utc (now) : g_date_time_new_now_utc ();

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* Adds an eddsa-jcs-2022 proof by @key to @document (an object node). */
static gboolean
add_proof (JsonNode   *document,
           SigIssuer  *key,
           GDateTime  *now,
           GError    **error)
{
  g_autoptr(JsonNode) proof = json_node_new (JSON_NODE_OBJECT);
  JsonObject *proof_object = json_object_new ();
  g_autofree char *created = format_now (now);
  g_autofree char *proof_value = NULL;
  guint8 data[SIG_DATA_INTEGRITY_HASH_BYTES];
  guint8 signature[SIG_ED25519_SIGNATURE_BYTES];

  json_node_take_object (proof, proof_object);
  json_object_set_string_member (proof_object, "type", PROOF_TYPE);
  json_object_set_string_member (proof_object, "cryptosuite", CRYPTOSUITE);
  json_object_set_string_member (proof_object, "created", created);
  json_object_set_string_member (proof_object, "verificationMethod", sig_issuer_get_verification_method (key));
  json_object_set_string_member (proof_object, "proofPurpose", PROOF_PURPOSE);
  if (!sig_data_integrity_hash (document, proof, data, error))
    return FALSE;
  sig_issuer_sign (key, data, sizeof data, signature);
  proof_value = sig_multibase_encode (signature, sizeof signature);
  json_object_set_string_member (proof_object, "proofValue", proof_value);
  json_object_set_member (json_node_get_object (document), "proof", g_steal_pointer (&proof));
  return TRUE;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* Checks the eddsa-jcs-2022 proof of @document by @did. NULL when it holds,
 * else why not. */
static char *
check_proof (JsonObject *document,
             const char *did)
{
  JsonObject *proof = member_object (document, "proof");
  g_autofree char *method = NULL;
  g_autoptr(JsonNode) unsecured = NULL;
  g_autoptr(JsonNode) config = NULL;
  g_autoptr(GBytes) signature = NULL;
  guint8 public_key[SIG_ED25519_PUBLIC_KEY_BYTES];
  guint8 data[SIG_DATA_INTEGRITY_HASH_BYTES];
  const char *value;

  if (did == NULL || !sig_did_key_to_public_key (did, public_key))
    return g_strdup (_("The publisher is not a valid Ed25519 did:key."));
  if (proof == NULL || g_strcmp0 (member_string (proof, "type"), PROOF_TYPE) != 0 ||
      g_strcmp0 (member_string (proof, "cryptosuite"), CRYPTOSUITE) != 0 ||
      g_strcmp0 (member_string (proof, "proofPurpose"), PROOF_PURPOSE) != 0)
    return g_strdup (_("The signature has no eddsa-jcs-2022 Data Integrity proof."));
  method = sig_did_key_verification_method (did);
  if (g_strcmp0 (member_string (proof, "verificationMethod"), method) != 0)
    return g_strdup (_("The signature was made by another key than the publisher it names."));
  value = member_string (proof, "proofValue");
  signature = value ? sig_multibase_decode (value) : NULL;
  if (signature == NULL || g_bytes_get_size (signature) != SIG_ED25519_SIGNATURE_BYTES)
    return g_strdup (_("The signature value is damaged."));

  unsecured = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (unsecured, json_object_new ());
  {
    g_autoptr(GList) members = json_object_get_members (document);

    for (GList *l = members; l; l = l->next)
      if (!g_str_equal (l->data, "proof"))
        json_object_set_member (json_node_get_object (unsecured), l->data,
                                json_node_copy (json_object_get_member (document, l->data)));
  }
  config = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (config, json_object_new ());
  {
    g_autoptr(GList) members = json_object_get_members (proof);

    for (GList *l = members; l; l = l->next)
      if (!g_str_equal (l->data, "proofValue"))
        json_object_set_member (json_node_get_object (config), l->data,
                                json_node_copy (json_object_get_member (proof, l->data)));
  }
  if (!sig_data_integrity_hash (unsecured, config, data, NULL))
    return g_strdup (_("The signature cannot be put in canonical form (JCS)."));
  if (!sig_ed25519_verify (public_key, data, sizeof data, g_bytes_get_data (signature, NULL)))
    return g_strdup (_("The signature does not match: the file was changed after it was signed, or it was not signed by this publisher."));
  return NULL;
}

static JsonNode *
parse_json (const char *text,
            gssize      length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, text, length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

static SigPackageSignature *
not_valid (SigPackageSignature *signature,
           char                *reason)
{
  signature->state = SIG_PACKAGE_NOT_VALID;
  g_clear_pointer (&signature->publisher_did, g_free);
  g_clear_pointer (&signature->publisher_name, g_free);
  g_clear_pointer (&signature->endorsed_by, g_strfreev);
  signature->reason = reason;
  return signature;
}

static const char *
find_last (const char *data,
           gsize       length,
           const char *needle)
{
  gsize n = strlen (needle);

  if (length < n)
    return NULL;
  for (gsize i = length - n + 1; i-- > 0;)
    if (memcmp (data + i, needle, n) == 0)
      return data + i;
  return NULL;
}

SigPackageSignature *
sig_package_signature_read (GBytes *package)
{
  SigPackageSignature *signature = g_new0 (SigPackageSignature, 1);
  gsize length = 0;
  const char *data = g_bytes_get_data (package, &length);
  const char *start = find_last (data, length, SIG_PACKAGE_TRAILER_START);
  const char *b64, *b64_end;
  g_autofree guchar *json = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *digest = NULL;
  g_autoptr(GStrvBuilder) endorsers = g_strv_builder_new ();
  JsonObject *document, *course, *publisher, *content;
  JsonNode *endorsements;
  gsize json_length = 0, content_length;
  char *reason;

  if (start == NULL)
    {
      signature->state = SIG_PACKAGE_UNSIGNED;
      signature->content = g_bytes_ref (package);
      return signature;
    }
  content_length = (gsize) (start - data);
  signature->content = g_bytes_new_from_bytes (package, 0, content_length);

  /* The trailer runs to the end of the file and holds base64 only. */
  b64 = start + strlen (SIG_PACKAGE_TRAILER_START);
  b64_end = data + length - strlen (SIG_PACKAGE_TRAILER_END);
  if (b64_end < b64 || memcmp (b64_end, SIG_PACKAGE_TRAILER_END, strlen (SIG_PACKAGE_TRAILER_END)) != 0)
    return not_valid (signature, g_strdup (_("The signature is not at the end of the file: something was added after it.")));
  for (const char *p = b64; p < b64_end; p++)
    if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/' && *p != '=')
      return not_valid (signature, g_strdup (_("The signature is damaged (not base64).")));
  {
    g_autofree char *b64_copy = g_strndup (b64, (gsize) (b64_end - b64));

    json = g_base64_decode (b64_copy, &json_length);
  }
  if (json == NULL || json_length == 0 || (root = parse_json ((const char *) json, (gssize) json_length)) == NULL)
    return not_valid (signature, g_strdup (_("The signature is damaged (not JSON).")));

  document = json_node_get_object (root);
  course = member_object (document, "course");
  publisher = member_object (document, "publisher");
  content = member_object (document, "content");
  if (g_strcmp0 (member_string (document, "type"), SIG_PACKAGE_SIGNATURE_TYPE) != 0 ||
      course == NULL || publisher == NULL || content == NULL ||
      member_string (course, "id") == NULL || member_string (course, "version") == NULL ||
      member_string (publisher, "id") == NULL || member_string (publisher, "name") == NULL ||
      member_string (content, "sha256") == NULL || !json_object_has_member (content, "length"))
    return not_valid (signature, g_strdup (_("The signature is not a Signaal package signature.")));

  if ((reason = check_proof (document, member_string (publisher, "id"))) != NULL)
    return not_valid (signature, reason);

  digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, content_length);
  if (json_node_get_value_type (json_object_get_member (content, "length")) != G_TYPE_INT64 ||
      json_object_get_int_member (content, "length") != (gint64) content_length ||
      g_strcmp0 (member_string (content, "sha256"), digest) != 0)
    return not_valid (signature, g_strdup (_("The package was changed after it was signed: its SHA-256 digest does not match the signature.")));

  endorsements = json_object_get_member (document, "endorsements");
  if (endorsements != NULL)
    {
      JsonArray *array = JSON_NODE_HOLDS_ARRAY (endorsements) ? json_node_get_array (endorsements) : NULL;

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          JsonObject *endorsement = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
          const char *old_did = member_string (endorsement, "endorsedBy");

          if (g_strcmp0 (member_string (endorsement, "type"), SIG_PACKAGE_ENDORSEMENT_TYPE) != 0 ||
              g_strcmp0 (member_string (endorsement, "publisher"), member_string (publisher, "id")) != 0 ||
              old_did == NULL || (reason = check_proof (endorsement, old_did)) != NULL)
            {
              g_free (reason);
              return not_valid (signature, g_strdup (_("An endorsement by an earlier publisher key in the signature does not hold.")));
            }
          g_strv_builder_add (endorsers, old_did);
        }
      if (array == NULL)
        return not_valid (signature, g_strdup (_("The signature is not a Signaal package signature.")));
    }

  signature->state = SIG_PACKAGE_VALID;
  signature->publisher_did = g_strdup (member_string (publisher, "id"));
  signature->publisher_name = g_strdup (member_string (publisher, "name"));
  signature->course_id = g_strdup (member_string (course, "id"));
  signature->course_version = g_strdup (member_string (course, "version"));
  signature->endorsed_by = g_strv_builder_end (endorsers);
  return signature;
}

static char *
to_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

GBytes *
sig_package_sign (GBytes              *content,
                  const char          *course_id,
                  const char          *course_version,
                  SigIssuer           *key,
                  const char * const  *endorsements,
                  GDateTime           *now,
                  GError             **error)
{
  g_autoptr(JsonNode) document = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonObject *course = json_object_new ();
  JsonObject *publisher = json_object_new ();
  JsonObject *digest = json_object_new ();
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
  g_autofree char *name = g_strdup (sig_issuer_get_name (key, NULL) ? sig_issuer_get_name (key, NULL) : "");
  g_autofree char *json = NULL;
  g_autofree char *encoded = NULL;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  gsize length;
  const guint8 *data = g_bytes_get_data (content, &length);

  if (find_last ((const char *) data, length, SIG_PACKAGE_TRAILER_START) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The package already holds a signature trailer; sign the unsigned package."));
      return NULL;
    }
  json_node_take_object (document, object);
  json_object_set_string_member (object, "type", SIG_PACKAGE_SIGNATURE_TYPE);
  json_object_set_string_member (course, "id", course_id);
  json_object_set_string_member (course, "version", course_version);
  json_object_set_object_member (object, "course", course);
  json_object_set_string_member (publisher, "id", sig_issuer_get_did (key));
  json_object_set_string_member (publisher, "name", name);
  json_object_set_object_member (object, "publisher", publisher);
  json_object_set_int_member (digest, "length", (gint64) length);
  json_object_set_string_member (digest, "sha256", sha256);
  json_object_set_object_member (object, "content", digest);
  if (endorsements != NULL && endorsements[0] != NULL)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; endorsements[i] != NULL; i++)
        {
          g_autoptr(JsonNode) node = parse_json (endorsements[i], -1);
          JsonObject *endorsement = node ? json_node_get_object (node) : NULL;
          g_autofree char *reason = NULL;

          if (endorsement == NULL ||
              g_strcmp0 (member_string (endorsement, "type"), SIG_PACKAGE_ENDORSEMENT_TYPE) != 0 ||
              g_strcmp0 (member_string (endorsement, "publisher"), sig_issuer_get_did (key)) != 0 ||
              (reason = check_proof (endorsement, member_string (endorsement, "endorsedBy"))) != NULL)
            {
              json_array_unref (array);
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The endorsement is not valid for this key: it must be made with “signaal-course publisher-key endorse” for %s."),
                           sig_issuer_get_did (key));
              return NULL;
            }
          json_array_add_element (array, json_node_copy (node));
        }
      json_object_set_array_member (object, "endorsements", array);
    }
  if (!add_proof (document, key, now, error))
    return NULL;
  json = to_json (document);
  encoded = g_base64_encode ((const guchar *) json, strlen (json));
  g_byte_array_append (out, data, (guint) length);
  g_byte_array_append (out, (const guint8 *) SIG_PACKAGE_TRAILER_START, strlen (SIG_PACKAGE_TRAILER_START));
  g_byte_array_append (out, (const guint8 *) encoded, strlen (encoded));
  g_byte_array_append (out, (const guint8 *) SIG_PACKAGE_TRAILER_END, strlen (SIG_PACKAGE_TRAILER_END));
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

char *
sig_package_endorse (SigIssuer   *old_key,
                     const char  *new_did,
                     GDateTime   *now,
                     GError     **error)
{
  g_autoptr(JsonNode) document = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  guint8 public_key[SIG_ED25519_PUBLIC_KEY_BYTES];
  g_autofree char *json = NULL;

  if (!sig_did_key_to_public_key (new_did, public_key))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an Ed25519 did:key. Give the did:key that “publisher-key show” prints for the new key."), new_did);
      return NULL;
    }
  json_node_take_object (document, object);
  json_object_set_string_member (object, "type", SIG_PACKAGE_ENDORSEMENT_TYPE);
  json_object_set_string_member (object, "publisher", new_did);
  json_object_set_string_member (object, "endorsedBy", sig_issuer_get_did (old_key));
  if (!add_proof (document, old_key, now, error))
    return NULL;
  json = to_json (document);
  return g_strconcat (json, "\n", NULL);
}

/* ---- Trusted publishers ---------------------------------------------------- */

G_LOCK_DEFINE_STATIC (trust);
static GHashTable *trusted;   /* did -> name */
static char *project_did;

static void
read_trust_dir (const char *dir)
{
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  const char *file_name;

  while (gdir != NULL && (file_name = g_dir_read_name (gdir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, file_name, NULL);
      g_autoptr(GKeyFile) key_file = g_key_file_new ();
      g_autofree char *id = NULL;
      g_autofree char *name = NULL;
      guint8 public_key[SIG_ED25519_PUBLIC_KEY_BYTES];

      if (!g_str_has_suffix (file_name, ".publisher") ||
          !g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, NULL))
        continue;
      id = g_key_file_get_string (key_file, "Publisher", "Id", NULL);
      name = g_key_file_get_string (key_file, "Publisher", "Name", NULL);
      if (id == NULL || !sig_did_key_to_public_key (id, public_key))
        {
          g_message ("Publishers: %s has no valid Id=did:key:… in [Publisher]; left out", path);
          continue;
        }
      if (!g_hash_table_contains (trusted, id))
        g_hash_table_insert (trusted, g_steal_pointer (&id), g_strdup (name ? name : ""));
    }
}

gboolean
sig_publisher_is_trusted (const char  *did,
                          char       **name)
{
  const char *found;
  gboolean result;

  if (name != NULL)
    *name = NULL;
  if (did == NULL)
    return FALSE;
  G_LOCK (trust);
  if (trusted == NULL)
    {
      const char * const *dirs = g_get_system_config_dirs ();
      g_autofree char *data_publishers = g_build_filename (sig_data_dir (), "publishers", NULL);

      g_autofree char *project_file = g_build_filename (data_publishers, SIG_PROJECT_PUBLISHER_FILE, NULL);
      g_autoptr(GKeyFile) key_file = g_key_file_new ();

      trusted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      if (g_key_file_load_from_file (key_file, project_file, G_KEY_FILE_NONE, NULL))
        project_did = g_key_file_get_string (key_file, "Publisher", "Id", NULL);
      read_trust_dir (data_publishers);
      for (guint i = 0; dirs[i] != NULL; i++)
        {
          g_autofree char *dir = g_build_filename (dirs[i], "signaal", "publishers", NULL);

          read_trust_dir (dir);
        }
    }
  found = g_hash_table_lookup (trusted, did);
  result = found != NULL;
  if (name != NULL)
    *name = g_strdup (found);
  G_UNLOCK (trust);
  return result;
}

void
sig_publisher_reset_trust (void)
{
  G_LOCK (trust);
  g_clear_pointer (&trusted, g_hash_table_unref);
  g_clear_pointer (&project_did, g_free);
  G_UNLOCK (trust);
}

const char *
sig_project_publisher_did (void)
{
  const char *did;

  sig_publisher_is_trusted ("", NULL);
  G_LOCK (trust);
  did = project_did;
  G_UNLOCK (trust);
  return did;
}
