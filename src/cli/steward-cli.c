/* steward-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-cli"

#include "config.h"

#include <inttypes.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gio/gunixoutputstream.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>

#include "steward-audit-export.h"
#include "steward-cli.h"
#include "steward-core.h"

/* What every command needs: the store and an engine on it. */
typedef struct
{
  char          *db_path;
  StewardStore  *store;
  StewardEngine *engine;
  GMainLoop     *loop;
  GAsyncResult  *result;
} Cli;

typedef int (*CommandFunc) (Cli   *cli,
                            int    argc,
                            char **argv);

typedef struct
{
  const char  *name;
  CommandFunc  func;
  const char  *synopsis;
  const char  *description;
} Command;

static void
cli_clear (Cli *cli)
{
  /* Work this process took on, perhaps for another one, is finished
   * before the engine stops: nothing is left half done. */
  while (cli->engine != NULL && steward_engine_get_busy (cli->engine))
    g_main_context_iteration (NULL, TRUE);

  if (cli->engine != NULL)
    steward_engine_stop (cli->engine);
  g_clear_object (&cli->engine);
  g_clear_object (&cli->store);
  g_clear_object (&cli->result);
  g_clear_pointer (&cli->loop, g_main_loop_unref);
  g_clear_pointer (&cli->db_path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Cli, cli_clear)

/* Errors are one line on stderr; for bad usage, that line points at
 * the help. */
static int complain (int         status,
                     const char *format,
                     va_list     args) G_GNUC_PRINTF (2, 0);

static int
complain (int         status,
          const char *format,
          va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  if (status == STEWARD_CLI_USAGE)
    g_printerr (_("steward-ctl: %s (see “steward-ctl --help”)\n"), message);
  else
    g_printerr ("steward-ctl: %s\n", message);

  return status;
}

static int fail (const char *format,
                 ...) G_GNUC_PRINTF (1, 2);

static int
fail (const char *format,
      ...)
{
  va_list args;
  int status;

  va_start (args, format);
  status = complain (STEWARD_CLI_FAILED, format, args);
  va_end (args);

  return status;
}

static int usage (const char *format,
                  ...) G_GNUC_PRINTF (1, 2);

static int
usage (const char *format,
       ...)
{
  va_list args;
  int status;

  va_start (args, format);
  status = complain (STEWARD_CLI_USAGE, format, args);
  va_end (args);

  return status;
}

/* A contract's problems, one line each, each naming the file. */
static int
fail_contract (const char *file,
               const char *message)
{
  g_auto(GStrv) lines = g_strsplit (message, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0')
        continue;

      if (g_str_has_prefix (lines[i], file))
        g_printerr ("steward-ctl: %s\n", lines[i]);
      else
        g_printerr ("steward-ctl: %s: %s\n", file, lines[i]);
    }

  return STEWARD_CLI_FAILED;
}

static gboolean
open_store (Cli     *cli,
            GError **error)
{
  if (cli->store != NULL)
    return TRUE;

  cli->store = steward_sqlite_store_new (cli->db_path, error);
  if (cli->store == NULL)
    return FALSE;

  cli->engine = steward_engine_new (cli->store, NULL);

  return TRUE;
}

/* Commands that make the engine work host it when nobody else does;
 * otherwise the engine that hosts does the work, and we wait for it. */
static void
host_engine_if_free (Cli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *holder = NULL;

  holder = g_strdup ("steward-ctl");
  steward_engine_set_run_schedules (cli->engine, FALSE);

  if (!steward_engine_start (cli->engine, holder, &error))
    {
      g_printerr (_("steward-ctl: %s; waiting for it to do the work\n"),
                  error->message);
      steward_engine_watch (cli->engine);
    }
}

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Cli *cli = user_data;

  cli->result = g_object_ref (result);
  g_main_loop_quit (cli->loop);
}

static GAsyncResult *
wait_result (Cli *cli)
{
  if (cli->loop == NULL)
    cli->loop = g_main_loop_new (NULL, FALSE);

  while (cli->result == NULL)
    g_main_loop_run (cli->loop);

  return cli->result;
}

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64,
                                                   &value, NULL))
    return FALSE;

  *id = (gint64) value;

  return TRUE;
}

