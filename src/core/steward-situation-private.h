/* steward-situation-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "steward-situation.h"

G_BEGIN_DECLS

struct _StewardSituation
{
  GObject                parent_instance;

  gint64                 id;
  gint64                 job_id;
  char                  *key;
  char                  *title;
  StewardSituationState  state;
  char                  *severity;
  gint64                 first_seen;
  gint64                 last_seen;
  gint64                 resolved_at;
  gint64                 count;
  char                  *item_json;
};

StewardSituation *steward_situation_new_empty (void);

G_END_DECLS
