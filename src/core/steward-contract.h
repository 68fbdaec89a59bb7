/* steward-contract.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "steward-types.h"

G_BEGIN_DECLS

#define STEWARD_CONTRACT_ERROR (steward_contract_error_quark())

typedef enum
{
  STEWARD_CONTRACT_ERROR_SYNTAX,     /* not JSON */
  STEWARD_CONTRACT_ERROR_INVALID,    /* JSON, but not a valid contract */
  STEWARD_CONTRACT_ERROR_PARAMETER,  /* a parameter value is wrong */
} StewardContractError;

typedef enum
{
  STEWARD_TRIGGER_MANUAL,
  STEWARD_TRIGGER_SCHEDULE,
} StewardTriggerKind;

typedef enum
{
  STEWARD_CATCH_UP_ONCE,
  STEWARD_CATCH_UP_SKIP,
} StewardCatchUp;

typedef struct
{
  StewardTriggerKind  kind;
  char               *rrule;     /* schedule only */
  char               *tz;        /* schedule only, an IANA zone name */
  StewardCatchUp      catch_up;  /* schedule only */
} StewardTrigger;

/* One derived value: evaluated in order, each may read the ones before. */
typedef struct
{
  char *name;
  char *expression;
} StewardDerivation;

GQuark steward_contract_error_quark (void);

#define STEWARD_TYPE_CONTRACT (steward_contract_get_type())

G_DECLARE_FINAL_TYPE (StewardContract, steward_contract, STEWARD, CONTRACT, GObject)

/* Parses and validates a contract. On failure, the error message holds
 * one line per problem, each naming the field ("policy.autonomy: ...");
 * @origin (a file name, or NULL) prefixes syntax errors. */
StewardContract  *steward_contract_new_from_data          (const char        *data,
                                                           gssize             length,
                                                           const char        *origin,
                                                           GError           **error);
StewardContract  *steward_contract_new_from_file          (GFile             *file,
                                                           GError           **error);
/* The problems found, one string per problem; empty when valid. Used by
 * the constructors above and by tests that look at each problem. */
GPtrArray        *steward_contract_check                  (JsonNode          *root);

/* Merges @overrides (name -> text value, may be NULL) into the declared
 * defaults, checking each against its declared type. Returns a JSON
 * object of typed values, or NULL with STEWARD_CONTRACT_ERROR_PARAMETER
 * naming the parameter. */
JsonObject       *steward_contract_bind_parameters        (StewardContract   *self,
                                                           GHashTable        *overrides,
                                                           GError           **error);

/* The contract as given (JSON text), stored as its version. */
const char       *steward_contract_get_json               (StewardContract   *self);
const char       *steward_contract_get_title              (StewardContract   *self);
const char       *steward_contract_get_goal               (StewardContract   *self);
/* "ad-hoc", "reusable", "standing", "autonomous" */
const char       *steward_contract_get_job_type           (StewardContract   *self);
const char       *steward_contract_get_owner              (StewardContract   *self);
StewardAutonomy   steward_contract_get_autonomy           (StewardContract   *self);
/* Element type StewardTrigger, owned by the contract. */
GArray           *steward_contract_get_triggers           (StewardContract   *self);

/* The source: for now always "http-poll". */
const char       *steward_contract_get_source_kind        (StewardContract   *self);
const char       *steward_contract_get_source_url         (StewardContract   *self);
const char       *steward_contract_get_source_items       (StewardContract   *self);
const char       *steward_contract_get_source_key         (StewardContract   *self);

const char       *steward_contract_get_situation_when     (StewardContract   *self);
const char       *steward_contract_get_situation_title    (StewardContract   *self);
/* "info", "warning" (default) or "critical" */
const char       *steward_contract_get_situation_severity (StewardContract   *self);
/* Element type StewardDerivation, in the order written. */
GArray           *steward_contract_get_derivations        (StewardContract   *self);

/* The action: capability, method, URL template and body template. */
const char       *steward_contract_get_action_capability  (StewardContract   *self);
const char       *steward_contract_get_action_method      (StewardContract   *self);
const char       *steward_contract_get_action_url         (StewardContract   *self);
JsonNode         *steward_contract_get_action_body        (StewardContract   *self);
/* The action's summary template, e.g. "Order {quantity} units of
 * {name}"; a default is made when the contract has none. */
const char       *steward_contract_get_action_summary     (StewardContract   *self);

/* The policy. NULL when not set. */
const char       *steward_contract_get_act_alone_when     (StewardContract   *self);
/* The derived value that is the action's amount ("total" by default),
 * and its currency (from parameters of type money, or "EUR"). */
const char       *steward_contract_get_amount_name        (StewardContract   *self);
const char       *steward_contract_get_currency           (StewardContract   *self);
/* Whether values of @name are amounts of money: a parameter of type
 * money, or the derived value that is the action's amount. */
gboolean          steward_contract_is_money               (StewardContract   *self,
                                                           const char        *name);
gboolean          steward_contract_allows_capability      (StewardContract   *self,
                                                           const char        *capability);
/* 0 when unlimited. */
int               steward_contract_get_actions_per_hour   (StewardContract   *self);
double            steward_contract_get_amount_per_day     (StewardContract   *self);
/* Hosts the HTTP capability may call; when the contract names none, the
 * hosts of the source and action URLs after binding parameters. */
const char *const*steward_contract_get_allowed_hosts      (StewardContract   *self);

G_END_DECLS
