/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sig-accessible.h"
#include "sig-course-player.h"
#include "sig-flow-layout.h"
#include "sig-folder-check.h"
#include "sig-engine.h"
#include "sig-preview-window-private.h"
#include "sig-scenario-view.h"

/* A burst of saves (an editor writes a temporary file, renames it, touches
 * the folder) loads once, this long after the last. */
#define RELOAD_DELAY_MS 300

typedef struct {
  gboolean set;
  SigPlayerPosition position;
  guint module_index;
  guint item_index;
  guint question_index;
  char *module_id;
  char *item_id;             /* a page or question id, or a scenario reference */
  char *scenario_state;      /* the scenario's engine, serialised */
} Place;

struct _SigPreviewWindow
{
  AdwApplicationWindow parent_instance;

  GFile *folder;
  SigHelplines *helplines;
  char *preferred_language;
  char *language;            /* the language shown */
  char *persona_id;          /* the persona chosen in the switcher, or NULL */
  SigFolderCheck *check;
  GPtrArray *monitors;       /* GFileMonitor* */
  guint reload_source;
  GCancellable *cancellable; /* the load under way */
  gboolean updating;         /* the switchers are being filled, not chosen from */
  GPtrArray *persona_ids;    /* char*: the persona switcher's entries after the first */
  SigScenario *persona_scenario;  /* whose personas the switcher lists (only compared) */
  guint restart_source;      /* the scenario starts again with another persona */
  GtkWidget *player;
  Place kept_place;          /* the place shown before the course stopped loading */

  GtkWidget *toasts;
  GtkWidget *banner_label;
  GtkWidget *problems_button;
  GtkWidget *switchers;
  GtkWidget *language_group;
  GtkWidget *language_switcher;
  GtkWidget *persona_group;
  GtkWidget *persona_switcher;
  GtkWidget *flap;
  GtkWidget *stack;
  GtkWidget *player_box;
  GtkWidget *failed_title;
  GtkWidget *status_page;
  GtkWidget *problems_summary;
  GtkWidget *problems_list;
};

