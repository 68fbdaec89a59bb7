/* test-expr.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-expr"

#include "config.h"

#include <string.h>

#include "steward-expr.h"

/* Four Northwind products as the HTTP source returns them (fields as in
 * the data set's products collection). */
static const char *const product_30 =
  "{ \"id\": \"30\", \"productID\": 30, \"name\": \"Nord-Ost Matjeshering\","
  "  \"unitPrice\": 25.89, \"unitsInStock\": 10, \"unitsOnOrder\": 0,"
  "  \"reorderLevel\": 15, \"discontinued\": false }";
static const char *const product_70 =
  "{ \"id\": \"70\", \"productID\": 70, \"name\": \"Outback Lager\","
  "  \"unitPrice\": 15, \"unitsInStock\": 15, \"unitsOnOrder\": 10,"
  "  \"reorderLevel\": 30, \"discontinued\": false }";
static const char *const product_31 =
  "{ \"id\": \"31\", \"productID\": 31, \"name\": \"Gorgonzola Telino\","
  "  \"unitPrice\": 12.5, \"unitsInStock\": 0, \"unitsOnOrder\": 70,"
  "  \"reorderLevel\": 20, \"discontinued\": false }";
static const char *const product_5 =
  "{ \"id\": \"5\", \"productID\": 5, \"name\": \"Chef Anton's Gumbo Mix\","
  "  \"unitPrice\": 21.35, \"unitsInStock\": 0, \"unitsOnOrder\": 0,"
  "  \"reorderLevel\": 0, \"discontinued\": true }";
/* Product 30 as it would be if it had been discontinued: below its
 * level, so only the "not discontinued" part keeps it out. */
static const char *const product_30_discontinued =
  "{ \"id\": \"30\", \"productID\": 30, \"name\": \"Nord-Ost Matjeshering\","
  "  \"unitPrice\": 25.89, \"unitsInStock\": 10, \"unitsOnOrder\": 0,"
  "  \"reorderLevel\": 15, \"discontinued\": true }";

static const char *const parameters_json =
  "{ \"base_url\": \"http://127.0.0.1:3000\", \"auto_approve_below\": 500,"
  "  \"order_up_to_factor\": 2 }";

#define CONDITION "not discontinued and unitsInStock + unitsOnOrder < reorderLevel"
#define QUANTITY  "order_up_to_factor * reorderLevel - (unitsInStock + unitsOnOrder)"
#define TOTAL     "quantity * unitPrice"
#define ACT_ALONE "total < auto_approve_below"

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  return json_object_ref (json_node_get_object (node));
}

/* The scopes the engine gives a rule: values derived so far, the item,
 * then the parameters. */
typedef struct
{
  JsonObject *derived;
  JsonObject *item;
  JsonObject *parameters;
  JsonObject *scopes[4];
} Rule;

static void
rule_init (Rule       *rule,
           const char *item)
{
  rule->derived = json_object_new ();
  rule->item = parse_object (item);
  rule->parameters = parse_object (parameters_json);
  rule->scopes[0] = rule->derived;
  rule->scopes[1] = rule->item;
  rule->scopes[2] = rule->parameters;
  rule->scopes[3] = NULL;
}

static void
rule_clear (Rule *rule)
{
  g_clear_pointer (&rule->derived, json_object_unref);
  g_clear_pointer (&rule->item, json_object_unref);
  g_clear_pointer (&rule->parameters, json_object_unref);
}

static JsonNode *
evaluate (Rule       *rule,
          const char *source)
{
  g_autoptr(GError) error = NULL;
  JsonNode *result = steward_expr_evaluate (source, rule->scopes, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);

  return result;
}

static gboolean
evaluate_condition (Rule       *rule,
                    const char *source)
{
  g_autoptr(JsonNode) result = evaluate (rule, source);

  return steward_expr_node_is_true (result);
}

static void
derive (Rule       *rule,
        const char *name,
        const char *source)
{
  json_object_set_member (rule->derived, name, evaluate (rule, source));
}

