/* steward-engine-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "steward-engine.h"

G_BEGIN_DECLS

struct _StewardEngine
{
  GObject       parent_instance;

  /* Owned references */
  StewardStore *store;
  StewardClock *clock;
  SoupSession  *session;
  GCancellable *cancellable;
  GFileMonitor *monitor;
  GHashTable   *waiters;         /* entry id (gint64*) -> GPtrArray of GTask */

  char         *holder;
  gboolean      hosting;
  gboolean      run_schedules;
  gboolean      processing;      /* an inbox entry is being worked on */
  guint         resuming;        /* resumed actions still being sent */
  guint         changed_source;  /* debounce of "changed" after writes */
  guint         poll_source;     /* a client waiting for another engine */
  guint         schedule_source;
  gint64        next_wakeup;
  gint64        next_job_id;
};

SoupSession *steward_engine_get_session (StewardEngine *self);

/* Writes one audit entry; failures are logged, never silent. */
gboolean steward_engine_audit          (StewardEngine  *self,
                                        const char     *actor,
                                        const char     *kind,
                                        gint64          job_id,
                                        const char     *summary,
                                        JsonObject     *detail,
                                        GError        **error);
void     steward_engine_emit_changed   (StewardEngine  *self,
                                        gint64          job_id);
void     steward_engine_emit_asked     (StewardEngine  *self,
                                        StewardDecision *decision);
/* Recomputes a job's state, insight and next step from the store. */
void     steward_engine_refresh_job    (StewardEngine  *self,
                                        gint64          job_id,
                                        const char     *insight,
                                        const char     *error_message,
                                        gboolean        ran);
void     steward_engine_reschedule     (StewardEngine  *self);

/* The work of one inbox entry (steward-engine-work.c). Completes with
 * the result object stored with the entry. */
void        steward_engine_work_async  (StewardEngine       *self,
                                        StewardInboxEntry   *entry,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
JsonObject *steward_engine_work_finish (StewardEngine       *self,
                                        GAsyncResult        *result);
/* Sends the actions recorded but not sent before a stop or a crash. */
void        steward_engine_resume_actions (StewardEngine    *self);
/* Runs left "running" by an engine that stopped or crashed: their input
 * is still in the inbox and is worked on again. */
void        steward_engine_fail_interrupted_runs (StewardEngine *self);

G_END_DECLS
