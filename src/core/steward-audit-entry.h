/* steward-audit-entry.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_AUDIT_ENTRY (steward_audit_entry_get_type())

G_DECLARE_FINAL_TYPE (StewardAuditEntry, steward_audit_entry, STEWARD, AUDIT_ENTRY, GObject)

/* One append-only record of anything that happened. Each entry's hash
 * covers its fields and the hash of the entry before it. */
gint64      steward_audit_entry_get_seq         (StewardAuditEntry *self);
gint64      steward_audit_entry_get_at          (StewardAuditEntry *self);
const char *steward_audit_entry_get_actor       (StewardAuditEntry *self);
/* "job.created", "run.started", "situation.opened", "decision.asked"... */
const char *steward_audit_entry_get_kind        (StewardAuditEntry *self);
gint64      steward_audit_entry_get_job_id      (StewardAuditEntry *self);
const char *steward_audit_entry_get_summary     (StewardAuditEntry *self);
const char *steward_audit_entry_get_detail_json (StewardAuditEntry *self);
const char *steward_audit_entry_get_prev_hash   (StewardAuditEntry *self);
const char *steward_audit_entry_get_hash        (StewardAuditEntry *self);
JsonNode   *steward_audit_entry_to_json         (StewardAuditEntry *self);

/* The hash an entry with these fields must carry (lowercase hex
 * SHA-256); the store uses it on append and on verify. */
char       *steward_audit_compute_hash          (gint64      seq,
                                                 gint64      at,
                                                 const char *actor,
                                                 const char *kind,
                                                 gint64      job_id,
                                                 const char *summary,
                                                 const char *detail_json,
                                                 const char *prev_hash);

G_END_DECLS
