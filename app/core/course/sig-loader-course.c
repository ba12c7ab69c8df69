/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The course: its root elements (publisher, accreditation, certificate,
 * objectives, knowledge check), modules with their pages, questions and
 * scenario references, and what a packed course carries inline (scenarios
 * and media). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sig-loader-private.h"
#include "sig-media.h"

static gboolean
decode_media (Loader    *loader,
              xmlNode   *media,
              SigCourse *course)
{
  foreach_child (media, child)
    {
      g_autofree char *path = NULL;
      g_autofree char *type = NULL;
      g_autofree guchar *data = NULL;
      g_autoptr(GError) media_error = NULL;
      xmlChar *content;
      gsize len = 0;
      gboolean clean = TRUE;

      if (!is_element (child, "file"))
        continue;
      path = get_attr (child, "path");
      type = get_attr (child, "type");
      if (!sig_loader_media_path_is_safe (path))
        return fail (loader, child, SIG_LOADER_ERROR_FORBIDDEN,
                     _("The packed file “%s” has a path outside the package. Pack the course again with signaal-course pack."),
                     path ? path : "");
      content = xmlNodeGetContent (child);
      for (const xmlChar *p = content; p != NULL && *p; p++)
        if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/' && *p != '=' && !g_ascii_isspace (*p))
          clean = FALSE;
      if (clean && content != NULL)
        data = g_base64_decode ((const char *) content, &len);
      xmlFree (content);
      if (!clean || len == 0)
        return fail (loader, child, SIG_LOADER_ERROR_INVALID,
                     _("The packed file “%s” is damaged (not base64). Pack the course again with signaal-course pack."),
                     path);
      if (g_hash_table_contains (course->media, path))
        return fail (loader, child, SIG_LOADER_ERROR_INVALID,
                     _("The packed file “%s” is in the package twice. Pack the course again with signaal-course pack."),
                     path);
      if (g_strcmp0 (type, sig_media_type_for_path (path)) != 0)
        return fail (loader, child, SIG_LOADER_ERROR_INVALID,
                     _("The packed file “%s” is declared as “%s”, which does not match its name. Pack the course again with signaal-course pack."),
                     path, type ? type : "");
      if (!sig_media_check (path, type, data, len, NULL, NULL, &media_error))
        return fail (loader, child, media_error->code, "%s", media_error->message);
      g_hash_table_insert (course->media, g_strdup (path),
                            g_bytes_new_take (g_steal_pointer (&data), len));
    }
  return TRUE;
}

