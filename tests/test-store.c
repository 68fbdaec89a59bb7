/* test-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "steward-action-private.h"
#include "steward-decision-private.h"
#include "steward-job-private.h"
#include "steward-sqlite-store.h"

#define T0 (G_GINT64_CONSTANT (1796288400) * G_USEC_PER_SEC)  /* 2026-12-03T09:00:00Z */

typedef struct
{
  char         *dir;
  char         *db_path;
  StewardStore *store;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }

  g_remove (path);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("steward-test-store-XXXXXX", &error);
  g_assert_no_error (error);

  /* A folder that does not exist yet: the store creates it. */
  f->db_path = g_build_filename (f->dir, "data", "steward.db", NULL);
  f->store = steward_sqlite_store_new (f->db_path, &error);
  g_assert_no_error (error);
  g_assert_true (STEWARD_IS_SQLITE_STORE (f->store));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

static int
sql_int (const char *db_path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static gint64
add_job (StewardStore *store,
         const char   *title)
{
  g_autoptr(StewardJob) job = steward_job_new_empty ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  job->title = g_strdup (title);
  job->goal = g_strdup ("No product falls below its reorder level");
  job->owner = g_strdup ("purchasing");
  job->state = STEWARD_JOB_STATE_ACTIVE;
  job->autonomy = STEWARD_AUTONOMY_BOUNDED;
  job->contract_json = g_strdup ("{\"title\": \"reorder\", \"limits\": [1, 2]}");
  job->params_json = g_strdup ("{\"auto_approve_below\": 500}");
  job->contract_version = 3;
  job->created_at = T0;

  id = steward_store_insert_job (store, job, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static gint64
add_decision (StewardStore        *store,
              gint64               job_id,
              gint64               situation_id,
              StewardDecisionKind  kind,
              double               amount,
              gint64               created_at)
{
  g_autoptr(StewardDecision) decision = steward_decision_new_empty ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  decision->job_id = job_id;
  decision->situation_id = situation_id;
  decision->kind = kind;
  decision->status = kind == STEWARD_DECISION_ASK ? STEWARD_DECISION_STATUS_PENDING
                                                  : STEWARD_DECISION_STATUS_DONE;
  decision->summary = g_strdup ("Order 20 units of Chai for 1200.00 EUR");
  decision->has_amount = amount >= 0;
  decision->amount = amount >= 0 ? amount : 0;
  decision->currency = g_strdup ("EUR");
  decision->explanation_json = g_strdup ("{\"situation\": {\"id\": 1, \"key\": \"1\","
                                         " \"title\": \"Chai is low\"}, \"inputs\": {},"
                                         " \"rules\": [], \"derived\": {}, \"limits\": [],"
                                         " \"autonomy\": \"bounded\", \"outcome\": \"ask\","
                                         " \"reason\": \"above 500 EUR\"}");
  decision->action_json = g_strdup ("{\"method\": \"POST\"}");
  decision->created_at = created_at;

  id = steward_store_insert_decision (store, decision, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static gint64
add_action (StewardStore       *store,
            gint64              job_id,
            const char         *key,
            double              amount,
            gint64              created_at,
            GError            **error)
{
  g_autoptr(StewardAction) action = steward_action_new_empty ();

  action->job_id = job_id;
  action->capability = g_strdup ("http");
  action->idempotency_key = g_strdup (key);
  action->request_json = g_strdup ("{\"method\": \"POST\", \"url\": \"http://127.0.0.1/x\"}");
  action->amount = amount;
  action->created_at = created_at;

  return steward_store_insert_action (store, action, error);
}

/* Opening */

static void
test_store_create_reopen (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *folder = g_path_get_dirname (f->db_path);
  g_autoptr(StewardJob) job = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  gint64 id;

  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_true (g_file_test (f->db_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (steward_sqlite_store_get_path (STEWARD_SQLITE_STORE (f->store)), ==, f->db_path);

  id = add_job (f->store, "Keep products above their reorder level");
  g_clear_object (&f->store);

  f->store = steward_sqlite_store_new (f->db_path, &error);
  g_assert_no_error (error);

  job = steward_store_dup_job (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (steward_job_get_id (job), ==, id);
  g_assert_cmpstr (steward_job_get_title (job), ==, "Keep products above their reorder level");
  g_assert_cmpstr (steward_job_get_owner (job), ==, "purchasing");
  g_assert_cmpint (steward_job_get_state (job), ==, STEWARD_JOB_STATE_ACTIVE);
  g_assert_cmpint (steward_job_get_autonomy (job), ==, STEWARD_AUTONOMY_BOUNDED);
  g_assert_cmpint (steward_job_get_contract_version (job), ==, 3);
  g_assert_cmpstr (steward_job_get_params_json (job), ==, "{\"auto_approve_below\": 500}");
  g_assert_cmpint (steward_job_get_created_at (job), ==, T0);
  g_assert_null (steward_job_get_insight (job));

  jobs = steward_store_list_jobs (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 1);
}

static void
test_store_migrations (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *old_path = g_build_filename (f->dir, "old.db", NULL);
  g_autoptr(StewardStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sql_int (f->db_path, "PRAGMA user_version"), ==, STEWARD_SQLITE_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (f->db_path,
                            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN"
                            " ('jobs', 'inbox', 'runs', 'signals', 'situations', 'decisions',"
                            " 'actions', 'audit')"), ==, 8);

  /* An existing empty database at version 0 is brought up to date. */
  g_assert_cmpint (sqlite3_open (old_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE unrelated (x); PRAGMA user_version = 0",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = steward_sqlite_store_new (old_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (old_path, "PRAGMA user_version"), ==, STEWARD_SQLITE_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (old_path, "SELECT count(*) FROM sqlite_master WHERE name = 'audit'"),
                   ==, 1);
}

static void
test_store_journal_mode (Fixture       *f,
                         gconstpointer  data)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_store_too_new (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "newer.db", NULL);
  g_autoptr(StewardStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 99",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = steward_sqlite_store_new (path, &error);
  g_assert_null (store);
  g_assert_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "newer version of Steward"));
  g_assert_nonnull (strstr (error->message, "99"));

  /* The newer database is left exactly as it was. */
  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, 99);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM sqlite_master"), ==, 1);
}

static void
test_store_not_a_database (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "notes.txt", NULL);
  g_autoptr(StewardStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  const char *text = "These are my notes, not a database. They go on for a while so "
                     "that SQLite reads a full header and finds it wrong.\n";

  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  store = steward_sqlite_store_new (path, &error);
  g_assert_null (store);
  g_assert_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "not a database"));

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, text);
}

static void
test_store_default_path (void)
{
  g_autofree char *path = steward_sqlite_store_dup_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "steward",
                                                "steward.db", NULL);

  g_assert_cmpstr (path, ==, expected);
}

/* Jobs */

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  GPtrArray *names = user_data;

  g_ptr_array_add (names, g_strdup (pspec->name));
}

static gboolean
has_name (GPtrArray  *names,
          const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (g_ptr_array_index (names, i), name))
      return TRUE;

  return FALSE;
}

