/* steward-model-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Helpers shared by the model types (jobs, situations, decisions, runs,
 * actions, audit entries) so that their JSON has one shape. */

G_GNUC_INTERNAL
void     steward_model_add_string    (JsonBuilder  *builder,
                                      const char   *name,
                                      const char   *value);
G_GNUC_INTERNAL
void     steward_model_add_time      (JsonBuilder  *builder,
                                      const char   *name,
                                      gint64        us);
G_GNUC_INTERNAL
void     steward_model_add_instant   (JsonBuilder  *builder,
                                      const char   *name,
                                      gint64        us);
G_GNUC_INTERNAL
void     steward_model_add_json_text (JsonBuilder  *builder,
                                      const char   *name,
                                      const char   *text);
G_GNUC_INTERNAL
gboolean steward_model_set_string    (char        **field,
                                      const char   *value);

G_END_DECLS
