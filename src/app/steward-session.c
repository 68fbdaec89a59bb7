/* steward-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-session"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "steward-session.h"

struct _StewardSession
{
  GObject        parent_instance;

  char          *database_path;
  StewardStore  *store;
  StewardClock  *clock;
  StewardEngine *engine;
  char          *other_holder;
  char          *open_error;

  /* The board's model, updated in place so that cards keep their state. */
  GListStore    *jobs;
  /* job id -> GListStore of its pending StewardDecision */
  GHashTable    *pending;
  /* decision ids whose answer is on its way */
  GHashTable    *answering;
  guint          n_runs;

  guint          reload_source;
  gint64         reload_job_id;
};

G_DEFINE_FINAL_TYPE (StewardSession, steward_session, G_TYPE_OBJECT)

enum {
  CHANGED,
  ANSWER_STARTED,
  ANSWER_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64 *
int64_dup (gint64 value)
{
  gint64 *copy = g_new (gint64, 1);

  *copy = value;
  return copy;
}

static gboolean
find_job_position (GListModel *model,
                   gint64      job_id,
                   guint      *position)
{
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(StewardJob) job = g_list_model_get_item (model, i);

      if (steward_job_get_id (job) == job_id)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Makes @model hold the decisions of @fresh (ordered by id), keeping the
 * objects already there so that their rows stay as they are. */
static void
sync_decisions (GListStore *model,
                GPtrArray  *fresh)
{
  g_autoptr(GHashTable) wanted = NULL;
  guint n_items;

  wanted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; fresh != NULL && i < fresh->len; i++)
    {
      StewardDecision *decision = g_ptr_array_index (fresh, i);

      g_hash_table_insert (wanted, int64_dup (steward_decision_get_id (decision)),
                           decision);
    }

  n_items = g_list_model_get_n_items (G_LIST_MODEL (model));
  for (guint i = n_items; i > 0; i--)
    {
      g_autoptr(StewardDecision) old = g_list_model_get_item (G_LIST_MODEL (model), i - 1);
      gint64 id = steward_decision_get_id (old);

      if (g_hash_table_contains (wanted, &id))
        g_hash_table_remove (wanted, &id);
      else
        g_list_store_remove (model, i - 1);
    }

  for (guint i = 0; fresh != NULL && i < fresh->len; i++)
    {
      StewardDecision *decision = g_ptr_array_index (fresh, i);
      gint64 id = steward_decision_get_id (decision);
      guint position = 0;

      if (!g_hash_table_contains (wanted, &id))
        continue;

      n_items = g_list_model_get_n_items (G_LIST_MODEL (model));
      while (position < n_items)
        {
          g_autoptr(StewardDecision) there =
            g_list_model_get_item (G_LIST_MODEL (model), position);

          if (steward_decision_get_id (there) > id)
            break;
          position++;
        }

      g_list_store_insert (model, position, decision);
    }
}

static void
reload_pending (StewardSession *self)
{
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GHashTable) by_job = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  decisions = steward_store_list_decisions (self->store, 0, TRUE, &error);
  if (decisions == NULL)
    {
      g_warning ("Cannot list pending decisions: %s", error->message);
      return;
    }

  by_job = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                  (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < decisions->len; i++)
    {
      StewardDecision *decision = g_ptr_array_index (decisions, i);
      gint64 job_id = steward_decision_get_job_id (decision);
      GPtrArray *list = g_hash_table_lookup (by_job, &job_id);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (by_job, int64_dup (job_id), list);
        }
      g_ptr_array_add (list, decision);
    }

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &key, &value))
    sync_decisions (value, g_hash_table_lookup (by_job, key));
}

static gboolean
reload_cb (gpointer user_data)
{
  StewardSession *self = user_data;
  gint64 job_id = self->reload_job_id;

  self->reload_source = 0;
  self->reload_job_id = -1;

  steward_session_reload (self);
  g_signal_emit (self, signals[CHANGED], 0, MAX (job_id, 0));

  return G_SOURCE_REMOVE;
}

