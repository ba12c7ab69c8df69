/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "sig-accessible.h"
#include "sig-flow-layout.h"
#include "sig-labels.h"
#include "sig-question-view-private.h"
#include "sig-types.h"

struct _SigQuestionView
{
  GtkBox parent_instance;

  SigCourse *course;
  SigQuestion *question;
  char *language;

  GPtrArray *controls;       /* check buttons, toggle buttons or drop-downs */
  GArray *order;             /* ordering: option indices as shown */
  GArray *match_rights;      /* matching: drop-down position - 1 -> pair index */
  GtkWidget *prompt;
  GtkWidget *answer_box;
  GtkWidget *order_list;
  GtkWidget *check_button;
  GtkWidget *feedback;
  GtkWidget *feedback_title;
  GtkWidget *feedback_body;
  gboolean answered;
};

G_DEFINE_FINAL_TYPE (SigQuestionView, sig_question_view, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_COURSE,
  PROP_QUESTION,
  PROP_LANGUAGE,
  PROP_ANSWERED,
  N_PROPS
};

enum {
  SIGNAL_RECORD,
  SIGNAL_ANSWERED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *
text_of (SigQuestionView *self,
         const SigText   *text)
{
  const char *value = text != NULL ? sig_text_get (text, self->language) : NULL;

  return value != NULL ? value : "";
}

static GtkWidget *
wrapping_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  return label;
}

/* ---- Response ---------------------------------------------------------- */

char *
sig_question_view_get_response (SigQuestionView *self)
{
  g_autoptr(GString) response = g_string_new (NULL);
  guint chosen = 0;

  g_return_val_if_fail (SIG_IS_QUESTION_VIEW (self), NULL);

  switch (self->question->type)
    {
    case SIG_QUESTION_SINGLE:
    case SIG_QUESTION_TRUE_FALSE:
    case SIG_QUESTION_MULTIPLE:
      for (guint i = 0; i < self->controls->len; i++)
        if (gtk_check_button_get_active (self->controls->pdata[i]))
          {
            const SigOption *option = self->question->options->pdata[i];

            if (response->len > 0)
              g_string_append_c (response, ',');
            g_string_append (response, option->id);
            chosen++;
          }
      return chosen > 0 ? g_string_free (g_steal_pointer (&response), FALSE) : NULL;

    case SIG_QUESTION_ORDERING:
      for (guint i = 0; i < self->order->len; i++)
        {
          const SigOption *option = self->question->options->pdata[g_array_index (self->order, guint, i)];

          if (i > 0)
            g_string_append_c (response, ',');
          g_string_append (response, option->id);
        }
      return g_string_free (g_steal_pointer (&response), FALSE);

    case SIG_QUESTION_MATCHING:
      for (guint i = 0; i < self->controls->len; i++)
        {
          guint selected = gtk_drop_down_get_selected (self->controls->pdata[i]);
          const SigPair *left = self->question->pairs->pdata[i];
          const SigPair *right;

          if (selected == GTK_INVALID_LIST_POSITION || selected == 0)
            return NULL;
          right = self->question->pairs->pdata[g_array_index (self->match_rights, guint, selected - 1)];
          if (i > 0)
            g_string_append_c (response, ',');
          g_string_append_printf (response, "%s=%s", left->id, right->id);
        }
      return g_string_free (g_steal_pointer (&response), FALSE);

    case SIG_QUESTION_SPOT_SIGNALS:
      for (guint i = 0; i < self->controls->len; i++)
        if (gtk_toggle_button_get_active (self->controls->pdata[i]))
          {
            if (response->len > 0)
              g_string_append_c (response, ',');
            g_string_append (response, g_object_get_data (self->controls->pdata[i], "span-id"));
            chosen++;
          }
      return chosen > 0 ? g_string_free (g_steal_pointer (&response), FALSE) : NULL;

    default:
      return NULL;
    }
}

static void
update_check_button (SigQuestionView *self)
{
  g_autofree char *response = sig_question_view_get_response (self);

  gtk_widget_set_sensitive (self->check_button, !self->answered && response != NULL);
}

/* ---- Choice questions ---------------------------------------------------- */

