/* steward-run.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-run"

#include "config.h"

#include "steward-run-private.h"
#include "steward-model-private.h"

G_DEFINE_FINAL_TYPE (StewardRun, steward_run, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_STATE,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
steward_run_finalize (GObject *object)
{
  StewardRun *self = STEWARD_RUN (object);

  g_clear_pointer (&self->trigger, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->steps_json, g_free);

  G_OBJECT_CLASS (steward_run_parent_class)->finalize (object);
}

static void
steward_run_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  StewardRun *self = STEWARD_RUN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define READ_ONLY (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)

static void
steward_run_class_init (StewardRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = steward_run_finalize;
  object_class->get_property = steward_run_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, READ_ONLY);
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      STEWARD_RUN_RUNNING, STEWARD_RUN_FAILED,
                      STEWARD_RUN_RUNNING, READ_ONLY);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL, READ_ONLY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
steward_run_init (StewardRun *self)
{
  self->state = STEWARD_RUN_RUNNING;
}

StewardRun *
steward_run_new_empty (void)
{
  return g_object_new (STEWARD_TYPE_RUN, NULL);
}

gint64
steward_run_get_id (StewardRun *self)
{
  g_return_val_if_fail (STEWARD_IS_RUN (self), 0);

  return self->id;
}

gint64
steward_run_get_job_id (StewardRun *self)
{
  g_return_val_if_fail (STEWARD_IS_RUN (self), 0);

  return self->job_id;
}

const char *
steward_run_get_trigger (StewardRun *self)
{
  g_return_val_if_fail (STEWARD_IS_RUN (self), NULL);

  return self->trigger;
}

StewardRunState
steward_run_get_state (StewardRun *self)
{
  g_return_val_if_fail (STEWARD_IS_RUN (self), STEWARD_RUN_RUNNING);

  return self->state;
}

gint64
steward_run_get_started_at (StewardRun *self)
{
  g_return_val_if_fail (STEWARD_IS_RUN (self), 0);

  return self->started_at;
}

gint64
steward_run_get_finished_at (StewardRun *self)
{
  g_return_val_if_fail (STEWARD_IS_RUN (self), 0);

  return self->finished_at;
}

const char *
steward_run_get_summary (StewardRun *self)
{
  g_return_val_if_fail (STEWARD_IS_RUN (self), NULL);

  return self->summary;
}

const char *
steward_run_get_error (StewardRun *self)
{
  g_return_val_if_fail (STEWARD_IS_RUN (self), NULL);

  return self->error;
}

const char *
steward_run_get_steps_json (StewardRun *self)
{
  g_return_val_if_fail (STEWARD_IS_RUN (self), NULL);

  return self->steps_json;
}

/**
 * steward_run_to_json:
 *
 * Returns: (transfer full): a JSON object with every field, the steps
 *   as an array
 */
JsonNode *
steward_run_to_json (StewardRun *self)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (STEWARD_IS_RUN (self), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  json_builder_set_member_name (builder, "job_id");
  json_builder_add_int_value (builder, self->job_id);
  steward_model_add_string (builder, "trigger", self->trigger);
  steward_model_add_string (builder, "state",
                            steward_run_state_to_string (self->state));

  steward_model_add_time (builder, "started_at", self->started_at);
  steward_model_add_time (builder, "finished_at", self->finished_at);
  steward_model_add_string (builder, "summary", self->summary);
  steward_model_add_string (builder, "error", self->error);
  steward_model_add_json_text (builder, "steps",
                               self->steps_json ? self->steps_json : "[]");

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
