"""Weeks as the platform counts them: starting on `settings.WEEK_FIRST_WEEKDAY` (Sunday, as Israel's work week).

Every page, digest and reminder that speaks of "a week" takes its days from here, so they all agree.
"""

from datetime import date, timedelta

from django.conf import settings


def week_start(day: date) -> date:
    """The first day of the week `day` falls in."""
    return day - timedelta(days=(day.weekday() - settings.WEEK_FIRST_WEEKDAY) % 7)


def week_days(day: date) -> list[date]:
    """The seven days of the week `day` falls in, first day first."""
    start = week_start(day)
    return [start + timedelta(days=offset) for offset in range(7)]
