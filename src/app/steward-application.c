/* steward-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-application"

#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "steward-application.h"
#include "steward-job-window.h"
#include "steward-resources.h"
#include "steward-window.h"

#define RESOURCE_BASE_PATH "/io/github/stewardapp/Steward"

/* More new decisions than this at once (a first start on a full
 * database, a run over many items) get one summary, not a burst. */
#define MAX_SINGLE_NOTIFICATIONS 3
#define SUMMARY_NOTIFICATION_ID "decisions-summary"
/* Jobs named in the summary's body before "and N more jobs". */
#define MAX_SUMMARY_JOBS 3

struct _StewardApplication
{
  AdwApplication  parent_instance;

  char           *database_path;
  GSettings      *settings;
  StewardSession *session;
  /* Decision ids whose notification this process sent and may withdraw. */
  GHashTable     *notified;
  /* Decision ids the summary notification speaks of; it is withdrawn
   * when the last of them is answered. */
  GHashTable     *summarised;
  gboolean        held_as_service;
};

G_DEFINE_FINAL_TYPE (StewardApplication, steward_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the database at PATH instead of the default one"), N_("PATH") },
  { NULL }
};

typedef struct
{
  StewardApplication *app;
  gint64              id;
  gboolean            approve;
} AnswerData;

static void
answer_data_free (AnswerData *data)
{
  g_clear_object (&data->app);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnswerData, answer_data_free)

static gint64 *
int64_dup (gint64 value)
{
  gint64 *copy = g_new (gint64, 1);

  *copy = value;
  return copy;
}

static char *
notification_id (gint64 decision_id)
{
  return g_strdup_printf ("decision-%" PRId64, decision_id);
}

static StewardWindow *
find_main_window (StewardApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (STEWARD_IS_WINDOW (l->data))
        return l->data;
    }

  return NULL;
}

static void
present_board (StewardApplication *self)
{
  StewardWindow *window = find_main_window (self);

  if (window == NULL)
    window = steward_window_new (GTK_APPLICATION (self), self->session, self->settings);

  gtk_window_present (GTK_WINDOW (window));
}

/* Shows @text where the user looks: the focused Steward window, else the
 * board. Without any window (an answer from a notification), a failure
 * comes back as a notification so that it is not lost in a log. */
static void
show_message (StewardApplication *self,
              const char         *text,
              gboolean            is_failure)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  StewardWindow *main_window;

  if (STEWARD_IS_JOB_WINDOW (active))
    {
      steward_job_window_add_toast (STEWARD_JOB_WINDOW (active), text);
      return;
    }

  main_window = find_main_window (self);
  if (main_window != NULL)
    {
      steward_window_add_toast (main_window, text);
      return;
    }

  if (is_failure)
    {
      g_autoptr(GNotification) notification = g_notification_new (_("Steward could not do that"));

      g_notification_set_body (notification, text);
      g_application_send_notification (G_APPLICATION (self), "failure", notification);
    }
}

static gboolean
parse_id (StewardApplication *self,
          GVariant           *parameter,
          gint64             *id)
{
  const char *text = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, &error))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a valid id: %s"),
                                                  text, error->message);

      g_warning ("%s", message);
      show_message (self, message, TRUE);
      return FALSE;
    }

  *id = (gint64)value;
  return TRUE;
}

