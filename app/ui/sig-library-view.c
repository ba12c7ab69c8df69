/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>

#include "sig-accessible.h"
#include "sig-course-detail.h"
#include "sig-labels.h"
#include "sig-library-view.h"
#include "sig-loader.h"
#include "sig-store-review.h"
#include "sig-types.h"

struct _SigLibraryView
{
  GtkBox parent_instance;

  SigStore *store;
  SigProfile *profile;
  char *language;

  GPtrArray *themes;          /* theme ids offered in the filter */
  GHashTable *row_info;       /* course id -> RowInfo*: what a bound row shows */
  GHashTable *unfilled;       /* GtkListItem* bound before its RowInfo was read */
  guint fill_id;
  GListStore *courses;        /* SigLibraryCourse*, from the library index */
  GtkFilter *filter;
  GtkSorter *sorter;
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;
  GtkSingleSelection *selection;

  /* The index is read in a worker; a selection asked for meanwhile waits. */
  GCancellable *load_cancellable;
  gboolean drawn;             /* the list has had its first frame */
  gboolean read_wanted;       /* a reload waits for that frame */
  gboolean loaded;
  char *pending_selection;
  gboolean pending_go;
  guint focus_id;

  /* The "Continue" entry: found after the window is up. */
  GCancellable *continue_cancellable;
  guint continue_id;
  SigCourse *continue_course;

