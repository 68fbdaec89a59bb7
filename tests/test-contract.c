/* test-contract.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-contract"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "steward-contract.h"

/* Parameter values as the command line gives them: name -> text. */
static GHashTable *
new_overrides (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
set_override (GHashTable *overrides,
              const char *name,
              const char *text)
{
  g_hash_table_insert (overrides, g_strdup (name), g_strdup (text));
}

static char *
example_path (void)
{
  const char *root = g_getenv ("STEWARD_SOURCE_ROOT");

  g_assert_nonnull (root);

  return g_build_filename (root, "docs", "examples", "reorder-northwind.json", NULL);
}

/* The example contract as a tree, for tests to break in one place. */
static JsonNode *
load_example (void)
{
  g_autofree char *path = example_path ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  return json_parser_steal_root (parser);
}

static JsonObject *
member (JsonNode   *root,
        const char *name)
{
  return json_object_get_object_member (json_node_get_object (root), name);
}

/* Checks @root and expects exactly @expected, in order. */
static void
assert_problems (JsonNode          *root,
                 const char *const *expected)
{
  g_autoptr(GPtrArray) problems = steward_contract_check (root);
  guint n = g_strv_length ((GStrv) expected);

  for (guint i = 0; i < MIN (n, problems->len); i++)
    g_assert_cmpstr (g_ptr_array_index (problems, i), ==, expected[i]);

  if (problems->len != n)
    {
      for (guint i = 0; i < problems->len; i++)
        g_test_message ("problem: %s", (const char *) g_ptr_array_index (problems, i));
    }
  g_assert_cmpuint (problems->len, ==, n);
}

static void
assert_problem (JsonNode   *root,
                const char *expected)
{
  const char *const expected_list[] = { expected, NULL };

  assert_problems (root, expected_list);
}

/* For messages that quote a library: the field and the start. */
static void
assert_problem_prefix (JsonNode   *root,
                       const char *prefix)
{
  g_autoptr(GPtrArray) problems = steward_contract_check (root);

  g_assert_cmpuint (problems->len, ==, 1);
  if (!g_str_has_prefix (g_ptr_array_index (problems, 0), prefix))
    g_error ("\"%s\" does not start with \"%s\"",
             (const char *) g_ptr_array_index (problems, 0), prefix);
}

static StewardContract *
contract_from_node (JsonNode *root)
{
  g_autofree char *json = json_to_string (root, FALSE);
  g_autoptr(GError) error = NULL;
  StewardContract *contract;

  contract = steward_contract_new_from_data (json, -1, NULL, &error);
  g_assert_no_error (error);

  return contract;
}

static void
test_example (void)
{
  g_autofree char *path = example_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(StewardContract) contract = NULL;
  g_autoptr(JsonNode) root = load_example ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  const StewardTrigger *trigger;
  const StewardDerivation *derivation;
  GArray *triggers;
  GArray *derivations;
  JsonNode *body;

  contract = steward_contract_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (contract);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (steward_contract_get_json (contract), ==, contents);

  g_assert_cmpstr (steward_contract_get_title (contract), ==,
                   "Keep products above their reorder level");
  g_assert_cmpstr (steward_contract_get_goal (contract), ==,
                   "No active product falls below its reorder level without an order on its way");
  g_assert_cmpstr (steward_contract_get_job_type (contract), ==, "autonomous");
  g_assert_cmpstr (steward_contract_get_owner (contract), ==, "purchasing");
  g_assert_cmpint (steward_contract_get_autonomy (contract), ==, STEWARD_AUTONOMY_BOUNDED);

  triggers = steward_contract_get_triggers (contract);
  g_assert_cmpuint (triggers->len, ==, 2);
  trigger = &g_array_index (triggers, StewardTrigger, 0);
  g_assert_cmpint (trigger->kind, ==, STEWARD_TRIGGER_SCHEDULE);
  g_assert_cmpstr (trigger->rrule, ==, "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0");
  g_assert_cmpstr (trigger->tz, ==, "Europe/Berlin");
  g_assert_cmpint (trigger->catch_up, ==, STEWARD_CATCH_UP_ONCE);
  trigger = &g_array_index (triggers, StewardTrigger, 1);
  g_assert_cmpint (trigger->kind, ==, STEWARD_TRIGGER_MANUAL);
  g_assert_null (trigger->rrule);

  g_assert_cmpstr (steward_contract_get_source_kind (contract), ==, "http-poll");
  g_assert_cmpstr (steward_contract_get_source_url (contract), ==, "{base_url}/products");
  g_assert_cmpstr (steward_contract_get_source_items (contract), ==, "$[*]");
  g_assert_cmpstr (steward_contract_get_source_key (contract), ==, "productID");

  g_assert_cmpstr (steward_contract_get_situation_when (contract), ==,
                   "not discontinued and unitsInStock + unitsOnOrder < reorderLevel");
  g_assert_cmpstr (steward_contract_get_situation_title (contract), ==,
                   json_object_get_string_member (member (root, "situation"),
                                                  "title"));
  g_assert_cmpstr (steward_contract_get_situation_severity (contract), ==, "warning");

  derivations = steward_contract_get_derivations (contract);
  g_assert_cmpuint (derivations->len, ==, 2);
  derivation = &g_array_index (derivations, StewardDerivation, 0);
  g_assert_cmpstr (derivation->name, ==, "quantity");
  g_assert_cmpstr (derivation->expression, ==,
                   "order_up_to_factor * reorderLevel - (unitsInStock + unitsOnOrder)");
  derivation = &g_array_index (derivations, StewardDerivation, 1);
  g_assert_cmpstr (derivation->name, ==, "total");
  g_assert_cmpstr (derivation->expression, ==, "quantity * unitPrice");

  g_assert_cmpstr (steward_contract_get_action_capability (contract), ==, "http");
  g_assert_cmpstr (steward_contract_get_action_method (contract), ==, "POST");
  g_assert_cmpstr (steward_contract_get_action_url (contract), ==, "{base_url}/purchaseOrders");
  g_assert_cmpstr (steward_contract_get_action_summary (contract), ==,
                   json_object_get_string_member (member (root, "action"),
                                                  "summary"));
  g_assert_true (g_str_has_prefix (steward_contract_get_action_summary (contract),
                                   "Order {quantity} units of "));
  body = steward_contract_get_action_body (contract);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (body));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (body), "quantity"),
                   ==, "{quantity}");

  g_assert_cmpstr (steward_contract_get_act_alone_when (contract), ==,
                   "total < auto_approve_below");
  g_assert_cmpstr (steward_contract_get_amount_name (contract), ==, "total");
  g_assert_cmpstr (steward_contract_get_currency (contract), ==, "EUR");
  g_assert_true (steward_contract_allows_capability (contract, "http"));
  g_assert_false (steward_contract_allows_capability (contract, "shell"));
  g_assert_cmpint (steward_contract_get_actions_per_hour (contract), ==, 20);
  g_assert_cmpfloat (steward_contract_get_amount_per_day (contract), ==, 5000.0);
  g_assert_null (steward_contract_get_allowed_hosts (contract));
}