static void
assert_error (const char      *source,
              JsonObject     **scopes,
              StewardExprError code,
              const char      *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = steward_expr_evaluate (source, scopes, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, STEWARD_EXPR_ERROR, code);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
  g_assert_null (strstr (error->message, "expression:"));
}

static void
test_reorder_condition (void)
{
  struct { const char *item; gboolean expected; } cases[] = {
    { product_30, TRUE },
    { product_70, TRUE },
    { product_31, FALSE },  /* covered by its open order */
    { product_5, FALSE },
    { product_30_discontinued, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Rule rule;

      rule_init (&rule, cases[i].item);
      g_assert_cmpint (evaluate_condition (&rule, CONDITION), ==, cases[i].expected);
      rule_clear (&rule);
    }
}

static void
test_reorder_derived (void)
{
  struct {
    const char *item;
    gint64      quantity;
    double      total;
  } cases[] = {
    { product_30, 20, 517.80 },
    { product_70, 35, 525.00 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Rule rule;
      JsonNode *quantity;
      JsonNode *total;

      rule_init (&rule, cases[i].item);
      derive (&rule, "quantity", QUANTITY);
      derive (&rule, "total", TOTAL);

      /* Whole numbers from whole numbers stay whole. */
      quantity = json_object_get_member (rule.derived, "quantity");
      g_assert_cmpint (json_node_get_value_type (quantity), ==, G_TYPE_INT64);
      g_assert_cmpint (json_node_get_int (quantity), ==, cases[i].quantity);

      total = json_object_get_member (rule.derived, "total");
      g_assert_cmpfloat_with_epsilon (json_node_get_double (total), cases[i].total, 1e-9);

      /* Both cost more than 500 EUR: the user decides. */
      g_assert_false (evaluate_condition (&rule, ACT_ALONE));

      rule_clear (&rule);
    }
}

static void
test_reorder_boundary (void)
{
  Rule rule;

  /* A rule that ignores unitsOnOrder would order 40 x 12.50 of product
   * 31: exactly 500.00, which is not below 500. */
  rule_init (&rule, product_31);
  derive (&rule, "quantity", "order_up_to_factor * reorderLevel - unitsInStock");
  derive (&rule, "total", TOTAL);

  g_assert_cmpint (json_object_get_int_member (rule.derived, "quantity"), ==, 40);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (rule.derived, "total"),
                                  500.0, 1e-9);
  g_assert_false (evaluate_condition (&rule, ACT_ALONE));
  g_assert_true (evaluate_condition (&rule, "total <= auto_approve_below"));
  rule_clear (&rule);

  /* "Order back up to the reorder level": 5 x 25.89 = 129.45, below. */
  rule_init (&rule, product_30);
  json_object_set_int_member (rule.parameters, "order_up_to_factor", 1);
  derive (&rule, "quantity", QUANTITY);
  derive (&rule, "total", TOTAL);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (rule.derived, "total"),
                                  129.45, 1e-9);
  g_assert_true (evaluate_condition (&rule, ACT_ALONE));
  rule_clear (&rule);
}

