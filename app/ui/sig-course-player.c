/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "sig-accessible.h"
#include "sig-catalog.h"
#include "sig-certificate-labels.h"
#include "sig-certificate-section.h"
#include "sig-course-player.h"
#include "sig-question-view-private.h"
#include "sig-labels.h"
#include "sig-page-view.h"
#include "sig-question-view.h"
#include "sig-safety-buttons.h"
#include "sig-scenario-view.h"
#include "sig-types.h"

typedef SigPlayerPosition PositionKind;
#define POSITION_PRE_CHECK SIG_PLAYER_PRE_CHECK
#define POSITION_ITEM SIG_PLAYER_ITEM
#define POSITION_POST_CHECK SIG_PLAYER_POST_CHECK
#define POSITION_DONE SIG_PLAYER_DONE

struct _SigCoursePlayer
{
  GtkBox parent_instance;

  SigStore *store;
  char *profile_id;
  SigCourse *course;
  char *language;
  SigHelplines *helplines;
  SigCatalog *catalog;
  char *persona_id;     /* a preview's chosen persona, or NULL */

  PositionKind kind;
  guint module_index;
  guint item_index;
  guint question_index;
  /* Opened on an open refresher: it ends with whether the certificate was renewed. */
  gboolean refresher;
  SigStoreCertificate *before_refresher;

  GtkWidget *item_widget;

  GtkWidget *title;
  GtkWidget *back_button;
  GtkWidget *progress;
  GtkWidget *scrolled;
  GtkWidget *content;
  GtkWidget *previous_button;
  GtkWidget *position_label;
  GtkWidget *next_button;
};

G_DEFINE_FINAL_TYPE (SigCoursePlayer, sig_course_player, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PROFILE_ID,
  PROP_COURSE,
  PROP_LANGUAGE,
  PROP_HELPLINES,
  N_PROPS
};

