/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sig-accessible.h"
#include "sig-course-detail.h"
#include "sig-labels.h"
#include "sig-library-view.h"
#include "sig-types.h"

struct _SigLibraryView
{
  GtkBox parent_instance;

  SigStore *store;
  SigProfile *profile;
  char *language;

  GPtrArray *themes;          /* theme ids offered in the filter */
  GHashTable *progress;       /* course id -> SigCourseProgress* in progress_items */
  GPtrArray *progress_items;
  GPtrArray *pending;         /* SigLibraryCourse* still to be shown */
  guint pending_index;
  char *pending_selection;
  guint fill_id;

  GtkWidget *leaflet;
  GtkWidget *sidebar;
  GtkWidget *search_entry;
  GtkWidget *sector_filter;
  GtkWidget *theme_filter;
  GtkWidget *list_stack;
  GtkWidget *list;
  GtkWidget *detail_box;
  GtkWidget *back_button;
  GtkWidget *detail;
};

G_DEFINE_FINAL_TYPE (SigLibraryView, sig_library_view, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PROFILE,
  PROP_LANGUAGE,
  N_PROPS
};

enum {
  SIGNAL_PLAY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
strv_has (const char * const *strv,
          const char         *value)
{
  return strv != NULL && value != NULL && g_strv_contains (strv, value);
}

static gboolean
in_my_sector (SigLibraryView   *self,
              SigLibraryCourse *course)
{
  const char *sector = self->profile != NULL ? sig_profile_get_sector (self->profile) : NULL;

  return strv_has (sig_library_course_get_sectors (course), sector);
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  SigLibraryView *self = user_data;
  SigLibraryCourse *course = g_object_get_data (G_OBJECT (row), "course");
  guint sector = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->sector_filter));
  guint theme = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->theme_filter));
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (sector != GTK_INVALID_LIST_POSITION && sector > 0 &&
      !strv_has (sig_library_course_get_sectors (course), sig_sector_ids ()[sector - 1]))
    return FALSE;
  if (theme != GTK_INVALID_LIST_POSITION && theme > 0 && theme - 1 < self->themes->len &&
      !strv_has (sig_library_course_get_themes (course), self->themes->pdata[theme - 1]))
    return FALSE;
  if (search != NULL && search[0] != '\0')
    {
      g_autofree char *needle = g_utf8_casefold (search, -1);
      g_autofree char *haystack = NULL;
      const char *summary = sig_library_course_get_summary (course, self->language);

      haystack = g_utf8_casefold (g_strconcat (sig_library_course_get_title (course, self->language), " ",
                                               summary != NULL ? summary : "", NULL), -1);
      if (strstr (haystack, needle) == NULL)
        return FALSE;
    }
  return TRUE;
}

static int
sort_rows (GtkListBoxRow *a,
           GtkListBoxRow *b,
           gpointer       user_data)
{
  SigLibraryView *self = user_data;
  SigLibraryCourse *ca = g_object_get_data (G_OBJECT (a), "course");
  SigLibraryCourse *cb = g_object_get_data (G_OBJECT (b), "course");
  gboolean ma = in_my_sector (self, ca);
  gboolean mb = in_my_sector (self, cb);

  if (ma != mb)
    return ma ? -1 : 1;
  return g_utf8_collate (sig_library_course_get_title (ca, self->language),
                         sig_library_course_get_title (cb, self->language));
}

static void
update_empty (SigLibraryView *self)
{
  gboolean any = FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (self->list);
       child != NULL && !any;
       child = gtk_widget_get_next_sibling (child))
    any = GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_child_visible (child) &&
          filter_row (GTK_LIST_BOX_ROW (child), self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->list_stack), any ? "list" : "empty");
}

static void
on_filter_changed (SigLibraryView *self)
{
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->list));
  update_empty (self);
}

static void
on_row_activated (SigLibraryView *self,
                  GtkListBoxRow  *row)
{
  SigLibraryCourse *course = g_object_get_data (G_OBJECT (row), "course");

  if (course != sig_course_detail_get_course (SIG_COURSE_DETAIL (self->detail)))
    sig_course_detail_set_course (SIG_COURSE_DETAIL (self->detail), course);
  adw_leaflet_set_visible_child (ADW_LEAFLET (self->leaflet), self->detail_box);
}

/* Selecting a row (with the arrow keys, or through assistive technologies)
 * shows the course beside the list; activating it also goes there when folded. */