static void
on_control_changed (SigQuestionView *self)
{
  update_check_button (self);
}

static void
build_options (SigQuestionView *self)
{
  GtkWidget *group = sig_accessible_option_group_new (self->prompt, NULL);
  gboolean radio = self->question->type != SIG_QUESTION_MULTIPLE;

  for (guint i = 0; i < self->question->options->len; i++)
    {
      const SigOption *option = self->question->options->pdata[i];
      const char *label;
      GtkWidget *check;

      if (self->question->type == SIG_QUESTION_TRUE_FALSE)
        label = g_str_equal (option->id, "true") ? _("True") : _("False");
      else
        label = text_of (self, option->text);
      check = sig_accessible_option_new (group, label, radio);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_control_changed), self);
      g_ptr_array_add (self->controls, check);
    }
  gtk_box_append (GTK_BOX (self->answer_box), group);
}

/* ---- Ordering ------------------------------------------------------------ */

static void rebuild_order (SigQuestionView *self,
                           int              focus_position,
                           gboolean         focus_up);

static void
on_move_clicked (GtkButton       *button,
                 SigQuestionView *self)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "position"));
  gboolean up = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "up"));
  guint other = up ? position - 1 : position + 1;
  guint tmp;

  if (self->answered || (up && position == 0) || (!up && position + 1 >= self->order->len))
    return;
  tmp = g_array_index (self->order, guint, position);
  g_array_index (self->order, guint, position) = g_array_index (self->order, guint, other);
  g_array_index (self->order, guint, other) = tmp;
  rebuild_order (self, (int) other, up);
}

static GtkWidget *
move_button (SigQuestionView *self,
             guint            position,
             gboolean         up)
{
  GtkWidget *button = gtk_button_new_from_icon_name (up ? "go-up-symbolic" : "go-down-symbolic");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, up ? _("Move up") : _("Move down"));
  g_object_set_data (G_OBJECT (button), "position", GUINT_TO_POINTER (position));
  g_object_set_data (G_OBJECT (button), "up", GINT_TO_POINTER (up));
  g_signal_connect (button, "clicked", G_CALLBACK (on_move_clicked), self);
  return button;
}

static void
rebuild_order (SigQuestionView *self,
               int              focus_position,
               gboolean         focus_up)
{
  GtkWidget *to_focus = NULL;

  /* The rows stay; what they show moves. Removing the row of the button that
   * was just clicked would pull it away under the learner's pointer and focus. */
  if (gtk_widget_get_first_child (self->order_list) == NULL)
    for (guint i = 0; i < self->order->len; i++)
      {
        GtkWidget *row = adw_action_row_new ();
        GtkWidget *number = gtk_label_new (NULL);
        GtkWidget *up = move_button (self, i, TRUE);
        GtkWidget *down = move_button (self, i, FALSE);
        g_autofree char *position = g_strdup_printf ("%u", i + 1);

        gtk_label_set_text (GTK_LABEL (number), position);
        gtk_widget_add_css_class (number, "order-number");
        gtk_accessible_update_state (GTK_ACCESSIBLE (number), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
        adw_action_row_add_prefix (ADW_ACTION_ROW (row), number);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);
        gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
        gtk_widget_set_focusable (row, FALSE);
        gtk_list_box_append (GTK_LIST_BOX (self->order_list), row);
        g_object_set_data (G_OBJECT (row), "up", up);
        g_object_set_data (G_OBJECT (row), "down", down);
      }
  for (guint i = 0; i < self->order->len; i++)
    {
      const SigOption *option = self->question->options->pdata[g_array_index (self->order, guint, i)];
      const char *text = text_of (self, option->text);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->order_list), (int) i);
      GtkWidget *up = g_object_get_data (G_OBJECT (row), "up");
      GtkWidget *down = g_object_get_data (G_OBJECT (row), "down");
      g_autofree char *escaped = g_markup_escape_text (text, -1);
      g_autofree char *up_label = g_strdup_printf (_("Move “%s” up"), text);
      g_autofree char *down_label = g_strdup_printf (_("Move “%s” down"), text);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      gtk_accessible_update_property (GTK_ACCESSIBLE (up), GTK_ACCESSIBLE_PROPERTY_LABEL, up_label, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (down), GTK_ACCESSIBLE_PROPERTY_LABEL, down_label, -1);
      gtk_widget_set_sensitive (up, !self->answered && i > 0);
      gtk_widget_set_sensitive (down, !self->answered && i + 1 < self->order->len);
      if ((int) i == focus_position)
        to_focus = gtk_widget_get_sensitive (focus_up ? up : down) ? (focus_up ? up : down) : (focus_up ? down : up);
    }
  if (to_focus != NULL)
    gtk_widget_grab_focus (to_focus);
  update_check_button (self);
}

