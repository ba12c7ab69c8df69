/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "sig-course.h"

G_BEGIN_DECLS

/* Building blocks of xAPI 1.0.3 statements, as Signaal exports them.
 *
 * Identifiers are IRIs under https://signaal.invalid/ (the reserved .invalid
 * top-level domain of RFC 2606: they can never resolve or belong to anyone
 * else, and are valid absolute IRIs):
 *   learner account homePage  https://signaal.invalid/installation/INSTALLATION-UUID
 *   course                    https://signaal.invalid/xapi/course/ID/VERSION
 *   module                    …/module/MODULE-ID
 *   page                      …/module/MODULE-ID/page/PAGE-ID
 *   question                  …/module/MODULE-ID/question/QUESTION-ID
 *   knowledge-check question  …/knowledge-check/QUESTION-ID
 *   scenario                  …/module/MODULE-ID/scenario/SCENARIO-ID
 *   scenario decision         …/module/MODULE-ID/scenario/SCENARIO-ID/node/NODE-ID
 * Ids of the course format are [a-z0-9.-], so they need no escaping. */

#define SIG_XAPI_VERSION        "1.0.3"
#define SIG_XAPI_BASE           "https://signaal.invalid/"
#define SIG_XAPI_EXTENSION_BASE "https://signaal.invalid/xapi/extension/"

#define SIG_XAPI_VERB_INITIALIZED "http://adlnet.gov/expapi/verbs/initialized"
#define SIG_XAPI_VERB_EXPERIENCED "http://adlnet.gov/expapi/verbs/experienced"
#define SIG_XAPI_VERB_ANSWERED    "http://adlnet.gov/expapi/verbs/answered"
#define SIG_XAPI_VERB_COMPLETED   "http://adlnet.gov/expapi/verbs/completed"
#define SIG_XAPI_VERB_PASSED      "http://adlnet.gov/expapi/verbs/passed"
#define SIG_XAPI_VERB_FAILED      "http://adlnet.gov/expapi/verbs/failed"
#define SIG_XAPI_VERB_TERMINATED  "http://adlnet.gov/expapi/verbs/terminated"

#define SIG_XAPI_TYPE_COURSE      "http://adlnet.gov/expapi/activities/course"
#define SIG_XAPI_TYPE_MODULE      "http://adlnet.gov/expapi/activities/module"
#define SIG_XAPI_TYPE_LESSON      "http://adlnet.gov/expapi/activities/lesson"
#define SIG_XAPI_TYPE_INTERACTION "http://adlnet.gov/expapi/activities/cmi.interaction"
#define SIG_XAPI_TYPE_SIMULATION  "http://adlnet.gov/expapi/activities/simulation"

char       *sig_xapi_home_page        (const char *installation_id);
/* @module_id, @kind ("page", "question", "scenario", "knowledge-check") and
 * @item_id and @node_id may be NULL, from the right. */
char       *sig_xapi_activity_iri     (const char *course_id,
                                       const char *version,
                                       const char *module_id,
                                       const char *kind,
                                       const char *item_id,
                                       const char *node_id);
/* The English display word of a verb IRI ("answered"). */
const char *sig_xapi_verb_display     (const char *verb_iri);
/* choice, true-false, sequencing, matching. */
const char *sig_xapi_interaction_type (SigQuestionType type);
/* A Signaal response (see sig-scoring.h) in xAPI's response format:
 * "a,c" -> "a[,]c", matching "p1=p2,p2=p1" -> "p1[.]p2[,]p2[.]p1". */
char       *sig_xapi_response         (SigQuestionType type,
                                       const char     *response);
/* A UUID in the version 4 format derived from @seed (for statements that
 * have no event of their own, so that exports repeat the same id). */
char       *sig_xapi_uuid_from_seed   (const char *seed);

/* Checks of the statement rules that matter for a learning record store:
 * UUID v4 syntax, absolute IRIs, ISO 8601 timestamps with a time zone. */
gboolean    sig_xapi_is_uuid          (const char *text);
gboolean    sig_xapi_is_iri           (const char *text);
gboolean    sig_xapi_is_timestamp     (const char *text);

G_END_DECLS
