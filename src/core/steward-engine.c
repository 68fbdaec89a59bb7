/* steward-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-engine"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "steward-engine-private.h"
#include "steward-job-private.h"
#include "steward-schedule.h"

/* Writes from other processes are noticed through the store's change
 * file; they come in bursts, so "changed" waits until they settle. */
#define CHANGED_DELAY_MS 150
/* A client waiting for the hosting engine checks its entry this often
 * besides reacting to the change file. */
#define CLIENT_POLL_MS 250
#define HTTP_TIMEOUT_SECONDS 30

enum {
  PROP_0,
  PROP_HOSTING,
  N_PROPS
};

enum {
  CHANGED,
  DECISION_ASKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StewardEngine, steward_engine, G_TYPE_OBJECT)

G_DEFINE_QUARK (steward-engine-error-quark, steward_engine_error)

static void process_inbox (StewardEngine *self);
static void check_waiters (StewardEngine *self);

gboolean
steward_engine_audit (StewardEngine  *self,
                      const char     *actor,
                      const char     *kind,
                      gint64          job_id,
                      const char     *summary,
                      JsonObject     *detail,
                      GError        **error)
{
  g_autofree char *detail_json = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  if (detail != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (node, detail);
      detail_json = json_to_string (node, FALSE);
    }

  ok = steward_store_append_audit (self->store,
                                   steward_clock_get_now_us (self->clock),
                                   actor, kind, job_id, summary,
                                   detail_json ? detail_json : "{}",
                                   &local_error) > 0;

  /* Callers that go on regardless still must not lose it silently. */
  if (!ok && error == NULL)
    g_warning ("Cannot write the audit entry “%s”: %s", kind,
               local_error->message);
  else if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return ok;
}

static gboolean
emit_changed_cb (gpointer user_data)
{
  StewardEngine *self = user_data;

  self->changed_source = 0;
  g_signal_emit (self, signals[CHANGED], 0, (gint64) 0);

  return G_SOURCE_REMOVE;
}

void
steward_engine_emit_changed (StewardEngine *self,
                             gint64         job_id)
{
  g_signal_emit (self, signals[CHANGED], 0, job_id);
}

void
steward_engine_emit_asked (StewardEngine   *self,
                           StewardDecision *decision)
{
  g_signal_emit (self, signals[DECISION_ASKED], 0, decision);
}

/* A job's state follows from what waits in it: a pending decision or a
 * failing run needs attention, otherwise it watches. A person's pause
 * and a retirement stay as they are. */
void
steward_engine_refresh_job (StewardEngine *self,
                            gint64         job_id,
                            const char    *insight,
                            const char    *error_message,
                            gboolean       ran)
{
  g_autoptr(StewardJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *next_step = NULL;
  StewardJobState state;
  gint64 last_run_at;

  job = steward_store_dup_job (self->store, job_id, &error);
  if (job == NULL)
    {
      g_warning ("Cannot refresh job %" PRId64 ": %s",
                 job_id, error->message);
      return;
    }

  state = job->state;
  if (state != STEWARD_JOB_STATE_PAUSED &&
      state != STEWARD_JOB_STATE_CLOSED &&
      state != STEWARD_JOB_STATE_COMPLETED)
    {
      if (job->pending_count > 0 || error_message != NULL)
        state = STEWARD_JOB_STATE_NEEDS_ATTENTION;
      else
        state = STEWARD_JOB_STATE_ACTIVE;
    }

  if (job->pending_count > 0)
    next_step = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Waiting for your answer to "
                                              "%" PRId64 " decision",
                                              "Waiting for your answers to "
                                              "%" PRId64 " decisions",
                                              job->pending_count),
                                 job->pending_count);
  else if (error_message != NULL)
    next_step = g_strdup (_("Fix the problem, then run the job again"));
  else
    next_step = g_strdup (_("Watching; run it now or wait for its schedule"));

  last_run_at = ran ? steward_clock_get_now_us (self->clock)
                    : job->last_run_at;

  if (!steward_store_update_job (self->store, job_id, state,
                                 insight ? insight : job->insight,
                                 next_step, error_message, last_run_at,
                                 &error))
    g_warning ("Cannot update job %" PRId64 ": %s",
               job_id, error->message);

  if (state != job->state)
    {
      g_autofree char *summary = NULL;
      g_autoptr(JsonObject) detail = json_object_new ();

      json_object_set_string_member (detail, "from",
                                     steward_job_state_to_string (job->state));
      json_object_set_string_member (detail, "to",
                                     steward_job_state_to_string (state));
      summary = g_strdup_printf (_("State changed from %s to %s"),
                                 steward_job_state_get_label (job->state),
                                 steward_job_state_get_label (state));
      steward_engine_audit (self, "engine", "job.state-changed", job_id,
                            summary, detail, NULL);
    }
}