static void
send_decision_notification (StewardApplication *self,
                            StewardDecision    *decision)
{
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GIcon) icon = NULL;
  g_autofree char *id = notification_id (steward_decision_get_id (decision));
  g_autofree char *target = g_strdup_printf ("%" PRId64,
                                             steward_decision_get_id (decision));
  g_autofree char *job_target = g_strdup_printf ("%" PRId64,
                                                 steward_decision_get_job_id (decision));
  const char *job_title = steward_decision_get_job_title (decision);
  const char *summary = steward_decision_get_summary (decision);
  const char *amount = steward_decision_get_amount_label (decision);
  const char *situation = steward_decision_get_situation_title (decision);
  GString *body = g_string_new (summary);

  /* The summary often names the amount already; say it once. */
  if (amount != NULL && (summary == NULL || strstr (summary, amount) == NULL))
    g_string_append_printf (body, " — %s", amount);
  if (situation != NULL && situation[0] != '\0')
    g_string_append_printf (body, "\n%s", situation);

  notification = g_notification_new (job_title != NULL && job_title[0] != '\0'
                                     ? job_title : _("A job asks for your approval"));
  g_notification_set_body (notification, body->str);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  icon = g_themed_icon_new (APP_ID);
  g_notification_set_icon (notification, icon);

  g_notification_set_default_action_and_target (notification, "app.open-job", "s", job_target);
  g_notification_add_button_with_target (notification, _("Approve"), "app.approve", "s", target);
  g_notification_add_button_with_target (notification, _("Reject"), "app.reject", "s", target);
  g_notification_add_button_with_target (notification, _("Open"), "app.open-job", "s", job_target);

  g_application_send_notification (G_APPLICATION (self), id, notification);
  g_string_free (body, TRUE);
}

/* Counts @decisions per job, in the order they come, as lines such as
 * "Keep products above their reorder level: 12 decisions". */
static void
append_job_lines (GString   *body,
                  GPtrArray *decisions)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_lines;

  /* Grouped by title: two jobs with one title read as one to the user. */
  for (guint i = 0; i < decisions->len; i++)
    {
      const char *title = steward_decision_get_job_title (g_ptr_array_index (decisions, i));
      guint count;

      if (title == NULL || title[0] == '\0')
        title = _("Untitled job");

      count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, title));
      if (count == 0)
        g_ptr_array_add (titles, (gpointer)title);
      g_hash_table_insert (counts, (gpointer)title, GUINT_TO_POINTER (count + 1));
    }

  n_lines = MIN (titles->len, MAX_SUMMARY_JOBS);
  for (guint i = 0; i < n_lines; i++)
    {
      const char *title = g_ptr_array_index (titles, i);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, title));

      if (body->len > 0)
        g_string_append_c (body, '\n');
      g_string_append_printf (body,
                              g_dngettext (GETTEXT_PACKAGE, "%s: %u decision",
                                           "%s: %u decisions", count),
                              title, count);
    }

  if (titles->len > n_lines)
    {
      guint more = titles->len - n_lines;

      g_string_append_c (body, '\n');
      g_string_append_printf (body,
                              g_dngettext (GETTEXT_PACKAGE, "and %u more job",
                                           "and %u more jobs", more),
                              more);
    }
}

/* The sum of the amounts, or NULL unless every decision has one and all
 * share a currency: a total across currencies would mean nothing. */
static char *
dup_total_label (GPtrArray *decisions)
{
  const char *currency = NULL;
  double total = 0;

  for (guint i = 0; i < decisions->len; i++)
    {
      StewardDecision *decision = g_ptr_array_index (decisions, i);
      const char *this_currency = steward_decision_get_currency (decision);

      if (!steward_decision_has_amount (decision) || this_currency == NULL)
        return NULL;
      if (currency != NULL && g_strcmp0 (currency, this_currency) != 0)
        return NULL;

      currency = this_currency;
      total += steward_decision_get_amount (decision);
    }

  if (currency == NULL)
    return NULL;

  return steward_format_money (total, currency);
}

/* One notification for many decisions: it cannot offer Approve for
 * each, so it opens the board, where they all wait. */
