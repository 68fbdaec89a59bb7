/* steward-policy.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-policy"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "steward-expr.h"
#include "steward-policy.h"

void
steward_plan_free (StewardPlan *plan)
{
  if (plan == NULL)
    return;

  g_free (plan->currency);
  g_free (plan->summary);
  g_clear_pointer (&plan->action, json_object_unref);
  g_clear_pointer (&plan->explanation, json_object_unref);
  g_free (plan);
}

static char *
describe_value (StewardContract *contract,
                const char      *name,
                JsonNode        *value)
{
  if (value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
      (json_node_get_value_type (value) == G_TYPE_DOUBLE ||
       json_node_get_value_type (value) == G_TYPE_INT64) &&
      steward_contract_is_money (contract, name))
    return steward_format_money (json_node_get_double (value),
                                 steward_contract_get_currency (contract));

  return json_to_string (value, FALSE);
}

/* "total = 517.80 EUR, auto_approve_below = 500.00 EUR" */
static char *
describe_reads (StewardContract *contract,
                JsonObject      *reads)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GList) names = json_object_get_members (reads);

  for (const GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *value = NULL;

      value = describe_value (contract, l->data,
                              json_object_get_member (reads, l->data));
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "%s = %s", (const char *) l->data, value);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
merge_reads (JsonObject *inputs,
             JsonObject *reads)
{
  g_autoptr(GList) names = json_object_get_members (reads);

  for (const GList *l = names; l != NULL; l = l->next)
    if (!json_object_has_member (inputs, l->data))
      json_object_set_member (inputs, l->data,
                              json_node_copy (json_object_get_member (reads,
                                                                      l->data)));
}

/* Evaluates one expression and appends it to the explanation's rules. */
static JsonNode *
evaluate_rule (JsonObject  *explanation,
               const char  *name,
               const char  *expression,
               JsonObject **scopes,
               GError     **error)
{
  g_autoptr(JsonObject) reads = json_object_new ();
  g_autoptr(JsonObject) rule = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *result;

  result = steward_expr_evaluate (expression, scopes, reads, &local_error);
  if (result == NULL)
    {
      g_set_error (error, STEWARD_EXPR_ERROR, local_error->code,
                   "%s: %s", name, local_error->message);
      return NULL;
    }

  rule = json_object_new ();
  json_object_set_string_member (rule, "name", name);
  json_object_set_string_member (rule, "expression", expression);
  json_object_set_object_member (rule, "reads", json_object_ref (reads));
  json_object_set_member (rule, "result", json_node_copy (result));
  json_array_add_object_element (json_object_get_array_member (explanation,
                                                               "rules"),
                                 g_steal_pointer (&rule));
  merge_reads (json_object_get_object_member (explanation, "inputs"), reads);

  return result;
}

gboolean
steward_policy_matches (StewardContract  *contract,
                        JsonObject       *params,
                        JsonObject       *item,
                        JsonObject       *reads,
                        gboolean         *matches,
                        GError          **error)
{
  JsonObject *scopes[] = { item, params, NULL };
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (STEWARD_IS_CONTRACT (contract), FALSE);
  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (item != NULL, FALSE);
  g_return_val_if_fail (matches != NULL, FALSE);

  result = steward_expr_evaluate (steward_contract_get_situation_when (contract),
                                  scopes, reads, &local_error);
  if (result == NULL)
    {
      g_set_error (error, STEWARD_EXPR_ERROR, local_error->code,
                   "situation.when: %s", local_error->message);
      return FALSE;
    }

  *matches = steward_expr_node_is_true (result);

  return TRUE;
}

char *
steward_policy_situation_title (StewardContract  *contract,
                                JsonObject       *params,
                                JsonObject       *item,
                                GError          **error)
{
  JsonObject *scopes[] = { item, params, NULL };

  g_return_val_if_fail (STEWARD_IS_CONTRACT (contract), NULL);

  return steward_template_render (steward_contract_get_situation_title (contract),
                                  scopes, error);
}

