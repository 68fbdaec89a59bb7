/* test-window-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the real application on a database where the reorder job has
 * asked twice (test-window.sh prepares it): the board must show the
 * card with both questions, and its Approve button must answer one; the
 * detail window must name its job, or say that the job is gone; a
 * closed board must free its models.
 */

#define G_LOG_DOMAIN "test-window-ui"

#include "config.h"

#include <adwaita.h>

#include "steward-application.h"
#include "steward-decision-row.h"
#include "steward-job-card.h"
#include "steward-job-window.h"
#include "steward-window.h"

#define JOB_TITLE "Keep products above their reorder level"

static StewardApplication *app;
static const char *output_dir;

static gboolean
wake_up (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @predicate holds or @seconds passed. */
static gboolean
wait_for (gboolean (*predicate) (gpointer),
          gpointer  data,
          guint     seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  guint tick = g_timeout_add (20, wake_up, NULL);
  gboolean holds;

  while (!(holds = predicate (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (tick);
  return holds;
}

/* Lets layout and drawing catch up before a screenshot. */
static void
settle (guint milliseconds)
{
  gint64 deadline = g_get_monotonic_time () + milliseconds * 1000;
  guint tick = g_timeout_add (20, wake_up, NULL);

  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (tick);
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static GPtrArray *
find_all (GtkWidget *root,
          GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  if (root != NULL)
    collect (root, type, found);

  return found;
}

/* The text of every label shown under @root, one per line, as a person
 * reads it. */
static char *
visible_text (GtkWidget *root)
{
  g_autoptr(GPtrArray) labels = find_all (root, GTK_TYPE_LABEL);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (gtk_widget_get_mapped (label))
        g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (label)));
    }

  return g_string_free (text, FALSE);
}

static StewardWindow *
main_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    {
      if (STEWARD_IS_WINDOW (l->data))
        return l->data;
    }

  return NULL;
}

static StewardJobCard *
find_card (void)
{
  g_autoptr(GPtrArray) cards = find_all (GTK_WIDGET (main_window ()), STEWARD_TYPE_JOB_CARD);

  for (guint i = 0; i < cards->len; i++)
    {
      StewardJobCard *card = g_ptr_array_index (cards, i);
      StewardJob *job = steward_job_card_get_job (card);

      if (job != NULL && g_strcmp0 (steward_job_get_title (job), JOB_TITLE) == 0)
        return card;
    }

  return NULL;
}

static guint
count_rows (StewardJobCard *card)
{
  g_autoptr(GPtrArray) rows = find_all (GTK_WIDGET (card), STEWARD_TYPE_DECISION_ROW);

  return rows->len;
}

static gboolean
card_shows_n_rows (gpointer data)
{
  StewardJobCard *card = find_card ();

  return card != NULL
         && gtk_widget_get_mapped (GTK_WIDGET (card))
         && count_rows (card) == GPOINTER_TO_UINT (data);
}

static gboolean
session_idle (gpointer data)
{
  return steward_session_get_n_busy (steward_application_get_session (app)) == 0;
}

static StewardDecisionRow *
find_row_with (StewardJobCard *card,
               const char     *text)
{
  g_autoptr(GPtrArray) rows = find_all (GTK_WIDGET (card), STEWARD_TYPE_DECISION_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *shown = visible_text (g_ptr_array_index (rows, i));

      if (strstr (shown, text) != NULL)
        return g_ptr_array_index (rows, i);
    }

  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *action_name)
{
  g_autoptr(GPtrArray) buttons = find_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkActionable *button = g_ptr_array_index (buttons, i);

      if (g_strcmp0 (gtk_actionable_get_action_name (button), action_name) == 0)
        return GTK_WIDGET (button);
    }

  return NULL;
}

/* Renders @window as it is on screen into a PNG in the output folder.
 * A window has no parent to snapshot it, so its own snapshot function
 * draws it, children included, as the next frame would. */
static void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  g_autofree char *path = g_build_filename (output_dir, name, NULL);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GdkRGBA background;
  int width, height;
  GskRenderer *renderer;

  settle (400);

  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);

  /* The window's own background is drawn outside its snapshot function. */
  if (gtk_style_context_lookup_color (gtk_widget_get_style_context (window),
                                      "window_bg_color", &background))
    gtk_snapshot_append_color (snapshot, &background,
                               &GRAPHENE_RECT_INIT (0, 0, width, height));
  GTK_WIDGET_GET_CLASS (window)->snapshot (window, snapshot);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
test_board (void)
{
  StewardJobCard *card;
  g_autofree char *card_text = NULL;

  g_assert_true (wait_for (card_shows_n_rows, GUINT_TO_POINTER (2), 30));
  card = find_card ();

  card_text = visible_text (GTK_WIDGET (card));
  g_test_message ("card:\n%s", card_text);
  g_assert_nonnull (strstr (card_text, JOB_TITLE "\n"));
  g_assert_nonnull (strstr (card_text, "Owner: purchasing"));
  g_assert_cmpuint (count_rows (card), ==, 2);
  g_assert_nonnull (find_row_with (card, "517.80 EUR"));
  g_assert_nonnull (find_row_with (card, "525.00 EUR"));

  save_screenshot (GTK_WIDGET (main_window ()), "board.png");
}

static void
test_approve (void)
{
  StewardJobCard *card = find_card ();
  StewardDecisionRow *row;
  GtkWidget *approve;

  g_assert_nonnull (card);
  row = find_row_with (card, "517.80 EUR");
  g_assert_nonnull (row);
  approve = find_button (GTK_WIDGET (row), "app.approve");
  g_assert_nonnull (approve);
  g_assert_true (gtk_widget_is_sensitive (approve));
  g_assert_true (gtk_widget_get_mapped (approve));

  gtk_widget_activate (approve);

  g_assert_true (wait_for (session_idle, NULL, 30));
  g_assert_true (wait_for (card_shows_n_rows, GUINT_TO_POINTER (1), 30));

  card = find_card ();
  g_assert_null (find_row_with (card, "517.80 EUR"));
  g_assert_nonnull (find_row_with (card, "525.00 EUR"));

  save_screenshot (GTK_WIDGET (main_window ()), "board-after.png");
}