enum {
  SIGNAL_CLOSE,
  SIGNAL_MOVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void show_position (SigCoursePlayer *self);

/* A preview (no store): the course plays from the start and nothing is recorded. */
static gboolean
is_preview (SigCoursePlayer *self)
{
  return self->store == NULL;
}

static const char *
text_of (SigCoursePlayer *self,
         const SigText   *text)
{
  const char *value = text != NULL ? sig_text_get (text, self->language) : NULL;

  return value != NULL ? value : "";
}

static SigModule *
current_module (SigCoursePlayer *self)
{
  if (self->kind != POSITION_ITEM || self->module_index >= self->course->modules->len)
    return NULL;
  return self->course->modules->pdata[self->module_index];
}

static void
show_error (SigCoursePlayer *self,
            const char      *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (!GTK_IS_WINDOW (root))
    {
      g_warning ("%s", message);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (root), _("Your progress could not be saved"), message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_next (SigCoursePlayer *self)
{
  gboolean can_go_on = TRUE;

  if (SIG_IS_QUESTION_VIEW (self->item_widget))
    can_go_on = sig_question_view_get_answered (SIG_QUESTION_VIEW (self->item_widget));
  else if (SIG_IS_SCENARIO_VIEW (self->item_widget))
    {
      const SigEngine *engine = sig_scenario_view_get_engine (SIG_SCENARIO_VIEW (self->item_widget));
      can_go_on = engine != NULL && sig_engine_get_status (engine) == SIG_ENGINE_ENDED;
    }
  gtk_widget_set_sensitive (self->next_button, can_go_on && self->kind != POSITION_DONE);
  gtk_widget_set_visible (self->next_button, self->kind != POSITION_DONE);
}

/* ---- Recording ----------------------------------------------------------- */

static gboolean
on_record_answer (SigQuestionView *view,
                  const char      *response,
                  gpointer         score,
                  SigCoursePlayer *self)
{
  g_autoptr(GError) error = NULL;
  SigQuestion *question = sig_question_view_get_question (view);
  gboolean ok;

  if (is_preview (self))
    return TRUE;
  if (self->kind == POSITION_ITEM)
    ok = sig_store_record_answer (self->store, self->profile_id, self->course,
                                  current_module (self)->id, question->id, response,
                                  score, &error);
  else
    ok = sig_store_record_check_answer (self->store, self->profile_id, self->course,
                                        self->kind == POSITION_PRE_CHECK ? SIG_CHECK_PRE : SIG_CHECK_POST,
                                        question->id, response, score, &error);
  if (!ok)
    sig_question_view_set_error (view, error->message);
  return ok;
}

/* From the feedback, the next Tab goes to Next: what a learner who just
 * read the feedback wants, without passing the page's header again. */
static gboolean
on_feedback_key (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 SigCoursePlayer       *self)
{
  if ((keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab) || (state & GDK_SHIFT_MASK) != 0)
    return FALSE;
  if (!gtk_widget_get_visible (self->next_button) || !gtk_widget_get_sensitive (self->next_button))
    return FALSE;
  return gtk_widget_grab_focus (self->next_button);
}

static void
on_answered (SigCoursePlayer *self)
{
  update_next (self);
  if (SIG_IS_QUESTION_VIEW (self->item_widget))
    {
      GtkWidget *feedback = sig_question_view_get_feedback (SIG_QUESTION_VIEW (self->item_widget));

      if (g_object_get_data (G_OBJECT (feedback), "sig-tab-to-next") == NULL)
        {
          GtkEventController *keys = gtk_event_controller_key_new ();

          g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_feedback_key), self, 0);
          gtk_widget_add_controller (feedback, keys);
          g_object_set_data (G_OBJECT (feedback), "sig-tab-to-next", GINT_TO_POINTER (TRUE));
        }
    }
}

static gboolean
on_record_choice (SigScenarioView *view,
                  const char      *node_id,
                  const char      *choice_id,
                  gpointer         engine,
                  gpointer         error,
                  SigCoursePlayer *self)
{
  if (is_preview (self))
    return TRUE;
  return sig_store_record_choice (self->store, self->profile_id, self->course,
                                  current_module (self)->id, node_id, choice_id,
                                  engine, error);
}

static void
on_scenario_ended (SigCoursePlayer *self)
{
  update_next (self);
}

static void
on_scenario_finished (SigCoursePlayer *self)
{
  sig_course_player_next (self);
}

/* ---- Positions ----------------------------------------------------------- */

static gboolean
refresher_open (SigCoursePlayer *self)
{
  g_autoptr(GError) error = NULL;
  gboolean open = FALSE;

  if (is_preview (self))
    return FALSE;
  if (!sig_store_get_refresher_open (self->store, self->profile_id, self->course->id, &open, &error))
    g_warning ("The refresher cannot be read: %s", error->message);
  return open;
}

/* A preview goes through everything in order: the check before, every
 * module (optional ones too), the check after, the end. */
static void
preview_advance (SigCoursePlayer *self,
                 gboolean         from_start)
{
  gboolean has_check = self->course->knowledge_check->len > 0;
  guint n_modules = self->course->modules->len;

  if (from_start && has_check)
    {
      self->kind = POSITION_PRE_CHECK;
      self->question_index = 0;
    }
  else if (from_start || self->kind == POSITION_PRE_CHECK)
    {
      self->kind = n_modules > 0 ? POSITION_ITEM : has_check ? POSITION_POST_CHECK : POSITION_DONE;
      self->module_index = 0;
      self->item_index = 0;
      self->question_index = 0;
    }
  else if (self->kind == POSITION_ITEM && self->module_index + 1 < n_modules)
    {
      self->module_index++;
      self->item_index = 0;
    }
  else if (self->kind == POSITION_ITEM && has_check)
    {
      self->kind = POSITION_POST_CHECK;
      self->question_index = 0;
    }
  else
    self->kind = POSITION_DONE;
  /* A module without items has nothing to show: on to the next. */
  if (self->kind == POSITION_ITEM && current_module (self)->items->len == 0)
    {
      preview_advance (self, FALSE);
      return;
    }
  show_position (self);
}

static void
go_to_resume_point (SigCoursePlayer *self)
{
  g_autoptr(SigResumePoint) point = NULL;
  g_autoptr(GError) error = NULL;

  if (is_preview (self))
    {
      preview_advance (self, FALSE);
      return;
    }

  /* A refresher ends with its result, not with the rest of the course. */
  if (self->refresher && !refresher_open (self))
    {
      self->kind = POSITION_DONE;
      show_position (self);
      return;
    }
  point = sig_store_get_resume_point (self->store, self->profile_id, self->course, &error);
  if (point == NULL)
    {
      show_error (self, error->message);
      self->kind = POSITION_ITEM;
      self->module_index = 0;
      self->item_index = 0;
      show_position (self);
      return;
    }
  switch (point->kind)
    {
    case SIG_RESUME_PRE_CHECK:
      self->kind = POSITION_PRE_CHECK;
      self->question_index = point->question_index;
      break;
    case SIG_RESUME_ITEM:
      self->kind = POSITION_ITEM;
      self->module_index = point->module_index;
      self->item_index = point->item_index;
      /* An optional module (a refresher) is for later, once the course is
       * done, unless the learner started the refresher. */
      if (point->module_index < self->course->modules->len &&
          !((SigModule *) self->course->modules->pdata[point->module_index])->required &&
          !(self->refresher && refresher_open (self)))
        {
          g_autoptr(SigCourseProgress) progress =
            sig_store_get_progress (self->store, self->profile_id, self->course->id, self->course, NULL);

          if (progress != NULL && progress->completed)
            self->kind = POSITION_DONE;
        }
      break;
    case SIG_RESUME_POST_CHECK:
      self->kind = POSITION_POST_CHECK;
      self->question_index = point->question_index;
      break;
    case SIG_RESUME_DONE:
    default:
      self->kind = POSITION_DONE;
      break;
    }
  show_position (self);
  /* A scenario in progress opens at its last choice. */
  if (point->kind == SIG_RESUME_ITEM && point->scenario_state != NULL &&
      SIG_IS_SCENARIO_VIEW (self->item_widget))
    {
      SigModule *module = current_module (self);
      SigModuleItem *item = module->items->pdata[self->item_index];
      g_autoptr(GError) scenario_error = NULL;
      SigScenario *scenario = NULL;  /* owned by the catalog */
      GtkWidget *view;

      scenario = sig_catalog_resolve_scenario (self->catalog, self->course, item->scenario_ref, &scenario_error);
      if (scenario == NULL)
        return;
      view = sig_scenario_view_new (scenario, self->language, point->scenario_state);
      gtk_box_remove (GTK_BOX (self->content), self->item_widget);
      self->item_widget = view;
      g_signal_connect (view, "record-choice", G_CALLBACK (on_record_choice), self);
      g_signal_connect_swapped (view, "ended", G_CALLBACK (on_scenario_ended), self);
      g_signal_connect_swapped (view, "finished", G_CALLBACK (on_scenario_finished), self);
      gtk_box_append (GTK_BOX (self->content), view);
      update_next (self);
    }
}

void
sig_course_player_resume (SigCoursePlayer *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SIG_IS_COURSE_PLAYER (self));

