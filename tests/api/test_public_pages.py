"""Public pages and open data: readable without signing in, showing only what the CEO published."""

import csv
import io
import json
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from accounts.models import AuditEvent
from clusters.models import Cluster, Goal
from oversight.models import PeriodicReport
from tests.api.helpers import MARKER, accepted_report, plant_private_markers, published_goal
from tests.factories import ClusterFactory
from tests.factories.clusters import GoalFactory, MembershipFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def public_urls(clusters) -> list[str]:
    urls = [reverse("public:index"), reverse("sitemap")]
    urls += [reverse("public:national_csv"), reverse("public:national_json"), reverse("public:clusters_csv")]
    for cluster in clusters:
        for name in ("public:cluster", "public:cluster_csv", "public:cluster_json"):
            urls.append(reverse(name, kwargs={"pk": cluster.pk}))
        if Cluster.objects.get(pk=cluster.pk).is_quality_public:
            urls.append(reverse("public:cluster_quality_csv", kwargs={"pk": cluster.pk}))
    return urls


def test_public_pages_show_nothing_unpublished_in_any_language(world, client):
    plant_private_markers(world)
    urls = public_urls([world.cluster, world.other_cluster])
    assert reverse("public:cluster_quality_csv", kwargs={"pk": world.cluster.pk}) in urls
    found = []
    for language in ("he", "ar", "en"):
        client.cookies["language"] = language
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            body = b"".join(response.streaming_content) if response.streaming else response.content
            if MARKER in body.decode():
                found.append((language, url))
    assert found == []


def test_the_published_goal_and_the_published_report_section_are_shown(world, client):
    plant_private_markers(world)
    page = client.get(reverse("public:cluster", kwargs={"pk": world.cluster.pk})).content.decode()
    assert "Published saving" in page
    assert "The quarter went well." in page  # the published narrative
    assert page.count("40%") == 1  # the published goal's line in the report's goal figures is shown only if public


def test_a_report_whose_sections_are_all_private_is_not_shown(world, client):
    accepted_report(world.cluster, world.ceo)
    client.cookies["language"] = "en"
    page = client.get(reverse("public:cluster", kwargs={"pk": world.cluster.pk})).content.decode()
    assert "No report summary published yet." in page
    assert "The quarter went well." not in page


def test_public_pages_need_no_sign_in_and_have_titles_and_open_graph_tags(world, client):
    published_goal(world.cluster)
    client.cookies["language"] = "en"
    response = client.get(reverse("public:cluster", kwargs={"pk": world.cluster.pk}))
    page = response.content.decode()
    assert response.status_code == 200
    assert f"<title>{world.cluster.name_en} · Regional clusters platform</title>" in page
    assert f'<meta property="og:title" content="{world.cluster.name_en}">' in page
    assert '<meta property="og:locale" content="en_GB">' in page
    assert re.search(r"<svg [^>]*role=\"img\"", page)


def test_an_unknown_cluster_is_not_found(client):
    assert client.get(reverse("public:cluster", kwargs={"pk": 987654})).status_code == 404
    assert client.get(reverse("public:cluster_json", kwargs={"pk": 987654})).status_code == 404


def test_the_sign_in_page_links_to_the_public_pages(client):
    page = client.get(reverse("account_login")).content.decode()
    assert f'href="{reverse("public:index")}"' in page


def test_the_index_lists_clusters_by_region(world, client):
    client.cookies["language"] = "en"
    page = client.get(reverse("public:index")).content.decode()
    assert page.count('href="/public/clusters/') == 2


def test_the_cluster_page_is_cached_per_language(world, client, django_assert_num_queries):
    published_goal(world.cluster)
    url = reverse("public:cluster", kwargs={"pk": world.cluster.pk})
    client.cookies["language"] = "en"
    client.get(url)
    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200
    client.cookies["language"] = "ar"
    page = client.get(url).content.decode()
    assert 'lang="ar"' in page


