/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sig-text.h"

G_BEGIN_DECLS

/* The helplines, read from the one data file (content/helplines.xml, installed
 * as PKGDATADIR/helplines.xml) so that numbers change without code. */

typedef struct {
  char *id;
  char **regions;      /* the regions it serves, one or more of sig_regions () */
  char *number;
  char *alt_number;    /* may be NULL */
  char *checked;       /* when the number was last checked: YYYY, YYYY-MM or YYYY-MM-DD */
  char *url;           /* may be NULL */
  gboolean urgent;
  SigText *name;
  SigText *description;
  SigText *hours;
} SigHelpline;

typedef struct _SigHelplines SigHelplines;

/* The regions a helpline can serve, in the order they are listed: the
 * European Netherlands ("nl"), then the three islands of the Caribbean
 * Netherlands ("bonaire", "sint-eustatius", "saba"), each with its own
 * advice point. */
#define SIG_N_REGIONS 4
const char *const *sig_regions             (void);
gboolean           sig_region_is_known     (const char *region);
/* The regions in the order a learner in @first sees them: @first, then the
 * others in their usual order. An unknown or empty @first changes nothing. */
GStrv              sig_regions_ordered     (const char *first);

/* The installed data directory, or $SIGNAAL_DATA_DIR when set. */
const char      *sig_data_dir              (void);
char            *sig_helplines_default_path (void);
SigHelplines    *sig_helplines_load        (const char *path,
                                            GError    **error);
void             sig_helplines_free        (SigHelplines *helplines);
guint            sig_helplines_get_n       (const SigHelplines *helplines);
const SigHelpline *sig_helplines_get       (const SigHelplines *helplines,
                                            guint               i);
const SigHelpline *sig_helplines_find      (const SigHelplines *helplines,
                                            const char         *id);

/* Whether a "checked" date (YYYY, YYYY-MM or YYYY-MM-DD) lies more than 12
 * months before @today. A year or a month alone counts from its last day, so
 * "2025" goes stale on 1 January 2027. A date that cannot be read is stale. */
gboolean           sig_checked_is_stale    (const char         *checked,
                                            GDate              *today);

/* Whether @helpline serves @region. */
gboolean           sig_helpline_serves     (const SigHelpline  *helpline,
                                            const char         *region);
/* The helplines that serve @region, in file order (SigHelpline*, owned by
 * @helplines). */
GPtrArray         *sig_helplines_for_region (const SigHelplines *helplines,
                                             const char         *region);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigHelplines, sig_helplines_free)

G_END_DECLS
