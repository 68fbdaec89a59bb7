/* steward-http-capability.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "steward-capability.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_HTTP_CAPABILITY (steward_http_capability_get_type())

G_DECLARE_FINAL_TYPE (StewardHttpCapability, steward_http_capability,
                      STEWARD, HTTP_CAPABILITY, GObject)

/* Sends { "method", "url", "body" } requests with a JSON body (always
 * "Content-Type: application/json") and an "Idempotency-Key" header, to
 * the @allowed_hosts only ("host" or "host:port"). */
StewardCapability *steward_http_capability_new (SoupSession        *session,
                                                const char * const *allowed_hosts);

G_END_DECLS
