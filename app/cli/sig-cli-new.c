/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sig-cli.h"
#include "sig-loader.h"

/* signaal-course new course|scenario: a small, valid, lint-clean starting
 * point whose comments teach the format. The file is in the author's
 * languages; its example text is Dutch for nl and English for every other
 * language, to be replaced (lint warns when a text looks like another
 * language than its xml:lang says). */

/* The sectors of the course format (content/schema/signaal.rng). */
static const char *sectors[] = { "healthcare", "education", "dental", "hair-beauty", "childcare",
                                 "social-work", "sport-community", "general", NULL };

typedef struct {
  const char *key;
  const char *nl;
  const char *en;
} Sample;

static const Sample samples[] = {
  { "course-title", "Signalen herkennen en bespreken", "Recognising and discussing signs" },
  { "course-summary", "Wat je ziet en hoort, en wat je dan doet.", "What you see and hear, and what you do next." },
  { "publisher", "Uw organisatie", "Your organisation" },
  { "objective", "Je weet waar je advies kunt vragen.", "You know where to ask for advice." },
  { "module-title", "Waar vind je hulp", "Where to find help" },
  { "page-title", "Hulp is een telefoontje weg", "Help is a phone call away" },
  { "page-text", "Iedereen mag Veilig Thuis bellen voor advies, ook als je twijfelt.",
    "Anyone may call Veilig Thuis for advice, also when you are not sure." },
  { "prompt", "Je maakt je zorgen over een klant. Wat mag je doen?", "You are worried about a client. What may you do?" },
  { "option-a", "Veilig Thuis bellen voor advies.", "Call Veilig Thuis for advice." },
  { "feedback-a", "Goed: advies vragen mag altijd.", "Right: anyone may ask for advice." },
  { "option-b", "Niets doen tot je het zeker weet.", "Do nothing until you are sure." },
  { "feedback-b", "Je hoeft het niet zeker te weten om advies te vragen.", "You do not need to be sure to ask for advice." },
  { "scenario-title", "Een gesprek bij de balie", "A talk at the front desk" },
  { "scenario-summary", "Een klant lijkt ergens mee te zitten.", "A client seems to have something on their mind." },
  { "pronouns", "hen/hun", "they/them" },
  { "subj", "die", "they" },
  { "node-text", "\"Het gaat wel,\" zegt {name}, maar {subj} kijkt weg.", "\"I'm fine,\" {name} says, but {subj} look away." },
  { "choice-ask", "Je vraagt rustig hoe het echt gaat.", "You calmly ask how things really are." },
  { "choice-leave", "Je laat het rusten.", "You leave it." },
  { "good-title", "Je vroeg door", "You asked" },
  { "good-debrief", "Open vragen geeft de ander ruimte om te vertellen.", "Asking openly gives the other person room to talk." },
  { "missed-title", "Een gemiste kans", "A missed chance" },
  { "missed-debrief", "Er werd niets gevraagd. Een open vraag had kunnen helpen.", "Nothing was asked. An open question could have helped." },
};

static const char *
sample (const char *key,
        const char *lang)
{
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    if (g_str_equal (samples[i].key, key))
      return g_str_equal (lang, "nl") || g_str_has_prefix (lang, "nl-") ? samples[i].nl : samples[i].en;
  g_assert_not_reached ();
}

/* One <element xml:lang="…">text</element> per language, on its own line at @indent. */
static void
texts (GString     *xml,
       const char  *indent,
       const char  *element,
       const char  *key,
       GStrv        languages)
{
  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (sample (key, languages[i]), -1);

      g_string_append_printf (xml, "%s<%s xml:lang=\"%s\">%s</%s>\n", indent, element, languages[i], escaped, element);
    }
}

static gboolean
id_is_valid (const char *id)
{
  return g_regex_match_simple ("^[a-z0-9][a-z0-9.-]{0,63}$", id, 0, 0);
}

