/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* "Verify a certificate": anyone chooses (or drops) a certificate's signed
 * .json file and sees whether it is VALID, EXPIRED or NOT VALID and why, who
 * it is for, what course, when, and who issued it; and can check the
 * verification code printed on the paper certificate against it. Offline:
 * see docs/certificates.md. Emits ::back when the learner goes back. */

#define SIG_TYPE_VERIFY_PAGE (sig_verify_page_get_type ())

G_DECLARE_FINAL_TYPE (SigVerifyPage, sig_verify_page, SIG, VERIFY_PAGE, GtkBox)

GtkWidget *sig_verify_page_new   (void);
/* Reads and checks @file in a worker thread (property "busy" while it does). */
void       sig_verify_page_open  (SigVerifyPage *self,
                                  GFile         *file);
/* Forgets the file and its result. */
void       sig_verify_page_clear (SigVerifyPage *self);

G_END_DECLS
