"""Names of authorities, clusters, services and goals in the reader's language, the Hebrew where none was entered."""

import pytest
from django.urls import reverse
from django.utils import translation

from clusters.models import Goal
from tests.factories.clusters import AuthorityFactory, GoalFactory, ServiceFactory, cluster_with_members

pytestmark = pytest.mark.django_db

GOAL = {
    "kind": "cost_saving",
    "name": "חיסכון בעלות הפינוי",
    "baseline_value": "2000000",
    "baseline_on": "2025-01-01",
    "target_percent": "15",
    "target_on": "2027-01-01",
    "unit": "",
}


@pytest.mark.parametrize(
    ("language", "expected"),
    [("he", "חיסכון בעלות הפינוי"), ("ar", "توفير في تكلفة الجمع"), ("en", "Saving on collection")],
)
def test_a_goal_is_named_in_the_active_language(language, expected):
    goal = GoalFactory(name="חיסכון בעלות הפינוי", name_ar="توفير في تكلفة الجمع", name_en="Saving on collection")
    with translation.override(language):
        assert (goal.display_name, str(goal)) == (expected, expected)


@pytest.mark.parametrize("language", ["he", "ar", "en"])
def test_a_goal_without_a_translation_is_named_as_typed(language):
    goal = GoalFactory(name="חיסכון בעלות הפינוי", name_ar="", name_en="")
    with translation.override(language):
        assert goal.display_name == "חיסכון בעלות הפינוי"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("he", ["פינוי פסולת", "צפת"]), ("ar", ["פינוי פסולת", "صفد"]), ("en", ["Waste collection", "Safed"])],
)
def test_services_and_authorities_fall_back_to_hebrew(language, expected):
    service = ServiceFactory(name_he="פינוי פסולת", name_ar="", name_en="Waste collection")
    authority = AuthorityFactory(name_he="צפת", name_ar="صفد", name_en="Safed")
    with translation.override(language):
        assert [service.display_name, authority.display_name] == expected
        assert [service.name, authority.name] == expected


def test_the_ceo_enters_a_goal_in_three_languages(world, client_as):
    service = ServiceFactory(cluster=world.cluster)
    service.participants.set(cluster_with_members(world.cluster, 2))
    response = client_as(world.ceo).post(
        reverse("clusters:goal_create", kwargs={"pk": service.pk}),
        {**GOAL, "name_ar": "توفير في تكلفة الجمع", "name_en": "Saving on collection"},
    )
    assert response.status_code == 302
    assert list(Goal.objects.values_list("name", "name_ar", "name_en")) == [
        ("חיסכון בעלות הפינוי", "توفير في تكلفة الجمع", "Saving on collection")
    ]


def test_the_translations_are_optional(world, client_as):
    service = ServiceFactory(cluster=world.cluster)
    service.participants.set(cluster_with_members(world.cluster, 2))
    response = client_as(world.ceo).post(reverse("clusters:goal_create", kwargs={"pk": service.pk}), GOAL)
    assert response.status_code == 302
    assert list(Goal.objects.values_list("name", "name_ar", "name_en")) == [("חיסכון בעלות הפינוי", "", "")]


@pytest.mark.parametrize(
    ("language", "shown", "hidden"),
    [
        ("en", "Saving on collection", "חיסכון בעלות הפינוי"),
        ("ar", "חיסכון בעלות הפינוי", "Saving on collection"),
        ("he", "חיסכון בעלות הפינוי", "Saving on collection"),
    ],
)
def test_the_goal_page_and_the_service_page_name_the_goal_in_the_reader_language(
    world, client_as, language, shown, hidden
):
    goal = GoalFactory(
        service=ServiceFactory(cluster=world.cluster), name="חיסכון בעלות הפינוי", name_en="Saving on collection"
    )
    client = client_as(world.ceo)
    client.cookies["language"] = language
    for url in (
        reverse("clusters:goal", kwargs={"pk": goal.pk}),
        reverse("clusters:service", kwargs={"pk": goal.service.pk}),
    ):
        page = client.get(url).content.decode()
        assert (shown in page, hidden in page) == (True, False)
