"""The quality app's read API: comparisons of a service across authorities, of an authority across services, of
a domain across clusters, and the signals oversight reads. Aggregates only: no inquiry leaves this module.

Every function runs a fixed number of queries whatever the number of authorities, months or inquiries.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from clusters.models import Authority, Cluster, Service

from .measuring import month_from_index, month_index
from .models import LOWER_IS_BETTER, Measure, Metric, NationalFigure

WINDOW_MONTHS = 12


def metric_value(measure: Measure | None, metric: str):
    return None if measure is None else getattr(measure, metric)


def cluster_median(values) -> Decimal | None:
    numbers = sorted(Decimal(v) for v in values if v is not None)
    if not numbers:
        return None
    middle = len(numbers) // 2
    value = numbers[middle] if len(numbers) % 2 else (numbers[middle - 1] + numbers[middle]) / 2
    return value.quantize(Decimal("0.01"))


def months_back(month: date, count: int) -> list[date]:
    last = month_index(month)
    return [month_from_index(i) for i in range(last - count + 1, last + 1)]


@dataclass(frozen=True)
class Spread:
    """The authorities' values of one metric in one month: the cluster's median, best, worst and the gap."""

    median: Decimal | None
    best: Decimal | None
    worst: Decimal | None
    best_authority: object = None
    worst_authority: object = None

    @property
    def gap(self) -> Decimal | None:
        if self.best is None or self.worst is None:
            return None
        return abs(self.worst - self.best)


def spread(values: dict, metric: str) -> Spread:
    """`values` maps an authority to its value (None where it has none)."""
    present = [(a, v) for a, v in values.items() if v is not None]
    if not present:
        return Spread(None, None, None)
    lower = metric in LOWER_IS_BETTER
    ordered = sorted(present, key=lambda item: (item[1], str(item[0])))
    best, worst = (ordered[0], ordered[-1]) if lower else (ordered[-1], ordered[0])
    return Spread(cluster_median(v for _a, v in present), best[1], worst[1], best[0], worst[0])


@dataclass
class AuthorityRow:
    authority: Authority
    measure: Measure | None
    series: list  # metric value per window month (None where none)
    is_best: bool = False
    is_worst: bool = False


@dataclass
class ServiceComparison:
    service: Service
    metric: str
    month: date | None
    months: list  # the window, oldest first
    rows: list  # AuthorityRow, best first
    spread: Spread
    previous_spread: Spread | None
    year_ago_spread: Spread | None
    medians: list  # cluster median per window month
    gaps: list  # gap per window month

    @property
    def gap_change(self) -> Decimal | None:
        if self.previous_spread is None or self.spread.gap is None or self.previous_spread.gap is None:
            return None
        return self.spread.gap - self.previous_spread.gap

    @property
    def gap_change_year(self) -> Decimal | None:
        if self.year_ago_spread is None or self.spread.gap is None or self.year_ago_spread.gap is None:
            return None
        return self.spread.gap - self.year_ago_spread.gap


def latest_month(*, service_ids, today: date | None = None) -> date | None:
    """The latest complete month with measures (the month under way only when there is no other). One query, two
    when the month under way has measures; each reads from the newest month back until a measure of these services
    (`measure_by_month`), not every measure of theirs. `service_ids`: a list of ids, or a queryset of the services'
    ids (asked for as a subquery)."""
    measures = Measure.objects.filter(service_id__in=service_ids, channel="").order_by("-month")
    this_month = (today or timezone.localdate()).replace(day=1)
    last = measures.values_list("month", flat=True).first()
    if last is None or last < this_month:
        return last
    return measures.filter(month__lt=this_month).values_list("month", flat=True).first() or last


def service_comparison(
    *, service: Service, metric: str = Metric.CLOSE_MEDIAN, month: date | None = None, channel: str = ""
):
    """The service's member authorities side by side for a month (default: the latest measured), with a year of
    each authority's values for small multiples; `channel` empty for all channels together. Two queries."""
    month = month or latest_month(service_ids=[service.pk])
    months = months_back(month, WINDOW_MONTHS) if month else []
    year_ago = months_back(month, 13)[0] if month else None
    measures = list(
        Measure.objects.filter(
            service=service, channel=channel, month__gte=year_ago or date.min, month__lte=month or date.max
        )
        .select_related("authority")
        .order_by("authority__name_he", "month")
    )
    by_authority: dict[int, dict[date, Measure]] = defaultdict(dict)
    authorities = {}
    for measure in measures:
        by_authority[measure.authority_id][measure.month] = measure
        authorities[measure.authority_id] = measure.authority

    def spread_of(target: date) -> Spread:
        return spread(
            {authorities[a]: metric_value(rows.get(target), metric) for a, rows in by_authority.items()}, metric
        )

    current = spread_of(month) if month else Spread(None, None, None)
    rows = [
        AuthorityRow(
            authority=authorities[a],
            measure=by_authority[a].get(month),
            series=[metric_value(by_authority[a].get(m), metric) for m in months],
        )
        for a in by_authority
    ]
    lower = metric in LOWER_IS_BETTER

    def order(row: AuthorityRow):
        value = metric_value(row.measure, metric)
        return (value is None, (value if lower else -value) if value is not None else 0, str(row.authority))

    rows.sort(key=order)
    for row in rows:
        value = metric_value(row.measure, metric)
        row.is_best = value is not None and row.authority == current.best_authority
        row.is_worst = value is not None and row.authority == current.worst_authority and len(rows) > 1
    spreads = [spread_of(m) for m in months]
    return ServiceComparison(
        service=service,
        metric=metric,
        month=month,
        months=months,
        rows=rows,
        spread=current,
        previous_spread=spreads[-2] if len(spreads) > 1 else None,
        year_ago_spread=spread_of(year_ago) if year_ago else None,
        medians=[s.median for s in spreads],
        gaps=[s.gap for s in spreads],
    )


