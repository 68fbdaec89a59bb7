/* steward-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "steward-session.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_WINDOW (steward_window_get_type())

G_DECLARE_FINAL_TYPE (StewardWindow, steward_window, STEWARD, WINDOW, AdwApplicationWindow)

StewardWindow *steward_window_new       (GtkApplication *application,
                                        StewardSession *session,
                                        GSettings      *settings);
void           steward_window_add_toast (StewardWindow  *self,
                                        const char     *title);

G_END_DECLS
