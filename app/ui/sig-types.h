/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "sig-course.h"
#include "sig-helplines.h"

G_BEGIN_DECLS

/* Boxed types for the core model, so that widgets can take a course or a
 * scenario as a construct property. */

#define SIG_TYPE_COURSE   (sig_course_get_type ())
#define SIG_TYPE_SCENARIO (sig_scenario_get_type ())

GType sig_course_get_type   (void) G_GNUC_CONST;
GType sig_scenario_get_type (void) G_GNUC_CONST;

G_END_DECLS
