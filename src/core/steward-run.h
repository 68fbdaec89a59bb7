/* steward-run.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "steward-types.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_RUN (steward_run_get_type())

G_DECLARE_FINAL_TYPE (StewardRun, steward_run, STEWARD, RUN, GObject)

/* One execution of a job. Steps are a JSON array of objects
 * { "at": microseconds, "text": "...", "detail": {...} }.
 * Read-only properties: "id", "state", "summary". */
gint64           steward_run_get_id          (StewardRun *self);
gint64           steward_run_get_job_id      (StewardRun *self);
/* "manual", "schedule", "signal", "approval" */
const char      *steward_run_get_trigger     (StewardRun *self);
StewardRunState  steward_run_get_state       (StewardRun *self);
gint64           steward_run_get_started_at  (StewardRun *self);
gint64           steward_run_get_finished_at (StewardRun *self);
const char      *steward_run_get_summary     (StewardRun *self);
const char      *steward_run_get_error       (StewardRun *self);
const char      *steward_run_get_steps_json  (StewardRun *self);
JsonNode        *steward_run_to_json         (StewardRun *self);

G_END_DECLS
