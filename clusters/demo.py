"""Demo clusters: the real authorities and regional clusters loaded through the import code, each real cluster
with the services it publishes (data/core_services_examples.csv), and invented goals, baselines and measurements
that the interface labels as demo data. The demo CEO and board member get the first cluster."""

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from accounts import services as account_services
from accounts.demo import demo_user
from accounts.roles import Role

from . import services, strategy
from .importing import import_authorities, import_cluster_summary, import_clusters
from .models import Cluster, Goal, Membership, Service, StrategicPlan
from .models.strategy import add_months as strategy_add_months
from .reference import ServiceDomain

DATA = Path(settings.BASE_DIR) / "data"
LEVELS = {"core": Service.Level.CORE, "preferred": Service.Level.PREFERRED, "revenue": Service.Level.REVENUE}


def _quarters_back(today: date, count: int) -> list[date]:
    start = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    quarters = []
    for _ in range(count):
        quarters.append(start)
        month, year = start.month - 3, start.year
        if month < 1:
            month, year = month + 12, year - 1
        start = date(year, month, 1)
    return list(reversed(quarters))


def _started_on(since: str) -> date | None:
    if not since:
        return None
    parts = since.split("-")
    return date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, 1)


def _demo_goals(service: Service, number: int, today: date) -> None:
    """Two invented goals per service: a cost saving one and a gap or coverage one, with quarterly measurements."""
    participants = list(service.participants.all())
    quarters = _quarters_back(today, 4)
    baseline_on = date(quarters[0].year - 1, 12, 31)
    target_on = date(today.year + 1, 12, 31)
    source = "נתוני הדגמה (בדויים)"
    baseline_cost = Decimal(2_000_000 + 350_000 * number)
    cost = Goal.objects.create(
        service=service,
        kind=Goal.Kind.COST_SAVING,
        name=f"חיסכון בעלות — {service.name_he}",
        # English from the reference data's service names; no Arabic there, so Arabic pages show the Hebrew.
        name_en=f"Cost saving — {service.name_en}" if service.name_en else "",
        unit="₪",
        direction="lower",
        baseline_value=baseline_cost,
        baseline_on=baseline_on,
        target_percent=Decimal(15),
        target_on=target_on,
        is_active=True,
        is_demo=True,
    )
    # Some services save steadily, others stall: the dashboard shows every status.
    pace = [Decimal("0.02"), Decimal("0.05"), Decimal("0.08"), Decimal("0.11")] if number % 3 else [Decimal("0.01")] * 4
    for quarter, saving in zip(quarters, pace, strict=True):
        services.record_measurement(
            goal=cost,
            period_kind="quarter",
            period_start=quarter,
            value=(baseline_cost * (1 - saving)).quantize(Decimal("1")),
            authority_values={},
            source=source,
            entered_by=None,
            is_demo=True,
        )
    if len(participants) < 2:
        return
    gap = Goal.objects.create(
        service=service,
        kind=Goal.Kind.GAP,
        name=f"צמצום פערים בין הרשויות — {service.name_he}",
        name_en=f"Narrowing the gap between the authorities — {service.name_en}" if service.name_en else "",
        unit="ימים",
        direction="lower",
        baseline_value=Decimal(12),
        baseline_on=baseline_on,
        target_percent=Decimal(50),
        target_on=target_on,
        is_active=True,
        is_demo=True,
    )
    for step, quarter in enumerate(quarters):
        values = {
            authority: Decimal(3 + (index * 5 + number) % (13 - step * 2 if step < 4 else 5))
            for index, authority in enumerate(participants)
        }
        services.record_measurement(
            goal=gap,
            period_kind="quarter",
            period_start=quarter,
            value=None,
            authority_values=values,
            source=source,
            entered_by=None,
            is_demo=True,
        )