  GtkWidget *leaflet;
  GtkWidget *sidebar;
  GtkWidget *search_entry;
  GtkWidget *sector_filter;
  GtkWidget *theme_filter;
  GtkWidget *continue_button;
  GtkWidget *continue_label;
  GtkWidget *reviews_button;
  GtkWidget *reviews_label;
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
  SIGNAL_REVIEW,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What a row shows besides the index: read from the store when the row is
 * first bound (only rows on screen are), kept until the next reload. */
typedef struct {
  char *status;                     /* "In progress, …" */
  char *certificate;                /* NULL without a certificate */
  SigStoreCertificateState state;
} RowInfo;

static void
row_info_free (RowInfo *info)
{
  g_free (info->status);
  g_free (info->certificate);
  g_free (info);
}

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
filter_course (gpointer item,
               gpointer user_data)
{
  SigLibraryView *self = user_data;
  SigLibraryCourse *course = item;
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
      g_autofree char *text = NULL;
      g_autofree char *haystack = NULL;
      const char *summary = sig_library_course_get_summary (course, self->language);

      text = g_strconcat (sig_library_course_get_title (course, self->language), " ",
                          summary != NULL ? summary : "", NULL);
      haystack = g_utf8_casefold (text, -1);
      if (strstr (haystack, needle) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* The learner's sector first, then by title. */
static int
sort_courses (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  SigLibraryView *self = user_data;
  SigLibraryCourse *ca = (SigLibraryCourse *) a;
  SigLibraryCourse *cb = (SigLibraryCourse *) b;
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
  /* While the index is read the list stays (empty), not "No Courses Found". */
  gboolean any = !self->loaded || g_list_model_get_n_items (G_LIST_MODEL (self->sorted)) > 0;

  gtk_stack_set_visible_child_name (GTK_STACK (self->list_stack), any ? "list" : "empty");
}

static void
on_filter_changed (SigLibraryView *self)
{
  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
}

static SigLibraryCourse *
selected_course (SigLibraryView *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
show_course (SigLibraryView   *self,
             SigLibraryCourse *course,
             gboolean          go_there)
{
  if (course == NULL)
    return;
  if (course != sig_course_detail_get_course (SIG_COURSE_DETAIL (self->detail)))
    sig_course_detail_set_course (SIG_COURSE_DETAIL (self->detail), course);
  if (go_there)
    adw_leaflet_set_visible_child (ADW_LEAFLET (self->leaflet), self->detail_box);
}

/* Enter on a row, or a double click. */
static void
on_list_activate (SigLibraryView *self,
                  guint           position)
{
  g_autoptr(SigLibraryCourse) course = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  gtk_single_selection_set_selected (self->selection, position);
  show_course (self, course, TRUE);
}

/* Selecting a row (with the arrow keys, or through assistive technologies)
 * shows the course beside the list. */
static void
on_selection_changed (SigLibraryView *self)
{
  show_course (self, selected_course (self), FALSE);
}

/* A click on a row (the list view selects it on the press) also goes to
 * the course page when the leaflet is folded: the release is looked at
 * before the row's own gesture takes it. */
static gboolean
on_list_event (GtkEventControllerLegacy *controller,
               GdkEvent                 *event,
               SigLibraryView           *self)
{
  GdkEventType type = gdk_event_get_event_type (event);
  GtkWidget *picked;
  double x, y;

  if (!(type == GDK_BUTTON_RELEASE && gdk_button_event_get_button (event) == GDK_BUTTON_PRIMARY) &&
      type != GDK_TOUCH_END)
    return GDK_EVENT_PROPAGATE;
  if (!gdk_event_get_position (event, &x, &y))
    return GDK_EVENT_PROPAGATE;
  {
    GtkNative *native = gtk_widget_get_native (self->list);
    double nx, ny;

    gtk_native_get_surface_transform (native, &nx, &ny);
    if (!gtk_widget_translate_coordinates (GTK_WIDGET (native), self->list, x - nx, y - ny, &x, &y))
      return GDK_EVENT_PROPAGATE;
  }
  for (picked = gtk_widget_pick (self->list, x, y, GTK_PICK_DEFAULT);
       picked != NULL && picked != self->list;
       picked = gtk_widget_get_parent (picked))
    {
      GtkListItem *item = g_object_get_data (G_OBJECT (picked), "list-item");

      if (item != NULL && gtk_list_item_get_item (item) != NULL)
        {
          show_course (self, gtk_list_item_get_item (item), TRUE);
          break;
        }
    }
  return GDK_EVENT_PROPAGATE;
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

/* ---- Rows ------------------------------------------------------------------ */

static const RowInfo *
row_info (SigLibraryView   *self,
          SigLibraryCourse *course)
{
  const char *id = sig_library_course_get_id (course);
  RowInfo *info = g_hash_table_lookup (self->row_info, id);
  g_autoptr(SigCourseProgress) progress = NULL;
  g_autoptr(SigStoreCertificate) latest = NULL;
  g_autoptr(GError) error = NULL;
  gboolean refresher = FALSE;

  if (info != NULL)
    return info;
  info = g_new0 (RowInfo, 1);
  info->state = SIG_STORE_CERTIFICATE_NONE;
  if (self->profile != NULL)
    {
      progress = sig_store_get_progress (self->store, sig_profile_get_id (self->profile), id, NULL, &error);
      if (progress == NULL)
        g_warning ("Progress cannot be read: %s", error->message);
      g_clear_error (&error);
      /* The store's state: it knows refresher renewals. */
      if (!sig_store_get_certificate_state (self->store, sig_profile_get_id (self->profile), id, NULL,
                                            &info->state, &latest, &refresher, &error))
        g_warning ("The certificate state cannot be read: %s", error->message);
    }
  info->status = sig_progress_label (progress);
  if (info->state != SIG_STORE_CERTIFICATE_NONE)
    info->certificate = sig_certificate_state_label (info->state, latest, refresher);
  g_hash_table_insert (self->row_info, g_strdup (id), info);
  return info;
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           SigLibraryView           *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "library-row");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_widget_add_css_class (title, "library-row-title");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (subtitle), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), subtitle);
  gtk_box_append (GTK_BOX (box), text);
  g_object_set_data (G_OBJECT (box), "title", title);
  g_object_set_data (G_OBJECT (box), "subtitle", subtitle);
  g_object_set_data (G_OBJECT (box), "list-item", item);
  gtk_list_item_set_child (item, box);
}

/* The list keeps up to 200 rows' widgets whatever the library's size: the
 * parts most rows do without (the sector tag, the certificate icon) are
 * made when a row first needs them, and hidden when it no longer does. */
static void
show_sector_tag (GtkWidget *box,
                 gboolean   show)
{
  GtkWidget *sector = g_object_get_data (G_OBJECT (box), "sector");

  if (sector == NULL && show)
    {
      GtkWidget *title = g_object_get_data (G_OBJECT (box), "title");

      sector = gtk_label_new (_("For your sector"));
      gtk_label_set_xalign (GTK_LABEL (sector), 0);
      gtk_widget_set_halign (sector, GTK_ALIGN_START);
      gtk_widget_add_css_class (sector, "sector-tag");
      gtk_widget_add_css_class (sector, "caption");
      gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (title)), sector, title);
      g_object_set_data (G_OBJECT (box), "sector", sector);
    }
  if (sector != NULL)
    gtk_widget_set_visible (sector, show);
}