/* Waiters: callers of run_job_async() and answer_async() wait for their
 * inbox entry's result, whoever processes it. */

static void
complete_waiter (GTask      *task,
                 const char *result_json)
{
  g_autoptr(JsonNode) root = json_from_string (result_json, NULL);
  JsonObject *result;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_task_return_new_error (task, STEWARD_ENGINE_ERROR,
                               STEWARD_ENGINE_ERROR_FAILED,
                               _("The engine left an unreadable result"));
      return;
    }

  result = json_node_get_object (root);
  if (!json_object_get_boolean_member_with_default (result, "ok", FALSE))
    {
      int code;
      const char *message;

      code = json_object_get_int_member_with_default (result, "code",
                                                      STEWARD_ENGINE_ERROR_FAILED);
      message = json_object_get_string_member_with_default (result, "error",
                                                            _("Unknown error"));
      g_task_return_new_error (task, STEWARD_ENGINE_ERROR, code, "%s",
                               message);
      return;
    }

  g_task_return_pointer (task, json_object_ref (result),
                         (GDestroyNotify) json_object_unref);
}

static void
check_waiters (StewardEngine *self)
{
  g_autoptr(GList) ids = g_hash_table_get_keys (self->waiters);

  for (const GList *l = ids; l != NULL; l = l->next)
    {
      gint64 entry_id = *(gint64 *) l->data;
      g_autofree char *result_json = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) tasks = NULL;

      if (!steward_store_inbox_get_result (self->store, entry_id,
                                           &result_json, &error))
        {
          if (error == NULL)
            continue;

          g_warning ("Cannot read inbox entry %" PRId64 ": %s",
                     entry_id, error->message);
          continue;
        }

      g_hash_table_steal_extended (self->waiters, l->data, NULL,
                                   (gpointer *) &tasks);
      g_free (l->data);

      for (guint i = 0; i < tasks->len; i++)
        complete_waiter (g_ptr_array_index (tasks, i), result_json);
    }

  if (g_hash_table_size (self->waiters) == 0)
    g_clear_handle_id (&self->poll_source, g_source_remove);
}

