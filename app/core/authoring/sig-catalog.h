/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sig-course.h"
#include "sig-loader.h"

G_BEGIN_DECLS

/* A set of loaded courses and scenarios, from files, authoring folders and
 * folders searched recursively; it resolves the scenarios courses refer to. */

typedef struct {
  char *path;
  SigDocumentKind kind;
  SigCourse *course;         /* NULL unless a course loaded */
  SigScenario *scenario;     /* NULL unless a scenario loaded */
  GError *error;             /* why it did not load */
} SigCatalogEntry;

typedef struct _SigCatalog SigCatalog;

SigCatalog      *sig_catalog_new         (void);
void             sig_catalog_free        (SigCatalog *catalog);
/* FALSE with @error only when @path does not exist; problems with files are in the entries. */
gboolean         sig_catalog_add_path    (SigCatalog  *catalog,
                                          const char  *path,
                                          GError     **error);
guint            sig_catalog_get_n       (SigCatalog *catalog);
SigCatalogEntry *sig_catalog_get         (SigCatalog *catalog,
                                          guint       i);
/* Finds the scenario @id for @course: packed inside it, beside it in a
 * scenarios/ folder, in the bundled scenarios, or anywhere in the catalog. */
SigScenario     *sig_catalog_resolve_scenario (SigCatalog *catalog,
                                               SigCourse  *course,
                                               const char *id,
                                               GError    **error);

/* The same; when the scenario's file is found but does not load, @cause is
 * that file's own problem ("FILE:LINE:COL: error: …"), which @error names. */
SigScenario     *sig_catalog_resolve_scenario_with_cause (SigCatalog *catalog,
                                                          SigCourse  *course,
                                                          const char *id,
                                                          GError    **cause,
                                                          GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SigCatalog, sig_catalog_free)

G_END_DECLS
