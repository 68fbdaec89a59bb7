/* steward-engine-work.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-engine"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "steward-action-private.h"
#include "steward-decision-private.h"
#include "steward-engine-private.h"
#include "steward-expr.h"
#include "steward-http-capability.h"
#include "steward-http-poll-source.h"
#include "steward-job-private.h"
#include "steward-policy.h"
#include "steward-situation-private.h"

/* How many situation titles the job's insight names before "and N more". */
#define INSIGHT_TITLES 2

/* The work of one inbox entry: a run, or the answer to a decision. */
typedef struct
{
  StewardEngine     *self;
  StewardInboxEntry *entry;       /* borrowed: owned by the caller */
  StewardJob        *job;
  StewardContract   *contract;
  JsonObject        *params;
  gint64             run_id;
  GPtrArray         *actions;     /* StewardAction to send, in order */
  guint              next_action;
  GPtrArray         *asked;       /* StewardDecision waiting for a person */
  guint              n_signals;
  guint              n_opened;
  guint              n_updated;
  guint              n_resolved;
  guint              n_sent;
  guint              n_failed;
  char              *action_error;
} Work;

static void
work_free (Work *work)
{
  g_clear_object (&work->job);
  g_clear_object (&work->contract);
  g_clear_pointer (&work->params, json_object_unref);
  g_clear_pointer (&work->actions, g_ptr_array_unref);
  g_clear_pointer (&work->asked, g_ptr_array_unref);
  g_free (work->action_error);
  g_free (work);
}

static gint64
now_us (StewardEngine *self)
{
  return steward_clock_get_now_us (self->clock);
}

static char *
object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);

  return json_to_string (node, FALSE);
}

static JsonObject *
object_from_string (const char  *text,
                    GError     **error)
{
  g_autoptr(JsonNode) node = json_from_string (text ? text : "{}", error);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, STEWARD_ENGINE_ERROR,
                           STEWARD_ENGINE_ERROR_FAILED,
                           _("A stored record is not a JSON object"));
      return NULL;
    }

  return json_object_ref (json_node_get_object (node));
}

static void
return_outcome (GTask      *task,
                JsonObject *outcome)
{
  g_task_return_pointer (task, outcome, (GDestroyNotify) json_object_unref);
}

static void
return_failure (GTask      *task,
                int         code,
                const char *message,
                const char *id_name,
                gint64      id)
{
  JsonObject *outcome = json_object_new ();

  json_object_set_boolean_member (outcome, "ok", FALSE);
  json_object_set_int_member (outcome, "code", code);
  json_object_set_string_member (outcome, "error", message);
  if (id_name != NULL && id > 0)
    json_object_set_int_member (outcome, id_name, id);

  return_outcome (task, outcome);
}

static void
return_success (GTask      *task,
                const char *id_name,
                gint64      id)
{
  JsonObject *outcome = json_object_new ();

  json_object_set_boolean_member (outcome, "ok", TRUE);
  json_object_set_int_member (outcome, id_name, id);

  return_outcome (task, outcome);
}

static void
step (Work       *work,
      const char *text,
      JsonObject *detail)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *detail_json = NULL;

  if (work->run_id <= 0)
    return;

  if (detail != NULL)
    detail_json = object_to_string (detail);

  if (!steward_store_append_run_step (work->self->store, work->run_id,
                                      now_us (work->self), text,
                                      detail_json, &error))
    g_warning ("Cannot record a run step: %s", error->message);
}

/* Loads the job, its contract and its bound parameters. */
static gboolean
load_job (Work    *work,
          gint64   job_id,
          GError **error)
{
  work->job = steward_store_dup_job (work->self->store, job_id, error);
  if (work->job == NULL)
    return FALSE;

  work->contract = steward_contract_new_from_data (work->job->contract_json,
                                                   -1, NULL, error);
  if (work->contract == NULL)
    return FALSE;

  work->params = object_from_string (work->job->params_json, error);

  return work->params != NULL;
}

/* Actions */

static char *
idempotency_key_for (gint64 job_id,
                     gint64 decision_id)
{
  g_autofree char *seed = NULL;
  g_autofree char *digest = NULL;

  seed = g_strdup_printf ("steward/job/%" PRId64
                          "/decision/%" PRId64, job_id, decision_id);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);

  return g_strdup_printf ("steward-%.32s", digest);
}

/* Records the action, with its idempotency key, before any call. */
static StewardAction *
record_action (StewardEngine    *self,
               StewardDecision  *decision,
               GError          **error)
{
  g_autoptr(StewardAction) action = steward_action_new_empty ();
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(JsonObject) detail = json_object_new ();
  g_autofree char *summary = NULL;

  request = object_from_string (decision->action_json, error);
  if (request == NULL)
    return NULL;

  action->job_id = decision->job_id;
  action->decision_id = decision->id;
  action->capability = g_strdup (json_object_get_string_member_with_default (request,
                                                                             "capability",
                                                                             "http"));
  action->idempotency_key = idempotency_key_for (decision->job_id,
                                                 decision->id);
  action->request_json = g_strdup (decision->action_json);
  action->state = STEWARD_ACTION_PENDING;
  action->amount = decision->has_amount ? decision->amount : 0;
  action->created_at = now_us (self);

  action->id = steward_store_insert_action (self->store, action, error);
  if (action->id <= 0)
    return NULL;

  json_object_set_int_member (detail, "action_id", action->id);
  json_object_set_int_member (detail, "decision_id", decision->id);
  json_object_set_string_member (detail, "idempotency_key",
                                 action->idempotency_key);
  json_object_set_object_member (detail, "request",
                                 json_object_ref (request));
  summary = g_strdup_printf (_("Prepared: %s"), decision->summary);
  if (!steward_engine_audit (self, "engine", "action.recorded",
                             decision->job_id, summary, detail, error))
    return NULL;

  return g_steal_pointer (&action);
}