  if (is_preview (self))
    {
      preview_advance (self, TRUE);
      return;
    }
  if (refresher_open (self))
    {
      /* The refresher goes on in the attempt that earned the certificate:
       * no new attempt. Its certificate now, to tell afterwards whether it was renewed. */
      self->refresher = TRUE;
      g_clear_object (&self->before_refresher);
      if (!sig_store_get_certificate_state (self->store, self->profile_id, self->course->id, NULL,
                                            NULL, &self->before_refresher, NULL, &error))
        g_warning ("The certificate cannot be read: %s", error->message);
    }
  else if (!sig_store_record_started (self->store, self->profile_id, self->course, FALSE, NULL, &error))
    show_error (self, error->message);
  go_to_resume_point (self);
}

gboolean
sig_course_player_get_refresher (SigCoursePlayer *self)
{
  g_return_val_if_fail (SIG_IS_COURSE_PLAYER (self), FALSE);

  return self->refresher;
}

static gboolean
attempt_finished (SigCoursePlayer *self)
{
  g_autoptr(SigCourseProgress) progress = NULL;

  if (is_preview (self))
    return FALSE;
  progress = sig_store_get_progress (self->store, self->profile_id, self->course->id, self->course, NULL);
  return progress != NULL &&
         progress->status != SIG_PROGRESS_NOT_STARTED && progress->status != SIG_PROGRESS_IN_PROGRESS;
}

void
sig_course_player_open_item (SigCoursePlayer *self,
                             guint            module_index,
                             guint            item_index)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SIG_IS_COURSE_PLAYER (self));
  g_return_if_fail (module_index < self->course->modules->len);

  /* Opening a module of a finished attempt reviews it: no new attempt. */
  if (!is_preview (self) && !attempt_finished (self) &&
      !sig_store_record_started (self->store, self->profile_id, self->course, FALSE, NULL, &error))
    show_error (self, error->message);
  self->kind = POSITION_ITEM;
  self->module_index = module_index;
  self->item_index = item_index;
  show_position (self);
}

