/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sig-catalog.h"
#include "sig-course.h"
#include "sig-diagnostic.h"
#include "sig-helplines.h"

G_BEGIN_DECLS

/* authoring/: what authors work with: lint, the catalog of files and folders,
 * packing. It may use course/ and scenario/; store/ (importing a course) and
 * the programs use it. */

/* One lint check: its id (in JSON and SARIF output), whether it finds errors
 * (which block importing and packing) or warnings (shown, never blocking),
 * and what it finds, translatable with _(). */
typedef struct {
  const char *id;
  SigSeverity severity;
  const char *summary;
} SigLintRule;

const SigLintRule *sig_lint_get_rules (guint      *n_rules);
const SigLintRule *sig_lint_find_rule (const char *id);

/* "nl" or "en" when @text clearly reads as Dutch or English (a count of
 * each language's commonest words), NULL when it is too short or unclear. */
const char        *sig_lint_guess_language (const char *text);

/* Checks beyond the schema and the loader's integrity checks. Each returns the
 * problems found as SigDiagnostic*, in file order; an empty array when clean. */

GPtrArray *sig_lint_course   (SigCourse          *course,
                              SigCatalog         *catalog,
                              const SigHelplines *helplines);
GPtrArray *sig_lint_scenario (SigScenario        *scenario,
                              const SigHelplines *helplines);

/* Every path through a scenario, for every persona: explored over distinct
 * states (node, variables, signals), so cycles are finite. */
typedef struct {
  GHashTable *endings;       /* ending id -> number of distinct states reaching it */
  GPtrArray *stuck;          /* char*: the choices leading to a state with no way on */
  GPtrArray *stuck_nodes;    /* char*: the node each of those paths is stuck at */
  GPtrArray *no_exit;        /* char*: the choices leading into a loop no ending can be reached from */
  GPtrArray *no_exit_nodes;  /* char*: the node where that loop is entered */
  guint states;
  gboolean truncated;        /* stopped at the state limit */
} SigExploration;

#define SIG_EXPLORE_MAX_STATES 200000

SigExploration *sig_scenario_explore      (SigScenario *scenario,
                                           const char  *persona_id);
void            sig_exploration_free      (SigExploration *exploration);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigExploration, sig_exploration_free)

G_END_DECLS
