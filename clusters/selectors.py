"""The clusters app's read API for the apps above it (engagements, oversight).

They call these functions and read the returned objects; they do not query this app's models themselves.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Sum, Value, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.counts import count_of
from accounts.models import RoleAssignment
from accounts.roles import Role

from .models import (
    Authority,
    AuthorityValue,
    Channel,
    Cluster,
    Goal,
    Horizon,
    Measurement,
    Membership,
    Outcome,
    Pilot,
    Rebaseline,
    Service,
    StrategicPlan,
    StrategicPlanApproval,
    WorkPlan,
    WorkPlanApproval,
    WorkPlanItem,
)
from .progress import Member, Point, Progress, check_composition, check_core_services, compute_progress


@dataclass(frozen=True)
class GoalWithProgress:
    goal: Goal
    progress: Progress
    latest: Measurement | None


@dataclass(frozen=True)
class WorkPlanState:
    plan: WorkPlan | None
    year: int
    status: str | None
    approvals: int
    board_size: int

    @property
    def is_ready_for_oversight(self) -> bool:
        return self.status == WorkPlan.Status.APPROVED


@dataclass(frozen=True)
class Leadership:
    ceo: object | None
    ceo_vacant_since: date | None
    chair: object | None
    board: list

    @property
    def is_ceo_seat_vacant(self) -> bool:
        return self.ceo is None


def leadership(*, cluster: Cluster) -> Leadership:
    """The cluster's CEO (or since when the seat is vacant), chair and board, from the role assignments.

    A vacancy dates from the end of the last CEO assignment, or from the date recorded on the cluster when
    no CEO was ever assigned here.
    """
    today = timezone.localdate()
    assignments = list(
        RoleAssignment.objects.for_scope(cluster)
        .filter(role__in=[Role.CLUSTER_CEO, Role.BOARD_MEMBER])
        .select_related("user")
    )
    active = [a for a in assignments if a.starts_on <= today and (a.ended_on is None or a.ended_on > today)]
    ceo = next((a.user for a in active if a.role == Role.CLUSTER_CEO), None)
    vacant_since = None
    if ceo is None:
        ended = [a.ended_on for a in assignments if a.role == Role.CLUSTER_CEO and a.ended_on]
        vacant_since = max(ended) if ended else cluster.ceo_vacant_since
    board = [a.user for a in active if a.role == Role.BOARD_MEMBER]
    return Leadership(ceo, vacant_since, cluster.chair, board)


def current_members(*, cluster: Cluster) -> list[Authority]:
    """The cluster's current member authorities (one query)."""
    return [m.authority for m in Membership.objects.current().filter(cluster=cluster).select_related("authority")]


def composition_warnings(*, members: list[Authority]) -> list:
    """The programme's composition criteria for these members, as warnings with the numbers."""
    return check_composition([Member(a.kind, a.population, a.socioeconomic_cluster) for a in members])


def core_service_warnings(*, services) -> list:
    """The programme's rule of one to two operating core services, for these services of one cluster."""
    core = [s for s in services if s.level == Service.Level.CORE]
    return check_core_services(
        core_services=len(core), operating_core_services=sum(1 for s in core if s.status == Service.Status.OPERATING)
    )


def services_of(*, cluster: Cluster) -> QuerySet[Service]:
    """The cluster's services with their participating authorities."""
    return Service.objects.filter(cluster=cluster).prefetch_related("participants")


def _goals(queryset: QuerySet[Goal]) -> QuerySet[Goal]:
    return queryset.select_related("service").prefetch_related(
        Prefetch("measurements", queryset=Measurement.objects.prefetch_related("authority_values"))
    )