static void
send_summary_notification (StewardApplication *self,
                           GPtrArray          *decisions)
{
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GIcon) icon = NULL;
  g_autofree char *title = NULL;
  g_autofree char *total = dup_total_label (decisions);
  GString *body = g_string_new (NULL);

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u decision waits for your approval",
                                        "%u decisions wait for your approval",
                                        decisions->len),
                           decisions->len);
  append_job_lines (body, decisions);
  if (total != NULL)
    {
      g_string_append_c (body, '\n');
      g_string_append_printf (body, _("%s in all"), total);
    }

  notification = g_notification_new (title);
  g_notification_set_body (notification, body->str);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  icon = g_themed_icon_new (APP_ID);
  g_notification_set_icon (notification, icon);

  g_notification_set_default_action (notification, "app.show-board");
  g_notification_add_button (notification, _("Open"), "app.show-board");

  g_application_send_notification (G_APPLICATION (self), SUMMARY_NOTIFICATION_ID,
                                   notification);
  g_string_free (body, TRUE);
}

static void
record_notified (StewardEngine *engine,
                 gint64         decision_id)
{
  g_autoptr(GError) error = NULL;

  if (!steward_engine_mark_notified (engine, decision_id, &error))
    g_warning ("Cannot record that decision %" PRId64 " was notified: %s",
               decision_id, error->message);
}

/* Drops from @told the decisions that are no longer pending, and takes
 * back their notifications; TRUE if any was dropped. */
static gboolean
forget_answered (StewardApplication *self,
                 GHashTable         *told,
                 GHashTable         *still_pending,
                 gboolean            withdraw_each)
{
  GHashTableIter iter;
  gpointer key;
  gboolean dropped = FALSE;

  g_hash_table_iter_init (&iter, told);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (g_hash_table_contains (still_pending, key))
        continue;

      if (withdraw_each)
        {
          g_autofree char *id = notification_id (*(gint64 *)key);

          g_application_withdraw_notification (G_APPLICATION (self), id);
        }
      g_hash_table_iter_remove (&iter);
      dropped = TRUE;
    }

  return dropped;
}

static void
withdraw_decision_notification (StewardApplication *self,
                                gint64              decision_id)
{
  g_autofree char *id = notification_id (decision_id);

  g_application_withdraw_notification (G_APPLICATION (self), id);
  g_hash_table_remove (self->notified, &decision_id);
}

/* Tells the user about every pending decision nobody was told about yet,
 * once (the store remembers it), and takes back the notifications of
 * decisions that are answered now. A few new decisions get one
 * notification each, with their own buttons; more at once get a single
 * summary, which goes when the last of them is answered. */
static void
update_notifications (StewardApplication *self)
{
  StewardStore *store = steward_session_get_store (self->session);
  StewardEngine *engine = steward_session_get_engine (self->session);
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GPtrArray) summarised = NULL;
  g_autoptr(GHashTable) still_pending = NULL;
  g_autoptr(GError) error = NULL;
  gboolean summary_shrank;

  if (store == NULL || engine == NULL)
    return;

  pending = steward_store_list_decisions (store, 0, TRUE, &error);
  if (pending == NULL)
    {
      g_warning ("Cannot list pending decisions: %s", error->message);
      return;
    }

  still_pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  fresh = g_ptr_array_new ();
  for (guint i = 0; i < pending->len; i++)
    {
      StewardDecision *decision = g_ptr_array_index (pending, i);
      gint64 id = steward_decision_get_id (decision);

      g_hash_table_add (still_pending, int64_dup (id));

      if (steward_decision_get_notified_at (decision) == 0
          && !g_hash_table_contains (self->notified, &id)
          && !g_hash_table_contains (self->summarised, &id))
        g_ptr_array_add (fresh, decision);
    }

  forget_answered (self, self->notified, still_pending, TRUE);
  summary_shrank = forget_answered (self, self->summarised, still_pending,
                                    FALSE);
  if (summary_shrank && g_hash_table_size (self->summarised) == 0)
    g_application_withdraw_notification (G_APPLICATION (self), SUMMARY_NOTIFICATION_ID);

  if (fresh->len <= MAX_SINGLE_NOTIFICATIONS)
    {
      for (guint i = 0; i < fresh->len; i++)
        {
          StewardDecision *decision = g_ptr_array_index (fresh, i);
          gint64 id = steward_decision_get_id (decision);

          send_decision_notification (self, decision);
          g_hash_table_add (self->notified, int64_dup (id));
          record_notified (engine, id);
        }

      /* A summary that still shows tells what is left of it. */
      if (!summary_shrank || g_hash_table_size (self->summarised) == 0)
        return;
    }
  else
    {
      for (guint i = 0; i < fresh->len; i++)
        {
          gint64 id = steward_decision_get_id (g_ptr_array_index (fresh, i));

          g_hash_table_add (self->summarised, int64_dup (id));
          record_notified (engine, id);
        }
    }

  /* A summary still shown is replaced by one that counts what it spoke
   * of and is still pending, with the new ones. */
  summarised = g_ptr_array_new ();
  for (guint i = 0; i < pending->len; i++)
    {
      StewardDecision *decision = g_ptr_array_index (pending, i);
      gint64 id = steward_decision_get_id (decision);

      if (g_hash_table_contains (self->summarised, &id))
        g_ptr_array_add (summarised, decision);
    }
  send_summary_notification (self, summarised);
}

