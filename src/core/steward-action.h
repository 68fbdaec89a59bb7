/* steward-action.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "steward-types.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_ACTION (steward_action_get_type())

G_DECLARE_FINAL_TYPE (StewardAction, steward_action, STEWARD, ACTION, GObject)

/* One call of a capability. The idempotency key is stored before the
 * call and sent with it, so that a call repeated after a crash can be
 * recognised by the receiving system. */
gint64              steward_action_get_id              (StewardAction *self);
gint64              steward_action_get_job_id          (StewardAction *self);
gint64              steward_action_get_decision_id     (StewardAction *self);
const char         *steward_action_get_capability      (StewardAction *self);
const char         *steward_action_get_idempotency_key (StewardAction *self);
/* The rendered request (JSON object text: method, url, body). */
const char         *steward_action_get_request_json    (StewardAction *self);
StewardActionState  steward_action_get_state           (StewardAction *self);
int                 steward_action_get_attempts        (StewardAction *self);
/* HTTP status or exit status of the latest attempt, 0 before any. */
int                 steward_action_get_status_code     (StewardAction *self);
const char         *steward_action_get_response        (StewardAction *self);
const char         *steward_action_get_error           (StewardAction *self);
double              steward_action_get_amount          (StewardAction *self);
gint64              steward_action_get_created_at      (StewardAction *self);
gint64              steward_action_get_finished_at     (StewardAction *self);
JsonNode           *steward_action_to_json             (StewardAction *self);

G_END_DECLS
