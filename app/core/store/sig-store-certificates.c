/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Certificates in the progress store: one is recorded with every pass (in the
 * transaction of the event that passes), signed with the store's issuer at
 * once or, when that is not possible yet, the first time it is asked for;
 * refreshers that renew it; and how long it has left. See "Certificates" and
 * "Refreshers" in sig-store.h and docs/certificates.md.
 *
 * A certificate row belongs to the event it certifies ("passed" or
 * "refresher-passed"): at most one per event, so recording is idempotent and a
 * pass whose certificate could not be recorded at the time (or one recorded
 * before format 3) gets it later.
 *
 * Issuing is a reaction: sig-store-events.c calls sig_store_certificates_issue()
 * with the passes sig_store_fold() reported. Nothing here records events or
 * reads progress from them; a renewal states the score of the latest course
 * certificate (the score the course was passed with), never the refresher's. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sig-file.h"
#include "sig-issuer-private.h"
#include "sig-loader.h"
#include "sig-store-private.h"

/* The events that matter for certificates. The same text as the partial
 * index events_for_certificates (schema 3), so that SQLite can use it. */
#define CERTIFICATE_EVENT_KINDS "kind IN ('passed', 'refresher-started', 'refresher-passed', 'refresher-failed')"

#define CERTIFICATE_COLUMNS \
  "id, profile_id, course_id, course_version, kind, completed_at, valid_until, score, claims, " \
  "issued_at, issuer, verification_code, credential"

/* As sig_certificate_claims_validate() allows. */
#define MAX_LOGO_BYTES (4 * 1024 * 1024)

const char *
sig_store_certificate_kind_to_string (SigStoreCertificateKind kind)
{
  switch (kind)
    {
    case SIG_STORE_CERTIFICATE_COURSE: return "course";
    case SIG_STORE_CERTIFICATE_REFRESHER: return "refresher";
    default: g_return_val_if_reached (NULL);
    }
}

const char *
sig_store_certificate_state_to_string (SigStoreCertificateState state)
{
  switch (state)
    {
    case SIG_STORE_CERTIFICATE_NONE: return "none";
    case SIG_STORE_CERTIFICATE_VALID: return "valid";
    case SIG_STORE_CERTIFICATE_EXPIRING: return "expiring";
    case SIG_STORE_CERTIFICATE_EXPIRED: return "expired";
    default: g_return_val_if_reached (NULL);
    }
}

/* ---- Times ------------------------------------------------------------------- */

static char *
format_utc (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static GDateTime *
parse_utc (const char *text)
{
  g_autoptr(GDateTime) parsed = text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

  return parsed ? g_date_time_to_utc (parsed) : NULL;
}

/* sig_store_now() in whole seconds: credentials keep no fractions. */
static GDateTime *
now_utc (void)
{
  return g_date_time_new_from_unix_utc (sig_store_now () / G_USEC_PER_SEC);
}

/* ---- Claims as JSON ------------------------------------------------------------ */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_strv (JsonBuilder *builder,
          const char  *name,
          char       **values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

JsonNode *
sig_store_claims_to_json (const SigCertificateClaims *claims,
                          gboolean                    with_logo)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *completed = claims->completed_at ? format_utc (claims->completed_at) : NULL;
  g_autofree char *valid_until = claims->valid_until ? format_utc (claims->valid_until) : NULL;

  json_builder_begin_object (builder);
  add_string (builder, "learner_name", claims->learner_name);
  add_string (builder, "language", claims->language);
  add_string (builder, "course_id", claims->course_id);
  add_string (builder, "course_version", claims->course_version);
  add_string (builder, "course_title", claims->course_title);
  add_string (builder, "course_summary", claims->course_summary);
  add_string (builder, "publisher_name", claims->publisher_name);
  add_string (builder, "publisher_did", claims->publisher_did);
  if (with_logo && claims->publisher_logo != NULL)
    {
      gsize size;
      const guint8 *data = g_bytes_get_data (claims->publisher_logo, &size);
      g_autofree char *base64 = g_base64_encode (data, size);

      add_string (builder, "publisher_logo", base64);
    }
  add_strv (builder, "sectors", claims->sectors);
  json_builder_set_member_name (builder, "accreditation_points");
  /* whole points as an integer, as claims were always written */
  if (claims->accreditation_points == (double) (gint64) claims->accreditation_points)
    json_builder_add_int_value (builder, (gint64) claims->accreditation_points);
  else
    json_builder_add_double_value (builder, claims->accreditation_points);
  add_string (builder, "accreditation_register", claims->accreditation_register);
  add_strv (builder, "objectives", claims->objectives);
  json_builder_set_member_name (builder, "score_percent");
  json_builder_add_double_value (builder, claims->score_percent);
  json_builder_set_member_name (builder, "pass_mark_percent");
  json_builder_add_int_value (builder, claims->pass_mark_percent);
  add_string (builder, "completed_at", completed);
  add_string (builder, "valid_until", valid_until);
  add_string (builder, "credential_id", claims->credential_id);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static char *
claims_to_text (const SigCertificateClaims *claims)
{
  g_autoptr(JsonNode) root = sig_store_claims_to_json (claims, TRUE);

  return json_to_string (root, FALSE);
}

static char *
dup_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static char **
dup_strv_member (JsonObject *object,
                 const char *name)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (object, name);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (element));
    }
  return g_strv_builder_end (builder);
}

