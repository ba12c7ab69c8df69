/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sig-certificate-labels.h"

typedef struct {
  const char *en;
  const char *nl;
} Bilingual;

static const Bilingual labels[SIG_N_LABELS] = {
  [SIG_LABEL_CERTIFICATE] = { N_("Certificate"), "Certificaat" },
  [SIG_LABEL_CERTIFIES] = { N_("This certifies that"), "Hierbij wordt verklaard dat" },
  [SIG_LABEL_COMPLETED_COURSE] = { N_("has successfully completed the course"),
                                   "de volgende cursus met goed gevolg heeft afgerond" },
  /* Translators: %s is a version number such as 1.2.0 */
  [SIG_LABEL_VERSION] = { N_("version %s"), "versie %s" },
  [SIG_LABEL_COURSE_BY] = { N_("Course by"), "Cursus van" },
  [SIG_LABEL_SECTOR] = { N_("Sector"), "Sector" },
  [SIG_LABEL_SECTORS] = { N_("Sectors"), "Sectoren" },
  [SIG_LABEL_SCORE] = { N_("Score"), "Score" },
  [SIG_LABEL_COMPLETED_ON] = { N_("Completed on"), "Behaald op" },
  [SIG_LABEL_VALID_UNTIL] = { N_("Valid until"), "Geldig tot" },
  [SIG_LABEL_ACCREDITATION] = { N_("Accreditation"), "Accreditatie" },
  [SIG_LABEL_POINT] = { N_("%d point"), "%d punt" },
  [SIG_LABEL_POINTS] = { N_("%d points"), "%d punten" },
  /* Translators: %s is a number of points with a fraction, such as 1.5 */
  [SIG_LABEL_POINTS_DECIMAL] = { N_("%s points"), "%s punten" },
  [SIG_LABEL_OBJECTIVES] = { N_("Learning objectives"), "Leerdoelen" },
  /* Translators: more learning objectives than fit on the certificate */
  [SIG_LABEL_MORE_OBJECTIVES] = { N_("and %d more"), "en nog %d" },
  [SIG_LABEL_ISSUED_BY] = { N_("Issued by"), "Uitgegeven door" },
  [SIG_LABEL_VERIFICATION_CODE] = { N_("Verification code"), "Verificatiecode" },
  [SIG_LABEL_VERIFY_HINT] = { N_("Check this certificate against its digital version (.json) in Signaal, or with: signaal-course verify FILE.json --code CODE"),
                              "Controleer dit certificaat met de digitale versie (.json) in Signaal, of met: signaal-course verify BESTAND.json --code CODE" },
  [SIG_LABEL_SELF_STUDY_ISSUER] = { N_("Signaal, self-study on the learner's own computer (unsupervised)"),
                                    "Signaal, zelfstudie op de eigen computer van de cursist (zonder toezicht)" },
  /* Translators: %d is the pass mark in percent; keep the %% */
  [SIG_LABEL_CRITERIA_PASS_MARK] = { N_("Completed every required module of the course with a score of at least %d%%."),
                                     "Alle verplichte onderdelen van de cursus afgerond met een score van ten minste %d%%." },
  [SIG_LABEL_CRITERIA_PASSED] = { N_("Completed every required module of the course and passed its assessment."),
                                  "Alle verplichte onderdelen van de cursus afgerond en de toetsing gehaald." },
  [SIG_LABEL_CRITERIA_OBJECTIVES] = { N_("Learning objectives covered:"), "Behandelde leerdoelen:" },
  /* Translators: "Accreditation: 2 points, Example register." */
  [SIG_LABEL_CRITERIA_ACCREDITATION] = { N_("Accreditation:"), "Accreditatie:" },
  [SIG_LABEL_DEFAULT_DESCRIPTION] = { N_("Training in recognising signs of gender-based violence and responding well."),
                                      "Training in het herkennen van signalen van gendergerelateerd geweld en daar goed op reageren." },
  [SIG_LABEL_SCORE_NAME] = { N_("Score"), "Score" },
};

