/* test-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-engine"

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "steward-core.h"

/* A small Northwind over HTTP on 127.0.0.1: GET /products from the
 * project's copy of the data, POST /purchaseOrders recorded. */
typedef struct
{
  SoupServer      *server;
  char            *base_url;
  JsonArray       *products;
  GPtrArray       *posts;        /* JsonNode bodies */
  GPtrArray       *keys;         /* Idempotency-Key headers */
  GPtrArray       *types;        /* Content-Type headers */
  guint            products_status;
  guint            posts_status;
  guint            redirected;    /* requests that followed a redirect */

  char            *dir;
  char            *db_path;
  StewardStore    *store;
  StewardClock    *clock;
  StewardEngine   *engine;
  GAsyncResult    *result;
} Fixture;

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;
  const char *method = soup_server_message_get_method (msg);

  if (query != NULL && g_hash_table_contains (query, "redirected"))
    {
      f->redirected++;
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }

  if (g_str_equal (path, "/products") && g_str_equal (method, "GET"))
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      g_autofree char *text = NULL;

      json_node_set_array (node, f->products);
      text = json_to_string (node, FALSE);
      soup_server_message_set_status (msg, f->products_status, NULL);
      soup_server_message_set_response (msg, "application/json",
                                        SOUP_MEMORY_COPY, text, strlen (text));
      return;
    }

  if (g_str_equal (path, "/purchaseOrders") && g_str_equal (method, "POST"))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
      JsonNode *node;

      node = json_from_string (g_bytes_get_data (bytes, NULL), NULL);
      if (f->posts_status >= 300 && f->posts_status < 400 &&
          (query == NULL || !g_hash_table_contains (query, "redirected")))
        {
          g_autoptr(GUri) uri = soup_server_message_get_uri (msg) ?
            g_uri_ref (soup_server_message_get_uri (msg)) : NULL;
          g_autofree char *location = NULL;

          /* The same server under another name: a host the job may not
           * call. */
          location = g_strdup_printf ("http://localhost:%d/purchaseOrders"
                                      "?redirected=1", g_uri_get_port (uri));
          json_node_unref (node);
          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "Location", location);
          soup_server_message_set_status (msg, f->posts_status, NULL);
          return;
        }

      if (f->posts_status >= 400)
        {
          json_node_unref (node);
          soup_server_message_set_status (msg, f->posts_status, NULL);
          return;
        }

      g_ptr_array_add (f->posts, node);
      g_ptr_array_add (f->keys,
                       g_strdup (soup_message_headers_get_one (headers,
                                                               "Idempotency-Key")));
      g_ptr_array_add (f->types,
                       g_strdup (soup_message_headers_get_content_type (headers,
                                                                        NULL)));
      soup_server_message_set_status (msg, 201, NULL);
      soup_server_message_set_response (msg, "application/json",
                                        SOUP_MEMORY_STATIC, "{\"id\":1}", 8);
      return;
    }

  soup_server_message_set_status (msg, 404, NULL);
}

static JsonArray *
load_products (void)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  path = g_build_filename (g_getenv ("STEWARD_SOURCE_ROOT"), "data",
                           "northwind", "db.json", NULL);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));

  return json_array_ref (json_object_get_array_member (root, "products"));
}

