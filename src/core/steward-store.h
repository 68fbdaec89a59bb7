/* steward-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "steward-action.h"
#include "steward-audit-entry.h"
#include "steward-decision.h"
#include "steward-job.h"
#include "steward-run.h"
#include "steward-situation.h"

G_BEGIN_DECLS

#define STEWARD_STORE_ERROR (steward_store_error_quark())

typedef enum
{
  STEWARD_STORE_ERROR_FAILED,
  STEWARD_STORE_ERROR_NOT_FOUND,
  STEWARD_STORE_ERROR_BUSY,        /* the lease is held by someone else */
  STEWARD_STORE_ERROR_CORRUPT,     /* the audit chain or schema is broken */
  STEWARD_STORE_ERROR_TOO_NEW,     /* written by a newer Steward */
} StewardStoreError;

/* A pending input in the inbox: committed before it is acted on. */
typedef struct
{
  gint64  id;
  char   *kind;          /* "run", "approve", "reject" */
  gint64  job_id;
  gint64  decision_id;
  char   *actor;
  char   *payload_json;  /* a JSON object text, never NULL */
  gint64  created_at;
} StewardInboxEntry;

void steward_inbox_entry_free (StewardInboxEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StewardInboxEntry, steward_inbox_entry_free)

#define STEWARD_TYPE_STORE (steward_store_get_type ())

G_DECLARE_INTERFACE (StewardStore, steward_store, STEWARD, STORE, GObject)

/* Everything Steward keeps goes through this interface; nothing outside
 * a store speaks SQL. Times are Unix microseconds as given by the
 * caller (the engine's clock), never read by the store itself. Calls
 * are short and synchronous; a store is used from one thread.
 *
 * Writes outside a transaction commit at once. Between begin() and
 * commit() they commit together or (rollback()) not at all. */
struct _StewardStoreInterface
{
  GTypeInterface parent_iface;

  gboolean            (*begin)                  (StewardStore  *self,
                                                 GError       **error);
  gboolean            (*commit)                 (StewardStore  *self,
                                                 GError       **error);
  void                (*rollback)               (StewardStore  *self);

  /* The lease makes one engine per store. */
  gboolean            (*acquire_lease)          (StewardStore  *self,
                                                 const char    *holder,
                                                 GError       **error);
  void                (*release_lease)          (StewardStore  *self);
  char               *(*dup_lease_holder)       (StewardStore  *self);

  /* A file whose changes tell that another process wrote, or NULL. */
  GFile              *(*dup_change_file)        (StewardStore  *self);

  /* Jobs */
  gint64              (*insert_job)             (StewardStore  *self,
                                                 StewardJob    *job,
                                                 GError       **error);
  StewardJob         *(*dup_job)                (StewardStore  *self,
                                                 gint64         job_id,
                                                 GError       **error);
  GPtrArray          *(*list_jobs)              (StewardStore  *self,
                                                 GError       **error);
  gboolean            (*update_job)             (StewardStore  *self,
                                                 gint64         job_id,
                                                 StewardJobState state,
                                                 const char    *insight,
                                                 const char    *next_step,
                                                 const char    *error_message,
                                                 gint64         last_run_at,
                                                 GError       **error);

  /* Inbox */
  gint64              (*inbox_push)             (StewardStore  *self,
                                                 const char    *kind,
                                                 gint64         job_id,
                                                 gint64         decision_id,
                                                 const char    *actor,
                                                 const char    *payload_json,
                                                 gint64         now,
                                                 GError       **error);
  GPtrArray          *(*inbox_list_pending)     (StewardStore  *self,
                                                 GError       **error);
  gboolean            (*inbox_complete)         (StewardStore  *self,
                                                 gint64         entry_id,
                                                 const char    *result_json,
                                                 gint64         now,
                                                 GError       **error);
  /* TRUE and the result once the entry is completed, FALSE before. */
  gboolean            (*inbox_get_result)       (StewardStore  *self,
                                                 gint64         entry_id,
                                                 char         **result_json,
                                                 GError       **error);