def progress_of(goal: Goal, *, today: date | None = None) -> GoalWithProgress:
    """A goal's computed progress from its measurements (uses prefetched measurements when present)."""
    measurements = list(goal.measurements.all())
    points = [
        Point(m.period_start, m.value, {v.authority_id: v.value for v in m.authority_values.all()})
        for m in measurements
    ]
    progress = compute_progress(
        kind=goal.kind,
        baseline=goal.baseline_value,
        target_value=goal.target_value,
        target_percent=goal.target_percent,
        baseline_on=goal.baseline_on,
        target_on=goal.target_on,
        points=points,
        today=today or timezone.localdate(),
    )
    latest = max(measurements, key=lambda m: m.period_start) if measurements else None
    return GoalWithProgress(goal, progress, latest)


@dataclass(frozen=True)
class AuthorityValues:
    """A gap goal's values per member authority: at the first and the latest measurement that has them."""

    goal: Goal
    first_label: str
    latest_label: str
    rows: list  # [(Authority, first value or None, latest value or None)], highest latest value first
    first_gap: object
    latest_gap: object


def authority_values_of_gap_goals(*, goals: list[GoalWithProgress]) -> dict[int, AuthorityValues]:
    """Per-authority values behind each gap goal, by goal id, from goals fetched with `goals_with_progress`
    (one query for the authorities' names)."""
    found = {}
    for item in goals:
        if item.goal.kind != Goal.Kind.GAP:
            continue
        measured = [
            m for m in sorted(item.goal.measurements.all(), key=lambda m: m.period_start) if m.authority_values.all()
        ]
        if measured:
            found[item.goal.pk] = (item.goal, measured[0], measured[-1])
    ids = {
        v.authority_id for _g, first, last in found.values() for m in (first, last) for v in m.authority_values.all()
    }
    authorities = Authority.objects.in_bulk(ids) if ids else {}
    result = {}
    for goal_id, (goal, first, last) in found.items():
        first_values = {v.authority_id: v.value for v in first.authority_values.all()}
        last_values = {v.authority_id: v.value for v in last.authority_values.all()}
        keys = sorted(set(first_values) | set(last_values), key=lambda k: (-(last_values.get(k) or 0), k))
        rows = [(authorities[k], first_values.get(k), last_values.get(k)) for k in keys]
        result[goal_id] = AuthorityValues(
            goal,
            first.period_label,
            last.period_label,
            rows,
            max(first_values.values()) - min(first_values.values()) if len(first_values) > 1 else None,
            max(last_values.values()) - min(last_values.values()) if len(last_values) > 1 else None,
        )
    return result


def goals_with_progress(*, cluster: Cluster, today: date | None = None) -> list[GoalWithProgress]:
    """Every goal of the cluster's services with its computed progress and latest measurement (three queries)."""
    goals = _goals(Goal.objects.filter(service__cluster=cluster).order_by("service_id", "pk"))
    return [progress_of(goal, today=today) for goal in goals]


def goal_progress(*, cluster: Cluster, today: date | None = None) -> list[GoalWithProgress]:
    """Every goal of the cluster's services with its progress, read as plain rows (three queries): for a page that
    shows progress only. Each `latest` holds only its period and value, and `goal.measurements` is not read; a page
    that shows measurements or per-authority values uses `goals_with_progress`."""
    return goals_with_progress_by_cluster(cluster_ids=[cluster.pk], today=today)[cluster.pk]


def goal_with_progress(*, goal_id: int, today: date | None = None) -> GoalWithProgress:
    return progress_of(_goals(Goal.objects.all()).get(pk=goal_id), today=today)


