/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>

#include "sig-condition.h"
#include "sig-diagnostic.h"
#include "sig-engine.h"
#include "sig-lint.h"
#include "sig-media.h"
#include "sig-suggest.h"

typedef struct {
  const char *path;
  GPtrArray *diagnostics;
  char *data;          /* the file's text, read at the first problem, for columns */
  gsize len;
  gboolean read;
} Lint;

/* Every check, and whether what it finds is an error (it blocks importing and
 * packing the course) or a warning (shown, never blocking). The list in
 * docs/course-format.md follows this table. */
static const SigLintRule rules[] = {
  { "language-missing", SIG_SEVERITY_ERROR, N_("A text or page body is missing in a language the file claims to be complete in") },
  { "helpline-unknown", SIG_SEVERITY_ERROR, N_("A helpline reference names no helpline in the helplines file") },
  { "helpline-stale", SIG_SEVERITY_WARNING, N_("A helpline was last checked more than 12 months ago") },
  { "source-stale", SIG_SEVERITY_WARNING, N_("A cited source was last checked more than 12 months ago") },
  { "question-answers", SIG_SEVERITY_ERROR, N_("A question has no correct answer, or a single-choice question has more than one") },
  { "question-points", SIG_SEVERITY_WARNING, N_("A question worth 0 points assesses objectives") },
  { "passage-spans", SIG_SEVERITY_ERROR, N_("A spot-the-signals passage lacks a phrase in one of the languages") },
  { "media-missing", SIG_SEVERITY_ERROR, N_("A media file that is used does not exist") },
  { "media-invalid", SIG_SEVERITY_ERROR, N_("A media file is not what its name says, or cannot be read") },
  { "media-unused", SIG_SEVERITY_WARNING, N_("A media file is never used") },
  { "scenario-missing", SIG_SEVERITY_ERROR, N_("A module plays a scenario that cannot be found or loaded") },
  { "scenario-language", SIG_SEVERITY_ERROR, N_("A scenario is not complete in a language the course claims") },
  { "review-never-asked", SIG_SEVERITY_WARNING, N_("A question in <review> can never be asked") },
  { "objective-unassessed", SIG_SEVERITY_WARNING, N_("A learning objective is never assessed") },
  { "pass-mark-unreachable", SIG_SEVERITY_ERROR, N_("The pass mark can never be reached") },
  { "refresher-required", SIG_SEVERITY_WARNING, N_("The refresher module is required") },
  { "language-mismatch", SIG_SEVERITY_WARNING, N_("A text tagged with one language looks written in another") },
  { "placeholder-undefined", SIG_SEVERITY_ERROR, N_("A placeholder has no value for a persona") },
  { "node-unreachable", SIG_SEVERITY_WARNING, N_("A scenario node can never be reached") },
  { "ending-unreachable", SIG_SEVERITY_WARNING, N_("A scenario ending can never be reached") },
  { "review-no-choice", SIG_SEVERITY_WARNING, N_("A node without choices has review=\"false\"") },
  { "loop-no-exit", SIG_SEVERITY_ERROR, N_("A loop in a scenario has no way out to an ending") },
  { "condition-never-holds", SIG_SEVERITY_WARNING, N_("A condition can never hold") },
  { "signal-unnoticed", SIG_SEVERITY_WARNING, N_("A signal is never noticed by any choice") },
  { "persona-words", SIG_SEVERITY_ERROR, N_("Personas do not define the same words") },
  { "path-stuck", SIG_SEVERITY_ERROR, N_("A path through a scenario gets stuck with no choice available") },
  { "paths-unchecked", SIG_SEVERITY_WARNING, N_("A scenario has too many states for every path to be checked") },
};

const SigLintRule *
sig_lint_get_rules (guint *n_rules)
{
  *n_rules = G_N_ELEMENTS (rules);
  return rules;
}

const SigLintRule *
sig_lint_find_rule (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (g_strcmp0 (rules[i].id, id) == 0)
      return &rules[i];
  return NULL;
}

/* The column of the element @element on @line; the file is read once, at
 * the first problem (a packed course is one file too). */
static guint
column_of (Lint       *lint,
           guint       line,
           const char *element)
{
  if (line == 0 || element == NULL)
    return 0;
  if (!lint->read)
    {
      lint->read = TRUE;
      if (lint->path == NULL || !g_file_get_contents (lint->path, &lint->data, &lint->len, NULL))
        lint->data = NULL;
    }
  return sig_column_of_element (lint->data, lint->len, line, element);
}

/* A problem at the element @element on @line; line 0 and no element: the whole file. */
static void G_GNUC_PRINTF (5, 6)
report (Lint       *lint,
        const char *rule,
        guint       line,
        const char *element,
        const char *format,
        ...)
{
  const SigLintRule *found = sig_lint_find_rule (rule);
  g_autofree char *message = NULL;
  va_list args;

  g_assert (found != NULL);
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (lint->diagnostics,
                   sig_diagnostic_new_rule (lint->path, line, column_of (lint, line, element),
                                            found->severity, rule, message));
}

/* Causes before consequences: the problems of other files (a scenario that
 * the course cannot load) before those of the file linted, each file in line
 * and column order. */