static void
test_reads (void)
{
  g_autoptr(JsonObject) reads = json_object_new ();
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GError) error = NULL;
  Rule rule;

  rule_init (&rule, product_30);
  result = steward_expr_evaluate (CONDITION, rule.scopes, reads, &error);
  g_assert_no_error (error);
  g_assert_true (steward_expr_node_is_true (result));

  g_assert_cmpint (json_object_get_size (reads), ==, 4);
  g_assert_false (json_object_get_boolean_member (reads, "discontinued"));
  g_assert_cmpint (json_object_get_int_member (reads, "unitsInStock"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (reads, "unitsOnOrder"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (reads, "reorderLevel"), ==, 15);
  g_clear_pointer (&result, json_node_unref);

  /* Read twice, recorded once; functions offered are not inputs. */
  result = steward_expr_evaluate ("math.max(unitPrice, unitPrice * 2)",
                                  rule.scopes, reads, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_size (reads), ==, 5);
  g_assert_cmpfloat (json_object_get_double_member (reads, "unitPrice"), ==, 25.89);
  g_assert_false (json_object_has_member (reads, "math"));
  rule_clear (&rule);

  /* "and" stops at a discontinued product: only that was read. */
  g_clear_pointer (&result, json_node_unref);
  rule_init (&rule, product_5);
  g_clear_pointer (&reads, json_object_unref);
  reads = json_object_new ();
  result = steward_expr_evaluate (CONDITION, rule.scopes, reads, &error);
  g_assert_no_error (error);
  g_assert_false (steward_expr_node_is_true (result));
  g_assert_cmpint (json_object_get_size (reads), ==, 1);
  g_assert_true (json_object_get_boolean_member (reads, "discontinued"));
  rule_clear (&rule);
}

static void
test_unknown_name (void)
{
  Rule rule;

  rule_init (&rule, product_30);
  assert_error ("unitsInStock < reorderLvel", rule.scopes,
                STEWARD_EXPR_ERROR_RUNTIME, "unknown name 'reorderLvel'");
  rule_clear (&rule);
}

static void
test_syntax_column (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (steward_expr_check (CONDITION, &error));
  g_assert_no_error (error);

  g_assert_false (steward_expr_check ("unitsInStock < < reorderLevel", &error));
  g_assert_error (error, STEWARD_EXPR_ERROR, STEWARD_EXPR_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==,
                   "syntax error at column 16: unexpected symbol near '<'");
  g_clear_error (&error);

  /* The same token earlier on the line is not the culprit. */
  g_assert_false (steward_expr_check ("a < b and c < < d", &error));
  g_assert_cmpstr (error->message, ==,
                   "syntax error at column 15: unexpected symbol near '<'");
  g_clear_error (&error);

  g_assert_false (steward_expr_check ("quantity unitPrice", &error));
  g_assert_cmpstr (error->message, ==,
                   "syntax error at column 10: expected the end of the expression "
                   "near 'unitPrice'");
  g_clear_error (&error);

  /* Columns count characters, not bytes. */
  g_assert_false (steward_expr_check ("'Knäckebröd' == = name", &error));
  g_assert_cmpstr (error->message, ==,
                   "syntax error at column 17: unexpected symbol near '='");
  g_clear_error (&error);

  g_assert_false (steward_expr_check ("discontinued and\n  reorderLevel > > 2", &error));
  g_assert_cmpstr (error->message, ==,
                   "syntax error at line 2, column 18: unexpected symbol near '>'");
  g_clear_error (&error);

  g_assert_false (steward_expr_check ("unitsInStock +", &error));
  g_assert_cmpstr (error->message, ==,
                   "syntax error at column 15: the expression is incomplete");
  g_clear_error (&error);

  g_assert_false (steward_expr_check ("details[1).quantity", &error));
  g_assert_cmpstr (error->message, ==,
                   "syntax error at column 10: ')' does not close the '[' at column 8");
  g_clear_error (&error);

  g_assert_false (steward_expr_check ("min(a, b", &error));
  g_assert_cmpstr (error->message, ==, "syntax error at column 4: '(' is never closed");
  g_clear_error (&error);

  g_assert_false (steward_expr_check ("name == 'Chai", &error));
  g_assert_cmpstr (error->message, ==,
                   "syntax error at column 9: unfinished string near ''Chai'");
  g_clear_error (&error);
}

static void
test_not_one_expression (void)
{
  const char *sources[] = {
    "", "   ", "reorderLevel = 10", "return 1", "local x = 1",
    "1), (2", "1) (2",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (steward_expr_check (sources[i], &error));
      g_assert_error (error, STEWARD_EXPR_ERROR, STEWARD_EXPR_ERROR_SYNTAX);
    }

  assert_error ("reorderLevel = 10", NULL, STEWARD_EXPR_ERROR_SYNTAX,
                "syntax error at column 14: this is an assignment, not an "
                "expression (compare with '==')");
  assert_error ("return 1", NULL, STEWARD_EXPR_ERROR_SYNTAX,
                "syntax error at column 1: this is a statement, not an expression");
  assert_error ("1), (2", NULL, STEWARD_EXPR_ERROR_SYNTAX,
                "syntax error at column 2: ')' has no matching '('");
  assert_error ("", NULL, STEWARD_EXPR_ERROR_SYNTAX, "the expression is empty");
}

static void
test_step_limit (void)
{
  gint64 started = g_get_monotonic_time ();

  assert_error ("(function() while true do end end)()", NULL,
                STEWARD_EXPR_ERROR_LIMIT,
                "the expression takes more than 100000 steps (does it loop forever?)");

  /* A Lua comparison function called from C (by sort) is counted too. */
  assert_error ("(function() local t = {} for i = 1, 2000 do t[i] = -i end "
                "table.sort(t, function(a, b) for _ = 1, 10 do end return a < b end) "
                "return t[1] end)()",
                NULL, STEWARD_EXPR_ERROR_LIMIT, NULL);

  g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_USEC_PER_SEC);
}

