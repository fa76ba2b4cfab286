"""Weeks start on the configured first weekday: Sunday by default, as Israel's work week."""

from datetime import date

import pytest

from accounts.weeks import week_days, week_start

SATURDAY, SUNDAY, MONDAY = date(2026, 12, 5), date(2026, 12, 6), date(2026, 12, 7)


@pytest.mark.parametrize(
    ("day", "first"),
    [
        (SATURDAY, date(2026, 11, 29)),  # the last day of the week before
        (SUNDAY, SUNDAY),
        (MONDAY, SUNDAY),
        (date(2026, 12, 12), SUNDAY),  # the Saturday that ends it
        (date(2026, 12, 13), date(2026, 12, 13)),
        (date(2027, 1, 1), date(2026, 12, 27)),  # a week across the new year
    ],
)
def test_a_week_starts_on_sunday_by_default(day, first):
    assert week_start(day) == first


def test_the_weeks_days_run_from_sunday_to_saturday():
    days = week_days(date(2026, 12, 9))
    assert (days[0], days[-1], len(days)) == (SUNDAY, date(2026, 12, 12), 7)
    assert [day.weekday() for day in days] == [6, 0, 1, 2, 3, 4, 5]


def test_the_first_weekday_is_a_setting(settings):
    settings.WEEK_FIRST_WEEKDAY = 0
    assert (week_start(SUNDAY), week_start(MONDAY), week_days(SATURDAY)[0]) == (
        date(2026, 11, 30),
        MONDAY,
        date(2026, 11, 30),
    )
