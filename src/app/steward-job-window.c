/* steward-job-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-job-window"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "steward-format.h"
#include "steward-job-window.h"

struct _StewardJobWindow
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  GtkButton           *run_button;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack        *view_stack;
  AdwViewSwitcherBar  *switcher_bar;
  AdwStatusPage       *problem_page;
  GtkLabel            *title_label;
  AdwActionRow        *state_row;
  AdwActionRow        *error_row;
  AdwActionRow        *insight_row;
  AdwActionRow        *next_step_row;
  AdwActionRow        *last_run_row;
  AdwActionRow        *goal_row;
  AdwActionRow        *owner_row;
  AdwActionRow        *autonomy_row;
  AdwActionRow        *version_row;
  AdwActionRow        *created_row;
  AdwPreferencesGroup *params_group;
  GtkListBox          *situations_list;
  GtkListBox          *decisions_list;
  GtkListBox          *runs_list;
  GtkTextView         *contract_view;
  GtkListBox          *audit_list;

  /* Owned references */
  StewardSession      *session;
  StewardJob          *job;
  GPtrArray           *param_rows;
  GListStore          *situations;
  GListStore          *decisions;
  GListStore          *runs;
  GListStore          *audit;
  /* Run and decision ids whose rows are expanded, kept across reloads. */
  GHashTable          *expanded;
  /* The last refresh failure shown, so that each change of the database
   * does not repeat it. */
  char                *shown_failure;

  gint64               job_id;
};

G_DEFINE_FINAL_TYPE (StewardJobWindow, steward_job_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_JOB_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_set (const char *text)
{
  return text != NULL && text[0] != '\0';
}

static void
set_row_value (AdwActionRow *row,
               const char   *value)
{
  adw_action_row_set_subtitle (row, is_set (value) ? value : _("None"));
}

static GtkWidget *
new_placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "list-placeholder");

  return label;
}

static GtkWidget *
new_text_row (const char *title,
              const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

static GtkWidget *
new_body_label (const char *text,
                const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "row-body");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static char *
expanded_key (const char *kind,
              gint64      id)
{
  return g_strdup_printf ("%s:%" PRId64, kind, id);
}

static void
on_row_expanded (AdwExpanderRow   *row,
                 GParamSpec       *pspec,
                 StewardJobWindow *self)
{
  const char *key = g_object_get_data (G_OBJECT (row), "expanded-key");

  if (adw_expander_row_get_expanded (row))
    g_hash_table_add (self->expanded, g_strdup (key));
  else
    g_hash_table_remove (self->expanded, key);
}

static GtkWidget *
new_expander_row (StewardJobWindow *self,
                  const char       *kind,
                  gint64            id,
                  const char       *title,
                  const char       *subtitle)
{
  GtkWidget *row = adw_expander_row_new ();
  char *key = expanded_key (kind, id);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row),
                                 g_hash_table_contains (self->expanded, key));

  g_object_set_data_full (G_OBJECT (row), "expanded-key", key, g_free);
  g_signal_connect_object (row, "notify::expanded",
                           G_CALLBACK (on_row_expanded), self, 0);

  return row;
}

static GtkWidget *
create_situation_row (gpointer item,
                      gpointer user_data)
{
  StewardSituation *situation = item;
  g_autofree char *first = steward_format_time (steward_situation_get_first_seen (situation));
  g_autofree char *last = steward_format_time (steward_situation_get_last_seen (situation));
  g_autofree char *count = NULL;
  g_autofree char *subtitle = NULL;
  const char *state;
  GtkWidget *row;

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "seen %" PRId64 " time",
                                        "seen %" PRId64 " times",
                                        steward_situation_get_count (situation)),
                           steward_situation_get_count (situation));

  if (steward_situation_get_state (situation) == STEWARD_SITUATION_OPEN)
    state = _("Open");
  else
    state = _("Resolved");

  /* Translators: state · first seen · last seen · how often */
  subtitle = g_strdup_printf (_("%s · first seen %s · last seen %s · %s"),
                              state, first, last, count);

  row = new_text_row (steward_situation_get_title (situation), subtitle);
  if (steward_situation_get_state (situation) == STEWARD_SITUATION_OPEN)
    gtk_widget_add_css_class (row, "open-situation");

  return row;
}