static SigCertificateClaims *
claims_from_text (const char  *text,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SigCertificateClaims) claims = sig_certificate_claims_new ();
  g_autofree char *logo = NULL;
  g_autofree char *completed = NULL;
  g_autofree char *valid_until = NULL;
  JsonObject *object;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_CORRUPT,
                   _("What a recorded certificate says cannot be read: the progress database is damaged."));
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  claims->learner_name = dup_member (object, "learner_name");
  claims->language = dup_member (object, "language");
  claims->course_id = dup_member (object, "course_id");
  claims->course_version = dup_member (object, "course_version");
  claims->course_title = dup_member (object, "course_title");
  claims->course_summary = dup_member (object, "course_summary");
  claims->publisher_name = dup_member (object, "publisher_name");
  claims->publisher_did = dup_member (object, "publisher_did");
  if ((logo = dup_member (object, "publisher_logo")) != NULL)
    {
      gsize size = 0;
      guint8 *data = g_base64_decode (logo, &size);

      claims->publisher_logo = g_bytes_new_take (data, size);
    }
  claims->sectors = dup_strv_member (object, "sectors");
  claims->accreditation_points = json_object_get_double_member_with_default (object, "accreditation_points", -1);
  claims->accreditation_register = dup_member (object, "accreditation_register");
  claims->objectives = dup_strv_member (object, "objectives");
  claims->score_percent = json_object_get_double_member_with_default (object, "score_percent", 0);
  claims->pass_mark_percent = json_object_get_int_member_with_default (object, "pass_mark_percent", -1);
  completed = dup_member (object, "completed_at");
  valid_until = dup_member (object, "valid_until");
  claims->completed_at = parse_utc (completed);
  claims->valid_until = parse_utc (valid_until);
  claims->credential_id = dup_member (object, "credential_id");
  return g_steal_pointer (&claims);
}

/* ---- SigStoreCertificate ---------------------------------------------------------- */

struct _SigStoreCertificate {
  GObject parent_instance;
  char *id;
  char *profile_id;
  char *course_id;
  char *course_version;
  SigStoreCertificateKind kind;
  GDateTime *completed;
  GDateTime *valid_until;
  double score;
  SigCertificateClaims *claims;
  GDateTime *issued_at;
  char *issuer_did;
  char *verification_code;
  char *credential;
};

enum {
  CERTIFICATE_PROP_0,
  CERTIFICATE_PROP_ID,
  CERTIFICATE_PROP_PROFILE_ID,
  CERTIFICATE_PROP_COURSE_ID,
  CERTIFICATE_PROP_COURSE_VERSION,
  CERTIFICATE_PROP_ISSUED,
  CERTIFICATE_N_PROPS
};

static GParamSpec *certificate_properties[CERTIFICATE_N_PROPS];

G_DEFINE_FINAL_TYPE (SigStoreCertificate, sig_store_certificate, G_TYPE_OBJECT)

static void
sig_store_certificate_finalize (GObject *object)
{
  SigStoreCertificate *self = SIG_STORE_CERTIFICATE (object);

  g_free (self->id);
  g_free (self->profile_id);
  g_free (self->course_id);
  g_free (self->course_version);
  g_clear_pointer (&self->completed, g_date_time_unref);
  g_clear_pointer (&self->valid_until, g_date_time_unref);
  g_clear_pointer (&self->claims, sig_certificate_claims_free);
  g_clear_pointer (&self->issued_at, g_date_time_unref);
  g_free (self->issuer_did);
  g_free (self->verification_code);
  g_free (self->credential);
  G_OBJECT_CLASS (sig_store_certificate_parent_class)->finalize (object);
}

