/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sig-course.h"
#include "sig-helplines.h"
#include "sig-store.h"

G_BEGIN_DECLS

/* Plays a course: the knowledge check before, the items of each module (pages,
 * questions, scenarios) and the check after, with a progress indicator.
 * Every answer and choice is stored before its feedback is shown; it opens
 * where the learner left off. Emits ::close when the learner goes back. */

#define SIG_TYPE_COURSE_PLAYER (sig_course_player_get_type ())

G_DECLARE_FINAL_TYPE (SigCoursePlayer, sig_course_player, SIG, COURSE_PLAYER, GtkBox)

typedef enum {
  SIG_PLAYER_PRE_CHECK,
  SIG_PLAYER_ITEM,
  SIG_PLAYER_POST_CHECK,
  SIG_PLAYER_DONE,
} SigPlayerPosition;

GtkWidget *sig_course_player_new          (SigStore     *store,
                                           const char   *profile_id,
                                           SigCourse    *course,
                                           const char   *language,
                                           SigHelplines *helplines);
/* Opens where the store says the learner is. With a refresher open
 * (sig_store_record_refresher_started()), that is the refresher module; when
 * it is done, the player tells whether the certificate was renewed. */
void       sig_course_player_resume       (SigCoursePlayer *self);
/* TRUE when the player was opened on an open refresher. */
gboolean   sig_course_player_get_refresher (SigCoursePlayer *self);
/* Opens item @item_index of module @module_index. */
void       sig_course_player_open_item    (SigCoursePlayer *self,
                                           guint            module_index,
                                           guint            item_index);
/* The widget of the item shown now (a SigPageView, SigQuestionView, SigScenarioView or a summary). */
GtkWidget *sig_course_player_get_item_widget (SigCoursePlayer *self);
/* Moves on as the Next button does; FALSE when it is not available yet. */
gboolean   sig_course_player_next         (SigCoursePlayer *self);

/* A preview: the course plays from the start, through every module, and
 * nothing is recorded (no store at all). ::moved tells when another item,
 * question or scenario is shown. */
GtkWidget *sig_course_player_new_preview  (SigCourse    *course,
                                           const char   *language,
                                           SigHelplines *helplines);
SigPlayerPosition sig_course_player_get_position (SigCoursePlayer *self,
                                                  guint           *module_index,
                                                  guint           *item_index,
                                                  guint           *question_index);
/* Preview only: shows that place; one that does not exist shows the end. */
void       sig_course_player_show_position (SigCoursePlayer   *self,
                                            SigPlayerPosition  position,
                                            guint              module_index,
                                            guint              item_index,
                                            guint              question_index);
/* Preview only: shows the scenario of that item at @state (sig_engine_serialize());
 * FALSE when the item is no scenario or the state does not fit it (the
 * scenario is then shown from its start). */
gboolean   sig_course_player_show_scenario_state (SigCoursePlayer *self,
                                                  guint            module_index,
                                                  guint            item_index,
                                                  const char      *state);
/* The persona scenarios shown from now on start with (NULL: the learner chooses). */
void       sig_course_player_set_persona  (SigCoursePlayer *self,
                                           const char      *persona_id);
const char *sig_course_player_get_persona (SigCoursePlayer *self);
/* The scenario shown now, or NULL. */
SigScenario *sig_course_player_get_scenario (SigCoursePlayer *self);

G_END_DECLS
