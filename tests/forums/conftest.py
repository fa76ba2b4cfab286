import pytest
from django.utils import translation

from tests.factories.forums import build_forum_world


@pytest.fixture
def forum_world(world):
    """The world with a forum of its cluster: the CEO chairs, the advisor facilitates through an active engagement
    (two forum-facilitation work logs, 5.5 hours, 3 approved), the other CEO is a member and the referent observes;
    a closed meeting with a decision linked to a goal, and an upcoming meeting with an agenda item."""
    return build_forum_world(world)


@pytest.fixture(autouse=True)
def english_pages(client):
    """Assertions read the English strings; the bad-input test covers Hebrew."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield client
