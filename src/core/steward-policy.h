/* steward-policy.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "steward-contract.h"

G_BEGIN_DECLS

/* What the engine has used of a job's limits, read from the store. */
typedef struct
{
  gint64 actions_last_hour;
  double amount_last_day;
} StewardUsage;

/* A decision as the policy makes it, before it is stored. */
typedef struct
{
  StewardDecisionKind  kind;
  gboolean             has_amount;
  double               amount;
  char                *currency;
  char                *summary;      /* "Order 20 units of Chai" */
  JsonObject          *action;       /* { capability, method, url, body } */
  JsonObject          *explanation;  /* see steward-explanation.h */
} StewardPlan;

void         steward_plan_free              (StewardPlan       *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StewardPlan, steward_plan_free)

/* Does @item make a situation? Records the names read in @reads. */
gboolean     steward_policy_matches         (StewardContract   *contract,
                                             JsonObject        *params,
                                             JsonObject        *item,
                                             JsonObject        *reads,
                                             gboolean          *matches,
                                             GError           **error);
/* The situation's title for @item. */
char        *steward_policy_situation_title (StewardContract   *contract,
                                             JsonObject        *params,
                                             JsonObject        *item,
                                             GError           **error);
/* Derives values, renders the action and decides by autonomy level and
 * limits, explaining each step. */
StewardPlan *steward_policy_plan            (StewardContract   *contract,
                                             JsonObject        *params,
                                             JsonObject        *item,
                                             const char        *situation_key,
                                             const char        *situation_title,
                                             const StewardUsage *usage,
                                             GError           **error);
/* The limits an action of @amount would break, as a sentence, or NULL
 * when it stays within them. Checked again where actions are sent. */
char        *steward_policy_check_limits    (StewardContract   *contract,
                                             const StewardUsage *usage,
                                             gboolean           has_amount,
                                             double             amount);
/* Hosts the job may call: the contract's list, or the hosts of its
 * source and action addresses once parameters are bound. */
GStrv        steward_policy_allowed_hosts   (StewardContract   *contract,
                                             JsonObject        *params);

G_END_DECLS
