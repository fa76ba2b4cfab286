"""Roles, their scopes and the separation of advisory and oversight roles."""

from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from accounts import services
from accounts.models import AuditEvent, RoleAssignment
from accounts.roles import Role
from tests.factories import AdvisorOrganisationFactory, ClusterFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_advisor_cannot_receive_an_oversight_role():
    person = UserFactory()
    services.grant_role(user=person, role=Role.ADVISOR, scope=AdvisorOrganisationFactory())
    with translation.override("en"), pytest.raises(ValidationError) as refusal:
        services.grant_role(user=person, role=Role.REFERENT_INTERIOR, scope=ClusterFactory())
    with translation.override("en"):
        assert "advisory role" in refusal.value.messages[0]
    assert list(RoleAssignment.objects.filter(user=person).values_list("role", flat=True)) == [Role.ADVISOR]


def test_referent_cannot_receive_an_advisory_role():
    person = UserFactory()
    services.grant_role(user=person, role=Role.HEAD_REFERENT)
    for role in (Role.ADVISOR, Role.ORGANISATION_MANAGER):
        with pytest.raises(ValidationError):
            services.grant_role(user=person, role=role, scope=AdvisorOrganisationFactory())
    assert RoleAssignment.objects.filter(user=person).count() == 1


def test_the_rule_holds_in_the_model_layer_not_only_in_forms():
    """full_clean() on a bare RoleAssignment (what the admin runs) refuses the clash too."""
    person = UserFactory()
    services.grant_role(user=person, role=Role.REFERENT_TREASURY, scope=ClusterFactory())
    organisation = AdvisorOrganisationFactory()
    assignment = RoleAssignment(user=person, role=Role.ADVISOR, scope=organisation)
    with pytest.raises(ValidationError):
        assignment.full_clean()


def test_the_rule_holds_during_the_cooling_off_period_and_lifts_after_it(settings):
    settings.COOLING_OFF_MONTHS = 12
    person = UserFactory()
    today = timezone.localdate()
    advisory = services.grant_role(
        user=person, role=Role.ADVISOR, scope=AdvisorOrganisationFactory(), starts_on=today - relativedelta(years=3)
    )
    RoleAssignment.objects.filter(pk=advisory.pk).update(ended_on=today - relativedelta(months=11))
    with pytest.raises(ValidationError):
        services.grant_role(user=person, role=Role.REFERENT_INTERIOR, scope=ClusterFactory())

    RoleAssignment.objects.filter(pk=advisory.pk).update(ended_on=today - relativedelta(months=12, days=1))
    granted = services.grant_role(user=person, role=Role.REFERENT_INTERIOR, scope=ClusterFactory())
    assert granted.role == Role.REFERENT_INTERIOR


def test_cluster_roles_may_be_combined_with_either_family():
    person = UserFactory()
    cluster = ClusterFactory()
    services.grant_role(user=person, role=Role.BOARD_MEMBER, scope=cluster)
    services.grant_role(user=person, role=Role.REFERENT_INTERIOR, scope=ClusterFactory())
    assert person.roles == {Role.BOARD_MEMBER, Role.REFERENT_INTERIOR}


def test_a_scoped_role_needs_a_scope_of_the_right_kind():
    person = UserFactory()
    with pytest.raises(ValidationError):
        services.grant_role(user=person, role=Role.CLUSTER_CEO)
    with pytest.raises(ValidationError):
        services.grant_role(user=person, role=Role.CLUSTER_CEO, scope=AdvisorOrganisationFactory())
    with pytest.raises(ValidationError):
        services.grant_role(user=person, role=Role.CURATOR, scope=ClusterFactory())
    assert RoleAssignment.objects.filter(user=person).count() == 0


def test_granting_twice_keeps_one_assignment_and_one_audit_event():
    person, cluster = UserFactory(), ClusterFactory()
    first = services.grant_role(user=person, role=Role.CLUSTER_CEO, scope=cluster)
    second = services.grant_role(user=person, role=Role.CLUSTER_CEO, scope=cluster)
    assert first.pk == second.pk
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ROLE_GRANTED, target_id=first.pk).count() == 1


def test_grant_and_end_are_audited_with_who_and_what(rf):
    admin = UserFactory()
    person, cluster = UserFactory(email="ceo.new@example.org"), ClusterFactory()
    request = rf.get("/", REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="pytest")
    assignment = services.grant_role(
        user=person, role=Role.CLUSTER_CEO, scope=cluster, granted_by=admin, request=request
    )
    services.end_role(assignment=assignment, ended_by=admin, reason="term over", request=request)

    events = list(AuditEvent.objects.order_by("pk").values_list("action", "actor", "ip_address", "user_agent", "data"))
    assert events == [
        (
            "role_granted",
            admin.pk,
            "203.0.113.9",
            "pytest",
            {"user": "ceo.new@example.org", "role": "cluster_ceo", "scope_id": cluster.pk},
        ),
        (
            "role_ended",
            admin.pk,
            "203.0.113.9",
            "pytest",
            {"user": "ceo.new@example.org", "role": "cluster_ceo", "reason": "term over"},
        ),
    ]
    assignment.refresh_from_db()
    assert assignment.ended_on == timezone.localdate()
    assert not assignment.is_active
    assert UserFactory._meta.model.objects.get(pk=person.pk).roles == frozenset()