  /* Runs */
  gint64              (*insert_run)             (StewardStore  *self,
                                                 gint64         job_id,
                                                 const char    *trigger,
                                                 gint64         now,
                                                 GError       **error);
  gboolean            (*append_run_step)        (StewardStore  *self,
                                                 gint64         run_id,
                                                 gint64         now,
                                                 const char    *text,
                                                 const char    *detail_json,
                                                 GError       **error);
  gboolean            (*finish_run)             (StewardStore  *self,
                                                 gint64         run_id,
                                                 StewardRunState state,
                                                 const char    *summary,
                                                 const char    *error_message,
                                                 gint64         now,
                                                 GError       **error);
  StewardRun         *(*dup_run)                (StewardStore  *self,
                                                 gint64         run_id,
                                                 GError       **error);
  GPtrArray          *(*list_runs)              (StewardStore  *self,
                                                 gint64         job_id,
                                                 GError       **error);

  /* Signals: the raw items a source delivered, each with its key. */
  gboolean            (*insert_signal)          (StewardStore  *self,
                                                 gint64         job_id,
                                                 gint64         run_id,
                                                 const char    *key,
                                                 const char    *item_json,
                                                 gint64         now,
                                                 GError       **error);

  /* Situations: at most one open situation per job and key. */
  StewardSituation   *(*find_open_situation)    (StewardStore  *self,
                                                 gint64         job_id,
                                                 const char    *key,
                                                 GError       **error);
  gint64              (*open_situation)         (StewardStore  *self,
                                                 gint64         job_id,
                                                 const char    *key,
                                                 const char    *title,
                                                 const char    *severity,
                                                 const char    *item_json,
                                                 gint64         now,
                                                 GError       **error);
  gboolean            (*touch_situation)        (StewardStore  *self,
                                                 gint64         situation_id,
                                                 const char    *title,
                                                 const char    *item_json,
                                                 gint64         now,
                                                 GError       **error);
  gboolean            (*resolve_situation)      (StewardStore  *self,
                                                 gint64         situation_id,
                                                 gint64         now,
                                                 GError       **error);
  GPtrArray          *(*list_situations)        (StewardStore  *self,
                                                 gint64         job_id,
                                                 gboolean       open_only,
                                                 GError       **error);

  /* Decisions: @decision's fields are inserted as given (id ignored). */
  gint64              (*insert_decision)        (StewardStore  *self,
                                                 StewardDecision *decision,
                                                 GError       **error);
  StewardDecision    *(*dup_decision)           (StewardStore  *self,
                                                 gint64         decision_id,
                                                 GError       **error);
  /* The latest decision taken for a situation, or NULL (no error). */
  StewardDecision    *(*find_decision_for_situation) (StewardStore *self,
                                                 gint64         situation_id,
                                                 GError       **error);
  gboolean            (*set_decision_status)    (StewardStore  *self,
                                                 gint64         decision_id,
                                                 StewardDecisionStatus status,
                                                 const char    *answered_by,
                                                 const char    *note,
                                                 const char    *error_message,
                                                 gint64         now,
                                                 GError       **error);
  gboolean            (*mark_decision_notified) (StewardStore  *self,
                                                 gint64         decision_id,
                                                 gint64         now,
                                                 GError       **error);
  /* @job_id 0 for all jobs. */
  GPtrArray          *(*list_decisions)         (StewardStore  *self,
                                                 gint64         job_id,
                                                 gboolean       pending_only,
                                                 GError       **error);

