/* bench-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-engine"

#include "config.h"

#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "steward-core.h"

/* Measures the reorder job of docs/examples against a Northwind-shaped
 * catalogue of growing size. The figures are reported, never judged:
 * what matters is the engine's time over a plain fetch and parse of the
 * same answer, measured in the same process a moment before. */

#define RERUN_COMMAND    "meson test -C build --benchmark -v bench-engine"
#define LOW_EVERY        10  /* one product in ten is below its level */
#define REFERENCE_ROUNDS 5

typedef struct
{
  SoupServer   *server;
  SoupSession  *session;
  char         *base_url;
  GBytes       *products;     /* the /products answer, serialised once */
  GAsyncResult *result;
} Bench;

typedef struct
{
  gint64 usec;
  gint64 rss_before;          /* KiB */
  gint64 peak_growth;         /* KiB */
} Measure;

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Bench *bench = user_data;
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (path, "/products") && g_str_equal (method, "GET"))
    {
      gsize size;
      const char *data = g_bytes_get_data (bench->products, &size);

      /* The answer outlives every request made while it is served. */
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json",
                                        SOUP_MEMORY_STATIC, data, size);
      return;
    }

  if (g_str_equal (path, "/purchaseOrders") && g_str_equal (method, "POST"))
    {
      soup_server_message_set_status (msg, 201, NULL);
      soup_server_message_set_response (msg, "application/json",
                                        SOUP_MEMORY_STATIC, "{\"id\":1}", 8);
      return;
    }

  soup_server_message_set_status (msg, 404, NULL);
}

/* Product i is active and below its reorder level when i is a multiple
 * of LOW_EVERY; another one in LOW_EVERY is discontinued. Prices and
 * levels vary so that some orders go alone and others wait. */
static GBytes *
make_products (guint n)
{
  GString *text = g_string_new ("[");

  for (guint i = 1; i <= n; i++)
    {
      char price[G_ASCII_DTOSTR_BUF_SIZE];
      int level = 5 * (1 + i % 6);
      gboolean low = i % LOW_EVERY == 0;

      g_ascii_formatd (price, sizeof price, "%.2f",
                       2.5 + (i * 7919 % 9000) / 100.0);
      g_string_append_printf (text,
                              "%s{\"id\":\"%u\",\"productID\":%u,"
                              "\"name\":\"Produkt Nr. %u\","
                              "\"unitsInStock\":%u,\"unitsOnOrder\":%u,"
                              "\"reorderLevel\":%d,\"unitPrice\":%s,"
                              "\"discontinued\":%s}",
                              i > 1 ? "," : "", i, i, i,
                              low ? level / 2 : level + i % 40,
                              !low && i % 3 == 0 ? 10 : 0, level, price,
                              i % LOW_EVERY == 5 ? "true" : "false");
    }
  g_string_append_c (text, ']');

  return g_string_free_to_bytes (text);
}

static gint64
status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;

  line = strstr (status, field);

  return line != NULL ? g_ascii_strtoll (line + strlen (field), NULL, 10) : 0;
}

/* Memory freed earlier goes back to the system first, or a measure
 * would reuse it and show no growth. The peak is reset to the current
 * size where the kernel allows it, so that each measure sees its own
 * peak and not an earlier, larger one. */
static void
measure_begin (Measure *m)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif

  /* In place: the atomic replacement cannot create files in /proc. */
  if (!g_file_set_contents_full ("/proc/self/clear_refs", "5", 1,
                                 G_FILE_SET_CONTENTS_NONE, 0600, NULL))
    g_debug ("Cannot reset the peak RSS; growth is over the earlier peak");

  m->rss_before = MAX (status_kib ("VmRSS:"), status_kib ("VmHWM:"));
  m->usec = g_get_monotonic_time ();
}

static void
measure_end (Measure *m)
{
  m->usec = g_get_monotonic_time () - m->usec;
  m->peak_growth = MAX (0, status_kib ("VmHWM:") - m->rss_before);
}

static void
async_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Bench *bench = user_data;

  g_set_object (&bench->result, result);
}

