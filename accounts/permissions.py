"""Who may see and do what in the accounts app."""

from django.db.models import QuerySet

from .models import AuditEvent, Invitation, User
from .roles import CURATOR_INVITABLE_ROLES, Role


def invitable_roles(user: User) -> list[str]:
    """Roles this person may invite others to: every role for a platform admin, advisory roles for a curator."""
    if user.has_role(Role.PLATFORM_ADMIN):
        return list(Role.values)
    if user.has_role(Role.CURATOR):
        return [role for role in Role.values if role in CURATOR_INVITABLE_ROLES]
    return []


def can_invite(user: User) -> bool:
    return bool(invitable_roles(user))


def invitations_visible_to(user: User) -> QuerySet[Invitation]:
    """A platform admin sees every invitation; a curator the advisory ones; anyone else none."""
    roles = invitable_roles(user)
    return Invitation.objects.filter(role__in=roles).select_related("invited_by", "scope_type")


def can_revoke_invitation(user: User, invitation: Invitation) -> bool:
    return invitation.role in invitable_roles(user) and invitation.accepted_at is None and invitation.revoked_at is None


def audit_events_visible_to(user: User) -> QuerySet[AuditEvent]:
    if user.has_role(Role.PLATFORM_ADMIN):
        return AuditEvent.objects.select_related("actor", "target_type")
    return AuditEvent.objects.none()