static int
compare_diagnostics (gconstpointer a,
                     gconstpointer b,
                     gpointer      path)
{
  const SigDiagnostic *x = *(SigDiagnostic **) a;
  const SigDiagnostic *y = *(SigDiagnostic **) b;
  int x_own = g_strcmp0 (x->file, path) == 0, y_own = g_strcmp0 (y->file, path) == 0;
  int by_file = x_own != y_own ? x_own - y_own : g_strcmp0 (x->file, y->file);

  if (by_file != 0)
    return by_file;
  if (x->line != y->line)
    return (x->line > y->line) - (x->line < y->line);
  return (x->column > y->column) - (x->column < y->column);
}

static GPtrArray *
finish (Lint *lint)
{
  g_ptr_array_sort_with_data (lint->diagnostics, compare_diagnostics, (gpointer) lint->path);
  g_clear_pointer (&lint->data, g_free);
  return lint->diagnostics;
}

static void
check_languages (Lint       *lint,
                 GStrv       languages,
                 GPtrArray  *texts)
{
  for (guint i = 0; i < texts->len; i++)
    {
      SigTextRecord *record = texts->pdata[i];

      for (guint j = 0; languages[j] != NULL; j++)
        if (!sig_text_has (record->text, languages[j]))
          report (lint, "language-missing", record->line, record->element,
                  _("<%s> has no text in “%s”, a language the file claims to be complete in. Add <%s xml:lang=\"%s\">."),
                  record->element, languages[j], record->element, languages[j]);
    }
}


/* The languages a text is recognised in, each with some of its commonest
 * words that none of the others has: "de" and "en" are Dutch but also French
 * and Spanish, "die" and "als" Dutch and German, "of" Dutch and English, so
 * none of them is listed. */
static const char * const dutch[] = {
  "het", "een", "van", "dat", "niet", "zijn", "met", "voor", "op", "aan", "ik", "wat", "ook", "maar",
  "bij", "om", "naar", "hoe", "wordt", "deze", "heeft", "hebben", "kan", "geen", "nog", "wel", "dan", "zo",
  "ze", "hij", "zij", "haar", "hun", "mijn", "jij", "jouw", "uw", "wij", "waar", "jullie", "worden",
  "omdat", "toch", "hem", "bent", NULL,
};
static const char * const english[] = {
  "the", "and", "that", "to", "be", "with", "for", "not", "at", "there", "you", "what", "as", "but", "by",
  "how", "are", "were", "this", "these", "it", "its", "has", "have", "can", "your", "they", "he", "she",
  "her", "his", "their", "my", "do", "does", "where", "who", "which", "would", "from", "been", "our",
  "them", NULL,
};
static const char * const german[] = {
  "der", "das", "und", "ist", "nicht", "ein", "eine", "einen", "einem", "einer", "dem", "mit", "sich",
  "auf", "für", "von", "zu", "ich", "sie", "auch", "wird", "nach", "bei", "oder", "aber", "wenn", "dass",
  "ihr", "ihre", "ihm", "ihn", "sein", "seine", "haben", "hat", "kann", "kein", "keine", "nur", "schon",
  "sehr", "wir", "uns", "dich", "mich", "mir", "dir", "über", "durch", "immer", "im", "vom", "zum", "zur",
  "diese", "dieser", "ob", "um", NULL,
};
static const char * const french[] = {
  "le", "les", "du", "une", "est", "et", "qui", "dans", "pour", "sur", "au", "aux", "avec", "ce", "cette",
  "ces", "il", "elle", "ils", "elles", "nous", "vous", "ne", "leur", "leurs", "mais", "ou", "où", "être",
  "avoir", "fait", "très", "aussi", "tout", "tous", "quand", "votre", "vos", "notre", "mon", "ma", "sa",
  "ses", "sont", "été", "qu", "l", NULL,
};
static const char * const spanish[] = {
  "el", "los", "las", "del", "y", "está", "están", "para", "por", "con", "una", "uno", "su", "sus", "pero",
  "como", "más", "muy", "también", "cuando", "porque", "este", "esta", "estos", "esto", "ese", "eso",
  "hay", "ser", "han", "fue", "sin", "sobre", "donde", "yo", "usted", "ellos", "ella", "lo", "mi", "ya", NULL,
};

static const struct {
  const char *code;
  const char *name;
  const char * const *words;
} languages[] = {
  { "nl", N_("Dutch"), dutch },
  { "en", N_("English"), english },
  { "de", N_("German"), german },
  { "fr", N_("French"), french },
  { "es", N_("Spanish"), spanish },
};

/* The index into languages[] of @code, or -1. */
static int
find_language (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (languages[i].code, code) == 0)
      return i;
  return -1;
}

/* Which of the languages above @text reads as, by counting their commonest
 * words: "nl", "en", "de", "fr", "es", or NULL when the text is too short or
 * the count is not clear (one language at least twice any other). */
