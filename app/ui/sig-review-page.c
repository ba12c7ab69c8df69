/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "sig-accessible.h"
#include "sig-catalog.h"
#include "sig-labels.h"
#include "sig-loader.h"
#include "sig-review-card-view.h"
#include "sig-review-page.h"
#include "sig-store-review.h"

/* A session lasts about five minutes: a card takes about this long. */
#define SESSION_SECONDS          300
#define SIGNAL_CARD_SECONDS      30
#define PASSAGE_CARD_SECONDS     45
#define DECISION_CARD_SECONDS    50
/* Cards prepared for one session at most (the time decides the rest). */
#define SESSION_MAX_CARDS        20

struct _SigReviewPage
{
  GtkBox parent_instance;

  SigStore *store;
  SigProfile *profile;
  char *language;
  GCancellable *cancellable;

  GPtrArray *session;        /* SessionCard*, the cards of the session under way */
  guint position;            /* the card shown */
  GPtrArray *results;        /* Result*, the cards rated in this session */
  guint n_due;
  gboolean in_session;
  guint next_id;

  GtkWidget *stack;
  GtkWidget *spinner;
  GtkWidget *empty_status;
  GtkWidget *start_status;
  GtkWidget *start_button;
  GtkWidget *session_scroll;
  GtkWidget *position_label;
  GtkWidget *finish_button;
  GtkWidget *card_box;
  GtkWidget *card_view;
  GtkWidget *summary_title;
  GtkWidget *summary_text;
  GtkWidget *summary_list;
  GtkWidget *next_label;
  GtkWidget *more_button;
  GtkWidget *library_button;
};

G_DEFINE_FINAL_TYPE (SigReviewPage, sig_review_page, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PROFILE,
  PROP_LANGUAGE,
  N_PROPS
};

enum {
  SIGNAL_REVIEWED,
  SIGNAL_SHOW_LIBRARY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* A card of the session: the item it is built from (which the card points
 * into) and the card until a view takes it. */
typedef struct {
  char *course_id;
  char *source;              /* the course title */
  SigReviewItem *item;
  SigReviewCard *card;
} SessionCard;

static void
session_card_free (SessionCard *entry)
{
  g_free (entry->course_id);
  g_free (entry->source);
  g_clear_pointer (&entry->card, sig_review_card_free);
  g_clear_pointer (&entry->item, sig_review_item_free);
  g_free (entry);
}

typedef struct {
  char *prompt;
  SigReviewGrade grade;
  gint64 due;                /* ms */
} Result;

static void
result_free (Result *result)
{
  g_free (result->prompt);
  g_free (result);
}

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

static void
show (SigReviewPage *self,
      const char    *name)
{
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), g_str_equal (name, "loading"));
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), name);
}

/* ---- What is due ----------------------------------------------------------- */

/* The cards due now, not capped by the daily limit. */
static guint
count_uncapped_due (SigReviewPage *self,
                    guint         *cards)
{
  g_autoptr(GPtrArray) counts = sig_store_list_review_counts (self->store, sig_profile_get_id (self->profile),
                                                              NULL, NULL);
  guint due = 0;

  *cards = 0;
  for (guint i = 0; counts != NULL && i < counts->len; i++)
    {
      const SigStoreReviewCount *count = counts->pdata[i];

      due += count->due;
      *cards += count->cards;
    }
  return due;
}

