"""A cluster's open needs, and the CEO's recommendations page that ranks advisors for them."""

from datetime import date
from decimal import Decimal
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from advisors import services as advisor_services
from advisors.models import Need, Outcome
from engagements.needs import open_needs
from engagements.requests import close_request
from tests.factories.advisors import VettedOrganisationFactory, ensure_needs, make_profile
from tests.factories.engagements import active_engagement, draft_engagement
from tests.factories.requests import open_request

BUDGET = "management.workplan_budget"
FORUMS = "partnership.forums"
FUNDS = "resources.fundraising"


def shortlist_for(world, code, title):
    ensure_needs()  # the migration's rows, gone from a reused database after a transactional test
    return advisor_services.create_shortlist(
        cluster=world.cluster, need=Need.objects.get(code=code), title=title, created_by=world.ceo
    )


def test_open_needs_are_shortlisted_needs_without_a_choice_less_active_engagements(engaged_world):
    # engaged_world's active engagement addresses BUDGET
    shortlist_for(engaged_world, BUDGET, "Budget help")
    shortlist_for(engaged_world, FORUMS, "Forums")
    shortlist_for(engaged_world, FORUMS, "Forums again")
    decided = shortlist_for(engaged_world, FUNDS, "Fundraising")
    entry = advisor_services.add_to_shortlist(
        shortlist=decided, profile=engaged_world.profile, note="", added_by=engaged_world.ceo
    )
    advisor_services.record_outcome(entry=entry, outcome=Outcome.CHOSEN, decided_by=engaged_world.ceo)

    needs = open_needs(cluster=engaged_world.cluster)

    assert [(item.code, item.sources) for item in needs] == [
        (FORUMS, ["shortlist “Forums”", "shortlist “Forums again”"]),
    ]


def test_a_need_of_a_draft_engagement_is_still_open(engaged_world):
    other = make_profile(organisation=engaged_world.organisation, needs=[FORUMS])
    draft_engagement(cluster=engaged_world.cluster, ceo=engaged_world.ceo, profile=other, needs=[FORUMS])
    shortlist_for(engaged_world, FORUMS, "Forums")
    assert [item.code for item in open_needs(cluster=engaged_world.cluster)] == [FORUMS]


def test_another_clusters_shortlists_and_engagements_do_not_count(engaged_world):
    advisor_services.create_shortlist(
        cluster=engaged_world.other_cluster,
        need=Need.objects.get(code=FORUMS),
        title="Theirs",
        created_by=engaged_world.other_ceo,
    )
    assert open_needs(cluster=engaged_world.cluster) == []


def test_open_requests_are_open_needs_until_closed_or_covered(engaged_world):
    brief = open_request(cluster=engaged_world.cluster, ceo=engaged_world.ceo, need=FORUMS, title="Regional forums")
    open_request(cluster=engaged_world.cluster, ceo=engaged_world.ceo, need=BUDGET, title="Budget")  # active covers it
    open_request(cluster=engaged_world.other_cluster, ceo=engaged_world.other_ceo, need=FUNDS, title="Theirs")
    shortlist_for(engaged_world, FORUMS, "Forums")

    needs = open_needs(cluster=engaged_world.cluster)

    assert [(item.code, item.sources) for item in needs] == [
        (FORUMS, ["shortlist “Forums”", "request “Regional forums”"]),
    ]
    close_request(brief=brief, closed_by=engaged_world.ceo)
    assert [(item.code, item.sources) for item in open_needs(cluster=engaged_world.cluster)] == [
        (FORUMS, ["shortlist “Forums”"]),
    ]


@pytest.mark.parametrize("count", [1, 5])
def test_open_needs_run_three_queries_whatever_the_number_of_shortlists_and_requests(
    engaged_world, django_assert_num_queries, count
):
    codes = list(Need.objects.exclude(code=BUDGET).values_list("code", flat=True)[:count])
    for code in codes:
        shortlist_for(engaged_world, code, code)
        open_request(cluster=engaged_world.cluster, ceo=engaged_world.ceo, need=code, title=code)
    with django_assert_num_queries(3):
        needs = open_needs(cluster=engaged_world.cluster)
    assert len(needs) == count


# The page


def ranked_world(world):
    """Three listed advisors: one covers FORUMS and FUNDS, one FORUMS, one only works in the waste domain."""
    organisation = VettedOrganisationFactory()
    both = make_profile(organisation=organisation, needs=[FORUMS, FUNDS], domains=[], full_name="Both Needs")
    forums = make_profile(organisation=organisation, needs=[FORUMS], domains=[], full_name="Forums Only")
    waste = make_profile(organisation=organisation, needs=["other.media"], domains=["waste"], full_name="Waste Only")
    return both, forums, waste