const char *
sig_lint_guess_language (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  g_auto(GStrv) words = g_regex_split_simple ("[^\\p{L}]+", lower, 0, 0);
  guint counts[G_N_ELEMENTS (languages)] = { 0 };
  guint n = 0, best = 0, second = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      n++;
      for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
        counts[l] += g_strv_contains ((const char * const *) languages[l].words, words[i]);
    }
  for (guint l = 1; l < G_N_ELEMENTS (languages); l++)
    if (counts[l] > counts[best])
      best = l;
  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    if (l != best)
      second = MAX (second, counts[l]);
  if (n < 5 || counts[best] < 2 || counts[best] <= 2 * second)
    return NULL;
  return languages[best].code;
}

/* A text tagged @lang that reads as another language: the languages
 * swapped, or a text not yet translated. */
static void
check_language_of (Lint       *lint,
                   guint       line,
                   const char *element,
                   const char *lang,
                   const char *value)
{
  const char *guess;
  int tagged = find_language (lang);

  if (tagged < 0 || value == NULL || (guess = sig_lint_guess_language (value)) == NULL || g_str_equal (guess, lang))
    return;
  /* Translators: "This text (<summary>) is tagged Dutch (nl) but looks English (en)." */
  report (lint, "language-mismatch", line, element,
          _("This text (<%s>) is tagged %s (%s) but looks %s (%s). Check that xml:lang is right, or translate the text."),
          element, _(languages[tagged].name), lang, _(languages[find_language (guess)].name), guess);
}

static void
check_language_mismatch (Lint      *lint,
                         GPtrArray *texts,
                         GPtrArray *sources)
{
  g_autoptr(GHashTable) titles = g_hash_table_new (NULL, NULL);

  /* A source keeps its own title, whatever the language around it. */
  for (guint i = 0; i < sources->len; i++)
    g_hash_table_add (titles, ((SigSource *) sources->pdata[i])->text);
  for (guint i = 0; i < texts->len; i++)
    {
      SigTextRecord *record = texts->pdata[i];

      if (g_hash_table_contains (titles, record->text))
        continue;
      for (guint j = 0; j < sig_text_n_langs (record->text); j++)
        {
          const char *lang = sig_text_lang_at (record->text, j);

          check_language_of (lint, record->line, record->element, lang, sig_text_get_exact (record->text, lang));
        }
    }
}

/* The same for the prose of a page body: each heading, paragraph and list,
 * without its markup. */
static void
check_body_language (Lint       *lint,
                     const char *lang,
                     GPtrArray  *blocks)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      SigBlock *block = blocks->pdata[i];
      g_autoptr(GString) text = g_string_new (NULL);

      switch (block->kind)
        {
        case SIG_BLOCK_HEADING:
        case SIG_BLOCK_PARAGRAPH:
          {
            g_autofree char *plain = sig_inlines_to_plain (block->inlines);

            check_language_of (lint, block->line, block->kind == SIG_BLOCK_HEADING ? "h" : "p", lang, plain);
          }
          break;
        case SIG_BLOCK_LIST:
          for (guint j = 0; j < block->items->len; j++)
            {
              g_autofree char *plain = sig_inlines_to_plain (block->items->pdata[j]);

              g_string_append_printf (text, "%s\n", plain);
            }
          check_language_of (lint, block->line, "list", lang, text->str);
          break;
        case SIG_BLOCK_CALLOUT:
          check_body_language (lint, lang, block->children);
          break;
        default:
          break;
        }
    }
}

static void
check_helpline_refs (Lint               *lint,
                     GPtrArray          *refs,
                     const SigHelplines *helplines)
{
  g_autoptr(GHashTable) warned = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDate) today = g_date_new ();

  g_date_set_time_t (today, time (NULL));
  for (guint i = 0; helplines != NULL && i < refs->len; i++)
    {
      SigRef *ref = refs->pdata[i];
      const SigHelpline *helpline;

      if (ref->kind != SIG_REF_HELPLINE)
        continue;
      helpline = sig_helplines_find (helplines, ref->id);
      if (helpline == NULL)
        {
          g_autoptr(GPtrArray) ids = g_ptr_array_new ();
          g_autofree char *hint = NULL;

          for (guint h = 0; h < sig_helplines_get_n (helplines); h++)
            g_ptr_array_add (ids, sig_helplines_get (helplines, h)->id);
          hint = sig_did_you_mean (sig_suggest (ref->id, (const char * const *) ids->pdata, ids->len));
          report (lint, "helpline-unknown", ref->line, ref->element,
                  _("The helpline “%s” is not in the helplines file.%s Use one of its ids, such as veilig-thuis."),
                  ref->id ? ref->id : "", hint);
        }
      else if (sig_checked_is_stale (helpline->checked, today) && g_hash_table_add (warned, helpline->id))
        report (lint, "helpline-stale", ref->line, ref->element,
                _("The helpline “%s” was last checked in %s, more than 12 months ago. Check its number and description at the service itself and update checked=\"…\" in helplines.xml."),
                helpline->id, helpline->checked ? helpline->checked : "?");
    }
}

/* A source that is cited and was last checked more than 12 months ago: once
 * per source, at the source. */
