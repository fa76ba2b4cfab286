"""Independence, read off the access matrix (whose test calls every URL and checks each answer): referents reach
nothing that changes cluster or engagement data, and advisors and organisation managers reach no oversight URL."""

from tests.access_matrix import FORBIDDEN, NOT_FOUND
from tests.clusters.access import RULES as CLUSTER_RULES
from tests.engagements.access import RULES as ENGAGEMENT_RULES
from tests.oversight.access import RULES as OVERSIGHT_RULES

REFERENTS = ("referent", "treasury_referent", "head_referent")
REFUSED = {FORBIDDEN, NOT_FOUND}


def test_referents_are_refused_every_clusters_and_engagements_url():
    answers = {
        (rule.name, referent): rule.expected[referent]
        for rule in CLUSTER_RULES + ENGAGEMENT_RULES
        for referent in REFERENTS
    }
    assert {key: answer for key, answer in answers.items() if answer not in REFUSED} == {}
    assert ("clusters:work_plan_reopen", "referent") in answers


def test_advisors_and_organisation_managers_get_nothing_from_any_oversight_url():
    answers = {
        (rule.name, person): rule.expected[person]
        for rule in OVERSIGHT_RULES
        for person in ("advisor", "other_advisor", "org_manager")
    }
    assert {key: answer for key, answer in answers.items() if answer not in REFUSED} == {}
    assert ("oversight:plan_review", "advisor") in answers
