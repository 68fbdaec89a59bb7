/* steward-job-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-job-card"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "steward-decision-row.h"
#include "steward-job-card.h"

struct _StewardJobCard
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkLabel       *title_label;
  GtkLabel       *state_label;
  GtkLabel       *owner_label;
  GtkLabel       *insight_label;
  GtkLabel       *next_step_label;
  GtkWidget      *error_box;
  GtkLabel       *error_label;
  GtkWidget      *needs_you_box;
  GtkLabel       *needs_you_label;
  GtkListBox     *pending_list;
  GtkLabel       *figure_label;
  GtkButton      *open_button;

  /* Owned references */
  StewardSession *session;
  StewardJob     *job;
  GBindingGroup  *bindings;
  GSignalGroup   *job_signals;
  GSignalGroup   *pending_signals;
};

G_DEFINE_FINAL_TYPE (StewardJobCard, steward_job_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_JOB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *state_classes[] = {
  "proposed", "active", "needs-attention", "resolving",
  "paused", "completed", "closed", "failed",
};

static gboolean
is_set (const char *text)
{
  return text != NULL && text[0] != '\0';
}

static gboolean
transform_visible (GBinding     *binding,
                   const GValue *from_value,
                   GValue       *to_value,
                   gpointer      user_data)
{
  g_value_set_boolean (to_value, is_set (g_value_get_string (from_value)));
  return TRUE;
}

static gboolean
transform_owner (GBinding     *binding,
                 const GValue *from_value,
                 GValue       *to_value,
                 gpointer      user_data)
{
  const char *owner = g_value_get_string (from_value);

  /* Translators: %s is who owns a job, e.g. "purchasing" */
  g_value_take_string (to_value, g_strdup_printf (_("Owner: %s"),
                                                  is_set (owner) ? owner : _("nobody")));
  return TRUE;
}

static gboolean
transform_next_step (GBinding     *binding,
                     const GValue *from_value,
                     GValue       *to_value,
                     gpointer      user_data)
{
  const char *next_step = g_value_get_string (from_value);

  /* Translators: %s is what a job does next, in plain words */
  g_value_take_string (to_value, is_set (next_step)
                                 ? g_strdup_printf (_("Next: %s"), next_step)
                                 : g_strdup (""));
  return TRUE;
}

static void
update_state (StewardJobCard *self)
{
  StewardJobState state = steward_job_get_state (self->job);
  GtkWidget *pill = GTK_WIDGET (self->state_label);

  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    gtk_widget_remove_css_class (pill, state_classes[i]);

  if (is_set (steward_job_get_error (self->job)))
    gtk_widget_add_css_class (pill, "failed");
  else
    gtk_widget_add_css_class (pill, steward_job_state_to_string (state));
}

static void
update_figure (StewardJobCard *self)
{
  gint64 n_signals = steward_job_get_signal_count (self->job);
  gint64 n_situations = steward_job_get_situation_count (self->job);
  g_autofree char *signals_text = NULL;
  g_autofree char *situations_text = NULL;
  g_autofree char *figure = NULL;

  if (steward_job_get_last_run_at (self->job) == 0 && n_signals == 0)
    {
      gtk_label_set_text (self->figure_label, _("Not run yet"));
      return;
    }

  signals_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%" PRId64 " signal",
                                               "%" PRId64 " signals",
                                               n_signals),
                                  n_signals);
  situations_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%" PRId64 " situation",
                                                  "%" PRId64 " situations",
                                                  n_situations),
                                     n_situations);

  /* Translators: how many raw signals a job turned into situations,
   * e.g. "77 signals → 2 situations" */
  figure = g_strdup_printf (_("%s → %s"), signals_text, situations_text);
  gtk_label_set_text (self->figure_label, figure);
}

static void
update_pending (StewardJobCard *self)
{
  GListModel *model = g_signal_group_dup_target (self->pending_signals);
  guint n_items = model != NULL ? g_list_model_get_n_items (model) : 0;
  g_autofree char *heading = NULL;

  g_clear_object (&model);

  gtk_widget_set_visible (self->needs_you_box, n_items > 0);

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Needs you: %u decision",
                                          "Needs you: %u decisions",
                                          n_items),
                             n_items);
  gtk_label_set_text (self->needs_you_label, heading);
}

static void
on_job_notify (StewardJob     *job,
               GParamSpec     *pspec,
               StewardJobCard *self)
{
  update_state (self);
  update_figure (self);
}

static void
on_pending_items_changed (GListModel     *model,
                          guint           position,
                          guint           removed,
                          guint           added,
                          StewardJobCard *self)
{
  update_pending (self);
}

static GtkWidget *
create_decision_row (gpointer item,
                     gpointer user_data)
{
  StewardJobCard *self = user_data;

  return steward_decision_row_new (self->session, STEWARD_DECISION (item));
}

/* The questions shown are those of the current job, answered through
 * the current session: either may change while a list recycles cards. */
static void
bind_pending (StewardJobCard *self)
{
  GListModel *pending = NULL;

  if (self->job != NULL && self->session != NULL)
    pending = steward_session_get_pending (self->session, steward_job_get_id (self->job));

  g_signal_group_set_target (self->pending_signals, pending);
  gtk_list_box_bind_model (self->pending_list, pending,
                           create_decision_row, self, NULL);
  update_pending (self);
}

