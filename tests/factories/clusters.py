"""Factories for the clusters app's models."""

from datetime import date
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from clusters.models import Authority, Goal, Measurement, Membership, Service
from tests.factories import ClusterFactory


class AuthorityFactory(DjangoModelFactory):
    class Meta:
        model = Authority

    code_type = Authority.CodeType.LOCALITY
    cbs_code = factory.Sequence(lambda n: 5000 + n)
    name_he = factory.Sequence(lambda n: f"רשות {n}")
    name_en = factory.Sequence(lambda n: f"Authority {n}")
    kind = Authority.Kind.LOCAL_COUNCIL
    district = "הצפון"
    region = "north"
    population = 10_000
    population_year = 2021
    socioeconomic_cluster = 5
    peripherality_cluster = 3


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    cluster = factory.SubFactory(ClusterFactory)
    authority = factory.SubFactory(AuthorityFactory)


class ServiceFactory(DjangoModelFactory):
    class Meta:
        model = Service

    cluster = factory.SubFactory(ClusterFactory)
    name_he = factory.Sequence(lambda n: f"שירות {n}")
    name_en = factory.Sequence(lambda n: f"Service {n}")
    domain = "waste"
    status = Service.Status.OPERATING


class GoalFactory(DjangoModelFactory):
    """A cost saving goal by default: baseline 1,000,000 ₪, 15 % saving, from 2025-01-01 to 2027-01-01."""

    class Meta:
        model = Goal

    service = factory.SubFactory(ServiceFactory)
    kind = Goal.Kind.COST_SAVING
    name = factory.Sequence(lambda n: f"Goal {n}")
    unit = "₪"
    direction = "lower"
    baseline_value = Decimal(1_000_000)
    baseline_on = date(2025, 1, 1)
    target_percent = Decimal(15)
    target_on = date(2027, 1, 1)
    is_active = True


class MeasurementFactory(DjangoModelFactory):
    class Meta:
        model = Measurement

    goal = factory.SubFactory(GoalFactory)
    period_kind = Measurement.PeriodKind.QUARTER
    period_start = date(2025, 4, 1)
    value = Decimal(950_000)
    source = "finance department"


def cluster_with_members(cluster, count: int, **authority_fields) -> list[Authority]:
    """Make `count` authorities members of the cluster; returns them."""
    authorities = AuthorityFactory.create_batch(count, **authority_fields)
    for authority in authorities:
        MembershipFactory(cluster=cluster, authority=authority)
    return authorities