static void
check_source_dates (Lint      *lint,
                    GPtrArray *sources,
                    GPtrArray *refs)
{
  g_autoptr(GHashTable) cited = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDate) today = g_date_new ();

  g_date_set_time_t (today, time (NULL));
  for (guint i = 0; i < refs->len; i++)
    {
      SigRef *ref = refs->pdata[i];

      if (ref->kind == SIG_REF_SOURCE && ref->id != NULL)
        g_hash_table_add (cited, ref->id);
    }
  for (guint i = 0; i < sources->len; i++)
    {
      SigSource *source = sources->pdata[i];

      if (source->checked != NULL && g_hash_table_contains (cited, source->id) &&
          sig_checked_is_stale (source->checked, today))
        report (lint, "source-stale", source->line, "source",
                _("The source “%s” was last checked in %s, more than 12 months ago. Check the facts that cite it against the source and update checked=\"…\"."),
                source->id, source->checked);
    }
}

static void
check_question (Lint        *lint,
                SigCourse   *course,
                SigQuestion *question)
{
  guint correct = 0;

  for (guint i = 0; i < question->options->len; i++)
    correct += ((SigOption *) question->options->pdata[i])->correct;
  for (guint i = 0; i < question->spans->len; i++)
    correct += ((SigSpan *) question->spans->pdata[i])->signal;

  if (question->type == SIG_QUESTION_SINGLE && correct != 1)
    report (lint, "question-answers", question->line, "question",
            correct == 0 ? _("The question “%s” has no correct answer. Mark one option correct=\"true\".")
                         : _("The single-choice question “%s” has more than one correct option. Mark one, or use type=\"multiple\"."),
            question->id);
  else if ((question->type == SIG_QUESTION_MULTIPLE || question->type == SIG_QUESTION_SPOT_SIGNALS) && correct == 0)
    report (lint, "question-answers", question->line, "question",
            question->type == SIG_QUESTION_MULTIPLE
            ? _("The question “%s” has no correct answer. Mark at least one option correct=\"true\".")
            : _("The question “%s” has no signal to find. Mark at least one <span signal=\"true\">."),
            question->id);
  if (question->points == 0 && g_strv_length (question->objectives) > 0)
    report (lint, "question-points", question->line, "question",
            _("The question “%s” is worth 0 points but assesses objectives. Give it points=\"1\" or more."), question->id);

  /* Every language the course claims: page bodies are checked elsewhere; passages here. */
  if (question->type == SIG_QUESTION_SPOT_SIGNALS)
    for (guint j = 0; course->languages[j] != NULL; j++)
      {
        for (guint i = 0; i < question->spans->len; i++)
          {
            SigSpan *span = question->spans->pdata[i];

            if (!sig_text_has (span->text, course->languages[j]))
              report (lint, "passage-spans", question->line, "question",
                      _("The phrase “%s” is missing from the %s passage. Every passage needs the same <span> ids."),
                      span->id, course->languages[j]);
          }
      }
}

static void
check_media (Lint      *lint,
             SigCourse *course)
{
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < course->refs->len; i++)
    {
      SigRef *ref = course->refs->pdata[i];

      if (ref->kind != SIG_REF_MEDIA)
        continue;
      g_hash_table_add (used, ref->id);
      if (course->packed)
        {
          if (!g_hash_table_contains (course->media, ref->id))
            report (lint, "media-missing", ref->line, ref->element, _("The media file “%s” is not in the package. Pack the course again."), ref->id);
        }
      else if (course->base_dir != NULL)
        {
          g_autofree char *file = g_build_filename (course->base_dir, ref->id, NULL);
          g_autoptr(GBytes) bytes = NULL;
          g_autoptr(GError) media_error = NULL;

          if (!g_file_test (file, G_FILE_TEST_EXISTS))
            report (lint, "media-missing", ref->line, ref->element,
                    _("The media file “%s” does not exist. Put it in the course folder, or fix the path."), ref->id);
          else if ((bytes = sig_media_read_in_folder (course->base_dir, ref->id, &media_error)) == NULL ||
                   (sig_media_type_for_path (ref->id) != NULL &&
                    !sig_media_check (ref->id, sig_media_type_for_path (ref->id), g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), NULL, NULL, &media_error)))
            report (lint, "media-invalid", ref->line, ref->element, "%s", media_error->message);
        }
    }

  if (course->packed)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, course->media);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_hash_table_contains (used, key))
          report (lint, "media-unused", 0, NULL, _("The packed file “%s” is never used. Remove it and pack again."), (const char *) key);
    }
  else if (course->base_dir != NULL)
    {
      g_autofree char *media_dir = g_build_filename (course->base_dir, "media", NULL);
      g_autoptr(GDir) dir = g_dir_open (media_dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_strconcat ("media/", name, NULL);

          if (name[0] != '.' && !g_hash_table_contains (used, path))
            report (lint, "media-unused", 0, NULL, _("The media file “%s” is never used. Use it in a page or remove it."), path);
        }
    }
}

