/* steward-job-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "steward-session.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_JOB_CARD (steward_job_card_get_type())

G_DECLARE_FINAL_TYPE (StewardJobCard, steward_job_card, STEWARD, JOB_CARD, GtkWidget)

StewardJob *steward_job_card_get_job (StewardJobCard *self);

G_END_DECLS
