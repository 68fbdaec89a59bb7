/* steward-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-source"

#include "config.h"

#include "steward-source.h"

G_DEFINE_QUARK (steward-source-error-quark, steward_source_error)

G_DEFINE_INTERFACE (StewardSource, steward_source, G_TYPE_OBJECT)

static void
steward_source_default_init (StewardSourceInterface *iface)
{
}

void
steward_signal_free (StewardSignal *signal)
{
  if (signal == NULL)
    return;

  g_free (signal->key);
  g_clear_pointer (&signal->item, json_node_unref);
  g_free (signal);
}

char *
steward_source_dup_description (StewardSource *self)
{
  g_return_val_if_fail (STEWARD_IS_SOURCE (self), NULL);

  return STEWARD_SOURCE_GET_IFACE (self)->dup_description (self);
}

void
steward_source_fetch_async (StewardSource       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (STEWARD_IS_SOURCE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  STEWARD_SOURCE_GET_IFACE (self)->fetch_async (self, cancellable,
                                                callback, user_data);
}

GPtrArray *
steward_source_fetch_finish (StewardSource  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (STEWARD_IS_SOURCE (self), NULL);

  return STEWARD_SOURCE_GET_IFACE (self)->fetch_finish (self, result, error);
}