def goals_with_progress_by_cluster(*, cluster_ids, today: date | None = None) -> dict[int, list[GoalWithProgress]]:
    """Goals with progress for many clusters at once (a national view), by cluster id; three queries.

    Measurements and per-authority values are read as plain rows, not model instances: a national view reads
    every one of them. Each goal's `latest` is a Measurement holding only its period and value. As with prefetching,
    the measurements and values are not queried when there is nothing to read them for."""
    today = today or timezone.localdate()
    cluster_ids = list(cluster_ids)
    result = {cluster_id: [] for cluster_id in cluster_ids}
    goals = list(
        Goal.objects.filter(service__cluster_id__in=cluster_ids).select_related("service").order_by("service_id", "pk")
    )
    rows, values = {}, {}
    if goals:
        for row in (
            Measurement.objects.filter(goal__service__cluster_id__in=cluster_ids)
            .order_by("goal_id", "period_start")
            .values_list("pk", "goal_id", "period_kind", "period_start", "value")
        ):
            rows.setdefault(row[1], []).append(row)
    if rows:
        for measurement_id, authority_id, value in AuthorityValue.objects.filter(
            measurement__goal__service__cluster_id__in=cluster_ids
        ).values_list("measurement_id", "authority_id", "value"):
            values.setdefault(measurement_id, {})[authority_id] = value
    for goal in goals:
        measured = rows.get(goal.pk, [])
        points = [Point(start, value, values.get(pk, {})) for pk, _goal, _kind, start, value in measured]
        progress = compute_progress(
            kind=goal.kind,
            baseline=goal.baseline_value,
            target_value=goal.target_value,
            target_percent=goal.target_percent,
            baseline_on=goal.baseline_on,
            target_on=goal.target_on,
            points=points,
            today=today,
        )
        latest = None
        if measured:
            pk, goal_id, kind, start, value = measured[-1]
            latest = Measurement(pk=pk, goal_id=goal_id, period_kind=kind, period_start=start, value=value)
        result[goal.service.cluster_id].append(GoalWithProgress(goal, progress, latest))
    return result


def latest_measurements(*, cluster: Cluster) -> dict[int, Measurement]:
    """The latest measurement of each goal of the cluster, by goal id."""
    latest = {}
    for measurement in Measurement.objects.filter(goal__service__cluster=cluster).order_by("goal_id", "period_start"):
        latest[measurement.goal_id] = measurement
    return latest


def work_plan_state(*, cluster: Cluster, year: int | None = None) -> WorkPlanState:
    """The state of the cluster's work plan for a year (this year by default), and its board approvals."""
    year = year or timezone.localdate().year
    board = RoleAssignment.objects.for_scope(cluster).active().filter(role=Role.BOARD_MEMBER)
    plan = (
        WorkPlan.objects.filter(cluster=cluster, year=year)
        .annotate(
            approval_count=count_of(WorkPlanApproval.objects.filter(plan=OuterRef("pk"))), board_size=count_of(board)
        )
        .first()
    )
    if plan is None:
        return WorkPlanState(None, year, None, 0, board.count())
    return WorkPlanState(plan, year, plan.status, plan.approval_count, plan.board_size)


def member_counts_by_cluster(*, cluster_ids) -> dict[int, int]:
    """The number of current member authorities of each cluster, by cluster id (one query)."""
    from django.db.models import Count

    counts = dict.fromkeys(cluster_ids, 0)
    rows = (
        Membership.objects.current()
        .filter(cluster_id__in=list(cluster_ids))
        .values("cluster_id")
        .annotate(count=Count("pk"))
        .values_list("cluster_id", "count")
    )
    counts.update(dict(rows))
    return counts


def services_by_cluster(*, cluster_ids) -> dict[int, list[Service]]:
    """The services of many clusters, by cluster id (one query)."""
    result = {cluster_id: [] for cluster_id in cluster_ids}
    for service in Service.objects.filter(cluster_id__in=list(cluster_ids)).order_by("cluster_id", "pk"):
        result[service.cluster_id].append(service)
    return result


