"""Factories for the oversight app's models."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from oversight.models import Finding
from tests.factories import ClusterFactory, UserFactory


class FindingFactory(DjangoModelFactory):
    class Meta:
        model = Finding

    cluster = factory.SubFactory(ClusterFactory)
    raised_by = factory.SubFactory(UserFactory)
    severity = Finding.Severity.MEDIUM
    text = factory.Sequence(lambda n: f"Finding {n}: the waste tender has not started")
    due_on = date(2030, 1, 1)