static void
test_memory_limit (void)
{
  assert_error ("string.rep('x', 1e9)", NULL, STEWARD_EXPR_ERROR_LIMIT,
                "the expression needs more than 1024 KiB of memory");
  assert_error ("('x'):rep(1e8):len()", NULL, STEWARD_EXPR_ERROR_LIMIT, NULL);
  assert_error ("(function() local s = 'x' for _ = 1, 40 do s = s .. s end "
                "return #s end)()", NULL, STEWARD_EXPR_ERROR_LIMIT, NULL);

  /* A string well inside the bound is fine. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) result = steward_expr_evaluate ("#string.rep('x', 1000)",
                                                        NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpint (json_node_get_int (result), ==, 1000);
  }
}

static void
test_sandbox (void)
{
  const char *unreachable[] = {
    "io", "os", "load", "loadstring", "dofile", "require", "package",
    "debug", "print", "collectgarbage", "getmetatable", "setmetatable",
    "rawset", "rawget", "pcall", "coroutine", "_G",
  };
  g_autoptr(JsonObject) item = parse_object (product_30);
  JsonObject *scopes[] = { item, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (unreachable); i++)
    {
      g_autofree char *message = g_strdup_printf ("unknown name '%s'", unreachable[i]);

      assert_error (unreachable[i], NULL, STEWARD_EXPR_ERROR_RUNTIME, message);
    }

  assert_error ("io.open('/etc/passwd')", NULL, STEWARD_EXPR_ERROR_RUNTIME,
                "unknown name 'io'");
  assert_error ("os.execute('true')", NULL, STEWARD_EXPR_ERROR_RUNTIME,
                "unknown name 'os'");
  assert_error ("load('return 1')()", NULL, STEWARD_EXPR_ERROR_RUNTIME,
                "unknown name 'load'");
  assert_error ("(function() reorderLevel = 0 end)()", scopes,
                STEWARD_EXPR_ERROR_RUNTIME,
                "cannot assign to 'reorderLevel': expressions only read values");

  /* No bytecode, no patterns that could backtrack outside the step
   * bound, no way around the environment. */
  {
    const char *absent[] = {
      "string.dump == nil", "string.gsub == nil", "string.match == nil",
      "('x').gmatch == nil", "math.random == nil",
      "string.find('a.b', '.', 1) == 2",
      "string.upper(name) == 'NORD-OST MATJESHERING'",
      "_ENV.unitPrice == unitPrice",
    };

    for (guint i = 0; i < G_N_ELEMENTS (absent); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(JsonNode) result = steward_expr_evaluate (absent[i], scopes, NULL, &error);

        g_assert_no_error (error);
        g_assert_true (steward_expr_node_is_true (result));
      }
  }
}

