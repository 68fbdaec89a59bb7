/* steward-expr.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-expr"

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

#include "steward-expr.h"

/* An expression is meant to be a line of arithmetic and comparisons: these
 * bounds are far above what such a line needs and far below what would
 * slow the engine down. */
#define STEP_LIMIT     100000
#define MEMORY_LIMIT   (1024 * 1024)
#define COMPILE_MEMORY (4 * 1024 * 1024)

#define CHUNK_NAME    "=expression"
#define CHUNK_PREFIX  "expression:"
#define JSON_METATABLE "steward.json"

typedef struct
{
  size_t       limit;
  size_t       used;
  gboolean     out_of_memory;
  gboolean     out_of_steps;

  const char  *chunk;
  JsonObject **scopes;
  JsonObject  *reads;

  /* Memory of ours handed to Lua functions that may not return (a Lua
   * error unwinds the C stack): freed once the state is closed. */
  GPtrArray   *garbage;

  /* What the protected part hands back. */
  JsonNode    *result;
} Sandbox;

G_DEFINE_QUARK (steward-expr-error-quark, steward_expr_error)

/* Every byte Lua asks for goes through here, so that a runaway
 * expression meets a clean "not enough memory" error instead of taking
 * the process down with it. */
static void *
sandbox_alloc (void   *ud,
               void   *ptr,
               size_t  osize,
               size_t  nsize)
{
  Sandbox *sandbox = ud;
  size_t old = ptr != NULL ? osize : 0;
  void *block;

  if (nsize == 0)
    {
      free (ptr);
      sandbox->used -= old;
      return NULL;
    }

  if (nsize > old && nsize - old > sandbox->limit - sandbox->used)
    {
      sandbox->out_of_memory = TRUE;
      return NULL;
    }

  block = realloc (ptr, nsize);
  if (block == NULL)
    {
      sandbox->out_of_memory = TRUE;
      return NULL;
    }

  sandbox->used = sandbox->used - old + nsize;

  return block;
}

static void
sandbox_hook (lua_State *L,
              lua_Debug *ar)
{
  Sandbox *sandbox;

  lua_getallocf (L, (void **) &sandbox);
  sandbox->out_of_steps = TRUE;

  luaL_error (L, "step limit reached");
}

/* Positions --------------------------------------------------------- */

static guint
count_lines (const char *source)
{
  guint lines = 1;

  for (const char *p = source; *p != '\0'; p++)
    if (*p == '\n')
      lines++;

  return lines;
}

/* Byte offset of the start of line @line (1-based) of @source. */
static gsize
line_start (const char *source,
            guint       line)
{
  const char *p = source;

  for (guint i = 1; i < line && *p != '\0'; p++)
    if (*p == '\n')
      i++;

  return p - source;
}

/* "column 14" for one-line sources, "line 2, column 5" otherwise;
 * columns count characters, not bytes. */
static char *
describe_position (const char *source,
                   gsize       offset)
{
  guint line = 1;
  gsize start = 0;
  glong column;

  for (gsize i = 0; i < offset && source[i] != '\0'; i++)
    {
      if (source[i] == '\n')
        {
          line++;
          start = i + 1;
        }
    }

  column = g_utf8_strlen (source + start, offset - start) + 1;

  if (count_lines (source) == 1)
    return g_strdup_printf (_("column %ld"), column);

  return g_strdup_printf (_("line %u, column %ld"), line, column);
}

static void
set_syntax_error (GError     **error,
                  const char  *source,
                  gsize        offset,
                  const char  *message)
{
  g_autofree char *position = describe_position (source, offset);

  g_set_error (error, STEWARD_EXPR_ERROR, STEWARD_EXPR_ERROR_SYNTAX,
               _("syntax error at %s: %s"), position, message);
}

/* Brackets ---------------------------------------------------------- */

/* Length of the long bracket "[==[" starting at @p, or 0 if @p does not
 * start one; *level receives the number of '='. */
static gsize
long_bracket_open (const char *p,
                   guint      *level)
{
  const char *q = p + 1;

  if (*p != '[')
    return 0;

  while (*q == '=')
    q++;

  if (*q != '[')
    return 0;

  *level = q - p - 1;

  return q - p + 1;
}

