"""Calls for proposals: eligibility on constructed calls (each criterion in and out), ranking and its explanation,
applications, the public feed, oversight's outcomes and query counts."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from advisors import services as advisor_services
from advisors.models import Need
from clusters.models import Authority, Cluster
from clusters.progress import AT_RISK, OFF_TRACK
from clusters.selectors import goals_with_progress
from network.eligibility import ClusterFacts, MemberFacts, check_eligibility
from network.models import Application, Call
from network.selectors import ApplicationOutcomes, application_outcomes
from network.services import calls as services
from tests.factories.clusters import MeasurementFactory, ServiceFactory, cluster_with_members
from tests.factories.engagements import goal_of
from tests.factories.network import make_application, make_call

pytestmark = pytest.mark.django_db

FACTS = ClusterFacts(
    region="north",
    stage="operating",
    members=(MemberFacts("local_council", 3, 8), MemberFacts("municipality", 7, 4)),
    service_domains=frozenset({"waste", "welfare"}),
)

CRITERIA = [
    ("region", {"regions": ["north", "haifa"]}, {"regions": ["south"]}),
    ("stage", {"stages": ["operating"]}, {"stages": ["forming", "incorporated"]}),
    ("authority_kinds", {"authority_kinds": ["local_council"]}, {"authority_kinds": ["regional_council"]}),
    ("socioeconomic", {"socioeconomic_min": 1, "socioeconomic_max": 4}, {"socioeconomic_min": 8}),
    ("peripherality", {"peripherality_min": 7}, {"peripherality_max": 3}),
    ("domains", {"domains": ["waste", "transport"]}, {"domains": ["education"]}),
]


@pytest.mark.parametrize(("code", "admits", "refuses"), CRITERIA, ids=[row[0] for row in CRITERIA])
def test_each_criterion_admits_and_refuses(world, code, admits, refuses):
    admitted = check_eligibility(make_call(created_by=world.editor, **admits), FACTS)
    refused = check_eligibility(make_call(created_by=world.editor, **refuses), FACTS)
    assert [(c.code, c.is_met) for c in admitted.criteria] == [(code, True)]
    assert admitted.is_eligible is True
    assert [(c.code, c.is_met) for c in refused.criteria] == [(code, False)]
    assert refused.is_eligible is False


def test_a_call_without_criteria_admits_every_cluster(world):
    eligibility = check_eligibility(make_call(created_by=world.editor), ClusterFacts(region="", stage="forming"))
    assert (eligibility.criteria, eligibility.is_eligible) == ([], True)


def test_every_criterion_must_hold(world):
    call = make_call(created_by=world.editor, regions=["north"], stages=["forming"])
    eligibility = check_eligibility(call, FACTS)
    assert [(c.code, c.is_met) for c in eligibility.unmet] == [("stage", False)]
    assert eligibility.is_eligible is False


def test_a_range_counts_the_member_authorities_in_it(world):
    call = make_call(created_by=world.editor, socioeconomic_min=1, socioeconomic_max=7)
    (criterion,) = check_eligibility(call, FACTS).criteria
    assert str(criterion.explanation) == "Socio-economic cluster 1–7 (2 member authorities)"


def _lagging_goal(cluster):
    goal = goal_of(cluster, name="Waste cost")
    MeasurementFactory(goal=goal, value=Decimal(1_000_000))
    (item,) = goals_with_progress(cluster=cluster)
    assert item.progress.status in (AT_RISK, OFF_TRACK)
    return goal


def _ceo_world(world):
    """The world's cluster in the north, operating, with two weak local councils, a lagging waste goal and an open
    need (a shortlist on coaching without a chosen advisor)."""
    Cluster.objects.filter(pk=world.cluster.pk).update(region="north", stage="operating")
    cluster_with_members(world.cluster, 2, socioeconomic_cluster=2, peripherality_cluster=8)
    world.extra["goal"] = _lagging_goal(world.cluster)
    advisor_services.create_shortlist(
        cluster=world.cluster, need=Need.objects.get(code="management.coaching"), title="Coaching", created_by=world.ceo
    )
    return world


def test_the_ceo_sees_eligible_calls_ranked_and_explained(world, client_as):
    _ceo_world(world)
    plain = make_call(created_by=world.editor, title="Plain", days=10)
    need = make_call(created_by=world.editor, title="Need", needs=["management.coaching"], days=40)
    both = make_call(created_by=world.editor, title="Both", needs=["management.coaching"], domains=["waste"], days=50)
    make_call(created_by=world.editor, title="South only", regions=["south"])
    make_call(created_by=world.editor, title="Closed", days=-1)
    make_call(created_by=world.editor, title="Not posted", is_posted=False)
    response = client_as(world.ceo).get(reverse("network:call_list"))
    rows = response.context["eligible"]
    assert [(row.call.title, row.score) for row in rows] == [("Both", 5), ("Need", 3), ("Plain", 0)]
    assert [str(reason) for reason in rows[0].reasons] == [
        "helps with your open need: Personal management coaching",
        "funds the domain of your lagging goal: Waste cost",
        "50 days to the deadline",
    ]
    assert [row.call.title for row in response.context["others"]] == ["South only"]
    assert {plain.pk, need.pk, both.pk} == {row.call.pk for row in rows}


def test_the_ceo_records_an_application_and_moves_it_to_won(world, client_as):
    _ceo_world(world)
    call = make_call(created_by=world.editor, regions=["north"])
    client = client_as(world.ceo)
    response = client.post(
        reverse("network:application_new", args=[call.pk]),
        {"amount_requested": "300000", "goals": [world.goal.pk], "note": "With the waste service"},
    )
    application = Application.objects.get()
    assert response.status_code == 302
    assert (application.cluster, application.status, application.amount_requested) == (
        world.cluster,
        "intended",
        Decimal("300000.00"),
    )
    assert list(application.goals.all()) == [world.goal]
    url = reverse("network:application_update", args=[application.pk])
    client.post(url, {"status": "submitted", "goals": [world.goal.pk]})
    response = client.post(url, {"status": "won", "goals": [world.goal.pk]})
    assert response.context["form"].errors == {"amount_won": ["Enter the amount won."]}
    client.post(url, {"status": "won", "amount_won": "250000", "goals": [world.goal.pk]})
    application.refresh_from_db()
    assert (application.status, application.amount_won) == ("won", Decimal("250000.00"))
    assert application.submitted_at is not None and application.decided_at is not None


def test_an_ineligible_cluster_cannot_apply(world):
    call = make_call(created_by=world.editor, regions=["south"])
    with pytest.raises(ValidationError) as refusal:
        services.record_application(call=call, cluster=world.cluster, recorded_by=world.ceo)
    assert refusal.value.messages == ["Your cluster does not meet this call's criteria: Region: South"]
    assert Application.objects.count() == 0


def test_a_closed_call_takes_no_application(world):
    call = make_call(created_by=world.editor, days=-1)
    with pytest.raises(ValidationError):
        services.record_application(call=call, cluster=world.cluster, recorded_by=world.ceo)
    assert Application.objects.count() == 0


def test_a_cluster_applies_once_to_a_call(world):
    call = make_call(created_by=world.editor)
    services.record_application(call=call, cluster=world.cluster, recorded_by=world.ceo)
    with pytest.raises(ValidationError) as refusal:
        services.record_application(call=call, cluster=world.cluster, recorded_by=world.ceo)
    assert refusal.value.messages == ["Your cluster already recorded an application to this call."]
    assert Application.objects.count() == 1


def test_a_ceo_cannot_link_another_clusters_goals(world, client_as):
    call = make_call(created_by=world.editor)
    foreign = goal_of(world.other_cluster)
    response = client_as(world.ceo).post(reverse("network:application_new", args=[call.pk]), {"goals": [foreign.pk]})
    assert "goals" in response.context["form"].errors
    assert Application.objects.count() == 0


def test_a_won_application_cannot_move_again(world):
    call = make_call(created_by=world.editor)
    application = make_application(
        call=call, cluster=world.cluster, recorded_by=world.ceo, status="won", amount_won=Decimal(10)
    )
    with pytest.raises(ValidationError):
        services.update_application(application=application, updated_by=world.ceo, status="lost")
    application.refresh_from_db()
    assert (application.status, application.amount_won) == ("won", Decimal("10.00"))


def test_an_editor_posts_a_call_that_ceos_then_see(world, client_as):
    response = client_as(world.editor).post(
        reverse("network:call_new"),
        {
            "title": "Regional transport",
            "funder": "Ministry of Transport",
            "deadline": (timezone.localdate() + timezone.timedelta(days=20)).isoformat(),
            "matching_share": "25",
            "regions": ["north"],
            "authority_kinds": [Authority.Kind.REGIONAL_COUNCIL],
            "peripherality_min": "6",
            "needs": ["management.coaching"],
            "is_posted": "on",
        },
    )
    assert response.status_code == 302
    posted = Call.objects.get()
    assert (posted.regions, posted.authority_kinds, posted.peripherality_min, posted.is_posted) == (
        ",north,",
        ",regional_council,",
        6,
        True,
    )
    assert client_as(world.ceo).get(reverse("network:call_detail", args=[posted.pk])).status_code == 200


def test_the_feed_lists_open_posted_calls_without_applications(world, client):
    call = make_call(created_by=world.editor, title="Open", regions=["north"], needs=["management.coaching"])
    make_call(created_by=world.editor, title="Closed", days=-1)
    make_call(created_by=world.editor, title="Draft", is_posted=False)
    make_application(call=call, cluster=world.cluster, recorded_by=world.ceo)
    data = client.get(reverse("network:call_feed")).json()
    assert [item["title"] for item in data["calls"]] == ["Open"]
    item = data["calls"][0]
    assert item["eligibility"]["regions"] == ["north"]
    assert item["needs"] == ["management.coaching"]
    assert item["matching_share"] == "20.00"
    assert "applications" not in item


def test_oversight_reads_counts_and_sums_of_outcomes(world):
    calls = [make_call(created_by=world.editor, title=f"Call {n}") for n in range(4)]
    make_application(
        call=calls[0], cluster=world.cluster, recorded_by=world.ceo, status="won", amount_won=Decimal("100000")
    )
    make_application(
        call=calls[1], cluster=world.cluster, recorded_by=world.ceo, status="won", amount_won=Decimal("50000.50")
    )
    make_application(call=calls[2], cluster=world.cluster, recorded_by=world.ceo, status="lost")
    make_application(call=calls[3], cluster=world.cluster, recorded_by=world.ceo, status="submitted")
    outcomes = application_outcomes(cluster_ids=[world.cluster.pk, world.other_cluster.pk])
    assert outcomes == {
        world.cluster.pk: ApplicationOutcomes(
            world.cluster.pk, intended=0, submitted=1, won=2, lost=1, amount_won=Decimal("150000.50")
        ),
        world.other_cluster.pk: ApplicationOutcomes(world.other_cluster.pk),
    }


@pytest.mark.parametrize("count", [2, 6])
def test_the_ceo_call_list_runs_a_fixed_number_of_queries(world, client_as, django_assert_num_queries, count):
    _ceo_world(world)
    for index in range(count):
        call = make_call(
            created_by=world.editor, title=f"Call {index}", needs=["management.coaching"], domains=["waste"]
        )
        if index % 2:
            make_application(call=call, cluster=world.cluster, recorded_by=world.ceo)
        ServiceFactory(cluster=world.cluster, domain="transport")
    client = client_as(world.ceo)
    client.get(reverse("network:call_list"))
    with django_assert_num_queries(16):
        client.get(reverse("network:call_list"))
