/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sig-accessible.h"
#include "sig-review-card-view.h"

struct _SigReviewCardView
{
  GtkBox parent_instance;

  SigReviewCard *card;
  char *source;
  GPtrArray *options;        /* check buttons, in the order shown */
  gboolean answered;
  gboolean rated;
  SigReviewGrade grade;

  GtkWidget *kind_label;
  GtkWidget *narrative_frame;
  GtkWidget *narrative;
  GtkWidget *prompt;
  GtkWidget *answer_box;
  GtkWidget *check_button;
  GtkWidget *feedback;
  GtkWidget *feedback_title;
  GtkWidget *feedback_body;
  GtkWidget *rating_box;
  GtkWidget *rating_hint;
  GtkWidget *again_button;
  GtkWidget *hard_button;
  GtkWidget *good_button;
  GtkWidget *easy_button;
};

G_DEFINE_FINAL_TYPE (SigReviewCardView, sig_review_card_view, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_CARD,
  PROP_SOURCE,
  PROP_ANSWERED,
  N_PROPS
};

enum {
  SIGNAL_RATE,
  SIGNAL_RATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- Answer -------------------------------------------------------------- */

char *
sig_review_card_view_get_response (SigReviewCardView *self)
{
  g_autoptr(GString) response = g_string_new (NULL);

  g_return_val_if_fail (SIG_IS_REVIEW_CARD_VIEW (self), NULL);

  for (guint i = 0; i < self->options->len; i++)
    if (gtk_check_button_get_active (self->options->pdata[i]))
      {
        const SigReviewOption *option = self->card->options->pdata[i];

        if (response->len > 0)
          g_string_append_c (response, ',');
        g_string_append (response, option->id);
      }
  return response->len > 0 ? g_string_free (g_steal_pointer (&response), FALSE) : NULL;
}

static void
on_option_toggled (SigReviewCardView *self)
{
  g_autofree char *response = sig_review_card_view_get_response (self);

  gtk_widget_set_sensitive (self->check_button, !self->answered && response != NULL);
}

static GtkWidget *
rating_button (SigReviewCardView *self,
               SigFsrsRating      rating)
{
  switch (rating)
    {
    case SIG_FSRS_AGAIN: return self->again_button;
    case SIG_FSRS_HARD:  return self->hard_button;
    case SIG_FSRS_GOOD:  return self->good_button;
    case SIG_FSRS_EASY:  return self->easy_button;
    default:             return NULL;
    }
}

static void
show_feedback (SigReviewCardView  *self,
               const char * const *chosen)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GString) right = g_string_new (NULL);
  const char *headline;
  const char *css;
  SigFsrsRating suggested;

  switch (self->grade)
    {
    case SIG_REVIEW_RIGHT:
      headline = _("Correct");
      css = "feedback-correct";
      suggested = SIG_FSRS_GOOD;
      break;
    case SIG_REVIEW_PARTLY:
      headline = _("Partly correct");
      css = "feedback-partial";
      suggested = SIG_FSRS_HARD;
      break;
    case SIG_REVIEW_WRONG:
    default:
      headline = _("Not quite");
      css = "feedback-wrong";
      suggested = SIG_FSRS_AGAIN;
      break;
    }

  /* What the learner chose and what was meant by it. */
  for (guint i = 0; i < self->card->options->len; i++)
    {
      const SigReviewOption *option = self->card->options->pdata[i];

      if (option->feedback != NULL && g_strv_contains (chosen, option->id))
        g_string_append_printf (body, "%s%s", body->len > 0 ? "\n\n" : "", option->feedback);
      if (option->correct)
        g_string_append_printf (right, "%s• %s", right->len > 0 ? "\n" : "", option->text);
    }
  if (self->grade != SIG_REVIEW_RIGHT && right->len > 0)
    {
      g_autofree char *line = NULL;

      if (self->card->item->kind == SIG_REVIEW_ITEM_DECISION)
        line = g_strdup_printf (_("The recommended response:\n%s"), right->str);
      else
        line = g_strdup_printf (_("The right answer:\n%s"), right->str);
      g_string_append_printf (body, "%s%s", body->len > 0 ? "\n\n" : "", line);
    }
  /* A decision's explanation is the recommended choice's feedback: shown once. */
  if (self->card->explanation != NULL && strstr (body->str, self->card->explanation) == NULL)
    g_string_append_printf (body, "%s%s", body->len > 0 ? "\n\n" : "", self->card->explanation);

  gtk_label_set_text (GTK_LABEL (self->feedback_title), headline);
  gtk_label_set_text (GTK_LABEL (self->feedback_body), body->str);
  gtk_widget_set_visible (self->feedback_body, body->len > 0);
  gtk_widget_remove_css_class (self->feedback, "feedback-error");
  gtk_widget_add_css_class (self->feedback, css);
  gtk_widget_set_visible (self->feedback, TRUE);

  /* A wrong answer is always scheduled as Again (sig_review_rating_for_grade()):
   * the other ratings are not offered for it. */
  if (self->grade == SIG_REVIEW_WRONG)
    {
      for (SigFsrsRating rating = SIG_FSRS_HARD; rating <= SIG_FSRS_EASY; rating++)
        gtk_widget_set_sensitive (rating_button (self, rating), FALSE);
      gtk_label_set_text (GTK_LABEL (self->rating_hint),
                          _("A wrong answer comes back soon, so that you can practise it. Press 1 or choose Again."));
    }
  gtk_widget_add_css_class (rating_button (self, suggested), "suggested-action");
  gtk_widget_set_visible (self->rating_box, TRUE);
}