static const char *
long_bracket_close (const char *p,
                    guint       level)
{
  for (; *p != '\0'; p++)
    {
      guint n = 0;

      if (*p != ']')
        continue;

      while (p[1 + n] == '=')
        n++;

      if (n == level && p[1 + n] == ']')
        return p + n + 2;
    }

  return NULL;
}

/* The source is compiled inside "return (...)", so a stray ")" could
 * close that wrapper early and smuggle a second value in; and an
 * unbalanced bracket would be reported against text the user never
 * wrote. Matching brackets here, outside strings and comments, keeps
 * both honest. Unfinished strings stop the scan: Lua reports those. */
static gboolean
check_brackets (const char  *source,
                GError     **error)
{
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (gsize));
  const char *p = source;

  while (*p != '\0')
    {
      guint level = 0;
      gsize len;

      if (p[0] == '-' && p[1] == '-')
        {
          p += 2;
          if ((len = long_bracket_open (p, &level)) > 0)
            {
              if ((p = long_bracket_close (p + len, level)) == NULL)
                return TRUE;
            }
          else
            {
              while (*p != '\0' && *p != '\n')
                p++;
            }
          continue;
        }

      if (*p == '"' || *p == '\'')
        {
          char quote = *p++;

          while (*p != '\0' && *p != quote && *p != '\n')
            {
              if (*p == '\\' && p[1] != '\0')
                p++;
              p++;
            }

          if (*p != quote)
            return TRUE;

          p++;
          continue;
        }

      if ((len = long_bracket_open (p, &level)) > 0)
        {
          if ((p = long_bracket_close (p + len, level)) == NULL)
            return TRUE;
          continue;
        }

      if (*p == '(' || *p == '[' || *p == '{')
        {
          gsize offset = p - source;

          g_array_append_val (open, offset);
        }
      else if (*p == ')' || *p == ']' || *p == '}')
        {
          char opener = *p == ')' ? '(' : *p == ']' ? '[' : '{';
          g_autofree char *message = NULL;
          gsize last;

          if (open->len == 0)
            {
              message = g_strdup_printf (_("'%c' has no matching '%c'"),
                                         *p, opener);
              set_syntax_error (error, source, p - source, message);
              return FALSE;
            }

          last = g_array_index (open, gsize, open->len - 1);
          if (source[last] != opener)
            {
              g_autofree char *where = describe_position (source, last);

              message = g_strdup_printf (_("'%c' does not close the '%c' at %s"),
                                         *p, source[last], where);
              set_syntax_error (error, source, p - source, message);
              return FALSE;
            }

          g_array_set_size (open, open->len - 1);
        }

      p++;
    }

  if (open->len > 0)
    {
      gsize last = g_array_index (open, gsize, open->len - 1);
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("'%c' is never closed"), source[last]);
      set_syntax_error (error, source, last, message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;

  return TRUE;
}

/* Compiling ----------------------------------------------------------- */

/* Compiles @len bytes of @source, wrapped as an expression or as a
 * chunk of statements, in a small state of its own. Returns NULL when
 * it compiles, else Lua's message. */
static char *
try_compile (const char *source,
             gsize       len,
             gboolean    as_expression)
{
  Sandbox sandbox = { .limit = COMPILE_MEMORY };
  g_autoptr(GString) text = g_string_new (NULL);
  char *message = NULL;
  lua_State *L;

  if (as_expression)
    g_string_append (text, "return (\n");
  g_string_append_len (text, source, len);
  if (as_expression && len == strlen (source))
    g_string_append (text, "\n)");

  if ((L = lua_newstate (sandbox_alloc, &sandbox)) == NULL)
    return g_strdup ("not enough memory");

  if (luaL_loadbufferx (L, text->str, text->len, CHUNK_NAME, "t") != LUA_OK)
    message = g_strdup (lua_tostring (L, -1));

  lua_close (L);

  return message;
}

/* A prefix of the source that Lua only finds unfinished: the problem
 * lies further on. */
static gboolean
is_viable_prefix (const char *source,
                  gsize       len)
{
  g_autofree char *message = try_compile (source, len, TRUE);

  return message == NULL || g_str_has_suffix (message, "near <eof>");
}

/* Lua names the line and the token it stumbled on, not the column. The
 * token is looked for on that line; when it occurs more than once, the
 * right one is the occurrence where the same error first appears. */