/* Why nothing is due, and when something will be. */
static char *
nothing_due_text (SigReviewPage *self)
{
  const char *profile_id = sig_profile_get_id (self->profile);
  guint limit = SIG_STORE_REVIEW_DAILY_LIMIT_DEFAULT;
  guint cards = 0;
  guint waiting = count_uncapped_due (self, &cards);
  gboolean has_next = FALSE;
  gint64 next_due = 0;

  if (cards == 0)
    return g_strdup (_("When you complete a module of a course, its questions and decisions come back "
                       "here, a few at a time, just before you would forget them."));
  sig_store_get_review_daily_limit (self->store, profile_id, &limit, NULL);
  if (limit == 0)
    return g_strdup (_("Reviews are paused: your daily limit is 0. You can change it in Preferences."));
  if (waiting > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "That is enough for today: you did your %u review of the day. "
                                         "The rest waits until tomorrow; you can change the daily limit in Preferences.",
                                         "That is enough for today: you did your %u reviews of the day. "
                                         "The rest waits until tomorrow; you can change the daily limit in Preferences.",
                                         limit), limit);
  if (sig_store_get_next_review (self->store, profile_id, NULL, &has_next, &next_due, NULL) && has_next)
    {
      g_autofree char *when = sig_due_label (next_due, now_ms ());

      /* Translators: %s is when, as in "in 10 minutes", "tomorrow", "on 3 March 2027". */
      return g_strdup_printf (_("The next review is due %s."), when);
    }
  return g_strdup (_("Everything is reviewed."));
}

void
sig_review_page_reload (SigReviewPage *self)
{
  g_autoptr(GError) error = NULL;
  guint due = 0;

  g_return_if_fail (SIG_IS_REVIEW_PAGE (self));

  if (self->profile == NULL || self->in_session)
    return;
  if (!sig_store_count_due_reviews (self->store, sig_profile_get_id (self->profile), NULL, &due, &error))
    {
      g_warning ("The reviews due cannot be read: %s", error->message);
      due = 0;
    }
  self->n_due = due;
  /* The summary stays until the learner leaves it. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "summary") == 0)
    return;
  if (due == 0)
    {
      g_autofree char *text = nothing_due_text (self);

      adw_status_page_set_description (ADW_STATUS_PAGE (self->empty_status), text);
      show (self, "empty");
    }
  else
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Review Due", "%u Reviews Due", due), due);
      guint minutes = MIN (due * SIGNAL_CARD_SECONDS + 59, SESSION_SECONDS) / 60;
      g_autofree char *description = NULL;

      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "A short session of about %u minute. Take your time: "
                                                  "reviews do not count towards a certificate.",
                                                  "A short session of about %u minutes. Take your time: "
                                                  "reviews do not count towards a certificate.",
                                                  MAX (minutes, 1)), MAX (minutes, 1));
      adw_status_page_set_title (ADW_STATUS_PAGE (self->start_status), title);
      adw_status_page_set_description (ADW_STATUS_PAGE (self->start_status), description);
      show (self, "start");
    }
}

guint
sig_review_page_get_n_due (SigReviewPage *self)
{
  g_return_val_if_fail (SIG_IS_REVIEW_PAGE (self), 0);
  return self->n_due;
}

/* ---- Preparing a session (courses load in a worker) ---------------------- */

typedef struct {
  char *course_id;
  char *item_id;
  char *path;                /* the course file; NULL when it is not in the library */
  char *source;
  guint reps;
} Wanted;

static void
wanted_free (Wanted *wanted)
{
  g_free (wanted->course_id);
  g_free (wanted->item_id);
  g_free (wanted->path);
  g_free (wanted->source);
  g_free (wanted);
}

typedef struct {
  GPtrArray *wanted;         /* Wanted* */
  char *language;
  char *learner;
  GPtrArray *prepared;       /* SessionCard* */
} PrepareData;

static void
prepare_data_free (PrepareData *data)
{
  g_ptr_array_unref (data->wanted);
  g_ptr_array_unref (data->prepared);
  g_free (data->language);
  g_free (data->learner);
  g_free (data);
}

static guint
card_seconds (const SigReviewCard *card)
{
  if (card->item->kind == SIG_REVIEW_ITEM_DECISION)
    return DECISION_CARD_SECONDS;
  return card->narrative != NULL ? PASSAGE_CARD_SECONDS : SIGNAL_CARD_SECONDS;
}

/* The interface's language when the card's texts have it, else the first
 * language of the scenario (decision) or course: a story's words (pronouns,
 * names) exist only in the languages it is written in. */
static const char *
card_language (const SigReviewItem *item,
               const char          *language)
{
  GStrv languages = item->kind == SIG_REVIEW_ITEM_DECISION ? item->scenario->languages : item->course->languages;

  if (languages == NULL || languages[0] == NULL || g_strv_contains ((const char * const *) languages, language))
    return language;
  return languages[0];
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PrepareData *data = task_data;
  g_autoptr(GHashTable) courses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) sig_course_unref);
  g_autoptr(SigCatalog) catalog = sig_catalog_new ();
  guint seconds = 0;

  for (guint i = 0; i < data->wanted->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      const Wanted *wanted = data->wanted->pdata[i];
      g_autoptr(GError) error = NULL;
      SigCourse *course;
      SessionCard *entry;

      if (wanted->path == NULL)
        continue;
      course = g_hash_table_lookup (courses, wanted->path);
      if (course == NULL)
        {
          if ((course = sig_loader_load_course (wanted->path, &error)) == NULL)
            {
              g_message ("Review cards of %s are left out: %s", wanted->course_id, error->message);
              continue;
            }
          g_hash_table_insert (courses, g_strdup (wanted->path), course);
        }
      entry = g_new0 (SessionCard, 1);
      entry->item = sig_review_item_find (course, catalog, wanted->item_id, &error);
      if (entry->item != NULL)
        entry->card = sig_review_card_new (entry->item, card_language (entry->item, data->language),
                                           data->learner, wanted->reps, NULL);
      if (entry->card == NULL)
        {
          g_message ("The review card %s is left out: %s", wanted->item_id,
                     error != NULL ? error->message : "it cannot be shown");
          session_card_free (entry);
          continue;
        }
      entry->course_id = g_strdup (wanted->course_id);
      entry->source = g_strdup (wanted->source);
      /* About five minutes, and always one card. */
      seconds += card_seconds (entry->card);
      if (data->prepared->len > 0 && seconds > SESSION_SECONDS)
        {
          session_card_free (entry);
          break;
        }
      g_ptr_array_add (data->prepared, entry);
    }
  g_task_return_boolean (task, TRUE);
}