static void
test_runtime_errors (void)
{
  g_autoptr(JsonObject) item = parse_object (product_70);
  JsonObject *scopes[] = { item, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = NULL;

  result = steward_expr_evaluate ("name * 2", scopes, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, STEWARD_EXPR_ERROR, STEWARD_EXPR_ERROR_RUNTIME);
  g_assert_nonnull (strstr (error->message, "string"));
  g_assert_null (strstr (error->message, "expression:"));

  assert_error ("unitsInStock / 0", scopes, STEWARD_EXPR_ERROR_RUNTIME,
                "the result is not a finite number (a division by zero?)");
  assert_error ("{ 1, 2 }", scopes, STEWARD_EXPR_ERROR_RUNTIME,
                "the result is a table; expected a number, text, true, false or nil");
  assert_error ("error('stock is unknown')", scopes, STEWARD_EXPR_ERROR_RUNTIME,
                "stock is unknown");
}

static void
test_values (void)
{
  g_autoptr(JsonObject) order = parse_object (
    "{ \"shippedDate\": \"NULL\", \"region\": null, \"freight\": 32.38,"
    "  \"shipAddress\": { \"city\": \"Reims\", \"postalCode\": 51100 },"
    "  \"details\": [ { \"productID\": 11, \"quantity\": 12 },"
    "                 { \"productID\": 42, \"quantity\": 10 } ] }");
  JsonObject *scopes[] = { order, NULL };
  struct { const char *source; const char *json; } cases[] = {
    /* Missing values in Northwind are the text "NULL", kept as text. */
    { "shippedDate == 'NULL'", "true" },
    { "region == nil", "true" },
    { "region", "null" },
    { "math.type(freight)", "\"float\"" },
    { "math.type(shipAddress.postalCode)", "\"integer\"" },
    { "shipAddress.city", "\"Reims\"" },
    { "shipAddress.missing == nil", "true" },
    { "#details", "2" },
    { "details[2].quantity * 2", "20" },
    { "details[3] == nil", "true" },
    { "(function() local n = 0 for _, d in ipairs(details) do n = n + d.quantity end "
      "return n end)()", "22" },
    { "(function() local k = '' for key in pairs(shipAddress) do k = k .. key .. ';' end "
      "return k end)()", "\"city;postalCode;\"" },
    { "shipAddress", "{\"city\":\"Reims\",\"postalCode\":51100}" },
    { "7 // 2", "3" },
    { "7 / 2", "3.5" },
    { "'Forêts d''érables'", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) result = steward_expr_evaluate (cases[i].source, scopes,
                                                          NULL, &error);
      g_autofree char *json = NULL;

      if (cases[i].json == NULL)
        {
          /* Two strings side by side are not one expression. */
          g_assert_error (error, STEWARD_EXPR_ERROR, STEWARD_EXPR_ERROR_SYNTAX);
          continue;
        }

      g_assert_no_error (error);
      json = json_to_string (result, FALSE);
      g_assert_cmpstr (json, ==, cases[i].json);
    }

  assert_error ("(function() shipAddress.city = 'Paris' end)()", scopes,
                STEWARD_EXPR_ERROR_RUNTIME, "values read from data cannot be changed");
}

static void
test_is_true (void)
{
  g_autoptr(JsonNode) null_node = json_node_new (JSON_NODE_NULL);
  g_autoptr(JsonNode) no = json_node_init_boolean (json_node_alloc (), FALSE);
  g_autoptr(JsonNode) yes = json_node_init_boolean (json_node_alloc (), TRUE);
  g_autoptr(JsonNode) zero = json_node_init_int (json_node_alloc (), 0);
  g_autoptr(JsonNode) empty = json_node_init_string (json_node_alloc (), "");

  g_assert_false (steward_expr_node_is_true (NULL));
  g_assert_false (steward_expr_node_is_true (null_node));
  g_assert_false (steward_expr_node_is_true (no));
  g_assert_true (steward_expr_node_is_true (yes));
  g_assert_true (steward_expr_node_is_true (zero));
  g_assert_true (steward_expr_node_is_true (empty));
}

static void
derive_product_30 (Rule *rule)
{
  rule_init (rule, product_30);
  derive (rule, "quantity", QUANTITY);
  derive (rule, "total", TOTAL);
}

static void
test_template_exact (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) template_ = json_from_string ("\"{quantity}\"", NULL);
  g_autoptr(JsonNode) quantity = NULL;
  g_autoptr(JsonNode) id = NULL;
  g_autofree char *text = NULL;
  Rule rule;

  derive_product_30 (&rule);

  quantity = steward_template_render_json (template_, rule.scopes, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_node_get_value_type (quantity), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (quantity), ==, 20);

  json_node_set_string (template_, "{id}");
  id = steward_template_render_json (template_, rule.scopes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (id), ==, "30");

  /* As text, a number reads as a person writes it. */
  text = steward_template_render ("{total}", rule.scopes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "517.8");

  rule_clear (&rule);
}

