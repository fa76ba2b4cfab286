"""Synthetic clusters at scale: each of 5–10 real authorities of the CBS register, with a CEO and board, services,
goals, three years of quarterly measurements and annual work plans. See accounts/scale.py."""

from collections import Counter
from datetime import date, datetime, time
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from accounts.roles import Role
from accounts.scale import ScaleContext, create_people, grant_roles, person_name

from .models import (
    Authority,
    AuthorityValue,
    Cluster,
    Goal,
    Measurement,
    Membership,
    Service,
    WorkPlan,
    WorkPlanApproval,
    WorkPlanItem,
)
from .reference import ServiceDomain

CLUSTERS_PER_UNIT = 15
MEASURED_QUARTERS = 12  # three years
SOURCE = "נתונים סינתטיים לבדיקת עומסים"
SERVICE_NAMES = {
    ServiceDomain.WASTE: "איסוף ופינוי פסולת",
    ServiceDomain.PUBLIC_SPACES: "תברואה ומרחב ציבורי",
    ServiceDomain.VETERINARY: "שירות וטרינרי אזורי",
    ServiceDomain.EMERGENCY: "היערכות לחירום",
    ServiceDomain.WELFARE: "שירותי רווחה משותפים",
    ServiceDomain.ENVIRONMENT: "איכות הסביבה",
}


def quarter_start(day: date) -> date:
    return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def quarters_back(today: date, count: int) -> list[date]:
    """The starts of the last `count` quarters up to and including the current one, oldest first."""
    current = quarter_start(today)
    return [current - relativedelta(months=3 * back) for back in range(count - 1, -1, -1)]