static JsonObject *
product (Fixture    *f,
         const char *id)
{
  for (guint i = 0; i < json_array_get_length (f->products); i++)
    {
      JsonObject *item = json_array_get_object_element (f->products, i);

      if (g_str_equal (json_object_get_string_member (item, "id"), id))
        return item;
    }

  g_assert_not_reached ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) start = NULL;
  GSList *uris;

  f->products = load_products ();
  f->products_status = 200;
  f->posts_status = 201;
  f->posts = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  f->keys = g_ptr_array_new_with_free_func (g_free);
  f->types = g_ptr_array_new_with_free_func (g_free);

  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, server_cb, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  f->base_url = g_uri_to_string (uris->data);
  /* "http://127.0.0.1:PORT/" without its final slash */
  f->base_url[strlen (f->base_url) - 1] = '\0';
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  f->dir = g_dir_make_tmp ("steward-engine-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "steward.db", NULL);
  f->store = steward_sqlite_store_new (f->db_path, &error);
  g_assert_no_error (error);

  /* A Monday morning in winter, Berlin time 08:00. */
  start = g_date_time_new_utc (2026, 12, 7, 7, 0, 0);
  f->clock = steward_clock_new_manual (start);
  f->engine = steward_engine_new (f->store, f->clock);
  steward_engine_set_run_schedules (f->engine, FALSE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->db_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->db_path, "-shm", NULL);
  g_autofree char *lock = g_strconcat (f->db_path, ".lock", NULL);

  g_clear_object (&f->engine);
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  g_clear_object (&f->result);
  g_unlink (f->db_path);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (lock);
  g_rmdir (f->dir);
  g_free (f->db_path);
  g_free (f->dir);

  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_free (f->base_url);
  json_array_unref (f->products);
  g_ptr_array_unref (f->posts);
  g_ptr_array_unref (f->keys);
  g_ptr_array_unref (f->types);
}

static void
async_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Fixture *f = user_data;

  g_set_object (&f->result, result);
}

static GAsyncResult *
wait_for_result (Fixture *f)
{
  g_clear_object (&f->result);
  while (f->result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return f->result;
}

static char *
example_contract_json (const char *replace,
                       const char *with)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  path = g_build_filename (g_getenv ("STEWARD_SOURCE_ROOT"), "docs",
                           "examples", "reorder-northwind.json", NULL);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  if (replace != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (text, replace, -1);

      g_assert_cmpint (g_strv_length (parts), ==, 2);
      return g_strjoinv (with, parts);
    }

  return g_steal_pointer (&text);
}

static gint64
create_job (Fixture    *f,
            const char *contract_json,
            ...)
{
  g_autoptr(StewardContract) contract = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(StewardJob) job = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  va_list args;

  contract = steward_contract_new_from_data (contract_json, -1, "test", &error);
  g_assert_no_error (error);

  params = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (params, (char *) "base_url", f->base_url);
  va_start (args, contract_json);
  while ((name = va_arg (args, const char *)) != NULL)
    g_hash_table_insert (params, (char *) name, va_arg (args, char *));
  va_end (args);

  job = steward_engine_create_job (f->engine, contract, params, "tester",
                                   &error);
  g_assert_no_error (error);

  return steward_job_get_id (job);
}

static StewardRun *
run_job (Fixture *f,
         gint64   job_id,
         GError **error)
{
  steward_engine_run_job_async (f->engine, job_id, "tester", NULL,
                                async_cb, f);

  return steward_engine_run_job_finish (f->engine, wait_for_result (f),
                                        error);
}

static StewardDecision *
answer (Fixture  *f,
        gint64    decision_id,
        gboolean  approve,
        GError  **error)
{
  steward_engine_answer_async (f->engine, decision_id, approve, "tester",
                               NULL, NULL, async_cb, f);

  return steward_engine_answer_finish (f->engine, wait_for_result (f), error);
}

static StewardDecision *
pending_for (GPtrArray  *pending,
             const char *product_name)
{
  for (guint i = 0; i < pending->len; i++)
    {
      StewardDecision *decision = g_ptr_array_index (pending, i);

      if (strstr (steward_decision_get_summary (decision), product_name))
        return decision;
    }

  return NULL;
}

static void
start_engine (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  steward_engine_start (f->engine, "test", &error);
  g_assert_no_error (error);
}