static gboolean
job_window_shown (gpointer data)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    {
      if (STEWARD_IS_JOB_WINDOW (l->data) && gtk_widget_get_mapped (l->data))
        {
          *(StewardJobWindow **)data = l->data;
          return TRUE;
        }
    }

  return FALSE;
}

static void
test_detail (void)
{
  StewardJobCard *card = find_card ();
  StewardJobWindow *window = NULL;
  g_autofree char *text = NULL;
  GtkWidget *details;

  g_assert_nonnull (card);
  details = find_button (GTK_WIDGET (card), "app.open-job");
  g_assert_nonnull (details);
  gtk_widget_activate (details);

  g_assert_true (wait_for (job_window_shown, &window, 10));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, JOB_TITLE);

  /* Wide, the header shows page names: the title must still be seen. */
  steward_job_window_show_page (window, "overview");
  settle (200);
  text = visible_text (GTK_WIDGET (window));
  g_assert_nonnull (strstr (text, JOB_TITLE "\n"));
  save_screenshot (GTK_WIDGET (window), "detail-overview.png");
  g_clear_pointer (&text, g_free);

  steward_job_window_show_page (window, "decisions");
  settle (200);
  text = visible_text (GTK_WIDGET (window));
  g_test_message ("decisions page:\n%s", text);
  g_assert_nonnull (strstr (text, "Order 20 units of Nord-Ost Matjeshering"));
  g_assert_nonnull (strstr (text, "Done · 517.80 EUR"));
  g_assert_nonnull (strstr (text, "Waiting for approval · 525.00 EUR"));

  save_screenshot (GTK_WIDGET (window), "detail-decisions.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_missing_job (void)
{
  StewardJobWindow *window = NULL;
  g_autofree char *text = NULL;
  GtkWidget *run;

  g_action_group_activate_action (G_ACTION_GROUP (app), "open-job",
                                  g_variant_new_string ("999"));
  g_assert_true (wait_for (job_window_shown, &window, 10));
  settle (200);

  text = visible_text (GTK_WIDGET (window));
  g_test_message ("missing job:\n%s", text);
  g_assert_nonnull (strstr (text, "This Job No Longer Exists"));
  run = find_button (GTK_WIDGET (window), "app.run-job");
  g_assert_nonnull (run);
  g_assert_false (gtk_widget_get_mapped (run));

  save_screenshot (GTK_WIDGET (window), "detail-missing.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
both_gone (gpointer data)
{
  GWeakRef *refs = data;
  g_autoptr(GObject) first = g_weak_ref_get (&refs[0]);
  g_autoptr(GObject) second = g_weak_ref_get (&refs[1]);

  return first == NULL && second == NULL;
}

/* The application outlives its board: a closed board must let go of
 * the models over the session's jobs, whose filter would otherwise call
 * into the freed window at the next new job. */
static void
test_close (void)
{
  StewardWindow *window = main_window ();
  g_autoptr(GPtrArray) grids = NULL;
  GtkSelectionModel *selection;
  GListModel *model;
  GWeakRef refs[2];

  g_assert_nonnull (window);
  grids = find_all (GTK_WIDGET (window), GTK_TYPE_GRID_VIEW);
  g_assert_cmpuint (grids->len, ==, 1);

  selection = gtk_grid_view_get_model (g_ptr_array_index (grids, 0));
  g_assert_true (GTK_IS_NO_SELECTION (selection));
  model = gtk_no_selection_get_model (GTK_NO_SELECTION (selection));
  g_assert_true (GTK_IS_SORT_LIST_MODEL (model));
  model = gtk_sort_list_model_get_model (GTK_SORT_LIST_MODEL (model));
  g_assert_true (GTK_IS_FILTER_LIST_MODEL (model));

  g_weak_ref_init (&refs[0], selection);
  g_weak_ref_init (&refs[1], gtk_filter_list_model_get_filter (GTK_FILTER_LIST_MODEL (model)));
  g_clear_pointer (&grids, g_ptr_array_unref);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (wait_for (both_gone, refs, 5));
  g_assert_null (main_window ());

  g_weak_ref_clear (&refs[0]);
  g_weak_ref_clear (&refs[1]);
}

int
main (int   argc,
      char *argv[])
{
  const char *database = g_getenv ("STEWARD_TEST_DB");
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* GTK may warn about the environment (no input methods, no portal);
   * criticals still fail the test. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  if (database == NULL)
    g_error ("STEWARD_TEST_DB must name the database to show");

  output_dir = g_getenv ("STEWARD_TEST_OUTPUT");
  if (output_dir == NULL)
    output_dir = g_get_tmp_dir ();
  g_mkdir_with_parents (output_dir, 0755);

  app = steward_application_new ();
  steward_application_set_database_path (app, database);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Cannot register the application: %s", error->message);
  g_application_activate (G_APPLICATION (app));

  g_test_add_func ("/window/board", test_board);
  g_test_add_func ("/window/approve", test_approve);
  g_test_add_func ("/window/detail", test_detail);
  g_test_add_func ("/window/missing-job", test_missing_job);
  g_test_add_func ("/window/close", test_close);

  status = g_test_run ();

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_destroy (window);
    }
  steward_session_close (steward_application_get_session (app));
  g_clear_object (&app);

  return status;
}
