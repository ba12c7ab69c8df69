/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "Did you mean …?": the known name closest to a name that is not known. */

/* The number of single-character insertions, deletions and substitutions
 * that turn @a into @b (Levenshtein distance, over Unicode characters). */
guint       sig_edit_distance        (const char *a,
                                      const char *b);
/* The candidate closest to @word, when it is close enough to be a slip of the
 * keyboard (at most a third of the characters differ, and at most 3); NULL
 * when none is. Ties go to the first candidate. */
const char *sig_suggest              (const char         *word,
                                      const char * const *candidates,
                                      guint               n_candidates);
/* The same over the keys of @table (char* keys). */
const char *sig_suggest_from_table   (const char *word,
                                      GHashTable *table);
/* " Did you mean “X”?" (with the leading space), or "" when @suggestion is
 * NULL: to append to a message. */
char       *sig_did_you_mean         (const char *suggestion);

/* The element and attribute names the course schema knows (sorted, no
 * duplicates). */
const char * const *sig_schema_element_names   (guint *n);
const char * const *sig_schema_attribute_names (guint *n);
gboolean            sig_schema_knows_element   (const char *name);
gboolean            sig_schema_knows_attribute (const char *name);
/* Whether the format allows @attribute on <@element>. */
gboolean            sig_schema_element_has_attribute   (const char *element,
                                                        const char *attribute);
/* The attributes allowed on <@element> (char*, sorted), empty when none. */
GPtrArray          *sig_schema_attributes_of           (const char *element);
/* The elements (const char*, sorted) that allow @attribute. */
GPtrArray          *sig_schema_elements_with_attribute (const char *attribute);

G_END_DECLS
