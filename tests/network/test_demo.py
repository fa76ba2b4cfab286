"""The national cluster's demo content: pages, published items, a proposed case, calls and an application."""

import io

import pytest
from django.core.management import call_command

from network.models import Application, Call, KnowledgeItem, Ministry

pytestmark = pytest.mark.django_db


def test_demo_content_is_seeded_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())
    counts = (KnowledgeItem.objects.count(), Call.objects.count(), Application.objects.count())
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())
    assert (KnowledgeItem.objects.count(), Call.objects.count(), Application.objects.count()) == counts == (7, 3, 1)
    assert KnowledgeItem.objects.filter(status="in_review").values_list("kind", flat=True).get() == "case_study"
    assert Ministry.objects.filter(versions__isnull=False).distinct().count() == 4
    assert Ministry.objects.get(slug="finance").is_review_due is True
