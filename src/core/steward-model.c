/* steward-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-model"

#include "config.h"

#include "steward-model-private.h"

/* A NULL string goes out as null, so that every object of a type has
 * the same members whether a field is set or not. */
void
steward_model_add_string (JsonBuilder *builder,
                          const char  *name,
                          const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* A time goes out twice: readable (ISO 8601 in UTC) and exact (Unix
 * microseconds, as "<name>_us"). */
static void
add_time_pair (JsonBuilder *builder,
               const char  *name,
               gint64       us,
               gboolean     zero_is_never)
{
  g_autofree char *us_name = g_strconcat (name, "_us", NULL);
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *text = NULL;

  if (us != 0 || !zero_is_never)
    dt = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  if (dt != NULL)
    text = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
  steward_model_add_string (builder, name, text);

  json_builder_set_member_name (builder, us_name);
  if (us != 0 || !zero_is_never)
    json_builder_add_int_value (builder, us);
  else
    json_builder_add_null_value (builder);
}

/* Zero means "never" and gives nulls. */
void
steward_model_add_time (JsonBuilder *builder,
                        const char  *name,
                        gint64       us)
{
  add_time_pair (builder, name, us, TRUE);
}

/* For times that always exist, such as an audit entry's: zero is the
 * epoch, and the exact value goes out as is because the hash covers it. */
void
steward_model_add_instant (JsonBuilder *builder,
                           const char  *name,
                           gint64       us)
{
  add_time_pair (builder, name, us, FALSE);
}

/* Stored JSON texts go out as JSON values. A text that does not parse
 * (the store never writes one) goes out as a string rather than being
 * dropped: an audit export in particular must never lose anything. */
void
steward_model_add_json_text (JsonBuilder *builder,
                             const char  *name,
                             const char  *text)
{
  g_autoptr(JsonNode) node = NULL;

  json_builder_set_member_name (builder, name);
  if (text == NULL || *text == '\0')
    {
      json_builder_add_null_value (builder);
      return;
    }

  node = json_from_string (text, NULL);
  if (node != NULL)
    json_builder_add_value (builder, g_steal_pointer (&node));
  else
    json_builder_add_string_value (builder, text);
}

/* Replaces *@field with a copy of @value; TRUE when that changed it, so
 * that callers notify only on a real change (GLib 2.74 has no
 * g_set_str). */
gboolean
steward_model_set_string (char       **field,
                          const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}