static void
on_row_selected (GtkListBox     *list,
                 GtkListBoxRow  *row,
                 SigLibraryView *self)
{
  SigLibraryCourse *course = row != NULL ? g_object_get_data (G_OBJECT (row), "course") : NULL;

  if (course != NULL && course != sig_course_detail_get_course (SIG_COURSE_DETAIL (self->detail)))
    sig_course_detail_set_course (SIG_COURSE_DETAIL (self->detail), course);
}

/* Folded, the leaflet shows the list or the course page; the other one is
 * hidden from assistive technologies too (GTK 4.8 would still offer it). */
static void
update_folded_pages (SigLibraryView *self)
{
  gboolean folded = adw_leaflet_get_folded (ADW_LEAFLET (self->leaflet));
  GtkWidget *visible = adw_leaflet_get_visible_child (ADW_LEAFLET (self->leaflet));

  gtk_accessible_update_state (GTK_ACCESSIBLE (self->sidebar), GTK_ACCESSIBLE_STATE_HIDDEN,
                               folded && visible != self->sidebar, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->detail_box), GTK_ACCESSIBLE_STATE_HIDDEN,
                               folded && visible != self->detail_box, -1);
}

static void
on_back_clicked (SigLibraryView *self)
{
  adw_leaflet_set_visible_child (ADW_LEAFLET (self->leaflet), self->sidebar);
}

static void
on_play (SigCourseDetail *detail,
         SigCourse       *course,
         int              module_index,
         SigLibraryView  *self)
{
  g_signal_emit (self, signals[SIGNAL_PLAY], 0, course, module_index);
}

static GtkWidget *
course_row (SigLibraryView   *self,
            SigLibraryCourse *course)
{
  GtkWidget *row = adw_action_row_new ();
  const SigCourseProgress *progress = g_hash_table_lookup (self->progress, sig_library_course_get_id (course));
  g_autofree char *title = g_markup_escape_text (sig_library_course_get_title (course, self->language), -1);
  g_autofree char *minutes = sig_minutes_label (sig_library_course_get_minutes (course));
  g_autofree char *status = sig_progress_label (progress);
  g_autofree char *certificate = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr(SigStoreCertificate) latest = NULL;
  g_autoptr(GError) error = NULL;
  SigStoreCertificateState state = SIG_STORE_CERTIFICATE_NONE;
  gboolean refresher = FALSE;

  /* The store's state: it knows refresher renewals. */
  if (self->profile != NULL &&
      !sig_store_get_certificate_state (self->store, sig_profile_get_id (self->profile),
                                        sig_library_course_get_id (course), NULL,
                                        &state, &latest, &refresher, &error))
    g_warning ("The certificate state cannot be read: %s", error->message);
  certificate = sig_certificate_state_label (state, latest, refresher);
  if (state == SIG_STORE_CERTIFICATE_NONE)
    subtitle = g_strdup_printf ("%s · %s", minutes, status);
  else
    subtitle = g_strdup_printf ("%s · %s\n%s", minutes, status, certificate);
  escaped = g_markup_escape_text (subtitle, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  if (state == SIG_STORE_CERTIFICATE_EXPIRED || state == SIG_STORE_CERTIFICATE_EXPIRING)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, certificate, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
    }
  else if (state == SIG_STORE_CERTIFICATE_VALID)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, certificate, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "course", g_object_ref (course), g_object_unref);
  return row;
}

static void
update_theme_filter (SigLibraryView *self,
                     GPtrArray      *courses)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  g_autofree char *selected = NULL;
  guint position = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->theme_filter));
  guint new_position = 0;

  if (position != GTK_INVALID_LIST_POSITION && position > 0 && position - 1 < self->themes->len)
    selected = g_strdup (self->themes->pdata[position - 1]);
  g_ptr_array_set_size (self->themes, 0);
  for (guint i = 0; i < courses->len; i++)
    {
      const char * const *themes = sig_library_course_get_themes (courses->pdata[i]);

      for (guint j = 0; themes != NULL && themes[j] != NULL; j++)
        if (!g_ptr_array_find_with_equal_func (self->themes, themes[j], g_str_equal, NULL))
          g_ptr_array_add (self->themes, g_strdup (themes[j]));
    }
  g_ptr_array_sort (self->themes, (GCompareFunc) g_strcmp0);
  gtk_string_list_append (strings, _("All themes"));
  for (guint i = 0; i < self->themes->len; i++)
    {
      g_autofree char *label = sig_theme_label (self->themes->pdata[i]);

      gtk_string_list_append (strings, label);
      if (g_strcmp0 (selected, self->themes->pdata[i]) == 0)
        new_position = i + 1;
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->theme_filter), G_LIST_MODEL (strings));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->theme_filter), new_position);
}

