/* test-policy.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-policy"

#include "config.h"

#include "steward-core.h"
#include "steward-policy.h"

/* Decisions by autonomy level and limits, on Northwind products written
 * out here as json-server serves them. */

static const char *product_30 =
  "{\"id\":\"30\",\"productID\":30,\"name\":\"Nord-Ost Matjeshering\","
  "\"unitsInStock\":10,\"unitsOnOrder\":0,\"reorderLevel\":15,"
  "\"unitPrice\":25.89,\"discontinued\":false}";
static const char *product_31 =
  "{\"id\":\"31\",\"productID\":31,\"name\":\"Gorgonzola Telino\","
  "\"unitsInStock\":0,\"unitsOnOrder\":70,\"reorderLevel\":20,"
  "\"unitPrice\":12.5,\"discontinued\":false}";
static const char *product_5 =
  "{\"id\":\"5\",\"productID\":5,\"name\":\"Chef Anton's Gumbo Mix\","
  "\"unitsInStock\":0,\"unitsOnOrder\":0,\"reorderLevel\":0,"
  "\"unitPrice\":21.35,\"discontinued\":true}";

static StewardContract *
load_contract (const char *replace,
               const char *with)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  StewardContract *contract;

  path = g_build_filename (g_getenv ("STEWARD_SOURCE_ROOT"), "docs",
                           "examples", "reorder-northwind.json", NULL);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  if (replace != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (text, replace, -1);

      g_assert_cmpint (g_strv_length (parts), ==, 2);
      g_free (text);
      text = g_strjoinv (with, parts);
    }

  contract = steward_contract_new_from_data (text, -1, "test", &error);
  g_assert_no_error (error);

  return contract;
}

static JsonObject *
object_from (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);

  return json_object_ref (json_node_get_object (node));
}

static JsonObject *
default_params (StewardContract *contract)
{
  g_autoptr(GError) error = NULL;
  JsonObject *params;

  params = steward_contract_bind_parameters (contract, NULL, &error);
  g_assert_no_error (error);

  return params;
}