static void
show_certificate_icon (GtkWidget  *box,
                       const char *icon_name)
{
  GtkWidget *icon = g_object_get_data (G_OBJECT (box), "icon");

  if (icon == NULL && icon_name != NULL)
    {
      icon = gtk_image_new ();
      gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
      /* The row's name says it all (see show_row_info); the icon is not read twice. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
      gtk_box_append (GTK_BOX (box), icon);
      g_object_set_data (G_OBJECT (box), "icon", icon);
    }
  if (icon_name != NULL)
    gtk_image_set_from_icon_name (GTK_IMAGE (icon), icon_name);
  if (icon != NULL)
    gtk_widget_set_visible (icon, icon_name != NULL);
}

/* The row's progress, certificate and accessible name. */
static void
show_row_info (SigLibraryView *self,
               GtkListItem    *item,
               const RowInfo  *info)
{
  SigLibraryCourse *course = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *row = gtk_widget_get_parent (box);
  g_autofree char *minutes = sig_minutes_label (sig_library_course_get_minutes (course));
  g_autofree char *publisher = sig_library_course_dup_publisher_line (course, self->language);
  g_autofree char *subtitle = NULL;
  g_autoptr(GStrvBuilder) parts = g_strv_builder_new ();
  g_auto(GStrv) name_parts = NULL;
  g_autofree char *name = NULL;

  /* Duration and progress; who published the course and whether that is
   * proven; the certificate. */
  if (info == NULL)
    subtitle = g_strdup_printf ("%s\n%s", minutes, publisher);
  else if (info->certificate == NULL)
    subtitle = g_strdup_printf ("%s · %s\n%s", minutes, info->status, publisher);
  else
    subtitle = g_strdup_printf ("%s · %s\n%s\n%s", minutes, info->status, publisher, info->certificate);
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "subtitle"), subtitle);
  switch (info != NULL ? info->state : SIG_STORE_CERTIFICATE_NONE)
    {
    case SIG_STORE_CERTIFICATE_EXPIRED:
    case SIG_STORE_CERTIFICATE_EXPIRING:
      show_certificate_icon (box, "dialog-warning-symbolic");
      break;
    case SIG_STORE_CERTIFICATE_VALID:
      show_certificate_icon (box, "emblem-ok-symbolic");
      break;
    case SIG_STORE_CERTIFICATE_NONE:
    default:
      show_certificate_icon (box, NULL);
      break;
    }

  /* The name a screen reader gives the row: title, sector, progress,
   * certificate. GTK 4.8 has no property for it on the list item, so it is
   * set on the row widget that holds this one. */
  g_strv_builder_add (parts, sig_library_course_get_title (course, self->language));
  if (in_my_sector (self, course))
    g_strv_builder_add (parts, _("For your sector"));
  if (info != NULL)
    g_strv_builder_add (parts, info->status);
  g_strv_builder_add (parts, publisher);
  if (info != NULL && info->certificate != NULL)
    g_strv_builder_add (parts, info->certificate);
  name_parts = g_strv_builder_end (parts);
  name = g_strjoinv (", ", name_parts);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row != NULL ? row : box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* Is the row of @item (partly) inside the visible part of the list? */
static gboolean
row_in_view (SigLibraryView *self,
             GtkListItem    *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list));
  graphene_rect_t bounds;
  double top, bottom;

  if (!gtk_widget_get_mapped (box) || !gtk_widget_compute_bounds (box, self->list, &bounds))
    return FALSE;
  /* Bounds are relative to the list's visible area. */
  top = bounds.origin.y;
  bottom = top + bounds.size.height;
  return bottom >= 0 && top <= gtk_adjustment_get_page_size (adjustment);
}