static void
test_defaults (void)
{
  g_autoptr(JsonNode) root = load_example ();
  g_autoptr(StewardContract) contract = NULL;
  JsonObject *object = json_node_get_object (root);
  const StewardTrigger *trigger;

  json_object_remove_member (object, "triggers");
  json_object_remove_member (member (root, "source"), "items");
  json_object_remove_member (member (root, "situation"), "severity");
  json_object_remove_member (member (root, "action"), "summary");
  json_object_remove_member (member (root, "policy"), "amount");
  json_object_remove_member (member (root, "policy"), "limits");
  json_object_remove_member (object, "parameters");
  json_object_set_string_member (member (root, "source"), "url",
                                 "http://127.0.0.1:3000/products");
  json_object_set_string_member (member (root, "action"), "url",
                                 "http://127.0.0.1:3000/purchaseOrders");
  json_object_set_string_member (member (root, "policy"), "act_alone_when", "total < 500");
  json_object_set_string_member (member (root, "derive"), "quantity",
                                 "2 * reorderLevel - (unitsInStock + unitsOnOrder)");

  contract = contract_from_node (root);

  /* Without triggers, a job is started by hand. */
  g_assert_cmpuint (steward_contract_get_triggers (contract)->len, ==, 1);
  trigger = &g_array_index (steward_contract_get_triggers (contract), StewardTrigger, 0);
  g_assert_cmpint (trigger->kind, ==, STEWARD_TRIGGER_MANUAL);

  g_assert_cmpstr (steward_contract_get_source_items (contract), ==, "$[*]");
  g_assert_cmpstr (steward_contract_get_situation_severity (contract), ==, "warning");
  g_assert_cmpstr (steward_contract_get_action_summary (contract), ==,
                   "Send a POST request to http://127.0.0.1:3000/purchaseOrders");
  g_assert_cmpstr (steward_contract_get_amount_name (contract), ==, "total");
  g_assert_cmpstr (steward_contract_get_currency (contract), ==, "EUR");
  g_assert_cmpint (steward_contract_get_actions_per_hour (contract), ==, 0);
  g_assert_cmpfloat (steward_contract_get_amount_per_day (contract), ==, 0.0);
}

