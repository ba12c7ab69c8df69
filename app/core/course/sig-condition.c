/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "sig-condition.h"
#include "sig-loader.h"

typedef enum {
  COND_AND,
  COND_OR,
  COND_TEST,     /* var is true / non-zero */
  COND_NOT,      /* var is false / zero */
  COND_COMPARE,
} CondKind;

typedef enum { OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE } CondOp;

struct _SigCondition
{
  CondKind kind;
  SigCondition *left, *right;
  char *var;
  CondOp op;
  double value;
};

typedef struct {
  const char *p;
  const char *source;
} Parser;

void
sig_condition_free (SigCondition *condition)
{
  if (condition == NULL)
    return;
  sig_condition_free (condition->left);
  sig_condition_free (condition->right);
  g_free (condition->var);
  g_free (condition);
}

static void
skip_space (Parser *parser)
{
  while (g_ascii_isspace (*parser->p))
    parser->p++;
}

static char *
read_word (Parser *parser)
{
  const char *start;

  skip_space (parser);
  start = parser->p;
  while (g_ascii_isalnum (*parser->p) || *parser->p == '-' || *parser->p == '.' || *parser->p == '_')
    parser->p++;
  return parser->p > start ? g_strndup (start, parser->p - start) : NULL;
}

static gboolean
peek_keyword (Parser     *parser,
              const char *word)
{
  gsize len = strlen (word);

  skip_space (parser);
  if (strncmp (parser->p, word, len) != 0)
    return FALSE;
  if (g_ascii_isalnum (parser->p[len]) || parser->p[len] == '-' || parser->p[len] == '_')
    return FALSE;
  parser->p += len;
  return TRUE;
}

static gboolean
fail (Parser  *parser,
      GError **error,
      const char *what)
{
  g_set_error (error, SIG_LOADER_ERROR, SIG_LOADER_ERROR_INVALID,
               /* Translators: %s is a condition such as "trust >= 2", then what is wrong with it */
               _("The condition “%s” cannot be read: %s. Write it as “name”, “not name” or “name >= 2”, joined by “and” or “or”."),
               parser->source, what);
  return FALSE;
}

static SigCondition *
parse_test (Parser  *parser,
            GError **error)
{
  g_autoptr(SigCondition) cond = g_new0 (SigCondition, 1);
  static const struct { const char *text; CondOp op; } ops[] = {
    { "<=", OP_LE }, { ">=", OP_GE }, { "==", OP_EQ }, { "!=", OP_NE }, { "<", OP_LT }, { ">", OP_GT },
  };

  if (peek_keyword (parser, "not"))
    {
      cond->kind = COND_NOT;
      if ((cond->var = read_word (parser)) == NULL)
        return fail (parser, error, _("a variable name must follow “not”")), NULL;
      return g_steal_pointer (&cond);
    }

  if ((cond->var = read_word (parser)) == NULL)
    return fail (parser, error, _("a variable name is missing")), NULL;
  if (g_ascii_isdigit (cond->var[0]) || g_str_equal (cond->var, "and") || g_str_equal (cond->var, "or"))
    return fail (parser, error, _("a variable name is missing")), NULL;

  skip_space (parser);
  cond->kind = COND_TEST;
  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      gsize len = strlen (ops[i].text);
      g_autofree char *number = NULL;
      char *end = NULL;

      if (strncmp (parser->p, ops[i].text, len) != 0)
        continue;
      parser->p += len;
      cond->kind = COND_COMPARE;
      cond->op = ops[i].op;
      skip_space (parser);
      if (peek_keyword (parser, "true"))
        cond->value = 1;
      else if (peek_keyword (parser, "false"))
        cond->value = 0;
      else
        {
          const char *start = parser->p;

          if (*parser->p == '-')
            parser->p++;
          while (g_ascii_isdigit (*parser->p) || *parser->p == '.')
            parser->p++;
          number = g_strndup (start, parser->p - start);
          cond->value = g_ascii_strtod (number, &end);
          if (number[0] == '\0' || end == NULL || *end != '\0')
            return fail (parser, error, _("a number or true/false must follow the comparison")), NULL;
        }
      break;
    }
  return g_steal_pointer (&cond);
}

static SigCondition *
join (CondKind      kind,
      SigCondition *left,
      SigCondition *right)
{
  SigCondition *cond = g_new0 (SigCondition, 1);

  cond->kind = kind;
  cond->left = left;
  cond->right = right;
  return cond;
}

static SigCondition *
parse_and (Parser  *parser,
           GError **error)
{
  g_autoptr(SigCondition) left = parse_test (parser, error);

  if (left == NULL)
    return NULL;
  while (peek_keyword (parser, "and"))
    {
      SigCondition *right = parse_test (parser, error);

      if (right == NULL)
        return NULL;
      left = join (COND_AND, g_steal_pointer (&left), right);
    }
  return g_steal_pointer (&left);
}