  /* Actions */
  gint64              (*insert_action)          (StewardStore  *self,
                                                 StewardAction *action,
                                                 GError       **error);
  /* Each update to "sent" or "failed" counts one attempt; going back
   * to "pending" (a retry) does not. */
  gboolean            (*update_action)          (StewardStore  *self,
                                                 gint64         action_id,
                                                 StewardActionState state,
                                                 int            status_code,
                                                 const char    *response,
                                                 const char    *error_message,
                                                 gint64         now,
                                                 GError       **error);
  GPtrArray          *(*list_actions)           (StewardStore  *self,
                                                 gint64         job_id,
                                                 GError       **error);
  /* Actions recorded but neither sent nor failed: to resume. */
  GPtrArray          *(*list_unfinished_actions)(StewardStore  *self,
                                                 GError       **error);
  /* Count and summed amount of a job's actions created since @since
   * that did not fail; for rate and budget limits. */
  gboolean            (*sum_actions_since)      (StewardStore  *self,
                                                 gint64         job_id,
                                                 gint64         since,
                                                 gint64        *count,
                                                 double        *amount,
                                                 GError       **error);

  /* Audit */
  gint64              (*append_audit)           (StewardStore  *self,
                                                 gint64         at,
                                                 const char    *actor,
                                                 const char    *kind,
                                                 gint64         job_id,
                                                 const char    *summary,
                                                 const char    *detail_json,
                                                 GError       **error);
  /* @job_id 0 for all. */
  GPtrArray          *(*list_audit)             (StewardStore  *self,
                                                 gint64         job_id,
                                                 GError       **error);
};

GQuark              steward_store_error_quark          (void);

gboolean            steward_store_begin                (StewardStore     *self,
                                                        GError          **error);
gboolean            steward_store_commit               (StewardStore     *self,
                                                        GError          **error);
void                steward_store_rollback             (StewardStore     *self);
gboolean            steward_store_acquire_lease        (StewardStore     *self,
                                                        const char       *holder,
                                                        GError          **error);
void                steward_store_release_lease        (StewardStore     *self);
char               *steward_store_dup_lease_holder     (StewardStore     *self);
GFile              *steward_store_dup_change_file      (StewardStore     *self);
gint64              steward_store_insert_job           (StewardStore     *self,
                                                        StewardJob       *job,
                                                        GError          **error);
StewardJob         *steward_store_dup_job              (StewardStore     *self,
                                                        gint64            job_id,
                                                        GError          **error);
GPtrArray          *steward_store_list_jobs            (StewardStore     *self,
                                                        GError          **error);
gboolean            steward_store_update_job           (StewardStore     *self,
                                                        gint64            job_id,
                                                        StewardJobState   state,
                                                        const char       *insight,
                                                        const char       *next_step,
                                                        const char       *error_message,
                                                        gint64            last_run_at,
                                                        GError          **error);
gint64              steward_store_inbox_push           (StewardStore     *self,
                                                        const char       *kind,
                                                        gint64            job_id,
                                                        gint64            decision_id,
                                                        const char       *actor,
                                                        const char       *payload_json,
                                                        gint64            now,
                                                        GError          **error);
GPtrArray          *steward_store_inbox_list_pending   (StewardStore     *self,
                                                        GError          **error);
gboolean            steward_store_inbox_complete       (StewardStore     *self,
                                                        gint64            entry_id,
                                                        const char       *result_json,
                                                        gint64            now,
                                                        GError          **error);
gboolean            steward_store_inbox_get_result     (StewardStore     *self,
                                                        gint64            entry_id,
                                                        char            **result_json,
                                                        GError          **error);
gint64              steward_store_insert_run           (StewardStore     *self,
                                                        gint64            job_id,
                                                        const char       *trigger,
                                                        gint64            now,
                                                        GError          **error);
gboolean            steward_store_append_run_step      (StewardStore     *self,
                                                        gint64            run_id,
                                                        gint64            now,
                                                        const char       *text,
                                                        const char       *detail_json,
                                                        GError          **error);
gboolean            steward_store_finish_run           (StewardStore     *self,
                                                        gint64            run_id,
                                                        StewardRunState   state,
                                                        const char       *summary,
                                                        const char       *error_message,
                                                        gint64            now,
                                                        GError          **error);
StewardRun         *steward_store_dup_run              (StewardStore     *self,
                                                        gint64            run_id,
                                                        GError          **error);
GPtrArray          *steward_store_list_runs            (StewardStore     *self,
                                                        gint64            job_id,
                                                        GError          **error);