GPtrArray *
sig_lint_course (SigCourse          *course,
                 SigCatalog         *catalog,
                 const SigHelplines *helplines)
{
  Lint lint = { course->path, g_ptr_array_new_with_free_func ((GDestroyNotify) sig_diagnostic_free) };
  g_autoptr(GHashTable) assessed = g_hash_table_new (g_str_hash, g_str_equal);

  check_languages (&lint, course->languages, course->texts);
  check_language_mismatch (&lint, course->texts, course->sources);
  check_helpline_refs (&lint, course->refs, helplines);
  check_source_dates (&lint, course->sources, course->refs);
  check_media (&lint, course);

  for (guint i = 0; i < course->knowledge_check->len; i++)
    check_question (&lint, course, course->knowledge_check->pdata[i]);

  for (guint m = 0; m < course->modules->len; m++)
    {
      SigModule *module = course->modules->pdata[m];

      for (guint i = 0; i < module->items->len; i++)
        {
          SigModuleItem *item = module->items->pdata[i];

          if (item->kind == SIG_ITEM_QUESTION)
            {
              check_question (&lint, course, item->question);
              for (guint k = 0; item->question->objectives[k] != NULL; k++)
                g_hash_table_add (assessed, item->question->objectives[k]);
            }
          else if (item->kind == SIG_ITEM_PAGE)
            {
              for (guint b = 0; b < item->page->bodies->len; b++)
                {
                  SigBody *body = item->page->bodies->pdata[b];

                  check_body_language (&lint, body->lang, body->blocks);
                }
              for (guint k = 0; course->languages[k] != NULL; k++)
                {
                  gboolean found = FALSE;

                  for (guint b = 0; b < item->page->bodies->len; b++)
                    found |= g_str_equal (((SigBody *) item->page->bodies->pdata[b])->lang, course->languages[k]);
                  if (!found)
                    report (&lint, "language-missing", item->line, "page",
                            _("The page “%s” has no <body> in “%s”, a language the course claims. Add <body xml:lang=\"%s\">."),
                            item->page->id, course->languages[k], course->languages[k]);
                }
            }
          else if (item->kind == SIG_ITEM_SCENARIO)
            {
              g_autoptr(GError) cause = NULL;
              g_autoptr(GError) error = NULL;
              SigScenario *scenario = sig_catalog_resolve_scenario_with_cause (catalog, course, item->scenario_ref,
                                                                               &cause, &error);

              /* the scenario file's own problem first, then what it does to the course */
              if (cause != NULL)
                {
                  SigDiagnostic *diagnostic = sig_diagnostic_new_from_error (cause, item->scenario_ref);

                  diagnostic->rule = g_strdup ("scenario-missing");
                  g_ptr_array_add (lint.diagnostics, diagnostic);
                }
              if (scenario == NULL)
                report (&lint, "scenario-missing", item->line, "scenario", "%s", error->message);
              else
                for (guint k = 0; course->languages[k] != NULL; k++)
                  if (!g_strv_contains ((const char * const *) scenario->languages, course->languages[k]))
                    report (&lint, "scenario-language", item->line, "scenario",
                            _("The course claims “%s”, but the scenario “%s” is not complete in it."),
                            course->languages[k], scenario->id);
            }
        }

      /* Review-only questions: checked like any other, and review must be able to ask them. */
      for (guint i = 0; i < module->review->len; i++)
        {
          SigQuestion *question = module->review->pdata[i];

          check_question (&lint, course, question);
          if (!question->review)
            report (&lint, "review-never-asked", question->line, "question",
                    _("The question “%s” is in <review> but has review=\"false\", so it would never be asked. Remove review=\"false\", or remove the question."),
                    question->id);
          if (question->type == SIG_QUESTION_ORDERING || question->type == SIG_QUESTION_MATCHING)
            report (&lint, "review-never-asked", question->line, "question",
                    _("The question “%s” is in <review>, but review asks only single, multiple, true-false and spot-signals questions. Change its type, or move it out of <review>."),
                    question->id);
        }
    }

  for (guint i = 0; i < course->objectives->len; i++)
    {
      SigObjective *objective = course->objectives->pdata[i];

      if (!g_hash_table_contains (assessed, objective->id))
        report (&lint, "objective-unassessed", objective->line, "objective",
                _("The learning objective “%s” is never assessed. Name it in objectives=\"…\" of a question in a module."),
                objective->id);
    }

  if (course->pass_mark > 0 && sig_course_required_points (course) == 0)
    report (&lint, "pass-mark-unreachable", 0, NULL,
            _("The pass mark is %u%%, but the required modules have no questions with points, so it can never be reached. Add questions or lower the pass mark."),
            course->pass_mark);

  if (course->refresher_module != NULL)
    {
      SigModule *refresher = sig_course_find_module (course, course->refresher_module);

      if (refresher != NULL && refresher->required)
        report (&lint, "refresher-required", refresher->line, "module",
                _("The refresher module “%s” is required, so every learner takes it anyway. Mark it required=\"false\"."),
                refresher->id);
    }

  for (guint i = 0; i < course->scenarios->len; i++)
    {
      g_autoptr(GPtrArray) more = sig_lint_scenario (course->scenarios->pdata[i], helplines);

      for (guint j = 0; j < more->len; j++)
        g_ptr_array_add (lint.diagnostics, g_steal_pointer (&more->pdata[j]));
    }
  return finish (&lint);
}

/* ------------------------------------------------------------ scenarios */

static gboolean
variable_range (const char *name,
                double     *min,
                double     *max,
                gpointer    user_data)
{
  GHashTable *ranges = user_data;
  double *range = g_hash_table_lookup (ranges, name);

  if (range == NULL)
    return FALSE;
  *min = range[0];
  *max = range[1];
  return TRUE;
}