gboolean
sig_course_player_next (SigCoursePlayer *self)
{
  SigModule *module = current_module (self);

  g_return_val_if_fail (SIG_IS_COURSE_PLAYER (self), FALSE);

  if (!gtk_widget_get_sensitive (self->next_button) || self->kind == POSITION_DONE)
    return FALSE;
  switch (self->kind)
    {
    case POSITION_PRE_CHECK:
    case POSITION_POST_CHECK:
      if (self->question_index + 1 < self->course->knowledge_check->len)
        {
          self->question_index++;
          show_position (self);
        }
      else
        go_to_resume_point (self);
      break;
    case POSITION_ITEM:
      if (module != NULL && self->item_index + 1 < module->items->len)
        {
          self->item_index++;
          show_position (self);
        }
      else
        go_to_resume_point (self);
      break;
    case POSITION_DONE:
    default:
      break;
    }
  return TRUE;
}

static void
on_next_clicked (SigCoursePlayer *self)
{
  sig_course_player_next (self);
}

static void
on_previous_clicked (SigCoursePlayer *self)
{
  if (self->kind == POSITION_ITEM && self->item_index > 0)
    self->item_index--;
  else if ((self->kind == POSITION_PRE_CHECK || self->kind == POSITION_POST_CHECK) && self->question_index > 0)
    self->question_index--;
  else
    return;
  show_position (self);
}

static void
on_back_clicked (SigCoursePlayer *self)
{
  g_signal_emit (self, signals[SIGNAL_CLOSE], 0);
}

static GtkWidget *
label_new (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
certificate_box (SigCoursePlayer *self,
                 GtkWidget       *button)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  /* Just passed or renewed: no refresher to offer. */
  GtkWidget *section = g_object_new (SIG_TYPE_CERTIFICATE_SECTION,
                                     "store", self->store,
                                     "profile-id", self->profile_id,
                                     "course-id", self->course->id,
                                     "show-refresher", FALSE,
                                     NULL);

  gtk_box_append (GTK_BOX (box), section);
  gtk_box_append (GTK_BOX (box), button);
  return box;
}

/* After a refresher: renewed when the latest certificate is a refresher's,
 * newer than the one held before, and valid for longer. */
static GtkWidget *
refresher_summary (SigCoursePlayer *self,
                   GtkWidget       *status,
                   GtkWidget       *button)
{
  g_autoptr(SigStoreCertificate) latest = NULL;
  g_autoptr(GError) error = NULL;
  SigStoreCertificateState state = SIG_STORE_CERTIFICATE_NONE;
  g_autofree char *date = NULL;
  g_autofree char *description = NULL;
  gboolean renewed;

  if (!sig_store_get_certificate_state (self->store, self->profile_id, self->course->id, NULL,
                                        &state, &latest, NULL, &error))
    g_warning ("The certificate cannot be read: %s", error->message);
  renewed = latest != NULL &&
            sig_store_certificate_get_kind (latest) == SIG_STORE_CERTIFICATE_REFRESHER &&
            (self->before_refresher == NULL ||
             (g_strcmp0 (sig_store_certificate_get_id (latest), sig_store_certificate_get_id (self->before_refresher)) != 0 &&
              g_date_time_compare (sig_store_certificate_get_valid_until (latest),
                                   sig_store_certificate_get_valid_until (self->before_refresher)) > 0));
  if (latest != NULL)
    date = sig_date_label (sig_store_certificate_get_valid_until (latest));
  if (renewed)
    {
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "emblem-ok-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Certificate Renewed"));
      description = g_strdup_printf (_("You passed the refresher. Your certificate is now valid until %s."), date);
      adw_status_page_set_description (ADW_STATUS_PAGE (status), description);
      return certificate_box (self, button);
    }
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "view-refresh-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Certificate Not Renewed"));
  if (date == NULL)
    description = g_strdup (_("The refresher was not passed, so there is no new certificate. You can take the refresher again from the course page."));
  else if (state == SIG_STORE_CERTIFICATE_EXPIRED)
    description = g_strdup_printf (_("The refresher was not passed, so your certificate was not renewed; it expired on %s. You can take the refresher again from the course page."), date);
  else
    description = g_strdup_printf (_("The refresher was not passed, so your certificate was not renewed; it stays valid until %s. You can take the refresher again from the course page."), date);
  adw_status_page_set_description (ADW_STATUS_PAGE (status), description);
  return button;
}

