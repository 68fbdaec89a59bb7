/* steward-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *steward_format_time      (gint64      unix_us);
char *steward_format_timestamp (gint64      unix_us);
char *steward_format_json      (const char *json_text);

G_END_DECLS