static void
test_observe_needs_no_action (void)
{
  g_autoptr(JsonNode) root = load_example ();
  g_autoptr(StewardContract) contract = NULL;

  json_object_remove_member (json_node_get_object (root), "action");
  json_object_set_string_member (member (root, "policy"), "autonomy", "observe");

  contract = contract_from_node (root);
  g_assert_cmpint (steward_contract_get_autonomy (contract), ==, STEWARD_AUTONOMY_OBSERVE);
  g_assert_null (steward_contract_get_action_url (contract));
  g_assert_null (steward_contract_get_action_summary (contract));
  g_assert_null (steward_contract_get_action_body (contract));

  /* Any other level needs one. */
  json_object_set_string_member (member (root, "policy"), "autonomy", "propose");
  assert_problem (root, "action: missing (only a job whose autonomy is observe may "
                        "have no action)");
}

static void
test_derivation_order (void)
{
  g_autoptr(JsonNode) root = load_example ();
  g_autoptr(StewardContract) contract = NULL;
  JsonObject *derive = json_object_new ();
  GArray *derivations;
  const char *names[] = { "zeta", "alpha", "total", "middle" };

  /* Written out of alphabetical order: kept as written. */
  json_object_set_string_member (derive, "zeta", "1");
  json_object_set_string_member (derive, "alpha", "zeta + 1");
  json_object_set_string_member (derive, "total", "alpha * 2");
  json_object_set_string_member (derive, "middle", "total - 1");
  json_object_set_object_member (json_node_get_object (root), "derive", derive);

  contract = contract_from_node (root);
  derivations = steward_contract_get_derivations (contract);
  g_assert_cmpuint (derivations->len, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpstr (g_array_index (derivations, StewardDerivation, i).name, ==, names[i]);
}

static void
test_malformed_json (void)
{
  const char *broken = "{\n  \"title\": \"Reorder\",\n  \"goal\": }\n";
  g_autoptr(StewardContract) contract = NULL;
  g_autoptr(GError) error = NULL;

  contract = steward_contract_new_from_data (broken, -1, "reorder.json", &error);
  g_assert_null (contract);
  g_assert_error (error, STEWARD_CONTRACT_ERROR, STEWARD_CONTRACT_ERROR_SYNTAX);

  /* FILE:LINE:COLUMN, on the line of the stray brace. */
  if (!g_str_has_prefix (error->message, "reorder.json:3:"))
    g_error ("unexpected message: %s", error->message);

  g_clear_error (&error);
  contract = steward_contract_new_from_data ("  \n", -1, "empty.json", &error);
  g_assert_error (error, STEWARD_CONTRACT_ERROR, STEWARD_CONTRACT_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, "empty.json: the contract is empty");

  g_clear_error (&error);
  contract = steward_contract_new_from_data ("[1, 2]", -1, NULL, &error);
  g_assert_error (error, STEWARD_CONTRACT_ERROR, STEWARD_CONTRACT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "contract: expected a JSON object");
}

static void
test_missing_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("steward-contract-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "nowhere.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(StewardContract) contract = NULL;
  g_autoptr(GError) error = NULL;

  contract = steward_contract_new_from_file (file, &error);
  g_assert_null (contract);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  /* The message names the file once. */
  g_assert_nonnull (strstr (error->message, path));
  g_assert_null (strstr (strstr (error->message, path) + 1, path));

  g_rmdir (dir);
}

static void
test_missing_title (void)
{
  g_autoptr(JsonNode) root = load_example ();

  json_object_remove_member (json_node_get_object (root), "title");
  assert_problem (root, "title: missing");

  json_object_set_string_member (json_node_get_object (root), "title", "");
  assert_problem (root, "title: must not be empty");
}

static void
test_wrong_type (void)
{
  g_autoptr(JsonNode) root = load_example ();

  json_object_set_int_member (json_node_get_object (root), "title", 3);
  assert_problem (root, "title: expected a string");
  json_object_set_string_member (json_node_get_object (root), "title", "Reorder");

  json_object_set_string_member (json_node_get_object (root), "type", "weekly");
  assert_problem (root, "type: \"weekly\" is not one of ad-hoc, reusable, standing, autonomous");
  json_object_set_string_member (json_node_get_object (root), "type", "standing");

  json_object_set_string_member (json_node_get_object (root), "policy", "bounded");
  assert_problem (root, "policy: expected an object");
}

static void
test_unknown_autonomy (void)
{
  g_autoptr(JsonNode) root = load_example ();

  json_object_set_string_member (member (root, "policy"), "autonomy", "boundd");
  assert_problem (root,
                  "policy.autonomy: \"boundd\" is not one of observe, propose, "
                  "bounded, autonomous");
}

static void
test_bad_expression (void)
{
  g_autoptr(JsonNode) root = load_example ();

  json_object_set_string_member (member (root, "situation"), "when",
                                 "unitsInStock < < reorderLevel");
  assert_problem (root,
                  "situation.when: syntax error at column 16: unexpected symbol near '<'");

  json_object_set_string_member (member (root, "situation"), "when", "true");
  json_object_set_string_member (member (root, "derive"), "total", "quantity * * unitPrice");
  assert_problem (root,
                  "derive.total: syntax error at column 12: unexpected symbol near '*'");

  json_object_set_string_member (member (root, "derive"), "total", "quantity * unitPrice");
  json_object_set_string_member (member (root, "policy"), "act_alone_when",
                                 "total = auto_approve_below");
  assert_problem (root,
                  "policy.act_alone_when: syntax error at column 7: this is an assignment, "
                  "not an expression (compare with '==')");
}

static void
test_bad_rrule (void)
{
  g_autoptr(JsonNode) root = load_example ();
  JsonObject *trigger = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (root), "triggers"), 0);

  json_object_set_string_member (trigger, "rrule", "FREQ=WEEKLY;BYDAY=MONDAY");
  assert_problem_prefix (root, "triggers[0].rrule: \"FREQ=WEEKLY;BYDAY=MONDAY\" is not a "
                               "valid recurrence rule");

  json_object_remove_member (trigger, "rrule");
  assert_problem (root, "triggers[0].rrule: missing");
}