G_DEFINE_FINAL_TYPE (SigPreviewWindow, sig_preview_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  SIGNAL_RELOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void load (SigPreviewWindow *self);

/* ---- The place shown, kept across a reload -------------------------------- */


static void
place_clear (Place *place)
{
  g_clear_pointer (&place->module_id, g_free);
  g_clear_pointer (&place->item_id, g_free);
  g_clear_pointer (&place->scenario_state, g_free);
  place->set = FALSE;
}

static const char *
item_id (SigModuleItem *item)
{
  switch (item->kind)
    {
    case SIG_ITEM_PAGE:
      return item->page->id;
    case SIG_ITEM_QUESTION:
      return item->question->id;
    case SIG_ITEM_SCENARIO:
    default:
      return item->scenario_ref;
    }
}

static void
place_save (SigPreviewWindow *self,
            Place            *place)
{
  SigCoursePlayer *player = SIG_COURSE_PLAYER (self->player);
  SigCourse *course = NULL;
  GtkWidget *item_widget;

  if (self->player == NULL)
    return;
  g_object_get (player, "course", &course, NULL);
  place->set = TRUE;
  place->position = sig_course_player_get_position (player, &place->module_index, &place->item_index,
                                                    &place->question_index);
  if (place->position == SIG_PLAYER_ITEM && place->module_index < course->modules->len)
    {
      SigModule *module = course->modules->pdata[place->module_index];

      place->module_id = g_strdup (module->id);
      if (place->item_index < module->items->len)
        place->item_id = g_strdup (item_id (module->items->pdata[place->item_index]));
    }
  item_widget = sig_course_player_get_item_widget (player);
  if (SIG_IS_SCENARIO_VIEW (item_widget) && sig_scenario_view_get_engine (SIG_SCENARIO_VIEW (item_widget)) != NULL)
    place->scenario_state = sig_engine_serialize (sig_scenario_view_get_engine (SIG_SCENARIO_VIEW (item_widget)));
  sig_course_unref (course);
}

/* The same module and item by id when they are still there, else the same
 * numbers; a scenario at the same choices when they still fit. */
static void
place_restore (SigPreviewWindow *self,
               Place            *place)
{
  SigCoursePlayer *player = SIG_COURSE_PLAYER (self->player);
  SigCourse *course = self->check->course;
  guint module_index = place->module_index;
  guint item_index = place->item_index;

  if (!place->set)
    {
      sig_course_player_resume (player);
      return;
    }
  if (place->position != SIG_PLAYER_ITEM)
    {
      sig_course_player_show_position (player, place->position, 0, 0, place->question_index);
      return;
    }
  for (guint i = 0; place->module_id != NULL && i < course->modules->len; i++)
    if (g_strcmp0 (((SigModule *) course->modules->pdata[i])->id, place->module_id) == 0)
      module_index = i;
  if (module_index >= course->modules->len)
    {
      sig_course_player_resume (player);
      return;
    }
  {
    SigModule *module = course->modules->pdata[module_index];

    for (guint i = 0; place->item_id != NULL && i < module->items->len; i++)
      if (g_strcmp0 (item_id (module->items->pdata[i]), place->item_id) == 0)
        item_index = i;
    if (item_index >= module->items->len)
      item_index = module->items->len > 0 ? module->items->len - 1 : 0;
  }
  if (place->scenario_state == NULL ||
      !sig_course_player_show_scenario_state (player, module_index, item_index, place->scenario_state))
    sig_course_player_show_position (player, SIG_PLAYER_ITEM, module_index, item_index, 0);
}

/* ---- Switchers ----------------------------------------------------------- */

static char *
language_name (const char *code)
{
  /* Each language in its own words, as language menus show them. */
  if (g_str_equal (code, "nl"))
    return g_strdup ("Nederlands");
  if (g_str_equal (code, "en"))
    return g_strdup ("English");
  if (g_str_equal (code, "fr"))
    return g_strdup ("Français");
  if (g_str_equal (code, "de"))
    return g_strdup ("Deutsch");
  return g_strdup (code);
}

static void
update_language_switcher (SigPreviewWindow *self)
{
  SigCourse *course = self->check != NULL ? self->check->course : NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;
  guint n = course != NULL ? g_strv_length (course->languages) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = language_name (course->languages[i]);

      gtk_string_list_append (names, name);
      if (g_strcmp0 (course->languages[i], self->language) == 0)
        selected = i;
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->language_switcher), G_LIST_MODEL (names));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->language_switcher), selected);
  self->updating = FALSE;
  gtk_widget_set_visible (self->language_group, n > 1);
}

static void
update_persona_switcher (SigPreviewWindow *self)
{
  SigScenario *scenario = self->player != NULL ? sig_course_player_get_scenario (SIG_COURSE_PLAYER (self->player)) : NULL;
  g_autoptr(GtkStringList) names = NULL;
  guint selected = 0;
  gboolean shown = scenario != NULL && scenario->personas->len > 1;

  for (guint i = 0; shown && i < self->persona_ids->len; i++)
    if (g_strcmp0 (self->persona_ids->pdata[i], self->persona_id) == 0)
      selected = i + 1;
  /* The same scenario: its list stays, only the choice may differ. */
  if (scenario == self->persona_scenario && gtk_drop_down_get_model (GTK_DROP_DOWN (self->persona_switcher)) != NULL)
    {
      self->updating = TRUE;
      if (gtk_drop_down_get_selected (GTK_DROP_DOWN (self->persona_switcher)) != selected)
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->persona_switcher), selected);
      self->updating = FALSE;
      return;
    }
  self->persona_scenario = scenario;
  selected = 0;
  names = gtk_string_list_new (NULL);
  g_ptr_array_set_size (self->persona_ids, 0);
  gtk_string_list_append (names, _("As the learner chooses"));
  for (guint i = 0; shown && i < scenario->personas->len; i++)
    {
      SigPersona *persona = scenario->personas->pdata[i];

      gtk_string_list_append (names, persona->name);
      g_ptr_array_add (self->persona_ids, g_strdup (persona->id));
      if (g_strcmp0 (persona->id, self->persona_id) == 0)
        selected = i + 1;
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->persona_switcher), G_LIST_MODEL (names));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->persona_switcher), selected);
  self->updating = FALSE;
  gtk_widget_set_visible (self->persona_group, shown);
  gtk_widget_set_visible (self->switchers, shown || gtk_widget_get_visible (self->language_group));
}