static void
mark_reachable (SigScenario *scenario,
                const char  *id,
                GHashTable  *seen)
{
  SigNode *node;

  if (!g_hash_table_add (seen, (gpointer) id) || (node = sig_scenario_find_node (scenario, id)) == NULL)
    return;
  for (guint i = 0; i < node->choices->len; i++)
    mark_reachable (scenario, ((SigChoice *) node->choices->pdata[i])->target, seen);
  for (guint i = 0; i < node->transitions->len; i++)
    mark_reachable (scenario, ((SigTransition *) node->transitions->pdata[i])->target, seen);
}

static void
check_placeholders (Lint        *lint,
                    SigScenario *scenario,
                    SigText     *text,
                    guint        line,
                    const char  *element)
{
  for (guint p = 0; p < scenario->personas->len; p++)
    {
      SigPersona *persona = scenario->personas->pdata[p];

      for (guint l = 0; scenario->languages[l] != NULL; l++)
        {
          g_autoptr(GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);
          g_autofree char *rendered = NULL;
          const char *value = sig_text_get_exact (text, scenario->languages[l]);

          if (value == NULL)
            continue;
          rendered = sig_persona_render (persona, value, scenario->languages[l], unknown);
          for (guint k = 0; k < unknown->len; k++)
            report (lint, "placeholder-undefined", line, element,
                    _("The placeholder {%s} has no value for persona “%s” in “%s”. Add <word key=\"%s\" xml:lang=\"%s\"> to the persona."),
                    (const char *) unknown->pdata[k], persona->id, scenario->languages[l],
                    (const char *) unknown->pdata[k], scenario->languages[l]);
        }
    }
}

static guint
node_line (SigScenario *scenario,
           const char  *id)
{
  SigNode *node = sig_scenario_find_node (scenario, id);

  return node != NULL ? node->line : 0;
}