static GtkWidget *
create_decision_row (gpointer item,
                     gpointer user_data)
{
  StewardJobWindow *self = user_data;
  StewardDecision *decision = item;
  StewardDecisionStatus status = steward_decision_get_status (decision);
  const char *amount = steward_decision_get_amount_label (decision);
  const char *answered_by = steward_decision_get_answered_by (decision);
  const char *error = steward_decision_get_error (decision);
  const char *explanation = steward_decision_get_explanation_text (decision);
  g_autofree char *created = steward_format_time (steward_decision_get_created_at (decision));
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  /* Who answered matters more than when the question was asked. */
  if (is_set (answered_by))
    {
      g_free (created);
      /* Translators: %s is who answered a decision */
      created = g_strdup_printf (_("answered by %s"), answered_by);
    }

  if (amount != NULL)
    /* Translators: status · amount · when asked, or who answered */
    subtitle = g_strdup_printf (_("%s · %s · %s"),
                                steward_decision_status_get_label (status), amount, created);
  else
    subtitle = g_strdup_printf (_("%s · %s"),
                                steward_decision_status_get_label (status), created);

  row = new_expander_row (self, "decision", steward_decision_get_id (decision),
                          steward_decision_get_summary (decision), subtitle);

  if (status == STEWARD_DECISION_STATUS_PENDING)
    {
      g_autofree char *target = g_strdup_printf ("%" PRId64,
                                                 steward_decision_get_id (decision));
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *reject = gtk_button_new_with_mnemonic (_("_Reject"));
      GtkWidget *approve = gtk_button_new_with_mnemonic (_("_Approve"));

      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (approve, "suggested-action");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (reject), "app.reject");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (reject), "s", target);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (approve), "app.approve");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (approve), "s", target);
      gtk_box_append (GTK_BOX (box), reject);
      gtk_box_append (GTK_BOX (box), approve);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), box);
    }

  if (is_set (answered_by))
    {
      g_autofree char *when = steward_format_time (steward_decision_get_answered_at (decision));
      g_autofree char *title = NULL;

      /* Translators: who answered a decision, and when */
      title = g_strdup_printf (_("Answered by %s, %s"), answered_by, when);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                new_text_row (title, steward_decision_get_note (decision)));
    }

  if (is_set (error))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), new_body_label (error, "error"));

  if (is_set (explanation))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), new_body_label (explanation, NULL));

  return row;
}

static const char *
trigger_label (const char *trigger)
{
  if (g_strcmp0 (trigger, "manual") == 0)
    return _("Started by hand");
  if (g_strcmp0 (trigger, "schedule") == 0)
    return _("Scheduled");
  if (g_strcmp0 (trigger, "signal") == 0)
    return _("Started by a signal");
  if (g_strcmp0 (trigger, "approval") == 0)
    return _("After an approval");

  return trigger != NULL ? trigger : _("Unknown trigger");
}

static const char *
run_state_label (StewardRunState state)
{
  switch (state)
    {
    case STEWARD_RUN_RUNNING:
      return _("Running");
    case STEWARD_RUN_WAITING:
      return _("Waiting for you");
    case STEWARD_RUN_SUCCEEDED:
      return _("Succeeded");
    case STEWARD_RUN_FAILED:
      return _("Failed");
    default:
      return _("Unknown");
    }
}

static const char *
autonomy_label (StewardAutonomy autonomy)
{
  switch (autonomy)
    {
    case STEWARD_AUTONOMY_OBSERVE:
      return _("Observe: reports situations only");
    case STEWARD_AUTONOMY_PROPOSE:
      return _("Propose: prepares each action for you to approve");
    case STEWARD_AUTONOMY_BOUNDED:
      return _("Bounded: acts alone inside its guardrails, asks outside them");
    case STEWARD_AUTONOMY_AUTONOMOUS:
      return _("Autonomous: acts within its capabilities, asks on errors or doubt");
    default:
      return _("Unknown");
    }
}

