import pytest
from django.utils import translation

from advisors.models import VettingState
from tests.factories.advisors import make_profile
from tests.factories.engagements import active_engagement, goal_of


@pytest.fixture
def engaged_world(world):
    """The world's organisation vetted, the advisor's profile listed, a goal on the cluster, and an active
    engagement between the cluster and the advisor (1 Jan – 31 Dec 2026, 100 hours at 400 ₪)."""
    world.organisation.vetting_state = VettingState.VETTED
    world.organisation.save(update_fields=["vetting_state"])
    world.extra["profile"] = make_profile(person=world.advisor, organisation=world.organisation)
    world.extra["goal"] = goal_of(world.cluster)
    world.extra["engagement"] = active_engagement(
        cluster=world.cluster, ceo=world.ceo, profile=world.profile, goals=[world.goal]
    )
    return world


@pytest.fixture(autouse=True)
def english_pages(client):
    """Assertions read the English strings (pages and service messages); a test of its own covers Hebrew."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield client
