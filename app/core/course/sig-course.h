/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sig-text.h"

G_BEGIN_DECLS

/* course/: the course format and its model: text, diagnostics, the condition
 * language, the prescan and the loader (the untrusted-input boundary),
 * scoring, helplines. It uses nothing else of the core; every other folder
 * may use it. */

/* The course model: what the loader builds from a course or scenario file.
 *
 * A SigCourse and a SigScenario are immutable once loaded and reference-counted;
 * every struct below belongs to the course or scenario it was loaded with and is
 * read-only. Line numbers point into the file the element came from, for messages. */

#define SIG_FORMAT_VERSION 1
#define SIG_NAMESPACE "urn:signaal:course:1"

typedef enum {
  SIG_INLINE_TEXT,
  SIG_INLINE_EMPHASIS,
  SIG_INLINE_STRONG,
  SIG_INLINE_CITE,
} SigInlineKind;

typedef struct {
  SigInlineKind kind;
  char *text;       /* TEXT, EMPHASIS, STRONG */
  char *ref;        /* CITE: a source id */
} SigInline;

typedef enum {
  SIG_BLOCK_HEADING,
  SIG_BLOCK_PARAGRAPH,
  SIG_BLOCK_LIST,
  SIG_BLOCK_CALLOUT,
  SIG_BLOCK_IMAGE,
  SIG_BLOCK_HELPLINE,
} SigBlockKind;

typedef struct _SigBlock SigBlock;
struct _SigBlock {
  SigBlockKind kind;
  guint line;
  GPtrArray *inlines;   /* HEADING, PARAGRAPH: SigInline* */
  GPtrArray *items;     /* LIST: GPtrArray* of SigInline* per item */
  char *callout_kind;   /* CALLOUT: "info", "tip" or "warning" */
  GPtrArray *children;  /* CALLOUT: SigBlock* */
  char *src;            /* IMAGE: a path inside the package */
  char *alt;            /* IMAGE */
  char *ref;            /* HELPLINE: a helpline id */
};

typedef struct {
  char *lang;
  GPtrArray *blocks;    /* SigBlock* */
} SigBody;

typedef struct {
  char *id;
  guint line;
  SigText *title;
  GPtrArray *bodies;    /* SigBody*, one per language */
} SigPage;

typedef enum {
  SIG_QUESTION_SINGLE,
  SIG_QUESTION_MULTIPLE,
  SIG_QUESTION_TRUE_FALSE,
  SIG_QUESTION_ORDERING,
  SIG_QUESTION_MATCHING,
  SIG_QUESTION_SPOT_SIGNALS,
} SigQuestionType;

/* An option of a single, multiple or true-false question (true-false questions
 * have the options "true" and "false", without text), or an item of an
 * ordering question (listed in the correct order). */
typedef struct {
  char *id;
  guint line;
  gboolean correct;
  SigText *text;
  SigText *feedback;    /* may be NULL */
} SigOption;

typedef struct {
  char *id;
  guint line;
  SigText *left;
  SigText *right;
} SigPair;

typedef struct {
  char *id;
  gboolean signal;      /* FALSE: a distractor */
  SigText *text;        /* the phrase, per language */
  SigText *feedback;    /* may be NULL */
} SigSpan;

typedef struct {
  char *span_id;        /* NULL for plain text */
  char *text;
} SigSegment;

typedef struct {
  char *lang;
  GPtrArray *segments;  /* SigSegment* */
} SigPassage;

typedef struct {
  char *id;
  guint line;
  SigQuestionType type;
  guint points;
  GStrv objectives;
  SigText *prompt;
  SigText *explanation; /* may be NULL */
  GPtrArray *options;   /* SigOption*: single, multiple, true-false, ordering */
  GPtrArray *pairs;     /* SigPair*: matching */
  GPtrArray *spans;     /* SigSpan*: spot-signals */
  GPtrArray *passages;  /* SigPassage*: spot-signals */
  gboolean review;      /* FALSE: review="false", kept out of spaced review */
} SigQuestion;

