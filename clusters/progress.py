"""Progress of goals and the composition check: pure functions over plain values, no database.

Every goal kind reduces to one measured quantity (the current cost, the number of authorities covered,
the gap between the best and the worst authority, or the KPI itself), a baseline and a target in that
quantity. Progress is the share of the way from baseline to target achieved so far.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _

ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA = "on_track", "at_risk", "off_track", "no_data"
STATUS_LABELS = {
    ON_TRACK: _("On track"),
    AT_RISK: _("At risk"),
    OFF_TRACK: _("Off track"),
    NO_DATA: _("No measurements yet"),
}
IMPROVING, WORSENING, STEADY, UNKNOWN = "improving", "worsening", "steady", "unknown"
TREND_LABELS = {
    IMPROVING: _("Improving"),
    WORSENING: _("Worsening"),
    STEADY: _("Steady"),
    UNKNOWN: _("Not enough data"),
}


@dataclass(frozen=True)
class Point:
    """One measurement: the period it starts on, its value, and per-authority values where the kind uses them."""

    period_start: date
    value: Decimal | None = None
    authority_values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Progress:
    baseline: Decimal
    target: Decimal
    current: Decimal | None
    share: Decimal | None  # of the way from baseline to target: 0 = baseline, 1 = target reached
    expected_share: Decimal
    status: str
    trend: str
    series: list  # [(period_start, quantity or None)] in period order

    @property
    def percent(self) -> int | None:
        return None if self.share is None else int((self.share * 100).to_integral_value())

    @property
    def is_target_exceeded(self) -> bool:
        """Past the target: shown as "target exceeded", never as a bar past its end."""
        return self.share is not None and self.share > 1

    @property
    def bar_percent(self) -> int:
        """The width of a progress bar: the percent held between 0 and 100."""
        return 0 if self.percent is None else max(0, min(100, self.percent))

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def trend_label(self):
        return TREND_LABELS[self.trend]


def quantity(kind: str, point: Point) -> Decimal | None:
    """The measured quantity of one point for a goal kind; None when the data needed is missing."""
    if kind == "gap":
        values = [v for v in point.authority_values.values() if v is not None]
        return max(values) - min(values) if len(values) >= 2 else None
    if kind == "coverage":
        if point.authority_values:
            return Decimal(sum(1 for v in point.authority_values.values() if v and v > 0))
        return point.value
    return point.value


def target_quantity(*, kind: str, baseline: Decimal, target_value: Decimal | None, target_percent) -> Decimal:
    if kind in ("cost_saving", "gap"):
        return baseline * (100 - Decimal(target_percent)) / 100
    return Decimal(target_value)


def expected_share(*, baseline_on: date, target_on: date, today: date) -> Decimal:
    """The share of the way a goal should have come by today, moving evenly from baseline to target date."""
    total = (target_on - baseline_on).days
    elapsed = (today - baseline_on).days
    if total <= 0:
        return Decimal(1)
    return min(Decimal(1), max(Decimal(0), Decimal(elapsed) / Decimal(total)))


def compute_progress(
    *,
    kind: str,
    baseline: Decimal,
    target_value: Decimal | None,
    target_percent: Decimal | None,
    baseline_on: date,
    target_on: date,
    points: list[Point],
    today: date,
) -> Progress:
    """Progress, status and trend of one goal from its measurements.

    On track: at or ahead of where an even path from baseline to target would be today. At risk: behind,
    by no more than CLUSTERS_AT_RISK_MARGIN of the way. Off track: further behind, or worse than baseline.
    """
    baseline = Decimal(baseline)
    target = target_quantity(kind=kind, baseline=baseline, target_value=target_value, target_percent=target_percent)
    expected = expected_share(baseline_on=baseline_on, target_on=target_on, today=today)
    series = [(p.period_start, quantity(kind, p)) for p in sorted(points, key=lambda p: p.period_start)]
    known = [q for _start, q in series if q is not None]
    if not known or target == baseline:
        return Progress(baseline, target, None, None, expected, NO_DATA, UNKNOWN, series)
    current = known[-1]
    share = (current - baseline) / (target - baseline)
    margin = Decimal(str(settings.CLUSTERS_AT_RISK_MARGIN))
    if share < 0:
        status = OFF_TRACK
    elif share >= expected:
        status = ON_TRACK
    elif share >= expected - margin:
        status = AT_RISK
    else:
        status = OFF_TRACK
    trend = UNKNOWN
    if len(known) >= 2:
        change = (known[-1] - known[-2]) / (target - baseline)
        trend = IMPROVING if change > 0 else WORSENING if change < 0 else STEADY
    return Progress(baseline, target, current, share.quantize(Decimal("0.0001")), expected, status, trend, series)


@dataclass(frozen=True)
class Member:
    kind: str
    population: int | None
    socioeconomic_cluster: int | None


@dataclass(frozen=True)
class CompositionWarning:
    code: str
    message: str


def check_core_services(*, core_services: int, operating_core_services: int) -> list[CompositionWarning]:
    """The programme's rule of one to two core services (CLUSTERS_MIN/MAX_CORE_SERVICES), as warnings."""
    low, high = settings.CLUSTERS_MIN_CORE_SERVICES, settings.CLUSTERS_MAX_CORE_SERVICES
    if core_services == 0:
        return [
            CompositionWarning(
                "no_core_service",
                _("The cluster has no core service; the programme expects %(low)d to %(high)d operating.")
                % {"low": low, "high": high},
            )
        ]
    if operating_core_services < low:
        return [
            CompositionWarning(
                "core_services_operating",
                _(
                    "%(count)d core services are planned but none is operating; "
                    "the programme expects %(low)d to %(high)d operating."
                )
                % {"count": core_services, "low": low, "high": high},
            )
        ]
    if operating_core_services > high:
        return [
            CompositionWarning(
                "too_many_core_services",
                _("%(count)d core services are operating; the programme expects %(low)d to %(high)d.")
                % {"count": operating_core_services, "low": low, "high": high},
            )
        ]
    return []


