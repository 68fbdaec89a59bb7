/* steward-job-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "steward-job.h"

G_BEGIN_DECLS

struct _StewardJob
{
  GObject          parent_instance;

  gint64           id;
  char            *title;
  char            *goal;
  char            *owner;
  StewardJobState  state;
  StewardAutonomy  autonomy;
  char            *contract_json;
  char            *params_json;
  int              contract_version;
  char            *insight;
  char            *next_step;
  char            *error;
  gint64           signal_count;
  gint64           situation_count;
  gint64           open_situation_count;
  gint64           pending_count;
  gint64           created_at;
  gint64           last_run_at;
};

/* Stores fill the struct directly; all strings are owned by the job. */
StewardJob *steward_job_new_empty (void);

G_END_DECLS
