/* steward-http-poll-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-http-poll-source"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "steward-http-poll-source.h"

struct _StewardHttpPollSource
{
  GObject      parent_instance;

  SoupSession *session;
  char        *url;
  char        *items_path;
  char        *key_field;
};

static void source_iface_init (StewardSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StewardHttpPollSource, steward_http_poll_source,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STEWARD_TYPE_SOURCE,
                                                      source_iface_init))

/* Parsing and selecting run in a worker thread: answers can be large. */
typedef struct
{
  GBytes *body;
  char   *url;
  char   *items_path;
  char   *key_field;
} ParseJob;

static void
parse_job_free (ParseJob *job)
{
  g_bytes_unref (job->body);
  g_free (job->url);
  g_free (job->items_path);
  g_free (job->key_field);
  g_free (job);
}

static char *
key_to_string (JsonNode *node)
{
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));

    case G_TYPE_INT64:
      return g_strdup_printf ("%" PRId64, json_node_get_int (node));

    case G_TYPE_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        return g_strdup (g_ascii_dtostr (buf, sizeof buf,
                                         json_node_get_double (node)));
      }

    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");

    default:
      return NULL;
    }
}

static void
parse_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ParseJob *job = task_data;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(JsonPath) path = json_path_new ();
  g_autoptr(JsonNode) selected = NULL;
  g_autoptr(GPtrArray) signals = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (job->body, &size);
  JsonArray *matches;

  if (!json_parser_load_from_data (parser, data ? data : "", size, &error))
    {
      g_task_return_new_error (task, STEWARD_SOURCE_ERROR,
                               STEWARD_SOURCE_ERROR_NOT_JSON,
                               _("The answer of %s is not JSON: %s"),
                               job->url, error->message);
      return;
    }

  if (!json_path_compile (path, job->items_path, &error))
    {
      g_task_return_new_error (task, STEWARD_SOURCE_ERROR,
                               STEWARD_SOURCE_ERROR_NO_ITEMS,
                               _("The item selection “%s” is not a valid "
                                 "JSONPath: %s"),
                               job->items_path, error->message);
      return;
    }

  selected = json_path_match (path, json_parser_get_root (parser));
  matches = json_node_get_array (selected);

  if (json_array_get_length (matches) == 0)
    {
      g_task_return_new_error (task, STEWARD_SOURCE_ERROR,
                               STEWARD_SOURCE_ERROR_NO_ITEMS,
                               _("The item selection “%s” found nothing in "
                                 "the answer of %s"),
                               job->items_path, job->url);
      return;
    }

  signals = g_ptr_array_new_with_free_func ((GDestroyNotify) steward_signal_free);

  for (guint i = 0; i < json_array_get_length (matches); i++)
    {
      JsonNode *item = json_array_get_element (matches, i);
      JsonObject *object;
      StewardSignal *signal;
      char *key;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_task_return_new_error (task, STEWARD_SOURCE_ERROR,
                                   STEWARD_SOURCE_ERROR_NO_KEY,
                                   _("Item %u selected by “%s” in the answer "
                                     "of %s is not an object"),
                                   i + 1, job->items_path, job->url);
          return;
        }

      object = json_node_get_object (item);
      key = key_to_string (json_object_get_member (object, job->key_field));
      if (key == NULL)
        {
          g_task_return_new_error (task, STEWARD_SOURCE_ERROR,
                                   STEWARD_SOURCE_ERROR_NO_KEY,
                                   _("Item %u in the answer of %s has no "
                                     "key field “%s”"),
                                   i + 1, job->url, job->key_field);
          return;
        }

      signal = g_new0 (StewardSignal, 1);
      signal->key = key;
      signal->item = json_node_copy (item);
      g_ptr_array_add (signals, signal);
    }

  g_task_return_pointer (task, g_steal_pointer (&signals),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (object);
  g_autoptr(GTask) task = user_data;
  StewardHttpPollSource *self = g_task_get_source_object (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessage *message;
  SoupStatus status;
  ParseJob *job;

  body = soup_session_send_and_read_finish (session, result, &error);
  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, STEWARD_SOURCE_ERROR,
                                 STEWARD_SOURCE_ERROR_UNREACHABLE,
                                 _("Cannot reach %s: %s"),
                                 self->url, error->message);
      return;
    }

  message = soup_session_get_async_result_message (session, result);
  status = soup_message_get_status (message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_new_error (task, STEWARD_SOURCE_ERROR,
                               STEWARD_SOURCE_ERROR_STATUS,
                               _("%s answered %u %s"),
                               self->url, status,
                               soup_message_get_reason_phrase (message));
      return;
    }

  job = g_new0 (ParseJob, 1);
  job->body = g_steal_pointer (&body);
  job->url = g_strdup (self->url);
  job->items_path = g_strdup (self->items_path);
  job->key_field = g_strdup (self->key_field);
  g_task_set_task_data (task, job, (GDestroyNotify) parse_job_free);
  g_task_run_in_thread (task, parse_in_thread);
}

