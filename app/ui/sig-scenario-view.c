/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "sig-accessible.h"
#include "sig-condition.h"
#include "sig-labels.h"
#include "sig-scenario-view.h"
#include "sig-types.h"

struct _SigScenarioView
{
  GtkBox parent_instance;

  SigScenario *scenario;
  char *language;
  char *initial_state;
  SigEngine *engine;
  const SigChoice *last_choice;
  GPtrArray *passed_nodes;      /* automatic nodes passed since the last choice */

  GtkWidget *stack;
  /* intro */
  GtkWidget *intro_box;
  GtkWidget *persona_list;
  GPtrArray *persona_checks;
  GtkWidget *start_button;
  /* play */
  GtkWidget *consequence;
  GtkWidget *consequence_label;
  GtkWidget *narrative_box;
  GtkWidget *narrative;         /* the label that takes the focus */
  GtkWidget *variables_box;
  GtkWidget *choices_box;
  GPtrArray *choice_buttons;
  /* debrief */
  GtkWidget *debrief_box;
  GtkWidget *debrief_title;
};

G_DEFINE_FINAL_TYPE (SigScenarioView, sig_scenario_view, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_SCENARIO,
  PROP_LANGUAGE,
  PROP_STATE,
  N_PROPS
};

enum {
  SIGNAL_RECORD_CHOICE,
  SIGNAL_FINISHED,
  SIGNAL_ENDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GtkWidget *
wrapping_label (const char *text,
                const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
heading (const char *text,
         const char *css_class,
         int         level)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                                   "label", text,
                                   "wrap", TRUE,
                                   "xalign", 0.0f,
                                   NULL);

  gtk_widget_add_css_class (label, css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL, level, -1);
  return label;
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static const char *
text_of (SigScenarioView *self,
         const SigText   *text)
{
  const char *value = text != NULL ? sig_text_get (text, self->language) : NULL;

  return value != NULL ? value : "";
}

static char *
render (SigScenarioView *self,
        const SigText   *text)
{
  if (text == NULL)
    return g_strdup ("");
  return sig_engine_render (self->engine, text, self->language);
}

static char *
speaker_name (SigScenarioView *self,
              const SigNode   *node)
{
  const char *speaker = node->speaker;

  if (speaker == NULL || g_str_equal (speaker, "narrator"))
    return NULL;
  if (g_str_equal (speaker, "you"))
    return g_strdup (_("You"));
  if (g_str_equal (speaker, "persona"))
    return g_strdup (sig_engine_get_persona (self->engine)->name);
  for (guint i = 0; i < self->scenario->characters->len; i++)
    {
      const SigCharacter *character = self->scenario->characters->pdata[i];

      if (g_strcmp0 (character->id, speaker) == 0)
        return g_strdup (text_of (self, character->name));
    }
  return g_strdup (speaker);
}

/* ---- Automatic transitions ---------------------------------------------- */

static gboolean
lookup_value (const char *name,
              double     *value,
              gpointer    user_data)
{
  SigScenarioView *self = user_data;

  if (sig_scenario_find_variable (self->scenario, name) == NULL)
    return FALSE;
  *value = sig_engine_get_value (self->engine, name);
  return TRUE;
}

/* The nodes with automatic transitions that the engine passed from @target
 * to where it stopped: their text is part of the story too. */
static void
collect_passed_nodes (SigScenarioView *self,
                      const char      *target)
{
  const SigNode *current = sig_engine_get_node (self->engine);

  g_ptr_array_set_size (self->passed_nodes, 0);
  for (guint steps = 0; steps < 64 && target != NULL; steps++)
    {
      const SigNode *node = sig_scenario_find_node (self->scenario, target);
      const char *next = NULL;

      if (node == NULL || node == current || node->transitions->len == 0)
        return;
      g_ptr_array_add (self->passed_nodes, (gpointer) node);
      for (guint i = 0; i < node->transitions->len && next == NULL; i++)
        {
          const SigTransition *transition = node->transitions->pdata[i];

          if (sig_condition_eval (transition->condition, lookup_value, self))
            next = transition->target;
        }
      target = next;
    }
}

/* ---- Play ---------------------------------------------------------------- */

static void show_debrief (SigScenarioView *self);

static void
add_node_text (SigScenarioView *self,
               const SigNode   *node,
               gboolean         current)
{
  g_autofree char *speaker = speaker_name (self, node);
  g_autofree char *text = render (self, node->text);
  GtkWidget *label;

  if (speaker != NULL)
    gtk_box_append (GTK_BOX (self->narrative_box), wrapping_label (speaker, "speaker"));
  label = wrapping_label (text, "narrative");
  if (speaker != NULL)
    {
      g_autofree char *accessible = g_strdup_printf (_("%s says: %s"), speaker, text);

      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      gtk_widget_add_css_class (label, "spoken");
    }
  /* Focusable, so that the new narrative can take the focus and be read. */
  gtk_widget_set_focusable (label, TRUE);
  gtk_box_append (GTK_BOX (self->narrative_box), label);
  if (current || self->narrative == NULL)
    self->narrative = label;
}

static void
update_variables (SigScenarioView *self)
{
  gboolean any = FALSE;

  clear_box (self->variables_box);
  for (guint i = 0; i < self->scenario->variables->len; i++)
    {
      const SigVariable *variable = self->scenario->variables->pdata[i];
      double value = sig_engine_get_value (self->engine, variable->id);
      const char *name = variable->label != NULL ? text_of (self, variable->label) : variable->id;
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *label = wrapping_label (name, "caption-heading");
      g_autofree char *value_text = NULL;
      g_autofree char *accessible = NULL;
      GtkWidget *value_label;

      if (!variable->visible)
        continue;
      any = TRUE;
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (row), label);
      if (variable->is_flag)
        value_text = g_strdup (value != 0 ? _("Yes") : _("No"));
      else
        value_text = g_strdup_printf ("%g", value);
      if (!variable->is_flag && variable->min > -G_MAXDOUBLE && variable->max < G_MAXDOUBLE && variable->max > variable->min)
        {
          GtkWidget *bar = gtk_level_bar_new_for_interval (variable->min, variable->max);

          gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (value, variable->min, variable->max));
          gtk_widget_set_size_request (bar, 120, -1);
          gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
          accessible = g_strdup_printf (_("%s: %s of %g"), name, value_text, variable->max);
          gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
          gtk_box_append (GTK_BOX (row), bar);
        }
      value_label = gtk_label_new (value_text);
      gtk_widget_add_css_class (value_label, "numeric");
      gtk_box_append (GTK_BOX (row), value_label);
      gtk_box_append (GTK_BOX (self->variables_box), row);
    }
  gtk_widget_set_visible (self->variables_box, any);
}

