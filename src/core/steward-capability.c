/* steward-capability.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-capability"

#include "config.h"

#include "steward-capability.h"

G_DEFINE_QUARK (steward-capability-error-quark, steward_capability_error)

G_DEFINE_INTERFACE (StewardCapability, steward_capability, G_TYPE_OBJECT)

static void
steward_capability_default_init (StewardCapabilityInterface *iface)
{
}

const char *
steward_capability_get_name (StewardCapability *self)
{
  g_return_val_if_fail (STEWARD_IS_CAPABILITY (self), NULL);

  return STEWARD_CAPABILITY_GET_IFACE (self)->get_name (self);
}

void
steward_capability_invoke_async (StewardCapability   *self,
                                 JsonObject          *request,
                                 const char          *idempotency_key,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (STEWARD_IS_CAPABILITY (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (idempotency_key != NULL);

  STEWARD_CAPABILITY_GET_IFACE (self)->invoke_async (self, request,
                                                    idempotency_key,
                                                    cancellable,
                                                    callback, user_data);
}

gboolean
steward_capability_invoke_finish (StewardCapability  *self,
                                  GAsyncResult       *result,
                                  int                *status_code,
                                  char              **response,
                                  GError            **error)
{
  g_return_val_if_fail (STEWARD_IS_CAPABILITY (self), FALSE);

  return STEWARD_CAPABILITY_GET_IFACE (self)->invoke_finish (self, result,
                                                            status_code,
                                                            response, error);
}
