/* SPDX-License-Identifier: GPL-3.0-or-later */
/* signaal-course profiles, progress, export and import: the progress store
 * from the command line, for administrators and tests. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "sig-cli.h"
#include "sig-text.h"
#include "sig-export.h"
#include "sig-store.h"

/* Opens the store at @db_path (the default when NULL) and says what the
 * learner must know: a repaired database, a read-only one. */
static SigStore *
open_store (const char *db_path,
            gboolean    read_only)
{
  g_autoptr(GError) error = NULL;
  SigStore *store = sig_store_open (db_path, read_only ? SIG_STORE_OPEN_READ_ONLY : SIG_STORE_OPEN_DEFAULT, &error);
  const SigStoreRecovery *recovery;

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return NULL;
    }
  if ((recovery = sig_store_get_recovery (store)) != NULL)
    g_printerr ("%s\n", recovery->message);
  if (sig_store_get_copy_notice (store) != NULL)
    g_printerr ("%s\n", sig_store_get_copy_notice (store));
  else if (!read_only && sig_store_get_read_only (store))
    g_printerr ("%s\n", sig_store_get_read_only_reason (store));
  return store;
}

static char *
generate (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* ---- profiles ------------------------------------------------------------- */

int
sig_cli_profiles (int   argc,
                  char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStore) store = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *current = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The progress database (default: the user's own)"), N_("PATH") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for programs"), NULL },
    { NULL }
  };

  context = sig_cli_option_context (NULL, _("List the learner profiles in a progress database."), entries);
  if (!sig_cli_parse (context, &argc, &argv))
    return SIG_EXIT_USAGE;
  if (argc != 1)
    return sig_cli_usage_error (context, _("This command takes no file names."));
  if ((store = open_store (db_path, TRUE)) == NULL)
    return SIG_EXIT_USAGE;
  if ((profiles = sig_store_list_profiles (store, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return SIG_EXIT_USAGE;
    }
  current = sig_store_get_current_profile (store);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *text = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < profiles->len; i++)
        {
          SigProfile *profile = profiles->pdata[i];

          json_builder_begin_object (builder);
          sig_cli_json_string (builder, "id", sig_profile_get_id (profile));
          sig_cli_json_string (builder, "name", sig_profile_get_name (profile));
          sig_cli_json_string (builder, "certificate_name", sig_profile_get_certificate_name (profile));
          sig_cli_json_string (builder, "sector", sig_profile_get_sector (profile));
          sig_cli_json_string (builder, "language", sig_profile_get_language (profile));
          sig_cli_json_boolean (builder, "current", g_strcmp0 (current, sig_profile_get_id (profile)) == 0);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      text = generate (builder);
      g_print ("%s\n", text);
      return SIG_EXIT_OK;
    }

  if (profiles->len == 0)
    g_print (_("No profiles yet.\n"));
  for (guint i = 0; i < profiles->len; i++)
    {
      SigProfile *profile = profiles->pdata[i];

      g_autofree char *name = sig_cli_safe (sig_profile_get_name (profile));
      g_autofree char *certificate_name = sig_cli_safe (sig_profile_get_certificate_name (profile));
      g_autofree char *sector = sig_cli_safe (sig_profile_get_sector (profile));
      g_autofree char *language = sig_cli_safe (sig_profile_get_language (profile));
      g_autofree char *id = sig_cli_safe (sig_profile_get_id (profile));

      g_print ("%s %s  (%s, %s, %s)  %s\n",
               g_strcmp0 (current, sig_profile_get_id (profile)) == 0 ? "*" : " ",
               name, certificate_name, sector, language, id);
    }
  return SIG_EXIT_OK;
}

/* ---- progress ------------------------------------------------------------- */

static SigProfile *
find_profile (SigStore   *store,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  SigProfile *profile = sig_store_find_profile (store, name, &error);

  if (profile == NULL)
    g_printerr ("%s\n", error->message);
  return profile;
}

/* The learner's certificate for the course: its state and "valid until" as
 * ISO 8601 (NULL when there is none). */
static gboolean
certificate_state (SigStore                  *store,
                   const char                *profile_id,
                   const char                *course_id,
                   SigStoreCertificateState  *state,
                   char                     **valid_until)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStoreCertificate) latest = NULL;

  *valid_until = NULL;
  if (!sig_store_get_certificate_state (store, profile_id, course_id, NULL, state, &latest, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  if (latest != NULL)
    *valid_until = g_date_time_format_iso8601 (sig_store_certificate_get_valid_until (latest));
  return TRUE;
}

static void
add_progress_json (JsonBuilder              *builder,
                   SigCourseProgress        *progress,
                   SigStoreCertificateState  state,
                   const char               *valid_until)
{
  json_builder_begin_object (builder);
  sig_cli_json_string (builder, "id", progress->course_id);
  json_builder_set_member_name (builder, "version");
  if (progress->course_version)
    json_builder_add_string_value (builder, progress->course_version);
  else
    json_builder_add_null_value (builder);
  sig_cli_json_string (builder, "status", sig_progress_status_to_string (progress->status));
  sig_cli_json_boolean (builder, "completed", progress->completed);
  json_builder_set_member_name (builder, "score");
  if (progress->has_score)
    json_builder_add_double_value (builder, progress->score);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "best_score");
  if (progress->best_score >= 0)
    json_builder_add_double_value (builder, progress->best_score);
  else
    json_builder_add_null_value (builder);
  sig_cli_json_int (builder, "attempts", progress->attempts);
  sig_cli_json_string (builder, "attempt_status", sig_progress_status_to_string (progress->attempt_status));
  json_builder_set_member_name (builder, "attempt_score");
  if (progress->attempt_has_score)
    json_builder_add_double_value (builder, progress->attempt_score);
  else
    json_builder_add_null_value (builder);
  sig_cli_json_string (builder, "certificate_state", sig_store_certificate_state_to_string (state));
  json_builder_set_member_name (builder, "certificate_valid_until");
  if (valid_until != NULL)
    json_builder_add_string_value (builder, valid_until);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "modules");
  json_builder_begin_array (builder);
  for (guint i = 0; i < progress->modules->len; i++)
    {
      SigModuleProgress *module = progress->modules->pdata[i];

      json_builder_begin_object (builder);
      sig_cli_json_string (builder, "id", module->module_id);
      sig_cli_json_boolean (builder, "required", module->required);
      sig_cli_json_boolean (builder, "completed", module->completed);
      sig_cli_json_int (builder, "questions", module->n_questions);
      sig_cli_json_int (builder, "answered", module->answered);
      sig_cli_json_int (builder, "scenarios", module->n_scenarios);
      sig_cli_json_int (builder, "scenarios_ended", module->scenarios_ended);
      sig_cli_json_double (builder, "points", module->points);
      sig_cli_json_double (builder, "max_points", module->max_points);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (progress->has_knowledge_check)
    {
      json_builder_set_member_name (builder, "knowledge_check");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "pre");
      if (progress->pre_score >= 0)
        json_builder_add_double_value (builder, progress->pre_score);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "post");
      if (progress->post_score >= 0)
        json_builder_add_double_value (builder, progress->post_score);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