static void
add_run_steps (AdwExpanderRow *row,
               StewardRun     *run)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *steps;
  guint n_steps;

  if (!json_parser_load_from_data (parser, steward_run_get_steps_json (run), -1, NULL))
    return;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return;

  steps = json_node_get_array (root);
  n_steps = json_array_get_length (steps);
  for (guint i = 0; i < n_steps; i++)
    {
      JsonObject *step = json_array_get_object_element (steps, i);
      g_autofree char *when = NULL;
      const char *text;

      if (step == NULL)
        continue;

      text = json_object_get_string_member_with_default (step, "text", "");
      when = steward_format_timestamp (json_object_get_int_member_with_default (step, "at", 0));
      adw_expander_row_add_row (row, new_text_row (text, when));
    }

  if (n_steps == 0)
    adw_expander_row_add_row (row, new_text_row (_("No steps recorded"), NULL));
}

static GtkWidget *
create_run_row (gpointer item,
                gpointer user_data)
{
  StewardJobWindow *self = user_data;
  StewardRun *run = item;
  const char *summary = steward_run_get_summary (run);
  const char *error = steward_run_get_error (run);
  const char *state = steward_run_state_to_string (steward_run_get_state (run));
  g_autofree char *started = steward_format_timestamp (steward_run_get_started_at (run));
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row;
  GtkWidget *pill;

  /* Translators: a run's title when it has no summary, e.g. "Run 3" */
  title = is_set (summary) ? g_strdup (summary)
                           : g_strdup_printf (_("Run %" PRId64), steward_run_get_id (run));

  if (steward_run_get_finished_at (run) > 0)
    {
      gint64 seconds = (steward_run_get_finished_at (run) - steward_run_get_started_at (run))
                       / G_USEC_PER_SEC;

      g_autofree char *took = NULL;

      if (seconds < 1)
        took = g_strdup (_("took under a second"));
      else
        /* Translators: how long a run took, in seconds */
        took = g_strdup_printf (_("took %" PRId64 " s"), seconds);

      /* Translators: how a run started · when · how long it took */
      subtitle = g_strdup_printf (_("%s · %s · %s"),
                                  trigger_label (steward_run_get_trigger (run)),
                                  started, took);
    }
  else
    {
      subtitle = g_strdup_printf (_("%s · %s"),
                                  trigger_label (steward_run_get_trigger (run)), started);
    }

  row = new_expander_row (self, "run", steward_run_get_id (run), title, subtitle);

  pill = gtk_label_new (run_state_label (steward_run_get_state (run)));
  gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (pill, "state-pill");
  gtk_widget_add_css_class (pill, state);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), pill);

  if (is_set (error))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), new_body_label (error, "error"));

  add_run_steps (ADW_EXPANDER_ROW (row), run);

  return row;
}

static GtkWidget *
create_audit_row (gpointer item,
                  gpointer user_data)
{
  StewardAuditEntry *entry = item;
  g_autofree char *when = steward_format_timestamp (steward_audit_entry_get_at (entry));
  g_autofree char *subtitle = NULL;

  /* Translators: when · who · what kind of entry */
  subtitle = g_strdup_printf (_("%s · %s · %s"), when,
                              steward_audit_entry_get_actor (entry),
                              steward_audit_entry_get_kind (entry));

  return new_text_row (steward_audit_entry_get_summary (entry), subtitle);
}

static void
replace_all (GListStore *model,
             GPtrArray  *items)
{
  g_list_store_splice (model, 0, g_list_model_get_n_items (G_LIST_MODEL (model)),
                       items != NULL ? items->pdata : NULL,
                       items != NULL ? items->len : 0);
}

static int
compare_runs_newest_first (gconstpointer a,
                           gconstpointer b)
{
  StewardRun *run_a = *(StewardRun **)a;
  StewardRun *run_b = *(StewardRun **)b;
  gint64 at_a = steward_run_get_started_at (run_a);
  gint64 at_b = steward_run_get_started_at (run_b);

  if (at_a != at_b)
    return at_a > at_b ? -1 : 1;

  return steward_run_get_id (run_a) > steward_run_get_id (run_b) ? -1 : 1;
}

static int
compare_audit_newest_first (gconstpointer a,
                            gconstpointer b)
{
  StewardAuditEntry *entry_a = *(StewardAuditEntry **)a;
  StewardAuditEntry *entry_b = *(StewardAuditEntry **)b;
  gint64 seq_a = steward_audit_entry_get_seq (entry_a);
  gint64 seq_b = steward_audit_entry_get_seq (entry_b);

  return seq_a > seq_b ? -1 : (seq_a < seq_b ? 1 : 0);
}

