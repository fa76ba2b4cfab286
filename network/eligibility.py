"""Which calls a cluster may apply to, and how well each fits it: pure functions over facts read elsewhere.

Eligibility: every criterion the call sets must hold (an empty criterion admits every cluster):

- region: the cluster's region is one of the call's;
- stage: the cluster's stage (forming, incorporated, operating) is one of the call's;
- authority kinds: at least one current member authority is of one of the call's kinds;
- socio-economic and peripherality clusters: at least one current member authority lies in the call's range
  (a call for weak or peripheral authorities is open to a cluster that has some);
- domains: the cluster runs or plans a service in one of the call's domains.

The matching share is shown, not checked: the cluster decides whether it can fund it.

Rank of an eligible call: 3 points per open need of the cluster among the call's needs, 2 points per lagging goal
(at risk or off track) whose service domain the call funds; ties go to the nearer deadline, then the older call.
"""

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from clusters.models import Authority, Cluster
from clusters.reference import Region, ServiceDomain

NEED_POINTS = 3
GOAL_POINTS = 2


@dataclass(frozen=True)
class MemberFacts:
    kind: str
    socioeconomic: int | None
    peripherality: int | None


@dataclass(frozen=True)
class ClusterFacts:
    """What eligibility reads about a cluster."""

    region: str
    stage: str
    members: tuple[MemberFacts, ...] = ()
    service_domains: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Criterion:
    code: str
    is_met: bool
    explanation: str


@dataclass
class Eligibility:
    criteria: list[Criterion] = field(default_factory=list)

    @property
    def is_eligible(self) -> bool:
        return all(criterion.is_met for criterion in self.criteria)

    @property
    def unmet(self) -> list[Criterion]:
        return [criterion for criterion in self.criteria if not criterion.is_met]


def _labels(choices, codes) -> str:
    return ", ".join(str(choices(code).label) for code in codes if code in choices)


def _in_range(value: int | None, low: int | None, high: int | None) -> bool:
    if value is None:
        return False
    return (low is None or value >= low) and (high is None or value <= high)


def _range_label(low, high) -> str:
    return f"{low or 1}–{high or 10}"


def check_eligibility(call, facts: ClusterFacts) -> Eligibility:
    """Each criterion the call sets, met or not, with a translated explanation."""
    result = Eligibility()
    if call.region_codes:
        met = facts.region in call.region_codes
        result.criteria.append(
            Criterion("region", met, format_lazy(_("Region: {regions}"), regions=_labels(Region, call.region_codes)))
        )
    if call.stage_codes:
        met = facts.stage in call.stage_codes
        result.criteria.append(
            Criterion(
                "stage", met, format_lazy(_("Cluster stage: {stages}"), stages=_labels(Cluster.Stage, call.stage_codes))
            )
        )
    if call.kind_codes:
        count = sum(1 for member in facts.members if member.kind in call.kind_codes)
        result.criteria.append(
            Criterion(
                "authority_kinds",
                count > 0,
                format_lazy(
                    ngettext_lazy(
                        "Authority kinds: {kinds} ({count} member authority)",
                        "Authority kinds: {kinds} ({count} member authorities)",
                        count,
                    ),
                    kinds=_labels(Authority.Kind, call.kind_codes),
                    count=count,
                ),
            )
        )
    if call.socioeconomic_min is not None or call.socioeconomic_max is not None:
        count = sum(
            1
            for member in facts.members
            if _in_range(member.socioeconomic, call.socioeconomic_min, call.socioeconomic_max)
        )
        result.criteria.append(
            Criterion(
                "socioeconomic",
                count > 0,
                format_lazy(
                    ngettext_lazy(
                        "Socio-economic cluster {range} ({count} member authority)",
                        "Socio-economic cluster {range} ({count} member authorities)",
                        count,
                    ),
                    range=_range_label(call.socioeconomic_min, call.socioeconomic_max),
                    count=count,
                ),
            )
        )
    if call.peripherality_min is not None or call.peripherality_max is not None:
        count = sum(
            1
            for member in facts.members
            if _in_range(member.peripherality, call.peripherality_min, call.peripherality_max)
        )
        result.criteria.append(
            Criterion(
                "peripherality",
                count > 0,
                format_lazy(
                    ngettext_lazy(
                        "Peripherality cluster {range} ({count} member authority)",
                        "Peripherality cluster {range} ({count} member authorities)",
                        count,
                    ),
                    range=_range_label(call.peripherality_min, call.peripherality_max),
                    count=count,
                ),
            )
        )
    if call.domain_codes:
        shared = [code for code in call.domain_codes if code in facts.service_domains]
        result.criteria.append(
            Criterion(
                "domains",
                bool(shared),
                format_lazy(_("A service in: {domains}"), domains=_labels(ServiceDomain, call.domain_codes)),
            )
        )
    return result


@dataclass
class RankedCall:
    call: object
    eligibility: Eligibility
    score: int = 0
    needs_matched: list = field(default_factory=list)
    goals_matched: list = field(default_factory=list)
    reasons: list = field(default_factory=list)
    application: object | None = None

    @property
    def explanation(self) -> str:
        return ", ".join(str(reason) for reason in self.reasons)


def rank_calls(
    *,
    calls,
    facts: ClusterFacts,
    open_needs: Collection,
    lagging_goals: Collection,
    today: date,
    applications: dict | None = None,
) -> tuple[list[RankedCall], list[RankedCall]]:
    """(eligible calls best first, calls the cluster is not eligible for), each explained.

    `calls` have their needs prefetched; `open_needs` are Need objects; `lagging_goals` are Goal objects with their
    service loaded (their domain is the service's); `applications` maps call id to the cluster's application.
    """
    open_by_code = {need.code: need for need in open_needs}
    applications = applications or {}
    eligible, others = [], []
    for call in calls:
        eligibility = check_eligibility(call, facts)
        ranked = RankedCall(call=call, eligibility=eligibility, application=applications.get(call.pk))
        if not eligibility.is_eligible:
            others.append(ranked)
            continue
        ranked.needs_matched = [open_by_code[need.code] for need in call.needs.all() if need.code in open_by_code]
        ranked.goals_matched = [goal for goal in lagging_goals if goal.service.domain in call.domain_codes]
        ranked.score = NEED_POINTS * len(ranked.needs_matched) + GOAL_POINTS * len(ranked.goals_matched)
        if ranked.needs_matched:
            ranked.reasons.append(
                format_lazy(
                    ngettext_lazy(
                        "helps with your open need: {needs}",
                        "helps with your open needs: {needs}",
                        len(ranked.needs_matched),
                    ),
                    needs=", ".join(need.label for need in ranked.needs_matched),
                )
            )
        if ranked.goals_matched:
            ranked.reasons.append(
                format_lazy(
                    ngettext_lazy(
                        "funds the domain of your lagging goal: {goals}",
                        "funds the domains of your lagging goals: {goals}",
                        len(ranked.goals_matched),
                    ),
                    goals=", ".join(goal.display_name for goal in ranked.goals_matched),
                )
            )
        days = (call.deadline - today).days
        ranked.reasons.append(
            format_lazy(ngettext_lazy("{days} day to the deadline", "{days} days to the deadline", days), days=days)
        )
        eligible.append(ranked)
    eligible.sort(key=lambda item: (-item.score, item.call.deadline, item.call.pk))
    others.sort(key=lambda item: (item.call.deadline, item.call.pk))
    return eligible, others