@dataclass
class ServiceLine:
    """One service in an authority's profile, or in a cluster's summary."""

    service: Service
    measure: Measure | None = None  # the authority's (profile) or None (summary)
    spread: Spread = field(default_factory=lambda: Spread(None, None, None))
    month: date | None = None
    authorities: int = 0


def cluster_summary(*, cluster: Cluster, metric: str = Metric.CLOSE_MEDIAN) -> list[ServiceLine]:
    """Each of the cluster's services with its latest measured month's spread of the metric. Two queries."""
    services = list(Service.objects.filter(cluster=cluster).order_by("level", "name_he", "pk"))
    this_month = timezone.localdate().replace(day=1)
    latest = {
        service_id: complete or last
        for service_id, last, complete in Measure.objects.filter(service__cluster=cluster, channel="")
        .values("service_id")
        .annotate(last=Max("month"), complete=Max("month", filter=Q(month__lt=this_month)))
        .values_list("service_id", "last", "complete")
    }
    lines = {s.pk: ServiceLine(service=s, month=latest.get(s.pk)) for s in services}
    values: dict[int, dict] = defaultdict(dict)
    for measure in Measure.objects.filter(service__cluster=cluster, channel="").select_related("authority"):
        if measure.month == latest.get(measure.service_id):
            values[measure.service_id][measure.authority] = metric_value(measure, metric)
    for service_id, by_authority in values.items():
        lines[service_id].spread = spread(by_authority, metric)
        lines[service_id].authorities = len(by_authority)
    return list(lines.values())


def authority_profile(*, cluster: Cluster, authority: Authority, metric: str = Metric.CLOSE_MEDIAN):
    """One authority across the cluster's services: its latest month of each, beside the cluster's spread.
    Two queries."""
    lines = cluster_summary(cluster=cluster, metric=metric)
    months = {line.service.pk: line.month for line in lines}
    own = {
        m.service_id: m
        for m in Measure.objects.filter(service__cluster=cluster, authority=authority, channel="")
        if m.month == months.get(m.service_id)
    }
    for line in lines:
        line.measure = own.get(line.service.pk)
    return [line for line in lines if line.month]


def authorities_measured(*, cluster: Cluster) -> list[Authority]:
    ids = Measure.objects.filter(service__cluster=cluster).values("authority_id").distinct()
    return list(Authority.objects.filter(pk__in=ids).order_by("name_he"))


@dataclass
class ClusterLine:
    cluster: Cluster
    spread: Spread
    services: int
    authorities: int


