/* steward-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "steward-format.h"

/* A time as people say it: "Just now", "5 minutes ago", "Today at
 * 09:12", or the locale's date and time for anything older. Times are
 * Unix microseconds; 0 means never. */
char *
steward_format_time (gint64 unix_us)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) then = NULL;
  GTimeSpan ago;

  if (unix_us <= 0)
    return g_strdup (_("Never"));

  now = g_date_time_new_now_local ();
  then = g_date_time_new_from_unix_local (unix_us / G_USEC_PER_SEC);
  if (then == NULL)
    return g_strdup (_("Unknown time"));

  ago = g_date_time_difference (now, then);
  if (ago >= 0 && ago < G_TIME_SPAN_MINUTE)
    return g_strdup (_("Just now"));

  if (ago >= 0 && ago < G_TIME_SPAN_HOUR)
    {
      int minutes = ago / G_TIME_SPAN_MINUTE;

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%d minute ago",
                                           "%d minutes ago",
                                           minutes),
                              minutes);
    }

  if (g_date_time_get_year (now) == g_date_time_get_year (then)
      && g_date_time_get_day_of_year (now) == g_date_time_get_day_of_year (then))
    {
      g_autofree char *clock = g_date_time_format (then, "%X");

      /* Translators: %s is a time of day */
      return g_strdup_printf (_("Today at %s"), clock);
    }

  return g_date_time_format (then, "%-d %b %Y %H:%M:%S");
}

/* The locale's date and time, to the second, for records such as runs
 * and audit entries where the exact moment matters. */
char *
steward_format_timestamp (gint64 unix_us)
{
  g_autoptr(GDateTime) then = NULL;

  if (unix_us <= 0)
    return g_strdup (_("Never"));

  then = g_date_time_new_from_unix_local (unix_us / G_USEC_PER_SEC);
  if (then == NULL)
    return g_strdup (_("Unknown time"));

  return g_date_time_format (then, "%-d %b %Y %H:%M:%S");
}

/* @json_text indented for reading; the text as it was when it is not
 * JSON, so that nothing is hidden from the user. */
char *
steward_format_json (const char *json_text)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonGenerator) generator = NULL;

  if (json_text == NULL)
    return g_strdup ("");

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json_text, -1, NULL)
      || json_parser_get_root (parser) == NULL)
    return g_strdup (json_text);

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, json_parser_get_root (parser));

  return json_generator_to_data (generator, NULL);
}
