/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sig-course.h"
#include "sig-labels.h"

static const char *const sector_ids[SIG_N_SECTORS + 1] = {
  "healthcare", "education", "dental", "hair-beauty", "childcare",
  "social-work", "sport-community", "general", NULL,
};

const char *const *
sig_sector_ids (void)
{
  return sector_ids;
}

const char *
sig_sector_label (const char *sector)
{
  if (g_strcmp0 (sector, "healthcare") == 0)
    return _("Healthcare");
  if (g_strcmp0 (sector, "education") == 0)
    return _("Education");
  if (g_strcmp0 (sector, "dental") == 0)
    return _("Dental care");
  if (g_strcmp0 (sector, "hair-beauty") == 0)
    return _("Hair and beauty");
  if (g_strcmp0 (sector, "childcare") == 0)
    return _("Childcare");
  if (g_strcmp0 (sector, "social-work") == 0)
    return _("Social work");
  if (g_strcmp0 (sector, "sport-community") == 0)
    return _("Sport and community");
  if (g_strcmp0 (sector, "general") == 0)
    return _("General");
  return sector;
}

char *
sig_theme_label (const char *theme)
{
  g_autofree char *text = NULL;

  if (g_strcmp0 (theme, "coercive-control") == 0)
    return g_strdup (_("Coercive control"));
  if (g_strcmp0 (theme, "transgender-sensitivity") == 0)
    return g_strdup (_("Transgender sensitivity"));
  if (g_strcmp0 (theme, "male-victims") == 0)
    return g_strdup (_("Male victims"));
  if (g_strcmp0 (theme, "meldcode") == 0)
    return g_strdup (_("Reporting code"));
  if (g_strcmp0 (theme, "online-violence") == 0)
    return g_strdup (_("Online violence"));
  /* A free tag: "some-theme" reads as "Some theme". */
  text = g_strdelimit (g_strdup (theme), "-", ' ');
  if (text[0] != '\0')
    text[0] = g_ascii_toupper (text[0]);
  return g_steal_pointer (&text);
}

const char *
sig_meldcode_step_label (guint step)
{
  switch (step)
    {
    case 1:
      return _("Step 1: map the signals");
    case 2:
      return _("Step 2: consult a colleague, and Veilig Thuis if needed");
    case 3:
      return _("Step 3: talk with the client");
    case 4:
      return _("Step 4: weigh the violence with the assessment framework");
    case 5:
      return _("Step 5: decide on help and on reporting");
    default:
      return NULL;
    }
}

const char *
sig_question_type_label (int type)
{
  switch ((SigQuestionType) type)
    {
    case SIG_QUESTION_SINGLE:
      return _("Choose one answer");
    case SIG_QUESTION_MULTIPLE:
      return _("Choose every answer that applies");
    case SIG_QUESTION_TRUE_FALSE:
      return _("True or false");
    case SIG_QUESTION_ORDERING:
      return _("Put in order");
    case SIG_QUESTION_MATCHING:
      return _("Match the pairs");
    case SIG_QUESTION_SPOT_SIGNALS:
      return _("Select the signals");
    default:
      return "";
    }
}

char *
sig_course_language (GSettings *settings)
{
  g_autofree char *chosen = settings != NULL ? g_settings_get_string (settings, "language") : NULL;
  const char *const *names;

  if (chosen != NULL && chosen[0] != '\0')
    return g_steal_pointer (&chosen);
  names = g_get_language_names ();
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "nl"))
        return g_strdup ("nl");
      if (g_str_has_prefix (names[i], "en"))
        return g_strdup ("en");
    }
  return g_strdup ("en");
}

char *
sig_minutes_label (guint minutes)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", minutes), minutes);
}

SigCertificateState
sig_certificate_state (const SigCourseProgress *progress,
                       guint                    validity_months,
                       char                   **text)
{
  g_autoptr(GDateTime) earned = NULL;
  g_autoptr(GDateTime) expires = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = NULL;
  GTimeSpan left;

  if (progress == NULL || !progress->ever_passed || progress->completed_at == 0)
    {
      if (text != NULL)
        *text = g_strdup (_("No certificate yet"));
      return SIG_CERTIFICATE_NONE;
    }
  earned = g_date_time_new_from_unix_local (progress->completed_at / G_USEC_PER_SEC);
  expires = g_date_time_add_months (earned, (int) validity_months);
  /* Translators: a date, as in "3 March 2027"; see g_date_time_format(). */
  date = g_date_time_format (expires, _("%-d %B %Y"));
  left = g_date_time_difference (expires, now);
  if (left <= 0)
    {
      if (text != NULL)
        *text = g_strdup_printf (_("Certificate expired on %s: take the refresher"), date);
      return SIG_CERTIFICATE_EXPIRED;
    }
  if (left < 60 * G_TIME_SPAN_DAY)
    {
      if (text != NULL)
        *text = g_strdup_printf (_("Certificate expires soon, on %s"), date);
      return SIG_CERTIFICATE_EXPIRING;
    }
  if (text != NULL)
    *text = g_strdup_printf (_("Certificate valid until %s"), date);
  return SIG_CERTIFICATE_VALID;
}

char *
sig_progress_label (const SigCourseProgress *progress)
{
  if (progress == NULL)
    return g_strdup (_("Not started"));
  switch (progress->status)
    {
    case SIG_PROGRESS_IN_PROGRESS:
      if (progress->has_score)
        return g_strdup_printf (_("In progress, score so far %.0f%%"), progress->score);
      return g_strdup (_("In progress"));
    case SIG_PROGRESS_COMPLETED:
      return g_strdup (_("Completed"));
    case SIG_PROGRESS_PASSED:
      return g_strdup_printf (_("Passed with %.0f%%"), progress->score);
    case SIG_PROGRESS_FAILED:
      return g_strdup_printf (_("Not passed, %.0f%%"), progress->score);
    case SIG_PROGRESS_NOT_STARTED:
    default:
      return g_strdup (_("Not started"));
    }
}