static const struct {
  const char *id;
  Bilingual name;
} sectors[] = {
  { "healthcare", { N_("Healthcare"), "Zorg" } },
  { "education", { N_("Education"), "Onderwijs" } },
  { "dental", { N_("Dental care"), "Mondzorg" } },
  { "hair-beauty", { N_("Hair and beauty"), "Kappers en schoonheidsverzorging" } },
  { "childcare", { N_("Childcare"), "Kinderopvang" } },
  { "social-work", { N_("Social work"), "Sociaal werk" } },
  { "sport-community", { N_("Sport and community"), "Sport en buurt" } },
  { "general", { N_("General"), "Algemeen" } },
};

static const Bilingual months[12] = {
  { N_("January"), "januari" }, { N_("February"), "februari" }, { N_("March"), "maart" },
  { N_("April"), "april" }, { N_("May"), "mei" }, { N_("June"), "juni" },
  { N_("July"), "juli" }, { N_("August"), "augustus" }, { N_("September"), "september" },
  { N_("October"), "oktober" }, { N_("November"), "november" }, { N_("December"), "december" },
};

static const char *
pick (const Bilingual *entry,
      const char      *language)
{
  if (g_strcmp0 (language, "nl") == 0)
    return entry->nl;
  return entry->en;
}

const char *
sig_certificate_label (SigLabel    label,
                       const char *language)
{
  g_return_val_if_fail (label < SIG_N_LABELS, "");

  return pick (&labels[label], language);
}

/**
 * sig_certificate_sector_label:
 *
 * Returns: the sector's name in @language, or @sector_id itself for a sector this
 *   version does not know.
 */
const char *
sig_certificate_sector_label (const char *sector_id,
                              const char *language)
{
  for (guint i = 0; i < G_N_ELEMENTS (sectors); i++)
    if (g_strcmp0 (sectors[i].id, sector_id) == 0)
      return pick (&sectors[i].name, language);
  return sector_id;
}

/* "12 March 2025" / "12 maart 2025", independent of the process locale. The date is
 * taken in UTC, the same calendar day that the credential's timestamps show. */
char *
sig_certificate_format_date (GDateTime  *date,
                             const char *language)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (date);
  int day = g_date_time_get_day_of_month (utc);
  int month = g_date_time_get_month (utc);
  int year = g_date_time_get_year (utc);

  return g_strdup_printf ("%d %s %d", day, pick (&months[month - 1], language), year);
}

/* Whole percent, rounded down: a score shown as the pass mark has reached it
 * (72.5 with a pass mark of 73 shows 72, not a 73 that did not pass). The
 * small allowance absorbs sums of fractions such as 0.1 + 0.2 that land a
 * hair below a whole number. The screen and the PDF both use this. */
int
sig_certificate_round_percent (double percent)
{
  if (!isfinite (percent) || percent <= 0)
    return 0;
  if (percent >= 100)
    return 100;
  return (int) floor (percent + 1e-6);
}

/* "87%", the same in every language. */
char *
sig_certificate_format_percent (double      percent,
                                const char *language)
{
  (void) language;
  return g_strdup_printf ("%d%%", sig_certificate_round_percent (percent));
}

char *
sig_certificate_format_points (double      points,
                               const char *language)
{
  g_autofree char *number = NULL;
  const char *format;

  /* Whole points as before; a fraction with up to two decimals, in the
   * language's decimal mark (1,5 punten / 1.5 points). */
  if (points == floor (points))
    {
      format = sig_certificate_label (points == 1 ? SIG_LABEL_POINT : SIG_LABEL_POINTS, language);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      return g_strdup_printf (format, (int) points);
#pragma GCC diagnostic pop
    }
  {
    char buffer[G_ASCII_DTOSTR_BUF_SIZE];
    char *p;

    number = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.2f", points));
    /* drop trailing zeros: 1.50 -> 1.5 */
    for (p = number + strlen (number) - 1; p > number && *p == '0'; p--)
      *p = '\0';
    if (g_strcmp0 (language, "nl") == 0 && (p = strchr (number, '.')) != NULL)
      *p = ',';
  }
  format = sig_certificate_label (SIG_LABEL_POINTS_DECIMAL, language);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return g_strdup_printf (format, number);
#pragma GCC diagnostic pop
}
