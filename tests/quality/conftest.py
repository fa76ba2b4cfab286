import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English, the source language."""
    with translation.override("en"):
        yield


@pytest.fixture
def english_client(client_as):
    def sign_in(user):
        client = client_as(user)
        client.cookies["language"] = "en"
        return client

    return sign_in