static gboolean
poll_cb (gpointer user_data)
{
  StewardEngine *self = user_data;

  check_waiters (self);

  /* The engine we wait for may have stopped before doing our work: the
   * one waiting then takes over, so that nothing waits for ever. */
  if (self->poll_source != 0 && !self->hosting && self->holder != NULL)
    {
      g_autofree char *holder = g_strdup (self->holder);

      if (steward_engine_start (self, holder, NULL))
        g_debug ("Took over the engine: the previous one stopped");
    }

  return self->poll_source != 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
add_waiter (StewardEngine *self,
            gint64         entry_id,
            GTask         *task)
{
  GPtrArray *tasks;

  tasks = g_hash_table_lookup (self->waiters, &entry_id);
  if (tasks == NULL)
    {
      gint64 *key = g_new (gint64, 1);

      *key = entry_id;
      tasks = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (self->waiters, key, tasks);
    }
  g_ptr_array_add (tasks, g_object_ref (task));

  if (self->hosting)
    process_inbox (self);
  else if (self->poll_source == 0)
    self->poll_source = g_timeout_add (CLIENT_POLL_MS, poll_cb, self);
}

/* The inbox is worked through one entry at a time, in order. */

static void
work_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  StewardEngine *self = STEWARD_ENGINE (object);
  g_autoptr(StewardInboxEntry) entry = user_data;
  g_autoptr(JsonObject) outcome = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GError) error = NULL;
  g_autofree char *outcome_json = NULL;

  outcome = steward_engine_work_finish (self, result);
  json_node_set_object (node, outcome);
  outcome_json = json_to_string (node, FALSE);

  /* Work cut short because this engine stopped stays in the inbox: the
   * next engine does it, and whoever waits for it gets its result. */
  if (!self->hosting)
    g_debug ("Inbox entry %" PRId64 " left for the next engine", entry->id);
  else if (!steward_store_inbox_complete (self->store, entry->id,
                                          outcome_json,
                                          steward_clock_get_now_us (self->clock),
                                          &error))
    g_warning ("Cannot complete inbox entry %" PRId64 ": %s",
               entry->id, error->message);

  self->processing = FALSE;
  check_waiters (self);

  if (entry->job_id > 0)
    steward_engine_emit_changed (self, entry->job_id);

  process_inbox (self);
  g_object_unref (self);
}

static void
process_inbox (StewardEngine *self)
{
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  StewardInboxEntry *entry;

  if (!self->hosting || self->processing)
    return;

  pending = steward_store_inbox_list_pending (self->store, &error);
  if (pending == NULL)
    {
      g_warning ("Cannot read the inbox: %s", error->message);
      return;
    }

  if (pending->len == 0)
    return;

  entry = g_ptr_array_steal_index (pending, 0);
  self->processing = TRUE;
  g_debug ("Working on inbox entry %" PRId64 " (%s)",
           entry->id, entry->kind);
  steward_engine_work_async (self, entry, work_cb, entry);
  g_object_ref (self);
}

/* Schedules: one timer for the nearest due job. */

static gint64
job_next_due (StewardEngine   *self,
              StewardJob      *job,
              gint64           after,
              StewardContract *contract,
              gboolean        *catch_up)
{
  GArray *triggers = steward_contract_get_triggers (contract);
  gint64 nearest = 0;

  for (guint i = 0; triggers != NULL && i < triggers->len; i++)
    {
      StewardTrigger *trigger = &g_array_index (triggers, StewardTrigger, i);
      g_autoptr(GError) error = NULL;
      gint64 due;

      if (trigger->kind != STEWARD_TRIGGER_SCHEDULE)
        continue;

      due = steward_schedule_next (trigger->rrule, trigger->tz,
                                   job->created_at, after, &error);
      if (error != NULL)
        {
          g_warning ("Job %" PRId64 ": bad schedule: %s",
                     job->id, error->message);
          continue;
        }

      if (due > 0 && (nearest == 0 || due < nearest))
        {
          nearest = due;
          if (catch_up != NULL)
            *catch_up = trigger->catch_up == STEWARD_CATCH_UP_ONCE;
        }
    }

  return nearest;
}

static gint64
enqueue_run (StewardEngine *self,
             gint64         job_id,
             const char    *trigger,
             const char    *actor,
             GError       **error)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autofree char *payload_json = NULL;

  json_object_set_string_member (payload, "trigger", trigger);
  json_node_set_object (node, payload);
  payload_json = json_to_string (node, FALSE);

  return steward_store_inbox_push (self->store, "run", job_id, 0, actor,
                                   payload_json,
                                   steward_clock_get_now_us (self->clock),
                                   error);
}

