/* steward-decision-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-decision-row"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "steward-decision-row.h"

struct _StewardDecisionRow
{
  GtkListBoxRow    parent_instance;

  /* Template widgets */
  GtkLabel        *summary_label;
  GtkLabel        *amount_label;
  GtkSpinner      *spinner;
  GtkButton       *reject_button;
  GtkButton       *approve_button;
  GtkLabel        *error_label;

  /* Owned references */
  StewardSession  *session;
  StewardDecision *decision;
};

G_DEFINE_FINAL_TYPE (StewardDecisionRow, steward_decision_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_DECISION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_busy (StewardDecisionRow *self,
          gboolean            busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->approve_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reject_button), !busy);
}

static void
on_answer_started (StewardSession     *session,
                   gint64              decision_id,
                   StewardDecisionRow *self)
{
  if (decision_id != steward_decision_get_id (self->decision))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  set_busy (self, TRUE);
}

/* The row stays when the answer failed, so the failure is shown here,
 * next to the buttons that can try again. */
static void
on_answer_finished (StewardSession     *session,
                    gint64              decision_id,
                    const char         *error_message,
                    StewardDecisionRow *self)
{
  if (decision_id != steward_decision_get_id (self->decision))
    return;

  set_busy (self, FALSE);

  if (error_message != NULL)
    {
      gtk_label_set_text (self->error_label, error_message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
}

static void
steward_decision_row_constructed (GObject *object)
{
  StewardDecisionRow *self = (StewardDecisionRow *)object;
  g_autofree char *target = NULL;
  const char *amount;
  const char *explanation;
  const char *error;

  G_OBJECT_CLASS (steward_decision_row_parent_class)->constructed (object);

  gtk_label_set_text (self->summary_label, steward_decision_get_summary (self->decision));

  amount = steward_decision_get_amount_label (self->decision);
  gtk_label_set_text (self->amount_label, amount != NULL ? amount : "");

  /* The full reasoning is one hover away; the detail window shows it too. */
  explanation = steward_decision_get_explanation_text (self->decision);
  if (explanation != NULL && explanation[0] != '\0')
    gtk_widget_set_tooltip_text (GTK_WIDGET (self), explanation);

  target = g_strdup_printf ("%" PRId64, steward_decision_get_id (self->decision));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->approve_button), "s", target);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->reject_button), "s", target);

  error = steward_decision_get_error (self->decision);
  if (error != NULL && error[0] != '\0')
    {
      gtk_label_set_text (self->error_label, error);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }

  if (self->session != NULL)
    {
      g_signal_connect_object (self->session, "answer-started",
                               G_CALLBACK (on_answer_started), self, 0);
      g_signal_connect_object (self->session, "answer-finished",
                               G_CALLBACK (on_answer_finished), self, 0);
      set_busy (self, steward_session_is_answering (self->session,
                                                    steward_decision_get_id (self->decision)));
    }
}

static void
steward_decision_row_dispose (GObject *object)
{
  StewardDecisionRow *self = (StewardDecisionRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), STEWARD_TYPE_DECISION_ROW);

  g_clear_object (&self->session);
  g_clear_object (&self->decision);

  G_OBJECT_CLASS (steward_decision_row_parent_class)->dispose (object);
}

static void
steward_decision_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  StewardDecisionRow *self = STEWARD_DECISION_ROW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_DECISION:
      g_value_set_object (value, self->decision);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_decision_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  StewardDecisionRow *self = STEWARD_DECISION_ROW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_DECISION:
      self->decision = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_decision_row_class_init (StewardDecisionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = steward_decision_row_constructed;
  object_class->dispose = steward_decision_row_dispose;
  object_class->get_property = steward_decision_row_get_property;
  object_class->set_property = steward_decision_row_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         STEWARD_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DECISION] =
    g_param_spec_object ("decision", NULL, NULL,
                         STEWARD_TYPE_DECISION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/stewardapp/Steward/ui/"
                                               "steward-decision-row.ui");
  gtk_widget_class_bind_template_child (widget_class, StewardDecisionRow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, StewardDecisionRow, amount_label);
  gtk_widget_class_bind_template_child (widget_class, StewardDecisionRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, StewardDecisionRow, reject_button);
  gtk_widget_class_bind_template_child (widget_class, StewardDecisionRow, approve_button);
  gtk_widget_class_bind_template_child (widget_class, StewardDecisionRow, error_label);
}

static void
steward_decision_row_init (StewardDecisionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
steward_decision_row_new (StewardSession  *session,
                          StewardDecision *decision)
{
  g_return_val_if_fail (!session || STEWARD_IS_SESSION (session), NULL);
  g_return_val_if_fail (STEWARD_IS_DECISION (decision), NULL);

  return g_object_new (STEWARD_TYPE_DECISION_ROW,
                       "session", session,
                       "decision", decision,
                       NULL);
}