static void
test_engine_reorder (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *json = example_contract_json (NULL, NULL);
  g_autoptr(StewardRun) run = NULL;
  g_autoptr(StewardRun) again = NULL;
  g_autoptr(GPtrArray) situations = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) still = NULL;
  g_autoptr(StewardDecision) approved = NULL;
  g_autoptr(StewardDecision) rejected = NULL;
  g_autoptr(StewardJob) job = NULL;
  g_autoptr(GError) error = NULL;
  StewardDecision *d30;
  StewardDecision *d70;
  JsonObject *order;
  gint64 job_id;

  start_engine (f);
  job_id = create_job (f, json, NULL);

  run = run_job (f, job_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (steward_run_get_state (run), ==, STEWARD_RUN_WAITING);

  situations = steward_store_list_situations (f->store, job_id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (situations->len, ==, 2);

  pending = steward_store_list_decisions (f->store, job_id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 2);
  d30 = pending_for (pending, "Nord-Ost Matjeshering");
  d70 = pending_for (pending, "Outback Lager");
  g_assert_nonnull (d30);
  g_assert_nonnull (d70);
  g_assert_cmpstr (steward_decision_get_summary (d30), ==,
                   "Order 20 units of Nord-Ost Matjeshering");
  g_assert_cmpfloat_with_epsilon (steward_decision_get_amount (d30), 517.80, 1e-9);
  g_assert_cmpstr (steward_decision_get_amount_label (d30), ==, "517.80 EUR");
  g_assert_cmpfloat_with_epsilon (steward_decision_get_amount (d70), 525.00, 1e-9);
  g_assert_cmpint (steward_decision_get_kind (d30), ==, STEWARD_DECISION_ASK);
  g_assert_nonnull (strstr (steward_decision_get_explanation_text (d30),
                            "517.80 EUR"));
  g_assert_cmpuint (f->posts->len, ==, 0);

  job = steward_store_dup_job (f->store, job_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (steward_job_get_state (job), ==,
                   STEWARD_JOB_STATE_NEEDS_ATTENTION);
  g_assert_cmpint (steward_job_get_signal_count (job), ==, 77);

  /* Nothing changed: nothing new opens, nothing is asked again. */
  again = run_job (f, job_id, &error);
  g_assert_no_error (error);
  still = steward_store_list_decisions (f->store, job_id, FALSE, &error);
  g_assert_cmpuint (still->len, ==, 2);
  g_clear_pointer (&situations, g_ptr_array_unref);
  situations = steward_store_list_situations (f->store, job_id, FALSE, &error);
  g_assert_cmpuint (situations->len, ==, 2);

  approved = answer (f, steward_decision_get_id (d30), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (steward_decision_get_status (approved), ==,
                   STEWARD_DECISION_STATUS_DONE);
  g_assert_cmpuint (f->posts->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->types, 0), ==, "application/json");
  g_assert_true (g_str_has_prefix (g_ptr_array_index (f->keys, 0), "steward-"));
  order = json_node_get_object (g_ptr_array_index (f->posts, 0));
  g_assert_cmpstr (json_object_get_string_member (order, "productId"), ==, "30");
  g_assert_cmpint (json_object_get_int_member (order, "quantity"), ==, 20);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (order, "total"),
                                  517.80, 1e-9);
  g_assert_cmpstr (json_object_get_string_member (order, "currency"), ==, "EUR");

  /* A second answer is refused and sends nothing. */
  g_clear_object (&approved);
  approved = answer (f, steward_decision_get_id (d30), TRUE, &error);
  g_assert_error (error, STEWARD_ENGINE_ERROR, STEWARD_ENGINE_ERROR_STATE);
  g_assert_null (approved);
  g_clear_error (&error);
  g_assert_cmpuint (f->posts->len, ==, 1);

  rejected = answer (f, steward_decision_get_id (d70), FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (steward_decision_get_status (rejected), ==,
                   STEWARD_DECISION_STATUS_REJECTED);
  g_assert_cmpuint (f->posts->len, ==, 1);

  g_clear_object (&job);
  job = steward_store_dup_job (f->store, job_id, &error);
  g_assert_cmpint (steward_job_get_state (job), ==, STEWARD_JOB_STATE_ACTIVE);
  g_assert_cmpint (steward_job_get_pending_count (job), ==, 0);

  g_assert_true (steward_store_verify_audit (f->store, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_engine_acts_alone (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *json = example_contract_json (NULL, NULL);
  g_autoptr(StewardRun) run = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GError) error = NULL;
  gint64 job_id;

  start_engine (f);
  job_id = create_job (f, json, "auto_approve_below", "1000", NULL);

  run = run_job (f, job_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (steward_run_get_state (run), ==, STEWARD_RUN_SUCCEEDED);
  g_assert_cmpuint (f->posts->len, ==, 2);

  pending = steward_store_list_decisions (f->store, job_id, TRUE, &error);
  g_assert_cmpuint (pending->len, ==, 0);

  actions = steward_store_list_actions (f->store, job_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (actions->len, ==, 2);
  for (guint i = 0; i < actions->len; i++)
    {
      StewardAction *action = g_ptr_array_index (actions, i);

      g_assert_cmpint (steward_action_get_state (action), ==,
                       STEWARD_ACTION_SENT);
      g_assert_cmpint (steward_action_get_status_code (action), ==, 201);
    }

  /* The keys sent are the keys recorded, one per action. */
  g_assert_cmpstr (g_ptr_array_index (f->keys, 0), !=,
                   g_ptr_array_index (f->keys, 1));
}

static void
test_engine_budget (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *json = NULL;
  g_autoptr(StewardRun) run = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(StewardDecision) approved = NULL;
  g_autoptr(GError) error = NULL;
  StewardDecision *decision;
  gint64 job_id;

  /* A budget of 600 EUR a day lets one of the two orders go alone. */
  json = example_contract_json ("\"amount_per_day\": 5000",
                                "\"amount_per_day\": 600");
  start_engine (f);
  job_id = create_job (f, json, "auto_approve_below", "1000", NULL);

  run = run_job (f, job_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->posts->len, ==, 1);

  pending = steward_store_list_decisions (f->store, job_id, TRUE, &error);
  g_assert_cmpuint (pending->len, ==, 1);
  decision = g_ptr_array_index (pending, 0);
  g_assert_nonnull (strstr (steward_decision_get_explanation_text (decision),
                            "exceeded"));

  /* The limits bound the job alone: a person's approval goes through. */
  approved = answer (f, steward_decision_get_id (decision), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (steward_decision_get_status (approved), ==,
                   STEWARD_DECISION_STATUS_DONE);
  g_assert_cmpuint (f->posts->len, ==, 2);
}

static void
test_engine_resolves (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *json = example_contract_json (NULL, NULL);
  g_autoptr(StewardRun) first = NULL;
  g_autoptr(StewardRun) second = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GError) error = NULL;
  gint64 job_id;

  start_engine (f);
  job_id = create_job (f, json, NULL);
  first = run_job (f, job_id, &error);
  g_assert_no_error (error);

  /* Stock for product 30 arrives. */
  json_object_set_int_member (product (f, "30"), "unitsInStock", 40);
  second = run_job (f, job_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (steward_run_get_summary (second), "1 resolved"));

  open = steward_store_list_situations (f->store, job_id, TRUE, &error);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpstr (steward_situation_get_key (g_ptr_array_index (open, 0)),
                   ==, "70");
}

static void
test_engine_failing_source (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *json = example_contract_json (NULL, NULL);
  g_autoptr(StewardRun) run = NULL;
  g_autoptr(StewardJob) job = NULL;
  g_autoptr(GPtrArray) situations = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 job_id;

  start_engine (f);
  job_id = create_job (f, json, NULL);
  f->products_status = 500;

  run = run_job (f, job_id, &error);
  g_assert_error (error, STEWARD_ENGINE_ERROR, STEWARD_ENGINE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "answered 500"));
  g_assert_null (run);

  job = steward_store_dup_job (f->store, job_id, NULL);
  g_assert_cmpint (steward_job_get_state (job), ==,
                   STEWARD_JOB_STATE_NEEDS_ATTENTION);
  g_assert_nonnull (strstr (steward_job_get_error (job), "answered 500"));

  situations = steward_store_list_situations (f->store, job_id, FALSE, NULL);
  g_assert_cmpuint (situations->len, ==, 0);
  runs = steward_store_list_runs (f->store, job_id, NULL);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpint (steward_run_get_state (g_ptr_array_index (runs, 0)), ==,
                   STEWARD_RUN_FAILED);
}

static void
test_engine_lease (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(StewardStore) other_store = NULL;
  g_autoptr(StewardEngine) other = NULL;
  g_autoptr(GError) error = NULL;

  start_engine (f);

  other_store = steward_sqlite_store_new (f->db_path, &error);
  g_assert_no_error (error);
  other = steward_engine_new (other_store, f->clock);
  g_assert_false (steward_engine_start (other, "second", &error));
  g_assert_error (error, STEWARD_ENGINE_ERROR, STEWARD_ENGINE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "test"));
  g_clear_error (&error);

  steward_engine_stop (f->engine);
  g_assert_true (steward_engine_start (other, "second", &error));
  g_assert_no_error (error);
  steward_engine_stop (other);
}

/* An approved action that fails is not lost: its decision waits again,
 * and approving it once more sends the same action with the same key;
 * the run is over once nothing of it waits. */
static void
test_engine_failed_action_retry (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *json = example_contract_json (NULL, NULL);
  g_autoptr(StewardRun) run = NULL;
  g_autoptr(StewardRun) settled = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(StewardDecision) failed = NULL;
  g_autoptr(StewardDecision) retried = NULL;
  g_autoptr(StewardDecision) rejected = NULL;
  g_autoptr(StewardJob) job = NULL;
  g_autoptr(GError) error = NULL;
  gint64 job_id;
  gint64 d30;
  gint64 d70;

  start_engine (f);
  job_id = create_job (f, json, NULL);
  run = run_job (f, job_id, &error);
  g_assert_no_error (error);

  pending = steward_store_list_decisions (f->store, job_id, TRUE, &error);
  d30 = steward_decision_get_id (pending_for (pending, "Nord-Ost"));
  d70 = steward_decision_get_id (pending_for (pending, "Outback"));

  f->posts_status = 503;
  failed = answer (f, d30, TRUE, &error);
  g_assert_error (error, STEWARD_ENGINE_ERROR, STEWARD_ENGINE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "503"));
  g_clear_error (&error);
  g_assert_null (failed);
  g_assert_cmpuint (f->posts->len, ==, 0);

  again = steward_store_list_decisions (f->store, job_id, TRUE, &error);
  g_assert_cmpuint (again->len, ==, 2);
  failed = steward_store_dup_decision (f->store, d30, &error);
  g_assert_cmpint (steward_decision_get_status (failed), ==,
                   STEWARD_DECISION_STATUS_PENDING);
  g_assert_nonnull (strstr (steward_decision_get_error (failed), "503"));
  job = steward_store_dup_job (f->store, job_id, &error);
  g_assert_cmpint (steward_job_get_state (job), ==,
                   STEWARD_JOB_STATE_NEEDS_ATTENTION);

  f->posts_status = 201;
  retried = answer (f, d30, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (steward_decision_get_status (retried), ==,
                   STEWARD_DECISION_STATUS_DONE);
  g_assert_cmpuint (f->posts->len, ==, 1);

  actions = steward_store_list_actions (f->store, job_id, &error);
  g_assert_cmpuint (actions->len, ==, 1);
  g_assert_cmpint (steward_action_get_attempts (g_ptr_array_index (actions, 0)),
                   ==, 2);
  g_assert_cmpstr (steward_action_get_idempotency_key (g_ptr_array_index (actions, 0)),
                   ==, g_ptr_array_index (f->keys, 0));

  rejected = answer (f, d70, FALSE, &error);
  g_assert_no_error (error);
  settled = steward_store_dup_run (f->store, steward_run_get_id (run), &error);
  g_assert_cmpint (steward_run_get_state (settled), ==, STEWARD_RUN_SUCCEEDED);
}

/* A redirect to a host the job may not call is not followed. */
static void
test_engine_no_redirect (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *json = example_contract_json (NULL, NULL);
  g_autoptr(StewardRun) run = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(StewardDecision) decision = NULL;
  g_autoptr(GError) error = NULL;
  gint64 job_id;

  start_engine (f);
  job_id = create_job (f, json, NULL);
  run = run_job (f, job_id, &error);
  g_assert_no_error (error);
  pending = steward_store_list_decisions (f->store, job_id, TRUE, &error);

  f->posts_status = 303;
  decision = answer (f, steward_decision_get_id (g_ptr_array_index (pending, 0)),
                     TRUE, &error);
  g_assert_error (error, STEWARD_ENGINE_ERROR, STEWARD_ENGINE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "303"));
  g_assert_cmpuint (f->posts->len, ==, 0);
  g_assert_cmpuint (f->redirected, ==, 0);
}

/* An approval committed while no engine ran is carried out when one
 * starts: the inbox is durable. */
static void
test_engine_inbox_resume (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *json = example_contract_json (NULL, NULL);
  g_autoptr(StewardRun) run = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(StewardDecision) decision = NULL;
  g_autoptr(GError) error = NULL;
  gint64 job_id;
  gint64 decision_id;
  gint64 entry;

  start_engine (f);
  job_id = create_job (f, json, NULL);
  run = run_job (f, job_id, &error);
  g_assert_no_error (error);
  steward_engine_stop (f->engine);

  pending = steward_store_list_decisions (f->store, job_id, TRUE, &error);
  decision_id = steward_decision_get_id (pending_for (pending, "Nord-Ost"));
  entry = steward_store_inbox_push (f->store, "approve", job_id, decision_id,
                                    "someone", "{}",
                                    steward_clock_get_now_us (f->clock),
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpint (entry, >, 0);
  g_assert_cmpuint (f->posts->len, ==, 0);

  start_engine (f);
  for (;;)
    {
      g_autofree char *result = NULL;

      if (steward_store_inbox_get_result (f->store, entry, &result, NULL))
        break;
      g_main_context_iteration (NULL, TRUE);
    }

  decision = steward_store_dup_decision (f->store, decision_id, &error);
  g_assert_cmpint (steward_decision_get_status (decision), ==,
                   STEWARD_DECISION_STATUS_DONE);
  g_assert_cmpstr (steward_decision_get_answered_by (decision), ==, "someone");
  g_assert_cmpuint (f->posts->len, ==, 1);
}

/* A scheduled run that fell due while no engine ran is caught up once
 * when one starts; the next wake-up is the next weekday 09:00 Berlin. */
static void
test_engine_catch_up (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *json = example_contract_json (NULL, NULL);
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(GDateTime) wakeup = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 job_id;

  job_id = create_job (f, json, NULL);

  /* Monday 09:30 in Berlin: the 09:00 run was missed. */
  later = g_date_time_new_utc (2026, 12, 7, 8, 30, 0);
  steward_clock_set_now (f->clock, later);
  steward_engine_set_run_schedules (f->engine, TRUE);
  start_engine (f);

  runs = steward_store_list_runs (f->store, job_id, &error);
  while (runs->len == 0 ||
         steward_run_get_state (g_ptr_array_index (runs, 0)) == STEWARD_RUN_RUNNING)
    {
      g_main_context_iteration (NULL, TRUE);
      g_clear_pointer (&runs, g_ptr_array_unref);
      runs = steward_store_list_runs (f->store, job_id, &error);
    }

  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpstr (steward_run_get_trigger (g_ptr_array_index (runs, 0)), ==,
                   "schedule (catch-up)");

  wakeup = g_date_time_new_from_unix_utc (steward_engine_get_next_wakeup (f->engine)
                                          / G_USEC_PER_SEC);
  g_assert_cmpint (g_date_time_get_day_of_month (wakeup), ==, 8);
  g_assert_cmpint (g_date_time_get_hour (wakeup), ==, 8);
  g_assert_cmpint (g_date_time_get_minute (wakeup), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/engine/reorder", test_engine_reorder);
  ADD ("/engine/acts-alone", test_engine_acts_alone);
  ADD ("/engine/budget", test_engine_budget);
  ADD ("/engine/resolves", test_engine_resolves);
  ADD ("/engine/failing-source", test_engine_failing_source);
  ADD ("/engine/lease", test_engine_lease);
  ADD ("/engine/failed-action-retry", test_engine_failed_action_retry);
  ADD ("/engine/no-redirect", test_engine_no_redirect);
  ADD ("/engine/inbox-resume", test_engine_inbox_resume);
  ADD ("/engine/catch-up", test_engine_catch_up);

#undef ADD

  return g_test_run ();
}
