/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sig-text.h"

G_BEGIN_DECLS

/* The helplines, read from the one data file (content/helplines.xml, installed
 * as PKGDATADIR/helplines.xml) so that numbers change without code. */

typedef struct {
  char *id;
  char *region;        /* "nl" European Netherlands, "cn" Caribbean Netherlands */
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

/* The installed data directory, or $SIGNAAL_DATA_DIR when set. */
const char      *sig_data_dir              (void);
char            *sig_helplines_default_path (void);
/* The helplines file is small: anything larger is not one. */
#define SIG_HELPLINES_MAX_BYTES (1024 * 1024)

SigHelplines    *sig_helplines_load        (const char *path,
                                            GError    **error);
/* The same from the file's contents; @path names it in messages. */
SigHelplines    *sig_helplines_load_bytes  (GBytes     *bytes,
                                            const char *path,
                                            GError    **error);
void             sig_helplines_free        (SigHelplines *helplines);
guint            sig_helplines_get_n       (const SigHelplines *helplines);
const SigHelpline *sig_helplines_get       (const SigHelplines *helplines,
                                            guint               i);
const SigHelpline *sig_helplines_find      (const SigHelplines *helplines,
                                            const char         *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigHelplines, sig_helplines_free)

G_END_DECLS
