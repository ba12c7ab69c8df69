/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "sig-text.h"

struct _SigText
{
  GPtrArray *langs;   /* char* */
  GPtrArray *values;  /* char* */
};

SigText *
sig_text_new (void)
{
  SigText *text = g_new0 (SigText, 1);

  text->langs = g_ptr_array_new_with_free_func (g_free);
  text->values = g_ptr_array_new_with_free_func (g_free);
  return text;
}

void
sig_text_free (SigText *text)
{
  if (text == NULL)
    return;
  g_ptr_array_unref (text->langs);
  g_ptr_array_unref (text->values);
  g_free (text);
}

static int
sig_text_index (const SigText *text,
                const char    *lang)
{
  for (guint i = 0; lang != NULL && i < text->langs->len; i++)
    if (g_strcmp0 (text->langs->pdata[i], lang) == 0)
      return (int) i;
  return -1;
}

void
sig_text_set (SigText    *text,
              const char *lang,
              const char *value)
{
  int i = sig_text_index (text, lang);

  if (i >= 0)
    {
      g_free (text->values->pdata[i]);
      text->values->pdata[i] = g_strdup (value);
      return;
    }
  g_ptr_array_add (text->langs, g_strdup (lang));
  g_ptr_array_add (text->values, g_strdup (value));
}

const char *
sig_text_get_exact (const SigText *text,
                    const char    *lang)
{
  int i;

  if (text == NULL)
    return NULL;
  i = sig_text_index (text, lang);
  return i >= 0 ? text->values->pdata[i] : NULL;
}

const char *
sig_text_get (const SigText *text,
              const char    *lang)
{
  const char *value;

  if (text == NULL || text->values->len == 0)
    return NULL;
  if ((value = sig_text_get_exact (text, lang)) != NULL)
    return value;
  if ((value = sig_text_get_exact (text, "en")) != NULL)
    return value;
  return text->values->pdata[0];
}

gboolean
sig_text_has (const SigText *text,
              const char    *lang)
{
  return text != NULL && sig_text_index (text, lang) >= 0;
}

guint
sig_text_n_langs (const SigText *text)
{
  return text != NULL ? text->langs->len : 0;
}

const char *
sig_text_lang_at (const SigText *text,
                  guint          i)
{
  g_return_val_if_fail (text != NULL && i < text->langs->len, NULL);
  return text->langs->pdata[i];
}

static gboolean
is_neutralised (gunichar c,
                gboolean multiline)
{
  if (multiline && (c == '\n' || c == '\t'))
    return FALSE;
  return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ||
         c == 0x061c || c == 0x200e || c == 0x200f ||
         (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

static char *
sanitize (char     *text,
          gboolean  multiline)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  g_free (text);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_neutralised (c, multiline))
        g_string_append_unichar (out, 0xfffd);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

char *
sig_text_sanitize (char *text)
{
  return sanitize (text, FALSE);
}

char *
sig_text_sanitize_multiline (char *text)
{
  return sanitize (text, TRUE);
}
