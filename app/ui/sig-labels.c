/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sig-certificate-labels.h"
#include "sig-course.h"
#include "sig-helplines.h"
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

const char *
sig_region_label (const char *region)
{
  if (g_strcmp0 (region, "nl") == 0)
    return _("European Netherlands");
  if (g_strcmp0 (region, "bonaire") == 0)
    return _("Bonaire");
  if (g_strcmp0 (region, "sint-eustatius") == 0)
    return _("Sint Eustatius");
  if (g_strcmp0 (region, "saba") == 0)
    return _("Saba");
  return region;
}

static void
on_region_selected (AdwComboRow *row,
                    GParamSpec  *pspec,
                    GSettings   *settings)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected < SIG_N_REGIONS)
    g_settings_set_string (settings, "region", sig_regions ()[selected]);
}

void
sig_region_row_bind (AdwComboRow *row,
                     GSettings   *settings)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *region = g_settings_get_string (settings, "region");
  guint selected = 0;

  for (guint i = 0; sig_regions ()[i] != NULL; i++)
    {
      gtk_string_list_append (labels, sig_region_label (sig_regions ()[i]));
      if (g_str_equal (region, sig_regions ()[i]))
        selected = i;
    }
  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (row, selected);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_region_selected), settings, 0);
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
  /* Translators: the Dutch reporting code for domestic violence and child
   * abuse (Wet verplichte meldcode); a legal term that stays in Dutch. */
  if (g_strcmp0 (theme, "meldcode") == 0)
    return g_strdup (_("Meldcode"));
  if (g_strcmp0 (theme, "online-violence") == 0)
    return g_strdup (_("Online violence"));
  if (g_strcmp0 (theme, "gbv-basics") == 0)
    return g_strdup (_("Gender-based violence: the basics"));
  if (g_strcmp0 (theme, "bystander-intervention") == 0)
    return g_strdup (_("Bystander intervention"));
  if (g_strcmp0 (theme, "economic-abuse") == 0)
    return g_strdup (_("Economic abuse"));
  if (g_strcmp0 (theme, "caribbean-netherlands") == 0)
    return g_strdup (_("Caribbean Netherlands"));
  /* A free tag: "some-theme" reads as "Some theme". */
  text = g_strdelimit (g_strdup (theme != NULL ? theme : ""), "-", ' ');
  if (text[0] != '\0')
    text[0] = g_ascii_toupper (text[0]);
  return g_steal_pointer (&text);
}

const char *
sig_meldcode_step_label (guint step)
{
  switch (step)
    {
    /* Translators: "meldcode" is the Dutch reporting code (Wet verplichte
     * meldcode), a legal term that stays in Dutch in every language. */
    case 1:
      return _("Meldcode step 1: map the signals");
    case 2:
      return _("Meldcode step 2: consult a colleague, and Veilig Thuis if needed");
    case 3:
      return _("Meldcode step 3: talk with the client");
    case 4:
      return _("Meldcode step 4: weigh the violence with the assessment framework");
    case 5:
      return _("Meldcode step 5: decide on help and on reporting");
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
sig_initials (const char *name)
{
  g_auto(GStrv) words = g_strsplit_set (name != NULL ? name : "", " \t", -1);
  GString *initials = g_string_new (NULL);
  const char *first = NULL, *last = NULL;

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0' && g_utf8_validate (words[i], -1, NULL))
      {
        if (first == NULL)
          first = words[i];
        last = words[i];
      }
  if (first != NULL)
    g_string_append_unichar (initials, g_unichar_toupper (g_utf8_get_char (first)));
  if (last != NULL && last != first)
    g_string_append_unichar (initials, g_unichar_toupper (g_utf8_get_char (last)));
  return g_string_free (initials, FALSE);
}

char *
sig_minutes_label (guint minutes)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", minutes), minutes);
}

char *
sig_date_label (GDateTime *date)
{
  static const char *months[] = {
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
  };
  g_autoptr(GDateTime) local = NULL;
  int month;

  g_return_val_if_fail (date != NULL, NULL);

  /* Month names of the interface language, whatever LC_TIME says. */
  local = g_date_time_to_local (date);
  month = g_date_time_get_month (local);
  /* Translators: a date: day, name of the month, year, as in "3 March 2027". */
  return g_strdup_printf (_("%1$d %2$s %3$d"), g_date_time_get_day_of_month (local),
                          _(months[CLAMP (month, 1, 12) - 1]), g_date_time_get_year (local));
}

char *
sig_due_label (gint64 due,
               gint64 now)
{
  g_autoptr(GDateTime) due_time = g_date_time_new_from_unix_local (due / 1000);
  g_autoptr(GDateTime) now_time = g_date_time_new_from_unix_local (now / 1000);
  g_autoptr(GDate) due_day = NULL;
  g_autoptr(GDate) today = NULL;
  gint64 minutes = (due - now + 59999) / 60000;
  int days;

  if (due <= now)
    return g_strdup (_("now"));
  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %u minute", "in %u minutes", (gulong) minutes),
                            (guint) minutes);
  due_day = g_date_new_dmy (g_date_time_get_day_of_month (due_time), g_date_time_get_month (due_time),
                            g_date_time_get_year (due_time));
  today = g_date_new_dmy (g_date_time_get_day_of_month (now_time), g_date_time_get_month (now_time),
                          g_date_time_get_year (now_time));
  days = g_date_days_between (today, due_day);
  if (days == 0)
    {
      g_autofree char *clock = g_date_time_format (due_time, "%H:%M");

      /* Translators: %s is a time of day, as in "today at 16:05". */
      return g_strdup_printf (_("today at %s"), clock);
    }
  if (days == 1)
    return g_strdup (_("tomorrow"));
  if (days < 7)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d day", "in %d days", (gulong) days), days);
  {
    g_autofree char *date = sig_date_label (due_time);

    /* Translators: %s is a date, as in "on 3 March 2027". */
    return g_strdup_printf (_("on %s"), date);
  }
}

