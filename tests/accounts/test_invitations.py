"""Invitations: an admin (or a curator, for advisory roles) invites by email; the link works once and expires."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent, Invitation, RoleAssignment, User
from accounts.roles import Role

pytestmark = pytest.mark.django_db


def invite(client, data):
    return client.post(reverse("accounts:invitation_create"), data)


def link_in_last_email() -> str:
    return re.search(r"http://testserver(/people/invitations/accept/[^/\s]+/)", mail.outbox[-1].body).group(1)


def test_admin_invites_a_ceo_who_sets_a_password_and_lands_on_their_cluster(
    world, client_as, django_capture_on_commit_callbacks
):
    client = client_as(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(
            client,
            {
                "email": "New.CEO@Example.org",
                "full_name": "Dana",
                "role": Role.CLUSTER_CEO,
                "cluster": world.cluster.pk,
            },
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.ceo@example.org"]
    link = link_in_last_email()

    client.logout()
    page = client.get(link)
    assert page.status_code == 200
    response = client.post(
        link, {"full_name": "Dana Levi", "password1": "Harbour-lights-77", "password2": "Harbour-lights-77"}
    )
    assert response.status_code == 302
    person = User.objects.get(email="new.ceo@example.org")
    assert person.full_name == "Dana Levi"
    assert person.check_password("Harbour-lights-77")
    assert person.scope_ids(Role.CLUSTER_CEO) == {world.cluster.pk}
    assert client.get(reverse("home")).url == reverse("clusters:home")
    assert AuditEvent.objects.filter(action=AuditEvent.Action.INVITATION_ACCEPTED, actor=person).count() == 1


def test_the_link_works_once(world, client_as, django_capture_on_commit_callbacks):
    client = client_as(world.curator)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, {"email": "a@example.org", "role": Role.ADVISOR, "organisation": world.organisation.pk})
    link = link_in_last_email()
    client.logout()
    data = {"full_name": "A", "password1": "Harbour-lights-77", "password2": "Harbour-lights-77"}
    assert client.post(link, data).status_code == 302
    client.logout()
    again = client.get(link)
    assert again.status_code == 410
    assert client.post(link, data).status_code == 410
    assert User.objects.filter(email="a@example.org").count() == 1
    assert RoleAssignment.objects.filter(user__email="a@example.org").count() == 1


def test_an_expired_link_is_refused_and_creates_nobody(world, client_as, django_capture_on_commit_callbacks):
    client = client_as(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, {"email": "late@example.org", "role": Role.CURATOR})
    link = link_in_last_email()
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    client.logout()
    response = client.post(link, {"full_name": "L", "password1": "Harbour-lights-77", "password2": "Harbour-lights-77"})
    assert response.status_code == 410
    assert not User.objects.filter(email="late@example.org").exists()


def test_an_unknown_token_is_not_found(client):
    assert client.get(reverse("accounts:invitation_accept", args=["nope"])).status_code == 404


def test_a_weak_or_mismatched_password_is_refused_with_a_translated_error(
    world, client_as, django_capture_on_commit_callbacks
):
    client = client_as(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, {"email": "weak@example.org", "role": Role.CURATOR})
    link = link_in_last_email()
    client.logout()
    client.cookies["language"] = "en"
    mismatched = client.post(link, {"full_name": "W", "password1": "Harbour-lights-77", "password2": "other-pass-99"})
    assert mismatched.status_code == 400
    assert "The two passwords differ." in mismatched.content.decode()
    client.cookies["language"] = "he"
    short = client.post(link, {"full_name": "W", "password1": "abc", "password2": "abc"})
    assert short.status_code == 400
    assert "הסיסמה" in short.content.decode()
    assert not User.objects.filter(email="weak@example.org").exists()
    assert Invitation.objects.get(email="weak@example.org").accepted_at is None


def test_curator_may_invite_only_to_advisory_roles(world, client_as):
    client = client_as(world.curator)
    response = invite(client, {"email": "x@example.org", "role": Role.REFERENT_INTERIOR, "cluster": world.cluster.pk})
    assert response.status_code == 400
    assert Invitation.objects.count() == 0


def test_a_scoped_role_needs_its_scope(world, client_as):
    client = client_as(world.admin)
    client.cookies["language"] = "en"
    response = invite(client, {"email": "x@example.org", "role": Role.CLUSTER_CEO})
    assert response.status_code == 400
    assert "Choose the cluster this role applies to." in response.content.decode()
    assert Invitation.objects.count() == 0


def test_inviting_a_referent_to_an_advisory_role_is_refused(world, client_as):
    client = client_as(world.admin)
    response = invite(
        client, {"email": world.referent.email, "role": Role.ADVISOR, "organisation": world.organisation.pk}
    )
    assert response.status_code == 400
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


def test_an_existing_person_accepts_while_signed_in(world, client_as, django_capture_on_commit_callbacks):
    client = client_as(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, {"email": world.no_role.email, "role": Role.BOARD_MEMBER, "cluster": world.cluster.pk})
    link = link_in_last_email()
    client = client_as(world.no_role)
    assert client.post(link).status_code == 302
    world.no_role.refresh_from_db()
    assert User.objects.get(pk=world.no_role.pk).scope_ids(Role.BOARD_MEMBER) == {world.cluster.pk}


def test_a_signed_in_person_cannot_take_someone_elses_invitation(world, client_as, django_capture_on_commit_callbacks):
    client = client_as(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, {"email": "someone@example.org", "role": Role.CURATOR})
    link = link_in_last_email()
    client = client_as(world.no_role)
    assert client.post(link).status_code == 400
    assert Invitation.objects.get().accepted_at is None
    assert not User.objects.get(pk=world.no_role.pk).roles


def test_revoked_invitation_stops_working(world, client_as, django_capture_on_commit_callbacks):
    client = client_as(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, {"email": "r@example.org", "role": Role.CURATOR})
    link = link_in_last_email()
    invitation = Invitation.objects.get()
    assert client.post(reverse("accounts:invitation_revoke", args=[invitation.pk])).status_code == 302
    client.logout()
    assert client.get(link).status_code == 410
    assert AuditEvent.objects.filter(action=AuditEvent.Action.INVITATION_REVOKED).count() == 1


def test_only_the_token_hash_is_stored(world, client_as, django_capture_on_commit_callbacks):
    client = client_as(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, {"email": "h@example.org", "role": Role.CURATOR})
    token = link_in_last_email().rstrip("/").rsplit("/", 1)[1]
    invitation = Invitation.objects.get()
    assert token not in invitation.token_hash
    assert len(invitation.token_hash) == 64


def test_invitation_list_is_paginated_and_shows_an_empty_state(world, client_as):
    client = client_as(world.admin)
    client.cookies["language"] = "en"
    assert "No invitations yet" in client.get(reverse("accounts:invitation_list")).content.decode()