/* The server lives on this thread's main context: wait by iterating. */
static GAsyncResult *
wait_for_result (Bench *bench)
{
  g_clear_object (&bench->result);
  while (bench->result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return bench->result;
}

static G_NORETURN void
fail (const char *what,
      GError     *error)
{
  g_printerr ("bench-engine: %s: %s\n", what,
              error != NULL ? error->message : "unexpected result");
  exit (EXIT_FAILURE);
}

static void
reference_round (Bench   *bench,
                 guint    n,
                 gint64  *usec)
{
  g_autofree char *url = g_strconcat (bench->base_url, "/products", NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gsize size;
  const char *data;
  JsonNode *root;

  soup_session_send_and_read_async (bench->session, message,
                                    G_PRIORITY_DEFAULT, NULL, async_cb, bench);
  body = soup_session_send_and_read_finish (bench->session,
                                            wait_for_result (bench), &error);
  if (body == NULL)
    fail ("reference fetch", error);

  data = g_bytes_get_data (body, &size);
  if (!json_parser_load_from_data (parser, data, size, &error))
    fail ("reference parse", error);
  *usec = g_get_monotonic_time () - start;

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_ARRAY (root) ||
      json_array_get_length (json_node_get_array (root)) != n)
    fail ("reference parse", NULL);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* One round to open the connection, then the median of the others. */
static void
measure_reference (Bench   *bench,
                   guint    n,
                   Measure *m)
{
  gint64 rounds[REFERENCE_ROUNDS];
  gint64 warm_up;

  reference_round (bench, n, &warm_up);

  measure_begin (m);
  for (guint i = 0; i < REFERENCE_ROUNDS; i++)
    reference_round (bench, n, &rounds[i]);
  measure_end (m);

  qsort (rounds, REFERENCE_ROUNDS, sizeof rounds[0], compare_gint64);
  m->usec = rounds[REFERENCE_ROUNDS / 2];
}

static void
run_once (Bench         *bench,
          StewardEngine *engine,
          gint64         job_id,
          Measure       *m)
{
  g_autoptr(StewardRun) run = NULL;
  g_autoptr(GError) error = NULL;

  measure_begin (m);
  steward_engine_run_job_async (engine, job_id, "bench", NULL, async_cb,
                                bench);
  run = steward_engine_run_job_finish (engine, wait_for_result (bench),
                                       &error);
  measure_end (m);

  if (run == NULL || steward_run_get_state (run) == STEWARD_RUN_FAILED)
    fail ("run", error);
  g_debug ("Run %" G_GINT64_FORMAT ": %s", steward_run_get_id (run),
           steward_run_get_summary (run));
}

static void
remove_folder (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_unlink (file);
    }
  g_rmdir (path);
}

/* A fresh store, the example job, a first run that opens situations
 * and decisions and a second one that finds nothing new. */
static void
measure_engine (Bench   *bench,
                guint    n,
                Measure  runs[2])
{
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(StewardStore) store = NULL;
  g_autoptr(StewardClock) clock = steward_clock_new_system ();
  g_autoptr(StewardEngine) engine = NULL;
  g_autoptr(StewardContract) contract = NULL;
  g_autoptr(StewardJob) job = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GError) error = NULL;

  dir = g_dir_make_tmp ("steward-bench-XXXXXX", &error);
  if (dir == NULL)
    fail ("temporary folder", error);
  db_path = g_build_filename (dir, "steward.db", NULL);
  store = steward_sqlite_store_new (db_path, &error);
  if (store == NULL)
    fail (db_path, error);

  file = g_file_new_build_filename (g_getenv ("STEWARD_SOURCE_ROOT"), "docs",
                                    "examples", "reorder-northwind.json",
                                    NULL);
  contract = steward_contract_new_from_file (file, &error);
  if (contract == NULL)
    fail ("docs/examples/reorder-northwind.json", error);

  engine = steward_engine_new (store, clock);
  steward_engine_set_run_schedules (engine, FALSE);
  if (!steward_engine_start (engine, "bench-engine", &error))
    fail ("engine start", error);

  params = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (params, (char *) "base_url", bench->base_url);
  job = steward_engine_create_job (engine, contract, params, "bench", &error);
  if (job == NULL)
    fail ("job", error);

  run_once (bench, engine, steward_job_get_id (job), &runs[0]);
  run_once (bench, engine, steward_job_get_id (job), &runs[1]);

  /* Not a verdict on speed: a check that the work measured was done. */
  open = steward_store_list_situations (store, steward_job_get_id (job), TRUE,
                                        &error);
  if (open == NULL)
    fail ("open situations", error);
  if (open->len != n / LOW_EVERY)
    {
      g_printerr ("bench-engine: %u products: %u situations open, "
                  "%u expected\n", n, open->len, n / LOW_EVERY);
      exit (EXIT_FAILURE);
    }

  steward_engine_stop (engine);
  g_clear_object (&engine);
  g_clear_object (&store);
  remove_folder (dir);
}