static gboolean
choose_later (gpointer user_data)
{
  GtkButton *button = user_data;
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (button), SIG_TYPE_SCENARIO_VIEW);
  SigScenarioView *self = view != NULL ? SIG_SCENARIO_VIEW (view) : NULL;
  g_autoptr(GError) error = NULL;
  const char *choice_id = g_object_get_data (G_OBJECT (button), "choice-id");

  if (self == NULL || self->engine == NULL)
    return G_SOURCE_REMOVE;
  if (!sig_scenario_view_choose (self, choice_id, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (GTK_IS_WINDOW (root))
        {
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (root), _("Your choice was not saved"), error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
      else
        g_warning ("%s", error->message);
    }
  return G_SOURCE_REMOVE;
}

/* The buttons are replaced by what comes next: not while one is handling its click. */
static void
on_choice_clicked (GtkButton       *button,
                   SigScenarioView *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, choose_later, g_object_ref (button), g_object_unref);
}

static void
show_play (SigScenarioView *self,
           gboolean         take_focus)
{
  const SigNode *node = sig_engine_get_node (self->engine);
  g_autoptr(GPtrArray) choices = NULL;

  clear_box (self->narrative_box);
  clear_box (self->choices_box);
  g_ptr_array_set_size (self->choice_buttons, 0);
  self->narrative = NULL;

  if (self->last_choice != NULL && self->last_choice->feedback != NULL)
    {
      g_autofree char *text = render (self, self->last_choice->feedback);

      gtk_label_set_text (GTK_LABEL (self->consequence_label), text);
      gtk_widget_set_visible (self->consequence, TRUE);
    }
  else
    gtk_widget_set_visible (self->consequence, FALSE);

  for (guint i = 0; i < self->passed_nodes->len; i++)
    add_node_text (self, self->passed_nodes->pdata[i], FALSE);
  if (node != NULL)
    add_node_text (self, node, TRUE);
  update_variables (self);

  if (sig_engine_get_status (self->engine) == SIG_ENGINE_STUCK)
    {
      gtk_box_append (GTK_BOX (self->choices_box),
                      wrapping_label (_("This scenario cannot go on from here: none of its choices is available. Tell the author of the course."), "error"));
    }
  else
    {
      guint decision = sig_engine_get_steps (self->engine)->len + 1;
      guint typical = sig_engine_recommended_decisions (self->engine);
      g_autofree char *count = decision <= typical
                               /* Translators: the decision the learner is at, and how many the recommended path through the case has. */
                               ? g_strdup_printf (_("Decision %u — the recommended path has %u"), decision, typical)
                               : g_strdup_printf (_("Decision %u"), decision);
      GtkWidget *count_label = wrapping_label (count, "dim-label");

      gtk_widget_add_css_class (count_label, "caption");
      gtk_widget_add_css_class (count_label, "decision-count");
      gtk_box_append (GTK_BOX (self->choices_box), count_label);
      choices = sig_engine_get_choices (self->engine);
      for (guint i = 0; i < choices->len; i++)
        {
          const SigChoice *choice = choices->pdata[i];
          g_autofree char *text = render (self, choice->text);
          GtkWidget *button = gtk_button_new ();
          GtkWidget *label = wrapping_label (text, NULL);

          gtk_button_set_child (GTK_BUTTON (button), label);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
          gtk_widget_add_css_class (button, "choice");
          g_object_set_data_full (G_OBJECT (button), "choice-id", g_strdup (choice->id), g_free);
          g_signal_connect (button, "clicked", G_CALLBACK (on_choice_clicked), self);
          gtk_box_append (GTK_BOX (self->choices_box), button);
          g_ptr_array_add (self->choice_buttons, button);
        }
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "play");
  /* GTK 4.8 has no live regions: moving the focus to the new narrative makes
   * a screen reader read it. */
  if (take_focus && self->narrative != NULL)
    sig_accessible_focus_when_shown (self->narrative);
}

