"""Workflows of the accounts app: audit events, role grants, invitations."""

import secrets
from datetime import date, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from outbox.services import send_email

from .models import AuditEvent, Invitation, RoleAssignment, User, hash_token, separation_conflict
from .roles import SCOPE_MODELS, Role, scope_for


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address, trusting X-Forwarded-For only from the configured number of proxies."""
    if request is None:
        return None
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def record_event(
    *,
    action: str,
    actor: User | None = None,
    target=None,
    request: HttpRequest | None = None,
    data: dict | None = None,
) -> AuditEvent:
    """Append one audit event. `target` is any model instance; `request` supplies address and agent."""
    if actor is not None and not getattr(actor, "pk", None):
        actor = None
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=target.pk if target is not None else None,
        target_repr=str(target)[:300] if target is not None else "",
        ip_address=client_ip(request),
        user_agent=(request.META.get("HTTP_USER_AGENT", "")[:300] if request else ""),
        data=data or {},
    )


@transaction.atomic
def grant_role(
    *,
    user: User,
    role: str,
    scope=None,
    granted_by: User | None = None,
    starts_on: date | None = None,
    request: HttpRequest | None = None,
) -> RoleAssignment:
    """Give a person a role (scoped where the role has a scope), enforcing the separation rule.

    The person's row is locked first, so two concurrent grants of opposite families cannot both pass.
    Raises ValidationError with a translated message when the grant is not allowed.
    """
    User.objects.select_for_update().filter(pk=user.pk).first()
    conflict = separation_conflict(user.pk, role)
    if conflict:
        raise ValidationError(conflict)
    assignment = RoleAssignment(
        user=user,
        role=role,
        scope_type=ContentType.objects.get_for_model(scope) if scope is not None else None,
        scope_id=scope.pk if scope is not None else None,
        starts_on=starts_on or timezone.localdate(),
        granted_by=granted_by,
    )
    assignment.full_clean()
    existing = RoleAssignment.objects.filter(
        user=user, role=role, scope_type=assignment.scope_type, scope_id=assignment.scope_id
    ).active()
    if existing.exists():
        return existing.get()
    assignment.save()
    if role == Role.PLATFORM_ADMIN and not (user.is_staff and user.is_superuser):
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    record_event(
        action=AuditEvent.Action.ROLE_GRANTED,
        actor=granted_by,
        target=assignment,
        request=request,
        data={"user": user.email, "role": role, "scope_id": assignment.scope_id},
    )
    user.__dict__.pop("roles", None)
    user.__dict__.pop("active_role_assignments", None)
    return assignment


@transaction.atomic
def end_role(
    *,
    assignment: RoleAssignment,
    ended_by: User | None,
    reason: str = "",
    on: date | None = None,
    request: HttpRequest | None = None,
) -> RoleAssignment:
    """End a role assignment (today unless `on` is given). The row stays, for history and the cooling-off rule."""
    ended_on = max(on or timezone.localdate(), assignment.starts_on)
    updated = RoleAssignment.objects.filter(pk=assignment.pk, ended_on__isnull=True).update(
        ended_on=ended_on, ended_by=ended_by, end_reason=reason[:300]
    )
    assignment.refresh_from_db()
    if not updated:
        return assignment
    user = assignment.user
    if (
        assignment.role == Role.PLATFORM_ADMIN
        and not RoleAssignment.objects.filter(user=user, role=Role.PLATFORM_ADMIN).active().exists()
    ):
        user.is_staff = user.is_superuser = False
        user.save(update_fields=["is_staff", "is_superuser"])
    record_event(
        action=AuditEvent.Action.ROLE_ENDED,
        actor=ended_by,
        target=assignment,
        request=request,
        data={"user": user.email, "role": assignment.role, "reason": reason[:300]},
    )
    return assignment


def invitation_scope_is_valid(role: str, scope) -> bool:
    expected = scope_for(role)
    if expected is None:
        return scope is None
    return scope is not None and scope._meta.label == SCOPE_MODELS[expected]


@transaction.atomic
def create_invitation(
    *,
    email: str,
    role: str,
    scope=None,
    full_name: str = "",
    invited_by: User,
    request: HttpRequest | None = None,
) -> tuple[Invitation, str]:
    """Create an invitation and send its link by email after the transaction commits.

    Returns the invitation and the raw token (only its hash is stored).
    """
    if not invitation_scope_is_valid(role, scope):
        raise ValidationError({"scope": gettext("Choose the cluster or organisation this role applies to.")})
    email = email.strip().lower()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        conflict = separation_conflict(existing.pk, role)
        if conflict:
            raise ValidationError(conflict)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email,
        full_name=full_name.strip(),
        role=role,
        scope_type=ContentType.objects.get_for_model(scope) if scope is not None else None,
        scope_id=scope.pk if scope is not None else None,
        token_hash=hash_token(token),
        language=translation.get_language() or settings.LANGUAGE_CODE,
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    record_event(
        action=AuditEvent.Action.INVITATION_SENT,
        actor=invited_by,
        target=invitation,
        request=request,
        data={"email": email, "role": role},
    )
    base_url = request.build_absolute_uri("/") if request is not None else ""
    _owe_invitation_email(invitation=invitation, token=token, base_url=base_url)
    return invitation, token


def _owe_invitation_email(*, invitation: Invitation, token: str, base_url: str) -> None:
    """The invitation's email, in the invitation's language, owed to the outbox with the invitation itself.

    Written here rather than by a task, so the token travels only inside the email (whose text the outbox drops once
    it is sent), never as a task argument kept in a queue or a table."""
    with translation.override(invitation.language):
        link = (base_url or settings.PLATFORM_URL).rstrip("/") + reverse("accounts:invitation_accept", args=[token])
        context = {"invitation": invitation, "link": link, "valid_days": settings.INVITATION_VALID_DAYS}
        subject = render_to_string("emails/accounts/invitation_subject.txt", context).strip()
        body = render_to_string("emails/accounts/invitation_body.txt", context)
    send_email(key=f"invitation:{invitation.pk}", to=invitation.email, subject=subject, body=body)


def find_invitation(token: str) -> Invitation | None:
    return Invitation.objects.select_related("scope_type").filter(token_hash=hash_token(token)).first()


@transaction.atomic
def accept_invitation(
    *,
    invitation: Invitation,
    user: User | None = None,
    password: str = "",
    full_name: str = "",
    request: HttpRequest | None = None,
) -> User:
    """Use an invitation once: create the person (or take the signed-in one) and grant the role.

    A conditional update marks the invitation used, so two concurrent uses cannot both succeed.
    Raises ValidationError if the invitation is expired, revoked or already used.
    """
    from allauth.account.models import EmailAddress

    # Who may use it is checked before anything is written; the conditional update then claims it.
    if user is None and User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(gettext("An account with this email exists: sign in to accept the invitation."))
    if user is not None and user.email.lower() != invitation.email.lower():
        raise ValidationError(gettext("This invitation was sent to another email address."))
    claimed = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).update(accepted_at=timezone.now())
    if not claimed:
        raise ValidationError(gettext("This invitation has expired or has already been used."))
    if user is None:
        user = User.objects.create_user(
            email=invitation.email, password=password, full_name=full_name or invitation.full_name
        )
    # The link reached this mailbox, so the address is verified.
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    grant_role(
        user=user,
        role=invitation.role,
        scope=invitation.scope,
        granted_by=invitation.invited_by,
        request=request,
    )
    Invitation.objects.filter(pk=invitation.pk).update(accepted_by=user)
    record_event(action=AuditEvent.Action.INVITATION_ACCEPTED, actor=user, target=invitation, request=request)
    return user


@transaction.atomic
def revoke_invitation(*, invitation: Invitation, revoked_by: User, request: HttpRequest | None = None) -> bool:
    updated = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if updated:
        record_event(action=AuditEvent.Action.INVITATION_REVOKED, actor=revoked_by, target=invitation, request=request)
    return bool(updated)


def set_preferred_language(*, user: User, language: str, request: HttpRequest | None = None) -> None:
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