static void
print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static JsonNode *
array_to_json (GPtrArray  *items,
               JsonNode *(*to_json) (gpointer))
{
  JsonArray *array = json_array_sized_new (items->len);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < items->len; i++)
    json_array_add_element (array, to_json (g_ptr_array_index (items, i)));

  json_node_take_array (node, array);

  return node;
}

static char *
format_time (gint64 us)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (us <= 0)
    return g_strdup ("-");

  utc = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

/* Parses a subcommand's options; the positional arguments stay. */
static int
parse_options (const char    *command,
               const char    *parameter_string,
               GOptionEntry  *entries,
               int           *argc,
               char        ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s %s", command,
                                             parameter_string);

  context = g_option_context_new (prefix);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_strict_posix (context, FALSE);

  if (!g_option_context_parse (context, argc, argv, &error))
    return usage ("%s: %s", command, error->message);

  return STEWARD_CLI_OK;
}

static int
cmd_create (Cli   *cli,
            int    argc,
            char **argv)
{
  g_auto(GStrv) param_texts = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(StewardContract) contract = NULL;
  g_autoptr(StewardJob) job = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "param", 'p', 0, G_OPTION_ARG_STRING_ARRAY, &param_texts,
      N_("Set a parameter of the contract"), N_("NAME=VALUE") },
    { NULL }
  };
  int status;

  status = parse_options ("create", "FILE", entries, &argc, &argv);
  if (status != STEWARD_CLI_OK)
    return status;

  if (argc != 2)
    return usage (_("create: expected one contract file"));

  params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; param_texts != NULL && param_texts[i] != NULL; i++)
    {
      const char *equals = strchr (param_texts[i], '=');

      if (equals == NULL || equals == param_texts[i])
        return usage (_("create: --param “%s” is not NAME=VALUE"),
                      param_texts[i]);

      g_hash_table_replace (params,
                            g_strndup (param_texts[i], equals - param_texts[i]),
                            g_strdup (equals + 1));
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  contract = steward_contract_new_from_file (file, &error);
  if (contract == NULL && g_error_matches (error, STEWARD_CONTRACT_ERROR,
                                           STEWARD_CONTRACT_ERROR_INVALID))
    return fail_contract (argv[1], error->message);
  if (contract == NULL)
    return fail ("%s", error->message);

  if (!open_store (cli, &error))
    return fail ("%s", error->message);

  job = steward_engine_create_job (cli->engine, contract, params,
                                   g_get_user_name (), &error);
  if (job == NULL)
    return fail ("%s", error->message);

  g_print ("%" PRId64 "\n", steward_job_get_id (job));

  return STEWARD_CLI_OK;
}

static int
cmd_list (Cli   *cli,
          int    argc,
          char **argv)
{
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  int status;

  status = parse_options ("list", "", entries, &argc, &argv);
  if (status != STEWARD_CLI_OK)
    return status;
  if (argc != 1)
    return usage (_("list: unexpected argument “%s”"), argv[1]);

  if (!open_store (cli, &error) ||
      (jobs = steward_store_list_jobs (cli->store, &error)) == NULL)
    return fail ("%s", error->message);

  if (json)
    {
      g_autoptr(JsonNode) node = NULL;

      node = array_to_json (jobs, (JsonNode *(*) (gpointer)) steward_job_to_json);
      print_json (node);
      return STEWARD_CLI_OK;
    }

  if (jobs->len == 0)
    {
      g_print (_("No jobs yet. Create one with “steward-ctl create FILE”.\n"));
      return STEWARD_CLI_OK;
    }

  g_print ("%-4s  %-16s  %-7s  %-14s  %s\n",
           _("ID"), _("STATE"), _("WAITING"), _("OWNER"), _("TITLE"));
  for (guint i = 0; i < jobs->len; i++)
    {
      StewardJob *job = g_ptr_array_index (jobs, i);

      g_print ("%-4" PRId64 "  %-16s  %-7" PRId64
               "  %-14s  %s\n",
               steward_job_get_id (job),
               steward_job_state_to_string (steward_job_get_state (job)),
               steward_job_get_pending_count (job),
               steward_job_get_owner (job),
               steward_job_get_title (job));
    }

  return STEWARD_CLI_OK;
}

static void
print_decision_line (StewardDecision *decision)
{
  const char *amount = steward_decision_get_amount_label (decision);

  g_print ("  #%-4" PRId64 " %-9s %s%s%s%s\n",
           steward_decision_get_id (decision),
           steward_decision_status_to_string (steward_decision_get_status (decision)),
           steward_decision_get_summary (decision),
           amount ? " (" : "", amount ? amount : "", amount ? ")" : "");
}