gboolean            steward_store_insert_signal        (StewardStore     *self,
                                                        gint64            job_id,
                                                        gint64            run_id,
                                                        const char       *key,
                                                        const char       *item_json,
                                                        gint64            now,
                                                        GError          **error);
StewardSituation   *steward_store_find_open_situation  (StewardStore     *self,
                                                        gint64            job_id,
                                                        const char       *key,
                                                        GError          **error);
gint64              steward_store_open_situation       (StewardStore     *self,
                                                        gint64            job_id,
                                                        const char       *key,
                                                        const char       *title,
                                                        const char       *severity,
                                                        const char       *item_json,
                                                        gint64            now,
                                                        GError          **error);
gboolean            steward_store_touch_situation      (StewardStore     *self,
                                                        gint64            situation_id,
                                                        const char       *title,
                                                        const char       *item_json,
                                                        gint64            now,
                                                        GError          **error);
gboolean            steward_store_resolve_situation    (StewardStore     *self,
                                                        gint64            situation_id,
                                                        gint64            now,
                                                        GError          **error);
GPtrArray          *steward_store_list_situations      (StewardStore     *self,
                                                        gint64            job_id,
                                                        gboolean          open_only,
                                                        GError          **error);
gint64              steward_store_insert_decision      (StewardStore     *self,
                                                        StewardDecision  *decision,
                                                        GError          **error);
StewardDecision    *steward_store_dup_decision         (StewardStore     *self,
                                                        gint64            decision_id,
                                                        GError          **error);
StewardDecision    *steward_store_find_decision_for_situation
                                                       (StewardStore     *self,
                                                        gint64            situation_id,
                                                        GError          **error);
gboolean            steward_store_set_decision_status  (StewardStore     *self,
                                                        gint64            decision_id,
                                                        StewardDecisionStatus status,
                                                        const char       *answered_by,
                                                        const char       *note,
                                                        const char       *error_message,
                                                        gint64            now,
                                                        GError          **error);
gboolean            steward_store_mark_decision_notified
                                                       (StewardStore     *self,
                                                        gint64            decision_id,
                                                        gint64            now,
                                                        GError          **error);
GPtrArray          *steward_store_list_decisions       (StewardStore     *self,
                                                        gint64            job_id,
                                                        gboolean          pending_only,
                                                        GError          **error);
gint64              steward_store_insert_action        (StewardStore     *self,
                                                        StewardAction    *action,
                                                        GError          **error);
gboolean            steward_store_update_action        (StewardStore     *self,
                                                        gint64            action_id,
                                                        StewardActionState state,
                                                        int               status_code,
                                                        const char       *response,
                                                        const char       *error_message,
                                                        gint64            now,
                                                        GError          **error);
GPtrArray          *steward_store_list_actions         (StewardStore     *self,
                                                        gint64            job_id,
                                                        GError          **error);
GPtrArray          *steward_store_list_unfinished_actions
                                                       (StewardStore     *self,
                                                        GError          **error);
gboolean            steward_store_sum_actions_since    (StewardStore     *self,
                                                        gint64            job_id,
                                                        gint64            since,
                                                        gint64           *count,
                                                        double           *amount,
                                                        GError          **error);
gint64              steward_store_append_audit         (StewardStore     *self,
                                                        gint64            at,
                                                        const char       *actor,
                                                        const char       *kind,
                                                        gint64            job_id,
                                                        const char       *summary,
                                                        const char       *detail_json,
                                                        GError          **error);
GPtrArray          *steward_store_list_audit           (StewardStore     *self,
                                                        gint64            job_id,
                                                        GError          **error);
/* Walks the whole chain; FALSE with a STEWARD_STORE_ERROR_CORRUPT error
 * naming the first bad entry (and its seq in @bad_seq) when broken.
 * @checked receives the number of entries found intact. */
gboolean            steward_store_verify_audit         (StewardStore     *self,
                                                        gint64           *checked,
                                                        gint64           *bad_seq,
                                                        GError          **error);

G_END_DECLS