static void
test_bad_tz (void)
{
  g_autoptr(JsonNode) root = load_example ();
  JsonObject *trigger = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (root), "triggers"), 0);

  json_object_set_string_member (trigger, "tz", "Europe/Frankfurt");
  assert_problem (root, "triggers[0].tz: \"Europe/Frankfurt\" is not a known time zone "
                        "(for example Europe/Berlin)");

  json_object_set_string_member (trigger, "tz", "Europe/Berlin");
  json_object_set_string_member (trigger, "catch_up", "always");
  assert_problem (root, "triggers[0].catch_up: \"always\" is not one of once, skip");

  json_object_set_string_member (trigger, "catch_up", "skip");
  json_object_set_string_member (trigger, "kind", "cron");
  assert_problem (root, "triggers[0].kind: \"cron\" is not one of manual, schedule");
}

static void
test_unknown_field (void)
{
  g_autoptr(JsonNode) root = load_example ();
  const char *const typo[] = {
    "title: missing", "tittle: unknown field (did you mean title?)", NULL
  };

  json_object_set_boolean_member (json_node_get_object (root), "frobnicate", TRUE);
  assert_problem (root, "frobnicate: unknown field");
  json_object_remove_member (json_node_get_object (root), "frobnicate");

  json_object_set_int_member (member (root, "policy"), "limit", 3);
  assert_problem (root, "policy.limit: unknown field (did you mean limits?)");
  json_object_remove_member (member (root, "policy"), "limit");

  /* A typo is both unknown and leaves the real field missing; the
   * unknown fields come first. */
  json_object_set_string_member (json_node_get_object (root), "tittle", "Reorder");
  json_object_remove_member (json_node_get_object (root), "title");
  {
    const char *const expected[] = { typo[1], typo[0], NULL };

    assert_problems (root, expected);
  }
}

static void
test_bad_parameter (void)
{
  g_autoptr(JsonNode) root = load_example ();
  JsonObject *parameters = member (root, "parameters");
  JsonObject *amount = json_object_get_object_member (parameters, "auto_approve_below");
  JsonObject *base_url = json_object_get_object_member (parameters, "base_url");

  json_object_set_string_member (amount, "default", "lots");
  assert_problem (root, "parameters.auto_approve_below.default: expected a number");
  json_object_set_int_member (amount, "default", 500);

  json_object_set_string_member (amount, "currency", "euro");
  assert_problem (root, "parameters.auto_approve_below.currency: \"euro\" is not a "
                        "currency code (three capital letters, like EUR)");
  json_object_set_string_member (amount, "currency", "EUR");

  json_object_set_string_member (base_url, "default", "ftp://127.0.0.1");
  assert_problem (root, "parameters.base_url.default: \"ftp://127.0.0.1\" is not an "
                        "http or https address");
  json_object_set_string_member (base_url, "default", "http://");
  assert_problem (root, "parameters.base_url.default: \"http://\" is not an "
                        "http or https address");
  json_object_set_string_member (base_url, "default", "http://127.0.0.1:3000");

  json_object_set_string_member (base_url, "type", "uri");
  assert_problem (root, "parameters.base_url.type: \"uri\" is not one of url, money, "
                        "number, integer, string, boolean");
  json_object_set_string_member (base_url, "type", "url");

  json_object_set_object_member (parameters, "end", json_object_new ());
  json_object_set_string_member (json_object_get_object_member (parameters, "end"),
                                 "type", "string");
  assert_problem (root, "parameters.end: \"end\" is a reserved word of expressions");
}