static int
cmd_show (Cli   *cli,
          int    argc,
          char **argv)
{
  g_autoptr(StewardJob) job = NULL;
  g_autoptr(GPtrArray) situations = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  gint64 job_id;
  int status;

  status = parse_options ("show", "JOB", entries, &argc, &argv);
  if (status != STEWARD_CLI_OK)
    return status;
  if (argc != 2 || !parse_id (argv[1], &job_id))
    return usage (_("show: expected one job id"));

  if (!open_store (cli, &error) ||
      (job = steward_store_dup_job (cli->store, job_id, &error)) == NULL ||
      (situations = steward_store_list_situations (cli->store, job_id, FALSE,
                                                   &error)) == NULL ||
      (decisions = steward_store_list_decisions (cli->store, job_id, FALSE,
                                                 &error)) == NULL ||
      (runs = steward_store_list_runs (cli->store, job_id, &error)) == NULL)
    return fail ("%s", error->message);

  if (json)
    {
      g_autoptr(JsonNode) node = steward_job_to_json (job);
      JsonObject *object = json_node_get_object (node);

      json_object_set_member (object, "situations",
                              array_to_json (situations,
                                             (JsonNode *(*) (gpointer)) steward_situation_to_json));
      json_object_set_member (object, "decisions",
                              array_to_json (decisions,
                                             (JsonNode *(*) (gpointer)) steward_decision_to_json));
      json_object_set_member (object, "runs",
                              array_to_json (runs,
                                             (JsonNode *(*) (gpointer)) steward_run_to_json));
      print_json (node);
      return STEWARD_CLI_OK;
    }

  g_print ("%s\n", steward_job_get_title (job));
  g_print (_("  Goal:      %s\n"), steward_job_get_goal (job));
  g_print (_("  State:     %s\n"), steward_job_get_state_label (job));
  g_print (_("  Owner:     %s\n"), steward_job_get_owner (job));
  g_print (_("  Autonomy:  %s\n"),
           steward_autonomy_to_string (steward_job_get_autonomy (job)));
  g_print (_("  Insight:   %s\n"),
           steward_job_get_insight (job) ? steward_job_get_insight (job) : "-");
  g_print (_("  Next:      %s\n"),
           steward_job_get_next_step (job) ? steward_job_get_next_step (job) : "-");
  if (steward_job_get_error (job) != NULL)
    g_print (_("  Problem:   %s\n"), steward_job_get_error (job));
  g_print (_("  Figures:   %" PRId64 " signals → %" PRId64
             " situations (%" PRId64 " open)\n"),
           steward_job_get_signal_count (job),
           steward_job_get_situation_count (job),
           steward_job_get_open_situation_count (job));

  g_print (_("\nSituations\n"));
  if (situations->len == 0)
    g_print (_("  none\n"));
  for (guint i = 0; i < situations->len; i++)
    {
      StewardSituation *situation = g_ptr_array_index (situations, i);

      g_print ("  %-9s %s (%s, ×%" PRId64 ")\n",
               steward_situation_state_to_string (steward_situation_get_state (situation)),
               steward_situation_get_title (situation),
               steward_situation_get_key (situation),
               steward_situation_get_count (situation));
    }

  g_print (_("\nDecisions\n"));
  if (decisions->len == 0)
    g_print (_("  none\n"));
  for (guint i = 0; i < decisions->len; i++)
    {
      StewardDecision *decision = g_ptr_array_index (decisions, i);
      const char *explanation = steward_decision_get_explanation_text (decision);
      const char *problem = steward_decision_get_error (decision);

      print_decision_line (decision);
      if (problem != NULL)
        g_print (_("        Problem: %s\n"), problem);
      if (explanation != NULL)
        {
          g_auto(GStrv) lines = g_strsplit (explanation, "\n", -1);

          for (guint j = 0; lines[j] != NULL; j++)
            g_print ("        %s\n", lines[j]);
        }
    }

  g_print (_("\nRuns\n"));
  if (runs->len == 0)
    g_print (_("  none\n"));
  for (guint i = 0; i < runs->len; i++)
    {
      StewardRun *run = g_ptr_array_index (runs, i);
      g_autofree char *started = format_time (steward_run_get_started_at (run));

      g_print ("  #%-4" PRId64 " %s  %-9s %s\n",
               steward_run_get_id (run), started,
               steward_run_state_to_string (steward_run_get_state (run)),
               steward_run_get_summary (run) ? steward_run_get_summary (run) : "");
    }

  return STEWARD_CLI_OK;
}