def ceo_vacancies_by_cluster(*, clusters) -> dict[int, date | None]:
    """Since when each cluster's CEO seat is vacant (None when a CEO is in office), by cluster id (one query).

    The same reading as `leadership`: a vacancy dates from the end of the last CEO assignment, or from the date
    recorded on the cluster when no CEO was ever assigned there.
    """
    today = timezone.localdate()
    clusters = list(clusters)
    assignments = RoleAssignment.objects.filter(
        scope_id__in=[c.pk for c in clusters],
        role=Role.CLUSTER_CEO,
        scope_type__app_label="clusters",
        scope_type__model="cluster",
    ).values_list("scope_id", "starts_on", "ended_on")
    in_office, last_ended = set(), {}
    for scope_id, starts_on, ended_on in assignments:
        if starts_on <= today and (ended_on is None or ended_on > today):
            in_office.add(scope_id)
        elif ended_on and ended_on <= today:
            last_ended[scope_id] = max(ended_on, last_ended.get(scope_id, ended_on))
    return {c.pk: None if c.pk in in_office else last_ended.get(c.pk, c.ceo_vacant_since) for c in clusters}


def work_plan_statuses_by_cluster(*, cluster_ids, year: int) -> dict[int, str | None]:
    """The status of each cluster's work plan for a year (None when there is none), by cluster id (one query)."""
    statuses = dict.fromkeys(cluster_ids)
    statuses.update(
        dict(WorkPlan.objects.filter(cluster_id__in=list(cluster_ids), year=year).values_list("cluster_id", "status"))
    )
    return statuses


def work_plans_for_review(
    *, cluster_ids, plan_ids=None, with_items: bool = True, summarised: bool = False
) -> list[WorkPlan]:
    """The board-approved work plans of these clusters (any year, or only `plan_ids`), with their cluster, and with
    `with_items` their items and the items' goals (three queries; one without). With `summarised` each plan carries
    its number of items and their budget (`item_count`, `items_budget`) counted in the same one query instead.
    `approved_at` tells one board approval from the next after a plan was reopened."""
    plans = approved_work_plans(cluster_ids=cluster_ids)
    if plan_ids is not None:
        plans = plans.filter(pk__in=list(plan_ids))
    plans = plans.select_related("cluster").order_by("approved_at", "pk")
    if summarised:
        plans = plans.annotate(
            item_count=Count("items"), items_budget=Coalesce(Sum("items__budget_amount"), Value(Decimal(0)))
        )
    return list(plans.prefetch_related("items__goals") if with_items else plans)


def approved_work_plans(*, cluster_ids):
    """The board-approved work plans of these clusters (ids, or a subquery of them), as a queryset (to count in the
    database)."""
    return WorkPlan.objects.filter(cluster_id__in=cluster_ids, status=WorkPlan.Status.APPROVED)


def read_work_plan_items(plans: list[WorkPlan]) -> None:
    """Read these work plans' items and the items' goals into them (two queries for any number of plans)."""
    prefetch_related_objects(plans, "items__goals")


def rebaselines_for_review(*, cluster_ids, rebaseline_id: int | None = None) -> list[Rebaseline]:
    """The re-baselinings of these clusters' goals (or only `rebaseline_id`), oldest first, with the goal, its service
    and cluster and who changed it (one query)."""
    rebaselines = Rebaseline.objects.filter(goal__service__cluster_id__in=list(cluster_ids))
    if rebaseline_id is not None:
        rebaselines = rebaselines.filter(pk=rebaseline_id)
    return list(rebaselines.select_related("goal__service__cluster", "changed_by").order_by("changed_at", "pk"))


# --- what the public reads (the api app's public pages and open data) ------------------------------------------


@dataclass(frozen=True)
class PublicClusterSummary:
    cluster: Cluster
    members: int
    core_services: int
    operating_core_services: int
    published_goals: int


@dataclass(frozen=True)
class PublicPlan:
    """The public part of a board-approved annual work plan: its items and the published goals each serves."""

    year: int
    approved_at: object
    items: list  # [(WorkPlanItem, [Goal published])]


@dataclass(frozen=True)
class PublicCluster:
    cluster: Cluster
    members: list[Authority]
    services: list[Service]
    goals: list[GoalWithProgress]  # published goals only
    work_plan: PublicPlan | None
    strategic_plan: "PublicStrategicPlan | None"  # the strategic plan's public parts, where the CEO published them