GPtrArray *
sig_lint_scenario (SigScenario        *scenario,
                   const SigHelplines *helplines)
{
  Lint lint = { scenario->path, g_ptr_array_new_with_free_func ((GDestroyNotify) sig_diagnostic_free) };
  g_autoptr(GHashTable) reachable = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) ranges = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) noticeable = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean static_loop = FALSE;

  check_languages (&lint, scenario->languages, scenario->texts);
  check_language_mismatch (&lint, scenario->texts, scenario->sources);
  check_helpline_refs (&lint, scenario->refs, helplines);
  check_source_dates (&lint, scenario->sources, scenario->refs);
  for (guint i = 0; i < scenario->texts->len; i++)
    {
      SigTextRecord *record = scenario->texts->pdata[i];
      check_placeholders (&lint, scenario, record->text, record->line, record->element);
    }

  /* Unreachable nodes and endings (whatever the conditions). */
  mark_reachable (scenario, scenario->start, reachable);
  for (guint i = 0; i < scenario->nodes->len; i++)
    {
      SigNode *node = scenario->nodes->pdata[i];

      if (!g_hash_table_contains (reachable, node->id))
        report (&lint, "node-unreachable", node->line, "node", _("The node “%s” can never be reached. Lead a choice to it, or remove it."), node->id);
      if (!node->review && node->choices->len == 0)
        report (&lint, "review-no-choice", node->line, "node",
                _("The node “%s” has review=\"false\" but no <choice>: only decisions are reviewed. Remove review=\"false\"."),
                node->id);
    }
  for (guint i = 0; i < scenario->endings->len; i++)
    {
      SigEnding *ending = scenario->endings->pdata[i];

      if (!g_hash_table_contains (reachable, ending->id))
        report (&lint, "ending-unreachable", ending->line, "ending", _("The ending “%s” can never be reached. Lead a choice to it, or remove it."), ending->id);
    }

  /* Loops with no way out, whatever the conditions: nodes from which no ending can be reached. */
  {
    g_autoptr(GHashTable) can_end = g_hash_table_new (g_str_hash, g_str_equal);
    gboolean changed = TRUE;

    for (guint i = 0; i < scenario->endings->len; i++)
      g_hash_table_add (can_end, ((SigEnding *) scenario->endings->pdata[i])->id);
    while (changed)
      {
        changed = FALSE;
        for (guint i = 0; i < scenario->nodes->len; i++)
          {
            SigNode *node = scenario->nodes->pdata[i];

            gboolean leads_out = FALSE;

            if (g_hash_table_contains (can_end, node->id))
              continue;
            for (guint c = 0; c < node->choices->len; c++)
              leads_out |= g_hash_table_contains (can_end, ((SigChoice *) node->choices->pdata[c])->target);
            for (guint t = 0; t < node->transitions->len; t++)
              leads_out |= g_hash_table_contains (can_end, ((SigTransition *) node->transitions->pdata[t])->target);
            if (leads_out)
              {
                g_hash_table_add (can_end, node->id);
                changed = TRUE;
              }
          }
      }
    for (guint i = 0; i < scenario->nodes->len; i++)
      {
        SigNode *node = scenario->nodes->pdata[i];

        if (!g_hash_table_contains (can_end, node->id) && g_hash_table_contains (reachable, node->id) &&
            (node->choices->len > 0 || node->transitions->len > 0))
          {
            report (&lint, "loop-no-exit", node->line, "node",
                    _("The node “%s” is in a loop with no way out: no ending can be reached from it. Add a choice that leads towards an ending."),
                    node->id);
            static_loop = TRUE;
          }
      }
  }

  /* The range each variable can take: a variable nothing changes keeps its initial value. */
  for (guint i = 0; i < scenario->variables->len; i++)
    {
      SigVariable *variable = scenario->variables->pdata[i];
      double *range = g_new (double, 2);
      gboolean changed = FALSE;

      for (guint n = 0; n < scenario->nodes->len && !changed; n++)
        {
          SigNode *node = scenario->nodes->pdata[n];

          for (guint c = 0; c < node->choices->len && !changed; c++)
            {
              SigChoice *choice = node->choices->pdata[c];

              for (guint e = 0; e < choice->effects->len; e++)
                changed |= g_str_equal (((SigEffect *) choice->effects->pdata[e])->var, variable->id);
            }
        }
      range[0] = changed ? variable->min : variable->initial;
      range[1] = changed ? variable->max : variable->initial;
      g_hash_table_insert (ranges, variable->id, range);
    }
  for (guint n = 0; n < scenario->nodes->len; n++)
    {
      SigNode *node = scenario->nodes->pdata[n];

      for (guint c = 0; c < node->choices->len; c++)
        {
          SigChoice *choice = node->choices->pdata[c];

          for (guint k = 0; choice->notices[k] != NULL; k++)
            g_hash_table_add (noticeable, choice->notices[k]);
          if (sig_condition_never_holds (choice->condition, variable_range, ranges))
            report (&lint, "condition-never-holds", choice->line, "choice",
                    _("The condition “%s” of choice “%s” can never hold, so the choice is never offered. Fix the condition or the variable's range."),
                    choice->condition_source, choice->id);
        }
      for (guint t = 0; t < node->transitions->len; t++)
        {
          SigTransition *transition = node->transitions->pdata[t];

          if (sig_condition_never_holds (transition->condition, variable_range, ranges))
            report (&lint, "condition-never-holds", transition->line, "next",
                    _("The condition “%s” can never hold, so this step is never taken. Fix the condition or the variable's range."),
                    transition->condition_source);
        }
    }
  for (guint i = 0; i < scenario->signals->len; i++)
    {
      SigSignal *signal = scenario->signals->pdata[i];

      if (!g_hash_table_contains (noticeable, signal->id))
        report (&lint, "signal-unnoticed", signal->line, "signal",
                _("The signal “%s” is never noticed by any choice. Add <notice signal=\"%s\"/> to a choice, or remove it."),
                signal->id, signal->id);
    }

  /* Personas must define the same words, so every text reads for each of them. */
  for (guint p = 1; p < scenario->personas->len; p++)
    {
      SigPersona *first = scenario->personas->pdata[0];
      SigPersona *persona = scenario->personas->pdata[p];
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, first->words);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_hash_table_contains (persona->words, key))
          report (&lint, "persona-words", persona->line, "persona",
                  _("The persona “%s” has no word “%s”, which persona “%s” has. Give every persona the same words."),
                  persona->id, (const char *) key, first->id);
    }

  /* Walk every path for every persona: stuck states and loops without exit. */
  for (guint p = 0; p < scenario->personas->len; p++)
    {
      SigPersona *persona = scenario->personas->pdata[p];
      g_autoptr(SigExploration) exploration = sig_scenario_explore (scenario, persona->id);

      /* Placeholders do not change paths: one persona is enough for the rest. */
      for (guint i = 0; i < exploration->stuck->len; i++)
        report (&lint, "path-stuck", node_line (scenario, exploration->stuck_nodes->pdata[i]), "node",
                _("A path gets stuck at “%s” with no choice available (after the choices %s). Give that node a choice without a condition."),
                (const char *) exploration->stuck_nodes->pdata[i], (const char *) exploration->stuck->pdata[i]);
      for (guint i = 0; i < exploration->no_exit->len && !static_loop; i++)
        report (&lint, "loop-no-exit", node_line (scenario, exploration->no_exit_nodes->pdata[i]), "node",
                _("From “%s” no ending can be reached any more (after the choices %s): a loop with no way out. Add a way out of the loop."),
                (const char *) exploration->no_exit_nodes->pdata[i], (const char *) exploration->no_exit->pdata[i]);
      if (exploration->truncated)
        report (&lint, "paths-unchecked", 0, NULL,
                _("The scenario has more than %d distinct states, so not every path could be checked. Use fewer or smaller variables."),
                SIG_EXPLORE_MAX_STATES);
      break;
    }
  return finish (&lint);
}

/* ---------------------------------------------------------- exploration */

typedef struct {
  char *key;
  char *path;                 /* choice ids from the start */
  GPtrArray *successors;      /* indexes into the state list, as pointers */
  gboolean ending;
  gboolean can_end;
} State;

static void
state_free (gpointer data)
{
  State *state = data;

  g_free (state->key);
  g_free (state->path);
  g_ptr_array_unref (state->successors);
  g_free (state);
}

