/* test-schedule.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-schedule"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "steward-schedule.h"

#define WEEKDAYS_AT_NINE "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0"
#define BERLIN           "Europe/Berlin"

static gint64
utc (int year,
     int month,
     int day,
     int hour,
     int minute)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

static char *
format_utc (gint64 usec)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_date_time_format (time, "%a %F %H:%MZ");
}

/* Compares as text so that a failure shows both times readably. */
static void
assert_next (const char *rrule,
             gint64      anchor,
             gint64      after,
             gint64      expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_text = format_utc (expected);
  g_autofree char *next_text = NULL;
  gint64 next;

  next = steward_schedule_next (rrule, BERLIN, anchor, after, &error);
  g_assert_no_error (error);

  next_text = format_utc (next);
  g_assert_cmpstr (next_text, ==, expected_text);
  g_assert_cmpint (next, ==, expected);
}

static void
test_friday_evening (void)
{
  /* Friday 5 January 2024, 19:00 in Berlin (18:00Z). */
  gint64 friday_evening = utc (2024, 1, 5, 18, 0);
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier (BERLIN);
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GError) error = NULL;
  gint64 next;

  next = steward_schedule_next (WEEKDAYS_AT_NINE, BERLIN, friday_evening,
                                friday_evening, &error);
  g_assert_no_error (error);

  /* Judged by GLib's own reading of the zone, not by libical's. */
  g_assert_nonnull (berlin);
  when = g_date_time_new_from_unix_utc (next / G_USEC_PER_SEC);
  local = g_date_time_to_timezone (when, berlin);
  g_assert_cmpint (g_date_time_get_day_of_week (local), ==, 1);
  g_assert_cmpint (g_date_time_get_day_of_month (local), ==, 8);
  g_assert_cmpint (g_date_time_get_hour (local), ==, 9);
  g_assert_cmpint (g_date_time_get_minute (local), ==, 0);
  g_assert_cmpint (g_date_time_get_second (local), ==, 0);

  /* Monday 8 January, 09:00 in winter is 08:00Z. */
  assert_next (WEEKDAYS_AT_NINE, friday_evening, friday_evening, utc (2024, 1, 8, 8, 0));
}

static void
test_strictly_after (void)
{
  gint64 anchor = utc (2024, 1, 1, 12, 0);
  gint64 tuesday_nine = utc (2024, 1, 9, 8, 0);

  /* An occurrence exactly at @after is not "after" it. */
  assert_next (WEEKDAYS_AT_NINE, anchor, tuesday_nine, utc (2024, 1, 10, 8, 0));
  assert_next (WEEKDAYS_AT_NINE, anchor, tuesday_nine - 1, tuesday_nine);
}

static void
test_spring_forward (void)
{
  /* Clocks go forward on the last Sunday of March (31 March 2024). */
  gint64 anchor = utc (2024, 3, 1, 12, 0);

  assert_next (WEEKDAYS_AT_NINE, anchor, utc (2024, 3, 28, 12, 0), utc (2024, 3, 29, 8, 0));
  assert_next (WEEKDAYS_AT_NINE, anchor, utc (2024, 3, 29, 12, 0), utc (2024, 4, 1, 7, 0));
}

static void
test_fall_back (void)
{
  /* Clocks go back on the last Sunday of October (27 October 2024). */
  gint64 anchor = utc (2024, 9, 1, 12, 0);

  assert_next (WEEKDAYS_AT_NINE, anchor, utc (2024, 10, 24, 12, 0), utc (2024, 10, 25, 7, 0));
  assert_next (WEEKDAYS_AT_NINE, anchor, utc (2024, 10, 25, 12, 0), utc (2024, 10, 28, 8, 0));
}

static void
test_old_anchor (void)
{
  /* A job created years ago still fires on the right day and hour. */
  assert_next (WEEKDAYS_AT_NINE, utc (2019, 6, 3, 10, 0),
               utc (2024, 10, 25, 12, 0), utc (2024, 10, 28, 8, 0));
}

static void
test_interval_keeps_its_phase (void)
{
  /* Every other Monday, counted from the anchor's week. Walking from the
   * anchor (COUNT forbids any short cut) and asking straight for a late
   * date must agree. */
  const char *every_other = "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=9;BYMINUTE=0";
  const char *counted = "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=9;BYMINUTE=0;COUNT=5000";
  gint64 anchor = utc (2023, 1, 4, 12, 0);

  for (int month = 1; month <= 12; month++)
    {
      g_autoptr(GError) error = NULL;
      gint64 after = utc (2024, month, 10, 12, 0);
      gint64 walked = steward_schedule_next (counted, BERLIN, anchor, after, &error);
      gint64 jumped;

      g_assert_no_error (error);
      jumped = steward_schedule_next (every_other, BERLIN, anchor, after, &error);
      g_assert_no_error (error);

      g_assert_cmpint (walked, >, after);
      g_assert_cmpint (jumped, ==, walked);
    }
}