SigCourse *
sig_loader_parse_course (Loader     *loader,
                         xmlNode    *root,
                         const char *path,
                         const char *base_dir,
                         gboolean    packed)
{
  g_autoptr(SigCourse) course = sig_course_new_empty ();
  xmlNode *node;

  loader->refs = course->refs;
  loader->texts = course->texts;
  course->path = g_strdup (path);
  course->base_dir = g_strdup (base_dir);
  course->packed = packed;

  if (!sig_loader_parse_root_attributes (loader, root, &course->id, &course->version, &course->languages))
    return NULL;
  if ((course->title = sig_loader_require_text (loader, root, "title")) == NULL)
    return NULL;
  course->summary = sig_loader_collect_text (loader, root, "summary");
  if ((node = first_child (root, "publisher")) != NULL)
    {
      xmlNode *logo = first_child (node, "logo");

      course->publisher_name = sig_loader_require_text (loader, node, "name");
      if (logo != NULL)
        {
          course->publisher_logo = get_attr (logo, "src");
          if (!sig_loader_check_media_path (loader, logo, course->publisher_logo))
            return NULL;
        }
    }
  course->sectors = sig_loader_collect_words (root, "sectors", "sector");
  course->themes = sig_loader_collect_words (root, "themes", "theme");
  if ((node = first_child (root, "minutes")) != NULL)
    {
      xmlChar *content = xmlNodeGetContent (node);
      course->minutes = (guint) g_ascii_strtoull ((const char *) content, NULL, 10);
      xmlFree (content);
    }
  if ((node = first_child (root, "accreditation")) != NULL)
    {
      guint points;

      if (!sig_loader_get_uint_attr (loader, node, "points", 0, 1000, 0, &points))
        return NULL;
      course->accreditation_points = (int) points;
      course->accreditation_register = sig_loader_collect_text (loader, node, "register");
    }
  if ((node = first_child (root, "certificate")) == NULL)
    return fail (loader, root, SIG_LOADER_ERROR_INVALID,
                 _("The course needs a <certificate pass-mark=\"70\" validity-months=\"24\"/>.")), NULL;
  if (!sig_loader_get_uint_attr (loader, node, "pass-mark", 0, 100, 70, &course->pass_mark) ||
      !sig_loader_get_uint_attr (loader, node, "validity-months", 1, 120, 24, &course->validity_months))
    return NULL;
  course->refresher_module = get_attr (node, "refresher");

  if ((node = first_child (root, "objectives")) != NULL)
    foreach_child (node, child)
      {
        SigObjective *objective = g_new0 (SigObjective, 1);

        g_ptr_array_add (course->objectives, objective);
        objective->line = line_of (child);
        if ((objective->id = sig_loader_take_id (loader, child, TRUE)) == NULL ||
            (objective->text = sig_loader_require_text (loader, child, "text")) == NULL)
          return NULL;
      }
  if (!sig_loader_parse_sources (loader, root, course->sources) ||
      !sig_loader_parse_warnings (loader, root, course->warnings))
    return NULL;

  if ((node = first_child (root, "knowledge-check")) != NULL)
    foreach_child (node, child)
      {
        SigQuestion *question;

        if (!is_element (child, "question"))
          continue;
        if ((question = sig_loader_parse_question (loader, child)) == NULL)
          return NULL;
        g_ptr_array_add (course->knowledge_check, question);
      }

  foreach_child (root, child)
    {
      SigModule *module;

      if (!is_element (child, "module"))
        continue;
      module = g_new0 (SigModule, 1);
      g_ptr_array_add (course->modules, module);
      module->line = line_of (child);
      module->required = get_bool_attr (child, "required", TRUE);
      module->items = g_ptr_array_new_with_free_func (sig_item_free);
      module->review = g_ptr_array_new_with_free_func ((GDestroyNotify) sig_question_free);
      if ((module->id = sig_loader_take_id (loader, child, TRUE)) == NULL ||
          (module->title = sig_loader_require_text (loader, child, "title")) == NULL)
        return NULL;

      foreach_child (child, part)
        {
          SigModuleItem *item;

          if (is_element (part, "title"))
            continue;
          if (is_element (part, "review"))
            {
              foreach_child (part, review_part)
                {
                  SigQuestion *question;

                  if (!is_element (review_part, "question"))
                    return fail (loader, review_part, SIG_LOADER_ERROR_SCHEMA,
                                 _("<%s> cannot be used in <review>. Put only <question> elements in it."),
                                 (const char *) review_part->name), NULL;
                  if ((question = sig_loader_parse_question (loader, review_part)) == NULL)
                    return NULL;
                  g_ptr_array_add (module->review, question);
                }
              if (module->review->len == 0)
                return fail (loader, part, SIG_LOADER_ERROR_INVALID,
                             _("<review> in the module “%s” is empty. Add the questions that are only asked in review, or remove it."),
                             module->id), NULL;
              continue;
            }
          item = g_new0 (SigModuleItem, 1);
          item->line = line_of (part);
          g_ptr_array_add (module->items, item);
          if (is_element (part, "page"))
            {
              SigPage *page = g_new0 (SigPage, 1);

              item->kind = SIG_ITEM_PAGE;
              item->page = page;
              page->line = item->line;
              page->bodies = g_ptr_array_new_with_free_func (sig_body_free);
              if ((page->id = sig_loader_take_id (loader, part, TRUE)) == NULL ||
                  (page->title = sig_loader_require_text (loader, part, "title")) == NULL)
                return NULL;
              foreach_child (part, body_node)
                {
                  SigBody *body;
                  GPtrArray *blocks;
                  g_autofree char *lang = NULL;

                  if (!is_element (body_node, "body"))
                    continue;
                  lang = get_lang (body_node);
                  if (lang == NULL)
                    return fail (loader, body_node, SIG_LOADER_ERROR_INVALID,
                                 _("<body> has no xml:lang. Add xml:lang=\"nl\" or xml:lang=\"en\".")), NULL;
                  for (guint k = 0; k < page->bodies->len; k++)
                    if (g_str_equal (((SigBody *) page->bodies->pdata[k])->lang, lang))
                      return fail (loader, body_node, SIG_LOADER_ERROR_INVALID,
                                   _("There are two <body> elements in the language “%s” here. Keep one."), lang), NULL;
                  if ((blocks = sig_loader_parse_blocks (loader, body_node)) == NULL)
                    return NULL;
                  body = g_new0 (SigBody, 1);
                  body->lang = g_steal_pointer (&lang);
                  body->blocks = blocks;
                  g_ptr_array_add (page->bodies, body);
                }
              if (page->bodies->len == 0)
                return fail (loader, part, SIG_LOADER_ERROR_INVALID,
                             _("The page “%s” has no <body>. Add one for each language."), page->id), NULL;
            }
          else if (is_element (part, "question"))
            {
              item->kind = SIG_ITEM_QUESTION;
              if ((item->question = sig_loader_parse_question (loader, part)) == NULL)
                return NULL;
            }
          else if (is_element (part, "scenario"))
            {
              item->kind = SIG_ITEM_SCENARIO;
              item->scenario_ref = get_attr (part, "ref");
              if (!sig_loader_id_is_valid (item->scenario_ref))
                return fail (loader, part, SIG_LOADER_ERROR_INVALID,
                             _("<scenario ref=\"…\"> needs the id of a scenario.")), NULL;
              sig_loader_add_ref (loader, SIG_REF_SCENARIO, item->scenario_ref, part);
            }
          else
            return fail (loader, part, SIG_LOADER_ERROR_SCHEMA,
                         _("<%s> cannot be used in a module. Use page, question or scenario."),
                         (const char *) part->name), NULL;
        }
    }
  if (course->modules->len == 0)
    return fail (loader, root, SIG_LOADER_ERROR_INVALID, _("The course has no <module>. Add at least one.")), NULL;

  if (!sig_loader_resolve_course (loader, root, course))
    return NULL;

  /* Packed files carry their scenarios and media inline. */
  foreach_child (root, child)
    {
      if (is_element (child, "scenario"))
        {
          g_autoptr(GHashTable) course_ids = loader->ids;
          SigScenario *scenario;

          loader->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          scenario = sig_loader_parse_scenario (loader, child, path);
          g_hash_table_unref (loader->ids);
          loader->ids = g_steal_pointer (&course_ids);
          loader->refs = course->refs;
          loader->texts = course->texts;
          if (scenario == NULL)
            return NULL;
          if (sig_course_find_scenario (course, scenario->id) != NULL)
            {
              fail (loader, child, SIG_LOADER_ERROR_INVALID,
                    _("The scenario “%s” is packed twice. Pack the course again."), scenario->id);
              sig_scenario_unref (scenario);
              return NULL;
            }
          g_ptr_array_add (course->scenarios, scenario);
        }
      else if (is_element (child, "media") && !decode_media (loader, child, course))
        return NULL;
    }
  return g_steal_pointer (&course);
}