void
sig_exploration_free (SigExploration *exploration)
{
  if (exploration == NULL)
    return;
  g_hash_table_unref (exploration->endings);
  g_ptr_array_unref (exploration->stuck);
  g_ptr_array_unref (exploration->no_exit);
  g_ptr_array_unref (exploration->stuck_nodes);
  g_ptr_array_unref (exploration->no_exit_nodes);
  g_free (exploration);
}

SigExploration *
sig_scenario_explore (SigScenario *scenario,
                      const char  *persona_id)
{
  SigExploration *exploration = g_new0 (SigExploration, 1);
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (state_free);
  g_autoptr(GPtrArray) engines = g_ptr_array_new_with_free_func ((GDestroyNotify) sig_engine_free);
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GQueue) queue = g_queue_new ();
  SigEngine *start;
  gboolean changed = TRUE;

  exploration->endings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  exploration->stuck = g_ptr_array_new_with_free_func (g_free);
  exploration->no_exit = g_ptr_array_new_with_free_func (g_free);
  exploration->stuck_nodes = g_ptr_array_new_with_free_func (g_free);
  exploration->no_exit_nodes = g_ptr_array_new_with_free_func (g_free);

  if ((start = sig_engine_new (scenario, persona_id, NULL)) == NULL)
    return exploration;

  /* Breadth first over distinct states. */
  {
    State *state = g_new0 (State, 1);

    state->key = sig_engine_state_key (start);
    state->path = g_strdup ("");
    state->successors = g_ptr_array_new ();
    g_ptr_array_add (states, state);
    g_ptr_array_add (engines, start);
    g_hash_table_insert (index, state->key, GUINT_TO_POINTER (0));
    g_queue_push_tail (queue, GUINT_TO_POINTER (0));
  }

  while (!g_queue_is_empty (queue))
    {
      guint i = GPOINTER_TO_UINT (g_queue_pop_head (queue));
      State *state = states->pdata[i];
      SigEngine *engine = engines->pdata[i];
      g_autoptr(GPtrArray) choices = NULL;

      switch (sig_engine_get_status (engine))
        {
        case SIG_ENGINE_ENDED:
          {
            const char *id = sig_engine_get_ending (engine)->id;

            state->ending = state->can_end = TRUE;
            g_hash_table_insert (exploration->endings, g_strdup (id),
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (exploration->endings, id)) + 1));
          }
          break;
        case SIG_ENGINE_STUCK:
          g_ptr_array_add (exploration->stuck, g_strdup (*state->path ? state->path : "-"));
          g_ptr_array_add (exploration->stuck_nodes,
                           g_strdup (sig_engine_get_node (engine) ? sig_engine_get_node (engine)->id : ""));
          break;
        case SIG_ENGINE_AT_DECISION:
          choices = sig_engine_get_choices (engine);
          for (guint c = 0; c < choices->len; c++)
            {
              SigChoice *choice = choices->pdata[c];
              SigEngine *next = sig_engine_copy (engine);
              g_autofree char *key = NULL;
              gpointer found;

              sig_engine_choose (next, choice->id, NULL);
              key = sig_engine_state_key (next);
              if (g_hash_table_lookup_extended (index, key, NULL, &found))
                {
                  g_ptr_array_add (state->successors, found);
                  sig_engine_free (next);
                  continue;
                }
              if (states->len >= SIG_EXPLORE_MAX_STATES)
                {
                  exploration->truncated = TRUE;
                  sig_engine_free (next);
                  continue;
                }
              {
                State *new_state = g_new0 (State, 1);
                guint new_index = states->len;

                new_state->key = g_steal_pointer (&key);
                new_state->path = *state->path ? g_strconcat (state->path, ",", choice->id, NULL) : g_strdup (choice->id);
                new_state->successors = g_ptr_array_new ();
                g_ptr_array_add (states, new_state);
                g_ptr_array_add (engines, next);
                g_hash_table_insert (index, new_state->key, GUINT_TO_POINTER (new_index));
                g_ptr_array_add (state->successors, GUINT_TO_POINTER (new_index));
                g_queue_push_tail (queue, GUINT_TO_POINTER (new_index));
              }
            }
          break;
        default:
          g_assert_not_reached ();
        }
    }

  /* Which states can still reach an ending? The rest are in a loop with no way out. */
  while (changed)
    {
      changed = FALSE;
      for (guint i = 0; i < states->len; i++)
        {
          State *state = states->pdata[i];

          for (guint s = 0; !state->can_end && s < state->successors->len; s++)
            if (((State *) states->pdata[GPOINTER_TO_UINT (state->successors->pdata[s])])->can_end)
              state->can_end = changed = TRUE;
        }
    }
  for (guint i = 0; !exploration->truncated && i < states->len; i++)
    {
      State *state = states->pdata[i];

      if (!state->can_end && state->successors->len > 0)
        {
          g_ptr_array_add (exploration->no_exit, g_strdup (*state->path ? state->path : "-"));
          g_ptr_array_add (exploration->no_exit_nodes,
                           g_strdup (sig_engine_get_node (engines->pdata[i]) ? sig_engine_get_node (engines->pdata[i])->id : ""));
          break;   /* one example is enough to act on */
        }
    }
  exploration->states = states->len;
  return exploration;
}
