/* steward-http-poll-source.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "steward-source.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_HTTP_POLL_SOURCE (steward_http_poll_source_get_type())

G_DECLARE_FINAL_TYPE (StewardHttpPollSource, steward_http_poll_source,
                      STEWARD, HTTP_POLL_SOURCE, GObject)

/* GETs @url, selects the items with the JSONPath @items_path and keys
 * each by its member @key_field. */
StewardSource *steward_http_poll_source_new (SoupSession *session,
                                             const char  *url,
                                             const char  *items_path,
                                             const char  *key_field);

G_END_DECLS