def aware(day: date, hour: int = 12):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def seed(ctx: ScaleContext) -> None:
    rng, today = ctx.rng, ctx.today
    authorities = list(Authority.objects.order_by("code_type", "cbs_code"))
    count = ctx.count(CLUSTERS_PER_UNIT)
    progress = ctx.progress("clusters", count)
    clusters, members_of = [], []
    for number in range(1, count + 1):
        members = rng.sample(authorities, rng.randint(5, 10))
        regions = Counter(a.region for a in members if a.region).most_common(1)
        incorporated = today - relativedelta(years=4) - relativedelta(days=rng.randint(0, 900))
        clusters.append(
            Cluster(
                name_he=f"אשכול {members[0].name_he} {number:04d}",
                name_en=f"{members[0].name_en or 'Cluster'} cluster {number:04d}",
                region=regions[0][0] if regions else "",
                stage=Cluster.Stage.OPERATING,
                formed_on=incorporated - relativedelta(months=8),
                incorporated_on=incorporated,
                operating_since=incorporated + relativedelta(months=3),
            )
        )
        members_of.append(members)
    ctx.bulk(Cluster, clusters)
    ctx.bulk(
        Membership,
        [
            Membership(cluster=cluster, authority=authority, joined_on=cluster.formed_on, source=SOURCE)
            for cluster, members in zip(clusters, members_of, strict=True)
            for authority in members
        ],
    )

    # The CEO and two board members of each cluster; one cluster in twenty has no CEO (the seat is vacant).
    people, grants = [], []
    for cluster in clusters:
        number = cluster.name_he[-4:]
        people.append((f"ceo.{number}", person_name(rng), "he"))
        people.extend((f"board.{number}.{seat}", person_name(rng), "he") for seat in (1, 2))
    users = create_people(ctx, people)
    ceos, boards = {}, {}
    for index, cluster in enumerate(clusters):
        ceo, *board = users[3 * index : 3 * index + 3]
        if index % 20 == 19:
            Cluster.objects.filter(pk=cluster.pk).update(
                ceo_vacant_since=today - relativedelta(days=rng.randint(30, 200))
            )
        else:
            grants.append((ceo, Role.CLUSTER_CEO, cluster))
            ceos[cluster.pk] = ceo
        grants.extend((member, Role.BOARD_MEMBER, cluster) for member in board)
        boards[cluster.pk] = board
    grant_roles(ctx, grants, starts_on=today - relativedelta(years=3, months=6))

    # Services: three core and one preferred each, with all members but one participating.
    domains = list(SERVICE_NAMES)
    services, participants = [], []
    for cluster, members in zip(clusters, members_of, strict=True):
        for position, domain in enumerate(rng.sample(domains, 4)):
            operating = rng.random() < 0.85
            started = cluster.operating_since + relativedelta(months=rng.randint(0, 12))
            services.append(
                Service(
                    cluster=cluster,
                    name_he=f"{SERVICE_NAMES[domain]} — {cluster.name_he}",
                    name_en=f"{domain.label} ({cluster.name_en})",
                    level=Service.Level.CORE if position < 3 else Service.Level.PREFERRED,
                    domain=domain,
                    status=Service.Status.OPERATING if operating else Service.Status.TENDERING,
                    status_since=started,
                    started_on=started,
                    source=SOURCE,
                    is_demo=True,
                )
            )
            participants.append(members[: len(members) - 1])
    ctx.bulk(Service, services)
    through = Service.participants.through
    ctx.bulk(
        through,
        [
            through(service_id=service.pk, authority_id=authority.pk)
            for service, members in zip(services, participants, strict=True)
            for authority in members
        ],
    )

    # Two goals per service (a cost saving and a gap between authorities), measured every quarter for three years.
    quarters = quarters_back(today, MEASURED_QUARTERS)
    baseline_on = quarters[0] - relativedelta(days=1)
    target_on = date(today.year + 1, 12, 31)
    goals, goal_members = [], []
    for service, members in zip(services, participants, strict=True):
        baseline = Decimal(rng.randrange(1_000_000, 8_000_000, 50_000))
        goals.append(
            Goal(
                service=service,
                kind=Goal.Kind.COST_SAVING,
                name=f"חיסכון בעלות — {service.name_he}",
                unit="₪",
                direction="lower",
                baseline_value=baseline,
                baseline_on=baseline_on,
                target_percent=Decimal(rng.choice([10, 15, 20])),
                target_on=target_on,
                is_active=True,
                is_demo=True,
            )
        )
        goal_members.append([])
        goals.append(
            Goal(
                service=service,
                kind=Goal.Kind.GAP,
                name=f"צמצום פערים בין הרשויות — {service.name_he}",
                unit="ימים",
                direction="lower",
                baseline_value=Decimal(rng.randint(8, 20)),
                baseline_on=baseline_on,
                target_percent=Decimal(50),
                target_on=target_on,
                is_active=True,
                is_demo=True,
            )
        )
        goal_members.append(members)
    ctx.bulk(Goal, goals)
    measurements, values_of = [], []
    for goal, members in zip(goals, goal_members, strict=True):
        pace = Decimal(rng.choice(["0.002", "0.01", "0.015", "0.02"]))
        # Some goals are no longer measured: the dashboard shows stale measurements too.
        measured = quarters if rng.random() < 0.9 else quarters[: -rng.randint(2, 4)]
        for step, quarter in enumerate(measured):
            if goal.kind == Goal.Kind.COST_SAVING:
                value = (goal.baseline_value * (1 - pace * (step + 1))).quantize(Decimal("1"))
                values = {}
            else:
                value = None
                spread = max(2, int(goal.baseline_value) - step)
                values = {authority: Decimal(rng.randint(1, spread)) for authority in members}
            measurements.append(
                Measurement(
                    goal=goal,
                    period_kind=Measurement.PeriodKind.QUARTER,
                    period_start=quarter,
                    value=value,
                    source=SOURCE,
                    is_demo=True,
                )
            )
            values_of.append(values)
    ctx.bulk(Measurement, measurements)
    ctx.bulk(
        AuthorityValue,
        [
            AuthorityValue(measurement=measurement, authority=authority, value=value)
            for measurement, values in zip(measurements, values_of, strict=True)
            for authority, value in values.items()
        ],
    )

    # Work plans of the last three years: earlier years approved by the board; this year's in any state.
    plans, approvals_of = [], []
    for cluster in clusters:
        for year in range(today.year - 2, today.year + 1):
            if year < today.year:
                status = WorkPlan.Status.APPROVED
            else:
                status = rng.choice(
                    [WorkPlan.Status.APPROVED] * 3 + [WorkPlan.Status.BOARD_REVIEW, WorkPlan.Status.DRAFT]
                )
            submitted = aware(date(year - 1, 11, rng.randint(1, 28))) if status != WorkPlan.Status.DRAFT else None
            approved = aware(date(year - 1, 12, rng.randint(1, 28))) if status == WorkPlan.Status.APPROVED else None
            plans.append(
                WorkPlan(cluster=cluster, year=year, status=status, submitted_at=submitted, approved_at=approved)
            )
            approvals_of.append(boards[cluster.pk] if approved else [])
    ctx.bulk(WorkPlan, plans)
    ctx.bulk(
        WorkPlanApproval,
        [
            WorkPlanApproval(plan=plan, approved_by=member)
            for plan, board in zip(plans, approvals_of, strict=True)
            for member in board
        ],
    )
    ctx.bulk(
        WorkPlanItem,
        [
            WorkPlanItem(
                plan=plan,
                title=f"משימה {item} בתוכנית {plan.year}",
                budget_amount=Decimal(rng.randrange(50_000, 900_000, 10_000)),
                starts_on=date(plan.year, 3 * item - 2, 1),
                ends_on=date(plan.year, 3 * item, 28),
            )
            for plan in plans
            for item in (1, 2, 3, 4)
        ],
    )
    progress.finish(
        f"{len(clusters)} clusters, {len(services)} services, {len(goals)} goals, {len(measurements)} measurements"
    )
    goals_by_cluster = {cluster.pk: [] for cluster in clusters}
    services_by_pk = {service.pk: service for service in services}
    for goal in goals:
        goals_by_cluster[services_by_pk[goal.service_id].cluster_id].append(goal)
    ctx.data.update(
        clusters=clusters,
        ceos=ceos,
        boards=boards,
        goals_by_cluster=goals_by_cluster,
        work_plans=plans,
        service_members=list(zip(services, participants, strict=True)),
    )
