/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sig-certificate-error.h"
#include "sig-jcs.h"

/* ---- Canonical form (RFC 8785) ------------------------------------------ */

static void
append_string (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

/**
 * sig_jcs_append_number:
 * @out: where to append
 * @value: a finite number
 *
 * Appends @value as ECMAScript's Number.prototype.toString() writes it (ECMA-262,
 * Number::toString), which is what RFC 8785 prescribes: the shortest digit string
 * that reads back as the same double, written without exponent for magnitudes from
 * 1e-6 up to 1e21.
 *
 * The shortest digits are found by asking printf for 1 to 17 significant digits and
 * keeping the first that round-trips. printf rounds correctly, so this finds the
 * shortest round-tripping string except in rare ties at powers of two, where a
 * longer-by-one string can result; no number a Signaal credential holds (scores
 * with one decimal, small integers) is such a case.
 *
 * Returns: %FALSE for NaN and infinities, which JSON cannot hold
 */
gboolean
sig_jcs_append_number (GString *out,
                       double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char digits[32];
  int k = 0;
  int exponent = 0;
  int n;

  if (!isfinite (value))
    return FALSE;

  if (value == 0)
    {
      g_string_append_c (out, '0');
      return TRUE;
    }
  if (value < 0)
    {
      g_string_append_c (out, '-');
      value = -value;
    }

  for (int precision = 1; precision <= 17; precision++)
    {
      char format[16];

      g_snprintf (format, sizeof format, "%%.%de", precision - 1);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  /* buffer is "d.ddddde[+-]xx" or "de[+-]xx" */
  for (const char *p = buffer; *p != 'e' && *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      digits[k++] = *p;
  while (k > 1 && digits[k - 1] == '0')
    k--;
  digits[k] = '\0';
  exponent = atoi (strchr (buffer, 'e') + 1);
  n = exponent + 1;

  if (k <= n && n <= 21)
    {
      g_string_append_len (out, digits, k);
      for (int i = 0; i < n - k; i++)
        g_string_append_c (out, '0');
    }
  else if (0 < n && n <= 21)
    {
      g_string_append_len (out, digits, n);
      g_string_append_c (out, '.');
      g_string_append (out, digits + n);
    }
  else if (-6 < n && n <= 0)
    {
      g_string_append (out, "0.");
      for (int i = 0; i < -n; i++)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
  else
    {
      g_string_append_c (out, digits[0]);
      if (k > 1)
        {
          g_string_append_c (out, '.');
          g_string_append (out, digits + 1);
        }
      g_string_append_printf (out, "e%c%d", n - 1 >= 0 ? '+' : '-', ABS (n - 1));
    }
  return TRUE;
}

typedef struct {
  const char *name;
  gunichar2 *utf16;
  glong utf16_length;
} Member;

static int
compare_members (gconstpointer a,
                 gconstpointer b)
{
  const Member *ma = a;
  const Member *mb = b;
  glong common = MIN (ma->utf16_length, mb->utf16_length);

  for (glong i = 0; i < common; i++)
    if (ma->utf16[i] != mb->utf16[i])
      return ma->utf16[i] < mb->utf16[i] ? -1 : 1;
  return (ma->utf16_length > mb->utf16_length) - (ma->utf16_length < mb->utf16_length);
}

static gboolean
append_node (GString   *out,
             JsonNode  *node,
             guint      depth,
             GError   **error)
{
  if (depth > SIG_JSON_MAX_DEPTH)
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_MALFORMED,
                   _("The JSON is nested more than %d levels deep."), SIG_JSON_MAX_DEPTH);
      return FALSE;
    }

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      return TRUE;

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          {
            const char *text = json_node_get_string (node);

            if (!g_utf8_validate (text, -1, NULL))
              {
                g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_MALFORMED,
                             _("The JSON holds a string that is not valid UTF-8."));
                return FALSE;
              }
            append_string (out, text);
          }
        else if (type == G_TYPE_BOOLEAN)
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
        else if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
          {
            double value = type == G_TYPE_INT64 ? (double) json_node_get_int (node)
                                                : json_node_get_double (node);

            if (!sig_jcs_append_number (out, value))
              {
                g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_MALFORMED,
                             _("The JSON holds a number that is not finite."));
                return FALSE;
              }
          }
        else
          {
            g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_MALFORMED,
                         _("The JSON holds a value of an unsupported type."));
            return FALSE;
          }
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint length = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < length; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            if (!append_node (out, json_array_get_element (array, i), depth + 1, error))
              return FALSE;
          }
        g_string_append_c (out, ']');
        return TRUE;
      }

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) names = json_object_get_members (object);
        g_autoptr(GArray) members = g_array_new (FALSE, TRUE, sizeof (Member));
        gboolean ok = TRUE;

        for (GList *l = names; l != NULL; l = l->next)
          {
            Member member = { l->data, NULL, 0 };

            member.utf16 = g_utf8_to_utf16 (member.name, -1, NULL, &member.utf16_length, NULL);
            if (member.utf16 == NULL)
              {
                g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_MALFORMED,
                             _("The JSON holds a member name that is not valid UTF-8."));
                ok = FALSE;
                break;
              }
            g_array_append_val (members, member);
          }

        if (ok)
          {
            g_array_sort (members, compare_members);
            g_string_append_c (out, '{');
            for (guint i = 0; i < members->len && ok; i++)
              {
                Member *member = &g_array_index (members, Member, i);

                if (i > 0)
                  g_string_append_c (out, ',');
                append_string (out, member->name);
                g_string_append_c (out, ':');
                ok = append_node (out, json_object_get_member (object, member->name),
                                  depth + 1, error);
              }
            g_string_append_c (out, '}');
          }

        for (guint i = 0; i < members->len; i++)
          g_free (g_array_index (members, Member, i).utf16);
        return ok;
      }

    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

