/* steward-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "steward-store.h"

G_DEFINE_INTERFACE (StewardStore, steward_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (steward-store-error-quark, steward_store_error)

static void
steward_store_default_init (StewardStoreInterface *iface)
{
}

void
steward_inbox_entry_free (StewardInboxEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->kind);
  g_free (entry->actor);
  g_free (entry->payload_json);
  g_free (entry);
}

gboolean
steward_store_begin (StewardStore  *self,
                     GError       **error)
{
  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return STEWARD_STORE_GET_IFACE (self)->begin (self, error);
}

gboolean
steward_store_commit (StewardStore  *self,
                      GError       **error)
{
  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return STEWARD_STORE_GET_IFACE (self)->commit (self, error);
}

void
steward_store_rollback (StewardStore *self)
{
  g_return_if_fail (STEWARD_IS_STORE (self));

  STEWARD_STORE_GET_IFACE (self)->rollback (self);
}

gboolean
steward_store_acquire_lease (StewardStore  *self,
                             const char    *holder,
                             GError       **error)
{
  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (holder != NULL && *holder != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return STEWARD_STORE_GET_IFACE (self)->acquire_lease (self, holder, error);
}

void
steward_store_release_lease (StewardStore *self)
{
  g_return_if_fail (STEWARD_IS_STORE (self));

  STEWARD_STORE_GET_IFACE (self)->release_lease (self);
}

/**
 * steward_store_dup_lease_holder:
 *
 * Returns: (transfer full) (nullable): who holds the lease, such as
 *   "steward-ctl serve (pid 4242)", or %NULL when nobody does
 */
char *
steward_store_dup_lease_holder (StewardStore *self)
{
  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);

  return STEWARD_STORE_GET_IFACE (self)->dup_lease_holder (self);
}

/**
 * steward_store_dup_change_file:
 *
 * Returns: (transfer full) (nullable): a file to watch for writes by
 *   other processes
 */
GFile *
steward_store_dup_change_file (StewardStore *self)
{
  StewardStoreInterface *iface;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);

  iface = STEWARD_STORE_GET_IFACE (self);
  if (iface->dup_change_file == NULL)
    return NULL;

  return iface->dup_change_file (self);
}