def test_the_page_ranks_advisors_for_the_prefilled_open_needs_and_explains_them(world, client_as):
    both, forums, _waste = ranked_world(world)
    shortlist_for(world, FORUMS, "Forums")
    shortlist_for(world, FUNDS, "Fundraising")

    response = client_as(world.ceo).get(reverse("engagements:recommendations"))

    assert response.status_code == 200
    assert response.context["form"].initial["open_needs"] == [FORUMS, FUNDS]
    rows = response.context["rows"]
    assert [row["item"].profile.pk for row in rows] == [both.pk, forums.pk]
    page = response.content.decode()
    assert "covers 2 of your open needs" in page
    assert "shortlist “Fundraising”" in page
    engage = urlparse(rows[0]["engage_url"])
    assert engage.path == reverse("engagements:new")
    assert parse_qs(engage.query) == {
        "profile": [str(both.pk)],
        "cluster": [str(world.cluster.pk)],
        "needs": [FORUMS, FUNDS],
    }
    shortlists = {shortlist.title: shortlist.pk for shortlist in response.context["shortlists"]}
    assert rows[1]["suggested_shortlist"] == shortlists["Forums"]


def test_the_ceo_can_change_the_needs_in_the_form(world, client_as):
    both, forums, _waste = ranked_world(world)
    shortlist_for(world, FUNDS, "Fundraising")
    response = client_as(world.ceo).get(
        reverse("engagements:recommendations"), {"chosen": "1", "open_needs": [FORUMS], "region": ""}
    )
    rows = response.context["rows"]
    assert {row["item"].profile.pk for row in rows} == {both.pk, forums.pk}
    assert [row["item"].explanation for row in rows] == ["covers 1 of your open needs"] * 2


def test_without_open_needs_the_page_says_so_and_ranks_by_lagging_domains(world, client_as):
    from tests.factories.clusters import GoalFactory, MeasurementFactory, ServiceFactory

    _both, _forums, waste = ranked_world(world)
    world.cluster.region = "north"
    world.cluster.save(update_fields=["region"])
    goal = GoalFactory(
        service=ServiceFactory(cluster=world.cluster, domain="waste"),
        baseline_on=date(2024, 1, 1),
        target_on=date(2025, 12, 31),
    )
    # cost unchanged for a year and a half: off track
    MeasurementFactory(goal=goal, period_start=date(2025, 4, 1), value=Decimal(1_000_000))

    response = client_as(world.ceo).get(reverse("engagements:recommendations"))

    assert response.context["form"].initial == {"region": "north", "lagging_domains": ["waste"], "open_needs": []}
    assert [row["item"].profile.pk for row in response.context["rows"]] == [waste.pk]
    page = response.content.decode()
    assert "Your cluster has no open needs yet" in page
    assert "works in 1 of your lagging domains" in page


def test_no_advisor_fits_gives_an_empty_state(world, client_as):
    shortlist_for(world, FORUMS, "Forums")
    response = client_as(world.ceo).get(reverse("engagements:recommendations"))
    assert response.context["rows"] == []
    assert "No listed advisor covers these needs or domains" in response.content.decode()


def test_the_form_starts_from_the_chosen_clusters_own_region(world, client_as):
    world.other_cluster.region = "south"
    world.other_cluster.save(update_fields=["region"])
    form = client_as(world.other_ceo).get(reverse("engagements:recommendations")).context["form"]
    assert form.initial == {"region": "south", "lagging_domains": [], "open_needs": []}


def test_the_catalogue_links_to_the_recommendations_page(world, client_as):
    page = client_as(world.ceo).get(reverse("advisors:catalogue")).content.decode()
    assert reverse("engagements:recommendations") in page


@pytest.mark.parametrize("count", [1, 4])
def test_page_queries_stay_flat_in_advisors_needs_shortlists_and_engagements(
    engaged_world, client_as, django_assert_num_queries, count
):
    organisation = VettedOrganisationFactory()
    codes = list(Need.objects.exclude(code=BUDGET).values_list("code", flat=True)[: count + 1])
    for index in range(count):
        shortlist_for(engaged_world, codes[index], f"List {index}")
        profile = make_profile(organisation=organisation, needs=codes[: index + 2])
        active_engagement(
            cluster=engaged_world.cluster, ceo=engaged_world.ceo, profile=profile, needs=[codes[-1]], goals=[]
        )
    client = client_as(engaged_world.ceo)
    url = reverse("engagements:recommendations")
    client.get(url)
    # 14: the ranking reads the best ids first, then loads only those profiles (rank_in_database).
    with django_assert_num_queries(14):
        response = client.get(url)
    assert len(response.context["rows"]) == count