static gboolean
schedule_cb (gpointer user_data)
{
  StewardEngine *self = user_data;
  g_autoptr(GError) error = NULL;

  self->schedule_source = 0;

  if (self->next_job_id > 0 &&
      steward_clock_get_now_us (self->clock) >= self->next_wakeup)
    {
      if (enqueue_run (self, self->next_job_id, "schedule", "schedule",
                       &error) <= 0)
        g_warning ("Cannot start a scheduled run: %s", error->message);
      process_inbox (self);
    }

  steward_engine_reschedule (self);

  return G_SOURCE_REMOVE;
}

void
steward_engine_reschedule (StewardEngine *self)
{
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now;
  gint64 delay_ms;

  g_clear_handle_id (&self->schedule_source, g_source_remove);
  self->next_wakeup = 0;
  self->next_job_id = 0;

  if (!self->hosting || !self->run_schedules)
    return;

  jobs = steward_store_list_jobs (self->store, &error);
  if (jobs == NULL)
    {
      g_warning ("Cannot read jobs for their schedules: %s", error->message);
      return;
    }

  now = steward_clock_get_now_us (self->clock);

  for (guint i = 0; i < jobs->len; i++)
    {
      StewardJob *job = g_ptr_array_index (jobs, i);
      g_autoptr(StewardContract) contract = NULL;
      gboolean catch_up = FALSE;
      gint64 since;
      gint64 due;

      if (job->state == STEWARD_JOB_STATE_PAUSED ||
          job->state == STEWARD_JOB_STATE_CLOSED ||
          job->state == STEWARD_JOB_STATE_COMPLETED ||
          job->state == STEWARD_JOB_STATE_PROPOSED)
        continue;

      contract = steward_contract_new_from_data (job->contract_json, -1,
                                                 NULL, NULL);
      if (contract == NULL)
        continue;

      /* A run that fell due while no engine ran is caught up once, or
       * skipped, as the trigger says. */
      since = MAX (job->last_run_at, job->created_at);
      due = job_next_due (self, job, since, contract, &catch_up);
      if (due > 0 && due <= now)
        {
          if (catch_up &&
              enqueue_run (self, job->id, "schedule (catch-up)", "schedule",
                           &error) <= 0)
            {
              g_warning ("Cannot catch up job %" PRId64 ": %s",
                         job->id, error->message);
              g_clear_error (&error);
            }
          due = job_next_due (self, job, now, contract, NULL);
        }

      if (due > 0 && (self->next_wakeup == 0 || due < self->next_wakeup))
        {
          self->next_wakeup = due;
          self->next_job_id = job->id;
        }
    }

  process_inbox (self);

  if (self->next_wakeup == 0)
    return;

  delay_ms = MAX (0, (self->next_wakeup - now) / 1000);
  /* FIXME: a monotonic timer does not count time spent asleep, so after
   * a suspend the run comes late until the timer fires; listening for
   * the system's resume would re-arm it at once. */
  self->schedule_source = g_timeout_add_full (G_PRIORITY_DEFAULT,
                                              MIN (delay_ms, G_MAXUINT),
                                              schedule_cb, self, NULL);
}

/* Watching the store for other processes' writes. */

static void
change_file_cb (GFileMonitor      *monitor,
                GFile             *file,
                GFile             *other_file,
                GFileMonitorEvent  event,
                gpointer           user_data)
{
  StewardEngine *self = user_data;

  if (event != G_FILE_MONITOR_EVENT_CHANGED &&
      event != G_FILE_MONITOR_EVENT_CREATED &&
      event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT)
    return;

  check_waiters (self);
  process_inbox (self);

  if (self->changed_source == 0)
    self->changed_source = g_timeout_add (CHANGED_DELAY_MS,
                                          emit_changed_cb, self);
}

