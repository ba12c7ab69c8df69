/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sig-course.h"
#include "sig-helplines.h"

G_BEGIN_DECLS

/* A page of a course, rendered natively from its structured text: headings,
 * paragraphs, lists, callouts, images and helplines, with the sources it cites. */

#define SIG_TYPE_PAGE_VIEW (sig_page_view_get_type ())

G_DECLARE_FINAL_TYPE (SigPageView, sig_page_view, SIG, PAGE_VIEW, GtkBox)

GtkWidget *sig_page_view_new (SigCourse    *course,
                              SigPage      *page,
                              const char   *language,
                              SigHelplines *helplines);

/* Pango markup for a run of inlines: text escaped, <em> and <strong> as italic
 * and bold, each <cite> as a superscript number into @cited (source ids, added
 * in order of first citation). @cited may be NULL to drop citations. */
char      *sig_inlines_to_markup (GPtrArray *inlines,
                                  GPtrArray *cited);

/* A boxed list of rows for helplines, each with its number and when it was checked. */
GtkWidget *sig_helpline_row_new  (const SigHelpline *helpline,
                                  const char        *language);

G_END_DECLS