static void
build_ordering (SigQuestionView *self)
{
  guint n = self->question->options->len;
  gboolean in_order = TRUE;

  self->order = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  for (guint i = 0; i < n; i++)
    g_array_append_val (self->order, i);
  /* A fixed shuffle per question, so that a learner resuming sees the same. */
  for (guint i = n; i > 1; i--)
    {
      const SigOption *option = self->question->options->pdata[i - 1];
      guint j = (g_str_hash (option->id) ^ g_str_hash (self->question->id)) % i;
      guint tmp = g_array_index (self->order, guint, i - 1);

      g_array_index (self->order, guint, i - 1) = g_array_index (self->order, guint, j);
      g_array_index (self->order, guint, j) = tmp;
    }
  for (guint i = 0; i < n; i++)
    in_order = in_order && g_array_index (self->order, guint, i) == i;
  if (in_order)
    for (guint i = 0; i < n; i++)
      g_array_index (self->order, guint, i) = n - 1 - i;

  self->order_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->order_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->order_list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->order_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Items in your order"),
                                  -1);
  gtk_box_append (GTK_BOX (self->answer_box), self->order_list);
  rebuild_order (self, -1, TRUE);
}

/* ---- Matching ------------------------------------------------------------ */

static int
compare_rights (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  SigQuestionView *self = user_data;
  const SigPair *pa = self->question->pairs->pdata[*(const guint *) a];
  const SigPair *pb = self->question->pairs->pdata[*(const guint *) b];

  return g_utf8_collate (text_of (self, pa->right), text_of (self, pb->right));
}

static void
setup_wrapping_item (GtkSignalListItemFactory *factory,
                     GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_label_set_width_chars (GTK_LABEL (label), 8);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
bind_wrapping_item (GtkSignalListItemFactory *factory,
                    GtkListItem              *item)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

/* A drop-down whose answers wrap, in the button and in the list, so a long
 * answer never makes the window wider than a phone's 360 pixels. */
static GtkWidget *
wrapping_drop_down (const char * const *strings)
{
  GtkWidget *dropdown = gtk_drop_down_new_from_strings (strings);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_wrapping_item), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_wrapping_item), NULL);
  gtk_drop_down_set_factory (GTK_DROP_DOWN (dropdown), factory);
  return dropdown;
}

static void
build_matching (SigQuestionView *self)
{
  GtkWidget *list = gtk_list_box_new ();
  g_autoptr(GPtrArray) strings = g_ptr_array_new ();

  self->match_rights = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < self->question->pairs->len; i++)
    g_array_append_val (self->match_rights, i);
  g_array_sort_with_data (self->match_rights, compare_rights, self);
  g_ptr_array_add (strings, (gpointer) _("Choose…"));
  for (guint i = 0; i < self->match_rights->len; i++)
    {
      const SigPair *pair = self->question->pairs->pdata[g_array_index (self->match_rights, guint, i)];
      g_ptr_array_add (strings, (gpointer) text_of (self, pair->right));
    }
  g_ptr_array_add (strings, NULL);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text_of (self, self->question->prompt),
                                  -1);
  for (guint i = 0; i < self->question->pairs->len; i++)
    {
      const SigPair *pair = self->question->pairs->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *dropdown = wrapping_drop_down ((const char * const *) strings->pdata);
      g_autofree char *escaped = g_markup_escape_text (text_of (self, pair->left), -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 0);
      /* The row's title names the drop-down (the row sets the relation). */
      sig_accessible_name_dropdown (dropdown, text_of (self, pair->left));
      g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (on_control_changed), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), dropdown);
      gtk_widget_set_focusable (row, FALSE);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_ptr_array_add (self->controls, dropdown);
    }
  gtk_box_append (GTK_BOX (self->answer_box), list);
}