gint64
steward_store_insert_job (StewardStore  *self,
                          StewardJob    *job,
                          GError       **error)
{
  g_return_val_if_fail (STEWARD_IS_STORE (self), 0);
  g_return_val_if_fail (STEWARD_IS_JOB (job), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return STEWARD_STORE_GET_IFACE (self)->insert_job (self, job, error);
}

/**
 * steward_store_dup_job:
 *
 * Returns: (transfer full): the job, or %NULL with
 *   %STEWARD_STORE_ERROR_NOT_FOUND
 */
StewardJob *
steward_store_dup_job (StewardStore  *self,
                       gint64         job_id,
                       GError       **error)
{
  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return STEWARD_STORE_GET_IFACE (self)->dup_job (self, job_id, error);
}

/**
 * steward_store_list_jobs:
 *
 * Returns: (transfer container) (element-type StewardJob): every job,
 *   by id
 */
GPtrArray *
steward_store_list_jobs (StewardStore  *self,
                         GError       **error)
{
  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return STEWARD_STORE_GET_IFACE (self)->list_jobs (self, error);
}

gboolean
steward_store_update_job (StewardStore     *self,
                          gint64            job_id,
                          StewardJobState   state,
                          const char       *insight,
                          const char       *next_step,
                          const char       *error_message,
                          gint64            last_run_at,
                          GError          **error)
{
  StewardStoreInterface *iface;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (state <= STEWARD_JOB_STATE_CLOSED, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = STEWARD_STORE_GET_IFACE (self);

  return iface->update_job (self, job_id, state, insight, next_step,
                            error_message, last_run_at, error);
}

gint64
steward_store_inbox_push (StewardStore  *self,
                          const char    *kind,
                          gint64         job_id,
                          gint64         decision_id,
                          const char    *actor,
                          const char    *payload_json,
                          gint64         now,
                          GError       **error)
{
  StewardStoreInterface *iface;

  g_return_val_if_fail (STEWARD_IS_STORE (self), 0);
  g_return_val_if_fail (kind != NULL && *kind != '\0', 0);
  g_return_val_if_fail (job_id >= 0 && decision_id >= 0, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  iface = STEWARD_STORE_GET_IFACE (self);

  return iface->inbox_push (self, kind, job_id, decision_id, actor,
                            payload_json, now, error);
}

/**
 * steward_store_inbox_list_pending:
 *
 * Returns: (transfer container) (element-type StewardInboxEntry): the
 *   entries not completed yet, oldest first
 */
GPtrArray *
steward_store_inbox_list_pending (StewardStore  *self,
                                  GError       **error)
{
  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return STEWARD_STORE_GET_IFACE (self)->inbox_list_pending (self, error);
}

gboolean
steward_store_inbox_complete (StewardStore  *self,
                              gint64         entry_id,
                              const char    *result_json,
                              gint64         now,
                              GError       **error)
{
  StewardStoreInterface *iface;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = STEWARD_STORE_GET_IFACE (self);

  return iface->inbox_complete (self, entry_id, result_json, now, error);
}

/**
 * steward_store_inbox_get_result:
 * @result_json: (out) (optional) (transfer full): the result, once
 *   completed
 *
 * Returns: %TRUE once the entry is completed; %FALSE before, or with
 *   @error set when it could not be read
 */
gboolean
steward_store_inbox_get_result (StewardStore  *self,
                                gint64         entry_id,
                                char         **result_json,
                                GError       **error)
{
  StewardStoreInterface *iface;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (result_json != NULL)
    *result_json = NULL;

  iface = STEWARD_STORE_GET_IFACE (self);

  return iface->inbox_get_result (self, entry_id, result_json, error);
}

gint64
steward_store_insert_run (StewardStore  *self,
                          gint64         job_id,
                          const char    *trigger,
                          gint64         now,
                          GError       **error)
{
  g_return_val_if_fail (STEWARD_IS_STORE (self), 0);
  g_return_val_if_fail (trigger != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return STEWARD_STORE_GET_IFACE (self)->insert_run (self, job_id, trigger, now, error);
}

gboolean
steward_store_append_run_step (StewardStore  *self,
                               gint64         run_id,
                               gint64         now,
                               const char    *text,
                               const char    *detail_json,
                               GError       **error)
{
  StewardStoreInterface *iface;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = STEWARD_STORE_GET_IFACE (self);

  return iface->append_run_step (self, run_id, now, text, detail_json, error);
}

gboolean
steward_store_finish_run (StewardStore     *self,
                          gint64            run_id,
                          StewardRunState   state,
                          const char       *summary,
                          const char       *error_message,
                          gint64            now,
                          GError          **error)
{
  StewardStoreInterface *iface;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (state <= STEWARD_RUN_FAILED, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = STEWARD_STORE_GET_IFACE (self);

  return iface->finish_run (self, run_id, state, summary, error_message, now, error);
}

/**
 * steward_store_dup_run:
 *
 * Returns: (transfer full): the run, or %NULL with
 *   %STEWARD_STORE_ERROR_NOT_FOUND
 */
StewardRun *
steward_store_dup_run (StewardStore  *self,
                       gint64         run_id,
                       GError       **error)
{
  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return STEWARD_STORE_GET_IFACE (self)->dup_run (self, run_id, error);
}

/**
 * steward_store_list_runs:
 * @job_id: a job, or 0 for all
 *
 * Returns: (transfer container) (element-type StewardRun): newest first
 */
GPtrArray *
steward_store_list_runs (StewardStore  *self,
                         gint64         job_id,
                         GError       **error)
{
  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (job_id >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return STEWARD_STORE_GET_IFACE (self)->list_runs (self, job_id, error);
}

gboolean
steward_store_insert_signal (StewardStore  *self,
                             gint64         job_id,
                             gint64         run_id,
                             const char    *key,
                             const char    *item_json,
                             gint64         now,
                             GError       **error)
{
  StewardStoreInterface *iface;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (run_id >= 0, FALSE);
  g_return_val_if_fail (item_json != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = STEWARD_STORE_GET_IFACE (self);

  return iface->insert_signal (self, job_id, run_id, key, item_json, now, error);
}

/**
 * steward_store_find_open_situation:
 *
 * Returns: (transfer full) (nullable): the open situation of @job_id
 *   for @key; %NULL without an error when there is none
 */
StewardSituation *
steward_store_find_open_situation (StewardStore  *self,
                                   gint64         job_id,
                                   const char    *key,
                                   GError       **error)
{
  StewardStoreInterface *iface;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = STEWARD_STORE_GET_IFACE (self);

  return iface->find_open_situation (self, job_id, key, error);
}

gint64
steward_store_open_situation (StewardStore  *self,
                              gint64         job_id,
                              const char    *key,
                              const char    *title,
                              const char    *severity,
                              const char    *item_json,
                              gint64         now,
                              GError       **error)
{
  StewardStoreInterface *iface;

  g_return_val_if_fail (STEWARD_IS_STORE (self), 0);
  g_return_val_if_fail (key != NULL, 0);
  g_return_val_if_fail (title != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  iface = STEWARD_STORE_GET_IFACE (self);

  return iface->open_situation (self, job_id, key, title, severity,
                                item_json, now, error);
}

gboolean
steward_store_touch_situation (StewardStore  *self,
                               gint64         situation_id,
                               const char    *title,
                               const char    *item_json,
                               gint64         now,
                               GError       **error)
{
  StewardStoreInterface *iface;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = STEWARD_STORE_GET_IFACE (self);

  return iface->touch_situation (self, situation_id, title, item_json, now, error);
}

gboolean
steward_store_resolve_situation (StewardStore  *self,
                                 gint64         situation_id,
                                 gint64         now,
                                 GError       **error)
{
  StewardStoreInterface *iface;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = STEWARD_STORE_GET_IFACE (self);

  return iface->resolve_situation (self, situation_id, now, error);
}

/**
 * steward_store_list_situations:
 * @job_id: a job, or 0 for all
 *
 * Returns: (transfer container) (element-type StewardSituation): open
 *   ones first, then newest first
 */
GPtrArray *
steward_store_list_situations (StewardStore  *self,
                               gint64         job_id,
                               gboolean       open_only,
                               GError       **error)
{
  StewardStoreInterface *iface;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (job_id >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = STEWARD_STORE_GET_IFACE (self);

  return iface->list_situations (self, job_id, open_only, error);
}

gint64
steward_store_insert_decision (StewardStore     *self,
                               StewardDecision  *decision,
                               GError          **error)
{
  StewardStoreInterface *iface;

  g_return_val_if_fail (STEWARD_IS_STORE (self), 0);
  g_return_val_if_fail (STEWARD_IS_DECISION (decision), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  iface = STEWARD_STORE_GET_IFACE (self);

  return iface->insert_decision (self, decision, error);
}

/**
 * steward_store_dup_decision:
 *
 * Returns: (transfer full): the decision, or %NULL with
 *   %STEWARD_STORE_ERROR_NOT_FOUND
 */
StewardDecision *
steward_store_dup_decision (StewardStore  *self,
                            gint64         decision_id,
                            GError       **error)
{
  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return STEWARD_STORE_GET_IFACE (self)->dup_decision (self, decision_id, error);
}

/**
 * steward_store_find_decision_for_situation:
 *
 * Returns: (transfer full) (nullable): the latest decision taken for
 *   @situation_id; %NULL without an error when there is none
 */
StewardDecision *
steward_store_find_decision_for_situation (StewardStore  *self,
                                           gint64         situation_id,
                                           GError       **error)
{
  StewardStoreInterface *iface;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = STEWARD_STORE_GET_IFACE (self);

  return iface->find_decision_for_situation (self, situation_id, error);
}

gboolean
steward_store_set_decision_status (StewardStore           *self,
                                   gint64                  decision_id,
                                   StewardDecisionStatus   status,
                                   const char             *answered_by,
                                   const char             *note,
                                   const char             *error_message,
                                   gint64                  now,
                                   GError                **error)
{
  StewardStoreInterface *iface;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (status <= STEWARD_DECISION_STATUS_FAILED, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = STEWARD_STORE_GET_IFACE (self);

  return iface->set_decision_status (self, decision_id, status, answered_by,
                                     note, error_message, now, error);
}

gboolean
steward_store_mark_decision_notified (StewardStore  *self,
                                      gint64         decision_id,
                                      gint64         now,
                                      GError       **error)
{
  StewardStoreInterface *iface;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = STEWARD_STORE_GET_IFACE (self);

  return iface->mark_decision_notified (self, decision_id, now, error);
}

/**
 * steward_store_list_decisions:
 * @job_id: a job, or 0 for all
 *
 * Returns: (transfer container) (element-type StewardDecision): newest
 *   first
 */
GPtrArray *
steward_store_list_decisions (StewardStore  *self,
                              gint64         job_id,
                              gboolean       pending_only,
                              GError       **error)
{
  StewardStoreInterface *iface;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (job_id >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = STEWARD_STORE_GET_IFACE (self);

  return iface->list_decisions (self, job_id, pending_only, error);
}

gint64
steward_store_insert_action (StewardStore   *self,
                             StewardAction  *action,
                             GError        **error)
{
  g_return_val_if_fail (STEWARD_IS_STORE (self), 0);
  g_return_val_if_fail (STEWARD_IS_ACTION (action), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return STEWARD_STORE_GET_IFACE (self)->insert_action (self, action, error);
}

gboolean
steward_store_update_action (StewardStore        *self,
                             gint64               action_id,
                             StewardActionState   state,
                             int                  status_code,
                             const char          *response,
                             const char          *error_message,
                             gint64               now,
                             GError             **error)
{
  StewardStoreInterface *iface;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (state <= STEWARD_ACTION_FAILED, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = STEWARD_STORE_GET_IFACE (self);

  return iface->update_action (self, action_id, state, status_code, response,
                               error_message, now, error);
}

/**
 * steward_store_list_actions:
 * @job_id: a job, or 0 for all
 *
 * Returns: (transfer container) (element-type StewardAction): newest
 *   first
 */
GPtrArray *
steward_store_list_actions (StewardStore  *self,
                            gint64         job_id,
                            GError       **error)
{
  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (job_id >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return STEWARD_STORE_GET_IFACE (self)->list_actions (self, job_id, error);
}

/**
 * steward_store_list_unfinished_actions:
 *
 * Returns: (transfer container) (element-type StewardAction): oldest
 *   first, the order in which they were meant to go out
 */
GPtrArray *
steward_store_list_unfinished_actions (StewardStore  *self,
                                       GError       **error)
{
  StewardStoreInterface *iface;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = STEWARD_STORE_GET_IFACE (self);

  return iface->list_unfinished_actions (self, error);
}

gboolean
steward_store_sum_actions_since (StewardStore  *self,
                                 gint64         job_id,
                                 gint64         since,
                                 gint64        *count,
                                 double        *amount,
                                 GError       **error)
{
  StewardStoreInterface *iface;
  gint64 dummy_count;
  double dummy_amount;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = STEWARD_STORE_GET_IFACE (self);

  return iface->sum_actions_since (self, job_id, since,
                                   count ? count : &dummy_count,
                                   amount ? amount : &dummy_amount,
                                   error);
}

/**
 * steward_store_append_audit:
 * @job_id: the job the entry is about, or 0
 * @detail_json: (nullable): a JSON text with the details
 *
 * Returns: the new entry's seq, or 0 with @error set
 */
gint64
steward_store_append_audit (StewardStore  *self,
                            gint64         at,
                            const char    *actor,
                            const char    *kind,
                            gint64         job_id,
                            const char    *summary,
                            const char    *detail_json,
                            GError       **error)
{
  StewardStoreInterface *iface;

  g_return_val_if_fail (STEWARD_IS_STORE (self), 0);
  g_return_val_if_fail (actor != NULL, 0);
  g_return_val_if_fail (kind != NULL && *kind != '\0', 0);
  g_return_val_if_fail (job_id >= 0, 0);
  g_return_val_if_fail (summary != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  iface = STEWARD_STORE_GET_IFACE (self);

  return iface->append_audit (self, at, actor, kind, job_id, summary,
                              detail_json, error);
}

/**
 * steward_store_list_audit:
 * @job_id: a job, or 0 for all
 *
 * Returns: (transfer container) (element-type StewardAuditEntry): by seq
 */
GPtrArray *
steward_store_list_audit (StewardStore  *self,
                          gint64         job_id,
                          GError       **error)
{
  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (job_id >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return STEWARD_STORE_GET_IFACE (self)->list_audit (self, job_id, error);
}

static char *
format_entry_time (gint64 us)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);

  if (dt == NULL)
    return g_strdup ("?");

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/* Checks one entry against the one before it (@prev_hash, "" for the
 * first). The content is checked before the link: an edited prev_hash
 * also breaks the entry's own hash, and is then reported as an edit of
 * that entry, which is what it is. */
static gboolean
check_entry (StewardAuditEntry  *entry,
             const char         *prev_hash,
             GError            **error)
{
  gint64 seq = steward_audit_entry_get_seq (entry);
  g_autofree char *expected = NULL;
  g_autofree char *when = NULL;

  expected = steward_audit_compute_hash (seq,
                                         steward_audit_entry_get_at (entry),
                                         steward_audit_entry_get_actor (entry),
                                         steward_audit_entry_get_kind (entry),
                                         steward_audit_entry_get_job_id (entry),
                                         steward_audit_entry_get_summary (entry),
                                         steward_audit_entry_get_detail_json (entry),
                                         steward_audit_entry_get_prev_hash (entry));
  when = format_entry_time (steward_audit_entry_get_at (entry));

  if (g_strcmp0 (expected, steward_audit_entry_get_hash (entry)) != 0)
    {
      g_set_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_CORRUPT,
                   _("audit entry %lld (%s, %s) was altered: its hash does "
                     "not match its content"),
                   (long long) seq, steward_audit_entry_get_kind (entry), when);
      return FALSE;
    }

  if (g_strcmp0 (prev_hash, steward_audit_entry_get_prev_hash (entry)) != 0)
    {
      if (seq == 1)
        g_set_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_CORRUPT,
                     _("audit entry 1 (%s, %s) does not start the log: it "
                       "names an entry before it"),
                     steward_audit_entry_get_kind (entry), when);
      else
        g_set_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_CORRUPT,
                     _("audit entry %lld (%s, %s) does not follow entry %lld"),
                     (long long) seq, steward_audit_entry_get_kind (entry), when,
                     (long long) seq - 1);
      return FALSE;
    }

  return TRUE;
}

/* Works on any store, as it only needs the entries in order. Entries
 * are numbered from 1 without gaps, so a deleted entry shows as a
 * missing number even before its successor's link is checked.
 *
 * FIXME: removing the newest entries leaves a shorter chain that is
 * intact; only an anchor kept elsewhere (the last hash of an earlier
 * export) shows that, and nothing keeps one yet. */
gboolean
steward_store_verify_audit (StewardStore  *self,
                            gint64        *checked,
                            gint64        *bad_seq,
                            GError       **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  const char *prev_hash = "";
  gint64 expected_seq = 1;
  gint64 intact = 0;
  gint64 bad = 0;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  entries = steward_store_list_audit (self, 0, error);
  if (entries == NULL)
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      StewardAuditEntry *entry = g_ptr_array_index (entries, i);
      gint64 seq = steward_audit_entry_get_seq (entry);

      if (seq > expected_seq)
        {
          bad = expected_seq;
          g_set_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_CORRUPT,
                       _("audit entry %lld is missing: the log goes from "
                         "entry %lld to entry %lld"),
                       (long long) expected_seq, (long long) expected_seq - 1,
                       (long long) seq);
          break;
        }

      if (seq < expected_seq)
        {
          bad = seq;
          g_set_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_CORRUPT,
                       _("audit entry %lld is out of place: it comes after "
                         "entry %lld"),
                       (long long) seq, (long long) expected_seq - 1);
          break;
        }

      if (!check_entry (entry, prev_hash, error))
        {
          bad = seq;
          break;
        }

      prev_hash = steward_audit_entry_get_hash (entry);
      expected_seq++;
      intact++;
    }

  if (checked != NULL)
    *checked = intact;
  if (bad_seq != NULL)
    *bad_seq = bad;

  return bad == 0;
}