/**
 * sig_jcs_canonicalize:
 * @node: a JSON value
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the canonical form of @node (RFC 8785), or
 *   %NULL if it holds a number JSON cannot hold or text that is not UTF-8
 */
char *
sig_jcs_canonicalize (JsonNode  *node,
                      GError   **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, NULL);

  if (!append_node (out, node, 0, error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- Strict reading (RFC 8259 + I-JSON) --------------------------------- */

typedef struct {
  const char *start;
  const char *p;
  const char *end;
  GError **error;
} Reader;

static gboolean G_GNUC_PRINTF (2, 3)
reader_fail (Reader     *r,
             const char *format,
             ...)
{
  va_list args;
  g_autofree char *message = NULL;
  int line = 1;
  int column = 1;

  for (const char *q = r->start; q < r->p && q < r->end; q++)
    {
      if (*q == '\n')
        {
          line++;
          column = 1;
        }
      else
        column++;
    }

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: "line 3, column 14: a member name appears twice" */
  g_set_error (r->error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_MALFORMED,
               _("Not valid JSON at line %d, column %d: %s"), line, column, message);
  return FALSE;
}

static void
skip_space (Reader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
    r->p++;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Reader  *r,
           guint   *out)
{
  guint value = 0;

  if (r->end - r->p < 4)
    return reader_fail (r, "%s", _("an escape \\u needs four hexadecimal digits"));
  for (int i = 0; i < 4; i++)
    {
      int digit = hex_value (r->p[i]);

      if (digit < 0)
        return reader_fail (r, "%s", _("an escape \\u needs four hexadecimal digits"));
      value = value * 16 + (guint) digit;
    }
  r->p += 4;
  *out = value;
  return TRUE;
}

/* Reads a string; @decoded (optional) receives its value. */
static gboolean
read_string (Reader  *r,
             GString *decoded)
{
  g_assert (*r->p == '"');
  r->p++;

  while (r->p < r->end)
    {
      guchar c = (guchar) *r->p;

      if (c == '"')
        {
          r->p++;
          return TRUE;
        }
      if (c < 0x20)
        return reader_fail (r, "%s", _("a control character must be escaped inside a string"));
      if (c != '\\')
        {
          if (decoded)
            g_string_append_c (decoded, (char) c);
          r->p++;
          continue;
        }

      r->p++;
      if (r->p >= r->end)
        break;
      switch (*r->p)
        {
        case '"': case '\\': case '/':
          if (decoded)
            g_string_append_c (decoded, *r->p);
          r->p++;
          break;
        case 'b': if (decoded) g_string_append_c (decoded, '\b'); r->p++; break;
        case 'f': if (decoded) g_string_append_c (decoded, '\f'); r->p++; break;
        case 'n': if (decoded) g_string_append_c (decoded, '\n'); r->p++; break;
        case 'r': if (decoded) g_string_append_c (decoded, '\r'); r->p++; break;
        case 't': if (decoded) g_string_append_c (decoded, '\t'); r->p++; break;
        case 'u':
          {
            guint unit;
            gunichar ch;

            r->p++;
            if (!read_hex4 (r, &unit))
              return FALSE;
            if (unit == 0)
              return reader_fail (r, "%s", _("a string holds the character U+0000"));
            if (unit >= 0xdc00 && unit <= 0xdfff)
              return reader_fail (r, "%s", _("a string holds a lone UTF-16 surrogate"));
            if (unit >= 0xd800 && unit <= 0xdbff)
              {
                guint low;

                if (r->end - r->p < 2 || r->p[0] != '\\' || r->p[1] != 'u')
                  return reader_fail (r, "%s", _("a string holds a lone UTF-16 surrogate"));
                r->p += 2;
                if (!read_hex4 (r, &low))
                  return FALSE;
                if (low < 0xdc00 || low > 0xdfff)
                  return reader_fail (r, "%s", _("a string holds a lone UTF-16 surrogate"));
                ch = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
              }
            else
              ch = unit;
            if (decoded)
              g_string_append_unichar (decoded, ch);
          }
          break;
        default:
          return reader_fail (r, "%s", _("unknown escape in a string"));
        }
    }
  return reader_fail (r, "%s", _("a string is not terminated"));
}

static gboolean
read_number (Reader *r)
{
  const char *begin = r->p;
  gboolean integer = TRUE;
  g_autofree char *text = NULL;
  double value;

  if (*r->p == '-')
    r->p++;
  if (r->p >= r->end || !g_ascii_isdigit (*r->p))
    return reader_fail (r, "%s", _("a number needs digits"));
  if (*r->p == '0')
    {
      r->p++;
      if (r->p < r->end && g_ascii_isdigit (*r->p))
        return reader_fail (r, "%s", _("a number cannot start with 0"));
    }
  else
    while (r->p < r->end && g_ascii_isdigit (*r->p))
      r->p++;

  if (r->p < r->end && *r->p == '.')
    {
      integer = FALSE;
      r->p++;
      if (r->p >= r->end || !g_ascii_isdigit (*r->p))
        return reader_fail (r, "%s", _("a number needs digits after the decimal point"));
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }
  if (r->p < r->end && (*r->p == 'e' || *r->p == 'E'))
    {
      integer = FALSE;
      r->p++;
      if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
        r->p++;
      if (r->p >= r->end || !g_ascii_isdigit (*r->p))
        return reader_fail (r, "%s", _("a number needs digits in its exponent"));
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }

  text = g_strndup (begin, (gsize) (r->p - begin));
  value = g_ascii_strtod (text, NULL);
  if (!isfinite (value))
    return reader_fail (r, "%s", _("a number is too large"));
  /* I-JSON: integers beyond ±2^53 lose precision (and json-glib cannot hold
   * integers beyond 64 bits at all). */
  if (integer && fabs (value) > 9007199254740992.0)
    return reader_fail (r, "%s", _("an integer is too large to be exact"));
  return TRUE;
}

static gboolean
expect_literal (Reader     *r,
                const char *literal)
{
  gsize len = strlen (literal);

  if ((gsize) (r->end - r->p) < len || memcmp (r->p, literal, len) != 0)
    return reader_fail (r, "%s", _("unexpected text"));
  r->p += len;
  return TRUE;
}

static gboolean read_value (Reader *r, guint depth);

static gboolean
read_object (Reader *r,
             guint   depth)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  r->p++;
  skip_space (r);
  if (r->p < r->end && *r->p == '}')
    {
      r->p++;
      return TRUE;
    }

  for (;;)
    {
      g_autoptr(GString) name = g_string_new (NULL);
      const char *name_start;

      skip_space (r);
      if (r->p >= r->end || *r->p != '"')
        return reader_fail (r, "%s", _("expected a member name in double quotes"));
      name_start = r->p;
      if (!read_string (r, name))
        return FALSE;
      if (g_hash_table_contains (names, name->str))
        {
          r->p = name_start;
          return reader_fail (r, _("the member name “%s” appears twice"), name->str);
        }
      g_hash_table_add (names, g_string_free (g_steal_pointer (&name), FALSE));

      skip_space (r);
      if (r->p >= r->end || *r->p != ':')
        return reader_fail (r, "%s", _("expected “:” after a member name"));
      r->p++;
      if (!read_value (r, depth + 1))
        return FALSE;
      skip_space (r);
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          continue;
        }
      if (r->p < r->end && *r->p == '}')
        {
          r->p++;
          return TRUE;
        }
      return reader_fail (r, "%s", _("expected “,” or “}”"));
    }
}