static void
on_session_changed (StewardSession     *session,
                    gint64              job_id,
                    StewardApplication *self)
{
  update_notifications (self);
}

static void
answer_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AnswerData) data = user_data;
  StewardApplication *self = data->app;
  g_autoptr(StewardDecision) decision = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  decision = steward_session_answer_finish (STEWARD_SESSION (object), result, &error);
  g_application_release (G_APPLICATION (self));

  if (g_error_matches (error, STEWARD_ENGINE_ERROR, STEWARD_ENGINE_ERROR_STATE))
    {
      /* Answered already (a second click, or another surface): the first
       * answer stands and nothing more is recorded. */
      g_debug ("Decision %" PRId64 " not answered again: %s",
               data->id, error->message);
      withdraw_decision_notification (self, data->id);
      show_message (self, _("This decision was already answered"), FALSE);
      return;
    }

  /* An approval whose action failed says so itself: it was recorded,
   * and the decision waits to be retried. */
  if (g_error_matches (error, STEWARD_ENGINE_ERROR, STEWARD_ENGINE_ERROR_FAILED)
      && data->approve)
    {
      show_message (self, error->message, TRUE);
      return;
    }

  if (error != NULL)
    {
      message = g_strdup_printf (data->approve ? _("Could not approve: %s")
                                               : _("Could not reject: %s"),
                                 error->message);
      show_message (self, message, TRUE);
      return;
    }

  withdraw_decision_notification (self, data->id);

  message = g_strdup_printf (data->approve ? _("Approved: %s") : _("Rejected: %s"),
                             steward_decision_get_summary (decision));
  show_message (self, message, FALSE);
}

static void
answer (StewardApplication *self,
        GVariant           *parameter,
        gboolean            approve)
{
  AnswerData *data;
  gint64 id;

  if (!parse_id (self, parameter, &id))
    return;

  data = g_new0 (AnswerData, 1);
  data->app = g_object_ref (self);
  data->id = id;
  data->approve = approve;

  /* A service started only for this answer must live until it is done. */
  g_application_hold (G_APPLICATION (self));
  steward_session_answer_async (self->session, id, approve, NULL, answer_cb, data);
}

static void
approve_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  answer (STEWARD_APPLICATION (user_data), parameter, TRUE);
}

static void
reject_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  answer (STEWARD_APPLICATION (user_data), parameter, FALSE);
}

static void
open_job_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  StewardApplication *self = user_data;
  StewardJobWindow *window;
  gint64 id;

  if (!parse_id (self, parameter, &id))
    return;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (STEWARD_IS_JOB_WINDOW (l->data)
          && steward_job_window_get_job_id (l->data) == id)
        {
          gtk_window_present (l->data);
          return;
        }
    }

  window = steward_job_window_new (GTK_APPLICATION (self), self->session, id);
  gtk_window_present (GTK_WINDOW (window));
}