static void
test_template_text (void)
{
  struct { const char *template_; const char *expected; } cases[] = {
    { "Order {quantity} units of {name}", "Order 20 units of Nord-Ost Matjeshering" },
    { "{base_url}/purchaseOrders", "http://127.0.0.1:3000/purchaseOrders" },
    { "{name} costs {total} EUR", "Nord-Ost Matjeshering costs 517.8 EUR" },
    { "discontinued: {discontinued}", "discontinued: false" },
    { "{unitPrice}/{reorderLevel}", "25.89/15" },
    { "no placeholder", "no placeholder" },
    { "", "" },
  };
  Rule rule;

  derive_product_30 (&rule);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = steward_template_render (cases[i].template_,
                                                       rule.scopes, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  /* A whole double prints without ".0": 35 x 15.0 = 525. */
  json_object_set_double_member (rule.derived, "total", 525.0);
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *text = steward_template_render ("{total}", rule.scopes, &error);

    g_assert_cmpstr (text, ==, "525");
  }

  rule_clear (&rule);
}

static void
test_template_unknown (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  Rule rule;

  derive_product_30 (&rule);

  text = steward_template_render ("{productName} is below its reorder level",
                                  rule.scopes, &error);
  g_assert_null (text);
  g_assert_error (error, STEWARD_EXPR_ERROR, STEWARD_EXPR_ERROR_TEMPLATE);
  g_assert_cmpstr (error->message, ==, "unknown placeholder '{productName}'");

  rule_clear (&rule);
}

