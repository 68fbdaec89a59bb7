/* steward-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-window"

#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "steward-job-card.h"
#include "steward-window.h"

struct _StewardWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  GtkToggleButton      *search_button;
  AdwWindowTitle       *window_title;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkRevealer          *client_revealer;
  GtkLabel             *client_label;
  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *error_page;
  GtkGridView          *grid_view;

  /* Owned references */
  StewardSession       *session;
  GSettings            *settings;
  GtkFilter            *filter;
  GtkSorter            *sorter;
  GtkFilterListModel   *filter_model;
  char                 *search_text;
};

G_DEFINE_FINAL_TYPE (StewardWindow, steward_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
contains_folded (const char *haystack,
                 const char *folded_needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;

  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, folded_needle) != NULL;
}

static gboolean
filter_job (gpointer item,
            gpointer user_data)
{
  StewardWindow *self = user_data;
  StewardJob *job = item;

  if (self->search_text == NULL)
    return TRUE;

  return contains_folded (steward_job_get_title (job), self->search_text)
         || contains_folded (steward_job_get_owner (job), self->search_text)
         || contains_folded (steward_job_get_state_label (job), self->search_text)
         || contains_folded (steward_job_get_insight (job), self->search_text);
}

/* Jobs that need the user come first, failing ones next, then the rest
 * by title. */
static int
attention_rank (StewardJob *job)
{
  const char *error = steward_job_get_error (job);

  if (steward_job_get_pending_count (job) > 0
      || steward_job_get_state (job) == STEWARD_JOB_STATE_NEEDS_ATTENTION)
    return 0;

  if (error != NULL && error[0] != '\0')
    return 1;

  if (steward_job_get_state (job) == STEWARD_JOB_STATE_CLOSED)
    return 3;

  return 2;
}

static int
sort_jobs (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  StewardJob *job_a = (StewardJob *)a;
  StewardJob *job_b = (StewardJob *)b;
  int rank_a = attention_rank (job_a);
  int rank_b = attention_rank (job_b);
  int by_title;

  if (rank_a != rank_b)
    return rank_a < rank_b ? -1 : 1;

  by_title = g_utf8_collate (steward_job_get_title (job_a), steward_job_get_title (job_b));
  if (by_title != 0)
    return by_title;

  return steward_job_get_id (job_a) < steward_job_get_id (job_b) ? -1 : 1;
}

static void
update_view (StewardWindow *self)
{
  GListModel *jobs = steward_session_get_jobs (self->session);
  guint n_jobs = g_list_model_get_n_items (jobs);
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autofree char *file_name = NULL;
  g_autofree char *count = NULL;
  g_autofree char *subtitle = NULL;

  /* With several databases about, the user must see which one this is;
   * the title's tooltip gives the whole path. */
  file_name = g_filename_display_basename (steward_session_get_database_path (self->session));

  if (steward_session_get_open_error (self->session) != NULL)
    {
      adw_window_title_set_subtitle (self->window_title, file_name);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u job", "%u jobs", n_jobs),
                           n_jobs);
  /* Translators: the header's subtitle, "2 jobs · steward.db" */
  subtitle = g_strdup_printf (_("%s · %s"), count, file_name);
  adw_window_title_set_subtitle (self->window_title, n_jobs > 0 ? subtitle : file_name);

  if (n_jobs == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (n_shown == 0)
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->stack, "board");
}

/* Jobs are updated in place, which list models do not see: tell the
 * filter and the sorter that their answers may have changed. */
static void
on_engine_hosting_changed (StewardEngine *engine,
                           GParamSpec    *pspec,
                           StewardWindow *self)
{
  if (steward_engine_get_hosting (engine))
    gtk_revealer_set_reveal_child (self->client_revealer, FALSE);
}

static void
on_session_changed (StewardSession *session,
                    gint64          job_id,
                    StewardWindow  *self)
{
  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (self->sorter, GTK_SORTER_CHANGE_DIFFERENT);
  update_view (self);
}

static void
on_jobs_items_changed (GListModel    *model,
                       guint          position,
                       guint          removed,
                       guint          added,
                       StewardWindow *self)
{
  update_view (self);
}

static void
on_search_changed (GtkSearchEntry *entry,
                   StewardWindow  *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_clear_pointer (&self->search_text, g_free);
  if (text != NULL && text[0] != '\0')
    self->search_text = g_utf8_casefold (text, -1);

  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
  update_view (self);
}

