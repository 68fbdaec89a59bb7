/* steward-job-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "steward-session.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_JOB_WINDOW (steward_job_window_get_type())

G_DECLARE_FINAL_TYPE (StewardJobWindow, steward_job_window, STEWARD, JOB_WINDOW, AdwWindow)

StewardJobWindow *steward_job_window_new        (GtkApplication   *application,
                                                 StewardSession   *session,
                                                 gint64            job_id);
gint64            steward_job_window_get_job_id (StewardJobWindow *self);
void              steward_job_window_show_page  (StewardJobWindow *self,
                                                 const char       *name);
void              steward_job_window_add_toast  (StewardJobWindow *self,
                                                 const char       *title);

G_END_DECLS
