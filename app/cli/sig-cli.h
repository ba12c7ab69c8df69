/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sig-catalog.h"
#include "sig-helplines.h"

G_BEGIN_DECLS

/* signaal-course: one function per subcommand; argv[0] is the subcommand's name.
 * Exit codes: 0 all is well, 1 problems were found, 2 usage or I/O error. */

#define SIG_EXIT_OK       0
#define SIG_EXIT_PROBLEMS 1
#define SIG_EXIT_USAGE    2

int sig_cli_main     (int argc, char *argv[]);
int sig_cli_validate (int argc, char *argv[]);
int sig_cli_lint     (int argc, char *argv[]);
int sig_cli_stats    (int argc, char *argv[]);
int sig_cli_pack     (int argc, char *argv[]);
int sig_cli_play     (int argc, char *argv[]);
int sig_cli_profiles (int argc, char *argv[]);
int sig_cli_progress (int argc, char *argv[]);
int sig_cli_export   (int argc, char *argv[]);
int sig_cli_import   (int argc, char *argv[]);
int sig_cli_certificate (int argc, char *argv[]);
int sig_cli_verify   (int argc, char *argv[]);
int sig_cli_issuer_key (int argc, char *argv[]);
int sig_cli_publisher_key (int argc, char *argv[]);
int sig_cli_verify_package (int argc, char *argv[]);
int sig_cli_remove   (int argc, char *argv[]);
int sig_cli_review   (int argc, char *argv[]);
int sig_cli_sync     (int argc, char *argv[]);

/* Shared helpers */
GOptionContext *sig_cli_option_context (const char   *parameters,
                                        const char   *summary,
                                        GOptionEntry *entries);
/* Parses options; prints the error and returns FALSE on a usage error. */
gboolean        sig_cli_parse          (GOptionContext *context,
                                        int            *argc,
                                        char         ***argv);
int             sig_cli_usage_error    (GOptionContext *context,
                                        const char     *message);
/* Builds a catalog of every PATH; prints and returns FALSE when a path is missing. */
SigCatalog     *sig_cli_build_catalog  (int    argc,
                                        char **argv,
                                        gboolean *io_error);
SigHelplines   *sig_cli_load_helplines (void);
const char     *sig_cli_language       (const char *requested);
/* One member of a JSON object being built. */
void            sig_cli_json_string    (JsonBuilder *builder,
                                        const char  *member,
                                        const char  *value);
void            sig_cli_json_int       (JsonBuilder *builder,
                                        const char  *member,
                                        gint64       value);
void            sig_cli_json_boolean   (JsonBuilder *builder,
                                        const char  *member,
                                        gboolean     value);
void            sig_cli_json_double    (JsonBuilder *builder,
                                        const char  *member,
                                        double       value);

/* @value with control characters and bidirectional overrides neutralised, for
 * printing anything a file or a database holds to a terminal. */
char           *sig_cli_safe           (const char  *value);

G_END_DECLS