int
sig_cli_progress (int   argc,
                  char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStore) store = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(GHashTable) given = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) sig_course_unref);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *db_path = NULL;
  g_autofree char *profile_name = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The progress database (default: the user's own)"), N_("PATH") },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_name, N_("Only this learner"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for programs"), NULL },
    { NULL }
  };

  context = sig_cli_option_context (_("[COURSE…]"),
                                    _("Show the progress of the learners in a progress database. Modules are shown for the courses in the library and for the COURSE files given."),
                                    entries);
  if (!sig_cli_parse (context, &argc, &argv))
    return SIG_EXIT_USAGE;
  for (int i = 1; i < argc; i++)
    {
      SigCourse *course = sig_loader_load_course (argv[i], &error);

      if (course == NULL)
        {
          g_printerr ("%s\n", error->message);
          return SIG_EXIT_USAGE;
        }
      g_hash_table_replace (given, g_strdup (course->id), course);
    }
  if ((store = open_store (db_path, TRUE)) == NULL)
    return SIG_EXIT_USAGE;
  if (profile_name != NULL)
    {
      SigProfile *profile = find_profile (store, profile_name);

      if (profile == NULL)
        return SIG_EXIT_USAGE;
      profiles = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (profiles, profile);
    }
  else if ((profiles = sig_store_list_profiles (store, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return SIG_EXIT_USAGE;
    }

  json_builder_begin_array (builder);
  for (guint p = 0; p < profiles->len; p++)
    {
      SigProfile *profile = profiles->pdata[p];
      g_autoptr(GPtrArray) summary = sig_store_list_progress (store, sig_profile_get_id (profile), &error);
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
      GHashTableIter iter;
      gpointer key;

      if (summary == NULL)
        {
          g_printerr ("%s\n", error->message);
          return SIG_EXIT_USAGE;
        }
      for (guint i = 0; i < summary->len; i++)
        g_ptr_array_add (ids, g_strdup (((SigCourseProgress *) summary->pdata[i])->course_id));
      g_hash_table_iter_init (&iter, given);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_ptr_array_find_with_equal_func (ids, key, g_str_equal, NULL))
          g_ptr_array_add (ids, g_strdup (key));

      if (json)
        {
          json_builder_begin_object (builder);
          sig_cli_json_string (builder, "profile", sig_profile_get_name (profile));
          sig_cli_json_string (builder, "profile_id", sig_profile_get_id (profile));
          json_builder_set_member_name (builder, "courses");
          json_builder_begin_array (builder);
        }
      else
        {
          g_autofree char *name = sig_cli_safe (sig_profile_get_name (profile));

          g_print ("%s\n", name);
        }

      for (guint i = 0; i < ids->len; i++)
        {
          const char *course_id = ids->pdata[i];
          g_autoptr(SigCourse) loaded = NULL;
          SigCourse *course = g_hash_table_lookup (given, course_id);
          g_autoptr(SigCourseProgress) progress = NULL;
          g_autofree char *valid_until = NULL;
          SigStoreCertificateState state = SIG_STORE_CERTIFICATE_NONE;

          if (course == NULL)
            course = loaded = sig_store_load_course (store, course_id, NULL);
          progress = sig_store_get_progress (store, sig_profile_get_id (profile), course_id, course, &error);
          if (progress == NULL)
            {
              g_printerr ("%s\n", error->message);
              return SIG_EXIT_USAGE;
            }
          if (!certificate_state (store, sig_profile_get_id (profile), course_id, &state, &valid_until))
            return SIG_EXIT_USAGE;
          if (json)
            add_progress_json (builder, progress, state, valid_until);
          else
            {
              g_autofree char *safe_id = sig_cli_safe (course_id);
              g_autofree char *safe_version = sig_cli_safe (progress->course_version);

              g_print ("  %-32s %-8s %-12s", safe_id, safe_version,
                       sig_progress_status_to_string (progress->status));
              if (progress->has_score)
                g_print (" %5.1f%%", progress->score);
              g_print ("\n");
              if (valid_until != NULL)
                {
                  g_autoptr(GDateTime) until = g_date_time_new_from_iso8601 (valid_until, NULL);
                  g_autoptr(GDateTime) local = g_date_time_to_local (until);
                  g_autofree char *day = g_date_time_format (local, "%Y-%m-%d");

                  switch (state)
                    {
                    case SIG_STORE_CERTIFICATE_EXPIRED:
                      g_print (_("    certificate expired on %s\n"), day);
                      break;
                    case SIG_STORE_CERTIFICATE_EXPIRING:
                      g_print (_("    certificate valid until %s (expires soon)\n"), day);
                      break;
                    default:
                      g_print (_("    certificate valid until %s\n"), day);
                      break;
                    }
                }
              for (guint m = 0; m < progress->modules->len; m++)
                {
                  SigModuleProgress *module = progress->modules->pdata[m];

                  g_print (_("    %-30s %s %u/%u questions, %u/%u scenarios\n"), module->module_id,
                           module->completed ? "✔" : " ", module->answered, module->n_questions,
                           module->scenarios_ended, module->n_scenarios);
                }
            }
        }
      if (json)
        {
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
    }
  json_builder_end_array (builder);
  if (json)
    {
      g_autofree char *text = generate (builder);
      g_print ("%s\n", text);
    }
  return SIG_EXIT_OK;
}

/* ---- export --------------------------------------------------------------- */

int
sig_cli_export (int   argc,
                char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStore) store = NULL;
  g_autoptr(SigProfile) profile = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *profile_name = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *text = NULL;
  const char *profile_id = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The progress database (default: the user's own)"), N_("PATH") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("xapi (statements), csv (report), mydata (everything about one learner) or aggregate (anonymous knowledge-check results)"), N_("FORMAT") },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_name, N_("Only this learner (needed for mydata)"), N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };

  context = sig_cli_option_context (NULL, _("Export progress: xAPI statements for a learning record store, a CSV report, a learner's own data, or anonymous knowledge-check results."),
                                    entries);
  if (!sig_cli_parse (context, &argc, &argv))
    return SIG_EXIT_USAGE;
  if (argc != 1)
    return sig_cli_usage_error (context, _("This command takes no file names; use -o FILE."));
  if (format == NULL || !(g_str_equal (format, "xapi") || g_str_equal (format, "csv") ||
                          g_str_equal (format, "mydata") || g_str_equal (format, "aggregate")))
    return sig_cli_usage_error (context, _("Give --format xapi, csv, mydata or aggregate."));
  if (g_str_equal (format, "mydata") && profile_name == NULL)
    return sig_cli_usage_error (context, _("--format mydata needs --profile NAME."));
  if (g_str_equal (format, "aggregate") && profile_name != NULL)
    return sig_cli_usage_error (context, _("The aggregate is about all learners together; leave out --profile."));

  if ((store = open_store (db_path, TRUE)) == NULL)
    return SIG_EXIT_USAGE;
  if (profile_name != NULL)
    {
      if ((profile = find_profile (store, profile_name)) == NULL)
        return SIG_EXIT_USAGE;
      profile_id = sig_profile_get_id (profile);
    }
  if (g_str_equal (format, "xapi"))
    text = sig_store_export_xapi (store, profile_id, &error);
  else if (g_str_equal (format, "csv"))
    text = sig_store_export_csv (store, profile_id, &error);
  else if (g_str_equal (format, "mydata"))
    text = sig_store_export_my_data (store, profile_id, &error);
  else
    text = sig_store_export_knowledge_aggregate (store, &error);
  if (text == NULL)
    {
      g_printerr ("%s\n", error->message);
      return SIG_EXIT_USAGE;
    }

  if (output == NULL)
    {
      fputs (text, stdout);
      if (!g_str_has_suffix (text, "\n"))
        fputc ('\n', stdout);
      return fflush (stdout) == 0 ? SIG_EXIT_OK : SIG_EXIT_USAGE;
    }
  if (!g_file_set_contents_full (output, text, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0600, &error))
    {
      g_printerr (_("Could not write %s: %s\n"), output, error->message);
      return SIG_EXIT_USAGE;
    }
  g_printerr (_("Exported to %s.\n"), output);
  return SIG_EXIT_OK;
}

/* ---- import --------------------------------------------------------------- */

int
sig_cli_import (int   argc,
                char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SigStore) store = NULL;
  g_autofree char *db_path = NULL;
  int status = SIG_EXIT_OK;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The progress database (default: the user's own)"), N_("PATH") },
    { NULL }
  };

  context = sig_cli_option_context (_("FILE.signaal…"),
                                    _("Install packed courses into the library of a progress database. They are checked first; a course with errors or an older version is refused."),
                                    entries);
  if (!sig_cli_parse (context, &argc, &argv))
    return SIG_EXIT_USAGE;
  if (argc < 2)
    return sig_cli_usage_error (context, _("Give one or more .signaal files."));
  if ((store = open_store (db_path, FALSE)) == NULL)
    return SIG_EXIT_USAGE;
  if (sig_store_get_read_only (store))
    return SIG_EXIT_USAGE;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SigLibraryCourse) entry = NULL;
      SigImportResult result;

      if (!g_file_test (argv[i], G_FILE_TEST_EXISTS))
        {
          g_printerr (_("%s: error: The file does not exist.\n"), argv[i]);
          status = SIG_EXIT_USAGE;
          continue;
        }
      if (!sig_store_import_course (store, argv[i], &result, &entry, &error))
        {
          g_printerr ("%s\n", error->message);
          if (status == SIG_EXIT_OK)
            status = g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_COURSE_INVALID) ||
                     g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_OLDER_VERSION) ||
                     g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_SIGNATURE) ||
                     g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_OWNER)
                     ? SIG_EXIT_PROBLEMS : SIG_EXIT_USAGE;
          continue;
        }
      switch (result)
        {
        case SIG_IMPORT_INSTALLED:
          g_print (_("Installed %s %s.\n"), sig_library_course_get_id (entry), sig_library_course_get_version (entry));
          break;
        case SIG_IMPORT_UPDATED:
          g_print (_("Updated %s to version %s; progress carries on.\n"), sig_library_course_get_id (entry), sig_library_course_get_version (entry));
          break;
        case SIG_IMPORT_UNCHANGED:
        default:
          g_print (_("%s %s is already installed; nothing was changed.\n"), sig_library_course_get_id (entry), sig_library_course_get_version (entry));
          break;
        }
      {
        g_autofree char *publisher = sig_library_course_dup_publisher_line (entry, NULL);

        g_print ("%s\n", publisher);
      }
    }
  return status;
}