static StewardCapability *
capability_for (StewardEngine    *self,
                StewardContract  *contract,
                JsonObject       *params,
                const char       *name,
                GError          **error)
{
  g_auto(GStrv) hosts = NULL;

  if (!steward_contract_allows_capability (contract, name))
    {
      g_set_error (error, STEWARD_CAPABILITY_ERROR,
                   STEWARD_CAPABILITY_ERROR_NOT_ALLOWED,
                   _("The contract does not allow the capability “%s”"),
                   name);
      return NULL;
    }

  if (g_strcmp0 (name, "http") != 0)
    {
      g_set_error (error, STEWARD_CAPABILITY_ERROR,
                   STEWARD_CAPABILITY_ERROR_NOT_ALLOWED,
                   _("Unknown capability “%s”"), name);
      return NULL;
    }

  hosts = steward_policy_allowed_hosts (contract, params);

  return steward_http_capability_new (steward_engine_get_session (self),
                                      (const char * const *) hosts);
}

typedef struct
{
  StewardAction   *action;
  StewardContract *contract;
  JsonObject      *params;
} SendData;

static void
send_data_free (SendData *data)
{
  g_clear_object (&data->action);
  g_clear_object (&data->contract);
  g_clear_pointer (&data->params, json_object_unref);
  g_free (data);
}

/* Writes what became of an action: the action, its decision and the
 * audit entry commit together. */
static void
record_outcome (StewardEngine *self,
                StewardAction *action,
                int            status_code,
                const char    *response,
                const GError  *failure)
{
  g_autoptr(StewardDecision) decision = NULL;
  g_autoptr(JsonObject) detail = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  gint64 now = now_us (self);

  decision = steward_store_dup_decision (self->store, action->decision_id,
                                         &error);
  if (decision == NULL)
    {
      g_warning ("Action %" PRId64 " lost its decision: %s",
                 action->id, error->message);
      return;
    }

  json_object_set_int_member (detail, "action_id", action->id);
  json_object_set_int_member (detail, "decision_id", decision->id);
  json_object_set_string_member (detail, "idempotency_key",
                                 action->idempotency_key);
  json_object_set_int_member (detail, "status", status_code);
  if (response != NULL)
    json_object_set_string_member (detail, "response", response);
  if (failure != NULL)
    json_object_set_string_member (detail, "error", failure->message);

  if (failure == NULL)
    summary = g_strdup_printf (_("Sent: %s"), decision->summary);
  else
    summary = g_strdup_printf (_("Failed: %s: %s; it waits for a person "
                                 "again"),
                               decision->summary, failure->message);

  if (!steward_store_begin (self->store, &error) ||
      !steward_store_update_action (self->store, action->id,
                                    failure ? STEWARD_ACTION_FAILED
                                            : STEWARD_ACTION_SENT,
                                    status_code, response,
                                    failure ? failure->message : NULL,
                                    now, &error) ||
      /* A failed action is not lost: its decision waits for a person
       * again, who may retry it (the same action, with the same key) or
       * reject it. */
      !steward_store_set_decision_status (self->store, decision->id,
                                          failure ? STEWARD_DECISION_STATUS_PENDING
                                                  : STEWARD_DECISION_STATUS_DONE,
                                          decision->answered_by,
                                          decision->note,
                                          failure ? failure->message : NULL,
                                          now, &error) ||
      !steward_engine_audit (self, "engine",
                             failure ? "action.failed" : "action.sent",
                             action->job_id, summary, detail, &error) ||
      !steward_store_commit (self->store, &error))
    {
      steward_store_rollback (self->store);
      g_warning ("Cannot record the outcome of action %" PRId64
                 ": %s", action->id, error->message);
    }
}

