"""Every download survives any character people typed: control characters in a cluster, goal, organisation or
finding become spaces, formula-like cells stay escaped, and each XLSX opens again."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from clusters import services as cluster_services
from clusters import strategy
from clusters.models import Cluster
from tests.factories.clusters import GoalFactory, ServiceFactory
from tests.factories.oversight import FindingFactory, report_in_state
from tests.oversight.engagement_helpers import engagement_with_work
from tests.oversight.test_work_plan_review import approved_plan

# PostgreSQL stores no NUL in text at all (a CharField refuses it before any export could meet it)
ALL_CONTROL = "\x00\x01\x07\x08\x0b\x0c\x1b\x1f\x7f\x85"
CONTROL = ALL_CONTROL.replace("\x00", "") if connection.vendor == "postgresql" else ALL_CONTROL
EXPORTS = [
    "oversight:export_csv",
    "oversight:export_xlsx",
    "oversight:findings_csv",
    "oversight:findings_xlsx",
    "oversight:plan_queue_csv",
    "oversight:plan_queue_xlsx",
    "oversight:rebaseline_queue_csv",
    "oversight:rebaseline_queue_xlsx",
    "oversight:strategy_queue_csv",
    "oversight:strategy_queue_xlsx",
    "oversight:report_queue_csv",
    "oversight:report_queue_xlsx",
    "oversight:cluster_engagements_csv",
    "oversight:cluster_engagements_xlsx",
]


@pytest.fixture
def hostile(world):
    """Every table a referent downloads holds a cluster, goal, organisation and finding full of control
    characters (NUL excepted where the database refuses it)."""
    Cluster.objects.filter(pk=world.cluster.pk).update(name_en=f"Galilee{CONTROL}", name_he=f"גליל{CONTROL}")
    world.cluster.refresh_from_db()
    FindingFactory(cluster=world.cluster, raised_by=world.referent, text=f"=cmd{CONTROL}|' /C calc'!A0")
    FindingFactory(cluster=world.cluster, raised_by=world.referent, text=f"\x01\t@SUM(A1){CONTROL}")
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster), name=f"Waste{CONTROL}goal")
    cluster_services.rebaseline_goal(
        goal=goal, baseline_value=Decimal(800_000), baseline_on=date(2025, 1, 1), reason="Ledger", changed_by=world.ceo
    )
    approved_plan(world.cluster, world.ceo, world.board_member, title=f"Tender{CONTROL}")
    report_in_state(world.cluster, world.ceo, "submitted")
    engagement = engagement_with_work(cluster=world.cluster, ceo=world.ceo)
    organisation = engagement.advisor.organisation
    organisation.name = f"Org{CONTROL}name"
    organisation.save(update_fields=["name"])
    plan = strategy.start_strategic_plan(
        cluster=world.cluster,
        fields={
            "title": f"=Plan{CONTROL}",
            "vision": "v",
            "strategic_goals": "g",
            "starts_year": 2026,
            "ends_year": 2030,
        },
        started_by=world.ceo,
    )
    strategy.add_outcome(plan=plan, horizon="long", channel="social", title="o", measured_by=[], added_by=world.ceo)
    strategy.submit_strategic_plan(plan=plan, submitted_by=world.ceo)
    strategy.approve_strategic_plan(plan=plan, approved_by=world.board_member)
    return world


def cells_of(name, response) -> list[list[str]]:
    if name.endswith("_csv"):
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    workbook = load_workbook(io.BytesIO(response.content))
    return [["" if v is None else str(v) for v in row] for row in workbook.active.iter_rows(values_only=True)]


@pytest.mark.parametrize("name", EXPORTS)
def test_a_control_character_breaks_no_export(hostile, english_client, name):
    kwargs = {"pk": hostile.cluster.pk} if name.startswith("oversight:cluster_") else {}
    response = english_client(hostile.referent).get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    rows = cells_of(name, response)
    text = "\n".join("\t".join(row) for row in rows)
    assert [char for char in CONTROL if char in text] == []
    # the cluster's own table names the organisation; every other table names the cluster
    assert ("Org" if name.startswith("oversight:cluster_") else "Galilee") in text
    # every cell that reads as a formula after its blanks starts with an apostrophe
    assert [cell for row in rows for cell in row if cell.lstrip().startswith(("=", "+", "-", "@"))] == []


def test_findings_export_keeps_the_text_around_the_control_characters(hostile, english_client):
    response = english_client(hostile.referent).get(reverse("oversight:findings_csv"))
    texts = sorted(row[5] for row in cells_of("oversight:findings_csv", response)[1:])
    spaces = " " * len(CONTROL)
    assert texts == ["'" + f" \t@SUM(A1){spaces}", f"'=cmd{spaces}|' /C calc'!A0"]


def test_the_shortlist_export_survives_control_characters(world, client_as):
    from advisors import services as advisor_services
    from advisors.models import Need
    from tests.factories.advisors import make_profile

    profile = make_profile(person=world.advisor, organisation=world.organisation)
    organisation = profile.organisation
    organisation.name = f"=Org{CONTROL}"
    organisation.save(update_fields=["name"])
    shortlist = advisor_services.create_shortlist(
        cluster=world.cluster, need=Need.objects.first(), title="Budget", created_by=world.ceo
    )
    advisor_services.add_to_shortlist(shortlist=shortlist, profile=profile, note=f"Go{CONTROL}od", added_by=world.ceo)
    response = client_as(world.ceo).get(reverse("advisors:shortlist_export", args=[shortlist.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    spaces = " " * len(CONTROL)
    assert (rows[1][1], rows[1][2]) == (f"'=Org{spaces}", f"Go{spaces}od")