gboolean
sig_review_card_view_check (SigReviewCardView *self)
{
  g_autofree char *response = NULL;
  g_auto(GStrv) chosen = NULL;

  g_return_val_if_fail (SIG_IS_REVIEW_CARD_VIEW (self), FALSE);

  if (self->answered || (response = sig_review_card_view_get_response (self)) == NULL)
    return FALSE;
  chosen = g_strsplit (response, ",", -1);
  self->grade = sig_review_card_grade (self->card, (const char * const *) chosen);
  self->answered = TRUE;
  for (guint i = 0; i < self->options->len; i++)
    gtk_widget_set_sensitive (self->options->pdata[i], FALSE);
  gtk_widget_set_sensitive (self->check_button, FALSE);
  gtk_widget_set_visible (self->check_button, FALSE);
  show_feedback (self, (const char * const *) chosen);
  /* Screen readers read what has the focus: the verdict. */
  sig_accessible_focus_when_shown (self->feedback_title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANSWERED]);
  return TRUE;
}

static void
on_check_clicked (SigReviewCardView *self)
{
  sig_review_card_view_check (self);
}

gboolean
sig_review_card_view_rate (SigReviewCardView *self,
                           SigFsrsRating      rating)
{
  g_autofree char *response = NULL;
  gboolean stored = FALSE;

  g_return_val_if_fail (SIG_IS_REVIEW_CARD_VIEW (self), FALSE);
  g_return_val_if_fail (rating >= SIG_FSRS_AGAIN && rating <= SIG_FSRS_EASY, FALSE);

  if (!self->answered || self->rated || !gtk_widget_get_sensitive (rating_button (self, rating)))
    return FALSE;
  response = sig_review_card_view_get_response (self);
  g_signal_emit (self, signals[SIGNAL_RATE], 0, response, (int) self->grade, (int) rating, &stored);
  if (!stored)
    return FALSE;
  self->rated = TRUE;
  gtk_widget_set_sensitive (self->rating_box, FALSE);
  g_signal_emit (self, signals[SIGNAL_RATED], 0, (int) rating);
  return TRUE;
}

static void
on_rating_clicked (SigReviewCardView *self,
                   GtkButton         *button)
{
  for (SigFsrsRating rating = SIG_FSRS_AGAIN; rating <= SIG_FSRS_EASY; rating++)
    if (GTK_WIDGET (button) == rating_button (self, rating))
      sig_review_card_view_rate (self, rating);
}

/* Keys 1 to 4 rate, once the answer is checked. */
static gboolean
on_rating_key (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  SigReviewCardView *self = SIG_REVIEW_CARD_VIEW (widget);

  if (!self->answered || self->rated)
    return FALSE;
  sig_review_card_view_rate (self, (SigFsrsRating) g_variant_get_int32 (args));
  return TRUE;
}

