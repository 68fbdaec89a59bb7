/* steward-explanation.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A decision's explanation is a JSON object:
 *   situation: { id, key, title }
 *   inputs:    { name: value, ... }       every value read
 *   rules:     [ { name, expression, reads: {...}, result } ... ]
 *   derived:   { name: value, ... }
 *   autonomy:  "bounded"
 *   limits:    [ { name, limit, used, ok } ... ]
 *   outcome:   "act" | "ask" | "observe" | "escalate"
 *   reason:    one sentence
 *   alternative: one sentence, or absent
 * This renders it in plain words, one fact per line. */
char *steward_explanation_to_text (JsonObject *explanation);

G_END_DECLS