static GtkWidget *
summary_widget (SigCoursePlayer *self)
{
  g_autoptr(SigCourseProgress) progress = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Back to the Course"));
  GtkWidget *child = button;
  g_autofree char *description = NULL;
  const char *title = _("Course completed");
  const char *icon = "emblem-ok-symbolic";

  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_back_clicked), self);
  gtk_widget_add_css_class (status, "course-summary");
  if (is_preview (self))
    {
      gtk_button_set_label (GTK_BUTTON (button), _("_Start Again"));
      g_signal_handlers_disconnect_by_func (button, on_back_clicked, self);
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (sig_course_player_resume), self);
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "emblem-ok-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("End of the Preview"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       _("Learners see their score, and their certificate when they pass, here. Nothing of this preview was recorded."));
      adw_status_page_set_child (ADW_STATUS_PAGE (status), button);
      return status;
    }
  if (self->refresher)
    {
      adw_status_page_set_child (ADW_STATUS_PAGE (status), refresher_summary (self, status, button));
      return status;
    }

  progress = sig_store_get_progress (self->store, self->profile_id, self->course->id, self->course, &error);
  if (progress != NULL)
    {
      switch (progress->status)
        {
        case SIG_PROGRESS_PASSED:
          title = _("You passed");
          {
            g_autofree char *score = g_strdup_printf (_("Your score is %.0f%%; the pass mark is %u%%. Your certificate is valid for %u months."),
                                                      (double) sig_certificate_round_percent (progress->score), self->course->pass_mark, self->course->validity_months);

            /* Calm and respectful: the subject is violence, so no celebration. */
            description = g_strjoin ("\n\n",
                                     _("Thank you for taking the time for this. Noticing the signs and asking about them can make a real difference to someone."),
                                     score,
                                     _("If the subject touched you personally, the helplines are there for you too (F1)."),
                                     NULL);
          }
          child = certificate_box (self, button);
          break;
        case SIG_PROGRESS_FAILED:
          title = _("Not passed yet");
          icon = "view-refresh-symbolic";
          description = g_strdup_printf (_("Your score is %.0f%%; the pass mark is %u%%. You can take the course again from the course page."),
                                         (double) sig_certificate_round_percent (progress->score), self->course->pass_mark);
          break;
        case SIG_PROGRESS_COMPLETED:
          description = g_strdup (_("You finished every required module."));
          break;
        default:
          title = _("Well done so far");
          description = g_strdup (_("Some required parts of this course are still open. You find them on the course page."));
          break;
        }
      if (progress->has_knowledge_check && progress->pre_score >= 0 && progress->post_score >= 0)
        {
          g_autofree char *check = g_strdup_printf (_("Knowledge check: %.0f%% before, %.0f%% after."),
                                                    (double) sig_certificate_round_percent (progress->pre_score),
                                                    (double) sig_certificate_round_percent (progress->post_score));
          g_autofree char *joined = g_strjoin ("\n\n", description, check, NULL);
          g_free (description);
          description = g_steal_pointer (&joined);
        }
    }
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (status), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (status), description);
  adw_status_page_set_child (ADW_STATUS_PAGE (status), child);
  return status;
}

static GtkWidget *
check_widget (SigCoursePlayer *self)
{
  SigQuestion *question = self->course->knowledge_check->pdata[self->question_index];
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *view = sig_question_view_new (self->course, question, self->language);

  gtk_box_append (GTK_BOX (box),
                  label_new (self->kind == POSITION_PRE_CHECK
                             ? _("Before you start: a short knowledge check. It does not count for your score; it shows what you learn.")
                             : _("You finished the modules. The same knowledge check again shows what you learned."),
                             "dim-label"));
  g_signal_connect (view, "record", G_CALLBACK (on_record_answer), self);
  g_signal_connect_swapped (view, "answered", G_CALLBACK (on_answered), self);
  gtk_box_append (GTK_BOX (box), view);
  self->item_widget = view;
  return box;
}