/* Rows are made a batch at a time: the first batch before the window shows,
 * the rest while it is already on screen. */
#define ROWS_PER_BATCH 40

static gboolean
fill_rows (gpointer user_data)
{
  SigLibraryView *self = user_data;
  guint end = MIN (self->pending_index + ROWS_PER_BATCH, self->pending->len);

  for (; self->pending_index < end; self->pending_index++)
    {
      SigLibraryCourse *course = self->pending->pdata[self->pending_index];
      GtkWidget *row = course_row (self, course);

      gtk_list_box_append (GTK_LIST_BOX (self->list), row);
      if (g_strcmp0 (self->pending_selection, sig_library_course_get_id (course)) == 0)
        gtk_list_box_select_row (GTK_LIST_BOX (self->list), GTK_LIST_BOX_ROW (row));
    }
  update_empty (self);
  if (self->pending_index < self->pending->len)
    return G_SOURCE_CONTINUE;
  self->fill_id = 0;
  return G_SOURCE_REMOVE;
}

void
sig_library_view_reload (SigLibraryView *self)
{
  g_autoptr(GPtrArray) courses = NULL;
  g_autoptr(GPtrArray) progress = NULL;
  g_autoptr(GError) error = NULL;
  SigLibraryCourse *selected = sig_course_detail_get_course (SIG_COURSE_DETAIL (self->detail));
  g_autofree char *selected_id = selected != NULL ? g_strdup (sig_library_course_get_id (selected)) : NULL;
  GtkWidget *child;

  g_return_if_fail (SIG_IS_LIBRARY_VIEW (self));

  g_hash_table_remove_all (self->progress);
  g_clear_pointer (&self->progress_items, g_ptr_array_unref);
  if (self->profile != NULL &&
      (progress = sig_store_list_progress (self->store, sig_profile_get_id (self->profile), &error)) != NULL)
    {
      for (guint i = 0; i < progress->len; i++)
        {
          SigCourseProgress *item = progress->pdata[i];

          g_hash_table_replace (self->progress, item->course_id, item);
        }
      self->progress_items = g_steal_pointer (&progress);
    }
  else if (error != NULL)
    g_warning ("Progress cannot be read: %s", error->message);
  g_clear_error (&error);

  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  courses = sig_store_list_library (self->store, &error);
  if (courses == NULL)
    {
      g_warning ("The library cannot be read: %s", error->message);
      courses = g_ptr_array_new ();
    }
  update_theme_filter (self, courses);
  g_clear_handle_id (&self->fill_id, g_source_remove);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_free (self->pending_selection);
  self->pending_selection = g_steal_pointer (&selected_id);
  self->pending = g_steal_pointer (&courses);
  self->pending_index = 0;
  if (fill_rows (self))
    self->fill_id = g_idle_add (fill_rows, self);
  sig_course_detail_refresh (SIG_COURSE_DETAIL (self->detail));
}

static void
fill_all_rows (SigLibraryView *self)
{
  if (self->fill_id == 0)
    return;
  while (fill_rows (self))
    ;
  g_clear_handle_id (&self->fill_id, g_source_remove);
}

