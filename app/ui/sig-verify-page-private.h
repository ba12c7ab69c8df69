/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sig-credential.h"
#include "sig-verify-page.h"

G_BEGIN_DECLS

/* For the widget tests. */

gboolean               sig_verify_page_get_busy         (SigVerifyPage *self);
/* The result shown, or NULL. */
const SigVerification *sig_verify_page_get_verification (SigVerifyPage *self);
/* "Valid", "Expired", "Not Valid" … as shown. */
const char            *sig_verify_page_get_verdict      (SigVerifyPage *self);
const char            *sig_verify_page_get_message      (SigVerifyPage *self);
GtkWidget             *sig_verify_page_get_code_entry   (SigVerifyPage *self);
/* What the code check says now, or NULL when it says nothing. */
const char            *sig_verify_page_get_code_result  (SigVerifyPage *self);
/* The claims list: one AdwActionRow per field. */
GtkWidget             *sig_verify_page_get_claims       (SigVerifyPage *self);

G_END_DECLS
