/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <string.h>

#include "sig-certificate-error.h"
#include "sig-certificate-export.h"
#include "sig-certificate-labels.h"
#include "sig-certificate-pdf.h"
#include "sig-credential.h"

/* "certificaat-example-course-2025-03-12", with "-2", "-3", ... when a certificate
 * of that day already exists: an earlier certificate is never overwritten. */
static char *
unused_base_path (const SigCertificateClaims *claims,
                  const char                 *directory)
{
  g_autofree char *word = g_utf8_strdown (sig_certificate_label (SIG_LABEL_CERTIFICATE, claims->language), -1);
  g_autoptr(GDateTime) utc = g_date_time_to_utc (claims->completed_at);
  g_autofree char *day = g_date_time_format (utc, "%Y-%m-%d");
  g_autofree char *stem = g_strdup_printf ("%s-%s-%s", word, claims->course_id, day);

  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup (stem) : g_strdup_printf ("%s-%u", stem, n);
      g_autofree char *base = g_build_filename (directory, name, NULL);
      g_autofree char *json = g_strconcat (base, ".json", NULL);
      g_autofree char *pdf = g_strconcat (base, ".pdf", NULL);

      if (!g_file_test (json, G_FILE_TEST_EXISTS) && !g_file_test (pdf, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&base);
    }
  return NULL;
}

/**
 * sig_certificate_export:
 * @claims: what the certificate says
 * @issuer: who signs it
 * @directory: the folder to write to
 * @credential: (out) (optional): the signed credential
 * @json_path: (out) (optional): the file the credential was written to
 * @pdf_path: (out) (optional): the file the PDF was written to
 * @error: a #GError
 *
 * Issues a certificate: signs the credential, draws the PDF, and writes both to
 * @directory, never over an existing file. Writes nothing if either step fails.
 *
 * Returns: %TRUE on success
 */
gboolean
sig_certificate_export (const SigCertificateClaims  *claims,
                        SigIssuer                   *issuer,
                        const char                  *directory,
                        char                       **credential,
                        char                       **json_path,
                        char                       **pdf_path,
                        GError                     **error)
{
  g_autofree char *json = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *base = NULL;
  g_autofree char *json_file = NULL;
  g_autofree char *pdf_file = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize pdf_size;
  const char *pdf_data;

  g_return_val_if_fail (claims != NULL, FALSE);
  g_return_val_if_fail (SIG_IS_ISSUER (issuer), FALSE);
  g_return_val_if_fail (directory != NULL, FALSE);

  json = sig_credential_build_signed (claims, issuer, NULL, error);
  if (json == NULL)
    return FALSE;
  pdf = sig_certificate_pdf_render (claims, json, -1, error);
  if (pdf == NULL)
    return FALSE;

  if (g_mkdir_with_parents (directory, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_IO,
                   _("Could not create the folder %s: %s"), directory, g_strerror (saved_errno));
      return FALSE;
    }
  base = unused_base_path (claims, directory);
  if (base == NULL)
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_IO,
                   _("The folder %s already holds too many certificates for this course and day."), directory);
      return FALSE;
    }
  json_file = g_strconcat (base, ".json", NULL);
  pdf_file = g_strconcat (base, ".pdf", NULL);

  pdf_data = g_bytes_get_data (pdf, &pdf_size);
  if (!g_file_set_contents (json_file, json, -1, &local_error) ||
      !g_file_set_contents (pdf_file, pdf_data, (gssize) pdf_size, &local_error))
    {
      g_unlink (json_file);
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_IO,
                   _("Could not save the certificate: %s"), local_error->message);
      return FALSE;
    }

  if (credential)
    *credential = g_steal_pointer (&json);
  if (json_path)
    *json_path = g_steal_pointer (&json_file);
  if (pdf_path)
    *pdf_path = g_steal_pointer (&pdf_file);
  return TRUE;
}

typedef struct {
  SigCertificateClaims *claims;
  SigIssuer *issuer;
  char *directory;
} ExportData;

typedef struct {
  char *credential;
  char *json_path;
  char *pdf_path;
} ExportResult;

static void
export_data_free (ExportData *data)
{
  sig_certificate_claims_free (data->claims);
  g_clear_object (&data->issuer);
  g_free (data->directory);
  g_free (data);
}

static void
export_result_free (ExportResult *result)
{
  g_free (result->credential);
  g_free (result->json_path);
  g_free (result->pdf_path);
  g_free (result);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  ExportResult *result = g_new0 (ExportResult, 1);
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      export_result_free (result);
      return;
    }
  if (!sig_certificate_export (data->claims, data->issuer, data->directory,
                               &result->credential, &result->json_path, &result->pdf_path, &error))
    {
      export_result_free (result);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, result, (GDestroyNotify) export_result_free);
}

/**
 * sig_certificate_export_async:
 *
 * sig_certificate_export() in a worker thread. @claims is copied.
 */
void
sig_certificate_export_async (const SigCertificateClaims *claims,
                              SigIssuer                  *issuer,
                              const char                 *directory,
                              GCancellable               *cancellable,
                              GAsyncReadyCallback         callback,
                              gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (claims != NULL);
  g_return_if_fail (SIG_IS_ISSUER (issuer));
  g_return_if_fail (directory != NULL);

  data = g_new0 (ExportData, 1);
  data->claims = sig_certificate_claims_copy (claims);
  data->issuer = g_object_ref (issuer);
  data->directory = g_strdup (directory);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sig_certificate_export_async);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
sig_certificate_export_finish (GAsyncResult  *result,
                               char         **credential,
                               char         **json_path,
                               char         **pdf_path,
                               GError       **error)
{
  ExportResult *export;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sig_certificate_export_async, FALSE);

  export = g_task_propagate_pointer (G_TASK (result), error);
  if (export == NULL)
    return FALSE;
  if (credential)
    *credential = g_steal_pointer (&export->credential);
  if (json_path)
    *json_path = g_steal_pointer (&export->json_path);
  if (pdf_path)
    *pdf_path = g_steal_pointer (&export->pdf_path);
  export_result_free (export);
  return TRUE;
}