static int
cmd_approvals (Cli   *cli,
               int    argc,
               char **argv)
{
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  int status;

  status = parse_options ("approvals", "", entries, &argc, &argv);
  if (status != STEWARD_CLI_OK)
    return status;
  if (argc != 1)
    return usage (_("approvals: unexpected argument “%s”"), argv[1]);

  if (!open_store (cli, &error) ||
      (decisions = steward_store_list_decisions (cli->store, 0, TRUE,
                                                 &error)) == NULL)
    return fail ("%s", error->message);

  if (json)
    {
      g_autoptr(JsonNode) node = NULL;

      node = array_to_json (decisions,
                            (JsonNode *(*) (gpointer)) steward_decision_to_json);
      print_json (node);
      return STEWARD_CLI_OK;
    }

  if (decisions->len == 0)
    {
      g_print (_("Nothing waits for approval.\n"));
      return STEWARD_CLI_OK;
    }

  for (guint i = 0; i < decisions->len; i++)
    {
      StewardDecision *decision = g_ptr_array_index (decisions, i);
      const char *amount = steward_decision_get_amount_label (decision);

      g_print (_("#%" PRId64 "  job %" PRId64 "  %s%s%s%s\n"),
               steward_decision_get_id (decision),
               steward_decision_get_job_id (decision),
               steward_decision_get_summary (decision),
               amount ? " (" : "", amount ? amount : "", amount ? ")" : "");
    }

  return STEWARD_CLI_OK;
}

static int
cmd_run (Cli   *cli,
         int    argc,
         char **argv)
{
  g_autoptr(StewardRun) run = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = { { NULL } };
  gint64 job_id;
  int status;

  status = parse_options ("run", "JOB", entries, &argc, &argv);
  if (status != STEWARD_CLI_OK)
    return status;
  if (argc != 2 || !parse_id (argv[1], &job_id))
    return usage (_("run: expected one job id"));

  if (!open_store (cli, &error))
    return fail ("%s", error->message);

  host_engine_if_free (cli);
  steward_engine_run_job_async (cli->engine, job_id, g_get_user_name (),
                                NULL, async_done_cb, cli);
  run = steward_engine_run_job_finish (cli->engine, wait_result (cli), &error);
  if (run == NULL)
    return fail ("%s", error->message);

  g_print (_("Run %" PRId64 " of job %" PRId64 ": %s\n"),
           steward_run_get_id (run), job_id, steward_run_get_summary (run));

  pending = steward_store_list_decisions (cli->store, job_id, TRUE, &error);
  if (pending == NULL)
    return fail ("%s", error->message);

  /* Oldest first: in the order the run asked. */
  for (guint i = pending->len; i > 0; i--)
    {
      StewardDecision *decision = g_ptr_array_index (pending, i - 1);

      if (steward_decision_get_run_id (decision) != steward_run_get_id (run))
        continue;
      g_print (_("Waiting for approval:"));
      print_decision_line (decision);
    }

  if (steward_run_get_state (run) == STEWARD_RUN_FAILED)
    return fail ("%s", steward_run_get_error (run) ? steward_run_get_error (run)
                                                   : _("The run failed"));

  return STEWARD_CLI_OK;
}

static int
answer (Cli      *cli,
        int       argc,
        char    **argv,
        gboolean  approve)
{
  g_autoptr(StewardDecision) decision = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  const char *command = approve ? "approve" : "reject";
  GOptionEntry entries[] = {
    { "note", 'n', 0, G_OPTION_ARG_STRING, &note,
      N_("Say why, for the audit log"), N_("TEXT") },
    { NULL }
  };
  gint64 decision_id;
  int status;

  status = parse_options (command, "DECISION", entries, &argc, &argv);
  if (status != STEWARD_CLI_OK)
    return status;
  if (argc != 2 || !parse_id (argv[1], &decision_id))
    return usage (_("%s: expected one decision id"), command);

  if (!open_store (cli, &error))
    return fail ("%s", error->message);

  host_engine_if_free (cli);
  steward_engine_answer_async (cli->engine, decision_id, approve,
                               g_get_user_name (), note, NULL,
                               async_done_cb, cli);
  decision = steward_engine_answer_finish (cli->engine, wait_result (cli),
                                           &error);
  if (decision == NULL)
    return fail ("%s", error->message);

  g_print (approve ? _("Approved #%" PRId64 ": %s\n")
                   : _("Rejected #%" PRId64 ": %s\n"),
           decision_id, steward_decision_get_summary (decision));

  return STEWARD_CLI_OK;
}

