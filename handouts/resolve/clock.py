"""Clock times a patient would otherwise work out: "Last food by 3:30 AM" from the appointment and the
clinic's policy, written by Babel for the job's language (with the date when it falls on an earlier day).

A time whose policy value is 0 or not set has no row at all; a blank handout (no appointment) gets a
labelled write-in line for staff to fill in.
"""
from __future__ import annotations

import datetime as dt

from babel.dates import format_skeleton, format_time

# Visit-box row -> the policy value (hours before the appointment) it is worked out from.
POLICY = {"last_food": "fasting_hours", "clear_liquids": "clear_liquids_until_hours",
          "no_alcohol": "alcohol_free_hours"}


def hours(clinic, name: str) -> int:
    """The policy's hours for a clock row; 0 when not set."""
    return getattr(clinic.policy, POLICY[name]) or 0


def time_before(appointment: dt.datetime, hours_before: int) -> dt.datetime:
    return appointment - dt.timedelta(hours=hours_before)


def format_clock(value: dt.datetime, appointment: dt.datetime, locale) -> str:
    """ "3:30 AM" on the day of the appointment; "Wed, Dec 2, 9:30 AM" on an earlier day."""
    clock = format_time(value, format="short", locale=locale)
    if value.date() == appointment.date():
        return clock
    day = format_skeleton("MMMEd", value, locale=locale)
    return locale.datetime_formats["medium"].format(clock, day)
