/* steward-sqlite-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-sqlite-store"

#include "config.h"

/* For the open-file-description locks (F_OFD_SETLK) of the lease. */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "steward-action-private.h"
#include "steward-audit-entry-private.h"
#include "steward-decision-private.h"
#include "steward-job-private.h"
#include "steward-run-private.h"
#include "steward-situation-private.h"
#include "steward-sqlite-store.h"

/* The desktop store: one SQLite file in WAL mode, so that the window,
 * the CLI and a headless engine can read while one of them writes.
 *
 * Transactions nest: the outermost begin() is a BEGIN IMMEDIATE (the
 * write lock is taken at once, so a transaction that reads and then
 * writes never fails half-way on a lock), inner ones are SAVEPOINTs,
 * so that rolling back an inner level undoes only that level. A
 * commit() that fails has already rolled its level back.
 *
 * Every SQL text is a constant of this file; values only ever reach
 * SQLite as bound parameters. */
struct _StewardSqliteStore
{
  GObject      parent_instance;

  char        *path;
  sqlite3     *db;
  GHashTable  *statements;     /* SQL text -> sqlite3_stmt, prepared once */
  guint        depth;          /* open transaction levels */

  int          lease_fd;       /* -1 while the lease is not held */
  char        *lease_holder;
};

static void store_iface_init (StewardStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StewardSqliteStore, steward_sqlite_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STEWARD_TYPE_STORE, store_iface_init))

/* A cached statement borrowed for the length of a scope: leaving the
 * scope resets it, which also ends its read of the database (an
 * unreset statement would pin an old snapshot of the WAL). */
typedef sqlite3_stmt Statement;

static void
statement_release (Statement *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Statement, statement_release)

static void
statement_finalize (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

typedef gpointer (*RowReader) (sqlite3_stmt *stmt);

/* Schema steps, applied in order, one transaction each; the index of
 * the step is the user_version it upgrades from. */
static const char * const migrations[] = {
  /* 0 -> 1: the first schema */
  "CREATE TABLE jobs ("
  "  id               INTEGER PRIMARY KEY,"
  "  title            TEXT NOT NULL,"
  "  goal             TEXT,"
  "  owner            TEXT,"
  "  state            TEXT NOT NULL,"
  "  autonomy         TEXT NOT NULL,"
  "  contract_json    TEXT NOT NULL CHECK (json_valid (contract_json)),"
  "  params_json      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid (params_json)),"
  "  contract_version INTEGER NOT NULL DEFAULT 1,"
  "  insight          TEXT,"
  "  next_step        TEXT,"
  "  error            TEXT,"
  "  created_at       INTEGER NOT NULL,"
  "  last_run_at      INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE inbox ("
  "  id           INTEGER PRIMARY KEY,"
  "  kind         TEXT NOT NULL,"
  "  job_id       INTEGER REFERENCES jobs (id),"
  "  decision_id  INTEGER REFERENCES decisions (id),"
  "  actor        TEXT,"
  "  payload_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid (payload_json)),"
  "  created_at   INTEGER NOT NULL,"
  "  completed_at INTEGER,"
  "  result_json  TEXT CHECK (result_json IS NULL OR json_valid (result_json))"
  ");"
  "CREATE INDEX inbox_pending ON inbox (id) WHERE completed_at IS NULL;"
  "CREATE TABLE runs ("
  "  id          INTEGER PRIMARY KEY,"
  "  job_id      INTEGER NOT NULL REFERENCES jobs (id),"
  "  trigger     TEXT NOT NULL,"
  "  state       TEXT NOT NULL,"
  "  started_at  INTEGER NOT NULL,"
  "  finished_at INTEGER NOT NULL DEFAULT 0,"
  "  summary     TEXT,"
  "  error       TEXT,"
  "  steps_json  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid (steps_json))"
  ");"
  "CREATE INDEX runs_job ON runs (job_id, started_at);"
  "CREATE TABLE signals ("
  "  id          INTEGER PRIMARY KEY,"
  "  job_id      INTEGER NOT NULL REFERENCES jobs (id),"
  "  run_id      INTEGER REFERENCES runs (id),"
  "  key         TEXT,"
  "  item_json   TEXT NOT NULL CHECK (json_valid (item_json)),"
  "  received_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX signals_job ON signals (job_id);"
  "CREATE TABLE situations ("
  "  id          INTEGER PRIMARY KEY,"
  "  job_id      INTEGER NOT NULL REFERENCES jobs (id),"
  "  key         TEXT NOT NULL,"
  "  title       TEXT NOT NULL,"
  "  state       TEXT NOT NULL,"
  "  severity    TEXT,"
  "  first_seen  INTEGER NOT NULL,"
  "  last_seen   INTEGER NOT NULL,"
  "  resolved_at INTEGER NOT NULL DEFAULT 0,"
  "  count       INTEGER NOT NULL DEFAULT 1,"
  "  item_json   TEXT CHECK (item_json IS NULL OR json_valid (item_json))"
  ");"
  "CREATE UNIQUE INDEX situations_open_key ON situations (job_id, key)"
  "  WHERE state = 'open';"
  "CREATE INDEX situations_job ON situations (job_id, state);"
  "CREATE TABLE decisions ("
  "  id               INTEGER PRIMARY KEY,"
  "  job_id           INTEGER NOT NULL REFERENCES jobs (id),"
  "  situation_id     INTEGER REFERENCES situations (id),"
  "  run_id           INTEGER REFERENCES runs (id),"
  "  kind             TEXT NOT NULL,"
  "  status           TEXT NOT NULL,"
  "  summary          TEXT NOT NULL,"
  "  amount           REAL,"
  "  currency         TEXT,"
  "  explanation_json TEXT"
  "    CHECK (explanation_json IS NULL OR json_valid (explanation_json)),"
  "  action_json      TEXT CHECK (action_json IS NULL OR json_valid (action_json)),"
  "  created_at       INTEGER NOT NULL,"
  "  answered_at      INTEGER NOT NULL DEFAULT 0,"
  "  answered_by      TEXT,"
  "  note             TEXT,"
  "  error            TEXT,"
  "  notified_at      INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX decisions_job ON decisions (job_id, status);"
  "CREATE INDEX decisions_situation ON decisions (situation_id);"
  "CREATE TABLE actions ("
  "  id              INTEGER PRIMARY KEY,"
  "  job_id          INTEGER NOT NULL REFERENCES jobs (id),"
  "  decision_id     INTEGER REFERENCES decisions (id),"
  "  capability      TEXT NOT NULL,"
  "  idempotency_key TEXT NOT NULL UNIQUE,"
  "  request_json    TEXT NOT NULL CHECK (json_valid (request_json)),"
  "  state           TEXT NOT NULL,"
  "  attempts        INTEGER NOT NULL DEFAULT 0,"
  "  status_code     INTEGER NOT NULL DEFAULT 0,"
  "  response        TEXT,"
  "  error           TEXT,"
  "  amount          REAL NOT NULL DEFAULT 0,"
  "  created_at      INTEGER NOT NULL,"
  "  finished_at     INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX actions_job ON actions (job_id, created_at);"
  "CREATE TABLE audit ("
  "  seq         INTEGER PRIMARY KEY,"
  "  at          INTEGER NOT NULL,"
  "  actor       TEXT NOT NULL,"
  "  kind        TEXT NOT NULL,"
  "  job_id      INTEGER NOT NULL DEFAULT 0,"
  "  summary     TEXT NOT NULL,"
  "  detail_json TEXT,"
  "  prev_hash   TEXT NOT NULL,"
  "  hash        TEXT NOT NULL"
  ");"
  "CREATE INDEX audit_job ON audit (job_id, seq);"
  /* Not a defence against someone with the file (the hash chain is),
   * but against a mistake in code that means well. */
  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN"
  "  SELECT RAISE (ABORT, 'the audit log is append-only');"
  "END;"
  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN"
  "  SELECT RAISE (ABORT, 'the audit log is append-only');"
  "END;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == STEWARD_SQLITE_SCHEMA_VERSION);

/* The job counters are computed from the rows they count, so that they
 * can never drift from them. */
#define JOB_COLUMNS \
  "j.id, j.title, j.goal, j.owner, j.state, j.autonomy, j.contract_json," \
  " j.params_json, j.contract_version, j.insight, j.next_step, j.error," \
  " j.created_at, j.last_run_at," \
  " (SELECT count(*) FROM signals s WHERE s.job_id = j.id)," \
  " (SELECT count(*) FROM situations s WHERE s.job_id = j.id)," \
  " (SELECT count(*) FROM situations s" \
  "   WHERE s.job_id = j.id AND s.state = 'open')," \
  " (SELECT count(*) FROM decisions d" \
  "   WHERE d.job_id = j.id AND d.status = 'pending')"

#define RUN_COLUMNS \
  "id, job_id, trigger, state, started_at, finished_at, summary, error," \
  " steps_json"

#define SITUATION_COLUMNS \
  "id, job_id, key, title, state, severity, first_seen, last_seen," \
  " resolved_at, count, item_json"

#define DECISION_COLUMNS \
  "d.id, d.job_id, d.situation_id, d.run_id, s.title, j.title, d.kind," \
  " d.status, d.summary, d.amount, d.currency, d.explanation_json," \
  " d.action_json, d.created_at, d.answered_at, d.answered_by, d.note," \
  " d.error, d.notified_at"

#define DECISION_FROM \
  " FROM decisions d" \
  " LEFT JOIN situations s ON s.id = d.situation_id" \
  " LEFT JOIN jobs j ON j.id = d.job_id"

#define ACTION_COLUMNS \
  "id, job_id, decision_id, capability, idempotency_key, request_json," \
  " state, attempts, status_code, response, error, amount, created_at," \
  " finished_at"

#define AUDIT_COLUMNS \
  "seq, at, actor, kind, job_id, summary, detail_json, prev_hash, hash"

/* Helpers */

static void
set_sqlite_error (StewardSqliteStore  *self,
                  GError             **error,
                  const char          *doing)
{
  int code = sqlite3_errcode (self->db);
  StewardStoreError kind = STEWARD_STORE_ERROR_FAILED;

  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
    kind = STEWARD_STORE_ERROR_CORRUPT;

  g_set_error (error, STEWARD_STORE_ERROR, kind,
               "%s: %s", doing, sqlite3_errmsg (self->db));
}

static gboolean
exec_sql (StewardSqliteStore  *self,
          const char          *sql,
          const char          *doing,
          GError             **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self, error, doing);
      return FALSE;
    }

  return TRUE;
}

