/* steward-capability.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define STEWARD_CAPABILITY_ERROR (steward_capability_error_quark())

typedef enum
{
  STEWARD_CAPABILITY_ERROR_NOT_ALLOWED,  /* a guardrail refused it */
  STEWARD_CAPABILITY_ERROR_INVALID,      /* the request is malformed */
  STEWARD_CAPABILITY_ERROR_FAILED,       /* the call itself failed */
} StewardCapabilityError;

#define STEWARD_TYPE_CAPABILITY (steward_capability_get_type ())

G_DECLARE_INTERFACE (StewardCapability, steward_capability, STEWARD, CAPABILITY, GObject)

/* Something a job may use. Guardrails that belong to the capability
 * (allowed hosts, allowed programs) are enforced here, where the call is
 * made, whatever was planned before. */
struct _StewardCapabilityInterface
{
  GTypeInterface parent_iface;

  const char *(*get_name)      (StewardCapability    *self);
  void        (*invoke_async)  (StewardCapability    *self,
                                JsonObject           *request,
                                const char           *idempotency_key,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data);
  gboolean    (*invoke_finish) (StewardCapability    *self,
                                GAsyncResult         *result,
                                int                  *status_code,
                                char                **response,
                                GError              **error);
};

GQuark      steward_capability_error_quark (void);
const char *steward_capability_get_name     (StewardCapability    *self);
void        steward_capability_invoke_async (StewardCapability    *self,
                                             JsonObject           *request,
                                             const char           *idempotency_key,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean    steward_capability_invoke_finish (StewardCapability   *self,
                                             GAsyncResult         *result,
                                             int                  *status_code,
                                             char                **response,
                                             GError              **error);

G_END_DECLS