guint
sig_question_view_get_match_position (SigQuestionView *self,
                                      guint            pair_index)
{
  g_return_val_if_fail (self->match_rights != NULL, 0);
  for (guint i = 0; i < self->match_rights->len; i++)
    if (g_array_index (self->match_rights, guint, i) == pair_index)
      return i + 1;
  return 0;
}

/* ---- Spot the signals ---------------------------------------------------- */

static const SigPassage *
find_passage (SigQuestionView *self)
{
  const SigPassage *fallback = NULL;

  for (guint i = 0; i < self->question->passages->len; i++)
    {
      const SigPassage *passage = self->question->passages->pdata[i];

      if (g_strcmp0 (passage->lang, self->language) == 0)
        return passage;
      if (fallback == NULL || g_strcmp0 (passage->lang, "en") == 0)
        fallback = passage;
    }
  return fallback;
}

/* A phrase is a toggle with its phrase as the name and its state as
 * checked. GTK 4.10 has a toggle-button role; before it, the role that
 * makes screen readers announce the state is the check box. */
static void
on_phrase_toggled (GtkToggleButton *toggle)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (toggle),
                               GTK_ACCESSIBLE_STATE_CHECKED, gtk_toggle_button_get_active (toggle),
                               -1);
}

static GtkWidget *
phrase_toggle (const char *text)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  GtkAccessibleRole role = GTK_ACCESSIBLE_ROLE_TOGGLE_BUTTON;
#else
  GtkAccessibleRole role = GTK_ACCESSIBLE_ROLE_CHECKBOX;
#endif
  GtkWidget *toggle = g_object_new (GTK_TYPE_TOGGLE_BUTTON, "accessible-role", role, NULL);
  GtkWidget *label = wrapping_label (text);

  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_button_set_child (GTK_BUTTON (toggle), label);
  gtk_widget_add_css_class (toggle, "phrase");
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  on_phrase_toggled (GTK_TOGGLE_BUTTON (toggle));
  g_signal_connect (toggle, "toggled", G_CALLBACK (on_phrase_toggled), NULL);
  return toggle;
}

/* The words of the passage, one label each, so that the phrases flow
 * inline with them and the lines wrap as text does. A space is kept at the
 * end of a word that has one, so punctuation stays with the phrase before. */
static void
append_words (GtkWidget  *passage,
              const char *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *word_end = p;
      const char *next;
      g_autofree char *word = NULL;
      GtkWidget *label;

      while (*word_end != '\0' && !g_ascii_isspace (*word_end))
        word_end++;
      next = word_end;
      while (*next != '\0' && g_ascii_isspace (*next))
        next++;
      word = g_strdup_printf ("%.*s%s", (int) (word_end - p), p, next > word_end ? " " : "");
      if (word_end > p || gtk_widget_get_last_child (passage) != NULL)
        {
          /* (Text that starts with a space after a phrase: a gap.) */
          label = gtk_label_new (word);
          gtk_widget_add_css_class (label, "passage-word");
          gtk_box_append (GTK_BOX (passage), label);
        }
      p = next;
    }
}