def first_measured_domain(domains) -> str | None:
    """The first of `domains` (in their order) with a service that has measures, for the national page to open on a
    domain with something to compare. One query (a semi-join over the services)."""
    measured = set(
        Service.objects.filter(Exists(Measure.objects.filter(service=OuterRef("pk"))))
        .order_by()  # the model's ordering would make every service distinct
        .values_list("domain", flat=True)
        .distinct()
    )
    return next((domain for domain in domains if domain in measured), None)


def national_comparison(*, domain: str, metric: str = Metric.CLOSE_MEDIAN, month: date | None = None):
    """Every cluster's services of one domain in one month: the clusters side by side (head referent). Returns
    (month, lines best first).

    The figures are kept (`NationalFigure`) with what they were computed from and read while that is unchanged, so
    a request does not read every cluster's measures again: six queries (seven when the month under way has
    measures), two more when they are computed (the measures as plain values, and the figures kept)."""
    of_domain = Service.objects.filter(domain=domain)
    services = list(of_domain.order_by("pk").values_list("pk", "cluster_id"))
    # the domain's services as a subquery, not a list of hundreds of ids to send with each query
    service_ids = of_domain.order_by().values("pk")
    month = month or latest_month(service_ids=service_ids)
    if month is None:
        return None, []
    measures = Measure.objects.filter(service_id__in=service_ids, channel="", month=month)
    newest = Measure.objects.aggregate(newest=Max("pk"))["newest"] or 0
    services_digest = hashlib.blake2b(repr(services).encode(), digest_size=16).hexdigest()
    basis = f"{services_digest}:{measures.count()}:{newest}"
    kept = NationalFigure.objects.filter(domain=domain, metric=metric, month=month).first()
    if kept is not None and kept.basis == basis:
        figures = kept.lines
    else:
        figures = _national_figures(measures, metric)
        if kept is not None:
            kept.basis, kept.lines = basis, figures
            kept.save(update_fields=["basis", "lines", "computed_at"])
        else:  # computed at the same moment by another request: the same figures, kept once
            figure = NationalFigure(domain=domain, metric=metric, month=month, basis=basis, lines=figures)
            NationalFigure.objects.bulk_create([figure], ignore_conflicts=True)
    clusters = Cluster.objects.only("name_he", "name_ar", "name_en").in_bulk([figure[0] for figure in figures])
    lines = [
        ClusterLine(clusters[pk], Spread(*(_decimal(value) for value in values)), services_count, authorities)
        for pk, values, services_count, authorities in figures
        if pk in clusters
    ]
    lower = metric in LOWER_IS_BETTER
    lines.sort(
        key=lambda line: (
            line.spread.median is None,
            (line.spread.median if lower else -line.spread.median) if line.spread.median is not None else 0,
            str(line.cluster),
        )
    )
    return month, lines


def _national_figures(measures, metric: str) -> list:
    """[cluster id, [median, best, worst], services, authorities] of each cluster measured, as kept (text numbers)."""
    values: dict[int, dict] = defaultdict(dict)
    services: dict[int, set] = defaultdict(set)
    for cluster_id, service_id, authority_id, value in measures.values_list(
        "service__cluster_id", "service_id", "authority_id", Metric(metric).value
    ):
        services[cluster_id].add(service_id)
        values[cluster_id][(service_id, authority_id)] = value
    figures = []
    for pk, measured in values.items():
        cluster_spread = spread(measured, metric)
        numbers = [cluster_spread.median, cluster_spread.best, cluster_spread.worst]
        figures.append([pk, [_text(n) for n in numbers], len(services[pk]), len({a for _s, a in measured})])
    return figures


def _text(value) -> str | None:
    return None if value is None else str(value)


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def monthly_values(*, service: Service, metric: str) -> dict[date, dict]:
    """Each month's value of the metric per authority (all channels), oldest month first. One query."""
    result: dict[date, dict] = {}
    for measure in Measure.objects.filter(service=service, channel="").select_related("authority").order_by("month"):
        result.setdefault(measure.month, {})[measure.authority] = metric_value(measure, metric)
    return result


@dataclass(frozen=True)
class Worsening:
    """A service whose cluster-wide median time to first response rose month after month."""

    service_id: int
    service_name: str
    months: list  # the months compared, oldest first
    medians: list  # the cluster's median of each