int
sig_cli_remove (int   argc,
                char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SigStore) store = NULL;
  g_autoptr(GPtrArray) learners = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *profile_name = NULL;
  gboolean delete_progress = FALSE;
  int status = SIG_EXIT_OK;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The progress database (default: the user's own)"), N_("PATH") },
    { "delete-progress", 0, 0, G_OPTION_ARG_NONE, &delete_progress,
      N_("Also delete the progress and certificates of the course (of every learner, or of --profile)"), NULL },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_name, N_("With --delete-progress: only this learner's progress"), N_("NAME") },
    { NULL }
  };

  context = sig_cli_option_context (_("ID…"),
                                    _("Remove installed courses from the library. Learners' progress and certificates are kept unless --delete-progress is given; the course's id stays with its publisher."),
                                    entries);
  if (!sig_cli_parse (context, &argc, &argv))
    return SIG_EXIT_USAGE;
  if (argc < 2)
    return sig_cli_usage_error (context, _("Give the id of one or more installed courses."));
  if (profile_name != NULL && !delete_progress)
    return sig_cli_usage_error (context, _("--profile only chooses whose progress --delete-progress deletes; add --delete-progress, or leave --profile out."));
  if ((store = open_store (db_path, FALSE)) == NULL || sig_store_get_read_only (store))
    return SIG_EXIT_USAGE;
  if (delete_progress)
    {
      if (profile_name != NULL)
        {
          SigProfile *profile = sig_store_find_profile (store, profile_name, &error);

          if (profile == NULL)
            {
              g_autofree char *message = sig_text_sanitize_multiline (g_strdup (error->message));

              g_printerr ("%s\n", message);
              return SIG_EXIT_USAGE;
            }
          learners = g_ptr_array_new_with_free_func (g_object_unref);
          g_ptr_array_add (learners, profile);
        }
      else if ((learners = sig_store_list_profiles (store, &error)) == NULL)
        {
          g_printerr ("%s\n", error->message);
          return SIG_EXIT_USAGE;
        }
    }
  for (int i = 1; i < argc; i++)
    {
      g_autofree char *id = sig_text_sanitize (g_strdup (argv[i]));

      g_clear_error (&error);
      if (!sig_store_remove_course (store, argv[i], &error))
        {
          g_autofree char *message = sig_text_sanitize_multiline (g_strdup (error->message));

          g_printerr ("%s\n", message);
          status = SIG_EXIT_PROBLEMS;
          continue;
        }
      if (!delete_progress)
        {
          g_print (_("Removed %s; progress is kept.\n"), id);
          continue;
        }
      for (guint j = 0; j < learners->len; j++)
        if (!sig_store_delete_course_progress (store, sig_profile_get_id (learners->pdata[j]), argv[i], &error))
          {
            g_autofree char *message = sig_text_sanitize_multiline (g_strdup (error->message));

            g_printerr ("%s\n", message);
            status = SIG_EXIT_PROBLEMS;
            break;
          }
      if (status == SIG_EXIT_OK)
        g_print (g_dngettext (GETTEXT_PACKAGE, "Removed %s and its progress (%u learner).\n",
                              "Removed %s and its progress (%u learners).\n", learners->len),
                 id, learners->len);
    }
  return status;
}