gboolean
sig_scenario_view_choose (SigScenarioView *self,
                          const char      *choice_id,
                          GError         **error)
{
  g_autoptr(SigEngine) next = NULL;
  const SigNode *node;
  const SigChoice *choice = NULL;
  gboolean recorded = FALSE;
  GError *record_error = NULL;

  g_return_val_if_fail (SIG_IS_SCENARIO_VIEW (self), FALSE);
  g_return_val_if_fail (self->engine != NULL, FALSE);

  node = sig_engine_get_node (self->engine);
  next = sig_engine_copy (self->engine);
  if (!sig_engine_choose (next, choice_id, error))
    return FALSE;
  /* Stored first; the consequence shows only when that worked. */
  g_signal_emit (self, signals[SIGNAL_RECORD_CHOICE], 0, node->id, choice_id, next, &record_error, &recorded);
  if (!recorded)
    {
      if (record_error != NULL)
        g_propagate_error (error, record_error);
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Your choice could not be saved."));
      return FALSE;
    }
  for (guint i = 0; i < node->choices->len; i++)
    if (g_strcmp0 (((SigChoice *) node->choices->pdata[i])->id, choice_id) == 0)
      choice = node->choices->pdata[i];
  sig_engine_free (self->engine);
  self->engine = g_steal_pointer (&next);
  self->last_choice = choice;
  collect_passed_nodes (self, choice != NULL ? choice->target : NULL);
  if (sig_engine_get_status (self->engine) == SIG_ENGINE_ENDED)
    {
      show_debrief (self);
      g_signal_emit (self, signals[SIGNAL_ENDED], 0);
    }
  else
    show_play (self, TRUE);
  return TRUE;
}

/* ---- Debrief ------------------------------------------------------------- */

