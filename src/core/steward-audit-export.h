/* steward-audit-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "steward-store.h"

G_BEGIN_DECLS

/* Writes the audit log of @job_id (0 for every job) to @out, as "csv"
 * (a header row, then one row per entry) or "json" (an array of the
 * entries). Any other @format fails with G_IO_ERROR_INVALID_ARGUMENT
 * before anything is written. */
gboolean steward_audit_export (StewardStore   *store,
                               gint64          job_id,
                               const char     *format,
                               GOutputStream  *out,
                               GError        **error);

G_END_DECLS