static gsize
locate_token (const char *source,
              const char *message,
              guint       line,
              const char *token)
{
  gsize start = line_start (source, line);
  gsize end = start;
  gsize fallback = G_MAXSIZE;
  gsize token_len = strlen (token);

  while (source[end] != '\0' && source[end] != '\n')
    end++;

  for (gsize i = start; token_len > 0 && i + token_len <= end; i++)
    {
      g_autofree char *found = NULL;

      if (strncmp (source + i, token, token_len) != 0)
        continue;

      if (!is_viable_prefix (source, i))
        continue;

      if (fallback == G_MAXSIZE)
        fallback = i;

      found = try_compile (source, i + token_len, TRUE);
      if (found != NULL && g_str_equal (found, message))
        return i;
    }

  return fallback != G_MAXSIZE ? fallback : start;
}

static char *
clean_message (const char *message)
{
  g_autoptr(GRegex) regex = NULL;

  regex = g_regex_new ("expression:[0-9]+: |"
                       " ?\\((to close '.'|starting) at line [0-9]+\\)",
                       G_REGEX_OPTIMIZE, 0, NULL);

  return g_regex_replace_literal (regex, message, -1, 0, "", 0, NULL);
}

/* Turns Lua's "expression:LINE: TEXT near 'TOKEN'" into a message with
 * the column, in terms of the source as the user wrote it (the wrapper
 * adds a line before and after it). */
static void
report_compile_error (const char  *source,
                      const char  *message,
                      GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *token = NULL;
  g_autofree char *statement = NULL;
  const char *colon;
  const char *near;
  guint lua_line;
  guint lines = count_lines (source);
  gsize offset;

  if (!g_str_has_prefix (message, CHUNK_PREFIX)
      || (colon = strchr (message + strlen (CHUNK_PREFIX), ':')) == NULL)
    {
      set_syntax_error (error, source, 0, message);
      return;
    }

  lua_line = strtoul (message + strlen (CHUNK_PREFIX), NULL, 10);
  text = clean_message (message);

  if (lua_line < 2 || lua_line > lines + 1)
    {
      /* Lua ran into the closing wrapper: the source stops mid-way. */
      set_syntax_error (error, source, strlen (source),
                        strstr (message, "unfinished") != NULL
                        ? text : _("the expression is incomplete"));
      return;
    }

  near = g_strrstr (message, " near '");
  if (near != NULL && g_str_has_suffix (message, "'"))
    token = g_strndup (near + 7, strlen (near + 7) - 1);

  offset = token != NULL
    ? locate_token (source, message, lua_line - 1, token)
    : line_start (source, lua_line - 1);

  /* Statements compile as a chunk of their own; say so plainly rather
   * than with Lua's complaint about the wrapper. */
  statement = try_compile (source, strlen (source), FALSE);
  if (statement == NULL)
    {
      set_syntax_error (error, source, offset,
                        g_strcmp0 (token, "=") == 0
                        ? _("this is an assignment, not an expression "
                            "(compare with '==')")
                        : _("this is a statement, not an expression"));
      return;
    }

  if (strstr (message, "(to close '(' at line 1)") != NULL && token != NULL)
    {
      g_autofree char *extra = NULL;

      extra = g_strdup_printf (_("expected the end of the expression near '%s'"),
                               token);
      set_syntax_error (error, source, offset, extra);
      return;
    }

  set_syntax_error (error, source, offset, text);
}

gboolean
steward_expr_check (const char  *source,
                    GError     **error)
{
  g_autofree char *message = NULL;

  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (is_blank (source))
    {
      g_set_error (error, STEWARD_EXPR_ERROR, STEWARD_EXPR_ERROR_SYNTAX,
                   _("the expression is empty"));
      return FALSE;
    }

  if (!g_utf8_validate (source, -1, NULL))
    {
      g_set_error (error, STEWARD_EXPR_ERROR, STEWARD_EXPR_ERROR_SYNTAX,
                   _("the expression is not valid UTF-8 text"));
      return FALSE;
    }

  if (!check_brackets (source, error))
    return FALSE;

  if ((message = try_compile (source, strlen (source), TRUE)) != NULL)
    {
      report_compile_error (source, message, error);
      return FALSE;
    }

  return TRUE;
}

/* JSON values seen from Lua ------------------------------------------- */