static void
invoke_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  StewardCapability *capability = STEWARD_CAPABILITY (object);
  g_autoptr(GTask) task = user_data;
  StewardEngine *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *response = NULL;
  int status_code = 0;

  if (!steward_capability_invoke_finish (capability, result, &status_code,
                                         &response, &error))
    {
      record_outcome (self, data->action, status_code, response, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  record_outcome (self, data->action, status_code, response, NULL);
  g_task_return_boolean (task, TRUE);
}

/* Sends a recorded action. The guardrails are checked again here, where
 * it is sent, whatever was planned. */
static void
send_action_async (StewardEngine       *self,
                   StewardAction       *action,
                   StewardContract     *contract,
                   JsonObject          *params,
                   gboolean             alone,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(StewardCapability) capability = NULL;
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *broken = NULL;
  StewardUsage usage = { 0 };
  double day_amount = 0;
  gint64 hour_count = 0;
  gint64 day_count = 0;
  gint64 now = now_us (self);
  SendData *data;

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, send_action_async);

  data = g_new0 (SendData, 1);
  data->action = g_object_ref (action);
  data->contract = g_object_ref (contract);
  data->params = json_object_ref (params);
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  request = object_from_string (action->request_json, &error);
  if (request != NULL)
    capability = capability_for (self, contract, params, action->capability,
                                 &error);

  /* Rate and budget limits bound what the job does on its own; a
   * person's approval is the answer to exceeding them. The usage counts
   * this action already unless an earlier attempt failed. */
  if (capability != NULL && alone &&
      steward_store_sum_actions_since (self->store, action->job_id,
                                       now - G_TIME_SPAN_HOUR, &hour_count,
                                       NULL, &error) &&
      steward_store_sum_actions_since (self->store, action->job_id,
                                       now - G_TIME_SPAN_DAY, &day_count,
                                       &day_amount, &error))
    {
      gboolean counted = action->state != STEWARD_ACTION_FAILED;

      usage.actions_last_hour = MAX (0, hour_count - (counted ? 1 : 0));
      usage.amount_last_day = MAX (0, day_amount -
                                      (counted ? action->amount : 0));
      broken = steward_policy_check_limits (contract, &usage,
                                            action->amount != 0,
                                            action->amount);
      if (broken != NULL)
        g_set_error (&error, STEWARD_CAPABILITY_ERROR,
                     STEWARD_CAPABILITY_ERROR_NOT_ALLOWED,
                     _("Refused by the job’s limits: %s"), broken);
    }

  if (error != NULL)
    {
      record_outcome (self, action, 0, NULL, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  steward_capability_invoke_async (capability, request,
                                   action->idempotency_key,
                                   self->cancellable, invoke_cb,
                                   g_steal_pointer (&task));
}

static gboolean
send_action_finish (StewardEngine  *self,
                    GAsyncResult   *result,
                    GError        **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Runs */

static char *
make_insight (StewardEngine *self,
              gint64         job_id)
{
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GString) text = NULL;
  guint shown;

  open = steward_store_list_situations (self->store, job_id, TRUE, NULL);
  if (open == NULL || open->len == 0)
    return g_strdup (_("Nothing needs attention: no open situation"));

  text = g_string_new (NULL);
  shown = MIN (open->len, INSIGHT_TITLES);
  for (guint i = 0; i < shown; i++)
    {
      StewardSituation *situation = g_ptr_array_index (open, i);
      g_autoptr(StewardDecision) decision = NULL;

      if (i > 0)
        g_string_append (text, "; ");
      g_string_append (text, situation->title);

      /* What became of it, so that a handled situation does not read as
       * forgotten while the system it watches catches up. */
      decision = steward_store_find_decision_for_situation (self->store,
                                                            situation->id,
                                                            NULL);
      if (decision == NULL)
        continue;

      switch (decision->status)
        {
        case STEWARD_DECISION_STATUS_PENDING:
          g_string_append (text, _(" (waiting for you)"));
          break;

        case STEWARD_DECISION_STATUS_DONE:
          if (decision->kind != STEWARD_DECISION_OBSERVE)
            g_string_append (text, _(" (action sent)"));
          break;

        case STEWARD_DECISION_STATUS_REJECTED:
          g_string_append (text, _(" (rejected)"));
          break;

        case STEWARD_DECISION_STATUS_APPROVED:
        case STEWARD_DECISION_STATUS_FAILED:
        default:
          break;
        }
    }

  if (open->len > shown)
    g_string_append_printf (text,
                            g_dngettext (GETTEXT_PACKAGE,
                                         " and %u more", " and %u more",
                                         open->len - shown),
                            open->len - shown);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fail_run (GTask      *task,
          Work       *work,
          const char *message)
{
  StewardEngine *self = work->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) detail = json_object_new ();

  g_debug ("Run %" PRId64 " failed: %s", work->run_id, message);

  if (work->run_id > 0)
    {
      step (work, message, NULL);
      if (!steward_store_finish_run (self->store, work->run_id,
                                     STEWARD_RUN_FAILED, message, message,
                                     now_us (self), &error))
        g_warning ("Cannot record the run's failure: %s", error->message);

      json_object_set_int_member (detail, "run_id", work->run_id);
      json_object_set_string_member (detail, "error", message);
      steward_engine_audit (self, "engine", "run.failed",
                            work->job->id, message, detail, NULL);
      steward_engine_refresh_job (self, work->job->id, NULL, message, TRUE);
    }

  return_failure (task, STEWARD_ENGINE_ERROR_FAILED, message,
                  "run_id", work->run_id);
}

static void
finish_run (GTask *task,
            Work  *work)
{
  StewardEngine *self = work->self;
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autoptr(JsonObject) detail = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *insight = NULL;
  StewardRunState state;

  g_string_append_printf (summary,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u signal", "%u signals",
                                       work->n_signals),
                          work->n_signals);
  g_string_append_printf (summary,
                          g_dngettext (GETTEXT_PACKAGE,
                                       " → %u situation opened",
                                       " → %u situations opened",
                                       work->n_opened),
                          work->n_opened);
  g_string_append_printf (summary, _(", %u still open, %u resolved"),
                          work->n_updated, work->n_resolved);
  g_string_append_printf (summary,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "; %u action sent", "; %u actions sent",
                                       work->n_sent),
                          work->n_sent);
  if (work->n_failed > 0)
    g_string_append_printf (summary, _(", %u failed"), work->n_failed);
  g_string_append_printf (summary,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "; %u new decision waits for a person",
                                       "; %u new decisions wait for a person",
                                       work->asked->len),
                          work->asked->len);

  state = work->asked->len > 0 ? STEWARD_RUN_WAITING : STEWARD_RUN_SUCCEEDED;
  if (work->n_failed > 0)
    state = STEWARD_RUN_FAILED;

  step (work, summary->str, NULL);
  if (!steward_store_finish_run (self->store, work->run_id, state,
                                 summary->str, work->action_error,
                                 now_us (self), &error))
    g_warning ("Cannot finish run %" PRId64 ": %s",
               work->run_id, error->message);

  json_object_set_int_member (detail, "run_id", work->run_id);
  json_object_set_int_member (detail, "signals", work->n_signals);
  json_object_set_int_member (detail, "opened", work->n_opened);
  json_object_set_int_member (detail, "resolved", work->n_resolved);
  json_object_set_int_member (detail, "sent", work->n_sent);
  json_object_set_int_member (detail, "asked", work->asked->len);
  steward_engine_audit (self, "engine", "run.finished", work->job->id,
                        summary->str, detail, NULL);

  insight = make_insight (self, work->job->id);
  steward_engine_refresh_job (self, work->job->id, insight,
                              work->action_error, TRUE);

  for (guint i = 0; i < work->asked->len; i++)
    steward_engine_emit_asked (self, g_ptr_array_index (work->asked, i));

  return_success (task, "run_id", work->run_id);
}