def _cluster_of_size(size: int):
    cluster = ClusterFactory()
    for _index in range(size):
        MembershipFactory(cluster=cluster)
        published_goal(cluster, measurements=size)
    accepted_report(cluster, cluster_ceo(cluster), is_narrative_public=True, is_goals_public=True)
    return cluster


def cluster_ceo(cluster):
    from accounts.roles import Role
    from tests.factories import user_with_role

    return user_with_role(Role.CLUSTER_CEO, cluster)


@pytest.mark.parametrize("size", [1, 4])
def test_the_cluster_page_costs_the_same_queries_at_any_size(size, client, django_assert_num_queries):
    cluster = _cluster_of_size(size)
    url = reverse("public:cluster", kwargs={"pk": cluster.pk})
    with django_assert_num_queries(10):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [1, 4])
def test_the_index_and_national_file_cost_the_same_queries_at_any_size(size, client, django_assert_num_queries):
    for _index in range(size):
        _cluster_of_size(size)
    with django_assert_num_queries(4):
        assert client.get(reverse("public:index")).status_code == 200
    with django_assert_num_queries(7):
        assert client.get(reverse("public:national_json")).status_code == 200


def test_the_cluster_csv_has_a_licence_line_and_a_stable_header(world, client):
    goal = published_goal(world.cluster, measurements=2)
    text = client.get(reverse("public:cluster_csv", kwargs={"pk": world.cluster.pk})).content.decode()
    lines = text.splitlines()
    assert lines[0] == "# Licence: CC BY 4.0 https://creativecommons.org/licenses/by/4.0/"
    rows = list(csv.DictReader(io.StringIO("\n".join(lines[1:]))))
    assert [(row["goal_id"], row["period"], row["value"], row["measured"]) for row in rows] == [
        (str(goal.pk), "2025 Q3", "900000.00", "900000.00"),
        (str(goal.pk), "2025 Q4", "900000.00", "900000.00"),
    ]
    assert rows[0]["status"] == goal_status(client, world.cluster.pk)


def goal_status(client, pk):
    document = json.loads(client.get(reverse("public:cluster_json", kwargs={"pk": pk})).content)
    return document["goals"][0]["status"]


def test_the_cluster_json_has_its_schema_and_licence(world, client):
    published_goal(world.cluster)
    response = client.get(reverse("public:cluster_json", kwargs={"pk": world.cluster.pk}))
    document = json.loads(response.content)
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    assert document["schema"] == "clusters.public.cluster/1"
    assert document["licence"] == "CC BY 4.0"
    assert sorted(document) == [
        "cluster",
        "generated_at",
        "goals",
        "licence",
        "licence_url",
        "members",
        "quality_measures",
        "reports",
        "schema",
        "services",
        "strategic_plan",
        "work_plan",
    ]
    assert [g["name"] for g in document["goals"]] == ["Waste collection cost"]


def test_the_national_file_has_every_published_goal(world, client):
    published_goal(world.cluster, name="First")
    published_goal(world.other_cluster, name="Second")
    GoalFactory(service=ServiceFactory(cluster=world.other_cluster), name="Private")
    document = json.loads(client.get(reverse("public:national_json")).content)
    assert [g["name"] for g in document["goals"]] == ["First", "Second"]
    text = client.get(reverse("public:national_csv")).content.decode()
    assert [row.split(",")[11] for row in text.splitlines()[2:]] == ["First", "Second"]


# --- the CEO's publish switches ---------------------------------------------------------------------------------