static void show_card (SigReviewPage *self);

static void
prepared (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  SigReviewPage *self = SIG_REVIEW_PAGE (source);
  PrepareData *data = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), NULL) || g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  g_clear_pointer (&self->session, g_ptr_array_unref);
  self->session = g_steal_pointer (&data->prepared);
  data->prepared = g_ptr_array_new ();
  self->position = 0;
  if (self->session->len == 0)
    {
      self->in_session = FALSE;
      sig_review_page_reload (self);
      return;
    }
  show_card (self);
}

void
sig_review_page_start (SigReviewPage *self)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  PrepareData *data;

  g_return_if_fail (SIG_IS_REVIEW_PAGE (self));

  if (self->profile == NULL || self->in_session)
    return;
  due = sig_store_list_due_reviews (self->store, sig_profile_get_id (self->profile), NULL,
                                    SESSION_MAX_CARDS, &error);
  if (due == NULL)
    {
      g_warning ("The reviews due cannot be read: %s", error->message);
      sig_review_page_reload (self);
      return;
    }
  data = g_new0 (PrepareData, 1);
  data->wanted = g_ptr_array_new_with_free_func ((GDestroyNotify) wanted_free);
  data->prepared = g_ptr_array_new_with_free_func ((GDestroyNotify) session_card_free);
  data->language = g_strdup (self->language);
  data->learner = g_strdup (sig_profile_get_id (self->profile));
  for (guint i = 0; i < due->len; i++)
    {
      const SigStoreReviewCard *card = due->pdata[i];
      SigLibraryCourse *entry = g_hash_table_lookup (entries, card->course_id);
      Wanted *wanted = g_new0 (Wanted, 1);

      if (entry == NULL && (entry = sig_store_get_library_course (self->store, card->course_id, NULL)) != NULL)
        g_hash_table_insert (entries, (gpointer) sig_library_course_get_id (entry), entry);
      wanted->course_id = g_strdup (card->course_id);
      wanted->item_id = g_strdup (card->item_id);
      wanted->reps = card->card.reps;
      if (entry != NULL)
        {
          wanted->path = g_strdup (sig_library_course_get_path (entry));
          wanted->source = g_strdup (sig_library_course_get_title (entry, self->language));
        }
      g_ptr_array_add (data->wanted, wanted);
    }

  self->in_session = TRUE;
  g_ptr_array_set_size (self->results, 0);
  show (self, "loading");
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, prepared, NULL);
  g_task_set_source_tag (task, sig_review_page_start);
  g_task_set_task_data (task, data, (GDestroyNotify) prepare_data_free);
  g_task_run_in_thread (task, prepare_thread);
}