static void
test_store_jobs (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(StewardJob) job = NULL;
  g_autoptr(StewardJob) fresh = NULL;
  g_autoptr(StewardJob) missing = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *title = NULL;
  JsonObject *object;
  gint64 id, other, s1, s2;

  id = add_job (f->store, "Reorder");
  other = add_job (f->store, "Other");
  g_assert_cmpint (other, ==, id + 1);

  /* The counters come from the rows they count. */
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *key = g_strdup_printf ("%d", i);

      g_assert_true (steward_store_insert_signal (f->store, id, 0, key, "{\"a\": 1}", T0, &error));
      g_assert_no_error (error);
    }
  g_assert_true (steward_store_insert_signal (f->store, other, 0, "x", "{}", T0, &error));

  s1 = steward_store_open_situation (f->store, id, "1", "Chai is low", "warning", NULL, T0, &error);
  s2 = steward_store_open_situation (f->store, id, "2", "Chang is low", "warning", NULL,
                                     T0, &error);
  g_assert_no_error (error);
  g_assert_true (steward_store_resolve_situation (f->store, s2, T0 + 1, &error));
  add_decision (f->store, id, s1, STEWARD_DECISION_ASK, 1200, T0);
  add_decision (f->store, id, s2, STEWARD_DECISION_ACT, 100, T0);

  job = steward_store_dup_job (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (steward_job_get_signal_count (job), ==, 3);
  g_assert_cmpint (steward_job_get_situation_count (job), ==, 2);
  g_assert_cmpint (steward_job_get_open_situation_count (job), ==, 1);
  g_assert_cmpint (steward_job_get_pending_count (job), ==, 1);

  /* Updating writes the values given, and a refreshed object notifies
   * only the properties that changed. */
  g_assert_true (steward_store_update_job (f->store, id, STEWARD_JOB_STATE_NEEDS_ATTENTION,
                                           "Chai is low", "Waiting for approval", NULL,
                                           T0 + 5, &error));
  g_assert_no_error (error);

  g_signal_connect (job, "notify", G_CALLBACK (count_notify), names);
  fresh = steward_store_dup_job (f->store, id, &error);
  g_assert_no_error (error);
  steward_job_update (job, fresh);
  g_assert_cmpint (steward_job_get_state (job), ==, STEWARD_JOB_STATE_NEEDS_ATTENTION);
  g_assert_cmpstr (steward_job_get_insight (job), ==, "Chai is low");
  g_assert_cmpint (steward_job_get_last_run_at (job), ==, T0 + 5);
  g_assert_true (has_name (names, "state"));
  g_assert_true (has_name (names, "state-label"));
  g_assert_true (has_name (names, "insight"));
  g_assert_true (has_name (names, "next-step"));
  g_assert_true (has_name (names, "last-run-at"));
  g_assert_false (has_name (names, "title"));
  g_assert_false (has_name (names, "signal-count"));
  g_assert_false (has_name (names, "error"));
  g_assert_cmpuint (names->len, ==, 5);

  g_ptr_array_set_size (names, 0);
  steward_job_update (job, fresh);
  g_assert_cmpuint (names->len, ==, 0);

  g_object_get (job, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "Reorder");
  g_assert_cmpstr (steward_job_get_state_label (job), ==, "Needs Attention");

  /* Its JSON form has every field, with nicks, times and parsed JSON. */
  node = steward_job_to_json (job);
  object = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "needs-attention");
  g_assert_cmpstr (json_object_get_string_member (object, "autonomy"), ==, "bounded");
  g_assert_cmpstr (json_object_get_string_member (object, "created_at"), ==,
                   "2026-12-03T09:00:00Z");
  g_assert_cmpint (json_object_get_int_member (object, "created_at_us"), ==, T0);
  g_assert_cmpint (json_object_get_int_member (object, "signal_count"), ==, 3);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (
                     json_object_get_object_member (object, "contract"), "limits")), ==, 2);
  g_assert_true (json_object_get_null_member (object, "error"));

  /* What does not exist is said so. */
  missing = steward_store_dup_job (f->store, 7777, &error);
  g_assert_null (missing);
  g_assert_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "no job with id 7777");
  g_clear_error (&error);

  g_assert_false (steward_store_update_job (f->store, 7777, STEWARD_JOB_STATE_ACTIVE,
                                            NULL, NULL, NULL, 0, &error));
  g_assert_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_NOT_FOUND);
}

