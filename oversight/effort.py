"""Engagement effort per cluster for a year: approved hours and cost, by need group.

Reads engagements.selectors.engagement_summaries (what clusters submit: hours, cost, needs, goals, organisation;
never the advice itself) and the needs taxonomy of advisors.selectors. Five queries whatever the number of
clusters, engagements or work logs.

An engagement's hours and cost are split evenly between the need groups it addresses, so the groups add up to the
cluster's total; an engagement without needs counts under "no need group".
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from advisors import selectors as advisor_selectors
from engagements import selectors as engagement_selectors

HUNDREDTH = Decimal("0.01")


@dataclass(frozen=True)
class GroupEffort:
    label: str
    hours: Decimal
    cost: Decimal
    code: str = ""  # the need group's code; empty for "no need group"


@dataclass(frozen=True)
class SummaryRow:
    """One engagement summary with the labels the page shows."""

    organisation: str
    model: str
    needs: list[str]
    goals_served: list[str]
    approved_hours: Decimal
    approved_cost: Decimal
    state: str


@dataclass(frozen=True)
class Effort:
    hours: Decimal = Decimal(0)
    cost: Decimal = Decimal(0)
    engagements: int = 0
    groups: list[GroupEffort] = field(default_factory=list)
    summaries: list[SummaryRow] = field(default_factory=list)

    @property
    def groups_text(self) -> str:
        return "; ".join(
            gettext("%(group)s: %(hours)s h, ₪%(cost)s") % {"group": g.label, "hours": g.hours, "cost": g.cost}
            for g in self.groups
        )


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _taxonomy():
    """need code -> (group position, group label) and need code -> need label."""
    groups, labels = {}, {}
    for group in advisor_selectors.need_groups():
        for need in group.needs.all():
            groups[need.code] = (group.position, group.code, group.label)
            labels[need.code] = need.label
    return groups, labels


def effort_by_cluster(*, cluster_ids, year: int, summaries=None) -> dict[int, Effort]:
    """Each cluster's engagement effort in the year (approved work logs dated in the year), by cluster id; the
    year's engagement summaries may be passed in when the caller has them already."""
    cluster_ids = list(cluster_ids)
    start, end = year_bounds(year)
    if summaries is None:
        summaries = engagement_selectors.engagement_summaries(
            cluster_ids=cluster_ids, period_start=start, period_end=end
        )
    groups_of, need_labels = _taxonomy()
    collected = {
        cluster_id: {"hours": Decimal(0), "cost": Decimal(0), "groups": {}, "rows": []} for cluster_id in cluster_ids
    }
    no_group = (10_000, "", str(_("No need group")))
    labels = {}  # (model, state) -> their labels, translated once per request
    for summary in summaries:
        bucket = collected[summary.cluster_id]
        bucket["hours"] += summary.approved_hours
        bucket["cost"] += summary.approved_cost
        groups = sorted({groups_of.get(code, no_group) for code in summary.needs}) or [no_group]
        for group in groups:
            hours, cost = bucket["groups"].get(group, (Decimal(0), Decimal(0)))
            bucket["groups"][group] = (
                hours + summary.approved_hours / len(groups),
                cost + summary.approved_cost / len(groups),
            )
        key = (summary.model, summary.state)
        if key not in labels:
            labels[key] = engagement_selectors.summary_labels(model=summary.model, state=summary.state)
        model_label, state_label = labels[key]
        bucket["rows"].append(
            SummaryRow(
                organisation=summary.advisor_organisation,
                model=model_label or summary.model,
                needs=[str(need_labels.get(code, code)) for code in summary.needs],
                goals_served=summary.goals_served,
                approved_hours=summary.approved_hours,
                approved_cost=summary.approved_cost,
                state=state_label or summary.state,
            )
        )
    return {
        cluster_id: Effort(
            hours=bucket["hours"].quantize(HUNDREDTH),
            cost=bucket["cost"].quantize(HUNDREDTH),
            engagements=len(bucket["rows"]),
            groups=[
                GroupEffort(str(group[2]), hours.quantize(HUNDREDTH), cost.quantize(HUNDREDTH), group[1])
                for group, (hours, cost) in sorted(bucket["groups"].items())
            ],
            summaries=bucket["rows"],
        )
        for cluster_id, bucket in collected.items()
    }
