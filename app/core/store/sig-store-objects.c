/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SigProfile and SigLibraryCourse: immutable snapshots the store hands out. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sig-package-signature.h"
#include "sig-store-private.h"
#include "sig-text.h"

/* ---- SigProfile ------------------------------------------------------------ */

struct _SigProfile {
  GObject parent_instance;
  char *id;
  char *name;
  char *certificate_name;
  char *sector;
  char *language;
  gint64 created;
};

enum {
  PROFILE_PROP_0,
  PROFILE_PROP_ID,
  PROFILE_PROP_NAME,
  PROFILE_PROP_CERTIFICATE_NAME,
  PROFILE_PROP_SECTOR,
  PROFILE_PROP_LANGUAGE,
  PROFILE_PROP_CREATED,
  PROFILE_N_PROPS
};

static GParamSpec *profile_properties[PROFILE_N_PROPS];

G_DEFINE_FINAL_TYPE (SigProfile, sig_profile, G_TYPE_OBJECT)

static void
sig_profile_finalize (GObject *object)
{
  SigProfile *profile = SIG_PROFILE (object);

  g_free (profile->id);
  g_free (profile->name);
  g_free (profile->certificate_name);
  g_free (profile->sector);
  g_free (profile->language);
  G_OBJECT_CLASS (sig_profile_parent_class)->finalize (object);
}