static JsonObject *
limit_entry (const char *name,
             double      limit,
             double      used,
             double      adding,
             gboolean    ok)
{
  JsonObject *entry = json_object_new ();

  json_object_set_string_member (entry, "name", name);
  json_object_set_double_member (entry, "limit", limit);
  json_object_set_double_member (entry, "used", used);
  json_object_set_double_member (entry, "adding", adding);
  json_object_set_boolean_member (entry, "ok", ok);

  return entry;
}

/* Fills @limits (may be NULL) and returns the first broken limit as a
 * sentence, or NULL. */
static char *
check_limits (StewardContract    *contract,
              const StewardUsage *usage,
              gboolean            has_amount,
              double              amount,
              JsonArray          *limits)
{
  int per_hour = steward_contract_get_actions_per_hour (contract);
  double per_day = steward_contract_get_amount_per_day (contract);
  const char *currency = steward_contract_get_currency (contract);
  char *broken = NULL;

  if (per_hour > 0)
    {
      gboolean ok = usage->actions_last_hour + 1 <= per_hour;

      if (limits != NULL)
        json_array_add_object_element (limits,
                                       limit_entry ("actions_per_hour",
                                                    per_hour,
                                                    usage->actions_last_hour,
                                                    1, ok));
      if (!ok)
        broken = g_strdup_printf (_("%" PRId64 " actions were sent in "
                                    "the last hour; the limit is %d"),
                                  usage->actions_last_hour, per_hour);
    }

  if (per_day > 0 && has_amount)
    {
      gboolean ok = usage->amount_last_day + amount <= per_day + 0.005;

      if (limits != NULL)
        json_array_add_object_element (limits,
                                       limit_entry ("amount_per_day", per_day,
                                                    usage->amount_last_day,
                                                    amount, ok));
      if (!ok && broken == NULL)
        {
          g_autofree char *used = NULL;
          g_autofree char *limit = NULL;
          g_autofree char *adding = NULL;

          used = steward_format_money (usage->amount_last_day, currency);
          limit = steward_format_money (per_day, currency);
          adding = steward_format_money (amount, currency);
          broken = g_strdup_printf (_("%s more would pass the daily budget of "
                                      "%s (%s already spent today)"),
                                    adding, limit, used);
        }
    }

  return broken;
}

char *
steward_policy_check_limits (StewardContract    *contract,
                             const StewardUsage *usage,
                             gboolean            has_amount,
                             double              amount)
{
  g_return_val_if_fail (STEWARD_IS_CONTRACT (contract), NULL);
  g_return_val_if_fail (usage != NULL, NULL);

  return check_limits (contract, usage, has_amount, amount, NULL);
}

static gboolean
node_is_number (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_DOUBLE ||
          json_node_get_value_type (node) == G_TYPE_INT64);
}

