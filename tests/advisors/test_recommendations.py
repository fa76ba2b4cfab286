"""rank_advisors on a small fixed case (the CEO's page is in engagements: tests/engagements/test_recommendations.py)."""

from django.utils import translation

from advisors.recommendations import rank_advisors, rank_in_database, stable_tie_break
from advisors.selectors import listed_profiles
from tests.factories.advisors import VettedOrganisationFactory, make_profile, rate

OPEN_NEEDS = ["management.workplan_budget", "partnership.forums", "resources.fundraising"]


def build_candidates():
    organisation = VettedOrganisationFactory()
    three_needs = make_profile(
        organisation=organisation,
        needs=OPEN_NEEDS,
        regions=["north"],
        languages=["he", "ar"],
        domains=["education"],
    )
    rate(three_needs, stars=[5, 5, 5, 4, 4, 5, 4])
    one_need_lagging_domain = make_profile(
        organisation=organisation, needs=["partnership.forums"], regions=["south"], languages=["he"], domains=["waste"]
    )
    one_need_north = make_profile(
        organisation=organisation, needs=["resources.fundraising"], regions=["north"], languages=["ar"], domains=[]
    )
    rate(one_need_north, stars=[2, 2, 3])
    unrelated = make_profile(organisation=organisation, needs=["other.media"], domains=["sport"])
    return three_needs, one_need_lagging_domain, one_need_north, unrelated


def test_rank_advisors_scores_needs_domains_region_language_and_rating(db):
    three_needs, lagging, north, unrelated = build_candidates()
    with translation.override("en"):
        ranked = rank_advisors(
            profiles=listed_profiles(),
            open_needs=OPEN_NEEDS,
            lagging_domains=["waste", "education"],
            region="north",
            languages=["ar"],
        )
        explanations = [item.explanation for item in ranked]
    assert [item.profile.pk for item in ranked] == [three_needs.pk, lagging.pk, north.pk]
    # 3 needs × 3 + 1 domain × 2 + region 1 + Arabic 1 + (4.57 − 3) / 2
    assert [item.score for item in ranked] == [13.785, 5.0, 4.665]
    assert explanations == [
        "covers 3 of your open needs, works in 1 of your lagging domains, works in the North region, "
        "speaks Arabic, rated 4.6 from 7 reviews",
        "covers 1 of your open needs, works in 1 of your lagging domains",
        "covers 1 of your open needs, works in the North region, speaks Arabic, rated 2.3 from 3 reviews",
    ]
    assert unrelated.pk not in [item.profile.pk for item in ranked]


def test_rank_advisors_breaks_ties_by_stable_hash_and_respects_the_limit(db):
    organisation = VettedOrganisationFactory()
    twins = [make_profile(organisation=organisation, needs=["other.media"]) for _index in range(4)]
    ranked = rank_advisors(profiles=listed_profiles(), open_needs=["other.media"], limit=3)
    expected = sorted((profile.pk for profile in twins), key=stable_tie_break)[:3]
    assert [item.profile.pk for item in ranked] == expected


def test_rank_advisors_runs_no_query_on_prefetched_candidates(db, django_assert_num_queries):
    build_candidates()
    candidates = list(listed_profiles())
    with django_assert_num_queries(0):
        ranked = rank_advisors(profiles=candidates, open_needs=OPEN_NEEDS)
    assert len(ranked) == 3


def test_rank_in_database_gives_the_ranking_and_explanations_of_rank_advisors(db):
    build_candidates()
    arguments = {"open_needs": OPEN_NEEDS, "lagging_domains": ["waste", "education"], "region": "north"}
    with translation.override("en"):
        for languages in ([], ["ar"]):
            in_python = rank_advisors(profiles=listed_profiles(), languages=languages, **arguments)
            in_database = rank_in_database(profiles=listed_profiles(), languages=languages, **arguments)
            assert [(item.profile.pk, item.score, item.explanation) for item in in_database] == [
                (item.profile.pk, item.score, item.explanation) for item in in_python
            ]


def test_rank_in_database_loads_only_the_best_profiles_in_three_queries(db, django_assert_num_queries):
    organisation = VettedOrganisationFactory()
    twins = [make_profile(organisation=organisation, needs=["other.media"]) for _index in range(6)]
    with django_assert_num_queries(3):  # the best ids, their profiles, their needs
        ranked = rank_in_database(profiles=listed_profiles(), open_needs=["other.media"], limit=3)
    expected = sorted((profile.pk for profile in twins), key=stable_tie_break)[:3]
    assert [item.profile.pk for item in ranked] == expected
