/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sig-helplines.h"

G_BEGIN_DECLS

/* The first screen: what Signaal is about, a content warning, a note on
 * looking after yourself, and the helplines. Emits ::continue. */

#define SIG_TYPE_WELCOME_PAGE (sig_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (SigWelcomePage, sig_welcome_page, SIG, WELCOME_PAGE, GtkBox)

GtkWidget *sig_welcome_page_new (SigHelplines *helplines,
                                 const char   *language);

G_END_DECLS