static void
on_player_moved (SigPreviewWindow *self)
{
  update_persona_switcher (self);
}

/* A new player for the course checked last, at @place. */
static void
show_player (SigPreviewWindow *self,
             Place            *place)
{
  SigCourse *course = self->check->course;

  if (self->player != NULL)
    gtk_box_remove (GTK_BOX (self->player_box), self->player);
  /* A new player resolves its scenarios anew: the list is made again. */
  self->persona_scenario = NULL;
  self->player = sig_course_player_new_preview (course, self->language, self->helplines);
  gtk_widget_set_vexpand (self->player, TRUE);
  sig_course_player_set_persona (SIG_COURSE_PLAYER (self->player), self->persona_id);
  g_signal_connect_object (self->player, "moved", G_CALLBACK (on_player_moved), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->player_box), self->player);
  place_restore (self, place);
  update_persona_switcher (self);
}

static void
on_language_selected (SigPreviewWindow *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->language_switcher));
  SigCourse *course = self->check != NULL ? self->check->course : NULL;
  Place place = { 0 };

  if (self->updating || course == NULL || selected >= g_strv_length (course->languages))
    return;
  if (g_strcmp0 (self->language, course->languages[selected]) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (course->languages[selected]);
  place_save (self, &place);
  show_player (self, &place);
  place_clear (&place);
}

/* Out of the drop-down's own signal: the scenario shown starts again with
 * the persona chosen. */
static gboolean
restart_scenario (gpointer user_data)
{
  SigPreviewWindow *self = user_data;
  SigPlayerPosition position;
  guint module_index, item_index;

  self->restart_source = 0;
  if (self->player == NULL)
    return G_SOURCE_REMOVE;
  sig_course_player_set_persona (SIG_COURSE_PLAYER (self->player), self->persona_id);
  position = sig_course_player_get_position (SIG_COURSE_PLAYER (self->player), &module_index, &item_index, NULL);
  if (position == SIG_PLAYER_ITEM)
    sig_course_player_show_position (SIG_COURSE_PLAYER (self->player), position, module_index, item_index, 0);
  return G_SOURCE_REMOVE;
}

static void
on_persona_selected (SigPreviewWindow *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->persona_switcher));

  if (self->updating || self->player == NULL)
    return;
  g_free (self->persona_id);
  self->persona_id = selected > 0 && selected - 1 < self->persona_ids->len
                     ? g_strdup (self->persona_ids->pdata[selected - 1]) : NULL;
  if (self->restart_source == 0)
    self->restart_source = g_idle_add (restart_scenario, self);
}

/* ---- Problems ------------------------------------------------------------ */

static char *
display_location (SigPreviewWindow    *self,
                  const SigDiagnostic *diagnostic)
{
  g_autoptr(GFile) file = g_file_new_for_path (diagnostic->file != NULL ? diagnostic->file : "");
  g_autofree char *relative = g_file_get_relative_path (self->folder, file);
  const char *name = relative != NULL ? relative : diagnostic->file;

  if (diagnostic->line == 0)
    return g_strdup (name);
  if (diagnostic->column == 0)
    return g_strdup_printf ("%s:%u", name, diagnostic->line);
  return g_strdup_printf ("%s:%u:%u", name, diagnostic->line, diagnostic->column);
}

