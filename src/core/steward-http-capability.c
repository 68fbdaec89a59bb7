/* steward-http-capability.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-http-capability"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "steward-http-capability.h"

/* What is kept of an answer in the action record. */
#define MAX_RESPONSE_LENGTH (16 * 1024)

struct _StewardHttpCapability
{
  GObject      parent_instance;

  SoupSession *session;
  GStrv        allowed_hosts;
};

typedef struct
{
  char *description;   /* "POST http://…" for messages */
  int   status_code;
  char *response;
} InvokeData;

static void capability_iface_init (StewardCapabilityInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StewardHttpCapability, steward_http_capability,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STEWARD_TYPE_CAPABILITY,
                                                      capability_iface_init))

static void
invoke_data_free (InvokeData *data)
{
  g_free (data->description);
  g_free (data->response);
  g_free (data);
}

static gboolean
host_is_allowed (StewardHttpCapability *self,
                 GUri                  *uri)
{
  const char *host = g_uri_get_host (uri);
  g_autofree char *with_port = NULL;

  if (host == NULL || self->allowed_hosts == NULL)
    return FALSE;

  with_port = g_strdup_printf ("%s:%d", host, g_uri_get_port (uri));

  for (guint i = 0; self->allowed_hosts[i] != NULL; i++)
    {
      const char *allowed = self->allowed_hosts[i];

      if (g_ascii_strcasecmp (allowed, host) == 0 ||
          g_ascii_strcasecmp (allowed, with_port) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (object);
  g_autoptr(GTask) task = user_data;
  InvokeData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessage *message;
  gsize size = 0;
  const char *text;

  body = soup_session_send_and_read_finish (session, result, &error);
  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, STEWARD_CAPABILITY_ERROR,
                                 STEWARD_CAPABILITY_ERROR_FAILED,
                                 _("%s failed: %s"),
                                 data->description, error->message);
      return;
    }

  message = soup_session_get_async_result_message (session, result);
  data->status_code = soup_message_get_status (message);
  text = g_bytes_get_data (body, &size);
  data->response = g_utf8_make_valid (text ? text : "",
                                      MIN (size, MAX_RESPONSE_LENGTH));

  if (!SOUP_STATUS_IS_SUCCESSFUL (data->status_code))
    {
      g_task_return_new_error (task, STEWARD_CAPABILITY_ERROR,
                               STEWARD_CAPABILITY_ERROR_FAILED,
                               _("%s answered %d %s"),
                               data->description, data->status_code,
                               soup_message_get_reason_phrase (message));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
steward_http_capability_invoke_async (StewardCapability   *capability,
                                      JsonObject          *request,
                                      const char          *idempotency_key,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  StewardHttpCapability *self = STEWARD_HTTP_CAPABILITY (capability);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GTask) task = NULL;
  SoupMessageHeaders *headers;
  const char *method;
  const char *url;
  InvokeData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, steward_http_capability_invoke_async);

  method = json_object_get_string_member_with_default (request, "method",
                                                       "POST");
  url = json_object_get_string_member_with_default (request, "url", NULL);

  data = g_new0 (InvokeData, 1);
  data->description = g_strdup_printf ("%s %s", method, url ? url : "?");
  g_task_set_task_data (task, data, (GDestroyNotify) invoke_data_free);

  if (url == NULL ||
      (uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error)) == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    {
      g_task_return_new_error (task, STEWARD_CAPABILITY_ERROR,
                               STEWARD_CAPABILITY_ERROR_INVALID,
                               _("“%s” is not an HTTP address"),
                               url ? url : "");
      return;
    }

  /* The guardrail is checked here, at the moment of sending, whatever
   * the plan said. */
  if (!host_is_allowed (self, uri))
    {
      g_task_return_new_error (task, STEWARD_CAPABILITY_ERROR,
                               STEWARD_CAPABILITY_ERROR_NOT_ALLOWED,
                               _("%s refused: host “%s” is not among the "
                                 "hosts this job may call"),
                               data->description, g_uri_get_host (uri));
      return;
    }

  message = soup_message_new_from_uri (method, uri);
  /* A redirect could lead to a host the job may not call: it is a
   * failure, not something to follow. */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Idempotency-Key", idempotency_key);
  soup_message_headers_replace (headers, "Accept", "application/json");
  /* Said even without a body: some systems make an empty record of a
   * request whose type they cannot tell. */
  soup_message_headers_replace (headers, "Content-Type", "application/json");

  if (json_object_has_member (request, "body"))
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      char *text;
      gsize length;

      json_generator_set_root (generator,
                               json_object_get_member (request, "body"));
      text = json_generator_to_data (generator, &length);
      payload = g_bytes_new_take (text, length);
      soup_message_set_request_body_from_bytes (message, "application/json",
                                                payload);
    }

  soup_session_send_and_read_async (self->session, message,
                                    G_PRIORITY_DEFAULT, cancellable,
                                    send_cb, g_steal_pointer (&task));
}

static gboolean
steward_http_capability_invoke_finish (StewardCapability  *capability,
                                       GAsyncResult       *result,
                                       int                *status_code,
                                       char              **response,
                                       GError            **error)
{
  InvokeData *data;

  g_return_val_if_fail (g_task_is_valid (result, capability), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (status_code != NULL)
    *status_code = data->status_code;
  if (response != NULL)
    *response = g_strdup (data->response);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static const char *
steward_http_capability_get_name (StewardCapability *capability)
{
  return "http";
}

static void
capability_iface_init (StewardCapabilityInterface *iface)
{
  iface->get_name = steward_http_capability_get_name;
  iface->invoke_async = steward_http_capability_invoke_async;
  iface->invoke_finish = steward_http_capability_invoke_finish;
}

static void
steward_http_capability_dispose (GObject *object)
{
  StewardHttpCapability *self = STEWARD_HTTP_CAPABILITY (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (steward_http_capability_parent_class)->dispose (object);
}

static void
steward_http_capability_finalize (GObject *object)
{
  StewardHttpCapability *self = STEWARD_HTTP_CAPABILITY (object);

  g_strfreev (self->allowed_hosts);

  G_OBJECT_CLASS (steward_http_capability_parent_class)->finalize (object);
}

static void
steward_http_capability_class_init (StewardHttpCapabilityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = steward_http_capability_dispose;
  object_class->finalize = steward_http_capability_finalize;
}

static void
steward_http_capability_init (StewardHttpCapability *self)
{
}

StewardCapability *
steward_http_capability_new (SoupSession        *session,
                             const char * const *allowed_hosts)
{
  StewardHttpCapability *self;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);

  self = g_object_new (STEWARD_TYPE_HTTP_CAPABILITY, NULL);
  self->session = g_object_ref (session);
  self->allowed_hosts = g_strdupv ((char **) allowed_hosts);

  return STEWARD_CAPABILITY (self);
}
