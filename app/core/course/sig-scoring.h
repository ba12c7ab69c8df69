/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sig-course.h"

G_BEGIN_DECLS

/* Scoring of every question type. A response is a string:
 *   single       "a"              the option id
 *   multiple     "a,c"            the chosen option ids, any order
 *   true-false   "true" | "false"
 *   ordering     "s2,s1,s3"       every item id once, in the learner's order
 *   matching     "p1=p2,p2=p1"    each left (pair id) = the right it was matched with (pair id)
 *   spot-signals "x1,x3"          the selected span ids
 * Partial credit, as docs/course-format.md describes it, is a decimal number of points. */

typedef struct {
  double points;       /* earned, 0..max */
  double max;          /* the question's points */
  gboolean correct;    /* everything right */
} SigScore;

gboolean  sig_question_score         (const SigQuestion *question,
                                      const char        *response,
                                      SigScore          *score,
                                      GError           **error);
/* The response that earns every point. */
char     *sig_question_best_response (const SigQuestion *question);

G_END_DECLS