/* Progress and certificates are read for the rows in view, a few at a
 * time, once the window has been drawn; rows bound off screen wait until
 * they are scrolled to. */
#define ROWS_PER_FILL 8

static gboolean
fill_rows (gpointer user_data)
{
  SigLibraryView *self = user_data;
  GHashTableIter iter;
  gpointer item;
  guint n = 0;

  g_hash_table_iter_init (&iter, self->unfilled);
  while (n < ROWS_PER_FILL && g_hash_table_iter_next (&iter, &item, NULL))
    if (row_in_view (self, item))
      {
        g_hash_table_iter_remove (&iter);
        show_row_info (self, item, row_info (self, gtk_list_item_get_item (item)));
        n++;
      }
  if (n == ROWS_PER_FILL)
    return G_SOURCE_CONTINUE;
  self->fill_id = 0;
  return G_SOURCE_REMOVE;
}

static void
queue_fill (SigLibraryView *self)
{
  if (self->fill_id == 0 && g_hash_table_size (self->unfilled) > 0)
    self->fill_id = g_idle_add_full (G_PRIORITY_LOW, fill_rows, self, NULL);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          SigLibraryView           *self)
{
  SigLibraryCourse *course = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  const RowInfo *info = g_hash_table_lookup (self->row_info, sig_library_course_get_id (course));

  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "title"),
                      sig_library_course_get_title (course, self->language));
  show_sector_tag (box, in_my_sector (self, course));
  show_row_info (self, item, info);
  if (info == NULL)
    {
      g_hash_table_add (self->unfilled, item);
      queue_fill (self);
    }
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            SigLibraryView           *self)
{
  g_hash_table_remove (self->unfilled, item);
}

static void
update_theme_filter (SigLibraryView *self,
                     GPtrArray      *courses)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  g_autofree char *selected = NULL;
  guint position = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->theme_filter));
  guint new_position = 0;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (position != GTK_INVALID_LIST_POSITION && position > 0 && position - 1 < self->themes->len)
    selected = g_strdup (self->themes->pdata[position - 1]);
  g_ptr_array_set_size (self->themes, 0);
  for (guint i = 0; i < courses->len; i++)
    {
      const char * const *themes = sig_library_course_get_themes (courses->pdata[i]);

      for (guint j = 0; themes != NULL && themes[j] != NULL; j++)
        if (g_hash_table_add (seen, (gpointer) themes[j]))
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
  g_signal_handlers_block_by_func (self->theme_filter, on_filter_changed, self);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->theme_filter), G_LIST_MODEL (strings));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->theme_filter), new_position);
  g_signal_handlers_unblock_by_func (self->theme_filter, on_filter_changed, self);
}