static gboolean
read_array (Reader *r,
            guint   depth)
{
  r->p++;
  skip_space (r);
  if (r->p < r->end && *r->p == ']')
    {
      r->p++;
      return TRUE;
    }
  for (;;)
    {
      if (!read_value (r, depth + 1))
        return FALSE;
      skip_space (r);
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          continue;
        }
      if (r->p < r->end && *r->p == ']')
        {
          r->p++;
          return TRUE;
        }
      return reader_fail (r, "%s", _("expected “,” or “]”"));
    }
}

static gboolean
read_value (Reader *r,
            guint   depth)
{
  if (depth > SIG_JSON_MAX_DEPTH)
    return reader_fail (r, _("values are nested more than %d levels deep"), SIG_JSON_MAX_DEPTH);

  skip_space (r);
  if (r->p >= r->end)
    return reader_fail (r, "%s", _("unexpected end of the text"));

  switch (*r->p)
    {
    case '{': return read_object (r, depth);
    case '[': return read_array (r, depth);
    case '"': return read_string (r, NULL);
    case 't': return expect_literal (r, "true");
    case 'f': return expect_literal (r, "false");
    case 'n': return expect_literal (r, "null");
    default:
      if (*r->p == '-' || g_ascii_isdigit (*r->p))
        return read_number (r);
      return reader_fail (r, "%s", _("unexpected character"));
    }
}

