/* steward-audit-entry-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "steward-audit-entry.h"

G_BEGIN_DECLS

struct _StewardAuditEntry
{
  GObject  parent_instance;

  gint64   seq;
  gint64   at;
  char    *actor;
  char    *kind;
  gint64   job_id;
  char    *summary;
  char    *detail_json;
  char    *prev_hash;
  char    *hash;
};

StewardAuditEntry *steward_audit_entry_new_empty (void);

G_END_DECLS