static void
run_job_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(StewardApplication) self = user_data;
  g_autoptr(StewardRun) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *summary;

  run = steward_session_run_job_finish (STEWARD_SESSION (object), result, &error);
  g_application_release (G_APPLICATION (self));

  if (run == NULL)
    {
      message = g_strdup_printf (_("The run failed: %s"), error->message);
      show_message (self, message, TRUE);
      return;
    }

  if (steward_run_get_state (run) == STEWARD_RUN_FAILED)
    {
      const char *reason = steward_run_get_error (run);

      message = g_strdup_printf (_("The run failed: %s"),
                                 reason != NULL ? reason : _("no reason given"));
      show_message (self, message, TRUE);
      return;
    }

  summary = steward_run_get_summary (run);
  message = g_strdup_printf (_("Run finished: %s"),
                             summary != NULL && summary[0] != '\0' ? summary
                                                                   : _("nothing to report"));
  show_message (self, message, FALSE);
}

static void
run_job_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  StewardApplication *self = user_data;
  gint64 id;

  if (!parse_id (self, parameter, &id))
    return;

  g_application_hold (G_APPLICATION (self));
  steward_session_run_job_async (self->session, id, NULL, run_job_cb, g_object_ref (self));
}

static void
show_board_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  present_board (STEWARD_APPLICATION (user_data));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  StewardApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", _("Steward"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Steward developers"),
                        "comments", _("Hand recurring work to jobs that watch, decide "
                                      "within your policies, and ask you only when "
                                      "they should."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
shortcuts_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  StewardApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *window;

  builder = gtk_builder_new_from_resource (RESOURCE_BASE_PATH "/ui/steward-shortcuts-window.ui");
  window = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  gtk_window_set_transient_for (window, parent);
  gtk_window_present (window);
}

static const GActionEntry app_actions[] = {
  { "approve", approve_activated, "s" },
  { "reject", reject_activated, "s" },
  { "open-job", open_job_activated, "s" },
  { "run-job", run_job_activated, "s" },
  { "show-board", show_board_activated },
  { "quit", quit_activated },
  { "about", about_activated },
  { "shortcuts", shortcuts_activated },
};

static char *
dup_database_path (StewardApplication *self)
{
  if (self->database_path != NULL)
    return g_strdup (self->database_path);

  if (self->settings != NULL)
    {
      g_autofree char *path = g_settings_get_string (self->settings, "database-path");

      if (path[0] != '\0')
        return g_steal_pointer (&path);
    }

  return steward_sqlite_store_dup_default_path ();
}

static void
refuse_state_change (GSimpleAction *action,
                     GVariant      *value,
                     gpointer       user_data)
{
  g_debug ("Ignored a request to change the database action's state");
}

/* The running instance publishes its database as the state of a
 * disabled action, so that a second start can tell whether raising its
 * window shows what was asked for. */
static void
add_database_action (StewardApplication *self,
                     const char         *path)
{
  g_autoptr(GSimpleAction) action = NULL;
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);

  action = g_simple_action_new_stateful ("database", NULL,
                                         g_variant_new_bytestring (canonical));
  g_simple_action_set_enabled (action, FALSE);
  /* Without a handler of its own, anyone on the bus could change it. */
  g_signal_connect (action, "change-state", G_CALLBACK (refuse_state_change), NULL);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
}

static gboolean
remote_has_database (StewardApplication *self,
                     const char         *path)
{
  g_autoptr(GVariant) state = NULL;

  state = g_action_group_get_action_state (G_ACTION_GROUP (self), "database");
  if (state == NULL || !g_variant_is_of_type (state, G_VARIANT_TYPE_BYTESTRING))
    return FALSE;

  return g_strcmp0 (g_variant_get_bytestring (state), path) == 0;
}