/**
 * sig_json_parse_strict:
 * @data: JSON text
 * @length: its length, or -1 if nul-terminated
 * @error: a #GError
 *
 * Reads untrusted JSON, rejecting what RFC 8259 does not allow and what I-JSON
 * (RFC 7493) forbids: duplicate member names, lone surrogates, integers beyond
 * ±2^53. Also rejects U+0000 in strings, nesting beyond %SIG_JSON_MAX_DEPTH and
 * texts beyond %SIG_JSON_MAX_BYTES.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL with
 *   %SIG_CERTIFICATE_ERROR_MALFORMED
 */
JsonNode *
sig_json_parse_strict (const char  *data,
                       gssize       length,
                       GError     **error)
{
  gsize len = length < 0 ? strlen (data) : (gsize) length;
  Reader reader = { data, data, data + len, error };
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root;

  if (len > SIG_JSON_MAX_BYTES)
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_MALFORMED,
                   _("The text is larger than %d kB; a credential is far smaller."),
                   SIG_JSON_MAX_BYTES / 1024);
      return NULL;
    }
  if (!g_utf8_validate (data, (gssize) len, NULL))
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_MALFORMED,
                   _("The text is not valid UTF-8."));
      return NULL;
    }
  /* RFC 8259 lets a parser ignore a byte order mark; a signed text should not have one. */
  if (!read_value (&reader, 0))
    return NULL;
  skip_space (&reader);
  if (reader.p != reader.end)
    {
      reader_fail (&reader, "%s", _("text after the end of the JSON value"));
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, &parse_error))
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_MALFORMED,
                   _("Not valid JSON: %s"), parse_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_MALFORMED,
                   _("The text is empty."));
      return NULL;
    }
  return json_node_copy (root);
}
