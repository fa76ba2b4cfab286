"""A fixed scene for the phone and screenshot tests: the world's clusters, people and organisations with fixed names,
member authorities, a service and goals named in three languages, an active engagement with work logs on fixed
dates, a board-approved work plan, a re-baselined goal, a submitted periodic report and service-quality measures.

Nothing here depends on the order tests run in (no factory sequence reaches the page) or on today's date: the clock
is frozen at FROZEN_NOW with `freeze_clock`, as the outbox tests freeze it, by replacing `django.utils.timezone.now`
(every app reads the time through it, `timezone.localdate()` included).
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.utils import timezone

from accounts.models import User
from advisors.models import AdvisorOrganisation, VettingState
from clusters import services as cluster_services
from clusters.models import Cluster, WorkPlanItem
from engagements import services as engagement_services
from quality.models import Measure
from tests.factories.advisors import make_profile
from tests.factories.clusters import (
    AuthorityFactory,
    GoalFactory,
    MeasurementFactory,
    MembershipFactory,
    ServiceFactory,
)
from tests.factories.engagements import active_engagement
from tests.factories.oversight import report_in_state

FROZEN_NOW = datetime(2026, 12, 2, 10, 0, tzinfo=ZoneInfo("Asia/Jerusalem"))
# The work-log page shows the week of this day (the frozen day's week).
WORK_WEEK = date(2026, 11, 30)

PEOPLE = {
    "ceo": "יעל כהן",
    "other_ceo": "דנה לוי",
    "board_member": "משה פרץ",
    "advisor": "נועה ברק",
    "other_advisor": "אורי שלום",
    "org_manager": "רונית אזולאי",
    "curator": "סמיר חדאד",
    "referent": "אבי מזרחי",
    "other_referent": "מיכל דהן",
    "treasury_referent": "חנה רוזן",
    "head_referent": "יוסי אברהם",
    "editor": "לילה נסאר",
    "admin": "עמית גולן",
}


def freeze_clock(monkeypatch, settings) -> None:
    """Every page and service reads FROZEN_NOW as the time (the live server runs in this process). The session
    cookie then lasts until the browser closes, since one dated from the frozen clock could be expired already."""
    monkeypatch.setattr(timezone, "now", lambda: FROZEN_NOW)
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True


def frozen_scene(monkeypatch, settings):
    """The world and the scene, every row made under the frozen clock (a role granted later than the frozen
    now would not have started yet)."""
    from tests.conftest import build_world

    freeze_clock(monkeypatch, settings)
    cache.clear()  # public pages are cached per language: none from an earlier test's cluster of the same id
    world = build_world()
    return world, build_scene(world)


@dataclass
class Scene:
    engagement: object
    service: object
    goal: object
    plan: object
    report: object


def build_scene(world) -> Scene:
    Cluster.objects.filter(pk=world.cluster.pk).update(
        cbs_code=211,
        name_he="אשכול רשויות גליל מזרחי",
        name_ar="عنقود سلطات الجليل الشرقي",
        name_en="Eastern Galilee Cluster",
        region="north",
        stage=Cluster.Stage.OPERATING,
        incorporated_year=2013,
    )
    Cluster.objects.filter(pk=world.other_cluster.pk).update(
        cbs_code=620,
        name_he="אשכול רשויות נגב מערבי",
        name_ar="",
        name_en="Western Negev Cluster",
        region="south",
        stage=Cluster.Stage.INCORPORATED,
    )
    world.cluster.refresh_from_db()
    world.other_cluster.refresh_from_db()
    for key, name in PEOPLE.items():
        User.objects.filter(pk=world.people[key].pk).update(full_name=name)
        world.people[key].refresh_from_db()
    AdvisorOrganisation.objects.filter(pk=world.organisation.pk).update(
        name='ייעוץ אזורי בע"מ', vetting_state=VettingState.VETTED
    )
    AdvisorOrganisation.objects.filter(pk=world.other_organisation.pk).update(name="Northern Advisory Ltd")
    world.organisation.refresh_from_db()

    members = [
        AuthorityFactory(cbs_code=cbs_code, name_he=name_he, name_ar=name_ar, name_en=name_en)
        for cbs_code, name_he, name_ar, name_en in (
            (8000, "צפת", "صفد", "Safed"),
            (26, "ראש פינה", "روش بينا", "Rosh Pinna"),
            (4100, "חצור הגלילית", "", "Hatzor HaGlilit"),
        )
    ]
    for authority in members:
        MembershipFactory(cluster=world.cluster, authority=authority)
    service = ServiceFactory(
        cluster=world.cluster,
        name_he="שירות וטרינרי אזורי",
        name_ar="الخدمة البيطرية الإقليمية",
        name_en="Regional veterinary service",
        domain="veterinary",
    )
    service.participants.set(members)
    goal = GoalFactory(
        service=service, name="חיסכון בעלות השירות", name_en="Saving on the service's cost", is_public=True
    )
    MeasurementFactory(goal=goal, period_start=date(2026, 4, 1), value=Decimal(930_000))
    rebaselined = GoalFactory(service=service, name="כיסוי הרשויות בשירות")
    cluster_services.rebaseline_goal(
        goal=rebaselined,
        baseline_value=Decimal(900_000),
        baseline_on=date(2025, 1, 1),
        reason="תיקון נתוני הבסיס",
        changed_by=world.ceo,
    )

    profile = make_profile(person=world.advisor, organisation=world.organisation)
    engagement = active_engagement(cluster=world.cluster, ceo=world.ceo, profile=profile, goals=[goal])
    for worked_on, hours, text in (
        (date(2026, 11, 30), Decimal("4"), "טיוטת תוכנית העבודה"),
        (date(2026, 12, 1), Decimal("1.5"), "פגישה עם משרד הפנים"),
    ):
        engagement_services.log_work(
            engagement=engagement,
            advisor=world.advisor,
            worked_on=worked_on,
            hours=hours,
            activity="analysis",
            text=text,
            goals=[goal],
        )

    plan = cluster_services.start_work_plan(cluster=world.cluster, year=2026, started_by=world.ceo)
    WorkPlanItem.objects.create(plan=plan, title="מכרז משותף", starts_on=date(2026, 2, 1), ends_on=date(2026, 6, 30))
    cluster_services.submit_work_plan(plan=plan, submitted_by=world.ceo)
    cluster_services.approve_work_plan(plan=plan, approved_by=world.board_member)

    report = report_in_state(world.cluster, world.ceo, "submitted")

    for index, authority in enumerate(members):
        for month in (9, 10, 11):
            Measure.objects.create(
                service=service,
                authority=authority,
                month=date(2026, month, 1),
                channel="",
                inquiries=20 + index,
                response_median_hours=Decimal(3 + index),
                close_median_hours=Decimal(10 + 10 * index + month),
                within_sla_share=Decimal(80 - 5 * index),
                backlog=index,
            )
    return Scene(engagement=engagement, service=service, goal=goal, plan=plan, report=report)