/* Objects and arrays reach Lua as read-only views on the caller's
 * nodes rather than as copies: an item may be large and an expression
 * usually reads one or two of its fields. */
static void push_json (lua_State *L,
                       JsonNode  *node);

static JsonNode *
check_json (lua_State *L,
            int        index)
{
  return *(JsonNode **) luaL_checkudata (L, index, JSON_METATABLE);
}

static int
json_index (lua_State *L)
{
  JsonNode *node = check_json (L, 1);

  if (JSON_NODE_HOLDS_OBJECT (node) && lua_type (L, 2) == LUA_TSTRING)
    {
      JsonObject *object = json_node_get_object (node);
      const char *key = lua_tostring (L, 2);

      if (json_object_has_member (object, key))
        {
          push_json (L, json_object_get_member (object, key));
          return 1;
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      int is_integer = 0;
      lua_Integer i = lua_tointegerx (L, 2, &is_integer);

      if (is_integer && i >= 1 && i <= json_array_get_length (array))
        {
          push_json (L, json_array_get_element (array, i - 1));
          return 1;
        }
    }

  lua_pushnil (L);

  return 1;
}

static int
json_newindex (lua_State *L)
{
  return luaL_error (L, "values read from data cannot be changed");
}

static int
json_len (lua_State *L)
{
  JsonNode *node = check_json (L, 1);

  if (JSON_NODE_HOLDS_ARRAY (node))
    lua_pushinteger (L, json_array_get_length (json_node_get_array (node)));
  else
    lua_pushinteger (L, json_object_get_size (json_node_get_object (node)));

  return 1;
}

static int
json_eq (lua_State *L)
{
  lua_pushboolean (L, json_node_equal (check_json (L, 1), check_json (L, 2)));

  return 1;
}

static int
json_tostring (lua_State *L)
{
  JsonNode *node = check_json (L, 1);
  char *text = json_to_string (node, FALSE);
  Sandbox *sandbox;

  lua_getallocf (L, (void **) &sandbox);
  g_ptr_array_add (sandbox->garbage, text);
  lua_pushstring (L, text);

  return 1;
}

/* Iterates objects (member name, value) and arrays (index, value) in
 * their order; the position lives in an upvalue. */
static int
json_next (lua_State *L)
{
  JsonNode *node = check_json (L, 1);
  lua_Integer position = lua_tointeger (L, lua_upvalueindex (1));

  lua_pushinteger (L, position + 1);
  lua_replace (L, lua_upvalueindex (1));

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      if (position >= json_array_get_length (array))
        return 0;

      lua_pushinteger (L, position + 1);
      push_json (L, json_array_get_element (array, position));
    }
  else
    {
      JsonObject *object = json_node_get_object (node);
      GList *members = json_object_get_members (object);
      const char *name = g_list_nth_data (members, position);

      g_list_free (members);
      if (name == NULL)
        return 0;

      lua_pushstring (L, name);
      push_json (L, json_object_get_member (object, name));
    }

  return 2;
}

static int
json_pairs (lua_State *L)
{
  check_json (L, 1);

  lua_pushinteger (L, 0);
  lua_pushcclosure (L, json_next, 1);
  lua_pushvalue (L, 1);
  lua_pushnil (L);

  return 3;
}

static void
push_json (lua_State *L,
           JsonNode  *node)
{
  JsonNode **view;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
    case JSON_NODE_ARRAY:
      view = lua_newuserdatauv (L, sizeof *view, 0);
      *view = node;
      luaL_setmetatable (L, JSON_METATABLE);
      return;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          lua_pushinteger (L, json_node_get_int (node));
          return;
        case G_TYPE_DOUBLE:
          lua_pushnumber (L, json_node_get_double (node));
          return;
        case G_TYPE_BOOLEAN:
          lua_pushboolean (L, json_node_get_boolean (node));
          return;
        case G_TYPE_STRING:
          lua_pushstring (L, json_node_get_string (node));
          return;
        default:
          break;
        }
      break;

    case JSON_NODE_NULL:
    default:
      break;
    }

  lua_pushnil (L);
}

/* Names ---------------------------------------------------------------- */

/* Names come from the scopes first, so that a field called "type" or
 * "string" in the data means that field; the few functions offered
 * come after them. */