static void
build_spot_signals (SigQuestionView *self)
{
  const SigPassage *passage = find_passage (self);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *words = g_object_new (GTK_TYPE_BOX, "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP, NULL);
  g_autoptr(GString) whole = g_string_new (NULL);

  /* Tab moves between the phrases in reading order: the order of the words. */
  gtk_widget_set_layout_manager (words, sig_flow_layout_new (0, 6));
  gtk_widget_add_css_class (words, "passage");
  for (guint i = 0; passage != NULL && i < passage->segments->len; i++)
    {
      const SigSegment *segment = passage->segments->pdata[i];

      g_string_append (whole, segment->text);
      if (segment->span_id == NULL)
        append_words (words, segment->text);
      else
        {
          GtkWidget *toggle = phrase_toggle (segment->text);

          g_object_set_data_full (G_OBJECT (toggle), "span-id", g_strdup (segment->span_id), g_free);
          g_signal_connect_swapped (toggle, "toggled", G_CALLBACK (on_control_changed), self);
          gtk_box_append (GTK_BOX (words), toggle);
          g_ptr_array_add (self->controls, toggle);
        }
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (words),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Passage"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, whole->str,
                                  -1);
  gtk_frame_set_child (GTK_FRAME (frame), words);
  gtk_widget_add_css_class (frame, "passage-frame");
  gtk_box_append (GTK_BOX (self->answer_box), frame);
}

/* ---- Feedback ------------------------------------------------------------ */

static void
append_feedback (GString    *text,
                 const char *line)
{
  if (line == NULL || *line == '\0')
    return;
  if (text->len > 0)
    g_string_append (text, "\n\n");
  g_string_append (text, line);
}

static void
lock_controls (SigQuestionView *self)
{
  for (guint i = 0; i < self->controls->len; i++)
    gtk_widget_set_sensitive (self->controls->pdata[i], FALSE);
  if (self->order_list != NULL)
    rebuild_order (self, -1, TRUE);
  gtk_widget_set_sensitive (self->check_button, FALSE);
}

static void
show_feedback (SigQuestionView *self,
               const char      *response,
               const SigScore  *score)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_auto(GStrv) chosen = g_strsplit (response, ",", -1);
  const char *headline;
  const char *css;

  if (score->correct)
    {
      headline = _("Correct");
      css = "feedback-correct";
    }
  else if (score->points > 0)
    {
      headline = _("Partly correct");
      css = "feedback-partial";
    }
  else
    {
      headline = _("Not quite");
      css = "feedback-wrong";
    }

  /* Feedback on what was chosen. */
  if (self->question->options != NULL && self->question->type != SIG_QUESTION_ORDERING)
    for (guint i = 0; chosen[i] != NULL; i++)
      for (guint j = 0; j < self->question->options->len; j++)
        {
          const SigOption *option = self->question->options->pdata[j];

          if (g_str_equal (option->id, g_strstrip (chosen[i])) && option->feedback != NULL)
            append_feedback (body, text_of (self, option->feedback));
        }
  if (self->question->spans != NULL)
    for (guint i = 0; chosen[i] != NULL; i++)
      for (guint j = 0; j < self->question->spans->len; j++)
        {
          const SigSpan *span = self->question->spans->pdata[j];

          if (g_str_equal (span->id, g_strstrip (chosen[i])) && span->feedback != NULL)
            append_feedback (body, text_of (self, span->feedback));
        }
  if (!score->correct)
    {
      g_autoptr(GString) best = g_string_new (NULL);

      switch (self->question->type)
        {
        case SIG_QUESTION_SINGLE:
        case SIG_QUESTION_MULTIPLE:
          for (guint j = 0; j < self->question->options->len; j++)
            {
              const SigOption *option = self->question->options->pdata[j];

              if (option->correct)
                g_string_append_printf (best, "%s• %s", best->len > 0 ? "\n" : "", text_of (self, option->text));
            }
          break;
        case SIG_QUESTION_TRUE_FALSE:
          for (guint j = 0; j < self->question->options->len; j++)
            {
              const SigOption *option = self->question->options->pdata[j];

              if (option->correct)
                g_string_append (best, g_str_equal (option->id, "true") ? _("True") : _("False"));
            }
          break;
        case SIG_QUESTION_ORDERING:
          for (guint j = 0; j < self->question->options->len; j++)
            g_string_append_printf (best, "%s%u. %s", j > 0 ? "\n" : "", j + 1,
                                    text_of (self, ((SigOption *) self->question->options->pdata[j])->text));
          break;
        case SIG_QUESTION_MATCHING:
          for (guint j = 0; j < self->question->pairs->len; j++)
            {
              const SigPair *pair = self->question->pairs->pdata[j];

              g_string_append_printf (best, "%s• %s → %s", j > 0 ? "\n" : "",
                                      text_of (self, pair->left), text_of (self, pair->right));
            }
          break;
        case SIG_QUESTION_SPOT_SIGNALS:
          for (guint j = 0; j < self->question->spans->len; j++)
            {
              const SigSpan *span = self->question->spans->pdata[j];

              if (span->signal)
                g_string_append_printf (best, "%s• %s", best->len > 0 ? "\n" : "", text_of (self, span->text));
            }
          break;
        default:
          break;
        }
      if (best->len > 0)
        {
          g_autofree char *line = g_strdup_printf (_("The right answer:\n%s"), best->str);
          append_feedback (body, line);
        }
    }
  if (self->question->explanation != NULL)
    append_feedback (body, text_of (self, self->question->explanation));

  {
    g_autofree char *points = sig_points_label (score->points, score->max);
    /* Translators: the verdict and the points, as in "Partly correct — 0.7 of 2 points". */
    g_autofree char *title = g_strdup_printf (_("%s — %s"), headline, points);

    gtk_label_set_text (GTK_LABEL (self->feedback_title), title);
  }
  gtk_label_set_text (GTK_LABEL (self->feedback_body), body->str);
  gtk_widget_set_visible (self->feedback_body, body->len > 0);
  gtk_widget_remove_css_class (self->feedback, "feedback-correct");
  gtk_widget_remove_css_class (self->feedback, "feedback-partial");
  gtk_widget_remove_css_class (self->feedback, "feedback-wrong");
  gtk_widget_remove_css_class (self->feedback, "feedback-error");
  gtk_widget_add_css_class (self->feedback, css);
  gtk_widget_set_visible (self->feedback, TRUE);
}

