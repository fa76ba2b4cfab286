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


def test_the_audit_log_filters_by_any_labelled_action_without_reading_every_event(world, client_as):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts.models import audit_action_labels
    from accounts.services import record_event

    record_event(action="role_granted", actor=world.admin, target=world.ceo)
    record_event(action="login", actor=world.ceo)
    client = client_as(world.admin)
    client.cookies["language"] = "en"
    url = reverse("admin:accounts_auditevent_changelist")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    assert page.status_code == 200
    assert not [q["sql"] for q in queries.captured_queries if "DISTINCT" in q["sql"].upper()]
    with translation.override("en"):
        assert str(audit_action_labels()["role_granted"]) in page.content.decode()
    filtered = client.get(url, {"action": "role_granted"})
    shown = {event.action for event in filtered.context["cl"].result_list}
    assert shown == {"role_granted"}


def test_the_audit_log_counts_a_large_unfiltered_list_from_the_statistics_and_a_filtered_one_exactly(
    world, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts.services import record_event
    from config.admin_lists import EstimatedCountPaginator

    for _ in range(3):
        record_event(action="login", actor=world.ceo)
    record_event(action="role_granted", actor=world.admin, target=world.ceo)
    everything = AuditEvent.objects.all()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE accounts_auditevent")
    analysed = everything.count()
    record_event(action="login", actor=world.ceo)  # after the statistics were taken
    for exact_below, expected in [(0, analysed), (10**9, analysed + 1)]:
        monkeypatch.setattr(EstimatedCountPaginator, "EXACT_BELOW", exact_below)
        with CaptureQueriesContext(connection) as queries:
            count = EstimatedCountPaginator(everything, 10).count
        assert len(queries) == 1  # the estimate or the count, in one query either way
        # SQLite has no statistics: it always counts
        assert count == (expected if connection.vendor == "postgresql" else analysed + 1)
    granted = everything.filter(action="role_granted", actor=world.admin, target_id=world.ceo.pk)
    assert EstimatedCountPaginator(granted, 10).count == granted.count() >= 1