/* Returns a cached statement; use it as g_autoptr(Statement). */
static Statement *
prepare (StewardSqliteStore  *self,
         const char          *sql,
         const char          *doing,
         GError             **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    return stmt;

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
                          &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self, error, doing);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);

  return stmt;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/* Row ids start at 1; 0 means "none" and is kept as NULL, which the
 * foreign keys accept. */
static void
bind_id (sqlite3_stmt *stmt,
         int           index,
         gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           index)
{
  const unsigned char *text = sqlite3_column_text (stmt, index);

  return text ? g_strdup ((const char *) text) : NULL;
}

static void
warn_unknown (const char   *what,
              sqlite3_stmt *stmt,
              int           index)
{
  g_warning ("Unknown %s '%s' in the database (row %lld); using a default",
             what, (const char *) sqlite3_column_text (stmt, index),
             (long long) sqlite3_column_int64 (stmt, 0));
}

/* Runs a statement that returns no rows. */
static gboolean
step_write (StewardSqliteStore  *self,
            sqlite3_stmt        *stmt,
            const char          *doing,
            GError             **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;

  set_sqlite_error (self, error, doing);

  return FALSE;
}

static GPtrArray *
fetch_all (StewardSqliteStore  *self,
           sqlite3_stmt        *stmt,
           RowReader            reader,
           const char          *doing,
           GError             **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, reader (stmt));

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, doing);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/* FALSE on error; otherwise *@row is the first row, or NULL for none. */
static gboolean
fetch_one (StewardSqliteStore  *self,
           sqlite3_stmt        *stmt,
           RowReader            reader,
           gpointer            *row,
           const char          *doing,
           GError             **error)
{
  int rc = sqlite3_step (stmt);

  *row = NULL;

  if (rc == SQLITE_ROW)
    {
      *row = reader (stmt);
      return TRUE;
    }

  if (rc == SQLITE_DONE)
    return TRUE;

  set_sqlite_error (self, error, doing);

  return FALSE;
}

/* Row readers: the column order is that of the *_COLUMNS macros. */

static gpointer
job_from_row (sqlite3_stmt *stmt)
{
  StewardJob *job = steward_job_new_empty ();

  job->id = sqlite3_column_int64 (stmt, 0);
  job->title = column_text (stmt, 1);
  job->goal = column_text (stmt, 2);
  job->owner = column_text (stmt, 3);
  if (!steward_job_state_from_string ((const char *) sqlite3_column_text (stmt, 4),
                                      &job->state))
    warn_unknown ("job state", stmt, 4);
  if (!steward_autonomy_from_string ((const char *) sqlite3_column_text (stmt, 5),
                                     &job->autonomy))
    warn_unknown ("autonomy", stmt, 5);

  job->contract_json = column_text (stmt, 6);
  job->params_json = column_text (stmt, 7);
  job->contract_version = sqlite3_column_int (stmt, 8);
  job->insight = column_text (stmt, 9);
  job->next_step = column_text (stmt, 10);
  job->error = column_text (stmt, 11);
  job->created_at = sqlite3_column_int64 (stmt, 12);
  job->last_run_at = sqlite3_column_int64 (stmt, 13);

  job->signal_count = sqlite3_column_int64 (stmt, 14);
  job->situation_count = sqlite3_column_int64 (stmt, 15);
  job->open_situation_count = sqlite3_column_int64 (stmt, 16);
  job->pending_count = sqlite3_column_int64 (stmt, 17);

  return job;
}

static gpointer
run_from_row (sqlite3_stmt *stmt)
{
  StewardRun *run = steward_run_new_empty ();

  run->id = sqlite3_column_int64 (stmt, 0);
  run->job_id = sqlite3_column_int64 (stmt, 1);
  run->trigger = column_text (stmt, 2);
  if (!steward_run_state_from_string ((const char *) sqlite3_column_text (stmt, 3),
                                      &run->state))
    warn_unknown ("run state", stmt, 3);

  run->started_at = sqlite3_column_int64 (stmt, 4);
  run->finished_at = sqlite3_column_int64 (stmt, 5);
  run->summary = column_text (stmt, 6);
  run->error = column_text (stmt, 7);
  run->steps_json = column_text (stmt, 8);

  return run;
}

static gpointer
situation_from_row (sqlite3_stmt *stmt)
{
  StewardSituation *situation = steward_situation_new_empty ();

  situation->id = sqlite3_column_int64 (stmt, 0);
  situation->job_id = sqlite3_column_int64 (stmt, 1);
  situation->key = column_text (stmt, 2);
  situation->title = column_text (stmt, 3);
  if (!steward_situation_state_from_string ((const char *) sqlite3_column_text (stmt, 4),
                                            &situation->state))
    warn_unknown ("situation state", stmt, 4);

  situation->severity = column_text (stmt, 5);
  situation->first_seen = sqlite3_column_int64 (stmt, 6);
  situation->last_seen = sqlite3_column_int64 (stmt, 7);
  situation->resolved_at = sqlite3_column_int64 (stmt, 8);
  situation->count = sqlite3_column_int64 (stmt, 9);
  situation->item_json = column_text (stmt, 10);

  return situation;
}