/* Sets the controls to @response; FALSE when it does not fit. */
static gboolean
apply_response (SigQuestionView *self,
                const char      *response)
{
  g_auto(GStrv) parts = g_strsplit (response, ",", -1);

  switch (self->question->type)
    {
    case SIG_QUESTION_SINGLE:
    case SIG_QUESTION_MULTIPLE:
    case SIG_QUESTION_TRUE_FALSE:
      for (guint i = 0; i < self->question->options->len; i++)
        {
          const SigOption *option = self->question->options->pdata[i];

          gtk_check_button_set_active (self->controls->pdata[i],
                                       g_strv_contains ((const char * const *) parts, option->id));
        }
      return TRUE;
    case SIG_QUESTION_ORDERING:
      if (g_strv_length (parts) != self->question->options->len)
        return FALSE;
      for (guint i = 0; parts[i] != NULL; i++)
        for (guint j = 0; j < self->question->options->len; j++)
          if (g_str_equal (((SigOption *) self->question->options->pdata[j])->id, parts[i]))
            g_array_index (self->order, guint, i) = j;
      return TRUE;
    case SIG_QUESTION_MATCHING:
      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_auto(GStrv) sides = g_strsplit (parts[i], "=", 2);

          if (sides[0] == NULL || sides[1] == NULL)
            return FALSE;
          for (guint l = 0; l < self->question->pairs->len; l++)
            for (guint r = 0; r < self->question->pairs->len; r++)
              if (g_str_equal (((SigPair *) self->question->pairs->pdata[l])->id, sides[0]) &&
                  g_str_equal (((SigPair *) self->question->pairs->pdata[r])->id, sides[1]))
                gtk_drop_down_set_selected (self->controls->pdata[l],
                                            sig_question_view_get_match_position (self, r));
        }
      return TRUE;
    case SIG_QUESTION_SPOT_SIGNALS:
      for (guint i = 0; i < self->controls->len; i++)
        gtk_toggle_button_set_active (self->controls->pdata[i],
                                      g_strv_contains ((const char * const *) parts,
                                                       g_object_get_data (self->controls->pdata[i], "span-id")));
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
sig_question_view_show_answer (SigQuestionView *self,
                               const char      *response)
{
  SigScore score;

  g_return_val_if_fail (SIG_IS_QUESTION_VIEW (self), FALSE);

  if (response == NULL || !sig_question_score (self->question, response, &score, NULL))
    return FALSE;
  if (!apply_response (self, response))
    return FALSE;
  self->answered = TRUE;
  lock_controls (self);
  show_feedback (self, response, &score);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANSWERED]);
  return TRUE;
}