static void
fill_parameters (StewardJobWindow *self)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *params_json = steward_job_get_params_json (self->job);
  JsonNode *root;
  JsonObject *params;
  GList *names;

  for (guint i = 0; i < self->param_rows->len; i++)
    adw_preferences_group_remove (self->params_group,
                                  g_ptr_array_index (self->param_rows, i));
  g_ptr_array_set_size (self->param_rows, 0);

  if (params_json == NULL || !json_parser_load_from_data (parser, params_json, -1, NULL))
    return;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;

  params = json_node_get_object (root);
  names = json_object_get_members (params);
  for (const GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (params, l->data);
      g_autofree char *value = NULL;
      GtkWidget *row;

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        value = json_node_dup_string (node);
      else
        value = json_to_string (node, FALSE);

      row = new_text_row (l->data, value);
      adw_preferences_group_add (self->params_group, row);
      g_ptr_array_add (self->param_rows, row);
    }
  g_list_free (names);

  gtk_widget_set_visible (GTK_WIDGET (self->params_group), self->param_rows->len > 0);
}

static void
fill_overview (StewardJobWindow *self)
{
  StewardJob *job = self->job;
  g_autofree char *last_run = steward_format_time (steward_job_get_last_run_at (job));
  g_autofree char *created = steward_format_timestamp (steward_job_get_created_at (job));
  g_autofree char *version = g_strdup_printf ("%d", steward_job_get_contract_version (job));
  g_autofree char *contract = steward_format_json (steward_job_get_contract_json (job));
  const char *error = steward_job_get_error (job);

  gtk_window_set_title (GTK_WINDOW (self), steward_job_get_title (job));
  adw_view_switcher_title_set_title (self->switcher_title, steward_job_get_title (job));
  gtk_label_set_text (self->title_label, steward_job_get_title (job));

  set_row_value (self->state_row, steward_job_get_state_label (job));
  gtk_widget_set_visible (GTK_WIDGET (self->error_row), is_set (error));
  set_row_value (self->error_row, error);
  set_row_value (self->insight_row, steward_job_get_insight (job));
  set_row_value (self->next_step_row, steward_job_get_next_step (job));
  set_row_value (self->last_run_row, last_run);

  set_row_value (self->goal_row, steward_job_get_goal (job));
  set_row_value (self->owner_row, steward_job_get_owner (job));
  set_row_value (self->autonomy_row, autonomy_label (steward_job_get_autonomy (job)));
  set_row_value (self->version_row, version);
  set_row_value (self->created_row, created);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->contract_view), contract, -1);

  fill_parameters (self);
}

/* Puts a status page in place of the job's pages, or (@title NULL)
 * brings the pages back. */