static void
on_start_clicked (SigReviewPage *self)
{
  sig_review_page_start (self);
}

/* ---- The session ---------------------------------------------------------- */

static void show_summary (SigReviewPage *self);

static void
remove_card_view (SigReviewPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (self->card_view == NULL)
    return;
  /* The focus leaves the card before the card goes: otherwise the next
   * focus change (the next card's) ends in a GTK-CRITICAL in GTK 4.8
   * (gtk_widget_is_ancestor). */
  if (focus != NULL && (focus == self->card_view || gtk_widget_is_ancestor (focus, self->card_view)))
    gtk_root_set_focus (root, NULL);
  gtk_box_remove (GTK_BOX (self->card_box), self->card_view);
  self->card_view = NULL;
}

static gboolean
on_rate (SigReviewCardView *view,
         const char        *response,
         int                grade,
         int                rating,
         SigReviewPage     *self)
{
  const SigReviewCard *card = sig_review_card_view_get_card (view);
  const SessionCard *entry = self->session->pdata[self->position];
  g_autoptr(SigStoreReviewCard) stored = NULL;
  g_autoptr(GError) error = NULL;
  Result *result;

  /* The review is stored before the next card is shown. */
  stored = sig_store_record_review (self->store, sig_profile_get_id (self->profile),
                                    entry->course_id, card->item->id, response,
                                    (SigReviewGrade) grade, (SigFsrsRating) rating, NULL, &error);
  if (stored == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("%s Try again, or finish for now."), error->message);

      sig_review_card_view_set_error (view, message);
      return FALSE;
    }
  result = g_new0 (Result, 1);
  result->prompt = g_strdup (card->item->kind == SIG_REVIEW_ITEM_DECISION && card->narrative != NULL
                             ? card->narrative : card->prompt);
  result->grade = (SigReviewGrade) grade;
  result->due = stored->card.due;
  g_ptr_array_add (self->results, result);
  g_signal_emit (self, signals[SIGNAL_REVIEWED], 0);
  return TRUE;
}

/* The next card once the rating's key press or click is handled: the
 * card view that handles it is not taken away under it. */
static gboolean
next_card (gpointer user_data)
{
  SigReviewPage *self = user_data;

  self->next_id = 0;
  if (self->session == NULL)
    return G_SOURCE_REMOVE;
  self->position++;
  if (self->position < self->session->len)
    show_card (self);
  else
    show_summary (self);
  return G_SOURCE_REMOVE;
}

static void
on_rated (SigReviewPage *self)
{
  if (self->next_id == 0)
    self->next_id = g_idle_add (next_card, self);
}

static void
show_card (SigReviewPage *self)
{
  SessionCard *entry = self->session->pdata[self->position];
  g_autofree char *position = NULL;
  GtkAdjustment *adjustment;

  remove_card_view (self);
  /* Translators: above the card under review, as in "Card 2 of 6". */
  position = g_strdup_printf (_("Card %u of %u"), self->position + 1, self->session->len);
  gtk_label_set_text (GTK_LABEL (self->position_label), position);
  self->card_view = sig_review_card_view_new (g_steal_pointer (&entry->card), entry->source);
  g_signal_connect (self->card_view, "rate", G_CALLBACK (on_rate), self);
  g_signal_connect_swapped (self->card_view, "rated", G_CALLBACK (on_rated), self);
  gtk_box_append (GTK_BOX (self->card_box), self->card_view);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->session_scroll));
  gtk_adjustment_set_value (adjustment, 0);
  show (self, "session");
  /* The keyboard starts at the card: its story, or its first option. */
  sig_accessible_focus_when_shown (sig_review_card_view_get_start (SIG_REVIEW_CARD_VIEW (self->card_view)));
}