static void send_next_action (GTask *task);

static void
run_action_sent_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Work *work = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (send_action_finish (STEWARD_ENGINE (object), result, &error))
    {
      work->n_sent++;
    }
  else
    {
      StewardAction *action = g_ptr_array_index (work->actions,
                                                 work->next_action - 1);
      StewardDecision *decision;

      work->n_failed++;
      if (work->action_error == NULL)
        work->action_error = g_strdup (error->message);

      decision = steward_store_dup_decision (work->self->store,
                                             action->decision_id, NULL);
      if (decision != NULL)
        g_ptr_array_add (work->asked, decision);
    }

  send_next_action (g_steal_pointer (&task));
}

static void
send_next_action (GTask *task)
{
  Work *work = g_task_get_task_data (task);
  StewardAction *action;

  if (work->next_action >= work->actions->len)
    {
      finish_run (task, work);
      g_object_unref (task);
      return;
    }

  action = g_ptr_array_index (work->actions, work->next_action++);
  step (work, _("Sending an action"), NULL);
  send_action_async (work->self, action, work->contract, work->params,
                     TRUE, run_action_sent_cb, task);
}

/* Plans and records a decision for an open situation that has none. */
static gboolean
decide (Work              *work,
        StewardSituation  *situation,
        JsonObject        *item,
        GError           **error)
{
  StewardEngine *self = work->self;
  g_autoptr(StewardPlan) plan = NULL;
  g_autoptr(StewardDecision) decision = steward_decision_new_empty ();
  g_autoptr(JsonObject) detail = json_object_new ();
  g_autofree char *summary = NULL;
  StewardUsage usage = { 0 };
  gint64 now = now_us (self);
  const char *kind;

  if (!steward_store_sum_actions_since (self->store, work->job->id,
                                        now - G_TIME_SPAN_HOUR,
                                        &usage.actions_last_hour, NULL,
                                        error) ||
      !steward_store_sum_actions_since (self->store, work->job->id,
                                        now - G_TIME_SPAN_DAY, NULL,
                                        &usage.amount_last_day, error))
    return FALSE;

  plan = steward_policy_plan (work->contract, work->params, item,
                              situation->key, situation->title, &usage,
                              error);
  if (plan == NULL)
    return FALSE;

  decision->job_id = work->job->id;
  decision->situation_id = situation->id;
  decision->run_id = work->run_id;
  decision->kind = plan->kind;
  decision->summary = g_strdup (plan->summary);
  decision->has_amount = plan->has_amount;
  decision->amount = plan->amount;
  decision->currency = g_strdup (plan->currency);
  decision->explanation_json = object_to_string (plan->explanation);
  decision->action_json = plan->action ? object_to_string (plan->action)
                                       : NULL;
  decision->created_at = now;

  switch (plan->kind)
    {
    case STEWARD_DECISION_ASK:
    case STEWARD_DECISION_ESCALATE:
      decision->status = STEWARD_DECISION_STATUS_PENDING;
      kind = "decision.asked";
      break;

    case STEWARD_DECISION_ACT:
      decision->status = STEWARD_DECISION_STATUS_APPROVED;
      decision->answered_by = g_strdup ("policy");
      decision->answered_at = now;
      kind = "decision.acted";
      break;

    case STEWARD_DECISION_OBSERVE:
    default:
      decision->status = STEWARD_DECISION_STATUS_DONE;
      kind = "decision.observed";
      break;
    }

  decision->id = steward_store_insert_decision (self->store, decision, error);
  if (decision->id <= 0)
    return FALSE;

  json_object_set_int_member (detail, "decision_id", decision->id);
  json_object_set_int_member (detail, "situation_id", situation->id);
  json_object_set_int_member (detail, "run_id", work->run_id);
  json_object_set_object_member (detail, "explanation",
                                 json_object_ref (plan->explanation));
  if (plan->has_amount)
    {
      g_autofree char *amount = steward_format_money (plan->amount,
                                                      plan->currency);

      summary = g_strdup_printf ("%s (%s): %s", plan->summary, amount,
                                 steward_decision_kind_to_string (plan->kind));
    }
  else
    {
      summary = g_strdup_printf ("%s: %s", plan->summary,
                                 steward_decision_kind_to_string (plan->kind));
    }

  if (!steward_engine_audit (self, "engine", kind, work->job->id, summary,
                             detail, error))
    return FALSE;

  if (plan->kind == STEWARD_DECISION_ACT)
    {
      StewardAction *action = record_action (self, decision, error);

      if (action == NULL)
        return FALSE;
      g_ptr_array_add (work->actions, action);
    }
  else if (decision->status == STEWARD_DECISION_STATUS_PENDING)
    {
      g_ptr_array_add (work->asked, g_object_ref (decision));
    }

  return TRUE;
}

