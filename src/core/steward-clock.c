/* steward-clock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-clock"

#include "config.h"

#include "steward-clock.h"

/* Everything that needs the time asks a clock, never the system
 * directly, so that tests can hold time still and move it by hand
 * (across a DST change, past a reminder delay) without sleeping.
 *
 * Properties:
 *  "manual" (boolean): whether the clock is moved by hand;
 *  "now-us" (gint64): the current time in Unix microseconds, notified
 *    whenever a manual clock is set or advanced, so that an engine can
 *    re-arm its timer; a system clock never notifies it. */
struct _StewardClock
{
  GObject   parent_instance;

  gboolean  manual;
  gint64    now_us;   /* manual clocks only */
};

G_DEFINE_FINAL_TYPE (StewardClock, steward_clock, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MANUAL,
  PROP_NOW_US,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint64
datetime_to_us (GDateTime *dt)
{
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC
         + g_date_time_get_microsecond (dt);
}

static GDateTime *
datetime_from_us (gint64 us)
{
  g_autoptr(GDateTime) whole = NULL;
  gint64 seconds = us / G_USEC_PER_SEC;
  gint64 rest = us % G_USEC_PER_SEC;

  /* Division truncates towards zero; times before 1970 need the floor. */
  if (rest < 0)
    {
      seconds -= 1;
      rest += G_USEC_PER_SEC;
    }

  whole = g_date_time_new_from_unix_utc (seconds);
  if (whole == NULL)
    return NULL;

  return g_date_time_add (whole, rest);
}

static void
steward_clock_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  StewardClock *self = STEWARD_CLOCK (object);

  switch (prop_id)
    {
    case PROP_MANUAL:
      g_value_set_boolean (value, self->manual);
      break;

    case PROP_NOW_US:
      g_value_set_int64 (value, steward_clock_get_now_us (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_clock_class_init (StewardClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = steward_clock_get_property;

  properties[PROP_MANUAL] =
    g_param_spec_boolean ("manual", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_NOW_US] =
    g_param_spec_int64 ("now-us", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
steward_clock_init (StewardClock *self)
{
}

/**
 * steward_clock_new_system:
 *
 * Returns: (transfer full): a clock that reads the real time
 */
StewardClock *
steward_clock_new_system (void)
{
  return g_object_new (STEWARD_TYPE_CLOCK, NULL);
}

/**
 * steward_clock_new_manual:
 * @now: (nullable): where the clock starts; %NULL for the real time
 *
 * Returns: (transfer full): a clock that only moves when told to
 */
StewardClock *
steward_clock_new_manual (GDateTime *now)
{
  StewardClock *self = g_object_new (STEWARD_TYPE_CLOCK, NULL);

  self->manual = TRUE;
  self->now_us = now ? datetime_to_us (now) : g_get_real_time ();

  return self;
}

/**
 * steward_clock_dup_now:
 *
 * Returns: (transfer full): the current time, in UTC
 */
GDateTime *
steward_clock_dup_now (StewardClock *self)
{
  g_return_val_if_fail (STEWARD_IS_CLOCK (self), NULL);

  return datetime_from_us (steward_clock_get_now_us (self));
}

gint64
steward_clock_get_now_us (StewardClock *self)
{
  g_return_val_if_fail (STEWARD_IS_CLOCK (self), 0);

  return self->manual ? self->now_us : g_get_real_time ();
}

gboolean
steward_clock_is_manual (StewardClock *self)
{
  g_return_val_if_fail (STEWARD_IS_CLOCK (self), FALSE);

  return self->manual;
}

void
steward_clock_set_now (StewardClock *self,
                       GDateTime    *now)
{
  gint64 us;

  g_return_if_fail (STEWARD_IS_CLOCK (self));
  g_return_if_fail (self->manual);
  g_return_if_fail (now != NULL);

  us = datetime_to_us (now);
  if (us == self->now_us)
    return;

  self->now_us = us;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW_US]);
}

/* @span may be negative: tests also need a clock that goes back, as a
 * real one does when the system time is corrected. */
void
steward_clock_advance (StewardClock *self,
                       GTimeSpan     span)
{
  g_return_if_fail (STEWARD_IS_CLOCK (self));
  g_return_if_fail (self->manual);

  if (span == 0)
    return;

  self->now_us += span;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW_US]);
}