static void
test_store_bad_json (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(StewardJob) job = steward_job_new_empty ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  job->title = g_strdup ("Broken");
  job->contract_json = g_strdup ("{\"title\": ");
  job->created_at = T0;

  id = steward_store_insert_job (f->store, job, &error);
  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "could not create the job: "));
  g_assert_nonnull (strstr (error->message, "contract_json"));
}

/* Transactions */

static void
test_store_transaction_rollback (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GPtrArray) situations = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, sit;

  /* A failure half-way: everything of the transaction goes. */
  g_assert_true (steward_store_begin (f->store, &error));
  id = add_job (f->store, "Half-written");
  g_assert_cmpint (steward_store_append_audit (f->store, T0, "test", "job.created", id,
                                               "Created", NULL, &error), ==, 1);
  sit = steward_store_open_situation (f->store, id, "k", "Low", NULL, NULL, T0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sit, >, 0);
  g_assert_cmpint (steward_store_open_situation (f->store, id, "k", "Low", NULL, NULL, T0,
                                                 &error), ==, 0);
  g_assert_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_FAILED);
  g_clear_error (&error);
  steward_store_rollback (f->store);

  jobs = steward_store_list_jobs (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 0);
  audit = steward_store_list_audit (f->store, 0, &error);
  g_assert_cmpuint (audit->len, ==, 0);
  situations = steward_store_list_situations (f->store, 0, FALSE, &error);
  g_assert_cmpuint (situations->len, ==, 0);

  /* Nothing of it is left on disk either, for another reader. */
  g_assert_cmpint (sql_int (f->db_path, "SELECT count(*) FROM jobs"), ==, 0);

  /* A committed transaction is all there, and the chain starts again
   * at 1 after the rolled-back entry. */
  g_assert_true (steward_store_begin (f->store, &error));
  id = add_job (f->store, "Whole");
  g_assert_cmpint (steward_store_append_audit (f->store, T0, "test", "job.created", id,
                                               "Created", NULL, &error), ==, 1);
  g_assert_true (steward_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->db_path, "SELECT count(*) FROM jobs"), ==, 1);
  g_assert_cmpint (sql_int (f->db_path, "SELECT count(*) FROM audit"), ==, 1);
  g_assert_true (steward_store_verify_audit (f->store, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_store_transaction_nested (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (steward_store_begin (f->store, &error));
  add_job (f->store, "Outer");

  /* An inner level rolled back undoes only itself. */
  g_assert_true (steward_store_begin (f->store, &error));
  add_job (f->store, "Inner, undone");
  steward_store_rollback (f->store);

  g_assert_true (steward_store_begin (f->store, &error));
  add_job (f->store, "Inner, kept");
  g_assert_true (steward_store_commit (f->store, &error));

  /* Until the outermost commit, another connection sees nothing. */
  g_assert_cmpint (sql_int (f->db_path, "SELECT count(*) FROM jobs"), ==, 0);
  g_assert_true (steward_store_commit (f->store, &error));
  g_assert_no_error (error);

  jobs = steward_store_list_jobs (f->store, &error);
  g_assert_cmpuint (jobs->len, ==, 2);
  g_assert_cmpstr (steward_job_get_title (g_ptr_array_index (jobs, 0)), ==, "Outer");
  g_assert_cmpstr (steward_job_get_title (g_ptr_array_index (jobs, 1)), ==, "Inner, kept");

  /* A commit without a transaction is an error, not a crash. */
  g_assert_false (steward_store_commit (f->store, &error));
  g_assert_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_FAILED);
}

/* Two stores of one file see each other's writes at once: a cached
 * statement must not keep reading an old snapshot. */
static void
test_store_two_connections (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(StewardStore) other = NULL;
  g_autoptr(GError) error = NULL;

  other = steward_sqlite_store_new (f->db_path, &error);
  g_assert_no_error (error);

  for (guint i = 1; i <= 3; i++)
    {
      g_autoptr(GPtrArray) jobs = NULL;

      add_job (f->store, "One more");
      jobs = steward_store_list_jobs (other, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (jobs->len, ==, i);
    }
}

/* Situations */

static void
test_store_situations (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(StewardSituation) found = NULL;
  g_autoptr(StewardSituation) none = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  gint64 job, other, chai, chang, chai_again, other_chai;

  job = add_job (f->store, "Reorder");
  other = add_job (f->store, "Other");

  chai = steward_store_open_situation (f->store, job, "1", "Chai is below its reorder level",
                                      "warning", "{\"unitsInStock\": 3}", T0, &error);
  g_assert_no_error (error);

  /* One open situation per job and key... */
  g_assert_cmpint (steward_store_open_situation (f->store, job, "1", "Again", NULL, NULL,
                                                 T0, &error), ==, 0);
  g_assert_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "already has an open situation for “1”"));
  g_clear_error (&error);

  /* ...but the same key in another job is another situation. */
  other_chai = steward_store_open_situation (f->store, other, "1", "Chai", NULL, NULL, T0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (other_chai, >, chai);

  chang = steward_store_open_situation (f->store, job, "2", "Chang is below its reorder level",
                                       "warning", NULL, T0 + 10, &error);
  g_assert_no_error (error);

  /* Touching counts the signal, keeps the first time, updates the rest. */
  g_assert_true (steward_store_touch_situation (f->store, chai, "Chai is very low",
                                                "{\"unitsInStock\": 1}", T0 + 60, &error));
  g_assert_true (steward_store_touch_situation (f->store, chai, NULL, NULL, T0 + 120, &error));
  g_assert_no_error (error);

  found = steward_store_find_open_situation (f->store, job, "1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (steward_situation_get_id (found), ==, chai);
  g_assert_cmpint (steward_situation_get_count (found), ==, 3);
  g_assert_cmpint (steward_situation_get_first_seen (found), ==, T0);
  g_assert_cmpint (steward_situation_get_last_seen (found), ==, T0 + 120);
  g_assert_cmpstr (steward_situation_get_title (found), ==, "Chai is very low");
  g_assert_cmpstr (steward_situation_get_item_json (found), ==, "{\"unitsInStock\": 1}");
  g_assert_cmpstr (steward_situation_get_severity (found), ==, "warning");

  node = steward_situation_to_json (found);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (
                     json_node_get_object (node), "item"), "unitsInStock"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "state"), ==,
                   "open");

  /* Resolved, it is no longer found as open, and the key may open again. */
  g_assert_true (steward_store_resolve_situation (f->store, chai, T0 + 200, &error));
  g_assert_true (steward_store_resolve_situation (f->store, chai, T0 + 300, &error));
  g_assert_no_error (error);
  none = steward_store_find_open_situation (f->store, job, "1", &error);
  g_assert_no_error (error);
  g_assert_null (none);

  g_assert_false (steward_store_touch_situation (f->store, chai, NULL, NULL, T0, &error));
  g_assert_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (steward_store_resolve_situation (f->store, 9999, T0, &error));
  g_assert_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  chai_again = steward_store_open_situation (f->store, job, "1", "Chai is low again", NULL, NULL,
                                            T0 + 400, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chai_again, >, chang);

  /* Open ones first, newest first; then the resolved. */
  all = steward_store_list_situations (f->store, job, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpint (steward_situation_get_id (g_ptr_array_index (all, 0)), ==, chai_again);
  g_assert_cmpint (steward_situation_get_id (g_ptr_array_index (all, 1)), ==, chang);
  g_assert_cmpint (steward_situation_get_id (g_ptr_array_index (all, 2)), ==, chai);
  g_assert_cmpint (steward_situation_get_state (g_ptr_array_index (all, 2)), ==,
                   STEWARD_SITUATION_RESOLVED);
  g_assert_cmpint (steward_situation_get_resolved_at (g_ptr_array_index (all, 2)), ==, T0 + 200);

  open = steward_store_list_situations (f->store, 0, TRUE, &error);
  g_assert_cmpuint (open->len, ==, 3);  /* two of this job, one of the other */
}

/* Decisions */

static void
test_store_decisions (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(StewardDecision) decision = NULL;
  g_autoptr(StewardDecision) latest = NULL;
  g_autoptr(StewardDecision) none = NULL;
  g_autoptr(StewardDecision) plain = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) every_job = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) plain_node = NULL;
  g_autofree char *question = NULL;
  g_autoptr(StewardJob) job_after = NULL;
  gint64 job, sit, ask, act, later, no_amount;

  job = add_job (f->store, "Reorder");
  sit = steward_store_open_situation (f->store, job, "1", "Chai is low", NULL, NULL, T0, &error);
  g_assert_no_error (error);

  ask = add_decision (f->store, job, sit, STEWARD_DECISION_ASK, 1200, T0);
  act = add_decision (f->store, job, 0, STEWARD_DECISION_ACT, 100, T0 + 1);

  decision = steward_store_dup_decision (f->store, ask, &error);
  g_assert_no_error (error);
  g_assert_cmpint (steward_decision_get_job_id (decision), ==, job);
  g_assert_cmpint (steward_decision_get_situation_id (decision), ==, sit);
  g_assert_cmpstr (steward_decision_get_situation_title (decision), ==, "Chai is low");
  g_assert_cmpstr (steward_decision_get_job_title (decision), ==, "Reorder");
  g_assert_cmpint (steward_decision_get_kind (decision), ==, STEWARD_DECISION_ASK);
  g_assert_cmpint (steward_decision_get_status (decision), ==, STEWARD_DECISION_STATUS_PENDING);
  g_assert_true (steward_decision_has_amount (decision));
  g_assert_cmpfloat (steward_decision_get_amount (decision), ==, 1200.0);
  g_assert_cmpstr (steward_decision_get_amount_label (decision), ==, "1200.00 EUR");
  g_assert_nonnull (strstr (steward_decision_get_explanation_text (decision), "above 500 EUR"));

  g_object_get (decision, "question", &question, NULL);
  g_assert_cmpstr (question, ==, "Order 20 units of Chai for 1200.00 EUR?");

  node = steward_decision_to_json (decision);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "kind"), ==, "ask");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "status"), ==,
                   "pending");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     json_node_get_object (node), "explanation"), "outcome"), ==, "ask");
  g_assert_true (json_object_get_null_member (json_node_get_object (node), "answered_at"));

  pending = steward_store_list_decisions (f->store, job, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 1);
  all = steward_store_list_decisions (f->store, job, FALSE, &error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpint (steward_decision_get_id (g_ptr_array_index (all, 0)), ==, act);

  /* A person's answer, then the outcome of its action. */
  g_assert_true (steward_store_set_decision_status (f->store, ask, STEWARD_DECISION_STATUS_APPROVED,
                                                    "anna", "ok, but hurry", NULL, T0 + 100,
                                                    &error));
  g_assert_true (steward_store_set_decision_status (f->store, ask, STEWARD_DECISION_STATUS_FAILED,
                                                    NULL, NULL, "HTTP 500", T0 + 200, &error));
  g_assert_true (steward_store_mark_decision_notified (f->store, ask, T0 + 50, &error));
  g_assert_no_error (error);

  g_clear_object (&decision);
  decision = steward_store_dup_decision (f->store, ask, &error);
  g_assert_cmpint (steward_decision_get_status (decision), ==, STEWARD_DECISION_STATUS_FAILED);
  g_assert_cmpstr (steward_decision_get_answered_by (decision), ==, "anna");
  g_assert_cmpint (steward_decision_get_answered_at (decision), ==, T0 + 100);
  g_assert_cmpstr (steward_decision_get_note (decision), ==, "ok, but hurry");
  g_assert_cmpstr (steward_decision_get_error (decision), ==, "HTTP 500");
  g_assert_cmpint (steward_decision_get_notified_at (decision), ==, T0 + 50);

  job_after = steward_store_dup_job (f->store, job, &error);
  g_assert_cmpint (steward_job_get_pending_count (job_after), ==, 0);

  /* The latest decision for a situation, or none without an error. */
  later = add_decision (f->store, job, sit, STEWARD_DECISION_ASK, 900, T0 + 300);
  latest = steward_store_find_decision_for_situation (f->store, sit, &error);
  g_assert_no_error (error);
  g_assert_cmpint (steward_decision_get_id (latest), ==, later);
  none = steward_store_find_decision_for_situation (f->store, 4242, &error);
  g_assert_no_error (error);
  g_assert_null (none);

  /* Without an amount or explanation: no label, no text, a null. */
  no_amount = add_decision (f->store, job, 0, STEWARD_DECISION_OBSERVE, -1, T0 + 400);
  g_assert_true (steward_store_set_decision_status (f->store, no_amount,
                                                    STEWARD_DECISION_STATUS_DONE, NULL, NULL,
                                                    NULL, T0, &error));
  plain = steward_store_dup_decision (f->store, no_amount, &error);
  g_assert_false (steward_decision_has_amount (plain));
  g_assert_null (steward_decision_get_amount_label (plain));
  g_assert_null (steward_decision_get_situation_title (plain));
  plain_node = steward_decision_to_json (plain);
  g_assert_true (json_object_get_null_member (json_node_get_object (plain_node), "amount"));
  g_free (plain->explanation_json);
  plain->explanation_json = NULL;
  g_assert_null (steward_decision_get_explanation_text (plain));

  every_job = steward_store_list_decisions (f->store, 0, FALSE, &error);
  g_assert_cmpuint (every_job->len, ==, 4);

  g_assert_null (steward_store_dup_decision (f->store, 4242, &error));
  g_assert_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "no decision with id 4242");
  g_clear_error (&error);
  g_assert_false (steward_store_set_decision_status (f->store, 4242,
                                                     STEWARD_DECISION_STATUS_DONE, NULL, NULL,
                                                     NULL, T0, &error));
  g_assert_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_NOT_FOUND);
}