static int
env_index (lua_State *L)
{
  Sandbox *sandbox = lua_touserdata (L, lua_upvalueindex (1));
  const char *name;

  if (lua_type (L, 2) != LUA_TSTRING)
    return luaL_error (L, "unknown name");

  name = lua_tostring (L, 2);

  for (guint i = 0; sandbox->scopes != NULL && sandbox->scopes[i] != NULL; i++)
    {
      JsonNode *node;

      if (!json_object_has_member (sandbox->scopes[i], name))
        continue;

      node = json_object_get_member (sandbox->scopes[i], name);
      if (sandbox->reads != NULL && !json_object_has_member (sandbox->reads, name))
        json_object_set_member (sandbox->reads, name, json_node_copy (node));

      push_json (L, node);
      return 1;
    }

  lua_pushvalue (L, 2);
  if (lua_rawget (L, lua_upvalueindex (2)) != LUA_TNIL)
    return 1;

  return luaL_error (L, "unknown name '%s'", name);
}

static int
env_newindex (lua_State *L)
{
  return luaL_error (L, "cannot assign to '%s': expressions only read values",
                     lua_type (L, 2) == LUA_TSTRING ? lua_tostring (L, 2) : "?");
}

/* Lua patterns run inside C, where the step bound cannot reach them, and
 * a crafted pattern backtracks for ages: find() searches plain text. */
static int
plain_find (lua_State *L)
{
  luaL_checkstring (L, 1);
  luaL_checkstring (L, 2);

  lua_settop (L, 3);
  lua_pushvalue (L, lua_upvalueindex (1));
  lua_insert (L, 1);
  lua_pushboolean (L, 1);
  lua_call (L, 4, LUA_MULTRET);

  return lua_gettop (L);
}

static void
remove_fields (lua_State         *L,
               const char *const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      lua_pushnil (L);
      lua_setfield (L, -2, names[i]);
    }
}

/* Leaves the table of functions offered to expressions on the stack. */
static void
push_builtins (lua_State *L)
{
  static const char *const base[] = {
    "assert", "error", "ipairs", "next", "pairs", "rawequal", "select",
    "tonumber", "tostring", "type", NULL
  };
  static const char *const impure_math[] = { "random", "randomseed", NULL };
  static const char *const unsafe_string[] = {
    "dump", "gmatch", "gsub", "match", NULL
  };
  static const char *const unsafe_table[] = { NULL };

  lua_newtable (L);

  luaL_requiref (L, LUA_GNAME, luaopen_base, 0);
  for (guint i = 0; base[i] != NULL; i++)
    {
      lua_getfield (L, -1, base[i]);
      lua_setfield (L, -3, base[i]);
    }
  lua_pop (L, 1);

  luaL_requiref (L, LUA_MATHLIBNAME, luaopen_math, 0);
  remove_fields (L, impure_math);
  lua_setfield (L, -2, LUA_MATHLIBNAME);

  /* The string table is also what string methods ("x"):len() find, so
   * it is trimmed in place rather than copied. */
  luaL_requiref (L, LUA_STRLIBNAME, luaopen_string, 0);
  lua_getfield (L, -1, "find");
  lua_pushcclosure (L, plain_find, 1);
  lua_setfield (L, -2, "find");
  remove_fields (L, unsafe_string);
  lua_setfield (L, -2, LUA_STRLIBNAME);

  luaL_requiref (L, LUA_TABLIBNAME, luaopen_table, 0);
  remove_fields (L, unsafe_table);
  lua_setfield (L, -2, LUA_TABLIBNAME);

  luaL_requiref (L, LUA_UTF8LIBNAME, luaopen_utf8, 0);
  lua_setfield (L, -2, LUA_UTF8LIBNAME);
}

static void
register_json_metatable (lua_State *L)
{
  static const luaL_Reg methods[] = {
    { "__index", json_index },
    { "__newindex", json_newindex },
    { "__len", json_len },
    { "__eq", json_eq },
    { "__pairs", json_pairs },
    { "__tostring", json_tostring },
    { NULL, NULL }
  };

  luaL_newmetatable (L, JSON_METATABLE);
  luaL_setfuncs (L, methods, 0);

  /* Shown by Lua in messages such as "attempt to compare JSON data with
   * number". */
  lua_pushliteral (L, "JSON data");
  lua_setfield (L, -2, "__name");
  lua_pop (L, 1);
}

