/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sig-helplines.h"

G_BEGIN_DECLS

/* The helplines of the European and the Caribbean Netherlands, from the one
 * data file, each with when its number was last checked. */

#define SIG_TYPE_HELPLINES_WINDOW (sig_helplines_window_get_type ())

G_DECLARE_FINAL_TYPE (SigHelplinesWindow, sig_helplines_window, SIG, HELPLINES_WINDOW, AdwWindow)

/* @helplines may be NULL when the data file did not load: the window says so
 * and still gives 112. */
GtkWidget *sig_helplines_window_new (GtkWindow    *parent,
                                     SigHelplines *helplines,
                                     const char   *language);

G_END_DECLS
