/* test-clock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-clock"

#include "config.h"

#include "steward-clock.h"

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_clock_system (void)
{
  g_autoptr(StewardClock) clock = steward_clock_new_system ();
  g_autoptr(GDateTime) now = NULL;
  gint64 before, reading, after;

  g_assert_false (steward_clock_is_manual (clock));

  before = g_get_real_time ();
  reading = steward_clock_get_now_us (clock);
  after = g_get_real_time ();
  g_assert_cmpint (reading, >=, before);
  g_assert_cmpint (reading, <=, after);

  /* The GDateTime is the same instant, in UTC. */
  now = steward_clock_dup_now (clock);
  g_assert_nonnull (now);
  g_assert_cmpint (g_date_time_get_utc_offset (now), ==, 0);
  g_assert_cmpint (g_date_time_to_unix (now), >=, before / G_USEC_PER_SEC);
  g_assert_cmpint (g_date_time_to_unix (now), <=, g_get_real_time () / G_USEC_PER_SEC);
}

static void
test_clock_manual (void)
{
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 12, 3, 9, 0, 0.25);
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(StewardClock) clock = steward_clock_new_manual (start);
  g_autofree char *text = NULL;
  gint64 start_us;
  guint notified = 0;

  g_assert_true (steward_clock_is_manual (clock));
  g_signal_connect (clock, "notify::now-us", G_CALLBACK (count_notify), &notified);

  /* It keeps the microseconds of the time it was given. */
  start_us = steward_clock_get_now_us (clock);
  g_assert_cmpint (start_us, ==, G_GINT64_CONSTANT (1796288400) * G_USEC_PER_SEC + 250000);

  /* It stands still until moved. */
  g_usleep (2000);
  g_assert_cmpint (steward_clock_get_now_us (clock), ==, start_us);

  steward_clock_advance (clock, 90 * G_TIME_SPAN_MINUTE);
  g_assert_cmpint (steward_clock_get_now_us (clock), ==, start_us + 90 * G_TIME_SPAN_MINUTE);
  g_assert_cmpuint (notified, ==, 1);

  now = steward_clock_dup_now (clock);
  text = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%f");
  g_assert_cmpstr (text, ==, "2026-12-03T10:30:00.250000");

  /* Setting the same time again is no change; another one is. */
  later = g_date_time_add_days (start, 30);
  steward_clock_set_now (clock, later);
  g_assert_cmpint (steward_clock_get_now_us (clock), ==, start_us + 30 * G_TIME_SPAN_DAY);
  g_assert_cmpuint (notified, ==, 2);
  steward_clock_set_now (clock, later);
  g_assert_cmpuint (notified, ==, 2);

  /* Time can also be moved back, as a corrected system clock is. */
  steward_clock_advance (clock, -G_TIME_SPAN_HOUR);
  g_assert_cmpint (steward_clock_get_now_us (clock), ==,
                   start_us + 30 * G_TIME_SPAN_DAY - G_TIME_SPAN_HOUR);
  g_assert_cmpuint (notified, ==, 3);
}

static void
test_clock_manual_default (void)
{
  gint64 before = g_get_real_time ();
  g_autoptr(StewardClock) clock = steward_clock_new_manual (NULL);
  gint64 start = steward_clock_get_now_us (clock);
  gboolean manual = FALSE;

  g_assert_cmpint (start, >=, before);
  g_assert_cmpint (start, <=, g_get_real_time ());

  g_object_get (clock, "manual", &manual, NULL);
  g_assert_true (manual);
}

static void
test_clock_before_epoch (void)
{
  g_autoptr(GDateTime) start = g_date_time_new_utc (1969, 12, 31, 23, 59, 59.5);
  g_autoptr(StewardClock) clock = steward_clock_new_manual (start);
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (steward_clock_get_now_us (clock), ==, -500000);

  now = steward_clock_dup_now (clock);
  text = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%f");
  g_assert_cmpstr (text, ==, "1969-12-31T23:59:59.500000");
}

static void
test_clock_system_cannot_be_moved (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(StewardClock) clock = steward_clock_new_system ();

      steward_clock_advance (clock, G_TIME_SPAN_HOUR);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*self->manual*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clock/system", test_clock_system);
  g_test_add_func ("/clock/manual", test_clock_manual);
  g_test_add_func ("/clock/manual-default", test_clock_manual_default);
  g_test_add_func ("/clock/before-epoch", test_clock_before_epoch);
  g_test_add_func ("/clock/system-cannot-be-moved", test_clock_system_cannot_be_moved);

  return g_test_run ();
}