static guint
find_course (SigLibraryView *self,
             const char     *course_id)
{
  GListModel *model = G_LIST_MODEL (self->sorted);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; course_id != NULL && i < n; i++)
    {
      g_autoptr(SigLibraryCourse) course = g_list_model_get_item (model, i);

      if (g_strcmp0 (sig_library_course_get_id (course), course_id) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* ---- Continue where the learner left off ------------------------------------ */

typedef struct {
  char *path;
  SigCourse *course;
} ContinueData;

static void
continue_data_free (ContinueData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->course, sig_course_unref);
  g_free (data);
}

static void
load_continue_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  ContinueData *data = task_data;
  GError *error = NULL;

  data->course = sig_loader_load_course (data->path, &error);
  if (data->course == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
continue_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SigLibraryView *self = SIG_LIBRARY_VIEW (source);
  ContinueData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(SigResumePoint) point = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  guint n_modules, part;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("The course to continue cannot be read: %s", error->message);
      return;
    }
  if (self->profile == NULL || data->course->modules->len == 0)
    return;
  point = sig_store_get_resume_point (self->store, sig_profile_get_id (self->profile), data->course, &error);
  if (point == NULL)
    {
      g_warning ("Where to continue cannot be read: %s", error->message);
      return;
    }
  n_modules = data->course->modules->len;
  switch (point->kind)
    {
    case SIG_RESUME_ITEM:
      part = MIN (point->module_index + 1, n_modules);
      break;
    case SIG_RESUME_PRE_CHECK:
      part = 1;
      break;
    case SIG_RESUME_POST_CHECK:
      part = n_modules;
      break;
    case SIG_RESUME_DONE:
    default:
      return;
    }
  g_clear_pointer (&self->continue_course, sig_course_unref);
  self->continue_course = sig_course_ref (data->course);
  /* TRANSLATORS: "Continue: Dental pathway, part 5 of 7": the course the
   * learner was working on, and the module (part) they are in. */
  label = g_strdup_printf (_("Continue: %s, part %u of %u"),
                           sig_text_get (data->course->title, self->language), part, n_modules);
  gtk_label_set_text (GTK_LABEL (self->continue_label), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->continue_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_visible (self->continue_button, TRUE);
}

/* The course the learner worked on last, when it is still in progress: a
 * few of the newest events and one course file, never the whole library. */
static gboolean
find_continue (gpointer user_data)
{
  SigLibraryView *self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) recent = NULL;
  g_autoptr(GTask) task = NULL;

  self->continue_id = 0;
  if (self->profile == NULL)
    return G_SOURCE_REMOVE;
  recent = sig_store_list_recent_courses (self->store, sig_profile_get_id (self->profile), 3, &error);
  if (recent == NULL)
    {
      g_warning ("The latest progress cannot be read: %s", error->message);
      return G_SOURCE_REMOVE;
    }
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autoptr(SigCourseProgress) progress = NULL;
      g_autoptr(SigLibraryCourse) entry = NULL;
      ContinueData *data;

      progress = sig_store_get_progress (self->store, sig_profile_get_id (self->profile), recent[i], NULL, NULL);
      if (progress == NULL || progress->status != SIG_PROGRESS_IN_PROGRESS)
        continue;
      entry = sig_store_get_library_course (self->store, recent[i], NULL);
      if (entry == NULL)
        continue;
      data = g_new0 (ContinueData, 1);
      data->path = g_strdup (sig_library_course_get_path (entry));
      self->continue_cancellable = g_cancellable_new ();
      task = g_task_new (self, self->continue_cancellable, continue_loaded, NULL);
      g_task_set_source_tag (task, find_continue);
      g_task_set_task_data (task, data, (GDestroyNotify) continue_data_free);
      g_task_run_in_thread (task, load_continue_thread);
      break;
    }
  return G_SOURCE_REMOVE;
}

static void
on_continue_clicked (SigLibraryView *self)
{
  if (self->continue_course != NULL)
    g_signal_emit (self, signals[SIGNAL_PLAY], 0, self->continue_course, -1);
}

