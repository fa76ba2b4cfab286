"""Counts read inside another query: each row's own count, 0 where nothing matches, as `.count()` gives it."""

import pytest
from django.db.models import F, OuterRef, Q

from accounts.counts import count_of
from accounts.models import RoleAssignment, User
from accounts.roles import Role
from tests.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_each_row_gets_its_own_count_and_none_gives_zero(django_assert_num_queries):
    curator = user_with_role(Role.CURATOR)
    nobody = UserFactory()
    twice = user_with_role(Role.CURATOR)
    user_with_role(Role.KNOWLEDGE_EDITOR).role_assignments.update(user=twice)
    people = [curator, nobody, twice]

    with django_assert_num_queries(1):
        counted = dict(
            User.objects.filter(pk__in=[person.pk for person in people])
            .annotate(roles_held=count_of(RoleAssignment.objects.filter(user=OuterRef("pk"))))
            .values_list("pk", "roles_held")
        )
    assert counted == {person.pk: RoleAssignment.objects.filter(user=person).count() for person in people}
    assert counted == {curator.pk: 1, nobody.pk: 0, twice.pk: 2}


def test_a_filtered_count_counts_only_what_matches():
    editor = user_with_role(Role.KNOWLEDGE_EDITOR)
    [counted] = User.objects.filter(pk=editor.pk).annotate(
        curating=count_of(RoleAssignment.objects.filter(user=OuterRef("pk"), role=Role.CURATOR)),
        editing=count_of(RoleAssignment.objects.filter(user=OuterRef("pk"), role=Role.KNOWLEDGE_EDITOR)),
    )
    assert (counted.curating, counted.editing) == (0, 1)


def test_a_queryset_that_can_match_nothing_counts_zero_in_filters_and_sums_too():
    curator = user_with_role(Role.CURATOR)
    counted = (
        User.objects.filter(pk=curator.pk)
        .annotate(none=count_of(RoleAssignment.objects.filter(user=OuterRef("pk"), role__in=[])))
        .filter(Q(none__gt=0) | Q(email=curator.email))
        .annotate(plus_one=F("none") + 1)
    )
    assert list(counted.values_list("none", "plus_one")) == [(0, 1)]
