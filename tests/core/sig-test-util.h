/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "sig-course.h"
#include "sig-diagnostic.h"
#include "sig-loader.h"

/* Test helpers shared by the core tests. */

/* The source tree's tests/fixtures/valid/example-course. */
char      *sig_test_example_dir      (void);
/* A fresh copy of the example authoring folder in a temporary folder. */
char      *sig_test_copy_example     (void);
/* Replaces @old (which must occur exactly once) by @new in @path. */
void       sig_test_patch_file       (const char *path,
                                      const char *old_text,
                                      const char *new_text);
/* The 1-based line of the first occurrence of @needle in @path. */
guint      sig_test_line_of          (const char *path,
                                      const char *needle);
void       sig_test_write            (const char *path,
                                      const char *contents);
void       sig_test_remove_tree      (const char *path);
/* Asserts that one diagnostic contains @needle, on @line (0: any line). */
void       sig_test_assert_diagnostic (GPtrArray  *diagnostics,
                                       const char *needle,
                                       guint       line);
/* Asserts @error is @code and its message names "@file:@line:". */
void       sig_test_assert_error_at  (const GError *error,
                                      int           code,
                                      const char   *file,
                                      guint         line);
