/* steward-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-types"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "steward-types.h"

typedef struct
{
  int         value;
  const char *nick;
  const char *label;
} EnumName;

static const EnumName job_states[] = {
  { STEWARD_JOB_STATE_PROPOSED, "proposed", N_("Proposed") },
  { STEWARD_JOB_STATE_ACTIVE, "active", N_("Active") },
  { STEWARD_JOB_STATE_NEEDS_ATTENTION, "needs-attention", N_("Needs Attention") },
  { STEWARD_JOB_STATE_RESOLVING, "resolving", N_("Resolving") },
  { STEWARD_JOB_STATE_PAUSED, "paused", N_("Paused") },
  { STEWARD_JOB_STATE_COMPLETED, "completed", N_("Completed") },
  { STEWARD_JOB_STATE_CLOSED, "closed", N_("Closed") },
  { 0 }
};

static const EnumName autonomies[] = {
  { STEWARD_AUTONOMY_OBSERVE, "observe", N_("Observe") },
  { STEWARD_AUTONOMY_PROPOSE, "propose", N_("Propose") },
  { STEWARD_AUTONOMY_BOUNDED, "bounded", N_("Bounded") },
  { STEWARD_AUTONOMY_AUTONOMOUS, "autonomous", N_("Autonomous") },
  { 0 }
};

static const EnumName decision_kinds[] = {
  { STEWARD_DECISION_ACT, "act", N_("Act") },
  { STEWARD_DECISION_ASK, "ask", N_("Ask") },
  { STEWARD_DECISION_ESCALATE, "escalate", N_("Escalate") },
  { STEWARD_DECISION_OBSERVE, "observe", N_("Observe") },
  { 0 }
};

static const EnumName decision_statuses[] = {
  { STEWARD_DECISION_STATUS_PENDING, "pending", N_("Waiting for approval") },
  { STEWARD_DECISION_STATUS_APPROVED, "approved", N_("Approved") },
  { STEWARD_DECISION_STATUS_REJECTED, "rejected", N_("Rejected") },
  { STEWARD_DECISION_STATUS_DONE, "done", N_("Done") },
  { STEWARD_DECISION_STATUS_FAILED, "failed", N_("Failed") },
  { 0 }
};

static const EnumName situation_states[] = {
  { STEWARD_SITUATION_OPEN, "open", N_("Open") },
  { STEWARD_SITUATION_RESOLVED, "resolved", N_("Resolved") },
  { 0 }
};

static const EnumName run_states[] = {
  { STEWARD_RUN_RUNNING, "running", N_("Running") },
  { STEWARD_RUN_WAITING, "waiting", N_("Waiting for a person") },
  { STEWARD_RUN_SUCCEEDED, "succeeded", N_("Succeeded") },
  { STEWARD_RUN_FAILED, "failed", N_("Failed") },
  { 0 }
};

static const EnumName action_states[] = {
  { STEWARD_ACTION_PENDING, "pending", N_("Pending") },
  { STEWARD_ACTION_SENT, "sent", N_("Sent") },
  { STEWARD_ACTION_FAILED, "failed", N_("Failed") },
  { 0 }
};

static const EnumName *
lookup_value (const EnumName *table,
              int             value)
{
  for (guint i = 0; table[i].nick != NULL; i++)
    if (table[i].value == value)
      return &table[i];

  return NULL;
}

static gboolean
lookup_nick (const EnumName *table,
             const char     *nick,
             int            *value)
{
  if (nick == NULL)
    return FALSE;

  for (guint i = 0; table[i].nick != NULL; i++)
    {
      if (g_str_equal (table[i].nick, nick))
        {
          *value = table[i].value;
          return TRUE;
        }
    }

  return FALSE;
}

static const char *
nick_of (const EnumName *table,
         int             value)
{
  const EnumName *name = lookup_value (table, value);

  return name ? name->nick : "unknown";
}

static const char *
label_of (const EnumName *table,
          int             value)
{
  const EnumName *name = lookup_value (table, value);

  return name ? g_dgettext (GETTEXT_PACKAGE, name->label) : _("Unknown");
}

#define DEFINE_ENUM_NAMES(TypeName, type_name, table)                     \
  const char *                                                           \
  steward_##type_name##_to_string (TypeName value)                       \
  {                                                                      \
    return nick_of (table, value);                                       \
  }                                                                      \
                                                                         \
  gboolean                                                               \
  steward_##type_name##_from_string (const char *str,                    \
                                     TypeName   *value)                  \
  {                                                                      \
    int v;                                                               \
                                                                         \
    if (!lookup_nick (table, str, &v))                                   \
      return FALSE;                                                      \
                                                                         \
    *value = (TypeName) v;                                               \
    return TRUE;                                                         \
  }

DEFINE_ENUM_NAMES (StewardJobState, job_state, job_states)
DEFINE_ENUM_NAMES (StewardAutonomy, autonomy, autonomies)
DEFINE_ENUM_NAMES (StewardDecisionKind, decision_kind, decision_kinds)
DEFINE_ENUM_NAMES (StewardDecisionStatus, decision_status, decision_statuses)
DEFINE_ENUM_NAMES (StewardSituationState, situation_state, situation_states)
DEFINE_ENUM_NAMES (StewardRunState, run_state, run_states)
DEFINE_ENUM_NAMES (StewardActionState, action_state, action_states)

const char *
steward_job_state_get_label (StewardJobState state)
{
  return label_of (job_states, state);
}

const char *
steward_decision_status_get_label (StewardDecisionStatus status)
{
  return label_of (decision_statuses, status);
}

/* Amounts are shown with two decimals and the currency code after them,
 * in the C locale's digits so that figures read the same in logs, the
 * CLI and the window: "517.80 EUR". */
char *
steward_format_money (double      amount,
                      const char *currency)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.2f", amount);

  return g_strdup_printf ("%s %s", buf, currency ? currency : "EUR");
}