def public_cluster_summaries() -> list[PublicClusterSummary]:
    """Every cluster with the counts its public index shows, by region and name (four queries)."""
    clusters = list(Cluster.objects.order_by("region", "name_he", "pk"))
    ids = [c.pk for c in clusters]
    members = member_counts_by_cluster(cluster_ids=ids)
    services = services_by_cluster(cluster_ids=ids)
    published = dict(
        Goal.objects.filter(is_public=True, service__cluster_id__in=ids)
        .values("service__cluster_id")
        .annotate(count=Count("pk"))
        .values_list("service__cluster_id", "count")
    )
    rows = []
    for cluster in clusters:
        core = [s for s in services[cluster.pk] if s.level == Service.Level.CORE]
        rows.append(
            PublicClusterSummary(
                cluster=cluster,
                members=members[cluster.pk],
                core_services=len(core),
                operating_core_services=sum(1 for s in core if s.status == Service.Status.OPERATING),
                published_goals=published.get(cluster.pk, 0),
            )
        )
    return rows


def public_clusters() -> QuerySet[Cluster]:
    """The clusters that have a public page: all of them (their composition and services are public facts)."""
    return Cluster.objects.order_by("region", "name_he", "pk")


def published_goals_with_progress(*, cluster_ids=None, today: date | None = None) -> list[GoalWithProgress]:
    """The goals their cluster's CEO published, with progress, by cluster and service (three queries).

    `cluster_ids` None: every cluster (the national open-data file)."""
    goals = Goal.objects.filter(is_public=True)
    if cluster_ids is not None:
        goals = goals.filter(service__cluster_id__in=list(cluster_ids))
    goals = _goals(goals.select_related("service__cluster").order_by("service__cluster_id", "service_id", "pk"))
    return [progress_of(goal, today=today) for goal in goals]


def public_work_plan(*, cluster: Cluster) -> PublicPlan | None:
    """The latest board-approved work plan of the cluster with its items and their published goals (two queries);
    None when no plan was approved. Drafts and plans awaiting the board are not public."""
    plan = (
        WorkPlan.objects.filter(cluster=cluster, status=WorkPlan.Status.APPROVED)
        .prefetch_related(Prefetch("items__goals", queryset=Goal.objects.filter(is_public=True).order_by("pk")))
        .order_by("-year")
        .first()
    )
    if plan is None:
        return None
    return PublicPlan(plan.year, plan.approved_at, [(item, list(item.goals.all())) for item in plan.items.all()])


@dataclass(frozen=True)
class PublicOutcome:
    outcome: Outcome
    goals: list  # the published goals that measure it (unpublished ones are left out)


@dataclass(frozen=True)
class PublicPilot:
    """A pilot of a board-approved work plan: its dates and the CEO's decision, never the evidence or the reason."""

    title: str
    starts_on: date
    measurement_due_on: date
    review_due_on: date
    decision: str
    decision_label: str
    decided_on: date | None
    budget: object | None  # the line's budget, only where the CEO published the plan's budgets


@dataclass(frozen=True)
class PublicStrategicPlan:
    """The public parts of the latest board-approved version of a cluster's strategic plan."""

    plan: StrategicPlan
    horizons: list  # [(value, label, [PublicOutcome])]
    channels: list  # [(value, label, [PublicOutcome], [Milestone])] for the channels the plan works in
    milestones: list
    pilots: list[PublicPilot]


