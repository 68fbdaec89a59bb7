/* steward-schedule.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Checks an iCalendar RRULE and a time zone name; FALSE with a message
 * that says which is wrong. */
gboolean steward_schedule_check    (const char  *rrule,
                                    const char  *tz,
                                    GError     **error);

/* The first occurrence of @rrule, in wall-clock time of @tz, strictly
 * after @after (Unix µs), counting from the start @anchor (Unix µs; the
 * job's creation). 0 when the rule has no further occurrence. */
gint64   steward_schedule_next     (const char  *rrule,
                                    const char  *tz,
                                    gint64       anchor,
                                    gint64       after,
                                    GError     **error);

G_END_DECLS
