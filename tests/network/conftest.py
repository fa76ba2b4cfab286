import pytest
from django.utils import translation

from tests.factories.advisors import ensure_needs
from tests.factories.network import ensure_ministries


@pytest.fixture(autouse=True)
def english_pages(client, db):
    """Assertions read the English strings; the reference data of the migrations is there."""
    ensure_needs()
    ensure_ministries()
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield client