def public_strategic_plan(*, cluster: Cluster) -> PublicStrategicPlan | None:
    """The public parts of the cluster's strategic plan, where its CEO published it (None otherwise, or before the
    board approved a version): vision, strategic goals, the logic model's outcomes by horizon and channel with the
    published goals measuring them, the timeline, and the pilots of board-approved work plans with their decision.
    Budgets only where the CEO published them; nothing of oversight's review. Five queries when published."""
    if not cluster.is_strategic_plan_public:
        return None
    plan = (
        StrategicPlan.objects.approved()
        .filter(cluster=cluster)
        .prefetch_related(
            Prefetch("outcomes__measured_by", queryset=Goal.objects.filter(is_public=True).order_by("pk")),
            "milestones",
        )
        .order_by("-version")
        .first()
    )
    if plan is None:
        return None
    outcomes = [PublicOutcome(o, list(o.measured_by.all())) for o in plan.outcomes.all()]
    milestones = list(plan.milestones.all())
    pilots = (
        Pilot.objects.filter(item__plan__cluster=cluster, item__plan__status=WorkPlan.Status.APPROVED)
        .select_related("item")
        .order_by("starts_on", "pk")
    )
    channels = [
        (
            value,
            label,
            [o for o in outcomes if o.outcome.channel == value],
            [m for m in milestones if m.channel == value],
        )
        for value, label in Channel.choices
    ]
    return PublicStrategicPlan(
        plan=plan,
        horizons=[
            (value, label, [o for o in outcomes if o.outcome.horizon == value]) for value, label in Horizon.choices
        ],
        channels=[row for row in channels if row[2] or row[3]],
        milestones=milestones,
        pilots=[
            PublicPilot(
                title=pilot.item.title,
                starts_on=pilot.starts_on,
                measurement_due_on=pilot.measurement_due_on,
                review_due_on=pilot.review_due_on,
                decision=pilot.decision,
                decision_label=str(pilot.get_decision_display()) if pilot.decision else "",
                decided_on=pilot.decided_on,
                budget=pilot.item.budget_amount if cluster.is_plan_budget_public else None,
            )
            for pilot in pilots
        ],
    )


def public_cluster(*, cluster_id: int, today: date | None = None) -> PublicCluster:
    """Everything a cluster's public page shows; raises Cluster.DoesNotExist. A fixed number of queries
    whatever the number of members, services, goals, measurements or plan items."""
    cluster = Cluster.objects.get(pk=cluster_id)
    return PublicCluster(
        cluster=cluster,
        members=sorted(current_members(cluster=cluster), key=lambda a: str(a.name)),
        services=list(Service.objects.filter(cluster=cluster).order_by("level", "name_he", "pk")),
        goals=published_goals_with_progress(cluster_ids=[cluster.pk], today=today),
        work_plan=public_work_plan(cluster=cluster),
        strategic_plan=public_strategic_plan(cluster=cluster),
    )


def goals_for_publication(*, cluster: Cluster) -> list[Goal]:
    """The cluster's goals with their service, for the CEO's publish switches (one query)."""
    return list(Goal.objects.filter(service__cluster=cluster).select_related("service").order_by("service_id", "pk"))


# --- querysets for the read-only API (the api app scopes them to the clusters a person may read) ----------------


def clusters_in(*, cluster_ids) -> QuerySet[Cluster]:
    return Cluster.objects.filter(pk__in=list(cluster_ids))


def authorities_of_clusters(*, cluster_ids) -> QuerySet[Authority]:
    """The current member authorities of these clusters."""
    members = Membership.objects.current().filter(cluster_id__in=list(cluster_ids)).values("authority_id")
    return Authority.objects.filter(pk__in=members)


def services_of_clusters(*, cluster_ids) -> QuerySet[Service]:
    return Service.objects.filter(cluster_id__in=list(cluster_ids)).prefetch_related("participants")


def goals_of_clusters(*, cluster_ids) -> QuerySet[Goal]:
    """Goals with what their progress needs prefetched (progress_of reads no more rows)."""
    return _goals(Goal.objects.filter(service__cluster_id__in=list(cluster_ids)).select_related("service"))