static void
test_template_escapes (void)
{
  struct { const char *template_; const char *expected; } cases[] = {
    { "{{quantity}} is {quantity}", "{quantity} is 20" },
    { "a }} b {{", "a } b {" },
    { "{{{quantity}}}", "{20}" },
  };
  struct { const char *template_; const char *message; } mistakes[] = {
    { "Order {quantity units", "'{' at column 7 is never closed (write '{{' for a brace)" },
    { "a } b", "single '}' at column 3 (write '}}' for a brace)" },
    { "{unit price}", "'{unit price}' at column 1 is not a placeholder: names are "
                      "letters, digits and '_', with '.' between parts" },
    { "{}", NULL },
    { "{a.}", NULL },
  };
  Rule rule;

  derive_product_30 (&rule);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = steward_template_render (cases[i].template_,
                                                       rule.scopes, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (mistakes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = steward_template_render (mistakes[i].template_,
                                                       rule.scopes, &error);

      g_assert_null (text);
      g_assert_error (error, STEWARD_EXPR_ERROR, STEWARD_EXPR_ERROR_SYNTAX);
      if (mistakes[i].message != NULL)
        g_assert_cmpstr (error->message, ==, mistakes[i].message);
    }

  /* Syntax comes first: a malformed template is reported as such even
   * when it also names something unknown. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *text = steward_template_render ("{nope} {broken", rule.scopes, &error);

    g_assert_error (error, STEWARD_EXPR_ERROR, STEWARD_EXPR_ERROR_SYNTAX);
  }

  rule_clear (&rule);
}

static void
test_template_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = json_from_string (
    "{ \"productId\": \"{id}\", \"quantity\": \"{quantity}\","
    "  \"unitPrice\": \"{unitPrice}\", \"total\": \"{total}\", \"currency\": \"EUR\","
    "  \"note\": \"{quantity} x {name}\", \"urgent\": true, \"priority\": 2,"
    "  \"lines\": [ { \"product\": { \"id\": \"{productID}\" }, \"qty\": \"{quantity}\" } ],"
    "  \"nothing\": null }", &error);
  g_autoptr(JsonNode) rendered = NULL;
  g_autoptr(JsonNode) broken = NULL;
  g_autofree char *json = NULL;
  Rule rule;

  g_assert_no_error (error);
  derive_product_30 (&rule);

  rendered = steward_template_render_json (body, rule.scopes, &error);
  g_assert_no_error (error);

  json = json_to_string (rendered, FALSE);
  g_assert_cmpstr (json, ==,
                   "{\"productId\":\"30\",\"quantity\":20,\"unitPrice\":25.890000000000001,"
                   "\"total\":517.79999999999995,\"currency\":\"EUR\","
                   "\"note\":\"20 x Nord-Ost Matjeshering\",\"urgent\":true,\"priority\":2,"
                   "\"lines\":[{\"product\":{\"id\":30},\"qty\":20}],\"nothing\":null}");

  /* The template itself is left as it was. */
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (body), "quantity"),
                   ==, "{quantity}");

  /* Errors name the member. */
  json_object_set_string_member (
    json_array_get_object_element (json_object_get_array_member (json_node_get_object (body),
                                                                 "lines"), 0),
    "qty", "{qty}");
  broken = steward_template_render_json (body, rule.scopes, &error);
  g_assert_null (broken);
  g_assert_error (error, STEWARD_EXPR_ERROR, STEWARD_EXPR_ERROR_TEMPLATE);
  g_assert_cmpstr (error->message, ==, "lines[0].qty: unknown placeholder '{qty}'");

  rule_clear (&rule);
}

static void
test_template_dotted (void)
{
  g_autoptr(JsonObject) order = parse_object (
    "{ \"shipAddress\": { \"city\": \"Reims\", \"postalCode\": 51100 } }");
  JsonObject *scopes[] = { order, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *missing = NULL;

  text = steward_template_render ("to {shipAddress.postalCode} {shipAddress.city}",
                                  scopes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "to 51100 Reims");

  missing = steward_template_render ("{shipAddress.country}", scopes, &error);
  g_assert_null (missing);
  g_assert_cmpstr (error->message, ==, "unknown placeholder '{shipAddress.country}'");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/expr/reorder/condition", test_reorder_condition);
  g_test_add_func ("/expr/reorder/derived", test_reorder_derived);
  g_test_add_func ("/expr/reorder/boundary", test_reorder_boundary);
  g_test_add_func ("/expr/reads", test_reads);
  g_test_add_func ("/expr/errors/unknown-name", test_unknown_name);
  g_test_add_func ("/expr/errors/syntax-column", test_syntax_column);
  g_test_add_func ("/expr/errors/not-one-expression", test_not_one_expression);
  g_test_add_func ("/expr/errors/runtime", test_runtime_errors);
  g_test_add_func ("/expr/limits/steps", test_step_limit);
  g_test_add_func ("/expr/limits/memory", test_memory_limit);
  g_test_add_func ("/expr/sandbox", test_sandbox);
  g_test_add_func ("/expr/values", test_values);
  g_test_add_func ("/expr/is-true", test_is_true);
  g_test_add_func ("/template/exact", test_template_exact);
  g_test_add_func ("/template/text", test_template_text);
  g_test_add_func ("/template/unknown", test_template_unknown);
  g_test_add_func ("/template/escapes", test_template_escapes);
  g_test_add_func ("/template/json", test_template_json);
  g_test_add_func ("/template/dotted", test_template_dotted);

  return g_test_run ();
}