static void
refresh_continue (SigLibraryView *self)
{
  g_cancellable_cancel (self->continue_cancellable);
  g_clear_object (&self->continue_cancellable);
  g_clear_handle_id (&self->continue_id, g_source_remove);
  g_clear_pointer (&self->continue_course, sig_course_unref);
  gtk_widget_set_visible (self->continue_button, FALSE);
  self->continue_id = g_idle_add_full (G_PRIORITY_LOW, find_continue, self, NULL);
}

/* ---- Reviews due ---------------------------------------------------------- */

/* "3 reviews due": what a review session would offer now. */
static void
update_reviews (SigLibraryView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  guint due = 0;

  if (self->profile == NULL)
    return;
  if (!sig_store_count_due_reviews (self->store, sig_profile_get_id (self->profile), NULL, &due, &error))
    {
      g_warning ("The reviews due cannot be counted: %s", error->message);
      due = 0;
    }
  gtk_widget_set_visible (self->reviews_button, due > 0);
  if (due == 0)
    return;
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u review due", "%u reviews due", due), due);
  gtk_label_set_text (GTK_LABEL (self->reviews_label), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reviews_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
on_reviews_changed (SigStore       *store,
                    const char     *profile_id,
                    SigLibraryView *self)
{
  if (self->profile != NULL && g_strcmp0 (profile_id, sig_profile_get_id (self->profile)) == 0)
    update_reviews (self);
}

static void
on_reviews_clicked (SigLibraryView *self)
{
  g_signal_emit (self, signals[SIGNAL_REVIEW], 0);
}

const char *
sig_library_view_get_reviews_label (SigLibraryView *self)
{
  g_return_val_if_fail (SIG_IS_LIBRARY_VIEW (self), NULL);

  if (!gtk_widget_get_visible (self->reviews_button))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (self->reviews_label));
}

/* ---- Public -------------------------------------------------------------- */

static void
index_loaded (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SigLibraryView) self = user_data;
  g_autoptr(GPtrArray) courses = NULL;
  g_autoptr(GError) error = NULL;
  guint position;

  courses = sig_store_list_index_finish (SIG_STORE (source), result, &error);
  if (courses == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("The library cannot be read: %s", error->message);
      courses = g_ptr_array_new ();
    }
  g_clear_object (&self->load_cancellable);
  g_hash_table_remove_all (self->row_info);
  g_hash_table_remove_all (self->unfilled);
  g_clear_handle_id (&self->fill_id, g_source_remove);
  update_theme_filter (self, courses);
  g_signal_handlers_block_by_func (self->selection, on_selection_changed, self);
  g_list_store_splice (self->courses, 0, g_list_model_get_n_items (G_LIST_MODEL (self->courses)),
                       courses->pdata, courses->len);
  position = find_course (self, self->pending_selection);
  gtk_single_selection_set_selected (self->selection, position);
  g_signal_handlers_unblock_by_func (self->selection, on_selection_changed, self);
  if (position != GTK_INVALID_LIST_POSITION && self->pending_go)
    show_course (self, selected_course (self), TRUE);
  g_clear_pointer (&self->pending_selection, g_free);
  self->pending_go = FALSE;
  self->loaded = TRUE;
  update_empty (self);
  refresh_continue (self);
#ifdef __GLIBC__
  /* What parsing the rows left free goes back to the system. */
  malloc_trim (0);
#endif
}

/* The index rows only, read in a worker; the files are checked after the
 * window is up. */
static void
read_index (SigLibraryView *self)
{
  self->read_wanted = FALSE;
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  sig_store_list_index_async (self->store, self->load_cancellable, index_loaded, g_object_ref (self));
}

void
sig_library_view_reload (SigLibraryView *self)
{
  SigLibraryCourse *selected;

  g_return_if_fail (SIG_IS_LIBRARY_VIEW (self));

  selected = sig_course_detail_get_course (SIG_COURSE_DETAIL (self->detail));
  if (self->pending_selection == NULL && selected != NULL)
    self->pending_selection = g_strdup (sig_library_course_get_id (selected));
  sig_course_detail_refresh (SIG_COURSE_DETAIL (self->detail));
  update_reviews (self);
  /* Not before the list is on screen: the first window waits for nothing. */
  if (!self->drawn)
    {
      self->read_wanted = TRUE;
      return;
    }
  read_index (self);
}