static char *
course_xml (const char *id,
            const char *sector,
            GStrv       languages)
{
  g_autofree char *langs = g_strjoinv (" ", languages);
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

  g_string_append (xml,
    "<!-- A new Signaal course. The course format guide (docs/course-format.md)\n"
    "     describes every element. While you write, check the course with\n"
    "       signaal-course validate .   the format, ids and references\n"
    "       signaal-course lint .       missing translations, unused media, …\n"
    "       signaal-course play .       the course as a learner sees it\n"
    "     and hand it out as one file with signaal-course pack . -o COURSE.signaal -->\n"
    "<!-- id: how Signaal knows the course (lowercase letters, digits, \"-\" and \".\").\n"
    "     version: MAJOR.MINOR.PATCH; raise it with every change you hand out.\n"
    "     languages: every language this file is complete in. Each text has one\n"
    "     element per language, told apart by xml:lang. -->\n");
  g_string_append_printf (xml, "<course xmlns=\"urn:signaal:course:1\" format=\"1\" id=\"%s\" version=\"0.1.0\" languages=\"%s\">\n",
                          id, langs);
  texts (xml, "  ", "title", "course-title", languages);
  texts (xml, "  ", "summary", "course-summary", languages);
  g_string_append (xml, "  <publisher>\n");
  texts (xml, "    ", "name", "publisher", languages);
  g_string_append (xml, "  </publisher>\n");
  g_string_append (xml,
    "  <!-- Who the course is for: healthcare, education, dental, hair-beauty,\n"
    "       childcare, social-work, sport-community or general (one or more). -->\n");
  g_string_append_printf (xml, "  <sectors>\n    <sector>%s</sector>\n  </sectors>\n", sector);
  g_string_append (xml,
    "  <!-- Free tags, such as <theme>coercive-control</theme>. -->\n"
    "  <themes/>\n"
    "  <!-- About how long the course takes, in minutes. -->\n"
    "  <minutes>10</minutes>\n"
    "  <!-- pass-mark: the percentage of the points of the required modules needed to\n"
    "       pass; validity-months: how long the certificate is valid. -->\n"
    "  <certificate pass-mark=\"70\" validity-months=\"24\"/>\n"
    "  <!-- What a learner can do after the course. A question assesses an objective\n"
    "       by naming it in objectives=\"…\"; lint warns about one never assessed. -->\n"
    "  <objectives>\n"
    "    <objective id=\"obj-advice\">\n");
  texts (xml, "      ", "text", "objective", languages);
  g_string_append (xml,
    "    </objective>\n"
    "  </objectives>\n"
    "  <!-- Where the facts come from: <source id=\"…\" checked=\"YYYY-MM-DD\"> with a title\n"
    "       and a URL, cited in the text with <cite ref=\"…\"/>. -->\n"
    "  <sources/>\n"
    "  <!-- A module: pages to read and questions to answer, in this order. Add a\n"
    "       scenario with <scenario ref=\"ID\"/> after making one with\n"
    "       signaal-course new scenario ID (it goes in scenarios/ID.xml). -->\n"
    "  <module id=\"m-help\">\n");
  texts (xml, "    ", "title", "module-title", languages);
  g_string_append (xml, "    <page id=\"p-help\">\n");
  texts (xml, "      ", "title", "page-title", languages);
  g_string_append (xml,
    "      <!-- One <body> per language: <p>, <h>, <list>, <callout>, <image src=\"media/….png\"\n"
    "           alt=\"…\"/> and <helpline ref=\"…\"/> with an id from the helplines file. -->\n");
  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (sample ("page-text", languages[i]), -1);

      g_string_append_printf (xml, "      <body xml:lang=\"%s\">\n        <p>%s</p>\n        <helpline ref=\"veilig-thuis\"/>\n      </body>\n",
                              languages[i], escaped);
    }
  g_string_append (xml,
    "    </page>\n"
    "    <!-- type: single, multiple, true-false, ordering, matching or spot-signals.\n"
    "         points count towards the pass mark; mark the right option(s) correct=\"true\". -->\n"
    "    <question id=\"q-advice\" type=\"single\" points=\"1\" objectives=\"obj-advice\">\n");
  texts (xml, "      ", "prompt", "prompt", languages);
  g_string_append (xml, "      <option id=\"a\" correct=\"true\">\n");
  texts (xml, "        ", "text", "option-a", languages);
  texts (xml, "        ", "feedback", "feedback-a", languages);
  g_string_append (xml, "      </option>\n      <option id=\"b\">\n");
  texts (xml, "        ", "text", "option-b", languages);
  texts (xml, "        ", "feedback", "feedback-b", languages);
  g_string_append (xml, "      </option>\n    </question>\n  </module>\n</course>\n");
  return g_string_free (xml, FALSE);
}