static GtkWidget *
item_widget (SigCoursePlayer *self)
{
  SigModule *module = current_module (self);
  SigModuleItem *item = module->items->pdata[self->item_index];
  g_autoptr(GError) error = NULL;

  switch (item->kind)
    {
    case SIG_ITEM_PAGE:
      if (!is_preview (self) &&
          !sig_store_record_page_viewed (self->store, self->profile_id, self->course,
                                         module->id, item->page->id, &error))
        show_error (self, error->message);
      return sig_page_view_new (self->course, item->page, self->language, self->helplines);
    case SIG_ITEM_QUESTION:
      {
        GtkWidget *view = sig_question_view_new (self->course, item->question, self->language);
        g_autoptr(GHashTable) answers = NULL;
        const char *response;

        if (is_preview (self))
          {
            g_signal_connect (view, "record", G_CALLBACK (on_record_answer), self);
            g_signal_connect_swapped (view, "answered", G_CALLBACK (on_answered), self);
            return view;
          }
        answers = sig_store_get_answers (self->store, self->profile_id, self->course->id, &error);
        response = answers != NULL ? g_hash_table_lookup (answers, item->question->id) : NULL;

        /* An answered question is shown with its answer and feedback, read
         * only: going back never blanks it, and it is not answered again
         * unless the learner takes the course again. */
        if (answers == NULL)
          g_warning ("The answers cannot be read: %s", error->message);
        else if (response != NULL && !sig_question_view_show_answer (SIG_QUESTION_VIEW (view), response))
          g_debug ("The stored answer to %s no longer fits the question", item->question->id);
        g_signal_connect (view, "record", G_CALLBACK (on_record_answer), self);
        g_signal_connect_swapped (view, "answered", G_CALLBACK (on_answered), self);
        return view;
      }
    case SIG_ITEM_SCENARIO:
      {
        SigScenario *scenario = sig_catalog_resolve_scenario (self->catalog, self->course,
                                                                        item->scenario_ref, &error);
        GtkWidget *view;

        if (scenario == NULL)
          {
            g_autofree char *text = g_strdup_printf (_("This scenario cannot be shown: %s"), error->message);
            return label_new (text, "error");
          }
        view = sig_scenario_view_new (scenario, self->language, NULL);
        /* A persona chosen in the preview skips the choice of one. */
        if (self->persona_id != NULL && sig_scenario_find_persona (scenario, self->persona_id) != NULL &&
            !sig_scenario_view_start (SIG_SCENARIO_VIEW (view), self->persona_id, &error))
          g_warning ("%s", error->message);
        g_signal_connect (view, "record-choice", G_CALLBACK (on_record_choice), self);
        g_signal_connect_swapped (view, "ended", G_CALLBACK (on_scenario_ended), self);
        g_signal_connect_swapped (view, "finished", G_CALLBACK (on_scenario_finished), self);
        return view;
      }
    default:
      return label_new ("", NULL);
    }
}

static void
show_position (SigCoursePlayer *self)
{
  SigModule *module = current_module (self);
  g_autofree char *position = NULL;
  GtkWidget *child;
  GtkAdjustment *adjustment;
  double fraction = 1.0;

  while ((child = gtk_widget_get_first_child (self->content)) != NULL)
    gtk_box_remove (GTK_BOX (self->content), child);
  self->item_widget = NULL;

  switch (self->kind)
    {
    case POSITION_PRE_CHECK:
    case POSITION_POST_CHECK:
      {
        guint n = self->course->knowledge_check->len;

        adw_window_title_set_title (ADW_WINDOW_TITLE (self->title),
                                    self->kind == POSITION_PRE_CHECK ? _("Knowledge Check Before") : _("Knowledge Check After"));
        position = g_strdup_printf (_("Question %u of %u"), self->question_index + 1, n);
        fraction = (double) (self->question_index + 1) / MAX (n, 1);
        gtk_box_append (GTK_BOX (self->content), check_widget (self));
      }
      break;
    case POSITION_ITEM:
      {
        guint n = module->items->len;

        adw_window_title_set_title (ADW_WINDOW_TITLE (self->title), text_of (self, module->title));
        position = g_strdup_printf (_("Part %u of %u"), self->item_index + 1, n);
        fraction = (double) (self->item_index + 1) / MAX (n, 1);
        self->item_widget = item_widget (self);
        gtk_box_append (GTK_BOX (self->content), self->item_widget);
      }
      break;
    case POSITION_DONE:
    default:
      adw_window_title_set_title (ADW_WINDOW_TITLE (self->title), text_of (self, self->course->title));
      position = g_strdup ("");
      self->item_widget = summary_widget (self);
      gtk_box_append (GTK_BOX (self->content), self->item_widget);
      break;
    }
  adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->title),
                                 self->kind == POSITION_DONE ? NULL : text_of (self, self->course->title));
  gtk_label_set_text (GTK_LABEL (self->position_label), position);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress), fraction);
  gtk_widget_set_visible (self->progress, self->kind != POSITION_DONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, position,
                                  -1);
  gtk_widget_set_visible (self->previous_button,
                          (self->kind == POSITION_ITEM && self->item_index > 0) ||
                          ((self->kind == POSITION_PRE_CHECK || self->kind == POSITION_POST_CHECK) && self->question_index > 0));
  update_next (self);
  sig_accessible_fix_button_names (self->content);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled));
  gtk_adjustment_set_value (adjustment, 0);
  g_signal_emit (self, signals[SIGNAL_MOVED], 0);
}