/* A run reports many changes in a row: one reload per burst is enough. */
static void
on_engine_changed (StewardEngine  *engine,
                   gint64          job_id,
                   StewardSession *self)
{
  if (self->reload_job_id == -1)
    self->reload_job_id = job_id;
  else if (self->reload_job_id != job_id)
    self->reload_job_id = 0;

  if (self->reload_source == 0)
    self->reload_source = g_idle_add (reload_cb, self);
}

typedef struct
{
  gint64 id;
} TaskData;

static void
answer_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StewardSession *self = g_task_get_source_object (task);
  TaskData *data = g_task_get_task_data (task);
  g_autoptr(StewardDecision) decision = NULL;
  g_autoptr(GError) error = NULL;
  const char *message = NULL;

  decision = steward_engine_answer_finish (STEWARD_ENGINE (object), result, &error);
  g_hash_table_remove (self->answering, &data->id);

  /* A decision answered elsewhere first is not a failure of this one. */
  if (error != NULL
      && !g_error_matches (error, STEWARD_ENGINE_ERROR, STEWARD_ENGINE_ERROR_STATE)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    message = error->message;
  g_signal_emit (self, signals[ANSWER_FINISHED], 0, data->id, message);

  on_engine_changed (self->engine, 0, self);

  if (decision == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&decision), g_object_unref);
}

static void
run_job_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StewardSession *self = g_task_get_source_object (task);
  g_autoptr(StewardRun) run = NULL;
  g_autoptr(GError) error = NULL;

  run = steward_engine_run_job_finish (STEWARD_ENGINE (object), result, &error);
  self->n_runs--;

  on_engine_changed (self->engine, 0, self);

  if (run == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&run), g_object_unref);
}

static void
steward_session_dispose (GObject *object)
{
  StewardSession *self = (StewardSession *)object;

  steward_session_close (self);

  g_clear_object (&self->engine);
  g_clear_object (&self->store);
  g_clear_object (&self->clock);
  g_clear_object (&self->jobs);
  g_clear_pointer (&self->pending, g_hash_table_unref);

  G_OBJECT_CLASS (steward_session_parent_class)->dispose (object);
}

static void
steward_session_finalize (GObject *object)
{
  StewardSession *self = (StewardSession *)object;

  g_clear_pointer (&self->answering, g_hash_table_unref);
  g_free (self->database_path);
  g_free (self->other_holder);
  g_free (self->open_error);

  G_OBJECT_CLASS (steward_session_parent_class)->finalize (object);
}

static void
steward_session_class_init (StewardSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = steward_session_dispose;
  object_class->finalize = steward_session_finalize;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[ANSWER_STARTED] =
    g_signal_new ("answer-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[ANSWER_FINISHED] =
    g_signal_new ("answer-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);
}

static void
steward_session_init (StewardSession *self)
{
  self->jobs = g_list_store_new (STEWARD_TYPE_JOB);
  self->pending = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                         g_free, g_object_unref);
  self->answering = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                           g_free, NULL);
  self->reload_job_id = -1;
}

StewardSession *
steward_session_new (const char *database_path)
{
  StewardSession *self;

  g_return_val_if_fail (database_path != NULL, NULL);

  self = g_object_new (STEWARD_TYPE_SESSION, NULL);
  self->database_path = g_strdup (database_path);

  return self;
}

/* Opens the database and starts its engine as @holder. When another
 * process already hosts the engine, this one watches and shows its work:
 * that is a success, with steward_session_get_other_holder() set. */