static char *
scenario_xml (const char *id,
              const char *sector,
              GStrv       languages)
{
  g_autofree char *langs = g_strjoinv (" ", languages);
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

  g_string_append (xml,
    "<!-- A new Signaal scenario: a conversation in which the learner chooses. A course\n"
    "     plays it with <scenario ref=\"ID\"/> in a module; the file is scenarios/ID.xml\n"
    "     beside course.xml. Walk every path with the all-paths option of signaal-course play. -->\n"
    "<!-- start: the id of the first node. languages: every language this file is\n"
    "     complete in. -->\n");
  g_string_append_printf (xml,
                          "<scenario xmlns=\"urn:signaal:course:1\" format=\"1\" id=\"%s\" version=\"0.1.0\" languages=\"%s\" start=\"n-start\">\n",
                          id, langs);
  texts (xml, "  ", "title", "scenario-title", languages);
  texts (xml, "  ", "summary", "scenario-summary", languages);
  g_string_append_printf (xml, "  <sectors>\n    <sector>%s</sector>\n  </sectors>\n", sector);
  g_string_append (xml,
    "  <themes/>\n"
    "  <minutes>5</minutes>\n"
    "  <sources/>\n"
    "  <!-- A persona is the person the case is about; the learner meets one of them.\n"
    "       {name} in a text is the persona's name, {KEY} a <word key=\"KEY\">: give every\n"
    "       persona the same words, so each text reads for each of them. -->\n"
    "  <persona id=\"alex\" gender=\"non-binary\">\n"
    "    <name>Alex</name>\n");
  texts (xml, "    ", "pronouns", "pronouns", languages);
  for (guint i = 0; languages[i] != NULL; i++)
    g_string_append_printf (xml, "    <word key=\"subj\" xml:lang=\"%s\">%s</word>\n", languages[i], sample ("subj", languages[i]));
  g_string_append (xml,
    "  </persona>\n"
    "  <!-- Variables that choices change and conditions (if=\"trust >= 2\") read. -->\n"
    "  <variables>\n"
    "    <number id=\"trust\" initial=\"0\" min=\"0\" max=\"3\"/>\n"
    "  </variables>\n"
    "  <!-- speaker: narrator, you (the learner), persona, or the id of a <character>.\n"
    "       Each <choice> leads (goto) to a node or an ending; recommended=\"true\" marks\n"
    "       the choice the debrief recommends. -->\n"
    "  <node id=\"n-start\" speaker=\"persona\">\n");
  texts (xml, "    ", "text", "node-text", languages);
  g_string_append (xml, "    <choice id=\"c-ask\" goto=\"end-good\" recommended=\"true\">\n");
  texts (xml, "      ", "text", "choice-ask", languages);
  g_string_append (xml, "      <set var=\"trust\" add=\"1\"/>\n    </choice>\n    <choice id=\"c-leave\" goto=\"end-missed\">\n");
  texts (xml, "      ", "text", "choice-leave", languages);
  g_string_append (xml,
    "    </choice>\n"
    "  </node>\n"
    "  <!-- An ending: score is 0–100; the debrief explains what the path shows. -->\n"
    "  <ending id=\"end-good\" score=\"100\">\n");
  texts (xml, "    ", "title", "good-title", languages);
  texts (xml, "    ", "debrief", "good-debrief", languages);
  g_string_append (xml, "  </ending>\n  <ending id=\"end-missed\" score=\"0\">\n");
  texts (xml, "    ", "title", "missed-title", languages);
  texts (xml, "    ", "debrief", "missed-debrief", languages);
  g_string_append (xml, "  </ending>\n</scenario>\n");
  return g_string_free (xml, FALSE);
}