static int
steward_application_handle_local_options (GApplication *application,
                                          GVariantDict *options)
{
  StewardApplication *self = STEWARD_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  const char *path = NULL;

  if (!g_variant_dict_lookup (options, "db", "^&ay", &path))
    return -1;

  g_free (self->database_path);
  self->database_path = g_canonicalize_filename (path, NULL);

  /* Another instance would only raise its own window, on its own
   * database: opening this one is not possible, and must not look done. */
  if (!g_application_register (application, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (g_application_get_is_remote (application)
      && !remote_has_database (self, self->database_path))
    {
      g_autofree char *display = g_filename_display_name (self->database_path);

      g_printerr (_("Steward already runs with another database; "
                    "close it first to open %s\n"),
                  display);
      return 1;
    }

  return -1;
}

static void
steward_application_startup (GApplication *application)
{
  StewardApplication *self = STEWARD_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  G_APPLICATION_CLASS (steward_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts",
                                         shortcuts_accels);

  /* A run from the build tree has no installed schema; it still works,
   * only without remembered settings. */
  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new (APP_ID);

  path = dup_database_path (self);
  add_database_action (self, path);
  self->session = steward_session_new (path);
  if (!steward_session_open (self->session, "Steward window", &error))
    g_warning ("Cannot open %s: %s", path, error->message);

  g_signal_connect_object (self->session, "changed",
                           G_CALLBACK (on_session_changed), self, 0);
  update_notifications (self);

  /* Started by D-Bus (a notification button, another program), the
   * application serves the engine until told to quit; a normal run
   * ends with its last window. */
  if ((g_application_get_flags (application) & G_APPLICATION_IS_SERVICE) != 0
      && steward_session_get_hosting (self->session))
    {
      g_application_hold (application);
      self->held_as_service = TRUE;
    }
}

static void
steward_application_activate (GApplication *application)
{
  present_board (STEWARD_APPLICATION (application));
}

static void
steward_application_shutdown (GApplication *application)
{
  StewardApplication *self = STEWARD_APPLICATION (application);

  if (self->session != NULL)
    steward_session_close (self->session);

  if (self->held_as_service)
    {
      self->held_as_service = FALSE;
      g_application_release (application);
    }

  G_APPLICATION_CLASS (steward_application_parent_class)->shutdown (application);
}

static void
steward_application_dispose (GObject *object)
{
  StewardApplication *self = (StewardApplication *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (steward_application_parent_class)->dispose (object);
}

static void
steward_application_finalize (GObject *object)
{
  StewardApplication *self = (StewardApplication *)object;

  g_clear_pointer (&self->notified, g_hash_table_unref);
  g_clear_pointer (&self->summarised, g_hash_table_unref);
  g_free (self->database_path);

  G_OBJECT_CLASS (steward_application_parent_class)->finalize (object);
}

static void
steward_application_class_init (StewardApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = steward_application_dispose;
  object_class->finalize = steward_application_finalize;

  app_class->handle_local_options = steward_application_handle_local_options;
  app_class->startup = steward_application_startup;
  app_class->activate = steward_application_activate;
  app_class->shutdown = steward_application_shutdown;

  /* The templates of every window live in this resource. */
  steward_register_resource ();
}

static void
steward_application_init (StewardApplication *self)
{
  self->notified = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->summarised = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Jobs that keep recurring work in hand"));
}

StewardApplication *
steward_application_new (void)
{
  return g_object_new (STEWARD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       NULL);
}

/* Sets the database to open at startup, as --db does. */
void
steward_application_set_database_path (StewardApplication *self,
                                       const char         *path)
{
  g_return_if_fail (STEWARD_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  g_free (self->database_path);
  self->database_path = g_canonicalize_filename (path, NULL);
}

/* The session, once the application has started up; NULL before. */
StewardSession *
steward_application_get_session (StewardApplication *self)
{
  g_return_val_if_fail (STEWARD_IS_APPLICATION (self), NULL);

  return self->session;
}
