import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English, the source language (pages follow the request's language)."""
    with translation.override("en"):
        yield