/* Actions */

static void
test_store_actions (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) unfinished = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  StewardAction *sent;
  gint64 job, first, second, third, count = -1;
  double amount = -1;

  job = add_job (f->store, "Reorder");

  first = add_action (f->store, job, "job1-sit1-dec1", 300, T0, &error);
  second = add_action (f->store, job, "job1-sit2-dec2", 150.5, T0 + G_TIME_SPAN_HOUR, &error);
  third = add_action (f->store, job, "job1-sit3-dec3", 1000, T0 + 2 * G_TIME_SPAN_HOUR, &error);
  g_assert_no_error (error);

  /* An idempotency key is recorded once. */
  g_assert_cmpint (add_action (f->store, job, "job1-sit1-dec1", 300, T0, &error), ==, 0);
  g_assert_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "job1-sit1-dec1"));
  g_clear_error (&error);

  unfinished = steward_store_list_unfinished_actions (f->store, &error);
  g_assert_cmpuint (unfinished->len, ==, 3);
  g_assert_cmpint (steward_action_get_id (g_ptr_array_index (unfinished, 0)), ==, first);

  g_assert_true (steward_store_update_action (f->store, first, STEWARD_ACTION_SENT, 201,
                                              "{\"id\": 9}", NULL, T0 + 5, &error));
  g_assert_true (steward_store_update_action (f->store, third, STEWARD_ACTION_FAILED, 500,
                                              "oops", "HTTP 500", T0 + 6, &error));
  g_assert_no_error (error);

  g_clear_pointer (&unfinished, g_ptr_array_unref);
  unfinished = steward_store_list_unfinished_actions (f->store, &error);
  g_assert_cmpuint (unfinished->len, ==, 1);
  g_assert_cmpint (steward_action_get_id (g_ptr_array_index (unfinished, 0)), ==, second);

  actions = steward_store_list_actions (f->store, job, &error);
  g_assert_cmpuint (actions->len, ==, 3);
  sent = g_ptr_array_index (actions, 2);  /* newest first */
  g_assert_cmpint (steward_action_get_id (sent), ==, first);
  g_assert_cmpint (steward_action_get_state (sent), ==, STEWARD_ACTION_SENT);
  g_assert_cmpint (steward_action_get_attempts (sent), ==, 1);
  g_assert_cmpint (steward_action_get_status_code (sent), ==, 201);
  g_assert_cmpint (steward_action_get_finished_at (sent), ==, T0 + 5);
  g_assert_cmpstr (steward_action_get_idempotency_key (sent), ==, "job1-sit1-dec1");

  node = steward_action_to_json (sent);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     json_node_get_object (node), "request"), "method"), ==, "POST");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "state"), ==,
                   "sent");

  /* Failed actions do not count against the limits. */
  g_assert_true (steward_store_sum_actions_since (f->store, job, T0, &count, &amount, &error));
  g_assert_cmpint (count, ==, 2);
  g_assert_cmpfloat_with_epsilon (amount, 450.5, 1e-9);

  g_assert_true (steward_store_sum_actions_since (f->store, job, T0 + 1, &count, &amount, &error));
  g_assert_cmpint (count, ==, 1);
  g_assert_cmpfloat_with_epsilon (amount, 150.5, 1e-9);

  g_assert_true (steward_store_sum_actions_since (f->store, job + 1, T0, &count, &amount, &error));
  g_assert_cmpint (count, ==, 0);
  g_assert_cmpfloat (amount, ==, 0.0);

  g_assert_false (steward_store_update_action (f->store, 4242, STEWARD_ACTION_SENT, 200, NULL,
                                               NULL, T0, &error));
  g_assert_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_NOT_FOUND);
}