def measurements_of_clusters(*, cluster_ids) -> QuerySet[Measurement]:
    return Measurement.objects.filter(goal__service__cluster_id__in=list(cluster_ids)).select_related("goal__service")


def work_plans_of_clusters(*, cluster_ids) -> QuerySet[WorkPlan]:
    from django.db.models import Count

    return WorkPlan.objects.filter(cluster_id__in=list(cluster_ids)).annotate(
        item_count=Count("items", distinct=True), approval_count=Count("approvals", distinct=True)
    )


# Strategic plan and pilots ---------------------------------------------------------------------------------------


def _plan_queryset():
    return StrategicPlan.objects.select_related("cluster", "created_by").prefetch_related(
        Prefetch(
            "outcomes",
            queryset=Outcome.objects.prefetch_related(
                Prefetch("measured_by", queryset=Goal.objects.select_related("service"))
            ),
        ),
        "milestones",
        Prefetch("approvals", queryset=StrategicPlanApproval.objects.select_related("approved_by")),
    )


def strategic_plan(*, plan_id: int) -> StrategicPlan:
    """One plan version with its logic model (outcomes and the goals measuring them), timeline and board approvals
    (five queries whatever their number)."""
    return _plan_queryset().get(pk=plan_id)


def strategic_plan_pilots(*, plan: StrategicPlan) -> list[Pilot]:
    """The pilots of the cluster's work plans for the plan's years, by start, with their work plan and the outcome
    their item serves (one query whatever their number). Their checkpoints are `measurement_due_on` (six months)
    and `review_due_on` (nine)."""
    return list(
        Pilot.objects.filter(
            item__plan__cluster_id=plan.cluster_id, item__plan__year__range=(plan.starts_year, plan.ends_year)
        )
        .select_related("item__plan", "item__outcome")
        .order_by("starts_on", "pk")
    )


def strategic_plan_versions(*, cluster: Cluster) -> list[StrategicPlan]:
    """Every version of the cluster's plan, newest first (one query)."""
    return list(StrategicPlan.objects.filter(cluster=cluster).order_by("-version"))


def outcomes_to_serve(*, cluster: Cluster) -> QuerySet[Outcome]:
    """The outcomes a work-plan item may serve: those of the cluster's latest approved plan version, or of its
    draft while none is approved."""
    approved = StrategicPlan.objects.approved().filter(cluster=cluster).order_by("-version").first()
    plan = approved or StrategicPlan.objects.filter(cluster=cluster).order_by("-version").first()
    return Outcome.objects.filter(plan=plan).order_by("horizon", "pk") if plan else Outcome.objects.none()


def strategic_plans_for_review(*, cluster_ids, plan_id: int | None = None) -> list[StrategicPlan]:
    """The board-approved plan versions of these clusters (or only `plan_id`) with their cluster (one query)."""
    plans = approved_strategic_plans(cluster_ids=cluster_ids)
    if plan_id is not None:
        plans = plans.filter(pk=plan_id)
    return list(plans.select_related("cluster").order_by("approved_at", "pk"))


def approved_strategic_plans(*, cluster_ids):
    """The board-approved plan versions of these clusters (ids, or a subquery of them), as a queryset (to count in
    the database)."""
    return StrategicPlan.objects.approved().filter(cluster_id__in=cluster_ids)


def pilots_by_cluster(*, cluster_ids) -> dict[int, list[Pilot]]:
    """The pilots of these clusters' work plans with their item and its goals, by cluster id (two queries)."""
    result = {cluster_id: [] for cluster_id in cluster_ids}
    pilots = (
        Pilot.objects.filter(item__plan__cluster_id__in=list(cluster_ids))
        .select_related("item__plan")
        .prefetch_related("item__goals")
        .order_by("starts_on", "pk")
    )
    for pilot in pilots:
        result[pilot.item.plan.cluster_id].append(pilot)
    return result