static void
steward_http_poll_source_fetch_async (StewardSource       *source,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  StewardHttpPollSource *self = STEWARD_HTTP_POLL_SOURCE (source);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  GTask *task;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, steward_http_poll_source_fetch_async);

  uri = g_uri_parse (self->url, SOUP_HTTP_URI_FLAGS, &error);
  if (uri == NULL)
    {
      g_task_return_new_error (task, STEWARD_SOURCE_ERROR,
                               STEWARD_SOURCE_ERROR_UNREACHABLE,
                               _("“%s” is not a valid address: %s"),
                               self->url, error->message);
      g_object_unref (task);
      return;
    }

  message = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Accept", "application/json");
  soup_session_send_and_read_async (self->session, message,
                                    G_PRIORITY_DEFAULT, cancellable,
                                    send_cb, task);
}

static GPtrArray *
steward_http_poll_source_fetch_finish (StewardSource  *source,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
steward_http_poll_source_dup_description (StewardSource *source)
{
  StewardHttpPollSource *self = STEWARD_HTTP_POLL_SOURCE (source);

  return g_strdup_printf ("GET %s", self->url);
}

static void
source_iface_init (StewardSourceInterface *iface)
{
  iface->dup_description = steward_http_poll_source_dup_description;
  iface->fetch_async = steward_http_poll_source_fetch_async;
  iface->fetch_finish = steward_http_poll_source_fetch_finish;
}

static void
steward_http_poll_source_dispose (GObject *object)
{
  StewardHttpPollSource *self = STEWARD_HTTP_POLL_SOURCE (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (steward_http_poll_source_parent_class)->dispose (object);
}

static void
steward_http_poll_source_finalize (GObject *object)
{
  StewardHttpPollSource *self = STEWARD_HTTP_POLL_SOURCE (object);

  g_free (self->url);
  g_free (self->items_path);
  g_free (self->key_field);

  G_OBJECT_CLASS (steward_http_poll_source_parent_class)->finalize (object);
}

static void
steward_http_poll_source_class_init (StewardHttpPollSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = steward_http_poll_source_dispose;
  object_class->finalize = steward_http_poll_source_finalize;
}

static void
steward_http_poll_source_init (StewardHttpPollSource *self)
{
}

StewardSource *
steward_http_poll_source_new (SoupSession *session,
                              const char  *url,
                              const char  *items_path,
                              const char  *key_field)
{
  StewardHttpPollSource *self;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (key_field != NULL, NULL);

  self = g_object_new (STEWARD_TYPE_HTTP_POLL_SOURCE, NULL);
  self->session = g_object_ref (session);
  self->url = g_strdup (url);
  self->items_path = g_strdup (items_path ? items_path : "$[*]");
  self->key_field = g_strdup (key_field);

  return STEWARD_SOURCE (self);
}