static void
sig_store_certificate_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SigStoreCertificate *self = SIG_STORE_CERTIFICATE (object);

  switch (prop_id)
    {
    case CERTIFICATE_PROP_ID: g_value_set_string (value, self->id); break;
    case CERTIFICATE_PROP_PROFILE_ID: g_value_set_string (value, self->profile_id); break;
    case CERTIFICATE_PROP_COURSE_ID: g_value_set_string (value, self->course_id); break;
    case CERTIFICATE_PROP_COURSE_VERSION: g_value_set_string (value, self->course_version); break;
    case CERTIFICATE_PROP_ISSUED: g_value_set_boolean (value, self->credential != NULL); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sig_store_certificate_class_init (SigStoreCertificateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = sig_store_certificate_finalize;
  object_class->get_property = sig_store_certificate_get_property;

  certificate_properties[CERTIFICATE_PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  certificate_properties[CERTIFICATE_PROP_PROFILE_ID] = g_param_spec_string ("profile-id", NULL, NULL, NULL, flags);
  certificate_properties[CERTIFICATE_PROP_COURSE_ID] = g_param_spec_string ("course-id", NULL, NULL, NULL, flags);
  certificate_properties[CERTIFICATE_PROP_COURSE_VERSION] = g_param_spec_string ("course-version", NULL, NULL, NULL, flags);
  certificate_properties[CERTIFICATE_PROP_ISSUED] = g_param_spec_boolean ("issued", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, CERTIFICATE_N_PROPS, certificate_properties);
}

static void
sig_store_certificate_init (SigStoreCertificate *self)
{
}

/* From a row of CERTIFICATE_COLUMNS. */
static SigStoreCertificate *
certificate_new_from_row (sqlite3_stmt *stmt)
{
  SigStoreCertificate *self = g_object_new (SIG_TYPE_STORE_CERTIFICATE, NULL);

  self->id = g_strdup (sig_store_column_text (stmt, 0));
  self->profile_id = g_strdup (sig_store_column_text (stmt, 1));
  self->course_id = g_strdup (sig_store_column_text (stmt, 2));
  self->course_version = g_strdup (sig_store_column_text (stmt, 3));
  self->kind = g_strcmp0 (sig_store_column_text (stmt, 4), "refresher") == 0
               ? SIG_STORE_CERTIFICATE_REFRESHER : SIG_STORE_CERTIFICATE_COURSE;
  self->completed = parse_utc (sig_store_column_text (stmt, 5));
  self->valid_until = parse_utc (sig_store_column_text (stmt, 6));
  self->score = sqlite3_column_double (stmt, 7);
  self->claims = claims_from_text (sig_store_column_text (stmt, 8), NULL);
  self->issued_at = parse_utc (sig_store_column_text (stmt, 9));
  self->issuer_did = g_strdup (sig_store_column_text (stmt, 10));
  self->verification_code = g_strdup (sig_store_column_text (stmt, 11));
  self->credential = g_strdup (sig_store_column_text (stmt, 12));

  /* Only a damaged row lacks these; keep the object usable. */
  if (self->completed == NULL)
    self->completed = g_date_time_new_from_unix_utc (0);
  if (self->valid_until == NULL)
    self->valid_until = g_date_time_ref (self->completed);
  if (self->claims == NULL)
    {
      self->claims = sig_certificate_claims_new ();
      self->claims->course_id = g_strdup (self->course_id);
      self->claims->course_version = g_strdup (self->course_version);
      self->claims->completed_at = g_date_time_ref (self->completed);
      self->claims->valid_until = g_date_time_ref (self->valid_until);
      self->claims->credential_id = g_strdup (self->id);
    }
  return self;
}

const char *
sig_store_certificate_get_id (SigStoreCertificate *certificate)
{
  g_return_val_if_fail (SIG_IS_STORE_CERTIFICATE (certificate), NULL);
  return certificate->id;
}

const char *
sig_store_certificate_get_profile_id (SigStoreCertificate *certificate)
{
  g_return_val_if_fail (SIG_IS_STORE_CERTIFICATE (certificate), NULL);
  return certificate->profile_id;
}

const char *
sig_store_certificate_get_course_id (SigStoreCertificate *certificate)
{
  g_return_val_if_fail (SIG_IS_STORE_CERTIFICATE (certificate), NULL);
  return certificate->course_id;
}

const char *
sig_store_certificate_get_course_version (SigStoreCertificate *certificate)
{
  g_return_val_if_fail (SIG_IS_STORE_CERTIFICATE (certificate), NULL);
  return certificate->course_version;
}

SigStoreCertificateKind
sig_store_certificate_get_kind (SigStoreCertificate *certificate)
{
  g_return_val_if_fail (SIG_IS_STORE_CERTIFICATE (certificate), SIG_STORE_CERTIFICATE_COURSE);
  return certificate->kind;
}

GDateTime *
sig_store_certificate_get_completed (SigStoreCertificate *certificate)
{
  g_return_val_if_fail (SIG_IS_STORE_CERTIFICATE (certificate), NULL);
  return certificate->completed;
}

GDateTime *
sig_store_certificate_get_valid_until (SigStoreCertificate *certificate)
{
  g_return_val_if_fail (SIG_IS_STORE_CERTIFICATE (certificate), NULL);
  return certificate->valid_until;
}

double
sig_store_certificate_get_score (SigStoreCertificate *certificate)
{
  g_return_val_if_fail (SIG_IS_STORE_CERTIFICATE (certificate), 0);
  return certificate->score;
}

gboolean
sig_store_certificate_get_issued (SigStoreCertificate *certificate)
{
  g_return_val_if_fail (SIG_IS_STORE_CERTIFICATE (certificate), FALSE);
  return certificate->credential != NULL;
}

GDateTime *
sig_store_certificate_get_issued_at (SigStoreCertificate *certificate)
{
  g_return_val_if_fail (SIG_IS_STORE_CERTIFICATE (certificate), NULL);
  return certificate->issued_at;
}

const char *
sig_store_certificate_get_issuer_did (SigStoreCertificate *certificate)
{
  g_return_val_if_fail (SIG_IS_STORE_CERTIFICATE (certificate), NULL);
  return certificate->issuer_did;
}

const char *
sig_store_certificate_get_verification_code (SigStoreCertificate *certificate)
{
  g_return_val_if_fail (SIG_IS_STORE_CERTIFICATE (certificate), NULL);
  return certificate->verification_code;
}

const char *
sig_store_certificate_get_credential (SigStoreCertificate *certificate)
{
  g_return_val_if_fail (SIG_IS_STORE_CERTIFICATE (certificate), NULL);
  return certificate->credential;
}

const SigCertificateClaims *
sig_store_certificate_get_claims (SigStoreCertificate *certificate)
{
  g_return_val_if_fail (SIG_IS_STORE_CERTIFICATE (certificate), NULL);
  return certificate->claims;
}

SigStoreCertificateState
sig_store_certificate_get_state (SigStoreCertificate *certificate,
                                 GDateTime           *now)
{
  g_autoptr(GDateTime) current = NULL;
  GTimeSpan left;

  g_return_val_if_fail (SIG_IS_STORE_CERTIFICATE (certificate), SIG_STORE_CERTIFICATE_NONE);

  current = now ? g_date_time_ref (now) : now_utc ();
  left = g_date_time_difference (certificate->valid_until, current);
  if (left <= 0)
    return SIG_STORE_CERTIFICATE_EXPIRED;
  if (left <= SIG_STORE_CERTIFICATE_EXPIRING_DAYS * G_TIME_SPAN_DAY)
    return SIG_STORE_CERTIFICATE_EXPIRING;
  return SIG_STORE_CERTIFICATE_VALID;
}

/* ---- Writing the files ------------------------------------------------------------ */

/* Writes through a temporary file beside @path; a failure names the folder the
 * learner chose and why, never the temporary file's name. */
static gboolean
write_file (const char  *path,
            const char  *data,
            gsize        size,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *folder = NULL;
  const char *reason;

  if (g_file_set_contents (path, data, (gssize) size, &local_error))
    return TRUE;
  folder = g_path_get_dirname (path);
  switch (local_error->domain == G_FILE_ERROR ? local_error->code : G_FILE_ERROR_FAILED)
    {
    case G_FILE_ERROR_ACCES:
    case G_FILE_ERROR_PERM:
      reason = _("you may not write there");
      break;
    case G_FILE_ERROR_ROFS:
      reason = _("it is read-only");
      break;
    case G_FILE_ERROR_NOENT:
    case G_FILE_ERROR_NOTDIR:
      reason = _("it does not exist");
      break;
    case G_FILE_ERROR_NOSPC:
      reason = _("the disk is full");
      break;
    default:
      reason = _("the file could not be written there");
      break;
    }
  /* Translators: the first %s is a folder, the second a reason such as "you may not write there". */
  g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_IO,
               _("The certificate could not be saved in the folder “%s”: %s. Choose another folder."),
               folder, reason);
  return FALSE;
}

gboolean
sig_store_certificate_write (SigStoreCertificate  *certificate,
                             const char           *pdf_path,
                             const char           *json_path,
                             GError              **error)
{
  g_autoptr(GBytes) pdf = NULL;

  g_return_val_if_fail (SIG_IS_STORE_CERTIFICATE (certificate), FALSE);
  g_return_val_if_fail (pdf_path != NULL || json_path != NULL, FALSE);

  if (certificate->credential == NULL)
    {
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_ISSUED,
                   _("This certificate is recorded but not signed yet, so it cannot be saved. Open it again to sign it."));
      return FALSE;
    }
  /* Draw first: when that fails, no file is written. */
  if (pdf_path != NULL &&
      (pdf = sig_certificate_pdf_render (certificate->claims, certificate->credential, -1, error)) == NULL)
    return FALSE;
  if (json_path != NULL &&
      !write_file (json_path, certificate->credential, strlen (certificate->credential), error))
    return FALSE;
  if (pdf != NULL)
    {
      gsize size;
      const char *data = g_bytes_get_data (pdf, &size);

      if (!write_file (pdf_path, data, size, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct {
  char *pdf_path;
  char *json_path;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_free (data->pdf_path);
  g_free (data->json_path);
  g_free (data);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (sig_store_certificate_write (source_object, data->pdf_path, data->json_path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
sig_store_certificate_write_async (SigStoreCertificate *certificate,
                                   const char          *pdf_path,
                                   const char          *json_path,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (SIG_IS_STORE_CERTIFICATE (certificate));
  g_return_if_fail (pdf_path != NULL || json_path != NULL);

  data = g_new0 (WriteData, 1);
  data->pdf_path = g_strdup (pdf_path);
  data->json_path = g_strdup (json_path);
  task = g_task_new (certificate, cancellable, callback, user_data);
  g_task_set_source_tag (task, sig_store_certificate_write_async);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
sig_store_certificate_write_finish (SigStoreCertificate  *certificate,
                                    GAsyncResult         *result,
                                    GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, certificate), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sig_store_certificate_write_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- The issuer ---------------------------------------------------------------------- */

void
sig_store_set_issuer (SigStore  *store,
                      SigIssuer *issuer)
{
  g_return_if_fail (SIG_IS_STORE (store));
  g_return_if_fail (issuer == NULL || SIG_IS_ISSUER (issuer));

  g_set_object (&store->issuer, issuer);
  store->issuer_set = issuer != NULL;
}

SigIssuer *
sig_store_get_issuer (SigStore  *store,
                      GError   **error)
{
  g_return_val_if_fail (SIG_IS_STORE (store), NULL);

  if (store->issuer == NULL)
    {
      /* The per-installation key lives beside the database, as the
       * installation id lives in it: the default database gives the
       * default place, g_get_user_data_dir()/signaal/issuer-key. */
      g_autofree char *directory = g_path_get_dirname (store->path);

      store->issuer = sig_issuer_lookup_in (NULL, g_getenv (SIG_ISSUER_KEY_FILE_ENV),
                                            g_get_system_config_dirs (), directory, error);
    }
  return store->issuer;
}

/* ---- What a certificate says --------------------------------------------------------- */

/* A name printed on one line: runs of spaces, tabs, newlines and other
 * control characters become one space. */
static char *
one_line (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        space = out->len > 0;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_unichar (out, c);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
is_png (GBytes *bytes)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  return size >= 8 && memcmp (data, signature, 8) == 0;
}

/* The publisher's logo: from the packed media, or from the authoring folder.
 * Only a PNG of at most 4 MB goes on a certificate. */
static GBytes *
publisher_logo (SigCourse *course)
{
  g_autoptr(GBytes) bytes = NULL;

  if (course->publisher_logo == NULL)
    return NULL;
  if (course->media != NULL && g_hash_table_contains (course->media, course->publisher_logo))
    bytes = g_bytes_ref (g_hash_table_lookup (course->media, course->publisher_logo));
  else if (course->base_dir != NULL && sig_loader_media_path_is_safe (course->publisher_logo))
    {
      g_autofree char *path = g_build_filename (course->base_dir, course->publisher_logo, NULL);

      bytes = sig_file_read_bytes (path, MAX_LOGO_BYTES, NULL);
    }
  if (bytes == NULL)
    {
      /* lint and the loader tell the author; the learner's output stays clean */
      g_debug ("The logo %s of the course %s cannot be read; certificates are made without it",
               course->publisher_logo, course->id);
      return NULL;
    }
  if (g_bytes_get_size (bytes) > MAX_LOGO_BYTES || !is_png (bytes))
    {
      g_debug ("The logo %s of the course %s is not a PNG of at most 4 MB; certificates are made without it",
               course->publisher_logo, course->id);
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

static SigCertificateClaims *
build_claims (SigProfile *profile,
              SigCourse  *course,
              const char *version,
              gint64      completed_usec,
              double      score)
{
  g_autoptr(SigCertificateClaims) claims = sig_certificate_claims_new ();
  g_autoptr(GStrvBuilder) objectives = g_strv_builder_new ();
  g_autofree char *uuid = sig_store_new_uuid ();
  const char *lang = sig_profile_get_language (profile);

  claims->learner_name = one_line (sig_profile_get_certificate_name (profile));
  claims->language = g_strdup (lang);
  claims->course_id = g_strdup (course->id);
  claims->course_version = g_strdup (version ? version : course->version);
  claims->course_title = g_strdup (sig_text_get (course->title, lang));
  claims->course_summary = g_strdup (course->summary ? sig_text_get (course->summary, lang) : NULL);
  claims->publisher_name = g_strdup (course->publisher_name ? sig_text_get (course->publisher_name, lang) : NULL);
  claims->publisher_logo = publisher_logo (course);
  claims->sectors = g_strdupv (course->sectors);
  claims->accreditation_points = course->accreditation_points;
  if (course->accreditation_register != NULL)
    claims->accreditation_register = g_strdup (sig_text_get (course->accreditation_register, lang));
  for (guint i = 0; course->objectives != NULL && i < course->objectives->len; i++)
    {
      SigObjective *objective = course->objectives->pdata[i];
      const char *text = sig_text_get (objective->text, lang);

      if (text != NULL)
        g_strv_builder_add (objectives, text);
    }
  claims->objectives = g_strv_builder_end (objectives);
  claims->score_percent = CLAMP (score, 0.0, 100.0);
  claims->pass_mark_percent = (int) course->pass_mark;
  claims->completed_at = g_date_time_new_from_unix_utc (completed_usec / G_USEC_PER_SEC);
  claims->valid_until = g_date_time_add_months (claims->completed_at, (int) course->validity_months);
  claims->credential_id = g_strconcat ("urn:uuid:", uuid, NULL);
  return g_steal_pointer (&claims);
}

/* ---- Reading rows ----------------------------------------------------------------- */

GPtrArray *
sig_store_read_certificates (SigStore    *store,
                             const char  *profile_id,
                             const char  *course_id,
                             GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  stmt = sig_store_prepare (store,
                            "SELECT " CERTIFICATE_COLUMNS " FROM certificates "
                            "WHERE profile_id = ?1 AND (?2 IS NULL OR course_id = ?2) "
                            "ORDER BY completed_at DESC, rowid DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sig_store_bind_text_or_null (stmt, 2, course_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, certificate_new_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "certificates", error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* ---- Recording and signing --------------------------------------------------------- */

/* Is there a pass of @profile_id (in @course_id, or any when NULL) without its certificate? */
static gboolean
has_unrecorded_pass (SigStore   *store,
                     const char *profile_id,
                     const char *course_id)
{
  sqlite3_stmt *stmt;
  gboolean found;

  stmt = sig_store_prepare (store,
                            "SELECT 1 FROM events e WHERE e.profile_id = ?1 AND (?2 IS NULL OR e.course_id = ?2) "
                            "AND e." CERTIFICATE_EVENT_KINDS " AND e.kind IN ('passed', 'refresher-passed') "
                            "AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.registration = e.registration AND a.automated <> 0) "
                            "AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.event_id = e.statement_id) LIMIT 1",
                            NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sig_store_bind_text_or_null (stmt, 2, course_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

/* Did @profile_id pass @course_id in an attempt played by a tool? */
static gboolean
has_automated_pass (SigStore   *store,
                    const char *profile_id,
                    const char *course_id)
{
  sqlite3_stmt *stmt;
  gboolean found;

  stmt = sig_store_prepare (store,
                            "SELECT 1 FROM events e JOIN attempts a ON a.registration = e.registration "
                            "WHERE e.profile_id = ?1 AND e.course_id = ?2 AND e.kind IN ('passed', 'refresher-passed') "
                            "AND a.automated <> 0 LIMIT 1",
                            NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, course_id, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

/* The score of the latest certificate of the course, or -1. */
static double
latest_score (SigStore   *store,
              const char *profile_id,
              const char *course_id)
{
  sqlite3_stmt *stmt = sig_store_prepare (store,
                                          "SELECT score FROM certificates WHERE profile_id = ? AND course_id = ? "
                                          "ORDER BY completed_at DESC, rowid DESC LIMIT 1", NULL);
  double score = -1;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, course_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    score = sqlite3_column_double (stmt, 0);
  sqlite3_reset (stmt);
  return score;
}

static void
unref_course_or_null (gpointer course)
{
  if (course != NULL)
    sig_course_unref (course);
}

typedef struct {
  char *statement_id;
  char *course_id;
  char *version;
  gboolean refresher;
  gboolean has_points;
  double points;
  double max_points;
  gint64 time;
} PassRow;

static void
pass_row_free (PassRow *row)
{
  g_free (row->statement_id);
  g_free (row->course_id);
  g_free (row->version);
  g_free (row);
}

static gboolean
insert_certificate (SigStore                   *store,
                    const char                 *profile_id,
                    const PassRow              *pass,
                    const SigCertificateClaims *claims,
                    GError                    **error)
{
  g_autofree char *text = claims_to_text (claims);
  g_autofree char *completed = format_utc (claims->completed_at);
  g_autofree char *valid_until = format_utc (claims->valid_until);
  sqlite3_stmt *stmt;

  stmt = sig_store_prepare (store,
                            "INSERT INTO certificates (id, profile_id, event_id, course_id, course_version, kind, "
                            "completed_at, valid_until, score, claims) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, claims->credential_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, pass->statement_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, pass->course_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, claims->course_version, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, pass->refresher ? "refresher" : "course", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, completed, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, valid_until, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 9, claims->score_percent);
  sqlite3_bind_text (stmt, 10, text, -1, SQLITE_STATIC);
  return sig_store_step_done (store, stmt, error);
}

/* Records a certificate (not yet signed) for every pass of @profile_id in
 * @course_id (NULL: every course) that has none. Inside a transaction. The
 * course's texts come from @course when it is that course, else from the
 * library. *@recorded counts them; a pass whose course cannot be loaded is
 * left for later, with the reason in *@skipped (optional). FALSE only on a
 * database error. */
static gboolean
record_missing (SigStore    *store,
                const char  *profile_id,
                const char  *course_id,
                SigCourse   *course,
                guint       *recorded,
                char       **skipped,
                GError     **error)
{
  g_autoptr(GPtrArray) passes = g_ptr_array_new_with_free_func ((GDestroyNotify) pass_row_free);
  g_autoptr(GHashTable) courses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref_course_or_null);
  g_autoptr(SigProfile) profile = NULL;
  sqlite3_stmt *stmt;
  int rc;

  *recorded = 0;
  stmt = sig_store_prepare (store,
                            "SELECT e.statement_id, e.course_id, e.course_version, e.kind, e.points, e.max_points, e.time "
                            "FROM events e WHERE e.profile_id = ?1 AND (?2 IS NULL OR e.course_id = ?2) "
                            "AND e." CERTIFICATE_EVENT_KINDS " AND e.kind IN ('passed', 'refresher-passed') "
                            "AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.registration = e.registration AND a.automated <> 0) "
                            "AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.event_id = e.statement_id) "
                            "ORDER BY e.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sig_store_bind_text_or_null (stmt, 2, course_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PassRow *pass = g_new0 (PassRow, 1);

      pass->statement_id = g_strdup (sig_store_column_text (stmt, 0));
      pass->course_id = g_strdup (sig_store_column_text (stmt, 1));
      pass->version = g_strdup (sig_store_column_text (stmt, 2));
      pass->refresher = g_strcmp0 (sig_store_column_text (stmt, 3), "refresher-passed") == 0;
      pass->has_points = sqlite3_column_type (stmt, 5) != SQLITE_NULL && sqlite3_column_double (stmt, 5) > 0;
      pass->points = sqlite3_column_double (stmt, 4);
      pass->max_points = sqlite3_column_double (stmt, 5);
      pass->time = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (passes, pass);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sig_store_set_sqlite_error (store, rc, "certificates", error);
      return FALSE;
    }
  if (passes->len == 0)
    return TRUE;
  if ((profile = sig_store_get_profile (store, profile_id, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < passes->len; i++)
    {
      PassRow *pass = passes->pdata[i];
      g_autoptr(SigCertificateClaims) claims = NULL;
      SigCourse *source = NULL;
      double score;

      if (course != NULL && g_str_equal (course->id, pass->course_id))
        source = course;
      else if (!g_hash_table_lookup_extended (courses, pass->course_id, NULL, (gpointer *) &source))
        {
          g_autoptr(GError) load_error = NULL;

          source = sig_store_load_course (store, pass->course_id, &load_error);
          if (source == NULL && skipped != NULL && *skipped == NULL)
            *skipped = g_strdup_printf (_("The course “%s” is not in the library, so its certificate cannot be made (%s). Import the course again."),
                                        pass->course_id, load_error->message);
          g_hash_table_insert (courses, g_strdup (pass->course_id), source);
        }
      if (source == NULL)
        continue;

      if (pass->has_points && !pass->refresher)
        score = 100.0 * pass->points / pass->max_points;
      else
        {
          /* A renewal: the score the course was passed with. */
          score = latest_score (store, profile_id, pass->course_id);
          if (score < 0)
            score = 100;
        }
      claims = build_claims (profile, source, pass->version, pass->time, score);
      {
        claims->publisher_did = sig_store_library_publisher_did (store, pass->course_id);
      }
      if (!insert_certificate (store, profile_id, pass, claims, error))
        return FALSE;
      (*recorded)++;
    }
  return TRUE;
}

/* Signs the recorded certificate @id, when it is not signed yet. Inside a transaction. */
static gboolean
sign_certificate (SigStore    *store,
                  const char  *id,
                  GError     **error)
{
  g_autoptr(SigCertificateClaims) claims = NULL;
  g_autoptr(GDateTime) now = now_utc ();
  g_autofree char *claims_text = NULL;
  g_autofree char *credential = NULL;
  g_autofree char *code = NULL;
  g_autofree char *issued_at = NULL;
  sqlite3_stmt *stmt;
  SigIssuer *issuer;
  int rc;

  stmt = sig_store_prepare (store, "SELECT claims FROM certificates WHERE id = ? AND credential IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    claims_text = g_strdup (sig_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;   /* signed meanwhile (by another program) */
  if (rc != SQLITE_ROW)
    {
      sig_store_set_sqlite_error (store, rc, "certificate", error);
      return FALSE;
    }

  if ((issuer = sig_store_get_issuer (store, error)) == NULL ||
      (claims = claims_from_text (claims_text, error)) == NULL ||
      (credential = sig_credential_build_signed (claims, issuer, now, error)) == NULL ||
      (code = sig_credential_verification_code (credential, -1, error)) == NULL)
    return FALSE;
  issued_at = format_utc (now);

  stmt = sig_store_prepare (store,
                            "UPDATE certificates SET issued_at = ?, issuer = ?, verification_code = ?, credential = ? "
                            "WHERE id = ? AND credential IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, issued_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, sig_issuer_get_did (issuer), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, credential, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, id, -1, SQLITE_STATIC);
  return sig_store_step_done (store, stmt, error);
}

/* Signs every certificate of @profile_id in @course_id not signed yet. Inside a transaction. */
static gboolean
sign_unsigned (SigStore    *store,
               const char  *profile_id,
               const char  *course_id,
               GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  stmt = sig_store_prepare (store,
                            "SELECT id FROM certificates WHERE profile_id = ? AND course_id = ? AND credential IS NULL "
                            "ORDER BY completed_at", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, course_id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup (sig_store_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  for (guint i = 0; i < ids->len; i++)
    if (!sign_certificate (store, ids->pdata[i], error))
      return FALSE;
  return TRUE;
}

/* Runs @step in a savepoint: when it fails, what it wrote is undone and the
 * transaction goes on. */
static gboolean
in_savepoint (SigStore  *store,
              gboolean (*step) (SigStore *, gpointer, GError **),
              gpointer   data,
              GError   **error)
{
  if (!sig_store_exec (store, "SAVEPOINT certificate", error))
    return FALSE;
  if (step (store, data, error))
    return sig_store_exec (store, "RELEASE certificate", error);
  sqlite3_exec (store->db, "ROLLBACK TO certificate", NULL, NULL, NULL);
  sqlite3_exec (store->db, "RELEASE certificate", NULL, NULL, NULL);
  return FALSE;
}

/* ---- In the transaction of an event ---------------------------------------------------- */

typedef struct {
  const char *profile_id;
  SigCourse *course;
  const SigStorePass *passes;
  guint n_passes;
  guint recorded;
} Issue;

static gboolean
record_step (SigStore  *store,
             gpointer   data,
             GError   **error)
{
  Issue *issue = data;
  g_autoptr(SigProfile) profile = sig_store_get_profile (store, issue->profile_id, error);

  if (profile == NULL)
    return FALSE;
  for (guint i = 0; i < issue->n_passes; i++)
    {
      const SigStorePass *pass = &issue->passes[i];
      g_autoptr(SigCertificateClaims) claims = NULL;
      PassRow row = { 0 };
      double score = pass->score;

      if (score < 0)
        score = latest_score (store, issue->profile_id, issue->course->id);
      if (score < 0)
        score = 100;
      row.statement_id = pass->statement_id;
      row.course_id = issue->course->id;
      row.refresher = pass->refresher;
      claims = build_claims (profile, issue->course, issue->course->version, pass->time, score);
      claims->publisher_did = sig_store_library_publisher_did (store, issue->course->id);
      if (!insert_certificate (store, issue->profile_id, &row, claims, error))
        return FALSE;
      issue->recorded++;
    }
  return TRUE;
}

static gboolean
sign_step (SigStore  *store,
           gpointer   data,
           GError   **error)
{
  Issue *issue = data;

  return sign_unsigned (store, issue->profile_id, issue->course->id, error);
}

void
sig_store_certificates_issue (SigStore           *store,
                              const char         *profile_id,
                              SigCourse          *course,
                              const SigStorePass *passes,
                              guint               n_passes)
{
  g_autoptr(GError) local_error = NULL;
  Issue issue = { profile_id, course, passes, n_passes, 0 };

  if (!in_savepoint (store, record_step, &issue, &local_error))
    {
      g_message ("The certificate of a pass in %s was not recorded now: %s",
                 course->id, local_error ? local_error->message : "");
      return;
    }
  /* Signing is tried once, with the pass; later sig_store_get_certificate() tries again. */
  if (issue.recorded > 0 && !in_savepoint (store, sign_step, &issue, &local_error))
    g_message ("A certificate for %s was recorded but not signed yet: %s",
               course->id, local_error ? local_error->message : "");
}

gboolean
sig_store_has_certificate (SigStore   *store,
                           const char *profile_id,
                           const char *course_id)
{
  sqlite3_stmt *stmt = sig_store_prepare (store, "SELECT 1 FROM certificates WHERE profile_id = ? AND course_id = ? LIMIT 1", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, course_id, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

/* ---- Outside events -------------------------------------------------------------------- */

/* Records what is missing (passes from before format 3, or whose certificate
 * could not be recorded then), in its own transaction, when the store is
 * writable. @skipped: why a pass was left without one. */
static gboolean
record_missing_now (SigStore    *store,
                    const char  *profile_id,
                    const char  *course_id,
                    char       **skipped,
                    GError     **error)
{
  guint recorded = 0;

  if (store->read_only || !has_unrecorded_pass (store, profile_id, course_id))
    return TRUE;
  if (!sig_store_begin (store, error))
    return FALSE;
  if (!record_missing (store, profile_id, course_id, NULL, &recorded, skipped, error) ||
      !sig_store_commit (store, error))
    {
      sig_store_rollback (store);
      return FALSE;
    }
  if (recorded > 0)
    sig_store_emit_progress_changed (store, profile_id, course_id);
  return TRUE;
}

SigStoreCertificate *
sig_store_get_certificate (SigStore    *store,
                           const char  *profile_id,
                           const char  *course_id,
                           GError     **error)
{
  g_autoptr(SigProfile) profile = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *skipped = NULL;
  g_autofree char *id = NULL;
  SigStoreCertificate *latest;

  g_return_val_if_fail (SIG_IS_STORE (store), NULL);
  g_return_val_if_fail (profile_id != NULL && course_id != NULL, NULL);

  if ((profile = sig_store_get_profile (store, profile_id, error)) == NULL ||
      !record_missing_now (store, profile_id, course_id, &skipped, error) ||
      (rows = sig_store_read_certificates (store, profile_id, course_id, error)) == NULL)
    return NULL;
  if (rows->len == 0)
    {
      if (skipped != NULL)
        g_set_error_literal (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_ISSUED, skipped);
      else if (store->read_only && has_unrecorded_pass (store, profile_id, course_id))
        g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_ISSUED,
                     _("The certificate of %s for “%s” cannot be made now: %s"),
                     sig_profile_get_name (profile), course_id, sig_store_get_read_only_reason (store));
      else if (has_automated_pass (store, profile_id, course_id))
        g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_PASSED,
                     _("%s passed the course “%s” only in an automated attempt (signaal-course play --best), and those give no certificate. Take the course and answer it yourself."),
                     sig_profile_get_name (profile), course_id);
      else
        g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_PASSED,
                     _("%s has not passed the course “%s”, so there is no certificate for it."),
                     sig_profile_get_name (profile), course_id);
      return NULL;
    }
  latest = rows->pdata[0];
  if (sig_store_certificate_get_issued (latest))
    return g_object_ref (latest);

  /* Recorded with the pass, not signed yet: sign it now. */
  id = g_strdup (latest->id);
  if (!sig_store_begin (store, &local_error) ||
      !sign_certificate (store, id, &local_error) ||
      !sig_store_commit (store, &local_error))
    {
      g_autofree char *reason = g_str_has_suffix (local_error->message, ".")
                                ? g_strdup (local_error->message)
                                : g_strconcat (local_error->message, ".", NULL);

      sig_store_rollback (store);
      g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_ISSUED,
                   _("The certificate of %s for “%s” is recorded, but it cannot be signed now: %s Your result is kept; the certificate is made as soon as this is fixed."),
                   sig_profile_get_name (profile), latest->claims->course_title ? latest->claims->course_title : course_id,
                   reason);
      return NULL;
    }
  g_clear_pointer (&rows, g_ptr_array_unref);
  if ((rows = sig_store_read_certificates (store, profile_id, course_id, error)) == NULL)
    return NULL;
  sig_store_emit_progress_changed (store, profile_id, course_id);
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (((SigStoreCertificate *) rows->pdata[i])->id, id))
      return g_object_ref (rows->pdata[i]);
  g_set_error (error, SIG_STORE_ERROR, SIG_STORE_ERROR_FAILED,
               _("The certificate disappeared while it was signed; try again."));
  return NULL;
}

GPtrArray *
sig_store_list_certificates (SigStore    *store,
                             const char  *profile_id,
                             GError     **error)
{
  g_autoptr(SigProfile) profile = NULL;

  g_return_val_if_fail (SIG_IS_STORE (store), NULL);
  g_return_val_if_fail (profile_id != NULL, NULL);

  if ((profile = sig_store_get_profile (store, profile_id, error)) == NULL ||
      !record_missing_now (store, profile_id, NULL, NULL, error))
    return NULL;
  return sig_store_read_certificates (store, profile_id, NULL, error);
}

gboolean
sig_store_get_certificate_state (SigStore                  *store,
                                 const char                *profile_id,
                                 const char                *course_id,
                                 GDateTime                 *now,
                                 SigStoreCertificateState  *state,
                                 SigStoreCertificate      **latest,
                                 gboolean                  *refresher_available,
                                 GError                   **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  SigStoreCertificateState result = SIG_STORE_CERTIFICATE_NONE;

  g_return_val_if_fail (SIG_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_id != NULL && course_id != NULL, FALSE);

  if (!record_missing_now (store, profile_id, course_id, NULL, error) ||
      (rows = sig_store_read_certificates (store, profile_id, course_id, error)) == NULL)
    return FALSE;
  if (rows->len > 0)
    result = sig_store_certificate_get_state (rows->pdata[0], now);
  if (state != NULL)
    *state = result;
  if (latest != NULL)
    *latest = rows->len > 0 ? g_object_ref (rows->pdata[0]) : NULL;
  if (refresher_available != NULL)
    {
      g_autoptr(SigLibraryCourse) entry = NULL;

      *refresher_available = FALSE;
      if (result != SIG_STORE_CERTIFICATE_NONE &&
          (entry = sig_store_get_library_course (store, course_id, NULL)) != NULL)
        *refresher_available = sig_library_course_get_refresher_module (entry) != NULL;
    }
  return TRUE;
}
