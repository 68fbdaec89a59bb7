/* steward-engine.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "steward-clock.h"
#include "steward-contract.h"
#include "steward-store.h"

G_BEGIN_DECLS

#define STEWARD_ENGINE_ERROR (steward_engine_error_quark())

typedef enum
{
  STEWARD_ENGINE_ERROR_FAILED,
  STEWARD_ENGINE_ERROR_BUSY,        /* another engine serves the store */
  STEWARD_ENGINE_ERROR_NOT_FOUND,   /* no such job or decision */
  STEWARD_ENGINE_ERROR_STATE,       /* not possible in this state */
} StewardEngineError;

#define STEWARD_TYPE_ENGINE (steward_engine_get_type())

G_DECLARE_FINAL_TYPE (StewardEngine, steward_engine, STEWARD, ENGINE, GObject)

/* The engine turns inputs into runs, situations, decisions and actions.
 *
 * Every input (run now, approve, reject) is first committed to the
 * store's inbox. An engine that hosts (holds the store's lease, see
 * steward_engine_start()) then processes it; one that does not only
 * queues it and waits until the hosting engine has processed it.
 *
 * Signals:
 *  "changed" (gint64 job_id): something about a job changed, 0 for
 *    "reload everything" (also emitted when another process wrote);
 *  "decision-asked" (StewardDecision *): a decision waits for a person.
 *
 * Property "hosting" (boolean, read-only). */
StewardEngine    *steward_engine_new              (StewardStore         *store,
                                                   StewardClock         *clock);
StewardStore     *steward_engine_get_store        (StewardEngine        *self);
StewardClock     *steward_engine_get_clock        (StewardEngine        *self);

/* Takes the lease as @holder ("steward-ctl serve", "Steward window"),
 * resumes unfinished work from the inbox, arms the schedules. Fails with
 * STEWARD_ENGINE_ERROR_BUSY naming the current holder. */
gboolean          steward_engine_start            (StewardEngine        *self,
                                                   const char           *holder,
                                                   GError              **error);
void              steward_engine_stop             (StewardEngine        *self);
/* Whether a hosting engine fires schedule triggers (TRUE by default);
 * one-shot hosts such as `steward-ctl run` turn it off. */
void              steward_engine_set_run_schedules (StewardEngine       *self,
                                                   gboolean              enabled);
gboolean          steward_engine_get_hosting      (StewardEngine        *self);
/* TRUE while an input is being worked on; a host that is about to stop
 * waits for it to end rather than leave it half done. */
gboolean          steward_engine_get_busy         (StewardEngine        *self);
/* Watches the store for writes by other processes and emits "changed";
 * for an engine that does not host. */
void              steward_engine_watch            (StewardEngine        *self);

/* Creates a job from a valid contract and parameter texts (name ->
 * value; may be NULL). Needs no lease. */
StewardJob       *steward_engine_create_job       (StewardEngine        *self,
                                                   StewardContract      *contract,
                                                   GHashTable           *params,
                                                   const char           *actor,
                                                   GError              **error);

/* Runs a job once; completes when the run finished or waits for a
 * person, with the run record. */
void              steward_engine_run_job_async    (StewardEngine        *self,
                                                   gint64                job_id,
                                                   const char           *actor,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
StewardRun       *steward_engine_run_job_finish   (StewardEngine        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* Answers a pending decision; when approved, its action is sent before
 * this completes. Answering a decision that is no longer pending fails
 * with STEWARD_ENGINE_ERROR_STATE and changes nothing. */
void              steward_engine_answer_async     (StewardEngine        *self,
                                                   gint64                decision_id,
                                                   gboolean              approve,
                                                   const char           *actor,
                                                   const char           *note,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
StewardDecision  *steward_engine_answer_finish    (StewardEngine        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* Records that a person was told about @decision (notification sent). */
gboolean          steward_engine_mark_notified    (StewardEngine        *self,
                                                   gint64                decision_id,
                                                   GError              **error);

/* The next time a schedule fires (Unix µs), 0 when none is armed. */
gint64            steward_engine_get_next_wakeup  (StewardEngine        *self);

GQuark            steward_engine_error_quark      (void);

G_END_DECLS