static void
sig_profile_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SigProfile *profile = SIG_PROFILE (object);

  switch (prop_id)
    {
    case PROFILE_PROP_ID: g_value_set_string (value, profile->id); break;
    case PROFILE_PROP_NAME: g_value_set_string (value, profile->name); break;
    case PROFILE_PROP_CERTIFICATE_NAME: g_value_set_string (value, profile->certificate_name); break;
    case PROFILE_PROP_SECTOR: g_value_set_string (value, profile->sector); break;
    case PROFILE_PROP_LANGUAGE: g_value_set_string (value, profile->language); break;
    case PROFILE_PROP_CREATED: g_value_set_int64 (value, profile->created); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sig_profile_class_init (SigProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = sig_profile_finalize;
  object_class->get_property = sig_profile_get_property;

  profile_properties[PROFILE_PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  profile_properties[PROFILE_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  profile_properties[PROFILE_PROP_CERTIFICATE_NAME] = g_param_spec_string ("certificate-name", NULL, NULL, NULL, flags);
  profile_properties[PROFILE_PROP_SECTOR] = g_param_spec_string ("sector", NULL, NULL, NULL, flags);
  profile_properties[PROFILE_PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL, flags);
  profile_properties[PROFILE_PROP_CREATED] = g_param_spec_int64 ("created", NULL, NULL, 0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, PROFILE_N_PROPS, profile_properties);
}

static void
sig_profile_init (SigProfile *profile)
{
}

SigProfile *
sig_profile_new_from_row (sqlite3_stmt *stmt)
{
  SigProfile *profile = g_object_new (SIG_TYPE_PROFILE, NULL);

  profile->id = g_strdup (sig_store_column_text (stmt, 0));
  profile->name = g_strdup (sig_store_column_text (stmt, 1));
  profile->certificate_name = g_strdup (sig_store_column_text (stmt, 2));
  profile->sector = g_strdup (sig_store_column_text (stmt, 3));
  profile->language = g_strdup (sig_store_column_text (stmt, 4));
  profile->created = sqlite3_column_int64 (stmt, 5);
  return profile;
}

const char *
sig_profile_get_id (SigProfile *profile)
{
  g_return_val_if_fail (SIG_IS_PROFILE (profile), NULL);
  return profile->id;
}

const char *
sig_profile_get_name (SigProfile *profile)
{
  g_return_val_if_fail (SIG_IS_PROFILE (profile), NULL);
  return profile->name;
}

const char *
sig_profile_get_certificate_name (SigProfile *profile)
{
  g_return_val_if_fail (SIG_IS_PROFILE (profile), NULL);
  return profile->certificate_name;
}

const char *
sig_profile_get_sector (SigProfile *profile)
{
  g_return_val_if_fail (SIG_IS_PROFILE (profile), NULL);
  return profile->sector;
}

const char *
sig_profile_get_language (SigProfile *profile)
{
  g_return_val_if_fail (SIG_IS_PROFILE (profile), NULL);
  return profile->language;
}

gint64
sig_profile_get_created (SigProfile *profile)
{
  g_return_val_if_fail (SIG_IS_PROFILE (profile), 0);
  return profile->created;
}

/* ---- SigLibraryCourse ------------------------------------------------------- */

struct _SigLibraryCourse {
  GObject parent_instance;
  char *path;
  gboolean bundled;
  char *id;
  char *version;
  /* Texts per language as pairs { lang, text, lang, text, …, NULL }: a
   * library holds a thousand of these, and a course has few languages. */
  GStrv titles;
  GStrv summaries;
  GStrv publishers;
  GStrv languages;
  GStrv sectors;
  GStrv themes;
  GStrv required_modules;
  guint minutes, n_modules, n_pages, n_questions, n_scenarios;
  guint pass_mark, validity_months, required_points;
  gboolean has_knowledge_check;
  char *refresher_module;
  char *publisher_did;      /* the did:key that signed the file; NULL when unsigned */
  char *signer_name;        /* the name in the signature */
};

enum {
  COURSE_PROP_0,
  COURSE_PROP_ID,
  COURSE_PROP_VERSION,
  COURSE_PROP_PATH,
  COURSE_PROP_BUNDLED,
  COURSE_N_PROPS
};

static GParamSpec *course_properties[COURSE_N_PROPS];

G_DEFINE_FINAL_TYPE (SigLibraryCourse, sig_library_course, G_TYPE_OBJECT)

static void
sig_library_course_finalize (GObject *object)
{
  SigLibraryCourse *course = SIG_LIBRARY_COURSE (object);

  g_free (course->path);
  g_free (course->id);
  g_free (course->version);
  g_clear_pointer (&course->titles, g_strfreev);
  g_clear_pointer (&course->summaries, g_strfreev);
  g_clear_pointer (&course->publishers, g_strfreev);
  g_strfreev (course->languages);
  g_strfreev (course->sectors);
  g_strfreev (course->themes);
  g_strfreev (course->required_modules);
  g_free (course->refresher_module);
  g_free (course->publisher_did);
  g_free (course->signer_name);
  G_OBJECT_CLASS (sig_library_course_parent_class)->finalize (object);
}

static void
sig_library_course_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SigLibraryCourse *course = SIG_LIBRARY_COURSE (object);

  switch (prop_id)
    {
    case COURSE_PROP_ID: g_value_set_string (value, course->id); break;
    case COURSE_PROP_VERSION: g_value_set_string (value, course->version); break;
    case COURSE_PROP_PATH: g_value_set_string (value, course->path); break;
    case COURSE_PROP_BUNDLED: g_value_set_boolean (value, course->bundled); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sig_library_course_class_init (SigLibraryCourseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = sig_library_course_finalize;
  object_class->get_property = sig_library_course_get_property;

  course_properties[COURSE_PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  course_properties[COURSE_PROP_VERSION] = g_param_spec_string ("version", NULL, NULL, NULL, flags);
  course_properties[COURSE_PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, flags);
  course_properties[COURSE_PROP_BUNDLED] = g_param_spec_boolean ("bundled", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, COURSE_N_PROPS, course_properties);
}

static void
sig_library_course_init (SigLibraryCourse *course)
{
}

/* Info JSON */

static void
add_text (JsonBuilder   *builder,
          const char    *name,
          const SigText *text)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  for (guint i = 0; text != NULL && i < sig_text_n_langs (text); i++)
    {
      const char *lang = sig_text_lang_at (text, i);

      json_builder_set_member_name (builder, lang);
      json_builder_add_string_value (builder, sig_text_get_exact (text, lang));
    }
  json_builder_end_object (builder);
}

static void
add_strv (JsonBuilder *builder,
          const char  *name,
          GStrv        strv)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

static void
add_uint (JsonBuilder *builder,
          const char  *name,
          guint        value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

char *
sig_library_course_info_from_course (SigCourse *course)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) refs = sig_course_scenario_refs (course);
  g_autoptr(GStrvBuilder) required = g_strv_builder_new ();
  g_auto(GStrv) required_modules = NULL;

  for (guint i = 0; i < course->modules->len; i++)
    {
      SigModule *module = course->modules->pdata[i];

      if (module->required)
        g_strv_builder_add (required, module->id);
    }
  required_modules = g_strv_builder_end (required);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, course->id);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, course->version);
  add_strv (builder, "languages", course->languages);
  add_text (builder, "title", course->title);
  add_text (builder, "summary", course->summary);
  add_text (builder, "publisher", course->publisher_name);
  add_strv (builder, "sectors", course->sectors);
  add_strv (builder, "themes", course->themes);
  add_uint (builder, "minutes", course->minutes);
  add_uint (builder, "modules", course->modules->len);
  add_uint (builder, "pages", sig_course_count_pages (course));
  add_uint (builder, "questions", sig_course_count_questions (course));
  add_uint (builder, "scenarios", refs->len);
  add_uint (builder, "pass-mark", course->pass_mark);
  add_uint (builder, "validity-months", course->validity_months);
  add_uint (builder, "required-points", sig_course_required_points (course));
  add_strv (builder, "required-modules", required_modules);
  json_builder_set_member_name (builder, "knowledge-check");
  json_builder_add_boolean_value (builder, course->knowledge_check != NULL && course->knowledge_check->len > 0);
  if (course->refresher_module != NULL)
    {
      json_builder_set_member_name (builder, "refresher");
      json_builder_add_string_value (builder, course->refresher_module);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static GStrv
read_text (JsonObject *object,
           const char *name)
{
  g_autoptr(GStrvBuilder) pairs = g_strv_builder_new ();
  JsonObject *text;
  g_autoptr(GList) members = NULL;

  if (json_object_has_member (object, name) &&
      (text = json_object_get_object_member (object, name)) != NULL)
    members = json_object_get_members (text);
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_strv_builder_add (pairs, l->data);
      g_strv_builder_add (pairs, json_object_get_string_member_with_default (text, l->data, ""));
    }
  return g_strv_builder_end (pairs);
}

static GStrv
read_strv (JsonObject *object,
           const char *name)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (json_object_has_member (object, name) &&
      (array = json_object_get_array_member (object, name)) != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        const char *value = json_array_get_string_element (array, i);

        if (value != NULL)
          g_strv_builder_add (builder, value);
      }
  return g_strv_builder_end (builder);
}

SigLibraryCourse *
sig_library_course_new_from_info (const char *path,
                                  gboolean    bundled,
                                  const char *info_json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SigLibraryCourse) course = NULL;
  JsonObject *object;

  if (!json_parser_load_from_data (parser, info_json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));

  course = g_object_new (SIG_TYPE_LIBRARY_COURSE, NULL);
  course->path = g_strdup (path);
  course->bundled = bundled;
  course->id = g_strdup (json_object_get_string_member_with_default (object, "id", ""));
  course->version = g_strdup (json_object_get_string_member_with_default (object, "version", "0.0.0"));
  course->titles = read_text (object, "title");
  course->summaries = read_text (object, "summary");
  course->publishers = read_text (object, "publisher");
  course->languages = read_strv (object, "languages");
  course->sectors = read_strv (object, "sectors");
  course->themes = read_strv (object, "themes");
  course->required_modules = read_strv (object, "required-modules");
  course->minutes = json_object_get_int_member_with_default (object, "minutes", 0);
  course->n_modules = json_object_get_int_member_with_default (object, "modules", 0);
  course->n_pages = json_object_get_int_member_with_default (object, "pages", 0);
  course->n_questions = json_object_get_int_member_with_default (object, "questions", 0);
  course->n_scenarios = json_object_get_int_member_with_default (object, "scenarios", 0);
  course->pass_mark = json_object_get_int_member_with_default (object, "pass-mark", 0);
  course->validity_months = json_object_get_int_member_with_default (object, "validity-months", 0);
  course->required_points = json_object_get_int_member_with_default (object, "required-points", 0);
  course->has_knowledge_check = json_object_get_boolean_member_with_default (object, "knowledge-check", FALSE);
  course->refresher_module = g_strdup (json_object_get_string_member_with_default (object, "refresher", NULL));
  course->publisher_did = g_strdup (json_object_get_string_member_with_default (object, "publisher-did", NULL));
  course->signer_name = g_strdup (json_object_get_string_member_with_default (object, "signer-name", NULL));
  if (*course->id == '\0')
    return NULL;
  return g_steal_pointer (&course);
}