void
sig_review_card_view_set_error (SigReviewCardView *self,
                                const char        *message)
{
  g_autofree char *text = NULL;

  g_return_if_fail (SIG_IS_REVIEW_CARD_VIEW (self));

  text = g_strdup_printf ("%s\n\n%s", gtk_label_get_text (GTK_LABEL (self->feedback_body)), message);
  gtk_label_set_text (GTK_LABEL (self->feedback_title), _("This review was not saved"));
  gtk_label_set_text (GTK_LABEL (self->feedback_body), text);
  gtk_widget_set_visible (self->feedback_body, TRUE);
  gtk_widget_add_css_class (self->feedback, "feedback-error");
  sig_accessible_focus_when_shown (self->feedback_title);
}

/* ---- Accessors ------------------------------------------------------------ */

const SigReviewCard *
sig_review_card_view_get_card (SigReviewCardView *self)
{
  g_return_val_if_fail (SIG_IS_REVIEW_CARD_VIEW (self), NULL);
  return self->card;
}

gboolean
sig_review_card_view_get_answered (SigReviewCardView *self)
{
  g_return_val_if_fail (SIG_IS_REVIEW_CARD_VIEW (self), FALSE);
  return self->answered;
}

SigReviewGrade
sig_review_card_view_get_grade (SigReviewCardView *self)
{
  g_return_val_if_fail (SIG_IS_REVIEW_CARD_VIEW (self), SIG_REVIEW_WRONG);
  return self->grade;
}

GtkWidget *
sig_review_card_view_get_start (SigReviewCardView *self)
{
  g_return_val_if_fail (SIG_IS_REVIEW_CARD_VIEW (self), NULL);

  if (gtk_widget_get_visible (self->narrative_frame))
    return self->narrative;
  return self->options->len > 0 ? self->options->pdata[0] : self->check_button;
}

GtkWidget *
sig_review_card_view_get_option (SigReviewCardView *self,
                                 guint              i)
{
  g_return_val_if_fail (i < self->options->len, NULL);
  return self->options->pdata[i];
}

GtkWidget *
sig_review_card_view_get_check_button (SigReviewCardView *self)
{
  return self->check_button;
}

GtkWidget *
sig_review_card_view_get_rating_button (SigReviewCardView *self,
                                        SigFsrsRating      rating)
{
  return rating_button (self, rating);
}

GtkWidget *
sig_review_card_view_get_feedback (SigReviewCardView *self)
{
  return self->feedback;
}

/* ---- GObject ------------------------------------------------------------- */

static void
sig_review_card_view_constructed (GObject *object)
{
  SigReviewCardView *self = SIG_REVIEW_CARD_VIEW (object);
  g_autofree char *kind = NULL;
  GtkWidget *group;

  G_OBJECT_CLASS (sig_review_card_view_parent_class)->constructed (object);
  g_return_if_fail (self->card != NULL);

  if (self->card->item->kind == SIG_REVIEW_ITEM_DECISION)
    /* Translators: above a review card; %s is the course it comes from. */
    kind = g_strdup_printf (_("Decision · %s"), self->source != NULL ? self->source : "");
  else
    /* Translators: above a review card; %s is the course it comes from. */
    kind = g_strdup_printf (_("Signals · %s"), self->source != NULL ? self->source : "");
  gtk_label_set_text (GTK_LABEL (self->kind_label), kind);

  if (self->card->narrative != NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->narrative), self->card->narrative);
      gtk_widget_set_visible (self->narrative_frame, TRUE);
    }
  gtk_label_set_text (GTK_LABEL (self->prompt), self->card->prompt != NULL ? self->card->prompt : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->prompt), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);

  group = sig_accessible_option_group_new (self->prompt, NULL);
  for (guint i = 0; i < self->card->options->len; i++)
    {
      const SigReviewOption *option = self->card->options->pdata[i];
      GtkWidget *check = sig_accessible_option_new (group, option->text != NULL ? option->text : "",
                                                    !self->card->several);

      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_option_toggled), self);
      g_ptr_array_add (self->options, check);
    }
  gtk_box_append (GTK_BOX (self->answer_box), group);
  sig_accessible_fix_button_names (GTK_WIDGET (self));
}

static void
sig_review_card_view_finalize (GObject *object)
{
  SigReviewCardView *self = SIG_REVIEW_CARD_VIEW (object);

  g_clear_pointer (&self->card, sig_review_card_free);
  g_clear_pointer (&self->options, g_ptr_array_unref);
  g_free (self->source);
  G_OBJECT_CLASS (sig_review_card_view_parent_class)->finalize (object);
}