static void
test_capability_not_allowed (void)
{
  g_autoptr(JsonNode) root = load_example ();
  JsonArray *capabilities = json_object_get_array_member (member (root, "policy"),
                                                          "allowed_capabilities");

  json_object_set_string_member (member (root, "action"), "capability", "mail");
  assert_problem (root, "action.capability: \"mail\" is not in policy.allowed_capabilities");

  json_object_set_string_member (member (root, "action"), "capability", "http");
  json_array_add_string_element (capabilities, "shell");
  assert_problem (root, "policy.allowed_capabilities[1]: \"shell\" is not a known "
                        "capability (known: http)");
}

static void
test_bounded_needs_condition (void)
{
  g_autoptr(JsonNode) root = load_example ();

  json_object_remove_member (member (root, "policy"), "act_alone_when");
  assert_problem (root, "policy.act_alone_when: missing: a bounded job needs the "
                        "condition under which it acts alone");

  /* A job that always asks does not. */
  json_object_set_string_member (member (root, "policy"), "autonomy", "propose");
  assert_problems (root, (const char *const[]) { NULL });
}

static void
test_bad_duration (void)
{
  g_autoptr(JsonNode) root = load_example ();
  JsonObject *escalation = member (root, "escalation");

  json_object_set_string_member (escalation, "remind_after", "1 hour");
  assert_problem (root, "escalation.remind_after: \"1 hour\" is not a duration above "
                        "zero (like PT30M, PT1H or P1D)");

  json_object_set_string_member (escalation, "remind_after", "-PT1H");
  assert_problem (root, "escalation.remind_after: \"-PT1H\" is not a duration above "
                        "zero (like PT30M, PT1H or P1D)");

  json_object_set_string_member (escalation, "remind_after", "PT");
  assert_problem_prefix (root, "escalation.remind_after: \"PT\"");

  json_object_set_string_member (escalation, "remind_after", "P1D");
  json_object_set_string_member (escalation, "escalate_after", "PT4X");
  assert_problem_prefix (root, "escalation.escalate_after: \"PT4X\"");

  json_object_set_string_member (escalation, "escalate_after", "P1DT4H");
  json_object_set_string_member (escalation, "on_timeout", "approve");
  assert_problem (root, "escalation.on_timeout: \"approve\" is not one of reject, keep");
}

static void
test_bad_jsonpath (void)
{
  g_autoptr(JsonNode) root = load_example ();

  json_object_set_string_member (member (root, "source"), "items", "$[");
  assert_problem_prefix (root, "source.items: \"$[\" is not a JSONPath");

  json_object_set_string_member (member (root, "source"), "items", "$.products[*]");
  json_object_set_string_member (member (root, "source"), "kind", "webhook");
  assert_problem (root, "source.kind: \"webhook\" is not one of http-poll");
}

static void
test_bad_templates (void)
{
  g_autoptr(JsonNode) root = load_example ();
  JsonObject *body = json_object_get_object_member (member (root, "action"), "body");

  json_object_set_string_member (member (root, "situation"), "title",
                                 "{productName is low");
  assert_problem (root, "situation.title: '{' at column 1 is never closed "
                        "(write '{{' for a brace)");
  json_object_set_string_member (member (root, "situation"), "title", "{name} is low");

  json_object_set_string_member (body, "quantity", "{quantity");
  assert_problem_prefix (root, "action.body.quantity: '{' at column 1 is never closed");
  json_object_set_string_member (body, "quantity", "{quantity}");

  /* Unknown names are fine here: item fields are only known at run time. */
  json_object_set_string_member (body, "note", "{whatever}");
  assert_problems (root, (const char *const[]) { NULL });

  json_object_set_string_member (member (root, "source"), "url", "127.0.0.1:3000/products");
  assert_problem (root, "source.url: \"127.0.0.1:3000/products\" is not an http or "
                        "https address");
}