def undecided_pilots_by_cluster(*, cluster_ids) -> dict[int, list[Pilot]]:
    """The pilots not decided yet of these clusters, by cluster id (one query; no goals)."""
    result = {cluster_id: [] for cluster_id in cluster_ids}
    for pilot in Pilot.objects.filter(item__plan__cluster_id__in=list(cluster_ids), decision="").select_related(
        "item__plan"
    ):
        result[pilot.item.plan.cluster_id].append(pilot)
    return result


@dataclass(frozen=True)
class PlanLine:
    """A work-plan line as oversight's budget burn reads it."""

    item_id: int
    cluster_id: int
    title: str
    budget: object
    starts_on: date
    ends_on: date
    goal_ids: list
    other_spending: object  # recorded by the CEO, up to today


def plan_lines_by_cluster(*, cluster_ids, year: int, today: date | None = None) -> dict[int, list[PlanLine]]:
    """The lines of these clusters' work plans for a year with their goals and the other spending recorded on
    them up to today, by cluster id (two queries)."""
    from django.db.models import DecimalField, Q, Sum, Value
    from django.db.models.functions import Coalesce

    today = today or timezone.localdate()
    result = {cluster_id: [] for cluster_id in cluster_ids}
    items = (
        WorkPlanItem.objects.filter(plan__cluster_id__in=list(cluster_ids), plan__year=year)
        .select_related("plan")
        .prefetch_related(Prefetch("goals", queryset=Goal.objects.only("pk")))
        .annotate(
            spent=Coalesce(
                Sum("spending__amount", filter=Q(spending__spent_on__lte=today)),
                Value(0),
                output_field=DecimalField(max_digits=14, decimal_places=2),
            )
        )
        .order_by("starts_on", "pk")
    )
    for item in items:
        result[item.plan.cluster_id].append(
            PlanLine(
                item.pk,
                item.plan.cluster_id,
                item.title,
                item.budget_amount,
                item.starts_on,
                item.ends_on,
                sorted(g.pk for g in item.goals.all()),
                item.spent,
            )
        )
    return result


def goals_by_pk(*, cluster_ids) -> dict[int, Goal]:
    """The goals of these clusters with their service, by id (one query)."""
    return Goal.objects.filter(service__cluster_id__in=list(cluster_ids)).select_related("service").in_bulk()


@dataclass(frozen=True)
class ProgressThenAndNow:
    """A goal's progress computed from the measurements known at a date (periods starting by then) and today."""

    goal: Goal
    then: Progress
    now: Progress

    @property
    def moved(self) -> int | None:
        """Percentage points of the way to the target gained since then (None when either side has no data)."""
        if self.then.percent is None or self.now.percent is None:
            return None
        return self.now.percent - self.then.percent


def progress_then_and_now(*, pairs, today: date | None = None) -> dict[tuple[int, date], ProgressThenAndNow]:
    """For each (goal id, date): the goal's progress at that date and now, for the forums' decisions (three queries
    whatever the number of pairs)."""
    today = today or timezone.localdate()
    pairs = list(pairs)
    goals = (
        {goal.pk: goal for goal in _goals(Goal.objects.filter(pk__in={goal_id for goal_id, _ in pairs}))}
        if pairs
        else {}
    )
    result = {}
    for goal_id, then in pairs:
        goal = goals.get(goal_id)
        if goal is None:
            continue
        points = [
            Point(m.period_start, m.value, {v.authority_id: v.value for v in m.authority_values.all()})
            for m in goal.measurements.all()
        ]
        arguments = {
            "kind": goal.kind,
            "baseline": goal.baseline_value,
            "target_value": goal.target_value,
            "target_percent": goal.target_percent,
            "baseline_on": goal.baseline_on,
            "target_on": goal.target_on,
        }
        result[(goal_id, then)] = ProgressThenAndNow(
            goal,
            compute_progress(**arguments, points=[p for p in points if p.period_start <= then], today=then),
            compute_progress(**arguments, points=points, today=today),
        )
    return result