/* Writes @contents to @path, never over an existing file. */
static gboolean
write_new (const char *path,
           const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("signaal-course: %s already exists; nothing was written. Choose another id or folder, or remove the file first.\n"), path);
      return FALSE;
    }
  if (g_mkdir_with_parents (dir, 0755) != 0 || !g_file_set_contents (path, contents, -1, &error))
    {
      g_printerr (_("signaal-course: %s cannot be written: %s\n"), path, error ? error->message : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

int
sig_cli_new (int   argc,
             char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *sector = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) languages = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gboolean course;
  GOptionEntry entries[] = {
    { "sector", 0, 0, G_OPTION_ARG_STRING, &sector, N_("Who it is for: healthcare, education, dental, hair-beauty, childcare, social-work, sport-community or general (default general)"), N_("SECTOR") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("The languages to write, separated by commas (default nl,en)"), N_("LANG,…") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The folder to write in (a course: DIR, default ./ID; a scenario: DIR/scenarios when DIR holds a course, default .)"), N_("DIR") },
    { NULL }
  };

  context = sig_cli_option_context (_("course|scenario ID"),
                                    _("Start a new course (an authoring folder with course.xml) or a new scenario: a small, valid file whose comments explain the format. Nothing is ever overwritten."),
                                    entries);
  if (!sig_cli_parse (context, &argc, &argv))
    return SIG_EXIT_USAGE;
  if (argc != 3 || (!g_str_equal (argv[1], "course") && !g_str_equal (argv[1], "scenario")))
    return sig_cli_usage_error (context, _("Say what to make and its id: new course ID, or new scenario ID."));
  course = g_str_equal (argv[1], "course");
  if (!id_is_valid (argv[2]))
    {
      g_printerr (_("signaal-course: “%s” is not a valid id. Use lowercase letters, digits, “-” and “.”, starting with a letter or digit, at most 64 characters, such as “childcare-signals”.\n"), argv[2]);
      return SIG_EXIT_USAGE;
    }
  if (sector == NULL)
    sector = g_strdup ("general");
  if (!g_strv_contains (sectors, sector))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) sectors);

      g_printerr (_("signaal-course: “%s” is not a sector. Use one of: %s.\n"), sector, known);
      return SIG_EXIT_USAGE;
    }
  languages = g_strsplit (lang != NULL ? lang : "nl,en", ",", -1);
  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_strstrip (languages[i]);
      if (!g_regex_match_simple ("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", languages[i], 0, 0) ||
          g_strv_contains ((const char * const *) languages + i + 1, languages[i]))
        {
          g_printerr (_("signaal-course: “%s” is not a language code, or is given twice. Use lowercase codes such as nl, en, fy or pap, separated by commas: --lang nl,en.\n"),
                      languages[i]);
          return SIG_EXIT_USAGE;
        }
    }
  if (languages[0] == NULL)
    return sig_cli_usage_error (context, _("Give at least one language: --lang nl,en."));

  if (course)
    {
      g_autofree char *dir = g_strdup (output != NULL ? output : argv[2]);

      path = g_build_filename (dir, "course.xml", NULL);
      contents = course_xml (argv[2], sector, languages);
    }
  else
    {
      const char *dir = output != NULL ? output : ".";
      g_autofree char *beside = g_build_filename (dir, "course.xml", NULL);
      g_autofree char *name = g_strconcat (argv[2], ".xml", NULL);

      path = g_file_test (beside, G_FILE_TEST_EXISTS) ? g_build_filename (dir, "scenarios", name, NULL)
                                                      : g_build_filename (dir, name, NULL);
      contents = scenario_xml (argv[2], sector, languages);
    }
  if (!write_new (path, contents))
    return SIG_EXIT_USAGE;
  if (course)
    g_printerr (_("Wrote %s. Check it with signaal-course lint and play it with signaal-course play.\n"), path);
  else
    g_printerr (_("Wrote %s. Play it in a course module with <scenario ref=\"%s\"/>.\n"), path, argv[2]);
  return SIG_EXIT_OK;
}
