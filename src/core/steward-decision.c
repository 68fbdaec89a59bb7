/* steward-decision.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-decision"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "steward-decision-private.h"
#include "steward-model-private.h"
#include "steward-explanation.h"

G_DEFINE_FINAL_TYPE (StewardDecision, steward_decision, G_TYPE_OBJECT)

/* Besides the properties the header promises, "job-title" is there
 * for views that list decisions of several jobs. */
enum {
  PROP_0,
  PROP_ID,
  PROP_JOB_ID,
  PROP_KIND,
  PROP_STATUS,
  PROP_SUMMARY,
  PROP_QUESTION,
  PROP_AMOUNT_LABEL,
  PROP_SITUATION_TITLE,
  PROP_JOB_TITLE,
  PROP_EXPLANATION_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a person is asked, from the one-line summary: the summary says
 * what the job would do ("Order 20 units of Chai for 517.80 EUR"), so
 * the question is that proposal. Only decisions that ask have one. */
static char *
dup_question (StewardDecision *self)
{
  g_autofree char *proposal = NULL;
  gsize len;

  if (self->kind != STEWARD_DECISION_ASK
      && self->kind != STEWARD_DECISION_ESCALATE)
    return NULL;

  if (self->summary == NULL || *self->summary == '\0')
    return NULL;

  proposal = g_strstrip (g_strdup (self->summary));
  len = strlen (proposal);
  if (len > 0 && (proposal[len - 1] == '.' || proposal[len - 1] == '?'))
    proposal[len - 1] = '\0';

  /* Translators: a question made of a proposal, such as
   * "Order 20 units of Chai for 517.80 EUR?" */
  return g_strdup_printf (_("%s?"), proposal);
}

static void
steward_decision_finalize (GObject *object)
{
  StewardDecision *self = STEWARD_DECISION (object);

  g_clear_pointer (&self->situation_title, g_free);
  g_clear_pointer (&self->job_title, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->amount_label, g_free);
  g_clear_pointer (&self->explanation_json, g_free);
  g_clear_pointer (&self->explanation_text, g_free);
  g_clear_pointer (&self->action_json, g_free);
  g_clear_pointer (&self->answered_by, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (steward_decision_parent_class)->finalize (object);
}

static void
steward_decision_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  StewardDecision *self = STEWARD_DECISION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_JOB_ID:
      g_value_set_int64 (value, self->job_id);
      break;

    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;

    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    case PROP_QUESTION:
      g_value_take_string (value, dup_question (self));
      break;

    case PROP_AMOUNT_LABEL:
      g_value_set_string (value, steward_decision_get_amount_label (self));
      break;

    case PROP_SITUATION_TITLE:
      g_value_set_string (value, self->situation_title);
      break;

    case PROP_JOB_TITLE:
      g_value_set_string (value, self->job_title);
      break;

    case PROP_EXPLANATION_TEXT:
      g_value_set_string (value, steward_decision_get_explanation_text (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define READ_ONLY (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)

static void
steward_decision_class_init (StewardDecisionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = steward_decision_finalize;
  object_class->get_property = steward_decision_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, READ_ONLY);
  properties[PROP_JOB_ID] =
    g_param_spec_int64 ("job-id", NULL, NULL, 0, G_MAXINT64, 0, READ_ONLY);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL,
                      STEWARD_DECISION_ACT, STEWARD_DECISION_OBSERVE,
                      STEWARD_DECISION_ACT, READ_ONLY);
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL,
                      STEWARD_DECISION_STATUS_PENDING, STEWARD_DECISION_STATUS_FAILED,
                      STEWARD_DECISION_STATUS_PENDING, READ_ONLY);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_QUESTION] =
    g_param_spec_string ("question", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_AMOUNT_LABEL] =
    g_param_spec_string ("amount-label", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_SITUATION_TITLE] =
    g_param_spec_string ("situation-title", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_JOB_TITLE] =
    g_param_spec_string ("job-title", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_EXPLANATION_TEXT] =
    g_param_spec_string ("explanation-text", NULL, NULL, NULL, READ_ONLY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
steward_decision_init (StewardDecision *self)
{
  self->kind = STEWARD_DECISION_OBSERVE;
  self->status = STEWARD_DECISION_STATUS_PENDING;
}

StewardDecision *
steward_decision_new_empty (void)
{
  return g_object_new (STEWARD_TYPE_DECISION, NULL);
}

gint64
steward_decision_get_id (StewardDecision *self)
{
  g_return_val_if_fail (STEWARD_IS_DECISION (self), 0);

  return self->id;
}

gint64
steward_decision_get_job_id (StewardDecision *self)
{
  g_return_val_if_fail (STEWARD_IS_DECISION (self), 0);

  return self->job_id;
}

gint64
steward_decision_get_situation_id (StewardDecision *self)
{
  g_return_val_if_fail (STEWARD_IS_DECISION (self), 0);

  return self->situation_id;
}

gint64
steward_decision_get_run_id (StewardDecision *self)
{
  g_return_val_if_fail (STEWARD_IS_DECISION (self), 0);

  return self->run_id;
}

const char *
steward_decision_get_situation_title (StewardDecision *self)
{
  g_return_val_if_fail (STEWARD_IS_DECISION (self), NULL);

  return self->situation_title;
}

const char *
steward_decision_get_job_title (StewardDecision *self)
{
  g_return_val_if_fail (STEWARD_IS_DECISION (self), NULL);

  return self->job_title;
}

StewardDecisionKind
steward_decision_get_kind (StewardDecision *self)
{
  g_return_val_if_fail (STEWARD_IS_DECISION (self), STEWARD_DECISION_OBSERVE);

  return self->kind;
}

StewardDecisionStatus
steward_decision_get_status (StewardDecision *self)
{
  g_return_val_if_fail (STEWARD_IS_DECISION (self), STEWARD_DECISION_STATUS_PENDING);

  return self->status;
}

const char *
steward_decision_get_summary (StewardDecision *self)
{
  g_return_val_if_fail (STEWARD_IS_DECISION (self), NULL);

  return self->summary;
}

double
steward_decision_get_amount (StewardDecision *self)
{
  g_return_val_if_fail (STEWARD_IS_DECISION (self), 0.0);

  return self->amount;
}

gboolean
steward_decision_has_amount (StewardDecision *self)
{
  g_return_val_if_fail (STEWARD_IS_DECISION (self), FALSE);

  return self->has_amount;
}

const char *
steward_decision_get_currency (StewardDecision *self)
{
  g_return_val_if_fail (STEWARD_IS_DECISION (self), NULL);

  return self->currency;
}

const char *
steward_decision_get_amount_label (StewardDecision *self)
{
  g_return_val_if_fail (STEWARD_IS_DECISION (self), NULL);

  if (!self->has_amount)
    return NULL;

  if (self->amount_label == NULL)
    self->amount_label = steward_format_money (self->amount, self->currency);

  return self->amount_label;
}

const char *
steward_decision_get_explanation_json (StewardDecision *self)
{
  g_return_val_if_fail (STEWARD_IS_DECISION (self), NULL);

  return self->explanation_json;
}

const char *
steward_decision_get_explanation_text (StewardDecision *self)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (STEWARD_IS_DECISION (self), NULL);

  if (self->explanation_text != NULL)
    return self->explanation_text;

  if (self->explanation_json == NULL || *self->explanation_json == '\0')
    return NULL;

  node = json_from_string (self->explanation_json, &error);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_warning ("Decision %" PRId64 " has an explanation that is "
                 "not a JSON object: %s", self->id,
                 error ? error->message : "wrong type");
      return NULL;
    }

