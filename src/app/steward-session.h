/* steward-session.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "steward-core.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_SESSION (steward_session_get_type())

G_DECLARE_FINAL_TYPE (StewardSession, steward_session, STEWARD, SESSION, GObject)

/* The application's long-lived state: the store, the engine and the
 * models the windows show. Windows come and go around it.
 *
 * Signals:
 *  "changed" (gint64 job_id): the models were reloaded after the engine
 *    reported a change, 0 when more than one job changed;
 *  "answer-started" (gint64 decision_id);
 *  "answer-finished" (gint64 decision_id, const char *error_message):
 *    the message is NULL on success. */
StewardSession   *steward_session_new                (const char           *database_path);
gboolean          steward_session_open               (StewardSession       *self,
                                                      const char           *holder,
                                                      GError              **error);
void              steward_session_close              (StewardSession       *self);
const char       *steward_session_get_database_path  (StewardSession       *self);
StewardStore     *steward_session_get_store          (StewardSession       *self);
StewardEngine    *steward_session_get_engine         (StewardSession       *self);
gboolean          steward_session_get_hosting        (StewardSession       *self);
const char       *steward_session_get_other_holder   (StewardSession       *self);
const char       *steward_session_get_open_error     (StewardSession       *self);
GListModel       *steward_session_get_jobs           (StewardSession       *self);
StewardJob       *steward_session_find_job           (StewardSession       *self,
                                                      gint64                job_id);
GListModel       *steward_session_get_pending        (StewardSession       *self,
                                                      gint64                job_id);
void              steward_session_reload             (StewardSession       *self);
gboolean          steward_session_is_answering       (StewardSession       *self,
                                                      gint64                decision_id);
guint             steward_session_get_n_busy         (StewardSession       *self);
void              steward_session_answer_async       (StewardSession       *self,
                                                      gint64                decision_id,
                                                      gboolean              approve,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
StewardDecision  *steward_session_answer_finish      (StewardSession       *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void              steward_session_run_job_async      (StewardSession       *self,
                                                      gint64                job_id,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
StewardRun       *steward_session_run_job_finish     (StewardSession       *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

G_END_DECLS
