"""The advisor's work-log page shows weeks from Sunday to Saturday, as the work week runs in Israel."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from engagements import services, views


def log_on(world, day):
    return services.log_work(
        engagement=world.engagement,
        advisor=world.advisor,
        worked_on=day,
        hours=Decimal("1"),
        activity="advice",
        text="Workshop",
        goals=[world.goal],
    )


def week_page(client, world, **params):
    return client.get(reverse("engagements:log_work", args=[world.engagement.pk]), params)


@pytest.fixture
def today_is(monkeypatch):
    """The work-log page's today (only the page's: roles and dates elsewhere keep the real one)."""

    def set_today(day):
        class PageClock:
            def __getattr__(self, name):
                return getattr(timezone, name)

            def localdate(self, *args):
                return day

        monkeypatch.setattr(views, "timezone", PageClock())

    return set_today


@pytest.mark.parametrize(
    ("asked", "first", "last"),
    [
        ("2026-03-07", date(2026, 3, 1), date(2026, 3, 7)),  # a Saturday ends the week that began on Sunday
        ("2026-03-08", date(2026, 3, 8), date(2026, 3, 14)),  # a Sunday begins its own week
        ("2026-03-09", date(2026, 3, 8), date(2026, 3, 14)),  # a Monday is the week's second day
    ],
)
def test_the_week_runs_from_sunday_to_saturday(engaged_world, client_as, asked, first, last):
    response = week_page(client_as(engaged_world.advisor), engaged_world, week=asked)
    days = [day for day, _entries in response.context["week"]]
    assert (days[0], days[-1], len(days)) == (first, last, 7)
    assert response.context["previous_week"] == (first - timedelta(days=7)).isoformat()
    assert response.context["next_week"] == (last + timedelta(days=1)).isoformat()
    assert f"Week from Sunday {first:%d/%m/%Y} to Saturday {last:%d/%m/%Y}" in response.content.decode()


def test_entries_on_the_weeks_saturday_are_in_it_and_the_next_sunday_is_not(engaged_world, client_as):
    saturday = log_on(engaged_world, date(2026, 3, 7))
    sunday = log_on(engaged_world, date(2026, 3, 1))
    log_on(engaged_world, date(2026, 3, 8))
    log_on(engaged_world, date(2026, 2, 28))
    week = dict(week_page(client_as(engaged_world.advisor), engaged_world, week="2026-03-04").context["week"])
    assert (week[date(2026, 3, 1)], week[date(2026, 3, 7)]) == ([sunday], [saturday])
    assert sum(len(entries) for entries in week.values()) == 2


def test_this_week_starts_on_the_sunday_before_today(engaged_world, client_as, today_is):
    today_is(date(2026, 3, 7))  # a Saturday
    client = client_as(engaged_world.advisor)
    response = week_page(client, engaged_world)
    assert [day for day, _entries in response.context["week"]][0] == date(2026, 3, 1)
    assert (response.context["this_week"], response.context["is_this_week"]) == ("2026-03-01", True)
    assert '<span aria-current="page">This week</span>' in response.content.decode()
    other = week_page(client, engaged_world, week="2026-03-08")
    assert (other.context["this_week"], other.context["is_this_week"]) == ("2026-03-01", False)
    assert '<a href="?week=2026-03-01">This week</a>' in other.content.decode()


def test_the_first_weekday_follows_the_setting(engaged_world, client_as, settings):
    settings.WEEK_FIRST_WEEKDAY = 0
    days = [
        day for day, _ in week_page(client_as(engaged_world.advisor), engaged_world, week="2026-03-08").context["week"]
    ]
    assert (days[0], days[-1]) == (date(2026, 3, 2), date(2026, 3, 8))