  self->explanation_text = steward_explanation_to_text (json_node_get_object (node));

  return self->explanation_text;
}

const char *
steward_decision_get_action_json (StewardDecision *self)
{
  g_return_val_if_fail (STEWARD_IS_DECISION (self), NULL);

  return self->action_json;
}

gint64
steward_decision_get_created_at (StewardDecision *self)
{
  g_return_val_if_fail (STEWARD_IS_DECISION (self), 0);

  return self->created_at;
}

gint64
steward_decision_get_answered_at (StewardDecision *self)
{
  g_return_val_if_fail (STEWARD_IS_DECISION (self), 0);

  return self->answered_at;
}

const char *
steward_decision_get_answered_by (StewardDecision *self)
{
  g_return_val_if_fail (STEWARD_IS_DECISION (self), NULL);

  return self->answered_by;
}

const char *
steward_decision_get_note (StewardDecision *self)
{
  g_return_val_if_fail (STEWARD_IS_DECISION (self), NULL);

  return self->note;
}

const char *
steward_decision_get_error (StewardDecision *self)
{
  g_return_val_if_fail (STEWARD_IS_DECISION (self), NULL);

  return self->error;
}

gint64
steward_decision_get_notified_at (StewardDecision *self)
{
  g_return_val_if_fail (STEWARD_IS_DECISION (self), 0);

  return self->notified_at;
}

/**
 * steward_decision_to_json:
 *
 * Returns: (transfer full): a JSON object with every field; the amount
 *   is null for a decision without one
 */
JsonNode *
steward_decision_to_json (StewardDecision *self)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (STEWARD_IS_DECISION (self), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  json_builder_set_member_name (builder, "job_id");
  json_builder_add_int_value (builder, self->job_id);
  json_builder_set_member_name (builder, "situation_id");
  json_builder_add_int_value (builder, self->situation_id);
  json_builder_set_member_name (builder, "run_id");
  json_builder_add_int_value (builder, self->run_id);
  steward_model_add_string (builder, "job_title", self->job_title);
  steward_model_add_string (builder, "situation_title", self->situation_title);

  steward_model_add_string (builder, "kind",
                            steward_decision_kind_to_string (self->kind));
  steward_model_add_string (builder, "status",
                            steward_decision_status_to_string (self->status));
  steward_model_add_string (builder, "summary", self->summary);

  json_builder_set_member_name (builder, "amount");
  if (self->has_amount)
    json_builder_add_double_value (builder, self->amount);
  else
    json_builder_add_null_value (builder);
  steward_model_add_string (builder, "currency", self->currency);
  steward_model_add_string (builder, "amount_label",
                            steward_decision_get_amount_label (self));

  steward_model_add_json_text (builder, "explanation", self->explanation_json);
  steward_model_add_json_text (builder, "action", self->action_json);

  steward_model_add_time (builder, "created_at", self->created_at);
  steward_model_add_time (builder, "answered_at", self->answered_at);
  steward_model_add_string (builder, "answered_by", self->answered_by);
  steward_model_add_string (builder, "note", self->note);
  steward_model_add_string (builder, "error", self->error);
  steward_model_add_time (builder, "notified_at", self->notified_at);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
