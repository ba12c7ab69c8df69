/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sig-store.h"

G_BEGIN_DECLS

/* Creates a learner profile (the name for certificates and a sector), or picks
 * one that exists on this computer. Emits ::profile-chosen with the SigProfile. */

#define SIG_TYPE_PROFILE_PAGE (sig_profile_page_get_type ())

G_DECLARE_FINAL_TYPE (SigProfilePage, sig_profile_page, SIG, PROFILE_PAGE, GtkBox)

GtkWidget *sig_profile_page_new    (SigStore   *store,
                                    const char *language);
/* Reads the profiles of the store again. */
void       sig_profile_page_reload (SigProfilePage *self);

G_END_DECLS