/* Results ------------------------------------------------------------- */

/* Checks everything that can fail before allocating the node, so that a
 * Lua error never leaves a node behind. */
static JsonNode *
result_to_json (lua_State *L,
                int        index)
{
  size_t len;
  const char *text;

  switch (lua_type (L, index))
    {
    case LUA_TNIL:
    case LUA_TNONE:
      return json_node_new (JSON_NODE_NULL);

    case LUA_TBOOLEAN:
      return json_node_init_boolean (json_node_alloc (), lua_toboolean (L, index));

    case LUA_TNUMBER:
      if (lua_isinteger (L, index))
        return json_node_init_int (json_node_alloc (), lua_tointeger (L, index));
      if (!isfinite (lua_tonumber (L, index)))
        luaL_error (L, "the result is not a finite number (a division by zero?)");
      return json_node_init_double (json_node_alloc (), lua_tonumber (L, index));

    case LUA_TSTRING:
      text = lua_tolstring (L, index, &len);
      if (!g_utf8_validate_len (text, len, NULL) || memchr (text, '\0', len))
        luaL_error (L, "the result is not valid text");
      return json_node_init_string (json_node_alloc (), text);

    case LUA_TUSERDATA:
      if (luaL_testudata (L, index, JSON_METATABLE) != NULL)
        return json_node_copy (check_json (L, index));
      break;

    default:
      break;
    }

  luaL_error (L, "the result is a %s; expected a number, text, true, false or nil",
              luaL_typename (L, index));

  return NULL;
}

/* Runs in protected mode: any Lua error, out of memory included, comes
 * back to steward_expr_evaluate() as a status. */
static int
sandbox_run (lua_State *L)
{
  Sandbox *sandbox = lua_touserdata (L, 1);
  int env;

  register_json_metatable (L);

  lua_newtable (L);
  env = lua_gettop (L);
  lua_newtable (L);
  lua_pushlightuserdata (L, sandbox);
  push_builtins (L);
  lua_pushcclosure (L, env_index, 2);
  lua_setfield (L, -2, "__index");
  lua_pushcfunction (L, env_newindex);
  lua_setfield (L, -2, "__newindex");
  lua_setmetatable (L, env);

  if (luaL_loadbufferx (L, sandbox->chunk, strlen (sandbox->chunk),
                       CHUNK_NAME, "t") != LUA_OK)
    return lua_error (L);

  lua_pushvalue (L, env);
  lua_setupvalue (L, -2, 1);

  lua_sethook (L, sandbox_hook, LUA_MASKCOUNT, STEP_LIMIT);
  lua_call (L, 0, 1);
  lua_sethook (L, NULL, 0, 0);

  sandbox->result = result_to_json (L, -1);

  return 0;
}

JsonNode *
steward_expr_evaluate (const char  *source,
                       JsonObject **scopes,
                       JsonObject  *reads,
                       GError     **error)
{
  Sandbox sandbox = { .limit = MEMORY_LIMIT, .scopes = scopes, .reads = reads };
  g_autofree char *chunk = NULL;
  g_autofree char *message = NULL;
  lua_State *L;
  int status;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!steward_expr_check (source, error))
    return NULL;

  chunk = g_strdup_printf ("return (\n%s\n)", source);
  sandbox.chunk = chunk;
  sandbox.garbage = g_ptr_array_new_with_free_func (g_free);

  /* A fresh state each time: nothing one evaluation does can be seen by
   * the next. */
  if ((L = lua_newstate (sandbox_alloc, &sandbox)) == NULL)
    {
      g_ptr_array_unref (sandbox.garbage);
      g_set_error (error, STEWARD_EXPR_ERROR, STEWARD_EXPR_ERROR_LIMIT,
                   _("not enough memory to evaluate the expression"));
      return NULL;
    }

  lua_pushcfunction (L, sandbox_run);
  lua_pushlightuserdata (L, &sandbox);
  status = lua_pcall (L, 1, 0, 0);

  if (status != LUA_OK)
    message = lua_type (L, -1) == LUA_TSTRING
      ? clean_message (lua_tostring (L, -1))
      : g_strdup (_("the expression raised an error that is not text"));

  lua_close (L);
  g_ptr_array_unref (sandbox.garbage);

  if (status == LUA_OK)
    return sandbox.result;

  g_clear_pointer (&sandbox.result, json_node_unref);

  if (sandbox.out_of_steps)
    g_set_error (error, STEWARD_EXPR_ERROR, STEWARD_EXPR_ERROR_LIMIT,
                 _("the expression takes more than %d steps "
                   "(does it loop forever?)"),
                 STEP_LIMIT);
  else if (sandbox.out_of_memory)
    g_set_error (error, STEWARD_EXPR_ERROR, STEWARD_EXPR_ERROR_LIMIT,
                 _("the expression needs more than %d KiB of memory"),
                 MEMORY_LIMIT / 1024);
  else
    g_set_error_literal (error, STEWARD_EXPR_ERROR, STEWARD_EXPR_ERROR_RUNTIME,
                         message);

  return NULL;
}

