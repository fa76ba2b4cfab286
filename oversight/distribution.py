"""The national distribution on the dashboard: clusters by red / amber / green status and core-service goals by
progress status, as counts with server-side SVG bar lengths (no script, so the strict CSP holds)."""

from dataclasses import dataclass

from clusters.progress import AT_RISK, NO_DATA, OFF_TRACK, ON_TRACK
from clusters.progress import STATUS_LABELS as GOAL_LABELS

from .rules import AMBER, GREEN, RED, STATUS_LABELS

BAR_WIDTH = 200
COLOURS = {
    RED: "#b02a37",
    AMBER: "#997404",
    GREEN: "#146c43",
    OFF_TRACK: "#b02a37",
    AT_RISK: "#997404",
    ON_TRACK: "#146c43",
    NO_DATA: "#6c757d",
}


@dataclass(frozen=True)
class Bar:
    code: str
    label: str
    count: int
    width: int  # SVG length, proportional to the largest count of its chart
    colour: str


def _bars(counts: dict, labels: dict) -> list[Bar]:
    largest = max(counts.values(), default=0) or 1
    return [
        Bar(code, str(labels[code]), count, round(count / largest * BAR_WIDTH), COLOURS[code])
        for code, count in counts.items()
    ]


def national_distribution(rows) -> dict:
    """Counts of the dashboard's rows by status and of their core-service goals by progress status."""
    clusters = dict.fromkeys((RED, AMBER, GREEN), 0)
    goals = dict.fromkeys((OFF_TRACK, AT_RISK, ON_TRACK, NO_DATA), 0)
    for row in rows:
        clusters[row.status] += 1
        for item in row.goals:
            goals[item.progress.status] = goals.get(item.progress.status, 0) + 1
    return {
        "clusters": _bars(clusters, STATUS_LABELS),
        "goals": _bars(goals, GOAL_LABELS),
        "width": BAR_WIDTH,
    }
