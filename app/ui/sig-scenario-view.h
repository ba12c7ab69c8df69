/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sig-course.h"
#include "sig-engine.h"

G_BEGIN_DECLS

/* A branching case: choose a persona, follow the narrative and make choices,
 * see their consequences, and at the end a debrief that sets the learner's path
 * beside the recommended one. Each choice is handed to ::record-choice before
 * its consequence is shown. */

#define SIG_TYPE_SCENARIO_VIEW (sig_scenario_view_get_type ())

G_DECLARE_FINAL_TYPE (SigScenarioView, sig_scenario_view, SIG, SCENARIO_VIEW, GtkBox)

/* @state: an engine state saved earlier (sig_engine_serialize), or NULL to start. */
GtkWidget       *sig_scenario_view_new         (SigScenario *scenario,
                                                const char  *language,
                                                const char  *state);
const SigEngine *sig_scenario_view_get_engine  (SigScenarioView *self);
/* Starts with @persona_id (NULL: the one chosen on the first page). */
gboolean         sig_scenario_view_start       (SigScenarioView *self,
                                                const char      *persona_id,
                                                GError         **error);
/* Makes the choice @choice_id as the learner would by clicking it. */
gboolean         sig_scenario_view_choose      (SigScenarioView *self,
                                                const char      *choice_id,
                                                GError         **error);
/* "intro", "play" or "debrief" */
const char      *sig_scenario_view_get_page    (SigScenarioView *self);
/* The buttons of the choices now offered, in order. */
GPtrArray       *sig_scenario_view_get_choice_buttons (SigScenarioView *self);
GtkWidget       *sig_scenario_view_get_narrative (SigScenarioView *self);
GtkWidget       *sig_scenario_view_get_debrief   (SigScenarioView *self);

G_END_DECLS