StewardPlan *
steward_policy_plan (StewardContract     *contract,
                     JsonObject          *params,
                     JsonObject          *item,
                     const char          *situation_key,
                     const char          *situation_title,
                     const StewardUsage  *usage,
                     GError             **error)
{
  g_autoptr(StewardPlan) plan = NULL;
  g_autoptr(JsonObject) derived = json_object_new ();
  g_autoptr(JsonNode) when = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *url = NULL;
  g_autofree char *broken = NULL;
  JsonObject *scopes[] = { derived, item, params, NULL };
  JsonObject *explanation;
  JsonObject *situation;
  JsonArray *limits;
  GArray *derivations;
  StewardAutonomy autonomy;
  const char *amount_name;
  const char *currency;
  const char *alone_when;
  JsonNode *amount_node;
  JsonNode *template_body;

  g_return_val_if_fail (STEWARD_IS_CONTRACT (contract), NULL);
  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (item != NULL, NULL);
  g_return_val_if_fail (usage != NULL, NULL);

  plan = g_new0 (StewardPlan, 1);
  currency = steward_contract_get_currency (contract);
  plan->currency = g_strdup (currency);
  autonomy = steward_contract_get_autonomy (contract);

  explanation = plan->explanation = json_object_new ();
  situation = json_object_new ();
  json_object_set_string_member (situation, "key", situation_key);
  json_object_set_string_member (situation, "title", situation_title);
  json_object_set_object_member (explanation, "situation", situation);
  json_object_set_object_member (explanation, "inputs", json_object_new ());
  json_object_set_array_member (explanation, "rules", json_array_new ());
  json_object_set_string_member (explanation, "autonomy",
                                 steward_autonomy_to_string (autonomy));
  json_object_set_string_member (explanation, "currency", currency);

  /* The condition is evaluated again so that the explanation says what
   * made the situation, with the values read. */
  when = evaluate_rule (explanation, "situation.when",
                        steward_contract_get_situation_when (contract),
                        scopes + 1, error);
  if (when == NULL)
    return NULL;

  derivations = steward_contract_get_derivations (contract);
  for (guint i = 0; derivations != NULL && i < derivations->len; i++)
    {
      StewardDerivation *derivation = &g_array_index (derivations,
                                                      StewardDerivation, i);
      g_autofree char *rule_name = g_strdup_printf ("derive.%s",
                                                    derivation->name);
      JsonNode *value;

      value = evaluate_rule (explanation, rule_name, derivation->expression,
                             scopes, error);
      if (value == NULL)
        return NULL;

      json_object_set_member (derived, derivation->name, value);
    }

  json_object_set_object_member (explanation, "derived",
                                 json_object_ref (derived));

  amount_name = steward_contract_get_amount_name (contract);
  amount_node = amount_name ? json_object_get_member (derived, amount_name)
                            : NULL;
  if (node_is_number (amount_node))
    {
      plan->has_amount = TRUE;
      plan->amount = json_node_get_double (amount_node);
      json_object_set_double_member (explanation, "amount", plan->amount);
    }

  /* The action is rendered now, so that what a person approves is
   * exactly what will be sent. */
  if (steward_contract_get_action_capability (contract) != NULL)
    {
      url = steward_template_render (steward_contract_get_action_url (contract),
                                     scopes, error);
      if (url == NULL)
        return NULL;

      template_body = steward_contract_get_action_body (contract);
      if (template_body != NULL)
        {
          body = steward_template_render_json (template_body, scopes, error);
          if (body == NULL)
            return NULL;
        }

      plan->summary = steward_template_render (steward_contract_get_action_summary (contract),
                                               scopes, error);
      if (plan->summary == NULL)
        return NULL;

      plan->action = json_object_new ();
      json_object_set_string_member (plan->action, "capability",
                                     steward_contract_get_action_capability (contract));
      json_object_set_string_member (plan->action, "method",
                                     steward_contract_get_action_method (contract));
      json_object_set_string_member (plan->action, "url", url);
      if (body != NULL)
        json_object_set_member (plan->action, "body", g_steal_pointer (&body));
    }
  else
    {
      plan->summary = g_strdup (situation_title);
    }

  limits = json_array_new ();
  json_object_set_array_member (explanation, "limits", limits);
  broken = check_limits (contract, usage, plan->has_amount, plan->amount,
                         limits);

  alone_when = steward_contract_get_act_alone_when (contract);

  switch (autonomy)
    {
    case STEWARD_AUTONOMY_OBSERVE:
      plan->kind = STEWARD_DECISION_OBSERVE;
      json_object_set_string_member (explanation, "reason",
                                     _("The job only observes: it reports the "
                                       "situation and does not act."));
      break;

    case STEWARD_AUTONOMY_PROPOSE:
      plan->kind = STEWARD_DECISION_ASK;
      json_object_set_string_member (explanation, "reason",
                                     _("The job proposes every action: the "
                                       "owner approves it."));
      break;

    case STEWARD_AUTONOMY_BOUNDED:
      {
        g_autoptr(JsonNode) alone = NULL;
        JsonArray *rules;
        JsonObject *rule;
        g_autofree char *reads = NULL;

        alone = evaluate_rule (explanation, "policy.act_alone_when",
                               alone_when, scopes, error);
        if (alone == NULL)
          return NULL;

        rules = json_object_get_array_member (explanation, "rules");
        rule = json_array_get_object_element (rules,
                                              json_array_get_length (rules) - 1);
        reads = describe_reads (contract,
                                json_object_get_object_member (rule, "reads"));

        if (!steward_expr_node_is_true (alone))
          {
            g_autofree char *reason = NULL;
            g_autofree char *alternative = NULL;

            plan->kind = STEWARD_DECISION_ASK;
            reason = g_strdup_printf (_("“%s” does not hold (%s), so the "
                                        "owner decides."), alone_when, reads);
            alternative = g_strdup_printf (_("Would have acted alone if “%s” "
                                             "held; it was %s."),
                                           alone_when, reads);
            json_object_set_string_member (explanation, "reason", reason);
            json_object_set_string_member (explanation, "alternative",
                                           alternative);
          }
        else if (broken != NULL)
          {
            g_autofree char *reason = NULL;

            plan->kind = STEWARD_DECISION_ASK;
            reason = g_strdup_printf (_("“%s” holds (%s), but %s, so the "
                                        "owner decides."),
                                      alone_when, reads, broken);
            json_object_set_string_member (explanation, "reason", reason);
            json_object_set_string_member (explanation, "alternative",
                                           _("Would have acted alone within "
                                             "the job’s limits."));
          }
        else
          {
            g_autofree char *reason = NULL;
            g_autofree char *alternative = NULL;

            plan->kind = STEWARD_DECISION_ACT;
            reason = g_strdup_printf (_("“%s” holds (%s) and the job’s limits "
                                        "allow it, so it acts alone."),
                                      alone_when, reads);
            alternative = g_strdup_printf (_("Would have asked the owner if "
                                             "“%s” did not hold."),
                                           alone_when);
            json_object_set_string_member (explanation, "reason", reason);
            json_object_set_string_member (explanation, "alternative",
                                           alternative);
          }
      }
      break;

    case STEWARD_AUTONOMY_AUTONOMOUS:
      if (broken != NULL)
        {
          g_autofree char *reason = NULL;

          plan->kind = STEWARD_DECISION_ASK;
          reason = g_strdup_printf (_("The job may act alone, but %s, so the "
                                      "owner decides."), broken);
          json_object_set_string_member (explanation, "reason", reason);
        }
      else
        {
          plan->kind = STEWARD_DECISION_ACT;
          json_object_set_string_member (explanation, "reason",
                                         _("The job acts alone on everything "
                                           "its capabilities allow, within "
                                           "its limits."));
        }
      break;

    default:
      g_assert_not_reached ();
    }

  /* Without an action there is nothing to approve or send. */
  if (plan->action == NULL && plan->kind != STEWARD_DECISION_OBSERVE)
    plan->kind = STEWARD_DECISION_OBSERVE;

  json_object_set_string_member (explanation, "outcome",
                                 steward_decision_kind_to_string (plan->kind));

  return g_steal_pointer (&plan);
}