/* The board's item template binds the session of the window the card
 * lands in, so it may come before or after the job. */
static void
set_session (StewardJobCard *self,
             StewardSession *session)
{
  if (!g_set_object (&self->session, session))
    return;

  bind_pending (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/* Shows @job (or nothing); the card follows the job's changes until
 * another job is set, as list item factories do when they recycle. */
static void
set_job (StewardJobCard *self,
         StewardJob     *job)
{
  if (!g_set_object (&self->job, job))
    return;

  g_binding_group_set_source (self->bindings, job);
  g_signal_group_set_target (self->job_signals, job);

  /* The action is named only with its target: a card is shown before
   * it gets a job, and an action without its parameter is an error. */
  if (job != NULL)
    {
      g_autofree char *target = g_strdup_printf ("%" PRId64,
                                                 steward_job_get_id (job));

      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->open_button), "s", target);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->open_button), "app.open-job");
      update_state (self);
      update_figure (self);
    }
  else
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->open_button), NULL);
    }
  bind_pending (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB]);
}

static void
steward_job_card_dispose (GObject *object)
{
  StewardJobCard *self = (StewardJobCard *)object;
  GtkWidget *child;

  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  if (self->job_signals != NULL)
    g_signal_group_set_target (self->job_signals, NULL);
  if (self->pending_signals != NULL)
    g_signal_group_set_target (self->pending_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), STEWARD_TYPE_JOB_CARD);

  /* Only the named template children are released above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->bindings);
  g_clear_object (&self->job_signals);
  g_clear_object (&self->pending_signals);
  g_clear_object (&self->job);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (steward_job_card_parent_class)->dispose (object);
}

static void
steward_job_card_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  StewardJobCard *self = STEWARD_JOB_CARD (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_JOB:
      g_value_set_object (value, self->job);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_job_card_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  StewardJobCard *self = STEWARD_JOB_CARD (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      set_session (self, g_value_get_object (value));
      break;

    case PROP_JOB:
      set_job (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_job_card_class_init (StewardJobCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = steward_job_card_dispose;
  object_class->get_property = steward_job_card_get_property;
  object_class->set_property = steward_job_card_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         STEWARD_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_JOB] =
    g_param_spec_object ("job", NULL, NULL,
                         STEWARD_TYPE_JOB,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "jobcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/stewardapp/Steward/ui/"
                                               "steward-job-card.ui");
  gtk_widget_class_bind_template_child (widget_class, StewardJobCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, StewardJobCard, state_label);
  gtk_widget_class_bind_template_child (widget_class, StewardJobCard, owner_label);
  gtk_widget_class_bind_template_child (widget_class, StewardJobCard, insight_label);
  gtk_widget_class_bind_template_child (widget_class, StewardJobCard, next_step_label);
  gtk_widget_class_bind_template_child (widget_class, StewardJobCard, error_box);
  gtk_widget_class_bind_template_child (widget_class, StewardJobCard, error_label);
  gtk_widget_class_bind_template_child (widget_class, StewardJobCard, needs_you_box);
  gtk_widget_class_bind_template_child (widget_class, StewardJobCard, needs_you_label);
  gtk_widget_class_bind_template_child (widget_class, StewardJobCard, pending_list);
  gtk_widget_class_bind_template_child (widget_class, StewardJobCard, figure_label);
  gtk_widget_class_bind_template_child (widget_class, StewardJobCard, open_button);
}

static void
steward_job_card_init (StewardJobCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bindings = g_binding_group_new ();
  g_binding_group_bind (self->bindings, "title", self->title_label, "label",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "state-label", self->state_label, "label",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind_full (self->bindings, "owner", self->owner_label, "label",
                             G_BINDING_SYNC_CREATE, transform_owner, NULL, NULL, NULL);
  g_binding_group_bind (self->bindings, "insight", self->insight_label, "label",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind_full (self->bindings, "insight", self->insight_label, "visible",
                             G_BINDING_SYNC_CREATE, transform_visible, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "next-step", self->next_step_label, "label",
                             G_BINDING_SYNC_CREATE, transform_next_step, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "next-step", self->next_step_label, "visible",
                             G_BINDING_SYNC_CREATE, transform_visible, NULL, NULL, NULL);
  g_binding_group_bind (self->bindings, "error", self->error_label, "label",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind_full (self->bindings, "error", self->error_box, "visible",
                             G_BINDING_SYNC_CREATE, transform_visible, NULL, NULL, NULL);

  self->job_signals = g_signal_group_new (STEWARD_TYPE_JOB);
  g_signal_group_connect_object (self->job_signals, "notify",
                                 G_CALLBACK (on_job_notify), self, 0);

  self->pending_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_object (self->pending_signals, "items-changed",
                                 G_CALLBACK (on_pending_items_changed), self, 0);
}

StewardJob *
steward_job_card_get_job (StewardJobCard *self)
{
  g_return_val_if_fail (STEWARD_IS_JOB_CARD (self), NULL);

  return self->job;
}