/* Inbox */

static void
test_store_inbox (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;
  StewardInboxEntry *entry;
  gint64 job, run_entry, approve_entry, decision;

  job = add_job (f->store, "Reorder");
  decision = add_decision (f->store, job, 0, STEWARD_DECISION_ASK, 600, T0);

  run_entry = steward_store_inbox_push (f->store, "run", job, 0, "anna", NULL, T0, &error);
  approve_entry = steward_store_inbox_push (f->store, "approve", job, decision, "anna",
                                            "{\"note\": \"go\"}", T0 + 1, &error);
  g_assert_no_error (error);

  pending = steward_store_inbox_list_pending (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 2);
  entry = g_ptr_array_index (pending, 0);
  g_assert_cmpint (entry->id, ==, run_entry);
  g_assert_cmpstr (entry->kind, ==, "run");
  g_assert_cmpint (entry->job_id, ==, job);
  g_assert_cmpint (entry->decision_id, ==, 0);
  g_assert_cmpstr (entry->payload_json, ==, "{}");
  entry = g_ptr_array_index (pending, 1);
  g_assert_cmpint (entry->decision_id, ==, decision);
  g_assert_cmpstr (entry->payload_json, ==, "{\"note\": \"go\"}");
  g_assert_cmpint (entry->created_at, ==, T0 + 1);

  /* Not completed yet: FALSE without an error. */
  g_assert_false (steward_store_inbox_get_result (f->store, run_entry, &result, &error));
  g_assert_no_error (error);
  g_assert_null (result);

  g_assert_true (steward_store_inbox_complete (f->store, run_entry, "{\"run_id\": 4}", T0 + 2,
                                               &error));
  g_assert_true (steward_store_inbox_get_result (f->store, run_entry, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result, ==, "{\"run_id\": 4}");

  after = steward_store_inbox_list_pending (f->store, &error);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpint (((StewardInboxEntry *) g_ptr_array_index (after, 0))->id, ==, approve_entry);

  g_assert_false (steward_store_inbox_get_result (f->store, 4242, NULL, &error));
  g_assert_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (steward_store_inbox_complete (f->store, 4242, NULL, T0, &error));
  g_assert_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A payload that is not JSON is refused, with what was being done. */
  g_assert_cmpint (steward_store_inbox_push (f->store, "run", job, 0, "anna", "{oops", T0,
                                             &error), ==, 0);
  g_assert_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "could not queue the request: "));
}