static gpointer
decision_from_row (sqlite3_stmt *stmt)
{
  StewardDecision *decision = steward_decision_new_empty ();

  decision->id = sqlite3_column_int64 (stmt, 0);
  decision->job_id = sqlite3_column_int64 (stmt, 1);
  decision->situation_id = sqlite3_column_int64 (stmt, 2);
  decision->run_id = sqlite3_column_int64 (stmt, 3);
  decision->situation_title = column_text (stmt, 4);
  decision->job_title = column_text (stmt, 5);

  if (!steward_decision_kind_from_string ((const char *) sqlite3_column_text (stmt, 6),
                                          &decision->kind))
    warn_unknown ("decision kind", stmt, 6);
  if (!steward_decision_status_from_string ((const char *) sqlite3_column_text (stmt, 7),
                                            &decision->status))
    warn_unknown ("decision status", stmt, 7);

  decision->summary = column_text (stmt, 8);
  decision->has_amount = sqlite3_column_type (stmt, 9) != SQLITE_NULL;
  decision->amount = sqlite3_column_double (stmt, 9);
  decision->currency = column_text (stmt, 10);
  decision->explanation_json = column_text (stmt, 11);
  decision->action_json = column_text (stmt, 12);

  decision->created_at = sqlite3_column_int64 (stmt, 13);
  decision->answered_at = sqlite3_column_int64 (stmt, 14);
  decision->answered_by = column_text (stmt, 15);
  decision->note = column_text (stmt, 16);
  decision->error = column_text (stmt, 17);
  decision->notified_at = sqlite3_column_int64 (stmt, 18);

  return decision;
}

static gpointer
action_from_row (sqlite3_stmt *stmt)
{
  StewardAction *action = steward_action_new_empty ();

  action->id = sqlite3_column_int64 (stmt, 0);
  action->job_id = sqlite3_column_int64 (stmt, 1);
  action->decision_id = sqlite3_column_int64 (stmt, 2);
  action->capability = column_text (stmt, 3);
  action->idempotency_key = column_text (stmt, 4);
  action->request_json = column_text (stmt, 5);
  if (!steward_action_state_from_string ((const char *) sqlite3_column_text (stmt, 6),
                                         &action->state))
    warn_unknown ("action state", stmt, 6);

  action->attempts = sqlite3_column_int (stmt, 7);
  action->status_code = sqlite3_column_int (stmt, 8);
  action->response = column_text (stmt, 9);
  action->error = column_text (stmt, 10);
  action->amount = sqlite3_column_double (stmt, 11);
  action->created_at = sqlite3_column_int64 (stmt, 12);
  action->finished_at = sqlite3_column_int64 (stmt, 13);

  return action;
}

static gpointer
audit_from_row (sqlite3_stmt *stmt)
{
  StewardAuditEntry *entry = steward_audit_entry_new_empty ();

  entry->seq = sqlite3_column_int64 (stmt, 0);
  entry->at = sqlite3_column_int64 (stmt, 1);
  entry->actor = column_text (stmt, 2);
  entry->kind = column_text (stmt, 3);
  entry->job_id = sqlite3_column_int64 (stmt, 4);
  entry->summary = column_text (stmt, 5);
  entry->detail_json = column_text (stmt, 6);
  entry->prev_hash = column_text (stmt, 7);
  entry->hash = column_text (stmt, 8);

  return entry;
}

/* Transactions */

static gboolean
steward_sqlite_store_begin (StewardStore  *store,
                            GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  g_autofree char *savepoint = NULL;

  if (self->depth == 0)
    {
      if (!exec_sql (self, "BEGIN IMMEDIATE", _("could not start a transaction"), error))
        return FALSE;
    }
  else
    {
      /* The name is made of our own counter, never of outside text. */
      savepoint = g_strdup_printf ("SAVEPOINT level%u", self->depth);
      if (!exec_sql (self, savepoint, _("could not start a transaction"), error))
        return FALSE;
    }

  self->depth++;

  return TRUE;
}

static void
steward_sqlite_store_rollback (StewardStore *store)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;

  if (self->depth == 0)
    {
      g_debug ("Rollback without a transaction: nothing to undo");
      return;
    }

  self->depth--;

  /* SQLite ends the whole transaction by itself after some errors
   * (a full disk, an I/O error); there is nothing left to undo then. */
  if (sqlite3_get_autocommit (self->db))
    {
      self->depth = 0;
      return;
    }

  if (self->depth == 0)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO level%u; RELEASE level%u",
                           self->depth, self->depth);

  if (!exec_sql (self, sql, "rollback", &error))
    g_warning ("Could not roll back: %s", error->message);
}

static gboolean
steward_sqlite_store_commit (StewardStore  *store,
                             GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  g_autofree char *sql = NULL;

  if (self->depth == 0)
    {
      g_set_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_FAILED,
                   _("could not commit: no transaction was started"));
      return FALSE;
    }

  if (self->depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE level%u", self->depth - 1);

  if (!exec_sql (self, sql, _("could not commit the transaction"), error))
    {
      steward_sqlite_store_rollback (store);
      return FALSE;
    }

  self->depth--;

  return TRUE;
}

/* The lease */

static char *
dup_lock_path (StewardSqliteStore *self)
{
  return g_strconcat (self->path, ".lock", NULL);
}

/* The lock file holds the holder's name on its first line and its pid
 * on the second; returns "steward-ctl serve (pid 4242)", or NULL when
 * the file says nothing (yet). */
static char *
read_holder (int fd)
{
  char buf[1024];
  g_auto(GStrv) lines = NULL;
  ssize_t len;

  len = pread (fd, buf, sizeof buf - 1, 0);
  if (len <= 0)
    return NULL;
  buf[len] = '\0';

  lines = g_strsplit (buf, "\n", 3);
  if (lines[0] == NULL || *lines[0] == '\0' || !g_utf8_validate (lines[0], -1, NULL))
    return NULL;

  if (lines[1] == NULL || *lines[1] == '\0')
    return g_strdup (lines[0]);

  return g_strdup_printf (_("%s (pid %s)"), lines[0], lines[1]);
}

static void
write_holder (int         fd,
              const char *holder)
{
  g_autofree char *text = g_strdup_printf ("%s\n%d\n", holder, (int) getpid ());
  gsize len = strlen (text);

  if (ftruncate (fd, 0) != 0 || pwrite (fd, text, len, 0) != (ssize_t) len)
    g_warning ("Could not write the lease holder: %s", g_strerror (errno));
}

/* An open-file-description lock: the kernel drops it when the process
 * dies, however it dies, so a crashed engine never blocks the next
 * one; and unlike a process lock it also keeps out a second store of
 * the same process. The file stays in place: removing it would let two
 * processes lock two different files of one name. */
static gboolean
steward_sqlite_store_acquire_lease (StewardStore  *store,
                                    const char    *holder,
                                    GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  g_autofree char *lock_path = dup_lock_path (self);
  struct flock lock = { 0 };
  int fd;

  if (self->lease_fd >= 0)
    {
      g_free (self->lease_holder);
      self->lease_holder = g_strdup (holder);
      write_holder (self->lease_fd, holder);
      return TRUE;
    }

  fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_FAILED,
                   _("could not open the lock file %s: %s"),
                   lock_path, g_strerror (saved_errno));
      return FALSE;
    }

  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;

  if (fcntl (fd, F_OFD_SETLK, &lock) != 0)
    {
      int saved_errno = errno;
      g_autofree char *other = NULL;

      if (saved_errno == EAGAIN || saved_errno == EACCES)
        {
          other = read_holder (fd);
          g_set_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_BUSY,
                       _("the database %s is in use by %s"), self->path,
                       other ? other : _("another program"));
        }
      else
        {
          g_set_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_FAILED,
                       _("could not lock %s: %s"),
                       lock_path, g_strerror (saved_errno));
        }

      close (fd);
      return FALSE;
    }

  self->lease_fd = fd;
  self->lease_holder = g_strdup (holder);
  write_holder (fd, holder);

  return TRUE;
}