static int
compare_situation_ids (gconstpointer a,
                       gconstpointer b)
{
  StewardSituation *first = *(StewardSituation **) a;
  StewardSituation *second = *(StewardSituation **) b;

  return (first->id > second->id) - (first->id < second->id);
}

/* Turns the signals into situations and decisions; all of it commits
 * together or not at all. */
static gboolean
evaluate (Work       *work,
          GPtrArray  *signals,
          GError    **error)
{
  StewardEngine *self = work->self;
  g_autoptr(GHashTable) items = NULL;
  g_autoptr(GPtrArray) open = NULL;
  gint64 now = now_us (self);

  items = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < signals->len; i++)
    {
      StewardSignal *signal = g_ptr_array_index (signals, i);
      JsonObject *item = json_node_get_object (signal->item);
      g_autoptr(StewardSituation) situation = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *item_json = NULL;
      gboolean matches = FALSE;

      g_hash_table_insert (items, signal->key, item);

      if (!steward_policy_matches (work->contract, work->params, item, NULL,
                                   &matches, &local_error))
        {
          g_set_error (error, STEWARD_ENGINE_ERROR,
                       STEWARD_ENGINE_ERROR_FAILED,
                       _("Item %s: %s"), signal->key, local_error->message);
          return FALSE;
        }

      situation = steward_store_find_open_situation (self->store,
                                                     work->job->id,
                                                     signal->key, error);
      if (situation == NULL && error != NULL && *error != NULL)
        return FALSE;

      item_json = json_to_string (signal->item, FALSE);

      if (matches)
        {
          g_autofree char *title = NULL;

          title = steward_policy_situation_title (work->contract,
                                                  work->params, item,
                                                  &local_error);
          if (title == NULL)
            {
              g_set_error (error, STEWARD_ENGINE_ERROR,
                           STEWARD_ENGINE_ERROR_FAILED,
                           _("Item %s: situation.title: %s"),
                           signal->key, local_error->message);
              return FALSE;
            }

          if (situation == NULL)
            {
              g_autoptr(JsonObject) detail = json_object_new ();
              const char *severity;
              gint64 id;

              severity = steward_contract_get_situation_severity (work->contract);
              id = steward_store_open_situation (self->store, work->job->id,
                                                 signal->key, title, severity,
                                                 item_json, now, error);
              if (id <= 0)
                return FALSE;

              json_object_set_int_member (detail, "situation_id", id);
              json_object_set_string_member (detail, "key", signal->key);
              json_object_set_member (detail, "item",
                                      json_node_copy (signal->item));
              if (!steward_engine_audit (self, "engine", "situation.opened",
                                         work->job->id, title, detail, error))
                return FALSE;

              work->n_opened++;
            }
          else
            {
              if (!steward_store_touch_situation (self->store, situation->id,
                                                  title, item_json, now,
                                                  error))
                return FALSE;

              work->n_updated++;
            }
        }
      else if (situation != NULL)
        {
          g_autoptr(JsonObject) detail = json_object_new ();
          g_autofree char *summary = NULL;

          if (!steward_store_resolve_situation (self->store, situation->id,
                                                now, error))
            return FALSE;

          json_object_set_int_member (detail, "situation_id", situation->id);
          json_object_set_string_member (detail, "key", signal->key);
          summary = g_strdup_printf (_("Resolved: %s"), situation->title);
          if (!steward_engine_audit (self, "engine", "situation.resolved",
                                     work->job->id, summary, detail, error))
            return FALSE;

          work->n_resolved++;
        }
    }

  /* Each open situation gets one decision; a second run with nothing
   * changed asks nothing again. */
  open = steward_store_list_situations (self->store, work->job->id, TRUE,
                                        error);
  if (open == NULL)
    return FALSE;

  /* Decided in the order the situations opened, which is the order of
   * the source's items: decision numbers then read like the data. */
  g_ptr_array_sort (open, compare_situation_ids);

  for (guint i = 0; i < open->len; i++)
    {
      StewardSituation *situation = g_ptr_array_index (open, i);
      g_autoptr(StewardDecision) previous = NULL;
      g_autoptr(JsonObject) stored_item = NULL;
      g_autoptr(GError) local_error = NULL;
      JsonObject *item;

      previous = steward_store_find_decision_for_situation (self->store,
                                                            situation->id,
                                                            error);
      if (previous != NULL)
        continue;
      if (error != NULL && *error != NULL)
        return FALSE;

      item = g_hash_table_lookup (items, situation->key);
      if (item == NULL)
        {
          /* Not in this batch: decide on what was last seen of it. */
          stored_item = object_from_string (situation->item_json, error);
          if (stored_item == NULL)
            return FALSE;
          item = stored_item;
        }

      if (!decide (work, situation, item, &local_error))
        {
          g_set_error (error, STEWARD_ENGINE_ERROR,
                       STEWARD_ENGINE_ERROR_FAILED,
                       _("Item %s: %s"), situation->key, local_error->message);
          return FALSE;
        }
    }

  return TRUE;
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  StewardSource *source = STEWARD_SOURCE (object);
  g_autoptr(GTask) task = user_data;
  Work *work = g_task_get_task_data (task);
  StewardEngine *self = work->self;
  g_autoptr(GPtrArray) signals = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *received = NULL;
  gint64 now = now_us (self);

  signals = steward_source_fetch_finish (source, result, &error);
  if (signals == NULL)
    {
      fail_run (task, work, error->message);
      return;
    }

  /* Durable first: the signals are committed before they are judged. */
  if (!steward_store_begin (self->store, &error))
    {
      fail_run (task, work, error->message);
      return;
    }

  for (guint i = 0; i < signals->len; i++)
    {
      StewardSignal *signal = g_ptr_array_index (signals, i);
      g_autofree char *item_json = json_to_string (signal->item, FALSE);

      if (!steward_store_insert_signal (self->store, work->job->id,
                                        work->run_id, signal->key, item_json,
                                        now, &error))
        break;
    }

  if (error != NULL || !steward_store_commit (self->store, &error))
    {
      steward_store_rollback (self->store);
      fail_run (task, work, error->message);
      return;
    }

  work->n_signals = signals->len;
  description = steward_source_dup_description (source);
  received = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Received %u signal from %s",
                                           "Received %u signals from %s",
                                           signals->len),
                              signals->len, description);
  step (work, received, NULL);

  if (!steward_store_begin (self->store, &error) ||
      !evaluate (work, signals, &error) ||
      !steward_store_commit (self->store, &error))
    {
      steward_store_rollback (self->store);
      /* Nothing of the evaluation stays: no half-made situations. */
      g_ptr_array_set_size (work->actions, 0);
      g_ptr_array_set_size (work->asked, 0);
      work->n_opened = work->n_updated = work->n_resolved = 0;
      fail_run (task, work, error->message);
      return;
    }

  send_next_action (g_steal_pointer (&task));
}