static void
on_replay_clicked (SigScenarioView *self)
{
  const SigPersona *persona = self->engine != NULL ? sig_engine_get_persona (self->engine) : NULL;
  guint next = 0;

  /* Offer the next persona, so that the case is seen from another side. */
  for (guint i = 0; persona != NULL && i < self->scenario->personas->len; i++)
    if (self->scenario->personas->pdata[i] == persona)
      next = (i + 1) % self->scenario->personas->len;
  if (next < self->persona_checks->len)
    gtk_check_button_set_active (self->persona_checks->pdata[next], TRUE);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "intro");
  sig_accessible_focus_when_shown (self->start_button);
}

static gboolean
finish_later (gpointer user_data)
{
  g_signal_emit (user_data, signals[SIGNAL_FINISHED], 0);
  return G_SOURCE_REMOVE;
}

static void
on_finish_clicked (SigScenarioView *self)
{
  /* Whoever handles ::finished may take this view, and the button, away. */
  g_idle_add_full (G_PRIORITY_DEFAULT, finish_later, g_object_ref (self), g_object_unref);
}

static GtkWidget *
boxed_list (const char *label)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return list;
}

static GtkWidget *
text_row (const char *title,
          const char *subtitle,
          const char *icon_name,
          const char *icon_label)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (subtitle != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (subtitle, -1);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
    }
  if (icon_name != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, icon_label, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  gtk_widget_set_focusable (row, TRUE);
  return row;
}

static void
show_debrief (SigScenarioView *self)
{
  const SigEnding *ending = sig_engine_get_ending (self->engine);
  const GPtrArray *steps = sig_engine_get_steps (self->engine);
  g_autofree char *title = ending != NULL ? render (self, ending->title) : g_strdup (_("The end"));
  g_autofree char *debrief = ending != NULL ? render (self, ending->debrief) : g_strdup ("");
  g_autofree char *score = g_strdup_printf (_("Outcome score: %u of 100"), ending != NULL ? ending->score : 0);
  GtkWidget *path;
  GtkWidget *noticed = NULL;
  GtkWidget *missed = NULL;
  GtkWidget *buttons;
  GtkWidget *button;

  clear_box (self->debrief_box);
  self->debrief_title = heading (title, "title-1", 1);
  gtk_widget_set_focusable (self->debrief_title, TRUE);
  gtk_box_append (GTK_BOX (self->debrief_box), self->debrief_title);
  gtk_box_append (GTK_BOX (self->debrief_box), wrapping_label (score, "dim-label"));
  if (self->last_choice != NULL && self->last_choice->feedback != NULL)
    {
      g_autofree char *text = render (self, self->last_choice->feedback);
      gtk_box_append (GTK_BOX (self->debrief_box), wrapping_label (text, "consequence-text"));
    }
  gtk_box_append (GTK_BOX (self->debrief_box), wrapping_label (debrief, "page-text"));

  /* Your path beside the recommended one. */
  gtk_box_append (GTK_BOX (self->debrief_box), heading (_("Your path"), "title-4", 2));
  path = boxed_list (_("Your path"));
  for (guint i = 0; i < steps->len; i++)
    {
      const SigEngineStep *step = steps->pdata[i];
      g_autofree char *chosen = render (self, step->choice->text);
      g_autofree char *title_text = g_strdup_printf (_("Decision %u: %s"), i + 1, chosen);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      guint meldcode = step->choice->meldcode_step;

      if (step->was_recommended)
        g_string_append (subtitle, _("This was a recommended choice."));
      else if (step->recommended != NULL)
        {
          g_autofree char *recommended = render (self, step->recommended->text);

          g_string_append_printf (subtitle, _("Recommended: %s"), recommended);
          if (meldcode == 0)
            meldcode = step->recommended->meldcode_step;
        }
      else
        g_string_append (subtitle, _("There was no recommended choice here."));
      if (meldcode != 0)
        g_string_append_printf (subtitle, "\n%s", sig_meldcode_step_label (meldcode));
      gtk_list_box_append (GTK_LIST_BOX (path),
                           text_row (title_text, subtitle->str,
                                     step->was_recommended ? "emblem-ok-symbolic" : "dialog-information-symbolic",
                                     step->was_recommended ? _("Recommended") : _("Another choice was recommended")));
    }
  if (steps->len == 0)
    gtk_list_box_append (GTK_LIST_BOX (path), text_row (_("No decisions were made"), NULL, NULL, NULL));
  gtk_box_append (GTK_BOX (self->debrief_box), path);

  /* Signals noticed and missed. */
  if (self->scenario->signals->len > 0)
    {
      for (guint i = 0; i < self->scenario->signals->len; i++)
        {
          const SigSignal *signal = self->scenario->signals->pdata[i];
          g_autofree char *text = render (self, signal->text);
          gboolean seen = sig_engine_has_noticed (self->engine, signal->id);

          if (seen && noticed == NULL)
            noticed = boxed_list (_("Signals you noticed"));
          if (!seen && missed == NULL)
            missed = boxed_list (_("Signals you missed"));
          gtk_list_box_append (GTK_LIST_BOX (seen ? noticed : missed),
                               text_row (text, NULL,
                                         seen ? "emblem-ok-symbolic" : "action-unavailable-symbolic",
                                         seen ? _("Noticed") : _("Missed")));
        }
      if (noticed != NULL)
        {
          gtk_box_append (GTK_BOX (self->debrief_box), heading (_("Signals you noticed"), "title-4", 2));
          gtk_box_append (GTK_BOX (self->debrief_box), noticed);
        }
      if (missed != NULL)
        {
          gtk_box_append (GTK_BOX (self->debrief_box), heading (_("Signals you missed"), "title-4", 2));
          gtk_box_append (GTK_BOX (self->debrief_box), missed);
        }
    }

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (buttons, "debrief-buttons");
  if (self->scenario->personas->len > 1)
    {
      button = gtk_button_new_with_mnemonic (_("Play _Again With Another Persona"));
      gtk_widget_add_css_class (button, "pill");
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_replay_clicked), self);
      gtk_box_append (GTK_BOX (buttons), button);
    }
  button = gtk_button_new_with_mnemonic (_("C_ontinue"));
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_finish_clicked), self);
  gtk_box_append (GTK_BOX (buttons), button);
  gtk_box_append (GTK_BOX (self->debrief_box), buttons);
  /* Long labels (in Dutch above all) wrap, so the two fit beside each other at 360 pixels. */
  for (GtkWidget *child = gtk_widget_get_first_child (buttons); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = gtk_button_get_child (GTK_BUTTON (child));

      if (GTK_IS_LABEL (label))
        {
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
        }
    }

  sig_accessible_fix_button_names (self->debrief_box);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "debrief");
  sig_accessible_focus_when_shown (self->debrief_title);
}