static void
steward_sqlite_store_release_lease (StewardStore *store)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);

  if (self->lease_fd < 0)
    return;

  /* Emptied while still locked, so that nobody reads a stale name. */
  if (ftruncate (self->lease_fd, 0) != 0)
    g_debug ("Could not empty the lock file: %s", g_strerror (errno));

  close (self->lease_fd);
  self->lease_fd = -1;
  g_clear_pointer (&self->lease_holder, g_free);
}

static char *
steward_sqlite_store_dup_lease_holder (StewardStore *store)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  g_autofree char *lock_path = NULL;
  struct flock lock = { 0 };
  char *holder;
  int fd;

  if (self->lease_fd >= 0)
    return g_strdup_printf (_("%s (pid %d)"), self->lease_holder, (int) getpid ());

  lock_path = dup_lock_path (self);
  fd = open (lock_path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return NULL;

  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;

  if (fcntl (fd, F_OFD_GETLK, &lock) != 0 || lock.l_type == F_UNLCK)
    {
      close (fd);
      return NULL;
    }

  holder = read_holder (fd);
  close (fd);

  return holder ? holder : g_strdup (_("another program"));
}

/* In WAL mode every write of any process lands in the -wal file first. */
static GFile *
steward_sqlite_store_dup_change_file (StewardStore *store)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  g_autofree char *wal_path = g_strconcat (self->path, "-wal", NULL);

  return g_file_new_for_path (wal_path);
}

/* Jobs */

static gint64
steward_sqlite_store_insert_job (StewardStore  *store,
                                 StewardJob    *job,
                                 GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not create the job");
  g_autoptr(Statement) stmt = NULL;

  stmt = prepare (self,
                  "INSERT INTO jobs (title, goal, owner, state, autonomy,"
                  " contract_json, params_json, contract_version, insight,"
                  " next_step, error, created_at, last_run_at)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                  doing, error);
  if (stmt == NULL)
    return 0;

  bind_text (stmt, 1, job->title);
  bind_text (stmt, 2, job->goal);
  bind_text (stmt, 3, job->owner);
  bind_text (stmt, 4, steward_job_state_to_string (job->state));
  bind_text (stmt, 5, steward_autonomy_to_string (job->autonomy));
  bind_text (stmt, 6, job->contract_json);
  bind_text (stmt, 7, job->params_json ? job->params_json : "{}");
  sqlite3_bind_int (stmt, 8, job->contract_version);
  bind_text (stmt, 9, job->insight);
  bind_text (stmt, 10, job->next_step);
  bind_text (stmt, 11, job->error);
  sqlite3_bind_int64 (stmt, 12, job->created_at);
  sqlite3_bind_int64 (stmt, 13, job->last_run_at);

  if (!step_write (self, stmt, doing, error))
    return 0;

  return sqlite3_last_insert_rowid (self->db);
}

static StewardJob *
steward_sqlite_store_dup_job (StewardStore  *store,
                              gint64         job_id,
                              GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not read the job");
  g_autoptr(Statement) stmt = NULL;
  gpointer job;

  stmt = prepare (self, "SELECT " JOB_COLUMNS " FROM jobs j WHERE j.id = ?1",
                  doing, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, job_id);

  if (!fetch_one (self, stmt, job_from_row, &job, doing, error))
    return NULL;

  if (job == NULL)
    g_set_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_NOT_FOUND,
                 _("no job with id %lld"), (long long) job_id);

  return job;
}

static GPtrArray *
steward_sqlite_store_list_jobs (StewardStore  *store,
                                GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not read the jobs");
  g_autoptr(Statement) stmt = NULL;

  stmt = prepare (self, "SELECT " JOB_COLUMNS " FROM jobs j ORDER BY j.id",
                  doing, error);
  if (stmt == NULL)
    return NULL;

  return fetch_all (self, stmt, job_from_row, doing, error);
}

/* Every value is written as given: NULL clears a text. */
static gboolean
steward_sqlite_store_update_job (StewardStore     *store,
                                 gint64            job_id,
                                 StewardJobState   state,
                                 const char       *insight,
                                 const char       *next_step,
                                 const char       *error_message,
                                 gint64            last_run_at,
                                 GError          **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not update the job");
  g_autoptr(Statement) stmt = NULL;

  stmt = prepare (self,
                  "UPDATE jobs SET state = ?2, insight = ?3, next_step = ?4,"
                  " error = ?5, last_run_at = ?6 WHERE id = ?1",
                  doing, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, job_id);
  bind_text (stmt, 2, steward_job_state_to_string (state));
  bind_text (stmt, 3, insight);
  bind_text (stmt, 4, next_step);
  bind_text (stmt, 5, error_message);
  sqlite3_bind_int64 (stmt, 6, last_run_at);

  if (!step_write (self, stmt, doing, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_NOT_FOUND,
                   _("no job with id %lld"), (long long) job_id);
      return FALSE;
    }

  return TRUE;
}

/* Inbox */

static gint64
steward_sqlite_store_inbox_push (StewardStore  *store,
                                 const char    *kind,
                                 gint64         job_id,
                                 gint64         decision_id,
                                 const char    *actor,
                                 const char    *payload_json,
                                 gint64         now,
                                 GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not queue the request");
  g_autoptr(Statement) stmt = NULL;

  stmt = prepare (self,
                  "INSERT INTO inbox (kind, job_id, decision_id, actor,"
                  " payload_json, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                  doing, error);
  if (stmt == NULL)
    return 0;

  bind_text (stmt, 1, kind);
  bind_id (stmt, 2, job_id);
  bind_id (stmt, 3, decision_id);
  bind_text (stmt, 4, actor);
  bind_text (stmt, 5, payload_json ? payload_json : "{}");
  sqlite3_bind_int64 (stmt, 6, now);

  if (!step_write (self, stmt, doing, error))
    return 0;

  return sqlite3_last_insert_rowid (self->db);
}

static GPtrArray *
steward_sqlite_store_inbox_list_pending (StewardStore  *store,
                                         GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not read the inbox");
  g_autoptr(Statement) stmt = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  int rc;

  stmt = prepare (self,
                  "SELECT id, kind, job_id, decision_id, actor, payload_json,"
                  " created_at FROM inbox WHERE completed_at IS NULL ORDER BY id",
                  doing, error);
  if (stmt == NULL)
    return NULL;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) steward_inbox_entry_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StewardInboxEntry *entry = g_new0 (StewardInboxEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->kind = column_text (stmt, 1);
      entry->job_id = sqlite3_column_int64 (stmt, 2);
      entry->decision_id = sqlite3_column_int64 (stmt, 3);
      entry->actor = column_text (stmt, 4);
      entry->payload_json = column_text (stmt, 5);
      entry->created_at = sqlite3_column_int64 (stmt, 6);

      if (entry->payload_json == NULL)
        entry->payload_json = g_strdup ("{}");

      g_ptr_array_add (entries, entry);
    }

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, doing);
      return NULL;
    }

  return g_steal_pointer (&entries);
}

