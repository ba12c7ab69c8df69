/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sig-catalog.h"
#include "sig-diagnostic.h"
#include "sig-helplines.h"

G_BEGIN_DECLS

/* An authoring folder loaded and checked in one go, as the preview shows it:
 * the course (when it loads), every problem the loader and lint find, and for
 * a problem the place in the course it concerns. */

typedef struct {
  char *dir;
  SigCatalog *catalog;
  SigCourse *course;        /* NULL when the folder's course does not load */
  GPtrArray *diagnostics;   /* SigDiagnostic*: what does not load first, then lint, file by file */
} SigFolderCheck;

typedef enum {
  SIG_SUBJECT_NONE,         /* the course as a whole, or a place the preview cannot show */
  SIG_SUBJECT_MODULE,       /* a module, before its first item */
  SIG_SUBJECT_ITEM,         /* a page, question or scenario of a module */
  SIG_SUBJECT_NODE,         /* a node or ending of a scenario a module plays */
  SIG_SUBJECT_CHECK,        /* a question of the knowledge check (item_index) */
} SigSubjectKind;

typedef struct {
  SigSubjectKind kind;
  guint module_index;
  guint item_index;         /* ITEM, NODE; CHECK: the question's index */
  char *scenario_id;        /* NODE */
  char *node_id;            /* NODE: a node or an ending id */
} SigSubject;

SigFolderCheck *sig_folder_check      (const char         *dir,
                                       const SigHelplines *helplines);
void            sig_folder_check_free (SigFolderCheck *check);

/* Where @diagnostic points, from its file and line: the module, the item
 * and the scenario node (or the knowledge check question) whose element
 * starts at or before that line. FALSE
 * (and a NONE subject) when it names no such place. Free with sig_subject_clear(). */
gboolean        sig_folder_check_locate (SigFolderCheck      *check,
                                         const SigDiagnostic *diagnostic,
                                         SigSubject          *subject);
void            sig_subject_clear       (SigSubject *subject);

/* The shortest run of choices from the start of @scenario, as @persona_id
 * (NULL: the first persona), to the node or ending @target_id, serialised as
 * sig_engine_serialize() does; NULL when no path reaches it. */
char           *sig_scenario_state_at   (SigScenario *scenario,
                                         const char  *persona_id,
                                         const char  *target_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigFolderCheck, sig_folder_check_free)

G_END_DECLS
