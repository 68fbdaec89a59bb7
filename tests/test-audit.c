/* test-audit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-audit"

#include "config.h"

#include <string.h>

#include <csv.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "steward-audit-export.h"
#include "steward-job-private.h"
#include "steward-sqlite-store.h"

#define T0 (G_GINT64_CONSTANT (1796288400) * G_USEC_PER_SEC)  /* 2026-12-03T09:00:00Z */
#define N_ENTRIES 40
#define TARGET 17

/* A summary that CSV must quote: a comma, quotes and a line break. */
#define TRICKY_SUMMARY "Ordered 20 × \"Chai\", 18.00 EUR each\nthen \"Chang\""

typedef struct
{
  char         *dir;
  char         *db_path;
  StewardStore *store;
  gint64        job_id;
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

static const char *
kind_of (int i)
{
  static const char * const kinds[] = {
    "job.created", "run.started", "situation.opened", "decision.asked",
    "decision.approved", "action.sent", "run.finished",
  };

  return kinds[i % G_N_ELEMENTS (kinds)];
}

static gint64
at_of (int i)
{
  return T0 + i * G_TIME_SPAN_MINUTE + 123;
}

/* Fills the log with N_ENTRIES entries, the TARGET one being the
 * decision of 2026-12-03 at 09:16 (seq 17 is i = 16). */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(StewardJob) job = steward_job_new_empty ();
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("steward-test-audit-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "steward.db", NULL);
  f->store = steward_sqlite_store_new (f->db_path, &error);
  g_assert_no_error (error);

  job->title = g_strdup ("Reorder");
  job->contract_json = g_strdup ("{}");
  job->created_at = T0;
  f->job_id = steward_store_insert_job (f->store, job, &error);
  g_assert_no_error (error);

  for (int i = 0; i < N_ENTRIES; i++)
    {
      g_autofree char *summary = NULL;
      g_autofree char *detail = NULL;
      gint64 seq;

      if (i == 5)
        summary = g_strdup (TRICKY_SUMMARY);
      else
        summary = g_strdup_printf ("Entry number %d about Chai", i + 1);

      if (i % 3 != 2)
        detail = g_strdup_printf ("{\"step\": %d, \"product\": \"Chai\"}", i + 1);

      seq = steward_store_append_audit (f->store, at_of (i),
                                        i % 4 == 0 ? "anna" : "engine",
                                        kind_of (i + 1),
                                        i % 2 == 0 ? f->job_id : 0,
                                        summary, detail, &error);
      g_assert_no_error (error);
      g_assert_cmpint (seq, ==, i + 1);
    }
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

/* Closes the fixture's store (which folds the WAL back into the file)
 * and copies the database to a fresh file. */
static char *
fresh_copy (Fixture    *f,
            const char *name)
{
  g_autofree char *contents = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  gsize len;

  g_clear_object (&f->store);

  g_assert_true (g_file_get_contents (f->db_path, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (path, contents, len, NULL));

  return g_steal_pointer (&path);
}

static sqlite3 *
open_raw (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);

  return db;
}

static void
exec_raw (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Someone with the file and the sqlite3 tool: first out of the way go
 * the triggers that stop honest mistakes. */
static void
drop_guards (sqlite3 *db)
{
  exec_raw (db, "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete");
}

/* Changes one byte of one column of one entry, as a forger would. */
static void
flip_one_byte (const char *path,
               const char *column,
               gint64      seq)
{
  g_autofree char *select = g_strdup_printf ("SELECT %s FROM audit WHERE seq = ?1", column);
  g_autofree char *update = g_strdup_printf ("UPDATE audit SET %s = ?2 WHERE seq = ?1", column);
  g_autofree char *value = NULL;
  sqlite3 *db = open_raw (path);
  sqlite3_stmt *stmt = NULL;
  gsize pos;

  drop_guards (db);

  g_assert_cmpint (sqlite3_prepare_v2 (db, select, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, seq);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_nonnull (value);

  /* A letter or digit near the middle: the text stays valid UTF-8. */
  for (pos = strlen (value) / 2; value[pos] != '\0'; pos++)
    if (g_ascii_isalnum (value[pos]))
      break;
  g_assert_cmpint (value[pos], !=, '\0');
  value[pos] ^= 0x01;

  g_assert_cmpint (sqlite3_prepare_v2 (db, update, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, seq);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_finalize (stmt);

  sqlite3_close (db);
}

static void
assert_broken_at (const char *path,
                  gint64      expected_seq,
                  const char *expected_message)
{
  g_autoptr(StewardStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 checked = -1;
  gint64 bad_seq = -1;

  store = steward_sqlite_store_new (path, &error);
  g_assert_no_error (error);

  g_assert_false (steward_store_verify_audit (store, &checked, &bad_seq, &error));
  g_assert_error (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_CORRUPT);
  g_assert_cmpint (bad_seq, ==, expected_seq);
  g_assert_cmpint (checked, ==, expected_seq - 1);

  if (!g_pattern_match_simple (expected_message, error->message))
    g_error ("unexpected message: %s", error->message);
}

static void
test_audit_verify_intact (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) of_job = NULL;
  g_autoptr(GError) error = NULL;
  gint64 checked = -1;
  gint64 bad_seq = -1;

  g_assert_true (steward_store_verify_audit (f->store, &checked, &bad_seq, &error));
  g_assert_no_error (error);
  g_assert_cmpint (checked, ==, N_ENTRIES);
  g_assert_cmpint (bad_seq, ==, 0);

  /* Each entry links to the one before it. */
  entries = steward_store_list_audit (f->store, 0, &error);
  g_assert_cmpuint (entries->len, ==, N_ENTRIES);
  g_assert_cmpstr (steward_audit_entry_get_prev_hash (g_ptr_array_index (entries, 0)), ==, "");
  for (guint i = 1; i < entries->len; i++)
    g_assert_cmpstr (steward_audit_entry_get_prev_hash (g_ptr_array_index (entries, i)), ==,
                     steward_audit_entry_get_hash (g_ptr_array_index (entries, i - 1)));

  of_job = steward_store_list_audit (f->store, f->job_id, &error);
  g_assert_cmpuint (of_job->len, ==, N_ENTRIES / 2);
  for (guint i = 0; i < of_job->len; i++)
    g_assert_cmpint (steward_audit_entry_get_job_id (g_ptr_array_index (of_job, i)), ==, f->job_id);

  /* Still intact after the file is closed and opened again. */
  g_clear_object (&f->store);
  f->store = steward_sqlite_store_new (f->db_path, &error);
  g_assert_true (steward_store_verify_audit (f->store, &checked, NULL, &error));
  g_assert_cmpint (checked, ==, N_ENTRIES);

  /* An empty log is intact too. */
  {
    g_autofree char *empty_path = g_build_filename (f->dir, "empty.db", NULL);
    g_autoptr(StewardStore) empty = steward_sqlite_store_new (empty_path, &error);

    g_assert_no_error (error);
    g_assert_true (steward_store_verify_audit (empty, &checked, &bad_seq, &error));
    g_assert_cmpint (checked, ==, 0);
  }
}

static void
test_audit_tamper_column (Fixture       *f,
                          gconstpointer  data)
{
  const char *column = data;
  g_autofree char *name = g_strdup_printf ("tampered-%s.db", column);
  g_autofree char *path = fresh_copy (f, name);

  flip_one_byte (path, column, TARGET);
  assert_broken_at (path, TARGET,
                    "audit entry 17 (decision.asked, 2026-12-03T09:16:00Z) was altered:*");
}

/* A forger who also recomputes the hash of the entry they edited
 * breaks the link of the entry after it. */
static void
test_audit_tamper_rehash (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = fresh_copy (f, "rehashed.db");
  g_autoptr(StewardStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *forged = NULL;
  StewardAuditEntry *entry;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;

  store = steward_sqlite_store_new (path, &error);
  entries = steward_store_list_audit (store, 0, &error);
  g_assert_no_error (error);
  entry = g_ptr_array_index (entries, TARGET - 1);
  forged = steward_audit_compute_hash (TARGET,
                                       steward_audit_entry_get_at (entry),
                                       steward_audit_entry_get_actor (entry),
                                       steward_audit_entry_get_kind (entry),
                                       steward_audit_entry_get_job_id (entry),
                                       "Nothing happened here",
                                       steward_audit_entry_get_detail_json (entry),
                                       steward_audit_entry_get_prev_hash (entry));
  g_clear_object (&store);

  db = open_raw (path);
  drop_guards (db);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE audit SET summary = ?2, hash = ?3"
                                       " WHERE seq = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, TARGET);
  sqlite3_bind_text (stmt, 2, "Nothing happened here", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, forged, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  assert_broken_at (path, TARGET + 1,
                    "audit entry 18 (decision.approved, 2026-12-03T09:17:00Z) "
                    "does not follow entry 17");
}

static void
test_audit_tamper_delete (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *middle = fresh_copy (f, "deleted-middle.db");
  g_autofree char *first = g_build_filename (f->dir, "deleted-first.db", NULL);
  g_autofree char *contents = NULL;
  gsize len;
  sqlite3 *db;

  g_assert_true (g_file_get_contents (middle, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (first, contents, len, NULL));

  db = open_raw (middle);
  drop_guards (db);
  exec_raw (db, "DELETE FROM audit WHERE seq = 17");
  sqlite3_close (db);
  assert_broken_at (middle, TARGET, "audit entry 17 is missing*");

  db = open_raw (first);
  drop_guards (db);
  exec_raw (db, "DELETE FROM audit WHERE seq = 1");
  sqlite3_close (db);
  assert_broken_at (first, 1, "audit entry 1 is missing*");
}

/* The triggers keep well-meaning code from editing the log. */
static void
test_audit_append_only (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = fresh_copy (f, "guarded.db");
  sqlite3 *db = open_raw (path);
  char *message = NULL;

  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET summary = 'x' WHERE seq = 3",
                                 NULL, NULL, &message), !=, SQLITE_OK);
  g_assert_nonnull (strstr (message, "append-only"));
  sqlite3_free (message);
  message = NULL;

  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit", NULL, NULL, &message), !=, SQLITE_OK);
  g_assert_nonnull (strstr (message, "append-only"));
  sqlite3_free (message);
  sqlite3_close (db);
}

/* Two stores on one file appending in turn still make one chain. */
static void
test_audit_two_writers (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(StewardStore) other = NULL;
  g_autoptr(GError) error = NULL;
  gint64 checked = 0;

  other = steward_sqlite_store_new (f->db_path, &error);
  g_assert_no_error (error);

  for (int i = 0; i < 10; i++)
    {
      StewardStore *store = i % 2 ? other : f->store;
      gint64 seq;

      seq = steward_store_append_audit (store, T0, "writer", "test.append", 0,
                                        "alternating", NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (seq, ==, N_ENTRIES + i + 1);
    }

  g_assert_true (steward_store_verify_audit (other, &checked, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (checked, ==, N_ENTRIES + 10);
}

static void
test_audit_hash (void)
{
  g_autofree char *a = steward_audit_compute_hash (1, T0, "ab", "c", 0, "s", NULL, "");
  g_autofree char *same = steward_audit_compute_hash (1, T0, "ab", "c", 0, "s", NULL, "");
  g_autofree char *moved = steward_audit_compute_hash (1, T0, "a", "bc", 0, "s", NULL, "");
  g_autofree char *empty_detail = steward_audit_compute_hash (1, T0, "ab", "c", 0, "s", "", "");
  g_autofree char *other_seq = steward_audit_compute_hash (2, T0, "ab", "c", 0, "s", NULL, "");
  g_autofree char *other_job = steward_audit_compute_hash (1, T0, "ab", "c", 1, "s", NULL, "");

  g_assert_cmpuint (strlen (a), ==, 64);
  for (const char *p = a; *p; p++)
    g_assert_true (g_ascii_isdigit (*p) || (*p >= 'a' && *p <= 'f'));

  g_assert_cmpstr (a, ==, same);
  g_assert_cmpstr (a, !=, moved);
  g_assert_cmpstr (a, !=, empty_detail);
  g_assert_cmpstr (a, !=, other_seq);
  g_assert_cmpstr (a, !=, other_job);
}

static void
test_audit_entry_json (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  entries = steward_store_list_audit (f->store, 0, &error);
  node = steward_audit_entry_to_json (g_ptr_array_index (entries, 1));
  object = json_node_get_object (node);

  g_assert_cmpint (json_object_get_int_member (object, "seq"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (object, "at"), ==, "2026-12-03T09:01:00Z");
  g_assert_cmpint (json_object_get_int_member (object, "at_us"), ==, at_of (1));
  g_assert_cmpstr (json_object_get_string_member (object, "actor"), ==, "engine");
  g_assert_true (json_object_get_null_member (object, "job_id"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "detail"),
                                               "step"), ==, 2);
  g_assert_cmpuint (strlen (json_object_get_string_member (object, "hash")), ==, 64);
}

/* Export */

typedef struct
{
  GPtrArray *rows;     /* of GPtrArray of char* */
  GPtrArray *current;
} CsvRows;

static void
csv_field_cb (void   *data,
              size_t  len,
              void   *user_data)
{
  CsvRows *rows = user_data;

  if (rows->current == NULL)
    rows->current = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (rows->current, g_strndup (data ? data : "", len));
}

static void
csv_row_cb (int   c,
            void *user_data)
{
  CsvRows *rows = user_data;

  g_ptr_array_add (rows->rows, rows->current);
  rows->current = NULL;
}

static gboolean
export_to_text (StewardStore  *store,
                gint64         job_id,
                const char    *format,
                char         **text,
                GError       **error)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  const char *data;
  gboolean ok;

  ok = steward_audit_export (store, job_id, format, out, error);
  g_assert_true (g_output_stream_close (out, NULL, NULL));

  data = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out));
  *text = g_strndup (data ? data : "",
                     g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)));

  return ok;
}

static GPtrArray *
parse_csv (const char *text)
{
  struct csv_parser parser;
  CsvRows rows = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref), NULL };
  size_t len = strlen (text);

  g_assert_cmpint (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI), ==, 0);
  g_assert_cmpuint (csv_parse (&parser, text, len, csv_field_cb, csv_row_cb, &rows), ==, len);
  g_assert_cmpint (csv_fini (&parser, csv_field_cb, csv_row_cb, &rows), ==, 0);
  csv_free (&parser);

  return rows.rows;
}

static void
test_audit_export_csv (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const header[] = {
    "seq", "at", "actor", "kind", "job_id", "summary", "detail", "prev_hash", "hash",
  };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) job_rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *job_text = NULL;
  GPtrArray *row;

  g_assert_true (export_to_text (f->store, 0, "csv", &text, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "seq,at,actor,kind,job_id,summary,detail,"
                                        "prev_hash,hash\r\n"));

  rows = parse_csv (text);
  g_assert_cmpuint (rows->len, ==, 1 + N_ENTRIES);

  row = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (row->len, ==, G_N_ELEMENTS (header));
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    g_assert_cmpstr (g_ptr_array_index (row, i), ==, header[i]);

  entries = steward_store_list_audit (f->store, 0, &error);
  for (guint i = 0; i < entries->len; i++)
    {
      StewardAuditEntry *entry = g_ptr_array_index (entries, i);
      const char *detail = steward_audit_entry_get_detail_json (entry);
      g_autofree char *seq = g_strdup_printf ("%u", i + 1);

      row = g_ptr_array_index (rows, i + 1);
      g_assert_cmpuint (row->len, ==, G_N_ELEMENTS (header));
      g_assert_cmpstr (g_ptr_array_index (row, 0), ==, seq);
      g_assert_cmpstr (g_ptr_array_index (row, 2), ==, steward_audit_entry_get_actor (entry));
      g_assert_cmpstr (g_ptr_array_index (row, 3), ==, steward_audit_entry_get_kind (entry));
      g_assert_cmpstr (g_ptr_array_index (row, 5), ==, steward_audit_entry_get_summary (entry));
      g_assert_cmpstr (g_ptr_array_index (row, 6), ==, detail ? detail : "");
      g_assert_cmpstr (g_ptr_array_index (row, 7), ==, steward_audit_entry_get_prev_hash (entry));
      g_assert_cmpstr (g_ptr_array_index (row, 8), ==, steward_audit_entry_get_hash (entry));
    }

  /* The comma, the quotes and the line break come back as they were. */
  row = g_ptr_array_index (rows, 6);
  g_assert_cmpstr (g_ptr_array_index (row, 5), ==, TRICKY_SUMMARY);
  g_assert_cmpstr (g_ptr_array_index (row, 1), ==, "2026-12-03T09:05:00.000123Z");
  g_assert_cmpstr (g_ptr_array_index (row, 4), ==, "");  /* no job */
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (g_ptr_array_index (row, 4), ==, "1");

  /* One job's entries only. */
  g_assert_true (export_to_text (f->store, f->job_id, "csv", &job_text, &error));
  g_assert_no_error (error);
  job_rows = parse_csv (job_text);
  g_assert_cmpuint (job_rows->len, ==, 1 + N_ENTRIES / 2);
}