def _demo_strategy(cluster: Cluster, today: date, stdout) -> None:
    """The first cluster's strategic plan, approved by its board and labelled as demo data (oversight's review demo
    adds this year's work plan, with a pilot serving one of its outcomes)."""
    if StrategicPlan.objects.filter(cluster=cluster).exists():
        return
    ceo, board = demo_user("ceo@demo.test"), demo_user("board@demo.test")
    plan = strategy.start_strategic_plan(
        cluster=cluster,
        fields={
            "title": "תוכנית אסטרטגית רב־שנתית (נתוני הדגמה)",
            "vision": "אשכול שבו כל רשות חברה מקבלת שירותים ברמה אחידה, בעלות נמוכה יותר ובשיתוף הציבור.",
            "strategic_goals": "צמצום פערים בשירותים בין הרשויות\nחיסכון בעלויות באמצעות שירותים משותפים\n"
            "פיתוח כלכלי אזורי",
            "starts_year": today.year,
            "ends_year": today.year + 4,
        },
        started_by=ceo,
    )
    goals = list(Goal.objects.filter(service__cluster=cluster, service__level=Service.Level.CORE).order_by("pk"))
    outcomes = [
        ("short", "urban", "שירות משותף פועל בכל הרשויות המשתתפות", goals[:1]),
        ("medium", "social", "פער זמני המענה בין הרשויות מצטמצם בחצי", goals[1:2]),
        ("long", "economic", "חיסכון של 15% בעלויות השירות לרשויות", goals[:1]),
        ("medium", "education", "תוכנית הכשרה משותפת לעובדי הרשויות", []),
    ]
    for horizon, channel, title, measured_by in outcomes:
        strategy.add_outcome(
            plan=plan, horizon=horizon, channel=channel, title=title, measured_by=measured_by, added_by=ceo
        )
    for months, channel, title in [(3, "urban", "מכרז משותף"), (12, "social", "סקר שביעות רצון תושבים")]:
        strategy.add_milestone(
            plan=plan, title=title, due_on=strategy_add_months(today, months), channel=channel, added_by=ceo
        )
    strategy.submit_strategic_plan(plan=plan, submitted_by=ceo)
    strategy.approve_strategic_plan(plan=plan, approved_by=board)
    stdout.write("clusters: a strategic plan approved by the board (demo)")


def seed(*, stdout) -> None:
    authorities = import_authorities(data=(DATA / "authorities.csv").read_bytes())
    clusters = import_clusters(data=(DATA / "clusters.csv").read_bytes())
    stdout.write(f"authorities: {authorities.summary()}")
    stdout.write(f"clusters: {clusters.summary()}")
    for line, reason in clusters.rejected:
        stdout.write(f"  clusters.csv line {line}: {reason}")
    summary = import_cluster_summary(data=(DATA / "clusters_summary.csv").read_bytes())
    stdout.write(f"cluster summary (websites, incorporation years): {summary.summary()}")
    today = timezone.localdate()
    if not Service.objects.filter(is_demo=True).exists():
        with open(DATA / "core_services_examples.csv", encoding="utf-8") as handle:
            for number, row in enumerate(csv.DictReader(handle)):
                cluster = Cluster.objects.get(cbs_code=int(row["cluster_code_cbs"]))
                started = _started_on(row["since"])
                service = Service.objects.create(
                    cluster=cluster,
                    name_he=row["service_he"],
                    name_en=row["service_en"],
                    level=LEVELS.get(row["level"], Service.Level.CORE),
                    domain=ServiceDomain(row["domain"]),
                    status=Service.Status.OPERATING,
                    status_since=started,
                    started_on=started,
                    description=row["fact"],
                    source=row["source"],
                    is_demo=True,
                )
                members = [m.authority for m in Membership.objects.current().filter(cluster=cluster)]
                service.participants.set(members[: max(2, len(members) - 1)])
                _demo_goals(service, number, today)
    first, second = Cluster.objects.exclude(cbs_code=None).order_by("cbs_code")[:2]
    account_services.grant_role(user=demo_user("ceo@demo.test"), role=Role.CLUSTER_CEO, scope=first)
    account_services.grant_role(user=demo_user("board@demo.test"), role=Role.BOARD_MEMBER, scope=first)
    account_services.grant_role(user=demo_user("ceo2@demo.test"), role=Role.CLUSTER_CEO, scope=second)
    _demo_strategy(first, today, stdout)
    stdout.write(
        f"clusters: {Cluster.objects.count()} clusters, {Service.objects.count()} services, "
        f"{Goal.objects.count()} goals (demo)"
    )