static gboolean
steward_sqlite_store_inbox_complete (StewardStore  *store,
                                     gint64         entry_id,
                                     const char    *result_json,
                                     gint64         now,
                                     GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not complete the request");
  g_autoptr(Statement) stmt = NULL;

  stmt = prepare (self,
                  "UPDATE inbox SET completed_at = ?2, result_json = ?3 WHERE id = ?1",
                  doing, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, entry_id);
  sqlite3_bind_int64 (stmt, 2, now);
  bind_text (stmt, 3, result_json ? result_json : "{}");

  if (!step_write (self, stmt, doing, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_NOT_FOUND,
                   _("no inbox entry with id %lld"), (long long) entry_id);
      return FALSE;
    }

  return TRUE;
}

static gboolean
steward_sqlite_store_inbox_get_result (StewardStore  *store,
                                       gint64         entry_id,
                                       char         **result_json,
                                       GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not read the inbox");
  g_autoptr(Statement) stmt = NULL;
  int rc;

  stmt = prepare (self,
                  "SELECT completed_at, result_json FROM inbox WHERE id = ?1",
                  doing, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, entry_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_NOT_FOUND,
                   _("no inbox entry with id %lld"), (long long) entry_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, error, doing);
      return FALSE;
    }

  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return FALSE;

  if (result_json != NULL)
    *result_json = column_text (stmt, 1);

  return TRUE;
}

/* Runs */

static gint64
steward_sqlite_store_insert_run (StewardStore  *store,
                                 gint64         job_id,
                                 const char    *trigger,
                                 gint64         now,
                                 GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not start the run");
  g_autoptr(Statement) stmt = NULL;

  stmt = prepare (self,
                  "INSERT INTO runs (job_id, trigger, state, started_at)"
                  " VALUES (?1, ?2, ?3, ?4)",
                  doing, error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, job_id);
  bind_text (stmt, 2, trigger);
  bind_text (stmt, 3, steward_run_state_to_string (STEWARD_RUN_RUNNING));
  sqlite3_bind_int64 (stmt, 4, now);

  if (!step_write (self, stmt, doing, error))
    return 0;

  return sqlite3_last_insert_rowid (self->db);
}

/* Appended inside SQLite in one statement, so that two writers cannot
 * lose each other's steps. */
static gboolean
steward_sqlite_store_append_run_step (StewardStore  *store,
                                      gint64         run_id,
                                      gint64         now,
                                      const char    *text,
                                      const char    *detail_json,
                                      GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not record the run step");
  g_autoptr(Statement) stmt = NULL;

  stmt = prepare (self,
                  "UPDATE runs SET steps_json = json_insert (steps_json, '$[#]',"
                  " json_object ('at', ?2, 'text', ?3, 'detail', json (?4)))"
                  " WHERE id = ?1",
                  doing, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, run_id);
  sqlite3_bind_int64 (stmt, 2, now);
  bind_text (stmt, 3, text);
  bind_text (stmt, 4, detail_json);

  if (!step_write (self, stmt, doing, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_NOT_FOUND,
                   _("no run with id %lld"), (long long) run_id);
      return FALSE;
    }

  return TRUE;
}

/* A run that waits for a person is not finished: it keeps no end time. */
static gboolean
steward_sqlite_store_finish_run (StewardStore     *store,
                                 gint64            run_id,
                                 StewardRunState   state,
                                 const char       *summary,
                                 const char       *error_message,
                                 gint64            now,
                                 GError          **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not finish the run");
  g_autoptr(Statement) stmt = NULL;
  gboolean ended = state == STEWARD_RUN_SUCCEEDED || state == STEWARD_RUN_FAILED;

  stmt = prepare (self,
                  "UPDATE runs SET state = ?2, summary = ?3, error = ?4,"
                  " finished_at = ?5 WHERE id = ?1",
                  doing, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, run_id);
  bind_text (stmt, 2, steward_run_state_to_string (state));
  bind_text (stmt, 3, summary);
  bind_text (stmt, 4, error_message);
  sqlite3_bind_int64 (stmt, 5, ended ? now : 0);

  if (!step_write (self, stmt, doing, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_NOT_FOUND,
                   _("no run with id %lld"), (long long) run_id);
      return FALSE;
    }

  return TRUE;
}

static StewardRun *
steward_sqlite_store_dup_run (StewardStore  *store,
                              gint64         run_id,
                              GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not read the run");
  g_autoptr(Statement) stmt = NULL;
  gpointer run;

  stmt = prepare (self, "SELECT " RUN_COLUMNS " FROM runs WHERE id = ?1",
                  doing, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, run_id);

  if (!fetch_one (self, stmt, run_from_row, &run, doing, error))
    return NULL;

  if (run == NULL)
    g_set_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_NOT_FOUND,
                 _("no run with id %lld"), (long long) run_id);

  return run;
}

static GPtrArray *
steward_sqlite_store_list_runs (StewardStore  *store,
                                gint64         job_id,
                                GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not read the runs");
  g_autoptr(Statement) stmt = NULL;

  stmt = prepare (self,
                  "SELECT " RUN_COLUMNS " FROM runs WHERE ?1 = 0 OR job_id = ?1"
                  " ORDER BY started_at DESC, id DESC",
                  doing, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, job_id);

  return fetch_all (self, stmt, run_from_row, doing, error);
}

/* Signals */

static gboolean
steward_sqlite_store_insert_signal (StewardStore  *store,
                                    gint64         job_id,
                                    gint64         run_id,
                                    const char    *key,
                                    const char    *item_json,
                                    gint64         now,
                                    GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not record the signal");
  g_autoptr(Statement) stmt = NULL;

  stmt = prepare (self,
                  "INSERT INTO signals (job_id, run_id, key, item_json, received_at)"
                  " VALUES (?1, ?2, ?3, ?4, ?5)",
                  doing, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, job_id);
  bind_id (stmt, 2, run_id);
  bind_text (stmt, 3, key);
  bind_text (stmt, 4, item_json);
  sqlite3_bind_int64 (stmt, 5, now);

  return step_write (self, stmt, doing, error);
}

/* Situations */

static StewardSituation *
steward_sqlite_store_find_open_situation (StewardStore  *store,
                                          gint64         job_id,
                                          const char    *key,
                                          GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not read the situations");
  g_autoptr(Statement) stmt = NULL;
  gpointer situation;

  stmt = prepare (self,
                  "SELECT " SITUATION_COLUMNS " FROM situations"
                  " WHERE job_id = ?1 AND key = ?2 AND state = 'open'",
                  doing, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, job_id);
  bind_text (stmt, 2, key);

  if (!fetch_one (self, stmt, situation_from_row, &situation, doing, error))
    return NULL;

  return situation;
}

static gint64
steward_sqlite_store_open_situation (StewardStore  *store,
                                     gint64         job_id,
                                     const char    *key,
                                     const char    *title,
                                     const char    *severity,
                                     const char    *item_json,
                                     gint64         now,
                                     GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not open the situation");
  g_autoptr(Statement) stmt = NULL;

  stmt = prepare (self,
                  "INSERT INTO situations (job_id, key, title, state, severity,"
                  " first_seen, last_seen, count, item_json)"
                  " VALUES (?1, ?2, ?3, 'open', ?4, ?5, ?5, 1, ?6)",
                  doing, error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, job_id);
  bind_text (stmt, 2, key);
  bind_text (stmt, 3, title);
  bind_text (stmt, 4, severity);
  sqlite3_bind_int64 (stmt, 5, now);
  bind_text (stmt, 6, item_json);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (self->db) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_FAILED,
                     _("%s: job %lld already has an open situation for “%s”"),
                     doing, (long long) job_id, key);
      else
        set_sqlite_error (self, error, doing);
      return 0;
    }

  return sqlite3_last_insert_rowid (self->db);
}