static void
test_audit_export_json (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonArray *array;

  g_assert_true (export_to_text (f->store, 0, "json", &text, &error));
  g_assert_no_error (error);

  root = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, N_ENTRIES);

  entries = steward_store_list_audit (f->store, 0, &error);
  for (guint i = 0; i < N_ENTRIES; i++)
    {
      StewardAuditEntry *entry = g_ptr_array_index (entries, i);
      JsonObject *object = json_array_get_object_element (array, i);

      g_assert_cmpint (json_object_get_int_member (object, "seq"), ==, i + 1);
      g_assert_cmpint (json_object_get_int_member (object, "at_us"), ==, at_of (i));
      g_assert_cmpstr (json_object_get_string_member (object, "summary"), ==,
                       steward_audit_entry_get_summary (entry));
      g_assert_cmpstr (json_object_get_string_member (object, "hash"), ==,
                       steward_audit_entry_get_hash (entry));

      if (steward_audit_entry_get_detail_json (entry) != NULL)
        g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object,
                                                                                    "detail"),
                                                     "step"), ==, i + 1);
      else
        g_assert_true (json_object_get_null_member (object, "detail"));
    }
}

static void
test_audit_export_unknown (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_false (export_to_text (f->store, 0, "xml", &text, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "unknown export format 'xml' (use csv or json)");
  g_assert_cmpstr (text, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/audit/verify/intact", NULL, test_audit_verify_intact);
  ADD ("/audit/verify/summary", "summary", test_audit_tamper_column);
  ADD ("/audit/verify/detail", "detail_json", test_audit_tamper_column);
  ADD ("/audit/verify/actor", "actor", test_audit_tamper_column);
  ADD ("/audit/verify/hash", "hash", test_audit_tamper_column);
  ADD ("/audit/verify/prev-hash", "prev_hash", test_audit_tamper_column);
  ADD ("/audit/verify/rehashed", NULL, test_audit_tamper_rehash);
  ADD ("/audit/verify/deleted", NULL, test_audit_tamper_delete);
  ADD ("/audit/append-only", NULL, test_audit_append_only);
  ADD ("/audit/two-writers", NULL, test_audit_two_writers);
  g_test_add_func ("/audit/hash", test_audit_hash);
  ADD ("/audit/entry-json", NULL, test_audit_entry_json);
  ADD ("/audit/export/csv", NULL, test_audit_export_csv);
  ADD ("/audit/export/json", NULL, test_audit_export_json);
  ADD ("/audit/export/unknown-format", NULL, test_audit_export_unknown);

#undef ADD

  return g_test_run ();
}
