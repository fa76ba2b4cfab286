"""Each quality page's table as plain rows (headers first), in the reader's language."""

from django.utils.translation import gettext as _

from ..models import Metric

MEASURE_COLUMNS = [
    Metric.INQUIRIES,
    Metric.RESPONSE_MEDIAN,
    Metric.RESPONSE_P90,
    Metric.CLOSE_MEDIAN,
    Metric.CLOSE_P90,
    Metric.WITHIN_SLA,
    Metric.BACKLOG,
    Metric.SATISFACTION,
]


def _measure_headers() -> list[str]:
    return [str(Metric(m).label) for m in MEASURE_COLUMNS] + [_("Scores 1 · 2 · 3 · 4 · 5 (how many gave each)")]


def _measure_values(measure) -> list:
    if measure is None:
        return [None] * (len(MEASURE_COLUMNS) + 1)
    distribution = " / ".join(str(n) for n in measure.satisfaction_distribution)
    return [getattr(measure, m) for m in MEASURE_COLUMNS] + [distribution]


def _month(month) -> str:
    return f"{month:%Y-%m}" if month else ""


def service_table(comparison) -> list[list]:
    rows = [[_("Authority"), _("Month"), *_measure_headers()]]
    for row in comparison.rows:
        rows.append([str(row.authority.name), _month(comparison.month), *_measure_values(row.measure)])
    spread = comparison.spread
    rows.append([_("Cluster median"), _month(comparison.month), *[None] * (len(MEASURE_COLUMNS) + 1)])
    index = MEASURE_COLUMNS.index(comparison.metric) + 2 if comparison.metric in MEASURE_COLUMNS else None
    if index is not None:
        rows[-1][index] = spread.median
        rows.append([_("Gap between authorities"), _month(comparison.month), *[None] * (len(MEASURE_COLUMNS) + 1)])
        rows[-1][index] = spread.gap
    return rows


def cluster_table(lines, metric: str) -> list[list]:
    rows = [
        [
            _("Service"),
            _("Month"),
            _("Authorities"),
            _("Measure"),
            _("Cluster median"),
            _("Best"),
            _("Best authority"),
            _("Worst"),
            _("Worst authority"),
            _("Gap"),
        ]
    ]
    for line in lines:
        spread = line.spread
        rows.append(
            [
                str(line.service.name),
                _month(line.month),
                line.authorities,
                str(Metric(metric).label),
                spread.median,
                spread.best,
                str(spread.best_authority.name) if spread.best_authority else "",
                spread.worst,
                str(spread.worst_authority.name) if spread.worst_authority else "",
                spread.gap,
            ]
        )
    return rows


def authority_table(lines) -> list[list]:
    rows = [[_("Service"), _("Month"), *_measure_headers()]]
    for line in lines:
        rows.append([str(line.service.name), _month(line.month), *_measure_values(line.measure)])
    return rows


def national_table(month, lines, metric: str) -> list[list]:
    rows = [
        [
            _("Cluster"),
            _("Month"),
            _("Services"),
            _("Authorities"),
            _("Measure"),
            _("Median"),
            _("Best"),
            _("Worst"),
            _("Gap"),
        ]
    ]
    for line in lines:
        spread = line.spread
        rows.append(
            [
                str(line.cluster.name),
                _month(month),
                line.services,
                line.authorities,
                str(Metric(metric).label),
                spread.median,
                spread.best,
                spread.worst,
                spread.gap,
            ]
        )
    return rows
