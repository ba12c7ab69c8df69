/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "sig-course.h"

G_BEGIN_DECLS

/* The xAPI 1.0.3 statements of one learning event, as the export writes them
 * and as the outbox sends them to an organisation's learning record store.
 * Uses course/ and scenario/ only (no store/), so that the store can build a
 * statement in the transaction of the event it describes. */

/* One event of the log, as plain values (all may be NULL except the ids and
 * the kind). */
typedef struct {
  const char *statement_id;
  const char *profile_id;
  const char *registration;
  const char *course_id;
  const char *version;
  const char *kind;            /* the kind's name in the log: "answered", "scenario-choice", … */
  const char *module_id;
  const char *item_id;
  const char *response;
  gboolean has_correct;
  gboolean correct;
  gboolean has_points;
  double points;
  double max_points;
  const char *node_id;
  const char *phase;
  gint64 time;                 /* µs since the epoch */
  const char *language;
  const char *state;           /* the scenario engine's state after a choice or an ending */
  gboolean automated;          /* its attempt was played by a tool (play --best): context extension "automated" */
} SigXapiEvent;

/* Who the statements are about: an xAPI account (homePage and name). */
typedef struct {
  const char *home_page;
  const char *name;
} SigXapiActor;

/* Adds the statements of @event to @builder, which is inside an array: the
 * event's own statement and, after an attempt's result (passed, failed,
 * completed), a "terminated" statement with an id derived from the event's.
 * @course: the course the event belongs to, or NULL when it is not available
 * (the statement then names things by their ids, or by @course_name). */
void  sig_xapi_add_event_statements (JsonBuilder        *builder,
                                     const SigXapiEvent *event,
                                     SigCourse          *course,
                                     const SigText      *course_name,
                                     const SigXapiActor *actor);

/* JSON builder members as the statements write them (a NULL string: null). */
void sig_xapi_member_string (JsonBuilder *builder, const char *name, const char *value);
void sig_xapi_member_double (JsonBuilder *builder, const char *name, double value);
void sig_xapi_member_int    (JsonBuilder *builder, const char *name, gint64 value);
void sig_xapi_member_bool   (JsonBuilder *builder, const char *name, gboolean value);

G_END_DECLS