GtkWidget *
sig_course_player_get_item_widget (SigCoursePlayer *self)
{
  return self->item_widget;
}

/* ---- GObject ------------------------------------------------------------- */

static void
sig_course_player_dispose (GObject *object)
{
  SigCoursePlayer *self = SIG_COURSE_PLAYER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->before_refresher);
  G_OBJECT_CLASS (sig_course_player_parent_class)->dispose (object);
}

static void
sig_course_player_finalize (GObject *object)
{
  SigCoursePlayer *self = SIG_COURSE_PLAYER (object);

  g_clear_pointer (&self->course, sig_course_unref);
  g_clear_pointer (&self->catalog, sig_catalog_free);
  g_free (self->profile_id);
  g_free (self->language);
  g_free (self->persona_id);
  G_OBJECT_CLASS (sig_course_player_parent_class)->finalize (object);
}

static void
sig_course_player_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SigCoursePlayer *self = SIG_COURSE_PLAYER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PROFILE_ID:
      g_value_set_string (value, self->profile_id);
      break;
    case PROP_COURSE:
      g_value_set_boxed (value, self->course);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_HELPLINES:
      g_value_set_pointer (value, self->helplines);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sig_course_player_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SigCoursePlayer *self = SIG_COURSE_PLAYER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PROFILE_ID:
      self->profile_id = g_value_dup_string (value);
      break;
    case PROP_COURSE:
      self->course = g_value_dup_boxed (value);
      break;
    case PROP_LANGUAGE:
      self->language = g_value_dup_string (value);
      break;
    case PROP_HELPLINES:
      self->helplines = g_value_get_pointer (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sig_course_player_class_init (SigCoursePlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sig_course_player_dispose;
  object_class->finalize = sig_course_player_finalize;
  object_class->get_property = sig_course_player_get_property;
  object_class->set_property = sig_course_player_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SIG_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE_ID] =
    g_param_spec_string ("profile-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COURSE] =
    g_param_spec_boxed ("course", NULL, NULL, SIG_TYPE_COURSE,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, "en",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HELPLINES] =
    g_param_spec_pointer ("helplines", NULL, NULL,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CLOSE] =
    g_signal_new ("close", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Another item, check question or scenario is shown. */
  signals[SIGNAL_MOVED] =
    g_signal_new ("moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SIG_TYPE_SAFETY_BUTTONS);
  gtk_widget_class_set_template_from_resource (widget_class, "/nl/signaal/Signaal/sig-course-player.ui");
  gtk_widget_class_bind_template_child (widget_class, SigCoursePlayer, title);
  gtk_widget_class_bind_template_child (widget_class, SigCoursePlayer, back_button);
  gtk_widget_class_bind_template_child (widget_class, SigCoursePlayer, progress);
  gtk_widget_class_bind_template_child (widget_class, SigCoursePlayer, scrolled);
  gtk_widget_class_bind_template_child (widget_class, SigCoursePlayer, content);
  gtk_widget_class_bind_template_child (widget_class, SigCoursePlayer, previous_button);
  gtk_widget_class_bind_template_child (widget_class, SigCoursePlayer, position_label);
  gtk_widget_class_bind_template_child (widget_class, SigCoursePlayer, next_button);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_previous_clicked);
}

static void
sig_course_player_init (SigCoursePlayer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sig_accessible_fix_button_names (GTK_WIDGET (self));
  self->catalog = sig_catalog_new ();
}

GtkWidget *
sig_course_player_new (SigStore     *store,
                       const char   *profile_id,
                       SigCourse    *course,
                       const char   *language,
                       SigHelplines *helplines)
{
  return g_object_new (SIG_TYPE_COURSE_PLAYER,
                       "store", store,
                       "profile-id", profile_id,
                       "course", course,
                       "language", language,
                       "helplines", helplines,
                       NULL);
}

/* ---- Preview ------------------------------------------------------------- */

GtkWidget *
sig_course_player_new_preview (SigCourse    *course,
                               const char   *language,
                               SigHelplines *helplines)
{
  GtkWidget *player = g_object_new (SIG_TYPE_COURSE_PLAYER,
                                    "course", course,
                                    "language", language,
                                    "helplines", helplines,
                                    NULL);

  /* Nothing to go back to: the preview is the whole window. */
  gtk_widget_set_visible (SIG_COURSE_PLAYER (player)->back_button, FALSE);
  return player;
}

SigPlayerPosition
sig_course_player_get_position (SigCoursePlayer *self,
                                guint           *module_index,
                                guint           *item_index,
                                guint           *question_index)
{
  g_return_val_if_fail (SIG_IS_COURSE_PLAYER (self), SIG_PLAYER_DONE);

  if (module_index != NULL)
    *module_index = self->module_index;
  if (item_index != NULL)
    *item_index = self->item_index;
  if (question_index != NULL)
    *question_index = self->question_index;
  return self->kind;
}

void
sig_course_player_show_position (SigCoursePlayer   *self,
                                 SigPlayerPosition  position,
                                 guint              module_index,
                                 guint              item_index,
                                 guint              question_index)
{
  g_return_if_fail (SIG_IS_COURSE_PLAYER (self));
  g_return_if_fail (is_preview (self));

  if (position == SIG_PLAYER_ITEM &&
      (module_index >= self->course->modules->len ||
       item_index >= ((SigModule *) self->course->modules->pdata[module_index])->items->len))
    position = SIG_PLAYER_DONE;
  if ((position == SIG_PLAYER_PRE_CHECK || position == SIG_PLAYER_POST_CHECK) &&
      question_index >= self->course->knowledge_check->len)
    position = SIG_PLAYER_DONE;
  self->kind = position;
  self->module_index = module_index;
  self->item_index = item_index;
  self->question_index = question_index;
  show_position (self);
}

void
sig_course_player_set_persona (SigCoursePlayer *self,
                               const char      *persona_id)
{
  g_return_if_fail (SIG_IS_COURSE_PLAYER (self));

  g_free (self->persona_id);
  self->persona_id = g_strdup (persona_id);
}

const char *
sig_course_player_get_persona (SigCoursePlayer *self)
{
  g_return_val_if_fail (SIG_IS_COURSE_PLAYER (self), NULL);
  return self->persona_id;
}

gboolean
sig_course_player_show_scenario_state (SigCoursePlayer *self,
                                       guint            module_index,
                                       guint            item_index,
                                       const char      *state)
{
  g_autoptr(GError) error = NULL;
  SigScenario *scenario;
  SigModuleItem *item;
  GtkWidget *view;

  g_return_val_if_fail (SIG_IS_COURSE_PLAYER (self), FALSE);
  g_return_val_if_fail (is_preview (self), FALSE);

  sig_course_player_show_position (self, SIG_PLAYER_ITEM, module_index, item_index, 0);
  if (self->kind != POSITION_ITEM || !SIG_IS_SCENARIO_VIEW (self->item_widget) || state == NULL)
    return FALSE;
  item = current_module (self)->items->pdata[self->item_index];
  scenario = sig_catalog_resolve_scenario (self->catalog, self->course, item->scenario_ref, &error);
  if (scenario == NULL)
    return FALSE;
  {
    g_autoptr(SigEngine) engine = sig_engine_deserialize (scenario, state, NULL);

    /* A state that no longer fits the scenario (a choice removed): keep the item. */
    if (engine == NULL)
      return FALSE;
  }
  view = sig_scenario_view_new (scenario, self->language, state);
  gtk_box_remove (GTK_BOX (self->content), self->item_widget);
  self->item_widget = view;
  g_signal_connect (view, "record-choice", G_CALLBACK (on_record_choice), self);
  g_signal_connect_swapped (view, "ended", G_CALLBACK (on_scenario_ended), self);
  g_signal_connect_swapped (view, "finished", G_CALLBACK (on_scenario_finished), self);
  gtk_box_append (GTK_BOX (self->content), view);
  update_next (self);
  sig_accessible_fix_button_names (self->content);
  g_signal_emit (self, signals[SIGNAL_MOVED], 0);
  return TRUE;
}

SigScenario *
sig_course_player_get_scenario (SigCoursePlayer *self)
{
  g_return_val_if_fail (SIG_IS_COURSE_PLAYER (self), NULL);

  SigScenario *scenario = NULL;

  g_return_val_if_fail (SIG_IS_COURSE_PLAYER (self), NULL);

  if (!SIG_IS_SCENARIO_VIEW (self->item_widget))
    return NULL;
  g_object_get (self->item_widget, "scenario", &scenario, NULL);
  /* The catalog keeps it: a borrowed pointer, like the engine's. */
  if (scenario != NULL)
    sig_scenario_unref (scenario);
  return scenario;
}
