"""Role grants made in the Django admin go through the same service: separation rule and audit apply."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import AuditEvent, RoleAssignment, separation_conflict
from accounts.roles import Role

pytestmark = pytest.mark.django_db


def add_form(world, user, role, scope):
    return {
        "user": user.pk,
        "role": role,
        "scope_type": ContentType.objects.get_for_model(scope).pk,
        "scope_id": scope.pk,
        "starts_on": timezone.localdate().isoformat(),
        "ended_on": "",
        "end_reason": "",
    }


def test_admin_grant_is_audited(world, client_as):
    client = client_as(world.admin)
    response = client.post(
        reverse("admin:accounts_roleassignment_add"),
        add_form(world, world.no_role, Role.BOARD_MEMBER, world.other_cluster),
    )
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=world.no_role)
    assert (assignment.role, assignment.scope_id, assignment.granted_by) == (
        Role.BOARD_MEMBER,
        world.other_cluster.pk,
        world.admin,
    )
    assert AuditEvent.objects.filter(action="role_granted", actor=world.admin, target_id=assignment.pk).count() == 1


def test_admin_cannot_give_an_advisor_an_oversight_role(world, client_as):
    client = client_as(world.admin)
    before = RoleAssignment.objects.count()
    response = client.post(
        reverse("admin:accounts_roleassignment_add"),
        add_form(world, world.advisor, Role.REFERENT_INTERIOR, world.cluster),
    )
    assert response.status_code == 200
    with translation.override("he"):
        expected = str(separation_conflict(world.advisor.pk, Role.REFERENT_INTERIOR))
    assert expected in response.content.decode()
    assert RoleAssignment.objects.count() == before


def test_admin_ends_a_role_on_the_date_given(world, client_as):
    assignment = RoleAssignment.objects.get(user=world.board_member)
    RoleAssignment.objects.filter(pk=assignment.pk).update(starts_on=timezone.localdate() - timedelta(days=30))
    client = client_as(world.admin)
    end = timezone.localdate() - timedelta(days=2)
    response = client.post(
        reverse("admin:accounts_roleassignment_change", args=[assignment.pk]),
        {"ended_on": end.isoformat(), "end_reason": "resigned"},
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.ended_on, assignment.ended_by, assignment.end_reason) == (end, world.admin, "resigned")
    assert AuditEvent.objects.filter(action="role_ended", target_id=assignment.pk).count() == 1