static void
on_grid_activate (GtkGridView   *grid_view,
                  guint          position,
                  StewardWindow *self)
{
  GListModel *model = G_LIST_MODEL (gtk_grid_view_get_model (grid_view));
  g_autoptr(StewardJob) job = g_list_model_get_item (model, position);
  g_autofree char *target = NULL;

  if (job == NULL)
    return;

  target = g_strdup_printf ("%" PRId64, steward_job_get_id (job));
  gtk_widget_activate_action (GTK_WIDGET (self), "app.open-job", "s", target);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StewardWindow *self = STEWARD_WINDOW (widget);
  gboolean enabled = gtk_search_bar_get_search_mode (self->search_bar);

  gtk_search_bar_set_search_mode (self->search_bar, !enabled);
  if (!enabled)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
restore_size (StewardWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
steward_window_close_request (GtkWindow *window)
{
  StewardWindow *self = STEWARD_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (steward_window_parent_class)->close_request (window);
}

static void
steward_window_constructed (GObject *object)
{
  StewardWindow *self = (StewardWindow *)object;
  GListModel *jobs;
  GtkSortListModel *sort_model;
  g_autoptr(GtkSelectionModel) selection = NULL;
  g_autofree char *display_path = NULL;
  const char *other_holder;
  const char *open_error;

  G_OBJECT_CLASS (steward_window_parent_class)->constructed (object);

  g_assert (self->session != NULL);
  jobs = steward_session_get_jobs (self->session);

  self->filter = GTK_FILTER (gtk_custom_filter_new (filter_job, self, NULL));
  self->sorter = GTK_SORTER (gtk_custom_sorter_new (sort_jobs, NULL, NULL));
  self->filter_model = gtk_filter_list_model_new (g_object_ref (jobs),
                                                  g_object_ref (self->filter));
  sort_model = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filter_model)),
                                        g_object_ref (self->sorter));
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (sort_model)));
  gtk_grid_view_set_model (self->grid_view, selection);

  g_signal_connect_object (jobs, "items-changed",
                           G_CALLBACK (on_jobs_items_changed), self, 0);
  g_signal_connect_object (self->session, "changed",
                           G_CALLBACK (on_session_changed), self, 0);

  display_path = g_filename_display_name (steward_session_get_database_path (self->session));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), display_path);

  other_holder = steward_session_get_other_holder (self->session);
  if (other_holder != NULL)
    {
      g_autofree char *text =
        g_strdup_printf (_("Another engine serves this database: %s. Steward shows its work."),
                         other_holder);

      gtk_label_set_text (self->client_label, text);
      gtk_revealer_set_reveal_child (self->client_revealer, TRUE);
    }

  /* A window that only watched takes the engine over when the other
   * one stops: the info bar goes then. */
  if (steward_session_get_engine (self->session) != NULL)
    g_signal_connect_object (steward_session_get_engine (self->session),
                             "notify::hosting",
                             G_CALLBACK (on_engine_hosting_changed), self, 0);

  open_error = steward_session_get_open_error (self->session);
  if (open_error != NULL)
    {
      const char *path = steward_session_get_database_path (self->session);
      g_autofree char *description = NULL;
      g_autofree char *escaped = NULL;

      /* Name the file unless the message does already. */
      if (strstr (open_error, path) != NULL)
        description = g_strdup (open_error);
      else
        description = g_strdup_printf (_("%s\n\nDatabase: %s"), open_error, path);

      /* Descriptions are markup; messages and paths are not. */
      escaped = g_markup_escape_text (description, -1);
      adw_status_page_set_description (self->error_page, escaped);
      gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), FALSE);
    }

  update_view (self);
}

static void
steward_window_dispose (GObject *object)
{
  StewardWindow *self = (StewardWindow *)object;

  /* The session's job list outlives the window: the filter must stop
   * calling back into it even if someone still holds the models. */
  if (self->filter != NULL)
    gtk_custom_filter_set_filter_func (GTK_CUSTOM_FILTER (self->filter),
                                       NULL, NULL, NULL);
  if (self->grid_view != NULL)
    gtk_grid_view_set_model (self->grid_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), STEWARD_TYPE_WINDOW);

  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (steward_window_parent_class)->dispose (object);
}

static void
steward_window_finalize (GObject *object)
{
  StewardWindow *self = (StewardWindow *)object;

  g_free (self->search_text);

  G_OBJECT_CLASS (steward_window_parent_class)->finalize (object);
}

static void
steward_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  StewardWindow *self = STEWARD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  StewardWindow *self = STEWARD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_window_class_init (StewardWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = steward_window_constructed;
  object_class->dispose = steward_window_dispose;
  object_class->finalize = steward_window_finalize;
  object_class->get_property = steward_window_get_property;
  object_class->set_property = steward_window_set_property;

  window_class->close_request = steward_window_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         STEWARD_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);

  /* The board's item template names the card by type. */
  g_type_ensure (STEWARD_TYPE_JOB_CARD);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/stewardapp/Steward/ui/"
                                               "steward-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StewardWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, StewardWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, StewardWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, StewardWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, StewardWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, StewardWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, StewardWindow, client_revealer);
  gtk_widget_class_bind_template_child (widget_class, StewardWindow, client_label);
  gtk_widget_class_bind_template_child (widget_class, StewardWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, StewardWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, StewardWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, StewardWindow, grid_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_grid_activate);
}

static void
steward_window_init (StewardWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Too long for one line of the template, where a break would show. */
  adw_status_page_set_description (self->empty_page,
                                   _("A job keeps watch over recurring work and asks "
                                     "you only when its policy says so. For now, jobs "
                                     "are made from a contract file with “steward-ctl "
                                     "create FILE”; they appear here at once."));

  g_object_bind_property (self->search_button, "active",
                          self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  /* The entry sits in a clamp, where the bar does not find it alone. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));

#ifdef DEVELOPMENT
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

/* @settings may be NULL when the schema is not installed, as in a run
 * from the build tree: the window then keeps its default size. */
StewardWindow *
steward_window_new (GtkApplication *application,
                    StewardSession *session,
                    GSettings      *settings)
{
  StewardWindow *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (STEWARD_IS_SESSION (session), NULL);
  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (STEWARD_TYPE_WINDOW,
                       "application", application,
                       "session", session,
                       NULL);

  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      restore_size (self);
    }

  return self;
}

void
steward_window_add_toast (StewardWindow *self,
                          const char    *title)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (STEWARD_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  /* Toast titles are markup; messages from servers are not. */
  escaped = g_markup_escape_text (title, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}
