/* steward-run-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "steward-run.h"

G_BEGIN_DECLS

struct _StewardRun
{
  GObject          parent_instance;

  gint64           id;
  gint64           job_id;
  char            *trigger;
  StewardRunState  state;
  gint64           started_at;
  gint64           finished_at;
  char            *summary;
  char            *error;
  char            *steps_json;
};

StewardRun *steward_run_new_empty (void);

G_END_DECLS