static int
cmd_approve (Cli   *cli,
             int    argc,
             char **argv)
{
  return answer (cli, argc, argv, TRUE);
}

static int
cmd_reject (Cli   *cli,
            int    argc,
            char **argv)
{
  return answer (cli, argc, argv, FALSE);
}

static int
cmd_audit (Cli   *cli,
           int    argc,
           char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL;
  gint64 job_id = 0;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("Export format: csv or json"), N_("FORMAT") },
    { "job", 'j', 0, G_OPTION_ARG_INT64, &job_id,
      N_("Only the entries of one job"), N_("JOB") },
    { NULL }
  };
  int status;

  status = parse_options ("audit", "verify|export", entries, &argc, &argv);
  if (status != STEWARD_CLI_OK)
    return status;
  if (argc != 2)
    return usage (_("audit: expected “verify” or “export”"));
  if (job_id < 0)
    return usage (_("audit: --job expects a job id"));

  if (!open_store (cli, &error))
    return fail ("%s", error->message);

  if (g_str_equal (argv[1], "verify"))
    {
      gint64 checked = 0;
      gint64 bad_seq = 0;

      if (!steward_store_verify_audit (cli->store, &checked, &bad_seq, &error))
        return fail ("%s", error->message);

      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "Audit log intact: %" PRId64 " entry\n",
                            "Audit log intact: %" PRId64 " entries\n",
                            checked),
               checked);
      return STEWARD_CLI_OK;
    }

  if (g_str_equal (argv[1], "export"))
    {
      g_autoptr(GOutputStream) out = g_unix_output_stream_new (1, FALSE);

      if (format == NULL)
        return usage (_("audit export: --format csv|json is required"));
      if (!g_str_equal (format, "csv") && !g_str_equal (format, "json"))
        return usage (_("audit export: unknown format “%s” (use csv or json)"),
                      format);

      if (!steward_audit_export (cli->store, job_id, format, out, &error) ||
          !g_output_stream_flush (out, NULL, &error))
        return fail ("%s", error->message);

      return STEWARD_CLI_OK;
    }

  return usage (_("audit: unknown action “%s” (use verify or export)"),
                argv[1]);
}

static gboolean
quit_cb (gpointer user_data)
{
  GMainLoop *loop = user_data;

  g_main_loop_quit (loop);

  return G_SOURCE_CONTINUE;
}

static int
cmd_serve (Cli   *cli,
           int    argc,
           char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *holder = NULL;
  GOptionEntry entries[] = { { NULL } };
  guint sigint;
  guint sigterm;
  int status;

  status = parse_options ("serve", "", entries, &argc, &argv);
  if (status != STEWARD_CLI_OK)
    return status;
  if (argc != 1)
    return usage (_("serve: unexpected argument “%s”"), argv[1]);

  if (!open_store (cli, &error))
    return fail ("%s", error->message);

  holder = g_strdup ("steward-ctl serve");
  if (!steward_engine_start (cli->engine, holder, &error))
    return fail ("%s", error->message);

  g_printerr (_("Serving %s; stop with Ctrl+C.\n"), cli->db_path);

  cli->loop = g_main_loop_new (NULL, FALSE);
  sigint = g_unix_signal_add (SIGINT, quit_cb, cli->loop);
  sigterm = g_unix_signal_add (SIGTERM, quit_cb, cli->loop);
  g_main_loop_run (cli->loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);

  /* What was taken on is finished first, so that nobody waiting for it
   * is left with a cancelled answer. */
  while (steward_engine_get_busy (cli->engine))
    g_main_context_iteration (NULL, TRUE);

  steward_engine_stop (cli->engine);
  g_printerr (_("Stopped.\n"));

  return STEWARD_CLI_OK;
}