static const char *
grade_label (SigReviewGrade grade)
{
  switch (grade)
    {
    case SIG_REVIEW_RIGHT:  return _("Correct");
    case SIG_REVIEW_PARTLY: return _("Partly correct");
    case SIG_REVIEW_WRONG:
    default:                return _("Not quite");
    }
}

static void
show_summary (SigReviewPage *self)
{
  const char *profile_id = sig_profile_get_id (self->profile);
  GtkWidget *child;
  guint right = 0, partly = 0, wrong = 0;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *next = NULL;
  guint due = 0;
  gint64 now = now_ms ();

  g_clear_handle_id (&self->next_id, g_source_remove);
  remove_card_view (self);
  g_clear_pointer (&self->session, g_ptr_array_unref);
  self->in_session = FALSE;

  while ((child = gtk_widget_get_first_child (self->summary_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->summary_list), child);
  for (guint i = 0; i < self->results->len; i++)
    {
      const Result *result = self->results->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_markup_escape_text (result->prompt != NULL ? result->prompt : "", -1);
      g_autofree char *when = sig_due_label (result->due, now);
      /* Translators: a reviewed card: the grade, then when it comes back, as in
       * "Correct · next review in 4 days" ("in 4 days", "tomorrow", "now" are made elsewhere). */
      g_autofree char *subtitle = g_strdup_printf (_("%s · next review %s"), grade_label (result->grade), when);
      g_autofree char *escaped = g_markup_escape_text (subtitle, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
      gtk_widget_set_focusable (row, TRUE);
      gtk_list_box_append (GTK_LIST_BOX (self->summary_list), row);
      right += result->grade == SIG_REVIEW_RIGHT;
      partly += result->grade == SIG_REVIEW_PARTLY;
      wrong += result->grade == SIG_REVIEW_WRONG;
    }
  gtk_widget_set_visible (self->summary_list, self->results->len > 0);

  if (self->results->len == 0)
    g_string_append (text, _("You stopped before the first card. Nothing has changed."));
  else
    {
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "You reviewed %u card.",
                                                 "You reviewed %u cards.", self->results->len),
                              self->results->len);
      g_string_append_c (text, ' ');
      /* Translators: after "You reviewed 6 cards.", the grades they had. */
      g_string_append_printf (text, _("%u correct, %u partly correct, %u to practise again."), right, partly, wrong);
      g_string_append_c (text, ' ');
      g_string_append (text, _("Each comes back when you are about to forget it."));
    }
  gtk_label_set_text (GTK_LABEL (self->summary_text), text->str);

  if (!sig_store_count_due_reviews (self->store, profile_id, NULL, &due, NULL))
    due = 0;
  self->n_due = due;
  if (due > 0)
    next = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more review is due now, if you like.",
                                         "%u more reviews are due now, if you like.", due), due);
  else
    next = nothing_due_text (self);
  gtk_label_set_text (GTK_LABEL (self->next_label), next);
  gtk_widget_set_visible (self->more_button, due > 0);
  show (self, "summary");
  sig_accessible_focus_when_shown (self->summary_title);
}

static void
on_finish_clicked (SigReviewPage *self)
{
  if (self->in_session)
    show_summary (self);
}

static void
on_library_clicked (SigReviewPage *self)
{
  /* Next time the page shows what is due then. */
  show (self, "loading");
  sig_review_page_reload (self);
  g_signal_emit (self, signals[SIGNAL_SHOW_LIBRARY], 0);
}

