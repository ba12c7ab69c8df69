/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Lays children out as words of a paragraph: left to right (right to left
 * in a right-to-left language), each line as full as it fits, then the next
 * line. A child wider than the line gets the line's width (a wrapping label
 * in it wraps). Focus and reading order are the order of the children. */

#define SIG_TYPE_FLOW_LAYOUT (sig_flow_layout_get_type ())

G_DECLARE_FINAL_TYPE (SigFlowLayout, sig_flow_layout, SIG, FLOW_LAYOUT, GtkLayoutManager)

GtkLayoutManager *sig_flow_layout_new (int column_spacing,
                                       int row_spacing);

G_END_DECLS