static void
test_bad_derive (void)
{
  g_autoptr(JsonNode) root = load_example ();

  json_object_set_string_member (member (root, "derive"), "base_url", "'x'");
  assert_problem (root, "derive.base_url: has the same name as a parameter");
  json_object_remove_member (member (root, "derive"), "base_url");

  json_object_set_string_member (member (root, "derive"), "unit price", "1");
  assert_problem (root, "derive.unit price: not a valid name: use letters, digits and "
                        "'_', not starting with a digit");
  json_object_remove_member (member (root, "derive"), "unit price");

  json_object_set_string_member (member (root, "policy"), "amount", "totl");
  assert_problem (root, "policy.amount: \"totl\" is not a derived value");
}

static void
test_bad_limits_and_hosts (void)
{
  g_autoptr(JsonNode) root = load_example ();
  JsonObject *limits = json_object_get_object_member (member (root, "policy"), "limits");
  JsonArray *hosts = json_array_new ();

  json_object_set_int_member (limits, "actions_per_hour", 0);
  json_object_set_string_member (limits, "amount_per_day", "5000");
  {
    const char *const expected[] = {
      "policy.limits.actions_per_hour: expected a whole number above zero",
      "policy.limits.amount_per_day: expected a number above zero",
      NULL
    };

    assert_problems (root, expected);
  }
  json_object_set_int_member (limits, "actions_per_hour", 20);
  json_object_set_int_member (limits, "amount_per_day", 5000);

  json_array_add_string_element (hosts, "127.0.0.1:3000");
  json_array_add_string_element (hosts, "erp.example.com");
  json_array_add_string_element (hosts, "http://evil.example.com/");
  json_array_add_string_element (hosts, "erp.example.com:99999");
  json_object_set_array_member (member (root, "policy"), "allowed_hosts", hosts);
  {
    const char *const expected[] = {
      "policy.allowed_hosts[2]: \"http://evil.example.com/\" is not a host name or host:port",
      "policy.allowed_hosts[3]: \"erp.example.com:99999\" is not a host name or host:port",
      NULL
    };

    assert_problems (root, expected);
  }

  json_array_remove_element (hosts, 3);
  json_array_remove_element (hosts, 2);
  {
    g_autoptr(StewardContract) contract = contract_from_node (root);
    const char *const *allowed = steward_contract_get_allowed_hosts (contract);

    g_assert_nonnull (allowed);
    g_assert_cmpstr (allowed[0], ==, "127.0.0.1:3000");
    g_assert_cmpstr (allowed[1], ==, "erp.example.com");
    g_assert_null (allowed[2]);
  }
}

static void
test_three_mistakes (void)
{
  g_autoptr(JsonNode) root = load_example ();
  g_autofree char *json = NULL;
  g_autoptr(StewardContract) contract = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  const char *const expected[] = {
    "owner: missing",
    "situation.when: syntax error at column 16: unexpected symbol near '<'",
    "policy.autonomy: \"auto\" is not one of observe, propose, bounded, autonomous",
    NULL
  };

  json_object_remove_member (json_node_get_object (root), "owner");
  json_object_set_string_member (member (root, "situation"), "when", "unitsInStock <<< 5");
  json_object_set_string_member (member (root, "policy"), "autonomy", "auto");

  assert_problems (root, expected);

  /* The constructor reports all of them, one per line. */
  json = json_to_string (root, TRUE);
  contract = steward_contract_new_from_data (json, -1, "three.json", &error);
  g_assert_null (contract);
  g_assert_error (error, STEWARD_CONTRACT_ERROR, STEWARD_CONTRACT_ERROR_INVALID);

  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpstrv (lines, expected);
}

static void
test_bind_defaults (void)
{
  g_autoptr(JsonNode) root = load_example ();
  g_autoptr(StewardContract) contract = contract_from_node (root);
  g_autoptr(JsonObject) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) names = NULL;

  bound = steward_contract_bind_parameters (contract, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (json_object_get_string_member (bound, "base_url"), ==,
                   "http://127.0.0.1:3000");
  g_assert_cmpint (json_object_get_int_member (bound, "auto_approve_below"), ==, 500);
  g_assert_cmpint (json_object_get_int_member (bound, "order_up_to_factor"), ==, 2);

  names = json_object_get_members (bound);
  g_assert_cmpuint (g_list_length (names), ==, 3);
  g_assert_cmpstr (names->data, ==, "base_url");
}