void
sig_review_page_reset (SigReviewPage *self)
{
  GtkWidget *child;

  g_return_if_fail (SIG_IS_REVIEW_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->next_id, g_source_remove);
  remove_card_view (self);
  g_clear_pointer (&self->session, g_ptr_array_unref);
  g_ptr_array_set_size (self->results, 0);
  while ((child = gtk_widget_get_first_child (self->summary_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->summary_list), child);
  gtk_label_set_text (GTK_LABEL (self->summary_text), "");
  self->in_session = FALSE;
  show (self, "loading");
  sig_review_page_reload (self);
}

/* ---- GObject ------------------------------------------------------------- */

static void
sig_review_page_constructed (GObject *object)
{
  SigReviewPage *self = SIG_REVIEW_PAGE (object);

  G_OBJECT_CLASS (sig_review_page_parent_class)->constructed (object);
  sig_review_page_reload (self);
}

static void
sig_review_page_dispose (GObject *object)
{
  SigReviewPage *self = SIG_REVIEW_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->next_id, g_source_remove);
  remove_card_view (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SIG_TYPE_REVIEW_PAGE);
  g_clear_pointer (&self->session, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->profile);
  G_OBJECT_CLASS (sig_review_page_parent_class)->dispose (object);
}

static void
sig_review_page_finalize (GObject *object)
{
  SigReviewPage *self = SIG_REVIEW_PAGE (object);

  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_free (self->language);
  G_OBJECT_CLASS (sig_review_page_parent_class)->finalize (object);
}

static void
sig_review_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SigReviewPage *self = SIG_REVIEW_PAGE (object);

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
sig_review_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SigReviewPage *self = SIG_REVIEW_PAGE (object);

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
sig_review_page_class_init (SigReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sig_review_page_constructed;
  object_class->dispose = sig_review_page_dispose;
  object_class->finalize = sig_review_page_finalize;
  object_class->get_property = sig_review_page_get_property;
  object_class->set_property = sig_review_page_set_property;

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

  signals[SIGNAL_REVIEWED] =
    g_signal_new ("reviewed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_SHOW_LIBRARY] =
    g_signal_new ("show-library", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SIG_TYPE_REVIEW_CARD_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/nl/signaal/Signaal/sig-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SigReviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SigReviewPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SigReviewPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, SigReviewPage, start_status);
  gtk_widget_class_bind_template_child (widget_class, SigReviewPage, start_button);
  gtk_widget_class_bind_template_child (widget_class, SigReviewPage, session_scroll);
  gtk_widget_class_bind_template_child (widget_class, SigReviewPage, position_label);
  gtk_widget_class_bind_template_child (widget_class, SigReviewPage, finish_button);
  gtk_widget_class_bind_template_child (widget_class, SigReviewPage, card_box);
  gtk_widget_class_bind_template_child (widget_class, SigReviewPage, summary_title);
  gtk_widget_class_bind_template_child (widget_class, SigReviewPage, summary_text);
  gtk_widget_class_bind_template_child (widget_class, SigReviewPage, summary_list);
  gtk_widget_class_bind_template_child (widget_class, SigReviewPage, next_label);
  gtk_widget_class_bind_template_child (widget_class, SigReviewPage, more_button);
  gtk_widget_class_bind_template_child (widget_class, SigReviewPage, library_button);
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_finish_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_library_clicked);
}

static void
sig_review_page_init (SigReviewPage *self)
{
  self->results = g_ptr_array_new_with_free_func ((GDestroyNotify) result_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  sig_accessible_fix_button_names (GTK_WIDGET (self));
  sig_accessible_hide_inactive_pages (self->stack);
}

GtkWidget *
sig_review_page_new (SigStore   *store,
                     SigProfile *profile,
                     const char *language)
{
  return g_object_new (SIG_TYPE_REVIEW_PAGE,
                       "store", store,
                       "profile", profile,
                       "language", language,
                       NULL);
}