static void
show_problem (StewardJobWindow *self,
              const char       *title,
              const char       *description)
{
  gboolean problem = title != NULL;
  g_autofree char *escaped = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->view_stack), !problem);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), !problem);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_page), problem);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, !problem);
  gtk_widget_set_visible (GTK_WIDGET (self->run_button), !problem);

  if (!problem)
    return;

  /* Descriptions are markup; error messages are not. */
  if (description != NULL)
    escaped = g_markup_escape_text (description, -1);

  adw_status_page_set_title (self->problem_page, title);
  adw_status_page_set_description (self->problem_page, escaped);
  adw_view_switcher_title_set_title (self->switcher_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* Reads the job from the store when the board does not hold it (a job
 * window opened from a notification, or a job deleted meanwhile). */
static gboolean
load_job (StewardJobWindow *self)
{
  StewardStore *store = steward_session_get_store (self->session);
  StewardJob *job = steward_session_find_job (self->session, self->job_id);
  g_autoptr(StewardJob) stored = NULL;
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    {
      show_problem (self, _("Cannot Open the Database"),
                    steward_session_get_open_error (self->session));
      return FALSE;
    }

  if (job != NULL)
    {
      g_set_object (&self->job, job);
      return TRUE;
    }

  stored = steward_store_dup_job (store, self->job_id, &error);
  if (stored == NULL)
    {
      if (g_error_matches (error, STEWARD_STORE_ERROR, STEWARD_STORE_ERROR_NOT_FOUND))
        show_problem (self, _("This Job No Longer Exists"),
                      _("It was deleted, or the database was replaced."));
      else
        show_problem (self, _("Cannot Read This Job"), error->message);
      return FALSE;
    }

  g_set_object (&self->job, stored);
  return TRUE;
}

/* A list that cannot be read keeps what it showed; the user learns why
 * once, not at every change of the database. */
static void
report_failure (StewardJobWindow *self,
                GError           *error)
{
  g_autofree char *message = NULL;

  if (g_strcmp0 (self->shown_failure, error->message) == 0)
    return;

  g_free (self->shown_failure);
  self->shown_failure = g_strdup (error->message);

  /* Translators: %s says why a job's history could not be read */
  message = g_strdup_printf (_("Could not refresh this job: %s"), error->message);
  steward_job_window_add_toast (self, message);
}

/* Reads the job's history again; FALSE when a list could not be read,
 * which then keeps what it showed. */
static gboolean
fill_lists (StewardJobWindow  *self,
            StewardStore      *store,
            GError           **error)
{
  g_autoptr(GPtrArray) situations = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) audit = NULL;

  situations = steward_store_list_situations (store, self->job_id, FALSE, error);
  if (situations == NULL)
    return FALSE;
  replace_all (self->situations, situations);

  decisions = steward_store_list_decisions (store, self->job_id, FALSE, error);
  if (decisions == NULL)
    return FALSE;
  replace_all (self->decisions, decisions);

  runs = steward_store_list_runs (store, self->job_id, error);
  if (runs == NULL)
    return FALSE;
  g_ptr_array_sort (runs, compare_runs_newest_first);
  replace_all (self->runs, runs);

  audit = steward_store_list_audit (store, self->job_id, error);
  if (audit == NULL)
    return FALSE;
  g_ptr_array_sort (audit, compare_audit_newest_first);
  replace_all (self->audit, audit);

  return TRUE;
}

static void
refresh (StewardJobWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!load_job (self))
    return;

  show_problem (self, NULL, NULL);
  fill_overview (self);

  if (fill_lists (self, steward_session_get_store (self->session), &error))
    g_clear_pointer (&self->shown_failure, g_free);
  else
    report_failure (self, error);
}

static void
on_session_changed (StewardSession   *session,
                    gint64            job_id,
                    StewardJobWindow *self)
{
  if (job_id == 0 || job_id == self->job_id)
    refresh (self);
}

static void
steward_job_window_constructed (GObject *object)
{
  StewardJobWindow *self = (StewardJobWindow *)object;
  g_autofree char *target = NULL;

  G_OBJECT_CLASS (steward_job_window_parent_class)->constructed (object);

  target = g_strdup_printf ("%" PRId64, self->job_id);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->run_button), "s", target);

  gtk_list_box_bind_model (self->situations_list, G_LIST_MODEL (self->situations),
                           create_situation_row, self, NULL);
  gtk_list_box_bind_model (self->decisions_list, G_LIST_MODEL (self->decisions),
                           create_decision_row, self, NULL);
  gtk_list_box_bind_model (self->runs_list, G_LIST_MODEL (self->runs),
                           create_run_row, self, NULL);
  gtk_list_box_bind_model (self->audit_list, G_LIST_MODEL (self->audit),
                           create_audit_row, self, NULL);

  gtk_list_box_set_placeholder (self->situations_list,
                                new_placeholder (_("No situations yet. A run turns "
                                                   "signals into situations.")));
  gtk_list_box_set_placeholder (self->decisions_list,
                                new_placeholder (_("No decisions yet")));
  gtk_list_box_set_placeholder (self->runs_list,
                                new_placeholder (_("This job has not run yet")));
  gtk_list_box_set_placeholder (self->audit_list,
                                new_placeholder (_("Nothing recorded yet")));

  g_signal_connect_object (self->session, "changed",
                           G_CALLBACK (on_session_changed), self, 0);

  refresh (self);
}

static void
steward_job_window_dispose (GObject *object)
{
  StewardJobWindow *self = (StewardJobWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), STEWARD_TYPE_JOB_WINDOW);

  g_clear_pointer (&self->param_rows, g_ptr_array_unref);
  g_clear_object (&self->situations);
  g_clear_object (&self->decisions);
  g_clear_object (&self->runs);
  g_clear_object (&self->audit);
  g_clear_object (&self->job);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (steward_job_window_parent_class)->dispose (object);
}

