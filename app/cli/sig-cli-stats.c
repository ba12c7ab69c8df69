/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sig-cli.h"

static void
add_text (JsonBuilder   *builder,
          const char    *member,
          const SigText *text)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  for (guint i = 0; i < sig_text_n_langs (text); i++)
    {
      const char *lang = sig_text_lang_at (text, i);

      json_builder_set_member_name (builder, lang);
      json_builder_add_string_value (builder, sig_text_get_exact (text, lang));
    }
  json_builder_end_object (builder);
}

static void
add_strv (JsonBuilder *builder,
          const char  *member,
          GStrv        values)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_scenario (JsonBuilder *builder,
              SigScenario *scenario)
{
  json_builder_begin_object (builder);
  sig_cli_json_string (builder, "id", scenario->id);
  sig_cli_json_string (builder, "version", scenario->version);
  sig_cli_json_string (builder, "path", scenario->path);
  add_text (builder, "title", scenario->title);
  add_strv (builder, "languages", scenario->languages);
  add_strv (builder, "sectors", scenario->sectors);
  add_strv (builder, "themes", scenario->themes);
  sig_cli_json_int (builder, "minutes", scenario->minutes);
  sig_cli_json_int (builder, "decisions", sig_scenario_count_decisions (scenario));
  sig_cli_json_int (builder, "endings", scenario->endings->len);
  sig_cli_json_int (builder, "nodes", scenario->nodes->len);
  json_builder_set_member_name (builder, "personas");
  json_builder_begin_array (builder);
  for (guint i = 0; i < scenario->personas->len; i++)
    {
      SigPersona *persona = scenario->personas->pdata[i];

      json_builder_begin_object (builder);
      sig_cli_json_string (builder, "id", persona->id);
      sig_cli_json_string (builder, "name", persona->name);
      sig_cli_json_string (builder, "gender", persona->gender);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

int
sig_cli_stats (int   argc,
               char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SigCatalog) catalog = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  gboolean json = FALSE, io_error = FALSE, problems = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for other programs"), NULL },
    { NULL }
  };

  context = sig_cli_option_context (_("PATH…"), _("Count what courses and scenarios hold: languages, sectors, themes, modules, pages, questions, decisions, endings and personas."), entries);
  if (!sig_cli_parse (context, &argc, &argv))
    return SIG_EXIT_USAGE;
  if (argc < 2)
    return sig_cli_usage_error (context, _("Give at least one PATH."));
  catalog = sig_cli_build_catalog (argc, argv, &io_error);
  if (io_error)
    return SIG_EXIT_USAGE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "courses");
  json_builder_begin_array (builder);
  for (guint i = 0; i < sig_catalog_get_n (catalog); i++)
    {
      SigCatalogEntry *entry = sig_catalog_get (catalog, i);
      SigCourse *course = entry->course;
      g_autoptr(GPtrArray) refs = NULL;

      if (entry->error != NULL)
        {
          g_printerr ("%s\n", entry->error->message);
          problems = TRUE;
          continue;
        }
      if (course == NULL)
        continue;
      refs = sig_course_scenario_refs (course);
      g_ptr_array_add (refs, NULL);
      json_builder_begin_object (builder);
      sig_cli_json_string (builder, "id", course->id);
      sig_cli_json_string (builder, "version", course->version);
      sig_cli_json_string (builder, "path", entry->path);
      add_text (builder, "title", course->title);
      add_strv (builder, "languages", course->languages);
      add_strv (builder, "sectors", course->sectors);
      add_strv (builder, "themes", course->themes);
      sig_cli_json_int (builder, "minutes", course->minutes);
      sig_cli_json_int (builder, "modules", course->modules->len);
      sig_cli_json_int (builder, "pages", sig_course_count_pages (course));
      sig_cli_json_int (builder, "questions", sig_course_count_questions (course));
      /* the points of the scored questions in required modules: what the pass mark is a percentage of */
      sig_cli_json_int (builder, "points", sig_course_required_points (course));
      if (course->accreditation_points >= 0)
        sig_cli_json_double (builder, "accreditation_points", course->accreditation_points);
      sig_cli_json_int (builder, "knowledge_check", course->knowledge_check->len);
      sig_cli_json_int (builder, "pass_mark", course->pass_mark);
      sig_cli_json_int (builder, "validity_months", course->validity_months);
      add_strv (builder, "scenarios", (GStrv) refs->pdata);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "scenarios");
  json_builder_begin_array (builder);
  for (guint i = 0; i < sig_catalog_get_n (catalog); i++)
    {
      SigCatalogEntry *entry = sig_catalog_get (catalog, i);

      if (entry->scenario != NULL)
        add_scenario (builder, entry->scenario);
      for (guint j = 0; entry->course != NULL && j < entry->course->scenarios->len; j++)
        add_scenario (builder, entry->course->scenarios->pdata[j]);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  if (json)
    {
      g_autofree char *text = NULL;

      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
    }
  else
    {
      JsonObject *object = json_node_get_object (root);
      JsonArray *courses = json_object_get_array_member (object, "courses");
      JsonArray *scenarios = json_object_get_array_member (object, "scenarios");

      for (guint i = 0; i < json_array_get_length (courses); i++)
        {
          JsonObject *c = json_array_get_object_element (courses, i);

          g_print (_("course %s %s: %d modules, %d pages, %d questions, %d minutes\n"),
                   json_object_get_string_member (c, "id"), json_object_get_string_member (c, "version"),
                   (int) json_object_get_int_member (c, "modules"), (int) json_object_get_int_member (c, "pages"),
                   (int) json_object_get_int_member (c, "questions"), (int) json_object_get_int_member (c, "minutes"));
        }
      for (guint i = 0; i < json_array_get_length (scenarios); i++)
        {
          JsonObject *s = json_array_get_object_element (scenarios, i);

          g_print (_("scenario %s: %d decisions, %d endings, %u personas\n"),
                   json_object_get_string_member (s, "id"),
                   (int) json_object_get_int_member (s, "decisions"), (int) json_object_get_int_member (s, "endings"),
                   json_array_get_length (json_object_get_array_member (s, "personas")));
        }
    }
  return problems ? SIG_EXIT_PROBLEMS : SIG_EXIT_OK;
}
