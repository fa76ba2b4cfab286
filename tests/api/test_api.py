"""The read-only API: each list holds exactly what its reader may read on the pages, through a session or a
personal access token; tokens expire, are revoked, keep to their networks and are audited; nothing writes."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from accounts.roles import Role
from api import tokens
from api.models import AccessToken
from clusters.models import Goal
from oversight.models import StatusRecord
from tests.api.access import API_DETAILS, API_LISTS, api_rows, api_world
from tests.factories import ClusterFactory, user_with_role
from tests.factories.advisors import make_profile
from tests.factories.clusters import GoalFactory, MeasurementFactory, MembershipFactory, ServiceFactory
from tests.factories.engagements import active_engagement
from tests.factories.oversight import report_in_state

pytestmark = pytest.mark.django_db

DATA_LISTS = ["cluster", "authority", "service", "goal", "measurement", "work-plan", "quality-measure"]


def other_cluster_rows(world):
    """The same kinds of rows in the other cluster, and a referent who oversees only that one."""
    today = timezone.localdate()
    from quality.models import Measure

    membership = MembershipFactory(cluster=world.other_cluster)
    goal = GoalFactory(service=ServiceFactory(cluster=world.other_cluster))
    MeasurementFactory(goal=goal)
    Measure.objects.create(service=goal.service, authority=membership.authority, month=today.replace(day=1))
    from clusters.models import WorkPlan

    WorkPlan.objects.create(cluster=world.other_cluster, year=today.year)
    active_engagement(
        cluster=world.other_cluster,
        ceo=world.other_ceo,
        profile=make_profile(),
        starts_on=today.replace(month=1, day=1),
        ends_on=today.replace(month=12, day=31),
    )
    report_in_state(world.other_cluster, world.other_ceo, "submitted")
    StatusRecord.objects.create(cluster=world.other_cluster, day=today, status="green", rules=[])
    world.people["other_referent"] = user_with_role(
        Role.REFERENT_INTERIOR, world.other_cluster, email="other.referent@example.org"
    )


def expected_clusters(world, actor) -> dict[str, set]:
    """Which clusters' rows each list holds for this actor, by the pages' rules."""
    mine, other = {world.cluster.pk}, {world.other_cluster.pk}
    nothing = {name: set() for name in [*DATA_LISTS, "engagement", "report", "status"]}
    if actor in ("ceo", "board_member"):
        return {**nothing, **dict.fromkeys([*DATA_LISTS, "engagement", "report"], mine)}
    if actor == "other_ceo":
        return {**nothing, **dict.fromkeys([*DATA_LISTS, "engagement", "report"], other)}
    if actor in ("referent", "treasury_referent"):
        return dict.fromkeys(nothing, mine)
    if actor == "other_referent":
        return dict.fromkeys(nothing, other)
    if actor == "head_referent":
        return dict.fromkeys(nothing, mine | other)
    if actor == "advisor":  # the advisor on the engagement: its summary, nothing of oversight or the cluster
        return {**nothing, "engagement": mine}
    return nothing


def clusters_in(client, name, **extra) -> set:
    response = client.get(reverse(f"api:{name}-list"), **extra)
    assert response.status_code == 200, (name, response.status_code)
    rows = response.json()["results"]
    if name == "cluster":
        return {row["id"] for row in rows}
    if name == "authority":
        from clusters.models import Membership

        return set(
            Membership.objects.filter(authority_id__in=[r["id"] for r in rows]).values_list("cluster_id", flat=True)
        )
    return {row["cluster"] for row in rows}


ACTORS = [
    "no_role",
    "ceo",
    "other_ceo",
    "board_member",
    "advisor",
    "other_advisor",
    "org_manager",
    "curator",
    "referent",
    "treasury_referent",
    "head_referent",
    "other_referent",
    "admin",
]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("by", ["session", "token"])
def test_every_list_holds_what_its_reader_may_read(actor, by, world, client):
    api_world(world)
    other_cluster_rows(world)
    person = world.people[actor]
    extra = {}
    if by == "session":
        client.force_login(person)
    else:
        _token, secret = tokens.create_token(user=person, name="BI", days=30)
        extra = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    got = {name: clusters_in(client, name, **extra) for name in expected_clusters(world, actor)}
    assert got == expected_clusters(world, actor)


def test_anonymous_requests_get_401_and_never_write(world, client):
    api_world(world)
    for name in API_LISTS:
        assert client.get(reverse(name)).status_code == 401
        assert client.post(reverse(name), {}).status_code == 401
    assert client.delete(reverse("api:goal-detail", kwargs={"pk": world.goal.pk})).status_code == 401
    assert Goal.objects.count() == 1


def test_a_token_never_writes(world, client):
    api_world(world)
    _token, secret = tokens.create_token(user=world.ceo, name="BI", days=30)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    url = reverse("api:goal-detail", kwargs={"pk": world.goal.pk})
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(url, {"name": "changed"}, content_type="application/json", **auth)
        assert response.status_code == 403
    world.goal.refresh_from_db()
    assert world.goal.name != "changed"
    assert Goal.objects.count() == 1


def test_engagement_summaries_carry_no_advice_content(world, client):
    api_world(world)
    client.force_login(world.referent)
    [row] = client.get(reverse("api:engagement-list")).json()["results"]
    assert sorted(row) == [
        "advisor_organisation",
        "approved_cost",
        "approved_hours",
        "budget_amount",
        "budget_hours",
        "cluster",
        "ends_on",
        "goals_served",
        "id",
        "model",
        "needs",
        "starts_on",
        "state",
    ]


def test_goals_come_with_their_computed_progress(world, client):
    api_world(world)
    client.force_login(world.ceo)
    [goal] = client.get(reverse("api:goal-list")).json()["results"]
    assert goal["progress"]["current"] == "900000.00"
    assert goal["progress"]["percent"] == 67
    assert goal["progress"]["last_measured_period_start"] == "2025-04-01"


def test_lists_filter_by_cluster_period_and_status(world, client):
    api_world(world)
    other_cluster_rows(world)
    client.force_login(world.head_referent)
    assert clusters_in(client, "goal", data={"cluster": world.other_cluster.pk}) == {world.other_cluster.pk}
    response = client.get(reverse("api:measurement-list"), {"period_from": "2025-04-01", "period_to": "2025-04-01"})
    assert len(response.json()["results"]) == 2
    response = client.get(reverse("api:status-list"), {"status": "amber"})
    assert [row["cluster"] for row in response.json()["results"]] == [world.cluster.pk]
    response = client.get(reverse("api:report-list"), {"state": "accepted"})
    assert response.json()["results"] == []
    assert client.get(reverse("api:goal-list"), {"cluster": "x"}).status_code == 400


def test_quality_measures_are_aggregates_filtered_by_month_and_service(world, client):
    api_world(world)
    other_cluster_rows(world)
    client.force_login(world.ceo)
    [row] = client.get(reverse("api:quality-measure-list")).json()["results"]
    measure = world.quality_measure
    assert row == {
        "id": measure.pk,
        "cluster": world.cluster.pk,
        "service": world.service.pk,
        "authority": world.authority.pk,
        "month": measure.month.isoformat(),
        "channel": "",
        "inquiries": 40,
        "closed": 30,
        "response_median_hours": None,
        "response_p90_hours": None,
        "close_median_hours": "12.50",
        "close_p90_hours": None,
        "with_sla": 0,
        "within_sla": 0,
        "within_sla_share": "75.0",
        "backlog": 0,
        "satisfaction_mean": None,
        "satisfaction_distribution": [0, 0, 0, 3, 0],
    }
    later = measure.month.replace(month=2).isoformat()
    assert client.get(reverse("api:quality-measure-list"), {"month_from": later}).json()["results"] == []
    assert len(client.get(reverse("api:quality-measure-list"), {"service": world.service.pk}).json()["results"]) == 1
    tag = client.get(reverse("api:quality-measure-detail", args=[measure.pk]))["ETag"]
    url = reverse("api:quality-measure-detail", args=[measure.pk])
    assert client.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 304
    client.force_login(world.other_ceo)
    assert client.get(url).status_code == 404


def test_lists_page_with_a_cursor(world, client):
    for _index in range(3):
        GoalFactory(service=ServiceFactory(cluster=world.cluster))
    client.force_login(world.ceo)
    first = client.get(reverse("api:goal-list"), {"page_size": 2}).json()
    second = client.get(first["next"]).json()
    assert (len(first["results"]), len(second["results"]), second["next"]) == (2, 1, None)


def test_an_unchanged_answer_is_not_sent_twice(world, client):
    api_world(world)
    client.force_login(world.ceo)
    url = reverse("api:goal-list")
    tag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 304
    MeasurementFactory(goal=world.goal, period_start=world.goal.baseline_on.replace(month=7), value=Decimal(850_000))
    assert client.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 200


@pytest.mark.parametrize("size", [1, 5])
@pytest.mark.parametrize(
    ("name", "queries"),
    [
        ("goal", 7),
        ("measurement", 5),
        ("engagement", 7),
        ("report", 5),
        ("service", 6),
        ("status", 4),
        ("quality-measure", 5),
    ],
)
def test_api_lists_cost_the_same_queries_at_any_size(size, name, queries, world, client, django_assert_num_queries):
    for _index in range(size):
        cluster = ClusterFactory()
        api_rows(cluster, user_with_role(Role.CLUSTER_CEO, cluster))
    client.force_login(world.head_referent)
    client.get(reverse(f"api:{name}-list"))  # the session is read once
    with django_assert_num_queries(queries):
        response = client.get(reverse(f"api:{name}-list"))
    assert len(response.json()["results"]) == (1 if name == "cluster" else size)


# --- tokens -----------------------------------------------------------------------------------------------------


def test_a_token_is_stored_hashed_and_each_use_is_audited(world, client):
    token, secret = tokens.create_token(user=world.referent, name="BI", days=30)
    assert AccessToken.objects.filter(token_hash=secret).count() == 0
    assert token.prefix == secret[:10]
    for _index in range(2):
        assert client.get(reverse("api:cluster-list"), HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    events = AuditEvent.objects.filter(action="access_token_used", actor=world.referent)
    assert [event.data["path"] for event in events] == ["/api/clusters/", "/api/clusters/"]
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_an_expired_revoked_or_unknown_token_is_refused(world, client):
    expired, expired_secret = tokens.create_token(user=world.ceo, name="old", days=1)
    AccessToken.objects.filter(pk=expired.pk).update(
        created_at=timezone.now() - timedelta(days=2), expires_at=timezone.now() - timedelta(seconds=1)
    )
    revoked, revoked_secret = tokens.create_token(user=world.ceo, name="revoked", days=30)
    assert tokens.revoke_token(token=revoked, revoked_by=world.ceo) is True
    assert tokens.revoke_token(token=revoked, revoked_by=world.ceo) is False
    for secret in (expired_secret, revoked_secret, "rcp_not-a-token"):
        response = client.get(reverse("api:cluster-list"), HTTP_AUTHORIZATION=f"Bearer {secret}")
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Bearer"
    assert AuditEvent.objects.filter(action="access_token_used").count() == 0


def test_a_token_limited_to_networks_is_refused_elsewhere(world, client):
    _token, secret = tokens.create_token(user=world.ceo, name="BI", days=30, allowed_networks="10.1.0.0/16")
    url, auth = reverse("api:cluster-list"), f"Bearer {secret}"
    assert client.get(url, HTTP_AUTHORIZATION=auth, REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get(url, HTTP_AUTHORIZATION=auth, REMOTE_ADDR="192.0.2.1").status_code == 401


def test_the_account_page_creates_a_token_shown_once(world, client_as):
    client = client_as(world.referent)
    response = client.post(reverse("tokens:list"), {"name": "Power BI", "days": "30", "allowed_networks": ""})
    secret = response.context["secret"]
    assert secret.startswith("rcp_")
    assert secret in response.content.decode()
    token = AccessToken.objects.get(user=world.referent)
    assert (token.expires_at - token.created_at) == timedelta(days=30)
    assert secret not in client.get(reverse("tokens:list")).content.decode()
    assert AuditEvent.objects.filter(action="access_token_created", actor=world.referent).count() == 1


def test_a_token_cannot_outlive_a_year(world, client_as):
    response = client_as(world.ceo).post(reverse("tokens:list"), {"name": "BI", "days": "366"})
    assert response.status_code == 200
    assert response.context["form"].errors["days"]
    assert AccessToken.objects.count() == 0


def test_a_bad_network_is_refused(world, client_as):
    response = client_as(world.ceo).post(
        reverse("tokens:list"), {"name": "BI", "days": "30", "allowed_networks": "10.0.0.0/33"}
    )
    assert response.context["form"].errors["allowed_networks"]
    assert AccessToken.objects.count() == 0


@override_settings(MFA_REQUIRED_ROLES=["referent_interior"])
def test_two_factor_comes_before_a_token_where_the_role_requires_it(world, client):
    client.force_login(world.referent)
    # the two-factor middleware sends the person to set it up before anything else
    response = client.post(reverse("tokens:list"), {"name": "BI", "days": "30"})
    assert response.status_code == 302
    with pytest.raises(tokens.TokenError):
        tokens.create_token(user=world.referent, name="BI", days=30)
    assert AccessToken.objects.count() == 0


def test_only_the_owner_revokes_a_token(world, client_as):
    token, _secret = tokens.create_token(user=world.ceo, name="BI", days=30)
    assert client_as(world.referent).post(reverse("tokens:revoke", kwargs={"pk": token.pk})).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert client_as(world.ceo).post(reverse("tokens:revoke", kwargs={"pk": token.pk})).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


@pytest.mark.parametrize(("name", "row", "expected"), API_DETAILS, ids=[name for name, _row, _expected in API_DETAILS])
def test_every_detail_answers_a_token_as_it_answers_its_owner_on_the_pages(name, row, expected, world, client):
    """The access matrix's answers for each detail endpoint, with each person's access token instead of a session."""
    api_world(world)
    url = reverse(name, kwargs={"pk": getattr(world, row).pk})
    mismatches = []
    for actor, wanted in expected.items():
        extra = {}
        if actor != "anonymous":
            _token, secret = tokens.create_token(user=world.people[actor], name="BI", days=30)
            extra = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
        got = client.get(url, **extra).status_code
        if got != wanted:
            mismatches.append(f"{actor}: expected {wanted}, got {got}")
    assert mismatches == []
