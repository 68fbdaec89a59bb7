/* steward-types.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  STEWARD_JOB_STATE_PROPOSED,
  STEWARD_JOB_STATE_ACTIVE,
  STEWARD_JOB_STATE_NEEDS_ATTENTION,
  STEWARD_JOB_STATE_RESOLVING,
  STEWARD_JOB_STATE_PAUSED,
  STEWARD_JOB_STATE_COMPLETED,
  STEWARD_JOB_STATE_CLOSED,
} StewardJobState;

typedef enum
{
  STEWARD_AUTONOMY_OBSERVE,
  STEWARD_AUTONOMY_PROPOSE,
  STEWARD_AUTONOMY_BOUNDED,
  STEWARD_AUTONOMY_AUTONOMOUS,
} StewardAutonomy;

typedef enum
{
  STEWARD_DECISION_ACT,
  STEWARD_DECISION_ASK,
  STEWARD_DECISION_ESCALATE,
  STEWARD_DECISION_OBSERVE,
} StewardDecisionKind;

/* Where a decision stands: an "ask" is pending until a person answers;
 * an "act" (or an approved "ask") is done once its action went out.
 */
typedef enum
{
  STEWARD_DECISION_STATUS_PENDING,
  STEWARD_DECISION_STATUS_APPROVED,
  STEWARD_DECISION_STATUS_REJECTED,
  STEWARD_DECISION_STATUS_DONE,
  STEWARD_DECISION_STATUS_FAILED,
} StewardDecisionStatus;

typedef enum
{
  STEWARD_SITUATION_OPEN,
  STEWARD_SITUATION_RESOLVED,
} StewardSituationState;

typedef enum
{
  STEWARD_RUN_RUNNING,
  STEWARD_RUN_WAITING,
  STEWARD_RUN_SUCCEEDED,
  STEWARD_RUN_FAILED,
} StewardRunState;

typedef enum
{
  STEWARD_ACTION_PENDING,
  STEWARD_ACTION_SENT,
  STEWARD_ACTION_FAILED,
} StewardActionState;

/* Stable identifiers, as stored in the database and printed by the CLI. */
const char *steward_job_state_to_string           (StewardJobState        state);
gboolean    steward_job_state_from_string         (const char            *str,
                                                   StewardJobState       *state);
const char *steward_job_state_get_label           (StewardJobState        state);
const char *steward_autonomy_to_string            (StewardAutonomy        autonomy);
gboolean    steward_autonomy_from_string          (const char            *str,
                                                   StewardAutonomy       *autonomy);
const char *steward_decision_kind_to_string       (StewardDecisionKind    kind);
gboolean    steward_decision_kind_from_string     (const char            *str,
                                                   StewardDecisionKind   *kind);
const char *steward_decision_status_to_string     (StewardDecisionStatus  status);
gboolean    steward_decision_status_from_string   (const char            *str,
                                                   StewardDecisionStatus *status);
const char *steward_decision_status_get_label     (StewardDecisionStatus  status);
const char *steward_situation_state_to_string     (StewardSituationState  state);
gboolean    steward_situation_state_from_string   (const char            *str,
                                                   StewardSituationState *state);
const char *steward_run_state_to_string           (StewardRunState        state);
gboolean    steward_run_state_from_string         (const char            *str,
                                                   StewardRunState       *state);
const char *steward_action_state_to_string        (StewardActionState     state);
gboolean    steward_action_state_from_string      (const char            *str,
                                                   StewardActionState    *state);

char       *steward_format_money                  (double                 amount,
                                                   const char            *currency);

G_END_DECLS