/* A NULL title or item keeps the one the situation has. */
static gboolean
steward_sqlite_store_touch_situation (StewardStore  *store,
                                      gint64         situation_id,
                                      const char    *title,
                                      const char    *item_json,
                                      gint64         now,
                                      GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not update the situation");
  g_autoptr(Statement) stmt = NULL;

  stmt = prepare (self,
                  "UPDATE situations SET title = coalesce (?2, title),"
                  " item_json = coalesce (?3, item_json), last_seen = ?4,"
                  " count = count + 1 WHERE id = ?1 AND state = 'open'",
                  doing, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, situation_id);
  bind_text (stmt, 2, title);
  bind_text (stmt, 3, item_json);
  sqlite3_bind_int64 (stmt, 4, now);

  if (!step_write (self, stmt, doing, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_NOT_FOUND,
                   _("no open situation with id %lld"), (long long) situation_id);
      return FALSE;
    }

  return TRUE;
}

/* Resolving a resolved situation changes nothing and is no error. */
static gboolean
steward_sqlite_store_resolve_situation (StewardStore  *store,
                                        gint64         situation_id,
                                        gint64         now,
                                        GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not resolve the situation");
  g_autoptr(Statement) stmt = NULL;
  g_autoptr(Statement) exists = NULL;
  int rc;

  stmt = prepare (self,
                  "UPDATE situations SET state = 'resolved', resolved_at = ?2"
                  " WHERE id = ?1 AND state = 'open'",
                  doing, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, situation_id);
  sqlite3_bind_int64 (stmt, 2, now);

  if (!step_write (self, stmt, doing, error))
    return FALSE;

  if (sqlite3_changes (self->db) > 0)
    return TRUE;

  exists = prepare (self, "SELECT 1 FROM situations WHERE id = ?1", doing, error);
  if (exists == NULL)
    return FALSE;

  sqlite3_bind_int64 (exists, 1, situation_id);

  rc = sqlite3_step (exists);
  if (rc == SQLITE_ROW)
    return TRUE;

  if (rc == SQLITE_DONE)
    g_set_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_NOT_FOUND,
                 _("no situation with id %lld"), (long long) situation_id);
  else
    set_sqlite_error (self, error, doing);

  return FALSE;
}

static GPtrArray *
steward_sqlite_store_list_situations (StewardStore  *store,
                                      gint64         job_id,
                                      gboolean       open_only,
                                      GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not read the situations");
  g_autoptr(Statement) stmt = NULL;

  stmt = prepare (self,
                  "SELECT " SITUATION_COLUMNS " FROM situations"
                  " WHERE (?1 = 0 OR job_id = ?1) AND (?2 = 0 OR state = 'open')"
                  " ORDER BY state = 'open' DESC, first_seen DESC, id DESC",
                  doing, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, job_id);
  sqlite3_bind_int (stmt, 2, open_only ? 1 : 0);

  return fetch_all (self, stmt, situation_from_row, doing, error);
}

/* Decisions */

static gint64
steward_sqlite_store_insert_decision (StewardStore     *store,
                                      StewardDecision  *decision,
                                      GError          **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not record the decision");
  g_autoptr(Statement) stmt = NULL;

  stmt = prepare (self,
                  "INSERT INTO decisions (job_id, situation_id, run_id, kind,"
                  " status, summary, amount, currency, explanation_json,"
                  " action_json, created_at, answered_at, answered_by, note,"
                  " error, notified_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
                  " ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
                  doing, error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, decision->job_id);
  bind_id (stmt, 2, decision->situation_id);
  bind_id (stmt, 3, decision->run_id);
  bind_text (stmt, 4, steward_decision_kind_to_string (decision->kind));
  bind_text (stmt, 5, steward_decision_status_to_string (decision->status));
  bind_text (stmt, 6, decision->summary);

  if (decision->has_amount)
    sqlite3_bind_double (stmt, 7, decision->amount);
  else
    sqlite3_bind_null (stmt, 7);
  bind_text (stmt, 8, decision->currency);

  bind_text (stmt, 9, decision->explanation_json);
  bind_text (stmt, 10, decision->action_json);
  sqlite3_bind_int64 (stmt, 11, decision->created_at);
  sqlite3_bind_int64 (stmt, 12, decision->answered_at);
  bind_text (stmt, 13, decision->answered_by);
  bind_text (stmt, 14, decision->note);
  bind_text (stmt, 15, decision->error);
  sqlite3_bind_int64 (stmt, 16, decision->notified_at);

  if (!step_write (self, stmt, doing, error))
    return 0;

  return sqlite3_last_insert_rowid (self->db);
}

static StewardDecision *
steward_sqlite_store_dup_decision (StewardStore  *store,
                                   gint64         decision_id,
                                   GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not read the decision");
  g_autoptr(Statement) stmt = NULL;
  gpointer decision;

  stmt = prepare (self,
                  "SELECT " DECISION_COLUMNS DECISION_FROM " WHERE d.id = ?1",
                  doing, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, decision_id);

  if (!fetch_one (self, stmt, decision_from_row, &decision, doing, error))
    return NULL;

  if (decision == NULL)
    g_set_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_NOT_FOUND,
                 _("no decision with id %lld"), (long long) decision_id);

  return decision;
}

static StewardDecision *
steward_sqlite_store_find_decision_for_situation (StewardStore  *store,
                                                  gint64         situation_id,
                                                  GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not read the decisions");
  g_autoptr(Statement) stmt = NULL;
  gpointer decision;

  stmt = prepare (self,
                  "SELECT " DECISION_COLUMNS DECISION_FROM
                  " WHERE d.situation_id = ?1 ORDER BY d.id DESC LIMIT 1",
                  doing, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, situation_id);

  if (!fetch_one (self, stmt, decision_from_row, &decision, doing, error))
    return NULL;

  return decision;
}

/* Approving or rejecting is an answer, and sets the time of the answer;
 * the statuses that follow it (done, failed) keep that time. A NULL
 * @answered_by or @note keeps the one recorded; the error is set as
 * given, so that a retried action that succeeds clears it. */
static gboolean
steward_sqlite_store_set_decision_status (StewardStore           *store,
                                          gint64                  decision_id,
                                          StewardDecisionStatus   status,
                                          const char             *answered_by,
                                          const char             *note,
                                          const char             *error_message,
                                          gint64                  now,
                                          GError                **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not update the decision");
  g_autoptr(Statement) stmt = NULL;

  stmt = prepare (self,
                  "UPDATE decisions SET status = ?2,"
                  " answered_by = coalesce (?3, answered_by),"
                  " answered_at = CASE WHEN ?2 IN ('approved', 'rejected')"
                  "   THEN ?6 ELSE answered_at END,"
                  " note = coalesce (?4, note), error = ?5 WHERE id = ?1",
                  doing, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, decision_id);
  bind_text (stmt, 2, steward_decision_status_to_string (status));
  bind_text (stmt, 3, answered_by);
  bind_text (stmt, 4, note);
  bind_text (stmt, 5, error_message);
  sqlite3_bind_int64 (stmt, 6, now);

  if (!step_write (self, stmt, doing, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_NOT_FOUND,
                   _("no decision with id %lld"), (long long) decision_id);
      return FALSE;
    }

  return TRUE;
}

static gboolean
steward_sqlite_store_mark_decision_notified (StewardStore  *store,
                                             gint64         decision_id,
                                             gint64         now,
                                             GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not update the decision");
  g_autoptr(Statement) stmt = NULL;

  stmt = prepare (self, "UPDATE decisions SET notified_at = ?2 WHERE id = ?1",
                  doing, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, decision_id);
  sqlite3_bind_int64 (stmt, 2, now);

  if (!step_write (self, stmt, doing, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_NOT_FOUND,
                   _("no decision with id %lld"), (long long) decision_id);
      return FALSE;
    }

  return TRUE;
}