static const char *
text_of (const GStrv  pairs,
         const char  *lang)
{
  for (guint i = 0; lang != NULL && pairs[i] != NULL; i += 2)
    if (g_str_equal (pairs[i], lang))
      return pairs[i + 1];
  return NULL;
}

/* The text in @lang, else in English, else the first there is. */
static const char *
text_in (const GStrv  pairs,
         const char  *lang)
{
  const char *value;

  if ((value = text_of (pairs, lang)) != NULL || (value = text_of (pairs, "en")) != NULL)
    return value;
  return pairs[0] != NULL ? pairs[1] : NULL;
}

const char *
sig_library_course_get_id (SigLibraryCourse *course)
{
  g_return_val_if_fail (SIG_IS_LIBRARY_COURSE (course), NULL);
  return course->id;
}

const char *
sig_library_course_get_version (SigLibraryCourse *course)
{
  g_return_val_if_fail (SIG_IS_LIBRARY_COURSE (course), NULL);
  return course->version;
}

const char *
sig_library_course_get_path (SigLibraryCourse *course)
{
  g_return_val_if_fail (SIG_IS_LIBRARY_COURSE (course), NULL);
  return course->path;
}

gboolean
sig_library_course_get_bundled (SigLibraryCourse *course)
{
  g_return_val_if_fail (SIG_IS_LIBRARY_COURSE (course), FALSE);
  return course->bundled;
}