static void
start_run (GTask *task,
           Work  *work)
{
  StewardEngine *self = work->self;
  StewardInboxEntry *entry = work->entry;
  g_autoptr(StewardSource) source = NULL;
  g_autoptr(JsonObject) payload = NULL;
  g_autoptr(JsonObject) detail = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *fetching = NULL;
  JsonObject *scopes[2] = { NULL, NULL };
  const char *trigger;

  if (!load_job (work, entry->job_id, &error))
    {
      return_failure (task, STEWARD_ENGINE_ERROR_NOT_FOUND, error->message,
                      NULL, 0);
      return;
    }

  if (work->job->state == STEWARD_JOB_STATE_PAUSED ||
      work->job->state == STEWARD_JOB_STATE_CLOSED ||
      work->job->state == STEWARD_JOB_STATE_COMPLETED)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Job %" PRId64 " is %s: it does "
                                   "not run"),
                                 work->job->id,
                                 steward_job_state_get_label (work->job->state));
      return_failure (task, STEWARD_ENGINE_ERROR_STATE, message, NULL, 0);
      return;
    }

  payload = object_from_string (entry->payload_json, NULL);
  trigger = payload ? json_object_get_string_member_with_default (payload,
                                                                  "trigger",
                                                                  "manual")
                    : "manual";

  work->run_id = steward_store_insert_run (self->store, work->job->id,
                                           trigger, now_us (self), &error);
  if (work->run_id <= 0)
    {
      return_failure (task, STEWARD_ENGINE_ERROR_FAILED, error->message,
                      NULL, 0);
      return;
    }

  json_object_set_int_member (detail, "run_id", work->run_id);
  json_object_set_string_member (detail, "trigger", trigger);
  summary = g_strdup_printf (_("Run %" PRId64 " started (%s)"),
                             work->run_id, trigger);
  steward_engine_audit (self, entry->actor ? entry->actor : "engine",
                        "run.started", work->job->id, summary, detail, NULL);

  scopes[0] = work->params;
  url = steward_template_render (steward_contract_get_source_url (work->contract),
                                 scopes, &error);
  if (url == NULL)
    {
      g_autofree char *message = g_strdup_printf ("source.url: %s",
                                                  error->message);

      fail_run (task, work, message);
      return;
    }

  source = steward_http_poll_source_new (steward_engine_get_session (self), url,
                                         steward_contract_get_source_items (work->contract),
                                         steward_contract_get_source_key (work->contract));
  fetching = g_strdup_printf (_("Fetching GET %s"), url);
  step (work, fetching, NULL);

  steward_source_fetch_async (source, self->cancellable, fetch_cb,
                              g_object_ref (task));
}

/* Answers */

/* A run that waited for people is over once nothing of it waits. */
static void
settle_run (StewardEngine *self,
            gint64         run_id)
{
  g_autoptr(StewardRun) run = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;

  if (run_id <= 0)
    return;

  run = steward_store_dup_run (self->store, run_id, &error);
  if (run == NULL || steward_run_get_state (run) != STEWARD_RUN_WAITING)
    return;

  pending = steward_store_list_decisions (self->store,
                                          steward_run_get_job_id (run), TRUE,
                                          &error);
  if (pending == NULL)
    return;

  for (guint i = 0; i < pending->len; i++)
    if (steward_decision_get_run_id (g_ptr_array_index (pending, i)) == run_id)
      return;

  if (!steward_store_finish_run (self->store, run_id, STEWARD_RUN_SUCCEEDED,
                                 steward_run_get_summary (run), NULL,
                                 now_us (self), &error))
    g_warning ("Cannot settle run %" PRId64 ": %s", run_id, error->message);
}