static void
test_policy_matches (void)
{
  g_autoptr(StewardContract) contract = load_contract (NULL, NULL);
  g_autoptr(JsonObject) params = default_params (contract);
  g_autoptr(JsonObject) p30 = object_from (product_30);
  g_autoptr(JsonObject) p31 = object_from (product_31);
  g_autoptr(JsonObject) p5 = object_from (product_5);
  g_autoptr(JsonObject) reads = json_object_new ();
  g_autoptr(GError) error = NULL;
  gboolean matches = FALSE;

  g_assert_true (steward_policy_matches (contract, params, p30, reads,
                                         &matches, &error));
  g_assert_no_error (error);
  g_assert_true (matches);
  g_assert_cmpint (json_object_get_int_member (reads, "unitsInStock"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (reads, "reorderLevel"), ==, 15);

  /* Covered by stock on order. */
  steward_policy_matches (contract, params, p31, NULL, &matches, &error);
  g_assert_no_error (error);
  g_assert_false (matches);

  /* Discontinued. */
  steward_policy_matches (contract, params, p5, NULL, &matches, &error);
  g_assert_no_error (error);
  g_assert_false (matches);
}

static StewardPlan *
plan_for (StewardContract *contract,
          JsonObject      *params,
          const char      *item_json,
          StewardUsage    *usage)
{
  g_autoptr(JsonObject) item = object_from (item_json);
  g_autoptr(GError) error = NULL;
  StewardUsage none = { 0 };
  StewardPlan *plan;

  plan = steward_policy_plan (contract, params, item, "key", "title",
                              usage ? usage : &none, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);

  return plan;
}

static void
test_policy_bounded_asks_above (void)
{
  g_autoptr(StewardContract) contract = load_contract (NULL, NULL);
  g_autoptr(JsonObject) params = default_params (contract);
  g_autoptr(StewardPlan) plan = plan_for (contract, params, product_30, NULL);
  g_autofree char *text = NULL;
  JsonObject *body;

  g_assert_cmpint (plan->kind, ==, STEWARD_DECISION_ASK);
  g_assert_true (plan->has_amount);
  g_assert_cmpfloat_with_epsilon (plan->amount, 517.80, 1e-9);
  g_assert_cmpstr (plan->currency, ==, "EUR");
  g_assert_cmpstr (plan->summary, ==, "Order 20 units of Nord-Ost Matjeshering");

  body = json_object_get_object_member (plan->action, "body");
  g_assert_cmpstr (json_object_get_string_member (body, "productId"), ==, "30");
  g_assert_cmpint (json_object_get_int_member (body, "quantity"), ==, 20);
  g_assert_cmpstr (json_object_get_string_member (plan->action, "method"), ==,
                   "POST");

  /* The explanation: the rules with the values read, and the nearest
   * alternative in money. */
  g_assert_cmpstr (json_object_get_string_member (plan->explanation, "outcome"),
                   ==, "ask");
  g_assert_nonnull (strstr (json_object_get_string_member (plan->explanation,
                                                           "alternative"),
                            "total = 517.80 EUR"));
  g_assert_nonnull (strstr (json_object_get_string_member (plan->explanation,
                                                           "alternative"),
                            "auto_approve_below = 500.00 EUR"));
  text = steward_explanation_to_text (plan->explanation);
  g_assert_nonnull (strstr (text, "derive.quantity"));
  g_assert_nonnull (strstr (text, "policy.act_alone_when"));
  g_assert_nonnull (strstr (text, "unitsInStock = 10"));
}

/* 500.00 is not below 500: it goes to the owner. */
static void
test_policy_boundary (void)
{
  g_autoptr(StewardContract) contract = NULL;
  g_autoptr(JsonObject) params = NULL;
  g_autoptr(StewardPlan) plan = NULL;

  /* The rule that ignores stock on order drafts 40 x 12.50 for product 31. */
  contract = load_contract ("- (unitsInStock + unitsOnOrder)\"",
                            "- unitsInStock\"");
  params = default_params (contract);
  plan = plan_for (contract, params, product_31, NULL);

  g_assert_cmpfloat_with_epsilon (plan->amount, 500.00, 1e-9);
  g_assert_cmpint (plan->kind, ==, STEWARD_DECISION_ASK);
}

static void
test_policy_bounded_acts_below (void)
{
  g_autoptr(StewardContract) contract = load_contract (NULL, NULL);
  g_autoptr(JsonObject) params = default_params (contract);
  g_autoptr(StewardPlan) plan = NULL;

  json_object_set_double_member (params, "auto_approve_below", 600);
  plan = plan_for (contract, params, product_30, NULL);

  g_assert_cmpint (plan->kind, ==, STEWARD_DECISION_ACT);
}

static void
test_policy_limits (void)
{
  g_autoptr(StewardContract) contract = load_contract (NULL, NULL);
  g_autoptr(JsonObject) params = default_params (contract);
  g_autoptr(StewardPlan) rate = NULL;
  g_autoptr(StewardPlan) budget = NULL;
  StewardUsage busy = { .actions_last_hour = 20, .amount_last_day = 0 };
  StewardUsage spent = { .actions_last_hour = 0, .amount_last_day = 4600 };

  json_object_set_double_member (params, "auto_approve_below", 600);

  rate = plan_for (contract, params, product_30, &busy);
  g_assert_cmpint (rate->kind, ==, STEWARD_DECISION_ASK);
  g_assert_nonnull (strstr (json_object_get_string_member (rate->explanation,
                                                           "reason"),
                            "limit is 20"));

  budget = plan_for (contract, params, product_30, &spent);
  g_assert_cmpint (budget->kind, ==, STEWARD_DECISION_ASK);
  g_assert_nonnull (strstr (json_object_get_string_member (budget->explanation,
                                                           "reason"),
                            "daily budget of 5000.00 EUR"));
}

static void
test_policy_autonomy_levels (void)
{
  struct {
    const char          *level;
    StewardDecisionKind  kind;
  } cases[] = {
    { "observe", STEWARD_DECISION_OBSERVE },
    { "propose", STEWARD_DECISION_ASK },
    { "autonomous", STEWARD_DECISION_ACT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *with = g_strdup_printf ("\"autonomy\": \"%s\"",
                                               cases[i].level);
      g_autoptr(StewardContract) contract = NULL;
      g_autoptr(JsonObject) params = NULL;
      g_autoptr(StewardPlan) plan = NULL;

      contract = load_contract ("\"autonomy\": \"bounded\"", with);
      params = default_params (contract);
      plan = plan_for (contract, params, product_30, NULL);
      g_assert_cmpint (plan->kind, ==, cases[i].kind);
    }
}

static void
test_policy_allowed_hosts (void)
{
  g_autoptr(StewardContract) contract = load_contract (NULL, NULL);
  g_autoptr(JsonObject) params = default_params (contract);
  g_auto(GStrv) hosts = NULL;

  json_object_set_string_member (params, "base_url", "http://127.0.0.1:4321");
  hosts = steward_policy_allowed_hosts (contract, params);

  g_assert_cmpuint (g_strv_length (hosts), ==, 1);
  g_assert_cmpstr (hosts[0], ==, "127.0.0.1:4321");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/policy/matches", test_policy_matches);
  g_test_add_func ("/policy/bounded-asks-above", test_policy_bounded_asks_above);
  g_test_add_func ("/policy/boundary", test_policy_boundary);
  g_test_add_func ("/policy/bounded-acts-below", test_policy_bounded_acts_below);
  g_test_add_func ("/policy/limits", test_policy_limits);
  g_test_add_func ("/policy/autonomy-levels", test_policy_autonomy_levels);
  g_test_add_func ("/policy/allowed-hosts", test_policy_allowed_hosts);

  return g_test_run ();
}