static GPtrArray *
steward_sqlite_store_list_decisions (StewardStore  *store,
                                     gint64         job_id,
                                     gboolean       pending_only,
                                     GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not read the decisions");
  g_autoptr(Statement) stmt = NULL;

  stmt = prepare (self,
                  "SELECT " DECISION_COLUMNS DECISION_FROM
                  " WHERE (?1 = 0 OR d.job_id = ?1)"
                  " AND (?2 = 0 OR d.status = 'pending')"
                  " ORDER BY d.created_at DESC, d.id DESC",
                  doing, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, job_id);
  sqlite3_bind_int (stmt, 2, pending_only ? 1 : 0);

  return fetch_all (self, stmt, decision_from_row, doing, error);
}

/* Actions */

static gint64
steward_sqlite_store_insert_action (StewardStore   *store,
                                    StewardAction  *action,
                                    GError        **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not record the action");
  g_autoptr(Statement) stmt = NULL;

  stmt = prepare (self,
                  "INSERT INTO actions (job_id, decision_id, capability,"
                  " idempotency_key, request_json, state, attempts, status_code,"
                  " response, error, amount, created_at, finished_at)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                  doing, error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, action->job_id);
  bind_id (stmt, 2, action->decision_id);
  bind_text (stmt, 3, action->capability);
  bind_text (stmt, 4, action->idempotency_key);
  bind_text (stmt, 5, action->request_json);
  bind_text (stmt, 6, steward_action_state_to_string (action->state));
  sqlite3_bind_int (stmt, 7, action->attempts);
  sqlite3_bind_int (stmt, 8, action->status_code);
  bind_text (stmt, 9, action->response);
  bind_text (stmt, 10, action->error);
  sqlite3_bind_double (stmt, 11, action->amount);
  sqlite3_bind_int64 (stmt, 12, action->created_at);
  sqlite3_bind_int64 (stmt, 13, action->finished_at);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (self->db) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_FAILED,
                     _("%s: an action with the idempotency key “%s” is "
                       "already recorded"),
                     doing, action->idempotency_key);
      else
        set_sqlite_error (self, error, doing);
      return 0;
    }

  return sqlite3_last_insert_rowid (self->db);
}

/* Called after each attempt: counts it, and ends the action unless it
 * stays pending for another attempt. */
static gboolean
steward_sqlite_store_update_action (StewardStore        *store,
                                    gint64               action_id,
                                    StewardActionState   state,
                                    int                  status_code,
                                    const char          *response,
                                    const char          *error_message,
                                    gint64               now,
                                    GError             **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not update the action");
  g_autoptr(Statement) stmt = NULL;

  stmt = prepare (self,
                  "UPDATE actions SET state = ?2, status_code = ?3,"
                  " response = ?4, error = ?5,"
                  " attempts = attempts + (?2 != 'pending'),"
                  " finished_at = ?6 WHERE id = ?1",
                  doing, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, action_id);
  bind_text (stmt, 2, steward_action_state_to_string (state));
  sqlite3_bind_int (stmt, 3, status_code);
  bind_text (stmt, 4, response);
  bind_text (stmt, 5, error_message);
  sqlite3_bind_int64 (stmt, 6, state == STEWARD_ACTION_PENDING ? 0 : now);

  if (!step_write (self, stmt, doing, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_NOT_FOUND,
                   _("no action with id %lld"), (long long) action_id);
      return FALSE;
    }

  return TRUE;
}

static GPtrArray *
steward_sqlite_store_list_actions (StewardStore  *store,
                                   gint64         job_id,
                                   GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not read the actions");
  g_autoptr(Statement) stmt = NULL;

  stmt = prepare (self,
                  "SELECT " ACTION_COLUMNS " FROM actions"
                  " WHERE ?1 = 0 OR job_id = ?1 ORDER BY created_at DESC, id DESC",
                  doing, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, job_id);

  return fetch_all (self, stmt, action_from_row, doing, error);
}

static GPtrArray *
steward_sqlite_store_list_unfinished_actions (StewardStore  *store,
                                              GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not read the actions");
  g_autoptr(Statement) stmt = NULL;

  stmt = prepare (self,
                  "SELECT " ACTION_COLUMNS " FROM actions"
                  " WHERE state = 'pending' ORDER BY id",
                  doing, error);
  if (stmt == NULL)
    return NULL;

  return fetch_all (self, stmt, action_from_row, doing, error);
}

static gboolean
steward_sqlite_store_sum_actions_since (StewardStore  *store,
                                        gint64         job_id,
                                        gint64         since,
                                        gint64        *count,
                                        double        *amount,
                                        GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not read the actions");
  g_autoptr(Statement) stmt = NULL;

  stmt = prepare (self,
                  "SELECT count(*), total (amount) FROM actions"
                  " WHERE job_id = ?1 AND created_at >= ?2 AND state != 'failed'",
                  doing, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, job_id);
  sqlite3_bind_int64 (stmt, 2, since);

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_sqlite_error (self, error, doing);
      return FALSE;
    }

  *count = sqlite3_column_int64 (stmt, 0);
  *amount = sqlite3_column_double (stmt, 1);

  return TRUE;
}

/* Audit */

/* Reads the end of the chain and appends to it in one transaction of
 * its own (a savepoint inside the caller's), so that two writers can
 * never both link to the same entry. */
static gint64
steward_sqlite_store_append_audit (StewardStore  *store,
                                   gint64         at,
                                   const char    *actor,
                                   const char    *kind,
                                   gint64         job_id,
                                   const char    *summary,
                                   const char    *detail_json,
                                   GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not append to the audit log");
  g_autoptr(Statement) last = NULL;
  g_autoptr(Statement) insert = NULL;
  g_autofree char *prev_hash = NULL;
  g_autofree char *hash = NULL;
  gint64 seq = 1;
  int rc;

  if (!steward_sqlite_store_begin (store, error))
    return 0;

  last = prepare (self, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
                  doing, error);
  if (last == NULL)
    goto failed;

  rc = sqlite3_step (last);
  if (rc == SQLITE_ROW)
    {
      seq = sqlite3_column_int64 (last, 0) + 1;
      prev_hash = column_text (last, 1);
    }
  else if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, doing);
      goto failed;
    }

  if (prev_hash == NULL)
    prev_hash = g_strdup ("");
  hash = steward_audit_compute_hash (seq, at, actor, kind, job_id, summary,
                                     detail_json, prev_hash);

  insert = prepare (self,
                    "INSERT INTO audit (" AUDIT_COLUMNS ")"
                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    doing, error);
  if (insert == NULL)
    goto failed;

  sqlite3_bind_int64 (insert, 1, seq);
  sqlite3_bind_int64 (insert, 2, at);
  bind_text (insert, 3, actor);
  bind_text (insert, 4, kind);
  sqlite3_bind_int64 (insert, 5, job_id);
  bind_text (insert, 6, summary);
  bind_text (insert, 7, detail_json);
  bind_text (insert, 8, prev_hash);
  bind_text (insert, 9, hash);

  if (!step_write (self, insert, doing, error))
    goto failed;

  if (!steward_sqlite_store_commit (store, error))
    return 0;

  return seq;

failed:
  steward_sqlite_store_rollback (store);
  return 0;
}

static GPtrArray *
steward_sqlite_store_list_audit (StewardStore  *store,
                                 gint64         job_id,
                                 GError       **error)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (store);
  const char *doing = _("could not read the audit log");
  g_autoptr(Statement) stmt = NULL;

  stmt = prepare (self,
                  "SELECT " AUDIT_COLUMNS " FROM audit"
                  " WHERE ?1 = 0 OR job_id = ?1 ORDER BY seq",
                  doing, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, job_id);

  return fetch_all (self, stmt, audit_from_row, doing, error);
}

/* Opening and migrating */