gboolean
steward_expr_node_is_true (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;

  if (JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);

  return TRUE;
}

/* Templates ------------------------------------------------------------ */

static gboolean
is_placeholder_name (const char *name,
                     gsize       len)
{
  gboolean segment_start = TRUE;

  if (len == 0)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = name[i];

      if (c == '.' && !segment_start)
        {
          segment_start = TRUE;
          continue;
        }

      if (!g_ascii_isalpha (c) && c != '_'
          && (segment_start || !g_ascii_isdigit (c)))
        return FALSE;

      segment_start = FALSE;
    }

  return !segment_start;
}

/* Numbers read the way a person writes them: 20, not 20.0, and 517.8,
 * not 517.80000000000001. */
static void
append_number (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == floor (value) && fabs (value) < 1e15)
    g_string_append_printf (out, "%" PRId64, (gint64) value);
  else
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.15g", value));
}

static void
append_node_text (GString  *out,
                  JsonNode *node)
{
  g_autofree char *json = NULL;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      g_string_append (out, "null");
      return;
    }

  if (!JSON_NODE_HOLDS_VALUE (node))
    {
      json = json_to_string (node, FALSE);
      g_string_append (out, json);
      return;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      g_string_append_printf (out, "%" PRId64, json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
      append_number (out, json_node_get_double (node));
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;
    case G_TYPE_STRING:
      g_string_append (out, json_node_get_string (node));
      break;
    default:
      break;
    }
}

/* "{supplier.city}": the first name from the scopes, the rest member by
 * member. */
static JsonNode *
lookup_placeholder (const char  *name,
                    JsonObject **scopes,
                    GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (name, ".", -1);
  JsonNode *node = NULL;

  for (guint i = 0; scopes != NULL && scopes[i] != NULL; i++)
    {
      if (json_object_has_member (scopes[i], parts[0]))
        {
          node = json_object_get_member (scopes[i], parts[0]);
          break;
        }
    }

  for (guint i = 1; node != NULL && parts[i] != NULL; i++)
    {
      if (!JSON_NODE_HOLDS_OBJECT (node)
          || !json_object_has_member (json_node_get_object (node), parts[i]))
        node = NULL;
      else
        node = json_object_get_member (json_node_get_object (node), parts[i]);
    }

  if (node == NULL)
    g_set_error (error, STEWARD_EXPR_ERROR, STEWARD_EXPR_ERROR_TEMPLATE,
                 _("unknown placeholder '{%s}'"), name);

  return node;
}

/* One pass over a template. Without @out it only checks the syntax, so
 * that a template is known to be well formed before any name is looked
 * up; with @out it renders. */