gboolean
steward_session_open (StewardSession  *self,
                      const char      *holder,
                      GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (STEWARD_IS_SESSION (self), FALSE);
  g_return_val_if_fail (holder != NULL, FALSE);
  g_return_val_if_fail (self->store == NULL, FALSE);

  self->store = steward_sqlite_store_new (self->database_path, &local_error);
  if (self->store == NULL)
    {
      self->open_error = g_strdup (local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  self->clock = steward_clock_new_system ();
  self->engine = steward_engine_new (self->store, self->clock);
  g_signal_connect_object (self->engine, "changed",
                           G_CALLBACK (on_engine_changed), self, 0);

  if (!steward_engine_start (self->engine, holder, &local_error))
    {
      if (!g_error_matches (local_error, STEWARD_ENGINE_ERROR,
                            STEWARD_ENGINE_ERROR_BUSY))
        {
          self->open_error = g_strdup (local_error->message);
          g_propagate_error (error, g_steal_pointer (&local_error));
          g_clear_object (&self->engine);
          return FALSE;
        }

      self->other_holder = steward_store_dup_lease_holder (self->store);
      if (self->other_holder == NULL)
        self->other_holder = g_strdup (local_error->message);
      g_debug ("Watching the engine of %s", self->other_holder);
      steward_engine_watch (self->engine);
    }

  steward_session_reload (self);

  return TRUE;
}

void
steward_session_close (StewardSession *self)
{
  g_return_if_fail (STEWARD_IS_SESSION (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);

  if (self->engine != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->engine, on_engine_changed, self);
      steward_engine_stop (self->engine);
    }
}

const char *
steward_session_get_database_path (StewardSession *self)
{
  g_return_val_if_fail (STEWARD_IS_SESSION (self), NULL);

  return self->database_path;
}

StewardStore *
steward_session_get_store (StewardSession *self)
{
  g_return_val_if_fail (STEWARD_IS_SESSION (self), NULL);

  return self->store;
}

StewardEngine *
steward_session_get_engine (StewardSession *self)
{
  g_return_val_if_fail (STEWARD_IS_SESSION (self), NULL);

  return self->engine;
}

gboolean
steward_session_get_hosting (StewardSession *self)
{
  g_return_val_if_fail (STEWARD_IS_SESSION (self), FALSE);

  return self->engine != NULL && steward_engine_get_hosting (self->engine);
}

/* Who hosts the engine when this session only watches, or NULL. */
const char *
steward_session_get_other_holder (StewardSession *self)
{
  g_return_val_if_fail (STEWARD_IS_SESSION (self), NULL);

  return self->other_holder;
}

/* Why the database could not be opened, or NULL. */
const char *
steward_session_get_open_error (StewardSession *self)
{
  g_return_val_if_fail (STEWARD_IS_SESSION (self), NULL);

  return self->open_error;
}

GListModel *
steward_session_get_jobs (StewardSession *self)
{
  g_return_val_if_fail (STEWARD_IS_SESSION (self), NULL);

  return G_LIST_MODEL (self->jobs);
}

/* The job with @job_id on the board, or NULL; borrowed. */
StewardJob *
steward_session_find_job (StewardSession *self,
                          gint64          job_id)
{
  StewardJob *job;
  guint position;

  g_return_val_if_fail (STEWARD_IS_SESSION (self), NULL);

  if (!find_job_position (G_LIST_MODEL (self->jobs), job_id, &position))
    return NULL;

  /* The model keeps its own reference. */
  job = g_list_model_get_item (G_LIST_MODEL (self->jobs), position);
  g_object_unref (job);

  return job;
}

/* The pending decisions of @job_id, kept up to date; borrowed. */
GListModel *
steward_session_get_pending (StewardSession *self,
                             gint64          job_id)
{
  GListStore *model;

  g_return_val_if_fail (STEWARD_IS_SESSION (self), NULL);

  model = g_hash_table_lookup (self->pending, &job_id);
  if (model == NULL)
    {
      g_autoptr(GPtrArray) decisions = NULL;
      g_autoptr(GError) error = NULL;

      model = g_list_store_new (STEWARD_TYPE_DECISION);
      g_hash_table_insert (self->pending, int64_dup (job_id), model);

      if (self->store == NULL)
        return G_LIST_MODEL (model);

      decisions = steward_store_list_decisions (self->store, job_id, TRUE, &error);
      if (decisions == NULL)
        g_warning ("Cannot list the decisions of job %" PRId64 ": %s",
                   job_id, error->message);
      else
        sync_decisions (model, decisions);
    }

  return G_LIST_MODEL (model);
}

/* Reads the jobs and pending decisions again, updating the objects the
 * models already hold and adding or removing only what changed. */
void
steward_session_reload (StewardSession *self)
{
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GError) error = NULL;
  guint n_items;

  g_return_if_fail (STEWARD_IS_SESSION (self));

  if (self->store == NULL)
    return;

  jobs = steward_store_list_jobs (self->store, &error);
  if (jobs == NULL)
    {
      g_warning ("Cannot list jobs: %s", error->message);
      return;
    }

  seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < jobs->len; i++)
    {
      StewardJob *fresh = g_ptr_array_index (jobs, i);
      gint64 id = steward_job_get_id (fresh);
      guint position;

      g_hash_table_add (seen, int64_dup (id));

      if (find_job_position (G_LIST_MODEL (self->jobs), id, &position))
        {
          g_autoptr(StewardJob) job = g_list_model_get_item (G_LIST_MODEL (self->jobs),
                                                             position);
          steward_job_update (job, fresh);
        }
      else
        {
          g_list_store_append (self->jobs, fresh);
        }
    }

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->jobs));
  for (guint i = n_items; i > 0; i--)
    {
      g_autoptr(StewardJob) job = g_list_model_get_item (G_LIST_MODEL (self->jobs), i - 1);
      gint64 id = steward_job_get_id (job);

      if (!g_hash_table_contains (seen, &id))
        {
          g_list_store_remove (self->jobs, i - 1);
          g_hash_table_remove (self->pending, &id);
        }
    }

  reload_pending (self);
}

