import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English, the source language (pages follow the request's language)."""
    with translation.override("en"):
        yield


@pytest.fixture
def english_client(client_as):
    """client_as(user) with the English interface chosen."""

    def sign_in(user):
        client = client_as(user)
        client.cookies["language"] = "en"
        return client

    return sign_in
