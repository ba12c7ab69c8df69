/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sig-course.h"

G_BEGIN_DECLS

/* Up to this many paths for a persona, each path gets its own transcript;
 * beyond it, a covering set of transcripts is written. */
#define SIG_TRANSCRIPT_PER_PATH_MAX 50

/* Writes the transcripts of every persona of @scenario into @dir, in @lang:
 * one per path, or a covering set when there are more paths than
 * SIG_TRANSCRIPT_PER_PATH_MAX, and an index of the endings; adds the number
 * of transcripts written to @n_written. FALSE (with the reason printed) when
 * a file cannot be written or the scenario has too many states. */
gboolean sig_cli_write_transcripts (SigScenario *scenario,
                                    const char  *lang,
                                    const char  *dir,
                                    guint       *n_written);

G_END_DECLS
