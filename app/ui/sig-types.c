/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "sig-types.h"

G_DEFINE_BOXED_TYPE (SigCourse, sig_course, sig_course_ref, sig_course_unref)
G_DEFINE_BOXED_TYPE (SigScenario, sig_scenario, sig_scenario_ref, sig_scenario_unref)