void
steward_engine_watch (StewardEngine *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (STEWARD_IS_ENGINE (self));

  if (self->monitor != NULL)
    return;

  file = steward_store_dup_change_file (self->store);
  if (file == NULL)
    return;

  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE,
                                       NULL, &error);
  if (self->monitor == NULL)
    {
      g_warning ("Cannot watch the database for changes: %s",
                 error->message);
      return;
    }

  g_file_monitor_set_rate_limit (self->monitor, CHANGED_DELAY_MS);
  g_signal_connect_object (self->monitor, "changed",
                           G_CALLBACK (change_file_cb), self, 0);
}

/* Callers still waiting are told, rather than left hanging. */
static void
cancel_waiters (StewardEngine *self)
{
  GHashTableIter iter;
  GPtrArray *tasks;

  if (self->waiters == NULL)
    return;

  g_hash_table_iter_init (&iter, self->waiters);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &tasks))
    for (guint i = 0; i < tasks->len; i++)
      g_task_return_new_error (g_ptr_array_index (tasks, i), G_IO_ERROR,
                               G_IO_ERROR_CANCELLED,
                               _("The engine stopped"));

  g_hash_table_remove_all (self->waiters);
}

static void
steward_engine_dispose (GObject *object)
{
  StewardEngine *self = STEWARD_ENGINE (object);

  steward_engine_stop (self);
  cancel_waiters (self);
  g_clear_handle_id (&self->changed_source, g_source_remove);
  g_clear_handle_id (&self->poll_source, g_source_remove);
  g_clear_object (&self->monitor);
  g_clear_object (&self->session);
  g_clear_object (&self->store);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->waiters, g_hash_table_unref);

  G_OBJECT_CLASS (steward_engine_parent_class)->dispose (object);
}

static void
steward_engine_finalize (GObject *object)
{
  StewardEngine *self = STEWARD_ENGINE (object);

  g_free (self->holder);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (steward_engine_parent_class)->finalize (object);
}

