"""The catalogue lists only vetted organisations' published, fresh profiles; every filter and sort works."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from advisors import services
from advisors.models import AdvisorProfile, OrganisationKind, RelationshipModel, VettingState
from advisors.selectors import TIE_BREAK_MODULUS, TIE_BREAK_MULTIPLIER
from tests.factories import AdvisorOrganisationFactory, user_with_role
from tests.factories.advisors import VettedOrganisationFactory, make_profile, rate


def listed_ids(client, **params) -> list[int]:
    response = client.get(reverse("advisors:catalogue"), params)
    assert response.status_code == 200
    return [profile.pk for profile in response.context["page"].object_list]


def test_only_vetted_published_fresh_unsuspended_profiles_are_listed(world, client_as):
    listed = make_profile()
    applied = make_profile(organisation=AdvisorOrganisationFactory(vetting_state=VettingState.APPLIED))
    suspended_org = make_profile(
        organisation=AdvisorOrganisationFactory(vetting_state=VettingState.SUSPENDED, vetting_reason="Complaint")
    )
    rejected = make_profile(
        organisation=AdvisorOrganisationFactory(vetting_state=VettingState.REJECTED, vetting_reason="Not eligible")
    )
    unpublished = make_profile(is_published=False)
    overdue = make_profile()
    AdvisorProfile.objects.filter(pk=overdue.pk).update(
        last_confirmed_at=timezone.now() - relativedelta(months=6, days=1)
    )
    suspended_profile = make_profile()
    services.suspend_profile(profile=suspended_profile, suspended_by=world.curator, reason="Under review")

    assert listed_ids(client_as(world.ceo)) == [listed.pk]
    assert list(AdvisorProfile.objects.listed()) == [listed]
    for hidden in (applied, suspended_org, rejected, unpublished, overdue, suspended_profile):
        assert client_as(world.ceo).get(reverse("advisors:profile_detail", args=[hidden.pk])).status_code == 404
        assert client_as(world.curator).get(reverse("advisors:profile_detail", args=[hidden.pk])).status_code == 200


def test_suspending_an_organisation_removes_its_profiles_at_once(world, client_as):
    profile = make_profile()
    url = reverse("advisors:profile_detail", args=[profile.pk])
    assert client_as(world.ceo).get(url).status_code == 200
    services.suspend_organisation(organisation=profile.organisation, decided_by=world.curator, reason="Conflict")
    assert listed_ids(client_as(world.ceo)) == []
    assert client_as(world.ceo).get(url).status_code == 404


def test_reconfirming_an_overdue_profile_returns_it_to_search(world, client_as):
    profile = make_profile(person=world.advisor, organisation=VettedOrganisationFactory())
    AdvisorProfile.objects.filter(pk=profile.pk).update(last_confirmed_at=timezone.now() - relativedelta(months=7))
    assert listed_ids(client_as(world.ceo)) == []
    response = client_as(world.advisor).post(reverse("advisors:profile_reconfirm", args=[profile.pk]))
    assert response.status_code == 302
    assert listed_ids(client_as(world.ceo)) == [profile.pk]


@pytest.fixture
def catalogue(world):
    firm = VettedOrganisationFactory(kind=OrganisationKind.CONSULTING_FIRM)
    institute = VettedOrganisationFactory(
        kind=OrganisationKind.PARTNER_INSTITUTE, relationship_model=RelationshipModel.PARTNER
    )
    profiles = {
        "budget_north": make_profile(
            organisation=firm,
            needs=["management.workplan_budget"],
            domains=["waste"],
            regions=["north"],
            languages=["he", "ar"],
            orientation="hands_on",
            day_rate=2500,
            available_from=date(2027, 1, 1),
        ),
        "coach_south": make_profile(
            organisation=firm,
            needs=["management.coaching"],
            domains=["welfare"],
            regions=["south"],
            languages=["he"],
            orientation="supportive",
            day_rate=4000,
        ),
        "partner_both": make_profile(
            organisation=institute,
            needs=["partnership.forums", "management.workplan_budget"],
            domains=["welfare", "education"],
            regions=["north", "haifa"],
            languages=["ar", "en"],
            orientation="both",
            day_rate=3200,
            available_from=date(2026, 12, 1),
        ),
    }
    rate(profiles["budget_north"], stars=[5, 5, 4])
    rate(profiles["coach_south"], stars=[3, 3, 4, 3])
    rate(profiles["partner_both"], stars=[5, 5])  # too few reviews: no rating shown, none filtered on
    return profiles


FILTER_CASES = [
    ({"need": "management.workplan_budget"}, {"budget_north", "partner_both"}),
    ({"need": "management.coaching"}, {"coach_south"}),
    ({"need_group": "management"}, {"budget_north", "coach_south", "partner_both"}),
    ({"need_group": "partnership"}, {"partner_both"}),
    ({"domain": "welfare"}, {"coach_south", "partner_both"}),
    ({"domain": "waste"}, {"budget_north"}),
    ({"region": "north"}, {"budget_north", "partner_both"}),
    ({"region": "south"}, {"coach_south"}),
    ({"language": "ar"}, {"budget_north", "partner_both"}),
    ({"language": "en"}, {"partner_both"}),
    ({"orientation": "supportive"}, {"coach_south", "partner_both"}),
    ({"orientation": "hands_on"}, {"budget_north", "partner_both"}),
    ({"orientation": "both"}, {"partner_both"}),
    ({"kind": "partner_institute"}, {"partner_both"}),
    ({"kind": "consulting_firm"}, {"budget_north", "coach_south"}),
    ({"relationship": "partner"}, {"partner_both"}),
    ({"relationship": "supplier"}, {"budget_north", "coach_south"}),
    ({"min_rating": "4"}, {"budget_north"}),
    ({"min_rating": "3"}, {"budget_north", "coach_south"}),
    ({"rate_min": "3000"}, {"coach_south", "partner_both"}),
    ({"rate_max": "3200"}, {"budget_north", "partner_both"}),
    ({"rate_min": "3000", "rate_max": "3500"}, {"partner_both"}),
    ({"available_from": "2026-12-15"}, {"coach_south", "partner_both"}),
    ({"available_from": "2027-01-01"}, {"budget_north", "coach_south", "partner_both"}),
]


@pytest.mark.parametrize(("params", "expected"), FILTER_CASES, ids=[str(case[0]) for case in FILTER_CASES])
def test_each_filter_narrows_the_catalogue(params, expected, catalogue, world, client_as):
    assert set(listed_ids(client_as(world.ceo), **params)) == {catalogue[name].pk for name in expected}


def test_filters_combine(catalogue, world, client_as):
    client = client_as(world.ceo)
    combined = {
        "need": "management.workplan_budget",
        "region": "north",
        "language": "ar",
        "orientation": "supportive",
        "rate_max": "3500",
    }
    assert listed_ids(client, **combined) == [catalogue["partner_both"].pk]
    assert listed_ids(client, **{**combined, "kind": "consulting_firm"}) == []
    assert listed_ids(client, need_group="management", need="management.workplan_budget", region="north") == [
        catalogue["budget_north"].pk,
        catalogue["partner_both"].pk,
    ]


def test_empty_result_suggests_widening_the_search(catalogue, world, client_as):
    response = client_as(world.ceo).get(reverse("advisors:catalogue"), {"region": "jerusalem"})
    assert response.context["page"].paginator.count == 0
    assert "Try fewer words, another need in the same group" in response.content.decode()


def test_sorting_by_rating_experience_and_rate(catalogue, world, client_as):
    client = client_as(world.ceo)
    budget, coach, partner = catalogue["budget_north"], catalogue["coach_south"], catalogue["partner_both"]
    # Unshown ratings (fewer than three reviews) sort last.
    assert listed_ids(client, sort="rating") == [budget.pk, coach.pk, partner.pk]
    assert listed_ids(client, sort="experience") == [coach.pk, budget.pk, partner.pk]
    assert listed_ids(client, sort="rate") == [budget.pk, partner.pk, coach.pk]


def test_ties_are_broken_by_a_stable_hash_of_the_id_not_by_name(world, client_as):
    organisation = VettedOrganisationFactory()
    names = ["א", "ב", "ג", "ד", "ה", "ו"]
    profiles = [make_profile(organisation=organisation, full_name=f"{name} יועץ", day_rate=3000) for name in names]
    expected = sorted(
        (profile.pk for profile in profiles), key=lambda pk: (pk * TIE_BREAK_MULTIPLIER) % TIE_BREAK_MODULUS
    )
    client = client_as(world.ceo)
    assert listed_ids(client, sort="rate") == expected
    assert listed_ids(client, sort="rating") == expected
    assert expected != sorted(profile.pk for profile in profiles)


def test_results_are_paginated_and_pages_keep_the_filters(world, client_as):
    organisation = VettedOrganisationFactory()
    for _index in range(23):
        make_profile(organisation=organisation, regions=["north"])
    client = client_as(world.ceo)
    first = client.get(reverse("advisors:catalogue"), {"region": "north", "sort": "rate"})
    assert len(first.context["page"].object_list) == 20
    assert "region=north&amp;sort=rate&amp;page=2" in first.content.decode()
    second = client.get(reverse("advisors:catalogue"), {"region": "north", "sort": "rate", "page": 2})
    assert len(second.context["page"].object_list) == 3


def test_a_referent_and_a_board_member_cannot_search_the_catalogue(catalogue, world, client_as):
    for person in (world.referent, world.head_referent, world.board_member, world.advisor):
        assert client_as(person).get(reverse("advisors:catalogue")).status_code == 403
        profile_url = reverse("advisors:profile_detail", args=[catalogue["budget_north"].pk])
        assert client_as(person).get(profile_url).status_code == 404


def test_search_page_query_count_does_not_grow_with_advisors_or_needs(world, client_as, django_assert_num_queries):
    client = client_as(world.ceo)
    url = reverse("advisors:catalogue")
    organisation = VettedOrganisationFactory()
    make_profile(organisation=organisation, needs=["management.coaching"])
    # the session, the person, their roles, the taxonomy (two), the page's keys with the count, its profiles, their
    # needs
    with django_assert_num_queries(8):
        client.get(url, {"q": "תכנון", "region": "north"})
    many_needs = ["management.coaching", "management.workplan_budget", "partnership.forums", "other.media"]
    for _index in range(12):
        rate(make_profile(organisation=VettedOrganisationFactory(), needs=many_needs), stars=[5, 4, 4, 3, 5])
    with django_assert_num_queries(8):
        response = client.get(url, {"q": "תכנון", "region": "north"})
    assert response.context["page"].paginator.count == 13


def test_profile_page_query_count_does_not_grow_with_needs_or_reviews(world, client_as, django_assert_num_queries):
    client = client_as(world.ceo)
    few = make_profile(needs=["management.coaching"])
    many = make_profile(
        needs=[
            "management.coaching",
            "management.workplan_budget",
            "partnership.forums",
            "other.media",
            "other.it_systems",
        ]
    )
    rate(few, stars=[4], needs_served={"management.coaching": 1})
    rate(
        many,
        stars=[5] * 40 + [4] * 17 + [2] * 3,
        needs_served={"management.coaching": 30, "other.media": 20, "partnership.forums": 9, "other.it_systems": 1},
    )
    with django_assert_num_queries(7):
        client.get(reverse("advisors:profile_detail", args=[few.pk]))
    with django_assert_num_queries(7):
        response = client.get(reverse("advisors:profile_detail", args=[many.pk]))
    page = response.content.decode()
    assert "Rated 4.6 from 60 reviews" in page
    assert "Personal management coaching: 30 engagements" in page


def test_profile_page_says_no_reviews_yet_and_hides_ratings_below_three_reviews(world, client_as):
    profile = make_profile()
    client = client_as(world.ceo)
    url = reverse("advisors:profile_detail", args=[profile.pk])
    assert "No reviews yet" in client.get(url).content.decode()
    rate(profile, stars=[5, 4])
    page = client.get(url).content.decode()
    assert "Ratings are shown from 3 reviews up" in page
    assert "Rated" not in page
    rate(profile, stars=[5, 4, 4])
    assert "Rated 4.3 from 3 reviews" in client.get(url).content.decode()


def test_another_advisor_never_sees_a_competitor_profile(world, client_as):
    competitor = make_profile()
    other = user_with_role(Role.ADVISOR, VettedOrganisationFactory())
    assert client_as(other).get(reverse("advisors:profile_detail", args=[competitor.pk])).status_code == 404


def test_available_from_filter_treats_no_date_as_available_now(world, client_as):
    now_available = make_profile(available_from=None)
    later = make_profile(available_from=timezone.localdate() + timedelta(days=60))
    client = client_as(world.ceo)
    assert listed_ids(client, available_from=timezone.localdate().isoformat()) == [now_available.pk]
    assert set(listed_ids(client)) == {now_available.pk, later.pk}


def test_invalid_filter_input_shows_an_error_and_filters_nothing(catalogue, world, client_as):
    response = client_as(world.ceo).get(reverse("advisors:catalogue"), {"rate_min": "cheap", "min_rating": "9"})
    assert response.status_code == 200
    assert set(response.context["filter"].form.errors) == {"rate_min", "min_rating"}
    assert response.context["page"].paginator.count == 3
    assert response.context["filter"].form.errors["rate_min"] == ["Enter a number."]


def test_the_need_filter_lists_needs_under_their_groups_and_keeps_the_choice(world, client_as):
    response = client_as(world.ceo).get(reverse("advisors:catalogue"), {"need": "management.coaching"})
    page = response.content.decode()
    assert '<optgroup label="Management">' in page
    assert '<option value="management.coaching" selected>Personal management coaching</option>' in page


def test_a_card_shows_each_change_of_its_profile_and_the_readers_language(world, client_as, settings):
    """Cards are rendered once per content (advisors.views._card): each change shown on a card is seen at once."""
    settings.ADVISORS_MIN_REVIEWS_SHOWN = 3
    profile = make_profile(full_name="Dana Levi", day_rate=3000)
    client = client_as(world.ceo)
    client.cookies["language"] = "en"
    url = reverse("advisors:catalogue")

    def card() -> str:
        page = client.get(url).content.decode()
        start = page.index(f'aria-labelledby="profile-{profile.pk}-name"')
        return page[start : page.index("</article>", start)]

    first = card()
    assert "Dana Levi" in first and "3000 ₪" in first and "No reviews yet" in first and "North" in first
    AdvisorProfile.objects.filter(pk=profile.pk).update(day_rate=3500, regions="south")
    profile.person.full_name = "Dana Levi-Cohen"
    profile.person.save(update_fields=["full_name"])
    rate(profile, stars=[5, 4, 4])
    changed = card()
    assert "Dana Levi-Cohen" in changed and "3500 ₪" in changed and "Rated 4.3 from 3 reviews" in changed
    assert "South" in changed and "North" not in changed
    profile.organisation.name = "Renamed & Co"
    profile.organisation.save(update_fields=["name"])
    assert "Renamed &amp; Co" in card()
    client.cookies["language"] = "he"
    hebrew = card()
    assert "אזורים" in hebrew and "דרום" in hebrew and "Regions" not in hebrew
    client.cookies["language"] = "en"
    assert "Regions" in card()