void
sig_question_view_set_error (SigQuestionView *self,
                             const char      *message)
{
  g_return_if_fail (SIG_IS_QUESTION_VIEW (self));

  gtk_label_set_text (GTK_LABEL (self->feedback_title), _("Your answer was not saved"));
  gtk_label_set_text (GTK_LABEL (self->feedback_body), message);
  gtk_widget_set_visible (self->feedback_body, TRUE);
  gtk_widget_add_css_class (self->feedback, "feedback-error");
  gtk_widget_set_visible (self->feedback, TRUE);
}

gboolean
sig_question_view_check (SigQuestionView *self)
{
  g_autofree char *response = NULL;
  SigScore score = { 0 };
  gboolean recorded = FALSE;

  g_return_val_if_fail (SIG_IS_QUESTION_VIEW (self), FALSE);

  if (self->answered || (response = sig_question_view_get_response (self)) == NULL)
    return FALSE;
  /* The answer is stored before any feedback is shown. */
  g_signal_emit (self, signals[SIGNAL_RECORD], 0, response, &score, &recorded);
  if (!recorded)
    return FALSE;
  self->answered = TRUE;
  lock_controls (self);
  show_feedback (self, response, &score);
  /* Screen readers read what has the focus: the feedback. */
  sig_accessible_focus_when_shown (self->feedback_title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANSWERED]);
  g_signal_emit (self, signals[SIGNAL_ANSWERED], 0, response);
  return TRUE;
}

static gboolean
sig_question_view_real_record (SigQuestionView *self,
                               const char      *response,
                               gpointer         score)
{
  g_autoptr(GError) error = NULL;

  if (!sig_question_score (self->question, response, score, &error))
    {
      sig_question_view_set_error (self, error->message);
      return FALSE;
    }
  return TRUE;
}

/* ---- Accessors for tests ----------------------------------------------- */

GtkWidget *
sig_question_view_get_control (SigQuestionView *self,
                               guint            i)
{
  g_return_val_if_fail (i < self->controls->len, NULL);
  return self->controls->pdata[i];
}

GtkWidget *
sig_question_view_get_move_button (SigQuestionView *self,
                                   guint            position,
                                   gboolean         up)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (self->order_list != NULL, NULL);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->order_list), (int) position);
  return row != NULL ? g_object_get_data (G_OBJECT (row), up ? "up" : "down") : NULL;
}

GtkWidget *
sig_question_view_get_check_button (SigQuestionView *self)
{
  return self->check_button;
}

GtkWidget *
sig_question_view_get_feedback (SigQuestionView *self)
{
  return self->feedback;
}

SigQuestion *
sig_question_view_get_question (SigQuestionView *self)
{
  return self->question;
}

gboolean
sig_question_view_get_answered (SigQuestionView *self)
{
  return self->answered;
}

/* ---- GObject ------------------------------------------------------------- */

