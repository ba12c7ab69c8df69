/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sig-store.h"

G_BEGIN_DECLS

/* A learner's certificate for one course, as the progress store keeps it:
 * who, what, until when, the verification code and the issuer, with "Save as
 * PDF…" and "Save Credential…" and, when the course has one, the refresher
 * (prominent when the certificate expires soon or has expired). Hidden while
 * there is no certificate. Emits ::take-refresher when the learner asks for
 * the refresher; whoever shows the section starts it. */

#define SIG_TYPE_CERTIFICATE_SECTION (sig_certificate_section_get_type ())

G_DECLARE_FINAL_TYPE (SigCertificateSection, sig_certificate_section, SIG, CERTIFICATE_SECTION, GtkBox)

GtkWidget                *sig_certificate_section_new            (SigStore   *store,
                                                                  const char *profile_id,
                                                                  const char *course_id);
/* Reads the certificate again (signing it when it was recorded unsigned). */
void                      sig_certificate_section_reload         (SigCertificateSection *self);
SigStoreCertificateState  sig_certificate_section_get_state      (SigCertificateSection *self);
/* The certificate shown, or NULL. Transfer none. */
SigStoreCertificate      *sig_certificate_section_get_certificate (SigCertificateSection *self);
gboolean                  sig_certificate_section_get_refresher_available (SigCertificateSection *self);
/* Whether the refresher is offered at all (property "show-refresher", default TRUE). */
void                      sig_certificate_section_set_show_refresher (SigCertificateSection *self,
                                                                      gboolean               show);

G_END_DECLS
