/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sig-course.h"

G_BEGIN_DECLS

#define SIG_TRANSCRIPT_MAX_PATHS 1000

/* Writes one transcript per path and persona of @scenario into @dir, in
 * @lang; adds the number written to @n_written. FALSE (with the reason
 * printed) when a file cannot be written or there are too many paths. */
gboolean sig_cli_write_transcripts (SigScenario *scenario,
                                    const char  *lang,
                                    const char  *dir,
                                    guint       *n_written);

G_END_DECLS
