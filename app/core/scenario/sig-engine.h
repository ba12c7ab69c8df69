/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sig-course.h"

G_BEGIN_DECLS

/* scenario/: playing a scenario. It may use course/; authoring/, store/ and
 * the programs use it. */

/* The scenario engine: a pure state machine over a loaded scenario. The same
 * scenario, persona and choices always give the same state, and the state
 * serialises to JSON so a learner resumes exactly where they left off. */

typedef struct _SigEngine SigEngine;

typedef enum {
  SIG_ENGINE_AT_DECISION,  /* waiting for a choice */
  SIG_ENGINE_ENDED,        /* an ending is reached */
  SIG_ENGINE_STUCK,        /* no choice or transition is possible: a fault of the scenario */
} SigEngineStatus;

/* One step of the learner's path. */
typedef struct {
  const SigNode *node;
  const SigChoice *choice;
  gboolean was_recommended;           /* the choice was a recommended one */
  const SigChoice *recommended;       /* a recommended choice that was available, or NULL */
} SigEngineStep;

SigEngine       *sig_engine_new             (SigScenario *scenario,
                                             const char  *persona_id,
                                             GError     **error);
SigEngine       *sig_engine_copy            (const SigEngine *engine);
void             sig_engine_free            (SigEngine *engine);

SigScenario     *sig_engine_get_scenario    (const SigEngine *engine);
const SigPersona *sig_engine_get_persona    (const SigEngine *engine);
SigEngineStatus  sig_engine_get_status      (const SigEngine *engine);
const SigNode   *sig_engine_get_node        (const SigEngine *engine);
const SigEnding *sig_engine_get_ending      (const SigEngine *engine);
/* The choices of the current node whose conditions hold, in file order. */
GPtrArray       *sig_engine_get_choices     (const SigEngine *engine);
gboolean         sig_engine_choose          (SigEngine  *engine,
                                             const char *choice_id,
                                             GError    **error);
double           sig_engine_get_value       (const SigEngine *engine,
                                             const char      *variable);
gboolean         sig_engine_has_noticed     (const SigEngine *engine,
                                             const char      *signal);
/* The nodes without a decision (only <next> steps) passed through since the
 * last choice (or the start), in order: their text belongs to the story too. */
const GPtrArray *sig_engine_get_passed_nodes (const SigEngine *engine);
/* SigEngineStep*, from the start. */
const GPtrArray *sig_engine_get_steps       (const SigEngine *engine);
/* A key that is equal for equal states (node, variables, signals noticed). */
char            *sig_engine_state_key       (const SigEngine *engine);

/* How many decisions the recommended path has, from the start to its ending,
 * for the engine's scenario and persona: the yardstick for "decision 2 of
 * about 3". Each step takes the first recommended choice on offer (else the
 * first); a path that loops is cut off after as many steps as there are nodes. */
guint            sig_engine_recommended_decisions (const SigEngine *engine);

/* Substitutes {name}, {pronouns} and the persona's words in @text. */
char            *sig_engine_render          (const SigEngine *engine,
                                             const SigText   *text,
                                             const char      *lang);

char            *sig_engine_serialize       (const SigEngine *engine);
SigEngine       *sig_engine_deserialize     (SigScenario *scenario,
                                             const char  *json,
                                             GError     **error);

/* Placeholder substitution for any persona, for lint and previews. A value
 * that begins a sentence (at the start, after a line break, or after ".", "!",
 * "?" or "…" and a space, quotes allowed around them; not after an
 * abbreviation such as "e.g." or "bijv.") starts with a capital. */
char            *sig_persona_render         (const SigPersona *persona,
                                             const char       *template_text,
                                             const char       *lang,
                                             GPtrArray        *unknown_keys);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigEngine, sig_engine_free)

G_END_DECLS
