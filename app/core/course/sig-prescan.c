/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "sig-prescan.h"

typedef struct {
  const char *data;
  gsize len;
  gsize pos;
  guint line;
  gsize line_start;
} Scanner;

static gboolean
starts_with (Scanner    *s,
             const char *text)
{
  gsize n = strlen (text);

  return s->pos + n <= s->len && memcmp (s->data + s->pos, text, n) == 0;
}

static void
advance (Scanner *s)
{
  if (s->data[s->pos] == '\n')
    {
      s->line++;
      s->line_start = s->pos + 1;
    }
  s->pos++;
}

/* Moves past the next occurrence of @end, or to the end of the data. */
static void
skip_past (Scanner    *s,
           const char *end)
{
  while (s->pos < s->len && !starts_with (s, end))
    advance (s);
  for (gsize n = strlen (end); n > 0 && s->pos < s->len; n--)
    advance (s);
}

static void
where (Scanner *s,
       gsize    pos,
       guint    line,
       gsize    line_start,
       guint   *out_line,
       guint   *out_column)
{
  *out_line = line;
  *out_column = (guint) (pos - line_start) + 1;
}

SigPrescanResult
sig_prescan (const char             *data,
             gsize                   len,
             const SigPrescanLimits *limits,
             guint                  *line,
             guint                  *column)
{
  Scanner s = { data, len, 0, 1, 0 };
  gsize depth = 0;
  gsize elements = 0;

  *line = 0;
  *column = 0;

  while (s.pos < s.len)
    {
      gsize tag_pos = s.pos;
      guint tag_line = s.line;
      gsize tag_line_start = s.line_start;
      gsize attributes = 0;
      gboolean closing, empty = FALSE;
      char quote = 0;

      if (data[s.pos] != '<')
        {
          advance (&s);
          continue;
        }
      if (starts_with (&s, "<!--"))
        {
          skip_past (&s, "-->");
          continue;
        }
      if (starts_with (&s, "<![CDATA["))
        {
          skip_past (&s, "]]>");
          continue;
        }
      if (starts_with (&s, "<?"))
        {
          skip_past (&s, "?>");
          continue;
        }
      if (starts_with (&s, "<!"))
        {
          /* <!DOCTYPE, <!ENTITY and every other declaration */
          where (&s, tag_pos, tag_line, tag_line_start, line, column);
          return SIG_PRESCAN_DOCTYPE;
        }

      advance (&s);
      closing = s.pos < s.len && data[s.pos] == '/';
      /* Scan the tag to its '>', counting '=' outside quoted values. */
      while (s.pos < s.len)
        {
          char c = data[s.pos];

          if (quote != 0)
            {
              if (c == quote)
                quote = 0;
            }
          else if (c == '"' || c == '\'')
            quote = c;
          else if (c == '=')
            {
              if (++attributes > limits->max_attributes)
                {
                  where (&s, tag_pos, tag_line, tag_line_start, line, column);
                  return SIG_PRESCAN_ATTRIBUTES;
                }
            }
          else if (c == '>')
            {
              empty = s.pos > 0 && data[s.pos - 1] == '/';
              advance (&s);
              break;
            }
          else if (c == '<')
            break;   /* malformed; the parser will say where */
          advance (&s);
        }

      if (closing)
        {
          if (depth > 0)
            depth--;
          continue;
        }
      if (++elements > limits->max_elements)
        {
          where (&s, tag_pos, tag_line, tag_line_start, line, column);
          return SIG_PRESCAN_ELEMENTS;
        }
      if (!empty && ++depth > limits->max_depth)
        {
          where (&s, tag_pos, tag_line, tag_line_start, line, column);
          return SIG_PRESCAN_DEPTH;
        }
    }
  return SIG_PRESCAN_OK;
}
