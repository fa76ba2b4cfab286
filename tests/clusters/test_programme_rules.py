"""The programme's rules as behaviours: one to two operating core services, incorporation dates from the reference
data (unknown shown as such), the region most members fall in, and what a re-baselining did to progress."""

from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from clusters import selectors, services
from clusters.models import Cluster, Rebaseline, Service
from clusters.progress import majority_region
from tests.factories.clusters import GoalFactory, MeasurementFactory, ServiceFactory

pytestmark = pytest.mark.django_db
DATA = Path(settings.BASE_DIR) / "data"


@pytest.mark.parametrize(
    ("operating", "codes"),
    [(0, ["no_core_service"]), (1, []), (2, []), (3, ["too_many_core_services"])],
)
def test_the_composition_check_expects_one_to_two_operating_core_services(world, operating, codes):
    for _ in range(operating):
        ServiceFactory(cluster=world.cluster, level=Service.Level.CORE, status=Service.Status.OPERATING)
    ServiceFactory(cluster=world.cluster, level=Service.Level.PREFERRED, status=Service.Status.OPERATING)
    warnings = selectors.core_service_warnings(services=list(selectors.services_of(cluster=world.cluster)))
    assert [w.code for w in warnings] == codes


def test_planned_core_services_without_an_operating_one_are_warned_with_the_count(world):
    ServiceFactory.create_batch(2, cluster=world.cluster, level=Service.Level.CORE, status=Service.Status.PLANNED)
    warnings = selectors.core_service_warnings(services=list(selectors.services_of(cluster=world.cluster)))
    assert [str(w.message) for w in warnings] == [
        "2 core services are planned but none is operating; the programme expects 1 to 2 operating."
    ]


def test_three_operating_core_services_show_on_the_overview(world, english_client):
    ServiceFactory.create_batch(3, cluster=world.cluster, level=Service.Level.CORE)
    response = english_client(world.ceo).get(reverse("clusters:overview", kwargs={"pk": world.cluster.pk}))
    assert b'data-warning="too_many_core_services"' in response.content
    assert b"3 core services are operating; the programme expects 1 to 2." in response.content


def test_majority_region_counts_members_and_breaks_ties_by_the_choices_order():
    assert majority_region(["south", "center", "center", ""]) == "center"
    assert majority_region(["south", "north"]) == "north"
    assert majority_region(["", ""]) == ""


def load_reference_data():
    out = StringIO()
    call_command("import_authorities", DATA / "authorities.csv", stdout=out, stderr=StringIO())
    call_command("import_clusters", DATA / "clusters.csv", stdout=out, stderr=StringIO())


def test_southern_soreq_is_central_because_most_of_its_members_are():
    load_reference_data()
    assert Cluster.objects.get(cbs_code=420).region == "center"


def test_the_region_follows_the_members_when_an_import_runs_again():
    load_reference_data()
    Cluster.objects.filter(cbs_code=420).update(region="south")
    out = StringIO()
    call_command("import_clusters", DATA / "clusters.csv", stdout=out, stderr=StringIO())
    assert out.getvalue().strip() == "0 created, 1 updated, 165 unchanged, 2 rejected"
    assert Cluster.objects.get(cbs_code=420).region == "center"


def test_incorporation_years_come_from_the_reference_data_and_the_rest_stay_unknown():
    load_reference_data()
    out = StringIO()
    call_command("import_cluster_summary", DATA / "clusters_summary.csv", stdout=out, stderr=StringIO())
    assert out.getvalue().strip() == "0 created, 11 updated, 0 unchanged, 0 rejected"
    years = dict(Cluster.objects.exclude(cbs_code=None).values_list("cbs_code", "incorporated_year"))
    assert years == {
        210: None,
        211: 2013,
        212: 2018,
        213: 2018,
        214: 2018,
        310: None,
        410: 2019,
        420: None,
        610: None,
        620: None,
        710: None,
    }
    assert (
        Cluster.objects.get(cbs_code=410).incorporation_source
        == "end of 2019; src: esharon.co.il/en (about the cluster)"
    )
    assert Cluster.objects.get(cbs_code=210).incorporation_source == ""
    again = StringIO()
    call_command("import_cluster_summary", DATA / "clusters_summary.csv", stdout=again, stderr=StringIO())
    assert again.getvalue().strip() == "0 created, 0 updated, 11 unchanged, 0 rejected"


def test_a_year_from_the_reference_data_never_replaces_a_date_the_ceo_entered():
    load_reference_data()
    cluster = Cluster.objects.get(cbs_code=212)
    Cluster.objects.filter(pk=cluster.pk).update(
        incorporated_on=date(2018, 3, 4), incorporated_year=2018, incorporation_source="order"
    )
    call_command("import_cluster_summary", DATA / "clusters_summary.csv", stdout=StringIO(), stderr=StringIO())
    cluster.refresh_from_db()
    assert (cluster.incorporated_on, cluster.incorporated_year, cluster.incorporation_source) == (
        date(2018, 3, 4),
        2018,
        "order",
    )


