/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sig-certificate-claims.h"
#include "sig-certificate-error.h"

G_DEFINE_BOXED_TYPE (SigCertificateClaims, sig_certificate_claims,
                     sig_certificate_claims_copy, sig_certificate_claims_free)

/* Upper bounds that keep a certificate printable and a credential small. */
#define MAX_NAME_CHARS 200
#define MAX_TITLE_CHARS 300
#define MAX_TEXT_CHARS 2000
#define MAX_OBJECTIVES 50
#define MAX_LOGO_BYTES (4 * 1024 * 1024)

/**
 * sig_certificate_claims_new:
 *
 * Returns: (transfer full): empty claims, with no accreditation points and an
 *   unknown pass mark.
 */
SigCertificateClaims *
sig_certificate_claims_new (void)
{
  SigCertificateClaims *claims = g_new0 (SigCertificateClaims, 1);

  claims->accreditation_points = -1;
  claims->pass_mark_percent = -1;
  return claims;
}

SigCertificateClaims *
sig_certificate_claims_copy (const SigCertificateClaims *claims)
{
  SigCertificateClaims *copy;

  g_return_val_if_fail (claims != NULL, NULL);

  copy = g_new0 (SigCertificateClaims, 1);
  copy->learner_name = g_strdup (claims->learner_name);
  copy->language = g_strdup (claims->language);
  copy->course_id = g_strdup (claims->course_id);
  copy->course_version = g_strdup (claims->course_version);
  copy->course_title = g_strdup (claims->course_title);
  copy->course_summary = g_strdup (claims->course_summary);
  copy->publisher_name = g_strdup (claims->publisher_name);
  copy->publisher_did = g_strdup (claims->publisher_did);
  copy->publisher_logo = claims->publisher_logo ? g_bytes_ref (claims->publisher_logo) : NULL;
  copy->sectors = g_strdupv (claims->sectors);
  copy->accreditation_points = claims->accreditation_points;
  copy->accreditation_register = g_strdup (claims->accreditation_register);
  copy->objectives = g_strdupv (claims->objectives);
  copy->score_percent = claims->score_percent;
  copy->pass_mark_percent = claims->pass_mark_percent;
  copy->completed_at = claims->completed_at ? g_date_time_ref (claims->completed_at) : NULL;
  copy->valid_until = claims->valid_until ? g_date_time_ref (claims->valid_until) : NULL;
  copy->credential_id = g_strdup (claims->credential_id);
  return copy;
}

void
sig_certificate_claims_free (SigCertificateClaims *claims)
{
  if (claims == NULL)
    return;

  g_free (claims->learner_name);
  g_free (claims->language);
  g_free (claims->course_id);
  g_free (claims->course_version);
  g_free (claims->course_title);
  g_free (claims->course_summary);
  g_free (claims->publisher_name);
  g_free (claims->publisher_did);
  g_clear_pointer (&claims->publisher_logo, g_bytes_unref);
  g_strfreev (claims->sectors);
  g_free (claims->accreditation_register);
  g_strfreev (claims->objectives);
  g_clear_pointer (&claims->completed_at, g_date_time_unref);
  g_clear_pointer (&claims->valid_until, g_date_time_unref);
  g_free (claims->credential_id);
  g_free (claims);
}

static gboolean
has_control_characters (const char *text,
                        gboolean    allow_newlines)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (allow_newlines && c == '\n')
        continue;
      if (g_unichar_iscntrl (c))
        return TRUE;
    }
  return FALSE;
}

/* A single line of text a person typed or a course supplied. */
static gboolean
check_text (const char  *value,
            const char  *what,
            gboolean     required,
            gsize        max_chars,
            gboolean     multi_line,
            GError     **error)
{
  if (value == NULL || *value == '\0')
    {
      if (!required)
        return TRUE;
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_CLAIMS_INVALID,
                   /* Translators: %s is a field such as "the learner's name" */
                   _("The certificate needs %s, but it is empty."), what);
      return FALSE;
    }
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_CLAIMS_INVALID,
                   _("The text of %s is not valid UTF-8."), what);
      return FALSE;
    }
  if (g_utf8_strlen (value, -1) > (glong) max_chars)
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_CLAIMS_INVALID,
                   _("The text of %s is longer than %u characters; shorten it."),
                   what, (guint) max_chars);
      return FALSE;
    }
  if (has_control_characters (value, multi_line))
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_CLAIMS_INVALID,
                   _("The text of %s contains control characters."), what);
      return FALSE;
    }
  if (!multi_line)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (value));

      if (required && *stripped == '\0')
        {
          g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_CLAIMS_INVALID,
                       _("The certificate needs %s, but it is empty."), what);
          return FALSE;
        }
    }
  return TRUE;
}

/* Ids as the course format defines them: [a-z0-9][a-z0-9.-]*, at most 64. */
static gboolean
is_course_id (const char *id)
{
  gsize len = strlen (id);

  if (len == 0 || len > 64 || !(g_ascii_islower (id[0]) || g_ascii_isdigit (id[0])))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!(g_ascii_islower (id[i]) || g_ascii_isdigit (id[i]) || id[i] == '-' || id[i] == '.'))
      return FALSE;
  return TRUE;
}

