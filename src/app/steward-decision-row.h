/* steward-decision-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "steward-session.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_DECISION_ROW (steward_decision_row_get_type())

G_DECLARE_FINAL_TYPE (StewardDecisionRow, steward_decision_row,
                      STEWARD, DECISION_ROW, GtkListBoxRow)

GtkWidget *steward_decision_row_new (StewardSession  *session,
                                     StewardDecision *decision);

G_END_DECLS