def test_the_ceo_publishes_a_goal_and_a_report_section_and_the_page_changes_at_once(world, client_as):
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster), name="Coverage of the service")
    report = accepted_report(world.cluster, world.ceo)
    url = reverse("public:cluster", kwargs={"pk": world.cluster.pk})
    client = client_as(None)
    assert "Coverage of the service" not in client.get(url).content.decode()  # now cached
    client = client_as(world.ceo)
    response = client.post(
        reverse("public:preview", kwargs={"pk": world.cluster.pk}),
        {"goal": [str(goal.pk)], f"report-{report.pk}": ["narrative", "risks"]},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    report.refresh_from_db()
    assert goal.is_public is True
    assert (report.is_narrative_public, report.is_risks_public, report.is_goals_public) == (True, True, False)
    assert list(
        AuditEvent.objects.filter(action__in=["goals_published", "report_published"])
        .values_list("action", flat=True)
        .order_by("pk")
    ) == [
        "goals_published",
        "report_published",
    ]
    client = client_as(None)
    assert "Coverage of the service" in client.get(url).content.decode()


def test_the_preview_shows_the_switches_to_the_ceo(world, client_as):
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster), name="Saving")
    page = client_as(world.ceo).get(reverse("public:preview", kwargs={"pk": world.cluster.pk})).content.decode()
    assert f'name="goal" value="{goal.pk}"' in page


def test_the_board_member_cannot_publish_and_nothing_changes(world, client_as):
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster))
    response = client_as(world.board_member).post(
        reverse("public:preview", kwargs={"pk": world.cluster.pk}), {"goal": [str(goal.pk)]}
    )
    assert response.status_code == 403
    assert Goal.objects.filter(is_public=True).count() == 0
    assert AuditEvent.objects.filter(action="goals_published").count() == 0


def test_another_clusters_ceo_cannot_publish_and_nothing_changes(world, client_as):
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster))
    report = accepted_report(world.cluster, world.ceo)
    response = client_as(world.other_ceo).post(
        reverse("public:preview", kwargs={"pk": world.cluster.pk}),
        {"goal": [str(goal.pk)], f"report-{report.pk}": ["narrative"]},
    )
    assert response.status_code == 404
    assert Goal.objects.filter(is_public=True).count() == 0
    assert PeriodicReport.objects.filter(is_narrative_public=True).count() == 0


def test_anonymous_visitors_can_never_write(world, client):
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster))
    before = AuditEvent.objects.count()
    for url in public_urls([world.cluster]) + [reverse("public:preview", kwargs={"pk": world.cluster.pk})]:
        for method in ("post", "put", "patch", "delete"):
            response = getattr(client, method)(url, {"goal": [str(goal.pk)]})
            assert response.status_code in (302, 403, 405), (method, url, response.status_code)
    assert Goal.objects.filter(is_public=True).count() == 0
    assert AuditEvent.objects.count() == before


def test_forgetting_a_cluster_clears_every_language(world):
    from api.public import pages

    for language in ("he", "ar", "en"):
        with translation.override(language):
            cache.set(pages.cache_key("cluster", world.cluster.pk), {"body": "old"})
    pages.forget_cluster(world.cluster.pk)
    for language in ("he", "ar", "en"):
        with translation.override(language):
            assert cache.get(pages.cache_key("cluster", world.cluster.pk)) is None


def test_a_ceo_of_several_clusters_chooses_whose_public_page_to_manage(world, client_as):
    from accounts import services
    from accounts.roles import Role

    services.grant_role(user=world.ceo, role=Role.CLUSTER_CEO, scope=world.other_cluster)
    page = client_as(world.ceo).get(reverse("public:publish_home")).content.decode()
    assert page.count('/preview/"') == 2


def test_the_index_figures_are_a_csv_too(world, client):
    published_goal(world.cluster)
    MembershipFactory(cluster=world.cluster)
    lines = client.get(reverse("public:clusters_csv")).content.decode().splitlines()
    assert lines[1] == (
        "cluster_id,cbs_code,name_he,name_ar,name_en,region,stage,members,core_services,operating_core_services,"
        "published_goals"
    )
    rows = {line.split(",")[0]: line.split(",")[-4:] for line in lines[2:]}
    assert rows == {str(world.cluster.pk): ["1", "1", "1", "1"], str(world.other_cluster.pk): ["0", "0", "0", "0"]}