char *
sig_points_number (double points)
{
  double rounded = round (points * 10.0) / 10.0;

  /* printf uses the decimal separator of LC_NUMERIC: "0,7" in Dutch. */
  if (fabs (rounded - round (rounded)) < 1e-9)
    return g_strdup_printf ("%.0f", rounded);
  return g_strdup_printf ("%.1f", rounded);
}

char *
sig_points_label (double points,
                  double max)
{
  g_autofree char *got = sig_points_number (points);
  g_autofree char *of = sig_points_number (max);

  /* Translators: points earned of the points a question is worth, as in "0.7 of 2 points". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s point", "%s of %s points",
                                       fabs (max - 1.0) < 1e-9 ? 1 : 2),
                          got, of);
}

char *
sig_certificate_state_label (SigStoreCertificateState  state,
                             SigStoreCertificate      *latest,
                             gboolean                  refresher_available)
{
  g_autofree char *date = NULL;

  if (state == SIG_STORE_CERTIFICATE_NONE || latest == NULL)
    return g_strdup (_("No certificate yet"));
  date = sig_date_label (sig_store_certificate_get_valid_until (latest));
  switch (state)
    {
    case SIG_STORE_CERTIFICATE_EXPIRED:
      if (refresher_available)
        return g_strdup_printf (_("Certificate expired on %s: take the refresher"), date);
      return g_strdup_printf (_("Certificate expired on %s"), date);
    case SIG_STORE_CERTIFICATE_EXPIRING:
      return g_strdup_printf (_("Certificate expires soon, on %s"), date);
    case SIG_STORE_CERTIFICATE_VALID:
    case SIG_STORE_CERTIFICATE_NONE:
    default:
      return g_strdup_printf (_("Certificate valid until %s"), date);
    }
}

char *
sig_certificate_state_short_label (SigStoreCertificateState  state,
                                   SigStoreCertificate      *latest,
                                   gboolean                  refresher_available)
{
  g_autofree char *date = NULL;

  if (state == SIG_STORE_CERTIFICATE_NONE || latest == NULL)
    return g_strdup (_("None yet"));
  date = sig_date_label (sig_store_certificate_get_valid_until (latest));
  switch (state)
    {
    case SIG_STORE_CERTIFICATE_EXPIRED:
      if (refresher_available)
        return g_strdup_printf (_("Expired on %s: take the refresher"), date);
      return g_strdup_printf (_("Expired on %s"), date);
    case SIG_STORE_CERTIFICATE_EXPIRING:
      return g_strdup_printf (_("Expires soon, on %s"), date);
    case SIG_STORE_CERTIFICATE_VALID:
    case SIG_STORE_CERTIFICATE_NONE:
    default:
      return g_strdup_printf (_("Valid until %s"), date);
    }
}

char *
sig_did_short (const char *did)
{
  const char *key;
  glong length;

  if (did == NULL)
    return NULL;
  key = g_str_has_prefix (did, "did:key:") ? did + strlen ("did:key:") : did;
  length = g_utf8_strlen (key, -1);
  if (length <= 16)
    return g_strdup (did);
  {
    g_autofree char *head = g_utf8_substring (key, 0, 6);
    g_autofree char *tail = g_utf8_substring (key, length - 6, length);

    return g_strdup_printf ("%.*s%s…%s", (int) (key - did), did, head, tail);
  }
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
        return g_strdup_printf (_("In progress, score so far %.0f%%"), (double) sig_certificate_round_percent (progress->score));
      return g_strdup (_("In progress"));
    case SIG_PROGRESS_COMPLETED:
      return g_strdup (_("Completed"));
    case SIG_PROGRESS_PASSED:
      return g_strdup_printf (_("Passed with %.0f%%"), (double) sig_certificate_round_percent (progress->score));
    case SIG_PROGRESS_FAILED:
      return g_strdup_printf (_("Not passed, %.0f%%"), (double) sig_certificate_round_percent (progress->score));
    case SIG_PROGRESS_NOT_STARTED:
    default:
      return g_strdup (_("Not started"));
    }
}