static gboolean
is_version (const char *version)
{
  g_auto(GStrv) parts = g_strsplit (version, ".", -1);

  if (g_strv_length (parts) != 3)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    {
      if (parts[i][0] == '\0' || strlen (parts[i]) > 9)
        return FALSE;
      for (const char *p = parts[i]; *p; p++)
        if (!g_ascii_isdigit (*p))
          return FALSE;
    }
  return TRUE;
}

/**
 * sig_certificate_claims_validate:
 * @claims: the claims
 * @error: a #GError
 *
 * Checks that @claims can go on a certificate: required fields present, text valid
 * and of reasonable length, scores in range, valid_until after completed_at.
 *
 * Returns: %TRUE if the claims are complete and consistent
 */
gboolean
sig_certificate_claims_validate (const SigCertificateClaims  *claims,
                                 GError                     **error)
{
  g_return_val_if_fail (claims != NULL, FALSE);

  if (!check_text (claims->learner_name, _("the learner's name"), TRUE, MAX_NAME_CHARS, FALSE, error) ||
      !check_text (claims->course_title, _("the course title"), TRUE, MAX_TITLE_CHARS, FALSE, error) ||
      !check_text (claims->course_summary, _("the course summary"), FALSE, MAX_TEXT_CHARS, TRUE, error) ||
      !check_text (claims->publisher_name, _("the publisher's name"), TRUE, MAX_TITLE_CHARS, FALSE, error) ||
      !check_text (claims->accreditation_register, _("the accreditation register"), FALSE, MAX_TITLE_CHARS, FALSE, error))
    return FALSE;

  if (g_strcmp0 (claims->language, "nl") != 0 && g_strcmp0 (claims->language, "en") != 0)
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_CLAIMS_INVALID,
                   _("A certificate can be made in Dutch (nl) or English (en), not in “%s”."),
                   claims->language ? claims->language : "");
      return FALSE;
    }
  if (claims->course_id == NULL || !is_course_id (claims->course_id))
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_CLAIMS_INVALID,
                   _("“%s” is not a valid course id."), claims->course_id ? claims->course_id : "");
      return FALSE;
    }
  if (claims->course_version == NULL || !is_version (claims->course_version))
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_CLAIMS_INVALID,
                   _("“%s” is not a course version of the form MAJOR.MINOR.PATCH."),
                   claims->course_version ? claims->course_version : "");
      return FALSE;
    }
  for (guint i = 0; claims->sectors && claims->sectors[i]; i++)
    if (!is_course_id (claims->sectors[i]))
      {
        g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_CLAIMS_INVALID,
                     _("“%s” is not a valid sector id."), claims->sectors[i]);
        return FALSE;
      }
  if (claims->objectives && g_strv_length (claims->objectives) > MAX_OBJECTIVES)
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_CLAIMS_INVALID,
                   _("A certificate lists at most %d learning objectives."), MAX_OBJECTIVES);
      return FALSE;
    }
  for (guint i = 0; claims->objectives && claims->objectives[i]; i++)
    if (!check_text (claims->objectives[i], _("a learning objective"), TRUE, MAX_TEXT_CHARS, FALSE, error))
      return FALSE;
  if (claims->accreditation_points < -1 || claims->accreditation_points > 1000)
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_CLAIMS_INVALID,
                   _("Accreditation points must be between 0 and 1000 (or -1 for none)."));
      return FALSE;
    }
  if (!isfinite (claims->score_percent) || claims->score_percent < 0 || claims->score_percent > 100)
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_CLAIMS_INVALID,
                   _("The score must be a percentage between 0 and 100."));
      return FALSE;
    }
  if (claims->pass_mark_percent < -1 || claims->pass_mark_percent > 100)
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_CLAIMS_INVALID,
                   _("The pass mark must be a percentage between 0 and 100 (or -1 if not known)."));
      return FALSE;
    }
  if (claims->completed_at == NULL || claims->valid_until == NULL)
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_CLAIMS_INVALID,
                   _("The certificate needs a completion date and an expiry date."));
      return FALSE;
    }
  if (g_date_time_compare (claims->valid_until, claims->completed_at) <= 0)
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_CLAIMS_INVALID,
                   _("The certificate would expire before it was earned: “valid until” must be after the completion date."));
      return FALSE;
    }
  if (claims->publisher_logo && g_bytes_get_size (claims->publisher_logo) > MAX_LOGO_BYTES)
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_CLAIMS_INVALID,
                   _("The publisher's logo is larger than 4 MB; use a smaller PNG."));
      return FALSE;
    }
  if (claims->credential_id != NULL)
    {
      if (!g_str_has_prefix (claims->credential_id, "urn:uuid:") ||
          !g_uuid_string_is_valid (claims->credential_id + strlen ("urn:uuid:")))
        {
          g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_CLAIMS_INVALID,
                       _("The credential id “%s” is not of the form urn:uuid:UUID."),
                       claims->credential_id);
          return FALSE;
        }
    }
  return TRUE;
}