/* The action of an approved decision whose sending failed, if any. */
static StewardAction *
find_failed_action (StewardEngine    *self,
                    StewardDecision  *decision,
                    GError          **error)
{
  g_autoptr(GPtrArray) actions = NULL;

  actions = steward_store_list_actions (self->store, decision->job_id, error);
  if (actions == NULL)
    return NULL;

  for (guint i = 0; i < actions->len; i++)
    {
      StewardAction *action = g_ptr_array_index (actions, i);

      if (action->decision_id == decision->id &&
          action->state == STEWARD_ACTION_FAILED)
        return g_object_ref (action);
    }

  return NULL;
}

static void
answer_sent_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Work *work = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *insight = NULL;

  insight = make_insight (work->self, work->job->id);

  if (!send_action_finish (STEWARD_ENGINE (object), result, &error))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Approved, but the action failed: %s. "
                                   "It waits for you again: approve it to "
                                   "retry, or reject it"),
                                 error->message);
      steward_engine_refresh_job (work->self, work->job->id, insight,
                                  message, FALSE);
      return_failure (task, STEWARD_ENGINE_ERROR_FAILED, message,
                      "decision_id", work->entry->decision_id);
      return;
    }

  settle_run (work->self, work->run_id);
  steward_engine_refresh_job (work->self, work->job->id, insight, NULL,
                              FALSE);
  return_success (task, "decision_id", work->entry->decision_id);
}

static void
start_answer (GTask    *task,
              Work     *work,
              gboolean  approve)
{
  StewardEngine *self = work->self;
  StewardInboxEntry *entry = work->entry;
  g_autoptr(StewardDecision) decision = NULL;
  g_autoptr(StewardAction) action = NULL;
  g_autoptr(JsonObject) payload = NULL;
  g_autoptr(JsonObject) detail = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *insight = NULL;
  const char *note = NULL;
  const char *actor = entry->actor ? entry->actor : "unknown";

  decision = steward_store_dup_decision (self->store, entry->decision_id,
                                         &error);
  if (decision == NULL || !load_job (work, decision->job_id, &error))
    {
      return_failure (task, STEWARD_ENGINE_ERROR_NOT_FOUND, error->message,
                      NULL, 0);
      return;
    }

  /* This very answer, recorded by an engine that stopped before it
   * could say so: done already (its action, if any, is resumed). */
  if (decision->status != STEWARD_DECISION_STATUS_PENDING &&
      decision->answered_at > entry->created_at &&
      g_strcmp0 (decision->answered_by, actor) == 0 &&
      (approve ? decision->status != STEWARD_DECISION_STATUS_REJECTED
               : decision->status == STEWARD_DECISION_STATUS_REJECTED))
    {
      return_success (task, "decision_id", decision->id);
      return;
    }

  /* An answer counts once: a second click, or a second notification
   * action, changes nothing. */
  if (decision->status != STEWARD_DECISION_STATUS_PENDING)
    {
      g_autofree char *message = NULL;

      if (decision->answered_by != NULL)
        message = g_strdup_printf (_("Decision %" PRId64 " was "
                                     "already answered (%s by %s)"),
                                   decision->id,
                                   steward_decision_status_get_label (decision->status),
                                   decision->answered_by);
      else
        message = g_strdup_printf (_("Decision %" PRId64 " does not "
                                     "wait for an answer (%s)"),
                                   decision->id,
                                   steward_decision_status_get_label (decision->status));
      return_failure (task, STEWARD_ENGINE_ERROR_STATE, message,
                      "decision_id", decision->id);
      return;
    }

  payload = object_from_string (entry->payload_json, NULL);
  if (payload != NULL)
    note = json_object_get_string_member_with_default (payload, "note", NULL);

  json_object_set_int_member (detail, "decision_id", decision->id);
  json_object_set_int_member (detail, "inbox_entry", entry->id);
  if (note != NULL)
    json_object_set_string_member (detail, "note", note);
  if (decision->has_amount)
    {
      g_autofree char *amount = steward_format_money (decision->amount,
                                                      decision->currency);

      summary = g_strdup_printf (approve ? _("%s approved: %s (%s)")
                                         : _("%s rejected: %s (%s)"),
                                 actor, decision->summary, amount);
    }
  else
    {
      summary = g_strdup_printf (approve ? _("%s approved: %s")
                                         : _("%s rejected: %s"),
                                 actor, decision->summary);
    }

  if (!steward_store_begin (self->store, &error) ||
      !steward_store_set_decision_status (self->store, decision->id,
                                          approve ? STEWARD_DECISION_STATUS_APPROVED
                                                  : STEWARD_DECISION_STATUS_REJECTED,
                                          actor, note, NULL, now_us (self),
                                          &error) ||
      !steward_engine_audit (self, actor,
                             approve ? "decision.approved"
                                     : "decision.rejected",
                             decision->job_id, summary, detail, &error))
    {
      steward_store_rollback (self->store);
      return_failure (task, STEWARD_ENGINE_ERROR_FAILED, error->message,
                      NULL, 0);
      return;
    }

  work->run_id = decision->run_id;

  if (approve && decision->action_json != NULL)
    {
      /* A retry sends the recorded action again, with its key. */
      action = find_failed_action (self, decision, &error);
      if (action != NULL)
        {
          /* Pending again with the answer, so that a crash before the
           * send is resumed like any recorded action. */
          if (!steward_store_update_action (self->store, action->id,
                                            STEWARD_ACTION_PENDING, 0, NULL,
                                            NULL, now_us (self), &error))
            g_clear_object (&action);
          else
            action->state = STEWARD_ACTION_PENDING;
        }
      else if (error == NULL)
        {
          action = record_action (self, decision, &error);
        }
      if (action == NULL)
        {
          steward_store_rollback (self->store);
          return_failure (task, STEWARD_ENGINE_ERROR_FAILED, error->message,
                          NULL, 0);
          return;
        }
    }

  if (!steward_store_commit (self->store, &error))
    {
      steward_store_rollback (self->store);
      return_failure (task, STEWARD_ENGINE_ERROR_FAILED, error->message,
                      NULL, 0);
      return;
    }

  if (action != NULL)
    {
      send_action_async (self, action, work->contract, work->params,
                         FALSE, answer_sent_cb, g_object_ref (task));
      return;
    }

  settle_run (self, decision->run_id);
  insight = make_insight (self, work->job->id);
  steward_engine_refresh_job (self, work->job->id, insight, NULL, FALSE);
  return_success (task, "decision_id", decision->id);
}