def worsening_response_by_cluster(
    *, cluster_ids, today: date, months: int = 2, min_percent: int = 5
) -> dict[int, list[Worsening]]:
    """For oversight: per cluster, the services whose cluster median time to first response rose in each of the
    last `months` complete months, by at least `min_percent` percent each time. One query."""
    last = month_from_index(month_index(today.replace(day=1)) - 1)
    window = months_back(last, months + 1)
    values: dict[int, dict[date, list]] = defaultdict(lambda: defaultdict(list))
    services = {}
    for measure in Measure.objects.filter(
        service__cluster_id__in=list(cluster_ids), channel="", month__in=window
    ).select_related("service"):
        services[measure.service_id] = measure.service
        values[measure.service_id][measure.month].append(measure.response_median_hours)
    result: dict[int, list[Worsening]] = {pk: [] for pk in cluster_ids}
    factor = 1 + Decimal(min_percent) / 100
    for service_id, by_month in values.items():
        medians = [cluster_median(by_month.get(m, [])) for m in window]
        if any(m is None for m in medians):
            continue
        pairs = list(zip(medians, medians[1:], strict=False))
        if all(later > earlier and later >= earlier * factor for earlier, later in pairs):
            service = services[service_id]
            result.setdefault(service.cluster_id, []).append(Worsening(service_id, str(service.name), window, medians))
    return result


def measures_of_clusters(*, cluster_ids):
    """The monthly measures of these clusters' services (every authority and channel), for the read-only API, which
    scopes `cluster_ids` to what the person reads. Aggregates only: counts, durations, shares, no inquiry."""
    return Measure.objects.filter(service__cluster_id__in=list(cluster_ids)).select_related("service")


def published_measures(*, cluster: Cluster) -> list[Measure]:
    """The cluster's monthly measures for its public open data, where its CEO published them (an empty list
    otherwise), with their service and authority, by month, service, authority and channel (one query)."""
    if not cluster.is_quality_public:
        return []
    return list(
        Measure.objects.filter(service__cluster=cluster)
        .select_related("service", "authority")
        .order_by("month", "service_id", "authority_id", "channel")
    )


@dataclass(frozen=True)
class MedianThenAndNow:
    """A service's cluster median of one metric in the last month measured by a date, and in the last month
    measured at all (all channels)."""

    service: Service
    metric: str
    then_month: date | None
    then: Decimal | None
    now_month: date | None
    now: Decimal | None

    @property
    def metric_label(self) -> str:
        return str(Metric(self.metric).label) if self.metric in Metric.values else self.metric

    @property
    def is_better(self) -> bool | None:
        """Whether the measure moved the right way since then (None when it cannot be said)."""
        if self.then is None or self.now is None or self.then == self.now:
            return None
        lower = self.metric in LOWER_IS_BETTER
        return self.now < self.then if lower else self.now > self.then


def _median_of(months: dict, month, metric: str):
    return None if month is None else cluster_median(getattr(m, metric) for m in months[month])


def medians_then_and_now(*, triples) -> dict[tuple[int, str, date], MedianThenAndNow]:
    """For each (service id, metric, date): the cluster median of the metric then and now, for the forums'
    decisions. One query whatever the number of triples; aggregates only."""
    triples = [(service_id, metric, day) for service_id, metric, day in triples if metric in Metric.values]
    if not triples:
        return {}
    by_month: dict[int, dict[date, list]] = defaultdict(lambda: defaultdict(list))
    services = {}
    for measure in Measure.objects.filter(service_id__in={t[0] for t in triples}, channel="").select_related("service"):
        services[measure.service_id] = measure.service
        by_month[measure.service_id][measure.month].append(measure)
    result = {}
    for service_id, metric, day in triples:
        if service_id not in services:
            continue
        months = sorted(by_month[service_id])
        earlier = [m for m in months if m <= day]
        then_month = earlier[-1] if earlier else None
        now_month = months[-1] if months else None

        result[(service_id, metric, day)] = MedianThenAndNow(
            services[service_id],
            metric,
            then_month,
            _median_of(by_month[service_id], then_month, metric),
            now_month,
            _median_of(by_month[service_id], now_month, metric),
        )
    return result