/* ---- Intro --------------------------------------------------------------- */

gboolean
sig_scenario_view_start (SigScenarioView *self,
                         const char      *persona_id,
                         GError         **error)
{
  g_autoptr(SigEngine) engine = NULL;

  g_return_val_if_fail (SIG_IS_SCENARIO_VIEW (self), FALSE);

  if (persona_id == NULL)
    for (guint i = 0; i < self->persona_checks->len; i++)
      if (gtk_check_button_get_active (self->persona_checks->pdata[i]))
        persona_id = ((SigPersona *) self->scenario->personas->pdata[i])->id;
  if ((engine = sig_engine_new (self->scenario, persona_id, error)) == NULL)
    return FALSE;
  g_clear_pointer (&self->engine, sig_engine_free);
  self->engine = g_steal_pointer (&engine);
  self->last_choice = NULL;
  collect_passed_nodes (self, self->scenario->start);
  if (sig_engine_get_status (self->engine) == SIG_ENGINE_ENDED)
    show_debrief (self);
  else
    show_play (self, TRUE);
  return TRUE;
}

static void
on_start_clicked (SigScenarioView *self)
{
  g_autoptr(GError) error = NULL;

  if (!sig_scenario_view_start (self, NULL, &error))
    g_warning ("%s", error->message);
}

