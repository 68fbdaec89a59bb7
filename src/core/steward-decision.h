/* steward-decision.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "steward-types.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_DECISION (steward_decision_get_type())

G_DECLARE_FINAL_TYPE (StewardDecision, steward_decision, STEWARD, DECISION, GObject)

/* What a job chose for a situation, with its explanation. Read-only
 * properties: "id", "job-id", "kind", "status", "summary", "question",
 * "amount-label", "situation-title", "explanation-text". */
gint64                 steward_decision_get_id               (StewardDecision *self);
gint64                 steward_decision_get_job_id           (StewardDecision *self);
gint64                 steward_decision_get_situation_id     (StewardDecision *self);
gint64                 steward_decision_get_run_id           (StewardDecision *self);
const char            *steward_decision_get_situation_title  (StewardDecision *self);
const char            *steward_decision_get_job_title        (StewardDecision *self);
StewardDecisionKind    steward_decision_get_kind             (StewardDecision *self);
StewardDecisionStatus  steward_decision_get_status           (StewardDecision *self);
/* One line: "Order 20 units of Nord-Ost Matjeshering for 517.80 EUR". */
const char            *steward_decision_get_summary          (StewardDecision *self);
double                 steward_decision_get_amount           (StewardDecision *self);
gboolean               steward_decision_has_amount           (StewardDecision *self);
const char            *steward_decision_get_currency         (StewardDecision *self);
/* "517.80 EUR", or NULL without an amount; owned by the decision. */
const char            *steward_decision_get_amount_label     (StewardDecision *self);
/* The structured explanation (JSON object text), see docs. */
const char            *steward_decision_get_explanation_json (StewardDecision *self);
/* The explanation in plain words, several lines. */
const char            *steward_decision_get_explanation_text (StewardDecision *self);
/* The action the decision prepared (JSON object text), or NULL. */
const char            *steward_decision_get_action_json      (StewardDecision *self);
gint64                 steward_decision_get_created_at       (StewardDecision *self);
gint64                 steward_decision_get_answered_at      (StewardDecision *self);
const char            *steward_decision_get_answered_by      (StewardDecision *self);
const char            *steward_decision_get_note             (StewardDecision *self);
/* Why the decision's action failed, or NULL. */
const char            *steward_decision_get_error            (StewardDecision *self);
gint64                 steward_decision_get_notified_at      (StewardDecision *self);
JsonNode              *steward_decision_to_json              (StewardDecision *self);

G_END_DECLS