SigCondition *
sig_condition_parse (const char  *source,
                     GError     **error)
{
  Parser parser = { source, source };
  g_autoptr(SigCondition) cond = NULL;

  g_return_val_if_fail (source != NULL, NULL);

  if ((cond = parse_and (&parser, error)) == NULL)
    return NULL;
  while (peek_keyword (&parser, "or"))
    {
      SigCondition *right = parse_and (&parser, error);

      if (right == NULL)
        return NULL;
      cond = join (COND_OR, g_steal_pointer (&cond), right);
    }
  skip_space (&parser);
  if (*parser.p != '\0')
    return fail (&parser, error, _("unexpected text at the end")), NULL;
  return g_steal_pointer (&cond);
}

static gboolean
compare (CondOp op,
         double a,
         double b)
{
  switch (op)
    {
    case OP_LT: return a < b;
    case OP_LE: return a <= b;
    case OP_GT: return a > b;
    case OP_GE: return a >= b;
    case OP_EQ: return a == b;
    case OP_NE: return a != b;
    default: g_assert_not_reached ();
    }
}

gboolean
sig_condition_eval (const SigCondition *cond,
                    SigVariableLookup   lookup,
                    gpointer            user_data)
{
  double value = 0;

  if (cond == NULL)
    return TRUE;
  switch (cond->kind)
    {
    case COND_AND:
      return sig_condition_eval (cond->left, lookup, user_data) &&
             sig_condition_eval (cond->right, lookup, user_data);
    case COND_OR:
      return sig_condition_eval (cond->left, lookup, user_data) ||
             sig_condition_eval (cond->right, lookup, user_data);
    case COND_TEST:
      return lookup (cond->var, &value, user_data) && value != 0;
    case COND_NOT:
      return !lookup (cond->var, &value, user_data) || value == 0;
    case COND_COMPARE:
      return lookup (cond->var, &value, user_data) && compare (cond->op, value, cond->value);
    default:
      g_assert_not_reached ();
    }
}

void
sig_condition_foreach_var (const SigCondition *cond,
                           GFunc               func,
                           gpointer            user_data)
{
  if (cond == NULL)
    return;
  if (cond->var != NULL)
    func (cond->var, user_data);
  sig_condition_foreach_var (cond->left, func, user_data);
  sig_condition_foreach_var (cond->right, func, user_data);
}

/* The interval a single test allows for its variable, intersected into
 * [*lo, *hi]; inclusive bounds, with a small step for strict comparisons. */
static void
narrow (const SigCondition *cond,
        double             *lo,
        double             *hi)
{
  const double eps = 1e-9;

  switch (cond->kind)
    {
    case COND_TEST: *lo = MAX (*lo, eps); break;   /* flags: 1; numbers: not 0 (approximated as > 0) */
    case COND_NOT: *hi = MIN (*hi, 0); *lo = MAX (*lo, 0); break;
    case COND_COMPARE:
      switch (cond->op)
        {
        case OP_LT: *hi = MIN (*hi, cond->value - eps); break;
        case OP_LE: *hi = MIN (*hi, cond->value); break;
        case OP_GT: *lo = MAX (*lo, cond->value + eps); break;
        case OP_GE: *lo = MAX (*lo, cond->value); break;
        case OP_EQ: *lo = MAX (*lo, cond->value); *hi = MIN (*hi, cond->value); break;
        case OP_NE: break;
        default: g_assert_not_reached ();
        }
      break;
    case COND_AND:
    case COND_OR:
    default:
      break;
    }
}

static void
collect_tests (const SigCondition *cond,
               GPtrArray          *tests)
{
  if (cond->kind == COND_AND)
    {
      collect_tests (cond->left, tests);
      collect_tests (cond->right, tests);
    }
  else
    g_ptr_array_add (tests, (gpointer) cond);
}

gboolean
sig_condition_never_holds (const SigCondition *cond,
                           SigVariableRange    range,
                           gpointer            user_data)
{
  g_autoptr(GPtrArray) tests = NULL;

  if (cond == NULL)
    return FALSE;
  if (cond->kind == COND_OR)
    return sig_condition_never_holds (cond->left, range, user_data) &&
           sig_condition_never_holds (cond->right, range, user_data);

  /* A conjunction: each variable's allowed interval must stay non-empty. */
  tests = g_ptr_array_new ();
  collect_tests (cond, tests);
  for (guint i = 0; i < tests->len; i++)
    {
      const SigCondition *test = tests->pdata[i];
      double lo, hi;

      if (test->kind == COND_OR)
        {
          if (sig_condition_never_holds (test, range, user_data))
            return TRUE;
          continue;
        }
      if (!range (test->var, &lo, &hi, user_data))
        return TRUE;   /* an unknown variable is never set */
      for (guint j = 0; j < tests->len; j++)
        {
          const SigCondition *other = tests->pdata[j];

          if (other->kind != COND_OR && g_strcmp0 (other->var, test->var) == 0)
            narrow (other, &lo, &hi);
        }
      if (lo > hi)
        return TRUE;
      if (test->kind == COND_COMPARE && test->op == OP_NE && lo == hi && lo == test->value)
        return TRUE;
    }
  return FALSE;
}