static void
build_intro (SigScenarioView *self)
{
  GtkWidget *persona_heading;

  gtk_box_append (GTK_BOX (self->intro_box), heading (text_of (self, self->scenario->title), "title-1", 1));
  if (self->scenario->summary != NULL)
    gtk_box_append (GTK_BOX (self->intro_box), wrapping_label (text_of (self, self->scenario->summary), "page-text"));
  for (guint i = 0; i < self->scenario->warnings->len; i++)
    {
      GtkWidget *callout = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (callout, "callout");
      gtk_widget_add_css_class (callout, "callout-warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Content warning"), -1);
      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (callout), icon);
      gtk_box_append (GTK_BOX (callout), wrapping_label (text_of (self, self->scenario->warnings->pdata[i]), NULL));
      gtk_box_append (GTK_BOX (self->intro_box), callout);
    }
  if (self->scenario->minutes > 0)
    {
      g_autofree char *minutes = sig_minutes_label (self->scenario->minutes);
      gtk_box_append (GTK_BOX (self->intro_box), wrapping_label (minutes, "dim-label"));
    }

  persona_heading = heading (_("Who is this case about?"), "title-4", 2);
  gtk_box_append (GTK_BOX (self->intro_box), persona_heading);
  self->persona_list = sig_accessible_option_group_new (persona_heading, NULL);
  for (guint i = 0; i < self->scenario->personas->len; i++)
    {
      const SigPersona *persona = self->scenario->personas->pdata[i];
      g_autofree char *label = g_strdup_printf ("%s (%s)", persona->name, text_of (self, persona->pronouns));
      GtkWidget *check = sig_accessible_option_new (self->persona_list, label, TRUE);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), i == 0);
      g_ptr_array_add (self->persona_checks, check);
    }
  gtk_box_append (GTK_BOX (self->intro_box), self->persona_list);

  self->start_button = gtk_button_new_with_mnemonic (_("_Start Scenario"));
  gtk_widget_add_css_class (self->start_button, "pill");
  gtk_widget_add_css_class (self->start_button, "suggested-action");
  gtk_widget_set_halign (self->start_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->start_button, "clicked", G_CALLBACK (on_start_clicked), self);
  gtk_box_append (GTK_BOX (self->intro_box), self->start_button);
  sig_accessible_fix_button_names (self->intro_box);
}

/* ---- Accessors ----------------------------------------------------------- */

const SigEngine *
sig_scenario_view_get_engine (SigScenarioView *self)
{
  return self->engine;
}

const char *
sig_scenario_view_get_page (SigScenarioView *self)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (self->stack));
}

GPtrArray *
sig_scenario_view_get_choice_buttons (SigScenarioView *self)
{
  return self->choice_buttons;
}

GtkWidget *
sig_scenario_view_get_narrative (SigScenarioView *self)
{
  return self->narrative;
}

GtkWidget *
sig_scenario_view_get_debrief (SigScenarioView *self)
{
  return self->debrief_box;
}

/* ---- GObject ------------------------------------------------------------- */

static GtkWidget *
page_box (GtkWidget **content)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_add_css_class (*content, "page-content");
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), *content);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  return scrolled;
}

static void
sig_scenario_view_constructed (GObject *object)
{
  SigScenarioView *self = SIG_SCENARIO_VIEW (object);
  GtkWidget *play_content;
  GtkWidget *icon;

  G_OBJECT_CLASS (sig_scenario_view_parent_class)->constructed (object);
  g_return_if_fail (self->scenario != NULL);

  self->stack = gtk_stack_new ();
  gtk_stack_set_transition_type (GTK_STACK (self->stack), GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_widget_set_vexpand (self->stack, TRUE);
  gtk_box_append (GTK_BOX (self), self->stack);

  gtk_stack_add_named (GTK_STACK (self->stack), page_box (&self->intro_box), "intro");
  build_intro (self);

  gtk_stack_add_named (GTK_STACK (self->stack), page_box (&play_content), "play");
  self->consequence = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->consequence, "callout");
  gtk_widget_add_css_class (self->consequence, "callout-info");
  icon = gtk_image_new_from_icon_name ("dialog-information-symbolic");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Consequence"), -1);
  gtk_box_append (GTK_BOX (self->consequence), icon);
  self->consequence_label = wrapping_label (NULL, NULL);
  gtk_box_append (GTK_BOX (self->consequence), self->consequence_label);
  gtk_box_append (GTK_BOX (play_content), self->consequence);
  self->narrative_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (self->narrative_box, "narrative-box");
  gtk_box_append (GTK_BOX (play_content), self->narrative_box);
  self->variables_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (self->variables_box, "card");
  gtk_widget_add_css_class (self->variables_box, "variables");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->variables_box), GTK_ACCESSIBLE_PROPERTY_LABEL, _("How things stand"), -1);
  gtk_box_append (GTK_BOX (play_content), self->variables_box);
  gtk_box_append (GTK_BOX (play_content), heading (_("What do you do?"), "title-4", 2));
  self->choices_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_box_append (GTK_BOX (play_content), self->choices_box);

  gtk_stack_add_named (GTK_STACK (self->stack), page_box (&self->debrief_box), "debrief");

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "intro");
  sig_accessible_hide_inactive_pages (self->stack);
  if (self->initial_state != NULL)
    {
      g_autoptr(GError) error = NULL;
      SigEngine *engine = sig_engine_deserialize (self->scenario, self->initial_state, &error);

      if (engine == NULL)
        /* expected after an update of the scenario or an edited database: it starts again */
        g_message ("The saved state of scenario %s does not load: %s", self->scenario->id, error->message);
      else
        {
          self->engine = engine;
          if (sig_engine_get_status (engine) == SIG_ENGINE_ENDED)
            show_debrief (self);
          else
            show_play (self, FALSE);
        }
    }
}

