"""Personal access tokens: created by their owner (two-factor first where the role requires it), shown once,
stored hashed, expiring, revocable, optionally limited to source networks; each use is audited."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User, hash_token
from accounts.services import record_event

from .models import AccessToken

TOKEN_PREFIX = "rcp_"


class TokenError(Exception):
    """Creating a token was refused; the message is translated."""


def requires_two_factor(user: User) -> bool:
    return bool(set(settings.MFA_REQUIRED_ROLES) & set(user.roles))


def has_two_factor(user: User) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def can_create_token(user: User) -> bool:
    return user.is_authenticated and (not requires_two_factor(user) or has_two_factor(user))


def tokens_of(user: User):
    return AccessToken.objects.filter(user=user)


@transaction.atomic
def create_token(
    *, user: User, name: str, days: int, allowed_networks: str = "", request=None
) -> tuple[AccessToken, str]:
    """A new token for its owner; returns the row and the token itself, which is never shown again."""
    if not can_create_token(user):
        raise TokenError(_("Set up two-factor authentication before creating an access token."))
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        raise TokenError(_("A token is valid for 1 to %(days)d days.") % {"days": settings.API_TOKEN_MAX_DAYS})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = AccessToken.objects.create(
        user=user,
        name=name,
        prefix=secret[: len(TOKEN_PREFIX) + 6],
        token_hash=hash_token(secret),
        created_at=now,
        expires_at=now + timedelta(days=days),
        allowed_networks=allowed_networks,
    )
    record_event(
        action="access_token_created",
        actor=user,
        target=token,
        request=request,
        data={"expires_at": token.expires_at.isoformat(), "networks": allowed_networks.split()},
    )
    return token, secret


@transaction.atomic
def revoke_token(*, token: AccessToken, revoked_by: User, request=None) -> bool:
    """Revoke a token at once; revoking twice changes nothing."""
    changed = AccessToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    if changed:
        record_event(action="access_token_revoked", actor=revoked_by, target=token, request=request)
    return bool(changed)


def find_usable_token(secret: str) -> AccessToken | None:
    if not secret.startswith(TOKEN_PREFIX):
        return None
    return AccessToken.objects.usable().select_related("user").filter(token_hash=hash_token(secret)).first()


def record_use(*, token: AccessToken, request) -> None:
    """Audit one use of a token (who, from where, what) and remember when it was last used."""
    now = timezone.now()
    AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
    record_event(
        action="access_token_used",
        actor=token.user,
        target=token,
        request=request,
        data={"path": request.path[:300], "query": request.META.get("QUERY_STRING", "")[:300]},
    )
