/* steward-clock.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_CLOCK (steward_clock_get_type())

G_DECLARE_FINAL_TYPE (StewardClock, steward_clock, STEWARD, CLOCK, GObject)

StewardClock *steward_clock_new_system  (void);
StewardClock *steward_clock_new_manual  (GDateTime    *now);
GDateTime    *steward_clock_dup_now     (StewardClock *self);
gint64        steward_clock_get_now_us  (StewardClock *self);
gboolean      steward_clock_is_manual   (StewardClock *self);
void          steward_clock_set_now     (StewardClock *self,
                                         GDateTime    *now);
void          steward_clock_advance     (StewardClock *self,
                                         GTimeSpan     span);

G_END_DECLS