static void
steward_engine_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  StewardEngine *self = STEWARD_ENGINE (object);

  switch (prop_id)
    {
    case PROP_HOSTING:
      g_value_set_boolean (value, self->hosting);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_engine_class_init (StewardEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = steward_engine_dispose;
  object_class->finalize = steward_engine_finalize;
  object_class->get_property = steward_engine_get_property;

  properties[PROP_HOSTING] =
    g_param_spec_boolean ("hosting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[DECISION_ASKED] =
    g_signal_new ("decision-asked", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, STEWARD_TYPE_DECISION);
}

static void
steward_engine_init (StewardEngine *self)
{
  self->cancellable = g_cancellable_new ();
  self->run_schedules = TRUE;
  self->waiters = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                         g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  self->session = soup_session_new_with_options ("timeout",
                                                 HTTP_TIMEOUT_SECONDS,
                                                 "user-agent",
                                                 "Steward/" PACKAGE_VERSION,
                                                 NULL);
}

StewardEngine *
steward_engine_new (StewardStore *store,
                    StewardClock *clock)
{
  StewardEngine *self;

  g_return_val_if_fail (STEWARD_IS_STORE (store), NULL);
  g_return_val_if_fail (!clock || STEWARD_IS_CLOCK (clock), NULL);

  self = g_object_new (STEWARD_TYPE_ENGINE, NULL);
  self->store = g_object_ref (store);
  self->clock = clock ? g_object_ref (clock) : steward_clock_new_system ();

  return self;
}

StewardStore *
steward_engine_get_store (StewardEngine *self)
{
  g_return_val_if_fail (STEWARD_IS_ENGINE (self), NULL);

  return self->store;
}

StewardClock *
steward_engine_get_clock (StewardEngine *self)
{
  g_return_val_if_fail (STEWARD_IS_ENGINE (self), NULL);

  return self->clock;
}

SoupSession *
steward_engine_get_session (StewardEngine *self)
{
  g_return_val_if_fail (STEWARD_IS_ENGINE (self), NULL);

  return self->session;
}

gboolean
steward_engine_start (StewardEngine  *self,
                      const char     *holder,
                      GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (STEWARD_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (holder != NULL, FALSE);

  if (self->hosting)
    return TRUE;

  if (!steward_store_acquire_lease (self->store, holder, &local_error))
    {
      if (g_error_matches (local_error, STEWARD_STORE_ERROR,
                           STEWARD_STORE_ERROR_BUSY))
        {
          /* Remembered, to take over once the holder is gone. */
          if (self->holder != holder)
            {
              g_free (self->holder);
              self->holder = g_strdup (holder);
            }
          g_set_error_literal (error, STEWARD_ENGINE_ERROR,
                               STEWARD_ENGINE_ERROR_BUSY,
                               local_error->message);
        }
      else
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
        }
      return FALSE;
    }

  self->hosting = TRUE;
  if (self->holder != holder)
    {
      g_free (self->holder);
      self->holder = g_strdup (holder);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOSTING]);

  steward_engine_watch (self);
  steward_engine_fail_interrupted_runs (self);
  steward_engine_resume_actions (self);
  steward_engine_reschedule (self);
  process_inbox (self);

  return TRUE;
}

void
steward_engine_stop (StewardEngine *self)
{
  g_return_if_fail (STEWARD_IS_ENGINE (self));

  if (!self->hosting)
    return;

  g_clear_handle_id (&self->schedule_source, g_source_remove);

  /* Calls in flight end as cancelled; a later start gets a new token. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  steward_store_release_lease (self->store);
  self->hosting = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOSTING]);
}

void
steward_engine_set_run_schedules (StewardEngine *self,
                                  gboolean       enabled)
{
  g_return_if_fail (STEWARD_IS_ENGINE (self));

  self->run_schedules = !!enabled;
  steward_engine_reschedule (self);
}

gboolean
steward_engine_get_busy (StewardEngine *self)
{
  g_return_val_if_fail (STEWARD_IS_ENGINE (self), FALSE);

  return self->processing || self->resuming > 0;
}

gboolean
steward_engine_get_hosting (StewardEngine *self)
{
  g_return_val_if_fail (STEWARD_IS_ENGINE (self), FALSE);

  return self->hosting;
}

gint64
steward_engine_get_next_wakeup (StewardEngine *self)
{
  g_return_val_if_fail (STEWARD_IS_ENGINE (self), 0);

  return self->next_wakeup;
}

StewardJob *
steward_engine_create_job (StewardEngine    *self,
                           StewardContract  *contract,
                           GHashTable       *params,
                           const char       *actor,
                           GError          **error)
{
  g_autoptr(JsonObject) bound = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(StewardJob) job = NULL;
  g_autoptr(JsonObject) detail = NULL;
  g_autofree char *summary = NULL;
  gint64 id;

  g_return_val_if_fail (STEWARD_IS_ENGINE (self), NULL);
  g_return_val_if_fail (STEWARD_IS_CONTRACT (contract), NULL);
  g_return_val_if_fail (actor != NULL, NULL);

  bound = steward_contract_bind_parameters (contract, params, error);
  if (bound == NULL)
    return NULL;

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, bound);

  job = steward_job_new_empty ();
  job->title = g_strdup (steward_contract_get_title (contract));
  job->goal = g_strdup (steward_contract_get_goal (contract));
  job->owner = g_strdup (steward_contract_get_owner (contract));
  job->state = STEWARD_JOB_STATE_ACTIVE;
  job->autonomy = steward_contract_get_autonomy (contract);
  job->contract_json = g_strdup (steward_contract_get_json (contract));
  job->params_json = json_to_string (node, FALSE);
  job->contract_version = 1;
  job->next_step = g_strdup (_("Watching; run it now or wait for its "
                               "schedule"));
  job->created_at = steward_clock_get_now_us (self->clock);

  /* The job and the audit entry of its creation commit together. */
  if (!steward_store_begin (self->store, error))
    return NULL;

  id = steward_store_insert_job (self->store, job, error);
  if (id <= 0)
    {
      steward_store_rollback (self->store);
      return NULL;
    }

  detail = json_object_new ();
  json_object_set_object_member (detail, "parameters",
                                 json_object_ref (bound));
  json_object_set_int_member (detail, "contract_version", 1);
  summary = g_strdup_printf (_("Created “%s” for %s"), job->title, job->owner);

  if (!steward_engine_audit (self, actor, "job.created", id, summary,
                             detail, error) ||
      !steward_store_commit (self->store, error))
    {
      steward_store_rollback (self->store);
      return NULL;
    }

  steward_engine_reschedule (self);
  steward_engine_emit_changed (self, id);

  return steward_store_dup_job (self->store, id, error);
}

void
steward_engine_run_job_async (StewardEngine       *self,
                              gint64               job_id,
                              const char          *actor,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(StewardJob) job = NULL;
  g_autoptr(GError) error = NULL;
  gint64 entry_id;

  g_return_if_fail (STEWARD_IS_ENGINE (self));
  g_return_if_fail (actor != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, steward_engine_run_job_async);

  job = steward_store_dup_job (self->store, job_id, &error);
  if (job == NULL)
    {
      g_task_return_new_error (task, STEWARD_ENGINE_ERROR,
                               STEWARD_ENGINE_ERROR_NOT_FOUND,
                               "%s", error->message);
      return;
    }

  entry_id = enqueue_run (self, job_id, "manual", actor, &error);
  if (entry_id <= 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  add_waiter (self, entry_id, task);
}

StewardRun *
steward_engine_run_job_finish (StewardEngine  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_autoptr(JsonObject) outcome = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  outcome = g_task_propagate_pointer (G_TASK (result), error);
  if (outcome == NULL)
    return NULL;

  return steward_store_dup_run (self->store,
                                json_object_get_int_member (outcome, "run_id"),
                                error);
}

void
steward_engine_answer_async (StewardEngine       *self,
                             gint64               decision_id,
                             gboolean             approve,
                             const char          *actor,
                             const char          *note,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(StewardDecision) decision = NULL;
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GError) error = NULL;
  g_autofree char *payload_json = NULL;
  gint64 entry_id;

  g_return_if_fail (STEWARD_IS_ENGINE (self));
  g_return_if_fail (actor != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, steward_engine_answer_async);

  decision = steward_store_dup_decision (self->store, decision_id, &error);
  if (decision == NULL)
    {
      g_task_return_new_error (task, STEWARD_ENGINE_ERROR,
                               STEWARD_ENGINE_ERROR_NOT_FOUND,
                               "%s", error->message);
      return;
    }

  /* The answer is committed before anything acts on it. */
  if (note != NULL)
    json_object_set_string_member (payload, "note", note);
  json_node_set_object (node, payload);
  payload_json = json_to_string (node, FALSE);

  entry_id = steward_store_inbox_push (self->store,
                                       approve ? "approve" : "reject",
                                       steward_decision_get_job_id (decision),
                                       decision_id, actor, payload_json,
                                       steward_clock_get_now_us (self->clock),
                                       &error);
  if (entry_id <= 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  add_waiter (self, entry_id, task);
}

StewardDecision *
steward_engine_answer_finish (StewardEngine  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_autoptr(JsonObject) outcome = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  outcome = g_task_propagate_pointer (G_TASK (result), error);
  if (outcome == NULL)
    return NULL;

  return steward_store_dup_decision (self->store,
                                     json_object_get_int_member (outcome,
                                                                 "decision_id"),
                                     error);
}

gboolean
steward_engine_mark_notified (StewardEngine  *self,
                              gint64          decision_id,
                              GError        **error)
{
  g_return_val_if_fail (STEWARD_IS_ENGINE (self), FALSE);

  return steward_store_mark_decision_notified (self->store, decision_id,
                                               steward_clock_get_now_us (self->clock),
                                               error);
}