static void
sig_scenario_view_finalize (GObject *object)
{
  SigScenarioView *self = SIG_SCENARIO_VIEW (object);

  g_clear_pointer (&self->engine, sig_engine_free);
  g_clear_pointer (&self->scenario, sig_scenario_unref);
  g_clear_pointer (&self->passed_nodes, g_ptr_array_unref);
  g_clear_pointer (&self->persona_checks, g_ptr_array_unref);
  g_clear_pointer (&self->choice_buttons, g_ptr_array_unref);
  g_free (self->language);
  g_free (self->initial_state);
  G_OBJECT_CLASS (sig_scenario_view_parent_class)->finalize (object);
}

static void
sig_scenario_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SigScenarioView *self = SIG_SCENARIO_VIEW (object);

  switch (prop_id)
    {
    case PROP_SCENARIO:
      g_value_set_boxed (value, self->scenario);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_STATE:
      g_value_take_string (value, self->engine != NULL ? sig_engine_serialize (self->engine) : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sig_scenario_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SigScenarioView *self = SIG_SCENARIO_VIEW (object);

  switch (prop_id)
    {
    case PROP_SCENARIO:
      self->scenario = g_value_dup_boxed (value);
      break;
    case PROP_LANGUAGE:
      self->language = g_value_dup_string (value);
      break;
    case PROP_STATE:
      self->initial_state = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
sig_scenario_view_real_record_choice (SigScenarioView *self,
                                      const char      *node_id,
                                      const char      *choice_id,
                                      gpointer         engine,
                                      gpointer         error)
{
  return TRUE;
}

static void
sig_scenario_view_class_init (SigScenarioViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sig_scenario_view_constructed;
  object_class->finalize = sig_scenario_view_finalize;
  object_class->get_property = sig_scenario_view_get_property;
  object_class->set_property = sig_scenario_view_set_property;

  properties[PROP_SCENARIO] =
    g_param_spec_boxed ("scenario", NULL, NULL, SIG_TYPE_SCENARIO,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, "en",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* gboolean record_choice (self, const char *node_id, const char *choice_id,
   *                         const SigEngine *after, GError **error) */
  signals[SIGNAL_RECORD_CHOICE] =
    g_signal_new_class_handler ("record-choice",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (sig_scenario_view_real_record_choice),
                                g_signal_accumulator_first_wins, NULL, NULL,
                                G_TYPE_BOOLEAN, 4, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_POINTER, G_TYPE_POINTER);
  signals[SIGNAL_ENDED] =
    g_signal_new ("ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "scenarioview");
}

static void
sig_scenario_view_init (SigScenarioView *self)
{
  self->passed_nodes = g_ptr_array_new ();
  self->persona_checks = g_ptr_array_new ();
  self->choice_buttons = g_ptr_array_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
}

GtkWidget *
sig_scenario_view_new (SigScenario *scenario,
                       const char  *language,
                       const char  *state)
{
  return g_object_new (SIG_TYPE_SCENARIO_VIEW,
                       "scenario", scenario,
                       "language", language,
                       "state", state,
                       NULL);
}
