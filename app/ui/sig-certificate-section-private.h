/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sig-certificate-section.h"

G_BEGIN_DECLS

/* For the widget tests: what the save dialogs lead to, and what shows. */

typedef enum {
  SIG_CERTIFICATE_SAVE_PDF,
  SIG_CERTIFICATE_SAVE_CREDENTIAL,
} SigCertificateSaveFormat;

/* Writes the certificate to @file in a worker thread, as after the save dialog. */
void        sig_certificate_section_save           (SigCertificateSection    *self,
                                                    SigCertificateSaveFormat  format,
                                                    GFile                    *file);
/* TRUE while a file is being written (property "busy"). */
gboolean    sig_certificate_section_get_busy       (SigCertificateSection    *self);
/* The toast or error of the last save, or NULL. */
const char *sig_certificate_section_get_last_message (SigCertificateSection  *self);
/* The file name the save dialog suggests: "certificate-COURSE-DATE.pdf". */
char       *sig_certificate_section_suggest_name   (SigCertificateSection    *self,
                                                    SigCertificateSaveFormat  format);
GtkWidget  *sig_certificate_section_get_button     (SigCertificateSection    *self,
                                                    const char               *name);  /* "pdf", "json", "refresher", "attention-refresher" */

G_END_DECLS
