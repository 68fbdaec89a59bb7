/* steward-job.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-job"

#include "config.h"

#include "steward-job-private.h"
#include "steward-model-private.h"

G_DEFINE_FINAL_TYPE (StewardJob, steward_job, G_TYPE_OBJECT)

/* Besides the properties the header promises, "goal", "situation-count"
 * and "last-run-at" are there for views that bind to them. */
enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_GOAL,
  PROP_OWNER,
  PROP_STATE,
  PROP_STATE_LABEL,
  PROP_AUTONOMY,
  PROP_INSIGHT,
  PROP_NEXT_STEP,
  PROP_ERROR,
  PROP_SIGNAL_COUNT,
  PROP_SITUATION_COUNT,
  PROP_OPEN_SITUATION_COUNT,
  PROP_PENDING_COUNT,
  PROP_LAST_RUN_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
steward_job_finalize (GObject *object)
{
  StewardJob *self = STEWARD_JOB (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->goal, g_free);
  g_clear_pointer (&self->owner, g_free);
  g_clear_pointer (&self->contract_json, g_free);
  g_clear_pointer (&self->params_json, g_free);
  g_clear_pointer (&self->insight, g_free);
  g_clear_pointer (&self->next_step, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (steward_job_parent_class)->finalize (object);
}

static void
steward_job_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  StewardJob *self = STEWARD_JOB (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_GOAL:
      g_value_set_string (value, self->goal);
      break;

    case PROP_OWNER:
      g_value_set_string (value, self->owner);
      break;

    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    case PROP_STATE_LABEL:
      g_value_set_string (value, steward_job_get_state_label (self));
      break;

    case PROP_AUTONOMY:
      g_value_set_int (value, self->autonomy);
      break;

    case PROP_INSIGHT:
      g_value_set_string (value, self->insight);
      break;

    case PROP_NEXT_STEP:
      g_value_set_string (value, self->next_step);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    case PROP_SIGNAL_COUNT:
      g_value_set_int64 (value, self->signal_count);
      break;

    case PROP_SITUATION_COUNT:
      g_value_set_int64 (value, self->situation_count);
      break;

    case PROP_OPEN_SITUATION_COUNT:
      g_value_set_int64 (value, self->open_situation_count);
      break;

    case PROP_PENDING_COUNT:
      g_value_set_int64 (value, self->pending_count);
      break;

    case PROP_LAST_RUN_AT:
      g_value_set_int64 (value, self->last_run_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define READ_ONLY (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)

static void
steward_job_class_init (StewardJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = steward_job_finalize;
  object_class->get_property = steward_job_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, READ_ONLY);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_GOAL] =
    g_param_spec_string ("goal", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_OWNER] =
    g_param_spec_string ("owner", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      STEWARD_JOB_STATE_PROPOSED, STEWARD_JOB_STATE_CLOSED,
                      STEWARD_JOB_STATE_PROPOSED, READ_ONLY);
  properties[PROP_STATE_LABEL] =
    g_param_spec_string ("state-label", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_AUTONOMY] =
    g_param_spec_int ("autonomy", NULL, NULL,
                      STEWARD_AUTONOMY_OBSERVE, STEWARD_AUTONOMY_AUTONOMOUS,
                      STEWARD_AUTONOMY_OBSERVE, READ_ONLY);
  properties[PROP_INSIGHT] =
    g_param_spec_string ("insight", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_NEXT_STEP] =
    g_param_spec_string ("next-step", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_SIGNAL_COUNT] =
    g_param_spec_int64 ("signal-count", NULL, NULL, 0, G_MAXINT64, 0, READ_ONLY);
  properties[PROP_SITUATION_COUNT] =
    g_param_spec_int64 ("situation-count", NULL, NULL, 0, G_MAXINT64, 0, READ_ONLY);
  properties[PROP_OPEN_SITUATION_COUNT] =
    g_param_spec_int64 ("open-situation-count", NULL, NULL, 0, G_MAXINT64, 0, READ_ONLY);
  properties[PROP_PENDING_COUNT] =
    g_param_spec_int64 ("pending-count", NULL, NULL, 0, G_MAXINT64, 0, READ_ONLY);
  properties[PROP_LAST_RUN_AT] =
    g_param_spec_int64 ("last-run-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, READ_ONLY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
steward_job_init (StewardJob *self)
{
  self->state = STEWARD_JOB_STATE_PROPOSED;
  self->autonomy = STEWARD_AUTONOMY_OBSERVE;
  self->contract_version = 1;
}

StewardJob *
steward_job_new_empty (void)
{
  return g_object_new (STEWARD_TYPE_JOB, NULL);
}

gint64
steward_job_get_id (StewardJob *self)
{
  g_return_val_if_fail (STEWARD_IS_JOB (self), 0);

  return self->id;
}

const char *
steward_job_get_title (StewardJob *self)
{
  g_return_val_if_fail (STEWARD_IS_JOB (self), NULL);

  return self->title;
}

const char *
steward_job_get_goal (StewardJob *self)
{
  g_return_val_if_fail (STEWARD_IS_JOB (self), NULL);

  return self->goal;
}

const char *
steward_job_get_owner (StewardJob *self)
{
  g_return_val_if_fail (STEWARD_IS_JOB (self), NULL);

  return self->owner;
}

StewardJobState
steward_job_get_state (StewardJob *self)
{
  g_return_val_if_fail (STEWARD_IS_JOB (self), STEWARD_JOB_STATE_PROPOSED);

  return self->state;
}

const char *
steward_job_get_state_label (StewardJob *self)
{
  g_return_val_if_fail (STEWARD_IS_JOB (self), NULL);

  return steward_job_state_get_label (self->state);
}

StewardAutonomy
steward_job_get_autonomy (StewardJob *self)
{
  g_return_val_if_fail (STEWARD_IS_JOB (self), STEWARD_AUTONOMY_OBSERVE);

  return self->autonomy;
}

const char *
steward_job_get_contract_json (StewardJob *self)
{
  g_return_val_if_fail (STEWARD_IS_JOB (self), NULL);

  return self->contract_json;
}

const char *
steward_job_get_params_json (StewardJob *self)
{
  g_return_val_if_fail (STEWARD_IS_JOB (self), NULL);

  return self->params_json;
}

int
steward_job_get_contract_version (StewardJob *self)
{
  g_return_val_if_fail (STEWARD_IS_JOB (self), 0);

  return self->contract_version;
}

const char *
steward_job_get_insight (StewardJob *self)
{
  g_return_val_if_fail (STEWARD_IS_JOB (self), NULL);

  return self->insight;
}

const char *
steward_job_get_next_step (StewardJob *self)
{
  g_return_val_if_fail (STEWARD_IS_JOB (self), NULL);

  return self->next_step;
}

const char *
steward_job_get_error (StewardJob *self)
{
  g_return_val_if_fail (STEWARD_IS_JOB (self), NULL);

  return self->error;
}

gint64
steward_job_get_signal_count (StewardJob *self)
{
  g_return_val_if_fail (STEWARD_IS_JOB (self), 0);

  return self->signal_count;
}

gint64
steward_job_get_situation_count (StewardJob *self)
{
  g_return_val_if_fail (STEWARD_IS_JOB (self), 0);

  return self->situation_count;
}

gint64
steward_job_get_open_situation_count (StewardJob *self)
{
  g_return_val_if_fail (STEWARD_IS_JOB (self), 0);

  return self->open_situation_count;
}

gint64
steward_job_get_pending_count (StewardJob *self)
{
  g_return_val_if_fail (STEWARD_IS_JOB (self), 0);

  return self->pending_count;
}

gint64
steward_job_get_created_at (StewardJob *self)
{
  g_return_val_if_fail (STEWARD_IS_JOB (self), 0);

  return self->created_at;
}

gint64
steward_job_get_last_run_at (StewardJob *self)
{
  g_return_val_if_fail (STEWARD_IS_JOB (self), 0);

  return self->last_run_at;
}

#define UPDATE_NUMBER(field, prop)                                     \
  G_STMT_START {                                                       \
    if (self->field != other->field)                                   \
      {                                                                \
        self->field = other->field;                                    \
        g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);  \
      }                                                                \
  } G_STMT_END

#define UPDATE_STRING(field, prop)                                     \
  G_STMT_START {                                                       \
    if (steward_model_set_string (&self->field, other->field))        \
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);    \
  } G_STMT_END

/* Views keep one StewardJob per job and refresh it from a fresh read;
 * notifying only what changed keeps their bindings from redrawing
 * every card on every refresh. */
void
steward_job_update (StewardJob *self,
                    StewardJob *other)
{
  g_return_if_fail (STEWARD_IS_JOB (self));
  g_return_if_fail (STEWARD_IS_JOB (other));

  if (self == other)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  UPDATE_NUMBER (id, PROP_ID);
  UPDATE_STRING (title, PROP_TITLE);
  UPDATE_STRING (goal, PROP_GOAL);
  UPDATE_STRING (owner, PROP_OWNER);

  if (self->state != other->state)
    {
      self->state = other->state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_LABEL]);
    }

  UPDATE_NUMBER (autonomy, PROP_AUTONOMY);
  UPDATE_STRING (insight, PROP_INSIGHT);
  UPDATE_STRING (next_step, PROP_NEXT_STEP);
  UPDATE_STRING (error, PROP_ERROR);
  UPDATE_NUMBER (signal_count, PROP_SIGNAL_COUNT);
  UPDATE_NUMBER (situation_count, PROP_SITUATION_COUNT);
  UPDATE_NUMBER (open_situation_count, PROP_OPEN_SITUATION_COUNT);
  UPDATE_NUMBER (pending_count, PROP_PENDING_COUNT);
  UPDATE_NUMBER (last_run_at, PROP_LAST_RUN_AT);

  /* No property shows these: copied without a notification. */
  steward_model_set_string (&self->contract_json, other->contract_json);
  steward_model_set_string (&self->params_json, other->params_json);
  self->contract_version = other->contract_version;
  self->created_at = other->created_at;

  g_object_thaw_notify (G_OBJECT (self));
}

