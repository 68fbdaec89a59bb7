/* steward-source.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define STEWARD_SOURCE_ERROR (steward_source_error_quark())

typedef enum
{
  STEWARD_SOURCE_ERROR_UNREACHABLE,  /* could not connect */
  STEWARD_SOURCE_ERROR_STATUS,       /* answered with a failure status */
  STEWARD_SOURCE_ERROR_NOT_JSON,     /* answer is not JSON */
  STEWARD_SOURCE_ERROR_NO_ITEMS,     /* the selection found nothing */
  STEWARD_SOURCE_ERROR_NO_KEY,       /* an item lacks its key */
} StewardSourceError;

/* One raw observation: the item and the key that identifies it. */
typedef struct
{
  char     *key;
  JsonNode *item;
} StewardSignal;

void steward_signal_free (StewardSignal *signal);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StewardSignal, steward_signal_free)

#define STEWARD_TYPE_SOURCE (steward_source_get_type ())

G_DECLARE_INTERFACE (StewardSource, steward_source, STEWARD, SOURCE, GObject)

/* Where signals come from. A source delivers the current batch of
 * signals; it never blocks the main loop. */
struct _StewardSourceInterface
{
  GTypeInterface parent_iface;

  /* A short description for steps and errors ("GET http://…/products") */
  char      *(*dup_description) (StewardSource        *self);
  void       (*fetch_async)     (StewardSource        *self,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
  GPtrArray *(*fetch_finish)    (StewardSource        *self,
                                 GAsyncResult         *result,
                                 GError              **error);
};

GQuark     steward_source_error_quark    (void);
char      *steward_source_dup_description (StewardSource        *self);
void       steward_source_fetch_async    (StewardSource        *self,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
/* Element type StewardSignal. */
GPtrArray *steward_source_fetch_finish   (StewardSource        *self,
                                          GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