/* Runs */

static void
test_store_runs (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(StewardRun) run = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(JsonNode) steps = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *step;
  JsonArray *array;
  gint64 job, first, second;

  job = add_job (f->store, "Reorder");
  first = steward_store_insert_run (f->store, job, "manual", T0, &error);
  g_assert_no_error (error);

  g_assert_true (steward_store_append_run_step (f->store, first, T0 + 1, "Fetched 77 products",
                                                "{\"count\": 77}", &error));
  g_assert_true (steward_store_append_run_step (f->store, first, T0 + 2, "Opened 3 situations",
                                                NULL, &error));
  g_assert_no_error (error);

  g_assert_false (steward_store_append_run_step (f->store, first, T0 + 3, "Bad", "{nope", &error));
  g_assert_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_FAILED);
  g_clear_error (&error);

  g_assert_true (steward_store_finish_run (f->store, first, STEWARD_RUN_SUCCEEDED,
                                           "3 situations, 1 order", NULL, T0 + 10, &error));
  g_assert_no_error (error);

  run = steward_store_dup_run (f->store, first, &error);
  g_assert_no_error (error);
  g_assert_cmpint (steward_run_get_job_id (run), ==, job);
  g_assert_cmpstr (steward_run_get_trigger (run), ==, "manual");
  g_assert_cmpint (steward_run_get_state (run), ==, STEWARD_RUN_SUCCEEDED);
  g_assert_cmpint (steward_run_get_started_at (run), ==, T0);
  g_assert_cmpint (steward_run_get_finished_at (run), ==, T0 + 10);
  g_assert_cmpstr (steward_run_get_summary (run), ==, "3 situations, 1 order");

  steps = json_from_string (steward_run_get_steps_json (run), &error);
  g_assert_no_error (error);
  array = json_node_get_array (steps);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  step = json_array_get_object_element (array, 0);
  g_assert_cmpint (json_object_get_int_member (step, "at"), ==, T0 + 1);
  g_assert_cmpstr (json_object_get_string_member (step, "text"), ==, "Fetched 77 products");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (step, "detail"),
                                               "count"), ==, 77);
  step = json_array_get_object_element (array, 1);
  g_assert_true (json_object_get_null_member (step, "detail"));

  node = steward_run_to_json (run);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (node), "steps")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "finished_at"), ==,
                   "2026-12-03T09:00:00Z");

  /* A run waiting for a person is not finished. */
  second = steward_store_insert_run (f->store, job, "schedule", T0 + 60, &error);
  g_assert_true (steward_store_finish_run (f->store, second, STEWARD_RUN_WAITING,
                                           "Waiting", NULL, T0 + 70, &error));
  runs = steward_store_list_runs (f->store, job, &error);
  g_assert_cmpuint (runs->len, ==, 2);
  g_assert_cmpint (steward_run_get_id (g_ptr_array_index (runs, 0)), ==, second);
  g_assert_cmpint (steward_run_get_finished_at (g_ptr_array_index (runs, 0)), ==, 0);

  g_clear_object (&run);
  run = steward_store_dup_run (f->store, 4242, &error);
  g_assert_null (run);
  g_assert_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "no run with id 4242");
}