static GtkWidget *
problem_row (SigPreviewWindow    *self,
             const SigDiagnostic *diagnostic,
             guint                index)
{
  gboolean error = diagnostic->severity == SIG_SEVERITY_ERROR;
  g_autofree char *location = display_location (self, diagnostic);
  /* Translators: "course.xml:12:5 · error" under a problem's message */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), location, error ? _("error") : _("warning"));
  g_autofree char *title = g_markup_escape_text (diagnostic->message, -1);
  g_autofree char *escaped_subtitle = g_markup_escape_text (subtitle, -1);
  g_autofree char *accessible = g_strdup_printf ("%s: %s", subtitle, diagnostic->message);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (error ? "dialog-error-symbolic" : "dialog-warning-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_add_css_class (icon, error ? "error" : "warning");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data (G_OBJECT (row), "sig-problem", GUINT_TO_POINTER (index));
  return row;
}

static void
fill_problems (SigPreviewWindow *self)
{
  GPtrArray *diagnostics = self->check->diagnostics;
  g_autofree char *summary = NULL;
  g_autofree char *button = NULL;
  GtkWidget *child;
  guint errors = 0;

  while ((child = gtk_widget_get_first_child (self->problems_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->problems_list), child);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      gtk_list_box_append (GTK_LIST_BOX (self->problems_list), problem_row (self, diagnostics->pdata[i], i));
      if (((SigDiagnostic *) diagnostics->pdata[i])->severity == SIG_SEVERITY_ERROR)
        errors++;
    }
  if (diagnostics->len == 0)
    summary = g_strdup (_("No problems found. The course is checked again each time a file is saved."));
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u problem, %u of them errors. Activate one to show where it is.",
                                            "%u problems, %u of them errors. Activate one to show where it is.",
                                            diagnostics->len),
                               diagnostics->len, errors);
  gtk_label_set_text (GTK_LABEL (self->problems_summary), summary);
  /* Translators: the button that shows the problems panel, with their number */
  button = g_strdup_printf (_("_Problems (%u)"), diagnostics->len);
  gtk_button_set_label (GTK_BUTTON (self->problems_button), button);
  /* A new label: its name without the mnemonic's underscore again. */
  sig_accessible_fix_button_names (self->problems_button);
}

static void
on_problem_activated (SigPreviewWindow *self,
                      GtkListBoxRow    *row)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "sig-problem"));
  SigCoursePlayer *player = self->player != NULL ? SIG_COURSE_PLAYER (self->player) : NULL;
  SigSubject subject = { 0 };

  if (self->check == NULL || index >= self->check->diagnostics->len)
    return;
  if (player == NULL || !sig_folder_check_locate (self->check, self->check->diagnostics->pdata[index], &subject))
    {
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toasts),
                                   adw_toast_new (_("This problem concerns no module, page or scenario node the preview can show. Open the file at the line shown.")));
      return;
    }
  switch (subject.kind)
    {
    case SIG_SUBJECT_NODE:
      {
        SigScenario *scenario = sig_catalog_resolve_scenario (self->check->catalog, self->check->course,
                                                              subject.scenario_id, NULL);
        g_autofree char *state = scenario != NULL ? sig_scenario_state_at (scenario, self->persona_id, subject.node_id) : NULL;

        if (state == NULL || !sig_course_player_show_scenario_state (player, subject.module_index, subject.item_index, state))
          {
            sig_course_player_show_position (player, SIG_PLAYER_ITEM, subject.module_index, subject.item_index, 0);
            adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toasts),
                                         adw_toast_new (_("No path through the scenario reaches this node; the scenario is shown from its start.")));
          }
      }
      break;
    case SIG_SUBJECT_MODULE:
    case SIG_SUBJECT_ITEM:
      sig_course_player_show_position (player, SIG_PLAYER_ITEM, subject.module_index,
                                       subject.kind == SIG_SUBJECT_ITEM ? subject.item_index : 0, 0);
      break;
    case SIG_SUBJECT_CHECK:
      sig_course_player_show_position (player, SIG_PLAYER_PRE_CHECK, 0, 0, subject.item_index);
      break;
    case SIG_SUBJECT_NONE:
    default:
      break;
    }
  sig_subject_clear (&subject);
  /* On a narrow window the panel covers the course: out of the way. */
  if (adw_flap_get_folded (ADW_FLAP (self->flap)))
    adw_flap_set_reveal_flap (ADW_FLAP (self->flap), FALSE);
}