gboolean
steward_session_is_answering (StewardSession *self,
                              gint64          decision_id)
{
  g_return_val_if_fail (STEWARD_IS_SESSION (self), FALSE);

  return g_hash_table_contains (self->answering, &decision_id);
}

/* How many answers and runs this session still waits for. */
guint
steward_session_get_n_busy (StewardSession *self)
{
  g_return_val_if_fail (STEWARD_IS_SESSION (self), 0);

  return g_hash_table_size (self->answering) + self->n_runs;
}

/* Approves or rejects a pending decision as the user. A second answer for
 * a decision whose first is still on its way fails with
 * STEWARD_ENGINE_ERROR_STATE, as one for an answered decision does: a
 * double click or a second notification button records nothing twice. */
void
steward_session_answer_async (StewardSession      *self,
                              gint64               decision_id,
                              gboolean             approve,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (STEWARD_IS_SESSION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, steward_session_answer_async);
  data = g_new0 (TaskData, 1);
  data->id = decision_id;
  g_task_set_task_data (task, data, g_free);

  if (self->engine == NULL)
    {
      g_task_return_new_error (task, STEWARD_ENGINE_ERROR,
                               STEWARD_ENGINE_ERROR_FAILED,
                               _("The database is not open"));
      return;
    }

  if (g_hash_table_contains (self->answering, &decision_id))
    {
      g_task_return_new_error (task, STEWARD_ENGINE_ERROR,
                               STEWARD_ENGINE_ERROR_STATE,
                               _("Decision %" PRId64 " is being answered already"),
                               decision_id);
      return;
    }

  g_hash_table_add (self->answering, int64_dup (decision_id));
  g_signal_emit (self, signals[ANSWER_STARTED], 0, decision_id);

  steward_engine_answer_async (self->engine, decision_id, approve,
                               g_get_user_name (), NULL, cancellable,
                               answer_cb, g_steal_pointer (&task));
}

StewardDecision *
steward_session_answer_finish (StewardSession  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (STEWARD_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
steward_session_run_job_async (StewardSession      *self,
                               gint64               job_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STEWARD_IS_SESSION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, steward_session_run_job_async);

  if (self->engine == NULL)
    {
      g_task_return_new_error (task, STEWARD_ENGINE_ERROR,
                               STEWARD_ENGINE_ERROR_FAILED,
                               _("The database is not open"));
      return;
    }

  self->n_runs++;
  steward_engine_run_job_async (self->engine, job_id, g_get_user_name (),
                                cancellable, run_job_cb, g_steal_pointer (&task));
}

StewardRun *
steward_session_run_job_finish (StewardSession  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (STEWARD_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