static void
sig_question_view_constructed (GObject *object)
{
  SigQuestionView *self = SIG_QUESTION_VIEW (object);
  GtkWidget *prompt;
  GtkWidget *hint;
  GtkWidget *button_box;

  G_OBJECT_CLASS (sig_question_view_parent_class)->constructed (object);
  g_return_if_fail (self->question != NULL);

  hint = wrapping_label (sig_question_type_label (self->question->type));
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption-heading");
  gtk_box_append (GTK_BOX (self), hint);

  prompt = g_object_new (GTK_TYPE_LABEL,
                         "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                         "label", text_of (self, self->question->prompt),
                         "wrap", TRUE,
                         "xalign", 0.0f,
                         NULL);
  gtk_widget_add_css_class (prompt, "title-2");
  gtk_accessible_update_property (GTK_ACCESSIBLE (prompt), GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
  gtk_box_append (GTK_BOX (self), prompt);
  self->prompt = prompt;

  self->answer_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (self), self->answer_box);

  button_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  self->check_button = gtk_button_new_with_mnemonic (_("_Check Answer"));
  gtk_widget_add_css_class (self->check_button, "suggested-action");
  gtk_widget_add_css_class (self->check_button, "pill");
  gtk_widget_set_halign (self->check_button, GTK_ALIGN_START);
  g_signal_connect_swapped (self->check_button, "clicked", G_CALLBACK (sig_question_view_check), self);
  gtk_box_append (GTK_BOX (button_box), self->check_button);
  gtk_box_append (GTK_BOX (self), button_box);

  self->feedback = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (self->feedback, "feedback");
  self->feedback_title = g_object_new (GTK_TYPE_LABEL,
                                       "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                                       "wrap", TRUE,
                                       "xalign", 0.0f,
                                       "focusable", TRUE,
                                       /* A label takes the focus only when selectable. */
                                       "selectable", TRUE,
                                       NULL);
  gtk_widget_add_css_class (self->feedback_title, "heading");
  self->feedback_body = wrapping_label (NULL);
  gtk_box_append (GTK_BOX (self->feedback), self->feedback_title);
  gtk_box_append (GTK_BOX (self->feedback), self->feedback_body);
  gtk_widget_set_visible (self->feedback, FALSE);
  gtk_box_append (GTK_BOX (self), self->feedback);

  switch (self->question->type)
    {
    case SIG_QUESTION_SINGLE:
    case SIG_QUESTION_MULTIPLE:
    case SIG_QUESTION_TRUE_FALSE:
      build_options (self);
      break;
    case SIG_QUESTION_ORDERING:
      build_ordering (self);
      break;
    case SIG_QUESTION_MATCHING:
      build_matching (self);
      break;
    case SIG_QUESTION_SPOT_SIGNALS:
      build_spot_signals (self);
      break;
    default:
      break;
    }
  update_check_button (self);
  sig_accessible_fix_button_names (self->check_button);
}

static void
sig_question_view_finalize (GObject *object)
{
  SigQuestionView *self = SIG_QUESTION_VIEW (object);

  g_clear_pointer (&self->course, sig_course_unref);
  g_clear_pointer (&self->controls, g_ptr_array_unref);
  g_clear_pointer (&self->order, g_array_unref);
  g_clear_pointer (&self->match_rights, g_array_unref);
  g_free (self->language);
  G_OBJECT_CLASS (sig_question_view_parent_class)->finalize (object);
}

static void
sig_question_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SigQuestionView *self = SIG_QUESTION_VIEW (object);

  switch (prop_id)
    {
    case PROP_COURSE:
      g_value_set_boxed (value, self->course);
      break;
    case PROP_QUESTION:
      g_value_set_pointer (value, self->question);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_ANSWERED:
      g_value_set_boolean (value, self->answered);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sig_question_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SigQuestionView *self = SIG_QUESTION_VIEW (object);

  switch (prop_id)
    {
    case PROP_COURSE:
      self->course = g_value_dup_boxed (value);
      break;
    case PROP_QUESTION:
      self->question = g_value_get_pointer (value);
      break;
    case PROP_LANGUAGE:
      self->language = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sig_question_view_class_init (SigQuestionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sig_question_view_constructed;
  object_class->finalize = sig_question_view_finalize;
  object_class->get_property = sig_question_view_get_property;
  object_class->set_property = sig_question_view_set_property;

  properties[PROP_COURSE] =
    g_param_spec_boxed ("course", NULL, NULL, SIG_TYPE_COURSE,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUESTION] =
    g_param_spec_pointer ("question", NULL, NULL,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, "en",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANSWERED] =
    g_param_spec_boolean ("answered", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* gboolean record (SigQuestionView *self, const char *response, SigScore *score) */
  signals[SIGNAL_RECORD] =
    g_signal_new_class_handler ("record",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (sig_question_view_real_record),
                                g_signal_accumulator_first_wins, NULL,
                                NULL,
                                G_TYPE_BOOLEAN, 2, G_TYPE_STRING, G_TYPE_POINTER);
  signals[SIGNAL_ANSWERED] =
    g_signal_new ("answered",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "questionview");
}

static void
sig_question_view_init (SigQuestionView *self)
{
  self->controls = g_ptr_array_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 18);
}

GtkWidget *
sig_question_view_new (SigCourse   *course,
                       SigQuestion *question,
                       const char  *language)
{
  return g_object_new (SIG_TYPE_QUESTION_VIEW,
                       "course", course,
                       "question", question,
                       "language", language,
                       NULL);
}