static void
on_show_problems_clicked (SigPreviewWindow *self)
{
  adw_flap_set_reveal_flap (ADW_FLAP (self->flap), TRUE);
  gtk_widget_grab_focus (self->problems_list);
}

/* ---- Loading and watching ------------------------------------------------ */

static void on_folder_changed (GFileMonitor      *monitor,
                               GFile             *file,
                               GFile             *other,
                               GFileMonitorEvent  event,
                               SigPreviewWindow  *self);

static void
watch (SigPreviewWindow *self)
{
  const char *folders[] = { NULL, "scenarios", "media" };

  g_ptr_array_set_size (self->monitors, 0);
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autoptr(GFile) folder = folders[i] != NULL ? g_file_get_child (self->folder, folders[i]) : g_object_ref (self->folder);
      g_autoptr(GError) error = NULL;
      GFileMonitor *monitor;

      if (folders[i] != NULL && g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY)
        continue;
      monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
      if (monitor == NULL)
        {
          g_warning ("Changes to %s are not seen: %s", g_file_peek_path (folder), error->message);
          continue;
        }
      g_signal_connect_object (monitor, "changed", G_CALLBACK (on_folder_changed), self, 0);
      g_ptr_array_add (self->monitors, monitor);
    }
}

static gboolean
reload_due (gpointer user_data)
{
  SigPreviewWindow *self = user_data;

  self->reload_source = 0;
  load (self);
  return G_SOURCE_REMOVE;
}

static void
on_folder_changed (GFileMonitor      *monitor,
                   GFile             *file,
                   GFile             *other,
                   GFileMonitorEvent  event,
                   SigPreviewWindow  *self)
{
  g_autofree char *name = g_file_get_basename (file);

  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED || event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT ||
      event == G_FILE_MONITOR_EVENT_UNMOUNTED)
    return;
  /* An editor's lock, swap and backup files are not the course. */
  if (name == NULL || name[0] == '.' || g_str_has_suffix (name, "~") || g_str_has_suffix (name, ".swp"))
    return;
  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_due, self);
}

static const char *
choose_language (SigPreviewWindow *self,
                 SigCourse        *course)
{
  if (self->language != NULL && sig_course_claims_language (course, self->language))
    return self->language;
  if (self->preferred_language != NULL && sig_course_claims_language (course, self->preferred_language))
    return self->preferred_language;
  return course->languages != NULL && course->languages[0] != NULL ? course->languages[0] : "en";
}

/* Shows what @check found: the course at the place shown before, or the
 * status page; takes @check. */