def test_ending_a_role_twice_records_one_event():
    person = UserFactory()
    assignment = services.grant_role(user=person, role=Role.CURATOR)
    services.end_role(assignment=assignment, ended_by=None)
    services.end_role(assignment=assignment, ended_by=None)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ROLE_ENDED).count() == 1


def test_platform_admin_role_opens_and_closes_the_admin_site():
    person = UserFactory()
    assignment = services.grant_role(user=person, role=Role.PLATFORM_ADMIN)
    person.refresh_from_db()
    assert (person.is_staff, person.is_superuser) == (True, True)
    services.end_role(assignment=assignment, ended_by=None)
    person.refresh_from_db()
    assert (person.is_staff, person.is_superuser) == (False, False)


def test_future_roles_are_not_active_yet():
    person = UserFactory()
    services.grant_role(user=person, role=Role.CURATOR, starts_on=timezone.localdate() + timedelta(days=3))
    assert person.roles == frozenset()


def test_scope_ids_lists_only_active_assignments_of_the_named_roles():
    person = UserFactory()
    first, second = ClusterFactory(), ClusterFactory()
    services.grant_role(user=person, role=Role.BOARD_MEMBER, scope=first)
    ended = services.grant_role(user=person, role=Role.BOARD_MEMBER, scope=second)
    services.end_role(assignment=ended, ended_by=None)
    person = UserFactory._meta.model.objects.get(pk=person.pk)
    assert person.scope_ids(Role.BOARD_MEMBER) == {first.pk}
    assert person.scope_ids(Role.CLUSTER_CEO) == set()


def test_knowledge_editor_cannot_become_a_referent_or_an_advisor():
    person = UserFactory()
    services.grant_role(user=person, role=Role.KNOWLEDGE_EDITOR)
    with pytest.raises(ValidationError) as refusal, translation.override("en"):
        services.grant_role(user=person, role=Role.REFERENT_INTERIOR, scope=ClusterFactory())
    with translation.override("en"):
        messages = refusal.value.messages
    assert messages == [
        "This person is, or was within the cooling-off period, a knowledge editor, so they cannot receive an "
        "oversight role."
    ]
    for role in (Role.ADVISOR, Role.ORGANISATION_MANAGER):
        with pytest.raises(ValidationError):
            services.grant_role(user=person, role=role, scope=AdvisorOrganisationFactory())
    with pytest.raises(ValidationError):
        services.grant_role(user=person, role=Role.HEAD_REFERENT)
    assert list(RoleAssignment.objects.filter(user=person).values_list("role", flat=True)) == [Role.KNOWLEDGE_EDITOR]


def test_referents_and_advisors_cannot_become_knowledge_editors():
    referent, advisor = UserFactory(), UserFactory()
    services.grant_role(user=referent, role=Role.REFERENT_TREASURY, scope=ClusterFactory())
    services.grant_role(user=advisor, role=Role.ADVISOR, scope=AdvisorOrganisationFactory())
    with translation.override("en"):
        with pytest.raises(ValidationError) as refusal:
            services.grant_role(user=referent, role=Role.KNOWLEDGE_EDITOR)
        assert "oversight role" in refusal.value.messages[0]
        with pytest.raises(ValidationError) as refusal:
            services.grant_role(user=advisor, role=Role.KNOWLEDGE_EDITOR)
        assert "advisory role" in refusal.value.messages[0]
    assert RoleAssignment.objects.filter(role=Role.KNOWLEDGE_EDITOR).count() == 0


def test_the_editor_rule_holds_in_the_model_layer():
    person = UserFactory()
    services.grant_role(user=person, role=Role.KNOWLEDGE_EDITOR)
    assignment = RoleAssignment(user=person, role=Role.ADVISOR, scope=AdvisorOrganisationFactory())
    with pytest.raises(ValidationError):
        assignment.full_clean()
    assert RoleAssignment.objects.filter(user=person).count() == 1


def test_the_editor_rule_holds_during_the_cooling_off_period_and_lifts_after_it(settings):
    settings.COOLING_OFF_MONTHS = 12
    person = UserFactory()
    today = timezone.localdate()
    editor = services.grant_role(user=person, role=Role.KNOWLEDGE_EDITOR, starts_on=today - relativedelta(years=2))
    RoleAssignment.objects.filter(pk=editor.pk).update(ended_on=today - relativedelta(months=11))
    with pytest.raises(ValidationError):
        services.grant_role(user=person, role=Role.ADVISOR, scope=AdvisorOrganisationFactory())
    assert RoleAssignment.objects.filter(user=person).count() == 1

    RoleAssignment.objects.filter(pk=editor.pk).update(ended_on=today - relativedelta(months=12, days=1))
    granted = services.grant_role(user=person, role=Role.ADVISOR, scope=AdvisorOrganisationFactory())
    assert granted.role == Role.ADVISOR


def test_an_editor_may_also_be_a_cluster_board_member():
    person = UserFactory()
    services.grant_role(user=person, role=Role.KNOWLEDGE_EDITOR)
    services.grant_role(user=person, role=Role.BOARD_MEMBER, scope=ClusterFactory())
    assert person.roles == {Role.KNOWLEDGE_EDITOR, Role.BOARD_MEMBER}