static void
sig_review_card_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SIG_TYPE_REVIEW_CARD_VIEW);
  G_OBJECT_CLASS (sig_review_card_view_parent_class)->dispose (object);
}

static void
sig_review_card_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SigReviewCardView *self = SIG_REVIEW_CARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_CARD:
      g_value_set_pointer (value, self->card);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_ANSWERED:
      g_value_set_boolean (value, self->answered);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sig_review_card_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SigReviewCardView *self = SIG_REVIEW_CARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_CARD:
      self->card = g_value_get_pointer (value);
      break;
    case PROP_SOURCE:
      self->source = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sig_review_card_view_class_init (SigReviewCardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const guint keys[][2] = {
    { GDK_KEY_1, GDK_KEY_KP_1 }, { GDK_KEY_2, GDK_KEY_KP_2 },
    { GDK_KEY_3, GDK_KEY_KP_3 }, { GDK_KEY_4, GDK_KEY_KP_4 },
  };

  object_class->constructed = sig_review_card_view_constructed;
  object_class->dispose = sig_review_card_view_dispose;
  object_class->finalize = sig_review_card_view_finalize;
  object_class->get_property = sig_review_card_view_get_property;
  object_class->set_property = sig_review_card_view_set_property;

  /* The card is taken over by the view. */
  properties[PROP_CARD] =
    g_param_spec_pointer ("card", NULL, NULL,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANSWERED] =
    g_param_spec_boolean ("answered", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* gboolean rate (SigReviewCardView *self, const char *response, int grade, int rating):
   * TRUE once the review is stored. */
  signals[SIGNAL_RATE] =
    g_signal_new ("rate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_first_wins, NULL, NULL,
                  G_TYPE_BOOLEAN, 3, G_TYPE_STRING, G_TYPE_INT, G_TYPE_INT);
  signals[SIGNAL_RATED] =
    g_signal_new ("rated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    for (guint k = 0; k < 2; k++)
      gtk_widget_class_add_binding (widget_class, keys[i][k], 0, on_rating_key, "i", (gint32) (i + 1));

  gtk_widget_class_set_template_from_resource (widget_class, "/nl/signaal/Signaal/sig-review-card-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SigReviewCardView, kind_label);
  gtk_widget_class_bind_template_child (widget_class, SigReviewCardView, narrative_frame);
  gtk_widget_class_bind_template_child (widget_class, SigReviewCardView, narrative);
  gtk_widget_class_bind_template_child (widget_class, SigReviewCardView, prompt);
  gtk_widget_class_bind_template_child (widget_class, SigReviewCardView, answer_box);
  gtk_widget_class_bind_template_child (widget_class, SigReviewCardView, check_button);
  gtk_widget_class_bind_template_child (widget_class, SigReviewCardView, feedback);
  gtk_widget_class_bind_template_child (widget_class, SigReviewCardView, feedback_title);
  gtk_widget_class_bind_template_child (widget_class, SigReviewCardView, feedback_body);
  gtk_widget_class_bind_template_child (widget_class, SigReviewCardView, rating_box);
  gtk_widget_class_bind_template_child (widget_class, SigReviewCardView, rating_hint);
  gtk_widget_class_bind_template_child (widget_class, SigReviewCardView, again_button);
  gtk_widget_class_bind_template_child (widget_class, SigReviewCardView, hard_button);
  gtk_widget_class_bind_template_child (widget_class, SigReviewCardView, good_button);
  gtk_widget_class_bind_template_child (widget_class, SigReviewCardView, easy_button);
  gtk_widget_class_bind_template_callback (widget_class, on_check_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_rating_clicked);
  gtk_widget_class_set_css_name (widget_class, "reviewcard");
}

static void
sig_review_card_view_init (SigReviewCardView *self)
{
  self->options = g_ptr_array_new ();
  self->grade = SIG_REVIEW_WRONG;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sig_review_card_view_new (SigReviewCard *card,
                          const char    *source)
{
  g_return_val_if_fail (card != NULL, NULL);

  return g_object_new (SIG_TYPE_REVIEW_CARD_VIEW,
                       "card", card,
                       "source", source,
                       NULL);
}
