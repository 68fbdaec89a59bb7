/* steward-situation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-situation"

#include "config.h"

#include "steward-situation-private.h"
#include "steward-model-private.h"

G_DEFINE_FINAL_TYPE (StewardSituation, steward_situation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_STATE,
  PROP_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
steward_situation_finalize (GObject *object)
{
  StewardSituation *self = STEWARD_SITUATION (object);

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->severity, g_free);
  g_clear_pointer (&self->item_json, g_free);

  G_OBJECT_CLASS (steward_situation_parent_class)->finalize (object);
}

static void
steward_situation_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  StewardSituation *self = STEWARD_SITUATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    case PROP_COUNT:
      g_value_set_int64 (value, self->count);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define READ_ONLY (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)

static void
steward_situation_class_init (StewardSituationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = steward_situation_finalize;
  object_class->get_property = steward_situation_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, READ_ONLY);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      STEWARD_SITUATION_OPEN, STEWARD_SITUATION_RESOLVED,
                      STEWARD_SITUATION_OPEN, READ_ONLY);
  properties[PROP_COUNT] =
    g_param_spec_int64 ("count", NULL, NULL, 0, G_MAXINT64, 0, READ_ONLY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
steward_situation_init (StewardSituation *self)
{
  self->state = STEWARD_SITUATION_OPEN;
}

StewardSituation *
steward_situation_new_empty (void)
{
  return g_object_new (STEWARD_TYPE_SITUATION, NULL);
}

gint64
steward_situation_get_id (StewardSituation *self)
{
  g_return_val_if_fail (STEWARD_IS_SITUATION (self), 0);

  return self->id;
}

gint64
steward_situation_get_job_id (StewardSituation *self)
{
  g_return_val_if_fail (STEWARD_IS_SITUATION (self), 0);

  return self->job_id;
}

const char *
steward_situation_get_key (StewardSituation *self)
{
  g_return_val_if_fail (STEWARD_IS_SITUATION (self), NULL);

  return self->key;
}

const char *
steward_situation_get_title (StewardSituation *self)
{
  g_return_val_if_fail (STEWARD_IS_SITUATION (self), NULL);

  return self->title;
}

StewardSituationState
steward_situation_get_state (StewardSituation *self)
{
  g_return_val_if_fail (STEWARD_IS_SITUATION (self), STEWARD_SITUATION_OPEN);

  return self->state;
}

const char *
steward_situation_get_severity (StewardSituation *self)
{
  g_return_val_if_fail (STEWARD_IS_SITUATION (self), NULL);

  return self->severity;
}

gint64
steward_situation_get_first_seen (StewardSituation *self)
{
  g_return_val_if_fail (STEWARD_IS_SITUATION (self), 0);

  return self->first_seen;
}

gint64
steward_situation_get_last_seen (StewardSituation *self)
{
  g_return_val_if_fail (STEWARD_IS_SITUATION (self), 0);

  return self->last_seen;
}

gint64
steward_situation_get_resolved_at (StewardSituation *self)
{
  g_return_val_if_fail (STEWARD_IS_SITUATION (self), 0);

  return self->resolved_at;
}

gint64
steward_situation_get_count (StewardSituation *self)
{
  g_return_val_if_fail (STEWARD_IS_SITUATION (self), 0);

  return self->count;
}

const char *
steward_situation_get_item_json (StewardSituation *self)
{
  g_return_val_if_fail (STEWARD_IS_SITUATION (self), NULL);

  return self->item_json;
}

/**
 * steward_situation_to_json:
 *
 * Returns: (transfer full): a JSON object with every field
 */
JsonNode *
steward_situation_to_json (StewardSituation *self)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (STEWARD_IS_SITUATION (self), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  json_builder_set_member_name (builder, "job_id");
  json_builder_add_int_value (builder, self->job_id);
  steward_model_add_string (builder, "key", self->key);
  steward_model_add_string (builder, "title", self->title);
  steward_model_add_string (builder, "state",
                            steward_situation_state_to_string (self->state));
  steward_model_add_string (builder, "severity", self->severity);

  steward_model_add_time (builder, "first_seen", self->first_seen);
  steward_model_add_time (builder, "last_seen", self->last_seen);
  steward_model_add_time (builder, "resolved_at", self->resolved_at);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, self->count);
  steward_model_add_json_text (builder, "item", self->item_json);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