static void
test_time_of_day_from_anchor (void)
{
  /* Without BYHOUR/BYMINUTE the anchor gives the time of day, to the
   * minute: created at 14:37:42 in Berlin, it runs at 14:37:00. */
  gint64 anchor = utc (2024, 1, 10, 13, 37) + 42 * G_USEC_PER_SEC;

  assert_next ("FREQ=DAILY", anchor, anchor, utc (2024, 1, 11, 13, 37));
}

static void
test_finished_rule (void)
{
  g_autoptr(GError) error = NULL;
  gint64 anchor = utc (2024, 1, 1, 12, 0);
  gint64 next;

  next = steward_schedule_next ("FREQ=DAILY;COUNT=2", BERLIN, anchor,
                                utc (2024, 6, 1, 0, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpint (next, ==, 0);
}

static void
test_bad_rule (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (steward_schedule_check ("FREQ=FORTNIGHTLY", BERLIN, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "\"FREQ=FORTNIGHTLY\" is not a valid recurrence rule"));
  g_clear_error (&error);

  g_assert_false (steward_schedule_check ("BYDAY=MO", BERLIN, &error));
  g_assert_nonnull (strstr (error->message, "no FREQ"));
  g_clear_error (&error);

  g_assert_false (steward_schedule_check ("", BERLIN, &error));
  g_assert_nonnull (strstr (error->message, "empty"));
  g_clear_error (&error);

  g_assert_cmpint (steward_schedule_next ("FREQ=DAILY;BYHOUR=25", BERLIN, 0,
                                          utc (2024, 1, 1, 0, 0), &error), ==, 0);
  g_assert_nonnull (strstr (error->message, "BYHOUR=25"));
}

static void
test_bad_zone (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (steward_schedule_check (WEEKDAYS_AT_NINE, "UTC", &error));
  g_assert_no_error (error);

  g_assert_false (steward_schedule_check (WEEKDAYS_AT_NINE, "Europe/Berlln", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==,
                   "\"Europe/Berlln\" is not a known time zone (for example Europe/Berlin)");
  g_clear_error (&error);

  g_assert_false (steward_schedule_check (WEEKDAYS_AT_NINE, "../../etc/passwd", &error));
  g_assert_nonnull (strstr (error->message, "time zone"));
  g_clear_error (&error);

  g_assert_cmpint (steward_schedule_next (WEEKDAYS_AT_NINE, "", 0,
                                          utc (2024, 1, 1, 0, 0), &error), ==, 0);
  g_assert_nonnull (strstr (error->message, "time zone"));
}

static void
test_secondly_terminates (void)
{
  g_autoptr(GError) error = NULL;
  gint64 anchor = utc (2020, 1, 1, 0, 0);
  gint64 after = utc (2024, 7, 1, 12, 0);
  gint64 started = g_get_monotonic_time ();
  gint64 next;

  /* Skips ahead: the next second after @after. */
  next = steward_schedule_next ("FREQ=SECONDLY", BERLIN, anchor, after, &error);
  g_assert_no_error (error);
  g_assert_cmpint (next, ==, after + G_USEC_PER_SEC);

  /* With COUNT it cannot skip ahead, and gives up instead of walking
   * through four years of seconds. */
  next = steward_schedule_next ("FREQ=SECONDLY;COUNT=1000000000", BERLIN,
                                anchor, after, &error);
  g_assert_cmpint (next, ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "too often"));

  g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schedule/next/friday-evening", test_friday_evening);
  g_test_add_func ("/schedule/next/strictly-after", test_strictly_after);
  g_test_add_func ("/schedule/next/spring-forward", test_spring_forward);
  g_test_add_func ("/schedule/next/fall-back", test_fall_back);
  g_test_add_func ("/schedule/next/old-anchor", test_old_anchor);
  g_test_add_func ("/schedule/next/interval-phase", test_interval_keeps_its_phase);
  g_test_add_func ("/schedule/next/time-of-day-from-anchor", test_time_of_day_from_anchor);
  g_test_add_func ("/schedule/next/finished-rule", test_finished_rule);
  g_test_add_func ("/schedule/check/bad-rule", test_bad_rule);
  g_test_add_func ("/schedule/check/bad-zone", test_bad_zone);
  g_test_add_func ("/schedule/next/secondly-terminates", test_secondly_terminates);

  return g_test_run ();
}
