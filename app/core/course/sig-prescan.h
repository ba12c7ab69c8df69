/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A cheap pass over the raw bytes before libxml2 sees them, so that hostile
 * input is refused in linear time: a DOCTYPE (and with it every entity and
 * external DTD), too deep nesting, too many attributes on one element, too
 * many elements. It does not check well-formedness; the parser does that. */

typedef enum {
  SIG_PRESCAN_OK,
  SIG_PRESCAN_DOCTYPE,
  SIG_PRESCAN_DEPTH,
  SIG_PRESCAN_ATTRIBUTES,
  SIG_PRESCAN_ELEMENTS,
} SigPrescanResult;

typedef struct {
  gsize max_depth;
  gsize max_attributes;
  gsize max_elements;
} SigPrescanLimits;

SigPrescanResult sig_prescan (const char             *data,
                              gsize                   len,
                              const SigPrescanLimits *limits,
                              guint                  *line,
                              guint                  *column);

G_END_DECLS
