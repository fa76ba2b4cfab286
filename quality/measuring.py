"""Monthly service-quality measures from inquiries: pure functions over plain values, no database.

Definitions (the tests hold them exactly):

- an inquiry counts in the month it was made (Israel time), in its channel and in all channels together;
- time to first response and time to close are in the calendar's hours (working hours, or clock hours);
  the median is the middle value (the mean of the two middle ones), the 90th percentile interpolates linearly
  between the closest ranks (position 0.9 × (n − 1) of the sorted values);
- a reopened inquiry that is open again counts as open: its earlier closing is not a time to close;
- the share within the SLA is, of the month's inquiries with an SLA, those closed within their SLA hours (%);
- the backlog is the inquiries made before the month's end and not closed by then;
- satisfaction: the mean of the scores given, and how many gave each score from 1 to 5.
"""

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from .workhours import ISRAEL

TWO_PLACES, ONE_PLACE = Decimal("0.01"), Decimal("0.1")


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def percentile(values: list[float], share: float) -> float | None:
    """Linear interpolation between closest ranks of the sorted values (numpy's default method)."""
    if not values:
        return None
    ordered = sorted(values)
    position = share * (len(ordered) - 1)
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def to_decimal(value: float | None, places: Decimal = TWO_PLACES) -> Decimal | None:
    if value is None:
        return None
    return Decimal(repr(value)).quantize(places, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class InquiryFacts:
    requested_at: datetime
    first_response_at: datetime | None
    closed_at: datetime | None
    is_closed: bool
    channel: str
    satisfaction: int | None
    sla_hours: Decimal | None


def month_of(moment: datetime) -> date:
    return moment.astimezone(ISRAEL).date().replace(day=1)


def month_index(month: date) -> int:
    return month.year * 12 + month.month - 1


def month_from_index(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


@dataclass
class _Tally:
    inquiries: int = 0
    closed: int = 0
    response: list = field(default_factory=list)
    close: list = field(default_factory=list)
    with_sla: int = 0
    within_sla: int = 0
    scores: list = field(default_factory=lambda: [0, 0, 0, 0, 0])

    def values(self) -> dict:
        answered = sum(self.scores)
        mean = sum((i + 1) * n for i, n in enumerate(self.scores)) / answered if answered else None
        return {
            "inquiries": self.inquiries,
            "closed": self.closed,
            "response_median_hours": to_decimal(median(self.response)),
            "response_p90_hours": to_decimal(percentile(self.response, 0.9)),
            "close_median_hours": to_decimal(median(self.close)),
            "close_p90_hours": to_decimal(percentile(self.close, 0.9)),
            "with_sla": self.with_sla,
            "within_sla": self.within_sla,
            "within_sla_share": to_decimal(100 * self.within_sla / self.with_sla, ONE_PLACE) if self.with_sla else None,
            "satisfaction_mean": to_decimal(mean),
            **{f"satisfaction_{i + 1}": n for i, n in enumerate(self.scores)},
        }


def monthly_measures(inquiries, *, calendar, last_month: date) -> dict[tuple[date, str], dict]:
    """The measures of one service in one authority, keyed by (month, channel); channel "" is all channels.

    Months run from the first inquiry's month to `last_month`; a month with neither inquiries nor backlog is left
    out.
    """
    tallies: dict[tuple[int, str], _Tally] = defaultdict(_Tally)
    backlog_changes: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    last = month_index(last_month)
    first = None
    for item in inquiries:
        index = month_index(month_of(item.requested_at))
        first = index if first is None else min(first, index)
        response = calendar.hours_between(item.requested_at, item.first_response_at) if item.first_response_at else None
        close = calendar.hours_between(item.requested_at, item.closed_at) if item.is_closed else None
        # open at the end of each month from the one it was made in, until the month it was closed in
        closed_index = month_index(month_of(item.closed_at)) if item.is_closed else None
        for channel in ("", item.channel):
            tally = tallies[(index, channel)]
            tally.inquiries += 1
            if response is not None:
                tally.response.append(response)
            if close is not None:
                tally.closed += 1
                tally.close.append(close)
            if item.sla_hours is not None:
                tally.with_sla += 1
                if close is not None and close <= float(item.sla_hours):
                    tally.within_sla += 1
            if item.satisfaction:
                tally.scores[item.satisfaction - 1] += 1
            if closed_index is None or closed_index > index:
                backlog_changes[channel][index] += 1
                if closed_index is not None:
                    backlog_changes[channel][closed_index] -= 1
    if first is None:
        return {}
    result = {}
    for channel in backlog_changes.keys() | {channel for _i, channel in tallies}:
        running = 0
        changes = backlog_changes.get(channel, {})
        for index in range(first, last + 1):
            running += changes.get(index, 0)
            tally = tallies.get((index, channel))
            if tally is None and running == 0:
                continue
            values = (tally or _Tally()).values()
            values["backlog"] = running
            result[(month_from_index(index), channel)] = values
    return result
