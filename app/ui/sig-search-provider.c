/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sig-labels.h"
#include "sig-search-provider.h"
#include "sig-shell-search-provider-generated.h"

struct _SigSearchProvider
{
  GObject parent_instance;

  GApplication *application;  /* not owned: the application owns the provider */
  SigSearchProvider2 *skeleton;
  SigStore *store;
  char *language;
};

G_DEFINE_FINAL_TYPE (SigSearchProvider, sig_search_provider, G_TYPE_OBJECT)

/* ---- Matching ------------------------------------------------------------ */

/* TRUE when @term starts a word of a title (in any of the course's languages),
 * of a theme's name or of a theme's id; case and accents do not count. */
static gboolean
term_matches (SigLibraryCourse *course,
              const char       *term)
{
  const char * const *languages = sig_library_course_get_languages (course);
  const char * const *themes = sig_library_course_get_themes (course);

  for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
    {
      const char *title = sig_library_course_get_title (course, languages[i]);

      if (title != NULL && g_str_match_string (term, title, TRUE))
        return TRUE;
    }
  for (guint i = 0; themes != NULL && themes[i] != NULL; i++)
    {
      g_autofree char *label = sig_theme_label (themes[i]);
      g_autofree char *words = g_strdelimit (g_strdup (themes[i]), "-", ' ');

      if (g_str_match_string (term, label, TRUE) || g_str_match_string (term, words, TRUE))
        return TRUE;
    }
  return FALSE;
}

static gboolean
course_matches (SigLibraryCourse   *course,
                const char * const *terms)
{
  guint n = 0;

  for (guint i = 0; terms[i] != NULL; i++)
    {
      if (terms[i][0] == '\0')
        continue;
      if (!term_matches (course, terms[i]))
        return FALSE;
      n++;
    }
  return n > 0;
}

GPtrArray *
sig_search_provider_search (SigSearchProvider  *self,
                            const char * const *terms)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) library = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SIG_IS_SEARCH_PROVIDER (self), NULL);

  if (self->store == NULL || terms == NULL)
    return g_steal_pointer (&ids);
  library = sig_store_list_library (self->store, &error);
  if (library == NULL)
    {
      g_warning ("The course library cannot be searched: %s", error->message);
      return g_steal_pointer (&ids);
    }
  for (guint i = 0; i < library->len; i++)
    if (course_matches (library->pdata[i], terms))
      g_ptr_array_add (ids, g_strdup (sig_library_course_get_id (library->pdata[i])));
  return g_steal_pointer (&ids);
}

/* ---- D-Bus methods ------------------------------------------------------- */

static void
return_ids (SigSearchProvider2    *skeleton,
            GDBusMethodInvocation *invocation,
            GPtrArray             *ids)
{
  g_ptr_array_add (ids, NULL);
  sig_search_provider2_complete_get_initial_result_set (skeleton, invocation,
                                                        (const char * const *) ids->pdata);
}

static gboolean
on_get_initial_result_set (SigSearchProvider2    *skeleton,
                           GDBusMethodInvocation *invocation,
                           const char * const    *terms,
                           SigSearchProvider     *self)
{
  g_autoptr(GPtrArray) ids = NULL;

  g_application_hold (self->application);
  ids = sig_search_provider_search (self, terms);
  return_ids (skeleton, invocation, ids);
  g_application_release (self->application);
  return TRUE;
}

static gboolean
on_get_subsearch_result_set (SigSearchProvider2    *skeleton,
                             GDBusMethodInvocation *invocation,
                             const char * const    *previous_results,
                             const char * const    *terms,
                             SigSearchProvider     *self)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) narrowed = g_ptr_array_new_with_free_func (g_free);

  g_application_hold (self->application);
  ids = sig_search_provider_search (self, terms);
  /* Only courses that were found before, in their order. */
  for (guint i = 0; previous_results != NULL && previous_results[i] != NULL; i++)
    for (guint j = 0; j < ids->len; j++)
      if (g_str_equal (previous_results[i], ids->pdata[j]))
        {
          g_ptr_array_add (narrowed, g_strdup (previous_results[i]));
          break;
        }
  g_ptr_array_add (narrowed, NULL);
  sig_search_provider2_complete_get_subsearch_result_set (skeleton, invocation,
                                                          (const char * const *) narrowed->pdata);
  g_application_release (self->application);
  return TRUE;
}

