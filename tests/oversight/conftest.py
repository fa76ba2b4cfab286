from datetime import date

import pytest
from django.utils import translation

from clusters.models import Cluster


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


@pytest.fixture
def reporting(world, settings):
    """The world's cluster operates and reports quarterly from 2026; the Treasury confirms."""
    settings.OVERSIGHT_REPORTS_START = date(2026, 1, 1)
    settings.OVERSIGHT_REPORT_PERIOD_MONTHS = 3
    settings.OVERSIGHT_REPORT_DUE_DAYS = 30
    settings.OVERSIGHT_REPORT_TREASURY_CONFIRMATION = True
    Cluster.objects.filter(pk=world.cluster.pk).update(stage=Cluster.Stage.OPERATING)
    world.cluster.refresh_from_db()
    return world