static gboolean
read_user_version (StewardSqliteStore  *self,
                   int                 *version,
                   GError             **error)
{
  const char *doing = _("could not read the schema version");
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* Not cached: it is read only while opening. */
  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self, error, doing);
      return FALSE;
    }

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *version = sqlite3_column_int (stmt, 0);
  else
    set_sqlite_error (self, error, doing);

  sqlite3_finalize (stmt);

  return rc == SQLITE_ROW;
}

static gboolean
check_not_too_new (StewardSqliteStore  *self,
                   int                  version,
                   GError             **error)
{
  if (version <= STEWARD_SQLITE_SCHEMA_VERSION)
    return TRUE;

  g_set_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_TOO_NEW,
               _("the database %s was written by a newer version of Steward "
                 "(schema version %d; this version knows up to %d): update "
                 "Steward to open it"),
               self->path, version, STEWARD_SQLITE_SCHEMA_VERSION);

  return FALSE;
}

/* Each step runs in a write transaction of its own, in which the
 * version is read again: another process may have migrated meanwhile. */
static gboolean
migrate (StewardSqliteStore  *self,
         GError             **error)
{
  const char *doing = _("could not update the database schema");

  for (;;)
    {
      g_autofree char *set_version = NULL;
      int version = 0;

      if (!steward_sqlite_store_begin (STEWARD_STORE (self), error))
        return FALSE;

      if (!read_user_version (self, &version, error)
          || !check_not_too_new (self, version, error))
        {
          steward_sqlite_store_rollback (STEWARD_STORE (self));
          return FALSE;
        }

      if (version == STEWARD_SQLITE_SCHEMA_VERSION)
        {
          steward_sqlite_store_rollback (STEWARD_STORE (self));
          return TRUE;
        }

      g_debug ("Migrating %s from schema version %d", self->path, version);

      /* PRAGMA takes no parameters; the number is our own. */
      set_version = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!exec_sql (self, migrations[version], doing, error)
          || !exec_sql (self, set_version, doing, error))
        {
          steward_sqlite_store_rollback (STEWARD_STORE (self));
          return FALSE;
        }

      if (!steward_sqlite_store_commit (STEWARD_STORE (self), error))
        return FALSE;
    }
}

static gboolean
open_database (StewardSqliteStore  *self,
               GError             **error)
{
  g_autofree char *folder = g_path_get_dirname (self->path);
  int version = 0;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_FAILED,
                   _("could not create the folder %s: %s"),
                   folder, g_strerror (saved_errno));
      return FALSE;
    }

  if (sqlite3_open_v2 (self->path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_FAILED,
                   _("could not open the database %s: %s"), self->path,
                   self->db ? sqlite3_errmsg (self->db) : g_strerror (ENOMEM));
      return FALSE;
    }

  /* Checked before anything writes to the file: a newer schema, or
   * something that is not a database, is left exactly as it is. */
  if (!exec_sql (self, "PRAGMA busy_timeout = 5000",
                 _("could not open the database"), error)
      || !read_user_version (self, &version, error)
      || !check_not_too_new (self, version, error))
    return FALSE;

  if (!exec_sql (self,
                 "PRAGMA journal_mode = WAL;"
                 "PRAGMA foreign_keys = ON;"
                 "PRAGMA synchronous = NORMAL;",
                 _("could not set up the database"), error))
    return FALSE;

  return migrate (self, error);
}

static void
steward_sqlite_store_finalize (GObject *object)
{
  StewardSqliteStore *self = STEWARD_SQLITE_STORE (object);

  steward_sqlite_store_release_lease (STEWARD_STORE (self));

  if (self->depth > 0)
    {
      g_warning ("Store of %s finalized inside a transaction; rolling back",
                 self->path);
      while (self->depth > 0)
        steward_sqlite_store_rollback (STEWARD_STORE (self));
    }

  /* The statements must go before the connection they belong to. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (steward_sqlite_store_parent_class)->finalize (object);
}

static void
steward_sqlite_store_class_init (StewardSqliteStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = steward_sqlite_store_finalize;
}

static void
steward_sqlite_store_init (StewardSqliteStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            statement_finalize);
  self->lease_fd = -1;
}

static void
store_iface_init (StewardStoreInterface *iface)
{
  iface->begin = steward_sqlite_store_begin;
  iface->commit = steward_sqlite_store_commit;
  iface->rollback = steward_sqlite_store_rollback;
  iface->acquire_lease = steward_sqlite_store_acquire_lease;
  iface->release_lease = steward_sqlite_store_release_lease;
  iface->dup_lease_holder = steward_sqlite_store_dup_lease_holder;
  iface->dup_change_file = steward_sqlite_store_dup_change_file;
  iface->insert_job = steward_sqlite_store_insert_job;
  iface->dup_job = steward_sqlite_store_dup_job;
  iface->list_jobs = steward_sqlite_store_list_jobs;
  iface->update_job = steward_sqlite_store_update_job;
  iface->inbox_push = steward_sqlite_store_inbox_push;
  iface->inbox_list_pending = steward_sqlite_store_inbox_list_pending;
  iface->inbox_complete = steward_sqlite_store_inbox_complete;
  iface->inbox_get_result = steward_sqlite_store_inbox_get_result;
  iface->insert_run = steward_sqlite_store_insert_run;
  iface->append_run_step = steward_sqlite_store_append_run_step;
  iface->finish_run = steward_sqlite_store_finish_run;
  iface->dup_run = steward_sqlite_store_dup_run;
  iface->list_runs = steward_sqlite_store_list_runs;
  iface->insert_signal = steward_sqlite_store_insert_signal;
  iface->find_open_situation = steward_sqlite_store_find_open_situation;
  iface->open_situation = steward_sqlite_store_open_situation;
  iface->touch_situation = steward_sqlite_store_touch_situation;
  iface->resolve_situation = steward_sqlite_store_resolve_situation;
  iface->list_situations = steward_sqlite_store_list_situations;
  iface->insert_decision = steward_sqlite_store_insert_decision;
  iface->dup_decision = steward_sqlite_store_dup_decision;
  iface->find_decision_for_situation = steward_sqlite_store_find_decision_for_situation;
  iface->set_decision_status = steward_sqlite_store_set_decision_status;
  iface->mark_decision_notified = steward_sqlite_store_mark_decision_notified;
  iface->list_decisions = steward_sqlite_store_list_decisions;
  iface->insert_action = steward_sqlite_store_insert_action;
  iface->update_action = steward_sqlite_store_update_action;
  iface->list_actions = steward_sqlite_store_list_actions;
  iface->list_unfinished_actions = steward_sqlite_store_list_unfinished_actions;
  iface->sum_actions_since = steward_sqlite_store_sum_actions_since;
  iface->append_audit = steward_sqlite_store_append_audit;
  iface->list_audit = steward_sqlite_store_list_audit;
}

/* Public API */

/**
 * steward_sqlite_store_new:
 * @path: the database file
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
StewardStore *
steward_sqlite_store_new (const char  *path,
                          GError     **error)
{
  g_autoptr(StewardSqliteStore) self = NULL;

  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (STEWARD_TYPE_SQLITE_STORE, NULL);
  self->path = g_strdup (path);

  if (!open_database (self, error))
    {
      if (error != NULL && *error != NULL && !strstr ((*error)->message, path))
        g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  return STEWARD_STORE (g_steal_pointer (&self));
}

const char *
steward_sqlite_store_get_path (StewardSqliteStore *self)
{
  g_return_val_if_fail (STEWARD_IS_SQLITE_STORE (self), NULL);

  return self->path;
}

/**
 * steward_sqlite_store_dup_default_path:
 *
 * Returns: (transfer full): where the user's database lives
 */
char *
steward_sqlite_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "steward", "steward.db", NULL);
}
