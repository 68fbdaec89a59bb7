/* steward-job.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "steward-types.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_JOB (steward_job_get_type())

G_DECLARE_FINAL_TYPE (StewardJob, steward_job, STEWARD, JOB, GObject)

/* A snapshot of one job as the store last saw it. Properties (all
 * read-only for users, notified on a real change by steward_job_update()):
 * "id", "title", "owner", "state" (StewardJobState as int),
 * "state-label", "insight", "next-step", "error", "signal-count",
 * "open-situation-count", "pending-count", "autonomy".
 */
gint64           steward_job_get_id                   (StewardJob *self);
const char      *steward_job_get_title                (StewardJob *self);
const char      *steward_job_get_goal                 (StewardJob *self);
const char      *steward_job_get_owner                (StewardJob *self);
StewardJobState  steward_job_get_state                (StewardJob *self);
const char      *steward_job_get_state_label          (StewardJob *self);
StewardAutonomy  steward_job_get_autonomy             (StewardJob *self);
/* The contract as stored (JSON text) and the parameters it was created
 * with (a JSON object text). */
const char      *steward_job_get_contract_json        (StewardJob *self);
const char      *steward_job_get_params_json          (StewardJob *self);
int              steward_job_get_contract_version     (StewardJob *self);
/* The latest insight in plain words, or NULL. */
const char      *steward_job_get_insight              (StewardJob *self);
/* What the job will do next, in plain words, or NULL. */
const char      *steward_job_get_next_step            (StewardJob *self);
/* Why the job fails, when its latest run failed; NULL otherwise. */
const char      *steward_job_get_error                (StewardJob *self);
gint64           steward_job_get_signal_count         (StewardJob *self);
gint64           steward_job_get_situation_count      (StewardJob *self);
gint64           steward_job_get_open_situation_count (StewardJob *self);
gint64           steward_job_get_pending_count        (StewardJob *self);
gint64           steward_job_get_created_at           (StewardJob *self);
gint64           steward_job_get_last_run_at          (StewardJob *self);

/* Copies every field of @other (the same job, read again) into @self,
 * notifying the properties that changed. */
void             steward_job_update                   (StewardJob *self,
                                                       StewardJob *other);
JsonNode        *steward_job_to_json                  (StewardJob *self);

G_END_DECLS
