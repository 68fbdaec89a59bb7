/* steward-situation.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "steward-types.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_SITUATION (steward_situation_get_type())

G_DECLARE_FINAL_TYPE (StewardSituation, steward_situation, STEWARD, SITUATION, GObject)

/* What a job's signals mean for one key ("Chai is below its reorder
 * level"): opened, updated while it lasts, resolved when it ends.
 * Read-only properties: "id", "title", "state", "count". */
gint64                 steward_situation_get_id          (StewardSituation *self);
gint64                 steward_situation_get_job_id      (StewardSituation *self);
const char            *steward_situation_get_key         (StewardSituation *self);
const char            *steward_situation_get_title       (StewardSituation *self);
StewardSituationState  steward_situation_get_state       (StewardSituation *self);
const char            *steward_situation_get_severity    (StewardSituation *self);
gint64                 steward_situation_get_first_seen  (StewardSituation *self);
gint64                 steward_situation_get_last_seen   (StewardSituation *self);
gint64                 steward_situation_get_resolved_at (StewardSituation *self);
gint64                 steward_situation_get_count       (StewardSituation *self);
/* The item of the latest signal that fed the situation (JSON text). */
const char            *steward_situation_get_item_json   (StewardSituation *self);
JsonNode              *steward_situation_to_json         (StewardSituation *self);

G_END_DECLS
