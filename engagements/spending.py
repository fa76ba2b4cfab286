"""Spending against the work plan: burn per line, per goal and per core service against the time elapsed.

Attribution is computed here, in engagements, because clusters sits below and cannot read engagements; the CEO's
work-plan page and oversight's drill-down both read it through engagements.selectors. Each engagement's cost
approved this year goes to this year's work-plan lines that serve one of its goals (clusters.selectors), split
evenly between them; an engagement that serves no line's goal is shown
as unattributed. The CEO's other spending is recorded on the lines themselves. A line's budget and spending are
split evenly between its goals, and a goal's add up to its service's, so every total adds up.

A line is expected to have spent its budget evenly from its start to its end date: expected burn is the share of that
period elapsed. The plan's expected burn weighs each line's by its budget.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from clusters import selectors as cluster_selectors
from clusters.models import Service

HUNDREDTH = Decimal("0.01")
ZERO = Decimal(0)


def elapsed_share(*, starts_on: date, ends_on: date, today: date) -> Decimal:
    """The share of the days from start to end (both included) that have passed by today (included)."""
    total = (ends_on - starts_on).days + 1
    done = (min(today, ends_on) - starts_on).days + 1
    return min(Decimal(1), max(ZERO, Decimal(done) / Decimal(total)))


@dataclass(frozen=True)
class Burn:
    label: str
    budget: Decimal
    engagement_cost: Decimal
    other_spending: Decimal
    expected_share: Decimal  # of the budget, from the time elapsed

    @property
    def spent(self) -> Decimal:
        return (self.engagement_cost + self.other_spending).quantize(HUNDREDTH)

    @property
    def share(self) -> Decimal | None:
        """Spent as a share of the budget (None without a budget)."""
        return (self.spent / self.budget).quantize(Decimal("0.0001")) if self.budget else None

    @property
    def percent(self) -> int | None:
        return None if self.share is None else int((self.share * 100).to_integral_value())

    @property
    def expected_percent(self) -> int:
        return int((self.expected_share * 100).to_integral_value())

    @property
    def bar_percent(self) -> int:
        return 0 if self.percent is None else max(0, min(100, self.percent))


@dataclass(frozen=True)
class PlanBurn:
    lines: list = field(default_factory=list)
    goals: list = field(default_factory=list)
    services: list = field(default_factory=list)
    total: Burn | None = None
    unattributed: Decimal = ZERO  # engagement cost serving no line's goal

    @property
    def tables(self) -> list[tuple]:
        """The tables the pages show: (caption, rows, key) by line, goal, core service and for the whole plan."""
        return [
            (_("By work-plan line"), self.lines, "lines"),
            (_("By goal"), self.goals, "goals"),
            (_("By core service"), self.services, "services"),
            (_("Whole plan"), [self.total] if self.total else [], "total"),
        ]


def _sum(parts: list[tuple[Decimal, Decimal, Decimal, Decimal]], label: str) -> Burn:
    budget = sum((p[0] for p in parts), ZERO)
    engagement = sum((p[1] for p in parts), ZERO)
    other = sum((p[2] for p in parts), ZERO)
    expected = sum((p[0] * p[3] for p in parts), ZERO) / budget if budget else ZERO
    return Burn(
        label,
        budget.quantize(HUNDREDTH),
        engagement.quantize(HUNDREDTH),
        other.quantize(HUNDREDTH),
        expected.quantize(Decimal("0.0001")),
    )


def burn_by_cluster(*, cluster_ids, year: int, today: date, summaries=None, goals=None) -> dict[int, PlanBurn]:
    """Each cluster's burn for the year's work plan, by cluster id (three queries, or one with `summaries` and
    `goals` given)."""
    cluster_ids = list(cluster_ids)
    lines = cluster_selectors.plan_lines_by_cluster(cluster_ids=cluster_ids, year=year, today=today)
    if summaries is None:
        from .selectors import engagement_summaries

        summaries = engagement_summaries(
            cluster_ids=cluster_ids, period_start=date(year, 1, 1), period_end=date(year, 12, 31)
        )
    if goals is None:
        goals = cluster_selectors.goals_by_pk(cluster_ids=cluster_ids)
    engagement_cost = {line.item_id: ZERO for cluster in lines.values() for line in cluster}
    unattributed = dict.fromkeys(cluster_ids, ZERO)
    for summary in summaries:
        served = [line for line in lines[summary.cluster_id] if set(line.goal_ids) & set(summary.goal_ids)]
        if not served:
            unattributed[summary.cluster_id] += summary.approved_cost
            continue
        for line in served:
            engagement_cost[line.item_id] += summary.approved_cost / len(served)
    result = {}
    for cluster_id in cluster_ids:
        rows, by_goal = [], {}
        for line in lines[cluster_id]:
            expected = elapsed_share(starts_on=line.starts_on, ends_on=line.ends_on, today=today)
            part = (Decimal(line.budget), engagement_cost[line.item_id], Decimal(line.other_spending), expected)
            rows.append((line, part))
            for goal_id in line.goal_ids:
                share = len(line.goal_ids)
                by_goal.setdefault(goal_id, []).append((part[0] / share, part[1] / share, part[2] / share, expected))
        if not rows:
            result[cluster_id] = PlanBurn(unattributed=unattributed[cluster_id].quantize(HUNDREDTH))
            continue
        goal_burns, by_service = [], {}
        for goal_id, parts in sorted(by_goal.items()):
            goal = goals.get(goal_id)
            if goal is None:
                continue
            goal_burns.append(_sum(parts, goal.display_name))
            if goal.service.level == Service.Level.CORE:
                by_service.setdefault(goal.service_id, (goal.service, []))[1].extend(parts)
        result[cluster_id] = PlanBurn(
            lines=[_sum([part], line.title) for line, part in rows],
            goals=goal_burns,
            services=[_sum(parts, service.name) for service, parts in by_service.values()],
            total=_sum([part for _line, part in rows], ""),
            unattributed=unattributed[cluster_id].quantize(HUNDREDTH),
        )
    return result