void
steward_engine_work_async (StewardEngine       *self,
                           StewardInboxEntry   *entry,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Work *work;

  g_return_if_fail (STEWARD_IS_ENGINE (self));
  g_return_if_fail (entry != NULL);

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, steward_engine_work_async);

  work = g_new0 (Work, 1);
  work->self = self;
  work->entry = entry;
  work->actions = g_ptr_array_new_with_free_func (g_object_unref);
  work->asked = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, work, (GDestroyNotify) work_free);

  if (g_str_equal (entry->kind, "run"))
    start_run (task, work);
  else if (g_str_equal (entry->kind, "approve"))
    start_answer (task, work, TRUE);
  else if (g_str_equal (entry->kind, "reject"))
    start_answer (task, work, FALSE);
  else
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Unknown inbox entry kind “%s”"),
                                 entry->kind);
      return_failure (task, STEWARD_ENGINE_ERROR_FAILED, message, NULL, 0);
    }
}

JsonObject *
steward_engine_work_finish (StewardEngine *self,
                            GAsyncResult  *result)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), NULL);
}

/* Resuming after a stop or a crash */

static void
resumed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  StewardEngine *self = STEWARD_ENGINE (object);
  gint64 job_id = GPOINTER_TO_SIZE (user_data);
  g_autoptr(GError) error = NULL;

  self->resuming--;

  if (!send_action_finish (self, result, &error))
    g_debug ("A resumed action failed: %s", error->message);

  steward_engine_refresh_job (self, job_id, NULL,
                              error ? error->message : NULL, FALSE);
  steward_engine_emit_changed (self, job_id);
}

void
steward_engine_resume_actions (StewardEngine *self)
{
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GError) error = NULL;

  actions = steward_store_list_unfinished_actions (self->store, &error);
  if (actions == NULL)
    {
      g_warning ("Cannot look for unfinished actions: %s", error->message);
      return;
    }

  /* Each is sent again with the key it was recorded with, so that the
   * receiving system can tell a repeat from a new request. */
  for (guint i = 0; i < actions->len; i++)
    {
      StewardAction *action = g_ptr_array_index (actions, i);
      Work work = { .self = self };

      if (!load_job (&work, action->job_id, &error))
        {
          g_warning ("Cannot resume action %" PRId64 ": %s",
                     action->id, error->message);
          g_clear_error (&error);
        }
      else
        {
          g_autoptr(StewardDecision) decision = NULL;
          gboolean alone;

          decision = steward_store_dup_decision (self->store,
                                                 action->decision_id, NULL);
          alone = decision == NULL ||
                  g_strcmp0 (decision->answered_by, "policy") == 0;

          g_debug ("Resuming action %" PRId64, action->id);
          self->resuming++;
          send_action_async (self, action, work.contract, work.params, alone,
                             resumed_cb, GSIZE_TO_POINTER (action->job_id));
        }

      g_clear_object (&work.job);
      g_clear_object (&work.contract);
      g_clear_pointer (&work.params, json_object_unref);
    }
}

void
steward_engine_fail_interrupted_runs (StewardEngine *self)
{
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;
  const char *message = _("Interrupted: the engine stopped during the run; "
                          "it runs again");

  jobs = steward_store_list_jobs (self->store, &error);
  if (jobs == NULL)
    {
      g_warning ("Cannot look for interrupted runs: %s", error->message);
      return;
    }

  for (guint i = 0; i < jobs->len; i++)
    {
      StewardJob *job = g_ptr_array_index (jobs, i);
      g_autoptr(GPtrArray) runs = NULL;

      runs = steward_store_list_runs (self->store, job->id, &error);
      if (runs == NULL)
        {
          g_warning ("Cannot look for interrupted runs: %s", error->message);
          g_clear_error (&error);
          continue;
        }

      for (guint j = 0; j < runs->len; j++)
        {
          StewardRun *run = g_ptr_array_index (runs, j);
          g_autoptr(JsonObject) detail = json_object_new ();

          if (steward_run_get_state (run) != STEWARD_RUN_RUNNING)
            continue;

          if (!steward_store_finish_run (self->store, steward_run_get_id (run),
                                         STEWARD_RUN_FAILED, message, message,
                                         now_us (self), &error))
            {
              g_warning ("Cannot close run %" PRId64 ": %s",
                         steward_run_get_id (run), error->message);
              g_clear_error (&error);
              continue;
            }

          json_object_set_int_member (detail, "run_id",
                                      steward_run_get_id (run));
          steward_engine_audit (self, "engine", "run.interrupted", job->id,
                                message, detail, NULL);
        }
    }
}
