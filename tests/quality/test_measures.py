"""Working-hour durations, medians, percentiles, SLA shares and backlog, exact, from a small file built here."""

import io
from datetime import date, datetime, time
from decimal import Decimal

import pytest

from quality.importing import import_inquiries
from quality.measuring import percentile
from quality.models import Measure
from quality.services.measures import recompute_measures
from quality.workhours import ISRAEL, WorkingCalendar
from tests.factories.quality import csv_bytes, inquiry_row, quality_setup

NOW = datetime(2026, 4, 15, 12, 0, tzinfo=ISRAEL)
PESACH = date(2026, 4, 2)  # a Thursday


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ISRAEL)


def calendar() -> WorkingCalendar:
    return WorkingCalendar(day_starts_at=time(8), day_ends_at=time(16), holidays=[PESACH, date(2026, 4, 4)])


def test_working_hours_skip_the_weekend_and_a_holiday():
    # Tuesday 12:00 → Sunday 10:00: Tue 4 h + Wed 8 h + Thu (Pesach) 0 + Fri, Sat 0 + Sun 2 h
    assert calendar().hours_between(at("2026-03-31T12:00"), at("2026-04-05T10:00")) == 14.0


def test_working_hours_count_only_the_working_day():
    # Thursday 15:00 → Sunday 09:00 a week later than Pesach: Thu 1 h + Sun 1 h
    assert calendar().hours_between(at("2026-04-16T15:00"), at("2026-04-19T09:00")) == 2.0
    # before opening and after closing count nothing
    assert calendar().hours_between(at("2026-04-19T06:00"), at("2026-04-19T07:59")) == 0.0
    assert calendar().hours_between(at("2026-04-19T17:00"), at("2026-04-20T08:30")) == 0.5


def test_a_holiday_on_saturday_changes_nothing():
    with_saturday = calendar().hours_between(at("2026-04-03T08:00"), at("2026-04-05T16:00"))
    assert with_saturday == 8.0


def test_percentile_interpolates_between_ranks():
    assert percentile([14.0, 8.0], 0.9) == pytest.approx(13.4)
    assert percentile([1.0, 1.5, 14.0], 0.9) == pytest.approx(11.5)
    assert percentile([5.0], 0.9) == 5.0
    assert percentile([], 0.9) is None


@pytest.fixture
def imported(world):
    setup = quality_setup(world.cluster)
    first, second = setup.authorities
    rows = [
        # open across a weekend and Pesach, closed within its 16 h SLA (14 working hours)
        inquiry_row(
            "r1",
            first,
            requested_datetime="2026-03-31T12:00:00+03:00",
            closed_datetime="2026-04-05T10:00:00+03:00",
            status="closed",
            sla_hours="16",
        ),
        # answered after 1.5 h, closed after 8 h: outside its 4 h SLA
        inquiry_row(
            "r2",
            first,
            requested_datetime="2026-03-01T09:00:00+02:00",
            first_response_datetime="2026-03-01T10:30:00+02:00",
            closed_datetime="2026-03-02T09:00:00+02:00",
            status="closed",
            channel="web",
            sla_hours="4",
            satisfaction="4",
        ),
        # reopened: closed once, open again
        inquiry_row(
            "r3",
            first,
            requested_datetime="2026-03-03T08:00:00+02:00",
            first_response_datetime="2026-03-03T09:00:00+02:00",
            closed_datetime="2026-03-03T12:00:00+02:00",
            status="reopened",
            sla_hours="8",
            satisfaction="2",
        ),
        # never closed
        inquiry_row("r4", first, requested_datetime="2026-03-04T10:00:00+02:00"),
        # the other authority: one inquiry closed after 2 working hours
        inquiry_row(
            "x1",
            second,
            requested_datetime="2026-03-05T09:00:00+02:00",
            closed_datetime="2026-03-05T11:00:00+02:00",
            status="closed",
            sla_hours="4",
            satisfaction="5",
        ),
    ]
    import_inquiries(cluster=world.cluster, binary=io.BytesIO(csv_bytes(rows)), now=NOW)
    setup.extra_holiday = None
    return setup


def test_measures_of_a_month_are_exact(imported):
    from quality.models import Holiday

    assert Holiday.objects.filter(date=PESACH).exists()
    written = recompute_measures(cluster_id=imported.cluster.pk, today=date(2026, 4, 15))
    first = imported.authorities[0]
    march = Measure.objects.get(service=imported.service, authority=first, month=date(2026, 3, 1), channel="")
    assert (march.inquiries, march.closed) == (4, 2)
    assert (march.close_median_hours, march.close_p90_hours) == (Decimal("11.00"), Decimal("13.40"))
    # r1's first response is its closing (14 h); r2 1.5 h; r3 1 h; r4 none
    assert (march.response_median_hours, march.response_p90_hours) == (Decimal("1.50"), Decimal("11.50"))
    assert (march.with_sla, march.within_sla, march.within_sla_share) == (3, 1, Decimal("33.3"))
    assert march.backlog == 3  # r1 (closed in April), r3 (reopened), r4
    assert march.satisfaction_mean == Decimal("3.00")
    assert march.satisfaction_distribution == [0, 1, 0, 1, 0]
    april = Measure.objects.get(service=imported.service, authority=first, month=date(2026, 4, 1), channel="")
    assert (april.inquiries, april.backlog, april.close_median_hours) == (0, 2, None)
    phone = Measure.objects.get(service=imported.service, authority=first, month=date(2026, 3, 1), channel="phone")
    assert (phone.inquiries, phone.closed, phone.backlog) == (3, 1, 3)
    other = Measure.objects.get(
        service=imported.service, authority=imported.authorities[1], month=date(2026, 3, 1), channel=""
    )
    assert (other.close_median_hours, other.within_sla_share, other.backlog) == (Decimal("2.00"), Decimal("100.0"), 0)
    # first: March all + phone + web, April all + phone; second: March all + phone
    assert written == Measure.objects.count() == 7


def test_recomputing_is_idempotent(imported):
    recompute_measures(cluster_id=imported.cluster.pk, today=date(2026, 4, 15))
    before = list(Measure.objects.values_list("service_id", "authority_id", "month", "channel", "close_median_hours"))
    recompute_measures(cluster_id=imported.cluster.pk, today=date(2026, 4, 15))
    after = list(Measure.objects.values_list("service_id", "authority_id", "month", "channel", "close_median_hours"))
    assert after == before
    assert len(after) == 7


def test_without_a_calendar_durations_are_clock_hours(imported):
    from quality.models import WorkingCalendar as CalendarSetting

    CalendarSetting.objects.filter(cluster=imported.cluster).delete()
    recompute_measures(cluster_id=imported.cluster.pk, today=date(2026, 4, 15))
    march = Measure.objects.get(
        service=imported.service, authority=imported.authorities[0], month=date(2026, 3, 1), channel=""
    )
    # r1: Tue 31 Mar 12:00 → Sun 5 Apr 10:00 = 118 h; r2: 24 h
    assert (march.close_median_hours, march.close_p90_hours) == (Decimal("71.00"), Decimal("108.60"))