gboolean
sig_library_view_select (SigLibraryView *self,
                         const char     *course_id)
{
  fill_all_rows (self);
  for (GtkWidget *child = gtk_widget_get_first_child (self->list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      SigLibraryCourse *course = g_object_get_data (G_OBJECT (child), "course");

      if (course != NULL && g_strcmp0 (sig_library_course_get_id (course), course_id) == 0)
        {
          gtk_list_box_select_row (GTK_LIST_BOX (self->list), GTK_LIST_BOX_ROW (child));
          on_row_activated (self, GTK_LIST_BOX_ROW (child));
          return TRUE;
        }
    }
  return FALSE;
}

guint
sig_library_view_get_n_shown (SigLibraryView *self)
{
  guint n = 0;

  fill_all_rows (self);
  for (GtkWidget *child = gtk_widget_get_first_child (self->list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && filter_row (GTK_LIST_BOX_ROW (child), self))
      n++;
  return n;
}

AdwLeaflet *
sig_library_view_get_leaflet (SigLibraryView *self)
{
  return ADW_LEAFLET (self->leaflet);
}

static void
sig_library_view_constructed (GObject *object)
{
  SigLibraryView *self = SIG_LIBRARY_VIEW (object);
  g_autoptr(GtkStringList) sectors = gtk_string_list_new (NULL);

  G_OBJECT_CLASS (sig_library_view_parent_class)->constructed (object);

  gtk_string_list_append (sectors, _("All sectors"));
  for (guint i = 0; sig_sector_ids ()[i] != NULL; i++)
    gtk_string_list_append (sectors, sig_sector_label (sig_sector_ids ()[i]));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->sector_filter), G_LIST_MODEL (sectors));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->sector_filter), 0);
  g_signal_connect_swapped (self->sector_filter, "notify::selected", G_CALLBACK (on_filter_changed), self);
  sig_accessible_name_dropdown (self->sector_filter, _("Filter by sector"));
  sig_accessible_name_dropdown (self->theme_filter, _("Filter by theme"));
  g_signal_connect_swapped (self->theme_filter, "notify::selected", G_CALLBACK (on_filter_changed), self);

  self->detail = sig_course_detail_new (self->store,
                                        self->profile != NULL ? sig_profile_get_id (self->profile) : NULL,
                                        self->language);
  gtk_widget_set_vexpand (self->detail, TRUE);
  g_signal_connect (self->detail, "play", G_CALLBACK (on_play), self);
  gtk_box_append (GTK_BOX (self->detail_box), self->detail);
  g_object_bind_property (self->leaflet, "folded", self->back_button, "visible", G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (update_folded_pages), self);
  g_signal_connect_swapped (self->leaflet, "notify::visible-child", G_CALLBACK (update_folded_pages), self);
  update_folded_pages (self);

  g_signal_connect (self->list, "row-selected", G_CALLBACK (on_row_selected), self);
  gtk_list_box_set_filter_func (GTK_LIST_BOX (self->list), filter_row, self, NULL);
  gtk_list_box_set_sort_func (GTK_LIST_BOX (self->list), sort_rows, self, NULL);
  sig_library_view_reload (self);
}

static void
sig_library_view_dispose (GObject *object)
{
  SigLibraryView *self = SIG_LIBRARY_VIEW (object);

  g_clear_handle_id (&self->fill_id, g_source_remove);
  g_clear_object (&self->store);
  g_clear_object (&self->profile);
  G_OBJECT_CLASS (sig_library_view_parent_class)->dispose (object);
}

static void
sig_library_view_finalize (GObject *object)
{
  SigLibraryView *self = SIG_LIBRARY_VIEW (object);

  g_clear_pointer (&self->themes, g_ptr_array_unref);
  g_clear_pointer (&self->progress, g_hash_table_unref);
  g_clear_pointer (&self->progress_items, g_ptr_array_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_free (self->pending_selection);
  g_free (self->language);
  G_OBJECT_CLASS (sig_library_view_parent_class)->finalize (object);
}

static void
sig_library_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SigLibraryView *self = SIG_LIBRARY_VIEW (object);

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
sig_library_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SigLibraryView *self = SIG_LIBRARY_VIEW (object);

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
sig_library_view_class_init (SigLibraryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sig_library_view_constructed;
  object_class->dispose = sig_library_view_dispose;
  object_class->finalize = sig_library_view_finalize;
  object_class->get_property = sig_library_view_get_property;
  object_class->set_property = sig_library_view_set_property;

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

  signals[SIGNAL_PLAY] =
    g_signal_new ("play", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, SIG_TYPE_COURSE, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, "/nl/signaal/Signaal/sig-library-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SigLibraryView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SigLibraryView, sidebar);
  gtk_widget_class_bind_template_child (widget_class, SigLibraryView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SigLibraryView, sector_filter);
  gtk_widget_class_bind_template_child (widget_class, SigLibraryView, theme_filter);
  gtk_widget_class_bind_template_child (widget_class, SigLibraryView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, SigLibraryView, list);
  gtk_widget_class_bind_template_child (widget_class, SigLibraryView, detail_box);
  gtk_widget_class_bind_template_child (widget_class, SigLibraryView, back_button);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
}

static void
sig_library_view_init (SigLibraryView *self)
{
  self->themes = g_ptr_array_new_with_free_func (g_free);
  self->progress = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_widget_init_template (GTK_WIDGET (self));
  sig_accessible_fix_button_names (GTK_WIDGET (self));
  sig_accessible_hide_inactive_pages (self->list_stack);
}

GtkWidget *
sig_library_view_new (SigStore   *store,
                      SigProfile *profile,
                      const char *language)
{
  return g_object_new (SIG_TYPE_LIBRARY_VIEW,
                       "store", store,
                       "profile", profile,
                       "language", language,
                       NULL);
}
