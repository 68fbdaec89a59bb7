/* steward-expr.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define STEWARD_EXPR_ERROR (steward_expr_error_quark())

typedef enum
{
  STEWARD_EXPR_ERROR_SYNTAX,
  STEWARD_EXPR_ERROR_RUNTIME,
  STEWARD_EXPR_ERROR_LIMIT,     /* too many steps or too much memory */
  STEWARD_EXPR_ERROR_TEMPLATE,  /* a {name} in a template is unknown */
} StewardExprError;

GQuark    steward_expr_error_quark (void);

/* Expressions are Lua 5.4 expressions ("not discontinued and
 * unitsInStock + unitsOnOrder < reorderLevel") evaluated in a sandbox:
 * no globals but the names in scope and a few pure functions (math
 * without random, string without dump and patterns, table, utf8,
 * tostring, tonumber, type, pairs, ipairs, select, next, error, assert,
 * rawequal), a bound of 100000 steps and of 1 MiB of memory. Each
 * evaluation runs in a fresh Lua state. */

/* Checks that @source is one expression. FALSE with a message that
 * gives the column of the problem otherwise ("syntax error at column
 * 16: unexpected symbol near '<'"; "line 2, column 3" for sources of
 * several lines); statements are refused. */
gboolean  steward_expr_check          (const char  *source,
                                       GError     **error);

/* Evaluates @source where names are looked up in @scopes, a NULL
 * terminated array of JSON objects searched in order (before the
 * functions offered). Every name read is recorded in @reads, once
 * (name -> value as read; may be NULL). A name found in no scope is an
 * error ("unknown name 'x'"), a JSON null reads as nil, JSON integers
 * stay integers. The result is a JSON value node (number, boolean,
 * string or null; an object or array read from a scope is copied);
 * tables, functions and non-finite numbers are runtime errors. */
JsonNode *steward_expr_evaluate       (const char  *source,
                                       JsonObject **scopes,
                                       JsonObject  *reads,
                                       GError     **error);

/* Truthiness as Lua sees it: only null and false are false. */
gboolean  steward_expr_node_is_true   (JsonNode    *node);

/* Renders "{name}" placeholders from @scopes. A string that is exactly
 * one placeholder becomes the value itself (a number stays a number);
 * other strings get the value's text. Objects and arrays are rendered
 * member by member. Unknown names fail with STEWARD_EXPR_ERROR_TEMPLATE
 * naming the placeholder. "{{" and "}}" stand for braces.
 *
 * Names are identifiers, with "." between parts to reach into objects
 * ("{supplier.city}"). A malformed template (an unclosed "{", a single
 * "}", a name that is not one) fails with STEWARD_EXPR_ERROR_SYNTAX
 * before any name is looked up, so rendering with an empty scope list
 * checks the syntax alone. As text, integers and whole doubles print
 * without decimals ("20", "525"), other doubles with up to 15
 * significant digits ("517.8"), null as "null", objects and arrays as
 * JSON. render_json() prefixes errors with the member's path
 * ("lines[0].qty: ..."). */
char     *steward_template_render     (const char  *template_,
                                       JsonObject **scopes,
                                       GError     **error);
JsonNode *steward_template_render_json (JsonNode   *template_,
                                       JsonObject **scopes,
                                       GError     **error);

G_END_DECLS
