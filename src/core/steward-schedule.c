/* steward-schedule.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-schedule"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "steward-schedule.h"

/* Enough for years of an hourly rule; a rule that needs more to pass
 * @after is one no job should have. */
#define MAX_STEPS 100000

/* Jumping ahead starts this far before @after: local time repeats for at
 * most two hours when clocks go back, and no occurrence in that hour
 * may be skipped. */
#define JUMP_MARGIN_SECONDS (3 * 3600)

static gboolean
parse_rule (const char                 *rrule,
            struct icalrecurrencetype  *rule,
            GError                    **error)
{
  if (rrule[0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("the recurrence rule is empty"));
      return FALSE;
    }

  if (g_str_has_prefix (rrule, "RRULE:"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("\"%s\" is not a valid recurrence rule: leave out \"RRULE:\""),
                   rrule);
      return FALSE;
    }

  icalerror_clear_errno ();
  *rule = icalrecurrencetype_from_string (rrule);

  if (icalerrno != ICAL_NO_ERROR)
    {
      icalerror_clear_errno ();
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("\"%s\" is not a valid recurrence rule "
                     "(for example FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0)"),
                   rrule);
      return FALSE;
    }

  if (rule->freq == ICAL_NO_RECURRENCE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("\"%s\" has no FREQ (for example FREQ=DAILY)"), rrule);
      return FALSE;
    }

  return TRUE;
}

static icaltimezone *
lookup_zone (const char  *tz,
             GError     **error)
{
  icaltimezone *zone = NULL;

  /* Zone names become file names under the system's zoneinfo: nothing
   * that could walk out of it. */
  if (tz[0] != '\0' && tz[0] != '/' && strstr (tz, "..") == NULL)
    zone = icaltimezone_get_builtin_timezone (tz);

  if (zone == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 _("\"%s\" is not a known time zone (for example Europe/Berlin)"),
                 tz);

  return zone;
}

/* The wall-clock time in @zone at Unix time @seconds. */
static struct icaltimetype
local_time (gint64        seconds,
            icaltimezone *zone)
{
  icaltimezone *utc = icaltimezone_get_utc_timezone ();
  struct icaltimetype time;

  time = icaltime_from_timet_with_zone ((time_t) seconds, FALSE, utc);
  icaltimezone_convert_time (&time, utc, zone);
  time.zone = zone;

  return time;
}

gboolean
steward_schedule_check (const char  *rrule,
                        const char  *tz,
                        GError     **error)
{
  struct icalrecurrencetype rule;

  g_return_val_if_fail (rrule != NULL, FALSE);
  g_return_val_if_fail (tz != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!parse_rule (rrule, &rule, error))
    return FALSE;

  return lookup_zone (tz, error) != NULL;
}

gint64
steward_schedule_next (const char  *rrule,
                       const char  *tz,
                       gint64       anchor,
                       gint64       after,
                       GError     **error)
{
  struct icalrecurrencetype rule;
  struct icaltimetype start;
  icalrecur_iterator *iterator;
  icaltimezone *zone;
  gint64 anchor_seconds;
  gint64 after_seconds;

  g_return_val_if_fail (rrule != NULL, 0);
  g_return_val_if_fail (tz != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!parse_rule (rrule, &rule, error) || (zone = lookup_zone (tz, error)) == NULL)
    return 0;

  /* Whole seconds, rounded down also before 1970. */
  anchor_seconds = anchor / G_USEC_PER_SEC - (anchor % G_USEC_PER_SEC < 0);
  after_seconds = after / G_USEC_PER_SEC - (after % G_USEC_PER_SEC < 0);

  /* The rule's BYHOUR and BYMINUTE give the time of day; what they leave
   * open comes from the anchor, to the minute. */
  start = local_time (anchor_seconds, zone);
  start.second = 0;

  if ((iterator = icalrecur_iterator_new (rule, start)) == NULL)
    {
      icalerror_clear_errno ();
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("\"%s\" cannot be expanded into dates"), rrule);
      return 0;
    }

  /* Without COUNT, occurrences do not depend on how many came before:
   * skip to @after instead of walking there from the anchor (a rule
   * every minute, for a job a year old). */
  if (rule.count == 0 && after_seconds - JUMP_MARGIN_SECONDS > anchor_seconds)
    {
      struct icaltimetype jump;

      jump = local_time (after_seconds - JUMP_MARGIN_SECONDS, zone);
      if (!icalrecur_iterator_set_start (iterator, jump))
        icalerror_clear_errno ();
    }

  for (guint step = 0; step < MAX_STEPS; step++)
    {
      struct icaltimetype occurrence = icalrecur_iterator_next (iterator);
      gint64 when;

      if (icaltime_is_null_time (occurrence))
        break;

      /* Local wall-clock time to UTC with the offset in force on that
       * day: 09:00 in Berlin is 08:00Z in winter and 07:00Z in summer. */
      when = icaltime_as_timet_with_zone (occurrence, zone);
      when *= G_USEC_PER_SEC;
      if (when > after)
        {
          icalrecur_iterator_free (iterator);
          return when;
        }

      if (step + 1 == MAX_STEPS)
        {
          icalrecur_iterator_free (iterator);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("\"%s\" has more than %d occurrences before the time "
                         "asked for; it fires too often"),
                       rrule, MAX_STEPS);
          return 0;
        }
    }

  icalrecur_iterator_free (iterator);

  return 0;
}