typedef struct _SigScenario SigScenario;

typedef enum {
  SIG_ITEM_PAGE,
  SIG_ITEM_QUESTION,
  SIG_ITEM_SCENARIO,
} SigItemKind;

typedef struct {
  SigItemKind kind;
  guint line;
  SigPage *page;
  SigQuestion *question;
  char *scenario_ref;   /* SCENARIO: resolve with sig_course_find_scenario() or a catalog */
} SigModuleItem;

typedef struct {
  char *id;
  guint line;
  gboolean required;
  SigText *title;
  GPtrArray *items;     /* SigModuleItem* */
  GPtrArray *review;    /* SigQuestion*: review-only questions (<review>), may be empty */
} SigModule;

typedef struct {
  char *id;
  guint line;
  SigText *text;
} SigObjective;

typedef struct {
  char *id;
  guint line;
  char *url;
  char *checked;   /* when the source was last checked: YYYY, YYYY-MM or YYYY-MM-DD; may be NULL */
  SigText *text;
} SigSource;

typedef enum {
  SIG_REF_SOURCE,
  SIG_REF_HELPLINE,
  SIG_REF_MEDIA,
  SIG_REF_SCENARIO,
  SIG_REF_OBJECTIVE,
} SigRefKind;

/* A reference from one place of a file to something else, kept for lint. */
typedef struct {
  SigRefKind kind;
  char *id;
  guint line;
  const char *element;   /* interned: the element that refers, for the column */
} SigRef;

/* Scenarios */

typedef struct {
  char *id;
  guint line;
  char *gender;         /* woman, man, trans-woman, trans-man, non-binary */
  char *name;
  SigText *pronouns;
  GHashTable *words;    /* key -> SigText* */
} SigPersona;

typedef struct {
  char *id;
  SigText *name;
} SigCharacter;

typedef struct {
  char *id;
  guint line;
  gboolean is_flag;
  double initial;
  double min, max;      /* -G_MAXDOUBLE / G_MAXDOUBLE when unbounded */
  gboolean visible;
  SigText *label;       /* may be NULL */
} SigVariable;

typedef struct {
  char *id;
  guint line;
  SigText *text;
} SigSignal;

typedef enum {
  SIG_EFFECT_SET,
  SIG_EFFECT_ADD,
} SigEffectOp;

typedef struct {
  char *var;
  SigEffectOp op;
  double value;
} SigEffect;

typedef struct _SigCondition SigCondition;

typedef struct {
  char *id;
  guint line;
  char *target;                /* a node or ending id */
  char *condition_source;      /* NULL: always available */
  SigCondition *condition;
  gboolean recommended;
  guint meldcode_step;         /* 0: none, else 1..5 */
  SigText *text;
  SigText *feedback;           /* may be NULL */
  GPtrArray *effects;          /* SigEffect* */
  GStrv notices;               /* signal ids */
} SigChoice;

typedef struct {
  guint line;
  char *target;
  char *condition_source;
  SigCondition *condition;
} SigTransition;

typedef struct {
  char *id;
  guint line;
  char *speaker;               /* narrator, you, persona or a character id */
  SigText *text;
  GPtrArray *choices;          /* SigChoice* */
  GPtrArray *transitions;      /* SigTransition* */
  gboolean review;             /* FALSE: review="false", the decision is kept out of spaced review */
} SigNode;

typedef struct {
  char *id;
  guint line;
  guint score;                 /* 0..100 */
  SigText *title;
  SigText *debrief;
} SigEnding;

struct _SigScenario {
  gatomicrefcount ref_count;
  char *path;
  guint line;
  char *id;
  char *version;
  GStrv languages;
  char *start;
  SigText *title;
  SigText *summary;
  GStrv sectors;
  GStrv themes;
  guint minutes;
  GPtrArray *sources;          /* SigSource* */
  GPtrArray *warnings;         /* SigText* */
  GPtrArray *personas;         /* SigPersona* */
  GPtrArray *characters;       /* SigCharacter* */
  GPtrArray *variables;        /* SigVariable* */
  GPtrArray *signals;          /* SigSignal* */
  GPtrArray *nodes;            /* SigNode* */
  GPtrArray *endings;          /* SigEnding* */
  GPtrArray *refs;             /* SigRef* */
  GPtrArray *texts;            /* every SigText* of the file with its line, for lint */
};

