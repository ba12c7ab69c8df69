/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Conditions on scenario choices and transitions:
 *   var | not var | var OP number|true|false      (OP: < <= > >= == !=)
 * joined by "and" / "or" ("and" binds tighter). */

typedef struct _SigCondition SigCondition;

/* Looks a variable up; returns FALSE when it does not exist. */
typedef gboolean (*SigVariableLookup) (const char *name,
                                       double     *value,
                                       gpointer    user_data);

SigCondition *sig_condition_parse       (const char   *source,
                                         GError      **error);
void          sig_condition_free        (SigCondition *condition);
gboolean      sig_condition_eval        (const SigCondition *condition,
                                         SigVariableLookup   lookup,
                                         gpointer            user_data);
/* Calls @func for every variable name the condition mentions. */
void          sig_condition_foreach_var (const SigCondition *condition,
                                         GFunc               func,
                                         gpointer            user_data);
/* TRUE when the condition can never hold, whatever values the variables take
 * within [min, max] per variable (flags are 0 or 1). Catches the simple cases:
 * comparisons outside a variable's range and contradictory comparisons joined by "and". */
typedef gboolean (*SigVariableRange) (const char *name,
                                      double     *min,
                                      double     *max,
                                      gpointer    user_data);
gboolean      sig_condition_never_holds (const SigCondition *condition,
                                         SigVariableRange    range,
                                         gpointer            user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigCondition, sig_condition_free)

G_END_DECLS
