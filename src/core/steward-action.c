/* steward-action.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-action"

#include "config.h"

#include "steward-action-private.h"
#include "steward-model-private.h"

G_DEFINE_FINAL_TYPE (StewardAction, steward_action, G_TYPE_OBJECT)

/* Not promised by the header, but there for views that bind to them. */
enum {
  PROP_0,
  PROP_ID,
  PROP_CAPABILITY,
  PROP_STATE,
  PROP_STATUS_CODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
steward_action_finalize (GObject *object)
{
  StewardAction *self = STEWARD_ACTION (object);

  g_clear_pointer (&self->capability, g_free);
  g_clear_pointer (&self->idempotency_key, g_free);
  g_clear_pointer (&self->request_json, g_free);
  g_clear_pointer (&self->response, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (steward_action_parent_class)->finalize (object);
}

static void
steward_action_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  StewardAction *self = STEWARD_ACTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_CAPABILITY:
      g_value_set_string (value, self->capability);
      break;

    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    case PROP_STATUS_CODE:
      g_value_set_int (value, self->status_code);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define READ_ONLY (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)

static void
steward_action_class_init (StewardActionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = steward_action_finalize;
  object_class->get_property = steward_action_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, READ_ONLY);
  properties[PROP_CAPABILITY] =
    g_param_spec_string ("capability", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      STEWARD_ACTION_PENDING, STEWARD_ACTION_FAILED,
                      STEWARD_ACTION_PENDING, READ_ONLY);
  properties[PROP_STATUS_CODE] =
    g_param_spec_int ("status-code", NULL, NULL, G_MININT, G_MAXINT, 0, READ_ONLY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
steward_action_init (StewardAction *self)
{
  self->state = STEWARD_ACTION_PENDING;
}

StewardAction *
steward_action_new_empty (void)
{
  return g_object_new (STEWARD_TYPE_ACTION, NULL);
}

gint64
steward_action_get_id (StewardAction *self)
{
  g_return_val_if_fail (STEWARD_IS_ACTION (self), 0);

  return self->id;
}

gint64
steward_action_get_job_id (StewardAction *self)
{
  g_return_val_if_fail (STEWARD_IS_ACTION (self), 0);

  return self->job_id;
}

gint64
steward_action_get_decision_id (StewardAction *self)
{
  g_return_val_if_fail (STEWARD_IS_ACTION (self), 0);

  return self->decision_id;
}

const char *
steward_action_get_capability (StewardAction *self)
{
  g_return_val_if_fail (STEWARD_IS_ACTION (self), NULL);

  return self->capability;
}

const char *
steward_action_get_idempotency_key (StewardAction *self)
{
  g_return_val_if_fail (STEWARD_IS_ACTION (self), NULL);

  return self->idempotency_key;
}

const char *
steward_action_get_request_json (StewardAction *self)
{
  g_return_val_if_fail (STEWARD_IS_ACTION (self), NULL);

  return self->request_json;
}

StewardActionState
steward_action_get_state (StewardAction *self)
{
  g_return_val_if_fail (STEWARD_IS_ACTION (self), STEWARD_ACTION_PENDING);

  return self->state;
}

int
steward_action_get_attempts (StewardAction *self)
{
  g_return_val_if_fail (STEWARD_IS_ACTION (self), 0);

  return self->attempts;
}

int
steward_action_get_status_code (StewardAction *self)
{
  g_return_val_if_fail (STEWARD_IS_ACTION (self), 0);

  return self->status_code;
}

const char *
steward_action_get_response (StewardAction *self)
{
  g_return_val_if_fail (STEWARD_IS_ACTION (self), NULL);

  return self->response;
}

const char *
steward_action_get_error (StewardAction *self)
{
  g_return_val_if_fail (STEWARD_IS_ACTION (self), NULL);

  return self->error;
}

double
steward_action_get_amount (StewardAction *self)
{
  g_return_val_if_fail (STEWARD_IS_ACTION (self), 0.0);

  return self->amount;
}

gint64
steward_action_get_created_at (StewardAction *self)
{
  g_return_val_if_fail (STEWARD_IS_ACTION (self), 0);

  return self->created_at;
}

gint64
steward_action_get_finished_at (StewardAction *self)
{
  g_return_val_if_fail (STEWARD_IS_ACTION (self), 0);

  return self->finished_at;
}

/**
 * steward_action_to_json:
 *
 * Returns: (transfer full): a JSON object with every field; the
 *   response stays a string, as it is whatever the other side sent
 */
JsonNode *
steward_action_to_json (StewardAction *self)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (STEWARD_IS_ACTION (self), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  json_builder_set_member_name (builder, "job_id");
  json_builder_add_int_value (builder, self->job_id);
  json_builder_set_member_name (builder, "decision_id");
  json_builder_add_int_value (builder, self->decision_id);
  steward_model_add_string (builder, "capability", self->capability);
  steward_model_add_string (builder, "idempotency_key", self->idempotency_key);
  steward_model_add_json_text (builder, "request", self->request_json);

  steward_model_add_string (builder, "state",
                            steward_action_state_to_string (self->state));
  json_builder_set_member_name (builder, "attempts");
  json_builder_add_int_value (builder, self->attempts);
  json_builder_set_member_name (builder, "status_code");
  json_builder_add_int_value (builder, self->status_code);
  steward_model_add_string (builder, "response", self->response);
  steward_model_add_string (builder, "error", self->error);

  json_builder_set_member_name (builder, "amount");
  json_builder_add_double_value (builder, self->amount);
  steward_model_add_time (builder, "created_at", self->created_at);
  steward_model_add_time (builder, "finished_at", self->finished_at);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