static const Command commands[] = {
  { "create", cmd_create, N_("create FILE [--param NAME=VALUE]..."),
    N_("Create a job from a contract file; prints its id") },
  { "list", cmd_list, N_("list [--json]"), N_("List the jobs") },
  { "show", cmd_show, N_("show JOB [--json]"),
    N_("Show a job with its situations, decisions and runs") },
  { "approvals", cmd_approvals, N_("approvals [--json]"),
    N_("List the decisions that wait for approval") },
  { "run", cmd_run, N_("run JOB"), N_("Run a job once now") },
  { "approve", cmd_approve, N_("approve DECISION [--note TEXT]"),
    N_("Approve a decision; its action is sent") },
  { "reject", cmd_reject, N_("reject DECISION [--note TEXT]"),
    N_("Reject a decision; nothing is sent") },
  { "audit", cmd_audit, N_("audit verify | audit export --format csv|json"),
    N_("Verify the audit log’s hash chain, or export it") },
  { "serve", cmd_serve, N_("serve"), N_("Run the engine until stopped") },
};

static void
print_help (void)
{
  g_print (_("Usage: steward-ctl [--db PATH] COMMAND [ARGS]\n\n"
             "Hand recurring work to jobs, from a terminal.\n\n"
             "Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-46s %s\n", _(commands[i].synopsis),
             _(commands[i].description));
  g_print (_("\nOptions:\n"
             "  --db PATH   the database (default: %s)\n"
             "  --version   print the version\n"
             "\nExit status: 0 on success, 1 on failure, 2 on bad usage.\n"),
           "$XDG_DATA_HOME/steward/steward.db");
}

int
steward_cli_main (int   argc,
                  char *argv[])
{
  g_auto(Cli) cli = { 0 };
  g_autofree char *late_db = NULL;
  int command;
  int first = 1;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  /* Global options may stand anywhere: before the command, or among its
   * own arguments (up to a "--"). */
  command = 1;
  while (command < argc && argv[command][0] == '-')
    command += g_str_equal (argv[command], "--db") ? 2 : 1;

  for (int i = command + 1; i < argc; i++)
    {
      int taken;

      if (g_str_equal (argv[i], "--"))
        break;

      if (g_str_equal (argv[i], "--db"))
        {
          if (i + 1 >= argc || argv[i + 1][0] == '\0')
            return usage (_("--db needs a path"));
          taken = 2;
          g_free (late_db);
          late_db = g_strdup (argv[i + 1]);
        }
      else if (g_str_has_prefix (argv[i], "--db="))
        {
          if (argv[i][5] == '\0')
            return usage (_("--db needs a path"));
          taken = 1;
          g_free (late_db);
          late_db = g_strdup (argv[i] + 5);
        }
      else
        {
          continue;
        }

      memmove (&argv[i], &argv[i + taken], (argc - i - taken) * sizeof (char *));
      argc -= taken;
      argv[argc] = NULL;
      i--;
    }

  while (first < argc && argv[first][0] == '-')
    {
      const char *arg = argv[first];

      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_help ();
          return STEWARD_CLI_OK;
        }
      else if (g_str_equal (arg, "--version"))
        {
          g_print ("steward-ctl %s\n", PACKAGE_VERSION);
          return STEWARD_CLI_OK;
        }
      else if (g_str_equal (arg, "--db"))
        {
          if (first + 1 >= argc || argv[first + 1][0] == '\0')
            return usage (_("--db needs a path"));
          g_free (cli.db_path);
          cli.db_path = g_strdup (argv[first + 1]);
          first += 2;
        }
      else if (g_str_has_prefix (arg, "--db="))
        {
          if (arg[5] == '\0')
            return usage (_("--db needs a path"));
          g_free (cli.db_path);
          cli.db_path = g_strdup (arg + 5);
          first++;
        }
      else
        {
          return usage (_("unknown option “%s”"), arg);
        }
    }

  if (first >= argc)
    return usage (_("no command given"));

  /* The last --db given wins. */
  if (late_db != NULL)
    {
      g_free (cli.db_path);
      cli.db_path = g_steal_pointer (&late_db);
    }

  if (cli.db_path == NULL)
    cli.db_path = steward_sqlite_store_dup_default_path ();

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[first], commands[i].name))
      return commands[i].func (&cli, argc - first, argv + first);

  return usage (_("unknown command “%s”"), argv[first]);
}
