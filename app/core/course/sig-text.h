/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A human-readable string in one or more languages: the xml:lang variants of
 * one element of a course file. Owned by the course it belongs to. */
typedef struct _SigText SigText;

SigText     *sig_text_new         (void);
void         sig_text_free        (SigText    *text);
void         sig_text_set         (SigText    *text,
                                   const char *lang,
                                   const char *value);
/* The variant in @lang; else English, else the first one; NULL when empty. */
const char  *sig_text_get         (const SigText *text,
                                   const char    *lang);
/* The variant in exactly @lang, or NULL. */
const char  *sig_text_get_exact   (const SigText *text,
                                   const char    *lang);
gboolean     sig_text_has         (const SigText *text,
                                   const char    *lang);
guint        sig_text_n_langs     (const SigText *text);
const char  *sig_text_lang_at     (const SigText *text,
                                   guint          i);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigText, sig_text_free)

/* @text (taken) with every control character (C0 including newline, DEL, C1)
 * and every bidirectional override replaced by U+FFFD, so that a name or a
 * credential field cannot move the cursor, recolour or hide what a terminal
 * or a label shows around it. Invalid UTF-8 is replaced too. */
char        *sig_text_sanitize    (char          *text);
/* The same for a line of a multi-line text: newlines and tabs kept. */
char        *sig_text_sanitize_multiline (char   *text);

G_END_DECLS