static void
show_check (SigPreviewWindow *self,
            SigFolderCheck   *check)
{
  g_autofree char *path = g_file_get_path (self->folder);
  Place place = { 0 };

  if (self->player != NULL)
    place_save (self, &place);
  else
    {
      /* Back from a course that did not load: where the learner was before. */
      place = self->kept_place;
      self->kept_place = (Place) { 0 };
    }
  g_clear_pointer (&self->check, sig_folder_check_free);
  self->check = check;
  fill_problems (self);
  if (self->check->course != NULL)
    {
      SigCourse *course = self->check->course;
      g_autofree char *language = g_strdup (choose_language (self, course));
      g_autofree char *title = NULL;
      const char *course_title;

      g_free (self->language);
      self->language = g_steal_pointer (&language);
      course_title = sig_text_get (course->title, self->language);
      /* Translators: the preview window's title, with the course's */
      title = g_strdup_printf (_("Preview: %s"), course_title != NULL ? course_title : course->id);
      gtk_window_set_title (GTK_WINDOW (self), title);
      update_language_switcher (self);
      show_player (self, &place);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "player");
    }
  else
    {
      const SigDiagnostic *first = self->check->diagnostics->len > 0 ? self->check->diagnostics->pdata[0] : NULL;
      g_autofree char *location = first != NULL ? display_location (self, first) : NULL;
      g_autofree char *description = NULL;
      g_autofree char *escaped = NULL;

      if (self->player != NULL)
        gtk_box_remove (GTK_BOX (self->player_box), self->player);
      self->player = NULL;
      /* Translators: under "This Course Cannot Be Shown": the first problem and what to do */
      description = g_strdup_printf (_("%s: %s\n\nFix the problems and save: the preview loads again by itself."),
                                     location != NULL ? location : path,
                                     first != NULL ? first->message : "");
      /* The description is markup; a message quotes elements like <bogus>. */
      escaped = g_markup_escape_text (description, -1);
      adw_status_page_set_description (ADW_STATUS_PAGE (self->status_page), escaped);
      gtk_window_set_title (GTK_WINDOW (self), _("Preview"));
      update_language_switcher (self);
      update_persona_switcher (self);
      self->kept_place = place;
      place = (Place) { 0 };
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "failed");
      adw_flap_set_reveal_flap (ADW_FLAP (self->flap), !adw_flap_get_folded (ADW_FLAP (self->flap)));
    }
  place_clear (&place);
  watch (self);
  g_signal_emit (self, signals[SIGNAL_RELOADED], 0);
}

/* Loading and lint take a second for a course with a large scenario (lint
 * walks every path): in a worker, so that the window stays responsive. */
static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  SigPreviewWindow *self = source_object;

  g_task_return_pointer (task, sig_folder_check (task_data, self->helplines),
                         (GDestroyNotify) sig_folder_check_free);
}

static void
check_finished (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SigFolderCheck *check = g_task_propagate_pointer (G_TASK (result), NULL);

  /* NULL: cancelled, by a newer load or by closing the window. */
  if (check != NULL)
    show_check (SIG_PREVIEW_WINDOW (source), check);
}

static void
load (SigPreviewWindow *self)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, check_finished, NULL);
  g_task_set_source_tag (task, load);
  g_task_set_task_data (task, g_file_get_path (self->folder), g_free);
  g_task_run_in_thread (task, check_thread);
}

void
sig_preview_window_reload (SigPreviewWindow *self)
{
  g_autofree char *path = NULL;

  g_return_if_fail (SIG_IS_PREVIEW_WINDOW (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  path = g_file_get_path (self->folder);
  show_check (self, sig_folder_check (path, self->helplines));
}

/* ---- For the tests -------------------------------------------------------- */

GtkWidget *
sig_preview_window_get_player (SigPreviewWindow *self)
{
  return self->player;
}

guint
sig_preview_window_get_n_problems (SigPreviewWindow *self)
{
  return self->check != NULL ? self->check->diagnostics->len : 0;
}

const SigDiagnostic *
sig_preview_window_get_problem (SigPreviewWindow *self,
                                guint             index)
{
  g_return_val_if_fail (index < sig_preview_window_get_n_problems (self), NULL);
  return self->check->diagnostics->pdata[index];
}

GtkWidget *
sig_preview_window_get_problem_row (SigPreviewWindow *self,
                                    guint             index)
{
  return GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->problems_list), index));
}

GtkWidget *
sig_preview_window_get_status_page (SigPreviewWindow *self)
{
  return self->status_page;
}

GtkDropDown *
sig_preview_window_get_language_switcher (SigPreviewWindow *self)
{
  return GTK_DROP_DOWN (self->language_switcher);
}

GtkDropDown *
sig_preview_window_get_persona_switcher (SigPreviewWindow *self)
{
  return GTK_DROP_DOWN (self->persona_switcher);
}