gboolean
sig_library_view_select (SigLibraryView *self,
                         const char     *course_id)
{
  guint position;
  g_autoptr(SigLibraryCourse) course = NULL;

  g_return_val_if_fail (SIG_IS_LIBRARY_VIEW (self), FALSE);

  /* The index is being read: selected once it is there. */
  if (self->load_cancellable != NULL || self->read_wanted)
    {
      g_free (self->pending_selection);
      self->pending_selection = g_strdup (course_id);
      self->pending_go = TRUE;
      return TRUE;
    }
  position = find_course (self, course_id);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  course = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  gtk_single_selection_set_selected (self->selection, position);
  show_course (self, course, TRUE);
  return TRUE;
}

gboolean
sig_library_view_get_loaded (SigLibraryView *self)
{
  g_return_val_if_fail (SIG_IS_LIBRARY_VIEW (self), FALSE);

  return self->load_cancellable == NULL && self->loaded;
}

guint
sig_library_view_get_n_shown (SigLibraryView *self)
{
  g_return_val_if_fail (SIG_IS_LIBRARY_VIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
}

const char *
sig_library_view_get_continue_label (SigLibraryView *self)
{
  g_return_val_if_fail (SIG_IS_LIBRARY_VIEW (self), NULL);

  if (!gtk_widget_get_visible (self->continue_button))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (self->continue_label));
}

AdwLeaflet *
sig_library_view_get_leaflet (SigLibraryView *self)
{
  return ADW_LEAFLET (self->leaflet);
}

static void
first_drawn (SigLibraryView *self)
{
  self->drawn = TRUE;
  if (gtk_list_view_get_model (GTK_LIST_VIEW (self->list)) == NULL)
    gtk_list_view_set_model (GTK_LIST_VIEW (self->list), GTK_SELECTION_MODEL (self->selection));
  if (self->read_wanted)
    read_index (self);
}

static void
on_list_painted (GdkFrameClock  *clock,
                 SigLibraryView *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_list_painted, self);
  first_drawn (self);
}

/* The model is given to the list once it has been drawn with its size:
 * before, GTK 4.8 would make rows for the first 200 courses, not for the
 * few that fit. */
static void
on_list_map (SigLibraryView *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (self->list);

  if (gtk_list_view_get_model (GTK_LIST_VIEW (self->list)) != NULL)
    return;
  if (clock == NULL)
    first_drawn (self);
  else
    {
      g_signal_handlers_disconnect_by_func (clock, on_list_painted, self);
      g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_list_painted), self, 0);
      gtk_widget_queue_draw (self->list);
    }
}

/* The first focus in the library is on Search: once the screen that was
 * there before has let go of it (GTK moves the focus of a page that goes to
 * the next control it finds). */
static gboolean
focus_search (gpointer user_data)
{
  SigLibraryView *self = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  self->focus_id = 0;
  if (!gtk_widget_get_mapped (self->search_entry))
    return G_SOURCE_REMOVE;
  if (focus == NULL || !(gtk_widget_is_ancestor (focus, self->list) || gtk_widget_is_ancestor (focus, self->detail_box) ||
                         focus == self->list))
    gtk_widget_grab_focus (self->search_entry);
  return G_SOURCE_REMOVE;
}

static void
on_map (SigLibraryView *self)
{
  if (self->focus_id == 0)
    self->focus_id = g_idle_add (focus_search, self);
}