static void
steward_job_window_finalize (GObject *object)
{
  StewardJobWindow *self = (StewardJobWindow *)object;

  g_clear_pointer (&self->expanded, g_hash_table_unref);
  g_free (self->shown_failure);

  G_OBJECT_CLASS (steward_job_window_parent_class)->finalize (object);
}

static void
steward_job_window_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StewardJobWindow *self = STEWARD_JOB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_JOB_ID:
      g_value_set_int64 (value, self->job_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_job_window_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  StewardJobWindow *self = STEWARD_JOB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_JOB_ID:
      self->job_id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_job_window_class_init (StewardJobWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = steward_job_window_constructed;
  object_class->dispose = steward_job_window_dispose;
  object_class->finalize = steward_job_window_finalize;
  object_class->get_property = steward_job_window_get_property;
  object_class->set_property = steward_job_window_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         STEWARD_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_JOB_ID] =
    g_param_spec_int64 ("job-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/stewardapp/Steward/ui/"
                                               "steward-job-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StewardJobWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, StewardJobWindow, run_button);
  gtk_widget_class_bind_template_child (widget_class, StewardJobWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, StewardJobWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, StewardJobWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, StewardJobWindow, problem_page);
  gtk_widget_class_bind_template_child (widget_class, StewardJobWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, StewardJobWindow, state_row);
  gtk_widget_class_bind_template_child (widget_class, StewardJobWindow, error_row);
  gtk_widget_class_bind_template_child (widget_class, StewardJobWindow, insight_row);
  gtk_widget_class_bind_template_child (widget_class, StewardJobWindow, next_step_row);
  gtk_widget_class_bind_template_child (widget_class, StewardJobWindow, last_run_row);
  gtk_widget_class_bind_template_child (widget_class, StewardJobWindow, goal_row);
  gtk_widget_class_bind_template_child (widget_class, StewardJobWindow, owner_row);
  gtk_widget_class_bind_template_child (widget_class, StewardJobWindow, autonomy_row);
  gtk_widget_class_bind_template_child (widget_class, StewardJobWindow, version_row);
  gtk_widget_class_bind_template_child (widget_class, StewardJobWindow, created_row);
  gtk_widget_class_bind_template_child (widget_class, StewardJobWindow, params_group);
  gtk_widget_class_bind_template_child (widget_class, StewardJobWindow, situations_list);
  gtk_widget_class_bind_template_child (widget_class, StewardJobWindow, decisions_list);
  gtk_widget_class_bind_template_child (widget_class, StewardJobWindow, runs_list);
  gtk_widget_class_bind_template_child (widget_class, StewardJobWindow, contract_view);
  gtk_widget_class_bind_template_child (widget_class, StewardJobWindow, audit_list);
}

static void
steward_job_window_init (StewardJobWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->param_rows = g_ptr_array_new ();
  self->situations = g_list_store_new (STEWARD_TYPE_SITUATION);
  self->decisions = g_list_store_new (STEWARD_TYPE_DECISION);
  self->runs = g_list_store_new (STEWARD_TYPE_RUN);
  self->audit = g_list_store_new (STEWARD_TYPE_AUDIT_ENTRY);
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

#ifdef DEVELOPMENT
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

StewardJobWindow *
steward_job_window_new (GtkApplication *application,
                        StewardSession *session,
                        gint64          job_id)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (STEWARD_IS_SESSION (session), NULL);
  g_return_val_if_fail (job_id > 0, NULL);

  return g_object_new (STEWARD_TYPE_JOB_WINDOW,
                       "application", application,
                       "session", session,
                       "job-id", job_id,
                       NULL);
}

gint64
steward_job_window_get_job_id (StewardJobWindow *self)
{
  g_return_val_if_fail (STEWARD_IS_JOB_WINDOW (self), 0);

  return self->job_id;
}

/* Shows the page called @name: "overview", "situations", "decisions",
 * "runs", "contract" or "audit". */
void
steward_job_window_show_page (StewardJobWindow *self,
                              const char       *name)
{
  g_return_if_fail (STEWARD_IS_JOB_WINDOW (self));
  g_return_if_fail (name != NULL);

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

void
steward_job_window_add_toast (StewardJobWindow *self,
                              const char       *title)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (STEWARD_IS_JOB_WINDOW (self));
  g_return_if_fail (title != NULL);

  escaped = g_markup_escape_text (title, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}