static gboolean
template_scan (const char  *template_,
               JsonObject **scopes,
               GString     *out,
               GError     **error)
{
  const char *p = template_;

  while (*p != '\0')
    {
      glong column = g_utf8_pointer_to_offset (template_, p) + 1;

      if (p[0] == '{' && p[1] == '{')
        {
          if (out != NULL)
            g_string_append_c (out, '{');
          p += 2;
        }
      else if (p[0] == '}' && p[1] == '}')
        {
          if (out != NULL)
            g_string_append_c (out, '}');
          p += 2;
        }
      else if (p[0] == '}')
        {
          g_set_error (error, STEWARD_EXPR_ERROR, STEWARD_EXPR_ERROR_SYNTAX,
                       _("single '}' at column %ld (write '}}' for a brace)"),
                       column);
          return FALSE;
        }
      else if (p[0] == '{')
        {
          const char *end = p + 1 + strcspn (p + 1, "{}");
          g_autofree char *name = NULL;
          JsonNode *node;

          if (*end != '}')
            {
              g_set_error (error, STEWARD_EXPR_ERROR, STEWARD_EXPR_ERROR_SYNTAX,
                           _("'{' at column %ld is never closed "
                             "(write '{{' for a brace)"),
                           column);
              return FALSE;
            }

          name = g_strndup (p + 1, end - p - 1);
          if (!is_placeholder_name (name, strlen (name)))
            {
              g_set_error (error, STEWARD_EXPR_ERROR, STEWARD_EXPR_ERROR_SYNTAX,
                           _("'{%s}' at column %ld is not a placeholder: names are "
                             "letters, digits and '_', with '.' between parts"),
                           name, column);
              return FALSE;
            }

          if (out != NULL)
            {
              if ((node = lookup_placeholder (name, scopes, error)) == NULL)
                return FALSE;
              append_node_text (out, node);
            }

          p = end + 1;
        }
      else
        {
          if (out != NULL)
            g_string_append_c (out, *p);
          p++;
        }
    }

  return TRUE;
}

/* The name when @template_ is exactly one placeholder, else NULL. */
static char *
exact_placeholder (const char *template_)
{
  gsize len = strlen (template_);

  if (len < 3 || template_[0] != '{' || template_[len - 1] != '}')
    return NULL;

  if (!is_placeholder_name (template_ + 1, len - 2))
    return NULL;

  return g_strndup (template_ + 1, len - 2);
}

char *
steward_template_render (const char  *template_,
                         JsonObject **scopes,
                         GError     **error)
{
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (template_ != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!template_scan (template_, scopes, NULL, error))
    return NULL;

  out = g_string_new (NULL);
  if (!template_scan (template_, scopes, out, error))
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static JsonNode *
render_node (JsonNode    *template_,
             JsonObject **scopes,
             GString     *path,
             GError     **error)
{
  gsize path_len = path->len;

  if (JSON_NODE_HOLDS_OBJECT (template_))
    {
      JsonObject *object = json_node_get_object (template_);
      g_autoptr(JsonObject) rendered = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (object);

      for (const GList *l = members; l != NULL; l = l->next)
        {
          const char *name = l->data;
          JsonNode *member;

          g_string_append_printf (path, "%s%s", path_len > 0 ? "." : "", name);
          member = render_node (json_object_get_member (object, name), scopes,
                                path, error);
          g_string_truncate (path, path_len);

          if (member == NULL)
            return NULL;

          json_object_set_member (rendered, name, member);
        }

      return json_node_init_object (json_node_alloc (), rendered);
    }

  if (JSON_NODE_HOLDS_ARRAY (template_))
    {
      JsonArray *array = json_node_get_array (template_);
      g_autoptr(JsonArray) rendered = json_array_new ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element;

          g_string_append_printf (path, "[%u]", i);
          element = render_node (json_array_get_element (array, i), scopes,
                                 path, error);
          g_string_truncate (path, path_len);

          if (element == NULL)
            return NULL;

          json_array_add_element (rendered, element);
        }

      return json_node_init_array (json_node_alloc (), rendered);
    }

  if (JSON_NODE_HOLDS_VALUE (template_)
      && json_node_get_value_type (template_) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (template_);
      g_autofree char *name = exact_placeholder (text);
      g_autofree char *rendered = NULL;
      g_autoptr(GError) local_error = NULL;

      if (name != NULL)
        {
          JsonNode *node = lookup_placeholder (name, scopes, &local_error);

          if (node != NULL)
            return json_node_copy (node);
        }
      else
        {
          rendered = steward_template_render (text, scopes, &local_error);
          if (rendered != NULL)
            return json_node_init_string (json_node_alloc (), rendered);
        }

      if (path->len > 0)
        g_prefix_error (&local_error, "%s: ", path->str);
      g_propagate_error (error, g_steal_pointer (&local_error));

      return NULL;
    }

  return json_node_copy (template_);
}

JsonNode *
steward_template_render_json (JsonNode    *template_,
                              JsonObject **scopes,
                              GError     **error)
{
  g_autoptr(GString) path = g_string_new (NULL);

  g_return_val_if_fail (template_ != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return render_node (template_, scopes, path, error);
}
