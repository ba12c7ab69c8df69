/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "sig-accessible.h"
#include "sig-certificate-labels.h"
#include "sig-labels.h"
#include "sig-loader.h"
#include "sig-progress-view.h"

struct _SigProgressView
{
  GtkBox parent_instance;

  SigStore *store;
  SigProfile *profile;
  char *language;
  GCancellable *cancellable;

  GtkWidget *stack;
  GtkWidget *page;
  GPtrArray *groups;
};

G_DEFINE_FINAL_TYPE (SigProgressView, sig_progress_view, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PROFILE,
  PROP_LANGUAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
text_of (SigProgressView *self,
         const SigText   *text)
{
  const char *value = text != NULL ? sig_text_get (text, self->language) : NULL;

  return value != NULL ? value : "";
}

static GtkWidget *
info_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped = subtitle != NULL ? g_markup_escape_text (subtitle, -1) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (escaped != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  /* Read, not a Tab stop: the row does nothing. */
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static char *
percent (double points,
         double max)
{
  g_autofree char *label = NULL;

  if (max <= 0)
    return g_strdup (_("no questions"));
  label = sig_points_label (points, max);
  /* Translators: points and their percentage, as in "0.7 of 2 points (35%)". */
  return g_strdup_printf (_("%s (%.0f%%)"), label, (double) sig_certificate_round_percent (100.0 * points / max));
}

static GtkWidget *
course_group (SigProgressView   *self,
              SigLibraryCourse  *entry,
              SigCourse         *course)
{
  g_autoptr(SigCourseProgress) progress = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  g_autofree char *certificate = NULL;
  g_autofree char *description = NULL;
  GtkWidget *group = adw_preferences_group_new ();
  const char *course_id = sig_library_course_get_id (entry);

  progress = sig_store_get_progress (self->store, sig_profile_get_id (self->profile), course_id, course, &error);
  if (progress == NULL || progress->status == SIG_PROGRESS_NOT_STARTED)
    {
      g_object_ref_sink (group);
      g_object_unref (group);
      return NULL;
    }
  status = sig_progress_label (progress);
  {
    g_autoptr(SigStoreCertificate) latest = NULL;
    SigStoreCertificateState state = SIG_STORE_CERTIFICATE_NONE;
    gboolean refresher = FALSE;

    if (!sig_store_get_certificate_state (self->store, sig_profile_get_id (self->profile), course_id, NULL,
                                          &state, &latest, &refresher, NULL))
      state = SIG_STORE_CERTIFICATE_NONE;
    certificate = sig_certificate_state_label (state, latest, refresher);
  }
  description = g_strdup_printf ("%s · %s", status, certificate);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), sig_library_course_get_title (entry, self->language));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

  if (progress->has_knowledge_check)
    {
      g_autofree char *pre = progress->pre_score >= 0 ? sig_certificate_format_percent (progress->pre_score, NULL) : g_strdup (_("not done"));
      g_autofree char *post = progress->post_score >= 0 ? sig_certificate_format_percent (progress->post_score, NULL) : g_strdup (_("not done"));
      g_autofree char *text = NULL;

      if (progress->pre_score >= 0 && progress->post_score >= 0)
        text = g_strdup_printf (_("Before: %s · After: %s · Gain: %+.0f points"), pre, post, progress->gain);
      else
        text = g_strdup_printf (_("Before: %s · After: %s"), pre, post);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), info_row (_("Knowledge check"), text));
    }

  if (course != NULL)
    {
      GtkWidget *modules = adw_expander_row_new ();
      GtkWidget *objectives = adw_expander_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (modules), _("Modules"));
      for (guint i = 0; i < progress->modules->len; i++)
        {
          const SigModuleProgress *module_progress = progress->modules->pdata[i];
          SigModule *module = sig_course_find_module (course, module_progress->module_id);
          g_autofree char *points = percent (module_progress->points, module_progress->max_points);
          g_autofree char *subtitle = g_strdup_printf ("%s · %u/%u %s · %s",
                                                       module_progress->completed ? _("done") : _("open"),
                                                       module_progress->answered, module_progress->n_questions,
                                                       _("questions answered"), points);

          adw_expander_row_add_row (ADW_EXPANDER_ROW (modules),
                                    info_row (module != NULL ? text_of (self, module->title) : module_progress->module_id, subtitle));
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), modules);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (objectives), _("Learning objectives"));
      for (guint i = 0; i < progress->objectives->len; i++)
        {
          const SigObjectiveProgress *objective_progress = progress->objectives->pdata[i];
          const SigObjective *objective = NULL;
          g_autofree char *points = percent (objective_progress->points, objective_progress->max_points);
          g_autofree char *subtitle = g_strdup_printf ("%u/%u %s · %s", objective_progress->answered,
                                                       objective_progress->n_questions, _("questions answered"), points);

          for (guint j = 0; j < course->objectives->len; j++)
            if (g_strcmp0 (((SigObjective *) course->objectives->pdata[j])->id, objective_progress->objective_id) == 0)
              objective = course->objectives->pdata[j];
          adw_expander_row_add_row (ADW_EXPANDER_ROW (objectives),
                                    info_row (objective != NULL ? text_of (self, objective->text) : objective_progress->objective_id,
                                              subtitle));
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), objectives);
    }
  return group;
}