def majority_region(regions: list[str]) -> str:
    """The region most of the given members fall in ('' when none is known); a tie goes to the region named first
    in the Region choices, so the result never depends on the order of the members."""
    from collections import Counter

    from .reference import Region

    counts = Counter(r for r in regions if r)
    if not counts:
        return ""
    order = {value: index for index, value in enumerate(Region.values)}
    return min(counts, key=lambda region: (-counts[region], order.get(region, len(order))))


def check_composition(members: list[Member]) -> list[CompositionWarning]:
    """The programme's criteria for a cluster's members, as warnings with the numbers (never errors)."""
    warnings = []
    count = len(members)
    low, high = settings.CLUSTERS_MIN_MEMBERS, settings.CLUSTERS_MAX_MEMBERS
    if count < low or count > high:
        warnings.append(
            CompositionWarning(
                "member_count",
                _("The cluster has %(count)d member authorities; the programme expects %(low)d to %(high)d.")
                % {"count": count, "low": low, "high": high},
            )
        )
    population = sum(m.population or 0 for m in members)
    if population < settings.CLUSTERS_MIN_POPULATION:
        warnings.append(
            CompositionWarning(
                "population",
                _("The member authorities have %(population)s residents; the programme expects at least %(minimum)s.")
                % {"population": f"{population:,}", "minimum": f"{settings.CLUSTERS_MIN_POPULATION:,}"},
            )
        )
    kinds = {m.kind for m in members}
    if count and len(kinds) < 2:
        warnings.append(
            CompositionWarning(
                "kinds",
                _("All %(count)d member authorities are of one kind; the programme expects a mix of kinds.")
                % {"count": count},
            )
        )
    strengths = [m.socioeconomic_cluster for m in members if m.socioeconomic_cluster]
    if strengths and max(strengths) - min(strengths) < settings.CLUSTERS_MIN_SOCIOECONOMIC_SPREAD:
        warnings.append(
            CompositionWarning(
                "strength",
                _(
                    "Member authorities range only from socio-economic cluster %(low)d to %(high)d; "
                    "the programme expects a mix of stronger and weaker authorities."
                )
                % {"low": min(strengths), "high": max(strengths)},
            )
        )
    return warnings
