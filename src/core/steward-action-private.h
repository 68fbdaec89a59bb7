/* steward-action-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "steward-action.h"

G_BEGIN_DECLS

struct _StewardAction
{
  GObject             parent_instance;

  gint64              id;
  gint64              job_id;
  gint64              decision_id;
  char               *capability;
  char               *idempotency_key;
  char               *request_json;
  StewardActionState  state;
  int                 attempts;
  int                 status_code;
  char               *response;
  char               *error;
  double              amount;
  gint64              created_at;
  gint64              finished_at;
};

StewardAction *steward_action_new_empty (void);

G_END_DECLS