/* The lease */

static void
test_store_lease (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(StewardStore) second = NULL;
  g_autoptr(StewardStore) third = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strdup_printf ("steward-ctl serve (pid %d)", (int) getpid ());
  g_autofree char *holder = NULL;

  g_assert_null (steward_store_dup_lease_holder (f->store));
  g_assert_true (steward_store_acquire_lease (f->store, "steward-ctl serve", &error));
  g_assert_no_error (error);

  /* Another store of the same file, even in this process, is kept out
   * and told who holds the lease. */
  second = steward_sqlite_store_new (f->db_path, &error);
  g_assert_no_error (error);
  holder = steward_store_dup_lease_holder (second);
  g_assert_cmpstr (holder, ==, expected);
  g_clear_pointer (&holder, g_free);
  holder = steward_store_dup_lease_holder (f->store);
  g_assert_cmpstr (holder, ==, expected);
  g_clear_pointer (&holder, g_free);

  g_assert_false (steward_store_acquire_lease (second, "Steward window", &error));
  g_assert_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, expected));
  g_clear_error (&error);

  /* Released, it can be taken. */
  steward_store_release_lease (f->store);
  g_assert_null (steward_store_dup_lease_holder (second));
  g_assert_true (steward_store_acquire_lease (second, "Steward window", &error));
  g_assert_no_error (error);

  g_assert_false (steward_store_acquire_lease (f->store, "steward-ctl serve", &error));
  g_assert_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "Steward window"));
  g_clear_error (&error);

  /* A store that goes away lets go of it. */
  g_clear_object (&second);
  third = steward_sqlite_store_new (f->db_path, &error);
  g_assert_true (steward_store_acquire_lease (third, "third", &error));
  g_assert_no_error (error);
}

