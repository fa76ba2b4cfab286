"""Durations in working hours: Sunday to Thursday between a start and an end time, holidays off. Pure, no database.

A duration is W(end) - W(start), where W(t) counts the working minutes from a fixed day up to t, so each
duration costs two look-ups whatever its length.
"""

from bisect import bisect_left
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

ISRAEL = ZoneInfo("Asia/Jerusalem")
EPOCH = date(2000, 1, 2)  # a Sunday
WORKING_WEEKDAYS = {6, 0, 1, 2, 3}  # Python weekdays: Sunday=6, Monday=0 … Thursday=3


def is_working_weekday(day: date) -> bool:
    return day.weekday() in WORKING_WEEKDAYS


class WorkingCalendar:
    """Working time between two moments; `holidays` are dates off (only those on a working weekday matter)."""

    def __init__(self, *, day_starts_at: time, day_ends_at: time, holidays=()):
        self.start_minute = day_starts_at.hour * 60 + day_starts_at.minute
        self.end_minute = day_ends_at.hour * 60 + day_ends_at.minute
        self.day_minutes = self.end_minute - self.start_minute
        self.holidays = sorted(day for day in set(holidays) if is_working_weekday(day))
        self._holiday_set = set(self.holidays)

    def _working_days_before(self, day: date) -> int:
        """Working days from EPOCH up to, not including, `day`."""
        days = (day - EPOCH).days
        weeks, rest = divmod(days, 7)
        # EPOCH is a Sunday: of the first `rest` days of a week, the first five (Sun–Thu) are working days.
        count = weeks * 5 + min(rest, 5)
        return count - bisect_left(self.holidays, day)

    def minutes_until(self, moment: datetime) -> float:
        local = moment.astimezone(ISRAEL)
        day = local.date()
        minutes = self._working_days_before(day) * self.day_minutes
        if is_working_weekday(day) and day not in self._holiday_set:
            minute_of_day = local.hour * 60 + local.minute + local.second / 60
            minutes += min(max(minute_of_day - self.start_minute, 0), self.day_minutes)
        return minutes

    def hours_between(self, start: datetime, end: datetime) -> float:
        return (self.minutes_until(end) - self.minutes_until(start)) / 60


class ClockCalendar:
    """Without a working calendar: plain elapsed hours."""

    def hours_between(self, start: datetime, end: datetime) -> float:
        return (end - start) / timedelta(hours=1)