static void
print_row (guint          n,
           const char    *what,
           const Measure *m,
           const Measure *reference)
{
  double ms = m->usec / 1000.0;
  double per_second = m->usec > 0 ? n * (double) G_USEC_PER_SEC / m->usec : 0;

  g_print ("%6u  %-10s %10.1f %11.0f %13" G_GINT64_FORMAT " %11.1f\n",
           n, what, ms, per_second, m->peak_growth,
           reference->usec > 0 ? (double) m->usec / reference->usec : 0);
}

int
main (int   argc,
      char *argv[])
{
  static const guint sizes[] = { 77, 1000, 10000 };
  Bench bench = { 0 };
  g_autoptr(GError) error = NULL;
  GSList *uris;

  if (g_getenv ("STEWARD_SOURCE_ROOT") == NULL)
    {
      g_printerr ("bench-engine: STEWARD_SOURCE_ROOT is not set; run: %s\n",
                  RERUN_COMMAND);
      return EXIT_FAILURE;
    }

  bench.server = soup_server_new (NULL, NULL);
  soup_server_add_handler (bench.server, NULL, server_cb, &bench, NULL);
  if (!soup_server_listen_local (bench.server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                 &error))
    fail ("server", error);
  uris = soup_server_get_uris (bench.server);
  bench.base_url = g_uri_to_string (uris->data);
  bench.base_url[strlen (bench.base_url) - 1] = '\0';   /* final slash */
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  bench.session = soup_session_new ();

  g_print ("# Re-run: %s\n"
           "# Job: docs/examples/reorder-northwind.json, 1 product in %d "
           "below its level\n"
           "# reference: GET /products by libsoup, parsed by json-glib "
           "(median of %d)\n"
           "# Figures, not a verdict: compare \"x reference\" between "
           "machines\n", RERUN_COMMAND, LOW_EVERY, REFERENCE_ROUNDS);
  if (g_strcmp0 (g_getenv ("G_SLICE"), "always-malloc") != 0)
    g_print ("# G_SLICE=always-malloc unset: GLib keeps what it frees, "
             "RSS growth reads low\n");
  g_print ("%6s  %-10s %10s %11s %13s %11s\n", "N", "run", "wall ms",
           "items/s", "peak RSS +KiB", "x reference");

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      Measure reference;
      Measure runs[2];

      g_clear_pointer (&bench.products, g_bytes_unref);
      bench.products = make_products (sizes[i]);

      measure_reference (&bench, sizes[i], &reference);
      measure_engine (&bench, sizes[i], runs);

      print_row (sizes[i], "reference", &reference, &reference);
      print_row (sizes[i], "first", &runs[0], &reference);
      print_row (sizes[i], "second", &runs[1], &reference);
    }

  g_clear_object (&bench.session);
  soup_server_disconnect (bench.server);
  g_clear_object (&bench.server);
  g_clear_pointer (&bench.products, g_bytes_unref);
  g_clear_object (&bench.result);
  g_free (bench.base_url);

  return EXIT_SUCCESS;
}