static void
test_bind_overrides (void)
{
  g_autoptr(JsonNode) root = load_example ();
  g_autoptr(StewardContract) contract = contract_from_node (root);
  g_autoptr(GHashTable) overrides = new_overrides ();
  g_autoptr(JsonObject) bound = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *amount;

  set_override (overrides, "auto_approve_below", "450");
  set_override (overrides, "order_up_to_factor", "1.5");
  set_override (overrides, "base_url", "https://erp.example.com:8443/api");

  bound = steward_contract_bind_parameters (contract, overrides, &error);
  g_assert_no_error (error);

  amount = json_object_get_member (bound, "auto_approve_below");
  g_assert_cmpint (json_node_get_value_type (amount), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (amount), ==, 450);
  g_assert_cmpfloat (json_object_get_double_member (bound, "order_up_to_factor"), ==, 1.5);
  g_assert_cmpstr (json_object_get_string_member (bound, "base_url"), ==,
                   "https://erp.example.com:8443/api");

  g_clear_pointer (&bound, json_object_unref);
  set_override (overrides, "auto_approve_below", "450.50");
  bound = steward_contract_bind_parameters (contract, overrides, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (json_object_get_double_member (bound, "auto_approve_below"), ==, 450.5);
}

static void
test_bind_mistakes (void)
{
  g_autoptr(JsonNode) root = load_example ();
  g_autoptr(StewardContract) contract = contract_from_node (root);
  g_autoptr(StewardContract) bare = NULL;
  g_autoptr(GHashTable) overrides = new_overrides ();
  g_autoptr(JsonObject) bound = NULL;
  g_autoptr(GError) error = NULL;

  set_override (overrides, "auto_aprove_below", "450");
  bound = steward_contract_bind_parameters (contract, overrides, &error);
  g_assert_null (bound);
  g_assert_error (error, STEWARD_CONTRACT_ERROR, STEWARD_CONTRACT_ERROR_PARAMETER);
  g_assert_cmpstr (error->message, ==,
                   "unknown parameter 'auto_aprove_below' (this contract has base_url, "
                   "auto_approve_below, order_up_to_factor)");
  g_clear_error (&error);
  g_hash_table_remove_all (overrides);

  set_override (overrides, "auto_approve_below", "abc");
  bound = steward_contract_bind_parameters (contract, overrides, &error);
  g_assert_null (bound);
  g_assert_error (error, STEWARD_CONTRACT_ERROR, STEWARD_CONTRACT_ERROR_PARAMETER);
  g_assert_cmpstr (error->message, ==, "parameter auto_approve_below: \"abc\" is not an amount");
  g_clear_error (&error);

  set_override (overrides, "auto_approve_below", "500 EUR");
  bound = steward_contract_bind_parameters (contract, overrides, &error);
  g_assert_cmpstr (error->message, ==,
                   "parameter auto_approve_below: \"500 EUR\" is not an amount");
  g_clear_error (&error);
  g_hash_table_remove_all (overrides);

  set_override (overrides, "order_up_to_factor", "twice");
  bound = steward_contract_bind_parameters (contract, overrides, &error);
  g_assert_cmpstr (error->message, ==, "parameter order_up_to_factor: \"twice\" is not a number");
  g_clear_error (&error);
  g_hash_table_remove_all (overrides);

  set_override (overrides, "base_url", "127.0.0.1:3000");
  bound = steward_contract_bind_parameters (contract, overrides, &error);
  g_assert_cmpstr (error->message, ==,
                   "parameter base_url: \"127.0.0.1:3000\" is not an http or https address");
  g_clear_error (&error);

  /* A contract without parameters says so. */
  json_object_remove_member (json_node_get_object (root), "parameters");
  json_object_set_string_member (member (root, "source"), "url", "http://127.0.0.1/products");
  json_object_set_string_member (member (root, "action"), "url", "http://127.0.0.1/orders");
  json_object_set_string_member (member (root, "policy"), "act_alone_when", "total < 500");
  json_object_set_string_member (member (root, "derive"), "quantity", "2 * reorderLevel");
  bare = contract_from_node (root);
  bound = steward_contract_bind_parameters (bare, overrides, &error);
  g_assert_cmpstr (error->message, ==,
                   "unknown parameter 'base_url' (this contract has no parameters)");
}

static void
test_bind_types (void)
{
  g_autoptr(JsonNode) root = load_example ();
  JsonObject *parameters = member (root, "parameters");
  g_autoptr(StewardContract) contract = NULL;
  g_autoptr(GHashTable) overrides = new_overrides ();
  g_autoptr(JsonObject) bound = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *declaration;

  declaration = json_object_new ();
  json_object_set_string_member (declaration, "type", "boolean");
  json_object_set_boolean_member (declaration, "default", FALSE);
  json_object_set_object_member (parameters, "dry_run", declaration);

  declaration = json_object_new ();
  json_object_set_string_member (declaration, "type", "integer");
  json_object_set_int_member (declaration, "default", 3);
  json_object_set_object_member (parameters, "retries", declaration);

  declaration = json_object_new ();
  json_object_set_string_member (declaration, "type", "string");
  json_object_set_object_member (parameters, "supplier", declaration);

  contract = contract_from_node (root);

  /* No default and no value: nothing to run with. */
  bound = steward_contract_bind_parameters (contract, NULL, &error);
  g_assert_null (bound);
  g_assert_cmpstr (error->message, ==, "parameter supplier: no value given and no default");
  g_clear_error (&error);

  set_override (overrides, "supplier", "Pavlova, Ltd.");
  set_override (overrides, "dry_run", "yes");
  set_override (overrides, "retries", "5");
  bound = steward_contract_bind_parameters (contract, overrides, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (bound, "supplier"), ==, "Pavlova, Ltd.");
  g_assert_true (json_object_get_boolean_member (bound, "dry_run"));
  g_assert_cmpint (json_object_get_int_member (bound, "retries"), ==, 5);
  g_clear_pointer (&bound, json_object_unref);

  set_override (overrides, "retries", "2.5");
  bound = steward_contract_bind_parameters (contract, overrides, &error);
  g_assert_cmpstr (error->message, ==, "parameter retries: \"2.5\" is not a whole number");
  g_clear_error (&error);

  set_override (overrides, "retries", "2");
  set_override (overrides, "dry_run", "maybe");
  bound = steward_contract_bind_parameters (contract, overrides, &error);
  g_assert_cmpstr (error->message, ==, "parameter dry_run: \"maybe\" is not true or false");
}

static void
test_currency (void)
{
  g_autoptr(JsonNode) root = load_example ();
  JsonObject *amount = json_object_get_object_member (member (root, "parameters"),
                                                      "auto_approve_below");
  g_autoptr(StewardContract) contract = NULL;

  json_object_set_string_member (amount, "currency", "USD");
  contract = contract_from_node (root);
  g_assert_cmpstr (steward_contract_get_currency (contract), ==, "USD");

  /* Only money has a currency. */
  json_object_set_string_member (
    json_object_get_object_member (member (root, "parameters"), "order_up_to_factor"),
    "currency", "USD");
  assert_problem (root, "parameters.order_up_to_factor.currency: only money parameters "
                        "have a currency");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contract/example", test_example);
  g_test_add_func ("/contract/defaults", test_defaults);
  g_test_add_func ("/contract/observe-needs-no-action", test_observe_needs_no_action);
  g_test_add_func ("/contract/derivation-order", test_derivation_order);
  g_test_add_func ("/contract/currency", test_currency);
  g_test_add_func ("/contract/mistakes/malformed-json", test_malformed_json);
  g_test_add_func ("/contract/mistakes/missing-file", test_missing_file);
  g_test_add_func ("/contract/mistakes/missing-title", test_missing_title);
  g_test_add_func ("/contract/mistakes/wrong-type", test_wrong_type);
  g_test_add_func ("/contract/mistakes/unknown-autonomy", test_unknown_autonomy);
  g_test_add_func ("/contract/mistakes/bad-expression", test_bad_expression);
  g_test_add_func ("/contract/mistakes/bad-rrule", test_bad_rrule);
  g_test_add_func ("/contract/mistakes/bad-tz", test_bad_tz);
  g_test_add_func ("/contract/mistakes/unknown-field", test_unknown_field);
  g_test_add_func ("/contract/mistakes/bad-parameter", test_bad_parameter);
  g_test_add_func ("/contract/mistakes/capability-not-allowed", test_capability_not_allowed);
  g_test_add_func ("/contract/mistakes/bounded-needs-condition", test_bounded_needs_condition);
  g_test_add_func ("/contract/mistakes/bad-duration", test_bad_duration);
  g_test_add_func ("/contract/mistakes/bad-jsonpath", test_bad_jsonpath);
  g_test_add_func ("/contract/mistakes/bad-templates", test_bad_templates);
  g_test_add_func ("/contract/mistakes/bad-derive", test_bad_derive);
  g_test_add_func ("/contract/mistakes/limits-and-hosts", test_bad_limits_and_hosts);
  g_test_add_func ("/contract/mistakes/three-at-once", test_three_mistakes);
  g_test_add_func ("/contract/parameters/defaults", test_bind_defaults);
  g_test_add_func ("/contract/parameters/overrides", test_bind_overrides);
  g_test_add_func ("/contract/parameters/mistakes", test_bind_mistakes);
  g_test_add_func ("/contract/parameters/types", test_bind_types);

  return g_test_run ();
}