typedef struct {
  GPtrArray *entries;   /* SigLibraryCourse* */
  GPtrArray *courses;   /* SigCourse* or NULL, same order */
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_ptr_array_unref (data->entries);
  g_ptr_array_unref (data->courses);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;

  for (guint i = 0; i < data->entries->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      const char *path = sig_library_course_get_path (data->entries->pdata[i]);

      g_ptr_array_add (data->courses, sig_loader_load_course (path, NULL));
    }
  g_task_return_boolean (task, TRUE);
}

static void
clear_groups (SigProgressView *self)
{
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self->page), self->groups->pdata[i]);
  g_ptr_array_set_size (self->groups, 0);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SigProgressView *self = SIG_PROGRESS_VIEW (source);
  LoadData *data = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return;
  clear_groups (self);
  for (guint i = 0; i < data->entries->len; i++)
    {
      GtkWidget *group = course_group (self, data->entries->pdata[i],
                                       i < data->courses->len ? data->courses->pdata[i] : NULL);

      if (group == NULL)
        continue;
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (group));
      g_ptr_array_add (self->groups, group);
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), self->groups->len > 0 ? "progress" : "empty");
}

void
sig_progress_view_reload (SigProgressView *self)
{
  g_autoptr(GPtrArray) progress = NULL;
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (SIG_IS_PROGRESS_VIEW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->profile == NULL)
    return;
  data = g_new0 (LoadData, 1);
  data->entries = g_ptr_array_new_with_free_func (g_object_unref);
  data->courses = g_ptr_array_new_with_free_func ((GDestroyNotify) sig_course_unref);
  /* Only the courses the learner started are loaded. */
  progress = sig_store_list_progress (self->store, sig_profile_get_id (self->profile), NULL);
  for (guint i = 0; progress != NULL && i < progress->len; i++)
    {
      const SigCourseProgress *item = progress->pdata[i];
      SigLibraryCourse *entry;

      if (item->status == SIG_PROGRESS_NOT_STARTED)
        continue;
      entry = sig_store_get_library_course (self->store, item->course_id, NULL);
      if (entry != NULL)
        g_ptr_array_add (data->entries, entry);
    }
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_loaded, NULL);
  g_task_set_source_tag (task, sig_progress_view_reload);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

static void
sig_progress_view_constructed (GObject *object)
{
  SigProgressView *self = SIG_PROGRESS_VIEW (object);
  GtkWidget *empty = adw_status_page_new ();

  G_OBJECT_CLASS (sig_progress_view_parent_class)->constructed (object);

  self->stack = gtk_stack_new ();
  gtk_widget_set_hexpand (self->stack, TRUE);
  gtk_widget_set_vexpand (self->stack, TRUE);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "emblem-documents-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Progress Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty), _("Start a course in the library; your progress shows here."));
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");
  self->page = adw_preferences_page_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), self->page, "progress");
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
  sig_accessible_hide_inactive_pages (self->stack);
  gtk_box_append (GTK_BOX (self), self->stack);
}

static void
sig_progress_view_dispose (GObject *object)
{
  SigProgressView *self = SIG_PROGRESS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->profile);
  G_OBJECT_CLASS (sig_progress_view_parent_class)->dispose (object);
}

static void
sig_progress_view_finalize (GObject *object)
{
  SigProgressView *self = SIG_PROGRESS_VIEW (object);

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_free (self->language);
  G_OBJECT_CLASS (sig_progress_view_parent_class)->finalize (object);
}

static void
sig_progress_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SigProgressView *self = SIG_PROGRESS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sig_progress_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SigProgressView *self = SIG_PROGRESS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PROFILE:
      self->profile = g_value_dup_object (value);
      break;
    case PROP_LANGUAGE:
      self->language = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sig_progress_view_class_init (SigProgressViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sig_progress_view_constructed;
  object_class->dispose = sig_progress_view_dispose;
  object_class->finalize = sig_progress_view_finalize;
  object_class->get_property = sig_progress_view_get_property;
  object_class->set_property = sig_progress_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SIG_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, SIG_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, "en",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sig_progress_view_init (SigProgressView *self)
{
  self->groups = g_ptr_array_new ();
}

GtkWidget *
sig_progress_view_new (SigStore   *store,
                       SigProfile *profile,
                       const char *language)
{
  return g_object_new (SIG_TYPE_PROGRESS_VIEW,
                       "store", store,
                       "profile", profile,
                       "language", language,
                       NULL);
}