static gboolean
on_get_result_metas (SigSearchProvider2    *skeleton,
                     GDBusMethodInvocation *invocation,
                     const char * const    *identifiers,
                     SigSearchProvider     *self)
{
  g_autoptr(GIcon) icon = g_themed_icon_new (APP_ID);
  g_autoptr(GVariant) serialized_icon = g_icon_serialize (icon);
  GVariantBuilder metas;

  g_application_hold (self->application);
  g_variant_builder_init (&metas, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; self->store != NULL && identifiers != NULL && identifiers[i] != NULL; i++)
    {
      g_autoptr(SigLibraryCourse) course = sig_store_get_library_course (self->store, identifiers[i], NULL);
      const char *summary;
      GVariantBuilder meta;

      if (course == NULL)
        continue;
      g_variant_builder_init (&meta, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&meta, "{sv}", "id", g_variant_new_string (identifiers[i]));
      g_variant_builder_add (&meta, "{sv}", "name",
                             g_variant_new_string (sig_library_course_get_title (course, self->language)));
      summary = sig_library_course_get_summary (course, self->language);
      if (summary != NULL)
        g_variant_builder_add (&meta, "{sv}", "description", g_variant_new_string (summary));
      g_variant_builder_add (&meta, "{sv}", "icon", serialized_icon);
      g_variant_builder_add_value (&metas, g_variant_builder_end (&meta));
    }
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(aa{sv})", &metas));
  g_application_release (self->application);
  return TRUE;
}

static gboolean
on_activate_result (SigSearchProvider2    *skeleton,
                    GDBusMethodInvocation *invocation,
                    const char            *identifier,
                    const char * const    *terms,
                    guint                  timestamp,
                    SigSearchProvider     *self)
{
  g_action_group_activate_action (G_ACTION_GROUP (self->application), "show-course",
                                  g_variant_new_string (identifier));
  sig_search_provider2_complete_activate_result (skeleton, invocation);
  return TRUE;
}

static gboolean
on_launch_search (SigSearchProvider2    *skeleton,
                  GDBusMethodInvocation *invocation,
                  const char * const    *terms,
                  guint                  timestamp,
                  SigSearchProvider     *self)
{
  g_application_activate (self->application);
  sig_search_provider2_complete_launch_search (skeleton, invocation);
  return TRUE;
}

/* ---- Object -------------------------------------------------------------- */

gboolean
sig_search_provider_export (SigSearchProvider *self,
                            GDBusConnection   *connection,
                            const char        *object_path,
                            GError           **error)
{
  g_return_val_if_fail (SIG_IS_SEARCH_PROVIDER (self), FALSE);

  return g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (self->skeleton),
                                           connection, object_path, error);
}

void
sig_search_provider_unexport (SigSearchProvider *self)
{
  g_return_if_fail (SIG_IS_SEARCH_PROVIDER (self));

  if (g_dbus_interface_skeleton_get_connection (G_DBUS_INTERFACE_SKELETON (self->skeleton)) != NULL)
    g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self->skeleton));
}

void
sig_search_provider_set_library (SigSearchProvider *self,
                                 SigStore          *store,
                                 const char        *language)
{
  g_return_if_fail (SIG_IS_SEARCH_PROVIDER (self));

  g_set_object (&self->store, store);
  g_free (self->language);
  self->language = g_strdup (language);
}

static void
sig_search_provider_dispose (GObject *object)
{
  SigSearchProvider *self = SIG_SEARCH_PROVIDER (object);

  if (self->skeleton != NULL)
    sig_search_provider_unexport (self);
  g_clear_object (&self->skeleton);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (sig_search_provider_parent_class)->dispose (object);
}

static void
sig_search_provider_finalize (GObject *object)
{
  SigSearchProvider *self = SIG_SEARCH_PROVIDER (object);

  g_free (self->language);
  G_OBJECT_CLASS (sig_search_provider_parent_class)->finalize (object);
}

static void
sig_search_provider_class_init (SigSearchProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sig_search_provider_dispose;
  object_class->finalize = sig_search_provider_finalize;
}

static void
sig_search_provider_init (SigSearchProvider *self)
{
  self->skeleton = sig_search_provider2_skeleton_new ();
  g_signal_connect (self->skeleton, "handle-get-initial-result-set", G_CALLBACK (on_get_initial_result_set), self);
  g_signal_connect (self->skeleton, "handle-get-subsearch-result-set", G_CALLBACK (on_get_subsearch_result_set), self);
  g_signal_connect (self->skeleton, "handle-get-result-metas", G_CALLBACK (on_get_result_metas), self);
  g_signal_connect (self->skeleton, "handle-activate-result", G_CALLBACK (on_activate_result), self);
  g_signal_connect (self->skeleton, "handle-launch-search", G_CALLBACK (on_launch_search), self);
}

SigSearchProvider *
sig_search_provider_new (GApplication *application)
{
  SigSearchProvider *self = g_object_new (SIG_TYPE_SEARCH_PROVIDER, NULL);

  self->application = application;
  return self;
}