/* The kernel drops the lock of a process that dies without a word. */
static void
test_store_lease_crash (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->store);

  if (g_test_subprocess ())
    {
      StewardStore *store = steward_sqlite_store_new (g_getenv ("STEWARD_TEST_DB"), &error);

      g_assert_no_error (error);
      g_assert_true (steward_store_acquire_lease (store, "doomed", &error));
      g_print ("locked\n");
      remove_tree (f->dir);  /* this process's own fixture, unused */
      _exit (3);  /* no finalize, no release */
    }

  g_setenv ("STEWARD_TEST_DB", f->db_path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stdout ("*locked*");

  f->store = steward_sqlite_store_new (f->db_path, &error);
  g_assert_no_error (error);
  g_assert_null (steward_store_dup_lease_holder (f->store));
  g_assert_true (steward_store_acquire_lease (f->store, "survivor", &error));
  g_assert_no_error (error);
}

static void
test_store_change_file (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GFile) file = steward_store_dup_change_file (f->store);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *expected = g_strconcat (f->db_path, "-wal", NULL);

  g_assert_cmpstr (path, ==, expected);

  add_job (f->store, "Written");
  g_assert_true (g_file_query_exists (file, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/open/create-reopen", test_store_create_reopen);
  ADD ("/store/open/migrations", test_store_migrations);
  ADD ("/store/open/journal-mode", test_store_journal_mode);
  ADD ("/store/open/too-new", test_store_too_new);
  ADD ("/store/open/not-a-database", test_store_not_a_database);
  g_test_add_func ("/store/open/default-path", test_store_default_path);
  ADD ("/store/jobs", test_store_jobs);
  ADD ("/store/jobs/bad-json", test_store_bad_json);
  ADD ("/store/transaction/rollback", test_store_transaction_rollback);
  ADD ("/store/transaction/nested", test_store_transaction_nested);
  ADD ("/store/two-connections", test_store_two_connections);
  ADD ("/store/situations", test_store_situations);
  ADD ("/store/decisions", test_store_decisions);
  ADD ("/store/actions", test_store_actions);
  ADD ("/store/inbox", test_store_inbox);
  ADD ("/store/runs", test_store_runs);
  ADD ("/store/lease", test_store_lease);
  ADD ("/store/lease/crash", test_store_lease_crash);
  ADD ("/store/change-file", test_store_change_file);

#undef ADD

  return g_test_run ();
}