#undef UPDATE_NUMBER
#undef UPDATE_STRING

/**
 * steward_job_to_json:
 *
 * Returns: (transfer full): a JSON object with every field of the job
 */
JsonNode *
steward_job_to_json (StewardJob *self)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (STEWARD_IS_JOB (self), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  steward_model_add_string (builder, "title", self->title);
  steward_model_add_string (builder, "goal", self->goal);
  steward_model_add_string (builder, "owner", self->owner);
  steward_model_add_string (builder, "state",
                            steward_job_state_to_string (self->state));
  steward_model_add_string (builder, "autonomy",
                            steward_autonomy_to_string (self->autonomy));

  steward_model_add_json_text (builder, "contract", self->contract_json);
  steward_model_add_json_text (builder, "params", self->params_json);
  json_builder_set_member_name (builder, "contract_version");
  json_builder_add_int_value (builder, self->contract_version);

  steward_model_add_string (builder, "insight", self->insight);
  steward_model_add_string (builder, "next_step", self->next_step);
  steward_model_add_string (builder, "error", self->error);

  json_builder_set_member_name (builder, "signal_count");
  json_builder_add_int_value (builder, self->signal_count);
  json_builder_set_member_name (builder, "situation_count");
  json_builder_add_int_value (builder, self->situation_count);
  json_builder_set_member_name (builder, "open_situation_count");
  json_builder_add_int_value (builder, self->open_situation_count);
  json_builder_set_member_name (builder, "pending_count");
  json_builder_add_int_value (builder, self->pending_count);

  steward_model_add_time (builder, "created_at", self->created_at);
  steward_model_add_time (builder, "last_run_at", self->last_run_at);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