def test_the_rules_count_a_year_only_incorporation_from_its_last_day(world):
    world.cluster.incorporated_year = 2018
    assert world.cluster.incorporated_by == date(2018, 12, 31)
    world.cluster.incorporated_on = date(2018, 2, 1)
    assert world.cluster.incorporated_by == date(2018, 2, 1)


def test_an_unknown_incorporation_is_shown_as_unknown(world, english_client):
    response = english_client(world.ceo).get(reverse("clusters:overview", kwargs={"pk": world.cluster.pk}))
    assert b'data-incorporation="unknown"' in response.content
    assert b"Incorporation date unknown" in response.content
    assert b"Enter the incorporation date" in response.content


def test_the_ceo_enters_the_incorporation_date(world, english_client):
    response = english_client(world.ceo).post(
        reverse("clusters:incorporation", kwargs={"pk": world.cluster.pk}),
        {"incorporated_on": "2018-06-01", "source": "statutory order of 2018"},
    )
    assert response.status_code == 302
    world.cluster.refresh_from_db()
    assert (world.cluster.incorporated_on, world.cluster.incorporated_year, world.cluster.incorporation_source) == (
        date(2018, 6, 1),
        2018,
        "statutory order of 2018",
    )


def test_a_future_incorporation_date_is_refused_and_changes_nothing(world, english_client):
    response = english_client(world.ceo).post(
        reverse("clusters:incorporation", kwargs={"pk": world.cluster.pk}),
        {"incorporated_on": "2999-01-01", "source": "guess"},
    )
    assert response.status_code == 400
    assert b"The date cannot be in the future." in response.content
    world.cluster.refresh_from_db()
    assert (world.cluster.incorporated_on, world.cluster.incorporated_year) == (None, None)


def test_a_board_member_cannot_enter_the_incorporation_date(world, english_client):
    response = english_client(world.board_member).post(
        reverse("clusters:incorporation", kwargs={"pk": world.cluster.pk}),
        {"incorporated_on": "2018-06-01", "source": "x"},
    )
    assert response.status_code == 403
    world.cluster.refresh_from_db()
    assert world.cluster.incorporated_on is None


def test_the_incorporation_form_is_shown_only_to_the_clusters_ceo(world, english_client):
    url = reverse("clusters:incorporation", kwargs={"pk": world.cluster.pk})
    shown = english_client(world.ceo).get(url)
    assert shown.status_code == 200
    assert list(shown.context["form"].fields) == ["incorporated_on", "source"]
    assert english_client(world.board_member).get(url).status_code == 403
    assert english_client(world.other_ceo).get(url).status_code == 404
    assert english_client(world.referent).get(url).status_code == 404


def test_a_rebaselining_keeps_progress_before_and_after(world, english_client):
    # Baseline 1,000,000 with a 15 % saving: the target is 850,000; a measured 900,000 is two thirds of the way.
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster))
    MeasurementFactory(goal=goal, period_start=date(2025, 4, 1), value=Decimal(900_000))
    # Re-baselined to 1,200,000 the target becomes 1,020,000 and the same 900,000 is past it: 300,000 / 180,000.
    services.rebaseline_goal(
        goal=goal, baseline_value=Decimal(1_200_000), baseline_on=date(2025, 1, 1), reason="x", changed_by=world.ceo
    )
    change = Rebaseline.objects.get()
    assert (change.progress_before, change.progress_after) == (Decimal("0.6667"), Decimal("1.6667"))
    assert (change.percent_before, change.percent_after) == (67, 167)
    response = english_client(world.ceo).get(reverse("clusters:goal", kwargs={"pk": goal.pk}))
    content = response.content.decode()
    assert "Progress before: <span data-before>\u206667%\u2069</span>" in content
    assert "after: <span data-after>target exceeded</span>" in content
    # The goal itself shows "target exceeded", not a number past the end of the bar.
    assert 'data-progress="exceeded"' in content
    assert "167%" not in content


def test_a_rebaselining_without_measurements_keeps_no_progress(world):
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster))
    services.rebaseline_goal(
        goal=goal, baseline_value=Decimal(1_200_000), baseline_on=date(2025, 1, 1), reason="x", changed_by=world.ceo
    )
    assert (Rebaseline.objects.get().progress_before, Rebaseline.objects.get().progress_after) == (None, None)


def test_progress_under_the_target_is_a_bar_held_within_its_end(world):
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster))
    MeasurementFactory(goal=goal, period_start=date(2025, 4, 1), value=Decimal(900_000))
    progress = selectors.goal_with_progress(goal_id=goal.pk).progress
    assert (progress.percent, progress.bar_percent, progress.is_target_exceeded) == (67, 67, False)