const char *
sig_preview_window_get_language (SigPreviewWindow *self)
{
  return self->language;
}

void
sig_preview_window_show_problems (SigPreviewWindow *self,
                                  gboolean          shown)
{
  adw_flap_set_reveal_flap (ADW_FLAP (self->flap), shown);
}

/* ---- GObject ------------------------------------------------------------- */

static void
sig_preview_window_dispose (GObject *object)
{
  SigPreviewWindow *self = SIG_PREVIEW_WINDOW (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_handle_id (&self->restart_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->monitors, g_ptr_array_unref);
  g_clear_object (&self->folder);
  G_OBJECT_CLASS (sig_preview_window_parent_class)->dispose (object);
}

static void
sig_preview_window_finalize (GObject *object)
{
  SigPreviewWindow *self = SIG_PREVIEW_WINDOW (object);

  g_clear_pointer (&self->check, sig_folder_check_free);
  place_clear (&self->kept_place);
  g_clear_pointer (&self->persona_ids, g_ptr_array_unref);
  g_free (self->preferred_language);
  g_free (self->language);
  g_free (self->persona_id);
  G_OBJECT_CLASS (sig_preview_window_parent_class)->finalize (object);
}

static void
sig_preview_window_class_init (SigPreviewWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sig_preview_window_dispose;
  object_class->finalize = sig_preview_window_finalize;

  signals[SIGNAL_RELOADED] =
    g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/nl/signaal/Signaal/sig-preview-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SigPreviewWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, SigPreviewWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, SigPreviewWindow, problems_button);
  gtk_widget_class_bind_template_child (widget_class, SigPreviewWindow, switchers);
  gtk_widget_class_bind_template_child (widget_class, SigPreviewWindow, language_group);
  gtk_widget_class_bind_template_child (widget_class, SigPreviewWindow, language_switcher);
  gtk_widget_class_bind_template_child (widget_class, SigPreviewWindow, persona_group);
  gtk_widget_class_bind_template_child (widget_class, SigPreviewWindow, persona_switcher);
  gtk_widget_class_bind_template_child (widget_class, SigPreviewWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, SigPreviewWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SigPreviewWindow, player_box);
  gtk_widget_class_bind_template_child (widget_class, SigPreviewWindow, failed_title);
  gtk_widget_class_bind_template_child (widget_class, SigPreviewWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, SigPreviewWindow, problems_summary);
  gtk_widget_class_bind_template_child (widget_class, SigPreviewWindow, problems_list);
  gtk_widget_class_bind_template_callback (widget_class, on_problem_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_show_problems_clicked);
}

static void
sig_preview_window_init (SigPreviewWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* On a narrow window the persona goes below the language. */
  gtk_widget_set_layout_manager (self->switchers, sig_flow_layout_new (18, 6));
  self->monitors = g_ptr_array_new_with_free_func (g_object_unref);
  self->persona_ids = g_ptr_array_new_with_free_func (g_free);
  g_object_bind_property (self->problems_button, "active", self->flap, "reveal-flap",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->language_switcher, "notify::selected", G_CALLBACK (on_language_selected), self);
  g_signal_connect_swapped (self->persona_switcher, "notify::selected", G_CALLBACK (on_persona_selected), self);
  sig_accessible_fix_button_names (GTK_WIDGET (self));
  sig_accessible_name_dropdown (self->language_switcher, _("Language"));
  sig_accessible_name_dropdown (self->persona_switcher, _("Persona"));
}

SigPreviewWindow *
sig_preview_window_new (GtkApplication *application,
                        GFile          *folder,
                        SigHelplines   *helplines,
                        const char     *language)
{
  SigPreviewWindow *self = g_object_new (SIG_TYPE_PREVIEW_WINDOW,
                                         "application", application,
                                         NULL);

  self->folder = g_object_ref (folder);
  self->helplines = helplines;
  self->preferred_language = g_strdup (language);
  load (self);
  return self;
}