static void
sig_library_view_constructed (GObject *object)
{
  SigLibraryView *self = SIG_LIBRARY_VIEW (object);
  g_autoptr(GtkStringList) sectors = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *clicks;

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

  /* index rows -> filter -> sort (after the filter: fewer to sort) -> selection */
  self->courses = g_list_store_new (SIG_TYPE_LIBRARY_COURSE);
  self->filter = GTK_FILTER (gtk_custom_filter_new (filter_course, self, NULL));
  self->sorter = GTK_SORTER (gtk_custom_sorter_new (sort_courses, self, NULL));
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->courses)), g_object_ref (self->filter));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered)), g_object_ref (self->sorter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->sorted, "items-changed", G_CALLBACK (update_empty), self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (GTK_LIST_VIEW (self->list), factory);
  /* Given once the list is on screen: before it has a size, GTK 4.8 would
   * make rows for the first 200 courses, not for those that fit. */
  g_signal_connect_swapped (self->list, "map", G_CALLBACK (on_list_map), self);
  clicks = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (clicks, GTK_PHASE_CAPTURE);
  g_signal_connect (clicks, "event", G_CALLBACK (on_list_event), self);
  gtk_widget_add_controller (self->list, clicks);
  g_signal_connect_swapped (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list)), "value-changed",
                            G_CALLBACK (queue_fill), self);
  g_signal_connect_swapped (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list)), "changed",
                            G_CALLBACK (queue_fill), self);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  g_signal_connect_object (self->store, "reviews-changed", G_CALLBACK (on_reviews_changed), self, 0);

  sig_library_view_reload (self);
}

static void
sig_library_view_dispose (GObject *object)
{
  SigLibraryView *self = SIG_LIBRARY_VIEW (object);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_cancellable_cancel (self->continue_cancellable);
  g_clear_object (&self->continue_cancellable);
  g_clear_handle_id (&self->continue_id, g_source_remove);
  g_clear_handle_id (&self->fill_id, g_source_remove);
  g_clear_handle_id (&self->focus_id, g_source_remove);
  g_clear_pointer (&self->continue_course, sig_course_unref);
  if (self->list != NULL)
    gtk_list_view_set_model (GTK_LIST_VIEW (self->list), NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->sorter);
  g_clear_object (&self->filter);
  g_clear_object (&self->courses);
  g_clear_object (&self->store);
  g_clear_object (&self->profile);
  G_OBJECT_CLASS (sig_library_view_parent_class)->dispose (object);
}

static void
sig_library_view_finalize (GObject *object)
{
  SigLibraryView *self = SIG_LIBRARY_VIEW (object);

  g_clear_pointer (&self->themes, g_ptr_array_unref);
  g_clear_pointer (&self->row_info, g_hash_table_unref);
  g_clear_pointer (&self->unfilled, g_hash_table_unref);
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

  signals[SIGNAL_REVIEW] =
    g_signal_new ("review", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/nl/signaal/Signaal/sig-library-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SigLibraryView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SigLibraryView, sidebar);
  gtk_widget_class_bind_template_child (widget_class, SigLibraryView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SigLibraryView, sector_filter);
  gtk_widget_class_bind_template_child (widget_class, SigLibraryView, theme_filter);
  gtk_widget_class_bind_template_child (widget_class, SigLibraryView, continue_button);
  gtk_widget_class_bind_template_child (widget_class, SigLibraryView, continue_label);
  gtk_widget_class_bind_template_child (widget_class, SigLibraryView, reviews_button);
  gtk_widget_class_bind_template_child (widget_class, SigLibraryView, reviews_label);
  gtk_widget_class_bind_template_child (widget_class, SigLibraryView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, SigLibraryView, list);
  gtk_widget_class_bind_template_child (widget_class, SigLibraryView, detail_box);
  gtk_widget_class_bind_template_child (widget_class, SigLibraryView, back_button);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_continue_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_reviews_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
}

static void
sig_library_view_init (SigLibraryView *self)
{
  self->themes = g_ptr_array_new_with_free_func (g_free);
  self->unfilled = g_hash_table_new (NULL, NULL);
  self->row_info = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) row_info_free);
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