const char *
sig_library_course_get_title (SigLibraryCourse *course,
                              const char       *lang)
{
  g_return_val_if_fail (SIG_IS_LIBRARY_COURSE (course), NULL);
  return text_in (course->titles, lang);
}

const char *
sig_library_course_get_summary (SigLibraryCourse *course,
                                const char       *lang)
{
  g_return_val_if_fail (SIG_IS_LIBRARY_COURSE (course), NULL);
  return text_in (course->summaries, lang);
}

const char *
sig_library_course_get_publisher (SigLibraryCourse *course,
                                  const char       *lang)
{
  g_return_val_if_fail (SIG_IS_LIBRARY_COURSE (course), NULL);
  return text_in (course->publishers, lang);
}

const char * const *
sig_library_course_get_languages (SigLibraryCourse *course)
{
  g_return_val_if_fail (SIG_IS_LIBRARY_COURSE (course), NULL);
  return (const char * const *) course->languages;
}

const char * const *
sig_library_course_get_sectors (SigLibraryCourse *course)
{
  g_return_val_if_fail (SIG_IS_LIBRARY_COURSE (course), NULL);
  return (const char * const *) course->sectors;
}

const char * const *
sig_library_course_get_themes (SigLibraryCourse *course)
{
  g_return_val_if_fail (SIG_IS_LIBRARY_COURSE (course), NULL);
  return (const char * const *) course->themes;
}

const char * const *
sig_library_course_get_required_modules (SigLibraryCourse *course)
{
  g_return_val_if_fail (SIG_IS_LIBRARY_COURSE (course), NULL);
  return (const char * const *) course->required_modules;
}

#define UINT_GETTER(name, field) \
  guint sig_library_course_get_##name (SigLibraryCourse *course) \
  { \
    g_return_val_if_fail (SIG_IS_LIBRARY_COURSE (course), 0); \
    return course->field; \
  }

UINT_GETTER (minutes, minutes)
UINT_GETTER (n_modules, n_modules)
UINT_GETTER (n_pages, n_pages)
UINT_GETTER (n_questions, n_questions)
UINT_GETTER (n_scenarios, n_scenarios)
UINT_GETTER (pass_mark, pass_mark)
UINT_GETTER (validity_months, validity_months)
UINT_GETTER (required_points, required_points)

gboolean
sig_library_course_get_has_knowledge_check (SigLibraryCourse *course)
{
  g_return_val_if_fail (SIG_IS_LIBRARY_COURSE (course), FALSE);
  return course->has_knowledge_check;
}

const char *
sig_library_course_get_refresher_module (SigLibraryCourse *course)
{
  g_return_val_if_fail (SIG_IS_LIBRARY_COURSE (course), NULL);
  return course->refresher_module;
}

const char *
sig_library_course_get_publisher_did (SigLibraryCourse *course)
{
  g_return_val_if_fail (SIG_IS_LIBRARY_COURSE (course), NULL);
  if (course->bundled && course->publisher_did == NULL)
    return sig_project_publisher_did ();
  return course->publisher_did;
}

SigPublisherState
sig_library_course_get_publisher_state (SigLibraryCourse *course)
{
  g_return_val_if_fail (SIG_IS_LIBRARY_COURSE (course), SIG_PUBLISHER_UNVERIFIED);
  if (course->bundled)
    return SIG_PUBLISHER_VERIFIED;
  if (course->publisher_did == NULL)
    return SIG_PUBLISHER_UNVERIFIED;
  return sig_publisher_is_trusted (course->publisher_did, NULL) ? SIG_PUBLISHER_VERIFIED : SIG_PUBLISHER_SIGNED;
}

char *
sig_library_course_dup_publisher_line (SigLibraryCourse *course,
                                       const char       *language)
{
  g_autofree char *name = NULL;
  const char *publisher = sig_library_course_get_publisher (course, language);

  switch (sig_library_course_get_publisher_state (course))
    {
    case SIG_PUBLISHER_VERIFIED:
      if (course->publisher_did != NULL && sig_publisher_is_trusted (course->publisher_did, &name) && name && *name)
        publisher = name;
      /* Translators: %s is a publisher's name */
      return sig_text_sanitize (g_strdup_printf (_("Published by %s — verified"), publisher ? publisher : ""));
    case SIG_PUBLISHER_SIGNED:
      /* Translators: %s is a publisher's name, the second a did:key */
      return sig_text_sanitize (g_strdup_printf (_("Published by %s — signed, but not a publisher this computer knows (%s)"),
                                                 course->signer_name ? course->signer_name : "", course->publisher_did));
    case SIG_PUBLISHER_UNVERIFIED:
    default:
      return g_strdup (_("Unverified publisher"));
    }
}
