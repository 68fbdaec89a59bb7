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
 * no globals but the names in scope and a few pure functions (math,
 * string), a bound on steps and on memory. */

/* Checks that @source is one expression. FALSE with a message that
 * gives the column of the problem otherwise. */
gboolean  steward_expr_check          (const char  *source,
                                       GError     **error);

/* Evaluates @source where names are looked up in @scopes, a NULL
 * terminated array of JSON objects searched in order. Every name read
 * is recorded in @reads (name -> value as read; may be NULL). The
 * result is a JSON value node (number, boolean, string or null). */
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
 * naming the placeholder. "{{" and "}}" stand for braces. */
char     *steward_template_render     (const char  *template_,
                                       JsonObject **scopes,
                                       GError     **error);
JsonNode *steward_template_render_json (JsonNode   *template_,
                                       JsonObject **scopes,
                                       GError     **error);

G_END_DECLS