typedef struct {
  SigText *text;
  guint line;
  const char *element;
} SigTextRecord;

typedef struct _SigCourse SigCourse;
struct _SigCourse {
  gatomicrefcount ref_count;
  char *path;                  /* the file it was loaded from */
  char *base_dir;              /* the authoring directory, or NULL for a packed file */
  gboolean packed;
  char *id;
  char *version;
  GStrv languages;
  SigText *title;
  SigText *summary;
  SigText *publisher_name;
  char *publisher_logo;        /* a media path, or NULL */
  GStrv sectors;
  GStrv themes;
  guint minutes;
  double accreditation_points; /* -1: none; a decimal such as 1.5 is allowed */
  SigText *accreditation_register;
  guint pass_mark;             /* percent */
  guint validity_months;
  char *refresher_module;      /* a module id, or NULL */
  GPtrArray *objectives;       /* SigObjective* */
  GPtrArray *sources;          /* SigSource* */
  GPtrArray *warnings;         /* SigText* */
  GPtrArray *knowledge_check;  /* SigQuestion*, may be empty */
  GPtrArray *modules;          /* SigModule* */
  GPtrArray *scenarios;        /* SigScenario*: inline (packed) scenarios */
  GHashTable *media;           /* path -> GBytes*: the packed media */
  GPtrArray *refs;             /* SigRef* */
  GPtrArray *texts;            /* SigTextRecord* */
};

SigCourse   *sig_course_ref             (SigCourse   *course);
void         sig_course_unref           (SigCourse   *course);
SigScenario *sig_scenario_ref           (SigScenario *scenario);
void         sig_scenario_unref         (SigScenario *scenario);

const char  *sig_question_type_to_string   (SigQuestionType type);
gboolean     sig_question_type_from_string (const char      *str,
                                            SigQuestionType *type);

SigModule         *sig_course_find_module     (SigCourse  *course,
                                               const char *id);
SigQuestion       *sig_course_find_question   (SigCourse  *course,
                                               const char *id);
SigScenario       *sig_course_find_scenario   (SigCourse  *course,
                                               const char *id);
guint              sig_course_count_pages     (SigCourse  *course);
guint              sig_course_count_questions (SigCourse  *course);
/* The points of the questions in required modules: what the pass mark is a percentage of. */
guint              sig_course_required_points (SigCourse  *course);
/* The scenario ids the course's modules refer to, in order, without repeats. */
GPtrArray         *sig_course_scenario_refs   (SigCourse  *course);
gboolean           sig_course_claims_language (SigCourse  *course,
                                               const char *lang);

SigNode           *sig_scenario_find_node     (SigScenario *scenario,
                                               const char  *id);
SigEnding         *sig_scenario_find_ending   (SigScenario *scenario,
                                               const char  *id);
SigVariable       *sig_scenario_find_variable (SigScenario *scenario,
                                               const char  *id);
SigPersona        *sig_scenario_find_persona  (SigScenario *scenario,
                                               const char  *id);
SigSignal         *sig_scenario_find_signal   (SigScenario *scenario,
                                               const char  *id);
guint              sig_scenario_count_decisions (SigScenario *scenario);

/* Plain text of a run of inlines (emphasis kept as text, citations dropped). */
char              *sig_inlines_to_plain       (GPtrArray *inlines);

/* Internal constructors and destructors, for the loader. */
SigCourse   *sig_course_new_empty   (void);
SigScenario *sig_scenario_new_empty (void);
void         sig_question_free      (SigQuestion *question);
void         sig_block_free         (SigBlock    *block);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigCourse, sig_course_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigScenario, sig_scenario_unref)

G_END_DECLS