static void
add_host_of (GPtrArray  *hosts,
             const char *url)
{
  g_autoptr(GUri) uri = NULL;
  char *host;

  if (url == NULL)
    return;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return;

  if (g_uri_get_port (uri) > 0)
    host = g_strdup_printf ("%s:%d", g_uri_get_host (uri),
                            g_uri_get_port (uri));
  else
    host = g_strdup (g_uri_get_host (uri));

  for (guint i = 0; i < hosts->len; i++)
    {
      if (g_ascii_strcasecmp (g_ptr_array_index (hosts, i), host) == 0)
        {
          g_free (host);
          return;
        }
    }

  g_ptr_array_add (hosts, host);
}

GStrv
steward_policy_allowed_hosts (StewardContract *contract,
                              JsonObject      *params)
{
  const char * const *listed;
  JsonObject *scopes[] = { params, NULL };
  g_autoptr(GPtrArray) hosts = NULL;
  g_autofree char *source_url = NULL;
  g_autofree char *action_url = NULL;

  g_return_val_if_fail (STEWARD_IS_CONTRACT (contract), NULL);

  listed = steward_contract_get_allowed_hosts (contract);
  if (listed != NULL)
    return g_strdupv ((char **) listed);

  /* An address that needs item fields to render cannot name a host in
   * advance: it then has to share its host with the other. */
  hosts = g_ptr_array_new ();
  source_url = steward_template_render (steward_contract_get_source_url (contract),
                                        scopes, NULL);
  add_host_of (hosts, source_url);
  if (steward_contract_get_action_url (contract) != NULL)
    {
      action_url = steward_template_render (steward_contract_get_action_url (contract),
                                            scopes, NULL);
      add_host_of (hosts, action_url);
    }
  g_ptr_array_add (hosts, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&hosts), FALSE);
}
