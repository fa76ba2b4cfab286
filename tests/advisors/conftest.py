import pytest

from advisors.models import VettingState
from tests.factories.advisors import make_profile


@pytest.fixture
def vetted_world(world):
    """The world with its first organisation vetted and the advisor's profile listed in the catalogue."""
    world.organisation.vetting_state = VettingState.VETTED
    world.organisation.save(update_fields=["vetting_state"])
    world.extra["profile"] = make_profile(person=world.advisor, organisation=world.organisation)
    return world


@pytest.fixture(autouse=True)
def english_pages(client):
    """Assertions on page text read the English strings; the browser test covers Hebrew."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
