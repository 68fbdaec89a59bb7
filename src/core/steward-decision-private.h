/* steward-decision-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "steward-decision.h"

G_BEGIN_DECLS

struct _StewardDecision
{
  GObject                parent_instance;

  gint64                 id;
  gint64                 job_id;
  gint64                 situation_id;
  gint64                 run_id;
  char                  *situation_title;
  char                  *job_title;
  StewardDecisionKind    kind;
  StewardDecisionStatus  status;
  char                  *summary;
  gboolean               has_amount;
  double                 amount;
  char                  *currency;
  char                  *amount_label;       /* computed lazily */
  char                  *explanation_json;
  char                  *explanation_text;   /* computed lazily */
  char                  *action_json;
  gint64                 created_at;
  gint64                 answered_at;
  char                  *answered_by;
  char                  *note;
  char                  *error;
  gint64                 notified_at;
};

StewardDecision *steward_decision_new_empty (void);

G_END_DECLS
